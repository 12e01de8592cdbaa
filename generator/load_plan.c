/*
 * load_plan.c: plan.yaml, departments.yaml, glossary.yaml and the
 * predecessor register (content-format.md sections 4, 5 and 8).
 *
 * The tables below are the format's keys, with their types and whether they
 * are required; fm_check() (load_check.c) enforces them. Required fields:
 *
 *   plan.yaml            city, plan
 *   city                 name
 *   mayor                (none)
 *   plan                 key, title; period when kind is plan
 *   period               from, to
 *   as_of                year (month null or absent: unknown, ●月)
 *   predecessor          key
 *   history entry        edition, date
 *   goal                 id, title
 *   pillar               id, title
 *   category             key, title
 *   common item          id, title
 *   plan indicator       name
 *   baseline, target     value
 *   volume               key
 *   department           key, name
 *   term                 key, term, definition
 *   expansion            text
 *   register             plan, projects
 *   register plan        (none)
 *   register entry       id, title, disposition
 *
 * Spans. A record's span (a department, term, goal, pillar, category,
 * common item, volume, register entry) is where its key or id is written:
 * the checks that come later (duplicates, unused terms, orphans) are about
 * that key. A missing field is reported here at the record's mapping.
 *
 * Defaults, applied before plan.yaml is read (content-format.md section 4):
 *   kind plan, status draft, draft_label （案） (a null draft_label is ""),
 *   labels as shown in section 4, numbering as shown in section 4
 *   (project_in_category none), years long / short, glossary 用語集 /
 *   reading / ※{n}, base_url "/", PDF A4 with BIZ UDMincho and BIZ
 *   UDGothic (the default; JIS X 4051's full-width grid), no watermark. Volumes: see lc_finish_volumes().
 */
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "load_int.h"
#include "md.h"

/* --- plan.yaml --- */

static const struct field f_planfile[] = {
	{ "city", FT_MAP, F_REQ },
	{ "plan", FT_MAP, F_REQ },
	{ "taxonomy", FT_MAP, 0 },
	{ "labels", FT_MAP, 0 },
	{ "numbering", FT_MAP, 0 },
	{ "years", FT_MAP, 0 },
	{ "glossary", FT_MAP, 0 },
	{ "plan_indicators", FT_SEQ, 0 },
	{ "volumes", FT_SEQ, 0 },
	{ "output", FT_MAP, 0 },
};
FSPEC(planfile, "plan.yaml");

static const struct field f_city[] = {
	{ "name", FT_STR, F_REQ },
	{ "prefecture", FT_STR, 0 },
	{ "mayor", FT_MAP, 0 },
};
FSPEC(city, "plan.yaml 'city'");

static const struct field f_mayor[] = {
	{ "title", FT_STR, 0 },
	{ "name", FT_STR, 0 },
};
FSPEC(mayor, "'mayor'");

static const struct field f_plan[] = {
	{ "key", FT_ID, F_REQ },
	{ "title", FT_STR, F_REQ },
	{ "tagline", FT_STR, 0 },
	{ "kind", FT_ANY, 0 },
	{ "period", FT_MAP, 0 },
	{ "status", FT_ANY, 0 },
	{ "draft_label", FT_STR, F_NULL },
	{ "edition", FT_STR, 0 },
	{ "as_of", FT_ANY, 0 },
	{ "issued", FT_DATE, 0 },
	{ "publisher", FT_ID, 0 },
	{ "predecessor", FT_MAP, 0 },
	{ "history", FT_SEQ, 0 },
};
FSPEC(plan, "plan.yaml 'plan'");

static const struct field f_period[] = {
	{ "from", FT_YEAR, F_REQ },
	{ "to", FT_YEAR, F_REQ },
};
FSPEC(period, "'period'");

static const struct field f_asof[] = {
	{ "year", FT_INT, F_REQ },
	{ "month", FT_ANY, F_NULL },
};
FSPEC(asof, "'as_of'");

static const struct field f_pred[] = {
	{ "key", FT_ID, F_REQ },
	{ "title", FT_STR, 0 },
	{ "register", FT_STR, 0 },
};
FSPEC(pred, "'predecessor'");

static const struct field f_history[] = {
	{ "edition", FT_STR, F_REQ },
	{ "date", FT_DATE, F_REQ },
	{ "summary", FT_STR, 0 },
};
FSPEC(history, "a 'history' entry");

static const struct field f_taxonomy[] = {
	{ "principle", FT_STR, 0 },
	{ "goals", FT_SEQ, 0 },
	{ "pillars", FT_SEQ, 0 },
	{ "common_items", FT_SEQ, 0 },
	{ "focus_areas", FT_SEQ, 0 },
};
FSPEC(taxonomy, "plan.yaml 'taxonomy'");

static const struct field f_goal[] = {
	{ "id", FT_ID, F_REQ },
	{ "title", FT_STR, F_REQ },
};
FSPEC(goal, "a goal");

static const struct field f_pillar[] = {
	{ "id", FT_ID, F_REQ },
	{ "title", FT_STR, F_REQ },
	{ "goal", FT_ID, 0 },
	{ "sdgs", FT_SEQ, 0 },
	{ "categories", FT_SEQ, 0 },
};
FSPEC(pillar, "a pillar");

static const struct field f_category[] = {
	{ "key", FT_ID, F_REQ },
	{ "title", FT_STR, F_REQ },
};
FSPEC(category, "a category");

static const struct field f_common[] = {
	{ "id", FT_ID, F_REQ },
	{ "title", FT_STR, F_REQ },
	{ "summary", FT_STR, 0 },
};
FSPEC(common, "a common item");

static const struct field f_labels[] = {
	{ "goal", FT_STR, 0 },
	{ "pillar", FT_STR, 0 },
	{ "focus_area", FT_STR, 0 },
	{ "project", FT_STR, 0 },
	{ "outcome", FT_STR, 0 },
	{ "output", FT_STR, 0 },
	{ "lead_department", FT_STR, 0 },
};
FSPEC(labels, "plan.yaml 'labels'");

