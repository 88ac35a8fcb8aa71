package ui

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/review"
)

// revRig is an engineer's store and a manager's, each in its own
// temporary folder, in one test window.
type revRig struct {
	*exRig
	eng, mgr *core.DB
	dir      string // where the files go
}

func newRevRig(t *testing.T) *revRig {
	t.Helper()
	ex := newExRig(t)
	r := &revRig{exRig: ex, eng: ex.st, dir: t.TempDir()}
	r.mgr = exOpen(t, filepath.Join(t.TempDir(), "manager.db"), func() time.Time { return ex.now })
	r.fill(r.eng)
	r.must(r.mgr.SaveProfile(tracker.Profile{Name: "Sam Lead", Stage: "senior", Region: "uk"}))
	return r
}

func (r *revRig) reviews(st *core.DB) *reviews {
	return &reviews{e: r.e, st: st, rm: roadmap.Default}
}

// topTexts is every visible text in the dialog on top.
func (r *revRig) topTexts() string {
	top := r.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(textsUnder(top), "\n")
}

// noErrors fails on any error the window showed.
func (r *revRig) noErrors() {
	r.t.Helper()
	if len(r.errs) > 0 {
		r.t.Fatalf("errors shown: %v", r.errs)
	}
}

// request asks for a review through the Ask dialog's share choice and
// saves it at path, as the save dialog would.
func (r *revRig) request(share int, path string) {
	r.t.Helper()
	d := r.reviews(r.eng).ask()
	d.share.SetSelectedIndex(share)
	want := []string{review.ShareAll, review.ShareEvidenced}[share]
	if got := d.shareValue(); got != want {
		r.t.Fatalf("share %q, want %q", got, want)
	}
	d.dlg.Hide()
	r.reviews(r.eng).saveRequest(d.shareValue(), fileTarget(path))
	r.noErrors()
}

// openView opens the request at path in the manager's store.
func (r *revRig) openView(path string) *reviewView {
	r.t.Helper()
	var v *reviewView
	rs := r.reviews(r.mgr)
	rs.viewed = func(x *reviewView) { v = x }
	rs.openRequest(fileSource(path))
	r.noErrors()
	if v == nil {
		r.t.Fatal("no Review view shown")
	}
	return v
}

func (r *revRig) key() ed25519.PrivateKey {
	r.t.Helper()
	k, _, err := review.LoadOrCreateKey(tracker.ReviewKeyPath(r.mgr.Path()))
	r.must(err)
	return k
}

// rowFor is the view's row of an entry, scrolled into sight.
func rowFor(t *testing.T, v *reviewView, id string) *reviewRow {
	t.Helper()
	for i, e := range v.rv.Request.Entries {
		if e.ID == id {
			v.list.ScrollTo(i)
			if row := v.bound[i]; row != nil && row.entry.ID == id {
				return row
			}
			t.Fatalf("entry %s (%d) is not shown after scrolling to it", id, i)
		}
	}
	t.Fatalf("no row %s", id)
	return nil
}

func TestAskShareEvidencedSavesOnlyEvidencedEntries(t *testing.T) {
	r := newRevRig(t)
	path := filepath.Join(r.dir, "req.json")
	r.request(1, path)
	data, err := os.ReadFile(path)
	r.must(err)
	req, err := review.DecodeRequest(data)
	r.must(err)
	if len(req.Entries) != 1 || req.Entries[0].ID != "linux-systemd" || req.Share != review.ShareEvidenced {
		t.Fatalf("request shares %+v (share %s)", req.Entries, req.Share)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode())
	}
	if !strings.Contains(r.topTexts(), "1 entry") || len(r.notes) != 1 {
		t.Fatalf("the window said %q, notes %v", r.topTexts(), r.notes)
	}
}

