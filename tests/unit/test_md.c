/*
 * test_md.c: unit tests of the Markdown adapter (generator/md.c,
 * generator/md_inline.c). Documents are compared whole, dumped as
 * S-expressions; diagnostics as "E line:col code" lists.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "diag.h"
#include "md.h"
#include "model.h"
#include "util.h"

static struct arena A;
static struct diag D;
static struct buf out;
static int with_spans;

static void dump_inlines(struct buf *, const struct inline_node *);
static void dump_blocks(struct buf *, const struct block *);

static void
dump_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; s != NULL && *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static void
dump_span(struct buf *b, const struct span *sp)
{
	if (with_spans)
		buf_printf(b, "@%d:%d", sp->line, sp->col);
}

static void
dump_inline(struct buf *b, const struct inline_node *n)
{
	static const char *const names[] = {
		"text", "code", "br", "em", "strong", "del", "a", "img", "fn",
		"gloss", "lang", "field"
	};

	if (n->type == INL_TEXT && !with_spans) {
		dump_str(b, n->text);
		return;
	}
	buf_printf(b, "(%s", names[n->type]);
	dump_span(b, &n->span);
	switch (n->type) {
	case INL_TEXT:
	case INL_CODE:
		buf_putc(b, ' ');
		dump_str(b, n->text);
		break;
	case INL_LINK:
		buf_printf(b, " %s", n->url);
		if (n->title)
			buf_printf(b, " title=%s", n->title);
		break;
	case INL_IMAGE:
		buf_printf(b, " %s ", n->url);
		dump_str(b, n->text);
		break;
	case INL_FOOTREF:
	case INL_GLOSS:
	case INL_LANG:
		buf_printf(b, " %s", n->key);
		break;
	case INL_FIELD:
		buf_printf(b, " %s", n->key);
		if (n->args)
			buf_printf(b, " [%s]", n->args);
		break;
	default:
		break;
	}
	if (n->children) {
		buf_putc(b, ' ');
		dump_inlines(b, n->children);
	}
	buf_putc(b, ')');
}

static void
dump_inlines(struct buf *b, const struct inline_node *n)
{
	for (; n; n = n->next) {
		dump_inline(b, n);
		if (n->next)
			buf_putc(b, ' ');
	}
}

static void
dump_block(struct buf *b, const struct block *x)
{
	static const char *const gk[] = {
		"projects", "focus_areas", "taxonomy", "common_items",
		"indicators", "register", "departments", "history", "glossary"
	};
	const struct table *t;
	int r, c;

	switch (x->type) {
	case BLK_PARA:
		buf_puts(b, "(p");
		break;
	case BLK_HEADING:
		buf_printf(b, "(h%d%s", x->level, x->numbered ? "" : "*");
		break;
	case BLK_LIST:
		if (x->ordered)
			buf_printf(b, "(ol %d", x->start);
		else
			buf_puts(b, "(ul");
		if (!x->tight)
			buf_puts(b, " loose");
		break;
	case BLK_ITEM:
		buf_puts(b, "(li");
		break;
	case BLK_QUOTE:
		buf_puts(b, "(quote");
		break;
	case BLK_NOTE:
		buf_puts(b, "(note");
		break;
	case BLK_COLUMN:
		buf_puts(b, "(column");
		break;
	case BLK_CODE:
		buf_puts(b, "(code");
		break;
	case BLK_HR:
		buf_puts(b, "(hr");
		break;
	case BLK_TABLE:
		buf_puts(b, "(table");
		break;
	case BLK_FIGURE:
		buf_puts(b, "(figure");
		break;
	case BLK_GENERATED:
		buf_printf(b, "(gen %s", gk[x->gen->kind]);
		break;
	}
	dump_span(b, &x->span);
	if (x->type == BLK_CODE) {
		buf_printf(b, " %s ", x->info ? x->info : "-");
		dump_str(b, x->text);
	}
	if (x->type == BLK_GENERATED && x->gen->arg_name) {
		buf_printf(b, " %s=%s", x->gen->arg_name, x->gen->arg_value);
		if (with_spans)
			buf_printf(b, "@%d:%d", x->gen->arg_span.line,
			    x->gen->arg_span.col);
	}
	if (x->type == BLK_FIGURE) {
		const struct figure *f = x->figure;

		buf_printf(b, " %s ", f->src);
		dump_str(b, f->alt);
		if (f->decorative)
			buf_puts(b, " decorative");
		if (f->title)
			buf_printf(b, " title=%s", f->title);
		if (f->notes) {
			buf_puts(b, " (notes ");
			dump_blocks(b, f->notes);
			buf_putc(b, ')');
		}
	}
	if (x->type == BLK_COLUMN) {
		buf_puts(b, " (title");
		if (x->inlines) {
			buf_putc(b, ' ');
			dump_inlines(b, x->inlines);
		}
		buf_putc(b, ')');
	} else if (x->inlines) {
		buf_putc(b, ' ');
		dump_inlines(b, x->inlines);
	}
	if (x->type == BLK_TABLE) {
		t = x->table;
		buf_printf(b, " %dx%d ", t->nrows, t->ncols);
		for (c = 0; c < t->ncols; c++)
			buf_putc(b, "-lcr"[t->align[c]]);
		if (t->key) {
			buf_printf(b, " #%s", t->key);
			if (with_spans)
				buf_printf(b, "@%d:%d", t->key_span.line,
				    t->key_span.col);
		}
		if (t->caption) {
			buf_puts(b, " (caption");
			if (with_spans)
				buf_printf(b, "@%d:%d", t->caption_span.line,
				    t->caption_span.col);
			buf_putc(b, ' ');
			dump_inlines(b, t->caption);
			buf_putc(b, ')');
		}
		for (r = 0; r < t->nrows; r++) {
			buf_puts(b, " (row");
			for (c = 0; c < t->ncols; c++) {
				const struct cell *ce = &t->cells[r * t->ncols + c];

				buf_puts(b, ce->merged ? " (merged" : " (cell");
				dump_span(b, &ce->span);
				if (ce->rowspan > 1)
					buf_printf(b, " rs=%d", ce->rowspan);
				if (ce->inlines) {
					buf_putc(b, ' ');
					dump_inlines(b, ce->inlines);
				}
				buf_putc(b, ')');
			}
			buf_putc(b, ')');
		}
	}
	if (x->children) {
		buf_putc(b, ' ');
		dump_blocks(b, x->children);
	}
	buf_putc(b, ')');
}

static void
dump_blocks(struct buf *b, const struct block *x)
{
	for (; x; x = x->next) {
		dump_block(b, x);
		if (x->next)
			buf_putc(b, ' ');
	}
}

static void
reset(void)
{
	arena_free(&A);
	diag_free(&D);
	diag_init(&D);
	buf_reset(&out);
}

static int last_rc;
static struct doc last_doc;

/* Parses md starting at line 1 and returns the dump of the whole doc. */
static const char *
md(const char *text)
{
	struct footnote *f;

	reset();
	last_rc = md_parse(&A, &D, "t.md", text, strlen(text), 1, &last_doc);
	dump_blocks(&out, last_doc.blocks);
	for (f = last_doc.footnotes; f; f = f->next) {
		buf_printf(&out, " (footnote %s", f->label);
		if (with_spans)
			buf_printf(&out, "@%d:%d", f->span.line, f->span.col);
		buf_putc(&out, ' ');
		dump_blocks(&out, f->blocks);
		buf_putc(&out, ')');
	}
	return buf_str(&out);
}

