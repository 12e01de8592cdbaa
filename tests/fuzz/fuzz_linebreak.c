/*
 * fuzz_linebreak.c: libFuzzer target for the PDF line breaker
 * (generator/pdf/linebreak.c) at the text device's fixed metrics
 * (font_fixed_width: wide characters 1000, narrow 500). The first four bytes
 * choose the options (line width 1 to 64 em, first-line indent, justify,
 * ぶら下げ); the rest is the paragraph's UTF-8 text, invalid sequences
 * included (the breaker decodes them as U+FFFD).
 *
 * Besides crashes, the lines must tile the paragraph: each starts where the
 * previous one said the next would, start <= end <= next, every line moves
 * forward, the last ends at the end, and only a hanging or an emergency
 * line is wider than its measure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "pdf/font.h"
#include "pdf/linebreak.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int32_t
fixed_width(void *ctx, uint32_t cp)
{
	(void)ctx;
	return font_fixed_width(cp);
}

static void
fail(const struct linebreak *lb, size_t i, const char *what)
{
	fprintf(stderr, "fuzz_linebreak: line %zu of %zu: %s\n", i, lb->nline,
	    what);
	abort();
}

static void
check(const struct linebreak *lb, const struct lb_opts *o)
{
	size_t i, at = 0, k;
	int32_t w;

	if (lb->n > 0 && lb->nline == 0)
		fail(lb, 0, "a paragraph with text has no line");
	for (i = 0; i < lb->nline; i++) {
		const struct lb_line *l = &lb->line[i];

		if (l->start != at)
			fail(lb, i, "does not start where the last one ended");
		if (!(l->start <= l->end && l->end <= l->next &&
		    l->next <= lb->n))
			fail(lb, i, "start <= end <= next <= n does not hold");
		if (l->next <= l->start)
			fail(lb, i, "does not move forward");
		for (w = 0, k = l->start; k < l->end; k++)
			w += lb->c[k].width;
		if (w != l->width)
			fail(lb, i, "width is not the sum of its characters");
		if (l->width > l->avail && !l->hang && !l->emergency) {
			/* Spaces are dropped at the end: only trailing ones may overflow. */
			fail(lb, i, "wider than its measure, neither hanging nor emergency");
		}
		if (l->adjust < 0)
			fail(lb, i, "negative justification");
		if (l->adjust != 0 && (!o->justify || l->last || l->hard))
			fail(lb, i, "justified where it must not be");
		at = l->next;
	}
	if (at != lb->n)
		fail(lb, lb->nline, "the lines do not reach the end");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct linebreak lb;
	static int init;
	struct lb_opts o;
	size_t i;

	if (size < 4)
		return -1;
	if (size > 65536)
		return -1;	/* a paragraph; larger ones only cost time */
	if (!init) {
		linebreak_init(&lb);
		init = 1;
	}
	o.width = 1000 * (1 + data[0] % 64) + (data[0] & 0x40 ? 250 : 0);
	o.indent = 1000 * (data[1] % 4);
	o.justify = data[2] & 1;
	o.hang = data[2] & 2;
	linebreak_reset(&lb);
	linebreak_add(&lb, (const char *)data + 4, size - 4, NULL,
	    fixed_width, NULL);
	linebreak_compute(&lb, &o);
	check(&lb, &o);
	for (i = 0; i < lb.n; i++)
		(void)linebreak_allowed(&lb, i);
	(void)linebreak_no_start(lb.n > 0 ? lb.c[0].cp : 0);
	(void)linebreak_no_end(lb.n > 0 ? lb.c[lb.n - 1].cp : 0);
	/* Again with the same memory, as the layout engine reuses it. */
	if (data[3] & 1) {
		o.width = 1;
		linebreak_reset(&lb);
		linebreak_add(&lb, (const char *)data + 4, size - 4, NULL,
		    fixed_width, NULL);
		linebreak_compute(&lb, &o);
		check(&lb, &o);
	}
	return 0;
}
