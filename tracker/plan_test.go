package tracker

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"devpath/roadmap"
)

// planToday is the "today" of the plan's tests.
var planToday = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// evenHistory is a change log in which the claimed score rises in equal
// steps every six days for 30 steps (174 days, about six months) up to
// today: ten junior skills each go up one level at a time to proficient.
// It returns the log and the progress it ends in.
func evenHistory(t *testing.T, rm *roadmap.Roadmap, today time.Time) ([]Event, Progress) {
	t.Helper()
	var skills []string
	for _, e := range rm.Entries() {
		if e.Stage == rm.Stages[0].ID && e.Kind == roadmap.KindSkill && e.Track == "" {
			skills = append(skills, e.Item.ID)
		}
		if len(skills) == 10 {
			break
		}
	}
	if len(skills) < 10 {
		t.Fatalf("the roadmap's first stage has only %d skills for every track", len(skills))
	}
	p := Progress{Profile: Profile{Stage: rm.Stages[0].ID, Region: roadmap.RegionUK}, Items: map[string]ItemState{}}
	var evs []Event
	for j := 29; j >= 0; j-- {
		n := 29 - j // the n-th step, oldest first
		id, level := skills[n/3], Level(n%3+1)
		at := today.AddDate(0, 0, -6*j).Add(9 * time.Hour)
		evs = append(evs, Event{ID: int64(n + 1), At: at, Kind: EventLevel, Target: id,
			Old: strconv.Itoa(int(level - 1)), New: strconv.Itoa(int(level))})
		p.Items[id] = ItemState{ID: id, Level: level, UpdatedAt: at}
	}
	return evs, p
}

// TestPaceAndForecastOfAnEvenRise: a score that rose evenly over six
// months has the straight line's pace, and its forecast range is the days
// the ready threshold is reached at that pace, a quarter faster and a
// quarter slower.
func TestPaceAndForecastOfAnEvenRise(t *testing.T) {
	rm := roadmap.Default()
	evs, p := evenHistory(t, rm, planToday)
	st := BuildPlanStatus(PlanInput{Roadmap: rm, Progress: p, Events: evs, Today: planToday})

	a := Assess(rm, p, planToday)
	step := a.Readiness.Score / 30 // the score started at 0: no profile date, nothing else done
	// The straight line: one step every six days.
	wantPace := step / 6 * DaysPerMonth
	got := st.Claimed.Pace.PerMonth
	if math.Abs(got-wantPace) > 0.02*wantPace {
		t.Fatalf("claimed pace %.3f points a month, want the straight line's %.3f", got, wantPace)
	}
	t.Logf("score %.1f after 30 steps of %.3f: pace %.2f a month (straight line %.3f)", a.Readiness.Score, step, got, wantPace)
	f := st.Claimed.Forecast
	if f == nil {
		t.Fatalf("no forecast: %s", st.Claimed.Reason)
	}
	gap := ReadinessSettings(rm).Ready - a.Readiness.Score
	at := func(pace float64) time.Time {
		return planToday.Add(time.Duration(gap / pace * DaysPerMonth * 24 * float64(time.Hour)))
	}
	for _, c := range []struct {
		name      string
		got, want time.Time
	}{
		{"earliest", f.Earliest, at(wantPace * (1 + ForecastSpread))},
		{"likely", f.Likely, at(wantPace)},
		{"latest", f.Latest, at(wantPace * (1 - ForecastSpread))},
	} {
		// A day or two either way: the scores are rounded to a tenth.
		if d := c.got.Sub(c.want).Hours() / 24; math.Abs(d) > 3 {
			t.Errorf("%s %s, want about %s (%.1f days off)", c.name, FormatDay(c.got), FormatDay(c.want), d)
		}
	}
	if !f.Earliest.Before(f.Likely) || !f.Likely.Before(f.Latest) {
		t.Errorf("forecast %s .. %s .. %s is not a range", FormatDay(f.Earliest), FormatDay(f.Likely), FormatDay(f.Latest))
	}
	// Without evidence, proficient skills count one level lower in the
	// evidenced score: it rises too, more slowly.
	if ev := st.Evidenced; ev == nil || ev.Forecast == nil || !(ev.Pace.PerMonth > 0 && ev.Pace.PerMonth < got) {
		t.Errorf("evidenced outlook %+v, want a slower rise with a forecast", ev)
	}

	// A target after the likely day is on track; one before it is not.
	for _, c := range []struct {
		target time.Time
		want   bool
	}{{f.Likely.AddDate(0, 1, 0), true}, {f.Likely.AddDate(0, -1, 0), false}} {
		st := BuildPlanStatus(PlanInput{Roadmap: rm, Progress: p, Events: evs, Today: planToday, Plan: Plan{Target: c.target}})
		if st.OnTrack == nil || *st.OnTrack != c.want {
			t.Errorf("target %s: on track %v, want %v", FormatDay(c.target), st.OnTrack, c.want)
		}
		if st.Takes.PointsPerMonth <= 0 || st.Takes.ItemsPerMonth <= 0 || st.Takes.Milestone == "" {
			t.Errorf("target %s: what it takes %+v", FormatDay(c.target), st.Takes)
		}
	}
}

