package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/store"
)

// scannedStore is a store whose git scans read one local repository.
type scannedStore struct {
	*store.Store
	repos []string
}

func (s scannedStore) ScannedRepos() ([]string, error) { return s.repos, nil }

// A summary and a promotion case go to someone else: evidence found in
// git names the repository and a short hash, never the local folder or
// the full hash, as a review request does.
func TestSummariesShareNoLocalPaths(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "devpath.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	rm := roadmap.Default()
	if err := s.SaveProfile(tracker.Profile{Stage: rm.Stages[0].ID, Region: "uk"}); err != nil {
		t.Fatal(err)
	}
	id := rm.Stages[0].Skills[0].Items[0].ID
	folder := "/home/sam/src/platform-infra"
	hash := "6cb847e0f1d2c3b4a5968778695a4b3c2d1e0f9a"
	if _, err := s.Tick(id, tracker.Proficient, time.Now(), &tracker.Evidence{Note: "3 commits in " + folder + " (" + hash + ")"}); err != nil {
		t.Fatal(err)
	}
	d, err := Collect(scannedStore{s, []string{folder}}, rm, time.Now(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(*bytes.Buffer, Data) error{
		"Markdown": mdw, "HTML": htm, "case": func(b *bytes.Buffer, d Data) error { return CaseMarkdown(b, d) },
	} {
		got := string(render(t, f, d))
		if strings.Contains(got, folder) || strings.Contains(got, hash) {
			t.Errorf("the %s names the local folder or the full hash:\n%s", name, got)
		}
		if !strings.Contains(got, "platform-infra") || !strings.Contains(got, hash[:tracker.ShortHashLen]) {
			t.Errorf("the %s does not name the repository and the short hash", name)
		}
	}
}
