/*
 * md.c: the Markdown adapter (see md.h): front-matter split, the cmark-gfm
 * parse, footnotes, and the conversion of blocks and tables into the model.
 * Input checks and the pre-processor for keikaku's extensions are in
 * md_pre.c, inlines in md_inline.c; md_priv.h holds what they share.
 *
 * Diagnostics of the module (all errors unless marked):
 *   front-matter-unclosed   md_split: no closing '---'
 *   nul-byte, invalid-utf8, invalid-char (a noncharacter, which the markers
 *                           use, a control character other than tab and
 *                           line breaks, or a reference to either)
 *   md-limit                nesting over MD_MAX_NESTING (the message names
 *                           quotes, lists, emphasis, ...), a table over
 *                           MD_MAX_TABLE_CELLS cells or 1000 columns
 *   raw-html, unsafe-link   safety (unsafe-link points at the URL)
 *   heading-level           # or ######; heading-skip: ## then ####
 *   unknown-field, bad-argument, unknown-generated   {{name args}}
 *   lang-span               [text]{lang=xx} crossing an emphasis or link
 *   merge-in-header         ^^ in the header row or the first body row
 *   caption-without-table   a 表： paragraph not right before a table
 *   missing-alt             an image without alt text (write - if decorative)
 *   unknown-footnote        [^x] with no definition
 *   unused-footnote         (warning) a definition nothing references
 *   unknown-box             > [!WORD] other than NOTE and COLUMN (at [!)
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "md.h"
#include "md_priv.h"

static int strncasecmp_ascii(const char *, const char *, size_t);

/* ------------------------------------------------------------------ */
/* Diagnostics and positions                                           */
/* ------------------------------------------------------------------ */

void
md_err(struct md_ctx *ctx, const struct span *sp, const char *code,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(ctx->d, DIAG_ERROR, sp, code, fmt, ap);
	va_end(ap);
	ctx->errors++;
}

void
md_warn(struct md_ctx *ctx, const struct span *sp, const char *code,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(ctx->d, DIAG_WARNING, sp, code, fmt, ap);
	va_end(ap);
}

struct span
md_pos(struct md_ctx *ctx, int line, int col)
{
	struct span sp;
	size_t li, b;

	sp.file = ctx->file;
	sp.line = ctx->first_line;
	sp.col = ctx->first_col;
	if (ctx->nlines == 0 || line < 1)
		return sp;
	li = (size_t)line - 1;
	if (li >= ctx->nlines)
		li = ctx->nlines - 1;
	b = col < 1 ? 0 : (size_t)col - 1;
	if (b > ctx->lines[li].len)
		b = ctx->lines[li].len;
	sp.line = ctx->first_line + (int)li;
	sp.col = ctx->lines[li].col[b];
	return sp;
}

/*
 * What the nesting at n (n and its ancestors, and nlang open language
 * spans) is mostly made of, for the md-limit message: the kind that takes
 * the most levels. A list level takes two (the list and its item).
 */
static const char *
nest_what(cmark_node *n, int nlang)
{
	static const char *const what[] = {
		"quotes", "lists", "emphasis", "links", "images",
		"language spans"
	};
	int count[KK_ARRAY_LEN(what)] = {0}, k, best = 0;
	cmark_node_type t;

	count[5] = nlang;
	for (; n != NULL; n = cmark_node_parent(n)) {
		t = cmark_node_get_type(n);
		if (t == CMARK_NODE_BLOCK_QUOTE)
			count[0]++;
		else if (t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM)
			count[1]++;
		else if (t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG ||
		    t == CMARK_NODE_STRIKETHROUGH)
			count[2]++;
		else if (t == CMARK_NODE_LINK)
			count[3]++;
		else if (t == CMARK_NODE_IMAGE)
			count[4]++;
	}
	for (k = 1; k < (int)KK_ARRAY_LEN(what); k++)
		if (count[k] > count[best])
			best = k;
	return count[best] > 0 ? what[best] : "blocks";
}

