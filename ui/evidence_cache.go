package ui

import (
	"slices"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// evidenceStore is what the evidence dialog needs of the store.
type evidenceStore interface {
	Evidence(itemID string) ([]tracker.Evidence, error)
	AddEvidence(e tracker.Evidence) (tracker.Evidence, error)
	UpdateEvidence(e tracker.Evidence) error
	DeleteEvidence(id int64) error
}

// evidenceCache holds the evidence of each entry as the window shows it:
// the latest snapshot's, with the changes still being saved. The dialog
// changes it at once and the store catches up in the background.
type evidenceCache struct {
	byItem   map[string][]tracker.Evidence
	inflight map[string]int // writes not yet answered, per entry
	// saved holds the entries whose writes are all answered and whose
	// snapshot has not yet agreed, with the snapshots that disagreed: the
	// first may have been read before the save, the next is the truth.
	saved map[string]int
	// changed is called after the evidence of an entry changed on screen.
	changed func(itemID string)
	// nextTemp numbers the entries not saved yet, below zero.
	nextTemp int64
	// slow holds the entries not saved yet whose save has taken longer
	// than savingDelay: only they are marked "saving…".
	slow map[int64]bool
	// freshFrom is the first day evidence counts in the evidenced score;
	// zero when the roadmap turns evidence off (nothing is stale).
	freshFrom time.Time
}

// savingDelay is how long a note's save may take before its row says
// "saving…". A save answers well within it on a working disk, and a mark
// that comes and goes in a few milliseconds would only be a flicker that
// delays the note's final look by a frame and a transaction.
const savingDelay = 300 * time.Millisecond

func newEvidenceCache(changed func(string)) *evidenceCache {
	return &evidenceCache{byItem: map[string][]tracker.Evidence{}, inflight: map[string]int{}, saved: map[string]int{}, slow: map[int64]bool{}, changed: changed}
}

// load takes a snapshot's evidence, except for the entries with a write
// in flight, or just saved and not yet in the snapshot: their on-screen
// state is newer.
func (c *evidenceCache) load(all map[string][]tracker.Evidence) {
	keep := func(id string) bool {
		if c.inflight[id] > 0 {
			return true
		}
		n, ok := c.saved[id]
		if !ok {
			return false
		}
		if sameEvidence(c.byItem[id], all[id]) || n > 0 {
			delete(c.saved, id)
			return false
		}
		c.saved[id] = n + 1
		return true
	}
	for id := range c.byItem {
		if _, ok := all[id]; !ok && !keep(id) {
			delete(c.byItem, id)
		}
	}
	for id, ev := range all {
		if !keep(id) {
			c.byItem[id] = ev
		}
	}
}

// sameEvidence reports whether two lists hold the same entries.
func sameEvidence(a, b []tracker.Evidence) bool {
	return slices.EqualFunc(a, b, func(x, y tracker.Evidence) bool {
		return x.ID == y.ID && x.Note == y.Note && x.Link == y.Link && x.Date.Equal(y.Date)
	})
}

// list returns an entry's evidence, oldest first.
func (c *evidenceCache) list(id string) []tracker.Evidence { return c.byItem[id] }

// set replaces an entry's evidence on screen, keeping the store's order:
// by date, then by when it was added.
func (c *evidenceCache) set(id string, items []tracker.Evidence) {
	slices.SortStableFunc(items, func(a, b tracker.Evidence) int { return a.Date.Compare(b.Date) })
	c.byItem[id] = items
	if c.changed != nil {
		c.changed(id)
	}
}

// tempID numbers an entry shown before the store gave it its id.
func (c *evidenceCache) tempID() int64 {
	c.nextTemp--
	return c.nextTemp
}

// setRule sets the evidence rule of the roadmap in use, for the stale
// marks, on day today.
func (c *evidenceCache) setRule(rm *roadmap.Roadmap, today time.Time) {
	rule := tracker.ReadinessSettings(rm).Evidence
	c.freshFrom = time.Time{}
	if !rule.Off {
		c.freshFrom = tracker.FreshFrom(rule, today)
	}
}
