package backup

import (
	"devpath/tracker"
	"slices"
	"sort"
)

// eventIndex is what the checks of a change log need of every event: its
// id, position, kind and target (an undo names the event it undid by id, and
// its values are checked against that event's kind and target). It holds
// no old or new values, and each distinct kind and target once, so a log of
// hundreds of thousands of events takes a few megabytes here while it is
// read from a file a value at a time.
type eventIndex struct {
	rows    []indexedEvent
	strs    []string          // kinds and targets, each once
	strID   map[string]uint32 // their positions in strs
	checked bool              // done was called: rows are sorted by id
}

// indexedEvent is one event of the index.
type indexedEvent struct {
	id           int64
	pos          int32 // position in the backup's list
	kind, target uint32
}

// intern returns the position of s in strs, adding it when new.
func (x *eventIndex) intern(s string) uint32 {
	if n, ok := x.strID[s]; ok {
		return n
	}
	if x.strID == nil {
		x.strID = map[string]uint32{}
	}
	n := uint32(len(x.strs))
	x.strs = append(x.strs, s)
	x.strID[s] = n
	return n
}

// add puts events[pos] in the index.
func (x *eventIndex) add(pos int, e *tracker.Event) {
	x.rows = append(x.rows, indexedEvent{id: e.ID, pos: int32(pos), kind: x.intern(e.Kind), target: x.intern(e.Target)})
}

// done sorts the index by id. It reports an id used twice: the position of
// the first event in the list whose id an earlier one has, and that id.
func (x *eventIndex) done() (pos int, id int64, twice bool) {
	slices.SortFunc(x.rows, func(a, b indexedEvent) int {
		if a.id != b.id {
			return cmpInt64(a.id, b.id)
		}
		return int(a.pos - b.pos)
	})
	x.checked = true
	pos = -1
	for i := 1; i < len(x.rows); i++ {
		if x.rows[i].id == x.rows[i-1].id && (pos < 0 || int(x.rows[i].pos) < pos) {
			pos, id = int(x.rows[i].pos), x.rows[i].id
		}
	}
	return pos, id, pos >= 0
}

// find returns the kind and target of the event with the id.
func (x *eventIndex) find(id int64) (tracker.Event, bool) {
	i, ok := x.rank(id)
	if !ok {
		return tracker.Event{}, false
	}
	r := x.rows[i]
	return tracker.Event{ID: r.id, Kind: x.strs[r.kind], Target: x.strs[r.target]}, true
}

// rank returns the place of the event with the id in the log ordered by
// id, from 0.
func (x *eventIndex) rank(id int64) (int, bool) {
	i := sort.Search(len(x.rows), func(i int) bool { return x.rows[i].id >= id })
	return i, i < len(x.rows) && x.rows[i].id == id
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
