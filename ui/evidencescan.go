package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// scanStore is what the git scan dialog needs of the store.
type scanStore interface {
	Suggestions() ([]tracker.Suggestion, error)
	AcceptSuggestions(ids []int64, level tracker.Level) ([]tracker.Evidence, error)
	DismissSuggestion(id int64) error
	ScanGit(ctx context.Context, rm *roadmap.Roadmap, req tracker.ScanRequest) (tracker.ScanReport, error)
}

// findEvidenceMenu is the File menu's item that opens the git scan.
const findEvidenceMenu = "Find evidence in git repositories…"

// maxProblems is how many repositories' problems the dialog lists; the
// rest are counted.
const maxProblems = 5

// scanDialog finds evidence in local git repositories and reviews the
// suggestions found: each is accepted (it becomes evidence) or dismissed.
// The scan, and each accept and dismiss, runs off the UI goroutine; the
// dialog stays usable meanwhile, and Cancel stops a scan without saving
// anything.
type scanDialog struct {
	env      *env
	store    scanStore
	rm       *roadmap.Roadmap
	readOnly bool
	closed   bool

	paths   *dialogEntry
	authors *dialogEntry
	since   *dialogEntry
	choose  *widget.Button
	scan    *widget.Button
	cancel  *widget.Button
	// progress shows how far a scan has got, progressLine in words on it.
	progress     *widget.ProgressBar
	progressLine string
	errLine      *widget.Label
	problems     *widget.Label
	problemBox   *container.Scroll
	summary      *widget.Label
	empty        *widget.Label
	list         *fyne.Container
	acceptAll    *widget.Button
	close        *widget.Button
	body         *fyne.Container
	dlg          *dialog.CustomDialog

	// pending are the suggestions listed, rows their rows in that order.
	pending []tracker.Suggestion
	rows    []*suggestionRow
	// busy marks the suggestions whose accept or dismiss is being saved.
	busy map[int64]bool
	// stop cancels the scan running; nil when none runs.
	stop context.CancelFunc
}

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

// findEvidence opens the git scan dialog on the suggestions waiting.
func (sh *shell) findEvidence() {
	if sh.store == nil {
		return
	}
	sh.scan = showScanDialog(sh.store, sh.env, sh.rm, sh.readOnly)
}

// openEvidence opens the evidence dialog of an entry from the Dashboard;
// closing it gives the keyboard back to the Dashboard's evidence action.
func (sh *shell) openEvidence(id string) {
	if sh.rmap == nil || !sh.have {
		return
	}
	// The Roadmap screen holds the evidence the dialog shows: give it the
	// latest snapshot if it has not been shown it yet.
	sh.refreshStale(slices.Index(screenNames, screenRoadmap))
	sh.rmap.openEvidence(id)
	if d := sh.rmap.evidence; d != nil && !d.closed && d.entry.Item.ID == id {
		d.onClosed = func() { sh.dash.focusEvidenceAction(id) }
	}
}

