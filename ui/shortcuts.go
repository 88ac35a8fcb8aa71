package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// The window's keyboard shortcuts. Undo is Fyne's Ctrl+Z and redo its
// Ctrl+Y; Ctrl+Shift+Z redoes as well, as in GNOME applications.
var (
	shortcutUndo      = &fyne.ShortcutUndo{}
	shortcutRedo      = &fyne.ShortcutRedo{}
	shortcutRedoShift = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutQuit      = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind      = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutExport    = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutScreens   = []*desktop.CustomShortcut{
		{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key5, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key6, Modifier: fyne.KeyModifierShortcutDefault}, // team
	}
)

// screenTitles are the screens' names in the navigation, in screenNames
// order.
var screenTitles = []string{"Dashboard", "Roadmap", "Paths", "History", "Settings", "Team"}

// mainMenu is the window's menu: File (the reviews, Find evidence in git
// repositories, Export and import, Quit), Edit
// (Undo, Redo, Find), View (the screens) and Help (shortcuts, About).
func (sh *shell) mainMenu() *fyne.MainMenu {
	export := &fyne.MenuItem{Label: "Export and import…", Shortcut: shortcutExport, Action: sh.exportImport}
	scan := &fyne.MenuItem{Label: findEvidenceMenu, Action: sh.findEvidence}
	quit := &fyne.MenuItem{Label: "Quit", Shortcut: shortcutQuit, IsQuit: true, Action: sh.quit}
	undo := &fyne.MenuItem{Label: "Undo", Shortcut: shortcutUndo, Action: sh.undo, Disabled: sh.readOnly}
	redo := &fyne.MenuItem{Label: "Redo", Shortcut: shortcutRedoShift, Action: sh.redo, Disabled: sh.readOnly}
	find := &fyne.MenuItem{Label: "Find…", Shortcut: shortcutFind, Action: sh.find}
	view := fyne.NewMenu("View")
	for i, name := range screenNames {
		view.Items = append(view.Items, &fyne.MenuItem{Label: screenTitles[i], Shortcut: shortcutScreens[i], Action: func() { sh.show(name) }})
	}
	return fyne.NewMainMenu(
		fyne.NewMenu("File", append(sh.reviewMenuItems(), scan, export, fyne.NewMenuItemSeparator(), quit)...),
		fyne.NewMenu("Edit", undo, redo, fyne.NewMenuItemSeparator(), find),
		view,
		fyne.NewMenu("Help",
			&fyne.MenuItem{Label: "Keyboard shortcuts", Action: sh.showShortcuts},
			&fyne.MenuItem{Label: "About devpath", Action: sh.showAbout},
		),
	)
}

// addShortcuts registers the shortcuts on the canvas as well: the menu
// shows one shortcut per item (Redo has two), and drivers without a menu
// bar still get them.
func (sh *shell) addShortcuts() {
	c := sh.win.Canvas()
	for _, s := range windowShortcuts() {
		c.AddShortcut(s, sh.onShortcut)
	}
}

// windowShortcuts are all the shortcuts onShortcut handles.
func windowShortcuts() []fyne.Shortcut {
	list := []fyne.Shortcut{shortcutUndo, shortcutRedo, shortcutRedoShift, shortcutQuit, shortcutFind, shortcutExport}
	for _, s := range shortcutScreens {
		list = append(list, s)
	}
	return list
}

// onShortcut runs the action of a shortcut.
func (sh *shell) onShortcut(s fyne.Shortcut) {
	switch s.ShortcutName() {
	case shortcutUndo.ShortcutName():
		sh.undo()
	case shortcutRedo.ShortcutName(), shortcutRedoShift.ShortcutName():
		sh.redo()
	case shortcutQuit.ShortcutName():
		sh.quit()
	case shortcutFind.ShortcutName():
		sh.find()
	case shortcutExport.ShortcutName():
		sh.exportImport()
	default:
		for i, sc := range shortcutScreens {
			if sc.ShortcutName() == s.ShortcutName() {
				sh.show(screenNames[i])
			}
		}
	}
}

