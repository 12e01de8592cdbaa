/*
 * test_html.c: unit tests for the HTML back end (generator/html/): the tree
 * API and its escaping, the HTML5 serialiser, URL safety, relative URLs, and
 * the rendering of hand-built model nodes (inlines, blocks, tables, sheets).
 *
 * The schedule and indicator tables are also checked against the HTML table
 * model for many generated combinations of bars, targets, merged and
 * pending cells: every row covers exactly the table's columns, no cell
 * overlaps another, no span leaves its row group, and every headers= names
 * a header cell of the table. A Nu checker error there would otherwise only
 * show on a plan that happens to combine them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "html/html_int.h"
#include "outdir.h"

static struct build B;
static struct diag D;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Serialises a node into a static buffer, with line breaks removed. */
static const char *
ser(const xmlNode *n)
{
	static struct buf out;
	size_t i, o = 0;

	buf_reset(&out);
	html_serialize_node(n, &out);
	for (i = 0; i < out.len; i++)
		if (out.data[i] != '\n')
			out.data[o++] = out.data[i];
	if (out.data != NULL)
		out.data[o] = '\0';
	return buf_str(&out);
}

static struct inline_node *
text(const char *s)
{
	struct inline_node *in = ARENA_NEW(&B.arena, struct inline_node);

	in->type = INL_TEXT;
	in->text = arena_strdup(&B.arena, s);
	return in;
}

static struct inline_node *
inl(enum inline_type t, struct inline_node *children)
{
	struct inline_node *in = ARENA_NEW(&B.arena, struct inline_node);

	in->type = t;
	in->children = children;
	return in;
}

static struct block *
para(struct inline_node *in)
{
	struct block *b = ARENA_NEW(&B.arena, struct block);

	b->type = BLK_PARA;
	b->inlines = in;
	return b;
}

/* A minimal resolved build: a plan, one term, one department, one project. */
static void
setup(void)
{
	struct plan *pl = &B.plan;
	struct term *t;

	memset(&B, 0, sizeof(B));
	diag_init(&D);
	pl->title = "テスト計画";
	pl->city_name = "試験市";
	pl->draft_label = "（案）";
	pl->status = PLAN_DRAFT;
	pl->has_period = 1;
	pl->from = 2026;
	pl->to = 2030;
	pl->year_style = FY_STYLE_LONG;
	pl->year_short_style = FY_STYLE_SHORT;
	pl->labels.outcome = "成果（アウトカム）";
	pl->labels.output = "実績（アウトプット）";
	pl->labels.lead_department = "主管課";
	pl->base_url = "/dx/";
	B.nterms = 1;
	B.terms = t = ARENA_NEW(&B.arena, struct term);
	t->key = "rpa";
	t->term = "RPA";
	t->anchor = "term-rpa";
	t->uses = 1;
	t->definition = text("定型作業の自動化。");
	B.terms_sorted = ARENA_NEWN(&B.arena, struct term *, 1);
	B.terms_sorted[0] = t;
	B.ndepts = 1;
	B.depts = ARENA_NEW(&B.arena, struct department);
	B.depts[0].key = "digital";
	B.depts[0].name = "デジタル推進課";
	B.depts[0].anchor = "dept-digital";
	B.nprojects = 1;
	B.projects = ARENA_NEW(&B.arena, struct project);
	B.projects[0].c.key = "p1";
	B.projects[0].c.title = "事業";
	B.projects[0].c.url = "projects/p1.html";
	B.projects[0].id = "1-1";
	/* As resolve sets them: the plan period (model.h, year_from). */
	B.projects[0].year_from = pl->from;
	B.projects[0].year_to = pl->to;
}

struct fixture {
	struct html_site	 s;
	struct html_ctx		 c;
	xmlNode			*root;
};

/* A site over B and a context rendering into a <div> on the page of kind k. */
static void
begin(struct fixture *f, enum html_page_kind k)
{
	size_t i;

	html_site_init(&f->s, &B, &D);
	html_site_prepare(&f->s, "/nonexistent-keikaku-test-out");
	for (i = 0; i < f->s.npages; i++)
		if (f->s.pages[i].kind == k)
			break;
	html_ctx_begin(&f->c, &f->s, &f->s.pages[i < f->s.npages ? i : 0]);
	f->root = html_el_detached(f->c.doc, "div");
	xmlDocSetRootElement(f->c.doc, f->root);
}

