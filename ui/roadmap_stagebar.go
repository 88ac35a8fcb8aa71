package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
)

// showStage refreshes the stage picker, the stage's details and its rows.
func (s *roadmapScreen) showStage() {
	s.showProgress()
	s.showDetails()
	s.setRows()
}

// showProgress shows the stages' progress in the picker and the chosen
// stage's bar and count; only what changed is redrawn.
func (s *roadmapScreen) showProgress() {
	rm := s.snap.rm
	prof := s.snap.progress.Profile
	// The entries shown but not saved yet count as they are shown.
	counts := tracker.StageProgress(rm, prof, s.state)
	opts := make([]string, len(rm.Stages))
	for i := range rm.Stages {
		opts[i] = fmt.Sprintf("%s · %d/%d", rm.Stages[i].Title, counts[i].Done, counts[i].Total)
		if rm.Stages[i].ID == prof.Stage {
			opts[i] = "▸ " + opts[i]
		}
	}
	sel := ""
	if s.stage < len(opts) {
		sel = opts[s.stage]
	}
	if !slices.Equal(opts, s.stageSelect.Options) || sel != s.stageSelect.Selected {
		s.stageSelect.Options = opts
		s.stageSelect.Selected = sel
		s.stageSelect.Refresh()
	}
	if s.stage >= len(rm.Stages) {
		return
	}
	done, total := counts[s.stage].Done, counts[s.stage].Total
	ratio := 0.0
	if total > 0 {
		ratio = float64(done) / float64(total)
	}
	if s.stageBar.Value != ratio {
		s.stageBar.SetValue(ratio)
	}
	if setLabel(s.stageCount, fmt.Sprintf("%d of %d that count here are done. The bar counts entries; the readiness score weighs them by part.", done, total)) {
		layOut(s.left) // a wrapped label may take another line
	}
}

// showDetails shows the chosen stage's years, pay, summary and duties.
func (s *roadmapScreen) showDetails() {
	rm := s.snap.rm
	prof := s.snap.progress.Profile
	if s.stage >= len(rm.Stages) {
		return
	}
	st := &rm.Stages[s.stage]
	info := formatYears(st.Years) + " · " + formatBand(st.Salary.Band(prof.Region), prof.Region)
	if st.ID == prof.Stage {
		info = "Your stage · " + info
	}
	if st.Summary != "" {
		info += "\n" + st.Summary
	}
	var b strings.Builder
	for _, r := range st.Responsibilities {
		b.WriteString("• " + r + "\n")
	}
	changed := setLabel(s.stageInfo, info)
	if setLabel(s.duties, strings.TrimSuffix(b.String(), "\n")) || changed {
		layOut(s.left) // wrapped labels change height
	}
}

// layOut lays c out again, for a child whose height changed. Unlike
// c.Refresh it leaves the children alone: a refresh draws every text of
// the panel anew, and a tick, which changes one count, took the time of a
// whole frame more for it.
func layOut(c *fyne.Container) {
	c.Layout.Layout(c.Objects, c.Size())
}

// setLabel sets a label's text when it differs, so that an unchanged label
// is not laid out and drawn again, and reports whether it did.
func setLabel(l *widget.Label, text string) bool {
	if l.Text == text {
		return false
	}
	l.SetText(text)
	return true
}

func (s *roadmapScreen) onStageChosen(string) {
	i := s.stageSelect.SelectedIndex()
	if i < 0 || i == s.stage || !s.have {
		return
	}
	s.stage = i
	s.focusID = ""
	s.showStage()
	s.list.ScrollToTop()
}

// stagePicker is the stage picker: a select whose chosen stage and its
// progress wrap onto more lines in a narrow left panel instead of being cut
// short.
type stagePicker struct {
	widget.Select
	// grew is called when the text takes another number of lines, so that
	// the panel gives the picker its new height.
	grew func()
}

// CreateRenderer is the select's, with its text wrapping.
func (p *stagePicker) CreateRenderer() fyne.WidgetRenderer {
	p.ExtendBaseWidget(p)
	r := &stagePickerRenderer{WidgetRenderer: p.Select.CreateRenderer(), picker: p}
	for _, o := range r.Objects() {
		if rt, ok := o.(*widget.RichText); ok {
			rt.Truncation, rt.Wrapping = fyne.TextTruncateOff, fyne.TextWrapWord
			r.label = rt
		}
	}
	return r
}

type stagePickerRenderer struct {
	fyne.WidgetRenderer
	picker *stagePicker
	label  *widget.RichText
	height float32 // the text's height at the last layout
}

// Layout wraps the text at the width the select gives it, then lays the
// select out.
func (r *stagePickerRenderer) Layout(size fyne.Size) {
	if r.label != nil {
		th := r.picker.Theme()
		w := size.Width - th.Size(theme.SizeNameInlineIcon) - th.Size(theme.SizeNameInnerPadding) - th.Size(theme.SizeNamePadding)
		r.label.Resize(fyne.NewSize(max(w, 1), r.label.MinSize().Height))
	}
	r.WidgetRenderer.Layout(size)
	if r.label == nil {
		return
	}
	if h := r.label.MinSize().Height; h != r.height {
		first := r.height == 0
		r.height = h
		if !first && r.picker.grew != nil {
			r.picker.grew()
		}
	}
}

// Refresh redraws the select and lays it out again for a new text.
func (r *stagePickerRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.Layout(r.picker.Size())
}
