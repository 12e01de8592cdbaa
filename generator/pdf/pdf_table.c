/*
 * pdf_table.c: tables. Column widths come from the content (the widest
 * unbroken line of each column; a number with its unit never wraps), the
 * table always fits the column, and a row that does not fit the page goes
 * to the next one after the header rows, repeated with 「（続き）」.
 *
 * A cell is measured by setting it in a scratch layout with a very tall
 * page (pc->measuring), then set for real inside the row.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_int.h"

#define PADX	3500
#define PADY	2500
#define BORDER	0x7F7F7F
#define HEADFILL 0xE4EFE4
#define BARFILL	0xCFE3CF

struct pdf_cell *
pdf_table_row(struct pdf_table *t)
{
	struct pdf_cell *r;

	t->cells = xgrow(t->cells, &t->cap, (t->nrows + 1) * (size_t)t->ncols,
	    sizeof(*t->cells));
	r = &t->cells[t->nrows * (size_t)t->ncols];
	memset(r, 0, (size_t)t->ncols * sizeof(*r));
	t->nrows++;
	return r;
}

void
pdf_table_free(struct pdf_table *t)
{
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

static enum pdf_st
cell_st(const struct pdf_cell *c)
{
	return c->head ? ST_TABLEB : ST_TABLE;
}

/* Sets the content of a cell at the cursor of pc->L between the insets. */
static void
render(struct pdf_ctx *pc, const struct pdf_cell *c)
{
	enum pdf_st st = cell_st(c);
	struct layout_para p = pdf_para_defaults(pc, st);
	struct pdf_runs r;

	p.line_height = pc->st[st].size * 15 / 10;
	p.indent = 0;
	p.space_after = 0;
	p.align = c->align;
	p.stype = DEV_S_P;
	p.node = c->node;
	memset(&r, 0, sizeof(r));
	if (c->inl != NULL) {
		pdf_runs_inlines(pc, &r, c->inl, &pc->st[st]);
		pdf_para(pc, &r, &p);
	} else if (c->text != NULL) {
		pdf_runs_add(pc, &r, c->text, &pc->st[st], c->node);
		pdf_para(pc, &r, &p);
	} else if (c->blocks != NULL) {
		pdf_blocks_until(pc, c->blocks, c->blocks_end);
	} else if (c->fn != NULL) {
		c->fn(pc, c->arg);
	}
	pdf_runs_free(&r);
}

/* Natural width (longest line unbroken) and the least it may have. */
static void
natural(struct pdf_ctx *pc, const struct pdf_cell *c, int32_t *nat,
    int32_t *min)
{
	const struct layout_style *st = &pc->st[cell_st(c)];
	struct buf b = {0};
	const char *s, *e;
	int32_t w, em = st->size;

	*nat = *min = 0;
	if (c->inl != NULL)
		pdf_plain(&b, c->inl);
	else if (c->text != NULL)
		buf_puts(&b, c->text);
	else {
		*nat = 40 * em;
		*min = 8 * em;
		return;
	}
	for (s = buf_str(&b); *s != '\0'; s = *e ? e + 1 : e) {
		char *line;

		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		line = xstrndup(s, (size_t)(e - s));
		w = layout_text_width(st, line);
		free(line);
		if (w > *nat)
			*nat = w;
	}
	*min = c->nowrap ? *nat : (*nat < 4 * em ? *nat : 4 * em);
	/* A head cell of a few characters keeps them on one line. */
	if (c->head && *nat <= 10 * em)
		*min = *nat;
	buf_free(&b);
}

