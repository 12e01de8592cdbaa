/*
 * site.c: the site (html.h): the list of pages in reading order, the page
 * frame (title, draft banner, navigation, breadcrumbs, previous/next,
 * footer) grafted into the theme, links and shared pieces, and
 * html_write(), which writes every page, the 404 page, sitemap.xml, the
 * theme's assets, the content's figures and the PDF volumes.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlsave.h>

#include "fy.h"
#include "html.h"
#include "html_int.h"
#include "outdir.h"

/* ------------------------------------------------------------------ */
/* NOT IN THE MODEL: the back end's own paths and anchors               */
/* ------------------------------------------------------------------ */

/*
 * The generated views' site paths. Top-level names, so that they cannot
 * collide with a record's page (those live in chapters/, focus/ and
 * projects/, named by their keys).
 */
const char *
html_view_url(enum html_page_kind k)
{
	switch (k) {
	case HP_TOP:
		return "index.html";
	case HP_FOCUS_LIST:
		return "focus-areas.html";
	case HP_PROJECT_LIST:
		return "projects.html";
	case HP_DEPARTMENTS:
		return "departments.html";
	case HP_INDICATORS:
		return "indicators.html";
	case HP_REGISTER:
		return "register.html";
	case HP_HISTORY:
		return "history.html";
	case HP_GLOSSARY:
		return "glossary.html";
	case HP_NOTFOUND:
		return "404.html";
	default:
		return NULL;
	}
}

const char *
html_view_name(const struct html_site *s, enum html_page_kind k)
{
	const struct labels *l = &s->pl->labels;

	switch (k) {
	case HP_TOP:
		return s->plan_name;
	case HP_FOCUS_LIST:
		return arena_printf((struct arena *)&s->a, "%s一覧",
		    l->focus_area != NULL ? l->focus_area : "重点事業");
	case HP_PROJECT_LIST:
		return arena_printf((struct arena *)&s->a, "%s一覧",
		    l->project != NULL ? l->project : "個別事業");
	case HP_DEPARTMENTS:
		return arena_printf((struct arena *)&s->a, "%s別一覧",
		    l->lead_department != NULL ? l->lead_department : "主管課");
	case HP_INDICATORS:
		return "指標一覧";
	case HP_REGISTER:
		return "新旧対照表";
	case HP_HISTORY:
		return "改定履歴";
	case HP_GLOSSARY:
		return s->pl->glossary_title != NULL ? s->pl->glossary_title :
		    "用語集";
	case HP_NOTFOUND:
		return "ページが見つかりません";
	default:
		return "";
	}
}

/*
 * An id from a record's id as written (1, 1-1-(1)): letters, digits and
 * - _ . ( ) kept, any other byte as _XX, so that different ids stay
 * different and the fragment needs no escaping.
 */
static char *
id_from(struct arena *a, const char *prefix, const char *id)
{
	struct buf b = {0};
	char *r;

	buf_puts(&b, prefix);
	for (; id != NULL && *id != '\0'; id++) {
		unsigned char ch = (unsigned char)*id;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-_.()", ch) != NULL)
			buf_putc(&b, ch);
		else
			buf_printf(&b, "_%02X", ch);
	}
	r = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return r;
}

const char *
html_pillar_anchor(struct html_site *s, const struct pillar *p)
{
	return id_from(&s->a, "pillar-", p->id);
}

const char *
html_category_anchor(struct html_site *s, const struct category *cat)
{
	return id_from(&s->a, "cat-", cat->key);
}

const char *
html_focus_group_anchor(struct html_site *s, const struct focus_area *f)
{
	return f->c.anchor != NULL ? f->c.anchor :
	    id_from(&s->a, "fa-", f->c.key);
}

const char *
html_reg_anchor(const struct html_site *s, const struct reg_entry *e)
{
	const struct reg *r = s->b->reg;

	if (r == NULL || s->reg_anchor == NULL || e < r->v || e >= r->v + r->n)
		return NULL;
	return s->reg_anchor[e - r->v];
}

