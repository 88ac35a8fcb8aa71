package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// rmRowView is the widget of one row of the item list: a header, a note or
// an entry with its controls. The list reuses it for other rows as it
// scrolls.
type rmRowView struct {
	widget.BaseWidget
	screen  *roadmapScreen
	row     int    // index in screen.rows; -1 before the first update
	id      string // the entry shown, "" for a header or note
	kind    rowKind
	binding bool // true while update fills the widgets, to ignore their callbacks

	header   *widget.RichText
	menu     *stepIcon // a header's menu of steps
	check    *rmCheck
	title    *widget.RichText
	status   *widget.Label
	level    *rmSelect
	na       *rmCheck
	evidence *rmButton
	// plan adds the entry to the plan, or changes or removes it there.
	plan *rmButton

	// themed makes the row repaint once after a theme change.
	themed themeFollower

	// last shown values, so that an update touches only what changed
	shownText  string
	shownTag   string
	shownCount int
	shownPlan  string
}

// levelNames are the choices of the level Select, in Level order.
var levelNames = func() []string {
	out := make([]string, tracker.MaxLevel+1)
	for l := tracker.NotStarted; l <= tracker.MaxLevel; l++ {
		out[l] = words.Level(l)
	}
	return out
}()

func (s *roadmapScreen) createRow() fyne.CanvasObject {
	r := &rmRowView{screen: s, row: -1, shownCount: -1}
	r.themed.seen = s.env.themeCount()
	r.header = &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
	r.menu = newStepIcon(func() {
		if r.row >= 0 && r.row < len(s.rows) && s.rows[r.row].kind == rowHeader {
			s.showGroupMenu(s.rows[r.row].group, r.menu)
		}
	})
	r.check = newRowCheck(r, colCheck, "", r.onCheck)
	r.title = &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
	r.status = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	r.level = newRowSelect(r, r.onLevel)
	r.na = newRowCheck(r, colSkip, words.NA, r.onSkip)
	r.evidence = newRowButton(r, r.onEvidence)
	r.plan = newRowButtonAt(r, colPlan, theme.CalendarIcon(), r.onPlan)
	r.plan.SetText(planButtonText)
	r.ExtendBaseWidget(r)
	return r
}

// MinSize is the one-line row: the list takes it as the height of rows
// that need no more, and as its own minimum width.
func (r *rmRowView) MinSize() fyne.Size {
	m := r.screen.metrics()
	return fyne.NewSize(m.minWidth(), m.height)
}

// CreateRenderer lays out the row's parts; the objects are in Tab order.
func (r *rmRowView) CreateRenderer() fyne.WidgetRenderer {
	c := &fyne.Container{Layout: rowLayout{r}, Objects: []fyne.CanvasObject{r.header, r.menu, r.check, r.title, r.status, r.level, r.na, r.evidence, r.plan}}
	return widget.NewSimpleRenderer(c)
}

// titleSegments is the text of an entry row: the title and, in the warning
// colour, why it does not count.
func titleSegments(title, tag string) []widget.RichTextSegment {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: title, Style: widget.RichTextStyleInline}}
	if tag != "" {
		style := widget.RichTextStyleInline
		style.ColorName = theme.ColorNameWarning
		segs = append(segs, &widget.TextSegment{Text: " · " + tag, Style: style})
	}
	return segs
}

// headerSegments is the text of a header or note row.
func headerSegments(row rmRow) []widget.RichTextSegment {
	style := widget.RichTextStyleInline
	if row.kind == rowHeader {
		style = widget.RichTextStyleStrong
	} else {
		style.ColorName = theme.ColorNamePlaceHolder
	}
	return []widget.RichTextSegment{&widget.TextSegment{Text: row.text, Style: style}}
}

