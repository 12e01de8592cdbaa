/*
 * model.h: keikaku's own model of a plan. The loader fills it from the
 * content tree (YAML through yaml.h, Markdown through md.h); resolve fills
 * the fields marked "resolved"; validate checks it; the back ends (html/,
 * pdf/, dump.c) only read it. No library type (cmark, libyaml, libxml2,
 * libharu) appears here.
 *
 * Ownership: every pointer in the model points into the build's arena
 * (struct build.arena) and is freed at once by build_free(). Lists are
 * either singly linked (next) or arrays with a count (v, n).
 *
 * Every node carries a struct span (file, line, column in code points) so
 * that any check at any stage can point at the source.
 */
#ifndef KEIKAKU_MODEL_H
#define KEIKAKU_MODEL_H

#include "diag.h"
#include "fy.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Markdown: inlines and blocks                                        */
/* ------------------------------------------------------------------ */

enum inline_type {
	INL_TEXT,	/* text */
	INL_CODE,	/* text: a code span */
	INL_BREAK,	/* a hard line break */
	INL_EMPH,	/* children */
	INL_STRONG,	/* children */
	INL_STRIKE,	/* children */
	INL_LINK,	/* url, title, children */
	INL_IMAGE,	/* an image inside text: url, text = alt */
	INL_FOOTREF,	/* key = footnote label; resolved: footnote */
	INL_GLOSS,	/* key = glossary key; children = the text written (none: print the term) */
	INL_LANG,	/* key = language tag (en); children */
	INL_FIELD	/* {{name args}} inside text: key = name, args; resolved: text, expansion */
};

struct footnote;
struct term;
struct xref;

struct inline_node {
	enum inline_type	 type;
	struct span		 span;
	char			*text;
	char			*url;
	char			*title;
	char			*key;
	char			*args;		/* INL_FIELD: the arguments as written ("R8 short") */
	struct inline_node	*children;
	struct inline_node	*next;
	/* resolved */
	struct footnote		*footnote;	/* INL_FOOTREF */
	struct term		*term;		/* INL_GLOSS */
	int			 gloss_marker;	/* INL_GLOSS: the ※n number if this is the first use in its volume, else 0 */
	char			*expansion;	/* INL_FIELD: the long form for assistive technology when text is short (R8), else NULL */
	struct xref		*xref;		/* INL_LINK to a place in the plan (a chapter, sheet, heading, figure or table), else NULL */
	/*
	 * INL_TEXT joined from several pieces (lines joined at a soft break,
	 * text around a marker): where each piece after the first was
	 * written (text_span_at() finds a character's place); none: the text is
	 * as written from span on.
	 */
	struct span_piece	*pieces;
	size_t			 npieces;
};

enum block_type {
	BLK_PARA,	/* inlines */
	BLK_HEADING,	/* inlines, level, numbered */
	BLK_LIST,	/* children are BLK_ITEM; ordered, start, tight */
	BLK_ITEM,	/* children */
	BLK_QUOTE,	/* children */
	BLK_NOTE,	/* > [!NOTE]: children */
	BLK_COLUMN,	/* > [!COLUMN] title: inlines = title, children */
	BLK_CODE,	/* text, info */
	BLK_HR,
	BLK_TABLE,	/* table */
	BLK_FIGURE,	/* figure */
	BLK_GENERATED	/* a paragraph that is only {{name args}}: gen */
};

enum align {
	ALIGN_NONE,
	ALIGN_LEFT,
	ALIGN_CENTER,
	ALIGN_RIGHT
};

/*
 * A table cell. A cell written ^^ is merged into the cell above: the cell
 * above gets rowspan > 1 and this one has merged = 1 and no inlines.
 */
struct cell {
	struct inline_node	*inlines;
	struct span		 span;
	int			 rowspan;	/* >= 1 */
	int			 colspan;	/* >= 1 */
	int			 merged;	/* covered by a span from another cell */
};