static void
end(struct fixture *f)
{
	html_ctx_end(&f->c);
	html_site_free(&f->s);
}

/* ------------------------------------------------------------------ */
/* The tree API and the serialiser                                     */
/* ------------------------------------------------------------------ */

static void
test_escaping(void)
{
	xmlDoc *doc = html_doc_new();
	xmlNode *p = html_el_detached(doc, "p"), *a;

	xmlDocSetRootElement(doc, p);
	html_text(p, "<b>&amp; \"x\" 'y' 漢字</b>");
	CHECK_STR(ser(p), "<p>&lt;b&gt;&amp;amp; \"x\" 'y' 漢字&lt;/b&gt;</p>",
	    "text is a text node: markup and entities are escaped, quotes kept");
	a = html_el(p, "a");
	html_attr(a, "title", "a&amp;\"<>'");
	html_attr(a, "href", "x.html?a=1&b=2");
	CHECK_STR(ser(a), "<a title=\"a&amp;amp;&quot;<>'\" href=\"x.html?a=1&amp;b=2\"></a>",
	    "attribute values taken literally, & and \" escaped");
	html_attr(a, "title", NULL);
	CHECK_STR(ser(a), "<a href=\"x.html?a=1&amp;b=2\"></a>",
	    "a NULL value removes the attribute");
	CHECK_STR(html_attr_get(a, "href"), "x.html?a=1&b=2", "html_attr_get reads it back");
	xmlFreeDoc(doc);
}

static void
test_serialiser(void)
{
	xmlDoc *doc = html_doc_new();
	xmlNode *root = html_el_detached(doc, "html"), *body, *pre, *p;
	struct buf out = {0};

	xmlDocSetRootElement(doc, root);
	html_attr(root, "lang", "ja");
	body = html_el(root, "body");
	p = html_el(body, "p");
	html_text(p, "一");
	html_el(p, "br");
	html_text(p, "二");
	html_attr(html_el(body, "img"), "alt", "");
	html_el(body, "hr");
	xmlAddChild(body, xmlNewDocComment(doc, BAD_CAST "secret"));
	pre = html_el(body, "pre");
	html_text(pre, "\n先頭の改行\n");
	html_serialize(doc, &out);
	CHECK_STR(buf_str(&out),
	    "<!DOCTYPE html>\n<html lang=\"ja\">\n<body>\n<p>一<br>二</p><img alt=\"\">\n"
	    "<hr>\n<pre>\n\n先頭の改行\n</pre>\n</body>\n</html>\n",
	    "doctype, void elements without end tags, no comments, a kept "
	    "line feed after <pre>, line breaks only around blocks");
	buf_free(&out);

	p = html_el(body, "p");
	html_text(p, "a\x01" "b\r\n\xC3" "c\xEF\xBF\xBF" "d\xC2\x85" "e\xEF\xBF\xBD");
	CHECK_STR(ser(p), "<p>a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD"
	    "d\xEF\xBF\xBD" "e\xEF\xBF\xBD</p>",
	    "controls, CR, invalid UTF-8, noncharacters and C1 replaced or dropped; U+FFFD kept");
	p = html_el(body, "p");
	html_text(p, "abc");
	html_text(p, "def");
	CHECK(p->children != NULL && p->children->next == NULL,
	    "adjacent text nodes are merged");
	xmlFreeDoc(doc);
}

