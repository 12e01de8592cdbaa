/*
 * util.h: memory, growable buffers, arenas and UTF-8 helpers shared by every
 * module of keikaku.
 *
 * Out of memory aborts (as cmark and mandoc do): every allocation function
 * here either succeeds or never returns, so callers never test for NULL.
 */
#ifndef KEIKAKU_UTIL_H
#define KEIKAKU_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define KK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define KK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define KK_PRINTF(f, a)
#endif

/* Allocation that aborts with a message on failure. Owned by the caller. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow an array of elem-sized items so that index need-1 fits; doubles. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);

/*
 * struct buf: a growable NUL-terminated byte string. Zero-initialise it
 * (struct buf b = {0};) and free b.data with free() or buf_free().
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void buf_put(struct buf *, const char *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, int);
void buf_printf(struct buf *, const char *, ...) KK_PRINTF(2, 3);
void buf_vprintf(struct buf *, const char *, va_list);
/* Appends the code point as UTF-8. */
void buf_put_cp(struct buf *, uint32_t);
void buf_reset(struct buf *);
void buf_free(struct buf *);
/* Returns the data (never NULL, "" if empty) and hands ownership to the caller. */
char *buf_take(struct buf *);
/* Returns the data, never NULL; the buffer keeps ownership. */
const char *buf_str(const struct buf *);

/*
 * struct arena: bump allocator for the model. Everything the loader and
 * resolver allocate for a build lives in one arena and is freed at once by
 * arena_free(), so the model needs no per-node ownership rules.
 */
struct arena_block;
struct arena {
	struct arena_block *head;
};

void *arena_alloc(struct arena *, size_t);	/* zeroed memory */
char *arena_strdup(struct arena *, const char *);
char *arena_strndup(struct arena *, const char *, size_t);
char *arena_printf(struct arena *, const char *, ...) KK_PRINTF(2, 3);
void arena_free(struct arena *);

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_NEWN(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (size_t)(n)))

/*
 * UTF-8. Decoding never reads past the end: utf8_decode() returns the number
 * of bytes consumed (at least 1 when len > 0) and stores U+FFFD in *cp for an
 * invalid or truncated sequence, an overlong form or a surrogate.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Returns 1 if s[0..len) is valid UTF-8 and sets *bad to the offset of the first invalid byte otherwise. */
int utf8_valid(const char *s, size_t len, size_t *bad);
/* Number of code points in s[0..len). */
size_t utf8_count(const char *s, size_t len);
/* Code point before offset off (0 if off == 0). */
uint32_t utf8_prev(const char *s, size_t off);
/* Code point at offset off (0 if at the end). */
uint32_t utf8_at(const char *s, size_t len, size_t off);

/*
 * East Asian wide or fullwidth (UAX #11 W or F): kana, kanji, fullwidth
 * forms, CJK punctuation. Used for the line-break join rule (CSS Text 3,
 * segment break transformation) and the emphasis fix.
 */
int cp_is_wide(uint32_t cp);
/* Unicode punctuation (P*) or symbol (S*), as CommonMark's flanking rule defines it, for the characters plans use. */
int cp_is_punct(uint32_t cp);
/* Unicode white space (Zs), tab, line feed, form feed, carriage return. */
int cp_is_space(uint32_t cp);

/* Levenshtein distance in code points, capped: returns cap+1 when larger. */
int str_distance(const char *a, const char *b, int cap);
/*
 * Of the candidates, the one closest to s if it is close enough to be a
 * likely typo ("did you mean"), else NULL; NULL too when two different
 * candidates are equally close (no guess). With none close, the one whose
 * first word (before _ or -) s is, from four characters (focus for
 * focus_area), if only one. Borrowed pointer into cands.
 */
const char *str_suggest(const char *s, const char *const *cands, size_t n);

/* The value of a hexadecimal digit, or -1. */
int hexval(int c);
/* A URL scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3986). */
int url_has_scheme(const char *);
/*
 * A relative path as written in Markdown (percent-encoding decoded, . and
 * .. segments applied, empty segments dropped), relative to the same
 * folder; NULL with *why set when it is empty, a URL, absolute, leaves
 * that folder or names the folder itself. Owned by the caller.
 */
char *path_norm(const char *src, const char **why);

/* Reads a whole file; returns NULL with errno set on failure. Owned by the caller. */
char *file_read(const char *path, size_t *len, size_t max);

#endif
