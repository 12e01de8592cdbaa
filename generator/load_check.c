/*
 * load_check.c: the loader's table-driven field checker and typed readers
 * (see load_int.h).
 *
 * Every kind of mapping in the content format is described once, as a table
 * of its keys and their types (struct fspec, in load_plan.c and
 * load_sheet.c). fm_check() walks a mapping against its table, so the rules
 * "unknown keys are errors, with a hint", "a value of the wrong type is an
 * error" and "a required key must be there" are written once and hold for
 * every file alike.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "load_int.h"

/* How many characters of a value a message quotes before cutting it short. */
#define QUOTE_MAX	60

/*
 * Fractional and integer digits an indicator value may have. A plan prints
 * counts, percentages and sums of money; more digits than this is a typo or
 * a number no reader can take in, and keeping the canonical text short
 * bounds what the formatter sees (1e400 must not become 400 zeros).
 */
#define VALUE_MAX_INT_DIGITS	18
#define VALUE_MAX_FRAC_DIGITS	15

void
lc_quote(struct buf *b, const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0, n, chars = 0;
	uint32_t cp;

	while (i < len) {
		if (chars == QUOTE_MAX) {
			buf_puts(b, "…");
			return;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0x20 || cp == 0x7F)
			buf_putc(b, ' ');
		else
			buf_put(b, s + i, n);
		i += n;
		chars++;
	}
}

void
lc_describe(struct buf *b, const struct ynode *n)
{
	buf_puts(b, yaml_type_name(n));
	if (n != NULL && n->type == YNODE_SCALAR && !yaml_is_null(n)) {
		buf_puts(b, " '");
		lc_quote(b, n->str);
		buf_putc(b, '\'');
	}
}

static const char *
expect_name(enum ftype t)
{
	switch (t) {
	case FT_STR:
		return "text";
	case FT_ID:
		return "an id or key";
	case FT_BOOL:
		return "true or false";
	case FT_INT:
		return "a whole number";
	case FT_MAP:
		return "a mapping";
	case FT_SEQ:
		return "a list";
	case FT_YEAR:
		return "a fiscal year";
	case FT_DATE:
		return "a date";
	case FT_ANY:
		break;
	}
	return "a value";
}

static int
ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

static void
bad_type(struct lctx *lc, const char *field, enum ftype t,
    const struct ynode *v)
{
	struct buf msg = {0};

	buf_printf(&msg, "'%s': expected %s, got ", field, expect_name(t));
	lc_describe(&msg, v);
	if (t == FT_BOOL && v->type == YNODE_SCALAR &&
	    (ieq(v->str, "yes") || ieq(v->str, "no") || ieq(v->str, "on") ||
	    ieq(v->str, "off") || ieq(v->str, "y") || ieq(v->str, "n")))
		buf_puts(&msg, " (YAML 1.2 reads yes, no, on and off as "
		    "text: write true or false)");
	else if ((t == FT_STR || t == FT_ID) && v->type != YNODE_SCALAR)
		buf_puts(&msg, " (put the value in quotes if it contains "
		    "': ', '[' or '{')");
	diag_error(lc->d, &v->span, "bad-type", "%s", buf_str(&msg));
	buf_free(&msg);
}

static int
is_scalar(const struct ynode *v)
{
	return v != NULL && v->type == YNODE_SCALAR;
}

int
lc_year(struct lctx *lc, const struct ynode *n, int *fy)
{
	struct buf msg = {0};

	if (n == NULL)
		return -1;
	if (!is_scalar(n) || yaml_is_null(n)) {
		bad_type(lc, "year", FT_YEAR, n);
		return -1;
	}
	if (fy_parse(n->str, fy) == 0)
		return 0;
	buf_puts(&msg, "'");
	lc_quote(&msg, n->str);
	buf_puts(&msg, "' is not a fiscal year; write it as R8, 令和8年度, "
	    "2026年度 or FY2026");
	diag_error(lc->d, &n->span, "bad-year", "%s", buf_str(&msg));
	buf_free(&msg);
	return -1;
}

