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

/*
 * Rewrites the PDF in pdf->data[start..pdf->len) (as libharu saves it)
 * with the objects numbered objs[0..n) in object streams; they must not
 * be streams themselves. mmgr is libharu's (its Flate encoder does the
 * compressing). Returns 0; or -1 if the file is not laid out as libharu
 * writes it, or compression fails: then the bytes are left as they were
 * (the file is still valid, only larger).
 */
int pdf_pack(struct buf *pdf, size_t start, const uint32_t *objs, size_t n,
    HPDF_MMgr mmgr);

#endif
