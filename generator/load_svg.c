/*
 * load_svg.c: whether an SVG figure is safe to publish (see load_int.h).
 *
 * The site copies a figure's file as it is (html/), and a browser that
 * opens an SVG file by its own address runs the scripts in it with the
 * site's origin: the pages' Content-Security-Policy does not cover a file
 * served on its own. A figure drawn in an office (Excel, Illustrator,
 * Inkscape, PowerPoint) holds none of what is refused here, so refusing is
 * cheap, and the PDF back end draws none of it anyway.
 *
 * Refused: the elements script, handler, listener (SVG Tiny), iframe,
 * frame, embed, object, applet, base, form, meta and the xml-stylesheet
 * instruction (XSLT), under any prefix (also as HTML inside foreignObject,
 * which is not refused by itself: it is only text and boxes); an attribute
 * named on* (event handlers); and anywhere in the text, a javascript:,
 * vbscript: or livescript: address, or a data: address of HTML, XML or
 * SVG. The text is read as an XML parser would hand it to the browser for
 * these purposes: character references (&#106;) and the entities declared
 * in the file's own DTD (Illustrator declares some) expanded, ASCII case
 * folded; for addresses, white space and control characters dropped
 * (browsers ignore them in a scheme). Text inside comments and CDATA is
 * read as markup too: a false alarm there is better than a script missed.
 *
 * A DTD with parameter entities (which can declare entities unseen) or
 * more than SVG_MAX_ENTITIES declarations is refused as well.
 *
 * Bounded: SVG_MAX_ENTITIES declarations, SVG_MAX_GROWTH bytes of text
 * added by entities (an entity bomb is refused, not expanded), nesting of
 * entities SVG_MAX_ENTITY_DEPTH deep.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "load_int.h"
#include "util.h"

/*
 * Named limits, with their reasons.
 * SVG_MAX_ENTITIES: more DTD entity declarations than any drawing program
 *   writes (Illustrator: about ten).
 * SVG_MAX_GROWTH: entities may make the text at most this much longer than
 *   the file (1 MiB; Illustrator's namespace entities add a few hundred
 *   bytes): an entity bomb is refused before it costs time or memory.
 * SVG_MAX_ENTITY_DEPTH: entities defined through entities, as deep as this.
 */
#define SVG_MAX_ENTITIES	256
#define SVG_MAX_GROWTH		(1024u * 1024)
#define SVG_MAX_ENTITY_DEPTH	8

struct entity {
	char	*name;
	char	*value;
};

struct svgscan {
	struct entity	 ent[SVG_MAX_ENTITIES];
	size_t		 nent;
	struct buf	 out;		/* the expanded, case-folded text */
	size_t		 max;		/* its largest allowed length */
	int		 too_big;
	const char	*dtd_problem;	/* a DTD the check will not read, or NULL */
};

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_name(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	    c == ':' || (unsigned char)c >= 0x80;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Collects <!ENTITY name "value"> declarations (general, internal ones). */
static void
collect_entities(struct svgscan *sc, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *name, *val;
	size_t nlen;
	char q;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) < 9 || memcmp(p, "<!ENTITY", 8) != 0) {
			p++;
			continue;
		}
		if (sc->nent == SVG_MAX_ENTITIES) {
			sc->dtd_problem = "it declares more entities than any "
			    "drawing program writes";
			return;
		}
		p += 8;
		while (p < end && is_ws(*p))
			p++;
		if (p < end && *p == '%') {
			/* They can declare entities the check would not see. */
			sc->dtd_problem = "it declares a parameter entity";
			return;
		}
		name = p;
		while (p < end && is_name(*p))
			p++;
		nlen = (size_t)(p - name);
		while (p < end && is_ws(*p))
			p++;
		if (nlen == 0 || p >= end || (*p != '"' && *p != '\''))
			continue;	/* SYSTEM or PUBLIC: browsers do not load those */
		q = *p++;
		val = p;
		while (p < end && *p != q)
			p++;
		sc->ent[sc->nent].name = xstrndup(name, nlen);
		sc->ent[sc->nent].value = xstrndup(val, (size_t)(p - val));
		sc->nent++;
	}
}

static void expand(struct svgscan *, const char *, size_t, int);

