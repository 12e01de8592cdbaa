/*
 * write.c: html_write() (html.h): the pages of the site in reading order,
 * the frame of every page grafted into the theme's template, the 404 page,
 * sitemap.xml, the theme's files, and the PDF volumes' links.
 *
 * The reading order (previous/next) follows the volumes, as printed: the
 * top page, then each volume's items (chapters, the lists, each focus area
 * followed by its member sheets, the other sheets, the 新旧対照表, the
 * 用語集), then the views no volume holds. Each page appears once.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fy.h"
#include "html.h"
#include "html_int.h"
#include "outdir.h"

#define NUMBER_SEP "\xE3\x80\x80"	/* U+3000, as in block.c */

/* ------------------------------------------------------------------ */
/* Pages                                                               */
/* ------------------------------------------------------------------ */

static struct html_page *
add_page(struct html_site *s, enum html_page_kind k, const char *url,
    const char *name)
{
	struct html_page *p = &s->pages[s->npages++];

	memset(p, 0, sizeof(*p));
	p->kind = k;
	p->url = url;
	p->name = name;
	p->prev = p->next = -1;
	p->in_order = k != HP_NOTFOUND;
	return p;
}

static void
add_view(struct html_site *s, enum html_page_kind k)
{
	if (s->view[k] == NULL)
		s->view[k] = add_page(s, k, html_view_url(k),
		    html_view_name(s, k));
}

static const char *
numbered_name(struct html_site *s, const char *number, const char *title)
{
	if (number == NULL || *number == '\0')
		return title != NULL ? title : "";
	return arena_printf(&s->a, "%s" NUMBER_SEP "%s", number,
	    title != NULL ? title : "");
}

struct placed {
	char	*chapter;
	char	*focus;
	char	*project;
};

static void
add_chapter(struct html_site *s, struct placed *pl, const struct chapter *ch)
{
	size_t i = (size_t)(ch - s->b->chapters);
	struct html_page *p;

	if (i >= s->b->nchapters || pl->chapter[i] || ch->url == NULL)
		return;
	pl->chapter[i] = 1;
	p = add_page(s, HP_CHAPTER, ch->url,
	    numbered_name(s, ch->number, ch->title));
	p->chapter = ch;
}

static void
add_project(struct html_site *s, struct placed *pl, const struct project *pj)
{
	size_t i = (size_t)(pj - s->b->projects);
	struct html_page *p;

	if (i >= s->b->nprojects || pl->project[i] || pj->c.url == NULL)
		return;
	pl->project[i] = 1;
	p = add_page(s, HP_PROJECT, pj->c.url,
	    numbered_name(s, pj->id, pj->c.title));
	p->project = pj;
}

/* A focus area's page, then its members' sheets. */
static void
add_focus(struct html_site *s, struct placed *pl, const struct focus_area *f)
{
	size_t i = (size_t)(f - s->b->focus), k;
	struct html_page *p;

	if (i >= s->b->nfocus || pl->focus[i] || f->c.url == NULL)
		return;
	pl->focus[i] = 1;
	p = add_page(s, HP_FOCUS, f->c.url, numbered_name(s, f->id, f->c.title));
	p->focus = f;
	for (k = 0; k < f->nmembers; k++)
		add_project(s, pl, f->members[k]);
}

static int
has_indicators(const struct build *b)
{
	size_t i;

	if (b->plan.nindicators > 0)
		return 1;
	for (i = 0; i < b->nprojects; i++)
		if (b->projects[i].nindicators > 0)
			return 1;
	return 0;
}

static int
has_departments(const struct build *b)
{
	size_t i;

	for (i = 0; i < b->ndepts; i++)
		if (!b->depts[i].pseudo)
			return 1;
	return 0;
}