static void
widths(struct pdf_ctx *pc, const struct pdf_table *t, int32_t *w)
{
	int n = t->ncols, c;
	int32_t *nat = xcalloc((size_t)n, sizeof(*nat));
	int32_t *mn = xcalloc((size_t)n, sizeof(*mn));
	int64_t snat = 0, smin = 0, avail = pdf_colw(pc), extra, room;
	size_t r;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < n; c++) {
			const struct pdf_cell *cl = &t->cells[r * (size_t)n + (size_t)c];
			int32_t a, b;

			if (cl->colspan != 1)
				continue;
			natural(pc, cl, &a, &b);
			if (a + 2 * PADX > nat[c])
				nat[c] = a + 2 * PADX;
			if (b + 2 * PADX > mn[c])
				mn[c] = b + 2 * PADX;
		}
	for (c = 0; c < n; c++) {
		if (t->minw != NULL && t->minw[c] > mn[c])
			mn[c] = t->minw[c];
		if (nat[c] < mn[c])
			nat[c] = mn[c];
		if (nat[c] < 2 * PADX + 2000)
			nat[c] = mn[c] = 2 * PADX + 2000;
		snat += nat[c];
		smin += mn[c];
	}
	if (snat <= avail) {
		/* Fill the column, giving the room in proportion. */
		extra = avail - snat;
		for (c = 0; c < n; c++)
			w[c] = nat[c] + (int32_t)(extra * nat[c] / snat);
	} else if (smin >= avail) {
		for (c = 0; c < n; c++)
			w[c] = (int32_t)(mn[c] * avail / smin);
	} else {
		room = avail - smin;
		for (c = 0; c < n; c++)
			w[c] = mn[c] + (int32_t)(room * (nat[c] - mn[c]) /
			    (snat - smin));
	}
	if (t->equal_last > 0 && t->equal_last <= n) {
		int64_t sum = 0;

		for (c = n - t->equal_last; c < n; c++)
			sum += w[c];
		for (c = n - t->equal_last; c < n; c++)
			w[c] = (int32_t)(sum / t->equal_last);
	}
	free(nat);
	free(mn);
}

struct geo {
	int32_t		*w;		/* column widths */
	int32_t		 x0;		/* left of the table */
	struct layout	 scratch;
};

static int32_t
cell_x(const struct geo *g, int col)
{
	int32_t x = g->x0;
	int i;

	for (i = 0; i < col; i++)
		x += g->w[i];
	return x;
}

static int32_t
span_w(const struct geo *g, int col, int span)
{
	int32_t w = 0;
	int i;

	for (i = col; i < col + span; i++)
		w += g->w[i];
	return w;
}

/* Sets insets for a cell at x of width w, relative to layout L. */
static void
insets(struct pdf_ctx *pc, const struct layout *L, int32_t x, int32_t w)
{
	pc->ileft = x - L->geom.left + PADX;
	pc->iright = L->geom.w - L->geom.right - (x + w) + PADX;
}

static int32_t
measure_row(struct pdf_ctx *pc, struct geo *g, const struct pdf_table *t,
    size_t r)
{
	struct layout *save = pc->L;
	int32_t il = pc->ileft, ir = pc->iright, h = 0, y0;
	int c;

	pc->L = &g->scratch;
	pc->measuring++;
	for (c = 0; c < t->ncols; c++) {
		const struct pdf_cell *cl = &t->cells[r * (size_t)t->ncols + (size_t)c];

		if (cl->colspan < 1)
			continue;
		insets(pc, pc->L, cell_x(g, c), span_w(g, c, cl->colspan));
		(void)layout_open_page(pc->L);
		y0 = pc->L->y = 1000;
		render(pc, cl);
		if (pc->L->y - y0 > h)
			h = pc->L->y - y0;
	}
	pc->measuring--;
	pc->L = save;
	pc->ileft = il;
	pc->iright = ir;
	return h + 2 * PADY;
}

