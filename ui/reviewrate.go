package ui

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/review"
	"devpath/tracker/words"
)

// reviewView is the manager's Review view: the engineer's request, and per
// entry the manager's level and comment, saved as they change; an overall
// note; and Sign and save….
type reviewView struct {
	r  *reviews
	rv tracker.Review
	// list shows the entries, in the request's order, building rows only
	// for those in sight: a request may share thousands.
	list *widget.List
	// bound is the row showing each entry in sight, by its index.
	bound map[int]*reviewRow
	// rowOf is the row each of the list's row objects lays out.
	rowOf map[fyne.CanvasObject]*reviewRow
	// chosen and comments are the manager's level and comment per entry
	// id as the view shows them (from the ratings saved, then as they
	// change); an entry without one agrees.
	chosen   map[string]tracker.Level
	comments map[string]string
	note     *noteEntry
	// noName asks for the reviewer's name, inline, when the profile has
	// none: name takes it, and Sign waits for it. Signing saves it to the
	// profile, as Settings would.
	noName *widget.Label
	name   *dialogEntry
	named  *fyne.Container
	// keyLine says which key signs: before signing, where it is kept;
	// then its fingerprint; once saved, where the response went.
	keyLine *widget.Label
	sign    *widget.Button
	dlg     *dialog.CustomDialog
	// evidenceShown is the text of the evidence dialog last shown (tests).
	evidenceShown *widget.Label

	// Ratings are saved in the background as they change. pending holds
	// the latest values not yet written (under pmu); wmu lets one save run
	// at a time, so that an older value never lands after a newer one.
	pmu         sync.Mutex
	wmu         sync.Mutex
	pending     map[string]pendingRating
	pendingNote *string
}

// pendingRating is a rating to write.
type pendingRating struct {
	level   tracker.Level
	comment string
}

// reviewRow is a row of the Review view's list, showing one entry at a
// time: the list reuses it as it scrolls.
type reviewRow struct {
	index int
	entry review.Entry
	// title is the entry's, cut between words when the row is narrow;
	// theirs is the engineer's level and whether there is evidence.
	title    *fitLabel
	theirs   *widget.Label
	level    *widget.Select
	comment  *dialogEntry
	evidence *widget.Button // hidden when the entry has no evidence
	// levels are the level of each option of level after the first
	// (which agrees).
	levels []tracker.Level
}

