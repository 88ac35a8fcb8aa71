package ui

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// showFileDialog shows a file or folder dialog at nine tenths of the
// window. Fyne 2.8's FileDialog.Resize dereferences the dialog's window,
// which exists only once Show has run: resizing first crashes the program,
// so every file dialog is shown through here.
//
// Escape cancels it, as its Cancel button does. A dialog of the desktop
// (through the XDG portal) shows no overlay and keeps its own keys.
func showFileDialog(fd *dialog.FileDialog, win fyne.Window) {
	before := len(win.Canvas().Overlays().List())
	fd.Show()
	if len(win.Canvas().Overlays().List()) == before {
		return
	}
	if size := win.Canvas().Size(); size.Width > 0 {
		fd.Resize(fyne.NewSize(size.Width*0.9, size.Height*0.9))
	}
	bindShown(win, fd, dialogKeys{cancel: fd.Dismiss})
}

// askSaveFile asks where to save a file of extension ext (".json"),
// suggesting name, and gives save the place chosen; cancelling does
// nothing. what names the file in the error message ("the request"), or
// is "" when the dialog itself says what is saved.
func askSaveFile(e *env, what, name, ext string, save func(fyne.URIWriteCloser)) {
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			where := "choose where to save"
			if what != "" {
				where += " " + what
			}
			e.showError(fmt.Errorf("%s: %w", where, err))
			return
		}
		if w == nil {
			return // cancelled
		}
		save(w)
	}, e.win)
	fd.SetFileName(name)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	// Fyne opens where its last dialog was (the folder of the git
	// repositories scanned, say): a file for someone else starts in the
	// user's documents instead.
	if dir, err := storage.ListerForURI(storage.NewFileURI(documentsDir())); err == nil {
		fd.SetLocation(dir)
	}
	showFileDialog(fd, e.win)
}

// documentsDir is the user's documents folder (XDG_DOCUMENTS_DIR, else
// HOME/Documents) when it exists, else their home folder; "." when not
// even that is known.
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	for _, dir := range []string{os.Getenv("XDG_DOCUMENTS_DIR"), filepath.Join(home, "Documents")} {
		if fi, err := os.Stat(dir); dir != "" && err == nil && fi.IsDir() {
			return dir
		}
	}
	return home
}
