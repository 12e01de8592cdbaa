/*
 * pdf_tax.c: the 体系図 ({{taxonomy}}) as a diagram, from build.taxonomy
 * (gentax.c), the entries the site prints as nested lists.
 *
 * The 基本理念 is a box across the column; below it the 目指す姿, each
 * with its 基本取組 and 重点事業 to its right and a 基本取組's categories
 * to their right, one column per level, the columns sharing the width;
 * rules join each box to those it leads to, and a rule down the left joins
 * the 目指す姿 to the 基本理念; the 共通事項 are a box across the column
 * at the foot. A 目指す姿 with everything to its right is kept on one page;
 * one too tall for a page is set as an indented list instead.
 *
 * Tagging: the boxes, fills and rules are Artifacts; the text is one L,
 * an LI per entry (Lbl: its label, LBody: its number and title and the L
 * of the entries it leads to), in the model's order.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_int.h"

#define PAD	3500		/* text inside a box */
#define GAP	14000		/* between columns: the joining rules */
#define VGAP	5000		/* between boxes one above the other */
#define TRUNK	12000		/* left of the 目指す姿: the rule from the 基本理念 */
#define BAND_GAP 8000		/* between the 基本理念, the tree and the 共通事項 */
#define CONN	11000		/* a rule meets a box this far below its top (at most half its height) */
#define RULE_W	800
#define RULE_RGB 0x4F4F4F

/* A box's look by its kind. */
struct look {
	uint32_t	 fill;		/* 0: none */
	uint32_t	 line;
	int32_t		 lw;
	int		 white;		/* white text (on a dark fill) */
	int		 bold;
};

static struct look
look_of(enum tax_kind k)
{
	struct look l = { 0, 0x7F7F7F, 500, 0, 0 };

	switch (k) {
	case TX_PRINCIPLE:
		l.fill = 0xE4EFE4;
		l.line = 0x1B5E20;
		l.lw = 1500;
		l.bold = 1;
		break;
	case TX_GOAL:		/* white on 0x2E7D32: 5.1:1 */
		l.fill = 0x2E7D32;
		l.line = 0x1B5E20;
		l.lw = 800;
		l.white = 1;
		l.bold = 1;
		break;
	case TX_PILLAR:
		l.fill = 0xE4EFE4;
		l.line = 0x2E7D32;
		l.lw = 800;
		l.bold = 1;
		break;
	case TX_FOCUS:
		l.fill = 0xFFF1DC;
		l.line = 0xB26A00;
		l.lw = 800;
		l.bold = 1;
		break;
	case TX_COMMON:
		l.fill = 0xF4F4F4;
		l.lw = 700;
		break;
	case TX_CATEGORY:
	case TX_COMMON_ITEM:
		break;
	}
	return l;
}

/* An entry's box: its size, and those of the entries it leads to. */
struct tbox {
	const struct tax_entry	*e;
	int32_t			 w, h;		/* the box */
	int32_t			 sub;		/* with everything to its right */
	struct tbox		*kids;
};

struct tax {
	struct pdf_ctx		*pc;
	struct layout		 scratch;
	int32_t			 x0, width;	/* the column */
	int			 lmin;		/* the level of the first column */
	int32_t			 boxw;
	int32_t			 trunk;		/* room for the rule down the left, or 0 */
	struct layout_style	*white, *whiteb;	/* text on a dark fill */
};

static int32_t
conn(const struct tbox *b)
{
	return b->h / 2 < CONN ? b->h / 2 : CONN;
}

/* The x of a box of the given level. */
static int32_t
col_x(const struct tax *t, int level)
{
	return t->x0 + t->trunk + (level - t->lmin) * (t->boxw + GAP);
}

/* Where the title links to, if that place is in this volume. */
static const char *
target(struct pdf_ctx *pc, const struct tax_entry *e)
{
	const char *dest = NULL;

	if (e->kind == TX_FOCUS)
		dest = ((const struct focus_area *)e->ref)->c.anchor;
	else if (e->kind == TX_PILLAR)
		dest = ((const struct pillar *)e->ref)->anchor;
	else if (e->kind == TX_CATEGORY)
		dest = ((const struct category *)e->ref)->anchor;
	return dest != NULL && pdf_dest_known(pc, dest) ? dest : NULL;
}

static struct layout_para
para(struct pdf_ctx *pc, const struct layout_style *st, const void *node,
    enum layout_align al)
{
	struct layout_para p = pdf_para_defaults(pc, ST_TABLE);

	p.line_height = st->size * 14 / 10;
	p.indent = 0;
	p.space_before = 0;
	p.space_after = 0;
	p.align = al;
	p.stype = DEV_S_COUNT;	/* the text belongs to the Lbl or LBody */
	p.node = node;
	p.keep_after = 0;
	return p;
}

