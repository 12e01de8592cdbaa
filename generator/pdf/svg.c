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
 *   first stop colour.
 *
 * Anything else (use, image, pattern, filters, CSS in <style>) is reported
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

/* Group nesting followed at most: deeper content is skipped (a hostile file could recurse). */
#define SVG_MAX_DEPTH	64
/* Segments of one shape; a longer path is cut (and reported) rather than exhaust memory. */
#define SVG_MAX_SEGS	200000
/* Dash pattern entries kept (SVG allows any number; 8 covers every real pattern). */
#define SVG_MAX_DASH	8
/* The thinnest stroke printed: 0.2 pt (thinner hairlines vanish on the press). */
#define SVG_MIN_STROKE	200

struct mat {
	double	 a, b, c, d, e, f;	/* x' = a x + c y + e, y' = b x + d y + f */
};

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
};

/* A shape under construction, in page mpt; the ends for markers in user units. */
struct pb {
	struct dev_seg	*v;
	size_t		 n, cap;
	double		 cx, cy;	/* current point, user units */
	double		 sx, sy;	/* start of the subpath */
	struct mat	 m;
	int		 overflow;
	/* marker positions: vertices and the direction in and out of each */
	double		*vx, *vy, *vin, *vout;
	size_t		 nv, vcap;
	int		 track;
};

struct svg {
	struct pdf_ctx		*pc;
	struct layout_page	*pg;
	const void		*node;
	xmlDoc			*doc;
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

/* The state of element n, inherited from ps. */
static struct pstate
state_of(struct svg *s, xmlNode *n, const struct pstate *ps)
{
	struct pstate st = *ps;
	char tmp[128];
	const char *v, *p;
	char *e;
	int k;

	st.fill = color(s, prop(n, "fill", tmp, sizeof(tmp)), st.fill);
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

static struct mat
mat_mul(const struct mat *m, const struct mat *n)	/* m · n: n applies first */
{
	struct mat r;

	r.a = m->a * n->a + m->c * n->b;
	r.b = m->b * n->a + m->d * n->b;
	r.c = m->a * n->c + m->c * n->d;
	r.d = m->b * n->c + m->d * n->d;
	r.e = m->a * n->e + m->c * n->f + m->e;
	r.f = m->b * n->e + m->d * n->f + m->f;
	return r;
}

static struct mat
mat_make(double a, double b, double c, double d, double e, double f)
{
	struct mat m;

	m.a = a;
	m.b = b;
	m.c = c;
	m.d = d;
	m.e = e;
	m.f = f;
	return m;
}

/* The mean scale of m, for stroke widths and font sizes. */
static double
mat_scale(const struct mat *m)
{
	return sqrt(fabs(m->a * m->d - m->b * m->c));
}

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
			t = mat_make(a[0], a[1], a[2], a[3], a[4], a[5]);
		else if (strcmp(name, "translate") == 0 && na >= 1)
			t = mat_make(1, 0, 0, 1, a[0], na > 1 ? a[1] : 0);
		else if (strcmp(name, "scale") == 0 && na >= 1)
			t = mat_make(a[0], 0, 0, na > 1 ? a[1] : a[0], 0, 0);
		else if (strcmp(name, "rotate") == 0 && na >= 1) {
			rad = a[0] * M_PI / 180;
			t = mat_make(cos(rad), sin(rad), -sin(rad), cos(rad), 0, 0);
			if (na >= 3) {	/* about (cx, cy) */
				struct mat t1 = mat_make(1, 0, 0, 1, a[1], a[2]);
				struct mat t2 = mat_make(1, 0, 0, 1, -a[1], -a[2]);

				t = mat_mul(&t1, &t);
				t = mat_mul(&t, &t2);
			}
		} else if (strcmp(name, "skewX") == 0 && na >= 1)
			t = mat_make(1, 0, tan(a[0] * M_PI / 180), 1, 0, 0);
		else if (strcmp(name, "skewY") == 0 && na >= 1)
			t = mat_make(1, tan(a[0] * M_PI / 180), 0, 1, 0, 0);
		else {
			unsupported(s, "transform");
			break;
		}
		r = mat_mul(&r, &t);
	}
	return r;
}

