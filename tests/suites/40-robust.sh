# Pathological inputs (issue 6): each hostile content tree, generated here
# with sh and awk, must give its diagnostics at their positions, or build
# correctly, within a time and memory bound (tests/pathological/lib.sh;
# docs/robustness.md names every bound and why). Both flavours: under
# ASan/UBSan the same inputs also prove there is no invalid access.
set -u
cd "$TOP"
. "$TOP/tests/pathological/lib.sh"
MEASURE=$WORK/measure
cc -O2 -o "$MEASURE" tests/bench/measure.c || { echo "not ok - robust: cannot build measure"; exit 1; }
K=$KEIKAKU
F=content/chapters/01-intro.md

# --- Markdown nesting and emphasis ---------------------------------------
case_tree lists
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "x" }' | chapter chapters/01-intro.md
expect lists "10,000 nested lists" $CHECK_S $CHECK_MIB 1 "$F:5:33 md-limit" -- "$K" check content

case_tree quotes
awk 'BEGIN { for (i = 0; i < 10000; i++) printf ">"; print " x" }' | chapter chapters/01-intro.md
expect quotes "10,000 nested quotes" $CHECK_S $CHECK_MIB 1 "$F:5:33 md-limit" -- "$K" check content

case_tree mixed
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "> - "; print "x" }' | chapter chapters/01-intro.md
expect mixed "5,000 quotes and lists alternating" $CHECK_S $CHECK_MIB 1 "$F:5:43 md-limit" -- "$K" check content

case_tree stars
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "*"; print "" }' | chapter chapters/01-intro.md
expect stars "50,000 unmatched * on one line, built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out

case_tree stars2
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "*a"; print "" }' | chapter chapters/01-intro.md
expect stars2 "50,000 unmatched *a, built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out

case_tree stars3
awk 'BEGIN { for (i = 0; i < 50000; i++) printf "漢*"; print "" }' | chapter chapters/01-intro.md
expect stars3 "50,000 * between kanji (the emphasis fix), built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out

case_tree stars4
awk 'BEGIN { for (i = 0; i < 50000; i++) print "*a _b"; }' | chapter chapters/01-intro.md
expect stars4 "50,000 lines of unmatched * and _, built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out

# --- Long lines ---------------------------------------------------------
case_tree longline
awk 'BEGIN { for (i = 0; i < 131072; i++) printf "abcdefgh"; print "" }' | chapter chapters/01-intro.md
expect longline "a 1 MiB line without spaces, built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out

case_tree longja
awk 'BEGIN { for (i = 0; i < 349525; i++) printf "漢"; print "" }' | chapter chapters/01-intro.md
expect longja "a 1 MiB line of kanji, built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out

case_tree longurl
awk 'BEGIN { printf "https://example.jp/"; for (i = 0; i < 1300; i++) printf "a/b-c."; print "" }' | chapter chapters/01-intro.md
expect longurl "an 8 KB autolinked URL (under MD_MAX_URL), built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out
awk 'BEGIN { printf "https://example.jp/"; for (i = 0; i < 100000; i++) printf "a/b-c."; print "" }' | chapter chapters/01-intro.md
expect longurl "a 600 KB autolinked URL" $CHECK_S $CHECK_MIB 1 "$F:5:1 md-limit" -- "$K" check content
awk 'BEGIN { printf "[リンク](https://example.jp/"; for (i = 0; i < 2000; i++) printf "a/b-c."; print ")" }' | chapter chapters/01-intro.md
expect longurl "a 12 KB link address" $CHECK_S $CHECK_MIB 1 "$F:5:7 md-limit" -- "$K" check content

# --- Tables -------------------------------------------------------------
# tab ROWS COLS: a GFM table without outer pipes.
tab() {
	awk -v R="$1" -v C="$2" 'BEGIN {
		for (c = 0; c < C; c++) printf "%sh%d", (c ? "|" : ""), c; print ""
		for (c = 0; c < C; c++) printf "%s---", (c ? "|" : ""); print ""
		for (r = 0; r < R; r++) {
			for (c = 0; c < C; c++) printf "%s%d", (c ? "|" : ""), r * C + c
			print ""
		}
	}'
}
case_tree table100k
tab 10000 10 | chapter chapters/01-intro.md
expect table100k "a 100,000-cell table" $CHECK_S $CHECK_MIB 1 "$F:5:1 md-limit" -- "$K" check content

