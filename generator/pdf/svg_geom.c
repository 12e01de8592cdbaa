/*
 * svg_geom.c: see svg_int.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "pdf/svg_int.h"

struct mat
svg_mat_mul(const struct mat *m, const struct mat *n)	/* m · n: n applies first */
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

struct mat
svg_mat_make(double a, double b, double c, double d, double e, double f)
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
double
svg_mat_scale(const struct mat *m)
{
	return sqrt(fabs(m->a * m->d - m->b * m->c));
}

int32_t
svg_tx(const struct mat *m, double x, double y)
{
	return (int32_t)lround(m->a * x + m->c * y + m->e);
}

int32_t
svg_ty(const struct mat *m, double x, double y)
{
	return (int32_t)lround(m->b * x + m->d * y + m->f);
}

/* ------------------------------------------------------------------ */
/* Building shapes                                                    */
/* ------------------------------------------------------------------ */

static struct dev_seg *
svg_pb_add(struct pb *b, enum dev_seg_op op)
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
svg_pb_vertex(struct pb *b, double x, double y, double din, double dout)
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

void
svg_pb_move(struct pb *b, double x, double y)
{
	struct dev_seg *sg = svg_pb_add(b, DEV_MOVE);

	if (sg != NULL) {
		sg->x[0] = svg_tx(&b->m, x, y);
		sg->y[0] = svg_ty(&b->m, x, y);
	}
	b->cx = b->sx = x;
	b->cy = b->sy = y;
	svg_pb_vertex(b, x, y, NAN, NAN);
}

void
svg_pb_line(struct pb *b, double x, double y)
{
	struct dev_seg *sg = svg_pb_add(b, DEV_LINE);
	double d = atan2(y - b->cy, x - b->cx);

	if (sg != NULL) {
		sg->x[0] = svg_tx(&b->m, x, y);
		sg->y[0] = svg_ty(&b->m, x, y);
	}
	if (b->track && b->nv > 0 && isnan(b->vout[b->nv - 1]))
		b->vout[b->nv - 1] = d;
	svg_pb_vertex(b, x, y, d, NAN);
	b->cx = x;
	b->cy = y;
}

void
svg_pb_curve(struct pb *b, double x1, double y1, double x2, double y2, double x,
    double y)
{
	struct dev_seg *sg = svg_pb_add(b, DEV_CURVE);
	double d0, d1;

	if (sg != NULL) {
		sg->x[0] = svg_tx(&b->m, x1, y1);
		sg->y[0] = svg_ty(&b->m, x1, y1);
		sg->x[1] = svg_tx(&b->m, x2, y2);
		sg->y[1] = svg_ty(&b->m, x2, y2);
		sg->x[2] = svg_tx(&b->m, x, y);
		sg->y[2] = svg_ty(&b->m, x, y);
	}
	d0 = x1 != b->cx || y1 != b->cy ? atan2(y1 - b->cy, x1 - b->cx) :
	    atan2(y2 - b->cy, x2 - b->cx);
	d1 = x2 != x || y2 != y ? atan2(y - y2, x - x2) : atan2(y - y1, x - x1);
	if (b->track && b->nv > 0 && isnan(b->vout[b->nv - 1]))
		b->vout[b->nv - 1] = d0;
	svg_pb_vertex(b, x, y, d1, NAN);
	b->cx = x;
	b->cy = y;
}

void
svg_pb_close(struct pb *b)
{
	if (b->cx != b->sx || b->cy != b->sy)
		svg_pb_line(b, b->sx, b->sy);
	(void)svg_pb_add(b, DEV_CLOSE);
	b->cx = b->sx;
	b->cy = b->sy;
}

void
svg_pb_free(struct pb *b)
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
void
svg_pb_arc(struct pb *b, double rx, double ry, double phi_deg, int large,
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
		svg_pb_line(b, x, y);
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
		svg_pb_curve(b, c1x, c1y, c2x, c2y, p1x, p1y);
	}
}

