/*
 * device.h: the output device interface of the PDF layout engine (as in
 * mandoc: one layout engine, several devices). The layout draws through
 * these operations only:
 *
 *   dev_hpdf.c  draws with libharu and returns the PDF bytes;
 *   dev_text.c  dumps pages, text, boxes and structure as deterministic
 *               text with fixed metrics, for golden tests.
 *
 * Units and coordinates: lengths are int32_t in 1/1000 point ("mpt"), so
 * that layout arithmetic is exact and goldens are stable on every machine.
 * The origin is the top left corner of the page and y grows downwards (the
 * layout's view); the libharu device converts to PDF space. Text is placed
 * by its baseline.
 *
 * Tagging ground (issue 5): every drawing call carries a struct dev_mark,
 * the model node it came from (opaque, borrowed) and its role: content, or
 * one kind of artifact (running header, footer, rule, watermark …).
 * struct_begin / struct_end bracket the content of a node in document
 * order with the structure type the layout chose for it, so that the tagged
 * device can build the structure tree and the marked-content sequences
 * from exactly these calls.
 *
 * Calling order: begin_document, then for each page begin_page, drawing
 * calls and dests, end_page; outline entries any time after their dest;
 * links may name a dest defined later (resolved at end_document); then
 * end_document, which returns the bytes; then dev_free. A device records
 * its first error, later calls do nothing, and end_document returns -1.
 */
#ifndef KEIKAKU_PDF_DEVICE_H
#define KEIKAKU_PDF_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

struct font;

/* Points to mpt, for constants: DEV_PT(10.5) == 10500. */
#define DEV_PT(x)	((int32_t)((x) * 1000 + ((x) >= 0 ? 0.5 : -0.5)))
/* A4 in mpt: 210 × 297 mm = 595.276 × 841.890 pt. */
#define DEV_A4_W	595276
#define DEV_A4_H	841890

/* What a drawing is, for tagged PDF (ISO 32000-1 §14.8.2.2, PDF/UA-1 §7.1). */
enum dev_role {
	DEV_CONTENT,		/* real content: marked content inside its node's structure element */
	DEV_ART_HEADER,		/* running header: /Artifact /Type /Pagination /Subtype /Header */
	DEV_ART_FOOTER,		/* page number, footer: /Pagination /Footer */
	DEV_ART_WATERMARK,	/* the 「案」 watermark: /Pagination /Watermark */
	DEV_ART_LAYOUT,		/* rules, fills, borders, decoration: /Type /Layout */
	DEV_ART_REPEAT		/* repeated table header rows and 「（続き）」: /Pagination */
};

/* Structure types the layout assigns (PDF/UA standard structure types). */
enum dev_stype {
	DEV_S_DOCUMENT,
	DEV_S_PART,
	DEV_S_SECT,
	DEV_S_H1, DEV_S_H2, DEV_S_H3, DEV_S_H4, DEV_S_H5, DEV_S_H6,
	DEV_S_P,
	DEV_S_L, DEV_S_LI, DEV_S_LBL, DEV_S_LBODY,
	DEV_S_TABLE, DEV_S_THEAD, DEV_S_TBODY, DEV_S_TR, DEV_S_TH, DEV_S_TD,
	DEV_S_FIGURE, DEV_S_CAPTION,
	DEV_S_NOTE, DEV_S_REFERENCE, DEV_S_LINK,
	DEV_S_TOC, DEV_S_TOCI,
	DEV_S_SPAN,
	DEV_S_BLOCKQUOTE,	/* a quotation (> …) */
	DEV_S_DIV,		/* a generic block: a コラム box */
	DEV_S_COUNT
};

/*
 * Attributes of a structure element (struct_attr), as PDF/UA-1 asks for
 * them: a language other than the document's, descriptions for
 * assistive technology, and what ties a table's data cells to their
 * headers.
 */
