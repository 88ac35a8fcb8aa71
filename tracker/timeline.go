package tracker

import (
	"strconv"
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

// stallWarning is the advice for someone at one level for more than the
// given months.
func stallWarning(months int) string {
	return "You have been at this level for more than " + spanWords(months) +
		". If you want to progress, something needs to change: ask for a promotion, " +
		"find a manager who backs your growth, or move to a company that will hire you at the next level."
}

// spanWords says a number of months in words: "three years", "a year",
// "18 months".
func spanWords(months int) string {
	switch {
	case months == 12:
		return "a year"
	case months%12 == 0:
		return spellNumber(months/12) + " years"
	case months == 1:
		return "a month"
	}
	return spellNumber(months) + " months"
}

// spellNumber spells out two to twelve and writes larger numbers in digits.
func spellNumber(n int) string {
	words := []string{2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
	if n >= 2 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}