/*
 * An entry's text at the cursor between the insets: its label (Lbl), then
 * its number and title (in its LBody, which the caller opens after the Lbl
 * and closes after the entries below it). tagged: with the Lbl and LBody
 * brackets (not while measuring).
 */
static void
entry_text(struct tax *t, const struct tax_entry *e, int tagged)
{
	struct pdf_ctx *pc = t->pc;
	struct look lk = look_of(e->kind);
	const struct layout_style *lab = lk.white ? t->white : &pc->st[ST_SMALLB];
	const struct layout_style *st = lk.white ? t->whiteb :
	    &pc->st[lk.bold ? ST_TABLEB : ST_TABLE];
	enum layout_align al = e->kind == TX_PRINCIPLE ? LAYOUT_CENTER :
	    LAYOUT_LEFT;
	struct layout_para p;
	struct pdf_runs r;
	const char *dest;

	if (e->kind == TX_PRINCIPLE)
		st = &pc->st[ST_H3];
	if (e->label != NULL) {
		if (tagged)
			layout_struct_begin(pc->L, DEV_S_LBL, e->label);
		memset(&r, 0, sizeof(r));
		pdf_runs_add(pc, &r, e->label, lab, e);
		p = para(pc, lab, e->label, al);
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
		if (tagged)
			layout_struct_end(pc->L, DEV_S_LBL, e->label);
	}
	if (tagged)
		layout_struct_begin(pc->L, DEV_S_LBODY, e);
	if (e->number == NULL && e->title == NULL)
		return;
	memset(&r, 0, sizeof(r));
	if (e->number != NULL)
		pdf_runs_add(pc, &r, arena_printf(&pc->a, "%s%s", e->number,
		    e->title != NULL ? "　" : ""), st, e);
	if (e->title != NULL) {
		dest = target(pc, e);
		pdf_runs_add(pc, &r, e->title, dest != NULL ?
		    pdf_linked(pc, st, dest, NULL) : st, e);
	}
	p = para(pc, st, e, al);
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
}

/* The height of an entry's text in a box of width w (the common items: listed in it). */
static int32_t
measure(struct tax *t, const struct tax_entry *e, int32_t w)
{
	struct pdf_ctx *pc = t->pc;
	struct layout *save = pc->L;
	int32_t il = pc->ileft, ir = pc->iright, y0, h;
	size_t i;

	pc->L = &t->scratch;
	pc->measuring++;
	(void)layout_open_page(pc->L);
	pc->ileft = t->x0 - pc->L->geom.left + PAD;
	pc->iright = pc->L->geom.w - pc->L->geom.right - (t->x0 + w) + PAD;
	y0 = pc->L->y = 1000;
	entry_text(t, e, 0);
	if (e->kind == TX_COMMON)
		for (i = 0; i < e->nkids; i++)
			entry_text(t, &e->kids[i], 0);
	h = pc->L->y - y0 + 2 * PAD;
	pc->measuring--;
	pc->L = save;
	pc->ileft = il;
	pc->iright = ir;
	return h;
}

static void
boxes(struct tax *t, struct tbox *b, const struct tax_entry *e)
{
	int32_t sum = 0;
	size_t i;

	b->e = e;
	b->w = e->level < 0 ? t->width : t->boxw;
	b->h = measure(t, e, b->w);
	b->sub = b->h;
	if (e->level < 0 || e->nkids == 0)
		return;
	b->kids = xcalloc(e->nkids, sizeof(*b->kids));
	for (i = 0; i < e->nkids; i++) {
		boxes(t, &b->kids[i], &e->kids[i]);
		sum += (i > 0 ? VGAP : 0) + b->kids[i].sub;
	}
	if (sum > b->sub)
		b->sub = sum;
}

static void
boxes_free(struct tbox *b)
{
	size_t i;

	for (i = 0; b->kids != NULL && i < b->e->nkids; i++)
		boxes_free(&b->kids[i]);
	free(b->kids);
}

static void
rule(struct tax *t, struct layout_page *pg, int32_t x1, int32_t y1,
    int32_t x2, int32_t y2)
{
	layout_put_rule(t->pc->L, pg, DEV_ART_LAYOUT, NULL, x1, y1, x2, y2,
	    RULE_W, RULE_RGB);
}

