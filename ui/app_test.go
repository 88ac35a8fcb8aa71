package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

// shellDay is the fixed "today" of the shell tests.
var shellDay = time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)

// shellSize is the fixed window size of the shell tests and goldens.
var shellSize = fyne.NewSize(1180, 760)

// shellRig is the whole window on a real store in a temporary folder, with
// a fixed day and background work run inline.
type shellRig struct {
	t     testing.TB
	path  string
	app   fyne.App
	win   fyne.Window
	sh    *shell
	store *core.DB
	errs  []error
}

// newShellRig opens a store with a profile at stage mid (entered on
// 2025-01-15, UK) and shows the window on it.
func newShellRig(t testing.TB, o Options) *shellRig {
	t.Helper()
	r := &shellRig{t: t, path: filepath.Join(t.TempDir(), "devpath.db")}
	r.app = test.NewTempApp(t)
	r.win = test.NewTempWindow(t, widget.NewLabel(""))
	r.win.Resize(shellSize)
	st := r.openStore()
	prof := tracker.Profile{Name: "Sam", Stage: "mid", StageSince: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), Region: roadmap.RegionUK}
	if err := st.SaveProfile(prof); err != nil {
		t.Fatalf("save the profile: %v", err)
	}
	o.DBPath = r.path
	r.sh = newTestShell(r.app, r.win, o, &r.errs)
	r.sh.attach(st, false)
	r.store = st
	t.Cleanup(func() { r.sh.close() })
	return r
}

// newTestShell is a shell whose background work runs inline, with a fixed
// day and errors collected in errs.
func newTestShell(a fyne.App, w fyne.Window, o Options, errs *[]error) *shell {
	sh := newShell(a, w, o)
	sh.noticeTime = 0
	sh.watchEvery = 0 // tests poll by hand
	sh.env.async = runSync
	sh.env.after = nil // timers would fire on another goroutine
	sh.env.today = func() time.Time { return shellDay }
	sh.env.now = func() time.Time { return shellDay.Add(10 * time.Hour) }
	sh.env.showError = func(err error) { *errs = append(*errs, err) }
	return sh
}

func (r *shellRig) openStore() *core.DB {
	r.t.Helper()
	st, err := core.New(core.Config{DB: r.path, Now: func() time.Time { return shellDay.Add(10 * time.Hour) }}).Open()
	if err != nil {
		r.t.Fatalf("open the store: %v", err)
	}
	return st
}

// noErrors fails the test if the window reported an error.
func (r *shellRig) noErrors() {
	r.t.Helper()
	for _, err := range r.errs {
		r.t.Errorf("unexpected error shown: %v", err)
	}
}

// score is the readiness score the Dashboard shows; it switches to the
// Dashboard, as a user would.
func (r *shellRig) score() float64 {
	r.t.Helper()
	r.sh.show(screenDashboard)
	v, err := strconv.ParseFloat(r.sh.dash.score.Text, 64)
	if err != nil {
		r.t.Fatalf("dashboard score %q: %v", r.sh.dash.score.Text, err)
	}
	return v
}

// row finds the visible row of the Roadmap screen that shows entry id,
// scrolling to it first.
func (r *shellRig) row(id string) *rmRowView {
	r.t.Helper()
	r.sh.show(screenRoadmap)
	r.sh.rmap.showItem(id)
	return findRow(r.t, r.win, id)
}

// findRow finds the visible row showing entry id in the window.
func findRow(t testing.TB, w fyne.Window, id string) *rmRowView {
	t.Helper()
	var found *rmRowView
	walkObjects(w.Canvas().Content(), func(o fyne.CanvasObject) {
		if row, ok := o.(*rmRowView); ok && row.Visible() && row.id == id {
			found = row
		}
	})
	if found == nil {
		t.Fatalf("no visible row shows %s", id)
	}
	return found
}

// walkObjects calls fn for every visible object under o, looking inside
// containers and widgets.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, fn)
		}
	}
}

func (r *shellRig) level(id string) tracker.ItemState {
	r.t.Helper()
	p, err := r.store.Progress()
	if err != nil {
		r.t.Fatalf("read progress: %v", err)
	}
	return p.State(id)
}

