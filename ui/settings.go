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
	"devpath/tracker/words"
)

// settingsStore is what the Settings screen needs of the store.
type settingsStore interface {
	Profile() (tracker.Profile, error)
	UpdateProfile(change func(p *tracker.Profile)) error
	// The roadmap the database tracks against (see tracker.Store).
	UseRoadmap(name string, content []byte) (*roadmap.Roadmap, error)
	UseDefaultRoadmap() error
}

// Choices of the look radio group, in the order shown, and the looks they
// stand for.
var (
	lookOptions = []string{"System", "Light", "Dark"}
	lookIDs     = []string{themeSystem, themeLight, themeDark}
)

// regionOptions are the region radio group's choices: roadmap.RegionUK and
// roadmap.RegionUS as the user reads them.
var regionOptions = []string{words.Region(roadmap.RegionUK), words.Region(roadmap.RegionUS)}

// settingsScreen edits the profile and shows where the data lives, which
// roadmap is in use and the look of the window.
type settingsScreen struct {
	store settingsStore
	e     *env

	snap snapshot
	rm   *roadmap.Roadmap // the roadmap the stage choice was built for
	// filling is set while the form is filled from the snapshot, so that
	// filling is not taken for the user's edits.
	filling bool
	// edits counts, per field, the user's edits; saved is the count last
	// saved. A field with edits[f] != saved[f] holds something not saved yet
	// (being typed, or not valid), which a reload must not overwrite.
	edits, saved [profileFieldCount]int
	// saveDelay is how long typing must pause before a text field is
	// saved; 0 saves at once (tests).
	saveDelay time.Duration
	timers    [profileFieldCount]*time.Timer

	name          *settingsEntry
	stage         *widget.Select
	since         *settingsEntry
	careerStart   *settingsEntry
	region        *widget.RadioGroup
	fieldErr      [profileFieldCount]*widget.Label
	profileStatus *widget.Label

	dbPath     *widget.Label
	dbNote     *widget.Label
	copyButton *widget.Button

	roadmapInfo    *widget.Label
	chooseButton   *widget.Button
	builtinButton  *widget.Button
	problemsDialog dialog.Dialog

	look *widget.RadioGroup
	root fyne.CanvasObject

	// team is the Team card; nil for a store that cannot join a team.
	team *teamCard
	// reminders is the card of the check-in cadence and the reminders.
	reminders *reminderCard
}

