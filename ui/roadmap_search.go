package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
)

// searchHit is one entry of the search index.
type searchHit struct {
	entry roadmap.Entry
	stage int    // index of the stage the entry is shown under
	hay   string // lower-case title and group
}

// onSearch lists every entry of every stage whose title or group contains
// the text, in roadmap order; an empty text shows the stage again.
func (s *roadmapScreen) onSearch(text string) {
	q := strings.ToLower(strings.TrimSpace(text))
	s.results = s.results[:0]
	if q == "" {
		if s.showingResults() {
			s.showList()
		}
		return
	}
	for i, h := range s.index {
		if strings.Contains(h.hay, q) {
			s.results = append(s.results, i)
		}
	}
	switch len(s.results) {
	case 0:
		s.resultNote.SetText(fmt.Sprintf("Nothing matches %q.", strings.TrimSpace(text)))
	case 1:
		s.resultNote.SetText("1 match across all stages. Enter, or choose it, to go there.")
	default:
		s.resultNote.SetText(fmt.Sprintf("%d matches across all stages. Enter goes to the first; choose one to go there.", len(s.results)))
	}
	s.applyResultHeights()
	if !s.showingResults() {
		s.showResults()
	}
	s.resultList.UnselectAll()
	s.resultList.Refresh()
	s.resultList.ScrollToTop()
}

// showingResults reports whether the search's results are in the list's
// place.
func (s *roadmapScreen) showingResults() bool {
	return s.body.Objects[0] == s.resultBox
}

// showResults puts the search's results in the list's place. The list
// leaves the window rather than being hidden: hiding or showing a widget
// refreshes it, and the list's refresh made the frame that shows a chosen
// result rasterise and upload again the text and icons of every row in
// view.
func (s *roadmapScreen) showResults() {
	s.listThemed.followTheme(s.env) // the changes seen up to now
	s.body.Objects[0] = s.resultBox
	s.resultBox.Move(fyne.Position{})
	s.resultBox.Resize(s.body.Size())
	s.resultBox.Refresh()
	// The body's refresh asks for the frame; what it frees is the
	// results' own textures, which are drawn anew anyway.
	canvas.Refresh(s.body)
}

// showList puts the list back as it was, refreshed only if the look
// changed meanwhile: away from the window, it missed the theme's refresh.
func (s *roadmapScreen) showList() {
	s.body.Objects[0] = s.list
	s.list.Move(fyne.Position{})
	s.list.Resize(s.body.Size())
	if s.listThemed.followTheme(s.env) {
		s.list.Refresh()
	}
	// The search box asks for the frame that shows the list again: a
	// refresh of the body would free the textures of every row.
	canvas.Refresh(s.search)
}

// onSearchSubmitted goes to the first match when Enter is pressed in the
// search box.
func (s *roadmapScreen) onSearchSubmitted(string) {
	if len(s.results) > 0 {
		s.onResultChosen(0)
	}
}

func createResultRow() fyne.CanvasObject {
	return &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
}

// resultSegments is the text of a search result: the entry's title, and
// below it where it is.
func (s *roadmapScreen) resultSegments(h searchHit) []widget.RichTextSegment {
	// Smaller, not paler: a pale line is hard to read in the light theme.
	where := widget.RichTextStyleParagraph
	where.SizeName = theme.SizeNameCaptionText
	return []widget.RichTextSegment{
		&widget.TextSegment{Text: h.entry.Item.Title, Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Text: s.whereText(h), Style: where},
	}
}

func (s *roadmapScreen) updateResult(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(s.results) {
		return
	}
	rt := o.(*widget.RichText)
	rt.Segments = s.resultSegments(s.index[s.results[i]])
	rt.Refresh()
}

// resultList is the list of search results; a new width wraps them
// differently.
type resultList struct {
	widget.List
	screen *roadmapScreen
	width  float32
}

// Resize gives the results the heights they need at the new width.
func (l *resultList) Resize(size fyne.Size) {
	changed := size.Width != l.width
	l.width = size.Width
	l.List.Resize(size)
	if changed && l.screen.applyResultHeights() {
		l.Refresh()
	}
}

// applyResultHeights gives each result the height its wrapped text needs
// and reports whether any changed.
func (s *roadmapScreen) applyResultHeights() bool {
	width := s.resultList.width
	if width <= 0 {
		width = s.right.Size().Width
	}
	if width <= 0 {
		return false
	}
	changed := false
	for i, r := range s.results {
		h := textHeight(s.measure, s.resultSegments(s.index[r]), width)
		for len(s.resultSizes) <= i {
			s.resultSizes = append(s.resultSizes, 0)
		}
		if s.resultSizes[i] != h {
			s.resultSizes[i] = h
			s.resultList.SetItemHeight(i, h)
			changed = true
		}
	}
	return changed
}

// whereText says where a search hit is shown: its stage, and its group,
// branch, or that it is a criterion or the milestone.
func (s *roadmapScreen) whereText(h searchHit) string {
	stage := ""
	if h.stage >= 0 && h.stage < len(s.rm.Stages) {
		stage = "Stage: " + s.rm.Stages[h.stage].Title
	}
	switch h.entry.Kind {
	case roadmap.KindBranchItem:
		if b := s.rm.Branch(h.entry.Branch); b != nil {
			return stage + " › Branch: " + b.Title
		}
	case roadmap.KindCriterion:
		return stage + " › Ready for the next level"
	case roadmap.KindMilestone:
		return stage + " › Key milestone"
	case roadmap.KindSkill:
		if h.entry.GroupTitle != "" {
			return stage + " › Group: " + h.entry.GroupTitle
		}
	}
	return stage
}

func (s *roadmapScreen) onResultChosen(i widget.ListItemID) {
	if i < 0 || i >= len(s.results) {
		return
	}
	id := s.index[s.results[i]].entry.Item.ID
	s.resultList.UnselectAll()
	s.showItem(id)
}

// showItem clears the search, shows the entry's stage with the filter reset
// when it would hide the entry, scrolls to the entry and puts the keyboard
// focus on it. The list is laid out once.
func (s *roadmapScreen) showItem(id string) {
	if !s.have {
		return
	}
	if cur := s.rm.Resolve(id); cur != "" {
		id = cur
	}
	st, ok := s.stageOf[id]
	if !ok {
		return
	}
	if s.search.Text != "" {
		s.search.Text = ""
		s.search.Refresh()
		s.onSearch("")
	}
	if !s.visible(s.state(id)) {
		s.filter = filterAll
		s.filterRadio.Selected = filterAll
		s.filterRadio.Refresh()
	}
	s.focusID = id
	if st != s.stage {
		s.stage = st
		s.showStage()
	} else {
		s.setRows()
	}
	if i, ok := s.rowOf[id]; ok {
		s.focusRow = i
		s.reveal(i)
		s.list.Select(i)
		s.focusCell(i, colCheck)
	}
}

// focusSearch puts the keyboard focus in the search box.
func (s *roadmapScreen) focusSearch() {
	if c := s.canvas(); c != nil {
		c.Focus(s.search)
	}
}
