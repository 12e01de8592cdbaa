/*
 * tag.c: the structure tree of a tagged PDF (see tag.h).
 *
 * While the pages are drawn, the tree lives here as plain records: the
 * elements in order of their struct_begin, each with its kids in document
 * order (child elements, marked-content ids on a page, link annotations),
 * and per page the element of each MCID. Marked-content operators go into
 * the page's content stream as the drawing calls come. tag_finish() sets
 * what lives in libharu's objects (catalog, pages, annotations, the XMP
 * stream, an empty StructTreeRoot) before the file is saved; tag_pack()
 * then writes the elements and the trees themselves into object streams
 * of the saved file (see "Writing the tree" below).
 *
 * Choices, with their reasons:
 *  - One marked-content sequence per element and page run: consecutive
 *    drawings of the same element share a BDC … EMC (fewer operators, and
 *    a paragraph's lines read as one piece); artifacts of the same kind
 *    likewise.
 *  - Inline elements (Span, Link, Reference; Lbl and LBody of a list
 *    item) the layout brackets piece by piece are merged back into one
 *    element when the same node opens again right after it closed (a
 *    link broken over two lines is one Link with two pieces of content
 *    and two annotations).
 *  - Heading levels never skip (PDF/UA-1 §7.4.2, Matterhorn 14-003): a
 *    heading deeper than one below the previous heading is written one
 *    below it. The layout follows the model's levels; this only guards
 *    a model that skips.
 *  - Every Note gets an /ID (PDF/UA-1 §7.9, Matterhorn 19-003).
 *  - Text strings (/Alt, /E, /ActualText, /Contents) are written as
 *    UTF-16BE with a byte-order mark, whatever libharu's encoders would
 *    do.
 *  - A link drawn as an artifact gets no annotation (every annotation
 *    must be in the tree, PDF/UA-1 §7.18.1); the layout draws none.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf/pack.h"
#include "pdf/tag.h"

/* Entries in a leaf of the ParentTree or IDTree: a reader looks one up in a leaf this size. */
#define TREE_LEAF	256

enum kid_kind {
	KID_ELEM,	/* value: element index */
	KID_MCID,	/* value: MCID on page */
	KID_OBJR	/* value: link index */
};

struct kid {
	enum kid_kind	 kind;
	int		 value;
	int		 page;
};

/* An element; small, as there are hundreds of thousands in a large volume. */
struct elem {
	enum dev_stype	 st;		/* as written (a heading may be raised) */
	enum dev_stype	 asked;		/* as the layout named it, for struct_end */
	int		 parent;	/* -1 for the Document element */
	int		 page;		/* of its first marked content, -1 if none */
	uint32_t	 num;		/* its object number (tag_pack()) */
	const void	*node;
	struct kid	*kids;
	size_t		 nkids;
	size_t		 kidcap;
	char		**attr;		/* DEV_A_COUNT values, NULL = absent; or no_attrs */
	struct buf	*text;		/* a Link's text, for its annotation's /Contents; or NULL */
};

/* An object for pdf_pack(): its body in t->bodies, or none (as libharu saved it). */
struct tobj {
	uint32_t	 num;
	int		 saved;
	size_t		 off;
	size_t		 len;
};

struct page_rec {
	HPDF_Page	 page;
	int		*mcid;		/* MCID -> element */
	size_t		 n;
	size_t		 cap;
};

struct link_rec {
	int		 elem;
	int		 page;
	HPDF_Annotation	 annot;		/* NULL until tag_annot(); never made: skipped */
};

enum mc_state {
	MC_NONE,
	MC_CONTENT,
	MC_ARTIFACT
};

struct tag {
	HPDF_Doc	 pdf;
	struct elem	*e;
	size_t		 ne;
	size_t		 ecap;
	int		*stack;		/* open elements; stack[0] is the Document */
	size_t		 depth;
	size_t		 stackcap;
	struct page_rec	*pages;
	size_t		 npages;
	size_t		 pagecap;
	struct link_rec	*links;
	size_t		 nlinks;
	size_t		 linkcap;
	int		 cur;		/* the open page's index, -1 between pages */
	enum mc_state	 mc;		/* the open marked-content sequence */
	int		 mc_elem;
	enum dev_role	 mc_role;
	int		 heading;	/* level of the last heading written, 0 before any */
	int		 nnotes;
	char		*title;
	char		*author;
	char		*subject;
	char		*lang;
	long long	 epoch;
	struct buf	 tmp;
	HPDF_Dict	 root;		/* the StructTreeRoot */
	size_t		 nextkey;	/* the ParentTree's next key (write_keys()) */
	uint32_t	 next;		/* the next free object number (tag_pack()) */
	struct tobj	*po;		/* the objects for pdf_pack() */
	size_t		 npo;
	size_t		 pocap;
	struct buf	 bodies;	/* their bodies, one after the other */
	struct buf	 kv;		/* the keys and values of a tree being built */
};

static char *w_str(char *, const char *);
static char *w_num(char *, size_t);

/*
 * The attributes of the elements that have none (most): one shared array,
 * never written (own_attrs() gives an element its own first), so that an
 * element record stays small — a volume of 100x the sample has 370,000.
 */
static char *const no_attrs[DEV_A_COUNT];

