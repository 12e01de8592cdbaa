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
