/*
 * tag.h: the logical structure of a tagged PDF (ISO 32000-1 §14.7-14.8,
 * PDF/UA-1), for the libharu device. libharu 2.3.0 has no API for it
 * (its header says BMC, BDC and EMC are "not implemented yet"), so this
 * module writes it through libharu's installed internals (pdf.md):
 *
 *  - marked content in each page's content stream: /P <</MCID n>> BDC …
 *    EMC around real content, /Artifact BMC … EMC (or BDC with
 *    /Type /Pagination /Subtype /Header …) around running heads, page
 *    numbers, rules, fills, the watermark and repeated table headers;
 *  - the structure tree the layout's struct_begin / struct_end calls
 *    describe (Document → Sect, H1…H6, P, L, Table, Figure, Link …), with
 *    marked-content references and OBJR references to link annotations;
 *  - the StructTreeRoot with its ParentTree and IDTree, page
 *    /StructParents and /Tabs /S, annotation /StructParent and /Contents;
 *  - the catalog's /MarkInfo, /Lang, /ViewerPreferences DisplayDocTitle
 *    and an XMP metadata stream (dc:title, pdfuaid:part 1), and PDF 1.7.
 *
 * The device calls the tag_ functions in the order it receives its own
 * calls (device.h); everything is deterministic (element and object
 * numbers follow the order of the calls).
 *
 * Ownership: struct tag is owned by the device (tag_free()); the HPDF_Doc,
 * pages and annotations are borrowed and must outlive it until
 * tag_finish() has run.
 */
#ifndef KEIKAKU_PDF_TAG_H
#define KEIKAKU_PDF_TAG_H

#include <stddef.h>

#include <hpdf.h>

#include "pdf/device.h"

struct tag;

/* A structure tree for the document pdf (its internals must be the ones compiled against). */
struct tag *tag_new(HPDF_Doc pdf);
void tag_free(struct tag *);

/* The document's information (copied): title for the XMP dc:title, lang for /Lang. */
void tag_info(struct tag *, const struct dev_info *);

/* A page begins: its content stream receives the marked-content operators. */
void tag_begin_page(struct tag *, HPDF_Page page);
/* The page ends: an open marked-content sequence is closed. */
void tag_end_page(struct tag *);

/*
 * Before a drawing call: opens the marked-content sequence m needs (an
 * MCID of the innermost open structure element for content, an Artifact
 * otherwise), closing the previous one when it differs. text[0..len), if
 * not NULL, is the UTF-8 text about to be shown (a Link's description).
 */
void tag_mark(struct tag *, const struct dev_mark *m, const char *text,
    size_t len);

void tag_struct_begin(struct tag *, enum dev_stype, const void *node);
void tag_struct_end(struct tag *, enum dev_stype, const void *node);
/* An attribute of the innermost open element; value copied. */
void tag_struct_attr(struct tag *, enum dev_attr, const char *value);

/*
 * The structure element a link annotation drawn now belongs to: the
 * innermost open Link element, or a new Link inside the innermost
 * element. -1 for a link drawn as an artifact.
 */
int tag_link(struct tag *, const struct dev_mark *m);
/*
 * The annotation of a link made for element elem (from tag_link) on
 * page: an OBJR in the element, /StructParent and /Contents on it.
 */
void tag_annot(struct tag *, int elem, HPDF_Annotation annot, HPDF_Page page);

/*
 * Writes the structure tree, the catalog entries and the metadata into
 * the document, before it is saved. Returns 0, or -1 with libharu's
 * error recorded through its handler.
 */
int tag_finish(struct tag *);

/*
 * After saving: the PDF in pdf->data[start..) gets its structure elements,
 * ParentTree and IDTree, in compressed object streams (pack.h), numbered
 * after libharu's objects, and its StructTreeRoot's body. Returns 0; -1
 * if the file is not laid out as libharu 2.3.0 writes it (then the
 * structure tree is incomplete and the PDF must not be used).
 */
int tag_pack(struct tag *, struct buf *pdf, size_t start);

#endif
