/*
 * inline.c: the model's inlines as HTML phrasing content (html_int.h).
 *
 * Every piece of text becomes a text node (escaped by construction); every
 * URL passes html_set_url(). Inside a link no further link is written (an
 * <a> inside an <a> is invalid HTML and confuses screen readers): glossary
 * references and footnote references there print their text only.
 */
#include <string.h>

#include "md.h"
#include "html_int.h"

const char *
html_plain(struct html_site *s, const struct inline_node *in)
{
	struct buf b = {0};
	const char *r;

	md_plain_text(&b, in);
	r = arena_strdup(&s->a, buf_str(&b));
	buf_free(&b);
	return r;
}

/*
 * 1 if tag is a well-formed BCP 47 language tag as far as HTML needs
 * (letters, digits and hyphens, a 2 to 8 letter primary subtag): lang="x y"
 * would be a Nu checker error and a wrong language for screen readers.
 */
static int
lang_ok(const char *tag)
{
	size_t i, run = 0, primary = 0;

	if (tag == NULL)
		return 0;
	for (i = 0; tag[i] != '\0'; i++) {
		char ch = tag[i];

		if (ch == '-') {
			if (run == 0)
				return 0;
			if (primary == 0)
				primary = run;
			run = 0;
		} else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (primary > 0 && ch >= '0' && ch <= '9')) {
			if (++run > 8)
				return 0;
		} else {
			return 0;
		}
	}
	if (primary == 0)
		primary = run;
	return run > 0 && primary >= 2;
}

/*
 * A footnote reference: 注N linked to the note, with an id for the way back.
 * NOT IN THE MODEL: the ids of the references (fnref-N, fnref-N-2 for a
 * second reference to the same note) are the back end's own.
 */
static void
footref(struct html_ctx *c, xmlNode *parent, const struct inline_node *in)
{
	const struct footnote *fn = in->footnote;
	xmlNode *sup, *a;
	int k;

	if (fn == NULL || fn->number <= 0 || fn->anchor == NULL)
		return;
	sup = html_elc(parent, "sup", "footref");
	if (c->in_link) {
		html_textf(sup, "注%d", fn->number);
		return;
	}
	k = 1;
	if ((size_t)fn->number <= c->nfn)
		k = ++c->fnrefs[fn->number - 1];
	a = html_link_anchor(c, sup, c->page->url, fn->anchor, NULL);
	if (k == 1)
		html_attrf(a, "id", "fnref-%d", fn->number);
	else
		html_attrf(a, "id", "fnref-%d-%d", fn->number, k);
	html_textf(a, "注%d", fn->number);
}

/*
 * A glossary reference: linked to its entry in the 用語集, recorded for the
 * way back. NOT IN THE MODEL: where each term is used (page and id) is
 * collected here while the pages are written; term.uses only counts them.
 */
static void
gloss(struct html_ctx *c, xmlNode *parent, const struct inline_node *in)
{
	const struct term *t = in->term;
	const struct html_page *g = c->site->view[HP_GLOSSARY];
	xmlNode *a;
	const char *id;

	if (t == NULL || g == NULL || c->in_link) {
		if (in->children != NULL)
			html_inlines(c, parent, in->children);
		else if (t != NULL)
			html_text(parent, t->term);
		if (t != NULL && g != NULL)
			html_use_add(c->site, t, c->page, NULL);
		return;
	}
	a = html_link_anchor(c, parent, g->url, t->anchor, NULL);
	html_attr(a, "class", "term");
	id = html_id(c, "term-use");
	html_attr(a, "id", id);
	c->in_link++;
	if (in->children != NULL)
		html_inlines(c, a, in->children);
	else
		html_text(a, t->term);
	c->in_link--;
	html_use_add(c->site, t, c->page, id);
}

static void
inline_node(struct html_ctx *c, xmlNode *parent, const struct inline_node *in)
{
	xmlNode *el;

	switch (in->type) {
	case INL_TEXT:
		html_text(parent, in->text);
		break;
	case INL_CODE:
		html_text(html_el(parent, "code"), in->text);
		break;
	case INL_BREAK:
		html_el(parent, "br");
		break;
	case INL_EMPH:
		html_inlines(c, html_el(parent, "em"), in->children);
		break;
	case INL_STRONG:
		html_inlines(c, html_el(parent, "strong"), in->children);
		break;
	case INL_STRIKE:
		html_inlines(c, html_el(parent, "del"), in->children);
		break;
	case INL_LINK:
		if (c->in_link) {
			html_inlines(c, parent, in->children);
			break;
		}
		if (in->xref != NULL && in->xref->url != NULL) {
			/* A place in the plan: its page and anchor on the site. */
			el = html_link_anchor(c, parent, in->xref->url,
			    in->xref->anchor, in->children != NULL ? NULL :
			    in->xref->text);
			c->in_link++;
			html_inlines(c, el, in->children);
			c->in_link--;
			break;
		}
		el = html_el(parent, "a");
		if (html_set_url(c, el, "href", in->url, &in->span, 0) != 0) {
			/* Not a link: its text stays, in a span. */
			xmlNodeSetName(el, BAD_CAST "span");
		}
		c->in_link++;
		if (in->children != NULL)
			html_inlines(c, el, in->children);
		else
			html_text(el, in->url);
		c->in_link--;
		break;
	case INL_IMAGE:
		el = html_el(parent, "img");
		if (html_set_url(c, el, "src", in->url, &in->span, 1) != 0) {
			xmlUnlinkNode(el);
			xmlFreeNode(el);
			html_text(parent, in->text);
			break;
		}
		if (in->url[strcspn(in->url, ":/?#")] != ':' && in->url[0] != '/')
			html_copy_content_file(c->site, in->url, NULL);
		html_attr(el, "alt", in->text != NULL &&
		    strcmp(in->text, "-") != 0 ? in->text : "");
		break;
	case INL_FOOTREF:
		footref(c, parent, in);
		break;
	case INL_GLOSS:
		gloss(c, parent, in);
		break;
	case INL_LANG:
		el = html_el(parent, "span");
		if (lang_ok(in->key))
			html_attr(el, "lang", in->key);
		html_inlines(c, el, in->children);
		break;
	case INL_FIELD:
		if (in->text != NULL)
			html_spoken(parent, in->text, in->expansion);
		break;
	}
}

void
html_inlines(struct html_ctx *c, xmlNode *parent, const struct inline_node *in)
{
	for (; in != NULL; in = in->next)
		inline_node(c, parent, in);
}