static const struct field f_numbering[] = {
	{ "chapter", FT_STR, 0 },
	{ "sections", FT_SEQ, 0 },
	{ "appendix", FT_STR, 0 },
	{ "pillar", FT_STR, 0 },
	{ "focus_area", FT_STR, 0 },
	{ "project_in_focus", FT_STR, 0 },
	{ "project_in_pillar", FT_STR, 0 },
	{ "project_in_category", FT_STR, F_NULL },
	{ "figure", FT_STR, 0 },
	{ "table", FT_STR, 0 },
};
FSPEC(numbering, "plan.yaml 'numbering'");

static const struct field f_years[] = {
	{ "style", FT_ANY, 0 },
	{ "short_style", FT_ANY, 0 },
};
FSPEC(years, "plan.yaml 'years'");

static const struct field f_glossopt[] = {
	{ "title", FT_STR, 0 },
	{ "order", FT_ANY, 0 },
	{ "marker", FT_ANY, 0 },
};
FSPEC(glossopt, "plan.yaml 'glossary'");

static const struct field f_pind[] = {
	{ "name", FT_STR, F_REQ },
	{ "unit", FT_STR, 0 },
	{ "baseline", FT_MAP, 0 },
	{ "target", FT_MAP, 0 },
};
FSPEC(pind, "a plan indicator");

static const struct field f_baseline[] = {
	{ "value", FT_ANY, F_REQ },
	{ "as_of", FT_DATE, 0 },
};
FSPEC(baseline, "'baseline'");

static const struct field f_ptarget[] = {
	{ "value", FT_ANY, F_REQ },
	{ "year", FT_YEAR, 0 },
};
FSPEC(ptarget, "'target'");

static const struct field f_volume[] = {
	{ "key", FT_ID, F_REQ },
	{ "title", FT_STR, 0 },
	{ "orientation", FT_ANY, 0 },
	{ "contents", FT_SEQ, 0 },
};
FSPEC(volume, "a volume");

static const struct field f_output[] = {
	{ "html", FT_MAP, 0 },
	{ "pdf", FT_MAP, 0 },
};
FSPEC(output, "plan.yaml 'output'");

static const struct field f_html[] = {
	{ "base_url", FT_STR, 0 },
	{ "site_url", FT_STR, 0 },
};
FSPEC(html, "'output.html'");

static const struct field f_pdf[] = {
	{ "size", FT_STR, 0 },
	{ "body_font", FT_STR, 0 },
	{ "heading_font", FT_STR, 0 },
	{ "watermark_when_draft", FT_STR, 0 },
};
FSPEC(pdf, "'output.pdf'");

/* --- departments.yaml, glossary.yaml, the register --- */

static const struct field f_dept[] = {
	{ "key", FT_ID, F_REQ },
	{ "name", FT_STR, F_REQ },
	{ "division", FT_STR, 0 },
	{ "reading", FT_STR, 0 },
	{ "aliases", FT_SEQ, 0 },
	{ "pseudo", FT_BOOL, 0 },
};
FSPEC(dept, "a department");

static const struct field f_term[] = {
	{ "key", FT_ID, F_REQ },
	{ "term", FT_STR, F_REQ },
	{ "reading", FT_STR, 0 },
	{ "expansion", FT_ANY, 0 },
	{ "ja", FT_STR, 0 },
	{ "definition", FT_STR, F_REQ },
	{ "trademark", FT_STR, 0 },
	{ "listed", FT_BOOL, 0 },
};
FSPEC(term, "a glossary term");

static const struct field f_expansion[] = {
	{ "text", FT_STR, F_REQ },
	{ "lang", FT_STR, 0 },
};
FSPEC(expansion, "'expansion'");

static const struct field f_reg[] = {
	{ "plan", FT_MAP, F_REQ },
	{ "projects", FT_SEQ, F_REQ },
};
FSPEC(reg, "the register");

static const struct field f_regplan[] = {
	{ "key", FT_ID, 0 },
	{ "title", FT_STR, 0 },
	{ "period", FT_MAP, 0 },
};
FSPEC(regplan, "the register's 'plan'");

static const struct field f_regentry[] = {
	{ "id", FT_ID, F_REQ },
	{ "title", FT_STR, F_REQ },
	{ "departments", FT_SEQ, 0 },
	{ "disposition", FT_ANY, F_REQ },
	{ "reason", FT_STR, 0 },
	{ "group", FT_STR, 0 },
	{ "relisted", FT_BOOL, 0 },
	{ "remark", FT_STR, 0 },
};
FSPEC(regentry, "a register entry");

/* --- words --- */

static const char *const kind_words[] = { "plan", "policy" };
static const char *const status_words[] = {
	"draft", "public_comment", "council", "final"
};
static const char *const style_words[] = { "long", "era", "short", "western" };
static const char *const order_words[] = { "reading", "file" };
/* The ※ marker styles of content-format.md section 4 (resolve numbers {n}). */
static const char *const marker_words[] = { "※{n}", "*{n}", "※" };
static const char *const orient_words[] = { "portrait", "landscape" };
static const char *const disp_words[] = { "continued", "ended" };
static const char *const content_words[] = {
	"chapters", "focus_areas", "projects", "lists", "register", "history",
	"glossary"
};
static const enum vol_part content_parts[] = {
	VOL_CHAPTERS, VOL_FOCUS_AREAS, VOL_PROJECTS, VOL_LISTS, VOL_REGISTER,
	VOL_HISTORY, VOL_GLOSSARY
};

/* Iterates over the items of a list that fm_check() accepted (NULL is empty). */
#define SEQ_N(n) ((n) != NULL && (n)->type == YNODE_SEQ ? (n)->nitems : 0)

static char *
str_or(const struct fmap *fm, const char *name, char *def)
{
	char *s = fm_str(fm, name);

	return s != NULL ? s : def;
}