/* An ellipse as four curves, clockwise from the right. */
void
svg_pb_ellipse(struct pb *b, double cx, double cy, double rx, double ry)
{
	const double k = 0.5522847498;

	svg_pb_move(b, cx + rx, cy);
	svg_pb_curve(b, cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry);
	svg_pb_curve(b, cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy);
	svg_pb_curve(b, cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry);
	svg_pb_curve(b, cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy);
	svg_pb_close(b);
}

void
svg_pb_rect(struct pb *b, double x, double y, double w, double h, double rx,
    double ry)
{
	const double k = 0.5522847498;

	if (rx > w / 2)
		rx = w / 2;
	if (ry > h / 2)
		ry = h / 2;
	if (rx <= 0 || ry <= 0) {
		svg_pb_move(b, x, y);
		svg_pb_line(b, x + w, y);
		svg_pb_line(b, x + w, y + h);
		svg_pb_line(b, x, y + h);
		svg_pb_close(b);
		return;
	}
	svg_pb_move(b, x + rx, y);
	svg_pb_line(b, x + w - rx, y);
	svg_pb_curve(b, x + w - rx + k * rx, y, x + w, y + ry - k * ry, x + w, y + ry);
	svg_pb_line(b, x + w, y + h - ry);
	svg_pb_curve(b, x + w, y + h - ry + k * ry, x + w - rx + k * rx, y + h,
	    x + w - rx, y + h);
	svg_pb_line(b, x + rx, y + h);
	svg_pb_curve(b, x + rx - k * rx, y + h, x, y + h - ry + k * ry, x, y + h - ry);
	svg_pb_line(b, x, y + ry);
	svg_pb_curve(b, x, y + ry - k * ry, x + rx - k * rx, y, x + rx, y);
	svg_pb_close(b);
}

