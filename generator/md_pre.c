/*
 * md_pre.c: the Markdown adapter's input checks and pre-processor (see
 * md_priv.h for the markers). Before cmark-gfm sees the text, NUL bytes,
 * invalid UTF-8, noncharacters and control characters are reported and
 * replaced, the keikaku extensions ([[key]], {{name args}},
 * [text]{lang=xx}) become markers, the emphasis fix for Japanese
 * punctuation is applied and oversized tables are refused; every byte of
 * the result keeps the column it came from.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "md.h"
#include "md_priv.h"

/*
 * cmark-gfm 0.29.0.gfm.6 parses a table row in time quadratic in the number
 * of pipes on it, and pads every row to the header's width: a table wider
 * than this cannot be printed anyway, and the pre-processor refuses it before
 * cmark sees it.
 */
#define MD_MAX_TABLE_COLS 1000

/* ------------------------------------------------------------------ */
/* Input checks                                                        */
/* ------------------------------------------------------------------ */

/*
 * Control characters other than tab and line breaks: C0, DEL and C1. No
 * page shows them and no font has a glyph for them; they come from text
 * pasted out of another program (C0, DEL) or converted from another
 * encoding (C1: Windows-1252 bytes read as Latin-1). The YAML reader
 * refuses the same set (yaml.c).
 */
static int
is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0x7F && cp <= 0x9F);
}

/* Is cp a noncharacter? The markers use U+FDD0..U+FDEF. */
static int
is_nonchar(uint32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* "U+0007 (BEL)", "U+007F (DEL)", "U+0085": the name of a control. */
static void
control_name(struct buf *b, uint32_t cp)
{
	static const char *const c0[32] = {
		"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
		"BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
		"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
		"CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"
	};

	buf_printf(b, "U+%04X", (unsigned)cp);
	if (cp < 0x20)
		buf_printf(b, " (%s)", c0[cp]);
	else if (cp == 0x7F)
		buf_puts(b, " (DEL)");
}

/*
 * Reports the first control character of a text at sp, with how many
 * more there are: the fix is the same for all.
 */
static void
control_error(struct md_ctx *ctx, const struct span *sp, uint32_t cp,
    int more)
{
	struct buf msg = {0};
	const char *fix = cp < 0x80 ? "remove it" : "retype it";

	buf_puts(&msg, "the control character ");
	control_name(&msg, cp);
	buf_puts(&msg, " is not allowed in text");
	if (cp < 0x80)
		buf_puts(&msg, " (an invisible character, pasted from another "
		    "program?)");
	else
		buf_puts(&msg, " (a character garbled by a conversion from "
		    "another encoding?)");
	if (more > 0)
		buf_printf(&msg, "; %s and the %d more after it", fix, more);
	else
		buf_printf(&msg, "; %s", fix);
	md_err(ctx, sp, "invalid-char", "%s", buf_str(&msg));
	buf_free(&msg);
}

/*
 * Copies body into clean, replacing NUL bytes, invalid UTF-8,
 * noncharacters (which the markers use) and control characters by U+FFFD
 * after reporting the first of each, at its own position. One bad byte or
 * character becomes one character, so columns are unchanged.
 */
static void
sanitize(struct md_ctx *ctx, const char *s, size_t len, struct buf *clean)
{
	size_t i = 0, n;
	int li = 0, col = ctx->first_col, nul = 0, bad = 0, nonch = 0, ctl = 0;
	uint32_t cp, ctl_cp = 0;
	struct span sp, ctl_sp;
	unsigned char c;

	sp.file = ctx->file;
	sp.line = ctx->first_line;
	sp.col = col;
	ctl_sp = sp;
	while (i < len) {
		c = (unsigned char)s[i];
		sp.line = ctx->first_line + li;
		sp.col = col;
		if (c == '\n' || c == '\r') {
			buf_putc(clean, c);
			if (c == '\r' && i + 1 < len && s[i + 1] == '\n') {
				buf_putc(clean, '\n');
				i++;
			}
			i++;
			li++;
			col = 1;
			continue;
		}
		if (c == 0) {
			if (!nul++)
				md_err(ctx, &sp, "nul-byte", "the file contains a "
				    "NUL byte; is it a binary or UTF-16 file? save "
				    "it as UTF-8 text");
			buf_put(clean, "\xEF\xBF\xBD", 3);
			i++;
			col++;
			continue;
		}
		if (c < 0x80) {
			n = 1;
			cp = c;
		} else
			n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && !(n == 3 && c == 0xEF &&
		    (unsigned char)s[i + 1] == 0xBF &&
		    (unsigned char)s[i + 2] == 0xBD)) {
			if (!bad++)
				md_err(ctx, &sp, "invalid-utf8", "the text is "
				    "not valid UTF-8 (byte 0x%02X); save the file "
				    "as UTF-8, not Shift_JIS", c);
			buf_put(clean, "\xEF\xBF\xBD", 3);
		} else if (is_nonchar(cp)) {
			if (!nonch++)
				md_err(ctx, &sp, "invalid-char",
				    "the noncharacter U+%04X is not allowed in "
				    "text; remove it", (unsigned)cp);
			buf_put(clean, "\xEF\xBF\xBD", 3);
		} else if (is_control(cp)) {
			if (!ctl++) {
				ctl_sp = sp;
				ctl_cp = cp;
			}
			buf_put(clean, "\xEF\xBF\xBD", 3);
		} else
			buf_put(clean, s + i, n);
		i += n;
		col++;
	}
	if (ctl)
		control_error(ctx, &ctl_sp, ctl_cp, ctl - 1);
}