static const char *
mds(const char *text)
{
	const char *r;

	with_spans = 1;
	r = md(text);
	with_spans = 0;
	return r;
}

/* The diagnostics, in order: "E3:5 code; W1:1 code". */
static const char *
diags(void)
{
	static struct buf b;
	size_t i;

	buf_reset(&b);
	for (i = 0; i < D.n; i++)
		buf_printf(&b, "%s%c%d:%d %s", i ? "; " : "",
		    D.v[i].level == DIAG_ERROR ? 'E' : 'W', D.v[i].line,
		    D.v[i].col, D.v[i].code);
	return buf_str(&b);
}

/* The message of the first diagnostic. */
static const char *
msg0(void)
{
	return D.n ? D.v[0].msg : "";
}

/* Checks that text produces exactly these diagnostics. */
#define CHECK_DIAG(text, want, ...) do {				\
	md(text);							\
	CHECK_STR(diags(), want, __VA_ARGS__);				\
} while (0)

static void
test_split(void)
{
	struct front_matter fm;
	const char *t;

	reset();
	t = "---\ntitle: x\n---\n本文\n";
	CHECK_INT(md_split(&D, "a.md", t, strlen(t), &fm), 0, "split ok");
	CHECK_INT((long long)fm.yaml_len, 9, "yaml length");
	CHECK(fm.yaml && strncmp(fm.yaml, "title: x\n", 9) == 0, "yaml text");
	CHECK_INT(fm.yaml_line, 2, "yaml line");
	CHECK_INT(fm.body_line, 4, "body line");
	CHECK_STR(fm.body, "本文\n", "body text");

	t = "\xEF\xBB\xBF---\r\na: 1\r\nb: 2\r\n...\r\nbody";
	CHECK_INT(md_split(&D, "a.md", t, strlen(t), &fm), 0, "BOM and CRLF");
	CHECK_INT(fm.body_line, 5, "body line with CRLF");
	CHECK_STR(fm.body, "body", "body after ...");
	CHECK(fm.yaml_len == 12 && strncmp(fm.yaml, "a: 1\r\nb: 2\r\n", 12) == 0,
	    "yaml with CRLF");

	t = "本文だけ\n";
	CHECK_INT(md_split(&D, "a.md", t, strlen(t), &fm), 0, "no front-matter");
	CHECK(fm.yaml == NULL && fm.body == t && fm.body_line == 1,
	    "whole text is the body");

	t = "---\ntitle: x\n本文\n";
	CHECK_INT(md_split(&D, "a.md", t, strlen(t), &fm), -1, "unclosed");
	CHECK_STR(diags(), "E1:1 front-matter-unclosed", "unclosed reported");

	reset();
	t = "---\n---\nx";
	md_split(&D, "a.md", t, strlen(t), &fm);
	CHECK(fm.yaml != NULL && fm.yaml_len == 0 && fm.body_line == 3,
	    "empty front-matter");
}

