/*
 * svg.c: a small SVG subset drawn through the layout's boxes (so text
 * stays text, searchable and selectable): rect, line, polyline, polygon,
 * circle, path (M L H V C Z, absolute and relative), text, and g with
 * transform="translate(…)". Fills other than rectangles are drawn as
 * outlines (the device has no path fill yet); curves are flattened. An
 * element outside the subset is reported once per file as a warning and
 * skipped, never a failure.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "pdf/pdf_int.h"

struct svg {
	struct pdf_ctx		*pc;
	struct layout_page	*pg;
	const void		*node;
	double			 sx, sy;	/* user unit -> mpt */
	double			 ox, oy;	/* page offset, mpt */
	const struct span	*span;
	char			 warned[256];
	size_t			 nwarned;
};

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
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
			p += nl + 1;
			while (*p == ' ')
				p++;
			for (k = 0; k + 1 < tmpsz && p[k] && p[k] != ';'; k++)
				tmp[k] = p[k];
			tmp[k] = '\0';
			return tmp;
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

/* A colour: #rgb, #rrggbb, a few names; -1 for none or unknown. */
static long
color(const char *v, long dflt)
{
	static const struct { const char *n; long c; } names[] = {
		{ "black", 0x000000 }, { "white", 0xFFFFFF }, { "gray", 0x808080 },
		{ "grey", 0x808080 }, { "red", 0xFF0000 }, { "green", 0x008000 },
		{ "blue", 0x0000FF },
	};
	size_t i;
	unsigned long x;

	if (v == NULL)
		return dflt;
	while (*v == ' ')
		v++;
	if (strcmp(v, "none") == 0 || strcmp(v, "transparent") == 0)
		return -1;
	if (*v == '#') {
		x = strtoul(v + 1, NULL, 16);
		if (strlen(v) == 4)
			return (long)(((x >> 8 & 0xF) * 0x110000) |
			    ((x >> 4 & 0xF) * 0x1100) | ((x & 0xF) * 0x11));
		return (long)(x & 0xFFFFFF);
	}
	for (i = 0; i < KK_ARRAY_LEN(names); i++)
		if (strcmp(v, names[i].n) == 0)
			return names[i].c;
	return dflt;
}

static int32_t
X(const struct svg *s, double x)
{
	return (int32_t)lround(s->ox + x * s->sx);
}

static int32_t
Y(const struct svg *s, double y)
{
	return (int32_t)lround(s->oy + y * s->sy);
}

static void
line(struct svg *s, double x1, double y1, double x2, double y2, double w,
    long rgb)
{
	if (rgb < 0)
		return;
	layout_put_rule(s->pc->L, s->pg, s->node ? DEV_CONTENT : DEV_ART_LAYOUT,
	    s->node, X(s, x1), Y(s, y1), X(s, x2), Y(s, y2),
	    (int32_t)lround(w * s->sx) > 200 ? (int32_t)lround(w * s->sx) : 200,
	    (uint32_t)rgb);
}

/* The stroke of a shape, or its fill when it has no stroke (drawn as outline). */
static void
paint(xmlNode *n, long *rgb, double *w)
{
	char tmp[64];
	long st = color(prop(n, "stroke", tmp, sizeof(tmp)), -1);
	const char *sw = prop(n, "stroke-width", tmp, sizeof(tmp));

	*w = sw ? strtod(sw, NULL) : 1;
	*rgb = st;
	if (st < 0)
		*rgb = color(prop(n, "fill", tmp, sizeof(tmp)), 0);
}

static void
points(struct svg *s, xmlNode *n, int close)
{
	const char *p = attr(n, "points");
	char *e;
	double x0 = 0, y0 = 0, px = 0, py = 0, x, y, w;
	long rgb;
	int k = 0;

	if (p == NULL)
		return;
	paint(n, &rgb, &w);
	for (;;) {
		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
			p++;
		x = strtod(p, &e);
		if (e == p)
			break;
		p = e;
		while (*p == ' ' || *p == ',')
			p++;
		y = strtod(p, &e);
		if (e == p)
			break;
		p = e;
		if (k++ == 0) {
			x0 = x;
			y0 = y;
		} else {
			line(s, px, py, x, y, w, rgb);
		}
		px = x;
		py = y;
	}
	if (close && k > 2)
		line(s, px, py, x0, y0, w, rgb);
}

