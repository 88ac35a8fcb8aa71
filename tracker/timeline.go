package tracker

import (
	"time"

	"devpath/roadmap"
)

// stageTransition returns the transition the time at stage si is measured
// against: the transition out of it, or at the top stage the transition into
// it. It may be nil.
func stageTransition(rm *roadmap.Roadmap, si int) *roadmap.Transition {
	id := rm.Stages[si].ID
	if tr := rm.TransitionFrom(id); tr != nil || si < len(rm.Stages)-1 {
		return tr
	}
	return rm.TransitionInto(id)
}

// experienceFor returns min(1, whole months since since / the transition's
// minimum accelerated months), or 0 without a date or a transition.
func experienceFor(tr *roadmap.Transition, since, day time.Time) float64 {
	if tr == nil || since.IsZero() {
		return 0
	}
	m := max(0, wholeMonths(since, day))
	if tr.AcceleratedMonths.Min <= 0 {
		return 1
	}
	return min(1, float64(m)/float64(tr.AcceleratedMonths.Min))
}

// wholeMonths returns the calendar months completed from from to to, by
// their calendar dates: 2024-01-31 to 2024-02-29 is 0, to 2024-03-01 is 1.
// It is negative when to is before from.
func wholeMonths(from, to time.Time) int {
	fy, fm, fd := from.Date()
	ty, tm, td := to.Date()
	m := (ty-fy)*12 + int(tm-fm)
	if m > 0 && td < fd {
		m--
	} else if m < 0 && td > fd {
		m++
	}
	return m
}

// timelineFor compares months in stage with transition tr.
func timelineFor(tr *roadmap.Transition, since time.Time, months int) Timeline {
	if tr == nil {
		return Timeline{Status: TimelineUnknown}
	}
	t := Timeline{Status: TimelineUnknown, Typical: tr.TypicalMonths, Accelerated: tr.AcceleratedMonths}
	switch {
	case since.IsZero():
	case months < tr.TypicalMonths.Min:
		t.Status = TimelineAccelerated
	case months <= tr.TypicalMonths.Max:
		t.Status = TimelineOnTrack
	default:
		t.Status = TimelineOverdue
	}
	return t
}