/* ------------------------------------------------------------------ */
/* The pre-processor                                                   */
/* ------------------------------------------------------------------ */

enum edit_kind {
	E_SEP,		/* insert U+FDD2 */
	E_FFFD,		/* replace [start, end) by U+FFFD */
	E_ATOM,		/* replace [start, end) by an atom marker */
	E_LOPEN,
	E_LCLOSE
};

struct edit {
	size_t		 start, end;
	enum edit_kind	 kind;
	size_t		 atom;
	size_t		 seq;
};

struct edits {
	struct edit	*v;
	size_t		 n, cap;
};

struct opener {
	size_t	off;
	int	line;	/* line index */
	int	col;
};

struct pre {
	struct md_ctx	*ctx;
	const char	*s;	/* the clean text */
	size_t		 len;
	struct edits	 e;
	struct opener	*st;	/* open '[' for [text]{lang=xx} */
	size_t		 nst, capst;
};

static void
add_edit(struct pre *p, size_t start, size_t end, enum edit_kind k,
    size_t atom)
{
	struct edit *e;

	p->e.v = xgrow(p->e.v, &p->e.cap, p->e.n + 1, sizeof(*p->e.v));
	e = &p->e.v[p->e.n];
	e->start = start;
	e->end = end;
	e->kind = k;
	e->atom = atom;
	e->seq = p->e.n++;
}

static int
edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* Insertions before the replacement at the same place. */
	if ((x->kind == E_SEP) != (y->kind == E_SEP))
		return x->kind == E_SEP ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static struct md_atom *
new_atom(struct md_ctx *ctx, enum atom_kind k, size_t *idx)
{
	struct md_atom *a;

	ctx->atoms = xgrow(ctx->atoms, &ctx->capatoms, ctx->natoms + 1,
	    sizeof(*ctx->atoms));
	a = &ctx->atoms[ctx->natoms];
	memset(a, 0, sizeof(*a));
	a->kind = k;
	*idx = ctx->natoms++;
	return a;
}

static struct span
pspan(struct pre *p, int li, int col)
{
	struct span sp;

	sp.file = p->ctx->file;
	sp.line = p->ctx->first_line + li;
	sp.col = col;
	return sp;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Copies s[0..n) with the backslash escapes of ASCII punctuation removed. */
static char *
unescape(struct arena *a, const char *s, size_t n)
{
	struct buf b = {0};
	char *r;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1]))
			i++;
		buf_putc(&b, s[i]);
	}
	r = arena_strndup(a, buf_str(&b), b.len);
	buf_free(&b);
	return r;
}

static void
trim(const char *s, size_t *i, size_t *e)
{
	while (*i < *e && is_blank(s[*i]))
		(*i)++;
	while (*e > *i && is_blank(s[*e - 1]))
		(*e)--;
}

/*
 * [[key]], [[text|key]], [[text\|key]] at i (s[i..i+2) == "[["). The text
 * and key hold no brackets; the last | separates them. Returns the end, or
 * 0 if this is not a reference.
 */