func TestAskDialogKeys(t *testing.T) {
	r := newRevRig(t)
	d := r.reviews(r.eng).ask()
	before := len(r.win.Canvas().Overlays().List())
	// Enter saves: the dialog closes and the file dialog opens.
	r.win.Canvas().FocusNext()
	if r.win.Canvas().Focused() != d.share {
		t.Fatalf("Tab should reach Share first, focused %T", r.win.Canvas().Focused())
	}
	r.win.Canvas().Unfocus()
	if !dialogKey(r.win, fyne.KeyReturn) {
		t.Fatal("Enter did nothing")
	}
	if len(r.win.Canvas().Overlays().List()) != before || strings.Contains(r.topTexts(), "Ask for a review") {
		t.Fatalf("Enter should replace the dialog by the file dialog: %q", r.topTexts())
	}
	// Escape cancels a new one and records nothing.
	r.reviews(r.eng).ask()
	dialogKey(r.win, fyne.KeyEscape) // the file dialog
	n := len(r.win.Canvas().Overlays().List())
	dialogKey(r.win, fyne.KeyEscape)
	if len(r.win.Canvas().Overlays().List()) != n-1 {
		t.Fatal("Escape should close the Ask dialog")
	}
}

func TestReviewRoundTripThroughTheDialogs(t *testing.T) {
	r := newRevRig(t)
	reqPath, respPath := filepath.Join(r.dir, "req.json"), filepath.Join(r.dir, "resp.json")
	r.request(0, reqPath)

	v := r.openView(reqPath)
	text := r.topTexts()
	for _, want := range []string{"Stage: Junior", "Their readiness:"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the Review view lacks %q:\n%s", want, text)
		}
	}
	if v.named.Visible() {
		t.Fatal("the manager has a name")
	}
	iam := rowFor(t, v, "aws-iam")
	if iam.level.SelectedIndex() != 0 || !strings.HasPrefix(iam.level.Selected, "agree") {
		t.Fatalf("the level should default to agree, is %q", iam.level.Selected)
	}
	// The evidence of an entry is there to read.
	sysd := rowFor(t, v, "linux-systemd")
	if !sysd.evidence.Visible() || v.evidenceShown != nil {
		t.Fatal("linux-systemd should have its evidence behind a button")
	}
	test.Tap(sysd.evidence)
	if v.evidenceShown == nil || !strings.Contains(v.evidenceShown.Text, "Timers <b>for</b> backups") || !strings.Contains(r.topTexts(), "Timers <b>for</b> backups") {
		t.Fatalf("the notes: %q", r.topTexts())
	}
	dialogKey(r.win, fyne.KeyEscape)
	// Rate aws-iam (proficient) as learning, with a comment: saved at once.
	iam.level.SetSelected("learning")
	test.Type(iam.comment, "Show me a policy you wrote")
	v.note.SetText("A good half year")
	r.noErrors()
	rv, err := r.mgr.Review(v.rv.Request.ID)
	r.must(err)
	if got := rv.Ratings["aws-iam"]; got.Level != int(tracker.Learning) || got.Comment != "Show me a policy you wrote" || rv.Note != "A good half year" {
		t.Fatalf("saved %+v, note %q", got, rv.Note)
	}

	v.signTo(r.key(), "fp", fileTarget(respPath))
	r.noErrors()
	if !strings.Contains(v.keyLine.Text, "resp.json") {
		t.Fatalf("the view should say where the response went: %q", v.keyLine.Text)
	}

	// The engineer imports it: the side-by-side view opens.
	var side *sideBySide
	eng := r.reviews(r.eng)
	eng.compared = func(s *sideBySide) { side = s }
	eng.importResponse(fileSource(respPath))
	r.noErrors()
	if r.changed == 0 {
		t.Fatal("the import made a check-in: the window should reload")
	}
	for i, e := range side.cmp.Entries {
		if e.ID == "aws-iam" {
			side.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
		}
	}
	text = r.topTexts()
	for _, want := range []string{"Reviewed by Sam Lead", "IAM", "proficient", "learning", "‼ −2", "Show me a policy you wrote", "Their note: A good half year", "Readiness:",
		"Entry", "You", "Manager", "Gap", "Comment"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the side-by-side view lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "Sam Lead") != 1 {
		t.Errorf("the reviewer should be named once, above the table:\n%s", text)
	}
	resps, err := r.eng.Responses()
	r.must(err)
	if len(resps) != 1 {
		t.Fatalf("%d responses imported", len(resps))
	}
}