static int32_t
tx(const struct mat *m, double x, double y)
{
	return (int32_t)lround(m->a * x + m->c * y + m->e);
}

static int32_t
ty(const struct mat *m, double x, double y)
{
	return (int32_t)lround(m->b * x + m->d * y + m->f);
}

/* ------------------------------------------------------------------ */
/* Building shapes                                                    */
/* ------------------------------------------------------------------ */

static struct dev_seg *
pb_add(struct pb *b, enum dev_seg_op op)
{
	struct dev_seg *sg;

	if (b->n >= SVG_MAX_SEGS) {
		b->overflow = 1;
		return NULL;
	}
	b->v = xgrow(b->v, &b->cap, b->n + 1, sizeof(*b->v));
	sg = &b->v[b->n++];
	memset(sg, 0, sizeof(*sg));
	sg->op = op;
	return sg;
}

/* A vertex for markers: at (x, y), reached in direction din, left in dout (radians; NAN unknown). */
static void
pb_vertex(struct pb *b, double x, double y, double din, double dout)
{
	if (!b->track)
		return;
	if (b->nv > 0 && isnan(b->vout[b->nv - 1]))
		b->vout[b->nv - 1] = din;
	if (b->nv == b->vcap) {
		b->vcap = b->vcap ? 2 * b->vcap : 16;
		b->vx = xrealloc(b->vx, b->vcap * sizeof(*b->vx));
		b->vy = xrealloc(b->vy, b->vcap * sizeof(*b->vy));
		b->vin = xrealloc(b->vin, b->vcap * sizeof(*b->vin));
		b->vout = xrealloc(b->vout, b->vcap * sizeof(*b->vout));
	}
	b->vx[b->nv] = x;
	b->vy[b->nv] = y;
	b->vin[b->nv] = din;
	b->vout[b->nv] = dout;
	b->nv++;
}

static void
pb_move(struct pb *b, double x, double y)
{
	struct dev_seg *sg = pb_add(b, DEV_MOVE);

	if (sg != NULL) {
		sg->x[0] = tx(&b->m, x, y);
		sg->y[0] = ty(&b->m, x, y);
	}
	b->cx = b->sx = x;
	b->cy = b->sy = y;
	pb_vertex(b, x, y, NAN, NAN);
}

static void
pb_line(struct pb *b, double x, double y)
{
	struct dev_seg *sg = pb_add(b, DEV_LINE);
	double d = atan2(y - b->cy, x - b->cx);

	if (sg != NULL) {
		sg->x[0] = tx(&b->m, x, y);
		sg->y[0] = ty(&b->m, x, y);
	}
	if (b->track && b->nv > 0 && isnan(b->vout[b->nv - 1]))
		b->vout[b->nv - 1] = d;
	pb_vertex(b, x, y, d, NAN);
	b->cx = x;
	b->cy = y;
}

static void
pb_curve(struct pb *b, double x1, double y1, double x2, double y2, double x,
    double y)
{
	struct dev_seg *sg = pb_add(b, DEV_CURVE);
	double d0, d1;

	if (sg != NULL) {
		sg->x[0] = tx(&b->m, x1, y1);
		sg->y[0] = ty(&b->m, x1, y1);
		sg->x[1] = tx(&b->m, x2, y2);
		sg->y[1] = ty(&b->m, x2, y2);
		sg->x[2] = tx(&b->m, x, y);
		sg->y[2] = ty(&b->m, x, y);
	}
	d0 = x1 != b->cx || y1 != b->cy ? atan2(y1 - b->cy, x1 - b->cx) :
	    atan2(y2 - b->cy, x2 - b->cx);
	d1 = x2 != x || y2 != y ? atan2(y - y2, x - x2) : atan2(y - y1, x - x1);
	if (b->track && b->nv > 0 && isnan(b->vout[b->nv - 1]))
		b->vout[b->nv - 1] = d0;
	pb_vertex(b, x, y, d1, NAN);
	b->cx = x;
	b->cy = y;
}

