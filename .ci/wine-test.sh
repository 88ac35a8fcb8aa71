#!/usr/bin/env bash
# Runs the Windows build (dist/windows/devpath.exe) under Wine and checks it
# against the Linux build on the same input:
#   - the command line on a database in the Windows data folder
#     (%APPDATA%\devpath): profile, tick, status --json (compared field by
#     field with the Linux build's), a check-in, an export in every format
#     (Markdown, HTML and CSV byte for byte like Linux's, the PDF's text like
#     Linux's, the JSON backup field by field), backup, restore, import,
#     undo, and two processes adding evidence at once with nothing lost;
#   - the store's own tests (tracker/store), cross-compiled and run under
#     Wine (.ci/wine/store-test.sh);
#   - the window, on an Xvfb of its own: its screenshot must look like the
#     Linux build's Dashboard on the same data, and less like its Roadmap.
# Wine runs headless in a private prefix (a temporary folder). Debian 12's
# Wine 8.0 lacks bcryptprimitives.dll, which the Go runtime loads at start:
# the test builds a small one with MinGW (.ci/wine/bcryptprimitives.c) into
# the prefix's System32 (.ci/wine/prefix.sh).
#
# Usage: .ci/wine-test.sh [--exe FILE] [--keep]   (make wine-test builds the exe first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source .ci/goflags.sh

