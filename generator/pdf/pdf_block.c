/*
 * pdf_block.c: Markdown blocks and inlines of the model set as paragraphs
 * (see pdf_int.h). Inlines become runs in a few styles; glossary uses get
 * their ※n marker where resolve put one (gloss_marker), linked to the
 * 用語集 when the volume prints it.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_int.h"

/* ------------------------------------------------------------------ */
/* Runs                                                               */
/* ------------------------------------------------------------------ */

void
pdf_runs_free(struct pdf_runs *r)
{
	buf_free(&r->text);
	free(r->v);
	free(r->off);
	memset(r, 0, sizeof(*r));
}

const struct layout_tag *
pdf_tag(struct pdf_ctx *pc, enum dev_stype st, const void *node,
    enum dev_attr a, const char *value, const struct layout_tag *up)
{
	struct layout_tag *t = ARENA_NEW(&pc->a, struct layout_tag);

	t->stype = st;
	t->node = node;
	t->attr = a;
	t->value = value;
	t->up = up;
	return t;
}

/* Adds s in style st; in (or NULL) is where it was written (layout_run.span). */
/*
 * The base place of a run of texts added without an inline node: none (the
 * paragraph's), and pieces for the texts in it read from YAML, each at the
 * place diag_text_at() knows (pdf-missing-glyph at the character).
 */
static const struct span no_place;

/* Adds to run v (of len bytes so far) a piece at the place of tp, or none. */
static void
place_piece(struct arena *a, struct layout_run *v, const struct text_place *tp)
{
	struct span_piece *pc;

	if (v->span == NULL) {
		if (tp == NULL)
			return;
		v->span = &no_place;
		v->literal = 1;
	}
	/*
	 * The array grows by doubling (4, 8, 16 …): a run of thousands of
	 * texts (a department's projects at 100x) copied whole at each
	 * append took a quadratic amount of the arena (1.2 GB at 100x).
	 */
	if (v->npieces == 0 || (v->npieces >= 4 &&
	    (v->npieces & (v->npieces - 1)) == 0)) {
		pc = arena_alloc(a, (v->npieces ? 2 * v->npieces : 4) *
		    sizeof(*pc));
		if (v->npieces > 0)
			memcpy(pc, v->pieces, v->npieces * sizeof(*pc));
	} else
		pc = (struct span_piece *)v->pieces;	/* made here, with room */
	pc[v->npieces].off = v->len;
	pc[v->npieces].span = tp != NULL ? tp->span : no_place;
	pc[v->npieces].fixed = tp != NULL && !tp->literal;
	v->pieces = pc;
	v->npieces++;
}

static void
runs_add(struct pdf_runs *r, const char *s, const struct layout_style *st,
    const void *node, const struct inline_node *in, int literal,
    struct pdf_ctx *pc)
{
	const struct text_place *tp = NULL;
	struct layout_run *v;

	if (s == NULL || *s == '\0')
		return;
	if (in == NULL && pc != NULL)
		tp = diag_text_at(pc->d, s);
	if (in == NULL && r->n > 0 && r->v[r->n - 1].style == st &&
	    r->v[r->n - 1].node == node && r->v[r->n - 1].tag == r->tag &&
	    (r->v[r->n - 1].span == NULL ||
	    r->v[r->n - 1].span == &no_place)) {
		v = &r->v[r->n - 1];
		if (pc != NULL)
			place_piece(&pc->a, v, tp);
		buf_puts(&r->text, s);
		v->len += strlen(s);
		return;
	}
	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
	r->off = xgrow(r->off, &r->offcap, r->n + 1, sizeof(*r->off));
	r->off[r->n] = r->text.len;
	v = &r->v[r->n++];
	memset(v, 0, sizeof(*v));
	v->len = strlen(s);
	v->style = st;
	v->node = node;
	v->tag = r->tag;
	if (in != NULL) {
		v->span = &in->span;
		v->literal = literal;
		if (literal) {
			v->pieces = in->pieces;
			v->npieces = in->npieces;
		}
	} else if (tp != NULL) {
		place_piece(&pc->a, v, tp);
	}
	buf_puts(&r->text, s);
}

void
pdf_runs_add(struct pdf_ctx *pc, struct pdf_runs *r, const char *s,
    const struct layout_style *st, const void *node)
{
	runs_add(r, s, st, node, NULL, 0, pc);
}

const struct layout_style *
pdf_linked(struct pdf_ctx *pc, const struct layout_style *st, const char *dest,
    const char *uri)
{
	struct layout_style *l = ARENA_NEW(&pc->a, struct layout_style);

	*l = *st;
	l->link_dest = dest;
	l->link_uri = uri;
	l->rgb = 0x0B4F9C;
	return l;
}

