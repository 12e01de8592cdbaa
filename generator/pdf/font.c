/*
 * font.c: see font.h.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "util.h"
#include "pdf/device.h"
#include "pdf/font.h"

/*
 * The width cache: one uint16_t per BMP code point (128 KiB per face),
 * allocated at the first lookup. A CJK font has thousands of cmap segments
 * and HPDF_TTFontDef_GetGlyphid scans them linearly, so every code point is
 * looked up once per font and document.
 */
#define CACHE_SIZE	0x10000
#define CACHE_UNKNOWN	0xFFFF
#define CACHE_MISSING	0xFFFE

static int
is_zero_width(uint32_t cp)
{
	return cp == '\n' || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
	    cp == 0x2060 || cp == 0xFEFF ||
	    (cp >= 0x0300 && cp <= 0x036F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xE0100 && cp <= 0xE01EF);
}

/*
 * Fixed metrics: East Asian wide and fullwidth characters (cp_is_wide())
 * and the punctuation and symbols that Japanese fonts set full width
 * (— … ※ → ○ ■: general punctuation U+2014–U+203B, arrows, mathematical
 * and geometric symbols U+2190–U+2BFF) are 1 em; everything else 1/2 em.
 * Outside the BMP is missing, as in libharu; so is the Private Use Area,
 * which gives the tests a missing glyph without a special font.
 */
int
font_fixed_width(uint32_t cp)
{
	if (is_zero_width(cp))
		return 0;
	if (cp > 0xFFFF || (cp >= 0xE000 && cp <= 0xF8FF))
		return FONT_MISSING;
	if (cp_is_wide(cp) || (cp >= 0x2014 && cp <= 0x203B) ||
	    (cp >= 0x2190 && cp <= 0x2BFF))
		return 1000;
	return 500;
}

static struct font *
font_alloc(const char *name, const char *path)
{
	struct font *f = xcalloc(1, sizeof(*f));

	f->name = xstrdup(name);
	f->path = path ? xstrdup(path) : NULL;
	f->ascent = 880;	/* the ideographic em box: 0.88 above, 0.12 below */
	f->descent = -120;
	return f;
}

struct font *
font_new_fixed(const char *name)
{
	struct buf b = {0};
	struct font *f;

	buf_printf(&b, "fixed-%s", name);
	f = font_alloc(buf_str(&b), NULL);
	f->fixed = 1;
	buf_free(&b);
	return f;
}

/*
 * HPDF_TTFontDef_GetGlyphid scans the cmap's segments one by one, and a
 * Japanese font has thousands: each lookup costs microseconds, and
 * libharu looks up every BMP code point when it makes the font's
 * CIDToGIDMap, and every new code point again when a glyph is flagged for
 * the subset. So at load the whole map is computed once (each segment
 * scanned from its own position, so that the scan stops at once) and the
 * font's cmap is replaced by one segment over the BMP whose glyph array
 * is that map: every later lookup is O(1) and gives what the original
 * gave (checked on two code points; else the original stays). libharu
 * writes the embedded cmap from the font file, not from this parsed
 * copy; font_free() puts the original back before libharu frees it.
 */
struct fast_cmap {
	HPDF_TTF_CmapRange	 orig;
	HPDF_UINT16		 end, start, iro;
	HPDF_INT16		 delta;
	HPDF_UINT16		 map[0x10000];
};

static void
install_fast_cmap(struct font *f)
{
	HPDF_FontDef def = f->def;
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	HPDF_TTF_CmapRange orig = a->cmap, one;
	struct fast_cmap *fc;
	unsigned n, s, c, lo;

	if (def->type != HPDF_FONTDEF_TYPE_TRUETYPE || orig.format != 4 ||
	    orig.seg_count_x2 < 2)
		return;
	fc = xcalloc(1, sizeof(*fc));
	fc->orig = orig;
	n = orig.seg_count_x2 / 2;
	for (s = 0, lo = 0; s < n && lo <= 0xFFFF; s++) {
		a->cmap.end_count = orig.end_count + s;
		a->cmap.start_count = orig.start_count + s;
		a->cmap.id_delta = orig.id_delta + s;
		a->cmap.id_range_offset = orig.id_range_offset + s;
		a->cmap.seg_count_x2 = (HPDF_UINT16)(2 * (n - s));
		for (c = lo; c <= orig.end_count[s]; c++)
			fc->map[c] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)c);
		lo = (unsigned)orig.end_count[s] + 1;
	}
	fc->end = 0xFFFF;
	fc->start = 0;
	fc->delta = 0;
	fc->iro = 2;
	one = orig;
	one.seg_count_x2 = 2;
	one.end_count = &fc->end;
	one.start_count = &fc->start;
	one.id_delta = &fc->delta;
	one.id_range_offset = &fc->iro;
	one.glyph_id_array = fc->map;
	one.glyph_id_array_count = 0x10000;
	a->cmap = orig;
	{
		HPDF_UINT16 want1 = HPDF_TTFontDef_GetGlyphid(def, 0x3042);
		HPDF_UINT16 want2 = HPDF_TTFontDef_GetGlyphid(def, 0x41);

		a->cmap = one;
		if (HPDF_TTFontDef_GetGlyphid(def, 0x3042) != want1 ||
		    HPDF_TTFontDef_GetGlyphid(def, 0x41) != want2 ||
		    fc->map[0x3042] != want1) {
			a->cmap = orig;	/* not the layout we know: the slow way */
			free(fc);
			return;
		}
	}
	f->cmap = fc;
}

