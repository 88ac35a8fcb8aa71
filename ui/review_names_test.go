package ui

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"devpath/tracker"
	"devpath/tracker/review"
)

// A response under a name that only looks like the pinned reviewer's,
// with another key, is not imported until the user accepts: the question
// names both reviewers, spelled out, and both keys.
func TestImportAsksAboutALookAlikeReviewer(t *testing.T) {
	r := newRevRig(t)
	forger := exOpen(t, filepath.Join(t.TempDir(), "forger.db"), nil)
	r.must(forger.SaveProfile(tracker.Profile{Name: "Sam Le\u0430d", Stage: "senior", Region: "uk"}))
	_, forgerKey, _ := ed25519.GenerateKey(nil)
	var fps []string
	for i, st := range []interface {
		OpenReview([]byte) (tracker.Review, error)
		SignReview(string, ed25519.PrivateKey) ([]byte, error)
	}{r.mgr, forger} {
		reqPath, respPath := filepath.Join(r.dir, "req.json"), filepath.Join(r.dir, "resp.json")
		r.request(0, reqPath)
		rv, err := st.OpenReview(mustRead(t, reqPath))
		r.must(err)
		key := r.key()
		if i == 1 {
			key = forgerKey
		}
		fps = append(fps, review.Fingerprint(key.Public().(ed25519.PublicKey)))
		file, err := st.SignReview(rv.Request.ID, key)
		r.must(err)
		r.must(os.WriteFile(respPath, file, 0o600))
		r.reviews(r.eng).importResponse(fileSource(respPath))
		r.noErrors()
	}
	text := r.topTexts()
	for _, want := range []string{fps[0], fps[1], `"Sam Lead"`, `"Sam Le<U+0430>d"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the question lacks %q:\n%s", want, text)
		}
	}
	if all, _ := r.eng.Responses(); len(all) != 1 {
		t.Fatalf("the look-alike was imported before the answer: %d responses", len(all))
	}
	findButton(t, r.win, "Cancel").OnTapped()
	if all, _ := r.eng.Responses(); len(all) != 1 {
		t.Fatalf("Cancel imported the look-alike: %d responses", len(all))
	}
}
