/*
 * dev_hpdf.c: the libharu device. Draws the layout's calls with libharu
 * 2.3.0 and works around what it gets wrong with Japanese (pdf.md):
 *
 *  - the ToUnicode CMap is written as a code→CID map (begincidrange) where
 *    ISO 32000-1 §9.10.3 requires bfchar/bfrange to UTF-16BE; poppler
 *    warns and strict consumers lose the text. Before saving, each font's
 *    CMap stream is rewritten in place with one bfchar entry per code
 *    point actually drawn (bfchar, not a whole-range bfrange: Ghostscript
 *    mis-reads the latter), and the descendant CIDFont's /Ordering is set
 *    to (Identity). In UTF-8 mode libharu's code = CID = the UTF-16 code
 *    unit, so the map is the identity on the code points drawn.
 *  - no timestamps: libharu writes none by itself; the info dates are set
 *    only from SOURCE_DATE_EPOCH (struct dev_info.epoch).
 *  - errors: libharu's error handler records the first error in the
 *    device (never longjmp out of a library callback, as its demos do).
 *  - speed: text goes into the page's content stream directly rather than
 *    through HPDF_Page_TextOut, which measures every character again by
 *    scanning the font's cmap (see hp_text()).
 *
 * The repair and the text path use libharu internals (HPDF_FontAttr
 * .cmap_stream and .descendant_font, HPDF_PageAttr.stream, HPDF_Dict_*,
 * HPDF_Array_*, HPDF_MemStream_FreeData), which the
 * Debian package installs and exports. It is checked at start-up (the
 * runtime version must be the one compiled against) and for each font (the
 * font's /ToUnicode entry must be its cmap_stream); if a check fails the
 * PDF is still written, unrepaired, with a warning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "pdf/device.h"
#include "pdf/font.h"
#include "pdf/pack.h"
#include "pdf/tag.h"

/* bfchar entries per block: the CMap operand limit of the Adobe CMap specification (5014 §5). */
#define TOUNICODE_BLOCK	100
/* Pages under one node of the page tree (ISO 32000-1 §7.7.3.2 leaves it to the writer). */
#define PAGES_PER_NODE	256
/* Synthetic bold: the outline stroked at this fraction of the size (3 %, the usual emboldening). */
#define SYNTH_BOLD_STROKE	0.03

struct used_font {
	HPDF_Font	 handle;
	unsigned char	 bits[0x10000 / 8];	/* BMP code points drawn */
	int		 repairable;
};

struct dest {
	char		*name;
	HPDF_Page	 page;
	float		 x;
	float		 y;		/* PDF space */
	size_t		 seq;
};

struct link {
	HPDF_Page	 page;
	HPDF_Rect	 rect;
	char		*dest;
	int		 tag;		/* its place in the structure tree (tag_link) */
};

struct outline {
	int		 level;
	char		*title;
	char		*dest;
};

struct image {
	char		*path;
	HPDF_Image	 img;
};

struct label {
	int		 first;
	enum dev_label	 style;
	char		*prefix;	/* UTF-8 or NULL */
	int		 start;
};

struct dev_hpdf {
	struct device	 dev;		/* first: the common head */
	HPDF_Doc	 pdf;
	HPDF_Encoder	 utf8;
	HPDF_Page	 page;
	int32_t		 page_h;
	HPDF_STATUS	 error;		/* first libharu error, from the handler */
	HPDF_STATUS	 detail;
	int		 internals_ok;	/* the version check passed */
	struct tag	*tag;		/* the structure tree (tag.h); NULL: untagged */
	struct used_font *fonts;
	size_t		 nfonts;
	size_t		 fontcap;
	struct dest	*dests;
	size_t		 ndests;
	size_t		 destcap;
	struct link	*links;
	size_t		 nlinks;
	size_t		 linkcap;
	struct outline	*outlines;
	size_t		 noutlines;
	size_t		 outlinecap;
	struct image	*images;
	size_t		 nimages;
	size_t		 imagecap;
	struct label	*labels;
	size_t		 nlabels;
	size_t		 labelcap;
	const char *const *exports;	/* dev_info's: named destinations to write */
	size_t		 nexports;
	struct buf	 tmp;
	struct buf	 ztmp;		/* a page's contents deflated (deflate_page()) */
};

static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct dev_hpdf *h = user;

	if (h->error == 0) {
		h->error = error;
		h->detail = detail;
	}
}

/* After a libharu call: reports its error once and stops the device. Returns -1 on error. */
static int
check(struct dev_hpdf *h, const char *what)
{
	if (h->error == 0 && !h->dev.failed)
		return 0;
	if (!h->dev.failed)
		diag_error(h->dev.diag, NULL, "pdf-libharu",
		    "libharu failed in %s: error 0x%04X (detail %u)", what,
		    (unsigned)h->error, (unsigned)h->detail);
	h->dev.failed = 1;
	return -1;
}

static float
pt(int32_t mpt)
{
	return (float)mpt / 1000.0f;
}

/* y from the top of the page (layout) to PDF space. */
static float
py(const struct dev_hpdf *h, int32_t y)
{
	return pt(h->page_h - y);
}

static void
set_fill(HPDF_Page page, uint32_t rgb)
{
	HPDF_Page_SetRGBFill(page, (float)((rgb >> 16) & 0xFF) / 255.0f,
	    (float)((rgb >> 8) & 0xFF) / 255.0f, (float)(rgb & 0xFF) / 255.0f);
}

static void
set_stroke(HPDF_Page page, uint32_t rgb)
{
	HPDF_Page_SetRGBStroke(page, (float)((rgb >> 16) & 0xFF) / 255.0f,
	    (float)((rgb >> 8) & 0xFF) / 255.0f, (float)(rgb & 0xFF) / 255.0f);
}

/* Four upper-case hex digits: a 2-byte code of the Identity-H font. */
static void
put_hex4(struct buf *b, uint32_t v)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[4];

	s[0] = hex[(v >> 12) & 0xF];
	s[1] = hex[(v >> 8) & 0xF];
	s[2] = hex[(v >> 4) & 0xF];
	s[3] = hex[v & 0xF];
	buf_put(b, s, 4);
}

static int
in_page(struct dev_hpdf *h, const char *op)
{
	if (h->dev.failed)
		return 0;
	if (h->page == NULL) {
		diag_error(h->dev.diag, NULL, "pdf-device",
		    "libharu device: %s outside a page", op);
		h->dev.failed = 1;
		return 0;
	}
	return 1;
}

/* Opens the marked-content sequence a drawing needs (tag.h). */
static void
mark(struct dev_hpdf *h, const struct dev_mark *m, const char *s, size_t len)
{
	if (h->tag != NULL)
		tag_mark(h->tag, m, s, len);
}

