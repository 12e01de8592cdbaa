/* test_yaml.c: unit tests for the libyaml adapter (generator/yaml.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "yaml.h"

/* One parse with its own arena and diagnostics. */
struct t {
	struct arena	 a;
	struct diag	 d;
	struct ynode	*root;
};

static struct ynode *
parse_n(struct t *t, const char *text, size_t len, int first_line)
{
	memset(t, 0, sizeof(*t));
	diag_init(&t->d);
	t->root = yaml_parse(&t->a, &t->d, "x.yaml", text, len, first_line);
	return t->root;
}

static struct ynode *
parse(struct t *t, const char *text)
{
	return parse_n(t, text, strlen(text), 1);
}

static void
done(struct t *t)
{
	arena_free(&t->a);
	diag_free(&t->d);
}

/* The first diagnostic's code, or "" if there is none. */
static const char *
code0(const struct t *t)
{
	return t->d.n > 0 ? t->d.v[0].code : "";
}

static const char *
msg0(const struct t *t)
{
	return t->d.n > 0 ? t->d.v[0].msg : "";
}

static int
line0(const struct t *t)
{
	return t->d.n > 0 ? t->d.v[0].line : -1;
}

static int
col0(const struct t *t)
{
	return t->d.n > 0 ? t->d.v[0].col : -1;
}

