/*
 * test_layout.c: the PDF layout engine end to end.
 *
 *  - Paragraphs set through the text device (fixed metrics) and compared
 *    with goldens in tests/layout/ (KEIKAKU_REGEN=1 rewrites them; review
 *    the diff before committing).
 *  - Every golden line checked against the 禁則 rules.
 *  - A smoke test: a real PDF through the libharu device, checked with
 *    qpdf, pdffonts, pdftotext and pdfinfo when they are installed, and
 *    built twice to show it is byte-identical. KEIKAKU_KEEP=1 keeps it
 *    (/tmp/keikaku-smoke.pdf) for a look with pdftoppm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf_utils.h>

#include "check.h"
#include "diag.h"
#include "util.h"
#include "pdf/device.h"
#include "pdf/font.h"
#include "pdf/layout.h"
#include "pdf/linebreak.h"

/* Goldens are small; anything larger is not one. */
#define GOLDEN_MAX	(1024 * 1024)

/* ------------------------------------------------------------------ */
/* Goldens                                                            */
/* ------------------------------------------------------------------ */

static void
golden_path(struct buf *b, const char *name)
{
	const char *top = getenv("TOP");

	buf_reset(b);
	buf_printf(b, "%s/tests/layout/%s", top && *top ? top : ".", name);
}