static void
plan_defaults(struct lctx *lc)
{
	struct plan *p = &lc->b->plan;
	struct numbering *nb = &p->numbering;
	struct labels *lb = &p->labels;

	p->file = "plan.yaml";
	p->span = (struct span){ lc_path(lc, "plan.yaml"), 0, 0 };
	p->key_span = p->span;
	p->issued_span = p->span;
	p->city_name = "";
	p->key = "";
	p->title = "";
	p->kind = PLAN_KIND_PLAN;
	p->status = PLAN_DRAFT;
	p->draft_label = "（案）";
	lb->goal = "目指す姿";
	lb->pillar = "基本取組";
	lb->focus_area = "重点事業";
	lb->project = "個別事業";
	lb->outcome = "成果（アウトカム）";
	lb->output = "実績（アウトプット）";
	lb->lead_department = "主管課";
	nb->chapter = "第{n}章";
	nb->sections[0] = "{chapter}-{n}";
	nb->sections[1] = "({n})";
	nb->sections[2] = "({n:katakana})";
	nb->nsections = 3;
	nb->appendix = "資料{n}";
	nb->pillar = "＜{n}＞";
	nb->focus_area = "重点事業{n:circled}";
	nb->project_in_focus = "{focus:circled}-{n}";
	nb->project_in_pillar = "{pillar}-{n}";
	nb->project_in_category = NULL;
	nb->figure = "図{chapter}-{n}";
	nb->table = "表{chapter}-{n}";
	p->year_style = FY_STYLE_LONG;
	p->year_short_style = FY_STYLE_SHORT;
	p->glossary_title = "用語集";
	p->glossary_by_reading = 1;
	p->glossary_marker = "※{n}";
	p->base_url = "/";
	p->pdf_size = "A4";
	p->body_font = "BIZ UDMincho";
	p->heading_font = "BIZ UDGothic";
	p->watermark = NULL;
}

static void
load_period(struct lctx *lc, const struct ynode *n, int *from, int *to,
    int *has)
{
	struct fmap fm;
	int f, t;

	if (n == NULL || fm_check(lc, n, &s_period, &fm) != 0)
		return;
	if (!fm_year(&fm, "from", &f) || !fm_year(&fm, "to", &t))
		return;
	if (f > t) {
		struct span sp = fm_span(&fm, "from");

		diag_error(lc->d, &sp, "bad-range", "the period starts in "
		    "'%s', after it ends in '%s'; swap from and to",
		    fm_str(&fm, "from"), fm_str(&fm, "to"));
		return;
	}
	*from = f;
	*to = t;
	*has = 1;
}

static void
load_as_of(struct lctx *lc, const struct ynode *n)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *m;
	struct kdate kd;
	struct fmap fm;
	long long v;

	p->as_of_span = n->span;
	if (n->type == YNODE_SCALAR) {
		/* as_of: R8.3 or 令和8年●月, a date written as one value */
		if (lc_date(lc, n, &kd) == 0) {
			p->as_of_year = kd.year;
			p->as_of_month = kd.month;
		}
		return;
	}
	if (fm_check(lc, n, &s_asof, &fm) != 0)
		return;
	if (fm_int(&fm, "year", &v)) {
		struct span ysp = fm_span(&fm, "year");

		if (v < FY_MIN_YEAR || v > FY_MAX_YEAR)
			diag_error(lc->d, &ysp, "bad-date", "'as_of' year %lld is out of range "
			    "(%d to %d)", v, FY_MIN_YEAR, FY_MAX_YEAR);
		else
			p->as_of_year = (int)v;
	}
	/* "●月 in a final plan" (validate) is about the month: point at it. */
	if (fm_has(&fm, "month"))
		p->as_of_span = fm_span(&fm, "month");
	m = fm_get(&fm, "month");
	if (m == NULL || yaml_is_null(m) ||
	    (m->type == YNODE_SCALAR && strcmp(m->str, "●") == 0))
		return;		/* unknown: printed ●月 */
	if (yaml_get_int(m, &v) != 0 || v < 1 || v > 12) {
		struct buf msg = {0};

		buf_puts(&msg, "'as_of' month must be 1 to 12, or null while "
		    "it is not known; got ");
		lc_describe(&msg, m);
		diag_error(lc->d, &m->span, "bad-date", "%s", buf_str(&msg));
		buf_free(&msg);
		return;
	}
	p->as_of_month = (int)v;
}

static void
load_history(struct lctx *lc, const struct ynode *seq)
{
	struct plan *p = &lc->b->plan;
	struct fmap fm;
	size_t i;

	p->history = ARENA_NEWN(lc->a, struct history_entry, SEQ_N(seq));
	for (i = 0; i < SEQ_N(seq); i++) {
		struct history_entry *h = &p->history[p->nhistory];

		if (fm_check(lc, seq->items[i], &s_history, &fm) != 0)
			continue;
		if (fm_str(&fm, "edition") == NULL ||
		    !fm_date(&fm, "date", &h->date))
			continue;
		h->edition = fm_str(&fm, "edition");
		h->summary = fm_str(&fm, "summary");
		h->span = fm.span;
		p->nhistory++;
	}
}

