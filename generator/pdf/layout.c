/*
 * layout.c: see layout.h.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/layout.h"

/*
 * The ideographic em box lies 0.88 em above the baseline and 0.12 below
 * (the convention of Japanese fonts, BIZ UD included); it is centred in the
 * line height, so that the leading (行間) is split evenly above and below.
 * The fonts' own ascent (hhea) includes accents and would not centre kana.
 */
#define EM_BOX_ASCENT	880

/* The widest inter-character spacing of a justified line, in em. */
#define MAX_SPREAD_EM	1.0

/*
 * A paragraph reports each missing character once; more distinct missing
 * characters than this in one paragraph means a wrong font or encoding,
 * and one more line says so instead of hundreds.
 */
#define MAX_REPORTS_PER_PARA	8

/* Inline structure nests this deep at most around a run (Span > Reference > Link is 3). */
#define MAX_TAG_DEPTH	8

/* A run as the breaker carries it (lb_char.style): style, node, and the face actually used. */
struct lrun {
	struct layout_style	 style;
	const void		*node;
	const struct layout_tag	*tag;		/* inline structure (layout.h), or NULL */
	const struct lrun	*parent;	/* the run a fallback variant was made from */
};

void
layout_init(struct layout *L, const struct layout_geom *g,
    const struct fontset *fonts, struct diag *d)
{
	memset(L, 0, sizeof(*L));
	L->geom = *g;
	L->fonts = fonts;
	L->diag = d;
	linebreak_init(&L->lb);
}

void
layout_free(struct layout *L)
{
	size_t i;

	for (i = 0; i < L->npages; i++)
		free(L->pages[i].v);
	free(L->pages);
	free(L->outlines);
	free(L->pending);
	linebreak_free(&L->lb);
	buf_free(&L->text);
	arena_free(&L->arena);
	memset(L, 0, sizeof(*L));
}

int32_t
layout_column_width(const struct layout *L)
{
	return L->geom.w - L->geom.left - L->geom.right;
}

/* ------------------------------------------------------------------ */
/* Pages and boxes                                                    */
/* ------------------------------------------------------------------ */

static struct box *
add_box(struct layout_page *p, enum box_type t, enum dev_role role,
    const void *node)
{
	struct box *b;

	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	b = &p->v[p->n++];
	memset(b, 0, sizeof(*b));
	b->type = t;
	b->mark.role = role;
	b->mark.node = node;
	return b;
}

static void flush_dests(struct layout *);

static struct layout_page *
open_page(struct layout *L)
{
	struct layout_page *p;

	if (L->open)
		return &L->pages[L->npages - 1];
	L->pages = xgrow(L->pages, &L->pagecap, L->npages + 1,
	    sizeof(*L->pages));
	p = &L->pages[L->npages++];
	memset(p, 0, sizeof(*p));
	p->w = L->geom.w;
	p->h = L->geom.h;
	p->number = (int)L->npages;
	L->open = 1;
	L->y = L->geom.top;
	if (L->page_begin != NULL)
		L->page_begin(L, p, L->hook_ctx);
	L->page_top = L->y;
	return &L->pages[L->npages - 1];
}

void
layout_page_break(struct layout *L)
{
	if (!L->open)
		return;
	if (L->page_end != NULL)
		L->page_end(L, &L->pages[L->npages - 1], L->hook_ctx);
	L->open = 0;
}

struct layout_page *
layout_open_page(struct layout *L)
{
	return open_page(L);
}

/*
 * The kept boxes (layout.h) are still the last content: they are on the
 * open page and only structure brackets and destinations came after them.
 */
static int
keep_attached(const struct layout *L)
{
	const struct layout_page *p;
	size_t i;

	if (!L->keep_on || !L->open || L->keep_page + 1 != L->npages)
		return 0;
	p = &L->pages[L->keep_page];
	if (L->keep_end > p->n)
		return 0;
	for (i = L->keep_end; i < p->n; i++)
		if (p->v[i].type != BOX_BEGIN && p->v[i].type != BOX_END &&
		    p->v[i].type != BOX_ATTR && p->v[i].type != BOX_DEST)
			return 0;
	return 1;
}

