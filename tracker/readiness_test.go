package tracker

import (
	"encoding/json"
	"math"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"

	"devpath/roadmap"
	"devpath/roadmap/roadmaptest"
)

// lv is the state of id at level l.
func lv(id string, l Level) ItemState { return ItemState{ID: id, Level: l} }

// skip is a skipped state of id.
func skip(id string) ItemState { return ItemState{ID: id, Skipped: true} }

// rdProgress builds a progress from a profile and states.
func rdProgress(prof Profile, states ...ItemState) Progress {
	p := Progress{Profile: prof, Items: map[string]ItemState{}}
	for _, s := range states {
		p.Items[s.ID] = s
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestAssessScore(t *testing.T) {
	today := roadmaptest.Day("2024-06-01")
	tests := []struct {
		name    string
		weights *roadmap.Weights
		today   string // default 2024-06-01
		prof    Profile
		states  []ItemState
		score   float64
		comp    Components
		verdict string
	}{
		{
			name:    "nothing done",
			prof:    Profile{Stage: "junior"},
			score:   0,
			verdict: VerdictBuilding,
		},
		{
			// skills (3+3+2)/9 with j4 skipped and j2 expert counted as 3;
			// criteria 1/2: 100×(0.5×8/9 + 0.3×0.5) = 59.444…
			name:    "skipped left out, expert counted as proficient",
			prof:    Profile{Stage: "junior"},
			states:  []ItemState{lv("j1", Proficient), lv("j2", Expert), lv("j3", Practising), skip("j4"), lv("jc1", Proficient)},
			score:   59.4,
			comp:    Components{Skills: 8.0 / 9, Criteria: 0.5},
			verdict: VerdictBuilding,
		},
		{
			name:    "skipped criterion left out of the share",
			prof:    Profile{Stage: "junior"},
			states:  []ItemState{lv("jc1", Proficient), skip("jc2")},
			score:   30,
			comp:    Components{Criteria: 1},
			verdict: VerdictBuilding,
		},
		{
			name:    "a skipped entry at level 3 does not count",
			prof:    Profile{Stage: "junior"},
			states:  []ItemState{{ID: "j1", Level: Proficient, Skipped: true}, lv("j2", Proficient)},
			score:   16.7,
			comp:    Components{Skills: 1.0 / 3},
			verdict: VerdictBuilding,
		},
		{
			name: "all skills skipped: skills 0",
			prof: Profile{Stage: "junior"},
			states: []ItemState{skip("j1"), skip("j2"), skip("j3"), skip("j4"),
				lv("jc1", Proficient), lv("jc2", Proficient)},
			score:   30,
			comp:    Components{Criteria: 1},
			verdict: VerdictBuilding,
		},
		{
			// 100×(0.5 + 0.3 + 0 + 0.1×17/12→1) = 90 but no milestone
			name: "score above ready without milestone is close",
			prof: Profile{Stage: "junior", StageSince: roadmaptest.Day("2023-01-01")},
			states: []ItemState{lv("j1", 3), lv("j2", 3), lv("j3", 3), lv("j4", 4),
				lv("jc1", 3), lv("jc2", 3)},
			score:   90,
			comp:    Components{Skills: 1, Criteria: 1, Experience: 1},
			verdict: VerdictClose,
		},
		{
			name: "ready with milestone",
			prof: Profile{Stage: "junior", StageSince: roadmaptest.Day("2023-01-01")},
			states: []ItemState{lv("j1", 3), lv("j2", 3), lv("j3", 3), lv("j4", 4),
				lv("jc1", 3), lv("jc2", 3), lv("jm", 3)},
			score:   100,
			comp:    Components{Skills: 1, Criteria: 1, Milestone: 1, Experience: 1},
			verdict: VerdictReady,
		},
		{
			// 100×(0.5×10/12 + 0.3 + 0.1 + 0) = 81.666… → 81.7: milestone but below 85
			name: "milestone but below ready threshold",
			prof: Profile{Stage: "junior"},
			states: []ItemState{lv("j1", 3), lv("j2", 3), lv("j3", 3), lv("j4", 1),
				lv("jc1", 3), lv("jc2", 3), lv("jm", 3)},
			score:   81.7,
			comp:    Components{Skills: 10.0 / 12, Criteria: 1, Milestone: 1},
			verdict: VerdictClose,
		},
		{
			// senior has no skills and no criteria: both 0. Milestone 1 and
			// 1 whole month (2024-01-31 → 2024-03-01) of 18: 10 + 0.555… = 10.6
			name:    "stage without items",
			today:   "2024-03-01",
			prof:    Profile{Stage: "senior", StageSince: roadmaptest.Day("2024-01-31")},
			states:  []ItemState{lv("sm", 3)},
			score:   10.6,
			comp:    Components{Milestone: 1, Experience: 1.0 / 18},
			verdict: VerdictBuilding,
		},
		{
			// 100×0.25×3/12 = 6.25 → 6.3 (half away from zero)
			name:    "custom weights",
			weights: &roadmap.Weights{Skills: 0.25, Criteria: 0.25, Milestone: 0.25, Experience: 0.25},
			prof:    Profile{Stage: "junior"},
			states:  []ItemState{lv("j1", 3)},
			score:   6.3,
			comp:    Components{Skills: 0.25},
			verdict: VerdictBuilding,
		},
		{
			// 100×(0.7×1 + 0.1×0.5 + 0.2×1) = 95, but no milestone
			name:    "custom weights without milestone weight still need the milestone",
			weights: &roadmap.Weights{Skills: 0.7, Criteria: 0.1, Milestone: 0, Experience: 0.2},
			prof:    Profile{Stage: "junior", StageSince: roadmaptest.Day("2023-06-01")},
			states:  []ItemState{lv("j1", 3), lv("j2", 3), lv("j3", 3), lv("j4", 3), lv("jc1", 3)},
			score:   95,
			comp:    Components{Skills: 1, Criteria: 0.5, Experience: 1},
			verdict: VerdictClose,
		},
		{
			// lead: 1/3 criteria = 10 points; 3 whole months of 24 = 1.25
			// points; 11.25 must round to 11.3 although the floating-point
			// sum is 11.249999…
			name:    "rounding a half with floating-point noise",
			prof:    Profile{Stage: "lead", StageSince: roadmaptest.Day("2024-03-01")},
			states:  []ItemState{lv("lc1", 3)},
			score:   11.3,
			comp:    Components{Criteria: 1.0 / 3, Experience: 3.0 / 24},
			verdict: VerdictBuilding,
		},
		{
			// 2/3 criteria = 20; 15 months of 24 = 6.25 → 26.25 → 26.3
			// (floating point: 26.249999…)
			name:    "rounding a half with floating-point noise, again",
			prof:    Profile{Stage: "lead", StageSince: roadmaptest.Day("2023-03-01")},
			states:  []ItemState{lv("lc1", 3), lv("lc3", 3)},
			score:   26.3,
			comp:    Components{Criteria: 2.0 / 3, Experience: 15.0 / 24},
			verdict: VerdictBuilding,
		},
		{
			// mid: 0 months (2024-01-31 → 2024-02-29)
			name:    "experience: a month not yet completed",
			today:   "2024-02-29",
			prof:    Profile{Stage: "mid", StageSince: roadmaptest.Day("2024-01-31")},
			score:   0,
			verdict: VerdictBuilding,
		},
		{
			// top stage: transition into staff, 12 of 24 months = 0.5 → 5
			name:    "experience at the top stage uses the transition into it",
			prof:    Profile{Stage: "staff", StageSince: roadmaptest.Day("2023-06-01")},
			score:   5,
			comp:    Components{Experience: 0.5},
			verdict: VerdictBuilding,
		},
		{
			name:    "stage date in the future",
			prof:    Profile{Stage: "mid", StageSince: roadmaptest.Day("2025-01-01")},
			score:   0,
			verdict: VerdictBuilding,
		},
		{
			// former id old-m3 counts for m3: 3/9 → 16.666… → 16.7
			name:    "former id counts for the renamed entry",
			prof:    Profile{Stage: "mid"},
			states:  []ItemState{lv("old-m3", 3)},
			score:   16.7,
			comp:    Components{Skills: 1.0 / 3},
			verdict: VerdictBuilding,
		},
		{
			// m3's own state (1) wins over old-m3 (3): 1/9 → 5.555… → 5.6
			name:    "the entry's own state wins over its former id",
			prof:    Profile{Stage: "mid"},
			states:  []ItemState{lv("old-m3", 3), lv("m3", 1)},
			score:   5.6,
			comp:    Components{Skills: 1.0 / 9},
			verdict: VerdictBuilding,
		},
		{
			// lead with branch sre: l1, b-sre1, b-sre2 count (lm1 is for
			// management only): (3+3+0)/9 → 33.3
			name:    "branch items count as skills at a branch-skills stage",
			prof:    Profile{Stage: "lead", Branch: "sre"},
			states:  []ItemState{lv("l1", 3), lv("b-sre1", 3), lv("lm1", 3), lv("b-pl1", 3)},
			score:   33.3,
			comp:    Components{Skills: 6.0 / 9},
			verdict: VerdictBuilding,
		},
		{
			name:    "without a branch only the stage's own skills count",
			prof:    Profile{Stage: "lead"},
			states:  []ItemState{lv("l1", 3), lv("b-sre1", 3)},
			score:   50,
			comp:    Components{Skills: 1},
			verdict: VerdictBuilding,
		},
		{
			// management track: l1 and lm1 count: (3+0)/6 → 25
			name:    "track group counts for its track",
			prof:    Profile{Stage: "lead", Track: roadmap.TrackManagement},
			states:  []ItemState{lv("l1", 3)},
			score:   25,
			comp:    Components{Skills: 0.5},
			verdict: VerdictBuilding,
		},
		{
			name:    "track group does not count for another track",
			prof:    Profile{Stage: "lead", Track: roadmap.TrackIC},
			states:  []ItemState{lv("l1", 3)},
			score:   50,
			comp:    Components{Skills: 1},
			verdict: VerdictBuilding,
		},
		{
			// unknown stage: read as junior. j1 → 3/12 → 12.5
			name:    "unknown stage is read as the first",
			prof:    Profile{Stage: "intern"},
			states:  []ItemState{lv("j1", 3)},
			score:   12.5,
			comp:    Components{Skills: 0.25},
			verdict: VerdictBuilding,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rm := roadmaptest.Small()
			if tt.weights != nil {
				rm.Readiness.Weights = *tt.weights
			}
			day := today
			if tt.today != "" {
				day = roadmaptest.Day(tt.today)
			}
			a := Assess(rm, rdProgress(tt.prof, tt.states...), day)
			if a.Readiness.Score != tt.score {
				t.Errorf("score = %v, want %v", a.Readiness.Score, tt.score)
			}
			c := a.Readiness.Components
			if !near(c.Skills, tt.comp.Skills) || !near(c.Criteria, tt.comp.Criteria) ||
				!near(c.Milestone, tt.comp.Milestone) || !near(c.Experience, tt.comp.Experience) {
				t.Errorf("components = %+v, want %+v", c, tt.comp)
			}
			if a.Readiness.Verdict != tt.verdict {
				t.Errorf("verdict = %q, want %q", a.Readiness.Verdict, tt.verdict)
			}
			if a.Readiness.Weights != rm.Readiness.Weights {
				t.Errorf("weights = %+v, want %+v", a.Readiness.Weights, rm.Readiness.Weights)
			}
		})
	}
}

func TestReadinessRoundScore(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{0, 0},
		{0.04, 0},
		{0.05, 0.1},
		{0.35, 0.4}, // 0.35 is 0.34999… in binary
		{11.249999999999998, 11.3},
		{11.24, 11.2},
		{59.44444, 59.4},
		{99.95, 100},
		{100, 100},
		{-0.05, -0.1},
	}
	for _, tt := range tests {
		if got := roundScore(tt.in); got != tt.want {
			t.Errorf("roundScore(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestReadinessWholeMonths(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"2024-01-31", "2024-02-29", 0},
		{"2024-01-31", "2024-03-01", 1},
		{"2024-01-15", "2024-01-15", 0},
		{"2024-01-15", "2024-02-14", 0},
		{"2024-01-15", "2024-02-15", 1},
		{"2021-03-10", "2024-03-09", 35},
		{"2021-03-10", "2024-03-10", 36},
		{"2024-03-10", "2024-01-10", -2},
	}
	for _, tt := range tests {
		if got := wholeMonths(roadmaptest.Day(tt.from), roadmaptest.Day(tt.to)); got != tt.want {
			t.Errorf("wholeMonths(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestAssessMissingGainsAndOrder(t *testing.T) {
	rm := roadmaptest.Small()
	// junior: 4 skills counted (j1 learning, j2 not started, j3 practising,
	// j4 proficient), 2 criteria, milestone open.
	p := rdProgress(Profile{Stage: "junior"}, lv("j1", 1), lv("j3", 2), lv("j4", 3))
	a := Assess(rm, p, roadmaptest.Day("2024-06-01"))
	type g struct {
		id   string
		kind string
		lvl  Level
		gain float64
	}
	want := []g{
		{"jc1", roadmap.KindCriterion, 0, 15}, // 100×0.3/2
		{"jc2", roadmap.KindCriterion, 0, 15}, // tie: roadmap order
		{"j2", roadmap.KindSkill, 0, 12.5},    // 100×0.5×3/3/4
		{"jm", roadmap.KindMilestone, 0, 10},  // 100×0.1
		{"j1", roadmap.KindSkill, 1, 8.3},     // 100×0.5×2/3/4 = 8.33…
		{"j3", roadmap.KindSkill, 2, 4.2},     // 100×0.5×1/3/4 = 4.166…
	}
	var got []g
	for _, m := range a.Missing {
		got = append(got, g{m.ID, m.Kind, m.Level, m.Gain})
	}
	if !slices.Equal(got, want) {
		t.Fatalf("missing =\n%v\nwant\n%v", got, want)
	}
	if a.Missing[2].Group != "Core" || a.Missing[2].Title != "Title of j2" {
		t.Errorf("gap j2 = %+v, want group Core and its title", a.Missing[2])
	}
	if a.Counts != (Counts{SkillsDone: 1, SkillsTotal: 4, CriteriaTotal: 2}) {
		t.Errorf("counts = %+v", a.Counts)
	}
}

// TestAssessGainsMatchScore checks the closed-form gains against the score
// recomputed with each missing entry finished.
func TestAssessGainsMatchScore(t *testing.T) {
	rm := roadmaptest.Small()
	today := roadmaptest.Day("2024-06-01")
	profiles := []Profile{
		{Stage: "junior", StageSince: roadmaptest.Day("2024-01-10")},
		{Stage: "lead", Branch: "platform", Track: roadmap.TrackManagement, StageSince: roadmaptest.Day("2023-02-01")},
		{Stage: "mid"},
	}
	for _, prof := range profiles {
		p := rdProgress(prof, lv("j1", 2), lv("j2", 1), lv("jc1", 3), skip("j4"), lv("b-pl2", 2), lv("lc2", 3), lv("m1", 1))
		a := Assess(rm, p, today)
		if len(a.Missing) == 0 {
			t.Fatalf("%s: nothing missing", prof.Stage)
		}
		for _, m := range a.Missing {
			q := rdProgress(prof)
			for id, s := range p.Items {
				q.Items[id] = s
			}
			q.Items[m.ID] = lv(m.ID, Proficient)
			b := Assess(rm, q, today)
			rise := b.Readiness.Score - a.Readiness.Score
			if math.Abs(rise-m.Gain) > 0.1+1e-9 {
				t.Errorf("%s: gain of %s = %v, but the score rises by %v", prof.Stage, m.ID, m.Gain, rise)
			}
			if m.Gain <= 0 {
				t.Errorf("%s: gain of %s = %v, want > 0", prof.Stage, m.ID, m.Gain)
			}
		}
	}
}

func TestAssessMissingExcludesDoneAndSkipped(t *testing.T) {
	rm := roadmaptest.Small()
	p := rdProgress(Profile{Stage: "junior"}, lv("j1", 3), lv("j2", 4), skip("j3"), lv("jc1", 3), skip("jc2"), lv("jm", 3))
	a := Assess(rm, p, roadmaptest.Day("2024-06-01"))
	if len(a.Missing) != 1 || a.Missing[0].ID != "j4" {
		t.Fatalf("missing = %+v, want only j4", a.Missing)
	}
	// 3 skills counted: 100×0.5×3/3/3 = 16.7
	if a.Missing[0].Gain != 16.7 {
		t.Errorf("gain = %v, want 16.7", a.Missing[0].Gain)
	}
	want := Counts{SkillsDone: 2, SkillsTotal: 3, Skipped: 2, CriteriaDone: 1, CriteriaTotal: 1, MilestoneDone: true}
	if a.Counts != want {
		t.Errorf("counts = %+v, want %+v", a.Counts, want)
	}
}

func TestAssessBranchGapsAndCoverage(t *testing.T) {
	rm := roadmaptest.Small()
	p := rdProgress(Profile{Stage: "lead", Branch: "sre"},
		lv("l1", 3), lv("b-sre1", 3), lv("b-pl1", 3), lv("b-pl2", 4), skip("b-pl3"))
	a := Assess(rm, p, roadmaptest.Day("2024-06-01"))
	var gap *Gap
	for i := range a.Missing {
		if a.Missing[i].ID == "b-sre2" {
			gap = &a.Missing[i]
		}
	}
	if gap == nil {
		t.Fatalf("b-sre2 not in missing: %+v", a.Missing)
	}
	if gap.Kind != roadmap.KindBranchItem || gap.Group != "Site Reliability Engineering" || gap.Gain != 16.7 {
		t.Errorf("gap = %+v, want kind branch, group the branch title, gain 16.7", *gap)
	}
	want := []BranchCoverage{
		{ID: "sre", Title: "Site Reliability Engineering", Done: 1, Total: 2, Share: 0.5},
		{ID: "platform", Title: "Platform Engineering", Done: 2, Total: 2, Share: 1},
	}
	if !slices.Equal(a.Branches, want) {
		t.Errorf("branches = %+v, want %+v", a.Branches, want)
	}
	if a.Closest != "platform" {
		t.Errorf("closest = %q, want platform", a.Closest)
	}
	if a.Counts.SkillsTotal != 3 || a.Counts.SkillsDone != 2 {
		t.Errorf("counts = %+v, want 2 of 3 skills", a.Counts)
	}
	for _, h := range a.Hints {
		if h.Code == HintChooseBranch || h.Code == HintBranchUnknown {
			t.Errorf("unexpected branch hint with a branch chosen: %+v", h)
		}
	}
}

func TestAssessClosestBranch(t *testing.T) {
	rm := roadmaptest.Small()
	tests := []struct {
		name   string
		states []ItemState
		want   string
	}{
		{"none done", nil, ""},
		{"tie keeps roadmap order", []ItemState{lv("b-sre1", 3), lv("b-pl1", 3), skip("b-pl3")}, "sre"},
		{"highest share", []ItemState{lv("b-sre1", 3), lv("b-pl1", 3), lv("b-pl2", 3)}, "platform"},
		{"level below proficient is not done", []ItemState{lv("b-sre1", 2)}, ""},
	}
	for _, tt := range tests {
		a := Assess(rm, rdProgress(Profile{Stage: "mid"}, tt.states...), roadmaptest.Day("2024-06-01"))
		if a.Closest != tt.want {
			t.Errorf("%s: closest = %q, want %q (branches %+v)", tt.name, a.Closest, tt.want, a.Branches)
		}
	}
}

func TestAssessOrphans(t *testing.T) {
	rm := roadmaptest.Small()
	p := rdProgress(Profile{Stage: "mid"}, lv("zeta-gone", 3), lv("alpha-gone", 1), lv("old-m3", 2), lv("m1", 3))
	a := Assess(rm, p, roadmaptest.Day("2024-06-01"))
	if want := []string{"alpha-gone", "zeta-gone"}; !slices.Equal(a.Orphans, want) {
		t.Errorf("orphans = %v, want %v", a.Orphans, want)
	}
	// m1 3 + m3 (from old-m3) 2 = 5/9
	if !near(a.Readiness.Components.Skills, 5.0/9) {
		t.Errorf("skills = %v, want 5/9", a.Readiness.Components.Skills)
	}
	for _, m := range a.Missing {
		if m.ID == "m3" && m.Level != Practising {
			t.Errorf("m3 level = %v, want practising (from old-m3)", m.Level)
		}
	}
	if _, ok := p.Items["m3"]; ok {
		t.Error("Assess modified the progress")
	}
}

func TestAssessFormerIdsPreferLatest(t *testing.T) {
	rm := roadmaptest.Small()
	older := ItemState{ID: "old-m3", Level: 3, UpdatedAt: roadmaptest.Day("2023-01-01")}
	newer := ItemState{ID: "older-m3", Level: 1, UpdatedAt: roadmaptest.Day("2024-01-01")}
	a := Assess(rm, rdProgress(Profile{Stage: "mid"}, older, newer), roadmaptest.Day("2024-06-01"))
	if !near(a.Readiness.Components.Skills, 1.0/9) {
		t.Errorf("skills = %v, want 1/9 (the most recently updated former id)", a.Readiness.Components.Skills)
	}
	if len(a.Orphans) != 0 {
		t.Errorf("orphans = %v, want none", a.Orphans)
	}
}

func TestAssessNext(t *testing.T) {
	rm := roadmaptest.Small()
	tests := []struct {
		name     string
		prof     Profile
		next     *StageRef
		salary   *roadmap.Band
		hintWant Hint
	}{
		{"next stage", Profile{Stage: "mid"}, &StageRef{ID: "senior", Title: "Senior"}, roadmaptest.Band(80000, 110000), Hint{}},
		{"top stage, ic, rung from stage", Profile{Stage: "staff", Track: "ic"}, &StageRef{ID: "ic-principal", Title: "Principal Engineer"}, roadmaptest.Band(130000, 170000), Hint{}},
		{"top stage, management, rung from stage", Profile{Stage: "staff", Track: "management"}, &StageRef{ID: "vp", Title: "VP of Engineering"}, &roadmap.Band{Min: 150000, Max: 200000, Open: true}, Hint{}},
		{"top stage, rung given", Profile{Stage: "staff", Track: "management", TrackLevel: "engineering-manager"}, &StageRef{ID: "director", Title: "Director"}, nil, Hint{}},
		{"top stage, top rung", Profile{Stage: "staff", Track: "ic", TrackLevel: "ic-principal"}, nil, nil, Hint{Code: HintTopRung, Track: "Individual contributor"}},
		{"top stage, no track", Profile{Stage: "staff"}, nil, nil, Hint{Code: HintChooseTrackBoth}},
		{"top stage, unknown track", Profile{Stage: "staff", Track: "wizard"}, nil, nil, Hint{Code: HintTrackUnknown, Value: "wizard"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess(rm, rdProgress(tt.prof), roadmaptest.Day("2024-06-01"))
			switch {
			case tt.next == nil && a.Next != nil:
				t.Errorf("next = %+v, want nil", *a.Next)
			case tt.next != nil && (a.Next == nil || *a.Next != *tt.next):
				t.Errorf("next = %+v, want %+v", a.Next, *tt.next)
			}
			if (a.Salary.Next == nil) != (tt.salary == nil) || (tt.salary != nil && *a.Salary.Next != *tt.salary) {
				t.Errorf("salary next = %+v, want %+v", a.Salary.Next, tt.salary)
			}
			if tt.hintWant.Code != "" && !slices.Contains(a.Hints, tt.hintWant) {
				t.Errorf("hints = %+v, want one %+v", a.Hints, tt.hintWant)
			}
		})
	}
}

func TestAssessHints(t *testing.T) {
	rm := roadmaptest.Small()
	tests := []struct {
		name string
		prof Profile
		want []Hint
	}{
		{"junior: none", Profile{Stage: "junior"}, nil},
		{"empty stage", Profile{}, []Hint{{Code: HintStageNotSet, Stage: "Junior"}}},
		{"unknown stage", Profile{Stage: "intern"}, []Hint{{Code: HintStageUnknown, Stage: "Junior", Value: "intern"}}},
		{"lead without branch or track", Profile{Stage: "lead"}, []Hint{{Code: HintChooseBranch}, {Code: HintChooseTrack}}},
		{"lead with both", Profile{Stage: "lead", Branch: "sre", Track: "ic"}, nil},
		{"lead with unknown branch", Profile{Stage: "lead", Branch: "nope", Track: "ic"}, []Hint{{Code: HintBranchUnknown, Value: "nope"}}},
		{"lead with unknown track", Profile{Stage: "lead", Branch: "sre", Track: "nope"}, []Hint{{Code: HintTrackUnknown, Value: "nope"}}},
		{"staff without track", Profile{Stage: "staff"}, []Hint{{Code: HintChooseTrackBoth}}},
		{"staff at the top rung", Profile{Stage: "staff", Track: "ic", TrackLevel: "ic-principal"}, []Hint{{Code: HintTopRung, Track: "Individual contributor"}}},
	}
	for _, tt := range tests {
		a := Assess(rm, rdProgress(tt.prof), roadmaptest.Day("2024-06-01"))
		if !slices.Equal(a.Hints, tt.want) {
			t.Errorf("%s: hints = %+v, want %+v", tt.name, a.Hints, tt.want)
		}
	}
	if a := Assess(&roadmap.Roadmap{}, rdProgress(Profile{}), roadmaptest.Day("2024-06-01")); !slices.Equal(a.Hints, []Hint{{Code: HintNoStages}}) {
		t.Errorf("no stages: hints = %+v", a.Hints)
	}
}

func TestAssessTimeline(t *testing.T) {
	rm := roadmaptest.Small()
	today := roadmaptest.Day("2024-06-01")
	tests := []struct {
		name    string
		prof    Profile
		stall   int
		months  int
		status  string
		typical roadmap.Months
		stalled int // StalledAfter
	}{
		{"no date", Profile{Stage: "mid"}, 36, 0, TimelineUnknown, roadmap.Months{Min: 24, Max: 36}, 0},
		{"accelerated", Profile{Stage: "mid", StageSince: roadmaptest.Day("2023-08-01")}, 36, 10, TimelineAccelerated, roadmap.Months{Min: 24, Max: 36}, 0},
		{"on track at typical min", Profile{Stage: "mid", StageSince: roadmaptest.Day("2022-06-01")}, 36, 24, TimelineOnTrack, roadmap.Months{Min: 24, Max: 36}, 0},
		{"on track at typical max", Profile{Stage: "mid", StageSince: roadmaptest.Day("2021-06-01")}, 36, 36, TimelineOnTrack, roadmap.Months{Min: 24, Max: 36}, 0},
		{"overdue and stalled", Profile{Stage: "mid", StageSince: roadmaptest.Day("2021-05-01")}, 36, 37, TimelineOverdue, roadmap.Months{Min: 24, Max: 36}, 36},
		{"stall in years", Profile{Stage: "junior", StageSince: roadmaptest.Day("2021-05-01")}, 24, 37, TimelineOverdue, roadmap.Months{Min: 18, Max: 24}, 24},
		{"stall in months", Profile{Stage: "junior", StageSince: roadmaptest.Day("2022-05-01")}, 18, 25, TimelineOverdue, roadmap.Months{Min: 18, Max: 24}, 18},
		{"stall off", Profile{Stage: "mid", StageSince: roadmaptest.Day("2019-05-01")}, 0, 61, TimelineOverdue, roadmap.Months{Min: 24, Max: 36}, 0},
		{"top stage uses the transition into it", Profile{Stage: "staff", StageSince: roadmaptest.Day("2022-06-01")}, 36, 24, TimelineAccelerated, roadmap.Months{Min: 36, Max: 48}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rm.Readiness.StallMonths = tt.stall
			a := Assess(rm, rdProgress(tt.prof), today)
			if a.MonthsInStage != tt.months {
				t.Errorf("months = %d, want %d", a.MonthsInStage, tt.months)
			}
			if a.Timeline.Status != tt.status {
				t.Errorf("status = %q, want %q", a.Timeline.Status, tt.status)
			}
			if a.Timeline.Typical != tt.typical {
				t.Errorf("typical = %+v, want %+v", a.Timeline.Typical, tt.typical)
			}
			if a.Timeline.StalledAfter != tt.stalled {
				t.Errorf("stalled after %d months, want %d", a.Timeline.StalledAfter, tt.stalled)
			}
		})
	}
	rm.Transitions = nil
	rm.Reindex()
	if a := Assess(rm, rdProgress(Profile{Stage: "mid", StageSince: roadmaptest.Day("2023-01-01")}), today); a.Timeline.Status != TimelineUnknown || a.Readiness.Components.Experience != 0 {
		t.Errorf("without transitions: timeline %+v, experience %v; want unknown and 0", a.Timeline, a.Readiness.Components.Experience)
	}
}

func TestAssessSalary(t *testing.T) {
	rm := roadmaptest.Small()
	tests := []struct {
		region, want string
		now, next    *roadmap.Band
	}{
		{"", "uk", roadmaptest.Band(40000, 55000), roadmaptest.Band(55000, 80000)},
		{"uk", "uk", roadmaptest.Band(40000, 55000), roadmaptest.Band(55000, 80000)},
		{"us", "us", roadmaptest.Band(65000, 90000), roadmaptest.Band(90000, 130000)},
		{"fr", "uk", roadmaptest.Band(40000, 55000), roadmaptest.Band(55000, 80000)},
	}
	for _, tt := range tests {
		a := Assess(rm, rdProgress(Profile{Stage: "junior", Region: tt.region}), roadmaptest.Day("2024-06-01"))
		if a.Salary.Region != tt.want || *a.Salary.Now != *tt.now || *a.Salary.Next != *tt.next {
			t.Errorf("region %q: salary = %s %+v %+v, want %s %+v %+v", tt.region, a.Salary.Region, a.Salary.Now, a.Salary.Next, tt.want, tt.now, tt.next)
		}
	}
	// Top stage, us: the next rung has no us band.
	a := Assess(rm, rdProgress(Profile{Stage: "staff", Region: "us", Track: "management"}), roadmaptest.Day("2024-06-01"))
	if *a.Salary.Now != *roadmaptest.Band(180000, 260000) || a.Salary.Next != nil {
		t.Errorf("staff us: salary = %+v %+v, want 180000-260000 and none", a.Salary.Now, a.Salary.Next)
	}
	// The bands are copies: changing them leaves the roadmap alone.
	a.Salary.Now.Min = 1
	if rm.Stages[4].Salary.US.Min != 180000 {
		t.Error("changing the assessment's band changed the roadmap")
	}
}

func TestAssessJSONHasEmptyArrays(t *testing.T) {
	rm := roadmaptest.Small()
	rm.Branches = nil
	rm.Reindex()
	p := rdProgress(Profile{Stage: "senior"}, lv("sm", 3))
	b, err := json.Marshal(Assess(rm, p, roadmaptest.Day("2024-06-01")))
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"missing":[]`, `"branches":[]`, `"next":{"id":"lead","title":"Lead"}`} {
		if !strings.Contains(string(b), part) {
			t.Errorf("JSON %s does not contain %s", b, part)
		}
	}
}

func TestAssessEmptyRoadmap(t *testing.T) {
	rm := &roadmap.Roadmap{}
	rm.Reindex()
	a := Assess(rm, rdProgress(Profile{Stage: "mid"}, lv("x", 3)), roadmaptest.Day("2024-06-01"))
	if a.Readiness.Score != 0 || a.Readiness.Verdict != VerdictBuilding || a.Missing == nil || a.Branches == nil || len(a.Hints) != 1 {
		t.Errorf("assessment = %+v", a)
	}
	if !slices.Equal(a.Orphans, []string{"x"}) {
		t.Errorf("orphans = %v, want [x]", a.Orphans)
	}
}

func TestAssessActiveEntries(t *testing.T) {
	rm := roadmaptest.Small()
	ids := func(es []roadmap.Entry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Kind+":"+e.Item.ID)
		}
		return out
	}
	tests := []struct {
		name  string
		prof  Profile
		stage string
		want  []string
	}{
		{"junior", Profile{}, "junior", []string{"skill:j1", "skill:j2", "skill:j3", "skill:j4", "criterion:jc1", "criterion:jc2", "milestone:jm"}},
		{"lead, nothing chosen", Profile{}, "lead", []string{"skill:l1", "criterion:lc1", "criterion:lc2", "criterion:lc3", "milestone:lmil"}},
		{"lead, management and sre", Profile{Track: "management", Branch: "sre"}, "lead", []string{"skill:l1", "skill:lm1", "branch:b-sre1", "branch:b-sre2", "criterion:lc1", "criterion:lc2", "criterion:lc3", "milestone:lmil"}},
		{"lead, unknown branch", Profile{Branch: "nope"}, "lead", []string{"skill:l1", "criterion:lc1", "criterion:lc2", "criterion:lc3", "milestone:lmil"}},
		{"branch ignored off branch-skills stages", Profile{Branch: "sre"}, "senior", []string{"milestone:sm"}},
		{"staff, ic", Profile{Track: "ic"}, "staff", []string{"skill:s1", "skill:s2", "milestone:stm"}},
		{"unknown stage", Profile{}, "intern", nil},
	}
	for _, tt := range tests {
		if got := ids(ActiveEntries(rm, tt.prof, tt.stage)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	es := ActiveEntries(rm, Profile{Branch: "platform"}, "lead")
	if e := es[1]; e.Branch != "platform" || e.GroupTitle != "Platform Engineering" {
		t.Errorf("branch entry = %+v, want branch platform with its title as group", e)
	}
}

// TestAssessWorkedExample is the worked example of docs/readiness.md: keep
// the two in step.
func TestAssessWorkedExample(t *testing.T) {
	rm := roadmaptest.Small()
	mid := &rm.Stages[1]
	mid.Skills = []roadmap.SkillGroup{
		{ID: "kubernetes", Title: "Kubernetes", Items: roadmaptest.Items("k8s-rbac", "k8s-helm", "k8s-operators", "k8s-debugging")},
		{ID: "terraform", Title: "Advanced Terraform", Items: roadmaptest.Items("tf-providers", "tf-composition", "tf-state")},
		{ID: "cloud", Title: "Cloud architecture", Items: roadmaptest.Items("multi-region", "high-availability", "disaster-recovery")},
		{ID: "communication", Title: "Communication", Items: roadmaptest.Items("explain-decisions", "mentoring")},
	}
	mid.Criteria = roadmaptest.Items("design-new-projects", "influence-direction", "mentor-effectively", "articulate-tradeoffs", "see-big-picture")
	rm.Reindex()
	p := rdProgress(Profile{Stage: "mid", StageSince: roadmaptest.Day("2023-03-15"), Region: "uk"},
		lv("k8s-rbac", 3), lv("k8s-helm", 3), lv("tf-state", 3), lv("high-availability", 3),
		lv("k8s-debugging", 4),
		lv("tf-composition", 2), lv("multi-region", 2), lv("explain-decisions", 2),
		lv("k8s-operators", 1), lv("disaster-recovery", 1),
		lv("tf-providers", 0),
		skip("mentoring"),
		lv("design-new-projects", 3), lv("mentor-effectively", 3),
	)
	a := Assess(rm, p, roadmaptest.Day("2024-06-01"))
	if a.MonthsInStage != 14 {
		t.Errorf("months = %d, want 14", a.MonthsInStage)
	}
	c := a.Readiness.Components
	if !near(c.Skills, 23.0/33) || !near(c.Criteria, 0.4) || c.Milestone != 0 || !near(c.Experience, 14.0/18) {
		t.Errorf("components = %+v", c)
	}
	if a.Readiness.Score != 54.6 || a.Readiness.Verdict != VerdictBuilding {
		t.Errorf("score = %v %s, want 54.6 building", a.Readiness.Score, a.Readiness.Verdict)
	}
	var gains []string
	for _, m := range a.Missing {
		gains = append(gains, m.ID+"="+strconv.FormatFloat(m.Gain, 'f', -1, 64))
	}
	want := []string{"mm=10", "influence-direction=6", "articulate-tradeoffs=6", "see-big-picture=6",
		"tf-providers=4.5", "k8s-operators=3", "disaster-recovery=3",
		"tf-composition=1.5", "multi-region=1.5", "explain-decisions=1.5"}
	if !slices.Equal(gains, want) {
		t.Errorf("gains = %v, want %v", gains, want)
	}
	if a.Timeline.Status != TimelineAccelerated {
		t.Errorf("timeline = %q, want accelerated", a.Timeline.Status)
	}
	// Confirming the milestone: 54.6 + 10 = 64.6, close.
	p.Items["mm"] = lv("mm", 3)
	if b := Assess(rm, p, roadmaptest.Day("2024-06-01")); b.Readiness.Score != 64.6 || b.Readiness.Verdict != VerdictClose {
		t.Errorf("with milestone: %v %s, want 64.6 close", b.Readiness.Score, b.Readiness.Verdict)
	}
	// And the three open criteria: 82.6, still close.
	for _, id := range []string{"influence-direction", "articulate-tradeoffs", "see-big-picture"} {
		p.Items[id] = lv(id, 3)
	}
	if b := Assess(rm, p, roadmaptest.Day("2024-06-01")); b.Readiness.Score != 82.6 || b.Readiness.Verdict != VerdictClose {
		t.Errorf("with criteria: %v %s, want 82.6 close", b.Readiness.Score, b.Readiness.Verdict)
	}
	// And custom providers: 87.2, ready.
	p.Items["tf-providers"] = lv("tf-providers", 3)
	if b := Assess(rm, p, roadmaptest.Day("2024-06-01")); b.Readiness.Score != 87.2 || b.Readiness.Verdict != VerdictReady {
		t.Errorf("with providers: %v %s, want 87.2 ready", b.Readiness.Score, b.Readiness.Verdict)
	}
}

// rdRandomProgress builds a random progress on rm.
func rdRandomProgress(r *rand.Rand, rm *roadmap.Roadmap) Progress {
	prof := Profile{Stage: rm.Stages[r.Intn(len(rm.Stages))].ID, Track: []string{"", roadmap.TrackIC, roadmap.TrackManagement}[r.Intn(3)]}
	if len(rm.Branches) > 0 && r.Intn(3) > 0 {
		prof.Branch = rm.Branches[r.Intn(len(rm.Branches))].ID
	}
	if r.Intn(3) > 0 {
		prof.StageSince = roadmaptest.Day("2020-01-01").AddDate(0, 0, r.Intn(2000))
	}
	p := rdProgress(prof)
	for _, e := range rm.Entries() {
		if r.Intn(3) == 0 {
			continue
		}
		p.Items[e.Item.ID] = ItemState{ID: e.Item.ID, Level: Level(r.Intn(5)), Skipped: r.Intn(6) == 0}
	}
	return p
}

func TestPropertyScoreBoundedAndMonotonic(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	today := roadmaptest.Day("2025-06-01")
	for round := 0; round < 400; round++ {
		rm := roadmaptest.Random(r)
		p := rdRandomProgress(r, rm)
		a := Assess(rm, p, today)
		if a.Readiness.Score < 0 || a.Readiness.Score > 100 {
			t.Fatalf("round %d: score %v out of 0-100", round, a.Readiness.Score)
		}
		for _, g := range a.Missing {
			if g.Gain < 0 || g.Gain > 100 {
				t.Fatalf("round %d: gain %v of %s out of 0-100", round, g.Gain, g.ID)
			}
		}
		for _, e := range rm.Entries() {
			s := p.State(e.Item.ID)
			if s.Level >= MaxLevel {
				continue
			}
			q := rdProgress(p.Profile)
			for id, st := range p.Items {
				q.Items[id] = st
			}
			s.Level++
			q.Items[e.Item.ID] = s
			b := Assess(rm, q, today)
			if b.Readiness.Score < a.Readiness.Score {
				t.Fatalf("round %d: raising %s to %v lowered the score from %v to %v", round, e.Item.ID, s.Level, a.Readiness.Score, b.Readiness.Score)
			}
			if b.Readiness.Score > 100 {
				t.Fatalf("round %d: score %v above 100", round, b.Readiness.Score)
			}
		}
	}
}
