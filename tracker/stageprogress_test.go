package tracker

import (
	"reflect"
	"testing"

	"devpath/roadmap"
)

// progressRoadmap has, at its first stage, a group for everyone, a group of
// another track, criteria for everyone, for the ic track and for the
// management track, and a milestone; at its second, a group of the ic
// track, the branches' items and a milestone.
func progressRoadmap(t *testing.T) *roadmap.Roadmap {
	t.Helper()
	rm, err := roadmap.Load([]byte(`version: 1
id: counted
title: Counted
stages:
  - id: starter
    title: Starter
    years: {min: 0, max: 2}
    milestone: {id: starter-release, title: First release}
    skills:
      - id: starter-basics
        title: Basics
        items:
          - {id: git-basics, title: Git}
          - {id: shell-scripting, title: Shell scripting, replaces: [bash-basics]}
      - id: starter-people
        title: People
        track: management
        items:
          - {id: people-one, title: One to ones}
    criteria:
      - {id: starter-alone, title: Work without help}
      - {id: starter-ic, title: Review code, track: ic}
      - {id: starter-manage, title: Run a stand-up, track: management}
  - id: expert
    title: Expert
    years: {min: 2}
    milestone: {id: expert-design, title: Own a design}
    branch_skills: true
    skills:
      - id: expert-lead
        title: Leading
        track: ic
        items:
          - {id: expert-standards, title: Set standards}
          - {id: expert-review, title: Review designs}
branches:
  - id: ops
    title: Operations
    items:
      - {id: ops-on-call, title: Run the on-call rota}
      - {id: ops-runbooks, title: Write runbooks}
  - id: dev
    title: Development
    items:
      - {id: dev-tools, title: Build tools}
tracks:
  - id: ic
    title: Individual contributor
  - id: management
    title: Management
`))
	if err != nil {
		t.Fatal(err)
	}
	return rm
}

func TestStageProgress(t *testing.T) {
	rm := progressRoadmap(t)
	items := map[string]ItemState{
		"git-basics":       {ID: "git-basics", Level: Learning},
		"bash-basics":      {ID: "bash-basics", Level: Proficient}, // former id of shell-scripting
		"people-one":       {ID: "people-one", Level: Expert},      // another track
		"starter-alone":    {ID: "starter-alone", Level: Proficient, Skipped: true},
		"starter-ic":       {ID: "starter-ic", Level: Proficient},
		"starter-manage":   {ID: "starter-manage", Level: Proficient}, // another track
		"expert-standards": {ID: "expert-standards", Skipped: true},
		"expert-review":    {ID: "expert-review", Level: Expert},
		"ops-on-call":      {ID: "ops-on-call", Level: Proficient},
		"dev-tools":        {ID: "dev-tools", Level: Expert}, // another branch
		"expert-design":    {ID: "expert-design", Level: Proficient},
	}
	states, _ := ResolveStates(rm, items)
	prof := Profile{Stage: "starter", Track: "ic", Branch: "ops"}

	got := StageProgress(rm, prof, states.State)
	want := []StageCount{
		{Stage: "starter", Count: Count{Done: 2, Total: 4, Skipped: 1}, Groups: []GroupCount{
			{Kind: roadmap.KindSkill, ID: "starter-basics", Title: "Basics", Count: Count{Done: 1, Total: 2}},
			{Kind: roadmap.KindCriterion, Count: Count{Done: 1, Total: 1, Skipped: 1}},
			{Kind: roadmap.KindMilestone, Count: Count{Done: 0, Total: 1}},
		}},
		{Stage: "expert", Count: Count{Done: 3, Total: 4, Skipped: 1}, Groups: []GroupCount{
			{Kind: roadmap.KindSkill, ID: "expert-lead", Title: "Leading", Count: Count{Done: 1, Total: 1, Skipped: 1}},
			{Kind: roadmap.KindBranchItem, ID: "ops", Title: "Operations", Count: Count{Done: 1, Total: 2}},
			{Kind: roadmap.KindMilestone, Count: Count{Done: 1, Total: 1}},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StageProgress =\n%+v\nwant\n%+v", got, want)
	}

	// Each stage's count is what CountDone makes of its active entries.
	for _, sc := range got {
		done, total := CountDone(ActiveEntries(rm, prof, sc.Stage), states.State)
		if sc.Done != done || sc.Total != total {
			t.Errorf("%s: %d of %d done, CountDone says %d of %d", sc.Stage, sc.Done, sc.Total, done, total)
		}
	}
}

func TestStageProgressFollowsStateAndProfile(t *testing.T) {
	rm := progressRoadmap(t)
	// The state function decides: the window passes its own view, with
	// changes not saved yet.
	all := func(id string) ItemState { return ItemState{ID: id, Level: Expert} }
	got := StageProgress(rm, Profile{Track: "management"}, all)
	if len(got) != 2 {
		t.Fatalf("StageProgress gave %d stages, want 2", len(got))
	}
	// The management track: Basics (two), People, two criteria, the
	// milestone.
	if c := got[0].Count; c != (Count{Done: 6, Total: 6}) {
		t.Errorf("starter on the management track = %+v, want 6 of 6 done", c)
	}
	// No branch chosen and not the ic track: only the milestone counts.
	if c := got[1]; c.Count != (Count{Done: 1, Total: 1}) || len(c.Groups) != 1 || c.Groups[0].Kind != roadmap.KindMilestone {
		t.Errorf("expert without a branch = %+v, want the milestone alone", c)
	}
	if got := StageProgress(&roadmap.Roadmap{}, Profile{}, all); len(got) != 0 {
		t.Errorf("a roadmap without stages: %+v, want none", got)
	}
}
