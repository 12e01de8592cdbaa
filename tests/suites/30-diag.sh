# Diagnostics goldens: each tests/diag/NN-*/ case must give exactly its
# `expected` output (exit status, then every diagnostic with file:line:col
# and code). Plus: every diagnostic code in docs/diagnostics.md has a case.
set -u
. "$TOP/tests/diag/lib.sh"
for c in "$TOP"/tests/diag/[0-9]*/; do
	c=${c%/}
	name=$(basename "$c")
	if [ ! -f "$c/expected" ]; then
		echo "not ok - diag $name: no expected golden (run tests/diag/regen $name and review it)"
		continue
	fi
	run_case "$c" "$WORK/$name" >"$WORK/$name.got"
	if cmp -s "$WORK/$name.got" "$c/expected"; then
		echo "ok - diag $name"
	else
		echo "not ok - diag $name"
		diff "$c/expected" "$WORK/$name.got" | sed 's/^/# /' | head -20
	fi
done
