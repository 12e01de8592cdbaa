/*
 * gen.c: generated blocks ({{projects …}}, {{focus_areas}}, {{taxonomy}},
 * {{common_items}}, {{indicators}}, {{register}}, {{departments}},
 * {{history}}, {{glossary}}), written from the resolved records: the lists
 * a plan office used to retype are printed from the one record of each
 * project (content-format.md, "one record, many renderings").
 *
 * A generated block that has sections of its own heads them one level below
 * the heading it sits under, and leaves the page's heading level as it
 * found it.
 */
#include <stdlib.h>
#include <string.h>

#include "html_int.h"
#include "words.h"

/* A table with a caption that also names its scroll region. */
static xmlNode *
captioned_table(struct html_ctx *c, xmlNode *parent, const char *caption,
    const char *cls)
{
	const char *id = html_id(c, "caption");
	xmlNode *t = html_table_region(c, parent, id, cls);
	xmlNode *cap = html_el(t, "caption");

	html_attr(cap, "id", id);
	html_text(cap, caption);
	return t;
}

/* A value of the model printed as authored; — is read as 該当なし. */
static void
value(xmlNode *parent, const struct value *v, const char *unit)
{
	if (v->is_dash) {
		html_spoken(parent, "—", "該当なし");
		return;
	}
	if (v->display != NULL) {
		html_text(parent, v->display);
		return;
	}
	html_text(parent, v->text);
	if (v->is_number && unit != NULL)
		html_text(parent, unit);
}

void
html_value(xmlNode *parent, const struct value *v, const char *unit)
{
	value(parent, v, unit);
}

/* ------------------------------------------------------------------ */
/* Generated tables                                                    */
/* ------------------------------------------------------------------ */

/* The pieces of a generated cell: text, links to sheets and departments, breaks. */
static void
gcell(struct html_ctx *c, xmlNode *cell, const struct gcell *gc)
{
	const struct html_page *idx = c->site->view[HP_DEPARTMENTS];
	const struct gpiece *p;

	for (p = gc->pieces; p != NULL; p = p->next) {
		switch (p->kind) {
		case GP_BREAK:
			html_el(cell, "br");
			break;
		case GP_NAME:
			if (p->dept != NULL && p->dept->anchor != NULL &&
			    idx != NULL)
				html_link_anchor(c, cell, idx->url, p->dept->anchor,
				    p->text);
			else
				html_text(cell, p->text);
			break;
		case GP_TEXT:
		case GP_DASH:
			if (p->sheet != NULL && p->sheet->url != NULL)
				html_link(c, cell, p->sheet->url, p->text);
			else if (p->spoken != NULL)
				html_spoken(cell, p->text, p->spoken);
			else
				html_text(cell, p->text);
			break;
		}
	}
}

/* The id of the row of a record, on the page that lists it (ids are unique per page). */
static const char *
row_id(struct html_ctx *c, const struct grow *r)
{
	struct html_site *s = c->site;

	switch (r->ref_kind) {
	case GR_REG:
		return c->page->kind == HP_REGISTER ? html_reg_anchor(s, r->ref) :
		    NULL;
	case GR_DEPT:
		return c->page->kind == HP_DEPARTMENTS ?
		    ((const struct department *)r->ref)->anchor : NULL;
	case GR_FOCUS:
		return c->page->kind == HP_FOCUS_LIST ?
		    html_focus_group_anchor(s, r->ref) : NULL;
	case GR_CATEGORY:
		return c->page->kind == HP_PROJECT_LIST ?
		    html_category_anchor(s, r->ref) : NULL;
	case GR_NONE:
		break;
	}
	return NULL;
}

/*
 * A generated table (gentab.c) and the ones after it: caption, column
 * headers, row headers, one <tbody> per group of rows headed by its group
 * row; a table without rows is its 「該当なし」 sentence.
 */