static void
pb_close(struct pb *b)
{
	if (b->cx != b->sx || b->cy != b->sy)
		pb_line(b, b->sx, b->sy);
	(void)pb_add(b, DEV_CLOSE);
	b->cx = b->sx;
	b->cy = b->sy;
}

static void
pb_free(struct pb *b)
{
	free(b->v);
	free(b->vx);
	free(b->vy);
	free(b->vin);
	free(b->vout);
}

/*
 * An elliptical arc from the current point (SVG 1.1 F.6.5: endpoint to
 * centre parameterisation), as cubic Béziers of at most 90° each.
 */
static void
pb_arc(struct pb *b, double rx, double ry, double phi_deg, int large,
    int sweep, double x, double y)
{
	double x1 = b->cx, y1 = b->cy, phi = phi_deg * M_PI / 180;
	double cp = cos(phi), sp = sin(phi), dx, dy, x1p, y1p, lam, co, num2,
	    den, cxp, cyp, cx, cy, t1, dt, ux, uy, vx, vy, k, a0, a1;
	int i, nseg;

	if (x1 == x && y1 == y)
		return;
	rx = fabs(rx);
	ry = fabs(ry);
	if (rx == 0 || ry == 0) {
		pb_line(b, x, y);
		return;
	}
	dx = (x1 - x) / 2;
	dy = (y1 - y) / 2;
	x1p = cp * dx + sp * dy;
	y1p = -sp * dx + cp * dy;
	lam = x1p * x1p / (rx * rx) + y1p * y1p / (ry * ry);
	if (lam > 1) {
		rx *= sqrt(lam);
		ry *= sqrt(lam);
	}
	num2 = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
	den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
	co = den > 0 && num2 > 0 ? sqrt(num2 / den) : 0;
	if (large == sweep)
		co = -co;
	cxp = co * rx * y1p / ry;
	cyp = -co * ry * x1p / rx;
	cx = cp * cxp - sp * cyp + (x1 + x) / 2;
	cy = sp * cxp + cp * cyp + (y1 + y) / 2;
	ux = (x1p - cxp) / rx;
	uy = (y1p - cyp) / ry;
	vx = (-x1p - cxp) / rx;
	vy = (-y1p - cyp) / ry;
	t1 = atan2(uy, ux);
	dt = atan2(vy, vx) - t1;
	if (sweep && dt < 0)
		dt += 2 * M_PI;
	else if (!sweep && dt > 0)
		dt -= 2 * M_PI;
	nseg = (int)ceil(fabs(dt) / (M_PI / 2) - 1e-9);
	if (nseg < 1)
		nseg = 1;
	k = 4.0 / 3.0 * tan(dt / nseg / 4);
	for (i = 0; i < nseg; i++) {
		double e0x, e0y, e1x, e1y, p0x, p0y, p1x, p1y, c1x, c1y, c2x,
		    c2y;

		a0 = t1 + dt * i / nseg;
		a1 = t1 + dt * (i + 1) / nseg;
		/* unit circle points and tangents, then scaled, rotated, moved */
		e0x = cos(a0) - k * sin(a0);
		e0y = sin(a0) + k * cos(a0);
		e1x = cos(a1) + k * sin(a1);
		e1y = sin(a1) - k * cos(a1);
		p0x = cos(a1);
		p0y = sin(a1);
		c1x = cp * rx * e0x - sp * ry * e0y + cx;
		c1y = sp * rx * e0x + cp * ry * e0y + cy;
		c2x = cp * rx * e1x - sp * ry * e1y + cx;
		c2y = sp * rx * e1x + cp * ry * e1y + cy;
		p1x = cp * rx * p0x - sp * ry * p0y + cx;
		p1y = sp * rx * p0x + cp * ry * p0y + cy;
		if (i == nseg - 1) {
			p1x = x;
			p1y = y;
		}
		pb_curve(b, c1x, c1y, c2x, c2y, p1x, p1y);
	}
}

