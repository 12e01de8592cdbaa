/*
 * svg.c: a subset of SVG 1.1 drawn through the layout's boxes, so that
 * text stays text (searchable, selectable) and shapes stay vectors:
 *
 *   rect (rx, ry), circle, ellipse, line, polyline, polygon, path (every
 *   command: M L H V C S Q T A Z, absolute and relative), text (tspan
 *   with its own x, y), g and a; transform (matrix, translate, scale,
 *   rotate, skewX, skewY) on any of them; fill, fill-rule, stroke,
 *   stroke-width, stroke-dasharray, opacity, fill-opacity,
 *   stroke-opacity (blended with the white page: the device has no
 *   transparency), inherited from the enclosing groups as SVG says;
 *   marker-start, marker-mid, marker-end (orient auto and
 *   auto-start-reverse, markerUnits); a gradient fill is drawn in its
 *   first stop colour; a fill by a <pattern> of lines as the device's
 *   hatching in the lines' direction (the way charts tell areas apart
 *   without colour). The geometry is in svg_geom.c.
 *
 * Anything else (use, image, other patterns, filters, CSS in <style>) is reported
 * once per file as a warning and skipped, never a failure.
 *
 * Coordinates: every point goes through the current transformation
 * matrix, which starts as the viewBox → figure box mapping in mpt (y down,
 * as the layout), so the device receives page coordinates.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "pdf/pdf_int.h"
#include "pdf/svg_int.h"

/* Group nesting followed at most: deeper content is skipped (a hostile file could recurse). */
#define SVG_MAX_DEPTH	64
/* The thinnest stroke printed: 0.2 pt (thinner hairlines vanish on the press). */
#define SVG_MIN_STROKE	200


/* The paint properties, inherited down the tree. */
struct pstate {
	long		 fill;		/* RGB, or -1 for none */
	long		 stroke;
	double		 opacity;	/* group × element opacity */
	double		 fill_op;
	double		 stroke_op;
	double		 sw;		/* stroke width, user units */
	int		 evenodd;
	double		 dash[SVG_MAX_DASH];
	int		 ndash;
	double		 font_size;
	int		 bold;
	int		 anchor;	/* 0 start, 1 middle, 2 end */
	const char	*marker[3];	/* start, mid, end: an element id, or NULL */
	enum dev_hatch	 hatch;		/* fill="url(#pattern)": lines drawn as hatching */
	long		 hatch_rgb;
	double		 hatch_gap;	/* user units */
};


struct svg {
	struct pdf_ctx		*pc;
	struct layout_page	*pg;
	const void		*node;
	xmlDoc			*doc;
	const char		*file;		/* as given to pdf_svg */
	const xmlNode		*at;		/* the element being drawn, for diagnostics */
	const struct span	*span;
	char			 warned[256];
	size_t			 nwarned;
	int			 marker_depth;
};

/* ------------------------------------------------------------------ */
/* Attributes and properties                                          */
/* ------------------------------------------------------------------ */

