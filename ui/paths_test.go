package ui

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
)

// screenRig is a real store on a file in a temporary folder, a test window
// and an env whose async work runs inline. Its changed reloads the snapshot
// into every screen shown, as the shell does.
type screenRig struct {
	t           *testing.T
	path        string
	now         time.Time // the store's clock
	store       *core.DB
	rm          *roadmap.Roadmap
	roadmapPath string
	app         fyne.App
	win         fyne.Window
	e           *env
	errs        []error
	screens     []screen
	// setRoadmaps records the calls of e.setRoadmap.
	setRoadmaps []string
}

func newScreenRig(t *testing.T) *screenRig {
	t.Helper()
	r := &screenRig{
		t:    t,
		path: filepath.Join(t.TempDir(), "devpath.db"),
		now:  time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC),
		rm:   roadmap.Default(),
	}
	r.app = test.NewTempApp(t)
	r.win = test.NewTempWindow(t, widget.NewLabel(""))
	r.open()
	t.Cleanup(func() {
		if err := r.store.Close(); err != nil {
			t.Errorf("close the store: %v", err)
		}
	})
	r.e = &env{
		win:       r.win,
		app:       r.app,
		async:     runSync,
		changed:   r.reload,
		showError: func(err error) { r.errs = append(r.errs, err) },
		openItem:  func(string) {},
		show:      func(string) {},
		setRoadmap: func(rm *roadmap.Roadmap, path string) {
			r.setRoadmaps = append(r.setRoadmaps, path)
			if rm == nil {
				rm = roadmap.Default()
			}
			r.rm, r.roadmapPath = rm, path
			r.reload()
		},
		notify: func(string) {},
		today:  r.today,
	}
	return r
}

func (r *screenRig) open() {
	r.t.Helper()
	st, err := core.New(core.Config{DB: r.path, Now: func() time.Time { return r.now }}).Open()
	if err != nil {
		r.t.Fatalf("open the store: %v", err)
	}
	r.store = st
}

// reopen closes the store and opens the same file again.
func (r *screenRig) reopen() {
	r.t.Helper()
	if err := r.store.Close(); err != nil {
		r.t.Fatalf("close the store: %v", err)
	}
	r.open()
}

