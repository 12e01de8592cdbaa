# once
# Every page of every built site in Debian's headless Chromium (driven by
# playwright-core, never a downloaded browser) with axe-core (WCAG 2.0,
# 2.1 and 2.2 A and AA: 0 violations), the structure checks, the skip link,
# reflow at 320 CSS px, and the Nu Html Checker (0 errors): the sample plan,
# the HTML golden fixture and every test tree. See tests/browser/check.mjs.
set -u
cd "$TOP"
. "$TOP/tests/golden/html/lib.sh"

missing=""
command -v node >/dev/null 2>&1 || missing="$missing node"
command -v java >/dev/null 2>&1 || missing="$missing java"
[ -x /usr/bin/chromium ] || missing="$missing /usr/bin/chromium"
[ -d tests/node_modules/playwright-core ] || missing="$missing playwright-core"
[ -f tests/node_modules/axe-core/axe.min.js ] || missing="$missing axe-core"
[ -f tests/node_modules/vnu-jar/build/dist/vnu.jar ] || missing="$missing vnu-jar"
if [ -n "$missing" ]; then
	echo "not ok - browser checks: missing$missing (make test-deps)"
	exit 1
fi

for t in content tree $(ls tests/trees); do
	dir=$(tree_dir "$t")
	if ! "$KEIKAKU" build -q "$dir" -o "$WORK/$t" >"$WORK/$t.log" 2>&1; then
		echo "not ok - browser: build $t"
		sed 's/^/# /' "$WORK/$t.log" | head -20
		continue
	fi
	echo "ok - browser: build $t"
	base=$("$KEIKAKU" dump "$dir" 2>/dev/null |
	    sed -n 's/^  output base_url "\([^"]*\)".*/\1/p')
	node tests/browser/check.mjs --base "${base:-/}" "$WORK/$t/site"
done