static void
load_plan_plan(struct lctx *lc, const struct ynode *n)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *v;
	struct fmap fm, pm;
	int w;

	if (fm_check(lc, n, &s_plan, &fm) != 0)
		return;
	p->key = str_or(&fm, "key", "");
	p->key_span = fm_span(&fm, "key");
	p->title = str_or(&fm, "title", "");
	p->tagline = fm_str(&fm, "tagline");
	if ((v = fm_get(&fm, "kind")) != NULL &&
	    (w = lc_word(lc, v, "plan kind", kind_words,
	    KK_ARRAY_LEN(kind_words))) >= 0)
		p->kind = (enum plan_kind)w;
	if ((v = fm_get(&fm, "period")) != NULL) {
		p->period_span = v->span;
		load_period(lc, v, &p->from, &p->to, &p->has_period);
	} else if (p->kind == PLAN_KIND_PLAN && !fm_has(&fm, "period"))
		diag_error(lc->d, &fm.span, "missing-field", "missing 'period' "
		    "in plan.yaml 'plan' (every plan with kind: plan has one; "
		    "write kind: policy for a 方針 without a period)");
	if ((v = fm_get(&fm, "status")) != NULL &&
	    (w = lc_word(lc, v, "plan status", status_words,
	    KK_ARRAY_LEN(status_words))) >= 0)
		p->status = (enum plan_status)w;
	if ((v = fm_get(&fm, "draft_label")) != NULL)
		p->draft_label = yaml_is_null(v) ? "" : v->str;
	p->edition = fm_str(&fm, "edition");
	if ((v = fm_get(&fm, "as_of")) != NULL)
		load_as_of(lc, v);
	p->has_issued = fm_date(&fm, "issued", &p->issued);
	p->issued_span = fm_span(&fm, "issued");
	if ((v = fm_get(&fm, "publisher")) != NULL) {
		p->publisher_ref.key = v->str;
		p->publisher_ref.span = v->span;
	}
	if ((v = fm_get(&fm, "predecessor")) != NULL &&
	    fm_check(lc, v, &s_pred, &pm) == 0) {
		p->pred_span = pm.span;
		p->pred_key = fm_str(&pm, "key");
		p->pred_title = fm_str(&pm, "title");
		p->pred_register = fm_str(&pm, "register");
		lc->reg_span = fm_span(&pm, "register");
	}
	if ((v = fm_get(&fm, "history")) != NULL)
		load_history(lc, v);
}

static void
load_city(struct lctx *lc, const struct ynode *n)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *v;
	struct fmap fm, mm;

	if (fm_check(lc, n, &s_city, &fm) != 0)
		return;
	p->city_name = str_or(&fm, "name", "");
	p->prefecture = fm_str(&fm, "prefecture");
	if ((v = fm_get(&fm, "mayor")) != NULL &&
	    fm_check(lc, v, &s_mayor, &mm) == 0) {
		p->mayor_title = fm_str(&mm, "title");
		p->mayor_name = fm_str(&mm, "name");
	}
}

static void
load_taxonomy(struct lctx *lc, const struct ynode *n)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *goals, *pillars, *common, *focus, *cats, *sdgs, *it;
	struct fmap fm, im, cm;
	size_t i, j;
	long long v;

	if (fm_check(lc, n, &s_taxonomy, &fm) != 0)
		return;
	p->principle = fm_str(&fm, "principle");

	goals = fm_get(&fm, "goals");
	p->goals = ARENA_NEWN(lc->a, struct goal, SEQ_N(goals));
	for (i = 0; i < SEQ_N(goals); i++) {
		struct goal *g = &p->goals[p->ngoals];

		if (fm_check(lc, goals->items[i], &s_goal, &im) != 0 ||
		    fm_str(&im, "id") == NULL || fm_str(&im, "title") == NULL)
			continue;
		g->id = fm_str(&im, "id");
		g->title = fm_str(&im, "title");
		g->span = fm_span(&im, "id");
		p->ngoals++;
	}

	pillars = fm_get(&fm, "pillars");
	p->pillars = ARENA_NEWN(lc->a, struct pillar, SEQ_N(pillars));
	for (i = 0; i < SEQ_N(pillars); i++) {
		struct pillar *pl = &p->pillars[p->npillars];

		if (fm_check(lc, pillars->items[i], &s_pillar, &im) != 0 ||
		    fm_str(&im, "id") == NULL || fm_str(&im, "title") == NULL)
			continue;
		pl->id = fm_str(&im, "id");
		pl->title = fm_str(&im, "title");
		pl->span = fm_span(&im, "id");
		if ((it = fm_get(&im, "goal")) != NULL) {
			pl->goal_ref.key = it->str;
			pl->goal_ref.span = it->span;
		}
		sdgs = fm_get(&im, "sdgs");
		pl->sdgs = ARENA_NEWN(lc->a, int, SEQ_N(sdgs));
		for (j = 0; j < SEQ_N(sdgs); j++) {
			it = sdgs->items[j];
			if (yaml_get_int(it, &v) != 0 || v < 1 || v > 17) {
				struct buf msg = {0};

				buf_puts(&msg, "an SDG is a goal number from 1 "
				    "to 17, got ");
				lc_describe(&msg, it);
				diag_error(lc->d, &it->span, "bad-value", "%s",
				    buf_str(&msg));
				buf_free(&msg);
				continue;
			}
			pl->sdgs[pl->nsdgs++] = (int)v;
		}
		cats = fm_get(&im, "categories");
		pl->categories = ARENA_NEWN(lc->a, struct category,
		    SEQ_N(cats));
		for (j = 0; j < SEQ_N(cats); j++) {
			struct category *c = &pl->categories[pl->ncategories];

			if (fm_check(lc, cats->items[j], &s_category, &cm) != 0 ||
			    fm_str(&cm, "key") == NULL ||
			    fm_str(&cm, "title") == NULL)
				continue;
			c->key = fm_str(&cm, "key");
			c->title = fm_str(&cm, "title");
			c->span = fm_span(&cm, "key");
			c->pillar = pl;
			pl->ncategories++;
		}
		p->npillars++;
	}

	common = fm_get(&fm, "common_items");
	p->common_items = ARENA_NEWN(lc->a, struct common_item,
	    SEQ_N(common));
	for (i = 0; i < SEQ_N(common); i++) {
		struct common_item *c = &p->common_items[p->ncommon_items];

		if (fm_check(lc, common->items[i], &s_common, &im) != 0 ||
		    fm_str(&im, "id") == NULL || fm_str(&im, "title") == NULL)
			continue;
		c->id = fm_str(&im, "id");
		c->title = fm_str(&im, "title");
		c->summary = fm_str(&im, "summary");
		c->span = fm_span(&im, "id");
		p->ncommon_items++;
	}

	focus = fm_get(&fm, "focus_areas");
	p->focus_keys = ARENA_NEWN(lc->a, struct ref, SEQ_N(focus));
	for (i = 0; i < SEQ_N(focus); i++) {
		it = focus->items[i];
		if (it->type != YNODE_SCALAR || yaml_is_null(it)) {
			struct buf msg = {0};

			buf_puts(&msg, "'focus_areas': each item must be the key "
			    "of a focus area file, got ");
			lc_describe(&msg, it);
			diag_error(lc->d, &it->span, "bad-type", "%s",
			    buf_str(&msg));
			buf_free(&msg);
			continue;
		}
		p->focus_keys[p->nfocus_keys].key = it->str;
		p->focus_keys[p->nfocus_keys].span = it->span;
		p->nfocus_keys++;
	}
}