/* An ellipse as four curves, clockwise from the right. */
static void
pb_ellipse(struct pb *b, double cx, double cy, double rx, double ry)
{
	const double k = 0.5522847498;

	pb_move(b, cx + rx, cy);
	pb_curve(b, cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry);
	pb_curve(b, cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy);
	pb_curve(b, cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry);
	pb_curve(b, cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy);
	pb_close(b);
}

static void
pb_rect(struct pb *b, double x, double y, double w, double h, double rx,
    double ry)
{
	const double k = 0.5522847498;

	if (rx > w / 2)
		rx = w / 2;
	if (ry > h / 2)
		ry = h / 2;
	if (rx <= 0 || ry <= 0) {
		pb_move(b, x, y);
		pb_line(b, x + w, y);
		pb_line(b, x + w, y + h);
		pb_line(b, x, y + h);
		pb_close(b);
		return;
	}
	pb_move(b, x + rx, y);
	pb_line(b, x + w - rx, y);
	pb_curve(b, x + w - rx + k * rx, y, x + w, y + ry - k * ry, x + w, y + ry);
	pb_line(b, x + w, y + h - ry);
	pb_curve(b, x + w, y + h - ry + k * ry, x + w - rx + k * rx, y + h,
	    x + w - rx, y + h);
	pb_line(b, x + rx, y + h);
	pb_curve(b, x + rx - k * rx, y + h, x, y + h - ry + k * ry, x, y + h - ry);
	pb_line(b, x, y + ry);
	pb_curve(b, x, y + ry - k * ry, x + rx - k * rx, y, x + rx, y);
	pb_close(b);
}

static int
path_num(const char **p, double *v)
{
	char *e;

	while (**p == ' ' || **p == ',' || **p == '\n' || **p == '\t' ||
	    **p == '\r')
		(*p)++;
	*v = strtod(*p, &e);
	if (e == *p)
		return 0;
	*p = e;
	return 1;
}

/* An arc flag: a single 0 or 1, which may touch the next number ("a5 5 0 0110 10"). */
static int
path_flag(const char **p, int *f)
{
	while (**p == ' ' || **p == ',' || **p == '\n' || **p == '\t' ||
	    **p == '\r')
		(*p)++;
	if (**p != '0' && **p != '1')
		return 0;
	*f = **p == '1';
	(*p)++;
	return 1;
}