static const struct layout_style *
variant_of(struct pdf_ctx *pc, const struct layout_style *st, enum pdf_st want)
{
	struct layout_style *l;

	if (st->size == pc->st[want].size && st->link_dest == NULL &&
	    st->link_uri == NULL && st->rgb == pc->st[want].rgb)
		return &pc->st[want];
	l = ARENA_NEW(&pc->a, struct layout_style);
	*l = *st;
	l->font = pc->st[want].font;
	return l;
}

/* A smaller copy of st for markers (注1, ※1). */
static const struct layout_style *
smaller(struct pdf_ctx *pc, const struct layout_style *st)
{
	struct layout_style *l = ARENA_NEW(&pc->a, struct layout_style);

	*l = *st;
	l->size = st->size * 3 / 4;
	return l;
}

void
pdf_plain(struct buf *b, const struct inline_node *in)
{
	for (; in != NULL; in = in->next) {
		switch (in->type) {
		case INL_TEXT:
		case INL_CODE:
			buf_puts(b, in->text);
			break;
		case INL_BREAK:
			buf_putc(b, ' ');
			break;
		case INL_IMAGE:
			if (in->text != NULL && strcmp(in->text, "-") != 0)
				buf_puts(b, in->text);
			break;
		case INL_GLOSS:
			if (in->children != NULL)
				pdf_plain(b, in->children);
			else if (in->term != NULL)
				buf_puts(b, in->term->term);
			break;
		case INL_FIELD:
			if (in->text != NULL)
				buf_puts(b, in->text);
			break;
		case INL_FOOTREF:
			break;
		default:
			pdf_plain(b, in->children);
			break;
		}
	}
}

static int
is_uri(const char *u)
{
	return u != NULL && (strncmp(u, "https://", 8) == 0 ||
	    strncmp(u, "http://", 7) == 0 || strncmp(u, "mailto:", 7) == 0);
}

/*
 * The marker of term n from plan.yaml's glossary marker pattern: ※3, *3,
 * or ※ unnumbered; the same in the text and in the 用語集.
 */
const char *
pdf_marker_text(struct pdf_ctx *pc, int n)
{
	const char *pat = pc->pl->glossary_marker ? pc->pl->glossary_marker :
	    "※{n}";
	const char *p = strstr(pat, "{n}");

	if (p == NULL)
		return pat;
	return arena_printf(&pc->a, "%.*s%d%s", (int)(p - pat), pat, n, p + 3);
}

/*
 * A cross-reference (resolve_xref.c): the link's text, or the reference
 * when it has none (第2章　現状と課題, 図2-1), linked to its destination
 * in this volume; a place printed in another volume is linked there
 * (GoToR to that volume's named destination, jigyoshu.pdf#pj-key: Acrobat
 * and pdf.js follow it) and said, for print and for readers that do not
 * follow it: 「①-1　…（重点事業・個別事業集）」.
 */
static void
xref_runs(struct pdf_ctx *pc, struct pdf_runs *r, const struct inline_node *in,
    const struct layout_style *st)
{
	const struct xref *x = in->xref;
	const struct layout_style *s2 = st;
	const struct layout_tag *save = r->tag;
	int other = x->volume != NULL && x->volume != pc->vol, page;

	if (st->link_dest == NULL && st->link_uri == NULL && x->dest != NULL) {
		if (!other && pdf_dest_known(pc, x->dest))
			s2 = pdf_linked(pc, st, x->dest, NULL);
		else if (other && x->volume->key != NULL) {
			s2 = pdf_linked(pc, st, arena_printf(&pc->a, "%s.pdf#%s",
			    x->volume->key, x->dest), NULL);
			/* Its annotation says where it goes (PDF/UA-1 §7.18.5). */
			r->tag = pdf_tag(pc, DEV_S_LINK, in, DEV_A_CONTENTS,
			    arena_printf(&pc->a, "%s「%s」", x->where, x->text),
			    save);
		}
	}
	if (in->children != NULL)
		pdf_runs_inlines(pc, r, in->children, s2);
	else
		runs_add(r, x->text, s2, in, in, 0, NULL);
	r->tag = save;
	if (other && x->where != NULL && (page = pdf_xref_page(pc, x->volume,
	    x->dest)) > 0)
		pdf_runs_add(pc, r, arena_printf(&pc->a, "（%s p.%d）", x->where,
		    page), st, in);
	else if (other && x->where != NULL)
		pdf_runs_add(pc, r, arena_printf(&pc->a, "（%s）", x->where), st,
		    in);
}