static char **
own_attrs(struct elem *e)
{
	if (e->attr == (char **)no_attrs)
		e->attr = xcalloc(DEV_A_COUNT, sizeof(*e->attr));
	return e->attr;
}

/* Frees what element e holds (its record stays, without kids or attributes). */
static void
clear_elem(struct elem *e)
{
	int a;

	free(e->kids);
	e->kids = NULL;
	e->nkids = e->kidcap = 0;
	if (e->attr != (char **)no_attrs) {
		for (a = 0; a < DEV_A_COUNT; a++)
			free(e->attr[a]);
		free(e->attr);
		e->attr = (char **)no_attrs;
	}
	if (e->text != NULL) {
		buf_free(e->text);
		free(e->text);
		e->text = NULL;
	}
}

static int
new_elem(struct tag *t, enum dev_stype st, const void *node, int parent)
{
	struct elem *e;

	t->e = xgrow(t->e, &t->ecap, t->ne + 1, sizeof(*t->e));
	e = &t->e[t->ne];
	memset(e, 0, sizeof(*e));
	e->st = e->asked = st;
	e->node = node;
	e->parent = parent;
	e->page = -1;
	e->attr = (char **)no_attrs;
	return (int)t->ne++;
}

static void
add_kid(struct tag *t, int elem, enum kid_kind kind, int value, int page)
{
	struct elem *e = &t->e[elem];

	if (e->kids == NULL) {	/* most have one or two: xgrow would start at eight */
		e->kidcap = 2;
		e->kids = xcalloc(e->kidcap, sizeof(*e->kids));
	}
	e->kids = xgrow(e->kids, &e->kidcap, e->nkids + 1, sizeof(*e->kids));
	e->kids[e->nkids].kind = kind;
	e->kids[e->nkids].value = value;
	e->kids[e->nkids].page = page;
	e->nkids++;
}

struct tag *
tag_new(HPDF_Doc pdf)
{
	struct tag *t = xcalloc(1, sizeof(*t));

	t->pdf = pdf;
	t->cur = -1;
	t->epoch = -1;
	(void)new_elem(t, DEV_S_DOCUMENT, NULL, -1);
	t->stack = xgrow(t->stack, &t->stackcap, 1, sizeof(*t->stack));
	t->stack[0] = 0;
	t->depth = 1;
	return t;
}

void
tag_free(struct tag *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ne; i++)
		clear_elem(&t->e[i]);
	free(t->po);
	buf_free(&t->bodies);
	buf_free(&t->kv);
	for (i = 0; i < t->npages; i++)
		free(t->pages[i].mcid);
	free(t->e);
	free(t->stack);
	free(t->pages);
	free(t->links);
	free(t->title);
	free(t->author);
	free(t->subject);
	free(t->lang);
	buf_free(&t->tmp);
	free(t);
}

void
tag_info(struct tag *t, const struct dev_info *info)
{
	free(t->title);
	free(t->author);
	free(t->subject);
	free(t->lang);
	t->title = info->title ? xstrdup(info->title) : NULL;
	t->author = info->author ? xstrdup(info->author) : NULL;
	t->subject = info->subject ? xstrdup(info->subject) : NULL;
	t->lang = info->lang ? xstrdup(info->lang) : NULL;
	t->epoch = info->epoch;
}

/* ------------------------------------------------------------------ */
/* Marked content                                                     */
/* ------------------------------------------------------------------ */

static void
put(struct tag *t, const char *s)
{
	if (t->cur >= 0)
		HPDF_Stream_WriteStr(((HPDF_PageAttr)t->pages[t->cur].page->attr)->stream, s);
}

static void
close_mc(struct tag *t)
{
	if (t->mc != MC_NONE)
		put(t, "EMC\n");
	t->mc = MC_NONE;
}

void
tag_begin_page(struct tag *t, HPDF_Page page)
{
	struct page_rec *p;

	t->pages = xgrow(t->pages, &t->pagecap, t->npages + 1,
	    sizeof(*t->pages));
	p = &t->pages[t->npages];
	memset(p, 0, sizeof(*p));
	p->page = page;
	t->cur = (int)t->npages++;
	t->mc = MC_NONE;
}

void
tag_end_page(struct tag *t)
{
	close_mc(t);
	t->cur = -1;
}

static const char *
artifact_props(enum dev_role r)
{
	switch (r) {
	case DEV_ART_HEADER:
		return "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n";
	case DEV_ART_FOOTER:
		return "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";
	case DEV_ART_WATERMARK:
		return "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n";
	case DEV_ART_REPEAT:
		return "/Artifact <</Type /Pagination>> BDC\n";
	case DEV_ART_LAYOUT:
	case DEV_CONTENT:
		break;
	}
	return "/Artifact BMC\n";
}

/* The nearest open Link at or above the top of the stack, or -1. */
static int
open_link(const struct tag *t)
{
	size_t i;

	for (i = t->depth; i-- > 1;)
		if (t->e[t->stack[i]].st == DEV_S_LINK)
			return t->stack[i];
	return -1;
}

