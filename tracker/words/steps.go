package words

import (
	"fmt"
	"strings"

	"devpath/roadmap"
	"devpath/tracker"
)

// Menu items of the Roadmap's group headers and stage bar.
const (
	MarkGroupDone   = "Mark this group done"
	MarkGroupUndone = "Mark this group not started"
	MarkStageDone   = "Mark this stage done"
	MarkStageUndone = "Mark this stage not started"
)

// Where a stage sits for the user, as the summaries' stage table and the
// CSV export say it.
const (
	StageCurrent = "current stage"
	// StageBehind is an earlier stage with everything that counts done.
	StageBehind = "earlier stage: behind you"
	// StageNotTracked is an earlier stage with nothing done: the user
	// started above it and did not record it.
	StageNotTracked = "earlier stage: not tracked"
	// StageEarlier is an earlier stage partly done.
	StageEarlier = "earlier stage"
	// StageLater is a stage after the user's.
	StageLater = "later stage"
)

// StagePlace says where a stage sits for a user at stage index current
// (-1: none), given how much of it is done: one of the Stage* words, or ""
// for a later stage (the tables say nothing of those).
func StagePlace(index, current, done, total int) string {
	switch {
	case current < 0 || index > current:
		return ""
	case index == current:
		return StageCurrent
	case done == 0:
		return StageNotTracked
	case done == total:
		return StageBehind
	}
	return StageEarlier
}

// StepUndoHint follows the status line's word of a step: one undo
// reverts all of it.
const StepUndoHint = " (Ctrl+Z undoes it)"

// The welcome's question for a user who starts above the first stage, and
// its two answers.
const (
	EarlierStagesQuestion = "Are the earlier stages behind you?"
	EarlierStagesYes      = "Yes, mark them done"
	EarlierStagesNo       = "No, I'll tick what I know"
)

// EarlierStagesDetail explains the welcome's question: which stages would
// be marked and that one undo reverts it.
func EarlierStagesDetail(rm *roadmap.Roadmap, stage string) string {
	return fmt.Sprintf("Yes marks every skill of %s proficient and confirms their criteria and milestones, in one step that Ctrl+Z reverts.",
		StagesBefore(rm, stage))
}

// StagesBefore names the stages before stage: "Junior DevOps Engineer and
// DevOps Engineer (Mid)".
func StagesBefore(rm *roadmap.Roadmap, stage string) string {
	var names []string
	for i := 0; i < rm.StageIndex(stage); i++ {
		names = append(names, rm.Stages[i].Title)
	}
	return joinAnd(names)
}

// StepResult says what marking a stage or group done (or not started)
// changed: "Junior DevOps Engineer: 30 entries marked done". what names the
// stage or group.
func StepResult(what string, done bool, changed int) string {
	switch {
	case changed == 0 && done:
		return what + ": everything is done already"
	case changed == 0:
		return what + ": nothing to set back"
	case done:
		return fmt.Sprintf("%s: %s marked done", what, Count(changed, "entry", "entries"))
	}
	return fmt.Sprintf("%s: %s set back to not started", what, Count(changed, "entry", "entries"))
}

// Count is n with the noun's singular or plural: "1 entry", "30 entries".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// StepName names what the events of one step changed, from their entries:
// the group's title when they are all of one group, the stage's when all of
// one stage, else the stages in turn: "Linux", "Junior DevOps Engineer",
// "Junior DevOps Engineer and Mid-Level DevOps Engineer".
func StepName(rm *roadmap.Roadmap, evs []tracker.Event) string {
	var stages, groups []string
	seenStage, seenGroup := map[string]bool{}, map[string]bool{}
	groupTitle := ""
	for _, e := range evs {
		ent, ok := roadmap.Entry{}, false
		if rm != nil {
			ent, ok = rm.Lookup(e.Target)
		}
		if !ok {
			return Count(len(evs), "entry", "entries")
		}
		st, g := ent.Stage, ent.Group
		if ent.Kind == roadmap.KindBranchItem {
			st, g = "branch "+ent.Branch, ent.Branch
			if b := rm.Branch(ent.Branch); b != nil {
				groupTitle = b.Title
			}
		} else if ent.Kind == roadmap.KindSkill {
			groupTitle = ent.GroupTitle
		} else {
			g = ent.Stage + "\x00" + ent.Kind
		}
		if !seenStage[st] {
			seenStage[st] = true
			stages = append(stages, st)
		}
		if !seenGroup[g] {
			seenGroup[g] = true
			groups = append(groups, g)
		}
	}
	if len(groups) == 1 && groupTitle != "" {
		return groupTitle
	}
	names := make([]string, 0, len(stages))
	for _, s := range stages {
		if b, ok := strings.CutPrefix(s, "branch "); ok {
			names = append(names, ProfileValue(rm, "branch", b))
			continue
		}
		names = append(names, StageName(rm, s))
	}
	return joinAnd(names)
}

// UndoneStep says what undoing a change of one or more events did: for
// one, as Undone; for a step, "Undone: Junior DevOps Engineer: 30 entries
// back as they were".
func UndoneStep(rm *roadmap.Roadmap, evs []tracker.Event) string {
	if len(evs) == 1 {
		return Undone(rm, evs[0])
	}
	return fmt.Sprintf("Undone: %s: %s back as they were", StepName(rm, evs), Count(len(evs), "entry", "entries"))
}

// RedoneStep says what redoing a change of one or more events did: for
// one, as Redone; for a step, "Redone: Junior DevOps Engineer: 30 entries
// marked done again".
func RedoneStep(rm *roadmap.Roadmap, evs []tracker.Event) string {
	if len(evs) == 1 {
		return Redone(rm, evs[0])
	}
	what := "changed"
	if allLevel(evs, fmt.Sprint(int(tracker.Proficient))) {
		what = "marked done"
	} else if allLevel(evs, fmt.Sprint(int(tracker.NotStarted))) {
		what = "set back to not started"
	}
	return fmt.Sprintf("Redone: %s: %s %s again", StepName(rm, evs), Count(len(evs), "entry", "entries"), what)
}

// allLevel reports whether every event sets a level to v.
func allLevel(evs []tracker.Event, v string) bool {
	for _, e := range evs {
		if e.Kind != tracker.EventLevel || e.New != v {
			return false
		}
	}
	return true
}
