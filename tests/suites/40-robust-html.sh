# HTML safety (issue 6): hostile text in every field that reaches the site
# (tests/pathological/hostile.sh) builds, and in Chromium nothing executes,
# with the pages' Content-Security-Policy and without it; no script element,
# event handler or script address appears; every page carries a policy that
# forbids inline script; every field reads back exactly as written
# (tests/pathological/hostile.mjs, plain flavour only: a browser adds
# nothing to ASan). The PDF holds the text and no JavaScript action. Links
# with script addresses in every disguise, and SVG figures that would run a
# script when opened from the site, are refused with their positions.
set -u
cd "$TOP"
K=$KEIKAKU
H=$WORK/hostile
sh tests/pathological/hostile.sh "$H/content"
if (cd "$H" && "$K" build -q content -o out) >"$WORK/build.log" 2>&1; then
	echo "ok - html safety: the hostile tree builds"
else
	echo "not ok - html safety: the hostile tree does not build"
	grep -v pdf-missing-glyph "$WORK/build.log" | head -20 | sed 's/^/# /'
fi

if [ "$FLAVOUR" = plain ]; then
	if command -v node >/dev/null 2>&1 && [ -x /usr/bin/chromium ] &&
	    [ -d tests/node_modules/playwright-core ]; then
		node tests/pathological/hostile.mjs "$H/out/site" 2>&1
	else
		echo "not ok - html safety: node, chromium or playwright-core missing (make test-deps)"
	fi
fi

