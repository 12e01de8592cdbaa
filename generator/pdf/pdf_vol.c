/*
 * pdf_vol.c: one PDF per volume. The walker follows volume->items (as
 * resolve ordered them) after a cover and a table of contents; it lays
 * the volume out twice (pass 1 finds the page of every destination for
 * the table of contents and the links), and pass 2's pages go to the
 * libharu device as they are done with (flush()). See pdf.h and
 * pdf_int.h.
 */
#include <stdlib.h>
#include <string.h>

#include "fy.h"
#include "outdir.h"
#include "pdf/pdf.h"
#include "pdf/pdf_int.h"

/* Margins: 25 mm portrait (header and footer inside the 12 mm print-safe edge). */
#define MM(x)		((int32_t)((x) * 2834.6 + 0.5))

/* ------------------------------------------------------------------ */
/* Destinations                                                       */
/* ------------------------------------------------------------------ */

/* The index of name, or where it would go; *found says which. */
static size_t
dm_pos(const struct pdf_destmap *m, const char *name, int *found)
{
	size_t lo = 0, hi = m->n, mid;
	int c;

	*found = 0;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(m->v[mid].name, name);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Adds name at page unless present (kept sorted). */
static void
dm_add(struct pdf_destmap *m, const char *name, int page)
{
	int found;
	size_t i = dm_pos(m, name, &found);

	if (found)
		return;
	m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof(*m->v));
	memmove(&m->v[i + 1], &m->v[i], (m->n - i) * sizeof(*m->v));
	m->v[i].name = xstrdup(name);
	m->v[i].page = page;
	m->n++;
}

/* The page of name, 0 if absent. */
static int
dm_find(const struct pdf_destmap *m, const char *name)
{
	int found;
	size_t i = dm_pos(m, name, &found);

	return found ? m->v[i].page : 0;
}

