package main

import (
	"fmt"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
)

// fillPlan gives the example a plan to show: skills claimed a month apart
// over the last five months (through a core whose clock says so, as the
// command line cannot date a change), so that the pace and the forecast
// have a history; one claimed fourteen months ago, to re-confirm; then a
// target ten months ahead and three entries in the plan.
func fillPlan(sb *sandbox, skills, criteria []string) error {
	if len(skills) < 18 || len(criteria) < 2 {
		return fmt.Errorf("the example's plan needs 18 skills and 2 criteria of the mid stage, the roadmap has %d and %d", len(skills), len(criteria))
	}
	day := today()
	at := func(t time.Time, write func(db *core.DB) error) error {
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
	old := day.AddDate(0, -14, 0)
	if err := at(old, func(db *core.DB) error { return db.SetLevel(skills[15], tracker.Proficient, old) }); err != nil {
		return err
	}
	for k := 5; k >= 1; k-- {
		t := day.AddDate(0, -k, 0)
		id := skills[15-k]
		if err := at(t, func(db *core.DB) error { return db.SetLevel(id, tracker.Proficient, t) }); err != nil {
			return err
		}
	}
	rm := roadmap.Default()
	return at(day, func(db *core.DB) error {
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