// newSettingsScreen builds the Settings screen; update fills it.
func newSettingsScreen(store settingsStore, e *env) *settingsScreen {
	s := &settingsScreen{store: store, e: e, saveDelay: typingPause}
	s.name = newSettingsEntry(func() { s.flush(fieldName) })
	s.name.PlaceHolder = "Your name (optional)"
	s.name.OnChanged = func(string) { s.edited(fieldName) }
	s.stage = &widget.Select{OnChanged: func(string) { s.edited(fieldStage) }}
	s.since = newSettingsEntry(func() { s.flush(fieldSince) })
	s.since.PlaceHolder = "YYYY-MM-DD"
	s.since.OnChanged = func(string) { s.edited(fieldSince) }
	s.careerStart = newSettingsEntry(func() { s.flush(fieldCareerStart) })
	s.careerStart.PlaceHolder = "YYYY-MM-DD (optional)"
	s.careerStart.OnChanged = func(string) { s.edited(fieldCareerStart) }
	s.region = &widget.RadioGroup{Options: regionOptions, Horizontal: true, Required: true, OnChanged: func(string) { s.edited(fieldRegion) }}
	for f := range s.fieldErr {
		s.fieldErr[f] = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
		s.fieldErr[f].Hide()
	}
	s.profileStatus = &widget.Label{Importance: widget.LowImportance, Text: "Changes are saved as you make them."}
	withErr := func(f profileField, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(o, s.fieldErr[f])
	}
	form := widget.NewForm(
		widget.NewFormItem("Name", withErr(fieldName, s.name)),
		widget.NewFormItem("Stage", withErr(fieldStage, s.stage)),
		widget.NewFormItem("Date entered the stage", withErr(fieldSince, s.since)),
		widget.NewFormItem("Career start", withErr(fieldCareerStart, s.careerStart)),
		widget.NewFormItem("Region", withErr(fieldRegion, s.region)),
	)
	profile := container.NewVBox(form, s.profileStatus)

	s.dbPath = &widget.Label{Selectable: true, Wrapping: fyne.TextWrapBreak}
	s.dbNote = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	s.dbNote.Hide()
	s.copyButton = &widget.Button{Text: "Copy path", Icon: theme.ContentCopyIcon(), OnTapped: s.onCopyPath}
	database := container.NewVBox(s.dbPath, s.dbNote, container.NewHBox(s.copyButton))

	s.roadmapInfo = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.chooseButton = &widget.Button{Text: "Choose a roadmap file…", Icon: theme.FolderOpenIcon(), OnTapped: s.onChooseRoadmap}
	s.builtinButton = &widget.Button{Text: "Use the built-in roadmap", Icon: theme.HomeIcon(), OnTapped: s.onBuiltinRoadmap}
	format := &widget.Label{
		Text:     "A roadmap file is YAML or JSON in devpath's roadmap format (see \"devpath roadmap --json\"). The roadmap you choose is kept in the database, so the command line and your backups use it too, and the file itself is no longer needed. Progress is kept by item id, so ticks follow items that both roadmaps share.",
		Wrapping: fyne.TextWrapWord,
	}
	roadmapBox := container.NewVBox(s.roadmapInfo, format, container.NewHBox(s.chooseButton, s.builtinButton))

	s.look = &widget.RadioGroup{Options: lookOptions, Horizontal: true, Required: true}
	s.look.Selected = lookOptions[settingsIndex(lookIDs, savedLook(e.app))]
	s.look.OnChanged = s.onLook

	cards := container.NewVBox(
		newCard("Profile", "Where you are on the roadmap", profile),
		newCard("Database", "Everything devpath records stays in this one file", database),
		newCard("Roadmap", "", roadmapBox),
	)
	s.reminders = newReminderCard(s)
	cards.Add(newCard("Check-ins and reminders", "How often devpath asks you to check in", s.reminders.root))
	// The Team card comes before Appearance, so that the look's choices
	// stay the last in the Tab order (Shift+Tab reaches them first).
	if ts, ok := store.(teamStore); ok {
		s.team = newTeamCard(ts, e)
		cards.Add(newCard("Team", "Share your check-ins on a PostgreSQL team database", s.team.root))
	}
	cards.Add(newCard("Appearance", "", s.look))
	s.root = container.NewVScroll(container.NewPadded(cards))
	return s
}

// content returns the screen's widgets.
func (s *settingsScreen) content() fyne.CanvasObject { return s.root }

