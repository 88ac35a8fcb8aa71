// Package remind brings devpath's reminders to a user who does not keep it
// open: it installs a daily systemd user timer that runs `devpath due
// --notify` (or, without a systemd user session, an XDG autostart entry
// that runs it at each login), records exactly what it installed, and
// removes exactly that again. Notify sends the one desktop notification
// through the freedesktop notification service on the session bus.
package remind

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"devpath/tracker"
)

// Supported reports whether this operating system has what the daily
// reminder is made of: systemd user timers or XDG autostart, and a
// freedesktop notification service. Windows and macOS have neither; there
// the window's own notifications are the reminders.
func Supported() bool { return runtime.GOOS != "windows" && runtime.GOOS != "darwin" }

// errUnsupported is On's and Notify's error where Supported is false.
func errUnsupported(op string) error {
	return &tracker.Error{Code: tracker.CodeUnsupported, Op: op, Msg: "daily reminders while devpath is closed need a Linux or BSD desktop (systemd or XDG autostart); keep the window open for its notifications", Unchanged: true}
}

// The names of what On installs.
const (
	// Unit is the systemd unit's name, without its suffix.
	Unit = "devpath-remind"
	// AutostartFile is the XDG autostart entry's file name.
	AutostartFile = "devpath-remind.desktop"
	// recordFile is the record of what On installed, in the config
	// folder's devpath folder.
	recordFile = "remind.json"
)

// Env is what the installer reads of the system: the environment and the
// programs it runs. Zero fields mean the real ones.
type Env struct {
	// Getenv reads an environment variable (os.Getenv).
	Getenv func(string) string
	// Run runs a program and waits for it (exec.Command(...).Run), for
	// systemctl.
	Run func(name string, args ...string) error
}

func (e Env) getenv(k string) string {
	if e.Getenv != nil {
		return e.Getenv(k)
	}
	return os.Getenv(k)
}

func (e Env) run(name string, args ...string) error {
	if e.Run != nil {
		return e.Run(name, args...)
	}
	cmd := exec.Command(name, args...)
	return cmd.Run()
}

// Kind is how the reminder was installed.
type Kind string

// The kinds of installation.
const (
	KindSystemd   Kind = "systemd"
	KindAutostart Kind = "autostart"
)

// Record is what On installed, kept in remind.json so that Off removes
// exactly that: the files it wrote, the folders it made (removed when
// empty), and whether it enabled a systemd timer.
type Record struct {
	Kind    Kind     `json:"kind"`
	Files   []string `json:"files"`
	Folders []string `json:"folders,omitempty"`
	Enabled bool     `json:"enabled,omitempty"`
}

// ConfigHome is $XDG_CONFIG_HOME, or ~/.config.
func ConfigHome(env Env) (string, error) {
	if d := env.getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home := env.getenv("HOME")
	if home == "" {
		return "", errors.New("neither $XDG_CONFIG_HOME nor $HOME is set, so there is no folder for the reminder")
	}
	return filepath.Join(home, ".config"), nil
}

// recordPath is where the record of the installation is kept.
func recordPath(env Env) (string, error) {
	cfg, err := ConfigHome(env)
	if err != nil {
		return "", err
	}
	return filepath.Join(cfg, "devpath", recordFile), nil
}

// Installed returns the record of the reminder installed, or nil.
func Installed(env Env) (*Record, error) {
	p, err := recordPath(env)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s is not readable: %w", p, err)
	}
	return &r, nil
}

// UserSession reports whether a systemd user session answers: systemctl
// exists and `systemctl --user show-environment` succeeds.
func UserSession(env Env) bool {
	return env.run("systemctl", "--user", "show-environment") == nil
}

// command is the command line the reminder runs: devpath, the database,
// "due --notify". Each word is quoted for systemd and desktop entries
// alike (both read double quotes with backslash escapes).
func command(exe, db string) string {
	words := []string{exe}
	if db != "" {
		words = append(words, "--db", db)
	}
	words = append(words, "due", "--notify")
	for i, w := range words {
		if strings.ContainsAny(w, " \t\"\\'$%") {
			r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `$$`, `%`, `%%`)
			words[i] = `"` + r.Replace(w) + `"`
		}
	}
	return strings.Join(words, " ")
}

