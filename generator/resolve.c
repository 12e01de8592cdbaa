/*
 * resolve.c: every semantic decision, made once (resolve.h). This file
 * holds the driver and the records: references between records, printed
 * ids and numbers, URLs and anchors, indicator values. Documents (section,
 * figure, table and footnote numbers, glossary references, fields) are in
 * resolve_doc.c; volumes, the glossary order, the register and the
 * department index in resolve_vol.c.
 *
 * The resolver runs on a model that may be incomplete (the loader goes on
 * after errors so that more can be reported at once): every field may be
 * NULL or zero, and nothing here assumes otherwise.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "md.h"
#include "gentab.h"
#include "resolve_int.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

void
names_add(struct names *nm, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	nm->v = xgrow(nm->v, &nm->cap, nm->n + 1, sizeof(*nm->v));
	nm->v[nm->n++] = s;
}

void
names_free(struct names *nm)
{
	free(nm->v);
	memset(nm, 0, sizeof(*nm));
}

void
rctx_report(struct rctx *c, const struct span *sp, const char *code,
    const char *word, const struct names *cands, const char *list_label,
    const char *fmt, ...)
{
	struct buf msg = {0};
	const char *s = NULL;
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	/*
	 * A one- or two-character id (pillar 3) is "close" to every other
	 * one: list what there is instead of guessing.
	 */
	if (word != NULL && cands != NULL &&
	    utf8_count(word, strlen(word)) >= 3)
		s = str_suggest(word, cands->v, cands->n);
	/*
	 * A short list says what there is: without a close match up to 12
	 * names, beside one (as the fixed choices of bad-value) 2 to 6.
	 */
	if (list_label != NULL && cands != NULL && cands->n > (s != NULL) &&
	    cands->n <= (s != NULL ? 6u : 12u)) {
		buf_printf(&msg, " (%s: ", list_label);
		for (i = 0; i < cands->n; i++)
			buf_printf(&msg, "%s%s", i ? ", " : "", cands->v[i]);
		buf_puts(&msg, ")");
	} else if (list_label != NULL && cands != NULL && cands->n == 0)
		buf_printf(&msg, " (there are no %s)", list_label);
	if (s != NULL)
		buf_printf(&msg, "; did you mean '%s'?", s);
	diag_error(c->d, sp, code, "%s", buf_str(&msg));
	buf_free(&msg);
}

static const char *const rpat_names[RPAT__MAX] = {
	"numbering.chapter", "numbering.sections[0]", "numbering.sections[1]",
	"numbering.sections[2]", "numbering.sections[3]", "numbering.appendix",
	"numbering.pillar", "numbering.focus_area",
	"numbering.project_in_focus", "numbering.project_in_pillar",
	"numbering.project_in_category", "numbering.figure", "numbering.table",
};

/*
 * The first {name:fmt} whose format is not one number_format knows, for a
 * "did you mean" hint that shows the placeholder mended ({n:circle} →
 * {n:circled}).
 */
static void
hint_format(struct buf *msg, const char *pattern)
{
	static const char *const formats[] = { "02", "kanji", "circled",
	    "roman", "katakana", "iroha" };
	const char *p = pattern, *end, *colon;

	while ((p = strchr(p, '{')) != NULL) {
		if (p[1] == '{') {
			p += 2;
			continue;
		}
		if ((end = strchr(p, '}')) == NULL)
			return;
		colon = memchr(p, ':', (size_t)(end - p));
		if (colon != NULL) {
			char *f = xstrndup(colon + 1, (size_t)(end - colon - 1));
			const char *sug = str_suggest(f, formats,
			    KK_ARRAY_LEN(formats));

			if (sug != NULL && strcmp(sug, f) != 0) {
				buf_printf(msg, "; did you mean '%.*s%s}'?",
				    (int)(colon - p + 1), p, sug);
				free(f);
				return;
			}
			free(f);
		}
		p = end + 1;
	}
}

/* Where pattern which was written in plan.yaml; plan.yaml for a default. */
static const struct span *
pattern_span(const struct rctx *c, enum rpat which)
{
	const struct numbering *nb = &c->b->plan.numbering;
	const struct span *sp = NULL;

	switch (which) {
	case RPAT_CHAPTER:
		sp = &nb->chapter_span;
		break;
	case RPAT_SECTION2:
	case RPAT_SECTION3:
	case RPAT_SECTION4:
	case RPAT_SECTION5:
		sp = &nb->section_spans[which - RPAT_SECTION2];
		break;
	case RPAT_APPENDIX:
		sp = &nb->appendix_span;
		break;
	case RPAT_PILLAR:
		sp = &nb->pillar_span;
		break;
	case RPAT_FOCUS_AREA:
		sp = &nb->focus_area_span;
		break;
	case RPAT_PROJECT_IN_FOCUS:
		sp = &nb->project_in_focus_span;
		break;
	case RPAT_PROJECT_IN_PILLAR:
		sp = &nb->project_in_pillar_span;
		break;
	case RPAT_PROJECT_IN_CATEGORY:
		sp = &nb->project_in_category_span;
		break;
	case RPAT_FIGURE:
		sp = &nb->figure_span;
		break;
	case RPAT_TABLE:
		sp = &nb->table_span;
		break;
	case RPAT__MAX:
		break;
	}
	return sp != NULL && sp->file != NULL ? sp : &c->plan_span;
}

static void
report_pattern(struct rctx *c, enum rpat which, const char *pattern,
    const char *err)
{
	struct buf msg = {0};

	/* One pattern is one mistake: say it once, not per use. */
	if (c->pat_reported[which])
		return;
	c->pat_reported[which] = 1;
	buf_printf(&msg, "%s \"%s\": %s", rpat_names[which], pattern,
	    err ? err : "cannot be expanded");
	hint_format(&msg, pattern);
	diag_error(c->d, pattern_span(c, which), "bad-numbering", "%s",
	    buf_str(&msg));
	buf_free(&msg);
}

