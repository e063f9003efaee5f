#!/usr/bin/env bash
# bench.sh — whole-process comparison of storydiff with git diff --word-diff
# and wdiff on generated story pairs of about 10 KB, 100 KB, 1 MB and 10 MB.
#
# The pairs come from the test-only generator in diff/gen_test.go (fixture
# stories concatenated with seeded variations, then seeded editorial edits:
# moves, splits, merges, sentence edits, deletions, additions, typography).
# Every tool is timed with /usr/bin/time -v; the table shows wall time, max
# RSS and storydiff's ratio to each tool.
#
# Usage: scripts/bench.sh [SIZES...]   (default: 10KB 100KB 1MB 10MB)
# RUNS=N (default 3): rounds per size; the table shows each tool's fastest.
# Then the viewer's first output and first diff frame on the largest pair
# (scripts/firstframe.py, when python3 is there).
# Needs: go, git, /usr/bin/time, wdiff (apt-get install -y wdiff time).
# Set KEEP=1 to keep the temporary directory.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10KB 100KB 1MB 10MB)

for tool in go git /usr/bin/time wdiff; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench.sh: $tool not found (apt-get install -y wdiff time)" >&2
		exit 1
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/storydiff-bench.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
	echo "keeping $tmp" >&2
else
	trap 'rm -rf "$tmp"' EXIT
fi

echo "generating pairs in $tmp ..." >&2
(cd "$root" && STORYDIFF_GEN_DIR="$tmp" go test ./diff -run '^TestGenerateBenchPairs$' -count=1 >/dev/null)
echo "building storydiff ..." >&2
if ! (cd "$root" && go build -o "$tmp/storydiff" ./cmd/storydiff); then
	echo "bench.sh: cmd/storydiff does not build; retry later" >&2
	exit 1
fi

# measure TOOL-NAME OUT-FILE CMD... : runs CMD with stdout to /dev/null and
# prints "wall_seconds max_rss_kb exit_status cpu_seconds".
measure() {
	local log="$tmp/time.log" status=0
	/usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$tmp/stderr.log" || status=$?
	local wall rss cpu
	cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$log")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
	# h:mm:ss or m:ss.cc → seconds
	wall=$(awk -v t="$wall" 'BEGIN { n = split(t, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.3f", s }')
	echo "$wall $rss $status $cpu"
}

runs=${RUNS:-3}
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; best of $runs runs per tool"
echo "wall = elapsed seconds, cpu = user+sys seconds, RSS = max resident set (MiB), RSS/in = storydiff RSS / input bytes"
printf '%-6s %9s | %-9s %7s %8s %7s | %-9s %7s %8s | %-9s %7s %8s | %8s %8s\n' \
	size bytes "sd wall" "sd cpu" "sd RSS" "RSS/in" "git wall" "git cpu" "git RSS" "wd wall" "wd cpu" "wd RSS" "sd/git" "sd/wdiff"
printf '%s\n' "$(printf '%.0s-' {1..130})"
for s in "${sizes[@]}"; do
	old="$tmp/$s-old.txt" new="$tmp/$s-new.txt"
	if [ ! -f "$old" ]; then
		echo "bench.sh: no generated pair for size $s" >&2
		exit 1
	fi
	bytes=$(($(stat -c %s "$old") + $(stat -c %s "$new")))
	# RUNS rounds of the three tools in turn (so that a burst of load on a
	# shared machine hits all three alike); each tool's fastest run is kept.
	sw= gw= ww=
	for ((r = 0; r < runs; r++)); do
		# storydiff, git diff and wdiff exit 1 when the files differ: only >1 is an error.
		read -r w1 r1 x1 c1 < <(measure "$tmp/storydiff" --format json "$old" "$new")
		read -r w2 r2 x2 c2 < <(measure git diff --no-index --word-diff "$old" "$new")
		read -r w3 r3 x3 c3 < <(measure wdiff "$old" "$new")
		for x in "storydiff:$x1:1" "git:$x2:1" "wdiff:$x3:1"; do
			IFS=: read -r name code ok <<<"$x"
			if [ "$code" -gt "$ok" ]; then
				echo "bench.sh: $name exited $code on $s" >&2
				cat "$tmp/stderr.log" >&2
			fi
		done
		if [ -z "$sw" ] || awk -v a="$w1" -v b="$sw" 'BEGIN { exit !(a < b) }'; then sw=$w1 sr=$r1 sc=$c1; fi
		if [ -z "$gw" ] || awk -v a="$w2" -v b="$gw" 'BEGIN { exit !(a < b) }'; then gw=$w2 gr=$r2 gc=$c2; fi
		if [ -z "$ww" ] || awk -v a="$w3" -v b="$ww" 'BEGIN { exit !(a < b) }'; then ww=$w3 wr=$r3 wc=$c3; fi
	done
	awk -v s="$s" -v b="$bytes" -v sw="$sw" -v sr="$sr" -v sc="$sc" -v gw="$gw" -v gr="$gr" -v gc="$gc" \
		-v ww="$ww" -v wr="$wr" -v wc="$wc" 'BEGIN {
		# /usr/bin/time has 10 ms resolution: no ratio below it.
		r1 = gw > 0 ? sprintf("%7.1fx", sw / gw) : "    n/a"; r2 = ww > 0 ? sprintf("%7.1fx", sw / ww) : "    n/a"
		printf "%-6s %9d | %8.3fs %6.2fs %8.1f %6.1fx | %8.3fs %6.2fs %8.1f | %8.3fs %6.2fs %8.1f | %8s %8s\n",
			s, b, sw, sc, sr / 1024, sr * 1024 / b, gw, gc, gr / 1024, ww, wc, wr / 1024, r1, r2 }'
done

# The viewer: seconds to its first output and its first diff frame on the
# largest pair, on a 120x40 pseudo-terminal (scripts/firstframe.py), best
# of RUNS.
last=${sizes[${#sizes[@]}-1]}
if command -v python3 >/dev/null 2>&1; then
	best=
	for ((r = 0; r < runs; r++)); do
		line=$(python3 "$root/scripts/firstframe.py" "$tmp/storydiff" "$tmp/$last-old.txt" "$tmp/$last-new.txt") || continue
		f=$(awk '{print $(NF-2)}' <<<"$line")
		if [ -z "$best" ] || awk -v a="$f" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$f bestline=$line; fi
	done
	echo "viewer, $last pair: ${bestline:-no diff frame}"
else
	echo "viewer: python3 not found, first frame not measured" >&2
fi