/* The d attribute (SVG 1.1 §8.3). Stops at the first error, as SVG says, keeping what came before. */
static void
path_d(struct pb *b, const char *p)
{
	double a[7], x, y, qx = 0, qy = 0, c2x = 0, c2y = 0;
	int cmd = 0, prev = 0, rel, k, f1, f2;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t' ||
		    *p == '\r')
			p++;
		if (*p == '\0')
			break;
		if (strchr("MmLlHhVvCcSsQqTtAaZz", *p) != NULL)
			cmd = *p++;
		else if (strchr("0123456789.-+", *p) == NULL || cmd == 0)
			return;
		rel = cmd >= 'a';
		switch (cmd | 0x20) {
		case 'z':
			pb_close(b);
			prev = 'z';
			cmd = 0;
			continue;
		case 'm':
		case 'l':
			if (!path_num(&p, &a[0]) || !path_num(&p, &a[1]))
				return;
			x = a[0] + (rel ? b->cx : 0);
			y = a[1] + (rel ? b->cy : 0);
			if ((cmd | 0x20) == 'm') {
				pb_move(b, x, y);
				cmd = rel ? 'l' : 'L';	/* further pairs are lines */
			} else {
				pb_line(b, x, y);
			}
			break;
		case 'h':
			if (!path_num(&p, &a[0]))
				return;
			pb_line(b, a[0] + (rel ? b->cx : 0), b->cy);
			break;
		case 'v':
			if (!path_num(&p, &a[0]))
				return;
			pb_line(b, b->cx, a[0] + (rel ? b->cy : 0));
			break;
		case 'c':
		case 's':
			k = (cmd | 0x20) == 'c' ? 0 : 2;
			for (; k < 6; k++)
				if (!path_num(&p, &a[k]))
					return;
			if ((cmd | 0x20) == 's') {	/* the reflection of the last control point */
				a[0] = prev == 'c' || prev == 's' ?
				    2 * b->cx - c2x : b->cx;
				a[1] = prev == 'c' || prev == 's' ?
				    2 * b->cy - c2y : b->cy;
				if (rel) {
					a[0] -= b->cx;
					a[1] -= b->cy;
				}
			}
			if (rel)
				for (k = 0; k < 6; k++)
					a[k] += k % 2 ? b->cy : b->cx;
			c2x = a[2];
			c2y = a[3];
			pb_curve(b, a[0], a[1], a[2], a[3], a[4], a[5]);
			break;
		case 'q':
		case 't':
			if ((cmd | 0x20) == 'q') {
				for (k = 0; k < 4; k++)
					if (!path_num(&p, &a[k]))
						return;
				if (rel)
					for (k = 0; k < 4; k++)
						a[k] += k % 2 ? b->cy : b->cx;
			} else {
				if (!path_num(&p, &a[2]) || !path_num(&p, &a[3]))
					return;
				if (rel) {
					a[2] += b->cx;
					a[3] += b->cy;
				}
				a[0] = prev == 'q' || prev == 't' ? 2 * b->cx - qx : b->cx;
				a[1] = prev == 'q' || prev == 't' ? 2 * b->cy - qy : b->cy;
			}
			qx = a[0];
			qy = a[1];
			/* the quadratic as a cubic: control points 2/3 of the way */
			pb_curve(b, b->cx + 2.0 / 3 * (a[0] - b->cx),
			    b->cy + 2.0 / 3 * (a[1] - b->cy),
			    a[2] + 2.0 / 3 * (a[0] - a[2]),
			    a[3] + 2.0 / 3 * (a[1] - a[3]), a[2], a[3]);
			break;
		case 'a':
			if (!path_num(&p, &a[0]) || !path_num(&p, &a[1]) ||
			    !path_num(&p, &a[2]) || !path_flag(&p, &f1) ||
			    !path_flag(&p, &f2) || !path_num(&p, &a[5]) ||
			    !path_num(&p, &a[6]))
				return;
			pb_arc(b, a[0], a[1], a[2], f1, f2,
			    a[5] + (rel ? b->cx : 0), a[6] + (rel ? b->cy : 0));
			break;
		default:
			return;
		}
		prev = cmd | 0x20;
		if (b->overflow)
			return;
	}
}

static void
points(struct pb *b, const char *p, int close)
{
	double x, y;
	int k = 0;

	while (p != NULL && path_num(&p, &x) && path_num(&p, &y)) {
		if (k++ == 0)
			pb_move(b, x, y);
		else
			pb_line(b, x, y);
	}
	if (close && k > 2)
		pb_close(b);
}

/* ------------------------------------------------------------------ */
/* Painting                                                           */
/* ------------------------------------------------------------------ */

static enum dev_role
role(const struct svg *s)
{
	return s->node ? DEV_CONTENT : DEV_ART_LAYOUT;
}

/* Flattens a curve into n lines (in page mpt). */
static void
flatten(struct pb *out, double x0, double y0, const struct dev_seg *c, int n)
{
	double t, x, y;
	int i;

	for (i = 1; i <= n; i++) {
		t = (double)i / n;
		x = pow(1 - t, 3) * x0 + 3 * pow(1 - t, 2) * t * c->x[0] +
		    3 * (1 - t) * t * t * c->x[1] + t * t * t * c->x[2];
		y = pow(1 - t, 3) * y0 + 3 * pow(1 - t, 2) * t * c->y[0] +
		    3 * (1 - t) * t * t * c->y[1] + t * t * t * c->y[2];
		pb_line(out, x, y);
	}
}