struct table {
	int			 ncols;
	int			 nrows;		/* header rows included */
	int			 nhead;		/* header rows at the top (GFM: 1) */
	enum align		*align;		/* ncols */
	struct cell		*cells;		/* nrows * ncols, row-major */
	struct inline_node	*caption;	/* from a 表： paragraph before the table, or NULL */
	struct span		 caption_span;
	char			*key;		/* {#key} at the end of the caption, or NULL */
	struct span		 key_span;
	/* resolved */
	char			*number;	/* 表1-1, or NULL when uncaptioned */
	char			*anchor;	/* HTML id / PDF destination */
};

struct figure {
	char			*src;		/* relative to the content root, as written */
	char			*path;		/* resolved file system path, set by the loader after checking it exists */
	char			*alt;		/* plain text; "" when decorative */
	int			 decorative;	/* alt written "-" */
	char			*title;		/* the caption text from the image title, or NULL (unnumbered) */
	struct block		*notes;		/* the 出典：/資料：/（注） paragraphs after it (BLK_PARA), in order */
	int			 width_px;	/* intrinsic size if known (0 = unknown) */
	int			 height_px;
	/* resolved */
	char			*number;	/* 図1-1, or NULL */
	char			*anchor;
};

enum gen_kind {
	GEN_PROJECTS,		/* args: pillar=ID | focus=KEY | category=KEY */
	GEN_FOCUS_AREAS,
	GEN_TAXONOMY,
	GEN_COMMON_ITEMS,
	GEN_INDICATORS,
	GEN_REGISTER,
	GEN_DEPARTMENTS,
	GEN_HISTORY,
	GEN_GLOSSARY
};

struct project;
struct gtable;

struct generated {
	enum gen_kind		 kind;
	char			*arg_name;	/* pillar, focus, category, or NULL */
	char			*arg_value;
	struct span		 arg_span;
	/* resolved: GEN_PROJECTS */
	struct project		**projects;
	size_t			 nprojects;
	/* resolved (gentab.c): the tables it prints, in order (next); NULL for taxonomy (build.taxonomy), glossary */
	const struct gtable	*table;
};

struct block {
	enum block_type		 type;
	struct span		 span;
	struct block		*children;
	struct block		*next;
	struct inline_node	*inlines;
	int			 level;		/* BLK_HEADING: 2..5 as written (## = 2) */
	int			 numbered;	/* BLK_HEADING: 0 when written {-} */
	int			 ordered;	/* BLK_LIST */
	int			 start;		/* BLK_LIST, ordered */
	int			 tight;		/* BLK_LIST */
	char			*text;		/* BLK_CODE */
	char			*info;		/* BLK_CODE */
	struct table		*table;
	struct figure		*figure;
	struct generated	*gen;
	/* resolved */
	char			*number;	/* BLK_HEADING: generated section number (1-1, (1)), or NULL */
	char			*anchor;	/* BLK_HEADING: id, unique within the page */
};

/*
 * A cross-reference: a Markdown link to a file of the content tree (a
 * chapter, a 重点事業 or project file, a figure's image), with an optional
 * #fragment naming a heading (its text or anchor) or a table ({#key}).
 * Resolved once; the back ends print text when the link has none and
 * point the link at url#anchor (HTML) or dest (PDF).
 */
enum xref_kind {
	XR_CHAPTER,
	XR_FOCUS,
	XR_PROJECT,
	XR_HEADING,
	XR_FIGURE,
	XR_TABLE
};

struct volume;
struct chapter;
struct focus_area;
struct project;

struct xref {
	enum xref_kind		 kind;
	const char		*path;		/* the target file, relative to the content root */
	struct block		*block;		/* XR_HEADING, XR_FIGURE, XR_TABLE */
	char			*text;		/* the printed reference: 第2章　現状と課題, 図2-1 */
	const char		*url;		/* the site page: chapters/current.html */
	const char		*anchor;	/* in the page, or NULL for the page itself */
	const char		*dest;		/* the PDF destination (ch-current.fig-1) */
	struct chapter		*chapter;	/* the page that holds it: a chapter, */
	struct focus_area	*focus;		/* a 重点事業 */
	struct project		*project;	/* or a project */
	struct volume		*volume;	/* the PDF volume that prints it, or NULL */
	const char		*where;		/* that volume as a reader names it (重点事業・個別事業集), or NULL */
};

struct footnote {
	char			*label;
	struct span		 span;
	struct block		*blocks;
	struct footnote		*next;
	/* resolved */
	int			 number;	/* order of first reference, 1-based; 0 = never referenced */
	char			*anchor;
};

