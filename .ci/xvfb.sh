# Sourced by the window test and the start-up benchmark: start_xvfb FIRST LAST
# [XVFB ARGS...] starts Xvfb on the first free display number from FIRST to
# LAST (screen XVFB_SCREEN, default 1280x800x24; no TCP), waits until it
# accepts clients, and sets $display (":N") and $xvfb_pid. Its log goes to $tmp/xvfb.log. It returns 1
# when no display could be started.
#
# The server runs with -noreset. Without it, Xvfb resets itself each time
# its last client leaves, and a client connecting during the reset is
# refused: devpath started right after the one before it was closed then
# ends at once ("GLFW: PlatformUnavailable"). Started and killed in a loop,
# devpath failed 4 times in 40 that way, and never with -noreset.
start_xvfb() {
  local first=$1 last=$2 n
  shift 2
  display=""
  xvfb_pid=""
  for n in $(seq "$first" "$last"); do
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
    # A server of another file system (a chroot shares the abstract socket
    # namespace) answers without a lock file here: never share it.
    xwininfo -display ":$n" -root >/dev/null 2>&1 && continue
    Xvfb ":$n" -screen 0 "${XVFB_SCREEN:-1280x800x24}" -nolisten tcp -noreset "$@" >"$tmp/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in {1..100}; do
      if kill -0 "$xvfb_pid" 2>/dev/null && [[ -S /tmp/.X11-unix/X$n ]] && xwininfo -display ":$n" -root >/dev/null 2>&1; then
        display=":$n"
        return 0
      fi
      kill -0 "$xvfb_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
  done
  return 1
}