static int
hp_begin_document(struct device *dev, const struct dev_info *info)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	struct tm tm;
	time_t t;
	HPDF_Date date;

	if (dev->failed)
		return -1;
	/* Info strings are encoded by the current encoder: UTF-8, set in dev_hpdf_new(). */
	h->exports = info->exports;
	h->nexports = info->nexports;
	if (info->title)
		HPDF_SetInfoAttr(h->pdf, HPDF_INFO_TITLE, info->title);
	if (info->author)
		HPDF_SetInfoAttr(h->pdf, HPDF_INFO_AUTHOR, info->author);
	if (info->subject)
		HPDF_SetInfoAttr(h->pdf, HPDF_INFO_SUBJECT, info->subject);
	if (info->keywords)
		HPDF_SetInfoAttr(h->pdf, HPDF_INFO_KEYWORDS, info->keywords);
	HPDF_SetInfoAttr(h->pdf, HPDF_INFO_CREATOR, "keikaku");
	if (info->epoch >= 0) {
		t = (time_t)info->epoch;
		if (gmtime_r(&t, &tm) != NULL) {
			memset(&date, 0, sizeof(date));
			date.year = tm.tm_year + 1900;
			date.month = tm.tm_mon + 1;
			date.day = tm.tm_mday;
			date.hour = tm.tm_hour;
			date.minutes = tm.tm_min;
			date.seconds = tm.tm_sec;
			date.ind = 'Z';
			HPDF_SetInfoDateAttr(h->pdf, HPDF_INFO_CREATION_DATE, date);
			HPDF_SetInfoDateAttr(h->pdf, HPDF_INFO_MOD_DATE, date);
		}
	}
	/* /Lang, the XMP title: written with the structure tree (tag.c). */
	if (h->tag != NULL)
		tag_info(h->tag, info);
	return check(h, "document information");
}

static struct used_font *
used_font(struct dev_hpdf *h, HPDF_Font handle)
{
	size_t i;
	struct used_font *u;
	HPDF_FontAttr attr;

	for (i = 0; i < h->nfonts; i++)
		if (h->fonts[i].handle == handle)
			return &h->fonts[i];
	h->fonts = xgrow(h->fonts, &h->fontcap, h->nfonts + 1, sizeof(*h->fonts));
	u = &h->fonts[h->nfonts++];
	memset(u, 0, sizeof(*u));
	u->handle = handle;
	/* The per-font self-test: the internals are what this file expects. */
	attr = (HPDF_FontAttr)handle->attr;
	u->repairable = h->internals_ok && attr != NULL &&
	    attr->type == HPDF_FONT_TYPE0_TT && attr->cmap_stream != NULL &&
	    attr->descendant_font != NULL &&
	    HPDF_Dict_GetItem(handle, "ToUnicode", HPDF_OCLASS_DICT) ==
	    attr->cmap_stream;
	if (!u->repairable)
		diag_warning(h->dev.diag, NULL, "pdf-tounicode",
		    "libharu's font internals are not as expected (libharu %s, "
		    "built against %s): the ToUnicode map of %s is left as "
		    "libharu wrote it, and copied text may be wrong",
		    HPDF_GetVersion(), HPDF_VERSION_TEXT,
		    ((HPDF_FontAttr)handle->attr)->fontdef->base_font);
	return u;
}

static struct font *
hp_load_font(struct device *dev, const char *path)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	struct font *f;

	if (dev->failed)
		return NULL;
	f = font_load_ttf(h->pdf, path, dev->diag);
	h->error = 0;		/* reported by font_load_ttf() */
	return f;
}

static int
hp_begin_page(struct device *dev, int32_t w, int32_t hh)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;

	if (dev->failed)
		return -1;
	if (h->page != NULL) {
		diag_error(dev->diag, NULL, "pdf-device",
		    "libharu device: page %d begun inside a page",
		    dev->npages + 1);
		dev->failed = 1;
		return -1;
	}
	h->page = HPDF_AddPage(h->pdf);
	if (h->page != NULL) {
		HPDF_Page_SetWidth(h->page, pt(w));
		HPDF_Page_SetHeight(h->page, pt(hh));
		if (h->tag != NULL)
			tag_begin_page(h->tag, h->page);
	}
	h->page_h = hh;
	dev->npages++;
	return check(h, "a new page");
}

/*
 * HPDF_GetFont for a UTF-8 TrueType font builds the CIDToGIDMap with one
 * HPDF_TTFontDef_GetGlyphid per BMP code point, and that scans the cmap's
 * segments linearly: with the thousands of segments of a Japanese font,
 * about 60 ms per font, most of a volume's time. So the map is computed
 * here in one pass (each segment looked up through the font's own
 * function, with the segment arrays offset so that the scan stops at
 * once), and for the duration of HPDF_GetFont the font's cmap is replaced
 * by an equivalent single segment over the whole BMP whose glyph array is
 * that map. The original cmap is put back before returning; a check that
 * the replacement answers as the original did guards the internal layout.
 */
static HPDF_Font
fast_get_font(HPDF_Doc pdf, HPDF_FontDef def, const char *name)
{
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	HPDF_TTF_CmapRange orig = a->cmap, one;
	HPDF_UINT16 *map, end = 0xFFFF, start = 0, iro = 2;
	HPDF_INT16 delta = 0;
	HPDF_Font font;
	unsigned n, s, c, lo;

	if (def->type != HPDF_FONTDEF_TYPE_TRUETYPE || orig.format != 4 ||
	    orig.seg_count_x2 < 2)
		return HPDF_GetFont(pdf, name, "UTF-8");
	n = orig.seg_count_x2 / 2;
	map = calloc(65536, sizeof(*map));
	if (map == NULL)
		return HPDF_GetFont(pdf, name, "UTF-8");
	for (s = 0, lo = 0; s < n && lo <= 0xFFFF; s++) {
		a->cmap.end_count = orig.end_count + s;
		a->cmap.start_count = orig.start_count + s;
		a->cmap.id_delta = orig.id_delta + s;
		a->cmap.id_range_offset = orig.id_range_offset + s;
		a->cmap.seg_count_x2 = (HPDF_UINT16)(2 * (n - s));
		for (c = lo; c <= orig.end_count[s]; c++)
			map[c] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)c);
		lo = (unsigned)orig.end_count[s] + 1;
	}
	one = orig;
	one.seg_count_x2 = 2;
	one.end_count = &end;
	one.start_count = &start;
	one.id_delta = &delta;
	one.id_range_offset = &iro;
	one.glyph_id_array = map;
	one.glyph_id_array_count = 65536;
	a->cmap = one;
	if (HPDF_TTFontDef_GetGlyphid(def, 0x3042) != map[0x3042] ||
	    HPDF_TTFontDef_GetGlyphid(def, 0x41) != map[0x41]) {
		a->cmap = orig;		/* not the layout we know: the slow way */
		free(map);
		return HPDF_GetFont(pdf, name, "UTF-8");
	}
	font = HPDF_GetFont(pdf, name, "UTF-8");
	a->cmap = orig;
	free(map);
	return font;
}

