/*
 * pdf_int.h: the volume walker's shared state (pdf_vol.c, pdf_block.c,
 * pdf_table.c, pdf_sheet.c, svg.c).
 *
 * A volume is laid out twice: pass 1 records on which page every
 * destination landed (for the table of contents and to know which links
 * can resolve), pass 2 is emitted. Everything that lays out text goes
 * through pc->L, which a table points at a scratch layout (tall page, no
 * hooks) to measure a cell before it places it.
 */
#ifndef KEIKAKU_PDF_PDF_INT_H
#define KEIKAKU_PDF_PDF_INT_H

#include "build.h"
#include "model.h"
#include "pdf/device.h"
#include "pdf/font.h"
#include "pdf/layout.h"

enum pdf_st {
	ST_BODY,	/* Mincho body text */
	ST_BOLD,	/* strong: Gothic bold */
	ST_GOTHIC,	/* emphasis, code, tables */
	ST_SMALL,	/* notes, footnotes, captions: Gothic small */
	ST_SMALLB,
	ST_H1, ST_H2, ST_H3, ST_H4,
	ST_BAND,	/* white Gothic bold on the sheet band */
	ST_HEADER,	/* running header, page number */
	ST_TABLE,	/* table cells */
	ST_TABLEB,	/* header cells */
	ST_COVER_TITLE,
	ST_COVER_SUB,
	ST_MARK,	/* watermark */
	ST_COUNT
};

struct pdf_dm_entry {
	char		*name;
	int		 page;
};

struct pdf_destmap {	/* destination name -> page */
	struct pdf_dm_entry	*v;
	size_t			 n, cap;
};

/* A footnote set apart, to be placed at the foot of the page that refers to it. */
struct pdf_fnote {
	const struct footnote	*fn;
	size_t			 page;		/* index in pc->main */
	int32_t			 h;
	struct layout		 L;		/* the note, set at the top of its own page */
};

/* A footnote reference met in the paragraph being set. */
struct pdf_fnref {
	const struct inline_node *in;
	const struct footnote	*fn;
};

struct pdf_ctx {
	const struct build	*b;
	const struct plan	*pl;
	const struct volume	*vol;
	struct diag		*d;
	struct layout		*L;		/* the layout text goes to (the main one or a scratch) */
	struct layout		 main;
	struct fontset		*fs;
	struct layout_style	 st[ST_COUNT];
	struct arena		 a;		/* styles with links, strings for the pass */
	int			 pass;		/* 1 or 2 */
	int			 final;		/* the last pass laid out: what only needs saying once is said in it (svg.c) */
	int			 measuring;	/* inside a table's scratch layout */
	int			 note_follows;	/* the table being set has 資料：/（注） below it */
	int			 lists;		/* lists open around the one being set */
	int			 in_cell;	/* setting a table cell's blocks */
	struct pdf_destmap	 known;		/* pass 1's destinations (pass 2 links only to these) */
	struct pdf_destmap	 placed;	/* destinations placed in this pass */
	const char		*page_anchor;	/* chapter or sheet anchor: qualifies in-page anchors */
	const char		*running;	/* chapter title in the running header, or NULL */
	const char		*cont_band;	/* a sheet's id and title, repeated on its next pages */
	int			 no_header;	/* cover: no header, footer */
	int			 has_glossary;	/* the volume prints its 用語集 */
	int32_t			 ileft, iright;	/* insets of the current box (lists, notes, cells) */
	int			 landscape;
	int			 tables;	/* tables emitted so far: their tagged ids (t3.0.1) are unique */
	/* footnotes at the foot of the page (JIS practice), pdf_block.c */
	struct pdf_fnref	*fnq;		/* references in the paragraph just set */
	size_t			 nfnq, fnqcap;
	int			 fn_hold;	/* inside a table row: its references wait for the row's end */
	struct pdf_fnote	*fnotes;	/* notes placed at page feet, in order */
	size_t			 nfnotes, fnotecap;
	int32_t			*pfoot;		/* per page of main: height taken by its notes */
	int32_t			*pfill;		/* per closed page: where its body ended */
	size_t			 npinfo, pinfocap, pfillcap;
	int32_t			 base_bottom;	/* the bottom margin without notes */
	int			 body_first;	/* this pass: the first page of the body (arabic numbers), 0 before */
	int			 known_body_first;	/* the same from pass 1, for pdf_dest_page() */
	/* pages of main done with (pdf_vol.c flush()): pass 1 recorded their destinations, pass 2 emitted them */
	size_t			 flushed;
	struct pdf_destmap	 found;		/* pass 1: the destinations of the pages flushed */
	struct device		*dev[2];	/* pass 2: the devices the pages go to (a layout dump, the PDF) */
	size_t			 ndev;
	const struct dev_info	*info;
	int			 begun;		/* pass 2: begin_document sent */
	int			 failed[2];	/* dev[i] failed (it said why): nothing more goes to it */
	/*
	 * The pages, as printed, of the places other volumes link to, for
	 * the volumes already laid out: per volume of the plan, one per
	 * volume->exports (0: not known). NULL in keikaku check.
	 */
	int *const		*xpages;
};