static void
test_url_safe(void)
{
	static const struct { const char *url; int safe; } cases[] = {
		{ "https://example.jp/", 1 }, { "HTTP://EXAMPLE.JP", 1 },
		{ "mailto:a@example.jp", 1 }, { "page.html", 1 },
		{ "../a/b.html#x", 1 }, { "#frag", 1 }, { "/abs/path", 1 },
		{ "?q=1", 1 }, { "//example.jp/x", 1 }, { "a b.html", 1 },
		{ "dir/a:b", 1 }, { "画像.png", 1 },
		{ "javascript:alert(1)", 0 }, { "JavaScript:alert(1)", 0 },
		{ " javascript:alert(1)", 0 }, { "java\tscript:alert(1)", 0 },
		{ "java\nscript:x", 0 }, { "data:text/html,x", 0 },
		{ "vbscript:x", 0 }, { "file:///etc/passwd", 0 },
		{ "tel:0123", 0 }, { "a:b/c", 0 }, { ":x", 0 }, { "", 0 },
		{ "https\x01://x", 0 }, { "x\x7f", 0 },
	};
	size_t i;

	CHECK(!html_url_safe(NULL), "NULL is not a URL");
	for (i = 0; i < KK_ARRAY_LEN(cases); i++) {
		char shown[64];
		size_t k, o = 0;

		/* Control characters as \xNN, so that a check stays one line. */
		for (k = 0; cases[i].url[k] != '\0' && o + 5 < sizeof(shown); k++) {
			unsigned char ch = (unsigned char)cases[i].url[k];

			if (ch < 0x20 || ch == 0x7f)
				o += (size_t)snprintf(shown + o, sizeof(shown) - o, "\\x%02X", ch);
			else
				shown[o++] = (char)ch;
		}
		shown[o] = '\0';
		CHECK(html_url_safe(cases[i].url) == cases[i].safe,
		    "url_safe(\"%s\") = %d", shown, cases[i].safe);
	}
}

static void
test_relurl(void)
{
	static const struct { const char *from, *to, *base, *want; } cases[] = {
		{ "index.html", "chapters/a.html", NULL, "chapters/a.html" },
		{ "chapters/a.html", "chapters/b.html", NULL, "b.html" },
		{ "chapters/a.html", "projects/b.html#x", NULL, "../projects/b.html#x" },
		{ "chapters/a.html", "index.html", NULL, "../index.html" },
		{ "chapters/a.html", "chapters/a.html#sec-1", NULL, "#sec-1" },
		{ "chapters/a.html", "#fn-1", NULL, "#fn-1" },
		{ "a/b/c.html", "a/d/e.html", NULL, "../d/e.html" },
		{ "ab/c.html", "a/d.html", NULL, "../a/d.html" },
		{ "404.html", "style.css", "/dx/", "/dx/style.css" },
		{ "404.html", "index.html", "/dx", "/dx/index.html" },
	};
	size_t i;

	for (i = 0; i < KK_ARRAY_LEN(cases); i++) {
		struct buf b = {0};

		html_relurl(&b, cases[i].from, cases[i].to, cases[i].base);
		CHECK_STR(buf_str(&b), cases[i].want, "relurl %s -> %s",
		    cases[i].from, cases[i].to);
		buf_free(&b);
	}
}

/* ------------------------------------------------------------------ */
/* Inlines and blocks                                                   */
/* ------------------------------------------------------------------ */

static void
test_inlines(void)
{
	struct fixture f;
	struct inline_node *link, *gl, *lang, *fld, *bad, *nested;
	size_t errors;

	begin(&f, HP_PROJECT);
	link = inl(INL_LINK, text("市のサイト"));
	link->url = "https://example.jp/a b\"c";
	gl = inl(INL_GLOSS, NULL);
	gl->term = &B.terms[0];
	lang = inl(INL_LANG, text("English"));
	lang->key = "en";
	fld = inl(INL_FIELD, NULL);
	fld->text = "R8";
	fld->expansion = "令和8年度（2026年度）";
	link->next = gl;
	gl->next = lang;
	lang->next = fld;
	html_inlines(&f.c, f.root, link);
	CHECK_STR(ser(f.root), "<div><a href=\"https://example.jp/a%20b%22c\">市のサイト</a>"
	    "<a href=\"../glossary.html#term-rpa\" class=\"term\" id=\"term-use-1\">RPA</a>"
	    "<span lang=\"en\">English</span>"
	    "<span aria-hidden=\"true\">R8</span><span class=\"visually-hidden\">"
	    "令和8年度（2026年度）</span></div>",
	    "link (encoded), glossary reference, lang span, short field with its spoken form");
	CHECK_INT(f.s.nuses, 1, "the glossary use is recorded for the way back");

	errors = D.errors;
	bad = inl(INL_LINK, text("危険"));
	bad->url = "javascript:alert(1)";
	lang = inl(INL_LANG, text("x"));
	lang->key = "e n";
	bad->next = lang;
	f.root = html_el(f.root, "p");
	html_inlines(&f.c, f.root, bad);
	CHECK_STR(ser(f.root), "<p><span>危険</span><span>x</span></p>",
	    "an unsafe link is not written (its text stays); a bad language tag is dropped");
	CHECK_INT(D.errors, errors + 1, "the unsafe link is an error");

	/* A glossary reference inside a link: no <a> inside <a>. */
	nested = inl(INL_LINK, inl(INL_GLOSS, text("自動化")));
	nested->url = "https://example.jp/";
	nested->children->term = &B.terms[0];
	f.root = html_el(f.root, "p");
	html_inlines(&f.c, f.root, nested);
	CHECK_STR(ser(f.root), "<p><a href=\"https://example.jp/\">自動化</a></p>",
	    "no link inside a link");
	end(&f);
}