static const char *
attr(xmlNode *n, const char *name)
{
	xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

/* A presentation attribute, or the same property in style="…" (which wins). */
static const char *
prop(xmlNode *n, const char *name, char *tmp, size_t tmpsz)
{
	const char *st = attr(n, "style"), *p;
	size_t nl = strlen(name), k;

	for (p = st; p != NULL && *p != '\0'; p++) {
		while (*p == ' ' || *p == ';' || *p == '\n' || *p == '\t')
			p++;
		if (strncmp(p, name, nl) == 0) {
			const char *q = p + nl;

			while (*q == ' ')
				q++;
			if (*q == ':') {
				q++;
				while (*q == ' ')
					q++;
				for (k = 0; k + 1 < tmpsz && q[k] && q[k] != ';'; k++)
					tmp[k] = q[k];
				while (k > 0 && tmp[k - 1] == ' ')
					k--;
				tmp[k] = '\0';
				return tmp;
			}
		}
		p = strchr(p, ';');
		if (p == NULL)
			break;
	}
	return attr(n, name);
}

static double
num(xmlNode *n, const char *name)
{
	const char *v = attr(n, name);

	return v ? strtod(v, NULL) : 0;
}

static double
num_or(xmlNode *n, const char *name, double dflt)
{
	const char *v = attr(n, name);

	return v ? strtod(v, NULL) : dflt;
}

static xmlNode *
find_id(xmlNode *n, const char *id, int depth)
{
	xmlNode *r;
	const char *v;

	for (; n != NULL && depth < SVG_MAX_DEPTH; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		v = attr(n, "id");
		if (v != NULL && strcmp(v, id) == 0)
			return n;
		if ((r = find_id(n->children, id, depth + 1)) != NULL)
			return r;
	}
	return NULL;
}

/* url(#id) → the element, or NULL. */
static xmlNode *
url_ref(struct svg *s, const char *v)
{
	char id[128];
	size_t k = 0;

	if (v == NULL)
		return NULL;
	while (*v == ' ')
		v++;
	if (strncmp(v, "url(", 4) != 0)
		return NULL;
	v += 4;
	while (*v == ' ' || *v == '\'' || *v == '"')
		v++;
	if (*v++ != '#')
		return NULL;
	while (*v && *v != ')' && *v != '\'' && *v != '"' && k + 1 < sizeof(id))
		id[k++] = *v++;
	id[k] = '\0';
	return find_id(xmlDocGetRootElement(s->doc), id, 0);
}

static void unsupported(struct svg *, const char *);

/* A colour: #rgb, #rrggbb, rgb(…), a few names; -1 for none; dflt if unknown. */
static long
color(struct svg *s, const char *v, long dflt)
{
	static const struct { const char *n; long c; } names[] = {
		{ "black", 0x000000 }, { "white", 0xFFFFFF }, { "gray", 0x808080 },
		{ "grey", 0x808080 }, { "silver", 0xC0C0C0 }, { "red", 0xFF0000 },
		{ "maroon", 0x800000 }, { "green", 0x008000 }, { "lime", 0x00FF00 },
		{ "blue", 0x0000FF }, { "navy", 0x000080 }, { "yellow", 0xFFFF00 },
		{ "orange", 0xFFA500 }, { "purple", 0x800080 }, { "teal", 0x008080 },
		{ "olive", 0x808000 }, { "aqua", 0x00FFFF }, { "fuchsia", 0xFF00FF },
		{ "lightgray", 0xD3D3D3 }, { "lightgrey", 0xD3D3D3 },
		{ "darkgray", 0xA9A9A9 }, { "darkgrey", 0xA9A9A9 },
		{ "currentColor", 0x000000 },
	};
	size_t i, len;
	unsigned long x;
	int r, g, b;
	xmlNode *ref, *st;
	char tmp[64];

	if (v == NULL)
		return dflt;
	while (*v == ' ')
		v++;
	if (strcmp(v, "none") == 0 || strcmp(v, "transparent") == 0)
		return -1;
	if (*v == '#') {
		len = strspn(v + 1, "0123456789abcdefABCDEF");
		x = strtoul(v + 1, NULL, 16);
		if (len == 3)
			return (long)(((x >> 8 & 0xF) * 0x110000) |
			    ((x >> 4 & 0xF) * 0x1100) | ((x & 0xF) * 0x11));
		return len == 6 ? (long)(x & 0xFFFFFF) : dflt;
	}
	if (sscanf(v, "rgb(%d ,%d ,%d", &r, &g, &b) == 3 ||
	    sscanf(v, "rgb(%d %d %d", &r, &g, &b) == 3) {
		r = r < 0 ? 0 : r > 255 ? 255 : r;
		g = g < 0 ? 0 : g > 255 ? 255 : g;
		b = b < 0 ? 0 : b > 255 ? 255 : b;
		return (long)r << 16 | (long)g << 8 | (long)b;
	}
	if (strncmp(v, "url(", 4) == 0) {
		/* A gradient: its first stop's colour (no smooth shading in the device). */
		ref = url_ref(s, v);
		if (ref != NULL && strstr((const char *)ref->name, "Gradient")) {
			for (st = ref->children; st != NULL; st = st->next)
				if (st->type == XML_ELEMENT_NODE &&
				    strcmp((const char *)st->name, "stop") == 0)
					return color(s, prop(st, "stop-color",
					    tmp, sizeof(tmp)), 0);
		}
		unsupported(s, "fill or stroke by pattern");
		return 0x808080;
	}
	for (i = 0; i < KK_ARRAY_LEN(names); i++)
		if (strcasecmp(v, names[i].n) == 0)
			return names[i].c;
	return dflt;
}

/* c blended with the white page at opacity op. */
static uint32_t
blend(long c, double op)
{
	uint32_t r, g, b;

	if (op >= 1)
		return (uint32_t)c;
	if (op < 0)
		op = 0;
	r = (uint32_t)lround(((c >> 16) & 0xFF) * op + 255 * (1 - op));
	g = (uint32_t)lround(((c >> 8) & 0xFF) * op + 255 * (1 - op));
	b = (uint32_t)lround((c & 0xFF) * op + 255 * (1 - op));
	return r << 16 | g << 8 | b;
}

static double
opacity_of(const char *v)
{
	double o;

	if (v == NULL)
		return 1;
	o = strtod(v, NULL);
	if (strchr(v, '%') != NULL)
		o /= 100;
	return o < 0 ? 0 : o > 1 ? 1 : o;
}

/* The marker id of a marker-* property: url(#id) → id (arena copy). */
static const char *
marker_id(struct svg *s, const char *v)
{
	const char *p, *e;

	if (v == NULL || strcmp(v, "none") == 0)
		return NULL;
	p = strchr(v, '#');
	if (p == NULL)
		return NULL;
	p++;
	e = p + strcspn(p, ")'\" ");
	return arena_printf(&s->pc->a, "%.*s", (int)(e - p), p);
}

/* The angle of a line of a pattern tile (degrees, 0..180, y down), or -1. */
static double
tile_line(xmlNode *n)
{
	double dx, dy, a[4];
	const char *d;
	int k;

	if (strcmp((const char *)n->name, "line") == 0) {
		dx = num(n, "x2") - num(n, "x1");
		dy = num(n, "y2") - num(n, "y1");
	} else if (strcmp((const char *)n->name, "path") == 0 &&
	    (d = attr(n, "d")) != NULL) {
		/* "M x y L x y" (or l, or without the L) */
		for (k = 0; k < 4 && *d != '\0'; k++) {
			char *e;

			while (*d != '\0' && strchr("0123456789.-+", *d) == NULL)
				d++;
			a[k] = strtod(d, &e);
			if (e == d)
				break;
			d = e;
		}
		if (k < 4)
			return -1;
		dx = a[2] - a[0];
		dy = a[3] - a[1];
		if (strchr(attr(n, "d"), 'l') != NULL) {
			dx = a[2];
			dy = a[3];
		}
	} else {
		return -1;
	}
	if (dx == 0 && dy == 0)
		return -1;
	a[0] = atan2(dy, dx) * 180 / M_PI;
	while (a[0] < 0)
		a[0] += 180;
	while (a[0] >= 180)
		a[0] -= 180;
	return a[0];
}

/*
 * fill="url(#p)" naming a <pattern> of lines (the usual way to tell chart
 * areas apart without colour): drawn as the device's hatching in the
 * lines' direction and colour, over the tile's background rect if it has
 * one. Returns 1 if v named such a pattern (st set), else 0.
 */
static int
pattern_fill(struct svg *s, const char *v, struct pstate *st)
{
	xmlNode *p = strncmp(v, "url(", 4) == 0 ? url_ref(s, v) : NULL, *c;
	const char *tr;
	char tmp[64];
	double rot = 0, ang, w, h;
	int nd = 0, nb = 0, nh = 0, nv = 0;
	long bg = -1, ink = -1;

	if (p == NULL || strcmp((const char *)p->name, "pattern") != 0)
		return 0;
	tr = attr(p, "patternTransform");
	if (tr != NULL && strncmp(tr, "rotate(", 7) == 0)
		rot = strtod(tr + 7, NULL);
	for (c = p->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "rect") == 0 && bg < 0 && ink < 0) {
			bg = color(s, prop(c, "fill", tmp, sizeof(tmp)), 0);
			continue;
		}
		if ((ang = tile_line(c)) < 0)
			continue;
		ang += rot;
		while (ang < 0)
			ang += 180;
		while (ang >= 180)
			ang -= 180;
		if (ink < 0)
			ink = color(s, prop(c, "stroke", tmp, sizeof(tmp)), 0);
		/* y grows downwards: 45° runs down to the right (＼), 135° up (／) */
		if (ang < 22.5 || ang >= 157.5)
			nh++;
		else if (ang < 67.5)
			nb++;
		else if (ang < 112.5)
			nv++;
		else
			nd++;
	}
	if (ink < 0) {
		unsupported(s, "fill or stroke by pattern");
		st->fill = 0x808080;
		st->hatch = DEV_HATCH_NONE;
		return 1;
	}
	st->fill = bg;
	st->hatch_rgb = ink;
	st->hatch = nd && nb ? DEV_HATCH_CROSS : nd ? DEV_HATCH_DIAG :
	    nb ? DEV_HATCH_BACKDIAG : nh && nv ? DEV_HATCH_CROSS :
	    nv ? DEV_HATCH_VERT : DEV_HATCH_HORIZ;
	w = num(p, "width");
	h = num(p, "height");
	st->hatch_gap = w > 0 && h > 0 ? (w < h ? w : h) : 6;
	if (st->hatch == DEV_HATCH_DIAG || st->hatch == DEV_HATCH_BACKDIAG ||
	    st->hatch == DEV_HATCH_CROSS)
		st->hatch_gap /= 1.414;	/* a tile's diagonal lines lie w/√2 apart */
	return 1;
}

