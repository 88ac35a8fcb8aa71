#!/usr/bin/env bash
# Real-window test: builds bin/devpath, prepares a database with the command
# line, starts devpath under its own Xvfb, waits for the "devpath" window,
# takes a screenshot and fails when the window never appeared, the process
# died, the screenshot is blank, or the log shows a Fyne threading error.
#
# Usage: .ci/window-test.sh [--screen NAME] [--out FILE] [--size WxH] [--timeout SECONDS] [--bin FILE] [--keep]
#   --screen NAME  start devpath on this screen (passed to devpath --screen)
#   --out FILE     keep the screenshot of the window as FILE (README screenshots)
#   --size WxH     resize the window to this size before the shot (default 1280x800; needs xdotool)
#   --timeout S    how long to wait for the window (default 60)
#   --bin FILE     test this devpath binary (e.g. the packaged one) instead of building bin/devpath
#   --keep         keep the temporary folder (database, log, screenshot) and print where it is
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

screen="" out="" size=1280x800 timeout=60 keep=false bin=""
usage() { sed -n '7,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case $1 in
    --screen) (($# >= 2)) || usage; screen=$2; shift 2 ;;
    --out) (($# >= 2)) || usage; out=$2; shift 2 ;;
    --size) (($# >= 2)) || usage; size=$2; shift 2 ;;
    --timeout) (($# >= 2)) || usage; timeout=$2; shift 2 ;;
    --bin) (($# >= 2)) || usage; bin=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h | --help) usage ;;
    *) echo "window-test: unknown option $1" >&2; usage ;;
  esac
done
[[ $size =~ ^[0-9]+x[0-9]+$ ]] || { echo "window-test: --size wants WxH, e.g. 1280x800" >&2; exit 2; }
[[ $timeout =~ ^[0-9]+$ ]] || { echo "window-test: --timeout wants whole seconds" >&2; exit 2; }

say() { echo "window-test: $*"; }
fail() { echo "window-test: FAIL: $*" >&2; exit 1; }

for tool in go Xvfb xwininfo import identify convert; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (run make deps)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/devpath-window.XXXXXX")
app_pid="" xvfb_pid=""
cleanup() {
  local rc=$?
  set +e
  if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null
    for _ in {1..50}; do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$app_pid" 2>/dev/null
  fi
  [[ -n $app_pid ]] && wait "$app_pid" 2>/dev/null
  if [[ -n $xvfb_pid ]]; then
    kill -TERM "$xvfb_pid" 2>/dev/null
    wait "$xvfb_pid" 2>/dev/null
  fi
  if $keep; then
    echo "window-test: kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z $bin ]]; then
  say "build bin/devpath"
  go build -o bin/devpath .
  bin=$PWD/bin/devpath
fi
[[ -x $bin ]] || fail "$bin is not an executable"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

db=$tmp/devpath.db
say "prepare a database in $tmp"
"$bin" --db "$db" profile --name "Alex Example" --stage mid --since 2025-03-01 --region uk >/dev/null ||
  fail "devpath profile failed"
"$bin" --db "$db" roadmap --json >"$tmp/roadmap.json" || fail "devpath roadmap --json failed"
mapfile -t ids < <(go run .ci/roadmapids.go -stage mid -n 8 <"$tmp/roadmap.json")
((${#ids[@]} > 0)) || fail "found no entry ids in devpath roadmap --json"
for id in "${ids[@]}"; do
  "$bin" --db "$db" tick "$id" >/dev/null || fail "devpath tick $id failed"
done
say "ticked ${#ids[@]} entries: ${ids[*]}"

# A display of our own: the first free number from :97.
source .ci/xvfb.sh
start_xvfb 97 140 || true
[[ -n $display ]] || fail "could not start Xvfb on any display from :97 to :140"
say "Xvfb on $display"

mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/run"
chmod 700 "$tmp/run"
args=(--db "$db")
[[ -n $screen ]] && args+=(--screen "$screen")
log=$tmp/devpath.log
env -u DEVPATH_DB DISPLAY="$display" LANG=C.UTF-8 LC_ALL= HOME="$tmp/home" \
  XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
  XDG_RUNTIME_DIR="$tmp/run" WAYLAND_DISPLAY= LIBGL_ALWAYS_SOFTWARE=1 \
  "$bin" "${args[@]}" >"$log" 2>&1 &
app_pid=$!
say "started devpath ${args[*]} (pid $app_pid)"

show_log() {
  echo "---- devpath log (last 40 lines) ----" >&2
  tail -n 40 "$log" >&2 || true
  echo "-------------------------------------" >&2
}

# Wait for a mapped top-level window whose name starts with "devpath".
wid=""
start=$SECONDS
while ((SECONDS - start < timeout)); do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    wait "$app_pid" && code=0 || code=$?
    app_pid=""
    show_log
    fail "devpath exited (status $code) before its window appeared"
  fi
  while read -r id; do
    if xwininfo -display "$display" -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      wid=$id
      break
    fi
  done < <(xwininfo -display "$display" -root -tree 2>/dev/null | awk '/ "devpath[^"]*":/ {print $1}')
  [[ -n $wid ]] && break
  sleep 0.25
done
if [[ -z $wid ]]; then
  show_log
  fail "no window named devpath appeared within ${timeout}s"
fi
say "window $wid mapped after $((SECONDS - start))s"

# Without a window manager the window keeps the size devpath gives it; make
# it the requested size (again if devpath resizes itself while starting).
have_xdotool=false
command -v xdotool >/dev/null 2>&1 && have_xdotool=true
want_w=${size%x*} want_h=${size#*x} resizes=0
fit_window() { # returns 0 when the window already has the wanted size
  $have_xdotool || return 0
  local w h
  w=$(xwininfo -display "$display" -id "$wid" 2>/dev/null | awk '/^ *Width:/ {print $2}')
  h=$(xwininfo -display "$display" -id "$wid" 2>/dev/null | awk '/^ *Height:/ {print $2}')
  [[ $w == "$want_w" && $h == "$want_h" ]] && return 0
  if ((++resizes > 3)); then
    say "the window does not keep the size $size; keeping its own ${w}x$h"
    have_xdotool=false
    return 0
  fi
  DISPLAY=$display xdotool windowmove "$wid" 0 0 windowsize "$wid" "$want_w" "$want_h" >/dev/null 2>&1 ||
    { say "could not resize the window to $size; keeping its own size"; have_xdotool=false; }
  return 1
}
fit_window || true

# Let it draw, then take shots until one is not blank and the picture has
# settled (two shots in a row alike), for at most ~20 s.
shot=$tmp/shot.png
ok=false settled=false last=""
for _ in {1..12}; do
  sleep 1.5
  kill -0 "$app_pid" 2>/dev/null || { show_log; fail "devpath died after its window appeared"; }
  fit_window || { last=""; continue; }
  if ! import -display "$display" -window "$wid" "$tmp/next.png" 2>"$tmp/import.log"; then
    import -display "$display" -window root "$tmp/next.png" 2>>"$tmp/import.log" || continue
  fi
  colours=$(identify -format '%k' "$tmp/next.png" 2>/dev/null || echo 0)
  sd=$(convert "$tmp/next.png" -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
  sig=$(identify -format '%#' "$tmp/next.png" 2>/dev/null || echo none)
  mv "$tmp/next.png" "$shot"
  if ((colours >= 20)) && awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }'; then
    ok=true
    [[ $sig == "$last" ]] && { settled=true; break; }
  fi
  last=$sig
done
$ok && ! $settled && say "the window kept changing; using the last shot"
geometry=$(identify -format '%wx%h' "$shot" 2>/dev/null || echo "?")
if ! $ok; then
  show_log
  cat "$tmp/import.log" >&2 || true
  [[ -n $out ]] && { mkdir -p "$(dirname "$out")"; cp "$shot" "$out" 2>/dev/null || true; }
  fail "the window looks blank (${colours:-0} colours, standard deviation ${sd:-0})"
fi
say "screenshot $geometry, $colours colours, standard deviation $sd"

if grep -F -n "Error in Fyne call thread" "$log" >&2; then
  show_log
  fail "devpath's log shows Fyne threading errors (UI changed off the UI goroutine)"
fi
if grep -E -n '^(panic:|fatal error:)' "$log" >&2; then
  show_log
  fail "devpath's log shows a panic"
fi

if [[ -n $out ]]; then
  mkdir -p "$(dirname "$out")"
  cp "$shot" "$out"
  say "saved $out"
fi
say "ok"
