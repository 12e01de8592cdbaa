/*
 * svg_int.h: the geometry of svg.c's SVG subset (svg_geom.c): affine
 * transforms, and shapes built as device path segments in page space
 * (mpt), with the vertices and directions that markers need.
 */
#ifndef KEIKAKU_PDF_SVG_INT_H
#define KEIKAKU_PDF_SVG_INT_H

#include <stddef.h>
#include <stdint.h>

#include "pdf/device.h"

/* Segments of one shape; a longer path is cut (and reported) rather than exhaust memory. */
#define SVG_MAX_SEGS	200000
/* Dash pattern entries kept (SVG allows any number; 8 covers every real pattern). */
#define SVG_MAX_DASH	8

struct mat {
	double	 a, b, c, d, e, f;	/* x' = a x + c y + e, y' = b x + d y + f */
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

struct mat svg_mat_mul(const struct mat *m, const struct mat *n);	/* m · n: n applies first */
struct mat svg_mat_make(double a, double b, double c, double d, double e,
    double f);
/* The mean scale of m, for stroke widths and font sizes. */
double svg_mat_scale(const struct mat *m);
/* The page coordinates (mpt) of user point (x, y). */
int32_t svg_tx(const struct mat *m, double x, double y);
int32_t svg_ty(const struct mat *m, double x, double y);

/* Path building in user units, through b->m; b zeroed, then b->m set (and b->track for markers). */
void svg_pb_move(struct pb *b, double x, double y);
void svg_pb_line(struct pb *b, double x, double y);
void svg_pb_curve(struct pb *b, double x1, double y1, double x2, double y2,
    double x, double y);
void svg_pb_close(struct pb *b);
/* An elliptical arc to (x, y), SVG's parameters (1.1 §F.6.5). */
void svg_pb_arc(struct pb *b, double rx, double ry, double phi_deg, int large,
    int sweep, double x, double y);
void svg_pb_ellipse(struct pb *b, double cx, double cy, double rx, double ry);
void svg_pb_rect(struct pb *b, double x, double y, double w, double h,
    double rx, double ry);
void svg_pb_free(struct pb *b);
/* The d attribute of a path (every command); stops at the first error, keeping what came before. */
void svg_path_d(struct pb *b, const char *d);
/* The points attribute of polyline (close 0) or polygon (close 1). */
void svg_points(struct pb *b, const char *p, int close);
/* The stroke of b (page space) cut into dashes of dash[0..ndash) scaled by k, into out (identity m). */
void svg_dashes(struct pb *b, const double *dash, int ndash, double k,
    struct pb *out);

#endif
