package roadmap

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// equalRoadmaps compares two roadmaps field by field, ignoring the index.
func equalRoadmaps(a, b *Roadmap) bool {
	x, y := *a, *b
	x.ix, y.ix = nil, nil
	return reflect.DeepEqual(x, y)
}

// loadErr loads src and returns the error, failing the test if there is none.
func loadErr(t *testing.T, src string) error {
	t.Helper()
	r, err := Load([]byte(src))
	if err == nil {
		t.Fatalf("Load accepted %q: %+v", abbrev(src), r)
	}
	return err
}

func abbrev(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// minimalYAML is the smallest valid roadmap; tests append to it.
const minimalYAML = "version: 1\nid: m\ntitle: M\nstages:\n  - {id: s, title: S}\n"

// TestLoadTrailingEmptyDocument: a "---" or "..." after the roadmap is not
// a second document.
func TestLoadTrailingEmptyDocument(t *testing.T) {
	for _, tail := range []string{"---\n", "...\n", "---\n# nothing\n---\n"} {
		if _, err := Load([]byte(minimalYAML + tail)); err != nil {
			t.Errorf("roadmap followed by %q: %v", tail, err)
		}
	}
}

func TestLoadMinimal(t *testing.T) {
	r, err := Load([]byte(minimalYAML))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "m" || len(r.Stages) != 1 || r.Stages[0].ID != "s" {
		t.Errorf("loaded %+v", r)
	}
	if r.ix == nil {
		t.Error("Load returned a roadmap without its index")
	}
	if r.Readiness != DefaultReadiness {
		t.Errorf("readiness %+v, want the defaults %+v", r.Readiness, DefaultReadiness)
	}
}

// TestLoadUnknownKey: unknown keys are errors, named with their path and
// line, in YAML and in JSON.
func TestLoadUnknownKey(t *testing.T) {
	cases := []struct {
		name, src, path, msg string
	}{
		{"yaml top", "version: 1\nid: m\ntitle: M\ncolour: red\nstages:\n  - {id: s, title: S}\n",
			"colour", `unknown key "colour" (known keys:`},
		{"yaml nested", "version: 1\nid: m\ntitle: M\nstages:\n  - id: s\n    titel: S\n",
			"stages[0].titel", `unknown key "titel" (did you mean "title"?) (line 6)`},
		{"yaml deep", minimalYAML + "branches:\n  - id: b\n    title: B\n    items:\n      - {id: x, title: X, sumary: y}\n",
			"branches[0].items[0].sumary", `unknown key "sumary" (did you mean "summary"?) (line 10)`},
		{"yaml merge key", minimalYAML + "readiness:\n  <<: {ready: 1}\n",
			"readiness.<<", `unknown key "<<"`},
		{"json nested", "{\n  \"version\": 1,\n  \"id\": \"m\",\n  \"title\": \"M\",\n  \"stages\": [\n    {\"id\": \"s\", \"title\": \"S\", \"Years\": {}}\n  ]\n}",
			"stages[0].Years", `unknown key "Years" (did you mean "years"?) (line 6)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := problemsOf(t, loadErr(t, c.src))
			if !hasProblem(ps, c.path, c.msg) {
				t.Errorf("want %q at %q, got:\n%v", c.msg, c.path, ps)
			}
		})
	}
}

// TestLoadWrongType: values of the wrong type are errors, named with their
// path and line.
func TestLoadWrongType(t *testing.T) {
	cases := []struct {
		name, src, path, msg string
	}{
		{"yaml text for int", "version: one\nid: m\ntitle: M\nstages:\n  - {id: s, title: S}\n",
			"version", `want a whole number, got text "one" (line 1)`},
		{"yaml fraction for int", minimalYAML + "transitions:\n  - {from: s, to: s, typical_months: {min: 1.5, max: 2}}\n",
			"transitions[0].typical_months.min", "want a whole number, got the number 1.5 (line 7)"},
		{"yaml mapping for list", "version: 1\nid: m\ntitle: M\nstages: {id: s}\n",
			"stages", "want a list, got a mapping (line 4)"},
		{"yaml list for text", "version: 1\nid: m\ntitle: [M]\nstages:\n  - {id: s, title: S}\n",
			"title", "want text, got a list (line 3)"},
		{"yaml text for bool", minimalYAML + "branches:\n  - {id: b, title: B, items: [], salary: {uk: {min: 1, max: 2, open: yes}}}\n",
			"branches[0].salary.uk.open", `want true or false, got text "yes"`},
		{"yaml text for float", minimalYAML + "readiness: {ready: high}\n",
			"readiness.ready", `want a number, got text "high"`},
		{"yaml infinity", minimalYAML + "readiness: {ready: .inf}\n",
			"readiness.ready", "want a finite number"},
		{"yaml scalar for struct", minimalYAML + "readiness: 5\n",
			"readiness", "want a mapping of keys, got the number 5"},
		{"yaml binary text", "version: 1\nid: m\ntitle: !!binary aGk=\nstages:\n  - {id: s, title: S}\n",
			"title", "want text"},
		{"json text for int", `{"version": "1", "id": "m", "title": "M", "stages": [{"id": "s", "title": "S"}]}`,
			"version", `want a whole number, got text "1" (line 1)`},
		{"json number for text", "{\"version\": 1, \"id\": \"m\",\n\"title\": 7, \"stages\": [{\"id\": \"s\", \"title\": \"S\"}]}",
			"title", "want text (a string in quotes), got the number 7 (line 2)"},
		{"json float for int", `{"version": 1e0, "id": "m", "title": "M", "stages": [{"id": "s", "title": "S"}]}`,
			"version", "want a whole number, got the number 1e0"},
		{"json huge int", `{"version": 99999999999999999999, "id": "m", "title": "M", "stages": [{"id": "s", "title": "S"}]}`,
			"version", "out of range"},
		{"json list root", `[1]`, "", "a roadmap must be a mapping of keys"},
		{"yaml scalar root", "just text\n", "", "a roadmap must be a mapping of keys"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := loadErr(t, c.src)
			ps := problemsOf(t, err)
			if !hasProblem(ps, c.path, c.msg) {
				t.Errorf("want %q at %q, got:\n%v", c.msg, c.path, ps)
			}
		})
	}
}

// TestLoadReportsAllDecodeProblems: every unknown key and wrong type is
// named, not only the first.
func TestLoadReportsAllDecodeProblems(t *testing.T) {
	src := "version: x\nid: m\ntitle: M\nextra: 1\nstages:\n  - {id: s, title: S, years: {min: a}}\n"
	ps := problemsOf(t, loadErr(t, src))
	for _, w := range []struct{ path, msg string }{
		{"version", "want a whole number"},
		{"extra", "unknown key"},
		{"stages[0].years.min", "want a whole number"},
	} {
		if !hasProblem(ps, w.path, w.msg) {
			t.Errorf("missing %q at %q in:\n%v", w.msg, w.path, ps)
		}
	}
}

func TestLoadDuplicateKey(t *testing.T) {
	for _, src := range []string{
		"version: 1\nid: m\nid: n\ntitle: M\nstages:\n  - {id: s, title: S}\n",
		`{"version": 1, "id": "m", "id": "n", "title": "M", "stages": [{"id": "s", "title": "S"}]}`,
	} {
		ps := problemsOf(t, loadErr(t, src))
		if !hasProblem(ps, "id", "key given twice") {
			t.Errorf("%q: got %v", abbrev(src), ps)
		}
	}
}

// TestLoadReadinessDefaults: only readiness fields that are left out take
// their defaults; a zero that is written stays zero.
func TestLoadReadinessDefaults(t *testing.T) {
	cases := []struct {
		name, readiness string
		want            Readiness
	}{
		{"absent", "", DefaultReadiness},
		{"empty value", "readiness:\n", DefaultReadiness},
		{"only ready", "readiness: {ready: 90}\n", Readiness{Weights: DefaultReadiness.Weights, Ready: 90, Close: 60, StallMonths: 36, Evidence: DefaultReadiness.Evidence, ReconfirmMonths: 12, HorizonMonths: 60}},
		{"explicit zero weight", "readiness:\n  weights: {skills: 0.6, criteria: 0.3, milestone: 0.1, experience: 0}\n  close: 0\n",
			Readiness{Weights: Weights{Skills: 0.6, Criteria: 0.3, Milestone: 0.1}, Ready: 85, Close: 0, StallMonths: 36, Evidence: DefaultReadiness.Evidence, ReconfirmMonths: 12, HorizonMonths: 60}},
		{"evidence off", "readiness: {evidence: {off: true}}\n",
			Readiness{Weights: DefaultReadiness.Weights, Ready: 85, Close: 60, StallMonths: 36, Evidence: EvidenceRule{Off: true, RequiredFromLevel: 3, MaxAgeMonths: 24}, ReconfirmMonths: 12, HorizonMonths: 60}},
		{"evidence age only", "readiness: {evidence: {max_age_months: 12}}\n",
			Readiness{Weights: DefaultReadiness.Weights, Ready: 85, Close: 60, StallMonths: 36, Evidence: EvidenceRule{RequiredFromLevel: 3, MaxAgeMonths: 12}, ReconfirmMonths: 12, HorizonMonths: 60}},
		{"partial weights", "readiness: {weights: {skills: 0.4, criteria: 0.4}, stall_months: 24}\n",
			Readiness{Weights: Weights{Skills: 0.4, Criteria: 0.4, Milestone: 0.1, Experience: 0.1}, Ready: 85, Close: 60, StallMonths: 24, Evidence: DefaultReadiness.Evidence, ReconfirmMonths: 12, HorizonMonths: 60}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Load([]byte(minimalYAML + c.readiness))
			if err != nil {
				t.Fatal(err)
			}
			if r.Readiness != c.want {
				t.Errorf("readiness %+v, want %+v", r.Readiness, c.want)
			}
		})
	}
	// The same in JSON.
	r, err := Load([]byte(`{"version": 1, "id": "m", "title": "M", "stages": [{"id": "s", "title": "S"}], "readiness": {"close": 0}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Readiness{Weights: DefaultReadiness.Weights, Ready: 85, StallMonths: 36, Evidence: DefaultReadiness.Evidence, ReconfirmMonths: 12, HorizonMonths: 60}); r.Readiness != want {
		t.Errorf("JSON readiness %+v, want %+v", r.Readiness, want)
	}
	// Explicit zero stall months is rejected, not replaced by the default.
	ps := problemsOf(t, loadErr(t, minimalYAML+"readiness: {stall_months: 0}\n"))
	if !hasProblem(ps, "readiness.stall_months", "must be 1 or more") {
		t.Errorf("stall_months 0: %v", ps)
	}
	// The plan's intervals are checked like every other field.
	ps = problemsOf(t, loadErr(t, minimalYAML+"readiness: {reconfirm_months: 0, horizon_months: 999}\n"))
	if !hasProblem(ps, "readiness.reconfirm_months", "outside 1..120") || !hasProblem(ps, "readiness.horizon_months", "outside 1..240") {
		t.Errorf("reconfirm_months 0, horizon_months 999: %v", ps)
	}
}

// TestLoadJSONEqualsYAML: the JSON form of a roadmap loads to the same
// roadmap as its YAML form.
func TestLoadJSONEqualsYAML(t *testing.T) {
	y, err := LoadFile("testdata/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	j, err := LoadFile("testdata/tiny.json")
	if err != nil {
		t.Fatal(err)
	}
	if !equalRoadmaps(y, j) {
		t.Error("tiny.json and tiny.yaml load to different roadmaps")
	}
	if j.Resolve("bash-basics") != "shell-scripting" {
		t.Errorf("former id not indexed: Resolve(bash-basics) = %q", j.Resolve("bash-basics"))
	}
}

// TestRoundTrip: YAML → JSON() → Load gives an equal roadmap, and JSON() of
// that gives the same bytes.
func TestRoundTrip(t *testing.T) {
	sources := map[string][]byte{"embedded devops.yaml": devopsYAML}
	for _, name := range []string{"tiny.yaml", "minimal.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = data
	}
	for name, data := range sources {
		t.Run(name, func(t *testing.T) {
			a, err := Load(data)
			if err != nil {
				t.Fatal(err)
			}
			ja, err := a.JSON()
			if err != nil {
				t.Fatal(err)
			}
			b, err := Load(ja)
			if err != nil {
				t.Fatalf("loading the JSON form: %v", err)
			}
			if !equalRoadmaps(a, b) {
				t.Error("roadmap changed on its way through JSON")
			}
			jb, err := b.JSON()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(ja, jb) {
				t.Error("JSON() is not stable across a round trip")
			}
		})
	}
}

// TestJSONForm checks the canonical JSON: two-space indent, snake_case keys,
// no HTML escaping, a final newline, every figure present.
func TestJSONForm(t *testing.T) {
	j, err := Default().JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(j) {
		t.Fatal("JSON() is not valid JSON")
	}
	s := string(j)
	if !strings.HasPrefix(s, "{\n  \"version\": 2,\n  \"id\": \"devops\",\n") {
		t.Errorf("JSON() does not start with two-space indented version and id: %q", abbrev(s))
	}
	if !strings.HasSuffix(s, "}\n") || strings.Contains(s, "\t") {
		t.Error("JSON() should end in a newline and indent with spaces")
	}
	for _, key := range []string{`"typical_months"`, `"accelerated_months"`, `"branch_skills": true`, `"stall_months": 36`, `"next_steps"`, `"open": true`} {
		if !strings.Contains(s, key) {
			t.Errorf("JSON() lacks %s", key)
		}
	}
	for _, bad := range []string{`"Version"`, `"TypicalMonths"`, `\u0026`, `\u003c`} {
		if strings.Contains(s, bad) {
			t.Errorf("JSON() contains %s", bad)
		}
	}
	// Every figure of the embedded file appears in the JSON.
	for _, fig := range []string{"40000", "55000", "65000", "90000", "170000", "260000", "500000", "300000", "68000", "185000", "350000"} {
		if !strings.Contains(s, fig) {
			t.Errorf("JSON() lacks the figure %s", fig)
		}
	}
}

func TestLoadRejectsHostileInput(t *testing.T) {
	billionLaughs := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" +
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" +
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n" +
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" +
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n" +
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" +
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n" +
		"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
	cases := []struct {
		name string
		src  string
		msg  string
	}{
		{"too large", minimalYAML + "# " + strings.Repeat("x", MaxFileSize), "over the limit of 4 MiB"},
		{"invalid UTF-8", "version: 1\nid: m\ntitle: caf\xe9\n", "line 3, column 11: not valid UTF-8"},
		{"invalid UTF-8 in JSON", "{\"title\": \"\xff\"}", "not valid UTF-8"},
		{"alias bomb", billionLaughs, "anchors and aliases"},
		{"single anchor", minimalYAML + "summary: &s hello\n", "line 6: anchors and aliases"},
		{"alias in stages", "version: 1\nid: m\ntitle: M\nx: &x {id: s, title: S}\nstages: [*x]\n", "anchors and aliases"},
		{"deep YAML flow", "stages: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000), "nesting is deeper than"},
		{"deep YAML within parser limit", "stages: " + strings.Repeat("[", 100) + strings.Repeat("]", 100), "nesting is deeper than 64 levels"},
		{"deep YAML block", "stages:\n" + strings.Repeat("- ", 200) + "x\n", "nesting is deeper than"},
		{"deep JSON", `{"stages": ` + strings.Repeat("[", 1000000) + strings.Repeat("]", 1000000) + "}", "nesting is deeper than 64 levels"},
		{"two YAML documents", minimalYAML + "---\n" + minimalYAML, "more than one document"},
		{"YAML document after an empty one", minimalYAML + "---\n---\nx: 1\n", "line 8: more than one document"},
		{"two JSON values", `{"version": 1} {"version": 1}`, "unexpected text after the end of the JSON value"},
		{"empty", "", "empty"},
		{"blank", " \n\t\n", "empty"},
		{"only a comment", "# nothing here\n", "empty"},
		{"bad YAML", "version: 1\nstages: [\n", "not valid YAML"},
		{"bad JSON", "{\"version\": 1,\n \"id\": }", "line 2, column 8: not valid JSON"},
		{"truncated JSON", `{"version": 1, "stages": [`, "not valid JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := loadErr(t, c.src)
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q, want it to contain %q", err, c.msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
		})
	}
}

// TestLoadLimitsAreInclusive: a file of exactly MaxFileSize bytes and
// nesting of exactly MaxDepth levels are accepted by the parser (the
// content then fails validation or decoding for other reasons).
func TestLoadLimitsAreInclusive(t *testing.T) {
	pad := MaxFileSize - len(minimalYAML) - 3
	src := minimalYAML + "# " + strings.Repeat("x", pad) + "\n"
	if len(src) != MaxFileSize {
		t.Fatalf("test input is %d bytes", len(src))
	}
	if _, err := Load([]byte(src)); err != nil {
		t.Errorf("file of exactly %d bytes: %v", MaxFileSize, err)
	}
	// 64 levels: the root mapping, then 63 nested lists.
	deep := "x: " + strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1)
	err := loadErr(t, deep)
	if strings.Contains(err.Error(), "nesting") {
		t.Errorf("nesting of %d levels was rejected as too deep: %v", MaxDepth, err)
	}
	err = loadErr(t, "x: "+strings.Repeat("[", MaxDepth)+strings.Repeat("]", MaxDepth))
	if !strings.Contains(err.Error(), "nesting") {
		t.Errorf("nesting of %d levels: %v", MaxDepth+1, err)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()

	t.Run("missing", func(t *testing.T) {
		p := filepath.Join(dir, "nope.yaml")
		_, err := LoadFile(p)
		if err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), p) {
			t.Errorf("LoadFile(missing) = %v", err)
		}
		if strings.Count(err.Error(), p) != 1 {
			t.Errorf("path repeated in %q", err)
		}
	})
	t.Run("folder", func(t *testing.T) {
		_, err := LoadFile(dir)
		if err == nil || !strings.Contains(err.Error(), "folder") {
			t.Errorf("LoadFile(dir) = %v", err)
		}
	})
	t.Run("too large", func(t *testing.T) {
		p := filepath.Join(dir, "big.yaml")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		// One byte over the limit, as a sparse file: the size check comes
		// before reading.
		if err := f.Truncate(MaxFileSize + 1); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		_, err = LoadFile(p)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "4 MiB") {
			t.Errorf("LoadFile(big) = %v", err)
		}
	})
	t.Run("bad content", func(t *testing.T) {
		p := filepath.Join(dir, "bad.json")
		if err := os.WriteFile(p, []byte(`{"version": 1, "id": "m", "title": "M", "stages": [], "x": 1}`), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadFile(p)
		ps := problemsOf(t, err)
		if !strings.HasPrefix(err.Error(), "roadmap "+p+": ") || !hasProblem(ps, "x", "unknown key") {
			t.Errorf("LoadFile(bad) = %v", err)
		}
	})
	t.Run("good", func(t *testing.T) {
		p := filepath.Join(dir, "good.yaml")
		if err := os.WriteFile(p, []byte("\xef\xbb\xbf"+minimalYAML), 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := LoadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if r.ID != "m" || r.ix == nil {
			t.Errorf("LoadFile(good) = %+v", r)
		}
	})
}

// TestLoadNormalizesLists: empty optional lists and absent ones load the
// same; absent required lists become empty.
func TestLoadNormalizesLists(t *testing.T) {
	a, err := Load([]byte(minimalYAML + "branches: []\nmistakes: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load([]byte(minimalYAML))
	if err != nil {
		t.Fatal(err)
	}
	if !equalRoadmaps(a, b) || a.Branches != nil || a.Mistakes != nil {
		t.Errorf("empty optional lists are not nil: %#v %#v", a.Branches, a.Mistakes)
	}
	c, err := Load([]byte(minimalYAML + "branches:\n  - {id: b, title: B}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Branches[0].Items == nil {
		t.Error("absent branch items are nil, want an empty list")
	}
	j, err := c.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(j), `"items": []`) {
		t.Errorf("JSON of a branch without items: %s", j)
	}
}

func TestDefaultYAMLIsACopy(t *testing.T) {
	a := DefaultYAML()
	a[0] ^= 0xff
	if b := DefaultYAML(); b[0] == a[0] {
		t.Error("DefaultYAML returned the shared embedded bytes")
	}
	if _, err := Load(DefaultYAML()); err != nil {
		t.Errorf("DefaultYAML does not load: %v", err)
	}
}

// TestDocExamples loads every complete roadmap (a yaml block starting with
// "version:") shown in docs/roadmap-format.md, so the documentation stays
// true.
func TestDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/roadmap-format.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(doc), "```yaml\n")[1:]
	found := 0
	for _, b := range blocks {
		body, _, ok := strings.Cut(b, "```")
		if !ok {
			t.Fatal("unterminated code block in the documentation")
		}
		if !strings.HasPrefix(body, "version:") {
			continue
		}
		found++
		if _, err := Load([]byte(body)); err != nil {
			t.Errorf("documented example does not load: %v\n%s", err, body)
		}
	}
	if found == 0 {
		t.Error("the documentation shows no complete roadmap")
	}
}

func TestMoneyAndThousands(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Money(0, RegionUK), "£0"},
		{Money(999, RegionUK), "£999"},
		{Money(40000, RegionUK), "£40,000"},
		{Money(130000, RegionUS), "$130,000"},
		{Money(1234567, RegionUS), "$1,234,567"},
		{Money(-5000, RegionUK), "-£5,000"},
		{Thousands(100000), "100,000"},
		{Thousands(-1000), "-1,000"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"aws-iam", "aws-iam", 0}, {"aws-iamm", "aws-iam", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
