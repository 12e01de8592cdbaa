/*
 * layout.h: the PDF layout engine, first layer: paragraphs set into lines
 * (linebreak.h) on pages with margins, page breaks, and boxes that
 * remember the model node they came from.
 *
 * The layout does not draw while it works: it fills pages with boxes
 * (struct box), and layout_emit() (or layout_emit_pages(), a few pages
 * at a time) sends them to a device afterwards. So a volume can be laid
 * out twice (the first pass gives the page numbers of the table of
 * contents) and emitted once, and every box keeps its node and role for
 * the tagged PDF (issue 5).
 *
 * Fonts come from a fontset opened through the device that will draw
 * (fixed metrics for the text device, the real fonts for libharu).
 *
 * Lengths are int32_t mpt (1/1000 pt), y grows downwards from the top of
 * the page, as in device.h.
 */
#ifndef KEIKAKU_PDF_LAYOUT_H
#define KEIKAKU_PDF_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"
#include "pdf/device.h"
#include "pdf/font.h"
#include "pdf/linebreak.h"

/* The style of a run of text. Borrowed by the layout for the duration of a call. */
struct layout_style {
	struct font	*font;
	int32_t		 size;		/* mpt */
	uint32_t	 rgb;
	const char	*link_dest;	/* an internal link (named destination), or NULL */
	const char	*link_uri;	/* an external link, or NULL */
};

/*
 * An inline structure element around a run (tagged PDF): a Span with
 * /Lang en or /E, a Reference for a footnote or ※ marker, a Link. The
 * layout brackets each piece of the run with it (outermost first); the
 * tagged device joins the pieces of one node into one element. A run
 * with a link style is put inside a Link of its own unless its tags
 * already hold one. Borrowed; must live until layout_emit().
 */
struct layout_tag {
	enum dev_stype		 stype;
	const void		*node;
	enum dev_attr		 attr;		/* an attribute, if value is not NULL */
	const char		*value;
	const struct layout_tag	*up;		/* the enclosing inline element, or NULL */
};

/* A piece of a paragraph's text in one style. */
struct layout_run {
	const char			*text;	/* UTF-8 */
	size_t				 len;
	const struct layout_style	*style;
	const void			*node;	/* its inline node, or NULL for the paragraph's */
	const struct layout_tag		*tag;	/* inline structure, or NULL */
	/*
	 * Where its characters were written, for diagnostics: span NULL is
	 * the paragraph's span. literal: the text is as written from span
	 * on (and from each of pieces on, text_span_at()), so a character's
	 * column is counted; else all of it is at span (a field's
	 * expansion, a glossary term printed for its reference).
	 */
	const struct span		*span;
	const struct span_piece		*pieces;
	size_t				 npieces;
	int				 literal;
};

enum layout_align {
	LAYOUT_JUSTIFY,		/* spread by inter-character spacing, last line flush left */
	LAYOUT_LEFT,
	LAYOUT_CENTER,
	LAYOUT_RIGHT
};

struct layout_para {
	const struct layout_run	*runs;
	size_t			 nruns;
	int32_t			 line_height;	/* baseline to baseline */
	int32_t			 space_before;	/* dropped at the top of a page */
	int32_t			 space_after;
	int32_t			 indent;	/* of the first line (字下げ) */
	int32_t			 left;		/* insets from the column */
	int32_t			 right;
	enum layout_align	 align;
	enum dev_stype		 stype;		/* P, H1 …; DEV_S_COUNT: no element of its own (a cell's text in its TD) */
	const void		*node;		/* the block node */
	const struct span	*span;		/* for diagnostics; may be NULL */
	int32_t			 keep_after;	/* room to keep below on the same page (a heading keeps with its text) */
};

/* Page size and margins. The column is between the margins. */
struct layout_geom {
	int32_t		 w;
	int32_t		 h;
	int32_t		 top;
	int32_t		 bottom;
	int32_t		 left;
	int32_t		 right;
};

enum box_type {
	BOX_TEXT,	/* x, y = baseline, w = natural width, h = line height; text; font, size, tc, rgb */
	BOX_RULE,	/* x, y to x2, y2; lw, rgb */
	BOX_RECT,	/* x, y, w, h; fill, rgb; lw, rgb2 */
	BOX_IMAGE,	/* x, y, w, h; text = path */
	BOX_LINK,	/* x, y, w, h; text = dest or uri */
	BOX_DEST,	/* x, y; text = name */
	BOX_PATH,	/* path: segments and paint */
	BOX_BEGIN,	/* stype, mark.node: a structure element opens */
	BOX_END,	/* stype, mark.node: it closes */
	BOX_ATTR	/* attr, text: an attribute of the element just opened */
};

