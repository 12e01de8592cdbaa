/*
 * gentax.c: the 体系図 ({{taxonomy}}, the site's top page) built once from
 * plan.yaml's taxonomy and the 重点事業' goals into struct taxonomy
 * (model.h). The HTML prints it as nested lists, the PDF as a diagram
 * whose text is tagged as the same nested lists: same entries, same order,
 * same words.
 */
#include <string.h>

#include "gentab.h"

static const char *
word(const char *v, const char *dflt)
{
	return v != NULL && *v != '\0' ? v : dflt;
}

static void
entry(struct tax_entry *e, enum tax_kind k, int level, const char *label,
    const char *number, const char *title, const void *ref)
{
	memset(e, 0, sizeof(*e));
	e->kind = k;
	e->level = level;
	e->label = label;
	e->number = number;
	e->title = title;
	e->ref = ref;
}

/*
 * The level's word before a number, unless the number already says it
 * (重点事業① needs no 重点事業 before it; ＜1＞ needs 基本取組).
 */
static const char *
label_for(const char *w, const char *number)
{
	if (number != NULL && strncmp(number, w, strlen(w)) == 0)
		return NULL;
	return w;
}

static void
pillar_entry(struct build *b, struct tax_entry *e, const struct pillar *p)
{
	size_t k;

	entry(e, TX_PILLAR, 1, label_for(word(b->plan.labels.pillar, "基本取組"),
	    p->number), p->number, p->title, p);
	if (p->ncategories == 0)
		return;
	e->kids = ARENA_NEWN(&b->arena, struct tax_entry, p->ncategories);
	for (k = 0; k < p->ncategories; k++)
		entry(&e->kids[e->nkids++], TX_CATEGORY, 2, NULL, NULL,
		    p->categories[k].title, &p->categories[k]);
}

static void
focus_entry(struct build *b, struct tax_entry *e, const struct focus_area *f)
{
	entry(e, TX_FOCUS, 1, label_for(word(b->plan.labels.focus_area,
	    "重点事業"), f->id), f->id, f->c.title, f);
}

void
resolve_taxonomy(struct build *b)
{
	const struct plan *pl = &b->plan;
	struct taxonomy *t = &b->taxonomy;
	const char *goal = word(pl->labels.goal, "目指す姿");
	size_t i, k, n;

	memset(t, 0, sizeof(*t));
	/* At most: principle, goals, pillars and focus areas of no goal, 共通事項. */
	n = 2 + pl->ngoals + pl->npillars + b->nfocus;
	t->v = ARENA_NEWN(&b->arena, struct tax_entry, n);
	if (pl->principle != NULL)
		entry(&t->v[t->n++], TX_PRINCIPLE, -1, "基本理念", NULL,
		    pl->principle, NULL);
	for (i = 0; i < pl->ngoals; i++) {
		const struct goal *g = &pl->goals[i];
		struct tax_entry *e = &t->v[t->n++];

		entry(e, TX_GOAL, 0, arena_printf(&b->arena, "%s%s", goal,
		    g->id != NULL ? g->id : ""), NULL, g->title, g);
		if (g->npillars + g->nfocus_areas == 0)
			continue;
		e->kids = ARENA_NEWN(&b->arena, struct tax_entry,
		    g->npillars + g->nfocus_areas);
		for (k = 0; k < g->npillars; k++)
			pillar_entry(b, &e->kids[e->nkids++], g->pillars[k]);
		for (k = 0; k < g->nfocus_areas; k++)
			focus_entry(b, &e->kids[e->nkids++], g->focus_areas[k]);
	}
	/* What serves no goal still belongs in the picture. */
	for (i = 0; i < pl->npillars; i++)
		if (pl->pillars[i].goal == NULL)
			pillar_entry(b, &t->v[t->n++], &pl->pillars[i]);
	for (i = 0; i < b->nfocus; i++)
		if (b->focus[i].goal == NULL)
			focus_entry(b, &t->v[t->n++], &b->focus[i]);
	if (pl->ncommon_items > 0) {
		struct tax_entry *e = &t->v[t->n++];

		entry(e, TX_COMMON, -1, "共通事項", NULL, NULL, NULL);
		e->kids = ARENA_NEWN(&b->arena, struct tax_entry,
		    pl->ncommon_items);
		for (k = 0; k < pl->ncommon_items; k++)
			entry(&e->kids[e->nkids++], TX_COMMON_ITEM, -1, NULL,
			    NULL, pl->common_items[k].title, &pl->common_items[k]);
	}
}
