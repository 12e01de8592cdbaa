/*
 * load_int.h: private to the loader (load.c, load_check.c, load_plan.c,
 * load_sheet.c). Nothing outside the loader includes it.
 *
 * The loader is split by concern:
 *   load.c        the tree walk, reading files (size, NUL, UTF-8, BOM),
 *                 paths, images and figures, load_tree() and build_free();
 *   load_check.c  the table-driven field checker and the typed readers
 *                 that every record uses (years, dates, words, values,
 *                 department lists);
 *   load_plan.c   plan.yaml, departments.yaml, glossary.yaml and the
 *                 predecessor register;
 *   load_sheet.c  chapters, focus areas and project sheets;
 *   load_svg.c    whether an SVG figure is safe to publish.
 */
#ifndef KEIKAKU_LOAD_INT_H
#define KEIKAKU_LOAD_INT_H

#include "diag.h"
#include "fy.h"
#include "model.h"
#include "yaml.h"

/* The state of one load_tree() call. */
struct lctx {
	struct build	*b;
	struct diag	*d;
	struct arena	*a;		/* &b->arena */
	const char	*root;		/* the root as given, without trailing slashes ("" for ".") */
	char		*root_real;	/* realpath(root), malloc'd; NULL if it failed */
	size_t		 nfiles;	/* files found by the walks, against LOAD_MAX_FILES */
	int		 too_many;	/* LOAD_MAX_FILES reported */
	struct span	 filesp;	/* the file being read (line 1): for a mapping that is absent */
	struct span	 reg_span;	/* where plan.yaml names the register */
	const char	*text;		/* the Markdown file being checked (after any BOM), */
	size_t		 textlen;	/* to find where an image's path is written */
};

/* --- load.c --- */

/* A file read into memory (text after a BOM, NUL-terminated). */
struct lfile {
	char		*data;		/* malloc'd; free with free() */
	const char	*text;		/* data, or data + 3 after a UTF-8 BOM */
	size_t		 len;		/* of text */
	const char	*path;		/* root-joined, interned: the span's file */
	const char	*rel;		/* relative to the root, interned */
};

/*
 * Reads rel (relative to the root). Returns 0; 1 if the file does not exist
 * and required is 0 (nothing reported); -1 after reporting (missing when
 * required, at *where or at the file; too large; NUL byte; invalid UTF-8;
 * read error as a system error).
 */
int lc_read(struct lctx *, const char *rel, int required,
    const struct span *where, struct lfile *out);
/*
 * Reads and parses a YAML file (rel relative to the root) and sets
 * lc->filesp to it. Returns the root node, or NULL if the file is missing
 * (reported when required) or could not be read or parsed (reported).
 */
const struct ynode *lc_read_yaml(struct lctx *, const char *rel,
    int required, const struct span *where);
/* The root-joined path of rel, interned. */
char *lc_path(struct lctx *, const char *rel);
/*
 * Normalises a relative path written in the content (an image src, a
 * register path): percent-decodes it, drops "." and empty segments and
 * applies "..". Returns the normalised path interned, or NULL if it is
 * absolute, has a scheme or leaves the root (*why then holds a static
 * reason).
 */
char *lc_norm_rel(struct lctx *, const char *src, const char **why);
/*
 * --- load_svg.c ---
 * Why the SVG file at path is not safe to publish as it is (a script, an
 * event handler, a javascript: address, HTML inside it …), as a static
 * string for a message; NULL if it is safe, or unreadable (reported by
 * whoever reads it).
 */
const char *lc_svg_problem(const char *path);
/*
 * Checks the images of a parsed Markdown document (figures and inline
 * images); lc->text is the file's text, to point at the path as written.
 */
void lc_check_doc_images(struct lctx *, struct doc *);
/* The same for inline Markdown written in YAML (a glossary definition). */
void lc_check_inline_images(struct lctx *, struct inline_node *);

/* --- load_check.c --- */

enum ftype {
	FT_STR,		/* text: any scalar, taken as written */
	FT_ID,		/* an id or key: any scalar, taken as written (1.0 stays "1.0") */
	FT_BOOL,	/* true or false */
	FT_INT,		/* a whole number */
	FT_MAP,		/* a mapping */
	FT_SEQ,		/* a list */
	FT_YEAR,	/* a fiscal year, through fy_parse */
	FT_DATE,	/* a date, through date_parse */
	FT_ANY		/* checked by the record's own code */
};

#define F_REQ	0x1	/* required: absent is missing-field */
#define F_NULL	0x2	/* null is a value in its own right (kept, not "not given") */

struct field {
	const char	*name;
	enum ftype	 type;
	unsigned	 flags;
};

