package cli

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// onBusEnv marks the test binary run again inside a private session bus.
const onBusEnv = "DEVPATH_TEST_ON_PRIVATE_BUS"

// TestDueNotifyOnAPrivateBus runs `due --notify` on a private session bus
// (dbus-run-session) watched by dbus-monitor: exactly one Notify when
// something is due, none when nothing is. The test binary runs itself
// again inside the bus; that run does the work and says what it saw.
func TestDueNotifyOnAPrivateBus(t *testing.T) {
	if os.Getenv(onBusEnv) == "" {
		for _, p := range []string{"dbus-run-session", "dbus-monitor"} {
			if _, err := exec.LookPath(p); err != nil {
				t.Fatalf("%s is needed (make deps installs dbus-daemon and dbus-bin): %v", p, err)
			}
		}
		cmd := exec.Command("dbus-run-session", "--", os.Args[0], "-test.run=^TestDueNotifyOnAPrivateBus$", "-test.v")
		cmd.Env = append(os.Environ(), onBusEnv+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("--- PASS: TestDueNotifyOnAPrivateBus")) {
			t.Fatalf("inside the private bus: %v\n%s", err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, "Notify") {
				t.Log(strings.TrimSpace(l))
			}
		}
		return
	}
	notifyOnBus(t)
}

// notifications is a stand-in for the desktop's notification service: it
// counts the Notify calls it answers.
type notifications struct{ calls atomic.Int32 }

// Notify is the freedesktop method; it returns a new id.
func (n *notifications) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	return uint32(n.calls.Add(1)), nil
}

// notifyOnBus is the test's work inside the private bus.
func notifyOnBus(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no session bus address inside dbus-run-session")
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv := &notifications{}
	if err := conn.Export(srv, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	if r, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue); err != nil || r != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own the notification service's name: %v %v", r, err)
	}

	mon := exec.Command("dbus-monitor", "--session", "type='method_call',interface='org.freedesktop.Notifications',member='Notify'")
	stdout, err := mon.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := mon.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []string
	ready := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stdout)
		first := true
		for sc.Scan() {
			mu.Lock()
			seen = append(seen, sc.Text())
			mu.Unlock()
			if first {
				// dbus-monitor's first line is its own NameAcquired: it
				// is listening.
				first = false
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		t.Fatal("dbus-monitor did not start")
	}
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, l := range seen {
			if strings.HasPrefix(l, "method call") && strings.Contains(l, "member=Notify") {
				n++
			}
		}
		return n
	}
	waitFor := func(n int) {
		for end := time.Now().Add(3 * time.Second); time.Now().Before(end) && count() < n; {
			time.Sleep(20 * time.Millisecond)
		}
		// A little longer, to catch a second call that should not be.
		time.Sleep(300 * time.Millisecond)
	}

	// Something due: a plan item due today.
	h := newHarness(t)
	h.ok("profile", "--stage", "junior", "--since", "2025-01-01")
	h.ok("cadence", "off")
	h.ok("plan", "add", "linux-networking", "--due", testToday)
	if out := h.ok("due", "--notify"); !strings.Contains(out, "plan item: Networking") {
		t.Errorf("due --notify:\n%s", out)
	}
	waitFor(1)
	if n, m := count(), srv.calls.Load(); n != 1 || m != 1 {
		t.Errorf("something due: dbus-monitor saw %d Notify calls, the service answered %d; want 1 each", n, m)
	}
	t.Logf("dbus-monitor saw %d Notify call when something was due", count())

	// Nothing due.
	h2 := newHarness(t)
	h2.ok("profile", "--stage", "junior", "--since", "2025-01-01")
	h2.ok("cadence", "off")
	if out := h2.ok("due", "--notify"); out != "Nothing is due.\n" {
		t.Errorf("due --notify with nothing due:\n%s", out)
	}
	waitFor(2)
	if n, m := count(), srv.calls.Load(); n != 1 || m != 1 {
		t.Errorf("nothing due: dbus-monitor saw %d Notify calls in all, the service answered %d; want still 1", n, m)
	}
	t.Logf("dbus-monitor saw %d Notify calls in all after nothing was due", count())
	_ = mon.Process.Kill()
	<-done
	_ = mon.Wait()
}

