/*
 * md_inline.c: inline conversion for the Markdown adapter (see md.h and
 * md_priv.h): cmark inlines to model inlines, the markers of the
 * pre-processor expanded into glossary references, fields and language
 * spans, soft line breaks joined by the CSS Text 3 rule, link safety, and
 * positions of inline nodes.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "md.h"
#include "md_priv.h"

/* The text of a soft break until finish() decides what it becomes. */
static char softbreak[] = "\n";

const char *const md_field_names[] = {
	"period", "fy", "date", "plan.title", "city.name"
};
const size_t md_nfield_names = KK_ARRAY_LEN(md_field_names);

static const char *const styles[] = { "long", "era", "short", "western" };

static int
strncasecmp_(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 1;
		if (a[i] == '\0')
			return 0;
	}
	return 0;
}

int
md_is_field(const char *name)
{
	size_t i;

	for (i = 0; i < md_nfield_names; i++)
		if (strcmp(md_field_names[i], name) == 0)
			return 1;
	return 0;
}

struct ilist {
	struct inline_node	*head, *tail;
};

/* An open [text]{lang=xx} span whose close is still to come. */
struct frame {
	size_t			 atom;
	struct inline_node	*node;
	struct ilist		 list;
};

struct conv {
	struct md_ctx		*ctx;
	const struct md_binfo	*bi;
	cmark_node		*node;	/* the node being converted */
	int			 depth;
	struct ilist		 root;
	struct frame		*fr;
	size_t			 nfr, capfr;
};

static struct inline_node *
new_inl(struct md_ctx *ctx, enum inline_type t, const struct span *sp)
{
	struct inline_node *n = ARENA_NEW(ctx->a, struct inline_node);

	n->type = t;
	n->span = *sp;
	return n;
}

static void
il_add(struct ilist *l, struct inline_node *n)
{
	n->next = NULL;
	if (l->tail != NULL)
		l->tail->next = n;
	else
		l->head = n;
	l->tail = n;
}

static void
add(struct conv *cv, struct inline_node *n)
{
	il_add(cv->nfr ? &cv->fr[cv->nfr - 1].list : &cv->root, n);
}

/* ------------------------------------------------------------------ */
/* Positions                                                           */
/* ------------------------------------------------------------------ */

/*
 * Searches are bounded per parse (ctx->search_budget): thousands of nodes
 * whose text is not found would otherwise scan the block each time. Past
 * the budget, positions fall back to the block's.
 */
static int
search_line(struct md_ctx *ctx, size_t li, size_t from, const char *needle,
    size_t nlen, size_t *off)
{
	const char *s = ctx->src + ctx->lines[li].off;
	size_t len = ctx->lines[li].len, i;

	if (from >= len || ctx->search_budget < len - from)
		return 0;
	ctx->search_budget -= len - from;
	for (i = from; i + nlen <= len; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, nlen) == 0) {
			*off = i;
			return 1;
		}
	return 0;
}

/*
 * Finds needle on line (cmark numbering) from byte column col, then
 * anywhere in the block's lines. The scan is bounded, so that many failed
 * searches stay linear.
 */
static int
find_raw(struct md_ctx *ctx, const struct md_binfo *bi, int line, int col,
    const char *needle, size_t *li, size_t *off)
{
	size_t nlen = strlen(needle), l;

	if (nlen == 0 || ctx->nlines == 0)
		return 0;
	if (line >= 1 && (size_t)line <= ctx->nlines) {
		*li = (size_t)line - 1;
		if (search_line(ctx, *li, col > 1 ? (size_t)col - 1 : 0, needle,
		    nlen, off))
			return 1;
	}
	if (bi == NULL || bi->l0 < 1)
		return 0;
	for (l = (size_t)bi->l0; l <= (size_t)bi->l1 && l <= ctx->nlines;
	    l++) {
		*li = l - 1;
		if (search_line(ctx, *li, 0, needle, nlen, off))
			return 1;
	}
	return 0;
}

int
md_find(struct md_ctx *ctx, const struct md_binfo *bi, int line, int col,
    const char *needle, struct span *out)
{
	size_t li, off;

	if (!find_raw(ctx, bi, line, col, needle, &li, &off))
		return 0;
	*out = md_pos(ctx, (int)li + 1, (int)off + 1);
	return 1;
}

/* Is a link with this URL and text an autolink (<…>, www., e-mail)? */
static int
is_autolink(const char *url, const char *text)
{
	size_t n = strlen(url), m = strlen(text);

	if (m == 0 || n < m || strcmp(url + n - m, text) != 0)
		return 0;
	return n == m || (n - m == 7 && (strncmp(url, "mailto:", 7) == 0 ||
	    strncmp(url, "http://", 7) == 0));
}