// showScanDialog opens the dialog with the keyboard in the folder field
// and lists the suggestions waiting from earlier scans.
func showScanDialog(st scanStore, e *env, rm *roadmap.Roadmap, readOnly bool) *scanDialog {
	d := &scanDialog{env: e, store: st, rm: rm, readOnly: readOnly, busy: map[int64]bool{}}
	d.paths = newDialogEntry(e.win, false)
	d.paths.PlaceHolder = "~/src/infra, ~/src/app"
	d.authors = newDialogEntry(e.win, false)
	d.authors.PlaceHolder = "you@example.com (empty: each repository's user.email)"
	d.since = newDialogEntry(e.win, false)
	d.since.PlaceHolder = "YYYY-MM-DD (optional: the whole history)"
	d.choose = &widget.Button{Text: "Choose folder…", Icon: theme.FolderOpenIcon(), OnTapped: d.chooseFolder}
	d.choose.ExtendBaseWidget(d.choose)
	d.scan = &widget.Button{Text: "Scan", Icon: theme.SearchIcon(), Importance: widget.HighImportance, OnTapped: d.startScan}
	d.scan.ExtendBaseWidget(d.scan)
	d.cancel = &widget.Button{Text: "Cancel scan", Icon: theme.CancelIcon(), OnTapped: d.cancelScan}
	d.cancel.ExtendBaseWidget(d.cancel)
	d.cancel.Hide()
	d.progress = &widget.ProgressBar{Max: 1}
	d.progress.TextFormatter = func() string { return d.progressLine }
	d.progress.ExtendBaseWidget(d.progress)
	d.progress.Hide()
	d.errLine = newErrorLabel()
	d.errLine.Wrapping = fyne.TextWrapOff
	d.errLine.Truncation = fyne.TextTruncateEllipsis
	d.problems = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	d.summary = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	d.empty = &widget.Label{Text: "No suggestions are waiting. Choose a folder and scan.", Wrapping: fyne.TextWrapWord}
	d.list = container.NewVBox()
	d.acceptAll = &widget.Button{Text: "Accept all", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: d.acceptEvery}
	d.acceptAll.ExtendBaseWidget(d.acceptAll)
	d.acceptAll.Disable()
	d.close = &widget.Button{Text: "Close", OnTapped: d.requestClose}
	d.close.ExtendBaseWidget(d.close)

	small := widget.RichTextStyleInline
	small.SizeName = theme.SizeNameCaptionText
	note := func(text string) fyne.CanvasObject {
		return &widget.RichText{Segments: []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: small}}, Wrapping: fyne.TextWrapWord, Scroll: fyne.ScrollNone}
	}
	intro := &widget.Label{Text: "devpath reads the history of git repositories on this computer, never the network, and never writes to them. " +
		"What it finds waits here as suggestions; none counts in a score until you accept it.", Wrapping: fyne.TextWrapWord}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Folders"), container.NewBorder(nil, nil, nil, d.choose, d.paths),
		layout.NewSpacer(), note("A repository, or a folder holding repositories. Separate several with commas."),
		widget.NewLabel("Authors"), d.authors,
		widget.NewLabel("Since"), container.NewBorder(nil, nil, nil, container.NewHBox(d.cancel, d.scan), d.since),
	)
	// The problems scroll past three lines, so that a folder of many
	// broken repositories does not push the list out of a small window.
	d.problemBox = container.NewVScroll(d.problems)
	d.problemBox.SetMinSize(fyne.NewSize(0, 3*theme.TextSize()+2*theme.InnerPadding()))
	d.problemBox.Hide()
	top := container.NewVBox(intro, form, d.progress, d.errLine, d.problemBox, widget.NewSeparator(), d.summary)
	hint := note("Enter scans · Esc closes · accepted evidence can be undone with Ctrl+Z")
	// In this order, so that Tab goes from the form to the list: a Border
	// made by NewBorder puts the centre first.
	d.body = container.New(layout.NewBorderLayout(top, hint, nil, nil), top, container.NewStack(d.empty, container.NewVScroll(d.list)), hint)
	if readOnly {
		for _, w := range []fyne.Disableable{d.paths, d.authors, d.since, d.choose, d.scan} {
			w.Disable()
		}
		d.setSummary("Read-only: nothing can be scanned, accepted or dismissed.")
	}

	d.dlg = dialog.NewCustomWithoutButtons("Find evidence in git repositories", d.body, e.win)
	d.dlg.SetButtons([]fyne.CanvasObject{d.close, d.acceptAll})
	bindDialogKeys(e.win, d.dlg, dialogKeys{cancel: d.requestClose, submit: d.startScan})
	d.dlg.SetOnClosed(func() {
		d.closed = true
		if d.stop != nil {
			d.stop()
		}
	})
	d.dlg.Resize(dialogSize(e.win, fyne.NewSize(820, 620)))
	d.dlg.Show()
	if !readOnly {
		e.win.Canvas().Focus(d.paths)
	}
	d.loadPending()
	return d
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