/* They can go to the next page: attached, and below something else. */
static int
keep_movable(const struct layout *L)
{
	return keep_attached(L) && L->keep_y > L->page_top;
}

/*
 * A page break because the next content does not fit: a heading kept
 * with it (and what followed it: brackets, destinations) goes along to
 * the new page instead of staying alone at the foot.
 */
static void
content_break(struct layout *L)
{
	struct layout_page *p, moved;
	int32_t below = 0;
	int move = keep_movable(L);

	memset(&moved, 0, sizeof(moved));
	if (move) {
		p = &L->pages[L->keep_page];
		moved.n = p->n - L->keep_from;
		moved.v = xmalloc(moved.n * sizeof(*moved.v));
		memcpy(moved.v, p->v + L->keep_from, moved.n * sizeof(*moved.v));
		p->n = L->keep_from;
		below = L->y - L->keep_y;
		L->y = L->keep_y;	/* the page's body ends above them */
	}
	layout_page_break(L);
	p = open_page(L);
	if (!move) {
		L->keep_on = 0;
		return;
	}
	L->keep_page = L->npages - 1;
	L->keep_end += p->n - L->keep_from;
	L->keep_from = p->n;
	layout_copy_page(L, p, &moved, 0, L->y - L->keep_y);
	free(moved.v);
	L->keep_y = L->y;
	L->y += below;
}

struct layout_page *
layout_need(struct layout *L, int32_t h)
{
	(void)open_page(L);
	L->box_top = 0;
	if (L->y + h > L->geom.h - L->geom.bottom && L->y > L->geom.top)
		content_break(L);
	flush_dests(L);
	return &L->pages[L->npages - 1];
}

void
layout_space(struct layout *L, int32_t v)
{
	if (L->open && L->y > L->geom.top && !L->box_top)
		L->y += v;
}

void
layout_dest(struct layout *L, const char *name)
{
	L->pending = xgrow(L->pending, &L->pendingcap, L->npending + 1,
	    sizeof(*L->pending));
	L->pending[L->npending++] = arena_strdup(&L->arena, name);
}

/* Places the pending destinations at the cursor. */
static void
flush_dests(struct layout *L)
{
	struct layout_page *p;
	struct box *b;
	size_t i;

	if (L->npending == 0)
		return;
	p = open_page(L);
	for (i = 0; i < L->npending; i++) {
		b = add_box(p, BOX_DEST, DEV_CONTENT, NULL);
		b->x = L->geom.left;
		b->y = L->y;
		b->text = L->pending[i];
		b->len = strlen(b->text);
	}
	L->npending = 0;
}

void
layout_outline(struct layout *L, int level, const char *title,
    const char *dest)
{
	struct layout_outline *o;

	L->outlines = xgrow(L->outlines, &L->outlinecap, L->noutlines + 1,
	    sizeof(*L->outlines));
	o = &L->outlines[L->noutlines++];
	o->level = level;
	o->title = arena_strdup(&L->arena, title);
	o->dest = arena_strdup(&L->arena, dest);
}

/* Content laid out while L->artifact is set is drawn as that artifact. */
static enum dev_role
role_in(const struct layout *L, enum dev_role role)
{
	return role == DEV_CONTENT ? L->artifact : role;
}

void
layout_struct_begin(struct layout *L, enum dev_stype st, const void *node)
{
	struct box *b;

	if (L->artifact != DEV_CONTENT || st == DEV_S_COUNT)
		return;
	b = add_box(open_page(L), BOX_BEGIN, DEV_CONTENT, node);
	b->stype = st;
}

