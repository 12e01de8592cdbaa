# once
# The PDF volumes, read back with qpdf and poppler: for the sample plan and
# every test tree, every PDF is structurally clean, has every font embedded
# and subset, A4 pages, the text of every chapter, project and glossary term
# (the expected strings come from `keikaku dump`), no line starting with a
# 行頭禁則 character, an outline entry per chapter and project, and no word
# outside the page's print-safe area; the headings of the table of contents
# in the body in the model's order; every indicator name and value
# (value.display) in the text; 「（続き）」 on every page a table goes on to
# (from the layout dump that KEIKAKU_LAYOUT_DUMP asks the build for), and
# no heading stranded at a page foot nor a table row alone on a page; every
# generated table ({{register}}, the 重点事業一覧 …) with the same cells, row
# by row, in the model, the site and the volumes (tests/gentab/check.js).
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

# Every indicator name and value (value.display) of dump $1, one per line.
indicators() {
	awk '
	function q(s, key,   i, r) {
		i = index(s, key " \"")
		if (i == 0) return ""
		r = substr(s, i + length(key) + 2)
		sub(/".*/, "", r)
		return r
	}
	/^  plan_indicator / || /^    indicator / { n = q($0, "name"); if (n != "") print "name\t" n; next }
	/^    (baseline|target) / || /^      (target|all) / { v = q($0, "display"); if (v != "") print "value\t" v }
	' "$1"
}

# The table of contents of volume $2 in dump $1, in order: one title a line.
toc_titles() {
	awk -v vol="$2" '
	function q(s, key,   i, r) {
		i = index(s, key " \"")
		if (i == 0) return ""
		r = substr(s, i + length(key) + 2)
		sub(/".*/, "", r)
		return r
	}
	/^  volume key / { cur = q($0, "key"); next }
	/^    toc / && cur == vol { print q($0, "title") }
	' "$1"
}

# Headings in the order of the model: each title of the table of contents
# is found in the body text (from the page labelled 1) after the one before.
check_order() {	# tree pdf dump
	v=$(basename "$2" .pdf)
	first=$(qpdf --json --json-key=pagelabels "$2" 2>/dev/null | tr -d ' \n' |
	    sed -n 's/.*"index":\([0-9]*\),"label":{"\/S":"\/D".*/\1/p')
	first=$(( ${first:-0} + 1 ))
	pdftotext -raw -enc UTF-8 -f "$first" "$2" - 2>/dev/null |
	    tr -d ' \n\f\t　' >"$WORK/body"
	toc_titles "$3" "$v" >"$WORK/toc"
	bad=$(awk -v f="$WORK/body" '
	BEGIN { getline body < f; pos = 0 }
	{
		t = $0; gsub(/[ 　]/, "", t)
		if (t == "") next
		i = index(substr(body, pos + 1), t)
		if (i == 0) { print NR ": " $0; exit }
		pos += i + length(t) - 1
	}' "$WORK/toc")
	nh=$(wc -l <"$WORK/toc")
	if [ -z "$bad" ]; then
		echo "ok - pdf $1/$v.pdf: the $nh headings of the table of contents follow in the body in the model's order"
	else
		echo "not ok - pdf $1/$v.pdf: heading out of the model's order (or missing) in the body: $bad"
	fi
}

# A table that goes on to the next page says 「（続き）」 there (read from
# the layout dump: a Table open at a page break).
check_cont() {	# tree layout-dump
	v=$(basename "$2" .layout.txt)
	out=$(awk '
	/^page [0-9]+ / { if (open > 0) need[$2] = 1; page = $2; next }
	/<Table n[0-9]+>/ { open++ }
	/<\/Table n[0-9]+>/ { open-- }
	/（続き）/ { has[page] = 1 }
	END { for (p in need) { n++; if (!has[p]) print "page " p } print "#" n + 0 }
	' "$2")
	nc=$(echo "$out" | sed -n 's/^#//p')
	bad=$(echo "$out" | grep -v '^#' | tr '\n' ' ')
	if [ -z "$bad" ]; then
		echo "ok - pdf $1/$v.pdf: $nc table continuation pages, each with 「（続き）」"
	else
		echo "not ok - pdf $1/$v.pdf: table continues without 「（続き）」 on $bad"
	fi
}

# The flow of the pages (read from the layout dump): no heading left at
# the foot of a page without its text, no table row alone on a page of
# a table that goes on (orphan) or comes from the page before (widow),
# no group row (one cell across the table) at the foot of a page without
# its rows. Footnotes (Notes drawn after the page's footer) are not the
# text that follows a heading; a 用語集 entry (a Note in the flow) is.
check_flow() {	# tree layout-dump
	v=$(basename "$2" .layout.txt)
	bad=$(awk '
	function endpage(   t) {
		if (lastH) hfoot = page
		for (t = 1; t <= nt; t++) {
			if (!spl[t] && rows[t] == 1 && total[t] >= 1) print "row " page
			if (lastcells[t] == 1 && maxcells[t] > 1) print "group " page
			cont[t] = 1; rows[t] = 0; spl[t] = trdepth[t] > 0
		}
	}
	/^ *page [0-9]+ / { page = $2; lastH = 0; started = 0; footed = 0; next }
	/ footer "/ { footed = 1 }
	/^ *end page / { endpage(); next }
	/<H1 n/ { if (!started) hfoot = "" }
	/<H[1-6] n/ { inH++ }
	/<\/H[1-6] n/ { inH--; if (inH == 0) lastH = 1; next }
	/<Table n/ { nt++; total[nt] = rows[nt] = cont[nt] = maxcells[nt] = lastcells[nt] = spl[nt] = trdepth[nt] = 0; next }
	/<\/Table n/ {
		if (cont[nt] && rows[nt] == 1 && total[nt] > 1 && !spl[nt]) print "row " page
		nt--; next
	}
	/<TBody n/ { inbody[nt] = 1 }
	/<\/TBody n/ { inbody[nt] = 0 }
	/<TR n/ { trdepth[nt]++; cells = 0; if (inbody[nt]) { rows[nt]++; total[nt]++ } }
	/<T[DH] n/ { cells++ }
	/<\/TR n/ { trdepth[nt]--; if (cells > maxcells[nt]) maxcells[nt] = cells; lastcells[nt] = inbody[nt] ? cells : 0 }
	/<Note n/ { if (footed) inNote++ }
	/<\/Note n/ { if (inNote) inNote--; next }
	/ content / && !inNote {
		if (!started && hfoot != "") { print "heading " hfoot; hfoot = "" }
		started = 1
		if (inH == 0) lastH = 0
	}
	' "$2" | tr '\n' ' ')
	if [ -z "$bad" ]; then
		echo "ok - pdf $1/$v.pdf: no stranded heading, lone table row or group row at a page foot"
	else
		echo "not ok - pdf $1/$v.pdf: page flow: $bad"
	fi
}

# No text over a hatched pattern (a schedule bar's label is set on the
# cell's white ground, below its bar): from the layout dump, no text
# whose line (baseline, up 0.8 em) crosses a hatched path's box where it
# starts.
check_hatch() {	# tree layout-dump
	v=$(basename "$2" .layout.txt)
	bad=$(awk '
	/^ *page [0-9]+ / { page = $2; np = 0; next }
	/^ *path .*hatch=/ {
		x0 = y0 = 1e9; x1 = y1 = -1e9
		for (i = 1; i <= NF; i++)
			if ($i == "M" || $i == "L") {
				x = $(i + 1) + 0; y = $(i + 2) + 0
				if (x < x0) x0 = x; if (x > x1) x1 = x
				if (y < y0) y0 = y; if (y > y1) y1 = y
			}
		np++; px0[np] = x0; px1[np] = x1; py0[np] = y0; py1[np] = y1
		next
	}
	/^ *text / && $0 ~ / content / {
		x = $2 + 0; y = $3 + 0; sz = $5 + 0
		for (i = 1; i <= np; i++)
			if (x >= px0[i] && x < px1[i] && y > py0[i] && y - 0.8 * sz < py1[i]) {
				t = $0; sub(/.*content [^"]*"/, "", t); sub(/".*/, "", t)
				print "p" page ":" t; break
			}
	}' "$2" | head -5 | tr '\n' ' ')
	if [ -z "$bad" ]; then
		echo "ok - pdf $1/$v.pdf: no text over a hatched pattern"
	else
		echo "not ok - pdf $1/$v.pdf: text over a hatched pattern: $bad"
	fi
}

# The table of contents keeps a chapter's entry with its first section's:
# no entry of a chapter (set bold) as the last of a page whose sections
# (indented further) start the next.
check_toc() {	# tree layout-dump
	v=$(basename "$2" .layout.txt)
	bad=$(awk '
	/^ *page [0-9]+ / { page = $2; next }
	/^ *end page/ { if (intoc && lastbold) { pend = page; pendx = lastx } next }
	/<TOC n/ { intoc = 1; next }
	/<\/TOC n/ { intoc = 0; next }
	/<TOCI n/ && intoc { first = 1; next }
	first && / text .* content / {
		first = 0
		bold = $4 ~ /Bold/
		if (pend != "" && !bold && $2 + 0 > pendx + 0) print "p" pend
		pend = ""; lastbold = bold; lastx = $2
	}' "$2" | tr '\n' ' ')
	if [ -z "$bad" ]; then
		echo "ok - pdf $1/$v.pdf: no chapter entry of the contents parted from its sections"
	else
		echo "not ok - pdf $1/$v.pdf: a chapter entry of the contents at the foot of $bad, its sections on the next page"
	fi
}

# Cross-references (keikaku dump: link … ref … text "T" dest "D" volume "V"):
# each is a link in a volume's layout, to dest="D" in V itself or to
# dest="V.pdf#D" from another volume, and D is placed in V; a GoToR in a
# PDF names a file of the same folder and a destination its /Dests holds
# (pdfinfo -dests) and the referring volume says the page it lands on
# (p.N, as that page's footer prints it); a link written without text
# shows its reference text.
check_xrefs() {	# tree
	t=$1 out="$WORK/$1/pdf" bad="" nx=0 nr=0
	grep ' link url .* ref "' "$WORK/$t.dump" >"$WORK/xrefs" || true
	while IFS= read -r line; do
		d=$(printf '%s\n' "$line" | sed -n 's/.* dest "\([^"]*\)".*/\1/p')
		v=$(printf '%s\n' "$line" | sed -n 's/.* volume "\([^"]*\)".*/\1/p')
		[ -n "$d" ] && [ -n "$v" ] || continue
		nx=$((nx + 1))
		if ! grep -qF "dest=\"$d\"" "$out"/*.layout.txt &&
		    ! grep -qF "dest=\"$v.pdf#$d\"" "$out"/*.layout.txt; then
			bad="$bad [no link to $d]"
		fi
		grep -qF "dest \"$d\" " "$out/$v.layout.txt" 2>/dev/null ||
		    bad="$bad [$d not placed in $v]"
	done <"$WORK/xrefs"
	# Links without text: the line after the link is not deeper.
	awk '/ link url .* ref "/ { n = match($0, /[^ ]/); l = $0; getline nx
		m = match(nx, /[^ ]/); if (m <= n) { sub(/.* text "/, "", l); sub(/".*/, "", l); print l } }' \
	    "$WORK/$t.dump" >"$WORK/xtexts"
	while IFS= read -r s; do
		nr=$((nr + 1))
		flat=$(printf '%s' "$s" | tr -d ' 　')
		grep -qF -- "$flat" "$WORK/allflat" || bad="$bad [text $s]"
	done <"$WORK/xtexts"
	for f in "$out"/*.pdf; do
		qpdf --qdf --object-streams=disable "$f" "$WORK/x.qdf" 2>/dev/null
		grep -a -B3 '^ */S /GoToR' "$WORK/x.qdf" |
		    sed -n 's/^ *\/\([DF]\) (\(.*\))$/\1 \2/p' | paste - - |
		    while read -r _ dn _ fn; do
			if [ ! -f "$out/$fn" ]; then
				echo "[GoToR to a missing $fn]"
			elif ! pdfinfo -dests "$out/$fn" 2>/dev/null |
			    grep -qF "\"$dn\""; then
				echo "[GoToR $fn#$dn: no such named destination]"
			else
				# The page it lands on, as its footer prints it, is said: p.N）
				pg=$(pdfinfo -dests "$out/$fn" 2>/dev/null |
				    grep -F "\"$dn\"" | awk '{ print $1; exit }')
				n=$(pdftotext -f "$pg" -l "$pg" -layout "$out/$fn" - 2>/dev/null |
				    sed -n 's/^ *- \([0-9][0-9]*\) - *$/\1/p' | tail -1)
				pdftotext -enc UTF-8 "$f" - 2>/dev/null | tr -d ' \n\f' |
				    grep -qF "p.$n）" ||
				    echo "[GoToR $fn#$dn: its page p.$n is not said]"
			fi
		    done >>"$WORK/xbad"
	done
	[ -s "$WORK/xbad" ] && bad="$bad $(cat "$WORK/xbad")"
	rm -f "$WORK/xbad"
	if [ -z "$bad" ]; then
		echo "ok - pdf $t: $nx cross-references linked to placed destinations, $nr generated texts in the text"
	else
		echo "not ok - pdf $t: cross-references:$bad" | head -c 2000; echo
	fi
}

for t in content $(ls tests/trees); do
	if [ "$t" = content ]; then dir=content; else dir=tests/trees/$t; fi
	if ! KEIKAKU_LAYOUT_DUMP=1 "$KEIKAKU" build -q "$dir" -o "$WORK/$t" \
	    >"$WORK/$t.log" 2>&1; then
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
		check_order "$t" "$f" "$WORK/$t.dump"
		[ -f "${f%.pdf}.layout.txt" ] && check_cont "$t" "${f%.pdf}.layout.txt"
		[ -f "${f%.pdf}.layout.txt" ] && check_flow "$t" "${f%.pdf}.layout.txt"
		[ -f "${f%.pdf}.layout.txt" ] && check_hatch "$t" "${f%.pdf}.layout.txt"
		[ -f "${f%.pdf}.layout.txt" ] && check_toc "$t" "${f%.pdf}.layout.txt"
	done
	# The 用語集 entries carry the marker plan.yaml's glossary.marker gives
	# (※1, *1 or ※): the first marked term's entry, in the volume's text.
	mk=$(sed -n 's/^  glossary .* marker "\(.*\)"$/\1/p' "$WORK/$t.dump" | sed 's/{n}/1/')
	nm=0 bad=""
	for f in "$WORK/$t"/pdf/*.pdf; do
		[ -f "$f" ] || continue
		v=$(basename "$f" .pdf)
		# a volume with a marked term and its 用語集
		expected "$WORK/$t.dump" "$v" | grep -q '^term' || continue
		awk -v vol="$v" '/^  volume key / { c = index($0, "key \"" vol "\"") > 0 } c && /^    marker 1 / { f = 1 } END { exit !f }' \
		    "$WORK/$t.dump" || continue
		nm=$((nm + 1))
		# (tr deletes bytes: the needle goes through it as the text does)
		pdftotext -enc UTF-8 "$f" - 2>/dev/null | tr -d ' \n\f\t　' |
		    grep -qF -- "$(printf '（%s）' "$mk" | tr -d ' \n\f\t　')" ||
		    bad="$bad $v"
	done
	if [ -z "$mk" ] || [ -n "$bad" ]; then
		echo "not ok - pdf $t: the 用語集 entries do not carry the marker 「$mk」:$bad"
	else
		echo "ok - pdf $t: the 用語集 entries of $nm volumes carry the marker 「$mk」"
	fi
	# Indicators may be printed in either volume: all the text of the tree.
	: >"$WORK/all"
	for f in "$WORK/$t"/pdf/*.pdf; do
		[ -f "$f" ] && pdftotext -raw -enc UTF-8 "$f" - 2>/dev/null >>"$WORK/all"
	done
	tr -d ' \n\f\t　' <"$WORK/all" >"$WORK/allflat"
	indicators "$WORK/$t.dump" | sort -u >"$WORK/ind"
	miss="" ni=0
	while IFS='	' read -r kind s; do
		ni=$((ni + 1))
		flat=$(printf '%s' "$s" | tr -d ' 　')
		grep -qF -- "$flat" "$WORK/allflat" || miss="$miss [$kind] $s"
	done <"$WORK/ind"
	check_xrefs "$t"
	if [ -z "$miss" ]; then
		echo "ok - pdf $t: every indicator name and value ($ni strings) is in the text"
	else
		echo "not ok - pdf $t: indicator strings not in the text:"
		echo "# $miss" | head -c 2000; echo
	fi
	# The generated tables: the same cells in the model, the site and the volumes.
	if command -v node >/dev/null 2>&1; then
		node tests/gentab/check.js "$WORK/$t" "$WORK/$t.dump" "pdf $t tables" ||
		    echo "not ok - pdf $t tables: the checker failed"
	else
		echo "not ok - pdf $t tables: node is not installed (make test-deps)"
	fi
	nv=$(grep -c '^  volume key ' "$WORK/$t.dump")
	if [ "$n" -eq "$nv" ] && [ "$n" -gt 0 ]; then
		echo "ok - pdf: $t has its $n volumes"
	else
		echo "not ok - pdf: $t has $n PDFs for $nv volumes"
	fi
done

# Layout goldens (tests/pdf/README.md): each case's volumes laid out with
# fixed metrics must give exactly their expected dump.
for c in tests/pdf/*/; do
	c=${c%/}
	[ -d "$c/content" ] && [ -d "$c/expected" ] || continue
	name=$(basename "$c")
	rm -rf "$WORK/golden-$name"
	if ! env -u SOURCE_DATE_EPOCH KEIKAKU_LAYOUT_DUMP=fixed "$KEIKAKU" build -q \
	    "$c/content" -o "$WORK/golden-$name" >"$WORK/golden-$name.log" 2>&1; then
		echo "not ok - pdf layout golden $name: build failed"
		sed 's/^/# /' "$WORK/golden-$name.log" | head -10
		continue
	fi
	for g in "$c"/expected/*.layout.txt; do
		got="$WORK/golden-$name/pdf/$(basename "$g")"
		if [ -n "${KEIKAKU_REGEN:-}" ]; then
			cp "$got" "$g"
			echo "ok - pdf layout golden $name/$(basename "$g") regenerated"
		elif cmp -s "$g" "$got"; then
			echo "ok - pdf layout golden $name/$(basename "$g")"
			check_flow "golden-$name" "$got"
			check_hatch "golden-$name" "$got"
			check_toc "golden-$name" "$got"
		else
			echo "not ok - pdf layout golden $name/$(basename "$g")"
			diff "$g" "$got" | head -20 | sed 's/^/# /'
		fi
	done
done