// setSummary shows the line above the list, or hides it when empty.
func (d *scanDialog) setSummary(text string) {
	d.summary.SetText(text)
	if text == "" {
		d.summary.Hide()
	} else {
		d.summary.Show()
	}
	d.relayout()
}

// plural writes a count with its noun: "1 commit", "3 commits".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// showError shows err's first line under the form: a message in words,
// never a trace.
func (d *scanDialog) showError(err error) {
	if err == nil {
		if d.errLine.Visible() {
			d.errLine.SetText("")
			d.errLine.Hide()
			d.relayout()
		}
		return
	}
	d.errLine.SetText(upperFirst(oneLine(err.Error())))
	d.errLine.Show()
	d.relayout()
}

// relayout lays the dialog out again after a line appeared or went.
func (d *scanDialog) relayout() {
	if d.body != nil {
		d.body.Refresh()
	}
}

// oneLine keeps the first line of a message.
func oneLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

// splitList splits a field of several values separated by commas or new
// lines, dropping the empty ones.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// expandHome turns a leading "~" into the home folder, as a shell would.
func expandHome(p string) string {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, strings.TrimPrefix(p, "~"))
}

// request reads the form into a scan request, or says what is wrong.
func (d *scanDialog) request() (tracker.ScanRequest, error) {
	var req tracker.ScanRequest
	for _, p := range splitList(d.paths.Text) {
		req.Paths = append(req.Paths, expandHome(p))
	}
	if len(req.Paths) == 0 {
		return req, errors.New("choose a folder to scan, or type its path")
	}
	for _, a := range splitList(d.authors.Text) {
		if !strings.Contains(a, "@") || strings.ContainsAny(a, " \t") {
			return req, fmt.Errorf("%q is not an email address", a)
		}
		req.Authors = append(req.Authors, a)
	}
	if s := strings.TrimSpace(d.since.Text); s != "" {
		day, err := tracker.ParseDate(s, d.env.today())
		if err != nil {
			return req, fmt.Errorf("since: %w", err)
		}
		req.Since = day
	}
	return req, nil
}

// chooseFolder adds a folder chosen in a folder dialog to the field.
func (d *scanDialog) chooseFolder() {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			d.showError(fmt.Errorf("couldn't open the folder: %w", err))
			return
		}
		if dir == nil || d.closed {
			return
		}
		text := strings.TrimSpace(d.paths.Text)
		if text != "" && !strings.HasSuffix(text, ",") {
			text += ", "
		} else if text != "" {
			text += " "
		}
		d.paths.SetText(text + dir.Path())
		d.env.win.Canvas().Focus(d.paths)
	}, d.env.win)
	fd.SetTitleText("Choose a repository, or a folder of repositories")
	fd.SetConfirmText("Choose")
	showFileDialog(fd, d.env.win)
}

// setScanning shows the progress and Cancel while a scan runs, the form
// otherwise.
func (d *scanDialog) setScanning(on bool) {
	if on {
		d.scan.Disable()
		d.cancel.Show()
		d.setProgress(0, "Looking for repositories…")
		d.progress.Show()
		d.summary.Hide()
		d.relayout()
		return
	}
	if !d.readOnly {
		d.scan.Enable()
	}
	d.cancel.Hide()
	d.progress.Hide()
	d.summary.Show()
	d.relayout()
}

// startScan checks the form and scans in the background (Scan, Enter).
func (d *scanDialog) startScan() {
	if d.readOnly || d.stop != nil || d.closed {
		return
	}
	req, err := d.request()
	d.showError(err)
	if err != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.stop = cancel
	relay := &progressRelay{show: func(p tracker.ScanProgress) {
		if d.stop != nil && !d.closed {
			d.showProgress(p)
		}
	}}
	req.Progress = relay.report
	d.setScanning(true)
	d.problemBox.Hide()
	d.relayout()
	rm := d.rm
	var rep tracker.ScanReport
	d.env.async(func() error {
		var err error
		rep, err = d.store.ScanGit(ctx, rm, req)
		return err
	}, func(err error) {
		cancelled := ctx.Err() != nil
		cancel()
		d.stop = nil
		if d.closed {
			return
		}
		d.setScanning(false)
		switch {
		case cancelled || errors.Is(err, context.Canceled):
			d.setSummary(strings.TrimSpace("Scan cancelled: nothing was saved. " + waitingWords(len(d.pending))))
		case err != nil:
			d.showError(fmt.Errorf("the scan failed: %w", err))
		default:
			d.showReport(rep)
			d.env.changed()
		}
	})
}