void
pdf_runs_inlines(struct pdf_ctx *pc, struct pdf_runs *r,
    const struct inline_node *in, const struct layout_style *st)
{
	const struct layout_style *s2;
	const struct layout_tag *save = r->tag;
	const char *dest;

	for (; in != NULL; in = in->next) {
		switch (in->type) {
		case INL_TEXT:
			runs_add(r, in->text, st, in, in, 1, NULL);
			break;
		case INL_CODE:		/* its span is at its text, after the backticks */
			runs_add(r, in->text, variant_of(pc, st, ST_GOTHIC), in,
			    in, 1, NULL);
			break;
		case INL_BREAK:
			pdf_runs_add(pc, r, "\n", st, in);
			break;
		case INL_EMPH:
			pdf_runs_inlines(pc, r, in->children,
			    variant_of(pc, st, ST_GOTHIC));
			break;
		case INL_STRONG:
			pdf_runs_inlines(pc, r, in->children,
			    variant_of(pc, st, ST_BOLD));
			break;
		case INL_STRIKE:
			pdf_runs_inlines(pc, r, in->children, st);
			break;
		case INL_LANG:		/* English inside Japanese: its own /Lang (PDF/UA-1 §7.2) */
			if (in->key != NULL)
				r->tag = pdf_tag(pc, DEV_S_SPAN, in, DEV_A_LANG,
				    in->key, save);
			pdf_runs_inlines(pc, r, in->children, st);
			r->tag = save;
			break;
		case INL_LINK:
			if (in->xref != NULL) {
				xref_runs(pc, r, in, st);
				break;
			}
			s2 = st;
			if (is_uri(in->url) && st->link_dest == NULL &&
			    st->link_uri == NULL)
				s2 = pdf_linked(pc, st, NULL, in->url);
			/* #anchor: a heading, figure or table of this page, if placed */
			dest = in->url != NULL && in->url[0] == '#' ?
			    pdf_qualify(pc, in->url + 1) : NULL;
			if (dest != NULL && st->link_dest == NULL &&
			    st->link_uri == NULL && pdf_dest_known(pc, dest))
				s2 = pdf_linked(pc, st, dest, NULL);
			if (in->children != NULL)
				pdf_runs_inlines(pc, r, in->children, s2);
			else
				runs_add(r, in->url, s2, in, in, 0, NULL);
			break;
		case INL_IMAGE:
			if (in->text != NULL && strcmp(in->text, "-") != 0)
				runs_add(r, in->text, st, in, in, 0, NULL);
			break;
		case INL_FOOTREF:
			if (in->footnote == NULL || in->footnote->number <= 0)
				break;
			s2 = smaller(pc, st);
			dest = pdf_qualify(pc, in->footnote->anchor);
			if (pdf_dest_known(pc, dest))
				s2 = pdf_linked(pc, s2, dest, NULL);
			r->tag = pdf_tag(pc, DEV_S_REFERENCE, in, DEV_A_COUNT,
			    NULL, save);
			pdf_runs_add(pc, r, arena_printf(&pc->a, "（注%d）",
			    in->footnote->number), s2, in);
			r->tag = save;
			if (!pc->measuring && pc->L == &pc->main) {
				pc->fnq = xgrow(pc->fnq, &pc->fnqcap, pc->nfnq + 1,
				    sizeof(*pc->fnq));
				pc->fnq[pc->nfnq].in = in;
				pc->fnq[pc->nfnq++].fn = in->footnote;
			}
			break;
		case INL_GLOSS:
			if (in->children != NULL)
				pdf_runs_inlines(pc, r, in->children, st);
			else if (in->term != NULL)	/* said at the reference */
				runs_add(r, in->term->term, st, in, in, 0, NULL);
			if (in->gloss_marker > 0) {
				s2 = smaller(pc, st);
				if (in->term != NULL && pc->has_glossary &&
				    pdf_dest_known(pc, in->term->anchor))
					s2 = pdf_linked(pc, s2, in->term->anchor,
					    NULL);
				r->tag = pdf_tag(pc, DEV_S_REFERENCE, in,
				    DEV_A_COUNT, NULL, save);
				if (s2->link_dest != NULL)	/* its annotation says where it goes */
					r->tag = pdf_tag(pc, DEV_S_LINK, in,
					    DEV_A_CONTENTS, arena_printf(&pc->a,
					    "用語集「%s」", in->term->term), r->tag);
				pdf_runs_add(pc, r,
				    pdf_marker_text(pc, in->gloss_marker), s2, in);
				r->tag = save;
			}
			break;
		case INL_FIELD:
			/* A short form (R8) is read out in full: /E (ISO 32000-1 §14.9.5). */
			if (in->expansion != NULL)
				r->tag = pdf_tag(pc, DEV_S_SPAN, in, DEV_A_E,
				    in->expansion, save);
			if (in->text != NULL)	/* said at the field */
				runs_add(r, in->text, st, in, in, 0, NULL);
			r->tag = save;
			break;
		}
	}
}

struct layout_para
pdf_para_defaults(const struct pdf_ctx *pc, enum pdf_st st)
{
	struct layout_para p;
	int32_t size = pc->st[st].size;

	memset(&p, 0, sizeof(p));
	p.line_height = size * 17 / 10;
	p.space_after = size / 3;
	p.indent = st == ST_BODY ? size : 0;
	p.align = LAYOUT_JUSTIFY;
	p.stype = DEV_S_P;
	return p;
}

