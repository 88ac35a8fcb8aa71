package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// dateLayout is how dates are written and read on the command line.
const dateLayout = "2006-01-02"

// percent writes a 0-1 share as a percentage, e.g. "66.7%".
func percent(f float64) string { return tracker.Percent(f) }

// entryTitle returns an entry's title, or a note that the roadmap no longer
// has it.
func entryTitle(rm *roadmap.Roadmap, id string) string {
	if e, ok := rm.Lookup(id); ok {
		return e.Item.Title
	}
	return "(not in this roadmap)"
}

// stageTitle returns a stage's title followed by its id, or the id alone
// when the roadmap does not have it.
func stageTitle(rm *roadmap.Roadmap, id string) string {
	if s := rm.Stage(id); s != nil {
		return fmt.Sprintf("%s (%s)", s.Title, s.ID)
	}
	if id == "" {
		return "(none)"
	}
	return id
}

// day writes a calendar day, or "not set" for the zero time.
func day(t time.Time) string {
	if t.IsZero() {
		return "not set"
	}
	return t.Format(dateLayout)
}

// orNone returns s, or "(none)" when it is empty. It shows stored values,
// so what would act on a terminal is written out visibly (tracker.Visible).
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return tracker.Visible(s)
}

// visibleTable returns a tab-aligned table writing to out through
// tracker.VisibleWriter, so that text from the database (a name, a note, a
// label) can never act on the terminal, and the function that flushes both.
func visibleTable(out io.Writer) (*tabwriter.Writer, func() error) {
	vw := tracker.NewVisibleWriter(out)
	w := tabwriter.NewWriter(vw, 0, 4, 2, ' ', 0)
	return w, func() error {
		if err := w.Flush(); err != nil {
			return err
		}
		return vw.Flush()
	}
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// plural writes n and the noun, in the plural unless n is 1 ("entry"
// becomes "entries", "stage" "stages").
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ay") && !strings.HasSuffix(noun, "ey") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// signed writes a score change with its sign, "+2.5" or "-1.0".
func signed(f float64) string {
	if f >= 0 {
		return fmt.Sprintf("+%.1f", f)
	}
	return fmt.Sprintf("%.1f", f)
}
