package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewRoundTripCLI runs a review between two databases through the
// command line and checks every number of the side-by-side view, then the
// files that must be refused with nothing written.
func TestReviewRoundTripCLI(t *testing.T) {
	eng, mgr := newHarness(t), newHarness(t)
	dir := t.TempDir()
	reqFile, respFile := filepath.Join(dir, "request.json"), filepath.Join(dir, "response.json")
	eng.ok("profile", "--name", "Ana Lima", "--stage", "junior", "--since", "2024-09-01")
	mgr.ok("profile", "--name", "Maria Kowalska")
	eng.ok("tick", "tf-modules")
	eng.ok("tick", "tf-state", "--level", "4")
	eng.ok("tick", "docker-multistage", "--level", "2")
	eng.ok("tick", "junior-ready-on-call")

	out := eng.ok("review", "request", "--out", reqFile)
	if !strings.Contains(out, "Wrote the review request") {
		t.Fatalf("request said:\n%s", out)
	}
	var req struct {
		ID      string `json:"id"`
		Entries []struct {
			ID    string `json:"id"`
			Kind  string `json:"kind"`
			Level int    `json:"level"`
		} `json:"entries"`
	}
	b, _ := os.ReadFile(reqFile)
	if err := json.Unmarshal(b, &req); err != nil {
		t.Fatal(err)
	}
	n := len(req.Entries)
	if n < 10 {
		t.Fatalf("the request shares %d entries", n)
	}
	ref := req.ID[:8]

	out = mgr.ok("review", "open", reqFile)
	if !strings.Contains(out, "Review "+ref+" from Ana Lima") {
		t.Errorf("open said:\n%s", out)
	}
	mgr.ok("review", "rate", ref, "tf-modules", "--level", "2", "--comment", "Show me a module another team uses")
	mgr.ok("review", "rate", ref, "tf-state", "--level", "2")
	mgr.ok("review", "rate", ref, "docker-multistage", "--level", "3")
	mgr.ok("review", "rate", ref, "junior-ready-on-call", "--level", "0", "--comment", "Not yet on the rota")
	mgr.ok("review", "note", ref, "A strong half year")
	out = mgr.ok("review", "sign", ref, "--out", respFile)
	if !strings.Contains(out, "Made your signing key") || !strings.Contains(out, "fingerprint:") {
		t.Errorf("sign said:\n%s", out)
	}
	keyPath := filepath.Join(filepath.Dir(mgr.db), "devpath-review-signing.key")
	if fi, err := os.Stat(keyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("signing key: %v %v", fi, err)
	}
	// The key is in no backup.
	backup := mgr.ok("export", "--format", "json")
	key, _ := os.ReadFile(keyPath)
	if seed := strings.TrimSpace(strings.SplitN(string(key), "\n", 2)[1]); strings.Contains(backup, seed) {
		t.Error("the manager's private key is in their backup")
	}

	eng.ok("review", "import", respFile)
	var cmp struct {
		Entries []struct {
			ID      string `json:"id"`
			Self    int    `json:"self"`
			Manager int    `json:"manager"`
			Gap     int    `json:"gap"`
			Wide    bool   `json:"wide"`
			Comment string `json:"comment"`
		} `json:"entries"`
		Agreement float64 `json:"agreement"`
		Readiness struct {
			Self    float64 `json:"self"`
			Manager float64 `json:"manager"`
		} `json:"readiness"`
		Note string `json:"note"`
	}
	if err := json.Unmarshal([]byte(eng.ok("review", "show", "--json")), &cmp); err != nil {
		t.Fatal(err)
	}
	want := map[string][4]int{ // self, manager, gap, wide
		"tf-modules": {3, 2, -1, 0}, "tf-state": {4, 2, -2, 1}, "docker-multistage": {2, 3, 1, 0}, "junior-ready-on-call": {3, 0, -1, 1}, // a state: one step, never -3
	}
	if len(cmp.Entries) != n {
		t.Fatalf("%d entries side by side, want %d", len(cmp.Entries), n)
	}
	for _, e := range cmp.Entries {
		w, rated := want[e.ID]
		if !rated {
			if e.Self != e.Manager || e.Gap != 0 || e.Wide {
				t.Errorf("%s, not rated: %+v, want agreement", e.ID, e)
			}
			continue
		}
		if e.Self != w[0] || e.Manager != w[1] || e.Gap != w[2] || e.Wide != (w[3] == 1) {
			t.Errorf("%s: %+v, want self %d manager %d gap %d wide %v", e.ID, e, w[0], w[1], w[2], w[3] == 1)
		}
	}
	if wantAgree := float64(n-4) / float64(n); cmp.Agreement != wantAgree {
		t.Errorf("agreement %v, want %v", cmp.Agreement, wantAgree)
	}
	// Readiness by hand (weights 0.5/0.3/0.1/0.1): skills capped at
	// proficient, self 3+3+2 against the manager's 2+2+3, over 3 × the
	// skills shared; criteria 1 against 0; no milestone; experience nine
	// whole months (2024-09-01 to 2025-06-15) of the fastest usual 12, the
	// same on both sides.
	skillsN, critN := 0, 0
	for _, e := range req.Entries {
		switch e.Kind {
		case "skill", "branch":
			skillsN++
		case "criterion":
			critN++
		}
	}
	round := func(v float64) float64 { return math.Round(v*10) / 10 }
	wantSelf := round(50*8/float64(3*skillsN) + 30*1/float64(critN) + 10*0.75)
	wantMgr := round(50*7/float64(3*skillsN) + 10*0.75)
	if cmp.Readiness.Self != wantSelf || cmp.Readiness.Manager != wantMgr {
		t.Errorf("readiness self %v manager %v, want %v and %v", cmp.Readiness.Self, cmp.Readiness.Manager, wantSelf, wantMgr)
	}
	if cmp.Note != "A strong half year" {
		t.Errorf("note %q", cmp.Note)
	}
	text := eng.ok("review", "show")
	for _, s := range []string{"tf-state", "‼ −2", "‼ differs", "confirmed", "not confirmed", "Show me a module another team uses", "You agree on", "Readiness:", "ENTRY", "MANAGER", "GAP"} {
		if !strings.Contains(text, s) {
			t.Errorf("review show lacks %q:\n%s", s, text)
		}
	}

	// The promotion case and the summary carry the review.
	caseMD := eng.ok("export", "--case", "--format", "md")
	for _, want := range []string{"# Promotion case: Ana Lima for", "Reviewed by Maria Kowalska on", "Agreement:", "Reviewer: practising (-1 against the engineer's own). Show me a module another team uses",
		"## Still missing", "no fresh evidence", "No evidence recorded."} {
		if !strings.Contains(caseMD, want) {
			t.Errorf("the promotion case lacks %q:\n%s", want, caseMD)
		}
	}
	if sum := eng.ok("export", "--format", "md"); !strings.Contains(sum, "Review by Maria Kowalska, signed") || !strings.Contains(sum, "Two levels or more apart") {
		t.Errorf("the summary lacks the review:\n%s", sum)
	}
	casePDF := filepath.Join(dir, "case.pdf")
	eng.ok("export", "--case", "--out", casePDF)
	if b, err := os.ReadFile(casePDF); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("the PDF case: %v", err)
	}
	if r := eng.run("export", "--case", "--format", "csv"); r.code != 2 || !strings.Contains(r.stderr, "--case writes md, html or pdf") {
		t.Errorf("--case with csv: %d %q", r.code, r.stderr)
	}

	// Refused, nothing written.
	before := eng.ok("review", "list")
	tampered := filepath.Join(dir, "tampered.json")
	rb, _ := os.ReadFile(respFile)
	os.WriteFile(tampered, []byte(strings.Replace(string(rb), `"level": 2`, `"level": 3`, 1)), 0o600)
	truncated := filepath.Join(dir, "truncated.json")
	os.WriteFile(truncated, rb[:len(rb)/3], 0o600)
	newer := filepath.Join(dir, "newer.json")
	os.WriteFile(newer, []byte(strings.Replace(string(rb), `"version": 1`, `"version": 7`, 1)), 0o600)
	for file, msg := range map[string]string{
		tampered:  "the signature does not match",
		reqFile:   "is a review request, not a response",
		truncated: "not a whole devpath review file",
		newer:     "newer devpath",
		respFile:  "imported already",
	} {
		r := eng.run("review", "import", file)
		if r.code != 1 || !strings.Contains(r.stderr, msg) || !strings.Contains(r.stderr, filepath.Base(file)) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("import %s: exit %d, %q; want one line with %q", filepath.Base(file), r.code, r.stderr, msg)
		}
	}
	if r := mgr.run("review", "open", respFile); r.code != 1 || !strings.Contains(r.stderr, "is a review response, not a request") {
		t.Errorf("open a response: %d %q", r.code, r.stderr)
	}
	// A response to another person's request.
	other := newHarness(t)
	otherReq := filepath.Join(dir, "other-request.json")
	other.ok("review", "request", "--out", otherReq)
	mgr.ok("review", "open", otherReq)
	var otherID struct {
		ID string `json:"id"`
	}
	ob, _ := os.ReadFile(otherReq)
	json.Unmarshal(ob, &otherID)
	otherResp := filepath.Join(dir, "other-response.json")
	mgr.ok("review", "sign", otherID.ID[:8], "--out", otherResp)
	if r := eng.run("review", "import", otherResp); r.code != 1 || !strings.Contains(r.stderr, "did not make") {
		t.Errorf("another person's response: %d %q", r.code, r.stderr)
	}
	if after := eng.ok("review", "list"); after != before {
		t.Errorf("a refused import changed the list:\n%s\nthen\n%s", before, after)
	}
}