void
pdf_para(struct pdf_ctx *pc, struct pdf_runs *r, const struct layout_para *p0)
{
	struct layout_para p = *p0;
	size_t i;

	if (r->n == 0)
		return;
	for (i = 0; i < r->n; i++)
		r->v[i].text = r->text.data + r->off[i];
	p.runs = r->v;
	p.nruns = r->n;
	p.left += pc->ileft;
	p.right += pc->iright;
	layout_para(pc->L, &p);
	if (pc->nfnq > 0 && !pc->fn_hold) {
		if (pc->L == &pc->main && !pc->measuring)
			pdf_fn_place(pc);
		pc->nfnq = 0;
	}
}

void
pdf_text_para(struct pdf_ctx *pc, const char *text, enum pdf_st st,
    enum dev_stype stype, const void *node, int32_t space_after)
{
	struct layout_para p = pdf_para_defaults(pc, st);
	struct pdf_runs r;

	memset(&r, 0, sizeof(r));
	p.indent = 0;
	p.align = LAYOUT_LEFT;
	p.stype = stype;
	p.node = node;
	p.space_after = space_after;
	if (stype >= DEV_S_H1 && stype <= DEV_S_H6)
		p.keep_after = 3 * pc->st[ST_BODY].size;
	pdf_runs_add(pc, &r, text, &pc->st[st], node);
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
}

/* ------------------------------------------------------------------ */
/* Blocks                                                             */
/* ------------------------------------------------------------------ */

void
pdf_heading(struct pdf_ctx *pc, const struct block *h)
{
	static const enum pdf_st sts[] = { ST_H2, ST_H3, ST_H4, ST_H4 };
	int lv = h->level < 2 ? 2 : h->level > 5 ? 5 : h->level;
	enum pdf_st st = sts[lv - 2];
	struct layout_para p = pdf_para_defaults(pc, st);
	struct pdf_runs r;
	struct buf t = {0};
	const char *dest = pdf_qualify(pc, h->anchor);

	memset(&r, 0, sizeof(r));
	if (h->number != NULL) {
		pdf_runs_add(pc, &r, h->number, &pc->st[st], h);
		pdf_runs_add(pc, &r, "　", &pc->st[st], h);
	}
	pdf_runs_inlines(pc, &r, h->inlines, &pc->st[st]);
	p.indent = 0;
	p.align = LAYOUT_LEFT;
	p.stype = (enum dev_stype)(DEV_S_H1 + lv - 1);
	p.node = h;
	p.space_before = pc->st[st].size;
	p.space_after = pc->st[st].size / 2;
	p.keep_after = 3 * pc->st[ST_BODY].size;
	pdf_dest(pc, dest);
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
	if (lv == 2) {
		if (h->number != NULL)
			buf_printf(&t, "%s　", h->number);
		pdf_plain(&t, h->inlines);
		pdf_outline(pc, 2, buf_str(&t), dest);
	}
	buf_free(&t);
}

static void
inline_para(struct pdf_ctx *pc, const struct block *b, enum pdf_st st,
    const char *label, int32_t labelw)
{
	struct layout_para p = pdf_para_defaults(pc, st);
	struct pdf_runs r;

	memset(&r, 0, sizeof(r));
	if (label != NULL) {
		pdf_runs_add(pc, &r, label, &pc->st[st], b);
		p.left = labelw;
		p.indent = -labelw;
	}
	pdf_runs_inlines(pc, &r, b->inlines, &pc->st[st]);
	p.node = b;
	p.span = &b->span;
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
}

/*
 * The first paragraph of a list item with its label: LI > Lbl, LBody
 * (PDF/UA-1 §7.6). The runs carry the two elements, the paragraph has
 * none of its own; the item's other blocks join the same LBody.
 */
static void
item_para(struct pdf_ctx *pc, const struct block *it, const struct block *b,
    const char *label, int32_t labelw)
{
	struct layout_para p = pdf_para_defaults(pc, ST_BODY);
	struct pdf_runs r;

	memset(&r, 0, sizeof(r));
	r.tag = pdf_tag(pc, DEV_S_LBL, it, DEV_A_COUNT, NULL, NULL);
	pdf_runs_add(pc, &r, label, &pc->st[ST_BODY], it);
	r.tag = pdf_tag(pc, DEV_S_LBODY, it, DEV_A_COUNT, NULL, NULL);
	if (b != NULL) {
		pdf_runs_inlines(pc, &r, b->inlines, &pc->st[ST_BODY]);
		p.left = labelw;
		p.indent = -labelw;
		p.span = &b->span;
	} else {
		p.indent = 0;
	}
	r.tag = NULL;
	p.stype = DEV_S_COUNT;
	p.node = b != NULL ? b : it;
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
}