/* Register anchors: old-<id>, with -2, -3 … for an id written twice. */
static void
reg_anchors(struct html_site *s)
{
	const struct reg *r = s->b->reg;
	size_t i, j;

	if (r == NULL || r->n == 0)
		return;
	s->reg_anchor = xcalloc(r->n, sizeof(*s->reg_anchor));
	for (i = 0; i < r->n; i++) {
		int dup = 1;

		s->reg_anchor[i] = id_from(&s->a, "old-", r->v[i].id);
		for (j = 0; j < i; j++)
			if (r->v[j].id != NULL && r->v[i].id != NULL &&
			    strcmp(r->v[j].id, r->v[i].id) == 0)
				dup++;
		if (dup > 1)
			s->reg_anchor[i] = arena_printf(&s->a, "%s-%d",
			    s->reg_anchor[i], dup);
	}
}

const char *
html_id(struct html_ctx *c, const char *prefix)
{
	return arena_printf(&c->site->a, "%s-%d", prefix, ++c->seq);
}

/* ------------------------------------------------------------------ */
/* The site                                                            */
/* ------------------------------------------------------------------ */

void
html_site_init(struct html_site *s, const struct build *b, struct diag *d)
{
	memset(s, 0, sizeof(*s));
	s->b = b;
	s->pl = &b->plan;
	s->d = d;
	s->final = b->plan.status == PLAN_FINAL;
	s->plan_name = arena_printf(&s->a, "%s%s",
	    b->plan.title != NULL ? b->plan.title : "",
	    !s->final && b->plan.draft_label != NULL ? b->plan.draft_label : "");
	reg_anchors(s);
}

void
html_site_free(struct html_site *s)
{
	if (s->tmpl != NULL)
		xmlFreeDoc(s->tmpl);
	if (s->dict != NULL)
		xmlDictFree(s->dict);
	free(s->pages);
	free(s->uses);
	free(s->reg_anchor);
	free(s->pdfs);
	free(s->copied);
	arena_free(&s->a);
	memset(s, 0, sizeof(*s));
}

void
html_ctx_begin(struct html_ctx *c, struct html_site *s,
    const struct html_page *p)
{
	memset(c, 0, sizeof(*c));
	c->site = s;
	c->page = p;
	c->doc = html_doc_new();
	c->last_h = 1;
}

void
html_ctx_end(struct html_ctx *c)
{
	if (c->doc != NULL)
		xmlFreeDoc(c->doc);
	free(c->fnrefs);
	memset(c, 0, sizeof(*c));
}

void
html_use_add(struct html_site *s, const struct term *t,
    const struct html_page *p, const char *id)
{
	size_t k;
	int nth = 1;

	/* A page's uses are recorded together, while it is rendered. */
	for (k = s->nuses; k > 0 && s->uses[k - 1].page == p; k--)
		if (s->uses[k - 1].term == t)
			nth++;
	s->uses = xgrow(s->uses, &s->capuses, s->nuses + 1, sizeof(*s->uses));
	s->uses[s->nuses].nth = nth;
	s->uses[s->nuses].term = t;
	s->uses[s->nuses].page = p;
	s->uses[s->nuses].id = id;
	s->nuses++;
}

int
html_copy_content_file(struct html_site *s, const char *rel, const char *path)
{
	size_t i;

	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	/* The loader keeps images inside the tree; never write outside the site. */
	if (rel[0] == '/' || strstr(rel, "..") != NULL || s->site_dir == NULL ||
	    (path == NULL && s->b->root == NULL))
		return 0;
	for (i = 0; i < s->ncopied; i++)
		if (strcmp(s->copied[i], rel) == 0)
			return 0;
	s->copied = xgrow(s->copied, &s->capcopied, s->ncopied + 1,
	    sizeof(*s->copied));
	s->copied[s->ncopied++] = arena_strdup(&s->a, rel);
	if (path == NULL) {
		struct stat st;

		/* Not checked by the loader: a missing file is left to the link checkers. */
		path = arena_printf(&s->a, "%s/%s", s->b->root, rel);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			return 0;
	}
	return fs_copy(path, s->site_dir, rel, s->d);
}

/* ------------------------------------------------------------------ */
/* Links and shared pieces                                             */
/* ------------------------------------------------------------------ */

/* The 404 page is served at any path: its links are absolute. */
static const char *
abs_base(const struct html_ctx *c)
{
	if (c->page == NULL || c->page->kind != HP_NOTFOUND)
		return NULL;
	return c->site->pl->base_url != NULL && html_url_safe(c->site->pl->base_url)
	    ? c->site->pl->base_url : "/";
}