func (s *roadmapScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*rmRowView)
	if i < 0 || i >= len(s.rows) {
		return
	}
	if r.row >= 0 && s.viewOf[r.row] == r {
		delete(s.viewOf, r.row)
	}
	s.viewOf[i] = r
	if r.themed.followTheme(s.env) {
		defer r.repaint()
	}
	if s.quiet {
		r.row = -1 // filled by the refresh that follows
		return
	}
	row := s.rows[i]
	if r.row != i && r.hasFocus() && (s.focusRow != i || row.kind != rowItem) {
		// The list reuses the focused row's widgets for another row: take
		// the focus away rather than leave it on a different entry.
		if c := s.canvas(); c != nil {
			c.Unfocus()
		}
	}
	r.row = i
	r.binding = true
	defer func() { r.binding = false }()
	relayout := r.kind != row.kind
	r.kind = row.kind
	if row.kind != rowItem {
		r.id = ""
		if r.shownText != row.text || relayout {
			r.shownText = row.text
			r.header.Segments = headerSegments(row)
			r.header.Refresh()
		}
		r.header.Show()
		if row.kind == rowHeader && !s.snap.readOnly {
			r.menu.Show()
		} else {
			r.menu.Hide()
		}
		for _, o := range []fyne.CanvasObject{r.check, r.title, r.status, r.level, r.na, r.evidence, r.plan} {
			o.Hide()
		}
		if relayout {
			r.Refresh()
		}
		return
	}
	e := row.entry
	st := s.state(e.Item.ID)
	r.id = e.Item.ID
	r.header.Hide()
	r.menu.Hide()
	r.check.Show()
	r.title.Show()
	r.evidence.Show()
	r.showPlan(e.Item.ID)
	if r.shownText != e.Item.Title || r.shownTag != row.tag {
		r.shownText, r.shownTag = e.Item.Title, row.tag
		r.title.Segments = titleSegments(e.Item.Title, row.tag)
		r.title.Refresh()
		relayout = true
	}
	if done := st.Level >= tracker.Proficient; r.check.Checked != done {
		r.check.SetChecked(done)
	}
	if skillLike(e.Kind) {
		if li := int(min(max(st.Level, tracker.NotStarted), tracker.MaxLevel)); r.level.SelectedIndex() != li {
			r.level.SetSelectedIndex(li)
		}
		if r.na.Checked != st.Skipped {
			r.na.SetChecked(st.Skipped)
		}
		r.level.Show()
		r.na.Show()
		r.status.Hide()
	} else {
		r.level.Hide()
		r.na.Hide()
		text := words.NotConfirmed
		if st.Level >= tracker.Proficient && !st.Date.IsZero() {
			text = words.Confirmed + " " + formatDay(st.Date)
		}
		if r.status.Text != text {
			r.status.SetText(text)
		}
		r.status.Show()
	}
	if n := s.evidenceCount(e.Item.ID); n != r.shownCount {
		r.shownCount = n
		r.evidence.SetText(fmt.Sprintf("%d", n))
	}
	setEnabled(r.check, !s.snap.readOnly && !st.Skipped)
	setEnabled(r.level, !s.snap.readOnly && !st.Skipped)
	setEnabled(r.na, !s.snap.readOnly)
	if relayout {
		r.Refresh()
	}
}

// repaint draws the whole row again in the current theme. The level
// menu's arrow is an icon that Fyne redraws only for a new resource, so it
// is given one (see redrawPickers).
func (r *rmRowView) repaint() {
	r.Refresh()
	redrawPickers(&r.level.Select)
}

// setEnabled enables or disables w, touching it only when that changes.
func setEnabled(w fyne.Disableable, on bool) {
	switch {
	case on && w.Disabled():
		w.Enable()
	case !on && !w.Disabled():
		w.Disable()
	}
}

// skillLike reports whether an entry kind has a level and can be marked
// not applicable (skills and branch skills); criteria and milestones are
// only confirmed.
func skillLike(kind string) bool {
	return kind == roadmap.KindSkill || kind == roadmap.KindBranchItem
}

func (r *rmRowView) onCheck(on bool) {
	if r.binding || r.id == "" {
		return
	}
	l := tracker.NotStarted
	if on {
		l = tracker.Proficient
	}
	r.screen.setLevel(r.id, l)
}

func (r *rmRowView) onLevel(string) {
	if r.binding || r.id == "" {
		return
	}
	if i := r.level.SelectedIndex(); i >= 0 {
		r.screen.setLevel(r.id, tracker.Level(i))
	}
}

func (r *rmRowView) onSkip(on bool) {
	if r.binding || r.id == "" {
		return
	}
	r.screen.setSkipped(r.id, on)
}

// evidenceHint is what the row's evidence button does, in words; "" on a
// row without an entry.
func (r *rmRowView) evidenceHint() string {
	if r.id == "" || r.row < 0 || r.row >= len(r.screen.rows) {
		return ""
	}
	return evidenceHint(r.screen.rows[r.row].entry.Item.Title, r.screen.evidenceCount(r.id))
}

// evidenceHint says what an evidence button of an entry with n notes does.
func evidenceHint(title string, n int) string {
	notes := "no evidence yet"
	switch {
	case n == 1:
		notes = "1 piece of evidence"
	case n > 1:
		notes = fmt.Sprintf("%d pieces of evidence", n)
	}
	return fmt.Sprintf("Evidence for “%s”: %s. Click, or Enter, to see it and add more.", title, notes)
}

func (r *rmRowView) onEvidence() {
	if r.id != "" {
		r.screen.openEvidence(r.id)
	}
}
