package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/words"
)

// sideBySide is a review side by side, as a table: per entry the
// engineer's state, the manager's, the gap and the comment, in the rows
// words.ReviewRows makes (the command line prints the same rows). The
// reviewer is named once, above the table.
type sideBySide struct {
	cmp  tracker.Comparison
	rows []words.ReviewRow
	dlg  *dialog.CustomDialog
	// table shows the rows, building cells only for those in sight: a
	// request may share thousands of entries.
	table      *widget.Table
	agreement  *widget.Label
	readiness  *widget.Label
	note       *widget.Label
	signedLine *widget.Label
}

// stateWords are the words of the You, Manager and Gap columns: those
// columns are as wide as the widest of them, in bold.
var stateWords = []string{words.Confirmed, words.NotConfirmed, "not started", "practising", "proficient", words.NA,
	words.WideMark + " " + words.OtherState, words.WideMark + " −4", words.WideMark + " +4"}

// columnWidths shares width among the columns: the state columns as wide
// as their words, the rest to the entry (55%) and the comment.
func columnWidths(width float32) [len(words.ReviewColumns)]float32 {
	var states float32
	for _, w := range append(stateWords, words.ReviewColumns[1:4]...) {
		states = max(states, fyne.MeasureText(w, theme.TextSize(), fyne.TextStyle{Bold: true}).Width+2*theme.InnerPadding()+theme.Padding())
	}
	rest := max(200, width-3*states)
	return [...]float32{rest * 0.55, states, states, states, rest * 0.45}
}

// showSideBySide opens the comparison; fingerprint is the key the
// response was signed with.
func showSideBySide(e *env, cmp tracker.Comparison, fingerprint string) *sideBySide {
	s := &sideBySide{cmp: cmp, rows: words.ReviewRows(cmp)}
	s.signedLine = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, Text: words.ReviewSigned(cmp, fingerprint)}
	s.agreement = &widget.Label{Wrapping: fyne.TextWrapWord, Text: words.ReviewAgreement(cmp)}
	s.readiness = &widget.Label{Wrapping: fyne.TextWrapWord, Text: words.ReviewReadiness(cmp)}
	size := dialogSize(e.win, fyne.NewSize(1200, 800))
	var entries fyne.CanvasObject
	if len(cmp.Entries) == 0 {
		entries = &widget.Label{Text: "The request shared no entries.", Importance: widget.LowImportance}
	} else {
		s.table = s.newTable(size.Width - 2*theme.Padding() - 4*theme.InnerPadding())
		// A row cut short is read whole in a dialog of its own.
		s.table.OnSelected = func(id widget.TableCellID) {
			s.table.UnselectAll()
			if id.Row >= 0 && id.Row < len(s.rows) {
				s.showRow(e, id.Row)
			}
		}
		entries = s.table
	}
	s.note = &widget.Label{Wrapping: fyne.TextWrapWord}
	if cmp.Note != "" {
		s.note.SetText("Their note: " + cmp.Note)
	} else {
		s.note.Hide()
	}
	top := container.NewVBox(s.signedLine, s.agreement, s.readiness)
	body := container.NewBorder(top, s.note, nil, nil, entries)
	s.dlg = dialog.NewCustom("Your review", "Close", body, e.win)
	s.dlg.Resize(size)
	showClosable(e.win, s.dlg)
	return s
}

// newTable builds the table of the rows, its columns sharing width.
func (s *sideBySide) newTable(width float32) *widget.Table {
	t := widget.NewTable(func() (int, int) { return len(s.rows), len(words.ReviewColumns) },
		func() fyne.CanvasObject { return newFitLabel() },
		func(id widget.TableCellID, o fyne.CanvasObject) { s.fillCell(id, o.(*fitLabel)) })
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := newFitLabel()
		l.TextStyle.Bold = true
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(words.ReviewColumns) {
			o.(*fitLabel).SetFull(words.ReviewColumns[id.Col])
		}
	}
	for i, w := range columnWidths(width) {
		t.SetColumnWidth(i, w)
	}
	return t
}

// cell is the text of a row's column, as the table shows it before any
// cut: the comment quoted.
func (s *sideBySide) cell(row, col int) string {
	r := s.rows[row]
	switch col {
	case 0:
		return r.Entry
	case 1:
		return r.You
	case 2:
		return r.Manager
	case 3:
		return r.Gap
	}
	if r.Comment == "" {
		return ""
	}
	return "“" + r.Comment + "”"
}

