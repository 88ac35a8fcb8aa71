package report

import (
	"fmt"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// planText says the plan for the summaries: the target (or the roadmap's
// suggestion) with whether the forecast meets it, the forecast as a range
// of months (or why there is none), and the plan's items.
func planText(rm *roadmap.Roadmap, ps tracker.PlanStatus) (target, forecast string, items []string) {
	target = "not set"
	if !ps.Target.IsZero() {
		target = day(ps.Target)
		if ps.OnTrack != nil {
			target += map[bool]string{true: " (on track)", false: " (not on track at the current pace)"}[*ps.OnTrack]
		}
	}
	if s := ps.Suggested; s != nil && ps.Target.IsZero() {
		target += fmt.Sprintf("; the roadmap suggests %s (typical) or %s (accelerated)", day(s.Typical), day(s.Accelerated))
	}
	forecast = words.ForecastReason(ps.Claimed.Reason)
	if f := ps.Claimed.Forecast; f != nil {
		forecast = fmt.Sprintf("ready %s, at %s points a month over the last %d days", words.ForecastRange(*f), num(ps.Claimed.Pace.PerMonth), tracker.PaceWindowDays)
	}
	if t := words.Takes(rm, ps.Takes); t != "" && !ps.Target.IsZero() {
		forecast += "; the target takes " + t
	}
	for _, it := range ps.Items {
		line := fmt.Sprintf("%s: due %s", it.Title, day(it.Due))
		switch {
		case it.Done:
			line += " (done)"
		case it.Overdue:
			line += " (overdue)"
		}
		items = append(items, line)
	}
	return target, forecast, items
}
