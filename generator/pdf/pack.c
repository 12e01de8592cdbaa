/*
 * pack.c: object streams (see pack.h).
 *
 * libharu 2.3.0 saves a file as: the header, every object as
 * "N 0 obj\n…\nendobj\n" in object-number order, "xref\n0 M\n" and M
 * entries of 20 bytes, "trailer\n<<…>>\nstartxref\nX\n%%EOF\n". The
 * rewrite keeps the header and every object not packed (their bytes as
 * they were, at new offsets), appends the object streams, then a
 * cross-reference stream with the trailer's entries. Anything else is
 * refused and the file left alone.
 */
#define _GNU_SOURCE	/* RTLD_DEFAULT */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pdf/pack.h"

/* Objects per object stream: a reader inflates a whole stream to reach one of them (qpdf uses 100). */
#define PACK_PER_STREAM	1000

/*
 * zlib's level for the object streams, as for libharu's streams
 * (zlevel.c): the fastest. Measured on the 事業集 at 10x the sample with
 * Debian's zlib 1.2.13: level 1 deflates its 3.5 MB of structure in 215 M
 * instructions to 773 KB, level 3 in 268 M to 730 KB.
 */
#define PACK_LEVEL	1

struct ent {
	size_t		 off;		/* in the old file; 0 = free */
	size_t		 end;		/* just after its "endobj\n" */
	int		 packed;
	uint32_t	 stm;		/* packed: its object stream's number */
	uint32_t	 idx;		/* packed: its index there */
	size_t		 noff;		/* not packed: the offset in the new file */
};

