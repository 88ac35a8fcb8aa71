package store

import (
	"database/sql"
	"devpath/tracker"
	"encoding/json"
	"fmt"
	"slices"
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
	// Step is 0 on a database before schema version 8, which has no such
	// column: reads select every column there is, so it stays zero.
	Step int64 `gorm:"column:step"`
}

// TableName is the change log's table.
func (eventRow) TableName() string { return "events" }

// event converts a stored row to an Event.
func (r eventRow) event() (tracker.Event, error) {
	at, err := parseStamp(r.At)
	if err != nil {
		return tracker.Event{}, fmt.Errorf("event %d: %w", r.ID, err)
	}
	return tracker.Event{ID: r.ID, At: at, Kind: r.Kind, Target: r.Target, Old: r.Old, New: r.New, Step: r.Step}, nil
}

// appendEvent adds one entry to the log, inside the caller's transaction.
func appendEvent(tx *gorm.DB, at time.Time, kind, target, old, new string) error {
	// Every change writes one event: plain SQL keeps that cheap (GORM's
	// Create would build the statement each time and read the new id back,
	// which nothing needs).
	return tx.Exec("INSERT INTO events (at, kind, target, old, new) VALUES (?, ?, ?, ?, ?)",
		formatStamp(at), kind, target, old, new).Error
}

// appendStepEvent adds one entry of a step of several (step non-zero; see
// tracker.Event.Step) to the log, inside the caller's transaction. Step 0
// writes an event that is a change on its own, as appendEvent does.
func appendStepEvent(tx *gorm.DB, at time.Time, step int64, kind, target, old, new string) error {
	if step == 0 {
		return appendEvent(tx, at, kind, target, old, new)
	}
	return tx.Exec("INSERT INTO events (at, kind, target, old, new, step) VALUES (?, ?, ?, ?, ?, ?)",
		formatStamp(at), kind, target, old, new, step).Error
}