/*
 * cmark-gfm's inline positions are right on most lines, shifted left on a
 * continuation line that had leading blanks, and missing for the autolink
 * extension and in a paragraph a table interrupted: check the source at the
 * position, and search for the node's text when it is not there.
 */
static int
inline_raw_pos(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *bi,
    size_t *li, size_t *off)
{
	cmark_node_type t = cmark_node_get_type(n);
	int line = bi->reliable ? cmark_node_get_start_line(n) : 0;
	int col = cmark_node_get_start_column(n), found = 0, autolink = 0;
	struct buf nb = {0};
	const char *lit;
	cmark_node *c;

	if (t == CMARK_NODE_HTML_INLINE) {
		lit = cmark_node_get_literal(n);
		if (lit != NULL)
			buf_put(&nb, lit, strcspn(lit, "\n"));
	} else if (t == CMARK_NODE_IMAGE)
		buf_puts(&nb, "![");
	else if (t == CMARK_NODE_FOOTNOTE_REFERENCE)
		buf_puts(&nb, "[^");
	else if (t == CMARK_NODE_LINK) {
		c = cmark_node_first_child(n);
		lit = c != NULL && cmark_node_get_type(c) == CMARK_NODE_TEXT ?
		    cmark_node_get_literal(c) : NULL;
		if (lit != NULL && cmark_node_get_url(n) != NULL &&
		    is_autolink(cmark_node_get_url(n), lit)) {
			autolink = 1;
			buf_puts(&nb, lit);
		} else
			buf_puts(&nb, "[");
	}
	if (nb.len > 0 && find_raw(ctx, bi, line, col, buf_str(&nb), li, off)) {
		found = 1;
		if (autolink && *off > 0 &&
		    ctx->src[ctx->lines[*li].off + *off - 1] == '<')
			(*off)--;
	} else if (nb.len == 0 && line >= 1 && (size_t)line <= ctx->nlines) {
		found = 1;
		*li = (size_t)line - 1;
		*off = col > 0 ? (size_t)col - 1 : 0;
	}
	buf_free(&nb);
	return found;
}

/*
 * cmark-gfm's inline positions are right on most lines, shifted left on a
 * continuation line that had leading blanks, and missing for the autolink
 * extension and in a paragraph a table interrupted: check the source at the
 * position, and search for the node's text when it is not there.
 */
struct span
md_inline_pos(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *bi)
{
	size_t li, off;

	if (inline_raw_pos(ctx, n, bi, &li, &off))
		return md_pos(ctx, (int)li + 1, (int)off + 1);
	return bi->span;
}

/* ------------------------------------------------------------------ */
/* Markers                                                             */
/* ------------------------------------------------------------------ */

/*
 * Reads the marker at u (MK_IS(u)); returns its length and sets *kind and
 * *idx (SIZE_MAX when it names no atom).
 */
static size_t
read_marker(struct md_ctx *ctx, const unsigned char *u, int *kind,
    size_t *idx)
{
	size_t j = 3, v = 0;
	int ok = 1;

	*kind = u[2];
	*idx = SIZE_MAX;
	if (*kind != MK_ATOM && *kind != MK_LANG_OPEN &&
	    *kind != MK_LANG_CLOSE)
		return 3;
	while (MK_IS(u + j) && u[j + 2] >= MK_HEX0) {
		if (v > ctx->natoms)
			ok = 0;
		else
			v = v * 16 + (size_t)(u[j + 2] - MK_HEX0);
		j += 3;
	}
	if (MK_IS(u + j) && u[j + 2] == MK_END)
		j += 3;
	if (ok && v < ctx->natoms)
		*idx = v;
	return j;
}

char *
md_restore(struct md_ctx *ctx, const char *s)
{
	struct buf b = {0};
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, idx, n;
	const struct md_atom *a;
	char *r;
	int kind;

	if (s == NULL)
		return NULL;
	while (u[i] != '\0') {
		if (!MK_IS(u + i)) {
			buf_putc(&b, u[i++]);
			continue;
		}
		n = read_marker(ctx, u + i, &kind, &idx);
		i += n;
		if (idx == SIZE_MAX)
			continue;
		a = &ctx->atoms[idx];
		buf_puts(&b, kind == MK_LANG_CLOSE ? a->close_orig : a->orig);
	}
	r = arena_strndup(ctx->a, buf_str(&b), b.len);
	buf_free(&b);
	return r;
}

