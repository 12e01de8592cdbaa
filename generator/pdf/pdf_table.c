/*
 * pdf_table.c: tables. Column widths come from the content by the
 * automatic table layout (each column's longest line and its widest
 * unbreakable piece; a number with its unit never wraps), the table
 * always fits the column, and a row that does not fit the page goes
 * to the next one after the header rows, repeated with 「（続き）」.
 *
 * A cell is measured by setting it in a scratch layout with a very tall
 * page (pc->measuring), then set for real inside the row.
 */
#include <stdlib.h>
#include <string.h>

#include "gentab.h"
#include "pdf/pdf_int.h"

#define PADX	5000		/* bullets and right-set numbers clear of the rules */
#define PADY	2500
#define BORDER	0x7F7F7F
#define HEADFILL 0xE4EFE4
#define BARFILL	0xDCEBDC
#define BARLINE	0x2E7D32
#define BARHATCH 0x7FB27F
#define BAR_TIP	6000		/* the arrow head of a schedule bar, mpt */
#define BAR_H	5000		/* a schedule bar's height: a strip above its label */
#define BAR_TOP	1000		/* above the bar, in its cell */
#define BAR_GAP	800		/* between the bar and its label */

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

/* A code point's advance as a cell sets it: format characters are not drawn. */
static int32_t
cp_width(void *ctx, uint32_t cp)
{
	const struct layout_style *st = ctx;
	int32_t w;

	if (cp == '\n' || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
	    cp == 0x2060 || cp == 0xFEFF)
		return 0;
	w = font_advance(st->font, cp, st->size);
	return w == FONT_MISSING ? st->size : w;
}

/* The lines s takes in width w, set as a cell sets it. */
static size_t
count_lines(struct linebreak *lb, const struct layout_style *st,
    const char *s, int32_t w)
{
	struct lb_opts o;

	linebreak_reset(lb);
	linebreak_add(lb, s, strlen(s), NULL, cp_width, (void *)st);
	memset(&o, 0, sizeof(o));
	o.width = w > 0 ? w : 1;
	return linebreak_compute(lb, &o);
}

/*
 * A header cell that wraps is set in the least width that gives it no
 * more lines (centred), so that its lines are even: 「前計画の／番号」,
 * not 「本計画の番／号」.
 */
static void
balance(struct pdf_ctx *pc, const struct layout_style *st, const char *s,
    struct layout_para *p)
{
	struct linebreak lb;
	int32_t aw = pdf_colw(pc) - p->left - p->right, lo, hi, mid, d;
	size_t n;

	if (s == NULL || *s == '\0' || aw <= 0)
		return;
	linebreak_init(&lb);
	n = count_lines(&lb, st, s, aw);
	if (n >= 2) {
		lo = aw / (int32_t)n;
		hi = aw;
		while (hi - lo > 100) {
			mid = lo + (hi - lo) / 2;
			if (count_lines(&lb, st, s, mid) > n)
				lo = mid;
			else
				hi = mid;
		}
		d = aw - hi;
		p->left += d / 2;
		p->right += d - d / 2;
	}
	linebreak_free(&lb);
}

static int
hiragana(uint32_t cp)
{
	return cp >= 0x3041 && cp <= 0x309F;
}

/*
 * A bar's label with its phrases glued (WORD JOINER, as names are), so
 * that it wraps only between them: after a run of hiragana that ends a
 * phrase (通知の｜デジタル化の｜検討, 一部手続で｜試行), after 、・ and a
 * space, before an opening bracket; never 「検／討」. A phrase longer than
 * the bar still breaks, as a last resort.
 */
static const char *
phrases(struct pdf_ctx *pc, const char *s)
{
	struct buf b = {0};
	size_t len = strlen(s), k, n;
	uint32_t cp, prev = 0;
	const char *r;

	for (k = 0; k < len; k += n) {
		n = utf8_decode(s + k, len - k, &cp);
		if (k > 0 && !(hiragana(prev) && !hiragana(cp) && cp != 0x30FC) &&
		    prev != 0x3001 && prev != 0x30FB && prev != ' ' &&
		    prev != 0x3000 && prev != '\n' && cp != '\n' &&
		    cp != 0xFF08 && cp != 0x300C && cp != 0x300E)
			buf_put_cp(&b, 0x2060);
		buf_put(&b, s + k, n);
		prev = cp;
	}
	r = arena_strdup(&pc->a, buf_str(&b));
	buf_free(&b);
	return r;
}

/* Sets the content of a cell at the cursor of pc->L between the insets. */
static void
render(struct pdf_ctx *pc, const struct pdf_cell *c)
{
	enum pdf_st st = cell_st(c);
	struct layout_para p = pdf_para_defaults(pc, st);
	struct pdf_runs r;
	const struct layout_style *sty = &pc->st[st];

	p.line_height = pc->st[st].size * 15 / 10;
	p.indent = 0;
	p.space_after = 0;
	p.align = c->align;
	p.stype = DEV_S_COUNT;	/* its text belongs to the TH or TD */
	p.node = c->node;
	memset(&r, 0, sizeof(r));
	if (c->link != NULL && pdf_dest_known(pc, c->link))
		sty = pdf_linked(pc, sty, c->link, NULL);
	if (c->fn != NULL) {	/* its text, if any, was for measuring */
		c->fn(pc, c->arg);
	} else if (c->inl != NULL) {
		if (c->head && c->align == LAYOUT_CENTER) {
			struct buf b = {0};

			pdf_plain(&b, c->inl);
			balance(pc, sty, buf_str(&b), &p);
			buf_free(&b);
		}
		pdf_runs_inlines(pc, &r, c->inl, sty);
		pdf_para(pc, &r, &p);
	} else if (c->text != NULL) {
		if (c->head && c->align == LAYOUT_CENTER && !c->bar)
			balance(pc, sty, c->text, &p);
		pdf_runs_add(pc, &r, c->phrase ? phrases(pc, c->text) : c->text,
		    sty, c->node);
		pdf_para(pc, &r, &p);
	} else if (c->blocks != NULL) {
		pc->L->box_top = 1;	/* the first block's space before is dropped */
		pc->in_cell++;
		pdf_blocks_until(pc, c->blocks, c->blocks_end);
		pc->in_cell--;
		pc->L->box_top = 0;
	}
	pdf_runs_free(&r);
}