// newReviewView builds the view and shows it.
func newReviewView(r *reviews, rv tracker.Review) *reviewView {
	v := &reviewView{r: r, rv: rv, pending: map[string]pendingRating{}, bound: map[int]*reviewRow{}, rowOf: map[fyne.CanvasObject]*reviewRow{},
		chosen: map[string]tracker.Level{}, comments: map[string]string{}}
	for id, rt := range rv.Ratings {
		v.chosen[id], v.comments[id] = tracker.Level(rt.Level), rt.Comment
	}
	req := rv.Request
	ro := r.st.ReadOnly()
	where := "Stage: " + req.Stage.Title
	if req.Next != nil {
		where += " · next level: " + req.Next.Title
	}
	where += fmt.Sprintf(" · roadmap %s, version %d", orWords(req.Roadmap.Title, req.Roadmap.ID), req.Roadmap.Version)
	scores := fmt.Sprintf("Their readiness: %.1f claimed", req.Readiness.Claimed)
	if req.Readiness.Evidenced != nil {
		scores += fmt.Sprintf(", %.1f evidenced", *req.Readiness.Evidenced)
	}
	shared := "They shared every entry that counts towards their next level."
	if req.Share == review.ShareEvidenced {
		shared = "They shared only the entries that have evidence."
	}
	shared += " An entry you leave at “agree” counts as agreeing with them."
	info := container.NewVBox(&widget.Label{Text: where + "\n" + scores + ". " + shared, Wrapping: fyne.TextWrapWord})
	v.noName = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord, Text: words.ReviewerNoName(words.Window)}
	v.name = newDialogEntry(r.e.win, false)
	v.name.PlaceHolder = "Your name, as the engineer will read it"
	v.name.OnChanged = func(string) { v.nameChanged() }
	v.named = container.NewVBox(v.noName, widget.NewForm(widget.NewFormItem("Your name", v.name)))
	v.named.Hide()
	info.Add(v.named)

	var entries fyne.CanvasObject
	if len(req.Entries) == 0 {
		entries = &widget.Label{Text: "The request shares no entries: sign it to send back your note.", Importance: widget.LowImportance}
	} else {
		v.list = widget.NewList(func() int { return len(req.Entries) }, func() fyne.CanvasObject {
			row := v.newRow(ro)
			box := row.view()
			v.rowOf[box] = row
			return box
		},
			func(i widget.ListItemID, o fyne.CanvasObject) { v.bind(i, o) })
		entries = v.list
	}

	v.note = newNoteEntry(r.e.win)
	v.note.PlaceHolder = "Your overall note (optional)"
	v.note.SetText(rv.Note)
	v.note.SetMinRowsVisible(2)
	v.note.OnChanged = func(s string) { v.queueNote(s) }
	v.keyLine = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance,
		Text: "Signing uses your devpath's own key, kept beside your database; its fingerprint shows here when you sign."}
	bottom := container.NewVBox(widget.NewSeparator(), widget.NewForm(widget.NewFormItem("Note", v.note)), v.keyLine)

	closeBtn := &widget.Button{Text: "Close", Icon: theme.CancelIcon()}
	v.sign = &widget.Button{Text: "Sign and save…", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: v.onSign}
	if ro {
		v.note.Disable()
		v.sign.Disable()
	}
	// The Tab order follows the objects': the name asked for (at the
	// top) comes before the entries, as it reads. container.NewBorder
	// would put the entries first.
	body := container.New(layout.NewBorderLayout(info, bottom, nil, nil), info, entries, bottom)
	v.dlg = dialog.NewCustomWithoutButtons("Review from "+orWords(req.Engineer, "an engineer who gave no name"), body, r.e.win)
	closeBtn.OnTapped = v.dlg.Hide
	v.dlg.SetButtons([]fyne.CanvasObject{closeBtn, v.sign})
	v.dlg.Resize(dialogSize(r.e.win, fyne.NewSize(880, 620)))
	showKeyed(r.e.win, v.dlg, dialogKeys{submit: v.onSign})
	return v
}

// setReviewer asks for the reviewer's name, inline, when the manager's
// profile has none: signing needs one.
func (v *reviewView) setReviewer(name string) {
	if strings.TrimSpace(name) == "" {
		v.askName()
	} else {
		v.named.Hide()
	}
}

// askName shows the name field, focused, and holds Sign until a name is
// given.
func (v *reviewView) askName() {
	v.named.Show()
	v.nameChanged()
	v.r.e.win.Canvas().Focus(v.name)
}

// nameChanged lets Sign go once the name field holds a name the profile
// would take.
func (v *reviewView) nameChanged() {
	if !v.named.Visible() || v.r.st.ReadOnly() {
		return
	}
	if strings.TrimSpace(v.name.Text) == "" || tracker.ValidateProfileName(v.name.Text) != nil {
		v.sign.Disable()
	} else {
		v.sign.Enable()
	}
}

// newRow builds a row of the list, not yet showing an entry.
func (v *reviewView) newRow(ro bool) *reviewRow {
	row := &reviewRow{index: -1}
	row.title = newFitLabel()
	row.title.TextStyle.Bold = true
	row.theirs = &widget.Label{}
	row.level = widget.NewSelect(nil, nil)
	row.comment = newDialogEntry(v.r.e.win, false)
	row.comment.PlaceHolder = "Your comment (optional)"
	row.evidence = &widget.Button{Icon: theme.VisibilityIcon(), Importance: widget.LowImportance}
	row.evidence.OnTapped = func() { v.showEvidence(row.entry) }
	if ro {
		row.level.Disable()
		row.comment.Disable()
	}
	return row
}