exe=dist/windows/devpath.exe keep=false
while (($#)); do
  case $1 in
    --exe) exe=${2:?--exe wants a file}; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: $0 [--exe FILE] [--keep]" >&2; exit 2 ;;
  esac
done
say() { echo "wine-test: $*"; }
fail() { echo "wine-test: FAIL: $*" >&2; exit 1; }
source .ci/wine/prefix.sh
find_wine || fail "wine64 is not installed (run make deps)"
for tool in x86_64-w64-mingw32-gcc Xvfb xwininfo xdotool import compare pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (run make deps)"
done
[[ -f $exe ]] || fail "$exe does not exist (make package-windows)"
exe=$(realpath "$exe")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/devpath-wine.XXXXXX")
xvfb_pid="" pids=()
cleanup() {
  local rc=$?
  set +e
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  WINEPREFIX=$tmp/prefix "$wineserver" -k 2>/dev/null
  [[ -n $xvfb_pid ]] && { kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; }
  if $keep || ((rc != 0)); then echo "wine-test: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT

export WINEPREFIX=$tmp/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8 FYNE_SCALE=1
# The Linux build runs with a home of its own; Wine keeps its own in the prefix.
linux_env=(env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share")
mkdir -p "$tmp/home" "$tmp/win" "$tmp/lin"

say "build bin/devpath"
go build -o bin/devpath .
go build -o "$tmp/jsoncmp" ./.ci/wine/jsoncmp

source .ci/xvfb.sh
XVFB_SCREEN=1600x1000x24 start_xvfb 161 190 || fail "could not start Xvfb on any display from :161 to :190"
export DISPLAY=$display
say "Xvfb on $display; wineboot in $WINEPREFIX"
start=$SECONDS
init_wine_prefix "$WINEPREFIX" || fail "wineboot failed"
say "Wine $("$wine" --version) ready in $((SECONDS - start))s"

# win runs the Windows build's command line; lin the Linux build's on its
# own database. Both print to files named after the step.
win() { "$wine" "$exe" "$@"; }
lin() { "${linux_env[@]}" bin/devpath --db "$tmp/lin/devpath.db" "$@"; }
# winpath turns a path of this machine into the one Windows programs see
# under Wine (drive Z: is /).
winpath() { local p=${1//\//\\}; echo "Z:$p"; }
both() { win "$@" >"$tmp/win/out" 2>&1 || { cat "$tmp/win/out"; fail "devpath.exe $*"; }
         lin "$@" >"$tmp/lin/out" 2>&1 || { cat "$tmp/lin/out"; fail "devpath $*"; }; }
same_status() {
  win status --json >"$tmp/win/status.json" || fail "devpath.exe status --json"
  lin status --json >"$tmp/lin/status.json" || fail "devpath status --json"
  "$tmp/jsoncmp" "$tmp/lin/status.json" "$tmp/win/status.json" ||
    fail "$1: status --json differs between the Linux and the Windows build (fields above)"
}

step=$SECONDS
say "version: $(win --version | tr -d '\r')"
[[ $(win --version) == "$(bin/devpath --version)" ]] || fail "the versions differ"

# The Windows build keeps its database in %APPDATA%\devpath.
both profile --name "Sam Doe" --stage mid --since 2025-01-01 --region uk
appdata=$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming
[[ -s $appdata/devpath/devpath.db ]] || fail "no database in %APPDATA%\\devpath ($appdata/devpath)"
win profile >"$tmp/win/profile" && grep -q 'Sam Doe' "$tmp/win/profile" || fail "the profile was not kept"
say "profile: the database is %APPDATA%\\devpath\\devpath.db"

both tick aws-iam --level 2 --note "Least-privilege policies for CI" --link https://example.com/pr/12 --date 2025-06-01
both tick tf-modules
both skip aws-rds
same_status "after profile and ticks"
say "tick, skip: status --json is the same on both, field by field"

both checkin --label first
win checkins >"$tmp/win/checkins" && grep -q first "$tmp/win/checkins" || fail "the check-in is not listed"
same_status "after the check-in"
say "check-in: listed; status the same"

for f in md html csv pdf json; do
  win export --format "$f" --out "$(winpath "$tmp/win/summary.$f")" >/dev/null || fail "export --format $f"
  lin export --format "$f" --out "$tmp/lin/summary.$f" >/dev/null || fail "Linux export --format $f"
  [[ -s $tmp/win/summary.$f ]] || fail "export --format $f wrote nothing"
done
for f in md html; do
  cmp -s "$tmp/lin/summary.$f" "$tmp/win/summary.$f" || { diff "$tmp/lin/summary.$f" "$tmp/win/summary.$f" | head -20 || true; fail "the $f export differs from Linux's"; }
done
# The CSV holds when each entry last changed, to the second: the two builds
# ticked at different moments. Every other field must be the same.
untimed() { sed -E 's/(^|,)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z(,|$)/\1TIME\2/g' "$1"; }
diff <(untimed "$tmp/lin/summary.csv") <(untimed "$tmp/win/summary.csv") >"$tmp/csvdiff" ||
  { head -20 "$tmp/csvdiff"; fail "the CSV export differs from Linux's"; }
[[ $(head -c5 "$tmp/win/summary.pdf") == "%PDF-" ]] && tail -c 8 "$tmp/win/summary.pdf" | grep -q '%%EOF' || fail "the PDF is not a PDF"
diff <(pdftotext "$tmp/lin/summary.pdf" -) <(pdftotext "$tmp/win/summary.pdf" -) >/dev/null || fail "the PDF's text differs from Linux's"
# Evidence carries a random identity (uuid) that each database gives it.
"$tmp/jsoncmp" -key exported_at -key at -key created_at -key updated_at -key uuid "$tmp/lin/summary.json" "$tmp/win/summary.json" >"$tmp/jsondiff" ||
  { cat "$tmp/jsondiff"; fail "the JSON backup differs from Linux's"; }
say "export: Markdown and HTML identical to Linux's, the CSV but for the times of change; the PDF's text the same; the JSON backup the same field by field but the times of writing and evidence's random identities"

win backup --out "$(winpath "$tmp/win/copy.db")" >/dev/null || fail "backup"
"${linux_env[@]}" bin/devpath --db "$tmp/win/copy.db" status --json >"$tmp/lin/copy-status.json" ||
  fail "the Linux build cannot read the Windows build's backup"
cp "$tmp/win/status.json" "$tmp/win/before.json"
win tick aws-s3 >/dev/null || fail "tick"
win restore "$(winpath "$tmp/win/copy.db")" >"$tmp/win/restore.out" 2>&1 || { cat "$tmp/win/restore.out"; fail "restore"; }
ls "$appdata/devpath/" | grep -q '^devpath.db.before-restore-' || fail "restore kept no copy of the database it replaced"
win status --json >"$tmp/win/after-restore.json"
"$tmp/jsoncmp" "$tmp/win/before.json" "$tmp/win/after-restore.json" || fail "restore did not bring the backup back"
say "backup, restore: the copy is read by the Linux build; the restore undid the later tick"

win tick aws-vpc >/dev/null || fail "tick"
win import "$(winpath "$tmp/win/summary.json")" >/dev/null || fail "import"
win status --json >"$tmp/win/after-import.json"
"$tmp/jsoncmp" "$tmp/win/before.json" "$tmp/win/after-import.json" || fail "import did not bring the backup's progress back"
say "import: the JSON backup's progress is back"

win tick aws-ec2 --level 1 >/dev/null
win undo >/dev/null || fail "undo"
win status --json >"$tmp/win/after-undo.json"
"$tmp/jsoncmp" "$tmp/win/before.json" "$tmp/win/after-undo.json" || fail "undo did not revert the tick"
say "undo: the tick reverted"

# The plan works as on Linux; the daily reminder, made of systemd or XDG
# autostart, is refused in one line and installs nothing.
win goal --by "$(date -u -d '+1 year' +%F)" >/dev/null || fail "goal --by"
win status --json >"$tmp/win/goal.json" || fail "status --json"
grep -q '"target": *"[0-9]' "$tmp/win/goal.json" || fail "the target was not kept"
if win remind on >"$tmp/win/remind.out" 2>&1; then fail "remind on succeeded on Windows"; fi
[[ $(tr -d '\r' <"$tmp/win/remind.out" | grep -c .) == 1 ]] || { cat "$tmp/win/remind.out"; fail "remind on did not refuse in one line"; }
win goal --clear >/dev/null || fail "goal --clear"

# Two processes adding evidence at once: every note must be there.
n=6
for who in a b; do
  ( for i in $(seq 1 "$n"); do
      win evidence add tf-modules --note "note $who$i" >/dev/null 2>"$tmp/win/writer-$who.err" || { echo "writer $who: note $i failed" >&2; cat "$tmp/win/writer-$who.err" >&2; exit 1; }
    done ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a writer failed"; done
pids=()
win evidence list tf-modules --json >"$tmp/win/evidence.json"
for who in a b; do for i in $(seq 1 "$n"); do
  grep -q "\"note $who$i\"" "$tmp/win/evidence.json" || fail "note $who$i was lost"
done; done
say "two writers: all $((2 * n)) notes kept"
say "command line passed in $((SECONDS - step))s"

# The store's own tests, built for Windows, in a prefix of their own.
bash .ci/wine/store-test.sh || fail "the store's tests under Wine"

# The window: the same data in both builds, the Dashboard, the same size,
# the light look in both (Fyne follows the system's look otherwise, which
# differs between Wine and a Linux without a desktop).
lin import "$tmp/win/summary.json" >/dev/null
win import "$(winpath "$tmp/win/summary.json")" >/dev/null
id=$(sed -n 's/^ID = "\(.*\)"$/\1/p' FyneApp.toml)
for prefs in "$tmp/home/.config/fyne/$id" "$appdata/fyne/$id"; do
  mkdir -p "$prefs"
  echo '{"theme":"light"}' >"$prefs/preferences.json"
done
mkdir -p "$tmp/home/.cache"
shot() { # shot NAME PID: waits for devpath's window, sizes it, waits for it to rest, saves NAME.png
  local name=$1 pid=$2 id="" prev="" cur i
  for i in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || fail "$name: devpath exited before its window showed"
    id=$(xdotool search --onlyvisible --name '^devpath$' 2>/dev/null | sed -n 1p || true)
    [[ -n $id ]] && break
    sleep 0.25
  done
  [[ -n $id ]] || fail "$name: no devpath window within a minute"
  xdotool windowsize "$id" 1180 760 2>/dev/null || true
  for i in $(seq 1 120); do
    sleep 0.5
    import -window "$id" "$tmp/$name.png" 2>/dev/null || continue
    # Before its first frame the window is one flat colour: not at rest.
    (($(identify -format '%k' "$tmp/$name.png") > 16)) || continue
    cur=$(md5sum <"$tmp/$name.png")
    [[ $cur == "$prev" ]] && return 0
    prev=$cur
  done
  fail "$name: the window never came to rest"
}
# rmse prints the normalised root-mean-square difference of two pictures
# (0 the same, 1 opposite), over the part both cover.
rmse() {
  local w h
  w=$(identify -format '%w\n' "$1" "$2" | sort -n | sed -n 1p)
  h=$(identify -format '%h\n' "$1" "$2" | sort -n | sed -n 1p)
  convert "$1" -crop "${w}x${h}+0+0" +repage "$tmp/a.png"
  convert "$2" -crop "${w}x${h}+0+0" +repage "$tmp/b.png"
  { compare -metric RMSE "$tmp/a.png" "$tmp/b.png" null: 2>&1 || true; } | sed -n 's/.*(\([0-9.e-]*\)).*/\1/p'
}

start=$SECONDS
"$wine" "$exe" --screen dashboard >"$tmp/win/window.log" 2>&1 &
pids=($!)
shot wine-dashboard "${pids[0]}"
say "the Windows build's window showed in $((SECONDS - start))s"
kill "${pids[0]}" 2>/dev/null; wait "${pids[0]}" 2>/dev/null || true
"$wineserver" -k 2>/dev/null || true
pids=()
for screen in dashboard roadmap; do
  # env runs devpath in its own place, so $! is devpath's process.
  "${linux_env[@]}" LIBGL_ALWAYS_SOFTWARE=1 bin/devpath --db "$tmp/lin/devpath.db" --screen "$screen" >"$tmp/lin/window-$screen.log" 2>&1 &
  pids=($!)
  shot "linux-$screen" "${pids[0]}"
  kill "${pids[0]}" 2>/dev/null; wait "${pids[0]}" 2>/dev/null || true
  pids=()
done
to_dash=$(rmse "$tmp/wine-dashboard.png" "$tmp/linux-dashboard.png")
to_road=$(rmse "$tmp/wine-dashboard.png" "$tmp/linux-roadmap.png")
say "window: $(identify -format '%wx%h' "$tmp/wine-dashboard.png") under Wine; distance to Linux's Dashboard $to_dash, to Linux's Roadmap $to_road (RMSE, 0 = the same picture)"
awk -v d="$to_dash" -v r="$to_road" 'BEGIN { exit !(d < 0.08 && d * 2 < r) }' ||
  fail "the Windows build's window does not look like the Dashboard (screenshots kept in $tmp)"
mkdir -p dist/windows
cp "$tmp/wine-dashboard.png" dist/windows/wine-dashboard.png
say "passed (the window's screenshot: dist/windows/wine-dashboard.png)"
