/*
 * block.c: the model's blocks as HTML (html_int.h): paragraphs, headings
 * with their resolved numbers and anchors, lists, quotes, ※ note and コラム
 * boxes, code, tables (caption, th scope, rowspan for ^^), figures
 * (figure, figcaption, numbered captions, notes, alt="" when decorative)
 * and footnotes with links back.
 */
#include <stdlib.h>
#include <string.h>

#include "html_int.h"

/* U+3000 IDEOGRAPHIC SPACE: between a printed number and its title (1-2　見出し). */
#define NUMBER_SEP "\xE3\x80\x80"

void
html_number(xmlNode *parent, const char *number, const char *cls)
{
	if (number == NULL || *number == '\0')
		return;
	html_text(html_elc(parent, "span", cls), number);
	html_text(parent, NUMBER_SEP);
}

xmlNode *
html_heading_el(struct html_ctx *c, xmlNode *parent, int want)
{
	static const char *const tags[] = { "h1", "h2", "h3", "h4", "h5", "h6" };
	int level = want;

	if (level > c->last_h + 1)
		level = c->last_h + 1;
	if (level < 2)
		level = 2;
	if (level > 6)
		level = 6;
	c->last_h = level;
	return html_el(parent, tags[level - 1]);
}

xmlNode *
html_subheading(struct html_ctx *c, xmlNode *parent)
{
	return html_heading_el(c, parent, c->last_h + 1);
}

xmlNode *
html_heading(struct html_ctx *c, xmlNode *parent, const struct block *h)
{
	xmlNode *el = html_heading_el(c, parent, h->level);

	if (h->anchor != NULL)
		html_attr(el, "id", h->anchor);
	html_number(el, h->number, "secno");
	html_inlines(c, el, h->inlines);
	return el;
}

/* List items: in a tight list a paragraph's text goes straight into the <li>. */
static void
list(struct html_ctx *c, xmlNode *parent, const struct block *b)
{
	xmlNode *l = html_el(parent, b->ordered ? "ol" : "ul");
	const struct block *it, *ch;

	if (b->ordered && b->start != 1)
		html_attrf(l, "start", "%d", b->start);
	for (it = b->children; it != NULL; it = it->next) {
		xmlNode *li = html_el(l, "li");

		for (ch = it->children; ch != NULL; ch = ch->next) {
			if (b->tight && ch->type == BLK_PARA)
				html_inlines(c, li, ch->inlines);
			else
				html_block(c, li, ch);
		}
	}
}

/* A コラム box: an aside named by its own heading, one level below the current. */
static void
column(struct html_ctx *c, xmlNode *parent, const struct block *b)
{
	xmlNode *box = html_elc(parent, "aside", "column");
	const char *id = html_id(c, "column");
	int saved = c->last_h;
	xmlNode *h = html_subheading(c, box);

	html_attr(h, "id", id);
	html_attr(h, "class", "column-title");
	html_attr(box, "aria-labelledby", id);
	html_inlines(c, h, b->inlines);
	html_blocks(c, box, b->children);
	/* The box's heading does not open a level for what follows it. */
	c->last_h = saved;
}

xmlNode *
html_table_region(struct html_ctx *c, xmlNode *parent, const char *label_id,
    const char *cls)
{
	xmlNode *region = html_elc(parent, "div", "table-scroll");
	xmlNode *t;

	/*
	 * A wide table scrolls inside this region, not the page (WCAG
	 * 1.4.10); a keyboard user reaches it with Tab (2.1.1) and hears its
	 * name, the table's caption.
	 */
	html_attr(region, "role", "region");
	html_attr(region, "tabindex", "0");
	if (label_id != NULL)
		html_attr(region, "aria-labelledby", label_id);
	else
		html_attr(region, "aria-label", "表");
	t = html_el(region, "table");
	if (cls != NULL)
		html_attr(t, "class", cls);
	return t;
}

static const char *
align_class(enum align a)
{
	switch (a) {
	case ALIGN_LEFT:
		return "align-left";
	case ALIGN_CENTER:
		return "align-center";
	case ALIGN_RIGHT:
		return "align-right";
	default:
		return NULL;
	}
}

/*
 * 1 if a cell holds only a dash: "not applicable" in a Japanese table, which
 * a screen reader would read as a bare symbol or skip (accessibility.md H15;
 * the same rule as for indicator values).
 */
