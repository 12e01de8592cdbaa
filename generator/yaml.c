/*
 * yaml.c: see yaml.h.
 *
 * libyaml's event API drives a small explicit stack (one frame per open
 * mapping or list, at most YAML_MAX_DEPTH), so the builder never recurses on
 * input and holds one event at a time: every event is deleted as soon as it
 * is handled, and the parser on every way out (goto cleanup).
 *
 * Positions. libyaml's marks are 0-based, and by experiment with 0.2.5 both
 * mark.index and mark.column count characters (code points), not bytes: the
 * reader decodes the input first and advances the mark by one per character
 * (a CRLF pair counts two in the index, a leading BOM none). But libyaml also
 * breaks lines at NEL, LS and PS (U+0085, U+2028, U+2029), which no editor a
 * plan office uses does, and cmark breaks only at LF, CR and CRLF. So only
 * mark.index is trusted, and the line and the column are recounted from the
 * text with the same line breaks as the Markdown side (struct cursor, which
 * moves forward as events arrive, so the whole walk is linear). Reader
 * errors carry a byte offset instead, which the cursor also understands.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yaml.h"		/* this module's header, beside this file */

/*
 * libyaml's header is called yaml.h too: the Makefile names this folder with
 * -iquote, so "yaml.h" is ours and <yaml.h> is libyaml's.
 */
#include <yaml.h>

/* How much of a key or tag a message quotes before cutting it short. */
#define YAML_MSG_QUOTE	60

/* A position in the text being walked: characters, bytes, line, column. */
struct cursor {
	size_t		 ci;	/* character index, as libyaml counts it */
	size_t		 bo;	/* byte offset into the text */
	size_t		 line;	/* 0-based */
	size_t		 col;	/* 0-based, in characters */
};

struct child {
	struct ynode	*node;
	struct span	 span;	/* where it was written (an alias: the *name) */
};

/* One open mapping or list. */
struct frame {
	struct ynode	*node;
	struct child	*v;	/* a mapping's keys and values alternate */
	size_t		 n;
	size_t		 cap;
	size_t		 count;	/* expanded node count so far, itself included */
	int		 height;	/* 1 + the height of the highest child */
	size_t		 anchor;	/* index into anchors + 1, 0 for none */
};

struct anchor {
	char		*name;
	struct ynode	*node;	/* NULL while its collection is still open */
	size_t		 count;	/* expanded node count of the subtree */
	int		 height;	/* nesting inside it: 0 for a scalar */
};

struct yctx {
	struct arena	*a;
	struct diag	*d;
	const char	*file;
	const char	*text;
	size_t		 len;
	size_t		 base;	/* 3 after a UTF-8 BOM, else 0 */
	int		 first_line;
	struct cursor	 cur;
	int		 failed;	/* an error that spoils the tree was reported: return NULL */
	size_t		 total;	/* expanded node count of the document */

	struct frame	 frames[YAML_MAX_DEPTH];
	size_t		 nframes;
	struct ynode	*root;

	struct anchor	*anchors;
	size_t		 nanchors;
	size_t		 anchors_cap;
	size_t		*hash;		/* anchor index + 1, 0 empty */
	size_t		 hash_cap;	/* a power of two */
};

/* --- positions --- */

static void
cursor_reset(struct yctx *y)
{
	y->cur.ci = 0;
	y->cur.bo = y->base;
	y->cur.line = 0;
	y->cur.col = 0;
}

/* Moves over one character; a CRLF pair is one line break but two characters, as libyaml counts it. */
static void
cursor_step(struct yctx *y)
{
	struct cursor *c = &y->cur;
	uint32_t cp;
	char ch = y->text[c->bo];

	if (ch == '\n' || ch == '\r') {
		c->bo++;
		c->ci++;
		if (ch == '\r' && c->bo < y->len && y->text[c->bo] == '\n') {
			c->bo++;
			c->ci++;
		}
		c->line++;
		c->col = 0;
		return;
	}
	c->bo += utf8_decode(y->text + c->bo, y->len - c->bo, &cp);
	c->ci++;
	c->col++;
}

