package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// A file for someone else is saved from the documents folder when there
// is one, else from home: never from wherever the last dialog was.
func TestDocumentsDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	if got := documentsDir(); got != home {
		t.Errorf("without Documents: %q, want %q", got, home)
	}
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := documentsDir(); got != docs {
		t.Errorf("with Documents: %q, want %q", got, docs)
	}
}

// A review file comes from someone else, most often saved from a message:
// choosing one starts in the downloads folder, else where saved files go.
func TestDownloadsDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	t.Setenv("XDG_DOWNLOAD_DIR", "")
	if got := downloadsDir(); got != home {
		t.Errorf("with neither folder: %q, want %q", got, home)
	}
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := downloadsDir(); got != docs {
		t.Errorf("without Downloads: %q, want %q", got, docs)
	}
	downloads := filepath.Join(home, "Downloads")
	if err := os.Mkdir(downloads, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := downloadsDir(); got != downloads {
		t.Errorf("with Downloads: %q, want %q", got, downloads)
	}
	elsewhere := filepath.Join(home, "Téléchargements")
	if err := os.Mkdir(elsewhere, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_DOWNLOAD_DIR", elsewhere)
	if got := downloadsDir(); got != elsewhere {
		t.Errorf("with XDG_DOWNLOAD_DIR: %q, want %q", got, elsewhere)
	}
}