/* Appends the character a reference &...; stands for; returns bytes read or 0. */
static size_t
reference(struct svgscan *sc, const char *s, size_t n, int depth)
{
	static const struct { const char *name; char c; } pre[] = {
		{ "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "quot", '"' },
		{ "apos", '\'' }
	};
	size_t i, k;
	unsigned long v = 0;

	for (k = 1; k < n && k < 64 && s[k] != ';'; k++)
		;
	if (k >= n || s[k] != ';' || k == 1)
		return 0;
	if (s[1] == '#') {
		int hex = k > 2 && (s[2] == 'x' || s[2] == 'X');

		for (i = hex ? 3 : 2; i < k; i++) {
			int c = lower(s[i]), d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else
				return 0;
			v = v * (hex ? 16 : 10) + (unsigned long)d;
			if (v > 0x10FFFF)
				v = 0x110000;
		}
		/* Only ASCII matters to the checks; anything else is one '?'. */
		buf_putc(&sc->out, v < 0x80 ? lower((int)v) : '?');
		return k + 1;
	}
	for (i = 0; i < KK_ARRAY_LEN(pre); i++)
		if (strlen(pre[i].name) == k - 1 &&
		    memcmp(s + 1, pre[i].name, k - 1) == 0) {
			buf_putc(&sc->out, pre[i].c);
			return k + 1;
		}
	for (i = 0; i < sc->nent; i++)
		if (strlen(sc->ent[i].name) == k - 1 &&
		    memcmp(s + 1, sc->ent[i].name, k - 1) == 0) {
			if (depth >= SVG_MAX_ENTITY_DEPTH)
				sc->too_big = 1;
			else
				expand(sc, sc->ent[i].value,
				    strlen(sc->ent[i].value), depth + 1);
			return k + 1;
		}
	return 0;
}

static void
expand(struct svgscan *sc, const char *s, size_t n, int depth)
{
	size_t i = 0, k;

	while (i < n && !sc->too_big) {
		if (s[i] == '&' && (k = reference(sc, s + i, n - i, depth)) > 0) {
			i += k;
		} else {
			buf_putc(&sc->out, lower((unsigned char)s[i]));
			i++;
		}
		if (sc->out.len > sc->max)
			sc->too_big = 1;
	}
}

/* The local part of a (prefixed) name s[0..n). */
static const char *
local(const char *s, size_t *n)
{
	const char *c = memchr(s, ':', *n);

	if (c == NULL)
		return s;
	*n -= (size_t)(c + 1 - s);
	return c + 1;
}

static int
name_is(const char *s, size_t n, const char *const *list, size_t nl)
{
	size_t i;

	s = local(s, &n);
	for (i = 0; i < nl; i++)
		if (strlen(list[i]) == n && memcmp(s, list[i], n) == 0)
			return 1;
	return 0;
}

/* Why the expanded text t[0..n) is unsafe, or NULL. */
static const char *
unsafe(const char *t, size_t n)
{
	static const char *const elements[] = {
		"script", "handler", "listener", "iframe",
		"frame", "frameset", "embed", "object", "applet", "base",
		"form", "meta"
	};
	static const char *const schemes[] = {
		"javascript:", "vbscript:", "livescript:", "data:text/html",
		"data:text/xml", "data:application/", "data:image/svg"
	};
	static char why[96];
	struct buf dense = {0};
	const char *p = t, *end = t + n, *name, *q;
	size_t i, nlen;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		p++;
		if (p < end && (*p == '/' || *p == '!'))
			p++;
		if ((size_t)(end - p) >= 15 && memcmp(p, "?xml-stylesheet", 15) == 0)
			return "it asks for a style sheet (xml-stylesheet), which "
			    "may be XSLT that writes a script";
		name = p;
		while (p < end && is_name(*p))
			p++;
		nlen = (size_t)(p - name);
		if (nlen > 0 && name_is(name, nlen, elements,
		    KK_ARRAY_LEN(elements))) {
			name = local(name, &nlen);
			snprintf(why, sizeof(why), "it holds the element <%.*s>",
			    (int)(nlen < 20 ? nlen : 20), name);
			return why;
		}
		/* The attributes, up to the end of the tag. */
		while (p < end && *p != '>' && *p != '<') {
			if (*p == '"' || *p == '\'') {
				q = memchr(p + 1, *p, (size_t)(end - p - 1));
				p = q != NULL ? q + 1 : end;
				continue;
			}
			if (!is_name(*p)) {
				p++;
				continue;
			}
			name = p;
			while (p < end && is_name(*p))
				p++;
			nlen = (size_t)(p - name);
			name = local(name, &nlen);
			for (q = p; q < end && is_ws(*q); q++)
				;
			/* An attribute is a name and '='; words in a comment are not. */
			if (nlen > 2 && name[0] == 'o' && name[1] == 'n' &&
			    q < end && *q == '=') {
				snprintf(why, sizeof(why), "it holds an event "
				    "handler (%.*s=)", (int)(nlen < 20 ? nlen : 20),
				    name);
				return why;
			}
		}
	}
	for (i = 0; i < n; i++)
		if (!((unsigned char)t[i] <= 0x20 || t[i] == 0x7F))
			buf_putc(&dense, t[i]);
	for (i = 0; i < KK_ARRAY_LEN(schemes); i++)
		if (dense.len > 0 && strstr(dense.data, schemes[i]) != NULL) {
			snprintf(why, sizeof(why), "it holds a %s address",
			    schemes[i]);
			buf_free(&dense);
			return why;
		}
	buf_free(&dense);
	return NULL;
}

const char *
lc_svg_problem(const char *path)
{
	struct svgscan sc;
	const char *why = NULL;
	size_t len, i;
	char *text;

	if ((text = file_read(path, &len, LOAD_MAX_FILE)) == NULL)
		return NULL;	/* unreadable or too large: reported elsewhere */
	memset(&sc, 0, sizeof(sc));
	sc.max = len + SVG_MAX_GROWTH;
	collect_entities(&sc, text, len);
	expand(&sc, text, len, 0);
	if (sc.dtd_problem != NULL)
		why = sc.dtd_problem;
	else if (sc.too_big)
		why = "its entities expand to more text than any drawing holds";
	else
		why = unsafe(buf_str(&sc.out), sc.out.len);
	for (i = 0; i < sc.nent; i++) {
		free(sc.ent[i].name);
		free(sc.ent[i].value);
	}
	buf_free(&sc.out);
	free(text);
	return why;
}