static size_t
scan_gloss(struct pre *p, size_t i, size_t le, int li, int col)
{
	const char *s = p->s;
	size_t j = i + 2, bar = 0, barlen = 0, ks, ke, ts, te, idx;
	struct md_atom *a;

	for (;;) {
		if (j >= le)
			return 0;
		if (s[j] == '\\' && j + 1 < le && s[j + 1] == '|') {
			bar = j;
			barlen = 2;
			j += 2;
			continue;
		}
		if (s[j] == '\\' && j + 1 < le) {
			j += 2;
			continue;
		}
		if (s[j] == '|') {
			bar = j;
			barlen = 1;
		} else if (s[j] == '[')
			return 0;
		else if (s[j] == ']') {
			if (j + 1 < le && s[j + 1] == ']')
				break;
			return 0;
		}
		j++;
	}
	if (barlen) {
		ts = i + 2;
		te = bar;
		ks = bar + barlen;
	} else {
		ts = te = 0;
		ks = i + 2;
	}
	ke = j;
	trim(s, &ks, &ke);
	if (ks == ke)
		return 0;
	for (idx = ks; idx < ke; idx++)
		if (is_blank(s[idx]))
			return 0;
	if (barlen)
		trim(s, &ts, &te);
	a = new_atom(p->ctx, ATOM_GLOSS, &idx);
	a->key = arena_strndup(p->ctx->a, s + ks, ke - ks);
	a->text = barlen && te > ts ?
	    unescape(p->ctx->a, s + ts, te - ts) : NULL;
	a->orig = arena_strndup(p->ctx->a, s + i, j + 2 - i);
	a->span = pspan(p, li, col);
	a->end = pspan(p, li, col + (int)utf8_count(s + i, j + 2 - i));
	add_edit(p, i, j + 2, E_ATOM, idx);
	return j + 2;
}

/* {{name args}} at i. Returns the end, or 0 if this is not a field. */
static size_t
scan_field(struct pre *p, size_t i, size_t le, int li, int col)
{
	const char *s = p->s;
	size_t j = i + 2, ns, ne, as, ae, idx;
	struct md_atom *a;

	while (j < le && s[j] != '}' && s[j] != '{')
		j++;
	if (j + 1 >= le || s[j] != '}' || s[j + 1] != '}')
		return 0;
	ns = i + 2;
	ae = j;
	trim(s, &ns, &ae);
	if (ns == ae)
		return 0;
	ne = ns;
	while (ne < ae && !is_blank(s[ne]))
		ne++;
	as = ne;
	trim(s, &as, &ae);
	a = new_atom(p->ctx, ATOM_FIELD, &idx);
	a->key = arena_strndup(p->ctx->a, s + ns, ne - ns);
	a->text = as < ae ? arena_strndup(p->ctx->a, s + as, ae - as) : NULL;
	a->orig = arena_strndup(p->ctx->a, s + i, j + 2 - i);
	a->span = pspan(p, li, col);
	a->args_span = pspan(p, li, col + (int)utf8_count(s + i, as - i));
	a->end = pspan(p, li, col + (int)utf8_count(s + i, j + 2 - i));
	add_edit(p, i, j + 2, E_ATOM, idx);
	return j + 2;
}

/*
 * "]{lang=xx}" at i closing the '[' at o. Returns the end, or 0 if this is
 * not a language span.
 */
static size_t
scan_lang(struct pre *p, const struct opener *o, size_t i, size_t le, int li,
    int col)
{
	const char *s = p->s;
	size_t j = i + 7, idx;
	struct md_atom *a;

	if (i + 7 > le || memcmp(s + i + 1, "{lang=", 6) != 0)
		return 0;
	while (j < le && (isalnum((unsigned char)s[j]) || s[j] == '-'))
		j++;
	if (j == i + 7 || j >= le || s[j] != '}')
		return 0;
	a = new_atom(p->ctx, ATOM_LANG, &idx);
	a->key = arena_strndup(p->ctx->a, s + i + 7, j - i - 7);
	a->orig = arena_strdup(p->ctx->a, "[");
	a->close_orig = arena_strndup(p->ctx->a, s + i, j + 1 - i);
	a->span = pspan(p, o->line, o->col);
	a->close_span = pspan(p, li, col);
	a->end = pspan(p, li, col + (int)(j + 1 - i));
	add_edit(p, o->off, o->off + 1, E_LOPEN, idx);
	add_edit(p, i, j + 1, E_LCLOSE, idx);
	return j + 1;
}