/*
 * The widest piece of s that no line break may divide (CSS's min-content):
 * a number with its unit, a date, a Latin word, an id like 1-1-(1), a
 * name glued by WORD JOINERs, between the breaks the line breaker
 * permits (its 禁則 included); spaces at a piece's end are not counted.
 */
static int32_t
widest_piece(struct linebreak *lb, const struct layout_style *st,
    const char *s)
{
	struct lb_opts o;
	int32_t w = 0, sp = 0, best = 0;
	size_t i;

	linebreak_reset(lb);
	linebreak_add(lb, s, strlen(s), NULL, cp_width, (void *)st);
	memset(&o, 0, sizeof(o));
	o.width = 1000000000;
	(void)linebreak_compute(lb, &o);
	for (i = 0; i < lb->n; i++) {
		uint32_t cp = lb->c[i].cp;

		if (linebreak_allowed(lb, i) || (i > 0 && lb->c[i - 1].cp == '\n'))
			w = sp = 0;
		if (cp == ' ' || cp == 0x3000 || cp == '\n') {
			sp += lb->c[i].width;
			continue;
		}
		w += sp + lb->c[i].width;
		sp = 0;
		if (w > best)
			best = w;
	}
	return best;
}

/* A cell's widths: its longest line unbroken (max), the least it may have (min). */
struct cellw {
	int32_t		 max;
	int32_t		 min;
};

/* The lines of a table's text cells, to estimate its height at given widths. */
struct est_line {
	size_t		 row;
	int		 col;
	int		 span;		/* the rows the cell covers */
	int		 first;		/* the first line of its cell */
	int32_t		 w;		/* the line's width unbroken */
};
struct est {
	struct est_line	*v;
	size_t		 n, cap;
};

static struct cellw
cell_widths(struct pdf_ctx *pc, struct linebreak *lb, const struct pdf_cell *c,
    struct est *lines, size_t row, int col)
{
	int first = 1;

	const struct layout_style *st = &pc->st[cell_st(c)];
	struct cellw r = {0, 0};
	struct buf b = {0};
	const char *s, *e;
	int32_t w, em = st->size;

	if (c->inl != NULL)
		pdf_plain(&b, c->inl);
	else if (c->text != NULL)
		buf_puts(&b, c->text);
	else if (c->blocks == NULL && c->fn == NULL)
		return r;	/* empty (a year without a target): no width of its own */
	else {
		r.max = 40 * em;
		r.min = 8 * em;
		return r;
	}
	for (s = buf_str(&b); *s != '\0'; s = *e ? e + 1 : e) {
		char *line;

		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		line = xstrndup(s, (size_t)(e - s));
		w = layout_text_width(st, line);
		free(line);
		if (w > r.max)
			r.max = w;
		lines->v = xgrow(lines->v, &lines->cap, lines->n + 1,
		    sizeof(*lines->v));
		lines->v[lines->n].row = row;
		lines->v[lines->n].col = col;
		lines->v[lines->n].span = c->rowspan > 1 ? c->rowspan : 1;
		lines->v[lines->n].first = first;
		lines->v[lines->n++].w = w;
		first = 0;
	}
	if (c->nowrap) {
		r.min = r.max;
	} else {
		/*
		 * The widest unbreakable piece, up to 12 em (a URL may
		 * break); a Japanese text, breakable after any character,
		 * keeps 4 em so as not to read one word a line.
		 */
		r.min = widest_piece(lb, st, c->phrase ? phrases(pc, buf_str(&b)) :
		    buf_str(&b));
		if (r.min > 12 * em)
			r.min = 12 * em;
		if (r.min < 4 * em)
			r.min = r.max < 4 * em ? r.max : 4 * em;
	}
	buf_free(&b);
	return r;
}

/*
 * The estimated height of the table, in lines: per row the most lines a
 * cell starting in it takes at widths w (a cell over k rows shares its
 * lines among them), each line of its text ceil(width / room) lines;
 * then, to tell equal heights apart, the lines of all the cells (a cell
 * over rows wrapped in its room: 「効率的な行政運／営」).
 */
static int64_t
est_height(const struct est *e, const int32_t *w, size_t nrows, int *need)
{
	size_t i, r;
	int64_t h = 0, all = 0;
	int lines = 0, per;
	int32_t room;

	memset(need, 0, nrows * sizeof(*need));
	for (i = 0; i < e->n; i++) {
		const struct est_line *l = &e->v[i];

		room = w[l->col] - 2 * PADX;
		lines = (l->first ? 0 : lines) + (room <= 0 ? 99 : l->w <= room ? 1 :
		    (int)((l->w + room - 1) / room));
		if (i + 1 < e->n && !e->v[i + 1].first)
			continue;	/* the cell goes on */
		all += lines;
		per = (lines + l->span - 1) / l->span;
		if (per > need[l->row])
			need[l->row] = per;
	}
	for (r = 0; r < nrows; r++)
		h += need[r];
	return h * 1000000 + all;
}

/*
 * Width moved between the columns that wrap while it makes the table
 * shorter: column i takes from column j the least that saves one of its
 * cells a line, if j keeps its min and the table is then shorter, or
 * as tall with fewer lines in its cells. Estimated with the lines'
 * widths, never more than 64 moves.
 */