static int
dash_only(const struct inline_node *in)
{
	static const char *const dashes[] = {
		"\xE2\x80\x94", "\xE2\x80\x95", "\xEF\xBC\x8D", "-", "\xE2\x80\x93", NULL
	};
	size_t i;

	if (in == NULL || in->next != NULL || in->type != INL_TEXT ||
	    in->text == NULL)
		return 0;
	for (i = 0; dashes[i] != NULL; i++)
		if (strcmp(in->text, dashes[i]) == 0)
			return 1;
	return 0;
}

/* A Markdown table: caption, header rows in <thead> with th scope, ^^ as rowspan. */
static void
md_table(struct html_ctx *c, xmlNode *parent, const struct table *t)
{
	xmlNode *tbl, *sec = NULL, *tr, *cell;
	const char *cap_id = NULL;
	int r, k;

	if (t->ncols <= 0 || t->nrows <= 0 || t->cells == NULL)
		return;
	if (t->caption != NULL || t->number != NULL)
		cap_id = t->anchor != NULL ?
		    arena_printf(&c->site->a, "%s-caption", t->anchor) :
		    html_id(c, "caption");
	tbl = html_table_region(c, parent, cap_id, "md-table");
	if (t->anchor != NULL)
		html_attr(tbl, "id", t->anchor);
	if (cap_id != NULL) {
		xmlNode *cap = html_el(tbl, "caption");

		html_attr(cap, "id", cap_id);
		html_number(cap, t->number, "tblno");
		html_inlines(c, cap, t->caption);
	}
	for (r = 0; r < t->nrows; r++) {
		int head = r < t->nhead;
		int sec_end = head ? t->nhead : t->nrows;

		if (r == 0 || r == t->nhead)
			sec = html_el(tbl, head ? "thead" : "tbody");
		tr = html_el(sec, "tr");
		for (k = 0; k < t->ncols; k++) {
			const struct cell *ce = &t->cells[r * t->ncols + k];
			int rs = ce->rowspan, cs = ce->colspan;

			if (ce->merged)
				continue;
			/* A span never leaves its row group or the table. */
			if (rs > sec_end - r)
				rs = sec_end - r;
			if (cs > t->ncols - k)
				cs = t->ncols - k;
			cell = html_el(tr, head ? "th" : "td");
			if (head)
				html_attr(cell, "scope", cs > 1 ? "colgroup" : "col");
			if (rs > 1)
				html_attrf(cell, "rowspan", "%d", rs);
			if (cs > 1)
				html_attrf(cell, "colspan", "%d", cs);
			if (t->align != NULL)
				html_attr(cell, "class", align_class(t->align[k]));
			if (dash_only(ce->inlines))
				html_spoken(cell, ce->inlines->text, "該当なし");
			else
				html_inlines(c, cell, ce->inlines);
		}
	}
}

/* A figure: the image, its numbered caption and its 出典/注 lines. */
static void
figure(struct html_ctx *c, xmlNode *parent, const struct figure *f)
{
	xmlNode *fig, *img, *cap = NULL;
	const struct block *n;
	int captioned = f->title != NULL || f->number != NULL || f->notes != NULL;

	fig = html_elc(parent, captioned ? "figure" : "div",
	    f->decorative ? "figure decorative" : "figure");
	if (f->anchor != NULL)
		html_attr(fig, "id", f->anchor);
	img = html_el(fig, "img");
	if (html_set_url(c, img, "src", f->src, NULL, 1) != 0)
		return;
	html_copy_content_file(c->site, f->src, f->path);
	/* A decorative image (alt written "-") is skipped by screen readers. */
	html_attr(img, "alt", f->decorative || f->alt == NULL ? "" : f->alt);
	if (f->width_px > 0 && f->height_px > 0) {
		html_attrf(img, "width", "%d", f->width_px);
		html_attrf(img, "height", "%d", f->height_px);
	}
	if (!captioned)
		return;
	cap = html_el(fig, "figcaption");
	if (f->title != NULL || f->number != NULL) {
		xmlNode *p = html_elc(cap, "p", "figure-title");

		html_number(p, f->number, "figno");
		html_text(p, f->title);
	}
	for (n = f->notes; n != NULL; n = n->next)
		html_inlines(c, html_elc(cap, "p", "figure-note"), n->inlines);
}

