package ui

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/words"
)

func TestQuitShortcutClosesTheWindow(t *testing.T) {
	r := newShellRig(t, Options{})
	quit := menuItem(t, r.win, "File", "Quit")
	if !quit.IsQuit || quit.Shortcut == nil || quit.Shortcut.ShortcutName() != shortcutQuit.ShortcutName() {
		t.Fatalf("File ▸ Quit = %+v, want it marked as Quit with Ctrl+Q", quit)
	}
	// A window of its own: the rig's window is closed by the test's cleanup.
	var errs []error
	w := test.NewWindow(widget.NewLabel(""))
	sh := newTestShell(r.app, w, Options{DBPath: r.path}, &errs)
	sh.attach(r.store, false)
	closed := false
	w.SetOnClosed(func() { closed = true })
	sh.onShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault})
	if !closed {
		t.Error("Ctrl+Q did not close the window")
	}
}

func TestRedoShortcutsAndMessages(t *testing.T) {
	r := newShellRig(t, Options{})
	test.Tap(r.row("k8s-rbac").check)
	r.sh.onShortcut(&fyne.ShortcutUndo{})
	if got := r.level("k8s-rbac").Level; got != tracker.NotStarted {
		t.Fatalf("after undo k8s-rbac is %v", got)
	}
	// Ctrl+Y, as the driver reports it.
	r.sh.onShortcut(&fyne.ShortcutRedo{})
	r.noErrors()
	if got := r.level("k8s-rbac").Level; got != tracker.Proficient {
		t.Errorf("after Ctrl+Y k8s-rbac is %v, want proficient", got)
	}
	if got, want := r.sh.status.Text, "Redone: RBAC: not started ⟶ proficient"; got != want {
		t.Errorf("notice = %q, want %q", got, want)
	}
	if !r.row("k8s-rbac").check.Checked {
		t.Error("the row does not show the redone tick")
	}
	// Ctrl+Shift+Z redoes as well; Edit ▸ Redo shows it.
	r.sh.onShortcut(&fyne.ShortcutUndo{})
	r.sh.onShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if got := r.level("k8s-rbac").Level; got != tracker.Proficient {
		t.Errorf("after Ctrl+Shift+Z k8s-rbac is %v, want proficient", got)
	}
	redo := menuItem(t, r.win, "Edit", "Redo")
	if redo.Shortcut == nil || redo.Shortcut.ShortcutName() != shortcutRedoShift.ShortcutName() {
		t.Errorf("Edit ▸ Redo shows shortcut %v, want Ctrl+Shift+Z", redo.Shortcut)
	}
	redo.Action()
	if got := r.sh.status.Text; got != words.NothingToRedo {
		t.Errorf("redo with nothing undone says %q", got)
	}
	r.noErrors()
}

func TestUndoMessagesNameTitlesAndSayWhatWasDone(t *testing.T) {
	rm := newShellRig(t, Options{}).sh.rm
	for _, c := range []struct {
		ev   tracker.Event
		want string
	}{
		{tracker.Event{Kind: tracker.EventLevel, Target: "k8s-rbac", Old: "0", New: "3"}, "Undone: RBAC: back to not started"},
		{tracker.Event{Kind: tracker.EventSkip, Target: "k8s-rbac", Old: "false", New: "true"}, "Undone: RBAC: counted again"},
		{tracker.Event{Kind: tracker.EventProfile, Target: "region", Old: "uk", New: "us"}, "Undone: Your region: back to UK"},
	} {
		if got := undoMessage(rm, c.ev); got != c.want {
			t.Errorf("undoMessage(%+v) = %q, want %q", c.ev, got, c.want)
		}
		if got := undoMessage(rm, c.ev); strings.Contains(got, c.ev.Target) && c.ev.Kind != tracker.EventProfile {
			t.Errorf("undoMessage names the id: %q", got)
		}
	}
}