void
tag_mark(struct tag *t, const struct dev_mark *m, const char *text,
    size_t len)
{
	struct page_rec *p;
	int el, link;
	char s[64], *q;

	if (t->cur < 0)
		return;
	if (m->role != DEV_CONTENT) {
		if (t->mc == MC_ARTIFACT && t->mc_role == m->role)
			return;
		close_mc(t);
		put(t, artifact_props(m->role));
		t->mc = MC_ARTIFACT;
		t->mc_role = m->role;
		return;
	}
	el = t->stack[t->depth - 1];
	if (text != NULL && (link = open_link(t)) >= 0) {
		if (t->e[link].text == NULL)
			t->e[link].text = xcalloc(1, sizeof(*t->e[link].text));
		buf_put(t->e[link].text, text, len);
	}
	if (t->mc == MC_CONTENT && t->mc_elem == el)
		return;
	close_mc(t);
	p = &t->pages[t->cur];
	p->mcid = xgrow(p->mcid, &p->cap, p->n + 1, sizeof(*p->mcid));
	p->mcid[p->n] = el;
	add_kid(t, el, KID_MCID, (int)p->n, t->cur);
	if (t->e[el].page < 0)
		t->e[el].page = t->cur;
	/* "/P <</MCID 3>> BDC", without printf: once per piece of content */
	q = w_str(s, "/");
	q = w_str(q, dev_stype_name(t->e[el].st));
	q = w_str(q, " <</MCID ");
	q = w_num(q, p->n);
	q = w_str(q, ">> BDC\n");
	*q = '\0';
	p->n++;
	put(t, s);
	t->mc = MC_CONTENT;
	t->mc_elem = el;
}

/* ------------------------------------------------------------------ */
/* Structure                                                          */
/* ------------------------------------------------------------------ */

/* Elements the layout brackets piece by piece (runs, a list item's label and body). */
static int
joins(enum dev_stype st)
{
	return st == DEV_S_SPAN || st == DEV_S_LINK || st == DEV_S_REFERENCE ||
	    st == DEV_S_LBL || st == DEV_S_LBODY;
}

static int
is_heading(enum dev_stype st)
{
	return st >= DEV_S_H1 && st <= DEV_S_H6;
}

/*
 * Where a Note goes. Footnotes are set at the foot of the page: when a
 * paragraph goes on to the next page, they come while it is open, and
 * would be read in the middle of its sentence. Then the Note goes to the
 * section (or box) around the paragraph, after it, and the paragraph
 * goes on.
 */
static int
note_parent(const struct tag *t)
{
	size_t i, k;

	for (i = 1; i < t->depth; i++)
		if (t->e[t->stack[i]].st == DEV_S_P)
			break;
	if (i == t->depth)
		return t->stack[t->depth - 1];
	for (k = i; k-- > 1;) {
		enum dev_stype s = t->e[t->stack[k]].st;

		if (s == DEV_S_SECT || s == DEV_S_PART || s == DEV_S_DIV)
			return t->stack[k];
	}
	return t->stack[0];
}

void
tag_struct_begin(struct tag *t, enum dev_stype st, const void *node)
{
	int parent = t->stack[t->depth - 1], el = -1, level;
	struct elem *pe = &t->e[parent];

	if ((unsigned)st >= DEV_S_COUNT || st == DEV_S_DOCUMENT)
		return;
	if (st == DEV_S_NOTE)
		pe = &t->e[parent = note_parent(t)];
	/* The same inline node again, right after it closed: one element. */
	if (joins(st) && node != NULL && pe->nkids > 0 &&
	    pe->kids[pe->nkids - 1].kind == KID_ELEM) {
		int last = pe->kids[pe->nkids - 1].value;

		if (t->e[last].asked == st && t->e[last].node == node)
			el = last;
	}
	if (el < 0) {
		el = new_elem(t, st, node, parent);
		add_kid(t, parent, KID_ELEM, el, -1);
		if (is_heading(st)) {
			level = (int)(st - DEV_S_H1) + 1;
			if (level > t->heading + 1)
				level = t->heading + 1;
			t->e[el].st = (enum dev_stype)(DEV_S_H1 + level - 1);
			t->heading = level;
		}
	}
	t->stack = xgrow(t->stack, &t->stackcap, t->depth + 1,
	    sizeof(*t->stack));
	t->stack[t->depth++] = el;
}

void
tag_struct_end(struct tag *t, enum dev_stype st, const void *node)
{
	size_t i;

	for (i = t->depth; i-- > 1;) {
		const struct elem *e = &t->e[t->stack[i]];

		if (e->asked == st && e->node == node) {
			t->depth = i;
			return;
		}
	}
	/* No such element open (a layout bug): ignored, the tree stays sound. */
}

void
tag_struct_attr(struct tag *t, enum dev_attr a, const char *value)
{
	struct elem *e;

	if (t->depth < 2 || (unsigned)a >= DEV_A_COUNT || value == NULL)
		return;
	e = &t->e[t->stack[t->depth - 1]];
	free(own_attrs(e)[a]);
	e->attr[a] = xstrdup(value);
}

int
tag_link(struct tag *t, const struct dev_mark *m)
{
	int el;

	if (m->role != DEV_CONTENT || t->cur < 0)
		return -1;
	el = open_link(t);
	if (el < 0) {
		el = new_elem(t, DEV_S_LINK, m->node, t->stack[t->depth - 1]);
		add_kid(t, t->stack[t->depth - 1], KID_ELEM, el, -1);
	}
	t->links = xgrow(t->links, &t->linkcap, t->nlinks + 1,
	    sizeof(*t->links));
	t->links[t->nlinks].elem = el;
	t->links[t->nlinks].page = t->cur;
	t->links[t->nlinks].annot = NULL;
	add_kid(t, el, KID_OBJR, (int)t->nlinks, t->cur);
	return (int)t->nlinks++;
}

