/*
 * diag.h: diagnostics. Every problem found in the input is collected (never
 * stop-at-first) and printed, sorted by file, line and column, as
 *
 *   file:line:col: error: message [code]
 *
 * with the column counted in characters (code points), so that a position on
 * a Japanese line points at the right character. A line of 0 means the file
 * as a whole and prints "file: error: …".
 */
#ifndef KEIKAKU_DIAG_H
#define KEIKAKU_DIAG_H

#include <stdio.h>

#include "util.h"

/*
 * A position in the input. file is borrowed: it points at a string that
 * lives as long as the build (interned in the model's arena).
 */
struct span {
	const char	*file;
	int		 line;	/* 1-based; 0 = the whole file */
	int		 col;	/* 1-based, in code points; 0 = the whole line */
};

/*
 * A text joined from pieces written in different places (lines joined by
 * a soft break, text around a marker): from byte off of the text on, it
 * was written at span.
 */
struct span_piece {
	size_t		 off;
	struct span	 span;
	int		 fixed;		/* all of the piece is at span (no counting) */
};

/*
 * The place of the character at byte off of text, whose first character
 * was written at sp and whose later pieces (n, by increasing off) at
 * theirs: columns counted in code points from the piece's start.
 */
struct span text_span_at(const struct span *sp, const struct span_piece *pieces,
    size_t n, const char *text, size_t off);

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR
};

/*
 * One collected diagnostic; all strings owned by the struct diag. An
 * identical one (same place, level, code and message) is recorded once; one
 * without a place is dropped when the same is said at a place.
 */
struct diag_entry {
	enum diag_level	 level;
	char		*file;
	int		 line;
	int		 col;
	char		*code;
	char		*msg;
	size_t		 seq;	/* insertion order, to keep the sort stable */
};

/*
 * Too many diagnostics means the input is not what we think it is (a binary
 * file, a wrong folder): after this many, further ones are counted, not
 * stored, and one line says how many were left out.
 */
#define DIAG_MAX_STORED 1000

/* A set of 64-bit hashes (0 is none, 1 a removed one), open addressing. */
struct diag_hset {
	uint64_t	*v;
	size_t		 n;
	size_t		 cap;		/* a power of two */
};

/* Where a text read from YAML was written (diag_text_place). */
struct text_place {
	const char	*str;		/* borrowed */
	size_t		 len;
	struct span	 span;
	int		 literal;
};

struct diag {
	struct diag_entry	*v;
	size_t			 n;
	size_t			 cap;
	struct text_place	*places;
	size_t			 nplaces;
	size_t			 capplaces;
	size_t			*place_h;	/* by address: index + 1 (diag_text_at) */
	size_t			*place_ch;	/* by content: index + 1 (diag_text_find) */
	size_t			 capplace_h;	/* of both */
	size_t			 nhashed;
	size_t			 maxplace;	/* the longest text placed, bytes */
	struct diag_hset	 said;		/* hashes of each said (diag_add) */
	struct diag_hset	 said_placed;	/* … of level, code, message said at a place */
	struct diag_hset	 said_placeless;	/* … said without one */
	size_t			 errors;
	size_t			 warnings;
	size_t			 dropped;
	int			 syserr;	/* an I/O or system error: exit 3 */
	size_t			 seq;		/* the next entry's seq */
};

void diag_init(struct diag *);
void diag_free(struct diag *);

/*
 * The places of texts read from YAML (a project's title, an indicator's
 * name), for a later stage that prints such a text without knowing where
 * it was written: the PDF, for a character its fonts do not have.
 * diag_text_place() records that the string at str (borrowed: it must
 * outlive d's use; only texts beyond ASCII need be recorded) was written at
 * sp; literal: its characters follow one another on sp's line, as written
 * (a plain or quoted value on one line, without escapes), else sp is the
 * value's start. diag_text_at(): the place of the string at str, found by
 * its address (the model keeps the strings the YAML reader made), or NULL;
 * valid until the next diag_text_place(). The first placed wins.
 */
void diag_text_place(struct diag *, const char *str, const struct span *sp,
    int literal);
const struct text_place *diag_text_at(struct diag *, const char *str);
/*
 * For a text made of others (a number and a title): when text holds one of
 * the texts placed around byte off, the place of the character at off
 * (1 and *out), else 0. Costs the square of the longest text placed, not
 * the number of texts.
 */
int diag_text_find(struct diag *, const char *text, size_t off,
    struct span *out);

/*
 * Records a diagnostic at span sp (NULL for none). code is a short
 * kebab-case name (unknown-key, bad-year) documented in docs/diagnostics.md.
 */
void diag_error(struct diag *, const struct span *sp, const char *code,
    const char *fmt, ...) KK_PRINTF(4, 5);
void diag_warning(struct diag *, const struct span *sp, const char *code,
    const char *fmt, ...) KK_PRINTF(4, 5);
void diag_add(struct diag *, enum diag_level, const struct span *sp,
    const char *code, const char *fmt, va_list ap);
/* A system error (cannot read, cannot write): printed as an error, sets syserr. */
void diag_syserr(struct diag *, const char *path, const char *code,
    const char *fmt, ...) KK_PRINTF(4, 5);

/*
 * Appends "; did you mean 'x'?" to msg when one of the candidates is close
 * to word. A helper for messages about unknown keys and references.
 */
void diag_suggest(struct buf *msg, const char *word,
    const char *const *cands, size_t n);

/* Prints every diagnostic, sorted by file, line, column, then insertion order. */
void diag_print(struct diag *, FILE *);

/* Errors, or warnings when werror is set. */
int diag_failed(const struct diag *, int werror);

#endif