case_tree tablewide
tab 100 1001 | chapter chapters/01-intro.md
expect tablewide "a table of 1,001 columns" $CHECK_S $CHECK_MIB 1 "$F:5:1 md-limit" -- "$K" check content

# tabp ROWS COLS: the same with outer pipes (| a | b |).
tabp() {
	awk -v R="$1" -v C="$2" 'BEGIN {
		for (c = 0; c < C; c++) printf "| h%d ", c; print "|"
		for (c = 0; c < C; c++) printf "|---"; print "|"
		for (r = 0; r < R; r++) {
			for (c = 0; c < C; c++) printf "| %d ", r * C + c
			print "|"
		}
	}'
}
case_tree table20k
tabp 1999 10 | chapter chapters/01-intro.md
expect table20k "a table of exactly 20,000 cells (the limit, outer pipes), built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out
tabp 2000 10 | chapter chapters/01-intro.md
expect table20k "a table of 20,010 cells (one row past the limit)" $CHECK_S $CHECK_MIB 1 "$F:5:1 md-limit" -- "$K" check content

case_tree table1000
tabp 19 1000 | chapter chapters/01-intro.md
expect table1000 "a table of 1,000 columns (the limit, outer pipes) and 20,000 cells, built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out

case_tree table900
tab 10 900 | chapter chapters/01-intro.md
expect table900 "a table of 900 columns, built" $HEAVY_S $HEAVY_MIB 0 -- "$K" build -q content -o out