static void
hp_text(struct device *dev, const struct dev_mark *m, int32_t x, int32_t y,
    struct font *f, int32_t size, const char *s, size_t len, double tc,
    uint32_t rgb)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	struct used_font *u;
	size_t off = 0;
	uint32_t cp;
	int bold = f->synthetic_bold;

	if (!in_page(h, "text") || len == 0)
		return;
	if (f->def == NULL) {
		diag_error(dev->diag, NULL, "pdf-device",
		    "libharu device: font %s was not loaded by this device",
		    f->name);
		dev->failed = 1;
		return;
	}
	while (f->base != NULL)		/* a synthetic bold draws its regular face */
		f = f->base;
	if (f->handle == NULL) {
		f->handle = fast_get_font(h->pdf, f->def, f->name);
		if (check(h, "loading a font") == -1 || f->handle == NULL) {
			dev->failed = 1;
			return;
		}
	}
	u = used_font(h, f->handle);
	mark(h, m, s, len);
	set_fill(h->page, rgb);
	if (bold) {
		set_stroke(h->page, rgb);
		HPDF_Page_SetLineWidth(h->page,
		    (float)(pt(size) * SYNTH_BOLD_STROKE));
	}
	HPDF_Page_BeginText(h->page);
	HPDF_Page_SetFontAndSize(h->page, f->handle, pt(size));
	/* libharu refuses (and fails the document) outside its limits. */
	if (tc < HPDF_MIN_CHARSPACE)
		tc = HPDF_MIN_CHARSPACE;
	if (tc > HPDF_MAX_CHARSPACE)
		tc = HPDF_MAX_CHARSPACE;
	HPDF_Page_SetCharSpace(h->page, (float)tc);
	if (bold)
		HPDF_Page_SetTextRenderingMode(h->page, HPDF_FILL_THEN_STROKE);
	if (h->internals_ok) {
		/*
		 * HPDF_Page_TextOut measures the text to advance its own text
		 * position, and each measure scans the font's cmap (~1.6 µs
		 * a character: 80 % of the time of a volume). Instead, Td and
		 * the hex string go straight into the page's content stream,
		 * and HPDF_TTFontDef_GetCharWidth is called once per new code
		 * point, for what it does besides measuring: flagging the
		 * glyph (and its composite parts) for the subset.
		 */
		HPDF_Page_MoveTextPos(h->page, pt(x), py(h, y));
		buf_reset(&h->tmp);
		buf_putc(&h->tmp, '<');
		while (off < len) {
			off += utf8_decode(s + off, len - off, &cp);
			if (cp > 0xFFFF)
				cp = FONT_GETA;	/* the layout substitutes first; never U+0020 */
			if (!(u->bits[cp >> 3] & (1u << (cp & 7)))) {
				u->bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
				(void)HPDF_TTFontDef_GetCharWidth(
				    (HPDF_FontDef)f->def, (HPDF_UINT16)cp);
			}
			put_hex4(&h->tmp, cp);
		}
		buf_puts(&h->tmp, "> Tj\n");
		HPDF_Stream_WriteStr(((HPDF_PageAttr)h->page->attr)->stream,
		    buf_str(&h->tmp));
	} else {
		while (off < len) {
			off += utf8_decode(s + off, len - off, &cp);
			if (cp <= 0xFFFF)
				u->bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
		}
		/* libharu takes NUL-terminated text. */
		buf_reset(&h->tmp);
		buf_put(&h->tmp, s, len);
		HPDF_Page_TextOut(h->page, pt(x), py(h, y), buf_str(&h->tmp));
	}
	if (bold)
		HPDF_Page_SetTextRenderingMode(h->page, HPDF_FILL);
	HPDF_Page_EndText(h->page);
	(void)check(h, "text");
}

static void
hp_rule(struct device *dev, const struct dev_mark *m, int32_t x1, int32_t y1,
    int32_t x2, int32_t y2, int32_t w, uint32_t rgb)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;

	if (!in_page(h, "rule"))
		return;
	mark(h, m, NULL, 0);
	HPDF_Page_SetLineWidth(h->page, pt(w));
	set_stroke(h->page, rgb);
	HPDF_Page_MoveTo(h->page, pt(x1), py(h, y1));
	HPDF_Page_LineTo(h->page, pt(x2), py(h, y2));
	HPDF_Page_Stroke(h->page);
	(void)check(h, "rule");
}

static void
hp_rect(struct device *dev, const struct dev_mark *m, int32_t x, int32_t y,
    int32_t w, int32_t hh, int fill, uint32_t fill_rgb, int32_t lw,
    uint32_t line_rgb)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;

	if (!in_page(h, "rect") || (!fill && lw <= 0))
		return;
	mark(h, m, NULL, 0);
	if (fill)
		set_fill(h->page, fill_rgb);
	if (lw > 0) {
		HPDF_Page_SetLineWidth(h->page, pt(lw));
		set_stroke(h->page, line_rgb);
	}
	HPDF_Page_Rectangle(h->page, pt(x), py(h, y + hh), pt(w), pt(hh));
	if (fill && lw > 0)
		HPDF_Page_FillStroke(h->page);
	else if (fill)
		HPDF_Page_Fill(h->page);
	else
		HPDF_Page_Stroke(h->page);
	(void)check(h, "rect");
}

/* Appends the path's segments to the page's path (PDF space). */
static void
build_path(struct dev_hpdf *h, const struct dev_seg *sg, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (sg[i].op) {
		case DEV_MOVE:
			HPDF_Page_MoveTo(h->page, pt(sg[i].x[0]), py(h, sg[i].y[0]));
			break;
		case DEV_LINE:
			HPDF_Page_LineTo(h->page, pt(sg[i].x[0]), py(h, sg[i].y[0]));
			break;
		case DEV_CURVE:
			HPDF_Page_CurveTo(h->page, pt(sg[i].x[0]),
			    py(h, sg[i].y[0]), pt(sg[i].x[1]), py(h, sg[i].y[1]),
			    pt(sg[i].x[2]), py(h, sg[i].y[2]));
			break;
		case DEV_CLOSE:
			HPDF_Page_ClosePath(h->page);
			break;
		}
}

/*
 * Hatching: the path as a clipping path (W or W*), then parallel lines
 * over its bounding box, inside q … Q so that the clip ends with them.
 * libharu has no pattern API; lines clipped to the shape print the same
 * and need no pattern resources.
 */