// TestTooLittleHistoryGivesAReason: under four weeks of changes, or no
// rise in the window, there is a reason and no forecast, and no on-track
// verdict.
func TestTooLittleHistoryGivesAReason(t *testing.T) {
	rm := roadmap.Default()
	evs, p := evenHistory(t, rm, planToday)
	target := planToday.AddDate(1, 0, 0)

	// The last three weeks of the log only.
	var recent []Event
	for _, e := range evs {
		if !e.At.Before(planToday.AddDate(0, 0, -21)) {
			recent = append(recent, e)
		}
	}
	st := BuildPlanStatus(PlanInput{Roadmap: rm, Progress: p, Events: recent, Today: planToday, Plan: Plan{Target: target}})
	if st.Claimed.Forecast != nil || st.Claimed.Reason != ReasonTooLittleHistory || st.OnTrack != nil {
		t.Errorf("three weeks of history: forecast %+v, reason %q, on track %v", st.Claimed.Forecast, st.Claimed.Reason, st.OnTrack)
	}
	// The same log seen 200 days later: nothing rose in the window.
	later := planToday.AddDate(0, 0, 200)
	st = BuildPlanStatus(PlanInput{Roadmap: rm, Progress: p, Events: evs, Today: later, Plan: Plan{Target: later.AddDate(1, 0, 0)}})
	if st.Claimed.Forecast != nil || st.Claimed.Reason != ReasonNoRise || st.OnTrack != nil {
		t.Errorf("no rise: forecast %+v, reason %q, on track %v", st.Claimed.Forecast, st.Claimed.Reason, st.OnTrack)
	}
	// No log at all.
	st = BuildPlanStatus(PlanInput{Roadmap: rm, Progress: p, Today: planToday})
	if st.Claimed.Reason != ReasonTooLittleHistory {
		t.Errorf("no log: reason %q", st.Claimed.Reason)
	}
}

// TestReconfirmAndStaleEvidence: a claimed skill asks "still true?" after
// the interval from its latest confirmation; a re-confirmation or newer
// evidence keeps it; evidence about to go stale is listed before it does.
func TestReconfirmAndStaleEvidence(t *testing.T) {
	rm := roadmap.Default()
	old := planToday.AddDate(-1, 0, -1)
	p := Progress{Profile: Profile{Stage: "junior", Region: "uk"}, Items: map[string]ItemState{
		"linux-systemd":     {ID: "linux-systemd", Level: Proficient, Date: old, UpdatedAt: old},
		"linux-networking":  {ID: "linux-networking", Level: Learning, Date: old, UpdatedAt: old},
		"docker-multistage": {ID: "docker-multistage", Level: Proficient, UpdatedAt: planToday.AddDate(0, -1, 0)},
	}, Evidence: map[string][]Evidence{
		// Goes stale (24 months) in ten days.
		"docker-multistage": {{ID: 7, ItemID: "docker-multistage", Note: "n", Date: planToday.AddDate(-2, 0, 10)}},
	}}
	in := PlanInput{Roadmap: rm, Progress: p, Today: planToday, Plan: Plan{Reconfirmed: map[string]time.Time{"linux-networking": planToday.AddDate(0, -1, 0)}}}
	st := BuildPlanStatus(in)
	if len(st.Reconfirm) != 1 || st.Reconfirm[0].ID != "linux-systemd" || !st.Reconfirm[0].LastConfirmed.Equal(old) {
		t.Errorf("to re-confirm: %+v, want linux-systemd last confirmed %s", st.Reconfirm, FormatDay(old))
	}
	if len(st.StaleSoon) != 1 || st.StaleSoon[0].ID != "docker-multistage" || st.StaleSoon[0].EvidenceID != 7 {
		t.Errorf("stale soon: %+v", st.StaleSoon)
	}
	due := DueEntries(st, planToday)
	kinds := map[DueKind]int{}
	for _, d := range due {
		kinds[d.Kind]++
	}
	if kinds[DueReconfirm] != 1 || kinds[DueStale] != 1 {
		t.Errorf("due: %+v", due)
	}
	// A group with a shorter interval asks sooner.
	rm2 := roadmapWithGroupInterval(t, "linux-networking", 1)
	in.Roadmap = rm2
	in.Plan.Reconfirmed = nil
	in.Progress.Items["linux-networking"] = ItemState{ID: "linux-networking", Level: Learning, UpdatedAt: planToday.AddDate(0, -2, 0)}
	if st := BuildPlanStatus(in); len(st.Reconfirm) != 2 {
		t.Errorf("with a one-month interval for the group: %+v", st.Reconfirm)
	}
}