/* The state of element n, inherited from ps. */
static struct pstate
state_of(struct svg *s, xmlNode *n, const struct pstate *ps)
{
	struct pstate st = *ps;
	char tmp[128];
	const char *v, *p;
	char *e;
	int k;

	v = prop(n, "fill", tmp, sizeof(tmp));
	if (v != NULL && !pattern_fill(s, v, &st)) {
		st.fill = color(s, v, st.fill);
		st.hatch = DEV_HATCH_NONE;
	}
	st.stroke = color(s, prop(n, "stroke", tmp, sizeof(tmp)), st.stroke);
	st.opacity *= opacity_of(prop(n, "opacity", tmp, sizeof(tmp)));
	if ((v = prop(n, "fill-opacity", tmp, sizeof(tmp))) != NULL)
		st.fill_op = opacity_of(v);
	if ((v = prop(n, "stroke-opacity", tmp, sizeof(tmp))) != NULL)
		st.stroke_op = opacity_of(v);
	if ((v = prop(n, "stroke-width", tmp, sizeof(tmp))) != NULL)
		st.sw = strtod(v, NULL);
	if ((v = prop(n, "fill-rule", tmp, sizeof(tmp))) != NULL)
		st.evenodd = strcmp(v, "evenodd") == 0;
	if ((v = prop(n, "stroke-dasharray", tmp, sizeof(tmp))) != NULL) {
		st.ndash = 0;
		for (p = v, k = 0; k < SVG_MAX_DASH; k++) {
			while (*p == ' ' || *p == ',')
				p++;
			st.dash[k] = strtod(p, &e);
			if (e == p)
				break;
			p = e;
			st.ndash++;
		}
		if (st.ndash % 2 == 1 && st.ndash * 2 <= SVG_MAX_DASH) {
			for (k = 0; k < st.ndash; k++)	/* an odd list is repeated (SVG) */
				st.dash[st.ndash + k] = st.dash[k];
			st.ndash *= 2;
		}
		for (k = 0; k < st.ndash; k++)
			if (st.dash[k] < 0)	/* an error in SVG: drawn solid */
				st.ndash = 0;
	}
	if ((v = prop(n, "font-size", tmp, sizeof(tmp))) != NULL &&
	    strtod(v, NULL) > 0)
		st.font_size = strtod(v, NULL);
	if ((v = prop(n, "font-weight", tmp, sizeof(tmp))) != NULL)
		st.bold = strcmp(v, "bold") == 0 || strcmp(v, "bolder") == 0 ||
		    atoi(v) >= 600;
	if ((v = prop(n, "text-anchor", tmp, sizeof(tmp))) != NULL)
		st.anchor = strcmp(v, "middle") == 0 ? 1 :
		    strcmp(v, "end") == 0 ? 2 : 0;
	if ((v = prop(n, "marker-start", tmp, sizeof(tmp))) != NULL)
		st.marker[0] = marker_id(s, v);
	if ((v = prop(n, "marker-mid", tmp, sizeof(tmp))) != NULL)
		st.marker[1] = marker_id(s, v);
	if ((v = prop(n, "marker-end", tmp, sizeof(tmp))) != NULL)
		st.marker[2] = marker_id(s, v);
	return st;
}