static void
remove_fast_cmap(struct font *f)
{
	struct fast_cmap *fc = f->cmap;

	if (fc == NULL)
		return;
	((HPDF_TTFontDefAttr)((HPDF_FontDef)f->def)->attr)->cmap = fc->orig;
	free(fc);
	f->cmap = NULL;
}

/*
 * The embedded font needs no cmap table: a CIDFontType2 finds its glyphs
 * through the CIDToGIDMap (ISO 32000-1 §9.7.4.2; the cmap is needed only
 * by simple symbolic TrueType fonts, §9.6.6.4), and text is extracted
 * through the ToUnicode map. libharu copies the whole table into every
 * subset (200 KB in each BIZ UD face, 4 bytes a call) after it has parsed
 * it at load; with its length set to 0 here, an empty cmap is written.
 */
static void
drop_cmap_table(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	HPDF_UINT16 i;

	if (def->type != HPDF_FONTDEF_TYPE_TRUETYPE || a->offset_tbl.table == NULL)
		return;
	for (i = 0; i < a->offset_tbl.num_tables; i++)
		if (memcmp(a->offset_tbl.table[i].tag, "cmap", 4) == 0)
			a->offset_tbl.table[i].length = 0;
}

struct font *
font_load_ttf(void *doc, const char *path, struct diag *d)
{
	HPDF_Doc pdf = doc;
	HPDF_FontDef def;
	const char *name;
	struct font *f;

	if (path == NULL) {
		diag_error(d, NULL, "pdf-font", "no font file configured for a face");
		return NULL;
	}
	if (access(path, R_OK) != 0) {
		diag_syserr(d, path, "pdf-font", "cannot read the font file");
		return NULL;
	}
	/*
	 * Only the font definition: the PDF font object (HPDF_GetFont) is
	 * made by the device when the face is first drawn, since libharu
	 * writes every font object it has, and an unused face would still
	 * cost its ~170 KB of copied tables (pdf.md).
	 */
	name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	def = name ? HPDF_Doc_FindFontDef(pdf, name) : NULL;
	if (def == NULL) {
		diag_syserr(d, path, "pdf-font",
		    "libharu cannot load this TrueType font (error 0x%04X); "
		    "it needs TrueType outlines, not OpenType/CFF",
		    (unsigned)HPDF_GetError(pdf));
		HPDF_ResetError(pdf);
		return NULL;
	}
	f = font_alloc(name, path);
	f->def = def;
	f->ascent = def->ascent;
	f->descent = def->descent;
	install_fast_cmap(f);
	drop_cmap_table(def);
	return f;
}

struct font *
font_new_synthetic_bold(struct font *regular)
{
	struct buf b = {0};
	struct font *f;

	buf_printf(&b, "%s-SyntheticBold", regular->name);
	f = font_alloc(buf_str(&b), regular->path);
	buf_free(&b);
	f->fixed = regular->fixed;
	f->synthetic_bold = 1;
	f->ascent = regular->ascent;
	f->descent = regular->descent;
	f->def = regular->def;
	f->handle = regular->handle;
	f->base = regular;
	return f;
}

void
font_free(struct font *f)
{
	if (f == NULL)
		return;
	remove_fast_cmap(f);
	free(f->name);
	free(f->path);
	free(f->cache);
	free(f);
}

static int
ttf_lookup(struct font *f, uint32_t cp)
{
	HPDF_UINT16 gid;

	if (is_zero_width(cp))
		return 0;
	gid = HPDF_TTFontDef_GetGlyphid((HPDF_FontDef)f->def, (HPDF_UINT16)cp);
	if (gid == 0)
		return FONT_MISSING;
	return HPDF_TTFontDef_GetGidWidth((HPDF_FontDef)f->def, gid);
}