/*
 * CommonMark's flanking rule treats punctuation as a word boundary, so
 * **「強調」**の does not close: the closing ** follows 」 and precedes a
 * letter. Japanese has no spaces around emphasis, so next to a run of * or
 * ~ whose neighbour is punctuation that is East Asian wide (or whose other
 * neighbour is wide), insert U+FDD2, which cmark takes for a letter, between
 * the run and the punctuation. It is stripped from all text afterwards.
 * English text (no wide neighbours) is left to CommonMark.
 */
static void
emph_fix(struct pre *p, size_t ls, size_t le, size_t i, size_t j)
{
	uint32_t before, after;

	before = i > ls ? utf8_prev(p->s + ls, i - ls) : 0;
	after = j < le ? utf8_at(p->s, le, j) : 0;
	if (after && cp_is_punct(after) &&
	    (cp_is_wide(after) || (before && cp_is_wide(before))))
		add_edit(p, j, j, E_SEP, 0);
	if (before && cp_is_punct(before) &&
	    (cp_is_wide(before) || (after && cp_is_wide(after))))
		add_edit(p, i, i, E_SEP, 0);
}

/*
 * A character reference to a noncharacter (&#xFDD0;) would decode into a
 * marker inside cmark, and one to a control character (&#7;) into the
 * character: both are refused like the character itself. Returns the end
 * of the reference, or 0.
 */
static size_t
scan_entity(struct pre *p, size_t i, size_t le, int li, int col)
{
	const char *s = p->s;
	size_t j = i + 2, d0;
	unsigned long v = 0;
	int hex = 0;
	struct span sp;

	if (j < le && (s[j] == 'x' || s[j] == 'X')) {
		hex = 1;
		j++;
	}
	for (d0 = j; j < le && j - d0 < 8 && (hex ?
	    isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j])); j++)
		v = v * (hex ? 16 : 10) + (unsigned long)(isdigit(
		    (unsigned char)s[j]) ? s[j] - '0' :
		    tolower((unsigned char)s[j]) - 'a' + 10);
	if (j == d0 || j >= le || s[j] != ';')
		return 0;
	if (v > 0x10FFFF || v == 0 || (!is_nonchar((uint32_t)v) &&
	    !is_control((uint32_t)v)))
		return 0;
	sp = pspan(p, li, col);
	if (is_nonchar((uint32_t)v))
		md_err(p->ctx, &sp, "invalid-char", "the reference %.*s stands "
		    "for the noncharacter U+%04lX, which is not allowed in "
		    "text; remove it", (int)(j + 1 - i), s + i, v);
	else {
		struct buf name = {0};

		control_name(&name, (uint32_t)v);
		md_err(p->ctx, &sp, "invalid-char", "the reference %.*s stands "
		    "for the control character %s, which is not allowed in "
		    "text; remove it", (int)(j + 1 - i), s + i, buf_str(&name));
		buf_free(&name);
	}
	add_edit(p, i, j + 1, E_FFFD, 0);
	return j + 1;
}

static void
scan_line(struct pre *p, size_t ls, size_t le, int li)
{
	const char *s = p->s;
	size_t i = ls, e, j, n;
	int col = li == 0 ? p->ctx->first_col : 1;
	uint32_t cp;

	while (i < le) {
		char c = s[i];

		if (c == '\\' && i + 1 < le && ispunct((unsigned char)s[i + 1])) {
			i += 2;
			col += 2;
			continue;
		}
		if (c == '[' && i + 1 < le && s[i + 1] == '[' &&
		    (e = scan_gloss(p, i, le, li, col)) != 0) {
			col += (int)utf8_count(s + i, e - i);
			i = e;
			continue;
		}
		if (c == '&' && i + 1 < le && s[i + 1] == '#' &&
		    (e = scan_entity(p, i, le, li, col)) != 0) {
			col += (int)(e - i);
			i = e;
			continue;
		}
		if (c == '{' && i + 1 < le && s[i + 1] == '{' &&
		    (e = scan_field(p, i, le, li, col)) != 0) {
			col += (int)utf8_count(s + i, e - i);
			i = e;
			continue;
		}
		if (c == '[') {
			p->st = xgrow(p->st, &p->capst, p->nst + 1,
			    sizeof(*p->st));
			p->st[p->nst].off = i;
			p->st[p->nst].line = li;
			p->st[p->nst].col = col;
			p->nst++;
			i++;
			col++;
			continue;
		}
		if (c == ']') {
			if (p->nst > 0) {
				struct opener o = p->st[--p->nst];

				if ((e = scan_lang(p, &o, i, le, li, col)) != 0) {
					col += (int)(e - i);
					i = e;
					continue;
				}
			}
			i++;
			col++;
			continue;
		}
		if (c == '*' || c == '~') {
			for (j = i; j < le && s[j] == c; j++)
				;
			emph_fix(p, ls, le, i, j);
			col += (int)(j - i);
			i = j;
			continue;
		}
		n = utf8_decode(s + i, le - i, &cp);
		i += n ? n : 1;
		col++;
	}
}

