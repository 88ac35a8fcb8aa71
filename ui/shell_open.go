package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

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
	// A dialog stands on the window's background, not over the screen
	// (dialogbackdrop.go). It hides the screen inside its page: the tabs
	// show their page again whenever they refresh.
	setDialogBackdrop(sh.win, func() fyne.CanvasObject {
		if it := sh.tabs.Selected(); it != nil {
			if p, ok := it.Content.(*tabPage); ok {
				return p.content
			}
		}
		return nil
	})
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

// openFailed explains why the database could not be opened and offers a
// way on: restore the latest automatic backup to a new file, or start a new
// database elsewhere. The file that failed is never touched.
func (sh *shell) openFailed(path string, err error) {
	// The store's failures with a code are worded as the command line words
	// them; any other is shown under a line that names the file.
	msg, ok := words.Failure(err, path, words.Window)
	if !ok {
		msg = "devpath could not open " + path + ".\n\n" + err.Error()
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