/* Parses an unsigned decimal at s[*i]; returns -1 if there is none. */
static int
num(const char *s, size_t len, size_t *i, size_t *v)
{
	size_t k = *i;

	*v = 0;
	if (k >= len || s[k] < '0' || s[k] > '9')
		return -1;
	while (k < len && s[k] >= '0' && s[k] <= '9') {
		if (*v > (SIZE_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (size_t)(s[k++] - '0');
	}
	*i = k;
	return 0;
}

static void
put_num(struct buf *b, size_t v)
{
	char s[24];
	size_t i = sizeof(s);

	do
		s[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	buf_put(b, s + i, sizeof(s) - i);
}

/* "N 0 obj\n" as libharu writes it; returns its length. */
static size_t
obj_head(char *s, size_t k)
{
	char d[24];
	size_t i = sizeof(d), n;

	do
		d[--i] = (char)('0' + k % 10);
	while ((k /= 10) > 0);
	n = sizeof(d) - i;
	memcpy(s, d + i, n);
	memcpy(s + n, " 0 obj\n", 8);
	return n + 7;
}

static int
lit(const char *s, size_t len, size_t *i, const char *w)
{
	size_t n = strlen(w);

	if (*i + n > len || memcmp(s + *i, w, n) != 0)
		return -1;
	*i += n;
	return 0;
}

typedef int (*zinit_fn)(z_streamp, int, int, int, int, int, const char *,
    int);
typedef int (*zdeflate_fn)(z_streamp, int);
typedef int (*zend_fn)(z_streamp);

/*
 * keikaku does not link zlib itself (libharu does): its functions are
 * looked up as zlevel.c looks up deflateInit2_, once.
 */
int
pdf_deflate(const char *in, size_t len, int level, struct buf *out)
{
	static zinit_fn init;
	static zdeflate_fn def;
	static zend_fn end;
	z_stream z;
	size_t room;
	int rc;

	if (init == NULL || def == NULL || end == NULL) {
		/* data pointers cast to function pointers as POSIX allows for dlsym */
		*(void **)&init = dlsym(RTLD_DEFAULT, "deflateInit2_");
		*(void **)&def = dlsym(RTLD_DEFAULT, "deflate");
		*(void **)&end = dlsym(RTLD_DEFAULT, "deflateEnd");
		if (init == NULL || def == NULL || end == NULL)
			return -1;
	}
	memset(&z, 0, sizeof(z));
	if (len > 0xFFFFFFF0u || init(&z, level, Z_DEFLATED, MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY, ZLIB_VERSION, (int)sizeof(z)) != Z_OK)
		return -1;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	for (;;) {
		room = len / 4 + 1024;
		out->data = xgrow(out->data, &out->cap, out->len + room + 1, 1);
		z.next_out = (Bytef *)out->data + out->len;
		z.avail_out = (uInt)room;
		rc = def(&z, Z_FINISH);
		out->len += room - z.avail_out;
		if (rc == Z_STREAM_END)
			break;
		if (rc != Z_OK && rc != Z_BUF_ERROR) {
			(void)end(&z);
			return -1;
		}
	}
	out->data[out->len] = '\0';
	return end(&z) == Z_OK ? 0 : -1;
}

/* Deflates in[0..len) onto out: zlib directly, else libharu's Flate encoder. */
static int
deflate_into(HPDF_MMgr mm, const char *in, size_t len, struct buf *out)
{
	HPDF_Stream src, dst;
	HPDF_UINT i, n, k;
	HPDF_BYTE *p;
	size_t before = out->len;
	int rc = -1;

	if (pdf_deflate(in, len, PACK_LEVEL, out) == 0)
		return 0;
	out->len = before;
	src = HPDF_MemStream_New(mm, 65536);
	dst = HPDF_MemStream_New(mm, 65536);
	if (src == NULL || dst == NULL)
		goto done;
	if (HPDF_Stream_Write(src, (const HPDF_BYTE *)in, (HPDF_UINT)len) !=
	    HPDF_OK || HPDF_Stream_WriteToStream(src, dst,
	    HPDF_STREAM_FILTER_FLATE_DECODE, NULL) != HPDF_OK)
		goto done;
	n = HPDF_MemStream_GetBufCount(dst);
	for (i = 0; i < n; i++) {
		p = HPDF_MemStream_GetBufPtr(dst, i, &k);
		if (p == NULL)
			goto done;
		buf_put(out, (const char *)p, k);
	}
	rc = 0;
done:
	if (src != NULL)
		HPDF_Stream_Free(src);
	if (dst != NULL)
		HPDF_Stream_Free(dst);
	return rc;
}

/* Reads the xref table and the trailer; fills e[0..m) and the trailer's text. */
static int
read_xref(const char *s, size_t len, struct ent **ep, size_t *mp,
    size_t *trail, size_t *trail_end, size_t *xref)
{
	size_t i, x, m, k, off, gen, j;
	struct ent *e;

	/* "startxref\nX\n%%EOF\n" at the end */
	for (i = len >= 32 ? len - 32 : 0; i + 10 < len; i++)
		if (memcmp(s + i, "startxref\n", 10) == 0)
			break;
	j = i + 10;
	if (i + 10 >= len || num(s, len, &j, &x) == -1 || x >= len)
		return -1;
	j = x;
	if (lit(s, len, &j, "xref\n0 ") == -1 || num(s, len, &j, &m) == -1 ||
	    lit(s, len, &j, "\n") == -1 || m < 2 || m > (len - j) / 20)
		return -1;
	e = xcalloc(m, sizeof(*e));
	for (k = 0; k < m; k++, j += 20) {
		size_t q = j;

		if (num(s, len, &q, &off) == -1 || lit(s, len, &q, " ") == -1 ||
		    num(s, len, &q, &gen) == -1 || lit(s, len, &q, " ") == -1 ||
		    q >= len) {
			free(e);
			return -1;
		}
		if (s[q] == 'n') {
			if (gen != 0 || off >= x || k == 0) {
				free(e);
				return -1;
			}
			e[k].off = off;
		} else if (s[q] != 'f') {
			free(e);
			return -1;
		}
	}
	if (lit(s, len, &j, "trailer\n") == -1) {
		free(e);
		return -1;
	}
	*trail = j;
	*trail_end = i;
	*xref = x;
	*ep = e;
	*mp = m;
	return 0;
}

/* The end of each object (the start of the next one, in file order). */
static int
find_ends(const char *s, struct ent *e, size_t m, size_t xref)
{
	size_t *order = xcalloc(m, sizeof(*order)), n = 0, k, a, b, next, t, hl;
	char head[32];
	int rc = 0;

	for (k = 1; k < m; k++)
		if (e[k].off != 0)
			order[n++] = k;
	/* libharu writes objects in number order; check, never assume */
	for (a = 1; a < n; a++)
		for (b = a; b > 0 && e[order[b - 1]].off > e[order[b]].off; b--) {
			t = order[b];
			order[b] = order[b - 1];
			order[b - 1] = t;
		}
	for (a = 0; a < n && rc == 0; a++) {
		k = order[a];
		next = a + 1 < n ? e[order[a + 1]].off : xref;
		hl = obj_head(head, k);
		if (next < e[k].off + hl + 8 ||
		    memcmp(s + e[k].off, head, hl) != 0 ||
		    memcmp(s + next - 8, "\nendobj\n", 8) != 0)
			rc = -1;
		e[k].end = next;
	}
	free(order);
	return rc;
}

/* The trailer's entries the xref stream's dictionary keeps: /Root, /Info, /ID (one a line). */
static void
trailer_entries(const char *s, size_t from, size_t to, struct buf *out)
{
	static const char *const keep[] = { "/Root ", "/Info ", "/ID " };
	size_t i, k, e;

	for (i = from; i < to; i = e + 1) {
		for (e = i; e < to && s[e] != '\n'; e++)
			;
		for (k = 0; k < KK_ARRAY_LEN(keep); k++)
			if (e - i > strlen(keep[k]) &&
			    memcmp(s + i, keep[k], strlen(keep[k])) == 0)
				buf_put(out, s + i, e - i);
	}
}

/* A cross-reference stream entry with field widths [1 4 2]. */
static void
xref_entry(struct buf *b, int type, size_t f2, size_t f3)
{
	unsigned char *p;

	b->data = xgrow(b->data, &b->cap, b->len + 8, 1);
	p = (unsigned char *)b->data + b->len;
	p[0] = (unsigned char)type;
	p[1] = (unsigned char)(f2 >> 24);
	p[2] = (unsigned char)(f2 >> 16);
	p[3] = (unsigned char)(f2 >> 8);
	p[4] = (unsigned char)f2;
	p[5] = (unsigned char)(f3 >> 8);
	p[6] = (unsigned char)f3;
	p[7] = '\0';
	b->len += 7;
}

/* Appends one object stream holding the objects whose index and bodies are in idx and body. */
static int
put_objstm(struct buf *out, HPDF_MMgr mm, size_t num, size_t count,
    struct buf *idx, const struct buf *body)
{
	struct buf z = {0};
	size_t first = idx->len;
	int rc;

	buf_put(idx, body->data, body->len);
	rc = deflate_into(mm, idx->data, idx->len, &z);
	if (rc == 0) {
		buf_printf(out, "%zu 0 obj\n<</Type/ObjStm/N %zu/First %zu"
		    "/Filter/FlateDecode/Length %zu>>\nstream\n", num, count,
		    first, z.len);
		buf_put(out, z.data, z.len);
		buf_puts(out, "\nendstream\nendobj\n");
	}
	buf_free(&z);
	return rc;
}

size_t
pdf_pack_next(const struct buf *pdf, size_t start)
{
	struct ent *e;
	size_t m, trail, trail_end, xref;

	if (pdf->len <= start || pdf->len - start < 5 ||
	    memcmp(pdf->data + start, "%PDF-", 5) != 0 ||
	    read_xref(pdf->data + start, pdf->len - start, &e, &m, &trail,
	    &trail_end, &xref) == -1)
		return 0;
	free(e);
	return m;
}

/* Kept objects by their offset in the old file (pdf_pack()'s compaction order). */
struct kept {
	size_t	 off;
	size_t	 k;
};

static int
kept_cmp(const void *x, const void *y)
{
	const struct kept *a = x, *b = y;

	return a->off < b->off ? -1 : a->off > b->off;
}

int
pdf_pack(struct buf *pdf, size_t start, const struct pack_obj *v, size_t n,
    pack_write_fn write, void *ctx, size_t raw, HPDF_MMgr mm)
{
	char *s = pdf->data + start;
	size_t len = pdf->len - start, m, trail, trail_end, xref, k, i, first;
	size_t nnew = 0, tot, nstm, size, xoff, hl, body, ecap, *soff = NULL;
	size_t nk = 0, w;
	struct ent *e = NULL, *x;
	struct kept *kv = NULL;
	struct buf idx = {0}, objsb = {0}, xd = {0}, z = {0}, sv = {0}, tr = {0};
	char head[32];
	int rc = -1;

	if (n == 0 || pdf->len <= start || len > 0xFFFFFFF0u ||
	    memcmp(s, "%PDF-", 5) != 0 ||
	    read_xref(s, len, &e, &m, &trail, &trail_end, &xref) == -1)
		return -1;
	if (find_ends(s, e, m, xref) == -1)
		goto done;
	for (i = 0; i < n; i++)
		if (v[i].num >= m)
			nnew++;
	tot = m + nnew;
	ecap = m;
	e = xgrow(e, &ecap, tot, sizeof(*e));
	memset(e + m, 0, nnew * sizeof(*e));
	for (i = 0; i < n; i++) {
		k = v[i].num;
		/* an object saved, or a new one in the numbers after them */
		if (k == 0 || k >= tot || e[k].packed ||
		    (k < m && e[k].off == 0) || (k >= m && v[i].saved))
			goto done;
		e[k].packed = 1;
	}
	/*
	 * The file is rewritten in place: the objects kept move down over
	 * the ones packed, then the object streams and the cross-reference
	 * stream are appended (no second copy of the file). What the
	 * rewrite still reads from the old bytes is copied aside first: the
	 * values of the objects packed as saved (sv: noff is where, end
	 * becomes the length) and the trailer (tr).
	 */
	for (i = 0; i < n; i++)
		if (v[i].saved) {
			x = &e[v[i].num];
			hl = obj_head(head, v[i].num);
			body = x->off + hl;
			x->noff = sv.len;
			buf_put(&sv, s + body, x->end - 8 - body);
			x->end = x->end - 8 - body;
		}
	buf_put(&tr, s + trail, trail_end - trail);
	/* The header (everything before the first object), then the objects kept, in file order. */
	kv = xcalloc(m, sizeof(*kv));
	for (first = xref, k = 1; k < m; k++) {
		if (e[k].off != 0 && e[k].off < first)
			first = e[k].off;
		if (e[k].off != 0 && !e[k].packed) {
			kv[nk].off = e[k].off;
			kv[nk++].k = k;
		}
	}
	qsort(kv, nk, sizeof(*kv), kept_cmp);
	for (w = first, i = 0; i < nk; i++) {
		x = &e[kv[i].k];
		x->noff = w;	/* never past its old offset: only bytes before it were dropped */
		memmove(s + w, s + x->off, x->end - x->off);
		w += x->end - x->off;
	}
	pdf->len = start + w;
	/* Room for the rest at once: a doubling buffer would overshoot by up to the file's size. */
	pdf->data = xgrow(pdf->data, &pdf->cap, pdf->len + raw / 3 + 65536, 1);
	/* The object streams, numbered after the new objects, in the order of v. */
	nstm = (n + PACK_PER_STREAM - 1) / PACK_PER_STREAM;
	soff = xcalloc(nstm, sizeof(*soff));
	for (i = 0; i < n; i++) {
		x = &e[v[i].num];
		x->stm = (uint32_t)(tot + i / PACK_PER_STREAM);
		x->idx = (uint32_t)(i % PACK_PER_STREAM);
		put_num(&idx, v[i].num);
		buf_putc(&idx, ' ');
		put_num(&idx, objsb.len);
		buf_putc(&idx, ' ');
		if (!v[i].saved) {
			buf_put(&objsb, "<<", 2);
			write(ctx, i, &objsb);
			buf_put(&objsb, ">>\n", 3);
		} else {
			/* its value without "N 0 obj\n" and "\nendobj\n" */
			buf_put(&objsb, sv.data + x->noff, x->end);
			buf_putc(&objsb, '\n');
		}
		if ((i + 1) % PACK_PER_STREAM == 0 || i + 1 == n) {
			soff[i / PACK_PER_STREAM] = pdf->len - start;
			if (put_objstm(pdf, mm, tot + i / PACK_PER_STREAM,
			    i % PACK_PER_STREAM + 1, &idx, &objsb) == -1)
				goto lost;
			buf_reset(&idx);
			buf_reset(&objsb);
		}
	}
	/* The cross-reference stream, last object, covering every number. */
	size = tot + nstm + 1;
	xoff = pdf->len - start;
	for (k = 0; k < size; k++) {
		if (k == 0)
			xref_entry(&xd, 0, 0, 65535);
		else if (k < tot && e[k].packed)
			xref_entry(&xd, 2, e[k].stm, e[k].idx);
		else if (k < m && e[k].off == 0)
			xref_entry(&xd, 0, 0, 0);
		else if (k < m)
			xref_entry(&xd, 1, e[k].noff, 0);
		else if (k < tot)
			goto lost;	/* a number skipped among the new objects */
		else if (k < tot + nstm)
			xref_entry(&xd, 1, soff[k - tot], 0);
		else
			xref_entry(&xd, 1, xoff, 0);
	}
	if (deflate_into(mm, xd.data, xd.len, &z) == -1)
		goto lost;
	put_num(pdf, size - 1);
	buf_puts(pdf, " 0 obj\n<</Type/XRef/Size ");
	put_num(pdf, size);
	buf_puts(pdf, "/W[1 4 2]");
	trailer_entries(tr.data, 0, tr.len, pdf);
	buf_puts(pdf, "/Filter/FlateDecode/Length ");
	put_num(pdf, z.len);
	buf_puts(pdf, ">>\nstream\n");
	buf_put(pdf, z.data, z.len);
	buf_puts(pdf, "\nendstream\nendobj\nstartxref\n");
	put_num(pdf, xoff);
	buf_puts(pdf, "\n%%EOF\n");
	rc = 0;
	goto done;
lost:
	pdf->len = start;	/* rewritten in part: nothing of it is usable */
	pdf->data[start] = '\0';
done:
	free(e);
	free(kv);
	free(soff);
	buf_free(&idx);
	buf_free(&objsb);
	buf_free(&xd);
	buf_free(&z);
	buf_free(&sv);
	buf_free(&tr);
	return rc;
}
