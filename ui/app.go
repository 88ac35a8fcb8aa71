package ui

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"devpath/assets"
	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
)

// Options configures the window.
type Options struct {
	// DBPath is the database file to open.
	DBPath string
	// Roadmap is a roadmap given for this run only (--roadmap), which
	// overrides the one the database holds; nil means the database's.
	Roadmap *roadmap.Roadmap
	// RoadmapPath is the file Roadmap was read from, or "".
	RoadmapPath string
	// Screen is the screen to start on (dashboard, roadmap, paths, history,
	// settings or team); "" means the one used last.
	Screen string
	// Version is devpath's version, shown in the About dialog.
	Version string
	// Core is the application core the window stands on: every database,
	// backup and team connection goes through it. Nil makes one for DBPath
	// with the system clock (tests).
	Core *core.Core
}

// declareFyneDo tells Fyne that devpath applies every change to the window
// on the UI goroutine (fyne.Do), as FyneApp.toml's [Migrations] says. A
// packaged build reads that from its metadata; a plain "go build" binary
// started from elsewhere has no FyneApp.toml beside it, and Fyne then
// checks the calling goroutine of every refresh by reading the stack: in
// a screen switch, which refreshes each of the screen's labels, that check
// took two thirds of the time. DEVPATH_THREAD_CHECKS=1 leaves the checks
// on: the window test runs so, and any change to the window made off the
// UI goroutine is logged ("Error in Fyne call thread") and fails it.
func declareFyneDo(a fyne.App) {
	m := a.Metadata()
	if m.Migrations["fyneDo"] || os.Getenv("DEVPATH_THREAD_CHECKS") == "1" {
		return
	}
	m.Migrations = maps.Clone(m.Migrations)
	if m.Migrations == nil {
		m.Migrations = map[string]bool{}
	}
	m.Migrations["fyneDo"] = true
	app.SetMetadata(m)
}

