package ui

import (
	"crypto/ed25519"
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
	"devpath/roadmap/safefile"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/review"
	"devpath/tracker/words"
)

// reviewStore is what the review dialogs need of the store: the
// engineer's side (request, import, responses) and the manager's (open,
// rate, note, sign).
type reviewStore interface {
	Path() string
	ReadOnly() bool
	Profile() (tracker.Profile, error)
	UpdateProfile(change func(p *tracker.Profile)) error
	RequestReview(rm *roadmap.Roadmap, share string, today time.Time) (review.Request, []byte, error)
	ImportResponse(file []byte, acceptNewKey bool, rm *roadmap.Roadmap, today time.Time) (tracker.ImportedResponse, error)
	Responses() ([]tracker.ImportedResponse, error)
	OpenReview(file []byte) (tracker.Review, error)
	Review(id string) (tracker.Review, error)
	Reviews() ([]tracker.Review, error)
	RateReview(id, entry string, level tracker.Level, comment *string) error
	NoteReview(id, note string) error
	SignReview(id string, key ed25519.PrivateKey) ([]byte, error)
}

var _ reviewStore = (*core.DB)(nil)

// reviews opens the review dialogs of one window on one store.
type reviews struct {
	e  *env
	st reviewStore
	// rm returns the roadmap the window tracks against.
	rm func() *roadmap.Roadmap
	// viewed, when set, is told of every Review view shown (tests).
	viewed func(*reviewView)
	// compared, when set, is told of every comparison an import shows
	// (tests).
	compared func(*sideBySide)
}

// ---- Menu wiring (File ▸ review items) ----

// reviewMenuItems are the review items of the File menu, ending in a
// separator: ask for a review and import the answer (the engineer), open a
// review (the manager), and the list of both.
func (sh *shell) reviewMenuItems() []*fyne.MenuItem {
	ro := sh.readOnly
	return []*fyne.MenuItem{
		{Label: "Ask for a review…", Action: func() { sh.withReviews(func(r *reviews) { r.ask() }) }, Disabled: ro},
		{Label: "Import a review response…", Action: func() { sh.withReviews((*reviews).chooseResponse) }, Disabled: ro},
		{Label: "Open a review…", Action: func() { sh.withReviews((*reviews).chooseRequest) }, Disabled: ro},
		{Label: "Reviews…", Action: func() { sh.withReviews((*reviews).list) }},
		fyne.NewMenuItemSeparator(),
	}
}

// withReviews runs f on the open store's reviews; nothing happens while no
// database is open.
func (sh *shell) withReviews(f func(*reviews)) {
	if sh.store == nil {
		return
	}
	f(&reviews{e: sh.env, st: sh.store, rm: func() *roadmap.Roadmap { return sh.rm }})
}

// ---- End of menu wiring ----

// roadmap is the roadmap in use, the embedded one when none is known.
func (r *reviews) roadmap() *roadmap.Roadmap {
	if r.rm != nil {
		if rm := r.rm(); rm != nil {
			return rm
		}
	}
	return roadmap.Default()
}

// fileError words an error about the review file called name in one line:
// the shared wording for what is wrong with the file, else the error with
// what was being done.
func fileError(name, doing string, err error) error {
	if msg := words.ReviewFileError(name, err, words.Window); msg != "" {
		return errors.New(msg)
	}
	return fmt.Errorf("could not %s %s: %w", doing, name, err)
}

// The share choices of the Ask dialog, in review.ShareAll,
// review.ShareEvidenced order.
var shareChoices = []string{
	"Every entry that counts towards your next level",
	"Only the entries that have evidence",
}

// askDialog chooses what a review request shares, then saves it through
// the file dialog.
type askDialog struct {
	r     *reviews
	share *widget.Select
	save  *widget.Button
	dlg   *dialog.CustomDialog
}