static void
test_headings(void)
{
	struct fixture f;
	struct block h[3];
	int levels[3] = { 2, 4, 3 };
	size_t i;

	begin(&f, HP_CHAPTER);
	memset(h, 0, sizeof(h));
	f.c.last_h = 1;
	for (i = 0; i < 3; i++) {
		h[i].type = BLK_HEADING;
		h[i].level = levels[i];
		h[i].inlines = text("見出し");
		h[i].number = i == 0 ? "1-1" : NULL;
		h[i].anchor = i == 0 ? "sec-1" : NULL;
		html_block(&f.c, f.root, &h[i]);
	}
	CHECK_STR(ser(f.root), "<div><h2 id=\"sec-1\"><span class=\"secno\">1-1</span>"
	    "\xE3\x80\x80見出し</h2><h3>見出し</h3><h3>見出し</h3></div>",
	    "numbers and anchors written; a skipped level (## then ####) is closed up");
	end(&f);
}

static void
test_md_table(void)
{
	struct fixture f;
	struct block b;
	struct table t;
	struct cell cells[6];
	enum align al[2] = { ALIGN_NONE, ALIGN_RIGHT };

	begin(&f, HP_CHAPTER);
	memset(&b, 0, sizeof(b));
	memset(&t, 0, sizeof(t));
	memset(cells, 0, sizeof(cells));
	b.type = BLK_TABLE;
	b.table = &t;
	t.ncols = 2;
	t.nrows = 3;
	t.nhead = 1;
	t.align = al;
	t.cells = cells;
	t.caption = text("見出し");
	t.number = "表1-1";
	t.anchor = "tbl-1";
	cells[0].inlines = text("区分");
	cells[1].inlines = text("数");
	cells[2].inlines = text("市民");
	cells[2].rowspan = 9;	/* too long: clamped to the body */
	cells[3].inlines = text("1");
	cells[4].merged = 1;
	cells[5].inlines = text("—");
	html_block(&f.c, f.root, &b);
	CHECK_STR(ser(f.root), "<div><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
	    "aria-labelledby=\"tbl-1-caption\"><table class=\"md-table\" id=\"tbl-1\">"
	    "<caption id=\"tbl-1-caption\"><span class=\"tblno\">表1-1</span>\xE3\x80\x80見出し</caption>"
	    "<thead><tr><th scope=\"col\">区分</th><th scope=\"col\" class=\"align-right\">数</th></tr></thead>"
	    "<tbody><tr><td rowspan=\"2\">市民</td><td class=\"align-right\">1</td></tr>"
	    "<tr><td class=\"align-right\"><span aria-hidden=\"true\">—</span>"
	    "<span class=\"visually-hidden\">該当なし</span></td></tr></tbody></table></div></div>",
	    "caption names the scroll region; th scope; ^^ as rowspan, clamped; a dash is read 該当なし");
	end(&f);
}

