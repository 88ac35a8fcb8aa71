package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"devpath/roadmap"
	"devpath/tracker"
)

// One change is said as one: not "All 1 change so far are …".
func TestHistorySummaryOfOneChange(t *testing.T) {
	day := time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)
	series := tracker.ReadinessSeries{
		Points: []tracker.Point{{At: day, Score: 4}},
		Steps:  []tracker.Point{{At: day.Add(9 * time.Hour), Score: 0}, {At: day.Add(10 * time.Hour), Score: 4}},
	}
	got := historySummary(series)
	if strings.Contains(got, "All 1") || strings.Contains(got, " are ") || !strings.Contains(got, "one change so far is") {
		t.Errorf("one change: %q", got)
	}
	series.Steps = append(series.Steps, tracker.Point{At: day.Add(11 * time.Hour), Score: 6})
	if got := historySummary(series); !strings.Contains(got, "All 2 changes so far are") {
		t.Errorf("two changes: %q", got)
	}
}

// At 1024×640 and at the window's smallest size the check-ins list shows
// at least two whole rows: it showed one, clipped.
func TestHistoryCheckInsListShowsTwoRows(t *testing.T) {
	for _, name := range []string{"1024x640", "minimum"} {
		t.Run(name, func(t *testing.T) {
			r := newShellRig(t, Options{})
			for i := range 5 {
				if _, err := r.store.CheckInNow(fmt.Sprintf("Quarterly review %d", i+1), roadmap.Default(), shellDay); err != nil {
					t.Fatal(err)
				}
			}
			r.sh.reload()
			r.sh.show(screenHistory)
			// The window of 1024×640 less the desktop driver's menu bar,
			// or the least the window's content can be given.
			size := fyne.NewSize(1024, 640-menuBarHeight())
			if name == "minimum" {
				size = r.win.Canvas().Content().MinSize()
			}
			r.win.Resize(size)
			if name == "minimum" {
				// The rows, measured at the list's width, make the
				// smallest size again, as the window keeps to it.
				size = r.win.Canvas().Content().MinSize()
				r.win.Resize(size)
			}
			var list *wrapList
			walkObjects(r.win.Canvas().Content(), func(o fyne.CanvasObject) {
				if l, ok := o.(*wrapList); ok && l.Length() == 5 {
					list = l
				}
			})
			if list == nil {
				t.Fatal("no check-ins list of five on the History screen")
			}
			row := list.rowHeight(0, list.Size().Width)
			if got := list.Size().Height; got < 2*row {
				t.Errorf("at %.0f×%.0f the check-ins list is %.0f high, %.1f rows of %.0f; want at least 2", size.Width, size.Height, got, got/row, row)
			}
		})
	}
}