// Every shortcut the window registers is in Help ▸ Keyboard shortcuts and
// in README's table, and each does something.
func TestShortcutsAreListed(t *testing.T) {
	r := newShellRig(t, Options{})
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	listed := map[string]bool{}
	for _, s := range shortcutList {
		for _, k := range strings.Split(s[0], " / ") {
			listed[k] = true
		}
	}
	for _, k := range []string{"Escape", "Enter"} {
		if !listed[k] || !strings.Contains(readme, "| "+k+" |") {
			t.Errorf("%s is missing from Help ▸ Keyboard shortcuts or README", k)
		}
	}
	for _, s := range windowShortcuts() {
		name := shortcutWords(s)
		if !listed[name] {
			t.Errorf("%s is not in Help ▸ Keyboard shortcuts", name)
		}
		inReadme := strings.Contains(readme, "| "+name+" ") || strings.Contains(readme, "or "+name+" ")
		if strings.HasPrefix(name, "Ctrl+") && name[5] >= '1' && name[5] <= '6' {
			inReadme = strings.Contains(readme, "| Ctrl+1 … Ctrl+6 |")
		}
		if !inReadme {
			t.Errorf("%s is not in README's shortcut table", name)
		}
	}
	if n := len(r.win.MainMenu().Items); n != 4 {
		t.Errorf("%d menus, want File, Edit, View and Help", n)
	}
}

// shortcutWords writes a shortcut as the lists do: "Ctrl+Shift+Z".
func shortcutWords(s fyne.Shortcut) string {
	switch s.(type) {
	case *fyne.ShortcutUndo:
		return "Ctrl+Z"
	case *fyne.ShortcutRedo:
		return "Ctrl+Y"
	}
	c, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return s.ShortcutName()
	}
	w := ""
	if c.Modifier&fyne.KeyModifierShortcutDefault != 0 {
		w += "Ctrl+"
	}
	if c.Modifier&fyne.KeyModifierShift != 0 {
		w += "Shift+"
	}
	return w + string(c.KeyName)
}

// focusButton focuses the button with the given text in the dialogs.
func focusButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	b := findButton(t, w, text)
	w.Canvas().Focus(b)
	if w.Canvas().Focused() != b {
		t.Fatalf("could not focus %q", text)
	}
}

// pressKey sends a key the way the desktop driver's key hook does: before
// the focused widget; a key the dialogs leave goes to the focused widget,
// as in the driver.
func pressKey(w fyne.Window, name fyne.KeyName) {
	if dialogKeyFirst(w, name) {
		return
	}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
		return
	}
	if h := w.Canvas().OnTypedKey(); h != nil {
		h(&fyne.KeyEvent{Name: name})
	}
}

