/*
 * validate.c: the rules that need the resolved model (resolve.h,
 * validate()). Everything is collected, nothing stops at the first
 * problem. Warnings are kept to what a plan office would want to fix: the
 * sample content checks clean.
 */
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "resolve.h"
#include "pdf/pdf.h"

struct vctx {
	struct build	*b;
	struct diag	*d;
	struct span	 plan_span;
};

/* ------------------------------------------------------------------ */
/* Keys                                                                 */
/* ------------------------------------------------------------------ */

/* Keys become URLs and file names: ASCII a-z, 0-9, - and _ only. */
static int
key_ok(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* Some record could not be loaded (reported): what it would have said is unknown. */
static int
any_lost(const struct lost *l)
{
	return l->keys != NULL || l->unkeyed > 0;
}

static void
check_key(struct vctx *v, const char *key, const struct span *sp,
    const char *what)
{
	if (key == NULL || *key == '\0')
		return;		/* a missing or empty key is the loader's error */
	if (!key_ok(key))
		diag_error(v->d, sp, "bad-key", "%s key '%s' must be ASCII "
		    "lower-case letters, digits, '-' and '_' (it becomes a "
		    "URL)", what, key);
}

/* An entry for the duplicate checks: one name in one namespace. */
struct dent {
	const char		*key;
	size_t			 scope;
	size_t			 order;
	const struct span	*sp;
};

struct dents {
	struct dent	*v;
	size_t		 n;
	size_t		 cap;
};

static void
dadd(struct dents *ds, const char *key, size_t scope, const struct span *sp)
{
	if (key == NULL || *key == '\0')
		return;
	ds->v = xgrow(ds->v, &ds->cap, ds->n + 1, sizeof(*ds->v));
	ds->v[ds->n].key = key;
	ds->v[ds->n].scope = scope;
	ds->v[ds->n].order = ds->n;
	ds->v[ds->n].sp = sp;
	ds->n++;
}

static int
dcmp(const void *x, const void *y)
{
	const struct dent *a = x, *b = y;
	int c;

	if (a->scope != b->scope)
		return a->scope < b->scope ? -1 : 1;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* " (first at line 5)" in the same file, " (also used by f:3:6)" in another. */
static void
put_where(struct buf *b, const struct span *sp, const struct span *here)
{
	if (sp == NULL || sp->file == NULL)
		return;
	if (here != NULL && here->file != NULL && sp->line > 0 &&
	    strcmp(here->file, sp->file) == 0) {
		buf_printf(b, " (first at line %d)", sp->line);
		return;
	}
	buf_printf(b, " (also used by %s", sp->file);
	if (sp->line > 0)
		buf_printf(b, ":%d", sp->line);
	if (sp->line > 0 && sp->col > 0)
		buf_printf(b, ":%d", sp->col);
	buf_puts(b, ")");
}

/*
 * Sorts the entries and reports every one whose name repeats an earlier
 * one in the same scope, pointing back at the first.
 */
static void
dreport(struct vctx *v, struct dents *ds, const char *code, const char *what,
    const char *tail)
{
	size_t i, first = 0;

	if (ds->n > 1)
		qsort(ds->v, ds->n, sizeof(*ds->v), dcmp);
	for (i = 1; i < ds->n; i++) {
		struct buf msg = {0};

		if (ds->v[i].scope != ds->v[first].scope ||
		    strcmp(ds->v[i].key, ds->v[first].key) != 0) {
			first = i;
			continue;
		}
		buf_printf(&msg, "duplicate %s '%s'", what, ds->v[i].key);
		put_where(&msg, ds->v[first].sp, ds->v[i].sp);
		if (tail != NULL)
			buf_puts(&msg, tail);
		diag_error(v->d, ds->v[i].sp, code, "%s", buf_str(&msg));
		buf_free(&msg);
	}
	free(ds->v);
	memset(ds, 0, sizeof(*ds));
}

/* A project key that is also a focus area key (scope 0: focus, 1: project). */
static void
cross_report(struct vctx *v, struct dents *ds)
{
	size_t i, j;

	for (i = 0; i < ds->n; i++) {
		if (ds->v[i].scope != 1)
			continue;
		for (j = 0; j < ds->n; j++)
			if (ds->v[j].scope == 0 &&
			    strcmp(ds->v[j].key, ds->v[i].key) == 0)
				break;
		if (j < ds->n) {
			struct buf msg = {0};

			buf_printf(&msg, "duplicate key '%s': a focus area has "
			    "it", ds->v[i].key);
			put_where(&msg, ds->v[j].sp, ds->v[i].sp);
			diag_error(v->d, ds->v[i].sp, "duplicate-key", "%s",
			    buf_str(&msg));
			buf_free(&msg);
		}
	}
	free(ds->v);
	memset(ds, 0, sizeof(*ds));
}

static void
check_keys(struct vctx *v)
{
	struct build *b = v->b;
	struct plan *pl = &b->plan;
	struct dents ds = {0};
	size_t i, j;

	check_key(v, pl->key, pl->key_span.file != NULL ? &pl->key_span :
	    &v->plan_span, "plan");
	for (i = 0; i < b->ndepts; i++)
		check_key(v, b->depts[i].key, &b->depts[i].span, "department");
	for (i = 0; i < b->nterms; i++)
		check_key(v, b->terms[i].key, &b->terms[i].span, "glossary");
	for (i = 0; i < b->nchapters; i++)
		check_key(v, b->chapters[i].key, &b->chapters[i].span,
		    "chapter");
	for (i = 0; i < b->nfocus; i++)
		check_key(v, b->focus[i].c.key, &b->focus[i].c.key_span,
		    "focus area");
	for (i = 0; i < b->nprojects; i++)
		check_key(v, b->projects[i].c.key, &b->projects[i].c.key_span,
		    "project");
	for (i = 0; i < pl->npillars; i++)
		for (j = 0; j < pl->pillars[i].ncategories; j++)
			check_key(v, pl->pillars[i].categories[j].key,
			    &pl->pillars[i].categories[j].span, "category");
	for (i = 0; i < pl->nvolumes; i++)
		check_key(v, pl->volumes[i].key, &pl->volumes[i].span,
		    "volume");

	/*
	 * Focus areas and projects share a namespace: both are sheets with
	 * a page under the same site, and a key names one of them anywhere.
	 */
	for (i = 0; i < b->nprojects; i++)
		dadd(&ds, b->projects[i].c.key, 0, &b->projects[i].c.key_span);
	dreport(v, &ds, "duplicate-key", "project key", NULL);
	for (i = 0; i < b->nfocus; i++)
		dadd(&ds, b->focus[i].c.key, 0, &b->focus[i].c.key_span);
	dreport(v, &ds, "duplicate-key", "focus area key", NULL);
	for (i = 0; i < b->nfocus; i++)
		dadd(&ds, b->focus[i].c.key, 0, &b->focus[i].c.key_span);
	for (i = 0; i < b->nprojects; i++)
		dadd(&ds, b->projects[i].c.key, 1, &b->projects[i].c.key_span);
	cross_report(v, &ds);
	for (i = 0; i < b->nchapters; i++)
		dadd(&ds, b->chapters[i].key, 0, &b->chapters[i].span);
	dreport(v, &ds, "duplicate-key", "chapter key", NULL);
	for (i = 0; i < b->nterms; i++)
		dadd(&ds, b->terms[i].key, 0, &b->terms[i].span);
	dreport(v, &ds, "duplicate-key", "glossary key", NULL);
	/*
	 * A department is found by key, then name, then alias: two with one
	 * key, or one name or alias shared, would bind a reference at random.
	 */
	for (i = 0; i < b->ndepts; i++)
		dadd(&ds, b->depts[i].key, 0, &b->depts[i].span);
	dreport(v, &ds, "duplicate-key", "department key", NULL);
	for (i = 0; i < b->ndepts; i++) {
		dadd(&ds, b->depts[i].name, 0, &b->depts[i].span);
		for (j = 0; j < b->depts[i].naliases; j++)
			dadd(&ds, b->depts[i].aliases[j], 0, &b->depts[i].span);
	}
	dreport(v, &ds, "duplicate-key", "department name or alias", NULL);
	for (i = 0; i < pl->npillars; i++)
		for (j = 0; j < pl->pillars[i].ncategories; j++)
			dadd(&ds, pl->pillars[i].categories[j].key, 0,
			    &pl->pillars[i].categories[j].span);
	dreport(v, &ds, "duplicate-key", "category key", NULL);
	for (i = 0; i < pl->nvolumes; i++)
		dadd(&ds, pl->volumes[i].key, 0, &pl->volumes[i].span);
	dreport(v, &ds, "duplicate-key", "volume key", NULL);
	for (i = 0; i < pl->npillars; i++)
		dadd(&ds, pl->pillars[i].id, 0, &pl->pillars[i].span);
	dreport(v, &ds, "duplicate-key", "pillar id", NULL);
	for (i = 0; i < pl->ngoals; i++)
		dadd(&ds, pl->goals[i].id, 0, &pl->goals[i].span);
	dreport(v, &ds, "duplicate-key", "goal id", NULL);
	for (i = 0; i < pl->ncommon_items; i++)
		dadd(&ds, pl->common_items[i].id, 0, &pl->common_items[i].span);
	dreport(v, &ds, "duplicate-key", "common item id", NULL);
	for (i = 0; i < pl->nfocus_keys; i++)
		dadd(&ds, pl->focus_keys[i].key, 0, &pl->focus_keys[i].span);
	dreport(v, &ds, "duplicate-key", "entry of taxonomy.focus_areas", NULL);
}

/* ------------------------------------------------------------------ */
/* Printed ids                                                          */
/* ------------------------------------------------------------------ */

static void
check_ids(struct vctx *v)
{
	struct build *b = v->b;
	struct plan *pl = &b->plan;
	const char *in_cat = pl->numbering.project_in_category;
	struct dents ds = {0};
	size_t i, j;

	/*
	 * Scope 0 is the whole plan. With numbering.project_in_category a
	 * project in a category is numbered within it, so its id need only
	 * be unique there (content-format.md): scope 1 + the category's
	 * position over all pillars.
	 */
	for (i = 0; i < b->nprojects; i++) {
		struct project *p = &b->projects[i];
		size_t scope = 0;

		if (p->id_focus != NULL)
			dadd(&ds, p->id_focus, 0, &p->c.key_span);
		if (p->id_pillar == NULL)
			continue;
		if (in_cat != NULL && *in_cat != '\0' && p->category != NULL) {
			size_t k = 0;

			for (j = 0; j < pl->npillars; j++) {
				struct pillar *pi = &pl->pillars[j];

				if (p->category >= pi->categories &&
				    p->category < pi->categories +
				    pi->ncategories) {
					scope = 1 + k + (size_t)(p->category -
					    pi->categories);
					break;
				}
				k += pi->ncategories;
			}
		}
		/* Its own two ids may coincide under odd patterns: not a clash. */
		if (p->id_focus != NULL && scope == 0 &&
		    strcmp(p->id_focus, p->id_pillar) == 0)
			continue;
		dadd(&ds, p->id_pillar, scope, &p->c.key_span);
	}
	dreport(v, &ds, "duplicate-id", "printed project id", NULL);
	for (i = 0; i < b->nfocus; i++)
		dadd(&ds, b->focus[i].id, 0, &b->focus[i].c.key_span);
	dreport(v, &ds, "duplicate-id", "printed focus area id", NULL);
	for (i = 0; i < pl->npillars; i++)
		dadd(&ds, pl->pillars[i].number, 0, &pl->pillars[i].span);
	dreport(v, &ds, "duplicate-id", "printed pillar number", NULL);
	for (i = 0; i < b->nchapters; i++)
		dadd(&ds, b->chapters[i].number, 0, &b->chapters[i].span);
	dreport(v, &ds, "duplicate-id", "printed chapter number", NULL);
	/* A 【再掲】 row (relisted: true) repeats an id on purpose. */
	if (b->reg != NULL) {
		for (i = 0; i < b->reg->n; i++)
			if (!b->reg->v[i].relisted)
				dadd(&ds, b->reg->v[i].id, 0, &b->reg->v[i].span);
		dreport(v, &ds, "duplicate-id", "old-project id",
		    " in the register without relisted: true");
	}
}

/* ------------------------------------------------------------------ */
/* Years                                                                */
/* ------------------------------------------------------------------ */

/* R14 (令和14年度) is outside the plan period R9–R13 (令和9年度～令和13年度) */
static void
check_year(struct vctx *v, int fy, const struct span *sp, const char *what)
{
	struct plan *pl = &v->b->plan;
	struct buf m = {0};

	if (!pl->has_period || fy == 0 || (fy >= pl->from && fy <= pl->to))
		return;
	buf_printf(&m, "%s year ", what);
	fy_format(&m, fy, FY_STYLE_SHORT);
	buf_puts(&m, " (");
	fy_format(&m, fy, FY_STYLE_ERA);
	buf_puts(&m, ") is outside the plan period ");
	fy_format(&m, pl->from, FY_STYLE_SHORT);
	buf_puts(&m, "–");
	fy_format(&m, pl->to, FY_STYLE_SHORT);
	buf_puts(&m, " (");
	fy_format(&m, pl->from, FY_STYLE_ERA);
	buf_puts(&m, "～");
	fy_format(&m, pl->to, FY_STYLE_ERA);
	buf_puts(&m, ")");
	diag_error(v->d, sp, "year-outside-period", "%s", buf_str(&m));
	buf_free(&m);
}

static void
check_range(struct vctx *v, int from, int to, const struct span *sp,
    const char *what)
{
	struct buf m = {0};

	if (from == 0 || to == 0 || from <= to)
		return;
	buf_printf(&m, "%s starts (", what);
	fy_format(&m, from, FY_STYLE_SHORT);
	buf_puts(&m, ") after it ends (");
	fy_format(&m, to, FY_STYLE_SHORT);
	buf_puts(&m, ")");
	diag_error(v->d, sp, "bad-range", "%s", buf_str(&m));
	buf_free(&m);
}

static void
check_schedule(struct vctx *v, struct project *p)
{
	size_t i, j;

	for (i = 0; i < p->nschedule; i++) {
		struct sched_row *r = &p->schedule[i];

		for (j = 0; j < r->nbars; j++) {
			struct bar *bar = &r->bars[j];

			check_year(v, bar->from, &bar->span, "schedule");
			if (bar->to != bar->from)
				check_year(v, bar->to, &bar->span, "schedule");
			check_range(v, bar->from, bar->to, &bar->span,
			    "schedule bar");
		}
		for (j = 0; j < r->ncells; j++) {
			check_year(v, r->cells[j].year, &r->cells[j].span,
			    "schedule");
			if (j > 0 && r->cells[j].year == r->cells[j - 1].year)
				diag_error(v->d, &r->cells[j].span,
				    "duplicate-year", "this schedule row has two "
				    "cells for one fiscal year");
		}
	}
}

static void
check_indicators(struct vctx *v, struct project *p)
{
	size_t i, j;

	for (i = 0; i < p->nindicators; i++) {
		struct indicator *ind = &p->indicators[i];
		struct pending *pd = NULL;

		for (j = 0; j < ind->ntargets; j++) {
			check_year(v, ind->targets[j].year,
			    &ind->targets[j].value.span, "target");
			if (j > 0 && ind->targets[j].year ==
			    ind->targets[j - 1].year)
				diag_error(v->d, &ind->targets[j].value.span,
				    "duplicate-year", "this indicator has two "
				    "targets for one fiscal year");
		}
		if (ind->name == NULL && !ind->has_pending)
			diag_error(v->d, &ind->span, "bad-indicator",
			    "an indicator needs a name (or a pending: text "
			    "saying when it will be set)");
		if (ind->has_pending) {
			pd = &ind->pending;
			check_year(v, pd->from, &pd->span, "pending");
			if (pd->to != pd->from)
				check_year(v, pd->to, &pd->span, "pending");
			check_range(v, pd->from, pd->to, &pd->span, "pending");
			if (ind->covered)
				diag_error(v->d, &pd->span, "pending-overlap",
				    "this indicator is already covered by the "
				    "pending text of an indicator above (its "
				    "rows:); give this one no pending text, or "
				    "lower rows: above");
		}
		/*
		 * A pending text fills its years in its own row and the
		 * rows: below; a target in one of those cells would be
		 * printed over.
		 */
		if (pd == NULL)
			continue;
		for (j = 0; j < (size_t)pd->rows && i + j < p->nindicators;
		    j++) {
			struct indicator *o = &p->indicators[i + j];
			size_t t;

			if (o->has_all) {
				diag_error(v->d, &o->all.span, "pending-overlap",
				    "targets: { all: … } fills every year, but "
				    "the pending text on line %d covers some of "
				    "them in this row; give one or the other",
				    pd->span.line);
				continue;
			}
			/* One diagnostic per indicator, at its first such target. */
			{
				struct buf m = {0}, ys = {0};
				const struct span *first = NULL;
				size_t nover = 0;

				for (t = 0; t < o->ntargets; t++) {
					if (o->targets[t].year < pd->from ||
					    o->targets[t].year > pd->to)
						continue;
					if (first == NULL)
						first = &o->targets[t].value.span;
					if (nover++ > 0)
						buf_puts(&ys, ", ");
					fy_format(&ys, o->targets[t].year,
					    FY_STYLE_SHORT);
				}
				if (first != NULL) {
					buf_printf(&m, "%s %s %s in %s that "
					    "the pending text on line %d covers "
					    "(", nover > 1 ? "the targets for" :
					    "the target for", buf_str(&ys),
					    nover > 1 ? "are" : "is", nover > 1 ?
					    "years" : "a year", pd->span.line);
					fy_format(&m, pd->from, FY_STYLE_SHORT);
					buf_puts(&m, "–");
					fy_format(&m, pd->to, FY_STYLE_SHORT);
					buf_printf(&m, "); remove %s, or narrow "
					    "the pending text's from, to or rows",
					    nover > 1 ? "those targets" :
					    "the target");
					diag_error(v->d, first, "pending-overlap",
					    "%s", buf_str(&m));
				}
				buf_free(&ys);
				buf_free(&m);
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Dates                                                                */
/* ------------------------------------------------------------------ */

static void
check_month(struct vctx *v, const struct kdate *d, const struct span *sp,
    const char *what)
{
	if (v->b->plan.status != PLAN_FINAL || d->year == 0 || d->month != 0)
		return;
	diag_error(v->d, sp, "unknown-month", "%s month is unknown (●月) but "
	    "the plan status is final; give the month", what);
}

static void
check_dates(struct vctx *v)
{
	struct build *b = v->b;
	struct plan *pl = &b->plan;
	size_t i;

	if (pl->status == PLAN_FINAL && pl->as_of_year != 0 &&
	    pl->as_of_month == 0)
		diag_error(v->d, pl->as_of_span.file ? &pl->as_of_span :
		    &v->plan_span, "unknown-month", "as_of month is unknown "
		    "(●月) but the plan status is final; give the month");
	if (pl->has_issued)
		check_month(v, &pl->issued, pl->issued_span.file != NULL ?
		    &pl->issued_span : &v->plan_span, "issued");
	for (i = 0; i < pl->nhistory; i++)
		check_month(v, &pl->history[i].date, &pl->history[i].span,
		    "the history entry's date");
	for (i = 0; i < b->nchapters; i++)
		if (b->chapters[i].signature.present &&
		    b->chapters[i].signature.has_date)
			check_month(v, &b->chapters[i].signature.date,
			    &b->chapters[i].signature.span, "the signature's "
			    "date");
}

/* ------------------------------------------------------------------ */
/* Glossary, footnotes, register                                        */
/* ------------------------------------------------------------------ */

static int
all_kana(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	while (i < len) {
		i += utf8_decode(s + i, len - i, &cp);
		if (!((cp >= 0x3041 && cp <= 0x309F) ||
		    (cp >= 0x30A0 && cp <= 0x30FF)))
			return 0;
	}
	return 1;
}

static void
check_glossary(struct vctx *v)
{
	struct build *b = v->b;
	/* A chapter or sheet that failed may be where a term is used. */
	int lost = any_lost(&b->lost_chapters) || any_lost(&b->lost_sheets);
	size_t i, j;

	for (i = 0; i < b->nterms; i++) {
		struct term *t = &b->terms[i];

		/* A second entry with a taken key is reported as a duplicate. */
		for (j = 0; j < i; j++)
			if (b->terms[j].key != NULL && t->key != NULL &&
			    strcmp(b->terms[j].key, t->key) == 0)
				break;
		if (t->uses == 0 && !t->listed && j == i && !lost)
			diag_warning(v->d, &t->span, "unused-term",
			    "glossary term '%s' (%s) is never referenced "
			    "(reference it with [[%s]] or set listed: true)",
			    t->key ? t->key : "", t->term ? t->term : "",
			    t->key ? t->key : "");
		/*
		 * Sorted by reading, a term in kanji or Latin letters without
		 * one would land by its code points, not where a reader looks.
		 */
		if (b->plan.glossary_by_reading && t->term != NULL &&
		    (t->reading == NULL || *t->reading == '\0') &&
		    !all_kana(t->term))
			diag_warning(v->d, &t->span, "missing-reading",
			    "glossary term '%s' has no reading: it cannot be "
			    "put in 五十音 order; add reading: with its "
			    "reading in hiragana", t->term);
	}
}

static void
check_footnotes(struct vctx *v, struct doc *doc)
{
	struct footnote *fn;

	for (fn = doc->footnotes; fn != NULL; fn = fn->next)
		if (fn->number == 0)
			diag_warning(v->d, &fn->span, "unused-footnote",
			    "footnote [^%s] is never referenced: put "
			    "[^%s] in the text where it belongs, or remove "
			    "the note", fn->label ? fn->label : "",
			    fn->label ? fn->label : "");
}

static void
check_register(struct vctx *v)
{
	struct build *b = v->b;
	struct reg *r = b->reg;
	int sheets_lost = any_lost(&b->lost_sheets);
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		struct reg_entry *e = &r->v[i];
		int named = e->nsuccessors > 0;

		/* A 【再掲】 row repeats another row: that one carries the link. */
		if (e->relisted)
			continue;
		/* A project file that failed may name it as a predecessor. */
		if (e->disposition == DISP_CONTINUED && !named && !sheets_lost)
			diag_warning(v->d, &e->span, "orphan-predecessor",
			    "old project %s %s has no successor in this plan "
			    "and is not marked ended (name it in a project's "
			    "predecessors, or set disposition: ended)",
			    e->id ? e->id : "",
			    e->title ? e->title : "");
		if (e->disposition == DISP_ENDED && named) {
			const struct sheet_common *sc = e->successors[0].sheet;

			diag_warning(v->d, &e->span, "ended-with-successor",
			    "old project %s %s is marked ended, yet '%s' of "
			    "this plan names it as its predecessor (set "
			    "disposition: continued, or remove the link)",
			    e->id ? e->id : "", e->title ? e->title : "",
			    sc != NULL && sc->key != NULL ? sc->key : "a "
			    "project");
		}
	}
}

/* ------------------------------------------------------------------ */
/* The driver                                                           */
/* ------------------------------------------------------------------ */

int
validate(struct build *b, struct diag *d)
{
	struct vctx v;
	size_t errors = d->errors, i;

	memset(&v, 0, sizeof(v));
	v.b = b;
	v.d = d;
	if (b->plan.span.file != NULL)
		v.plan_span = b->plan.span;
	else
		v.plan_span.file = b->plan.file ? b->plan.file : "plan.yaml";
	check_keys(&v);
	check_ids(&v);
	for (i = 0; i < b->nprojects; i++) {
		check_schedule(&v, &b->projects[i]);
		check_indicators(&v, &b->projects[i]);
	}
	check_dates(&v);
	check_glossary(&v);
	for (i = 0; i < b->nchapters; i++)
		check_footnotes(&v, &b->chapters[i].doc);
	for (i = 0; i < b->nfocus; i++)
		check_footnotes(&v, &b->focus[i].c.body.doc);
	for (i = 0; i < b->nprojects; i++)
		check_footnotes(&v, &b->projects[i].c.body.doc);
	check_register(&v);
	pdf_check_options(&b->plan, d);
	return d->errors > errors ? -1 : 0;
}
