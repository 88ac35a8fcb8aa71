package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// facts returns the roadmap's facts as one-line texts, leaving out empty
// ones, so that every renderer can list them as they are.
func facts(fs []string) []string {
	var out []string
	for _, f := range fs {
		if f = strings.Join(strings.Fields(f), " "); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func newComponent(name string, share, weight float64) component {
	return component{
		Name:   name,
		Share:  round1(share * 100),
		Weight: round1(weight * 100),
		Points: round1(share * weight * 100),
	}
}

// timelineText compares the months in stage with the transition out of it.
func timelineText(a tracker.Assessment) string {
	t := a.Timeline
	var b strings.Builder
	if t.Status == tracker.TimelineUnknown || t.Status == "" {
		if t.Typical.Max == 0 {
			return "no timeline for this stage"
		}
		fmt.Fprintf(&b, "typically %s, accelerated %s; set the date you entered this stage to compare",
			monthRange(t.Typical), monthRange(t.Accelerated))
		return b.String()
	}
	fmt.Fprintf(&b, "%s at this stage; typically %s, accelerated %s (%s)",
		plural(a.MonthsInStage, "month"), monthRange(t.Typical), monthRange(t.Accelerated), words.TimelineFor(a))
	return b.String()
}

func monthRange(m roadmap.Months) string {
	if m.Min == m.Max {
		return plural(m.Max, "month")
	}
	return fmt.Sprintf("%d–%d months", m.Min, m.Max)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// day writes a calendar day, or "" for the zero time.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

func round1(f float64) float64 {
	if f < 0 {
		return -round1(-f)
	}
	return float64(int64(f*10+0.5)) / 10
}

// num writes a number with at most one decimal: "62.5", "85".
func num(f float64) string { return strconv.FormatFloat(round1(f), 'f', -1, 64) }

// signed writes a change with its sign: "+4.5", "-2", "0".
func signed(f float64) string {
	if f > 0 {
		return "+" + num(f)
	}
	return num(f)
}

// verdictWords is the verdict as a reader reads it, for the HTML template.
var verdictWords = words.Verdict