void
html_gtable(struct html_ctx *c, xmlNode *parent, const struct gtable *gt)
{
	for (; gt != NULL; gt = gt->next) {
		xmlNode *t, *tr, *body = NULL, *cell;
		const char *id;
		size_t i;
		int k;

		if (gt->nrows == 0 && gt->empty != NULL) {
			html_text(html_elc(parent, "p", "empty"), gt->empty);
			continue;
		}
		t = captioned_table(c, parent, gt->caption,
		    arena_printf(&c->site->a, "%s gen", gt->cls));
		tr = html_el(html_el(t, "thead"), "tr");
		for (k = 0; k < gt->ncols; k++) {
			cell = html_el(tr, "th");
			html_attr(cell, "scope", "col");
			gcell(c, cell, &gt->head[k]);
		}
		for (i = 0; i < gt->nrows; i++) {
			const struct grow *r = &gt->rows[i];

			if (body == NULL || r->group)
				body = html_el(t, "tbody");
			tr = html_elc(body, "tr", r->group ? "group" : NULL);
			if ((id = row_id(c, r)) != NULL)
				html_attr(tr, "id", id);
			if (r->group) {
				cell = html_el(tr, "th");
				html_attr(cell, "scope", "rowgroup");
				html_attr(cell, "colspan", arena_printf(&c->site->a,
				    "%d", gt->ncols));
				gcell(c, cell, &r->cells[0]);
				continue;
			}
			for (k = 0; k < gt->ncols; k++) {
				const struct gcell *gc = &r->cells[k];
				const char *cls = (gc->flags & GC_NUM) ?
				    ((gc->flags & GC_NOWRAP) ? "align-right nowrap" :
				    "align-right") : (gc->flags & GC_NOWRAP) ?
				    "nowrap" : NULL;

				if (gc->flags & GC_ROWHEAD) {
					cell = html_elc(tr, "th", cls);
					html_attr(cell, "scope", "row");
				} else {
					cell = html_elc(tr, "td", cls);
				}
				gcell(c, cell, gc);
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Focus areas, taxonomy, common items                                 */
/* ------------------------------------------------------------------ */

static void
label(xmlNode *parent, const char *text)
{
	if (text != NULL)
		html_text(html_elc(parent, "span", "tax-label"), text);
}

/* The class of an entry's element: what its level is. */
static const char *
tax_class(enum tax_kind k)
{
	switch (k) {
	case TX_PRINCIPLE:	return "tax-principle";
	case TX_GOAL:		return "tax-goal";
	case TX_PILLAR:		return "tax-pillar";
	case TX_CATEGORY:	return "tax-category";
	case TX_FOCUS:		return "tax-focus";
	case TX_COMMON:		return "tax-common";
	case TX_COMMON_ITEM:	return "tax-common-item";
	}
	return NULL;
}

/*
 * An entry's words into el: its label, then its number and title, linked
 * to where its projects are listed (a pillar, a category) or to its page
 * (a 重点事業).
 */
static void
tax_words(struct html_ctx *c, xmlNode *el, const struct tax_entry *e)
{
	struct html_site *s = c->site;
	const struct html_page *plist = s->view[HP_PROJECT_LIST];
	xmlNode *a = el;

	label(el, e->label);
	if (e->kind == TX_PILLAR && plist != NULL)
		a = html_link_anchor(c, el, plist->url,
		    html_pillar_anchor(s, e->ref), NULL);
	else if (e->kind == TX_CATEGORY && plist != NULL)
		a = html_link_anchor(c, el, plist->url,
		    html_category_anchor(s, e->ref), NULL);
	else if (e->kind == TX_FOCUS)
		a = html_link(c, el, ((const struct focus_area *)e->ref)->c.url,
		    NULL);
	html_number(a, e->number, "itemno");
	if (e->title != NULL)
		html_text(a, e->title);
}

/* Entries as a list of class cls, each with the entries below it. */
static void
tax_list(struct html_ctx *c, xmlNode *parent, const struct tax_entry *v,
    size_t n, const char *cls)
{
	xmlNode *ul = html_elc(parent, "ul", cls), *li;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct tax_entry *e = &v[i];

		if (e->kind == TX_GOAL) {	/* the goal heads its box */
			li = html_el(ul, "li");
			tax_words(c, html_elc(li, "p", tax_class(e->kind)), e);
		} else {
			li = html_elc(ul, "li", tax_class(e->kind));
			tax_words(c, li, e);
		}
		if (e->nkids > 0)
			tax_list(c, li, e->kids, e->nkids,
			    e->kind == TX_GOAL ? "tax-children" :
			    e->kind == TX_PILLAR ? "tax-categories" :
			    "tax-common-items");
	}
}

/*
 * 体系図 (build.taxonomy): the 基本理念, the 目指す姿 with their 基本取組
 * (and categories) and 重点事業, what serves no 目指す姿, the 共通事項; as
 * nested lists, the PDF's diagram in the same order and words.
 */
void
html_gen_taxonomy(struct html_ctx *c, xmlNode *parent)
{
	const struct taxonomy *t = &c->site->b->taxonomy;
	xmlNode *box = html_elc(parent, "div", "taxonomy"), *el;
	size_t i, k;

	for (i = 0; i < t->n; i = k) {
		const struct tax_entry *e = &t->v[i];

		for (k = i + 1; k < t->n && (t->v[k].kind == e->kind ||
		    (t->v[k].kind == TX_FOCUS && e->kind == TX_PILLAR)); k++)
			;
		switch (e->kind) {
		case TX_GOAL:
			tax_list(c, box, e, k - i, "tax-goals");
			break;
		case TX_PILLAR:
		case TX_FOCUS:
			tax_list(c, box, e, k - i, "tax-children tax-other");
			break;
		default:	/* the principle, 共通事項: one each */
			k = i + 1;
			el = html_elc(box, e->kind == TX_COMMON ? "div" : "p",
			    tax_class(e->kind));
			tax_words(c, el, e);
			if (e->nkids > 0)
				tax_list(c, el, e->kids, e->nkids,
				    "tax-common-items");
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* 用語集                                                              */
/* ------------------------------------------------------------------ */

/* The links back to every use of t on the site, by page. */
static void
term_uses(struct html_ctx *c, xmlNode *dd, const struct term *t)
{
	struct html_site *s = c->site;
	xmlNode *p = NULL;
	size_t i;

	for (i = 0; i < s->nuses; i++) {
		const struct html_use *u = &s->uses[i];
		int nth = u->nth;

		if (u->term != t || u->page->kind == HP_GLOSSARY)
			continue;
		if (p == NULL) {
			p = html_elc(dd, "p", "term-uses");
			html_text(p, "使われているページ：");
		} else {
			html_text(p, "、");
		}
		html_link_anchor(c, p, u->page->url, u->id, nth == 1 ?
		    u->page->name : arena_printf(&s->a, "%s（%dか所目）",
		    u->page->name, nth));
	}
}

static const struct term *
glossary_term(const struct build *b, size_t i)
{
	return b->terms_sorted != NULL ? b->terms_sorted[i] : &b->terms[i];
}

static int
glossary_listed(const struct term *t)
{
	return t->uses > 0 || t->listed;
}

static void
glossary_entry(struct html_ctx *c, xmlNode *dl, const struct term *t,
    int backlinks)
{
	xmlNode *dt, *dd, *p;

	dt = html_el(dl, "dt");
	if (t->anchor != NULL && c->page->kind == HP_GLOSSARY)
		html_attr(dt, "id", t->anchor);
	html_text(dt, t->term);
	if (t->ja != NULL) {
		html_text(dt, "（");
		html_text(dt, t->ja);
		html_text(dt, "）");
	}
	dd = html_el(dl, "dd");
	if (t->expansion != NULL) {
		xmlNode *e;

		p = html_elc(dd, "p", "term-expansion");
		e = html_el(p, "span");
		if (t->expansion_lang != NULL)
			html_attr(e, "lang", t->expansion_lang);
		html_text(e, t->expansion);
	}
	html_inlines(c, html_el(dd, "p"), t->definition);
	if (t->trademark != NULL)
		html_text(html_elc(dd, "p", "trademark"), t->trademark);
	if (backlinks)
		term_uses(c, dd, t);
}

/*
 * The 用語集. On its own page (backlinks set) and in reading order, the
 * entries are grouped under a heading per 五十音 row (term.row, as the
 * PDF's 用語集 is), with an index of the rows; inside a chapter it is one
 * list.
 */
void
html_gen_glossary(struct html_ctx *c, xmlNode *parent, int backlinks)
{
	const struct build *b = c->site->b;
	int rows = backlinks && c->site->pl->glossary_by_reading;
	int base = c->last_h;
	size_t i;
	int row = -1;
	xmlNode *dl = NULL, *index = NULL;

	if (rows) {
		xmlNode *nav = html_elc(parent, "nav", "kana-index");

		html_attr(nav, "aria-label", "五十音の行");
		index = html_el(nav, "ul");
	}
	for (i = 0; i < b->nterms; i++) {
		const struct term *t = glossary_term(b, i);

		if (!glossary_listed(t))
			continue;
		if (rows && (int)t->row != row) {
			const char *id;
			xmlNode *sec, *h;

			row = (int)t->row;
			id = arena_printf(&c->site->a, "kana-%s",
			    kana_row_key(t->row));
			html_link_anchor(c, html_el(index, "li"), c->page->url,
			    id, word_kana_row(t->row));
			sec = html_elc(parent, "section", "kana-row");
			h = html_heading_el(c, sec, base + 1);
			html_attr(h, "id", id);
			html_text(h, word_kana_row(t->row));
			dl = html_elc(sec, "dl", "glossary");
		} else if (dl == NULL) {
			dl = html_elc(parent, "dl", "glossary");
		}
		glossary_entry(c, dl, t, backlinks);
	}
	c->last_h = base;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */
/* ------------------------------------------------------------------ */

void
html_generated(struct html_ctx *c, xmlNode *parent, const struct generated *g)
{
	switch (g->kind) {
	case GEN_TAXONOMY:
		html_gen_taxonomy(c, parent);
		break;
	case GEN_GLOSSARY:
		html_gen_glossary(c, parent, 0);
		break;
	default:
		html_gtable(c, parent, g->table);
		break;
	}
}
