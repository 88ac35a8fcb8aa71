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
	startIn(fd, documentsDir())
	showFileDialog(fd, e.win)
}

// startIn opens fd in the folder dir. Fyne opens every file dialog where
// its last one was (the folder of the git repositories scanned, say): a
// dialog for a file the user keeps or exchanges starts where such files
// are instead.
func startIn(fd *dialog.FileDialog, dir string) {
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		fd.SetLocation(l)
	}
}

// documentsDir is the user's documents folder (XDG_DOCUMENTS_DIR, else
// HOME/Documents) when it exists, else their home folder; "." when not
// even that is known. Saved files start there, and so does the choice of
// a backup to import, which devpath saved there.
func documentsDir() string {
	if dir, ok := userDir("XDG_DOCUMENTS_DIR", "Documents"); ok {
		return dir
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

// downloadsDir is the user's downloads folder (XDG_DOWNLOAD_DIR, else
// HOME/Downloads) when it exists, else documentsDir: a review request or
// response comes from someone else, most often saved from a message.
func downloadsDir() string {
	if dir, ok := userDir("XDG_DOWNLOAD_DIR", "Downloads"); ok {
		return dir
	}
	return documentsDir()
}

// userDir is the folder named by the environment variable env, else
// HOME/name, and whether either exists.
func userDir(env, name string) (string, bool) {
	dirs := []string{os.Getenv(env)}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, name))
	}
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); dir != "" && err == nil && fi.IsDir() {
			return dir, true
		}
	}
	return "", false
}
