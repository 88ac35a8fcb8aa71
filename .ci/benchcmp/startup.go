package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// startCase is one program whose start-up is measured.
type startCase struct {
	name  string   // "empty window", "devpath, embedded roadmap", …
	short string   // the name in the summary
	title string   // the window title to wait for, exactly
	argv  []string // the command; "{db}" is replaced by the run's database
	db    string   // database file copied into each run's folder ("" = none)
}

// startSample is one measured start.
type startSample struct {
	mapped time.Duration // process start to window mapped
	cpu    time.Duration // CPU time the process had used when it was mapped
	rssKB  int64         // VmRSS, settle after the map
	hwmKB  int64         // VmHWM (peak resident memory) at the same moment
	exit   time.Duration // SIGTERM to the process's exit
}

// startOptions are the settings shared by every start.
type startOptions struct {
	display string
	work    string        // a folder for the runs' homes and databases
	settle  time.Duration // from the map to reading the memory
	timeout time.Duration // longest wait for the window
}

// runStart starts c once in a fresh home, waits for its window to be
// mapped, reads its memory settle later, and stops it. Run 0 is the
// warm-up: every run of a case shares one XDG_CACHE_HOME (Fyne's font
// index, Mesa's shader cache), which the warm-up fills, as on a machine
// where the program has run before.
func runStart(o startOptions, c startCase, run int) (startSample, error) {
	var s startSample
	dir := filepath.Join(o.work, fmt.Sprintf("run-%02d-%s", run, slug(c.name)))
	if err := os.RemoveAll(dir); err != nil {
		return s, err
	}
	env, err := runEnv(dir, filepath.Join(o.work, "cache-"+slug(c.name)), o.display)
	if err != nil {
		return s, err
	}
	argv := append([]string(nil), c.argv...)
	if c.db != "" {
		db := filepath.Join(dir, "db", "devpath.db")
		if err := prepareDB(c.db, db); err != nil {
			return s, err
		}
		for i, a := range argv {
			argv[i] = strings.ReplaceAll(a, "{db}", db)
		}
	}

	x, err := dialX(o.display)
	if err != nil {
		return s, err
	}
	defer x.close()
	x.listen(nil)

	logf, err := os.Create(filepath.Join(dir, "output.log"))
	if err != nil {
		return s, err
	}
	defer logf.Close()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env, cmd.Stdout, cmd.Stderr, cmd.Dir = env, logf, logf, dir
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return s, fmt.Errorf("start %s: %w", argv[0], err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stopped := false
	defer func() {
		if !stopped {
			stop(cmd, exited)
		}
	}()

	mappedAt := map[xproto.Window]time.Time{}
	var retry []xproto.Window // mapped windows without a name yet
	var found time.Time
	// lookup reads a mapped window's name; the one named c.title is found.
	lookup := func(w xproto.Window) error {
		name, err := x.windowName(w)
		var xerr xgb.Error
		switch {
		case errors.As(err, &xerr):
			return nil // the window went away
		case err != nil:
			return fmt.Errorf("display %s: %w", o.display, err)
		case name == c.title:
			found = mappedAt[w]
			s.cpu, err = cpuTime(cmd.Process.Pid)
			return err
		case name == "":
			retry = append(retry, w)
		}
		return nil
	}
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(o.timeout)
	for found.IsZero() {
		select {
		case m := <-x.maps:
			mappedAt[m.win] = m.at
			if err := lookup(m.win); err != nil {
				return s, err
			}
		case <-x.lost:
			return s, fmt.Errorf("display %s: connection lost", o.display)
		case <-tick.C:
			ws := retry
			retry = nil
			for _, w := range ws {
				if err := lookup(w); err != nil {
					return s, err
				}
			}
		case err := <-exited:
			stopped = true
			return s, fmt.Errorf("%s exited before its window appeared (%v); see %s", c.name, err, logf.Name())
		case <-deadline:
			return s, fmt.Errorf("no window named %q appeared within %v; see %s", c.title, o.timeout, logf.Name())
		}
	}
	s.mapped = found.Sub(start)

	select {
	case err := <-exited:
		stopped = true
		return s, fmt.Errorf("%s exited %v after its window appeared (%v); see %s", c.name, o.settle, err, logf.Name())
	case <-time.After(s.mapped + o.settle - time.Since(start)):
	}
	if s.rssKB, s.hwmKB, err = memory(cmd.Process.Pid); err != nil {
		return s, err
	}
	stopped = true
	s.exit = stop(cmd, exited)
	if err := threadErrors(logf.Name()); err != nil {
		return s, err
	}
	return s, nil
}

// runEnv makes a fresh home with XDG folders under dir (the cache folder
// is cache) and returns the environment of a run: this one without
// anything that could bring in the user's settings, data or session.
func runEnv(dir, cache, display string) ([]string, error) {
	home := filepath.Join(dir, "home")
	xdg := map[string]string{
		"XDG_CONFIG_HOME": filepath.Join(dir, "config"),
		"XDG_DATA_HOME":   filepath.Join(dir, "data"),
		"XDG_CACHE_HOME":  cache,
		"XDG_STATE_HOME":  filepath.Join(dir, "state"),
		"XDG_RUNTIME_DIR": filepath.Join(dir, "run"),
	}
	for _, d := range append([]string{home}, xdg["XDG_CONFIG_HOME"], xdg["XDG_DATA_HOME"], xdg["XDG_CACHE_HOME"], xdg["XDG_STATE_HOME"], xdg["XDG_RUNTIME_DIR"]) {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "XDG_"), strings.HasPrefix(k, "LC_"), strings.HasPrefix(k, "DEVPATH_"),
			strings.HasPrefix(k, "FYNE_"), strings.HasPrefix(k, "DBUS_"),
			k == "HOME", k == "LANG", k == "LANGUAGE", k == "DISPLAY", k == "WAYLAND_DISPLAY", k == "XAUTHORITY":
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+home, "LANG=C.UTF-8", "DISPLAY="+display, "LIBGL_ALWAYS_SOFTWARE=1")
	for k, v := range xdg {
		env = append(env, k+"="+v)
	}
	return env, nil
}