static void
hatch(struct dev_hpdf *h, const struct dev_seg *sg, size_t n,
    const struct dev_paint *pa)
{
	int64_t x0 = INT32_MAX, y0 = INT32_MAX, x1 = INT32_MIN, y1 = INT32_MIN;
	int64_t c, gap = pa->hatch_gap > 0 ? pa->hatch_gap : 3000, step;
	size_t i;
	int k, npts, pass;
	enum dev_hatch kind;

	for (i = 0; i < n; i++) {
		npts = sg[i].op == DEV_CURVE ? 3 : sg[i].op == DEV_CLOSE ? 0 : 1;
		for (k = 0; k < npts; k++) {
			x0 = sg[i].x[k] < x0 ? sg[i].x[k] : x0;
			x1 = sg[i].x[k] > x1 ? sg[i].x[k] : x1;
			y0 = sg[i].y[k] < y0 ? sg[i].y[k] : y0;
			y1 = sg[i].y[k] > y1 ? sg[i].y[k] : y1;
		}
	}
	if (x0 > x1 || y0 > y1)
		return;
	HPDF_Page_GSave(h->page);
	build_path(h, sg, n);
	if (pa->evenodd)
		HPDF_Page_Eoclip(h->page);
	else
		HPDF_Page_Clip(h->page);
	HPDF_Page_EndPath(h->page);
	set_stroke(h->page, pa->hatch_rgb);
	HPDF_Page_SetLineWidth(h->page,
	    pt(pa->hatch_width > 0 ? pa->hatch_width : 400));
	/* Diagonals are spaced gap apart across their direction: √2·gap along an axis. */
	step = gap * 1414 / 1000;
	for (pass = 0; pass < 2; pass++) {
		kind = pa->hatch;
		if (kind == DEV_HATCH_CROSS)
			kind = pass == 0 ? DEV_HATCH_DIAG : DEV_HATCH_BACKDIAG;
		else if (pass == 1)
			break;
		switch (kind) {
		case DEV_HATCH_DIAG:		/* x + y = c: up to the right on the page */
			for (c = x0 + y0; c <= x1 + y1; c += step) {
				HPDF_Page_MoveTo(h->page, pt((int32_t)(c - y1)),
				    py(h, (int32_t)y1));
				HPDF_Page_LineTo(h->page, pt((int32_t)(c - y0)),
				    py(h, (int32_t)y0));
			}
			break;
		case DEV_HATCH_BACKDIAG:	/* x - y = c */
			for (c = x0 - y1; c <= x1 - y0; c += step) {
				HPDF_Page_MoveTo(h->page, pt((int32_t)(c + y0)),
				    py(h, (int32_t)y0));
				HPDF_Page_LineTo(h->page, pt((int32_t)(c + y1)),
				    py(h, (int32_t)y1));
			}
			break;
		case DEV_HATCH_HORIZ:
			for (c = y0 + gap / 2; c <= y1; c += gap) {
				HPDF_Page_MoveTo(h->page, pt((int32_t)x0),
				    py(h, (int32_t)c));
				HPDF_Page_LineTo(h->page, pt((int32_t)x1),
				    py(h, (int32_t)c));
			}
			break;
		case DEV_HATCH_VERT:
			for (c = x0 + gap / 2; c <= x1; c += gap) {
				HPDF_Page_MoveTo(h->page, pt((int32_t)c),
				    py(h, (int32_t)y0));
				HPDF_Page_LineTo(h->page, pt((int32_t)c),
				    py(h, (int32_t)y1));
			}
			break;
		default:
			break;
		}
	}
	HPDF_Page_Stroke(h->page);
	HPDF_Page_GRestore(h->page);
}

static void
hp_path(struct device *dev, const struct dev_mark *m,
    const struct dev_seg *sg, size_t n, const struct dev_paint *pa)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	int stroke = pa->line_width > 0;

	if (!in_page(h, "path") || n == 0 ||
	    (!pa->fill && !stroke && pa->hatch == DEV_HATCH_NONE))
		return;
	mark(h, m, NULL, 0);
	if (pa->fill)
		set_fill(h->page, pa->fill_rgb);
	if (stroke) {
		HPDF_Page_SetLineWidth(h->page, pt(pa->line_width));
		set_stroke(h->page, pa->line_rgb);
	}
	/* With hatching the fill goes first, then the hatch, then the outline over both. */
	if (pa->fill) {
		build_path(h, sg, n);
		if (stroke && pa->hatch == DEV_HATCH_NONE && pa->evenodd)
			HPDF_Page_EofillStroke(h->page);
		else if (stroke && pa->hatch == DEV_HATCH_NONE)
			HPDF_Page_FillStroke(h->page);
		else if (pa->evenodd)
			HPDF_Page_Eofill(h->page);
		else
			HPDF_Page_Fill(h->page);
	}
	if (pa->hatch != DEV_HATCH_NONE)
		hatch(h, sg, n, pa);
	if (stroke && (!pa->fill || pa->hatch != DEV_HATCH_NONE)) {
		if (pa->hatch != DEV_HATCH_NONE) {	/* the hatch's q … Q reset them */
			HPDF_Page_SetLineWidth(h->page, pt(pa->line_width));
			set_stroke(h->page, pa->line_rgb);
		}
		build_path(h, sg, n);
		HPDF_Page_Stroke(h->page);
	}
	(void)check(h, "path");
}

static void
hp_page_label(struct device *dev, int first, enum dev_label style,
    const char *prefix, int start)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	struct label *l = NULL;
	size_t i;

	if (dev->failed)
		return;
	for (i = 0; i < h->nlabels; i++)
		if (h->labels[i].first == first)
			l = &h->labels[i];
	if (l == NULL) {
		h->labels = xgrow(h->labels, &h->labelcap, h->nlabels + 1,
		    sizeof(*h->labels));
		l = &h->labels[h->nlabels++];
	} else {
		free(l->prefix);
	}
	l->first = first;
	l->style = style;
	l->prefix = prefix ? xstrdup(prefix) : NULL;
	l->start = start;
}

