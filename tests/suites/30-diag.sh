# Diagnostics goldens: each tests/diag/NN-*/ case must give exactly its
# `expected` output (exit status, then every diagnostic with file:line:col
# and code). And the codes agree everywhere:
#   (a) every code the sources can emit (source_codes in lib.sh) has a
#       section "## code" in docs/diagnostics.md and appears in at least one
#       `expected` golden, unless its section says "No test case:" (then it
#       must appear in none, or the note is stale);
#   (b) every code in an `expected` golden is documented;
#   (c) every documented code is still in the sources.
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

doc="$TOP/docs/diagnostics.md"
source_codes >"$WORK/codes-src"
sed -n 's/^## \([a-z0-9-]*\)[[:space:]]*$/\1/p' "$doc" 2>/dev/null |
    sort -u >"$WORK/codes-doc"
awk '/^## / { code = $2 } /^No test case:/ { print code }' "$doc" \
    2>/dev/null | sort -u >"$WORK/codes-untested"
cat "$TOP"/tests/diag/[0-9]*/expected 2>/dev/null |
    sed -n 's/.* \[\([a-z0-9-]*\)\]$/\1/p' | sort -u >"$WORK/codes-golden"

# check WHAT FILE: ok when FILE is empty, else lists its lines.
check() {
	if [ ! -s "$2" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1:"
		sed 's/^/#   /' "$2"
	fi
}

n=$(wc -l <"$WORK/codes-src")
if [ "$n" -ge 30 ]; then
	echo "ok - $n diagnostic codes found in the sources"
else
	echo "not ok - only $n diagnostic codes found in the sources: is source_codes in tests/diag/lib.sh still right?"
fi
comm -23 "$WORK/codes-src" "$WORK/codes-doc" >"$WORK/x"
check "every code in the sources has a section in docs/diagnostics.md" "$WORK/x"
comm -23 "$WORK/codes-src" "$WORK/codes-golden" |
    comm -23 - "$WORK/codes-untested" >"$WORK/x"
check "every code in the sources has a golden in tests/diag (or a 'No test case:' note)" "$WORK/x"
comm -12 "$WORK/codes-untested" "$WORK/codes-golden" >"$WORK/x"
check "no code with a 'No test case:' note has a golden (remove the note)" "$WORK/x"
comm -23 "$WORK/codes-golden" "$WORK/codes-doc" >"$WORK/x"
check "every code in the goldens has a section in docs/diagnostics.md" "$WORK/x"
comm -23 "$WORK/codes-doc" "$WORK/codes-src" >"$WORK/x"
check "every code in docs/diagnostics.md is still in the sources" "$WORK/x"

# (d) every example in docs/diagnostics.md, "Example (tests/diag/CASE):"
#     and the indented line after it, is a line of that case's golden.
awk '/^Example \(tests\/diag\/[^)]*\):/ {
		c = $2; sub(/^\(tests\/diag\//, "", c); sub(/\):$/, "", c)
		want = 1; next
	}
	want && /^    / { sub(/^    /, ""); print c "\t" $0; want = 0; next }
	want && !/^$/ { print c "\t(no indented example line)"; want = 0 }' \
    "$doc" >"$WORK/examples"
tab=$(printf '\t')
while IFS="$tab" read -r c line; do
	if [ ! -f "$TOP/tests/diag/$c/expected" ]; then
		echo "$c: no such case"
	elif ! grep -qxF -- "$line" "$TOP/tests/diag/$c/expected"; then
		echo "$c: $line"
	fi
done <"$WORK/examples" >"$WORK/x"
n=$(wc -l <"$WORK/examples")
if [ "$n" -ge 30 ]; then
	echo "ok - $n examples found in docs/diagnostics.md"
else
	echo "not ok - only $n examples found in docs/diagnostics.md: is the 'Example (tests/diag/CASE):' form still used?"
fi
check "every example in docs/diagnostics.md is a line of the golden it names" "$WORK/x"
