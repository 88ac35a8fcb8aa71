package tracker

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// eventRow is one row of the events table.
type eventRow struct {
	ID     int64  `gorm:"column:id"`
	At     string `gorm:"column:at"`
	Kind   string `gorm:"column:kind"`
	Target string `gorm:"column:target"`
	Old    string `gorm:"column:old"`
	New    string `gorm:"column:new"`
}

// event converts a stored row to an Event.
func (r eventRow) event() (Event, error) {
	at, err := parseStamp(r.At)
	if err != nil {
		return Event{}, fmt.Errorf("event %d: %w", r.ID, err)
	}
	return Event{ID: r.ID, At: at, Kind: r.Kind, Target: r.Target, Old: r.Old, New: r.New}, nil
}

// appendEvent adds one entry to the log, inside the caller's transaction.
func appendEvent(tx *gorm.DB, at time.Time, kind, target, old, new string) error {
	return tx.Exec("INSERT INTO events (at, kind, target, old, new) VALUES (?, ?, ?, ?, ?)",
		formatStamp(at), kind, target, old, new).Error
}

// Events returns the log from since on (zero since: all of it), oldest first.
func (s *Store) Events(since time.Time) ([]Event, error) {
	var rows []eventRow
	err := s.read("read the change log", func(db *gorm.DB) error {
		q := "SELECT id, at, kind, target, old, new FROM events"
		var args []any
		if !since.IsZero() {
			q += " WHERE at >= ?"
			args = append(args, formatStamp(since))
		}
		return db.Raw(q+" ORDER BY id", args...).Scan(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	events := make([]Event, 0, len(rows))
	for _, r := range rows {
		e, err := r.event()
		if err != nil {
			return nil, fmt.Errorf("read the change log: %w", err)
		}
		events = append(events, e)
	}
	return events, nil
}

// Undo reverts the latest change that is neither an undo nor already undone:
// a level, a skip, a profile field or an evidence entry goes back to the
// event's old value, in one transaction that appends an EventUndo whose
// Target is the undone event's id, Old the value that was undone and New the
// value restored. Calling Undo again goes further back. It returns the
// undone event, or an error wrapping ErrNothingToUndo. An import cannot be
// undone: it stops Undo.
func (s *Store) Undo() (Event, error) {
	const op = "undo"
	var undone Event
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		var r eventRow
		res := tx.Raw(`SELECT id, at, kind, target, old, new FROM events
WHERE kind <> ? AND id NOT IN (SELECT CAST(target AS INTEGER) FROM events WHERE kind = ?)
ORDER BY id DESC LIMIT 1`, EventUndo, EventUndo).Scan(&r)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNothingToUndo
		}
		e, err := r.event()
		if err != nil {
			return err
		}
		if err := s.revert(tx, e, now); err != nil {
			return err
		}
		undone = e
		return appendEvent(tx, now, EventUndo, strconv.FormatInt(e.ID, 10), e.New, e.Old)
	})
	if err != nil {
		return Event{}, err
	}
	return undone, nil
}

// revert puts back the old value of one event.
func (s *Store) revert(tx *gorm.DB, e Event, now time.Time) error {
	if e.Kind == EventLevel || e.Kind == EventSkip {
		// The log may come from an old import that was not checked.
		if err := validateItemID(e.Target); err != nil {
			return fmt.Errorf("the change log holds an entry id that is not valid, so change #%d cannot be undone: %w", e.ID, err)
		}
	}
	switch e.Kind {
	case EventLevel:
		l, err := strconv.Atoi(e.Old)
		if err != nil {
			return fmt.Errorf("event %d: old level %q is not a number", e.ID, e.Old)
		}
		return restoreLevel(tx, e.Target, l, now)
	case EventSkip:
		b, err := strconv.ParseBool(e.Old)
		if err != nil {
			return fmt.Errorf("event %d: old value %q is not true or false", e.ID, e.Old)
		}
		return putSkipped(tx, e.Target, b, now)
	case EventProfile:
		return s.setProfileField(tx, e.Target, e.Old, now)
	case EventEvidence:
		return revertEvidence(tx, e, now)
	case EventImport:
		return fmt.Errorf("%w: the latest change is the import of %s, which cannot be undone", ErrNothingToUndo, Visible(e.Target))
	}
	return fmt.Errorf("%w: the latest change (%s %s) cannot be undone", ErrNothingToUndo, Visible(e.Kind), Visible(e.Target))
}

// revertEvidence undoes an evidence change: an addition is deleted, a
// deletion is put back with the same id, an edit gets its old content back.
func revertEvidence(tx *gorm.DB, e Event, now time.Time) error {
	var old, cur Evidence
	if e.Old != "" {
		if err := json.Unmarshal([]byte(e.Old), &old); err != nil {
			return fmt.Errorf("event %d: old evidence is not readable: %w", e.ID, err)
		}
	}
	if e.New != "" {
		if err := json.Unmarshal([]byte(e.New), &cur); err != nil {
			return fmt.Errorf("event %d: new evidence is not readable: %w", e.ID, err)
		}
	}
	if e.Old != "" {
		// Only evidence that passes the checks of a live edit goes back.
		if err := checkEvidenceContent(&old, now.Add(clockSlack)); err != nil {
			return fmt.Errorf("the change log holds evidence that is not valid, so event %d cannot be undone: %w", e.ID, err)
		}
	}
	switch {
	case e.Old == "" && e.New != "":
		return tx.Exec("DELETE FROM evidence WHERE id = ?", cur.ID).Error
	case e.Old != "" && e.New == "":
		return insertEvidence(tx, evidenceRowOf(old))
	case e.Old != "" && e.New != "":
		return updateEvidence(tx, evidenceRowOf(old))
	}
	return fmt.Errorf("event %d: evidence event with neither old nor new value", e.ID)
}