func (r *screenRig) today() time.Time {
	y, m, d := r.now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// snapshot loads what the screens show, as the shell does.
func (r *screenRig) snapshot() snapshot {
	r.t.Helper()
	prog, err := r.store.Progress()
	if err != nil {
		r.t.Fatalf("load progress: %v", err)
	}
	return snapshot{
		rm:          r.rm,
		progress:    prog,
		assess:      tracker.Assess(r.rm, prog, r.today()),
		today:       r.today(),
		dbPath:      r.store.Path(),
		readOnly:    r.store.ReadOnly(),
		roadmapPath: r.roadmapPath,
	}
}

// show puts a screen in the window at size and gives it a snapshot.
func (r *screenRig) show(s screen, size fyne.Size) {
	r.screens = append(r.screens, s)
	r.win.SetContent(s.content())
	r.win.Resize(size)
	s.update(r.snapshot())
}

func (r *screenRig) reload() {
	snap := r.snapshot()
	for _, s := range r.screens {
		s.update(snap)
	}
}

func (r *screenRig) noErrors() {
	r.t.Helper()
	for _, err := range r.errs {
		r.t.Errorf("unexpected error shown: %v", err)
	}
}

func (r *screenRig) setLevel(id string, l tracker.Level) {
	r.t.Helper()
	if err := r.store.SetLevel(id, l, time.Time{}); err != nil {
		r.t.Fatalf("set level of %s: %v", id, err)
	}
}

func (r *screenRig) profile() tracker.Profile {
	r.t.Helper()
	p, err := r.store.Profile()
	if err != nil {
		r.t.Fatalf("read the profile: %v", err)
	}
	return p
}

// shownTexts returns the texts on the window's canvas and its overlays
// (dialogs), one string per label or text object, skipping hidden ones.
func (r *screenRig) shownTexts() []string {
	c := r.win.Canvas()
	out := textsUnder(c.Content())
	for _, o := range c.Overlays().List() {
		out = append(out, textsUnder(o)...)
	}
	return out
}

// shows reports whether some text on the window contains want.
func (r *screenRig) shows(want string) bool {
	for _, s := range r.shownTexts() {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// textsUnder collects the texts of visible labels and canvas texts under o.
func textsUnder(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// failingProfileStore fails every save.
type failingProfileStore struct{ p tracker.Profile }

func (f *failingProfileStore) Profile() (tracker.Profile, error) { return f.p, nil }
func (f *failingProfileStore) SaveProfile(tracker.Profile) error {
	return errors.New("save the profile: disk full")
}

func cardOf(s *pathsScreen, id string) *branchCard {
	for _, c := range s.cards {
		if c.id == id {
			return c
		}
	}
	return nil
}

func TestPathsChoosingBranchSavesAndSurvivesReopen(t *testing.T) {
	r := newScreenRig(t)
	s := newPathsScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1280, 900))

	if got := s.branchSelect.Selected; got != pathsNone {
		t.Fatalf("branch choice on a new database = %q, want %q", got, pathsNone)
	}
	platform := r.rm.Branch("platform")
	s.branchSelect.SetSelected(platform.Title)
	r.noErrors()
	if got := r.profile().Branch; got != "platform" {
		t.Fatalf("saved branch = %q, want platform", got)
	}
	if c := cardOf(s, "platform"); c == nil || c.chosen.Text == "" {
		t.Errorf("the Platform card does not say it is the user's branch")
	}
	if c := cardOf(s, "sre"); c == nil || c.chosen.Text != "" {
		t.Errorf("the SRE card says it is the user's branch")
	}

	r.reopen()
	if got := r.profile().Branch; got != "platform" {
		t.Fatalf("branch after reopening the store = %q, want platform", got)
	}
	s2 := newPathsScreen(r.store, r.e)
	r.screens = nil
	r.show(s2, fyne.NewSize(1280, 900))
	if got := s2.branchSelect.Selected; got != platform.Title {
		t.Errorf("branch shown after reopening = %q, want %q", got, platform.Title)
	}

	// Back to none.
	s2.branchSelect.SetSelected(pathsNone)
	r.noErrors()
	if got := r.profile().Branch; got != "" {
		t.Errorf("branch after choosing none = %q, want empty", got)
	}
}

func TestPathsChoosingTrackAndRung(t *testing.T) {
	r := newScreenRig(t)
	s := newPathsScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1280, 900))
	if !s.rungSelect.Disabled() {
		t.Errorf("the rung choice is enabled with no track chosen")
	}

	mgmt := r.rm.Track(roadmap.TrackManagement)
	s.trackSelect.SetSelected(mgmt.Title)
	r.noErrors()
	if got := r.profile().Track; got != roadmap.TrackManagement {
		t.Fatalf("saved track = %q, want management", got)
	}
	if s.rungSelect.Disabled() {
		t.Fatalf("the rung choice stays disabled after choosing a track")
	}
	if len(s.rungSelect.Options) != len(mgmt.Levels)+1 {
		t.Fatalf("rung options = %q, want none plus the %d management levels", s.rungSelect.Options, len(mgmt.Levels))
	}
	s.rungSelect.SetSelected(mgmt.Levels[1].Title)
	r.noErrors()
	if got := r.profile().TrackLevel; got != mgmt.Levels[1].ID {
		t.Fatalf("saved rung = %q, want %q", got, mgmt.Levels[1].ID)
	}
	if !r.shows(mgmt.Levels[1].Title + " (you)") {
		t.Errorf("the management ladder does not mark %q as the user's rung", mgmt.Levels[1].Title)
	}

	// A new track drops the rung of the old one.
	ic := r.rm.Track(roadmap.TrackIC)
	s.trackSelect.SetSelected(ic.Title)
	r.noErrors()
	p := r.profile()
	if p.Track != roadmap.TrackIC || p.TrackLevel != "" {
		t.Errorf("after switching track: track %q rung %q, want ic and no rung", p.Track, p.TrackLevel)
	}
	if got := s.rungSelect.Selected; got != pathsRungNone {
		t.Errorf("rung shown after switching track = %q, want %q", got, pathsRungNone)
	}
}

