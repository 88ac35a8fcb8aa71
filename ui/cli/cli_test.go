package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
)

// testNow is the fixed "now" of every test: 15 June 2025, midday UTC.
var testNow = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)

// testToday is testNow's calendar day as the command line writes it.
const testToday = "2025-06-15"

// result is what one run of Main produced.
type result struct {
	code   int
	stdout string
	stderr string
}

// harness runs Main in-process against a database in a temporary folder.
type harness struct {
	t   *testing.T
	db  string
	env map[string]string
	now func() time.Time // nil: testNow
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return &harness{t: t, db: filepath.Join(t.TempDir(), "devpath.db"), env: map[string]string{}}
}

// raw runs Main with exactly args.
func (h *harness) raw(args ...string) result {
	h.t.Helper()
	var out, errb bytes.Buffer
	now := h.now
	if now == nil {
		now = func() time.Time { return testNow }
	}
	code := runArgs(args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Version: "1.2.3"},
		now, func(k string) string { return h.env[k] })
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// run runs Main with --db set to the harness's database.
func (h *harness) run(args ...string) result {
	h.t.Helper()
	return h.raw(append([]string{"--db", h.db}, args...)...)
}

// ok runs a command that must succeed and returns its output.
func (h *harness) ok(args ...string) string {
	h.t.Helper()
	r := h.run(args...)
	if r.code != 0 {
		h.t.Fatalf("devpath %s: exit %d, stderr:\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	if r.stderr != "" {
		h.t.Fatalf("devpath %s: unexpected stderr:\n%s", strings.Join(args, " "), r.stderr)
	}
	return r.stdout
}

// statusDoc is the part of "status --json" the tests read, decoded with the
// documented keys (not the Go types), so that the JSON shape is checked too.
type statusDoc struct {
	Stage struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"stage"`
	Next *struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"next"`
	Readiness struct {
		Score      float64 `json:"score"`
		Verdict    string  `json:"verdict"`
		Components struct {
			Skills     float64 `json:"skills"`
			Criteria   float64 `json:"criteria"`
			Milestone  float64 `json:"milestone"`
			Experience float64 `json:"experience"`
		} `json:"components"`
		Weights struct {
			Skills     float64 `json:"skills"`
			Criteria   float64 `json:"criteria"`
			Milestone  float64 `json:"milestone"`
			Experience float64 `json:"experience"`
		} `json:"weights"`
		Evidenced *struct {
			Score      float64 `json:"score"`
			Verdict    string  `json:"verdict"`
			Components struct {
				Skills    float64 `json:"skills"`
				Criteria  float64 `json:"criteria"`
				Milestone float64 `json:"milestone"`
			} `json:"components"`
			Unevidenced []string `json:"unevidenced"`
		} `json:"evidenced"`
	} `json:"readiness"`
	Missing []struct {
		ID    string  `json:"id"`
		Title string  `json:"title"`
		Kind  string  `json:"kind"`
		Level int     `json:"level"`
		Gain  float64 `json:"gain"`
	} `json:"missing"`
	MonthsInStage *int `json:"months_in_stage"`
	Timeline      *struct {
		Status string `json:"status"`
	} `json:"timeline"`
	Salary *struct {
		Region string `json:"region"`
		Now    *struct {
			Min int `json:"min"`
			Max int `json:"max"`
		} `json:"now"`
	} `json:"salary"`
	Branches []struct {
		ID    string  `json:"id"`
		Done  int     `json:"done"`
		Total int     `json:"total"`
		Share float64 `json:"share"`
	} `json:"branches"`
}

// status runs "status --json" and decodes it.
func (h *harness) status() statusDoc {
	h.t.Helper()
	out := h.ok("status", "--json")
	var d statusDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		h.t.Fatalf("status --json is not JSON: %v\n%s", err, out)
	}
	return d
}

// missing returns the missing entry id from status, and whether it is there.
func (d statusDoc) missing(id string) (level int, gain float64, ok bool) {
	for _, m := range d.Missing {
		if m.ID == id {
			return m.Level, m.Gain, true
		}
	}
	return 0, 0, false
}

// events runs "history --json" and decodes it.
func (h *harness) events() []tracker.Event {
	h.t.Helper()
	out := h.ok("history", "--json")
	var evs []tracker.Event
	if err := json.Unmarshal([]byte(out), &evs); err != nil {
		h.t.Fatalf("history --json is not JSON: %v\n%s", err, out)
	}
	return evs
}

// ids of the embedded roadmap the tests use, found from the roadmap itself
// so that the tests follow its content.
type roadmapIDs struct {
	rm        *roadmap.Roadmap
	skills    []string // the junior stage's skill items
	criteria  []string // the junior stage's criteria
	milestone string   // the junior stage's milestone
}