static void
test_boxes_and_figures(void)
{
	struct fixture f;
	struct block note, col, fig, *inner;
	struct figure fg;

	begin(&f, HP_PROJECT);
	f.c.last_h = 2;
	memset(&note, 0, sizeof(note));
	memset(&col, 0, sizeof(col));
	memset(&fig, 0, sizeof(fig));
	memset(&fg, 0, sizeof(fg));
	inner = para(text("本文"));
	note.type = BLK_NOTE;
	note.children = inner;
	col.type = BLK_COLUMN;
	col.inlines = text("◆題");
	col.children = para(text("コラム"));
	html_block(&f.c, f.root, &note);
	html_block(&f.c, f.root, &col);
	CHECK_INT(f.c.last_h, 2, "a column's heading does not open a level for what follows");
	fig.type = BLK_FIGURE;
	fig.figure = &fg;
	fg.src = "figures/a b.svg";
	fg.alt = "-";
	fg.decorative = 1;
	fg.anchor = "fig-1";
	html_block(&f.c, f.root, &fig);
	CHECK_STR(ser(f.root), "<div><div class=\"note\" role=\"note\" aria-label=\"注記\"><p>本文</p></div>"
	    "<aside class=\"column\" aria-labelledby=\"column-1\"><h3 id=\"column-1\" class=\"column-title\">◆題</h3>"
	    "<p>コラム</p></aside>"
	    "<div class=\"figure decorative\" id=\"fig-1\"><img src=\"../figures/a%20b.svg\" alt=\"\"></div></div>",
	    "note box, column named by its heading, decorative image alt=\"\" relative to the page");
	end(&f);
}

static void
test_footnotes(void)
{
	struct fixture f;
	struct doc doc;
	struct footnote fn;
	struct inline_node *r1, *r2;

	begin(&f, HP_CHAPTER);
	memset(&doc, 0, sizeof(doc));
	memset(&fn, 0, sizeof(fn));
	fn.number = 1;
	fn.anchor = "fn-1";
	fn.blocks = para(text("注の本文。"));
	doc.footnotes = &fn;
	r1 = inl(INL_FOOTREF, NULL);
	r1->footnote = &fn;
	r2 = inl(INL_FOOTREF, NULL);
	r2->footnote = &fn;
	r1->next = r2;
	doc.blocks = para(r1);
	html_doc(&f.c, f.root, &doc);
	CHECK_STR(ser(f.root), "<div><p><sup class=\"footref\"><a href=\"#fn-1\" id=\"fnref-1\">注1</a></sup>"
	    "<sup class=\"footref\"><a href=\"#fn-1\" id=\"fnref-1-2\">注1</a></sup></p>"
	    "<section class=\"footnotes\"><h2 id=\"footnotes\">注</h2>"
	    "<ol class=\"footnote-list\"><li id=\"fn-1\" value=\"1\"><p>注の本文。"
	    "<a href=\"#fnref-1\" class=\"footnote-back\">本文へ戻る<span class=\"visually-hidden\">"
	    "（注1）</span></a></p></li></ol></section></div>",
	    "references with unique ids, the note with a link back");
	end(&f);
}

/* ------------------------------------------------------------------ */
/* The table model                                                      */
/* ------------------------------------------------------------------ */

#define GRID_MAX 64

/*
 * Checks the table under root against the HTML table model: every row
 * covers exactly the columns of the first row, no overlap, no rowspan past
 * its row group, every headers= id names a th of the table. Returns NULL or
 * a static message.
 */
