# Reproducible output (issue 6): the same content, copied to two different
# folders (different names and depths, different file times), built at
# different times, from different working folders, into differently named
# output folders, with a different time zone, locale and umask, gives
# byte-identical HTML and PDF; with SOURCE_DATE_EPOCH unset (the PDFs then
# carry no date) and set (both carry that date and only that date).
set -u
cd "$TOP"
K=$KEIKAKU

mkdir -p "$WORK/one" "$WORK/two/a/b"
cp -R content "$WORK/one/content"
cp -R content "$WORK/two/a/b/plan-copy"
# Other file times for the second copy: they must not matter.
find "$WORK/two" -exec touch -h -d '2001-02-03 04:05:06' {} + 2>/dev/null

# same WHAT DIR1 DIR2: ok if the two trees have the same files, byte for byte.
same() {
	if diff -r "$2" "$3" >"$WORK/diff" 2>&1; then
		echo "ok - repro: $1 ($(find "$2" -type f | wc -l) files identical)"
	else
		echo "not ok - repro: $1"
		head -10 "$WORK/diff" | sed 's/^/# /'
	fi
}

# build TAG ENV...: builds both copies, the second one later and otherwise
# unlike the first in every way that must not matter.
build() {
	tag=$1
	shift
	(cd "$WORK/one" && env "$@" TZ=UTC LC_ALL=C \
	    "$K" build -q content -o "$WORK/$tag-1") >"$WORK/$tag-1.log" 2>&1 ||
	    echo "not ok - repro: build $tag in the first folder"
	sleep 1
	(cd / && umask 077 && env "$@" TZ=Asia/Tokyo LC_ALL=C.UTF-8 LANG=ja_JP.UTF-8 \
	    "$K" build -q "$WORK/two/a/b/plan-copy" -o "$WORK/two/$tag-2") >"$WORK/$tag-2.log" 2>&1 ||
	    echo "not ok - repro: build $tag in the second folder"
}

build plain -u SOURCE_DATE_EPOCH
same "HTML, SOURCE_DATE_EPOCH unset" "$WORK/plain-1/site" "$WORK/two/plain-2/site"
same "PDF, SOURCE_DATE_EPOCH unset" "$WORK/plain-1/pdf" "$WORK/two/plain-2/pdf"
if ! grep -a -q -e '/CreationDate' -e '/ModDate' "$WORK"/plain-1/pdf/*.pdf; then
	echo "ok - repro: no date in the PDFs when SOURCE_DATE_EPOCH is unset"
else
	echo "not ok - repro: a date in the PDFs although SOURCE_DATE_EPOCH is unset"
fi

build epoch SOURCE_DATE_EPOCH=1700000000
same "HTML, SOURCE_DATE_EPOCH set" "$WORK/epoch-1/site" "$WORK/two/epoch-2/site"
same "PDF, SOURCE_DATE_EPOCH set" "$WORK/epoch-1/pdf" "$WORK/two/epoch-2/pdf"
# 1700000000 is 2023-11-14 22:13:20 UTC, whatever the time zone.
n=$(ls "$WORK"/epoch-1/pdf/*.pdf | wc -l)
k=$(grep -a -l 'D:20231114221320Z' "$WORK"/epoch-1/pdf/*.pdf | wc -l)
if [ "$n" -gt 0 ] && [ "$k" -eq "$n" ]; then
	echo "ok - repro: every PDF carries the SOURCE_DATE_EPOCH date in UTC"
else
	echo "not ok - repro: $k of $n PDFs carry the SOURCE_DATE_EPOCH date"
fi

# Run from inside each copy with the same relative root, even model.txt
# (which names files by the root as given) is the same.
(cd "$WORK/two/a/b" && mv plan-copy content && "$K" build -q content -o "$WORK/two/rel") >/dev/null 2>&1
same "the whole output, model.txt included, from the same relative root" \
    "$WORK/plain-1" "$WORK/two/rel"
exit 0