static void
improve(const struct pdf_table *t, const struct est *e, int32_t *w,
    const int32_t *mn, const int *set)
{
	int n = t->ncols, i, j, bi = -1, bj = -1, it, c, *need;
	int64_t best, h;
	int32_t d, bd = 0, room, k;
	size_t x;
	int lastfree = t->equal_last > 0 && t->equal_last <= n ?
	    n - t->equal_last : n;

	if (e->n == 0)
		return;
	need = xcalloc(t->nrows, sizeof(*need));
	best = est_height(e, w, t->nrows, need);
	for (it = 0; it < 64; it++) {
		bi = -1;
		for (i = 0; i < lastfree; i++) {
			if (set[i])
				continue;
			/* the least widening that takes a line off one of its cells */
			room = w[i] - 2 * PADX;
			for (d = 0, x = 0; x < e->n; x++) {
				int32_t need1, dd;

				if (e->v[x].col != i || room <= 0 || e->v[x].w <= room)
					continue;
				k = (e->v[x].w + room - 1) / room;	/* lines now, >= 2 */
				need1 = (e->v[x].w + k - 2) / (k - 1) + 2 * PADX;
				dd = need1 - w[i];
				if (dd > 0 && (d == 0 || dd < d))
					d = dd;
			}
			if (d == 0)
				continue;
			for (j = 0; j < lastfree; j++) {
				if (j == i || set[j] || w[j] - d < mn[j])
					continue;
				w[i] += d;
				w[j] -= d;
				h = est_height(e, w, t->nrows, need);
				w[i] -= d;
				w[j] += d;
				if (h < best || (h == best && bi >= 0 && d < bd)) {
					if (h == best && bi < 0)
						continue;
					best = h;
					bi = i;
					bj = j;
					bd = d;
				}
			}
		}
		if (bi < 0)
			break;
		w[bi] += bd;
		w[bj] -= bd;
	}
	(void)c;
	free(need);
}

/*
 * The column widths: the automatic table layout of CSS 2.1 (17.5.2.2)
 * with the columns' min and max as cell_widths() gives them (padding
 * included). If every column's max fits, each gets it and the rest of
 * the column is shared in proportion to the max. Else the short columns
 * are set first, unwrapped: in order of their max, a column whose max
 * is no more than an equal share of the room the columns not yet set
 * have gets its max (a number, 対応 「継続（名称変更）」, a 番号 column:
 * the proportional share wrapped them while long text had slack, as a
 * long text wraps anyway); a header counts here for its min only, so a
 * header wider than its data (前計画の番号) wraps instead of widening
 * the column. The other columns get their min and share what is left
 * in proportion to their text beyond it (the sum over the body cells of
 * max - min) rather than CSS's (max - min) of the column: one long 備考
 * took the room its few rows needed from names that wrap on every row
 * (the sample's tables 6397 -> 6262 pt of rows, cells wrapped 184 -> 181).
 */
static void
widths(struct pdf_ctx *pc, const struct pdf_table *t, int32_t *w)
{
	int n = t->ncols, c, k, left;
	int32_t *mx = xcalloc((size_t)n, sizeof(*mx));
	int32_t *mn = xcalloc((size_t)n, sizeof(*mn));
	int32_t *dmx = xcalloc((size_t)n, sizeof(*dmx));
	int64_t *area = xcalloc((size_t)n, sizeof(*area));
	int *set = xcalloc((size_t)n, sizeof(*set));
	int64_t smax = 0, smin = 0, avail = pdf_colw(pc), room, sd;
	struct linebreak lb;
	struct est est = {NULL, 0, 0};
	size_t r;

	linebreak_init(&lb);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < n; c++) {
			const struct pdf_cell *cl = &t->cells[r * (size_t)n + (size_t)c];
			struct cellw cw;

			if (cl->colspan != 1)
				continue;
			cw = cell_widths(pc, &lb, cl, &est, r, c);
			cw.max += 2 * PADX;
			cw.min += 2 * PADX;
			if (cw.max > mx[c])
				mx[c] = cw.max;
			if (cw.min > mn[c])
				mn[c] = cw.min;
			if ((r < (size_t)t->nhead ? cw.min : cw.max) > dmx[c])
				dmx[c] = r < (size_t)t->nhead ? cw.min : cw.max;
			if (r >= (size_t)t->nhead)
				area[c] += cw.max - cw.min;
		}
	linebreak_free(&lb);
	/*
	 * Columns of equal width (years) all get what the widest of them
	 * needs before the room is shared out: evening them out afterwards
	 * took room from the one whose values needed it (320件（1,290人）
	 * wrapped in R12 while the 指標名 column had room to spare).
	 */
	if (t->equal_last > 1 && t->equal_last <= n) {
		int32_t a = 0, b = 0, d = 0;

		for (c = n - t->equal_last; c < n; c++) {
			a = mx[c] > a ? mx[c] : a;
			b = mn[c] > b ? mn[c] : b;
			d = dmx[c] > d ? dmx[c] : d;
		}
		for (c = n - t->equal_last; c < n; c++) {
			mx[c] = a;
			mn[c] = b;
			dmx[c] = d;
		}
	}
	for (c = 0; c < n; c++) {
		if (t->minw != NULL && t->minw[c] > mn[c])
			mn[c] = t->minw[c];
		if (mx[c] < mn[c])
			mx[c] = mn[c];
		if (mx[c] < 2 * PADX + 2000)
			mx[c] = mn[c] = 2 * PADX + 2000;
		if (dmx[c] < mn[c])
			dmx[c] = mn[c];
		if (dmx[c] > mx[c])
			dmx[c] = mx[c];
		smax += mx[c];
		smin += mn[c];
	}
	if (smax <= avail) {
		/* Fill the column, giving the room in proportion. */
		for (c = 0; c < n; c++)
			w[c] = mx[c] + (int32_t)((avail - smax) * mx[c] / smax);
	} else if (smin >= avail) {
		for (c = 0; c < n; c++)
			w[c] = (int32_t)(mn[c] * avail / smin);
	} else {
		/* The short columns first, narrowest first, while one fits an equal share. */
		room = avail;
		left = n;
		for (;;) {
			for (k = -1, c = 0; c < n; c++)
				if (!set[c] && (k < 0 || dmx[c] < dmx[k]))
					k = c;
			for (smin = 0, c = 0; c < n; c++)
				if (!set[c] && c != k)
					smin += mn[c];
			/* and the others keep their min */
			if (k < 0 || dmx[k] * (int64_t)left > room ||
			    room - dmx[k] < smin)
				break;
			set[k] = 1;
			w[k] = dmx[k];
			room -= dmx[k];
			left--;
		}
		if (left == 0) {	/* headers wrapped, and room to spare */
			for (sd = 0, c = 0; c < n; c++)
				sd += w[c];
			for (c = 0; c < n; c++)
				w[c] += (int32_t)(room * w[c] / sd);
		}
		/* The others: their min, and the rest in proportion to their text. */
		for (smin = sd = 0, c = 0; c < n; c++)
			if (!set[c]) {
				smin += mn[c];
				sd += area[c];
			}
		for (c = 0; c < n; c++)
			if (!set[c])
				w[c] = mn[c] + (int32_t)(sd > 0 ? (room - smin) *
				    area[c] / sd : (room - smin) / left);
	}
	if (smax > avail && smin < avail)
		improve(t, &est, w, mn, set);
	free(est.v);
	if (t->equal_last > 0 && t->equal_last <= n) {
		int64_t sum = 0;

		for (c = n - t->equal_last; c < n; c++)
			sum += w[c];
		for (c = n - t->equal_last; c < n; c++)
			w[c] = (int32_t)(sum / t->equal_last);
	}
	free(mx);
	free(mn);
	free(dmx);
	free(area);
	free(set);
}

