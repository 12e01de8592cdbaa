/*
 * views.c: the content of each kind of page: the top page (plan, period,
 * status, 体系図, contents, PDF volumes), a chapter (numbered title,
 * in-page contents, body, signature, footnotes), the generated views
 * (重点事業一覧, 個別事業一覧, 主管課別一覧, 指標一覧, 新旧対照表, 改定履歴,
 * 用語集) and the 404 page. The frame around them is write.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "html_int.h"

xmlNode *
html_h1(struct html_ctx *c, xmlNode *main, const char *number,
    const char *title)
{
	xmlNode *h = html_el(main, "h1");

	html_number(h, number, "titleno");
	html_text(h, title);
	c->last_h = 1;
	return h;
}

static xmlNode *
section(struct html_ctx *c, xmlNode *main, const char *cls, const char *id,
    const char *title)
{
	xmlNode *sec = html_elc(main, "section", cls), *h;

	c->last_h = 1;
	h = html_heading_el(c, sec, 2);
	if (id == NULL)
		id = html_id(c, "section");
	html_attr(h, "id", id);
	html_text(h, title);
	return sec;
}

static const char *
status_name(enum plan_status st)
{
	switch (st) {
	case PLAN_DRAFT:
		return "案（策定中）";
	case PLAN_PUBLIC_COMMENT:
		return "案（パブリック・コメント実施中）";
	case PLAN_COUNCIL:
		return "案（議会提出中）";
	case PLAN_FINAL:
		return "策定済み";
	}
	return "";
}

/* ------------------------------------------------------------------ */
/* The top page                                                        */
/* ------------------------------------------------------------------ */

static xmlNode *
fact(xmlNode *dl, const char *term)
{
	xmlNode *div = html_el(dl, "div");

	html_text(html_el(div, "dt"), term);
	return html_el(div, "dd");
}

/* The contents: each volume's chapters and views, in order. */
static void
contents(struct html_ctx *c, xmlNode *main)
{
	struct html_site *s = c->site;
	xmlNode *sec = section(c, main, "contents", "contents", "目次");
	int base = c->last_h;
	size_t v, i;

	for (v = 0; v < s->pl->nvolumes; v++) {
		const struct volume *vol = &s->pl->volumes[v];
		xmlNode *ol = NULL, *h;
		const struct html_page *seen[HP_NKINDS];
		size_t nseen = 0, k;

		if (vol->nitems == 0)
			continue;
		h = html_heading_el(c, sec, base + 1);
		html_text(h, vol->title != NULL ? vol->title : vol->key);
		ol = html_elc(sec, "ul", "toc");
		for (i = 0; i < vol->nitems; i++) {
			const struct vol_item *it = &vol->items[i];
			const struct html_page *pg = NULL, *pg2 = NULL;
			xmlNode *a;

			switch (it->kind) {
			case VI_CHAPTER:
				if (it->chapter != NULL && it->chapter->url != NULL) {
					a = html_link(c, html_el(ol, "li"),
					    it->chapter->url, NULL);
					html_number(a, it->chapter->number, "itemno");
					html_text(a, it->chapter->title);
				}
				break;
			case VI_FOCUS_AREA:
				if (it->focus != NULL && it->focus->c.url != NULL) {
					a = html_link(c, html_el(ol, "li"),
					    it->focus->c.url, NULL);
					html_number(a, it->focus->id, "itemno");
					html_text(a, it->focus->c.title);
				}
				break;
			case VI_LISTS:
				pg = s->view[HP_FOCUS_LIST];
				pg2 = s->view[HP_PROJECT_LIST];
				break;
			case VI_GROUP:
				/* One link to the 個別事業一覧 stands for the sheets. */
				pg = s->view[HP_PROJECT_LIST];
				break;
			case VI_PROJECT:
				break;
			case VI_REGISTER:
				pg = s->view[HP_REGISTER];
				break;
			case VI_HISTORY:
				pg = s->view[HP_HISTORY];
				break;
			case VI_GLOSSARY:
				pg = s->view[HP_GLOSSARY];
				break;
			}
			for (; pg != NULL; pg = pg2, pg2 = NULL) {
				int dup = 0;

				for (k = 0; k < nseen; k++)
					dup |= seen[k] == pg;
				if (dup || nseen == HP_NKINDS)
					continue;
				seen[nseen++] = pg;
				html_link(c, html_el(ol, "li"), pg->url, pg->name);
			}
		}
	}
	c->last_h = base;
}

