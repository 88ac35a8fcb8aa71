#!/usr/bin/env bash
# Runs every Go fuzz target of the module briefly. Targets are discovered with
# "go test -list '^Fuzz' ./...", so new ones are picked up without changes here.
# A failing input is written by go test to the package's testdata/fuzz/ folder.
#
# Usage: .ci/fuzz.sh   (FUZZTIME=10s sets the time per target)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fuzztime=${FUZZTIME:-10s}

listing=$(go test -list '^Fuzz' ./...)
targets=()
names=()
while read -r first second _; do
  case $first in
    Fuzz*) names+=("$first") ;;
    ok)
      for n in "${names[@]}"; do targets+=("$second $n"); done
      names=()
      ;;
  esac
done <<<"$listing"

if ((${#targets[@]} == 0)); then
  echo "fuzz: no fuzz targets found"
  exit 0
fi

# Lists a target's saved failing inputs, to tell whether a run wrote one.
corpus() { # pkg name
  local dir
  dir=$(go list -f '{{.Dir}}' "$1")/testdata/fuzz/$2
  [[ -d $dir ]] && ls -1 "$dir" | sort || true
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
failed=0
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "fuzz: $pkg $name for $fuzztime"
  before=$(corpus "$pkg" "$name")
  if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg" >"$out" 2>&1; then
    tail -n 1 "$out"
    continue
  fi
  # Go 1.26's fuzzing coordinator can report "context deadline exceeded" when
  # -fuzztime ends while a worker is busy (go.dev/issue/75804, fixed in Go
  # 1.27). That is the clock running out, not a failing input: such a run
  # writes no input to testdata/fuzz and has no other failure in its output.
  after=$(corpus "$pkg" "$name")
  if [[ $before == "$after" ]] && ! grep -q 'Failing input written to' "$out" &&
    [[ $(grep -A1 -- "^--- FAIL: $name " "$out" | tail -n 1) =~ ^[[:space:]]*context\ deadline\ exceeded$ ]] &&
    (($(grep -c -- '^--- FAIL' "$out") == 1)); then
    echo "ok (fuzzed for $fuzztime; the run ended with Go's end-of-fuzztime race, go.dev/issue/75804, and no failing input)"
    continue
  fi
  cat "$out"
  echo "fuzz: FAIL: $pkg $name (the failing input is under the package's testdata/fuzz/$name/)" >&2
  failed=$((failed + 1))
done
if ((failed > 0)); then
  echo "fuzz: $failed of ${#targets[@]} fuzz targets failed" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} fuzz targets passed"
