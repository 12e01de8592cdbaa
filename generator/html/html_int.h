/*
 * html_int.h: the internals of the HTML back end, shared by the files of
 * generator/html/ and its unit test only. This is the one header where
 * libxml2's types appear (architecture.md: no library type leaves its
 * adapter).
 *
 * Ownership: a page is one xmlDoc owned by whoever created it and freed
 * with xmlFreeDoc(); every node made by the functions below belongs to the
 * document of its parent. Strings the back end makes for a build live in
 * the site's arena (struct html_site.a), freed by html_site_free(); model
 * strings are borrowed from the build.
 */
#ifndef KEIKAKU_HTML_INT_H
#define KEIKAKU_HTML_INT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "model.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* tree.c: the tree API, URL safety, relative URLs, the serialiser     */
/* ------------------------------------------------------------------ */

/*
 * Named limits, with their reasons.
 * HTML_MAX_DEPTH: the serialiser and the theme walker recurse; the model's
 *   own nesting limit (MD_MAX_NESTING) keeps real pages far below this, a
 *   deeper tree (a hostile theme file) is cut there rather than overflowing
 *   the stack.
 */
#define HTML_MAX_DEPTH 256

/* A new empty document for a page or a fragment. Owned by the caller. */
xmlDoc *html_doc_new(void);

/*
 * A new element <tag> appended to parent, returned. tag is one of the code's
 * own names, never input. html_elc also sets class (when cls is not NULL).
 */
xmlNode *html_el(xmlNode *parent, const char *tag);
xmlNode *html_elc(xmlNode *parent, const char *tag, const char *cls);
/* A new element that is not yet in a tree (for a document root). */
xmlNode *html_el_detached(xmlDoc *doc, const char *tag);

/*
 * Sets the attribute name (a name of the code's own) to value, taken
 * literally: no entity or markup is interpreted, the serialiser escapes it.
 * A NULL value removes the attribute.
 */
void html_attr(xmlNode *el, const char *name, const char *value);
void html_attrf(xmlNode *el, const char *name, const char *fmt, ...)
    KK_PRINTF(3, 4);
/* The attribute's value, or NULL. Borrowed from the tree. */
const char *html_attr_get(const xmlNode *el, const char *name);

/* Appends text as a text node: never parsed, so escaped by construction. */
void html_text(xmlNode *parent, const char *text);
void html_textn(xmlNode *parent, const char *text, size_t len);
void html_textf(xmlNode *parent, const char *fmt, ...) KK_PRINTF(2, 3);

/*
 * Text for assistive technology only: <span class="visually-hidden">text</span>
 * (the theme's CSS clips it; screen readers read it).
 */
xmlNode *html_hidden(xmlNode *parent, const char *text);
/*
 * A visible short form whose spoken form is long (R8 read as 令和8年度
 * （2026年度）, a dash read as 該当なし): the visible text hidden from the
 * accessibility tree, the long text visually hidden. <abbr title> is not
 * read reliably, so this is the pattern used everywhere.
 */
void html_spoken(xmlNode *parent, const char *visible, const char *spoken);

/*
 * 1 if url may be emitted in href or src: http:, https: and mailto: (any
 * case) and relative references; 0 for any other scheme (javascript:,
 * data:, file: …), for any colon before the first / ? # that does not end
 * one of those schemes, for control characters anywhere (browsers strip
 * them and would read "java\tscript:" as a scheme), and for NULL or "".
 */
int html_url_safe(const char *url);

/*
 * Appends to out the reference from the page at site path from
 * ("projects/a.html") to the site path to ("chapters/b.html#sec-1",
 * "#fn-1", "index.html"): relative to the page's folder ("../chapters/…"),
 * or just the fragment when to is on the same page. When abs_base is not
 * NULL the result is abs_base + to instead (the 404 page, which is served
 * at any path).
 */
void html_relurl(struct buf *out, const char *from, const char *to,
    const char *abs_base);

/*
 * Serialises doc as HTML5: <!DOCTYPE html> for a document type node, void
 * elements without end tags, text and attribute values escaped, comments
 * dropped, control characters and invalid UTF-8 replaced (the Nu checker
 * rejects them), a line break around block elements outside <pre> so that
 * goldens read well. Deterministic: the same tree gives the same bytes.
 */