static void
list(struct pdf_ctx *pc, const struct block *b)
{
	const struct block *it, *c;
	const struct layout_style *st = &pc->st[ST_BODY];
	int n = b->ordered ? b->start : 0;
	int32_t lw = b->ordered ? 2 * st->size : st->size, save = pc->ileft;
	const char *label;

	/*
	 * A list in the text is indented as a paragraph's first line is,
	 * one character, its marker hanging there and its lines aligned
	 * after it; a list inside a list or a table cell is not.
	 */
	if (pc->lists == 0 && pc->in_cell == 0)
		save = pc->ileft += st->size;
	pc->lists++;
	layout_struct_begin(pc->L, DEV_S_L, b);
	for (it = b->children; it != NULL; it = it->next, n++) {
		/* A bullet, not 「・」: that one must never start a line (禁則). */
		label = b->ordered ? arena_printf(&pc->a, "%d.", n) : "•";
		if (b->ordered)
			label = arena_printf(&pc->a, "%-*s", 4, label);
		layout_struct_begin(pc->L, DEV_S_LI, it);
		c = it->children;
		if (c != NULL && c->type == BLK_PARA) {
			item_para(pc, it, c, label, lw);
			c = c->next;
		} else {
			item_para(pc, it, NULL, label, lw);
		}
		pc->ileft += lw;
		layout_struct_begin(pc->L, DEV_S_LBODY, it);
		pdf_blocks(pc, c);
		layout_struct_end(pc->L, DEV_S_LBODY, it);
		pc->ileft = save;
		layout_struct_end(pc->L, DEV_S_LI, it);
	}
	layout_struct_end(pc->L, DEV_S_L, b);
	pc->lists--;
	if (pc->lists == 0 && pc->in_cell == 0)
		pc->ileft -= st->size;
}

static void
boxed(struct pdf_ctx *pc, const struct block *b, const char *label)
{
	struct pdf_runs r;
	struct layout_para p = pdf_para_defaults(pc, ST_BOLD);
	int32_t em = pc->st[ST_BODY].size;
	/* A quotation is a BlockQuote; a 注記 or コラム box a Div (Note is for footnotes). */
	enum dev_stype stype = b->type == BLK_QUOTE ? DEV_S_BLOCKQUOTE : DEV_S_DIV;

	pc->ileft += em;
	pc->iright += em;
	layout_struct_begin(pc->L, stype, b);
	if (label != NULL || b->inlines != NULL) {
		memset(&r, 0, sizeof(r));
		if (label != NULL)
			pdf_runs_add(pc, &r, label, &pc->st[ST_BOLD], b);
		pdf_runs_inlines(pc, &r, b->inlines, &pc->st[ST_BOLD]);
		p.indent = 0;
		p.align = LAYOUT_LEFT;
		p.node = b;
		p.keep_after = 2 * em;
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
	}
	pdf_blocks(pc, b->children);
	layout_struct_end(pc->L, stype, b);
	pc->ileft -= em;
	pc->iright -= em;
	layout_space(pc->L, em / 2);
}

static void
code(struct pdf_ctx *pc, const struct block *b)
{
	struct layout_para p = pdf_para_defaults(pc, ST_SMALL);
	struct pdf_runs r;

	memset(&r, 0, sizeof(r));
	pdf_runs_add(pc, &r, b->text, &pc->st[ST_SMALL], b);
	p.align = LAYOUT_LEFT;
	p.left = pc->st[ST_BODY].size;
	p.node = b;
	pdf_para(pc, &r, &p);
	pdf_runs_free(&r);
}

static void
rule(struct pdf_ctx *pc, const struct block *b)
{
	struct layout_page *pg = layout_need(pc->L, 12000);
	int32_t y = pc->L->y + 6000, x = pc->L->geom.left + pc->ileft;

	layout_put_rule(pc->L, pg, DEV_ART_LAYOUT, b, x, y,
	    x + pdf_colw(pc), y, 500, 0x999999);
	pc->L->y += 12000;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcasecmp(s + a - b, suf) == 0;
}