// fillCell shows a cell: a wide gap's entry and gap in bold and the
// warning colour, the comment in italics.
func (s *sideBySide) fillCell(id widget.TableCellID, l *fitLabel) {
	if id.Row < 0 || id.Row >= len(s.rows) {
		return
	}
	wide := s.rows[id.Row].Wide && (id.Col == 0 || id.Col == 3)
	l.Importance = widget.MediumImportance
	l.TextStyle = fyne.TextStyle{Italic: id.Col == 4}
	if wide {
		l.Importance = widget.WarningImportance
		l.TextStyle.Bold = true
	}
	l.SetFull(s.cell(id.Row, id.Col))
}

// showRow shows row i whole, in a dialog of its own.
func (s *sideBySide) showRow(e *env, i int) {
	r := s.rows[i]
	text := fmt.Sprintf("%s\n\nYou: %s\nManager: %s\nGap: %s", r.Entry, r.You, r.Manager, r.Gap)
	if r.Comment != "" {
		text += "\n\n“" + r.Comment + "”"
	}
	d := dialog.NewCustom("An entry of your review", "Close", container.NewVScroll(&widget.Label{Wrapping: fyne.TextWrapWord, Text: text}), e.win)
	d.Resize(dialogSize(e.win, fyne.NewSize(560, 320)))
	showClosable(e.win, d)
}

// reviewList lists the responses imported and the reviews opened, each
// with a button to show it.
type reviewList struct {
	dlg       *dialog.CustomDialog
	responses []tracker.ImportedResponse
	opened    []tracker.Review
	// show and open are the rows' buttons, in the lists' order.
	show []*widget.Button
	open []*widget.Button
}

// list opens the Reviews dialog.
func (r *reviews) list() {
	var resps []tracker.ImportedResponse
	var rvs []tracker.Review
	var prof tracker.Profile
	r.e.async(func() error {
		var err error
		if resps, err = r.st.Responses(); err != nil {
			return err
		}
		if rvs, err = r.st.Reviews(); err != nil {
			return err
		}
		prof, err = r.st.Profile()
		return err
	}, func(err error) {
		if err != nil {
			r.e.showError(fmt.Errorf("could not read the reviews: %w", err))
			return
		}
		r.showList(resps, rvs, prof)
	})
}

// showList shows the Reviews dialog with what list read.
func (r *reviews) showList(resps []tracker.ImportedResponse, rvs []tracker.Review, prof tracker.Profile) *reviewList {
	l := &reviewList{responses: resps, opened: rvs}
	box := container.NewVBox()
	if len(resps) == 0 && len(rvs) == 0 {
		box.Add(&widget.Label{Wrapping: fyne.TextWrapWord, Text: "No reviews yet. File ▸ Ask for a review… asks your manager for one; File ▸ Open a review… opens one an engineer sent you."})
	}
	if len(resps) > 0 {
		box.Add(&widget.Label{Text: "Responses to your requests", TextStyle: fyne.TextStyle{Bold: true}})
		for _, x := range resps {
			text := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf("%s, signed %s (key %s)", orWords(x.Response.Reviewer, "someone"), formatDay(x.Response.SignedAt), x.Fingerprint)}
			btn := &widget.Button{Text: "Show"}
			btn.OnTapped = func() {
				rm, today := r.roadmap(), r.e.today()
				showSideBySide(r.e, tracker.Compare(rm, prof, x.Request, x.Response, today), x.Fingerprint)
			}
			l.show = append(l.show, btn)
			box.Add(container.NewBorder(nil, nil, nil, btn, text))
		}
	}
	if len(rvs) > 0 {
		if len(resps) > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(&widget.Label{Text: "Reviews you opened", TextStyle: fyne.TextStyle{Bold: true}})
		for _, x := range rvs {
			signed := "not signed yet"
			if !x.SignedAt.IsZero() {
				signed = "signed " + formatDay(x.SignedAt)
			}
			text := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf("%s: %s, opened %s, you rated %d of %s, %s",
				orWords(x.Request.Engineer, "(no name)"), x.Request.Stage.Title, formatDay(x.OpenedAt), len(x.Ratings), entriesWord(len(x.Request.Entries)), signed)}
			btn := &widget.Button{Text: "Open"}
			btn.OnTapped = func() { r.reopen(x.Request.ID) }
			l.open = append(l.open, btn)
			box.Add(container.NewBorder(nil, nil, nil, btn, text))
		}
	}
	l.dlg = dialog.NewCustom("Reviews", "Close", container.NewVScroll(box), r.e.win)
	l.dlg.Resize(dialogSize(r.e.win, fyne.NewSize(720, 420)))
	showClosable(r.e.win, l.dlg)
	return l
}

// reopen reads a review again (its ratings may have changed) and shows it.
func (r *reviews) reopen(id string) {
	var rv tracker.Review
	r.e.async(func() error {
		var err error
		rv, err = r.st.Review(id)
		return err
	}, func(err error) {
		if err != nil {
			r.e.showError(fmt.Errorf("could not open the review: %w", err))
			return
		}
		r.showReview(rv)
	})
}
