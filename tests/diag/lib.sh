# tests/diag/lib.sh: shared by the diagnostics suite and tests/diag/regen.
#
# A case folder tests/diag/NN-name/ holds:
#   base      the name of the tree under tests/trees/ it starts from
#   files/    files replacing or adding to that tree (optional)
#   setup     (optional, executable) a script for what files/ cannot carry
#             well: a file over the size limit, NUL bytes, invalid UTF-8, a
#             symbolic link or a link loop, folders nested too deep. It is
#             run after the overlay, with the case's content tree as the
#             current folder and TOP set to the top of the repository. It
#             must be deterministic and fast (no network, no clock, no
#             randomness; sparse files rather than written megabytes).
#   args      (optional) the keikaku command line instead of "check
#             content", as one line of words separated by spaces (no
#             quoting), run in the folder that holds content/: for
#             diagnostics of `keikaku build` (a theme, the output folder).
#   intent    what is wrong and where, for the reader
#   expected  the golden: "exit N", then the exact diagnostics (stderr)
#
# Diagnostics name files relative to the folder keikaku runs in, so the
# goldens hold "content/plan.yaml:3:5: …" whatever the scratch folder.

# One locale for every run: messages from the system (strerror) in English,
# and sort and comm in byte order.
LC_ALL=C
export LC_ALL

# make_case CASE DEST: builds the case's content tree at DEST/content.
make_case() {
	base=$(cat "$1/base")
	if [ -d "$2" ]; then
		chmod -R u+rwx "$2" 2>/dev/null
		rm -rf "$2"
	fi
	mkdir -p "$2"
	cp -R "$TOP/tests/trees/$base" "$2/content"
	if [ -d "$1/files" ]; then
		cp -R "$1/files/." "$2/content/"
	fi
	if [ -f "$1/setup" ]; then
		(cd "$2/content" && TOP="$TOP" "$1/setup") ||
		    echo "setup of $(basename "$1") failed" >&2
	fi
}

# run_case CASE DEST: prints "exit N" and the diagnostics, as in `expected`.
run_case() {
	case $1 in /*) ;; *) set -- "$(pwd)/$1" "$2" ;; esac
	make_case "$1" "$2"
	if [ -f "$1/args" ]; then
		args=$(cat "$1/args")
	else
		args="check content"
	fi
	# $args is split at spaces on purpose (see the header).
	# shellcheck disable=SC2086
	# (a && b || c: a failing status does not stop a caller under set -e)
	(cd "$2" && "$KEIKAKU" $args 2>&1 >/dev/null && echo "exit 0" ||
	    echo "exit $?") >"$2.out"
	tail -n 1 "$2.out"
	sed '$d' "$2.out"
	# The scratch tree is not needed any more; a big one would fill $WORK.
	chmod -R u+rwx "$2" 2>/dev/null
	rm -rf "$2" "$2.out"
}

# source_codes: prints, sorted, every diagnostic code the generator's sources
# can emit. The reporting functions are diag_error, diag_warning, diag_syserr
# and every helper that takes a parameter "const char *code" (md_err,
# rctx_report, theme_error, …), found by that parameter. In each call, the
# code is the first 'kebab-case' string literal, and a second one after ':'
# (a code chosen by cond ? "a-b" : "c-d").
source_codes() {
	_files=$(find "$TOP/generator" -name '*.[ch]' | sort)
	# shellcheck disable=SC2086
	_fns=$(for f in $_files; do tr '\n\t' '  ' <"$f"; echo; done |
	    grep -oE '[A-Za-z_][A-Za-z0-9_]*\([^()]*const char \*code[,)]' |
	    sed 's/(.*//' | sort -u | tr '\n' '|')
	_fns="diag_error|diag_warning|diag_syserr|${_fns%|}"
	# shellcheck disable=SC2086
	for f in $_files; do
		tr '\n\t' '  ' <"$f" |
		grep -oE "(^|[^A-Za-z0-9_])($_fns)[[:space:]]*\\([^;]*" |
		awk '{
			s = $0
			if (!match(s, /"[a-z][a-z0-9]*(-[a-z0-9]+)*"/))
				next
			print substr(s, RSTART + 1, RLENGTH - 2)
			s = substr(s, RSTART + RLENGTH)
			if (match(s, /^ *: *"[a-z][a-z0-9]*(-[a-z0-9]+)*"/)) {
				t = substr(s, RSTART, RLENGTH)
				sub(/^ *: *"/, "", t)
				sub(/"$/, "", t)
				print t
			}
		}'
	done | sort -u
}