static void
figure(struct pdf_ctx *pc, const struct block *b)
{
	const struct figure *f = b->figure;
	struct layout_page *pg;
	const struct block *n;
	double iw = f->width_px, ih = f->height_px;
	int32_t colw = pdf_colw(pc), w, h, maxh, x;
	struct buf t = {0};

	if (f->path == NULL)
		return;
	if (ends_with(f->path, ".svg") && (iw <= 0 || ih <= 0))
		(void)pdf_svg_size(f->path, &iw, &ih);
	if (iw <= 0 || ih <= 0) {
		iw = 4;
		ih = 3;
	}
	maxh = (pc->L->geom.h - pc->L->geom.top - pc->L->geom.bottom) * 55 / 100;
	w = colw;
	h = (int32_t)(w * ih / iw);
	if (iw * 750 < w) {	/* never larger than 0.75 pt per pixel */
		w = (int32_t)(iw * 750);
		h = (int32_t)(ih * 750);
	}
	if (h > maxh) {
		h = maxh;
		w = (int32_t)(h * iw / ih);
	}
	pdf_dest(pc, pdf_qualify(pc, f->anchor));
	pg = layout_need(pc->L, h + 26000);
	layout_space(pc->L, 4000);
	x = pc->L->geom.left + pc->ileft + (colw - w) / 2;
	/* A decorative image is an artifact, outside the structure (PDF/UA-1 §7.3). */
	if (!f->decorative) {
		layout_struct_begin(pc->L, DEV_S_FIGURE, b);
		layout_struct_attr(pc->L, DEV_A_ALT, f->alt != NULL &&
		    *f->alt != '\0' ? f->alt : f->title != NULL ? f->title :
		    "図");
	}
	if (ends_with(f->path, ".svg"))
		pdf_svg(pc, pg, f->path, f->decorative ? NULL : b, x, pc->L->y,
		    w, h, &b->span);
	else
		layout_put_image(pc->L, pg, f->decorative ? DEV_ART_LAYOUT :
		    DEV_CONTENT, b, f->path, x, pc->L->y, w, h);
	pc->L->y += h + 4000;
	/*
	 * The caption is the Figure's last child, not its sibling, as a
	 * Table's is its first (ISO 32000-1 §14.8.4; ISO 32000-2 Annex L);
	 * beside a decorative image, which is no Figure, a P.
	 */
	if (f->number != NULL || f->title != NULL) {
		struct layout_para p = pdf_para_defaults(pc, ST_SMALLB);
		struct pdf_runs r;

		if (f->number != NULL)
			buf_printf(&t, "%s　", f->number);
		if (f->title != NULL)
			buf_puts(&t, f->title);
		memset(&r, 0, sizeof(r));
		pdf_runs_add(pc, &r, buf_str(&t), &pc->st[ST_SMALLB], b);
		p.align = LAYOUT_CENTER;
		p.stype = f->decorative ? DEV_S_P : DEV_S_CAPTION;
		p.node = b;
		pdf_para(pc, &r, &p);
		pdf_runs_free(&r);
	}
	if (!f->decorative)
		layout_struct_end(pc->L, DEV_S_FIGURE, b);
	for (n = f->notes; n != NULL; n = n->next)
		inline_para(pc, n, ST_SMALL, NULL, 0);
	layout_space(pc->L, 6000);
	buf_free(&t);
}

static void
block(struct pdf_ctx *pc, const struct block *b)
{
	switch (b->type) {
	case BLK_PARA:
		inline_para(pc, b, ST_BODY, NULL, 0);
		break;
	case BLK_HEADING:
		pdf_heading(pc, b);
		break;
	case BLK_LIST:
		list(pc, b);
		break;
	case BLK_ITEM:
		pdf_blocks(pc, b->children);
		break;
	case BLK_QUOTE:
		boxed(pc, b, NULL);
		break;
	case BLK_NOTE:
		boxed(pc, b, "注記");
		break;
	case BLK_COLUMN:
		boxed(pc, b, b->inlines != NULL ? "コラム　" : "コラム");
		break;
	case BLK_CODE:
		code(pc, b);
		break;
	case BLK_HR:
		rule(pc, b);
		break;
	case BLK_TABLE:
		pdf_md_table(pc, b->table);
		break;
	case BLK_FIGURE:
		figure(pc, b);
		break;
	case BLK_GENERATED:
		pdf_generated(pc, b->gen);
		break;
	}
}

/* A 資料：, 出典： or （注） paragraph: a source or note. */
static int
source_note(const struct block *b)
{
	static const char *const pre[] = {
		"資料：", "資料:", "出典：", "出典:", "（注）", "(注)"
	};
	struct buf t = {0};
	size_t i;
	int yes = 0;

	if (b == NULL || b->type != BLK_PARA)
		return 0;
	pdf_plain(&t, b->inlines);
	for (i = 0; i < KK_ARRAY_LEN(pre) && !yes; i++)
		yes = strncmp(buf_str(&t), pre[i], strlen(pre[i])) == 0;
	buf_free(&t);
	return yes;
}

/*
 * The blocks from b up to end (NULL: all). The 資料：/出典：/（注）
 * paragraphs right after a table are set as a figure's are (small,
 * flush left, close under it), not as body paragraphs.
 */
void
pdf_blocks_until(struct pdf_ctx *pc, const struct block *b,
    const struct block *end)
{
	int after_table = 0;

	for (; b != NULL && b != end; b = b->next) {
		if (after_table && source_note(b)) {
			inline_para(pc, b, ST_SMALL, NULL, 0);
			if (!source_note(b->next) || b->next == end)
				layout_space(pc->L, 6000);
			continue;
		}
		after_table = b->type == BLK_TABLE;
		if (after_table && b->next != end && source_note(b->next))
			pc->note_follows = 1;	/* pdf_table_emit: no space below */
		block(pc, b);
		pc->note_follows = 0;
	}
}

