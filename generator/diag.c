/* diag.c: see diag.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].code);
		free(d->v[i].msg);
	}
	free(d->v);
	free(d->places);
	free(d->place_h);
	free(d->place_ch);
	free(d->said.v);
	free(d->said_placed.v);
	free(d->said_placeless.v);
	memset(d, 0, sizeof(*d));
}

void
diag_text_place(struct diag *d, const char *str, const struct span *sp,
    int literal)
{
	struct text_place *p;

	if (str == NULL || *str == '\0' || sp == NULL || sp->file == NULL)
		return;
	d->places = xgrow(d->places, &d->capplaces, d->nplaces + 1,
	    sizeof(*d->places));
	p = &d->places[d->nplaces++];
	p->str = str;
	p->len = strlen(str);
	p->span = *sp;
	p->literal = literal;
}


/* The slot of pointer str in the places' hash (index + 1, 0 empty). */
static size_t
place_slot(const struct diag *d, const char *str)
{
	size_t mask = d->capplace_h - 1;
	size_t i = (size_t)(((uintptr_t)str >> 3) * 2654435761u) & mask;

	while (d->place_h[i] != 0 && d->places[d->place_h[i] - 1].str != str)
		i = (i + 1) & mask;
	return i;
}

/* diag_text_find() looks at pieces of a text up to this long, in bytes. */
#define DIAG_FIND_WINDOW	256