/* ------------------------------------------------------------------ */
/* Transforms                                                         */
/* ------------------------------------------------------------------ */

/* m · the transform attribute of n. */
static struct mat
transform_of(struct svg *s, xmlNode *n, const struct mat *m)
{
	const char *p = attr(n, "transform");
	struct mat r = *m, t;
	double a[6], rad;
	char name[16];
	size_t k;
	int na;
	char *e;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		for (k = 0; k + 1 < sizeof(name) && ((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z')); k++)
			name[k] = *p++;
		name[k] = '\0';
		while (*p == ' ')
			p++;
		if (*p != '(')
			break;
		p++;
		for (na = 0; na < 6; na++) {
			while (*p == ' ' || *p == ',')
				p++;
			a[na] = strtod(p, &e);
			if (e == p)
				break;
			p = e;
		}
		while (*p == ' ')
			p++;
		if (*p == ')')
			p++;
		if (strcmp(name, "matrix") == 0 && na == 6)
			t = svg_mat_make(a[0], a[1], a[2], a[3], a[4], a[5]);
		else if (strcmp(name, "translate") == 0 && na >= 1)
			t = svg_mat_make(1, 0, 0, 1, a[0], na > 1 ? a[1] : 0);
		else if (strcmp(name, "scale") == 0 && na >= 1)
			t = svg_mat_make(a[0], 0, 0, na > 1 ? a[1] : a[0], 0, 0);
		else if (strcmp(name, "rotate") == 0 && na >= 1) {
			rad = a[0] * M_PI / 180;
			t = svg_mat_make(cos(rad), sin(rad), -sin(rad), cos(rad), 0, 0);
			if (na >= 3) {	/* about (cx, cy) */
				struct mat t1 = svg_mat_make(1, 0, 0, 1, a[1], a[2]);
				struct mat t2 = svg_mat_make(1, 0, 0, 1, -a[1], -a[2]);

				t = svg_mat_mul(&t1, &t);
				t = svg_mat_mul(&t, &t2);
			}
		} else if (strcmp(name, "skewX") == 0 && na >= 1)
			t = svg_mat_make(1, 0, tan(a[0] * M_PI / 180), 1, 0, 0);
		else if (strcmp(name, "skewY") == 0 && na >= 1)
			t = svg_mat_make(1, tan(a[0] * M_PI / 180), 0, 1, 0, 0);
		else {
			unsupported(s, "transform");
			break;
		}
		r = svg_mat_mul(&r, &t);
	}
	return r;
}

/* ------------------------------------------------------------------ */
/* Painting                                                           */
/* ------------------------------------------------------------------ */

static enum dev_role
role(const struct svg *s)
{
	return s->node ? DEV_CONTENT : DEV_ART_LAYOUT;
}

static void draw_markers(struct svg *, const struct pb *, const struct pstate *,
    const struct mat *, int);

/* Fills and strokes the shape in b as ps says; closed: it has an area to fill. */
static void
paint(struct svg *s, struct pb *b, const struct pstate *ps, int closed,
    int depth)
{
	struct dev_paint pa;
	struct pb d;
	double k = svg_mat_scale(&b->m);
	int stroke = ps->stroke >= 0 && ps->sw > 0;

	if (b->n == 0)
		return;
	if (b->overflow)
		unsupported(s, "path with too many segments");
	memset(&pa, 0, sizeof(pa));
	if (ps->fill >= 0 && closed) {
		pa.fill = 1;
		pa.fill_rgb = blend(ps->fill, ps->opacity * ps->fill_op);
		pa.evenodd = ps->evenodd;
	}
	if (ps->hatch != DEV_HATCH_NONE && closed) {
		pa.hatch = ps->hatch;
		pa.hatch_rgb = blend(ps->hatch_rgb, ps->opacity * ps->fill_op);
		pa.hatch_gap = (int32_t)lround(ps->hatch_gap * k);
		if (pa.hatch_gap < 1500)	/* finer than 1.5 pt prints as a grey */
			pa.hatch_gap = 1500;
		pa.hatch_width = 400;
		pa.evenodd = ps->evenodd;
	}
	if (stroke) {
		pa.line_width = (int32_t)lround(ps->sw * k);
		if (pa.line_width < SVG_MIN_STROKE)
			pa.line_width = SVG_MIN_STROKE;
		pa.line_rgb = blend(ps->stroke, ps->opacity * ps->stroke_op);
	}
	if (stroke && ps->ndash > 0) {
		int32_t lw = pa.line_width;

		pa.line_width = 0;
		if (pa.fill || pa.hatch != DEV_HATCH_NONE)
			layout_put_path(s->pc->L, s->pg, role(s), s->node, b->v,
			    b->n, &pa);
		memset(&d, 0, sizeof(d));
		d.m = svg_mat_make(1, 0, 0, 1, 0, 0);
		svg_dashes(b, ps->dash, ps->ndash, k, &d);
		memset(&pa, 0, sizeof(pa));
		pa.line_width = lw;
		pa.line_rgb = blend(ps->stroke, ps->opacity * ps->stroke_op);
		layout_put_path(s->pc->L, s->pg, role(s), s->node, d.v, d.n,
		    &pa);
		svg_pb_free(&d);
	} else if (pa.fill || stroke || pa.hatch != DEV_HATCH_NONE) {
		layout_put_path(s->pc->L, s->pg, role(s), s->node, b->v, b->n,
		    &pa);
	}
	draw_markers(s, b, ps, &b->m, depth);
}

/* ------------------------------------------------------------------ */
/* Text                                                               */
/* ------------------------------------------------------------------ */

/* Text: printable by the Gothic faces; anything else becomes 〓. */
static void
put_text(struct svg *s, const char *c, double x, double y,
    const struct pstate *ps, const struct mat *m)
{
	struct pdf_ctx *pc = s->pc;
	struct layout_style st;
	struct buf b = {0};
	int32_t px, w;
	size_t len, k, n;
	uint32_t cp;
	int space = 0;

	if (c == NULL || ps->fill < 0)
		return;
	st = pc->st[ps->bold ? ST_TABLEB : ST_TABLE];
	st.size = (int32_t)lround(ps->font_size * svg_mat_scale(m));
	if (st.size < 1000)
		st.size = 1000;
	st.rgb = blend(ps->fill, ps->opacity * ps->fill_op);
	len = strlen(c);
	for (k = 0; k < len; k += n) {
		n = utf8_decode(c + k, len - k, &cp);
		if (cp == '\n' || cp == '\t' || cp == '\r' || cp == ' ') {
			space = b.len > 0;	/* white space collapses (xml:space default) */
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		if (cp < 0x20 || font_width(st.font, cp) == FONT_MISSING)
			cp = FONT_GETA;
		buf_put_cp(&b, cp);
	}
	if (b.len > 0) {
		w = layout_text_width(&st, buf_str(&b));
		px = svg_tx(m, x, y);
		if (ps->anchor == 1)
			px -= w / 2;
		else if (ps->anchor == 2)
			px -= w;
		layout_put_text(pc->L, s->pg, role(s), s->node, px, svg_ty(m, x, y),
		    &st, buf_str(&b));
	}
	buf_free(&b);
}

static void
text(struct svg *s, xmlNode *n, const struct pstate *ps, const struct mat *m)
{
	xmlNode *c;
	xmlChar *content;
	double x = num(n, "x"), y = num(n, "y");
	struct pstate cs;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (attr(c, "x") != NULL || attr(c, "y") != NULL))
			break;
	if (c == NULL) {	/* one run: the whole content at (x, y) */
		content = xmlNodeGetContent(n);
		put_text(s, (const char *)content, x, y, ps, m);
		xmlFree(content);
		return;
	}
	/* tspans placed on their own: each at its x, y (or after the last) */
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			put_text(s, (const char *)c->content, x, y, ps, m);
		} else if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "tspan") == 0) {
			x = num_or(c, "x", x) + num(c, "dx");
			y = num_or(c, "y", y) + num(c, "dy");
			cs = state_of(s, c, ps);
			content = xmlNodeGetContent(c);
			put_text(s, (const char *)content, x, y, &cs, m);
			xmlFree(content);
		}
	}
}

