package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"devpath/tracker"
)

func TestEvidenceDialogSavesEditsAndDeletes(t *testing.T) {
	r := newShellRig(t, Options{})
	row := r.row("k8s-rbac")
	if row.evidence.Text != "0" {
		t.Fatalf("evidence button = %q, want 0", row.evidence.Text)
	}
	test.Tap(row.evidence)
	d := r.sh.rmap.evidence
	if d == nil || d.entry.Item.ID != "k8s-rbac" {
		t.Fatal("the evidence button opened no dialog for k8s-rbac")
	}
	if d.date.Text != "2026-03-16" {
		t.Errorf("date defaults to %q, want today", d.date.Text)
	}

	// An empty note and a link that is not http(s) are refused.
	test.Tap(d.save)
	if !d.formErr.Visible() {
		t.Error("an empty note is not refused")
	}
	test.Type(d.note, "Audited the cluster's RBAC roles")
	test.Type(d.link, "javascript:alert(1)")
	if !d.linkErr.Visible() || d.linkErr.Text == "" {
		t.Error("the bad link shows no error while typing")
	}
	test.Tap(d.save)
	if got := evidenceOf(t, r, "k8s-rbac"); len(got) != 0 {
		t.Fatalf("evidence with a bad link was saved: %+v", got)
	}
	// A date in the future is refused too.
	d.link.SetText("https://wiki.example.com/rbac-audit")
	d.date.SetText("2026-04-01")
	if !d.dateErr.Visible() {
		t.Error("a future date shows no error")
	}
	test.Tap(d.save)
	if got := evidenceOf(t, r, "k8s-rbac"); len(got) != 0 {
		t.Fatalf("evidence dated in the future was saved: %+v", got)
	}

	d.date.SetText("2026-03-10")
	test.Tap(d.save)
	r.noErrors()
	got := evidenceOf(t, r, "k8s-rbac")
	if len(got) != 1 {
		t.Fatalf("%d evidence entries saved, want 1", len(got))
	}
	ev := got[0]
	if ev.Note != "Audited the cluster's RBAC roles" || ev.Link != "https://wiki.example.com/rbac-audit" || formatDay(ev.Date) != "2026-03-10" {
		t.Errorf("saved %+v", ev)
	}
	if len(d.items()) != 1 || d.note.Text != "" {
		t.Errorf("after saving the dialog lists %d entries and the note holds %q", len(d.items()), d.note.Text)
	}
	// The Roadmap is hidden behind the dialog; its row already counts the
	// note for when the dialog closes.
	var rbacRow *rmRowView
	for _, v := range r.sh.rmap.viewOf {
		if v != nil && v.id == "k8s-rbac" {
			rbacRow = v
		}
	}
	if rbacRow == nil || rbacRow.evidence.Text != "1" {
		t.Errorf("RBAC's evidence button after saving: %v, want one that says 1", rbacRow)
	}

	// Edit it.
	d.startEdit(d.items()[0])
	if d.note.Text != ev.Note || d.save.Text != "Save changes" {
		t.Fatalf("editing fills the form with %q (button %q)", d.note.Text, d.save.Text)
	}
	d.note.SetText("Audited and tightened the RBAC roles")
	test.Tap(d.save)
	if got := evidenceOf(t, r, "k8s-rbac"); len(got) != 1 || got[0].Note != "Audited and tightened the RBAC roles" || got[0].ID != ev.ID {
		t.Errorf("after editing: %+v", got)
	}

	// Delete asks first; confirming deletes.
	d.confirmDelete(d.items()[0])
	if texts := strings.Join(overlayTexts(r.win), "\n"); !strings.Contains(texts, "Delete the evidence of 2026-03-10") {
		t.Errorf("no confirmation before deleting: %q", texts)
	}
	test.Tap(findButton(t, r.win, "Yes"))
	if got := evidenceOf(t, r, "k8s-rbac"); len(got) != 0 {
		t.Errorf("after deleting: %+v", got)
	}
	r.noErrors()
}

