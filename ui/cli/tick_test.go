package cli

import "testing"

func TestRedo(t *testing.T) {
	h := newHarness(t)
	r := h.run("redo")
	if r.code != 1 || r.stderr != "devpath: nothing to redo: no change was undone since the last change\n" {
		t.Fatalf("redo on a new database: exit %d, stderr %q", r.code, r.stderr)
	}
	h.ok("tick", "aws-iam", "--level", "2")
	h.ok("tick", "aws-iam")
	h.ok("undo")
	h.ok("undo")
	if out := h.ok("redo"); out != "Redone: IAM: not started ⟶ practising\n" {
		t.Errorf("first redo said %q", out)
	}
	if out := h.ok("redo"); out != "Redone: IAM: practising ⟶ proficient\n" {
		t.Errorf("second redo said %q", out)
	}
	if lvl, _, missing := h.status().missing("aws-iam"); missing {
		t.Errorf("after two redos aws-iam is still missing, at %d", lvl)
	}
	// The redo is undone like a change; a new change ends redo.
	if out := h.ok("undo"); out != "Undone: IAM: back to practising\n" {
		t.Errorf("undoing the redo said %q", out)
	}
	if lvl, _, _ := h.status().missing("aws-iam"); lvl != 2 {
		t.Errorf("after undoing the redo aws-iam is at %d, want 2", lvl)
	}
	h.ok("skip", "aws-s3")
	if r := h.run("redo"); r.code != 1 {
		t.Errorf("redo after a new change: exit %d, stdout %q", r.code, r.stdout)
	}
	if r := h.run("redo", "now"); r.code != 2 {
		t.Errorf("redo with an argument: exit %d, want 2", r.code)
	}
}