void
pdf_blocks(struct pdf_ctx *pc, const struct block *b)
{
	pdf_blocks_until(pc, b, NULL);
}

static int
fn_cmp(const void *x, const void *y)
{
	const struct footnote *a = *(const struct footnote *const *)x;
	const struct footnote *b = *(const struct footnote *const *)y;

	return a->number - b->number;
}

/* ------------------------------------------------------------------ */
/* Footnotes                                                          */
/* ------------------------------------------------------------------ */

/* Above the notes of a page: space, a short rule, space. */
#define FN_SEP		9000

/* One footnote: 注n and its blocks, as a Note, at the cursor of pc->L. */
static void
note(struct pdf_ctx *pc, const struct footnote *fn)
{
	const char *label = arena_printf(&pc->a, "注%d　", fn->number);
	int32_t lw = layout_text_width(&pc->st[ST_SMALL], label);
	const struct block *b;

	pdf_dest(pc, pdf_qualify(pc, fn->anchor));
	layout_struct_begin(pc->L, DEV_S_NOTE, fn);
	for (b = fn->blocks; b != NULL; b = b->next) {
		if (b->type == BLK_PARA) {
			inline_para(pc, b, ST_SMALL, b == fn->blocks ? label : NULL,
			    lw);
		} else {
			pc->ileft += lw;
			block(pc, b);
			pc->ileft -= lw;
		}
	}
	layout_struct_end(pc->L, DEV_S_NOTE, fn);
}

static int
fn_placed(const struct pdf_ctx *pc, const struct footnote *fn)
{
	size_t i;

	for (i = 0; i < pc->nfnotes; i++)
		if (pc->fnotes[i].fn == fn)
			return 1;
	return 0;
}

/*
 * Sets fn at the top of a page of its own layout L (the column of main,
 * endless), measuring only (no destination placed) or for real. Returns
 * its height.
 */
static int32_t
set_note(struct pdf_ctx *pc, const struct footnote *fn, struct layout *L,
    int measure)
{
	struct layout *save = pc->L;
	struct layout_geom g = pc->main.geom;
	int32_t il = pc->ileft, ir = pc->iright, h;

	g.top = 0;
	g.bottom = 0;
	g.h = 1000000000;
	layout_init(L, &g, pc->main.fonts, pc->d);
	pc->L = L;
	pc->ileft = pc->iright = 0;
	pc->measuring += measure;
	(void)layout_open_page(L);
	note(pc, fn);
	h = L->y;
	pc->measuring -= measure;
	pc->L = save;
	pc->ileft = il;
	pc->iright = ir;
	return h;
}

/* The page of main that holds the box of inline node in, or SIZE_MAX. */
static size_t
page_of(const struct layout *M, const void *in)
{
	size_t i, k, stop = M->npages > PDF_FN_LOOKBACK ?
	    M->npages - PDF_FN_LOOKBACK : 0;

	for (i = M->npages; i-- > stop;)
		for (k = M->pages[i].n; k-- > 0;)
			if (M->pages[i].v[k].type == BOX_TEXT &&
			    M->pages[i].v[k].mark.node == in)
				return i;
	return SIZE_MAX;
}

/*
 * Footnotes go to the foot of the page where they are referenced (JIS
 * practice): if a note fits below what that page already holds, the
 * page's body area is shortened by its height; else it goes to the end
 * of its chapter or sheet (pdf_footnotes()).
 */
void
pdf_fn_place(struct pdf_ctx *pc)
{
	struct layout *M = &pc->main;
	struct layout tmp;
	struct pdf_fnote *n;
	size_t i, k, pg;
	int32_t h, sep, limit, fill;

	for (i = 0; i < pc->nfnq; i++) {
		const struct footnote *fn = pc->fnq[i].fn;

		if (fn == NULL || fn_placed(pc, fn))
			continue;
		for (k = 0; k < i; k++)	/* referred to twice in the paragraph */
			if (pc->fnq[k].fn == fn)
				break;
		if (k < i)
			continue;
		pg = page_of(M, pc->fnq[i].in);
		if (pg == SIZE_MAX || pg >= pc->npinfo)
			continue;
		h = set_note(pc, fn, &tmp, 1);
		layout_free(&tmp);
		sep = pc->pfoot[pg] == 0 ? FN_SEP : 0;
		limit = M->geom.h - pc->base_bottom - pc->pfoot[pg] - sep;
		fill = M->open && pg + 1 == M->npages ? M->y : pc->pfill[pg];
		if (fill + h > limit)
			continue;	/* to the end of the chapter */
		pc->fnotes = xgrow(pc->fnotes, &pc->fnotecap, pc->nfnotes + 1,
		    sizeof(*pc->fnotes));
		n = &pc->fnotes[pc->nfnotes++];
		n->fn = fn;
		n->page = pg;
		n->h = set_note(pc, fn, &n->L, 0);
		pc->pfoot[pg] += h + sep;
		if (M->open && pg + 1 == M->npages)
			M->geom.bottom = pc->base_bottom + pc->pfoot[pg];
	}
}