static struct span
cursor_span(const struct yctx *y)
{
	struct span sp;
	size_t line = y->cur.line + (size_t)(y->first_line > 0 ?
	    y->first_line : 1);

	sp.file = y->file;
	sp.line = line > INT_MAX ? INT_MAX : (int)line;
	sp.col = y->cur.col >= INT_MAX ? INT_MAX : (int)y->cur.col + 1;
	return sp;
}

/* The span of libyaml's character index ci. */
static struct span
span_at_char(struct yctx *y, size_t ci)
{
	if (ci < y->cur.ci)
		cursor_reset(y);
	while (y->cur.ci < ci && y->cur.bo < y->len)
		cursor_step(y);
	return cursor_span(y);
}

/* The span of byte offset bo into the text. */
static struct span
span_at_byte(struct yctx *y, size_t bo)
{
	if (bo < y->cur.bo)
		cursor_reset(y);
	while (y->cur.bo < bo && y->cur.bo < y->len)
		cursor_step(y);
	return cursor_span(y);
}

static struct span
span_of_mark(struct yctx *y, const yaml_mark_t *m)
{
	return span_at_char(y, m->index);
}

/* --- messages --- */

/* Appends s for a message, cut short (at a character boundary) if long, with line breaks shown as spaces. */
static void
quote_put(struct buf *b, const char *s, size_t len)
{
	size_t i = 0, n, chars = 0;
	uint32_t cp;

	while (i < len) {
		if (chars == YAML_MSG_QUOTE) {
			buf_puts(b, "…");
			return;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0x20 || cp == 0x7F)
			buf_putc(b, ' ');
		else
			buf_put(b, s + i, n);
		i += n;
		chars++;
	}
}

/* Whether only spaces stand between the start of the cursor's line and the cursor. */
static int
at_indent(const struct yctx *y)
{
	size_t i = y->cur.bo;

	while (i > y->base && y->text[i - 1] != '\n' && y->text[i - 1] != '\r') {
		if (y->text[i - 1] != ' ')
			return 0;
		i--;
	}
	return 1;
}

/* A hint for the syntax errors an office user is most likely to meet. */
static const char *
syntax_hint(const struct yctx *y, const char *problem)
{
	char ch;

	/* The cursor stands at the problem. */
	ch = y->cur.bo < y->len ? y->text[y->cur.bo] : '\0';
	if (ch == '\t' || (problem != NULL && strstr(problem, "tab") != NULL))
		return "indent with spaces, not tabs";
	if (problem == NULL)
		return NULL;
	if (strstr(problem, "cannot start any token") != NULL &&
	    (ch == '@' || ch == '`'))
		return "a value that starts with @ or ` must be put in quotes";
	if (strstr(problem, "mapping values are not allowed") != NULL)
		return "a value that contains \": \" must be put in quotes, "
		    "and keys at the same level must line up";
	if ((strstr(problem, "did not find expected key") != NULL ||
	    strstr(problem, "did not find expected '-'") != NULL) &&
	    at_indent(y))
		return "check the indentation of this line against the lines above";
	return NULL;
}

/*
 * libyaml's "mapping values are not allowed in this context" where the
 * cursor's line already has "key: " before the cursor: a ': ' inside a
 * plain value, which YAML reads as the start of another key. Says so in
 * plain words into msg, naming the key, and returns 1; else 0.
 */
static int
colon_in_value(const struct yctx *y, struct buf *msg)
{
	const char *t = y->text;
	size_t i = y->cur.bo, k;

	while (i > y->base && t[i - 1] != '\n' && t[i - 1] != '\r')
		i--;
	while (i < y->cur.bo && (t[i] == ' ' || (t[i] == '-' &&
	    i + 1 < y->len && t[i + 1] == ' ')))
		i++;
	for (k = i; k + 1 < y->cur.bo; k++)
		if (t[k] == ':' && (t[k + 1] == ' ' || t[k + 1] == '\t'))
			break;
	if (k + 1 >= y->cur.bo || k == i || t[i] == '"' || t[i] == '\'' ||
	    t[i] == '{' || t[i] == '[')
		return 0;
	buf_puts(msg, "YAML syntax error: this ': ' inside the value of '");
	quote_put(msg, t + i, k - i);
	buf_puts(msg, "' would start another key; put the whole value in "
	    "quotes: ");
	quote_put(msg, t + i, k - i);
	buf_puts(msg, ": \"…\"");
	return 1;
}

