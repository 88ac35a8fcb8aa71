package store

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/review"
)

func openNamed(t *testing.T, name string) *Store {
	t.Helper()
	s, err := Open(filepath.Join(testDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestReviewRoundTrip runs a review between an engineer's and a manager's
// databases: request, open, rate, sign, import, compare; then the files
// that must be refused.
func TestReviewRoundTrip(t *testing.T) {
	rm := roadmap.Default()
	today := tracker.Day(time.Now())
	eng, mgr := openNamed(t, "engineer.db"), openNamed(t, "manager.db")
	if err := eng.UpdateProfile(func(p *tracker.Profile) { p.Name, p.Stage = "Ana", "junior" }); err != nil {
		t.Fatal(err)
	}
	if err := mgr.UpdateProfile(func(p *tracker.Profile) { p.Name = "Maria" }); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"tf-modules", "docker-multistage", "linux-systemd"} {
		if err := eng.SetLevel(id, tracker.Proficient, today); err != nil {
			t.Fatal(err)
		}
	}
	if err := eng.SetLevel("tf-state", tracker.Expert, today); err != nil {
		t.Fatal(err)
	}
	req, file, err := eng.RequestReview(rm, review.ShareAll, today)
	if err != nil {
		t.Fatal(err)
	}
	if req.Engineer != "Ana" || len(req.Entries) == 0 {
		t.Fatalf("request %+v", req)
	}
	mgrBefore, _ := mgr.Progress()

	rv, err := mgr.OpenReview(file)
	if err != nil {
		t.Fatal(err)
	}
	// The manager: tf-modules one level lower with a comment, tf-state
	// two lower (a wide gap), the rest as the engineer says.
	comment := "Show me a module someone else uses"
	if err := mgr.RateReview(rv.Request.ID, "tf-modules", tracker.Practising, &comment); err != nil {
		t.Fatal(err)
	}
	if err := mgr.RateReview(rv.Request.ID, "tf-state", tracker.Practising, nil); err != nil {
		t.Fatal(err)
	}
	if err := mgr.NoteReview(rv.Request.ID, "A strong half year"); err != nil {
		t.Fatal(err)
	}
	if err := mgr.RateReview(rv.Request.ID, "no-such", tracker.Practising, nil); !errors.Is(err, tracker.ErrNotFound) {
		t.Errorf("rating an entry the review lacks: %v", err)
	}
	mgrAfter, _ := mgr.Progress()
	if len(mgrAfter.Items) != len(mgrBefore.Items) {
		t.Error("opening and rating a review changed the manager's own progress")
	}
	_, key, _ := ed25519.GenerateKey(nil)
	resp, err := mgr.SignReview(rv.Request.ID, key)
	if err != nil {
		t.Fatal(err)
	}

	// The engineer imports it.
	p, _ := eng.Progress()
	imp, err := eng.ImportResponse(resp, false, rm, today)
	if err != nil {
		t.Fatal(err)
	}
	if !imp.NewKey || imp.CheckIn == nil || !strings.HasPrefix(imp.CheckIn.Label, "Review by Maria") {
		t.Errorf("import: %+v", imp)
	}
	c := tracker.Compare(rm, p.Profile, imp.Request, imp.Response, today)
	n := len(c.Entries)
	var tf, ts *tracker.ComparedEntry
	for i := range c.Entries {
		switch c.Entries[i].ID {
		case "tf-modules":
			tf = &c.Entries[i]
		case "tf-state":
			ts = &c.Entries[i]
		}
	}
	if tf == nil || tf.Self != tracker.Proficient || tf.Manager != tracker.Practising || tf.Gap != -1 || tf.Wide || tf.Comment != comment {
		t.Errorf("tf-modules side by side: %+v", tf)
	}
	if ts == nil || ts.Gap != -2 || !ts.Wide {
		t.Errorf("tf-state side by side: %+v", ts)
	}
	if want := float64(n-2) / float64(n); c.Agreement != want {
		t.Errorf("agreement %v, want %v", c.Agreement, want)
	}
	if c.Readiness.Manager >= c.Readiness.Self || c.Note != "A strong half year" {
		t.Errorf("readiness self %v manager %v, note %q", c.Readiness.Self, c.Readiness.Manager, c.Note)
	}

	// Refused, and nothing written: the same file again, a tampered one,
	// one for another database's request, a request given as a response.
	countRows := func() int {
		all, _ := eng.Responses()
		return len(all)
	}
	if _, err := eng.ImportResponse(resp, false, rm, today); !errors.Is(err, tracker.ErrAlreadyImported) {
		t.Errorf("twice: %v", err)
	}
	bad := []byte(strings.Replace(string(resp), `"level": 2`, `"level": 3`, 1))
	if _, err := eng.ImportResponse(bad, false, rm, today); !errors.Is(err, review.ErrBadSig) {
		t.Errorf("tampered: %v", err)
	}
	other := openNamed(t, "other.db")
	_, otherFile, _ := other.RequestReview(rm, review.ShareAll, today)
	rv2, _ := mgr.OpenReview(otherFile)
	resp2, _ := mgr.SignReview(rv2.Request.ID, key)
	if _, err := eng.ImportResponse(resp2, false, rm, today); !errors.Is(err, tracker.ErrNotOurRequest) {
		t.Errorf("another person's request: %v", err)
	}
	// A response to a changed copy of the engineer's own request: the id
	// matches, the file does not.
	changed := []byte(strings.Replace(string(file), `"engineer": "Ana"`, `"engineer": "Ana B."`, 1))
	mgr2 := openNamed(t, "manager2.db")
	if err := mgr2.UpdateProfile(func(p *tracker.Profile) { p.Name = "Maria" }); err != nil {
		t.Fatal(err)
	}
	rvc, err := mgr2.OpenReview(changed)
	if err != nil {
		t.Fatal(err)
	}
	respc, _ := mgr2.SignReview(rvc.Request.ID, key)
	if _, err := eng.ImportResponse(respc, false, rm, today); !errors.Is(err, tracker.ErrOtherVersion) {
		t.Errorf("a response to a changed copy of the request: %v", err)
	}
	if _, err := eng.ImportResponse(file, false, rm, today); !errors.Is(err, review.ErrIsRequest) {
		t.Errorf("a request: %v", err)
	}
	if _, err := mgr.OpenReview(resp); !errors.Is(err, review.ErrIsResponse) {
		t.Errorf("a response opened as a request: %v", err)
	}
	// Another key under the same reviewer's name: refused unless accepted.
	_, req3, _ := eng.RequestReview(rm, review.ShareAll, today)
	rv3, _ := mgr.OpenReview(req3)
	_, key2, _ := ed25519.GenerateKey(nil)
	resp3, _ := mgr.SignReview(rv3.Request.ID, key2)
	if _, err := eng.ImportResponse(resp3, false, rm, today); !errors.Is(err, tracker.ErrKeyChanged) {
		t.Errorf("a new key: %v", err)
	}
	if countRows() != 1 {
		t.Errorf("%d responses kept after the refusals, want 1", countRows())
	}
	if imp, err := eng.ImportResponse(resp3, true, rm, today); err != nil || !imp.NewKey {
		t.Errorf("a new key accepted: %+v %v", imp, err)
	}
}

// TestStoredReviewsStayReadable: a review the manager opened under an
// earlier, laxer check (here its stage title holds a right-to-left
// override, which opening a request now refuses) is still listed and
// opens: a stricter rule never hides what the database already holds.
func TestStoredReviewsStayReadable(t *testing.T) {
	rm := roadmap.Default()
	today := tracker.Day(time.Now())
	eng, mgr := openNamed(t, "engineer.db"), openNamed(t, "manager.db")
	if err := eng.UpdateProfile(func(p *tracker.Profile) { p.Name, p.Stage = "Ana", "junior" }); err != nil {
		t.Fatal(err)
	}
	_, file, err := eng.RequestReview(rm, review.ShareAll, today)
	if err != nil {
		t.Fatal(err)
	}
	rv, err := mgr.OpenReview(file)
	if err != nil {
		t.Fatal(err)
	}
	old := bytes.Replace(file, []byte(`"title": "`+rv.Request.Stage.Title+`"`), []byte(`"title": "\u202e`+rv.Request.Stage.Title+`"`), 1)
	if bytes.Equal(old, file) {
		t.Fatal("the test could not plant the override in the request")
	}
	if _, err := review.DecodeRequest(old); err == nil {
		t.Fatal("opening a request with an override in a title is accepted; the test checks nothing")
	}
	if err := mgr.db.Exec("UPDATE reviews SET file = ?", old).Error; err != nil {
		t.Fatal(err)
	}
	list, err := mgr.Reviews()
	if err != nil || len(list) != 1 || list[0].Request.Engineer != "Ana" {
		t.Fatalf("the stored review: %v, %v", list, err)
	}
	if _, err := mgr.FindReview(""); err != nil {
		t.Errorf("the stored review does not open: %v", err)
	}
}
