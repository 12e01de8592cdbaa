/*
 * md_priv.h: what md.c (pre-processing, blocks, tables) and md_inline.c
 * (inlines, links, positions) share. Nothing outside the md_ module
 * includes this; cmark types stay inside it.
 *
 * The pre-processor rewrites the keikaku extensions into markers made of
 * Unicode noncharacters before cmark-gfm sees the text, so that cmark's
 * inline parser treats them as opaque letters, and keeps for every byte of
 * the rewritten text the character column it came from:
 *
 *   U+FDD0 hex… U+FDD1   an atom: [[key]], [[text|key]] or {{name args}}
 *   U+FDD3 hex… U+FDD1   the opening "[" of [text]{lang=xx}
 *   U+FDD4 hex… U+FDD1   its closing "]{lang=xx}"
 *   U+FDD2               an emphasis separator (see md.c), stripped
 *
 * "hex…" is the atom's index written with U+FDE0..U+FDEF as hex digits.
 * Noncharacters in the input itself are an error, so markers are unambiguous.
 */
#ifndef KEIKAKU_MD_PRIV_H
#define KEIKAKU_MD_PRIV_H

#include <cmark-gfm.h>

#include "diag.h"
#include "model.h"
#include "util.h"

/* The extension node types are run-time globals of libcmark-gfm-extensions. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;

/* Second byte and third-byte values of the markers (all are EF B7 xx). */
#define MK_ATOM		0x90	/* U+FDD0 */
#define MK_END		0x91	/* U+FDD1 */
#define MK_SEP		0x92	/* U+FDD2 */
#define MK_LANG_OPEN	0x93	/* U+FDD3 */
#define MK_LANG_CLOSE	0x94	/* U+FDD4 */
#define MK_HEX0		0xA0	/* U+FDE0 .. U+FDEF */

/* Is s[0..) (at least 3 bytes readable) a marker character? */
#define MK_IS(s) ((unsigned char)(s)[0] == 0xEF && \
	(unsigned char)(s)[1] == 0xB7 && \
	(unsigned char)(s)[2] >= 0x90 && (unsigned char)(s)[2] <= 0xAF)

enum atom_kind {
	ATOM_GLOSS,
	ATOM_FIELD,
	ATOM_LANG
};

struct md_atom {
	enum atom_kind	 kind;
	struct span	 span;		/* where it was written */
	struct span	 end;		/* just after it (LANG: after the close) */
	char		*key;		/* glossary key, field name, language tag (arena) */
	char		*text;		/* GLOSS: the text written, or NULL; FIELD: args, or NULL */
	struct span	 args_span;	/* FIELD: the first character of args */
	char		*orig;		/* the source as written (LANG: "[") */
	char		*close_orig;	/* LANG: "]{lang=xx}" */
	struct span	 close_span;	/* LANG */
	int		 reported;	/* LANG: a nesting error was reported */
};

/* One line of the pre-processed text. */
struct md_line {
	size_t		 off;		/* byte offset in ctx->src */
	size_t		 len;		/* bytes, without the line feed */
	int		*col;		/* len + 1 entries: the source column of each byte */
};

/* The block an inline list belongs to: for positions. */
struct md_binfo {
	struct span	 span;		/* the block's position */
	int		 l0, l1;	/* its lines (cmark numbering); l0 0 if unknown */
	int		 reliable;	/* cmark's inline positions can be trusted */
};

struct md_ctx {
	struct arena	*a;
	struct diag	*d;
	const char	*file;
	int		 first_line;	/* line number of line index 0 */
	int		 first_col;	/* column of the first character of line 0 */
	char		*src;		/* the pre-processed text (owned) */
	size_t		 srclen;
	struct md_line	*lines;		/* owned */
	size_t		 nlines;
	struct md_atom	*atoms;		/* owned array; strings in the arena */
	size_t		 natoms;
	size_t		 capatoms;
	int		 errors;	/* errors reported by this parse */
	int		 limit_reported;
	int		 prev_heading;
	size_t		 search_budget;	/* bytes md_find may still scan */
	char		**fn_labels;	/* by cmark footnote number (owned array) */
	size_t		 nfn_labels;
};

/* md_pre.c */
/* Checks body and runs the pre-processor into ctx->src and ctx->lines. */
void md_preprocess(struct md_ctx *, const char *body, size_t len);
/* Skips a container prefix (blanks and '>') of a line s[i..e). */
size_t md_skip_prefix(const char *s, size_t i, size_t e);

/* md.c */
/* End of the line at i (\n, \r\n or \r); *next is the next line's start. */
size_t md_line_end(const char *s, size_t len, size_t i, size_t *next);
void md_err(struct md_ctx *, const struct span *, const char *code,
    const char *fmt, ...) KK_PRINTF(4, 5);
void md_warn(struct md_ctx *, const struct span *, const char *code,
    const char *fmt, ...) KK_PRINTF(4, 5);
/* A cmark position (line relative to the body, 1-based byte column) as a span. */
struct span md_pos(struct md_ctx *, int line, int col);
/*
 * Reports the nesting limit once; returns 1 if depth is over it. n is the
 * node being entered (or whose children are), nlang the language spans
 * open around it: the message names what is nested (quotes, lists, ...).
 */
int md_too_deep(struct md_ctx *, int depth, const struct span *,
    cmark_node *n, int nlang);

/* md_inline.c */
/*
 * Converts the inline siblings first..stop (stop excluded, NULL for all)
 * into a finished model list: markers expanded, soft breaks joined, text
 * merged.
 */
struct inline_node *md_conv_inlines(struct md_ctx *, cmark_node *first,
    cmark_node *stop, const struct md_binfo *, int depth);
/* The text of s with markers replaced by what was written (for code, URLs). */
char *md_restore(struct md_ctx *, const char *s);
/* Checks the URL of a link or image node; reports unsafe-link at the URL. */
void md_check_url(struct md_ctx *, cmark_node *, const struct md_binfo *,
    const char *url);
/* Reports raw HTML (a block, or inline) with its tag in the message. */
void md_raw_html(struct md_ctx *, const struct span *, const char *lit,
    int block);
/* Position of an inline node: checked against the source, searched for if wrong. */
struct span md_inline_pos(struct md_ctx *, cmark_node *,
    const struct md_binfo *);
/* Finds needle in the block's lines, from line/byte column col first. */
int md_find(struct md_ctx *, const struct md_binfo *, int line, int col,
    const char *needle, struct span *out);
/* Is the name one of the generated blocks? */
int md_is_generated(const char *name);
int md_is_field(const char *name);
extern const char *const md_field_names[];
extern const size_t md_nfield_names;
extern const char *const md_gen_names[];
extern const size_t md_ngen_names;

#endif
