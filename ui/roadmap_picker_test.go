package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestRoadmapStagePickerWrapsInANarrowPanel(t *testing.T) {
	r, s := keyRig(t)
	oneLine := widget.NewSelect([]string{"Junior"}, nil).MinSize().Height
	// The stage with the longest title.
	rm := s.snap.rm
	long := 0
	for i, st := range rm.Stages {
		if len(st.Title) > len(rm.Stages[long].Title) {
			long = i
		}
	}
	s.stageSelect.SetSelectedIndex(long)
	r.win.Content().Refresh()
	var label *widget.RichText
	for _, o := range test.WidgetRenderer(s.stageSelect).Objects() {
		if rt, ok := o.(*widget.RichText); ok {
			label = rt
		}
	}
	if label == nil {
		t.Fatal("the stage picker has no text")
	}
	want := s.stageSelect.Selected
	if !strings.Contains(want, rm.Stages[long].Title) {
		t.Fatalf("the picker shows %q, want %s", want, rm.Stages[long].Title)
	}
	if drawn := drawnText(label); drawn != strings.ReplaceAll(want, " ", "") {
		t.Errorf("the picker draws %q of %q", drawn, want)
	}
	picker := s.stageSelect.Size().Height
	if picker <= oneLine {
		t.Errorf("the picker is %v high with %q in a %v wide panel, as high as with one line (%v)", picker, want, s.stageSelect.Size().Width, oneLine)
	}
	if end := label.Position().Y + label.MinSize().Height; end > picker+0.5 {
		t.Errorf("the picker's text ends at %v in a picker %v high", end, picker)
	}
	if top := s.stageInfo.Position().Y; top < s.stageSelect.Position().Y+picker {
		t.Errorf("the stage's details start at %v, inside the picker ending at %v", top, s.stageSelect.Position().Y+picker)
	}
}