xmlNode *
html_link_anchor(struct html_ctx *c, xmlNode *parent, const char *site_path,
    const char *anchor, const char *text)
{
	struct buf to = {0}, href = {0};
	xmlNode *a;

	if (c->in_link) {
		html_text(parent, text);
		return parent;
	}
	buf_puts(&to, site_path);
	if (anchor != NULL) {
		buf_putc(&to, '#');
		buf_puts(&to, anchor);
	}
	html_relurl(&href, c->page != NULL ? c->page->url : "index.html",
	    buf_str(&to), abs_base(c));
	a = html_el(parent, "a");
	html_attr(a, "href", buf_str(&href));
	html_text(a, text);
	buf_free(&to);
	buf_free(&href);
	return a;
}

xmlNode *
html_link(struct html_ctx *c, xmlNode *parent, const char *site_path,
    const char *text)
{
	return html_link_anchor(c, parent, site_path, NULL, text);
}

static int
is_hex(int ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
	    (ch >= 'A' && ch <= 'F');
}

int
html_set_url(struct html_ctx *c, xmlNode *el, const char *attr,
    const char *url, const struct span *sp, int site_path)
{
	struct buf enc = {0}, rel = {0};
	const char *p;

	if (!html_url_safe(url)) {
		diag_error(c->site->d, sp, "html-unsafe-url",
		    "the link '%s' is not written: only http, https, mailto "
		    "and relative links are allowed", url != NULL ? url : "");
		c->site->errors++;
		return -1;
	}
	/*
	 * Characters a URL may not hold (the Nu checker rejects them) are
	 * percent-encoded; non-ASCII text stays as it is (HTML takes IRIs).
	 */
	for (p = url; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)*p;

		if (strchr(" \"<>\\^`{|}", ch) != NULL ||
		    (ch == '%' && !(is_hex(p[1]) && is_hex(p[2]))))
			buf_printf(&enc, "%%%02X", ch);
		else
			buf_putc(&enc, ch);
	}
	if (site_path && strcspn(url, ":/?#") == strcspn(url, "/?#") &&
	    url[0] != '/' && url[0] != '#') {
		const char *r = buf_str(&enc);

		while (r[0] == '.' && r[1] == '/')
			r += 2;
		html_relurl(&rel, c->page != NULL ? c->page->url : "index.html",
		    r, abs_base(c));
		html_attr(el, attr, buf_str(&rel));
	} else {
		html_attr(el, attr, buf_str(&enc));
	}
	buf_free(&enc);
	buf_free(&rel);
	return 0;
}

static void
year_pair(xmlNode *parent, int fy, enum fy_style visible)
{
	struct buf v = {0}, l = {0};

	fy_format(&v, fy, visible);
	if (visible == FY_STYLE_LONG) {
		html_text(parent, buf_str(&v));
	} else {
		fy_format(&l, fy, FY_STYLE_LONG);
		html_spoken(parent, buf_str(&v), buf_str(&l));
	}
	buf_free(&v);
	buf_free(&l);
}

void
html_year(struct html_ctx *c, xmlNode *parent, int fy)
{
	year_pair(parent, fy, c->site->pl->year_style);
}

void
html_year_short(struct html_ctx *c, xmlNode *parent, int fy)
{
	year_pair(parent, fy, c->site->pl->year_short_style);
}

void
html_date(struct html_ctx *c, xmlNode *parent, const struct kdate *d)
{
	struct buf v = {0}, l = {0};
	enum fy_style st = c->site->pl->year_style;

	date_format(&v, d, st);
	if (st == FY_STYLE_LONG) {
		html_text(parent, buf_str(&v));
	} else {
		date_format(&l, d, FY_STYLE_LONG);
		html_spoken(parent, buf_str(&v), buf_str(&l));
	}
	buf_free(&v);
	buf_free(&l);
}

void
html_period(struct html_ctx *c, xmlNode *parent, int from, int to)
{
	html_year(c, parent, from);
	html_text(parent, "～");
	html_year(c, parent, to);
}

void
html_departments(struct html_ctx *c, xmlNode *parent,
    const struct dept_list *l)
{
	const struct html_page *idx = c->site->view[HP_DEPARTMENTS];
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct department *d = l->v[i].dept;

		if (i > 0)
			html_text(parent, "、");
		if (d != NULL && !d->pseudo && d->anchor != NULL && idx != NULL)
			html_link_anchor(c, parent, idx->url, d->anchor, d->name);
		else
			html_text(parent, d != NULL ? d->name : l->v[i].written);
	}
	if (l->etc)
		html_text(parent, "等");
}

