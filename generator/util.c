/* util.c: see util.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static void
oom(size_t n)
{
	fprintf(stderr, "keikaku: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	if (c == 0)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / elem)
			oom(SIZE_MAX);
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * elem);
}

/* --- buffers --- */

static void
buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap) {
		size_t c = b->cap ? b->cap : 64;

		while (c < b->len + extra + 1)
			c *= 2;
		b->data = xrealloc(b->data, c);
		b->cap = c;
	}
}

void
buf_put(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_put(b, &ch, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_put_cp(struct buf *b, uint32_t cp)
{
	char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_put(b, s, n);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
buf_take(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

const char *
buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

/* --- arena --- */

#define ARENA_BLOCK 65536

struct arena_block {
	struct arena_block	*next;
	size_t			 used;
	size_t			 size;
	/* max_align_t alignment for the data that follows */
	union {
		long double	 ld;
		void		*p;
		long long	 ll;
	} data[];
};

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t align = sizeof(b->data[0]);
	char *p;

	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (b == NULL || b->size - b->used < n) {
		size_t sz = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + sz);
		b->used = 0;
		b->size = sz;
		if (n > ARENA_BLOCK / 4 && a->head != NULL) {
			/* A large object gets its own block behind the current one. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	char *p;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = arena_strndup(a, buf_str(&b), b.len);
	buf_free(&b);
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *n;

	for (b = a->head; b != NULL; b = n) {
		n = b->next;
		free(b);
	}
	a->head = NULL;
}

/* --- UTF-8 --- */

size_t
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n, i;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len < n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && !(n == 3 &&
		    (unsigned char)s[i] == 0xEF &&
		    (unsigned char)s[i + 1] == 0xBF &&
		    (unsigned char)s[i + 2] == 0xBD)) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	uint32_t cp;

	while (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

uint32_t
utf8_prev(const char *s, size_t off)
{
	size_t i = off;
	uint32_t cp;

	if (off == 0)
		return 0;
	i--;
	while (i > 0 && off - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	utf8_decode(s + i, off - i, &cp);
	return cp;
}

uint32_t
utf8_at(const char *s, size_t len, size_t off)
{
	uint32_t cp;

	if (off >= len)
		return 0;
	utf8_decode(s + off, len - off, &cp);
	return cp;
}

int
cp_is_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) ||	/* Hangul Jamo */
	    (c >= 0x2E80 && c <= 0x303E) ||	/* CJK radicals, symbols, punctuation */
	    (c >= 0x3041 && c <= 0x33FF) ||	/* kana, CJK compatibility */
	    (c >= 0x3400 && c <= 0x4DBF) ||	/* CJK extension A */
	    (c >= 0x4E00 && c <= 0x9FFF) ||	/* CJK unified ideographs */
	    (c >= 0xA000 && c <= 0xA4CF) ||	/* Yi */
	    (c >= 0xAC00 && c <= 0xD7A3) ||	/* Hangul syllables */
	    (c >= 0xF900 && c <= 0xFAFF) ||	/* CJK compatibility ideographs */
	    (c >= 0xFE30 && c <= 0xFE4F) ||	/* CJK compatibility forms */
	    (c >= 0xFF00 && c <= 0xFF60) ||	/* fullwidth forms */
	    (c >= 0xFFE0 && c <= 0xFFE6) ||
	    (c >= 0x20000 && c <= 0x3FFFD);
}

int
cp_is_punct(uint32_t c)
{
	if (c < 0x80)
		return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
		    (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
	return (c >= 0xA1 && c <= 0xBF && c != 0xAA && c != 0xB2 &&
	    c != 0xB3 && c != 0xB5 && c != 0xB9 && c != 0xBA) ||
	    c == 0xD7 || c == 0xF7 ||
	    (c >= 0x2010 && c <= 0x2027) ||	/* general punctuation */
	    (c >= 0x2030 && c <= 0x205E) ||
	    (c >= 0x2190 && c <= 0x23FF) ||	/* arrows, math, technical */
	    (c >= 0x2500 && c <= 0x27BF) ||	/* box drawing, shapes, dingbats */
	    (c >= 0x2E00 && c <= 0x2E7F) ||
	    (c >= 0x3001 && c <= 0x3004) ||	/* 、。〃〄 */
	    (c >= 0x3008 && c <= 0x3020) ||	/* brackets, 〒〓 */
	    c == 0x3030 || c == 0x303D || c == 0x30A0 || c == 0x30FB ||
	    (c >= 0xFE10 && c <= 0xFE19) ||
	    (c >= 0xFE30 && c <= 0xFE6B) ||
	    (c >= 0xFF01 && c <= 0xFF0F) ||	/* fullwidth ASCII punctuation */
	    (c >= 0xFF1A && c <= 0xFF20) ||
	    (c >= 0xFF3B && c <= 0xFF40) ||
	    (c >= 0xFF5B && c <= 0xFF65) ||
	    (c >= 0xFFE0 && c <= 0xFFEE);
}

int
cp_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	    c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x202F || c == 0x205F || c == 0x3000;
}

/* --- suggestions --- */

static size_t
to_cps(const char *s, uint32_t *out, size_t max)
{
	size_t len = strlen(s), i = 0, n = 0;

	while (i < len && n < max)
		i += utf8_decode(s + i, len - i, &out[n++]);
	return n;
}

/*
 * Optimal string alignment distance: insertions, deletions, substitutions
 * and the swap of two neighbours each count as one edit, since a swap
 * (unti for unit) is the commonest typo in a key.
 */
int
str_distance(const char *a, const char *b, int cap)
{
	uint32_t ca[64], cb[64];
	int r0[65], r1[65], r2[65], *pp = r0, *p = r1, *c = r2, *t, best, v;
	size_t na, nb, i, j;

	na = to_cps(a, ca, 64);
	nb = to_cps(b, cb, 64);
	if ((na > nb ? na - nb : nb - na) > (size_t)cap)
		return cap + 1;
	for (j = 0; j <= nb; j++)
		p[j] = (int)j;
	for (i = 1; i <= na; i++) {
		c[0] = (int)i;
		best = c[0];
		for (j = 1; j <= nb; j++) {
			v = p[j - 1] + (ca[i - 1] != cb[j - 1]);
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] &&
			    ca[i - 2] == cb[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[nb] > cap ? cap + 1 : p[nb];
}

const char *
str_suggest(const char *s, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t len = utf8_count(s, strlen(s)), i;
	int cap, d, bestd, tie = 0;

	/* One edit for short words, two from five characters, three from nine. */
	cap = len < 5 ? 1 : len < 9 ? 2 : 3;
	bestd = cap + 1;
	for (i = 0; i < n; i++) {
		if (cands[i] == NULL)
			continue;
		d = str_distance(s, cands[i], cap);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
			tie = 0;
		} else if (d == bestd && best != NULL &&
		    strcmp(best, cands[i]) != 0)
			tie = 1;
	}
	/*
	 * Two different names equally close (1-1-(5) against 1-1-(1) and
	 * 1-1-(2)): a guess would send the user to the wrong one.
	 */
	if (best != NULL || tie)
		return tie ? NULL : best;
	/*
	 * None close: the first word of exactly one name (focus for
	 * focus_area), from four characters.
	 */
	if (len < 4)
		return NULL;
	len = strlen(s);
	for (i = 0; i < n; i++) {
		if (cands[i] == NULL || strncmp(cands[i], s, len) != 0 ||
		    (cands[i][len] != '_' && cands[i][len] != '-'))
			continue;
		if (best != NULL && strcmp(best, cands[i]) != 0)
			return NULL;
		best = cands[i];
	}
	return best;
}

char *
file_read(const char *path, size_t *lenp, size_t max)
{
	FILE *f;
	struct buf b = {0};
	char tmp[65536];
	size_t n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
		if (b.len + n > max) {
			fclose(f);
			buf_free(&b);
			errno = EFBIG;
			return NULL;
		}
		buf_put(&b, tmp, n);
	}
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		buf_free(&b);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	if (lenp)
		*lenp = b.len;
	return buf_take(&b);
}

/* --- paths --- */

int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A URL scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3986). */
int
url_has_scheme(const char *s)
{
	const char *p = s;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	for (p++; *p != '\0' && *p != '/'; p++) {
		if (*p == ':')
			return 1;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
		    *p == '.'))
			return 0;
	}
	return 0;
}

char *
path_norm(const char *src, const char **why)
{
	struct buf dec = {0}, out = {0};
	const char *p, *seg;
	size_t seglen, *stack = NULL, nstack = 0, cap = 0;
	char *ret = NULL;
	int h1, h2;

	*why = NULL;
	if (src == NULL || *src == '\0') {
		*why = "the path is empty";
		return NULL;
	}
	if (url_has_scheme(src)) {
		*why = "it is a URL, not a file inside the content folder";
		return NULL;
	}
	if (src[0] == '/' || src[0] == '\\') {
		*why = "it is an absolute path; write it relative to the "
		    "content folder";
		return NULL;
	}
	/* A Markdown link destination may be percent-encoded (a space as %20). */
	for (p = src; *p != '\0'; p++) {
		if (*p == '%' && (h1 = hexval(p[1])) >= 0 &&
		    (h2 = hexval(p[2])) >= 0) {
			if (h1 == 0 && h2 == 0) {
				*why = "it contains %00";
				goto out;
			}
			buf_putc(&dec, h1 * 16 + h2);
			p += 2;
		} else
			buf_putc(&dec, *p);
	}
	for (p = buf_str(&dec); *p != '\0'; p += seglen + (p[seglen] == '/')) {
		seg = p;
		seglen = strcspn(p, "/");
		if (seglen == 0 || (seglen == 1 && seg[0] == '.'))
			continue;
		if (seglen == 2 && seg[0] == '.' && seg[1] == '.') {
			if (nstack == 0) {
				*why = "it leaves the content folder";
				goto out;
			}
			out.len = stack[--nstack];
			out.data[out.len] = '\0';
			continue;
		}
		stack = xgrow(stack, &cap, nstack + 1, sizeof(*stack));
		stack[nstack++] = out.len;
		if (out.len > 0)
			buf_putc(&out, '/');
		buf_put(&out, seg, seglen);
	}
	if (out.len == 0) {
		*why = "it names the content folder itself";
		goto out;
	}
	ret = xstrndup(out.data, out.len);
out:
	free(stack);
	buf_free(&dec);
	buf_free(&out);
	return ret;
}