static void
check_field(struct md_ctx *ctx, const struct md_atom *a)
{
	struct buf msg = {0};
	const char *name = a->key, *p, *tok[3];
	size_t ntok = 0, len[3], i;
	struct span sp, name_sp = a->span;

	name_sp.col += 2;	/* after {{ */

	if (md_is_generated(name)) {
		md_err(ctx, &name_sp, "unknown-field", "{{%s}} is a generated "
		    "block: write it alone in its own paragraph", name);
		return;
	}
	if (!md_is_field(name)) {
		buf_printf(&msg, "unknown field '{{%s}}'", name);
		diag_suggest(&msg, name, md_field_names, md_nfield_names);
		md_err(ctx, &name_sp, "unknown-field", "%s", buf_str(&msg));
		buf_free(&msg);
		return;
	}
	if (strcmp(name, "fy") != 0 && strcmp(name, "date") != 0) {
		if (a->text != NULL)
			md_err(ctx, &a->args_span, "bad-argument",
			    "{{%s}} takes no arguments", name);
		return;
	}
	if (a->text == NULL) {
		md_err(ctx, &name_sp, "bad-argument", strcmp(name, "fy") == 0 ?
		    "{{fy}} needs a fiscal year, as in {{fy R8}}" :
		    "{{date}} needs a date, as in {{date R8.3}}");
		return;
	}
	for (p = a->text; *p != '\0' && ntok < 3;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		tok[ntok] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		len[ntok] = (size_t)(p - tok[ntok]);
		ntok++;
	}
	sp = a->args_span;
	if (ntok == 3) {
		sp.col += (int)utf8_count(a->text, (size_t)(tok[2] - a->text));
		md_err(ctx, &sp, "bad-argument", "{{%s}} takes a %s and an "
		    "optional style (long, era, short, western)", name,
		    strcmp(name, "fy") == 0 ? "fiscal year" : "date");
	} else if (ntok == 2) {
		for (i = 0; i < KK_ARRAY_LEN(styles); i++)
			if (strlen(styles[i]) == len[1] &&
			    strncmp(styles[i], tok[1], len[1]) == 0)
				return;
		sp.col += (int)utf8_count(a->text, (size_t)(tok[1] - a->text));
		buf_printf(&msg, "unknown argument '%.*s' of {{%s}} (a style: "
		    "long, era, short or western)", (int)len[1], tok[1], name);
		p = arena_strndup(ctx->a, tok[1], len[1]);
		diag_suggest(&msg, p, styles, KK_ARRAY_LEN(styles));
		md_err(ctx, &sp, "bad-argument", "%s", buf_str(&msg));
		buf_free(&msg);
	}
}

/* ------------------------------------------------------------------ */
/* Conversion                                                          */
/* ------------------------------------------------------------------ */

static void finish(struct conv *, struct ilist *);

static void
lang_error(struct md_ctx *ctx, struct md_atom *a)
{
	if (a->reported)
		return;
	a->reported = 1;
	md_err(ctx, &a->span, "lang-span", "the language span [...]{lang=%s} "
	    "must open and close in the same element (both inside or both "
	    "outside the same emphasis or link)", a->key);
}

static void
pop_frame(struct conv *cv)
{
	struct frame *f = &cv->fr[--cv->nfr];

	finish(cv, &f->list);
	f->node->children = f->list.head;
}

static void
lang_open(struct conv *cv, size_t idx)
{
	struct md_atom *a = &cv->ctx->atoms[idx];
	struct inline_node *n;
	struct frame *f;

	if (md_too_deep(cv->ctx, cv->depth + (int)cv->nfr + 1, &a->span,
	    cv->node, (int)cv->nfr + 1)) {
		a->reported = 1;	/* its close is then ignored */
		return;
	}
	n = new_inl(cv->ctx, INL_LANG, &a->span);
	n->key = a->key;
	add(cv, n);
	cv->fr = xgrow(cv->fr, &cv->capfr, cv->nfr + 1, sizeof(*cv->fr));
	f = &cv->fr[cv->nfr++];
	f->atom = idx;
	f->node = n;
	f->list.head = f->list.tail = NULL;
}

static void
lang_close(struct conv *cv, size_t idx)
{
	size_t k;

	for (k = cv->nfr; k > 0; k--)
		if (cv->fr[k - 1].atom == idx)
			break;
	if (k == 0) {
		lang_error(cv->ctx, &cv->ctx->atoms[idx]);
		return;
	}
	while (cv->nfr >= k)
		pop_frame(cv);
}

static void
add_text(struct conv *cv, const char *s, size_t n, const struct span *sp)
{
	struct inline_node *t;

	if (n == 0)
		return;
	t = new_inl(cv->ctx, INL_TEXT, sp);
	t->text = arena_strndup(cv->ctx->a, s, n);
	add(cv, t);
}

