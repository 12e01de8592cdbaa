/*
 * resolve_doc.c: one Markdown document, a page of the site: glossary
 * references, footnotes, fields ({{period}}, {{fy R8}} …), generated
 * blocks' arguments, and in chapters the section, figure and table numbers;
 * anchors unique within the page.
 *
 * Anchors (ASCII, stable while the text above does not change):
 *   sec-2-1   a numbered heading: its counters from ## down (the chapter is
 *             the page, so its number is not repeated)
 *   h-N       an unnumbered heading, or one whose sec- anchor is taken:
 *             N counts every heading of the page
 *   fig-N     the N-th figure of the page (numbered or not)
 *   tbl-N     the N-th table of the page
 *   tbl-KEY   a table whose caption ends with {#KEY}
 *   fn-N      footnote number N
 * A PDF volume holds many pages: there a destination is the record's
 * anchor, a dot and the in-page anchor (ch-purpose.sec-1-2), as the volume
 * tables of contents say.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "md.h"
#include "resolve_int.h"

/* ------------------------------------------------------------------ */
/* The walker                                                           */
/* ------------------------------------------------------------------ */

void
rwalk_inlines(struct rwalk *w, struct inline_node *in)
{
	for (; in != NULL; in = in->next) {
		if (w->inl != NULL)
			w->inl(w, in);
		if (in->children != NULL)
			rwalk_inlines(w, in->children);
	}
}

void
rwalk_blocks(struct rwalk *w, struct block *bl)
{
	size_t i, n;

	for (; bl != NULL; bl = bl->next) {
		if (w->blk != NULL)
			w->blk(w, bl);
		switch (bl->type) {
		case BLK_PARA:
		case BLK_HEADING:
			rwalk_inlines(w, bl->inlines);
			break;
		case BLK_COLUMN:
			rwalk_inlines(w, bl->inlines);
			rwalk_blocks(w, bl->children);
			break;
		case BLK_LIST:
		case BLK_ITEM:
		case BLK_QUOTE:
		case BLK_NOTE:
			rwalk_blocks(w, bl->children);
			break;
		case BLK_TABLE:
			if (bl->table == NULL)
				break;
			rwalk_inlines(w, bl->table->caption);
			n = (size_t)bl->table->nrows * (size_t)bl->table->ncols;
			for (i = 0; bl->table->cells != NULL && i < n; i++)
				rwalk_inlines(w, bl->table->cells[i].inlines);
			break;
		case BLK_FIGURE:
			if (bl->figure != NULL)
				rwalk_blocks(w, bl->figure->notes);
			break;
		case BLK_CODE:
		case BLK_HR:
		case BLK_GENERATED:
			break;
		}
	}
}

void
rwalk_doc(struct rwalk *w, struct doc *doc, int all)
{
	struct footnote *fn;
	int k;

	w->doc = doc;
	rwalk_blocks(w, doc->blocks);
	/*
	 * Footnotes print in the order of their numbers; one may reference
	 * another, which then takes the next number: walk 1, 2, … until no
	 * footnote has the next number.
	 */
	for (k = 1;; k++) {
		for (fn = doc->footnotes; fn != NULL; fn = fn->next)
			if (fn->number == k)
				break;
		if (fn == NULL)
			break;
		rwalk_blocks(w, fn->blocks);
	}
	if (!all)
		return;
	for (fn = doc->footnotes; fn != NULL; fn = fn->next)
		if (fn->number == 0)
			rwalk_blocks(w, fn->blocks);
}

/* ------------------------------------------------------------------ */
/* Fields                                                               */
/* ------------------------------------------------------------------ */

/*
 * The Markdown adapter checks a field's syntax where it reads it (md.c:
 * unknown names, arguments where none are taken, a style word that is not
 * one): such a field is left without text here and not reported twice.
 * What needs the plan is checked here: a year or date that does not
 * parse, {{period}} in a plan without one.
 */

/* Up to three space-separated words of args. */
static size_t
split_words(const char *args, const char **w, size_t *wl)
{
	const char *p = args;
	size_t n = 0;

	while (p != NULL && *p != '\0' && n < 3) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		w[n] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		wl[n] = (size_t)(p - w[n]);
		n++;
	}
	return n;
}

/* Where args start: "{{" name " " from the field's own position. */
static struct span
args_span(const struct inline_node *in, const char *at)
{
	struct span sp = in->span;

	if (sp.col > 0 && in->key != NULL && in->args != NULL)
		sp.col += 2 + (int)utf8_count(in->key, strlen(in->key)) + 1 +
		    (int)utf8_count(in->args, (size_t)(at - in->args));
	return sp;
}