/* The frame of a box, and its text set inside it. */
static void
box(struct tax *t, struct layout_page *pg, const struct tbox *b, int32_t x,
    int32_t y)
{
	struct pdf_ctx *pc = t->pc;
	struct look lk = look_of(b->e->kind);
	int32_t il = pc->ileft, ir = pc->iright;

	layout_put_rect(pc->L, pg, DEV_ART_LAYOUT, NULL, x, y, b->w, b->h,
	    lk.fill != 0, lk.fill, lk.lw, lk.line);
	pc->ileft = x - pc->L->geom.left + PAD;
	pc->iright = pc->L->geom.w - pc->L->geom.right - (x + b->w) + PAD;
	pc->L->y = y + PAD;
	entry_text(t, b->e, 1);
	pc->ileft = il;
	pc->iright = ir;
}

/*
 * An entry with the entries it leads to, its box's top at y: LI, its
 * text, the L of the others in its LBody; the rules joining them.
 */
static void
tree(struct tax *t, struct layout_page *pg, const struct tbox *b, int32_t y)
{
	const struct tax_entry *e = b->e;
	int32_t x = e->level < 0 ? t->x0 : col_x(t, e->level), ky = y, xm;
	int32_t last = 0;
	size_t i;

	layout_struct_begin(t->pc->L, DEV_S_LI, e);
	box(t, pg, b, x, y);
	if (e->nkids > 0) {
		xm = x + b->w + GAP / 2;
		layout_struct_begin(t->pc->L, DEV_S_L, e->kids);
		for (i = 0; i < e->nkids; i++) {
			const struct tbox *k = &b->kids[i];

			tree(t, pg, k, ky);
			last = ky + conn(k);
			rule(t, pg, xm, last, col_x(t, k->e->level), last);
			ky += k->sub + VGAP;
		}
		layout_struct_end(t->pc->L, DEV_S_L, e->kids);
		rule(t, pg, x + b->w, y + conn(b), xm, y + conn(b));
		rule(t, pg, xm, y + conn(b), xm, last);
	}
	layout_struct_end(t->pc->L, DEV_S_LBODY, e);
	layout_struct_end(t->pc->L, DEV_S_LI, e);
}

/* The 共通事項: its label, then its items one a line, in one box across. */
static void
common(struct tax *t, struct layout_page *pg, const struct tbox *b, int32_t y)
{
	struct pdf_ctx *pc = t->pc;
	const struct tax_entry *e = b->e;
	int32_t il = pc->ileft, ir = pc->iright;
	struct look lk = look_of(e->kind);
	size_t i;

	layout_struct_begin(pc->L, DEV_S_LI, e);
	layout_put_rect(pc->L, pg, DEV_ART_LAYOUT, NULL, t->x0, y, b->w, b->h,
	    lk.fill != 0, lk.fill, lk.lw, lk.line);
	pc->ileft = t->x0 - pc->L->geom.left + PAD;
	pc->iright = pc->L->geom.w - pc->L->geom.right - (t->x0 + b->w) + PAD;
	pc->L->y = y + PAD;
	entry_text(t, e, 1);
	layout_struct_begin(pc->L, DEV_S_L, e->kids);
	for (i = 0; i < e->nkids; i++) {
		layout_struct_begin(pc->L, DEV_S_LI, &e->kids[i]);
		entry_text(t, &e->kids[i], 1);
		layout_struct_end(pc->L, DEV_S_LBODY, &e->kids[i]);
		layout_struct_end(pc->L, DEV_S_LI, &e->kids[i]);
	}
	layout_struct_end(pc->L, DEV_S_L, e->kids);
	layout_struct_end(pc->L, DEV_S_LBODY, e);
	layout_struct_end(pc->L, DEV_S_LI, e);
	pc->ileft = il;
	pc->iright = ir;
}

/*
 * An entry too tall for a page as a diagram: an indented list that runs
 * over pages, the same LI, Lbl and LBody.
 */
static void
flow(struct tax *t, const struct tax_entry *e, int depth)
{
	struct pdf_ctx *pc = t->pc;
	int32_t il = pc->ileft, em = pc->st[ST_TABLE].size;
	struct layout_style *w = t->white, *wb = t->whiteb;
	size_t i;

	/* No dark fill behind it: black text. */
	t->white = &pc->st[ST_SMALLB];
	t->whiteb = &pc->st[ST_TABLEB];
	pc->ileft += depth * 2 * em;
	layout_struct_begin(pc->L, DEV_S_LI, e);
	entry_text(t, e, 1);
	layout_space(pc->L, 2000);
	if (e->nkids > 0) {
		layout_struct_begin(pc->L, DEV_S_L, e->kids);
		for (i = 0; i < e->nkids; i++)
			flow(t, &e->kids[i], depth + 1);
		layout_struct_end(pc->L, DEV_S_L, e->kids);
	}
	layout_struct_end(pc->L, DEV_S_LBODY, e);
	layout_struct_end(pc->L, DEV_S_LI, e);
	pc->ileft = il;
	t->white = w;
	t->whiteb = wb;
}