static void
draw_row(struct pdf_ctx *pc, struct geo *g, const struct pdf_table *t,
    size_t r, int32_t h, int repeat)
{
	struct layout *L = pc->L;
	struct layout_page *pg = layout_open_page(L);
	int32_t il = pc->ileft, ir = pc->iright, top = L->y, x, w;
	int c;

	(void)repeat;
	layout_struct_begin(L, DEV_S_TR, &t->cells[r * (size_t)t->ncols]);
	for (c = 0; c < t->ncols; c++) {
		const struct pdf_cell *cl = &t->cells[r * (size_t)t->ncols + (size_t)c];

		if (cl->colspan < 1)
			continue;
		x = cell_x(g, c);
		w = span_w(g, c, cl->colspan);
		if (cl->head)
			layout_put_rect(L, pg, DEV_ART_LAYOUT, NULL, x, top, w,
			    h, 1, HEADFILL, 0, 0);
		else if (cl->fill)
			layout_put_rect(L, pg, DEV_ART_LAYOUT, NULL, x, top, w,
			    h, 1, cl->fill, 0, 0);
		if (cl->bar) {
			int32_t bx;

			layout_put_rect(L, pg, DEV_ART_LAYOUT, NULL, x + 1500,
			    top + 2000, w - 3000, h - 4000, 1, BARFILL, 700,
			    0x2E7D32);
			/* Hatching on the band's lower edge: the bar is not colour alone. */
			for (bx = x + 3000; bx + 2500 < x + w - 1500; bx += 5000)
				layout_put_rule(L, pg, DEV_ART_LAYOUT, NULL, bx,
				    top + h - 2000, bx + 2500, top + h - 4500,
				    500, 0x2E7D32);
		}
		layout_put_rect(L, pg, DEV_ART_LAYOUT, NULL, x, top, w, h, 0, 0,
		    500, BORDER);
	}
	for (c = 0; c < t->ncols; c++) {
		const struct pdf_cell *cl = &t->cells[r * (size_t)t->ncols + (size_t)c];

		if (cl->colspan < 1)
			continue;
		insets(pc, L, cell_x(g, c), span_w(g, c, cl->colspan));
		L->y = top + PADY;
		layout_struct_begin(L, cl->head ? DEV_S_TH : DEV_S_TD, cl->node);
		render(pc, cl);
		layout_struct_end(L, cl->head ? DEV_S_TH : DEV_S_TD, cl->node);
	}
	layout_struct_end(L, DEV_S_TR, &t->cells[r * (size_t)t->ncols]);
	pc->ileft = il;
	pc->iright = ir;
	if (L->npages > 0 && &L->pages[L->npages - 1] == pg)
		L->y = top + h;
}

/*
 * A row taller than a page: its cells one below the other across the
 * table's width, each under its column's header text, free to run over
 * pages.
 */
static void
split_row(struct pdf_ctx *pc, struct geo *g, const struct pdf_table *t,
    size_t r)
{
	int32_t il = pc->ileft, ir = pc->iright, tw = span_w(g, 0, t->ncols);
	int c;

	layout_struct_begin(pc->L, DEV_S_TR, &t->cells[r * (size_t)t->ncols]);
	for (c = 0; c < t->ncols; c++) {
		const struct pdf_cell *cl = &t->cells[r * (size_t)t->ncols + (size_t)c];
		const struct pdf_cell *h = t->nhead > 0 ? &t->cells[(size_t)c] : NULL;

		if (cl->colspan < 1)
			continue;
		insets(pc, pc->L, g->x0, tw);
		pc->ileft -= PADX;
		pc->iright -= PADX;
		if (h != NULL && h->text != NULL && h->colspan > 0)
			pdf_text_para(pc, h->text, ST_BOLD, DEV_S_P, h->node, 3000);
		pc->ileft += PADX;
		pc->iright += PADX;
		layout_struct_begin(pc->L, cl->head ? DEV_S_TH : DEV_S_TD, cl->node);
		render(pc, cl);
		layout_struct_end(pc->L, cl->head ? DEV_S_TH : DEV_S_TD, cl->node);
		layout_space(pc->L, 6000);
	}
	layout_struct_end(pc->L, DEV_S_TR, &t->cells[r * (size_t)t->ncols]);
	pc->ileft = il;
	pc->iright = ir;
}

static void
caption(struct pdf_ctx *pc, const char *text, int cont)
{
	const char *s = cont ? arena_printf(&pc->a, "%s（続き）",
	    text != NULL ? text : "") : text;
	struct layout_para p = pdf_para_defaults(pc, ST_SMALLB);
	struct pdf_runs r;

	if (s == NULL)
		return;
	memset(&r, 0, sizeof(r));
	pdf_runs_add(pc, &r, s, &pc->st[ST_SMALLB], NULL);
	p.align = cont && text == NULL ? LAYOUT_RIGHT : LAYOUT_LEFT;
	p.stype = DEV_S_CAPTION;
	p.space_after = 2000;
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
}