static void
resolve_field(struct rctx *c, struct inline_node *in)
{
	struct plan *pl = &c->b->plan;
	struct buf out = {0}, longf = {0};
	enum fy_style style = pl->year_style;
	const char *name = in->key ? in->key : "", *w[3];
	size_t wl[3], nw;
	struct kdate dt;
	int fy;

	in->text = NULL;
	in->expansion = NULL;
	nw = split_words(in->args, w, wl);
	if (strcmp(name, "period") == 0) {
		if (nw > 0)
			return;
		if (!pl->has_period) {
			/* kind: plan without a good period is reported in plan.yaml. */
			if (pl->kind == PLAN_KIND_POLICY)
				diag_error(c->d, &in->span, "bad-field",
				    "{{period}}: the plan has no period (kind: "
				    "policy); write the years as text, or "
				    "{{fy R8}}～{{fy R12}}");
			return;
		}
		fy_format(&out, pl->from, style);
		buf_puts(&out, "～");
		fy_format(&out, pl->to, style);
		fy_format(&longf, pl->from, FY_STYLE_LONG);
		buf_puts(&longf, "～");
		fy_format(&longf, pl->to, FY_STYLE_LONG);
	} else if (strcmp(name, "fy") == 0 || strcmp(name, "date") == 0) {
		int is_fy = name[0] == 'f';
		char *val, *st, why[80];
		int bad_style;

		if (nw == 0 || nw > 2)
			return;
		if (nw == 2) {
			st = xstrndup(w[1], wl[1]);
			bad_style = fy_style_parse(st, &style) == -1;
			free(st);
			if (bad_style)
				return;
		}
		val = xstrndup(w[0], wl[0]);
		why[0] = '\0';
		if (is_fy ? fy_parse(val, &fy) == -1 :
		    date_parse_why(val, &dt, why, sizeof(why)) == -1) {
			struct span sp = args_span(in, w[0]);

			if (why[0] != '\0')
				diag_error(c->d, &sp, "bad-field", "{{%s}}: '%s' "
				    "is not a date: %s", name, val, why);
			else
				diag_error(c->d, &sp, "bad-field", "{{%s}}: '%s' "
				    "is not a %s; write it as %s", name, val,
				    is_fy ? "fiscal year" : "date", is_fy ?
				    "R8, 令和8年度, 2026年度 or FY2026" :
				    "R8.3, 令和8年3月31日 or 2026-03-31");
			free(val);
			goto done;
		}
		free(val);
		if (is_fy) {
			fy_format(&out, fy, style);
			fy_format(&longf, fy, FY_STYLE_LONG);
		} else {
			date_format(&out, &dt, style);
			date_format(&longf, &dt, FY_STYLE_LONG);
		}
	} else if (strcmp(name, "plan.title") == 0 ||
	    strcmp(name, "city.name") == 0) {
		const char *v = name[0] == 'p' ? pl->title : pl->city_name;

		if (nw > 0)
			return;
		buf_puts(&out, v ? v : "");
	} else
		return;
	in->text = arena_strdup(c->a, buf_str(&out));
	/* The short form (R8) is read out in full by assistive technology. */
	if (longf.len > 0 && style == FY_STYLE_SHORT)
		in->expansion = arena_strdup(c->a, buf_str(&longf));
done:
	buf_free(&out);
	buf_free(&longf);
}

/* ------------------------------------------------------------------ */
/* Generated blocks                                                     */
/* ------------------------------------------------------------------ */

/*
 * Where the value of {{projects pillar=9}} was written: arg_span is the
 * first character of the arguments (the name), and the value follows
 * name=.
 */
static struct span
value_span(const struct generated *g)
{
	struct span sp = g->arg_span;

	if (sp.col > 0 && g->arg_name != NULL)
		sp.col += (int)utf8_count(g->arg_name, strlen(g->arg_name)) + 1;
	return sp;
}