// roadmapWithGroupInterval is the default roadmap with the group of the
// skill id re-confirmed every months months.
func roadmapWithGroupInterval(t *testing.T, id string, months int) *roadmap.Roadmap {
	t.Helper()
	rm, err := roadmap.Load(roadmap.DefaultYAML())
	if err != nil {
		t.Fatal(err)
	}
	e, _ := rm.Lookup(id)
	s := rm.Stage(e.Stage)
	for i := range s.Skills {
		if s.Skills[i].ID == e.Group {
			s.Skills[i].ReconfirmMonths = months
		}
	}
	if err := rm.Validate(); err != nil {
		t.Fatal(err)
	}
	return rm
}

// TestPlanItemsAndDue: a plan item is done once proficient, overdue when
// its day has passed, due within a week; the check-in follows the cadence;
// the target is due within 30 days.
func TestPlanItemsAndDue(t *testing.T) {
	rm := roadmap.Default()
	p := Progress{Profile: Profile{Stage: "junior", Region: "uk"}, Items: map[string]ItemState{
		"linux-systemd": {ID: "linux-systemd", Level: Proficient, UpdatedAt: planToday},
	}}
	plan := Plan{Target: planToday.AddDate(0, 0, 20), Cadence: "monthly", Items: []PlanItem{
		{ID: "linux-systemd", Due: planToday.AddDate(0, 0, -3)},
		{ID: "linux-networking", Due: planToday.AddDate(0, 0, -1)},
		{ID: "linux-troubleshooting", Due: planToday.AddDate(0, 0, 5)},
		{ID: "docker-multistage", Due: planToday.AddDate(0, 1, 0)},
	}}
	in := PlanInput{Roadmap: rm, Progress: p, Plan: plan, Today: planToday, LastCheckIn: planToday.AddDate(0, -1, -5)}
	st := BuildPlanStatus(in)
	if !st.Items[0].Done || st.Items[0].Overdue || !st.Items[1].Overdue || st.Items[2].Overdue {
		t.Errorf("items: %+v", st.Items)
	}
	var got []string
	for _, d := range DueEntries(st, planToday) {
		got = append(got, string(d.Kind)+":"+d.ID)
	}
	want := []string{"check-in:", "plan-item:linux-networking", "plan-item:linux-troubleshooting", "target:"}
	if len(got) != len(want) {
		t.Fatalf("due %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("due %q, want %q", got, want)
			break
		}
	}
	// Off: no check-in is ever due.
	in.Plan.Cadence = "off"
	for _, d := range DueEntries(BuildPlanStatus(in), planToday) {
		if d.Kind == DueCheckIn {
			t.Errorf("cadence off, yet %+v", d)
		}
	}
}

