package cli

import (
	"fmt"
	"strings"
	"testing"
)

// TestTickStage marks a stage done in one step, with the scores before and
// after, and one undo reverts the whole step; redo brings it back.
func TestTickStage(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	h.ok("profile", "--stage", "junior")
	h.ok("tick", ids.skills[0], "--level", "4") // higher: stays
	h.ok("skip", ids.skills[1])                 // N/A: stays
	before := h.status()
	nEvents := len(h.events())

	total := len(ids.skills) + len(ids.criteria) + 1
	out := h.ok("tick", "--stage", "junior")
	want := fmt.Sprintf("Junior DevOps Engineer: %d entries marked done\n", total-2)
	if !strings.HasPrefix(out, want) {
		t.Errorf("tick --stage said:\n%s\nwant it to start with %q", out, want)
	}
	after := h.status()
	if !strings.Contains(out, fmt.Sprintf("Readiness for DevOps Engineer (Mid): %.1f", after.Readiness.Score)) ||
		!strings.Contains(out, signed(after.Readiness.Score-before.Readiness.Score)) {
		t.Errorf("tick --stage did not give the score after and its move (%.1f → %.1f):\n%s", before.Readiness.Score, after.Readiness.Score, out)
	}
	if c := after.Readiness.Components; c.Skills != 1 || c.Criteria != 1 || c.Milestone != 1 {
		t.Errorf("after tick --stage the components are %+v, want skills, criteria and milestone whole", c)
	}
	if lvl, _, _ := after.missing(ids.skills[0]); lvl != 0 {
		t.Errorf("the expert skill is listed missing at %d", lvl)
	}
	if got := len(h.events()) - nEvents; got != total-2 {
		t.Errorf("the step logged %d events, want %d", got, total-2)
	}

	// One undo reverts it all; one redo brings it all back.
	out = h.ok("undo")
	if want := fmt.Sprintf("Undone: Junior DevOps Engineer: %d entries back as they were\n", total-2); out != want {
		t.Errorf("undo said %q, want %q", out, want)
	}
	if got := h.status(); got.Readiness.Score != before.Readiness.Score || len(got.Missing) != len(before.Missing) {
		t.Errorf("after one undo: score %.1f with %d missing, want %.1f with %d as before",
			got.Readiness.Score, len(got.Missing), before.Readiness.Score, len(before.Missing))
	}
	out = h.ok("redo")
	if want := fmt.Sprintf("Redone: Junior DevOps Engineer: %d entries marked done again\n", total-2); out != want {
		t.Errorf("redo said %q, want %q", out, want)
	}
	if got := h.status(); got.Readiness.Score != after.Readiness.Score {
		t.Errorf("after redo: %.1f, want %.1f", got.Readiness.Score, after.Readiness.Score)
	}
	h.ok("undo")
	// The next undo is the skip made before the step.
	if out := h.ok("undo"); !strings.Contains(out, "Undone: ") || !strings.Contains(out, "counted again") && !strings.Contains(out, "N/A") {
		t.Errorf("the second undo said %q, want the skip undone", out)
	}
}

// TestTickGroup marks one skill group done and sets it back, each one
// step.
func TestTickGroup(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--stage", "junior")
	out := h.ok("tick", "--group", "junior-aws")
	if !strings.HasPrefix(out, "AWS core services: 7 entries marked done\n") {
		t.Errorf("tick --group said %q", out)
	}
	if out := h.ok("tick", "--group", "junior-aws"); !strings.HasPrefix(out, "AWS core services: everything is done already\n") {
		t.Errorf("a second tick --group said %q", out)
	}
	if out := h.ok("untick", "--group", "junior-aws"); !strings.HasPrefix(out, "AWS core services: 7 entries set back to not started\n") {
		t.Errorf("untick --group said %q", out)
	}
	if out := h.ok("undo"); out != "Undone: AWS core services: 7 entries back as they were\n" {
		t.Errorf("undo said %q", out)
	}
	if lvl, _, missing := h.status().missing("aws-iam"); missing {
		t.Errorf("after undoing the untick aws-iam is missing at %d", lvl)
	}
}

// TestTickStepBadInput: each mistake is one line, a usage error (exit 2)
// or a failure (exit 1), and changes nothing.
func TestTickStepBadInput(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--stage", "mid")
	n := len(h.events())
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"tick", "--stage", "nope"}, 1, `devpath: unknown stage "nope"; the stages are junior, mid, senior, lead, staff`},
		{[]string{"tick", "--group", "aws"}, 1, `devpath: unknown group "aws"; did you mean junior-aws?`},
		{[]string{"tick", "--group", "zzz"}, 1, `devpath: unknown group "zzz"; run 'devpath roadmap' to list the groups`},
		{[]string{"tick", "--stage", "junior", "--group", "junior-aws"}, 2, "devpath: tick: give --stage or --group, not both"},
		{[]string{"tick", "aws-iam", "--stage", "junior"}, 2, `devpath: tick: tick --stage and --group take no ID: got "aws-iam"`},
		{[]string{"tick", "--stage", "junior", "--level", "2"}, 2, "devpath: tick: --level applies to one entry, not to --stage or --group"},
		{[]string{"tick", "--group", "junior-aws", "--note", "did it"}, 2, "devpath: tick: --note applies to one entry, not to --stage or --group"},
		{[]string{"tick", "--stage", " "}, 2, "devpath: tick: --stage needs a stage id: junior, mid, senior, lead, staff"},
		{[]string{"untick", "--group", "junior-aws", "aws-iam"}, 2, `devpath: untick: untick --stage and --group take no ID: got "aws-iam"`},
	} {
		r := h.run(tc.args...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != tc.code || first != tc.want || r.stdout != "" {
			t.Errorf("devpath %s: exit %d, stderr %q, stdout %q; want exit %d and %q",
				strings.Join(tc.args, " "), r.code, r.stderr, r.stdout, tc.code, tc.want)
		}
	}
	if got := len(h.events()); got != n {
		t.Errorf("bad input logged %d events", got-n)
	}
}
