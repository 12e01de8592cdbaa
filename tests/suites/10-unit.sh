# Unit tests: every tests/unit/test_*.c binary, in this flavour.
set -u
status=0
for t in "$UNITDIR"/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out=$("$t" 2>&1)
	rc=$?
	# Prefix each check with the test's name; keep explanation lines.
	printf '%s\n' "$out" | sed -e "s/^ok [0-9]* - /ok - $name: /" \
	    -e "s/^not ok [0-9]* - /not ok - $name: /" | grep -v '^1\.\.'
	if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
		echo "not ok - $name crashed or failed with status $rc"
		printf '%s\n' "$out" | tail -20 | sed 's/^/# /'
	fi
	[ $rc -eq 0 ] || status=1
done
exit $status
