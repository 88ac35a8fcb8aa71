package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

// settingsStore is what the Settings screen needs of the store.
type settingsStore interface {
	Profile() (tracker.Profile, error)
	SaveProfile(p tracker.Profile) error
}

// Choices of the look radio group, in the order shown, and the looks they
// stand for.
var (
	lookOptions = []string{"System", "Light", "Dark"}
	lookIDs     = []string{themeSystem, themeLight, themeDark}
)

// regionOptions are the region radio group's choices: roadmap.RegionUK and
// roadmap.RegionUS as the user reads them.
var regionOptions = []string{"UK", "US"}

// settingsScreen edits the profile and shows where the data lives, which
// roadmap is in use and the look of the window.
type settingsScreen struct {
	store settingsStore
	e     *env

	snap snapshot
	rm   *roadmap.Roadmap // the roadmap the stage choice was built for
	// filling is set while the form is filled from the snapshot; dirty is
	// set once the user edits it, so that a reload does not overwrite
	// what they typed.
	filling bool
	dirty   bool

	name          *widget.Entry
	stage         *widget.Select
	since         *widget.Entry
	careerStart   *widget.Entry
	region        *widget.RadioGroup
	profileErr    *widget.Label
	profileStatus *widget.Label
	saveButton    *widget.Button

	dbPath     *widget.Label
	dbNote     *widget.Label
	copyButton *widget.Button

	roadmapInfo    *widget.Label
	chooseButton   *widget.Button
	builtinButton  *widget.Button
	problemsDialog dialog.Dialog

	look *widget.RadioGroup
	root fyne.CanvasObject
}

// newSettingsScreen builds the Settings screen; update fills it.
func newSettingsScreen(store settingsStore, e *env) *settingsScreen {
	s := &settingsScreen{store: store, e: e}
	edited := func(string) { s.markDirty() }
	s.name = &widget.Entry{PlaceHolder: "Your name (optional)", OnChanged: edited}
	s.stage = &widget.Select{OnChanged: edited}
	s.since = &widget.Entry{PlaceHolder: "YYYY-MM-DD", OnChanged: edited}
	s.careerStart = &widget.Entry{PlaceHolder: "YYYY-MM-DD (optional)", OnChanged: edited}
	s.region = &widget.RadioGroup{Options: regionOptions, Horizontal: true, Required: true, OnChanged: edited}
	s.profileErr = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.profileErr.Hide()
	s.profileStatus = &widget.Label{Importance: widget.LowImportance}
	s.saveButton = &widget.Button{Text: "Save profile", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onSave}
	form := widget.NewForm(
		widget.NewFormItem("Name", s.name),
		widget.NewFormItem("Stage", s.stage),
		widget.NewFormItem("Date entered the stage", s.since),
		widget.NewFormItem("Career start", s.careerStart),
		widget.NewFormItem("Region", s.region),
	)
	profile := container.NewVBox(form, s.profileErr, container.NewHBox(s.saveButton, s.profileStatus))

	s.dbPath = &widget.Label{Selectable: true, Wrapping: fyne.TextWrapBreak}
	s.dbNote = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	s.dbNote.Hide()
	s.copyButton = &widget.Button{Text: "Copy path", Icon: theme.ContentCopyIcon(), OnTapped: s.onCopyPath}
	database := container.NewVBox(s.dbPath, s.dbNote, container.NewHBox(s.copyButton))

	s.roadmapInfo = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.chooseButton = &widget.Button{Text: "Choose a roadmap file…", Icon: theme.FolderOpenIcon(), OnTapped: s.onChooseRoadmap}
	s.builtinButton = &widget.Button{Text: "Use the built-in roadmap", Icon: theme.HomeIcon(), OnTapped: s.onBuiltinRoadmap}
	format := &widget.Label{
		Text:     "A roadmap file is YAML or JSON in devpath's roadmap format (see \"devpath roadmap --json\"). Progress is kept by item id, so ticks follow items that both roadmaps share.",
		Wrapping: fyne.TextWrapWord,
	}
	roadmapBox := container.NewVBox(s.roadmapInfo, format, container.NewHBox(s.chooseButton, s.builtinButton))

	s.look = &widget.RadioGroup{Options: lookOptions, Horizontal: true, Required: true}
	s.look.Selected = lookOptions[settingsIndex(lookIDs, savedLook(e.app))]
	s.look.OnChanged = s.onLook

	s.root = container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewCard("Profile", "Where you are on the roadmap", profile),
		widget.NewCard("Database", "Everything devpath records stays in this one file", database),
		widget.NewCard("Roadmap", "", roadmapBox),
		widget.NewCard("Appearance", "", s.look),
	)))
	return s
}