/* ------------------------------------------------------------------ */
/* The tree                                                           */
/* ------------------------------------------------------------------ */

static void
unsupported(struct svg *s, const char *name)
{
	size_t nl = strlen(name);
	struct buf where = {0};

	if (strstr(s->warned, name) != NULL || !s->pc->final ||
	    s->pc->measuring)
		return;
	if (s->nwarned + nl + 2 < sizeof(s->warned)) {
		memcpy(s->warned + s->nwarned, name, nl);
		s->nwarned += nl;
		s->warned[s->nwarned++] = ' ';
		s->warned[s->nwarned] = '\0';
	}
	buf_printf(&where, "%s", s->file);
	if (s->at != NULL && xmlGetLineNo(s->at) > 0)
		buf_printf(&where, ", line %ld", xmlGetLineNo(s->at));
	if (strchr(name, ' ') != NULL || strcmp(name, "transform") == 0)
		diag_warning(s->pc->d, s->span, "pdf-svg-unsupported",
		    "the SVG %s (%s) is not drawn in the PDF as written "
		    "(keikaku draws rect, line, polyline, polygon, circle, "
		    "ellipse, path, text, g and markers, in plain colours); "
		    "in the drawing program, convert it to plain shapes",
		    name, buf_str(&where));
	else
		diag_warning(s->pc->d, s->span, "pdf-svg-unsupported",
		    "the SVG element <%s> (%s) is not drawn in the PDF "
		    "(keikaku draws rect, line, polyline, polygon, circle, "
		    "ellipse, path, text, g and markers); in the drawing "
		    "program, convert it to plain shapes (paths)", name,
		    buf_str(&where));
	buf_free(&where);
}