// bind makes the row o shows entry i, with the manager's rating so far.
// The row's callbacks are off while it is set, so that showing an entry
// saves nothing.
func (v *reviewView) bind(i widget.ListItemID, o fyne.CanvasObject) {
	row := v.rowOf[o]
	if old, ok := v.bound[row.index]; ok && old == row {
		delete(v.bound, row.index)
	}
	e := v.rv.Request.Entries[i]
	row.index, row.entry = i, e
	v.bound[i] = row
	row.level.OnChanged, row.comment.OnChanged = nil, nil

	theirs := "their level: " + words.LevelFor(e.Kind, tracker.Level(e.Level))
	if e.Skipped {
		theirs = "their level: " + words.NA
	}
	if len(e.Evidence) == 0 {
		theirs += " · no evidence"
	}
	row.title.SetFull(tracker.OneLine(e.Title))
	row.theirs.SetText(theirs)

	opts := []string{words.Agree(words.LevelFor(e.Kind, tracker.Level(e.Level)))}
	if words.Confirmable(e.Kind) {
		row.levels = []tracker.Level{tracker.Proficient, tracker.NotStarted}
	} else {
		row.levels = []tracker.Level{tracker.NotStarted, tracker.Learning, tracker.Practising, tracker.Proficient, tracker.Expert}
	}
	for _, l := range row.levels {
		opts = append(opts, words.LevelFor(e.Kind, l))
	}
	row.level.SetOptions(opts)
	if l, ok := v.chosen[e.ID]; ok {
		row.level.SetSelectedIndex(row.indexOf(l))
	} else {
		row.level.SetSelectedIndex(0)
	}
	row.comment.SetText(v.comments[e.ID])
	if len(e.Evidence) > 0 {
		row.evidence.SetText(fmt.Sprintf("Evidence (%d)", len(e.Evidence)))
		row.evidence.Show()
	} else {
		row.evidence.Hide()
	}
	row.level.OnChanged = func(string) { v.queue(row) }
	row.comment.OnChanged = func(string) { v.queue(row) }
}

// showEvidence shows an entry's evidence in a dialog of its own: date,
// note and link of each piece.
func (v *reviewView) showEvidence(e review.Entry) {
	var sb strings.Builder
	for i, x := range e.Evidence {
		if i > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString("• " + x.Date + ": " + x.Note)
		if x.Link != "" {
			sb.WriteString(" (" + x.Link + ")")
		}
	}
	notes := &widget.Label{Text: sb.String(), Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom("Evidence for "+e.Title, "Close", container.NewVScroll(notes), v.r.e.win)
	d.Resize(dialogSize(v.r.e.win, fyne.NewSize(640, 420)))
	showClosable(v.r.e.win, d)
	v.evidenceShown = notes
}

// indexOf is the option of a level the manager gave: the one agreeing when
// it is the engineer's own.
func (row *reviewRow) indexOf(l tracker.Level) int {
	if int(l) == row.entry.Level {
		return 0
	}
	for i, x := range row.levels {
		if x == l {
			return i + 1
		}
	}
	return 0
}

// chosen is the level the row's choice gives.
func (row *reviewRow) chosen() tracker.Level {
	i := row.level.SelectedIndex()
	if i <= 0 || i > len(row.levels) {
		return tracker.Level(row.entry.Level)
	}
	return row.levels[i-1]
}

// view lays the row out: the title with their level, and the evidence
// button, then the manager's level and comment.
func (row *reviewRow) view() *fyne.Container {
	line := container.NewBorder(nil, nil, nil, container.NewHBox(row.theirs, row.evidence), row.title)
	// The level comes before the comment in the Tab order: the border
	// layout's centre goes in after its left side.
	yours := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(220, row.level.MinSize().Height), row.level), nil)
	yours.Add(row.comment)
	return container.NewVBox(line, yours)
}

// queue saves a row's rating in the background.
func (v *reviewView) queue(row *reviewRow) {
	id := row.entry.ID
	v.chosen[id], v.comments[id] = row.chosen(), row.comment.Text
	v.pmu.Lock()
	v.pending[id] = pendingRating{level: row.chosen(), comment: row.comment.Text}
	v.pmu.Unlock()
	v.save()
}

// queueNote saves the overall note in the background.
func (v *reviewView) queueNote(note string) {
	v.pmu.Lock()
	v.pendingNote = &note
	v.pmu.Unlock()
	v.save()
}

// save writes what is pending in the background.
func (v *reviewView) save() {
	v.r.e.async(v.flush, func(err error) {
		if err != nil {
			v.r.e.showError(fmt.Errorf("could not save your rating: %w", err))
		}
	})
}

