package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"devpath/roadmap"
	"devpath/tracker"
)

func newSettingsRig(t *testing.T) (*screenRig, *settingsScreen) {
	t.Helper()
	r := newScreenRig(t)
	s := newSettingsScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1000, 900))
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

func TestSettingsSavesTheProfile(t *testing.T) {
	r, s := newSettingsRig(t)
	if got := s.stage.Selected; got != r.rm.Stage("junior").Title {
		t.Fatalf("stage shown on a new database = %q, want junior", got)
	}
	if got := s.since.Text; got != "2026-11-20" {
		t.Fatalf("date entered shown on a new database = %q, want today", got)
	}

	test.Type(s.name, "Sam Jones")
	s.stage.SetSelected(r.rm.Stage("mid").Title)
	s.since.SetText("2025-03-01")
	s.careerStart.SetText("2022-09-15")
	s.region.SetSelected("US")
	if s.profileStatus.Text != "Not saved yet." {
		t.Errorf("status after editing = %q, want a reminder to save", s.profileStatus.Text)
	}
	test.Tap(s.saveButton)
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
	if s.profileStatus.Text != "Saved." || s.profileErr.Visible() {
		t.Errorf("after saving: status %q, error shown %v", s.profileStatus.Text, s.profileErr.Visible())
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

func TestSettingsRejectsABadDateWithoutWriting(t *testing.T) {
	for _, c := range []struct{ since, career, want string }{
		{"2025-13-01", "", "Date entered the stage"},
		{"2027-01-01", "", "Date entered the stage"},
		{"2025-03-01", "15/09/2022", "Career start"},
		{"2020-01-01", "2022-09-15", "before your career start"},
	} {
		t.Run(c.since+"_"+c.career, func(t *testing.T) {
			r, s := newSettingsRig(t)
			before := eventCount(t, r)
			s.name.SetText("Sam")
			s.since.SetText(c.since)
			s.careerStart.SetText(c.career)
			test.Tap(s.saveButton)

			if !s.profileErr.Visible() || !strings.Contains(s.profileErr.Text, c.want) {
				t.Errorf("inline error = %q (shown %v), want it to mention %q", s.profileErr.Text, s.profileErr.Visible(), c.want)
			}
			if got := eventCount(t, r); got != before {
				t.Errorf("a rejected form wrote %d events", got-before)
			}
			if ok, err := r.store.HasProfile(); err != nil || ok {
				t.Errorf("a rejected form saved a profile (%v, %v)", ok, err)
			}
			if len(r.errs) != 0 {
				t.Errorf("a bad date opened an error dialog: %v", r.errs)
			}
			if s.name.Text != "Sam" {
				t.Errorf("the form lost what was typed: name %q", s.name.Text)
			}
		})
	}
}

func TestSettingsFailedSaveShowsTheErrorAndReverts(t *testing.T) {
	r := newScreenRig(t)
	st := &failingProfileStore{p: tracker.Profile{Name: "Ann", Stage: "junior", Region: "uk"}}
	s := newSettingsScreen(st, r.e)
	r.win.SetContent(s.content())
	snap := r.snapshot()
	snap.progress.Profile = st.p
	s.update(snap)

	s.name.SetText("Bob")
	test.Tap(s.saveButton)
	if len(r.errs) != 1 || !strings.Contains(r.errs[0].Error(), "disk full") {
		t.Fatalf("errors shown = %v, want the failed save", r.errs)
	}
	if s.name.Text != "Ann" {
		t.Errorf("after a failed save the name shows %q, want the stored %q", s.name.Text, "Ann")
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
	path := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}

	s.loadRoadmap(path)
	if len(r.setRoadmaps) != 1 || r.setRoadmaps[0] != path {
		t.Fatalf("setRoadmap calls = %q, want one with %s", r.setRoadmaps, path)
	}
	if r.rm == roadmap.Default() || r.rm.Title != roadmap.Default().Title {
		t.Errorf("the loaded roadmap was not handed over")
	}
	if !strings.Contains(s.roadmapInfo.Text, path) || s.builtinButton.Disabled() {
		t.Errorf("roadmap shown as %q; built-in button disabled %v", s.roadmapInfo.Text, s.builtinButton.Disabled())
	}

	test.Tap(s.builtinButton)
	if len(r.setRoadmaps) != 2 || r.setRoadmaps[1] != "" {
		t.Errorf("setRoadmap calls = %q, want the built-in roadmap last", r.setRoadmaps)
	}
	if !strings.Contains(s.roadmapInfo.Text, "built-in") {
		t.Errorf("roadmap shown as %q after going back", s.roadmapInfo.Text)
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