// fakeSystemctl puts a systemctl first in PATH that logs its arguments and
// answers show-environment with session (a user session exists or not);
// enable and disable make and remove the wants link as systemctl does.
func fakeSystemctl(t *testing.T, session bool) (log string) {
	t.Helper()
	bin := t.TempDir()
	log = filepath.Join(t.TempDir(), "systemctl.log")
	code := "1"
	if session {
		code = "0"
	}
	script := `#!/bin/sh
echo "$*" >> "` + log + `"
dir="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
case "$*" in
  *show-environment*) exit ` + code + ` ;;
  *" enable "*) mkdir -p "$dir/timers.target.wants" && ln -s "$dir/devpath-remind.timer" "$dir/timers.target.wants/devpath-remind.timer" ;;
  *" disable "*) rm -f "$dir/timers.target.wants/devpath-remind.timer" ;;
esac
exit 0
`
	if err := os.WriteFile(filepath.Join(bin, "systemctl"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return log
}

// tree lists every path under root with its kind.
func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out = append(out, strings.TrimPrefix(p, root)+map[bool]string{true: "/", false: ""}[d.IsDir()])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRemindFallsBackToAutostartAndLeavesNothing: without a systemd user
// session, remind on writes the autostart entry in a temporary home; off
// removes it and everything on made, and nothing else.
func TestRemindFallsBackToAutostartAndLeavesNothing(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	// Something of the user's own that must stay.
	mine := filepath.Join(home, ".config", "autostart", "mine.desktop")
	if err := os.MkdirAll(filepath.Dir(mine), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mine, []byte("[Desktop Entry]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	log := fakeSystemctl(t, false)
	before := tree(t, home)

	h := newHarness(t)
	out := h.ok("remind", "on")
	if !strings.Contains(out, "autostart") {
		t.Errorf("remind on:\n%s", out)
	}
	entry, err := os.ReadFile(filepath.Join(home, ".config", "autostart", "devpath-remind.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(entry), " --db "+h.db+" due --notify") || !strings.Contains(string(entry), "Exec=/") {
		t.Errorf("the autostart entry:\n%s", entry)
	}
	if out := h.ok("remind", "on"); !strings.Contains(out, "installed already") {
		t.Errorf("remind on again:\n%s", out)
	}
	h.ok("remind", "off")
	if after := tree(t, home); !slices.Equal(after, before) {
		t.Errorf("remind off left the home as\n%q\nnot as before\n%q", after, before)
	}
	if out := h.ok("remind", "off"); !strings.Contains(out, "No reminder") {
		t.Errorf("remind off again:\n%s", out)
	}
	if b, _ := os.ReadFile(log); strings.Contains(string(b), "enable") {
		t.Errorf("systemctl was asked to enable without a session:\n%s", b)
	}
}

// TestRemindInstallsASystemdTimer: with a user session (a fake systemctl),
// remind on writes the service and timer under $XDG_CONFIG_HOME and
// enables the timer; off disables it and leaves the folder as it was.
func TestRemindInstallsASystemdTimer(t *testing.T) {
	home, cfg := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", cfg)
	log := fakeSystemctl(t, true)
	before, homeBefore := tree(t, cfg), tree(t, home)

	h := newHarness(t)
	if out := h.ok("remind", "on"); !strings.Contains(out, "systemd user timer") {
		t.Errorf("remind on:\n%s", out)
	}
	dir := filepath.Join(cfg, "systemd", "user")
	service, err := os.ReadFile(filepath.Join(dir, "devpath-remind.service"))
	if err != nil {
		t.Fatal(err)
	}
	timer, err := os.ReadFile(filepath.Join(dir, "devpath-remind.timer"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(service), "ExecStart=/") || !strings.Contains(string(service), " due --notify") ||
		!strings.Contains(string(timer), "OnCalendar=daily") || !strings.Contains(string(timer), "WantedBy=timers.target") {
		t.Errorf("service:\n%s\ntimer:\n%s", service, timer)
	}
	if _, err := os.Lstat(filepath.Join(dir, "timers.target.wants", "devpath-remind.timer")); err != nil {
		t.Errorf("the timer was not enabled: %v", err)
	}
	h.ok("remind", "off")
	if after := tree(t, cfg); !slices.Equal(after, before) {
		t.Errorf("remind off left the config folder as\n%q\nnot as before\n%q", after, before)
	}
	if after := tree(t, home); !slices.Equal(after, homeBefore) {
		t.Errorf("the home changed: %q", after)
	}
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	calls := string(b)
	for _, want := range []string{"--user enable --now devpath-remind.timer", "--user disable --now devpath-remind.timer"} {
		if !strings.Contains(calls, want) {
			t.Errorf("systemctl was not asked %q:\n%s", want, calls)
		}
	}
}
