# The command line: exit statuses, clean checks of the sample and the test
# trees, deterministic dumps, and atomic output.
set -u
cd "$TOP"
t() {	# t "what" command...: ok if the command succeeds
	what=$1; shift
	if "$@" >"$WORK/t.out" 2>&1; then echo "ok - $what"
	else echo "not ok - $what"; sed 's/^/# /' "$WORK/t.out" | head -20; fi
}
status() {	# status WANT "what" command...: ok if the exit status is WANT
	want=$1 what=$2; shift 2
	"$@" >"$WORK/s.out" 2>&1
	got=$?
	if [ "$got" -eq "$want" ]; then echo "ok - $what"
	else echo "not ok - $what: exit $got, want $want"
		sed 's/^/# /' "$WORK/s.out" | head -20; fi
}

status 0 "--version" "$KEIKAKU" --version
status 0 "--help" "$KEIKAKU" --help
status 2 "no command is a usage error" "$KEIKAKU"
status 2 "unknown command is a usage error" "$KEIKAKU" frobnicate
status 2 "unknown option is a usage error" "$KEIKAKU" check --frob
status 2 "-o without a folder is a usage error" "$KEIKAKU" build content -o
status 2 "too many arguments" "$KEIKAKU" check content extra

# The sample plan and every test tree check clean: no error, no warning.
for tree in content tests/trees/*/; do
	tree=${tree%/}
	"$KEIKAKU" check --werror "$tree" >"$WORK/c.out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$WORK/c.out" ]; then
		echo "ok - check $tree: clean"
	else
		echo "not ok - check $tree: exit $rc"
		sed 's/^/# /' "$WORK/c.out" | head -30
	fi
	"$KEIKAKU" dump "$tree" >"$WORK/d1" 2>/dev/null
	"$KEIKAKU" dump "$tree" >"$WORK/d2" 2>/dev/null
	if [ -s "$WORK/d1" ] && cmp -s "$WORK/d1" "$WORK/d2"; then
		echo "ok - dump $tree is byte-identical across runs"
	else
		echo "not ok - dump $tree differs between runs or is empty"
	fi
done

# A missing content folder is an input error that says so, not a crash.
status 1 "missing content folder" "$KEIKAKU" check "$WORK/nonexistent"
t "missing content folder is named" grep -q "nonexistent.*is not a content folder" "$WORK/s.out"

# build writes out/ with its marker; a failed build leaves it intact.
out="$WORK/out"
t "build content" "$KEIKAKU" build -q content -o "$out"
t "out has model.txt" test -s "$out/model.txt"
t "out has the keikaku marker" test -f "$out/.keikaku-out"
before=$(cd "$out" && find . -type f -exec md5sum {} + | sort | md5sum)
mkdir -p "$WORK/bad"
cp -R content "$WORK/bad/content"
printf '\n[[no-such-term-anywhere]]\n' >>"$WORK/bad/content/chapters/$(ls content/chapters | head -1)"
status 1 "a build with errors fails" "$KEIKAKU" build -q "$WORK/bad/content" -o "$out"
after=$(cd "$out" && find . -type f -exec md5sum {} + | sort | md5sum)
if [ "$before" = "$after" ]; then echo "ok - failed build left out/ intact"
else echo "not ok - failed build changed out/"; fi
leftover=$(ls -a "$WORK" | grep -c '^\.out\.tmp-')
if [ "$leftover" -eq 0 ]; then echo "ok - no temporary folder left behind"
else echo "not ok - $leftover temporary folders left beside out/"; fi
t "a second build replaces out/" "$KEIKAKU" build -q content -o "$out"

# Never replace a folder keikaku did not write.
mkdir -p "$WORK/precious"
echo keep >"$WORK/precious/file.txt"
status 3 "refuses to replace a foreign folder" "$KEIKAKU" build -q content -o "$WORK/precious"
t "the foreign folder is untouched" grep -q keep "$WORK/precious/file.txt"

# The default theme is found from any folder, not only the checkout.
(cd "$WORK" && "$KEIKAKU" build -q "$TOP/content" -o "$WORK/elsewhere" >"$WORK/e.out" 2>&1)
if [ $? -eq 0 ] && [ -f "$WORK/elsewhere/site/index.html" ]; then
	echo "ok - build from another folder finds the default theme"
else
	echo "not ok - build from another folder"; sed 's/^/# /' "$WORK/e.out" | head
fi