/* pdf_vol.c */
const char *pdf_qualify(struct pdf_ctx *, const char *anchor);
void pdf_dest(struct pdf_ctx *, const char *name);
int pdf_dest_known(struct pdf_ctx *, const char *name);
/* The arabic page number printed on the page of a pass-1 destination; 0 if unknown or in the front matter. */
int pdf_dest_page(struct pdf_ctx *, const char *name);
/* The printed page of dest in volume v, laid out before this one; 0 if unknown. */
int pdf_xref_page(const struct pdf_ctx *, const struct volume *v,
    const char *dest);
void pdf_outline(struct pdf_ctx *, int level, const char *title,
    const char *dest);
struct layout_page *pdf_page(struct pdf_ctx *);
int32_t pdf_bottom(const struct pdf_ctx *);
int32_t pdf_colw(const struct pdf_ctx *);

/* pdf_block.c: inlines to runs, blocks to paragraphs */
struct pdf_runs {
	struct buf		 text;
	struct layout_run	*v;
	size_t			 n, cap;
	size_t			*off;		/* offsets into text; pointers are set at the end */
	size_t			 offcap;
	const struct layout_tag	*tag;		/* inline structure of the runs added now (layout.h), or NULL */
};
void pdf_runs_free(struct pdf_runs *);
/* An inline structure element (layout.h) in the pass's arena. */
const struct layout_tag *pdf_tag(struct pdf_ctx *, enum dev_stype,
    const void *node, enum dev_attr, const char *value,
    const struct layout_tag *up);
void pdf_runs_add(struct pdf_ctx *, struct pdf_runs *, const char *s,
    const struct layout_style *, const void *node);
void pdf_runs_inlines(struct pdf_ctx *, struct pdf_runs *,
    const struct inline_node *, const struct layout_style *);
/* A copy of st linking to dest (internal) or uri, in link colour; lives in the pass's arena. */
const struct layout_style *pdf_linked(struct pdf_ctx *,
    const struct layout_style *st, const char *dest, const char *uri);
/* Sets the runs as one paragraph. */
void pdf_para(struct pdf_ctx *, struct pdf_runs *, const struct layout_para *);
void pdf_text_para(struct pdf_ctx *, const char *text, enum pdf_st,
    enum dev_stype, const void *node, int32_t space_after);
void pdf_plain(struct buf *, const struct inline_node *);
/* The glossary marker of the volume's term n: ※3, *3 or ※ (plan.yaml). */
const char *pdf_marker_text(struct pdf_ctx *, int n);
/*
 * Appends the date d, or if d is NULL the fiscal year fy, in style to b;
 * returns its long form (for /E) when style is not the long one, else
 * NULL (R8 → 令和8年度（2026年度））.
 */
const char *pdf_when(struct pdf_ctx *, struct buf *b, const struct kdate *d,
    int fy, enum fy_style style);
/* The same as runs, in a Span with /E when the style is not long; node names the Span. */
void pdf_runs_when(struct pdf_ctx *, struct pdf_runs *, const struct kdate *d,
    int fy, enum fy_style style, const struct layout_style *,
    const void *node);
void pdf_heading(struct pdf_ctx *, const struct block *);
void pdf_blocks(struct pdf_ctx *, const struct block *);
void pdf_blocks_until(struct pdf_ctx *, const struct block *, const struct block *end);
/* The footnotes of doc not placed at a page foot, at the end of its chapter or sheet. */
void pdf_footnotes(struct pdf_ctx *, const struct doc *);
/* After a paragraph of main: its footnotes go to the foot of their pages if they fit. */
void pdf_fn_place(struct pdf_ctx *);
/*
 * Pages back from the last where a reference of the paragraph just set is
 * looked for: no footnote is placed on a page further back.
 */
