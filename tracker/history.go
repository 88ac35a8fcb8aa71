package tracker

import (
	"cmp"
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
)

// Point is the readiness score at the end of one day.
type Point struct {
	// At is the calendar day (midnight UTC).
	At time.Time `json:"at"`
	// Score is the readiness score, as Assess computes it.
	Score float64 `json:"score"`
	// Stage is the id of the stage the score was measured for.
	Stage string `json:"stage"`
}

// History replays the event log (oldest first) from an empty progress and
// returns the readiness score over time: one point per calendar day that had
// events, with the score as of the end of that day and the experience
// measured at that day, and a last point for today when the last event is
// older. It returns an empty slice when there are no events.
//
// The replay starts from the defaults of a new profile (the roadmap's first
// stage, region uk, no stage date) and applies each event's new value: a
// level, a skipped flag, a profile field; an undo event re-applies the old
// value of the event it undid. Evidence and import events do not change the
// score. Each score equals what Assess reports for the progress replayed so
// far; it is kept up to date one event at a time, so the cost is linear in
// the number of events, plus one recount of the stage's entries per change of
// stage, branch or track.
//
// rm must be indexed (see Assess).
func History(rm *roadmap.Roadmap, events []Event, today time.Time) []Point {
	pts := []Point{}
	if len(events) == 0 || len(rm.Stages) == 0 {
		return pts
	}
	if !slices.IsSortedFunc(events, func(a, b Event) int { return a.At.Compare(b.At) }) {
		events = slices.Clone(events)
		slices.SortStableFunc(events, func(a, b Event) int { return a.At.Compare(b.At) })
	}
	r := newReplay(rm, len(events))
	find := eventFinder(events)
	var d dayTracker
	for i := range events {
		ev := &events[i]
		if day, changed := d.next(ev.At); changed {
			pts = append(pts, r.point(day))
		}
		switch ev.Kind {
		case EventLevel, EventSkip, EventProfile:
			r.set1(ev.Kind, ev.Target, ev.New, ev.At)
		case EventUndo:
			id, err := strconv.ParseInt(strings.TrimSpace(ev.Target), 10, 64)
			if err != nil {
				continue
			}
			u := find(id)
			if u == nil {
				continue
			}
			if u.Kind != EventUndo {
				r.set1(u.Kind, u.Target, u.Old, ev.At)
				continue
			}
			// A redo (an undo of an undo): the change that undo reverted
			// takes effect again.
			if oid, err := strconv.ParseInt(strings.TrimSpace(u.Target), 10, 64); err == nil {
				if o := find(oid); o != nil && o.Kind != EventUndo {
					r.set1(o.Kind, o.Target, o.New, ev.At)
				}
			}
		}
	}
	return r.finish(pts, d.cur.time(), today)
}

// finish appends the point of the last day with events, and one for today
// when that day is older.
func (r *replay) finish(pts []Point, day, today time.Time) []Point {
	pts = append(pts, r.point(day))
	if t := calendarDay(today); day.Before(t) {
		pts = append(pts, r.point(t))
	}
	return pts
}

// dayTracker follows the calendar day of a series of instants in time
// order. The day changes when an instant is at or past the start of the next
// day (in the instant's own location); the date is only worked out then.
type dayTracker struct {
	started bool
	cur     civilDay
	end     time.Time // start of the day after cur
	loc     *time.Location
}

// next moves to the day of at. When that is a new day, it returns the day
// that ended (midnight UTC) and true.
func (d *dayTracker) next(at time.Time) (time.Time, bool) {
	if d.started && at.Location() == d.loc && at.Before(d.end) {
		return time.Time{}, false
	}
	c := civilDayOf(at)
	ended, changed := d.cur.time(), d.started && c != d.cur
	d.started, d.cur, d.loc = true, c, at.Location()
	d.end = time.Date(c.y, c.m, c.d+1, 0, 0, 0, 0, d.loc)
	return ended, changed
}

