package tracker

import (
	"cmp"
	"math"
	"slices"
	"time"

	"devpath/roadmap"
)

// PlanInput is everything the plan's rules read: the roadmap (indexed),
// the progress as saved (with its evidence), the plan, the whole change
// log, the latest check-in (zero when none) and today.
type PlanInput struct {
	Roadmap     *roadmap.Roadmap
	Progress    Progress
	Plan        Plan
	Events      []Event
	LastCheckIn time.Time
	Today       time.Time
}

// BuildPlanStatus works out the plan's status on in.Today. See
// docs/plan.md for the rules; in short:
//
//   - the pace of a score is what it gained over the last PaceWindowDays
//     (or since the first change, when the log is younger), per month; the
//     claimed score comes from the History chart's replay of the change
//     log, the evidenced score from the same replay with the evidence that
//     had been entered by each day;
//   - the forecast is the day the score would reach the ready threshold at
//     that pace (likely), with the earliest at a pace ForecastSpread faster
//     (or the window's faster half) and the latest at one ForecastSpread
//     slower (or the slower half, but never below half the pace); with
//     under MinForecastHistory of history, or no rise, there is a reason
//     instead;
//   - on track: the likely day is on or before the target.
func BuildPlanStatus(in PlanInput) PlanStatus {
	rm, today := in.Roadmap, Day(in.Today)
	a := Assess(rm, in.Progress, today)
	set := ReadinessSettings(rm)
	st := PlanStatus{Target: in.Plan.Target, Items: []PlanEntry{}, Reconfirm: []ReconfirmItem{}, StaleSoon: []StaleEvidence{}}
	st.Suggested = suggestTarget(rm, in.Progress.Profile, today)

	claimed, evidenced := paces(in, a, set, today)
	st.Claimed = claimed
	if !set.Evidence.Off {
		st.Evidenced = &evidenced
	}
	if !st.Target.IsZero() {
		switch {
		case st.Claimed.Reason == ReasonReached:
			st.OnTrack = ptr(true)
		case st.Claimed.Forecast != nil:
			st.OnTrack = ptr(!st.Claimed.Forecast.Likely.After(Day(st.Target)))
		}
	}
	st.Takes = whatItTakes(a, set, st.Target, today)

	resolved, _ := ResolveStates(rm, in.Progress.Items)
	for _, it := range in.Plan.Items {
		e := PlanEntry{ID: it.ID, Title: it.ID, Due: it.Due}
		if ent, ok := rm.Lookup(it.ID); ok {
			s := resolved.State(ent.Item.ID)
			e.Title, e.Kind, e.Level = ent.Item.Title, ent.Kind, s.Level
			e.Done = !s.Skipped && s.Level >= Proficient
		} else {
			e.Unknown = true
		}
		e.Overdue = !e.Done && Day(it.Due).Before(today)
		st.Items = append(st.Items, e)
	}
	st.Reconfirm, st.StaleSoon = freshness(rm, in.Progress, resolved, in.Plan.Reconfirmed, set, today)

	c, err := ParseCadence(in.Plan.Cadence)
	if err != nil {
		c = DefaultCadence
	}
	st.Cadence, st.CadenceText, st.LastCheckIn = c, c.String(), in.LastCheckIn
	base := in.LastCheckIn
	if base.IsZero() {
		// Before the first check-in, the cadence runs from the first
		// change: a new user is not asked to check in on day one.
		base = today
		if len(in.Events) > 0 {
			base = slices.MinFunc(in.Events, func(x, y Event) int { return x.At.Compare(y.At) }).At
		}
	}
	st.NextCheckIn = c.Next(base)
	return st
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// suggestTarget is the roadmap's suggested target: the stage date plus the
// transition's typical months, with the accelerated ones; nil without a
// stage date or a transition out of the stage.
func suggestTarget(rm *roadmap.Roadmap, prof Profile, today time.Time) *SuggestedTarget {
	tr := rm.TransitionFrom(prof.Stage)
	if tr == nil || prof.StageSince.IsZero() || tr.TypicalMonths.Max <= 0 {
		return nil
	}
	since := Day(prof.StageSince)
	s := &SuggestedTarget{
		Typical:     since.AddDate(0, tr.TypicalMonths.Max, 0),
		Accelerated: since.AddDate(0, max(tr.AcceleratedMonths.Max, tr.AcceleratedMonths.Min), 0),
		TypicalM:    tr.TypicalMonths,
		AccelM:      tr.AcceleratedMonths,
	}
	s.Past = !s.Typical.After(today)
	return s
}

// paces measures both scores' paces over the window and forecasts each.
func paces(in PlanInput, a Assessment, set roadmap.Readiness, today time.Time) (claimed, evidenced Outlook) {
	rm := in.Roadmap
	claimed.Pace = Pace{To: today, Score: a.Readiness.Score, Ready: set.Ready}
	evidenced.Pace = claimed.Pace
	if a.Readiness.Evidenced != nil {
		evidenced.Pace.Score = a.Readiness.Evidenced.Score
	}
	if set.Evidence.Off {
		evidenced.Reason = ReasonEvidenceOff
	}
	if a.Next == nil {
		claimed.Reason, evidenced.Reason = ReasonNoNextLevel, ReasonNoNextLevel
		return claimed, evidenced
	}
	// The log comes in the order it was written, which is time order
	// unless a clock was set back. Only then is it copied and sorted: a
	// copy of a long log (100,000 changes) was 10 MB at each load of the
	// Dashboard, and the caller's slice is left as it was.
	byAt := func(x, y Event) int { return x.At.Compare(y.At) }
	events := in.Events
	if !slices.IsSortedFunc(events, byAt) {
		events = slices.Clone(events)
		slices.SortStableFunc(events, byAt)
	}
	if len(events) == 0 || len(rm.Stages) == 0 || today.Sub(Day(events[0].At)) < MinForecastHistory {
		claimed.Reason = ReasonTooLittleHistory
		if evidenced.Reason == "" {
			evidenced.Reason = ReasonTooLittleHistory
		}
		return claimed, evidenced
	}
	from := today.AddDate(0, 0, -PaceWindowDays)
	if first := Day(events[0].At); first.After(from) {
		from = first
	}
	mid := from.Add(today.Sub(from) / 2)
	mid = Day(mid)
	days := []time.Time{from, mid, today}
	cs, es := scoresOn(rm, events, in.Progress.Evidence, days)
	claimed.Pace.From, evidenced.Pace.From = from, from
	// The last sample is the replay's today, which should be the saved
	// progress; the assessment's figures are what the user sees, so the
	// gap is measured from them.
	forecast(&claimed, cs, days, a.Readiness.Score, set.Ready, today)
	if !set.Evidence.Off && a.Readiness.Evidenced != nil {
		forecast(&evidenced, es, days, a.Readiness.Evidenced.Score, set.Ready, today)
	}
	return claimed, evidenced
}

// scoresOn replays the log once and returns the claimed and the evidenced
// score at the end of each of days (ascending). The evidence counted on a
// day is what had been entered by its end (its creation time; its date
// when that is unknown).
func scoresOn(rm *roadmap.Roadmap, events []Event, evidence map[string][]Evidence, days []time.Time) (claimed, evidenced []float64) {
	r := NewReplay(rm, len(events))
	find := eventFinder(events)
	i := 0
	for _, d := range days {
		end := d.AddDate(0, 0, 1)
		for i < len(events) && events[i].At.Before(end) {
			r.applyEvent(&events[i], find)
			i++
		}
		claimed = append(claimed, r.Point(d).Score)
		p := r.progress()
		p.Evidence = map[string][]Evidence{}
		for id, list := range evidence {
			for _, e := range list {
				at := e.CreatedAt
				if at.IsZero() {
					at = e.Date
				}
				if at.Before(end) {
					p.Evidence[id] = append(p.Evidence[id], e)
				}
			}
		}
		score := 0.0
		if ev := Assess(rm, p, d).Readiness.Evidenced; ev != nil {
			score = ev.Score
		}
		evidenced = append(evidenced, score)
	}
	return claimed, evidenced
}

// forecast fills o's pace from the scores on days (start, middle, end of
// the window) and its forecast towards ready from score now.
func forecast(o *Outlook, scores []float64, days []time.Time, now, ready float64, today time.Time) {
	months := func(a, b time.Time) float64 { return b.Sub(a).Hours() / 24 / DaysPerMonth }
	whole := months(days[0], days[2])
	if whole <= 0 {
		o.Reason = ReasonTooLittleHistory
		return
	}
	pace := (scores[2] - scores[0]) / whole
	o.Pace.PerMonth = math.Round(pace*100) / 100
	gap := ready - now
	switch {
	case gap <= 0:
		o.Reason = ReasonReached
		return
	case pace <= 0:
		o.Reason = ReasonNoRise
		return
	}
	fast, slow := pace*(1+ForecastSpread), pace*(1-ForecastSpread)
	if m1, m2 := months(days[0], days[1]), months(days[1], days[2]); m1 > 0 && m2 > 0 {
		h1, h2 := (scores[1]-scores[0])/m1, (scores[2]-scores[1])/m2
		fast = max(fast, h1, h2)
		slow = max(min(slow, h1, h2), pace/2)
	}
	o.Forecast = &Forecast{
		Earliest: addMonths(today, gap/fast),
		Likely:   addMonths(today, gap/pace),
		Latest:   addMonths(today, gap/slow),
	}
}

// whatItTakes says what reaching the ready threshold by target takes.
func whatItTakes(a Assessment, set roadmap.Readiness, target, today time.Time) WhatItTakes {
	w := WhatItTakes{Gap: max(0, math.Round((set.Ready-a.Readiness.Score)*10)/10)}
	for _, g := range a.Missing {
		if g.Kind == roadmap.KindMilestone {
			w.Milestone, w.MilestoneGain = g.ID, g.Gain
			break
		}
	}
	if w.Gap <= 0 {
		return w
	}
	// The next best entries: the average gain of the first few that add
	// anything says how many would close the gap.
	const next = 5
	var sum float64
	n := 0
	for _, g := range a.Missing {
		if g.Gain <= 0 || g.Kind == roadmap.KindMilestone {
			continue
		}
		sum += g.Gain
		if n++; n == next {
			break
		}
	}
	if n > 0 {
		w.Items = int(math.Ceil(w.Gap / (sum / float64(n))))
	}
	if left := Day(target).Sub(today).Hours() / 24 / DaysPerMonth; !target.IsZero() && left > 0 {
		w.PointsPerMonth = math.Round(w.Gap/left*10) / 10
		if w.Items > 0 {
			w.ItemsPerMonth = int(math.Ceil(float64(w.Items) / left))
		}
	}
	return w
}

// freshness lists the claimed entries to re-confirm and the evidence
// about to go stale. An entry's last confirmation is the latest of its
// level's date, its last change, its evidence's dates and its
// re-confirmation. Only skills and branch items are asked about: a
// criterion or a milestone, once met, stays met.
func freshness(rm *roadmap.Roadmap, p Progress, st ResolvedStates, reconfirmed map[string]time.Time, set roadmap.Readiness, today time.Time) ([]ReconfirmItem, []StaleEvidence) {
	re, stale := []ReconfirmItem{}, []StaleEvidence{}
	byID := EvidenceByEntry(rm, p.Evidence)
	recon := map[string]time.Time{}
	for id, d := range reconfirmed {
		if cur := rm.Resolve(id); cur != "" && d.After(recon[cur]) {
			recon[cur] = d
		}
	}
	for _, e := range rm.Entries() {
		id := e.Item.ID
		s := st.State(id)
		if !Claimed(s) {
			continue
		}
		var freshest *Evidence
		for i := range byID[id] {
			if ev := &byID[id][i]; freshest == nil || ev.Date.After(freshest.Date) {
				freshest = ev
			}
		}
		if freshest != nil && !set.Evidence.Off {
			staleOn := Day(freshest.Date).AddDate(0, set.Evidence.MaxAgeMonths, 0)
			if staleOn.After(today) && !staleOn.After(today.AddDate(0, 0, StaleWarnDays)) {
				stale = append(stale, StaleEvidence{ID: id, Title: e.Item.Title, EvidenceID: freshest.ID, Date: Day(freshest.Date), StaleOn: staleOn})
			}
		}
		if e.Kind != roadmap.KindSkill && e.Kind != roadmap.KindBranchItem {
			continue
		}
		last := latest(DayOf(s.Date), DayOf(s.UpdatedAt), recon[id])
		if freshest != nil {
			last = latest(last, Day(freshest.Date))
		}
		if last.IsZero() {
			continue
		}
		due := last.AddDate(0, ReconfirmMonths(rm, e), 0)
		if !due.After(today) {
			re = append(re, ReconfirmItem{ID: id, Title: e.Item.Title, Level: s.Level, LastConfirmed: last, DueSince: due})
		}
	}
	slices.SortStableFunc(re, func(a, b ReconfirmItem) int { return a.LastConfirmed.Compare(b.LastConfirmed) })
	slices.SortStableFunc(stale, func(a, b StaleEvidence) int { return cmp.Or(a.StaleOn.Compare(b.StaleOn), cmp.Compare(a.ID, b.ID)) })
	return re, stale
}

// latest is the latest of days.
func latest(days ...time.Time) time.Time {
	var l time.Time
	for _, d := range days {
		if d.After(l) {
			l = d
		}
	}
	return l
}

// DueEntries lists what is due on today in st: the check-in when its day
// has come, plan items not done that are due within DueSoonDays or
// overdue, every entry to re-confirm, evidence about to go stale, and the
// target when it is within TargetWarnDays (or past) and the score is not
// at the ready threshold yet. Soonest first.
func DueEntries(st PlanStatus, today time.Time) []DueEntry {
	today = Day(today)
	out := []DueEntry{}
	if !st.NextCheckIn.IsZero() && !st.NextCheckIn.After(today) {
		out = append(out, DueEntry{Kind: DueCheckIn, Date: st.NextCheckIn, Overdue: st.NextCheckIn.Before(today)})
	}
	soon := today.AddDate(0, 0, DueSoonDays)
	for _, it := range st.Items {
		if !it.Done && !it.Unknown && !Day(it.Due).After(soon) {
			out = append(out, DueEntry{Kind: DuePlanItem, ID: it.ID, Title: it.Title, Date: Day(it.Due), Overdue: it.Overdue})
		}
	}
	for _, r := range st.Reconfirm {
		out = append(out, DueEntry{Kind: DueReconfirm, ID: r.ID, Title: r.Title, Date: r.DueSince, Overdue: r.DueSince.Before(today)})
	}
	for _, s := range st.StaleSoon {
		out = append(out, DueEntry{Kind: DueStale, ID: s.ID, Title: s.Title, Date: s.StaleOn})
	}
	if t := Day(st.Target); !st.Target.IsZero() && st.Claimed.Reason != ReasonReached && !t.After(today.AddDate(0, 0, TargetWarnDays)) {
		out = append(out, DueEntry{Kind: DueTarget, Date: t, Overdue: t.Before(today)})
	}
	slices.SortStableFunc(out, func(a, b DueEntry) int { return a.Date.Compare(b.Date) })
	return out
}