/* A parsed Markdown document (a chapter body or a sheet body). */
struct doc {
	struct block		*blocks;
	struct footnote		*footnotes;
};


/* ------------------------------------------------------------------ */
/* Generated tables (gentab.c)                                         */
/* ------------------------------------------------------------------ */

/*
 * A table generated from the records ({{projects}}, {{register}}, the
 * 重点事業一覧 …), built once by the resolver: both back ends print it
 * as it is, cell by cell, so the HTML and the PDF cannot disagree. A
 * cell is a list of pieces.
 */
enum gpiece_kind {
	GP_TEXT,	/* text; spoken: its long form for assistive technology (R8 → 令和8年度), or NULL */
	GP_NAME,	/* a department name: kept whole on a line */
	GP_DASH,	/* — read as 該当なし */
	GP_BREAK	/* a line break */
};

struct department;
struct sheet_common;

struct gpiece {
	enum gpiece_kind	 kind;
	const char		*text;
	const char		*spoken;
	const struct sheet_common *sheet;	/* a link to this sheet, or NULL */
	const struct department	*dept;		/* GP_NAME: a link to its row of the 主管課別一覧, or NULL */
	struct gpiece		*next;
};

enum {
	GC_HEAD		= 1,	/* a column header */
	GC_ROWHEAD	= 2,	/* the row's header */
	GC_NUM		= 4,	/* a number: right-aligned */
	GC_NOWRAP	= 8	/* an id or a date: never wraps */
};

struct gcell {
	struct gpiece		*pieces;	/* NULL: empty */
	int			 flags;
};

/* What a row is the place of (the HTML page of that list gives it an id). */
enum grow_ref {
	GR_NONE,
	GR_REG,		/* ref: struct reg_entry */
	GR_DEPT,	/* ref: struct department */
	GR_FOCUS,	/* ref: struct focus_area */
	GR_CATEGORY	/* ref: struct category */
};

struct grow {
	struct gcell		*cells;		/* ncols; a group row: one cell across the table */
	int			 group;		/* heads the rows up to the next group row */
	enum grow_ref		 ref_kind;
	const void		*ref;
};

struct gtable {
	const char		*caption;
	const char		*cls;		/* what it lists (project-list, register …): HTML class */
	int			 ncols;
	struct gcell		*head;		/* the header row: ncols */
	struct grow		*rows;
	size_t			 nrows, cap;
	int			 groups;	/* has group rows */
	const char		*empty;		/* printed instead when it has no rows, or NULL */
	const struct gtable	*next;		/* the next table of the same block */
};

/* ------------------------------------------------------------------ */
/* The 体系図 (gentax.c)                                               */
/* ------------------------------------------------------------------ */

/*
 * The plan's structure as {{taxonomy}} prints it, built once by the
 * resolver from plan.yaml's taxonomy and the 重点事業' goal: both back ends
 * print these entries, in this order and nesting, with these words (the
 * site as nested lists, the PDF as a diagram tagged as nested lists).
 */
enum tax_kind {
	TX_PRINCIPLE,	/* the 基本理念; ref NULL */
	TX_GOAL,	/* struct goal; kids: its pillars, then its focus areas */
	TX_PILLAR,	/* struct pillar; kids: its categories */
	TX_CATEGORY,	/* struct category */
	TX_FOCUS,	/* struct focus_area */
	TX_COMMON,	/* 共通事項; kids: the common items */
	TX_COMMON_ITEM	/* struct common_item */
};

struct tax_entry {
	enum tax_kind		 kind;
	const char		*label;		/* the level's word printed first (基本理念, 目指す姿1, 基本取組, 共通事項), or NULL */
	const char		*number;	/* ＜1＞, 重点事業①, or NULL */
	const char		*title;		/* or NULL (共通事項) */
	const void		*ref;		/* the record (see tax_kind) */
	struct tax_entry	*kids;
	size_t			 nkids;
	int			 level;		/* the diagram's column: 0 goal, 1 pillar and focus area, 2 category; -1 a band across (principle, 共通事項 and its items) */
};