enum dev_attr {
	DEV_A_LANG,		/* /Lang: a BCP 47 tag ("en") */
	DEV_A_ALT,		/* /Alt: the description of a figure */
	DEV_A_ACTUAL,		/* /ActualText: the text the content stands for */
	DEV_A_E,		/* /E: the expansion of an abbreviation (R8 → 令和8年度) */
	DEV_A_CONTENTS,		/* a Link: its annotation's /Contents */
	DEV_A_SCOPE,		/* TH: "Row", "Column" or "Both" */
	DEV_A_ID,		/* /ID, unique in the document, for /Headers */
	DEV_A_HEADERS,		/* TH, TD: the ids of its headers, separated by spaces */
	DEV_A_COLSPAN,		/* TH, TD: the columns it spans (decimal), when more than one */
	DEV_A_ROWSPAN,		/* TH, TD: the rows it spans (decimal), when more than one */
	DEV_A_COUNT
};
/* "lang", "alt", "actual", "e", "contents", "scope", "id", "headers", "colspan", "rowspan". */
const char *dev_attr_name(enum dev_attr);

/* The name of a structure type as PDF writes it ("H1", "TOCI"). */
const char *dev_stype_name(enum dev_stype);
/* "content", "header", "footer", "watermark", "layout", "repeat". */
const char *dev_role_name(enum dev_role);

/* Carried by every drawing call. */
struct dev_mark {
	enum dev_role	 role;
	const void	*node;		/* the model node; borrowed; NULL for artifacts */
};

/*
 * A path for dev_ops.path: segments in mpt, layout space (y down). A
 * curve is a cubic Bézier: x[0], y[0] and x[1], y[1] are its control
 * points, x[2], y[2] its end; a move or a line uses x[0], y[0] only.
 */
enum dev_seg_op {
	DEV_MOVE,
	DEV_LINE,
	DEV_CURVE,
	DEV_CLOSE
};

struct dev_seg {
	enum dev_seg_op	 op;
	int32_t		 x[3];
	int32_t		 y[3];
};

/*
 * Hatching drawn inside a path (clipped to it) over its fill, so that a
 * bar or an area is told apart by its pattern and not by colour alone
 * (WCAG 1.4.1; JIS X 8341-3).
 */
enum dev_hatch {
	DEV_HATCH_NONE,
	DEV_HATCH_DIAG,		/* ／ */
	DEV_HATCH_BACKDIAG,	/* ＼ */
	DEV_HATCH_CROSS,	/* × */
	DEV_HATCH_HORIZ,	/* ＝ */
	DEV_HATCH_VERT		/* ‖ */
};

/* How a path is painted. */
struct dev_paint {
	int		 fill;		/* filled with fill_rgb */
	uint32_t	 fill_rgb;
	int		 evenodd;	/* the even-odd rule (SVG fill-rule="evenodd"), else nonzero */
	int32_t		 line_width;	/* stroked if > 0 */
	uint32_t	 line_rgb;
	enum dev_hatch	 hatch;
	uint32_t	 hatch_rgb;
	int32_t		 hatch_gap;	/* distance between hatch lines, mpt (> 0) */
	int32_t		 hatch_width;	/* their width, mpt */
};

/* Page-label numbering styles (ISO 32000-1 §12.4.2). */
enum dev_label {
	DEV_LABEL_NONE,		/* no number: the prefix alone (or an empty label) */
	DEV_LABEL_DECIMAL,
	DEV_LABEL_ROMAN_LOWER,
	DEV_LABEL_ROMAN_UPPER,
	DEV_LABEL_ALPHA_UPPER,
	DEV_LABEL_ALPHA_LOWER
};

/* Document information, all UTF-8, borrowed for the call. NULL = absent. */
struct dev_info {
	const char	*title;
	const char	*author;
	const char	*subject;
	const char	*keywords;
	const char	*lang;		/* "ja" */
	long long	 epoch;		/* SOURCE_DATE_EPOCH for the info dates; -1: no dates */
	/*
	 * Destinations another volume links to (a GoToR names them): written
	 * as named destinations (/Dests), sorted and unique. Borrowed until
	 * end_document.
	 */
	const char *const *exports;
	size_t		 nexports;
};

struct device;