static void
circle(struct svg *s, xmlNode *n)
{
	double cx = num(n, "cx"), cy = num(n, "cy"), r = num(n, "r"), w, a0, a1;
	long rgb;
	int i, steps = 24;

	paint(n, &rgb, &w);
	if (r <= 0)
		return;
	for (i = 0; i < steps; i++) {
		a0 = 2 * M_PI * i / steps;
		a1 = 2 * M_PI * (i + 1) / steps;
		line(s, cx + r * cos(a0), cy + r * sin(a0), cx + r * cos(a1),
		    cy + r * sin(a1), w, rgb);
	}
}

static int
path_num(const char **p, double *v)
{
	char *e;

	while (**p == ' ' || **p == ',' || **p == '\n' || **p == '\t')
		(*p)++;
	*v = strtod(*p, &e);
	if (e == *p)
		return 0;
	*p = e;
	return 1;
}

static void
path(struct svg *s, xmlNode *n)
{
	const char *p = attr(n, "d");
	double cx = 0, cy = 0, sx0 = 0, sy0 = 0, a[6], w, t, x, y, px, py;
	long rgb;
	int cmd = 0, rel, i, k;

	if (p == NULL)
		return;
	paint(n, &rgb, &w);
	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (strchr("MmLlHhVvCcZz", *p) != NULL)
			cmd = *p++;
		else if (strchr("0123456789.-+", *p) == NULL || cmd == 0) {
			return;	/* an unsupported command (A, Q, S, T): stop here */
		}
		rel = cmd >= 'a';
		switch (cmd | 0x20) {
		case 'z':
			line(s, cx, cy, sx0, sy0, w, rgb);
			cx = sx0;
			cy = sy0;
			cmd = 0;
			continue;
		case 'm':
		case 'l':
			if (!path_num(&p, &a[0]) || !path_num(&p, &a[1]))
				return;
			x = a[0] + (rel ? cx : 0);
			y = a[1] + (rel ? cy : 0);
			if ((cmd | 0x20) == 'm') {
				sx0 = x;
				sy0 = y;
				cmd = rel ? 'l' : 'L';
			} else {
				line(s, cx, cy, x, y, w, rgb);
			}
			cx = x;
			cy = y;
			break;
		case 'h':
		case 'v':
			if (!path_num(&p, &a[0]))
				return;
			x = cx;
			y = cy;
			if ((cmd | 0x20) == 'h')
				x = a[0] + (rel ? cx : 0);
			else
				y = a[0] + (rel ? cy : 0);
			line(s, cx, cy, x, y, w, rgb);
			cx = x;
			cy = y;
			break;
		case 'c':
			for (k = 0; k < 6; k++)
				if (!path_num(&p, &a[k]))
					return;
			if (rel)
				for (k = 0; k < 6; k++)
					a[k] += k % 2 ? cy : cx;
			px = cx;
			py = cy;
			for (i = 1; i <= 12; i++) {
				t = i / 12.0;
				x = pow(1 - t, 3) * cx + 3 * pow(1 - t, 2) * t * a[0] +
				    3 * (1 - t) * t * t * a[2] + t * t * t * a[4];
				y = pow(1 - t, 3) * cy + 3 * pow(1 - t, 2) * t * a[1] +
				    3 * (1 - t) * t * t * a[3] + t * t * t * a[5];
				line(s, px, py, x, y, w, rgb);
				px = x;
				py = y;
			}
			cx = a[4];
			cy = a[5];
			break;
		default:
			return;
		}
	}
}

/* Text: printable by the Gothic faces; anything else becomes 〓. */
static void
text(struct svg *s, xmlNode *n, double tx, double ty)
{
	struct pdf_ctx *pc = s->pc;
	struct layout_style st;
	struct buf b = {0};
	char tmp[64];
	const char *fs = prop(n, "font-size", tmp, sizeof(tmp));
	const char *anchor = prop(n, "text-anchor", tmp, sizeof(tmp));
	const char *fw;
	xmlChar *content = xmlNodeGetContent(n);
	const char *c = (const char *)content;
	double size = fs ? strtod(fs, NULL) : 16;
	int32_t x, w;
	size_t len, k, m;
	uint32_t cp;
	int mid = anchor && strcmp(anchor, "middle") == 0;
	int end = anchor && strcmp(anchor, "end") == 0;

	if (c == NULL)
		return;
	fw = prop(n, "font-weight", tmp, sizeof(tmp));
	st = pc->st[fw && (strcmp(fw, "bold") == 0 || atoi(fw) >= 600) ?
	    ST_TABLEB : ST_TABLE];
	st.size = (int32_t)lround(size * s->sy);
	if (st.size < 1000)
		st.size = 1000;
	st.rgb = (uint32_t)color(prop(n, "fill", tmp, sizeof(tmp)), 0);
	len = strlen(c);
	for (k = 0; k < len; k += m) {
		m = utf8_decode(c + k, len - k, &cp);
		if (cp == '\n' || cp == '\t' || cp == '\r')
			cp = ' ';
		if (cp < 0x20 || font_width(st.font, cp) == FONT_MISSING)
			cp = FONT_GETA;
		buf_put_cp(&b, cp);
	}
	w = layout_text_width(&st, buf_str(&b));
	x = X(s, tx + num(n, "x"));
	if (mid)
		x -= w / 2;
	else if (end)
		x -= w;
	if (b.len > 0)
		layout_put_text(pc->L, s->pg, s->node ? DEV_CONTENT :
		    DEV_ART_LAYOUT, s->node, x, Y(s, ty + num(n, "y")), &st,
		    buf_str(&b));
	buf_free(&b);
	xmlFree(content);
}

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
	diag_warning(s->pc->d, s->span, "pdf-svg-unsupported",
	    "the SVG element <%s> is not drawn in the PDF (keikaku draws rect, "
	    "line, polyline, polygon, circle, path, text and g)", name);
}

