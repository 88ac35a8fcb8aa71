package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

func newFirstRunRig(t *testing.T) (*screenRig, *firstRun, *int) {
	t.Helper()
	r := newScreenRig(t)
	r.win.Resize(fyne.NewSize(900, 700))
	if ok, err := r.store.HasProfile(); err != nil || ok {
		t.Fatalf("a new database has a profile (%v, %v)", ok, err)
	}
	done := 0
	f := newFirstRun(r.store, r.e, r.rm, func() { done++ })
	if r.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the welcome is not shown")
	}
	return r, f, &done
}

func TestFirstRunStartSavesWhatTheUserSaid(t *testing.T) {
	r, f, done := newFirstRunRig(t)
	if got := f.stage.Selected; got != r.rm.Stage("junior").Title {
		t.Errorf("stage offered = %q, want junior", got)
	}
	if got := f.since.Text; got != "2026-11-20" {
		t.Errorf("date offered = %q, want today", got)
	}
	if !r.shows("Welcome to devpath") {
		t.Errorf("the welcome has no title")
	}

	f.stage.SetSelected(r.rm.Stage("senior").Title)
	f.since.SetText("2024-05-01")
	f.region.SetSelected("US")
	test.Type(f.name, "Sam")
	test.Tap(f.start)
	r.noErrors()

	if *done != 1 {
		t.Errorf("done called %d times, want once", *done)
	}
	if r.win.Canvas().Overlays().Top() != nil {
		t.Errorf("the welcome is still shown after Start")
	}
	r.reopen()
	if ok, err := r.store.HasProfile(); err != nil || !ok {
		t.Fatalf("after Start the database has no profile (%v, %v)", ok, err)
	}
	p := r.profile()
	if p.Stage != "senior" || p.Region != "us" || p.Name != "Sam" || !p.StageSince.Equal(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("saved profile = %+v", p)
	}
}

func TestFirstRunSkipSavesTheDefaults(t *testing.T) {
	r, f, done := newFirstRunRig(t)
	f.stage.SetSelected(r.rm.Stage("staff").Title) // changed, then skipped
	test.Tap(f.skip)
	r.noErrors()

	if *done != 1 {
		t.Errorf("done called %d times, want once", *done)
	}
	if ok, err := r.store.HasProfile(); err != nil || !ok {
		t.Fatalf("after Skip the database has no profile (%v, %v)", ok, err)
	}
	p := r.profile()
	if p.Stage != "junior" || p.Region != localeRegion(lang.SystemLocale()) || !p.StageSince.Equal(r.today()) {
		t.Errorf("profile after Skip = %+v, want junior since today in the locale's region", p)
	}
}

func TestFirstRunWaitsForAGoodDate(t *testing.T) {
	r, f, done := newFirstRunRig(t)
	f.since.SetText("2026-02-30")
	if !f.start.Disabled() || !f.errLabel.Visible() {
		t.Fatalf("a bad date leaves Start enabled (%v) or shows no error (%v)", !f.start.Disabled(), f.errLabel.Visible())
	}
	test.Tap(f.start)
	if ok, _ := r.store.HasProfile(); ok || *done != 0 {
		t.Fatalf("Start with a bad date saved a profile or finished")
	}
	f.since.SetText("2026-02-28")
	if f.start.Disabled() || f.errLabel.Visible() {
		t.Errorf("a good date leaves Start disabled or the error shown")
	}
	test.Tap(f.start)
	if ok, _ := r.store.HasProfile(); !ok || *done != 1 {
		t.Errorf("Start with a good date did not save")
	}
}

func TestLocaleRegion(t *testing.T) {
	for loc, want := range map[fyne.Locale]string{
		"en-US": roadmap.RegionUS, "es-US": roadmap.RegionUS, "en-Latn-US": roadmap.RegionUS,
		"en-GB": roadmap.RegionUK, "en": roadmap.RegionUK, "fr-FR": roadmap.RegionUK, "": roadmap.RegionUK,
	} {
		if got := localeRegion(loc); got != want {
			t.Errorf("localeRegion(%q) = %q, want %q", loc, got, want)
		}
	}
}

// TestFirstRunMarksEarlierStagesInOneStep: above the first stage the
// welcome asks whether the earlier stages are behind the user; Yes marks
// them done in one step that one undo reverts, leaving the profile.
func TestFirstRunMarksEarlierStagesInOneStep(t *testing.T) {
	r, f, _ := newFirstRunRig(t)
	if len(f.form.Items) != 4 || r.shows(words.EarlierStagesYes) {
		t.Errorf("at the first stage the welcome asks about earlier stages (%d fields)", len(f.form.Items))
	}
	f.stage.SetSelected(r.rm.Stage("senior").Title)
	if len(f.form.Items) != 5 || !r.shows(words.EarlierStagesYes) || f.earlier.Selected != words.EarlierStagesNo {
		t.Fatalf("at Senior the welcome does not ask, answered No (%d fields, %q)", len(f.form.Items), f.earlier.Selected)
	}
	if q := f.question.Text; !strings.Contains(q, words.EarlierStagesQuestion) || !strings.Contains(q, r.rm.Stage("mid").Title) || !r.shows(q) {
		t.Errorf("the question is %q", q)
	}
	f.since.SetText("2024-05-01")
	f.earlier.SetSelected(words.EarlierStagesYes)
	test.Tap(f.start)
	r.noErrors()

	want := tracker.EarlierStageIDs(r.rm, tracker.Profile{Stage: "senior"}, "senior")
	p, err := r.store.Progress()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range want {
		if st := p.State(id); st.Level != tracker.Proficient || !st.Date.Equal(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("%s after Yes: %v on %v, want proficient on the day Senior began", id, st.Level, st.Date)
		}
	}
	evs, err := r.store.UndoStep()
	if err != nil || len(evs) != len(want) {
		t.Fatalf("one undo reverted %d events (%v), want the step's %d", len(evs), err, len(want))
	}
	if p := r.profile(); p.Stage != "senior" {
		t.Errorf("the undo took the profile too: stage %q", p.Stage)
	}
}

// TestFirstRunNoLeavesEarlierStages: answered No (the default), nothing
// is marked.
func TestFirstRunNoLeavesEarlierStages(t *testing.T) {
	r, f, _ := newFirstRunRig(t)
	f.stage.SetSelected(r.rm.Stage("mid").Title)
	test.Tap(f.start)
	r.noErrors()
	p, err := r.store.Progress()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range tracker.EarlierStageIDs(r.rm, p.Profile, "mid") {
		if p.State(id).Level != tracker.NotStarted {
			t.Fatalf("%s marked without a Yes", id)
		}
	}
}
