package ui

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/core"
	"devpath/tracker/words"
)

// exportStore is what the Export and import dialog needs of the store.
type exportStore interface {
	ReadOnly() bool
	PrepareExport(req core.ExportRequest) (core.Export, error)
	SaveExport(path string, e core.Export) error
	ReadBackup(path string) (backup.Backup, error)
	ParseBackup(r io.Reader) (backup.Backup, error)
	Counts() (backup.Counts, error)
	KeepCopy(label string) (string, error)
	Import(b backup.Backup, merge bool, rm *roadmap.Roadmap) (tracker.ImportReport, error)
}

var _ exportStore = (*core.DB)(nil)

// exportChoice is one format offered in the dialog.
type exportChoice struct {
	label string
	name  string // a report format name, or "json" for the backup
	ext   string
	kind  string // used in the suggested file name
	what  string // what is saved, in words
	// promotionCase: the promotion case instead of the summary (as
	// devpath export --case writes it).
	promotionCase bool
}

// exportChoices are the formats in the order offered.
var exportChoices = []exportChoice{
	{"Markdown summary (.md)", "md", ".md", "summary", "Markdown summary", false},
	{"Web page (.html)", "html", ".html", "summary", "summary as a web page", false},
	{"PDF document (.pdf)", "pdf", ".pdf", "summary", "summary as a PDF", false},
	{"Spreadsheet, one row per entry (.csv)", "csv", ".csv", "progress", "spreadsheet", false},
	{"Full backup (.json)", "json", ".json", "backup", "backup", false},
	// Last, so that the formats above keep their places in the list.
	{"Promotion case, PDF (.pdf)", "pdf", ".pdf", "promotion-case", "promotion case as a PDF", true},
	{"Promotion case, Markdown (.md)", "md", ".md", "promotion-case", "promotion case in Markdown", true},
}

// Periods offered for the summaries.
const (
	periodAll    = "All time"
	period6      = "Last 6 months"
	period12     = "Last 12 months"
	periodSince  = "Since a date"
	backupPeriod = "The backup always holds everything."
	casePeriod   = "The promotion case shows the next level's entries as they stand today, each with its evidence and your manager's view."
)

// exportDialog exports summaries and backups and imports backups.
type exportDialog struct {
	e    *env
	st   exportStore
	snap func() snapshot

	format    *widget.Select
	period    *widget.Select
	since     *dialogEntry
	sinceMsg  *widget.Label // what is wrong with the date, under it
	periodMsg *widget.Label
	save      *widget.Button
	copyMD    *widget.Button
	importBtn *widget.Button
	// result says in the dialog itself what the last export did: the
	// status line is under the dialog, where nobody looks while it is open.
	result *widget.Label
	dlg    dialog.Dialog

	// confirm is the import confirmation while it is open.
	confirm *importConfirm
	themed  themeFollower
	keys    *keyedDialog
}

// importConfirm is the confirmation shown before an import.
type importConfirm struct {
	backup  backup.Backup
	current backup.Counts
	text    *widget.Label
	merge   *widget.Check
	dlg     *dialog.ConfirmDialog
	// answer runs the import (true) or drops it (false), as the dialog's
	// buttons do.
	answer func(ok bool)
}

// showExportDialog opens the Export and import dialog over e.win. snap
// returns the snapshot the window shows (for the roadmap in use).
func showExportDialog(e *env, st exportStore, snap func() snapshot) *exportDialog {
	d := newExportDialog(e, st, snap)
	d.dlg = dialog.NewCustom("Export and import", "Close", d.content(), e.win)
	d.show()
	return d
}

// reopen shows the dialog again, as it was when first opened: building it
// anew took most of the time Ctrl+E took.
func (d *exportDialog) reopen() {
	d.format.SetSelected(exportChoices[0].label)
	d.period.SetSelected(periodAll)
	d.since.SetText("")
	d.setSinceProblem("")
	d.result.Hide()
	if d.themed.followTheme(d.e) {
		repaintDialog(d.dlg, d.since)
	}
	d.show()
}

// show puts the dialog on view, sized to the window, with nothing focused:
// Tab reaches Format first.
func (d *exportDialog) show() {
	if size := d.e.win.Canvas().Size(); size.Width > 0 {
		d.dlg.Resize(fyne.NewSize(min(size.Width*0.9, 620), 0))
	}
	d.e.win.Canvas().Unfocus()
	unhover(d.save, d.copyMD, d.importBtn)
	showReused(d.e.win, d.dlg, dialogKeys{submit: d.onSave}, &d.keys)
}

