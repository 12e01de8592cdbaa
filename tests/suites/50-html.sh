# The HTML back end without a browser: golden pages (tests/golden/html),
# byte-identical sites across builds, every internal link and fragment
# resolving, safe URLs only, no script or inline style, a complete
# sitemap, for the sample plan, the golden fixture and every test tree.
# Runs in both flavours, so the back end also runs under ASan/UBSan.
set -u
cd "$TOP"
. "$TOP/tests/golden/html/lib.sh"

built=""
for t in content tree $(ls tests/trees); do
	dir=$(tree_dir "$t")
	if "$KEIKAKU" build -q "$dir" -o "$WORK/$t" >"$WORK/$t.log" 2>&1 &&
	    [ -f "$WORK/$t/site/index.html" ]; then
		echo "ok - html: build $t"
		built="$built $t"
	else
		echo "not ok - html: build $t"
		sed 's/^/# /' "$WORK/$t.log" | head -20
		continue
	fi
	# The same input gives the same bytes.
	"$KEIKAKU" build -q "$dir" -o "$WORK/$t.again" >/dev/null 2>&1
	if diff -r "$WORK/$t/site" "$WORK/$t.again/site" >"$WORK/$t.diff" 2>&1; then
		echo "ok - html: $t site is byte-identical across builds"
	else
		echo "not ok - html: $t site differs between two builds"
		sed 's/^/# /' "$WORK/$t.diff" | head -20
	fi
done

golden_pages | {
	while read -r t p; do
		want="$GOLDEN/expected/$t/$p"
		got="$WORK/$t/site/$p"
		if [ ! -f "$want" ]; then
			echo "not ok - html golden $t/$p: no golden (run tests/golden/html/regen and review it)"
			continue
		fi
		golden_normalise "$got" >"$WORK/got.html" 2>/dev/null
		if [ -f "$got" ] && cmp -s "$want" "$WORK/got.html"; then
			echo "ok - html golden $t/$p"
		else
			echo "not ok - html golden $t/$p"
			diff "$want" "$WORK/got.html" | sed 's/^/# /' | head -30
		fi
	done
}

if command -v node >/dev/null 2>&1; then
	for t in $built; do
		# content/ and the golden fixture name an absolute site_url:
		# their sitemap.xml must exist.
		req=0
		case $t in content|tree) req=1 ;; esac
		SITEMAP_REQUIRED=$req node tests/browser/links.mjs "$WORK/$t/site"
	done
else
	echo "not ok - html: node is not installed (make test-deps)"
fi

# A city's own theme: its links, colours and logo come from its files.
theme="$WORK/theme"
rm -rf "$theme"
cp -R themes/default "$theme"
sed 's|https://www.city.example.jp/privacy/|https://www.city.example.org/privacy/|' \
    themes/default/page.html >"$theme/page.html"
sed 's|--brand: #00118f;|--brand: #005a32;|' themes/default/style.css >"$theme/style.css"
if "$KEIKAKU" build -q --theme "$theme" content -o "$WORK/themed" >"$WORK/themed.log" 2>&1 &&
    grep -q 'href="https://www.city.example.org/privacy/"' "$WORK/themed/site/chapters/current.html" &&
    grep -q -- '--brand: #005a32;' "$WORK/themed/site/style.css" &&
    [ -f "$WORK/themed/site/logo.svg" ] && [ ! -e "$WORK/themed/site/README.md" ] &&
    [ ! -e "$WORK/themed/site/page.html" ]; then
	echo "ok - html: a city's theme folder changes links and colours; templates and notes are not published"
else
	echo "not ok - html: a city's theme folder"
	sed 's/^/# /' "$WORK/themed.log" | head -10
fi

theme_fails() {	# theme_fails WANT_STATUS CODE WHAT: the build with $WORK/bad-theme fails so
	"$KEIKAKU" build -q --theme "$WORK/bad-theme" content -o "$WORK/bad-out" \
	    >"$WORK/bad.log" 2>&1
	got=$?
	if [ "$got" -eq "$1" ] && grep -q "\[$2\]" "$WORK/bad.log" &&
	    [ ! -e "$WORK/bad-out" ]; then
		echo "ok - html: $3 (exit $1, $2)"
	else
		echo "not ok - html: $3: exit $got, want $1 with [$2]"
		sed 's/^/# /' "$WORK/bad.log" | head -10
	fi
}
rm -rf "$WORK/bad-theme"
cp -R themes/default "$WORK/bad-theme"
sed 's|href="index.html"|href="javascript:alert(1)"|' themes/default/page.html \
    >"$WORK/bad-theme/page.html"
theme_fails 1 theme-unsafe-url "a theme link with a javascript: URL stops the build"
sed 's| data-slot="main"||' themes/default/page.html >"$WORK/bad-theme/page.html"
theme_fails 1 theme-slot "a template without the main slot stops the build"
rm -f "$WORK/bad-theme/page.html"
theme_fails 3 theme-read "a theme without page.html is a system error"
sed 's|<body>|<body onload="x()">|' themes/default/page.html >"$WORK/bad-theme/page.html"
theme_fails 1 theme-inline "an event handler in the template stops the build"
sed 's|</head>|<style>body { color: red }</style></head>|' themes/default/page.html \
    >"$WORK/bad-theme/page.html"
theme_fails 1 theme-inline "a <style> element in the template stops the build"
# keikaku writes the policy and the charset whatever the template says.
grep -v 'charset' themes/default/page.html |
    sed 's|<head>|<head><meta http-equiv="Content-Security-Policy" content="script-src *">|' \
    >"$WORK/bad-theme/page.html"
if "$KEIKAKU" build -q --theme "$WORK/bad-theme" content -o "$WORK/csp-out" >"$WORK/csp.log" 2>&1 &&
    sed -n '4,5p' "$WORK/csp-out/site/index.html" | tr '\n' ' ' |
    grep -q "^<meta charset=\"utf-8\"> <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';" &&
    ! grep -q 'script-src \*' "$WORK/csp-out/site/index.html"; then
	echo "ok - html: the charset and the Content-Security-Policy are keikaku's, not the template's"
else
	echo "not ok - html: the template's policy or a missing charset reached the pages"
	sed -n '1,8p' "$WORK/csp-out/site/index.html" 2>/dev/null | sed 's/^/# /'
fi
