/* words.c: see words.h. */
#include "words.h"

const char *
word_status(enum status st)
{
	switch (st) {
	case STATUS_NEW:
		return "新規";
	case STATUS_CONTINUED:
		return "継続";
	case STATUS_RENAMED:
		return "継続（名称変更）";
	case STATUS_MERGED:
		return "統合";
	case STATUS_ENDED:
		return "終了";
	case STATUS_NONE:
		break;
	}
	return NULL;
}

const char *
word_relation(enum relation r)
{
	switch (r) {
	case REL_CONTINUED:
		return "継続";
	case REL_RENAMED:
		return "継続（名称変更）";
	case REL_MERGED:
		return "統合";
	case REL_SPLIT:
		return "分割";
	case REL_ABSORBED:
		return "統合（吸収）";
	}
	return "";
}

const char *
word_disposition(enum disposition d)
{
	return d == DISP_ENDED ? "終了" : "継続";
}

static const struct { const char *name, *key; } kana_rows[KR_COUNT] = {
	{ "あ行", "a" }, { "か行", "ka" }, { "さ行", "sa" }, { "た行", "ta" },
	{ "な行", "na" }, { "は行", "ha" }, { "ま行", "ma" }, { "や行", "ya" },
	{ "ら行", "ra" }, { "わ行", "wa" }, { "英数字・記号", "other" }
};

const char *
word_kana_row(enum kana_row r)
{
	return kana_rows[(unsigned)r < KR_COUNT ? r : KR_OTHER].name;
}

const char *
kana_row_key(enum kana_row r)
{
	return kana_rows[(unsigned)r < KR_COUNT ? r : KR_OTHER].key;
}