void html_serialize(const xmlDoc *doc, struct buf *out);
/* Serialises one node and its subtree (a fragment for tests and goldens). */
void html_serialize_node(const xmlNode *node, struct buf *out);

/* The first element under root (itself included) with data-slot="name", or NULL. */
xmlNode *html_find_slot(xmlNode *root, const char *name);
/* The first element under root (itself included) named tag, or NULL. */
xmlNode *html_find_el(xmlNode *root, const char *tag);

/* ------------------------------------------------------------------ */
/* The site and its pages (site.c)                                     */
/* ------------------------------------------------------------------ */

enum html_page_kind {
	HP_TOP,			/* index.html */
	HP_CHAPTER,		/* chapter */
	HP_FOCUS,		/* focus */
	HP_PROJECT,		/* project */
	HP_FOCUS_LIST,		/* 重点事業一覧 */
	HP_PROJECT_LIST,	/* 個別事業一覧 */
	HP_DEPARTMENTS,		/* 主管課別一覧 */
	HP_INDICATORS,		/* 指標一覧 */
	HP_REGISTER,		/* 新旧対照表 */
	HP_HISTORY,		/* 改定履歴 */
	HP_GLOSSARY,		/* 用語集 */
	HP_NOTFOUND		/* 404.html */
};
#define HP_NKINDS (HP_NOTFOUND + 1)

struct html_page {
	enum html_page_kind	 kind;
	const char		*url;		/* site path: chapters/purpose.html */
	const char		*name;		/* the page's name: h1, title, links */
	const struct chapter	*chapter;
	const struct focus_area	*focus;
	const struct project	*project;
	int			 prev;		/* index in reading order, or -1 */
	int			 next;
	int			 in_order;	/* part of the reading order (not 404) */
};

/* A glossary reference written on a page: the 用語集 links back to it. */
struct html_use {
	const struct term	*term;
	const struct html_page	*page;
	const char		*id;		/* the reference's id, or NULL: the page itself */
	int			 nth;		/* 1 for the term's first use on the page, 2 … */
};

/* A PDF volume written by the PDF back end, for its download link. */
struct html_pdf {
	const struct volume	*volume;
	int			 exists;
	long long		 size;		/* bytes */
	const char		*url;		/* site path: pdf/honpen.pdf */
};

struct html_site {
	const struct build	*b;
	const struct plan	*pl;
	struct diag		*d;
	struct arena		 a;		/* strings of this back end */
	xmlDoc			*tmpl;		/* the theme's page.html */
	xmlDict			*dict;		/* names shared by every page (html_theme_page) */
	const char		*theme_dir;
	const char		*theme_path;	/* its page.html, for diagnostics */
	const char		*theme_text;	/* its text while it is checked */
	size_t			 theme_len;
	char			*site_dir;	/* <outdir>/site */
	const char		*out_dir;
	const char		*plan_name;	/* the title, with （案） while not final */
	int			 final;
	struct html_page	*pages;		/* reading order first, then the 404 page */
	size_t			 npages;
	struct html_page	*view[HP_NKINDS]; /* the one page of each view kind, or NULL */
	struct html_use		*uses;
	size_t			 nuses;
	size_t			 capuses;
	char			**reg_anchor;	/* per register entry (b->reg->v) */
	struct html_pdf		*pdfs;		/* per volume */
	size_t			 npdfs;
	char			**copied;	/* figure files already copied (site paths) */
	size_t			 ncopied;
	size_t			 capcopied;
	int			 errors;	/* errors reported by this back end */
};

/* The rendering of one page. */
struct html_ctx {
	struct html_site	*site;
	const struct html_page	*page;
	xmlDoc			*doc;
	int			 last_h;	/* level of the last heading written (1 after the h1) */
	int			 in_link;	/* inside <a>: no nested links */
	int			 seq;		/* page-local counter for generated ids */
	int			*fnrefs;	/* references written so far, per footnote number - 1 */
	size_t			 nfn;
};

/*
 * Sets up s for b (no pages yet): the plan's name, the register anchors.
 * html_site_free() frees what the site holds (not the build).
 */
void html_site_init(struct html_site *s, const struct build *b,
    struct diag *d);
void html_site_free(struct html_site *s);

/* Starts and ends the rendering of page p: a fresh document. */
void html_ctx_begin(struct html_ctx *c, struct html_site *s,
    const struct html_page *p);