static struct pstate
initial_state(void)
{
	struct pstate st;

	memset(&st, 0, sizeof(st));
	st.fill = 0x000000;
	st.stroke = -1;
	st.opacity = st.fill_op = st.stroke_op = 1;
	st.sw = 1;
	st.font_size = 16;
	return st;
}

static void walk(struct svg *, xmlNode *, const struct pstate *,
    const struct mat *, int);

/* Draws marker mk at (x, y), turned by angle (radians), for a stroke of width sw. */
static void
marker_at(struct svg *s, xmlNode *mk, double x, double y, double angle,
    double sw, const struct mat *m, int depth)
{
	double vx = 0, vy = 0, vw = 0, vh = 0, mw = num_or(mk, "markerWidth", 3),
	    mh = num_or(mk, "markerHeight", 3), kx = 1, ky = 1;
	const char *vb = attr(mk, "viewBox"), *units = attr(mk, "markerUnits");
	struct mat t, r;
	struct pstate st = initial_state();

	if (vb != NULL && sscanf(vb, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &vx,
	    &vy, &vw, &vh) == 4 && vw > 0 && vh > 0) {
		kx = ky = mw / vw < mh / vh ? mw / vw : mh / vh;
	}
	(void)vx;
	(void)vy;
	if (units == NULL || strcmp(units, "userSpaceOnUse") != 0) {
		kx *= sw;
		ky *= sw;
	}
	t = svg_mat_make(1, 0, 0, 1, x, y);
	r = svg_mat_mul(m, &t);
	t = svg_mat_make(cos(angle), sin(angle), -sin(angle), cos(angle), 0, 0);
	r = svg_mat_mul(&r, &t);
	t = svg_mat_make(kx, 0, 0, ky, 0, 0);
	r = svg_mat_mul(&r, &t);
	t = svg_mat_make(1, 0, 0, 1, -num(mk, "refX"), -num(mk, "refY"));
	r = svg_mat_mul(&r, &t);
	st = state_of(s, mk, &st);
	s->marker_depth++;
	walk(s, mk->children, &st, &r, depth + 1);
	s->marker_depth--;
}

