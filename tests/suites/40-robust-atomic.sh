# Atomic output (issue 6; generator/outdir.c): a build killed with SIGKILL
# part-way, at three points (as soon as its temporary folder beside out/
# appears, while it writes the PDF, while it writes the site), leaves the
# previous out/ intact and complete, byte for byte; the next build removes
# the killed build's temporary folder and replaces out/ whole. A temporary
# folder of a build still running is left alone.
set -u
cd "$TOP"
K=$KEIKAKU
out=$WORK/out

# sums DIR: one line per file, "sha256  path", sorted: the whole tree.
sums() { (cd "$1" && find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2); }

# A tree ten times the sample, so that a build lasts long enough to be
# caught part-way (seconds, not milliseconds).
sh tests/bench/scale.sh content "$WORK/big" 10 >/dev/null 2>&1 ||
    echo "not ok - atomic: cannot scale the sample"

if "$K" build -q content -o "$out" >"$WORK/first.log" 2>&1; then
	echo "ok - atomic: first build of the sample"
else
	echo "not ok - atomic: first build of the sample"
	sed 's/^/# /' "$WORK/first.log" | head
	exit 1
fi
sums "$out" >"$WORK/before"

# kill_at WHAT PATH: starts a build of the big tree, waits until PATH
# (relative to its temporary folder; "." for the folder itself) exists,
# kills it with SIGKILL, and checks out/.
kill_at() {
	what=$1 rel=$2
	"$K" build -q "$WORK/big" -o "$out" >"$WORK/kill.log" 2>&1 &
	pid=$!
	tmp=""
	i=0
	# Poll every 10 ms for up to 5 minutes (ASan is slow).
	while [ $i -lt 30000 ]; do
		for d in "$WORK"/.out.tmp-"$pid"-*; do
			[ -d "$d" ] && [ -e "$d/$rel" ] && tmp=$d
		done
		[ -n "$tmp" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.01
		i=$((i + 1))
	done
	if [ -z "$tmp" ] || ! kill -KILL "$pid" 2>/dev/null; then
		wait "$pid"
		echo "not ok - atomic: the build ended before it could be killed $what (exit $?)"
		return
	fi
	wait "$pid"
	st=$?
	if [ "$st" -ne 137 ]; then
		echo "not ok - atomic: killed $what, the build exited $st, not by SIGKILL"
		return
	fi
	sums "$out" >"$WORK/after"
	if cmp -s "$WORK/before" "$WORK/after"; then
		echo "ok - atomic: killed $what: out/ intact and complete ($(wc -l <"$WORK/before") files, same checksums)"
	else
		echo "not ok - atomic: killed $what: out/ changed"
		diff "$WORK/before" "$WORK/after" | head -10 | sed 's/^/# /'
	fi
	if [ -d "$tmp" ]; then
		echo "ok - atomic: killed $what: its temporary folder is left ($(basename "$tmp"))"
	else
		echo "not ok - atomic: killed $what: no temporary folder left to clean"
	fi
	STALE=$tmp
}

kill_at "as its temporary folder appeared" .
kill_at "while it wrote the PDF" pdf
kill_at "while it wrote the site" site/index.html

# A temporary folder of a build that is still running (pid 1 always runs)
# must not be removed by another build; one of a dead process must.
mkdir -p "$WORK/.out.tmp-1-keepme"
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir -p "$WORK/.out.tmp-$dead-stale"

# The next build removes the killed builds' folders and replaces out/.
if "$K" build -q "$TOP/tests/trees/minimal" -o "$out" >"$WORK/next.log" 2>&1; then
	echo "ok - atomic: the next build succeeds"
else
	echo "not ok - atomic: the next build fails"
	sed 's/^/# /' "$WORK/next.log" | head
fi
left=$(ls -a "$WORK" | grep '^\.out\.tmp-' | grep -v -x '.out.tmp-1-keepme')
if [ -z "$left" ]; then
	echo "ok - atomic: the next build removed every stale temporary folder"
else
	echo "not ok - atomic: stale temporary folders left:" $left
fi
if [ -d "$WORK/.out.tmp-1-keepme" ]; then
	echo "ok - atomic: the temporary folder of a running build is left alone"
else
	echo "not ok - atomic: the temporary folder of a running build was removed"
fi
rm -rf "$WORK/.out.tmp-1-keepme"
"$K" build -q "$TOP/tests/trees/minimal" -o "$WORK/ref" >/dev/null 2>&1
sums "$WORK/ref" >"$WORK/ref.sums"
sums "$out" >"$WORK/out.sums"
if [ -f "$out/.keikaku-out" ] && cmp -s "$WORK/ref.sums" "$WORK/out.sums"; then
	echo "ok - atomic: out/ is now exactly the new build (nothing of the old one left)"
else
	echo "not ok - atomic: out/ is not exactly the new build"
	diff "$WORK/ref.sums" "$WORK/out.sums" | head -10 | sed 's/^/# /'
fi
# A build that cannot write (a file-size limit, as on a full disk: write
# fails with EFBIG once SIGXFSZ is ignored) is a system error that leaves
# out/ as it was and no temporary folder behind.
sums "$out" >"$WORK/before"
(trap '' XFSZ; ulimit -f 100 && exec "$K" build -q "$WORK/big" -o "$out") >"$WORK/full.log" 2>&1
st=$?
sums "$out" >"$WORK/after"
if [ "$st" -eq 3 ] && grep -q 'error: cannot write: .*\[io\]' "$WORK/full.log" &&
    cmp -s "$WORK/before" "$WORK/after" &&
    [ -z "$(ls -a "$WORK" | grep '^\.out\.tmp-')" ]; then
	echo "ok - atomic: a build that cannot write exits 3 with an io error, out/ intact, its temporary folder removed"
else
	echo "not ok - atomic: a build that cannot write (exit $st)"
	head -5 "$WORK/full.log" | sed 's/^/# /'
	ls -a "$WORK" | sed 's/^/# /'
fi

exit 0