static void
resolve_generated(struct rctx *c, struct generated *g)
{
	struct span vsp = value_span(g);

	struct build *b = c->b;
	struct pillar *pl;
	struct focus_area *f;
	struct category *cat;

	g->projects = NULL;
	g->nprojects = 0;
	if (g->kind == GEN_REGISTER && b->reg == NULL &&
	    b->plan.pred_register == NULL)
		diag_error(c->d, &g->arg_span, "no-register",
		    "{{register}} needs a predecessor register (plan.predecessor."
		    "register in plan.yaml)");
	if (g->kind != GEN_PROJECTS)
		return;
	if (g->arg_name == NULL)
		return;	/* md.c: {{projects}} without an argument is bad-argument */
	if (strcmp(g->arg_name, "pillar") == 0) {
		if ((pl = rctx_find_pillar(b, g->arg_value)) == NULL) {
			rctx_report(c, &vsp, "unknown-pillar",
			    g->arg_value, &c->pillar_ids, "pillars",
			    "{{projects pillar=%s}}: pillar %s does not exist",
			    g->arg_value ? g->arg_value : "",
			    g->arg_value ? g->arg_value : "");
			return;
		}
		g->projects = pl->projects;
		g->nprojects = pl->nprojects;
	} else if (strcmp(g->arg_name, "focus") == 0) {
		if ((f = rctx_find_focus(b, g->arg_value)) == NULL) {
			if (rctx_focus_listed(b, g->arg_value) ||
			    build_lost(&b->lost_sheets, g->arg_value))
				return;	/* its missing or failed file is reported */
			rctx_report(c, &vsp, "unknown-focus-area",
			    g->arg_value, &c->focus_keys, "focus areas",
			    "{{projects focus=%s}}: unknown focus area '%s'",
			    g->arg_value ? g->arg_value : "",
			    g->arg_value ? g->arg_value : "");
			return;
		}
		g->projects = f->members;
		g->nprojects = f->nmembers;
	} else if (strcmp(g->arg_name, "category") == 0) {
		if ((cat = rctx_find_category(b, g->arg_value)) == NULL) {
			rctx_report(c, &vsp, "unknown-category",
			    g->arg_value, &c->category_keys, "categories",
			    "{{projects category=%s}}: unknown category '%s'",
			    g->arg_value ? g->arg_value : "",
			    g->arg_value ? g->arg_value : "");
			return;
		}
		g->projects = cat->projects;
		g->nprojects = cat->nprojects;
	} else
		/* Not reached: md.c reports an unknown argument first. */
		diag_error(c->d, &g->arg_span, "bad-argument",
		    "{{projects}} takes pillar=, focus= or category=, not %s=",
		    g->arg_name);
}

/* ------------------------------------------------------------------ */
/* The page                                                             */
/* ------------------------------------------------------------------ */

#define LEVELS 6	/* headings ## .. ##### are levels 2..5 */

struct page {
	struct rctx	*c;
	struct chapter	*chapter;	/* NULL for a sheet body */
	int		 cnt[LEVELS];	/* numbered headings per level since the last higher one */
	const char	*num[LEVELS];	/* printed number of the current heading per level */
	int		 nheadings;
	int		 nfigures;
	int		 ntables;
	int		 fig_n;		/* counters of numbered figures and tables */
	int		 tbl_n;
	int		 nfootnotes;
	char		**anchors;	/* taken in this page */
	size_t		 nanchors;
	size_t		 acap;
};

static int
anchor_taken(struct page *pg, const char *a)
{
	size_t i;

	for (i = 0; i < pg->nanchors; i++)
		if (strcmp(pg->anchors[i], a) == 0)
			return 1;
	return 0;
}

static char *
anchor_take(struct page *pg, char *a)
{
	pg->anchors = xgrow(pg->anchors, &pg->acap, pg->nanchors + 1,
	    sizeof(*pg->anchors));
	pg->anchors[pg->nanchors++] = a;
	return a;
}

static int
uses_var(const char *pattern, const char *var)
{
	char open[32];

	if (pattern == NULL)
		return 0;
	snprintf(open, sizeof(open), "{%s}", var);
	if (strstr(pattern, open) != NULL)
		return 1;
	snprintf(open, sizeof(open), "{%s:", var);
	return strstr(pattern, open) != NULL;
}

