package main

import (
	"fmt"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
)

// atClock runs write on the sandbox's database through a core whose clock
// says t: the command line cannot date a change, and the pace and the
// freshness of claims are read from when changes were made.
func atClock(sb *sandbox, t time.Time, write func(db *core.DB) error) error {
	db, err := core.New(core.Config{DB: sb.db, Now: func() time.Time { return t.Add(10 * time.Hour) }}).Open()
	if err != nil {
		return err
	}
	err = write(db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// fillHistory starts the example fourteen months back: the profile made
// then, a skill claimed then (so that it is due for re-confirming now),
// and one skill claimed each month of the last five, so that the pace and
// the forecast have a history to go by.
func fillHistory(sb *sandbox, skills []string) error {
	if len(skills) < 18 {
		return fmt.Errorf("the example's history needs 18 skills of the mid stage, the roadmap has %d", len(skills))
	}
	day := today()
	old := day.AddDate(0, -14, 0)
	prof := tracker.Profile{Name: "Alex Example", Stage: "mid", Region: roadmap.RegionUK,
		StageSince: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), CareerStart: time.Date(2023, 1, 9, 0, 0, 0, 0, time.UTC)}
	if err := atClock(sb, old, func(db *core.DB) error {
		if err := db.SaveProfile(prof); err != nil {
			return err
		}
		return db.SetLevel(skills[15], tracker.Proficient, old)
	}); err != nil {
		return err
	}
	for k := 5; k >= 1; k-- {
		t := day.AddDate(0, -k, 0)
		id := skills[15-k]
		if err := atClock(sb, t, func(db *core.DB) error { return db.SetLevel(id, tracker.Proficient, t) }); err != nil {
			return err
		}
	}
	return nil
}

// fillPlan gives the example a target ten months ahead and three entries
// in the plan, due at the end of this quarter.
func fillPlan(sb *sandbox, skills, criteria []string) error {
	if len(skills) < 18 || len(criteria) < 2 {
		return fmt.Errorf("the example's plan needs 18 skills and 2 criteria of the mid stage, the roadmap has %d and %d", len(skills), len(criteria))
	}
	day := today()
	rm := roadmap.Default()
	return atClock(sb, day, func(db *core.DB) error {
		if err := db.SetTarget(rm, day.AddDate(0, 10, 0)); err != nil {
			return err
		}
		for _, id := range []string{skills[16], skills[17], criteria[1]} {
			if err := db.AddPlanItem(rm, id, quarterEnd(day)); err != nil {
				return err
			}
		}
		return nil
	})
}