// eventFinder returns a lookup of events by id: a binary search when the ids
// are ascending, else a map built on the first call.
func eventFinder(events []Event) func(id int64) *Event {
	if slices.IsSortedFunc(events, func(a, b Event) int { return cmp.Compare(a.ID, b.ID) }) {
		return func(id int64) *Event {
			if i, ok := slices.BinarySearchFunc(events, id, func(e Event, id int64) int { return cmp.Compare(e.ID, id) }); ok {
				return &events[i]
			}
			return nil
		}
	}
	var byID map[int64]int
	return func(id int64) *Event {
		if byID == nil {
			byID = make(map[int64]int, len(events))
			for i := range events {
				byID[events[i].ID] = i
			}
		}
		if i, ok := byID[id]; ok {
			return &events[i]
		}
		return nil
	}
}

// civilDay is a calendar date.
type civilDay struct {
	y int
	m time.Month
	d int
}

// civilDayOf returns the calendar date of t in t's own location.
func civilDayOf(t time.Time) civilDay {
	y, m, d := t.Date()
	return civilDay{y, m, d}
}

// time returns the day as midnight UTC.
func (c civilDay) time() time.Time { return time.Date(c.y, c.m, c.d, 0, 0, 0, 0, time.UTC) }

// calendarDay returns the calendar day of t (in t's own location) as midnight UTC.
func calendarDay(t time.Time) time.Time { return Day(t) }

// replay is the state of a replay of the event log: the states as
// recorded (by the id each event named), the profile, and the tally of the
// current stage's active entries, kept in step with every change.
type replay struct {
	rm  *roadmap.Roadmap
	set roadmap.Readiness

	// Every id seen in the log has a slot; ids maps it to its position and
	// names holds it. Slots are small, so that the replay of a long log stays
	// in the processor's cache.
	slots   []slot
	ids     map[string]int32
	names   []string
	formers map[int32][]int32 // current-id slot -> the slots of its former ids seen so far
	groups  map[string]uint8  // track and branch ids -> small numbers (0 is "none")

	prof   Profile
	si     int16 // index of the current stage
	track  uint8 // the profile's track, as a group number
	branch uint8 // the chosen branch when its items count for the stage, else 0
	tr     *roadmap.Transition
	t      tally
}

// slot is one id seen in the event log (a current id of the roadmap, a
// former id, or an id the roadmap does not know) with what the replay needs
// of its entry and the state recorded under it.
type slot struct {
	cur     int32 // slot of the entry's current id; -1 when the roadmap does not know the id
	at      int64 // when the state was last set, in Unix nanoseconds
	stage   int16 // index of the entry's stage; -1 for branch items and unknown ids
	level   int16
	kind    uint8 // kindSkill…; 0 when unknown
	group   uint8 // of a skill: its group's track; of a branch item: its branch (group numbers)
	has     bool  // a state was recorded under this id
	skipped bool
}

// Entry kinds in a slot.
const (
	kindUnknown uint8 = iota
	kindSkill
	kindBranch
	kindCriterion
	kindMilestone
)

// kindNames are the roadmap kinds of the slot kinds.
var kindNames = [...]string{"", roadmap.KindSkill, roadmap.KindBranchItem, roadmap.KindCriterion, roadmap.KindMilestone}

// slotKind returns the slot kind of a roadmap kind.
func slotKind(kind string) uint8 {
	switch kind {
	case roadmap.KindSkill:
		return kindSkill
	case roadmap.KindBranchItem:
		return kindBranch
	case roadmap.KindCriterion:
		return kindCriterion
	case roadmap.KindMilestone:
		return kindMilestone
	}
	return kindUnknown
}

// state returns the state recorded in slot i.
func (r *replay) state(i int32) ItemState {
	s := &r.slots[i]
	return ItemState{ID: r.names[i], Level: Level(s.level), Skipped: s.skipped, UpdatedAt: time.Unix(0, s.at).UTC()}
}

// newReplay starts a replay of a log of about n events from a new profile.
func newReplay(rm *roadmap.Roadmap, n int) *replay {
	n = min(n, len(rm.Entries())+16)
	r := &replay{
		rm:     rm,
		set:    ReadinessSettings(rm),
		slots:  make([]slot, 0, n),
		ids:    make(map[string]int32, n),
		names:  make([]string, 0, n),
		groups: map[string]uint8{},
		prof:   Profile{Stage: rm.Stages[0].ID, Region: roadmap.RegionUK},
	}
	r.retally()
	return r
}