static void
test_blocks(void)
{
	CHECK_STR(md("段落です。\n\n## 見出し\n\n### 小見出し {-}\n"),
	    "(p \"段落です。\") (h2 \"見出し\") (h3* \"小見出し\")",
	    "paragraph and headings, {-}");
	CHECK_STR(md("- a\n- b\n\n3. x\n4. y\n\n- p\n\n- q\n"),
	    "(ul (li (p \"a\")) (li (p \"b\"))) (ol 3 (li (p \"x\")) "
	    "(li (p \"y\"))) (ul loose (li (p \"p\")) (li (p \"q\")))",
	    "lists: ordered, start, tight");
	CHECK_STR(md("> 引用\n\n---\n\n```c\nint x;\n```\n"),
	    "(quote (p \"引用\")) (hr) (code c \"int x;\\n\")",
	    "quote, rule, code block");
	CHECK_STR(md("> [!NOTE]\n> 注意書き\n> 二行目\n"),
	    "(note (p \"注意書き二行目\"))", "NOTE box");
	CHECK_STR(md("> [!COLUMN] ◆DXとは\n> 本文です。\n>\n> 次の段落\n"),
	    "(column (title \"◆DXとは\") (p \"本文です。\") (p \"次の段落\"))",
	    "COLUMN box with its title");
	CHECK_STR(md("> [!note]\n>\n> 小文字\n"), "(note (p \"小文字\"))",
	    "NOTE is case-insensitive");
	CHECK_STR(md("> [!NOTES]\n> 本文\n"), "(quote (p \"[!NOTES] 本文\"))",
	    "unknown box stays a quote");
	CHECK_STR(diags(), "E1:3 unknown-box", "unknown box at its [!, not at >");
	CHECK_STR(msg0(), "unknown box '[!NOTES]' (one of [!NOTE], [!COLUMN]); "
	    "did you mean 'NOTE'?", "unknown box message");
	CHECK_DIAG("- 項目\n\n  >  [!TIP] あ\n", "E3:6 unknown-box",
	    "unknown box in a list item, blanks after >");
	CHECK_DIAG("本文\n\n>[!Tip]\n", "E3:2 unknown-box",
	    "unknown box without a blank after >");
	CHECK_DIAG("> > [!FOO]\n", "E1:5 unknown-box", "unknown box in a quote");
	CHECK_STR(md("> [!] と [!x y]\n"), "(quote (p \"[!] と [!x y]\"))",
	    "not a box marker");
	CHECK_STR(diags(), "", "not a box marker: no error");
}

static void
test_japanese(void)
{
	CHECK_STR(md("**「強調」**の"),
	    "(p (strong \"「強調」\") \"の\")", "emphasis around 「」");
	CHECK_STR(md("**”ぴったりの行政”**という"),
	    "(p (strong \"”ぴったりの行政”\") \"という\")",
	    "emphasis around ” before kana");
	CHECK_STR(md("**「行かない窓口」**の拡充"),
	    "(p (strong \"「行かない窓口」\") \"の拡充\")", "spec example");
	CHECK_STR(md("これは*「強調」*です。~~「削除」~~も"),
	    "(p \"これは\" (em \"「強調」\") \"です。\" (del \"「削除」\") \"も\")",
	    "single * and ~~ next to brackets");
	CHECK_STR(md("a**\"b\"**c"), "(p \"a**\\\"b\\\"**c\")",
	    "English: CommonMark flanking unchanged");
	CHECK_STR(md("**bold** and *em*"),
	    "(p (strong \"bold\") \" and \" (em \"em\"))", "English emphasis");
	CHECK_STR(md("`**「x」**`"), "(p (code \"**「x」**\"))",
	    "no separator left in code");
	CHECK_STR(md("日本語の\n文章"), "(p \"日本語の文章\")",
	    "wide + wide: joined");
	CHECK_STR(md("English\nword"), "(p \"English word\")",
	    "narrow + narrow: space");
	CHECK_STR(md("日本語\nEnglish"), "(p \"日本語 English\")",
	    "wide + narrow: space");
	CHECK_STR(md("English\n日本語"), "(p \"English 日本語\")",
	    "narrow + wide: space");
	CHECK_STR(md("ｶﾀｶﾅ\nです。한국어\n문장 a\xE2\x80\x8B" "\nb"),
	    "(p \"ｶﾀｶﾅです。한국어 문장 a\xE2\x80\x8B" "b\")",
	    "halfwidth katakana joins, Hangul keeps the space, ZWSP joins");
	CHECK_STR(md("日本**語**\nです"), "(p \"日本\" (strong \"語\") \"です\")",
	    "join looks into emphasis");
	CHECK_STR(md("改行  \n次"), "(p \"改行\" (br) \"次\")", "hard break");
}

static void
test_gloss(void)
{
	CHECK_STR(md("[[rpa]]を導入"), "(p (gloss rpa) \"を導入\")",
	    "glossary [[key]]");
	CHECK_STR(md("[[自動化ソフト|rpa]]"),
	    "(p (gloss rpa \"自動化ソフト\"))", "glossary [[text|key]]");
	CHECK_STR(md("[[qr]](eL-QR)"), "(p (gloss qr) \"(eL-QR)\")",
	    "reference before link");
	CHECK_STR(md("| 用語 | 説明 |\n|---|---|\n| [[自動化\\|rpa]] | x |\n"),
	    "(table 2x2 -- (row (cell \"用語\") (cell \"説明\")) (row "
	    "(cell (gloss rpa \"自動化\")) (cell \"x\")))",
	    "[[text\\|key]] in a table");
	CHECK_STR(md("`[[rpa]]` と {{period}}を"),
	    "(p (code \"[[rpa]]\") \" と \" (field period) \"を\")",
	    "code keeps the source; field");
	CHECK_STR(md("```\n[[rpa]] {{fy R8}} [a]{lang=en} **「x」**\n```\n"),
	    "(code - \"[[rpa]] {{fy R8}} [a]{lang=en} **「x」**\\n\")",
	    "code block keeps the source");
	CHECK_STR(md("[Robotic *Process* Automation]{lang=en}の略"),
	    "(p (lang en \"Robotic \" (em \"Process\") \" Automation\") \"の略\")",
	    "language span with inlines");
	CHECK_STR(md("**[[bpr]]**の\n[[qr]]"),
	    "(p (strong (gloss bpr)) \"の\" (gloss qr))",
	    "unknown term counts as wide next to wide");
	CHECK_STR(md("[[a b]] [[]]"), "(p \"[[a b]] [[]]\")",
	    "not references: left as text");
}

