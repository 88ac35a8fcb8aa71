#!/usr/bin/env bash
# Builds dist/devpath_VERSION_ARCH.deb around a release binary, then checks it
# with lintian (no error may remain). The package installs
#   /usr/bin/devpath
#   /usr/share/applications/ID.desktop, /usr/share/metainfo/ID.metainfo.xml,
#   /usr/share/icons/hicolor/{16x16…512x512,scalable}/apps/ID.{png,svg}
#     (.ci/desktopfiles, from FyneApp.toml and CHANGELOG.md)
#   /usr/share/man/man1/devpath.1.gz and the bash and zsh completions
#     (.ci/cmdref, from the binary's own help)
#   /usr/share/doc/devpath/{copyright,changelog.gz}
# Its Depends are the packages of the shared libraries the binary links, as
# dpkg-shlibdeps finds them. It has no maintainer scripts: installing and
# removing it never touches a user's data (~/.local/share/devpath).
#
# Usage: .ci/deb.sh BINARY   (run from the repository's root by make package)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin=${1:?usage: .ci/deb.sh BINARY}
say() { echo "deb: $*"; }
fail() { echo "deb: FAIL: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps lintian gzip; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (run make deps)"
done

version=$(sed -n 's/^Version = "\(.*\)"$/\1/p' FyneApp.toml)
website=$(sed -n 's/^Website = "\(.*\)"$/\1/p' FyneApp.toml)
summary=$(sed -n 's/^Comment = "\(.*\)"$/\1/p' FyneApp.toml)
arch=$(dpkg --print-architecture)
date=$(sed -n 's/^## '"$version"' (\(.*\))$/\1/p' CHANGELOG.md)
[[ -n $date ]] || fail "CHANGELOG.md has no release $version"
deb=dist/devpath_${version}_${arch}.deb

tmp=$(mktemp -d "${TMPDIR:-/tmp}/devpath-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
umask 022
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/man/man1" "$root/usr/share/doc/devpath" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions"
install -m 0755 "$bin" "$root/usr/bin/devpath"
go run ./.ci/desktopfiles -out "$root/usr"
go run ./.ci/cmdref -bin "$bin" -version "$version" -date "$date" \
  -man "$tmp/devpath.1" -bash "$root/usr/share/bash-completion/completions/devpath" \
  -zsh "$root/usr/share/zsh/vendor-completions/_devpath"
gzip -9n <"$tmp/devpath.1" >"$root/usr/share/man/man1/devpath.1.gz"

# Debian's changelog, from CHANGELOG.md (a native package's is changelog.gz).
awk -v maint="The devpath maintainers <maintainers@devpath.invalid>" '
  function close_entry() { if (v != "") printf "\n -- %s  %s\n\n", maint, d }
  /^## / { close_entry(); v = $2; d = $3; gsub(/[()]/, "", d)
           cmd = "date -R -u -d " d " 2>/dev/null"; cmd | getline d; close(cmd)
           printf "devpath (%s) unstable; urgency=medium\n\n", v; next }
  /^- / && v != "" { sub(/^- /, ""); n = split($0, w, " "); line = "  *"
                     for (i = 1; i <= n; i++) { if (length(line) + 1 + length(w[i]) > 78) { print line; line = "   " }
                                                line = line " " w[i] }
                     print line }
  END { close_entry() }' CHANGELOG.md | gzip -9n >"$root/usr/share/doc/devpath/changelog.gz"

cat >"$root/usr/share/doc/devpath/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: devpath
Source: $website

Files: *
Copyright: 2026 The devpath maintainers
License: unspecified
 The devpath maintainers have not published a licence for devpath yet; the
 source is at $website. The Go modules built into the binary keep their own
 licences (go version -m /usr/bin/devpath lists them).
COPYRIGHT

# The shared libraries' packages, as dpkg-shlibdeps computes them; it wants
# a debian/control beside it.
mkdir -p "$tmp/src/debian"
printf 'Source: devpath\n\nPackage: devpath\nArchitecture: any\n' >"$tmp/src/debian/control"
depends=$(cd "$tmp/src" && dpkg-shlibdeps -O -e"$root/usr/bin/devpath" 2>"$tmp/shlibdeps.err" | sed -n 's/^shlibs:Depends=//p') ||
  { cat "$tmp/shlibdeps.err" >&2; fail "dpkg-shlibdeps failed"; }
[[ -n $depends ]] || { cat "$tmp/shlibdeps.err" >&2; fail "dpkg-shlibdeps found no libraries"; }
# GLFW does not link the X11 and Wayland libraries: it loads them by name
# when the window opens (dlopen), so dpkg-shlibdeps cannot see them. The
# names are in the binary; each is mapped to the package that has it here.
for soname in $(strings -n 8 "$bin" | grep -E '^lib(X11|X11-xcb|Xcursor|Xext|Xi|Xinerama|Xrandr|Xrender|Xxf86vm|wayland-client|wayland-cursor|wayland-egl|xkbcommon|EGL)\.so\.[0-9]+$' | sort -u); do
  # awk reads to the end (no exit): an early exit would kill ldconfig with
  # SIGPIPE, which pipefail turns into a failure whenever the list is long.
  path=$(ldconfig -p | awk -v n="$soname" '!found && $1 == n && /x86-64|AArch64/ {print $NF; found = 1}')
  [[ -n $path ]] || fail "the binary loads $soname, which this system does not have (run make deps)"
  pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | sed -n '1s/:.*//p')
  [[ -n $pkg ]] || fail "no package has $path"
  [[ ,$depends, == *", $pkg"[,\ ]* || $depends == "$pkg"[,\ ]* ]] || depends+=", $pkg"
done

cat >"$root/DEBIAN/control" <<CONTROL
Package: devpath
Version: $version
Architecture: $arch
Maintainer: The devpath maintainers <maintainers@devpath.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: utils
Priority: optional
Homepage: $website
Description: $summary
 devpath shows DevOps engineers where they stand on their career path and
 what to do next: the skills, criteria and milestone of each stage of the
 DevOps career roadmap, evidence for each, and a readiness score for the
 next level that explains itself. It has a desktop window and a command
 line; everything stays in one local SQLite file.
CONTROL
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"

mkdir -p dist
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
say "$deb ($(du -h "$deb" | cut -f1)); Depends: $depends"

# lintian: errors fail; warnings are shown. It refuses to run as root
# unless told.
say "lintian $deb"
out=$(lintian --allow-root --tag-display-limit 0 "$deb" 2>&1) || true
[[ -n $out ]] && echo "$out"
if grep -q '^E: ' <<<"$out"; then fail "lintian reports errors"; fi
say "lintian: no errors ($(grep -c '^W: ' <<<"$out" || true) warnings)"