// cancelScan stops the scan running; what it read is not saved.
func (d *scanDialog) cancelScan() {
	if d.stop != nil {
		d.stop()
		d.setProgress(d.progress.Value, "Cancelling…")
	}
}

// showProgress shows how far the scan has got.
func (d *scanDialog) showProgress(p tracker.ScanProgress) {
	value := d.progress.Value
	if p.Repos > 0 {
		value = min(float64(p.RepoIndex)/float64(p.Repos), 1)
	}
	text := fmt.Sprintf("%s read", plural(p.Commits, "commit", "commits"))
	if p.Repos > 0 {
		text = fmt.Sprintf("Repository %d of %d · %s", min(p.RepoIndex+1, p.Repos), p.Repos, text)
	}
	if p.Repo != "" {
		text += " · " + filepath.Base(p.Repo)
	}
	d.setProgress(value, text)
}

// setProgress shows a value and a line of words on the progress bar.
func (d *scanDialog) setProgress(value float64, text string) {
	d.progressLine = text
	d.progress.SetValue(value)
	d.progress.Refresh()
}

// showReport shows a scan's outcome: the repositories that could not be
// scanned, a summary, and every suggestion waiting.
func (d *scanDialog) showReport(rep tracker.ScanReport) {
	var problems []string
	scanned := 0
	for _, r := range rep.Repos {
		if r.Problem != "" {
			problems = append(problems, oneLine(r.Problem))
		} else {
			scanned++
		}
	}
	if len(problems) > maxProblems {
		rest := len(problems) - maxProblems
		problems = append(problems[:maxProblems], fmt.Sprintf("… and %s more", plural(rest, "problem", "problems")))
	}
	if len(problems) > 0 {
		d.problems.SetText(strings.Join(problems, "\n"))
		d.problemBox.Show()
		d.problemBox.ScrollToTop()
	} else {
		d.problemBox.Hide()
	}
	summary := scanSummary(rep.Added, scanned)
	if len(rep.Pending) != rep.Added && len(rep.Pending) > 0 {
		summary += " " + plural(len(rep.Pending), "suggestion waits", "suggestions wait") + " for review in all."
	}
	d.setSummary(summary)
	d.setPending(rep.Pending)
}

// scanSummary says what a scan found: "12 suggestions from 3
// repositories".
func scanSummary(added, scanned int) string {
	switch {
	case scanned == 0:
		return "No repository could be scanned."
	case added == 0:
		return "No new suggestions from " + plural(scanned, "repository", "repositories") + "."
	}
	return plural(added, "suggestion", "suggestions") + " from " + plural(scanned, "repository", "repositories") + "."
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

// requestClose closes the dialog (Close, Escape), cancelling a scan that
// runs.
func (d *scanDialog) requestClose() {
	if d.stop != nil {
		d.stop()
	}
	d.dlg.Hide()
}

// progressRelay passes a scan's progress from the scanning goroutine to
// the window: only the latest report is shown, in at most one queued
// update at a time, so that a fast scan does not flood the UI goroutine.
type progressRelay struct {
	mu     sync.Mutex
	last   tracker.ScanProgress
	queued bool
	show   func(tracker.ScanProgress) // runs on the UI goroutine
}

// report takes a progress report; the scan calls it from its goroutine.
func (r *progressRelay) report(p tracker.ScanProgress) {
	r.mu.Lock()
	r.last = p
	if r.queued {
		r.mu.Unlock()
		return
	}
	r.queued = true
	r.mu.Unlock()
	fyne.Do(func() {
		r.mu.Lock()
		p := r.last
		r.queued = false
		r.mu.Unlock()
		r.show(p)
	})
}