static void
test_fields(void)
{
	CHECK_STR(md("計画期間は{{period}}です。{{fy R8 short}}、{{date R8.3}}"),
	    "(p \"計画期間は\" (field period) \"です。\" (field fy [R8 short]) "
	    "\"、\" (field date [R8.3]))", "fields in text");
	CHECK_STR(md("{{projects pillar=1}}\n\n{{glossary}}\n\n{{period}}"),
	    "(gen projects pillar=1) (gen glossary) (p (field period))",
	    "generated blocks; a lone field stays a paragraph");
	CHECK_STR(mds("{{projects focus=focus-frontyard}}"),
	    "(gen projects@1:1 focus=focus-frontyard@1:12)", "arg_span");
	CHECK_DIAG("本文{{perod}}", "E1:5 unknown-field", "unknown field");
	CHECK_STR(msg0(), "unknown field '{{perod}}'; did you mean 'period'?",
	    "did-you-mean");
	CHECK_DIAG("{{projets pillar=1}}", "E1:3 unknown-generated",
	    "unknown generated: at the name");
	CHECK_STR(msg0(), "unknown generated block '{{projets}}'; did you mean "
	    "'projects'?", "generated did-you-mean");
	CHECK_DIAG("{{projects}}", "E1:3 bad-argument", "missing argument");
	CHECK_DIAG("{{projects pilar=1}}", "E1:12 bad-argument",
	    "unknown argument at its column");
	CHECK_DIAG("{{projects pillar=1 focus=x}}", "E1:21 bad-argument",
	    "second argument");
	CHECK_DIAG("{{glossary all}}", "E1:12 bad-argument",
	    "argument to a block that takes none");
	CHECK_DIAG("年度は{{fy R8 shrt}}", "E1:12 bad-argument", "bad style");
	CHECK_DIAG("{{fy}}です", "E1:3 bad-argument", "fy needs a year");
	CHECK_DIAG("文中の{{glossary}}", "E1:6 unknown-field",
	    "a generated block inside text");
}

static void
test_tables(void)
{
	CHECK_STR(mds("表：事業の一覧\n| 事業 | 課 | 年度 |\n|:--|:-:|--:|\n"
	    "| 窓口 | 市民課 | R8 |\n| ^^ | ^^ | R9 |\n| ^^ | 税務課 | R10 |\n"),
	    "(table@2:1 4x3 lcr (caption@1:1 (text@1:3 \"事業の一覧\")) "
	    "(row (cell@2:3 (text@2:3 \"事業\")) (cell@2:8 (text@2:8 \"課\")) "
	    "(cell@2:12 (text@2:12 \"年度\"))) "
	    "(row (cell@4:3 rs=3 (text@4:3 \"窓口\")) "
	    "(cell@4:8 rs=2 (text@4:8 \"市民課\")) (cell@4:14 (text@4:14 \"R8\"))) "
	    "(row (merged@5:3) (merged@5:8) (cell@5:13 (text@5:13 \"R9\"))) "
	    "(row (merged@6:3) (cell@6:8 (text@6:8 \"税務課\")) "
	    "(cell@6:14 (text@6:14 \"R10\"))))",
	    "caption, alignment, ^^ merges, cell columns");
	CHECK_STR(diags(), "", "no diagnostics");
	CHECK_DIAG("| ^^ | b |\n|---|---|\n| c | d |\n",
	    "E1:3 merge-in-header", "^^ in the header");
	CHECK_DIAG("| a | b |\n|---|---|\n| c | ^^ |\n",
	    "E3:7 merge-in-header", "^^ in the first body row");
	CHECK_DIAG("表：孤立\n\n本文\n", "E1:1 caption-without-table",
	    "caption without a table");
	CHECK_STR(md("表: 半角\n\n| a |\n|---|\n"),
	    "(table 1x1 - (caption \"半角\") (row (cell \"a\")))",
	    "表: with an ASCII colon, blank line before the table");
	CHECK_STR(mds("表：成果の一覧 {#seika-1}\n| a |\n|---|\n"),
	    "(table@2:1 1x1 - #seika-1@1:11 (caption@1:1 (text@1:3 \"成果の一覧\")) "
	    "(row (cell@2:3 (text@2:3 \"a\"))))",
	    "{#key} at the end of a caption: the table's id, removed");
	CHECK_STR(md("表：{#k}\n| a |\n|---|\n"),
	    "(table 1x1 - #k (row (cell \"a\")))",
	    "a caption that is only {#key}: an id, no caption");
	CHECK_STR(md("表：見出し {#}\n| a |\n|---|\n"),
	    "(table 1x1 - (caption \"見出し {#}\") (row (cell \"a\")))",
	    "{#} is no id: kept as text");
	CHECK_DIAG("表：表 {#1-a}\n| a |\n|---|\n", "E1:7 bad-key",
	    "a table id must start with a letter");
	CHECK_DIAG("表：表 {#表}\n| a |\n|---|\n", "E1:7 bad-key",
	    "a table id is ASCII");
}

static void
test_figures(void)
{
	CHECK_STR(md("![市の地図](figures/map.png \"位置図\")\n\n出典：国土地理院\n\n"
	    "（注）概略です。\n\n本文\n"),
	    "(figure figures/map.png \"市の地図\" title=位置図 (notes "
	    "(p \"出典：国土地理院\") (p \"（注）概略です。\"))) (p \"本文\")",
	    "figure with notes");
	CHECK_STR(md("![-](figures/line.svg)"),
	    "(figure figures/line.svg \"\" decorative)", "decorative image");
	CHECK_DIAG("本文\n\n![](figures/x.png)", "E3:1 missing-alt",
	    "missing alt");
	CHECK_DIAG("文中の![](i.png)画像", "E1:4 missing-alt",
	    "missing alt of an inline image");
	CHECK_STR(msg0(), "image has no alt text: describe the image in the "
	    "brackets, or write ![-](i.png) if it is purely decorative",
	    "missing-alt message of an inline image");
	CHECK_STR(md("文中の![アイコン](i.png)画像"),
	    "(p \"文中の\" (img i.png \"アイコン\") \"画像\")", "inline image");
}

