/*
 * gentab.c: the generated tables ({{projects}}, {{focus_areas}},
 * {{common_items}}, {{indicators}}, {{register}}, {{departments}},
 * {{history}}, the 重点事業一覧 and 個別事業一覧), built once from the
 * resolved records into struct gtable (model.h). The HTML and the PDF
 * print these tables cell by cell and build none of their own, so their
 * columns, header words, rows, counts and links are the same
 * (content-format.md, "one record, many renderings").
 *
 * Runs last in resolve(): it reads the printed ids, the department lists
 * and the 新旧対照 mapping the other steps made.
 */
#include <string.h>

#include "fy.h"
#include "gentab.h"
#include "words.h"

struct gctx {
	struct build	*b;
	struct arena	*a;
};

static const char *
label_or(const char *v, const char *dflt)
{
	return v != NULL && *v != '\0' ? v : dflt;
}

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

static struct gpiece *
piece(struct gctx *g, struct gcell *c, enum gpiece_kind k, const char *text)
{
	struct gpiece *p = ARENA_NEW(g->a, struct gpiece), **tail;

	p->kind = k;
	p->text = text;
	for (tail = &c->pieces; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = p;
	return p;
}

static void
text(struct gctx *g, struct gcell *c, const char *s)
{
	if (s != NULL && *s != '\0')
		(void)piece(g, c, GP_TEXT, s);
}

static void
brk(struct gctx *g, struct gcell *c)
{
	(void)piece(g, c, GP_BREAK, NULL);
}

static void
dash(struct gctx *g, struct gcell *c)
{
	piece(g, c, GP_DASH, "—")->spoken = "該当なし";
}

/* A sheet's one-line 概要 (summary:, "for lists" in the format), or — for none. */
static void
summary(struct gctx *g, struct gcell *c, const char *s)
{
	if (s != NULL && *s != '\0')
		text(g, c, s);
	else
		dash(g, c);
}

static void
link(struct gctx *g, struct gcell *c, const struct sheet_common *sc,
    const char *s)
{
	piece(g, c, GP_TEXT, s)->sheet = sc;
}

static struct gtable *
table(struct gctx *g, const char *caption, const char *cls,
    const char *const *head, int ncols)
{
	struct gtable *t = ARENA_NEW(g->a, struct gtable);
	int i;

	t->caption = caption;
	t->cls = cls;
	t->ncols = ncols;
	t->head = ARENA_NEWN(g->a, struct gcell, ncols);
	for (i = 0; i < ncols; i++) {
		t->head[i].flags = GC_HEAD;
		text(g, &t->head[i], head[i]);
	}
	return t;
}

static struct grow *
row(struct gctx *g, struct gtable *t)
{
	struct grow *r;

	if (t->nrows == t->cap) {	/* in the arena: grown by copying */
		size_t cap = t->cap ? 2 * t->cap : 8;
		struct grow *v = ARENA_NEWN(g->a, struct grow, cap);

		if (t->nrows > 0)
			memcpy(v, t->rows, t->nrows * sizeof(*v));
		t->rows = v;
		t->cap = cap;
	}
	r = &t->rows[t->nrows++];
	r->cells = ARENA_NEWN(g->a, struct gcell, t->ncols);
	return r;
}

/* A row heading the rows below it, one cell across the table. */
static struct gcell *
group_row(struct gctx *g, struct gtable *t, enum grow_ref k, const void *ref)
{
	struct grow *r = row(g, t);

	r->group = 1;
	r->ref_kind = k;
	r->ref = ref;
	r->cells[0].flags = GC_ROWHEAD;
	t->groups = 1;
	return &r->cells[0];
}

/* Department names, each kept whole, 「、」 between them. */
static void
departments(struct gctx *g, struct gcell *c, const struct dept_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct department *d = l->v[i].dept;

		if (i > 0)
			text(g, c, "、");
		piece(g, c, GP_NAME, d != NULL ? d->name : l->v[i].written)->dept =
		    d != NULL && !d->pseudo ? d : NULL;
	}
	if (l->etc)
		text(g, c, "等");
}

/* A date or year as printed, with its long form when printed short. */
static void
dated(struct gctx *g, struct gcell *c, const struct kdate *d, int fy)
{
	enum fy_style st = g->b->plan.year_style;
	struct buf v = {0}, l = {0};
	struct gpiece *p;
	int spoken = when_format(&v, &l, d, fy, st);

	p = piece(g, c, GP_TEXT, arena_strdup(g->a, buf_str(&v)));
	if (spoken)
		p->spoken = arena_strdup(g->a, buf_str(&l));
	buf_free(&v);
	buf_free(&l);
}