static void
page_heading(struct page *pg, struct block *h)
{
	struct rctx *c = pg->c;
	struct numbering *nb = &c->b->plan.numbering;
	const char *pattern = NULL, *section = NULL;
	struct buf a = {0};
	struct numvars v;
	int L = h->level, i;

	h->number = NULL;
	h->anchor = NULL;
	pg->nheadings++;
	if (L < 2 || L >= LEVELS) {
		h->anchor = anchor_take(pg, arena_printf(c->a, "h-%d",
		    pg->nheadings));
		return;
	}
	/* Any heading ends the sections below its level. */
	for (i = L + 1; i < LEVELS; i++) {
		pg->cnt[i] = 0;
		pg->num[i] = NULL;
	}
	if (pg->chapter == NULL) {
		/* Sheet bodies (現状, 理想的な姿 …) are not numbered. */
		h->anchor = anchor_take(pg, arena_printf(c->a, "h-%d",
		    pg->nheadings));
		return;
	}
	if (L == 2) {
		/* Figures and tables numbered by {section} restart here. */
		if (uses_var(nb->figure, "section"))
			pg->fig_n = 0;
		if (uses_var(nb->table, "section"))
			pg->tbl_n = 0;
	}
	if (!h->numbered) {
		pg->num[L] = NULL;
		h->anchor = anchor_take(pg, arena_printf(c->a, "h-%d",
		    pg->nheadings));
		return;
	}
	pg->cnt[L]++;
	if ((size_t)(L - 2) < nb->nsections && nb->sections[L - 2] != NULL)
		pattern = nb->sections[L - 2];
	/* {section}: the nearest higher heading that has a number. */
	for (i = L - 1; i >= 2 && section == NULL; i--)
		section = pg->num[i];
	if (pattern != NULL && *pattern != '\0' &&
	    pg->chapter->n > 0) {
		memset(&v, 0, sizeof(v));
		v.n = pg->cnt[L];
		v.chapter = pg->chapter->n;
		v.section = section;
		if (v.section == NULL && uses_var(pattern, "section")) {
			diag_error(c->d, &h->span, "bad-numbering",
			    "numbering.sections[%d] \"%s\" uses {section}, but "
			    "this heading has no numbered heading above it",
			    L - 2, pattern);
		} else
			h->number = rctx_number(c, (enum rpat)(RPAT_SECTION2 +
			    (L - 2)), pattern, &v);
	}
	pg->num[L] = h->number;
	/* sec-2-1: the counters from ## down, when none of them is 0. */
	buf_puts(&a, "sec");
	for (i = 2; i <= L; i++) {
		if (pg->cnt[i] == 0)
			break;
		buf_printf(&a, "-%d", pg->cnt[i]);
	}
	if (i <= L || anchor_taken(pg, buf_str(&a)))
		h->anchor = anchor_take(pg, arena_printf(c->a, "h-%d",
		    pg->nheadings));
	else
		h->anchor = anchor_take(pg, arena_strdup(c->a, buf_str(&a)));
	buf_free(&a);
}

/*
 * A captioned figure or table is numbered when its pattern can be filled
 * in: in a numbered chapter or appendix always; in an unnumbered chapter
 * (はじめに) or a sheet only by a pattern without {chapter} and {section},
 * since there is no chapter number to print (図0-1 would be wrong).
 */
static char *
page_number(struct page *pg, enum rpat which, const char *pattern, int *ctr)
{
	struct rctx *c = pg->c;
	struct numvars v;
	char chbuf[16];

	if (pattern == NULL || *pattern == '\0')
		return NULL;
	if ((pg->chapter == NULL || pg->chapter->n == 0) &&
	    (uses_var(pattern, "chapter") || uses_var(pattern, "section")))
		return NULL;
	memset(&v, 0, sizeof(v));
	v.n = ++*ctr;
	v.chapter = pg->chapter ? pg->chapter->n : 0;
	/*
	 * {section} is the current ## section; before the first one (or
	 * under an unnumbered one) the chapter counter stands in, so 図1-1
	 * still reads as "chapter 1".
	 */
	v.section = pg->num[2];
	if (v.section == NULL) {
		snprintf(chbuf, sizeof(chbuf), "%d", v.chapter);
		v.section = chbuf;
	}
	return rctx_number(c, which, pattern, &v);
}