static void
report_parser_error(struct yctx *y, const yaml_parser_t *p)
{
	struct buf msg = {0};
	struct span sp, csp;
	const char *problem = p->problem ? p->problem : "unknown error";
	const char *hint;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		diag_error(y->d, &(struct span){ y->file, y->first_line, 0 },
		    "yaml-limit", "out of memory while reading YAML");
		return;
	case YAML_READER_ERROR:
		/* Byte offset into the raw input, the BOM included. */
		sp = span_at_byte(y, p->problem_offset);
		buf_printf(&msg, "YAML syntax error: %s", problem);
		if (p->problem_value >= 0 && p->problem_value != '\n')
			buf_printf(&msg, " (U+%04X)",
			    (unsigned)p->problem_value);
		break;
	default:
		if (p->context != NULL) {
			csp = span_of_mark(y, &p->context_mark);
			sp = span_of_mark(y, &p->problem_mark);
			if (csp.line == sp.line && csp.col == sp.col)
				buf_printf(&msg, "YAML syntax error: %s (%s)",
				    problem, p->context);
			else
				buf_printf(&msg, "YAML syntax error: %s (%s "
				    "that starts at line %d, column %d)",
				    problem, p->context, csp.line, csp.col);
		} else {
			sp = span_of_mark(y, &p->problem_mark);
			buf_printf(&msg, "YAML syntax error: %s", problem);
		}
		break;
	}
	/* The cursor now stands at the problem. */
	if (p->error != YAML_READER_ERROR &&
	    strstr(problem, "mapping values are not allowed") != NULL) {
		struct buf plain = {0};

		if (colon_in_value(y, &plain)) {
			diag_error(y->d, &sp, "yaml-syntax", "%s",
			    buf_str(&plain));
			buf_free(&plain);
			buf_free(&msg);
			return;
		}
		buf_free(&plain);
	}
	hint = syntax_hint(y, p->error == YAML_READER_ERROR ? NULL : problem);
	if (hint != NULL)
		buf_printf(&msg, "; %s", hint);
	diag_error(y->d, &sp, "yaml-syntax", "%s", buf_str(&msg));
	buf_free(&msg);
}

/* --- anchors --- */

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot for name: its entry, or the empty slot where it would go. */
static size_t *
anchor_slot(struct yctx *y, const char *name)
{
	size_t mask = y->hash_cap - 1, i = hash_str(name) & mask;

	while (y->hash[i] != 0 &&
	    strcmp(y->anchors[y->hash[i] - 1].name, name) != 0)
		i = (i + 1) & mask;
	return &y->hash[i];
}

static struct anchor *
anchor_find(struct yctx *y, const char *name)
{
	size_t *slot;

	if (y->hash_cap == 0)
		return NULL;
	slot = anchor_slot(y, name);
	return *slot == 0 ? NULL : &y->anchors[*slot - 1];
}

/* Defines name (a later definition replaces an earlier one, as YAML says); returns its index + 1. */
static size_t
anchor_define(struct yctx *y, const char *name)
{
	size_t i, *slot, *old;
	size_t oldcap;

	if ((y->nanchors + 1) * 2 > y->hash_cap) {
		old = y->hash;
		oldcap = y->hash_cap;
		y->hash_cap = oldcap ? oldcap * 2 : 64;
		y->hash = xcalloc(y->hash_cap, sizeof(*y->hash));
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				*anchor_slot(y, y->anchors[old[i] - 1].name) =
				    old[i];
		free(old);
	}
	y->anchors = xgrow(y->anchors, &y->anchors_cap, y->nanchors + 1,
	    sizeof(*y->anchors));
	memset(&y->anchors[y->nanchors], 0, sizeof(*y->anchors));
	y->anchors[y->nanchors].name = xstrdup(name);
	y->nanchors++;
	slot = anchor_slot(y, name);
	*slot = y->nanchors;
	return y->nanchors;
}

/* --- building --- */