/* An indicator value as authored; — is read as 該当なし. */
static void
value(struct gctx *g, struct gcell *c, const struct value *v, const char *unit)
{
	if (v->is_dash)
		dash(g, c);
	else if (v->display != NULL)
		text(g, c, v->display);
	else if (v->is_number && unit != NULL)
		text(g, c, arena_printf(g->a, "%s%s", v->text, unit));
	else
		text(g, c, v->text);
}

/* ------------------------------------------------------------------ */
/* Project lists                                                       */
/* ------------------------------------------------------------------ */

static struct gtable *
project_table(struct gctx *g, const char *caption)
{
	const char *const h[] = { "番号", "事業名", "概要", "状態",
	    label_or(g->b->plan.labels.lead_department, "主管課") };
	struct gtable *t = table(g, caption, "project-list", h, 5);

	t->empty = "該当する事業はありません。";
	return t;
}

/*
 * One row per project: its number (the focus area's ①-1 in a focus
 * area's list), its title linked to its sheet, its status and its
 * departments. Listed under its pillar (relist), a member of a focus area
 * is marked 【再掲】.
 */
static void
project_rows(struct gctx *g, struct gtable *t, struct project *const *v,
    size_t n, int by_focus, int relist)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct project *p = v[i];
		struct grow *r = row(g, t);

		text(g, &r->cells[0], by_focus && p->id_focus != NULL ?
		    p->id_focus : p->id);
		r->cells[0].flags = GC_NOWRAP;
		link(g, &r->cells[1], &p->c, p->c.title);
		if (relist && p->focus != NULL)
			text(g, &r->cells[1], "【再掲】");
		r->cells[1].flags = GC_ROWHEAD;
		summary(g, &r->cells[2], p->c.summary);
		text(g, &r->cells[3], word_status(p->status));
		r->cells[3].flags = GC_NOWRAP;
		departments(g, &r->cells[4], &p->c.departments);
	}
}

static const char *
pillar_name(struct gctx *g, const struct pillar *p)
{
	return arena_printf(g->a, "%s%s　%s",
	    label_or(g->b->plan.labels.pillar, ""),
	    p->number != NULL ? p->number : p->id != NULL ? p->id : "", p->title);
}

static void
pillar_tables(struct gctx *g)
{
	struct plan *pl = &g->b->plan;
	size_t i, k, n;

	for (i = 0; i < pl->npillars; i++) {
		struct pillar *p = &pl->pillars[i];
		struct gtable *t = project_table(g, pillar_name(g, p));

		/* Projects outside any category first, then each category's. */
		for (k = 0; k < p->nprojects; k++)
			if (p->projects[k]->category == NULL)
				project_rows(g, t, &p->projects[k], 1, 0, 1);
		for (k = 0; k < p->ncategories; k++) {
			struct category *ct = &p->categories[k];
			struct gtable *ctab = project_table(g, ct->title);

			text(g, group_row(g, t, GR_CATEGORY, ct), ct->title);
			project_rows(g, t, ct->projects, ct->nprojects, 0, 1);
			project_rows(g, ctab, ct->projects, ct->nprojects, 0, 1);
			ct->table = ctab;
		}
		p->table = t;
	}
	for (i = n = 0; i < g->b->nprojects; i++)
		if (g->b->projects[i].pillar == NULL)
			n++;
	if (n > 0) {
		struct gtable *t = project_table(g, arena_printf(g->a,
		    "%sの構成事業（%sに属さない事業）",
		    label_or(pl->labels.focus_area, "重点事業"),
		    label_or(pl->labels.pillar, "基本取組")));

		for (i = 0; i < g->b->nprojects; i++)
			if (g->b->projects[i].pillar == NULL) {
				struct project *p = &g->b->projects[i];

				project_rows(g, t, &p, 1, 1, 0);
			}
		g->b->t_nopillar = t;
	}
}

