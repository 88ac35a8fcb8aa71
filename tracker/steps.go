package tracker

import (
	"fmt"
	"strings"

	"devpath/roadmap"
)

// StageStepIDs returns the ids of the entries that marking stage done
// changes for a user with profile prof: the entries that count for them
// (ActiveEntries: the stage's skill groups of their track and branch, the
// chosen branch's items at the specialisation stage, the criteria of their
// track and the milestone). An unknown stage is an error naming the stages.
func StageStepIDs(rm *roadmap.Roadmap, prof Profile, stage string) ([]string, error) {
	if rm.Stage(stage) == nil {
		return nil, fmt.Errorf("unknown stage %q; the stages are %s", Visible(stage), stageIDs(rm))
	}
	var ids []string
	for _, e := range ActiveEntries(rm, prof, stage) {
		ids = append(ids, e.Item.ID)
	}
	return ids, nil
}

// EarlierStageIDs returns the ids of the entries of every stage before
// stage that count for prof, in roadmap order: what a user who starts at
// stage has behind them. It is empty for the first stage and for an
// unknown one.
func EarlierStageIDs(rm *roadmap.Roadmap, prof Profile, stage string) []string {
	var ids []string
	for i := 0; i < rm.StageIndex(stage); i++ {
		for _, e := range ActiveEntries(rm, prof, rm.Stages[i].ID) {
			ids = append(ids, e.Item.ID)
		}
	}
	return ids
}

// GroupStepIDs returns the ids of the entries of a skill group or a
// branch, by its id, and the group's title. An unknown id is an error
// naming the closest group ids.
func GroupStepIDs(rm *roadmap.Roadmap, group string) (ids []string, title string, err error) {
	for _, e := range rm.Entries() {
		switch {
		case e.Kind == roadmap.KindSkill && e.Group == group:
			title = e.GroupTitle
		case e.Kind == roadmap.KindBranchItem && e.Branch == group:
			if b := rm.Branch(group); b != nil {
				title = b.Title
			}
		default:
			continue
		}
		ids = append(ids, e.Item.ID)
	}
	if len(ids) == 0 {
		return nil, "", fmt.Errorf("unknown group %q; %s", Visible(group), groupHint(rm, group))
	}
	return ids, title, nil
}

// stageIDs lists the roadmap's stage ids: "junior, mid and senior".
func stageIDs(rm *roadmap.Roadmap) string {
	ids := make([]string, len(rm.Stages))
	for i, s := range rm.Stages {
		ids[i] = s.ID
	}
	return andList(ids)
}

// groupHint suggests the group ids that contain what was typed, or says
// where the ids are listed.
func groupHint(rm *roadmap.Roadmap, typed string) string {
	t := strings.ToLower(strings.TrimSpace(typed))
	var near []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] && t != "" && (strings.Contains(id, t) || strings.Contains(t, id)) {
			near = append(near, id)
		}
		seen[id] = true
	}
	for _, s := range rm.Stages {
		for _, g := range s.Skills {
			add(g.ID)
		}
	}
	for _, b := range rm.Branches {
		add(b.ID)
	}
	if len(near) > 0 && len(near) <= 6 {
		return "did you mean " + orList(near) + "?"
	}
	return "run 'devpath roadmap' to list the groups"
}

// andList joins words as "a, b and c".
func andList(w []string) string { return joinLast(w, " and ") }

// orList joins words as "a, b or c".
func orList(w []string) string { return joinLast(w, " or ") }

func joinLast(w []string, last string) string {
	switch len(w) {
	case 0:
		return ""
	case 1:
		return w[0]
	}
	return strings.Join(w[:len(w)-1], ", ") + last + w[len(w)-1]
}