// Run opens the window on the core's database, starting on screen ("" for
// the one used last), and returns when the window is closed; version is
// shown in the About dialog. The window appears at once; the database is
// opened and read in the background.
func Run(c *core.Core, screen, version string) (err error) {
	path, err := c.Path()
	if err != nil {
		return err
	}
	// Only a --roadmap file is read here: the window reads the database's
	// own roadmap itself, and a database that cannot be opened must still
	// reach the window, which offers to restore a backup. The file is read
	// while the toolkit starts: a 5,000-entry roadmap takes about 100 ms to
	// read and check, and GLFW about 50 ms to start, on separate cores.
	var rm *roadmap.Roadmap
	loaded := make(chan error, 1)
	go func() {
		var err error
		rm, err = c.LoadOverride()
		loaded <- err
	}()
	roadmapErr := sync.OnceValue(func() error { return <-loaded })
	defer func() {
		// A bug must not show the user a stack trace: the caller reports
		// it in one line. A roadmap file that cannot be used is what to
		// report even when the toolkit failed too (no display).
		if r := recover(); r != nil {
			if rerr := roadmapErr(); rerr != nil {
				err = rerr
				return
			}
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	if displayMissing(runtime.GOOS, os.Getenv) {
		// GLFW would fail to start and Fyne panic further on; a bad
		// roadmap file is still the first thing to say.
		if err := roadmapErr(); err != nil {
			return err
		}
		return tracker.ErrNoDisplay
	}
	o := Options{DBPath: path, RoadmapPath: c.RoadmapFile(), Screen: screen, Version: version}
	return run(o, c, func() (*roadmap.Roadmap, error) {
		if err := roadmapErr(); err != nil {
			return nil, err
		}
		return rm, nil
	})
}

// displayMissing reports whether a window cannot open on system goos for
// want of a display server: on the systems where GLFW talks to X11 or
// Wayland, neither is named in the environment.
func displayMissing(goos string, getenv func(string) string) bool {
	switch goos {
	case "windows", "darwin", "android", "ios", "js", "wasip1":
		return false
	}
	return getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == ""
}

// run is Run with the options read from the core, whose clock the window
// goes by; override gives the --roadmap file's roadmap (nil without one)
// once it is read.
func run(o Options, c *core.Core, override func() (*roadmap.Roadmap, error)) error {
	a := newApp()
	declareFyneDo(a)
	// A packaged devpath carries its icon in its metadata; a plain
	// "go build" binary started elsewhere does not, so set it here.
	if a.Metadata().Icon == nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	applySavedTheme(a)
	w := a.NewWindow("devpath")
	rm, err := override()
	if err != nil {
		return err
	}
	o.Core, o.Roadmap = c, rm
	sh := newShell(a, w, o)
	// Start-up leaves garbage behind (the roadmap's parse, the fonts'
	// tables, the first snapshot) that the runtime would hand back to the
	// system only slowly; once the window shows its data, return it at
	// once, off the UI goroutine.
	sh.firstShown = func() { time.AfterFunc(time.Second, debug.FreeOSMemory) }
	w.SetMaster()
	w.Resize(sh.savedSize())
	w.SetContent(sh.loadingView())
	// Closing the window and File ▸ Quit both end in OnStopped; the
	// preferences are written after it.
	a.Lifecycle().SetOnStopped(func() {
		sh.flushEdits()
		sh.saveWindow()
	})
	a.Lifecycle().SetOnStarted(func() {
		sh.open(o.DBPath)
		// The window exists once the queue runs this, on the main thread.
		fyne.Do(func() { sh.fitToScreen(20) })
	})
	w.ShowAndRun()
	sh.close()
	return nil
}

// shell is the window around the screens: navigation, menus, shortcuts,
// undo, the status line, and loading the snapshot the screens show.
type shell struct {
	app  fyne.App
	win  fyne.Window
	opts Options
	env  *env

	// noticeTime is how long a notice stays; 0 keeps it (tests).
	noticeTime time.Duration

	core   *core.Core
	store  *core.DB
	rm     *roadmap.Roadmap
	rmPath string // where rm comes from, for display: the --roadmap file or the database's file name
	// rmOverride: rm was given with --roadmap for this run; otherwise it is
	// the database's roadmap (rmChoice), read again on every reload, since
	// another devpath may choose another.
	rmOverride bool
	rmChoice   tracker.RoadmapChoice
	readOnly   bool

	screens []screen // in screenNames order
	// stale marks the screens that have not been shown the latest snapshot:
	// only the screen on view is updated at once, the others when they are
	// next shown, so that hidden screens cost nothing on a reload.
	stale    []bool
	dash     *dashboard
	rmap     *roadmapScreen
	settings *settingsScreen
	// exportDlg is the Export and import dialog, built on its first use.
	exportDlg *exportDialog
	// scan is the git scan dialog opened last (tests use it).
	scan   *scanDialog
	tabs   *container.AppTabs
	banner *widget.Label
	status *widget.Label
	body   *fyne.Container // banner, status line and screens
	notice int             // counts notices, so that an old timer does not clear a new one

	// watch notices changes other processes make to the database; nil
	// until a database is open, and in tests that poll by hand.
	watch      *watcher
	watchEvery time.Duration

	// firstShown runs once, after the first snapshot is on screen.
	firstShown func()

	// writes counts the background work still running, so that closing
	// waits for a tick in flight before it closes the database.
	writes sync.WaitGroup

	// themes counts the theme changes, for the screens not on view.
	themes atomic.Uint64

	// remind keeps a desktop notification scheduled for the next moment
	// something falls due.
	remind *reminders

	loading bool // a reload is running
	dirty   bool // another reload was asked for meanwhile
	snap    snapshot
	have    bool
}

// newShell prepares the shell of window w; open or attach fills it.
func newShell(a fyne.App, w fyne.Window, o Options) *shell {
	if o.Core == nil {
		o.Core = core.New(core.Config{DB: o.DBPath})
	}
	sh := &shell{app: a, win: w, opts: o, core: o.Core, noticeTime: noticeTime, watchEvery: watchInterval, rm: o.Roadmap, rmPath: o.RoadmapPath,
		rmOverride: o.Roadmap != nil, rmChoice: tracker.RoadmapChoice{Builtin: true}}
	if sh.rm == nil {
		sh.rm, sh.rmPath = roadmap.Default(), ""
	}
	sh.env = &env{
		win:         w,
		app:         a,
		async:       sh.runAsync,
		changed:     sh.reload,
		showError:   sh.showError,
		openItem:    sh.openItem,
		show:        sh.show,
		setRoadmap:  sh.setRoadmap,
		notify:      sh.notify,
		clearNotice: sh.clearNotice,
		hint:        sh.hint,
		after:       runAfter,
		today:       o.Core.Today,
		now:         o.Core.Now,
		themes:      &sh.themes,
	}
	sh.env.remindersChanged = func() {
		if sh.have {
			sh.remind.plan(sh.snap, sh.env.instant())
		}
	}
	// The env's timer is read when a reminder is planned: tests take it
	// away after the shell is made.
	after := func(d time.Duration, f func()) {
		if sh.env.after != nil {
			sh.env.after(d, f)
		}
	}
	sh.remind = &reminders{app: a, sched: a, after: after, again: sh.env.remindersChanged}
	a.Settings().AddListener(func(fyne.Settings) { sh.themes.Add(1) })
	sh.banner = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	sh.banner.Hide()
	// A long notice wraps between words rather than being cut at the
	// window's edge.
	sh.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	sh.status.Hide()
	return sh
}

// flushEdits saves what the user typed in Settings and was waiting for a
// pause in typing: closing the window loses nothing typed.
func (sh *shell) flushEdits() {
	if sh.settings != nil && !sh.readOnly {
		sh.settings.flushAll()
	}
}

// runAsync is the shell's env.async: runAsync that close waits for.
func (sh *shell) runAsync(work func() error, done func(err error)) {
	sh.writes.Add(1)
	runAsync(func() error {
		defer sh.writes.Done()
		return work()
	}, done)
}

// closeWait is how long closing waits for background work to finish.
const closeWait = 5 * time.Second

// close waits for background work (a tick being saved) and closes the
// database.
func (sh *shell) close() {
	if sh.watch != nil {
		sh.watch.close()
	}
	// A git scan still running is cancelled: it saves nothing.
	if sh.scan != nil && sh.scan.stop != nil {
		sh.scan.stop()
	}
	finished := make(chan struct{})
	go func() {
		sh.writes.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(closeWait):
		fyne.LogError("closing the database", errors.New("background work still running after 5 seconds"))
	}
	if sh.store != nil {
		if err := sh.store.Close(); err != nil {
			fyne.LogError("closing the database", err)
		}
		sh.store = nil
	}
}
