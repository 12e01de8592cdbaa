/*
 * resolve_int.h: what the parts of the resolver (resolve.c, resolve_doc.c,
 * resolve_vol.c) share. Not a public interface: the back ends include
 * resolve.h and read the model.
 */
#ifndef KEIKAKU_RESOLVE_INT_H
#define KEIKAKU_RESOLVE_INT_H

#include "diag.h"
#include "model.h"
#include "resolve.h"

/* The numbering patterns, for reporting a bad one once. */
enum rpat {
	RPAT_CHAPTER,
	RPAT_SECTION2,
	RPAT_SECTION3,
	RPAT_SECTION4,
	RPAT_SECTION5,
	RPAT_APPENDIX,
	RPAT_PILLAR,
	RPAT_FOCUS_AREA,
	RPAT_PROJECT_IN_FOCUS,
	RPAT_PROJECT_IN_PILLAR,
	RPAT_PROJECT_IN_CATEGORY,
	RPAT_FIGURE,
	RPAT_TABLE,
	RPAT__MAX
};

/* A growable list of candidate names for "did you mean" hints. */
struct names {
	const char	**v;
	size_t		  n;
	size_t		  cap;
};

struct rctx {
	struct build	*b;
	struct diag	*d;
	struct arena	*a;
	struct span	 plan_span;		/* plan.yaml as a whole */
	int		 pat_reported[RPAT__MAX];
	struct names	 dept_names;		/* keys and names */
	struct names	 term_keys;
	struct names	 focus_keys;
	struct names	 pillar_ids;
	struct names	 category_keys;
	struct names	 chapter_keys;
	struct names	 volume_keys;
	struct names	 reg_ids;
	/*
	 * departments.yaml or glossary.yaml could not be read (an error was
	 * reported in it): references to them are not reported one by one,
	 * since every one would fail for the same reason.
	 */
	int		 dept_failed;
	int		 gloss_failed;
};

/* resolve.c */
void names_add(struct names *, const char *);
void names_free(struct names *);
/*
 * Reports an unknown reference: the formatted message, then "; did you
 * mean 'x'?" when one of cands is close to word, else (when list_label is
 * given and the list is short) what there is: " (pillars: 1, 2)".
 */
void rctx_report(struct rctx *, const struct span *, const char *code,
    const char *word, const struct names *cands, const char *list_label,
    const char *fmt, ...) KK_PRINTF(7, 8);
/* Expands a numbering pattern into the arena; NULL (reported once) on error. */
char *rctx_number(struct rctx *, enum rpat, const char *pattern,
    const struct numvars *);
struct department *rctx_find_dept(struct build *, const char *, int *alias);
struct term *rctx_find_term(struct build *, const char *);
struct pillar *rctx_find_pillar(struct build *, const char *);
struct focus_area *rctx_find_focus(struct build *, const char *);
struct category *rctx_find_category(struct build *, const char *);
struct chapter *rctx_find_chapter(struct build *, const char *);
struct volume *rctx_find_volume(struct build *, const char *);
/* Is key listed in taxonomy.focus_areas? */
int rctx_focus_listed(struct build *, const char *key);
/* An error was reported in the file named name (any folder above it). */
int rctx_file_failed(const struct diag *, const char *name);
/* Plain text of inlines, in the arena. */
char *rctx_plain(struct rctx *, const struct inline_node *);
const char *rctx_label(const char *given, const char *dflt);

/* resolve_doc.c: one Markdown document (a page). */
struct chapter;
void resolve_doc(struct rctx *, struct doc *, struct chapter *chapter);
void resolve_inlines(struct rctx *, struct inline_node *);

/*
 * Walks a document in print order: its blocks, then its footnotes in the
 * order of their numbers, then (when all is set) footnotes nothing
 * references. The callbacks may be NULL.
 */
struct rwalk {
	void	(*inl)(struct rwalk *, struct inline_node *);
	void	(*blk)(struct rwalk *, struct block *);
	void	*arg;
	struct doc *doc;
};
void rwalk_doc(struct rwalk *, struct doc *, int all);
void rwalk_inlines(struct rwalk *, struct inline_node *);
void rwalk_blocks(struct rwalk *, struct block *);

/* resolve_vol.c */
void resolve_glossary(struct rctx *);
void resolve_register(struct rctx *);
void resolve_volumes(struct rctx *);
void resolve_departments(struct rctx *);

/*
 * resolve_xref.c: links to places in the plan: their targets and texts
 * (every number known, before resolve_volumes), then their volumes
 * (after it).
 */
void resolve_xrefs(struct rctx *);
void resolve_xref_volumes(struct rctx *);

#endif
