/*
 * gen.c: generated blocks ({{projects …}}, {{focus_areas}}, {{taxonomy}},
 * {{common_items}}, {{indicators}}, {{register}}, {{departments}},
 * {{history}}, {{glossary}}), written from the resolved records: the lists
 * a plan office used to retype are printed from the one record of each
 * project (content-format.md, "one record, many renderings").
 *
 * A generated block that has sections of its own heads them one level below
 * the heading it sits under, and leaves the page's heading level as it
 * found it.
 */
#include <stdlib.h>
#include <string.h>

#include "html_int.h"
#include "words.h"

static int
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* A table with a caption that also names its scroll region. */
static xmlNode *
captioned_table(struct html_ctx *c, xmlNode *parent, const char *caption,
    const char *cls)
{
	const char *id = html_id(c, "caption");
	xmlNode *t = html_table_region(c, parent, id, cls);
	xmlNode *cap = html_el(t, "caption");

	html_attr(cap, "id", id);
	html_text(cap, caption);
	return t;
}

static void
col_headers(xmlNode *thead, const char *const *names)
{
	xmlNode *tr = html_el(thead, "tr");

	for (; *names != NULL; names++) {
		xmlNode *th = html_el(tr, "th");

		html_attr(th, "scope", "col");
		html_text(th, *names);
	}
}

/* A value of the model printed as authored; — is read as 該当なし. */
static void
value(xmlNode *parent, const struct value *v, const char *unit)
{
	if (v->is_dash) {
		html_spoken(parent, "—", "該当なし");
		return;
	}
	if (v->display != NULL) {
		html_text(parent, v->display);
		return;
	}
	html_text(parent, v->text);
	if (v->is_number && unit != NULL)
		html_text(parent, unit);
}

void
html_value(xmlNode *parent, const struct value *v, const char *unit)
{
	value(parent, v, unit);
}

/* ------------------------------------------------------------------ */
/* Projects                                                            */
/* ------------------------------------------------------------------ */

void
html_gen_projects(struct html_ctx *c, xmlNode *parent,
    struct project *const *v, size_t n, int by_focus, const char *caption)
{
	static const char *const cols[] = { "番号", "事業名", "状態", NULL };
	const char *lead = c->site->pl->labels.lead_department;
	xmlNode *t, *tr, *th;
	size_t i;

	if (n == 0) {
		html_text(html_elc(parent, "p", "empty"),
		    "該当する事業はありません。");
		return;
	}
	t = captioned_table(c, parent, caption, "project-list");
	tr = html_el(html_el(t, "thead"), "tr");
	for (i = 0; cols[i] != NULL; i++) {
		th = html_el(tr, "th");
		html_attr(th, "scope", "col");
		html_text(th, cols[i]);
	}
	th = html_el(tr, "th");
	html_attr(th, "scope", "col");
	html_text(th, lead != NULL ? lead : "主管課");
	t = html_el(t, "tbody");
	for (i = 0; i < n; i++) {
		const struct project *p = v[i];
		const char *id = by_focus && p->id_focus != NULL ? p->id_focus :
		    p->id;
		const char *st = word_status(p->status);
		xmlNode *td;

		tr = html_el(t, "tr");
		html_text(html_elc(tr, "td", "nowrap"), id);
		th = html_el(tr, "th");
		html_attr(th, "scope", "row");
		html_link(c, th, p->c.url, p->c.title);
		/* A focus area's member listed again under its pillar. */
		if (!by_focus && p->focus != NULL)
			html_text(html_elc(th, "span", "relisted"), "【再掲】");
		td = html_elc(tr, "td", "nowrap");
		if (st != NULL)
			html_text(td, st);
		html_departments(c, html_el(tr, "td"), &p->c.departments);
	}
}

static const struct pillar *
find_pillar(const struct plan *pl, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < pl->npillars; i++)
		if (pl->pillars[i].id != NULL && strcmp(pl->pillars[i].id, id) == 0)
			return &pl->pillars[i];
	return NULL;
}

static const struct focus_area *
find_focus(const struct build *b, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < b->nfocus; i++)
		if (b->focus[i].c.key != NULL && strcmp(b->focus[i].c.key, key) == 0)
			return &b->focus[i];
	return NULL;
}

static const struct category *
find_category(const struct plan *pl, const char *key)
{
	size_t i, k;

	for (i = 0; key != NULL && i < pl->npillars; i++)
		for (k = 0; k < pl->pillars[i].ncategories; k++)
			if (strcmp(pl->pillars[i].categories[k].key, key) == 0)
				return &pl->pillars[i].categories[k];
	return NULL;
}

