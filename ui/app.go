package ui

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
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

// appID is the application id; it matches FyneApp.toml.
const appID = "io.devpath.app"

// Preferences keys of the window.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefLastScreen   = "window.screen"
)

// Window size on the first start.
const (
	defaultWidth  = 1180
	defaultHeight = 760
)

// noticeTime is how long a notice stays in the status line.
const noticeTime = 6 * time.Second

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
	defer func() {
		// A bug must not show the user a stack trace: the caller reports
		// it in one line.
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	path, err := c.Path()
	if err != nil {
		return err
	}
	// Only a --roadmap file is read here: the window reads the database's
	// own roadmap itself, and a database that cannot be opened must still
	// reach the window, which offers to restore a backup.
	rm, err := c.LoadOverride()
	if err != nil {
		return err
	}
	o := Options{DBPath: path, Roadmap: rm, RoadmapPath: c.RoadmapFile(), Screen: screen, Version: version}
	return run(o, c)
}

// run is Run with the options read from the core, whose clock the window
// goes by.
func run(o Options, c *core.Core) error {
	a := app.NewWithID(appID)
	declareFyneDo(a)
	// A packaged devpath carries its icon in its metadata; a plain
	// "go build" binary started elsewhere does not, so set it here.
	if a.Metadata().Icon == nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	applySavedTheme(a)
	w := a.NewWindow("devpath")
	o.Core = c
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
		after:       runAfter,
		today:       o.Core.Today,
		now:         o.Core.Now,
	}
	a.Settings().AddListener(func(fyne.Settings) { sh.themes.Add(1) })
	sh.banner = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	sh.banner.Hide()
	sh.status = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	sh.status.Hide()
	return sh
}

// loadingView is the light content shown while the database opens.
func (sh *shell) loadingView() fyne.CanvasObject {
	return container.NewCenter(&widget.Label{Text: "Loading…", Importance: widget.LowImportance})
}

// savedSize is the window size remembered from the last run.
func (sh *shell) savedSize() fyne.Size {
	p := sh.app.Preferences()
	w := p.FloatWithFallback(prefWindowWidth, defaultWidth)
	h := p.FloatWithFallback(prefWindowHeight, defaultHeight)
	if w < 400 || h < 300 {
		w, h = defaultWidth, defaultHeight
	}
	return fyne.NewSize(float32(w), float32(h))
}

// fitToScreen shrinks the window when the size remembered from the last run
// is larger than the screen it opens on (a smaller monitor, a lower
// resolution). It runs on the main thread; until the desktop driver has
// made the window it tries again, tries more times.
func (sh *shell) fitToScreen(tries int) {
	screen, ok := screenSize(sh.win)
	if !ok {
		if tries > 0 {
			time.AfterFunc(50*time.Millisecond, func() { fyne.Do(func() { sh.fitToScreen(tries - 1) }) })
		}
		return
	}
	want := sh.savedSize()
	if fit := clampToScreen(want, screen); fit != want {
		sh.win.Resize(fit)
	}
}

// clampToScreen is size made no larger than screen.
func clampToScreen(size, screen fyne.Size) fyne.Size {
	return fyne.NewSize(min(size.Width, screen.Width), min(size.Height, screen.Height))
}

// flushEdits saves what the user typed in Settings and was waiting for a
// pause in typing: closing the window loses nothing typed.
func (sh *shell) flushEdits() {
	if sh.settings != nil && !sh.readOnly {
		sh.settings.flushAll()
	}
}

