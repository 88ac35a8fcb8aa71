package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// longReviewer is the reviewer whose name and title once cut a check-in's
// label mid-word.
const longReviewer = "Maria Fernández-Oyelaran, Head of Platform Engineering and Site Reliability"

// The comparison is a table: a header of the five columns, one row per
// entry with the cells words.ReviewRows makes, states as states, N/A as
// N/A, wide gaps marked and in the warning colour; the reviewer named once,
// above it. A small window cuts cells only between words.
func TestSideBySideIsATable(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1024, Height: 640}, {Width: 800, Height: 600}} {
		r := newRevRig(t)
		r.win.Resize(size)
		cmp := tracker.Comparison{Reviewer: longReviewer, Agreement: 0.25, Entries: []tracker.ComparedEntry{
			{ID: "a", Title: "Writing reusable Terraform modules another team adopts without changes", Kind: roadmap.KindSkill, Self: 3, Manager: 1, Gap: -2, Wide: true,
				Comment: "Show me a module another team uses in production, with its tests and its documentation"},
			{ID: "b", Title: "Beta", Kind: roadmap.KindSkill, Self: 2, Manager: 2},
			{ID: "c", Title: "Ready for on-call", Kind: roadmap.KindCriterion, Self: 3, Manager: 0, States: true, Gap: -1, Wide: true},
			{ID: "d", Title: "Not for me", Kind: roadmap.KindSkill, Skipped: true},
		}}
		s := showSideBySide(r.e, cmp, "ab:cd")
		rows := words.ReviewRows(cmp)
		// Every cell, as the table shows it.
		shown := map[widget.TableCellID]*fitLabel{}
		var header []string
		walkObjects(r.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			l, ok := o.(*fitLabel)
			if !ok || !l.Visible() {
				return
			}
			for id := range rows {
				for col := range words.ReviewColumns {
					if l.full == s.cell(id, col) && l.full != "" {
						shown[widget.TableCellID{Row: id, Col: col}] = l
					}
				}
			}
			if l.TextStyle.Bold && !strings.Contains(strings.Join(header, "|"), l.full) {
				for _, c := range words.ReviewColumns {
					if l.full == c {
						header = append(header, c)
					}
				}
			}
		})
		if strings.Join(header, "|") != "Entry|You|Manager|Gap|Comment" {
			t.Errorf("%v: the header reads %v", size, header)
		}
		for id, want := range map[widget.TableCellID]string{{Row: 0, Col: 3}: "‼ −2", {Row: 2, Col: 1}: "confirmed", {Row: 2, Col: 2}: "not confirmed",
			{Row: 2, Col: 3}: "‼ differs", {Row: 3, Col: 1}: "N/A", {Row: 3, Col: 2}: "N/A", {Row: 1, Col: 3}: "0"} {
			if l := shown[id]; l == nil || l.Text != want {
				t.Errorf("%v: cell %v shows %v, want %q", size, id, l, want)
			}
		}
		for id, l := range shown {
			warned := l.Importance == widget.WarningImportance && l.TextStyle.Bold
			if want := rows[id.Row].Wide && (id.Col == 0 || id.Col == 3); warned != want {
				t.Errorf("%v: cell %v in the warning colour %v, want %v", size, id, warned, want)
			}
			// A cell cut short ends after a whole word.
			if l.Text != l.full {
				cut := strings.TrimSuffix(l.Text, ellipsis)
				rest := strings.TrimPrefix(l.full, cut)
				if cut == l.Text || !strings.HasPrefix(l.full, cut) || rest == "" || !strings.ContainsAny(rest[:1], " ,.;:") {
					t.Errorf("%v: cell %v cut mid-word: %q of %q", size, id, l.Text, l.full)
				}
			}
		}
		if shown[widget.TableCellID{Row: 0, Col: 0}] == nil {
			t.Fatalf("%v: the first entry is not in the table", size)
		}
		text := r.topTexts()
		if strings.Count(text, "Maria Fernández-Oyelaran") != 1 || strings.Contains(text, "not started") {
			t.Errorf("%v: the reviewer should be named once and N/A never read as not started:\n%s", size, text)
		}
		// A row tapped is shown whole.
		s.table.OnSelected(widget.TableCellID{Row: 0, Col: 4})
		if !strings.Contains(r.topTexts(), cmp.Entries[0].Comment) {
			t.Errorf("%v: the row tapped should show whole:\n%s", size, r.topTexts())
		}
	}
}

// fitWords cuts only between words, and keeps what fits.
func TestFitWordsCutsBetweenWords(t *testing.T) {
	test.NewTempApp(t)
	size, style := theme.TextSize(), fyne.TextStyle{}
	s := "Review by " + longReviewer
	full := fyne.MeasureText(s, size, style).Width
	if got := fitWords(s, full, size, style); got != s {
		t.Errorf("a text that fits is cut: %q", got)
	}
	for _, frac := range []float32{0.2, 0.45, 0.7, 0.95} {
		got := fitWords(s, full*frac, size, style)
		cut := strings.TrimSuffix(got, ellipsis)
		if cut == got || !strings.HasPrefix(s, cut) || s[len(cut)] != ' ' && s[len(cut)] != ',' {
			t.Errorf("at %v of its width: %q", frac, got)
		}
		if fyne.MeasureText(got, size, style).Width > full*frac {
			t.Errorf("at %v of its width %q is wider", frac, got)
		}
	}
	if got := fitWords("Supercalifragilistic", 10, size, style); got != "Supercalifragilistic" {
		t.Errorf("one word too wide is left to the label's own truncation: %q", got)
	}
}
