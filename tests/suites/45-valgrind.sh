# once
# Memory discipline (issue 6) under valgrind's memcheck, with the plain
# (uninstrumented) build: the sample plan built in full, and every test tree
# checked and dumped, must show no invalid read or write, no use of
# uninitialised memory and no leak (definite or possible). The ASan flavour
# of every other suite adds LeakSanitizer on all the error paths; valgrind
# also sees what the libraries (libyaml, cmark-gfm, libxml2, libharu) do
# with our memory. Slow (about 20x), so the sample's build only.
set -u
cd "$TOP"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "not ok - valgrind: not installed (make test-deps)"
	exit 1
fi
VG="valgrind -q --leak-check=full --show-leak-kinds=definite,possible \
    --errors-for-leak-kinds=definite,possible --track-origins=yes \
    --error-exitcode=99"

vg() {	# vg WHAT command...: ok if memcheck finds nothing and the command succeeds
	what=$1
	shift
	# shellcheck disable=SC2086
	$VG "$@" >"$WORK/vg.out" 2>"$WORK/vg.err"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		echo "ok - valgrind: $what"
	else
		echo "not ok - valgrind: $what (exit $rc)"
		grep -E '^==[0-9]+==' "$WORK/vg.err" | head -30 | sed 's/^/# /'
	fi
}

vg "build of the sample plan" "$KEIKAKU" build -q content -o "$WORK/out"
for t in content tests/trees/*/; do
	t=${t%/}
	vg "check $t" "$KEIKAKU" check -q "$t"
	vg "dump $t" "$KEIKAKU" dump "$t"
done
# An input error path: a tree with errors, and a failed build leaving out/.
mkdir -p "$WORK/bad"
cp -R tests/trees/minimal "$WORK/bad/content"
printf '\n[[no-such-term]] ![x](../../etc/passwd)\n' >>"$WORK/bad/content/chapters/01-intro.md"
$VG "$KEIKAKU" build -q "$WORK/bad/content" -o "$WORK/out" >/dev/null 2>"$WORK/vg.err"
if [ $? -eq 1 ]; then
	echo "ok - valgrind: a build with input errors (exit 1, nothing reported)"
else
	echo "not ok - valgrind: a build with input errors"
	grep -E '^==[0-9]+==' "$WORK/vg.err" | head -30 | sed 's/^/# /'
fi
exit 0