static void
load_labels(struct lctx *lc, const struct ynode *n)
{
	struct labels *lb = &lc->b->plan.labels;
	struct fmap fm;

	if (fm_check(lc, n, &s_labels, &fm) != 0)
		return;
	lb->goal = str_or(&fm, "goal", lb->goal);
	lb->pillar = str_or(&fm, "pillar", lb->pillar);
	lb->focus_area = str_or(&fm, "focus_area", lb->focus_area);
	lb->project = str_or(&fm, "project", lb->project);
	lb->outcome = str_or(&fm, "outcome", lb->outcome);
	lb->output = str_or(&fm, "output", lb->output);
	lb->lead_department = str_or(&fm, "lead_department",
	    lb->lead_department);
}

static void
load_numbering(struct lctx *lc, const struct ynode *n)
{
	struct numbering *nb = &lc->b->plan.numbering;
	const struct ynode *secs, *it, *v;
	struct fmap fm;
	size_t i;

	if (fm_check(lc, n, &s_numbering, &fm) != 0)
		return;
	/* A pattern given, and where: a mistake in it is reported there. */
#define PATTERN(name) do {						\
		if (fm_str(&fm, #name) != NULL) {			\
			nb->name = fm_str(&fm, #name);			\
			nb->name##_span = fm_span(&fm, #name);		\
		}							\
	} while (0)
	PATTERN(chapter);
	PATTERN(appendix);
	PATTERN(pillar);
	PATTERN(focus_area);
	PATTERN(project_in_focus);
	PATTERN(project_in_pillar);
	PATTERN(figure);
	PATTERN(table);
#undef PATTERN
	if ((v = fm_get(&fm, "project_in_category")) != NULL) {
		nb->project_in_category = yaml_is_null(v) ? NULL : v->str;
		nb->project_in_category_span = v->span;
	}
	if ((secs = fm_get(&fm, "sections")) == NULL)
		return;
	nb->nsections = 0;
	for (i = 0; i < secs->nitems; i++) {
		it = secs->items[i];
		if (i >= KK_ARRAY_LEN(nb->sections)) {
			diag_error(lc->d, &it->span, "bad-value", "'sections' "
			    "has one pattern per heading level, ## to #####: "
			    "at most %zu", KK_ARRAY_LEN(nb->sections));
			break;
		}
		if (it->type != YNODE_SCALAR) {
			struct buf msg = {0};

			buf_puts(&msg, "'sections': each item must be a "
			    "pattern (\"\" for unnumbered), got ");
			lc_describe(&msg, it);
			diag_error(lc->d, &it->span, "bad-type", "%s",
			    buf_str(&msg));
			buf_free(&msg);
			nb->sections[nb->nsections++] = "";
			continue;
		}
		nb->section_spans[nb->nsections] = it->span;
		nb->sections[nb->nsections++] = yaml_is_null(it) ? "" : it->str;
	}
}

static void
load_years(struct lctx *lc, const struct ynode *n)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *v;
	struct fmap fm;
	int w;

	if (fm_check(lc, n, &s_years, &fm) != 0)
		return;
	if ((v = fm_get(&fm, "style")) != NULL &&
	    (w = lc_word(lc, v, "year style", style_words,
	    KK_ARRAY_LEN(style_words))) >= 0)
		(void)fy_style_parse(style_words[w], &p->year_style);
	if ((v = fm_get(&fm, "short_style")) != NULL &&
	    (w = lc_word(lc, v, "year style", style_words,
	    KK_ARRAY_LEN(style_words))) >= 0)
		(void)fy_style_parse(style_words[w], &p->year_short_style);
}

static void
load_glossopt(struct lctx *lc, const struct ynode *n)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *v;
	struct fmap fm;
	int w;

	if (fm_check(lc, n, &s_glossopt, &fm) != 0)
		return;
	p->glossary_title = str_or(&fm, "title", p->glossary_title);
	if ((v = fm_get(&fm, "marker")) != NULL &&
	    (w = lc_word(lc, v, "glossary marker", marker_words,
	    KK_ARRAY_LEN(marker_words))) >= 0)
		p->glossary_marker = (char *)marker_words[w];
	if ((v = fm_get(&fm, "order")) != NULL &&
	    (w = lc_word(lc, v, "glossary order", order_words,
	    KK_ARRAY_LEN(order_words))) >= 0)
		p->glossary_by_reading = w == 0;
}

