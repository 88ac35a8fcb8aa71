package main

import (
	"fmt"
	"slices"
	"strconv"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// Marking a stage done and undoing it, after the undo and redo steps: the
// Roadmap shows the Mid stage; Ctrl+F puts the keyboard in the search box,
// Shift+Tab four times goes back past the filter's three choices to the
// stage bar's "Mark done…" button, Space opens its menu, Down and Enter
// choose "Mark this stage done". Ctrl+Z then reverts the whole step.
func init() {
	at := slices.IndexFunc(journeySteps, func(s journeyStep) bool { return s.name == "redo" })
	if at < 0 {
		panic("journey: no redo step to follow")
	}
	journeySteps = slices.Insert(journeySteps, at+1,
		journeyStep{"mark-stage-done", (*journey).markStageDone},
		journeyStep{"mark-stage-undo", (*journey).markStageUndo},
	)
}

// markedStage is the stage the journey marks done: the user's own.
const markedStage = "mid"

// levelsOf is every entry's level and N/A mark in a backup.
func levelsOf(b backup.Backup) map[string]tracker.ItemState {
	out := map[string]tracker.ItemState{}
	for _, e := range roadmap.Default().Entries() {
		st := state(b, e.Item.ID)
		out[e.Item.ID] = tracker.ItemState{ID: e.Item.ID, Level: st.Level, Skipped: st.Skipped}
	}
	return out
}

// beforeMark is the database's levels just before the stage was marked.
var beforeMark map[string]tracker.ItemState

func (j *journey) markStageDone() error {
	if err := j.goTo("mid-independent-ownership"); err != nil {
		return err
	}
	b, err := j.sb.backup()
	if err != nil {
		return err
	}
	beforeMark = levelsOf(b)
	ids, err := tracker.StageStepIDs(roadmap.Default(), b.Profile, markedStage)
	if err != nil {
		return err
	}
	nEvents := len(b.Events)
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.keys("ctrl+f", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "space"); err != nil {
		return err
	}
	if _, err := j.changedFrom(before, "the menu of the stage's steps to open"); err != nil {
		return err
	}
	if err := j.keys("Down", "Return"); err != nil {
		return err
	}
	// Every entry of the stage that counts is done, but the N/A one; one
	// step of the log holds every change.
	return j.waitDB("every "+markedStage+" entry done in one step", func(b backup.Backup) (bool, string) {
		for _, id := range ids {
			st := state(b, id)
			was := beforeMark[id]
			switch {
			case was.Skipped && (st.Level != was.Level || !st.Skipped):
				return false, id + " was N/A and changed"
			case !was.Skipped && st.Level < tracker.Proficient:
				return false, fmt.Sprintf("%s at level %d", id, st.Level)
			case was.Level > tracker.Proficient && st.Level != was.Level:
				return false, id + " lost its higher level"
			}
		}
		added := b.Events[nEvents:]
		if len(added) < 2 {
			return false, fmt.Sprintf("%d new events", len(added))
		}
		for _, e := range added {
			if e.Step == 0 || e.Step != added[0].Step {
				return false, "event " + strconv.FormatInt(e.ID, 10) + " is not part of one step"
			}
		}
		return true, ""
	})
}

// markStageUndo presses Ctrl+Z once: every entry is back as it was.
func (j *journey) markStageUndo() error {
	if err := j.keys("ctrl+z"); err != nil {
		return err
	}
	return j.waitDB("one Ctrl+Z to put every entry back", func(b backup.Backup) (bool, string) {
		now := levelsOf(b)
		for id, was := range beforeMark {
			if now[id] != was {
				return false, fmt.Sprintf("%s is %+v, was %+v", id, now[id], was)
			}
		}
		return true, ""
	})
}
