# tests/diag/lib.sh: shared by the diagnostics suite and tests/diag/regen.
# A case folder holds `base` (the tree under tests/trees/ it starts from),
# `files/` (files replacing or adding to that tree), `intent` (what is wrong,
# for the reader) and `expected` (the golden: "exit N" then the exact
# diagnostics of `keikaku check content`).

# make_case CASE DEST: builds the case's content tree at DEST/content.
make_case() {
	base=$(cat "$1/base")
	rm -rf "$2"
	mkdir -p "$2"
	cp -R "$TOP/tests/trees/$base" "$2/content"
	if [ -d "$1/files" ]; then
		cp -R "$1/files/." "$2/content/"
	fi
}

# run_case CASE DEST: prints "exit N" and the diagnostics, as in `expected`.
run_case() {
	make_case "$1" "$2"
	(cd "$2" && "$KEIKAKU" check content 2>&1 >/dev/null; echo "exit $?") \
	    >"$2/out.txt"
	tail -n 1 "$2/out.txt"
	sed '$d' "$2/out.txt"
}