/* Counts nodes toward YAML_MAX_NODES; returns -1 after reporting when past it. */
static int
count_nodes(struct yctx *y, size_t n, const struct span *sp)
{
	if (n > YAML_MAX_NODES || y->total > YAML_MAX_NODES - n) {
		diag_error(y->d, sp, "yaml-limit", "this YAML expands to more "
		    "than %d values (too many aliases?)", YAML_MAX_NODES);
		return -1;
	}
	y->total += n;
	return 0;
}

/* Hands a finished node to the open collection, or makes it the root. */
static void
attach(struct yctx *y, struct ynode *n, const struct span *sp,
    size_t count, int height)
{
	struct frame *f;
	struct child *c;

	if (y->nframes == 0) {
		if (y->root == NULL)
			y->root = n;
		return;
	}
	f = &y->frames[y->nframes - 1];
	if (f->node->type == YNODE_MAP && f->n % 2 == 0 &&
	    n->type != YNODE_SCALAR) {
		diag_error(y->d, sp, "yaml-syntax", "a mapping key must be "
		    "a single value, not %s", yaml_type_name(n));
		y->failed = 1;
	}
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof(*f->v));
	c = &f->v[f->n++];
	c->node = n;
	c->span = *sp;
	f->count = f->count > SIZE_MAX - count ? SIZE_MAX : f->count + count;
	if (height + 1 > f->height)
		f->height = height + 1;
}

/*
 * Checks a tag; a scalar sets *str when the tag makes it a string. Returns
 * -1 after reporting an unsupported tag, which the caller then ignores.
 */
static int
check_tag(struct yctx *y, const char *tag, const char *ok,
    const struct span *sp, int *str)
{
	struct buf msg = {0};

	if (tag == NULL)
		return 0;
	if (strcmp(tag, "!") == 0 || strcmp(tag, ok) == 0) {
		/* "!" is the non-specific tag: a string, for a scalar. */
		if (str != NULL)
			*str = 1;
		return 0;
	}
	buf_puts(&msg, "unsupported YAML tag '");
	if (strncmp(tag, "tag:yaml.org,2002:", 18) == 0) {
		buf_puts(&msg, "!!");
		quote_put(&msg, tag + 18, strlen(tag + 18));
	} else
		quote_put(&msg, tag, strlen(tag));
	buf_puts(&msg, "'; write the value without it (put it in quotes to "
	    "make it text)");
	diag_error(y->d, sp, "yaml-tag", "%s", buf_str(&msg));
	buf_free(&msg);
	/*
	 * Not fatal: the value is read as if the tag were not there, so
	 * that the rest of the file is still checked.
	 */
	return -1;
}

/*
 * A control character or a noncharacter in a value can only come from an
 * escape in a double-quoted scalar ("\a", "\x07", "\uFFFF": libyaml refuses
 * them written as they are). No page or PDF can show one: report it at the
 * value. Tab and line breaks are text.
 */
static void
check_chars(struct yctx *y, const char *s, size_t len, const struct span *sp)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 &&
		    cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
			diag_error(y->d, sp, "invalid-char", "the value holds "
			    "the %s U+%04X (written as an escape such as "
			    "\\a or \\u%04X?), which no page can show; "
			    "remove it", cp < 0xA0 ? "control character" :
			    "noncharacter", (unsigned)cp, (unsigned)cp);
			return;
		}
	}
}

/*
 * A text beyond ASCII may be printed by a later stage that must say where
 * it was written (diag_text_place): character by character when it is
 * written on one line as it reads (plain, or in quotes without escapes),
 * else at the value's start.
 */
static void
place_text(struct yctx *y, const yaml_event_t *ev, const struct ynode *n)
{
	yaml_scalar_style_t st = ev->data.scalar.style;
	int quoted = st == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    st == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	struct span sp = n->span;
	size_t i, w;
	int literal;

	for (i = 0; i < n->len && (unsigned char)n->str[i] < 0x80; i++)
		;
	if (i == n->len)
		return;
	w = utf8_count(n->str, n->len) + (quoted ? 2 : 0);
	literal = (st == YAML_PLAIN_SCALAR_STYLE || quoted) &&
	    ev->start_mark.line == ev->end_mark.line &&
	    ev->end_mark.column >= ev->start_mark.column &&
	    ev->end_mark.column - ev->start_mark.column == w;
	if (literal && quoted)
		sp.col++;
	diag_text_place(y->d, n->str, &sp, literal);
}