/* Line starts of the clean text: starts[k], ends[k] (before the line ending). */
struct lines {
	size_t	*start, *end;
	size_t	 n, cap, capE;
};

static void
split_lines(const char *s, size_t len, struct lines *L)
{
	size_t i = 0, e, next;

	for (;;) {
		e = md_line_end(s, len, i, &next);
		L->start = xgrow(L->start, &L->cap, L->n + 1, sizeof(size_t));
		L->end = xgrow(L->end, &L->capE, L->n + 1, sizeof(size_t));
		L->start[L->n] = i;
		L->end[L->n] = e;
		L->n++;
		if (next >= len || next == i)
			break;
		i = next;
	}
}

/* Strips a container prefix (blanks and '>') for the table guard. */
size_t
md_skip_prefix(const char *s, size_t i, size_t e)
{
	while (i < e && (is_blank(s[i]) || s[i] == '>'))
		i++;
	return i;
}

static int
is_delim_row(const char *s, size_t i, size_t e, size_t *ncols, size_t *dash)
{
	size_t k, pipes = 0, first = 0, last = 0;
	int seen_dash = 0, seen = 0;

	for (k = i; k < e; k++) {
		if (s[k] == '-') {
			if (!seen_dash)
				*dash = k;
			seen_dash = 1;
		} else if (s[k] == '|')
			pipes++;
		else if (s[k] != ':' && !is_blank(s[k]))
			return 0;
		if (!is_blank(s[k])) {
			if (!seen)
				first = k;
			seen = 1;
			last = k;
		}
	}
	if (!seen_dash || pipes == 0)
		return 0;
	*ncols = pipes + 1;
	if (s[first] == '|')
		(*ncols)--;
	if (s[last] == '|' && last != first)
		(*ncols)--;
	if (*ncols == 0)
		*ncols = 1;
	return 1;
}

/*
 * The cells of a table row s[i..e): its unescaped pipes plus one, less a
 * leading and a trailing pipe (as is_delim_row counts the columns), so
 * that | a | b | and a | b are both two cells.
 */
static size_t
row_cells(const char *s, size_t i, size_t e)
{
	size_t n = 0, first = e, last = e;

	for (; i < e; i++) {
		if (!is_blank(s[i])) {
			if (first == e)
				first = i;
			last = i;
		}
		if (s[i] == '\\' && i + 1 < e) {
			i++;
			last = i;
		} else if (s[i] == '|')
			n++;
	}
	n++;
	if (first < e && s[first] == '|')
		n--;
	if (last < e && last != first && s[last] == '|' &&
	    (last == 0 || s[last - 1] != '\\'))
		n--;
	return n > 0 ? n : 1;
}

/*
 * Refuses tables too large to print before cmark-gfm spends quadratic time
 * on them: the delimiter row gets a U+FDD2 so that it is no longer one, and
 * the table stays text. Counts every line up to the next blank line as a
 * row, as GFM does.
 */
static void
table_guard(struct pre *p, const struct lines *L)
{
	size_t k, r, ncols, dash = 0, cells, n, i;
	int bad;
	struct span sp;

	for (k = 1; k < L->n; k++) {
		i = md_skip_prefix(p->s, L->start[k], L->end[k]);
		if (!is_delim_row(p->s, i, L->end[k], &ncols, &dash))
			continue;
		bad = ncols > MD_MAX_TABLE_COLS;
		/*
		 * The header row, then each body row: GFM gives it ncols
		 * cells, but the parser reads all it has, so a longer row
		 * counts as long as it is.
		 */
		cells = ncols;
		for (r = k + 1; r < L->n; r++) {
			i = md_skip_prefix(p->s, L->start[r], L->end[r]);
			if (i == L->end[r])
				break;
			n = row_cells(p->s, i, L->end[r]);
			if (n > MD_MAX_TABLE_COLS)
				bad = 1;
			cells += n > ncols ? n : ncols;
		}
		if (cells > MD_MAX_TABLE_CELLS)
			bad = 1;
		if (bad) {
			sp = pspan(p, (int)k - 1, 1);
			md_err(p->ctx, &sp, "md-limit", "a table larger than %d "
			    "cells or %d columns; it is left as text",
			    MD_MAX_TABLE_CELLS, MD_MAX_TABLE_COLS);
			add_edit(p, dash, dash, E_SEP, 0);
		}
		k = r;
	}
}

