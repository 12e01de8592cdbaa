/*
 * tree.c: the small tree API over libxml2, URL safety, relative URLs and
 * the HTML5 serialiser (see html_int.h).
 *
 * Why our own serialiser: libxml2's HTML writer (htmlDocDumpMemoryFormat,
 * 2.9) knows HTML 4 only. It rewrites <meta charset> into an http-equiv
 * Content-Type meta (two encoding declarations: a Nu checker error),
 * percent-escapes non-ASCII characters in href and src, prints minimised
 * boolean attributes and indents by rules that add white space between
 * inline elements, which is visible in Japanese text. The rules of HTML5
 * serialisation are short (WHATWG HTML, "Serialising HTML fragments"), so
 * they are written out here and tested in tests/unit/test_html.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_int.h"

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

xmlDoc *
html_doc_new(void)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");

	if (doc == NULL) {
		fprintf(stderr, "keikaku: out of memory\n");
		abort();
	}
	return doc;
}

/* libxml2 returns NULL only when out of memory: abort, as xmalloc does. */
static void *
oom_check(void *p)
{
	if (p == NULL) {
		fprintf(stderr, "keikaku: out of memory\n");
		abort();
	}
	return p;
}

xmlNode *
html_el_detached(xmlDoc *doc, const char *tag)
{
	return oom_check(xmlNewDocNode(doc, NULL, BAD_CAST tag, NULL));
}

xmlNode *
html_el(xmlNode *parent, const char *tag)
{
	xmlNode *el = html_el_detached(parent->doc, tag);

	xmlAddChild(parent, el);
	return el;
}

xmlNode *
html_elc(xmlNode *parent, const char *tag, const char *cls)
{
	xmlNode *el = html_el(parent, tag);

	if (cls != NULL)
		html_attr(el, "class", cls);
	return el;
}

void
html_attr(xmlNode *el, const char *name, const char *value)
{
	if (value == NULL) {
		xmlUnsetProp(el, BAD_CAST name);
		return;
	}
	/*
	 * xmlSetProp stores the value as one text node, literally. (Not
	 * xmlNewDocProp, which parses entity references in the value.)
	 */
	oom_check(xmlSetProp(el, BAD_CAST name, BAD_CAST value));
}

void
html_attrf(xmlNode *el, const char *name, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	html_attr(el, name, buf_str(&b));
	buf_free(&b);
}