// group returns the number of a track or branch id; "" is 0. Ids past the
// 255th share the last number, which only a roadmap with that many tracks and
// branches could reach.
func (r *replay) group(id string) uint8 {
	if id == "" {
		return 0
	}
	if g, ok := r.groups[id]; ok {
		return g
	}
	g := uint8(min(len(r.groups)+1, 255))
	r.groups[id] = g
	return g
}

// point returns the score at the end of day.
func (r *replay) point(day time.Time) Point {
	c := r.t.components(experienceFor(r.tr, r.prof.StageSince, day))
	return Point{At: day, Score: weightedScore(r.set.Weights, c), Stage: r.rm.Stages[r.si].ID}
}

// set1 sets one value, as an event of the given kind records it; at is the
// time of the event that sets it.
func (r *replay) set1(kind, target, value string, at time.Time) {
	value = strings.TrimSpace(value)
	switch kind {
	case EventLevel:
		l := 0
		if value != "" {
			n, err := strconv.Atoi(value)
			if err != nil {
				return
			}
			l = n
		}
		r.setItem(target, at, EventLevel, Level(l), false)
	case EventSkip:
		b := false
		if value != "" {
			v, err := strconv.ParseBool(value)
			if err != nil {
				return
			}
			b = v
		}
		r.setItem(target, at, EventSkip, 0, b)
	case EventProfile:
		r.setProfile(target, value)
	}
}

// setItem sets the level (kind EventLevel) or the skipped flag (EventSkip)
// recorded under id and keeps the tally in step.
func (r *replay) setItem(id string, at time.Time, kind string, l Level, skipped bool) {
	i := r.slotOf(id)
	c := r.slots[i].cur
	active := c >= 0 && r.active(&r.slots[c])
	if active {
		r.t.add(kindNames[r.slots[c].kind], r.effective(c), -1)
	}
	s := &r.slots[i]
	s.has = true
	if kind == EventLevel {
		s.level = int16(min(max(l, -1), 1000))
	} else {
		s.skipped = skipped
	}
	s.at = at.UnixNano()
	if active {
		r.t.add(kindNames[r.slots[c].kind], r.effective(c), 1)
	}
}

// slotOf returns the slot of id, making it (and, for a former id, the slot
// of the current id) on first sight.
func (r *replay) slotOf(id string) int32 {
	if i, ok := r.ids[id]; ok {
		return i
	}
	i := int32(len(r.slots))
	r.ids[id] = i
	r.names = append(r.names, id)
	r.slots = append(r.slots, slot{cur: -1, stage: -1})
	e, ok := r.rm.Lookup(id)
	if !ok {
		return i
	}
	s := &r.slots[i]
	s.kind = slotKind(e.Kind)
	switch s.kind {
	case kindSkill:
		s.group = r.group(e.Track)
	case kindBranch:
		s.group = r.group(e.Branch)
	}
	if e.Stage != "" {
		s.stage = int16(r.rm.StageIndex(e.Stage))
	}
	if e.Item.ID == id {
		s.cur = i
		return i
	}
	c := r.slotOf(e.Item.ID)
	r.slots[i].cur = c
	if r.formers == nil {
		r.formers = map[int32][]int32{}
	}
	r.formers[c] = append(r.formers[c], i)
	return i
}

// active reports whether the entry of the current-id slot s counts for the
// current stage and profile, as ActiveEntries decides.
func (r *replay) active(s *slot) bool {
	switch s.kind {
	case kindSkill:
		return s.stage == r.si && (s.group == 0 || s.group == r.track)
	case kindCriterion, kindMilestone:
		return s.stage == r.si
	case kindBranch:
		return r.branch != 0 && s.group == r.branch
	}
	return false
}