static void
draw_markers(struct svg *s, const struct pb *b, const struct pstate *ps,
    const struct mat *m, int depth)
{
	xmlNode *mk;
	const char *orient;
	double a, din, dout;
	size_t i, last;
	int which;

	if (b->nv == 0 || s->marker_depth > 0)
		return;
	last = b->nv - 1;
	for (i = 0; i < b->nv; i++) {
		which = i == 0 ? 0 : i == last ? 2 : 1;
		if (ps->marker[which] == NULL)
			continue;
		mk = find_id(xmlDocGetRootElement(s->doc), ps->marker[which], 0);
		if (mk == NULL || strcmp((const char *)mk->name, "marker") != 0)
			continue;
		din = b->vin[i];
		dout = b->vout[i];
		orient = attr(mk, "orient");
		if (orient != NULL && strncmp(orient, "auto", 4) == 0) {
			/* the direction of the path at the vertex (SVG 1.1 §11.6.2) */
			if (isnan(din))
				a = isnan(dout) ? 0 : dout;
			else if (isnan(dout))
				a = din;
			else
				a = atan2(sin(din) + sin(dout), cos(din) + cos(dout));
			if (which == 0 && strcmp(orient, "auto-start-reverse") == 0)
				a += M_PI;
		} else {
			a = (orient ? strtod(orient, NULL) : 0) * M_PI / 180;
		}
		marker_at(s, mk, b->vx[i], b->vy[i], a, ps->sw, m, depth);
	}
}

/* Draws one shape element; returns 0 if n is not a shape. */
static int
shape(struct svg *s, xmlNode *n, const struct pstate *ps, const struct mat *m,
    int depth)
{
	const char *name = (const char *)n->name;
	struct pb b;
	int closed = 1;
	double w, h, rx, ry;

	memset(&b, 0, sizeof(b));
	b.m = *m;
	b.track = ps->marker[0] || ps->marker[1] || ps->marker[2];
	if (strcmp(name, "rect") == 0) {
		w = num(n, "width");
		h = num(n, "height");
		rx = num_or(n, "rx", -1);
		ry = num_or(n, "ry", -1);
		if (rx < 0)
			rx = ry;
		if (ry < 0)
			ry = rx;
		if (w > 0 && h > 0)
			svg_pb_rect(&b, num(n, "x"), num(n, "y"), w, h, rx, ry);
	} else if (strcmp(name, "circle") == 0) {
		rx = num(n, "r");
		if (rx > 0)
			svg_pb_ellipse(&b, num(n, "cx"), num(n, "cy"), rx, rx);
	} else if (strcmp(name, "ellipse") == 0) {
		rx = num(n, "rx");
		ry = num(n, "ry");
		if (rx > 0 && ry > 0)
			svg_pb_ellipse(&b, num(n, "cx"), num(n, "cy"), rx, ry);
	} else if (strcmp(name, "line") == 0) {
		svg_pb_move(&b, num(n, "x1"), num(n, "y1"));
		svg_pb_line(&b, num(n, "x2"), num(n, "y2"));
		closed = 0;
	} else if (strcmp(name, "polyline") == 0) {
		svg_points(&b, attr(n, "points"), 0);
	} else if (strcmp(name, "polygon") == 0) {
		svg_points(&b, attr(n, "points"), 1);
	} else if (strcmp(name, "path") == 0) {
		svg_path_d(&b, attr(n, "d"));
	} else {
		svg_pb_free(&b);
		return 0;
	}
	/* Open subpaths are filled as if closed (SVG), which the device's fill does too. */
	paint(s, &b, ps, closed, depth);
	svg_pb_free(&b);
	return 1;
}

