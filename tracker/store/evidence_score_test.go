package store

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

const evidencedYAML = `version: 1
id: ev
title: Evidence test
readiness: {evidence: {required_from_level: 3, max_age_months: 24}}
stages:
  - id: a
    title: A
    milestone: {id: m, title: The milestone}
    skills:
      - id: g
        title: G
        items:
          - {id: s1, title: One}
          - {id: s2, title: Two}
          - {id: s3, title: Three, replaces: [old-s3]}
          - {id: s4, title: Four}
    criteria:
      - {id: c1, title: First sign}
      - {id: c2, title: Second sign}
  - id: b
    title: B
`

func evidencedRoadmap(t *testing.T) *roadmap.Roadmap {
	t.Helper()
	rm, err := roadmap.Load([]byte(evidencedYAML))
	if err != nil {
		t.Fatal(err)
	}
	return rm
}

// TestEvidencedScoreWorkedExample works the evidenced score out by hand on
// a small roadmap (weights 0.5/0.3/0.1/0.1, no experience):
//
//	claimed:   skills (3+3+3+2)/12, criteria 2/2, milestone 1 → 45.83+30+10 = 85.8
//	evidenced: skills (3+2+2+2)/12, criteria 1/2, milestone 0 → 37.5+15+0  = 52.5
//
// s1 (expert) has fresh evidence and counts as proficient; s2 (proficient)
// has none and counts at the free level 2; s3 (expert, evidence kept under
// its former id) has fresh evidence for level 2 only; s4 (level 2) needs
// none. c1 has fresh evidence, c2 only evidence 30 months old (stale), the
// milestone none.
func TestEvidencedScoreWorkedExample(t *testing.T) {
	rm := evidencedRoadmap(t)
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	recent := today.AddDate(0, -3, 0)
	old := today.AddDate(0, -30, 0)
	p := tracker.Progress{
		Profile: tracker.Profile{Stage: "a"},
		Items: map[string]tracker.ItemState{
			"s1": {ID: "s1", Level: tracker.Expert}, "s2": {ID: "s2", Level: tracker.Proficient},
			"s3": {ID: "s3", Level: tracker.Expert}, "s4": {ID: "s4", Level: 2},
			"c1": {ID: "c1", Level: tracker.Proficient}, "c2": {ID: "c2", Level: tracker.Proficient},
			"m": {ID: "m", Level: tracker.Proficient},
		},
		Evidence: map[string][]tracker.Evidence{
			"s1":     {{ItemID: "s1", Note: "n", Date: recent}},
			"old-s3": {{ItemID: "old-s3", Note: "n", Date: recent, Level: 2}},
			"c1":     {{ItemID: "c1", Note: "n", Date: recent}},
			"c2":     {{ItemID: "c2", Note: "n", Date: old}},
		},
	}
	a := tracker.Assess(rm, p, today)
	if a.Readiness.Score != 85.8 {
		t.Errorf("claimed score %v, want 85.8", a.Readiness.Score)
	}
	ev := a.Readiness.Evidenced
	if ev == nil {
		t.Fatal("no evidenced score")
	}
	if ev.Score != 52.5 {
		t.Errorf("evidenced score %v, want 52.5", ev.Score)
	}
	if ev.Components.Skills != 0.75 || ev.Components.Criteria != 0.5 || ev.Components.Milestone != 0 {
		t.Errorf("evidenced components %+v, want skills 0.75, criteria 0.5, milestone 0", ev.Components)
	}
	if ev.Verdict != tracker.VerdictBuilding {
		t.Errorf("evidenced verdict %q, want %q", ev.Verdict, tracker.VerdictBuilding)
	}
	if want := []string{"c2", "m", "s2", "s3"}; !reflect.DeepEqual(ev.Unevidenced, want) {
		t.Errorf("unevidenced %v, want %v", ev.Unevidenced, want)
	}
	wantGain := map[string]float64{"c2": 15, "m": 10, "s2": 4.2, "s3": 4.2}
	for _, g := range ev.Actions {
		if g.Gain != wantGain[g.ID] {
			t.Errorf("gain of evidence for %s: %v, want %v", g.ID, g.Gain, wantGain[g.ID])
		}
		if g.Stale != (g.ID == "c2") {
			t.Errorf("%s stale = %v", g.ID, g.Stale)
		}
	}
	if s3 := ev.Actions[3]; s3.Claimed != tracker.Expert || s3.Counted != 2 {
		t.Errorf("s3 claimed %v counted %v, want expert and 2", s3.Claimed, s3.Counted)
	}

	// Adding what an action asks for raises the evidenced score by its gain.
	p.Evidence["c2"] = append(p.Evidence["c2"], tracker.Evidence{ItemID: "c2", Note: "again", Date: today})
	if got := tracker.Assess(rm, p, today).Readiness.Evidenced.Score; got != 67.5 {
		t.Errorf("after fresh evidence for c2: %v, want 52.5 + 15 = 67.5", got)
	}
}

