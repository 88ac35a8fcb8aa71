package core

import (
	"devpath/roadmap"
	"devpath/tracker"
)

// Change is a change to the user's progress with the readiness for the
// next level before and after it, so that both interfaces tell the user
// what a tick, a level, an N/A or a piece of evidence did to their scores.
type Change struct {
	// Changed is false when the change turned out to change nothing (the
	// entry was already so); Before and After are then the same.
	Changed bool
	// Before and After are the progress around the change.
	Before, After tracker.Progress
	// Was and Is are their assessments, on the core's today.
	Was, Is tracker.Assessment
}

// ScoreChange is the claimed readiness score's move, After less Before.
func (c Change) ScoreChange() float64 { return c.Is.Readiness.Score - c.Was.Readiness.Score }

// EvidencedChange is the evidenced score's move, and whether both sides
// have one.
func (c Change) EvidencedChange() (float64, bool) {
	was, is := c.Was.Readiness.Evidenced, c.Is.Readiness.Evidenced
	if was == nil || is == nil {
		return 0, false
	}
	return is.Score - was.Score, true
}

// Apply runs change against rm, reading the progress before and after it.
// change reports whether it changed anything; when it did not, or failed,
// the progress is read once.
func (db *DB) Apply(rm *roadmap.Roadmap, change func(before tracker.Progress) (changed bool, err error)) (Change, error) {
	before, err := db.Progress()
	if err != nil {
		return Change{}, err
	}
	today := db.Today()
	c := Change{Before: before, After: before}
	c.Was = tracker.Assess(rm, before, today)
	c.Is = c.Was
	if c.Changed, err = change(before); err != nil || !c.Changed {
		return c, err
	}
	if c.After, err = db.Progress(); err != nil {
		return c, err
	}
	c.Is = tracker.Assess(rm, c.After, today)
	return c, nil
}