/*
 * The stroke of b cut into dashes (the device has no dash pattern): the
 * path flattened in page space and walked with the pattern scaled by k.
 */
static void
dashes(struct pb *b, const struct pstate *ps, double k, struct pb *out)
{
	struct pb flat;
	double pat[SVG_MAX_DASH], total = 0, pos, seg, x0, y0, x1, y1, len,
	    t, cx = 0, cy = 0, sx = 0, sy = 0;
	size_t i;
	int di = 0, on = 1, j;

	memset(&flat, 0, sizeof(flat));
	flat.m = mat_make(1, 0, 0, 1, 0, 0);
	for (j = 0; j < ps->ndash; j++) {
		pat[j] = ps->dash[j] * k;
		total += pat[j];
	}
	if (total <= 0)
		return;
	for (i = 0; i < b->n; i++) {	/* flatten, keeping subpaths */
		const struct dev_seg *sg = &b->v[i];

		switch (sg->op) {
		case DEV_MOVE:
			pb_move(&flat, sg->x[0], sg->y[0]);
			cx = sx = sg->x[0];
			cy = sy = sg->y[0];
			break;
		case DEV_LINE:
			pb_line(&flat, sg->x[0], sg->y[0]);
			cx = sg->x[0];
			cy = sg->y[0];
			break;
		case DEV_CURVE:
			flatten(&flat, cx, cy, sg, 16);
			cx = sg->x[2];
			cy = sg->y[2];
			break;
		case DEV_CLOSE:
			pb_line(&flat, sx, sy);
			cx = sx;
			cy = sy;
			break;
		}
	}
	pos = pat[0];
	for (i = 0; i < flat.n; i++) {
		if (flat.v[i].op == DEV_MOVE) {
			x0 = flat.v[i].x[0];
			y0 = flat.v[i].y[0];
			di = 0;
			on = 1;
			pos = pat[0];
			pb_move(out, x0, y0);
			continue;
		}
		x1 = flat.v[i].x[0];
		y1 = flat.v[i].y[0];
		x0 = i > 0 ? flat.v[i - 1].x[0] : x1;
		y0 = i > 0 ? flat.v[i - 1].y[0] : y1;
		len = hypot(x1 - x0, y1 - y0);
		seg = 0;
		while (len - seg > pos) {
			seg += pos;
			t = seg / len;
			if (on)
				pb_line(out, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
			else
				pb_move(out, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
			on = !on;
			di = (di + 1) % ps->ndash;
			pos = pat[di];
			if (out->overflow)
				break;
		}
		pos -= len - seg;
		if (on)
			pb_line(out, x1, y1);
		else
			pb_move(out, x1, y1);
	}
	pb_free(&flat);
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
	double k = mat_scale(&b->m);
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
	if (stroke) {
		pa.line_width = (int32_t)lround(ps->sw * k);
		if (pa.line_width < SVG_MIN_STROKE)
			pa.line_width = SVG_MIN_STROKE;
		pa.line_rgb = blend(ps->stroke, ps->opacity * ps->stroke_op);
	}
	if (stroke && ps->ndash > 0) {
		int32_t lw = pa.line_width;

		pa.line_width = 0;
		if (pa.fill)
			layout_put_path(s->pc->L, s->pg, role(s), s->node, b->v,
			    b->n, &pa);
		memset(&d, 0, sizeof(d));
		d.m = mat_make(1, 0, 0, 1, 0, 0);
		dashes(b, ps, k, &d);
		memset(&pa, 0, sizeof(pa));
		pa.line_width = lw;
		pa.line_rgb = blend(ps->stroke, ps->opacity * ps->stroke_op);
		layout_put_path(s->pc->L, s->pg, role(s), s->node, d.v, d.n,
		    &pa);
		pb_free(&d);
	} else if (pa.fill || stroke) {
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
	st.size = (int32_t)lround(ps->font_size * mat_scale(m));
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
		px = tx(m, x, y);
		if (ps->anchor == 1)
			px -= w / 2;
		else if (ps->anchor == 2)
			px -= w;
		layout_put_text(pc->L, s->pg, role(s), s->node, px, ty(m, x, y),
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

	if (strstr(s->warned, name) != NULL || s->pc->pass != 2 ||
	    s->pc->measuring)
		return;
	if (s->nwarned + nl + 2 < sizeof(s->warned)) {
		memcpy(s->warned + s->nwarned, name, nl);
		s->nwarned += nl;
		s->warned[s->nwarned++] = ' ';
		s->warned[s->nwarned] = '\0';
	}
	if (strchr(name, ' ') != NULL || strcmp(name, "transform") == 0)
		diag_warning(s->pc->d, s->span, "pdf-svg-unsupported",
		    "the SVG %s is not drawn in the PDF as written (keikaku "
		    "draws rect, line, polyline, polygon, circle, ellipse, path, "
		    "text, g and markers, in plain colours)", name);
	else
		diag_warning(s->pc->d, s->span, "pdf-svg-unsupported",
		    "the SVG element <%s> is not drawn in the PDF (keikaku "
		    "draws rect, line, polyline, polygon, circle, ellipse, path, "
		    "text, g and markers)", name);
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
	t = mat_make(1, 0, 0, 1, x, y);
	r = mat_mul(m, &t);
	t = mat_make(cos(angle), sin(angle), -sin(angle), cos(angle), 0, 0);
	r = mat_mul(&r, &t);
	t = mat_make(kx, 0, 0, ky, 0, 0);
	r = mat_mul(&r, &t);
	t = mat_make(1, 0, 0, 1, -num(mk, "refX"), -num(mk, "refY"));
	r = mat_mul(&r, &t);
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
			pb_rect(&b, num(n, "x"), num(n, "y"), w, h, rx, ry);
	} else if (strcmp(name, "circle") == 0) {
		rx = num(n, "r");
		if (rx > 0)
			pb_ellipse(&b, num(n, "cx"), num(n, "cy"), rx, rx);
	} else if (strcmp(name, "ellipse") == 0) {
		rx = num(n, "rx");
		ry = num(n, "ry");
		if (rx > 0 && ry > 0)
			pb_ellipse(&b, num(n, "cx"), num(n, "cy"), rx, ry);
	} else if (strcmp(name, "line") == 0) {
		pb_move(&b, num(n, "x1"), num(n, "y1"));
		pb_line(&b, num(n, "x2"), num(n, "y2"));
		closed = 0;
	} else if (strcmp(name, "polyline") == 0) {
		points(&b, attr(n, "points"), 0);
	} else if (strcmp(name, "polygon") == 0) {
		points(&b, attr(n, "points"), 1);
	} else if (strcmp(name, "path") == 0) {
		path_d(&b, attr(n, "d"));
	} else {
		pb_free(&b);
		return 0;
	}
	/* Open subpaths are filled as if closed (SVG), which the device's fill does too. */
	paint(s, &b, ps, closed, depth);
	pb_free(&b);
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
		if (pc->pass == 2)
			diag_warning(pc->d, sp, "pdf-svg",
			    "%s cannot be read as SVG; the figure is left empty",
			    file);
		xmlFreeDoc(doc);
		return -1;
	}
	memset(&s, 0, sizeof(s));
	s.pc = pc;
	s.pg = pg;
	s.node = node;
	s.span = sp;
	s.doc = doc;
	/* viewBox into the box, uniformly scaled and centred (preserveAspectRatio xMidYMid meet) */
	k = (double)w / vw < (double)h / vh ? (double)w / vw : (double)h / vh;
	m = mat_make(k, 0, 0, k, x + (w - vw * k) / 2 - vx * k,
	    y + (h - vh * k) / 2 - vy * k);
	st = initial_state();
	st = state_of(&s, root, &st);
	walk(&s, root->children, &st, &m, 0);
	xmlFreeDoc(doc);
	return 0;
}