/* A path box's geometry and paint (in the layout's arena). */
struct layout_path {
	struct dev_seg		*segs;
	size_t			 n;
	struct dev_paint	 paint;
};

/* What the layout placed. Strings live in the layout's arena. */
struct box {
	enum box_type		 type;
	struct dev_mark		 mark;
	enum dev_stype		 stype;
	int32_t			 x, y, w, h;
	int32_t			 x2, y2;
	struct font		*font;
	int32_t			 size;
	double			 tc;		/* char spacing, pt */
	uint32_t		 rgb;
	uint32_t		 rgb2;
	int			 fill;
	int32_t			 lw;
	const char		*text;
	size_t			 len;
	int			 is_uri;	/* BOX_LINK: text is a URI */
	const struct layout_path *path;		/* BOX_PATH */
	enum dev_attr		 attr;		/* BOX_ATTR */
};

struct layout_page {
	struct box	*v;
	size_t		 n;
	size_t		 cap;
	int32_t		 w;
	int32_t		 h;
	int		 number;	/* 1-based */
};

struct layout_outline {
	int		 level;
	const char	*title;
	const char	*dest;
};

struct layout;

/* Called when a page opens and before it closes, to add running heads, page numbers … */
typedef void (*layout_page_fn)(struct layout *, struct layout_page *, void *ctx);

struct layout {
	struct arena		 arena;		/* box strings */
	struct diag		*diag;		/* borrowed */
	const struct fontset	*fonts;		/* borrowed: fallbacks for missing glyphs; may be NULL */
	struct layout_geom	 geom;
	struct layout_page	*pages;
	size_t			 npages;
	size_t			 pagecap;
	int			 open;		/* the last page takes content */
	int32_t			 y;		/* top of the free space on the open page */
	struct layout_outline	*outlines;
	size_t			 noutlines;
	size_t			 outlinecap;
	layout_page_fn		 page_begin;	/* may be NULL */
	layout_page_fn		 page_end;
	void			*hook_ctx;
	size_t			 substituted;	/* characters printed as 〓 */
	size_t			 fell_back;	/* characters drawn with a fallback face */
	size_t			 lines;
	int32_t			 page_top;	/* the cursor after the open page's hooks */
	/*
	 * The cursor is at the top of a box (a table cell): the next
	 * paragraph's space before and layout_space() are dropped there,
	 * as at the top of a page. Cleared by the next content.
	 */
	int			 box_top;
	/*
	 * Keep with next: the boxes of the last paragraph with keep_after
	 * (a heading; with the headings just above it) from keep_from on
	 * page keep_page. While nothing but structure brackets and
	 * destinations follows them, a page break for the next content
	 * takes them to the new page (layout.c, content_break()).
	 */
	int			 keep_on;
	size_t			 keep_page, keep_from, keep_end;
	int32_t			 keep_y;	/* the cursor where they start */
	const char		**pending;	/* destinations waiting for the next content (arena strings) */
	size_t			 npending;
	size_t			 pendingcap;
	/*
	 * DEV_CONTENT, or an artifact role: what is laid out meanwhile is
	 * drawn as that artifact, without structure or links (a table's
	 * header rows repeated on a continuation page).
	 */
	enum dev_role		 artifact;
	/* work space, reused from paragraph to paragraph */
	struct linebreak	 lb;
	struct buf		 text;
};

void layout_init(struct layout *, const struct layout_geom *,
    const struct fontset *, struct diag *);
void layout_free(struct layout *);

/* The width of the column between the margins. */
int32_t layout_column_width(const struct layout *);

/*
 * Sets a paragraph into lines at the cursor, breaking pages as needed
 * (never a single first line at a page foot or a single last line at a
 * page head when the paragraph has more). A character no face can draw is
 * printed as 〓 and reported as a warning where it was written (its run's
 * span, else para->span), once per paragraph. Returns 0.
 */
int layout_para(struct layout *, const struct layout_para *);

/* Closes the open page; the next content starts a new one. */
void layout_page_break(struct layout *);