// A manager without a name is asked for it in the Review view: Sign
// waits for a name, which signing saves to the profile (as Settings
// would); no error dialog, and the response is signed in that name.
func TestReviewViewAsksTheNameInline(t *testing.T) {
	r := newRevRig(t)
	r.must(r.mgr.SaveProfile(tracker.Profile{Stage: "senior", Region: "uk"}))
	reqPath := filepath.Join(r.dir, "req.json")
	r.request(0, reqPath)
	v := r.openView(reqPath)
	if !v.named.Visible() || !v.name.Visible() || !strings.Contains(v.noName.Text, "type it here") {
		t.Fatalf("the view should ask for the name: %v %q", v.named.Visible(), v.noName.Text)
	}
	if !v.sign.Disabled() || r.win.Canvas().Focused() != v.name {
		t.Fatalf("Sign should wait for a name (disabled %v), the name focused (%T)", v.sign.Disabled(), r.win.Canvas().Focused())
	}
	v.onSign()
	if len(r.errs) != 0 {
		t.Fatalf("signing without a name: %v", r.errs)
	}
	if _, err := os.Stat(tracker.ReviewKeyPath(r.mgr.Path())); err == nil {
		t.Fatal("no key should be made before the name is set")
	}
	test.Type(v.name, "   ")
	if !v.sign.Disabled() {
		t.Fatal("spaces are no name")
	}
	v.name.SetText("Zoë Łukasiewicz 王")
	if v.sign.Disabled() {
		t.Fatal("Sign should go once a name is given")
	}
	// From the name, Tab goes on to the entries, as the view reads.
	c := r.win.Canvas()
	c.Focus(v.name)
	var order []fyne.Focusable
	for range 3 {
		c.FocusNext()
		order = append(order, c.Focused())
	}
	if row := v.bound[0]; order[0] != v.list || order[1] != row.evidence && order[1] != row.level {
		t.Fatalf("Tab from the name reaches %T then %T, want the list then the first entry", order[0], order[1])
	}
	v.onSign()
	r.noErrors()
	if p, err := r.mgr.Profile(); err != nil || p.Name != "Zoë Łukasiewicz 王" {
		t.Fatalf("the name should be saved to the profile: %q %v", p.Name, err)
	}
	if v.named.Visible() || r.changed == 0 {
		t.Fatalf("the name field should go once saved (%v), the window told (%d)", v.named.Visible(), r.changed)
	}
	// The save dialog offers the file under the reviewer's first name
	// and the day.
	offered := ""
	walkObjects(r.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.Text, "review-") {
			offered = e.Text
		}
	})
	if want := "review-response-zoe-" + formatDay(r.e.today()) + ".json"; offered != want {
		t.Errorf("the save dialog offers %q, want %q", offered, want)
	}
	respPath := filepath.Join(r.dir, "resp.json")
	v.signTo(r.key(), "fp", fileTarget(respPath))
	r.noErrors()
	resp, _, err := review.DecodeResponse(mustRead(t, respPath))
	if err != nil || resp.Reviewer != "Zoë Łukasiewicz 王" {
		t.Fatalf("the response is signed by %q: %v", resp.Reviewer, err)
	}
}

