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
		node tests/browser/links.mjs "$WORK/$t/site"
	done
else
	echo "not ok - html: node is not installed (make test-deps)"
fi
