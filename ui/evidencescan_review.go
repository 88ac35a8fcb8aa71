package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/words"
)

// suggestionRow is one suggestion on view: what was found, and its
// buttons.
type suggestionRow struct {
	sg      tracker.Suggestion
	title   *widget.Label
	details *widget.Label
	accept  *widget.Button
	dismiss *widget.Button
	box     fyne.CanvasObject
}

// loadPending lists the suggestions waiting for review.
func (d *scanDialog) loadPending() {
	var list []tracker.Suggestion
	d.env.async(func() error {
		var err error
		list, err = d.store.Suggestions()
		return err
	}, func(err error) {
		if d.closed {
			return
		}
		if err != nil {
			d.showError(fmt.Errorf("couldn't read the suggestions: %w", err))
			return
		}
		d.setPending(list)
		if !d.readOnly {
			d.setSummary(waitingWords(len(list)))
		}
	})
}

// waitingWords says how many suggestions wait from earlier scans; ""
// for none, which the list's empty line says.
func waitingWords(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 suggestion waiting from an earlier scan."
	}
	return fmt.Sprintf("%d suggestions waiting from earlier scans.", n)
}

// setPending lists suggestions, one row each.
func (d *scanDialog) setPending(list []tracker.Suggestion) {
	d.pending = slices.Clone(list)
	d.rows = d.rows[:0]
	objs := make([]fyne.CanvasObject, 0, len(list))
	for _, sg := range d.pending {
		r := d.newRow(sg)
		d.rows = append(d.rows, r)
		objs = append(objs, r.box)
	}
	d.list.Objects = objs
	d.list.Refresh()
	d.refreshButtons()
	d.relayout()
}

// titleOf names a suggestion's entry with its kind, or gives its id when
// the roadmap has no such entry.
func (d *scanDialog) titleOf(id string) string {
	if d.rm != nil {
		if e, ok := d.rm.Lookup(id); ok {
			if words.Confirmable(e.Kind) {
				return words.KindTitle(e.Kind) + ": " + e.Item.Title
			}
			return e.Item.Title
		}
	}
	return id
}

// suggestionDetails is a suggestion's second line: the repository, the
// commits and their dates, and the examples.
func suggestionDetails(sg tracker.Suggestion) string {
	dates := formatDay(sg.First)
	if !sg.Last.Equal(sg.First) {
		dates += " – " + formatDay(sg.Last)
	}
	s := fmt.Sprintf("%s · %s · %s", sg.Repo, plural(sg.Commits, "commit", "commits"), dates)
	if len(sg.Examples) > 0 {
		s += "\n“" + strings.Join(sg.Examples, "”, “") + "”"
	}
	return s
}

func (d *scanDialog) newRow(sg tracker.Suggestion) *suggestionRow {
	r := &suggestionRow{sg: sg,
		title:   &widget.Label{Text: d.titleOf(sg.Item), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		details: &widget.Label{Text: suggestionDetails(sg), Wrapping: fyne.TextWrapWord},
	}
	r.accept = &widget.Button{Text: "Accept", Icon: theme.ConfirmIcon(), OnTapped: func() { d.acceptOne(sg) }}
	r.accept.ExtendBaseWidget(r.accept)
	r.dismiss = &widget.Button{Text: "Dismiss", Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { d.dismissOne(sg) }}
	r.dismiss.ExtendBaseWidget(r.dismiss)
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(r.accept, r.dismiss)),
			container.NewVBox(r.title, r.details)),
		widget.NewSeparator())
	return r
}

// refreshButtons enables what can be pressed: nothing read-only, and no
// row whose answer is being saved.
func (d *scanDialog) refreshButtons() {
	free := 0
	for _, r := range d.rows {
		on := !d.readOnly && !d.busy[r.sg.ID]
		setEnabled(r.accept, on)
		setEnabled(r.dismiss, on)
		if on {
			free++
		}
	}
	setEnabled(d.acceptAll, free > 0)
	if len(d.pending) == 0 {
		d.empty.Show()
	} else {
		d.empty.Hide()
	}
}

// remove takes reviewed suggestions off the list.
func (d *scanDialog) remove(ids []int64) {
	keep := slices.DeleteFunc(slices.Clone(d.pending), func(sg tracker.Suggestion) bool { return slices.Contains(ids, sg.ID) })
	d.setPending(keep)
}

// acceptOne turns one suggestion into evidence.
func (d *scanDialog) acceptOne(sg tracker.Suggestion) {
	d.review([]int64{sg.ID}, func() error {
		_, err := d.store.AcceptSuggestions([]int64{sg.ID}, tracker.NotStarted)
		return err
	}, "Accepted as evidence for “"+d.titleOf(sg.Item)+"”.", "couldn't accept the suggestion")
}

// dismissOne dismisses one suggestion: the same entry in the same
// repository is not suggested again.
func (d *scanDialog) dismissOne(sg tracker.Suggestion) {
	d.review([]int64{sg.ID}, func() error { return d.store.DismissSuggestion(sg.ID) },
		"Dismissed the suggestion for “"+d.titleOf(sg.Item)+"”.", "couldn't dismiss the suggestion")
}

// acceptEvery accepts every suggestion listed.
func (d *scanDialog) acceptEvery() {
	var ids []int64
	for _, sg := range d.pending {
		if !d.busy[sg.ID] {
			ids = append(ids, sg.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	d.review(ids, func() error {
		_, err := d.store.AcceptSuggestions(ids, tracker.NotStarted)
		return err
	}, "Accepted "+plural(len(ids), "suggestion", "suggestions")+" as evidence.", "couldn't accept the suggestions")
}

// review saves an accept or dismiss of ids in the background, their rows'
// buttons off meanwhile; then the rows go, the status line says what was
// done and the window reloads, or the dialog says why nothing was saved.
func (d *scanDialog) review(ids []int64, save func() error, done, failed string) {
	if d.readOnly {
		return
	}
	for _, id := range ids {
		d.busy[id] = true
	}
	d.refreshButtons()
	d.env.async(save, func(err error) {
		for _, id := range ids {
			delete(d.busy, id)
		}
		if err != nil {
			if !d.closed {
				d.showError(fmt.Errorf("%s: %w", failed, err))
				d.refreshButtons()
			} else {
				d.env.showError(fmt.Errorf("%s: %w", failed, err))
			}
			return
		}
		if !d.closed {
			d.showError(nil)
			d.remove(ids)
			d.setSummary(waitingWords(len(d.pending)))
		}
		if d.env.notify != nil {
			d.env.notify(done)
		}
		d.env.changed()
	})
}