// newExportDialog builds the dialog's widgets.
func newExportDialog(e *env, st exportStore, snap func() snapshot) *exportDialog {
	d := &exportDialog{e: e, st: st, snap: snap}
	d.themed.seen = e.themeCount()
	labels := make([]string, len(exportChoices))
	for i, c := range exportChoices {
		labels[i] = c.label
	}
	d.since = newDialogEntry(e.win, false)
	d.since.PlaceHolder = "YYYY-MM-DD"
	d.since.Hide()
	d.since.OnChanged = func(string) { d.setSinceProblem("") }
	d.sinceMsg = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	d.sinceMsg.Hide()
	d.periodMsg = &widget.Label{Text: backupPeriod, Importance: widget.LowImportance}
	d.periodMsg.Hide()
	d.period = widget.NewSelect([]string{periodAll, period6, period12, periodSince}, func(s string) {
		if s == periodSince {
			d.since.Show()
		} else {
			d.since.Hide()
			d.setSinceProblem("")
		}
	})
	d.period.SetSelected(periodAll)
	d.format = widget.NewSelect(labels, func(string) { d.formatChanged() })
	d.format.SetSelected(exportChoices[0].label)
	d.save = &widget.Button{Text: "Save to a file…", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: d.onSave}
	d.copyMD = &widget.Button{Text: "Copy Markdown to clipboard", Icon: theme.ContentCopyIcon(), OnTapped: d.onCopyMarkdown}
	d.importBtn = &widget.Button{Text: "Import a backup…", Icon: theme.FolderOpenIcon(), OnTapped: d.onImport}
	if st.ReadOnly() {
		d.importBtn.Disable()
	}
	d.result = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	d.result.Hide()
	return d
}

// showResult shows what the last export did under the export buttons.
func (d *exportDialog) showResult(msg string) {
	d.result.SetText(msg)
	d.result.Show()
}

// content lays the dialog out: Export above, Import below.
func (d *exportDialog) content() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem("Format", d.format),
		widget.NewFormItem("Period", container.NewVBox(d.period, d.since, d.sinceMsg, d.periodMsg)),
	)
	export := newCard("Export", "A summary for a review with your manager, or a complete backup.",
		container.NewVBox(form, container.NewHBox(d.save, d.copyMD), d.result))
	importText := "Restore a JSON backup, for example on a new machine. You will see what it holds, and what it would replace, before anything is written."
	if d.st.ReadOnly() {
		importText = "This database is read-only, so nothing can be imported into it."
	}
	imp := newCard("Import", "", container.NewVBox(
		&widget.Label{Text: importText, Wrapping: fyne.TextWrapWord},
		container.NewHBox(d.importBtn),
	))
	return container.NewVBox(export, imp)
}

// setSinceProblem says under the date what is wrong with it, or nothing
// for "", and puts the keyboard in the date when something is.
func (d *exportDialog) setSinceProblem(msg string) {
	if msg == "" {
		if d.sinceMsg.Visible() {
			d.sinceMsg.Hide()
		}
		return
	}
	d.sinceMsg.SetText(upperFirst(msg))
	d.sinceMsg.Show()
	d.e.win.Canvas().Focus(d.since)
}

// choice returns the selected format.
func (d *exportDialog) choice() exportChoice {
	for _, c := range exportChoices {
		if c.label == d.format.Selected {
			return c
		}
	}
	return exportChoices[0]
}

// formatChanged shows the period for summaries only: a backup holds
// everything.
func (d *exportDialog) formatChanged() {
	if d.period == nil {
		return
	}
	if c := d.choice(); c.name == "json" || c.promotionCase {
		d.period.Hide()
		d.since.Hide()
		d.setSinceProblem("")
		d.periodMsg.SetText(backupPeriod)
		if c.promotionCase {
			d.periodMsg.SetText(casePeriod)
		}
		d.periodMsg.Show()
		return
	}
	d.periodMsg.Hide()
	d.period.Show()
	if d.period.Selected == periodSince {
		d.since.Show()
	}
}

