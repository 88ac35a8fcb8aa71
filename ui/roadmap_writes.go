package ui

import (
	"fmt"
	"strconv"
	"time"

	"devpath/tracker"
)

// pendingState is a change shown on screen before the store confirmed it.
type pendingState struct {
	state    tracker.ItemState
	inflight int // writes not yet answered
	// queued is the latest change made while a write of the entry was
	// running: it is saved after that write, never beside it, since two
	// writes running at once could land in either order and leave the
	// earlier change in the database.
	queued func() error
	// stale counts the snapshots that disagreed with the change after it
	// was saved. The first may have been read before the save (a reload
	// already running); the next one is the truth.
	stale int
}

// setLevel shows the new level at once and saves it in the background; a
// failed save puts the row back and says why.
func (s *roadmapScreen) setLevel(id string, l tracker.Level) {
	if s.snap.readOnly {
		return
	}
	next := s.state(id)
	if next.Level == l {
		return
	}
	next.Level = l
	next.Date = s.env.today()
	s.write(id, next, func() error { return s.store.SetLevel(id, l, time.Time{}) })
}

// setSkipped shows the "not applicable" mark at once and saves it in the
// background.
func (s *roadmapScreen) setSkipped(id string, skipped bool) {
	if s.snap.readOnly {
		return
	}
	next := s.state(id)
	if next.Skipped == skipped {
		return
	}
	next.Skipped = skipped
	s.write(id, next, func() error { return s.store.SetSkipped(id, skipped) })
}

// write applies next on screen, runs save off the UI goroutine, and then
// either asks for a reload or reverts the row and reports the error.
func (s *roadmapScreen) write(id string, next tracker.ItemState, save func() error) {
	p := s.pending[id]
	if p == nil {
		p = &pendingState{}
		s.pending[id] = p
	}
	p.state = next
	p.stale = 0
	s.refreshShown()
	if p.inflight > 0 {
		p.queued = save // replaces a change queued before: only the latest counts
		return
	}
	s.startWrite(id, p, save)
}

// startWrite runs save off the UI goroutine; then the change queued
// meanwhile, if any, or a reload.
func (s *roadmapScreen) startWrite(id string, p *pendingState, save func() error) {
	p.inflight++
	s.env.async(save, func(err error) {
		p.inflight--
		if err != nil {
			p.queued = nil
			if s.pending[id] == p {
				delete(s.pending, id)
			}
			s.refreshShown()
			s.env.showError(fmt.Errorf("couldn't save %q, so it was put back: %w", s.titleOf(id), s.named(err, id)))
			return
		}
		if q := p.queued; q != nil {
			p.queued = nil
			s.startWrite(id, p, q)
			return
		}
		s.env.changed()
	})
}

// refreshShown shows an on-screen change at once: the group headers, the
// stage's progress and the rows in view, keeping rows in place even if the
// filter would now hide them (they go at the next reload).
func (s *roadmapScreen) refreshShown() {
	if !s.have {
		return
	}
	for i, row := range s.rows {
		if row.kind == rowHeader && s.stage < len(s.groups) && row.group < len(s.groups[s.stage]) {
			s.rows[i].text = s.groupHeader(s.groups[s.stage][row.group])
		}
	}
	s.showProgress()
	s.refreshVisible()
}

// named words an error for the user: the entry's id, which the store's
// messages carry, is replaced by its title. The error still wraps its
// cause.
func (s *roadmapScreen) named(err error, id string) error {
	return namedErr(err, id, s.titleOf(id))
}

// namedErr is err with the entry it failed on named by its quoted title
// instead of its id: the store names entries by id (tracker.EntryError),
// the window by title.
func namedErr(err error, id, title string) error {
	if id == "" || title == id {
		return err
	}
	return tracker.Renamed(err, id, strconv.Quote(title))
}
