#!/bin/sh
# mktree.sh DIR: prints the content tree DIR as one fuzz_tree input (see
# fuzz_tree.c): plan.yaml first, then every other file under a line
# "%%% relative/path", in byte order. Files whose path fuzz_tree would not
# write (spaces, non-ASCII names) are left out.
set -eu
dir=$1
cat "$dir/plan.yaml" 2>/dev/null || true
(cd "$dir" && find . -type f ! -name plan.yaml | sed 's|^\./||' | LC_ALL=C sort) |
while IFS= read -r f; do
	case $f in *[!A-Za-z0-9/._-]*) continue ;; esac
	printf '%%%%%% %s\n' "$f"
	cat "$dir/$f"
done