static int
label_cmp(const void *a, const void *b)
{
	const struct label *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/*
 * /PageLabels << /Nums [first << /S /r /P (…) /St n >> …] >> in the
 * catalog, built through the dict API: HPDF_AddPageLabel writes the
 * prefix as raw bytes (pdf.md), so a Japanese prefix (資料-) would be
 * garbled. The prefix is written as a UTF-16BE string with its byte-order
 * mark (ISO 32000-1 §7.9.2.2), as a hex string.
 */
static int
write_labels(struct dev_hpdf *h)
{
	static const char *const style[] = { NULL, "D", "r", "R", "A", "a" };
	HPDF_MMgr mm = h->pdf->mmgr;
	HPDF_Dict labels, d;
	HPDF_Array nums;
	HPDF_STATUS ret = HPDF_OK;
	struct buf u = {0};
	size_t i, off, len;
	uint32_t cp;

	if (h->nlabels == 0)
		return 0;
	qsort(h->labels, h->nlabels, sizeof(*h->labels), label_cmp);
	labels = HPDF_Dict_New(mm);
	nums = HPDF_Array_New(mm);
	if (labels == NULL || nums == NULL)
		return check(h, "page labels");
	ret += HPDF_Dict_Add(labels, "Nums", nums);
	for (i = 0; i < h->nlabels; i++) {
		const struct label *l = &h->labels[i];

		d = HPDF_Dict_New(mm);
		if (d == NULL)
			break;
		ret += HPDF_Array_AddNumber(nums, l->first);
		ret += HPDF_Array_Add(nums, d);
		if ((unsigned)l->style < KK_ARRAY_LEN(style) &&
		    style[l->style] != NULL)
			ret += HPDF_Dict_AddName(d, "S", style[l->style]);
		if (l->prefix != NULL && l->prefix[0] != '\0') {
			buf_reset(&u);
			buf_putc(&u, 0xFE);
			buf_putc(&u, 0xFF);
			len = strlen(l->prefix);
			for (off = 0; off < len; ) {
				off += utf8_decode(l->prefix + off, len - off, &cp);
				if (cp > 0xFFFF) {	/* a surrogate pair */
					cp -= 0x10000;
					buf_putc(&u, (int)(0xD8 | (cp >> 18)));
					buf_putc(&u, (int)((cp >> 10) & 0xFF));
					cp = 0xDC00 | (cp & 0x3FF);
				}
				buf_putc(&u, (int)(cp >> 8));
				buf_putc(&u, (int)(cp & 0xFF));
			}
			ret += HPDF_Dict_Add(d, "P", HPDF_Binary_New(mm,
			    (HPDF_BYTE *)u.data, (HPDF_UINT)u.len));
		}
		if (l->start != 1)
			ret += HPDF_Dict_AddNumber(d, "St", l->start);
	}
	buf_free(&u);
	ret += HPDF_Dict_Add(h->pdf->catalog, "PageLabels", labels);
	if (ret != HPDF_OK && h->error == 0)
		h->error = ret;
	return check(h, "page labels");
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix), i;

	if (k > n)
		return 0;
	for (i = 0; i < k; i++) {
		char c = s[n - k + i];

		if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != suffix[i])
			return 0;
	}
	return 1;
}

static void
hp_image(struct device *dev, const struct dev_mark *m, const char *path,
    int32_t x, int32_t y, int32_t w, int32_t hh)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	HPDF_Image img = NULL;
	size_t i;

	if (!in_page(h, "image"))
		return;
	/* One image object per file, however often it is drawn. */
	for (i = 0; i < h->nimages; i++)
		if (strcmp(h->images[i].path, path) == 0)
			img = h->images[i].img;
	if (img == NULL) {
		if (ends_with(path, ".png"))
			img = HPDF_LoadPngImageFromFile(h->pdf, path);
		else if (ends_with(path, ".jpg") || ends_with(path, ".jpeg"))
			img = HPDF_LoadJpegImageFromFile(h->pdf, path);
		if (img == NULL) {
			diag_error(dev->diag, NULL, "pdf-image",
			    "%s: libharu cannot load this image (PNG and JPEG "
			    "only; error 0x%04X)", path, (unsigned)h->error);
			h->error = 0;
			HPDF_ResetError(h->pdf);
			return;
		}
		h->images = xgrow(h->images, &h->imagecap, h->nimages + 1,
		    sizeof(*h->images));
		h->images[h->nimages].path = xstrdup(path);
		h->images[h->nimages++].img = img;
	}
	mark(h, m, NULL, 0);
	HPDF_Page_DrawImage(h->page, img, pt(x), py(h, y + hh), pt(w), pt(hh));
	(void)check(h, "image");
}

/*
 * A link to a named destination of another volume in the same folder,
 * "file.pdf#name": a GoToR action (ISO 32000-1 §12.6.4.3) with the file
 * as a file specification string and the destination by name, which
 * that volume writes in its /Dests (write_exports()). libharu makes only
 * URI actions: one is made and turned into a GoToR.
 */
static void
remote_link(struct dev_hpdf *h, HPDF_Rect r, const char *dest, int tg)
{
	const char *hash = strchr(dest, '#');
	HPDF_Annotation a;
	HPDF_Dict act;
	char *file = xstrndup(dest, (size_t)(hash - dest));

	a = HPDF_Page_CreateURILinkAnnot(h->page, r, file);
	act = a != NULL ? HPDF_Dict_GetItem(a, "A", HPDF_OCLASS_DICT) : NULL;
	if (act != NULL) {
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		(void)HPDF_Dict_RemoveElement(act, "URI");
		(void)(HPDF_Dict_AddName(act, "S", "GoToR") +
		    HPDF_Dict_Add(act, "F", HPDF_String_New(h->pdf->mmgr, file,
		    NULL)) + HPDF_Dict_Add(act, "D",
		    HPDF_String_New(h->pdf->mmgr, hash + 1, NULL)));
		if (h->tag != NULL)
			tag_annot(h->tag, tg, a, h->page);
	}
	free(file);
	(void)check(h, "a link to another volume");
}

static void
hp_link(struct device *dev, const struct dev_mark *m, int32_t x, int32_t y,
    int32_t w, int32_t hh, const char *dest, const char *uri)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	HPDF_Rect r;
	HPDF_Annotation a;
	struct link *l;
	int tg = -1;

	if (!in_page(h, "link"))
		return;
	/* Tagged, a link drawn as an artifact gets no annotation (PDF/UA-1 §7.18.1). */
	if (h->tag != NULL && (tg = tag_link(h->tag, m)) < 0)
		return;
	r.left = pt(x);
	r.right = pt(x + w);
	r.top = py(h, y);
	r.bottom = py(h, y + hh);
	if (dest != NULL && strchr(dest, '#') != NULL) {
		remote_link(h, r, dest, tg);
		return;
	}
	if (dest != NULL) {
		/* Resolved at the end: the destination may be on a later page. */
		h->links = xgrow(h->links, &h->linkcap, h->nlinks + 1,
		    sizeof(*h->links));
		l = &h->links[h->nlinks++];
		l->page = h->page;
		l->rect = r;
		l->dest = xstrdup(dest);
		l->tag = tg;
		return;
	}
	if (uri == NULL)
		return;
	a = HPDF_Page_CreateURILinkAnnot(h->page, r, uri);
	if (a != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	if (a != NULL && h->tag != NULL)
		tag_annot(h->tag, tg, a, h->page);
	(void)check(h, "a URI link");
}

static void
hp_dest(struct device *dev, const char *name, int32_t x, int32_t y)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	struct dest *d;

	if (!in_page(h, "dest"))
		return;
	h->dests = xgrow(h->dests, &h->destcap, h->ndests + 1,
	    sizeof(*h->dests));
	d = &h->dests[h->ndests];
	d->name = xstrdup(name);
	d->page = h->page;
	d->x = pt(x);
	d->y = py(h, y);
	d->seq = h->ndests++;
}

static void
hp_outline(struct device *dev, int level, const char *title, const char *dest)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	struct outline *o;

	if (dev->failed)
		return;
	h->outlines = xgrow(h->outlines, &h->outlinecap, h->noutlines + 1,
	    sizeof(*h->outlines));
	o = &h->outlines[h->noutlines++];
	o->level = level < 1 ? 1 : level;
	o->title = xstrdup(title);
	o->dest = xstrdup(dest);
}

