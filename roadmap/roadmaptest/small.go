package roadmaptest

import (
	"devpath/roadmap"
	"fmt"
	"math/rand"
	"time"
)

// Day parses a YYYY-MM-DD test date.
func Day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Small is a small roadmap built for these tests:
//
//	junior: skills j1-j4, criteria jc1 jc2, milestone jm; out: acc 12-15, typical 18-24
//	mid:    skills m1-m3 (m3 was old-m3), criterion mc1, milestone mm; out: acc 18-24, typical 24-36
//	senior: no skills, no criteria, milestone sm; out: acc 18-24, typical 24-36
//	lead:   branch skills; l1, management-only lm1, criteria lc1-lc3, milestone lmil; out: acc 24-36, typical 36-48
//	staff:  s1, ic-only s2, milestone stm; no transition out
//	branches sre (b-sre1, b-sre2), platform (b-pl1..b-pl3)
//	tracks ic (ic-senior@senior, ic-staff@staff, ic-principal), management (engineering-manager@lead, director@staff, vp)
func Small() *roadmap.Roadmap {
	rm := &roadmap.Roadmap{
		ID:        "test",
		Title:     "Test roadmap",
		Readiness: roadmap.DefaultReadiness,
		Stages: []roadmap.Stage{
			{
				ID: "junior", Title: "Junior",
				Salary:    roadmap.Salary{UK: Band(40000, 55000), US: Band(65000, 90000)},
				Skills:    []roadmap.SkillGroup{{ID: "core", Title: "Core", Items: Items("j1", "j2", "j3", "j4")}},
				Criteria:  Items("jc1", "jc2"),
				Milestone: roadmap.Item{ID: "jm", Title: "First deployment"},
			},
			{
				ID: "mid", Title: "Mid",
				Salary: roadmap.Salary{UK: Band(55000, 80000), US: Band(90000, 130000)},
				Skills: []roadmap.SkillGroup{{ID: "mid-core", Title: "Mid core", Items: []roadmap.Item{
					{ID: "m1", Title: "M1"}, {ID: "m2", Title: "M2"}, {ID: "m3", Title: "M3", Replaces: []string{"old-m3", "older-m3"}},
				}}},
				Criteria:  Items("mc1"),
				Milestone: roadmap.Item{ID: "mm", Title: "Own a system"},
			},
			{
				ID: "senior", Title: "Senior",
				Salary:    roadmap.Salary{UK: Band(80000, 110000), US: Band(130000, 175000)},
				Milestone: roadmap.Item{ID: "sm", Title: "Architecture decision"},
			},
			{
				ID: "lead", Title: "Lead", BranchSkills: true,
				Salary: roadmap.Salary{UK: Band(90000, 135000), US: Band(140000, 200000)},
				Skills: []roadmap.SkillGroup{
					{ID: "lead-core", Title: "Lead core", Items: Items("l1")},
					{ID: "lead-mgmt", Title: "People", Track: roadmap.TrackManagement, Items: Items("lm1")},
				},
				Criteria:  Items("lc1", "lc2", "lc3"),
				Milestone: roadmap.Item{ID: "lmil", Title: "Domain expertise"},
			},
			{
				ID: "staff", Title: "Staff",
				Salary: roadmap.Salary{UK: &roadmap.Band{Min: 120000, Max: 170000, Open: true}, US: Band(180000, 260000)},
				Skills: []roadmap.SkillGroup{
					{ID: "staff-core", Title: "Staff core", Items: Items("s1")},
					{ID: "staff-ic", Title: "IC depth", Track: roadmap.TrackIC, Items: Items("s2")},
				},
				Milestone: roadmap.Item{ID: "stm", Title: "Organisation-wide influence"},
			},
		},
		Branches: []roadmap.Branch{
			{ID: "sre", Title: "Site Reliability Engineering", Items: Items("b-sre1", "b-sre2")},
			{ID: "platform", Title: "Platform Engineering", Items: Items("b-pl1", "b-pl2", "b-pl3")},
		},
		Tracks: []roadmap.Track{
			{ID: roadmap.TrackIC, Title: "Individual contributor", Levels: []roadmap.TrackLevel{
				{ID: "ic-senior", Title: "Senior Engineer", Stage: "senior", Salary: roadmap.Salary{UK: Band(80000, 110000)}},
				{ID: "ic-staff", Title: "Staff Engineer", Stage: "staff", Salary: roadmap.Salary{UK: Band(110000, 140000)}},
				{ID: "ic-principal", Title: "Principal Engineer", Salary: roadmap.Salary{UK: Band(130000, 170000), US: Band(200000, 260000)}},
			}},
			{ID: roadmap.TrackManagement, Title: "Management", Levels: []roadmap.TrackLevel{
				{ID: "engineering-manager", Title: "Engineering Manager", Stage: "lead"},
				{ID: "director", Title: "Director", Stage: "staff"},
				{ID: "vp", Title: "VP of Engineering", Salary: roadmap.Salary{UK: &roadmap.Band{Min: 150000, Max: 200000, Open: true}}},
			}},
		},
		Transitions: []roadmap.Transition{
			{From: "junior", To: "mid", TypicalMonths: roadmap.Months{Min: 18, Max: 24}, AcceleratedMonths: roadmap.Months{Min: 12, Max: 15}},
			{From: "mid", To: "senior", TypicalMonths: roadmap.Months{Min: 24, Max: 36}, AcceleratedMonths: roadmap.Months{Min: 18, Max: 24}},
			{From: "senior", To: "lead", TypicalMonths: roadmap.Months{Min: 24, Max: 36}, AcceleratedMonths: roadmap.Months{Min: 18, Max: 24}},
			{From: "lead", To: "staff", TypicalMonths: roadmap.Months{Min: 36, Max: 48}, AcceleratedMonths: roadmap.Months{Min: 24, Max: 36}},
		},
	}
	rm.Reindex()
	return rm
}

