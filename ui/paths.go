package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// pathsStore is what the Paths screen needs of the store: it reads the
// latest profile and saves it with the branch or track changed.
type pathsStore interface {
	Profile() (tracker.Profile, error)
	SaveProfile(p tracker.Profile) error
}

// Options of the branch, track and rung choices meaning "nothing chosen".
const (
	pathsNone     = "None"
	pathsRungNone = "Not set"
)

// pathsScreen shows the specialisation branches, the three career ladders
// and the decision at Senior, and lets the user choose a branch and a track.
type pathsScreen struct {
	store pathsStore
	e     *env

	snap snapshot
	rm   *roadmap.Roadmap // the roadmap the widgets were built for
	// filling is set while update sets the choices, so that their
	// OnChanged handlers do not save what was only shown.
	filling bool

	decisionTitle *widget.Label
	decisionText  *widget.Label
	decisionBox   *fyne.Container

	branchSelect *widget.Select
	trackSelect  *widget.Select
	rungSelect   *widget.Select
	choiceNote   *widget.Label

	cards    []*branchCard
	cardGrid *fyne.Container
	ladders  *fyne.Container
	root     fyne.CanvasObject
}

// branchCard holds the widgets of one branch that change with the snapshot.
type branchCard struct {
	id       string
	title    *widget.Label
	badges   *fyne.Container // chosen and closest; hidden when neither
	home     *widget.Label   // salary in the user's region
	other    *widget.Label   // salary in the other region
	ladder   *fyne.Container // one label per rung
	coverage *shareBar
	closest  *widget.Label
	chosen   *widget.Label
	// objects are the card's background and sections, in the order
	// cardGrid lines them up (branchSections of them).
	objects []fyne.CanvasObject
}

// branchSections is the number of sections of a branch card: title,
// badges, pay in each region, coverage, summary, suits, facts and ladder.
const branchSections = 9

// branchCardWidth is the narrowest a branch card gets.
const branchCardWidth = 230

// newPathsScreen builds the Paths screen; update fills it.
func newPathsScreen(store pathsStore, e *env) *pathsScreen {
	s := &pathsScreen{store: store, e: e}
	s.decisionTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	s.decisionText = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.decisionBox = container.NewVBox(s.decisionTitle, s.decisionText)

	s.branchSelect = widget.NewSelect(nil, s.onBranch)
	s.trackSelect = widget.NewSelect(nil, s.onTrack)
	s.rungSelect = widget.NewSelect(nil, s.onRung)
	s.choiceNote = &widget.Label{Wrapping: fyne.TextWrapWord}
	// See redrawPickers: the arrows would vanish after a theme switch made
	// on another screen.
	pickersOnThemeSwitch(e.app, func() { redrawPickers(s.branchSelect, s.trackSelect, s.rungSelect) })
	labelled := func(label string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(&widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}}, o)
	}
	choice := container.New(&dashFlow{minCell: 200, maxCols: 3},
		labelled("Branch", s.branchSelect),
		labelled("Track", s.trackSelect),
		labelled("Your rung on the track", s.rungSelect),
	)

	s.cardGrid = container.New(&cardGrid{sections: branchSections, minCell: branchCardWidth, maxCols: 4})
	s.ladders = container.NewVBox()
	s.root = container.NewVScroll(container.NewPadded(container.NewVBox(
		s.decisionBox,
		newCard("", "Your path", container.NewVBox(choice, s.choiceNote)),
		pathsHeading("Specialisation branches"),
		s.cardGrid,
		pathsHeading("Career ladders"),
		s.ladders,
	)))
	return s
}

// content returns the screen's widgets.
func (s *pathsScreen) content() fyne.CanvasObject { return s.root }

// update shows a new snapshot.
func (s *pathsScreen) update(snap snapshot) {
	s.snap = snap
	if snap.rm != s.rm {
		s.rm = snap.rm
		s.build()
	}
	s.fill()
}