void
pdf_fn_draw(struct pdf_ctx *pc, size_t upto)
{
	struct layout *M = &pc->main;
	struct layout_page *p;
	size_t i, pg = SIZE_MAX;
	int32_t y = 0, x = M->geom.left;

	for (i = 0; i < pc->nfnotes; i++) {
		struct pdf_fnote *n = &pc->fnotes[i];

		/* drawn already (its layout freed), or on a page still open to notes */
		if (n->page >= M->npages || n->page >= upto || n->L.npages == 0)
			continue;
		p = &M->pages[n->page];
		if (n->page != pg) {	/* the first note of its page: the rule */
			pg = n->page;
			y = M->geom.h - pc->base_bottom - pc->pfoot[pg];
			layout_put_rule(M, p, DEV_ART_LAYOUT, NULL, x, y + 3500,
			    x + layout_column_width(M) / 3, y + 3500, 500,
			    0x666666);
			y += FN_SEP;
		}
		layout_copy_page(M, p, &n->L.pages[0], 0, y);
		y += n->h;
		layout_free(&n->L);
	}
}

void
pdf_fn_free(struct pdf_ctx *pc)
{
	size_t i;

	for (i = 0; i < pc->nfnotes; i++)
		layout_free(&pc->fnotes[i].L);
	free(pc->fnotes);
	free(pc->fnq);
	free(pc->pfoot);
	free(pc->pfill);
	pc->fnotes = NULL;
	pc->fnq = NULL;
	pc->pfoot = pc->pfill = NULL;
	pc->nfnotes = pc->fnotecap = pc->nfnq = pc->fnqcap = 0;
	pc->npinfo = pc->pinfocap = pc->pfillcap = 0;
}

void
pdf_fn_page_begin(struct pdf_ctx *pc, struct layout_page *p)
{
	size_t i = (size_t)p->number - 1;

	pc->pfoot = xgrow(pc->pfoot, &pc->pinfocap, i + 1, sizeof(*pc->pfoot));
	pc->pfill = xgrow(pc->pfill, &pc->pfillcap, i + 1, sizeof(*pc->pfill));
	while (pc->npinfo <= i) {
		pc->pfoot[pc->npinfo] = 0;
		pc->pfill[pc->npinfo++] = 0;
	}
	pc->main.geom.bottom = pc->base_bottom;
}

void
pdf_fn_page_end(struct pdf_ctx *pc, struct layout_page *p)
{
	size_t i = (size_t)p->number - 1;

	if (i < pc->npinfo)
		pc->pfill[i] = pc->main.y;
}

/* The footnotes of a chapter or sheet not placed at a page foot, at its end, in order of reference. */
void
pdf_footnotes(struct pdf_ctx *pc, const struct doc *doc)
{
	const struct footnote *fn, **v = NULL;
	size_t n = 0, cap = 0, i;
	struct layout_page *pg;

	for (fn = doc->footnotes; fn != NULL; fn = fn->next)
		if (fn->number > 0 && !fn_placed(pc, fn)) {
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			v[n++] = fn;
		}
	if (n == 0)
		return;
	qsort(v, n, sizeof(*v), fn_cmp);
	pg = layout_need(pc->L, 30000);
	layout_space(pc->L, 6000);
	layout_put_rule(pc->L, pg, DEV_ART_LAYOUT, NULL,
	    pc->L->geom.left + pc->ileft, pc->L->y,
	    pc->L->geom.left + pc->ileft + pdf_colw(pc) / 3, pc->L->y, 500,
	    0x666666);
	layout_space(pc->L, 4000);
	for (i = 0; i < n; i++)
		note(pc, v[i]);
	free(v);
}

/* ------------------------------------------------------------------ */
/* Years and dates                                                    */
/* ------------------------------------------------------------------ */

const char *
pdf_when(struct pdf_ctx *pc, struct buf *b, const struct kdate *d, int fy,
    enum fy_style style)
{
	struct buf l = {0};
	const char *s = NULL;

	if (when_format(b, &l, d, fy, style))
		s = arena_strdup(&pc->a, buf_str(&l));
	buf_free(&l);
	return s;
}

void
pdf_runs_when(struct pdf_ctx *pc, struct pdf_runs *r, const struct kdate *d,
    int fy, enum fy_style style, const struct layout_style *st,
    const void *node)
{
	const struct layout_tag *save = r->tag;
	struct buf b = {0};
	const char *full = pdf_when(pc, &b, d, fy, style);

	if (full != NULL)	/* read out in full: /E (ISO 32000-1 §14.9.5) */
		r->tag = pdf_tag(pc, DEV_S_SPAN, node, DEV_A_E, full, save);
	pdf_runs_add(pc, r, buf_str(&b), st, node);
	r->tag = save;
	buf_free(&b);
}