char *
rctx_number(struct rctx *c, enum rpat which, const char *pattern,
    const struct numvars *v)
{
	struct buf b = {0};
	const char *err = NULL;
	char *s;

	if (pattern == NULL)
		return NULL;
	if (number_format(&b, pattern, v, &err) == -1) {
		report_pattern(c, which, pattern, err);
		buf_free(&b);
		return NULL;
	}
	s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/*
 * Every pattern is tried once with counters of 1 before anything is
 * numbered, so that a mistake is reported even when nothing uses the
 * pattern yet (a figure pattern in a plan without figures).
 */
static void
check_patterns(struct rctx *c)
{
	const struct numbering *nb = &c->b->plan.numbering;
	struct numvars v = { 1, 1, 1, 1, "1-1" };
	const char *pats[RPAT__MAX];
	struct buf b = {0};
	const char *err;
	size_t i;

	memset(pats, 0, sizeof(pats));
	pats[RPAT_CHAPTER] = nb->chapter;
	for (i = 0; i < 4 && i < nb->nsections; i++)
		pats[RPAT_SECTION2 + i] = nb->sections[i];
	pats[RPAT_APPENDIX] = nb->appendix;
	pats[RPAT_PILLAR] = nb->pillar;
	pats[RPAT_FOCUS_AREA] = nb->focus_area;
	pats[RPAT_PROJECT_IN_FOCUS] = nb->project_in_focus;
	pats[RPAT_PROJECT_IN_PILLAR] = nb->project_in_pillar;
	pats[RPAT_PROJECT_IN_CATEGORY] = nb->project_in_category;
	pats[RPAT_FIGURE] = nb->figure;
	pats[RPAT_TABLE] = nb->table;
	for (i = 0; i < RPAT__MAX; i++) {
		if (pats[i] == NULL)
			continue;
		buf_reset(&b);
		if (number_format(&b, pats[i], &v, &err) == -1)
			report_pattern(c, (enum rpat)i, pats[i], err);
	}
	buf_free(&b);
}

static int
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

struct department *
rctx_find_dept(struct build *b, const char *s, int *alias)
{
	size_t i, j;

	*alias = 0;
	if (s == NULL)
		return NULL;
	for (i = 0; i < b->ndepts; i++)
		if (streq(b->depts[i].key, s))
			return &b->depts[i];
	for (i = 0; i < b->ndepts; i++)
		if (streq(b->depts[i].name, s))
			return &b->depts[i];
	for (i = 0; i < b->ndepts; i++)
		for (j = 0; j < b->depts[i].naliases; j++)
			if (streq(b->depts[i].aliases[j], s)) {
				*alias = 1;
				return &b->depts[i];
			}
	return NULL;
}

struct term *
rctx_find_term(struct build *b, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < b->nterms; i++)
		if (streq(b->terms[i].key, key))
			return &b->terms[i];
	return NULL;
}

struct pillar *
rctx_find_pillar(struct build *b, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < b->plan.npillars; i++)
		if (streq(b->plan.pillars[i].id, id))
			return &b->plan.pillars[i];
	return NULL;
}

struct focus_area *
rctx_find_focus(struct build *b, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < b->nfocus; i++)
		if (streq(b->focus[i].c.key, key))
			return &b->focus[i];
	return NULL;
}

struct category *
rctx_find_category(struct build *b, const char *key)
{
	size_t i, j;

	for (i = 0; key != NULL && i < b->plan.npillars; i++)
		for (j = 0; j < b->plan.pillars[i].ncategories; j++)
			if (streq(b->plan.pillars[i].categories[j].key, key))
				return &b->plan.pillars[i].categories[j];
	return NULL;
}

struct chapter *
rctx_find_chapter(struct build *b, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < b->nchapters; i++)
		if (streq(b->chapters[i].key, key))
			return &b->chapters[i];
	return NULL;
}

struct volume *
rctx_find_volume(struct build *b, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < b->plan.nvolumes; i++)
		if (streq(b->plan.volumes[i].key, key))
			return &b->plan.volumes[i];
	return NULL;
}

int
rctx_focus_listed(struct build *b, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < b->plan.nfocus_keys; i++)
		if (streq(b->plan.focus_keys[i].key, key))
			return 1;
	return 0;
}

/* An error was reported in the file named name (any folder). */
int
rctx_file_failed(const struct diag *d, const char *name)
{
	size_t i, n = strlen(name), fl;

	for (i = 0; i < d->n; i++) {
		const char *f = d->v[i].file;

		if (d->v[i].level != DIAG_ERROR || f == NULL)
			continue;
		fl = strlen(f);
		if (fl >= n && strcmp(f + fl - n, name) == 0 &&
		    (fl == n || f[fl - n - 1] == '/'))
			return 1;
	}
	return 0;
}

static struct goal *
find_goal(struct build *b, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < b->plan.ngoals; i++)
		if (streq(b->plan.goals[i].id, id))
			return &b->plan.goals[i];
	return NULL;
}

char *
rctx_plain(struct rctx *c, const struct inline_node *in)
{
	struct buf b = {0};
	char *s;

	md_plain_text(&b, in);
	s = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return s;
}

const char *
rctx_label(const char *given, const char *dflt)
{
	return given != NULL && *given != '\0' ? given : dflt;
}

/* ------------------------------------------------------------------ */
/* Departments                                                          */
/* ------------------------------------------------------------------ */