// sinceDay is the first day of the chosen period (zero for all time).
func (d *exportDialog) sinceDay() (time.Time, error) {
	today := d.e.today()
	switch d.period.Selected {
	case period6:
		return today.AddDate(0, -6, 0), nil
	case period12:
		return today.AddDate(-1, 0, 0), nil
	case periodSince:
		day, err := tracker.ParseDate(strings.TrimSpace(d.since.Text), today)
		if err != nil {
			return time.Time{}, fmt.Errorf("the period: %w", err)
		}
		return day, nil
	}
	return time.Time{}, nil
}

// render prepares the chosen export through the core, which assembles
// every export for the window and the command line alike. It runs off the
// UI goroutine.
func (d *exportDialog) render(c exportChoice, since time.Time, rm *roadmap.Roadmap) (core.Export, error) {
	return d.st.PrepareExport(core.ExportRequest{Format: c.name, Case: c.promotionCase, Since: since, Roadmap: rm})
}

// roadmap is the roadmap the window tracks against.
func (d *exportDialog) roadmap() *roadmap.Roadmap {
	if d.snap != nil {
		if s := d.snap(); s.rm != nil {
			return s.rm
		}
	}
	return roadmap.Default()
}

// suggestedName is the file name offered in the save dialog.
func (d *exportDialog) suggestedName(c exportChoice) string {
	return "devpath-" + c.kind + "-" + formatDay(d.e.today()) + c.ext
}

func (d *exportDialog) onSave() {
	c := d.choice()
	since, err := d.sinceDay()
	if err != nil && c.name != "json" && !c.promotionCase {
		d.setSinceProblem(err.Error())
		return
	}
	askSaveFile(d.e, "", d.suggestedName(c), c.ext, func(w fyne.URIWriteCloser) { d.saveTo(w, c, since) })
}

// saveTo writes the export to the place the save dialog returned. A local
// file is replaced in one step with permissions 0600; anything else is
// written through the dialog's writer.
func (d *exportDialog) saveTo(w fyne.URIWriteCloser, c exportChoice, since time.Time) {
	uri := w.URI()
	local := uri.Scheme() == "file"
	if local {
		_ = w.Close()
	}
	d.export(c, since, func(ex core.Export) error {
		if local {
			return d.st.SaveExport(uri.Path(), ex)
		}
		err := ex.Write(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	}, "Saved the "+c.what+" to "+uri.Name()+".")
}

// exportTo renders format c for the period since and saves it at path. It
// is what Save does once a local file was chosen.
func (d *exportDialog) exportTo(path string, c exportChoice, since time.Time) {
	d.export(c, since, func(ex core.Export) error { return d.st.SaveExport(path, ex) }, "Saved the "+c.what+" to "+path+".")
}

// export renders in the background, then hands the bytes to deliver
// (still in the background) and tells the user.
func (d *exportDialog) export(c exportChoice, since time.Time, deliver func(core.Export) error, done string) {
	rm := d.roadmap()
	d.e.async(func() error {
		ex, err := d.render(c, since, rm)
		if err != nil {
			return err
		}
		return deliver(ex)
	}, func(err error) {
		if err != nil {
			d.e.showError(fmt.Errorf("could not export: %w", err))
			return
		}
		d.e.notify(done)
		d.showResult(done)
	})
}

func (d *exportDialog) onCopyMarkdown() {
	since, err := d.sinceDay()
	if err != nil {
		d.setSinceProblem(err.Error())
		return
	}
	var text []byte
	rm := d.roadmap()
	d.e.async(func() error {
		ex, err := d.render(exportChoices[0], since, rm)
		if err == nil {
			text, err = ex.Bytes()
		}
		return err
	}, func(err error) {
		if err != nil {
			d.e.showError(fmt.Errorf("could not make the Markdown summary: %w", err))
			return
		}
		d.e.app.Clipboard().SetContent(string(text))
		d.e.notify("Copied the Markdown summary to the clipboard.")
		d.showResult("Copied the Markdown summary to the clipboard.")
	})
}

func (d *exportDialog) onImport() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			d.e.showError(fmt.Errorf("choose a backup: %w", err))
			return
		}
		if r == nil {
			return // cancelled
		}
		if r.URI().Scheme() == "file" {
			path := r.URI().Path()
			_ = r.Close()
			d.prepareImport(path)
			return
		}
		d.prepareImportFrom(r)
	}, d.e.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	startIn(fd, documentsDir())
	showFileDialog(fd, d.e.win)
}

// prepareImport reads and checks the backup at path in the background, then
// asks the user to confirm what it would replace.
func (d *exportDialog) prepareImport(path string) {
	d.readBackup(func() (backup.Backup, error) { return d.st.ReadBackup(path) })
}

