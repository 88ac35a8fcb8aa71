package tracker

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"devpath/roadmap"
)

// The plan's figures.
const (
	// PaceWindowDays is the recent window a pace is measured over.
	PaceWindowDays = 90
	// MinForecastHistory is the least time the change log must cover
	// before a pace is worth a forecast: four weeks.
	MinForecastHistory = 28 * 24 * time.Hour
	// ForecastSpread widens the forecast on both sides of the likely
	// day: the earliest day is at a pace this much faster, the latest at
	// one this much slower (or at the window's faster and slower half,
	// when they differ more).
	ForecastSpread = 0.25
	// StaleWarnDays is how far ahead evidence about to go stale is listed.
	StaleWarnDays = 30
	// DueSoonDays is how far ahead a plan item counts as due.
	DueSoonDays = 7
	// TargetWarnDays is how far ahead the target date counts as
	// approaching.
	TargetWarnDays = 30
	// DaysPerMonth is the mean length of a month in days.
	DaysPerMonth = 365.2425 / 12
)

// maxCadenceDays bounds a check-in cadence to ten years.
const maxCadenceDays = 3650

// ParseCadence reads a check-in cadence: "" (the default, quarterly),
// "off", "weekly", "fortnightly", "monthly", "quarterly", "yearly", or a
// whole number with d (days), w (weeks) or m (months), such as "6w".
// Anything else is an error wrapping ErrBadCadence.
func ParseCadence(s string) (Cadence, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "quarterly":
		return DefaultCadence, nil
	case "off", "never":
		return Cadence{Off: true}, nil
	case "weekly":
		return Cadence{Days: 7}, nil
	case "fortnightly":
		return Cadence{Days: 14}, nil
	case "monthly":
		return Cadence{Months: 1}, nil
	case "yearly", "annually":
		return Cadence{Months: 12}, nil
	}
	t := strings.ToLower(strings.TrimSpace(s))
	bad := &Error{Code: CodeBadCadence, Err: ErrBadCadence, Entry: strconv.Quote(s)}
	if len(t) < 2 {
		return Cadence{}, bad
	}
	n, err := strconv.Atoi(t[:len(t)-1])
	if err != nil || n <= 0 || strings.HasPrefix(t, "+") {
		return Cadence{}, bad
	}
	var c Cadence
	switch t[len(t)-1] {
	case 'd':
		c.Days = n
	case 'w':
		c.Days = n * 7
	case 'm':
		c.Months = n
	default:
		return Cadence{}, bad
	}
	if c.Days > maxCadenceDays || c.Months*31 > maxCadenceDays || c.Days < 0 {
		return Cadence{}, bad
	}
	return c, nil
}

// String is the cadence in words: "every 3 months", "every 14 days", "off".
func (c Cadence) String() string {
	switch {
	case c.Off:
		return "off"
	case c.Months == 1 && c.Days == 0:
		return "every month"
	case c.Months > 0 && c.Days == 0:
		return fmt.Sprintf("every %d months", c.Months)
	case c.Months == 0 && c.Days == 1:
		return "every day"
	case c.Months == 0 && c.Days%7 == 0 && c.Days > 0:
		if c.Days == 7 {
			return "every week"
		}
		return fmt.Sprintf("every %d weeks", c.Days/7)
	}
	return fmt.Sprintf("every %d months and %d days", c.Months, c.Days)
}

// Next is the day a check-in is due after one on day from; zero when the
// cadence is off.
func (c Cadence) Next(from time.Time) time.Time {
	if c.Off {
		return time.Time{}
	}
	return Day(from).AddDate(0, c.Months, c.Days)
}

// ParsePlanDay reads a calendar day written YYYY-MM-DD, past or future, as
// midnight UTC; anything else is an error wrapping ErrBadDate.
func ParsePlanDay(s string) (time.Time, error) {
	d, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil || len(strings.TrimSpace(s)) != len(DateLayout) || d.Year() < 1900 {
		return time.Time{}, &Error{Code: CodeBadDate, Err: ErrBadDate, Entry: strconv.Quote(s)}
	}
	return d, nil
}

// CheckTarget checks a target day for the next level against today and
// rm's horizon: it must be after today and no later than
// readiness.horizon_months from today.
func CheckTarget(rm *roadmap.Roadmap, target, today time.Time) error {
	t, d := Day(target), Day(today)
	if !t.After(d) {
		return &Error{Code: CodeTargetPast, Err: ErrTargetPast, Entry: FormatDay(t), Unchanged: true}
	}
	if t.After(d.AddDate(0, HorizonMonths(rm), 0)) {
		return &Error{Code: CodeTargetBeyond, Err: ErrTargetBeyond, Entry: FormatDay(t), Unchanged: true,
			Msg: fmt.Sprintf("the latest is %s, %d months ahead", FormatDay(d.AddDate(0, HorizonMonths(rm), 0)), HorizonMonths(rm))}
	}
	return nil
}

// CheckDue checks a plan item's due day: today or later.
func CheckDue(due, today time.Time) error {
	if Day(due).Before(Day(today)) {
		return &Error{Code: CodeDuePast, Err: ErrDuePast, Entry: FormatDay(due), Unchanged: true}
	}
	return nil
}

// HorizonMonths is rm's planning horizon, the default where a roadmap
// built in code left it out.
func HorizonMonths(rm *roadmap.Roadmap) int {
	if rm.Readiness.HorizonMonths > 0 {
		return rm.Readiness.HorizonMonths
	}
	return roadmap.DefaultReadiness.HorizonMonths
}

// ReconfirmMonths is the re-confirm interval of entry e of rm: its
// group's, else the roadmap's, else the default.
func ReconfirmMonths(rm *roadmap.Roadmap, e roadmap.Entry) int {
	if st := rm.Stage(e.Stage); st != nil && e.Group != "" {
		for i := range st.Skills {
			if g := &st.Skills[i]; g.ID == e.Group && g.ReconfirmMonths > 0 {
				return g.ReconfirmMonths
			}
		}
	}
	if rm.Readiness.ReconfirmMonths > 0 {
		return rm.Readiness.ReconfirmMonths
	}
	return roadmap.DefaultReadiness.ReconfirmMonths
}

// Claimed reports whether a state is a claim: some level, not marked not
// applicable.
func Claimed(s ItemState) bool { return !s.Skipped && s.Level > NotStarted }

// addMonths is a day plus a (possibly fractional) number of months, as
// whole days rounded up: a forecast never lands earlier than its pace says.
func addMonths(day time.Time, months float64) time.Time {
	return Day(day).AddDate(0, 0, int(math.Ceil(months*DaysPerMonth-1e-9)))
}

// checkPlanEvent checks the values of a plan event as a backup holds them:
// days written YYYY-MM-DD (or "" for none), entry ids, cadences
// ParseCadence reads.
func checkPlanEvent(kind, target, old, new string) error {
	day := func(v string) error {
		if v == "" {
			return nil
		}
		_, err := ParsePlanDay(v)
		return err
	}
	switch kind {
	case EventCadence:
		if target != "" {
			return fmt.Errorf("a cadence event names %.30q", target)
		}
		for _, v := range []string{old, new} {
			if _, err := ParseCadence(v); err != nil {
				return err
			}
		}
		return nil
	case EventTarget:
		if target != "" {
			return fmt.Errorf("a target event names %.30q", target)
		}
	default:
		if err := ValidateItemID(target); err != nil {
			return err
		}
	}
	for _, v := range []string{old, new} {
		if err := day(v); err != nil {
			return err
		}
	}
	return nil
}