struct dev_ops {
	const char *name;
	int	 fixed_metrics;	/* load_font ignores the file and gives fixed metrics */
	int	(*begin_document)(struct device *, const struct dev_info *);
	/*
	 * A font for this device: the libharu device loads the TrueType
	 * file; the text device returns fixed metrics named after it. NULL
	 * after a diagnostic. Owned by the caller (font_free()), freed before
	 * dev_free().
	 */
	struct font *(*load_font)(struct device *, const char *path);
	int	(*begin_page)(struct device *, int32_t w, int32_t h);
	/* UTF-8 run s[0..len) at baseline (x, y); char_spacing (Tc) after every character, in pt. */
	void	(*text)(struct device *, const struct dev_mark *, int32_t x,
		    int32_t y, struct font *, int32_t size, const char *s,
		    size_t len, double char_spacing, uint32_t rgb);
	void	(*rule)(struct device *, const struct dev_mark *, int32_t x1,
		    int32_t y1, int32_t x2, int32_t y2, int32_t width,
		    uint32_t rgb);
	/* A rectangle (top left x, y): filled if fill, stroked if line_width > 0. */
	void	(*rect)(struct device *, const struct dev_mark *, int32_t x,
		    int32_t y, int32_t w, int32_t h, int fill, uint32_t fill_rgb,
		    int32_t line_width, uint32_t line_rgb);
	/* A PNG or JPEG file scaled into the box. */
	void	(*image)(struct device *, const struct dev_mark *,
		    const char *path, int32_t x, int32_t y, int32_t w, int32_t h);
	/*
	 * A link area to a named destination (dest) or a URI (uri); one of
	 * them non-NULL. A dest "file.pdf#name" is the named destination of
	 * another volume, in the same folder (GoToR).
	 */
	void	(*link)(struct device *, const struct dev_mark *, int32_t x,
		    int32_t y, int32_t w, int32_t h, const char *dest,
		    const char *uri);
	/* Defines the named destination dest at (x, y) of the current page. */
	void	(*dest)(struct device *, const char *dest, int32_t x, int32_t y);
	/* An outline (bookmark) entry at level (1 = top) pointing at dest. */
	void	(*outline)(struct device *, int level, const char *title,
		    const char *dest);
	void	(*struct_begin)(struct device *, enum dev_stype, const void *node);
	void	(*struct_end)(struct device *, enum dev_stype, const void *node);
	int	(*end_page)(struct device *);
	/* Finishes the document and appends its bytes to out. */
	int	(*end_document)(struct device *, struct buf *out);
	void	(*free)(struct device *);
	/*
	 * A path of n segments painted as paint says (fill, stroke,
	 * hatching); segs and paint borrowed for the call.
	 */
	void	(*path)(struct device *, const struct dev_mark *,
		    const struct dev_seg *segs, size_t n,
		    const struct dev_paint *paint);
	/*
	 * Page labels: from the page with 0-based index first on, numbers
	 * in style starting at start, after prefix (UTF-8, borrowed; NULL
	 * = none). Any time before end_document; a later call for the
	 * same first replaces the earlier one.
	 */
	void	(*page_label)(struct device *, int first, enum dev_label style,
		    const char *prefix, int start);
	/*
	 * An attribute of the innermost open structure element, right after
	 * its struct_begin; value UTF-8, borrowed for the call.
	 */
	void	(*struct_attr)(struct device *, enum dev_attr, const char *value);
};

/* The common head of every device; each device's struct begins with it. */
struct device {
	const struct dev_ops	*ops;
	struct diag		*diag;		/* borrowed */
	int			 failed;	/* an error was reported; later calls do nothing */
	int			 npages;
};

/*
 * The text device (dev_text.c): a dump for golden tests. Owned by the
 * caller: dev_free(). Never NULL.
 */
struct device *dev_text_new(struct diag *);

/*
 * The libharu device (dev_hpdf.c). NULL after a diagnostic if libharu
 * cannot start or its internal layout does not match what dev_hpdf.c was
 * compiled against (a self-test).
 */
struct device *dev_hpdf_new(struct diag *);

void dev_free(struct device *);

/* SOURCE_DATE_EPOCH from the environment, or -1 if unset or not a number. */
long long dev_source_date_epoch(void);

/* Appends mpt as a decimal point value, shortest of "12", "12.5", "12.345". */
void dev_put_pt(struct buf *, int32_t mpt);

#endif