static int
on_scalar(struct yctx *y, const yaml_event_t *ev)
{
	struct span sp = span_of_mark(y, &ev->start_mark);
	struct ynode *n;
	int str = 0;
	size_t a;

	if (count_nodes(y, 1, &sp) == -1)
		return -1;
	check_tag(y, (const char *)ev->data.scalar.tag, YAML_STR_TAG, &sp,
	    &str);
	n = ARENA_NEW(y->a, struct ynode);
	n->type = YNODE_SCALAR;
	n->span = sp;
	n->len = ev->data.scalar.length;
	n->str = arena_strndup(y->a, (const char *)ev->data.scalar.value,
	    n->len);
	check_chars(y, n->str, n->len, &sp);
	/* An unsupported tag was reported and is ignored: plain stays plain. */
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !str;
	place_text(y, ev, n);
	if (ev->data.scalar.anchor != NULL) {
		a = anchor_define(y, (const char *)ev->data.scalar.anchor);
		y->anchors[a - 1].node = n;
		y->anchors[a - 1].count = 1;
		y->anchors[a - 1].height = 0;
	}
	attach(y, n, &sp, 1, 0);
	return 0;
}

static int
on_start(struct yctx *y, const yaml_event_t *ev, enum ynode_type type)
{
	struct span sp = span_of_mark(y, &ev->start_mark);
	const yaml_char_t *tag, *anchor;
	struct frame *f;
	struct ynode *n;

	if (type == YNODE_MAP) {
		tag = ev->data.mapping_start.tag;
		anchor = ev->data.mapping_start.anchor;
	} else {
		tag = ev->data.sequence_start.tag;
		anchor = ev->data.sequence_start.anchor;
	}
	if (y->nframes == YAML_MAX_DEPTH) {
		diag_error(y->d, &sp, "yaml-limit", "YAML nested more than %d "
		    "levels deep, deeper than any content file needs: is a "
		    "bracket [ or { not closed?", YAML_MAX_DEPTH);
		return -1;
	}
	if (count_nodes(y, 1, &sp) == -1)
		return -1;
	check_tag(y, (const char *)tag,
	    type == YNODE_MAP ? YAML_MAP_TAG : YAML_SEQ_TAG, &sp, NULL);
	n = ARENA_NEW(y->a, struct ynode);
	n->type = type;
	n->span = sp;
	f = &y->frames[y->nframes++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	f->count = 1;
	f->height = 1;
	if (anchor != NULL)
		f->anchor = anchor_define(y, (const char *)anchor);
	return 0;
}

struct keyref {
	const char	*s;
	size_t		 len;
	size_t		 i;	/* index of the key among the children */
};

static int
keyref_cmp(const void *va, const void *vb)
{
	const struct keyref *a = va, *b = vb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = n ? memcmp(a->s, b->s, n) : 0;

	if (c != 0)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * Reports every key that repeats an earlier key of the same mapping, at the
 * repeat, and marks the repeat in drop[] (one flag per pair): the mapping
 * keeps the first value, so that the rest of the file is still checked and
 * nothing after it sees the key twice. Sorting keeps a mapping of many keys
 * from costing n². Returns the number of pairs dropped.
 */
static size_t
check_duplicates(struct yctx *y, const struct frame *f, char *drop)
{
	struct keyref *k;
	struct buf msg = {0};
	size_t i, nk = 0, first = 0, ndrop = 0;
	const struct span *sp, *fsp;

	if (f->n < 4)
		return 0;
	k = xcalloc(f->n / 2, sizeof(*k));
	for (i = 0; i + 1 < f->n; i += 2) {
		if (f->v[i].node->type != YNODE_SCALAR)
			continue;
		k[nk].s = f->v[i].node->str;
		k[nk].len = f->v[i].node->len;
		k[nk].i = i;
		nk++;
	}
	qsort(k, nk, sizeof(*k), keyref_cmp);
	for (i = 1; i < nk; i++) {
		if (k[i].len != k[first].len ||
		    memcmp(k[i].s, k[first].s, k[i].len) != 0) {
			first = i;
			continue;
		}
		sp = &f->v[k[i].i].span;
		fsp = &f->v[k[first].i].span;
		buf_reset(&msg);
		buf_puts(&msg, "duplicate key '");
		quote_put(&msg, k[i].s, k[i].len);
		if (fsp->line == sp->line)
			buf_printf(&msg, "': it is already given at column "
			    "%d of this line, at the same level", fsp->col);
		else
			buf_printf(&msg, "': it is already given on line %d, "
			    "at the same level", fsp->line);
		buf_puts(&msg, "; keep one of them (the first is used)");
		diag_error(y->d, sp, "duplicate-key", "%s", buf_str(&msg));
		drop[k[i].i / 2] = 1;
		ndrop++;
	}
	buf_free(&msg);
	free(k);
	return ndrop;
}

static void
on_end(struct yctx *y)
{
	struct frame *f;
	struct ynode *n;
	struct anchor *an;
	struct span sp;
	size_t i;

	if (y->nframes == 0)
		return;		/* libyaml pairs them; never reached */
	f = &y->frames[y->nframes - 1];
	n = f->node;
	if (n->type == YNODE_MAP) {
		char *drop = xcalloc(f->n / 2 + 1, 1);
		size_t j = 0;

		n->npairs = f->n / 2 - check_duplicates(y, f, drop);
		n->pairs = ARENA_NEWN(y->a, struct ypair, n->npairs);
		for (i = 0; i < f->n / 2; i++) {
			if (drop[i])
				continue;
			n->pairs[j].key = f->v[2 * i].node;
			n->pairs[j].value = f->v[2 * i + 1].node;
			j++;
		}
		free(drop);
	} else {
		n->nitems = f->n;
		n->items = ARENA_NEWN(y->a, struct ynode *, n->nitems);
		for (i = 0; i < f->n; i++)
			n->items[i] = f->v[i].node;
	}
	if (f->anchor != 0) {
		an = &y->anchors[f->anchor - 1];
		an->node = n;
		an->count = f->count;
		an->height = f->height;
	}
	free(f->v);
	f->v = NULL;
	y->nframes--;
	sp = n->span;
	attach(y, n, &sp, f->count, f->height);
}

static int
on_alias(struct yctx *y, const yaml_event_t *ev)
{
	struct span sp = span_of_mark(y, &ev->start_mark);
	const char *name = (const char *)ev->data.alias.anchor;
	struct anchor *an = anchor_find(y, name);
	struct buf msg = {0};

	if (an == NULL || an->node == NULL) {
		buf_puts(&msg, "unknown alias '*");
		quote_put(&msg, name, strlen(name));
		if (an == NULL)
			buf_puts(&msg, "': no anchor '&");
		else
			buf_puts(&msg, "' inside the node it names: anchor '&");
		quote_put(&msg, name, strlen(name));
		buf_puts(&msg, an == NULL ? "' comes before it" :
		    "' must be complete before it is used");
		diag_error(y->d, &sp, "yaml-syntax", "%s", buf_str(&msg));
		buf_free(&msg);
		return -1;
	}
	/* An alias is its anchor's whole subtree to whoever walks the tree. */
	if (count_nodes(y, an->count, &sp) == -1)
		return -1;
	if ((size_t)an->height + y->nframes > YAML_MAX_DEPTH) {
		diag_error(y->d, &sp, "yaml-limit", "YAML nested more than %d "
		    "levels deep (through alias '*%s'), deeper than any "
		    "content file needs: write the values out instead of "
		    "the alias", YAML_MAX_DEPTH, name);
		return -1;
	}
	attach(y, an->node, &sp, an->count, an->height);
	return 0;
}

static void
yctx_free(struct yctx *y)
{
	size_t i;

	for (i = 0; i < y->nframes; i++)
		free(y->frames[i].v);
	for (i = 0; i < y->nanchors; i++)
		free(y->anchors[i].name);
	free(y->anchors);
	free(y->hash);
}

struct ynode *
yaml_parse(struct arena *a, struct diag *d, const char *file,
    const char *text, size_t len, int first_line)
{
	struct yctx y;
	yaml_parser_t p;
	yaml_event_t ev;
	struct span sp;
	struct ynode *ret = NULL;
	size_t bad, ndocs = 0;
	int have_parser = 0, have_event = 0, done = 0;

	memset(&y, 0, sizeof(y));
	y.a = a;
	y.d = d;
	y.file = file;
	y.text = text != NULL ? text : "";
	y.len = text != NULL ? len : 0;
	y.first_line = first_line > 0 ? first_line : 1;
	if (y.len >= 3 && memcmp(y.text, "\xEF\xBB\xBF", 3) == 0)
		y.base = 3;
	cursor_reset(&y);

	/*
	 * libyaml would also take UTF-16 (after its BOM) and then count
	 * positions in a different text: accept UTF-8 only, and say where it
	 * goes wrong, which libyaml's reader would not.
	 */
	if (!utf8_valid(y.text, y.len, &bad)) {
		sp = span_at_byte(&y, bad);
		diag_error(d, &sp, "yaml-syntax", "the text is not valid UTF-8 "
		    "(byte 0x%02X); save the file as UTF-8",
		    (unsigned)(unsigned char)y.text[bad]);
		goto cleanup;
	}

	if (!yaml_parser_initialize(&p)) {
		diag_error(d, &(struct span){ file, y.first_line, 0 },
		    "yaml-limit", "out of memory while reading YAML");
		goto cleanup;
	}
	have_parser = 1;
	yaml_parser_set_input_string(&p, (const unsigned char *)y.text, y.len);

	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			report_parser_error(&y, &p);
			goto cleanup;
		}
		have_event = 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (ndocs++ > 0) {
				sp = span_of_mark(&y, &ev.start_mark);
				diag_error(d, &sp, "yaml-syntax", "only one "
				    "YAML document is allowed (a line '---' "
				    "or '...' ends the first one)");
				goto cleanup;
			}
			break;
		case YAML_ALIAS_EVENT:
			if (on_alias(&y, &ev) == -1)
				goto cleanup;
			break;
		case YAML_SCALAR_EVENT:
			if (on_scalar(&y, &ev) == -1)
				goto cleanup;
			break;
		case YAML_SEQUENCE_START_EVENT:
			if (on_start(&y, &ev, YNODE_SEQ) == -1)
				goto cleanup;
			break;
		case YAML_MAPPING_START_EVENT:
			if (on_start(&y, &ev, YNODE_MAP) == -1)
				goto cleanup;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			on_end(&y);
			break;
		default:	/* stream start, document end */
			break;
		}
		yaml_event_delete(&ev);
		have_event = 0;
	}

	if (y.failed)
		goto cleanup;
	if (y.root == NULL) {
		/* No document at all: empty, or only comments. A null. */
		y.root = ARENA_NEW(a, struct ynode);
		y.root->type = YNODE_SCALAR;
		y.root->span.file = file;
		y.root->span.line = y.first_line;
		y.root->span.col = 1;
		y.root->str = arena_strdup(a, "");
		y.root->plain = 1;
	}
	ret = y.root;

