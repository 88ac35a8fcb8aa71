package store

import (
	"devpath/tracker"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// eventRow is one row of the events table.
type eventRow struct {
	ID     int64  `gorm:"column:id;primaryKey"`
	At     string `gorm:"column:at"`
	Kind   string `gorm:"column:kind"`
	Target string `gorm:"column:target"`
	Old    string `gorm:"column:old"`
	New    string `gorm:"column:new"`
}

// TableName is the change log's table.
func (eventRow) TableName() string { return "events" }

// event converts a stored row to an Event.
func (r eventRow) event() (tracker.Event, error) {
	at, err := parseStamp(r.At)
	if err != nil {
		return tracker.Event{}, fmt.Errorf("event %d: %w", r.ID, err)
	}
	return tracker.Event{ID: r.ID, At: at, Kind: r.Kind, Target: r.Target, Old: r.Old, New: r.New}, nil
}

// appendEvent adds one entry to the log, inside the caller's transaction.
func appendEvent(tx *gorm.DB, at time.Time, kind, target, old, new string) error {
	// Every change writes one event: plain SQL keeps that cheap (GORM's
	// Create would build the statement each time and read the new id back,
	// which nothing needs).
	return tx.Exec("INSERT INTO events (at, kind, target, old, new) VALUES (?, ?, ?, ?, ?)",
		formatStamp(at), kind, target, old, new).Error
}

// Events returns the log from since on (zero since: all of it), oldest first.
func (s *Store) Events(since time.Time) ([]tracker.Event, error) {
	var rows []eventRow
	err := s.read("read the change log", func(db *gorm.DB) error {
		q := db.Order("id")
		if !since.IsZero() {
			// Stamps compare as text in time order (formatStamp).
			q = q.Where("at >= ?", formatStamp(since))
		}
		return q.Find(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	events := make([]tracker.Event, 0, len(rows))
	for _, r := range rows {
		e, err := r.event()
		if err != nil {
			return nil, fmt.Errorf("read the change log: %w", err)
		}
		events = append(events, e)
	}
	return events, nil
}

// undoState is where undo and redo stand after the whole log: the changes
// still in effect, in the order they took effect, and the undos that can be
// redone, the latest last. Both live only in the log, so they survive a
// restart and travel with a backup.
//
// The log spells them with one kind of event. An undo names the change it
// reverted; a redo is an undo of that undo; undoing a redone change names
// the change again. A new change (or an import) empties the redo stack; an
// import also ends what can be undone.
type undoState struct {
	byID   map[int64]eventRow
	active []int64 // ids of changes in effect
	redo   []int64 // ids of undos that can be redone
	// imported is the latest import when nothing after it is left to undo.
	imported *eventRow
}

// loadUndoState replays the log's kinds and targets, inside the caller's
// transaction.
func loadUndoState(tx *gorm.DB) (undoState, error) {
	var rows []eventRow
	if err := tx.Order("id").Find(&rows).Error; err != nil {
		return undoState{}, err
	}
	u := undoState{byID: make(map[int64]eventRow, len(rows))}
	remove := func(list []int64, id int64) []int64 {
		for i := len(list) - 1; i >= 0; i-- {
			if list[i] == id {
				return append(list[:i:i], list[i+1:]...)
			}
		}
		return list
	}
	for _, r := range rows {
		u.byID[r.ID] = r
		switch r.Kind {
		case tracker.EventUndo:
			id, err := strconv.ParseInt(r.Target, 10, 64)
			if err != nil {
				continue
			}
			t, ok := u.byID[id]
			if !ok {
				continue
			}
			if t.Kind == tracker.EventUndo {
				// A redo: the change t reverted takes effect again.
				u.redo = remove(u.redo, t.ID)
				if orig, err := strconv.ParseInt(t.Target, 10, 64); err == nil {
					u.active = append(remove(u.active, orig), orig)
				}
				continue
			}
			u.active = remove(u.active, id)
			u.redo = append(u.redo, r.ID)
		case tracker.EventRoadmap:
			// Choosing a roadmap changes no progress: undo and redo pass
			// over it.
			continue
		case tracker.EventImport:
			u.active, u.redo = nil, nil
			imp := r
			u.imported = &imp
		default:
			u.active = append(u.active, r.ID)
			u.redo = nil
		}
		if len(u.active) > 0 {
			u.imported = nil
		}
	}
	return u, nil
}

// Undo reverts the latest change still in effect: a level, a skip, a
// profile field or an evidence entry goes back to the event's old value, in
// one transaction that appends an EventUndo whose Target is the undone
// event's id, Old the value that was undone and New the value restored.
// Calling Undo again goes further back; Redo brings the change back. It
// returns the undone event, or an error wrapping ErrNothingToUndo. An import
// cannot be undone: it stops Undo.
func (s *Store) Undo() (tracker.Event, error) {
	const op = "undo"
	var undone tracker.Event
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		u, err := loadUndoState(tx)
		if err != nil {
			return err
		}
		if len(u.active) == 0 {
			if u.imported != nil {
				return &tracker.Error{Code: tracker.CodeNotUndoable, Err: tracker.ErrNothingToUndo, Msg: fmt.Sprintf("the latest change is the import of %s, which cannot be undone", u.imported.Target)}
			}
			return tracker.ErrNothingToUndo
		}
		e, err := u.byID[u.active[len(u.active)-1]].event()
		if err != nil {
			return err
		}
		if err := s.revert(tx, e, now); err != nil {
			return err
		}
		undone = e
		return appendEvent(tx, now, tracker.EventUndo, strconv.FormatInt(e.ID, 10), e.New, e.Old)
	})
	if err != nil {
		return tracker.Event{}, err
	}
	return undone, nil
}

// Redo makes the most recently undone change take effect again, as long as
// no new change was made since the undo. It appends an EventUndo whose
// Target is the id of the undo it reverts, Old the value the undo had
// restored and New the value the change had set, so that the redo can be
// undone in turn. It returns the change redone, or an error wrapping
// ErrNothingToRedo.
func (s *Store) Redo() (tracker.Event, error) {
	const op = "redo"
	var redone tracker.Event
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		u, err := loadUndoState(tx)
		if err != nil {
			return err
		}
		if len(u.redo) == 0 {
			return tracker.ErrNothingToRedo
		}
		undo := u.byID[u.redo[len(u.redo)-1]]
		id, err := strconv.ParseInt(undo.Target, 10, 64)
		if err != nil {
			return fmt.Errorf("event %d: it undoes %q, which is not an event id", undo.ID, undo.Target)
		}
		orig, ok := u.byID[id]
		if !ok {
			return fmt.Errorf("event %d: it undoes event %d, which the log does not have", undo.ID, id)
		}
		e, err := orig.event()
		if err != nil {
			return err
		}
		// Reverting the swapped event puts the change's new value back.
		again := e
		again.Old, again.New = e.New, e.Old
		if err := s.revert(tx, again, now); err != nil {
			return err
		}
		redone = e
		return appendEvent(tx, now, tracker.EventUndo, strconv.FormatInt(undo.ID, 10), undo.New, undo.Old)
	})
	if err != nil {
		return tracker.Event{}, err
	}
	return redone, nil
}