/* Splits s into lines (modified in place); returns the count. */
static size_t
split_lines(char *s, char ***v)
{
	size_t n = 0, cap = 0;
	char *p = s, *nl;

	*v = NULL;
	while (*p != '\0') {
		*v = xgrow(*v, &cap, n + 1, sizeof(**v));
		(*v)[n++] = p;
		nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

/*
 * Prints what differs as a diff would: the common head and tail are
 * skipped and the lines between are shown as - want / + got (at most 20
 * of each), with their line number.
 */
static void
print_diff(const char *want, const char *got)
{
	char *w = xstrdup(want), *g = xstrdup(got), **wv, **gv;
	size_t nw = split_lines(w, &wv), ng = split_lines(g, &gv);
	size_t head = 0, tail = 0, i;

	while (head < nw && head < ng && strcmp(wv[head], gv[head]) == 0)
		head++;
	while (tail < nw - head && tail < ng - head &&
	    strcmp(wv[nw - 1 - tail], gv[ng - 1 - tail]) == 0)
		tail++;
	printf("#   @@ line %zu @@\n", head + 1);
	for (i = head; i < nw - tail && i < head + 20; i++)
		printf("#   - %s\n", wv[i]);
	for (i = head; i < ng - tail && i < head + 20; i++)
		printf("#   + %s\n", gv[i]);
	free(wv);
	free(gv);
	free(w);
	free(g);
}

/* Compares got with the golden file; prints a diff-like message on mismatch. */
static void
golden(const char *name, const char *got)
{
	struct buf path = {0};
	const char *regen = getenv("KEIKAKU_REGEN");
	char *want;
	size_t wlen;
	FILE *fp;

	golden_path(&path, name);
	if (regen != NULL && strcmp(regen, "1") == 0) {
		fp = fopen(buf_str(&path), "w");
		CHECK(fp != NULL && fputs(got, fp) >= 0 && fclose(fp) == 0,
		    "golden %s regenerated", name);
		buf_free(&path);
		return;
	}
	want = file_read(buf_str(&path), &wlen, GOLDEN_MAX);
	if (want == NULL) {
		CHECK(0, "golden %s: cannot read %s (KEIKAKU_REGEN=1 writes it)",
		    name, buf_str(&path));
		buf_free(&path);
		return;
	}
	CHECK(strcmp(want, got) == 0, "golden %s", name);
	if (strcmp(want, got) != 0) {
		print_diff(want, got);
		printf("#   (KEIKAKU_REGEN=1 rewrites %s)\n", buf_str(&path));
	}
	free(want);
	buf_free(&path);
}

/* ------------------------------------------------------------------ */
/* A small document                                                   */
/* ------------------------------------------------------------------ */

/* Stand-ins for model nodes: the dumps number them in order of first use. */
static int nodes[80];

struct doc {
	struct diag		 d;
	struct device		*dev;
	struct fontset		 fs;
	struct layout		 L;
	struct layout_style	 body;
	struct layout_style	 bold;
	struct layout_style	 head;
	struct layout_style	 link;
	struct layout_style	 uri;
	struct layout_style	 small;
	int			 page_hooks;
};

static const struct layout_para para_defaults = {
	.line_height = 17500,
	.space_after = 5000,
	.indent = 10000,
	.align = LAYOUT_JUSTIFY,
	.stype = DEV_S_P,
};

/* Watermark, running head and rule, page number: artifacts. */
static void
page_begin(struct layout *L, struct layout_page *p, void *ctx)
{
	struct doc *dc = ctx;
	struct layout_style mark = dc->head;

	mark.size = 100000;
	mark.rgb = 0xEEEEEE;
	layout_put_text(L, p, DEV_ART_WATERMARK, NULL, (p->w - 100000) / 2,
	    p->h / 2, &mark, "案");
	layout_put_rect(L, p, DEV_ART_LAYOUT, NULL, L->geom.left,
	    L->geom.top - 30000, 3000, 12000, 1, 0x2E7D32, 0, 0);

	layout_put_text(L, p, DEV_ART_HEADER, NULL, L->geom.left + 6000,
	    L->geom.top - 20000, &dc->small, "みどり市DX推進計画");
	layout_put_rule(L, p, DEV_ART_LAYOUT, NULL, L->geom.left,
	    L->geom.top - 15000, p->w - L->geom.right, L->geom.top - 15000,
	    500, 0x808080);
}

static void
page_end(struct layout *L, struct layout_page *p, void *ctx)
{
	struct doc *dc = ctx;
	char num[32];

	snprintf(num, sizeof(num), "- %d -", p->number);
	layout_put_text(L, p, DEV_ART_FOOTER, NULL,
	    (p->w - layout_text_width(&dc->small, num)) / 2,
	    p->h - L->geom.bottom + 30000, &dc->small, num);
}

static int
doc_open(struct doc *dc, struct device *dev, const struct layout_geom *g,
    const struct font_config *fc, int hooks)
{
	memset(dc, 0, sizeof(*dc));
	diag_init(&dc->d);
	dc->dev = dev;
	dev->diag = &dc->d;
	if (fontset_open(&dc->fs, dev, fc, &dc->d) == -1)
		return -1;
	layout_init(&dc->L, g, &dc->fs, &dc->d);
	if (hooks) {
		dc->L.page_begin = page_begin;
		dc->L.page_end = page_end;
		dc->L.hook_ctx = dc;
	}
	dc->body.font = dc->fs.face[FONT_MINCHO];
	dc->body.size = 10000;
	dc->bold = dc->body;
	dc->bold.font = dc->fs.face[FONT_GOTHIC_BOLD];
	dc->head = dc->bold;
	dc->head.size = 14000;
	dc->link = dc->body;
	dc->link.rgb = 0x0000C0;
	dc->link.link_dest = "sec-2";
	dc->uri = dc->link;
	dc->uri.link_dest = NULL;
	dc->uri.link_uri = "https://www.city.midori.example.jp/dx/";
	dc->small = dc->body;
	dc->small.font = dc->fs.face[FONT_GOTHIC];
	dc->small.size = 8000;
	return 0;
}

static void
doc_close(struct doc *dc)
{
	layout_free(&dc->L);
	fontset_free(&dc->fs);
	dev_free(dc->dev);
	diag_free(&dc->d);
}

/* One paragraph in one style. */
static void
para(struct doc *dc, int node, const struct layout_style *st, const char *text,
    enum dev_stype stype, enum layout_align align)
{
	struct layout_run run;
	struct layout_para p = para_defaults;
	struct span sp;

	memset(&run, 0, sizeof(run));
	run.text = text;
	run.len = strlen(text);
	run.style = st;
	run.node = NULL;
	run.tag = NULL;
	p.runs = &run;
	p.nruns = 1;
	p.stype = stype;
	p.align = align;
	p.node = &nodes[node];
	p.line_height = st->size * 7 / 4;
	sp.file = "test.md";
	sp.line = node;
	sp.col = 1;
	p.span = &sp;
	layout_para(&dc->L, &p);
}

/* A heading that asks for keep mpt below it on its page. */
static void
heading_keep(struct doc *dc, int node, const char *text, int32_t keep)
{
	struct layout_run run;
	struct layout_para p = para_defaults;

	memset(&run, 0, sizeof(run));
	run.text = text;
	run.len = strlen(text);
	run.style = &dc->head;
	run.node = NULL;
	run.tag = NULL;
	p.runs = &run;
	p.nruns = 1;
	p.stype = DEV_S_H2;
	p.align = LAYOUT_LEFT;
	p.indent = 0;
	p.node = &nodes[node];
	p.line_height = 24500;
	p.space_before = 10000;
	p.keep_after = keep;
	layout_para(&dc->L, &p);
}

/* A heading that keeps two body lines below it on its page. */
static void
heading(struct doc *dc, int node, const char *text)
{
	heading_keep(dc, node, text, 2 * 17500);
}

/* A paragraph of several runs: text, bold, an internal link, a URI. */
static void
mixed_para(struct doc *dc, int node)
{
	struct layout_run runs[5];
	struct layout_para p = para_defaults;
	static const char *const text[] = {
		"本計画では、", "重点事業", "（第2章参照）を定め、詳しくは",
		"市のWebサイト", "で公開します。"
	};
	const struct layout_style *st[] = {
		&dc->body, &dc->bold, &dc->link, &dc->uri, &dc->body
	};
	size_t i;

	memset(runs, 0, sizeof(runs));
	for (i = 0; i < KK_ARRAY_LEN(runs); i++) {
		runs[i].text = text[i];
		runs[i].len = strlen(text[i]);
		runs[i].style = st[i];
		runs[i].node = i == 0 || i == 4 ? NULL : &nodes[40 + i];
		runs[i].tag = NULL;
	}
	p.runs = runs;
	p.nruns = KK_ARRAY_LEN(runs);
	p.node = &nodes[node];
	layout_para(&dc->L, &p);
}

/* The 禁則 cases of the acceptance list, in sentences a plan would have. */
static const char *const kinsoku_texts[] = {
	/* closing brackets */
	"市民の皆さまからいただいた意見は「計画書」に反映します。意見の概要（速報）は公開します。",
	/* 。、 hanging and push-out */
	"本計画は、市の最上位計画である総合計画の分野別計画です。計画の期間は五年間とし、毎年度見直します。",
	/* small kana and ー */
	"デジタル・トランスフォーメーションの推進にあたっては、ユーザー中心のサービスデザインを重視し、ちょっとした手続もオンラインで完結できるようにします。",
	/* opening brackets at line end */
	"取組の柱は三つです。「行かない窓口」、「書かない窓口」、【待たない窓口】の実現を目指します。",
	/* numbers with units, dates */
	"令和8年度（2026年度）から令和12年度（2030年度）までの5年間で、320件の手続のうち1,290人が利用した3手続を含め、オンライン化率を3.5%から100%へ高めます。",
	/* a long URL */
	"詳しくはhttps://www.city.midori.example.jp/dx/plan-2026/index.htmlをご覧ください。",
	/* mixed Japanese and Latin, —— and …… */
	"AI（Artificial Intelligence）やRPAの活用——とりわけ庁内業務の自動化……を段階的に進めます。",
};

static void
test_kinsoku_golden(void)
{
	struct doc dc;
	struct buf out = {0};
	struct layout_geom g;
	struct font_config fc;
	struct dev_info info = { "みどり市DX推進計画（案）", "みどり市",
	    "禁則の確認", NULL, "ja", -1, NULL, 0 };
	size_t i;
	char *msgs = NULL;
	size_t msglen = 0;
	FILE *fp;

	/* A 20-em column at 10 pt: 200 pt between the margins. */
	g.w = DEV_A4_W;
	g.h = DEV_A4_H;
	g.top = g.bottom = 56693;
	g.left = g.right = (DEV_A4_W - 200000) / 2;
	font_config_default(&fc);
	if (doc_open(&dc, dev_text_new(NULL), &g, &fc, 0) == -1) {
		CHECK(0, "text device fontset");
		return;
	}
	layout_outline(&dc.L, 1, "禁則の確認", "top");
	layout_dest(&dc.L, "top");
	para(&dc, 1, &dc.head, "第1章　禁則処理", DEV_S_H1, LAYOUT_LEFT);
	for (i = 0; i < KK_ARRAY_LEN(kinsoku_texts); i++)
		para(&dc, (int)(2 + i), &dc.body, kinsoku_texts[i], DEV_S_P,
		    LAYOUT_JUSTIFY);
	layout_dest(&dc.L, "sec-2");
	para(&dc, 20, &dc.head, "中央の見出し", DEV_S_H2, LAYOUT_CENTER);
	mixed_para(&dc, 21);
	/* A hard line break, a private-use character (missing), a non-BMP one, a control character. */
	para(&dc, 22, &dc.body, "一行目\n二行目は吉と𠮷、外字\xee\x80\x80、制御\x01文字。",
	    DEV_S_P, LAYOUT_LEFT);
	CHECK_INT(layout_emit(&dc.L, dc.dev, &info, &out), 0, "emit to the text device");
	CHECK_INT(dc.L.substituted, 3, "three characters printed as 〓");
	CHECK_INT(dc.d.warnings, 3, "and three warnings");
	fp = open_memstream(&msgs, &msglen);
	if (fp != NULL) {
		diag_print(&dc.d, fp);
		fclose(fp);
		buf_puts(&out, "--- diagnostics\n");
		buf_puts(&out, msgs ? msgs : "");
		free(msgs);
	}
	golden("kinsoku.txt", buf_str(&out));
	buf_free(&out);
	doc_close(&dc);
}

/* Short pages of 10 lines of 17.5 pt (a 20-em column at 10 pt), with running heads: three pages are quick to read. */
static int
short_doc_open(struct doc *dc, struct layout_geom *g)
{
	struct font_config fc;

	g->w = DEV_A4_W;
	g->h = 56693 * 2 + 175000;
	g->top = g->bottom = 56693;
	g->left = g->right = (DEV_A4_W - 200000) / 2;
	font_config_default(&fc);
	if (doc_open(dc, dev_text_new(NULL), g, &fc, 1) == -1) {
		CHECK(0, "text device fontset");
		return -1;
	}
	return 0;
}

static void
test_pages_golden(void)
{
	struct doc dc;
	struct buf out = {0};
	struct layout_geom g;
	struct dev_info info = { "ページ送り", NULL, NULL, NULL, "ja", 1775001600, NULL, 0 };
	int i;

	if (short_doc_open(&dc, &g) == -1)
		return;
	for (i = 0; i < 6; i++) {
		char dest[16];

		snprintf(dest, sizeof(dest), "p%d", i);
		layout_dest(&dc.L, dest);
		if (i == 4)	/* at the foot of page 2: goes to page 3 with its text */
			heading(&dc, 50, "見出しは本文と離れない");
		layout_outline(&dc.L, i % 2 ? 2 : 1, kinsoku_texts[i] + 0, dest);
		para(&dc, 30 + i, &dc.body, kinsoku_texts[i], DEV_S_P,
		    LAYOUT_JUSTIFY);
	}
	CHECK_INT(layout_emit(&dc.L, dc.dev, &info, &out), 0,
	    "emit three pages");
	CHECK(dc.L.npages >= 3, "at least three pages (%zu)", dc.L.npages);
	golden("pages.txt", buf_str(&out));
	buf_free(&out);
	doc_close(&dc);
}

/* The page of the first text box of node, or 0. */
static int
text_page(const struct layout *L, const void *node)
{
	size_t i, k;

	for (i = 0; i < L->npages; i++)
		for (k = 0; k < L->pages[i].n; k++)
			if (L->pages[i].v[k].type == BOX_TEXT &&
			    L->pages[i].v[k].mark.node == node)
				return L->pages[i].number;
	return 0;
}

/*
 * Keep with next: a heading that fits with the little room it asks for
 * (less than the next block needs),
 * followed by a paragraph whose first two lines (orphan rule) do not,
 * goes to the next page with it; two headings in a row go together
 * before a block that asks for room (a figure); a heading at the top of
 * a page stays there when what follows does not fit anyway.
 */
static void
test_keep_golden(void)
{
	struct doc dc;
	struct buf out = {0};
	struct layout_geom g;
	struct dev_info info = { "見出しの送り", NULL, NULL, NULL, "ja", 1775001600, NULL, 0 };
	struct layout_page *pg;

	if (short_doc_open(&dc, &g) == -1)
		return;
	/* page 1: three lines, then the cursor 120 pt down: the heading fits, two lines after it do not */
	para(&dc, 60, &dc.body, kinsoku_texts[0], DEV_S_P, LAYOUT_JUSTIFY);
	layout_space(&dc.L, 120000 - (dc.L.y - g.top));
	layout_dest(&dc.L, "h61");
	heading_keep(&dc, 61, "見出しは次の段落と", 10000);
	para(&dc, 62, &dc.body, kinsoku_texts[1], DEV_S_P, LAYOUT_JUSTIFY);
	/* page 3: two headings fit below four lines, then a block of 100 pt does not */
	layout_page_break(&dc.L);
	para(&dc, 63, &dc.body, kinsoku_texts[2], DEV_S_P, LAYOUT_JUSTIFY);
	heading_keep(&dc, 64, "二つの見出しは", 10000);
	heading_keep(&dc, 65, "図と一緒に", 10000);
	layout_struct_begin(&dc.L, DEV_S_FIGURE, &nodes[66]);
	pg = layout_need(&dc.L, 100000);
	layout_put_rect(&dc.L, pg, DEV_CONTENT, &nodes[66], g.left, dc.L.y,
	    100000, 100000, 1, 0xCCCCCC, 0, 0);
	dc.L.y += 100000;
	layout_struct_end(&dc.L, DEV_S_FIGURE, &nodes[66]);
	/* page 5: a heading at the top stays with a block too tall for any page */
	layout_page_break(&dc.L);
	heading_keep(&dc, 67, "見出しが先頭なら", 10000);
	pg = layout_need(&dc.L, 200000);
	layout_put_rect(&dc.L, pg, DEV_CONTENT, &nodes[68], g.left, dc.L.y,
	    100000, 200000, 1, 0xCCCCCC, 0, 0);
	dc.L.y += 200000;
	CHECK_INT(layout_emit(&dc.L, dc.dev, &info, &out), 0, "emit");
	CHECK_INT(text_page(&dc.L, &nodes[61]), 2,
	    "a heading not left alone at the foot: on page 2");
	CHECK_INT(text_page(&dc.L, &nodes[62]), 2, "with its paragraph");
	CHECK_INT(text_page(&dc.L, &nodes[64]), 4,
	    "two headings before a figure: the first on page 4");
	CHECK_INT(text_page(&dc.L, &nodes[65]), 4, "the second too");
	CHECK_INT(text_page(&dc.L, &nodes[67]), 5,
	    "a heading at the top of a page stays there");
	golden("keep.txt", buf_str(&out));
	buf_free(&out);
	doc_close(&dc);
}

/* A line that would be spread by more than 1 em a gap is set flush left. */
static void
test_spread(void)
{
	struct doc dc;
	struct layout_geom g;
	struct font_config fc;
	const struct box *b = NULL;
	size_t k;

	g.w = DEV_A4_W;
	g.h = DEV_A4_H;
	g.top = g.bottom = 56693;
	g.left = g.right = (DEV_A4_W - 200000) / 2;
	font_config_default(&fc);
	if (doc_open(&dc, dev_text_new(NULL), &g, &fc, 0) == -1) {
		CHECK(0, "text device fontset");
		return;
	}
	para(&dc, 1, &dc.body, "あいうえSupercalifragilisticexpialidocious1234567890",
	    DEV_S_P, LAYOUT_JUSTIFY);
	para(&dc, 2, &dc.body, "あいうえおかきくけこさしすせそたちつ「て」",
	    DEV_S_P, LAYOUT_JUSTIFY);
	for (k = 0; k < dc.L.pages[0].n; k++)
		if (dc.L.pages[0].v[k].type == BOX_TEXT) {
			b = &dc.L.pages[0].v[k];
			break;
		}
	CHECK(b != NULL && strcmp(b->text, "あいうえ") == 0 && b->tc == 0,
	    "a pushed line of four characters is not spread 3.3 em a gap");
	for (b = NULL; k < dc.L.pages[0].n; k++)
		if (dc.L.pages[0].v[k].type == BOX_TEXT &&
		    dc.L.pages[0].v[k].mark.node == &nodes[2]) {
			b = &dc.L.pages[0].v[k];
			break;
		}
	CHECK(b != NULL && b->tc > 0.588 && b->tc < 0.589,
	    "a line one em short is spread over 17 gaps (tc %.4f)",
	    b ? b->tc : -1.0);
	doc_close(&dc);
}

/*
 * Reads a text-device dump back into its lines of text (consecutive text
 * boxes at one baseline make one line) and checks them against the 禁則
 * rules: the check the PDF acceptance runs on pdftotext output.
 */
static void
check_dump_kinsoku(const char *name)
{
	struct buf path = {0}, line = {0};
	char *s, *p, *q;
	size_t len;
	char prev_y[32] = "";
	int viol = 0, lines = 0;
	uint32_t first, last;

	golden_path(&path, name);
	s = file_read(buf_str(&path), &len, GOLDEN_MAX);
	if (s == NULL) {
		CHECK(0, "%s readable", name);
		buf_free(&path);
		return;
	}
	for (p = s; *p; p = q ? q + 1 : p + strlen(p)) {
		char x[32], y[32];
		const char *t, *e;

		q = strchr(p, '\n');
		if (q)
			*q = '\0';
		if (sscanf(p, " text %31s %31s", x, y) != 2 ||
		    strstr(p, " content") == NULL ||
		    (t = strchr(p, '"')) == NULL || (e = strrchr(p, '"')) == t)
			continue;
		if (strcmp(y, prev_y) != 0 && line.len > 0) {
			first = utf8_at(line.data, line.len, 0);
			last = utf8_prev(line.data, line.len);
			lines++;
			if (linebreak_no_start(first) || linebreak_no_end(last)) {
				printf("# %s: %s\n", name, line.data);
				viol++;
			}
			buf_reset(&line);
		}
		snprintf(prev_y, sizeof(prev_y), "%s", y);
		buf_put(&line, t + 1, (size_t)(e - t - 1));
		if (!q)
			break;
	}
	CHECK(viol == 0 && lines > 10, "%s: %d lines, no 禁則 violation", name,
	    lines);
	free(s);
	buf_free(&path);
	buf_free(&line);
}

/* ------------------------------------------------------------------ */
/* Small pure pieces                                                  */
/* ------------------------------------------------------------------ */

static const char *
pt_str(int32_t v)
{
	static char s[32];
	struct buf b = {0};

	dev_put_pt(&b, v);
	snprintf(s, sizeof(s), "%s", buf_str(&b));
	buf_free(&b);
	return s;
}

static void
test_units(void)
{
	struct font *f = font_new_fixed("x");

	CHECK_STR(pt_str(0), "0", "0 pt");
	CHECK_STR(pt_str(10500), "10.5", "10.5 pt");
	CHECK_STR(pt_str(595276), "595.276", "595.276 pt");
	CHECK_STR(pt_str(841890), "841.89", "841.89 pt");
	CHECK_STR(pt_str(-1050), "-1.05", "-1.05 pt");
	CHECK_INT(DEV_PT(10.5), 10500, "DEV_PT");
	CHECK_INT(font_fixed_width(0x3042), 1000, "あ 1 em");
	CHECK_INT(font_fixed_width('a'), 500, "a 1/2 em");
	CHECK_INT(font_fixed_width(0x2014), 1000, "— 1 em");
	CHECK_INT(font_fixed_width(0x203B), 1000, "※ 1 em");
	CHECK_INT(font_fixed_width(0x20BB7), FONT_MISSING, "𠮷 missing");
	CHECK_INT(font_fixed_width(0xE000), FONT_MISSING, "private use missing");
	CHECK_INT(font_fixed_width(0xFE0F), 0, "variation selector 0");
	CHECK_INT(font_advance(f, 0x3042, 10500), 10500, "advance at 10.5 pt");
	CHECK_INT(font_advance(f, 'a', 10500), 5250, "narrow advance");
	CHECK_STR(f->name, "fixed-x", "fixed font name");
	font_free(f);
	CHECK_STR(dev_stype_name(DEV_S_TOCI), "TOCI", "structure type name");
	CHECK_STR(dev_role_name(DEV_ART_WATERMARK), "watermark", "role name");
}

static void
test_source_date_epoch(void)
{
	char *old = getenv("SOURCE_DATE_EPOCH") ?
	    xstrdup(getenv("SOURCE_DATE_EPOCH")) : NULL;

	unsetenv("SOURCE_DATE_EPOCH");
	CHECK_INT(dev_source_date_epoch(), -1, "SOURCE_DATE_EPOCH unset");
	setenv("SOURCE_DATE_EPOCH", "1775001600", 1);
	CHECK_INT(dev_source_date_epoch(), 1775001600LL, "SOURCE_DATE_EPOCH set");
	setenv("SOURCE_DATE_EPOCH", "12abc", 1);
	CHECK_INT(dev_source_date_epoch(), -1, "SOURCE_DATE_EPOCH not a number");
	if (old) {
		setenv("SOURCE_DATE_EPOCH", old, 1);
		free(old);
	} else
		unsetenv("SOURCE_DATE_EPOCH");
}

/* ------------------------------------------------------------------ */
/* The libharu device                                                 */
/* ------------------------------------------------------------------ */

static int
have_tool(const char *name)
{
	struct buf cmd = {0};
	int rc;

	buf_printf(&cmd, "command -v %s >/dev/null 2>&1", name);
	rc = system(buf_str(&cmd));
	buf_free(&cmd);
	return rc == 0;
}

/* Runs cmd (stdout and stderr) into out; returns the exit status. */
static int
run_tool(const char *cmd, struct buf *out)
{
	char chunk[4096];
	size_t n;
	FILE *p;
	int rc;

	buf_reset(out);
	p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_put(out, chunk, n);
	rc = pclose(p);
	return rc;
}

static void
strip_space(struct buf *out, const char *s)
{
	size_t off = 0, len = strlen(s);
	uint32_t cp;

	buf_reset(out);
	while (off < len) {
		off += utf8_decode(s + off, len - off, &cp);
		if (!cp_is_space(cp) && cp != 0x3000)
			buf_put_cp(out, cp);
	}
}

static uint32_t
crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	size_t i;
	int k;

	crc = ~crc;
	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
	}
	return ~crc;
}

