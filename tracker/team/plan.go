package team

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"devpath/tracker"
)

// PlanSchema is the first schema version with a place for the plan in a
// check-in (step 4). Against an older server a check-in is published
// without it, and PublishResult says so.
const PlanSchema = 4

// ReasonTooFar is the reason a check-in gives for no forecast when the
// forecast range reaches past LatestTime: the schema takes no such day,
// and a pace that slow forecasts nothing a manager can use.
const ReasonTooFar tracker.ForecastReason = "too-far"

// reasonPattern is what a reason code may be, here and in the schema's
// check: lower-case words joined by hyphens. A pattern rather than a list,
// so that a newer devpath's reason is not refused by an older schema.
var reasonPattern = regexp.MustCompile(`^[a-z][a-z-]{0,62}[a-z]$`)

// Plan is what a check-in shares of the engineer's plan, and nothing
// more: the target day, the claimed score's forecast range or why there
// is none, and whether the target will be met.
type Plan struct {
	// Target is the day they aim to be ready by; zero when none is set.
	Target time.Time
	// Forecast is when the claimed score reaches the ready threshold at
	// its pace; nil with Reason when there is none.
	Forecast *tracker.Forecast
	Reason   tracker.ForecastReason
	// OnTrack: the forecast's likely day is on or before the target; nil
	// without a target or a forecast.
	OnTrack *bool
}

// PlanOf is the part of st a check-in shares. A forecast reaching past
// LatestTime is shared as none, with ReasonTooFar.
func PlanOf(st tracker.PlanStatus) *Plan {
	p := &Plan{OnTrack: st.OnTrack, Reason: st.Claimed.Reason}
	if !st.Target.IsZero() {
		p.Target = tracker.Day(st.Target)
	}
	if f := st.Claimed.Forecast; f != nil {
		d := tracker.Forecast{Earliest: tracker.Day(f.Earliest), Likely: tracker.Day(f.Likely), Latest: tracker.Day(f.Latest)}
		if d.Earliest.Before(EarliestTime) || !d.Latest.Before(LatestTime) {
			p.Reason = ReasonTooFar
		} else {
			p.Forecast, p.Reason = &d, ""
		}
	}
	if p.Forecast == nil && !reasonPattern.MatchString(string(p.Reason)) {
		// No forecast and no reason a check-in can carry: say none rather
		// than fail the publish over it.
		p.Reason = tracker.ReasonTooLittleHistory
	}
	if p.Target.IsZero() || p.Target.Before(EarliestTime) || !p.Target.Before(LatestTime) {
		p.Target, p.OnTrack = time.Time{}, nil
	}
	return p
}

// args are the values of the plan's columns: target, the forecast's
// earliest, likely and latest days, its reason, on track; all NULL for no
// plan.
func (p *Plan) args() []any {
	if p == nil {
		return []any{nil, nil, nil, nil, nil, nil}
	}
	out := []any{nil, nil, nil, nil, nil, nil}
	if !p.Target.IsZero() {
		out[0] = p.Target.Format(time.DateOnly)
	}
	if f := p.Forecast; f != nil {
		out[1], out[2], out[3] = f.Earliest.Format(time.DateOnly), f.Likely.Format(time.DateOnly), f.Latest.Format(time.DateOnly)
	} else {
		out[4] = string(p.Reason)
	}
	if p.OnTrack != nil {
		out[5] = *p.OnTrack
	}
	return out
}

// planColumns are the plan's columns as StatusSQL reads them (dates as
// text, so that a day the driver cannot scan makes no failed view), from
// a row aliased l.
const planColumns = `l.target::text, l.forecast_earliest::text, l.forecast_likely::text, l.forecast_latest::text, l.forecast_reason, l.on_track`

// noPlanColumns stand for planColumns on a server older than PlanSchema.
const noPlanColumns = `NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::boolean`

// planRow is the plan's columns of one row as read.
type planRow struct {
	target, earliest, likely, latest, reason sql.NullString
	onTrack                                  sql.NullBool
}

