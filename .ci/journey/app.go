package main

import (
	"bufio"
	"bytes"
	"context"
	"devpath/tracker/backup"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// sandbox is the folder a run keeps everything in: the database, devpath's
// home and XDG folders (so that no run shares preferences with another or
// with the user), and the log.
type sandbox struct {
	dir  string
	home string
	db   string
	bin  string
}

func newSandbox(dir, bin string) (*sandbox, error) {
	s := &sandbox{dir: dir, home: filepath.Join(dir, "home"), db: filepath.Join(dir, "devpath.db"), bin: bin}
	for _, sub := range []string{"home", "config", "data", "cache", "run"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// env is the environment devpath runs with: its own HOME and XDG folders,
// scale 1 and software OpenGL, no database from the caller's environment,
// and Fyne's checks of the calling goroutine on (DEVPATH_THREAD_CHECKS), so
// that any change to the window made off the UI goroutine is logged and
// fails the step.
func (s *sandbox) env(disp string) []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "DEVPATH_DB", "DISPLAY", "WAYLAND_DISPLAY", "HOME", "LANG", "LC_ALL", "FYNE_SCALE", "FYNE_THEME",
			"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "LIBGL_ALWAYS_SOFTWARE":
			continue
		}
		out = append(out, kv)
	}
	return append(out,
		"DISPLAY="+disp, "LANG=C.UTF-8", "FYNE_SCALE=1", "LIBGL_ALWAYS_SOFTWARE=1",
		"DEVPATH_THREAD_CHECKS=1",
		"HOME="+s.home,
		"XDG_CONFIG_HOME="+filepath.Join(s.dir, "config"),
		"XDG_DATA_HOME="+filepath.Join(s.dir, "data"),
		"XDG_CACHE_HOME="+filepath.Join(s.dir, "cache"),
		"XDG_RUNTIME_DIR="+filepath.Join(s.dir, "run"),
	)
}

// cli runs a devpath command on the sandbox's database.
func (s *sandbox) cli(args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.bin, append([]string{"--db", s.db}, args...)...)
	cmd.Env = s.env("")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("devpath %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out, nil
}

// backup reads the whole database as devpath exports it.
func (s *sandbox) backup() (backup.Backup, error) {
	out, err := s.cli("export", "--format", "json")
	if err != nil {
		return backup.Backup{}, err
	}
	return backup.Read(bytes.NewReader(out), backup.DefaultLimit)
}

// prefsPath is the file Fyne keeps devpath's preferences in.
func (s *sandbox) prefsPath() string {
	return filepath.Join(s.dir, "config", "fyne", "io.github.devpath.devpath", "preferences.json")
}

// app is one devpath window process.
type app struct {
	sb   *sandbox
	disp display
	cmd  *exec.Cmd
	log  string
	exit chan struct{}
	err  error // the process's exit, once exit is closed
	wid  string
	w, h int
	// args are devpath's arguments after --db.
	args []string
	// grown holds the sizes beyond w×h devpath gave its window itself.
	grown map[string]bool
}

// launch starts devpath's window on the sandbox's database.
func launch(sb *sandbox, disp display, logName string, args ...string) (*app, error) {
	a := &app{sb: sb, disp: disp, log: filepath.Join(sb.dir, logName), args: args}
	if err := a.start(); err != nil {
		return nil, err
	}
	return a, nil
}