// TestPlanInputChecks: the cadence, the target and the due day are
// refused with their codes.
func TestPlanInputChecks(t *testing.T) {
	rm := roadmap.Default()
	for _, s := range []string{"", "off", "weekly", "quarterly", "6w", "45d", "2m", "YEARLY"} {
		if _, err := ParseCadence(s); err != nil {
			t.Errorf("cadence %q: %v", s, err)
		}
	}
	for _, s := range []string{"6", "w", "0w", "-3d", "+3d", "3y", "soon", "99999d", "1.5m"} {
		if _, err := ParseCadence(s); ErrorCode(err) != CodeBadCadence {
			t.Errorf("cadence %q: %v, want code %s", s, err, CodeBadCadence)
		}
	}
	for _, c := range []struct {
		target time.Time
		code   Code
	}{
		{planToday, CodeTargetPast},
		{planToday.AddDate(0, 0, -1), CodeTargetPast},
		{planToday.AddDate(0, 0, 1), ""},
		{planToday.AddDate(5, 0, 0), ""},
		{planToday.AddDate(5, 0, 1), CodeTargetBeyond},
	} {
		if err := CheckTarget(rm, c.target, planToday); ErrorCode(err) != c.code {
			t.Errorf("target %s: %v, want code %q", FormatDay(c.target), err, c.code)
		}
	}
	if err := CheckDue(planToday.AddDate(0, 0, -1), planToday); !errors.Is(err, ErrDuePast) {
		t.Errorf("due yesterday: %v", err)
	}
	if err := CheckDue(planToday, planToday); err != nil {
		t.Errorf("due today: %v", err)
	}
	if _, err := ParsePlanDay("2026-02-30"); !errors.Is(err, ErrBadDate) {
		t.Errorf("2026-02-30: %v", err)
	}
}

// BenchmarkBuildPlanStatus measures the plan over a log of 30,000 level
// changes spread over two years: one replay of the log, three assessments
// for the evidenced score.
func BenchmarkBuildPlanStatus(b *testing.B) {
	rm := roadmap.Default()
	var ids []string
	for _, e := range rm.Entries() {
		if e.Kind == roadmap.KindSkill {
			ids = append(ids, e.Item.ID)
		}
	}
	p := Progress{Profile: Profile{Stage: rm.Stages[0].ID, Region: roadmap.RegionUK}, Items: map[string]ItemState{}}
	const n = 30000
	evs := make([]Event, 0, n)
	start := planToday.AddDate(-2, 0, 0)
	step := planToday.Sub(start) / n
	for i := range n {
		id := ids[i%len(ids)]
		old := p.Items[id].Level
		l := (old + 1) % (Proficient + 1)
		at := start.Add(time.Duration(i) * step)
		evs = append(evs, Event{ID: int64(i + 1), At: at, Kind: EventLevel, Target: id, Old: strconv.Itoa(int(old)), New: strconv.Itoa(int(l))})
		p.Items[id] = ItemState{ID: id, Level: l, UpdatedAt: at}
	}
	in := PlanInput{Roadmap: rm, Progress: p, Events: evs, Today: planToday}
	b.ResetTimer()
	for b.Loop() {
		BuildPlanStatus(in)
	}
}

// TestPaceOfALogOutOfTimeOrder: a log written with the clock set back now
// and then gives the pace of the same log in time order, and the caller's
// slice keeps its order.
func TestPaceOfALogOutOfTimeOrder(t *testing.T) {
	rm := roadmap.Default()
	evs, p := evenHistory(t, rm, planToday)
	want := BuildPlanStatus(PlanInput{Roadmap: rm, Progress: p, Events: evs, Today: planToday})

	shuffled := slices.Clone(evs)
	for i := 0; i+1 < len(shuffled); i += 2 {
		shuffled[i], shuffled[i+1] = shuffled[i+1], shuffled[i]
	}
	before := slices.Clone(shuffled)
	got := BuildPlanStatus(PlanInput{Roadmap: rm, Progress: p, Events: shuffled, Today: planToday})
	if want.Claimed.Pace.PerMonth <= 0 || want.Evidenced == nil {
		t.Fatalf("the log in order has no pace: %+v", want)
	}
	if got.Claimed.Pace != want.Claimed.Pace || got.Evidenced == nil || got.Evidenced.Pace != want.Evidenced.Pace {
		t.Errorf("paces out of order %+v / %+v, in order %+v / %+v", got.Claimed.Pace, got.Evidenced, want.Claimed.Pace, want.Evidenced.Pace)
	}
	if !slices.Equal(shuffled, before) {
		t.Error("the caller's log was reordered")
	}
}