cleanup:
	if (have_event)
		yaml_event_delete(&ev);
	if (have_parser)
		yaml_parser_delete(&p);
	yctx_free(&y);
	return ret;
}

/* --- core schema --- */

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static int
is_plain_scalar(const struct ynode *n)
{
	return n != NULL && n->type == YNODE_SCALAR && n->plain;
}

static int
eq(const struct ynode *n, const char *s)
{
	size_t l = strlen(s);

	return n->len == l && memcmp(n->str, s, l) == 0;
}

int
yaml_is_null(const struct ynode *n)
{
	if (!is_plain_scalar(n))
		return 0;
	return n->len == 0 || eq(n, "~") || eq(n, "null") || eq(n, "Null") ||
	    eq(n, "NULL");
}

int
yaml_get_bool(const struct ynode *n, int *v)
{
	int b;

	if (!is_plain_scalar(n))
		return -1;
	if (eq(n, "true") || eq(n, "True") || eq(n, "TRUE"))
		b = 1;
	else if (eq(n, "false") || eq(n, "False") || eq(n, "FALSE"))
		b = 0;
	else
		return -1;
	if (v != NULL)
		*v = b;
	return 0;
}

/*
 * Parses a core-schema integer without undefined behaviour: the magnitude
 * is gathered unsigned and checked against the limit before each step.
 * Returns 0, -1 (not an integer) or -2 (an integer out of range).
 */
