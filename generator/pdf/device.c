/*
 * device.c: what every device shares (see device.h).
 */
#include <errno.h>
#include <stdlib.h>

#include "pdf/device.h"

const char *
dev_stype_name(enum dev_stype t)
{
	static const char *const names[DEV_S_COUNT] = {
		[DEV_S_DOCUMENT] = "Document", [DEV_S_PART] = "Part",
		[DEV_S_SECT] = "Sect", [DEV_S_H1] = "H1", [DEV_S_H2] = "H2",
		[DEV_S_H3] = "H3", [DEV_S_H4] = "H4", [DEV_S_H5] = "H5",
		[DEV_S_H6] = "H6", [DEV_S_P] = "P", [DEV_S_L] = "L",
		[DEV_S_LI] = "LI", [DEV_S_LBL] = "Lbl", [DEV_S_LBODY] = "LBody",
		[DEV_S_TABLE] = "Table", [DEV_S_THEAD] = "THead",
		[DEV_S_TBODY] = "TBody", [DEV_S_TR] = "TR", [DEV_S_TH] = "TH",
		[DEV_S_TD] = "TD", [DEV_S_FIGURE] = "Figure",
		[DEV_S_CAPTION] = "Caption", [DEV_S_NOTE] = "Note",
		[DEV_S_REFERENCE] = "Reference", [DEV_S_LINK] = "Link",
		[DEV_S_TOC] = "TOC", [DEV_S_TOCI] = "TOCI", [DEV_S_SPAN] = "Span",
		[DEV_S_BLOCKQUOTE] = "BlockQuote", [DEV_S_DIV] = "Div",
	};

	return (unsigned)t < DEV_S_COUNT && names[t] ? names[t] : "?";
}

const char *
dev_attr_name(enum dev_attr a)
{
	static const char *const names[DEV_A_COUNT] = {
		[DEV_A_LANG] = "lang", [DEV_A_ALT] = "alt",
		[DEV_A_ACTUAL] = "actual", [DEV_A_E] = "e",
		[DEV_A_CONTENTS] = "contents", [DEV_A_SCOPE] = "scope",
		[DEV_A_ID] = "id", [DEV_A_HEADERS] = "headers",
		[DEV_A_COLSPAN] = "colspan", [DEV_A_ROWSPAN] = "rowspan",
	};

	return (unsigned)a < DEV_A_COUNT && names[a] ? names[a] : "?";
}

const char *
dev_role_name(enum dev_role r)
{
	switch (r) {
	case DEV_CONTENT:
		return "content";
	case DEV_ART_HEADER:
		return "header";
	case DEV_ART_FOOTER:
		return "footer";
	case DEV_ART_WATERMARK:
		return "watermark";
	case DEV_ART_LAYOUT:
		return "layout";
	case DEV_ART_REPEAT:
		return "repeat";
	}
	return "?";
}

void
dev_free(struct device *dev)
{
	if (dev != NULL)
		dev->ops->free(dev);
}

long long
dev_source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	/* The reproducible-builds spec: an integer of seconds; anything else is ignored. */
	if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL)
		return -1;
	return v;
}

void
dev_put_pt(struct buf *b, int32_t mpt)
{
	int64_t v = mpt;
	int frac;

	if (v < 0) {
		buf_putc(b, '-');
		v = -v;
	}
	buf_printf(b, "%lld", (long long)(v / 1000));
	frac = (int)(v % 1000);
	if (frac == 0)
		return;
	if (frac % 100 == 0)
		buf_printf(b, ".%d", frac / 100);
	else if (frac % 10 == 0)
		buf_printf(b, ".%02d", frac / 10);
	else
		buf_printf(b, ".%03d", frac);
}