/* A cmark text literal: plain text, with the markers expanded. */
static void
split_text(struct conv *cv, const char *s, struct span sp)
{
	struct md_ctx *ctx = cv->ctx;
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, st = 0, idx;
	struct inline_node *n;
	struct md_atom *a;
	int kind;

	if (s == NULL)
		return;
	while (u[i] != '\0') {
		if (!MK_IS(u + i)) {
			i++;
			continue;
		}
		add_text(cv, s + st, i - st, &sp);
		i += read_marker(ctx, u + i, &kind, &idx);
		st = i;
		if (idx == SIZE_MAX)
			continue;
		a = &ctx->atoms[idx];
		if (kind == MK_LANG_OPEN) {
			lang_open(cv, idx);
			sp = a->span;
			sp.col++;
			continue;
		}
		sp = a->end;
		if (kind == MK_LANG_CLOSE) {
			lang_close(cv, idx);
			continue;
		}
		if (a->kind == ATOM_GLOSS) {
			n = new_inl(ctx, INL_GLOSS, &a->span);
			n->key = a->key;
			if (a->text != NULL) {
				n->children = new_inl(ctx, INL_TEXT, &a->span);
				n->children->text = a->text;
			}
			add(cv, n);
		} else if (a->kind == ATOM_FIELD) {
			n = new_inl(ctx, INL_FIELD, &a->span);
			n->key = a->key;
			n->args = a->text;
			check_field(ctx, a);
			add(cv, n);
		}
	}
	add_text(cv, s + st, i - st, &sp);
}

/*
 * A cmark text node: its literal with each piece at the place it was
 * written. cmark joins the text around a backslash escape or an entity
 * into one node, whose literal is then shorter than its source (\* is *,
 * &amp; is &): the literal is cut there and each piece goes to split_text
 * with its own place (finish() joins the pieces again, keeping where each
 * was written). Only a node on one line with trusted positions; where
 * literal and source part in another way, the rest keeps the last place.
 */