static int
parse_int(const struct ynode *n, long long *v)
{
	const char *s = n->str, *e = n->str + n->len;
	unsigned long long m = 0, lim;
	unsigned base = 10;
	int neg = 0, over = 0, d;

	if (s == e)
		return -1;
	if (e - s > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
		base = s[1] == 'o' ? 8 : 16;
		s += 2;
	} else if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
		if (s == e)
			return -1;
	}
	lim = neg ? (unsigned long long)LLONG_MAX + 1 :
	    (unsigned long long)LLONG_MAX;
	for (; s < e; s++) {
		d = digit_value(*s);
		if (d >= (int)base)
			return -1;
		if (m > (lim - (unsigned)d) / base)
			over = 1;
		else
			m = m * base + (unsigned)d;
	}
	if (over)
		return -2;
	if (v != NULL) {
		if (neg)
			*v = m == (unsigned long long)LLONG_MAX + 1 ?
			    LLONG_MIN : -(long long)m;
		else
			*v = (long long)m;
	}
	return 0;
}

int
yaml_get_int(const struct ynode *n, long long *v)
{
	if (!is_plain_scalar(n))
		return -1;
	return parse_int(n, v);
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static int
float_syntax(const struct ynode *n)
{
	const char *s = n->str, *e = n->str + n->len;
	int digits = 0;

	if (s < e && (*s == '-' || *s == '+'))
		s++;
	while (s < e && is_digit(*s)) {
		s++;
		digits++;
	}
	if (s < e && *s == '.') {
		s++;
		if (digits == 0 && !(s < e && is_digit(*s)))
			return 0;
		while (s < e && is_digit(*s)) {
			s++;
			digits++;
		}
	}
	if (digits == 0)
		return 0;
	if (s < e && (*s == 'e' || *s == 'E')) {
		s++;
		if (s < e && (*s == '-' || *s == '+'))
			s++;
		if (!(s < e && is_digit(*s)))
			return 0;
		while (s < e && is_digit(*s))
			s++;
	}
	return s == e;
}

int
yaml_get_float(const struct ynode *n, double *v)
{
	long long i;
	double x;
	int r;

	if (!is_plain_scalar(n))
		return -1;
	if (!float_syntax(n)) {
		/* 0o17 and 0x1F are integers, and so numbers. */
		r = parse_int(n, &i);
		if (r == 0 && v != NULL)
			*v = (double)i;
		return r;
	}
	/*
	 * The syntax is checked above, so strtod reads all of it; n->str
	 * is NUL-terminated. The decimal point is '.' in the C locale and in
	 * ja_JP alike.
	 */
	x = strtod(n->str, NULL);
	if (isinf(x))
		return -2;
	if (v != NULL)
		*v = x;
	return 0;
}

static int
is_number(const struct ynode *n)
{
	return float_syntax(n) || parse_int(n, NULL) != -1;
}

int
yaml_is_string(const struct ynode *n)
{
	if (n == NULL || n->type != YNODE_SCALAR)
		return 0;
	if (!n->plain)
		return 1;
	return !yaml_is_null(n) && yaml_get_bool(n, NULL) != 0 &&
	    !is_number(n);
}

struct ynode *
yaml_map_get(const struct ynode *map, const char *key)
{
	size_t i, l;

	if (map == NULL || map->type != YNODE_MAP || key == NULL)
		return NULL;
	l = strlen(key);
	for (i = 0; i < map->npairs; i++) {
		const struct ynode *k = map->pairs[i].key;

		if (k->type == YNODE_SCALAR && k->len == l &&
		    memcmp(k->str, key, l) == 0)
			return map->pairs[i].value;
	}
	return NULL;
}

const char *
yaml_type_name(const struct ynode *n)
{
	if (n == NULL)
		return "nothing";
	switch (n->type) {
	case YNODE_MAP:
		return "a mapping";
	case YNODE_SEQ:
		return "a list";
	case YNODE_SCALAR:
		break;
	}
	if (!n->plain)
		return "a string";
	if (yaml_is_null(n))
		return "an empty value";
	if (yaml_get_bool(n, NULL) == 0)
		return "true/false";
	if (is_number(n))
		return "a number";
	return "a string";
}