static void
test_footnotes(void)
{
	CHECK_STR(mds("本文[^a]と[^b]。\n\n[^b]: 二つ目\n[^a]: 一つ目\n"),
	    "(p@1:1 (text@1:1 \"本文\") (fn@1:3 a) (text@1:7 \"と\") "
	    "(fn@1:8 b) (text@1:12 \"。\")) (footnote a@4:1 (p@4:7 (text@4:7 "
	    "\"一つ目\"))) (footnote b@3:1 (p@3:7 (text@3:7 \"二つ目\")))",
	    "footnotes in order of reference");
	CHECK_DIAG("本文[^x]です。\n", "E1:3 unknown-footnote",
	    "undefined footnote");
	CHECK_DIAG("本文[^a]\n\n[^a]: 使用\n[^zz]: 未使用\n",
	    "W4:1 unused-footnote", "unused footnote");
	CHECK_DIAG("本文\\[^x]です。\n", "", "escaped is text");
	CHECK_STR(md("本文[^A]と[^a]\n\n[^a]: x\n"),
	    "(p \"本文\" (fn A) \"と\" (fn A)) (footnote A (p \"x\"))",
	    "labels are case-insensitive");
}

static void
test_safety(void)
{
	CHECK_DIAG("日本語の[リンク](javascript:alert(1))",
	    "E1:11 unsafe-link",
	    "unsafe link: column of the URL in characters");
	CHECK_DIAG("[a](JaVaScRiPt:x) [b](data:text/html,x) [c](file:///etc) "
	    "[d](vbscript:x)",
	    "E1:5 unsafe-link; E1:23 unsafe-link; E1:45 unsafe-link; "
	    "E1:62 unsafe-link", "every bad scheme");
	CHECK_DIAG("[a](<java\tscript:x>)", "E1:6 unsafe-link",
	    "scheme with a tab");
	CHECK_DIAG("[a](https://x.jp/) [b](mailto:a@b.jp) [c](../x.html) "
	    "[d](x.html#y) <https://x.jp> www.example.jp",
	    "", "allowed links");
	CHECK_DIAG("![図](javascript:x)", "E1:6 unsafe-link", "unsafe image");
	CHECK_DIAG("<javascript:alert(1)>", "E1:2 unsafe-link",
	    "unsafe autolink");
	CHECK_DIAG("本文<b>太字</b>", "E1:3 raw-html; E1:8 raw-html",
	    "inline raw HTML");
	CHECK_DIAG("段落\n\n<div>\nx\n</div>\n", "E3:1 raw-html", "HTML block");
	CHECK_DIAG("   続き\n   次の行 <i>x</i>\n",
	    "E2:8 raw-html; E2:12 raw-html",
	    "position on a continuation line with leading blanks");
}

static void
test_headings(void)
{
	CHECK_DIAG("# 章題\n", "E1:1 heading-level", "level 1");
	CHECK_STR(msg0(), "a level-1 heading (#) is not allowed here: the chapter "
	    "title is the level-1 heading; start at ##",
	    "level-1 message");
	CHECK_DIAG("## a\n\n###### b\n", "E3:1 heading-level", "level 6");
	CHECK_DIAG("## a\n\n#### b\n", "E3:1 heading-skip", "skipped level");
	CHECK_DIAG("### a\n", "E1:1 heading-skip", "first heading ###");
	CHECK_DIAG("## a\n### b\n#### c\n## d\n### e\n", "", "valid levels");
}

