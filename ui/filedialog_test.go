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
