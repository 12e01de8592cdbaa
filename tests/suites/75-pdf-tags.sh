# once
# Tagged PDF (PDF/UA-1 structure), read back with poppler and qpdf: for the
# sample plan, every test tree and tests/pdftags/tree (a title the XMP must
# escape, short years, captions, ※ notes, a table over pages), every volume
# is tagged (MarkInfo, Lang,
# DisplayDocTitle, XMP with dc:title and pdfuaid:part 1), its headings never
# skip a level and hold the model's headings in order, the text of the
# model's paragraphs, items, cells, schedules and indicators is in the
# structure in the model's order, every Figure has /Alt, every TH /Scope,
# every Note /ID, every link /Contents and a Link with its OBJR, no text,
# path or image is outside marked content or an Artifact, the structure's
# text is what pdftotext extracts, qpdf --check is clean, Captions are in
# their Figure or Table, footnotes and ※ notes are Notes that the markers'
# References point to, short years read in full (/E), expansions carry
# their /Lang, the TOC has a TOCI per entry, and repeated table headers are
# no rows (tests/pdftags/check.js, one line per check). For the sample, tagging
# costs at most 30 % of a volume's size (KEIKAKU_PDF_TAGS=0 builds it
# untagged), and the same input gives the same bytes.
set -u
cd "$TOP"

# Tagging may add this much to a volume (percent): issue 5's budget.
MAX_GROWTH=30

if ! command -v node >/dev/null 2>&1; then
	echo "not ok - pdf tags: node is not installed (make test-deps)"
	exit 0
fi

for t in content tags $(ls tests/trees); do
	case $t in
	content) dir=content ;;
	tags) dir=tests/pdftags/tree ;;
	*) dir=tests/trees/$t ;;
	esac
	if ! "$KEIKAKU" build -q "$dir" -o "$WORK/$t" >"$WORK/$t.log" 2>&1; then
		echo "not ok - pdf tags: build $t"
		sed 's/^/# /' "$WORK/$t.log" | head -20
		continue
	fi
	"$KEIKAKU" dump "$dir" >"$WORK/$t.dump" 2>/dev/null
	n=0
	for f in "$WORK/$t"/pdf/*.pdf; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		v=$(basename "$f" .pdf)
		node tests/pdftags/check.js "$f" "$WORK/$t.dump" "$v" "$t/$v" ||
		    echo "not ok - pdf tags: $t/$v: the checker failed"
	done
	if [ "$n" -gt 0 ]; then
		echo "ok - pdf tags: $t has $n volumes to check"
	else
		echo "not ok - pdf tags: $t has no PDF"
	fi
done

# The cost in size, and determinism, on the sample.
if KEIKAKU_PDF_TAGS=0 "$KEIKAKU" build -q content -o "$WORK/untagged" \
    >"$WORK/untagged.log" 2>&1 &&
    "$KEIKAKU" build -q content -o "$WORK/again" >"$WORK/again.log" 2>&1; then
	for f in "$WORK/content"/pdf/*.pdf; do
		v=$(basename "$f" .pdf)
		a=$(wc -c <"$WORK/untagged/pdf/$v.pdf")
		b=$(wc -c <"$f")
		pct=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
		if awk -v a="$a" -v b="$b" -v m="$MAX_GROWTH" 'BEGIN { exit !(b * 100 <= a * (100 + m)) }'; then
			echo "ok - pdf tags: content/$v: tagging adds $pct % ($a -> $b bytes)"
		else
			echo "not ok - pdf tags: content/$v: tagging adds $pct % ($a -> $b bytes), more than $MAX_GROWTH %"
		fi
		if pdfinfo "$WORK/untagged/pdf/$v.pdf" | grep -q '^Tagged: *no'; then
			echo "ok - pdf tags: content/$v: KEIKAKU_PDF_TAGS=0 builds it untagged"
		else
			echo "not ok - pdf tags: content/$v: KEIKAKU_PDF_TAGS=0 still tags"
		fi
		if cmp -s "$f" "$WORK/again/pdf/$v.pdf"; then
			echo "ok - pdf tags: content/$v: the same bytes from a second build"
		else
			echo "not ok - pdf tags: content/$v: a second build gives other bytes"
		fi
	done
else
	echo "not ok - pdf tags: builds for the size and determinism checks"
	cat "$WORK/untagged.log" "$WORK/again.log" | sed 's/^/# /' | head -10
fi