// revert puts back the old value of one event.
func (s *Store) revert(tx *gorm.DB, e tracker.Event, now time.Time) error {
	if e.Kind == tracker.EventLevel || e.Kind == tracker.EventSkip {
		// The log may come from an old import that was not checked.
		if err := tracker.ValidateItemID(e.Target); err != nil {
			return fmt.Errorf("the change log holds an entry id that is not valid, so change #%d cannot be undone: %w", e.ID, err)
		}
	}
	switch e.Kind {
	case tracker.EventLevel:
		l, err := strconv.Atoi(e.Old)
		if err != nil {
			return fmt.Errorf("event %d: old level %q is not a number", e.ID, e.Old)
		}
		return restoreLevel(tx, e.Target, l, now)
	case tracker.EventSkip:
		b, err := strconv.ParseBool(e.Old)
		if err != nil {
			return fmt.Errorf("event %d: old value %q is not true or false", e.ID, e.Old)
		}
		return putSkipped(tx, e.Target, b, now)
	case tracker.EventProfile:
		return s.setProfileField(tx, e.Target, e.Old, now)
	case tracker.EventEvidence:
		return revertEvidence(tx, e, now)
	case tracker.EventImport:
		return &tracker.Error{Code: tracker.CodeNotUndoable, Err: tracker.ErrNothingToUndo, Msg: fmt.Sprintf("the latest change is the import of %s, which cannot be undone", tracker.Visible(e.Target))}
	}
	return &tracker.Error{Code: tracker.CodeNotUndoable, Err: tracker.ErrNothingToUndo, Msg: fmt.Sprintf("the latest change (%s %s) cannot be undone", tracker.Visible(e.Kind), tracker.Visible(e.Target))}
}

// revertEvidence undoes an evidence change: an addition is deleted, a
// deletion is put back with the same id, an edit gets its old content back.
func revertEvidence(tx *gorm.DB, e tracker.Event, now time.Time) error {
	var old, cur tracker.Evidence
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
		if err := tracker.CheckEvidenceContent(&old, now.Add(tracker.ClockSlack)); err != nil {
			return fmt.Errorf("the change log holds evidence that is not valid, so event %d cannot be undone: %w", e.ID, err)
		}
	}
	switch {
	case e.Old == "" && e.New != "":
		return tx.Delete(&evidenceRow{}, cur.ID).Error
	case e.Old != "" && e.New == "":
		return insertEvidence(tx, evidenceRowOf(old))
	case e.Old != "" && e.New != "":
		return updateEvidence(tx, evidenceRowOf(old))
	}
	return fmt.Errorf("event %d: evidence event with neither old nor new value", e.ID)
}