/* A kind of mapping: its name for messages and its fields. */
struct fspec {
	const char		*what;		/* "plan.yaml 'city'", "a project's front-matter" */
	const struct field	*v;
	size_t			 n;
};

#define FSPEC(id, what) \
	static const struct fspec s_##id = { what, f_##id, KK_ARRAY_LEN(f_##id) }

/* The most fields any kind of mapping has. */
#define FM_MAX	32

/* The checked fields of one mapping. */
struct fmap {
	const struct fspec	*spec;
	const struct ynode	*map;
	struct span		 span;		/* the mapping's */
	const struct ynode	*key[FM_MAX];	/* NULL if absent */
	const struct ynode	*val[FM_MAX];	/* NULL if absent, null (without F_NULL) or of the wrong type */
	int			 year[FM_MAX];	/* FT_YEAR */
	struct kdate		 date[FM_MAX];	/* FT_DATE */
};

/*
 * Checks map against spec into fm: unknown keys, value types, fiscal years
 * and dates, required fields. A NULL map or a null is an empty mapping.
 * Returns 0, or -1 if map is not a mapping (reported; fm is then empty).
 * Errors in single fields are reported and leave that field unset.
 */
int fm_check(struct lctx *, const struct ynode *map, const struct fspec *,
    struct fmap *fm);
/* The value of a field, or NULL. */
const struct ynode *fm_get(const struct fmap *, const char *name);
/* The text of a scalar field, or NULL. */
char *fm_str(const struct fmap *, const char *name);
/* A boolean field, or def. */
int fm_bool(const struct fmap *, const char *name, int def);
/* A year or date field: returns 1 and sets *out if given and valid. */
int fm_year(const struct fmap *, const char *name, int *out);
int fm_date(const struct fmap *, const char *name, struct kdate *out);
/* A whole number field: returns 1 and sets *out if given and valid. */
int fm_int(const struct fmap *, const char *name, long long *out);
/* Where the field's value (or its key) was written; the mapping when absent. */
struct span fm_span(const struct fmap *, const char *name);
struct span fm_key_span(const struct fmap *, const char *name);
/* The field was written, whatever its value. */
int fm_has(const struct fmap *, const char *name);

/*
 * Checks that n is a list; reports bad-type (naming field) and returns -1
 * otherwise. A NULL n is an empty list.
 */
int lc_need_seq(struct lctx *, const struct ynode *n, const char *field);
/*
 * One of words[] (a scalar): returns its index, or -1 after reporting
 * bad-value with a "did you mean" hint or the list of words.
 */
int lc_word(struct lctx *, const struct ynode *n, const char *field,
    const char *const *words, size_t nwords);
/* A list of scalars as strings (interned); reports bad-type for other items. */
char **lc_str_list(struct lctx *, const struct ynode *seq, const char *field,
    size_t *n);
/* A fiscal year written as a scalar (or a mapping key); -1 after reporting bad-year. */
int lc_year(struct lctx *, const struct ynode *n, int *fy);
/* A date written as a scalar; -1 after reporting bad-date. */
int lc_date(struct lctx *, const struct ynode *n, struct kdate *out);
/* An indicator value (number or string); -1 after reporting. */
int lc_value(struct lctx *, const struct ynode *n, struct value *out);
/* A departments: list; needed: an empty list is missing-field. */
void lc_dept_list(struct lctx *, const struct ynode *seq, const char *field,
    int needed, const struct span *fieldsp, struct dept_list *out);
/*
 * Notes a record that could not be made (struct lost in model.h), after its
 * failure was reported: the scalar under keyname in map ("key", "id") when
 * there is one, else an unkeyed loss. map may be NULL.
 */
void lc_lost(struct lctx *, struct lost *, const struct ynode *map,
    const char *keyname);
/* diag_suggest(), and a swap of two neighbouring letters (unti → unit). */
void lc_suggest(struct buf *msg, const char *word, const char *const *cands,
    size_t n);
/* The text of a scalar, quoted for a message (cut short if long). */
void lc_quote(struct buf *, const char *s);
/* A scalar's type for messages: "a string 'x'", "a mapping". */
void lc_describe(struct buf *, const struct ynode *);

/* --- load_plan.c --- */

int lc_load_plan(struct lctx *);
void lc_load_departments(struct lctx *);
void lc_load_glossary(struct lctx *);
void lc_load_register(struct lctx *);
/* Volume defaults and checks that need the chapters (after load_sheet). */
void lc_finish_volumes(struct lctx *);

/* --- load_sheet.c --- */

/* Loads one chapter file (rel: chapters/NN-key.md); call in file-name order. */
void lc_load_chapter(struct lctx *, const char *rel);
/* Loads one file under projects/ (a focus area or a project). */
void lc_load_sheet(struct lctx *, const char *rel);

#endif