const char *
html_attr_get(const xmlNode *el, const char *name)
{
	const xmlAttr *a;

	for (a = el->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return a->children != NULL &&
			    a->children->type == XML_TEXT_NODE ?
			    (const char *)a->children->content : "";
	return NULL;
}

void
html_textn(xmlNode *parent, const char *text, size_t len)
{
	xmlNode *t;

	if (len == 0)
		return;
	/* xmlNewDocTextLen copies the bytes as they are: nothing is parsed. */
	t = oom_check(xmlNewDocTextLen(parent->doc, BAD_CAST text, (int)len));
	/* xmlAddChild merges adjacent text nodes (and frees t then). */
	xmlAddChild(parent, t);
}

void
html_text(xmlNode *parent, const char *text)
{
	if (text != NULL)
		html_textn(parent, text, strlen(text));
}

void
html_textf(xmlNode *parent, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	html_textn(parent, buf_str(&b), b.len);
	buf_free(&b);
}

xmlNode *
html_hidden(xmlNode *parent, const char *text)
{
	xmlNode *s = html_elc(parent, "span", "visually-hidden");

	html_text(s, text);
	return s;
}

void
html_spoken(xmlNode *parent, const char *visible, const char *spoken)
{
	xmlNode *v;

	if (spoken == NULL || strcmp(visible, spoken) == 0) {
		html_text(parent, visible);
		return;
	}
	v = html_el(parent, "span");
	html_attr(v, "aria-hidden", "true");
	html_text(v, visible);
	html_hidden(parent, spoken);
}

/* ------------------------------------------------------------------ */
/* URLs                                                                */
/* ------------------------------------------------------------------ */

int
html_url_safe(const char *url)
{
	const char *p;
	size_t n;

	if (url == NULL || *url == '\0')
		return 0;
	for (p = url; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	/*
	 * A colon before the first / ? # ends a scheme (or makes a path that
	 * some parser could read as one): only the three allowed schemes pass.
	 */
	n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return 1;
	return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
	    (n == 5 && strncasecmp(url, "https", 5) == 0) ||
	    (n == 6 && strncasecmp(url, "mailto", 6) == 0);
}

/* The length of the folder part of a site path, up to its last slash included. */
static size_t
dir_len(const char *path, size_t len)
{
	while (len > 0 && path[len - 1] != '/')
		len--;
	return len;
}

void
html_relurl(struct buf *out, const char *from, const char *to,
    const char *abs_base)
{
	size_t tolen, fromdir, todir, common, i;
	const char *hash;

	if (to[0] == '#' || to[0] == '\0') {
		buf_puts(out, to);
		return;
	}
	if (abs_base != NULL) {
		buf_puts(out, abs_base);
		if (out->len > 0 && out->data[out->len - 1] != '/')
			buf_putc(out, '/');
		buf_puts(out, to);
		return;
	}
	hash = strchr(to, '#');
	tolen = hash != NULL ? (size_t)(hash - to) : strlen(to);
	if (strlen(from) == tolen && strncmp(from, to, tolen) == 0 &&
	    hash != NULL) {
		buf_puts(out, hash);
		return;
	}
	fromdir = dir_len(from, strlen(from));
	todir = dir_len(to, tolen);
	/* The common folder prefix, a whole number of path components. */
	common = 0;
	for (i = 0; i < fromdir && i < todir && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i + 1;
	for (i = common; i < fromdir; i++)
		if (from[i] == '/')
			buf_puts(out, "../");
	buf_puts(out, to + common);
}

/* ------------------------------------------------------------------ */
/* Serialising                                                         */
/* ------------------------------------------------------------------ */

/*
 * What the serialiser needs to know of an element name (WHATWG HTML):
 * VOID elements have no end tag and no content; RAW text elements (script,
 * style) are written as they are, never escaped; around BLOCK elements a
 * line break is written. White space there is never rendered (it sits
 * between block boxes or table cells), unlike white space between inline
 * elements, which would show in Japanese text.
 */
#define EL_VOID		1
#define EL_RAW		2
#define EL_BLOCK	4

static const struct elem {
	const char	*name;
	int		 flags;
} elems[] = {		/* sorted by name (strcmp) for bsearch */
	{ "address", EL_BLOCK }, { "area", EL_VOID }, { "article", EL_BLOCK },
	{ "aside", EL_BLOCK }, { "base", EL_VOID }, { "blockquote", EL_BLOCK },
	{ "body", EL_BLOCK }, { "br", EL_VOID }, { "caption", EL_BLOCK },
	{ "col", EL_VOID | EL_BLOCK }, { "colgroup", EL_BLOCK },
	{ "dd", EL_BLOCK }, { "details", EL_BLOCK }, { "div", EL_BLOCK },
	{ "dl", EL_BLOCK }, { "dt", EL_BLOCK }, { "embed", EL_VOID },
	{ "figcaption", EL_BLOCK }, { "figure", EL_BLOCK },
	{ "footer", EL_BLOCK }, { "form", EL_BLOCK }, { "h1", EL_BLOCK },
	{ "h2", EL_BLOCK }, { "h3", EL_BLOCK }, { "h4", EL_BLOCK },
	{ "h5", EL_BLOCK }, { "h6", EL_BLOCK }, { "head", EL_BLOCK },
	{ "header", EL_BLOCK }, { "hr", EL_VOID | EL_BLOCK },
	{ "html", EL_BLOCK }, { "img", EL_VOID }, { "input", EL_VOID },
	{ "li", EL_BLOCK }, { "link", EL_VOID | EL_BLOCK },
	{ "main", EL_BLOCK }, { "meta", EL_VOID | EL_BLOCK },
	{ "nav", EL_BLOCK }, { "noscript", EL_BLOCK }, { "ol", EL_BLOCK },
	{ "p", EL_BLOCK }, { "pre", EL_BLOCK },
	{ "script", EL_RAW | EL_BLOCK }, { "section", EL_BLOCK },
	{ "source", EL_VOID }, { "style", EL_RAW | EL_BLOCK },
	{ "summary", EL_BLOCK }, { "table", EL_BLOCK }, { "tbody", EL_BLOCK },
	{ "td", EL_BLOCK }, { "template", EL_BLOCK }, { "tfoot", EL_BLOCK },
	{ "th", EL_BLOCK }, { "thead", EL_BLOCK }, { "title", EL_BLOCK },
	{ "tr", EL_BLOCK }, { "track", EL_VOID }, { "ul", EL_BLOCK },
	{ "wbr", EL_VOID },
};

static int
elem_cmp(const void *key, const void *e)
{
	return strcmp((const char *)key, ((const struct elem *)e)->name);
}

static int
elem_flags(const char *name)
{
	const struct elem *e = bsearch(name, elems, KK_ARRAY_LEN(elems),
	    sizeof(elems[0]), elem_cmp);

	return e != NULL ? e->flags : 0;
}

static int
is_block(const xmlNode *n)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    (elem_flags((const char *)n->name) & EL_BLOCK);
}

/*
 * Appends text escaped for its context: & < > in text, & " in attribute
 * values (WHATWG "escaping a string"). Invalid UTF-8, C0 and C1 controls
 * other than tab and line feed, and noncharacters become U+FFFD or are
 * dropped (carriage returns), since the Nu checker rejects them.
 */
static void
put_escaped(struct buf *out, const char *s, int attr)
{
	const char *run = s;
	size_t len = strlen(s), i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		uint32_t cp;
		size_t n;

		if (c >= 0x20 && c < 0x7f) {
			if (c == '&')
				rep = "&amp;";
			else if (c == '<' && !attr)
				rep = "&lt;";
			else if (c == '>' && !attr)
				rep = "&gt;";
			else if (c == '"' && attr)
				rep = "&quot;";
			if (rep == NULL) {
				i++;
				continue;
			}
			n = 1;
		} else if (c == '\t' || c == '\n') {
			i++;
			continue;
		} else if (c < 0x80) {
			n = 1;			/* other C0 controls, DEL */
			rep = c == '\r' ? "" : "\xEF\xBF\xBD";
		} else if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE) &&
		    i + 2 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
		    ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
			/*
			 * The common case, kana and kanji: a 3-byte sequence
			 * whose lead byte allows no overlong form, surrogate or
			 * noncharacter, so it needs no full decoding.
			 */
			i += 3;
			continue;
		} else {
			n = utf8_decode(s + i, len - i, &cp);
			if (cp == 0xFFFD || (cp >= 0x80 && cp < 0xA0) ||
			    (cp >= 0xFDD0 && cp <= 0xFDEF) ||
			    (cp & 0xFFFE) == 0xFFFE)
				rep = "\xEF\xBF\xBD";
			if (rep == NULL || (cp == 0xFFFD && n == 3 &&
			    memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
				i += n;
				continue;
			}
		}
		buf_put(out, run, (size_t)(s + i - run));
		buf_puts(out, rep);
		i += n;
		run = s + i;
	}
	buf_put(out, run, (size_t)(s + i - run));
}

