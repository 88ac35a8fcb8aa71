package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"devpath/roadmap"
	"devpath/tracker"
)

// maxSteps is the most changes ReadinessSeries.Steps holds: a day with more
// is drawn from its daily point alone.
const maxSteps = 500

// ReadinessHistory returns the readiness score over time, as History would
// compute it from Events, without holding the log in memory: the events are
// read in one pass in id order with only what the replay needs.
func (s *Store) ReadinessHistory(rm *roadmap.Roadmap, today time.Time) (tracker.ReadinessSeries, error) {
	return s.CachedReadinessHistory(&HistoryCache{}, rm, today)
}

// HistoryCache keeps the replay of the event log between calls of
// CachedReadinessHistory, so that a call reads only the events added since
// the one before: the History screen then stays fast however long the log.
// The zero value is an empty cache. It is safe for concurrent use.
type HistoryCache struct {
	mu    sync.Mutex
	store *Store
	rm    *roadmap.Roadmap
	st    *seriesState
}

// CachedReadinessHistory is ReadinessHistory kept up to date in c: it
// replays only the events logged since c was last brought up to date, and
// the whole log again when c was made for another store or roadmap or when
// the log changed otherwise than by new events (a restore, a clock set
// back).
func (s *Store) CachedReadinessHistory(c *HistoryCache, rm *roadmap.Roadmap, today time.Time) (tracker.ReadinessSeries, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out tracker.ReadinessSeries
	err := s.read("read the history of readiness", func(db *gorm.DB) error {
		if c.store != s || c.rm != rm || c.st == nil {
			c.store, c.rm, c.st = s, rm, nil
		}
		if c.st != nil {
			ok, err := c.st.stillPrefix(db)
			if err != nil {
				return err
			}
			if !ok {
				c.st = nil
			}
		}
		st := c.st
		if st == nil {
			st = newSeriesState(rm)
		}
		err := st.read(db)
		if errors.Is(err, errUnsorted) {
			// Times out of order (the clock was set back): replay the
			// whole log in time order, as History does, and keep no cache.
			c.st = nil
			st = newSeriesState(rm)
			st.order = "e.at, e.id"
			err = st.read(db)
			if err == nil {
				out = st.result(today)
			}
			return err
		}
		if err != nil {
			c.st = nil
			return err
		}
		c.st = st
		out = st.result(today)
		return nil
	})
	if err != nil {
		return tracker.ReadinessSeries{}, err
	}
	return out, nil
}

// errUnsorted stops a replay in id order that met a time earlier than the
// one before.
var errUnsorted = errors.New("event times are not in id order")

// historyQuery reads the event log for a replay: the time, kind and target
// of each event, and the new value of the kinds that set one (an evidence
// entry's text is not needed).
const historyQuery = `SELECT at, kind, target,
	CASE WHEN kind IN ('level', 'skip', 'profile') THEN new ELSE '' END
FROM events e WHERE e.id > ? AND e.id <= ? ORDER BY `

// undoQuery reads, for each undo in the order of historyQuery, the kind,
// target and old value of the event it names (NULL when it names none). A
// redo is an undo that names an undo: it re-applies the new value of the
// change that undo reverted.
const undoQuery = `SELECT e.target, u.id,
	CASE WHEN u.kind = 'undo' THEN o.kind ELSE u.kind END,
	CASE WHEN u.kind = 'undo' THEN o.target ELSE u.target END,
	CASE WHEN u.kind = 'undo' THEN o.new ELSE u.old END
FROM events e LEFT JOIN events u ON trim(e.target) <> '' AND trim(e.target) NOT GLOB '*[^0-9]*'
	AND u.id = CAST(trim(e.target) AS INTEGER)
LEFT JOIN events o ON u.kind = 'undo' AND trim(u.target) <> '' AND trim(u.target) NOT GLOB '*[^0-9]*'
	AND o.id = CAST(trim(u.target) AS INTEGER) AND o.kind <> 'undo'
WHERE e.kind = 'undo' AND e.id > ? AND e.id <= ? ORDER BY `

// undoTarget is what an undo re-applies: the old value of the event it
// names.
type undoTarget struct {
	ok                  bool
	kind, target, value string
}

// seriesState is a replay of the event log up to an event, which more
// events can continue.
type seriesState struct {
	order string // of the rows: "e.id", or "e.at, e.id" for a log out of time order

	r        *tracker.Replay
	d        tracker.DayTracker
	prev     time.Time
	points   []tracker.Point // of the days that ended
	steps    []tracker.Point
	days     int // days that ended
	stepsOff bool
	started  bool

	// The log replayed so far: its last id, its length, and the time
	// recorded for its last event, to notice a log replaced meanwhile.
	lastID    int64
	count     int64
	lastStamp string
}

func newSeriesState(rm *roadmap.Roadmap) *seriesState {
	return &seriesState{order: "e.id", r: tracker.NewReplay(rm, len(rm.Entries()))}
}