struct taxonomy {
	/*
	 * In printed order: the principle, the goals, the pillars and focus
	 * areas of no goal, 共通事項; any may be missing.
	 */
	struct tax_entry	*v;
	size_t			 n;
};

/* ------------------------------------------------------------------ */
/* Shared records                                                      */
/* ------------------------------------------------------------------ */

struct department {
	char			*key;
	char			*name;
	char			*division;	/* 部, or NULL */
	char			*reading;	/* or NULL */
	char			**aliases;
	size_t			 naliases;
	int			 pseudo;
	struct span		 span;
	size_t			 index;		/* position in departments.yaml */
	/* resolved: the projects and focus areas that name it, in printed order */
	struct project		**projects;
	size_t			 nprojects;
	char			*anchor;
};

/* A reference to a department as written in a departments: list. */
struct dept_ref {
	char			*written;	/* key, name or alias as written */
	struct span		 span;
	struct department	*dept;		/* resolved; NULL if unknown (an error) */
};

struct dept_list {
	struct dept_ref		*v;
	size_t			 n;
	int			 etc;		/* a final 等 */
};

/*
 * The 五十音 rows (あ行 … わ行) and 英数字・記号: the row of a glossary
 * term, from the first character of its reading (words.h names them).
 */
enum kana_row {
	KR_A, KR_KA, KR_SA, KR_TA, KR_NA, KR_HA, KR_MA, KR_YA, KR_RA, KR_WA,
	KR_OTHER,
	KR_COUNT
};

struct term {
	char			*key;
	char			*term;
	char			*reading;	/* hiragana sort key, or NULL */
	char			*expansion;	/* or NULL */
	char			*expansion_lang; /* or NULL */
	char			*ja;		/* or NULL */
	struct inline_node	*definition;
	struct span		 definition_span;
	char			*trademark;	/* or NULL */
	int			 listed;
	struct span		 span;
	size_t			 index;		/* position in glossary.yaml */
	/* resolved */
	int			 uses;		/* references in the whole plan */
	size_t			 order;		/* position in the printed 用語集 (reading or file order) */
	enum kana_row		 row;		/* its 五十音 row, from its reading (or the term); the 用語集 in reading order is grouped by it */
	char			*anchor;
};

/* A key or id referring to another record, with where it was written. */
struct ref {
	char			*key;
	struct span		 span;
};

struct term_ref {
	char			*key;
	struct span		 span;
	struct term		*term;		/* resolved */
};

/* ------------------------------------------------------------------ */
/* The predecessor register (新旧対照)                                 */
/* ------------------------------------------------------------------ */

enum disposition {
	DISP_CONTINUED,
	DISP_ENDED
};

enum relation {
	REL_CONTINUED,
	REL_RENAMED,
	REL_MERGED,
	REL_SPLIT,
	REL_ABSORBED
};

struct reg_entry;
struct focus_area;
struct sheet_common;

/* One predecessor link of a project or focus area. */
struct pred_link {
	char			*id;		/* the old plan's id as written */
	enum relation		 relation;
	struct span		 span;
	struct reg_entry	*entry;		/* resolved */
};

/* A record of this plan that names an old project: a project or a 重点事業. */
struct successor {
	struct project		*project;	/* one of project and focus is set */
	struct focus_area	*focus;
	struct sheet_common	*sheet;		/* the common part of either */
	const char		*id;		/* its printed id */
	enum relation		 relation;
};

struct reg_entry {
	char			*id;
	char			*title;
	struct dept_list	 departments;
	enum disposition	 disposition;
	char			*reason;	/* or NULL */
	char			*group;		/* or NULL */
	int			 relisted;
	char			*remark;	/* or NULL */
	struct span		 span;
	/* resolved */
	struct successor	*successors;
	size_t			 nsuccessors;
};

struct reg {
	char			*file;		/* as named in plan.yaml */
	char			*plan_key;
	char			*plan_title;
	int			 from;		/* fiscal years */
	int			 to;
	struct reg_entry	*v;
	size_t			 n;
	struct span		 span;
	/* resolved counts (relisted rows are not counted twice) */
	int			 n_continued;
	int			 n_ended;
};

/* ------------------------------------------------------------------ */
/* Project sheets                                                      */
/* ------------------------------------------------------------------ */

