package review

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sampleRequest(t *testing.T) Request {
	t.Helper()
	id, err := NewID()
	if err != nil {
		t.Fatal(err)
	}
	ev := 41.5
	return Request{ID: id, CreatedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), Engineer: "Zoë Ångström", Share: ShareAll,
		Stage: Ref{ID: "junior", Title: "Junior"}, Next: &Ref{ID: "mid", Title: "Mid"}, Roadmap: RoadmapRef{ID: "devops", Version: 2, Title: "DevOps"},
		Entries: []Entry{
			{ID: "tf-modules", Title: "Modules", Kind: "skill", Level: 3, Evidence: []Evidence{{Note: "Wrote the VPC module", Date: "2026-10-01"}}},
			{ID: "junior-ready-on-call", Title: "On call", Kind: "criterion", Level: 3, Evidence: []Evidence{}},
		},
		Readiness: Scores{Claimed: 52.5, Evidenced: &ev}}
}

func sampleResponse(t *testing.T, req []byte) Response {
	t.Helper()
	r, err := DecodeRequest(req)
	if err != nil {
		t.Fatal(err)
	}
	return Response{RequestID: r.ID, RequestDigest: Digest(req), Engineer: r.Engineer, Reviewer: "Maria Kowalska",
		SignedAt: time.Date(2026, 11, 5, 16, 0, 0, 0, time.UTC),
		Ratings:  []Rating{{ID: "tf-modules", Level: 2, Comment: "Needs a module used by others"}, {ID: "junior-ready-on-call", Level: 3}},
		Note:     "Good quarter — 良い"}
}

func TestRequestRoundTrip(t *testing.T) {
	req := sampleRequest(t)
	b, err := EncodeRequest(req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeRequest(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != req.ID || got.Engineer != req.Engineer || len(got.Entries) != 2 || *got.Readiness.Evidenced != 41.5 {
		t.Errorf("round trip: %+v", got)
	}
	if _, _, err := DecodeResponse(b); !errors.Is(err, ErrIsRequest) {
		t.Errorf("a request read as a response: %v", err)
	}
}

// TestSignatureRefusesAnyChangedByte flips every byte of a signed
// response, one at a time: each changed file is refused.
func TestSignatureRefusesAnyChangedByte(t *testing.T) {
	reqFile, _ := EncodeRequest(sampleRequest(t))
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Sign(sampleResponse(t, reqFile), key)
	if err != nil {
		t.Fatal(err)
	}
	r, pub, err := DecodeResponse(b)
	if err != nil {
		t.Fatalf("a signed response is refused: %v", err)
	}
	if !pub.Equal(key.Public()) || r.Note != "Good quarter — 良い" || r.Ratings[0].Level != 2 {
		t.Errorf("decoded %+v", r)
	}
	for i := range b {
		c := append([]byte(nil), b...)
		c[i] ^= 0x01
		if _, _, err := DecodeResponse(c); err == nil {
			t.Fatalf("byte %d (%q) changed, and the response was accepted", i, b[i])
		}
	}
	// Re-signed with another key: valid, but under that key.
	_, other, _ := ed25519.GenerateKey(nil)
	b2, _ := Sign(sampleResponse(t, reqFile), other)
	if _, pub2, err := DecodeResponse(b2); err != nil || pub2.Equal(pub) {
		t.Errorf("re-signed: %v", err)
	}
	// A signature copied from one response onto another content fails.
	forged := strings.Replace(string(b2), `"level": 2`, `"level": 4`, 1)
	if _, _, err := DecodeResponse([]byte(forged)); !errors.Is(err, ErrBadSig) {
		t.Errorf("a raised level: %v, want the signature refused", err)
	}
}

func TestBadFiles(t *testing.T) {
	reqFile, _ := EncodeRequest(sampleRequest(t))
	_, key, _ := ed25519.GenerateKey(nil)
	resp, _ := Sign(sampleResponse(t, reqFile), key)
	for name, c := range map[string]struct {
		b    []byte
		want error
		resp bool
	}{
		"truncated request":   {reqFile[:len(reqFile)/2], ErrNotReview, false},
		"truncated response":  {resp[:len(resp)-40], ErrNotReview, true},
		"foreign JSON":        {[]byte(`{"name": "not a review"}`), ErrNotReview, false},
		"not JSON":            {[]byte("\x89PNG\r\n"), ErrNotReview, true},
		"newer request":       {[]byte(strings.Replace(string(reqFile), `"version": 1`, `"version": 9`, 1)), ErrNewer, false},
		"response as request": {resp, ErrIsResponse, false},
		"unknown field":       {[]byte(strings.Replace(string(reqFile), `"share"`, `"extra": 1, "share"`, 1)), ErrNotReview, false},
		"escape in a title":   {[]byte(strings.Replace(string(reqFile), `"Modules"`, `"Mod\u001b[31mules"`, 1)), ErrIncomplete, false},
	} {
		var err error
		if c.resp {
			_, _, err = DecodeResponse(c.b)
		} else {
			_, err = DecodeRequest(c.b)
		}
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keys", "review.key")
	k1, created, err := LoadOrCreateKey(path)
	if err != nil || !created {
		t.Fatalf("create: %v %v", created, err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	k2, created, err := LoadOrCreateKey(path)
	if err != nil || created || !k1.Equal(k2) {
		t.Fatalf("load: same key %v, created %v, %v", k1.Equal(k2), created, err)
	}
	if Fingerprint(k1.Public().(ed25519.PublicKey)) == "" || !strings.Contains(Fingerprint(k1.Public().(ed25519.PublicKey)), ":") {
		t.Error("no readable fingerprint")
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreateKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key others can read: %v", err)
	}
	os.Chmod(path, 0o600)
	os.WriteFile(path, []byte("garbage"), 0o600)
	if _, _, err := LoadOrCreateKey(path); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("a damaged key: %v", err)
	}
}