static void
walk(struct svg *s, xmlNode *n, double tx, double ty, int depth)
{
	const char *tr, *name;
	double dx = 0, dy = 0, w, h;
	long fill, stroke, rgb;
	char tmp[64], tmp2[64];

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)n->name;
		if (strcmp(name, "g") == 0 || strcmp(name, "a") == 0) {
			dx = dy = 0;
			tr = attr(n, "transform");
			if (tr != NULL && strncmp(tr, "translate(", 10) == 0) {
				char *e;

				dx = strtod(tr + 10, &e);
				while (*e == ' ' || *e == ',')
					e++;
				dy = strtod(e, NULL);
			} else if (tr != NULL) {
				unsupported(s, "g transform");
			}
			if (depth < 64)
				walk(s, n->children, tx + dx, ty + dy, depth + 1);
		} else if (strcmp(name, "rect") == 0) {
			w = num(n, "width");
			h = num(n, "height");
			fill = color(prop(n, "fill", tmp, sizeof(tmp)), 0);
			stroke = color(prop(n, "stroke", tmp2, sizeof(tmp2)), -1);
			{
				const char *sw = prop(n, "stroke-width", tmp, sizeof(tmp));
				double lw = sw ? strtod(sw, NULL) : 1;

				if (w > 0 && h > 0 && (fill >= 0 || stroke >= 0))
					layout_put_rect(s->pc->L, s->pg,
					    DEV_ART_LAYOUT, NULL,
					    X(s, tx + num(n, "x")), Y(s, ty + num(n, "y")),
					    (int32_t)lround(w * s->sx),
					    (int32_t)lround(h * s->sy), fill >= 0,
					    fill >= 0 ? (uint32_t)fill : 0,
					    stroke >= 0 ? (int32_t)lround(lw * s->sx) : 0,
					    stroke >= 0 ? (uint32_t)stroke : 0);
			}
		} else if (strcmp(name, "line") == 0) {
			paint(n, &rgb, &w);
			line(s, tx + num(n, "x1"), ty + num(n, "y1"),
			    tx + num(n, "x2"), ty + num(n, "y2"), w, rgb);
		} else if (strcmp(name, "polyline") == 0 ||
		    strcmp(name, "polygon") == 0) {
			double ox = s->ox, oy = s->oy;

			s->ox += tx * s->sx;
			s->oy += ty * s->sy;
			points(s, n, name[4] == 'g');
			s->ox = ox;
			s->oy = oy;
		} else if (strcmp(name, "circle") == 0 ||
		    strcmp(name, "path") == 0) {
			double ox = s->ox, oy = s->oy;

			s->ox += tx * s->sx;
			s->oy += ty * s->sy;
			if (name[0] == 'c')
				circle(s, n);
			else
				path(s, n);
			s->ox = ox;
			s->oy = oy;
		} else if (strcmp(name, "text") == 0) {
			text(s, n, tx, ty);
		} else if (strcmp(name, "title") == 0 || strcmp(name, "desc") == 0 ||
		    strcmp(name, "defs") == 0 || strcmp(name, "metadata") == 0 ||
		    strcmp(name, "style") == 0) {
			continue;
		} else {
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
	k = (double)w / vw < (double)h / vh ? (double)w / vw : (double)h / vh;
	s.sx = s.sy = k;
	s.ox = x + (w - vw * k) / 2 - vx * k;
	s.oy = y + (h - vh * k) / 2 - vy * k;
	walk(&s, root->children, 0, 0, 0);
	xmlFreeDoc(doc);
	return 0;
}