static void
put_marker(struct buf *b, int kind, size_t idx)
{
	char tmp[3] = { (char)0xEF, (char)0xB7, 0 };
	int d[2 * sizeof(size_t)], n = 0;

	tmp[2] = (char)kind;
	buf_put(b, tmp, 3);
	do {
		d[n++] = (int)(idx & 15);
		idx >>= 4;
	} while (idx);
	while (n > 0) {
		tmp[2] = (char)(MK_HEX0 + d[--n]);
		buf_put(b, tmp, 3);
	}
	tmp[2] = (char)MK_END;
	buf_put(b, tmp, 3);
}

/* Runs the pre-processor over the clean text into ctx->src and ctx->lines. */
static void
preprocess(struct md_ctx *ctx, const char *s, size_t len)
{
	struct pre p;
	struct lines L = {0};
	struct buf out = {0};
	size_t k, i, ei = 0, n, b0, m;
	int col, *map = NULL;
	size_t capmap = 0, nmap;
	uint32_t cp;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.s = s;
	p.len = len;
	split_lines(s, len, &L);
	table_guard(&p, &L);
	for (k = 0; k < L.n; k++) {
		if (md_skip_prefix(s, L.start[k], L.end[k]) == L.end[k])
			p.nst = 0;	/* a blank line ends a paragraph */
		scan_line(&p, L.start[k], L.end[k], (int)k);
	}
	if (p.e.n > 1)
		qsort(p.e.v, p.e.n, sizeof(*p.e.v), edit_cmp);

	ctx->lines = xcalloc(L.n, sizeof(*ctx->lines));
	ctx->nlines = L.n;
	for (k = 0; k < L.n; k++) {
		b0 = out.len;
		nmap = 0;
		col = k == 0 ? ctx->first_col : 1;
		i = L.start[k];
		for (;;) {
			while (ei < p.e.n && p.e.v[ei].start <= i) {
				struct edit *e = &p.e.v[ei++];

				if (e->start < i)
					continue;	/* inside a replacement */
				m = out.len;
				if (e->kind == E_SEP)
					buf_put(&out, "\xEF\xB7\x92", 3);
				else if (e->kind == E_FFFD)
					buf_put(&out, "\xEF\xBF\xBD", 3);
				else {
					put_marker(&out, e->kind == E_ATOM ?
					    MK_ATOM : e->kind == E_LOPEN ?
					    MK_LANG_OPEN : MK_LANG_CLOSE,
					    e->atom);
				}
				map = xgrow(map, &capmap, nmap + out.len - m + 1,
				    sizeof(int));
				while (m < out.len) {
					map[nmap++] = col;
					m++;
				}
				if (e->kind != E_SEP) {
					col += (int)utf8_count(s + i, e->end - i);
					i = e->end;
				}
			}
			if (i >= L.end[k])
				break;
			n = utf8_decode(s + i, L.end[k] - i, &cp);
			if (n == 0)
				n = 1;
			buf_put(&out, s + i, n);
			map = xgrow(map, &capmap, nmap + n + 1, sizeof(int));
			while (n-- > 0) {
				map[nmap++] = col;
				i++;
			}
			col++;
		}
		map = xgrow(map, &capmap, nmap + 1, sizeof(int));
		map[nmap++] = col;
		ctx->lines[k].off = b0;
		ctx->lines[k].len = out.len - b0;
		ctx->lines[k].col = xmalloc(nmap * sizeof(int));
		memcpy(ctx->lines[k].col, map, nmap * sizeof(int));
		buf_putc(&out, '\n');
	}
	ctx->srclen = out.len;
	ctx->src = buf_take(&out);
	free(map);
	free(L.start);
	free(L.end);
	free(p.e.v);
	free(p.st);
}

void
md_preprocess(struct md_ctx *ctx, const char *body, size_t len)
{
	struct buf clean = {0};

	sanitize(ctx, body, len, &clean);
	preprocess(ctx, buf_str(&clean), clean.len);
	buf_free(&clean);
}
