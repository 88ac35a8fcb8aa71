package ui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

func newSettingsRig(t *testing.T) (*screenRig, *settingsScreen) {
	t.Helper()
	r := newScreenRig(t)
	s := newSettingsScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1000, 900))
	s.saveDelay = 0
	return r, s
}

func eventCount(t *testing.T, r *screenRig) int {
	t.Helper()
	evs, err := r.store.Events(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

func TestSettingsSavesEachFieldAsItChanges(t *testing.T) {
	r, s := newSettingsRig(t)
	if got := s.stage.Selected; got != r.rm.Stage("junior").Title {
		t.Fatalf("stage shown on a new database = %q, want junior", got)
	}
	if got := s.since.Text; got != "2026-11-20" {
		t.Fatalf("date entered shown on a new database = %q, want today", got)
	}
	for _, b := range buttonsUnder(s.content()) {
		if strings.Contains(strings.ToLower(b.Text), "save") {
			t.Errorf("Settings has a %q button; every change is saved as it is made", b.Text)
		}
	}

	test.Type(s.name, "Sam Jones")
	s.stage.SetSelected(r.rm.Stage("mid").Title)
	s.since.SetText("2025-03-01")
	s.careerStart.SetText("2022-09-15")
	s.region.SetSelected("US")
	r.noErrors()

	p := r.profile()
	want := tracker.Profile{
		Name: "Sam Jones", Stage: "mid", Region: "us",
		StageSince:  time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		CareerStart: time.Date(2022, 9, 15, 0, 0, 0, 0, time.UTC),
	}
	if p.Name != want.Name || p.Stage != want.Stage || p.Region != want.Region ||
		!p.StageSince.Equal(want.StageSince) || !p.CareerStart.Equal(want.CareerStart) {
		t.Errorf("saved profile = %+v, want %+v", p, want)
	}
	if s.profileStatus.Text != "Saved." {
		t.Errorf("after saving: status %q", s.profileStatus.Text)
	}

	// It survives reopening the store, and the form shows it again.
	r.reopen()
	s2 := newSettingsScreen(r.store, r.e)
	r.screens = nil
	r.show(s2, fyne.NewSize(1000, 900))
	if s2.name.Text != "Sam Jones" || s2.since.Text != "2025-03-01" || s2.careerStart.Text != "2022-09-15" || s2.region.Selected != "US" {
		t.Errorf("after reopening the form shows %q %q %q %q", s2.name.Text, s2.since.Text, s2.careerStart.Text, s2.region.Selected)
	}
}

// buttonsUnder lists the buttons in a tree of objects.
func buttonsUnder(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	walkObjects(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b)
		}
	})
	return out
}

func TestSettingsWaitsForAPauseInTyping(t *testing.T) {
	r, s := newSettingsRig(t)
	s.saveDelay = time.Hour // only leaving the field saves here
	before := eventCount(t, r)
	r.win.Canvas().Focus(s.name)
	test.Type(s.name, "Robin")
	if got := eventCount(t, r); got != before {
		t.Fatalf("typing wrote %d events before the pause", got-before)
	}
	// A reload meanwhile keeps what is being typed.
	r.reload()
	if s.name.Text != "Robin" {
		t.Errorf("a reload replaced the typing with %q", s.name.Text)
	}
	r.win.Canvas().Unfocus()
	if got := r.profile().Name; got != "Robin" {
		t.Errorf("after leaving the field the name is %q", got)
	}
	// Closing the window saves what waits for the pause.
	r.win.Canvas().Focus(s.careerStart)
	test.Type(s.careerStart, "2020-02-02")
	s.flushAll()
	if got := formatDay(r.profile().CareerStart); got != "2020-02-02" {
		t.Errorf("after flushAll the career start is %q", got)
	}
}