// stillPrefix reports whether the log still begins with the events
// replayed so far.
func (st *seriesState) stillPrefix(db *gorm.DB) (bool, error) {
	var n int64
	var stamp sql.NullString
	if err := db.Raw("SELECT COUNT(*), (SELECT at FROM events WHERE id = ?) FROM events WHERE id <= ?", st.lastID, st.lastID).Row().Scan(&n, &stamp); err != nil {
		return false, err
	}
	return n == st.count && stamp.String == st.lastStamp, nil
}

// read replays the events after the last one replayed.
func (st *seriesState) read(db *gorm.DB) error {
	if st.r.Empty() {
		return nil
	}
	var maxID sql.NullInt64
	var n int64
	if err := db.Raw("SELECT MAX(id), COUNT(*) FROM events WHERE id > ?", st.lastID).Row().Scan(&maxID, &n); err != nil {
		return err
	}
	if !maxID.Valid || n == 0 {
		return nil
	}
	upTo := maxID.Int64

	// The undos are few: read what each re-applies first, in log order.
	var undos []undoTarget
	urows, err := db.Raw(undoQuery+st.order, st.lastID, upTo).Rows()
	if err != nil {
		return err
	}
	for urows.Next() {
		var target string
		var id sql.NullInt64
		var kind, tgt, old sql.NullString
		if err := urows.Scan(&target, &id, &kind, &tgt, &old); err != nil {
			urows.Close()
			return err
		}
		n, perr := strconv.ParseInt(strings.TrimSpace(target), 10, 64)
		undos = append(undos, undoTarget{ok: perr == nil && id.Valid && id.Int64 == n, kind: kind.String, target: tgt.String, value: old.String})
	}
	urows.Close()
	if err := urows.Err(); err != nil {
		return err
	}

	rows, err := db.Raw(historyQuery+st.order, st.lastID, upTo).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var stamp, kind, target, val sql.RawBytes
	r := st.r
	last := ""
	for rows.Next() {
		if err := rows.Scan(&stamp, &kind, &target, &val); err != nil {
			return err
		}
		at, err := parseStampBytes(stamp)
		if err != nil {
			return fmt.Errorf("read the change log: %w", err)
		}
		if st.started && at.Before(st.prev) && st.order == "e.id" {
			return errUnsorted
		}
		if !st.started {
			st.steps = append(st.steps, r.Point(tracker.Day(at)))
			st.steps[0].At = at
		}
		st.prev, st.started = at, true
		last = string(stamp)
		if day, changed := st.d.Next(at); changed {
			st.points = append(st.points, r.Point(day))
			st.days++
		}
		var k, t, v string
		switch string(kind) {
		case tracker.EventLevel, tracker.EventSkip, tracker.EventProfile:
			k, t, v = string(kind), string(target), string(val)
		case tracker.EventUndo:
			if len(undos) == 0 {
				return errors.New("read the change log: an undo appeared while it was read")
			}
			u := undos[0]
			undos = undos[1:]
			if !u.ok {
				continue
			}
			k, t, v = u.kind, u.target, u.value
			if k != tracker.EventLevel && k != tracker.EventSkip && k != tracker.EventProfile {
				continue
			}
		default:
			continue
		}
		r.Apply(k, t, v, at)
		if st.days == 0 && !st.stepsOff {
			if len(st.steps) > maxSteps {
				st.steps, st.stepsOff = nil, true
			} else {
				p := r.Point(st.d.Day())
				p.At = at
				st.steps = append(st.steps, p)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	st.lastID, st.count = upTo, st.count+n
	if st.order == "e.id" {
		st.lastStamp = last
	}
	return nil
}

// result is the series as of the events replayed, with today's point; it
// leaves the state as it is.
func (st *seriesState) result(today time.Time) tracker.ReadinessSeries {
	out := tracker.ReadinessSeries{Points: []tracker.Point{}}
	if !st.started {
		return out
	}
	out.Points = st.r.Finish(slices.Clone(st.points), st.d.Day(), today)
	if st.days == 0 && !st.stepsOff {
		out.Steps = slices.Clone(st.steps)
	}
	return out
}

// parseStampBytes reads an instant as formatStamp writes it, without the
// general parser's cost for the usual layout.
func parseStampBytes(b []byte) (time.Time, error) {
	if len(b) == len(stampLayout) && b[4] == '-' && b[7] == '-' && b[10] == 'T' && b[13] == ':' && b[16] == ':' && b[19] == '.' && b[29] == 'Z' {
		num := func(i, j int) (int, bool) {
			n := 0
			for _, c := range b[i:j] {
				if c < '0' || c > '9' {
					return 0, false
				}
				n = n*10 + int(c-'0')
			}
			return n, true
		}
		y, ok1 := num(0, 4)
		mo, ok2 := num(5, 7)
		dd, ok3 := num(8, 10)
		h, ok4 := num(11, 13)
		mi, ok5 := num(14, 16)
		sec, ok6 := num(17, 19)
		ns, ok7 := num(20, 29)
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 && h < 24 && mi < 60 && sec < 60 {
			t := time.Date(y, time.Month(mo), dd, h, mi, sec, ns, time.UTC)
			if t.Day() == dd {
				return t, nil
			}
		}
	}
	return parseStamp(string(b))
}
