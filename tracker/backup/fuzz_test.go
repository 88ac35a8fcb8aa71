package backup

import (
	"bytes"
	"devpath/tracker/trackertest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzReadBackup feeds arbitrary bytes to ReadBackup: it must never panic,
// every error must be one line, and whatever it accepts must pass the same
// checks again and survive a write and a second read unchanged. The seeds
// are the sample files in testdata/import.
func FuzzReadBackup(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "import", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"format":"devpath-backup","version":1}`))
	f.Add([]byte(`{"format":"devpath-backup","version":1e999}`))
	f.Add([]byte(`{"format":"devpath-backup","version":1,"events":[{"id":1,"kind":"undo","target":"1"}]}`))
	// The stream: a byte order mark, keys in another order, an unknown key
	// before the format, a profile event and an undo of it.
	f.Add([]byte("\xef\xbb\xbf{\"version\":1,\"format\":\"devpath-backup\",\"exported_at\":\"2024-01-01T00:00:00Z\"}"))
	f.Add([]byte(`{"x":[1,{"y":2}],"format":"devpath-backup","version":1}`))
	f.Add([]byte(`{"format":"devpath-backup","version":1,"exported_at":"2024-01-01T00:00:00Z","events":[` +
		`{"id":1,"at":"2024-01-01T00:00:00Z","kind":"profile","target":"name","old":"","new":"Sam"},` +
		`{"id":2,"at":"2024-01-02T00:00:00Z","kind":"undo","target":"1","old":"Sam","new":""}]}`))
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadAt(bytes.NewReader(data), 1<<20, now)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error over several lines: %q", err)
			}
			return
		}
		if b.Format != Format || b.Version < 1 || b.Version > Version {
			t.Fatalf("accepted a backup with format %q version %d", b.Format, b.Version)
		}
		if c := b.Clone(); c.Check(now) != nil {
			t.Fatalf("an accepted backup fails its own checks: %v", c.Check(now))
		}
		var buf bytes.Buffer
		if err := Write(&buf, b); err != nil {
			t.Fatal(err)
		}
		again, err := ReadAt(bytes.NewReader(buf.Bytes()), 1<<20, now)
		if err != nil {
			t.Fatalf("a backup written from an accepted one is refused: %v", err)
		}
		var buf2 bytes.Buffer
		if err := Write(&buf2, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
			t.Fatalf("a second read changed the backup:\n%s", trackertest.FirstDiff(buf.String(), buf2.String()))
		}
	})
}