static void
test_input(void)
{
	CHECK_DIAG("日本語\xff\n", "E1:4 invalid-utf8", "invalid UTF-8");
	md("a\nb\xc3(");
	CHECK_STR(diags(), "E2:2 invalid-utf8", "truncated sequence");
	{
		static const char t[] = "ab\0cd";

		reset();
		md_parse(&A, &D, "t.md", t, 5, 1, &last_doc);
		CHECK_STR(diags(), "E1:3 nul-byte", "NUL byte");
	}
	CHECK_DIAG("あ\xEF\xB7\x90い", "E1:2 invalid-char", "noncharacter");
	CHECK_STR(md("`&#xFDD0;`と&#64976;と&#x41;"), "(p (code \"\xEF\xBF\xBD\") "
	    "\"と\xEF\xBF\xBDとA\")", "references to noncharacters");
	CHECK_STR(diags(), "E1:2 invalid-char; E1:12 invalid-char",
	    "references to noncharacters reported");
	CHECK_STR(msg0(), "the reference &#xFDD0; stands for the noncharacter "
	    "U+FDD0, which is not allowed in text; remove it",
	    "noncharacter reference message");
	md("あ\xEF\xBF\xBEい");
	CHECK_STR(msg0(), "the noncharacter U+FFFE is not allowed in text; "
	    "remove it", "noncharacter message");

	/* Control characters: C0 but tab and line breaks, DEL, C1. */
	CHECK_STR(md("南浜町の手続を\aデジタル化"),
	    "(p \"南浜町の手続を\xEF\xBF\xBDデジタル化\")",
	    "a control character is replaced by U+FFFD");
	CHECK_STR(diags(), "E1:8 invalid-char", "BEL at its own column");
	CHECK_STR(msg0(), "the control character U+0007 (BEL) is not allowed "
	    "in text (an invisible character, pasted from another program?); "
	    "remove it", "BEL message");
	CHECK_DIAG("本文\n\n続き\x1b[0m", "E3:3 invalid-char", "ESC on line 3");
	CHECK_DIAG("x\x01", "E1:2 invalid-char", "U+0001");
	CHECK_DIAG("x\x1f", "E1:2 invalid-char", "U+001F");
	CHECK_DIAG("- 項目\x0b\n", "E1:5 invalid-char", "VT in a list item");
	CHECK_DIAG("```\ncode\x0c\n```\n", "E2:5 invalid-char",
	    "FF in a code block");
	md("ab\x7f");
	CHECK_STR(diags(), "E1:3 invalid-char", "DEL");
	CHECK_STR(msg0(), "the control character U+007F (DEL) is not allowed "
	    "in text (an invisible character, pasted from another program?); "
	    "remove it", "DEL message");
	md("あ\xC2\x85い");
	CHECK_STR(diags(), "E1:2 invalid-char", "C1 U+0085 counts one column");
	CHECK_STR(msg0(), "the control character U+0085 is not allowed in text "
	    "(a character garbled by a conversion from another encoding?); "
	    "retype it", "C1 message");
	CHECK_DIAG("い\xC2\x80\xC2\x9Fろ\xC2\xA0", "E1:2 invalid-char",
	    "U+0080 and U+009F; U+00A0 is text");
	CHECK_DIAG("a\tb\r\nc\rd\n\te\n", "", "tab, CR and LF are text");
	md("一\x01\n\n二\x02と\x7f");
	CHECK_STR(diags(), "E1:2 invalid-char", "one report for several");
	CHECK_STR(msg0(), "the control character U+0001 (SOH) is not allowed "
	    "in text (an invisible character, pasted from another program?); "
	    "remove it and the 2 more after it", "several: message counts them");
	CHECK_STR(md("&#7;と&#x9F;と&#9;と&#127;と&#x41;"),
	    "(p \"\xEF\xBF\xBDと\xEF\xBF\xBDと\tと\xEF\xBF\xBDとA\")",
	    "references to control characters are replaced");
	CHECK_STR(diags(), "E1:1 invalid-char; E1:6 invalid-char; "
	    "E1:18 invalid-char", "references to control characters reported");
	CHECK_STR(msg0(), "the reference &#7; stands for the control character "
	    "U+0007 (BEL), which is not allowed in text; remove it",
	    "control reference message");
	CHECK_DIAG("`&#x1b;`", "E1:2 invalid-char", "reference in a code span");
	CHECK_DIAG("&#x110007; &#0; &#123456789;", "",
	    "not a reference to a control character");
	{
		struct span sp = { "glossary.yaml", 5, 15 };

		reset();
		CHECK(md_parse_inline(&A, &D, &sp, "説明\a") == NULL,
		    "inline: a control character is an error");
		CHECK_STR(diags(), "E5:17 invalid-char", "inline: column from sp");
	}
}

static void
test_positions(void)
{
	CHECK_STR(mds("前置き\n\n日本語[[rpa]]と{{fy R8}}\n"),
	    "(p@1:1 (text@1:1 \"前置き\")) (p@3:1 (text@3:1 \"日本語\") "
	    "(gloss@3:4 rpa) (text@3:11 \"と\") (field@3:12 fy [R8]))",
	    "exact spans of atoms");
	{
		struct doc d;
		const char *t = "## 見出し\n\n本文";

		reset();
		md_parse(&A, &D, "t.md", t, strlen(t), 10, &d);
		CHECK(d.blocks && d.blocks->span.line == 10 &&
		    d.blocks->next->span.line == 12, "first_line offset");
	}
	CHECK_DIAG("| 見出し | 見出し2 |\n|---|---|\n| あ | [x](javascript:y) |\n",
	    "E3:11 unsafe-link", "unsafe link in a cell");
	CHECK_DIAG("> 引用の中の<b>x", "E1:8 raw-html", "raw HTML in a quote");
	CHECK_DIAG("[a]{lang=en}と*[b]{lang=en}*と*[c*]{lang=en}",
	    "E1:30 lang-span", "language span across elements");
}

static void
test_inline_api(void)
{
	struct span sp = { "glossary.yaml", 5, 15 };
	struct inline_node *n;
	struct buf b = {0};

	reset();
	n = md_parse_inline(&A, &D, &sp, "業務の**前提から**見直す[[rpa]]");
	dump_inlines(&out, n);
	CHECK_STR(buf_str(&out),
	    "\"業務の\" (strong \"前提から\") \"見直す\" (gloss rpa)",
	    "inline parse");
	md_plain_text(&b, n);
	CHECK_STR(buf_str(&b), "業務の前提から見直すrpa", "plain text");
	reset();
	n = md_parse_inline(&A, &D, &sp, "# 見出しではない");
	CHECK(n && n->type == INL_TEXT && !n->next &&
	    strcmp(n->text, "# 見出しではない") == 0 && D.n == 0,
	    "block syntax is text");
	reset();
	n = md_parse_inline(&A, &D, &sp, "説明<b>x</b>");
	CHECK(n == NULL && D.n == 2 && D.v[0].line == 5 && D.v[0].col == 17,
	    "inline errors: NULL, position from sp");
	reset();
	CHECK(md_parse_inline(&A, &D, &sp, "") == NULL, "empty is NULL");
	buf_free(&b);
}

