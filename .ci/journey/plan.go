package main

import (
	"fmt"
	"slices"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/core"
)

// The plan, after the check-ins: a target date set on the Dashboard, an
// entry added to the plan with its Plan toggle on the Roadmap, and a claim
// made "fourteen months ago" re-confirmed from the Dashboard's Due card.
func init() {
	at := slices.IndexFunc(journeySteps, func(s journeyStep) bool { return s.name == "check-in-taken-label" })
	if at < 0 {
		panic("journey: no check-in-taken-label step to follow")
	}
	journeySteps = slices.Insert(journeySteps, at+1,
		journeyStep{"plan-set-target", (*journey).planSetTarget},
		journeyStep{"plan-add-from-roadmap", (*journey).planAddFromRoadmap},
		journeyStep{"plan-reconfirm-from-due", (*journey).planReconfirm},
	)
}

// The entries of the plan's steps: one put in the plan from the Roadmap,
// one claimed long ago and re-confirmed.
const (
	plannedEntry     = "k8s-network-policies"
	reconfirmedEntry = "k8s-debugging"
)

// today is the calendar day of the run, as devpath's days are written.
func today() time.Time { return time.Now().UTC().Truncate(24 * time.Hour) }

// dueButtons counts, in the Due card's order, the buttons the card shows
// before the entry stop (all of them when stop never matches): a
// check-in, a plan item and evidence going stale have one, a claim to
// re-confirm two (Keep, Lower), the target none; the card lists six.
func (j *journey) dueButtons(stop func(tracker.DueEntry) bool) (int, bool, error) {
	db, err := core.New(core.Config{DB: j.sb.db}).Open()
	if err != nil {
		return 0, false, err
	}
	defer db.Close()
	rm, _, err := db.Roadmap()
	if err != nil {
		return 0, false, err
	}
	due, err := db.Due(rm, today())
	if err != nil {
		return 0, false, err
	}
	n := 0
	for i, e := range due {
		if i >= 6 {
			break
		}
		if stop != nil && stop(e) {
			return n, true, nil
		}
		switch e.Kind {
		case tracker.DueReconfirm:
			n += 2
		case tracker.DueTarget:
		default:
			n++
		}
	}
	return n, false, nil
}

// tabs is n Tab keys.
func tabs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "Tab"
	}
	return out
}

// fromNothing shows the Dashboard with the keyboard on no control of it:
// Ctrl+F puts it in the Roadmap's search box, Ctrl+1 hides that, and Tab
// then starts from the Dashboard's first control. (A dialog closed on the
// Dashboard gives the keyboard back to the button that opened it.)
func (j *journey) fromNothing() error {
	if err := j.keys("ctrl+f"); err != nil {
		return err
	}
	if _, err := j.settledPic(); err != nil {
		return err
	}
	return j.keys("ctrl+1")
}

// planSetTarget types a target date a year ahead in the Plan card: from
// nothing, Tab reaches Find evidence in git…, Check in…, Ask for a
// review…, the Due card's buttons, then the date (the fourth Tab when
// nothing is due); Enter sets it.
func (j *journey) planSetTarget() error {
	if err := j.fromNothing(); err != nil {
		return err
	}
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	n, _, err := j.dueButtons(nil)
	if err != nil {
		return err
	}
	if err := j.keys(tabs(4 + n)...); err != nil {
		return err
	}
	target := today().AddDate(1, 0, 0).Format("2006-01-02")
	if err := j.typeText(target); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	if err := j.waitDB("the target "+target, func(b backup.Backup) (bool, string) {
		if b.Plan == nil {
			return false, "no plan"
		}
		return b.Plan.Target == target, fmt.Sprintf("target %q", b.Plan.Target)
	}); err != nil {
		return err
	}
	_, err = j.changedFrom(before, "the Plan card to show the target")
	return err
}

// quarterEnd is the last day of the quarter day is in: the due day the
// Plan toggle's first choice gives.
func quarterEnd(day time.Time) time.Time {
	y, m, _ := day.Date()
	return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 3, -1)
}

// planAddFromRoadmap finds an entry on the Roadmap and adds it to the plan
// with its Plan toggle: four Tabs from the tick box (past the level, N/A
// and the evidence), Space opens the menu, Down and Enter take its first
// choice, due at the end of this quarter.
func (j *journey) planAddFromRoadmap() error {
	if err := j.keys("ctrl+2"); err != nil {
		return err
	}
	if err := j.goTo(plannedEntry); err != nil {
		return err
	}
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "Tab", "Tab", "space"); err != nil {
		return err
	}
	if _, err := j.changedFrom(before, "the Plan toggle's menu to open"); err != nil {
		return err
	}
	if err := j.keys("Down", "Return"); err != nil {
		return err
	}
	due := quarterEnd(today()).Format("2006-01-02")
	return j.waitDB(plannedEntry+" in the plan, due "+due, func(b backup.Backup) (bool, string) {
		if b.Plan == nil {
			return false, "no plan"
		}
		for _, it := range b.Plan.Items {
			if it.ID == plannedEntry {
				return it.Due == due, "due " + it.Due
			}
		}
		return false, fmt.Sprintf("%d items, not %s", len(b.Plan.Items), plannedEntry)
	})
}

// planReconfirm claims a skill as another devpath would have fourteen
// months ago (its clock set back), past the roadmap's twelve months of
// freshness; the window notices the change, and its Due card asks "still
// true?". From nothing on the Dashboard, the fourth Tab reaches the Due
// card's first button, and the row's Keep comes after the buttons of the
// rows before it; Space re-confirms it.
func (j *journey) planReconfirm() error {
	if err := j.fromNothing(); err != nil {
		return err
	}
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	then := today().AddDate(0, -14, 0)
	db, err := core.New(core.Config{DB: j.sb.db, Now: func() time.Time { return then.Add(10 * time.Hour) }}).Open()
	if err != nil {
		return err
	}
	err = db.SetLevel(reconfirmedEntry, tracker.Proficient, then)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("claim %s fourteen months back: %w", reconfirmedEntry, err)
	}
	isIt := func(e tracker.DueEntry) bool { return e.Kind == tracker.DueReconfirm && e.ID == reconfirmedEntry }
	n, listed, err := j.dueButtons(isIt)
	if err != nil {
		return err
	}
	if !listed {
		return fmt.Errorf("%s is not among the first six due entries", reconfirmedEntry)
	}
	// The window reads the change within a second; wait for the Due card
	// to have grown by the row before pressing keys.
	if _, err := j.changedFrom(before, "the Due card to ask about "+title(reconfirmedEntry)); err != nil {
		return err
	}
	if err := j.keys(append(tabs(4+n), "space")...); err != nil {
		return err
	}
	day := today().Format("2006-01-02")
	return j.waitDB(reconfirmedEntry+" re-confirmed on "+day, func(b backup.Backup) (bool, string) {
		if b.Plan == nil {
			return false, "no plan"
		}
		for _, r := range b.Plan.Reconfirmed {
			if r.ID == reconfirmedEntry {
				ok := r.Day == day && state(b, reconfirmedEntry).Level == tracker.Proficient
				return ok, fmt.Sprintf("re-confirmed on %s, level %d", r.Day, state(b, reconfirmedEntry).Level)
			}
		}
		return false, "not re-confirmed"
	})
}

// The roadmap's entries the steps use exist.
var _ = func() bool {
	for _, id := range []string{plannedEntry, reconfirmedEntry} {
		if _, ok := roadmap.Default().Lookup(id); !ok {
			panic("journey: the roadmap has no " + id)
		}
	}
	return true
}()