static void
hp_struct_begin(struct device *dev, enum dev_stype st, const void *node)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;

	if (!dev->failed && h->tag != NULL)
		tag_struct_begin(h->tag, st, node);
}

static void
hp_struct_end(struct device *dev, enum dev_stype st, const void *node)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;

	if (!dev->failed && h->tag != NULL)
		tag_struct_end(h->tag, st, node);
}

static void
hp_struct_attr(struct device *dev, enum dev_attr a, const char *value)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;

	if (!dev->failed && h->tag != NULL)
		tag_struct_attr(h->tag, a, value);
}

/* A content stream deflated by deflate_page(): libharu writes the dictionary's keys, this adds its filter. */
static HPDF_STATUS
write_flate(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/*
 * libharu keeps every page's content stream as written until the
 * document is saved, and deflates them all then: at 100x the sample,
 * some 200 MB of operators. So a finished page's stream is deflated now
 * (as libharu would, at the same level), its bytes replaced by the
 * deflated ones, and libharu is told to write them as they are
 * (HPDF_STREAM_FILTER_NONE) with a /Filter of FlateDecode that
 * write_flate() adds. Only when the page is in the state libharu leaves
 * it in at saving (no path or text object open, no saved graphics state:
 * else it would append operators) and nothing else writes its
 * dictionary; otherwise, or if zlib fails, the page is left to libharu.
 * Returns -1 if libharu fails.
 */
static int
deflate_page(struct dev_hpdf *h)
{
	HPDF_PageAttr a = (HPDF_PageAttr)h->page->attr;
	HPDF_Dict c = a != NULL ? a->contents : NULL;
	HPDF_UINT i, n, k;
	HPDF_BYTE *p;

	if (!h->internals_ok || c == NULL || c->stream == NULL ||
	    c->stream != a->stream || c->write_fn != NULL ||
	    c->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    a->gmode != HPDF_GMODE_PAGE_DESCRIPTION ||
	    (a->gstate != NULL && a->gstate->prev != NULL))
		return 0;
	buf_reset(&h->tmp);
	n = HPDF_MemStream_GetBufCount(c->stream);
	for (i = 0; i < n; i++) {
		p = HPDF_MemStream_GetBufPtr(c->stream, i, &k);
		if (p == NULL)
			return 0;
		buf_put(&h->tmp, (const char *)p, k);
	}
	buf_reset(&h->ztmp);
	if (pdf_deflate(h->tmp.data, h->tmp.len, PDF_DEFLATE_LEVEL,
	    &h->ztmp) == -1 || h->ztmp.len > 0xFFFFFFF0u)
		return 0;
	HPDF_MemStream_FreeData(c->stream);
	if (HPDF_Stream_Write(c->stream, (const HPDF_BYTE *)h->ztmp.data,
	    (HPDF_UINT)h->ztmp.len) != HPDF_OK)
		return check(h, "a page's contents");
	c->filter = HPDF_STREAM_FILTER_NONE;
	c->write_fn = write_flate;
	return 0;
}

static int
hp_end_page(struct device *dev)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	int rc;

	if (!in_page(h, "end_page"))
		return -1;
	if (h->tag != NULL)
		tag_end_page(h->tag);
	rc = deflate_page(h);
	h->page = NULL;
	return rc;
}