func TestEscapeClosesEveryDialogWhateverHasTheFocus(t *testing.T) {
	r := newShellRig(t, Options{})
	open := map[string]func(){
		"About":              menuItem(t, r.win, "Help", "About devpath").Action,
		"Keyboard shortcuts": menuItem(t, r.win, "Help", "Keyboard shortcuts").Action,
		"error":              func() { newShell(r.app, r.win, Options{}).showError(errors.New("it failed")) },
		"Export and import":  r.sh.exportImport,
		"first run":          func() { newFirstRun(r.store, r.sh.env, r.sh.rm, nil) },
		"roadmap problems": func() {
			s := newSettingsScreen(r.store, r.sh.env)
			s.showRoadmapProblems("bad.yaml", errors.New("stages: none"))
		},
	}
	focus := map[string]string{
		"About": "Close", "Keyboard shortcuts": "Close", "error": "OK",
		"Export and import": "Import a backup…", "first run": "Skip", "roadmap problems": "Close",
	}
	for name, show := range open {
		show()
		if n := len(r.win.Canvas().Overlays().List()); n != 1 {
			t.Fatalf("%s: %d overlays, want the dialog", name, n)
		}
		// A focused button drops Escape in Fyne; the dialog must close anyway.
		focusButton(t, r.win, focus[name])
		pressKey(r.win, fyne.KeyEscape)
		if n := len(r.win.Canvas().Overlays().List()); n != 0 {
			t.Errorf("%s: Escape left %d overlays", name, n)
			for len(r.win.Canvas().Overlays().List()) > 0 {
				r.win.Canvas().Overlays().Top().Hide()
				r.win.Canvas().Overlays().Remove(r.win.Canvas().Overlays().Top())
			}
		}
		if topDialog(r.win) != nil {
			t.Errorf("%s: still registered after closing", name)
		}
	}
	if p, err := r.store.Profile(); err != nil || p.Name != "Sam" {
		t.Errorf("Escape on the welcome changed the profile: %+v, %v", p, err)
	}

	// The import confirmation: Escape cancels, nothing is imported; Enter
	// imports.
	b, err := r.store.Export()
	if err != nil {
		t.Fatal(err)
	}
	b.Profile.Name = "From the backup"
	cur, err := r.store.Counts()
	if err != nil {
		t.Fatal(err)
	}
	d := showExportDialog(r.sh.env, r.store, func() snapshot { return r.sh.snap })
	d.askToImport(b, cur)
	focusButton(t, r.win, "Cancel")
	r.win.Canvas().Focus(d.confirm.merge) // a focused check box, which drops Escape in Fyne
	pressKey(r.win, fyne.KeyEscape)
	if n := len(r.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("Escape in the import confirmation: %d overlays, want Export and import only", n)
	}
	if p, _ := r.store.Profile(); p.Name != "Sam" {
		t.Errorf("Escape imported the backup: name %q", p.Name)
	}
	d.askToImport(b, cur)
	r.win.Canvas().Focus(d.confirm.merge)
	pressKey(r.win, fyne.KeyReturn)
	if p, _ := r.store.Profile(); p.Name != "From the backup" {
		t.Errorf("Enter did not import the backup: name %q", p.Name)
	}
}

func TestEnterRunsTheDialogsMainAction(t *testing.T) {
	r := newShellRig(t, Options{})

	// Enter in the welcome's name field starts with what the form says.
	f := newFirstRun(r.store, r.sh.env, r.sh.rm, nil)
	r.win.Canvas().Focus(f.name)
	test.Type(f.name, "Robin")
	pressKey(r.win, fyne.KeyReturn)
	if n := len(r.win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("Enter left the welcome open (%d overlays)", n)
	}
	if p, err := r.store.Profile(); err != nil || p.Name != "Robin" {
		t.Errorf("after Enter in the welcome the profile is %+v, %v", p, err)
	}

	// Enter on a focused button presses it, as in GNOME.
	r.sh.exportImport()
	focusButton(t, r.win, "Copy Markdown to clipboard")
	pressKey(r.win, fyne.KeyReturn)
	if !strings.Contains(r.app.Clipboard().Content(), "#") {
		t.Errorf("Enter on Copy Markdown did not copy: %q", r.app.Clipboard().Content())
	}
	// Anywhere else Enter is Save to a file…: the file dialog opens over it.
	r.win.Canvas().Unfocus()
	pressKey(r.win, fyne.KeyReturn)
	if n := len(r.win.Canvas().Overlays().List()); n != 2 {
		t.Fatalf("Enter in Export and import: %d overlays, want the save dialog over it", n)
	}
	// Escape closes the file dialog first, then Export and import.
	pressKey(r.win, fyne.KeyEscape)
	if n := len(r.win.Canvas().Overlays().List()); n != 1 {
		t.Errorf("Escape in the save dialog: %d overlays, want 1", n)
	}
	pressKey(r.win, fyne.KeyEscape)
	if n := len(r.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("second Escape: %d overlays, want 0", n)
	}

	// About closes with Enter too.
	menuItem(t, r.win, "Help", "About devpath").Action()
	r.win.Canvas().Unfocus()
	pressKey(r.win, fyne.KeyReturn)
	if n := len(r.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("Enter in About: %d overlays, want 0", n)
	}
}