func juniorIDs(t *testing.T) roadmapIDs {
	t.Helper()
	rm := roadmap.Default()
	s := rm.Stage("junior")
	if s == nil {
		t.Fatal("the embedded roadmap has no junior stage")
	}
	ids := roadmapIDs{rm: rm, milestone: s.Milestone.ID}
	for _, g := range s.Skills {
		if g.Track != "" {
			t.Fatalf("junior skill group %s is limited to a track; the hand-computed scores assume none is", g.ID)
		}
		for _, it := range g.Items {
			ids.skills = append(ids.skills, it.ID)
		}
	}
	for _, it := range s.Criteria {
		ids.criteria = append(ids.criteria, it.ID)
	}
	if len(ids.skills) < 5 || len(ids.criteria) == 0 || ids.milestone == "" {
		t.Fatalf("junior stage too small for these tests: %d skills, %d criteria, milestone %q",
			len(ids.skills), len(ids.criteria), ids.milestone)
	}
	return ids
}

// round1 rounds to one decimal as the score is rounded.
func round1(v float64) float64 {
	x := v * 10
	if x < 0 {
		return -float64(int64(-x+0.5)) / 10
	}
	return float64(int64(x+0.5)) / 10
}

// near compares floats that went through JSON.
func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestHelpVersionAndUsageExitCodes(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		args     []string
		code     int
		stdout   string // substring expected on stdout
		stderr   string // substring expected on stderr
		noStderr bool
	}{
		{args: []string{"--version"}, code: 0, stdout: "devpath 1.2.3\n", noStderr: true},
		{args: []string{"help"}, code: 0, stdout: "Global flags", noStderr: true},
		{args: []string{"--help"}, code: 0, stdout: "tick ID", noStderr: true},
		{args: []string{"-h"}, code: 0, stdout: "status [--json]", noStderr: true},
		{args: []string{"help", "tick"}, code: 0, stdout: "--level 0-4", noStderr: true},
		{args: []string{"tick", "--help"}, code: 0, stdout: "Usage: devpath [global flags] tick ID", noStderr: true},
		{args: []string{"diff", "-h"}, code: 0, stdout: "devpath diff 1 2", noStderr: true},
		{args: []string{"help", "tikc"}, code: 2, stderr: "did you mean tick?"},
		{args: []string{"help", "a", "b"}, code: 2, stderr: "run 'devpath help help'"},
		{args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{args: []string{"stauts"}, code: 2, stderr: "did you mean status?"},
		{args: []string{"--nope"}, code: 2, stderr: "unknown flag --nope"},
		{args: []string{"--db"}, code: 2, stderr: "--db needs a value"},
		{args: []string{"--db", "", "status"}, code: 2, stderr: "--db needs a file name"},
		{args: []string{"--screen", "history", "status"}, code: 2, stderr: "--screen"},
		{args: []string{"status", "extra"}, code: 2, stderr: "run 'devpath help status'"},
		{args: []string{"tick", "--lvl", "2", "x"}, code: 2, stderr: "did you mean --level?"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := h.raw(c.args...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, c.stdout) {
				t.Errorf("stdout lacks %q:\n%s", c.stdout, r.stdout)
			}
			if !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("stderr lacks %q:\n%s", c.stderr, r.stderr)
			}
			if c.noStderr && r.stderr != "" {
				t.Errorf("unexpected stderr:\n%s", r.stderr)
			}
			if c.code == 2 {
				lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
				if len(lines) != 2 || !strings.HasPrefix(lines[0], "devpath: ") || !strings.HasPrefix(lines[1], "run 'devpath help") {
					t.Errorf("a usage error is one message and one hint, got:\n%s", r.stderr)
				}
			}
		})
	}
	if _, err := os.Stat(h.db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("help and usage errors must not create the database (stat: %v)", err)
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	h := newHarness(t)
	out := h.ok("help")
	for _, name := range commandNames() {
		cmd := lookupCommand(name)
		usage := cmd.usage
		if cmd.brief != "" {
			usage = cmd.brief
		}
		if !strings.Contains(out, "\n  "+usage+"  ") {
			t.Errorf("the overview lacks %q", usage)
		}
		r := h.raw("help", name)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage: devpath [global flags] "+cmd.usage) {
			t.Errorf("help %s: exit %d\n%s%s", name, r.code, r.stdout, r.stderr)
		}
		if len(cmd.examples) == 0 {
			t.Errorf("command %s has no example", name)
		}
	}
}

