package cli

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

// markStep runs 'tick --stage/--group' (done) and 'untick --stage/--group'
// (not done): every entry of the stage or group in one step that one
// 'devpath undo' reverts, with the readiness before and after. Everything
// is checked before the database is opened.
func (c *ctx) markStep(fs *flag.FlagSet, args []string, stage, group string, done bool, day time.Time) error {
	cmd := "tick"
	if !done {
		cmd = "untick"
	}
	switch {
	case isSet(fs, "stage") && isSet(fs, "group"):
		return usagef("give --stage or --group, not both")
	case len(args) > 0:
		return usagef("%s --stage and --group take no ID: got %q", cmd, args[0])
	}
	stage, group = strings.TrimSpace(stage), strings.TrimSpace(group)
	rm, err := c.roadmap()
	if err != nil {
		return err
	}
	var what string
	var groupIDs []string
	switch {
	case isSet(fs, "stage"):
		if stage == "" {
			return usagef("--stage needs a stage id: %s", stageList(rm))
		}
		st := rm.Stage(stage)
		if st == nil {
			st = rm.Stage(strings.ToLower(stage))
		}
		if st == nil {
			return failf("unknown stage %q; the stages are %s", stage, stageList(rm))
		}
		stage, what = st.ID, st.Title
	default:
		if group == "" {
			return usagef("--group needs a skill group or branch id; 'devpath roadmap' lists them in brackets")
		}
		ids, title, err := tracker.GroupStepIDs(rm, strings.ToLower(group))
		if err != nil {
			return err
		}
		groupIDs, what = ids, title
	}
	return c.withRoadmap(true, func(rm *roadmap.Roadmap, st *core.DB) error {
		changed := 0
		ch, err := st.Apply(rm, func(before tracker.Progress) (bool, error) {
			ids := groupIDs
			if stage != "" {
				var err error
				if ids, err = tracker.StageStepIDs(rm, before.Profile, stage); err != nil {
					return false, err
				}
			}
			n, err := st.MarkEntries(ids, done, day)
			changed = n
			return n > 0, err
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, tracker.Visible(words.StepResult(what, done, changed)))
		c.printChange(ch)
		return nil
	})
}

// stageList lists the roadmap's stage ids: "junior, mid, senior".
func stageList(rm *roadmap.Roadmap) string {
	ids := make([]string, len(rm.Stages))
	for i, s := range rm.Stages {
		ids[i] = s.ID
	}
	return strings.Join(ids, ", ")
}