// start starts the process, its output going to a new log.
func (a *app) start() error {
	f, err := os.OpenFile(a.log, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	a.exit, a.err = make(chan struct{}), nil
	a.cmd = exec.Command(a.sb.bin, append([]string{"--db", a.sb.db}, a.args...)...)
	a.cmd.Env = a.sb.env(a.disp.name)
	a.cmd.Stdout, a.cmd.Stderr = f, f
	a.cmd.Dir = a.sb.dir
	if err := a.cmd.Start(); err != nil {
		f.Close()
		return fmt.Errorf("start %s: %w", a.sb.bin, err)
	}
	cmd, exit := a.cmd, a.exit
	go func() {
		err := cmd.Wait()
		f.Close()
		a.err = err
		close(exit)
	}()
	return nil
}

// alive reports an error when the process has ended.
func (a *app) alive() error {
	select {
	case <-a.exit:
		return fmt.Errorf("devpath exited (%v)", a.err)
	default:
		return nil
	}
}

// stop ends the process if it still runs: SIGTERM, then SIGKILL.
func (a *app) stop() {
	if a == nil || a.cmd == nil || a.cmd.Process == nil {
		return
	}
	select {
	case <-a.exit:
		return
	default:
	}
	_ = a.cmd.Process.Signal(os.Interrupt)
	select {
	case <-a.exit:
	case <-time.After(5 * time.Second):
		_ = a.cmd.Process.Kill()
		<-a.exit
	}
}

// waitExit waits for the process to end by itself and returns its exit.
func (a *app) waitExit(timeout time.Duration) error {
	select {
	case <-a.exit:
		return a.err
	case <-time.After(timeout):
		return fmt.Errorf("devpath still runs %s later", timeout)
	}
}

// benign are the log lines of a healthy run under Xvfb, each the first line
// of a Fyne error report with its cause:
//   - there is no D-Bus session to watch the desktop's theme through;
//   - the sandbox defines none of the XDG user folders the file dialog lists
//     as favourites;
//   - Fyne 2.8.1 watches its preferences file and ignores the change its own
//     save makes for 100 ms only (app/preferences.go); on a loaded machine
//     the event comes later and the reload reads the file while the next
//     save rewrites it, finds it empty (EOF) and keeps the values it has.
//
// Anything else Fyne logs fails the run.
var benign = []struct{ what, cause *regexp.Regexp }{
	{regexp.MustCompile(`Fyne error:\s+failed to watch theme settings$`), regexp.MustCompile(`Cause: exec: "dbus-launch": executable file not found`)},
	{regexp.MustCompile(`Fyne error:\s+Getting favorite locations$`), regexp.MustCompile(`Cause: this computer does not define a [A-Z]+ folder$`)},
	{regexp.MustCompile(`Fyne error:\s+Preferences load error:$`), regexp.MustCompile(`Cause: EOF$`)},
}

// bad are the log lines that fail a run wherever they appear ("internal
// error:" is how devpath reports a panic it caught).
var bad = regexp.MustCompile(`panic:|fatal error:|internal error:|Error in Fyne call thread|DATA RACE|Fyne error:|^\s*goroutine \d+ \[`)

// checkLog fails when devpath's log shows a panic, a threading error or a
// Fyne error other than the benign ones.
func (a *app) checkLog() error {
	data, err := os.ReadFile(a.log)
	if err != nil {
		return err
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	var problems []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if !bad.MatchString(line) {
			continue
		}
		ok := false
		for _, b := range benign {
			if b.what.MatchString(line) && i+1 < len(lines) && b.cause.MatchString(lines[i+1]) {
				ok = true
				i++ // its cause; the "At:" line after it matches nothing bad
				break
			}
		}
		if !ok {
			problems = append(problems, line)
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("devpath's log (%s) shows:\n  %s", a.log, strings.Join(problems, "\n  "))
	}
	return nil
}

// tail returns the last lines of the log.
func (a *app) tail(n int) string {
	data, _ := os.ReadFile(a.log)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// waitWindow waits for the window to be mapped, gives it the size w×h at
// the top left of the screen (there is no window manager to place it) and
// waits until it keeps that size.
func (a *app) waitWindow(w, h int, timeout time.Duration) error {
	err := poll(timeout, "the devpath window to appear", func() (bool, string, error) {
		if err := a.alive(); err != nil {
			// devpath ends at once when it cannot reach the display: say
			// whether the X server was still there, to tell its failure
			// from devpath's.
			if _, xerr := a.disp.run(5*time.Second, "xwininfo", "-root"); xerr != nil {
				return false, "", fmt.Errorf("%w; the X server %s does not answer either: %v", err, a.disp.name, xerr)
			}
			return false, "", fmt.Errorf("%w; the X server %s answers", err, a.disp.name)
		}
		a.wid = a.disp.windowNamed("devpath")
		return a.wid != "", "no window named devpath", nil
	})
	if err != nil {
		return err
	}
	a.w, a.h = w, h
	// devpath sets its remembered size once more while it starts: fit
	// again once that is done, and count neither as growth.
	if err := a.fit(timeout); err != nil {
		return err
	}
	time.Sleep(time.Second)
	err = a.fit(timeout)
	a.grown = nil
	return err
}

// fit gives the window its size again when devpath has changed it, and
// reports the size it had. (A dialog larger than the window makes Fyne
// grow the window.)
func (a *app) fit(timeout time.Duration) error {
	w, h := a.w, a.h
	return poll(timeout, fmt.Sprintf("the window to take the size %dx%d", w, h), func() (bool, string, error) {
		if err := a.alive(); err != nil {
			return false, "", err
		}
		gw, gh, err := a.disp.geometry(a.wid)
		if err != nil {
			return false, err.Error(), nil
		}
		if gw == w && gh == h {
			return true, "", nil
		}
		if a.grown == nil {
			a.grown = map[string]bool{}
		}
		if gw != 0 && (gw > w || gh > h) {
			a.grown[fmt.Sprintf("%dx%d", gw, gh)] = true
		}
		if err := a.disp.xdotool("windowmove", a.wid, "0", "0", "windowsize", a.wid, fmt.Sprint(w), fmt.Sprint(h)); err != nil {
			return false, err.Error(), nil
		}
		// Keys go to the window under the pointer, or the one with the
		// focus: give it both.
		_ = a.disp.xdotool("mousemove", fmt.Sprint(w-2), fmt.Sprint(h/2))
		_ = a.disp.xdotool("windowfocus", a.wid)
		return false, fmt.Sprintf("the window is %dx%d", gw, gh), nil
	})
}

// fitOrGrow gives the window its size again when devpath has changed it,
// a few times; a window that keeps growing back (its content needs more
// room) is left at the size devpath insists on, which a.grown records.
func (a *app) fitOrGrow() error {
	for range 4 {
		gw, gh, err := a.disp.geometry(a.wid)
		if err != nil {
			return err
		}
		if gw == a.w && gh == a.h {
			return nil
		}
		if err := a.fit(2 * time.Second); err != nil && !errors.Is(err, errTimeout) {
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
	return nil
}

// settleLimit is how many pixels may change between two pictures of a
// window at rest: a text cursor blinking, not a screen being drawn.
const settleLimit = 80

// settled waits until two pictures of the window in a row are alike, and
// returns the last. A window that keeps changing for the whole timeout
// fails.
func (a *app) settled(timeout time.Duration) (*image.RGBA, error) {
	var last, img *image.RGBA
	err := poll(timeout, "the window to stop changing", func() (bool, string, error) {
		if err := a.alive(); err != nil {
			return false, "", err
		}
		var err error
		if img, err = a.disp.capture(a.wid); err != nil {
			return false, err.Error(), nil
		}
		if last != nil && diffPixels(last, img, 0) <= settleLimit {
			return true, "", nil
		}
		n := diffPixels(last, img, 0)
		last = img
		return false, fmt.Sprintf("%d pixels changed between the last two pictures", n), nil
	})
	return img, err
}

// errTimeout marks a wait that ran out of time.
var errTimeout = errors.New("timed out")

// poll calls check every quarter second until it reports done, returns an
// error, or timeout has passed; the error then says what was awaited and
// what check saw last.
func poll(timeout time.Duration, what string, check func() (done bool, seen string, err error)) error {
	deadline := time.Now().Add(timeout)
	for {
		done, seen, err := check()
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", what, err)
		}
		if done {
			return nil
		}
		if time.Now().After(deadline) {
			if seen != "" {
				return fmt.Errorf("waiting for %s: %w after %s; last seen: %s", what, errTimeout, timeout, seen)
			}
			return fmt.Errorf("waiting for %s: %w after %s", what, errTimeout, timeout)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