// Random builds a random roadmap for property tests.
func Random(r *rand.Rand) *roadmap.Roadmap {
	rm := &roadmap.Roadmap{Readiness: roadmap.DefaultReadiness}
	// Random non-negative weights that sum to 1.
	ws := []float64{r.Float64(), r.Float64(), r.Float64(), r.Float64()}
	sum := ws[0] + ws[1] + ws[2] + ws[3]
	rm.Readiness.Weights = roadmap.Weights{Skills: ws[0] / sum, Criteria: ws[1] / sum, Milestone: ws[2] / sum, Experience: ws[3] / sum}
	id := 0
	next := func() roadmap.Item {
		id++
		return roadmap.Item{ID: fmt.Sprintf("e%d", id), Title: "Entry"}
	}
	tracks := []string{"", "", roadmap.TrackIC, roadmap.TrackManagement}
	nStages := 1 + r.Intn(4)
	for s := 0; s < nStages; s++ {
		st := roadmap.Stage{ID: fmt.Sprintf("stage%d", s), Title: "Stage", BranchSkills: r.Intn(2) == 0}
		for g := r.Intn(4); g > 0; g-- {
			grp := roadmap.SkillGroup{ID: fmt.Sprintf("g%d", id), Title: "Group", Track: tracks[r.Intn(len(tracks))]}
			for i := r.Intn(6); i > 0; i-- {
				grp.Items = append(grp.Items, next())
			}
			st.Skills = append(st.Skills, grp)
		}
		for i := r.Intn(4); i > 0; i-- {
			st.Criteria = append(st.Criteria, next())
		}
		if r.Intn(4) > 0 {
			st.Milestone = next()
		}
		rm.Stages = append(rm.Stages, st)
		if s > 0 && r.Intn(4) > 0 {
			rm.Transitions = append(rm.Transitions, roadmap.Transition{
				From: rm.Stages[s-1].ID, To: st.ID,
				TypicalMonths:     roadmap.Months{Min: 12 + r.Intn(12), Max: 24 + r.Intn(24)},
				AcceleratedMonths: roadmap.Months{Min: r.Intn(18), Max: 24},
			})
		}
	}
	for b := r.Intn(3); b > 0; b-- {
		br := roadmap.Branch{ID: fmt.Sprintf("branch%d", b), Title: "Branch"}
		for i := r.Intn(5); i > 0; i-- {
			br.Items = append(br.Items, next())
		}
		rm.Branches = append(rm.Branches, br)
	}
	rm.Reindex()
	return rm
}

// items returns items with the given ids, titled after them.
func Items(ids ...string) []roadmap.Item {
	out := make([]roadmap.Item, len(ids))
	for i, id := range ids {
		out[i] = roadmap.Item{ID: id, Title: "Title of " + id}
	}
	return out
}

func Band(min, max int) *roadmap.Band { return &roadmap.Band{Min: min, Max: max} }