static int
svg_path_num(const char **p, double *v)
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
svg_path_flag(const char **p, int *f)
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
void
svg_path_d(struct pb *b, const char *p)
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
			svg_pb_close(b);
			prev = 'z';
			cmd = 0;
			continue;
		case 'm':
		case 'l':
			if (!svg_path_num(&p, &a[0]) || !svg_path_num(&p, &a[1]))
				return;
			x = a[0] + (rel ? b->cx : 0);
			y = a[1] + (rel ? b->cy : 0);
			if ((cmd | 0x20) == 'm') {
				svg_pb_move(b, x, y);
				cmd = rel ? 'l' : 'L';	/* further pairs are lines */
			} else {
				svg_pb_line(b, x, y);
			}
			break;
		case 'h':
			if (!svg_path_num(&p, &a[0]))
				return;
			svg_pb_line(b, a[0] + (rel ? b->cx : 0), b->cy);
			break;
		case 'v':
			if (!svg_path_num(&p, &a[0]))
				return;
			svg_pb_line(b, b->cx, a[0] + (rel ? b->cy : 0));
			break;
		case 'c':
		case 's':
			k = (cmd | 0x20) == 'c' ? 0 : 2;
			for (; k < 6; k++)
				if (!svg_path_num(&p, &a[k]))
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
			svg_pb_curve(b, a[0], a[1], a[2], a[3], a[4], a[5]);
			break;
		case 'q':
		case 't':
			if ((cmd | 0x20) == 'q') {
				for (k = 0; k < 4; k++)
					if (!svg_path_num(&p, &a[k]))
						return;
				if (rel)
					for (k = 0; k < 4; k++)
						a[k] += k % 2 ? b->cy : b->cx;
			} else {
				if (!svg_path_num(&p, &a[2]) || !svg_path_num(&p, &a[3]))
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
			svg_pb_curve(b, b->cx + 2.0 / 3 * (a[0] - b->cx),
			    b->cy + 2.0 / 3 * (a[1] - b->cy),
			    a[2] + 2.0 / 3 * (a[0] - a[2]),
			    a[3] + 2.0 / 3 * (a[1] - a[3]), a[2], a[3]);
			break;
		case 'a':
			if (!svg_path_num(&p, &a[0]) || !svg_path_num(&p, &a[1]) ||
			    !svg_path_num(&p, &a[2]) || !svg_path_flag(&p, &f1) ||
			    !svg_path_flag(&p, &f2) || !svg_path_num(&p, &a[5]) ||
			    !svg_path_num(&p, &a[6]))
				return;
			svg_pb_arc(b, a[0], a[1], a[2], f1, f2,
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

void
svg_points(struct pb *b, const char *p, int close)
{
	double x, y;
	int k = 0;

	while (p != NULL && svg_path_num(&p, &x) && svg_path_num(&p, &y)) {
		if (k++ == 0)
			svg_pb_move(b, x, y);
		else
			svg_pb_line(b, x, y);
	}
	if (close && k > 2)
		svg_pb_close(b);
}


/* ------------------------------------------------------------------ */
/* Dashes                                                             */
/* ------------------------------------------------------------------ */

/* Flattens a curve into n lines (in page mpt). */
static void
svg_flatten(struct pb *out, double x0, double y0, const struct dev_seg *c, int n)
{
	double t, x, y;
	int i;

	for (i = 1; i <= n; i++) {
		t = (double)i / n;
		x = pow(1 - t, 3) * x0 + 3 * pow(1 - t, 2) * t * c->x[0] +
		    3 * (1 - t) * t * t * c->x[1] + t * t * t * c->x[2];
		y = pow(1 - t, 3) * y0 + 3 * pow(1 - t, 2) * t * c->y[0] +
		    3 * (1 - t) * t * t * c->y[1] + t * t * t * c->y[2];
		svg_pb_line(out, x, y);
	}
}

/*
 * The stroke of b cut into dashes (the device has no dash pattern): the
 * path flattened in page space and walked with the pattern scaled by k.
 */
void
svg_dashes(struct pb *b, const double *dash, int ndash, double k, struct pb *out)
{
	struct pb flat;
	double pat[SVG_MAX_DASH], total = 0, pos, seg, x0, y0, x1, y1, len,
	    t, cx = 0, cy = 0, sx = 0, sy = 0;
	size_t i;
	int di = 0, on = 1, j;

	memset(&flat, 0, sizeof(flat));
	flat.m = svg_mat_make(1, 0, 0, 1, 0, 0);
	for (j = 0; j < ndash; j++) {
		pat[j] = dash[j] * k;
		total += pat[j];
	}
	if (total <= 0)
		return;
	for (i = 0; i < b->n; i++) {	/* flatten, keeping subpaths */
		const struct dev_seg *sg = &b->v[i];

		switch (sg->op) {
		case DEV_MOVE:
			svg_pb_move(&flat, sg->x[0], sg->y[0]);
			cx = sx = sg->x[0];
			cy = sy = sg->y[0];
			break;
		case DEV_LINE:
			svg_pb_line(&flat, sg->x[0], sg->y[0]);
			cx = sg->x[0];
			cy = sg->y[0];
			break;
		case DEV_CURVE:
			svg_flatten(&flat, cx, cy, sg, 16);
			cx = sg->x[2];
			cy = sg->y[2];
			break;
		case DEV_CLOSE:
			svg_pb_line(&flat, sx, sy);
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
			svg_pb_move(out, x0, y0);
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
				svg_pb_line(out, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
			else
				svg_pb_move(out, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
			on = !on;
			di = (di + 1) % ndash;
			pos = pat[di];
			if (out->overflow)
				break;
		}
		pos -= len - seg;
		if (on)
			svg_pb_line(out, x1, y1);
		else
			svg_pb_move(out, x1, y1);
	}
	svg_pb_free(&flat);
}