// effective returns the level and skipped flag that count for the entry of
// the current-id slot c: its own, or else those of the state preferred among
// its former ids (as Assess resolves them). Only the tally's fields are set.
func (r *replay) effective(c int32) ItemState {
	if s := &r.slots[c]; s.has {
		return ItemState{Level: Level(s.level), Skipped: s.skipped}
	}
	var best ItemState
	bestID := ""
	for _, f := range r.formers[c] {
		if !r.slots[f].has {
			continue
		}
		if st := r.state(f); bestID == "" || preferState(st, r.names[f], best, bestID) {
			best, bestID = st, r.names[f]
		}
	}
	return best
}

// setProfile sets one profile field, named as the store's profile events
// name it, and recounts the stage when the active entries change.
func (r *replay) setProfile(field, value string) {
	switch field {
	case "name":
		r.prof.Name = value
	case "stage":
		r.prof.Stage = value
		r.retally()
	case "stage_since":
		if d, ok := parseEventDate(value); ok {
			r.prof.StageSince = d
		}
	case "career_start":
		if d, ok := parseEventDate(value); ok {
			r.prof.CareerStart = d
		}
	case "region":
		r.prof.Region = value
	case "branch":
		r.prof.Branch = value
		if r.rm.Stages[r.si].BranchSkills {
			r.retally()
		}
	case "track":
		r.prof.Track = value
		r.retally()
	case "track_level":
		r.prof.TrackLevel = value
	}
}

// retally recounts the active entries of the current stage.
func (r *replay) retally() {
	si, _ := stageOrFirst(r.rm, r.prof.Stage)
	st := &r.rm.Stages[si]
	r.si = int16(si)
	r.tr = stageTransition(r.rm, si)
	r.track = r.group(r.prof.Track)
	r.branch = 0
	if st.BranchSkills && r.prof.Branch != "" && r.rm.Branch(r.prof.Branch) != nil {
		r.branch = r.group(r.prof.Branch)
	}
	r.t = tally{}
	eachActive(r.rm, st, r.prof, func(it *roadmap.Item, kind string, _ *roadmap.SkillGroup, _ *roadmap.Branch) {
		// An entry without a slot has no state under its id or a former
		// id: it is not started.
		s := ItemState{ID: it.ID}
		if c, ok := r.ids[it.ID]; ok {
			s = r.effective(c)
		}
		r.t.add(kind, s, 1)
	})
}

// parseEventDate reads a date as profile events record it (YYYY-MM-DD, or
// RFC 3339); "" is the zero date.
func parseEventDate(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	if d, err := time.Parse(time.DateOnly, v); err == nil {
		return d, true
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return calendarDay(t), true
	}
	return time.Time{}, false
}

// maxSteps is the most changes ReadinessSeries.Steps holds: a day with more
// is drawn from its daily point alone.
const maxSteps = 500

// ReadinessSeries is the readiness score over time, as the History screen
// draws it.
type ReadinessSeries struct {
	// Points has one point per calendar day with events, and one for
	// today, as History returns them.
	Points []Point
	// Steps is set when every event is on one calendar day and that day
	// had at most maxSteps changes: the score before the first change, then
	// after each change of a level, a skip or a profile field (or an undo
	// of one), each At the instant of the change (the first at the first
	// change). A chart of one day then still shows how the score grew.
	Steps []Point
}