// A change another process commits shows in the window: the watcher sees
// it and the screens reload. Settings shows it too, unless the user is
// editing that field.
func TestWindowShowsChangesMadeElsewhere(t *testing.T) {
	r := newShellRig(t, Options{})
	r.sh.watch.poll() // what the window has shown
	if r.sh.watch.poll() {
		t.Fatal("a change noticed with none made")
	}
	other, err := openDB(r.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	// Our own write is not taken for a change from elsewhere.
	test.Tap(r.row("k8s-helm").check)
	if r.sh.watch.poll() {
		t.Error("the window's own tick was taken for a change made elsewhere")
	}

	if err := other.SetLevel("k8s-rbac", tracker.Proficient, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if r.row("k8s-rbac").check.Checked {
		t.Fatal("the row shows the change before any reload")
	}
	if !r.sh.watch.poll() {
		t.Fatal("the watcher did not notice the other process's tick")
	}
	r.sh.watch.changed()
	if !r.row("k8s-rbac").check.Checked {
		t.Error("after the reload the row does not show the other process's tick")
	}

	// Settings: a field being edited keeps what is typed, the others follow.
	r.sh.show(screenSettings)
	s := r.sh.settings
	s.saveDelay = time.Hour
	r.win.Canvas().Focus(s.name)
	s.name.SetText("Sam B") // typed; the pause has not come yet
	if err := other.UpdateProfile(func(p *tracker.Profile) { p.Name, p.Region = "Alex", "us" }); err != nil {
		t.Fatal(err)
	}
	if !r.sh.watch.poll() {
		t.Fatal("the watcher did not notice the profile change")
	}
	r.sh.watch.changed()
	if s.name.Text != "Sam B" {
		t.Errorf("the name being typed became %q", s.name.Text)
	}
	if s.region.Selected != "US" {
		t.Errorf("region shows %q, want the other process's US", s.region.Selected)
	}
	r.win.Canvas().Unfocus()
	if p, _ := r.store.Profile(); p.Name != "Sam B" || p.Region != "us" {
		t.Errorf("after leaving the field the profile is %+v", p)
	}
}

// The watcher's own loop hands a change to the window within a second.
func TestWatcherLoopNoticesAChange(t *testing.T) {
	r := newShellRig(t, Options{})
	other, err := openDB(r.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	seen := make(chan struct{}, 1)
	w := newWatcher(r.store, func() {
		select {
		case seen <- struct{}{}:
		default:
		}
	})
	// Prime it here: a change made before run's first poll would otherwise
	// become the starting point, and the test would wait for nothing.
	w.poll()
	go w.run(20 * time.Millisecond)
	defer w.close()
	if err := other.SetSkipped("aws-s3", true); err != nil {
		t.Fatal(err)
	}
	select {
	case <-seen:
	case <-time.After(5 * time.Second):
		t.Fatal("no change noticed")
	}
}

// A dialog without keys shown over one with keys keeps Escape from closing
// the one underneath.
func TestEscapeNeverClosesADialogUnderAnother(t *testing.T) {
	r := newShellRig(t, Options{})
	menuItem(t, r.win, "Help", "About devpath").Action()
	dialog.ShowInformation("Plain", "A dialog shown without bindDialogKeys", r.win)
	pressKey(r.win, fyne.KeyEscape)
	if n := len(r.win.Canvas().Overlays().List()); n != 2 {
		t.Fatalf("Escape with a plain dialog on top: %d overlays, want both dialogs", n)
	}
	r.win.Canvas().Overlays().Top().Hide()
	r.win.Canvas().Overlays().Remove(r.win.Canvas().Overlays().Top())
	pressKey(r.win, fyne.KeyEscape)
	if n := len(r.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("Escape with About on top: %d overlays, want none", n)
	}
}