void
tag_annot(struct tag *t, int link, HPDF_Annotation annot, HPDF_Page page)
{
	(void)page;
	if (link >= 0 && (size_t)link < t->nlinks)
		t->links[link].annot = annot;
}

/* ------------------------------------------------------------------ */
/* Writing the tree                                                   */
/* ------------------------------------------------------------------ */

/* A text string: UTF-16BE with a byte-order mark (ISO 32000-1 §7.9.2.2). */
static HPDF_Binary
text_string(struct tag *t, const char *s)
{
	size_t len = strlen(s), off = 0;
	uint32_t cp;

	buf_reset(&t->tmp);
	buf_putc(&t->tmp, 0xFE);
	buf_putc(&t->tmp, 0xFF);
	while (off < len) {
		off += utf8_decode(s + off, len - off, &cp);
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			buf_putc(&t->tmp, (int)(0xD8 | (cp >> 18)));
			buf_putc(&t->tmp, (int)((cp >> 10) & 0xFF));
			cp = 0xDC00 | (cp & 0x3FF);
		}
		buf_putc(&t->tmp, (int)(cp >> 8));
		buf_putc(&t->tmp, (int)(cp & 0xFF));
	}
	return HPDF_Binary_New(t->pdf->mmgr, (HPDF_BYTE *)t->tmp.data,
	    (HPDF_UINT)t->tmp.len);
}

/*
 * Writing the tree. Structure elements are the bulk of a tagged volume's
 * objects (one per paragraph, list item, table cell …), so they are not
 * made as libharu objects: after libharu has saved the file, tag_pack()
 * numbers them after its last object, writes each compactly
 * (/S/TD/P 12 0 R/Pg 3 0 R/K 4), builds the ParentTree and IDTree, and
 * has pdf_pack() put them with the StructTreeRoot and the link
 * annotations into compressed object streams (pack.h). The StructTreeRoot
 * is made in libharu (the catalog refers to it) and left empty; its body
 * is given there. Pages and annotations are libharu's, numbered before
 * saving.
 *
 * The bodies are written with plain pointers into room reserved for each
 * (the w_ functions never check; room() is asked for their most), all in
 * one buffer: tens of thousands of small appends and allocations were
 * most of the cost of tagging otherwise.
 */

/* Room for n more bytes at the end of b; returns where they go. */
static char *
room(struct buf *b, size_t n)
{
	b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
	return b->data + b->len;
}

/* Ends a run of w_ writes at p. */
static void
done_at(struct buf *b, char *p)
{
	b->len = (size_t)(p - b->data);
	*p = '\0';
}

static char *
w_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* A decimal number (at most 20 bytes). */
static char *
w_num(char *p, size_t v)
{
	char s[24];
	size_t i = sizeof(s);

	do
		s[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	memcpy(p, s + i, sizeof(s) - i);
	return p + (sizeof(s) - i);
}

/* " 12 0 R": object 12 (every object here has generation 0); at most 26 bytes. */
static char *
w_obj(char *p, uint32_t num)
{
	*p++ = ' ';
	p = w_num(p, num);
	return w_str(p, " 0 R");
}

/* A libharu object's number. */
static uint32_t
obj_num(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* One byte of a literal string: ( ) \ escaped, and CR (a reader would turn it into LF). */
static char *
w_lit_byte(char *p, unsigned c)
{
	if (c == '(' || c == ')' || c == '\\') {
		*p++ = '\\';
		*p++ = (char)c;
	} else if (c == '\r') {
		*p++ = '\\';
		*p++ = 'r';
	} else {
		*p++ = (char)c;
	}
	return p;
}

/*
 * A byte string as a literal: ( ) \ escaped, bytes outside printable
 * ASCII in octal; at most 4 * len + 2 bytes.
 */
static char *
w_lit(char *p, const char *s, size_t len)
{
	size_t i;

	*p++ = '(';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c > 0x7E) {
			*p++ = '\\';
			*p++ = (char)('0' + (c >> 6));
			*p++ = (char)('0' + ((c >> 3) & 7));
			*p++ = (char)('0' + (c & 7));
		} else {
			p = w_lit_byte(p, c);
		}
	}
	*p++ = ')';
	return p;
}

/*
 * A text string: UTF-16BE with a byte-order mark (ISO 32000-1 §7.9.2.2),
 * as a literal of its bytes, half the size of hex (it goes into a
 * compressed object stream, where bytes of any value are fine); at most
 * 4 * strlen(s) + 6 bytes.
 */
static char *
w_text(char *p, const char *s)
{
	size_t len = strlen(s), off = 0;
	uint32_t cp;

	*p++ = '(';
	*p++ = (char)0xFE;
	*p++ = (char)0xFF;
	while (off < len) {
		off += utf8_decode(s + off, len - off, &cp);
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			p = w_lit_byte(p, 0xD8 | (cp >> 18));
			p = w_lit_byte(p, (cp >> 10) & 0xFF);
			cp = 0xDC00 | (cp & 0x3FF);
		}
		p = w_lit_byte(p, cp >> 8);
		p = w_lit_byte(p, cp & 0xFF);
	}
	*p++ = ')';
	return p;
}

