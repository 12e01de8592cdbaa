/*
 * yaml.h: the libyaml adapter. A YAML text is parsed at once into a small
 * tree of struct ynode with a source span on every node, and libyaml's own
 * types never leave yaml.c.
 *
 * Semantics are YAML 1.2's core schema, resolved on demand by the typed
 * accessors below: only true/false (any case form listed by the schema) are
 * booleans, so No, yes, on, off are strings; 010 is the decimal 10 (never
 * octal); 20:34 is a string; null is "", ~, null, Null, NULL. A quoted
 * scalar is always a string.
 *
 * Nodes live in the caller's arena.
 */
#ifndef KEIKAKU_YAML_H
#define KEIKAKU_YAML_H

#include "diag.h"
#include "util.h"

/*
 * Named limits, with their reasons. Exceeding one is a diagnostic.
 * YAML_MAX_DEPTH: nesting deeper than any plan needs; stops stack exhaustion
 *   from hostile input (the tree walkers recurse).
 * YAML_MAX_NODES: an alias expands to its anchor's whole subtree; counting
 *   the expanded size stops an alias bomb (billion laughs) long before it
 *   costs time or memory.
 */
#define YAML_MAX_DEPTH 64
#define YAML_MAX_NODES 1000000

enum ynode_type {
	YNODE_SCALAR,
	YNODE_MAP,
	YNODE_SEQ
};

struct ynode;

struct ypair {
	struct ynode	*key;		/* always a scalar (other keys are an error) */
	struct ynode	*value;
};

struct ynode {
	enum ynode_type	 type;
	struct span	 span;		/* where the node starts */
	/* YNODE_SCALAR */
	char		*str;		/* the scalar's value, NUL-terminated UTF-8 */
	size_t		 len;
	int		 plain;		/* written unquoted (plain style) and untagged: subject to core-schema resolution */
	/* YNODE_MAP */
	struct ypair	*pairs;
	size_t		 npairs;
	/* YNODE_SEQ */
	struct ynode	**items;
	size_t		 nitems;
};

/*
 * Parses text[0..len) as one YAML document. file is borrowed for the spans
 * (it must outlive the nodes). first_line is the line number of the first
 * line of text in its file (1 for a whole file, more for front-matter), so
 * spans point at the real line. Returns the root node (an empty document
 * gives a null scalar, see below), or NULL after reporting errors to d:
 * a syntax error or text that is not UTF-8 (yaml-syntax), a non-scalar key
 * or an unknown alias (yaml-syntax), more than one document (yaml-syntax),
 * nesting or size past the limits above (yaml-limit). Two errors do not
 * spoil the tree, which is returned so that the rest of the file is still
 * checked (the error still fails the build): a key repeated in one mapping
 * (duplicate-key; the mapping keeps the first pair and drops the repeat),
 * and a tag other than !, !!str, !!map, !!seq (yaml-tag; the value is read
 * as if the tag were not there).
 * Columns count characters; a UTF-8 BOM is skipped; lines break at LF, CR
 * and CRLF only (as in the Markdown). An alias shares its anchor's node
 * (the tree is a DAG, never a cycle): its span is the anchor's.
 *
 * An empty document (nothing but comments) returns a scalar node with
 * plain = 1 and str = "" (a null).
 */
struct ynode *yaml_parse(struct arena *, struct diag *, const char *file,
    const char *text, size_t len, int first_line);

/* Core-schema tests, for plain scalars; quoted scalars are always strings. */
int yaml_is_null(const struct ynode *);
/* Returns 0 and sets *v if the node is a boolean (true/True/TRUE/false/False/FALSE). */
int yaml_get_bool(const struct ynode *, int *v);
/*
 * Returns 0 and sets *v if the node is a core-schema integer: [-+]?[0-9]+
 * (decimal, leading zeros allowed: 010 is 10), 0o[0-7]+, 0x[0-9a-fA-F]+.
 * Returns -1 if it is not an integer, -2 if it is one too large for a long
 * long (the caller reports number-range).
 */
int yaml_get_int(const struct ynode *, long long *v);
/*
 * Returns 0 and sets *v if the node is a core-schema float or integer
 * (.inf, .nan excluded: they are not numbers here, and so strings).
 * Returns -1 if it is not a number, -2 if it is one out of a double's range.
 */
int yaml_get_float(const struct ynode *, double *v);
/* A scalar that the core schema resolves to a string (quoted, or plain and not null/bool/number). */
int yaml_is_string(const struct ynode *);

/* The value for key in a map, or NULL. */
struct ynode *yaml_map_get(const struct ynode *map, const char *key);
/*
 * A short name of the node's type for messages: "a mapping", "a list",
 * "a string", "a number", "true/false", "an empty value" ("nothing" for NULL).
 */
const char *yaml_type_name(const struct ynode *);

#endif