int
font_width(struct font *f, uint32_t cp)
{
	int w;

	while (f->base != NULL)
		f = f->base;
	if (f->fixed)
		return font_fixed_width(cp);
	if (cp > 0xFFFF)
		return is_zero_width(cp) ? 0 : FONT_MISSING;
	f->lookups++;
	if (f->cache == NULL) {
		f->cache = xmalloc(CACHE_SIZE * sizeof(*f->cache));
		memset(f->cache, 0xFF, CACHE_SIZE * sizeof(*f->cache));
	}
	if (f->cache[cp] == CACHE_UNKNOWN) {
		f->misses++;
		w = ttf_lookup(f, cp);
		/* Widths are 0..~2000 per 1000 em; anything else is kept out of the cache's codes. */
		if (w == FONT_MISSING)
			f->cache[cp] = CACHE_MISSING;
		else
			f->cache[cp] = (uint16_t)(w < 0 ? 0 : w > 0xFFF0 ? 0xFFF0 : w);
	}
	return f->cache[cp] == CACHE_MISSING ? FONT_MISSING : f->cache[cp];
}

int32_t
font_advance(struct font *f, uint32_t cp, int32_t size)
{
	int w = font_width(f, cp);

	if (w == FONT_MISSING)
		return FONT_MISSING;
	/* Rounded to the nearest mpt; 64-bit: size can be 100 pt = 100,000. */
	return (int32_t)(((int64_t)w * size + 500) / 1000);
}

/* ------------------------------------------------------------------ */
/* Font sets                                                          */
/* ------------------------------------------------------------------ */

#define MINCHO_DIR "/usr/share/fonts/truetype/bizud-mincho/"
#define GOTHIC_DIR "/usr/share/fonts/truetype/bizud-gothic/"

void
font_config_default(struct font_config *c)
{
	memset(c, 0, sizeof(*c));
	/*
	 * The monospaced-kana faces (BIZ UDMincho, not BIZ UDPMincho): JIS X
	 * 4051 composition assumes full-width kana on an em grid, which
	 * keeps justified lines even.
	 */
	c->path[FONT_MINCHO] = MINCHO_DIR "BIZUDMincho-Regular.ttf";
	c->path[FONT_MINCHO_BOLD] = MINCHO_DIR "BIZUDMincho-Bold.ttf";
	c->path[FONT_GOTHIC] = GOTHIC_DIR "BIZUDGothic-Regular.ttf";
	c->path[FONT_GOTHIC_BOLD] = GOTHIC_DIR "BIZUDGothic-Bold.ttf";
}

/*
 * The fonts plan.yaml may name (output.pdf.body_font, heading_font): the
 * BIZ UD families of Debian's fonts-morisawa-bizud-* packages, by their
 * English or Japanese name, spaces and case ignored. The P faces have
 * proportional kana; the others set kana on the em grid.
 */
static const struct {
	const char	*name;		/* spaces removed, lower case */
	const char	*ja;
	const char	*regular;
	const char	*bold;		/* NULL: Debian has no bold (the fallback of font.h) */
} named[] = {
	{ "bizudpmincho", "bizudp明朝", MINCHO_DIR "BIZUDPMincho-Regular.ttf", NULL },
	{ "bizudmincho", "bizud明朝", MINCHO_DIR "BIZUDMincho-Regular.ttf",
	    MINCHO_DIR "BIZUDMincho-Bold.ttf" },
	{ "bizudpgothic", "bizudpゴシック", GOTHIC_DIR "BIZUDPGothic-Regular.ttf",
	    GOTHIC_DIR "BIZUDPGothic-Bold.ttf" },
	{ "bizudgothic", "bizudゴシック", GOTHIC_DIR "BIZUDGothic-Regular.ttf",
	    GOTHIC_DIR "BIZUDGothic-Bold.ttf" },
};

/* name without spaces (ASCII or U+3000), ASCII lower-cased, into out. */
static void
fold_name(const char *name, char *out, size_t n)
{
	size_t k = 0;

	for (; *name != '\0' && k + 1 < n; name++) {
		if (*name == ' ' || *name == '\t' || *name == '-' || *name == '_')
			continue;
		if (strncmp(name, "\xE3\x80\x80", 3) == 0) {	/* U+3000 */
			name += 2;
			continue;
		}
		out[k++] = *name >= 'A' && *name <= 'Z' ? (char)(*name - 'A' + 'a') :
		    *name;
	}
	out[k] = '\0';
}

int
font_config_name(struct font_config *c, enum font_face regular,
    const char *name)
{
	char key[96];
	size_t i;

	if (name == NULL || (regular != FONT_MINCHO && regular != FONT_GOTHIC))
		return -1;
	fold_name(name, key, sizeof(key));
	for (i = 0; i < KK_ARRAY_LEN(named); i++)
		if (strcmp(key, named[i].name) == 0 ||
		    strcmp(key, named[i].ja) == 0) {
			c->path[regular] = named[i].regular;
			c->path[regular + 1] = named[i].bold;
			return 0;
		}
	return -1;
}