static void
focus_tables(struct gctx *g)
{
	const struct plan *pl = &g->b->plan;
	const char *const h[] = { "番号", label_or(pl->labels.focus_area,
	    "重点事業"), "概要", "構成事業", label_or(pl->labels.lead_department,
	    "主管課") };
	struct gtable *all = table(g, arena_printf(g->a, "%s一覧",
	    label_or(pl->labels.focus_area, "重点事業")), "focus-list", h, 5);
	size_t i, k;

	all->empty = "該当する事業はありません。";
	for (i = 0; i < g->b->nfocus; i++) {
		struct focus_area *f = &g->b->focus[i];
		struct gtable *t = project_table(g, arena_printf(g->a,
		    "%s%s%sの構成事業", f->id != NULL ? f->id : "",
		    f->id != NULL ? "　" : "", f->c.title));
		struct grow *r = row(g, all);

		project_rows(g, t, f->members, f->nmembers, 1, 0);
		f->table = t;
		r->ref_kind = GR_FOCUS;
		r->ref = f;
		text(g, &r->cells[0], f->id);
		r->cells[0].flags = GC_NOWRAP;
		link(g, &r->cells[1], &f->c, f->c.title);
		r->cells[1].flags = GC_ROWHEAD;
		summary(g, &r->cells[2], f->c.summary);
		for (k = 0; k < f->nmembers; k++) {
			const struct project *p = f->members[k];

			if (k > 0)
				brk(g, &r->cells[3]);
			text(g, &r->cells[3], arena_printf(g->a, "%s　",
			    p->id_focus != NULL ? p->id_focus : p->id));
			link(g, &r->cells[3], &p->c, p->c.title);
		}
		if (f->nmembers == 0)
			dash(g, &r->cells[3]);
		departments(g, &r->cells[4], &f->c.departments);
	}
	g->b->t_focus = all;
}

/* ------------------------------------------------------------------ */
/* 共通事項, plan indicators, history                                  */
/* ------------------------------------------------------------------ */

static void
common_table(struct gctx *g)
{
	static const char *const h[] = { "番号", "共通事項", "内容" };
	const struct plan *pl = &g->b->plan;
	struct gtable *t = table(g, "共通事項", "common-items", h, 3);
	size_t i;

	for (i = 0; i < pl->ncommon_items; i++) {
		const struct common_item *it = &pl->common_items[i];
		struct grow *r = row(g, t);

		text(g, &r->cells[0], it->id);
		r->cells[0].flags = GC_NOWRAP;
		text(g, &r->cells[1], it->title);
		r->cells[1].flags = GC_ROWHEAD;
		text(g, &r->cells[2], it->summary);
	}
	g->b->t_common = t;
}

static void
indicator_table(struct gctx *g)
{
	static const char *const h[] = { "指標", "基準値", "目標値" };
	const struct plan *pl = &g->b->plan;
	struct gtable *t;
	size_t i;

	if (pl->nindicators == 0)
		return;
	t = table(g, "計画全体の成果指標と目標値", "plan-indicators", h, 3);
	for (i = 0; i < pl->nindicators; i++) {
		const struct plan_indicator *pi = &pl->indicators[i];
		struct grow *r = row(g, t);
		struct gcell *c;

		text(g, &r->cells[0], pi->name);
		r->cells[0].flags = GC_ROWHEAD;
		c = &r->cells[1];
		c->flags = GC_NUM;
		if (pi->has_baseline) {
			value(g, c, &pi->baseline, pi->unit);
			if (pi->has_baseline_as_of) {
				brk(g, c);
				text(g, c, "（");
				dated(g, c, &pi->baseline_as_of, 0);
				text(g, c, "時点）");
			}
		}
		c = &r->cells[2];
		c->flags = GC_NUM;
		if (pi->has_target) {
			value(g, c, &pi->target, pi->unit);
			if (pi->target_year > 0) {
				brk(g, c);
				text(g, c, "（");
				dated(g, c, NULL, pi->target_year);
				text(g, c, "）");
			}
		}
	}
	g->b->t_indicators = t;
}

static void
history_table(struct gctx *g)
{
	static const char *const h[] = { "版", "日付", "内容" };
	const struct plan *pl = &g->b->plan;
	struct gtable *t;
	size_t i;

	if (pl->nhistory == 0)
		return;
	t = table(g, "改定履歴", "history", h, 3);
	for (i = 0; i < pl->nhistory; i++) {
		const struct history_entry *he = &pl->history[i];
		struct grow *r = row(g, t);

		text(g, &r->cells[0], he->edition);
		r->cells[0].flags = GC_ROWHEAD | GC_NOWRAP;
		dated(g, &r->cells[1], &he->date, 0);
		r->cells[1].flags = GC_NOWRAP;
		text(g, &r->cells[2], he->summary);
	}
	g->b->t_history = t;
}

/* ------------------------------------------------------------------ */
/* 新旧対照表                                                          */
/* ------------------------------------------------------------------ */