struct geo {
	int			 tid;		/* the table's number, in the ids of its header cells */
	int			 complex;	/* headers beyond one row of column headers: /Headers on its cells */
	int32_t		*w;		/* column widths */
	int32_t		 x0;		/* left of the table */
	struct layout	 scratch;
	int32_t		*hs;		/* row heights */
	int32_t		*need;		/* per slot: the height a row-spanning cell needs */
	size_t		*origin;	/* per slot: the slot whose row span covers it, or SIZE_MAX */
	/*
	 * The structure nodes of the rows (TR r is &keys[r]), THead
	 * (&keys[nrows]) and TBody (&keys[nrows + 1]): in the pass's arena,
	 * so that no two tables share one while the pages wait to be
	 * emitted (the cells array and the table struct are freed or
	 * reused by then, and node numbers followed the allocator).
	 */
	char		*keys;
};

static int
is_th(const struct pdf_cell *c)
{
	return c->head || c->rowhead;
}

/*
 * The slot of the cell drawn over slot (r, c): itself, the cell whose
 * row span covers it, or the cell to its left whose column span does;
 * SIZE_MAX if none.
 */
static size_t
owner(const struct pdf_table *t, const size_t *origin, size_t r, int c)
{
	size_t slot = r * (size_t)t->ncols + (size_t)c, s;
	int cc;

	if (t->cells[slot].colspan >= 1)
		return slot;
	if (origin[slot] != SIZE_MAX)
		return origin[slot];
	for (cc = c - 1; cc >= 0; cc--) {
		s = r * (size_t)t->ncols + (size_t)cc;
		if (t->cells[s].colspan >= 1)
			return cc + t->cells[s].colspan > c ? s : SIZE_MAX;
	}
	return SIZE_MAX;
}

static void
add_id(struct pdf_ctx *pc, struct buf *b, int tid, const struct pdf_table *t,
    size_t slot)
{
	const char *id = arena_printf(&pc->a, "t%d.%zu.%zu", tid,
	    slot / (size_t)t->ncols, slot % (size_t)t->ncols);
	const char *p = strstr(buf_str(b), id);
	size_t n = strlen(id);

	while (p != NULL && p[n] != ' ' && p[n] != '\0')	/* t1.0.1 inside t1.0.12 */
		p = strstr(p + 1, id);
	if (p == NULL)
		buf_printf(b, "%s%s", b->len ? " " : "", id);
}

/*
 * A header or data cell's table attributes (PDF/UA-1 §7.5): /Scope on
 * every TH (Column in the header rows, Row in the body), its spans, and
 * in a table whose cells have more than their column's header (row
 * headers, group rows, merged cells: schedules and indicators) an /ID on
 * every TH and on every cell /Headers naming all of its headers: those
 * of its columns, those to its left in its row, and the group row above.
 */
static void
cell_tags(struct pdf_ctx *pc, const struct geo *g, const struct pdf_table *t,
    size_t r, int c, const struct pdf_cell *cl)
{
	struct layout *L = pc->L;
	struct buf h = {0};
	size_t hr, rr, o, slot = r * (size_t)t->ncols + (size_t)c;
	int cc;

	if (is_th(cl))
		layout_struct_attr(L, DEV_A_SCOPE, r < (size_t)t->nhead ? "Column" :
		    "Row");
	if (cl->colspan > 1)
		layout_struct_attr(L, DEV_A_COLSPAN, arena_printf(&pc->a, "%d",
		    cl->colspan));
	if (cl->rowspan > 1)
		layout_struct_attr(L, DEV_A_ROWSPAN, arena_printf(&pc->a, "%d",
		    cl->rowspan));
	if (cl->expansion != NULL)
		layout_struct_attr(L, DEV_A_E, cl->expansion);
	if (!g->complex)
		return;
	if (is_th(cl))
		layout_struct_attr(L, DEV_A_ID, arena_printf(&pc->a, "t%d.%zu.%d",
		    g->tid, r, c));
	for (hr = 0; hr < (size_t)t->nhead && hr < r; hr++)
		for (cc = c; cc < c + cl->colspan && cc < t->ncols; cc++)
			if ((o = owner(t, g->origin, hr, cc)) != SIZE_MAX &&
			    is_th(&t->cells[o]))
				add_id(pc, &h, g->tid, t, o);
	if (r >= (size_t)t->nhead) {
		for (cc = 0; cc < c; cc++)
			if ((o = owner(t, g->origin, r, cc)) != SIZE_MAX &&
			    o != slot && is_th(&t->cells[o]))
				add_id(pc, &h, g->tid, t, o);
		/* The group row above: one header cell across the table. */
		for (rr = r; rr-- > (size_t)t->nhead;) {
			o = rr * (size_t)t->ncols;
			if (t->cells[o].colspan == t->ncols && t->cells[o].head) {
				if (!(cl->head && cl->colspan == t->ncols))
					add_id(pc, &h, g->tid, t, o);
				break;
			}
		}
	}
	if (h.len > 0)
		layout_struct_attr(L, DEV_A_HEADERS, buf_str(&h));
	buf_free(&h);
}