func TestTickRaisesScoreAndSurvivesReopen(t *testing.T) {
	r := newShellRig(t, Options{})
	before := r.score()
	row := r.row("k8s-rbac")
	if row.check.Checked {
		t.Fatal("k8s-rbac starts ticked")
	}
	test.Tap(row.check)
	r.noErrors()
	if !row.check.Checked {
		t.Error("the row does not show the tick")
	}
	after := r.score()
	if after <= before {
		t.Errorf("score after the tick = %.1f, want more than %.1f", after, before)
	}
	if got := row.level.Selected; got != tracker.Proficient.String() {
		t.Errorf("level shown = %q, want %q", got, tracker.Proficient.String())
	}

	// Close everything and open the file again: the tick is still there and
	// a new window shows the same score.
	r.sh.close()
	st := r.openStore()
	defer st.Close()
	p, err := st.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if got := p.State("k8s-rbac").Level; got != tracker.Proficient {
		t.Errorf("after reopening, k8s-rbac is %v, want proficient", got)
	}
	var errs []error
	w2 := test.NewTempWindow(t, widget.NewLabel(""))
	sh2 := newTestShell(r.app, w2, Options{DBPath: r.path}, &errs)
	sh2.attach(st, false)
	if got := sh2.dash.score.Text; got != r.sh.dash.score.Text {
		t.Errorf("reopened score = %s, want %s", got, r.sh.dash.score.Text)
	}
}

func TestUntickAndLevelAndSkip(t *testing.T) {
	r := newShellRig(t, Options{})
	row := r.row("k8s-helm")
	row.level.SetSelected(tracker.Practising.String())
	if got := r.level("k8s-helm").Level; got != tracker.Practising {
		t.Fatalf("level after choosing practising = %v", got)
	}
	if row.check.Checked {
		t.Error("practising shows as ticked")
	}
	test.Tap(row.check)
	if got := r.level("k8s-helm").Level; got != tracker.Proficient {
		t.Fatalf("level after the tick = %v", got)
	}
	row = findRow(t, r.win, "k8s-helm")
	test.Tap(row.check)
	if got := r.level("k8s-helm").Level; got != tracker.NotStarted {
		t.Errorf("level after untick = %v, want not started", got)
	}
	row = findRow(t, r.win, "k8s-helm")
	test.Tap(row.na)
	if !r.level("k8s-helm").Skipped {
		t.Error("N/A did not mark the item skipped")
	}
	row = findRow(t, r.win, "k8s-helm")
	if !row.check.Disabled() {
		t.Error("the tick of a skipped item is still enabled")
	}
	r.noErrors()
}

func TestUndoRevertsLastTick(t *testing.T) {
	r := newShellRig(t, Options{})
	before := r.score()
	test.Tap(r.row("k8s-rbac").check)
	if r.level("k8s-rbac").Level != tracker.Proficient {
		t.Fatal("tick not saved")
	}
	r.sh.onShortcut(&fyne.ShortcutUndo{})
	r.noErrors()
	if got := r.level("k8s-rbac").Level; got != tracker.NotStarted {
		t.Errorf("after undo k8s-rbac is %v, want not started", got)
	}
	if got := r.score(); got != before {
		t.Errorf("score after undo = %.1f, want %.1f", got, before)
	}
	if row := r.row("k8s-rbac"); row.check.Checked {
		t.Error("the row still shows the tick after undo")
	}
	// The notice says what the undo did, naming the entry by its title.
	if got, want := r.sh.status.Text, "Undone: RBAC: back to not started"; got != want {
		t.Errorf("notice = %q, want %q", got, want)
	}
}

func TestUndoFromMenuAndNothingToUndo(t *testing.T) {
	r := newShellRig(t, Options{})
	// The profile saved by the rig is the only change; undo it first.
	for i := 0; i < 20 && !strings.Contains(r.sh.status.Text, "Nothing to undo"); i++ {
		menuItem(t, r.win, "Edit", "Undo").Action()
	}
	if !strings.Contains(r.sh.status.Text, "Nothing to undo") {
		t.Errorf("notice = %q, want Nothing to undo", r.sh.status.Text)
	}
	r.noErrors()
}

// menuItem finds an item of the window's main menu.
func menuItem(t *testing.T, w fyne.Window, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %s ▸ %s", menu, label)
	return nil
}

func TestShortcutsSwitchScreensAndFocusSearch(t *testing.T) {
	r := newShellRig(t, Options{})
	if got := r.sh.tabs.SelectedIndex(); got != 0 {
		t.Fatalf("start screen = %d, want the Dashboard", got)
	}
	for _, i := range []int{1, 2, 3, 4, 0} {
		sc := shortcutScreens[i]
		r.sh.onShortcut(sc)
		if got := r.sh.tabs.SelectedIndex(); got != i {
			t.Errorf("%s selects screen %d, want %d", sc.ShortcutName(), got, i)
		}
		if got := r.app.Preferences().String(prefLastScreen); got != screenNames[i] {
			t.Errorf("remembered screen = %q, want %q", got, screenNames[i])
		}
	}
	r.sh.onShortcut(shortcutFind)
	if got := r.sh.tabs.SelectedIndex(); got != 1 {
		t.Errorf("Ctrl+F shows screen %d, want the Roadmap", got)
	}
	if r.win.Canvas().Focused() != r.sh.rmap.search {
		t.Error("Ctrl+F does not focus the search box")
	}
}

