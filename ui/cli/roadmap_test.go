package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"devpath/roadmap"
)

func TestRoadmapList(t *testing.T) {
	h := newHarness(t)
	out := h.ok("roadmap")
	rm := roadmap.Default()
	for i, s := range rm.Stages {
		if !strings.Contains(out, "Stage "+string(rune('1'+i))+": "+s.Title+" ["+s.ID+"]") {
			t.Errorf("stage %s missing from the list", s.ID)
		}
	}
	// Every entry is listed on its own line as "id  title", aligned.
	for _, e := range rm.Entries() {
		only := ""
		if e.Kind == roadmap.KindCriterion && e.Item.Track != "" {
			only = " (" + e.Item.Track + " track only)"
		}
		re := regexp.MustCompile(`(?m)^    ` + regexp.QuoteMeta(e.Item.ID) + ` +` + regexp.QuoteMeta(e.Item.Title+only) + `$`)
		if !re.MatchString(out) {
			t.Errorf("entry %s (%s) not listed as an aligned line", e.Item.ID, e.Item.Title)
		}
	}
	for _, want := range []string{
		"years 0-2 · UK £40,000 – £55,000 · US $65,000 – $90,000",
		"years 8+ · UK £120,000 – £170,000+ · US $180,000 – $260,000+",
		"Skills: the items of your chosen branch",
		"Skills: Staff SRE work [staff-sre] (counts on the sre branch only)",
		"Branches", "Tracks", "ic-staff", "engineering-manager", "chief-architect",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("roadmap list lacks %q", want)
		}
	}
	// The list aligns the titles of one group in one column.
	col := -1
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "    aws-") {
			id := strings.Fields(l)[0]
			rest := l[4+len(id):]
			i := 4 + len(id) + len(rest) - len(strings.TrimLeft(rest, " "))
			if col >= 0 && i != col {
				t.Errorf("titles of the AWS group are not aligned: %q", l)
			}
			col = i
		}
	}
	if col < 0 {
		t.Error("no AWS items listed")
	}
	if _, err := os.Stat(h.db); !errors.Is(err, os.ErrNotExist) {
		t.Error("roadmap opened the database")
	}
}

