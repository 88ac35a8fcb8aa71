package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"devpath/roadmap"
)

// copyRoadmap copies testdata/valid.yaml into a fresh folder, with the
// replacements old → new applied, and returns the copy's path.
func copyRoadmap(t *testing.T, name string, replace ...string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i+1 < len(replace); i += 2 {
		if !strings.Contains(s, replace[i]) {
			t.Fatalf("valid.yaml has no %q", replace[i])
		}
		s = strings.Replace(s, replace[i], replace[i+1], 1)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRoadmapUseIsWhatEveryCommandUses(t *testing.T) {
	h := newHarness(t)
	file := copyRoadmap(t, "team.yaml")

	// The built-in roadmap has no stage "first".
	if r := h.run("profile", "--stage", "first", "--since", "2025-01-01"); r.code == 0 {
		t.Fatal("the built-in roadmap took stage first")
	}
	out := h.ok("roadmap", "use", file)
	if !strings.Contains(out, "now uses the roadmap team.yaml") || !strings.Contains(out, `"Tiny Roadmap" v1`) {
		t.Errorf("roadmap use says %q", out)
	}
	if err := os.Remove(file); err != nil { // the database keeps its own copy
		t.Fatal(err)
	}
	h.ok("profile", "--stage", "first", "--since", "2025-01-01")
	h.ok("tick", "basics-a")
	st := h.status()
	if st.Stage.ID != "first" || st.Stage.Title != "First Stage" || st.Next == nil || st.Next.ID != "second" {
		t.Errorf("status after roadmap use: stage %+v, next %+v", st.Stage, st.Next)
	}
	for _, m := range st.Missing {
		if !strings.HasPrefix(m.ID, "basics-") && !strings.HasPrefix(m.ID, "first-") {
			t.Errorf("status lists %s, which the chosen roadmap does not have", m.ID)
		}
	}
	if w := st.Readiness.Weights; w.Skills != 0.4 || w.Criteria != 0.4 {
		t.Errorf("status uses the weights %+v, not the chosen roadmap's", w)
	}

	list := h.ok("roadmap")
	if !strings.HasPrefix(list, "The database uses team.yaml (roadmap tiny, version 1), chosen on "+testToday) ||
		!strings.Contains(list, "Tiny Roadmap (tiny, version 1)") || strings.Contains(list, "aws-iam") {
		t.Errorf("roadmap lists:\n%s", list)
	}
	if hist := h.ok("history"); !strings.Contains(hist, "Roadmap: the built-in roadmap") || !strings.Contains(hist, "team.yaml") {
		t.Errorf("history does not show the roadmap change:\n%s", hist)
	}

	// --roadmap is a one-off: it is used for that run and stores nothing.
	if st := h.run("--roadmap", filepath.Join("testdata", "valid.yaml"), "roadmap"); st.code != 0 || !strings.Contains(st.stdout, "for this run only") {
		t.Errorf("--roadmap roadmap: exit %d\n%s", st.code, st.stdout)
	}
	h.ok("roadmap", "use", "--default")
	if out := h.ok("roadmap"); !strings.HasPrefix(out, "The database uses the built-in roadmap.") || !strings.Contains(out, "aws-iam") {
		t.Errorf("after use --default the list is:\n%.200s", out)
	}
	over := h.run("--roadmap", filepath.Join("testdata", "valid.yaml"), "status", "--json")
	if over.code != 0 || !strings.Contains(over.stdout, `"first"`) {
		t.Errorf("status with --roadmap: exit %d\n%.300s", over.code, over.stdout)
	}
	if out := h.ok("roadmap"); !strings.HasPrefix(out, "The database uses the built-in roadmap.") {
		t.Errorf("--roadmap stored its file: %.100s", out)
	}
}

func TestRoadmapChosenByTheWindowIsTheCommandLinesToo(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--stage", "junior", "--since", "2025-01-01")
	data, err := os.ReadFile(filepath.Join("testdata", "valid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Settings stores the choice through this same call.
	st, err := openDB(h.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.UseRoadmap("/home/sam/roadmaps/team.yaml", data); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	h.ok("profile", "--stage", "second")
	doc := h.status()
	if doc.Stage.ID != "second" || doc.Stage.Title != "Second Stage" {
		t.Errorf("status after the window chose a roadmap: %+v", doc.Stage)
	}
	if out := h.ok("roadmap"); !strings.Contains(out, "The database uses team.yaml (roadmap tiny, version 1)") {
		t.Errorf("roadmap does not say what the window chose:\n%.200s", out)
	}
}

func TestRoadmapUseRefusesABadFileAndChangesNothing(t *testing.T) {
	h := newHarness(t)
	r := h.run("roadmap", "use", filepath.Join("testdata", "broken.yaml"))
	if r.code != 1 || r.stdout != "" || strings.Count(r.stderr, "\n") < 2 || !strings.Contains(r.stderr, "broken.yaml: ") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(h.db); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused roadmap created the database")
	}
	h.ok("roadmap", "use", filepath.Join("testdata", "valid.yaml"))
	before := h.events()
	for _, args := range [][]string{
		{"roadmap", "use", filepath.Join("testdata", "broken.yaml")},
		{"roadmap", "use", filepath.Join("testdata", "nope.yaml")},
		{"roadmap", "use", t.TempDir()},
	} {
		if r := h.run(args...); r.code != 1 || !strings.HasPrefix(r.stderr, "devpath: ") {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if after := h.events(); len(after) != len(before) {
		t.Errorf("refused files logged %d events", len(after)-len(before))
	}
	if out := h.ok("roadmap"); !strings.Contains(out, "valid.yaml (roadmap tiny") {
		t.Errorf("a refused file changed the choice: %.100s", out)
	}
	for _, args := range [][]string{
		{"roadmap", "use"},
		{"roadmap", "use", "a", "b"},
		{"roadmap", "use", "x.yaml", "--default"},
		{"roadmap", "--default"},
		{"roadmap", "use", "--json", "x.yaml"},
		{"--roadmap", filepath.Join("testdata", "valid.yaml"), "roadmap", "use", "x.yaml"},
	} {
		if r := h.run(args...); r.code != 2 || !strings.Contains(r.stderr, "run 'devpath help roadmap'") {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestDiffNamesRoadmapChanges(t *testing.T) {
	h := newHarness(t)
	h.ok("roadmap", "use", filepath.Join("testdata", "valid.yaml"))
	h.ok("profile", "--stage", "first", "--since", "2025-01-01")
	h.ok("checkin", "--label", "under v1")
	v2 := copyRoadmap(t, "valid.yaml",
		"version: 1", "version: 2",
		"- {id: basics-b, title: Basic B}", "- {id: basics-c, title: Basic C}",
		"- {id: basics-a, title: Basic A}", "- {id: basics-alpha, title: Basic A, replaces: [basics-a]}")
	h.ok("roadmap", "use", v2)
	h.ok("checkin", "--label", "under v2")
	out := h.ok("diff", "under v1", "under v2")
	for _, want := range []string{
		"tiny version 1 ⟶ tiny version 2",
		"Entries added:    basics-c",
		"Entries removed:  basics-b",
		"Entries renamed:  basics-a ⟶ basics-alpha",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	if roadmap.Default().ID == "tiny" {
		t.Fatal("the test needs a roadmap other than the built-in one")
	}
}