static void
put_attr_value(struct buf *out, const xmlAttr *a)
{
	const xmlNode *t;

	for (t = a->children; t != NULL; t = t->next)
		if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE)
		    && t->content != NULL)
			put_escaped(out, (const char *)t->content, 1);
}

static void
newline(struct buf *out)
{
	if (out->len > 0 && out->data[out->len - 1] != '\n')
		buf_putc(out, '\n');
}

static void serialize(struct buf *, const xmlNode *, int pre, int depth);

static void
serialize_children(struct buf *out, const xmlNode *n, int pre, int depth)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		serialize(out, c, pre, depth + 1);
}

static void
serialize_element(struct buf *out, const xmlNode *n, int pre, int depth)
{
	const char *name = (const char *)n->name;
	const xmlAttr *a;
	const xmlNode *c;
	int flags = elem_flags(name), block = !pre && (flags & EL_BLOCK);

	if (block)
		newline(out);
	buf_putc(out, '<');
	buf_puts(out, name);
	for (a = n->properties; a != NULL; a = a->next) {
		buf_putc(out, ' ');
		buf_puts(out, (const char *)a->name);
		buf_puts(out, "=\"");
		put_attr_value(out, a);
		buf_putc(out, '"');
	}
	buf_putc(out, '>');
	if (flags & EL_VOID)
		return;
	if (flags & EL_RAW) {
		/* Only the theme writes these; text that would end them early is dropped. */
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_TEXT_NODE && c->content != NULL &&
			    strstr((const char *)c->content, "</") == NULL)
				buf_puts(out, (const char *)c->content);
	} else {
		if (strcmp(name, "pre") == 0 || strcmp(name, "textarea") == 0) {
			pre = 1;
			/* The parser drops one line feed right after <pre>: keep the text's own. */
			c = n->children;
			if (c != NULL && c->type == XML_TEXT_NODE &&
			    c->content != NULL && c->content[0] == '\n')
				buf_putc(out, '\n');
		}
		if (depth < HTML_MAX_DEPTH)
			serialize_children(out, n, pre, depth);
		if (!pre && is_block(n->last))
			newline(out);
	}
	buf_puts(out, "</");
	buf_puts(out, name);
	buf_putc(out, '>');
}