/* One kid of e; at most KID_MAX bytes. */
#define KID_MAX	80
static char *
w_kid(struct tag *t, char *p, const struct elem *e, const struct kid *k)
{
	switch (k->kind) {
	case KID_ELEM:
		return w_obj(p, t->e[k->value].num);
	case KID_MCID:
		if (k->page == e->page) {
			*p++ = ' ';
			return w_num(p, (size_t)k->value);
		}
		p = w_str(p, "<</Type/MCR/Pg");
		p = w_obj(p, obj_num(t->pages[k->page].page));
		p = w_str(p, "/MCID ");
		p = w_num(p, (size_t)k->value);
		return w_str(p, ">>");
	case KID_OBJR:
		p = w_str(p, "<</Type/OBJR/Obj");
		p = w_obj(p, obj_num(t->links[k->value].annot));
		p = w_str(p, "/Pg");
		p = w_obj(p, obj_num(t->pages[k->page].page));
		return w_str(p, ">>");
	}
	return p;
}

/* /A: the Table attributes of a TH or TD (/Scope, /Headers, /ColSpan, /RowSpan). */
static char *
w_table_attrs(char *p, const struct elem *e)
{
	const char *s, *sp;

	if (e->attr[DEV_A_SCOPE] == NULL && e->attr[DEV_A_HEADERS] == NULL &&
	    e->attr[DEV_A_COLSPAN] == NULL && e->attr[DEV_A_ROWSPAN] == NULL)
		return p;
	p = w_str(p, "/A<</O/Table");
	/* Row, Column, Both: names of our own, never content. */
	if (e->attr[DEV_A_SCOPE] != NULL) {
		p = w_str(p, "/Scope/");
		p = w_str(p, e->attr[DEV_A_SCOPE]);
	}
	if (e->attr[DEV_A_COLSPAN] != NULL) {
		p = w_str(p, "/ColSpan ");
		p = w_num(p, (size_t)atoi(e->attr[DEV_A_COLSPAN]));
	}
	if (e->attr[DEV_A_ROWSPAN] != NULL) {
		p = w_str(p, "/RowSpan ");
		p = w_num(p, (size_t)atoi(e->attr[DEV_A_ROWSPAN]));
	}
	if (e->attr[DEV_A_HEADERS] != NULL) {
		p = w_str(p, "/Headers[");
		for (s = e->attr[DEV_A_HEADERS]; *s != '\0'; s = sp) {
			while (*s == ' ')
				s++;
			for (sp = s; *sp != '\0' && *sp != ' '; sp++)
				;
			if (sp > s)
				p = w_lit(p, s, (size_t)(sp - s));
		}
		*p++ = ']';
	}
	return w_str(p, ">>");
}

static int
kid_written(const struct tag *t, const struct kid *k)
{
	return k->kind != KID_OBJR || t->links[k->value].annot != NULL;
}

/* Element e's dictionary body, onto b. */
static void
serialize(struct tag *t, const struct elem *e, struct buf *b)
{
	size_t j, n = 0, need = 160 + KID_MAX * e->nkids;
	char *p;
	int a;

	for (a = 0; a < DEV_A_COUNT; a++)
		if (e->attr[a] != NULL)
			need += 4 * strlen(e->attr[a]) + 32;
	p = room(b, need);
	p = w_str(p, "/S/");
	p = w_str(p, dev_stype_name(e->st));
	p = w_str(p, "/P");
	p = w_obj(p, e->parent < 0 ? obj_num(t->root) : t->e[e->parent].num);
	if (e->page >= 0) {
		p = w_str(p, "/Pg");
		p = w_obj(p, obj_num(t->pages[e->page].page));
	}
	for (j = 0; j < e->nkids; j++)
		n += kid_written(t, &e->kids[j]);
	if (n > 0) {
		p = w_str(p, n > 1 ? "/K[" : "/K");
		for (j = 0; j < e->nkids; j++)
			if (kid_written(t, &e->kids[j]))
				p = w_kid(t, p, e, &e->kids[j]);
		if (n > 1)
			*p++ = ']';
	}
	if (e->attr[DEV_A_ID] != NULL) {
		p = w_str(p, "/ID");
		p = w_lit(p, e->attr[DEV_A_ID], strlen(e->attr[DEV_A_ID]));
	}
	if (e->attr[DEV_A_LANG] != NULL) {
		p = w_str(p, "/Lang");
		p = w_lit(p, e->attr[DEV_A_LANG], strlen(e->attr[DEV_A_LANG]));
	}
	if (e->attr[DEV_A_ALT] != NULL) {
		p = w_str(p, "/Alt");
		p = w_text(p, e->attr[DEV_A_ALT]);
	}
	if (e->attr[DEV_A_ACTUAL] != NULL) {
		p = w_str(p, "/ActualText");
		p = w_text(p, e->attr[DEV_A_ACTUAL]);
	}
	if (e->attr[DEV_A_E] != NULL) {
		p = w_str(p, "/E");
		p = w_text(p, e->attr[DEV_A_E]);
	}
	p = w_table_attrs(p, e);
	done_at(b, p);
}