/* The views no volume lists, for the top page. */
static void
other_views(struct html_ctx *c, xmlNode *main)
{
	static const enum html_page_kind kinds[] = {
		HP_FOCUS_LIST, HP_PROJECT_LIST, HP_DEPARTMENTS, HP_INDICATORS,
		HP_REGISTER, HP_HISTORY, HP_GLOSSARY
	};
	xmlNode *sec = section(c, main, "views", NULL, "一覧から探す");
	xmlNode *ul = html_elc(sec, "ul", "toc");
	size_t i;

	for (i = 0; i < KK_ARRAY_LEN(kinds); i++) {
		const struct html_page *pg = c->site->view[kinds[i]];

		if (pg != NULL)
			html_link(c, html_el(ul, "li"), pg->url, pg->name);
	}
}

static void
top(struct html_ctx *c, xmlNode *main)
{
	struct html_site *s = c->site;
	const struct plan *pl = s->pl;
	xmlNode *dl, *dd, *sec;

	html_h1(c, main, NULL, s->plan_name);
	if (pl->tagline != NULL)
		html_text(html_elc(main, "p", "tagline"), pl->tagline);
	dl = html_elc(main, "dl", "plan-facts");
	if (pl->has_period)
		html_period(c, fact(dl, "計画期間"), pl->from, pl->to);
	html_text(fact(dl, "状態"), status_name(pl->status));
	if (pl->edition != NULL)
		html_text(fact(dl, "版"), pl->edition);
	if (pl->has_issued) {
		dd = fact(dl, "策定");
		html_date(c, dd, &pl->issued);
	}
	if (pl->as_of_year > 0) {
		struct kdate d = { pl->as_of_year, pl->as_of_month, 0 };

		dd = fact(dl, "時点");
		html_date(c, dd, &d);
	}
	if (s->b->taxonomy.n > 0) {
		sec = section(c, main, "plan-taxonomy", "taxonomy", "計画の体系");
		html_gen_taxonomy(c, sec);
	}
	if (s->b->nchapters > 0)
		contents(c, main);
	other_views(c, main);
	if (html_has_pdfs(s)) {
		sec = section(c, main, "downloads-section", "downloads", "PDF版");
		html_text(html_el(sec, "p"), "印刷用のPDFファイルです。"
		    "内容はこのサイトと同じです。");
		html_pdf_links(c, sec);
	}
}

/* ------------------------------------------------------------------ */
/* Chapters                                                            */
/* ------------------------------------------------------------------ */

/* The chapter's own contents: its ## and ### headings, linked. */
static void
chapter_toc(struct html_ctx *c, xmlNode *main, const struct doc *doc)
{
	const struct block *b;
	xmlNode *nav, *ol = NULL, *sub = NULL, *li = NULL, *p, *a;
	const char *id;
	int n = 0;

	for (b = doc->blocks; b != NULL; b = b->next)
		if (b->type == BLK_HEADING && b->level == 2 && b->anchor != NULL)
			n++;
	if (n < 2)
		return;
	id = html_id(c, "toc");
	nav = html_elc(main, "nav", "page-toc");
	html_attr(nav, "aria-labelledby", id);
	p = html_elc(nav, "p", "page-toc-title");
	html_attr(p, "id", id);
	html_text(p, "この章の内容");
	ol = html_el(nav, "ul");
	for (b = doc->blocks; b != NULL; b = b->next) {
		if (b->type != BLK_HEADING || b->anchor == NULL || b->level > 3)
			continue;
		if (b->level == 2) {
			li = html_el(ol, "li");
			sub = NULL;
			a = html_link_anchor(c, li, c->page->url, b->anchor, NULL);
		} else {
			if (li == NULL)
				li = html_el(ol, "li");
			if (sub == NULL)
				sub = html_el(li, "ul");
			a = html_link_anchor(c, html_el(sub, "li"), c->page->url,
			    b->anchor, NULL);
		}
		html_number(a, b->number, "secno");
		html_text(a, html_plain(c->site, b->inlines));
	}
}

static void
chapter(struct html_ctx *c, xmlNode *main)
{
	const struct chapter *ch = c->page->chapter;
	const struct signature *sg = &ch->signature;

	html_h1(c, main, ch->number, ch->title);
	chapter_toc(c, main, &ch->doc);
	html_doc_begin(c, &ch->doc);
	html_blocks(c, main, ch->doc.blocks);
	if (sg->present) {
		xmlNode *div = html_elc(main, "div", "signature");

		if (sg->has_date)
			html_date(c, html_el(div, "p"), &sg->date);
		if (sg->title != NULL || sg->name != NULL) {
			xmlNode *p = html_el(div, "p");

			if (sg->title != NULL)
				html_text(p, sg->title);
			if (sg->title != NULL && sg->name != NULL)
				html_text(p, "　");
			if (sg->name != NULL)
				html_text(p, sg->name);
		}
	}
	html_footnotes(c, main, &ch->doc);
	html_trademarks(c, main);
}

/* ------------------------------------------------------------------ */
/* Generated views                                                     */
/* ------------------------------------------------------------------ */