static int
is_key_like(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static void
alias_warning(struct rctx *c, const struct span *sp, const char *written,
    const struct department *dp)
{
	diag_warning(c->d, sp, "department-alias", "'%s' is an alias of "
	    "department '%s'; the canonical name %s is printed", written,
	    dp->key ? dp->key : "", dp->name ? dp->name : "");
}

/*
 * strict: a sheet's 主管課 must exist. A register row (!strict) names the
 * departments of the old plan, which may since have been renamed or merged
 * away: a name that matches is bound (an alias silently, since aliases are
 * exactly the old names), an unknown name is printed as written, and only
 * something written like a key must be a known key (a typo there would
 * otherwise print "digtal").
 */
static void
bind_dept_list(struct rctx *c, struct dept_list *l, int strict)
{
	struct department *dp;
	size_t i;
	int alias;

	for (i = 0; i < l->n; i++) {
		struct dept_ref *r = &l->v[i];

		r->dept = dp = rctx_find_dept(c->b, r->written, &alias);
		if (dp == NULL) {
			if (!c->dept_failed &&
			    (strict || is_key_like(r->written)))
				rctx_report(c, &r->span, "unknown-department",
				    r->written, &c->dept_names, NULL,
				    "unknown department '%s'", r->written ?
				    r->written : "");
			continue;
		}
		if (alias && strict)
			alias_warning(c, &r->span, r->written, dp);
	}
}

static void
bind_departments(struct rctx *c)
{
	struct build *b = c->b;
	struct plan *pl = &b->plan;
	size_t i;
	int alias;

	for (i = 0; i < b->nfocus; i++)
		bind_dept_list(c, &b->focus[i].c.departments, 1);
	for (i = 0; i < b->nprojects; i++)
		bind_dept_list(c, &b->projects[i].c.departments, 1);
	if (b->reg != NULL)
		for (i = 0; i < b->reg->n; i++)
			bind_dept_list(c, &b->reg->v[i].departments, 0);
	for (i = 0; i < b->ndepts; i++)
		if (b->depts[i].key != NULL)
			b->depts[i].anchor = arena_printf(c->a, "dept-%s",
			    b->depts[i].key);

	/*
	 * The publisher: a key or name from departments.yaml, or free text
	 * (a 委員会 that owns no project). Written like a key, it must be one:
	 * 'jyoho' is a typo, not a name.
	 */
	if (pl->publisher_ref.key != NULL) {
		pl->publisher = rctx_find_dept(b, pl->publisher_ref.key, &alias);
		if (pl->publisher != NULL && alias)
			alias_warning(c, &pl->publisher_ref.span,
			    pl->publisher_ref.key, pl->publisher);
		else if (pl->publisher == NULL && !c->dept_failed &&
		    is_key_like(pl->publisher_ref.key))
			rctx_report(c, &pl->publisher_ref.span,
			    "unknown-department", pl->publisher_ref.key,
			    &c->dept_names, NULL, "unknown department '%s' as "
			    "publisher", pl->publisher_ref.key);
	}
}

/* ------------------------------------------------------------------ */
/* Goals, focus areas, pillars, categories                              */
/* ------------------------------------------------------------------ */

static struct goal *
bind_goal(struct rctx *c, struct ref *r, const char *who)
{
	struct names nm = {0};
	struct goal *g;
	size_t i;

	if (r->key == NULL)
		return NULL;
	if ((g = find_goal(c->b, r->key)) != NULL)
		return g;
	for (i = 0; i < c->b->plan.ngoals; i++)
		names_add(&nm, c->b->plan.goals[i].id);
	rctx_report(c, &r->span, "unknown-goal", r->key, &nm, "goals",
	    "%s names goal %s, which does not exist", who, r->key);
	names_free(&nm);
	return NULL;
}

/*
 * build->focus is put into taxonomy.focus_areas order, which gives the
 * focus areas their numbers. A listed key without a file and a file not
 * listed are both errors; unlisted ones go last, in file order, so that
 * the rest of the build can still be checked.
 */
static void
order_focus(struct rctx *c)
{
	struct build *b = c->b;
	struct plan *pl = &b->plan;
	struct focus_area *sorted;
	char *taken;
	size_t i, j, k = 0;

	if (b->nfocus == 0 && pl->nfocus_keys == 0)
		return;
	sorted = xcalloc(b->nfocus ? b->nfocus : 1, sizeof(*sorted));
	taken = xcalloc(b->nfocus ? b->nfocus : 1, 1);
	for (i = 0; i < pl->nfocus_keys; i++) {
		const char *key = pl->focus_keys[i].key;

		for (j = 0; j < b->nfocus; j++)
			if (!taken[j] && streq(b->focus[j].c.key, key))
				break;
		if (j < b->nfocus) {
			taken[j] = 1;
			sorted[k++] = b->focus[j];
			continue;
		}
		/* Listed twice is validate's duplicate-key; only report misses. */
		for (j = 0; j < i; j++)
			if (streq(pl->focus_keys[j].key, key))
				break;
		if (j < i)
			continue;
		/* Its file failed, and that is reported. */
		if (build_lost(&b->lost_sheets, key))
			continue;
		{
			struct buf msg = {0};

			buf_printf(&msg, "focus area '%s' is declared in "
			    "taxonomy.focus_areas but no file in projects/ "
			    "declares it", key ? key : "");
			if (str_suggest(key ? key : "", c->focus_keys.v,
			    c->focus_keys.n) != NULL)
				diag_suggest(&msg, key, c->focus_keys.v,
				    c->focus_keys.n);
			else
				buf_printf(&msg, " (a file with type: "
				    "focus_area and key: %s)", key ? key : "");
			diag_error(c->d, &pl->focus_keys[i].span,
			    "unknown-focus-area", "%s", buf_str(&msg));
			buf_free(&msg);
		}
	}
	for (j = 0; j < b->nfocus; j++) {
		if (taken[j])
			continue;
		diag_error(c->d, &b->focus[j].c.key_span, "focus-not-listed",
		    "focus area '%s' is not listed in taxonomy.focus_areas of "
		    "plan.yaml, which gives the focus areas their order and "
		    "numbers; add it there", b->focus[j].c.key ?
		    b->focus[j].c.key : "");
		sorted[k++] = b->focus[j];
	}
	if (b->nfocus > 0)
		memcpy(b->focus, sorted, b->nfocus * sizeof(*sorted));
	free(sorted);
	free(taken);
}

static void
number_taxonomy(struct rctx *c)
{
	struct build *b = c->b;
	struct plan *pl = &b->plan;
	struct numvars v;
	size_t i, j;

	for (i = 0; i < pl->ngoals; i++)
		pl->goals[i].n = (int)i + 1;
	for (i = 0; i < pl->npillars; i++) {
		struct pillar *p = &pl->pillars[i];

		p->n = (int)i + 1;
		memset(&v, 0, sizeof(v));
		v.n = v.pillar = p->n;
		p->number = rctx_number(c, RPAT_PILLAR, pl->numbering.pillar, &v);
		{
			char *who = arena_printf(c->a, "pillar %s",
			    p->id ? p->id : "?");

			p->goal = bind_goal(c, &p->goal_ref, who);
		}
		for (j = 0; j < p->ncategories; j++)
			p->categories[j].pillar = p;
	}
	for (i = 0; i < b->nfocus; i++) {
		struct focus_area *f = &b->focus[i];

		f->n = (int)i + 1;
		memset(&v, 0, sizeof(v));
		v.n = v.focus = f->n;
		f->id = rctx_number(c, RPAT_FOCUS_AREA, pl->numbering.focus_area,
		    &v);
		{
			char *who = arena_printf(c->a, "focus area '%s'",
			    f->c.key ? f->c.key : "?");

			f->goal = bind_goal(c, &f->goal_ref, who);
		}
		if (f->c.key != NULL) {
			f->c.url = arena_printf(c->a, "focus/%s.html", f->c.key);
			f->c.anchor = arena_printf(c->a, "fa-%s", f->c.key);
		}
	}
	/* Goals list their pillars and focus areas, in printed order. */
	for (i = 0; i < pl->ngoals; i++) {
		struct goal *g = &pl->goals[i];

		g->npillars = g->nfocus_areas = 0;
		for (j = 0; j < pl->npillars; j++)
			if (pl->pillars[j].goal == g)
				g->npillars++;
		for (j = 0; j < b->nfocus; j++)
			if (b->focus[j].goal == g)
				g->nfocus_areas++;
		g->pillars = ARENA_NEWN(c->a, struct pillar *, g->npillars + 1);
		g->focus_areas = ARENA_NEWN(c->a, struct focus_area *,
		    g->nfocus_areas + 1);
		g->npillars = g->nfocus_areas = 0;
		for (j = 0; j < pl->npillars; j++)
			if (pl->pillars[j].goal == g)
				g->pillars[g->npillars++] = &pl->pillars[j];
		for (j = 0; j < b->nfocus; j++)
			if (b->focus[j].goal == g)
				g->focus_areas[g->nfocus_areas++] = &b->focus[j];
	}
}

/* ------------------------------------------------------------------ */
/* Projects: groups and printed ids                                     */
/* ------------------------------------------------------------------ */

/* The categories of a pillar, as "a, b" or "no categories". */
static void
pillar_categories(struct names *nm, const struct pillar *pl)
{
	size_t i;

	for (i = 0; pl != NULL && i < pl->ncategories; i++)
		names_add(nm, pl->categories[i].key);
}

static void
bind_category(struct rctx *c, struct project *p)
{
	struct category *cat = rctx_find_category(c->b, p->category_ref.key);
	const char *key = p->category_ref.key;
	struct names nm = {0};
	struct buf msg = {0};
	size_t i;

	if (cat != NULL && p->pillar != NULL && cat->pillar == p->pillar) {
		p->category = cat;
		return;
	}
	if (p->pillar_ref.key != NULL && p->pillar == NULL)
		return;		/* the pillar is the error already reported */
	if (cat == NULL) {
		/* A typo: suggest among the categories of the project's pillar. */
		if (p->pillar != NULL)
			pillar_categories(&nm, p->pillar);
		else
			for (i = 0; i < c->category_keys.n; i++)
				names_add(&nm, c->category_keys.v[i]);
		if (p->pillar != NULL)
			rctx_report(c, &p->category_ref.span, "unknown-category",
			    key, &nm, "its categories", "unknown category '%s' "
			    "of pillar %s", key, p->pillar->id ? p->pillar->id :
			    "?");
		else
			rctx_report(c, &p->category_ref.span, "unknown-category",
			    key, &nm, "categories", "unknown category '%s'", key);
		names_free(&nm);
		return;
	}
	buf_printf(&msg, "category '%s' belongs to pillar %s", key,
	    cat->pillar && cat->pillar->id ? cat->pillar->id : "?");
	if (p->pillar == NULL)
		buf_printf(&msg, "; a project in it needs 'pillar: %s'",
		    cat->pillar && cat->pillar->id ? cat->pillar->id : "?");
	else {
		buf_printf(&msg, ", not to pillar %s", p->pillar->id ?
		    p->pillar->id : "?");
		pillar_categories(&nm, p->pillar);
		if (nm.n == 0)
			buf_printf(&msg, " (pillar %s has no categories)",
			    p->pillar->id ? p->pillar->id : "?");
		else {
			buf_printf(&msg, " (pillar %s has ", p->pillar->id ?
			    p->pillar->id : "?");
			for (i = 0; i < nm.n; i++)
				buf_printf(&msg, "%s%s", i ? ", " : "", nm.v[i]);
			buf_puts(&msg, ")");
		}
	}
	diag_error(c->d, &p->category_ref.span, "unknown-category", "%s",
	    buf_str(&msg));
	buf_free(&msg);
	names_free(&nm);
}

static void
bind_project(struct rctx *c, struct project *p)
{
	struct build *b = c->b;

	if (p->c.key != NULL) {
		p->c.url = arena_printf(c->a, "projects/%s.html", p->c.key);
		p->c.anchor = arena_printf(c->a, "pj-%s", p->c.key);
	}
	if (p->focus_ref.key != NULL) {
		p->focus = rctx_find_focus(b, p->focus_ref.key);
		/*
		 * Listed in the taxonomy without a file: reported there; a
		 * file that failed: reported at the file.
		 */
		if (p->focus == NULL && !rctx_focus_listed(b, p->focus_ref.key) &&
		    !build_lost(&b->lost_sheets, p->focus_ref.key))
			rctx_report(c, &p->focus_ref.span, "unknown-focus-area",
			    p->focus_ref.key, &c->focus_keys, "focus areas",
			    "unknown focus area '%s'", p->focus_ref.key);
	}
	if (p->pillar_ref.key != NULL) {
		p->pillar = rctx_find_pillar(b, p->pillar_ref.key);
		if (p->pillar == NULL)
			rctx_report(c, &p->pillar_ref.span, "unknown-pillar",
			    p->pillar_ref.key, &c->pillar_ids, "pillars",
			    "pillar %s does not exist", p->pillar_ref.key);
	}
	if (p->category_ref.key != NULL)
		bind_category(c, p);
	if (p->focus_ref.key == NULL && p->pillar_ref.key == NULL)
		diag_error(c->d, p->c.span.line > 0 ? &p->c.span :
		    &p->c.key_span, "no-group", "project '%s' names neither a "
		    "pillar nor a focus_area: add pillar: ID or focus_area: "
		    "KEY", p->c.key ? p->c.key : "");
}

/* A group being numbered: its projects in the order numbers are handed out. */
struct numgroup {
	struct project	**v;
	int		 *pinned;	/* the pin counts in this group */
	size_t		  n;
	size_t		  cap;
	size_t		  pcap;
};

static void
group_add(struct numgroup *g, struct project *p, int pinned)
{
	size_t cap = g->cap;

	g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof(*g->v));
	g->pcap = cap;
	g->pinned = xgrow(g->pinned, &g->pcap, g->n + 1, sizeof(*g->pinned));
	g->v[g->n] = p;
	g->pinned[g->n] = pinned;
	g->n++;
}

