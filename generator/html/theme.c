/*
 * theme.c: the theme folder (themes/default or the city's own): page.html
 * parsed as markup with libxml2's HTML parser, copied for each page with
 * its site-relative links rewritten, and the other files (CSS, logo, icons)
 * copied into the site.
 *
 * A template is never searched and replaced as text: the content of a page
 * is grafted into the elements marked data-slot (html_int.h, page.html).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "html.h"
#include "html_int.h"
#include "outdir.h"

/*
 * Named limits, with their reasons.
 * THEME_MAX_FILE: a page template is a few kilobytes; a larger file is not
 *   one (and is refused rather than parsed).
 * THEME_MAX_DEPTH: folders under the theme; stops a symlink loop.
 * THEME_MAX_FILES: files copied from a theme; more means a wrong folder.
 */
#define THEME_MAX_FILE (1024 * 1024)
#define THEME_MAX_DEPTH 8
#define THEME_MAX_FILES 1000

/* Slots a template must have: without them no page can be made. */
static const char *const required_slots[] = { "title", "main", NULL };
static const char *const slot_roles[] = {
	"which gets each page's title (the <title> element)",
	"where each page's content goes (the <main> element)"
};

static const char *const url_attrs[] = { "href", "src", NULL };

/* 1 if the text node holds only the white space of the file's layout. */
static int
layout_space(const xmlNode *t)
{
	const unsigned char *p;

	if (t->content == NULL)
		return 1;
	for (p = t->content; *p != '\0'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return strchr((const char *)t->content, '\n') != NULL;
}

/*
 * The Content-Security-Policy of every page, written by keikaku whatever
 * the template says (accessibility.md, issue 3 "Safety"): no script at all,
 * styles and images from the site only, no plugin, no <base>, no form.
 * A meta element cannot carry frame-ancestors; a server header can add it.
 */
#define HTML_CSP "default-src 'none'; style-src 'self'; img-src 'self'; " \
	"font-src 'self'; base-uri 'none'; form-action 'none'"

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':';
}

/*
 * Where element n, or its attribute attr, is written in the template's
 * text: libxml2 gives the line where the element's start tag ends, so the
 * last "<name" up to the end of that line, then attr in that start tag
 * (outside its quoted values). Without the text, or not found as written:
 * the line alone.
 */
static struct span
theme_place(const struct html_site *s, const xmlNode *n, const char *attr)
{
	struct span sp = { s->theme_path, (int)xmlGetLineNo(n), 0 };
	const char *t = s->theme_text, *name = (const char *)n->name;
	size_t len = s->theme_len, nl = strlen(name), al, end = 0, i;
	struct span top = { s->theme_path, 1, 1 };
	int line = 1;
	char q = 0;

	if (sp.line < 1) {
		sp.line = 0;
		return sp;
	}
	if (t == NULL)
		return sp;
	while (end < len && (line < sp.line || t[end] != '\n'))
		if (t[end++] == '\n')
			line++;
	for (i = end; i > 0; i--)
		if (t[i - 1] == '<' && i + nl <= len &&
		    strncasecmp(t + i, name, nl) == 0 &&
		    (i + nl == len || !name_char(t[i + nl])))
			break;
	if (i == 0)
		return sp;
	i--;				/* at the '<' */
	if (attr != NULL) {
		al = strlen(attr);
		for (i += 1 + nl; i < len && (q != 0 || t[i] != '>'); i++) {
			if (q != 0) {
				if (t[i] == q)
					q = 0;
			} else if (t[i] == '"' || t[i] == '\'') {
				q = t[i];
			} else if (!name_char(t[i - 1]) && i + al <= len &&
			    strncasecmp(t + i, attr, al) == 0 &&
			    (i + al == len || !name_char(t[i + al]))) {
				return text_span_at(&top, NULL, 0, t, i);
			}
		}
		return sp;
	}
	return text_span_at(&top, NULL, 0, t, i);
}

static void
theme_error(struct html_site *s, const xmlNode *n, const char *attr,
    const char *code, const char *fmt, const char *arg)
{
	struct span sp = theme_place(s, n, attr);

	diag_error(s->d, &sp, code, fmt, arg);
	s->errors++;
}

/* A style or event handler attribute: the pages' policy would block it. */
static void
inline_attr(struct html_site *s, const xmlNode *n, const char *attr)
{
	struct buf what = {0};

	buf_printf(&what, "<%s> has the attribute %s", (const char *)n->name,
	    attr);
	theme_error(s, n, attr, "theme-inline", strcasecmp(attr, "style") == 0 ?
	    "the page template's %s: the pages' Content-Security-Policy "
	    "allows no inline style (move the style to style.css)" :
	    "the page template's %s: the pages' Content-Security-Policy "
	    "runs no script (remove it)", buf_str(&what));
	buf_free(&what);
}

