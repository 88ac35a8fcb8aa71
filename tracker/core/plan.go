package core

import (
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// PlanStatus is the plan as both interfaces show it on day today: the
// target, the claimed and evidenced paces and forecasts, whether the
// target will be met, what it would take, the plan's items, the entries to
// re-confirm and the evidence about to go stale (tracker.BuildPlanStatus
// over the progress, the plan, the change log and the latest check-in).
func (db *DB) PlanStatus(rm *roadmap.Roadmap, today time.Time) (tracker.PlanStatus, error) {
	in, err := db.planInput(rm, today)
	if err != nil {
		return tracker.PlanStatus{}, err
	}
	return tracker.BuildPlanStatus(in), nil
}

// Due lists what is due on day today (tracker.DueEntries): a check-in,
// plan items due within tracker.DueSoonDays or overdue, entries to
// re-confirm, evidence about to go stale, the target approaching.
func (db *DB) Due(rm *roadmap.Roadmap, today time.Time) ([]tracker.DueEntry, error) {
	st, err := db.PlanStatus(rm, today)
	if err != nil {
		return nil, err
	}
	return tracker.DueEntries(st, today), nil
}

// planInput gathers what the plan's rules read.
func (db *DB) planInput(rm *roadmap.Roadmap, today time.Time) (tracker.PlanInput, error) {
	in := tracker.PlanInput{Roadmap: rm, Today: today}
	var err error
	if in.Progress, err = db.Progress(); err != nil {
		return in, err
	}
	if in.Plan, err = db.Plan(); err != nil {
		return in, err
	}
	if in.Events, err = db.Events(time.Time{}); err != nil {
		return in, err
	}
	if in.LastCheckIn, err = db.LastCheckInAt(); err != nil {
		return in, err
	}
	return in, nil
}

// SetTarget sets the target day for the next level, after today (by the
// core's clock) and within the roadmap's horizon; the change is logged
// and can be undone. A day outside them is an error with code
// tracker.CodeTargetPast or CodeTargetBeyond, and changes nothing.
func (db *DB) SetTarget(rm *roadmap.Roadmap, target time.Time) error {
	if err := tracker.CheckTarget(rm, target, db.Today()); err != nil {
		return err
	}
	return db.PutTarget(tracker.Day(target))
}

// ClearTarget removes the target day (logged, undoable).
func (db *DB) ClearTarget() error { return db.PutTarget(time.Time{}) }

// AddPlanItem puts the roadmap entry id (a current or former id) in the
// plan, due on day due, today or later; an entry already in the plan gets
// the new due day. An id the roadmap does not know is an error with code
// tracker.CodeUnknownEntry, a day before today one with CodeDuePast; both
// change nothing.
func (db *DB) AddPlanItem(rm *roadmap.Roadmap, id string, due time.Time) error {
	cur, err := knownEntry(rm, id, "add to the plan")
	if err != nil {
		return err
	}
	if err := tracker.CheckDue(due, db.Today()); err != nil {
		return err
	}
	return db.PutPlanItem(cur, tracker.Day(due))
}

// RemovePlanItem takes the entry id out of the plan (logged, undoable);
// an entry not in the plan is an error with code tracker.CodeNotInPlan.
func (db *DB) RemovePlanItem(rm *roadmap.Roadmap, id string) error {
	if rm != nil {
		if cur := rm.Resolve(id); cur != "" {
			id = cur
		}
	}
	return db.DropPlanItem(id)
}

// Reconfirm records that each claimed entry of ids is still true, today,
// in one step (one undo takes them all back). An unknown id is an error
// with code tracker.CodeUnknownEntry, an entry never claimed one with
// CodeNotClaimed; either changes nothing.
func (db *DB) Reconfirm(rm *roadmap.Roadmap, ids []string) error {
	const op = "re-confirm"
	p, err := db.Progress()
	if err != nil {
		return err
	}
	st, _ := tracker.ResolveStates(rm, p.Items)
	cur := make([]string, 0, len(ids))
	for _, id := range ids {
		c, err := knownEntry(rm, id, op)
		if err != nil {
			return err
		}
		if !tracker.Claimed(st.State(c)) {
			return tracker.EntryError(op, c, &tracker.Error{Code: tracker.CodeNotClaimed, Err: tracker.ErrNotClaimed, Unchanged: true})
		}
		cur = append(cur, c)
	}
	if len(cur) == 0 {
		return nil
	}
	return db.PutReconfirmed(cur, db.Today())
}

// SetCadence sets the check-in cadence as written (see
// tracker.ParseCadence; "" is the default, quarterly, "off" none); logged
// and undoable. A cadence that is not a duration is an error with code
// tracker.CodeBadCadence and changes nothing.
func (db *DB) SetCadence(cadence string) error {
	if _, err := tracker.ParseCadence(cadence); err != nil {
		return err
	}
	return db.PutCadence(cadence)
}

// knownEntry returns the current id of the entry id names in rm, or an
// error with code tracker.CodeUnknownEntry.
func knownEntry(rm *roadmap.Roadmap, id, op string) (string, error) {
	if err := tracker.ValidateItemID(id); err != nil {
		return "", tracker.EntryError(op, id, &tracker.Error{Code: tracker.CodeUnknownEntry, Err: tracker.ErrUnknownEntry, Unchanged: true})
	}
	cur := rm.Resolve(id)
	if cur == "" {
		return "", tracker.EntryError(op, id, &tracker.Error{Code: tracker.CodeUnknownEntry, Err: tracker.ErrUnknownEntry, Unchanged: true})
	}
	return cur, nil
}