/* FNV-1a of len bytes of s, continuing from h. */
static uint64_t
fnv_n(uint64_t h, const char *s, size_t len)
{
	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* The slot of the text s (len bytes, hash h) in the places' content hash. */
static size_t
content_slot(const struct diag *d, const char *s, size_t len, uint64_t h)
{
	size_t mask = d->capplace_h - 1, i = (size_t)h & mask, k;

	while ((k = d->place_ch[i]) != 0 && !(d->places[k - 1].len == len &&
	    memcmp(d->places[k - 1].str, s, len) == 0))
		i = (i + 1) & mask;
	return i;
}

/* Builds both hashes of the places, after places were added. */
static void
places_hash(struct diag *d)
{
	const struct text_place *p;
	size_t i, k;

	if (d->nhashed == d->nplaces)
		return;
	free(d->place_h);
	free(d->place_ch);
	for (d->capplace_h = 16; d->capplace_h < 2 * d->nplaces;)
		d->capplace_h *= 2;
	d->place_h = xcalloc(d->capplace_h, sizeof(*d->place_h));
	d->place_ch = xcalloc(d->capplace_h, sizeof(*d->place_ch));
	d->maxplace = 0;
	for (k = 0; k < d->nplaces; k++) {	/* the first placed wins */
		p = &d->places[k];
		i = place_slot(d, p->str);
		if (d->place_h[i] == 0)
			d->place_h[i] = k + 1;
		i = content_slot(d, p->str, p->len,
		    fnv_n(14695981039346656037u, p->str, p->len));
		if (d->place_ch[i] == 0)
			d->place_ch[i] = k + 1;
		if (p->len > d->maxplace)
			d->maxplace = p->len;
	}
	d->nhashed = d->nplaces;
}

int
diag_text_find(struct diag *d, const char *text, size_t off,
    struct span *out)
{
	size_t tl = strlen(text), win, a, b, i, lo, k, best;
	const struct text_place *p;
	uint64_t h;

	if (d->nplaces == 0 || off >= tl)
		return 0;
	places_hash(d);
	/*
	 * The pieces text[a, b) around off (whole characters, at most
	 * DIAG_FIND_WINDOW bytes): for the first a that has any, the
	 * longest; the hash grows with b.
	 */
	win = d->maxplace < DIAG_FIND_WINDOW ? d->maxplace : DIAG_FIND_WINDOW;
	lo = off >= win ? off - win + 1 : 0;
	for (a = lo; a <= off; a++) {
		if ((text[a] & 0xC0) == 0x80)
			continue;
		h = 14695981039346656037u;
		best = 0;
		for (b = a; b < tl && b - a < win; b++) {
			h = (h ^ (unsigned char)text[b]) * 1099511628211u;
			if (b < off || (b + 1 < tl &&
			    (text[b + 1] & 0xC0) == 0x80))
				continue;
			i = content_slot(d, text + a, b + 1 - a, h);
			if ((k = d->place_ch[i]) != 0)
				best = k;
		}
		if (best == 0)
			continue;
		p = &d->places[best - 1];
		*out = p->literal ? text_span_at(&p->span, NULL, 0, p->str,
		    off - a) : p->span;
		return 1;
	}
	return 0;
}

const struct text_place *
diag_text_at(struct diag *d, const char *str)
{
	size_t i;

	if (str == NULL || d->nplaces == 0)
		return NULL;
	places_hash(d);
	i = place_slot(d, str);
	return d->place_h[i] != 0 ? &d->places[d->place_h[i] - 1] : NULL;
}

/* FNV-1a over s (with its NUL), continuing from h. */
static uint64_t
fnv(uint64_t h, const char *s)
{
	do
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	while (*s++ != '\0');
	return h;
}

/* Adds h (not 0 or 1) to the set: 1 if new, 0 if it was there. */
static int
hset_add(struct diag_hset *hs, uint64_t h)
{
	uint64_t *old = hs->v;
	size_t mask, i, n = hs->cap;

	if (2 * (hs->n + 1) > hs->cap) {	/* grow, and put the old back */
		hs->cap = n != 0 ? 2 * n : 256;
		hs->v = xcalloc(hs->cap, sizeof(*hs->v));
		hs->n = 0;
		for (i = 0; i < n; i++)
			if (old[i] > 1)
				(void)hset_add(hs, old[i]);
		free(old);
	}
	mask = hs->cap - 1;
	for (i = (size_t)h & mask; hs->v[i] != 0; i = (i + 1) & mask)
		if (hs->v[i] == h)
			return 0;
	hs->v[i] = h;
	hs->n++;
	return 1;
}

/* The slot of h in the set, or SIZE_MAX. */
static size_t
hset_find(const struct diag_hset *hs, uint64_t h)
{
	size_t mask = hs->cap - 1, i;

	if (hs->cap == 0)
		return SIZE_MAX;
	for (i = (size_t)h & mask; hs->v[i] != 0; i = (i + 1) & mask)
		if (hs->v[i] == h)
			return i;
	return SIZE_MAX;
}

static int
hset_has(const struct diag_hset *hs, uint64_t h)
{
	return hset_find(hs, h) != SIZE_MAX;
}

/* Removes h (its slot stays taken, as 1): 1 if it was there. */
static int
hset_del(struct diag_hset *hs, uint64_t h)
{
	size_t i = hset_find(hs, h);

	if (i == SIZE_MAX)
		return 0;
	hs->v[i] = 1;
	return 1;
}

/* Removes the diagnostics without a place that say msg. */
static void
drop_placeless(struct diag *d, enum diag_level level, const char *code,
    const char *msg)
{
	struct diag_entry *e;
	size_t i;

	for (i = d->n; i-- > 0;) {
		e = &d->v[i];
		if (e->file != NULL || e->level != level ||
		    strcmp(e->code, code) != 0 || strcmp(e->msg, msg) != 0)
			continue;
		free(e->code);
		free(e->msg);
		memmove(e, e + 1, (d->n - i - 1) * sizeof(*e));
		d->n--;
		if (level == DIAG_ERROR)
			d->errors--;
		else
			d->warnings--;
	}
}

void
diag_add(struct diag *d, enum diag_level level, const struct span *sp,
    const char *code, const char *fmt, va_list ap)
{
	struct diag_entry *e;
	struct buf b = {0};
	const char *file = sp != NULL ? sp->file : NULL;
	int line = file != NULL ? sp->line : 0, col = file != NULL ? sp->col : 0;
	uint64_t hmsg, hall;
	char pos[48];

	buf_vprintf(&b, fmt, ap);
	/*
	 * The same diagnostic twice is said once: a stage that runs over the
	 * same text more than once (the PDF lays a volume out twice for the
	 * page numbers of its table of contents) must not repeat itself. And
	 * one said both without a place and at one (a heading's text copied
	 * into the table of contents) is said at its place only. Hashes of
	 * what was said (also of those over DIAG_MAX_STORED, so that the count
	 * of those not shown counts each once), and of what was said at a
	 * place and without one whatever the place, keep this linear.
	 */
	snprintf(pos, sizeof(pos), "%d", (int)level);
	hmsg = fnv(fnv(fnv(14695981039346656037u, pos), code), buf_str(&b));
	snprintf(pos, sizeof(pos), "%d:%d", line, col);
	hall = fnv(fnv(hmsg, pos), file != NULL ? file : "");
	hmsg += hmsg <= 1 ? 2 : 0;	/* 0 is none, 1 a removed one */
	hall += hall <= 1 ? 2 : 0;
	if (hset_has(&d->said, hall) ||
	    (file == NULL && hset_has(&d->said_placed, hmsg))) {
		buf_free(&b);
		return;
	}
	(void)hset_add(&d->said, hall);
	if (file == NULL)
		(void)hset_add(&d->said_placeless, hmsg);
	else {
		(void)hset_add(&d->said_placed, hmsg);
		if (hset_del(&d->said_placeless, hmsg))	/* now at a place */
			drop_placeless(d, level, code, buf_str(&b));
	}
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->n >= DIAG_MAX_STORED) {
		d->dropped++;
		buf_free(&b);
		return;
	}
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	e = &d->v[d->n];
	memset(e, 0, sizeof(*e));
	e->level = level;
	e->seq = d->seq++;
	if (file != NULL) {
		e->file = xstrdup(file);
		e->line = line;
		e->col = col;
	}
	e->code = xstrdup(code);
	e->msg = buf_take(&b);
	d->n++;
}