// Events returns the log from since on (zero since: all of it), oldest first.
//
// The rows are scanned one at a time rather than found as a slice of
// models: the plan's pace reads the whole log at each load of the
// Dashboard, and on the large database (100,000 events) the models took
// 98 MB of allocations and 0.55 s per read (BENCHMARKS.md).
func (s *Store) Events(since time.Time) ([]tracker.Event, error) {
	var events []tracker.Event
	err := s.read("read the change log", func(db *gorm.DB) error {
		q := db.Model(&eventRow{}).Order("id")
		if !since.IsZero() {
			// Stamps compare as text in time order (formatStamp).
			q = q.Where("at >= ?", formatStamp(since))
		}
		// A new session, so that the count and the read each build their
		// statement from the query and not from each other's.
		q = q.Session(&gorm.Session{})
		// Counting first sizes the slice once: grown by appends, the large
		// log's slice would be copied again at each growth.
		var n int64
		if err := q.Count(&n).Error; err != nil {
			return err
		}
		rows, err := q.Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		var (
			r     eventRow
			stamp sql.RawBytes
		)
		dest := make([]any, len(cols))
		for i, c := range cols {
			switch c {
			case "id":
				dest[i] = &r.ID
			case "at":
				dest[i] = &stamp
			case "kind":
				dest[i] = &r.Kind
			case "target":
				dest[i] = &r.Target
			case "old":
				dest[i] = &r.Old
			case "new":
				dest[i] = &r.New
			case "step":
				dest[i] = &r.Step
			default:
				dest[i] = new(any)
			}
		}
		events = make([]tracker.Event, 0, n)
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			at, err := parseStampBytes(stamp)
			if err != nil {
				return fmt.Errorf("read the change log: event %d: %w", r.ID, err)
			}
			events = append(events, tracker.Event{ID: r.ID, At: at, Kind: r.Kind, Target: r.Target, Old: r.Old, New: r.New, Step: r.Step})
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
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
//
// A change is a unit: one event, or the run of consecutive events that
// share a non-zero step (a stage marked done in one go). Its undo is a unit
// too, one undo event per event of the change, and so is its redo.
type undoState struct {
	byID map[int64]eventRow
	// unitOf maps an event id to its unit's key (the unit's first id);
	// units maps a key to the unit's event ids in log order.
	unitOf map[int64]int64
	units  map[int64][]int64
	active []int64 // keys of the changes in effect
	redo   []int64 // keys of the undos that can be redone
	// imported is the latest import when nothing after it is left to undo.
	imported *eventRow
	// lastStep is the step of the log's last event, lastID its id.
	lastStep, lastID int64
}

// loadUndoState replays the log's kinds and targets, inside the caller's
// transaction.
func loadUndoState(tx *gorm.DB) (undoState, error) {
	var rows []eventRow
	if err := tx.Order("id").Find(&rows).Error; err != nil {
		return undoState{}, err
	}
	u := undoState{byID: make(map[int64]eventRow, len(rows)), unitOf: make(map[int64]int64, len(rows)), units: make(map[int64][]int64, len(rows))}
	if n := len(rows); n > 0 {
		u.lastStep, u.lastID = rows[n-1].Step, rows[n-1].ID
	}
	remove := func(list []int64, id int64) []int64 {
		for i := len(list) - 1; i >= 0; i-- {
			if list[i] == id {
				return append(list[:i:i], list[i+1:]...)
			}
		}
		return list
	}
	for start := 0; start < len(rows); {
		end := start + 1
		for rows[start].Step != 0 && end < len(rows) && rows[end].Step == rows[start].Step {
			end++
		}
		key := rows[start].ID
		for _, r := range rows[start:end] {
			u.byID[r.ID] = r
			u.unitOf[r.ID] = key
			u.units[key] = append(u.units[key], r.ID)
		}
		r := rows[start]
		start = end
		switch r.Kind {
		case tracker.EventUndo:
			// The unit's first undo tells which unit it reverts: every
			// undo of a unit names an event of the same unit.
			id, err := strconv.ParseInt(r.Target, 10, 64)
			if err != nil {
				continue
			}
			t, ok := u.byID[id]
			if !ok {
				continue
			}
			if t.Kind == tracker.EventUndo {
				// A redo: the change t's unit reverted takes effect again.
				u.redo = remove(u.redo, u.unitOf[t.ID])
				if orig, err := strconv.ParseInt(t.Target, 10, 64); err == nil {
					if k, ok := u.unitOf[orig]; ok {
						u.active = append(remove(u.active, k), k)
					}
				}
				continue
			}
			u.active = remove(u.active, u.unitOf[id])
			u.redo = append(u.redo, key)
		case tracker.EventRoadmap:
			// Choosing a roadmap changes no progress: undo and redo pass
			// over it.
			continue
		case tracker.EventImport:
			u.active, u.redo = nil, nil
			imp := r
			u.imported = &imp
		default:
			u.active = append(u.active, key)
			u.redo = nil
		}
		if len(u.active) > 0 {
			u.imported = nil
		}
	}
	return u, nil
}

// nextStep returns a step number for a unit about to be appended: one the
// log's last event does not carry, so the new unit's events never run on
// from it. One more than the last id is such a number unless a backup
// brought in steps numbered otherwise.
func (u undoState) nextStep() int64 {
	step := u.lastID + 1
	if step == u.lastStep {
		step++
	}
	return step
}

// Undo reverts the latest change still in effect: a level, a skip, a
// profile field or an evidence entry goes back to the event's old value, in
// one transaction that appends an EventUndo whose Target is the undone
// event's id, Old the value that was undone and New the value restored.
// Calling Undo again goes further back; Redo brings the change back. It
// returns the undone event (the first, when the change was a step of
// several: see UndoStep), or an error wrapping ErrNothingToUndo. An import
// cannot be undone: it stops Undo.
func (s *Store) Undo() (tracker.Event, error) {
	evs, err := s.UndoStep()
	if err != nil {
		return tracker.Event{}, err
	}
	return evs[0], nil
}

// UndoStep is Undo for a change of any size: it reverts every event of the
// latest change still in effect, the last first, appending one EventUndo
// for each (sharing a step when there are several), all in one
// transaction. It returns the events undone in log order.
func (s *Store) UndoStep() ([]tracker.Event, error) {
	const op = "undo"
	var undone []tracker.Event
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		undone = nil
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
		ids := u.units[u.active[len(u.active)-1]]
		var step int64
		if len(ids) > 1 {
			step = u.nextStep()
		}
		for i := len(ids) - 1; i >= 0; i-- {
			e, err := u.byID[ids[i]].event()
			if err != nil {
				return err
			}
			if err := s.revert(tx, e, now); err != nil {
				return err
			}
			if err := appendStepEvent(tx, now, step, tracker.EventUndo, strconv.FormatInt(e.ID, 10), e.New, e.Old); err != nil {
				return err
			}
			undone = append(undone, e)
		}
		slices.Reverse(undone)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return undone, nil
}

// Redo makes the most recently undone change take effect again, as long as
// no new change was made since the undo. It appends an EventUndo whose
// Target is the id of the undo it reverts, Old the value the undo had
// restored and New the value the change had set, so that the redo can be
// undone in turn. It returns the change redone (its first event, when it
// was a step of several: see RedoStep), or an error wrapping
// ErrNothingToRedo.
func (s *Store) Redo() (tracker.Event, error) {
	evs, err := s.RedoStep()
	if err != nil {
		return tracker.Event{}, err
	}
	return evs[0], nil
}

// RedoStep is Redo for a change of any size: every event of the change the
// latest undo reverted takes effect again, in log order, in one
// transaction. It returns the change's events in log order.
func (s *Store) RedoStep() ([]tracker.Event, error) {
	const op = "redo"
	var redone []tracker.Event
	err := s.write(op, func(tx *gorm.DB, now time.Time) error {
		redone = nil
		u, err := loadUndoState(tx)
		if err != nil {
			return err
		}
		if len(u.redo) == 0 {
			return tracker.ErrNothingToRedo
		}
		undos := u.units[u.redo[len(u.redo)-1]]
		var step int64
		if len(undos) > 1 {
			step = u.nextStep()
		}
		// The undos were written last event first: going through them
		// backwards redoes the change in its own order.
		for i := len(undos) - 1; i >= 0; i-- {
			undo := u.byID[undos[i]]
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
			if err := appendStepEvent(tx, now, step, tracker.EventUndo, strconv.FormatInt(undo.ID, 10), undo.New, undo.Old); err != nil {
				return err
			}
			redone = append(redone, e)
		}
		return nil
	})
	if err != nil {
		return nil, err
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
	case tracker.EventTarget, tracker.EventPlan, tracker.EventReconfirm, tracker.EventCadence:
		return revertPlan(tx, e, now)
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