// OnSelf is On for the program running now (its real path, links
// followed) and the database db, made absolute: what the window and the
// command line both install.
func OnSelf(env Env, db string) (rec Record, ok bool, err error) {
	exe, err := os.Executable()
	if err != nil {
		return Record{}, false, fmt.Errorf("find devpath's own program: %w", err)
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	if db, err = filepath.Abs(db); err != nil {
		return Record{}, false, err
	}
	return On(env, exe, db)
}

// On installs the daily reminder for the devpath program exe (an absolute
// path) and the database db: a systemd user service and timer in
// $XDG_CONFIG_HOME/systemd/user, enabled with systemctl --user, when a
// user session exists; else an XDG autostart entry. It records what it
// wrote; a reminder already installed is left as it is (ok false).
func On(env Env, exe, db string) (rec Record, ok bool, err error) {
	if !Supported() {
		return Record{}, false, errUnsupported("install the daily reminder")
	}
	if !filepath.IsAbs(exe) {
		return Record{}, false, fmt.Errorf("the program's path %q is not absolute", exe)
	}
	if old, err := Installed(env); err != nil || old != nil {
		if old != nil {
			return *old, false, nil
		}
		return Record{}, false, err
	}
	cfg, err := ConfigHome(env)
	if err != nil {
		return Record{}, false, err
	}
	w := writer{}
	defer func() {
		if err != nil {
			w.undo()
		}
	}()
	cmd := command(exe, db)
	if UserSession(env) {
		rec.Kind = KindSystemd
		dir := filepath.Join(cfg, "systemd", "user")
		if err := w.mkdirs(dir); err != nil {
			return Record{}, false, err
		}
		service := "[Unit]\nDescription=devpath: a desktop notification when something is due\n\n" +
			"[Service]\nType=oneshot\nExecStart=" + cmd + "\n"
		timer := "[Unit]\nDescription=devpath: check once a day what is due\n\n" +
			"[Timer]\nOnCalendar=daily\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"
		if err := w.file(filepath.Join(dir, Unit+".service"), service); err != nil {
			return Record{}, false, err
		}
		if err := w.file(filepath.Join(dir, Unit+".timer"), timer); err != nil {
			return Record{}, false, err
		}
		// enable makes timers.target.wants: note it, to remove it when
		// it is left empty.
		wants := filepath.Join(dir, "timers.target.wants")
		_, statErr := os.Stat(wants)
		_ = env.run("systemctl", "--user", "daemon-reload")
		if err := env.run("systemctl", "--user", "enable", "--now", Unit+".timer"); err != nil {
			return Record{}, false, fmt.Errorf("systemctl --user enable --now %s.timer: %w", Unit, err)
		}
		rec.Enabled = true
		if errors.Is(statErr, fs.ErrNotExist) {
			w.folders = append(w.folders, wants)
		}
	} else {
		rec.Kind = KindAutostart
		dir := filepath.Join(cfg, "autostart")
		if err := w.mkdirs(dir); err != nil {
			return Record{}, false, err
		}
		entry := "[Desktop Entry]\nType=Application\nName=devpath reminders\n" +
			"Comment=A desktop notification when something in your devpath plan is due\n" +
			"Exec=" + cmd + "\nTerminal=false\nNoDisplay=true\nX-GNOME-Autostart-enabled=true\n"
		if err := w.file(filepath.Join(dir, AutostartFile), entry); err != nil {
			return Record{}, false, err
		}
	}
	rp, err := recordPath(env)
	if err != nil {
		return Record{}, false, err
	}
	if err := w.mkdirs(filepath.Dir(rp)); err != nil {
		return Record{}, false, err
	}
	rec.Files, rec.Folders = append(w.files, rp), w.folders
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return Record{}, false, err
	}
	if err := w.file(rp, string(b)+"\n"); err != nil {
		return Record{}, false, err
	}
	return rec, true, nil
}

// Off removes what On installed, as its record lists it, and nothing else:
// it disables the timer, removes the files and the folders On made when
// they are empty. With nothing installed it does nothing (ok false).
func Off(env Env) (rec Record, ok bool, err error) {
	r, err := Installed(env)
	if err != nil || r == nil {
		return Record{}, false, err
	}
	if r.Kind == KindSystemd && r.Enabled {
		// The timer may be gone already (removed by hand): the files
		// still go.
		_ = env.run("systemctl", "--user", "disable", "--now", Unit+".timer")
	}
	var errs []error
	for _, f := range r.Files {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if r.Kind == KindSystemd && r.Enabled {
		_ = env.run("systemctl", "--user", "daemon-reload")
	}
	// The deepest first, each only when empty: a folder the user put
	// something else in stays.
	folders := slices.Clone(r.Folders)
	slices.SortFunc(folders, func(a, b string) int { return len(b) - len(a) })
	for _, d := range folders {
		if err := os.Remove(d); err != nil && !errors.Is(err, fs.ErrNotExist) && !isNotEmpty(d) {
			errs = append(errs, err)
		}
	}
	return *r, true, errors.Join(errs...)
}

// isNotEmpty reports whether the folder d holds something.
func isNotEmpty(d string) bool {
	es, err := os.ReadDir(d)
	return err == nil && len(es) > 0
}

// writer writes files and folders, remembering them so that a failure
// half way removes what it wrote.
type writer struct {
	files, folders []string
}

// mkdirs makes dir and its missing parents, noting each it made.
func (w *writer) mkdirs(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o700); err != nil {
			return err
		}
		w.folders = append(w.folders, missing[i])
	}
	return nil
}

// file writes a new file with content, mode 0600; it refuses to replace
// one that is there.
func (w *writer) file(path, content string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	w.files = append(w.files, path)
	_, err = f.WriteString(content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// undo removes what w wrote, the files first, then the folders deepest
// first.
func (w *writer) undo() {
	for _, f := range w.files {
		_ = os.Remove(f)
	}
	for i := len(w.folders) - 1; i >= 0; i-- {
		_ = os.Remove(w.folders[i])
	}
}