static void
gen_projects(struct html_ctx *c, xmlNode *parent, const struct generated *g)
{
	struct html_site *s = c->site;
	const char *caption = html_view_name(s, HP_PROJECT_LIST);
	int by_focus = 0;

	if (g->arg_name != NULL && strcmp(g->arg_name, "pillar") == 0) {
		const struct pillar *p = find_pillar(s->pl, g->arg_value);

		if (p != NULL)
			caption = arena_printf(&s->a, "%s%s　%s",
			    s->pl->labels.pillar != NULL ? s->pl->labels.pillar : "",
			    p->number != NULL ? p->number : p->id, p->title);
	} else if (g->arg_name != NULL && strcmp(g->arg_name, "focus") == 0) {
		const struct focus_area *f = find_focus(s->b, g->arg_value);

		by_focus = 1;
		if (f != NULL)
			caption = arena_printf(&s->a, "%s　%sの構成事業",
			    f->id != NULL ? f->id : "", f->c.title);
	} else if (g->arg_name != NULL && strcmp(g->arg_name, "category") == 0) {
		const struct category *k = find_category(s->pl, g->arg_value);

		if (k != NULL)
			caption = k->title;
	}
	html_gen_projects(c, parent, g->projects, g->nprojects, by_focus,
	    caption);
}

/* ------------------------------------------------------------------ */
/* Focus areas, taxonomy, common items                                 */
/* ------------------------------------------------------------------ */

void
html_gen_focus_areas(struct html_ctx *c, xmlNode *parent)
{
	const struct build *b = c->site->b;
	xmlNode *ul = html_elc(parent, "ul", "focus-list");
	size_t i, k;

	for (i = 0; i < b->nfocus; i++) {
		const struct focus_area *f = &b->focus[i];
		xmlNode *li = html_el(ul, "li"), *a, *m;

		a = html_link(c, html_elc(li, "p", "item-title"), f->c.url, NULL);
		html_number(a, f->id, "itemno");
		html_text(a, f->c.title);
		if (f->c.summary != NULL)
			html_text(html_el(li, "p"), f->c.summary);
		if (f->nmembers == 0)
			continue;
		m = html_elc(li, "ul", "members");
		for (k = 0; k < f->nmembers; k++) {
			const struct project *pj = f->members[k];

			a = html_link(c, html_el(m, "li"), pj->c.url, NULL);
			html_number(a, pj->id_focus != NULL ? pj->id_focus : pj->id,
			    "itemno");
			html_text(a, pj->c.title);
		}
	}
}

static void
label(xmlNode *parent, const char *text)
{
	if (text != NULL)
		html_text(html_elc(parent, "span", "tax-label"), text);
}

