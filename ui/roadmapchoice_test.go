package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
)

// teamRoadmap is the embedded roadmap under another id and title, so that
// the profile's stage exists in both.
func teamRoadmap(t *testing.T) []byte {
	t.Helper()
	data := roadmap.DefaultYAML()
	for _, r := range [][2]string{{"\nid: devops\n", "\nid: team\n"}, {"\ntitle: DevOps Career Path Roadmap\n", "\ntitle: Team Roadmap\n"}} {
		if !bytes.Contains(data, []byte(r[0])) {
			t.Fatalf("devops.yaml has no %q", r[0])
		}
		data = bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1)
	}
	return data
}

func TestWindowFollowsARoadmapChosenElsewhere(t *testing.T) {
	r := newShellRig(t, Options{})
	if r.sh.rm != roadmap.Default() {
		t.Fatalf("the window starts on %s", r.sh.rm.ID)
	}
	// The command line (another process) chooses a roadmap.
	other := r.openStore()
	if _, err := other.UseRoadmap("team.yaml", teamRoadmap(t)); err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.noErrors()
	if r.sh.rm.ID != "team" || r.sh.rmPath != "team.yaml" {
		t.Fatalf("after the reload the window uses %s from %q", r.sh.rm.ID, r.sh.rmPath)
	}
	r.sh.show(screenSettings)
	if txt := r.sh.settings.roadmapInfo.Text; !strings.Contains(txt, "Team Roadmap") || !strings.Contains(txt, "team.yaml") {
		t.Errorf("Settings shows %q", txt)
	}
	// And back to the built-in one.
	if err := r.store.UseDefaultRoadmap(); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	if r.sh.rm != roadmap.Default() || r.sh.rmPath != "" {
		t.Errorf("after going back the window uses %s from %q", r.sh.rm.ID, r.sh.rmPath)
	}
}

func TestWindowRoadmapFlagStoresNothingAndWins(t *testing.T) {
	rm, err := roadmap.Load(teamRoadmap(t))
	if err != nil {
		t.Fatal(err)
	}
	r := newShellRig(t, Options{Roadmap: rm, RoadmapPath: "/tmp/draft.yaml"})
	if err := r.store.UseDefaultRoadmap(); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	if r.sh.rm != rm {
		t.Errorf("a reload replaced the --roadmap roadmap with %s", r.sh.rm.ID)
	}
	if _, c, err := r.store.Roadmap(); err != nil || !c.Builtin {
		t.Errorf("--roadmap was stored: %+v, %v", c, err)
	}
	r.sh.show(screenSettings)
	if txt := r.sh.settings.roadmapInfo.Text; !strings.Contains(txt, "this run only") {
		t.Errorf("Settings shows %q", txt)
	}
}

// openShell starts a window on the database at path as devpath does, with
// the given preferences.
func openShell(t *testing.T, path string, prefs map[string]string) (*shell, *[]error) {
	t.Helper()
	a := test.NewTempApp(t)
	for k, v := range prefs {
		a.Preferences().SetString(k, v)
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(shellSize)
	var errs []error
	sh := newTestShell(a, w, Options{DBPath: path}, &errs)
	sh.open(path)
	t.Cleanup(sh.close)
	if sh.store == nil {
		t.Fatalf("the window did not open %s: %v", path, errs)
	}
	return sh, &errs
}

func TestWindowMovesTheRoadmapPreferenceIntoTheDatabaseOnce(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "team.yaml")
	if err := os.WriteFile(file, teamRoadmap(t), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "devpath.db")
	sh, errs := openShell(t, path, map[string]string{prefRoadmapPath: file})
	if len(*errs) != 0 {
		t.Fatalf("errors: %v", *errs)
	}
	if sh.rm.ID != "team" {
		t.Errorf("the window uses %s, not the file the preference named", sh.rm.ID)
	}
	if got := sh.app.Preferences().String(prefRoadmapPath); got != "" {
		t.Errorf("the preference is still %q", got)
	}
	if !sh.status.Visible() || !strings.Contains(sh.status.Text, "team.yaml") || !strings.Contains(sh.status.Text, "kept in the database") {
		t.Errorf("status line %q (shown %v)", sh.status.Text, sh.status.Visible())
	}
	_, c, err := sh.store.Roadmap()
	if err != nil || c.ID != "team" || c.Name != "team.yaml" {
		t.Errorf("the database holds %+v (%v)", c, err)
	}
}

func TestWindowDropsTheRoadmapPreferenceWhenTheDatabaseHasItsOwn(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "devpath.db")
	st, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.UseRoadmap("team.yaml", teamRoadmap(t)); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// The preference names another file, which no longer even exists.
	sh, errs := openShell(t, path, map[string]string{prefRoadmapPath: filepath.Join(dir, "gone.yaml")})
	if len(*errs) != 0 {
		t.Errorf("errors: %v", *errs)
	}
	if sh.rm.ID != "team" || sh.app.Preferences().String(prefRoadmapPath) != "" {
		t.Errorf("the window uses %s; preference %q", sh.rm.ID, sh.app.Preferences().String(prefRoadmapPath))
	}

	// A preference naming a file that cannot be read, on a database without
	// a roadmap: the built-in one, the reason in words, the preference gone.
	other := filepath.Join(t.TempDir(), "other.db")
	sh2, errs2 := openShell(t, other, map[string]string{prefRoadmapPath: filepath.Join(dir, "gone.yaml")})
	if sh2.rm != roadmap.Default() || len(*errs2) != 1 || !strings.Contains((*errs2)[0].Error(), "gone.yaml") {
		t.Errorf("the window uses %s; errors %v", sh2.rm.ID, *errs2)
	}
	if sh2.app.Preferences().String(prefRoadmapPath) != "" {
		t.Error("the preference stayed")
	}
}
