package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"devpath/tracker"
	"devpath/tracker/backup"
)

// bsWrite writes b as a backup file in a new folder and returns its path.
func bsWrite(t *testing.T, b backup.Backup) string {
	t.Helper()
	var buf bytes.Buffer
	stMust(t, backup.Write(&buf, b))
	path := filepath.Join(testDir(t), "backup.json")
	stMust(t, os.WriteFile(path, buf.Bytes(), 0o600))
	return path
}

// bsExport returns the database's backup as JSON, without the moment it
// was made, for comparing databases.
func bsExport(t *testing.T, s *Store) string {
	t.Helper()
	b, err := s.Export()
	stMust(t, err)
	b.ExportedAt = stNow
	var buf bytes.Buffer
	stMust(t, backup.Write(&buf, b))
	return buf.String()
}

// bsSpaced returns a backup of a filled database with an undo and a redo,
// whose change log has ids far apart and lies in reverse order, so that
// every undo comes before the event it names: an import must number the
// log afresh by id and point each undo at the new id.
func bsSpaced(t *testing.T) backup.Backup {
	t.Helper()
	src := tfFill(t, stPath(t))
	stMust(t, src.SetLevel("k8s", tracker.Learning, stToday))
	_, err := src.Undo()
	stMust(t, err)
	_, err = src.Redo()
	stMust(t, err)
	b, err := src.Export()
	stMust(t, err)
	for i := range b.Events {
		e := &b.Events[i]
		e.ID *= 1000
		if e.Kind == tracker.EventUndo {
			n, err := strconv.ParseInt(e.Target, 10, 64)
			stMust(t, err)
			e.Target = strconv.FormatInt(n*1000, 10)
		}
	}
	slices.Reverse(b.Events)
	return b
}

// TestStreamedImportMatchesWhole imports one backup file twice, read whole
// (backup.ReadFile) and streamed (backup.ScanFile): the two databases must
// hold the same. The streamed backup keeps no entry, evidence or event in
// memory, and counts what its file holds.
func TestStreamedImportMatchesWhole(t *testing.T) {
	b := bsSpaced(t)
	path := bsWrite(t, b)

	whole, err := backup.ReadFile(path)
	stMust(t, err)
	streamed, err := backup.ScanFile(path)
	stMust(t, err)
	if !streamed.Streamed() || whole.Streamed() {
		t.Fatalf("Streamed(): scanned %v, read whole %v", streamed.Streamed(), whole.Streamed())
	}
	if len(streamed.Items)+len(streamed.Evidence)+len(streamed.Events) != 0 {
		t.Errorf("the streamed backup holds %d entries, %d evidence, %d events in memory", len(streamed.Items), len(streamed.Evidence), len(streamed.Events))
	}
	if got, want := streamed.Counts(), whole.Counts(); got != want || want.Events < 5 {
		t.Errorf("counts of the streamed backup %+v, of the whole one %+v", got, want)
	}

	a, z := stOpen(t), stOpen(t)
	repA, err := a.Import(whole, false, nil)
	stMust(t, err)
	repZ, err := z.Import(streamed, false, nil)
	stMust(t, err)
	if repA.Events != repZ.Events || repA.Items != repZ.Items || repA.Evidence != repZ.Evidence {
		t.Errorf("reports differ: whole %+v, streamed %+v", repA, repZ)
	}
	if x, y := bsExport(t, a), bsExport(t, z); x != y {
		t.Errorf("the streamed import differs from the whole one:\nwhole:    %.2000s\nstreamed: %.2000s", x, y)
	}
	// Undo after the import undoes the backup's last change, as
	// numbered afresh.
	if _, err := z.Undo(); err != nil {
		t.Errorf("undo after the streamed import: %v", err)
	}

	// A merge of a streamed backup reads it whole and merges as before.
	m := stOpen(t)
	stMust(t, m.SetLevel("aws-iam", tracker.Expert, stToday))
	if _, err := m.Import(streamed, true, nil); err != nil {
		t.Errorf("merge of a streamed backup: %v", err)
	}
}