func TestSettingsRejectsABadDateWithoutWriting(t *testing.T) {
	for _, c := range []struct {
		since, career string
		field         profileField
		want          string
	}{
		{"2025-13-01", "", fieldSince, "Not saved"},
		{"2027-01-01", "", fieldSince, "future"},
		{"2025-03-01", "15/09/2022", fieldCareerStart, "Not saved"},
		{"2020-01-01", "2022-09-15", fieldCareerStart, "before your career start"},
	} {
		t.Run(c.since+"_"+c.career, func(t *testing.T) {
			r, s := newSettingsRig(t)
			s.since.SetText(c.since)
			before := eventCount(t, r)
			s.careerStart.SetText(c.career)

			l := s.fieldErr[c.field]
			if !l.Visible() || !strings.Contains(l.Text, c.want) {
				t.Errorf("error under the field = %q (shown %v), want it to mention %q", l.Text, l.Visible(), c.want)
			}
			p := r.profile()
			if c.field == fieldCareerStart && !p.CareerStart.IsZero() {
				t.Errorf("a rejected career start was saved: %v", p.CareerStart)
			}
			if c.field == fieldSince && formatDay(p.StageSince) == c.since {
				t.Errorf("a rejected date was saved: %v", p.StageSince)
			}
			if c.field == fieldCareerStart && eventCount(t, r) != before {
				t.Errorf("a rejected field wrote %d events", eventCount(t, r)-before)
			}
			if len(r.errs) != 0 {
				t.Errorf("a bad date opened an error dialog: %v", r.errs)
			}
			if c.field == fieldSince && s.since.Text != c.since {
				t.Errorf("the form lost what was typed: %q", s.since.Text)
			}
			// Fixing the field saves it and takes the message away.
			fix := s.since
			if c.field == fieldCareerStart {
				fix = s.careerStart
			}
			fix.SetText("")
			if l.Visible() {
				t.Errorf("the message stays after the field was fixed: %q", l.Text)
			}
		})
	}
}

// failingUpdateStore fails every save.
type failingUpdateStore struct{ p tracker.Profile }

func (f *failingUpdateStore) Profile() (tracker.Profile, error) { return f.p, nil }
func (f *failingUpdateStore) UpdateProfile(func(*tracker.Profile)) error {
	return errors.New("save the profile: disk full")
}
func (f *failingUpdateStore) UseRoadmap(string, []byte) (*roadmap.Roadmap, error) {
	return nil, errors.New("use the roadmap: the disk is full; nothing was changed")
}
func (f *failingUpdateStore) UseDefaultRoadmap() error {
	return errors.New("use the built-in roadmap: the disk is full; nothing was changed")
}

func TestSettingsFailedSaveShowsTheErrorAndReverts(t *testing.T) {
	r := newScreenRig(t)
	st := &failingUpdateStore{p: tracker.Profile{Name: "Ann", Stage: "junior", Region: "uk"}}
	s := newSettingsScreen(st, r.e)
	s.saveDelay = 0
	r.win.SetContent(s.content())
	snap := r.snapshot()
	snap.progress.Profile = st.p
	s.update(snap)

	s.name.SetText("Bob")
	if len(r.errs) != 1 || !strings.Contains(r.errs[0].Error(), "disk full") {
		t.Fatalf("errors shown = %v, want the failed save", r.errs)
	}
	if s.name.Text != "Ann" {
		t.Errorf("after a failed save the name shows %q, want the stored %q", s.name.Text, "Ann")
	}
}

// Changing the region writes the region only: a name changed by another
// process since the form was filled stays.
func TestSettingsWritesOnlyTheFieldsTheUserChanged(t *testing.T) {
	r, s := newSettingsRig(t)
	s.name.SetText("Sam")
	other, err := openDB(r.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.UpdateProfile(func(p *tracker.Profile) {
		p.Name = "Sam Jones"
		p.CareerStart = time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)
	}); err != nil {
		t.Fatal(err)
	}
	if s.name.Text != "Sam" {
		t.Fatalf("the form changed before a reload: %q", s.name.Text)
	}
	s.region.SetSelected("US")
	p := r.profile()
	if p.Name != "Sam Jones" || formatDay(p.CareerStart) != "2020-05-01" || p.Region != "us" {
		t.Errorf("profile = %+v; want the other process's name and career start kept, and region us", p)
	}
	// The reload after the save shows the other process's values.
	if s.name.Text != "Sam Jones" || s.careerStart.Text != "2020-05-01" {
		t.Errorf("after the reload the form shows %q and %q", s.name.Text, s.careerStart.Text)
	}
}