/* Headers beyond one row of column headers: row headers, spans, group rows. */
static int
complex_table(const struct pdf_table *t)
{
	size_t r;
	int c;

	if (t->nhead > 1)
		return 1;
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const struct pdf_cell *cl = &t->cells[r * (size_t)t->ncols +
			    (size_t)c];

			if (cl->rowspan > 1 || (r >= (size_t)t->nhead &&
			    cl->colspan >= 1 && (is_th(cl) || cl->colspan > 1)))
				return 1;
		}
	return 0;
}

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

static int
rows_of(const struct pdf_cell *c)
{
	return c->rowspan > 1 ? c->rowspan : 1;
}

/* Sets insets for a cell at x of width w, relative to layout L. */
static void
insets(struct pdf_ctx *pc, const struct layout *L, int32_t x, int32_t w)
{
	pc->ileft = x - L->geom.left + PADX;
	pc->iright = L->geom.w - L->geom.right - (x + w) + PADX;
}

/*
 * The height of row r: its tallest cell of one row. A cell spanning rows
 * is measured too, its need kept in g->need for pdf_table_emit to share
 * out over its rows.
 */
static int32_t
measure_row(struct pdf_ctx *pc, struct geo *g, const struct pdf_table *t,
    size_t r)
{
	struct layout *save = pc->L;
	int32_t il = pc->ileft, ir = pc->iright, h = 0, y0, ch;
	size_t slot;
	int c;

	pc->L = &g->scratch;
	pc->measuring++;
	for (c = 0; c < t->ncols; c++) {
		slot = r * (size_t)t->ncols + (size_t)c;
		const struct pdf_cell *cl = &t->cells[slot];

		if (cl->colspan < 1)
			continue;
		insets(pc, pc->L, cell_x(g, c), span_w(g, c, cl->colspan));
		(void)layout_open_page(pc->L);
		y0 = pc->L->y = 1000;
		render(pc, cl);
		ch = pc->L->y - y0;
		if (cl->bar)	/* the bar above its label */
			ch += BAR_TOP + BAR_H + BAR_GAP - PADY;
		if (rows_of(cl) > 1)
			g->need[slot] = ch + 2 * PADY;
		else if (ch > h)
			h = ch;
	}
	pc->measuring--;
	pc->L = save;
	pc->ileft = il;
	pc->iright = ir;
	return h + 2 * PADY;
}

/*
 * The height of a cell of k rows from row r, as far as those rows go on
 * this page (the rows below go with the next page, where the cell is
 * drawn again).
 */
static int32_t
span_h(struct pdf_ctx *pc, const struct geo *g, const struct pdf_table *t,
    size_t r, int k, int32_t top)
{
	int32_t h = 0, bottom = pdf_bottom(pc);
	size_t i;

	for (i = r; i < r + (size_t)k && i < t->nrows; i++) {
		if (i > r && top + h + g->hs[i] > bottom)
			break;
		h += g->hs[i];
	}
	return h;
}

/*
 * A schedule bar: an arrow to the right across its years, filled, hatched
 * and outlined, so that it is told apart by its shape and pattern as well
 * as its colour; a strip at the top of its cell, its label set below it
 * on the cell's white ground (the hatching under the text made it hard
 * to read).
 */
static void
bar_shape(struct pdf_ctx *pc, struct layout_page *pg, const struct pdf_cell *cl,
    int32_t x, int32_t y, int32_t w, int32_t h)
{
	struct dev_seg sg[6];
	struct dev_paint pa;
	int32_t tip = h / 2 < BAR_TIP ? h / 2 : BAR_TIP;

	if (tip > w / 3)
		tip = w / 3;
	memset(sg, 0, sizeof(sg));
	memset(&pa, 0, sizeof(pa));
	sg[0].op = DEV_MOVE;
	sg[0].x[0] = x;
	sg[0].y[0] = y;
	sg[1].op = DEV_LINE;
	sg[1].x[0] = x + w - tip;
	sg[1].y[0] = y;
	sg[2].op = DEV_LINE;
	sg[2].x[0] = x + w;
	sg[2].y[0] = y + h / 2;
	sg[3].op = DEV_LINE;
	sg[3].x[0] = x + w - tip;
	sg[3].y[0] = y + h;
	sg[4].op = DEV_LINE;
	sg[4].x[0] = x;
	sg[4].y[0] = y + h;
	sg[5].op = DEV_CLOSE;
	pa.fill = 1;
	pa.fill_rgb = BARFILL;
	pa.line_width = 700;
	pa.line_rgb = BARLINE;
	pa.hatch = cl->hatch != DEV_HATCH_NONE ? cl->hatch : DEV_HATCH_DIAG;
	pa.hatch_rgb = BARHATCH;
	pa.hatch_gap = 3500;
	pa.hatch_width = 400;
	layout_put_path(pc->L, pg, DEV_ART_LAYOUT, NULL, sg, KK_ARRAY_LEN(sg),
	    &pa);
}

/* The background, the bar and the border of cell cl drawn at x, top, w × h. */
static void
cell_frame(struct pdf_ctx *pc, struct layout_page *pg,
    const struct pdf_cell *cl, int32_t x, int32_t top, int32_t w, int32_t h)
{
	struct layout *L = pc->L;

	if (cl->head)
		layout_put_rect(L, pg, DEV_ART_LAYOUT, NULL, x, top, w, h, 1,
		    HEADFILL, 0, 0);
	else if (cl->fill)
		layout_put_rect(L, pg, DEV_ART_LAYOUT, NULL, x, top, w, h, 1,
		    cl->fill, 0, 0);
	if (cl->bar)
		bar_shape(pc, pg, cl, x + 1500, top + BAR_TOP, w - 3000, BAR_H);
	layout_put_rect(L, pg, DEV_ART_LAYOUT, NULL, x, top, w, h, 0, 0, 500,
	    BORDER);
}

/*
 * Draws row r at the cursor. A cell spanning rows is drawn with its first
 * row, as tall as its rows on this page; at the top of a continuation
 * page (cont) a span begun on the page before is drawn again over its
 * remaining rows, so that no merged cell is left empty.
 */