func TestPathsFailedSaveRevertsTheChoice(t *testing.T) {
	r := newScreenRig(t)
	st := &failingProfileStore{p: tracker.Profile{Stage: "senior", Region: "uk", Branch: "sre"}}
	s := newPathsScreen(st, r.e)
	r.win.SetContent(s.content())
	snap := r.snapshot()
	snap.progress.Profile = st.p
	s.update(snap)

	sre := r.rm.Branch("sre").Title
	if s.branchSelect.Selected != sre {
		t.Fatalf("branch shown = %q, want %q", s.branchSelect.Selected, sre)
	}
	s.branchSelect.SetSelected(r.rm.Branch("ai-infra").Title)
	if len(r.errs) != 1 || !strings.Contains(r.errs[0].Error(), "disk full") {
		t.Fatalf("errors shown = %v, want the failed save", r.errs)
	}
	if s.branchSelect.Selected != sre {
		t.Errorf("after a failed save the branch shows %q, want it back to %q", s.branchSelect.Selected, sre)
	}
}

func TestPathsShowsCoverageClosestAndSalaries(t *testing.T) {
	r := newScreenRig(t)
	sre := r.rm.Branch("sre")
	for _, it := range sre.Items[:2] {
		r.setLevel(it.ID, tracker.Proficient)
	}
	s := newPathsScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1280, 900))

	c := cardOf(s, "sre")
	if c == nil {
		t.Fatal("no SRE card")
	}
	if want := 2.0 / float64(len(sre.Items)); c.coverage.Value < want-0.001 || c.coverage.Value > want+0.001 {
		t.Errorf("SRE coverage = %v, want %v", c.coverage.Value, want)
	}
	if got, want := c.coverage.TextFormatter(), "2 of "; !strings.HasPrefix(got, want) {
		t.Errorf("SRE coverage text = %q, want it to start %q", got, want)
	}
	if c.closest.Text == "" {
		t.Errorf("the SRE card, the only branch with items done, is not marked closest")
	}
	if other := cardOf(s, "platform"); other.closest.Text != "" {
		t.Errorf("the Platform card is marked closest with nothing done")
	}
	// The seed's SRE figures: UK £70,000 – £130,000, US $100,000 – $200,000.
	if got := c.home.Text; got != "UK £70,000 – £130,000" {
		t.Errorf("SRE salary in the user's region = %q", got)
	}
	if got := c.other.Text; got != "US $100,000 – $200,000" {
		t.Errorf("SRE salary in the other region = %q", got)
	}
	if got := textsUnder(c.ladder); !slices.Contains(got, "Staff SRE\n£110,000 – £130,000") {
		t.Errorf("SRE ladder = %q, want the Staff SRE rung with its salary", got)
	}
	// The IC ladder as a table: Staff Engineer £110,000 – £140,000, $170,000 – $220,000.
	for _, want := range []string{"Staff Engineer", "£110,000 – £140,000", "$170,000 – $220,000", "Multi-team influence", "£160,000 – £200,000+"} {
		if !r.shows(want) {
			t.Errorf("the Paths screen does not show %q", want)
		}
	}
	if d := r.rm.Decision; d == nil || !r.shows(d.Summary) {
		t.Errorf("the Paths screen does not explain the decision point")
	}

	// A user in the US sees US figures first.
	p := r.profile()
	p.Region = roadmap.RegionUS
	if err := r.store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r.reload()
	if got := c.home.Text; got != "US $100,000 – $200,000" {
		t.Errorf("SRE salary for a US user = %q", got)
	}
}