enum status {
	STATUS_NONE,		/* not given */
	STATUS_NEW,		/* 新規 */
	STATUS_CONTINUED,	/* 継続 */
	STATUS_RENAMED,		/* 継続（名称変更） */
	STATUS_MERGED,		/* 統合 */
	STATUS_ENDED		/* 終了 */
};

struct bar {
	int			 from;		/* fiscal years, inclusive */
	int			 to;
	char			*label;
	struct span		 span;
};

struct sched_cell {
	int			 year;
	char			**lines;	/* one printed line each */
	size_t			 nlines;
	struct span		 span;
};

struct sched_row {
	int			 is_cells;	/* 0: bars; 1: per-year cells */
	struct bar		*bars;
	size_t			 nbars;
	struct sched_cell	*cells;		/* in year order */
	size_t			 ncells;
	struct span		 span;
};

enum ind_kind {
	IND_OUTCOME,		/* 成果（アウトカム） */
	IND_OUTPUT,		/* 実績（アウトプット） */
	IND_KPI			/* not classed as either */
};

/* An indicator value: a YAML number, or a string printed verbatim. */
struct value {
	int			 is_number;
	int			 is_dash;	/* "—": not yet */
	char			*text;		/* as written (strings) or canonical (numbers: 1290, 22.5) */
	struct span		 span;
	/* resolved */
	char			*display;	/* 1,290% for numbers with units; the text for strings */
};

struct target {
	int			 year;
	struct value		 value;
};

struct pending {
	char			*text;
	int			 from;		/* fiscal years; defaults to the plan period */
	int			 to;
	int			 rows;		/* indicators it spans downward, >= 1 */
	struct span		 span;
};

struct indicator {
	enum ind_kind		 kind;
	char			*group;		/* or NULL */
	char			*name;		/* or NULL (a kpi with pending only) */
	char			*unit;		/* or NULL */
	struct target		*targets;	/* in year order */
	size_t			 ntargets;
	int			 has_all;
	struct value		 all;		/* targets: { all: v } */
	int			 merge;
	int			 has_pending;
	struct pending		 pending;
	struct span		 span;
	/* resolved */
	int			 covered;	/* inside the rows: of a pending block above */
};

/* A section of a sheet body: a ## heading and what follows it. */
enum sec_role {
	SEC_OTHER,
	SEC_CURRENT,		/* 現状 */
	SEC_IDEAL,		/* 理想的な姿 */
	SEC_ACTIONS		/* 主な取組 */
};

struct section {
	enum sec_role		 role;
	struct inline_node	*title;
	struct block		*heading;	/* the BLK_HEADING */
	struct block		*blocks;	/* what follows the heading, up to the next ## */
	struct span		 span;
};

/* The body of a focus-area or project file. */
struct sheet_body {
	struct block		*lead;		/* the first paragraph before any heading, or NULL */
	struct block		*intro;		/* all blocks before the first ## (lead included) */
	struct section		*sections;
	size_t			 nsections;
	struct doc		 doc;		/* the whole body, as parsed */
};

/* Fields shared by focus areas and projects. */
struct sheet_common {
	char			*file;		/* relative to the content root */
	struct span		 span;		/* the file */
	char			*key;
	struct span		 key_span;
	char			*title;
	char			*short_title;	/* or NULL */
	char			*summary;	/* or NULL */
	struct dept_list	 departments;
	struct pred_link	*preds;
	size_t			 npreds;
	struct term_ref		*terms;
	size_t			 nterms;
	char			**notes;
	size_t			 nnotes;
	struct sheet_body	 body;
	/* resolved */
	char			*url;		/* site path, e.g. projects/ikanai-madoguchi.html */
	char			*anchor;	/* PDF destination / in-page id */
};

/* A schedule or indicator table spans at most this many fiscal years. */
#define SHEET_MAX_YEARS 50

struct goal;
struct pillar;
struct category;

struct focus_area {
	struct sheet_common	 c;
	struct ref		 goal_ref;	/* key NULL if not given */
	char			**ov_output;	/* indicators_overview */
	size_t			 nov_output;
	char			**ov_outcome;
	size_t			 nov_outcome;
	/* resolved */
	struct goal		*goal;
	int			 n;		/* position in taxonomy.focus_areas, 1-based */
	char			*id;		/* 重点事業① */
	struct project		**members;	/* in order of their numbers */
	size_t			 nmembers;
	const struct gtable	*table;		/* its members (構成事業) */
	int			 year_from, year_to;	/* its roadmap's years: its members' together (as a project's) */
};