// runArgs runs a command line as main does, on a core with the given clock
// and environment. Where main would open the window it does what the
// window does first (find the database, read a --roadmap file) and
// reports the outcome.
func runArgs(args []string, env Env, now func() time.Time, getenv func(string) string) int {
	g, rest, err := ParseGlobal(args)
	if err != nil {
		return Report(env, err)
	}
	c := core.New(core.Config{DB: g.DB, RoadmapFile: g.Roadmap, Now: now, Getenv: getenv})
	if !g.Window(rest) {
		return Run(c, g, rest, env)
	}
	if _, err := c.Path(); err != nil {
		return Report(env, err)
	}
	_, err = c.LoadOverride()
	return Report(env, err)
}

// TestTheWindowsCoreComesFromTheFlags checks what main hands the window:
// no command means the window, and the core built from the global flags
// names the database and the --roadmap file the command line would use.
func TestTheWindowsCoreComesFromTheFlags(t *testing.T) {
	h := newHarness(t)
	g, rest, err := ParseGlobal([]string{"--db", h.db, "--screen", "history"})
	if err != nil || !g.Window(rest) || g.Screen != "history" {
		t.Fatalf("ParseGlobal: %+v %q %v; want the window on the history screen", g, rest, err)
	}
	c := core.New(core.Config{DB: g.DB, RoadmapFile: g.Roadmap, Getenv: func(k string) string { return h.env[k] }})
	if p, err := c.Path(); err != nil || p != h.db {
		t.Errorf("the window's database: %q, %v; want %q", p, err, h.db)
	}
	if rm, err := c.LoadOverride(); rm != nil || err != nil {
		t.Errorf("without --roadmap the window gets %v, %v; it reads the database's roadmap itself", rm, err)
	}

	// DEVPATH_DB is used without --db.
	other := filepath.Join(t.TempDir(), "env.db")
	h.env["DEVPATH_DB"] = other
	g, _, _ = ParseGlobal(nil)
	c = core.New(core.Config{DB: g.DB, Getenv: func(k string) string { return h.env[k] }})
	if p, err := c.Path(); err != nil || p != other {
		t.Errorf("with DEVPATH_DB: %q, %v; want %q", p, err, other)
	}

	// A custom roadmap is read for the window.
	g, _, _ = ParseGlobal([]string{"--roadmap", "testdata/valid.yaml"})
	rm, err := core.New(core.Config{RoadmapFile: g.Roadmap}).LoadOverride()
	if err != nil || rm == nil || rm.ID != "tiny" {
		t.Errorf("--roadmap for the window: %v, %v", rm, err)
	}
	if r := h.raw("--roadmap", "testdata/broken.yaml"); r.code != 1 || !strings.HasPrefix(r.stderr, "devpath: testdata/broken.yaml: ") {
		t.Errorf("a broken --roadmap before the window: exit %d, stderr %q", r.code, r.stderr)
	}

	// An error of the window is one line a line on stderr, exit 1.
	var errb bytes.Buffer
	if code := Report(Env{Stderr: &errb}, errors.New("no display\nat all")); code != 1 || errb.String() != "devpath: no display\ndevpath: at all\n" {
		t.Errorf("Report: exit %d, stderr %q", code, errb.String())
	}

	// Run never opens the window: without a command it is wrong usage.
	var out bytes.Buffer
	if code := Run(core.New(core.Config{DB: h.db}), Global{}, nil, Env{Stderr: &out}); code != ExitUsage {
		t.Errorf("Run without a command: exit %d, stderr %q", code, out.String())
	}
}

func TestDatabaseFromEnvironment(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	path := filepath.Join(t.TempDir(), "sub", "from-env.db")
	h.env["DEVPATH_DB"] = path
	if r := h.raw("tick", ids.skills[0]); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("DEVPATH_DB not used: %v", err)
	}
	// --db wins over DEVPATH_DB.
	if r := h.run("tick", ids.skills[1]); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(h.db); err != nil {
		t.Fatalf("--db not used: %v", err)
	}
}

func TestPanicIsOneLine(t *testing.T) {
	const name = "test-panic"
	register(&command{name: name, usage: name, summary: "panics", setup: func(*flag.FlagSet) runFunc {
		return func(*ctx, []string) error { panic("boom") }
	}})
	t.Cleanup(func() { delete(commands, name) })
	h := newHarness(t)
	r := h.run(name)
	if r.code != 1 || r.stderr != "devpath: internal error: boom\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// openDB opens the database at path through a core of its own, as the
// window and the command line open theirs.
func openDB(path string) (*core.DB, error) { return core.New(core.Config{DB: path}).Open() }