static void
dm_free(struct pdf_destmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

const char *
pdf_qualify(struct pdf_ctx *pc, const char *anchor)
{
	if (anchor == NULL)
		return NULL;
	if (pc->page_anchor == NULL || strchr(anchor, '.') != NULL)
		return anchor;
	return arena_printf(&pc->a, "%s.%s", pc->page_anchor, anchor);
}

/* A destination at the next content, once per name in a volume. */
void
pdf_dest(struct pdf_ctx *pc, const char *name)
{
	if (name == NULL || pc->measuring || dm_find(&pc->placed, name) != 0)
		return;
	dm_add(&pc->placed, name, 1);
	layout_dest(pc->L, name);
}

int
pdf_dest_known(struct pdf_ctx *pc, const char *name)
{
	return name != NULL && pc->pass == 2 && dm_find(&pc->known, name) != 0;
}

/*
 * Page numbers as printed: the cover has none, the table of contents
 * lower-case roman (i, ii …), the body arabic from 1 (JIS Z 8301 practice
 * for front matter); the PDF's page labels say the same.
 */
static int
body_number(int page, int body_first)
{
	return body_first > 0 && page >= body_first ? page - body_first + 1 : 0;
}

static void
roman(char *s, size_t n, int v)
{
	static const struct { int v; const char *s; } r[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" },
		{ 100, "c" }, { 90, "xc" }, { 50, "l" }, { 40, "xl" },
		{ 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" }
	};
	size_t i, k = 0, l;

	for (i = 0; i < KK_ARRAY_LEN(r) && v > 0; i++)
		while (v >= r[i].v && k + (l = strlen(r[i].s)) < n) {
			memcpy(s + k, r[i].s, l);
			k += l;
			v -= r[i].v;
		}
	s[k] = '\0';
}

int
pdf_dest_page(struct pdf_ctx *pc, const char *name)
{
	return name != NULL ? body_number(dm_find(&pc->known, name),
	    pc->known_body_first) : 0;
}

void
pdf_outline(struct pdf_ctx *pc, int level, const char *title, const char *dest)
{
	if (pc->measuring || dest == NULL || dm_find(&pc->placed, dest) == 0)
		return;
	layout_outline(&pc->main, level, title, dest);
}

struct layout_page *
pdf_page(struct pdf_ctx *pc)
{
	return layout_open_page(pc->L);
}

int32_t
pdf_bottom(const struct pdf_ctx *pc)
{
	return pc->L->geom.h - pc->L->geom.bottom;
}

int32_t
pdf_colw(const struct pdf_ctx *pc)
{
	return layout_column_width(pc->L) - pc->ileft - pc->iright;
}

/* ------------------------------------------------------------------ */
/* Styles and page furniture                                          */
/* ------------------------------------------------------------------ */

static void
styles(struct pdf_ctx *pc)
{
	struct font *m = pc->fs->face[FONT_MINCHO], *g = pc->fs->face[FONT_GOTHIC],
	    *gb = pc->fs->face[FONT_GOTHIC_BOLD];
	static const struct { enum pdf_st st; int face; int32_t size; uint32_t rgb; } def[] = {
		{ ST_BODY, FONT_MINCHO, 10500, 0x000000 },
		{ ST_BOLD, FONT_GOTHIC_BOLD, 10500, 0x000000 },
		{ ST_GOTHIC, FONT_GOTHIC, 10500, 0x000000 },
		{ ST_SMALL, FONT_GOTHIC, 8500, 0x000000 },
		{ ST_SMALLB, FONT_GOTHIC_BOLD, 8500, 0x000000 },
		{ ST_H1, FONT_GOTHIC_BOLD, 18000, 0x1B5E20 },
		{ ST_H2, FONT_GOTHIC_BOLD, 14000, 0x1B5E20 },
		{ ST_H3, FONT_GOTHIC_BOLD, 12000, 0x000000 },
		{ ST_H4, FONT_GOTHIC_BOLD, 10500, 0x000000 },
		{ ST_BAND, FONT_GOTHIC_BOLD, 14000, 0xFFFFFF },
		{ ST_HEADER, FONT_GOTHIC, 8000, 0x444444 },
		{ ST_TABLE, FONT_GOTHIC, 9000, 0x000000 },
		{ ST_TABLEB, FONT_GOTHIC_BOLD, 9000, 0x000000 },
		{ ST_COVER_TITLE, FONT_GOTHIC_BOLD, 28000, 0x1B5E20 },
		{ ST_COVER_SUB, FONT_GOTHIC, 14000, 0x000000 },
		{ ST_MARK, FONT_GOTHIC_BOLD, 220000, 0xEBEBEB },
	};
	size_t i;

	(void)m; (void)g; (void)gb;
	memset(pc->st, 0, sizeof(pc->st));
	for (i = 0; i < KK_ARRAY_LEN(def); i++) {
		pc->st[def[i].st].font = pc->fs->face[def[i].face];
		pc->st[def[i].st].size = def[i].size;
		pc->st[def[i].st].rgb = def[i].rgb;
	}
	if (pc->landscape)
		pc->st[ST_TABLE].size = pc->st[ST_TABLEB].size = 9500;
}

static void
page_begin(struct layout *L, struct layout_page *p, void *ctx)
{
	struct pdf_ctx *pc = ctx;
	const struct layout_style *mk = &pc->st[ST_MARK];
	int32_t w;

	if (pc->pl->status != PLAN_FINAL && pc->pl->watermark != NULL &&
	    *pc->pl->watermark != '\0') {
		w = layout_text_width(mk, pc->pl->watermark);
		layout_put_text(L, p, DEV_ART_WATERMARK, NULL, (p->w - w) / 2,
		    p->h / 2 + mk->size * 35 / 100, mk, pc->pl->watermark);
	}
	if (L == &pc->main)
		pdf_fn_page_begin(pc, p);
	if (pc->no_header)
		return;
	layout_put_text(L, p, DEV_ART_HEADER, NULL, L->geom.left,
	    L->geom.top - 16000, &pc->st[ST_HEADER], pc->vol->title);
	if (pc->running != NULL) {
		w = layout_text_width(&pc->st[ST_HEADER], pc->running);
		layout_put_text(L, p, DEV_ART_HEADER, NULL,
		    p->w - L->geom.right - w, L->geom.top - 16000,
		    &pc->st[ST_HEADER], pc->running);
	}
	layout_put_rule(L, p, DEV_ART_LAYOUT, NULL, L->geom.left,
	    L->geom.top - 11000, p->w - L->geom.right, L->geom.top - 11000, 500,
	    0x808080);
	if (pc->cont_band != NULL && L == &pc->main)
		pdf_cont_band(pc, L, p);
}

static void
page_end(struct layout *L, struct layout_page *p, void *ctx)
{
	struct pdf_ctx *pc = ctx;
	char num[32];

	if (L == &pc->main)
		pdf_fn_page_end(pc, p);
	if (pc->no_header)
		return;
	if (body_number(p->number, pc->body_first) > 0) {
		snprintf(num, sizeof(num), "- %d -",
		    body_number(p->number, pc->body_first));
	} else {
		char r[24];

		roman(r, sizeof(r), p->number - 1);	/* the cover is not counted */
		snprintf(num, sizeof(num), "- %s -", r);
	}
	layout_put_text(L, p, DEV_ART_FOOTER, NULL,
	    (p->w - layout_text_width(&pc->st[ST_HEADER], num)) / 2,
	    p->h - L->geom.bottom + 22000, &pc->st[ST_HEADER], num);
}

/* ------------------------------------------------------------------ */
/* Cover and table of contents                                        */
/* ------------------------------------------------------------------ */

/* Sets the runs r centred, and frees them. */
static void
center_runs(struct pdf_ctx *pc, enum pdf_st st, struct pdf_runs *r,
    int32_t after)
{
	struct layout_para p = pdf_para_defaults(pc, st);

	p.align = LAYOUT_CENTER;
	p.indent = 0;
	p.stype = DEV_S_P;
	p.space_after = after;
	pdf_para(pc, r, &p);
	pdf_runs_free(r);
}

static void
center(struct pdf_ctx *pc, enum pdf_st st, const char *text, int32_t after)
{
	struct pdf_runs r;

	memset(&r, 0, sizeof(r));
	pdf_runs_add(pc, &r, text, &pc->st[st], NULL);
	center_runs(pc, st, &r, after);
}

static void
cover(struct pdf_ctx *pc)
{
	const struct plan *pl = pc->pl;
	struct buf b = {0};
	struct kdate d;

	pc->no_header = 1;
	(void)layout_open_page(pc->L);
	pc->L->y += pc->landscape ? MM(35) : MM(70);
	if (pl->city_name != NULL)
		center(pc, ST_COVER_SUB, pl->city_name, 8000);
	center(pc, ST_COVER_TITLE, pc->vol->title, 14000);
	if (pl->tagline != NULL)
		center(pc, ST_COVER_SUB, pl->tagline, 30000);
	if (pl->has_period) {
		fy_format(&b, pl->from, FY_STYLE_LONG);
		buf_puts(&b, "～");
		fy_format(&b, pl->to, FY_STYLE_LONG);
		center(pc, ST_COVER_SUB, buf_str(&b), 40000);
	}
	pc->L->y += pc->landscape ? MM(10) : MM(40);
	buf_reset(&b);
	if (pl->as_of_year > 0) {
		struct pdf_runs r;

		d.year = pl->as_of_year;
		d.month = pl->as_of_month;
		d.day = 0;
		memset(&r, 0, sizeof(r));
		pdf_runs_when(pc, &r, &d, 0, pl->year_style,
		    &pc->st[ST_COVER_SUB], &pl->as_of_year);
		buf_puts(&b, "時点");
		if (pl->edition != NULL) {
			buf_puts(&b, "　");
			buf_puts(&b, pl->edition);
		}
		pdf_runs_add(pc, &r, buf_str(&b), &pc->st[ST_COVER_SUB], NULL);
		center_runs(pc, ST_COVER_SUB, &r, 10000);
	}
	buf_reset(&b);
	if (pl->city_name != NULL)
		buf_puts(&b, pl->city_name);
	if (pl->publisher != NULL) {
		if (pl->publisher->division != NULL)
			buf_printf(&b, "%s%s", b.len ? "　" : "",
			    pl->publisher->division);
		buf_printf(&b, "%s%s", b.len ? "　" : "", pl->publisher->name);
	} else if (pl->publisher_ref.key != NULL) {
		buf_printf(&b, "%s%s", b.len ? "　" : "", pl->publisher_ref.key);
	}
	if (b.len > 0)
		center(pc, ST_COVER_SUB, buf_str(&b), 0);
	buf_free(&b);
	layout_page_break(pc->L);
	pc->no_header = 0;
}

/*
 * A table-of-contents entry in the structure tree: TOCI > Reference >
 * Link around its title, its page number and its link (the leader is an
 * artifact); TOCI alone when the entry cannot link.
 */
static void
toci_begin(struct pdf_ctx *pc, const struct toc_entry *e, int linked)
{
	layout_struct_begin(pc->L, DEV_S_TOCI, e);
	if (linked) {
		layout_struct_begin(pc->L, DEV_S_REFERENCE, e);
		layout_struct_begin(pc->L, DEV_S_LINK, e);
		layout_struct_attr(pc->L, DEV_A_CONTENTS, arena_printf(&pc->a,
		    "%s%s%s（%dページ）", e->number ? e->number : "",
		    e->number ? "　" : "", e->title,
		    pdf_dest_page(pc, e->anchor)));
	}
}

static void
toci_end(struct pdf_ctx *pc, const struct toc_entry *e, int linked)
{
	if (linked) {
		layout_struct_end(pc->L, DEV_S_LINK, e);
		layout_struct_end(pc->L, DEV_S_REFERENCE, e);
	}
	layout_struct_end(pc->L, DEV_S_TOCI, e);
}

static void
toc(struct pdf_ctx *pc)
{
	const struct volume *v = pc->vol;
	const struct layout_style *num = &pc->st[ST_BODY];
	struct layout_page *pg;
	struct layout_para p;
	struct pdf_runs r;
	struct buf t = {0};
	char pn[16];
	size_t i, k;
	int32_t right = 30000, x, end, y, w, top;
	int linked;

	if (v->ntoc == 0)
		return;
	pc->running = "目次";
	pdf_dest(pc, "toc");
	pdf_text_para(pc, "目次", ST_H1, DEV_S_H1, v, 12000);
	pdf_outline(pc, 1, "目次", "toc");
	layout_struct_begin(pc->L, DEV_S_TOC, v->toc);
	for (i = 0; i < v->ntoc; i++) {
		const struct toc_entry *e = &v->toc[i];
		enum pdf_st st = e->level <= 1 ? ST_BOLD : ST_BODY;

		memset(&r, 0, sizeof(r));
		buf_reset(&t);
		if (e->number != NULL)
			buf_printf(&t, "%s　", e->number);
		buf_puts(&t, e->title);
		p = pdf_para_defaults(pc, st);
		p.indent = 0;
		p.left = (e->level - 1) * 21000;
		p.right = right;
		p.align = LAYOUT_LEFT;
		p.stype = DEV_S_COUNT;	/* inside toci_begin's elements */
		p.node = e;
		p.space_before = e->level <= 1 ? 6000 : 0;
		p.space_after = 1500;
		/* A chapter's entry goes with its first section's (資料1 was alone at a foot). */
		if (i + 1 < v->ntoc && v->toc[i + 1].level > e->level)
			p.keep_after = pdf_para_defaults(pc, ST_BODY).line_height +
			    p.space_after;
		pdf_runs_add(pc, &r, buf_str(&t), &pc->st[st], e);
		top = pc->L->y;
		linked = pdf_dest_known(pc, e->anchor);
		toci_begin(pc, e, linked);
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
		/* The last line's end: the leader and the page number go after it. */
		pg = &pc->L->pages[pc->L->npages - 1];
		end = pc->L->geom.left;
		y = 0;
		for (k = pg->n; k-- > 0;)
			if (pg->v[k].type == BOX_TEXT && pg->v[k].mark.node == e) {
				end = pg->v[k].x + pg->v[k].w +
				    (int32_t)(pg->v[k].tc * 1000 * 0);
				y = pg->v[k].y;
				break;
			}
		if (y == 0) {
			toci_end(pc, e, linked);
			continue;
		}
		snprintf(pn, sizeof(pn), "%d", pdf_dest_page(pc, e->anchor));
		w = layout_text_width(num, pn);
		x = pg->w - pc->L->geom.right - w;
		layout_put_text(pc->L, pg, DEV_CONTENT, e, x, y, num, pn);
		{
			const struct layout_style *ld = &pc->st[ST_SMALL];
			int32_t dot = layout_text_width(ld, "…");
			int32_t lx = end + 4000;

			buf_reset(&t);
			while (lx + (int32_t)(t.len / 3 + 1) * dot < x - 4000)
				buf_puts(&t, "…");
			if (t.len > 0)
				layout_put_text(pc->L, pg, DEV_ART_LAYOUT, NULL,
				    x - 4000 - (int32_t)(t.len / 3) * dot, y, ld,
				    buf_str(&t));
		}
		if (pdf_dest_known(pc, e->anchor))
			layout_put_link(pc->L, pg, e, pc->L->geom.left + p.left,
			    pg == &pc->L->pages[pc->L->npages - 1] &&
			    top < pc->L->y ? top : pc->L->geom.top,
			    pg->w - pc->L->geom.right - pc->L->geom.left - p.left,
			    y - (top < pc->L->y ? top : pc->L->geom.top) + 3000,
			    e->anchor, NULL);
		toci_end(pc, e, linked);
	}
	layout_struct_end(pc->L, DEV_S_TOC, v->toc);
	buf_free(&t);
	layout_page_break(pc->L);
}

/* ------------------------------------------------------------------ */
/* Chapters                                                           */
/* ------------------------------------------------------------------ */

static void
signature(struct pdf_ctx *pc, const struct signature *s)
{
	struct buf b = {0};
	struct layout_para p = pdf_para_defaults(pc, ST_BODY);
	struct pdf_runs r;

	if (!s->present)
		return;
	p.align = LAYOUT_RIGHT;
	p.indent = 0;
	p.space_before = 12000;
	if (s->has_date) {
		memset(&r, 0, sizeof(r));
		pdf_runs_when(pc, &r, &s->date, 0, pc->pl->year_style,
		    &pc->st[ST_BODY], &s->date);
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
		p.space_before = 0;
	}
	buf_reset(&b);
	if (s->title != NULL)
		buf_printf(&b, "%s　", s->title);
	if (s->name != NULL)
		buf_puts(&b, s->name);
	if (b.len > 0) {
		memset(&r, 0, sizeof(r));
		pdf_runs_add(pc, &r, buf_str(&b), &pc->st[ST_BODY], s);
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
	}
	buf_free(&b);
}

static void
chapter(struct pdf_ctx *pc, const struct chapter *ch)
{
	const char *t;

	layout_page_break(pc->L);
	pc->running = ch->short_title ? ch->short_title : ch->title;
	pc->page_anchor = ch->anchor;
	t = ch->number != NULL ?
	    arena_printf(&pc->a, "%s　%s", ch->number, ch->title) : ch->title;
	pdf_dest(pc, ch->anchor);
	layout_struct_begin(pc->L, DEV_S_SECT, ch);
	pdf_text_para(pc, t, ST_H1, DEV_S_H1, ch, 14000);
	pdf_outline(pc, 1, t, ch->anchor);
	pdf_blocks(pc, ch->doc.blocks);
	signature(pc, &ch->signature);
	pdf_footnotes(pc, &ch->doc);
	layout_struct_end(pc->L, DEV_S_SECT, ch);
	pc->page_anchor = NULL;
}

/*
 * The pages of main a pass is done with, all but the last
 * PDF_FN_LOOKBACK + 1 (a footnote may still be placed on those), or all
 * when final: their footnotes are drawn, then pass 1 records their
 * destinations and pass 2 sends them to the devices, and their boxes are
 * freed. So a volume holds a few pages' boxes at a time, not all of them
 * (they were a third of the peak memory of a build of 100x the sample).
 */
static void
flush(struct pdf_ctx *pc, int final)
{
	struct layout *M = &pc->main;
	size_t upto, i, k, d;

	if (final)
		upto = M->npages;
	else
		upto = M->npages > PDF_FN_LOOKBACK + 1 ?
		    M->npages - PDF_FN_LOOKBACK - 1 : 0;
	if (upto <= pc->flushed && !(final && pc->pass == 2 && !pc->begun))
		return;
	if (upto < pc->flushed)
		upto = pc->flushed;
	pdf_fn_draw(pc, upto);
	if (pc->pass == 1) {
		for (i = pc->flushed; i < upto; i++)
			for (k = 0; k < M->pages[i].n; k++)
				if (M->pages[i].v[k].type == BOX_DEST)
					dm_add(&pc->found, M->pages[i].v[k].text,
					    M->pages[i].number);
	} else {
		for (d = 0; d < pc->ndev; d++)
			if (!pc->failed[d] && ((!pc->begun &&
			    layout_emit_begin(pc->dev[d], pc->info) == -1) ||
			    layout_emit_pages(M, pc->dev[d], pc->flushed,
			    upto) == -1))
				pc->failed[d] = 1;
		pc->begun = 1;
	}
	layout_release(M, upto);
	pc->flushed = upto;
}

static void
walk(struct pdf_ctx *pc)
{
	const struct volume *v = pc->vol;
	size_t i;

	cover(pc);
	toc(pc);
	pc->body_first = (int)pc->L->npages + 1;
	for (i = 0; i < v->nitems; i++) {
		const struct vol_item *it = &v->items[i];

		switch (it->kind) {
		case VI_CHAPTER:
			chapter(pc, it->chapter);
			break;
		case VI_LISTS:
			pdf_lists(pc);
			break;
		case VI_FOCUS_AREA:
			pdf_focus(pc, it->focus);
			break;
		case VI_GROUP:
			pdf_group(pc, it);
			break;
		case VI_PROJECT:
			pdf_project(pc, it->project, it->relisted);
			break;
		case VI_REGISTER:
			layout_page_break(pc->L);
			pc->running = "新旧対照表";
			pdf_dest(pc, "register");
			pdf_text_para(pc, "新旧対照表", ST_H1, DEV_S_H1, it, 12000);
			pdf_outline(pc, 1, "新旧対照表", "register");
			pdf_gtable(pc, pc->b->t_register);
			break;
		case VI_HISTORY:
			layout_page_break(pc->L);
			pc->running = "改定履歴";
			pdf_dest(pc, "history");
			pdf_text_para(pc, "改定履歴", ST_H1, DEV_S_H1, it, 12000);
			pdf_outline(pc, 1, "改定履歴", "history");
			pdf_gtable(pc, pc->b->t_history);
			break;
		case VI_GLOSSARY:
			pdf_glossary(pc);
			break;
		}
		flush(pc, 0);
	}
	layout_page_break(pc->L);
	pdf_fn_draw(pc, pc->main.npages);
	pdf_fn_free(pc);
}

/* ------------------------------------------------------------------ */
/* A volume                                                           */
/* ------------------------------------------------------------------ */

static void
pass(struct pdf_ctx *pc, int n, int final)
{
	struct layout_geom g;

	if (pc->landscape) {
		g.w = DEV_A4_H;
		g.h = DEV_A4_W;
		g.top = MM(20);
		g.bottom = MM(20);
		g.left = g.right = MM(18);
	} else {
		g.w = DEV_A4_W;
		g.h = DEV_A4_H;
		g.top = MM(25);
		g.bottom = MM(22);
		g.left = g.right = MM(22);
	}
	pc->pass = n;
	pc->final = final;
	layout_init(&pc->main, &g, pc->fs, pc->d);
	pc->main.page_begin = page_begin;
	pc->main.page_end = page_end;
	pc->main.hook_ctx = pc;
	pc->base_bottom = g.bottom;
	pc->L = &pc->main;
	pc->running = NULL;
	pc->page_anchor = NULL;
	pc->body_first = 0;
	pc->flushed = 0;
	dm_free(&pc->placed);
	walk(pc);
}

/* /PageLabels as printed: 表紙, then i, ii … for the table of contents, then 1, 2 … */
static void
page_labels(const struct pdf_ctx *pc, struct device *dev)
{
	dev->ops->page_label(dev, 0, DEV_LABEL_NONE, "表紙", 1);
	if (pc->body_first > 2)
		dev->ops->page_label(dev, 1, DEV_LABEL_ROMAN_LOWER, NULL, 1);
	if (pc->body_first > 0 && (size_t)pc->body_first <= pc->main.npages)
		dev->ops->page_label(dev, pc->body_first - 1, DEV_LABEL_DECIMAL,
		    NULL, 1);
}

/* Records where pass 1 put every destination (those of the pages flushed, then the rest). */
static void
collect(struct pdf_ctx *pc)
{
	size_t i;

	flush(pc, 1);
	dm_free(&pc->known);
	pc->known = pc->found;
	memset(&pc->found, 0, sizeof(pc->found));
	for (i = 0; i < pc->main.npending; i++)
		dm_add(&pc->known, pc->main.pending[i], (int)pc->main.npages);
}

/*
 * The fonts plan.yaml names (output.pdf.body_font, heading_font) and the
 * paper (output.pdf.size): A4 only, the size of Japanese municipal plans
 * (JIS P 0138). What cannot be honoured is a warning to d, and the
 * default is used; d is NULL in the back end, since validate has said it
 * (pdf_check_options()).
 */
static void
pdf_options(const struct plan *pl, struct font_config *fc, struct diag *d)
{
	font_config_default(fc);
	if (pl->body_font != NULL &&
	    font_config_name(fc, FONT_MINCHO, pl->body_font) != 0 && d != NULL)
		diag_warning(d, &pl->body_font_span, "pdf-font-name",
		    "output.pdf.body_font '%s' is not a font keikaku knows (%s); "
		    "the PDF uses BIZ UDMincho", pl->body_font,
		    font_known_names());
	if (pl->heading_font != NULL &&
	    font_config_name(fc, FONT_GOTHIC, pl->heading_font) != 0 &&
	    d != NULL)
		diag_warning(d, &pl->heading_font_span, "pdf-font-name",
		    "output.pdf.heading_font '%s' is not a font keikaku knows "
		    "(%s); the PDF uses BIZ UDGothic", pl->heading_font,
		    font_known_names());
	if (pl->pdf_size != NULL && strcasecmp(pl->pdf_size, "A4") != 0 &&
	    d != NULL)
		diag_warning(d, &pl->pdf_size_span, "pdf-size",
		    "output.pdf.size '%s' is not supported; the PDF is A4",
		    pl->pdf_size);
}

void
pdf_check_options(const struct plan *pl, struct diag *d)
{
	struct font_config fc;

	pdf_options(pl, &fc, d);
}

/*
 * For the PDF suite (tests/suites/70-pdf.sh): with KEIKAKU_LAYOUT_DUMP set
 * in the environment, the laid-out volume also goes through the text
 * device into pdf/<volume>.layout.txt, so that tests can read what the
 * PDF cannot tell them (which boxes repeat a table's header, where a
 * structure element opens and closes). KEIKAKU_LAYOUT_DUMP=fixed lays
 * the volume out with the text device's fixed metrics instead and writes
 * only that dump: layout goldens that do not depend on the font files
 * (tests/pdf/). The dump's device gets the pages as the PDF's does.
 */
static struct device *
layout_dump_new(struct diag *d, int fixed)
{
	const char *e = getenv("KEIKAKU_LAYOUT_DUMP");

	if (fixed || e == NULL || *e == '\0')
		return NULL;
	return dev_text_new(d);
}

/* Ends the document on pass 2's device i and writes it to rel; returns 0 or -1. */
static int
volume_end(struct pdf_ctx *pc, size_t i, const char *outdir, const char *rel)
{
	struct buf out = {0};
	int rc = -1;

	page_labels(pc, pc->dev[i]);
	if (!pc->failed[i] && layout_emit_end(&pc->main, pc->dev[i], &out) == 0)
		rc = fs_write(outdir, rel, out.data, out.len, pc->d);
	buf_free(&out);
	return rc;
}

/*
 * Lays volume v out into pc->main with the faces fs: pass 1, and pass 2
 * (with the pages pass 1 found for the table of contents and the links)
 * when passes is 2, its pages sent to devs[0..ndev) as it goes (flush(),
 * begin_document with info; the caller ends the documents). What the
 * layout finds (a character no face has, an
 * SVG element it cannot draw) goes to d in the last pass; it does not
 * depend on the page numbers, so keikaku check lays out once.
 */
static void
volume_layout(struct pdf_ctx *pc, const struct build *b,
    const struct volume *v, struct fontset *fs, struct diag *d, int passes,
    struct device *const *devs, size_t ndev, const struct dev_info *info,
    int *const *xpages)
{
	memset(pc, 0, sizeof(*pc));
	pc->xpages = xpages;
	pc->b = b;
	pc->pl = &b->plan;
	pc->vol = v;
	pc->d = d;
	pc->fs = fs;
	pc->landscape = v->orientation != NULL &&
	    strcmp(v->orientation, "landscape") == 0;
	for (size_t i = 0; i < v->nitems; i++)
		if (v->items[i].kind == VI_GLOSSARY)
			pc->has_glossary = 1;
	styles(pc);
	pass(pc, 1, passes == 1);
	if (passes == 1)
		return;
	collect(pc);
	pc->known_body_first = pc->body_first;
	layout_free(&pc->main);
	arena_free(&pc->a);
	for (pc->ndev = 0; pc->ndev < ndev && pc->ndev < KK_ARRAY_LEN(pc->dev);
	    pc->ndev++)
		pc->dev[pc->ndev] = devs[pc->ndev];
	pc->info = info;
	pass(pc, 2, 1);
	layout_finish(&pc->main);
	flush(pc, 1);
}

static void
volume_free(struct pdf_ctx *pc)
{
	layout_free(&pc->main);
	arena_free(&pc->a);
	dm_free(&pc->known);
	dm_free(&pc->placed);
	dm_free(&pc->found);
}

int
pdf_xref_page(const struct pdf_ctx *pc, const struct volume *v,
    const char *dest)
{
	size_t vi = (size_t)(v - pc->pl->volumes), lo = 0, hi, mid;
	int c;

	if (pc->xpages == NULL || vi >= pc->pl->nvolumes ||
	    pc->xpages[vi] == NULL)
		return 0;
	for (hi = v->nexports; lo < hi;) {	/* exports are sorted */
		mid = (lo + hi) / 2;
		if ((c = strcmp(v->exports[mid], dest)) == 0)
			return pc->xpages[vi][mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * xpages: the pages of other volumes' exports known so far; this
 * volume's are filled in (xpages[its index]) once it is laid out.
 */
static int
volume(const struct build *b, const struct volume *v, const char *outdir,
    const struct font_config *fc, struct diag *d, int **xpages)
{
	struct pdf_ctx pc;
	struct device *dev, *td, *devs[2];
	struct fontset fs;
	struct dev_info info;
	size_t ndev;
	struct buf author = {0};
	int rc = -1;
	const char *dump = getenv("KEIKAKU_LAYOUT_DUMP");
	int fixed = dump != NULL && strcmp(dump, "fixed") == 0;

	/* fixed: laid out with the text device's fixed metrics, for goldens; no PDF */
	dev = fixed ? dev_text_new(d) : dev_hpdf_new(d);
	if (dev == NULL)
		return -1;
	if (fontset_open(&fs, dev, fc, d) == -1) {
		dev_free(dev);
		return -1;
	}
	memset(&info, 0, sizeof(info));
	info.title = v->title;
	if (b->plan.city_name != NULL)
		buf_puts(&author, b->plan.city_name);
	if (b->plan.publisher != NULL)
		buf_printf(&author, "%s%s", author.len ? "　" : "",
		    b->plan.publisher->name);
	info.author = author.len ? buf_str(&author) : NULL;
	info.subject = b->plan.tagline != NULL ? b->plan.tagline :
	    b->plan.title;
	info.lang = "ja";
	info.epoch = dev_source_date_epoch();
	info.exports = v->exports;
	info.nexports = v->nexports;
	/* Pass 2 sends its pages to the devices as it goes (flush()). */
	td = layout_dump_new(d, fixed);
	ndev = 0;
	if (td != NULL)
		devs[ndev++] = td;
	devs[ndev++] = dev;
	volume_layout(&pc, b, v, &fs, d, 2, devs, ndev, &info, xpages);
	if (v->nexports > 0) {
		int *pg = xcalloc(v->nexports, sizeof(*pg));

		for (size_t i = 0; i < v->nexports; i++)
			pg[i] = pdf_dest_page(&pc, v->exports[i]);
		xpages[v - b->plan.volumes] = pg;
	}
	if (td != NULL)
		(void)volume_end(&pc, 0, outdir, arena_printf(&pc.a,
		    "pdf/%s.layout.txt", v->key));
	rc = volume_end(&pc, pc.ndev - 1, outdir, arena_printf(&pc.a,
	    fixed ? "pdf/%s.layout.txt" : "pdf/%s.pdf", v->key));
	buf_free(&author);
	volume_free(&pc);
	fontset_free(&fs);
	if (td != NULL)
		dev_free(td);
	dev_free(dev);
	return rc;
}

int
pdf_write(const struct build *b, const struct config *cfg, const char *outdir,
    struct diag *d)
{
	struct font_config fc;
	size_t i, n = b->plan.nvolumes;
	int **xpages = xcalloc(n + 1, sizeof(*xpages)), rc = 0, pass;

	(void)cfg;
	pdf_options(&b->plan, &fc, NULL);
	/*
	 * The volumes other volumes link to first, so that a reference to a
	 * place in one can say its page (（重点事業・個別事業集 p.12）). The
	 * files do not depend on the order; when two volumes link to each
	 * other, the first says no page.
	 */
	for (pass = 0; pass < 2 && rc == 0; pass++)
		for (i = 0; i < n && rc == 0; i++)
			if ((b->plan.volumes[i].nexports > 0) == (pass == 0))
				rc = volume(b, &b->plan.volumes[i], outdir, &fc, d,
				    xpages);
	for (i = 0; i < n; i++)
		free(xpages[i]);
	free(xpages);
	return rc != 0 ? -1 : 0;
}

int
pdf_check(const struct build *b, struct diag *d)
{
	struct font_config fc;
	struct device *dev;
	struct fontset fs;
	struct pdf_ctx pc;
	size_t i;

	/*
	 * The fonts are loaded once for every volume (a build loads them
	 * into each volume's document); nothing is drawn.
	 */
	pdf_options(&b->plan, &fc, NULL);
	if ((dev = dev_hpdf_new(d)) == NULL)
		return -1;
	if (fontset_open(&fs, dev, &fc, d) == -1) {
		dev_free(dev);
		return -1;
	}
	for (i = 0; i < b->plan.nvolumes; i++) {
		volume_layout(&pc, b, &b->plan.volumes[i], &fs, d, 1, NULL, 0,
		    NULL, NULL);
		volume_free(&pc);
	}
	fontset_free(&fs);
	dev_free(dev);
	return 0;
}
