package store

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/review"
)

// A review request shares evidence found in git by the repository's name
// and the commit's link, or its short hash: never a folder of this
// machine, never a full hash. Evidence accepted now is written so; so is
// evidence an earlier devpath wrote with the folder and the whole hash.
func TestReviewRequestSharesRepoNamesNotFolders(t *testing.T) {
	s, err := Open(filepath.Join(testDir(t), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC)
	if err := s.SaveProfile(tracker.Profile{Name: "Ana", Stage: "junior", Region: "uk"}); err != nil {
		t.Fatal(err)
	}
	repo, hub := "/home/ana/git/platform-infra", "/home/ana/git/site"
	hash := "6cb847a1f0e2d3c4b5a6978812345678deadbeef"
	webLink := "https://github.com/ana/site/commit/" + hash
	if _, err := s.SaveScan([]tracker.Found{
		{Item: "tf-modules", Repo: repo, Commits: 2, First: day, Last: day, Examples: []string{"Add VPC module"}, Link: repo + "@" + hash},
		{Item: "docker-multistage", Repo: hub, Commits: 1, First: day, Last: day, Examples: []string{"Multi-stage build"}, Link: webLink},
	}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcceptSuggestions(nil, 0); err != nil {
		t.Fatal(err)
	}
	// As an earlier devpath wrote it.
	old := tracker.Evidence{ItemID: "tf-state", Note: "3 commits in " + repo + ", 2026-01-01 to 2026-02-01: Split state (" + repo + "@" + hash + ")", Date: day}
	if _, err := s.AddEvidence(old); err != nil {
		t.Fatal(err)
	}
	_, file, err := s.RequestReview(roadmap.Default(), review.ShareEvidenced, day)
	if err != nil {
		t.Fatal(err)
	}
	text := string(file)
	if strings.Contains(text, "/home/ana") || strings.Count(text, hash) != 1 {
		t.Errorf("the request shares a folder or a full hash outside the link:\n%s", text)
	}
	req, err := review.DecodeRequest(file)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]review.Evidence{}
	for _, e := range req.Entries {
		for _, x := range e.Evidence {
			notes[e.ID] = x
		}
	}
	for id, want := range map[string]string{
		"tf-modules":        "2 commits in platform-infra on 2026-06-02: Add VPC module (platform-infra@6cb847a)",
		"tf-state":          "3 commits in platform-infra, 2026-01-01 to 2026-02-01: Split state (platform-infra@6cb847a)",
		"docker-multistage": "1 commit in site on 2026-06-02: Multi-stage build",
	} {
		if got := notes[id].Note; got != want {
			t.Errorf("%s shares %q, want %q", id, got, want)
		}
	}
	if notes["docker-multistage"].Link != webLink {
		t.Errorf("the commit's link should be shared whole: %q", notes["docker-multistage"].Link)
	}
}
