package tracker

import (
	"time"

	"devpath/roadmap"
)

// Kinds of events the plan writes to the change log. Each is undone and
// redone like a tick: the store puts the event's old value back.
const (
	// EventTarget: the target date for the next level. Target is "";
	// Old/New are YYYY-MM-DD, "" for none.
	EventTarget = "target"
	// EventPlan: an entry added to or removed from the plan, or its due
	// date moved. Target is the entry id; Old/New are its due date
	// (YYYY-MM-DD), "" when it is not in the plan.
	EventPlan = "plan"
	// EventReconfirm: a claimed entry confirmed as still true. Target is
	// the entry id; Old/New are the day of its latest re-confirmation
	// (YYYY-MM-DD), "" for none.
	EventReconfirm = "reconfirm"
	// EventCadence: the check-in cadence. Target is ""; Old/New are the
	// cadence as written ("" for the default, quarterly).
	EventCadence = "cadence"
)

// Plan is what the user planned, as the store keeps it: the target date,
// the entries they picked to work on, the days they re-confirmed claimed
// entries, and the check-in cadence.
type Plan struct {
	// Target is the day the user aims to reach the next level by; zero
	// when none is set.
	Target time.Time `json:"target"`
	// Cadence is the check-in cadence as the user wrote it ("" is the
	// default, quarterly; "off" turns check-in reminders off). See
	// ParseCadence.
	Cadence string `json:"cadence,omitempty"`
	// Items are the entries picked to work on, soonest due first.
	Items []PlanItem `json:"items"`
	// Reconfirmed maps an entry id to the day it was last re-confirmed.
	Reconfirmed map[string]time.Time `json:"reconfirmed,omitempty"`
}

// PlanItem is one entry picked to work on, with the day it is due.
type PlanItem struct {
	ID string `json:"id"`
	// Due is the calendar day (midnight UTC) it should be done by.
	Due time.Time `json:"due"`
	// Added is when it was put in the plan.
	Added time.Time `json:"added"`
}

// Cadence is how often a check-in is due: every Months months plus Days
// days, or never when Off.
type Cadence struct {
	Off    bool
	Months int
	Days   int
}

// DefaultCadence is a check-in every quarter.
var DefaultCadence = Cadence{Months: 3}

// ForecastReason says why there is no forecast.
type ForecastReason string

// The reasons for no forecast.
const (
	// ReasonTooLittleHistory: the change log covers less than
	// MinForecastHistory, too short a time to tell a pace.
	ReasonTooLittleHistory ForecastReason = "too-little-history"
	// ReasonNoRise: the score did not rise over the pace window.
	ReasonNoRise ForecastReason = "no-rise"
	// ReasonReached: the score is at or above the ready threshold already.
	ReasonReached ForecastReason = "reached"
	// ReasonNoNextLevel: there is no next level to be ready for.
	ReasonNoNextLevel ForecastReason = "no-next-level"
	// ReasonEvidenceOff: the roadmap turns the evidenced score off.
	ReasonEvidenceOff ForecastReason = "evidence-off"
)

// Pace is how fast a score rose over the pace window, in points (of 100)
// per month.
type Pace struct {
	PerMonth float64 `json:"per_month"`
	// From and To are the days the pace was measured between.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Score is the score on To; Ready the threshold it is heading for.
	Score float64 `json:"score"`
	Ready float64 `json:"ready"`
}

// Forecast is when a score reaches the ready threshold at its pace: a range
// of days, never one, because a pace is only a guess at the future.
type Forecast struct {
	Earliest time.Time `json:"earliest"`
	Likely   time.Time `json:"likely"`
	Latest   time.Time `json:"latest"`
}

// Outlook is one score's pace and forecast; Forecast is nil with a Reason
// when there is too little to go on.
type Outlook struct {
	Pace     Pace           `json:"pace"`
	Forecast *Forecast      `json:"forecast"`
	Reason   ForecastReason `json:"reason,omitempty"`
}

// SuggestedTarget is the target the roadmap suggests: the day the user
// entered their stage plus the transition's typical months (the end of the
// range), with the accelerated one beside it.
type SuggestedTarget struct {
	Typical     time.Time      `json:"typical"`
	Accelerated time.Time      `json:"accelerated"`
	TypicalM    roadmap.Months `json:"typical_months"`
	AccelM      roadmap.Months `json:"accelerated_months"`
	// Past is set when the typical date has gone by already.
	Past bool `json:"past,omitempty"`
}