/* 体系図: 基本理念 → 目指す姿 → 基本取組 (and categories) / 重点事業, as nested lists. */
void
html_gen_taxonomy(struct html_ctx *c, xmlNode *parent)
{
	struct html_site *s = c->site;
	const struct plan *pl = s->pl;
	const struct html_page *plist = s->view[HP_PROJECT_LIST];
	xmlNode *box = html_elc(parent, "div", "taxonomy"), *p, *goals;
	size_t i, k, j, orphans = 0;

	if (pl->principle != NULL) {
		p = html_elc(box, "p", "tax-principle");
		label(p, "基本理念");
		html_text(p, pl->principle);
	}
	goals = html_elc(box, "ul", "tax-goals");
	for (i = 0; i < pl->ngoals; i++) {
		const struct goal *g = &pl->goals[i];
		xmlNode *li = html_el(goals, "li"), *sub;

		p = html_elc(li, "p", "tax-goal");
		label(p, arena_printf(&s->a, "%s%s",
		    pl->labels.goal != NULL ? pl->labels.goal : "目指す姿",
		    g->id != NULL ? g->id : ""));
		html_text(p, g->title);
		if (g->npillars + g->nfocus_areas == 0)
			continue;
		sub = html_elc(li, "ul", "tax-children");
		for (k = 0; k < g->npillars; k++) {
			const struct pillar *pi = g->pillars[k];
			xmlNode *pli = html_elc(sub, "li", "tax-pillar"), *a;

			label(pli, pl->labels.pillar);
			a = plist != NULL ? html_link_anchor(c, pli, plist->url,
			    html_pillar_anchor(s, pi), NULL) : pli;
			html_number(a, pi->number, "itemno");
			html_text(a, pi->title);
			if (pi->ncategories > 0) {
				xmlNode *cul = html_elc(pli, "ul", "tax-categories");

				for (j = 0; j < pi->ncategories; j++) {
					const struct category *ct = &pi->categories[j];
					xmlNode *cli = html_el(cul, "li");

					if (plist != NULL)
						html_link_anchor(c, cli, plist->url,
						    html_category_anchor(s, ct), ct->title);
					else
						html_text(cli, ct->title);
				}
			}
		}
		for (k = 0; k < g->nfocus_areas; k++) {
			const struct focus_area *f = g->focus_areas[k];
			xmlNode *fli = html_elc(sub, "li", "tax-focus"), *a;

			label(fli, pl->labels.focus_area);
			a = html_link(c, fli, f->c.url, NULL);
			html_number(a, f->id, "itemno");
			html_text(a, f->c.title);
		}
	}
	/* Focus areas that name no goal still belong in the picture. */
	for (i = 0; i < s->b->nfocus; i++)
		if (s->b->focus[i].goal == NULL)
			orphans++;
	if (orphans > 0) {
		xmlNode *ul = html_elc(box, "ul", "tax-children tax-other");

		for (i = 0; i < s->b->nfocus; i++) {
			const struct focus_area *f = &s->b->focus[i];
			xmlNode *fli, *a;

			if (f->goal != NULL)
				continue;
			fli = html_elc(ul, "li", "tax-focus");
			label(fli, pl->labels.focus_area);
			a = html_link(c, fli, f->c.url, NULL);
			html_number(a, f->id, "itemno");
			html_text(a, f->c.title);
		}
	}
	if (pl->ncommon_items > 0) {
		p = html_elc(box, "p", "tax-common");
		label(p, "共通事項");
		for (i = 0; i < pl->ncommon_items; i++) {
			if (i > 0)
				html_text(p, "／");
			html_text(p, pl->common_items[i].title);
		}
	}
}

void
html_gen_common_items(struct html_ctx *c, xmlNode *parent)
{
	const struct plan *pl = c->site->pl;
	xmlNode *ul = html_elc(parent, "ul", "common-items");
	size_t i;

	for (i = 0; i < pl->ncommon_items; i++) {
		const struct common_item *it = &pl->common_items[i];
		xmlNode *li = html_el(ul, "li");
		xmlNode *p = html_elc(li, "p", "item-title");

		html_number(p, it->id, "itemno");
		html_text(p, it->title);
		if (it->summary != NULL)
			html_text(html_el(li, "p"), it->summary);
	}
}

/* ------------------------------------------------------------------ */
/* Plan indicators, history                                            */
/* ------------------------------------------------------------------ */

void
html_gen_indicators(struct html_ctx *c, xmlNode *parent)
{
	static const char *const cols[] = { "指標", "基準値", "目標値", NULL };
	const struct plan *pl = c->site->pl;
	xmlNode *t, *body;
	size_t i;

	if (pl->nindicators == 0)
		return;
	t = captioned_table(c, parent, "計画全体の成果指標と目標値",
	    "plan-indicators");
	col_headers(html_el(t, "thead"), cols);
	body = html_el(t, "tbody");
	for (i = 0; i < pl->nindicators; i++) {
		const struct plan_indicator *pi = &pl->indicators[i];
		xmlNode *tr = html_el(body, "tr"), *th, *td;

		th = html_el(tr, "th");
		html_attr(th, "scope", "row");
		html_text(th, pi->name);
		td = html_el(tr, "td");
		if (pi->has_baseline) {
			value(td, &pi->baseline, pi->unit);
			if (pi->has_baseline_as_of) {
				html_text(td, "（");
				html_date(c, td, &pi->baseline_as_of);
				html_text(td, "時点）");
			}
		}
		td = html_el(tr, "td");
		if (pi->has_target) {
			value(td, &pi->target, pi->unit);
			if (pi->target_year > 0) {
				html_text(td, "（");
				html_year(c, td, pi->target_year);
				html_text(td, "）");
			}
		}
	}
}

void
html_gen_history(struct html_ctx *c, xmlNode *parent)
{
	static const char *const cols[] = { "版", "日付", "内容", NULL };
	const struct plan *pl = c->site->pl;
	xmlNode *t, *body;
	size_t i;

	if (pl->nhistory == 0)
		return;
	t = captioned_table(c, parent, "改定履歴", "history");
	col_headers(html_el(t, "thead"), cols);
	body = html_el(t, "tbody");
	for (i = 0; i < pl->nhistory; i++) {
		const struct history_entry *h = &pl->history[i];
		xmlNode *tr = html_el(body, "tr"), *th;

		th = html_el(tr, "th");
		html_attr(th, "scope", "row");
		html_text(th, h->edition);
		html_date(c, html_elc(tr, "td", "nowrap"), &h->date);
		html_text(html_el(tr, "td"), h->summary);
	}
}