void
layout_struct_end(struct layout *L, enum dev_stype st, const void *node)
{
	struct box *b;

	if (L->artifact != DEV_CONTENT || st == DEV_S_COUNT)
		return;
	b = add_box(open_page(L), BOX_END, DEV_CONTENT, node);
	b->stype = st;
}

void
layout_struct_attr(struct layout *L, enum dev_attr a, const char *value)
{
	struct box *b;

	if (L->artifact != DEV_CONTENT || value == NULL)
		return;
	b = add_box(open_page(L), BOX_ATTR, DEV_CONTENT, NULL);
	b->attr = a;
	b->text = arena_strdup(&L->arena, value);
	b->len = strlen(value);
}

static int32_t
char_advance(struct font *f, uint32_t cp, int32_t size)
{
	int32_t w = font_advance(f, cp, size);

	if (w == FONT_MISSING)
		w = font_advance(f, FONT_GETA, size);
	return w == FONT_MISSING ? size : w;
}

int32_t
layout_text_width(const struct layout_style *st, const char *s)
{
	size_t off = 0, len = strlen(s);
	int32_t w = 0;
	uint32_t cp;

	while (off < len) {
		off += utf8_decode(s + off, len - off, &cp);
		w += char_advance(st->font, cp, st->size);
	}
	return w;
}

void
layout_put_text(struct layout *L, struct layout_page *p, enum dev_role role,
    const void *node, int32_t x, int32_t y, const struct layout_style *st,
    const char *text)
{
	struct box *b = add_box(p, BOX_TEXT, role_in(L, role), node);

	b->x = x;
	b->y = y;
	b->w = layout_text_width(st, text);
	b->h = st->size;
	b->font = st->font;
	b->size = st->size;
	b->rgb = st->rgb;
	b->text = arena_strdup(&L->arena, text);
	b->len = strlen(text);
}

void
layout_put_rule(struct layout *L, struct layout_page *p, enum dev_role role,
    const void *node, int32_t x1, int32_t y1, int32_t x2, int32_t y2,
    int32_t lw, uint32_t rgb)
{
	struct box *b = add_box(p, BOX_RULE, role_in(L, role), node);

	(void)L;
	b->x = x1;
	b->y = y1;
	b->x2 = x2;
	b->y2 = y2;
	b->lw = lw;
	b->rgb = rgb;
}

void
layout_put_rect(struct layout *L, struct layout_page *p, enum dev_role role,
    const void *node, int32_t x, int32_t y, int32_t w, int32_t h, int fill,
    uint32_t fill_rgb, int32_t lw, uint32_t line_rgb)
{
	struct box *b = add_box(p, BOX_RECT, role_in(L, role), node);

	(void)L;
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->fill = fill;
	b->rgb = fill_rgb;
	b->lw = lw;
	b->rgb2 = line_rgb;
}

void
layout_put_path(struct layout *L, struct layout_page *p, enum dev_role role,
    const void *node, const struct dev_seg *segs, size_t n,
    const struct dev_paint *paint)
{
	struct box *b;
	struct layout_path *lp;

	if (n == 0)
		return;
	b = add_box(p, BOX_PATH, role_in(L, role), node);
	lp = ARENA_NEW(&L->arena, struct layout_path);
	lp->segs = arena_alloc(&L->arena, n * sizeof(*segs));
	memcpy(lp->segs, segs, n * sizeof(*segs));
	lp->n = n;
	lp->paint = *paint;
	b->path = lp;
}