static void
group_free(struct numgroup *g)
{
	free(g->v);
	free(g->pinned);
	memset(g, 0, sizeof(*g));
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/*
 * Hands out numbers 1, 2, 3 … in a group: a pinned project (number: N)
 * takes N; the others take the lowest free numbers in the group's order.
 * Two pins on one number: the second is an error and is numbered as if
 * unpinned. out[i] receives the number of g->v[i].
 */
static void
group_number(struct rctx *c, struct numgroup *g, int *out, const char *what)
{
	int *pins = xcalloc(g->n + 1, sizeof(int));
	size_t npins = 0, i, j, k = 0;
	int cand = 1;

	for (i = 0; i < g->n; i++) {
		out[i] = 0;
		if (!g->pinned[i])
			continue;
		for (j = 0; j < i; j++)
			if (g->pinned[j] && out[j] == g->v[i]->number)
				break;
		if (j < i) {
			const struct span *o = &g->v[j]->number_span;

			diag_error(c->d, &g->v[i]->number_span,
			    "duplicate-number", "number %d is also pinned by "
			    "project '%s' (%s:%d:%d) in %s; two projects cannot "
			    "share a printed id", g->v[i]->number,
			    g->v[j]->c.key ? g->v[j]->c.key : "",
			    o->file ? o->file : "", o->line, o->col, what);
			continue;
		}
		out[i] = g->v[i]->number;
		pins[npins++] = out[i];
	}
	qsort(pins, npins, sizeof(int), cmp_int);
	for (i = 0; i < g->n; i++) {
		if (out[i] != 0)
			continue;
		while (k < npins && pins[k] < cand)
			k++;
		while (k < npins && pins[k] == cand) {
			cand++;
			k++;
		}
		out[i] = cand++;
	}
	free(pins);
}

/* Sorts a group's projects by their numbers (stable: equal numbers keep order). */
static void
sort_by_number(struct project **v, const int *num, size_t n)
{
	size_t i, j;

	/* Insertion sort: groups are small, and it is stable. */
	for (i = 1; i < n; i++) {
		struct project *p = v[i];
		int x = num[i];
		int *nm = (int *)num;

		for (j = i; j > 0 && nm[j - 1] > x; j--) {
			v[j] = v[j - 1];
			nm[j] = nm[j - 1];
		}
		v[j] = p;
		nm[j] = x;
	}
}

static void
number_focus_members(struct rctx *c, struct focus_area *f)
{
	struct build *b = c->b;
	struct numgroup g = {0};
	struct numvars v;
	int *num;
	size_t i;

	f->members = NULL;
	f->nmembers = 0;
	for (i = 0; i < b->nprojects; i++)
		if (b->projects[i].focus == f)
			group_add(&g, &b->projects[i], b->projects[i].number > 0);
	if (g.n == 0)
		return;
	num = xcalloc(g.n, sizeof(int));
	group_number(c, &g, num, arena_printf(c->a, "focus area %s",
	    f->c.key ? f->c.key : "?"));
	for (i = 0; i < g.n; i++) {
		struct project *p = g.v[i];

		p->n_focus = num[i];
		memset(&v, 0, sizeof(v));
		v.n = num[i];
		v.focus = f->n;
		v.pillar = p->pillar ? p->pillar->n : 0;
		p->id_focus = rctx_number(c, RPAT_PROJECT_IN_FOCUS,
		    b->plan.numbering.project_in_focus, &v);
	}
	sort_by_number(g.v, num, g.n);
	f->members = ARENA_NEWN(c->a, struct project *, g.n);
	memcpy(f->members, g.v, g.n * sizeof(*g.v));
	f->nmembers = g.n;
	free(num);
	group_free(&g);
}

/*
 * Numbers the projects of a pillar. Without numbering.project_in_category,
 * one counter runs over the pillar in printed order: the projects without a
 * category first, then each category in taxonomy order, each in file
 * order, so that 1-1, 1-2 … read in sequence down the printed list. With
 * it, projects in a category are numbered within the category by that
 * pattern, and the others within the pillar.
 *
 * A project's number: pins its position in the group that gives its
 * printed id: the focus area for a member (its listing under the pillar is
 * the 【再掲】 one, unnumbered there and printed first), else the category
 * or pillar.
 */
static void
number_group(struct rctx *c, struct pillar *pl, struct numgroup *g,
    const struct category *cat)
{
	struct build *b = c->b;
	struct numvars v;
	int *num;
	size_t i;

	if (g->n == 0)
		return;
	num = xcalloc(g->n, sizeof(int));
	group_number(c, g, num, cat != NULL ?
	    arena_printf(c->a, "category %s", cat->key ? cat->key : "?") :
	    arena_printf(c->a, "pillar %s", pl->id ? pl->id : "?"));
	for (i = 0; i < g->n; i++) {
		struct project *p = g->v[i];

		p->n_pillar = num[i];
		memset(&v, 0, sizeof(v));
		v.n = num[i];
		v.pillar = pl->n;
		v.focus = p->focus ? p->focus->n : 0;
		p->id_pillar = cat != NULL ?
		    rctx_number(c, RPAT_PROJECT_IN_CATEGORY,
		    b->plan.numbering.project_in_category, &v) :
		    rctx_number(c, RPAT_PROJECT_IN_PILLAR,
		    b->plan.numbering.project_in_pillar, &v);
	}
	free(num);
	g->n = 0;
}

static void
group_collect(struct build *b, struct numgroup *g, struct pillar *pl,
    struct category *cat)
{
	size_t i;

	/*
	 * A member of a 重点事業 is listed under its pillar as 【再掲】 with
	 * its focus-area id (①-1): it takes no pillar number, so the
	 * pillar's own projects read 1-1, 1-2 … with no gap.
	 */
	for (i = 0; i < b->nprojects; i++) {
		struct project *p = &b->projects[i];

		if (p->pillar == pl && p->category == cat && p->focus == NULL)
			group_add(g, p, p->number > 0);
	}
}

static void
number_pillar(struct rctx *c, struct pillar *pl)
{
	struct build *b = c->b;
	int by_cat = b->plan.numbering.project_in_category != NULL &&
	    *b->plan.numbering.project_in_category != '\0';
	struct numgroup g = {0};
	size_t i, k, nall = 0;

	pl->anchor = arena_printf(c->a, "pillar-%d", pl->n);
	for (k = 0; k < pl->ncategories; k++)
		pl->categories[k].anchor = pl->categories[k].key != NULL ?
		    arena_printf(c->a, "cat-%s", pl->categories[k].key) : NULL;
	group_collect(b, &g, pl, NULL);
	if (by_cat)
		number_group(c, pl, &g, NULL);
	for (k = 0; k < pl->ncategories; k++) {
		group_collect(b, &g, pl, &pl->categories[k]);
		if (by_cat)
			number_group(c, pl, &g, &pl->categories[k]);
	}
	if (!by_cat)
		number_group(c, pl, &g, NULL);
	group_free(&g);

	/*
	 * Printed order: no category first, then categories; in each, the
	 * 【再掲】 members (n_pillar 0) first, then by number.
	 */
	for (i = 0; i < b->nprojects; i++)
		if (b->projects[i].pillar == pl)
			nall++;
	pl->projects = ARENA_NEWN(c->a, struct project *, nall + 1);
	pl->nprojects = 0;
	for (k = 0; k <= pl->ncategories; k++) {
		struct category *cat = k ? &pl->categories[k - 1] : NULL;
		size_t start = pl->nprojects;
		int *nums;

		for (i = 0; i < b->nprojects; i++)
			if (b->projects[i].pillar == pl &&
			    b->projects[i].category == cat)
				pl->projects[pl->nprojects++] = &b->projects[i];
		nums = xcalloc(pl->nprojects - start + 1, sizeof(int));
		for (i = start; i < pl->nprojects; i++)
			nums[i - start] = pl->projects[i]->n_pillar;
		sort_by_number(pl->projects + start, nums, pl->nprojects - start);
		free(nums);
		if (cat != NULL) {
			cat->nprojects = pl->nprojects - start;
			cat->projects = pl->projects + start;
		}
	}
}

static void
resolve_projects(struct rctx *c)
{
	struct build *b = c->b;
	size_t i;

	for (i = 0; i < b->nprojects; i++)
		bind_project(c, &b->projects[i]);
	for (i = 0; i < b->nfocus; i++)
		number_focus_members(c, &b->focus[i]);
	for (i = 0; i < b->plan.npillars; i++)
		number_pillar(c, &b->plan.pillars[i]);
	for (i = 0; i < b->nprojects; i++) {
		struct project *p = &b->projects[i];

		p->id = p->focus ? p->id_focus : p->id_pillar;
	}
}

/* ------------------------------------------------------------------ */
/* Chapters                                                             */
/* ------------------------------------------------------------------ */

static void
number_chapters(struct rctx *c)
{
	struct build *b = c->b;
	struct numvars v;
	int nch = 0, napp = 0;
	size_t i;

	for (i = 0; i < b->nchapters; i++) {
		struct chapter *ch = &b->chapters[i];

		if (ch->key != NULL) {
			ch->url = arena_printf(c->a, "chapters/%s.html", ch->key);
			ch->anchor = arena_printf(c->a, "ch-%s", ch->key);
		}
		ch->n = 0;
		ch->number = NULL;
		if (!ch->numbered)
			continue;
		memset(&v, 0, sizeof(v));
		if (ch->appendix) {
			v.n = v.chapter = ch->n = ++napp;
			ch->number = rctx_number(c, RPAT_APPENDIX,
			    b->plan.numbering.appendix, &v);
		} else {
			v.n = v.chapter = ch->n = ++nch;
			ch->number = rctx_number(c, RPAT_CHAPTER,
			    b->plan.numbering.chapter, &v);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Sheets: terms: lists                                                 */
/* ------------------------------------------------------------------ */

static void
bind_term_refs(struct rctx *c, struct sheet_common *sc)
{
	size_t i;

	for (i = 0; i < sc->nterms; i++) {
		struct term_ref *r = &sc->terms[i];

		r->term = rctx_find_term(c->b, r->key);
		if (r->term != NULL)
			r->term->uses++;
		else if (!c->gloss_failed)
			rctx_report(c, &r->span, "unknown-term", r->key,
			    &c->term_keys, NULL, "unknown glossary key '%s' in "
			    "terms", r->key ? r->key : "");
	}
}

/* ------------------------------------------------------------------ */
/* Values                                                               */
/* ------------------------------------------------------------------ */

/* 1290 → 1,290; -1234567.5 → -1,234,567.5; anything else as written. */
static void
put_grouped(struct buf *out, const char *s)
{
	const char *p = s, *digits, *end;
	size_t nd, i;

	if (*p == '-' || *p == '+') {
		if (*p == '-')
			buf_putc(out, '-');
		p++;
	}
	digits = p;
	while (*p >= '0' && *p <= '9')
		p++;
	nd = (size_t)(p - digits);
	end = p;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			goto verbatim;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (nd == 0 || *p != '\0')
		goto verbatim;
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, digits[i]);
	}
	buf_puts(out, end);
	return;
verbatim:
	out->len = 0;
	if (out->data != NULL)
		out->data[0] = '\0';
	buf_puts(out, s);
}

static int
is_dash_text(const char *s)
{
	return s != NULL && strcmp(s, "—") == 0;
}

static void
value_display(struct rctx *c, struct value *v, const char *unit)
{
	struct buf b = {0};

	if (v->text == NULL && !v->is_dash)
		return;
	if (v->is_dash || is_dash_text(v->text)) {
		v->display = arena_strdup(c->a, "—");
		return;
	}
	if (!v->is_number) {
		v->display = v->text;
		return;
	}
	put_grouped(&b, v->text);
	if (unit != NULL)
		buf_puts(&b, unit);
	v->display = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
}

static void
resolve_indicators(struct rctx *c, struct project *p)
{
	struct plan *pl = &c->b->plan;
	size_t i, j;

	for (i = 0; i < p->nindicators; i++)
		p->indicators[i].covered = 0;
	for (i = 0; i < p->nindicators; i++) {
		struct indicator *ind = &p->indicators[i];

		for (j = 0; j < ind->ntargets; j++)
			value_display(c, &ind->targets[j].value, ind->unit);
		if (ind->has_all)
			value_display(c, &ind->all, ind->unit);
		if (!ind->has_pending)
			continue;
		if (ind->pending.from == 0 && pl->has_period)
			ind->pending.from = pl->from;
		if (ind->pending.to == 0 && pl->has_period)
			ind->pending.to = pl->to;
		if (ind->pending.rows < 1)
			ind->pending.rows = 1;
		if ((size_t)ind->pending.rows > p->nindicators - i) {
			diag_error(c->d, &ind->pending.span, "bad-range",
			    "pending rows: %d runs past the last indicator "
			    "(%zu left including this one)", ind->pending.rows,
			    p->nindicators - i);
		}
		for (j = 1; j < (size_t)ind->pending.rows &&
		    i + j < p->nindicators; j++)
			p->indicators[i + j].covered = 1;
	}
}

static void
resolve_values(struct rctx *c)
{
	struct build *b = c->b;
	size_t i;

	for (i = 0; i < b->nprojects; i++)
		resolve_indicators(c, &b->projects[i]);
	for (i = 0; i < b->plan.nindicators; i++) {
		struct plan_indicator *pi = &b->plan.indicators[i];

		if (pi->has_baseline)
			value_display(c, &pi->baseline, pi->unit);
		if (pi->has_target)
			value_display(c, &pi->target, pi->unit);
	}
}

/* ------------------------------------------------------------------ */
/* The driver                                                           */
/* ------------------------------------------------------------------ */

static void
collect_names(struct rctx *c)
{
	struct build *b = c->b;
	size_t i, j;

	for (i = 0; i < b->ndepts; i++) {
		names_add(&c->dept_names, b->depts[i].key);
		names_add(&c->dept_names, b->depts[i].name);
	}
	for (i = 0; i < b->nterms; i++)
		names_add(&c->term_keys, b->terms[i].key);
	for (i = 0; i < b->nfocus; i++)
		names_add(&c->focus_keys, b->focus[i].c.key);
	for (i = 0; i < b->plan.npillars; i++) {
		names_add(&c->pillar_ids, b->plan.pillars[i].id);
		for (j = 0; j < b->plan.pillars[i].ncategories; j++)
			names_add(&c->category_keys,
			    b->plan.pillars[i].categories[j].key);
	}
	for (i = 0; i < b->nchapters; i++)
		names_add(&c->chapter_keys, b->chapters[i].key);
	for (i = 0; i < b->plan.nvolumes; i++)
		names_add(&c->volume_keys, b->plan.volumes[i].key);
	if (b->reg != NULL)
		for (i = 0; i < b->reg->n; i++)
			names_add(&c->reg_ids, b->reg->v[i].id);
}

/* The fixed defaults of content-format.md, for patterns the loader left NULL. */
static void
default_numbering(struct numbering *nb)
{
	if (nb->chapter == NULL)
		nb->chapter = "第{n}章";
	if (nb->appendix == NULL)
		nb->appendix = "資料{n}";
	if (nb->pillar == NULL)
		nb->pillar = "＜{n}＞";
	if (nb->focus_area == NULL)
		nb->focus_area = "重点事業{n:circled}";
	if (nb->project_in_focus == NULL)
		nb->project_in_focus = "{focus:circled}-{n}";
	if (nb->project_in_pillar == NULL)
		nb->project_in_pillar = "{pillar}-{n}";
	if (nb->figure == NULL)
		nb->figure = "図{chapter}-{n}";
	if (nb->table == NULL)
		nb->table = "表{chapter}-{n}";
}

/* The years lo..hi widened by y (0: not a year). */
static void
see_year(int y, int *lo, int *hi)
{
	if (y <= 0)
		return;
	if (*lo == 0 || y < *lo)
		*lo = y;
	if (y > *hi)
		*hi = y;
}

/* At most SHEET_MAX_YEARS from lo on. */
static void
set_years(int *from, int *to, int lo, int hi)
{
	if (hi - lo + 1 > SHEET_MAX_YEARS)
		hi = lo + SHEET_MAX_YEARS - 1;
	*from = lo;
	*to = hi;
}

/*
 * The fiscal years of each project's tables and of each 重点事業's
 * roadmap (model.h: year_from, year_to), for every back end.
 */
static void
resolve_years(struct build *b)
{
	const struct plan *pl = &b->plan;
	size_t i, k, j;

	for (i = 0; i < b->nprojects; i++) {
		struct project *p = &b->projects[i];
		const struct sched_row *s = p->schedule;
		int lo = 0, hi = 0;

		if (pl->has_period && pl->from > 0 && pl->to >= pl->from) {
			lo = pl->from;
			hi = pl->to;
		} else {	/* a policy (方針): the years the project names */
			for (k = 0; k < p->nschedule; k++) {
				for (j = 0; j < s[k].nbars; j++) {
					see_year(s[k].bars[j].from, &lo, &hi);
					see_year(s[k].bars[j].to, &lo, &hi);
				}
				for (j = 0; j < s[k].ncells; j++)
					see_year(s[k].cells[j].year, &lo, &hi);
			}
			for (k = 0; k < p->nindicators; k++)
				for (j = 0; j < p->indicators[k].ntargets; j++)
					see_year(p->indicators[k].targets[j].year,
					    &lo, &hi);
		}
		set_years(&p->year_from, &p->year_to, lo, hi);
	}
	for (i = 0; i < b->nfocus; i++) {
		struct focus_area *f = &b->focus[i];
		int lo = 0, hi = 0;

		for (k = 0; k < f->nmembers; k++) {
			see_year(f->members[k]->year_from, &lo, &hi);
			see_year(f->members[k]->year_to, &lo, &hi);
		}
		set_years(&f->year_from, &f->year_to, lo, hi);
	}
}

int
resolve(struct build *b, struct diag *d)
{
	struct rctx c;
	size_t errors = d->errors, i;

	memset(&c, 0, sizeof(c));
	c.b = b;
	c.d = d;
	c.a = &b->arena;
	if (b->plan.span.file != NULL)
		c.plan_span = b->plan.span;
	else
		c.plan_span.file = b->plan.file ? b->plan.file : "plan.yaml";
	default_numbering(&b->plan.numbering);
	c.dept_failed = b->ndepts == 0 && rctx_file_failed(d, "departments.yaml");
	c.gloss_failed = b->nterms == 0 && rctx_file_failed(d, "glossary.yaml");

	check_patterns(&c);
	collect_names(&c);
	bind_departments(&c);
	order_focus(&c);
	number_taxonomy(&c);
	resolve_projects(&c);
	number_chapters(&c);
	for (i = 0; i < b->nterms; i++) {
		b->terms[i].uses = 0;
		if (b->terms[i].key != NULL)
			b->terms[i].anchor = arena_printf(c.a, "term-%s",
			    b->terms[i].key);
	}
	for (i = 0; i < b->nfocus; i++)
		bind_term_refs(&c, &b->focus[i].c);
	for (i = 0; i < b->nprojects; i++)
		bind_term_refs(&c, &b->projects[i].c);
	/* Documents: glossary definitions, chapters, sheet bodies. */
	for (i = 0; i < b->nterms; i++)
		resolve_inlines(&c, b->terms[i].definition);
	for (i = 0; i < b->nchapters; i++)
		resolve_doc(&c, &b->chapters[i].doc, &b->chapters[i]);
	for (i = 0; i < b->nfocus; i++)
		resolve_doc(&c, &b->focus[i].c.body.doc, NULL);
	for (i = 0; i < b->nprojects; i++)
		resolve_doc(&c, &b->projects[i].c.body.doc, NULL);
	resolve_values(&c);
	resolve_years(b);
	resolve_register(&c);
	resolve_glossary(&c);
	resolve_xrefs(&c);
	resolve_volumes(&c);
	resolve_departments(&c);
	resolve_xref_volumes(&c);
	resolve_tables(b);

	names_free(&c.dept_names);
	names_free(&c.term_keys);
	names_free(&c.focus_keys);
	names_free(&c.pillar_ids);
	names_free(&c.category_keys);
	names_free(&c.chapter_keys);
	names_free(&c.volume_keys);
	names_free(&c.reg_ids);
	return d->errors > errors ? -1 : 0;
}