/* ------------------------------------------------------------------ */
/* 新旧対照表                                                          */
/* ------------------------------------------------------------------ */

static void
dash(xmlNode *parent)
{
	html_spoken(parent, "—", "該当なし");
}

static void
register_counts(struct html_ctx *c, xmlNode *parent)
{
	static const char *const cols[] = { "区分", "件数", NULL };
	const struct build *b = c->site->b;
	const struct reg *r = b->reg;
	struct { const char *name; int n; } rows[3];
	xmlNode *t, *body;
	size_t i;

	rows[0].name = "継続（前計画から引き継ぐ事業）";
	rows[0].n = r->n_continued;
	rows[1].name = "終了（前計画で終了する事業）";
	rows[1].n = r->n_ended;
	rows[2].name = "新規（本計画で新たに始める事業）";
	rows[2].n = b->n_new;
	t = captioned_table(c, parent, "事業の継続・終了・新規の件数",
	    "register-counts");
	col_headers(html_el(t, "thead"), cols);
	body = html_el(t, "tbody");
	for (i = 0; i < KK_ARRAY_LEN(rows); i++) {
		xmlNode *tr = html_el(body, "tr"), *th;

		th = html_el(tr, "th");
		html_attr(th, "scope", "row");
		html_text(th, rows[i].name);
		html_textf(html_elc(tr, "td", "align-right"), "%d件", rows[i].n);
	}
}

void
html_gen_register(struct html_ctx *c, xmlNode *parent)
{
	static const char *const cols[] = { "前計画の番号", "前計画の事業名",
	    "対応", "本計画の番号", "本計画の事業名", "備考", NULL };
	struct html_site *s = c->site;
	const struct reg *r = s->b->reg;
	xmlNode *t, *body;
	size_t i, k, nnew = 0;
	int groups = 0;

	if (r == NULL)
		return;
	register_counts(c, parent);
	for (i = 0; i < r->n; i++)
		if (r->v[i].group != NULL)
			groups = 1;
	t = captioned_table(c, parent, arena_printf(&s->a, "新旧対照表（前計画：%s）",
	    r->plan_title != NULL ? r->plan_title : s->pl->pred_title != NULL ?
	    s->pl->pred_title : "前計画"), "register");
	col_headers(html_el(t, "thead"), cols);
	body = NULL;
	for (i = 0; i < r->n; i++) {
		const struct reg_entry *e = &r->v[i];
		xmlNode *tr, *th, *td, *num, *title;

		/*
		 * The old plan's groups (free text) head row groups: one
		 * <tbody> each, its first row a header for the group.
		 */
		if (body == NULL || (groups && (i == 0 ||
		    !same_str(r->v[i - 1].group, e->group)))) {
			body = html_el(t, "tbody");
			if (groups) {
				tr = html_elc(body, "tr", "group");
				th = html_el(tr, "th");
				html_attr(th, "scope", "rowgroup");
				html_attr(th, "colspan", "6");
				html_text(th, e->group != NULL ? e->group : "（区分なし）");
			}
		}
		tr = html_el(body, "tr");
		/* The anchors links point at live on the view's own page only. */
		if (c->page->kind == HP_REGISTER)
			html_attr(tr, "id", html_reg_anchor(s, e));
		html_text(html_elc(tr, "td", "nowrap"), e->id);
		th = html_el(tr, "th");
		html_attr(th, "scope", "row");
		html_text(th, e->title);
		td = html_elc(tr, "td", "nowrap");
		num = html_elc(tr, "td", "nowrap");
		title = html_el(tr, "td");
		if (e->disposition == DISP_ENDED || e->nsuccessors == 0) {
			html_text(td, word_disposition(e->disposition));
			dash(num);
			dash(title);
		} else {
			for (k = 0; k < e->nsuccessors; k++) {
				const struct successor *su = &e->successors[k];

				if (k > 0) {
					html_el(td, "br");
					html_el(num, "br");
					html_el(title, "br");
				}
				html_text(td, word_relation(
				    e->successors[k].relation));
				html_text(num, su->id);
				html_link(c, title, su->sheet->url, su->sheet->title);
			}
		}
		td = html_el(tr, "td");
		if (e->relisted)
			html_text(td, "【再掲】");
		if (e->reason != NULL)
			html_text(td, e->reason);
		if (e->remark != NULL) {
			if (e->reason != NULL || e->relisted)
				html_el(td, "br");
			html_text(td, e->remark);
		}
	}

	for (i = 0; i < s->b->nprojects; i++)
		if (s->b->projects[i].status == STATUS_NEW)
			nnew++;
	if (nnew > 0) {
		struct project **v = xcalloc(nnew, sizeof(*v));

		nnew = 0;
		for (i = 0; i < s->b->nprojects; i++)
			if (s->b->projects[i].status == STATUS_NEW)
				v[nnew++] = &s->b->projects[i];
		html_gen_projects(c, parent, v, nnew, 0,
		    "本計画で新たに始める事業（新規）");
		free(v);
	}
}