static void
serialize(struct buf *out, const xmlNode *n, int pre, int depth)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
		serialize_element(out, n, pre, depth);
		break;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			put_escaped(out, (const char *)n->content, 0);
		break;
	case XML_DTD_NODE:
		buf_puts(out, "<!DOCTYPE html>\n");
		break;
	case XML_DOCUMENT_NODE:
	case XML_HTML_DOCUMENT_NODE:
	case XML_DOCUMENT_FRAG_NODE:
		serialize_children(out, n, pre, depth);
		break;
	default:
		/* Comments, processing instructions, entity nodes: not published. */
		break;
	}
}

void
html_serialize(const xmlDoc *doc, struct buf *out)
{
	const xmlNode *c;
	int dtd = 0;

	for (c = doc->children; c != NULL; c = c->next)
		if (c->type == XML_DTD_NODE)
			dtd = 1;
	/* Every page is HTML5 (standards mode), whatever the template said. */
	if (!dtd)
		buf_puts(out, "<!DOCTYPE html>\n");
	serialize(out, (const xmlNode *)doc, 0, 0);
	newline(out);
}

void
html_serialize_node(const xmlNode *node, struct buf *out)
{
	serialize(out, node, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Finding                                                             */
/* ------------------------------------------------------------------ */

static xmlNode *
find(xmlNode *n, const char *attr, const char *value, int depth)
{
	xmlNode *c, *r;
	const char *v;

	if (n->type != XML_ELEMENT_NODE || depth > HTML_MAX_DEPTH)
		return NULL;
	if (attr == NULL ? strcmp((const char *)n->name, value) == 0 :
	    (v = html_attr_get(n, attr)) != NULL && strcmp(v, value) == 0)
		return n;
	for (c = n->children; c != NULL; c = c->next)
		if ((r = find(c, attr, value, depth + 1)) != NULL)
			return r;
	return NULL;
}

xmlNode *
html_find_slot(xmlNode *root, const char *name)
{
	return root != NULL ? find(root, "data-slot", name, 0) : NULL;
}

xmlNode *
html_find_el(xmlNode *root, const char *tag)
{
	return root != NULL ? find(root, NULL, tag, 0) : NULL;
}
