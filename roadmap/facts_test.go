package roadmap

import (
	"strings"
	"testing"
)

// factsYAML is a minimal roadmap with a fact at every place that takes
// one; %s stands for the text of the rung's fact.
const factsYAML = `version: 1
id: f
title: F
stages:
  - {id: s, title: S}
branches:
  - id: b
    title: B
    items: [{id: b-a, title: A}]
    facts: [Branch fact.]
tracks:
  - id: t
    title: T
    facts: [Track fact.]
    levels:
      - {id: t-1, title: One, scope: Small, facts: ["%s"]}
decision:
  stage: s
  summary: Choose.
  facts: [Decision fact.]
timeline_facts: [Timeline fact.]
`

func loadFacts(t *testing.T, rung string) (*Roadmap, error) {
	t.Helper()
	return Load([]byte(strings.Replace(factsYAML, "%s", rung, 1)))
}

func TestLoadFacts(t *testing.T) {
	r, err := loadFacts(t, "Rung fact.")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{
		"branch":   r.Branches[0].Facts,
		"track":    r.Tracks[0].Facts,
		"rung":     r.Tracks[0].Levels[0].Facts,
		"decision": r.Decision.Facts,
		"timeline": r.TimelineFacts,
	}
	want := map[string]string{
		"branch": "Branch fact.", "track": "Track fact.", "rung": "Rung fact.",
		"decision": "Decision fact.", "timeline": "Timeline fact.",
	}
	for k, w := range want {
		if len(got[k]) != 1 || got[k][0] != w {
			t.Errorf("%s facts = %q, want [%q]", k, got[k], w)
		}
	}

	// The JSON form carries the facts and loads back the same.
	data, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"timeline_facts"`) || !strings.Contains(string(data), `"facts"`) {
		t.Errorf("JSON form lacks the facts:\n%s", data)
	}
	back, err := Load(data)
	if err != nil {
		t.Fatalf("load the JSON form: %v", err)
	}
	if !equalRoadmaps(r, back) {
		t.Error("the JSON form does not load back to the same roadmap")
	}
}

func TestLoadWithoutFacts(t *testing.T) {
	// An older file, written before facts existed, loads as before.
	r, err := Load([]byte(minimalYAML))
	if err != nil {
		t.Fatal(err)
	}
	if r.TimelineFacts != nil || r.Decision != nil {
		t.Errorf("a roadmap without facts got some: %q", r.TimelineFacts)
	}
	old := strings.NewReplacer("    facts: [Branch fact.]\n", "", "    facts: [Track fact.]\n", "",
		", facts: [\"%s\"]", "", "  facts: [Decision fact.]\n", "", "timeline_facts: [Timeline fact.]\n", "").Replace(factsYAML)
	r, err = Load([]byte(old))
	if err != nil {
		t.Fatalf("roadmap without facts: %v", err)
	}
	if n := len(r.Branches[0].Facts) + len(r.Tracks[0].Facts) + len(r.Tracks[0].Levels[0].Facts) + len(r.Decision.Facts); n != 0 {
		t.Errorf("a roadmap without facts has %d", n)
	}
}

func TestValidateFacts(t *testing.T) {
	for _, tc := range []struct{ name, fact, path, msg string }{
		{"empty", "", "tracks[0].levels[0].facts[0]", "empty fact"},
		{"blank", "  ", "tracks[0].levels[0].facts[0]", "empty fact"},
		{"control character", `Bell\a here`, "tracks[0].levels[0].facts[0]", "control character U+0007"},
		{"escape", `Colour \e[31m`, "tracks[0].levels[0].facts[0]", "control character U+001B"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadFacts(t, tc.fact)
			if ps := problemsOf(t, err); !hasProblem(ps, tc.path, tc.msg) {
				t.Errorf("problems %v, want %q at %s", ps, tc.msg, tc.path)
			}
		})
	}
	// An empty fact is refused at every place that takes facts.
	for _, tc := range []struct{ from, to, path string }{
		{"[Branch fact.]", `[""]`, "branches[0].facts[0]"},
		{"[Track fact.]", `["ok", " "]`, "tracks[0].facts[1]"},
		{"[Decision fact.]", `[""]`, "decision.facts[0]"},
		{"[Timeline fact.]", `[""]`, "timeline_facts[0]"},
	} {
		src := strings.Replace(strings.Replace(factsYAML, "%s", "ok", 1), tc.from, tc.to, 1)
		_, err := Load([]byte(src))
		if ps := problemsOf(t, err); !hasProblem(ps, tc.path, "empty fact") {
			t.Errorf("problems %v, want an empty fact at %s", ps, tc.path)
		}
	}
}
