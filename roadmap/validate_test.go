package roadmap

import (
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// tiny loads testdata/tiny.yaml, a small valid roadmap with one of
// everything.
func tiny(t testing.TB) *Roadmap {
	t.Helper()
	data, err := os.ReadFile("testdata/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Load(data)
	if err != nil {
		t.Fatalf("testdata/tiny.yaml: %v", err)
	}
	return r
}

// hasProblem reports whether ps holds a problem at path whose message
// contains msg.
func hasProblem(ps Problems, path, msg string) bool {
	for _, p := range ps {
		if p.Path == path && strings.Contains(p.Msg, msg) {
			return true
		}
	}
	return false
}

func problemsOf(t *testing.T, err error) Problems {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want problems")
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %q (%T) is not Problems", err, err)
	}
	return ps
}

func TestValidateAcceptsValid(t *testing.T) {
	for _, name := range []string{"tiny.yaml", "minimal.yaml", "tiny.json"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Load(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v", name, err)
		}
	}
}

// TestValidateRules breaks a valid roadmap in one way per case and checks
// that the expected problem is reported where it is.
func TestValidateRules(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(r *Roadmap)
		path   string
		msg    string
	}{
		// Version, id, title, stages.
		{"version below 1", func(r *Roadmap) { r.Version = 0 }, "version", "must be 1 or more, got 0"},
		{"roadmap without id", func(r *Roadmap) { r.ID = "" }, "roadmap", "missing id"},
		{"roadmap without title", func(r *Roadmap) { r.Title = " " }, "roadmap", "missing title"},
		{"no stages", func(r *Roadmap) {
			r.Stages = nil
			r.Transitions = nil
			r.Tracks = nil
			r.Decision = nil
			r.NextSteps = nil
		}, "stages", "no stages"},

		// Text that could harm a terminal or disguise an entry.
		{"escape in an item title", func(r *Roadmap) { r.Stages[0].Skills[0].Items[0].Title = "I\x1b[31mAM" }, "stages[0].skills[0].items[0].title", "control character U+001B"},
		{"bell in a stage summary", func(r *Roadmap) { r.Stages[1].Summary = "ring\a" }, "stages[1].summary", "control character U+0007"},
		{"direction override in the title", func(r *Roadmap) { r.Title = "abc\u202edef" }, "title", "U+202E"},

		// Missing id or title.
		{"stage without id", func(r *Roadmap) { r.Stages[0].ID = "" }, "stages[0]", "missing id"},
		{"stage without title", func(r *Roadmap) { r.Stages[1].Title = "" }, "stages[1]", "missing title"},
		{"group without id", func(r *Roadmap) { r.Stages[0].Skills[0].ID = "" }, "stages[0].skills[0]", "missing id"},
		{"group without title", func(r *Roadmap) { r.Stages[0].Skills[0].Title = "" }, "stages[0].skills[0]", "missing title"},
		{"item without id", func(r *Roadmap) { r.Stages[0].Skills[0].Items[1].ID = "" }, "stages[0].skills[0].items[1]", "missing id"},
		{"item without title", func(r *Roadmap) { r.Stages[0].Skills[0].Items[0].Title = "" }, "stages[0].skills[0].items[0]", "missing title"},
		{"criterion without id", func(r *Roadmap) { r.Stages[0].Criteria[0].ID = "" }, "stages[0].criteria[0]", "missing id"},
		{"criterion without title", func(r *Roadmap) { r.Stages[0].Criteria[0].Title = "" }, "stages[0].criteria[0]", "missing title"},
		{"milestone without id", func(r *Roadmap) { r.Stages[1].Milestone.ID = "" }, "stages[1].milestone", "missing id"},
		{"milestone without title", func(r *Roadmap) { r.Stages[1].Milestone.Title = "" }, "stages[1].milestone", "missing title"},
		{"branch without id", func(r *Roadmap) { r.Branches[0].ID = "" }, "branches[0]", "missing id"},
		{"branch without title", func(r *Roadmap) { r.Branches[0].Title = "" }, "branches[0]", "missing title"},
		{"branch item without id", func(r *Roadmap) { r.Branches[0].Items[0].ID = "" }, "branches[0].items[0]", "missing id"},
		{"ladder rung without title", func(r *Roadmap) { r.Branches[0].Ladder[0].Title = "" }, "branches[0].ladder[0]", "missing title"},
		{"track without id", func(r *Roadmap) { r.Tracks[0].ID = "" }, "tracks[0]", "missing id"},
		{"track without title", func(r *Roadmap) { r.Tracks[0].Title = "" }, "tracks[0]", "missing title"},
		{"level without id", func(r *Roadmap) { r.Tracks[0].Levels[0].ID = "" }, "tracks[0].levels[0]", "missing id"},
		{"level without title", func(r *Roadmap) { r.Tracks[0].Levels[0].Title = "" }, "tracks[0].levels[0]", "missing title"},
		{"note without id", func(r *Roadmap) { r.Mistakes[0].ID = "" }, "mistakes[0]", "missing id"},
		{"note without title", func(r *Roadmap) { r.Accelerators[0].Title = "" }, "accelerators[0]", "missing title"},
		{"decision without summary", func(r *Roadmap) { r.Decision.Summary = "" }, "decision", "missing summary"},
		{"next step without summary", func(r *Roadmap) { r.NextSteps[1].Summary = "" }, "next_steps[1]", "missing summary"},
		{"group without items", func(r *Roadmap) { r.Stages[1].Skills[0].Items = nil }, "stages[1].skills[0]", "no items"},

		// Malformed ids.
		{"malformed item id", func(r *Roadmap) { r.Stages[0].Skills[0].Items[0].ID = "Git Basics" }, "stages[0].skills[0].items[0]", `malformed id "Git Basics"`},
		{"id starting with a dash", func(r *Roadmap) { r.Stages[0].Criteria[0].ID = "-x" }, "stages[0].criteria[0]", `malformed id "-x"`},
		{"malformed stage id", func(r *Roadmap) { r.Stages[1].ID = "expert_stage" }, "stages[1]", `malformed id "expert_stage"`},
		{"malformed roadmap id", func(r *Roadmap) { r.ID = "Tiny" }, "roadmap", `malformed id "Tiny"`},
		{"malformed former id", func(r *Roadmap) { r.Stages[0].Skills[0].Items[1].Replaces = []string{"Old"} }, "stages[0].skills[0].items[1].replaces[0]", `malformed id "Old"`},

		// Duplicate ids.
		{"duplicate skill id across stages", func(r *Roadmap) { r.Stages[1].Skills[0].Items[0].ID = "git-basics" },
			"stages[1].skills[0].items[0]", `duplicate id "git-basics" (also at stages[0].skills[0].items[0])`},
		{"criterion repeats a skill id", func(r *Roadmap) { r.Stages[0].Criteria[0].ID = "shell-scripting" },
			"stages[0].criteria[0]", `duplicate id "shell-scripting" (also at stages[0].skills[0].items[1])`},
		{"milestone repeats a criterion id", func(r *Roadmap) { r.Stages[0].Milestone.ID = "starter-ready-alone" },
			"stages[0].milestone", `duplicate id "starter-ready-alone" (also at stages[0].criteria[0])`},
		{"branch item repeats a skill id", func(r *Roadmap) { r.Branches[0].Items[0].ID = "expert-standards" },
			"branches[0].items[0]", `duplicate id "expert-standards" (also at stages[1].skills[0].items[0])`},
		{"current id repeats a former id", func(r *Roadmap) { r.Stages[0].Criteria[0].ID = "bash-basics" },
			"stages[0].criteria[0]", `duplicate id "bash-basics" (also at stages[0].skills[0].items[1].replaces[0])`},
		{"former id repeats a current id", func(r *Roadmap) { r.Branches[0].Items[0].Replaces = []string{"git-basics"} },
			"branches[0].items[0].replaces[0]", `duplicate id "git-basics" (also at stages[0].skills[0].items[0])`},
		{"duplicate stage id", func(r *Roadmap) { r.Stages[1].ID = "starter" }, "stages[1]", `duplicate stage id "starter" (also at stages[0])`},
		{"duplicate group id", func(r *Roadmap) { r.Stages[1].Skills[0].ID = "starter-basics" }, "stages[1].skills[0]", `duplicate skill group id "starter-basics"`},
		{"duplicate branch id", func(r *Roadmap) { r.Branches = append(r.Branches, Branch{ID: "ops", Title: "Ops again"}) }, "branches[1]", `duplicate branch id "ops"`},
		{"duplicate track id", func(r *Roadmap) { r.Tracks = append(r.Tracks, Track{ID: "ic", Title: "Again"}) }, "tracks[1]", `duplicate track id "ic"`},
		{"duplicate level id", func(r *Roadmap) {
			r.Tracks[0].Levels = append(r.Tracks[0].Levels, TrackLevel{ID: "ic-expert", Title: "Again"})
		}, "tracks[0].levels[1]", `duplicate track level id "ic-expert"`},
		{"duplicate note id", func(r *Roadmap) { r.Mistakes = append(r.Mistakes, Note{ID: "rushing", Title: "Again"}) }, "mistakes[1]", `duplicate note id "rushing"`},

		// Unknown references.
		{"transition from unknown stage", func(r *Roadmap) { r.Transitions[0].From = "novice" }, "transitions[0].from", `unknown stage "novice" (known: starter, expert)`},
		{"transition to unknown stage", func(r *Roadmap) { r.Transitions[0].To = "master" }, "transitions[0].to", `unknown stage "master"`},
		{"transition without from", func(r *Roadmap) { r.Transitions[0].From = "" }, "transitions[0].from", "missing stage"},
		{"transition to itself", func(r *Roadmap) { r.Transitions[0].To = "starter" }, "transitions[0]", `from and to are the same stage "starter"`},
		{"two transitions from one stage", func(r *Roadmap) { r.Transitions = append(r.Transitions, r.Transitions[0]) }, "transitions[1].from", `a transition from "starter" is already given at transitions[0]`},
		{"group on unknown track", func(r *Roadmap) { r.Stages[1].Skills[0].Track = "wizard" }, "stages[1].skills[0].track", `unknown track "wizard" (known: ic)`},
		{"group for unknown branch", func(r *Roadmap) { r.Stages[1].Skills[0].Branch = "wizardry" }, "stages[1].skills[0].branch", `unknown branch "wizardry" (known: `},
		{"criterion on unknown track", func(r *Roadmap) { r.Stages[0].Criteria[0].Track = "wizard" }, "stages[0].criteria[0].track", `unknown track "wizard" (known: ic)`},
		{"skill item with a track", func(r *Roadmap) { r.Stages[1].Skills[0].Items[0].Track = "ic" }, "stages[1].skills[0].items[0].track", "only criteria and skill groups take a track"},
		{"milestone with a track", func(r *Roadmap) { r.Stages[0].Milestone.Track = "ic" }, "stages[0].milestone.track", "only criteria and skill groups take a track"},
		{"branch item with a track", func(r *Roadmap) { r.Branches[0].Items[0].Track = "ic" }, "branches[0].items[0].track", "only criteria and skill groups take a track"},
		{"level at unknown stage", func(r *Roadmap) { r.Tracks[0].Levels[0].Stage = "guru" }, "tracks[0].levels[0].stage", `unknown stage "guru"`},
		{"decision at unknown stage", func(r *Roadmap) { r.Decision.Stage = "guru" }, "decision.stage", `unknown stage "guru"`},
		{"next step at unknown stage", func(r *Roadmap) { r.NextSteps[1].Stage = "guru" }, "next_steps[1].stage", `unknown stage "guru"`},

		// Ranges and figures.
		{"years min above max", func(r *Roadmap) { r.Stages[0].Years.Min = 5 }, "stages[0].years", "min 5 is above max 2"},
		{"negative years", func(r *Roadmap) { r.Stages[1].Years.Min = -1 }, "stages[1].years", "negative min -1"},
		{"negative years max", func(r *Roadmap) { r.Stages[0].Years.Max = intp(-2); r.Stages[0].Years.Min = 0 }, "stages[0].years", "negative max -2"},
		{"stage salary min above max", func(r *Roadmap) { r.Stages[0].Salary.UK.Min = 45000 }, "stages[0].salary.uk", "min 45000 is above max 40000"},
		{"negative US salary", func(r *Roadmap) { r.Stages[0].Salary.US.Min = -5 }, "stages[0].salary.us", "negative min -5"},
		{"branch salary min above max", func(r *Roadmap) { r.Branches[0].Salary.UK.Max = 1 }, "branches[0].salary.uk", "min 40000 is above max 1"},
		{"rung salary min above max", func(r *Roadmap) { r.Branches[0].Ladder[0].Salary.UK.Min = 60000 }, "branches[0].ladder[0].salary.uk", "min 60000 is above max 50000"},
		{"level salary negative", func(r *Roadmap) { r.Tracks[0].Levels[0].Salary.UK.Max = -1 }, "tracks[0].levels[0].salary.uk", "negative max -1"},
		{"typical months min above max", func(r *Roadmap) { r.Transitions[0].TypicalMonths = Months{30, 24} }, "transitions[0].typical_months", "min 30 is above max 24"},
		{"negative accelerated months", func(r *Roadmap) { r.Transitions[0].AcceleratedMonths.Min = -3 }, "transitions[0].accelerated_months", "negative min -3"},

		// Readiness.
		{"weights not summing to 1", func(r *Roadmap) { r.Readiness.Weights.Skills = 0.6 }, "readiness.weights", "weights sum to 1.1, want 1"},
		{"weight above 1", func(r *Roadmap) { r.Readiness.Weights.Criteria = 1.5 }, "readiness.weights.criteria", "1.5 is outside 0..1"},
		{"negative weight", func(r *Roadmap) { r.Readiness.Weights.Experience = -0.1 }, "readiness.weights.experience", "-0.1 is outside 0..1"},
		{"weight not a number", func(r *Roadmap) { r.Readiness.Weights.Milestone = math.NaN() }, "readiness.weights.milestone", "outside 0..1"},
		{"ready above 100", func(r *Roadmap) { r.Readiness.Ready = 101 }, "readiness.ready", "101 is outside 0..100"},
		{"close below 0", func(r *Roadmap) { r.Readiness.Close = -1 }, "readiness.close", "-1 is outside 0..100"},
		{"close above ready", func(r *Roadmap) { r.Readiness.Close = 90 }, "readiness.close", "close 90 is above ready 80"},
		{"stall months 0", func(r *Roadmap) { r.Readiness.StallMonths = 0 }, "readiness.stall_months", "must be 1 or more"},
		{"evidence level 0", func(r *Roadmap) { r.Readiness.Evidence.RequiredFromLevel = 0 }, "readiness.evidence.required_from_level", "0 is outside 1..4"},
		{"evidence level 5", func(r *Roadmap) { r.Readiness.Evidence.RequiredFromLevel = 5 }, "readiness.evidence.required_from_level", "5 is outside 1..4"},
		{"evidence age 0", func(r *Roadmap) { r.Readiness.Evidence.MaxAgeMonths = 0 }, "readiness.evidence.max_age_months", "0 is outside 1..600"},
		{"evidence age 601", func(r *Roadmap) { r.Readiness.Evidence.MaxAgeMonths = 601 }, "readiness.evidence.max_age_months", "601 is outside 1..600"},
		{"reconfirm 0", func(r *Roadmap) { r.Readiness.ReconfirmMonths = 0 }, "readiness.reconfirm_months", "0 is outside 1..120"},
		{"horizon 241", func(r *Roadmap) { r.Readiness.HorizonMonths = 241 }, "readiness.horizon_months", "241 is outside 1..240"},
		{"group reconfirm negative", func(r *Roadmap) { r.Stages[0].Skills[0].ReconfirmMonths = -1 }, "stages[0].skills[0].reconfirm_months", "-1 is outside 1..120"},
		{"group reconfirm 121", func(r *Roadmap) { r.Stages[0].Skills[0].ReconfirmMonths = 121 }, "stages[0].skills[0].reconfirm_months", "121 is outside 1..120"},

		// Evidence signals, on every kind of entry.
		{"bad bracket glob", func(r *Roadmap) { r.Stages[0].Skills[0].Items[0].Signals = &Signals{Paths: []string{"*.go", "[a-"}} },
			"stages[0].skills[0].items[0].signals.paths[1]", `glob "[a-" is not a valid pattern`},
		{"absolute glob on a criterion", func(r *Roadmap) { r.Stages[0].Criteria[0].Signals = &Signals{Paths: []string{"/abs/*.tf"}} },
			"stages[0].criteria[0].signals.paths[0]", `glob "/abs/*.tf" starts with /`},
		{"empty folder glob on a milestone", func(r *Roadmap) { r.Stages[1].Milestone.Signals = &Signals{Paths: []string{"a//b"}} },
			"stages[1].milestone.signals.paths[0]", `glob "a//b" has an empty folder name`},
		{"backslash glob on a branch item", func(r *Roadmap) { r.Branches[0].Items[0].Signals = &Signals{Paths: []string{`ops\*.sh`}} },
			"branches[0].items[0].signals.paths[0]", `glob "ops\\*.sh" has a backslash`},
		{"partial double star", func(r *Roadmap) { r.Stages[0].Skills[0].Items[1].Signals = &Signals{Paths: []string{"src/**.go"}} },
			"stages[0].skills[0].items[1].signals.paths[0]", "** must be a whole folder name"},
		{"empty glob", func(r *Roadmap) { r.Stages[0].Skills[0].Items[0].Signals = &Signals{Paths: []string{" "}} },
			"stages[0].skills[0].items[0].signals.paths[0]", "empty glob"},
		{"empty word", func(r *Roadmap) { r.Stages[0].Skills[0].Items[0].Signals = &Signals{Words: []string{"git", "  "}} },
			"stages[0].skills[0].items[0].signals.words[1]", "empty word"},
		{"signals with neither", func(r *Roadmap) { r.Stages[0].Skills[0].Items[0].Signals = &Signals{} },
			"stages[0].skills[0].items[0].signals", "signals has no paths and no words"},
		{"too many globs", func(r *Roadmap) {
			r.Stages[0].Skills[0].Items[0].Signals = &Signals{Paths: slices.Repeat([]string{"*.go"}, maxSignals+1)}
		}, "stages[0].skills[0].items[0].signals.paths", "51 globs, at most 50 allowed"},
		{"too many words", func(r *Roadmap) {
			r.Stages[0].Skills[0].Items[0].Signals = &Signals{Words: slices.Repeat([]string{"git"}, maxSignals+1)}
		}, "stages[0].skills[0].items[0].signals.words", "51 words, at most 50 allowed"},
		{"glob too long", func(r *Roadmap) {
			r.Stages[0].Skills[0].Items[0].Signals = &Signals{Paths: []string{strings.Repeat("a", maxSignalLen+1)}}
		}, "stages[0].skills[0].items[0].signals.paths[0]", "glob is 201 bytes long, at most 200 allowed"},
		{"word too long", func(r *Roadmap) {
			r.Stages[0].Skills[0].Items[0].Signals = &Signals{Words: []string{strings.Repeat("a", maxSignalLen+1)}}
		}, "stages[0].skills[0].items[0].signals.words[0]", "word is 201 bytes long, at most 200 allowed"},
		{"control character in a word", func(r *Roadmap) { r.Stages[0].Skills[0].Items[0].Signals = &Signals{Words: []string{"g\x1bit"}} },
			"stages[0].skills[0].items[0].signals.words[0]", "control character U+001B"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := tiny(t)
			c.mutate(r)
			ps := problemsOf(t, r.Validate())
			if !hasProblem(ps, c.path, c.msg) {
				t.Errorf("want problem %q at %q, got:\n%v", c.msg, c.path, ps)
			}
		})
	}
}

