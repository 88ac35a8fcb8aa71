#!/usr/bin/env bash
# Cross-compiles devpath for Windows (amd64) with MinGW-w64 and writes
# dist/devpath-VERSION-windows-amd64.zip holding devpath/devpath.exe, with
# its icon, version information and manifest (.ci/winres). devpath.exe is a
# console program, so that its command line prints in the Command Prompt
# and PowerShell; started from the desktop to open the window it lets go of
# the console Windows opened for it (console_windows.go).
#
# The first build compiles GLFW, SQLite and Fyne's C code with MinGW
# (several minutes on two cores); later builds take the Go build cache's.
# Usage: .ci/windows-build.sh   (make package-windows)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/goflags.sh

say() { echo "package-windows: $*"; }
fail() { echo "package-windows: FAIL: $*" >&2; exit 1; }
cc=x86_64-w64-mingw32-gcc
command -v "$cc" >/dev/null 2>&1 || fail "$cc is not installed (package gcc-mingw-w64-x86-64; run make deps)"

version=$(sed -n 's/^Version = "\(.*\)"$/\1/p' FyneApp.toml)
exe=dist/windows/devpath.exe
zip=dist/devpath-$version-windows-amd64.zip
# The resource object sits beside main.go for the build only; its name
# keeps it out of every other platform's build.
syso=devpath_windows_amd64.syso
trap 'rm -f "$syso"' EXIT
go run ./.ci/winres -syso "$syso"

mkdir -p dist/windows
say "CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$cc go build -trimpath -tags release,migrated_fynedo,$devpath_tags -o $exe ."
start=$SECONDS
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$cc \
  go build -trimpath -tags release,migrated_fynedo,$devpath_tags -ldflags "-s -w" -o "$exe" .
say "built in $((SECONDS - start))s"
rm -f "$zip"
go run ./.ci/winres -zip "$zip" -add "$exe"
say "$zip ($(du -h "$zip" | cut -f1))"