static void
test_limits(void)
{
	struct buf b = {0};
	clock_t t0 = clock();
	size_t i;

	for (i = 0; i < 50000; i++)
		buf_putc(&b, '*');
	md(buf_str(&b));
	CHECK_STR(diags(), "", "50,000 stars");
	buf_reset(&b);
	for (i = 0; i < 10000; i++)
		buf_putc(&b, '>');
	buf_puts(&b, " x\n");
	md(buf_str(&b));
	CHECK_STR(diags(), "E1:33 md-limit", "10,000 nested quotes");
	CHECK_STR(msg0(), "quotes nested too deep: more than 32 levels of "
	    "nesting; the deeper content is left out", "quotes: message");
	buf_reset(&b);
	buf_puts(&b, "| a |\n|---|\n");
	for (i = 0; i < 25000; i++)
		buf_puts(&b, "| x |\n");
	md(buf_str(&b));
	CHECK_STR(diags(), "E1:1 md-limit", "too many cells");
	buf_reset(&b);
	buf_puts(&b, "| a |\n|---|\n|");
	for (i = 0; i < 30000; i++)
		buf_puts(&b, "|");
	md(buf_str(&b));
	CHECK_STR(diags(), "E1:1 md-limit", "a row with too many pipes");
	buf_reset(&b);
	for (i = 0; i < 40; i++)
		buf_puts(&b, "**a ");
	md(buf_str(&b));
	CHECK_STR(diags(), "", "unmatched strong");
	buf_reset(&b);
	for (i = 0; i < 20000; i++)
		buf_puts(&b, "[[a]]{{b}}[x]{lang=en}<i>**「");
	md(buf_str(&b));
	CHECK(D.n > 0, "mixed pathological input");
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 10, "limits are fast");
	buf_free(&b);
}

static void
test_more(void)
{
	struct inline_node *n;
	struct term term;
	struct buf b = {0};
	struct span sp = { "glossary.yaml", 7, 3 };

	CHECK_STR(md("| 語 |\n|---|\n| [[自動化|rpa]] |\n"),
	    "(table 2x1 - (row (cell \"語\")) (row (cell (gloss rpa \"自動化\"))))",
	    "[[text|key]] in a table without the backslash");
	CHECK_STR(md("[Robotic Process\nAutomation]{lang=en}の略"),
	    "(p (lang en \"Robotic Process Automation\") \"の略\")",
	    "language span over a line break");
	CHECK_STR(md("[text]{lang=en}\n\n]{lang=en} [x] [y]{lang=}"),
	    "(p (lang en \"text\")) (p \"]{lang=en} [x] [y]{lang=}\")",
	    "unmatched or empty language spans stay text");
	CHECK_STR(mds("> x\n> | あ | い |\n> |---|---|\n> | う | え |\n"),
	    "(quote@1:1 (p@1:3 (text@1:3 \"x\")) (table@2:3 2x2 -- "
	    "(row (cell@2:5 (text@2:5 \"あ\")) (cell@2:9 (text@2:9 \"い\"))) "
	    "(row (cell@4:5 (text@4:5 \"う\")) (cell@4:9 (text@4:9 \"え\")))))",
	    "header cells of a table that interrupted a paragraph");
	CHECK_STR(md("見出し\n===\n"), "(h2 \"見出し\")",
	    "setext level 1 is clamped");
	CHECK_STR(diags(), "E1:1 heading-level", "setext level 1 reported");
	CHECK_STR(md("> [!COLUMN] **◆**[[dx]]とは\n> 本文\n"),
	    "(column (title (strong \"◆\") (gloss dx) \"とは\") (p \"本文\"))",
	    "COLUMN title with inlines");
	CHECK_STR(md("> [!COLUMN]\n> 本文\n"), "(column (title) (p \"本文\"))",
	    "COLUMN without a title");
	CHECK_STR(md("期間は\n{{period}}\nです"),
	    "(p \"期間は\" (field period) \"です\")", "fields join as wide");
	CHECK_STR(md("本文\r\n続き\r\n\r\n## 節\r\n"),
	    "(p \"本文続き\") (h2 \"節\")", "CRLF body");
	CHECK_STR(md("| a | b |\n|---|---|\n| 注[^n] | x |\n\n[^n]: 注記\n"),
	    "(table 2x2 -- (row (cell \"a\") (cell \"b\")) (row (cell \"注\" "
	    "(fn n)) (cell \"x\"))) (footnote n (p \"注記\"))",
	    "footnote reference in a cell");
	CHECK_STR(md("1. 一\n   1. 二\n      - 三\n"),
	    "(ol 1 (li (p \"一\") (ol 1 (li (p \"二\") (ul (li (p \"三\")))))))",
	    "nested lists");
	CHECK_STR(md("~~「取消」~~の\n~~strike~~"),
	    "(p (del \"「取消」\") \"の \" (del \"strike\"))",
	    "strikethrough next to brackets");
	CHECK_STR(md("## はじめに{-}\n\n## **強調** {-}\n"),
	    "(h2* \"はじめに\") (h2* (strong \"強調\"))", "{-} variants");

	reset();
	n = md_parse_inline(&A, &D, &sp, "定義で{{perod}}");
	CHECK(n == NULL, "inline: error gives NULL");
	CHECK_STR(diags(), "E7:8 unknown-field", "inline: column from sp");
	reset();
	n = md_parse_inline(&A, &D, &sp, "[[qr]]と[[二次元|qr]]と{{fy R8}}");
	memset(&term, 0, sizeof(term));
	term.term = "QRコード";
	n->term = &term;
	md_plain_text(&b, n);
	CHECK_STR(buf_str(&b), "QRコードと二次元と{{fy}}", "plain text of refs");
	buf_reset(&b);
	n->next->next->next->next->text = "R8";
	md_plain_text(&b, n);
	CHECK_STR(buf_str(&b), "QRコードと二次元とR8", "plain text of a field");
	buf_free(&b);
}