func TestRoadmapJSON(t *testing.T) {
	h := newHarness(t)
	out := h.ok("roadmap", "--json")
	want, err := roadmap.Default().JSON()
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimRight(out, "\n") != strings.TrimRight(string(want), "\n") || !strings.HasSuffix(out, "\n") {
		t.Error("roadmap --json is not the canonical JSON of the roadmap")
	}
	var doc struct {
		Version int `json:"version"`
		Stages  []struct {
			ID     string `json:"id"`
			Salary struct {
				UK struct{ Min, Max int } `json:"uk"`
			} `json:"salary"`
		} `json:"stages"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version < 1 || len(doc.Stages) != 5 || doc.Stages[1].ID != "mid" || doc.Stages[1].Salary.UK.Min != 55000 {
		t.Errorf("roadmap --json content: %+v", doc)
	}
	// The flag may come after "roadmap" or use the = form; a custom roadmap
	// prints its own JSON.
	if out2 := h.ok("roadmap", "--json=true"); out2 != out {
		t.Error("--json=true differs from --json")
	}
	custom := h.ok("--roadmap", "testdata/valid.yaml", "roadmap", "--json")
	if !strings.Contains(custom, `"tiny"`) || strings.Contains(custom, `"aws-iam"`) {
		t.Errorf("custom roadmap JSON:\n%s", custom)
	}
	// The printed JSON loads back as the same roadmap.
	path := filepath.Join(t.TempDir(), "round.json")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if again := h.ok("--roadmap", path, "roadmap", "--json"); again != out {
		t.Error("roadmap --json does not load back to the same roadmap")
	}
}

func TestRoadmapValidate(t *testing.T) {
	h := newHarness(t)
	out := h.ok("roadmap", "validate", "testdata/valid.yaml")
	if out != "testdata/valid.yaml: valid roadmap \"Tiny Roadmap\" v1: 2 stages, 6 entries\n" {
		t.Errorf("validate valid.yaml said %q", out)
	}

	// The embedded roadmap, written out, is valid too.
	path := filepath.Join(t.TempDir(), "devops.json")
	b, _ := roadmap.Default().JSON()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	rm := roadmap.Default()
	want := path + `: valid roadmap "` + rm.Title + `" v2: 5 stages, `
	if out := h.ok("roadmap", "validate", path); !strings.HasPrefix(out, want) || !strings.HasSuffix(out, " entries\n") {
		t.Errorf("validate devops.json said %q", out)
	}

	// A broken file: exit 1, every problem on its own line, nothing on
	// stdout.
	r := h.run("roadmap", "validate", "testdata/broken.yaml")
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("exit %d stdout %q", r.code, r.stdout)
	}
	problems := []string{
		`readiness.weights: weights sum to 2`,
		`stages[0].years: min 3 is above max 1`,
		`stages[0].skills[0].items[1]: duplicate id "dup-item"`,
		`stages[0].skills[0].items[2]: missing title`,
		`transitions[0].to: unknown stage "nowhere"`,
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != len(problems) {
		t.Errorf("%d lines for %d problems:\n%s", len(lines), len(problems), r.stderr)
	}
	for _, p := range problems {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, "devpath: testdata/broken.yaml: "+p) {
				found = true
			}
		}
		if !found {
			t.Errorf("problem %q not reported on its own line:\n%s", p, r.stderr)
		}
	}

	// --roadmap with the broken file fails the same way for any command.
	r2 := h.run("--roadmap", "testdata/broken.yaml", "roadmap")
	if r2.code != 1 || r2.stderr != r.stderr {
		t.Errorf("--roadmap broken.yaml: exit %d\n%s", r2.code, r2.stderr)
	}

	// Files that cannot be read or parsed.
	garbage := filepath.Join(t.TempDir(), "garbage.yaml")
	if err := os.WriteFile(garbage, []byte("stages: [\n  - {id: : :\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"testdata/nope.yaml", garbage} {
		r := h.run("roadmap", "validate", f)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "devpath: ") || !strings.Contains(r.stderr, f) || r.stdout != "" {
			t.Errorf("validate %s: exit %d\nstderr %q", f, r.code, r.stderr)
		}
	}

	// Usage.
	for _, args := range [][]string{
		{"roadmap", "validate"},
		{"roadmap", "validate", "a", "b"},
		{"roadmap", "validate", "--json", "x"},
		{"roadmap", "list"},
	} {
		if r := h.run(args...); r.code != 2 || !strings.Contains(r.stderr, "run 'devpath help roadmap'") {
			t.Errorf("%q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(h.db); !errors.Is(err, os.ErrNotExist) {
		t.Error("roadmap validate opened the database")
	}
}

func TestCustomRoadmapList(t *testing.T) {
	h := newHarness(t)
	out := h.ok("--roadmap", "testdata/valid.yaml", "roadmap")
	for _, want := range []string{
		"Tiny Roadmap (tiny, version 1)",
		"Stage 1: First Stage [first]",
		"years 0-1 · UK £30,000 – £40,000 · US $50,000 – $60,000+",
		"years 1+ · UK £40,000 – £50,000",
		"Skills: Basics [first-basics]",
		"Key milestone:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("custom list lacks %q:\n%s", want, out)
		}
	}
	if bytes.Contains([]byte(out), []byte("aws-iam")) {
		t.Error("the custom list shows the embedded roadmap")
	}
}

// TestRoadmapValidateNamesABadGlob: a roadmap whose signals hold a glob
// that can never match is refused, and the problem names the glob and
// where it is.
func TestRoadmapValidateNamesABadGlob(t *testing.T) {
	h := newHarness(t)
	src, err := os.ReadFile("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	good := strings.Replace(string(src), "          - {id: basics-b, title: Basic B}\n",
		"          - id: basics-b\n            title: Basic B\n            signals:\n              paths: [\"*.tf\", \"infra/**/*.tf\"]\n              words: [terraform]\n", 1)
	if good == string(src) {
		t.Fatal("testdata/valid.yaml no longer has the item this test gives signals to")
	}
	dir := t.TempDir()
	goodPath := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(goodPath, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := h.ok("roadmap", "validate", goodPath); !strings.Contains(out, "valid roadmap") {
		t.Errorf("validate with good signals said %q", out)
	}

	badPath := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badPath, []byte(strings.Replace(good, `"infra/**/*.tf"`, `"infra/[a-"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	r := h.run("roadmap", "validate", badPath)
	want := "devpath: " + badPath + `: stages[0].skills[0].items[1].signals.paths[1]: glob "infra/[a-" is not a valid pattern`
	if r.code != 1 || r.stdout != "" || !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line starting %q", r.code, r.stdout, r.stderr, want)
	}
}
