package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// TestSuggestionsRoundTrip saves a scan's matches, grows a pending one with
// a re-scan, dismisses one for good, accepts the rest and undoes an accept:
// each step leaves exactly what the user would expect, and the evidenced
// score counts accepted evidence only.
func TestSuggestionsRoundTrip(t *testing.T) {
	s, err := Open(filepath.Join(testDir(t), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := func(m, d int) time.Time { return time.Date(2026, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	repo := "/home/ana/src/infra"
	n, err := s.SaveScan([]tracker.Found{
		{Item: "tf-modules", Repo: repo, Commits: 3, First: day(3, 1), Last: day(6, 2), Examples: []string{"Add VPC module", "Split state"}, Link: "https://github.com/ana/infra/commit/abc"},
		{Item: "docker-multistage", Repo: repo, Commits: 1, First: day(5, 5), Last: day(5, 5), Examples: []string{"Multi-stage \x1b[31mbuild"}, Link: repo + "@0123"},
	}, map[string][]string{repo: {"1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"}})
	if err != nil || n != 2 {
		t.Fatalf("save: %d, %v", n, err)
	}
	marks, err := s.ScanMarks()
	if err != nil || strings.Join(marks[repo].Tips, " ") != "1111111111111111111111111111111111111111 2222222222222222222222222222222222222222" {
		t.Fatalf("marks %v, %v", marks, err)
	}
	// A re-scan adds to the pending suggestion for the same entry and repo.
	if _, err := s.SaveScan([]tracker.Found{{Item: "tf-modules", Repo: repo, Commits: 2, First: day(7, 1), Last: day(8, 1), Examples: []string{"Import RDS"}, Link: "https://github.com/ana/infra/commit/def"}},
		map[string][]string{repo: {"3333333333333333333333333333333333333333"}}); err != nil {
		t.Fatal(err)
	}
	sg, err := s.Suggestions()
	if err != nil || len(sg) != 2 {
		t.Fatalf("suggestions %v, %v", sg, err)
	}
	var tf, dk tracker.Suggestion
	for _, x := range sg {
		switch x.Item {
		case "tf-modules":
			tf = x
		case "docker-multistage":
			dk = x
		}
	}
	if tf.Commits != 5 || !tf.First.Equal(day(3, 1)) || !tf.Last.Equal(day(8, 1)) || tf.Link != "https://github.com/ana/infra/commit/def" ||
		strings.Join(tf.Examples, "|") != "Import RDS|Add VPC module|Split state" {
		t.Errorf("grown suggestion %+v", tf)
	}
	if strings.ContainsRune(dk.Examples[0], 0x1b) {
		t.Errorf("a control character in a commit subject was kept: %q", dk.Examples[0])
	}

	// Dismissed: gone, and not suggested again by a later scan.
	if err := s.DismissSuggestion(dk.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DismissSuggestion(dk.ID); !errors.Is(err, tracker.ErrReviewed) {
		t.Errorf("dismissing twice: %v, want ErrReviewed", err)
	}
	if n, err := s.SaveScan([]tracker.Found{{Item: "docker-multistage", Repo: repo, Commits: 4, First: day(9, 1), Last: day(9, 2)}}, nil); err != nil || n != 0 {
		t.Errorf("a dismissed match came back: %d, %v", n, err)
	}

	// Accepted: evidence, dated on the newest commit, with the web link.
	rm := roadmap.Default()
	if err := s.SetLevel(tf.Item, tracker.Proficient, day(8, 1)); err != nil {
		t.Fatal(err)
	}
	before := assessStore(t, s, rm, day(9, 1))
	ev, err := s.AcceptSuggestions([]int64{tf.ID}, 0)
	if err != nil || len(ev) != 1 {
		t.Fatalf("accept: %v, %v", ev, err)
	}
	if e := ev[0]; e.ItemID != tf.Item || !e.Date.Equal(day(8, 1)) || e.Link != tf.Link || !strings.Contains(e.Note, "5 commits in infra") {
		t.Errorf("accepted evidence %+v", e)
	}
	after := assessStore(t, s, rm, day(9, 1))
	if after.Readiness.Evidenced.Score <= before.Readiness.Evidenced.Score {
		t.Errorf("evidenced score %v → %v after accepting, want a rise", before.Readiness.Evidenced.Score, after.Readiness.Evidenced.Score)
	}
	if after.Readiness.Score != before.Readiness.Score {
		t.Errorf("the claimed score moved: %v → %v", before.Readiness.Score, after.Readiness.Score)
	}
	if left, _ := s.Suggestions(); len(left) != 0 {
		t.Errorf("suggestions left after accepting: %v", left)
	}
	// Undo takes the evidence back.
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := assessStore(t, s, rm, day(9, 1)); got.Readiness.Evidenced.Score != before.Readiness.Evidenced.Score {
		t.Errorf("after undo: %v, want %v", got.Readiness.Evidenced.Score, before.Readiness.Evidenced.Score)
	}
	if _, err := s.AcceptSuggestions([]int64{99}, 0); !errors.Is(err, tracker.ErrNotFound) {
		t.Errorf("accepting an unknown id: %v", err)
	}
	if _, err := s.AcceptSuggestions(nil, 7); err == nil {
		t.Error("level 7 accepted")
	}
}

func assessStore(t *testing.T, s *Store, rm *roadmap.Roadmap, today time.Time) tracker.Assessment {
	t.Helper()
	p, err := s.Progress()
	if err != nil {
		t.Fatal(err)
	}
	return tracker.Assess(rm, p, today)
}

// TestScanMarks: a scan's tips replace the repository's mark; a mark
// written before tips were recorded (the newest commit time scanned) reads
// as that time until the next scan replaces it.
func TestScanMarks(t *testing.T) {
	s, err := Open(filepath.Join(testDir(t), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := s.db.Exec("INSERT INTO git_scans (repo, newest, scanned_at) VALUES (?, ?, ?)", "/src/a", formatStamp(old), formatStamp(old)).Error; err != nil {
		t.Fatal(err)
	}
	marks, err := s.ScanMarks()
	if err != nil || marks["/src/a"].Tips != nil || !marks["/src/a"].Newest.Equal(old) {
		t.Fatalf("an old mark: %+v, %v", marks, err)
	}
	tips := []string{"1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"}
	if _, err := s.SaveScan(nil, map[string][]string{"/src/a": tips, "/src/b": tips[:1]}); err != nil {
		t.Fatal(err)
	}
	marks, err = s.ScanMarks()
	if err != nil || len(marks) != 2 || !reflect.DeepEqual(marks["/src/a"].Tips, tips) || !marks["/src/a"].Newest.IsZero() ||
		!reflect.DeepEqual(marks["/src/b"].Tips, tips[:1]) {
		t.Errorf("marks %+v, %v", marks, err)
	}
	if _, err := s.SaveScan(nil, map[string][]string{"/src/a": {"bad name"}}); err == nil {
		t.Error("a tip with a space was saved")
	}
}
