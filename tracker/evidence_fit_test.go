package tracker

import (
	"math"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/roadmap/roadmaptest"
)

// fitSuggestion is a suggestion of entry id in repo, its newest commit on
// day last.
func fitSuggestion(id int64, item, repo, last string) Suggestion {
	d := roadmaptest.Day(last)
	return Suggestion{ID: id, Item: item, Repo: repo, Commits: 1, First: d, Last: d, Status: "new"}
}

// TestFitSuggestionsOrder: a Mid engineer's suggestions come by what they
// add to the evidenced score, then the ones of their stage, then the
// rest in roadmap order; each names its stage and group.
func TestFitSuggestionsOrder(t *testing.T) {
	rm := roadmaptest.Small()
	today := roadmaptest.Day("2026-06-01")
	// Mid: skills m1 (claimed proficient, no evidence), m2 (proficient
	// with evidence), m3 (not started); criterion mc1 confirmed without
	// evidence.
	p := rdProgress(Profile{Stage: "mid"}, lv("m1", Proficient), lv("m2", Proficient), lv("mc1", Proficient))
	p.Evidence = map[string][]Evidence{"m2": {{ItemID: "m2", Note: "x", Date: today.AddDate(0, -1, 0)}}}
	sg := []Suggestion{
		fitSuggestion(1, "j1", "a", "2026-05-01"),
		fitSuggestion(2, "m3", "a", "2026-05-01"),
		fitSuggestion(3, "b-sre1", "a", "2026-05-01"),
		fitSuggestion(4, "m1", "b", "2023-01-01"), // older than the 24 months evidence counts
		fitSuggestion(5, "m1", "a", "2026-05-01"),
		fitSuggestion(6, "gone", "a", "2026-05-01"),
		fitSuggestion(7, "mc1", "a", "2026-05-01"),
		fitSuggestion(8, "m2", "a", "2026-05-01"),
	}
	got := FitSuggestions(rm, p, sg, today)
	type row struct {
		id     int64
		stage  string
		group  string
		counts bool
		gain   float64
	}
	want := []row{
		{7, "mid", "", true, 30},          // a criterion: 100×0.3/1
		{5, "mid", "mid-core", true, 5.6}, // m1 from practising to proficient: 100×0.5×(1/3)/3
		{4, "mid", "mid-core", true, 0},   // m1 again, but too old to count
		{8, "mid", "mid-core", true, 0},   // m2 has its evidence
		{2, "mid", "mid-core", true, 0},   // m3 is not claimed
		{1, "junior", "core", false, 0},   // an earlier stage
		{3, "lead", "sre", false, 0},      // a branch the user has not chosen
		{6, "", "", false, 0},             // unknown to the roadmap
	}
	if len(got) != len(want) {
		t.Fatalf("%d fits, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.id || g.Stage != w.stage || g.Group != w.group || g.Counts != w.counts || g.Gain != w.gain {
			t.Errorf("#%d: id %d stage %q group %q counts %v gain %v, want %+v", i, g.ID, g.Stage, g.Group, g.Counts, g.Gain, w)
		}
	}
	if got[1].Title != "M1" || got[1].StageTitle != "Mid" || got[1].GroupTitle != "Mid core" || got[1].Kind != roadmap.KindSkill {
		t.Errorf("m1 = %+v, want its title, stage and group titles and kind", got[1])
	}
	if got[6].GroupTitle != "Site Reliability Engineering" || got[6].StageTitle != "Lead" {
		t.Errorf("b-sre1 = %+v, want the branch as group and Lead as stage", got[6])
	}
	if got[7].Title != "gone" {
		t.Errorf("an unknown entry's title is %q, want its id", got[7].Title)
	}
}

// TestFitSuggestionsGainIsTheRise: accepting a suggestion (its evidence
// dated on its newest commit) raises the evidenced score by its gain, as
// the Dashboard computes it.
func TestFitSuggestionsGainIsTheRise(t *testing.T) {
	rm := roadmaptest.Small()
	today := roadmaptest.Day("2026-06-01")
	p := rdProgress(Profile{Stage: "mid"}, lv("m1", Proficient), lv("m2", Expert), lv("mc1", Proficient), lv("mm", Proficient))
	sg := []Suggestion{
		fitSuggestion(1, "m1", "a", "2026-05-01"), fitSuggestion(2, "m2", "a", "2026-05-01"),
		fitSuggestion(3, "mc1", "a", "2026-05-01"), fitSuggestion(4, "mm", "a", "2026-05-01"),
	}
	before := Assess(rm, p, today).Readiness.Evidenced.Score
	for _, f := range FitSuggestions(rm, p, sg, today) {
		if f.Gain <= 0 {
			t.Errorf("%s: gain %v, want more than 0 for a claim without evidence", f.Item, f.Gain)
		}
		q := rdProgress(p.Profile, lv("m1", Proficient), lv("m2", Expert), lv("mc1", Proficient), lv("mm", Proficient))
		q.Evidence = map[string][]Evidence{f.Item: {{ItemID: f.Item, Note: "accepted", Date: f.Last}}}
		after := Assess(rm, q, today).Readiness.Evidenced.Score
		if math.Abs(after-before-f.Gain) > 0.1+1e-9 {
			t.Errorf("%s: the score went from %.1f to %.1f, the gain said %.1f", f.Item, before, after, f.Gain)
		}
	}
}

// TestFitSuggestionsCounts: what counts follows the stage, the track, the
// branch and N/A, as readiness does.
func TestFitSuggestionsCounts(t *testing.T) {
	rm := roadmaptest.Small()
	today := roadmaptest.Day("2026-06-01")
	sg := []Suggestion{
		fitSuggestion(1, "l1", "a", "2026-05-01"), fitSuggestion(2, "lm1", "a", "2026-05-01"),
		fitSuggestion(3, "b-sre1", "a", "2026-05-01"), fitSuggestion(4, "b-pl1", "a", "2026-05-01"),
		fitSuggestion(5, "lc1", "a", "2026-05-01"),
	}
	p := rdProgress(Profile{Stage: "lead", Track: roadmap.TrackIC, Branch: "sre"}, skip("lc1"))
	counts := map[string]bool{}
	for _, f := range FitSuggestions(rm, p, sg, today) {
		counts[f.Item] = f.Counts
	}
	want := map[string]bool{"l1": true, "lm1": false, "b-sre1": true, "b-pl1": false, "lc1": false}
	for id, w := range want {
		if counts[id] != w {
			t.Errorf("%s counts %v, want %v", id, counts[id], w)
		}
	}
	if got := FitSuggestions(rm, p, nil, today); got == nil || len(got) != 0 {
		t.Errorf("no suggestions: %#v, want an empty list", got)
	}
	var empty roadmap.Roadmap
	empty.Reindex()
	if got := FitSuggestions(&empty, p, sg[:1], time.Time{}); len(got) != 1 || got[0].Counts || got[0].Gain != 0 {
		t.Errorf("a roadmap without stages: %+v", got)
	}
}