static void
load_plan_indicators(struct lctx *lc, const struct ynode *seq)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *v;
	struct fmap fm, sm;
	size_t i;

	p->indicators = ARENA_NEWN(lc->a, struct plan_indicator, SEQ_N(seq));
	for (i = 0; i < SEQ_N(seq); i++) {
		struct plan_indicator *pi = &p->indicators[p->nindicators];

		if (fm_check(lc, seq->items[i], &s_pind, &fm) != 0 ||
		    fm_str(&fm, "name") == NULL)
			continue;
		pi->name = fm_str(&fm, "name");
		pi->unit = fm_str(&fm, "unit");
		pi->span = fm.span;
		if ((v = fm_get(&fm, "baseline")) != NULL &&
		    fm_check(lc, v, &s_baseline, &sm) == 0) {
			if ((v = fm_get(&sm, "value")) != NULL &&
			    lc_value(lc, v, &pi->baseline) == 0)
				pi->has_baseline = 1;
			pi->has_baseline_as_of = fm_date(&sm, "as_of",
			    &pi->baseline_as_of);
		}
		if ((v = fm_get(&fm, "target")) != NULL &&
		    fm_check(lc, v, &s_ptarget, &sm) == 0) {
			if ((v = fm_get(&sm, "value")) != NULL &&
			    lc_value(lc, v, &pi->target) == 0)
				pi->has_target = 1;
			(void)fm_year(&sm, "year", &pi->target_year);
		}
		p->nindicators++;
	}
}

static void
load_volumes(struct lctx *lc, const struct ynode *seq)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *v, *it;
	struct fmap fm;
	size_t i, j, k;
	int w;

	p->volumes = ARENA_NEWN(lc->a, struct volume, SEQ_N(seq));
	for (i = 0; i < SEQ_N(seq); i++) {
		struct volume *vol = &p->volumes[p->nvolumes];

		if (fm_check(lc, seq->items[i], &s_volume, &fm) != 0 ||
		    fm_str(&fm, "key") == NULL)
			continue;
		vol->key = fm_str(&fm, "key");
		vol->title_pattern = fm_str(&fm, "title");
		vol->span = fm_span(&fm, "key");
		vol->title_span = fm_span(&fm, "title");
		if ((v = fm_get(&fm, "orientation")) != NULL &&
		    (w = lc_word(lc, v, "orientation", orient_words,
		    KK_ARRAY_LEN(orient_words))) >= 0)
			vol->orientation = (char *)orient_words[w];
		if ((v = fm_get(&fm, "contents")) != NULL) {
			vol->has_contents = 1;
			vol->contents = ARENA_NEWN(lc->a, struct vol_content,
			    v->nitems);
			for (j = 0; j < v->nitems; j++) {
				struct vol_content *vc =
				    &vol->contents[vol->ncontents];

				it = v->items[j];
				if (it->type != YNODE_SCALAR ||
				    yaml_is_null(it)) {
					struct buf msg = {0};

					buf_puts(&msg, "'contents': each item "
					    "must be a word or a chapter key, "
					    "got ");
					lc_describe(&msg, it);
					diag_error(lc->d, &it->span, "bad-type",
					    "%s", buf_str(&msg));
					buf_free(&msg);
					continue;
				}
				vc->span = it->span;
				vc->part = VOL_CHAPTER;
				for (k = 0; k < KK_ARRAY_LEN(content_words); k++)
					if (strcmp(it->str,
					    content_words[k]) == 0)
						vc->part = content_parts[k];
				if (vc->part == VOL_CHAPTER)
					vc->key = it->str;
				vol->ncontents++;
			}
		}
		p->nvolumes++;
	}
}

static void
load_output(struct lctx *lc, const struct ynode *n)
{
	struct plan *p = &lc->b->plan;
	const struct ynode *v;
	struct fmap fm, sm;

	if (fm_check(lc, n, &s_output, &fm) != 0)
		return;
	if ((v = fm_get(&fm, "html")) != NULL &&
	    fm_check(lc, v, &s_html, &sm) == 0) {
		const char *u = fm_str(&sm, "base_url");

		/*
		 * The site's address, put before every page in the sitemap
		 * and the canonical links: a path from the server's top or
		 * an http(s) address, never another scheme.
		 */
		if (u != NULL && u[0] != '/' && strncmp(u, "https://", 8) != 0 &&
		    strncmp(u, "http://", 7) != 0) {
			struct buf msg = {0};
			struct span sp = fm_span(&sm, "base_url");

			buf_puts(&msg, "base_url '");
			lc_quote(&msg, u);
			buf_puts(&msg, "' is not the site's address: write a path "
			    "from the server's top (/dx/) or an https:// "
			    "address");
			diag_error(lc->d, &sp, "bad-value", "%s", buf_str(&msg));
			buf_free(&msg);
		} else if (u != NULL)
			p->base_url = (char *)u;
		/*
		 * The site's absolute address, for sitemap.xml (whose protocol
		 * wants absolute URLs); base_url stays the path that pages use.
		 */
		u = fm_str(&sm, "site_url");
		if (u != NULL && strncmp(u, "https://", 8) != 0 &&
		    strncmp(u, "http://", 7) != 0) {
			struct buf msg = {0};
			struct span sp = fm_span(&sm, "site_url");

			buf_puts(&msg, "site_url '");
			lc_quote(&msg, u);
			buf_puts(&msg, "' is not an absolute address: write it "
			    "as https://www.city.example.lg.jp/dx/");
			diag_error(lc->d, &sp, "bad-value", "%s", buf_str(&msg));
			buf_free(&msg);
		} else if (u != NULL)
			p->site_url = (char *)u;
	}
	if ((v = fm_get(&fm, "pdf")) != NULL &&
	    fm_check(lc, v, &s_pdf, &sm) == 0) {
		p->pdf_size = str_or(&sm, "size", p->pdf_size);
		p->body_font = str_or(&sm, "body_font", p->body_font);
		p->heading_font = str_or(&sm, "heading_font",
		    p->heading_font);
		p->pdf_size_span = fm_span(&sm, "size");
		p->body_font_span = fm_span(&sm, "body_font");
		p->heading_font_span = fm_span(&sm, "heading_font");
		p->watermark = fm_str(&sm, "watermark_when_draft");
	}
}