int
lc_date(struct lctx *lc, const struct ynode *n, struct kdate *out)
{
	struct buf msg = {0};
	char why[80] = "";

	if (n == NULL)
		return -1;
	if (!is_scalar(n) || yaml_is_null(n)) {
		bad_type(lc, "date", FT_DATE, n);
		return -1;
	}
	if (date_parse_why(n->str, out, why, sizeof(why)) == 0)
		return 0;
	buf_puts(&msg, "'");
	lc_quote(&msg, n->str);
	if (why[0] != '\0')
		buf_printf(&msg, "' is not a date: %s", why);
	else
		buf_puts(&msg, "' is not a date; write it as 2026-03-31, "
		    "令和8年3月31日 or R8.3");
	diag_error(lc->d, &n->span, "bad-date", "%s", buf_str(&msg));
	buf_free(&msg);
	return -1;
}

static int
spec_find(const struct fspec *spec, const char *name)
{
	size_t i;

	for (i = 0; i < spec->n; i++)
		if (strcmp(spec->v[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Appends "; did you mean 'x'?" when a candidate is close to word. */
void
lc_suggest(struct buf *msg, const char *word, const char *const *cands,
    size_t n)
{
	diag_suggest(msg, word, cands, n);
}

static void
unknown_key(struct lctx *lc, const struct fspec *spec, const struct ynode *k)
{
	const char *cands[FM_MAX];
	struct buf msg = {0};
	size_t i, len;

	for (i = 0; i < spec->n && i < FM_MAX; i++)
		cands[i] = spec->v[i].name;
	buf_puts(&msg, "unknown key '");
	lc_quote(&msg, k->str);
	buf_printf(&msg, "' in %s", spec->what);
	len = msg.len;
	lc_suggest(&msg, k->str, cands, i);
	if (msg.len == len && spec->n <= 10) {
		buf_puts(&msg, "; the keys are ");
		for (i = 0; i < spec->n; i++)
			buf_printf(&msg, "%s%s", i == 0 ? "" :
			    i + 1 == spec->n ? " and " : ", ",
			    spec->v[i].name);
	}
	diag_error(lc->d, &k->span, "unknown-key", "%s", buf_str(&msg));
	buf_free(&msg);
}

int
fm_check(struct lctx *lc, const struct ynode *map, const struct fspec *spec,
    struct fmap *fm)
{
	const struct field *f;
	const struct ynode *k, *v;
	long long ll;
	size_t i;
	int fi, r;

	memset(fm, 0, sizeof(*fm));
	fm->spec = spec;
	fm->map = map;
	fm->span = map != NULL ? map->span : lc->filesp;
	if (map != NULL && map->type != YNODE_MAP && !yaml_is_null(map)) {
		struct buf msg = {0};

		buf_printf(&msg, "%s: expected a mapping (key: value), got ",
		    spec->what);
		lc_describe(&msg, map);
		diag_error(lc->d, &map->span, "bad-type", "%s",
		    buf_str(&msg));
		buf_free(&msg);
		fm->map = NULL;
		return -1;
	}
	for (i = 0; map != NULL && map->type == YNODE_MAP &&
	    i < map->npairs; i++) {
		k = map->pairs[i].key;
		v = map->pairs[i].value;
		if (k->type != YNODE_SCALAR)
			continue;	/* yaml.c reports these */
		if ((fi = spec_find(spec, k->str)) < 0) {
			unknown_key(lc, spec, k);
			continue;
		}
		f = &spec->v[fi];
		fm->key[fi] = k;
		if (yaml_is_null(v)) {
			if (f->flags & F_NULL)
				fm->val[fi] = v;
			else if (f->flags & F_REQ)
				diag_error(lc->d, &k->span, "missing-field",
				    "'%s' has no value in %s", f->name,
				    spec->what);
			continue;
		}
		switch (f->type) {
		case FT_STR:
		case FT_ID:
			if (!is_scalar(v)) {
				bad_type(lc, f->name, f->type, v);
				continue;
			}
			if (v->len == 0 && (f->flags & F_REQ)) {
				diag_error(lc->d, &v->span, "missing-field",
				    "'%s' is empty in %s", f->name,
				    spec->what);
				continue;
			}
			break;
		case FT_BOOL:
			if (yaml_get_bool(v, NULL) != 0) {
				bad_type(lc, f->name, f->type, v);
				continue;
			}
			break;
		case FT_INT:
			r = yaml_get_int(v, &ll);
			if (r == -2) {
				diag_error(lc->d, &v->span, "number-range",
				    "'%s': the number '%s' is too large for "
				    "a whole number; is a digit repeated?",
				    f->name, v->str);
				continue;
			}
			if (r != 0) {
				bad_type(lc, f->name, f->type, v);
				continue;
			}
			break;
		case FT_MAP:
			if (v->type != YNODE_MAP) {
				bad_type(lc, f->name, f->type, v);
				continue;
			}
			break;
		case FT_SEQ:
			if (v->type != YNODE_SEQ) {
				bad_type(lc, f->name, f->type, v);
				continue;
			}
			break;
		case FT_YEAR:
			if (!is_scalar(v)) {
				bad_type(lc, f->name, f->type, v);
				continue;
			}
			if (lc_year(lc, v, &fm->year[fi]) != 0)
				continue;
			break;
		case FT_DATE:
			if (!is_scalar(v)) {
				bad_type(lc, f->name, f->type, v);
				continue;
			}
			if (lc_date(lc, v, &fm->date[fi]) != 0)
				continue;
			break;
		case FT_ANY:
			break;
		}
		fm->val[fi] = v;
	}
	for (i = 0; i < spec->n; i++)
		if ((spec->v[i].flags & F_REQ) && fm->key[i] == NULL)
			diag_error(lc->d, &fm->span, "missing-field",
			    "missing '%s' in %s: add a line '%s: …'",
			    spec->v[i].name, spec->what, spec->v[i].name);
	return 0;
}

static int
fm_index(const struct fmap *fm, const char *name)
{
	int i = spec_find(fm->spec, name);

	/* A name not in the table is a bug in the loader, not in the input. */
	if (i < 0) {
		fprintf(stderr, "keikaku: internal error: no field '%s' in "
		    "%s\n", name, fm->spec->what);
		abort();
	}
	return i;
}

const struct ynode *
fm_get(const struct fmap *fm, const char *name)
{
	return fm->val[fm_index(fm, name)];
}

int
fm_has(const struct fmap *fm, const char *name)
{
	return fm->key[fm_index(fm, name)] != NULL;
}

char *
fm_str(const struct fmap *fm, const char *name)
{
	const struct ynode *v = fm_get(fm, name);

	return is_scalar(v) && !yaml_is_null(v) ? v->str : NULL;
}

int
fm_bool(const struct fmap *fm, const char *name, int def)
{
	const struct ynode *v = fm_get(fm, name);
	int b;

	return v != NULL && yaml_get_bool(v, &b) == 0 ? b : def;
}

int
fm_year(const struct fmap *fm, const char *name, int *out)
{
	int i = fm_index(fm, name);

	if (fm->val[i] == NULL || fm->spec->v[i].type != FT_YEAR)
		return 0;
	*out = fm->year[i];
	return 1;
}

int
fm_date(const struct fmap *fm, const char *name, struct kdate *out)
{
	int i = fm_index(fm, name);

	if (fm->val[i] == NULL || fm->spec->v[i].type != FT_DATE)
		return 0;
	*out = fm->date[i];
	return 1;
}

int
fm_int(const struct fmap *fm, const char *name, long long *out)
{
	const struct ynode *v = fm_get(fm, name);

	return v != NULL && yaml_get_int(v, out) == 0;
}

struct span
fm_span(const struct fmap *fm, const char *name)
{
	int i = fm_index(fm, name);

	if (fm->val[i] != NULL)
		return fm->val[i]->span;
	if (fm->key[i] != NULL)
		return fm->key[i]->span;
	return fm->span;
}

struct span
fm_key_span(const struct fmap *fm, const char *name)
{
	int i = fm_index(fm, name);

	return fm->key[i] != NULL ? fm->key[i]->span : fm->span;
}

int
lc_need_seq(struct lctx *lc, const struct ynode *n, const char *field)
{
	if (n == NULL || n->type == YNODE_SEQ)
		return 0;
	bad_type(lc, field, FT_SEQ, n);
	return -1;
}

int
lc_word(struct lctx *lc, const struct ynode *n, const char *field,
    const char *const *words, size_t nwords)
{
	struct buf msg = {0};
	size_t i;

	if (!is_scalar(n) || yaml_is_null(n)) {
		bad_type(lc, field, FT_STR, n);
		return -1;
	}
	for (i = 0; i < nwords; i++)
		if (strcmp(n->str, words[i]) == 0)
			return (int)i;
	buf_printf(&msg, "unknown %s '", field);
	lc_quote(&msg, n->str);
	buf_puts(&msg, "' (one of ");
	for (i = 0; i < nwords; i++)
		buf_printf(&msg, "%s%s", i == 0 ? "" : ", ", words[i]);
	buf_putc(&msg, ')');
	lc_suggest(&msg, n->str, words, nwords);
	diag_error(lc->d, &n->span, "bad-value", "%s", buf_str(&msg));
	buf_free(&msg);
	return -1;
}

char **
lc_str_list(struct lctx *lc, const struct ynode *seq, const char *field,
    size_t *np)
{
	char **v;
	size_t i, n = 0;

	*np = 0;
	if (seq == NULL || lc_need_seq(lc, seq, field) != 0)
		return NULL;
	v = ARENA_NEWN(lc->a, char *, seq->nitems);
	for (i = 0; i < seq->nitems; i++) {
		const struct ynode *it = seq->items[i];

		if (!is_scalar(it) || yaml_is_null(it)) {
			struct buf msg = {0};

			buf_printf(&msg, "'%s': each item must be text, got ",
			    field);
			lc_describe(&msg, it);
			diag_error(lc->d, &it->span, "bad-type", "%s",
			    buf_str(&msg));
			buf_free(&msg);
			continue;
		}
		v[n++] = it->str;
	}
	*np = n;
	return v;
}

/* --- indicator values --- */

static int
is_dash(const char *s)
{
	return strcmp(s, "—") == 0 ||		/* U+2014 EM DASH */
	    strcmp(s, "―") == 0 ||		/* U+2015 HORIZONTAL BAR */
	    strcmp(s, "－") == 0 ||		/* U+FF0D FULLWIDTH HYPHEN-MINUS */
	    strcmp(s, "-") == 0;
}

/*
 * The canonical decimal text of a core-schema float written as s, without
 * going through a double (which would print 0.1 + nothing as
 * 0.1000000000000000055…): digits are shifted by the exponent, leading and
 * trailing zeros dropped. 22.50 → 22.5, 3.0 → 3, 1.5e3 → 1500, -0.0 → 0.
 * Returns NULL (out of range) past the VALUE_MAX_* digits.
 */
static char *
canonical_float(struct arena *a, const char *s)
{
	char dig[128];
	size_t nd = 0, i, j;
	long point = 0, exp = 0;
	int neg = 0, eneg = 0, seen_point = 0;
	struct buf b = {0};
	char *ret;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s != '\0' && *s != 'e' && *s != 'E'; s++) {
		if (*s == '.') {
			seen_point = 1;
			continue;
		}
		if (nd == 0 && *s == '0') {
			/* a leading zero: shifts nothing but the point */
			if (seen_point)
				point--;
			continue;
		}
		if (nd == sizeof(dig))
			return NULL;
		dig[nd++] = *s;
		if (seen_point)
			point--;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			eneg = *s++ == '-';
		for (; *s >= '0' && *s <= '9'; s++) {
			exp = exp * 10 + (*s - '0');
			if (exp > 10000)
				return NULL;
		}
	}
	point += eneg ? -exp : exp;
	/* the value is 0.dig × 10^(nd + point) read as: dig × 10^point */
	while (nd > 0 && dig[nd - 1] == '0') {
		nd--;
		point++;
	}
	if (nd == 0)
		return arena_strdup(a, "0");
	/* integer digits: nd + point; fraction digits: -point */
	if ((long)nd + point > VALUE_MAX_INT_DIGITS ||
	    -point > VALUE_MAX_FRAC_DIGITS)
		return NULL;
	if (neg)
		buf_putc(&b, '-');
	if (point >= 0) {
		buf_put(&b, dig, nd);
		for (i = 0; i < (size_t)point; i++)
			buf_putc(&b, '0');
	} else if ((long)nd + point > 0) {
		j = (size_t)((long)nd + point);
		buf_put(&b, dig, j);
		buf_putc(&b, '.');
		buf_put(&b, dig + j, nd - j);
	} else {
		buf_puts(&b, "0.");
		for (i = 0; i < (size_t)(-point - (long)nd); i++)
			buf_putc(&b, '0');
		buf_put(&b, dig, nd);
	}
	ret = arena_strndup(a, buf_str(&b), b.len);
	buf_free(&b);
	return ret;
}

int
lc_value(struct lctx *lc, const struct ynode *n, struct value *out)
{
	struct buf msg = {0};
	long long ll;
	double x;
	int r;

	memset(out, 0, sizeof(*out));
	out->span = n->span;
	if (n->type != YNODE_SCALAR || yaml_is_null(n) ||
	    yaml_get_bool(n, NULL) == 0) {
		buf_puts(&msg, "expected a number or text as the value, got ");
		lc_describe(&msg, n);
		if (yaml_is_null(n))
			buf_puts(&msg, " (write \"—\" for a year without a "
			    "value)");
		else if (n->type == YNODE_SCALAR)
			buf_puts(&msg, " (put it in quotes to print it as "
			    "text)");
		diag_error(lc->d, &n->span, "bad-type", "%s", buf_str(&msg));
		buf_free(&msg);
		return -1;
	}
	if ((r = yaml_get_int(n, &ll)) == 0) {
		out->is_number = 1;
		out->text = arena_printf(lc->a, "%lld", ll);
		if (ll < 0 ? -(ll + 1) >= 999999999999999999LL :
		    ll > 999999999999999999LL)
			goto range;
		return 0;
	}
	if (r == -2)
		goto range;
	if ((r = yaml_get_float(n, &x)) == 0) {
		out->is_number = 1;
		if ((out->text = canonical_float(lc->a, n->str)) == NULL)
			goto range;
		return 0;
	}
	if (r == -2)
		goto range;
	out->text = n->str;
	out->is_dash = is_dash(n->str);
	return 0;
range:
	buf_puts(&msg, "the number '");
	lc_quote(&msg, n->str);
	buf_printf(&msg, "' is out of range (at most %d digits before and %d "
	    "after the decimal point; put it in quotes to print it as text)",
	    VALUE_MAX_INT_DIGITS, VALUE_MAX_FRAC_DIGITS);
	diag_error(lc->d, &n->span, "number-range", "%s", buf_str(&msg));
	buf_free(&msg);
	out->is_number = 0;
	out->text = n->str;
	return -1;
}

/* --- department lists --- */

void
lc_dept_list(struct lctx *lc, const struct ynode *seq, const char *field,
    int needed, const struct span *fieldsp, struct dept_list *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	if (seq == NULL || lc_need_seq(lc, seq, field) != 0)
		return;
	out->v = ARENA_NEWN(lc->a, struct dept_ref, seq->nitems);
	for (i = 0; i < seq->nitems; i++) {
		const struct ynode *it = seq->items[i];

		if (!is_scalar(it) || yaml_is_null(it) || it->len == 0) {
			struct buf msg = {0};

			buf_printf(&msg, "'%s': each item must be a department "
			    "key or name, got ", field);
			lc_describe(&msg, it);
			diag_error(lc->d, &it->span, "bad-type", "%s",
			    buf_str(&msg));
			buf_free(&msg);
			continue;
		}
		if (strcmp(it->str, "等") == 0) {
			if (i + 1 == seq->nitems) {
				out->etc = 1;
				continue;
			}
			diag_error(lc->d, &it->span, "bad-value",
			    "'等' must be the last item of '%s'", field);
			continue;
		}
		out->v[out->n].written = it->str;
		out->v[out->n].span = it->span;
		out->n++;
	}
	if (needed && out->n == 0)
		diag_error(lc->d, fieldsp != NULL ? fieldsp : &seq->span,
		    "missing-field", "'%s' names no department: write at least "
		    "one key or name from departments.yaml", field);
}

void
lc_lost(struct lctx *lc, struct lost *l, const struct ynode *map,
    const char *keyname)
{
	const struct ynode *k = yaml_map_get(map, keyname);
	struct lost_key *lk;

	if (k == NULL || k->type != YNODE_SCALAR || yaml_is_null(k) ||
	    k->str[0] == '\0') {
		l->unkeyed++;
		return;
	}
	lk = ARENA_NEW(lc->a, struct lost_key);
	lk->key = k->str;
	lk->next = l->keys;
	l->keys = lk;
}