void
layout_copy_page(struct layout *L, struct layout_page *dst,
    const struct layout_page *src, int32_t dx, int32_t dy)
{
	struct layout_path *lp;
	struct box *b;
	size_t i, k;

	for (i = 0; i < src->n; i++) {
		b = add_box(dst, src->v[i].type, src->v[i].mark.role,
		    src->v[i].mark.node);
		*b = src->v[i];
		b->x += dx;
		b->y += dy;
		if (b->type == BOX_RULE) {
			b->x2 += dx;
			b->y2 += dy;
		}
		if (b->text != NULL)
			b->text = arena_strndup(&L->arena, b->text, b->len);
		if (b->path != NULL) {
			lp = ARENA_NEW(&L->arena, struct layout_path);
			*lp = *b->path;
			lp->segs = arena_alloc(&L->arena, lp->n * sizeof(*lp->segs));
			for (k = 0; k < lp->n; k++) {
				lp->segs[k] = b->path->segs[k];
				lp->segs[k].x[0] += dx;
				lp->segs[k].x[1] += dx;
				lp->segs[k].x[2] += dx;
				lp->segs[k].y[0] += dy;
				lp->segs[k].y[1] += dy;
				lp->segs[k].y[2] += dy;
			}
			b->path = lp;
		}
	}
}

void
layout_put_image(struct layout *L, struct layout_page *p, enum dev_role role,
    const void *node, const char *path, int32_t x, int32_t y, int32_t w,
    int32_t h)
{
	struct box *b = add_box(p, BOX_IMAGE, role_in(L, role), node);

	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->text = arena_strdup(&L->arena, path);
	b->len = strlen(path);
}

void
layout_put_link(struct layout *L, struct layout_page *p, const void *node,
    int32_t x, int32_t y, int32_t w, int32_t h, const char *dest,
    const char *uri)
{
	struct box *b;

	if (L->artifact != DEV_CONTENT)
		return;		/* an artifact has no annotation (PDF/UA-1 §7.18.1) */
	b = add_box(p, BOX_LINK, DEV_CONTENT, node);
	b->x = x;
	b->y = y;
	b->w = w;
	b->h = h;
	b->is_uri = dest == NULL;
	b->text = arena_strdup(&L->arena, dest ? dest : uri ? uri : "");
	b->len = strlen(b->text);
}

/* ------------------------------------------------------------------ */
/* Characters: measuring, falling back, substituting                  */
/* ------------------------------------------------------------------ */