// build makes the widgets that depend only on the roadmap.
func (s *pathsScreen) build() {
	rm := s.rm
	if d := rm.Decision; d != nil {
		title := "The decision point"
		if st := rm.Stage(d.Stage); st != nil {
			title = "The decision at " + st.Title
		}
		s.decisionTitle.SetText(title)
		text := d.Summary
		for _, o := range d.Options {
			text += "\n• " + o
		}
		if len(d.Facts) > 0 {
			text += "\n\n" + strings.Join(d.Facts, "\n")
		}
		s.decisionText.SetText(text)
		s.decisionBox.Show()
	} else {
		s.decisionBox.Hide()
	}

	opts := []string{pathsNone}
	for _, b := range rm.Branches {
		opts = append(opts, b.Title)
	}
	s.branchSelect.SetOptions(opts)
	opts = []string{pathsNone}
	for _, t := range rm.Tracks {
		opts = append(opts, t.Title)
	}
	s.trackSelect.SetOptions(opts)

	var notes []string
	for _, st := range rm.Stages {
		if st.BranchSkills {
			notes = append(notes, "The items of your branch count as a skill group of "+st.Title+".")
		}
	}
	notes = append(notes, "Your choice is saved at once.")
	s.choiceNote.SetText(strings.Join(notes, " "))

	s.cards = s.cards[:0]
	s.cardGrid.RemoveAll()
	for _, b := range rm.Branches {
		c := newBranchCard(b)
		s.cards = append(s.cards, c)
		for _, o := range c.objects {
			s.cardGrid.Add(o)
		}
	}
	s.cardGrid.Refresh()
}

func newBranchCard(b roadmap.Branch) *branchCard {
	c := &branchCard{
		id:       b.ID,
		title:    &widget.Label{Text: b.Title, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameSubHeadingText},
		home:     &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		other:    &widget.Label{Wrapping: fyne.TextWrapWord},
		ladder:   container.NewVBox(),
		coverage: newShareBar(1),
		closest:  &widget.Label{Importance: widget.SuccessImportance, TextStyle: fyne.TextStyle{Bold: true}},
		chosen:   &widget.Label{Importance: widget.HighImportance, TextStyle: fyne.TextStyle{Bold: true}},
	}
	c.badges = container.NewHBox(c.chosen, c.closest)
	c.badges.Hide()
	text := func(t string) fyne.CanvasObject {
		l := &widget.Label{Text: t, Wrapping: fyne.TextWrapWord}
		if t == "" {
			l.Hide()
		}
		return l
	}
	suits := ""
	if b.Suits != "" {
		suits = "Suits: " + b.Suits
	}
	c.objects = []fyne.CanvasObject{
		cardBackground(),
		c.title,
		c.badges,
		c.home,
		c.other,
		container.NewVBox(&widget.Label{Text: "Your coverage of its work", TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}, c.coverage),
		text(b.Summary),
		text(suits),
		text(factsText(b.Facts)),
		container.NewVBox(&widget.Label{Text: "Ladder", TextStyle: fyne.TextStyle{Bold: true}}, c.ladder),
	}
	return c
}

// fill shows the snapshot's profile and assessment in the built widgets.
func (s *pathsScreen) fill() {
	snap := s.snap
	prof := snap.progress.Profile
	region := pathsRegion(prof.Region)
	other := roadmap.RegionUS
	if region == roadmap.RegionUS {
		other = roadmap.RegionUK
	}

	s.showChoice()

	for i, c := range s.cards {
		b := s.rm.Branches[i]
		c.home.SetText(regionName(region) + " " + formatBand(b.Salary.Band(region), region))
		c.other.SetText(regionName(other) + " " + formatBand(b.Salary.Band(other), other))
		c.ladder.RemoveAll()
		for _, r := range b.Ladder {
			c.ladder.Add(&widget.Label{Text: r.Title + "\n" + salaryText(r.Salary, region), Wrapping: fyne.TextWrapWord})
		}
		cov := findCoverage(snap.assess.Branches, b.ID)
		done, total := cov.Done, cov.Total
		c.coverage.TextFormatter = func() string { return fmt.Sprintf("%d of %d done", done, total) }
		c.coverage.SetValue(cov.Share)
		// A badge that does not apply takes no room; when neither does in
		// any card of a row, the row has no line for them.
		showBadge(c.closest, snap.assess.Closest == b.ID, "Closest to you")
		showBadge(c.chosen, prof.Branch == b.ID, "Your branch")
		if c.closest.Visible() || c.chosen.Visible() {
			c.badges.Show()
		} else {
			c.badges.Hide()
		}
	}
	s.cardGrid.Refresh()

	s.ladders.RemoveAll()
	for _, t := range s.rm.Tracks {
		s.ladders.Add(s.ladderTable(t, prof))
	}
	s.ladders.Refresh()
}

