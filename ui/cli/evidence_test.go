package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestEvidenceCommands adds, lists, edits and deletes evidence from the
// command line, and checks that the evidenced score in status --json
// follows: a proficient skill without evidence is unevidenced, with
// evidence it counts, with evidence for a lower level it counts lower, and
// undo brings deleted evidence back.
func TestEvidenceCommands(t *testing.T) {
	h := newHarness(t)
	h.ok("tick", "tf-modules")
	st := h.status()
	if st.Readiness.Evidenced == nil {
		t.Fatal("status --json has no readiness.evidenced")
	}
	if !slices.Contains(st.Readiness.Evidenced.Unevidenced, "tf-modules") {
		t.Fatalf("unevidenced %v, want tf-modules in it", st.Readiness.Evidenced.Unevidenced)
	}
	if st.Readiness.Evidenced.Score >= st.Readiness.Score {
		t.Errorf("evidenced %v not below claimed %v", st.Readiness.Evidenced.Score, st.Readiness.Score)
	}
	before := st.Readiness.Evidenced.Score

	out := h.ok("evidence", "add", "tf-modules", "--note", "Wrote the VPC module", "--link", "https://example.com/pr/7", "--date", "2025-05-01")
	if !strings.Contains(out, "Evidence 1 recorded for tf-modules") || !strings.Contains(out, "evidenced") {
		t.Errorf("add said:\n%s", out)
	}
	st = h.status()
	if slices.Contains(st.Readiness.Evidenced.Unevidenced, "tf-modules") || st.Readiness.Evidenced.Score <= before {
		t.Errorf("after evidence: %v (was %v), unevidenced %v", st.Readiness.Evidenced.Score, before, st.Readiness.Evidenced.Unevidenced)
	}
	full := st.Readiness.Evidenced.Score

	var list []struct {
		ID    int64  `json:"id"`
		Item  string `json:"item"`
		Note  string `json:"note"`
		Link  string `json:"link"`
		Date  string `json:"date"`
		Level int    `json:"level"`
		Stale bool   `json:"stale"`
	}
	if err := json.Unmarshal([]byte(h.ok("evidence", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Item != "tf-modules" || list[0].Date != "2025-05-01" || list[0].Link != "https://example.com/pr/7" || list[0].Stale {
		t.Fatalf("evidence list --json: %+v", list)
	}

	// Evidence for level 1 only: the skill counts at 2, the level that
	// needs none.
	h.ok("evidence", "edit", "1", "--level", "1")
	if got := h.status().Readiness.Evidenced.Score; got != before {
		t.Errorf("evidence for level 1: %v, want %v as with none", got, before)
	}
	h.ok("evidence", "edit", "1", "--level", "0", "--no-link")
	if got := h.status().Readiness.Evidenced.Score; got != full {
		t.Errorf("back to the claimed level: %v, want %v", got, full)
	}
	text := h.ok("evidence", "list")
	if !strings.Contains(text, "as claimed") || strings.Contains(text, "example.com") {
		t.Errorf("evidence list:\n%s", text)
	}

	h.ok("evidence", "delete", "1")
	if got := h.status().Readiness.Evidenced.Score; got != before {
		t.Errorf("after delete: %v, want %v", got, before)
	}
	h.ok("undo")
	if got := h.status().Readiness.Evidenced.Score; got != full {
		t.Errorf("after undo: %v, want %v", got, full)
	}

	// Bad input: one line, nothing changed.
	for _, args := range [][]string{
		{"evidence", "add", "tf-modules"},
		{"evidence", "add", "no-such-entry", "--note", "x"},
		{"evidence", "add", "tf-modules", "--note", "x", "--level", "9"},
		{"evidence", "edit", "99", "--note", "x"},
		{"evidence", "edit", "abc"},
		{"evidence", "delete", "0"},
		{"evidence", "accept"},
		{"evidence", "accept", "5"},
		{"evidence", "dismiss", "5"},
		{"evidence", "frobnicate"},
		{"evidence"},
	} {
		r := h.run(args...)
		if r.code == 0 || strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 || !strings.HasPrefix(r.stderr, "devpath: ") {
			t.Errorf("devpath %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if got := h.status().Readiness.Evidenced.Score; got != full {
		t.Errorf("bad input changed the score: %v, want %v", got, full)
	}
}