#define PDF_FN_LOOKBACK	8
/* Draws the footnotes placed on pages [0, upto) not drawn yet (then frees their layouts). */
void pdf_fn_draw(struct pdf_ctx *, size_t upto);
/* Frees what the footnotes of a pass hold. */
void pdf_fn_free(struct pdf_ctx *);
/* Page hooks of main: a new page's margin; where a closed page's body ended. */
void pdf_fn_page_begin(struct pdf_ctx *, struct layout_page *);
void pdf_fn_page_end(struct pdf_ctx *, struct layout_page *);
struct layout_para pdf_para_defaults(const struct pdf_ctx *, enum pdf_st);

/* pdf_table.c */
struct pdf_cell {
	const struct inline_node *inl;		/* one of inl, text, blocks, fn (fn may have text too, to measure) */
	const char		*text;
	const struct block	*blocks;
	const struct block	*blocks_end;	/* where blocks stop (NULL: the end of the list) */
	void			(*fn)(struct pdf_ctx *, const void *arg);
	const void		*arg;
	const void		*node;
	const char		*link;		/* text and inl: an internal link to this destination, if it was placed */
	int			 colspan;	/* >= 1 */
	int			 rowspan;	/* rows it covers downwards (0 = 1); the covered slots have colspan 0 */
	int			 head;		/* TH */
	int			 rowhead;	/* tagged as a row header (TH /Scope /Row), drawn as data */
	const char		*expansion;	/* text: its long form for assistive technology (R8 → 令和8年度), or NULL */
	int			 nowrap;	/* a number with its unit: its column is at least this wide */
	enum layout_align	 align;
	uint32_t		 fill;		/* background, 0 = none */
	int			 bar;		/* a schedule bar: a hatched arrow above the text */
	int			 phrase;	/* text: wraps only between phrases (schedules) */
	enum dev_hatch		 hatch;		/* the bar's pattern (DEV_HATCH_NONE: diagonal) */
};
struct pdf_table {
	int			 ncols;
	struct pdf_cell		*cells;		/* rows of ncols slots; a covered slot has colspan 0 */
	size_t			 nrows;
	size_t			 cap;
	int			 nhead;		/* header rows, repeated on continuation pages */
	const char		*caption;	/* or NULL */
	const void		*node;
	int32_t			*minw;		/* optional lower bounds per column (mpt), or NULL */
	int			 equal_last;	/* the last n columns share their width equally (years) */
};
/* Adds a row; returns its ncols slots, zeroed (colspan 0 = covered; set 1 for cells). */
struct pdf_cell *pdf_table_row(struct pdf_table *);
void pdf_table_emit(struct pdf_ctx *, struct pdf_table *);
void pdf_table_free(struct pdf_table *);
void pdf_md_table(struct pdf_ctx *, const struct table *);
/* A generated table (gentab.c) and those chained after it. */
void pdf_gtable(struct pdf_ctx *, const struct gtable *);
/* Appends name with WORD JOINERs between its characters: kept whole on a line. */
void pdf_put_glued(struct buf *, const char *name);

/* pdf_sheet.c */
void pdf_lists(struct pdf_ctx *);
void pdf_focus(struct pdf_ctx *, const struct focus_area *);
void pdf_project(struct pdf_ctx *, const struct project *, int relisted);
void pdf_group(struct pdf_ctx *, const struct vol_item *);
void pdf_glossary(struct pdf_ctx *);
void pdf_generated(struct pdf_ctx *, const struct generated *);
void pdf_cont_band(struct pdf_ctx *, struct layout *, struct layout_page *);

/* pdf_tax.c: the 体系図 ({{taxonomy}}) as a diagram. */
void pdf_taxonomy(struct pdf_ctx *);

/* svg.c: draws an SVG file into the box at (x, y) of size (w, h) on the page. */
int pdf_svg(struct pdf_ctx *, struct layout_page *, const char *path,
    const void *node, int32_t x, int32_t y, int32_t w, int32_t h,
    const struct span *);
/* The intrinsic size of an SVG (viewBox or width/height), or -1. */
int pdf_svg_size(const char *path, double *w, double *h);

#endif
