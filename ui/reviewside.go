package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/words"
)

// wideMark marks an entry on which self and manager are two levels apart
// or more, beside the bold warning colour: the mark reads where the colour
// does not.
const wideMark = "‼ "

// sideBySide is a review side by side: per entry the engineer's level, the
// manager's, the gap and the comment.
type sideBySide struct {
	cmp tracker.Comparison
	dlg *dialog.CustomDialog
	// list shows the entries, building rows only for those in sight.
	list       *widget.List
	agreement  *widget.Label
	readiness  *widget.Label
	note       *widget.Label
	signedLine *widget.Label
}

// showSideBySide opens the comparison; fingerprint is the key the
// response was signed with.
func showSideBySide(e *env, cmp tracker.Comparison, fingerprint string) *sideBySide {
	s := &sideBySide{cmp: cmp}
	who := orWords(cmp.Reviewer, "your manager")
	s.signedLine = &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf("Signed by %s on %s with the key %s.", who, formatDay(cmp.SignedAt), fingerprint)}
	agree := 0
	for _, x := range cmp.Entries {
		if x.Gap == 0 {
			agree++
		}
	}
	s.agreement = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord,
		Text: fmt.Sprintf("You agree on %d of %s (%s). Gaps of %d levels or more are marked %s.", agree, entriesWord(len(cmp.Entries)), tracker.Percent(cmp.Agreement), tracker.WideGap, strings.TrimSpace(wideMark))}
	s.readiness = &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: fmt.Sprintf("Readiness: %.1f from your levels, %.1f from %s's.", cmp.Readiness.Self, cmp.Readiness.Manager, who)}
	var entries fyne.CanvasObject
	if len(cmp.Entries) == 0 {
		entries = &widget.Label{Text: "The request shared no entries.", Importance: widget.LowImportance}
	} else {
		s.list = widget.NewList(func() int { return len(cmp.Entries) }, func() fyne.CanvasObject {
			line := widget.NewRichText(&widget.TextSegment{}, &widget.TextSegment{})
			line.Truncation = fyne.TextTruncateEllipsis
			comment := &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Italic: true}}
			return container.NewVBox(line, comment)
		}, func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			line, comment := box.Objects[0].(*widget.RichText), box.Objects[1].(*widget.Label)
			line.Segments = s.line(i, who)
			line.Refresh()
			comment.SetText(s.comment(i))
		})
		// A line cut short is read whole in a dialog of its own.
		s.list.OnSelected = func(i widget.ListItemID) {
			s.list.Unselect(i)
			x := cmp.Entries[i]
			text := &widget.Label{Wrapping: fyne.TextWrapWord, Text: x.Title + "\n\n" + fmt.Sprintf("You: %s · %s: %s · gap %s",
				words.LevelFor(x.Kind, x.Self), who, words.LevelFor(x.Kind, x.Manager), words.Gap(x.Gap))}
			if x.Comment != "" {
				text.SetText(text.Text + "\n\n“" + x.Comment + "”")
			}
			d := dialog.NewCustom(x.Title, "Close", container.NewVScroll(text), e.win)
			d.Resize(dialogSize(e.win, fyne.NewSize(560, 320)))
			showClosable(e.win, d)
		}
		entries = s.list
	}
	s.note = &widget.Label{Wrapping: fyne.TextWrapWord}
	if cmp.Note != "" {
		s.note.SetText("Note from " + who + ": " + cmp.Note)
	} else {
		s.note.Hide()
	}
	top := container.NewVBox(s.signedLine, s.agreement, s.readiness, widget.NewSeparator())
	body := container.NewBorder(top, s.note, nil, nil, entries)
	s.dlg = dialog.NewCustom("Review by "+who, "Close", body, e.win)
	s.dlg.Resize(dialogSize(e.win, fyne.NewSize(820, 600)))
	showClosable(e.win, s.dlg)
	return s
}

// line is entry i's line: its title, then both levels and the gap, in
// the warning colour and marked when the gap is wide.
func (s *sideBySide) line(i int, who string) []widget.RichTextSegment {
	x := s.cmp.Entries[i]
	title := widget.RichTextStyleStrong
	rest := widget.RichTextStyleInline
	text := x.Title
	if x.Wide {
		text = wideMark + text
		title.ColorName, rest.ColorName = theme.ColorNameWarning, theme.ColorNameWarning
		rest.TextStyle = fyne.TextStyle{Bold: true}
	}
	return []widget.RichTextSegment{
		&widget.TextSegment{Text: text, Style: title},
		&widget.TextSegment{Text: fmt.Sprintf("   you: %s · %s: %s · gap %s", words.LevelFor(x.Kind, x.Self), who, words.LevelFor(x.Kind, x.Manager), words.Gap(x.Gap)), Style: rest},
	}
}

// comment is the manager's comment on entry i, quoted, or "".
func (s *sideBySide) comment(i int) string {
	if c := s.cmp.Entries[i].Comment; c != "" {
		return "“" + strings.Join(strings.Fields(c), " ") + "”"
	}
	return ""
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
			btn := &widget.Button{Text: "Side by side"}
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