struct project {
	struct sheet_common	 c;
	struct ref		 focus_ref;
	struct ref		 pillar_ref;
	struct ref		 category_ref;
	int			 number;	/* 0 = not given (file-name order) */
	struct span		 number_span;
	enum status		 status;
	struct span		 status_span;
	char			*status_note;
	struct sched_row	*schedule;
	size_t			 nschedule;
	struct indicator	*indicators;
	size_t			 nindicators;
	size_t			 order;		/* file-name order over all projects */
	/* resolved */
	struct focus_area	*focus;
	struct pillar		*pillar;
	struct category		*category;
	char			*id_focus;	/* ①-1 when a member of a focus area, else NULL */
	char			*id_pillar;	/* 1-1 when in a pillar, else NULL */
	char			*id;		/* the printed id: id_focus if any, else id_pillar */
	int			 n_focus;	/* position among the focus area's members */
	int			 n_pillar;	/* position in its pillar (or category) */
	/*
	 * The fiscal years of its schedule and indicator tables, one column
	 * each: the plan period; for a policy without one, the years the
	 * project names. At most SHEET_MAX_YEARS (a typo such as R80 is cut).
	 * 0 when there are none.
	 */
	int			 year_from, year_to;
};

/* ------------------------------------------------------------------ */
/* Chapters                                                            */
/* ------------------------------------------------------------------ */

struct signature {
	int			 present;
	struct kdate		 date;
	int			 has_date;
	char			*title;
	char			*name;
	struct span		 span;
};

struct volume;

struct chapter {
	char			*file;
	struct span		 span;
	char			*key;
	char			*title;
	char			*short_title;
	struct ref		 volume_ref;	/* default honpen */
	int			 appendix;
	int			 numbered;
	struct signature	 signature;
	struct doc		 doc;
	size_t			 order;		/* file-name order */
	/* resolved */
	struct volume		*volume;
	int			 n;		/* chapter counter (or appendix counter); 0 when unnumbered */
	char			*number;	/* 第1章, 資料1, or NULL */
	char			*url;
	char			*anchor;
};

/* ------------------------------------------------------------------ */
/* plan.yaml                                                           */
/* ------------------------------------------------------------------ */

enum plan_kind {
	PLAN_KIND_PLAN,
	PLAN_KIND_POLICY
};

enum plan_status {
	PLAN_DRAFT,
	PLAN_PUBLIC_COMMENT,
	PLAN_COUNCIL,
	PLAN_FINAL
};

struct goal {
	char			*id;
	char			*title;
	struct span		 span;
	/* resolved */
	int			 n;
	struct pillar		**pillars;
	size_t			 npillars;
	struct focus_area	**focus_areas;
	size_t			 nfocus_areas;
};

struct category {
	char			*key;
	char			*title;
	struct span		 span;
	struct pillar		*pillar;	/* set by the loader */
	/* resolved */
	struct project		**projects;
	size_t			 nprojects;
	char			*anchor;	/* cat-<key> */
	const struct gtable	*table;		/* its projects */
};

struct pillar {
	char			*id;
	char			*title;
	struct ref		 goal_ref;
	int			*sdgs;
	size_t			 nsdgs;
	struct category		*categories;
	size_t			 ncategories;
	struct span		 span;
	/* resolved */
	struct goal		*goal;
	int			 n;
	char			*number;	/* ＜1＞ */
	struct project		**projects;	/* every project of the pillar, in printed order */
	size_t			 nprojects;
	char			*anchor;	/* pillar-<n> */
	const struct gtable	*table;		/* its projects, its categories as groups (個別事業一覧) */
};

struct common_item {
	char			*id;
	char			*title;
	char			*summary;	/* or NULL */
	struct span		 span;
};

struct plan_indicator {
	char			*name;
	char			*unit;
	struct value		 baseline;
	int			 has_baseline;
	struct kdate		 baseline_as_of;
	int			 has_baseline_as_of;
	struct value		 target;
	int			 has_target;
	int			 target_year;
	struct span		 span;
};