// prepareDB copies the database src to dst (a run may change it) and puts
// today's automatic backup beside it, as after an earlier start the same
// day, so that the start does not include the once-a-day backup.
func prepareDB(src, dst string) error {
	backups := filepath.Join(filepath.Dir(dst), "backups")
	if err := os.MkdirAll(backups, 0o700); err != nil {
		return err
	}
	if err := copyFile(src, dst); err != nil {
		return err
	}
	return os.Link(dst, filepath.Join(backups, "devpath-"+time.Now().Format("2006-01-02")+".db"))
}

// copyFile copies src to a new file dst (0600).
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	// On disk before the program starts: otherwise its first fsync also
	// waits for the copy to be written, which a user's database never does.
	if err := out.Sync(); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}

// stop ends a started program: SIGTERM, then SIGKILL after 5 s. It
// returns the time from the SIGTERM to the exit.
func stop(cmd *exec.Cmd, exited <-chan error) time.Duration {
	start := time.Now()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
	}
	return time.Since(start)
}

// memory reads VmRSS and VmHWM (kB) of a process.
func memory(pid int) (rss, hwm int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("read the memory of process %d: %w", pid, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("process %d: %s %q: %w", pid, k, v, err)
		}
		if k == "VmRSS" {
			rss = n
		} else {
			hwm = n
		}
	}
	if rss == 0 {
		return 0, 0, fmt.Errorf("process %d: no VmRSS in /proc/%d/status", pid, pid)
	}
	return rss, hwm, sc.Err()
}

// cpuTime reads the user and system CPU time of a process, all threads, in
// clock ticks of 10 ms (fields 14 and 15 of /proc/PID/stat).
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("read the CPU time of process %d: %w", pid, err)
	}
	// The command name, in parentheses, may hold spaces: count from after it.
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0, fmt.Errorf("process %d: cannot read /proc/%d/stat", pid, pid)
	}
	var ticks int64
	for _, v := range f[11:13] { // utime, stime: fields 14 and 15
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("process %d: cannot read /proc/%d/stat", pid, pid)
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}

// threadErrors fails when a program's output shows Fyne threading errors
// or a panic: a start that misbehaves does not count.
func threadErrors(log string) error {
	b, err := os.ReadFile(log)
	if err != nil {
		return err
	}
	for _, bad := range []string{"Error in Fyne call thread", "panic:", "fatal error:"} {
		if strings.Contains(string(b), bad) {
			return fmt.Errorf("the output shows %q; see %s", bad, log)
		}
	}
	return nil
}

// slug turns a case name into a folder name.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