func TestPathsGolden(t *testing.T) {
	r := newScreenRig(t)
	if err := r.store.SaveProfile(tracker.Profile{
		Name: "Sam", Stage: "senior", Region: "uk", Branch: "sre", Track: roadmap.TrackIC,
		StageSince: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
	}); err != nil {
		t.Fatal(err)
	}
	for _, it := range r.rm.Branch("sre").Items[:3] {
		r.setLevel(it.ID, tracker.Proficient)
	}
	s := newPathsScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1280, 900))
	r.noErrors()
	test.AssertRendersToMarkup(t, "paths_senior_sre.xml", r.win.Canvas())
}

func TestSalaryText(t *testing.T) {
	uk := &roadmap.Band{Min: 70000, Max: 90000}
	cases := []struct {
		s      roadmap.Salary
		region string
		want   string
	}{
		{roadmap.Salary{UK: uk}, "uk", "£70,000 – £90,000"},
		{roadmap.Salary{UK: uk}, "us", "£70,000 – £90,000 (UK)"},
		{roadmap.Salary{US: &roadmap.Band{Min: 180000, Max: 260000, Open: true}}, "us", "$180,000 – $260,000+"},
		{roadmap.Salary{}, "uk", "no figure"},
	}
	for _, c := range cases {
		if got := salaryText(c.s, c.region); got != c.want {
			t.Errorf("salaryText(%+v, %s) = %q, want %q", c.s, c.region, got, c.want)
		}
	}
}

// pathsCardRows groups the branch cards by the row they are laid out in.
func pathsCardRows(s *pathsScreen) [][]*branchCard {
	var rows [][]*branchCard
	lastY := float32(-1)
	for _, c := range s.cards {
		y := c.objects[0].Position().Y
		if y != lastY {
			rows = append(rows, nil)
			lastY = y
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], c)
	}
	return rows
}

func TestPathsBranchCardsWrapAndLineUp(t *testing.T) {
	r := newScreenRig(t)
	s := newPathsScreen(r.store, r.e)
	r.show(s, fitSize)
	n := len(r.rm.Branches)
	if n != 4 {
		t.Fatalf("the roadmap has %d branches; the widths below assume 4", n)
	}
	// The screen's width in a window of 800, 1024 and 1920 px, less the
	// navigation bar.
	for _, c := range []struct {
		width float32
		cols  int
	}{{710, 2}, {934, 2}, {1000, 4}, {1830, 4}, {400, 1}} {
		size := fyne.NewSize(c.width, 600)
		fitResize(r.win, size)
		for _, b := range fitBeyondWidth(s.content()) {
			t.Errorf("at %v px: %s", c.width, b)
		}
		if min := r.win.Content().MinSize().Width; c.width >= 710 && min > c.width {
			t.Errorf("at %v px the screen needs %v", c.width, min)
		}
		rows := pathsCardRows(s)
		if len(rows) != (n+c.cols-1)/c.cols || len(rows[0]) != c.cols {
			t.Errorf("at %v px the cards are in %d rows of %d, want rows of %d", c.width, len(rows), len(rows[0]), c.cols)
			continue
		}
		for _, row := range rows {
			first := row[0]
			for _, card := range row[1:] {
				// Same height, and the pay lines start level, whatever
				// the lines of the titles.
				if card.objects[0].Size().Height != first.objects[0].Size().Height {
					t.Errorf("at %v px card %s is %v high, %s %v", c.width, card.id, card.objects[0].Size().Height, first.id, first.objects[0].Size().Height)
				}
				for j, o := range card.objects[1:] {
					if o.Visible() && first.objects[j+1].Visible() && o.Position().Y != first.objects[j+1].Position().Y {
						t.Errorf("at %v px section %d of %s is at y %v, of %s at %v", c.width, j, card.id, o.Position().Y, first.id, first.objects[j+1].Position().Y)
					}
				}
			}
		}
	}
	// At 1000 px "Site Reliability Engineering (SRE)" takes two lines and
	// "Platform Engineering" one: the check above that the pay lines up
	// mattered.
	fitResize(r.win, fyne.NewSize(1000, 600))
	sre, platform := s.cards[0], s.cards[1]
	if sre.title.MinSize().Height <= platform.title.MinSize().Height {
		t.Errorf("titles %v and %v high at 1000 px: the same number of lines", sre.title.MinSize(), platform.title.MinSize())
	}
}