// WhatItTakes is what reaching the ready threshold by the target would
// take, in the user's terms: points a month, about how many of the next
// best entries a month, or the milestone.
type WhatItTakes struct {
	// Gap is the points still missing to the ready threshold.
	Gap float64 `json:"gap"`
	// PointsPerMonth is the pace the target needs; 0 without a target.
	PointsPerMonth float64 `json:"points_per_month"`
	// Items is about how many of the next best entries close the gap;
	// ItemsPerMonth the same spread over the months to the target (0
	// without a target).
	Items         int `json:"items"`
	ItemsPerMonth int `json:"items_per_month"`
	// Milestone is the id of the stage's milestone when it is not done
	// yet, and MilestoneGain what it would add.
	Milestone     string  `json:"milestone,omitempty"`
	MilestoneGain float64 `json:"milestone_gain,omitempty"`
}

// PlanEntry is a plan item as the plan shows it.
type PlanEntry struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Kind  string    `json:"kind"`
	Due   time.Time `json:"due"`
	Level Level     `json:"level"`
	// Done: proficient or confirmed; the entry has left the plan's work.
	Done bool `json:"done"`
	// Overdue: not done, and its due day has gone by.
	Overdue bool `json:"overdue"`
	// Unknown: the roadmap no longer has the entry.
	Unknown bool `json:"unknown,omitempty"`
}

// ReconfirmItem is a claimed entry whose last confirmation is older than
// its re-confirm interval: "still true?".
type ReconfirmItem struct {
	ID            string    `json:"id"`
	Title         string    `json:"title"`
	Level         Level     `json:"level"`
	LastConfirmed time.Time `json:"last_confirmed"`
	// DueSince is the day the re-confirmation fell due.
	DueSince time.Time `json:"due_since"`
}

// StaleEvidence is the freshest evidence of a claimed entry, about to grow
// older than the evidenced score's age limit: once it does, the entry
// drops out of the evidenced score.
type StaleEvidence struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	EvidenceID int64     `json:"evidence_id"`
	Date       time.Time `json:"date"`
	StaleOn    time.Time `json:"stale_on"`
}

// PlanStatus is the whole plan as both interfaces show it: the target, the
// paces and forecasts, whether the target will be met, what it would take,
// the plan's items, what to re-confirm and the evidence going stale.
type PlanStatus struct {
	// Target is the user's target day; zero when none is set.
	Target time.Time `json:"target"`
	// Suggested is the roadmap's suggestion; nil without a stage date or
	// a transition.
	Suggested *SuggestedTarget `json:"suggested"`
	// Claimed and Evidenced are the two scores' outlooks; Evidenced is
	// nil when the roadmap turns the evidenced score off.
	Claimed   Outlook  `json:"claimed"`
	Evidenced *Outlook `json:"evidenced"`
	// OnTrack: the claimed forecast's likely day is on or before the
	// target (or the score is ready already); nil without a target or a
	// forecast.
	OnTrack *bool       `json:"on_track"`
	Takes   WhatItTakes `json:"what_it_takes"`
	// Items are the plan's items, soonest due first.
	Items []PlanEntry `json:"items"`
	// Reconfirm are the claimed entries to re-confirm, oldest first.
	Reconfirm []ReconfirmItem `json:"reconfirm"`
	// StaleSoon is evidence going stale within StaleWarnDays.
	StaleSoon []StaleEvidence `json:"stale_soon"`
	// Cadence is the check-in cadence; LastCheckIn the latest check-in
	// (zero when none) and NextCheckIn when the next is due (zero when
	// the cadence is off).
	Cadence     Cadence   `json:"-"`
	CadenceText string    `json:"cadence"`
	LastCheckIn time.Time `json:"last_check_in"`
	NextCheckIn time.Time `json:"next_check_in"`
}

// DueKind is what a due entry is about.
type DueKind string

// The kinds of due entries.
const (
	DueCheckIn   DueKind = "check-in"
	DuePlanItem  DueKind = "plan-item"
	DueReconfirm DueKind = "reconfirm"
	DueStale     DueKind = "stale-evidence"
	DueTarget    DueKind = "target"
)

// DueEntry is one thing that is due: a check-in, a plan item due soon or
// overdue, an entry to re-confirm, evidence about to go stale, the target
// date approaching.
type DueEntry struct {
	Kind DueKind `json:"kind"`
	// ID is the entry id; "" for a check-in or the target.
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"`
	// Date is when it is (or was) due.
	Date    time.Time `json:"date"`
	Overdue bool      `json:"overdue"`
}