int
lc_load_plan(struct lctx *lc)
{
	const struct ynode *root, *v;
	struct fmap fm;

	plan_defaults(lc);
	if ((root = lc_read_yaml(lc, "plan.yaml", 1, NULL)) == NULL)
		return -1;
	if (fm_check(lc, root, &s_planfile, &fm) != 0)
		return -1;
	if ((v = fm_get(&fm, "city")) != NULL)
		load_city(lc, v);
	if ((v = fm_get(&fm, "plan")) != NULL)
		load_plan_plan(lc, v);
	if ((v = fm_get(&fm, "taxonomy")) != NULL)
		load_taxonomy(lc, v);
	if ((v = fm_get(&fm, "labels")) != NULL)
		load_labels(lc, v);
	if ((v = fm_get(&fm, "numbering")) != NULL)
		load_numbering(lc, v);
	if ((v = fm_get(&fm, "years")) != NULL)
		load_years(lc, v);
	if ((v = fm_get(&fm, "glossary")) != NULL)
		load_glossopt(lc, v);
	if ((v = fm_get(&fm, "plan_indicators")) != NULL)
		load_plan_indicators(lc, v);
	if ((v = fm_get(&fm, "volumes")) != NULL)
		load_volumes(lc, v);
	if ((v = fm_get(&fm, "output")) != NULL)
		load_output(lc, v);
	return 0;
}

/* --- volumes, once the chapters and sheets are known --- */

/*
 * Volumes: when plan.yaml lists none, honpen (計画本編) always, and jigyoshu
 * (the project book) when there are sheets or a chapter names it. A volume
 * without contents keeps has_contents 0 and no contents: resolve applies
 * the defaults of content-format.md section 4. A title not given is the
 * section 4 pattern; orientation defaults to portrait. A contents word that
 * is neither a known word nor the key of a loaded chapter is reported here
 * (bad-value, with a hint among both; not when a chapter file failed,
 * which may be the one named) and dropped, so resolve never sees it; the
 * volume is marked contents_dropped, so that its chapters are not also
 * reported as left out of it.
 */
void
lc_finish_volumes(struct lctx *lc)
{
	struct build *b = lc->b;
	struct plan *p = &b->plan;
	const char **cands;
	size_t i, j, k, ncands, kept;
	int want_jigyoshu;

	if (p->nvolumes == 0 && p->volumes == NULL) {
		want_jigyoshu = b->nprojects > 0 || b->nfocus > 0;
		for (i = 0; i < b->nchapters; i++)
			if (b->chapters[i].volume_ref.key != NULL &&
			    strcmp(b->chapters[i].volume_ref.key,
			    "jigyoshu") == 0)
				want_jigyoshu = 1;
		p->volumes = ARENA_NEWN(lc->a, struct volume, 2);
		p->volumes[0].key = "honpen";
		p->volumes[0].title_pattern = "{plan.title}{draft_label}";
		p->volumes[0].span = (struct span){ lc_path(lc, "plan.yaml"),
		    0, 0 };
		p->nvolumes = 1;
		if (want_jigyoshu) {
			p->volumes[1].key = "jigyoshu";
			p->volumes[1].title_pattern = "{plan.title} "
			    "重点事業・個別事業集{draft_label}";
			p->volumes[1].span = p->volumes[0].span;
			p->nvolumes = 2;
		}
	}
	ncands = KK_ARRAY_LEN(content_words) + b->nchapters;
	cands = xcalloc(ncands, sizeof(*cands));
	for (i = 0; i < KK_ARRAY_LEN(content_words); i++)
		cands[i] = content_words[i];
	for (j = 0; j < b->nchapters; j++)
		cands[i + j] = b->chapters[j].key;
	for (i = 0; i < p->nvolumes; i++) {
		struct volume *vol = &p->volumes[i];

		if (vol->title_pattern == NULL)
			vol->title_pattern = strcmp(vol->key, "jigyoshu") == 0 ?
			    "{plan.title} 重点事業・個別事業集{draft_label}" :
			    "{plan.title}{draft_label}";
		if (vol->orientation == NULL)
			vol->orientation = "portrait";
		if (!vol->has_contents)
			continue;
		for (j = kept = 0; j < vol->ncontents; j++) {
			struct vol_content *vc = &vol->contents[j];

			if (vc->part == VOL_CHAPTER) {
				for (k = 0; k < b->nchapters; k++)
					if (strcmp(b->chapters[k].key,
					    vc->key) == 0)
						break;
				vol->contents_dropped |= k == b->nchapters;
				/* A chapter whose file failed: that is reported. */
				if (k == b->nchapters &&
				    build_lost(&b->lost_chapters, vc->key))
					continue;
				if (k == b->nchapters) {
					struct buf msg = {0};
					size_t len;

					buf_puts(&msg, "unknown item '");
					lc_quote(&msg, vc->key);
					buf_printf(&msg, "' in the contents of "
					    "volume %s", vol->key ? vol->key :
					    "");
					len = msg.len;
					lc_suggest(&msg, vc->key, cands,
					    ncands);
					if (msg.len == len)
						buf_puts(&msg, "; write chapters, "
						    "focus_areas, projects, lists, "
						    "register, history, glossary or "
						    "the key of a chapter");
					diag_error(lc->d, &vc->span,
					    "bad-value", "%s", buf_str(&msg));
					buf_free(&msg);
					continue;
				}
			}
			vol->contents[kept++] = *vc;
		}
		vol->ncontents = kept;
	}
	free(cands);
}

/* --- departments.yaml --- */