void
pdf_table_emit(struct pdf_ctx *pc, struct pdf_table *t)
{
	struct geo g;
	struct layout_geom sg;
	int32_t *hs, need, bottom, tall;
	size_t r, k;

	if (t->nrows == 0 || t->ncols == 0)
		return;
	if (pc->measuring) {	/* a table inside a cell: not supported, print nothing here */
		return;
	}
	memset(&g, 0, sizeof(g));
	g.w = xcalloc((size_t)t->ncols, sizeof(*g.w));
	widths(pc, t, g.w);
	g.x0 = pc->L->geom.left + pc->ileft;
	sg = pc->L->geom;
	sg.top = 0;
	sg.bottom = 0;
	sg.h = 1000000000;
	layout_init(&g.scratch, &sg, pc->L->fonts, pc->d);
	hs = xcalloc(t->nrows, sizeof(*hs));
	for (r = 0; r < t->nrows; r++)
		hs[r] = measure_row(pc, &g, t, r);
	/* The most a row may take: a page less the repeated header and caption. */
	tall = pc->L->geom.h - pc->L->geom.top - pc->L->geom.bottom - 60000;
	for (r = 0; r < (size_t)t->nhead && r < t->nrows; r++)
		tall -= hs[r];
	need = 0;
	for (r = 0; r < t->nrows && r < (size_t)t->nhead + 1; r++)
		if (hs[r] < tall)
			need += hs[r];
	(void)layout_need(pc->L, need + (t->caption ? 20000 : 0));
	layout_space(pc->L, 3000);
	layout_struct_begin(pc->L, DEV_S_TABLE, t->node);
	caption(pc, t->caption, 0);
	(void)layout_need(pc->L, need);
	for (r = 0; r < t->nrows; r++) {
		if (hs[r] > tall && r >= (size_t)t->nhead) {
			split_row(pc, &g, t, r);
			continue;
		}
		bottom = pdf_bottom(pc);
		if (pc->L->y + hs[r] > bottom && pc->L->y > pc->L->geom.top &&
		    r > 0 && r >= (size_t)t->nhead) {
			layout_page_break(pc->L);
			(void)layout_open_page(pc->L);
			caption(pc, t->caption, 1);
			if (r >= (size_t)t->nhead)
				for (k = 0; k < (size_t)t->nhead; k++)
					draw_row(pc, &g, t, k, hs[k], 1);
		}
		draw_row(pc, &g, t, r, hs[r], 0);
	}
	layout_struct_end(pc->L, DEV_S_TABLE, t->node);
	layout_space(pc->L, 8000);
	free(hs);
	free(g.w);
	layout_free(&g.scratch);
}

/* A value cell: numbers with units never wrap. */
static int
numeric(const char *s)
{
	if (s == NULL)
		return 0;
	return (*s >= '0' && *s <= '9') || strncmp(s, "−", 3) == 0 ||
	    (*s == '-' && s[1] >= '0' && s[1] <= '9');
}

void
pdf_md_table(struct pdf_ctx *pc, const struct table *tb)
{
	struct pdf_table t;
	struct pdf_cell *row;
	struct buf cap = {0}, pl = {0};
	int r, c, k;

	memset(&t, 0, sizeof(t));
	t.ncols = tb->ncols;
	t.nhead = tb->nhead;
	t.node = tb;
	if (tb->number != NULL)
		buf_printf(&cap, "%s　", tb->number);
	if (tb->caption != NULL)
		pdf_plain(&cap, tb->caption);
	t.caption = cap.len > 0 ? arena_strdup(&pc->a, buf_str(&cap)) : NULL;
	pdf_dest(pc, pdf_qualify(pc, tb->anchor));
	for (r = 0; r < tb->nrows; r++) {
		row = pdf_table_row(&t);
		for (c = 0; c < tb->ncols; c++) {
			const struct cell *cl = &tb->cells[r * tb->ncols + c];

			if (row[c].colspan == -1)
				continue;
			row[c].colspan = cl->colspan < 1 ? 1 : cl->colspan;
			if (c + row[c].colspan > tb->ncols)
				row[c].colspan = tb->ncols - c;
			for (k = 1; k < row[c].colspan; k++)
				row[c + k].colspan = -1;
			row[c].head = r < tb->nhead;
			row[c].node = cl;
			if (cl->merged)
				continue;
			row[c].inl = cl->inlines;
			buf_reset(&pl);
			pdf_plain(&pl, cl->inlines);
			row[c].nowrap = numeric(buf_str(&pl)) && pl.len < 24;
			row[c].align = tb->align[c] == ALIGN_RIGHT ? LAYOUT_RIGHT :
			    tb->align[c] == ALIGN_CENTER || row[c].head ?
			    LAYOUT_CENTER : LAYOUT_LEFT;
		}
		for (c = 0; c < tb->ncols; c++)
			if (row[c].colspan == -1)
				row[c].colspan = 0;
	}
	pdf_table_emit(pc, &t);
	pdf_table_free(&t);
	buf_free(&cap);
	buf_free(&pl);
}
