#!/usr/bin/env bash
# Performance against the floors, side by side in one run (see BENCHMARKS.md):
#
#  - Go benchmarks, interleaved in rounds: a tick through the store against
#    the same rows written with plain database/sql, readiness on the embedded
#    and on a 5,000-entry roadmap, opening the large database against reading
#    the same rows with database/sql, the History screen's data, the PDF
#    export;
#  - start-up, in alternating runs under one Xvfb of our own: time from
#    process start until the window is mapped, and resident memory (VmRSS)
#    two seconds later, for devpath with the embedded roadmap on a prepared
#    small database, devpath on the large generated database with the large
#    generated roadmap (--roadmap), and the empty Fyne window
#    (ui/internal/emptywindow), in fresh homes (LANG=C.UTF-8, XDG folders in
#    a temporary folder);
#  - input to repaint in the real window, under a second Xvfb of our own
#    (2400x800, devpath and the floor side by side, FYNE_SCALE=1, no
#    animations): keys and clicks sent with XTEST, the repaint seen with
#    DAMAGE and the window's pixels, for each action on the small database
#    and on the large one, each sample followed by one of the floor (the
#    empty window's button changing its label, clicked or reached by a
#    shortcut the same way).
#
# It prints every figure with its ratio to its floor and its target.
#
# Usage: .ci/startup-bench.sh [--runs N] [--rounds N] [--latency-runs N] [--check] [--startup-only | --go-only | --latency-only] [--no-latency] [--only TEXT] [--displays A-B] [--keep]
#   --runs N          start-up runs of each program (default 7)
#   --rounds N        rounds of the Go benchmarks (default 5)
#   --latency-runs N  samples of each action, after the warm-up (default 15)
#   --check           exit with status 1 when a target is missed
#   --startup-only    measure only the start-up
#   --go-only         run only the Go benchmarks
#   --latency-only    measure only the input-to-repaint latency
#   --no-latency      skip the input-to-repaint latency
#   --only TEXT       measure only the actions whose name contains TEXT (alternatives split by |)
#   --displays A-B    X display numbers the Xvfbs may take (default 150-199)
#   --keep            keep the temporary folder (databases, logs, images of each action) and print where it is
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/goflags.sh

only='' runs=7 rounds=5 lat_runs=15 check=false keep=false do_go=true do_start=true do_lat=true displays=150-199
usage() { sed -n '26,37p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case $1 in
    --runs) (($# >= 2)) || usage; runs=$2; shift 2 ;;
    --rounds) (($# >= 2)) || usage; rounds=$2; shift 2 ;;
    --latency-runs) (($# >= 2)) || usage; lat_runs=$2; shift 2 ;;
    --displays) (($# >= 2)) || usage; displays=$2; shift 2 ;;
    --check) check=true; shift ;;
    --startup-only) do_go=false do_lat=false; shift ;;
    --go-only) do_start=false do_lat=false; shift ;;
    --latency-only) do_go=false do_start=false; shift ;;
    --no-latency) do_lat=false; shift ;;
    --only) (($# >= 2)) || usage; only=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h | --help) usage ;;
    *) echo "startup-bench: unknown option $1" >&2; usage ;;
  esac
done
[[ $runs =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ && $lat_runs =~ ^[1-9][0-9]*$ ]] ||
  { echo "startup-bench: --runs, --rounds and --latency-runs want a whole number" >&2; exit 2; }
[[ $displays =~ ^([0-9]+)-([0-9]+)$ ]] && ((BASH_REMATCH[1] <= BASH_REMATCH[2])) ||
  { echo "startup-bench: --displays wants a range of display numbers such as 150-199" >&2; exit 2; }
first_display=${BASH_REMATCH[1]} last_display=${BASH_REMATCH[2]}
$do_go || $do_start || $do_lat || { echo "startup-bench: --startup-only, --go-only and --latency-only exclude each other" >&2; exit 2; }

say() { echo "startup-bench: $*"; }
fail() { echo "startup-bench: FAIL: $*" >&2; exit 1; }

tools=(go)
{ $do_start || $do_lat; } && tools+=(Xvfb)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (run make deps)"
done

export LANG=C.UTF-8
tmp=$(mktemp -d "${TMPDIR:-/tmp}/devpath-bench.XXXXXX")
xvfb_pid=""
cleanup() {
  local rc=$?
  set +e
  if [[ -n $xvfb_pid ]]; then
    kill -TERM "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  if $keep; then
    echo "startup-bench: kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sed -n 1p), $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
say "build bin/devpath, bin/devpath-floor and benchcmp"
go build -o bin/devpath .
go build -o bin/devpath-floor ./ui/internal/emptywindow
go build -o "$tmp/benchcmp" ./.ci/benchcmp

say "write the large database (5,000 entries, 100,000 events) and its roadmap"
mkdir -p "$tmp/fixture"
DEVPATH_LARGE_FIXTURE="$tmp/fixture" go test -count=1 -run '^TestLargeFixture$' ./tracker/store >"$tmp/fixture.log" 2>&1 ||
  { cat "$tmp/fixture.log" >&2; fail "could not write the large database"; }

args=(-work "$tmp" -rounds "$rounds" -runs "$runs")
$check && args+=(-check)
$do_go && args+=(-go)

if $do_start || $do_lat; then
  say "prepare the small database (embedded roadmap)"
  small=$tmp/small.db
  bin=$PWD/bin/devpath
  unset DEVPATH_DB
  "$bin" --db "$small" profile --name "Alex Example" --stage mid --since 2025-03-01 --region uk >/dev/null ||
    fail "devpath profile failed"
  "$bin" --db "$small" roadmap --json >"$tmp/roadmap.json" || fail "devpath roadmap --json failed"
  mapfile -t ids < <(go run .ci/roadmapids.go -stage junior -n 12 <"$tmp/roadmap.json"
                     go run .ci/roadmapids.go -stage mid -n 8 <"$tmp/roadmap.json")
  ((${#ids[@]} > 0)) || fail "found no entry ids in devpath roadmap --json"
  for id in "${ids[@]}"; do
    "$bin" --db "$small" tick "$id" >/dev/null || fail "devpath tick $id failed"
  done
  say "ticked ${#ids[@]} entries"
  args+=(-devpath bin/devpath -floor bin/devpath-floor
    -small-db "$small" -large-db "$tmp/fixture/large.db" -large-roadmap "$tmp/fixture/large-roadmap.json")
fi

if $do_start; then
  # A display of our own: the first free number from :150 (the window test
  # takes its own from :97).
  source .ci/xvfb.sh
  start_xvfb "$first_display" "$last_display" || true
  [[ -n $display ]] || fail "could not start Xvfb on any display from :$first_display to :$last_display"
  say "Xvfb on $display"
  args+=(-startup -display "$display")
fi

if $do_lat; then
  # benchcmp starts the latency benchmark's Xvfb itself, on the next free
  # number of the range.
  args+=(-latency -latency-runs "$lat_runs" -latency-displays "$displays")
  [[ -n $only ]] && args+=(-latency-only "$only")
  $keep && args+=(-latency-shots "$tmp/latency-images")
fi

"$tmp/benchcmp" "${args[@]}"
