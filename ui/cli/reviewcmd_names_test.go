package cli

import (
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