struct history_entry {
	char			*edition;
	struct kdate		 date;
	char			*summary;
	struct span		 span;
};

/* What a volume holds, in order (plan.yaml volumes[].contents). */
enum vol_part {
	VOL_CHAPTER,		/* key: one chapter */
	VOL_CHAPTERS,		/* every chapter of this volume not named elsewhere */
	VOL_FOCUS_AREAS,
	VOL_PROJECTS,
	VOL_LISTS,
	VOL_REGISTER,
	VOL_HISTORY,
	VOL_GLOSSARY
};

struct vol_content {
	enum vol_part		 part;
	char			*key;		/* VOL_CHAPTER */
	struct span		 span;
};

/*
 * A resolved item of a volume, in printed order: the back ends walk this
 * list and nothing else to lay out a volume.
 */
enum vol_item_kind {
	VI_CHAPTER,		/* chapter */
	VI_LISTS,		/* 重点事業一覧 and 個別事業一覧 */
	VI_FOCUS_AREA,		/* focus */
	VI_GROUP,		/* a heading before projects: pillar (and category, or NULL) */
	VI_PROJECT,		/* project; relisted = 【再掲】 */
	VI_REGISTER,
	VI_HISTORY,
	VI_GLOSSARY
};

struct vol_item {
	enum vol_item_kind	 kind;
	struct chapter		*chapter;
	struct focus_area	*focus;
	struct pillar		*pillar;
	struct category		*category;
	struct project		*project;
	int			 relisted;
};

/* A table-of-contents entry of a volume (levels: 1 chapter/part, 2 section…). */
struct toc_entry {
	int			 level;
	char			*number;	/* or NULL */
	char			*title;		/* plain text, without glossary markers */
	char			*anchor;
};

struct volume {
	char			*key;
	char			*title_pattern;	/* as written */
	struct span		 title_span;	/* where it was written; else the volume's */
	char			*orientation;	/* portrait | landscape */
	struct vol_content	*contents;
	size_t			 ncontents;
	int			 has_contents;	/* contents given explicitly */
	int			 contents_dropped;	/* an item of contents was unknown (reported) and left out */
	struct span		 span;
	/* resolved */
	char			*title;		/* the pattern expanded */
	struct vol_item		*items;
	size_t			 nitems;
	struct toc_entry	*toc;
	size_t			 ntoc;
	struct term		**terms;	/* glossary terms in order of first appearance in this volume (the ※n order) */
	size_t			 nterms;
	const char		**exports;	/* destinations another volume links to (GoToR), sorted, unique */
	size_t			 nexports;
};

struct numbering {
	char			*chapter;
	char			*sections[4];	/* ##, ###, ####, #####; "" = unnumbered */
	size_t			 nsections;
	char			*appendix;
	char			*pillar;
	char			*focus_area;
	char			*project_in_focus;
	char			*project_in_pillar;
	char			*project_in_category;	/* or NULL */
	char			*figure;
	char			*table;
	/*
	 * Where each pattern was written in plan.yaml (its value), for a
	 * diagnostic about it; file NULL for a default nobody wrote.
	 */
	struct span		 chapter_span;
	struct span		 section_spans[4];
	struct span		 appendix_span;
	struct span		 pillar_span;
	struct span		 focus_area_span;
	struct span		 project_in_focus_span;
	struct span		 project_in_pillar_span;
	struct span		 project_in_category_span;
	struct span		 figure_span;
	struct span		 table_span;
};

struct labels {
	char			*goal;
	char			*pillar;
	char			*focus_area;
	char			*project;
	char			*outcome;
	char			*output;
	char			*lead_department;
};