// TestStreamedImportRefusesBadRows: a bad value anywhere in the entries,
// evidence or log of a file is refused by ScanFile with one line naming
// where it is; and a file changed after it was checked is refused by the
// import, which then changes nothing.
func TestStreamedImportRefusesBadRows(t *testing.T) {
	good := bsSpaced(t)
	for _, tc := range []struct {
		name, where string
		edit        func(b *backup.Backup)
	}{
		{"undo of a missing event", "events[", func(b *backup.Backup) {
			b.Events[0] = tracker.Event{ID: 7, At: stNow, Kind: tracker.EventUndo, Target: "123456"}
		}},
		{"id used twice", "the id is used twice", func(b *backup.Backup) { b.Events[3].ID = b.Events[1].ID }},
		{"level out of range", "items[", func(b *backup.Backup) { b.Items[len(b.Items)-1].Level = 9 }},
		{"script link", "evidence[0]", func(b *backup.Backup) { b.Evidence[0].Link = "javascript:alert(1)" }},
		{"escape in a log value", "events[", func(b *backup.Backup) {
			b.Events[len(b.Events)-1] = tracker.Event{ID: 99999999, At: stNow, Kind: tracker.EventProfile, Target: "name", New: "A\x1b[2J"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := good.Clone()
			tc.edit(&b)
			_, err := backup.ScanFile(bsWrite(t, b))
			if err == nil || !strings.Contains(err.Error(), tc.where) || strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("ScanFile: %v, want one line naming %q", err, tc.where)
			}
		})
	}

	t.Run("file changed after the check", func(t *testing.T) {
		path := bsWrite(t, good)
		scanned, err := backup.ScanFile(path)
		stMust(t, err)
		bad := good.Clone()
		bad.Events[len(bad.Events)-1].New = "A\x1b[2J"
		bad.Events[len(bad.Events)-1].Kind, bad.Events[len(bad.Events)-1].Target = tracker.EventProfile, "name"
		var buf bytes.Buffer
		stMust(t, backup.Write(&buf, bad))
		stMust(t, os.WriteFile(path, buf.Bytes(), 0o600))

		s := tfFill(t, stPath(t))
		before := bsExport(t, s)
		_, err = s.Import(scanned, false, nil)
		if err == nil || strings.ContainsAny(err.Error(), "\r\n") {
			t.Fatalf("import of a file changed after its check: %v, want one line", err)
		}
		if after := bsExport(t, s); after != before {
			t.Error("the failed import changed the database")
		}
		// The same bytes again, with only blank space changed: refused
		// too, since the file is not the one checked.
		stMust(t, os.WriteFile(path, append(mustJSON(t, good), ' '), 0o600))
		if _, err := s.Import(scanned, false, nil); tracker.ErrorCode(err) != tracker.CodeFileChanged {
			t.Errorf("a file changed after its check: %v (code %q), want code %q", err, tracker.ErrorCode(err), tracker.CodeFileChanged)
		}
	})
}

func mustJSON(t *testing.T, b backup.Backup) []byte {
	t.Helper()
	var buf bytes.Buffer
	stMust(t, backup.Write(&buf, b))
	return buf.Bytes()
}

// TestScanRefusesCraftedHugeFiles: a 200 MB file holding one string in
// its change log, and one nested 100,000 lists deep, are refused in one
// line, with less than 32 MiB of heap in use.
func TestScanRefusesCraftedHugeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 200 MB file")
	}
	dir := testDir(t)
	huge := filepath.Join(dir, "huge.json")
	f, err := os.Create(huge)
	stMust(t, err)
	_, err = f.WriteString(`{"format":"devpath-backup","version":4,"events":[{"id":1,"kind":"level","target":"`)
	stMust(t, err)
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range 200 {
		_, err = f.Write(chunk)
		stMust(t, err)
	}
	_, err = f.WriteString(`"}]}`)
	stMust(t, err)
	stMust(t, f.Close())

	deep := filepath.Join(dir, "deep.json")
	stMust(t, os.WriteFile(deep, []byte(`{"format":"devpath-backup","version":4,"events":[`+strings.Repeat("[", 100000)), 0o600))

	for _, path := range []string{huge, deep} {
		var err error
		peak := peakHeap(func() { _, err = backup.ScanFile(path) })
		if err == nil || strings.ContainsAny(err.Error(), "\r\n") {
			t.Errorf("%s: %v, want a one-line error", filepath.Base(path), err)
		}
		if errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		t.Logf("%s: %v (peak heap %d MiB)", filepath.Base(path), err, peak>>20)
		// An event may take up to backup.RowLimit (1 MiB), which the
		// decoder buffers: nothing near the file's 200 MB.
		if limit := uint64(32 << 20); peak > limit {
			t.Errorf("%s: peak heap %d MiB while refusing it, over %d MiB", filepath.Base(path), peak>>20, limit>>20)
		}
	}
}