func TestReviewFileErrorsInWords(t *testing.T) {
	r := newRevRig(t)
	reqPath := filepath.Join(r.dir, "req.json")
	r.request(0, reqPath)
	junk := filepath.Join(r.dir, "junk.json")
	r.must(os.WriteFile(junk, []byte(`{"format":"devpath-review-response","version":1,`), 0o600))

	// The manager signs a response to it.
	respPath := filepath.Join(r.dir, "resp.json")
	r.openView(reqPath).signTo(r.key(), "fp", fileTarget(respPath))
	r.noErrors()
	// The engineer imports the request itself, then a truncated file; the
	// manager opens the response as a request.
	r.reviews(r.eng).importResponse(fileSource(reqPath))
	r.reviews(r.eng).importResponse(fileSource(junk))
	r.reviews(r.mgr).openRequest(fileSource(respPath))
	if len(r.errs) != 3 {
		t.Fatalf("errors %v", r.errs)
	}
	for i, want := range []string{
		"the file req.json is a review request, not a response: your manager opens it with File ▸ Open a review…",
		"the file junk.json is not a whole devpath review file",
		"the file resp.json is a review response, not a request: the engineer imports it with File ▸ Import a review response…"} {
		msg := r.errs[i].Error()
		// The window's capital letter never falls on the file's name.
		if !strings.HasPrefix(msg, want) || strings.Contains(msg, "\n") || !strings.HasPrefix(upperFirst(msg), "The file ") {
			t.Fatalf("error %d: %q, want %q in one line", i, msg, want)
		}
	}
	resps, err := r.eng.Responses()
	r.must(err)
	if len(resps) != 0 {
		t.Fatal("a refused file imported something")
	}
}

func TestImportAsksBeforeAcceptingANewKey(t *testing.T) {
	r := newRevRig(t)
	for i := range 2 {
		reqPath := filepath.Join(r.dir, "req.json")
		r.request(0, reqPath)
		rv, err := r.mgr.OpenReview(mustRead(t, reqPath))
		r.must(err)
		key := r.key()
		if i == 1 {
			_, key, _ = ed25519.GenerateKey(nil) // the manager's new machine
		}
		file, err := r.mgr.SignReview(rv.Request.ID, key)
		r.must(err)
		respPath := filepath.Join(r.dir, "resp.json")
		r.must(os.WriteFile(respPath, file, 0o600))
		r.reviews(r.eng).importResponse(fileSource(respPath))
		r.noErrors()
		if i == 0 {
			continue
		}
		old, _ := r.eng.Responses()
		text := r.topTexts()
		newFP := review.Fingerprint(key.Public().(ed25519.PublicKey))
		if !strings.Contains(text, old[0].Fingerprint) || !strings.Contains(text, newFP) {
			t.Fatalf("the question should name both keys %s and %s:\n%s", old[0].Fingerprint, newFP, text)
		}
		if len(old) != 1 {
			t.Fatalf("nothing should be imported before the answer: %d", len(old))
		}
		findButton(t, r.win, "Accept the new key").OnTapped()
		r.noErrors()
		now, _ := r.eng.Responses()
		if len(now) != 2 || now[0].Fingerprint != newFP {
			t.Fatalf("after accepting: %d responses", len(now))
		}
	}
}

