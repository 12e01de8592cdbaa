/* diag.c: see diag.h. */
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
	memset(d, 0, sizeof(*d));
}

void
diag_add(struct diag *d, enum diag_level level, const struct span *sp,
    const char *code, const char *fmt, va_list ap)
{
	struct diag_entry *e;
	struct buf b = {0};
	const char *file = sp != NULL ? sp->file : NULL;
	int line = file != NULL ? sp->line : 0, col = file != NULL ? sp->col : 0;
	size_t i;

	buf_vprintf(&b, fmt, ap);
	/*
	 * The same diagnostic twice is said once: a stage that runs over the
	 * same text more than once (the PDF lays a volume out twice for the
	 * page numbers of its table of contents) must not repeat itself. And
	 * one said both without a place and at one (a heading's text copied
	 * into the table of contents) is said at its place only.
	 */
	for (i = d->n; i-- > 0;) {
		e = &d->v[i];
		if (e->level != level || strcmp(e->code, code) != 0 ||
		    strcmp(e->msg, buf_str(&b)) != 0)
			continue;
		if ((e->file == NULL && file == NULL) ||
		    (e->file != NULL && file == NULL) ||
		    (e->file != NULL && e->line == line && e->col == col &&
		    strcmp(e->file, file) == 0)) {
			buf_free(&b);
			return;
		}
		if (e->file == NULL) {		/* now said at a place */
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

	for (i = 0; i < n && pieces[i].off <= off; i++) {
		r = pieces[i].span;
		from = pieces[i].off;
	}
	if (r.file == NULL || r.line == 0 || r.col == 0)
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