func TestStartScreen(t *testing.T) {
	r := newShellRig(t, Options{Screen: "history"})
	if got := r.sh.tabs.SelectedIndex(); got != 3 {
		t.Errorf("--screen history starts on %d", got)
	}
	r.app.Preferences().SetString(prefLastScreen, screenPaths)
	var errs []error
	sh := newTestShell(r.app, test.NewTempWindow(t, widget.NewLabel("")), Options{}, &errs)
	if got := sh.startIndex(); got != 2 {
		t.Errorf("remembered paths, start index = %d", got)
	}
	sh.opts.Screen = screenSettings
	if got := sh.startIndex(); got != 4 {
		t.Errorf("--screen settings over a remembered screen: %d", got)
	}
}

func TestWindowSizeRemembered(t *testing.T) {
	r := newShellRig(t, Options{})
	r.win.Resize(fyne.NewSize(900, 640))
	r.sh.saveWindow()
	if got := r.sh.savedSize(); got != fyne.NewSize(900, 640) {
		t.Errorf("saved size = %v", got)
	}
}

func TestAboutNamesVersionAndDatabase(t *testing.T) {
	r := newShellRig(t, Options{Version: "9.8.7"})
	menuItem(t, r.win, "Help", "About devpath").Action()
	texts := strings.Join(overlayTexts(r.win), "\n")
	if !strings.Contains(texts, "9.8.7") || !strings.Contains(texts, r.path) {
		t.Errorf("About says %q; want the version and %s", texts, r.path)
	}
}

// overlayTexts collects the label texts of the window's dialogs.
func overlayTexts(w fyne.Window) []string {
	var out []string
	for _, o := range w.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				out = append(out, l.Text)
			}
		})
	}
	return out
}

func TestOpenFailedLeavesFileAndRestoresBackup(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "devpath.db")
	junk := []byte("these are my notes, not a database\n")
	if err := os.WriteFile(bad, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	// A good backup from yesterday, with one tick in it.
	good := filepath.Join(t.TempDir(), "good.db")
	st, err := openDB(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetLevel("aws-iam", tracker.Proficient, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(filepath.Join(core.New(core.Config{}).BackupDir(bad), "devpath-2026-03-15.db")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	// A newer backup that is damaged is passed over.
	if err := os.WriteFile(filepath.Join(core.New(core.Config{}).BackupDir(bad), "devpath-2026-03-16.db"), junk, 0o600); err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	var errs []error
	sh := newTestShell(a, w, Options{DBPath: bad}, &errs)
	t.Cleanup(sh.close)
	sh.open(bad)
	if sh.store != nil {
		t.Fatal("a file that is not a database was opened")
	}
	texts := strings.Join(overlayTexts(w), "\n")
	if !strings.Contains(texts, bad) || !strings.Contains(texts, "not a devpath database") {
		t.Errorf("the dialog says %q; want it to name %s and say what is wrong", texts, bad)
	}
	restore := findButton(t, w, "Restore latest backup")
	test.Tap(restore)
	if sh.store == nil {
		t.Fatalf("the restored backup was not opened (errors: %v)", errs)
	}
	if filepath.Dir(sh.store.Path()) != dir || sh.store.Path() == bad {
		t.Errorf("restored to %s, want a new file in %s", sh.store.Path(), dir)
	}
	if got := sh.snap.progress.State("aws-iam").Level; got != tracker.Proficient {
		t.Errorf("restored data: aws-iam is %v", got)
	}
	after, err := os.ReadFile(bad)
	if err != nil || !bytes.Equal(after, junk) {
		t.Errorf("the damaged file changed: %q, %v", after, err)
	}
}

// findButton finds a button by its text in the window's dialogs.
func findButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	for _, o := range w.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				found = b
			}
		})
	}
	if found == nil {
		t.Fatalf("no button %q in the window's dialogs", text)
	}
	return found
}