static int
is_csp_meta(const xmlNode *n)
{
	const char *v;

	return strcmp((const char *)n->name, "meta") == 0 &&
	    (v = html_attr_get(n, "http-equiv")) != NULL &&
	    strcasecmp(v, "Content-Security-Policy") == 0;
}

/*
 * Drops comments, the white space of the file's layout (the serialiser
 * writes its own line breaks) and any Content-Security-Policy meta (keikaku
 * writes its own); reports what the policy would block or what is unsafe:
 * script and style elements, style and event handler attributes, links
 * other than http, https, mailto and relative ones.
 */
static void
clean(struct html_site *s, xmlNode *n, int pre, int depth)
{
	xmlNode *c, *next;
	const xmlAttr *a;
	size_t i;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE ||
		    (c->type == XML_TEXT_NODE && !pre && layout_space(c)) ||
		    (c->type == XML_ELEMENT_NODE && is_csp_meta(c))) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "script") == 0 ||
		    strcmp((const char *)c->name, "style") == 0)
			theme_error(s, c, NULL, "theme-inline",
			    strcmp((const char *)c->name, "style") == 0 ?
			    "the page template has a <%s> element: the pages' "
			    "Content-Security-Policy allows no inline style "
			    "(move the styles to style.css)" :
			    "the page template has a <%s> element: the pages' "
			    "Content-Security-Policy runs no script (remove "
			    "it)", (const char *)c->name);
		for (a = c->properties; a != NULL; a = a->next)
			if (strcasecmp((const char *)a->name, "style") == 0 ||
			    strncasecmp((const char *)a->name, "on", 2) == 0)
				inline_attr(s, c, (const char *)a->name);
		for (i = 0; url_attrs[i] != NULL; i++) {
			const char *v = html_attr_get(c, url_attrs[i]);

			if (v != NULL && !html_url_safe(v)) {
				theme_error(s, c, url_attrs[i],
				    "theme-unsafe-url", "the link "
				    "'%s' is not allowed: only http, https, mailto "
				    "and relative links", v);
				html_attr(c, url_attrs[i], NULL);
			}
		}
		if (depth < HTML_MAX_DEPTH)
			clean(s, c, pre || strcmp((const char *)c->name, "pre") == 0,
			    depth + 1);
	}
}

/*
 * The head every page needs whatever the template says: <meta charset>
 * first (the encoding must be declared in the first 1024 bytes), then the
 * Content-Security-Policy.
 */
static void
fix_head(xmlNode *root)
{
	xmlNode *head = html_find_el(root, "head"), *c, *charset = NULL, *csp;

	if (head == NULL) {
		head = html_el_detached(root->doc, "head");
		if (root->children != NULL)
			xmlAddPrevSibling(root->children, head);
		else
			xmlAddChild(root, head);
	}
	for (c = head->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "meta") == 0 &&
		    html_attr_get(c, "charset") != NULL)
			charset = c;
	if (charset != NULL)
		xmlUnlinkNode(charset);
	else
		charset = html_el_detached(root->doc, "meta");
	html_attr(charset, "charset", "utf-8");
	if (head->children != NULL)
		xmlAddPrevSibling(head->children, charset);
	else
		xmlAddChild(head, charset);
	csp = html_el_detached(root->doc, "meta");
	html_attr(csp, "http-equiv", "Content-Security-Policy");
	html_attr(csp, "content", HTML_CSP);
	xmlAddNextSibling(charset, csp);
}

