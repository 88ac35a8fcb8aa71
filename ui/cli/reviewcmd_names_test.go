package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A manager on another machine (another key) whose name only looks like
// the pinned reviewer's is refused, both names and keys told; the list
// and the comparison show each response's key beside the name.
func TestReviewImportRefusesLookAlikeName(t *testing.T) {
	eng, maria, forger := newHarness(t), newHarness(t), newHarness(t)
	dir := t.TempDir()
	eng.ok("profile", "--name", "Ana Lima", "--stage", "junior")
	maria.ok("profile", "--name", "Maria")
	forger.ok("profile", "--name", "M\u0430ria") // a Cyrillic а
	answer := func(mgr *harness, n string) string {
		req, resp := filepath.Join(dir, "req"+n+".json"), filepath.Join(dir, "resp"+n+".json")
		eng.ok("review", "request", "--out", req)
		out := mgr.ok("review", "open", req)
		ref := strings.Fields(strings.TrimPrefix(out, "Review "))[0]
		mgr.ok("review", "sign", ref, "--out", resp)
		return resp
	}
	out := eng.ok("review", "import", answer(maria, "1"))
	first := strings.Fields(out[strings.Index(out, "(key ")+5:])[0]
	first = strings.TrimSuffix(first, ",")

	r := eng.run("review", "import", answer(forger, "2"))
	if r.code == 0 {
		t.Fatalf("a look-alike name with another key was imported:\n%s", r.stdout)
	}
	msg := r.stderr
	for _, want := range []string{`"M<U+0430>ria"`, `"Maria"`, first, "--accept-new-key", "nothing was imported"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the refusal lacks %q:\n%s", want, msg)
		}
	}
	if strings.Count(strings.TrimSpace(msg), "\n") != 0 {
		t.Errorf("the refusal is more than one line:\n%s", msg)
	}
	list := eng.ok("review", "list")
	if strings.Count(list, "Maria") != 1 || !strings.Contains(list, first) {
		t.Errorf("review list should hold Maria's one response with her key %s:\n%s", first, list)
	}
	if show := eng.ok("review", "show"); !strings.Contains(show, "Reviewed by Maria, signed ") || !strings.Contains(show, "with the key "+first+".") {
		t.Errorf("review show should name the key beside the reviewer:\n%s", show)
	}
}

// Without --out, a request is named for the engineer and the day, a
// response for the reviewer and the day, their first names folded for a
// file name (Latin letters without accents, other scripts kept).
func TestReviewFilesNamedForThePersonAndDay(t *testing.T) {
	eng, mgr := newHarness(t), newHarness(t)
	t.Chdir(t.TempDir())
	eng.ok("profile", "--name", "Zoë Łukasiewicz", "--stage", "junior")
	mgr.ok("profile", "--name", "王小明")
	out := eng.ok("review", "request")
	const reqName = "review-request-zoe-2025-06-15.json"
	if _, err := os.Stat(reqName); err != nil || !strings.Contains(out, reqName) {
		t.Fatalf("the request should be %s: %v\n%s", reqName, err, out)
	}
	req := mgr.ok("review", "open", reqName)
	ref := strings.Fields(strings.TrimPrefix(req, "Review "))[0]
	out = mgr.ok("review", "sign", ref)
	const respName = "review-response-王小明-2025-06-15.json"
	if _, err := os.Stat(respName); err != nil || !strings.Contains(out, respName) {
		t.Fatalf("the response should be %s: %v\n%s", respName, err, out)
	}
	eng.ok("review", "import", respName)
}