// TestWeightsWithinTolerance accepts weights that sum to 1 up to rounding.
func TestWeightsWithinTolerance(t *testing.T) {
	r := tiny(t)
	r.Readiness.Weights = Weights{Skills: 0.3333, Criteria: 0.3333, Milestone: 0.3333, Experience: 0}
	if err := r.Validate(); err != nil {
		t.Errorf("weights summing to 0.9999: %v", err)
	}
	r.Readiness.Weights = Weights{Skills: 0.34, Criteria: 0.34, Milestone: 0.34, Experience: 0}
	if err := r.Validate(); err == nil {
		t.Error("weights summing to 1.02 were accepted")
	}
}

// TestValidateReportsEveryProblem breaks several things at once and expects
// each to be named.
func TestValidateReportsEveryProblem(t *testing.T) {
	r := tiny(t)
	r.Version = 0
	r.Stages[0].Title = ""
	r.Stages[1].Skills[0].Items[0].ID = "git-basics"
	r.Transitions[0].To = "nowhere"
	r.Readiness.Weights.Skills = 0.9
	ps := problemsOf(t, r.Validate())
	want := []struct{ path, msg string }{
		{"version", "must be 1 or more"},
		{"stages[0]", "missing title"},
		{"stages[1].skills[0].items[0]", `duplicate id "git-basics"`},
		{"transitions[0].to", `unknown stage "nowhere"`},
		{"readiness.weights", "sum to 1.4"},
	}
	for _, w := range want {
		if !hasProblem(ps, w.path, w.msg) {
			t.Errorf("missing problem %q at %q", w.msg, w.path)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(ps), len(want), ps)
	}
	lines := strings.Split(ps.Error(), "\n")
	if len(lines) != len(ps) {
		t.Fatalf("Error() has %d lines for %d problems", len(lines), len(ps))
	}
	for i, p := range ps {
		if lines[i] != p.Path+": "+p.Msg {
			t.Errorf("line %d = %q, want %q", i, lines[i], p.Path+": "+p.Msg)
		}
	}
}