void
lc_load_departments(struct lctx *lc)
{
	struct build *b = lc->b;
	const struct ynode *root, *it;
	struct fmap fm;
	size_t i;

	if ((root = lc_read_yaml(lc, "departments.yaml", 1, NULL)) == NULL ||
	    yaml_is_null(root))
		return;
	if (root->type != YNODE_SEQ) {
		struct buf msg = {0};

		buf_puts(&msg, "departments.yaml must be a list of departments "
		    "(- { key: …, name: … }), got ");
		lc_describe(&msg, root);
		diag_error(lc->d, &root->span, "bad-type", "%s",
		    buf_str(&msg));
		buf_free(&msg);
		return;
	}
	b->depts = ARENA_NEWN(lc->a, struct department, root->nitems);
	for (i = 0; i < root->nitems; i++) {
		struct department *dp = &b->depts[b->ndepts];

		if (fm_check(lc, root->items[i], &s_dept, &fm) != 0 ||
		    fm_str(&fm, "key") == NULL || fm_str(&fm, "name") == NULL)
			continue;
		dp->key = fm_str(&fm, "key");
		dp->name = fm_str(&fm, "name");
		dp->division = fm_str(&fm, "division");
		dp->reading = fm_str(&fm, "reading");
		if ((it = fm_get(&fm, "aliases")) != NULL)
			dp->aliases = lc_str_list(lc, it, "aliases",
			    &dp->naliases);
		dp->pseudo = fm_bool(&fm, "pseudo", 0);
		dp->span = fm_span(&fm, "key");
		dp->index = b->ndepts;
		b->ndepts++;
	}
}

/* --- glossary.yaml --- */

/*
 * glossary.yaml is optional: a plan without it has no terms (and a [[key]]
 * reference is then an unknown term, reported by resolve). expansion is a
 * mapping { text, lang } or, for short, just the text.
 */
void
lc_load_glossary(struct lctx *lc)
{
	struct build *b = lc->b;
	const struct ynode *root, *v;
	struct fmap fm, em;
	size_t i;

	if ((root = lc_read_yaml(lc, "glossary.yaml", 0, NULL)) == NULL ||
	    yaml_is_null(root))
		return;
	if (root->type != YNODE_SEQ) {
		struct buf msg = {0};

		buf_puts(&msg, "glossary.yaml must be a list of terms "
		    "(- key: …), got ");
		lc_describe(&msg, root);
		diag_error(lc->d, &root->span, "bad-type", "%s",
		    buf_str(&msg));
		buf_free(&msg);
		return;
	}
	b->terms = ARENA_NEWN(lc->a, struct term, root->nitems);
	for (i = 0; i < root->nitems; i++) {
		struct term *t = &b->terms[b->nterms];

		if (fm_check(lc, root->items[i], &s_term, &fm) != 0 ||
		    fm_str(&fm, "key") == NULL || fm_str(&fm, "term") == NULL)
			continue;
		t->key = fm_str(&fm, "key");
		t->term = fm_str(&fm, "term");
		t->reading = fm_str(&fm, "reading");
		t->ja = fm_str(&fm, "ja");
		t->trademark = fm_str(&fm, "trademark");
		t->listed = fm_bool(&fm, "listed", 0);
		t->span = fm_span(&fm, "key");
		t->index = b->nterms;
		if ((v = fm_get(&fm, "expansion")) != NULL) {
			if (v->type == YNODE_SCALAR)
				t->expansion = v->str;
			else if (fm_check(lc, v, &s_expansion, &em) == 0) {
				t->expansion = fm_str(&em, "text");
				t->expansion_lang = fm_str(&em, "lang");
			}
		}
		if ((v = fm_get(&fm, "definition")) != NULL) {
			t->definition_span = v->span;
			t->definition = md_parse_inline(lc->a, lc->d,
			    &t->definition_span, v->str);
			lc_check_inline_images(lc, t->definition);
		}
		b->nterms++;
	}
}

/* --- the predecessor register --- */

void
lc_load_register(struct lctx *lc)
{
	struct build *b = lc->b;
	const char *written = b->plan.pred_register, *why;
	const struct ynode *root, *v, *items;
	struct fmap fm, pm, em;
	struct reg *r;
	char *rel;
	size_t i;
	int w;

	if (written == NULL)
		return;
	if ((rel = lc_norm_rel(lc, written, &why)) == NULL) {
		struct buf msg = {0};

		buf_puts(&msg, "register '");
		lc_quote(&msg, written);
		buf_printf(&msg, "' cannot be used: %s", why);
		diag_error(lc->d, &lc->reg_span, "bad-path", "%s",
		    buf_str(&msg));
		buf_free(&msg);
		return;
	}
	if ((root = lc_read_yaml(lc, rel, 1, &lc->reg_span)) == NULL)
		return;
	if (fm_check(lc, root, &s_reg, &fm) != 0)
		return;
	r = ARENA_NEW(lc->a, struct reg);
	r->file = (char *)written;
	r->span = fm.span;
	if ((v = fm_get(&fm, "plan")) != NULL &&
	    fm_check(lc, v, &s_regplan, &pm) == 0) {
		int has = 0;

		r->plan_key = fm_str(&pm, "key");
		r->plan_title = fm_str(&pm, "title");
		if ((v = fm_get(&pm, "period")) != NULL)
			load_period(lc, v, &r->from, &r->to, &has);
	}
	items = fm_get(&fm, "projects");
	r->v = ARENA_NEWN(lc->a, struct reg_entry, SEQ_N(items));
	for (i = 0; i < SEQ_N(items); i++) {
		struct reg_entry *e = &r->v[r->n];

		if (fm_check(lc, items->items[i], &s_regentry, &em) != 0 ||
		    fm_str(&em, "id") == NULL || fm_str(&em, "title") == NULL) {
			lc_lost(lc, &b->lost_reg, items->items[i], "id");
			continue;
		}
		e->id = fm_str(&em, "id");
		e->title = fm_str(&em, "title");
		e->span = fm_span(&em, "id");
		if ((v = fm_get(&em, "departments")) != NULL)
			lc_dept_list(lc, v, "departments", 0, NULL,
			    &e->departments);
		e->disposition = DISP_CONTINUED;
		if ((v = fm_get(&em, "disposition")) != NULL &&
		    (w = lc_word(lc, v, "disposition", disp_words,
		    KK_ARRAY_LEN(disp_words))) >= 0)
			e->disposition = (enum disposition)w;
		e->reason = fm_str(&em, "reason");
		e->group = fm_str(&em, "group");
		e->relisted = fm_bool(&em, "relisted", 0);
		e->remark = fm_str(&em, "remark");
		r->n++;
	}
	b->reg = r;
}