/* ------------------------------------------------------------------ */
/* 主管課別一覧                                                        */
/* ------------------------------------------------------------------ */

void
html_gen_departments(struct html_ctx *c, xmlNode *parent)
{
	const struct build *b = c->site->b;
	int base = c->last_h;
	size_t i, k;

	for (i = 0; i < b->ndepts; i++) {
		const struct department *d = &b->depts[i];
		xmlNode *sec, *h, *ul;

		if (d->pseudo)
			continue;
		sec = html_elc(parent, "section", "department");
		h = html_heading_el(c, sec, base + 1);
		if (d->anchor != NULL && c->page->kind == HP_DEPARTMENTS)
			html_attr(h, "id", d->anchor);
		html_text(h, d->name);
		if (d->division != NULL) {
			html_text(h, "（");
			html_text(h, d->division);
			html_text(h, "）");
		}
		if (d->nprojects == 0) {
			html_text(html_elc(sec, "p", "empty"),
			    "主管する事業はありません。");
			continue;
		}
		ul = html_elc(sec, "ul", "department-projects");
		for (k = 0; k < d->nprojects; k++) {
			const struct project *p = d->projects[k];
			xmlNode *a = html_link(c, html_el(ul, "li"), p->c.url,
			    NULL);

			html_number(a, p->id, "itemno");
			html_text(a, p->c.title);
		}
	}
	c->last_h = base;
}

/* ------------------------------------------------------------------ */
/* 用語集                                                              */
/* ------------------------------------------------------------------ */

/* The links back to every use of t on the site, by page. */
static void
term_uses(struct html_ctx *c, xmlNode *dd, const struct term *t)
{
	struct html_site *s = c->site;
	xmlNode *p = NULL;
	size_t i;

	for (i = 0; i < s->nuses; i++) {
		const struct html_use *u = &s->uses[i];
		int nth = u->nth;

		if (u->term != t || u->page->kind == HP_GLOSSARY)
			continue;
		if (p == NULL) {
			p = html_elc(dd, "p", "term-uses");
			html_text(p, "使われているページ：");
		} else {
			html_text(p, "、");
		}
		html_link_anchor(c, p, u->page->url, u->id, nth == 1 ?
		    u->page->name : arena_printf(&s->a, "%s（%dか所目）",
		    u->page->name, nth));
	}
}

/*
 * NOT IN THE MODEL: the 五十音 row (あ行, か行 …) of a term, from the first
 * kana of its reading (or of the term), for the headings of the 用語集
 * page. The order itself is the resolver's (terms_sorted); this only names
 * the runs it already forms. Returns an index into kana_rows.
 */
static const struct { const char *name, *id; } kana_rows[] = {
	{ "あ行", "kana-a" }, { "か行", "kana-ka" }, { "さ行", "kana-sa" },
	{ "た行", "kana-ta" }, { "な行", "kana-na" }, { "は行", "kana-ha" },
	{ "ま行", "kana-ma" }, { "や行", "kana-ya" }, { "ら行", "kana-ra" },
	{ "わ行", "kana-wa" }, { "英数字・記号", "kana-other" }
};