/* The open page, opened (with its hooks) if none is. */
struct layout_page *layout_open_page(struct layout *);
/*
 * Room for h mpt below the cursor: breaks the page unless it fits or the
 * cursor is already at the top. Returns the page to draw on.
 */
struct layout_page *layout_need(struct layout *, int32_t h);

/* Vertical space at the cursor (dropped at the top of a page or box). */
void layout_space(struct layout *, int32_t);

/*
 * A named destination at the next content: it moves with a paragraph that
 * goes to the next page. Pending destinations are placed at the cursor by
 * layout_emit() if no content follows.
 */
void layout_dest(struct layout *, const char *name);
/* An outline entry; title and dest are copied. */
void layout_outline(struct layout *, int level, const char *title,
    const char *dest);
/* Structure brackets at the cursor (see device.h). */
void layout_struct_begin(struct layout *, enum dev_stype, const void *node);
void layout_struct_end(struct layout *, enum dev_stype, const void *node);
/* An attribute of the element just begun (value copied); see device.h. */
void layout_struct_attr(struct layout *, enum dev_attr, const char *value);

/*
 * Boxes at fixed positions on a page (for hooks: running heads, page
 * numbers, rules); text is copied. The text must be drawable by the
 * style's font (no substitution here).
 */
void layout_put_text(struct layout *, struct layout_page *, enum dev_role,
    const void *node, int32_t x, int32_t y, const struct layout_style *,
    const char *text);
void layout_put_rule(struct layout *, struct layout_page *, enum dev_role,
    const void *node, int32_t x1, int32_t y1, int32_t x2, int32_t y2,
    int32_t lw, uint32_t rgb);
/* A rectangle: filled with fill_rgb if fill, stroked if lw > 0. */
void layout_put_rect(struct layout *, struct layout_page *, enum dev_role,
    const void *node, int32_t x, int32_t y, int32_t w, int32_t h, int fill,
    uint32_t fill_rgb, int32_t lw, uint32_t line_rgb);
/* A path of n segments (copied) painted as paint says (see device.h). */
void layout_put_path(struct layout *, struct layout_page *, enum dev_role,
    const void *node, const struct dev_seg *segs, size_t n,
    const struct dev_paint *paint);
/*
 * Copies every box of page src (of another layout) onto page dst of L,
 * moved by dx, dy: a block set apart (a footnote) placed afterwards.
 * Strings and paths are copied into L's arena.
 */
void layout_copy_page(struct layout *, struct layout_page *dst,
    const struct layout_page *src, int32_t dx, int32_t dy);
/* A PNG or JPEG file (path copied) scaled into the box. */
void layout_put_image(struct layout *, struct layout_page *, enum dev_role,
    const void *node, const char *path, int32_t x, int32_t y, int32_t w,
    int32_t h);
/* A link area to a destination (dest) or a URI (uri), one of them non-NULL; copied. */
void layout_put_link(struct layout *, struct layout_page *, const void *node,
    int32_t x, int32_t y, int32_t w, int32_t h, const char *dest,
    const char *uri);
/* Natural width of text in style (missing glyphs count as 〓). */
int32_t layout_text_width(const struct layout_style *, const char *text);

/*
 * Sends every page to dev: begin_document(info), the pages, the outline,
 * end_document(out). Returns 0, or -1 after the device's diagnostic.
 * Pending destinations are placed first (layout_finish()).
 */
int layout_emit(struct layout *, struct device *, const struct dev_info *,
    struct buf *out);

/*
 * The same in steps, so that a long volume need not hold all its pages'
 * boxes at once: layout_emit_begin() (begin_document), then
 * layout_emit_pages() for pages [from, to) as they are done with, each
 * page's boxes freed by layout_release() once sent, and at the end
 * layout_finish() (the pending destinations placed, the last page
 * closed), the last pages and layout_emit_end() (the outline,
 * end_document). Each returns 0, or -1 after the device's diagnostic.
 */
int layout_emit_begin(struct device *, const struct dev_info *);
int layout_emit_pages(const struct layout *, struct device *, size_t from,
    size_t to);
int layout_emit_end(const struct layout *, struct device *, struct buf *out);
/* Places the pending destinations at the cursor and closes the open page. */
void layout_finish(struct layout *);
/*
 * Frees the boxes of pages [0, upto): emitted, or their destinations
 * recorded. Their numbers and sizes stay; nothing may be added to them.
 */
void layout_release(struct layout *, size_t upto);

#endif