/* The rule down the left on page pi from top to bottom, if there is one. */
static void
trunk(struct tax *t, size_t pi, int32_t top, int32_t bottom)
{
	struct layout *L = t->pc->L;

	if (top < 0 || bottom <= top || pi >= L->npages)
		return;
	rule(t, &L->pages[pi], t->x0 + t->trunk / 2, top, t->x0 + t->trunk / 2,
	    bottom);
}

static void
levels(const struct tax_entry *e, int *lo, int *hi)
{
	size_t i;

	if (e->level < 0)
		return;
	if (*lo < 0 || e->level < *lo)
		*lo = e->level;
	if (e->level > *hi)
		*hi = e->level;
	for (i = 0; i < e->nkids; i++)
		levels(&e->kids[i], lo, hi);
}

static struct layout_style *
white(struct pdf_ctx *pc, enum pdf_st st)
{
	struct layout_style *s = ARENA_NEW(&pc->a, struct layout_style);

	*s = pc->st[st];
	s->rgb = 0xFFFFFF;
	return s;
}

void
pdf_taxonomy(struct pdf_ctx *pc)
{
	const struct taxonomy *tx = &pc->b->taxonomy;
	struct tax t;
	struct layout_geom sg;
	struct layout_page *pg;
	struct tbox *bx;
	int32_t top = -1, bottom = 0, xt, y;
	size_t i, tpage = 0;
	int lo = -1, hi = 0, ncol, principle = 0;

	if (tx->n == 0 || pc->measuring)	/* not inside a table's cell */
		return;
	memset(&t, 0, sizeof(t));
	t.pc = pc;
	t.x0 = pc->L->geom.left + pc->ileft;
	t.width = pdf_colw(pc);
	t.white = white(pc, ST_SMALLB);
	t.whiteb = white(pc, ST_TABLEB);
	for (i = 0; i < tx->n; i++) {
		levels(&tx->v[i], &lo, &hi);
		principle |= tx->v[i].kind == TX_PRINCIPLE;
	}
	t.lmin = lo < 0 ? 0 : lo;
	ncol = lo < 0 ? 1 : hi - lo + 1;
	t.trunk = principle && lo >= 0 ? TRUNK : 0;
	t.boxw = (t.width - t.trunk - (ncol - 1) * GAP) / ncol;
	xt = t.x0 + t.trunk / 2;
	sg = pc->L->geom;
	sg.top = 0;
	sg.bottom = 0;
	sg.h = 1000000000;
	layout_init(&t.scratch, &sg, pc->L->fonts, pc->d);
	bx = xcalloc(tx->n, sizeof(*bx));
	for (i = 0; i < tx->n; i++)
		boxes(&t, &bx[i], &tx->v[i]);

	layout_space(pc->L, 4000);
	layout_struct_begin(pc->L, DEV_S_L, tx);
	for (i = 0; i < tx->n; i++) {
		const struct tbox *b = &bx[i];
		size_t pi;

		pg = layout_need(pc->L, b->sub);
		pi = (size_t)(pg - pc->L->pages);
		if (b->e->level >= 0 && top >= 0 && pi != tpage) {
			/* A new page: the rule down the left goes on from its top. */
			trunk(&t, tpage, top, bottom);
			tpage = pi;
			top = bottom = pc->L->y;
		}
		if (b->e->level < 0 || pc->L->y + b->sub > pdf_bottom(pc)) {
			trunk(&t, tpage, top, bottom);
			top = -1;
		}
		y = pc->L->y;
		if (pc->L->y + b->sub > pdf_bottom(pc)) {
			/* Taller than a page: the same entries as a list. */
			flow(&t, b->e, 0);
			continue;
		}
		if (b->e->kind == TX_COMMON) {
			y += BAND_GAP - VGAP;
			common(&t, pg, b, y);
			pc->L->y = y + b->h + VGAP;
		} else if (b->e->level < 0) {	/* the 基本理念 */
			tree(&t, pg, b, y);
			pc->L->y = y + b->h + BAND_GAP;
			if (t.trunk > 0) {
				tpage = pi;
				top = bottom = y + b->h;
			}
		} else {
			if (top >= 0) {
				bottom = y + conn(b);
				rule(&t, pg, xt, bottom, col_x(&t, b->e->level),
				    bottom);
			}
			tree(&t, pg, b, y);
			pc->L->y = y + b->sub + VGAP;
		}
	}
	trunk(&t, tpage, top, bottom);
	layout_struct_end(pc->L, DEV_S_L, tx);
	layout_space(pc->L, 6000);
	for (i = 0; i < tx->n; i++)
		boxes_free(&bx[i]);
	free(bx);
	layout_free(&t.scratch);
}
