package tracker

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

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
	r := NewReplay(rm, len(events))
	find := eventFinder(events)
	var d DayTracker
	for i := range events {
		ev := &events[i]
		if day, changed := d.Next(ev.At); changed {
			pts = append(pts, r.Point(day))
		}
		r.applyEvent(ev, find)
	}
	return r.Finish(pts, d.cur.time(), today)
}

// applyEvent applies one event of the log: a level, a skip or a profile
// field takes its new value; an undo puts back the old value of the event
// it names, and a redo (an undo of an undo) the new value again. Other
// events change no score. find looks events up by id.
func (r *Replay) applyEvent(ev *Event, find func(id int64) *Event) {
	switch ev.Kind {
	case EventLevel, EventSkip, EventProfile:
		r.Apply(ev.Kind, ev.Target, ev.New, ev.At)
	case EventUndo:
		id, err := strconv.ParseInt(strings.TrimSpace(ev.Target), 10, 64)
		if err != nil {
			return
		}
		u := find(id)
		if u == nil {
			return
		}
		if u.Kind != EventUndo {
			r.Apply(u.Kind, u.Target, u.Old, ev.At)
			return
		}
		// A redo (an undo of an undo): the change that undo reverted
		// takes effect again.
		if oid, err := strconv.ParseInt(strings.TrimSpace(u.Target), 10, 64); err == nil {
			if o := find(oid); o != nil && o.Kind != EventUndo {
				r.Apply(o.Kind, o.Target, o.New, ev.At)
			}
		}
	}
}

// progress returns the progress replayed so far: the profile and the
// state recorded under each id (without evidence), as Assess reads it.
func (r *Replay) progress() Progress {
	items := make(map[string]ItemState, len(r.slots))
	for i := range r.slots {
		if r.slots[i].has {
			items[r.names[i]] = r.state(int32(i))
		}
	}
	return Progress{Profile: r.prof, Items: items}
}

// finish appends the point of the last day with events, and one for today
// when that day is older.
func (r *Replay) Finish(pts []Point, day, today time.Time) []Point {
	pts = append(pts, r.Point(day))
	if t := calendarDay(today); day.Before(t) {
		pts = append(pts, r.Point(t))
	}
	return pts
}

// dayTracker follows the calendar day of a series of instants in time
// order. The day changes when an instant is at or past the start of the next
// day (in the instant's own location); the date is only worked out then.
type DayTracker struct {
	started bool
	cur     civilDay
	end     time.Time // start of the day after cur
	loc     *time.Location
}

// next moves to the day of at. When that is a new day, it returns the day
// that ended (midnight UTC) and true.
func (d *DayTracker) Next(at time.Time) (time.Time, bool) {
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
type Replay struct {
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
func (r *Replay) state(i int32) ItemState {
	s := &r.slots[i]
	return ItemState{ID: r.names[i], Level: Level(s.level), Skipped: s.skipped, UpdatedAt: time.Unix(0, s.at).UTC()}
}

// newReplay starts a replay of a log of about n events from a new profile.
func NewReplay(rm *roadmap.Roadmap, n int) *Replay {
	n = min(n, len(rm.Entries())+16)
	r := &Replay{
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
func (r *Replay) group(id string) uint8 {
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
func (r *Replay) Point(day time.Time) Point {
	c := r.t.components(experienceFor(r.tr, r.prof.StageSince, day))
	return Point{At: day, Score: weightedScore(r.set.Weights, c), Stage: r.rm.Stages[r.si].ID}
}

// set1 sets one value, as an event of the given kind records it; at is the
// time of the event that sets it.
func (r *Replay) Apply(kind, target, value string, at time.Time) {
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
func (r *Replay) setItem(id string, at time.Time, kind string, l Level, skipped bool) {
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
func (r *Replay) slotOf(id string) int32 {
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
func (r *Replay) active(s *slot) bool {
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
func (r *Replay) effective(c int32) ItemState {
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
func (r *Replay) setProfile(field, value string) {
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
func (r *Replay) retally() {
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

// Day is the day the tracker is on, as midnight UTC (zero before the first
// instant).
func (d *DayTracker) Day() time.Time { return d.cur.time() }

// Empty reports a replay against a roadmap without stages, which has no
// readiness to follow.
func (r *Replay) Empty() bool { return len(r.rm.Stages) == 0 }