static int
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static struct gtable *
count_table(struct gctx *g)
{
	static const char *const h[] = { "区分", "件数" };
	const struct build *b = g->b;
	struct gtable *t = table(g, "事業の継続・終了・新規の件数",
	    "register-counts", h, 2);
	const char *names[3] = { "継続（前計画から引き継ぐ事業）",
	    "終了（前計画で終了する事業）", "新規（本計画で新たに始める事業）" };
	int n[3];
	size_t i;

	n[0] = b->reg->n_continued;
	n[1] = b->reg->n_ended;
	n[2] = b->n_new;
	for (i = 0; i < 3; i++) {
		struct grow *r = row(g, t);

		text(g, &r->cells[0], names[i]);
		r->cells[0].flags = GC_ROWHEAD;
		text(g, &r->cells[1], arena_printf(g->a, "%d件", n[i]));
		r->cells[1].flags = GC_NUM | GC_NOWRAP;
	}
	return t;
}

/*
 * The 新旧対照表: per old project its id, title, then per successor the
 * relation, the new id and the new title linked to its sheet (one line
 * each), or 終了 and dashes; 備考: 【再掲】, the reason, the remark. The
 * old plan's groups head groups of rows.
 */
static struct gtable *
register_table(struct gctx *g)
{
	static const char *const h[] = { "前計画の番号", "前計画の事業名",
	    "対応", "本計画の番号", "本計画の事業名", "備考" };
	const struct reg *rg = g->b->reg;
	const char *pred = rg->plan_title != NULL ? rg->plan_title :
	    g->b->plan.pred_title != NULL ? g->b->plan.pred_title : "前計画";
	struct gtable *t = table(g, arena_printf(g->a,
	    "新旧対照表（前計画：%s）", pred), "register", h, 6);
	size_t i, k;
	int groups = 0;

	for (i = 0; i < rg->n; i++)
		if (rg->v[i].group != NULL)
			groups = 1;
	for (i = 0; i < rg->n; i++) {
		const struct reg_entry *e = &rg->v[i];
		struct grow *r;
		struct gcell *c;

		if (groups && (i == 0 || !same_str(rg->v[i - 1].group, e->group)))
			text(g, group_row(g, t, GR_NONE, NULL), e->group != NULL ?
			    e->group : "（区分なし）");
		r = row(g, t);
		r->ref_kind = GR_REG;
		r->ref = e;
		c = r->cells;
		text(g, &c[0], e->id);
		c[0].flags = GC_NOWRAP;
		text(g, &c[1], e->title);
		c[1].flags = GC_ROWHEAD;
		c[3].flags = GC_NOWRAP;
		if (e->disposition == DISP_ENDED || e->nsuccessors == 0) {
			text(g, &c[2], word_disposition(e->disposition));
			dash(g, &c[3]);
			dash(g, &c[4]);
		} else {
			for (k = 0; k < e->nsuccessors; k++) {
				const struct successor *su = &e->successors[k];

				if (k > 0) {
					brk(g, &c[2]);
					brk(g, &c[3]);
					brk(g, &c[4]);
				}
				text(g, &c[2], word_relation(su->relation));
				text(g, &c[3], su->id);
				if (su->sheet != NULL)
					link(g, &c[4], su->sheet, su->sheet->title);
			}
		}
		if (e->relisted)
			text(g, &c[5], "【再掲】");
		text(g, &c[5], e->reason);
		if (e->remark != NULL) {
			if (e->reason != NULL || e->relisted)
				brk(g, &c[5]);
			text(g, &c[5], e->remark);
		}
	}
	return t;
}

static void
register_tables(struct gctx *g)
{
	struct gtable *counts, *reg, *fresh;
	struct project *p;
	size_t i;

	if (g->b->reg == NULL)
		return;
	counts = count_table(g);
	reg = register_table(g);
	counts->next = reg;
	if (g->b->n_new > 0) {
		fresh = project_table(g, "本計画で新たに始める事業（新規）");
		for (i = 0; i < g->b->nprojects; i++)
			if (g->b->projects[i].status == STATUS_NEW) {
				p = &g->b->projects[i];
				project_rows(g, fresh, &p, 1, 0, 0);
			}
		reg->next = fresh;
	}
	g->b->t_register = counts;
}

/* ------------------------------------------------------------------ */
/* 主管課別一覧                                                        */
/* ------------------------------------------------------------------ */