/* Destinations by name; the first definition wins. */
static int
dest_cmp(const void *a, const void *b)
{
	const struct dest *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const struct dest *
find_dest(const struct dev_hpdf *h, const char *name)
{
	size_t lo = 0, hi = h->ndests, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(h->dests[mid].name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < h->ndests && strcmp(h->dests[lo].name, name) == 0 ?
	    &h->dests[lo] : NULL;
}

static HPDF_Destination
make_dest(struct dev_hpdf *h, const char *name)
{
	const struct dest *d = find_dest(h, name);
	HPDF_Destination dst;

	if (d == NULL) {
		diag_error(h->dev.diag, NULL, "pdf-dest",
		    "internal: link or outline to the undefined destination '%s'",
		    name);
		return NULL;
	}
	/*
	 * [page /XYZ left top null]: null keeps the reader's zoom. libharu's
	 * HPDF_Destination_SetXYZ rejects a zoom outside 0.08..32, so the
	 * array is rebuilt through the internal API.
	 */
	dst = HPDF_Page_CreateDestination(d->page);
	if (dst == NULL)
		return NULL;
	HPDF_Array_Clear(dst);
	if (HPDF_Array_Add(dst, d->page) + HPDF_Array_AddName(dst, "XYZ") +
	    HPDF_Array_AddReal(dst, d->x) + HPDF_Array_AddReal(dst, d->y) +
	    HPDF_Array_Add(dst, HPDF_Null_New(h->pdf->mmgr)) != HPDF_OK)
		return NULL;
	return dst;
}

static HPDF_STATUS
leaf_limits(HPDF_MMgr mm, HPDF_Dict leaf, const char *first, const char *last)
{
	HPDF_Array lim = HPDF_Dict_GetItem(leaf, "Limits", HPDF_OCLASS_ARRAY);

	return HPDF_Array_Add(lim, HPDF_String_New(mm, first, NULL)) +
	    HPDF_Array_Add(lim, HPDF_String_New(mm, last, NULL));
}

/*
 * /Names << /Dests >> in the catalog: the destinations another volume's
 * GoToR links name, each at its place. A name tree of leaves of 256
 * (one leaf when it fits), names sorted as resolve sorted them.
 */
static int
write_exports(struct dev_hpdf *h)
{
	HPDF_MMgr mm = h->pdf->mmgr;
	HPDF_Dict names, dests, leaf = NULL;
	HPDF_Array kids = NULL, arr = NULL, lim;
	HPDF_Destination dst;
	const char *first = NULL, *last = NULL;
	size_t i, inleaf = 0;
	int ret = 0;

	if (h->nexports == 0)
		return 0;
	names = HPDF_Dict_New(mm);
	dests = HPDF_Dict_New(mm);
	if (names == NULL || dests == NULL)
		return check(h, "named destinations");
	ret += HPDF_Xref_Add(h->pdf->xref, dests);
	ret += HPDF_Dict_Add(names, "Dests", dests);
	ret += HPDF_Dict_Add(h->pdf->catalog, "Names", names);
	if (h->nexports > 256) {
		kids = HPDF_Array_New(mm);
		ret += HPDF_Dict_Add(dests, "Kids", kids);
	}
	for (i = 0; i < h->nexports && ret == 0; i++) {
		if (find_dest(h, h->exports[i]) == NULL ||
		    (dst = make_dest(h, h->exports[i])) == NULL)
			continue;	/* not placed in this volume: no link lands here */
		if (arr == NULL) {
			arr = HPDF_Array_New(mm);
			if (kids == NULL)
				ret += HPDF_Dict_Add(dests, "Names", arr);
			else {
				leaf = HPDF_Dict_New(mm);
				lim = HPDF_Array_New(mm);
				ret += HPDF_Xref_Add(h->pdf->xref, leaf);
				ret += HPDF_Array_Add(kids, leaf);
				ret += HPDF_Dict_Add(leaf, "Names", arr);
				ret += HPDF_Dict_Add(leaf, "Limits", lim);
			}
			first = h->exports[i];
			inleaf = 0;
		}
		ret += HPDF_Array_Add(arr, HPDF_String_New(mm, h->exports[i],
		    NULL));
		ret += HPDF_Array_Add(arr, dst);
		last = h->exports[i];
		if (kids != NULL && ++inleaf == 256) {
			ret += leaf_limits(mm, leaf, first, last);
			arr = NULL;
		}
	}
	if (kids != NULL && arr != NULL)
		ret += leaf_limits(mm, leaf, first, last);
	(void)ret;
	return check(h, "named destinations");
}

static int
resolve_links(struct dev_hpdf *h)
{
	size_t i;
	int level;
	HPDF_Destination dst;
	HPDF_Annotation a;
	HPDF_Outline parent[8], o;	/* outline depth: chapter … project, 8 is ample */

	if (h->ndests > 0)
		qsort(h->dests, h->ndests, sizeof(*h->dests), dest_cmp);
	for (i = 0; i < h->nlinks; i++) {
		dst = make_dest(h, h->links[i].dest);
		if (dst == NULL)
			continue;
		a = HPDF_Page_CreateLinkAnnot(h->links[i].page, h->links[i].rect,
		    dst);
		if (a != NULL)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		if (a != NULL && h->tag != NULL)
			tag_annot(h->tag, h->links[i].tag, a, h->links[i].page);
	}
	memset(parent, 0, sizeof(parent));
	for (i = 0; i < h->noutlines; i++) {
		level = h->outlines[i].level;
		if (level > (int)KK_ARRAY_LEN(parent))
			level = (int)KK_ARRAY_LEN(parent);
		/* A skipped level hangs from the nearest open ancestor. */
		while (level > 1 && parent[level - 2] == NULL)
			level--;
		/* The encoder must be given, or Japanese titles are garbled (pdf.md). */
		o = HPDF_CreateOutline(h->pdf, level > 1 ? parent[level - 2] : NULL,
		    h->outlines[i].title, h->utf8);
		if (o == NULL)
			break;
		dst = make_dest(h, h->outlines[i].dest);
		if (dst != NULL)
			HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, level == 1);
		parent[level - 1] = o;
		memset(parent + level, 0,
		    (KK_ARRAY_LEN(parent) - (size_t)level) * sizeof(parent[0]));
	}
	return check(h, "links and outlines");
}

/* Rewrites one font's ToUnicode stream (see the comment at the top). */
static int
repair_tounicode(struct dev_hpdf *h, struct used_font *u)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)u->handle->attr;
	HPDF_Dict cmap = attr->cmap_stream, info, sysinfo;
	struct buf b = {0};
	uint32_t cp, n = 0, block, k;
	HPDF_STATUS ret = HPDF_OK;

	for (cp = 0; cp <= 0xFFFF; cp++)
		if (u->bits[cp >> 3] & (1u << (cp & 7)))
			n++;
	buf_puts(&b,
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	cp = 0;
	while (n > 0) {
		block = n < TOUNICODE_BLOCK ? n : TOUNICODE_BLOCK;
		buf_printf(&b, "%u beginbfchar\n", (unsigned)block);
		for (k = 0; k < block; cp++) {
			if (!(u->bits[cp >> 3] & (1u << (cp & 7))))
				continue;
			/* Code = CID = the UTF-16 unit in libharu's UTF-8 mode. */
			buf_printf(&b, "<%04X> <%04X>\n", (unsigned)cp,
			    (unsigned)cp);
			k++;
		}
		buf_puts(&b, "endbfchar\n");
		n -= block;
	}
	buf_puts(&b,
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
	HPDF_MemStream_FreeData(cmap->stream);
	ret += HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len);
	ret += HPDF_Dict_AddName(cmap, "CMapName", "Adobe-Identity-UCS");
	sysinfo = HPDF_Dict_New(h->pdf->mmgr);
	if (sysinfo != NULL) {
		ret += HPDF_Dict_Add(sysinfo, "Registry",
		    HPDF_String_New(h->pdf->mmgr, "Adobe", NULL));
		ret += HPDF_Dict_Add(sysinfo, "Ordering",
		    HPDF_String_New(h->pdf->mmgr, "UCS", NULL));
		ret += HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
		ret += HPDF_Dict_Add(cmap, "CIDSystemInfo", sysinfo);
	}
	if (HPDF_Dict_GetItem(cmap, "WMode", HPDF_OCLASS_NUMBER) != NULL)
		ret += HPDF_Dict_RemoveElement(cmap, "WMode");
	/* Identity-H CIDFontType2: Adobe-Identity-0, not Ordering (Identity-H). */
	info = HPDF_Dict_GetItem(attr->descendant_font, "CIDSystemInfo",
	    HPDF_OCLASS_DICT);
	if (info != NULL)
		ret += HPDF_Dict_Add(info, "Ordering",
		    HPDF_String_New(h->pdf->mmgr, "Identity", NULL));
	buf_free(&b);
	if (ret != HPDF_OK && h->error == 0)
		h->error = ret;
	return check(h, "the ToUnicode repair");
}

/* libharu saves through this (a callback stream): into the output buffer. */
static HPDF_STATUS
save_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	buf_put(s->attr, (const char *)p, n);
	return HPDF_OK;
}

/*
 * Saves the document at the end of out. HPDF_SaveToStream writes into a
 * stream of its own, which then has to be copied out: two copies of the
 * file at once. With the internals known, its stream is replaced by a
 * callback stream that appends to out (HPDF_SaveToStream only empties a
 * stream of its own kind and writes with HPDF_Stream_Write, which counts
 * the offsets of the cross-reference table). Returns 0 or -1 (reported).
 */