// quit closes the window, which ends devpath once the work in flight is
// saved (see Run).
func (sh *shell) quit() { sh.win.Close() }

// exportImport opens the Export and import dialog for the open database.
func (sh *shell) exportImport() {
	if sh.store == nil {
		return
	}
	// Built once per database, then shown again.
	if d := sh.exportDlg; d != nil && d.st == exportStore(sh.store) {
		d.reopen()
		return
	}
	sh.exportDlg = showExportDialog(sh.env, sh.store, func() snapshot { return sh.snap })
}

// find shows the Roadmap screen with the keyboard in its search box.
func (sh *shell) find() {
	if sh.rmap == nil {
		return
	}
	sh.show(screenRoadmap)
	sh.rmap.focusSearch()
}

// shortcutList is what the Keyboard shortcuts dialog lists. The arrow keys
// are named in words: Fyne 2.8's text shaping draws a replacement glyph
// after an arrow character that a space follows ("↑�"), see words.Arrow.
var shortcutList = [][2]string{
	{"Ctrl+Z", "Undo the last change (ticks, levels, N/A, evidence, profile)"},
	{"Ctrl+Shift+Z / Ctrl+Y", "Redo the change the last undo reverted"},
	{"Ctrl+F", "Search every item of every stage on the Roadmap screen"},
	{"Ctrl+E", "Export a summary or a backup, or import a backup"},
	{"Ctrl+1", "Dashboard"},
	{"Ctrl+2", "Roadmap"},
	{"Ctrl+3", "Paths"},
	{"Ctrl+4", "History"},
	{"Ctrl+5", "Settings"},
	{"Ctrl+6", "Team: your reports and the team's coverage (managers)"},
	{"Ctrl+Q", "Quit devpath (every change is already saved)"},
	{"Tab / Shift+Tab", "Move between controls; Space ticks the focused box or presses the focused button"},
	{"Up / Down", "Roadmap: the item above or below, in the same column"},
	{"Left / Right", "Roadmap: on a level, the level below or above"},
	{"Enter", "In a dialog: its main action (Save, Import, Start, Close); in the search box: the first result"},
	{"Escape", "Close the dialog on view without doing anything"},
}

// showShortcuts lists the keyboard shortcuts.
func (sh *shell) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, s := range shortcutList {
		grid.Add(&widget.Label{Text: s[0], TextStyle: fyne.TextStyle{Bold: true}})
		grid.Add(&widget.Label{Text: s[1], Wrapping: fyne.TextWrapWord})
	}
	// The list scrolls in a window too small for all of it (800×600 fits).
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(500, 360))
	d := dialog.NewCustom("Keyboard shortcuts", "Close", scroll, sh.win)
	size := fyne.NewSize(600, d.MinSize().Height-360+grid.MinSize().Height)
	if win := sh.win.Canvas().Size(); win.Height > 0 {
		size = fyne.NewSize(min(size.Width, win.Width*0.95), min(size.Height, win.Height*0.9))
	}
	d.Resize(size)
	showClosable(sh.win, d)
}

// showAbout names the version, the database and the roadmap in use.
func (sh *shell) showAbout() {
	version := sh.opts.Version
	if version == "" {
		version = "development build"
	}
	db := sh.opts.DBPath
	if sh.store != nil {
		db = sh.store.Path()
	}
	rm := "the built-in DevOps roadmap"
	if sh.rmPath != "" {
		rm = sh.rmPath
	}
	text := fmt.Sprintf("devpath %s\n\nTracks your progress along a career roadmap and tells you how ready you are for the next level.\n\nDatabase: %s\nRoadmap: %s\n\nEverything stays in that one file on this computer; devpath makes no network requests of its own, except to the team database this one joined, if any (Settings ▸ Team).", version, db, rm)
	if sh.readOnly {
		text += "\n\nThe database is open read-only."
	}
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Selectable: true}
	d := dialog.NewCustom("About devpath", "Close", label, sh.win)
	d.Resize(fyne.NewSize(560, 320))
	showClosable(sh.win, d)
}
