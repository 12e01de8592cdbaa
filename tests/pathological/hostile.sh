#!/bin/sh
# hostile.sh DEST: writes a content tree at DEST whose every text field that
# can reach the HTML (plan.yaml strings, labels, titles, department names,
# glossary terms and definitions, register rows, indicator names, units and
# values, schedule labels, notes, headings, paragraphs, link text, alt text,
# figure titles, captions, table cells, boxes, footnotes, language spans)
# holds the same hostile text, tagged with the field's number (H01 …):
#
#   H01 <script>alert(1)</script>"><img src=x onerror=alert(2)>
#   javascript:alert(3) &amp; &lt;b&gt; U+2028 U+2029 ' onmouseover='alert(6)
#   </title><!-- ]]>
#
# written as a YAML double-quoted string ("@@NN@@"), as escaped Markdown
# (@@MNN@@), and as Markdown inside a YAML single-quoted string (@@DNN@@).
# tests/pathological/hostile.mjs checks the built site.
set -eu
dest=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$dest"
mkdir -p "$dest/chapters" "$dest/projects" "$dest/registers" "$dest/figures"

# fill < template > file: the placeholders replaced by the payload.
fill() {
	awk '
	function yaml(n) {
		return "H" n " <script>alert(1)</script>\\\"><img src=x onerror=alert(2)> javascript:alert(3) &amp; &lt;b&gt; \\L\\P '"'"' onmouseover='"'"'alert(6) </title><!-- ]]>"
	}
	function md(n) {
		return "H" n " \\<script>alert(1)\\</script>\\\"\\>\\<img src=x onerror=alert(2)\\> javascript:alert(3) &amp;amp; &amp;lt;b&amp;gt; &#x2028;&#x2029; '"'"' onmouseover='"'"'alert(6) \\</title>\\<!-- \\]\\]>"
	}
	{
		out = ""
		s = $0
		while (match(s, /@@[MD]?[0-9][0-9]@@/)) {
			tok = substr(s, RSTART + 2, RLENGTH - 4)
			out = out substr(s, 1, RSTART - 1)
			if (tok ~ /^M/) out = out md(substr(tok, 2))
			else if (tok ~ /^D/) { t = md(substr(tok, 2)); gsub(/'"'"'/, "'"''"'", t); out = out t }
			else out = out yaml(tok)
			s = substr(s, RSTART + RLENGTH)
		}
		print out s
	}'
}

fill >"$dest/plan.yaml" <<'YAML'
city:
  name: "@@01@@"
  prefecture: "@@02@@"
  mayor: { title: "@@03@@", name: "@@04@@" }
plan:
  key: hostile
  title: "@@05@@"
  tagline: "@@06@@"
  period: { from: R9, to: R13 }
  status: draft
  draft_label: "@@07@@"
  edition: "@@08@@"
  as_of: { year: 2026, month: 11 }
  issued: R9.3
  publisher: "@@09@@"
  predecessor: { key: old-plan, title: "@@10@@", register: registers/old.yaml }
  history:
    - { edition: "@@11@@", date: R8.12, summary: "@@12@@" }
taxonomy:
  principle: "@@13@@"
  goals:
    - { id: 1, title: "@@14@@" }
  pillars:
    - { id: 1, title: "@@15@@", goal: 1, categories: [ { key: cat, title: "@@16@@" } ] }
  common_items:
    - { id: 1, title: "@@17@@", summary: "@@18@@" }
  focus_areas: [focus-x]
labels:
  goal: "@@19@@"
  pillar: "@@20@@"
  focus_area: "@@21@@"
  project: "@@22@@"
  outcome: "@@23@@"
  output: "@@24@@"
  lead_department: "@@25@@"
plan_indicators:
  - { name: "@@26@@", unit: "@@27@@", baseline: { value: 1, as_of: R7.3 }, target: { value: 2, year: R13 } }
volumes:
  - { key: honpen, title: "@@28@@{draft_label}", contents: [chapters, glossary] }
  - { key: jigyoshu, title: "@@29@@", contents: [lists, focus_areas, projects, glossary] }
YAML

fill >"$dest/departments.yaml" <<'YAML'
- { key: somu, name: "@@30@@", division: "@@31@@", reading: そうむか }
- { key: kikaku, name: "@@32@@", reading: きかくか }
YAML

fill >"$dest/glossary.yaml" <<'YAML'
- key: xss
  term: "@@33@@"
  reading: えっくすえすえす
  expansion: { text: "@@34@@", lang: en }
  ja: "@@35@@"
  definition: '@@D36@@'
  trademark: "@@37@@"
YAML

fill >"$dest/registers/old.yaml" <<'YAML'
plan: { key: old-plan, title: "@@38@@", period: { from: R4, to: R8 } }
projects:
  - { id: "1-1", title: "@@39@@", group: "@@40@@", disposition: continued, remark: "@@41@@" }
  - { id: "1-2", title: "@@42@@", disposition: ended, reason: "@@43@@" }
YAML

fill >"$dest/chapters/01-intro.md" <<'MD'
---
title: "@@44@@"
key: intro
---
@@M45@@ [[xss]] の説明。

## @@M46@@

本文 @@M47@@。

[@@M48@@](https://example.jp/?a=%22%3E%3Cscript%3E&b=x"'<>)

![@@M49@@](figures/fig.svg "@@M50@@")

出典：@@M51@@

表：@@M52@@

| @@M53@@ | 見出し |
|---|---|
| @@M54@@ | `<script>alert(55)</script>` |

> [!NOTE]
> @@M56@@

> [!COLUMN] @@M57@@
> @@M58@@

脚注[^1]。

[^1]: @@M59@@

[@@M60@@]{lang=en}

[[@@M61@@|xss]]

```html
<script>alert(62)</script>
```

{{projects pillar=1}}
MD

# Every generated block, and fields of plan.yaml inside text.
fill >"$dest/chapters/02-views.md" <<'MD'
---
title: 資料
key: views
---
{{city.name}} の {{plan.title}}。

{{taxonomy}}

{{common_items}}

{{focus_areas}}

{{projects focus=focus-x}}

{{indicators}}

{{register}}

{{departments}}

{{history}}

{{glossary}}
MD

fill >"$dest/projects/focus-x.md" <<'MD'
---
type: focus_area
key: focus-x
title: "@@76@@"
short_title: "@@77@@"
goal: 1
departments: [somu]
indicators_overview:
  output: ["@@78@@"]
  outcome: ["@@79@@"]
summary: "@@80@@"
notes:
  - "@@81@@"
---
@@M82@@

## 現状

- @@M83@@
MD

fill >"$dest/projects/p1.md" <<'MD'
---
type: project
key: p1
title: "@@63@@"
focus_area: focus-x
pillar: 1
category: cat
status: continued
status_note: "@@64@@"
predecessors:
  - { id: "1-1", relation: continued }
departments: [somu, kikaku]
summary: "@@65@@"
schedule:
  - - { from: R9, to: R10, label: "@@66@@" }
  - { cells: { R9: "@@67@@", R10: ["@@68@@", "@@69@@"] } }
indicators:
  - { kind: outcome, name: "@@70@@", unit: "@@71@@", targets: { R9: "@@72@@", R10: 5 } }
notes:
  - "@@73@@"
terms: [xss]
---
@@M74@@

## 現状

- @@M75@@
MD

cp "$top/content/figures/population.svg" "$dest/figures/fig.svg"