func evidenceOf(t *testing.T, r *shellRig, id string) []tracker.Evidence {
	t.Helper()
	ev, err := r.store.Evidence(id)
	if err != nil {
		t.Fatalf("read evidence: %v", err)
	}
	return ev
}

func TestEvidenceStoreErrorShownInDialog(t *testing.T) {
	r := newShellRig(t, Options{})
	st := &failingStore{}
	e, _ := r.sh.rm.Lookup("k8s-rbac")
	d := showEvidence(st, r.sh.env, newEvidenceCache(nil), e, false)
	d.note.SetText("Wrote the RBAC runbook")
	test.Tap(d.save)
	if !d.formErr.Visible() || !strings.Contains(d.formErr.Text, "disk full") {
		t.Errorf("a failed save says %q", d.formErr.Text)
	}
	if d.note.Text == "" {
		t.Error("a failed save threw away the note")
	}
}

func TestOnlyWebLinksOpen(t *testing.T) {
	for link, want := range map[string]bool{
		"https://example.com/x":   true,
		"http://example.com":      true,
		"HTTPS://EXAMPLE.COM":     true,
		"javascript:alert(1)":     false,
		"file:///etc/passwd":      false,
		"ftp://example.com/file":  false,
		"example.com/no-scheme":   false,
		"https:///missing-host":   false,
		"mailto:me@example.com":   false,
		"  https://example.com  ": true,
	} {
		if _, got := webLink(link); got != want {
			t.Errorf("webLink(%q) = %v, want %v", link, got, want)
		}
	}
}

// A skill's evidence says which level it shows: the "Evidence of" field saves
// it, editing fills it back, and evidence older than the roadmap's limit
// is marked stale in the list. A criterion's dialog has no such field.
func TestEvidenceDialogLevelAndStale(t *testing.T) {
	r := newShellRig(t, Options{})
	test.Tap(r.row("k8s-rbac").evidence)
	d := r.sh.rmap.evidence
	if d.level == nil || d.level.SelectedIndex() != 0 {
		t.Fatal("a skill's evidence dialog has no level field set to the level claimed")
	}
	test.Type(d.note, "Wrote the cluster's RBAC roles")
	d.level.SetSelectedIndex(int(tracker.Expert))
	d.date.SetText("2023-01-10") // over 24 months before the rig's today
	test.Tap(d.save)
	r.noErrors()
	got := evidenceOf(t, r, "k8s-rbac")
	if len(got) != 1 || got[0].Level != tracker.Expert {
		t.Fatalf("saved %+v, want one piece at the expert level", got)
	}
	var text strings.Builder
	for _, seg := range d.noteSegments(got[0]) {
		text.WriteString(seg.Textual() + " ")
	}
	if !strings.Contains(text.String(), "shows the expert level") || !strings.Contains(text.String(), "stale") {
		t.Errorf("the row reads %q, want the level and a stale mark", text.String())
	}
	d.startEdit(d.items()[0])
	if d.level.SelectedIndex() != int(tracker.Expert) {
		t.Errorf("editing shows level %d, want expert", d.level.SelectedIndex())
	}
	d.level.SetSelectedIndex(0)
	test.Tap(d.save)
	if got := evidenceOf(t, r, "k8s-rbac"); len(got) != 1 || got[0].Level != tracker.NotStarted {
		t.Errorf("after editing the level back: %+v", got)
	}
	d.dlg.Hide()

	crit := ""
	for _, e := range r.sh.snap.rm.Entries() {
		if e.Kind == "criterion" && e.Stage == "junior" {
			crit = e.Item.ID
			break
		}
	}
	test.Tap(r.row(crit).evidence)
	if r.sh.rmap.evidence.level != nil {
		t.Error("a criterion's evidence dialog asks for a level")
	}
}