# The PDF: the text as written, and no action that runs anything.
if command -v qpdf >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	for v in "$H"/out/pdf/*.pdf; do
		name=$(basename "$v")
		qpdf --qdf --object-streams=disable "$v" "$WORK/$name.qdf" 2>/dev/null
		if grep -a -q -E '/(JavaScript|JS|Launch|SubmitForm|ImportData|RichMedia)[^A-Za-z]' "$WORK/$name.qdf" ||
		    grep -a -i -q -E '/URI *\( *(javascript|vbscript|data):' "$WORK/$name.qdf"; then
			echo "not ok - html safety: $name has a JavaScript or launch action"
		else
			echo "ok - html safety: $name has no JavaScript, launch or script-address action"
		fi
	done
	pdftotext "$H/out/pdf/honpen.pdf" - 2>/dev/null | tr -d '\n' >"$WORK/honpen.txt"
	if grep -F -q 'H44 <script>alert(1)</script>"><img src=x onerror=alert(2)>' "$WORK/honpen.txt"; then
		echo "ok - html safety: the PDF prints a hostile chapter title as written"
	else
		echo "not ok - html safety: the PDF does not print the hostile chapter title as written"
	fi
else
	echo "not ok - html safety: qpdf or pdftotext missing (make test-deps)"
fi

# refused NAME WHAT 'line:col code'...: the chapter $C/chapters/01-intro.md
# of case NAME is refused with a diagnostic at each position given.
refused() {
	n=$1 what=$2
	shift 2
	(cd "$WORK/$n" && "$K" check content) >"$WORK/$n.err" 2>&1
	rc=$?
	bad=""
	[ "$rc" -eq 1 ] || bad="exit $rc, want 1"
	for d in "$@"; do
		pos=${d% *} code=${d##* }
		grep -F "content/chapters/01-intro.md:$pos: error: " "$WORK/$n.err" |
		    grep -q -F "[$code]" || bad="${bad:+$bad; }no [$code] at $pos"
	done
	if [ -z "$bad" ]; then echo "ok - html safety: $what"
	else echo "not ok - html safety: $what: $bad"; head -30 "$WORK/$n.err" | sed 's/^/# /'; fi
}
newcase() {
	rm -rf "${WORK:?}/$1"
	mkdir -p "$WORK/$1"
	cp -R tests/trees/minimal "$WORK/$1/content"
	C=$WORK/$1/content
}

newcase links
cat >"$C/chapters/01-intro.md" <<'MD'
---
title: 計画について
key: intro
---
[a](javascript:alert(1))

[b](JaVaScRiPt:alert(1))

[c](&#106;avascript:alert(1))

[d](java&#x09;script:alert(1))

[e](<javascript:alert(1)>)

[f](vbscript:msgbox(1))

[g](data:text/html,<script>alert(1)</script>)

[h](  javascript:alert(1))

<javascript:alert(1)>

[i]

[i]: javascript:alert(1)

![j](javascript:alert(1))

[m](javascript&colon;alert(1))

[n](jav&#97;script:alert(1))

[o](java&#x0A;script:alert(1))

[p](java&NewLine;script:alert(1))

[q](java%0Ascript:alert(1))
MD
refused links "script addresses in links, in every disguise, are refused" \
    "5:5 unsafe-link" "7:5 unsafe-link" "9:1 unsafe-link" "11:1 unsafe-link" \
    "13:6 unsafe-link" "15:5 unsafe-link" "17:5 unsafe-link" "19:7 unsafe-link" \
    "21:2 unsafe-link" "23:1 unsafe-link" "27:6 unsafe-link" "29:1 unsafe-link" \
    "31:1 unsafe-link" "33:1 unsafe-link" "35:1 unsafe-link" "37:5 unsafe-link"

# SVG figures: the site serves them as they are, and a browser that opens
# one by its address runs its scripts (generator/load_svg.c).
newcase svg
mkdir -p "$C/figures"
i=0
body=""
svg() {
	i=$((i + 1))
	printf '%s\n' "$1" >"$C/figures/s$i.svg"
	body="$body
![図$i](figures/s$i.svg)
"
}
svg '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/2000/svg"><x:script>alert(1)</x:script></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK = "alert(1)"/></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><rect/></a></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:alert(1)"><rect/></a></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><a href="&#x6A;&#x61;vascript&#58;alert(1)"><rect/></a></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#9;script:alert(1)"><rect/></a></svg>'
svg '<!DOCTYPE svg [<!ENTITY a "java"><!ENTITY b "script:">]><svg xmlns="http://www.w3.org/2000/svg"><a href="&a;&b;alert(1)"><rect/></a></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="href" to="javascript:alert(1)"/></svg>'
svg '<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><iframe src="x"/></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>'
svg '<!DOCTYPE svg [<!ENTITY a "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY b "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY c "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY d "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY e "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY f "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY g "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;"><!ENTITY h "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>'
svg '<svg xmlns="http://www.w3.org/2000/svg"><handler type="application/ecmascript">alert(1)</handler></svg>'
svg '<!DOCTYPE svg [<!ENTITY % p "&#60;!ENTITY a &#39;javascript:&#39;>"> %p;]><svg xmlns="http://www.w3.org/2000/svg"><a href="&a;alert(1)"><rect/></a></svg>'
ents=""
k=0
while [ $k -lt 300 ]; do ents="$ents<!ENTITY e$k \"x\">"; k=$((k + 1)); done
svg "<!DOCTYPE svg [$ents<!ENTITY a \"java\"><!ENTITY b \"script:\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&a;&b;alert(1)\"><rect/></a></svg>"
{ printf -- '---\ntitle: 計画について\nkey: intro\n---\n'; printf '%s\n' "$body"; } >"$C/chapters/01-intro.md"
set --
k=1
while [ $k -le $i ]; do
	# Figure k's path is on line 4 + 2k, after "![図k](".
	col=7
	[ $k -ge 10 ] && col=8
	set -- "$@" "$((4 + 2 * k)):$col bad-image"
	k=$((k + 1))
done
refused svg "SVG figures with scripts, handlers, script addresses or HTML are refused" "$@"

# A drawing as office programs write it (Illustrator's entities, comments,
# links to web pages, styles) is not refused.
newcase svgok
mkdir -p "$C/figures"
cat >"$C/figures/ok.svg" <<'SVG'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
	<!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
]>
<!-- Generator: an office drawing program; the online version has onclick help -->
<svg xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" width="200" height="100" viewBox="0 0 200 100">
<title>人口の推移</title>
<style>.ontop { fill: #336; }</style>
<a xlink:href="https://www.city.example.jp/"><rect class="ontop" width="50" height="50"/></a>
<text x="10" y="90">description: no script here</text>
</svg>
SVG
printf -- '---\ntitle: 計画について\nkey: intro\n---\n![人口の推移](figures/ok.svg)\n' >"$C/chapters/01-intro.md"
if (cd "$WORK/svgok" && "$K" build -q content -o out) >"$WORK/svgok.err" 2>&1 &&
    cmp -s "$C/figures/ok.svg" "$WORK/svgok/out/site/figures/ok.svg"; then
	echo "ok - html safety: an ordinary SVG drawing is accepted and published as it is"
else
	echo "not ok - html safety: an ordinary SVG drawing is refused or changed"
	head -5 "$WORK/svgok.err" | sed 's/^/# /'
fi
exit 0
