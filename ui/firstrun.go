package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// firstRunStore is what the first-run welcome needs of the store: the
// profile, and the earlier stages marked done in one step.
type firstRunStore interface {
	SaveProfile(p tracker.Profile) error
	stepStore
}

// firstRun is the welcome shown on a new database: it asks where the user
// is (stage, the date they entered it, region and, if they like, their
// name) and saves it as their profile. Skipping saves the defaults, so the
// welcome does not come back.
type firstRun struct {
	store firstRunStore
	e     *env
	rm    *roadmap.Roadmap
	done  func()

	// defaults is what Skip saves and what the form starts with.
	defaults tracker.Profile

	name   *dialogEntry
	stage  *widget.Select
	since  *dialogEntry
	region *widget.RadioGroup
	// earlier asks, for a stage above the first, whether the stages
	// before it are behind the user; hidden at the first stage.
	earlier  *widget.RadioGroup
	question *widget.Label
	form     *widget.Form
	items    []*widget.FormItem
	errLabel *widget.Label
	start    *widget.Button
	skip     *widget.Button
	dlg      *dialog.CustomDialog
}

// newFirstRun shows the welcome over e.win. done runs once the profile is
// saved, or once saving it failed and the error was shown.
func newFirstRun(store firstRunStore, e *env, rm *roadmap.Roadmap, done func()) *firstRun {
	f := &firstRun{store: store, e: e, rm: rm, done: done}
	today := e.today()
	f.defaults = tracker.Profile{Stage: defaultStage(rm), StageSince: today, Region: localeRegion(lang.SystemLocale())}

	stages := make([]string, len(rm.Stages))
	for i, st := range rm.Stages {
		stages[i] = st.Title
	}
	f.name = newDialogEntry(e.win, false)
	f.name.PlaceHolder = "Optional"
	f.stage = widget.NewSelect(stages, nil)
	if i := rm.StageIndex(f.defaults.Stage); i >= 0 {
		f.stage.SetSelectedIndex(i)
	}
	// No until the user says otherwise: nothing is marked unasked.
	f.earlier = &widget.RadioGroup{Options: []string{words.EarlierStagesNo, words.EarlierStagesYes}, Required: true, Horizontal: true, Selected: words.EarlierStagesNo}
	f.earlier.ExtendBaseWidget(f.earlier)
	// The question wraps: it says which stages, which may be long.
	f.question = &widget.Label{Wrapping: fyne.TextWrapWord}
	f.since = newDialogEntry(e.win, false)
	f.since.Text, f.since.PlaceHolder = formatDay(today), "YYYY-MM-DD"
	f.since.OnChanged = func(string) { f.check() }
	f.region = &widget.RadioGroup{Options: regionOptions, Horizontal: true, Required: true}
	f.region.Selected = regionOptions[0]
	if f.defaults.Region == roadmap.RegionUS {
		f.region.Selected = regionOptions[1]
	}
	f.errLabel = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.errLabel.Hide()

	intro := &widget.Label{
		Text: fmt.Sprintf("devpath tracks your progress along the %s. Say where you are now; "+
			"you can change any of it later in Settings, and everything stays in one file on this computer.", rm.Title),
		Wrapping: fyne.TextWrapWord,
	}
	// The question comes last, so that the fields above keep their Tab
	// order whichever stage is chosen.
	f.items = []*widget.FormItem{
		widget.NewFormItem("Your stage", f.stage),
		widget.NewFormItem("Date you entered it", f.since),
		widget.NewFormItem("Region for salaries", f.region),
		widget.NewFormItem("Name", f.name),
		{Text: "Earlier stages", Widget: container.NewVBox(f.question, f.earlier)},
	}
	f.form = widget.NewForm(f.items[:4]...)
	f.stage.OnChanged = func(string) { f.showQuestion() }
	f.showQuestion()
	form := f.form
	f.start = &widget.Button{Text: "Start", Importance: widget.HighImportance, OnTapped: f.onStart}
	f.skip = &widget.Button{Text: "Skip", OnTapped: f.onSkip}

	f.dlg = dialog.NewCustomWithoutButtons("Welcome to devpath", container.NewVBox(intro, form, f.errLabel), e.win)
	f.dlg.SetButtons([]fyne.CanvasObject{f.skip, f.start})
	f.dlg.Resize(fyne.NewSize(min(560, e.win.Canvas().Size().Width*0.95), f.dlg.MinSize().Height))
	// Escape closes the welcome without saving; it comes back on the next
	// start. Enter starts with what the form says.
	showKeyed(e.win, f.dlg, dialogKeys{submit: f.onStart})
	return f
}

