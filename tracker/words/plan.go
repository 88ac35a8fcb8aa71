package words

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// planEvent says a plan event: the target date, an entry put in or taken
// out of the plan, a re-confirmation, the check-in cadence.
func planEvent(rm *roadmap.Roadmap, e tracker.Event) Line {
	orNone := func(v, none string) string {
		if v == "" {
			return none
		}
		return v
	}
	switch e.Kind {
	case tracker.EventTarget:
		return Line{"Your target date", orNone(e.Old, "none") + Arrow + orNone(e.New, "none")}
	case tracker.EventPlan:
		switch {
		case e.Old == "":
			return Line{EntryName(rm, e.Target), "added to the plan, due " + e.New}
		case e.New == "":
			return Line{EntryName(rm, e.Target), "taken out of the plan"}
		}
		return Line{EntryName(rm, e.Target), "due " + e.Old + Arrow + e.New}
	case tracker.EventReconfirm:
		if e.New == "" {
			return Line{EntryName(rm, e.Target), "re-confirmation taken back"}
		}
		return Line{EntryName(rm, e.Target), "re-confirmed as still true on " + e.New}
	}
	cad := func(v string) string {
		c, err := tracker.ParseCadence(v)
		if err != nil {
			return v
		}
		return c.String()
	}
	return Line{"Check-in reminders", cad(e.Old) + Arrow + cad(e.New)}
}

// PlanFailure says a plan error in one line by its code, with the entry
// or value it concerns; ok is false for other errors.
func PlanFailure(err error) (msg string, ok bool) {
	entry := errorEntry(err)
	switch tracker.ErrorCode(err) {
	case tracker.CodeBadDate:
		return fmt.Sprintf("%s is not a date: write it YYYY-MM-DD; nothing was changed", entry), true
	case tracker.CodeTargetPast:
		return fmt.Sprintf("the target date %s is not after today: pick a day to come; nothing was changed", entry), true
	case tracker.CodeTargetBeyond:
		return fmt.Sprintf("the target date %s is past the roadmap's planning horizon; nothing was changed", entry), true
	case tracker.CodeDuePast:
		return fmt.Sprintf("the due date %s is before today; nothing was changed", entry), true
	case tracker.CodeUnknownEntry:
		return fmt.Sprintf("%s is not an entry of the roadmap ('devpath roadmap' lists them); nothing was changed", entry), true
	case tracker.CodeNotInPlan:
		return fmt.Sprintf("%s is not in the plan ('devpath plan list' shows it); nothing was changed", entry), true
	case tracker.CodeNotClaimed:
		return fmt.Sprintf("%s was never claimed, so there is nothing to re-confirm; nothing was changed", entry), true
	case tracker.CodeBadCadence:
		return fmt.Sprintf("%s is not a cadence: use off, weekly, monthly, quarterly, yearly, or a number with d, w or m such as 6w; nothing was changed", entry), true
	}
	return "", false
}

// Month says a day as its month, "March 2027": a forecast is not precise
// to the day.
func Month(d time.Time) string { return d.Format("January 2006") }

// ForecastRange says a forecast as months: "between March and June 2027,
// most likely May".
func ForecastRange(f tracker.Forecast) string {
	a, l, b := Month(f.Earliest), Month(f.Likely), Month(f.Latest)
	if a == b {
		return "in " + l
	}
	if f.Earliest.Year() == f.Latest.Year() {
		// "between January and May 2026": the year once.
		a = f.Earliest.Format("January")
	}
	return fmt.Sprintf("between %s and %s, most likely %s", a, b, l)
}

// ForecastReason says why there is no forecast.
func ForecastReason(r tracker.ForecastReason) string {
	switch r {
	case tracker.ReasonTooLittleHistory:
		return "too little history to tell a pace yet (under four weeks of changes)"
	case tracker.ReasonNoRise:
		return "no rise over the last 90 days, so no date can be forecast"
	case tracker.ReasonReached:
		return "the score is at the ready threshold already"
	case tracker.ReasonNoNextLevel:
		return "there is no next level to forecast"
	case tracker.ReasonEvidenceOff:
		return "the roadmap turns the evidenced score off"
	}
	return string(r)
}

// Takes says what reaching the ready threshold by the target would take:
// "about 3 more items a month, or the milestone".
func Takes(rm *roadmap.Roadmap, w tracker.WhatItTakes) string {
	if w.Gap <= 0 {
		return ""
	}
	var parts []string
	switch {
	case w.ItemsPerMonth > 0:
		parts = append(parts, fmt.Sprintf("about %d more %s a month", w.ItemsPerMonth, pluralWord(w.ItemsPerMonth, "item", "items")))
	case w.Items > 0:
		parts = append(parts, fmt.Sprintf("about %d more %s", w.Items, pluralWord(w.Items, "item", "items")))
	}
	if w.Milestone != "" {
		parts = append(parts, "the milestone ("+EntryName(rm, w.Milestone)+")")
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%.1f more points", w.Gap)
	}
	return strings.Join(parts, ", or ")
}

// DueKind says what a due entry is about.
func DueKind(k tracker.DueKind) string {
	switch k {
	case tracker.DueCheckIn:
		return "check-in"
	case tracker.DuePlanItem:
		return "plan item"
	case tracker.DueReconfirm:
		return "still true?"
	case tracker.DueStale:
		return "evidence going stale"
	case tracker.DueTarget:
		return "target date"
	}
	return string(k)
}

// Due says one due entry in a line: "plan item: Terraform modules, due
// 2027-03-31 (overdue)".
func Due(e tracker.DueEntry) string {
	day := e.Date.Format(tracker.DateLayout)
	var s string
	switch e.Kind {
	case tracker.DueCheckIn:
		s = "a check-in is due (since " + day + ")"
	case tracker.DuePlanItem:
		s = e.Title + ", due " + day
	case tracker.DueReconfirm:
		s = e.Title + ": still true? (due for re-confirming since " + day + ")"
	case tracker.DueStale:
		s = e.Title + ": its evidence goes stale on " + day
	case tracker.DueTarget:
		s = "your target date is " + day
	default:
		s = e.Title + " " + day
	}
	if e.Overdue && e.Kind != tracker.DueCheckIn {
		s += " (overdue)"
	}
	return DueKind(e.Kind) + ": " + s
}

// errorEntry is the entry or value the first tracker.Error in err's chain
// that names one concerns.
func errorEntry(err error) string {
	for err != nil {
		var e *tracker.Error
		if !errors.As(err, &e) {
			return ""
		}
		if e.Entry != "" {
			return e.Entry
		}
		err = e.Err
	}
	return ""
}