static void
build_pages(struct html_site *s)
{
	const struct build *b = s->b;
	struct placed pl;
	size_t v, i, cap;

	cap = 2 + b->nchapters + b->nfocus + b->nprojects + HP_NKINDS;
	s->pages = xcalloc(cap, sizeof(*s->pages));
	pl.chapter = xcalloc(b->nchapters + 1, 1);
	pl.focus = xcalloc(b->nfocus + 1, 1);
	pl.project = xcalloc(b->nprojects + 1, 1);

	add_view(s, HP_TOP);
	for (v = 0; v < s->pl->nvolumes; v++) {
		const struct volume *vol = &s->pl->volumes[v];

		for (i = 0; i < vol->nitems; i++) {
			const struct vol_item *it = &vol->items[i];

			switch (it->kind) {
			case VI_CHAPTER:
				if (it->chapter != NULL)
					add_chapter(s, &pl, it->chapter);
				break;
			case VI_LISTS:
				if (b->nfocus > 0)
					add_view(s, HP_FOCUS_LIST);
				if (b->nprojects > 0)
					add_view(s, HP_PROJECT_LIST);
				break;
			case VI_FOCUS_AREA:
				if (it->focus != NULL)
					add_focus(s, &pl, it->focus);
				break;
			case VI_GROUP:
				break;
			case VI_PROJECT:
				if (it->project != NULL && !it->relisted)
					add_project(s, &pl, it->project);
				break;
			case VI_REGISTER:
				if (b->reg != NULL)
					add_view(s, HP_REGISTER);
				break;
			case VI_HISTORY:
				if (s->pl->nhistory > 0)
					add_view(s, HP_HISTORY);
				break;
			case VI_GLOSSARY:
				if (b->nterms > 0)
					add_view(s, HP_GLOSSARY);
				break;
			}
		}
	}
	/* Whatever no volume holds still gets its page. */
	for (i = 0; i < b->nchapters; i++)
		add_chapter(s, &pl, &b->chapters[i]);
	for (i = 0; i < b->nfocus; i++)
		add_focus(s, &pl, &b->focus[i]);
	for (i = 0; i < b->nprojects; i++)
		add_project(s, &pl, &b->projects[i]);
	if (b->nfocus > 0)
		add_view(s, HP_FOCUS_LIST);
	if (b->nprojects > 0)
		add_view(s, HP_PROJECT_LIST);
	if (has_departments(b))
		add_view(s, HP_DEPARTMENTS);
	if (has_indicators(b))
		add_view(s, HP_INDICATORS);
	if (b->reg != NULL)
		add_view(s, HP_REGISTER);
	if (s->pl->nhistory > 0)
		add_view(s, HP_HISTORY);
	if (b->nterms > 0)
		add_view(s, HP_GLOSSARY);
	for (i = 0; i + 1 < s->npages; i++) {
		s->pages[i].next = (int)i + 1;
		s->pages[i + 1].prev = (int)i;
	}
	add_view(s, HP_NOTFOUND);
	free(pl.chapter);
	free(pl.focus);
	free(pl.project);
}

/* ------------------------------------------------------------------ */
/* PDF volumes                                                         */
/* ------------------------------------------------------------------ */

/*
 * THE PDF HOOK: the PDF back end writes each volume to
 * <outdir>/pdf/<volume key>.pdf before html_write() runs (build.c calls it
 * first). The site links each volume that exists, stating its size, and
 * holds a copy of it (site/pdf/<key>.pdf, a hard link where the file
 * system allows), so that out/site/ can be published as it is.
 */