// TestEvidencedRules checks the rule's edges: a roadmap that turns
// evidence off has no evidenced score; required_from_level 1 asks evidence
// of every claimed skill; a skipped entry is left out of both scores; with
// evidence for every claim the two scores are equal.
func TestEvidencedRules(t *testing.T) {
	rm := evidencedRoadmap(t)
	today := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	p := tracker.Progress{
		Profile: tracker.Profile{Stage: "a"},
		Items:   map[string]tracker.ItemState{"s1": {ID: "s1", Level: 1}, "s2": {ID: "s2", Level: tracker.Expert, Skipped: true}},
	}
	a := tracker.Assess(rm, p, today)
	if a.Readiness.Evidenced.Score != a.Readiness.Score {
		t.Errorf("a level-1 claim needs no evidence under level 3: %v vs %v", a.Readiness.Evidenced.Score, a.Readiness.Score)
	}
	rm.Readiness.Evidence.RequiredFromLevel = 1
	if a := tracker.Assess(rm, p, today); a.Readiness.Evidenced.Score >= a.Readiness.Score || !reflect.DeepEqual(a.Readiness.Evidenced.Unevidenced, []string{"s1"}) {
		t.Errorf("required from 1: evidenced %v (claimed %v), unevidenced %v; want lower, [s1]", a.Readiness.Evidenced.Score, a.Readiness.Score, a.Readiness.Evidenced.Unevidenced)
	}
	p.Evidence = map[string][]tracker.Evidence{"s1": {{ItemID: "s1", Note: "n", Date: today}}}
	if a := tracker.Assess(rm, p, today); a.Readiness.Evidenced.Score != a.Readiness.Score || len(a.Readiness.Evidenced.Unevidenced) != 0 {
		t.Errorf("every claim evidenced: %v vs %v, unevidenced %v", a.Readiness.Evidenced.Score, a.Readiness.Score, a.Readiness.Evidenced.Unevidenced)
	}
	// Evidence dated exactly max_age_months ago still counts; a day older does not.
	for _, c := range []struct {
		date time.Time
		want bool
	}{{today.AddDate(0, -24, 0), true}, {today.AddDate(0, -24, -1), false}} {
		p.Evidence["s1"][0].Date = c.date
		got := len(tracker.Assess(rm, p, today).Readiness.Evidenced.Unevidenced) == 0
		if got != c.want {
			t.Errorf("evidence of %s counts = %v, want %v", c.date.Format(time.DateOnly), got, c.want)
		}
	}
	rm.Readiness.Evidence.Off = true
	if tracker.Assess(rm, p, today).Readiness.Evidenced != nil {
		t.Error("evidence off: an evidenced score is still computed")
	}
}

// TestCheckInKeepsTheEvidencedScore checks that a check-in freezes the
// evidenced score of the moment, evidence included.
func TestCheckInKeepsTheEvidencedScore(t *testing.T) {
	s, err := Open(filepath.Join(testDir(t), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rm := roadmap.Default()
	today := tracker.Day(time.Now())
	if err := s.SetLevel("tf-modules", tracker.Proficient, today); err != nil {
		t.Fatal(err)
	}
	bare, err := s.CheckInNow("bare", rm, today)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvidence(tracker.Evidence{ItemID: "tf-modules", Note: "Wrote the VPC module", Date: today}); err != nil {
		t.Fatal(err)
	}
	with, err := s.CheckInNow("with evidence", rm, today)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.Progress()
	want := tracker.Assess(rm, p, today).Readiness.Evidenced.Score
	if with.EvidencedScore == nil || *with.EvidencedScore != want || bare.EvidencedScore == nil || *bare.EvidencedScore >= want {
		t.Errorf("evidenced scores kept: bare %v, with evidence %v; want below %v, then %v", bare.EvidencedScore, with.EvidencedScore, want, want)
	}
	all, _ := s.CheckIns()
	if len(all) != 2 || all[1].EvidencedScore == nil || *all[1].EvidencedScore != want {
		t.Errorf("read back: %+v", all)
	}
}