void
diag_error(struct diag *d, const struct span *sp, const char *code,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, DIAG_ERROR, sp, code, fmt, ap);
	va_end(ap);
}

void
diag_warning(struct diag *d, const struct span *sp, const char *code,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, DIAG_WARNING, sp, code, fmt, ap);
	va_end(ap);
}

void
diag_syserr(struct diag *d, const char *path, const char *code,
    const char *fmt, ...)
{
	struct span sp = { path, 0, 0 };
	va_list ap;

	d->syserr = 1;
	va_start(ap, fmt);
	diag_add(d, DIAG_ERROR, path ? &sp : NULL, code, fmt, ap);
	va_end(ap);
}

struct span
text_span_at(const struct span *sp, const struct span_piece *pieces, size_t n,
    const char *text, size_t off)
{
	struct span r = *sp;
	size_t from = 0, i, k;
	uint32_t cp;
	int fixed = 0;

	for (i = 0; i < n && pieces[i].off <= off; i++) {
		r = pieces[i].span;
		from = pieces[i].off;
		fixed = pieces[i].fixed;
	}
	if (fixed || r.file == NULL || r.line == 0 || r.col == 0)
		return r;
	for (i = from; i < off && text[i] != '\0'; i += k) {
		k = utf8_decode(text + i, off - i, &cp);
		if (cp == '\n') {
			r.line++;
			r.col = 1;
		} else {
			r.col++;
		}
	}
	return r;
}

void
diag_suggest(struct buf *msg, const char *word, const char *const *cands,
    size_t n)
{
	const char *s = str_suggest(word, cands, n);

	if (s != NULL)
		buf_printf(msg, "; did you mean '%s'?", s);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct diag_entry *x = a, *y = b;
	int c;

	/* Diagnostics without a file (usage, system) come first. */
	if ((x->file == NULL) != (y->file == NULL))
		return x->file == NULL ? -1 : 1;
	if (x->file != NULL && (c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_print(struct diag *d, FILE *f)
{
	const char *lv;
	size_t i;

	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), entry_cmp);
	for (i = 0; i < d->n; i++) {
		const struct diag_entry *e = &d->v[i];

		lv = e->level == DIAG_ERROR ? "error" : "warning";
		if (e->file == NULL)
			fprintf(f, "keikaku: %s: %s [%s]\n", lv, e->msg, e->code);
		else if (e->line == 0)
			fprintf(f, "%s: %s: %s [%s]\n", e->file, lv, e->msg,
			    e->code);
		else if (e->col == 0)
			fprintf(f, "%s:%d: %s: %s [%s]\n", e->file, e->line, lv,
			    e->msg, e->code);
		else
			fprintf(f, "%s:%d:%d: %s: %s [%s]\n", e->file, e->line,
			    e->col, lv, e->msg, e->code);
	}
	if (d->dropped)
		fprintf(f, "keikaku: %zu more diagnostics not shown\n",
		    d->dropped);
}

int
diag_failed(const struct diag *d, int werror)
{
	return d->errors > 0 || (werror && d->warnings > 0);
}