func TestPathsBadgesTakeNoRoomWhenNone(t *testing.T) {
	r := newScreenRig(t)
	s := newPathsScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1830, 900))
	r.noErrors()
	pad := theme.Padding()
	for _, c := range s.cards {
		if c.badges.Visible() {
			t.Errorf("%s shows badges %q %q with no branch chosen and nothing done", c.id, c.chosen.Text, c.closest.Text)
		}
		if got, want := c.home.Position().Y, c.title.Position().Y+c.title.Size().Height+pad; got != want {
			t.Errorf("%s: pay at y %v, want right under the title at %v (no empty line)", c.id, got, want)
		}
	}
	p := r.profile()
	p.Branch = "platform"
	if err := r.store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r.reload()
	for _, c := range s.cards {
		if got := c.badges.Visible(); got != (c.id == "platform") {
			t.Errorf("%s: badges shown %v", c.id, got)
		}
		// The row keeps its sections level: every card leaves the badges'
		// line, as the chosen one has it.
		if c.home.Position().Y != s.cards[0].home.Position().Y {
			t.Errorf("%s: pay at y %v, first card's at %v", c.id, c.home.Position().Y, s.cards[0].home.Position().Y)
		}
	}
}

func TestPathsTabOrder(t *testing.T) {
	r := newScreenRig(t)
	s := newPathsScreen(r.store, r.e)
	r.show(s, fitSize)
	// The rung waits for a track.
	tabOrderAssert(t, r.win, s.branchSelect, s.trackSelect)
	p := r.profile()
	p.Track = roadmap.TrackIC
	if err := r.store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r.reload()
	tabOrderAssert(t, r.win, s.branchSelect, s.trackSelect, s.rungSelect)
}

// TestPathsShowsFacts checks that the facts of a rung, a track, a branch and
// the decision reach the screen, and that each appears once.
func TestPathsShowsFacts(t *testing.T) {
	r := newScreenRig(t)
	data, err := roadmap.Default().JSON()
	if err != nil {
		t.Fatal(err)
	}
	// A copy, so that the branch fact added here stays out of the shared
	// built-in roadmap.
	rm, err := roadmap.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	rm.Branches[1].Facts = []string{"A fact about " + rm.Branches[1].Title + " only."}
	r.rm = rm
	s := newPathsScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1024, 640))
	r.noErrors()

	principal := rm.Track(roadmap.TrackIC).Levels[2]
	if len(principal.Facts) == 0 {
		t.Fatalf("the built-in %s rung has no facts to show", principal.Title)
	}
	want := []string{
		principal.Title + ": " + principal.Facts[0],
		rm.Track(roadmap.TrackManagement).Facts[0],
		rm.Decision.Facts[0],
		rm.Branches[1].Facts[0],
	}
	texts := r.shownTexts()
	for _, w := range want {
		n := 0
		for _, s := range texts {
			n += strings.Count(s, w)
		}
		if n != 1 {
			t.Errorf("the Paths screen shows %q %d times, want once", w, n)
		}
	}
	if c := cardOf(s, rm.Branches[0].ID); c == nil {
		t.Fatalf("no card for %s", rm.Branches[0].ID)
	} else if f := c.objects[len(c.objects)-2]; f.Visible() {
		t.Errorf("the card of %s, which has no facts, shows a facts section", rm.Branches[0].Title)
	}
}