/* Object num for pdf_pack, its body t->bodies[from..] (pointers set in tag_pack()). */
static void
add_obj(struct tag *t, uint32_t num, size_t from)
{
	struct tobj *o;

	t->po = xgrow(t->po, &t->pocap, t->npo + 1, sizeof(*t->po));
	o = &t->po[t->npo++];
	o->num = num;
	o->saved = 0;
	o->off = from;
	o->len = t->bodies.len - from;
}

/* An entry of a number or name tree: its key and value, in t->kv. */
struct kv {
	size_t	 k, kl;
	size_t	 v, vl;
};

/*
 * A number tree (kind "Nums") or name tree ("Names") of n sorted entries
 * (keys and values as PDF text in t->kv): one node if small, else leaves
 * of TREE_LEAF entries with their /Limits under a root of /Kids (ISO
 * 32000-1 §7.9.6-7); libharu's arrays would stop at 8,191 items, fewer
 * than a large volume's pages and links. Returns the number of its root.
 */
static uint32_t
tree(struct tag *t, const char *kind, const struct kv *e, size_t n)
{
	const char *kv = t->kv.data;
	struct buf *b = &t->bodies;
	size_t i, j, k, from, need, nleaves = 0;
	uint32_t num, first = 0;
	char *p;

	for (i = 0; i == 0 || i < n; i += TREE_LEAF) {
		k = n - i < TREE_LEAF ? n - i : TREE_LEAF;
		for (need = 64, j = i; j < i + k; j++)
			need += e[j].kl + e[j].vl + 1;
		if (n > TREE_LEAF)
			need += e[i].kl + e[i + k - 1].kl;
		from = b->len;
		p = room(b, need);
		if (n > TREE_LEAF) {
			p = w_str(p, "/Limits[");
			memcpy(p, kv + e[i].k, e[i].kl);
			p += e[i].kl;
			*p++ = ' ';
			memcpy(p, kv + e[i + k - 1].k, e[i + k - 1].kl);
			p += e[i + k - 1].kl;
			*p++ = ']';
		}
		*p++ = '/';
		p = w_str(p, kind);
		*p++ = '[';
		for (j = i; j < i + k; j++) {
			*p++ = ' ';
			memcpy(p, kv + e[j].k, e[j].kl);
			p += e[j].kl;
			memcpy(p, kv + e[j].v, e[j].vl);
			p += e[j].vl;
		}
		*p++ = ']';
		done_at(b, p);
		num = t->next++;
		if (nleaves++ == 0)
			first = num;
		add_obj(t, num, from);
		if (n <= TREE_LEAF)
			return num;
	}
	/* The root: the leaves were numbered first … first + nleaves - 1. */
	from = b->len;
	p = room(b, 16 + 26 * nleaves);
	p = w_str(p, "/Kids[");
	for (j = 0; j < nleaves; j++)
		p = w_obj(p, first + (uint32_t)j);
	*p++ = ']';
	done_at(b, p);
	num = t->next++;
	add_obj(t, num, from);
	return num;
}

/* Appends a key or value to t->kv: text written by the caller at p (room reserved). */
static void
kv_end(struct tag *t, char *p, size_t *off, size_t *len)
{
	*off = t->kv.len;
	done_at(&t->kv, p);
	*len = t->kv.len - *off;
}

/* An id and its element, for sorting the IDTree's keys bytewise. */
struct id_ref {
	const char	*id;
	int		 elem;
};

static int
id_cmp(const void *a, const void *b)
{
	const struct id_ref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	/* equal ids: the first element first (the tree names that one) */
	return c != 0 ? c : (x->elem > y->elem) - (x->elem < y->elem);
}

/* The IDTree: id -> element. Returns its number, 0 if no element has an id. */
static uint32_t
idtree(struct tag *t)
{
	struct id_ref *v = NULL;
	struct kv *e;
	size_t n = 0, cap = 0, i, m = 0, len;
	uint32_t num;

	for (i = 0; i < t->ne; i++)
		if (t->e[i].attr[DEV_A_ID] != NULL) {
			v = xgrow(v, &cap, n + 1, sizeof(*v));
			v[n].id = t->e[i].attr[DEV_A_ID];
			v[n++].elem = (int)i;
		}
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), id_cmp);
	e = xcalloc(n, sizeof(*e));
	buf_reset(&t->kv);
	for (i = 0; i < n; i++) {
		/* A repeated id names its first element only. */
		if (i > 0 && strcmp(v[i].id, v[i - 1].id) == 0)
			continue;
		len = strlen(v[i].id);
		kv_end(t, w_lit(room(&t->kv, 4 * len + 2), v[i].id, len),
		    &e[m].k, &e[m].kl);
		kv_end(t, w_obj(room(&t->kv, 26), t->e[v[i].elem].num),
		    &e[m].v, &e[m].vl);
		m++;
	}
	num = tree(t, "Names", e, m);
	free(e);
	free(v);
	return num;
}

/*
 * The ParentTree: page i -> [the element of each of its MCIDs], then
 * each link annotation -> its Link, with the keys write_keys() gave the
 * pages and annotations. Returns its number.
 */