// ask opens the Ask for a review dialog.
func (r *reviews) ask() *askDialog {
	d := &askDialog{r: r}
	d.share = widget.NewSelect(shareChoices, nil)
	d.share.SetSelectedIndex(0)
	text := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "The request is a file you send your manager. It holds your name, stage and next level, " +
		"the roadmap's name, each entry you choose to share with your level and its evidence, and both readiness scores. " +
		"Nothing else leaves your machine. Your manager opens it in their devpath, rates it and sends back a signed response, which you import."}
	cancel := &widget.Button{Text: "Cancel", Icon: theme.CancelIcon()}
	d.save = &widget.Button{Text: "Save request…", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: d.onSave}
	form := widget.NewForm(widget.NewFormItem("Share", d.share))
	d.dlg = dialog.NewCustomWithoutButtons("Ask for a review", container.NewVBox(text, form), r.e.win)
	cancel.OnTapped = d.dlg.Hide
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.save})
	d.dlg.Resize(dialogSize(r.e.win, fyne.NewSize(600, d.dlg.MinSize().Height)))
	showKeyed(r.e.win, d.dlg, dialogKeys{submit: d.onSave})
	return d
}

// shareValue is the share chosen, as the store takes it.
func (d *askDialog) shareValue() string {
	if d.share.SelectedIndex() == 1 {
		return review.ShareEvidenced
	}
	return review.ShareAll
}

// onSave closes the dialog and asks where to save the request. Nothing
// is recorded until a file is chosen.
func (d *askDialog) onSave() {
	share := d.shareValue()
	d.dlg.Hide()
	e := d.r.e
	var prof tracker.Profile
	e.async(func() error {
		var err error
		prof, err = d.r.st.Profile()
		return err
	}, func(err error) {
		if err != nil {
			e.showError(fmt.Errorf("could not read your profile: %w", err))
			return
		}
		name := review.FileName(review.RequestFile, prof.Name, e.today())
		askSaveFile(e, "the request", name, ".json", func(w fyne.URIWriteCloser) {
			d.r.saveRequest(share, writerTarget(w))
		})
	})
}

// target is where a file goes: a name to show and how to write it (off
// the UI goroutine).
type target struct {
	name  string
	write func(data []byte) error
}

// fileTarget writes a local file in one step with permissions 0600.
func fileTarget(path string) target {
	return target{name: path, write: func(data []byte) error {
		return safefile.Save(path, func(w io.Writer) error { _, err := w.Write(data); return err })
	}}
}

// writerTarget is where the save dialog chose: a local file is replaced in
// one step, anything else written through the dialog's writer.
func writerTarget(w fyne.URIWriteCloser) target {
	uri := w.URI()
	if uri.Scheme() == "file" {
		_ = w.Close()
		t := fileTarget(uri.Path())
		t.name = uri.Name()
		return t
	}
	return target{name: uri.Name(), write: func(data []byte) error {
		_, err := w.Write(data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	}}
}

// saveRequest makes the request and writes it to t.
func (r *reviews) saveRequest(share string, t target) {
	rm, today := r.roadmap(), r.e.today()
	var req review.Request
	r.e.async(func() error {
		var file []byte
		var err error
		if req, file, err = r.st.RequestReview(rm, share, today); err != nil {
			return err
		}
		return t.write(file)
	}, func(err error) {
		if err != nil {
			r.e.showError(fmt.Errorf("could not save the review request: %w", err))
			return
		}
		r.e.notify("Saved the review request to " + t.name + ".")
		showInformation("Review request saved", fmt.Sprintf("Saved the review request to %s: %s.\n\nSend the file to your manager. "+
			"They open it with File ▸ Open a review… in their devpath, rate it and send you back a signed response, "+
			"which you import with File ▸ Import a review response… to see both side by side.", t.name, entriesWord(len(req.Entries))), r.e.win)
	})
}

// entriesWord is "1 entry" or "N entries".
func entriesWord(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

// source is a file the open dialog chose: its name and how to read it
// (off the UI goroutine).
type source struct {
	name string
	read func() ([]byte, error)
}

// fileSource reads a local review file.
func fileSource(path string) source {
	return source{name: baseName(path), read: func() ([]byte, error) { return tracker.ReadReviewFile(path) }}
}

// readerSource is what the open dialog chose: a local file is read by its
// path, anything else through the dialog's reader, no more than a review
// file may hold.
func readerSource(rc fyne.URIReadCloser) source {
	if rc.URI().Scheme() == "file" {
		_ = rc.Close()
		return fileSource(rc.URI().Path())
	}
	return source{name: rc.URI().Name(), read: func() ([]byte, error) {
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, review.MaxFileSize+1))
		if err == nil && len(b) > review.MaxFileSize {
			err = review.ErrFileTooLong
		}
		return b, err
	}}
}