static void
text_node(struct conv *cv, cmark_node *n, const char *lit, struct span sp)
{
	struct md_ctx *ctx = cv->ctx;
	int line = cmark_node_get_start_line(n);
	int c0 = cmark_node_get_start_column(n);
	int c1 = cmark_node_get_end_column(n);
	const struct md_line *L;
	const char *s;
	size_t i = 0, st = 0, j, end, k, ll;
	uint32_t cp;

	if (lit == NULL || !cv->bi->reliable || line < 1 || c0 < 1 ||
	    c1 < c0 || cmark_node_get_end_line(n) != line ||
	    (size_t)line > ctx->nlines) {
		split_text(cv, lit, sp);
		return;
	}
	L = &ctx->lines[line - 1];
	s = ctx->src + L->off;
	j = (size_t)c0 - 1;
	end = (size_t)c1 < L->len ? (size_t)c1 : L->len;
	ll = strlen(lit);
	if (j > end || (end - j == ll && memcmp(s + j, lit, ll) == 0)) {
		split_text(cv, lit, sp);	/* written as it reads */
		return;
	}
	while (i < ll && j < end) {
		/* an entity, unless cmark kept it as written (&bogus;) */
		for (k = j + 1; s[j] == '&' && k < end && k - j < 40 &&
		    (s[k] == '#' || (s[k] >= '0' && s[k] <= '9') ||
		    ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')); k++)
			;
		if (s[j] == '&' && k < end && s[k] == ';' && k > j + 1 &&
		    !(ll - i > k - j && memcmp(lit + i, s + j, k + 1 - j) == 0)) {
			k++;			/* after the entity */
			if (i > st)
				split_text(cv, arena_strndup(ctx->a, lit + st,
				    i - st), sp);
			st = i;
			sp = md_pos(ctx, line, (int)j + 1);
			i += utf8_decode(lit + i, ll - i, &cp);
		} else if (lit[i] == s[j]) {
			i++;
			j++;
			continue;
		} else if (s[j] == '\\' && j + 1 < end && s[j + 1] == lit[i]) {
			k = j + 1;		/* \* is *: the * at its place */
		} else {
			break;
		}
		if (i > st)
			split_text(cv, arena_strndup(ctx->a, lit + st, i - st),
			    sp);
		st = i;
		j = k;
		sp = md_pos(ctx, line, (int)j + 1);
	}
	split_text(cv, st == 0 ? lit : arena_strndup(ctx->a, lit + st,
	    ll - st), sp);
}

/*
 * A code span over several lines: cmark turns each line ending into a
 * space, and drops the line's leading white space and any container
 * prefix (> or a list item's indent). Pieces say where the text of each
 * later line was written: the first place in that line from which the
 * source reads as the literal does. None if they part.
 */
static void
code_pieces(struct conv *cv, cmark_node *n, struct inline_node *x)
{
	struct md_ctx *ctx = cv->ctx;
	int l0 = cmark_node_get_start_line(n), l1 = cmark_node_get_end_line(n);
	int c0 = cmark_node_get_start_column(n), li;
	const struct md_line *L;
	const char *lit = x->text, *s;
	size_t ll, i, p, m, np = 0;
	struct span_piece *pc;

	if (lit == NULL || !cv->bi->reliable || l0 < 1 || c0 < 1 ||
	    l1 <= l0 || (size_t)l1 > ctx->nlines)
		return;
	ll = strlen(lit);
	L = &ctx->lines[l0 - 1];
	i = (size_t)c0 - 1 <= L->len ? L->len - ((size_t)c0 - 1) : 0;
	if (i < ll && lit[i] != ' ' && i > 0 && lit[i - 1] == ' ')
		i--;			/* one leading space dropped */
	pc = arena_alloc(ctx->a, (size_t)(l1 - l0) * sizeof(*pc));
	for (li = l0 + 1; li <= l1 && i < ll && lit[i] == ' '; li++) {
		L = &ctx->lines[li - 1];
		s = ctx->src + L->off;
		i++;
		for (p = 0; p <= L->len; p++) {
			/* the last line's text ends before the backticks */
			m = li == l1 ? ll - i : L->len - p;
			if (p + m <= L->len && m <= ll - i &&
			    memcmp(s + p, lit + i, m) == 0 &&
			    (li == l1 || (i + m < ll && lit[i + m] == ' ')))
				break;
		}
		if (p > L->len)
			break;
		pc[np].off = i;
		pc[np].fixed = 0;
		pc[np++].span = md_pos(ctx, li, (int)p + 1);
		i += L->len - p;
	}
	if (np > 0) {
		x->pieces = pc;
		x->npieces = np;
	}
}

/* Alt text: the plain text of an image's description. */
static char *
alt_text(struct conv *cv, cmark_node *img)
{
	struct inline_node *alt;
	struct buf b = {0};
	char *r;

	alt = md_conv_inlines(cv->ctx, cmark_node_first_child(img), NULL,
	    cv->bi, cv->depth + 1);
	md_plain_text(&b, alt);
	r = arena_strndup(cv->ctx->a, buf_str(&b), b.len);
	buf_free(&b);
	return r;
}

static void
conv_one(struct conv *cv, cmark_node *n)
{
	struct md_ctx *ctx = cv->ctx;
	const struct md_binfo *bi = cv->bi;
	cmark_node_type t = cmark_node_get_type(n);
	struct inline_node *x;
	struct span sp = bi->span;
	const char *s;
	long num;

	if (bi->reliable && cmark_node_get_start_line(n) >= 1)
		sp = md_pos(ctx, cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n));
	if (t == CMARK_NODE_TEXT) {
		text_node(cv, n, cmark_node_get_literal(n), sp);
	} else if (t == CMARK_NODE_SOFTBREAK) {
		x = new_inl(ctx, INL_TEXT, &sp);
		x->text = softbreak;
		add(cv, x);
	} else if (t == CMARK_NODE_LINEBREAK) {
		add(cv, new_inl(ctx, INL_BREAK, &sp));
	} else if (t == CMARK_NODE_CODE) {
		x = new_inl(ctx, INL_CODE, &sp);
		x->text = md_restore(ctx, cmark_node_get_literal(n));
		code_pieces(cv, n, x);
		add(cv, x);
	} else if (t == CMARK_NODE_HTML_INLINE) {
		sp = md_inline_pos(ctx, n, bi);
		md_raw_html(ctx, &sp, cmark_node_get_literal(n), 0);
	} else if (t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG ||
	    t == CMARK_NODE_STRIKETHROUGH) {
		x = new_inl(ctx, t == CMARK_NODE_EMPH ? INL_EMPH :
		    t == CMARK_NODE_STRONG ? INL_STRONG : INL_STRIKE, &sp);
		x->children = md_conv_inlines(ctx, cmark_node_first_child(n),
		    NULL, bi, cv->depth + 1);
		add(cv, x);
	} else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
		sp = md_inline_pos(ctx, n, bi);
		x = new_inl(ctx, t == CMARK_NODE_LINK ? INL_LINK : INL_IMAGE,
		    &sp);
		x->url = md_restore(ctx, cmark_node_get_url(n));
		if (x->url == NULL)
			x->url = arena_strdup(ctx->a, "");
		s = cmark_node_get_title(n);
		if (s != NULL && *s != '\0')
			x->title = md_restore(ctx, s);
		md_check_url(ctx, n, bi, x->url);
		if (t == CMARK_NODE_LINK)
			x->children = md_conv_inlines(ctx,
			    cmark_node_first_child(n), NULL, bi, cv->depth + 1);
		else {
			x->text = alt_text(cv, n);
			if (strcmp(x->text, "-") == 0)
				x->text[0] = '\0';
			else if (x->text[0] == '\0')
				md_err(ctx, &sp, "missing-alt", "image has no "
				    "alt text: describe the image in the "
				    "brackets, or write ![-](%s) if it is purely "
				    "decorative", x->url);
		}
		add(cv, x);
	} else if (t == CMARK_NODE_FOOTNOTE_REFERENCE) {
		x = new_inl(ctx, INL_FOOTREF, &sp);
		s = cmark_node_get_literal(n);
		num = s ? strtol(s, NULL, 10) : 0;
		x->key = num > 0 && (size_t)num < ctx->nfn_labels &&
		    ctx->fn_labels[num] ? ctx->fn_labels[num] :
		    arena_strdup(ctx->a, s ? s : "");
		add(cv, x);
	}
}

