package store

import (
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/review"
)

// respond signs, with key, a response in reviewer's name to a fresh
// request of eng's: as anyone who saw a request can.
func respond(t *testing.T, eng *Store, reviewer string, key ed25519.PrivateKey) []byte {
	t.Helper()
	req, file, err := eng.RequestReview(roadmap.Default(), review.ShareAll, tracker.Day(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	resp := review.Response{RequestID: req.ID, RequestDigest: review.Digest(file), Engineer: req.Engineer, Reviewer: reviewer,
		SignedAt: time.Now().UTC().Truncate(time.Second), Ratings: []review.Rating{}}
	out, err := review.Sign(resp, key)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A response under a name that only looks like a pinned reviewer's, with
// another key, is refused like one under the very name, naming both
// reviewers and both keys; the pinned key still answers to every
// spelling; accepting the new key replaces the look-alike's.
func TestLookAlikeReviewerNeedsThePinnedKey(t *testing.T) {
	rm, today := roadmap.Default(), tracker.Day(time.Now())
	eng := openNamed(t, "engineer.db")
	if err := eng.UpdateProfile(func(p *tracker.Profile) { p.Name, p.Stage = "Ana", "junior" }); err != nil {
		t.Fatal(err)
	}
	_, mariaKey, _ := ed25519.GenerateKey(nil)
	_, forger, _ := ed25519.GenerateKey(nil)
	mariaFP := review.Fingerprint(mariaKey.Public().(ed25519.PublicKey))
	forgerFP := review.Fingerprint(forger.Public().(ed25519.PublicKey))
	if imp, err := eng.ImportResponse(respond(t, eng, "Maria", mariaKey), false, rm, today); err != nil || !imp.NewKey {
		t.Fatalf("Maria's first response: %+v %v", imp, err)
	}
	count := func() (int, int) {
		all, err := eng.Responses()
		if err != nil {
			t.Fatal(err)
		}
		var keys int64
		if err := eng.db.Model(&reviewerKeyRow{}).Count(&keys).Error; err != nil {
			t.Fatal(err)
		}
		return len(all), int(keys)
	}
	lookAlikes := map[string]string{
		"zero-width space": "Maria\u200b",
		"trailing space":   "Maria ",
		"Cyrillic а":       "M\u0430ria",
		"capitals":         "MARIA",
	}
	for what, name := range lookAlikes {
		_, err := eng.ImportResponse(respond(t, eng, name, forger), false, rm, today)
		var k *tracker.KeyChange
		if !errors.As(err, &k) || !errors.Is(err, tracker.ErrKeyChanged) {
			t.Errorf("%s (%q) with another key: %v", what, name, err)
			continue
		}
		if k.PinnedName != "Maria" || k.PinnedKey != mariaFP || k.Name != name || k.Key != forgerFP {
			t.Errorf("%s: the refusal names %+v", what, *k)
		}
		if n, keys := count(); n != 1 || keys != 1 {
			t.Errorf("%s: %d responses, %d keys after the refusal", what, n, keys)
		}
	}
	// A direction mark in a name is refused outright, as every control
	// and bidi character in a review file is.
	if _, err := eng.ImportResponse(respond(t, eng, "\u200eMaria", forger), false, rm, today); !errors.Is(err, review.ErrIncomplete) {
		t.Errorf("a name with a direction mark: %v", err)
	}
	// NFD and NFC: a manager pinned as María in one form.
	if _, err := eng.ImportResponse(respond(t, eng, norm.NFC.String("María"), mariaKey), false, rm, today); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.ImportResponse(respond(t, eng, norm.NFD.String("María"), forger), false, rm, today); !errors.Is(err, tracker.ErrKeyChanged) {
		t.Errorf("María in NFD with another key: %v", err)
	}
	// The pinned key under another spelling of the name imports.
	for _, name := range []string{"MARIA", "Maria ", norm.NFD.String("María")} {
		if imp, err := eng.ImportResponse(respond(t, eng, name, mariaKey), false, rm, today); err != nil || imp.NewKey {
			t.Errorf("%q with Maria's key: %+v %v", name, imp.NewKey, err)
		}
	}
	// Accepted, the new key replaces every look-alike's: Maria's old key
	// is then the one refused.
	if imp, err := eng.ImportResponse(respond(t, eng, "M\u0430ria", forger), true, rm, today); err != nil || !imp.NewKey {
		t.Fatalf("accepted: %+v %v", imp, err)
	}
	if _, err := eng.ImportResponse(respond(t, eng, "Maria", mariaKey), false, rm, today); !errors.Is(err, tracker.ErrKeyChanged) {
		t.Errorf("the old key after accepting a new one: %v", err)
	}
}

// The check-in an import makes is labelled with the reviewer's name cut
// between words, never within one ("…Engineering and S").
func TestImportCheckInLabelCutBetweenWords(t *testing.T) {
	rm, today := roadmap.Default(), tracker.Day(time.Now())
	eng := openNamed(t, "engineer.db")
	if err := eng.UpdateProfile(func(p *tracker.Profile) { p.Name, p.Stage = "Ana", "junior" }); err != nil {
		t.Fatal(err)
	}
	_, key, _ := ed25519.GenerateKey(nil)
	const long = "Maria Fernández-Oyelaran, Head of Platform Engineering and Site Reliability"
	imp, err := eng.ImportResponse(respond(t, eng, long, key), false, rm, today)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Review by Maria Fernández-Oyelaran, Head of Platform Engineering and…"; imp.CheckIn.Label != want {
		t.Errorf("the check-in is labelled %q, want %q", imp.CheckIn.Label, want)
	}
}