void html_ctx_end(struct html_ctx *c);

/*
 * Site paths of the generated views, and anchors the model does not carry:
 * NOT IN THE MODEL. The resolver gives chapters, focus areas, projects,
 * departments and terms their URLs and anchors; these are the back end's own
 * until it gives them too (see the report of issue 3).
 */
const char *html_view_url(enum html_page_kind);
const char *html_view_name(const struct html_site *, enum html_page_kind);
const char *html_pillar_anchor(struct html_site *, const struct pillar *);
const char *html_category_anchor(struct html_site *, const struct category *);
const char *html_focus_group_anchor(struct html_site *, const struct focus_area *);
const char *html_reg_anchor(const struct html_site *, const struct reg_entry *);

/* A page-local id: prefix-N, unique on the page. Arena string. */
const char *html_id(struct html_ctx *c, const char *prefix);

/* ------------------------------------------------------------------ */
/* Links and shared pieces (site.c)                                    */
/* ------------------------------------------------------------------ */

/*
 * <a href> to a site path (with an optional #fragment), relative to the
 * page; text is its content when not NULL. Inside a link (c->in_link) the
 * text is written without a link. Returns the <a>, or the parent.
 */
xmlNode *html_link(struct html_ctx *c, xmlNode *parent, const char *site_path,
    const char *text);
/* As html_link, to a site path and a separate anchor (NULL: the page). */
xmlNode *html_link_anchor(struct html_ctx *c, xmlNode *parent,
    const char *site_path, const char *anchor, const char *text);
/*
 * Sets attr (href or src) of el to url written in the content: only if
 * html_url_safe() passes (else an error at sp and -1), with spaces and the
 * characters URLs may not hold percent-encoded. With site_path set, a
 * relative url is a path from the site's top (an image written
 * figures/x.png, relative to the content root) and is made relative to the
 * page; otherwise a relative url is written as it is.
 */
int html_set_url(struct html_ctx *c, xmlNode *el, const char *attr,
    const char *url, const struct span *sp, int site_path);

/*
 * A heading element for a heading written at level want (2 = ##): never
 * deeper than one below the last heading of the page (no skipped levels,
 * WCAG 1.3.1), at most h6. Updates c->last_h.
 */
xmlNode *html_heading_el(struct html_ctx *c, xmlNode *parent, int want);
/* A heading one level below the current one, for generated sub-sections. */
xmlNode *html_subheading(struct html_ctx *c, xmlNode *parent);
/* Appends "number　" in its own span when number is not NULL. */
void html_number(xmlNode *parent, const char *number, const char *cls);

/* A fiscal year in the plan's text style, with its long form for AT when shorter. */
void html_year(struct html_ctx *c, xmlNode *parent, int fy);
/* A fiscal year in the plan's short style (table headers), long form for AT. */
void html_year_short(struct html_ctx *c, xmlNode *parent, int fy);
/* A date in the plan's text style, long form for AT when shorter. */
void html_date(struct html_ctx *c, xmlNode *parent, const struct kdate *d);
/* The plan period in the plan's text style (令和8年度（2026年度）～令和12年度（2030年度）). */
void html_period(struct html_ctx *c, xmlNode *parent, int from, int to);

/* 主管課: the departments of a list, linked to the department index, 「等」 last. */
void html_departments(struct html_ctx *c, xmlNode *parent,
    const struct dept_list *l);
/* The relation of a predecessor as text (継続, 名称変更, 統合 …). */

/*
 * A table's wrapper: a labelled, keyboard-focusable scroll region
 * (WCAG 1.4.10: wide tables scroll inside it, not the page). label_id is
 * the id of the caption. Returns the <table>.
 */
xmlNode *html_table_region(struct html_ctx *c, xmlNode *parent,
    const char *label_id, const char *cls);

/*
 * Copies the content file rel (a path relative to the content root, as
 * written: figures/x.svg) to the same path in the site, once per build;
 * path is its file system path when the loader gave it, else NULL (root/rel).
 * Returns 0, or -1 after reporting a system error.
 */
int html_copy_content_file(struct html_site *s, const char *rel,
    const char *path);

/* Records a glossary reference for the 用語集's links back. */
void html_use_add(struct html_site *s, const struct term *t,
    const struct html_page *p, const char *id);

