package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"devpath/tracker"
	"devpath/tracker/backup"
)

// TestImportOnFullDiskLeavesNoCopy imports a backup larger than the disk
// has room for (the process's file size limit): the copy of the database
// kept before the import fits, the import's own writes do not. The import
// fails, says so on one line, and leaves neither a change nor its
// devpath-before-import-*.db copy behind.
func TestImportOnFullDiskLeavesNoCopy(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", ids.skills[0], "--note", "Policies for CI")
	file := filepath.Join(t.TempDir(), "big.json")
	h.ok("export", "--format", "json", "--out", file)
	b, err := backup.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	at := testNow.Add(-time.Hour).UTC()
	note := strings.Repeat("a long note about the work ", 300)
	for i := range 150 {
		b.Evidence = append(b.Evidence, tracker.Evidence{ID: int64(100 + i), ItemID: ids.skills[0], Note: fmt.Sprintf("%d %s", i, strings.TrimSpace(note)),
			Date: tracker.Day(at), CreatedAt: at, UpdatedAt: at})
	}
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := backup.Write(f, b); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	before := scState(h)

	r := scRunLimited(t, h, 512<<10, "import", file)
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "nothing was changed") {
		t.Errorf("an import the disk has no room for: exit %d, stderr %q", r.code, r.stderr)
	}
	if copies, _ := filepath.Glob(filepath.Join(filepath.Dir(h.db), "backups", "devpath-before-import-*")); len(copies) != 0 {
		t.Errorf("the failed import left its copies: %q", copies)
	}
	if got := scState(h); got != before {
		t.Error("the failed import changed the database")
	}
	h.ok("import", file) // with room, it imports
}