void
html_block(struct html_ctx *c, xmlNode *parent, const struct block *b)
{
	xmlNode *el;

	switch (b->type) {
	case BLK_PARA:
		html_inlines(c, html_el(parent, "p"), b->inlines);
		break;
	case BLK_HEADING:
		html_heading(c, parent, b);
		break;
	case BLK_LIST:
		list(c, parent, b);
		break;
	case BLK_ITEM:
		/* Only inside a list; a stray item prints its content. */
		html_blocks(c, parent, b->children);
		break;
	case BLK_QUOTE:
		html_blocks(c, html_el(parent, "blockquote"), b->children);
		break;
	case BLK_NOTE:
		el = html_elc(parent, "div", "note");
		html_attr(el, "role", "note");
		html_attr(el, "aria-label", "注記");
		html_blocks(c, el, b->children);
		break;
	case BLK_COLUMN:
		column(c, parent, b);
		break;
	case BLK_CODE:
		el = html_el(html_el(parent, "pre"), "code");
		html_text(el, b->text);
		break;
	case BLK_HR:
		html_el(parent, "hr");
		break;
	case BLK_TABLE:
		if (b->table != NULL)
			md_table(c, parent, b->table);
		break;
	case BLK_FIGURE:
		if (b->figure != NULL)
			figure(c, parent, b->figure);
		break;
	case BLK_GENERATED:
		if (b->gen != NULL)
			html_generated(c, parent, b->gen);
		break;
	}
}

void
html_blocks(struct html_ctx *c, xmlNode *parent, const struct block *b)
{
	for (; b != NULL; b = b->next)
		html_block(c, parent, b);
}

/* Footnotes in the order of their numbers (first reference). */
static int
fn_cmp(const void *x, const void *y)
{
	const struct footnote *a = *(const struct footnote *const *)x;
	const struct footnote *b = *(const struct footnote *const *)y;

	return (a->number > b->number) - (a->number < b->number);
}

void
html_footnotes(struct html_ctx *c, xmlNode *parent, const struct doc *doc)
{
	const struct footnote *fn;
	const struct footnote **v;
	size_t n = 0, i;
	xmlNode *sec, *h, *ol;

	for (fn = doc->footnotes; fn != NULL; fn = fn->next)
		if (fn->number > 0 && fn->anchor != NULL)
			n++;
	if (n == 0)
		return;
	v = xcalloc(n, sizeof(*v));
	n = 0;
	for (fn = doc->footnotes; fn != NULL; fn = fn->next)
		if (fn->number > 0 && fn->anchor != NULL)
			v[n++] = fn;
	qsort(v, n, sizeof(*v), fn_cmp);

	sec = html_elc(parent, "section", "footnotes");
	c->last_h = 1;
	h = html_heading_el(c, sec, 2);
	html_attr(h, "id", "footnotes");
	html_text(h, "注");
	ol = html_elc(sec, "ol", "footnote-list");
	for (i = 0; i < n; i++) {
		xmlNode *li = html_el(ol, "li"), *back, *a;

		html_attr(li, "id", v[i]->anchor);
		html_attrf(li, "value", "%d", v[i]->number);
		html_blocks(c, li, v[i]->blocks);
		/* The way back: into the last paragraph, or a paragraph of its own. */
		back = li->last != NULL && li->last->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)li->last->name, "p") == 0 ?
		    li->last : html_el(li, "p");
		a = html_link_anchor(c, back, c->page->url,
		    arena_printf(&c->site->a, "fnref-%d", v[i]->number), NULL);
		html_attr(a, "class", "footnote-back");
		html_text(a, "本文へ戻る");
		html_hidden(a, arena_printf(&c->site->a, "（注%d）", v[i]->number));
	}
	free(v);
}

void
html_doc_begin(struct html_ctx *c, const struct doc *doc)
{
	const struct footnote *fn;
	size_t n = 0;

	for (fn = doc->footnotes; fn != NULL; fn = fn->next)
		if (fn->number > 0 && (size_t)fn->number > n)
			n = (size_t)fn->number;
	free(c->fnrefs);
	c->fnrefs = n > 0 ? xcalloc(n, sizeof(*c->fnrefs)) : NULL;
	c->nfn = n;
}

void
html_doc(struct html_ctx *c, xmlNode *parent, const struct doc *doc)
{
	html_doc_begin(c, doc);
	html_blocks(c, parent, doc->blocks);
	html_footnotes(c, parent, doc);
}