func TestImportKeyChangeCancelledImportsNothing(t *testing.T) {
	r := newRevRig(t)
	for i := range 2 {
		reqPath := filepath.Join(r.dir, "req.json")
		r.request(0, reqPath)
		rv, err := r.mgr.OpenReview(mustRead(t, reqPath))
		r.must(err)
		key := r.key()
		if i == 1 {
			_, key, _ = ed25519.GenerateKey(nil)
		}
		file, err := r.mgr.SignReview(rv.Request.ID, key)
		r.must(err)
		respPath := filepath.Join(r.dir, "resp.json")
		r.must(os.WriteFile(respPath, file, 0o600))
		r.reviews(r.eng).importResponse(fileSource(respPath))
	}
	findButton(t, r.win, "Cancel").OnTapped()
	r.noErrors()
	now, _ := r.eng.Responses()
	if len(now) != 1 {
		t.Fatalf("Cancel should import nothing: %d responses", len(now))
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReviewsListShowsBothSides(t *testing.T) {
	r := newRevRig(t)
	r.reviews(r.eng).list()
	if !strings.Contains(r.topTexts(), "No reviews yet") {
		t.Fatalf("empty list: %q", r.topTexts())
	}
	dialogKey(r.win, fyne.KeyEscape)

	reqPath, respPath := filepath.Join(r.dir, "req.json"), filepath.Join(r.dir, "resp.json")
	r.request(0, reqPath)
	r.openView(reqPath).signTo(r.key(), "fp", fileTarget(respPath))
	r.reviews(r.eng).importResponse(fileSource(respPath))
	r.noErrors()

	r.reviews(r.mgr).list()
	if text := r.topTexts(); !strings.Contains(text, "Kim: Junior") || !strings.Contains(text, "signed 2025-06-30") {
		t.Fatalf("the manager's list: %q", text)
	}
	findButton(t, r.win, "Open").OnTapped()
	if !strings.Contains(r.topTexts(), "Review from Kim") {
		t.Fatalf("Open should show the review: %q", r.topTexts())
	}
	r.reviews(r.eng).list()
	if text := r.topTexts(); !strings.Contains(text, "Sam Lead, signed 2025-06-30") {
		t.Fatalf("the engineer's list: %q", text)
	}
	n := len(r.win.Canvas().Overlays().List())
	test.Tap(findButtonOnTop(t, r.win, "Show"))
	if len(r.win.Canvas().Overlays().List()) != n+1 || !strings.Contains(r.topTexts(), "Reviewed by Sam Lead") {
		t.Fatalf("Show should open the comparison: %q", r.topTexts())
	}
	// Escape closes it, then the list.
	dialogKey(r.win, fyne.KeyEscape)
	dialogKey(r.win, fyne.KeyEscape)
	if len(r.win.Canvas().Overlays().List()) != n-1 {
		t.Fatal("Escape should close the comparison and the list")
	}
}

// findButtonOnTop finds a button in the dialog on top.
func findButtonOnTop(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkObjects(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q on top", text)
	}
	return found
}

func TestReviewViewTabOrderAndKeys(t *testing.T) {
	r := newRevRig(t)
	reqPath := filepath.Join(r.dir, "req.json")
	r.request(1, reqPath)
	v := r.openView(reqPath)
	c := r.win.Canvas()
	row := v.bound[0]
	var order []fyne.Focusable
	for range 8 {
		c.FocusNext()
		order = append(order, c.Focused())
	}
	// The list first (Up and Down move through it), then the first
	// entry's evidence, level and comment.
	want := []fyne.Focusable{v.list, row.evidence, row.level, row.comment}
	for i, w := range want {
		if order[i] != w {
			t.Fatalf("Tab stop %d is %T, want %T", i, order[i], w)
		}
	}
	if !slices.Contains(order, fyne.Focusable(v.sign)) {
		t.Fatalf("Tab should reach Sign and save…: %#v", order)
	}
	// Right on the level picks the next: not started.
	c.Focus(row.level)
	row.level.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if row.chosen() != tracker.NotStarted {
		t.Fatalf("Right chose %q", row.level.Selected)
	}
	// Enter signs: the key is made, its fingerprint shown, and the save
	// dialog opens over the view; Escape closes that, then the view.
	c.Unfocus()
	n := len(c.Overlays().List())
	if !dialogKey(r.win, fyne.KeyReturn) {
		t.Fatal("Enter did nothing")
	}
	r.noErrors()
	fp := review.Fingerprint(r.key().Public().(ed25519.PublicKey))
	if !strings.Contains(v.keyLine.Text, fp) || len(c.Overlays().List()) != n+1 {
		t.Fatalf("after Enter: %q, %d overlays (was %d)", v.keyLine.Text, len(c.Overlays().List()), n)
	}
	dialogKey(r.win, fyne.KeyEscape)
	dialogKey(r.win, fyne.KeyEscape)
	if len(c.Overlays().List()) != n-1 {
		t.Fatal("Escape should close the file dialog, then the Review view")
	}
}