/* Dropped without a trace: variation selectors (libharu cannot select variants, pdf.md). */
static int
is_variation_selector(uint32_t cp)
{
	return (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* Not drawn (they would draw .notdef) but kept for line breaking. */
static int
is_format_char(uint32_t cp)
{
	return cp == 0x200B || cp == 0x200C || cp == 0x200D ||
	    cp == 0x2060 || cp == 0xFEFF;
}

struct para_work {
	struct lrun	**variants;	/* fallback variants made in this paragraph */
	size_t		  nvariants;
	size_t		  varcap;
	uint32_t	  reported[MAX_REPORTS_PER_PARA];
	size_t		  nreported;
	int		  overflow_reported;
};

static const struct lrun *
variant(struct layout *L, struct para_work *w, const struct lrun *r,
    struct font *f)
{
	size_t i;
	struct lrun *v;

	for (i = 0; i < w->nvariants; i++)
		if (w->variants[i]->parent == r && w->variants[i]->style.font == f)
			return w->variants[i];
	v = ARENA_NEW(&L->arena, struct lrun);
	*v = *r;
	v->style.font = f;
	v->parent = r;
	w->variants = xgrow(w->variants, &w->varcap, w->nvariants + 1,
	    sizeof(*w->variants));
	w->variants[w->nvariants++] = v;
	return v;
}


/*
 * Where the character at byte off of text, a text read from YAML or one
 * made of such texts (a number and a title), was written (diag_text_find):
 * the WORD JOINERs that glue a name (pdf_put_glued) are not written, so
 * they are left out of the text looked for.
 */
static int
yaml_text_place(struct layout *L, const char *text, size_t off,
    struct span *at)
{
	struct buf t = {0};
	size_t i, n, len = strlen(text), toff = off;
	uint32_t cp;
	int r;

	if (strstr(text, "\xE2\x81\xA0") == NULL)	/* U+2060 */
		return diag_text_find(L->diag, text, off, at);
	for (i = 0; i < len; i += n) {
		n = utf8_decode(text + i, len - i, &cp);
		if (i == off)
			toff = t.len;
		if (cp != 0x2060)
			buf_put(&t, text + i, n);
	}
	r = diag_text_find(L->diag, buf_str(&t), toff, at);
	buf_free(&t);
	return r;
}

static void
report_missing(struct layout *L, struct para_work *w,
    const struct layout_para *para, const struct layout_run *run, size_t off,
    uint32_t cp)
{
	struct buf ch = {0};
	struct span at;
	const struct span *sp = para->span;
	size_t i;

	for (i = 0; i < w->nreported; i++)
		if (w->reported[i] == cp)
			return;
	if (w->nreported == MAX_REPORTS_PER_PARA) {
		if (!w->overflow_reported)
			diag_warning(L->diag, sp, "pdf-missing-glyph",
			    "more than %d characters of this paragraph cannot "
			    "be printed; they are printed as 〓",
			    MAX_REPORTS_PER_PARA);
		w->overflow_reported = 1;
		return;
	}
	w->reported[w->nreported++] = cp;
	if (run->span != NULL) {	/* the character itself (layout.h) */
		at = run->literal ? text_span_at(run->span, run->pieces,
		    run->npieces, run->text, off) : *run->span;
		if (at.file != NULL)
			sp = &at;
	}
	if (sp == para->span && yaml_text_place(L, run->text, off, &at))
		sp = &at;		/* in a text made of texts from YAML */
	if (cp >= 0x20 && cp != 0x7F)
		buf_put_cp(&ch, cp);
	if (cp < 0x20 || cp == 0x7F)
		diag_warning(L->diag, sp, "pdf-control-char",
		    "control character U+%04X cannot be printed; printed as 〓",
		    (unsigned)cp);
	else if (cp > 0xFFFF)
		diag_warning(L->diag, sp, "pdf-non-bmp",
		    "「%s」 (U+%04X) is outside the Basic Multilingual Plane, "
		    "which the PDF fonts cannot encode; printed as 〓",
		    buf_str(&ch), (unsigned)cp);
	else
		diag_warning(L->diag, sp, "pdf-missing-glyph",
		    "「%s」 (U+%04X) has no glyph in the PDF's fonts; "
		    "printed as 〓", buf_str(&ch), (unsigned)cp);
	buf_free(&ch);
}

/* Appends one code point of run r to the breaker, falling back or substituting. */
static void
add_char(struct layout *L, struct para_work *w, const struct layout_para *para,
    const struct layout_run *run, const struct lrun *r, uint32_t cp, size_t off)
{
	struct font *f = r->style.font, *g;
	int32_t adv;

	if (cp == '\t')
		cp = ' ';
	if (cp < 0x20 && cp != '\n') {
		report_missing(L, w, para, run, off, cp);
		cp = FONT_GETA;
		L->substituted++;
	}
	adv = font_advance(f, cp, r->style.size);
	if (adv == FONT_MISSING) {
		g = cp <= 0xFFFF && L->fonts != NULL ?
		    fontset_fallback(L->fonts, f, cp) : NULL;
		if (g != NULL) {
			r = variant(L, w, r, g);
			adv = font_advance(g, cp, r->style.size);
			L->fell_back++;
		} else {
			report_missing(L, w, para, run, off, cp);
			cp = FONT_GETA;
			adv = char_advance(f, cp, r->style.size);
			if (font_width(f, cp) == FONT_MISSING)
				cp = '?';
			L->substituted++;
		}
	}
	linebreak_add_cp(&L->lb, cp, adv, r, off);
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                         */
/* ------------------------------------------------------------------ */

/* Emits one text box for chars [a, b) of a line, all of one run, at x. */
static void
put_segment(struct layout *L, struct layout_page *p, size_t a, size_t b,
    double x, int32_t baseline, int32_t top, int32_t lh, double tc)
{
	const struct lrun *r = L->lb.c[a].style;
	const struct layout_tag *tags[MAX_TAG_DEPTH], *tg;
	struct box *bx;
	int32_t w = 0;
	size_t k, n = 0, nt = 0;
	int linked = r->style.link_dest != NULL || r->style.link_uri != NULL;
	int own_link = 0;

	buf_reset(&L->text);
	for (k = a; k < b; k++) {
		w += L->lb.c[k].width;
		if (is_format_char(L->lb.c[k].cp))
			continue;
		buf_put_cp(&L->text, L->lb.c[k].cp);
		n++;
	}
	if (n == 0)
		return;
	/* Inline structure around the piece, outermost first (layout.h). */
	if (L->artifact == DEV_CONTENT) {
		for (tg = r->tag; tg != NULL && nt < MAX_TAG_DEPTH; tg = tg->up)
			tags[nt++] = tg;
		for (k = nt; k-- > 0;) {
			layout_struct_begin(L, tags[k]->stype, tags[k]->node);
			if (tags[k]->value != NULL)
				layout_struct_attr(L, tags[k]->attr, tags[k]->value);
			own_link |= tags[k]->stype == DEV_S_LINK;
		}
		if (linked && !own_link)
			layout_struct_begin(L, DEV_S_LINK, r->node);
	}
	bx = add_box(p, BOX_TEXT, role_in(L, DEV_CONTENT), r->node);
	bx->x = (int32_t)(x + (x >= 0 ? 0.5 : -0.5));
	bx->y = baseline;
	bx->w = w;
	bx->h = lh;
	bx->font = r->style.font;
	bx->size = r->style.size;
	bx->tc = tc / 1000.0;
	bx->rgb = r->style.rgb;
	bx->text = arena_strndup(&L->arena, buf_str(&L->text), L->text.len);
	bx->len = L->text.len;
	if (linked && L->artifact == DEV_CONTENT) {
		bx = add_box(p, BOX_LINK, DEV_CONTENT, r->node);
		bx->x = (int32_t)(x + 0.5);
		bx->y = top;
		bx->w = (int32_t)(w + (double)n * tc + 0.5);
		bx->h = lh;
		bx->is_uri = r->style.link_dest == NULL;
		bx->text = arena_strdup(&L->arena, bx->is_uri ?
		    r->style.link_uri : r->style.link_dest);
		bx->len = strlen(bx->text);
		if (!own_link)
			layout_struct_end(L, DEV_S_LINK, r->node);
	}
	for (k = 0; k < nt; k++)
		layout_struct_end(L, tags[k]->stype, tags[k]->node);
}

static int
drawn(uint32_t cp)
{
	return !is_format_char(cp);
}

/* Draws line l with its top at L->y. */
static void
put_line(struct layout *L, const struct layout_para *para,
    const struct lb_line *l, int first)
{
	struct layout_page *p = open_page(L);
	const struct lb_char *c = L->lb.c;
	size_t k, seg, body_end = l->end - (l->hang ? 1 : 0), ndrawn = 0;
	int32_t x0, maxsize = 0, lh = para->line_height, baseline, w_body = 0;
	double x, tc = 0, segw;

	for (k = l->start; k < l->end; k++) {
		const struct lrun *r = c[k].style;

		if (r->style.size > maxsize)
			maxsize = r->style.size;
		if (k < body_end) {
			w_body += c[k].width;
			ndrawn += drawn(c[k].cp);
		}
	}
	if (maxsize == 0)
		return;		/* an empty line (two hard breaks) */
	baseline = L->y + (lh - maxsize) / 2 +
	    (int32_t)(((int64_t)maxsize * EM_BOX_ASCENT + 500) / 1000);
	x0 = L->geom.left + para->left + (first ? para->indent : 0);
	if (para->align == LAYOUT_CENTER)
		x0 += (l->avail - l->width) / 2;
	else if (para->align == LAYOUT_RIGHT)
		x0 += l->avail - l->width;
	if (l->adjust > 0 && ndrawn > 1)
		tc = (double)l->adjust / (double)(ndrawn - 1);
	/*
	 * A line that would need more than MAX_SPREAD_EM between its
	 * characters (a couple of characters before a long word that was
	 * pushed down) is set flush left: such gaps read as separate words.
	 */
	if (tc > (double)maxsize * MAX_SPREAD_EM)
		tc = 0;
	x = x0;
	for (seg = l->start, k = l->start; k <= body_end; k++) {
		if (k < body_end && c[k].style == c[seg].style)
			continue;
		if (k > seg) {
			put_segment(L, p, seg, k, x, baseline, L->y, lh, tc);
			for (segw = 0; seg < k; seg++)
				segw += c[seg].width + (drawn(c[seg].cp) ? tc : 0);
			x += segw;
		}
		seg = k;
	}
	if (l->hang)	/* ぶら下げ: right after the spread body, past the column edge */
		put_segment(L, p, body_end, l->end, x0 + w_body + l->adjust,
		    baseline, L->y, lh, 0);
	L->lines++;
}

int
layout_para(struct layout *L, const struct layout_para *para)
{
	struct para_work w;
	struct lb_opts o;
	const struct lrun *r;
	struct lrun *lr;
	size_t i, off, k, nl;
	uint32_t cp;
	int32_t lh = para->line_height, bottom = L->geom.h - L->geom.bottom, need;

	memset(&w, 0, sizeof(w));
	linebreak_reset(&L->lb);
	for (i = 0; i < para->nruns; i++) {
		lr = ARENA_NEW(&L->arena, struct lrun);
		lr->style = *para->runs[i].style;
		lr->node = para->runs[i].node ? para->runs[i].node : para->node;
		lr->tag = para->runs[i].tag;
		r = lr;
		for (off = 0; off < para->runs[i].len; off += k) {
			k = utf8_decode(para->runs[i].text + off,
			    para->runs[i].len - off, &cp);
			if (cp == '\r' || is_variation_selector(cp))
				continue;
			add_char(L, &w, para, &para->runs[i], r, cp, off);
		}
	}
	free(w.variants);
	o.width = layout_column_width(L) - para->left - para->right;
	o.indent = para->indent;
	o.justify = para->align == LAYOUT_JUSTIFY;
	o.hang = para->align == LAYOUT_JUSTIFY || para->align == LAYOUT_LEFT;
	nl = linebreak_compute(&L->lb, &o);
	if (nl == 0)
		return 0;
	(void)open_page(L);
	if (L->y > L->geom.top && !L->box_top)
		L->y += para->space_before;
	L->box_top = 0;
	/*
	 * Orphan: a paragraph of several lines does not leave its first line
	 * alone at the foot of a page; a heading goes with the room it keeps.
	 */
	need = (nl >= 2 ? 2 : 1) * lh;
	if (nl == 3)	/* two lines here and one there would leave a widow */
		need = 3 * lh;
	if (para->keep_after > 0)
		need = (int32_t)nl * lh + para->keep_after;
	if (L->y + need > bottom && L->y > L->geom.top)
		content_break(L);
	if (para->keep_after > 0 && !keep_attached(L)) {
		/* a heading right below kept boxes joins them */
		L->keep_on = 1;
		L->keep_page = L->npages - 1;
		L->keep_from = L->pages[L->keep_page].n;
		L->keep_y = L->y;
	}
	flush_dests(L);
	layout_struct_begin(L, para->stype, para->node);
	for (i = 0; i < nl; i++) {
		/*
		 * Widow: the last line does not go alone to the next page;
		 * the line before it goes with it when at least two stay.
		 */
		if (i + 2 == nl && i >= 2 && L->y + lh <= bottom &&
		    L->y + 2 * lh > bottom)
			content_break(L);
		if (L->y + lh > bottom && L->y > L->geom.top)
			content_break(L);
		put_line(L, para, &L->lb.line[i], i == 0);
		L->y += lh;
	}
	layout_struct_end(L, para->stype, para->node);
	if (para->keep_after > 0 && L->keep_on &&
	    L->keep_page + 1 == L->npages)
		L->keep_end = L->pages[L->keep_page].n;
	else
		L->keep_on = 0;
	L->y += para->space_after;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Emitting                                                           */
/* ------------------------------------------------------------------ */

static void
emit_box(struct device *dev, const struct box *b)
{
	const struct dev_ops *op = dev->ops;

	switch (b->type) {
	case BOX_TEXT:
		op->text(dev, &b->mark, b->x, b->y, b->font, b->size, b->text,
		    b->len, b->tc, b->rgb);
		break;
	case BOX_RULE:
		op->rule(dev, &b->mark, b->x, b->y, b->x2, b->y2, b->lw, b->rgb);
		break;
	case BOX_RECT:
		op->rect(dev, &b->mark, b->x, b->y, b->w, b->h, b->fill, b->rgb,
		    b->lw, b->rgb2);
		break;
	case BOX_IMAGE:
		op->image(dev, &b->mark, b->text, b->x, b->y, b->w, b->h);
		break;
	case BOX_LINK:
		op->link(dev, &b->mark, b->x, b->y, b->w, b->h,
		    b->is_uri ? NULL : b->text, b->is_uri ? b->text : NULL);
		break;
	case BOX_DEST:
		op->dest(dev, b->text, b->x, b->y);
		break;
	case BOX_PATH:
		op->path(dev, &b->mark, b->path->segs, b->path->n,
		    &b->path->paint);
		break;
	case BOX_BEGIN:
		op->struct_begin(dev, b->stype, b->mark.node);
		break;
	case BOX_END:
		op->struct_end(dev, b->stype, b->mark.node);
		break;
	case BOX_ATTR:
		op->struct_attr(dev, b->attr, b->text);
		break;
	}
}

void
layout_finish(struct layout *L)
{
	if (L->npending > 0)
		flush_dests(L);
	layout_page_break(L);
}

int
layout_emit_begin(struct device *dev, const struct dev_info *info)
{
	return dev->ops->begin_document(dev, info);
}

int
layout_emit_pages(const struct layout *L, struct device *dev, size_t from,
    size_t to)
{
	size_t i, k;

	for (i = from; i < to && i < L->npages; i++) {
		if (dev->ops->begin_page(dev, L->pages[i].w, L->pages[i].h) == -1)
			return -1;
		for (k = 0; k < L->pages[i].n; k++)
			emit_box(dev, &L->pages[i].v[k]);
		if (dev->ops->end_page(dev) == -1)
			return -1;
	}
	return 0;
}

void
layout_release(struct layout *L, size_t upto)
{
	size_t i;

	for (i = 0; i < upto && i < L->npages; i++) {
		free(L->pages[i].v);
		L->pages[i].v = NULL;
		L->pages[i].n = L->pages[i].cap = 0;
	}
}

int
layout_emit_end(const struct layout *L, struct device *dev, struct buf *out)
{
	size_t i;

	for (i = 0; i < L->noutlines; i++)
		dev->ops->outline(dev, L->outlines[i].level, L->outlines[i].title,
		    L->outlines[i].dest);
	return dev->ops->end_document(dev, out);
}

int
layout_emit(struct layout *L, struct device *dev, const struct dev_info *info,
    struct buf *out)
{
	layout_finish(L);
	if (layout_emit_begin(dev, info) == -1 ||
	    layout_emit_pages(L, dev, 0, L->npages) == -1)
		return -1;
	return layout_emit_end(L, dev, out);
}
