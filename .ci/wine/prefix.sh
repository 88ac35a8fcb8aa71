# Sourced by .ci/wine-test.sh and .ci/wine/store-test.sh: finds Wine and
# makes a private Wine prefix that runs Go programs.
#
# find_wine sets $wine (the 64-bit loader, /usr/lib/wine/wine64 from the
# wine64 package) and $wineserver; it returns 1 when Wine is missing.
#
# init_wine_prefix DIR builds .ci/wine/bcryptprimitives.c with MinGW, runs
# wineboot --init in the prefix DIR (exported as WINEPREFIX, with
# WINEDEBUG=-all) and copies the DLL into its system32: Debian 12's Wine 8.0
# has no bcryptprimitives.dll, whose ProcessPrng the Go runtime loads from
# System32 at start since Go 1.24. wineboot's output goes to DIR.wineboot.log;
# it returns 1 when wineboot fails.
find_wine() {
  wine=$(command -v wine64 || true)
  [[ -x /usr/lib/wine/wine64 ]] && wine=/usr/lib/wine/wine64
  [[ -n $wine ]] || return 1
  wineserver=/usr/lib/wine/wineserver64
  [[ -x $wineserver ]] || wineserver=$(command -v wineserver)
  [[ -n $wineserver ]]
}

init_wine_prefix() {
  local dir=$1 root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  export WINEPREFIX=$dir WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  x86_64-w64-mingw32-gcc -O2 -shared -o "$dir.bcryptprimitives.dll" \
    "$root/.ci/wine/bcryptprimitives.c" "$root/.ci/wine/bcryptprimitives.def" -ladvapi32 || return 1
  "$wine" wineboot --init >"$dir.wineboot.log" 2>&1 || { cat "$dir.wineboot.log"; return 1; }
  cp "$dir.bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
}