func TestProblemsErrorFormat(t *testing.T) {
	ps := Problems{
		{Path: "stages[2].skills[1].items[0]", Msg: `duplicate id "docker-multistage"`},
		{Path: "", Msg: "the roadmap is empty"},
	}
	want := "stages[2].skills[1].items[0]: duplicate id \"docker-multistage\"\nthe roadmap is empty"
	if got := ps.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestBrokenFile loads a file with many problems and expects all of them.
func TestBrokenFile(t *testing.T) {
	_, err := LoadFile("testdata/broken.yaml")
	ps := problemsOf(t, err)
	if !strings.HasPrefix(err.Error(), "roadmap testdata/broken.yaml: ") {
		t.Errorf("error does not start with the file name: %q", err)
	}
	want := []struct{ path, msg string }{
		{"version", "must be 1 or more, got 0"},
		{"roadmap", `malformed id "Broken Roadmap"`},
		{"readiness.weights", "weights sum to 1.1"},
		{"readiness.close", "close 90 is above ready 85"},
		{"stages[0].years", "min 3 is above max 1"},
		{"stages[0].skills[0].track", `unknown track "nowhere"`},
		{"stages[0].skills[0].items[1]", `duplicate id "dup" (also at stages[0].skills[0].items[0])`},
		{"stages[0].skills[0].items[2]", "missing title"},
		{"transitions[0].to", `unknown stage "two"`},
		{"transitions[0].typical_months", "min 24 is above max 12"},
	}
	for _, w := range want {
		if !hasProblem(ps, w.path, w.msg) {
			t.Errorf("missing problem %q at %q", w.msg, w.path)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(ps), len(want), ps)
	}
}

// TestProblemsAreCapped: a roadmap broken on a large scale lists the first
// problems and counts the rest in a last line.
func TestProblemsAreCapped(t *testing.T) {
	r := tiny(t)
	g := &r.Stages[0].Skills[0]
	for i := 0; i < maxProblems+50; i++ {
		g.Items = append(g.Items, Item{ID: "git-basics", Title: "Git again"})
	}
	ps := problemsOf(t, r.Validate())
	if len(ps) != maxProblems+1 {
		t.Fatalf("%d problems, want %d listed and one summary line", len(ps), maxProblems)
	}
	if last := ps[len(ps)-1]; last.Path != "" || last.Msg != "… and 50 more problems" {
		t.Errorf("last line %q", last)
	}

	src := minimalYAML + strings.Repeat("x: 1\n", maxProblems+10)
	_, err := Load([]byte(src))
	ps = problemsOf(t, err)
	if len(ps) != maxProblems+1 || ps[len(ps)-1].Msg != "… and 10 more problems" {
		t.Errorf("%d decode problems, last %q", len(ps), ps[len(ps)-1])
	}
}

// TestSignalsAndEvidenceAccepted: signals within the limits, on every kind
// of entry, pass; so do evidence figures at their bounds, and any figures
// at all once the evidenced score is off.
func TestSignalsAndEvidenceAccepted(t *testing.T) {
	r := tiny(t)
	full := &Signals{Paths: slices.Repeat([]string{strings.Repeat("a", maxSignalLen)}, maxSignals), Words: slices.Repeat([]string{strings.Repeat("w", maxSignalLen)}, maxSignals)}
	r.Stages[0].Skills[0].Items[0].Signals = full
	r.Stages[0].Criteria[0].Signals = &Signals{Paths: []string{"**/adr/**/*.md"}}
	r.Stages[1].Milestone.Signals = &Signals{Words: []string{"post-mortem"}}
	r.Branches[0].Items[0].Signals = &Signals{Paths: []string{".github/workflows/*.yml"}, Words: []string{"ci"}}
	for _, ev := range []EvidenceRule{
		{RequiredFromLevel: 1, MaxAgeMonths: 1},
		{RequiredFromLevel: 4, MaxAgeMonths: 600},
		{Off: true, RequiredFromLevel: 0, MaxAgeMonths: 0},
		{Off: true, RequiredFromLevel: 9, MaxAgeMonths: -1},
	} {
		r.Readiness.Evidence = ev
		if err := r.Validate(); err != nil {
			t.Errorf("evidence %+v: %v", ev, err)
		}
	}
}