static void
department_table(struct gctx *g)
{
	const char *const h[] = { label_or(g->b->plan.labels.lead_department,
	    "主管課"), "事業" };
	struct gtable *t = table(g, "主管課別一覧", "departments", h, 2);
	size_t i, k;

	for (i = 0; i < g->b->ndepts; i++) {
		const struct department *d = &g->b->depts[i];
		struct grow *r;

		if (d->pseudo)
			continue;
		r = row(g, t);
		r->ref_kind = GR_DEPT;
		r->ref = d;
		(void)piece(g, &r->cells[0], GP_NAME, d->name);
		if (d->division != NULL)
			text(g, &r->cells[0], arena_printf(g->a, "（%s）",
			    d->division));
		r->cells[0].flags = GC_ROWHEAD;
		for (k = 0; k < d->nprojects; k++) {
			const struct project *p = d->projects[k];

			if (k > 0)
				brk(g, &r->cells[1]);
			text(g, &r->cells[1], arena_printf(g->a, "%s　", p->id));
			link(g, &r->cells[1], &p->c, p->c.title);
		}
		if (d->nprojects == 0)
			dash(g, &r->cells[1]);
	}
	g->b->t_departments = t;
}

/* ------------------------------------------------------------------ */
/* The generated blocks of the documents                               */
/* ------------------------------------------------------------------ */

static const struct gtable *
block_table(struct gctx *g, const struct generated *gen)
{
	const struct build *b = g->b;
	size_t i, k;

	switch (gen->kind) {
	case GEN_PROJECTS:
		if (gen->arg_name == NULL || gen->arg_value == NULL)
			break;	/* md.c requires pillar=, focus= or category= */
		if (strcmp(gen->arg_name, "pillar") == 0) {
			for (i = 0; i < b->plan.npillars; i++)
				if (same_str(b->plan.pillars[i].id, gen->arg_value))
					return b->plan.pillars[i].table;
		} else if (strcmp(gen->arg_name, "focus") == 0) {
			for (i = 0; i < b->nfocus; i++)
				if (same_str(b->focus[i].c.key, gen->arg_value))
					return b->focus[i].table;
		} else if (strcmp(gen->arg_name, "category") == 0) {
			for (i = 0; i < b->plan.npillars; i++)
				for (k = 0; k < b->plan.pillars[i].ncategories; k++)
					if (same_str(b->plan.pillars[i].categories[k].key,
					    gen->arg_value))
						return b->plan.pillars[i].categories[k].table;
		}
		break;
	case GEN_FOCUS_AREAS:
		return b->t_focus;
	case GEN_COMMON_ITEMS:
		return b->t_common;
	case GEN_INDICATORS:
		return b->t_indicators;
	case GEN_REGISTER:
		return b->t_register;
	case GEN_DEPARTMENTS:
		return b->t_departments;
	case GEN_HISTORY:
		return b->t_history;
	case GEN_TAXONOMY:
	case GEN_GLOSSARY:
		break;
	}
	return NULL;
}

static void
blocks(struct gctx *g, struct block *bl)
{
	for (; bl != NULL; bl = bl->next) {
		if (bl->type == BLK_GENERATED && bl->gen != NULL)
			bl->gen->table = block_table(g, bl->gen);
		blocks(g, bl->children);
	}
}

static void
doc(struct gctx *g, struct doc *d)
{
	struct footnote *fn;

	blocks(g, d->blocks);
	for (fn = d->footnotes; fn != NULL; fn = fn->next)
		blocks(g, fn->blocks);
}

void
resolve_tables(struct build *b)
{
	struct gctx g;
	size_t i;

	g.b = b;
	g.a = &b->arena;
	pillar_tables(&g);
	focus_tables(&g);
	common_table(&g);
	indicator_table(&g);
	history_table(&g);
	register_tables(&g);
	department_table(&g);
	resolve_taxonomy(b);
	for (i = 0; i < b->nchapters; i++)
		doc(&g, &b->chapters[i].doc);
	for (i = 0; i < b->nfocus; i++)
		doc(&g, &b->focus[i].c.body.doc);
	for (i = 0; i < b->nprojects; i++)
		doc(&g, &b->projects[i].c.body.doc);
}

/* ------------------------------------------------------------------ */
/* Plain text                                                          */
/* ------------------------------------------------------------------ */

void
gtable_cell_text(struct buf *out, const struct gcell *c, const char *br)
{
	const struct gpiece *p;

	for (p = c->pieces; p != NULL; p = p->next)
		buf_puts(out, p->kind == GP_BREAK ? br : p->text);
}