// update shows a new snapshot, which may hold changes made elsewhere (the
// command line, another window). Each profile field shows the stored value
// unless the user is editing it: it has the focus or holds something not
// saved yet.
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
	s.fillProfile()
	for _, w := range []fyne.Disableable{s.name, s.stage, s.since, s.careerStart, s.region} {
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
	switch {
	case snap.roadmapOverride:
		s.roadmapInfo.SetText("In use for this run only: " + info + ", from " + snap.roadmapPath + " (given with --roadmap). Choosing here keeps a roadmap in the database.")
	case snap.roadmapPath == "":
		s.roadmapInfo.SetText("In use: the built-in roadmap, " + info + ".")
	default:
		s.roadmapInfo.SetText("In use: " + info + ", from " + snap.roadmapPath + ", kept in the database.")
	}
	builtin := snap.roadmapPath == "" && !snap.roadmapOverride
	for _, b := range []*widget.Button{s.chooseButton, s.builtinButton} {
		if snap.readOnly || (b == s.builtinButton && builtin) {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	s.reminders.update(snap)
	if s.team != nil && !s.team.busy {
		s.team.readOnly = snap.readOnly
		s.team.refresh() // a check-in or another devpath changes the queue
	}
}

// The profile fields of the form.
type profileField int

const (
	fieldName profileField = iota
	fieldStage
	fieldSince
	fieldCareerStart
	fieldRegion
	profileFieldCount
)

// typingPause is how long typing must pause before a text field is saved.
const typingPause = 700 * time.Millisecond

// fillProfile shows the snapshot's profile in the fields the user is not
// editing.
func (s *settingsScreen) fillProfile() {
	s.filling = true
	defer func() { s.filling = false }()
	p := s.snap.progress.Profile
	// A field that already says what is stored keeps its text: trailing
	// spaces typed before a pause stay.
	if s.idle(fieldName) && strings.TrimSpace(s.name.Text) != p.Name {
		s.name.SetText(p.Name)
	}
	if s.idle(fieldStage) {
		s.stage.ClearSelected()
		if i := s.rm.StageIndex(p.Stage); i >= 0 {
			s.stage.SetSelectedIndex(i)
		}
	}
	if s.idle(fieldSince) {
		s.since.SetText(formatDay(p.StageSince))
	}
	if s.idle(fieldCareerStart) {
		s.careerStart.SetText(formatDay(p.CareerStart))
	}
	if s.idle(fieldRegion) {
		s.region.SetSelected(regionOptions[settingsIndex([]string{roadmap.RegionUK, roadmap.RegionUS}, pathsRegion(p.Region))])
	}
}

// idle reports whether field f may show the stored value: it holds nothing
// unsaved and does not have the focus.
func (s *settingsScreen) idle(f profileField) bool {
	if s.edits[f] != s.saved[f] {
		return false
	}
	if c := s.e.win.Canvas(); c != nil {
		switch c.Focused() {
		case s.name:
			return f != fieldName
		case s.since:
			return f != fieldSince
		case s.careerStart:
			return f != fieldCareerStart
		}
	}
	return true
}

// edited notes an edit of field f by the user. A choice is saved at once;
// typing is saved once it pauses (or the field loses the focus).
func (s *settingsScreen) edited(f profileField) {
	if s.filling {
		return
	}
	s.edits[f]++
	s.check()
	if f == fieldStage || f == fieldRegion || s.saveDelay <= 0 {
		s.flush(f)
		return
	}
	if t := s.timers[f]; t != nil {
		t.Stop()
	}
	n := s.edits[f]
	s.timers[f] = time.AfterFunc(s.saveDelay, func() {
		fyne.Do(func() {
			if s.edits[f] == n {
				s.flush(f)
			}
		})
	})
}

// problems checks every field and returns, per field, what is wrong with
// it ("" when it is fine).
func (s *settingsScreen) problems() [profileFieldCount]string {
	var out [profileFieldCount]string
	today := s.e.today()
	if err := tracker.ValidateProfileName(s.name.Text); err != nil {
		out[fieldName] = upperFirst(err.Error()) + "."
	}
	since, err := optionalDay(s.since.Text, today)
	if err != nil {
		out[fieldSince] = upperFirst(err.Error()) + "."
	}
	start, err := optionalDay(s.careerStart.Text, today)
	if err != nil {
		out[fieldCareerStart] = upperFirst(err.Error()) + "."
	}
	if out[fieldSince] == "" && out[fieldCareerStart] == "" && !since.IsZero() && !start.IsZero() && since.Before(start) {
		msg := "The date you entered the stage is before your career start."
		// Blame the field being edited; the other holds what was stored.
		if s.edits[fieldCareerStart] != s.saved[fieldCareerStart] {
			out[fieldCareerStart] = msg
		} else {
			out[fieldSince] = msg
		}
	}
	if i := s.stage.SelectedIndex(); s.rm == nil || i < 0 || i >= len(s.rm.Stages) {
		out[fieldStage] = "Choose the stage you are at."
	}
	return out
}

// check shows under each field what is wrong with it.
func (s *settingsScreen) check() [profileFieldCount]string {
	probs := s.problems()
	bad := false
	for f, p := range probs {
		l := s.fieldErr[f]
		if p == "" || s.edits[f] == s.saved[f] {
			l.Hide()
			continue
		}
		bad = true
		l.SetText("Not saved: " + p)
		l.Show()
	}
	if bad {
		s.profileStatus.SetText("A field above is not saved until it is valid.")
	}
	return probs
}

// flush saves field f if the user changed it and it is valid. Only that
// field is written: the others keep what is stored, whoever changed them.
func (s *settingsScreen) flush(f profileField) {
	if s.edits[f] == s.saved[f] {
		return
	}
	if t := s.timers[f]; t != nil {
		t.Stop()
	}
	if s.check()[f] != "" {
		return
	}
	n := s.edits[f]
	var change func(p *tracker.Profile)
	switch f {
	case fieldName:
		name := strings.TrimSpace(s.name.Text)
		change = func(p *tracker.Profile) { p.Name = name }
	case fieldStage:
		id := s.rm.Stages[s.stage.SelectedIndex()].ID
		change = func(p *tracker.Profile) { p.Stage = id }
	case fieldSince:
		day, _ := optionalDay(s.since.Text, s.e.today())
		change = func(p *tracker.Profile) { p.StageSince = day }
	case fieldCareerStart:
		day, _ := optionalDay(s.careerStart.Text, s.e.today())
		change = func(p *tracker.Profile) { p.CareerStart = day }
	case fieldRegion:
		region := roadmap.RegionUK
		if s.region.Selected == regionOptions[1] {
			region = roadmap.RegionUS
		}
		change = func(p *tracker.Profile) { p.Region = region }
	}
	s.profileStatus.SetText("Saving…")
	s.e.async(func() error {
		if err := s.store.UpdateProfile(change); err != nil {
			return fmt.Errorf("save your profile: %w", err)
		}
		return nil
	}, func(err error) {
		if err != nil {
			// Show what is stored again rather than a value that was not saved.
			s.saved[f] = s.edits[f]
			s.fillProfile()
			s.check()
			s.profileStatus.SetText("Not saved.")
			s.e.showError(err)
			return
		}
		s.saved[f] = n
		s.check()
		s.profileStatus.SetText("Saved.")
		s.e.changed()
	})
}

// flushAll saves every field that holds a valid change not saved yet; the
// shell calls it before the window closes.
func (s *settingsScreen) flushAll() {
	for f := range profileFieldCount {
		s.flush(f)
	}
}

// settingsEntry is an entry that saves its field when it loses the focus.
type settingsEntry struct {
	widget.Entry
	onFocusLost func()
}

func newSettingsEntry(onFocusLost func()) *settingsEntry {
	e := &settingsEntry{onFocusLost: onFocusLost}
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost saves what was typed at once.
func (e *settingsEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}

// TypedKey saves on Enter as well.
func (e *settingsEntry) TypedKey(k *fyne.KeyEvent) {
	e.Entry.TypedKey(k)
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && e.onFocusLost != nil {
		e.onFocusLost()
	}
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
	if s.snap.roadmapOverride {
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(s.snap.roadmapPath))); err == nil {
			d.SetLocation(dir)
		}
	}
	showFileDialog(d, s.e.win)
}

// loadRoadmap reads the roadmap file at path and stores it in the database
// off the UI goroutine (the store checks it first). A valid roadmap
// replaces the current one; otherwise every problem is shown and the
// current roadmap stays.
func (s *settingsScreen) loadRoadmap(path string) {
	var rm *roadmap.Roadmap
	s.e.async(func() error {
		data, err := tracker.ReadRoadmapFile(path)
		if err != nil {
			return err
		}
		rm, err = s.store.UseRoadmap(path, data)
		return err
	}, func(err error) {
		var re *tracker.RoadmapError
		switch {
		case errors.As(err, &re):
			s.showRoadmapProblems(path, re.Err)
		case err != nil:
			s.e.showError(fmt.Errorf("use the roadmap %s: %w", path, err))
		default:
			s.e.setRoadmap(rm, filepath.Base(path))
			if s.e.notify != nil {
				s.e.notify("Now using " + filepath.Base(path) + ", kept in the database.")
			}
		}
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

// onBuiltinRoadmap goes back to the embedded roadmap, in the database.
func (s *settingsScreen) onBuiltinRoadmap() {
	s.e.async(s.store.UseDefaultRoadmap, func(err error) {
		if err != nil {
			s.e.showError(fmt.Errorf("use the built-in roadmap: %w", err))
			return
		}
		s.e.setRoadmap(nil, "")
	})
}

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
