# once
# The PDF volumes, read back with qpdf and poppler: for the sample plan and
# every test tree, every PDF is structurally clean, has every font embedded
# and subset, A4 pages, the text of every chapter, project and glossary term
# (the expected strings come from `keikaku dump`), no line starting with a
# 行頭禁則 character, an outline entry per chapter and project, and no word
# outside the page's print-safe area.
set -u
cd "$TOP"

# Words must lie this far inside the page edge (pt): 10 mm.
EDGE=28

# One expected string per line for volume $2 of dump $1: kind<TAB>text.
expected() {
	awk -v vol="$2" '
	function q(s, key,   i, r) {
		i = index(s, key " \"")
		if (i == 0) return ""
		r = substr(s, i + length(key) + 2)
		sub(/".*/, "", r)
		return r
	}
	/^  volume key / { cur = q($0, "key"); next }
	/^    toc / && cur == vol {
		a = q($0, "anchor"); t = q($0, "title")
		if (a ~ /^ch-/ && $2 == 1) print "chapter\t" t
		else if (a ~ /^pj-/) print "project\t" t
		else if (a == "glossary") gl = 1
		next
	}
	/^  term key / { n = q($0, "term"); u = $0; sub(/.* uses /, "", u); sub(/ .*/, "", u)
		if (u + 0 > 0) terms[++nt] = n }
	END { if (gl) for (i = 1; i <= nt; i++) print "term\t" terms[i] }
	' "$1"
}

check_pdf() {	# tree pdf dump
	t=$1 f=$2 dump=$3
	v=$(basename "$f" .pdf)
	name="$t/$v.pdf"
	if qpdf --check "$f" >"$WORK/qpdf.log" 2>&1; then
		echo "ok - pdf $name: qpdf --check clean"
	else
		echo "not ok - pdf $name: qpdf --check"
		sed 's/^/# /' "$WORK/qpdf.log" | head -10
	fi
	pdftotext -enc UTF-8 "$f" "$WORK/text" 2>"$WORK/err1"
	pdffonts "$f" >"$WORK/fonts" 2>"$WORK/err2"
	if [ -s "$WORK/err1" ] || [ -s "$WORK/err2" ]; then
		echo "not ok - pdf $name: poppler warns"
		cat "$WORK/err1" "$WORK/err2" | sed 's/^/# /' | head -10
	else
		echo "ok - pdf $name: no poppler warning"
	fi
	bad=$(awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes") { print $1 }' "$WORK/fonts")
	nf=$(awk 'NR > 2' "$WORK/fonts" | wc -l)
	if [ -z "$bad" ] && [ "$nf" -gt 0 ]; then
		echo "ok - pdf $name: $nf fonts, all embedded and subset"
	else
		echo "not ok - pdf $name: fonts not embedded or subset: $bad"
	fi
	np=$(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')
	nota4=$(pdfinfo -f 1 -l "$np" "$f" | awk '/^Page .* size:/ {
		w = $4; h = $6
		if (!((w > 595 && w < 596 && h > 841 && h < 842) ||
		    (h > 595 && h < 596 && w > 841 && w < 842))) print $2 }')
	if [ -z "$nota4" ]; then
		echo "ok - pdf $name: all $np pages A4"
	else
		echo "not ok - pdf $name: pages not A4: $nota4"
	fi
	# The text without white space, so that wrapped lines still match.
	tr -d ' \n\f\t　' <"$WORK/text" >"$WORK/flat"
	qpdf --json --json-key=outlines "$f" 2>/dev/null |
	    sed -n 's/^ *"title": "\(.*\)",\{0,1\}$/\1/p' >"$WORK/outline"
	missing="" nmiss=0 nexp=0 nooutl=""
	expected "$dump" "$v" >"$WORK/exp"
	while IFS='	' read -r kind s; do
		nexp=$((nexp + 1))
		flat=$(printf '%s' "$s" | tr -d ' 　')
		if ! grep -qF -- "$flat" "$WORK/flat"; then
			missing="$missing [$kind] $s"
			nmiss=$((nmiss + 1))
		fi
		if [ "$kind" != term ] && ! grep -qF -- "$s" "$WORK/outline"; then
			nooutl="$nooutl [$kind] $s"
		fi
	done <"$WORK/exp"
	if [ "$nmiss" -eq 0 ]; then
		echo "ok - pdf $name: text has all $nexp chapter, project and term strings"
	else
		echo "not ok - pdf $name: $nmiss of $nexp strings not in the text"
		echo "# $missing" | head -c 2000; echo
	fi
	if [ -z "$nooutl" ]; then
		echo "ok - pdf $name: outline has every chapter and project"
	else
		echo "not ok - pdf $name: not in the outline:"
		echo "# $nooutl" | head -c 2000; echo
	fi
	kin=$(grep -nE '^(」|』|）|］|｝|〕|〉|》|】|。|、|，|．|・|：|；|？|！|ー|ぁ|ぃ|ぅ|ぇ|ぉ|っ|ゃ|ゅ|ょ|ゎ|ァ|ィ|ゥ|ェ|ォ|ッ|ャ|ュ|ョ|ヮ|ヵ|ヶ|々|ゝ|ゞ|ヽ|ヾ)' "$WORK/text" | head -5)
	if [ -z "$kin" ]; then
		echo "ok - pdf $name: no line starts with a 行頭禁則 character"
	else
		echo "not ok - pdf $name: lines start with a 行頭禁則 character"
		echo "$kin" | sed 's/^/# /'
	fi
	pdftotext -bbox "$f" "$WORK/bbox.html" 2>/dev/null
	out=$(awk -v e="$EDGE" '
	/<page / { match($0, /width="[0-9.]+"/); W = substr($0, RSTART + 7, RLENGTH - 8) + 0
		match($0, /height="[0-9.]+"/); H = substr($0, RSTART + 8, RLENGTH - 9) + 0; p++ }
	/<word / {
		split($0, a, "\""); x0 = a[2]; y0 = a[4]; x1 = a[6]; y1 = a[8]
		if (x0 < e || y0 < e || x1 > W - e || y1 > H - e) {
			w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
			print "page " p ": " w " (" x0 "," y0 ")-(" x1 "," y1 ")"
		}
	}' "$WORK/bbox.html" | head -5)
	if [ -z "$out" ]; then
		echo "ok - pdf $name: no text outside the margins"
	else
		echo "not ok - pdf $name: text outside the print-safe area"
		echo "$out" | sed 's/^/# /'
	fi
}

for t in content $(ls tests/trees); do
	if [ "$t" = content ]; then dir=content; else dir=tests/trees/$t; fi
	if ! "$KEIKAKU" build -q "$dir" -o "$WORK/$t" >"$WORK/$t.log" 2>&1; then
		echo "not ok - pdf: build $t"
		sed 's/^/# /' "$WORK/$t.log" | head -20
		continue
	fi
	"$KEIKAKU" dump "$dir" >"$WORK/$t.dump" 2>/dev/null
	n=0
	for f in "$WORK/$t"/pdf/*.pdf; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		check_pdf "$t" "$f" "$WORK/$t.dump"
	done
	nv=$(grep -c '^  volume key ' "$WORK/$t.dump")
	if [ "$n" -eq "$nv" ] && [ "$n" -gt 0 ]; then
		echo "ok - pdf: $t has its $n volumes"
	else
		echo "not ok - pdf: $t has $n PDFs for $nv volumes"
	fi
done