static size_t
kana_row(const struct term *t)
{
	/* First code point of each row in hiragana, from あ行 to わ行. */
	static const uint32_t starts[] = {
		0x3041, 0x304B, 0x3055, 0x305F, 0x306A, 0x306F, 0x307E, 0x3083,
		0x3089, 0x308E, 0x3097
	};
	const char *s = t->reading != NULL ? t->reading : t->term;
	uint32_t cp = 0;
	size_t i;

	if (s != NULL && *s != '\0')
		utf8_decode(s, strlen(s), &cp);
	if (cp >= 0x30A1 && cp <= 0x30F6)
		cp -= 0x60;			/* katakana to hiragana */
	if (cp == 0x3094)
		return 0;			/* ゔ */
	if (cp == 0x3095 || cp == 0x3096)
		return 1;			/* ゕ ゖ */
	for (i = 0; i + 1 < KK_ARRAY_LEN(starts); i++)
		if (cp >= starts[i] && cp < starts[i + 1])
			return i;
	return KK_ARRAY_LEN(kana_rows) - 1;
}

static const struct term *
glossary_term(const struct build *b, size_t i)
{
	return b->terms_sorted != NULL ? b->terms_sorted[i] : &b->terms[i];
}

static int
glossary_listed(const struct term *t)
{
	return t->uses > 0 || t->listed;
}

static void
glossary_entry(struct html_ctx *c, xmlNode *dl, const struct term *t,
    int backlinks)
{
	xmlNode *dt, *dd, *p;

	dt = html_el(dl, "dt");
	if (t->anchor != NULL && c->page->kind == HP_GLOSSARY)
		html_attr(dt, "id", t->anchor);
	html_text(dt, t->term);
	if (t->ja != NULL) {
		html_text(dt, "（");
		html_text(dt, t->ja);
		html_text(dt, "）");
	}
	dd = html_el(dl, "dd");
	if (t->expansion != NULL) {
		xmlNode *e;

		p = html_elc(dd, "p", "term-expansion");
		e = html_el(p, "span");
		if (t->expansion_lang != NULL)
			html_attr(e, "lang", t->expansion_lang);
		html_text(e, t->expansion);
	}
	html_inlines(c, html_el(dd, "p"), t->definition);
	if (t->trademark != NULL)
		html_text(html_elc(dd, "p", "trademark"), t->trademark);
	if (backlinks)
		term_uses(c, dd, t);
}

/*
 * The 用語集. On its own page (backlinks set) and in reading order, the
 * entries are grouped under a heading per 五十音 row, with an index of the
 * rows; inside a chapter it is one list.
 */
void
html_gen_glossary(struct html_ctx *c, xmlNode *parent, int backlinks)
{
	const struct build *b = c->site->b;
	int rows = backlinks && c->site->pl->glossary_by_reading;
	int base = c->last_h;
	size_t i, row = (size_t)-1;
	xmlNode *dl = NULL, *index = NULL;

	if (rows) {
		xmlNode *nav = html_elc(parent, "nav", "kana-index");

		html_attr(nav, "aria-label", "五十音の行");
		index = html_el(nav, "ul");
	}
	for (i = 0; i < b->nterms; i++) {
		const struct term *t = glossary_term(b, i);

		if (!glossary_listed(t))
			continue;
		if (rows && kana_row(t) != row) {
			xmlNode *sec, *h;

			row = kana_row(t);
			html_link_anchor(c, html_el(index, "li"), c->page->url,
			    kana_rows[row].id, kana_rows[row].name);
			sec = html_elc(parent, "section", "kana-row");
			h = html_heading_el(c, sec, base + 1);
			html_attr(h, "id", kana_rows[row].id);
			html_text(h, kana_rows[row].name);
			dl = html_elc(sec, "dl", "glossary");
		} else if (dl == NULL) {
			dl = html_elc(parent, "dl", "glossary");
		}
		glossary_entry(c, dl, t, backlinks);
	}
	c->last_h = base;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */
/* ------------------------------------------------------------------ */

void
html_generated(struct html_ctx *c, xmlNode *parent, const struct generated *g)
{
	switch (g->kind) {
	case GEN_PROJECTS:
		gen_projects(c, parent, g);
		break;
	case GEN_FOCUS_AREAS:
		html_gen_focus_areas(c, parent);
		break;
	case GEN_TAXONOMY:
		html_gen_taxonomy(c, parent);
		break;
	case GEN_COMMON_ITEMS:
		html_gen_common_items(c, parent);
		break;
	case GEN_INDICATORS:
		html_gen_indicators(c, parent);
		break;
	case GEN_REGISTER:
		html_gen_register(c, parent);
		break;
	case GEN_DEPARTMENTS:
		html_gen_departments(c, parent);
		break;
	case GEN_HISTORY:
		html_gen_history(c, parent);
		break;
	case GEN_GLOSSARY:
		html_gen_glossary(c, parent, 0);
		break;
	}
}