static const char *
table_model(xmlNode *table)
{
	static char msg[200];
	unsigned char grid[GRID_MAX][GRID_MAX];
	xmlNode *sec, *tr, *cell;
	int r = 0, ncols = -1, sec_start = 0, ncolgroup = -1;

	memset(grid, 0, sizeof(grid));
	for (sec = table->children; sec != NULL; sec = sec->next) {
		if (sec->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)sec->name, "colgroup") == 0) {
			/* The columns it declares: as many as the rows cover. */
			ncolgroup = 0;
			for (cell = sec->children; cell != NULL; cell = cell->next) {
				const char *sp = html_attr_get(cell, "span");

				ncolgroup += sp != NULL ? atoi(sp) : 1;
			}
		}
		if (sec->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)sec->name, "caption") == 0 ||
		    strcmp((const char *)sec->name, "colgroup") == 0)
			continue;
		sec_start = r;
		for (tr = sec->children; tr != NULL; tr = tr->next, r++) {
			int col = 0, end;

			if (r >= GRID_MAX)
				return "too many rows";
			for (cell = tr->children; cell != NULL; cell = cell->next) {
				const char *rs = html_attr_get(cell, "rowspan");
				const char *cs = html_attr_get(cell, "colspan");
				int nr = rs ? atoi(rs) : 1, nc = cs ? atoi(cs) : 1, i, k;

				while (col < GRID_MAX && grid[r][col])
					col++;
				for (i = 0; i < nr; i++)
					for (k = 0; k < nc; k++) {
						if (r + i >= GRID_MAX || col + k >= GRID_MAX)
							return "cell outside the grid";
						if (grid[r + i][col + k]) {
							snprintf(msg, sizeof(msg), "overlap at row %d col %d",
							    r + i, col + k);
							return msg;
						}
						grid[r + i][col + k] = 1;
					}
				if (nr > 1) {
					/* The rows of the group must reach it. */
					int rows = 0;
					xmlNode *t2;

					for (t2 = tr; t2 != NULL; t2 = t2->next)
						rows++;
					if (nr > rows) {
						snprintf(msg, sizeof(msg), "rowspan %d past the row group at row %d",
						    nr, r);
						return msg;
					}
				}
				col += nc;
			}
			for (end = 0; end < GRID_MAX && grid[r][end]; end++)
				;
			if (ncols < 0)
				ncols = end;
			if (end != ncols) {
				snprintf(msg, sizeof(msg), "row %d covers %d columns, not %d",
				    r, end, ncols);
				return msg;
			}
		}
	}
	(void)sec_start;
	if (ncolgroup >= 0 && ncolgroup != ncols) {
		snprintf(msg, sizeof(msg), "the colgroup declares %d columns, the rows cover %d",
		    ncolgroup, ncols);
		return msg;
	}
	return NULL;
}

static int
has_th_id(xmlNode *n, const char *id)
{
	xmlNode *c;
	const char *v;

	if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "th") == 0 &&
	    (v = html_attr_get(n, "id")) != NULL && strcmp(v, id) == 0)
		return 1;
	for (c = n->children; c != NULL; c = c->next)
		if (has_th_id(c, id))
			return 1;
	return 0;
}

/* Every headers= token names a th of the table. */
static const char *
headers_ok(xmlNode *table, xmlNode *n)
{
	static char msg[200];
	xmlNode *c;
	const char *h;

	if (n->type == XML_ELEMENT_NODE && (h = html_attr_get(n, "headers")) != NULL) {
		char *copy = xstrdup(h), *tok, *save = NULL;

		for (tok = strtok_r(copy, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save))
			if (!has_th_id(table, tok)) {
				snprintf(msg, sizeof(msg), "headers names a missing th \"%s\"", tok);
				free(copy);
				return msg;
			}
		free(copy);
	}
	for (c = n->children; c != NULL; c = c->next) {
		const char *r = headers_ok(table, c);

		if (r != NULL)
			return r;
	}
	return NULL;
}

/* A small deterministic generator (the tests must not depend on rand()). */
static unsigned long rng = 12345;

static int
pick(int n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (int)((rng >> 33) % (unsigned long)n);
}

static struct value
val(int i)
{
	struct value v;

	memset(&v, 0, sizeof(v));
	v.is_dash = i % 4 == 0;
	v.text = v.is_dash ? "—" : "12";
	v.display = v.is_dash ? "—" : "12件";
	return v;
}

/* A random indicator set: kinds, groups, names, targets, all/merge, pending rows. */
static void
random_indicators(struct project *p)
{
	size_t n = 1 + (size_t)pick(7), i;
	static const char *const groups[] = { NULL, "避難所", "PMH" };

	p->nindicators = n;
	p->indicators = ARENA_NEWN(&B.arena, struct indicator, n);
	for (i = 0; i < n; i++) {
		struct indicator *in = &p->indicators[i];
		int y;

		in->kind = (enum ind_kind)pick(3);
		in->group = (char *)groups[pick(3)];
		in->name = pick(5) == 0 ? NULL : "指標";
		switch (pick(4)) {
		case 0:
			break;
		case 1:
			in->has_all = 1;
			in->all = val(pick(8));
			in->merge = pick(2);
			break;
		default:
			in->targets = ARENA_NEWN(&B.arena, struct target, 5);
			for (y = 2026; y <= 2030; y++)
				if (pick(3) != 0) {
					in->targets[in->ntargets].year = y;
					in->targets[in->ntargets].value = val(pick(8));
					in->ntargets++;
				}
			break;
		}
		if (pick(3) == 0) {
			in->has_pending = 1;
			in->pending.text = "後日決定";
			in->pending.from = 2026 + pick(5);
			in->pending.to = in->pending.from + pick(2030 - in->pending.from + 1);
			in->pending.rows = 1 + pick(3);
		}
	}
}