// showChoice sets the three choices from the snapshot's profile without
// saving anything.
func (s *pathsScreen) showChoice() {
	s.filling = true
	defer func() { s.filling = false }()
	prof := s.snap.progress.Profile

	s.branchSelect.SetSelected(pathsNone)
	if b := s.rm.Branch(prof.Branch); b != nil {
		s.branchSelect.SetSelected(b.Title)
	}
	s.trackSelect.SetSelected(pathsNone)
	t := s.rm.Track(prof.Track)
	if t != nil {
		s.trackSelect.SetSelected(t.Title)
	}
	s.showRungs(t, prof.TrackLevel)

	for _, w := range []fyne.Disableable{s.branchSelect, s.trackSelect, s.rungSelect} {
		if s.snap.readOnly {
			w.Disable()
		} else if w != s.rungSelect || t != nil {
			w.Enable()
		}
	}
}

// showRungs offers the levels of track t and selects the one with id rung.
func (s *pathsScreen) showRungs(t *roadmap.Track, rung string) {
	opts := []string{pathsRungNone}
	sel := pathsRungNone
	if t != nil {
		for _, l := range t.Levels {
			opts = append(opts, l.Title)
			if l.ID == rung {
				sel = l.Title
			}
		}
	}
	s.rungSelect.SetOptions(opts)
	s.rungSelect.SetSelected(sel)
	if t == nil {
		s.rungSelect.Disable()
	}
}

// ladderTable is one track as a table: level, UK salary, US salary, scope.
// The row of the user's rung is marked.
func (s *pathsScreen) ladderTable(t roadmap.Track, prof tracker.Profile) fyne.CanvasObject {
	head := func(text string) fyne.CanvasObject {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
	}
	grid := container.New(&ladderTable{cols: 4}, head("Level"), head("UK salary"), head("US salary"), head("Scope"))
	for _, l := range t.Levels {
		mine := prof.Track == t.ID && (prof.TrackLevel == l.ID || prof.TrackLevel == "" && l.Stage != "" && l.Stage == prof.Stage)
		title := l.Title
		if mine {
			title += " (you)"
		}
		style := fyne.TextStyle{Bold: mine}
		cell := func(text string) fyne.CanvasObject {
			return &widget.Label{Text: text, TextStyle: style, Wrapping: fyne.TextWrapWord}
		}
		grid.Add(cell(title))
		grid.Add(cell(formatBand(l.Salary.UK, roadmap.RegionUK)))
		grid.Add(cell(formatBand(l.Salary.US, roadmap.RegionUS)))
		grid.Add(cell(l.Scope))
	}
	title := t.Title
	if prof.Track == t.ID {
		title += " (your track)"
	}
	box := container.NewVBox(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText})
	if t.Summary != "" {
		box.Add(&widget.Label{Text: t.Summary, Wrapping: fyne.TextWrapWord})
	}
	if len(t.Facts) > 0 {
		box.Add(&widget.Label{Text: factsText(t.Facts), Wrapping: fyne.TextWrapWord})
	}
	box.Add(grid)
	// A rung's facts go under the table, named by the rung: in a cell of
	// the table they would squeeze the columns of every other rung.
	for _, l := range t.Levels {
		if len(l.Facts) > 0 {
			box.Add(&widget.Label{Text: l.Title + ": " + strings.Join(l.Facts, " "), Wrapping: fyne.TextWrapWord})
		}
	}
	return newCard("", "", box)
}