func TestReloadsAreCoalesced(t *testing.T) {
	r := newShellRig(t, Options{})
	var queued []func()
	r.sh.env.async = func(work func() error, done func(error)) {
		queued = append(queued, func() { done(work()) })
	}
	for range 5 {
		r.sh.reload()
	}
	if len(queued) != 1 || !r.sh.loading || !r.sh.dirty {
		t.Fatalf("5 reloads at once started %d loads (loading %v, more asked %v); want 1 running and 1 more asked for", len(queued), r.sh.loading, r.sh.dirty)
	}
	queued[0]()
	if !r.sh.loading || r.sh.dirty {
		t.Fatalf("after the first load: loading %v, more asked %v; want exactly one more load running", r.sh.loading, r.sh.dirty)
	}
	for i := 1; i < len(queued); i++ {
		queued[i]()
	}
	if r.sh.loading || r.sh.dirty {
		t.Errorf("after all loads: loading %v, more asked %v", r.sh.loading, r.sh.dirty)
	}
}

func TestShowErrorInWords(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	sh := newShell(a, w, Options{})
	sh.showError(errors.New("couldn't save \"RBAC\": disk full"))
	if texts := strings.Join(overlayTexts(w), "\n"); !strings.Contains(texts, "disk full") {
		t.Errorf("error dialog says %q", texts)
	}
}

func TestHiddenScreensUpdateWhenShown(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.show(screenDashboard)
	before := r.sh.dash.score.Text
	if err := r.store.SetLevel("k8s-rbac", tracker.Proficient, time.Time{}); err != nil {
		t.Fatal(err)
	}
	r.sh.show(screenRoadmap)
	r.sh.reload()
	if r.sh.dash.score.Text != before {
		t.Error("the hidden Dashboard was updated on the reload")
	}
	if !r.sh.stale[0] || r.sh.stale[1] {
		t.Errorf("stale = %v; want only the hidden screens stale", r.sh.stale)
	}
	r.sh.show(screenDashboard)
	if r.sh.dash.score.Text == before {
		t.Error("the Dashboard shows the old score after switching to it")
	}
}

func TestCloseWaitsForWorkInFlight(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.env.async = r.sh.runAsync
	release := make(chan struct{})
	saved := make(chan struct{})
	r.sh.env.async(func() error {
		<-release
		err := r.store.SetLevel("k8s-rbac", tracker.Proficient, time.Time{})
		close(saved)
		return err
	}, func(error) {})
	go func() {
		time.Sleep(50 * time.Millisecond)
		close(release)
	}()
	r.sh.close()
	select {
	case <-saved:
	default:
		t.Fatal("the database was closed before the tick in flight was saved")
	}
	st := r.openStore()
	defer st.Close()
	p, err := st.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if p.State("k8s-rbac").Level != tracker.Proficient {
		t.Error("the tick in flight was lost")
	}
}

func TestCtrlEOpensExportAndImport(t *testing.T) {
	r := newShellRig(t, Options{})
	if overlays := r.win.Canvas().Overlays().List(); len(overlays) != 0 {
		t.Fatalf("%d overlays before Ctrl+E", len(overlays))
	}
	r.sh.onShortcut(shortcutExport)
	overlays := r.win.Canvas().Overlays().List()
	if len(overlays) != 1 {
		t.Fatalf("Ctrl+E shows %d overlays, want the Export and import dialog", len(overlays))
	}
	found := false
	for _, text := range textsUnder(overlays[0]) {
		if strings.Contains(text, "Export and import") {
			found = true
		}
	}
	if !found {
		t.Fatal("the dialog Ctrl+E opened is not Export and import")
	}
}

// openDB opens the database at path through a core of its own, as the
// window and the command line open theirs.
func openDB(path string) (*core.DB, error) { return core.New(core.Config{DB: path}).Open() }

// TestStoreFailuresWordedOnce: a failure of the database itself is shown
// in the words the command line uses for it, picked by the error's code,
// and any other error as it is.
func TestStoreFailuresWordedOnce(t *testing.T) {
	r := newShellRig(t, Options{})
	full := fmt.Errorf("couldn't save: %w", tracker.EntryError("set the level of", "k8s-rbac", tracker.ErrDiskFull))
	r.sh.showError(full)
	want, ok := words.Failure(full, r.path, words.Window)
	if !ok {
		t.Fatal("words.Failure has no words for a full disk")
	}
	texts := strings.Join(overlayTexts(r.win), "\n")
	if !strings.Contains(texts, "is full; nothing was changed") || !strings.Contains(texts, want[1:]) {
		t.Errorf("the dialog says %q; want %q", texts, want)
	}
	for _, o := range r.win.Canvas().Overlays().List() {
		r.win.Canvas().Overlays().Remove(o)
	}
	r.sh.showError(errors.New("the printer caught fire"))
	if texts := strings.Join(overlayTexts(r.win), "\n"); !strings.Contains(texts, "he printer caught fire") {
		t.Errorf("another error is shown as %q", texts)
	}
}