static void
test_deep(void)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < 40; i++)
		buf_printf(&b, "%*s- x\n", 2 * i, "");
	md(buf_str(&b));
	CHECK_STR(diags(), "E16:33 md-limit", "deep lists");
	CHECK_STR(msg0(), "lists nested too deep: more than 32 levels of "
	    "nesting (a list level counts two: the list and its item); the "
	    "deeper content is left out", "deep lists: message");
	buf_reset(&b);
	for (i = 0; i < 80; i++)
		buf_putc(&b, '*');
	buf_puts(&b, "強調");
	for (i = 0; i < 80; i++)
		buf_putc(&b, '*');
	md(buf_str(&b));
	CHECK_STR(diags(), "E1:1 md-limit", "deep emphasis");
	CHECK_STR(msg0(), "emphasis nested too deep: more than 32 levels of "
	    "nesting; the deeper content is left out", "deep emphasis: message");
	buf_reset(&b);
	for (i = 0; i < 10; i++)
		buf_puts(&b, "> ");
	for (i = 0; i < 15; i++)
		buf_puts(&b, "- ");
	buf_puts(&b, "x\n");
	md(buf_str(&b));
	CHECK(D.n == 1 && strncmp(msg0(), "lists nested too deep", 21) == 0,
	    "lists in quotes: the message names what takes the most levels");
	buf_reset(&b);
	for (i = 0; i < 100; i++)
		buf_puts(&b, "![");
	buf_puts(&b, "x");
	for (i = 0; i < 100; i++)
		buf_puts(&b, "](y)");
	md(buf_str(&b));
	CHECK(D.n >= 1 && strcmp(D.v[0].code, "md-limit") == 0,
	    "deeply nested images");
	CHECK_STR(msg0(), "images nested too deep: more than 32 levels of "
	    "nesting; the deeper content is left out", "images: message");
	buf_reset(&b);
	for (i = 0; i < 60; i++)
		buf_puts(&b, "[a");
	for (i = 0; i < 60; i++)
		buf_puts(&b, "]{lang=en}");
	md(buf_str(&b));
	CHECK_STR(diags(), "E1:61 md-limit", "deeply nested language spans");
	CHECK_STR(msg0(), "language spans nested too deep: more than 32 levels "
	    "of nesting; the deeper content is left out",
	    "language spans: message");
	buf_free(&b);
}

/* Exact texts, as in the tests/diag intents. */
static void
test_messages(void)
{
	md("本文\n\n<div class=\"box\">\nx\n</div>\n");
	CHECK_STR(msg0(), "raw HTML is not allowed in Markdown (a <div> block); "
	    "use Markdown or a > [!NOTE] box, or escape a literal < as \\<",
	    "raw-html block message");
	md("高齢化が進むなか、<br>市役所の");
	CHECK_STR(diags(), "E1:10 raw-html", "raw-html <br> position");
	CHECK_STR(msg0(), "raw HTML is not allowed in Markdown (inline <br>); a "
	    "line break inside a paragraph is written as a new source line or "
	    "a trailing backslash", "raw-html <br> message");
	md("<!-- メモ -->\n");
	CHECK_STR(msg0(), "raw HTML is not allowed in Markdown (an HTML "
	    "comment); use Markdown or a > [!NOTE] box, or escape a literal < "
	    "as \\<", "comment message");
	md("[メール](javascript:alert(1))でお寄せください。");
	CHECK_STR(diags(), "E1:7 unsafe-link", "unsafe-link at the URL");
	CHECK_STR(msg0(), "link scheme 'javascript:' is not allowed (only http, "
	    "https, mailto and relative paths)", "unsafe-link message");
	md("| 分野 | ^^ | 状況 |\n|---|---|---|\n| a | b | c |\n");
	CHECK_STR(diags(), "E1:8 merge-in-header", "merge-in-header position");
	CHECK_STR(msg0(), "'^^' (merge with the cell above) is not allowed in a "
	    "table header row", "merge-in-header message");
	md("###### 市民の意識の変化\n");
	CHECK_STR(msg0(), "heading level 6 (######) is too deep: headings go "
	    "from ## to #####", "heading level 6 message");
	md("## a\n\n#### b\n");
	CHECK_STR(msg0(), "a level-4 heading after a level-2 one skips a level; "
	    "use ###", "heading-skip message");
	md("![](figures/x.svg \"図\")");
	CHECK_STR(msg0(), "image has no alt text: describe the image in the "
	    "brackets, or write ![-](figures/x.svg) if it is purely "
	    "decorative", "missing-alt message");
	md("## 節\n\n> [!WARNING]\n> 本文\n");
	CHECK_STR(diags(), "E3:3 unknown-box", "unknown-box at the marker");
	md("あ\aい");
	CHECK_STR(msg0(), "the control character U+0007 (BEL) is not allowed "
	    "in text (an invisible character, pasted from another program?); "
	    "remove it", "invalid-char message of a control character");
	md("（表の中では{{fy R9 shrot}}と略記します。）");
	CHECK_STR(diags(), "E1:15 bad-argument", "style position");
	CHECK_STR(msg0(), "unknown argument 'shrot' of {{fy}} (a style: long, "
	    "era, short or western); did you mean 'short'?", "style message");
	md("{{projects pilar=1}}");
	CHECK_STR(msg0(), "unknown argument 'pilar' of {{projects}} (one of "
	    "pillar=ID, focus=KEY, category=KEY); did you mean 'pillar'?",
	    "projects argument message");
	md("この事業集は、{{plan.titel}}に");
	CHECK_STR(diags(), "E1:10 unknown-field", "unknown-field at the name");
	md("本文[^x]です。");
	CHECK_STR(msg0(), "footnote [^x] is not defined; add a line '[^x]: …'",
	    "unknown-footnote message");
}

int
main(void)
{
	diag_init(&D);
	test_split();
	test_blocks();
	test_japanese();
	test_gloss();
	test_fields();
	test_tables();
	test_figures();
	test_footnotes();
	test_safety();
	test_headings();
	test_input();
	test_positions();
	test_inline_api();
	test_limits();
	test_more();
	test_deep();
	test_messages();
	arena_free(&A);
	diag_free(&D);
	buf_free(&out);
	return check_done();
}
