package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
)

func TestRoadmapFitsSmallWindow(t *testing.T) {
	r, s := keyRig(t)
	// The navigation takes about 90 pixels; the menu bar and the status
	// line about 60.
	if min := s.content().MinSize(); min.Width > 800-100 || min.Height > 600-80 {
		t.Errorf("the Roadmap screen needs %v; an 800×600 window leaves about 700×520", min)
	}
	rm := roadmap.Default()
	for st := range rm.Stages {
		s.stageSelect.SetSelectedIndex(st)
		for i, row := range s.rows {
			s.reveal(i)
			v := s.rowView(i)
			if v == nil {
				t.Fatalf("%s row %d is not built after scrolling to it", rm.Stages[st].ID, i)
			}
			size := v.Size()
			text := v.header
			if row.kind == rowItem {
				text = v.title
				if end := v.evidence.Position().X + v.evidence.Size().Width; end > size.Width+0.5 {
					t.Errorf("%s: the evidence button ends at %v in a row %v wide", row.entry.Item.ID, end, size.Width)
				}
				if v.level.Visible() && v.title.Position().X+v.title.Size().Width > v.level.Position().X {
					t.Errorf("%s: the title runs into the level", row.entry.Item.ID)
				}
			}
			// Nothing is cut off: the wrapped text fits in its row and in
			// its width.
			if h := text.MinSize().Height; h > size.Height+0.5 {
				t.Errorf("%s row %d (%q): the text needs %v but the row is %v high", rm.Stages[st].ID, i, richText(text), h, size.Height)
			}
			if w := text.MinSize().Width; w > text.Size().Width+0.5 {
				t.Errorf("row %d (%q) needs %v wide, has %v", i, richText(text), w, text.Size().Width)
			}
			if drawn, full := drawnText(text), strings.ReplaceAll(richText(text), " ", ""); drawn != full {
				t.Errorf("row %d draws %q of %q", i, drawn, full)
			}
		}
	}
	// At 1920×1080 every title fits on one line.
	r.win.Resize(fyne.NewSize(1920, 1080))
	s.stageSelect.SetSelectedIndex(rm.StageIndex("mid"))
	for i, row := range s.rows {
		if row.kind == rowItem && s.heights[i] > s.metrics().height {
			t.Errorf("%s wraps at 1920×1080", row.entry.Item.ID)
		}
	}
}

// drawnText is the text a rich text widget draws, its lines joined and
// without spaces.
func drawnText(rt *widget.RichText) string {
	var b strings.Builder
	for _, o := range test.WidgetRenderer(rt).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Visible() {
			b.WriteString(t.Text)
		}
	}
	return strings.ReplaceAll(b.String(), " ", "")
}

// richText is the text of a rich text widget.
func richText(rt *widget.RichText) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		b.WriteString(s.Textual())
	}
	return b.String()
}

func TestSearchResultsNameStageAndGroupNotIDs(t *testing.T) {
	r := newShellRig(t, Options{})
	s := r.sh.rmap
	r.sh.show(screenRoadmap)
	s.search.SetText("e")
	if len(s.results) < 50 {
		t.Fatalf("searching e finds %d entries", len(s.results))
	}
	for _, i := range s.results {
		h := s.index[i]
		var b strings.Builder
		for _, seg := range s.resultSegments(h) {
			b.WriteString(seg.Textual() + "\n")
		}
		text := b.String()
		if strings.Contains(text, h.entry.Item.ID) {
			t.Errorf("the result for %s shows its id: %q", h.entry.Item.ID, text)
		}
		if !strings.Contains(text, "Stage: "+s.rm.Stages[h.stage].Title) {
			t.Errorf("the result for %s doesn't name its stage: %q", h.entry.Item.ID, text)
		}
		switch h.entry.Kind {
		case roadmap.KindSkill:
			if !strings.Contains(text, "Group: "+h.entry.GroupTitle) {
				t.Errorf("the result for %s doesn't name its group: %q", h.entry.Item.ID, text)
			}
		case roadmap.KindBranchItem:
			if !strings.Contains(text, "Branch: ") {
				t.Errorf("the result for %s doesn't name its branch: %q", h.entry.Item.ID, text)
			}
		}
	}
	// Enter in the search box goes to the first result, with the focus on
	// its tick box.
	first := s.index[s.results[0]].entry.Item.ID
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if row, col := focusedRow(r.win); row == nil || row.id != first || col != colCheck {
		t.Errorf("Enter in the search box focuses %v; want the tick box of %s", r.win.Canvas().Focused(), first)
	}
}

func TestSearchResultsShowInFull(t *testing.T) {
	r, s := keyRig(t)
	s.search.SetText("incident")
	if len(s.results) < 3 {
		t.Fatalf("searching incident finds %d entries", len(s.results))
	}
	var rows []*widget.RichText
	walkObjects(s.resultList, func(o fyne.CanvasObject) {
		if rt, ok := o.(*widget.RichText); ok {
			rows = append(rows, rt)
		}
	})
	if len(rows) < len(s.results) {
		t.Fatalf("%d result rows drawn for %d results", len(rows), len(s.results))
	}
	for _, rt := range rows {
		if need := rt.MinSize().Height; need > rt.Size().Height+0.5 {
			t.Errorf("the result %q needs %v high, has %v", richText(rt), need, rt.Size().Height)
		}
	}
	// Searched in a wide window, then narrower: the results wrap and get
	// taller.
	r.win.Resize(fyne.NewSize(1920, 1080))
	s.search.SetText("infrastructure")
	r.win.Resize(smallWindow)
	rows = rows[:0]
	walkObjects(s.resultList, func(o fyne.CanvasObject) {
		if rt, ok := o.(*widget.RichText); ok {
			rows = append(rows, rt)
		}
	})
	for _, rt := range rows {
		if need := rt.MinSize().Height; need > rt.Size().Height+0.5 {
			t.Errorf("in a narrower window the result %q needs %v high, has %v", richText(rt), need, rt.Size().Height)
		}
	}
}

// A count that takes another line gets it, with what is under it moved
// down, though the panel is laid out again without being refreshed.
func TestStagePanelMakesRoomForALongerCount(t *testing.T) {
	test.NewTempApp(t)
	count := &widget.Label{Text: "9 of 26 are done.", Wrapping: fyne.TextWrapWord}
	below := widget.NewButton("Mark done…", nil)
	panel := container.NewBorder(container.NewVBox(count, below), nil, nil, nil, widget.NewLabel("duties"))
	w := test.NewTempWindow(t, panel)
	w.Resize(fyne.NewSize(200, 400))
	oneLine := count.Size().Height

	count.SetText("10 of 26 that count here are done. The bar counts entries; the readiness score weighs them by part.")
	layOut(panel)
	if h := count.Size().Height; h <= oneLine || h < count.MinSize().Height {
		t.Fatalf("the count is %v high after it took more lines (one line: %v, it needs %v)", h, oneLine, count.MinSize().Height)
	}
	if top, end := below.Position().Y, count.Position().Y+count.Size().Height; top < end {
		t.Errorf("the button starts at %v, inside the count, which ends at %v", top, end)
	}
}
