package ui

import (
	"fmt"
	"slices"

	"devpath/roadmap"
	"devpath/tracker"
)

// Filters of the Roadmap screen's item list.
const (
	filterAll  = "All"
	filterTodo = "To do"
	filterDone = "Done"
)

// rowKind says what a row of the item list shows.
type rowKind int

const (
	rowHeader rowKind = iota // a group title with its progress
	rowItem                  // a tickable entry
	rowNote                  // a line of explanation
)

// rmRow is one row of the item list.
type rmRow struct {
	kind  rowKind
	text  string        // header or note text
	entry roadmap.Entry // for rowItem
	// tag says why an entry does not count (another track or branch); ""
	// when it counts.
	tag string
	// group is the position of a header's group in the stage.
	group int
}

// visible reports whether an entry in state st passes the filter.
func (s *roadmapScreen) visible(st tracker.ItemState) bool {
	switch s.filter {
	case filterTodo:
		return !st.Done() && !st.Skipped
	case filterDone:
		return st.Done()
	}
	return true
}

// buildRows lays out the rows of the chosen stage under the filter.
func (s *roadmapScreen) buildRows() {
	s.rows = s.rows[:0]
	s.rowOf = map[string]int{}
	if s.stage >= len(s.groups) {
		return
	}
	for gi, g := range s.groups[s.stage] {
		start := len(s.rows)
		s.rows = append(s.rows, rmRow{kind: rowHeader, group: gi, text: s.groupHeader(g)})
		for _, e := range g.entries {
			if s.visible(s.state(e.Item.ID)) {
				s.rowOf[e.Item.ID] = len(s.rows)
				s.rows = append(s.rows, rmRow{kind: rowItem, entry: e, tag: g.tag})
			}
		}
		if len(g.entries) == 0 {
			s.rows = append(s.rows, rmRow{kind: rowNote, text: "Nothing listed here."})
		} else if len(s.rows) == start+1 && s.filter != filterAll {
			s.rows = s.rows[:start] // the filter hides the whole group
		}
	}
	if len(s.rows) == 0 {
		s.rows = append(s.rows, rmRow{kind: rowNote, text: emptyFilterNote(s.filter)})
	}
}

func emptyFilterNote(filter string) string {
	switch filter {
	case filterTodo:
		return "Nothing left to do at this stage."
	case filterDone:
		return "Nothing done at this stage yet."
	}
	return "This stage lists nothing."
}

// setRows lays out the rows of the chosen stage again. When they are the
// same rows as before, only the rows in view are brought up to date;
// otherwise the list is redrawn once, with the keyboard's row kept.
func (s *roadmapScreen) setRows() {
	old := slices.Clone(s.rows)
	s.buildRows()
	if sameRows(old, s.rows) {
		s.refreshVisible()
		return
	}
	s.focusRow = -1
	if s.focusID != "" {
		if i, ok := s.rowOf[s.focusID]; ok {
			s.focusRow = i
		}
	}
	s.applyHeights()
	s.selecting = true
	if s.focusRow >= 0 {
		s.list.Select(s.focusRow)
	} else {
		s.list.UnselectAll()
	}
	s.selecting = false
	s.list.Refresh()
}

// sameRows reports whether two row lists show the same rows.
func sameRows(a, b []rmRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].kind != b[i].kind || a[i].text != b[i].text || a[i].tag != b[i].tag || a[i].entry.Item.ID != b[i].entry.Item.ID {
			return false
		}
	}
	return true
}

// refreshVisible brings the rows in view up to date without redrawing the
// list; a row whose height changed redraws it.
func (s *roadmapScreen) refreshVisible() {
	if s.applyHeights() {
		s.list.Refresh()
		return
	}
	for i, r := range s.viewOf {
		if i < len(s.rows) && s.rowView(i) == r {
			s.updateRow(i, r)
		}
	}
}

func (s *roadmapScreen) onFilter(f string) {
	if f == "" || f == s.filter {
		return
	}
	s.filter = f
	if s.have {
		s.setRows()
	}
}

func (s *roadmapScreen) rowCount() int { return len(s.rows) }

// groupHeader is the header text of group g of the chosen stage: its
// title, progress, and why it does not count.
func (s *roadmapScreen) groupHeader(g rmGroup) string {
	done, total := tracker.CountDone(g.entries, s.state)
	head := fmt.Sprintf("%s — %d of %d done", g.title, done, total)
	if g.note != "" {
		head += " · " + g.note
	}
	return head
}