struct inline_node *
md_conv_inlines(struct md_ctx *ctx, cmark_node *first, cmark_node *stop,
    const struct md_binfo *bi, int depth)
{
	struct conv cv;
	cmark_node *n;

	if (first == NULL || first == stop)
		return NULL;
	if (md_too_deep(ctx, depth, &bi->span, cmark_node_parent(first), 0))
		return NULL;
	memset(&cv, 0, sizeof(cv));
	cv.ctx = ctx;
	cv.bi = bi;
	cv.depth = depth;
	for (n = first; n != NULL && n != stop; n = cmark_node_next(n)) {
		cv.node = n;
		conv_one(&cv, n);
	}
	while (cv.nfr > 0) {
		lang_error(ctx, &ctx->atoms[cv.fr[cv.nfr - 1].atom]);
		pop_frame(&cv);
	}
	finish(&cv, &cv.root);
	free(cv.fr);
	return cv.root.head;
}

/* ------------------------------------------------------------------ */
/* Soft breaks, text merging, undefined footnotes                      */
/* ------------------------------------------------------------------ */

enum edge {
	EDGE_WIDE,
	EDGE_NARROW,
	EDGE_UNKNOWN,	/* a glossary term or field, not known yet */
	EDGE_ZWSP	/* U+200B: the break is removed whatever the other side */
};

/*
 * CSS Text 3 removes a segment break between two characters whose East
 * Asian Width is F, W or H, unless one is Hangul (Korean separates words
 * with spaces).
 */
static int
joins(uint32_t cp)
{
	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xFFA0 && cp <= 0xFFDC))
		return 0;
	return cp_is_wide(cp) || (cp >= 0xFF61 && cp <= 0xFF9F);
}

static enum edge
edge(const struct inline_node *n, int last, int depth)
{
	const struct inline_node *c;
	uint32_t cp;
	size_t len;

	if (n == NULL || depth > 2 * MD_MAX_NESTING)
		return EDGE_UNKNOWN;
	switch (n->type) {
	case INL_TEXT:
	case INL_CODE:
		if (n->text == NULL || (len = strlen(n->text)) == 0)
			return EDGE_UNKNOWN;
		cp = last ? utf8_prev(n->text, len) : utf8_at(n->text, len, 0);
		if (cp == 0x200B)
			return EDGE_ZWSP;
		return joins(cp) ? EDGE_WIDE : EDGE_NARROW;
	case INL_BREAK:
		return EDGE_NARROW;
	case INL_EMPH:
	case INL_STRONG:
	case INL_STRIKE:
	case INL_LINK:
	case INL_LANG:
	case INL_GLOSS:
		c = n->children;
		if (c == NULL)
			return EDGE_UNKNOWN;
		while (last && c->next != NULL)
			c = c->next;
		return edge(c, last, depth + 1);
	default:
		return EDGE_UNKNOWN;
	}
}