static void
walk(struct svg *s, xmlNode *n, const struct pstate *ps, const struct mat *m,
    int depth)
{
	const char *name, *disp;
	struct pstate st;
	struct mat mm;
	char tmp[32];

	if (depth >= SVG_MAX_DEPTH)
		return;
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)n->name;
		if (strcmp(name, "title") == 0 || strcmp(name, "desc") == 0 ||
		    strcmp(name, "defs") == 0 || strcmp(name, "metadata") == 0 ||
		    strcmp(name, "marker") == 0 || strcmp(name, "linearGradient") == 0 ||
		    strcmp(name, "radialGradient") == 0 ||
		    strcmp(name, "clipPath") == 0 || strcmp(name, "symbol") == 0)
			continue;
		disp = prop(n, "display", tmp, sizeof(tmp));
		if (disp != NULL && strcmp(disp, "none") == 0)
			continue;
		disp = prop(n, "visibility", tmp, sizeof(tmp));
		if (disp != NULL && strcmp(disp, "hidden") == 0)
			continue;
		s->at = n;
		st = state_of(s, n, ps);
		mm = transform_of(s, n, m);
		if (strcmp(name, "g") == 0 || strcmp(name, "a") == 0 ||
		    strcmp(name, "svg") == 0 || strcmp(name, "switch") == 0) {
			walk(s, n->children, &st, &mm, depth + 1);
		} else if (strcmp(name, "text") == 0) {
			text(s, n, &st, &mm);
		} else if (strcmp(name, "style") == 0) {
			unsupported(s, "style sheet (<style>)");
		} else if (!shape(s, n, &st, &mm, depth)) {
			unsupported(s, name);
		}
	}
}

static int
viewbox(xmlNode *root, double *vx, double *vy, double *vw, double *vh)
{
	const char *vb = attr(root, "viewBox");

	*vx = *vy = 0;
	if (vb != NULL && sscanf(vb, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", vx, vy,
	    vw, vh) == 4 && *vw > 0 && *vh > 0)
		return 0;
	*vw = num(root, "width");
	*vh = num(root, "height");
	return *vw > 0 && *vh > 0 ? 0 : -1;
}

int
pdf_svg_size(const char *path, double *w, double *h)
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	double vx, vy;
	int rc = -1;

	if (doc == NULL)
		return -1;
	if (xmlDocGetRootElement(doc) != NULL)
		rc = viewbox(xmlDocGetRootElement(doc), &vx, &vy, w, h);
	xmlFreeDoc(doc);
	return rc;
}

int
pdf_svg(struct pdf_ctx *pc, struct layout_page *pg, const char *file,
    const void *node, int32_t x, int32_t y, int32_t w, int32_t h,
    const struct span *sp)
{
	xmlDoc *doc = xmlReadFile(file, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNode *root;
	struct svg s;
	struct pstate st;
	struct mat m;
	double vx, vy, vw, vh, k;

	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    strcmp((const char *)root->name, "svg") != 0 ||
	    viewbox(root, &vx, &vy, &vw, &vh) != 0) {
		if (pc->final)
			diag_warning(pc->d, sp, "pdf-svg",
			    "%s cannot be read as SVG (%s); the PDF's figure "
			    "is left empty: save it again from the drawing "
			    "program", file, doc == NULL ? "it is not complete: "
			    "cut short, or not an SVG file" : root == NULL ||
			    strcmp((const char *)root->name, "svg") != 0 ?
			    "it is not an SVG drawing" :
			    "it gives no size: width and height, or viewBox");
		xmlFreeDoc(doc);
		return -1;
	}
	memset(&s, 0, sizeof(s));
	s.pc = pc;
	s.pg = pg;
	s.node = node;
	s.span = sp;
	s.file = file;
	s.doc = doc;
	/* viewBox into the box, uniformly scaled and centred (preserveAspectRatio xMidYMid meet) */
	k = (double)w / vw < (double)h / vh ? (double)w / vw : (double)h / vh;
	m = svg_mat_make(k, 0, 0, k, x + (w - vw * k) / 2 - vx * k,
	    y + (h - vh * k) / 2 - vy * k);
	st = initial_state();
	st = state_of(&s, root, &st);
	walk(&s, root->children, &st, &m, 0);
	xmlFreeDoc(doc);
	return 0;
}