// showQuestion shows the question about the earlier stages when the chosen
// stage has some, with the stages it would mark in its hint.
func (f *firstRun) showQuestion() {
	i := f.stage.SelectedIndex()
	want := 4
	if i > 0 && i < len(f.rm.Stages) {
		want = 5
		f.question.SetText(words.EarlierStagesQuestion + " " + words.EarlierStagesDetail(f.rm, f.rm.Stages[i].ID))
	}
	if len(f.form.Items) != want || want == 5 {
		f.form.Items = f.items[:want]
		f.form.Refresh()
	}
	if f.dlg != nil {
		f.dlg.Resize(fyne.NewSize(min(560, f.e.win.Canvas().Size().Width*0.95), f.dlg.MinSize().Height))
	}
}

// check validates the date as it is typed; Start waits for a good one.
func (f *firstRun) check() bool {
	if _, err := tracker.ParseDate(strings.TrimSpace(f.since.Text), f.e.today()); err != nil {
		f.errLabel.SetText("Date you entered it: " + err.Error())
		f.errLabel.Show()
		f.start.Disable()
		return false
	}
	f.errLabel.Hide()
	f.start.Enable()
	return true
}

func (f *firstRun) onStart() {
	if !f.check() {
		return
	}
	p := f.defaults
	p.StageSince, _ = tracker.ParseDate(strings.TrimSpace(f.since.Text), f.e.today())
	if i := f.stage.SelectedIndex(); i >= 0 && i < len(f.rm.Stages) {
		p.Stage = f.rm.Stages[i].ID
	}
	p.Region = roadmap.RegionUK
	if f.region.Selected == regionOptions[1] {
		p.Region = roadmap.RegionUS
	}
	p.Name = strings.TrimSpace(f.name.Text)
	var earlier []string
	if f.rm.StageIndex(p.Stage) > 0 && f.earlier.Selected == words.EarlierStagesYes {
		earlier = tracker.EarlierStageIDs(f.rm, p, p.Stage)
	}
	f.save(p, earlier)
}

func (f *firstRun) onSkip() { f.save(f.defaults, nil) }

// save writes the profile off the UI goroutine and closes the welcome.
// The entries of earlier, the stages behind the user, are then marked done
// in one step of their own, dated the day they entered their stage, which
// one undo reverts.
func (f *firstRun) save(p tracker.Profile, earlier []string) {
	f.start.Disable()
	f.skip.Disable()
	marked := 0
	f.e.async(func() error {
		if err := f.store.SaveProfile(p); err != nil {
			return fmt.Errorf("save your profile: %w", err)
		}
		if len(earlier) == 0 {
			return nil
		}
		var err error
		if marked, err = f.store.MarkEntries(earlier, true, p.StageSince); err != nil {
			return fmt.Errorf("mark the earlier stages done: %w", err)
		}
		return nil
	}, func(err error) {
		if err == nil && marked > 0 && f.e.notify != nil {
			f.e.notify(words.StepResult(words.StagesBefore(f.rm, p.Stage), true, marked) + words.StepUndoHint)
		}
		f.dlg.Hide()
		if err != nil {
			f.e.showError(err)
		} else {
			f.e.changed()
		}
		if f.done != nil {
			f.done()
		}
	})
}

// defaultStage is "junior" when the roadmap has it, else its first stage.
func defaultStage(rm *roadmap.Roadmap) string {
	if rm.Stage("junior") != nil || len(rm.Stages) == 0 {
		return "junior"
	}
	return rm.Stages[0].ID
}

// localeRegion is "us" for a locale of the United States ("en-US"), else
// "uk".
func localeRegion(l fyne.Locale) string {
	for _, part := range strings.FieldsFunc(l.String(), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if part == "US" {
			return roadmap.RegionUS
		}
	}
	return roadmap.RegionUK
}