// saveWindow remembers the window size.
func (sh *shell) saveWindow() {
	size := sh.win.Canvas().Size()
	if size.Width >= 400 && size.Height >= 300 {
		sh.app.Preferences().SetFloat(prefWindowWidth, float64(size.Width))
		sh.app.Preferences().SetFloat(prefWindowHeight, float64(size.Height))
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

// open opens the database at path in the background, with the roadmap the
// database holds when no --roadmap was given, and then fills the window.
func (sh *shell) open(path string) {
	var (
		st     *core.DB
		first  bool
		rm     *roadmap.Roadmap
		choice tracker.RoadmapChoice
		rmErr  error
		mv     roadmapMove
	)
	override := sh.rmOverride
	prefPath := sh.app.Preferences().String(prefRoadmapPath)
	sh.env.async(func() error {
		var err error
		st, err = sh.core.OpenFile(path)
		if err != nil {
			return err
		}
		has, err := st.HasProfile()
		if err != nil {
			_ = st.Close()
			return fmt.Errorf("read %s: %w", path, err)
		}
		first = !has
		mv = moveRoadmapPreference(st, prefPath)
		if !override {
			rm, choice, rmErr = st.Roadmap()
		}
		return nil
	}, func(err error) {
		if err != nil {
			sh.openFailed(path, err)
			return
		}
		if mv.clear {
			sh.app.Preferences().RemoveValue(prefRoadmapPath)
		}
		if !override {
			sh.rm, sh.rmChoice, sh.rmPath = rm, choice, choice.Name
		}
		sh.attach(st, first)
		switch {
		case mv.err != nil:
			sh.env.showError(mv.err)
		case mv.moved != "":
			sh.notify(mv.moved)
		}
		if rmErr != nil {
			sh.env.showError(rmErr)
		}
	})
}

// roadmapMove is what moving the roadmap preference into the database did.
type roadmapMove struct {
	clear bool   // the preference is to be removed
	moved string // the notice for the status line, when the file was adopted
	err   error  // the file could not be adopted
}

// moveRoadmapPreference moves the roadmap file an older devpath remembered
// in the window's preferences into the database, once: a database without
// a roadmap of its own adopts the file, one with its own keeps it. Either
// way the preference goes, since the database is now where the roadmap
// lives; only a read-only database leaves it for a later run. It runs off
// the UI goroutine.
func moveRoadmapPreference(st *core.DB, prefPath string) roadmapMove {
	if prefPath == "" || st.ReadOnly() {
		return roadmapMove{}
	}
	c, err := st.RoadmapChoice()
	if err != nil || !c.Builtin {
		return roadmapMove{clear: err == nil}
	}
	data, err := tracker.ReadRoadmapFile(prefPath)
	if err == nil {
		_, err = st.UseRoadmap(prefPath, data)
	}
	if err != nil {
		return roadmapMove{clear: true, err: fmt.Errorf("the roadmap file %s chosen in Settings could not be kept in the database, so the built-in roadmap is used (choose a file again in Settings): %w", prefPath, err)}
	}
	return roadmapMove{clear: true, moved: "The roadmap " + filepath.Base(prefPath) + " chosen in Settings is now kept in the database, for the command line and backups too."}
}

// attach shows the screens for an open store and loads the first snapshot.
// On a new database it shows the first-run welcome.
func (sh *shell) attach(st *core.DB, firstRun bool) {
	if sh.store != nil && sh.store != st {
		_ = sh.store.Close()
	}
	if sh.watch != nil {
		sh.watch.close()
	}
	sh.store = st
	sh.watch = newWatcher(st, sh.reload)
	if sh.watchEvery > 0 {
		go sh.watch.run(sh.watchEvery)
	}
	sh.readOnly = st.ReadOnly()
	sh.have = false

	// team: the Dashboard publishes each check-in to the team joined.
	sh.dash = newDashboard(publishingStore{st, sh.env}, sh.env)
	sh.dash.openEvidence, sh.dash.scanEvidence = sh.openEvidence, sh.findEvidence
	sh.dash.requestReview = func() { sh.withReviews(func(r *reviews) { r.ask() }) }
	sh.rmap = newRoadmapScreen(st, sh.env)
	paths := newPathsScreen(st, sh.env)
	history := newHistoryScreen(st, sh.env)
	sh.settings = newSettingsScreen(st, sh.env)
	sh.screens = []screen{sh.dash, sh.rmap, paths, history, sh.settings}
	icons := []fyne.Resource{theme.HomeIcon(), theme.ListIcon(), theme.MoveDownIcon(), theme.HistoryIcon(), theme.SettingsIcon()}
	// team: the Team screen, last so that Ctrl+1 … Ctrl+5 stay as they were.
	sh.screens = append(sh.screens, newTeamScreen(st, sh.env))
	icons = append(icons, theme.AccountIcon())
	// end team
	sh.stale = make([]bool, len(sh.screens))

	items := make([]*container.TabItem, len(sh.screens))
	for i, s := range sh.screens {
		items[i] = container.NewTabItemWithIcon(screenTitles[i], icons[i], newTabPage(s.content(), &sh.themes))
	}
	sh.tabs = container.NewAppTabs(items...)
	sh.tabs.SetTabLocation(container.TabLocationLeading)
	sh.tabs.SelectIndex(sh.startIndex())
	sh.tabs.OnSelected = func(*container.TabItem) {
		i := sh.tabs.SelectedIndex()
		if i >= 0 && i < len(screenNames) {
			sh.app.Preferences().SetString(prefLastScreen, screenNames[i])
		}
		sh.refreshStale(i)
	}

	if sh.readOnly {
		sh.banner.SetText("Read-only: changes can't be saved. " + st.Path() + " can't be written, so devpath shows it for viewing only.")
		sh.banner.Show()
	} else {
		sh.banner.Hide()
	}
	sh.body = container.NewBorder(sh.banner, sh.status, nil, nil, sh.tabs)
	sh.win.SetContent(sh.body)
	sh.win.SetMainMenu(sh.mainMenu())
	sh.addShortcuts()
	sh.reload()

	if firstRun && !sh.readOnly {
		newFirstRun(st, sh.env, sh.rm, nil)
	}
	if !sh.readOnly {
		sh.backup()
	}
}

// tabPage holds one screen in the navigation. The tabs refresh every
// screen's whole tree whenever one is chosen, and so does the status line
// when a notice comes or goes: on a screen of a few hundred labels that is
// most of a screen switch. A screen refreshes what it changes itself, so
// the page only lays its screen out and repaints, and refreshes the whole
// screen only the first time it is refreshed after a theme change: Fyne
// takes a new theme only to the screen on view.
type tabPage struct {
	widget.BaseWidget
	content fyne.CanvasObject
	themes  *atomic.Uint64 // counts theme changes; nil: none are followed
	seen    uint64         // the count the content was last refreshed at
}

func newTabPage(content fyne.CanvasObject, themes *atomic.Uint64) *tabPage {
	p := &tabPage{content: content, themes: themes}
	if themes != nil {
		p.seen = themes.Load()
	}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer shows the screen over the page's whole area.
func (p *tabPage) CreateRenderer() fyne.WidgetRenderer { return &tabPageRenderer{page: p} }

type tabPageRenderer struct{ page *tabPage }

func (r *tabPageRenderer) Layout(size fyne.Size) {
	r.page.content.Move(fyne.NewPos(0, 0))
	r.page.content.Resize(size)
}

func (r *tabPageRenderer) MinSize() fyne.Size           { return r.page.content.MinSize() }
func (r *tabPageRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.page.content} }
func (r *tabPageRenderer) Destroy()                     {}

// Refresh repaints the page, and refreshes its whole screen only when the
// theme changed since it last did.
func (r *tabPageRenderer) Refresh() {
	p := r.page
	if p.themes != nil {
		if n := p.themes.Load(); n != p.seen {
			p.seen = n
			p.content.Refresh()
		}
	}
	canvas.Refresh(p)
}

// startIndex is the screen to start on: --screen, else the last one used,
// else the Dashboard.
func (sh *shell) startIndex() int {
	if i := slices.Index(screenNames, sh.opts.Screen); i >= 0 {
		return i
	}
	if i := slices.Index(screenNames, sh.app.Preferences().String(prefLastScreen)); i >= 0 {
		return i
	}
	return 0
}

// backup makes today's automatic backup in the background. A failure is
// only logged: the user's data is still in the database itself.
func (sh *shell) backup() {
	st := sh.store
	sh.env.async(func() error {
		_, err := st.AfterWrite()
		return err
	}, func(err error) {
		if err != nil {
			fyne.LogError("automatic backup", err)
		}
	})
}

// reload loads a new snapshot in the background and shows it on every
// screen. A reload asked for while one runs is done once after it, so a
// burst of changes costs at most two loads.
func (sh *shell) reload() {
	if sh.store == nil {
		return
	}
	if sh.loading {
		sh.dirty = true
		return
	}
	sh.loading = true
	st, rm, rmPath, ro, day := sh.store, sh.rm, sh.rmPath, sh.readOnly, sh.env.today()
	override, had := sh.rmOverride, sh.rmChoice
	var (
		snap    snapshot
		choice  tracker.RoadmapChoice
		rmErr   error
		changed bool
	)
	sh.env.async(func() error {
		if !override {
			// Another devpath may have chosen another roadmap. The choice
			// is compared first: parsing the roadmap on every reload would
			// put a custom roadmap's whole parse on each change's path.
			choice, rmErr = st.RoadmapChoice()
			if changed = rmErr == nil && !choice.Same(had); changed {
				var next *roadmap.Roadmap
				next, choice, rmErr = st.Roadmap()
				rm, rmPath = next, choice.Name
			}
		}
		var err error
		snap, err = loadSnapshot(st, rm, day)
		snap.readOnly, snap.roadmapPath, snap.roadmapOverride = ro, rmPath, override
		return err
	}, func(err error) {
		sh.loading = false
		if st != sh.store {
			return // the database was replaced meanwhile
		}
		if changed {
			sh.rm, sh.rmPath, sh.rmChoice = rm, rmPath, choice
			if rmErr != nil {
				sh.env.showError(rmErr)
			}
		}
		if err != nil {
			sh.showError(err)
		} else {
			sh.apply(snap)
		}
		if sh.dirty {
			sh.dirty = false
			sh.reload()
		}
	})
}

// snapshotSource is what loading a snapshot needs of the store.
type snapshotSource interface {
	Path() string
	Progress() (tracker.Progress, error)
	Evidence(itemID string) ([]tracker.Evidence, error)
}

// loadSnapshot reads the progress and the evidence counts and assesses
// them. It runs off the UI goroutine.
func loadSnapshot(st snapshotSource, rm *roadmap.Roadmap, day time.Time) (snapshot, error) {
	p, err := st.Progress()
	if err != nil {
		return snapshot{}, fmt.Errorf("read your progress: %w", err)
	}
	ev, err := st.Evidence("")
	if err != nil {
		return snapshot{}, fmt.Errorf("read your evidence: %w", err)
	}
	counts := make(map[string]int, len(ev))
	notes := make(map[string][]tracker.Evidence, len(ev))
	for _, e := range ev {
		counts[e.ItemID]++
		notes[e.ItemID] = append(notes[e.ItemID], e)
	}
	return snapshot{
		rm:       rm,
		progress: p,
		assess:   tracker.Assess(rm, p, day),
		today:    day,
		dbPath:   st.Path(),
		evidence: counts,
		notes:    notes,
	}, nil
}

// apply shows a snapshot on the screen on view and marks the others to be
// updated when they are shown.
func (sh *shell) apply(s snapshot) {
	if !sh.have && sh.firstShown != nil {
		sh.firstShown()
		sh.firstShown = nil
	}
	sh.snap, sh.have = s, true
	for i := range sh.stale {
		sh.stale[i] = true
	}
	sh.refreshStale(sh.tabs.SelectedIndex())
}

// refreshStale shows the latest snapshot on screen i if it has not seen it.
func (sh *shell) refreshStale(i int) {
	if !sh.have || i < 0 || i >= len(sh.screens) || !sh.stale[i] {
		return
	}
	sh.stale[i] = false
	sh.screens[i].update(sh.snap)
}

// showError tells the user in a dialog that something failed.
func (sh *shell) showError(err error) {
	if err == nil {
		return
	}
	showClosable(sh.win, dialog.NewError(err, sh.win))
}

// notify shows a short message in the status line for a few seconds.
func (sh *shell) notify(msg string) {
	sh.notice++
	n := sh.notice
	sh.status.SetText(msg)
	sh.status.Show()
	sh.relayout()
	if sh.noticeTime <= 0 {
		return
	}
	time.AfterFunc(sh.noticeTime, func() {
		fyne.Do(func() {
			if sh.notice == n {
				sh.status.SetText("")
				sh.status.Hide()
				sh.relayout()
			}
		})
	})
}

// clearNotice clears the status line if it still shows msg.
func (sh *shell) clearNotice(msg string) {
	if sh.status.Text != msg {
		return
	}
	sh.notice++
	sh.status.SetText("")
	sh.status.Hide()
	sh.relayout()
}

// relayout lays the window out again after the banner or the status line
// appeared or went.
func (sh *shell) relayout() {
	if sh.body != nil {
		sh.body.Refresh()
	}
}

// show switches to the named screen.
func (sh *shell) show(name string) {
	if i := slices.Index(screenNames, name); i >= 0 && sh.tabs != nil {
		sh.tabs.SelectIndex(i)
	}
}

// openItem shows an entry in the Roadmap screen.
func (sh *shell) openItem(id string) {
	if sh.rmap == nil {
		return
	}
	sh.show(screenRoadmap)
	sh.rmap.showItem(id)
}

// setRoadmap switches to the roadmap just stored in the database (nil: the
// embedded one), whose file was called name, and reloads. A --roadmap given
// for this run no longer applies: the user chose.
func (sh *shell) setRoadmap(rm *roadmap.Roadmap, name string) {
	if rm == nil {
		rm, name = roadmap.Default(), ""
	}
	sh.rm, sh.rmPath, sh.rmOverride = rm, name, false
	// The reload reads the choice back and takes it as new.
	sh.rmChoice = tracker.RoadmapChoice{}
	sh.reload()
}

// openFailed explains why the database could not be opened and offers a
// way on: restore the latest automatic backup to a new file, or start a new
// database elsewhere. The file that failed is never touched.
func (sh *shell) openFailed(path string, err error) {
	msg := err.Error()
	if !strings.Contains(msg, path) {
		msg = "devpath could not open " + path + ": " + msg
	}
	msg = upperFirst(msg) + "\n\nThe file is left exactly as it is."
	backups, _ := sh.core.AutoBackups(path)
	if len(backups) > 0 {
		msg += "\n\nThe newest automatic backup is " + filepath.Base(backups[0]) + ". Restoring copies the newest sound backup to a new file beside the database and opens the copy."
	}
	sh.win.SetContent(container.NewCenter(&widget.Label{Text: "No database open.", Importance: widget.LowImportance}))

	text := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomWithoutButtons("Can't open the database", text, sh.win)
	quit := &widget.Button{Text: "Quit", OnTapped: func() { d.Hide(); sh.app.Quit() }}
	fresh := &widget.Button{Text: "Start a new database…", OnTapped: func() { d.Hide(); sh.chooseNewDatabase(path) }}
	buttons := []fyne.CanvasObject{quit, fresh}
	main := fresh
	if len(backups) > 0 {
		restore := &widget.Button{Text: "Restore latest backup", Importance: widget.HighImportance, OnTapped: func() {
			d.Hide()
			sh.restoreBackup(path)
		}}
		buttons = append(buttons, restore)
		main = restore
	}
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(min(620, sh.win.Canvas().Size().Width*0.95), d.MinSize().Height))
	// With no database open, closing the dialog would leave nothing to do:
	// Escape quits, as the Quit button does.
	showKeyed(sh.win, d, dialogKeys{cancel: quit.OnTapped, submit: main.OnTapped})
}

// upperFirst capitalises the first letter of a message.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// restoreBackup restores the database's newest sound automatic backup to a
// new file beside it, as tracker.RecoverFromAutoBackup decides, and opens
// that copy. The file that failed to open is not touched.
func (sh *shell) restoreBackup(path string) {
	var dest, used string
	sh.env.async(func() (err error) {
		used, dest, err = sh.core.RecoverFromAutoBackup(path)
		return err
	}, func(err error) {
		if err != nil {
			sh.showError(fmt.Errorf("no automatic backup could be restored: %w", err))
			sh.openFailed(path, fmt.Errorf("%s was not opened", path))
			return
		}
		sh.openElsewhere(dest, fmt.Sprintf("The backup %s was copied to\n%s\nand opened. %s was not changed.", filepath.Base(used), dest, path))
	})
}

// chooseNewDatabase asks for a folder and starts a new database in it
// under a name no file has yet, so that no existing file is overwritten.
func (sh *shell) chooseNewDatabase(failed string) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			sh.showError(err)
		}
		if dir == nil {
			sh.openFailed(failed, fmt.Errorf("%s was not opened", failed))
			return
		}
		dest, err := sh.core.FreeDatabaseName(dir.Path(), "devpath")
		if err != nil {
			sh.showError(err)
			sh.openFailed(failed, fmt.Errorf("%s was not opened", failed))
			return
		}
		sh.openElsewhere(dest, "A new database was started at\n"+dest+".")
	}, sh.win)
	d.SetTitleText("Choose a folder for the new database")
	d.SetConfirmText("Start here")
	showFileDialog(d, sh.win)
}

// openElsewhere opens another database file and tells the user how to keep
// using it.
func (sh *shell) openElsewhere(path, what string) {
	sh.opts.DBPath = path
	sh.open(path)
	showInformation("Database", what+"\n\nTo open it next time, start devpath with --db "+strconv.Quote(path)+" or set DEVPATH_DB to it.", sh.win)
}
