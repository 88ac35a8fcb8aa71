#!/usr/bin/env bash
# Cross-compiles the tests of tracker/store for Windows (MinGW-w64 for the
# cgo SQLite) and runs them under Wine in a private prefix, from the
# package's folder as go test would. .ci/wine-test.sh runs it; on its own:
#
#   .ci/wine/store-test.sh [--keep] [go test flags, e.g. -test.run Restore]
#
# The test binary's output goes to $tmp/store-wine.log; the last lines are
# printed when it fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
keep=false
[[ ${1-} == --keep ]] && { keep=true; shift; }
fail() { echo "wine-store-test: FAIL: $*" >&2; exit 1; }
source .ci/wine/prefix.sh
find_wine || fail "wine64 is not installed (run make deps)"
command -v x86_64-w64-mingw32-gcc >/dev/null || fail "x86_64-w64-mingw32-gcc is not installed (run make deps)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/devpath-wine-store.XXXXXX")
cleanup() {
  local rc=$?
  set +e
  WINEPREFIX=$tmp/prefix "$wineserver" -k 2>/dev/null
  if $keep || ((rc != 0)); then echo "wine-store-test: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT

start=$SECONDS
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go test -c -o "$tmp/store.test.exe" ./tracker/store/
init_wine_prefix "$tmp/prefix" || fail "wineboot failed"
echo "wine-store-test: built and prefix ready in $((SECONDS - start))s"
start=$SECONDS
export LANG=C.UTF-8
rc=0
(cd tracker/store && "$wine" "$tmp/store.test.exe" -test.v -test.timeout 10m "$@") >"$tmp/store-wine.log" 2>&1 || rc=$?
pass=$(grep -c -- '--- PASS' "$tmp/store-wine.log" || true)
skips=$(grep -c -- '--- SKIP' "$tmp/store-wine.log" || true)
failed=$(grep -- '--- FAIL' "$tmp/store-wine.log" || true)
if ((rc != 0)) || [[ -n $failed ]]; then
  echo "$failed" >&2
  tail -40 "$tmp/store-wine.log" >&2
  fail "the store's tests failed under Wine (exit status $rc; the whole output is in $tmp/store-wine.log)"
fi
echo "wine-store-test: the store's tests passed under Wine in $((SECONDS - start))s ($pass passed, $skips skipped; each skip says why)"