static int
has(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

static void
test_core_schema(void)
{
	static const char *const strings[] = {
		"No", "yes", "on", "off", "y", "n", "Yes", "NO", "20:34", "1-1",
		"0b101", "1_000", "0x", "0o", "0o8", "+0x1F", ".inf", "-.inf",
		".nan", ".NaN", "abc", "1.2.3", "e5", "1e", "日本語"
	};
	static const char *const trues[] = { "true", "True", "TRUE" };
	static const char *const falses[] = { "false", "False", "FALSE" };
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	struct buf src = {0};
	struct t t;
	struct ynode *r, *n;
	long long i;
	double f;
	int b, ok;
	size_t k;

	for (k = 0; k < KK_ARRAY_LEN(strings); k++)
		buf_printf(&src, "s%zu: %s\n", k, strings[k]);
	for (k = 0; k < KK_ARRAY_LEN(trues); k++)
		buf_printf(&src, "t%zu: %s\n", k, trues[k]);
	for (k = 0; k < KK_ARRAY_LEN(falses); k++)
		buf_printf(&src, "f%zu: %s\n", k, falses[k]);
	for (k = 0; k < KK_ARRAY_LEN(nulls); k++)
		buf_printf(&src, "n%zu: %s\n", k, nulls[k]);
	buf_puts(&src,
	    "dec: 010\n"
	    "oct: 0o17\n"
	    "hex: 0x1F\n"
	    "neg: -42\n"
	    "pos: +7\n"
	    "min: -9223372036854775808\n"
	    "max: 9223372036854775807\n"
	    "big: 9223372036854775808\n"
	    "huge: 99999999999999999999999\n"
	    "bighex: 0x8000000000000000\n"
	    "fl: 2.0\n"
	    "fl2: .5\n"
	    "fl3: 1.\n"
	    "fl4: -1.5e3\n"
	    "fl5: 1e999\n"
	    "qtrue: \"true\"\n"
	    "qint: '010'\n"
	    "qnull: ''\n"
	    "tagstr: !!str 10\n"
	    "bang: ! 10\n");
	r = parse(&t, buf_str(&src));
	CHECK(r != NULL && r->type == YNODE_MAP, "core schema document parses");
	if (r == NULL) {
		buf_free(&src);
		done(&t);
		return;
	}

	ok = 1;
	for (k = 0; k < KK_ARRAY_LEN(strings); k++) {
		char key[16];

		snprintf(key, sizeof(key), "s%zu", k);
		n = yaml_map_get(r, key);
		if (n == NULL || !yaml_is_string(n) ||
		    yaml_get_bool(n, &b) == 0 || yaml_get_int(n, &i) == 0 ||
		    yaml_get_float(n, &f) == 0 || yaml_is_null(n) ||
		    strcmp(n->str, strings[k]) != 0 ||
		    strcmp(yaml_type_name(n), "a string") != 0) {
			ok = 0;
			printf("# not a plain string: %s\n", strings[k]);
		}
	}
	CHECK(ok, "No yes on off y n 20:34 1-1 0b101 1_000 .inf .nan … are strings");

	ok = 1;
	for (k = 0; k < KK_ARRAY_LEN(trues); k++) {
		char key[16];

		snprintf(key, sizeof(key), "t%zu", k);
		b = -1;
		n = yaml_map_get(r, key);
		if (yaml_get_bool(n, &b) != 0 || b != 1 || yaml_is_string(n))
			ok = 0;
	}
	CHECK(ok, "true True TRUE are the boolean true");
	ok = 1;
	for (k = 0; k < KK_ARRAY_LEN(falses); k++) {
		char key[16];

		snprintf(key, sizeof(key), "f%zu", k);
		b = -1;
		n = yaml_map_get(r, key);
		if (yaml_get_bool(n, &b) != 0 || b != 0 || yaml_is_string(n))
			ok = 0;
	}
	CHECK(ok, "false False FALSE are the boolean false");
	CHECK_STR(yaml_type_name(yaml_map_get(r, "t0")), "true/false",
	    "type name of a boolean");
	ok = 1;
	for (k = 0; k < KK_ARRAY_LEN(nulls); k++) {
		char key[16];

		snprintf(key, sizeof(key), "n%zu", k);
		n = yaml_map_get(r, key);
		if (!yaml_is_null(n) || yaml_is_string(n))
			ok = 0;
	}
	CHECK(ok, "empty, ~, null, Null, NULL are null");
	CHECK_STR(yaml_type_name(yaml_map_get(r, "n0")), "an empty value",
	    "type name of a null");

	i = 0;
	CHECK(yaml_get_int(yaml_map_get(r, "dec"), &i) == 0 && i == 10,
	    "010 is the decimal 10, not octal 8");
	i = 0;
	CHECK(yaml_get_int(yaml_map_get(r, "oct"), &i) == 0 && i == 15,
	    "0o17 is 15");
	i = 0;
	CHECK(yaml_get_int(yaml_map_get(r, "hex"), &i) == 0 && i == 31,
	    "0x1F is 31");
	i = 0;
	CHECK(yaml_get_int(yaml_map_get(r, "neg"), &i) == 0 && i == -42,
	    "-42");
	i = 0;
	CHECK(yaml_get_int(yaml_map_get(r, "pos"), &i) == 0 && i == 7, "+7");
	i = 0;
	CHECK(yaml_get_int(yaml_map_get(r, "min"), &i) == 0 &&
	    i == -9223372036854775807LL - 1, "LLONG_MIN fits");
	i = 0;
	CHECK(yaml_get_int(yaml_map_get(r, "max"), &i) == 0 &&
	    i == 9223372036854775807LL, "LLONG_MAX fits");
	CHECK_INT(yaml_get_int(yaml_map_get(r, "big"), &i), -2,
	    "LLONG_MAX + 1 is out of range");
	CHECK_INT(yaml_get_int(yaml_map_get(r, "huge"), &i), -2,
	    "a 23-digit integer is out of range");
	CHECK_INT(yaml_get_int(yaml_map_get(r, "bighex"), &i), -2,
	    "0x8000000000000000 is out of range");
	CHECK(!yaml_is_string(yaml_map_get(r, "huge")),
	    "an integer out of range is still a number, not a string");
	CHECK_STR(yaml_type_name(yaml_map_get(r, "dec")), "a number",
	    "type name of an integer");

	CHECK_INT(yaml_get_int(yaml_map_get(r, "fl"), &i), -1,
	    "2.0 is not an integer");
	f = 0;
	CHECK(yaml_get_float(yaml_map_get(r, "fl"), &f) == 0 && f == 2.0,
	    "2.0 is the float 2");
	CHECK(!yaml_is_string(yaml_map_get(r, "fl")), "2.0 is not a string");
	f = 0;
	CHECK(yaml_get_float(yaml_map_get(r, "fl2"), &f) == 0 && f == 0.5,
	    ".5 is a float");
	f = 0;
	CHECK(yaml_get_float(yaml_map_get(r, "fl3"), &f) == 0 && f == 1.0,
	    "1. is a float");
	f = 0;
	CHECK(yaml_get_float(yaml_map_get(r, "fl4"), &f) == 0 && f == -1500.0,
	    "-1.5e3 is a float");
	CHECK_INT(yaml_get_float(yaml_map_get(r, "fl5"), &f), -2,
	    "1e999 is a float out of range");
	f = 0;
	CHECK(yaml_get_float(yaml_map_get(r, "hex"), &f) == 0 && f == 31.0,
	    "an integer is also a float (0x1F)");
	f = 0;
	CHECK(yaml_get_float(yaml_map_get(r, "dec"), &f) == 0 && f == 10.0,
	    "010 as a float is 10");
	{
		char key[16];

		snprintf(key, sizeof(key), "s%zu", (size_t)16);	/* .inf */
		CHECK_INT(yaml_get_float(yaml_map_get(r, key), &f), -1,
		    ".inf is not accepted as a float");
	}

	n = yaml_map_get(r, "qtrue");
	CHECK(n != NULL && !n->plain && yaml_is_string(n) &&
	    yaml_get_bool(n, &b) == -1, "\"true\" quoted is a string");
	n = yaml_map_get(r, "qint");
	CHECK(n != NULL && !n->plain && yaml_get_int(n, &i) == -1 &&
	    yaml_is_string(n), "'010' quoted is a string");
	n = yaml_map_get(r, "qnull");
	CHECK(n != NULL && !yaml_is_null(n) && yaml_is_string(n) &&
	    n->len == 0, "'' quoted is an empty string, not null");
	n = yaml_map_get(r, "tagstr");
	CHECK(n != NULL && n->plain == 0 && yaml_is_string(n) &&
	    strcmp(n->str, "10") == 0, "!!str 10 is the string \"10\"");
	n = yaml_map_get(r, "bang");
	CHECK(n != NULL && n->plain == 0 && yaml_is_string(n),
	    "! 10 (non-specific tag) is a string");
	CHECK_INT(t.d.n, 0, "no diagnostics for the core schema document");
	CHECK(yaml_map_get(r, "absent") == NULL, "yaml_map_get of a missing key");
	CHECK(yaml_map_get(yaml_map_get(r, "dec"), "x") == NULL,
	    "yaml_map_get on a scalar is NULL");
	buf_free(&src);
	done(&t);
}

static void
test_spans(void)
{
	struct t t;
	struct ynode *r, *m, *n;

	r = parse_n(&t, "title: 計画の趣旨\nm: { a: 日本語, b: x }\n",
	    strlen("title: 計画の趣旨\nm: { a: 日本語, b: x }\n"), 1);
	CHECK(r != NULL && r->npairs == 2, "Japanese document parses");
	if (r == NULL) {
		done(&t);
		return;
	}
	CHECK(r->span.line == 1 && r->span.col == 1, "root map at 1:1 (%d:%d)",
	    r->span.line, r->span.col);
	CHECK_STR(r->span.file, "x.yaml", "span file is the given name");
	n = yaml_map_get(r, "title");
	CHECK(n != NULL && n->span.line == 1 && n->span.col == 8,
	    "value after 'title: ' at 1:8 (%d:%d)", n ? n->span.line : 0,
	    n ? n->span.col : 0);
	CHECK_STR(n ? n->str : NULL, "計画の趣旨", "Japanese value copied");
	CHECK_INT(n ? (long long)n->len : 0, 15, "len in bytes");
	m = yaml_map_get(r, "m");
	CHECK(m != NULL && m->type == YNODE_MAP && m->span.line == 2 &&
	    m->span.col == 4, "flow map at 2:4");
	CHECK(m != NULL && m->npairs == 2 &&
	    m->pairs[1].key->span.line == 2 && m->pairs[1].key->span.col == 14,
	    "key b after 日本語 at 2:14, counting characters (%d:%d)",
	    m && m->npairs == 2 ? m->pairs[1].key->span.line : 0,
	    m && m->npairs == 2 ? m->pairs[1].key->span.col : 0);
	CHECK(m != NULL && m->npairs == 2 && m->pairs[1].value->span.col == 17,
	    "value x at column 17");
	done(&t);

	/* Front-matter: the text starts on line 2 of its file. */
	r = parse_n(&t, "title: 計画の趣旨\nm: { a: 日本語, b: x }\n",
	    strlen("title: 計画の趣旨\nm: { a: 日本語, b: x }\n"), 2);
	m = yaml_map_get(r, "m");
	CHECK(m != NULL && m->npairs == 2 &&
	    m->pairs[1].key->span.line == 3 && m->pairs[1].key->span.col == 14,
	    "first_line 2 moves key b to 3:14");
	done(&t);

	/* Astral characters count one each. */
	r = parse(&t, "a: [😀😀, z]\n");
	m = yaml_map_get(r, "a");
	CHECK(m != NULL && m->type == YNODE_SEQ && m->nitems == 2 &&
	    m->items[1]->span.col == 9, "z after two emoji at column 9");
	done(&t);

	/* Block list items and nested block mappings. */
	r = parse(&t, "list:\n  - 一\n  - key: 値\n    other: 2\n");
	m = yaml_map_get(r, "list");
	CHECK(m != NULL && m->type == YNODE_SEQ && m->nitems == 2 &&
	    m->items[0]->span.line == 2 && m->items[0]->span.col == 5 &&
	    m->items[1]->type == YNODE_MAP && m->items[1]->span.line == 3 &&
	    m->items[1]->span.col == 5, "block list items at 2:5 and 3:5");
	n = m != NULL && m->nitems == 2 ? yaml_map_get(m->items[1], "other") :
	    NULL;
	CHECK(n != NULL && n->span.line == 4 && n->span.col == 12,
	    "nested value at 4:12");
	done(&t);

	/* A BOM does not count as a character. */
	r = parse(&t, "\xEF\xBB\xBF" "a: 1\nb: 日本\n");
	n = yaml_map_get(r, "a");
	CHECK(r != NULL && r->span.line == 1 && r->span.col == 1 && n != NULL &&
	    n->span.col == 4, "BOM skipped: a at 1:1, its value at 1:4");
	done(&t);

	/*
	 * NEL is a line break to libyaml (YAML 1.1) but not to the editors
	 * or the Markdown side: it does not shift the lines after it.
	 */
	r = parse(&t, "a: \"x\xC2\x85y\"\nb: 1\n");
	n = yaml_map_get(r, "b");
	CHECK(n != NULL && n->span.line == 2 && n->span.col == 4,
	    "NEL inside a value does not shift the next line (%d:%d)",
	    n ? n->span.line : 0, n ? n->span.col : 0);
	done(&t);
}

static void
test_crlf(void)
{
	struct t t;
	struct ynode *r, *n;

	r = parse(&t, "a: 1\r\nb: 値\r\nc: 'x'\r\n");
	n = yaml_map_get(r, "b");
	CHECK(n != NULL && n->span.line == 2 && n->span.col == 4 &&
	    strcmp(n->str, "値") == 0, "CRLF: value on line 2 at column 4, no CR");
	n = yaml_map_get(r, "c");
	CHECK(n != NULL && n->span.line == 3 && n->span.col == 4 && !n->plain,
	    "CRLF: line 3 counted");
	done(&t);

	r = parse(&t, "a: 1\r\nb: 2\r\nb: 3\r\n");
	CHECK(r != NULL && strcmp(code0(&t), "duplicate-key") == 0 &&
	    line0(&t) == 3 && col0(&t) == 1, "CRLF: duplicate key at 3:1");
	done(&t);
}

static void
test_duplicates(void)
{
	struct t t;
	struct ynode *r;

	/*
	 * The tree is kept, with the first value and without the repeat, so
	 * that the rest of the file is still checked.
	 */
	r = parse(&t, "title: 一\nyear: 2026\ntitle: 二\n");
	CHECK(r != NULL && r->npairs == 2 &&
	    strcmp(yaml_map_get(r, "title")->str, "一") == 0 &&
	    strcmp(r->pairs[1].key->str, "year") == 0,
	    "duplicate key: the tree keeps the first pair, drops the repeat");
	CHECK_INT(t.d.n, 1, "one diagnostic");
	CHECK_STR(code0(&t), "duplicate-key", "code duplicate-key");
	CHECK(line0(&t) == 3 && col0(&t) == 1, "at the second key, 3:1 (%d:%d)",
	    line0(&t), col0(&t));
	CHECK(has(msg0(&t), "'title'") && has(msg0(&t), "line 1"),
	    "message names the key and the first line: %s", msg0(&t));
	CHECK_INT(t.d.errors, 1, "counted as an error");
	done(&t);

	/* In a flow mapping on a Japanese line, with first_line 10. */
	r = parse_n(&t, "名前: { 日本: 1, 日本: 2 }\n",
	    strlen("名前: { 日本: 1, 日本: 2 }\n"), 10);
	CHECK(r != NULL && strcmp(code0(&t), "duplicate-key") == 0 &&
	    line0(&t) == 10 && col0(&t) == 14,
	    "flow duplicate at 10:14 (%d:%d)", line0(&t), col0(&t));
	CHECK(has(msg0(&t), "'日本'") && has(msg0(&t), "column 7 of this line"),
	    "Japanese key named, first one at column 7 of the line: %s",
	    msg0(&t));
	done(&t);

	/* Quoted and plain spellings are the same key; three copies, two errors. */
	r = parse(&t, "a: 1\n\"a\": 2\nb: 0\n'a': 3\n");
	CHECK(r != NULL && t.d.n == 2 && r->npairs == 2 &&
	    strcmp(yaml_map_get(r, "a")->str, "1") == 0,
	    "two repeats, two diagnostics (%zu), the first value kept", t.d.n);
	done(&t);

	/* The same key in different mappings is fine; order is kept. */
	r = parse(&t, "x: {a: 1}\ny: {a: 2}\nz: 3\n");
	CHECK(r != NULL && r->npairs == 3 &&
	    strcmp(r->pairs[0].key->str, "x") == 0 &&
	    strcmp(r->pairs[2].key->str, "z") == 0 && t.d.n == 0,
	    "same key in two mappings, pair order kept");
	done(&t);

	/* A non-scalar key. */
	r = parse(&t, "? [a, b]\n: 1\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0 &&
	    line0(&t) == 1 && col0(&t) == 3 && has(msg0(&t), "a list"),
	    "list as a key: yaml-syntax at 1:3: %s", msg0(&t));
	done(&t);
}

static void
test_syntax(void)
{
	struct t t;
	struct ynode *r;

	r = parse(&t, "a: b\n  c: d\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0,
	    "bad indentation: yaml-syntax");
	CHECK(line0(&t) == 2 && col0(&t) == 4, "at 2:4 (%d:%d)", line0(&t),
	    col0(&t));
	CHECK(has(msg0(&t), "YAML syntax error: mapping values are not "
	    "allowed in this context"), "libyaml's problem in the message: %s",
	    msg0(&t));
	done(&t);

	/* On a Japanese line: the second ': ' after 6 characters. */
	r = parse_n(&t, "x: 1\n名前: 計画: x\n", strlen("x: 1\n名前: 計画: x\n"),
	    5);
	CHECK(r == NULL && line0(&t) == 6 && col0(&t) == 7,
	    "syntax error on a Japanese line at 6:7 (%d:%d)", line0(&t),
	    col0(&t));
	done(&t);

	r = parse(&t, "list:\n  - a\n - b\n");
	CHECK(r == NULL && line0(&t) == 3 && col0(&t) == 2 &&
	    has(msg0(&t), "check the indentation"),
	    "misindented list item: hint about indentation: %s", msg0(&t));
	done(&t);

	r = parse(&t, "a: @x\n");
	CHECK(r == NULL && line0(&t) == 1 && col0(&t) == 4 &&
	    has(msg0(&t), "in quotes") && !has(msg0(&t), "starts at"),
	    "value starting with @: hint to quote it: %s", msg0(&t));
	done(&t);

	r = parse(&t, "a: \"abc\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0 &&
	    has(msg0(&t), "while scanning a quoted scalar") &&
	    has(msg0(&t), "line 1, column 4"),
	    "unclosed quote names the context and where it starts: %s",
	    msg0(&t));
	done(&t);

	r = parse(&t, "a:\n\tb: 1\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0 &&
	    line0(&t) == 2 && col0(&t) == 1 && has(msg0(&t), "tabs"),
	    "tab indentation: yaml-syntax at 2:1 with a hint: %s", msg0(&t));
	done(&t);

	r = parse(&t, "a: 1\nb: \x07\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0 &&
	    line0(&t) == 2 && col0(&t) == 4,
	    "control character: yaml-syntax at 2:4 (%d:%d): %s", line0(&t),
	    col0(&t), msg0(&t));
	done(&t);

	r = parse(&t, "a: 1\n---\nb: 2\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0 &&
	    has(msg0(&t), "only one YAML document is allowed") &&
	    line0(&t) == 2, "two documents: error at the second (line %d)",
	    line0(&t));
	done(&t);

	r = parse(&t, "---\na: 1\n...\n");
	CHECK(r != NULL && t.d.n == 0, "one document with --- and ... is fine");
	done(&t);

	r = parse(&t, "a: !!int 3\nb: !foo x\nc: !!map {}\nd: !!seq []\n");
	CHECK(r != NULL && t.d.n == 2 && strcmp(code0(&t), "yaml-tag") == 0 &&
	    has(msg0(&t), "unsupported YAML tag '!!int'") && line0(&t) == 1 &&
	    col0(&t) == 4 && has(t.d.v[1].msg, "'!foo'"),
	    "!!int and !foo are unsupported tags; !!map and !!seq are fine");
	CHECK(r != NULL && yaml_get_int(yaml_map_get(r, "a"), NULL) == 0 &&
	    yaml_is_string(yaml_map_get(r, "b")),
	    "the tree is kept, read as if the tags were not there");
	done(&t);

	/* Control characters and noncharacters only come from escapes. */
	r = parse(&t, "a: \"北\\a浜\"\nb: \"tab\\there\"\nc: \"\\uFFFF\"\n");
	CHECK(r != NULL && t.d.n == 2 && strcmp(code0(&t), "invalid-char") == 0 &&
	    line0(&t) == 1 && col0(&t) == 4 && has(msg0(&t), "U+0007") &&
	    has(t.d.v[1].msg, "noncharacter U+FFFF"),
	    "\\a and \\uFFFF are invalid-char at the value, a tab is text: %s",
	    msg0(&t));
	done(&t);
}

static void
test_empty_and_styles(void)
{
	struct t t;
	struct ynode *r, *n;

	r = parse_n(&t, "", 0, 3);
	CHECK(r != NULL && r->type == YNODE_SCALAR && r->plain && r->len == 0 &&
	    yaml_is_null(r) && r->span.line == 3 && t.d.n == 0,
	    "empty text is a null scalar");
	done(&t);
	r = parse_n(&t, NULL, 0, 1);
	CHECK(r != NULL && yaml_is_null(r), "NULL text is a null scalar");
	done(&t);
	r = parse(&t, "# only a comment\n\n# another\n");
	CHECK(r != NULL && yaml_is_null(r) && t.d.n == 0,
	    "only comments is a null scalar");
	done(&t);
	r = parse(&t, "---\n");
	CHECK(r != NULL && yaml_is_null(r), "--- alone is a null scalar");
	done(&t);

	r = parse(&t,
	    "plain: a b\n"
	    "single: 'it''s'\n"
	    "double: \"tab\\tend\"\n"
	    "lit: |\n"
	    "  一行目\n"
	    "  二行目\n"
	    "fold: >\n"
	    "  a\n"
	    "  b\n"
	    "flow: [1, 'two', {k: v}]\n"
	    "block:\n"
	    "  - x\n"
	    "  -\n"
	    "    - y\n");
	CHECK(r != NULL && t.d.n == 0, "styles document parses");
	n = yaml_map_get(r, "plain");
	CHECK(n != NULL && n->plain && strcmp(n->str, "a b") == 0, "plain");
	n = yaml_map_get(r, "single");
	CHECK(n != NULL && !n->plain && strcmp(n->str, "it's") == 0,
	    "single-quoted");
	n = yaml_map_get(r, "double");
	CHECK(n != NULL && !n->plain && strcmp(n->str, "tab\tend") == 0,
	    "double-quoted with an escape");
	n = yaml_map_get(r, "lit");
	CHECK(n != NULL && !n->plain && strcmp(n->str, "一行目\n二行目\n") == 0,
	    "literal block scalar");
	n = yaml_map_get(r, "fold");
	CHECK(n != NULL && !n->plain && strcmp(n->str, "a b\n") == 0,
	    "folded block scalar");
	n = yaml_map_get(r, "flow");
	CHECK(n != NULL && n->type == YNODE_SEQ && n->nitems == 3 &&
	    n->items[0]->plain && !n->items[1]->plain &&
	    n->items[2]->type == YNODE_MAP &&
	    strcmp(yaml_map_get(n->items[2], "k")->str, "v") == 0,
	    "flow list with a flow mapping inside");
	CHECK_STR(yaml_type_name(n), "a list", "type name of a list");
	n = yaml_map_get(r, "block");
	CHECK(n != NULL && n->type == YNODE_SEQ && n->nitems == 2 &&
	    n->items[1]->type == YNODE_SEQ && n->items[1]->nitems == 1,
	    "block list with a nested list");
	CHECK_STR(yaml_type_name(r), "a mapping", "type name of a mapping");
	done(&t);
}

static void
test_aliases(void)
{
	struct t t;
	struct buf src = {0};
	struct ynode *r, *base, *use;
	clock_t c0;
	double secs;
	int i, j;

	r = parse(&t, "base: &b {x: 1, y: 日本}\nuse: *b\nname: &n 名\nagain: *n\n");
	base = yaml_map_get(r, "base");
	use = yaml_map_get(r, "use");
	CHECK(r != NULL && base != NULL && base == use && t.d.n == 0,
	    "an alias shares its anchor's node");
	CHECK(yaml_map_get(r, "name") == yaml_map_get(r, "again") &&
	    yaml_map_get(r, "name") != NULL, "a scalar alias shares too");
	done(&t);

	r = parse(&t, "a: &x 1\nb: *x\na2: &x 2\nc: *x\n");
	CHECK(r != NULL && strcmp(yaml_map_get(r, "b")->str, "1") == 0 &&
	    strcmp(yaml_map_get(r, "c")->str, "2") == 0,
	    "a redefined anchor: the latest one counts");
	done(&t);

	r = parse(&t, "a: 1\nb: *nope\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0 &&
	    line0(&t) == 2 && col0(&t) == 4 && has(msg0(&t), "*nope"),
	    "unknown alias at 2:4: %s", msg0(&t));
	done(&t);

	r = parse(&t, "a: &r [1, *r]\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0,
	    "an alias inside its own anchor is refused (no cycles): %s",
	    msg0(&t));
	done(&t);

	/* Billion laughs: 9 levels of 9 aliases. */
	buf_puts(&src, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
	    "\"lol\",\"lol\",\"lol\"]\n");
	for (i = 1; i < 9; i++) {
		buf_printf(&src, "%c: &%c [", 'a' + i, 'a' + i);
		for (j = 0; j < 9; j++)
			buf_printf(&src, "%s*%c", j ? "," : "", 'a' + i - 1);
		buf_puts(&src, "]\n");
	}
	c0 = clock();
	r = parse(&t, buf_str(&src));
	secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
	CHECK(r == NULL && strcmp(code0(&t), "yaml-limit") == 0,
	    "billion laughs: yaml-limit: %s", msg0(&t));
	CHECK(secs < 1.0, "billion laughs refused quickly (%.3f s)", secs);
	CHECK(line0(&t) > 1 && line0(&t) <= 9, "at the alias that passes the "
	    "limit (line %d)", line0(&t));
	done(&t);
	buf_free(&src);

	/* A few levels of the same are fine. */
	r = parse(&t, "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b]\n");
	CHECK(r != NULL && t.d.n == 0 &&
	    yaml_map_get(r, "c")->items[0] == yaml_map_get(r, "b"),
	    "small alias fan-out is fine and shared");
	done(&t);
}

static void
test_limits(void)
{
	struct t t;
	struct buf src = {0};
	struct ynode *r, *n;
	int i, depth;

	for (i = 0; i < YAML_MAX_DEPTH; i++)
		buf_putc(&src, '[');
	for (i = 0; i < YAML_MAX_DEPTH; i++)
		buf_putc(&src, ']');
	r = parse(&t, buf_str(&src));
	for (depth = 0, n = r; n != NULL && n->type == YNODE_SEQ; depth++)
		n = n->nitems ? n->items[0] : NULL;
	CHECK(r != NULL && t.d.n == 0 && depth == YAML_MAX_DEPTH,
	    "nesting of exactly YAML_MAX_DEPTH is fine (%d)", depth);
	done(&t);

	buf_reset(&src);
	for (i = 0; i < YAML_MAX_DEPTH + 1; i++)
		buf_putc(&src, '[');
	for (i = 0; i < YAML_MAX_DEPTH + 1; i++)
		buf_putc(&src, ']');
	r = parse(&t, buf_str(&src));
	CHECK(r == NULL && strcmp(code0(&t), "yaml-limit") == 0 &&
	    line0(&t) == 1 && col0(&t) == YAML_MAX_DEPTH + 1,
	    "one level more: yaml-limit at the opening bracket (col %d)",
	    col0(&t));
	done(&t);

	/* Deep enough to break a recursive builder: still one diagnostic. */
	buf_reset(&src);
	for (i = 0; i < 100000; i++)
		buf_puts(&src, "{a: ");
	r = parse(&t, buf_str(&src));
	CHECK(r == NULL && t.d.n == 1 && strcmp(code0(&t), "yaml-limit") == 0,
	    "100000 unclosed flow mappings: one yaml-limit");
	done(&t);

	/* Depth reached through an alias counts too. */
	buf_reset(&src);
	buf_puts(&src, "a: &d ");
	for (i = 0; i < 40; i++)
		buf_putc(&src, '[');
	for (i = 0; i < 40; i++)
		buf_putc(&src, ']');
	buf_puts(&src, "\nb: ");
	for (i = 0; i < 30; i++)
		buf_putc(&src, '[');
	buf_puts(&src, "*d");
	for (i = 0; i < 30; i++)
		buf_putc(&src, ']');
	buf_putc(&src, '\n');
	r = parse(&t, buf_str(&src));
	CHECK(r == NULL && strcmp(code0(&t), "yaml-limit") == 0 &&
	    line0(&t) == 2, "nesting through an alias: yaml-limit on line 2");
	done(&t);

	/* Many keys in one mapping: duplicates found without n². */
	buf_reset(&src);
	for (i = 0; i < 50000; i++)
		buf_printf(&src, "k%d: %d\n", i, i);
	buf_puts(&src, "k123: again\n");
	r = parse(&t, buf_str(&src));
	CHECK(r != NULL && t.d.n == 1 && strcmp(code0(&t), "duplicate-key") == 0 &&
	    line0(&t) == 50001 && has(msg0(&t), "line 124"),
	    "a duplicate among 50000 keys: %s", msg0(&t));
	done(&t);
	buf_free(&src);
}

static void
test_utf8(void)
{
	struct t t;
	struct ynode *r;

	r = parse(&t, "a: 1\nb: \xFF\n");
	CHECK(r == NULL && strcmp(code0(&t), "yaml-syntax") == 0 &&
	    line0(&t) == 2 && col0(&t) == 4 && has(msg0(&t), "UTF-8"),
	    "invalid byte: diagnostic at 2:4 (%d:%d): %s", line0(&t), col0(&t),
	    msg0(&t));
	done(&t);

	r = parse(&t, "名前: 日本\xE8\xAA\n");
	CHECK(r == NULL && line0(&t) == 1 && col0(&t) == 7,
	    "truncated sequence after Japanese text at 1:7 (%d:%d)", line0(&t),
	    col0(&t));
	done(&t);

	/* UTF-16 with its BOM is not UTF-8. */
	r = parse_n(&t, "\xFF\xFE" "a\0:\0 \0" "1\0", 10, 1);
	CHECK(r == NULL && t.d.n == 1 && line0(&t) == 1 && col0(&t) == 1,
	    "UTF-16 is refused at 1:1");
	done(&t);

	/* An encoded overlong form is invalid, U+FFFD itself is valid. */
	r = parse(&t, "a: \xC0\xAF\n");
	CHECK(r == NULL && t.d.n == 1, "overlong form refused");
	done(&t);
	r = parse(&t, "a: \xEF\xBF\xBD\n");
	CHECK(r != NULL && t.d.n == 0, "U+FFFD itself is accepted");
	done(&t);

	/* A NUL byte inside the given length. */
	r = parse_n(&t, "a: 1\nb: x\0y\n", 12, 1);
	CHECK(r == NULL && t.d.n == 1 && line0(&t) == 2 && col0(&t) == 5,
	    "NUL byte: diagnostic at 2:5 (%d:%d)", line0(&t), col0(&t));
	done(&t);
}

int
main(void)
{
	test_core_schema();
	test_spans();
	test_crlf();
	test_duplicates();
	test_syntax();
	test_empty_and_styles();
	test_aliases();
	test_limits();
	test_utf8();
	return check_done();
}