// flush writes the pending ratings and note, the latest of each. It runs
// off the UI goroutine.
func (v *reviewView) flush() error {
	v.wmu.Lock()
	defer v.wmu.Unlock()
	v.pmu.Lock()
	pending, note := v.pending, v.pendingNote
	v.pending, v.pendingNote = map[string]pendingRating{}, nil
	v.pmu.Unlock()
	var errs []error
	for id, p := range pending {
		c := p.comment
		errs = append(errs, v.r.st.RateReview(v.rv.Request.ID, id, p.level, &c))
	}
	if note != nil {
		errs = append(errs, v.r.st.NoteReview(v.rv.Request.ID, *note))
	}
	return errors.Join(errs...)
}

// onSign readies the signing key (made on first use), shows its
// fingerprint, and asks where to save the response.
func (v *reviewView) onSign() {
	if v.sign.Disabled() {
		return
	}
	e := v.r.e
	var (
		key     ed25519.PrivateKey
		created bool
		prof    tracker.Profile
	)
	keyPath := tracker.ReviewKeyPath(v.r.st.Path())
	// A name typed in the view is the profile's from now on.
	name := ""
	if v.named.Visible() {
		name = strings.TrimSpace(v.name.Text)
	}
	e.async(func() error {
		if name != "" {
			if err := v.r.st.UpdateProfile(func(p *tracker.Profile) { p.Name = name }); err != nil {
				return err
			}
		}
		var err error
		if prof, err = v.r.st.Profile(); err != nil {
			return err
		}
		if strings.TrimSpace(prof.Name) == "" {
			return tracker.ErrNoName
		}
		key, created, err = review.LoadOrCreateKey(keyPath)
		return err
	}, func(err error) {
		if name != "" && err == nil {
			v.named.Hide()
			e.changed() // the profile's name, which Settings shows
		}
		if v.signFailed(err, "could not ready your signing key") {
			return
		}
		fp := review.Fingerprint(key.Public().(ed25519.PublicKey))
		line := "Your key's fingerprint: " + fp + ". Tell it to " + orWords(v.rv.Request.Engineer, "the engineer") + " another way than the file, so they can check the response is yours."
		if created {
			line = "Made your signing key at " + keyPath + ". " + line
		}
		v.keyLine.Importance = widget.MediumImportance
		v.keyLine.SetText(line)
		v.askWhere(key, fp, prof.Name)
	})
}

// signFailed reports whether signing failed with err, and then says why: a
// reviewer without a name is asked for one in the view, and any other
// failure is told as what did not happen.
func (v *reviewView) signFailed(err error, what string) bool {
	switch {
	case errors.Is(err, tracker.ErrNoName):
		v.askName()
	case err != nil:
		v.r.e.showError(fmt.Errorf("%s: %w", what, err))
	default:
		return false
	}
	return true
}

// askWhere shows the save dialog for the response, named for the
// reviewer and the day.
func (v *reviewView) askWhere(key ed25519.PrivateKey, fp, reviewer string) {
	askSaveFile(v.r.e, "the response", review.FileName(review.ResponseFile, reviewer, v.r.e.today()), ".json", func(w fyne.URIWriteCloser) {
		v.signTo(key, fp, writerTarget(w))
	})
}

// signTo saves what is pending, signs the response and writes it to t.
func (v *reviewView) signTo(key ed25519.PrivateKey, fp string, t target) {
	e := v.r.e
	e.async(func() error {
		if err := v.flush(); err != nil {
			return err
		}
		file, err := v.r.st.SignReview(v.rv.Request.ID, key)
		if err != nil {
			return err
		}
		return t.write(file)
	}, func(err error) {
		if v.signFailed(err, "could not sign and save the response") {
			return
		}
		msg := "Signed and saved the response to " + t.name + ". Send it to " + orWords(v.rv.Request.Engineer, "the engineer") + "; your key's fingerprint is " + fp + "."
		v.keyLine.Importance = widget.SuccessImportance
		v.keyLine.SetText(msg)
		e.notify("Signed and saved the response to " + t.name + ".")
	})
}
