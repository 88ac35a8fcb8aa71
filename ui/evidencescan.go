package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

// scanStore is what the git scan dialog needs of the store.
type scanStore interface {
	// PendingFits and FitSuggestions list suggestions as the domain
	// orders them for the user (tracker.FitSuggestions).
	PendingFits(rm *roadmap.Roadmap) ([]tracker.SuggestionFit, error)
	FitSuggestions(rm *roadmap.Roadmap, sg []tracker.Suggestion) ([]tracker.SuggestionFit, error)
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
	acceptAll    *keyButton
	close        *widget.Button
	body         *fyne.Container
	dlg          *dialog.CustomDialog

	// pending are the suggestions listed, in the order of what they add
	// (tracker.FitSuggestions), rows their rows in that order.
	pending []tracker.SuggestionFit
	rows    []*suggestionRow
	// busy marks the suggestions whose accept or dismiss is being saved.
	busy map[int64]bool
	// stop cancels the scan running; nil when none runs.
	stop context.CancelFunc
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
	d.acceptAll = &keyButton{Button: widget.Button{Text: "Accept all", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: d.acceptEvery}}
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
	afterDialogShown(e.win)
	if !readOnly {
		e.win.Canvas().Focus(d.paths)
	}
	d.loadPending()
	return d
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

// requestClose closes the dialog (Close, Escape), cancelling a scan that
// runs.
func (d *scanDialog) requestClose() {
	if d.stop != nil {
		d.stop()
	}
	d.dlg.Hide()
}

// keyButton is a button that keeps the keyboard when Space presses it and
// it can still be pressed: Accept all takes what counts first and the rest
// at the next press, which a keyboard user makes with Space again. (A
// plain button lets go of the keyboard on every press.)
type keyButton struct {
	widget.Button
}

// TypedKey presses the button on Space and gives it the keyboard back.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeySpace {
		return
	}
	b.Tapped(nil)
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil && !b.Disabled() && b.Visible() {
		c.Focus(b)
	}
}