// dests are the Scan destinations of planColumns.
func (r *planRow) dests() []any {
	return []any{&r.target, &r.earliest, &r.likely, &r.latest, &r.reason, &r.onTrack}
}

// plan reads the row back: nil when the check-in shared none (published
// by a devpath before plans, or to a server without their columns), or
// when what it holds is not what devpath writes (the schema's check
// refuses that; a row written past it shows as no plan).
func (r *planRow) plan() *Plan {
	if !r.likely.Valid && !r.reason.Valid {
		return nil
	}
	day := func(s sql.NullString) (time.Time, bool) {
		if !s.Valid {
			return time.Time{}, true
		}
		d, err := time.Parse(time.DateOnly, s.String)
		return d, err == nil && !d.Before(EarliestTime) && d.Before(LatestTime)
	}
	p := &Plan{}
	var ok bool
	if p.Target, ok = day(r.target); !ok {
		return nil
	}
	if r.likely.Valid {
		var f tracker.Forecast
		var a, b, c bool
		f.Earliest, a = day(r.earliest)
		f.Likely, b = day(r.likely)
		f.Latest, c = day(r.latest)
		if !a || !b || !c || f.Earliest.IsZero() || f.Latest.IsZero() || f.Likely.Before(f.Earliest) || f.Latest.Before(f.Likely) {
			return nil
		}
		p.Forecast = &f
	} else {
		if !reasonPattern.MatchString(r.reason.String) {
			return nil
		}
		p.Reason = tracker.ForecastReason(r.reason.String)
	}
	if r.onTrack.Valid {
		v := r.onTrack.Bool
		p.OnTrack = &v
	}
	return p
}

// planJSON is a Plan in JSON, as 'devpath status --json' names its
// fields: target (a day or null), forecast (earliest, likely, latest; or
// null with reason) and on_track (true, false or null).
type planJSON struct {
	Target   *string `json:"target"`
	Forecast *struct {
		Earliest string `json:"earliest"`
		Likely   string `json:"likely"`
		Latest   string `json:"latest"`
	} `json:"forecast"`
	Reason  string `json:"reason,omitempty"`
	OnTrack *bool  `json:"on_track"`
}