static int
save(struct dev_hpdf *h, struct buf *out)
{
	HPDF_Stream s = NULL;
	HPDF_UINT32 size, len;
	size_t start = out->len;

	if (h->internals_ok) {
		s = HPDF_CallbackWriter_New(h->pdf->mmgr, save_write, out);
		if (s == NULL)
			return check(h, "saving");
		if (h->pdf->stream != NULL)
			HPDF_Stream_Free(h->pdf->stream);
		h->pdf->stream = s;
	}
	if (HPDF_SaveToStream(h->pdf) != HPDF_OK || h->error != 0) {
		out->len = start;
		if (h->error == 0)
			h->error = HPDF_GetError(h->pdf);
		return check(h, "saving");
	}
	if (s != NULL) {
		h->pdf->stream = NULL;
		HPDF_Stream_Free(s);
		return 0;	/* out NUL-terminated, as buf_put keeps it */
	}
	size = HPDF_GetStreamSize(h->pdf);
	/* Grow out by size bytes and read the stream into it. */
	out->data = xgrow(out->data, &out->cap, start + size + 1, 1);
	len = size;
	/* Reading exactly to the end may report HPDF_STREAM_EOF: the length decides. */
	(void)HPDF_ReadFromStream(h->pdf, (HPDF_BYTE *)out->data + start, &len);
	if (len != size) {
		out->data[start] = '\0';
		diag_error(h->dev.diag, NULL, "pdf-libharu",
		    "libharu returned %u of the %u bytes it saved",
		    (unsigned)len, (unsigned)size);
		h->dev.failed = 1;
		return -1;
	}
	out->len = start + len;
	out->data[out->len] = '\0';
	return 0;
}

/*
 * Once saved, the pages' content streams are done with: freed now, not
 * with the document, before the structure is packed (libharu's objects
 * stay: the structure tree reads their numbers).
 */
static void
free_contents(struct dev_hpdf *h)
{
	HPDF_List l = h->pdf->page_list;
	HPDF_Page page;
	HPDF_PageAttr a;
	HPDF_UINT i;

	for (i = 0; l != NULL && i < l->count; i++) {
		page = HPDF_List_ItemAt(l, i);
		a = page != NULL ? (HPDF_PageAttr)page->attr : NULL;
		if (a != NULL && a->contents != NULL)
			HPDF_MemStream_FreeData(a->contents->stream);
	}
}

static int
hp_end_document(struct device *dev, struct buf *out)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	size_t i;
	size_t start;

	if (dev->failed)
		return -1;
	if (h->page != NULL) {
		diag_error(dev->diag, NULL, "pdf-device",
		    "libharu device: document ended inside page %d",
		    dev->npages);
		dev->failed = 1;
		return -1;
	}
	if (resolve_links(h) == -1 || write_exports(h) == -1 ||
	    write_labels(h) == -1)
		return -1;
	if (h->tag != NULL && tag_finish(h->tag) == -1) {
		if (h->error == 0)
			h->error = HPDF_GetError(h->pdf);
		if (h->error == 0)
			h->error = HPDF_FAILD_TO_ALLOC_MEM;
		return check(h, "the structure tree");
	}
	for (i = 0; i < h->nfonts; i++)
		if (h->fonts[i].repairable &&
		    repair_tounicode(h, &h->fonts[i]) == -1)
			return -1;
	start = out->len;
	if (save(h, out) == -1)
		return -1;
	h->error = 0;
	HPDF_ResetError(h->pdf);
	if (h->internals_ok)
		free_contents(h);
	/* The structure elements, after libharu's objects, in object streams. */
	if (h->tag != NULL && tag_pack(h->tag, out, start) == -1) {
		out->len = start;
		diag_error(dev->diag, NULL, "pdf-libharu",
		    "the PDF libharu %s saved is not laid out as keikaku "
		    "expects; its structure tree could not be written",
		    HPDF_GetVersion());
		dev->failed = 1;
		return -1;
	}
	h->error = 0;
	HPDF_ResetError(h->pdf);
	return 0;
}

static void
hp_free(struct device *dev)
{
	struct dev_hpdf *h = (struct dev_hpdf *)dev;
	size_t i;

	for (i = 0; i < h->ndests; i++)
		free(h->dests[i].name);
	for (i = 0; i < h->nlinks; i++)
		free(h->links[i].dest);
	for (i = 0; i < h->noutlines; i++) {
		free(h->outlines[i].title);
		free(h->outlines[i].dest);
	}
	for (i = 0; i < h->nimages; i++)
		free(h->images[i].path);
	for (i = 0; i < h->nlabels; i++)
		free(h->labels[i].prefix);
	free(h->labels);
	free(h->dests);
	free(h->links);
	free(h->outlines);
	free(h->images);
	free(h->fonts);
	buf_free(&h->tmp);
	buf_free(&h->ztmp);
	tag_free(h->tag);
	if (h->pdf != NULL)
		HPDF_Free(h->pdf);
	free(h);
}

static const struct dev_ops hpdf_ops = {
	"hpdf",
	0,
	hp_begin_document,
	hp_load_font,
	hp_begin_page,
	hp_text,
	hp_rule,
	hp_rect,
	hp_image,
	hp_link,
	hp_dest,
	hp_outline,
	hp_struct_begin,
	hp_struct_end,
	hp_end_page,
	hp_end_document,
	hp_free,
	hp_path,
	hp_page_label,
	hp_struct_attr
};

struct device *
dev_hpdf_new(struct diag *d)
{
	struct dev_hpdf *h = xcalloc(1, sizeof(*h));

	h->dev.ops = &hpdf_ops;
	h->dev.diag = d;
	h->pdf = HPDF_New(on_error, h);
	if (h->pdf == NULL) {
		diag_syserr(d, NULL, "pdf-libharu", "libharu cannot start");
		free(h);
		return NULL;
	}
	/* The internals used by the ToUnicode repair belong to this exact version. */
	h->internals_ok = strcmp(HPDF_GetVersion(), HPDF_VERSION_TEXT) == 0;
	HPDF_SetCompressionMode(h->pdf, HPDF_COMP_ALL);
	/*
	 * A page tree of nodes of PAGES_PER_NODE pages: libharu puts every
	 * page in one /Kids array otherwise, and its arrays stop at 8,191
	 * entries (HPDF_LIMIT_MAX_ARRAY), a volume of 100× the sample.
	 */
	HPDF_SetPagesConfiguration(h->pdf, PAGES_PER_NODE);
	HPDF_UseUTFEncodings(h->pdf);
	HPDF_SetCurrentEncoder(h->pdf, "UTF-8");
	h->utf8 = HPDF_GetEncoder(h->pdf, "UTF-8");
	if (h->utf8 == NULL || check(h, "start-up") == -1) {
		hp_free(&h->dev);
		return NULL;
	}
	/*
	 * Tagging writes into libharu's structs (tag.h): only with the
	 * version compiled against. KEIKAKU_PDF_TAGS=0 leaves it out, to
	 * measure what it costs (tests/suites/75-pdf-tags.sh, make bench).
	 */
	if (h->internals_ok && (getenv("KEIKAKU_PDF_TAGS") == NULL ||
	    strcmp(getenv("KEIKAKU_PDF_TAGS"), "0") != 0))
		h->tag = tag_new(h->pdf);
	else if (!h->internals_ok)
		diag_warning(d, NULL, "pdf-untagged",
		    "libharu %s is not the version keikaku was built against "
		    "(%s): the PDF is written without its structure tree, "
		    "which screen readers need", HPDF_GetVersion(),
		    HPDF_VERSION_TEXT);
	return &h->dev;
}