static void
random_schedule(struct project *p)
{
	size_t n = 1 + (size_t)pick(4), i, k;

	p->nschedule = n;
	p->schedule = ARENA_NEWN(&B.arena, struct sched_row, n);
	for (i = 0; i < n; i++) {
		struct sched_row *r = &p->schedule[i];

		if (pick(3) == 0) {
			r->is_cells = 1;
			r->cells = ARENA_NEWN(&B.arena, struct sched_cell, 5);
			for (k = 0; k < 5; k++)
				if (pick(2)) {
					struct sched_cell *c = &r->cells[r->ncells++];

					c->year = 2026 + (int)k;
					c->nlines = 1 + (size_t)pick(2);
					c->lines = ARENA_NEWN(&B.arena, char *, 2);
					c->lines[0] = c->lines[1] = "取組";
				}
		} else {
			r->nbars = 1 + (size_t)pick(3);
			r->bars = ARENA_NEWN(&B.arena, struct bar, r->nbars);
			for (k = 0; k < r->nbars; k++) {
				r->bars[k].from = 2026 + pick(5);
				r->bars[k].to = r->bars[k].from + pick(2030 - r->bars[k].from + 1);
				r->bars[k].label = "工程";
			}
		}
	}
}

static void
test_table_models(void)
{
	struct fixture f;
	struct project *p = &B.projects[0];
	int round, bad_model = 0, bad_headers = 0;
	const char *first = NULL;

	begin(&f, HP_PROJECT);
	for (round = 0; round < 400; round++) {
		xmlNode *holder = html_el(f.root, "div"), *t;
		const char *e;

		random_indicators(p);
		random_schedule(p);
		html_indicator_table(&f.c, holder, p, "指標");
		html_schedule_table(&f.c, holder, p, "工程");
		for (t = holder->children; t != NULL; t = t->next) {
			xmlNode *table = html_find_el(t, "table");

			if ((e = table_model(table)) != NULL) {
				bad_model++;
				if (first == NULL) {
					first = xstrdup(e);
					if (getenv("TEST_HTML_DEBUG") != NULL)
						printf("# %s\n", ser(table));
				}
			}
			if ((e = headers_ok(table, table)) != NULL) {
				bad_headers++;
				if (first == NULL)
					first = xstrdup(e);
			}
		}
		xmlUnlinkNode(holder);
		xmlFreeNode(holder);
	}
	CHECK_INT(bad_model, 0, "400 random indicator and schedule tables fit the HTML table model%s%s",
	    first ? ": " : "", first ? first : "");
	CHECK_INT(bad_headers, 0, "every headers= names a th of its table");
	free((char *)first);
	end(&f);
}