/* 重点事業一覧: the table the PDF's 事業集 prints too. */
static void
focus_list(struct html_ctx *c, xmlNode *main)
{
	html_h1(c, main, NULL, c->page->name);
	html_gtable(c, main, c->site->b->t_focus);
}

/* 個別事業一覧: a section per pillar with its table (categories as groups of rows). */
static void
project_list(struct html_ctx *c, xmlNode *main)
{
	struct html_site *s = c->site;
	const struct plan *pl = s->pl;
	size_t i;

	html_h1(c, main, NULL, c->page->name);
	for (i = 0; i < pl->npillars; i++) {
		const struct pillar *pi = &pl->pillars[i];
		xmlNode *sec = html_elc(main, "section", "pillar"), *h;

		c->last_h = 1;
		h = html_heading_el(c, sec, 2);
		html_attr(h, "id", html_pillar_anchor(s, pi));
		html_text(h, pl->labels.pillar != NULL ? pl->labels.pillar : "");
		html_number(h, pi->number, "itemno");
		html_text(h, pi->title);
		html_gtable(c, sec, pi->table);
	}
	/* Projects in no pillar (members of a focus area only). */
	if (s->b->t_nopillar != NULL)
		html_gtable(c, section(c, main, "pillar", NULL,
		    arena_printf(&s->a, "%sの構成事業", pl->labels.focus_area !=
		    NULL ? pl->labels.focus_area : "重点事業")), s->b->t_nopillar);
}

static void
indicators(struct html_ctx *c, xmlNode *main)
{
	struct html_site *s = c->site;
	size_t i;
	int any = 0;

	html_h1(c, main, NULL, c->page->name);
	if (s->pl->nindicators > 0) {
		xmlNode *sec = section(c, main, "plan-indicators", NULL,
		    "計画全体の成果指標");

		html_gtable(c, sec, s->b->t_indicators);
	}
	for (i = 0; i < s->npages; i++) {
		const struct html_page *pg = &s->pages[i];
		const struct project *p = pg->project;
		xmlNode *sec, *h, *a;
		const char *id;

		if (pg->kind != HP_PROJECT || p->nindicators == 0)
			continue;
		if (!any) {
			section(c, main, "project-indicators", NULL, "事業ごとの指標");
			any = 1;
		}
		sec = html_elc(main->last, "section", "project-indicator");
		c->last_h = 2;
		h = html_heading_el(c, sec, 3);
		id = html_id(c, "project");
		html_attr(h, "id", id);
		a = html_link(c, h, p->c.url, NULL);
		html_number(a, p->id, "itemno");
		html_text(a, p->c.title);
		html_indicator_table(c, sec, p, arena_printf(&s->a,
		    "%sの評価指標と目標値", p->id != NULL ? p->id : p->c.title));
	}
}

/* A view that is one generated table (and those chained after it). */
static void
table_view(struct html_ctx *c, xmlNode *main, const struct gtable *t)
{
	html_h1(c, main, NULL, c->page->name);
	html_gtable(c, main, t);
}

static void
glossary(struct html_ctx *c, xmlNode *main)
{
	html_h1(c, main, NULL, c->page->name);
	html_text(html_elc(main, "p", "lead"), c->site->pl->glossary_by_reading ?
	    "この計画で使っている用語を、読みの五十音順に説明します。" :
	    "この計画で使っている用語を説明します。");
	html_gen_glossary(c, main, 1);
}

static void
not_found(struct html_ctx *c, xmlNode *main)
{
	xmlNode *p;

	html_h1(c, main, NULL, c->page->name);
	html_text(html_el(main, "p"), "お探しのページは、移動したか削除された"
	    "可能性があります。");
	p = html_el(main, "p");
	html_link(c, p, html_view_url(HP_TOP), arena_printf(&c->site->a,
	    "%sのトップページへ", c->site->plan_name));
}

void
html_page_content(struct html_ctx *c, xmlNode *main)
{
	switch (c->page->kind) {
	case HP_TOP:
		top(c, main);
		break;
	case HP_CHAPTER:
		chapter(c, main);
		break;
	case HP_FOCUS:
		html_page_focus(c, main);
		break;
	case HP_PROJECT:
		html_page_project(c, main);
		break;
	case HP_FOCUS_LIST:
		focus_list(c, main);
		break;
	case HP_PROJECT_LIST:
		project_list(c, main);
		break;
	case HP_DEPARTMENTS:
		table_view(c, main, c->site->b->t_departments);
		break;
	case HP_INDICATORS:
		indicators(c, main);
		break;
	case HP_REGISTER:
		table_view(c, main, c->site->b->t_register);
		break;
	case HP_HISTORY:
		table_view(c, main, c->site->b->t_history);
		break;
	case HP_GLOSSARY:
		glossary(c, main);
		break;
	case HP_NOTFOUND:
		not_found(c, main);
		break;
	}
}