static int
find_pdfs(struct html_site *s)
{
	size_t i;
	int rc = 0;

	s->npdfs = s->pl->nvolumes;
	s->pdfs = xcalloc(s->npdfs + 1, sizeof(*s->pdfs));
	for (i = 0; i < s->npdfs; i++) {
		const struct volume *v = &s->pl->volumes[i];
		struct html_pdf *p = &s->pdfs[i];
		char *src, *dst;
		struct stat st;

		p->volume = v;
		if (v->key == NULL)
			continue;
		src = arena_printf(&s->a, "%s/pdf/%s.pdf", s->out_dir, v->key);
		if (stat(src, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		p->exists = 1;
		p->size = (long long)st.st_size;
		p->url = arena_printf(&s->a, "pdf/%s.pdf", v->key);
		dst = arena_printf(&s->a, "%s/%s", s->site_dir, p->url);
		if (fs_mkdir_p(arena_printf(&s->a, "%s/pdf", s->site_dir)) != 0 ||
		    (link(src, dst) != 0 &&
		    fs_copy(src, s->site_dir, p->url, s->d) != 0))
			rc = -1;
	}
	return rc;
}

/* 「（PDF：1.2MB）」: the format and size a link to a file states (WCAG 2.4.4). */
static const char *
pdf_size_text(struct html_site *s, long long size)
{
	if (size < 1024 * 1024)
		return arena_printf(&s->a, "（PDF：%lldKB）",
		    (size + 1023) / 1024);
	return arena_printf(&s->a, "（PDF：%.1fMB）",
	    (double)size / (1024.0 * 1024.0));
}

/* The links to the PDF volumes that exist, as a list; nothing if none. */
static void
pdf_links(struct html_ctx *c, xmlNode *parent, const char *cls)
{
	struct html_site *s = c->site;
	xmlNode *ul = NULL;
	size_t i;

	for (i = 0; i < s->npdfs; i++) {
		const struct html_pdf *p = &s->pdfs[i];
		xmlNode *a;

		if (!p->exists)
			continue;
		if (ul == NULL)
			ul = html_elc(parent, "ul", cls);
		a = html_link(c, html_el(ul, "li"), p->url,
		    p->volume->title != NULL ? p->volume->title : p->volume->key);
		html_text(a, pdf_size_text(s, p->size));
	}
}

int
html_has_pdfs(const struct html_site *s)
{
	size_t i;

	for (i = 0; i < s->npdfs; i++)
		if (s->pdfs[i].exists)
			return 1;
	return 0;
}

void
html_pdf_links(struct html_ctx *c, xmlNode *parent)
{
	pdf_links(c, parent, "downloads");
}

/* ------------------------------------------------------------------ */
/* The frame                                                           */
/* ------------------------------------------------------------------ */

/* Takes the slot's marker off: data-slot is the template's, not the page's. */
static xmlNode *
slot(xmlNode *root, const char *name)
{
	xmlNode *n = html_find_slot(root, name);

	if (n != NULL)
		html_attr(n, "data-slot", NULL);
	return n;
}

static void
drop(xmlNode *n)
{
	if (n != NULL) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

/* Replaces the template's placeholder content of a slot. */
static void
empty(xmlNode *n)
{
	while (n->children != NULL)
		drop(n->children);
}

static void
draft_banner(struct html_ctx *c, xmlNode *n)
{
	xmlNode *p = html_el(n, "p");

	html_text(html_el(p, "strong"), c->site->pl->draft_label != NULL ?
	    c->site->pl->draft_label : "（案）");
	switch (c->site->pl->status) {
	case PLAN_PUBLIC_COMMENT:
		html_text(p, "この計画は、パブリック・コメント（意見募集）の"
		    "ための案です。");
		break;
	case PLAN_COUNCIL:
		html_text(p, "この計画は、議会に提出している案です。");
		break;
	default:
		html_text(p, "この計画は、策定中の案です。");
		break;
	}
	html_text(p, "内容は今後変わることがあります。");
}

static void
nav_item(struct html_ctx *c, xmlNode *ul, enum html_page_kind k,
    const char *anchor, const char *text)
{
	const struct html_page *v = c->site->view[k];
	xmlNode *a;

	if (v == NULL)
		return;
	a = html_link_anchor(c, html_el(ul, "li"), v->url, anchor,
	    text != NULL ? text : v->name);
	if (c->page == v && anchor == NULL)
		html_attr(a, "aria-current", "page");
}

static void
global_nav(struct html_ctx *c, xmlNode *nav)
{
	xmlNode *ul = html_elc(nav, "ul", "global-nav-list");

	nav_item(c, ul, HP_TOP, NULL, "トップ");
	if (c->site->b->nchapters > 0)
		nav_item(c, ul, HP_TOP, "contents", "目次");
	nav_item(c, ul, HP_FOCUS_LIST, NULL, NULL);
	nav_item(c, ul, HP_PROJECT_LIST, NULL, NULL);
	nav_item(c, ul, HP_DEPARTMENTS, NULL, NULL);
	nav_item(c, ul, HP_INDICATORS, NULL, NULL);
	nav_item(c, ul, HP_REGISTER, NULL, NULL);
	nav_item(c, ul, HP_GLOSSARY, NULL, NULL);
}

static void
crumb(struct html_ctx *c, xmlNode *ol, const char *url, const char *anchor,
    const char *text)
{
	html_link_anchor(c, html_el(ol, "li"), url, anchor, text);
}

static void
breadcrumbs(struct html_ctx *c, xmlNode *nav)
{
	struct html_site *s = c->site;
	const struct html_page *p = c->page;
	xmlNode *ol = html_elc(nav, "ol", "breadcrumb-list"), *cur;
	const struct html_page *v;

	crumb(c, ol, html_view_url(HP_TOP), NULL, "トップ");
	if (p->kind == HP_FOCUS && (v = s->view[HP_FOCUS_LIST]) != NULL)
		crumb(c, ol, v->url, NULL, v->name);
	if (p->kind == HP_PROJECT) {
		const struct project *pj = p->project;

		if (pj->focus != NULL && pj->focus->c.url != NULL) {
			if ((v = s->view[HP_FOCUS_LIST]) != NULL)
				crumb(c, ol, v->url, NULL, v->name);
			crumb(c, ol, pj->focus->c.url, NULL,
			    numbered_name(s, pj->focus->id, pj->focus->c.title));
		} else if ((v = s->view[HP_PROJECT_LIST]) != NULL) {
			crumb(c, ol, v->url, NULL, v->name);
			if (pj->pillar != NULL)
				crumb(c, ol, v->url,
				    html_pillar_anchor(s, pj->pillar),
				    numbered_name(s, pj->pillar->number,
				    pj->pillar->title));
		}
	}
	cur = html_el(html_el(ol, "li"), "span");
	html_attr(cur, "aria-current", "page");
	html_text(cur, p->name);
}

static void
pagenav_link(struct html_ctx *c, xmlNode *ul, int i, const char *cls,
    const char *rel, const char *dir)
{
	const struct html_page *t = &c->site->pages[i];
	xmlNode *a = html_link(c, html_elc(ul, "li", cls), t->url, NULL);

	html_attr(a, "rel", rel);
	html_text(html_elc(a, "span", "pagenav-dir"), dir);
	html_text(html_elc(a, "span", "pagenav-title"), t->name);
}

static void
footer(struct html_ctx *c, xmlNode *n)
{
	const struct plan *pl = c->site->pl;
	xmlNode *p;

	p = html_elc(n, "p", "footer-plan");
	html_text(p, c->site->plan_name);
	if (pl->publisher != NULL || pl->city_name != NULL) {
		p = html_el(n, "p");
		html_text(p, "発行：");
		if (pl->city_name != NULL)
			html_text(p, pl->city_name);
		if (pl->publisher != NULL) {
			html_text(p, "　");
			if (pl->publisher->division != NULL) {
				html_text(p, pl->publisher->division);
				html_text(p, "　");
			}
			html_text(p, pl->publisher->name);
		} else if (pl->publisher_ref.key != NULL) {
			html_text(p, "　");
			html_text(p, pl->publisher_ref.key);
		}
	}
	if (pl->as_of_year > 0) {
		struct kdate d = { pl->as_of_year, pl->as_of_month, 0 };

		p = html_el(n, "p");
		html_date(c, p, &d);
		html_text(p, "時点");
	}
	if (html_has_pdfs(c->site)) {
		p = html_elc(n, "p", "footer-downloads-title");
		html_text(p, "PDF版");
		pdf_links(c, n, "downloads footer-downloads");
	}
}

static const char *
page_title(struct html_site *s, const struct html_page *p)
{
	const char *city = s->pl->city_name != NULL ? s->pl->city_name : "";

	if (p->kind == HP_TOP)
		return arena_printf(&s->a, "%s｜%s", s->plan_name, city);
	return arena_printf(&s->a, "%s｜%s｜%s", p->name, s->plan_name, city);
}

/* Renders page p into its theme frame; the caller serialises c->doc. */
static void
render(struct html_ctx *c, struct html_site *s, const struct html_page *p)
{
	xmlNode *root, *n;

	html_ctx_begin(c, s, p);
	xmlFreeDoc(c->doc);
	c->doc = html_theme_page(s, p);
	root = xmlDocGetRootElement(c->doc);
	html_attr(root, "lang", "ja");

	if ((n = slot(root, "title")) != NULL) {
		empty(n);
		html_text(n, page_title(s, p));
	}
	if ((n = slot(root, "draft")) != NULL) {
		empty(n);
		if (s->final)
			drop(n);
		else
			draft_banner(c, n);
	}
	if ((n = slot(root, "site-name")) != NULL) {
		empty(n);
		html_text(n, s->plan_name);
	}
	while ((n = slot(root, "city-name")) != NULL) {
		empty(n);
		html_text(n, s->pl->city_name);
		/* A bare <span> marking the slot is not kept around its text. */
		if (strcmp((const char *)n->name, "span") == 0 &&
		    n->properties == NULL && n->children != NULL) {
			xmlNode *t = n->children;

			xmlUnlinkNode(t);
			xmlReplaceNode(n, t);
			xmlFreeNode(n);
		}
	}
	if ((n = slot(root, "nav")) != NULL) {
		empty(n);
		global_nav(c, n);
	}
	if ((n = slot(root, "breadcrumbs")) != NULL) {
		empty(n);
		if (p->kind == HP_TOP)
			drop(n);
		else
			breadcrumbs(c, n);
	}
	if ((n = slot(root, "pagenav")) != NULL) {
		empty(n);
		if (p->prev < 0 && p->next < 0) {
			drop(n);
		} else {
			xmlNode *ul = html_elc(n, "ul", "pagenav-list");

			if (p->prev >= 0)
				pagenav_link(c, ul, p->prev, "pagenav-prev",
				    "prev", "前のページ");
			if (p->next >= 0)
				pagenav_link(c, ul, p->next, "pagenav-next",
				    "next", "次のページ");
		}
	}
	if ((n = slot(root, "footer")) != NULL) {
		empty(n);
		footer(c, n);
	}
	if ((n = slot(root, "main")) != NULL) {
		empty(n);
		c->last_h = 0;
		html_page_content(c, n);
	}
}

int
html_render_page(struct html_site *s, const struct html_page *p,
    struct buf *out)
{
	struct html_ctx c;

	render(&c, s, p);
	html_serialize(c.doc, out);
	html_ctx_end(&c);
	return 0;
}

/* ------------------------------------------------------------------ */
/* sitemap.xml                                                         */
/* ------------------------------------------------------------------ */

/*
 * The sitemap protocol wants absolute URLs: output.html.site_url, else an
 * absolute base_url. A site known only by its path gets no sitemap.xml,
 * rather than one that search engines reject.
 */
static int
sitemap(struct html_site *s)
{
	const char *base = s->pl->site_url;
	xmlDoc *doc;
	xmlNode *root;
	xmlChar *mem = NULL;
	int len = 0, rc;
	size_t i;

	if (base == NULL && s->pl->base_url != NULL &&
	    (strncmp(s->pl->base_url, "https://", 8) == 0 ||
	    strncmp(s->pl->base_url, "http://", 7) == 0))
		base = s->pl->base_url;
	if (base == NULL || !html_url_safe(base))
		return 0;
	doc = html_doc_new();
	root = html_el_detached(doc, "urlset");

	xmlDocSetRootElement(doc, root);
	xmlNewNs(root, BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9",
	    NULL);
	for (i = 0; i < s->npages; i++) {
		const struct html_page *p = &s->pages[i];
		struct buf loc = {0};

		if (!p->in_order)
			continue;
		buf_puts(&loc, base);
		if (loc.len > 0 && loc.data[loc.len - 1] != '/')
			buf_putc(&loc, '/');
		if (p->kind != HP_TOP)
			buf_puts(&loc, p->url);
		html_text(html_el(html_el(root, "url"), "loc"), buf_str(&loc));
		buf_free(&loc);
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	rc = fs_write(s->site_dir, "sitemap.xml", mem, (size_t)len, s->d);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return rc;
}

/* ------------------------------------------------------------------ */
/* html_write                                                          */
/* ------------------------------------------------------------------ */

static int
write_page(struct html_site *s, const struct html_page *p, struct buf *out)
{
	buf_reset(out);
	html_render_page(s, p, out);
	return fs_write(s->site_dir, p->url, out->data, out->len, s->d);
}

int
html_site_prepare(struct html_site *s, const char *outdir)
{
	s->out_dir = outdir;
	s->site_dir = arena_printf(&s->a, "%s/site", outdir);
	build_pages(s);
	return find_pdfs(s);
}

int
html_write(const struct build *b, const struct config *cfg,
    const char *outdir, struct diag *d)
{
	struct html_site s;
	struct buf out = {0};
	const char *theme = cfg != NULL && cfg->theme != NULL ? cfg->theme :
	    "themes/default";
	size_t i;
	int rc = -1;

	html_site_init(&s, b, d);
	if (html_theme_load(&s, theme) != 0)
		goto done;
	if (fs_mkdir_p(arena_printf(&s.a, "%s/site", outdir)) != 0) {
		diag_syserr(d, outdir, "html-write", "cannot create the site "
		    "folder: %s", strerror(errno));
		goto done;
	}
	if (html_site_prepare(&s, outdir) != 0)
		goto done;
	/* The 用語集 links back to every use: it is written last. */
	for (i = 0; i < s.npages; i++)
		if (s.pages[i].kind != HP_GLOSSARY &&
		    write_page(&s, &s.pages[i], &out) != 0)
			goto done;
	if (s.view[HP_GLOSSARY] != NULL &&
	    write_page(&s, s.view[HP_GLOSSARY], &out) != 0)
		goto done;
	if (sitemap(&s) != 0 || html_theme_assets(&s) != 0)
		goto done;
	rc = s.errors > 0 ? -1 : 0;
done:
	buf_free(&out);
	html_site_free(&s);
	return rc;
}