func TestSettingsBrokenRoadmapShowsEveryProblemAndKeepsTheRoadmap(t *testing.T) {
	r, s := newSettingsRig(t)
	current := r.rm
	path := filepath.Join(t.TempDir(), "broken.yaml")
	broken := `version: 1
id: broken
title: Broken roadmap
stages:
  - id: junior
    title: Junior
    years: {min: 3, max: 1}
    milestone: {id: first, title: First}
    skills:
      - id: g
        title: Group
        items:
          - {id: dup, title: One}
          - {id: dup, title: Two}
          - {id: notitle}
transitions:
  - {from: junior, to: nowhere, typical_months: {min: 1, max: 2}, accelerated_months: {min: 1, max: 2}}
`
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	_, loadErr := roadmap.LoadFile(path)
	var probs roadmap.Problems
	if !errors.As(loadErr, &probs) || len(probs) < 3 {
		t.Fatalf("the broken file should have several problems, got %v", loadErr)
	}

	s.loadRoadmap(path)

	if len(r.setRoadmaps) != 0 || r.rm != current {
		t.Fatalf("a broken roadmap was switched to: %v", r.setRoadmaps)
	}
	if r.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog shows the problems")
	}
	for _, p := range probs {
		if want := p.Path + ": " + p.Msg; !r.shows(want) {
			t.Errorf("the dialog does not show the problem %q", want)
		}
	}
	if !r.shows(path) {
		t.Errorf("the dialog does not name the file")
	}
}

func TestSettingsLoadsAGoodRoadmapAndGoesBack(t *testing.T) {
	r, s := newSettingsRig(t)
	if !s.builtinButton.Disabled() {
		t.Errorf("\"use the built-in roadmap\" is enabled while it is in use")
	}
	data, err := roadmap.Default().JSON()
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`"title": "DevOps Career Path Roadmap"`), []byte(`"title": "Our roadmap"`), 1)
	path := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}

	s.loadRoadmap(path)
	if len(r.errs) != 0 {
		t.Fatalf("errors: %v", r.errs)
	}
	if len(r.setRoadmaps) != 1 || r.setRoadmaps[0] != "mine.json" {
		t.Fatalf("setRoadmap calls = %q, want one with mine.json", r.setRoadmaps)
	}
	if r.rm == roadmap.Default() || r.rm.Title != "Our roadmap" {
		t.Errorf("the loaded roadmap was not handed over")
	}
	if !strings.Contains(s.roadmapInfo.Text, "mine.json") || !strings.Contains(s.roadmapInfo.Text, "kept in the database") || s.builtinButton.Disabled() {
		t.Errorf("roadmap shown as %q; built-in button disabled %v", s.roadmapInfo.Text, s.builtinButton.Disabled())
	}
	// The choice reached the database: it is there for the command line,
	// for a backup and for the next start, without the file.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	r.reopen()
	rm, c, err := r.store.Roadmap()
	if err != nil || rm.Title != "Our roadmap" || c.Name != "mine.json" || !bytes.Equal(c.Content, data) {
		t.Errorf("the store holds %q from %q (%v)", rm.Title, c.Name, err)
	}

	s.store = r.store
	test.Tap(s.builtinButton)
	if len(r.setRoadmaps) != 2 || r.setRoadmaps[1] != "" {
		t.Errorf("setRoadmap calls = %q, want the built-in roadmap last", r.setRoadmaps)
	}
	if !strings.Contains(s.roadmapInfo.Text, "built-in") {
		t.Errorf("roadmap shown as %q after going back", s.roadmapInfo.Text)
	}
	if _, c, err := r.store.Roadmap(); err != nil || !c.Builtin {
		t.Errorf("after going back the store holds %+v (%v)", c, err)
	}
}

