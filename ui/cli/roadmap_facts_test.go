package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"devpath/roadmap"
)

// factsRoadmap is a small roadmap with a fact at every place that takes one.
const factsRoadmap = `version: 1
id: facts
title: Facts Roadmap
stages:
  - id: one
    title: Stage One
    years: {min: 0}
    milestone: {id: one-milestone, title: Begin}
branches:
  - id: deep
    title: Deep Branch
    items: [{id: deep-a, title: Go deep}]
    facts: [Branch fact.]
tracks:
  - id: up
    title: Up Track
    facts: [Track fact one., Track fact two.]
    levels:
      - {id: up-1, title: Rung One, scope: Small, facts: [Rung fact.]}
      - {id: up-2, title: Rung Two, scope: Large}
decision:
  stage: one
  summary: Pick a way.
  facts: [Decision fact.]
timeline_facts: [Timeline fact.]
`

func TestRoadmapShowsFacts(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "facts.yaml")
	if err := os.WriteFile(path, []byte(factsRoadmap), 0o600); err != nil {
		t.Fatal(err)
	}
	out := h.ok("--roadmap", path, "roadmap")
	for _, want := range []string{
		// A rung's fact sits under the rung's title, a track's and a
		// branch's under their entries.
		`(?m)^    up-1  Rung One\n          \* Rung fact\.\n    up-2  Rung Two`,
		`(?m)^    \* Track fact one\.\n    \* Track fact two\.$`,
		`(?m)^    deep-a  Go deep\n    \* Branch fact\.$`,
		`(?m)^The decision at Stage One\n  \* Decision fact\.$`,
		`(?m)^Timelines\n  \* Timeline fact\.$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("roadmap list does not match %q:\n%s", want, out)
		}
	}

	var doc roadmap.Roadmap
	if err := json.Unmarshal([]byte(h.ok("--roadmap", path, "roadmap", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	got := []string{
		strings.Join(doc.Branches[0].Facts, "|"),
		strings.Join(doc.Tracks[0].Facts, "|"),
		strings.Join(doc.Tracks[0].Levels[0].Facts, "|"),
		strings.Join(doc.Tracks[0].Levels[1].Facts, "|"),
		strings.Join(doc.Decision.Facts, "|"),
		strings.Join(doc.TimelineFacts, "|"),
	}
	want := []string{"Branch fact.", "Track fact one.|Track fact two.", "Rung fact.", "", "Decision fact.", "Timeline fact."}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("roadmap --json facts[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

// TestRoadmapShowsBuiltinFacts checks that the built-in roadmap's facts are
// listed.
func TestRoadmapShowsBuiltinFacts(t *testing.T) {
	out := newHarness(t).ok("roadmap")
	rm := roadmap.Default()
	wants := append([]string{}, rm.TimelineFacts...)
	wants = append(wants, rm.Decision.Facts...)
	for _, tr := range rm.Tracks {
		wants = append(wants, tr.Facts...)
		for _, l := range tr.Levels {
			wants = append(wants, l.Facts...)
		}
	}
	if len(wants) == 0 {
		t.Fatal("the built-in roadmap has no facts")
	}
	for _, w := range wants {
		if !strings.Contains(out, "* "+strings.Join(strings.Fields(w), " ")+"\n") {
			t.Errorf("roadmap list lacks the fact %q", w)
		}
	}
}
