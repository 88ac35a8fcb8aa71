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
	sg tracker.SuggestionFit
	// title names the entry with its stage and group; counts says whether
	// it counts for the user's readiness, and its gain.
	title   *widget.Label
	counts  *widget.Label
	details *widget.Label
	accept  *widget.Button
	dismiss *widget.Button
	box     fyne.CanvasObject
}

// loadPending lists the suggestions waiting for review.
func (d *scanDialog) loadPending() {
	var list []tracker.SuggestionFit
	rm := d.rm
	d.env.async(func() error {
		var err error
		list, err = d.store.PendingFits(rm)
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

// setPending lists suggestions, one row each, in the order given.
func (d *scanDialog) setPending(list []tracker.SuggestionFit) {
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

// suggestionTitle is a suggestion's title line: the entry, then where it
// sits in the roadmap, "Complex module composition — DevOps Engineer
// (Mid) · Advanced Terraform".
func suggestionTitle(f tracker.SuggestionFit) string {
	return f.Title + " — " + words.SuggestionPlace(f)
}

// suggestionDetails is a suggestion's details: the repository, the
// commits and their dates, and the examples.
func suggestionDetails(sg tracker.SuggestionFit) string {
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

func (d *scanDialog) newRow(sg tracker.SuggestionFit) *suggestionRow {
	r := &suggestionRow{sg: sg,
		title:   &widget.Label{Text: suggestionTitle(sg), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		counts:  &widget.Label{Text: upperFirst(words.SuggestionCounts(sg)), Wrapping: fyne.TextWrapWord},
		details: &widget.Label{Text: suggestionDetails(sg), Wrapping: fyne.TextWrapWord},
	}
	if sg.Counts {
		r.counts.Importance = widget.SuccessImportance
	}
	r.accept = &widget.Button{Text: "Accept", Icon: theme.ConfirmIcon(), OnTapped: func() { d.acceptOne(sg) }}
	r.accept.ExtendBaseWidget(r.accept)
	r.dismiss = &widget.Button{Text: "Dismiss", Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { d.dismissOne(sg) }}
	r.dismiss.ExtendBaseWidget(r.dismiss)
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(r.accept, r.dismiss)),
			container.NewVBox(r.title, r.counts, r.details)),
		widget.NewSeparator())
	return r
}

// refreshButtons enables what can be pressed: nothing read-only, and no
// row whose answer is being saved.
func (d *scanDialog) refreshButtons() {
	for _, r := range d.rows {
		on := !d.readOnly && !d.busy[r.sg.ID]
		setEnabled(r.accept, on)
		setEnabled(r.dismiss, on)
	}
	ids, counting := d.toAccept()
	if text := acceptAllText(len(ids), counting); text != d.acceptAll.Text {
		d.acceptAll.SetText(text)
		// The button row is laid out for the old label.
		if d.dlg != nil {
			d.dlg.Refresh()
		}
	}
	setEnabled(d.acceptAll, len(ids) > 0)
	if len(d.pending) == 0 {
		d.empty.Show()
	} else {
		d.empty.Hide()
	}
}

// remove takes reviewed suggestions off the list.
func (d *scanDialog) remove(ids []int64) {
	keep := slices.DeleteFunc(slices.Clone(d.pending), func(sg tracker.SuggestionFit) bool { return slices.Contains(ids, sg.ID) })
	d.setPending(keep)
}

// refit places the suggestions listed against the progress anew, in the
// background (accepted evidence changes what the others add), keeping the
// list as it is if that fails or if the list changed meanwhile.
func (d *scanDialog) refit() {
	if len(d.pending) == 0 {
		return
	}
	listed := make([]tracker.Suggestion, len(d.pending))
	for i, f := range d.pending {
		listed[i] = f.Suggestion
	}
	was := d.pending
	rm := d.rm
	var fits []tracker.SuggestionFit
	d.env.async(func() error {
		var err error
		fits, err = d.store.FitSuggestions(rm, listed)
		return err
	}, func(err error) {
		if err != nil || d.closed || len(d.busy) > 0 || !slices.EqualFunc(was, d.pending, func(a, b tracker.SuggestionFit) bool { return a.ID == b.ID }) {
			return
		}
		d.setPending(fits)
	})
}

// acceptOne turns one suggestion into evidence.
func (d *scanDialog) acceptOne(sg tracker.SuggestionFit) {
	d.review([]int64{sg.ID}, func() error {
		_, err := d.store.AcceptSuggestions([]int64{sg.ID}, tracker.NotStarted)
		return err
	}, "Accepted as evidence for “"+d.titleOf(sg.Item)+"”.", "couldn't accept the suggestion")
}

// dismissOne dismisses one suggestion: the same entry in the same
// repository is not suggested again.
func (d *scanDialog) dismissOne(sg tracker.SuggestionFit) {
	d.review([]int64{sg.ID}, func() error { return d.store.DismissSuggestion(sg.ID) },
		"Dismissed the suggestion for “"+d.titleOf(sg.Item)+"”.", "couldn't dismiss the suggestion")
}

// toAccept returns what Accept all accepts: when some of the suggestions
// listed count for the user's readiness and others do not, the ones that
// count (counting set), so that what adds to the scores is offered first
// and the rest at the next press; else every one listed. Suggestions being
// saved are left out.
func (d *scanDialog) toAccept() (ids []int64, counting bool) {
	if d.readOnly {
		return nil, false
	}
	var all, counts []int64
	for _, sg := range d.pending {
		if d.busy[sg.ID] {
			continue
		}
		all = append(all, sg.ID)
		if sg.Counts {
			counts = append(counts, sg.ID)
		}
	}
	if len(counts) > 0 && len(counts) < len(all) {
		return counts, true
	}
	return all, false
}

// acceptAllText is Accept all's label: "Accept the 2 that count" while it
// offers only the suggestions that count, else "Accept all".
func acceptAllText(n int, counting bool) string {
	switch {
	case !counting:
		return "Accept all"
	case n == 1:
		return "Accept the one that counts"
	}
	return fmt.Sprintf("Accept the %d that count", n)
}

// acceptEvery accepts what Accept all offers (see toAccept).
func (d *scanDialog) acceptEvery() {
	if d.readOnly {
		return
	}
	ids, _ := d.toAccept()
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
			// Evidence changes what the others add: list them again.
			d.refit()
		}
		if d.env.notify != nil {
			d.env.notify(done)
		}
		d.env.changed()
	})
}