# --- Many records -------------------------------------------------------
case_tree p5000
rm -f "$C"/projects/*.md
awk -v D="$C/projects" 'BEGIN { for (i = 1; i <= 5000; i++) {
	f = sprintf("%s/p%05d.md", D, i)
	printf "---\ntype: project\nkey: p%05d\ntitle: 事業%d\npillar: 1\nstatus: new\ndepartments: [somu]\n---\n事業%dの説明です。\n", i, i, i > f
	close(f) } }'
expect p5000 "5,000 projects, checked" $BUILD_S $BUILD_MIB 0 -- "$K" check -q content
expect p5000 "5,000 projects, built" $LARGE_S $LARGE_MIB 0 -- "$K" build -q content -o out
if [ "$RC" -eq 0 ] && [ "$(ls "$WORK/p5000/out/site/projects" | wc -l)" -ge 5000 ]; then
	echo "ok - robust: 5,000 project pages written"
else
	echo "not ok - robust: 5,000 project pages written"
fi

# --- Encodings ----------------------------------------------------------
case_tree utf8
printf '日本語\377\376です\n' | chapter chapters/01-intro.md
printf 'city:\n  name: 南浜\343\201町\n' >"$C/glossary.yaml"
expect utf8 "invalid UTF-8 in Markdown and YAML" $CHECK_S $CHECK_MIB 1 \
    "$F:5:4 invalid-utf8" "content/glossary.yaml:2:11 invalid-utf8" -- "$K" check content

case_tree utf8b
printf 'a\300\257b \355\240\200 \364\220\200\200\n' | chapter chapters/01-intro.md
expect utf8b "overlong, surrogate and past-U+10FFFF sequences" $CHECK_S $CHECK_MIB 1 "$F:5:2 invalid-utf8" -- "$K" check content

case_tree nul
printf '日本語\000です\n' | chapter chapters/01-intro.md
printf -- '- { key: somu, name: 総務\000課 }\n' >"$C/departments.yaml"
expect nul "NUL bytes in Markdown and YAML" $CHECK_S $CHECK_MIB 1 \
    "$F:5:4 nul-byte" "content/departments.yaml:1:24 nul-byte" -- "$K" check content

case_tree utf16
printf '\377\376-\000 \000{\000' >"$C/departments.yaml"
expect utf16 "a UTF-16 file" $CHECK_S $CHECK_MIB 1 "content/departments.yaml:1:4 nul-byte" -- "$K" check content

case_tree bom
(cd "$C" && "$K" dump . >"$WORK/bom.plain")
for f in plan.yaml departments.yaml chapters/01-intro.md projects/denshi-shinsei.md; do
	{ printf '\357\273\277'; cat "$C/$f"; } >"$C/$f.n" && mv "$C/$f.n" "$C/$f"
done
expect bom "a BOM on every file, built" $BUILD_S $BUILD_MIB 0 -- "$K" build -q content -o out
(cd "$C" && "$K" dump . >"$WORK/bom.dump")
if cmp -s "$WORK/bom.plain" "$WORK/bom.dump"; then echo "ok - robust: a BOM changes nothing in the model (positions included)"
else echo "not ok - robust: a BOM changes the model"; diff "$WORK/bom.plain" "$WORK/bom.dump" | head -5 | sed 's/^/# /'; fi
printf -- '- { key: x, nam: y }\n' >>"$C/departments.yaml"
expect bom "a diagnostic in a file with a BOM is at the right column" $CHECK_S $CHECK_MIB 1 \
    "content/departments.yaml:2:13 unknown-key" -- "$K" check content

case_tree crlf
(cd "$C" && "$K" dump . >"$WORK/crlf.plain")
find "$C" -type f | while IFS= read -r f; do
	sed 's/$/\r/' "$f" >"$f.n" && mv "$f.n" "$f"
done
expect crlf "CRLF line endings everywhere, built" $BUILD_S $BUILD_MIB 0 -- "$K" build -q content -o out
(cd "$C" && "$K" dump . >"$WORK/crlf.dump")
if cmp -s "$WORK/crlf.plain" "$WORK/crlf.dump"; then echo "ok - robust: CRLF changes nothing in the model (positions included)"
else echo "not ok - robust: CRLF changes the model"; diff "$WORK/crlf.plain" "$WORK/crlf.dump" | head -5 | sed 's/^/# /'; fi
printf -- '- { key: x, nam: y }\r\n' >>"$C/departments.yaml"
expect crlf "a diagnostic after CRLF lines is on the right line" $CHECK_S $CHECK_MIB 1 \
    "content/departments.yaml:2:13 unknown-key" -- "$K" check content

case_tree cr
printf -- '---\rtitle: 計画について\rkey: intro\r---\r本文です。\r\r[[no-such]]\r' >"$C/chapters/01-intro.md"
expect cr "old Mac CR line endings: positions still by line" $CHECK_S $CHECK_MIB 1 "$F:7:3 unknown-term" -- "$K" check content

# --- YAML ---------------------------------------------------------------
case_tree bomb
{
	echo 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	for i in 1 2 3 4 5 6 7 8 9; do
		p=$((i - 1))
		echo "a$i: &a$i [*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p]"
	done
} >"$C/glossary.yaml"
expect bomb "a YAML alias bomb (billion laughs)" $CHECK_S $CHECK_MIB 1 "content/glossary.yaml:7:10 yaml-limit" -- "$K" check content

case_tree bomb2
{
	echo 'a: &a { k: [x, y, z, w, v, u, t, s] }'
	i=0
	while [ $i -lt 2000 ]; do echo "b$i: *a"; i=$((i + 1)); done
} >"$C/glossary.yaml"
expect bomb2 "2,000 aliases of one anchor (no bomb: a diagnostic, not a limit)" $CHECK_S $CHECK_MIB 1 -- "$K" check content

case_tree deepflow
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' >"$C/glossary.yaml"
expect deepflow "YAML flow sequences nested 100,000 deep" $CHECK_S $CHECK_MIB 1 "content/glossary.yaml:1:65 yaml-limit" -- "$K" check content

case_tree deepmap
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "{a: "; printf "1"; for (i = 0; i < 10000; i++) printf "}"; print "" }' >"$C/plan.yaml"
expect deepmap "YAML flow mappings nested 10,000 deep" $CHECK_S $CHECK_MIB 1 "content/plan.yaml:1:257 yaml-limit" -- "$K" check content

case_tree deepblock
awk 'BEGIN { for (i = 0; i < 2000; i++) { s = ""; for (j = 0; j < i; j++) s = s " "; print s "a:" } }' >"$C/glossary.yaml"
expect deepblock "YAML block mappings nested 2,000 deep" $CHECK_S $CHECK_MIB 1 "content/glossary.yaml:65:65 yaml-limit" -- "$K" check content

case_tree deepfm
{ printf -- '---\ntitle: t\nkey: intro\nx: '; awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; print "" }'; printf -- '---\n本文\n'; } >"$C/chapters/01-intro.md"
expect deepfm "front-matter nested 5,000 deep" $CHECK_S $CHECK_MIB 1 "$F:4:67 yaml-limit" -- "$K" check content

case_tree bignum
printf -- '---\ntype: project\nkey: denshi-shinsei\ntitle: 電子申請の導入\npillar: 1\nstatus: new\ndepartments: [somu]\nindicators:\n  - { kind: output, name: 件数, unit: 件, targets: { R9: 1e400, R10: 123456789012345678901234567890, R11: 0x7fffffffffffffffffff, R12: -99999999999999999999, R13: 1.0000000000000000000001 } }\n---\n本文\n' \
    >"$C/projects/denshi-shinsei.md"
P=content/projects/denshi-shinsei.md
expect bignum "numbers too large for any integer or double" $CHECK_S $CHECK_MIB 1 \
    "$P:9:55 number-range" "$P:9:67 number-range" "$P:9:104 number-range" \
    "$P:9:133 number-range" "$P:9:161 number-range" -- "$K" check content

case_tree bigyear
sed 's/period: { from: R9, to: R13 }/period: { from: R99999999999999999999, to: 99999999999999999999999 }/' \
    "$C/plan.yaml" >"$C/p" && mv "$C/p" "$C/plan.yaml"
expect bigyear "years too large for any integer" $CHECK_S $CHECK_MIB 1 \
    "content/plan.yaml:6:19 bad-year" "content/plan.yaml:6:46 bad-year" -- "$K" check content

case_tree bigmd
printf '4294967296. 項目\n\n123456789. 項目\n\n| a |\n|---|\n| 99999999999999999999999999 |\n' | chapter chapters/01-intro.md
expect bigmd "a list start past 9 digits and a huge number in a table, built" $BUILD_S $BUILD_MIB 0 -- "$K" build -q content -o out

# --- Empty and unclosed files -------------------------------------------
for f in plan.yaml departments.yaml chapters/01-intro.md projects/denshi-shinsei.md; do
	n=empty-$(echo "$f" | tr '/.' '--')
	case_tree "$n"
	: >"$C/$f"
	case $f in
	plan.yaml) want="content/plan.yaml:1:1 missing-field" ;;
	departments.yaml) want="content/projects/denshi-shinsei.md:7:15 unknown-department" ;;
	*.md) want="content/$f:1:1 missing-front-matter" ;;
	esac
	expect "$n" "an empty $f" $CHECK_S $CHECK_MIB 1 "$want" -- "$K" check content
done
case_tree empty-glossary
: >"$C/glossary.yaml"
expect empty-glossary "an empty glossary.yaml, built" $BUILD_S $BUILD_MIB 0 -- "$K" build -q content -o out

case_tree unclosed
printf -- '---\ntitle: 計画について\nkey: intro\n本文\n' >"$C/chapters/01-intro.md"
printf -- '\357\273\277---\ntype: project\n' >"$C/projects/denshi-shinsei.md"
expect unclosed "front-matter that never closes (also after a BOM)" $CHECK_S $CHECK_MIB 1 \
    "$F:1:1 front-matter-unclosed" "content/projects/denshi-shinsei.md:1:1 front-matter-unclosed" -- "$K" check content

case_tree onlydashes
printf -- '---' >"$C/chapters/01-intro.md"
expect onlydashes "a file that is only '---' without a newline" $CHECK_S $CHECK_MIB 1 "$F:1:1 front-matter-unclosed" -- "$K" check content

# --- The file system ----------------------------------------------------
case_tree links
ln -s . "$C/projects/loop"
ln -s ../projects "$C/projects/up"
ln -s b.md "$C/projects/a.md"
ln -s a.md "$C/projects/b.md"
ln -s self.md "$C/chapters/self.md"
mkdir -p "$C/projects/sub"
ln -s .. "$C/projects/sub/parent"
expect links "symbolic link loops under content/" $CHECK_S $CHECK_MIB 1 \
    "content/projects/a.md missing-file" "content/projects/b.md missing-file" \
    "content/chapters/self.md missing-file" "content/projects/loop symlink-skipped" \
    "content/projects/sub/parent symlink-skipped" -- "$K" check content

case_tree deepdirs
d=$C/projects
i=0
while [ $i -lt 40 ]; do d=$d/d; i=$((i + 1)); done
mkdir -p "$d"
# The first folder past LOAD_MAX_DEPTH (16) is named.
expect deepdirs "folders nested 40 deep" $CHECK_S $CHECK_MIB 1 "content/projects$(awk 'BEGIN { for (i = 0; i < 17; i++) printf "/d" }') too-deep" -- "$K" check content

case_tree images
mkdir -p "$C/figures"
cp content/figures/population.svg "$WORK/outside.svg"
ln -s "$WORK/outside.svg" "$C/figures/abs-link.svg"
ln -s /etc/passwd "$C/figures/passwd.svg"
ln -s ../../../outside.svg "$C/figures/rel-link.svg"
ln -s "$TOP/content/figures" "$C/figures/dir"
chapter chapters/01-intro.md <<'MD'
![a](../../etc/passwd)

![b](/etc/passwd)

![c](figures/abs-link.svg)

![d](figures/passwd.svg)

![e](figures/rel-link.svg)

![f](figures/dir/population.svg)

![g](figures/../../x.svg)

![h](%2e%2e/%2e%2e/etc/passwd)

![i](file:///etc/passwd)

![j](//host/x.svg)

本文の![k](../x.svg)画像
MD
expect images "image paths that leave the content tree" $CHECK_S $CHECK_MIB 1 \
    "$F:5:6 image-outside" "$F:7:6 image-outside" "$F:9:6 image-outside" \
    "$F:11:6 image-outside" "$F:13:6 image-outside" "$F:15:6 image-outside" \
    "$F:17:6 image-outside" "$F:19:6 image-outside" "$F:21:6 unsafe-link" \
    "$F:23:6 image-outside" "$F:25:9 image-outside" -- "$K" check content

case_tree names
mkdir -p "$C/projects/第1 施策" "$C/figures"
mv "$C/projects/denshi-shinsei.md" "$C/projects/第1 施策/電子 申請.md"
mv "$C/chapters/01-intro.md" "$C/chapters/01 はじめに.md"
cp content/figures/population.svg "$C/figures/人口 推移.svg"
printf '\n![人口の推移](<figures/人口 推移.svg> "人口の推移")\n' >>"$C/chapters/01 はじめに.md"
expect names "file and folder names with spaces and Japanese, built" $BUILD_S $BUILD_MIB 0 -- "$K" build -q content -o "out dir"
if [ -f "$WORK/names/out dir/site/figures/人口 推移.svg" ] &&
    grep -q 'src="../figures/%E4%BA%BA%E5%8F%A3%20%E6%8E%A8%E7%A7%BB.svg"\|src="../figures/人口%20推移.svg"' \
    "$WORK/names/out dir/site/chapters/intro.html"; then
	echo "ok - robust: a figure named with a space and Japanese is copied and linked"
else
	echo "not ok - robust: a figure named with a space and Japanese is copied and linked"
fi
printf -- '---\ntype: project\nkey: x\ntitle: [\n---\n' >"$C/projects/第1 施策/壊れ.md"
expect names "a diagnostic names a file with spaces and Japanese" $CHECK_S $CHECK_MIB 1 \
    "content/projects/第1 施策/壊れ.md:5:1 yaml-syntax" -- "$K" check content

case_tree binary
head -c 65536 /dev/urandom >"$C/chapters/02-random.md" 2>/dev/null ||
    awk 'BEGIN { srand(1); for (i = 0; i < 65536; i++) printf "%c", int(rand() * 256) }' >"$C/chapters/02-random.md"
expect binary "64 KiB of random bytes as a chapter" $CHECK_S $CHECK_MIB 1 -- "$K" check content

case_tree huge
dd if=/dev/zero of="$C/chapters/02-huge.md" bs=1 count=0 seek=17M 2>/dev/null
expect huge "a 17 MiB (sparse) chapter" $CHECK_S $CHECK_MIB 1 "content/chapters/02-huge.md file-too-large" -- "$K" check content

exit 0
