/*
 * words.h: the words a plan prints for the model's enumerations (a project's
 * status, a predecessor relation, an old project's disposition). One table
 * for every back end, so the HTML and the PDF print the same word.
 */
#ifndef KEIKAKU_WORDS_H
#define KEIKAKU_WORDS_H

#include "model.h"

/* 新規, 継続, 継続（名称変更）, 統合, 終了; NULL for STATUS_NONE. Static strings. */
const char *word_status(enum status);
/* 継続, 継続（名称変更）, 統合, 分割, 統合（吸収）. */
const char *word_relation(enum relation);
/* 継続, 終了. */
const char *word_disposition(enum disposition);

/* あ行 … わ行, 英数字・記号. */
const char *word_kana_row(enum kana_row);
/* The row's name in anchors: a, ka … wa, other (the HTML id and PDF destination kana-a). */
const char *kana_row_key(enum kana_row);

#endif