func TestSettingsRoadmapThatCannotBeStoredKeepsTheCurrentOne(t *testing.T) {
	r := newScreenRig(t)
	st := &failingUpdateStore{p: tracker.Profile{Stage: "junior", Region: "uk"}}
	s := newSettingsScreen(st, r.e)
	r.show(s, fyne.NewSize(1000, 900))
	data, err := roadmap.Default().JSON()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s.loadRoadmap(path)
	if len(r.setRoadmaps) != 0 || r.rm != roadmap.Default() {
		t.Errorf("the window switched to a roadmap the store did not keep: %q", r.setRoadmaps)
	}
	if len(r.errs) != 1 || !strings.Contains(r.errs[0].Error(), "disk is full") || !strings.Contains(r.errs[0].Error(), path) {
		t.Errorf("errors shown: %v", r.errs)
	}
}

func TestSettingsRoadmapButtonsOffWhenReadOnly(t *testing.T) {
	r, s := newSettingsRig(t)
	snap := r.snapshot()
	snap.readOnly = true
	s.update(snap)
	if !s.chooseButton.Disabled() || !s.builtinButton.Disabled() {
		t.Error("the roadmap can be changed on a read-only database")
	}
	snap.readOnly, snap.roadmapOverride, snap.roadmapPath = false, true, "/tmp/draft.yaml"
	s.update(snap)
	if s.chooseButton.Disabled() || s.builtinButton.Disabled() || !strings.Contains(s.roadmapInfo.Text, "this run only") {
		t.Errorf("with --roadmap: %q, choose disabled %v, built-in disabled %v", s.roadmapInfo.Text, s.chooseButton.Disabled(), s.builtinButton.Disabled())
	}
}

func TestSettingsChooseRoadmapOpensAFileDialog(t *testing.T) {
	r, s := newSettingsRig(t)
	test.Tap(s.chooseButton)
	if r.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no file dialog")
	}
	if !r.shows("Open File") && !r.shows("Open") {
		t.Errorf("the dialog shown is not a file dialog: %q", r.shownTexts())
	}
	if len(r.setRoadmaps) != 0 {
		t.Errorf("opening the dialog switched the roadmap")
	}
}

func TestSettingsDatabasePathAndCopy(t *testing.T) {
	r, s := newSettingsRig(t)
	if s.dbPath.Text != r.path {
		t.Errorf("database path shown = %q, want %q", s.dbPath.Text, r.path)
	}
	test.Tap(s.copyButton)
	if got := r.app.Clipboard().Content(); got != r.path {
		t.Errorf("clipboard = %q, want the database path", got)
	}
}

func TestSettingsThemeIsAppliedAndRemembered(t *testing.T) {
	r, s := newSettingsRig(t)
	if s.look.Selected != "System" {
		t.Fatalf("look on a new app = %q, want System", s.look.Selected)
	}
	s.look.SetSelected("Dark")
	if got := r.app.Preferences().String(prefTheme); got != themeDark {
		t.Errorf("remembered look = %q, want dark", got)
	}
	th := r.app.Settings().Theme()
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	if got := th.Color(theme.ColorNameBackground, theme.VariantLight); got != dark {
		t.Errorf("dark look gives background %v for a light desktop, want %v", got, dark)
	}

	s.look.SetSelected("Light")
	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	if got := r.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got != light {
		t.Errorf("light look gives background %v for a dark desktop, want %v", got, light)
	}

	// A new Settings screen starts from the remembered look, and the shell
	// applies it at start-up.
	s2 := newSettingsScreen(r.store, r.e)
	if s2.look.Selected != "Light" {
		t.Errorf("look shown by a new screen = %q, want Light", s2.look.Selected)
	}
	r.app.Settings().SetTheme(theme.DefaultTheme())
	applySavedTheme(r.app)
	if got := r.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got != light {
		t.Errorf("applySavedTheme did not apply the light look")
	}

	s.look.SetSelected("System")
	if got := r.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got == light {
		t.Errorf("the system look still forces light")
	}
}