// baseName is the last element of a slash- or backslash-separated path.
func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// chooseFile shows the open dialog for a .json review file and hands the
// choice to use.
func (r *reviews) chooseFile(what string, use func(source)) {
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			r.e.showError(fmt.Errorf("choose %s: %w", what, err))
			return
		}
		if rc == nil {
			return
		}
		use(readerSource(rc))
	}, r.e.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	startIn(fd, downloadsDir())
	showFileDialog(fd, r.e.win)
}

// chooseResponse asks for a response file and imports it.
func (r *reviews) chooseResponse() {
	r.chooseFile("a review response", r.importResponse)
}

// importResponse checks and imports a response; a reviewer's changed key
// is asked about first. On success the side-by-side view opens.
func (r *reviews) importResponse(src source) { r.importFile(src, false) }

func (r *reviews) importFile(src source, acceptNewKey bool) {
	rm, today := r.roadmap(), r.e.today()
	var (
		file []byte
		imp  tracker.ImportedResponse
		prof tracker.Profile
		// change is set when the reviewer's key, or a look-alike's,
		// is another: the pinned reviewer and key and the file's.
		change *tracker.KeyChange
	)
	r.e.async(func() error {
		var err error
		if file == nil {
			if file, err = src.read(); err != nil {
				return err
			}
		}
		imp, err = r.st.ImportResponse(file, acceptNewKey, rm, today)
		if errors.As(err, &change) {
			return err
		}
		if err != nil {
			return fileError(src.name, "import", err)
		}
		prof, err = r.st.Profile()
		return err
	}, func(err error) {
		if change != nil {
			r.askNewKey(src, file, *change)
			return
		}
		if err != nil {
			r.e.showError(err)
			return
		}
		r.e.changed() // the import made a check-in
		msg := "Imported the review by " + imp.Response.Reviewer + "."
		if imp.NewKey {
			msg = "Imported the review by " + imp.Response.Reviewer + "; their key " + imp.Fingerprint + " is now the one devpath expects from them."
		}
		r.e.notify(msg)
		s := showSideBySide(r.e, tracker.Compare(rm, prof, imp.Request, imp.Response, today), imp.Fingerprint)
		if r.compared != nil {
			r.compared(s)
		}
	})
}

// askNewKey asks whether to accept a reviewer's new key, naming both
// reviewers and both fingerprints; accepting imports the file with the new
// key pinned.
func (r *reviews) askNewKey(src source, file []byte, k tracker.KeyChange) {
	text := &widget.Label{Text: words.KeyChanged(k), Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomConfirm("A new key for "+tracker.Visible(k.PinnedName)+"?", "Accept the new key", "Cancel", text, func(ok bool) {
		if ok {
			r.importFile(source{name: src.name, read: func() ([]byte, error) { return file, nil }}, true)
		}
	}, r.e.win)
	d.Resize(dialogSize(r.e.win, fyne.NewSize(620, d.MinSize().Height)))
	showKeyed(r.e.win, d, dialogKeys{submit: d.Confirm})
}

// chooseRequest asks for a request file and opens it as a review.
func (r *reviews) chooseRequest() {
	r.chooseFile("a review request", r.openRequest)
}

// openRequest keeps the request in the database and shows the Review view.
// A request may be megabytes: while it is read and checked, off the UI
// goroutine, a note says so, so that the window answers at once.
func (r *reviews) openRequest(src source) {
	var rv tracker.Review
	reading := dialog.NewCustomWithoutButtons("Opening a review", &widget.Label{Text: "Reading and checking " + src.name + "…"}, r.e.win)
	reading.Show()
	r.e.async(func() error {
		file, err := src.read()
		if err != nil {
			return err
		}
		if rv, err = r.st.OpenReview(file); err != nil {
			return fileError(src.name, "open", err)
		}
		return nil
	}, func(err error) {
		reading.Hide()
		if err != nil {
			r.e.showError(err)
			return
		}
		r.showReview(rv)
	})
}

// showReview opens the Review view on rv with the manager's profile.
func (r *reviews) showReview(rv tracker.Review) *reviewView {
	var prof tracker.Profile
	v := newReviewView(r, rv)
	if r.viewed != nil {
		r.viewed(v)
	}
	r.e.async(func() error {
		var err error
		prof, err = r.st.Profile()
		return err
	}, func(err error) {
		if err == nil {
			v.setReviewer(prof.Name)
		}
	})
	return v
}