int
md_too_deep(struct md_ctx *ctx, int depth, const struct span *sp,
    cmark_node *n, int nlang)
{
	const char *what;

	if (depth <= MD_MAX_NESTING)
		return 0;
	if (!ctx->limit_reported) {
		what = nest_what(n, nlang);
		md_err(ctx, sp, "md-limit", "%s nested too deep: more than %d "
		    "levels of nesting%s; the deeper content is left out",
		    what, MD_MAX_NESTING, strcmp(what, "lists") == 0 ?
		    " (a list level counts two: the list and its item)" : "");
	}
	ctx->limit_reported = 1;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Front-matter                                                        */
/* ------------------------------------------------------------------ */

size_t
md_line_end(const char *s, size_t len, size_t i, size_t *next)
{
	while (i < len && s[i] != '\n' && s[i] != '\r')
		i++;
	if (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
		*next = i + 2;
	else
		*next = i < len ? i + 1 : i;
	return i;
}

/* Is s[0..n) the fence (--- or ...) with optional trailing blanks? */
static int
is_fence(const char *s, size_t n, const char *fence)
{
	size_t i;

	if (n < 3 || memcmp(s, fence, 3) != 0)
		return 0;
	for (i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

int
md_split(struct diag *d, const char *file, const char *text, size_t len,
    struct front_matter *out)
{
	size_t i = 0, e, next, ystart;
	int line;
	struct span sp;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	out->body = text + i;
	out->body_len = len - i;
	out->body_line = 1;
	e = md_line_end(text, len, i, &next);
	if (!is_fence(text + i, e - i, "---"))
		return 0;
	ystart = next;
	line = 2;
	for (i = next; i < len; i = next, line++) {
		e = md_line_end(text, len, i, &next);
		if (is_fence(text + i, e - i, "---") ||
		    is_fence(text + i, e - i, "...")) {
			out->yaml = text + ystart;
			out->yaml_len = i - ystart;
			out->yaml_line = 2;
			out->body = text + next;
			out->body_len = len - next;
			out->body_line = line + 1;
			return 0;
		}
	}
	sp.file = file;
	sp.line = 1;
	sp.col = 1;
	diag_error(d, &sp, "front-matter-unclosed", "front matter opened by "
	    "'---' on line 1 is never closed by a second '---' line");
	return -1;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* ------------------------------------------------------------------ */
/* Footnotes                                                           */
/* ------------------------------------------------------------------ */

struct fndef {
	char		*label;
	struct span	 span;
};

/* A label lowercased (ASCII), to compare labels as cmark does. */
static char *
fold(struct md_ctx *ctx, const char *s)
{
	char *r = arena_strdup(ctx->a, s), *p;

	for (p = r; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return r;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads "[^label]" at src offset i of line li; returns the label or NULL. */
static char *
read_label(struct md_ctx *ctx, size_t li, size_t i)
{
	const char *s = ctx->src + ctx->lines[li].off;
	size_t len = ctx->lines[li].len, j;

	if (i + 2 > len || s[i] != '[' || s[i + 1] != '^')
		return NULL;
	for (j = i + 2; j < len && s[j] != ']' && s[j] != '[' &&
	    !is_blank(s[j]); j++)
		;
	if (j >= len || s[j] != ']' || j == i + 2)
		return NULL;
	return arena_strndup(ctx->a, s + i + 2, j - i - 2);
}

/*
 * cmark-gfm drops footnote definitions nothing references, so the unused
 * ones are found in the source: lines "[^label]:" outside fenced code.
 */
static struct fndef *
scan_fndefs(struct md_ctx *ctx, size_t *np)
{
	struct fndef *v = NULL;
	size_t cap = 0, n = 0, li, i, j;
	const char *s;
	char *label;
	char fence = 0;

	for (li = 0; li < ctx->nlines; li++) {
		s = ctx->src + ctx->lines[li].off;
		i = md_skip_prefix(s, 0, ctx->lines[li].len);
		if (i + 3 <= ctx->lines[li].len &&
		    (s[i] == '`' || s[i] == '~') &&
		    s[i + 1] == s[i] && s[i + 2] == s[i]) {
			if (!fence)
				fence = s[i];
			else if (fence == s[i])
				fence = 0;
			continue;
		}
		if (fence || (label = read_label(ctx, li, i)) == NULL)
			continue;
		j = i + 3 + strlen(label);
		if (j >= ctx->lines[li].len + 1 || s[j] != ':')
			continue;
		v = xgrow(v, &cap, n + 1, sizeof(*v));
		v[n].label = label;
		v[n].span = md_pos(ctx, (int)li + 1, (int)i + 1);
		n++;
	}
	*np = n;
	return v;
}

/*
 * cmark-gfm replaces a footnote reference's label by its number; the label
 * is read back from the source at the reference's position.
 */
static void
collect_fnrefs(struct md_ctx *ctx, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *n;
	const char *lit;
	long num;
	size_t li, i, len;
	char *label;
	const char *s;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_REFERENCE)
			continue;
		lit = cmark_node_get_literal(n);
		num = lit ? strtol(lit, NULL, 10) : 0;
		if (num < 1 || num > 1000000)
			continue;
		if ((size_t)num >= ctx->nfn_labels) {
			size_t old = ctx->nfn_labels, cap = old;

			ctx->fn_labels = xgrow(ctx->fn_labels, &cap,
			    (size_t)num + 1, sizeof(char *));
			memset(ctx->fn_labels + old, 0,
			    (cap - old) * sizeof(char *));
			ctx->nfn_labels = cap;
		}
		if (ctx->fn_labels[num] != NULL)
			continue;
		label = NULL;
		if (cmark_node_get_start_line(n) >= 1 &&
		    (size_t)cmark_node_get_start_line(n) <= ctx->nlines) {
			li = (size_t)cmark_node_get_start_line(n) - 1;
			s = ctx->src + ctx->lines[li].off;
			len = ctx->lines[li].len;
			i = cmark_node_get_start_column(n) > 0 ?
			    (size_t)cmark_node_get_start_column(n) - 1 : 0;
			label = read_label(ctx, li, i);
			for (; label == NULL && i + 1 < len; i++)
				if (s[i] == '[' && s[i + 1] == '^')
					label = read_label(ctx, li, i);
		}
		ctx->fn_labels[num] = label ? label : arena_strdup(ctx->a, lit);
	}
	cmark_iter_free(it);
}

/* ------------------------------------------------------------------ */
/* Blocks                                                              */
/* ------------------------------------------------------------------ */

static struct block *conv_blocks(struct md_ctx *, cmark_node *,
    const struct md_binfo *, int);

static struct block *
new_block(struct md_ctx *ctx, enum block_type t, const struct span *sp)
{
	struct block *b = ARENA_NEW(ctx->a, struct block);

	b->type = t;
	b->span = *sp;
	return b;
}

/*
 * A block's position. A paragraph that a table interrupted (表： right
 * above a table) has none in cmark-gfm: it starts where the table says it
 * starts.
 */
static struct md_binfo
block_info(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *parent)
{
	struct md_binfo bi;
	cmark_node *nx;
	int l = cmark_node_get_start_line(n);

	bi.reliable = 1;
	bi.l0 = l;
	bi.l1 = cmark_node_get_end_line(n);
	if (l >= 1) {
		bi.span = md_pos(ctx, l, cmark_node_get_start_column(n));
		if (bi.l1 < bi.l0)
			bi.l1 = bi.l0;
		return bi;
	}
	bi.reliable = 0;
	nx = cmark_node_next(n);
	if (nx != NULL && cmark_node_get_type(nx) == CMARK_NODE_TABLE &&
	    cmark_node_get_start_line(nx) >= 1) {
		bi.l0 = cmark_node_get_start_line(nx);
		bi.l1 = bi.l0;
		bi.span = md_pos(ctx, bi.l0, cmark_node_get_start_column(nx));
		/* Its last line is just above the table's header row. */
		if (cmark_node_first_child(nx) != NULL) {
			cmark_node *r1 = cmark_node_next(cmark_node_first_child(nx));
			int delim = r1 ? cmark_node_get_start_line(r1) - 1 :
			    cmark_node_get_end_line(nx);

			if (delim - 2 >= bi.l0)
				bi.l1 = delim - 2;
		}
		return bi;
	}
	bi.span = parent ? parent->span : md_pos(ctx, 1, 1);
	bi.l0 = parent ? parent->l0 : 0;
	bi.l1 = parent ? parent->l1 : 0;
	return bi;
}

/* Removes a prefix (and the blanks after it) from a leading INL_TEXT. */
static int
strip_prefix(struct md_ctx *ctx, struct inline_node **list,
    const char *prefix, int nocase)
{
	struct inline_node *t = *list;
	size_t n = strlen(prefix), i, k;
	const char *rest;

	if (t == NULL || t->type != INL_TEXT || t->text == NULL)
		return 0;
	if (nocase ? strncasecmp_ascii(t->text, prefix, n) != 0 :
	    strncmp(t->text, prefix, n) != 0)
		return 0;
	rest = t->text + n;
	for (;;) {
		if (*rest == ' ' || *rest == '\t')
			rest++;
		else if (strncmp(rest, "\xE3\x80\x80", 3) == 0)	/* U+3000 */
			rest += 3;
		else
			break;
	}
	if (*rest == '\0') {
		*list = t->next;
		return 1;
	}
	/* The text now starts at rest: its place, and its pieces' offsets. */
	n = (size_t)(rest - t->text);
	t->span = text_span_at(&t->span, t->pieces, t->npieces, t->text, n);
	for (i = k = 0; i < t->npieces; i++)
		if (t->pieces[i].off > n) {
			t->pieces[k] = t->pieces[i];
			t->pieces[k++].off -= n;
		}
	t->npieces = k;
	t->text = arena_strdup(ctx->a, rest);
	return 1;
}

static int
strncasecmp_ascii(const char *a, const char *b, size_t n)
{
	size_t i;
	int x, y;

	for (i = 0; i < n; i++) {
		x = tolower((unsigned char)a[i]);
		y = tolower((unsigned char)b[i]);
		if (x != y)
			return x - y;
		if (x == 0)
			return 0;
	}
	return 0;
}

static int
starts_with_text(const struct inline_node *n, const char *prefix)
{
	return n != NULL && n->type == INL_TEXT && n->text != NULL &&
	    strncmp(n->text, prefix, strlen(prefix)) == 0;
}

static const struct {
	const char	*name;
	enum gen_kind	 kind;
	int		 has_arg;
} gens[] = {
	{ "projects", GEN_PROJECTS, 1 },
	{ "focus_areas", GEN_FOCUS_AREAS, 0 },
	{ "taxonomy", GEN_TAXONOMY, 0 },
	{ "common_items", GEN_COMMON_ITEMS, 0 },
	{ "indicators", GEN_INDICATORS, 0 },
	{ "register", GEN_REGISTER, 0 },
	{ "departments", GEN_DEPARTMENTS, 0 },
	{ "history", GEN_HISTORY, 0 },
	{ "glossary", GEN_GLOSSARY, 0 }
};

const char *const md_gen_names[] = {
	"projects", "focus_areas", "taxonomy", "common_items", "indicators",
	"register", "departments", "history", "glossary"
};
const size_t md_ngen_names = KK_ARRAY_LEN(md_gen_names);

int
md_is_generated(const char *name)
{
	size_t i;

	for (i = 0; i < KK_ARRAY_LEN(gens); i++)
		if (strcmp(gens[i].name, name) == 0)
			return 1;
	return 0;
}

/* If the paragraph is exactly one {{name args}} atom, returns it. */
static struct md_atom *
only_field(struct md_ctx *ctx, cmark_node *para)
{
	cmark_node *c = cmark_node_first_child(para);
	const unsigned char *s;
	size_t idx = 0, i;

	if (c == NULL || cmark_node_next(c) != NULL ||
	    cmark_node_get_type(c) != CMARK_NODE_TEXT)
		return NULL;
	s = (const unsigned char *)cmark_node_get_literal(c);
	if (s == NULL || !MK_IS(s) || s[2] != MK_ATOM)
		return NULL;
	for (i = 3; MK_IS(s + i) && s[i + 2] >= MK_HEX0; i += 3)
		idx = idx * 16 + (size_t)(s[i + 2] - MK_HEX0);
	if (!MK_IS(s + i) || s[i + 2] != MK_END || s[i + 3] != '\0' ||
	    idx >= ctx->natoms || ctx->atoms[idx].kind != ATOM_FIELD)
		return NULL;
	return &ctx->atoms[idx];
}

/* A paragraph that is only {{name args}} with a generated block's name. */
static struct block *
conv_generated(struct md_ctx *ctx, const struct md_atom *a,
    const struct span *sp)
{
	static const char *const pargs[] = { "pillar", "focus", "category" };
	struct block *b;
	struct generated *g;
	struct buf msg = {0};
	const char *args = a->text, *eq, *sp2;
	size_t i, k;
	char *name;
	struct span name_sp = a->span;

	name_sp.col += 2;	/* after {{ */

	for (k = 0; k < KK_ARRAY_LEN(gens); k++)
		if (strcmp(gens[k].name, a->key) == 0)
			break;
	if (k == KK_ARRAY_LEN(gens)) {
		const char *cands[KK_ARRAY_LEN(md_gen_names) + 8];
		size_t n = 0;

		for (i = 0; i < md_ngen_names; i++)
			cands[n++] = md_gen_names[i];
		for (i = 0; i < md_nfield_names && n < KK_ARRAY_LEN(cands); i++)
			cands[n++] = md_field_names[i];
		buf_printf(&msg, "unknown generated block '{{%s}}'", a->key);
		diag_suggest(&msg, a->key, cands, n);
		md_err(ctx, &name_sp, "unknown-generated", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	b = new_block(ctx, BLK_GENERATED, sp);
	g = b->gen = ARENA_NEW(ctx->a, struct generated);
	g->kind = gens[k].kind;
	g->arg_span = a->args_span;
	if (!gens[k].has_arg) {
		if (args != NULL) {
			md_err(ctx, &a->args_span, "bad-argument",
			    "{{%s}} takes no arguments", a->key);
			return NULL;
		}
		g->arg_span = a->span;
		return b;
	}
	if (args == NULL) {
		md_err(ctx, &name_sp, "bad-argument", "{{%s}} needs one "
		    "argument: pillar=ID, focus=KEY or category=KEY", a->key);
		return NULL;
	}
	for (sp2 = args; *sp2 && !is_blank(*sp2); sp2++)
		;
	if (*sp2 != '\0') {
		struct span s2 = a->args_span;

		while (is_blank(*sp2))
			sp2++;
		s2.col += (int)utf8_count(args, (size_t)(sp2 - args));
		md_err(ctx, &s2, "bad-argument", "{{%s}} takes one argument",
		    a->key);
		return NULL;
	}
	eq = strchr(args, '=');
	name = arena_strndup(ctx->a, args, eq ? (size_t)(eq - args) :
	    strlen(args));
	for (i = 0; i < KK_ARRAY_LEN(pargs); i++)
		if (strcmp(pargs[i], name) == 0)
			break;
	if (eq == NULL || i == KK_ARRAY_LEN(pargs)) {
		buf_printf(&msg, "unknown argument '%s' of {{%s}} (one of "
		    "pillar=ID, focus=KEY, category=KEY)", name, a->key);
		diag_suggest(&msg, name, pargs, KK_ARRAY_LEN(pargs));
		md_err(ctx, &a->args_span, "bad-argument", "%s", buf_str(&msg));
		buf_free(&msg);
		return NULL;
	}
	if (eq[1] == '\0') {
		md_err(ctx, &a->args_span, "bad-argument",
		    "argument %s= of {{%s}} has no value", name, a->key);
		return NULL;
	}
	g->arg_name = name;
	g->arg_value = arena_strdup(ctx->a, eq + 1);
	return b;
}

static struct block *
conv_figure(struct md_ctx *ctx, cmark_node *img, const struct md_binfo *bi,
    int depth)
{
	struct block *b = new_block(ctx, BLK_FIGURE, &bi->span);
	struct figure *f = b->figure = ARENA_NEW(ctx->a, struct figure);
	struct span sp = md_inline_pos(ctx, img, bi);
	struct inline_node *alt;
	struct buf t = {0};
	const char *title;

	f->src = md_restore(ctx, cmark_node_get_url(img));
	md_check_url(ctx, img, bi, f->src);
	alt = md_conv_inlines(ctx, cmark_node_first_child(img), NULL, bi,
	    depth + 1);
	md_plain_text(&t, alt);
	if (strcmp(buf_str(&t), "-") == 0) {
		f->decorative = 1;
		f->alt = arena_strdup(ctx->a, "");
	} else {
		f->alt = arena_strdup(ctx->a, buf_str(&t));
		if (t.len == 0)
			md_err(ctx, &sp, "missing-alt", "image has no alt "
			    "text: describe the image in the brackets, or "
			    "write ![-](%s) if it is purely decorative",
			    f->src);
	}
	buf_free(&t);
	title = cmark_node_get_title(img);
	if (title != NULL && *title != '\0')
		f->title = md_restore(ctx, title);
	return b;
}

static struct block *
conv_para(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *bi,
    int depth)
{
	cmark_node *c = cmark_node_first_child(n);
	struct md_atom *a;
	struct inline_node *inl;
	struct block *b;

	if (c != NULL && cmark_node_next(c) == NULL &&
	    cmark_node_get_type(c) == CMARK_NODE_IMAGE)
		return conv_figure(ctx, c, bi, depth);
	if ((a = only_field(ctx, n)) != NULL && !md_is_field(a->key))
		return conv_generated(ctx, a, &bi->span);
	inl = md_conv_inlines(ctx, c, NULL, bi, depth + 1);
	if (inl == NULL)
		return NULL;
	b = new_block(ctx, BLK_PARA, &bi->span);
	b->inlines = inl;
	return b;
}

static struct block *
conv_heading(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *bi,
    int depth)
{
	struct block *b = new_block(ctx, BLK_HEADING, &bi->span);
	struct inline_node *t, *last = NULL;
	int level = cmark_node_get_heading_level(n);
	size_t len;

	b->inlines = md_conv_inlines(ctx, cmark_node_first_child(n), NULL, bi,
	    depth + 1);
	if (level == 1) {
		md_err(ctx, &bi->span, "heading-level", "a level-1 heading (#) "
		    "is not allowed here: the chapter title is the level-1 "
		    "heading; start at ##");
		level = 2;
	} else if (level > 5) {
		md_err(ctx, &bi->span, "heading-level", "heading level %d "
		    "(%.*s) is too deep: headings go from ## to #####", level,
		    level, "#######");
		level = 5;
	} else if (level > ctx->prev_heading + 1) {
		md_err(ctx, &bi->span, "heading-skip", "a level-%d heading "
		    "after a level-%d one skips a level; use %.*s", level,
		    ctx->prev_heading, ctx->prev_heading + 1, "######");
	}
	ctx->prev_heading = level;
	b->level = level;
	b->numbered = 1;
	/* "## はじめに {-}": an unnumbered heading. */
	for (t = b->inlines; t != NULL; t = t->next)
		last = t;
	if (last != NULL && last->type == INL_TEXT && last->text != NULL) {
		len = strlen(last->text);
		if (len >= 3 && strcmp(last->text + len - 3, "{-}") == 0) {
			len -= 3;
			while (len > 0 && is_blank(last->text[len - 1]))
				len--;
			b->numbered = 0;
			if (len == 0) {
				struct inline_node **pp = &b->inlines;

				while (*pp != last)
					pp = &(*pp)->next;
				*pp = NULL;
			} else
				last->text = arena_strndup(ctx->a, last->text,
				    len);
		}
	}
	return b;
}

/*
 * The kind of box a block quote opens: 0 quote, 1 NOTE, 2 COLUMN. Another
 * "[!WORD]" (GitHub's [!TIP], a typo such as [!NOTES]) is an error rather
 * than a quote that prints the marker: unknown-box.
 */
static int
box_kind(struct md_ctx *ctx, cmark_node *q, const struct span *sp)
{
	static const char *const kinds[] = { "NOTE", "COLUMN" };
	cmark_node *p = cmark_node_first_child(q), *c;
	struct buf b = {0}, msg = {0};
	struct md_binfo pbi;
	struct span at;
	int kind = 0;
	const char *s;
	size_t n;
	char word[24];

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return 0;
	for (c = cmark_node_first_child(p); c != NULL && b.len < 24 &&
	    cmark_node_get_type(c) == CMARK_NODE_TEXT; c = cmark_node_next(c))
		buf_puts(&b, cmark_node_get_literal(c));
	s = buf_str(&b);
	if (strncasecmp_ascii(s, "[!NOTE]", 7) == 0)
		kind = 1;
	else if (strncasecmp_ascii(s, "[!COLUMN]", 9) == 0)
		kind = 2;
	else if (strncmp(s, "[!", 2) == 0) {
		for (n = 2; n < 22 && isalpha((unsigned char)s[n]); n++)
			word[n - 2] = (char)toupper((unsigned char)s[n]);
		word[n - 2] = '\0';
		if (n > 2 && s[n] == ']') {
			/* At the marker, not at the '>' (sp). */
			at = *sp;
			pbi.span = *sp;
			pbi.l0 = pbi.l1 = cmark_node_get_start_line(p);
			pbi.reliable = 1;
			if (pbi.l0 >= 1)
				md_find(ctx, &pbi, pbi.l0,
				    cmark_node_get_start_column(p), "[!", &at);
			buf_printf(&msg, "unknown box '[!%.*s]' (one of [!NOTE], "
			    "[!COLUMN])", (int)n - 2, s + 2);
			diag_suggest(&msg, word, kinds, KK_ARRAY_LEN(kinds));
			md_err(ctx, &at, "unknown-box", "%s", buf_str(&msg));
			buf_free(&msg);
		}
	}
	buf_free(&b);
	return kind;
}

static struct block *
conv_quote(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *bi,
    int depth)
{
	int kind = box_kind(ctx, n, &bi->span);
	cmark_node *p = cmark_node_first_child(n), *c, *sb;
	struct block *b, *para = NULL, *rest;
	struct inline_node *inl;
	struct md_binfo pbi;

	if (kind == 0) {
		b = new_block(ctx, BLK_QUOTE, &bi->span);
		b->children = conv_blocks(ctx, p, bi, depth + 1);
		return b;
	}
	if (md_too_deep(ctx, depth + 1, &bi->span, n, 0))
		return NULL;
	pbi = block_info(ctx, p, bi);
	b = new_block(ctx, kind == 1 ? BLK_NOTE : BLK_COLUMN, &bi->span);
	if (kind == 1) {
		inl = md_conv_inlines(ctx, cmark_node_first_child(p), NULL,
		    &pbi, depth + 2);
		strip_prefix(ctx, &inl, "[!NOTE]", 1);
	} else {
		for (sb = cmark_node_first_child(p); sb != NULL;
		    sb = cmark_node_next(sb))
			if (cmark_node_get_type(sb) == CMARK_NODE_SOFTBREAK ||
			    cmark_node_get_type(sb) == CMARK_NODE_LINEBREAK)
				break;
		b->inlines = md_conv_inlines(ctx, cmark_node_first_child(p),
		    sb, &pbi, depth + 2);
		strip_prefix(ctx, &b->inlines, "[!COLUMN]", 1);
		c = sb ? cmark_node_next(sb) : NULL;
		inl = c ? md_conv_inlines(ctx, c, NULL, &pbi, depth + 2) : NULL;
		if (inl != NULL && sb != NULL) {
			/* The body starts on the next line. */
			pbi.span = md_pos(ctx, cmark_node_get_start_line(c) > 0 ?
			    cmark_node_get_start_line(c) : pbi.l0 + 1,
			    cmark_node_get_start_column(c));
		}
	}
	if (inl != NULL) {
		para = new_block(ctx, BLK_PARA, &pbi.span);
		para->inlines = inl;
	}
	rest = conv_blocks(ctx, cmark_node_next(p), bi, depth + 1);
	if (para != NULL) {
		para->next = rest;
		b->children = para;
	} else
		b->children = rest;
	return b;
}

/*
 * The byte columns (1-based) where the cells of a table row start, read
 * from the source: cmark-gfm misplaces a header row that interrupted a
 * paragraph. Cells are separated by unescaped pipes, as GFM does.
 */
static void
row_columns(struct md_ctx *ctx, int line, int col, int *pos, size_t ncols)
{
	const char *s;
	size_t len, i, k;

	for (k = 0; k < ncols; k++)
		pos[k] = col;
	if (line < 1 || (size_t)line > ctx->nlines)
		return;
	s = ctx->src + ctx->lines[line - 1].off;
	len = ctx->lines[line - 1].len;
	i = col > 0 ? (size_t)col - 1 : 0;
	if (i > len)
		i = len;
	while (i < len && is_blank(s[i]))
		i++;
	if (i < len && s[i] == '|')
		i++;
	for (k = 0; k < ncols; k++) {
		while (i < len && is_blank(s[i]))
			i++;
		pos[k] = (int)i + 1;
		while (i < len && s[i] != '|') {
			if (s[i] == '\\' && i + 1 < len)
				i++;
			i++;
		}
		if (i >= len) {
			for (k++; k < ncols; k++)
				pos[k] = (int)len + 1;
			break;
		}
		i++;
	}
}

static int
is_merge_mark(const struct inline_node *n)
{
	return n != NULL && n->next == NULL && n->type == INL_TEXT &&
	    n->text != NULL && strcmp(n->text, "^^") == 0;
}

static struct block *
conv_table(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *bi,
    int depth)
{
	struct block *b;
	struct table *t;
	cmark_node *row, *cell, *r1;
	uint8_t *al;
	size_t ncols, nrows = 0, ri, ci, k;
	int hline, delim, line, col, *pos;
	struct md_binfo cbi;
	struct cell *c;

	ncols = cmark_gfm_extensions_get_table_columns(n);
	for (row = cmark_node_first_child(n); row; row = cmark_node_next(row))
		nrows++;
	if (ncols == 0 || nrows == 0)
		return NULL;
	if (nrows * ncols > MD_MAX_TABLE_CELLS) {
		md_err(ctx, &bi->span, "md-limit", "a table of %zu cells; "
		    "at most %d are allowed", nrows * ncols, MD_MAX_TABLE_CELLS);
		return NULL;
	}
	r1 = cmark_node_next(cmark_node_first_child(n));
	delim = r1 ? cmark_node_get_start_line(r1) - 1 :
	    cmark_node_get_end_line(n);
	hline = delim - 1 >= 1 ? delim - 1 : bi->l0;
	b = new_block(ctx, BLK_TABLE, &bi->span);
	b->span = md_pos(ctx, hline, cmark_node_get_start_column(n));
	t = b->table = ARENA_NEW(ctx->a, struct table);
	t->ncols = (int)ncols;
	t->nrows = (int)nrows;
	t->nhead = 1;
	t->align = ARENA_NEWN(ctx->a, enum align, ncols);
	al = cmark_gfm_extensions_get_table_alignments(n);
	for (ci = 0; ci < ncols; ci++)
		t->align[ci] = al == NULL ? ALIGN_NONE : al[ci] == 'l' ?
		    ALIGN_LEFT : al[ci] == 'c' ? ALIGN_CENTER : al[ci] == 'r' ?
		    ALIGN_RIGHT : ALIGN_NONE;
	t->cells = ARENA_NEWN(ctx->a, struct cell, nrows * ncols);
	pos = xmalloc(ncols * sizeof(int));
	for (row = cmark_node_first_child(n), ri = 0; row != NULL;
	    row = cmark_node_next(row), ri++) {
		if (ri == 0) {
			line = hline;
			col = cmark_node_get_start_column(n);
		} else {
			line = cmark_node_get_start_line(row);
			col = cmark_node_get_start_column(row);
		}
		row_columns(ctx, line, col, pos, ncols);
		cell = cmark_node_first_child(row);
		for (ci = 0; ci < ncols; ci++) {
			c = &t->cells[ri * ncols + ci];
			c->rowspan = c->colspan = 1;
			c->span = md_pos(ctx, line, pos[ci]);
			if (cell == NULL)
				continue;
			cbi.span = c->span;
			cbi.l0 = cbi.l1 = line;
			cbi.reliable = cmark_node_get_start_line(row) == line;
			c->inlines = md_conv_inlines(ctx,
			    cmark_node_first_child(cell), NULL, &cbi, depth + 1);
			cell = cmark_node_next(cell);
			if (!is_merge_mark(c->inlines))
				continue;
			if (ri <= 1) {
				md_err(ctx, &c->span, "merge-in-header", ri == 0 ?
				    "'^^' (merge with the cell above) is not "
				    "allowed in a table header row" : "'^^' "
				    "(merge with the cell above) is not allowed "
				    "in the first body row: the cell above is "
				    "in the header row");
				continue;
			}
			for (k = ri - 1; k > 1 && t->cells[k * ncols + ci].merged;
			    k--)
				;
			t->cells[k * ncols + ci].rowspan++;
			c->merged = 1;
			c->inlines = NULL;
		}
	}
	free(pos);
	return b;
}

static struct block *
conv_block(struct md_ctx *ctx, cmark_node *n, const struct md_binfo *parent,
    int depth)
{
	struct md_binfo bi = block_info(ctx, n, parent);
	cmark_node_type t = cmark_node_get_type(n);
	struct block *b;
	const char *s;

	if (md_too_deep(ctx, depth, &bi.span, n, 0))
		return NULL;
	if (t == CMARK_NODE_PARAGRAPH)
		return conv_para(ctx, n, &bi, depth);
	if (t == CMARK_NODE_HEADING)
		return conv_heading(ctx, n, &bi, depth);
	if (t == CMARK_NODE_THEMATIC_BREAK)
		return new_block(ctx, BLK_HR, &bi.span);
	if (t == CMARK_NODE_CODE_BLOCK) {
		b = new_block(ctx, BLK_CODE, &bi.span);
		b->text = md_restore(ctx, cmark_node_get_literal(n));
		s = cmark_node_get_fence_info(n);
		if (s != NULL && *s != '\0')
			b->info = md_restore(ctx, s);
		return b;
	}
	if (t == CMARK_NODE_HTML_BLOCK) {
		md_raw_html(ctx, &bi.span, cmark_node_get_literal(n), 1);
		return NULL;
	}
	if (t == CMARK_NODE_BLOCK_QUOTE)
		return conv_quote(ctx, n, &bi, depth);
	if (t == CMARK_NODE_LIST) {
		b = new_block(ctx, BLK_LIST, &bi.span);
		b->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		b->start = b->ordered ? cmark_node_get_list_start(n) : 0;
		b->tight = cmark_node_get_list_tight(n);
		b->children = conv_blocks(ctx, cmark_node_first_child(n), &bi,
		    depth + 1);
		return b;
	}
	if (t == CMARK_NODE_ITEM) {
		b = new_block(ctx, BLK_ITEM, &bi.span);
		b->children = conv_blocks(ctx, cmark_node_first_child(n), &bi,
		    depth + 1);
		return b;
	}
	if (t == CMARK_NODE_TABLE)
		return conv_table(ctx, n, &bi, depth);
	return NULL;
}

static int
is_figure_note(const struct block *b)
{
	const struct inline_node *n = b->inlines;

	return b->type == BLK_PARA && (starts_with_text(n, "出典：") ||
	    starts_with_text(n, "出典:") || starts_with_text(n, "資料：") ||
	    starts_with_text(n, "資料:") || starts_with_text(n, "（注）") ||
	    starts_with_text(n, "(注)"));
}

static int
is_caption(const struct block *b)
{
	return b->type == BLK_PARA && (starts_with_text(b->inlines, "表：") ||
	    starts_with_text(b->inlines, "表:"));
}

/*
 * "表：前計画の成果 {#seika}": the table's id, for a link to it from
 * anywhere in the plan (a key that starts with a letter: its anchor is
 * tbl-KEY, which a counted tbl-N never is). Removed from the caption.
 */
static void
caption_key(struct md_ctx *ctx, struct table *t)
{
	struct inline_node *last = NULL, *x, **pp;
	const char *txt, *open;
	size_t len, k, cut;

	for (x = t->caption; x != NULL; x = x->next)
		last = x;
	if (last == NULL || last->type != INL_TEXT || last->text == NULL)
		return;
	txt = last->text;
	len = strlen(txt);
	while (len > 0 && is_blank(txt[len - 1]))
		len--;
	if (len < 4 || txt[len - 1] != '}')
		return;
	for (open = txt + len - 2; open > txt && *open != '{'; open--)
		;
	if (open[0] != '{' || open[1] != '#' || open + 2 == txt + len - 1)
		return;		/* no {#…}, or {#} */
	t->key_span = text_span_at(&last->span, last->pieces, last->npieces,
	    txt, (size_t)(open - txt) + 2);
	t->key = arena_strndup(ctx->a, open + 2, (size_t)(txt + len - 1 -
	    (open + 2)));
	for (k = 0; t->key[k] != '\0'; k++)
		if (!((t->key[k] >= 'a' && t->key[k] <= 'z') ||
		    (t->key[k] >= '0' && t->key[k] <= '9') ||
		    t->key[k] == '-' || t->key[k] == '_'))
			break;
	if (t->key[0] < 'a' || t->key[0] > 'z' || t->key[k] != '\0') {
		md_err(ctx, &t->key_span, "bad-key", "table id '{#%s}' must be "
		    "a key that starts with a letter: lower-case ASCII "
		    "letters a-z, digits 0-9, - and _", t->key);
		t->key = NULL;
	}
	for (cut = (size_t)(open - txt); cut > 0 && is_blank(txt[cut - 1]);
	    cut--)
		;
	if (cut > 0) {
		last->text = arena_strndup(ctx->a, txt, cut);
		return;
	}
	for (pp = &t->caption; *pp != last; pp = &(*pp)->next)
		;
	*pp = NULL;
}

static void
caption_alone(struct md_ctx *ctx, const struct block *cap)
{
	md_err(ctx, &cap->span, "caption-without-table", "a 表： caption "
	    "paragraph must come right before its table");
}

/*
 * Converts sibling blocks, attaching 表： captions to the table after them
 * and 出典：/資料：/（注） paragraphs to the figure before them.
 */
static struct block *
conv_blocks(struct md_ctx *ctx, cmark_node *first,
    const struct md_binfo *parent, int depth)
{
	struct block *head = NULL, **tail = &head, *b, *last = NULL;
	struct block *cap = NULL, **nt;
	cmark_node *n;

	for (n = first; n != NULL; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		if ((b = conv_block(ctx, n, parent, depth)) == NULL)
			continue;
		if (cap != NULL) {
			if (b->type == BLK_TABLE) {
				struct inline_node *inl = cap->inlines;

				if (!strip_prefix(ctx, &inl, "表：", 0))
					strip_prefix(ctx, &inl, "表:", 0);
				b->table->caption = inl;
				b->table->caption_span = cap->span;
				caption_key(ctx, b->table);
				*tail = b;
				tail = &b->next;
				last = b;
				cap = NULL;
				continue;
			}
			caption_alone(ctx, cap);
			*tail = cap;
			tail = &cap->next;
			last = cap;
			cap = NULL;
		}
		if (is_caption(b)) {
			cap = b;
			continue;
		}
		if (last != NULL && last->type == BLK_FIGURE &&
		    is_figure_note(b)) {
			for (nt = &last->figure->notes; *nt; nt = &(*nt)->next)
				;
			*nt = b;
			continue;
		}
		*tail = b;
		tail = &b->next;
		last = b;
	}
	if (cap != NULL) {
		caption_alone(ctx, cap);
		*tail = cap;
	}
	return head;
}

/* ------------------------------------------------------------------ */
/* The parse                                                           */
/* ------------------------------------------------------------------ */

static void
ctx_free(struct md_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nlines; i++)
		free(ctx->lines[i].col);
	free(ctx->lines);
	free(ctx->src);
	free(ctx->atoms);
	free(ctx->fn_labels);
}

static cmark_node *
cmark_parse(struct md_ctx *ctx)
{
	static const char *const exts[] = {
		"table", "strikethrough", "autolink"
	};
	cmark_parser *p;
	cmark_node *doc;
	cmark_syntax_extension *e;
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS);
	for (i = 0; i < KK_ARRAY_LEN(exts); i++)
		if ((e = cmark_find_syntax_extension(exts[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, e);
	cmark_parser_feed(p, ctx->src, ctx->srclen);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

static void
footnotes(struct md_ctx *ctx, cmark_node *doc, struct doc *out)
{
	struct footnote *fn, **tail = &out->footnotes;
	struct fndef *defs;
	struct md_binfo bi;
	cmark_node *n;
	size_t k = 0, i, j, ndefs, nused;
	char **used, *key;

	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		k++;
		bi = block_info(ctx, n, NULL);
		fn = ARENA_NEW(ctx->a, struct footnote);
		fn->label = k < ctx->nfn_labels && ctx->fn_labels[k] ?
		    ctx->fn_labels[k] : arena_printf(ctx->a, "%zu", k);
		fn->span = bi.span;
		if (!md_find(ctx, &bi, bi.l0, 1, "[^", &fn->span))
			fn->span = bi.span;
		fn->blocks = conv_blocks(ctx, cmark_node_first_child(n), &bi, 2);
		*tail = fn;
		tail = &fn->next;
	}
	defs = scan_fndefs(ctx, &ndefs);
	if (ndefs == 0)
		return;
	/* The referenced labels, folded and sorted, for lookups. */
	used = xcalloc(ctx->nfn_labels + 1, sizeof(char *));
	for (j = 1, nused = 0; j < ctx->nfn_labels; j++)
		if (ctx->fn_labels[j] != NULL)
			used[nused++] = fold(ctx, ctx->fn_labels[j]);
	qsort(used, nused, sizeof(char *), str_cmp);
	for (i = 0; i < ndefs; i++) {
		key = fold(ctx, defs[i].label);
		if (bsearch(&key, used, nused, sizeof(char *), str_cmp) == NULL)
			md_warn(ctx, &defs[i].span, "unused-footnote",
			    "footnote [^%s] is never referenced: put "
			    "[^%s] in the text where it belongs, or remove "
			    "the note", defs[i].label, defs[i].label);
	}
	free(used);
	free(defs);
}

static void
ctx_init(struct md_ctx *ctx, struct arena *a, struct diag *d,
    const char *file, int first_line, int first_col)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->a = a;
	ctx->d = d;
	ctx->file = file;
	ctx->first_line = first_line > 0 ? first_line : 1;
	ctx->first_col = first_col > 0 ? first_col : 1;
	ctx->prev_heading = 1;
	ctx->search_budget = (size_t)1 << 24;
}

/* Checks, pre-processes and parses; returns the cmark document. */
static cmark_node *
parse_common(struct md_ctx *ctx, const char *body, size_t len)
{
	cmark_node *doc;

	if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
		body += 3;
		len -= 3;
	}
	md_preprocess(ctx, body, len);
	doc = cmark_parse(ctx);
	collect_fnrefs(ctx, doc);
	return doc;
}

int
md_parse(struct arena *a, struct diag *d, const char *file, const char *body,
    size_t len, int first_line, struct doc *out)
{
	struct md_ctx ctx;
	cmark_node *doc;
	struct md_binfo bi;

	memset(out, 0, sizeof(*out));
	ctx_init(&ctx, a, d, file, first_line, 1);
	doc = parse_common(&ctx, body, len);
	bi.span = md_pos(&ctx, 1, 1);
	bi.l0 = bi.l1 = 0;
	bi.reliable = 1;
	out->blocks = conv_blocks(&ctx, cmark_node_first_child(doc), &bi, 1);
	footnotes(&ctx, doc, out);
	cmark_node_free(doc);
	ctx_free(&ctx);
	return ctx.errors ? -1 : 0;
}

struct inline_node *
md_parse_inline(struct arena *a, struct diag *d, const struct span *sp,
    const char *text)
{
	struct md_ctx ctx;
	cmark_node *doc, *p;
	struct md_binfo bi;
	struct inline_node *r = NULL;

	if (text == NULL || *text == '\0')
		return NULL;
	ctx_init(&ctx, a, d, sp ? sp->file : NULL, sp ? sp->line : 1,
	    sp ? sp->col : 1);
	doc = parse_common(&ctx, text, strlen(text));
	p = cmark_node_first_child(doc);
	if (p == NULL) {
		/* blank */
	} else if (cmark_node_next(p) == NULL &&
	    cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH) {
		bi = block_info(&ctx, p, NULL);
		r = md_conv_inlines(&ctx, cmark_node_first_child(p), NULL, &bi,
		    1);
	} else {
		/* Block syntax is not interpreted: the whole text is text. */
		r = ARENA_NEW(a, struct inline_node);
		r->type = INL_TEXT;
		r->text = arena_strdup(a, text);
		r->span = md_pos(&ctx, 1, 1);
	}
	cmark_node_free(doc);
	ctx_free(&ctx);
	return ctx.errors ? NULL : r;
}
