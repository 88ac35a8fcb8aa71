package tracker

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