/* ------------------------------------------------------------------ */
/* Markdown content (inline.c, block.c)                                 */
/* ------------------------------------------------------------------ */

void html_inlines(struct html_ctx *c, xmlNode *parent,
    const struct inline_node *in);
void html_blocks(struct html_ctx *c, xmlNode *parent, const struct block *b);
void html_block(struct html_ctx *c, xmlNode *parent, const struct block *b);
/* A heading block (its number, anchor and text). Returns the element. */
xmlNode *html_heading(struct html_ctx *c, xmlNode *parent,
    const struct block *h);
/*
 * A whole Markdown document: its blocks, then its footnotes (numbered in
 * order of first reference, each with a link back to it). html_doc_begin
 * only sets up the footnote references, for a page that writes something
 * between the blocks and the footnotes.
 */
void html_doc(struct html_ctx *c, xmlNode *parent, const struct doc *doc);
void html_doc_begin(struct html_ctx *c, const struct doc *doc);
/* The footnotes section of doc, if any footnote is referenced. */
void html_footnotes(struct html_ctx *c, xmlNode *parent,
    const struct doc *doc);
/* The plain text of inlines (no markup), into the site's arena. */
const char *html_plain(struct html_site *s, const struct inline_node *in);

/* ------------------------------------------------------------------ */
/* Generated blocks (gen.c)                                            */
/* ------------------------------------------------------------------ */

void html_generated(struct html_ctx *c, xmlNode *parent,
    const struct generated *g);
/* An indicator value as authored (value.display); — read as 該当なし. */
void html_value(xmlNode *parent, const struct value *v, const char *unit);
/* A generated table (gentab.c) and those chained after it. */
void html_gtable(struct html_ctx *, xmlNode *parent, const struct gtable *);
void html_gen_taxonomy(struct html_ctx *c, xmlNode *parent);
void html_gen_glossary(struct html_ctx *c, xmlNode *parent, int backlinks);

/* ------------------------------------------------------------------ */
/* Sheets (sheet.c)                                                    */
/* ------------------------------------------------------------------ */

void html_page_project(struct html_ctx *c, xmlNode *main);
/* ※ notes of the trademarks of the terms used so far on the page. */
void html_trademarks(struct html_ctx *c, xmlNode *main);
void html_page_focus(struct html_ctx *c, xmlNode *main);
/* The schedule of p as a table, one column per fiscal year. */
void html_schedule_table(struct html_ctx *c, xmlNode *parent,
    const struct project *p, const char *caption);
/* The indicator table of p (成果 / 実績 groups, spans, headers/id). */
void html_indicator_table(struct html_ctx *c, xmlNode *parent,
    const struct project *p, const char *caption);
/* The roadmap of a focus area from its members' schedules. */
void html_roadmap(struct html_ctx *c, xmlNode *parent,
    const struct focus_area *f);

/* ------------------------------------------------------------------ */
/* Pages (views.c) and the theme (theme.c)                             */
/* ------------------------------------------------------------------ */

/* Fills main with the content of page c->page (any kind). */
void html_page_content(struct html_ctx *c, xmlNode *main);
/* The page's h1 (a printed number in its own span); sets c->last_h to 1. */
xmlNode *html_h1(struct html_ctx *c, xmlNode *main, const char *number,
    const char *title);

/* write.c */
/* Lists the pages in reading order and finds the PDF volumes under outdir. */
int html_site_prepare(struct html_site *s, const char *outdir);
/* Renders page p in its frame and appends the serialised page to out. */
int html_render_page(struct html_site *s, const struct html_page *p,
    struct buf *out);
/* 1 if any PDF volume exists; html_pdf_links lists them with format and size. */
int html_has_pdfs(const struct html_site *s);
void html_pdf_links(struct html_ctx *c, xmlNode *parent);

/*
 * Parses dir/page.html (libxml2's HTML parser) into s->tmpl and checks its
 * slots. Returns 0, or -1 after reporting to s->d.
 */
int html_theme_load(struct html_site *s, const char *dir);
/*
 * A copy of the template for page p: relative links of the theme rewritten
 * for the page's folder. Owned by the caller (xmlFreeDoc).
 */
xmlDoc *html_theme_page(struct html_site *s, const struct html_page *p);
/* Copies the theme's files (everything but *.html) into the site. Returns 0 or -1. */
int html_theme_assets(struct html_site *s);

#endif
