#!/usr/bin/env bash
# extract-bench.sh — scores storydiff's HTML reader and the two Go article
# extractors it was chosen from on the public, human-labelled
# scrapinghub/article-extraction-benchmark (181 real article pages), in one
# run, with the benchmark's own evaluate.py.
#
# Usage: scripts/extract-bench.sh BENCH_DIR [OUT_DIR]
#   BENCH_DIR  a checkout of article-extraction-benchmark (html/*.html.gz,
#              ground-truth.json, evaluate.py); it is never copied into
#              this repository.
#   OUT_DIR    where output/*.json are written (default: a temp directory).
# Env: ONLY=storydiff,readeck,trafilatura (default all); N_BOOTSTRAP (200).
# Needs: go, python3 (evaluate.py uses the standard library only).
#
# The Go program is scripts/extractbench, a module of its own so that the
# extractor storydiff does not use stays out of storydiff's go.mod.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:?usage: scripts/extract-bench.sh BENCH_DIR [OUT_DIR]}
bench=$(cd "$bench" && pwd)
for f in ground-truth.json evaluate.py html; do
	[ -e "$bench/$f" ] || { echo "extract-bench.sh: $bench/$f missing" >&2; exit 1; }
done
command -v python3 >/dev/null || { echo "extract-bench.sh: python3 not found" >&2; exit 1; }
out=${2:-$(mktemp -d "${TMPDIR:-/tmp}/storydiff-extract.XXXXXX")}
mkdir -p "$out"
rm -f "$out"/output/*.json

bin="$out/extractbench"
# -mod=mod: storydiff's own dependencies may have moved on since go.sum here.
(cd "$root/scripts/extractbench" && go build -mod=mod -o "$bin" .)
echo "== extraction ($(nproc) cores; load: $(uptime | sed 's/.*load average: //'))"
"$bin" -bench "$bench" -out "$out" -only "${ONLY:-}"
echo
echo "== evaluate.py (the benchmark's own scorer)"
(cd "$out" && python3 "$bench/evaluate.py" --n-bootstrap "${N_BOOTSTRAP:-200}")
echo
echo "outputs in $out/output"