static uint32_t
parent_tree(struct tag *t)
{
	size_t i, j, n = 0, cap = t->npages + t->nlinks;
	struct kv *e = xcalloc(cap > 0 ? cap : 1, sizeof(*e));
	char *p;
	uint32_t num;

	buf_reset(&t->kv);
	for (i = 0; i < t->npages; i++) {
		kv_end(t, w_num(room(&t->kv, 24), n), &e[n].k, &e[n].kl);
		p = room(&t->kv, 4 + 26 * t->pages[i].n);
		*p++ = '[';
		for (j = 0; j < t->pages[i].n; j++)
			p = w_obj(p, t->e[t->pages[i].mcid[j]].num);
		*p++ = ']';
		kv_end(t, p, &e[n].v, &e[n].vl);
		n++;
	}
	for (i = 0; i < t->nlinks; i++) {
		if (t->links[i].annot == NULL)
			continue;
		kv_end(t, w_num(room(&t->kv, 24), n), &e[n].k, &e[n].kl);
		kv_end(t, w_obj(room(&t->kv, 26), t->e[t->links[i].elem].num),
		    &e[n].v, &e[n].vl);
		n++;
	}
	num = tree(t, "Nums", e, n);
	free(e);
	return num;
}

/*
 * Before saving, in libharu's objects: each page's /StructParents (its
 * key in the ParentTree) and /Tabs /S, each link annotation's
 * /StructParent and /Contents.
 */
static HPDF_STATUS
write_keys(struct tag *t)
{
	HPDF_STATUS ret = HPDF_OK;
	size_t i, key = t->npages;

	for (i = 0; i < t->npages; i++) {
		ret += HPDF_Dict_AddNumber(t->pages[i].page, "StructParents",
		    (HPDF_INT32)i);
		ret += HPDF_Dict_AddName(t->pages[i].page, "Tabs", "S");
	}
	for (i = 0; i < t->nlinks; i++) {
		struct link_rec *l = &t->links[i];
		struct elem *e = &t->e[l->elem];
		const char *c;

		if (l->annot == NULL)
			continue;
		ret += HPDF_Dict_AddNumber(l->annot, "StructParent",
		    (HPDF_INT32)key++);
		c = e->attr[DEV_A_CONTENTS] != NULL ? e->attr[DEV_A_CONTENTS] :
		    e->text != NULL && e->text->len > 0 ? buf_str(e->text) :
		    "リンク";
		ret += HPDF_Dict_Add(l->annot, "Contents", text_string(t, c));
	}
	t->nextkey = key;
	return ret;
}

/* XML text: & < > " ' escaped; characters XML 1.0 forbids dropped. */
static void
xml_text(struct buf *b, const char *s)
{
	size_t len = strlen(s), off = 0, n;
	uint32_t cp;

	while (off < len) {
		n = utf8_decode(s + off, len - off, &cp);
		switch (cp) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&apos;");
			break;
		default:
			if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
			    cp == 0xFFFE || cp == 0xFFFF ||
			    (cp >= 0xD800 && cp <= 0xDFFF))
				break;
			buf_put(b, s + off, n);
			break;
		}
		off += n;
	}
}

/*
 * The XMP packet (ISO 16684-1) PDF/UA-1 §7.1 asks for: dc:title (the
 * same as /Title) and pdfuaid:part 1; dates only from SOURCE_DATE_EPOCH,
 * as the Info dictionary's.
 */