int
html_theme_load(struct html_site *s, const char *dir)
{
	char *path = NULL, *text = NULL;
	size_t len, i;
	xmlNode *root;
	int rc = -1;

	s->theme_dir = arena_strdup(&s->a, dir);
	path = arena_printf(&s->a, "%s/page.html", dir);
	s->theme_path = path;
	if ((text = file_read(path, &len, THEME_MAX_FILE)) == NULL) {
		diag_syserr(s->d, path, "theme-read", "cannot read the page "
		    "template: %s%s", strerror(errno), errno == ENOENT ?
		    "; --theme names the folder that holds page.html" : "");
		return -1;
	}
	s->tmpl = htmlReadMemory(text, (int)len, path, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	root = s->tmpl != NULL ? xmlDocGetRootElement(s->tmpl) : NULL;
	if (root == NULL || html_find_el(root, "body") == NULL) {
		struct span sp = { path, 0, 0 };

		diag_error(s->d, &sp, "theme-template",
		    "the page template is not an HTML page (it is empty, or "
		    "has no <body>): start again from "
		    "themes/default/page.html");
		goto done;
	}
	s->theme_text = text;
	s->theme_len = len;
	clean(s, (xmlNode *)s->tmpl, 0, 0);
	s->theme_text = NULL;
	fix_head(root);
	rc = 0;
	for (i = 0; required_slots[i] != NULL; i++) {
		if (html_find_slot(root, required_slots[i]) == NULL) {
			struct span sp = { path, 0, 0 };

			diag_error(s->d, &sp, "theme-slot", "the page template "
			    "has no element with data-slot=\"%s\", %s: add the "
			    "attribute to that element", required_slots[i],
			    slot_roles[i]);
			rc = -1;
		}
	}
	if (s->errors > 0)
		rc = -1;
done:
	free(text);
	if (rc != 0)
		s->errors++;
	return rc;
}

/* 1 if v is a link to a file of the site, written from the site's top. */
static int
site_relative(const char *v)
{
	return v[0] != '\0' && v[0] != '#' && v[0] != '/' &&
	    v[strcspn(v, ":/?#")] != ':';
}

static void
rewrite(struct html_ctx *c, xmlNode *n, int depth)
{
	xmlNode *ch;
	size_t i;

	for (ch = n->children; ch != NULL; ch = ch->next) {
		if (ch->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; url_attrs[i] != NULL; i++) {
			const char *v = html_attr_get(ch, url_attrs[i]);

			if (v != NULL && site_relative(v)) {
				char *copy = xstrdup(v);

				html_set_url(c, ch, url_attrs[i], copy, NULL, 1);
				free(copy);
			}
		}
		if (depth < HTML_MAX_DEPTH)
			rewrite(c, ch, depth + 1);
	}
}

xmlDoc *
html_theme_page(struct html_site *s, const struct html_page *p)
{
	xmlDoc *doc = html_doc_new();
	xmlNode *root;
	struct html_ctx c;

	/*
	 * The page's element and attribute names come from one dictionary
	 * shared by every page of the site: a page allocates only its text.
	 */
	if (s->dict == NULL && (s->dict = xmlDictCreate()) == NULL) {
		fprintf(stderr, "keikaku: out of memory\n");
		abort();
	}
	doc->dict = s->dict;
	xmlDictReference(s->dict);
	root = xmlDocCopyNode(xmlDocGetRootElement(s->tmpl), doc, 1);
	if (root == NULL) {
		fprintf(stderr, "keikaku: out of memory\n");
		abort();
	}
	xmlDocSetRootElement(doc, root);
	/* A context for the page's links, without a document of its own. */
	memset(&c, 0, sizeof(c));
	c.site = s;
	c.page = p;
	rewrite(&c, (xmlNode *)doc, 0);
	return doc;
}

/*
 * Copies dir/rel (a folder) into the site, recursively; skips *.html, *.md
 * and dot files. Without a site folder (keikaku check), walks it only.
 */
static int
copy_dir(struct html_site *s, const char *rel, int depth, size_t *count)
{
	char *dirpath = rel[0] != '\0' ?
	    arena_printf(&s->a, "%s/%s", s->theme_dir, rel) :
	    arena_strdup(&s->a, s->theme_dir);
	struct dirent *e;
	DIR *dir;
	int rc = 0;

	if ((dir = opendir(dirpath)) == NULL) {
		diag_syserr(s->d, dirpath, "theme-read", "cannot read the theme "
		    "folder: %s", strerror(errno));
		return -1;
	}
	while ((e = readdir(dir)) != NULL && rc == 0) {
		const char *name = e->d_name;
		size_t len = strlen(name);
		char *sub, *src;
		struct stat st;

		/* Templates and the theme's own notes are not published. */
		if (name[0] == '.' ||
		    (len > 5 && strcmp(name + len - 5, ".html") == 0) ||
		    (len > 3 && strcmp(name + len - 3, ".md") == 0))
			continue;
		sub = rel[0] != '\0' ? arena_printf(&s->a, "%s/%s", rel, name) :
		    arena_strdup(&s->a, name);
		src = arena_printf(&s->a, "%s/%s", s->theme_dir, sub);
		if (stat(src, &st) != 0) {
			diag_syserr(s->d, src, "theme-read", "cannot read: %s",
			    strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < THEME_MAX_DEPTH)
				rc = copy_dir(s, sub, depth + 1, count);
		} else if (S_ISREG(st.st_mode)) {
			if (++*count > THEME_MAX_FILES) {
				struct span sp = { s->theme_dir, 0, 0 };

				diag_error(s->d, &sp, "theme-too-many-files",
				    "more than %d files in the theme folder",
				    THEME_MAX_FILES);
				s->errors++;
				rc = -1;
			} else if (s->site_dir != NULL) {
				rc = fs_copy(src, s->site_dir, sub, s->d);
			}
		}
	}
	closedir(dir);
	return rc;
}

int
html_theme_assets(struct html_site *s)
{
	size_t count = 0;

	return copy_dir(s, "", 0, &count);
}

int
html_theme_check(const char *dir, struct diag *d)
{
	struct html_site s;
	size_t count = 0;
	int rc;

	memset(&s, 0, sizeof(s));
	s.d = d;
	rc = html_theme_load(&s, dir);
	/* its files, as the build walks them, unless the folder is unreadable */
	if (s.tmpl != NULL && copy_dir(&s, "", 0, &count) != 0)
		rc = -1;
	html_site_free(&s);
	return rc;
}
