# tests/pathological/lib.sh: helpers of tests/suites/40-robust.sh. Every
# hostile input is generated at test time with sh and awk (nothing large is
# committed). A case is a content tree at $WORK/<name>/content, built from
# tests/trees/minimal and changed by the case; keikaku runs in $WORK/<name>,
# so diagnostics name "content/…" whatever the scratch folder.
#
# Bounds. bounded() runs keikaku under `timeout -s KILL` and, in the plain
# flavour, `ulimit -v` (address space), and measures wall time and peak RSS
# with tests/bench/measure.c. Under ASan/UBSan the time bound is multiplied
# by ASAN_SLOWER and no address-space limit is set (the sanitizer reserves
# terabytes of shadow memory); peak RSS is still reported. Every bound is
# named in docs/robustness.md with its reason.

ASAN_SLOWER=10

# The bounds, in seconds and MiB of address space (docs/robustness.md,
# "Bounds", gives each one's reason). Measured on a 2-core machine, the
# plain build stays under a tenth of each.
CHECK_S=5 CHECK_MIB=256		# `check` of a small tree with one hostile file
BUILD_S=10 BUILD_MIB=512	# `build` of a small tree with one odd file
HEAVY_S=30 HEAVY_MIB=512	# `build` with a file at a size limit
LARGE_S=60 LARGE_MIB=1024	# `build` of 5,000 projects

LC_ALL=C
export LC_ALL

# case_tree NAME: a fresh copy of the minimal tree at $WORK/NAME/content.
case_tree() {
	rm -rf "${WORK:?}/$1"
	mkdir -p "$WORK/$1"
	cp -R "$TOP/tests/trees/minimal" "$WORK/$1/content"
	C=$WORK/$1/content
}

# chapter FILE < body: the chapter file FILE (relative to $C) with a
# front-matter of four lines, so that the body starts on line 5.
chapter() {
	{ printf -- '---\ntitle: 計画について\nkey: intro\n---\n'; cat; } >"$C/$1"
}

# project KEY FILE: a valid project sheet.
project() {
	printf -- '---\ntype: project\nkey: %s\ntitle: 事業 %s\npillar: 1\nstatus: new\ndepartments: [somu]\n---\n%s の説明です。\n' \
	    "$1" "$1" "$1" >"$C/$2"
}

# bounded NAME SECONDS MIB command...: runs the command in $WORK/NAME;
# sets RC, MS (wall time) and KIB (peak RSS); stderr in $WORK/NAME.err.
bounded() {
	_n=$1 _s=$2 _m=$3
	shift 3
	if [ "$FLAVOUR" = asan ]; then
		_s=$((_s * ASAN_SLOWER))
		_ulimit=":"
	else
		_ulimit="ulimit -v $((_m * 1024))"
	fi
	# measure prints "MS KIB STATUS" on its stdout; the command's own
	# output goes to files.
	_r=$(cd "$WORK/$_n" && "$MEASURE" sh -c "$_ulimit"' && o=$1 e=$2 && shift 2 &&
	    exec timeout -s KILL '"$_s"' "$@" >"$o" 2>"$e"' \
	    sh "$WORK/$_n.out" "$WORK/$_n.err" "$@")
	MS=${_r%% *}
	_r=${_r#* }
	KIB=${_r%% *}
	RC=${_r#* }
	MS=${MS%.*}
	BOUND_S=$_s
	BOUND_M=$_m
}

# within: ok if the last bounded() run kept its bounds. Prints the measure.
within() {
	_why=""
	[ "$RC" -eq 137 ] && _why="killed after ${BOUND_S} s"
	[ "$MS" -gt $((BOUND_S * 1000)) ] && _why="took $MS ms, bound ${BOUND_S} s"
	if [ "$FLAVOUR" != asan ] && [ "$KIB" -gt $((BOUND_M * 1024)) ]; then
		_why="peak $((KIB / 1024)) MiB, bound $BOUND_M MiB"
	fi
	[ "$RC" -ge 128 ] && [ "$RC" -ne 137 ] && _why="died with status $RC"
	echo "$_why"
}

# expect NAME WHAT SECONDS MIB STATUS 'file:line:col code'... -- command...:
# one check: the command exits with STATUS within the bounds, and stderr has
# an error or warning at each position with each code given (in any order).
expect() {
	_name=$1 _what=$2 _secs=$3 _mib=$4 _want=$5
	shift 5
	_diags=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		_diags="$_diags
$1"
		shift
	done
	shift
	bounded "$_name" "$_secs" "$_mib" "$@"
	_bad=$(within)
	if [ -z "$_bad" ] && [ "$RC" -ne "$_want" ]; then
		_bad="exit $RC, want $_want"
	fi
	# Every diagnostic must carry a position or name its file.
	if [ -z "$_bad" ] && grep -v -E '^(content/[^:]*(:[0-9]+:[0-9]+)?: (error|warning): .* \[[a-z0-9-]+\]|keikaku: .*)$' \
	    "$WORK/$_name.err" | grep -q .; then
		_bad="a diagnostic without the file:line:col form"
	fi
	_IFS=$IFS
	IFS='
'
	for _d in $_diags; do
		[ -n "$_d" ] || continue
		_pos=${_d% *}
		_code=${_d##* }
		if ! grep -q -F -e "$_pos: " "$WORK/$_name.err" ||
		    ! grep -F -e "$_pos: " "$WORK/$_name.err" | grep -q -F "[$_code]"; then
			_bad="${_bad:+$_bad; }no [$_code] at $_pos"
		fi
	done
	IFS=$_IFS
	if [ -z "$_bad" ]; then
		echo "ok - robust: $_what ($MS ms, $((KIB / 1024)) MiB; bound ${BOUND_S} s, $BOUND_M MiB)"
	else
		echo "not ok - robust: $_what: $_bad"
		head -12 "$WORK/$_name.err" | sed 's/^/# /'
	fi
}
