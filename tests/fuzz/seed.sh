#!/bin/sh
# seed.sh OUT: writes the seed corpora of the fuzz targets into OUT/<target>/
# from the sample plan (content/), the test trees (tests/trees/) and the
# diagnostics cases (tests/diag/), then adds the regression inputs of
# tests/fuzz/regressions/<target>/. Deterministic; run from anywhere.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
rm -rf "$out"
for t in yaml md fy linebreak tree; do mkdir -p "$out/$t"; done
# seed TARGET < data: one input, named by its SHA-1 as libFuzzer names them.
seed() {
	cat >"$out/$1/.new"
	mv "$out/$1/.new" "$out/$1/$(sha1sum <"$out/$1/.new" | cut -c1-40)"
}
# Every YAML and Markdown file of the trees, and every front-matter block.
files=$(cd "$top" && find content tests/trees tests/diag -type f \
    \( -name '*.yaml' -o -name '*.md' \) | LC_ALL=C sort)
for f in $files; do
	case $f in
	*.yaml)	seed yaml <"$top/$f" ;;
	*.md)	seed md <"$top/$f"
		awk 'NR == 1 && /^---/ { fm = 1; next } fm && /^(---|\.\.\.)/ { exit } fm' \
		    "$top/$f" | seed yaml
		# Paragraphs for the line breaker, after four option bytes.
		awk 'NR > 1 && /^---/ { body = 1; next } body && length($0) > 20 { print; c++ } c >= 3 { exit }' \
		    "$top/$f" | { printf '\050\001\003\001'; cat; } | seed linebreak ;;
	esac
done
# Years and dates in every form fy.h documents, and values from the trees.
for s in R8 'R 8' Ｒ８ r8 令和8年度 令和８年度 '令和 8 年度' 令和元年度 2026年度 \
    FY2026 'FY 2026' H30 平成30年度 S63 昭和63年度 2026 '令和8年度（2026年度）' \
    平成31年度 昭和64年度 大正15年 2026-03-31 2026-03 2026年3月31日 2026年3月 \
    令和8年3月31日 令和8年3月 令和８年３月 R8.3 R8.3.31 R8/3/31 令和8年●月 R8.● \
    '令和8年（2026年）3月31日' 2019-04-30 2019-05-01 1989-01-07 1989-01-08 \
    1926-12-24 1926-12-25 9999-12-31 2024-02-29; do
	printf '%s' "$s" | seed fy
done
(cd "$top" && LC_ALL=C grep -rhoE '(R|H|令和|平成)([0-9]|元)+(\.[0-9]+)*(年度|年[0-9]+月([0-9]+日)?)?' \
    content tests/trees) | LC_ALL=C sort -u | head -200 |
while IFS= read -r s; do printf '%s' "$s" | seed fy; done
# Whole trees: the sample, the test trees, and each diagnostics case
# (its base tree with its files laid over; setup scripts are not run).
for t in "$top/content" "$top"/tests/trees/*/; do
	sh "$top/tests/fuzz/mktree.sh" "${t%/}" | seed tree
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/keikaku-seed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
for c in "$top"/tests/diag/[0-9]*/; do
	[ -f "$c/base" ] || continue
	rm -rf "$tmp/t"
	cp -R "$top/tests/trees/$(cat "$c/base")" "$tmp/t"
	[ -d "$c/files" ] && cp -R "$c/files/." "$tmp/t/"
	sh "$top/tests/fuzz/mktree.sh" "$tmp/t" | seed tree
done
for t in yaml md fy linebreak tree; do
	if [ -d "$top/tests/fuzz/regressions/$t" ]; then
		for f in "$top/tests/fuzz/regressions/$t"/*; do
			[ -f "$f" ] && cp "$f" "$out/$t/"
		done
	fi
done
exit 0