// ReadinessHistory returns the readiness score over time, as History would
// compute it from Events, without holding the log in memory: the events are
// read in one pass in id order with only what the replay needs.
func (s *Store) ReadinessHistory(rm *roadmap.Roadmap, today time.Time) (ReadinessSeries, error) {
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
func (s *Store) CachedReadinessHistory(c *HistoryCache, rm *roadmap.Roadmap, today time.Time) (ReadinessSeries, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out ReadinessSeries
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
		return ReadinessSeries{}, err
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

	r        *replay
	d        dayTracker
	prev     time.Time
	points   []Point // of the days that ended
	steps    []Point
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
	return &seriesState{order: "e.id", r: newReplay(rm, len(rm.Entries()))}
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
	if len(st.r.rm.Stages) == 0 {
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
			st.steps = append(st.steps, r.point(calendarDay(at)))
			st.steps[0].At = at
		}
		st.prev, st.started = at, true
		last = string(stamp)
		if day, changed := st.d.next(at); changed {
			st.points = append(st.points, r.point(day))
			st.days++
		}
		var k, t, v string
		switch string(kind) {
		case EventLevel, EventSkip, EventProfile:
			k, t, v = string(kind), string(target), string(val)
		case EventUndo:
			if len(undos) == 0 {
				return errors.New("read the change log: an undo appeared while it was read")
			}
			u := undos[0]
			undos = undos[1:]
			if !u.ok {
				continue
			}
			k, t, v = u.kind, u.target, u.value
			if k != EventLevel && k != EventSkip && k != EventProfile {
				continue
			}
		default:
			continue
		}
		r.set1(k, t, v, at)
		if st.days == 0 && !st.stepsOff {
			if len(st.steps) > maxSteps {
				st.steps, st.stepsOff = nil, true
			} else {
				p := r.point(st.d.cur.time())
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
func (st *seriesState) result(today time.Time) ReadinessSeries {
	out := ReadinessSeries{Points: []Point{}}
	if !st.started {
		return out
	}
	out.Points = st.r.finish(slices.Clone(st.points), st.d.cur.time(), today)
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

// RecentChanges is the end of the event log, as the History screen lists
// it.
type RecentChanges struct {
	// Events are the newest events, newest first.
	Events []Event
	// Named holds, by id, the events that undos among Events name, so that
	// an undo can be described by what it reverted.
	Named map[int64]Event
	// Total is the number of events in the whole log.
	Total int
}

// RecentEvents returns the newest n events of the log (n <= 0: none) and
// the events their undos name. It reads only those rows.
func (s *Store) RecentEvents(n int) (RecentChanges, error) {
	out := RecentChanges{Named: map[int64]Event{}}
	err := s.read("read the recent changes", func(db *gorm.DB) error {
		var total int64
		if err := db.Raw("SELECT COUNT(*) FROM events").Row().Scan(&total); err != nil {
			return err
		}
		out.Total = int(total)
		if n <= 0 {
			return nil
		}
		var rows []eventRow
		if err := db.Raw("SELECT id, at, kind, target, old, new FROM events ORDER BY id DESC LIMIT ?", n).Scan(&rows).Error; err != nil {
			return err
		}
		out.Events = make([]Event, 0, len(rows))
		have := make(map[int64]bool, len(rows))
		for _, r := range rows {
			e, err := r.event()
			if err != nil {
				return err
			}
			out.Events = append(out.Events, e)
			have[e.ID] = true
		}
		var want []int64
		for _, e := range out.Events {
			if e.Kind != EventUndo {
				continue
			}
			if id, err := strconv.ParseInt(strings.TrimSpace(e.Target), 10, 64); err == nil && !have[id] {
				want = append(want, id)
				have[id] = true
			}
		}
		for _, e := range out.Events {
			out.Named[e.ID] = e
		}
		for len(want) > 0 {
			batch := want[:min(len(want), 500)]
			want = want[len(batch):]
			var named []eventRow
			if err := db.Raw("SELECT id, at, kind, target, old, new FROM events WHERE id IN ?", batch).Scan(&named).Error; err != nil {
				return err
			}
			for _, r := range named {
				e, err := r.event()
				if err != nil {
					return err
				}
				out.Named[e.ID] = e
			}
		}
		return nil
	})
	if err != nil {
		return RecentChanges{}, err
	}
	return out, nil
}

// CheckInHeads returns every check-in without its entries' states (Items
// is nil), oldest first: what a list of check-ins shows. FindCheckIn reads
// one with its states.
func (s *Store) CheckInHeads() ([]CheckIn, error) {
	var rows []checkinRow
	err := s.read("read check-ins", func(db *gorm.DB) error {
		return db.Raw("SELECT id, label, at, stage, score, verdict, '' AS items FROM checkins ORDER BY at, id").Scan(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	out := make([]CheckIn, 0, len(rows))
	for _, r := range rows {
		at, err := parseStamp(r.At)
		if err != nil {
			return nil, fmt.Errorf("read check-ins: check-in %d: %w", r.ID, err)
		}
		out = append(out, CheckIn{ID: r.ID, Label: r.Label, At: at, Stage: r.Stage, Score: r.Score, Verdict: r.Verdict})
	}
	return out, nil
}