static void
xmp(struct tag *t, struct buf *b)
{
	struct tm tm;
	time_t tt;
	char date[32];

	buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	    "   <dc:format>application/pdf</dc:format>\n");
	if (t->title != NULL) {
		buf_puts(b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_text(b, t->title);
		buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (t->author != NULL) {
		buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_text(b, t->author);
		buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (t->subject != NULL) {
		buf_puts(b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_text(b, t->subject);
		buf_puts(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (t->lang != NULL) {
		buf_puts(b, "   <dc:language><rdf:Bag><rdf:li>");
		xml_text(b, t->lang);
		buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	buf_puts(b, "   <xmp:CreatorTool>keikaku</xmp:CreatorTool>\n");
	tt = (time_t)t->epoch;
	if (t->epoch >= 0 && gmtime_r(&tt, &tm) != NULL &&
	    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm) > 0) {
		buf_printf(b, "   <xmp:CreateDate>%s</xmp:CreateDate>\n", date);
		buf_printf(b, "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n", date);
	}
	buf_puts(b, "   <pdfuaid:part>1</pdfuaid:part>\n"
	    "  </rdf:Description>\n"
	    " </rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>");
}

static HPDF_STATUS
write_catalog(struct tag *t, HPDF_Dict root)
{
	HPDF_MMgr mm = t->pdf->mmgr;
	HPDF_Dict cat = t->pdf->catalog, mark, vp, meta;
	HPDF_STATUS ret = HPDF_OK;
	struct buf b = {0};

	ret += HPDF_Dict_Add(cat, "StructTreeRoot", root);
	mark = HPDF_Dict_New(mm);
	vp = HPDF_Dict_New(mm);
	if (mark == NULL || vp == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	ret += HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	ret += HPDF_Dict_Add(cat, "MarkInfo", mark);
	if (t->lang != NULL)
		ret += HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, t->lang,
		    NULL));
	ret += HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	ret += HPDF_Dict_Add(cat, "ViewerPreferences", vp);
	meta = HPDF_DictStream_New(mm, t->pdf->xref);
	if (meta == NULL)
		return HPDF_FAILD_TO_ALLOC_MEM;
	/* Uncompressed, so that tools that scan for the packet find it. */
	meta->filter = HPDF_STREAM_FILTER_NONE;
	ret += HPDF_Dict_AddName(meta, "Type", "Metadata");
	ret += HPDF_Dict_AddName(meta, "Subtype", "XML");
	xmp(t, &b);
	ret += HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len);
	buf_free(&b);
	ret += HPDF_Dict_Add(cat, "Metadata", meta);
	return ret;
}

int
tag_finish(struct tag *t)
{
	HPDF_STATUS ret = HPDF_OK;
	size_t i;
	char id[32];

	close_mc(t);
	/* Empty here: tag_pack() gives its body (/K, /ParentTree …). */
	t->root = HPDF_Dict_New(t->pdf->mmgr);
	if (t->root == NULL || HPDF_Xref_Add(t->pdf->xref, t->root) != HPDF_OK)
		return -1;
	/* Footnotes and notes carry an id (PDF/UA-1 §7.9). */
	for (i = 0; i < t->ne; i++)
		if (t->e[i].st == DEV_S_NOTE && t->e[i].attr[DEV_A_ID] == NULL) {
			snprintf(id, sizeof(id), "note-%d", ++t->nnotes);
			own_attrs(&t->e[i])[DEV_A_ID] = xstrdup(id);
		}
	ret += write_keys(t);
	if (ret == HPDF_OK)
		ret += write_catalog(t, t->root);
	/* Structure trees, /Lang and the XMP packet as PDF/UA-1 reads them: PDF 1.7. */
	t->pdf->pdf_version = HPDF_VER_17;
	return ret == HPDF_OK ? 0 : -1;
}

/*
 * Frees what the elements hold once their bodies are written: at the
 * peak of a large volume's build (the saved file, the file being packed),
 * the records are a quarter of the memory otherwise.
 */
static void
release_elems(struct tag *t)
{
	size_t i;

	for (i = 0; i < t->ne; i++)
		clear_elem(&t->e[i]);
	for (i = 0; i < t->npages; i++) {
		free(t->pages[i].mcid);
		t->pages[i].mcid = NULL;
		t->pages[i].n = t->pages[i].cap = 0;
	}
	buf_free(&t->kv);
}

/* pack_write_fn: an element written now, or a tree node or the root from t->bodies. */
static void
write_obj(void *ctx, size_t i, struct buf *out)
{
	struct tag *t = ctx;

	if (i < t->ne) {
		serialize(t, &t->e[i], out);
		clear_elem(&t->e[i]);	/* written: its kids and attributes are done with */
	} else
		buf_put(out, t->bodies.data + t->po[i - t->ne].off,
		    t->po[i - t->ne].len);
}

int
tag_pack(struct tag *t, struct buf *pdf, size_t start)
{
	size_t base = pdf_pack_next(pdf, start), i, from, n, raw;
	struct pack_obj *v;
	uint32_t pt, idt;
	char *p;
	int rc;

	if (base == 0 || t->root == NULL || base + t->ne > 0x7FFFFF)
		return -1;
	/* The elements take the numbers after libharu's objects, the trees the next ones. */
	for (i = 0; i < t->ne; i++)
		t->e[i].num = (uint32_t)(base + i);
	t->next = (uint32_t)(base + t->ne);
	t->npo = 0;
	buf_reset(&t->bodies);
	pt = parent_tree(t);
	idt = idtree(t);
	buf_free(&t->kv);
	for (i = 0; i < t->npages; i++) {	/* in the ParentTree now */
		free(t->pages[i].mcid);
		t->pages[i].mcid = NULL;
		t->pages[i].n = t->pages[i].cap = 0;
	}
	from = t->bodies.len;
	p = room(&t->bodies, 200);
	p = w_str(p, "/Type/StructTreeRoot/K");
	p = w_obj(p, t->e[0].num);
	p = w_str(p, "/ParentTree");
	p = w_obj(p, pt);
	if (idt != 0) {
		p = w_str(p, "/IDTree");
		p = w_obj(p, idt);
	}
	p = w_str(p, "/ParentTreeNextKey ");
	p = w_num(p, t->nextkey);
	done_at(&t->bodies, p);
	add_obj(t, obj_num(t->root), from);
	/* The link annotations: tagging filled them in; into the streams too. */
	for (i = 0; i < t->nlinks; i++)
		if (t->links[i].annot != NULL) {
			add_obj(t, obj_num(t->links[i].annot), t->bodies.len);
			t->po[t->npo - 1].saved = 1;
		}
	/* The elements first (written by write_obj as the streams fill), then t->po. */
	n = t->ne + t->npo;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < t->ne; i++)
		v[i].num = t->e[i].num;
	for (i = 0; i < t->npo; i++) {
		v[t->ne + i].num = t->po[i].num;
		v[t->ne + i].saved = t->po[i].saved;
	}
	raw = t->bodies.len + 90 * t->ne;
	rc = pdf_pack(pdf, start, v, n, write_obj, t, raw, t->pdf->mmgr);
	free(v);
	release_elems(t);
	return rc;
}
