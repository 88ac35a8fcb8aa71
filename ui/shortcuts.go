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

// The window's keyboard shortcuts beyond undo.
var (
	shortcutFind    = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutExport  = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutScreens = []*desktop.CustomShortcut{
		{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key5, Modifier: fyne.KeyModifierShortcutDefault},
	}
)

// screenTitles are the screens' names in the navigation, in screenNames
// order.
var screenTitles = []string{"Dashboard", "Roadmap", "Paths", "History", "Settings"}

// mainMenu is the window's menu: File (Export and import, Quit), Edit
// (Undo, Find), View (the screens) and Help (shortcuts, About).
func (sh *shell) mainMenu() *fyne.MainMenu {
	export := &fyne.MenuItem{Label: "Export and import…", Shortcut: shortcutExport, Action: sh.exportImport}
	undo := &fyne.MenuItem{Label: "Undo", Shortcut: &fyne.ShortcutUndo{}, Action: sh.undo, Disabled: sh.readOnly}
	find := &fyne.MenuItem{Label: "Find…", Shortcut: shortcutFind, Action: sh.find}
	view := fyne.NewMenu("View")
	for i, name := range screenNames {
		view.Items = append(view.Items, &fyne.MenuItem{Label: screenTitles[i], Shortcut: shortcutScreens[i], Action: func() { sh.show(name) }})
	}
	return fyne.NewMainMenu(
		fyne.NewMenu("File", export),
		fyne.NewMenu("Edit", undo, find),
		view,
		fyne.NewMenu("Help",
			fyne.NewMenuItem("Keyboard shortcuts", sh.showShortcuts),
			fyne.NewMenuItem("About devpath", sh.showAbout),
		),
	)
}

// addShortcuts registers the shortcuts on the canvas as well, for drivers
// whose menu does not handle them.
func (sh *shell) addShortcuts() {
	c := sh.win.Canvas()
	c.AddShortcut(&fyne.ShortcutUndo{}, sh.onShortcut)
	c.AddShortcut(shortcutFind, sh.onShortcut)
	c.AddShortcut(shortcutExport, sh.onShortcut)
	for _, s := range shortcutScreens {
		c.AddShortcut(s, sh.onShortcut)
	}
}

// onShortcut runs the action of a shortcut.
func (sh *shell) onShortcut(s fyne.Shortcut) {
	switch s.ShortcutName() {
	case (&fyne.ShortcutUndo{}).ShortcutName():
		sh.undo()
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

// exportImport opens the Export and import dialog for the open database.
func (sh *shell) exportImport() {
	if sh.store == nil {
		return
	}
	showExportDialog(sh.env, sh.store, func() snapshot { return sh.snap })
}

// find shows the Roadmap screen with the keyboard in its search box.
func (sh *shell) find() {
	if sh.rmap == nil {
		return
	}
	sh.show(screenRoadmap)
	sh.rmap.focusSearch()
}

// shortcutList is what the Keyboard shortcuts dialog lists.
var shortcutList = [][2]string{
	{"Ctrl+Z", "Undo the last change (ticks, levels, N/A, evidence, profile)"},
	{"Ctrl+F", "Search every item of every stage on the Roadmap screen"},
	{"Ctrl+E", "Export a summary or a backup, or import a backup"},
	{"Ctrl+1", "Dashboard"},
	{"Ctrl+2", "Roadmap"},
	{"Ctrl+3", "Paths"},
	{"Ctrl+4", "History"},
	{"Ctrl+5", "Settings"},
	{"Tab / Shift+Tab", "Move between controls; Space ticks the focused box"},
}

// showShortcuts lists the keyboard shortcuts.
func (sh *shell) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, s := range shortcutList {
		grid.Add(&widget.Label{Text: s[0], TextStyle: fyne.TextStyle{Bold: true}})
		grid.Add(&widget.Label{Text: s[1], Wrapping: fyne.TextWrapWord})
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", grid, sh.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
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
	text := fmt.Sprintf("devpath %s\n\nTracks your progress along a career roadmap and tells you how ready you are for the next level.\n\nDatabase: %s\nRoadmap: %s\n\nEverything stays in that one file on this computer; devpath makes no network requests of its own.", version, db, rm)
	if sh.readOnly {
		text += "\n\nThe database is open read-only."
	}
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Selectable: true}
	d := dialog.NewCustom("About devpath", "Close", label, sh.win)
	d.Resize(fyne.NewSize(560, 320))
	d.Show()
}