static void
page_blk(struct rwalk *w, struct block *bl)
{
	struct page *pg = w->arg;
	struct rctx *c = pg->c;
	struct numbering *nb = &c->b->plan.numbering;

	switch (bl->type) {
	case BLK_HEADING:
		page_heading(pg, bl);
		break;
	case BLK_FIGURE:
		if (bl->figure == NULL)
			break;
		pg->nfigures++;
		bl->figure->anchor = anchor_take(pg, arena_printf(c->a, "fig-%d",
		    pg->nfigures));
		bl->figure->number = bl->figure->title != NULL ?
		    page_number(pg, RPAT_FIGURE, nb->figure, &pg->fig_n) : NULL;
		break;
	case BLK_TABLE:
		if (bl->table == NULL)
			break;
		pg->ntables++;
		/* {#key}: tbl-KEY (a key starts with a letter: never a tbl-N). */
		if (bl->table->key != NULL && anchor_taken(pg, arena_printf(c->a,
		    "tbl-%s", bl->table->key))) {
			diag_error(c->d, &bl->table->key_span, "duplicate-key",
			    "table id '{#%s}' is used twice in this file",
			    bl->table->key);
			bl->table->key = NULL;
		}
		bl->table->anchor = anchor_take(pg, bl->table->key != NULL ?
		    arena_printf(c->a, "tbl-%s", bl->table->key) :
		    arena_printf(c->a, "tbl-%d", pg->ntables));
		bl->table->number = bl->table->caption != NULL ?
		    page_number(pg, RPAT_TABLE, nb->table, &pg->tbl_n) : NULL;
		break;
	case BLK_GENERATED:
		if (bl->gen != NULL)
			resolve_generated(c, bl->gen);
		break;
	default:
		break;
	}
}

static void
bind_gloss(struct rctx *c, struct inline_node *in)
{
	in->term = rctx_find_term(c->b, in->key);
	in->gloss_marker = 0;
	if (in->term != NULL)
		in->term->uses++;
	else if (!c->gloss_failed) {
		struct span sp = in->span;

		/*
		 * Point at the key: after "[[", or after "[[text|" when the
		 * text is plain (then it was written as it reads).
		 */
		if (in->children == NULL && sp.col > 0)
			sp.col += 2;
		else if (sp.col > 0 && in->children->type == INL_TEXT &&
		    in->children->next == NULL && in->children->text != NULL)
			sp.col += 2 + (int)utf8_count(in->children->text,
			    strlen(in->children->text)) + 1;
		rctx_report(c, &sp, "unknown-term", in->key,
		    &c->term_keys, NULL, "unknown glossary key '%s' in [[%s]]",
		    in->key ? in->key : "", in->key ? in->key : "");
	}
}

static void
page_inl(struct rwalk *w, struct inline_node *in)
{
	struct page *pg = w->arg;
	struct rctx *c = pg->c;
	struct footnote *fn;

	switch (in->type) {
	case INL_GLOSS:
		bind_gloss(c, in);
		break;
	case INL_FIELD:
		resolve_field(c, in);
		break;
	case INL_FOOTREF:
		for (fn = w->doc->footnotes; fn != NULL; fn = fn->next)
			if (fn->label != NULL && in->key != NULL &&
			    strcmp(fn->label, in->key) == 0)
				break;
		in->footnote = fn;
		if (fn == NULL) {
			diag_error(c->d, &in->span, "unknown-footnote",
			    "footnote [^%s] is referenced but not defined",
			    in->key ? in->key : "");
			break;
		}
		if (fn->number == 0) {
			fn->number = ++pg->nfootnotes;
			fn->anchor = anchor_take(pg, arena_printf(c->a, "fn-%d",
			    fn->number));
		}
		break;
	default:
		break;
	}
}

void
resolve_doc(struct rctx *c, struct doc *doc, struct chapter *chapter)
{
	struct rwalk w;
	struct page pg;
	struct footnote *fn;

	memset(&pg, 0, sizeof(pg));
	pg.c = c;
	pg.chapter = chapter;
	for (fn = doc->footnotes; fn != NULL; fn = fn->next) {
		fn->number = 0;
		fn->anchor = NULL;
	}
	memset(&w, 0, sizeof(w));
	w.inl = page_inl;
	w.blk = page_blk;
	w.arg = &pg;
	rwalk_doc(&w, doc, 1);
	free(pg.anchors);
}

/* Inlines outside any page (glossary definitions): terms and fields only. */
static void
loose_inl(struct rwalk *w, struct inline_node *in)
{
	struct rctx *c = w->arg;

	if (in->type == INL_GLOSS)
		bind_gloss(c, in);
	else if (in->type == INL_FIELD)
		resolve_field(c, in);
	else if (in->type == INL_FOOTREF)
		diag_error(c->d, &in->span, "unknown-footnote",
		    "a footnote cannot be referenced here");
}

void
resolve_inlines(struct rctx *c, struct inline_node *in)
{
	struct rwalk w;

	memset(&w, 0, sizeof(w));
	w.inl = loose_inl;
	w.arg = c;
	rwalk_inlines(&w, in);
}