// content returns the screen's widgets.
func (s *settingsScreen) content() fyne.CanvasObject { return s.root }

// update shows a new snapshot. The profile form keeps what the user typed
// and has not saved yet.
func (s *settingsScreen) update(snap snapshot) {
	s.snap = snap
	if snap.rm != s.rm {
		s.rm = snap.rm
		opts := make([]string, len(s.rm.Stages))
		for i, st := range s.rm.Stages {
			opts[i] = st.Title
		}
		s.filling = true
		s.stage.SetOptions(opts)
		s.filling = false
	}
	if !s.dirty {
		s.fillProfile()
	}
	for _, w := range []fyne.Disableable{s.name, s.stage, s.since, s.careerStart, s.region, s.saveButton} {
		if snap.readOnly {
			w.Disable()
		} else {
			w.Enable()
		}
	}

	s.dbPath.SetText(snap.dbPath)
	if snap.readOnly {
		s.dbNote.SetText("This file is open read-only: you can look at your progress but not change it.")
		s.dbNote.Show()
	} else {
		s.dbNote.Hide()
	}

	info := fmt.Sprintf("%s, version %d", s.rm.Title, s.rm.Version)
	if snap.roadmapPath == "" {
		s.roadmapInfo.SetText("In use: the built-in roadmap, " + info + ".")
		s.builtinButton.Disable()
	} else {
		s.roadmapInfo.SetText("In use: " + info + ", from " + snap.roadmapPath + ".")
		s.builtinButton.Enable()
	}
}

// fillProfile shows the snapshot's profile in the form.
func (s *settingsScreen) fillProfile() {
	s.filling = true
	defer func() { s.filling = false }()
	p := s.snap.progress.Profile
	s.name.SetText(p.Name)
	s.stage.ClearSelected()
	if i := s.rm.StageIndex(p.Stage); i >= 0 {
		s.stage.SetSelectedIndex(i)
	}
	s.since.SetText(formatDay(p.StageSince))
	s.careerStart.SetText(formatDay(p.CareerStart))
	s.region.SetSelected(regionOptions[settingsIndex([]string{roadmap.RegionUK, roadmap.RegionUS}, pathsRegion(p.Region))])
	s.profileErr.Hide()
	s.dirty = false
}

func (s *settingsScreen) markDirty() {
	if s.filling {
		return
	}
	s.dirty = true
	s.profileErr.Hide()
	s.profileStatus.SetText("Not saved yet.")
}