static void
unknown_footnotes(struct conv *cv, const struct inline_node *t)
{
	const char *p = t->text, *q, *e;
	struct buf nb = {0};
	size_t li, off;
	struct span sp;

	while ((q = strstr(p, "[^")) != NULL) {
		for (e = q + 2; *e && *e != ']' && *e != '[' && *e != ' ' &&
		    *e != '\t'; e++)
			;
		p = q + 2;
		if (*e != ']' || e == q + 2)
			continue;
		buf_reset(&nb);
		buf_put(&nb, q, (size_t)(e + 1 - q));
		sp = t->span;
		if (find_raw(cv->ctx, cv->bi, 0, 0, buf_str(&nb), &li, &off)) {
			if (off > 0 &&
			    cv->ctx->src[cv->ctx->lines[li].off + off - 1] == '\\')
				continue;	/* written \[^x]: text */
			sp = md_pos(cv->ctx, (int)li + 1, (int)off + 1);
		}
		md_err(cv->ctx, &sp, "unknown-footnote", "footnote %s is not "
		    "defined; add a line '%s: …'", buf_str(&nb), buf_str(&nb));
	}
	buf_free(&nb);
}

/*
 * A soft line break between two East Asian wide characters joins the lines
 * without a space (CSS Text 3, segment break transformation: F, W or H on
 * both sides, no Hangul; or a zero width space on either); elsewhere it
 * is a space. A glossary reference without text or a field is not known
 * until resolve: it counts as wide next to a wide character, so that
 * 「…の\n[[qr]]」 does not get a space in Japanese text.
 * Then adjacent text nodes are merged and empty ones dropped.
 */
static void
finish(struct conv *cv, struct ilist *l)
{
	struct inline_node *n, *prev = NULL, *next, *m;
	struct span_piece *pieces;
	size_t np, k;
	enum edge a, b;
	struct buf t = {0};

	for (n = l->head; n != NULL; n = next) {
		next = n->next;
		if (n->type == INL_TEXT && n->text == softbreak) {
			if (prev == NULL || next == NULL) {
				if (prev)
					prev->next = next;
				else
					l->head = next;
				continue;
			}
			a = edge(prev, 1, 0);
			b = edge(next, 0, 0);
			n->text = arena_strdup(cv->ctx->a, a == EDGE_ZWSP ||
			    b == EDGE_ZWSP || (a != EDGE_NARROW &&
			    b != EDGE_NARROW && (a == EDGE_WIDE ||
			    b == EDGE_WIDE)) ? "" : " ");
		}
		prev = n;
	}
	prev = NULL;
	for (n = l->head; n != NULL; n = next) {
		next = n->next;
		if (n->type == INL_TEXT && (n->text == NULL || !*n->text)) {
			if (prev)
				prev->next = next;
			else
				l->head = next;
			continue;
		}
		if (n->type == INL_TEXT && next != NULL &&
		    next->type == INL_TEXT) {
			buf_reset(&t);
			buf_puts(&t, n->text);
			np = n->npieces;
			for (m = next; m != NULL && m->type == INL_TEXT;
			    m = m->next)
				np += 1 + m->npieces;
			pieces = arena_alloc(cv->ctx->a, np * sizeof(*pieces));
			if (n->npieces > 0)
				memcpy(pieces, n->pieces,
				    n->npieces * sizeof(*pieces));
			np = n->npieces;
			for (m = next; m != NULL && m->type == INL_TEXT;
			    m = m->next) {
				pieces[np].off = t.len;
				pieces[np].fixed = 0;
				pieces[np++].span = m->span;
				for (k = 0; k < m->npieces; k++) {
					pieces[np] = m->pieces[k];
					pieces[np++].off += t.len;
				}
				if (m->text != NULL)
					buf_puts(&t, m->text);
			}
			n->text = arena_strndup(cv->ctx->a, buf_str(&t), t.len);
			n->pieces = pieces;
			n->npieces = np;
			n->next = next = m;
		}
		prev = n;
	}
	buf_free(&t);
	l->tail = prev;
	for (n = l->head; n != NULL; n = n->next)
		if (n->type == INL_TEXT && strstr(n->text, "[^") != NULL)
			unknown_footnotes(cv, n);
}

/* ------------------------------------------------------------------ */
/* Links                                                               */
/* ------------------------------------------------------------------ */

/*
 * Browsers ignore ASCII whitespace and control characters inside a URL's
 * scheme and compare it case-insensitively ("Java\tScript:"), so they are
 * dropped before the scheme is read. A URL whose first ':' comes before
 * any '/', '?' or '#' has a scheme. Returns 1 if the URL is allowed, else 0
 * with the scheme (lowercased, at most 32 bytes) in scheme.
 */
