package store

import (
	"devpath/tracker"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// MarkEntries marks the entries ids done (done true) or not started (done
// false) in one transaction that the log keeps as one change: a single
// Undo reverts all of it and a single Redo brings it back (the events share
// a step; see tracker.Event.Step).
//
// Done sets every entry below proficient (a skill) or not confirmed (a
// criterion or milestone: the same level) to that level, on date (zero
// means today); an entry already there or higher keeps its level. Not done
// sets every entry above not started back to it. An entry marked not
// applicable is left as it is either way. It returns how many entries
// changed; when none did, nothing is logged.
func (s *Store) MarkEntries(ids []string, done bool, date time.Time) (int, error) {
	op := "mark entries done"
	if !done {
		op = "mark entries not started"
	}
	if len(ids) > tracker.MaxStepEntries {
		return 0, fmt.Errorf("%s: %d entries are more than one step may change (%d)", op, len(ids), tracker.MaxStepEntries)
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if err := tracker.ValidateItemID(id); err != nil {
			return 0, tracker.EntryError(op, id, err)
		}
		if seen[id] {
			return 0, fmt.Errorf("%s: %s is listed twice", op, id)
		}
		seen[id] = true
	}
	today := s.today()
	if date.IsZero() {
		date = today
	}
	date, err := tracker.CheckOptionalDay("date", date, today)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	changed := 0
	err = s.write(op, func(tx *gorm.DB, now time.Time) error {
		changed = 0
		u, err := loadUndoState(tx)
		if err != nil {
			return err
		}
		step := u.nextStep()
		type change struct {
			id       string
			old, new int
		}
		var changes []change
		for _, id := range ids {
			cur, err := loadItem(tx, id)
			if err != nil {
				return err
			}
			want := cur.Level
			switch {
			case cur.Skipped:
			case done && cur.Level < int(tracker.Proficient):
				want = int(tracker.Proficient)
			case !done:
				want = int(tracker.NotStarted)
			}
			if want != cur.Level {
				changes = append(changes, change{id, cur.Level, want})
			}
		}
		if len(changes) == 1 {
			// One entry is an ordinary change, worded as one.
			step = 0
		}
		for _, c := range changes {
			if err := putLevel(tx, c.id, c.new, date, now); err != nil {
				return err
			}
			if err := appendStepEvent(tx, now, step, tracker.EventLevel, c.id, strconv.Itoa(c.old), strconv.Itoa(c.new)); err != nil {
				return err
			}
		}
		changed = len(changes)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return changed, nil
}