/* The example of content-format.md 7.2: every indicator shape, by hand. */
static void
test_indicator_shapes(void)
{
	struct fixture f;
	struct project *p = &B.projects[0];
	struct indicator in[4];
	xmlNode *table;
	const char *e;

	begin(&f, HP_PROJECT);
	memset(in, 0, sizeof(in));
	in[0].kind = IND_OUTCOME;
	in[0].name = "職員の削減時間";
	in[0].has_pending = 1;
	in[0].pending.text = "試行後に決定";
	in[0].pending.from = 2028;
	in[0].pending.to = 2030;
	in[0].pending.rows = 3;
	in[1].kind = IND_OUTCOME;
	in[1].name = "満足度";
	in[1].covered = 1;
	in[2].kind = IND_OUTPUT;
	in[2].name = "件数";
	in[2].covered = 1;
	in[3].kind = IND_KPI;
	in[3].has_pending = 1;
	in[3].pending.text = "今後設定する。";
	in[3].pending.from = 2026;
	in[3].pending.to = 2030;
	p->indicators = in;
	p->nindicators = 4;
	html_indicator_table(&f.c, f.root, p, "指標");
	table = html_find_el(f.root, "table");
	if (getenv("TEST_HTML_DEBUG") != NULL)
		printf("# %s\n", ser(table));
	CHECK((e = table_model(table)) == NULL, "pending rows down and a row filled by text fit the model: %s",
	    e ? e : "ok");
	CHECK(strstr(ser(table), "<tr><th class=\"ind-kind\" id=\"kind-14\" scope=\"row\">指標</th>"
	    "<td class=\"pending\" headers=\"kind-14 y-2 y-3 y-4 y-5 y-6\" colspan=\"6\">"
	    "今後設定する。</td></tr>") != NULL,
	    "a row with no name: the text takes the name column and every year");
	CHECK(strstr(ser(table), "<td class=\"pending\" headers=\"kind-9 ind-10 ind-11 kind-12 "
	    "ind-13 y-4 y-5 y-6\" colspan=\"3\" rowspan=\"3\">試行後に決定</td>") != NULL,
	    "a pending block spans its years and rows, and names every row's headers");
	CHECK(strstr(ser(table), "<tr><th class=\"ind-name\" id=\"ind-11\" scope=\"row\" "
	    "headers=\"kind-9\">満足度</th><td class=\"value\" headers=\"kind-9 ind-11 y-2\"></td>"
	    "<td class=\"value\" headers=\"kind-9 ind-11 y-3\"></td></tr>") != NULL,
	    "a covered row has cells only for the years not covered");
	p->indicators = NULL;
	p->nindicators = 0;
	end(&f);
}

/* The PDF hook: a volume written to <outdir>/pdf/<key>.pdf gets its link, format and size. */
static void
test_pdf_links(void)
{
	char dir[] = "/tmp/keikaku-test-html-XXXXXX";
	struct volume vol[2];
	struct fixture f;
	struct buf path = {0};
	FILE *fp;
	size_t i;
	const char *got;

	memset(vol, 0, sizeof(vol));
	vol[0].key = "honpen";
	vol[0].title = "テスト計画（案）";
	vol[1].key = "jigyoshu";	/* not written: no link */
	vol[1].title = "事業集";
	B.plan.volumes = vol;
	B.plan.nvolumes = 2;
	if (mkdtemp(dir) == NULL) {
		CHECK(0, "mkdtemp");
		return;
	}
	buf_printf(&path, "%s/pdf", dir);
	fs_mkdir_p(buf_str(&path));
	buf_puts(&path, "/honpen.pdf");
	fp = fopen(buf_str(&path), "wb");
	for (i = 0; fp != NULL && i < 1300000; i++)
		putc('%', fp);
	if (fp != NULL)
		fclose(fp);
	html_site_init(&f.s, &B, &D);
	html_site_prepare(&f.s, dir);
	html_ctx_begin(&f.c, &f.s, &f.s.pages[0]);
	f.root = html_el_detached(f.c.doc, "div");
	xmlDocSetRootElement(f.c.doc, f.root);
	CHECK(html_has_pdfs(&f.s), "the written volume is found");
	html_pdf_links(&f.c, f.root);
	got = ser(f.root);
	CHECK_STR(got, "<div><ul class=\"downloads\"><li><a href=\"pdf/honpen.pdf\">"
	    "テスト計画（案）（PDF：1.2MB）</a></li></ul></div>",
	    "only the written volume is linked, with format and size");
	buf_reset(&path);
	buf_printf(&path, "%s/site/pdf/honpen.pdf", dir);
	fp = fopen(buf_str(&path), "rb");
	CHECK(fp != NULL, "the volume is placed in the site (site/pdf/)");
	if (fp != NULL)
		fclose(fp);
	end(&f);
	buf_reset(&path);
	buf_puts(&path, dir);
	fs_remove_tree(buf_str(&path));
	buf_free(&path);
	B.plan.volumes = NULL;
	B.plan.nvolumes = 0;
}

int
main(void)
{
	setup();
	test_escaping();
	test_serialiser();
	test_url_safe();
	test_relurl();
	test_inlines();
	test_headings();
	test_md_table();
	test_boxes_and_figures();
	test_footnotes();
	test_table_models();
	test_indicator_shapes();
	test_pdf_links();
	arena_free(&B.arena);
	diag_free(&D);
	xmlCleanupParser();
	return check_done();
}