static int
url_ok(const char *url, char *scheme, size_t size)
{
	struct buf s = {0};
	const unsigned char *u = (const unsigned char *)url;
	size_t i, k;
	int ok = 1;

	for (i = 0; u[i] != '\0'; i++)
		if (u[i] > 0x20 && u[i] != 0x7F)
			buf_putc(&s, tolower(u[i]));
	k = strcspn(buf_str(&s), ":/?#");
	if (k < s.len && s.data[k] == ':') {
		s.data[k] = '\0';
		if (strcmp(s.data, "http") != 0 && strcmp(s.data, "https") != 0 &&
		    strcmp(s.data, "mailto") != 0) {
			ok = 0;
			snprintf(scheme, size, "%.32s", s.data);
		}
	}
	buf_free(&s);
	return ok;
}

void
md_check_url(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *bi,
    const char *url)
{
	char scheme[40];
	size_t li, off, uli, uoff, len = url != NULL ? strlen(url) : 0;
	struct span sp;
	int img = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
	int ok = url == NULL || url_ok(url, scheme, sizeof(scheme));

	if (ok && len <= MD_MAX_URL)
		return;
	/* At the URL as written, when it is found after the link's start. */
	if (inline_raw_pos(ctx, n, bi, &li, &off)) {
		if (*url != '\0' && find_raw(ctx, bi, (int)li + 1, (int)off + 1,
		    url, &uli, &uoff) && (uli > li || uoff >= off))
			sp = md_pos(ctx, (int)uli + 1, (int)uoff + 1);
		else
			sp = md_pos(ctx, (int)li + 1, (int)off + 1);
	} else
		sp = bi->span;
	if (!ok)
		md_err(ctx, &sp, "unsafe-link", "%s scheme '%s:' is not allowed "
		    "(only http, https, mailto and relative paths)",
		    img ? "image" : "link", scheme);
	if (len > MD_MAX_URL)
		md_err(ctx, &sp, "md-limit", "%s address of %zu bytes; at most "
		    "%d are allowed", img ? "an image" : "a link", len,
		    MD_MAX_URL);
}

void
md_raw_html(struct md_ctx *ctx, const struct span *sp, const char *lit,
    int block)
{
	char tag[40];
	size_t i = 1, n;

	lit = lit ? lit : "";
	while (block && (*lit == ' ' || *lit == '\t'))
		lit++;
	if (strncmp(lit, "<!--", 4) == 0)
		snprintf(tag, sizeof(tag), "an HTML comment");
	else {
		if (lit[0] == '<' && lit[1] == '/')
			i = 2;
		for (n = i; isalnum((unsigned char)lit[n]) && n < 24; n++)
			;
		if (lit[0] != '<' || n == i)
			snprintf(tag, sizeof(tag), "HTML");
		else
			snprintf(tag, sizeof(tag), "%s<%.*s>", block ? "a " :
			    "inline ", (int)n - 1, lit + 1);
		if (block && n > i)
			strncat(tag, " block", sizeof(tag) - strlen(tag) - 1);
	}
	if (!block && strncasecmp_(lit, "<br", 3) == 0 &&
	    !isalnum((unsigned char)lit[3]))
		md_err(ctx, sp, "raw-html", "raw HTML is not allowed in "
		    "Markdown (%s); a line break inside a paragraph is written "
		    "as a new source line or a trailing backslash", tag);
	else
		md_err(ctx, sp, "raw-html", "raw HTML is not allowed in "
		    "Markdown (%s); use Markdown%s, or escape a literal < as \\<",
		    tag, block ? " or a > [!NOTE] box" : "");
}

/* ------------------------------------------------------------------ */
/* Plain text                                                          */
/* ------------------------------------------------------------------ */

void
md_plain_text(struct buf *b, const struct inline_node *n)
{
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case INL_TEXT:
		case INL_CODE:
			if (n->text != NULL)
				buf_puts(b, n->text);
			break;
		case INL_BREAK:
			buf_putc(b, ' ');
			break;
		case INL_IMAGE:
			if (n->text != NULL)
				buf_puts(b, n->text);
			break;
		case INL_GLOSS:
			if (n->children != NULL)
				md_plain_text(b, n->children);
			else if (n->term != NULL && n->term->term != NULL)
				buf_puts(b, n->term->term);
			else if (n->key != NULL)
				buf_puts(b, n->key);
			break;
		case INL_FIELD:
			if (n->text != NULL)
				buf_puts(b, n->text);
			else
				buf_printf(b, "{{%s}}", n->key ? n->key : "");
			break;
		case INL_FOOTREF:
			break;
		case INL_LINK:		/* a cross-reference without text: its reference */
			if (n->children == NULL && n->xref != NULL &&
			    n->xref->text != NULL)
				buf_puts(b, n->xref->text);
			else
				md_plain_text(b, n->children);
			break;
		default:
			md_plain_text(b, n->children);
			break;
		}
	}
}