struct plan {
	char			*file;		/* plan.yaml */
	struct span		 span;		/* plan.yaml as a whole (line 0), with the root: for what has no better place */
	/* city */
	char			*city_name;
	char			*prefecture;
	char			*mayor_title;
	char			*mayor_name;
	/* plan */
	char			*key;
	struct span		 key_span;
	char			*title;
	char			*tagline;
	enum plan_kind		 kind;
	int			 has_period;
	int			 from;		/* fiscal years */
	int			 to;
	struct span		 period_span;
	enum plan_status	 status;
	char			*draft_label;
	char			*edition;
	int			 as_of_year;	/* calendar year */
	int			 as_of_month;	/* 0 = unknown (●月) */
	struct span		 as_of_span;
	struct kdate		 issued;
	int			 has_issued;
	struct span		 issued_span;
	struct ref		 publisher_ref;
	struct department	*publisher;	/* resolved; NULL when a free name */
	char			*pred_key;	/* predecessor, or NULL */
	char			*pred_title;
	char			*pred_register;	/* path, or NULL */
	struct span		 pred_span;
	struct history_entry	*history;
	size_t			 nhistory;
	/* taxonomy */
	char			*principle;
	struct goal		*goals;
	size_t			 ngoals;
	struct pillar		*pillars;
	size_t			 npillars;
	struct common_item	*common_items;
	size_t			 ncommon_items;
	struct ref		*focus_keys;
	size_t			 nfocus_keys;
	struct labels		 labels;
	struct numbering	 numbering;
	enum fy_style		 year_style;
	enum fy_style		 year_short_style;
	/* glossary options */
	char			*glossary_title;
	int			 glossary_by_reading;	/* order: reading (1) or file (0) */
	char			*glossary_marker;
	struct plan_indicator	*indicators;
	size_t			 nindicators;
	struct volume		*volumes;
	size_t			 nvolumes;
	/* output */
	char			*base_url;	/* path (or address) the pages are served under */
	char			*site_url;	/* absolute address for sitemap.xml, or NULL */
	char			*pdf_size;
	char			*body_font;
	char			*heading_font;
	struct span		 pdf_size_span;		/* where each was written, for the PDF stage's warnings */
	struct span		 body_font_span;
	struct span		 heading_font_span;
	char			*watermark;	/* NULL: none */
};

/* ------------------------------------------------------------------ */
/* The build                                                           */
/* ------------------------------------------------------------------ */

/*
 * Records the loader could not make, because their file or entry failed
 * (a broken front-matter, an unknown type, a missing key or title): the
 * keys that could still be read, and how many had none. Resolve and
 * validate do not report what follows from their absence (a reference to
 * one as unknown, a focus area "declared but without a file", a chapter
 * "not in the volume"): the failure itself is reported, once.
 */
struct lost_key {
	const char		*key;
	struct lost_key		*next;
};

struct lost {
	struct lost_key		*keys;
	size_t			 unkeyed;	/* failed before a key could be read */
};

struct build {
	struct arena		 arena;
	char			*root;		/* the content folder as given */
	struct plan		 plan;
	struct department	*depts;
	size_t			 ndepts;
	struct term		*terms;
	size_t			 nterms;
	struct term		**terms_sorted;	/* resolved: 用語集 order */
	struct chapter		*chapters;	/* in file-name order */
	size_t			 nchapters;
	struct focus_area	*focus;		/* in taxonomy.focus_areas order once resolved */
	size_t			 nfocus;
	struct project		*projects;	/* in file-name order (path sorted bytewise) */
	size_t			 nprojects;
	struct reg		*reg;		/* the predecessor register, or NULL */
	struct lost		 lost_chapters;	/* chapter files that failed */
	struct lost		 lost_sheets;	/* focus area and project files that failed */
	struct lost		 lost_reg;	/* register entries that failed (ids) */
	/* resolved */
	int			 n_new;		/* projects with status new */
	int			 n_continued;	/* continued, renamed, merged */
	int			 n_ended;	/* register entries ended */
	/* resolved (gentab.c): the generated tables that are not a record's */
	const struct gtable	*t_focus;	/* 重点事業一覧 */
	const struct gtable	*t_nopillar;	/* projects in no pillar, or NULL */
	const struct gtable	*t_common;	/* 共通事項 */
	const struct gtable	*t_indicators;	/* plan_indicators, or NULL */
	const struct gtable	*t_register;	/* counts, 新旧対照表, 新規 (next), or NULL */
	const struct gtable	*t_departments;	/* 主管課別一覧 */
	const struct gtable	*t_history;	/* 改定履歴, or NULL */
	struct taxonomy		 taxonomy;	/* resolved (gentax.c): the 体系図 */
};

#endif