static void
draw_row(struct pdf_ctx *pc, struct geo *g, const struct pdf_table *t,
    size_t r, int cont)
{
	struct layout *L = pc->L;
	struct layout_page *pg = layout_open_page(L);
	int32_t il = pc->ileft, ir = pc->iright, top = L->y, x, w, h;
	size_t slot, o;
	const struct pdf_cell *cl;
	int c, pass, k, again;
	enum dev_role art = L->artifact;

	layout_struct_begin(L, DEV_S_TR, &g->keys[r]);
	pc->fn_hold++;	/* a note goes below the whole row, not below one cell */
	for (pass = 0; pass < 2; pass++)	/* frames first, then text over them */
		for (c = 0; c < t->ncols; c++) {
			slot = r * (size_t)t->ncols + (size_t)c;
			cl = &t->cells[slot];
			k = rows_of(cl);
			again = 0;
			if (cl->colspan < 1) {
				o = g->origin[slot];
				if (!cont || o == SIZE_MAX ||
				    o % (size_t)t->ncols != (size_t)c)
					continue;
				cl = &t->cells[o];
				k = (int)(o / (size_t)t->ncols + (size_t)rows_of(cl) - r);
				again = 1;
			}
			x = cell_x(g, c);
			w = span_w(g, c, cl->colspan);
			h = k > 1 ? span_h(pc, g, t, r, k, top) : g->hs[r];
			if (pass == 0) {
				cell_frame(pc, pg, cl, x, top, w, h);
				continue;
			}
			insets(pc, L, x, w);
			L->y = top + (cl->bar ? BAR_TOP + BAR_H + BAR_GAP : PADY);
			/* A span drawn again on its next page: tagged where it began. */
			if (again)
				L->artifact = DEV_ART_REPEAT;
			layout_struct_begin(L, is_th(cl) ? DEV_S_TH : DEV_S_TD,
			    cl->node);
			cell_tags(pc, g, t, r, c, cl);
			render(pc, cl);
			layout_struct_end(L, is_th(cl) ? DEV_S_TH : DEV_S_TD,
			    cl->node);
			L->artifact = art;
		}
	layout_struct_end(L, DEV_S_TR, &g->keys[r]);
	pc->ileft = il;
	pc->iright = ir;
	if (L->npages > 0 && &L->pages[L->npages - 1] == pg)
		L->y = top + g->hs[r];
	if (--pc->fn_hold == 0 && pc->nfnq > 0) {
		if (L == &pc->main && !pc->measuring)
			pdf_fn_place(pc);
		pc->nfnq = 0;
	}
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

	layout_struct_begin(pc->L, DEV_S_TR, &g->keys[r]);
	for (c = 0; c < t->ncols; c++) {
		const struct pdf_cell *cl = &t->cells[r * (size_t)t->ncols + (size_t)c];
		const struct pdf_cell *h = t->nhead > 0 ? &t->cells[(size_t)c] : NULL;

		if (cl->colspan < 1)
			continue;
		insets(pc, pc->L, g->x0, tw);
		pc->ileft -= PADX;
		pc->iright -= PADX;
		if (h != NULL && h->text != NULL && h->colspan > 0) {
			/* The column's header repeated over the cell: an artifact. */
			enum dev_role art = pc->L->artifact;

			pc->L->artifact = DEV_ART_REPEAT;
			pdf_text_para(pc, h->text, ST_BOLD, DEV_S_P, h->node, 3000);
			pc->L->artifact = art;
		}
		pc->ileft += PADX;
		pc->iright += PADX;
		layout_struct_begin(pc->L, is_th(cl) ? DEV_S_TH : DEV_S_TD, cl->node);
		cell_tags(pc, g, t, r, c, cl);
		render(pc, cl);
		layout_struct_end(pc->L, is_th(cl) ? DEV_S_TH : DEV_S_TD, cl->node);
		layout_space(pc->L, 6000);
	}
	layout_struct_end(pc->L, DEV_S_TR, &g->keys[r]);
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

/*
 * Row spans: every covered slot learns its origin, spans are cut at the
 * table's end, and a spanning cell taller than its rows makes its last
 * row taller.
 */
static void
spans(struct pdf_table *t, struct geo *g)
{
	size_t r, i, slot, n = t->nrows * (size_t)t->ncols;
	int c, k, cc;
	struct pdf_cell *cl;

	for (slot = 0; slot < n; slot++)
		g->origin[slot] = SIZE_MAX;
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			slot = r * (size_t)t->ncols + (size_t)c;
			cl = &t->cells[slot];
			if (cl->colspan < 1 || rows_of(cl) == 1)
				continue;
			if (r + (size_t)cl->rowspan > t->nrows)
				cl->rowspan = (int)(t->nrows - r);
			/* a span stays inside the header or inside the body */
			if (r < (size_t)t->nhead && r + (size_t)cl->rowspan >
			    (size_t)t->nhead)
				cl->rowspan = t->nhead - (int)r;
			k = rows_of(cl);
			for (i = r + 1; i < r + (size_t)k; i++)
				for (cc = c; cc < c + cl->colspan && cc < t->ncols; cc++)
					g->origin[i * (size_t)t->ncols + (size_t)cc] = slot;
		}
}

static void
share_need(const struct pdf_table *t, struct geo *g)
{
	size_t r, i, slot;
	int c, k;
	int32_t sum;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			slot = r * (size_t)t->ncols + (size_t)c;
			k = rows_of(&t->cells[slot]);
			if (t->cells[slot].colspan < 1 || k == 1)
				continue;
			for (sum = 0, i = r; i < r + (size_t)k; i++)
				sum += g->hs[i];
			if (g->need[slot] > sum)
				g->hs[r + (size_t)k - 1] += g->need[slot] - sum;
		}
}

/* The last row tied to row r by row spans (r itself if none). */
static size_t
block_end(const struct pdf_table *t, size_t r)
{
	size_t end = r, i, e;
	int c;

	for (i = r; i <= end && i < t->nrows; i++)
		for (c = 0; c < t->ncols; c++) {
			const struct pdf_cell *cl = &t->cells[i * (size_t)t->ncols +
			    (size_t)c];

			if (cl->colspan < 1)
				continue;
			e = i + (size_t)rows_of(cl) - 1;
			if (e > end)
				end = e;
		}
	return end < t->nrows ? end : t->nrows - 1;
}

