/*
 * pack.h: object streams for the PDF the libharu device saved.
 *
 * libharu writes every object uncompressed with a classic cross-reference
 * table (PDF 1.4 style). A tagged volume has thousands of small structure
 * elements (one per paragraph, list item, table cell …), which then cost
 * more bytes than their text: each is an object of its own, plus its
 * 20-byte xref entry. pdf_pack() moves the objects it is given into
 * compressed object streams and replaces the xref table with a
 * cross-reference stream (ISO 32000-1 §7.5.7, §7.5.8; PDF 1.5), which
 * makes them about ten times smaller. Every other object is copied byte
 * for byte. Deterministic: the same input gives the same bytes.
 */
#ifndef KEIKAKU_PDF_PACK_H
#define KEIKAKU_PDF_PACK_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "util.h"

/* An object for pdf_pack(). */
struct pack_obj {
	uint32_t	 num;
	int		 saved;	/* moved as saved; else its dictionary written by the pack_write_fn */
};

/*
 * Appends the contents of the dictionary of object v[i] (without << >>)
 * to out: the objects are written one stream at a time, so that their
 * text is never all in memory at once.
 */
typedef void (*pack_write_fn)(void *ctx, size_t i, struct buf *out);

/*
 * zlib's level for the PDF's streams (zlevel.c, the page contents):
 * levels run 1 (fastest) to 9 (smallest); 1 is what PDF writers aiming
 * at speed use.
 */
#define PDF_DEFLATE_LEVEL	1

/*
 * Appends in[0..len) deflated (zlib format, as /FlateDecode reads it) at
 * zlib's level (1 fastest … 9 smallest) to out. Returns 0; or -1 if
 * zlib's functions cannot be found or fail, with out->len as it was or
 * longer (the caller resets it).
 */
int pdf_deflate(const char *in, size_t len, int level, struct buf *out);

/*
 * The first object number free in the PDF in pdf->data[start..) as
 * libharu saves it (its xref table's size); 0 if it is not laid out so.
 */
size_t pdf_pack_next(const struct buf *pdf, size_t start);

/*
 * Rewrites the PDF in pdf->data[start..pdf->len) (as libharu saves it)
 * with the objects v[0..n) in object streams, in that order. An object
 * numbered below pdf_pack_next() exists and is not a stream; it is moved,
 * with its saved value (saved) or as the dictionary write(ctx, i, …)
 * writes. The others are new dictionaries write writes, numbered from
 * pdf_pack_next() on without a gap; raw is about how many bytes write
 * will write in all (room is reserved for the result). mmgr is
 * libharu's (its Flate encoder does the compressing if zlib's functions
 * cannot be found). The file is rewritten in place (never two copies of
 * it at once). Returns 0; or -1 if the file is not laid out as libharu
 * writes it, with the bytes left as they were, or if compression fails,
 * with pdf->len set back to start (the file is lost).
 */
int pdf_pack(struct buf *pdf, size_t start, const struct pack_obj *v,
    size_t n, pack_write_fn write, void *ctx, size_t raw, HPDF_MMgr mmgr);

#endif