const char *
font_known_names(void)
{
	return "BIZ UDPMincho, BIZ UDMincho, BIZ UDPGothic, BIZ UDGothic";
}

static int
readable(const char *path)
{
	return path != NULL && access(path, R_OK) == 0;
}

int
fontset_open(struct fontset *fs, struct device *dev,
    const struct font_config *c, struct diag *d)
{
	static const enum font_face regular[] = { FONT_MINCHO, FONT_GOTHIC };
	static const enum font_face bold[] = { FONT_MINCHO_BOLD, FONT_GOTHIC_BOLD };
	/* A fixed-metrics device ignores the files: its goldens must not depend on them. */
	int any_file = !dev->ops->fixed_metrics;
	size_t i;
	enum font_face f, other;

	memset(fs, 0, sizeof(*fs));
	for (i = 0; i < KK_ARRAY_LEN(regular); i++) {
		f = regular[i];
		/* One file named for two faces is loaded once (libharu refuses a second load). */
		if (i > 0 && c->path[f] != NULL && c->path[regular[0]] != NULL &&
		    strcmp(c->path[f], c->path[regular[0]]) == 0) {
			fs->face[f] = fs->face[regular[0]];
			fs->how[f] = "file";
			continue;
		}
		fs->face[f] = fs->owned[f] = dev->ops->load_font(dev, c->path[f]);
		if (fs->face[f] == NULL) {
			fontset_free(fs);
			return -1;
		}
		fs->how[f] = "file";
	}
	for (i = 0; i < KK_ARRAY_LEN(bold); i++) {
		f = bold[i];
		if (i > 0 && c->path[f] != NULL && fs->owned[bold[0]] != NULL &&
		    c->path[bold[0]] != NULL &&
		    strcmp(c->path[f], c->path[bold[0]]) == 0) {
			fs->face[f] = fs->face[bold[0]];
			fs->how[f] = "file";
		} else if (!any_file || readable(c->path[f])) {
			fs->face[f] = fs->owned[f] =
			    dev->ops->load_font(dev, c->path[f]);
			if (fs->face[f] == NULL) {
				fontset_free(fs);
				return -1;
			}
			fs->how[f] = "file";
		}
	}
	for (i = 0; i < KK_ARRAY_LEN(bold); i++) {
		f = bold[i];
		other = bold[1 - i];
		if (fs->face[f] != NULL)
			continue;
		if (!c->synthetic_bold && fs->owned[other] != NULL) {
			fs->face[f] = fs->owned[other];
			fs->how[f] = other == FONT_GOTHIC_BOLD ? "gothic-bold" :
			    "mincho-bold";
		} else {
			fs->face[f] = fs->owned[f] =
			    font_new_synthetic_bold(fs->face[regular[i]]);
			fs->how[f] = "synthetic";
		}
	}
	(void)d;
	return 0;
}

void
fontset_free(struct fontset *fs)
{
	size_t i;

	/* Synthetic bolds borrow their regular face: free them first. */
	for (i = 0; i < FONT_NFACES; i++)
		if (fs->owned[i] != NULL && fs->owned[i]->base != NULL) {
			font_free(fs->owned[i]);
			fs->owned[i] = NULL;
		}
	for (i = 0; i < FONT_NFACES; i++)
		font_free(fs->owned[i]);
	memset(fs, 0, sizeof(*fs));
}

struct font *
fontset_fallback(const struct fontset *fs, const struct font *f,
    uint32_t cp)
{
	static const enum font_face order[][FONT_NFACES - 1] = {
		[FONT_MINCHO] = { FONT_GOTHIC, FONT_MINCHO_BOLD, FONT_GOTHIC_BOLD },
		[FONT_MINCHO_BOLD] = { FONT_GOTHIC_BOLD, FONT_MINCHO, FONT_GOTHIC },
		[FONT_GOTHIC] = { FONT_MINCHO, FONT_GOTHIC_BOLD, FONT_MINCHO_BOLD },
		[FONT_GOTHIC_BOLD] = { FONT_MINCHO_BOLD, FONT_GOTHIC, FONT_MINCHO },
	};
	size_t i, k;
	struct font *g;

	for (i = 0; i < FONT_NFACES; i++) {
		if (fs->face[i] != f)
			continue;
		for (k = 0; k < KK_ARRAY_LEN(order[i]); k++) {
			g = fs->face[order[i][k]];
			if (g != NULL && g != f && font_width(g, cp) != FONT_MISSING)
				return g;
		}
		break;
	}
	return NULL;
}