// factsText writes facts one a line, each after a bullet; "" when there are
// none.
func factsText(fs []string) string {
	if len(fs) == 0 {
		return ""
	}
	return "• " + strings.Join(fs, "\n• ")
}

func (s *pathsScreen) onBranch(string) {
	if s.filling || s.rm == nil {
		return
	}
	id := ""
	if i := s.branchSelect.SelectedIndex() - 1; i >= 0 && i < len(s.rm.Branches) {
		id = s.rm.Branches[i].ID
	}
	if id == s.snap.progress.Profile.Branch {
		return
	}
	s.save("branch", func(p *tracker.Profile) { p.Branch = id })
}

func (s *pathsScreen) onTrack(string) {
	if s.filling || s.rm == nil {
		return
	}
	var t *roadmap.Track
	if i := s.trackSelect.SelectedIndex() - 1; i >= 0 && i < len(s.rm.Tracks) {
		t = &s.rm.Tracks[i]
	}
	id := ""
	if t != nil {
		id = t.ID
	}
	if id == s.snap.progress.Profile.Track {
		return
	}
	s.filling = true
	s.showRungs(t, "")
	if t != nil {
		s.rungSelect.Enable()
	}
	s.filling = false
	s.save("track", func(p *tracker.Profile) {
		if p.Track != id {
			p.TrackLevel = ""
		}
		p.Track = id
	})
}

func (s *pathsScreen) onRung(string) {
	if s.filling || s.rm == nil {
		return
	}
	t := s.rm.Track(s.snap.progress.Profile.Track)
	if t == nil {
		return
	}
	id := ""
	if i := s.rungSelect.SelectedIndex() - 1; i >= 0 && i < len(t.Levels) {
		id = t.Levels[i].ID
	}
	if id == s.snap.progress.Profile.TrackLevel {
		return
	}
	trackID := t.ID
	s.save("rung", func(p *tracker.Profile) {
		p.Track = trackID
		p.TrackLevel = id
	})
}

// save changes the stored profile off the UI goroutine. It starts from the
// latest stored profile rather than the snapshot's, so that a change made
// elsewhere in the meantime is not overwritten. On failure the choices go
// back to what the snapshot says.
func (s *pathsScreen) save(what string, change func(p *tracker.Profile)) {
	s.e.async(func() error {
		p, err := s.store.Profile()
		if err != nil {
			return fmt.Errorf("save your %s: %w", what, err)
		}
		change(&p)
		if err := s.store.SaveProfile(p); err != nil {
			return fmt.Errorf("save your %s: %w", what, err)
		}
		return nil
	}, func(err error) {
		if err != nil {
			s.showChoice()
			s.e.showError(err)
			return
		}
		s.e.changed()
	})
}

// showBadge shows a badge with its text when on is set, else hides it.
func showBadge(l *widget.Label, on bool, text string) {
	if on {
		l.SetText(text)
		l.Show()
		return
	}
	l.SetText("")
	l.Hide()
}

// pathsHeading is a section heading of the Paths screen.
func pathsHeading(text string) fyne.CanvasObject {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
}

// pathsRegion returns region when it is one the roadmap knows, else "uk".
func pathsRegion(region string) string {
	if region == roadmap.RegionUS {
		return roadmap.RegionUS
	}
	return roadmap.RegionUK
}

// regionName is a region as the user reads it: "UK" or "US".
func regionName(region string) string { return words.Region(region) }

// findCoverage returns the coverage of branch id, or a zero one.
func findCoverage(cs []tracker.BranchCoverage, id string) tracker.BranchCoverage {
	for _, c := range cs {
		if c.ID == id {
			return c
		}
	}
	return tracker.BranchCoverage{ID: id}
}

// salaryText is a salary in region, or, when the roadmap gives none there,
// in the other region, named.
func salaryText(s roadmap.Salary, region string) string {
	if b := s.Band(region); b != nil {
		return formatBand(b, region)
	}
	for _, r := range []string{roadmap.RegionUK, roadmap.RegionUS} {
		if b := s.Band(r); b != nil {
			return formatBand(b, r) + " (" + regionName(r) + ")"
		}
	}
	return "no figure"
}