/* A group row: one cell across the table (基本取組 in a list), a heading of the rows below. */
static int
group_row(const struct pdf_table *t, size_t r)
{
	return r >= (size_t)t->nhead && t->ncols > 1 &&
	    t->cells[r * (size_t)t->ncols].colspan == t->ncols;
}

/* The last row that goes with row r: tied by row spans, and below group rows. */
static size_t
keep_end(const struct pdf_table *t, size_t r)
{
	size_t e = block_end(t, r);

	while (group_row(t, e) && e + 1 < t->nrows)
		e = block_end(t, e + 1);
	return e;
}

void
pdf_table_emit(struct pdf_ctx *pc, struct pdf_table *t)
{
	struct geo g;
	struct layout_geom sg;
	int32_t need, bottom, tall, blk;
	size_t r, k, e, nbody, onpage = 0, nslots = t->nrows * (size_t)t->ncols;
	int cont;

	if (t->nrows == 0 || t->ncols == 0)
		return;
	if (pc->measuring) {	/* a table inside a cell: not supported, print nothing here */
		return;
	}
	memset(&g, 0, sizeof(g));
	g.w = xcalloc((size_t)t->ncols, sizeof(*g.w));
	g.need = xcalloc(nslots, sizeof(*g.need));
	g.origin = xcalloc(nslots, sizeof(*g.origin));
	g.keys = arena_alloc(&pc->a, t->nrows + 2);
	spans(t, &g);
	g.tid = ++pc->tables;
	g.complex = complex_table(t);
	widths(pc, t, g.w);
	g.x0 = pc->L->geom.left + pc->ileft;
	sg = pc->L->geom;
	sg.top = 0;
	sg.bottom = 0;
	sg.h = 1000000000;
	layout_init(&g.scratch, &sg, pc->L->fonts, pc->d);
	g.hs = xcalloc(t->nrows, sizeof(*g.hs));
	for (r = 0; r < t->nrows; r++)
		g.hs[r] = measure_row(pc, &g, t, r);
	share_need(t, &g);
	/* The most a row may take: a page less the repeated header and caption. */
	tall = pc->L->geom.h - pc->L->geom.top - pc->L->geom.bottom - 60000;
	for (r = 0; r < (size_t)t->nhead && r < t->nrows; r++)
		tall -= g.hs[r];
	/*
	 * Room for the header and the first rows: two body rows (three of
	 * three), and what goes with them, so that no row is left alone
	 * below the header at the foot of a page.
	 */
	nbody = t->nrows > (size_t)t->nhead ? t->nrows - (size_t)t->nhead : 0;
	e = (size_t)t->nhead + (nbody == 3 ? 3 : nbody < 2 ? nbody : 2);
	if (nbody > 0 && keep_end(t, (size_t)t->nhead) + 1 > e)
		e = keep_end(t, (size_t)t->nhead) + 1;
	need = 0;
	for (r = 0; r < t->nrows && r < e; r++)
		if (need + g.hs[r] < tall)
			need += g.hs[r];
	(void)layout_need(pc->L, need + (t->caption ? 20000 : 0));
	layout_space(pc->L, 3000);
	layout_struct_begin(pc->L, DEV_S_TABLE, t->node);
	caption(pc, t->caption, 0);
	(void)layout_need(pc->L, need);
	for (r = 0; r < t->nrows; r++) {
		/* THead and TBody around the header and body rows (PDF/UA-1 §7.5). */
		if (r == 0 && t->nhead > 0)
			layout_struct_begin(pc->L, DEV_S_THEAD, &g.keys[t->nrows]);
		if (r == (size_t)t->nhead) {
			if (t->nhead > 0)
				layout_struct_end(pc->L, DEV_S_THEAD, &g.keys[t->nrows]);
			layout_struct_begin(pc->L, DEV_S_TBODY, &g.keys[t->nrows + 1]);
		}
		if (g.hs[r] > tall && r >= (size_t)t->nhead) {
			split_row(pc, &g, t, r);
			continue;
		}
		bottom = pdf_bottom(pc);
		/*
		 * Rows tied by a row span, and a group row with the rows
		 * below it, go to the next page together when they fit on one.
		 */
		e = keep_end(t, r);
		for (blk = 0, k = r; k <= e; k++)
			blk += g.hs[k];
		if (blk > tall)
			blk = g.hs[r];
		/* Widow: the last row does not go alone when two stay on this page. */
		if (e + 2 == t->nrows && onpage >= 2 && block_end(t, e + 1) == e + 1 &&
		    blk + g.hs[e + 1] <= tall)
			blk += g.hs[e + 1];
		cont = 0;
		if (pc->L->y + blk > bottom && pc->L->y > pc->L->geom.top &&
		    r > 0 && r >= (size_t)t->nhead) {
			layout_page_break(pc->L);
			(void)layout_open_page(pc->L);
			/* Repeated on a continuation page: artifacts (PDF/UA-1 §7.5). */
			pc->L->artifact = DEV_ART_REPEAT;
			caption(pc, t->caption, 1);
			for (k = 0; k < (size_t)t->nhead; k++)
				draw_row(pc, &g, t, k, 0);
			pc->L->artifact = DEV_CONTENT;
			cont = 1;
			onpage = 0;
		}
		draw_row(pc, &g, t, r, cont);
		if (r >= (size_t)t->nhead)
			onpage++;
	}
	if (t->nrows > (size_t)t->nhead)
		layout_struct_end(pc->L, DEV_S_TBODY, &g.keys[t->nrows + 1]);
	else if (t->nhead > 0)
		layout_struct_end(pc->L, DEV_S_THEAD, &g.keys[t->nrows]);
	layout_struct_end(pc->L, DEV_S_TABLE, t->node);
	layout_space(pc->L, pc->note_follows ? 2000 : 8000);
	free(g.hs);
	free(g.w);
	free(g.need);
	free(g.origin);
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
			if (cl->merged) {	/* ^^: covered by the cell above, drawn merged */
				row[c].colspan = -1;
				continue;
			}
			row[c].rowspan = cl->rowspan;
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

/* ------------------------------------------------------------------ */
/* Generated tables (gentab.c)                                         */
/* ------------------------------------------------------------------ */

/*
 * A name that breaks only as a last resort: WORD JOINER (U+2060) between
 * its characters, which the line breaker treats as glue and the layout
 * does not draw (so the extracted text is the name itself).
 */
void
pdf_put_glued(struct buf *b, const char *name)
{
	size_t len = strlen(name), k, n;
	uint32_t cp;

	for (k = 0; k < len; k += n) {
		n = utf8_decode(name + k, len - k, &cp);
		if (k > 0)
			buf_put_cp(b, 0x2060);
		buf_put(b, name + k, n);
	}
}

/* A generated cell's text as set: breaks as newlines, names glued. */
static const char *
gcell_plain(struct pdf_ctx *pc, const struct gcell *gc)
{
	const struct gpiece *p;
	struct buf b = {0};
	const char *s;

	for (p = gc->pieces; p != NULL; p = p->next) {
		if (p->kind == GP_BREAK)
			buf_putc(&b, '\n');
		else if (p->kind == GP_NAME)
			pdf_put_glued(&b, p->text);
		else
			buf_puts(&b, p->text);
	}
	s = arena_strdup(&pc->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* What setting a generated cell needs (the arg of its pdf_cell). */
struct gslot {
	const struct gcell	*gc;
	enum layout_align	 align;
	int			 head;
	const void		*node;
};

/* Sets a generated cell: its pieces as runs, links to the sheets placed in this volume. */
static void
gcell_render(struct pdf_ctx *pc, const void *arg)
{
	const struct gslot *c = arg;
	const struct gcell *gc = c->gc;
	enum pdf_st stn = c->head ? ST_TABLEB : ST_TABLE;
	const struct layout_style *st = &pc->st[stn], *sty;
	struct layout_para p = pdf_para_defaults(pc, stn);
	const struct gpiece *g;
	struct pdf_runs r;
	struct buf nm = {0};

	memset(&r, 0, sizeof(r));
	for (g = gc->pieces; g != NULL; g = g->next) {
		const char *a = g->sheet != NULL ? g->sheet->anchor : NULL;

		sty = a != NULL && pdf_dest_known(pc, a) ?
		    pdf_linked(pc, st, a, NULL) : st;
		switch (g->kind) {
		case GP_BREAK:
			pdf_runs_add(pc, &r, "\n", st, c->node);
			break;
		case GP_NAME:
			buf_reset(&nm);
			pdf_put_glued(&nm, g->text);
			pdf_runs_add(pc, &r, buf_str(&nm), sty, c->node);
			break;
		case GP_TEXT:
		case GP_DASH:
			/* A short form is read in its long form (/E). */
			if (g->spoken != NULL)
				r.tag = pdf_tag(pc, DEV_S_SPAN, g, DEV_A_E,
				    g->spoken, NULL);
			pdf_runs_add(pc, &r, g->text, sty, c->node);
			r.tag = NULL;
			break;
		}
	}
	p.line_height = st->size * 15 / 10;
	p.indent = 0;
	p.space_after = 0;
	p.align = c->align;
	p.stype = DEV_S_COUNT;	/* its text belongs to the TH or TD */
	p.node = c->node;
	if (c->head && c->align == LAYOUT_CENTER)
		balance(pc, st, gcell_plain(pc, gc), &p);
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
	buf_free(&nm);
}

static void
gcell_set(struct pdf_ctx *pc, struct pdf_cell *c, const struct gcell *gc,
    const void *node)
{
	struct gslot *g = ARENA_NEW(&pc->a, struct gslot);

	c->colspan = 1;
	c->node = node;
	c->text = gcell_plain(pc, gc);	/* measures the column */
	c->fn = gcell_render;
	c->arg = g;
	c->head = (gc->flags & GC_HEAD) != 0;
	c->rowhead = (gc->flags & GC_ROWHEAD) != 0;
	c->nowrap = (gc->flags & GC_NOWRAP) != 0;
	c->align = c->head ? LAYOUT_CENTER : (gc->flags & GC_NUM) ?
	    LAYOUT_RIGHT : LAYOUT_LEFT;
	g->gc = gc;
	g->align = c->align;
	g->head = c->head;
	g->node = node;
}

/* A group row: one header cell across the table, shaded, set left. */
static void
gcell_group(struct pdf_cell *c, int ncols)
{
	struct gslot *g = (struct gslot *)c->arg;

	c->colspan = ncols;
	c->fill = 0xF1F5F1;
	c->head = 1;
	c->rowhead = 0;
	c->align = LAYOUT_LEFT;
	g->head = 1;
	g->align = LAYOUT_LEFT;
}

/*
 * A generated table and those chained after it, as the HTML prints them:
 * caption, the header row (repeated on each page the table runs over),
 * row headers, group rows across the table; a table without rows is its
 * 「該当なし」 sentence.
 */
void
pdf_gtable(struct pdf_ctx *pc, const struct gtable *gt)
{
	for (; gt != NULL; gt = gt->next) {
		struct pdf_table t;
		struct pdf_cell *r;
		size_t i;
		int k;

		if (gt->nrows == 0 && gt->empty != NULL) {
			pdf_text_para(pc, gt->empty, ST_BODY, DEV_S_P, gt, 6000);
			continue;
		}
		memset(&t, 0, sizeof(t));
		t.ncols = gt->ncols;
		t.node = gt;
		t.caption = gt->caption;
		t.nhead = 1;
		r = pdf_table_row(&t);
		for (k = 0; k < gt->ncols; k++)
			gcell_set(pc, &r[k], &gt->head[k], gt->head);
		for (i = 0; i < gt->nrows; i++) {
			const struct grow *gr = &gt->rows[i];

			r = pdf_table_row(&t);
			if (gr->group) {
				gcell_set(pc, &r[0], &gr->cells[0], gr);
				gcell_group(&r[0], t.ncols);
				continue;
			}
			for (k = 0; k < gt->ncols; k++)
				gcell_set(pc, &r[k], &gr->cells[k], gr);
		}
		pdf_table_emit(pc, &t);
		pdf_table_free(&t);
	}
}