// MarshalJSON writes the plan with its days as YYYY-MM-DD.
func (p Plan) MarshalJSON() ([]byte, error) {
	var v planJSON
	if !p.Target.IsZero() {
		t := p.Target.Format(time.DateOnly)
		v.Target = &t
	}
	if f := p.Forecast; f != nil {
		v.Forecast = &struct {
			Earliest string `json:"earliest"`
			Likely   string `json:"likely"`
			Latest   string `json:"latest"`
		}{f.Earliest.Format(time.DateOnly), f.Likely.Format(time.DateOnly), f.Latest.Format(time.DateOnly)}
	} else {
		v.Reason = string(p.Reason)
	}
	v.OnTrack = p.OnTrack
	return json.Marshal(v)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (p *Plan) UnmarshalJSON(b []byte) error {
	var v planJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = Plan{Reason: tracker.ForecastReason(v.Reason), OnTrack: v.OnTrack}
	var err error
	if v.Target != nil {
		if p.Target, err = time.Parse(time.DateOnly, *v.Target); err != nil {
			return err
		}
	}
	if f := v.Forecast; f != nil {
		var d tracker.Forecast
		if d.Earliest, err = time.Parse(time.DateOnly, f.Earliest); err != nil {
			return err
		}
		if d.Likely, err = time.Parse(time.DateOnly, f.Likely); err != nil {
			return err
		}
		if d.Latest, err = time.Parse(time.DateOnly, f.Latest); err != nil {
			return err
		}
		p.Forecast = &d
	}
	return nil
}

// Short says a report's plan in one short line for the manager's views:
// "target 2027-06-30 · forecast Mar–Aug 2027 · on track". A nil plan (the
// check-in shared none) is "no plan shared".
func (p *Plan) Short() string {
	if p == nil {
		return "no plan shared"
	}
	parts := []string{"no target"}
	if !p.Target.IsZero() {
		parts[0] = "target " + p.Target.Format(time.DateOnly)
	}
	if f := p.Forecast; f != nil {
		parts = append(parts, "forecast "+monthRange(f.Earliest, f.Latest))
	} else {
		parts = append(parts, shortReason(p.Reason))
	}
	if p.OnTrack != nil {
		parts = append(parts, map[bool]string{true: "on track", false: "not on track"}[*p.OnTrack])
	}
	return strings.Join(parts, " · ")
}

// monthRange says a range of days by their months: "Mar 2027",
// "Mar–Aug 2027", "Nov 2026–Feb 2027".
func monthRange(a, b time.Time) string {
	switch {
	case a.Year() == b.Year() && a.Month() == b.Month():
		return a.Format("Jan 2006")
	case a.Year() == b.Year():
		return a.Format("Jan") + "–" + b.Format("Jan 2006")
	}
	return a.Format("Jan 2006") + "–" + b.Format("Jan 2006")
}

// shortReason says why a plan has no forecast, in a few words.
func shortReason(r tracker.ForecastReason) string {
	switch r {
	case tracker.ReasonReached:
		return "ready now"
	case tracker.ReasonTooLittleHistory:
		return "no forecast yet (too little history)"
	case tracker.ReasonNoRise:
		return "no forecast (no rise in 90 days)"
	case tracker.ReasonNoNextLevel:
		return "no next level"
	case ReasonTooFar:
		return fmt.Sprintf("no forecast (not before %d at this pace)", LatestTime.Year())
	}
	return "no forecast (" + tracker.Visible(string(r)) + ")"
}

// step4SQL gives each check-in a place for the plan: the target day, the
// claimed forecast's three days or the reason there is none, and on
// track. The columns are NULL for every check-in from before (and from a
// devpath before plans), which reads as "no plan shared". A forecast is
// three days in order or none; a reason only without a forecast; on track
// only with a target; a target or on track only with a forecast or a
// reason. Every test is written IS NOT NULL where it must hold, because a
// check whose test is NULL passes. Members read and write the new
// columns as they do the others; the policies are row policies and bind
// them unchanged.
const step4SQL = `
ALTER TABLE published_checkins
	ADD COLUMN IF NOT EXISTS target date,
	ADD COLUMN IF NOT EXISTS forecast_earliest date,
	ADD COLUMN IF NOT EXISTS forecast_likely date,
	ADD COLUMN IF NOT EXISTS forecast_latest date,
	ADD COLUMN IF NOT EXISTS forecast_reason text,
	ADD COLUMN IF NOT EXISTS on_track boolean;
ALTER TABLE published_checkins DROP CONSTRAINT IF EXISTS published_checkins_plan;
ALTER TABLE published_checkins ADD CONSTRAINT published_checkins_plan CHECK (
	(target IS NULL OR (target >= '1900-01-01' AND target < '2200-01-01'))
	AND ((forecast_earliest IS NULL AND forecast_likely IS NULL AND forecast_latest IS NULL)
		OR (forecast_earliest IS NOT NULL AND forecast_likely IS NOT NULL AND forecast_latest IS NOT NULL
			AND forecast_earliest >= '1900-01-01' AND forecast_latest < '2200-01-01'
			AND forecast_earliest <= forecast_likely AND forecast_likely <= forecast_latest))
	AND (forecast_reason IS NULL
		OR (forecast_likely IS NULL AND forecast_reason ~ '` + `^[a-z][a-z-]{0,62}[a-z]$` + `'))
	AND (on_track IS NULL OR target IS NOT NULL)
	AND ((target IS NULL AND on_track IS NULL) OR forecast_likely IS NOT NULL OR forecast_reason IS NOT NULL));
GRANT SELECT (target, forecast_earliest, forecast_likely, forecast_latest, forecast_reason, on_track)
	ON published_checkins TO devpath_member;
GRANT INSERT (target, forecast_earliest, forecast_likely, forecast_latest, forecast_reason, on_track)
	ON published_checkins TO devpath_member;`
