# once
# The libFuzzer targets (tests/fuzz/, built by `make fuzz-build`): every
# input in tests/fuzz/regressions/<target>/ is replayed (each is a crash a
# fuzzer once found, fixed since), then each target runs briefly from the
# seed corpora (tests/fuzz/seed.sh) with a fixed seed, FUZZ_BRIEF_SECONDS
# each (default 20). The targets carry ASan and UBSan themselves, so one
# flavour is enough. `make fuzz` runs them for ten minutes each.
set -u
cd "$TOP"
secs=${FUZZ_BRIEF_SECONDS:-20}
fz=$TOP/build/fuzz
sh tests/fuzz/seed.sh "$WORK/corpus" >"$WORK/seed.log" 2>&1 ||
    echo "not ok - fuzz: seeding the corpora failed"

maxlen() {
	case $1 in
	fy) echo 256 ;;
	linebreak) echo 8192 ;;
	yaml|md) echo 32768 ;;
	tree) echo 65536 ;;
	esac
}

cat tests/fuzz/md.dict tests/fuzz/yaml.dict >"$WORK/tree.dict"
dict() {
	case $1 in
	yaml|md) echo "-dict=tests/fuzz/$1.dict" ;;
	tree) echo "-dict=$WORK/tree.dict" ;;
	*) ;;
	esac
}

for t in yaml md fy linebreak tree; do
	bin=$fz/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "not ok - fuzz_$t is not built (make fuzz-build)"
		continue
	fi
	for f in tests/fuzz/regressions/$t/*; do
		[ -f "$f" ] || continue
		if timeout 120 "$bin" -timeout=60 "$f" >"$WORK/replay.log" 2>&1; then
			echo "ok - fuzz_$t: regression $(basename "$f")"
		else
			echo "not ok - fuzz_$t: regression $(basename "$f") fails again"
			grep -E 'ERROR|SUMMARY|runtime error|fuzz_' "$WORK/replay.log" |
			    head -5 | sed 's/^/# /'
		fi
	done
	timeout $((secs * 3 + 120)) "$bin" -seed=1 -max_total_time="$secs" \
	    -max_len="$(maxlen "$t")" $(dict "$t") -timeout=30 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$WORK/$t-" \
	    "$WORK/corpus/$t" >"$WORK/$t.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/$t.log")
	if [ "$rc" -eq 0 ]; then
		echo "ok - fuzz_$t: ${secs} s, ${execs:-?} inputs, no finding"
	else
		echo "not ok - fuzz_$t: a finding (exit $rc) in ${secs} s"
		grep -E 'ERROR|SUMMARY|runtime error|fuzz_|Test unit written' \
		    "$WORK/$t.log" | head -8 | sed 's/^/# /'
		for a in "$WORK/$t-"*; do
			[ -f "$a" ] || continue
			echo "# input (base64): $(base64 -w0 "$a" | head -c 2000)"
		done
	fi
done
exit 0