// onSave checks the form and saves the profile. Bad input is shown under
// the form and nothing is written.
func (s *settingsScreen) onSave() {
	today := s.e.today()
	var problems []string
	since, err := optionalDay(s.since.Text, today)
	if err != nil {
		problems = append(problems, "Date entered the stage: "+err.Error())
	}
	start, err := optionalDay(s.careerStart.Text, today)
	if err != nil {
		problems = append(problems, "Career start: "+err.Error())
	}
	if !since.IsZero() && !start.IsZero() && since.Before(start) {
		problems = append(problems, "The date you entered the stage is before your career start.")
	}
	stageIndex := s.stage.SelectedIndex()
	if stageIndex < 0 || stageIndex >= len(s.rm.Stages) {
		problems = append(problems, "Stage: choose the stage you are at.")
	}
	if len(problems) > 0 {
		s.profileErr.SetText(strings.Join(problems, "\n"))
		s.profileErr.Show()
		s.profileStatus.SetText("Not saved.")
		return
	}
	s.profileErr.Hide()

	name := strings.TrimSpace(s.name.Text)
	stage := s.rm.Stages[stageIndex].ID
	region := roadmap.RegionUK
	if s.region.Selected == regionOptions[1] {
		region = roadmap.RegionUS
	}
	s.saveButton.Disable()
	s.profileStatus.SetText("Saving…")
	s.e.async(func() error {
		p, err := s.store.Profile()
		if err != nil {
			return fmt.Errorf("save your profile: %w", err)
		}
		p.Name, p.Stage, p.StageSince, p.CareerStart, p.Region = name, stage, since, start, region
		if err := s.store.SaveProfile(p); err != nil {
			return fmt.Errorf("save your profile: %w", err)
		}
		return nil
	}, func(err error) {
		s.saveButton.Enable()
		s.dirty = false
		if err != nil {
			s.fillProfile()
			s.profileStatus.SetText("Not saved.")
			s.e.showError(err)
			return
		}
		s.profileStatus.SetText("Saved.")
		s.e.changed()
	})
}

// optionalDay parses a date field: empty is unknown (the zero time).
func optionalDay(text string, today time.Time) (time.Time, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return time.Time{}, nil
	}
	return tracker.ParseDate(text, today)
}

func (s *settingsScreen) onCopyPath() {
	s.e.app.Clipboard().SetContent(s.snap.dbPath)
	if s.e.notify != nil {
		s.e.notify("Copied the database path to the clipboard.")
	}
}

func (s *settingsScreen) onChooseRoadmap() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.e.showError(fmt.Errorf("choose a roadmap file: %w", err))
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		_ = r.Close()
		s.loadRoadmap(path)
	}, s.e.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".yaml", ".yml", ".json"}))
	if s.snap.roadmapPath != "" {
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(s.snap.roadmapPath))); err == nil {
			d.SetLocation(dir)
		}
	}
	showFileDialog(d, s.e.win)
}

// loadRoadmap reads and checks the roadmap file at path off the UI
// goroutine. A valid roadmap replaces the current one; otherwise every
// problem is shown and the current roadmap stays.
func (s *settingsScreen) loadRoadmap(path string) {
	var rm *roadmap.Roadmap
	s.e.async(func() error {
		var err error
		rm, err = roadmap.LoadFile(path)
		return err
	}, func(err error) {
		if err != nil {
			s.showRoadmapProblems(path, err)
			return
		}
		s.e.setRoadmap(rm, path)
	})
}

// showRoadmapProblems lists in a dialog everything wrong with a roadmap
// file, in full.
func (s *settingsScreen) showRoadmapProblems(path string, err error) {
	var lines []string
	var probs roadmap.Problems
	if errors.As(err, &probs) && len(probs) > 0 {
		for _, p := range probs {
			lines = append(lines, p.Path+": "+p.Msg)
		}
	} else {
		lines = strings.Split(err.Error(), "\n")
	}
	head := "1 problem"
	if len(lines) != 1 {
		head = strconv.Itoa(len(lines)) + " problems"
	}
	intro := &widget.Label{
		Text:     fmt.Sprintf("%s has %s. devpath keeps the roadmap it was using.", path, head),
		Wrapping: fyne.TextWrapWord,
	}
	list := &widget.Label{Text: strings.Join(lines, "\n"), Selectable: true, Wrapping: fyne.TextWrapWord}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(560, 280))
	d := dialog.NewCustom("This roadmap file cannot be used", "Close",
		container.NewBorder(intro, nil, nil, nil, scroll), s.e.win)
	s.problemsDialog = d
	showClosable(s.e.win, d)
}

func (s *settingsScreen) onBuiltinRoadmap() { s.e.setRoadmap(nil, "") }

func (s *settingsScreen) onLook(choice string) {
	setLook(s.e.app, lookIDs[settingsIndex(lookOptions, choice)])
}

// indexOf returns the position of v in list, or 0 when it is absent.
func settingsIndex(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}
