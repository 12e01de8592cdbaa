/*
 * fuzz_md.c: libFuzzer target for the Markdown adapter (generator/md*.c).
 * The input is a whole Markdown file as the loader reads it: split into
 * front-matter and body (md_split), the front-matter through yaml_parse,
 * the body through md_parse, and every inline list of the resulting
 * document through md_plain_text, as resolve does. The text is also parsed
 * as a glossary definition (md_parse_inline).
 *
 * The input is held to what the loader lets through (load.c lc_read): a
 * BOM removed, no NUL byte, valid UTF-8. Those checks have their own tests
 * (tests/suites/40-robust.sh); everything else is fair game.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "md.h"
#include "model.h"
#include "util.h"
#include "yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define VISIT_BUDGET 1000000

static size_t visits;

static void
text_of(struct buf *b, const struct inline_node *in)
{
	buf_reset(b);
	md_plain_text(b, in);
	if (strlen(buf_str(b)) != b->len)
		abort();	/* a NUL inside text would cut it in every back end */
}

static void
walk(struct buf *b, const struct block *bl, int depth)
{
	int r, c;

	for (; bl != NULL; bl = bl->next) {
		if (++visits > VISIT_BUDGET)
			return;
		/* md.h: nesting is bounded so that the back ends may recurse. */
		if (depth > 4 * MD_MAX_NESTING + 8)
			abort();
		text_of(b, bl->inlines);
		if (bl->type == BLK_TABLE && bl->table != NULL) {
			const struct table *t = bl->table;

			if ((long)t->ncols * t->nrows > MD_MAX_TABLE_CELLS)
				abort();
			for (r = 0; r < t->nrows; r++)
				for (c = 0; c < t->ncols; c++) {
					const struct cell *ce =
					    &t->cells[r * t->ncols + c];

					if (ce->rowspan < 1 || ce->colspan < 1 ||
					    r + ce->rowspan > t->nrows)
						abort();
					text_of(b, ce->inlines);
				}
			text_of(b, t->caption);
		}
		if (bl->type == BLK_FIGURE && bl->figure != NULL) {
			if (bl->figure->src == NULL || bl->figure->alt == NULL)
				abort();
			walk(b, bl->figure->notes, depth + 1);
		}
		walk(b, bl->children, depth + 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct front_matter fm;
	struct arena a = {0};
	struct buf b = {0};
	struct diag d;
	struct doc doc;
	const struct footnote *fn;
	struct span sp = { "fuzz.yaml", 3, 5 };
	const char *text;
	char *copy;
	size_t len, bad;

	text = (const char *)data;
	len = size;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (memchr(text, '\0', len) != NULL || !utf8_valid(text, len, &bad))
		return -1;	/* not added to the corpus */
	copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	diag_init(&d);
	memset(&doc, 0, sizeof(doc));
	if (md_split(&d, "fuzz.md", copy, len, &fm) == 0) {
		if (fm.yaml != NULL)
			(void)yaml_parse(&a, &d, "fuzz.md", fm.yaml,
			    fm.yaml_len, fm.yaml_line);
		if (fm.body < copy || fm.body + fm.body_len > copy + len)
			abort();
		(void)md_parse(&a, &d, "fuzz.md", fm.body, fm.body_len,
		    fm.body_line, &doc);
		visits = 0;
		walk(&b, doc.blocks, 0);
		for (fn = doc.footnotes; fn != NULL; fn = fn->next)
			walk(&b, fn->blocks, 0);
	}
	/* A glossary definition is one line of inline Markdown. */
	if (len < 2048)
		text_of(&b, md_parse_inline(&a, &d, &sp, copy));
	buf_free(&b);
	diag_free(&d);
	arena_free(&a);
	free(copy);
	return 0;
}
