/*
 * font.h: fonts and their metrics for the PDF layout.
 *
 * A struct font measures code points in 1/1000 em through a width cache.
 * Two kinds: TrueType fonts loaded into a libharu document (the libharu
 * device loads them, so that metrics and drawing use the same font), and a
 * fixed-metrics font for the text device (every wide character 1 em, every
 * narrow one 1/2 em), so that layout goldens do not depend on font files.
 *
 * Widths never come from HPDF_Font_MeasureText, which counts UTF-8 bytes
 * (pdf.md); they come from HPDF_TTFontDef_GetGlyphid + _GetGidWidth, which
 * have no side effect (glyphs are flagged for the subset when drawn).
 *
 * A character the font cannot draw is reported as FONT_MISSING: a code
 * point outside the BMP (libharu's UTF-8 encoder has 16-bit codes and would
 * print U+0020), or one without a glyph (GID 0, .notdef). The caller
 * substitutes (another face, or 〓) and reports; nothing is dropped here.
 */
#ifndef KEIKAKU_PDF_FONT_H
#define KEIKAKU_PDF_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define FONT_MISSING	(-1)

/* The substitute for a character no face can draw: 〓 (GETA MARK), JIS practice. */
#define FONT_GETA	0x3013

struct font {
	char		*name;		/* PostScript name, or "fixed-…"; for dumps and messages */
	char		*path;		/* the file; NULL for the fixed font */
	int		 fixed;		/* fixed metrics */
	int		 synthetic_bold; /* bold drawn as fill + stroke of a regular face */
	int32_t		 ascent;	/* 1/1000 em above the baseline */
	int32_t		 descent;	/* 1/1000 em below it (negative) */
	void		*def;		/* HPDF_FontDef; NULL for the fixed font */
	void		*handle;	/* HPDF_Font, made by the libharu device at first use; NULL until then */
	struct font	*base;		/* a synthetic bold measures through its regular face (borrowed) */
	uint16_t	*cache;		/* 65,536 BMP widths, see font.c; NULL until the first lookup */
	void		*cmap;		/* the O(1) cmap installed in def (font.c), or NULL */
	size_t		 lookups;	/* statistics for the benchmark */
	size_t		 misses;
};

/* The fixed metrics of cp in 1/1000 em: 1000, 500, 0, or FONT_MISSING (see font.c). */
int font_fixed_width(uint32_t cp);

/* A fixed-metrics font named "fixed-<name>". Owned by the caller: font_free(). */
struct font *font_new_fixed(const char *name);

/*
 * Loads the TrueType file at path into the libharu document doc (an
 * HPDF_Doc with UTF-8 encodings enabled) for embedding as a subset. Returns
 * NULL after a diagnostic if it cannot. Owned by the caller (font_free()),
 * who must free it before the document (libharu owns the font data).
 */
struct font *font_load_ttf(void *doc, const char *path, struct diag *);

/* A bold face drawn by stroking the outline of regular (borrowed; it must outlive the result). */
struct font *font_new_synthetic_bold(struct font *regular);

void font_free(struct font *);

/* Width of cp in 1/1000 em, or FONT_MISSING. */
int font_width(struct font *, uint32_t cp);

/* Advance of cp at size (1/1000 pt) in 1/1000 pt; FONT_MISSING passes through. */
int32_t font_advance(struct font *, uint32_t cp, int32_t size);

/* ------------------------------------------------------------------ */
/* The faces of a document                                            */
/* ------------------------------------------------------------------ */

enum font_face {
	FONT_MINCHO,		/* body text */
	FONT_MINCHO_BOLD,
	FONT_GOTHIC,		/* headings, tables, bands */
	FONT_GOTHIC_BOLD,
	FONT_NFACES
};

/* Where each face comes from. A NULL or unreadable bold path falls back (font.c). */
struct font_config {
	const char	*path[FONT_NFACES];
	/*
	 * For a bold face without a file: 0 = the bold of the other family
	 * (BIZ UD Mincho has no bold in Debian; emphasis in Gothic bold is
	 * the usual Japanese practice), 1 = a synthetic bold of the regular.
	 */
	int		 synthetic_bold;
};

/* BIZ UD Mincho and BIZ UD Gothic from Debian's fonts-morisawa-bizud-* packages. */
void font_config_default(struct font_config *);

/*
 * Sets a family from its name in plan.yaml: regular is FONT_MINCHO (the
 * body faces) or FONT_GOTHIC (headings, tables); its bold follows. Names:
 * BIZ UDPMincho, BIZ UDMincho, BIZ UDPGothic, BIZ UDGothic (or BIZ UDP明朝
 * …), spaces and case ignored. Returns 0, or -1 for an unknown name (c
 * unchanged).
 */
int font_config_name(struct font_config *, enum font_face regular,
    const char *name);
/* The names font_config_name() knows, for messages. Static. */
const char *font_known_names(void);

struct device;

struct fontset {
	struct font	*face[FONT_NFACES];	/* never NULL after fontset_open() */
	struct font	*owned[FONT_NFACES];	/* what fontset_free() frees */
	const char	*how[FONT_NFACES];	/* "file", "gothic-bold" or "synthetic", for the dump */
};

/*
 * Loads every face through the device (so that a text device gets fixed
 * metrics and the libharu device the real fonts). Returns 0, or -1 after
 * a diagnostic if a regular face cannot be loaded.
 */
int fontset_open(struct fontset *, struct device *, const struct font_config *,
    struct diag *);
void fontset_free(struct fontset *);

/*
 * The face to draw cp with when f has no glyph for it: the other family of
 * the same weight, then the regular of each family; NULL if none has it.
 * Borrowed.
 */
struct font *fontset_fallback(const struct fontset *, const struct font *f,
    uint32_t cp);

#endif