static void
put_be32(struct buf *b, uint32_t v)
{
	buf_putc(b, (int)(v >> 24) & 0xFF);
	buf_putc(b, (int)(v >> 16) & 0xFF);
	buf_putc(b, (int)(v >> 8) & 0xFF);
	buf_putc(b, (int)v & 0xFF);
}

static void
png_chunk(struct buf *b, const char *type, const unsigned char *data, size_t n)
{
	size_t start;

	put_be32(b, (uint32_t)n);
	start = b->len;
	buf_put(b, type, 4);
	buf_put(b, (const char *)data, n);
	put_be32(b, crc32_update(0, (const unsigned char *)b->data + start,
	    n + 4));
}

/*
 * Writes an 8×8 RGB gradient as a PNG (zlib "stored" block, no
 * compression library needed) for the image path of the libharu device.
 */
static int
write_test_png(const char *path)
{
	enum { W = 8, H = 8, ROW = 1 + W * 3 };
	unsigned char ihdr[13] = { 0, 0, 0, W, 0, 0, 0, H, 8, 2, 0, 0, 0 };
	unsigned char raw[H * ROW];
	struct buf png = {0}, z = {0};
	uint32_t a = 1, bsum = 0;
	size_t i;
	int x, y, ok;
	FILE *fp;

	for (y = 0; y < H; y++) {
		raw[y * ROW] = 0;	/* filter: none */
		for (x = 0; x < W; x++) {
			raw[y * ROW + 1 + x * 3] = (unsigned char)(x * 32);
			raw[y * ROW + 2 + x * 3] = (unsigned char)(128 + y * 16);
			raw[y * ROW + 3 + x * 3] = 64;
		}
	}
	for (i = 0; i < sizeof(raw); i++) {
		a = (a + raw[i]) % 65521;
		bsum = (bsum + a) % 65521;
	}
	buf_putc(&z, 0x78);
	buf_putc(&z, 0x01);
	buf_putc(&z, 0x01);	/* final stored block */
	buf_putc(&z, (int)(sizeof(raw) & 0xFF));
	buf_putc(&z, (int)(sizeof(raw) >> 8));
	buf_putc(&z, (int)(~sizeof(raw) & 0xFF));
	buf_putc(&z, (int)((~sizeof(raw) >> 8) & 0xFF));
	buf_put(&z, (const char *)raw, sizeof(raw));
	put_be32(&z, (bsum << 16) | a);
	buf_put(&png, "\x89PNG\r\n\x1a\n", 8);
	png_chunk(&png, "IHDR", ihdr, sizeof(ihdr));
	png_chunk(&png, "IDAT", (const unsigned char *)z.data, z.len);
	png_chunk(&png, "IEND", NULL, 0);
	fp = fopen(path, "wb");
	ok = fp != NULL && fwrite(png.data, 1, png.len, fp) == png.len;
	if (fp != NULL && fclose(fp) != 0)
		ok = 0;
	buf_free(&png);
	buf_free(&z);
	return ok ? 0 : -1;
}

