/*
 * fuzz_yaml.c: libFuzzer target for the YAML adapter (generator/yaml.c).
 * The input is one YAML text, as a content file or a front-matter block
 * gives it to yaml_parse(); every node of the tree is then read with every
 * typed accessor, as the loader does. A crash, a sanitizer report or a
 * timeout is a finding; diagnostics are the expected answer to bad input.
 *
 * The tree is a DAG (an alias shares its anchor's node), so the walk is
 * bounded by a visit budget rather than trusting the shape.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"
#include "yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Node visits per input: more than YAML_MAX_NODES could ever need. */
#define VISIT_BUDGET 200000

static size_t visits;

static void
walk(const struct ynode *n, int depth)
{
	long long i;
	double f;
	int bo;
	size_t k;

	if (n == NULL || ++visits > VISIT_BUDGET)
		return;
	/* The parser promises this bound; the walkers rely on it. */
	if (depth > YAML_MAX_DEPTH + 1)
		abort();
	(void)yaml_type_name(n);
	switch (n->type) {
	case YNODE_SCALAR:
		if (n->str == NULL || strlen(n->str) > n->len)
			abort();
		(void)yaml_is_null(n);
		(void)yaml_get_bool(n, &bo);
		(void)yaml_get_int(n, &i);
		(void)yaml_get_float(n, &f);
		(void)yaml_is_string(n);
		break;
	case YNODE_MAP:
		(void)yaml_map_get(n, "key");
		(void)yaml_map_get(n, "title");
		for (k = 0; k < n->npairs; k++) {
			if (n->pairs[k].key == NULL ||
			    n->pairs[k].key->type != YNODE_SCALAR)
				abort();	/* keys are scalars, says yaml.h */
			if (n->pairs[k].key->str != NULL)
				(void)yaml_map_get(n, n->pairs[k].key->str);
			walk(n->pairs[k].value, depth + 1);
		}
		break;
	case YNODE_SEQ:
		for (k = 0; k < n->nitems; k++)
			walk(n->items[k], depth + 1);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};
	struct diag d;
	struct ynode *root;
	char *text;

	/* Files reach the parser NUL-terminated (file_read()). */
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	diag_init(&d);
	root = yaml_parse(&a, &d, "fuzz.yaml", text, size, 1);
	visits = 0;
	walk(root, 0);
	/* A front-matter block starts further down its file. */
	if (size < 4096) {
		struct arena a2 = {0};

		(void)yaml_parse(&a2, &d, "fuzz.md", text, size, 7);
		arena_free(&a2);
	}
	diag_free(&d);
	arena_free(&a);
	free(text);
	return 0;
}