// prepareImportFrom is prepareImport for a file that is not local.
func (d *exportDialog) prepareImportFrom(r fyne.URIReadCloser) {
	d.readBackup(func() (backup.Backup, error) {
		defer r.Close()
		b, err := d.st.ParseBackup(r)
		if err != nil {
			return b, fmt.Errorf("%s: %w", r.URI().Name(), err)
		}
		b.Source = r.URI().Name()
		return b, nil
	})
}

func (d *exportDialog) readBackup(read func() (backup.Backup, error)) {
	var b backup.Backup
	var cur backup.Counts
	d.e.async(func() error {
		var err error
		if b, err = read(); err != nil {
			return err
		}
		cur, err = d.st.Counts()
		return err
	}, func(err error) {
		if err != nil {
			d.e.showError(fmt.Errorf("could not import: %w. Nothing was changed", err))
			return
		}
		d.askToImport(b, cur)
	})
}

// askToImport shows what the backup holds and what it would replace, with
// the choice to merge instead.
func (d *exportDialog) askToImport(b backup.Backup, cur backup.Counts) {
	c := &importConfirm{backup: b, current: cur}
	c.text = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.merge = widget.NewCheck("Merge instead: keep the newer of each value from both", func(bool) {
		c.text.SetText(importText(c.backup, c.current, c.merge.Checked))
	})
	c.text.SetText(importText(b, cur, false))
	c.answer = func(ok bool) {
		d.confirm = nil
		if ok {
			d.runImport(b, c.merge.Checked, cur)
		}
	}
	c.dlg = dialog.NewCustomConfirm("Import "+orWords(b.Source, "the backup")+"?", "Import", "Cancel",
		container.NewVBox(c.text, c.merge), c.answer, d.e.win)
	if size := d.e.win.Canvas().Size(); size.Width > 0 {
		c.dlg.Resize(fyne.NewSize(min(size.Width*0.9, 600), 0))
	}
	d.confirm = c
	showKeyed(d.e.win, c.dlg, dialogKeys{submit: c.dlg.Confirm})
}

// importText says what an import would do, with the counts from the file
// and from the database.
func importText(b backup.Backup, cur backup.Counts, merge bool) string {
	from := b.Counts()
	var sb strings.Builder
	name := "The backup"
	if b.Source != "" {
		name += " " + b.Source
	}
	fmt.Fprintf(&sb, "%s, made on %s, holds %s%s.\n", name, formatDay(b.ExportedAt), profileWords(from.Profile), from)
	fmt.Fprintf(&sb, "Your database holds %s%s.\n\n", profileWords(cur.Profile), cur)
	if merge {
		sb.WriteString("Merging keeps the newer of each value: entries by when they last changed, evidence by when it was edited, profile fields by their latest change. The change logs and check-ins are joined without duplicates. Nothing newer in your database is lost.")
	} else {
		sb.WriteString("Importing replaces everything in your database with what the backup holds.")
		if cur.Profile || cur.Items+cur.Evidence+cur.Events+cur.CheckIns > 0 {
			sb.WriteString(" A copy of your database as it is now is kept in the backups folder beside it first.")
		}
	}
	return sb.String()
}

func profileWords(has bool) string {
	if has {
		return "a profile, "
	}
	return "no profile, "
}

func orWords(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// runImport writes the backup, keeping a copy of the database first when it
// replaces something.
func (d *exportDialog) runImport(b backup.Backup, merge bool, cur backup.Counts) {
	rm := d.roadmap()
	var rep tracker.ImportReport
	d.e.async(func() error {
		// A replacing import keeps its own copy first (rep.Kept).
		var err error
		rep, err = d.st.Import(b, merge, rm)
		return err
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, tracker.ErrReadOnly) {
				err = fmt.Errorf("%w. Nothing was changed", err)
			}
			d.e.showError(err)
			return
		}
		d.e.changed()
		lines := words.ImportLines(rep)
		if w := words.Orphans(rep.Orphans); w != "" {
			lines = append(lines, "Warning: "+w)
		}
		if rep.Kept != "" {
			lines = append(lines, "Your database as it was is kept in "+rep.Kept+".")
		}
		showInformation("Imported "+orWords(b.Source, "the backup"), strings.Join(lines, "\n"), d.e.win)
		d.e.notify("Imported " + orWords(b.Source, "the backup") + ".")
	})
}