/* Builds the smoke document into out; returns 0. The layout's text boxes go to boxes. */
static int
smoke_pdf(struct buf *out, long long epoch, struct buf *boxes, int synthetic)
{
	struct doc dc;
	struct layout_geom g;
	struct font_config fc;
	struct dev_info info = { "みどり市DX推進計画（案）", "みどり市",
	    "デジタル・トランスフォーメーション", NULL, "ja", epoch, NULL, 0 };
	struct device *dev;
	char png[128];
	size_t i, k;
	int rc;

	/* A4 with 25 mm margins: a column of 453.5 pt, 43 em at 10.5 pt. */
	g.w = DEV_A4_W;
	g.h = DEV_A4_H;
	g.top = g.bottom = g.left = g.right = 70866;
	font_config_default(&fc);
	fc.synthetic_bold = synthetic;
	dev = dev_hpdf_new(NULL);
	if (dev == NULL)
		return -1;
	if (doc_open(&dc, dev, &g, &fc, 1) == -1) {
		diag_print(&dc.d, stdout);
		doc_close(&dc);
		return -1;
	}
	dc.body.size = dc.link.size = dc.uri.size = 10500;
	layout_dest(&dc.L, "top");
	layout_outline(&dc.L, 1, "第1章　禁則処理", "top");
	para(&dc, 1, &dc.head, "第1章　禁則処理", DEV_S_H1, LAYOUT_LEFT);
	for (i = 0; i < KK_ARRAY_LEN(kinsoku_texts); i++)
		para(&dc, (int)(2 + i), &dc.body, kinsoku_texts[i], DEV_S_P,
		    LAYOUT_JUSTIFY);
	layout_dest(&dc.L, "sec-2");
	layout_outline(&dc.L, 2, "第2節　混在する書体", "sec-2");
	para(&dc, 20, &dc.head, "第2節　混在する書体", DEV_S_H2, LAYOUT_LEFT);
	mixed_para(&dc, 21);
	para(&dc, 22, &dc.bold, "太字の段落：Mincho Boldがないため、Gothic Boldで代用します。",
	    DEV_S_P, LAYOUT_JUSTIFY);
	para(&dc, 23, &dc.body, "外字𠮷は〓になります。", DEV_S_P, LAYOUT_LEFT);
	snprintf(png, sizeof(png), "%s/keikaku-smoke-%ld.png",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	if (write_test_png(png) == 0) {
		layout_put_image(&dc.L, &dc.L.pages[0], DEV_CONTENT, &nodes[24], png,
		    g.left, g.h - g.bottom - 60000, 60000, 60000);
		layout_put_link(&dc.L, &dc.L.pages[0], &nodes[24], g.left,
		    g.h - g.bottom - 60000, 60000, 60000, "top", NULL);
	}
	rc = layout_emit(&dc.L, dc.dev, &info, out);
	unlink(png);
	if (rc != 0)
		diag_print(&dc.d, stdout);
	if (boxes != NULL) {
		buf_reset(boxes);
		for (i = 0; i < dc.L.npages; i++) {
			for (k = 0; k < dc.L.pages[i].n; k++)
				if (dc.L.pages[i].v[k].type == BOX_TEXT &&
				    dc.L.pages[i].v[k].mark.role !=
				    DEV_ART_WATERMARK)
					buf_put(boxes, dc.L.pages[i].v[k].text,
					    dc.L.pages[i].v[k].len);
			buf_putc(boxes, '\f');
		}
	}
	if (!synthetic)
		CHECK_STR(dc.fs.how[FONT_MINCHO_BOLD],
		    access(fc.path[FONT_MINCHO_BOLD], R_OK) == 0 ? "file" :
		    "gothic-bold", "Mincho bold: its file, or Gothic bold");
	else
		CHECK_STR(dc.fs.how[FONT_MINCHO_BOLD],
		    access(fc.path[FONT_MINCHO_BOLD], R_OK) == 0 ? "file" :
		    "synthetic", "Mincho bold: its file, or synthetic");
	CHECK_INT(dc.d.warnings, 1, "one warning (𠮷)");
	doc_close(&dc);
	return rc;
}

static void
test_hpdf_smoke(void)
{
	struct font_config fc;
	struct buf pdf = {0}, pdf2 = {0}, boxes = {0}, tool = {0}, cmd = {0},
	    want = {0}, got = {0};
	char path[128];
	const char *keep = getenv("KEIKAKU_KEEP");
	FILE *fp;
	size_t i, pos;

	font_config_default(&fc);
	if (access(fc.path[FONT_MINCHO], R_OK) != 0 ||
	    access(fc.path[FONT_GOTHIC], R_OK) != 0) {
		CHECK(1, "# SKIP libharu smoke test: BIZ UD fonts not installed");
		return;
	}
	CHECK_INT(smoke_pdf(&pdf, -1, &boxes, 0), 0, "smoke PDF built");
	CHECK(pdf.len > 1000 && memcmp(pdf.data, "%PDF-", 5) == 0,
	    "it is a PDF (%zu bytes)", pdf.len);
	CHECK_INT(smoke_pdf(&pdf2, -1, NULL, 0), 0, "built again");
	CHECK(pdf.len == pdf2.len && memcmp(pdf.data, pdf2.data, pdf.len) == 0,
	    "byte-identical without SOURCE_DATE_EPOCH");
	CHECK(strstr(pdf.data, "CreationDate") == NULL,
	    "no timestamp without SOURCE_DATE_EPOCH");
	buf_reset(&pdf2);
	CHECK_INT(smoke_pdf(&pdf2, 1775001600LL, NULL, 0), 0, "built with an epoch");
	CHECK(strstr(pdf2.data, "/CreationDate (D:20260401000000Z") != NULL,
	    "CreationDate from SOURCE_DATE_EPOCH");
	buf_reset(&pdf2);
	CHECK_INT(smoke_pdf(&pdf2, -1, NULL, 1), 0, "built with a synthetic bold");
	printf("# smoke PDF: %zu bytes, one page\n", pdf.len);

	if (keep != NULL && strcmp(keep, "1") == 0)
		snprintf(path, sizeof(path), "/tmp/keikaku-smoke.pdf");
	else
		snprintf(path, sizeof(path), "%s/keikaku-smoke-%ld.pdf",
		    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	fp = fopen(path, "wb");
	CHECK(fp != NULL && fwrite(pdf.data, 1, pdf.len, fp) == pdf.len &&
	    fclose(fp) == 0, "written to %s", path);

	if (have_tool("qpdf")) {
		buf_printf(&cmd, "qpdf --check '%s' 2>&1", path);
		CHECK_INT(run_tool(buf_str(&cmd), &tool), 0, "qpdf --check exit status");
		CHECK(strstr(buf_str(&tool), "No syntax or stream encoding errors") &&
		    !strstr(buf_str(&tool), "WARNING"), "qpdf --check clean");
		if (!strstr(buf_str(&tool), "No syntax or stream encoding errors"))
			printf("# %s\n", buf_str(&tool));
	}
	if (have_tool("pdffonts")) {
		int rows = 0, good = 0;
		const char *p;

		buf_reset(&cmd);
		buf_printf(&cmd, "pdffonts '%s' 2>&1", path);
		CHECK_INT(run_tool(buf_str(&cmd), &tool), 0, "pdffonts runs");
		for (p = buf_str(&tool); (p = strstr(p, "CID TrueType")) != NULL;
		    p++) {
			const char *eol = strchr(p, '\n');
			struct buf row = {0};

			buf_put(&row, p, eol ? (size_t)(eol - p) : strlen(p));
			rows++;
			good += strstr(buf_str(&row), "Identity-H       yes yes yes") != NULL;
			buf_free(&row);
		}
		CHECK(rows >= 2 && rows == good,
		    "pdffonts: %d fonts, all embedded, subset, with ToUnicode", rows);
		CHECK(strstr(buf_str(&tool), "Warning") == NULL &&
		    strstr(buf_str(&tool), "Error") == NULL, "pdffonts: no warning");
	}
	if (have_tool("pdftotext")) {
		buf_reset(&cmd);
		buf_printf(&cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
		CHECK_INT(run_tool(buf_str(&cmd), &tool), 0, "pdftotext runs");
		CHECK(strstr(buf_str(&tool), "Warning") == NULL &&
		    strstr(buf_str(&tool), "Error") == NULL &&
		    strstr(buf_str(&tool), "ToUnicode") == NULL,
		    "poppler prints no warning (ToUnicode repaired)");
		strip_space(&got, buf_str(&tool));
		strip_space(&want, buf_str(&boxes));
		/* The watermark comes out wherever its position puts it: remove it (one page). */
		{
			char *wm = strstr(got.data, "案");

			if (wm != NULL) {
				memmove(wm, wm + 3, strlen(wm + 3) + 1);
				got.len -= 3;
			}
		}
		CHECK_STR(buf_str(&got), buf_str(&want),
		    "pdftotext gives back exactly the text drawn");
		/* And every source paragraph, in order. */
		pos = 0;
		for (i = 0; i < KK_ARRAY_LEN(kinsoku_texts); i++) {
			const char *at;

			strip_space(&want, kinsoku_texts[i]);
			at = strstr(buf_str(&got) + pos, buf_str(&want));
			CHECK(at != NULL, "source paragraph %zu found in order", i + 1);
			if (at != NULL)
				pos = (size_t)(at - buf_str(&got)) + want.len;
		}
		/* No extracted line starts with a 行頭禁則 character. */
		{
			const char *p = buf_str(&tool), *nl;
			int viol = 0;

			for (; *p; p = nl ? nl + 1 : p + strlen(p)) {
				nl = strchr(p, '\n');
				if (*p != '\n' && *p != '\f' &&
				    linebreak_no_start(utf8_at(p, strlen(p), 0))) {
					printf("# line starts badly: %.*s\n",
					    (int)(nl ? nl - p : (long)strlen(p)), p);
					viol++;
				}
				if (!nl)
					break;
			}
			CHECK_INT(viol, 0, "no extracted line starts with a 行頭禁則 character");
		}
	}
	if (have_tool("pdfinfo")) {
		buf_reset(&cmd);
		buf_printf(&cmd, "pdfinfo '%s' 2>&1", path);
		CHECK_INT(run_tool(buf_str(&cmd), &tool), 0, "pdfinfo runs");
		CHECK(strstr(buf_str(&tool), "595.276 x 841.89 pts (A4)") != NULL,
		    "the page is A4");
		CHECK(strstr(buf_str(&tool), "みどり市DX推進計画（案）") != NULL,
		    "Japanese title in the document information");
	}
	if (keep == NULL || strcmp(keep, "1") != 0)
		unlink(path);
	buf_free(&pdf);
	buf_free(&pdf2);
	buf_free(&boxes);
	buf_free(&tool);
	buf_free(&cmd);
	buf_free(&want);
	buf_free(&got);
}

/* Real metrics through the width cache. */
static void
test_real_font(void)
{
	struct font_config fc;
	struct device *dev;
	struct font *f;
	struct diag d;

	font_config_default(&fc);
	if (access(fc.path[FONT_MINCHO], R_OK) != 0) {
		CHECK(1, "# SKIP real font metrics: BIZ UD Mincho not installed");
		return;
	}
	diag_init(&d);
	dev = dev_hpdf_new(&d);
	if (dev == NULL) {
		CHECK(0, "libharu device");
		diag_free(&d);
		return;
	}
	f = dev->ops->load_font(dev, fc.path[FONT_MINCHO]);
	CHECK(f != NULL, "BIZ UD Mincho loads");
	if (f != NULL) {
		CHECK_INT(font_width(f, 0x3042), 1000, "あ is 1 em");
		CHECK_INT(font_width(f, 0x6F22), 1000, "漢 is 1 em");
		CHECK_INT(font_width(f, 0x3002), 1000, "。 is 1 em");
		CHECK(font_width(f, 'a') > 0 && font_width(f, 'a') < 1000,
		    "a is narrow (%d)", font_width(f, 'a'));
		CHECK_INT(font_width(f, 0x20BB7), FONT_MISSING, "𠮷 is missing (outside the BMP)");
		CHECK_INT(font_width(f, 0xE000), FONT_MISSING, "U+E000 has no glyph");
		CHECK_INT(font_width(f, 0x3042), 1000, "あ again, from the cache");
		/* あ 漢 。 a E000 measured once; a asked three times, あ twice. */
		CHECK_INT((long long)f->misses, 5, "five cache misses");
		CHECK_INT((long long)f->lookups, 8, "eight lookups in the BMP");
		CHECK_STR(f->name, "BIZUDMincho-Regular", "PostScript name");
		font_free(f);
	}
	f = dev->ops->load_font(dev, "/nonexistent/font.ttf");
	CHECK(f == NULL && d.errors == 1, "a missing font file is an error");
	dev_free(dev);
	diag_free(&d);
}

/*
 * hmem.c: HPDF_MemSet and HPDF_MemCpy as libharu 2.3.0's own, which loop
 * forwards one byte at a time and return the end of the area: the same
 * bytes and return values, overlapping areas included.
 */
static HPDF_BYTE *
ref_memcpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	while (n > 0) {
		*out++ = *in++;
		n--;
	}
	return out;
}

static void
test_hmem(void)
{
	HPDF_BYTE a[64], b[64];
	void *r;
	int from, to, n, i, same = 1, ends = 1;

	memset(a, 'x', sizeof(a));
	r = HPDF_MemSet(a + 3, 0, 10);
	CHECK(r == a + 13 && a[2] == 'x' && a[3] == 0 && a[12] == 0 &&
	    a[13] == 'x', "HPDF_MemSet: the area set, its end returned");
	for (from = 0; from < 16; from++)
		for (to = 0; to < 16; to++)
			for (n = 0; n <= 24; n++) {
				for (i = 0; i < 64; i++)
					a[i] = b[i] = (HPDF_BYTE)(i * 7 + 1);
				if (HPDF_MemCpy(a + to, a + from, (HPDF_UINT)n) !=
				    a + to + n)
					ends = 0;
				(void)ref_memcpy(b + to, b + from, (HPDF_UINT)n);
				if (memcmp(a, b, sizeof(a)) != 0)
					same = 0;
			}
	CHECK(same, "HPDF_MemCpy: the bytes of a forward byte copy, overlaps included");
	CHECK(ends, "HPDF_MemCpy: the end of the area returned");
}

int
main(void)
{
	/* Line-buffered: a sanitizer report then follows the last check printed. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_units();
	test_source_date_epoch();
	test_kinsoku_golden();
	test_pages_golden();
	test_keep_golden();
	test_spread();
	check_dump_kinsoku("kinsoku.txt");
	check_dump_kinsoku("pages.txt");
	check_dump_kinsoku("keep.txt");
	test_real_font();
	test_hpdf_smoke();
	test_hmem();
	return check_done();
}
