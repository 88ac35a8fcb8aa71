#!/usr/bin/env bash
# go vet for Windows and macOS on devpath's own packages that need no cgo,
# with their tests (everything but those that reach SQLite, GLFW or Fyne's
# drivers): the code behind build tags for those systems is checked here,
# where it cannot be built in full (Fyne and SQLite need a C compiler for
# the target). The Windows build (make package-windows) compiles the rest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for goos in windows darwin; do
  # The module's packages the program is made of, less those with a cgo
  # package (other than the standard library's) among their dependencies
  # or their tests'.
  pkgs=()
  for p in $(GOOS=$goos CGO_ENABLED=1 go list -deps -f '{{if .Module}}{{if eq .Module.Path "devpath"}}{{.ImportPath}}{{end}}{{end}}' .); do
    cgo=$(GOOS=$goos CGO_ENABLED=1 go list -deps -test -f '{{if not .Standard}}{{if .CgoFiles}}{{.ImportPath}}{{end}}{{end}}' "$p" | sed -n 1p)
    [[ -z $cgo ]] && pkgs+=("$p")
  done
  ((${#pkgs[@]} > 0)) || { echo "vet-other: no package without cgo for $goos" >&2; exit 1; }
  echo "vet: GOOS=$goos CGO_ENABLED=0 go vet ${pkgs[*]}"
  GOOS=$goos CGO_ENABLED=0 go vet "${pkgs[@]}"
done
