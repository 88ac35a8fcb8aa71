package ui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// historyStore is what the History screen needs of the store: only what
// it shows, however long the log.
type historyStore interface {
	ReadinessHistory(rm *roadmap.Roadmap, today time.Time) (tracker.ReadinessSeries, error)
	RecentEvents(n int) (tracker.RecentChanges, error)
	CheckInHeads() ([]tracker.CheckIn, error)
	FindCheckIn(ref string) (tracker.CheckIn, error)
}

// historyChanges is how many of the newest changes the History screen
// lists.
const historyChanges = 200

// historyScreen shows readiness over time with the check-ins marked, the
// recent changes in words with the check-ins among them, the check-ins and
// the difference between any two of them.
type historyScreen struct {
	store historyStore
	e     *env

	snap snapshot
	// gen counts loads, so that a slow load finishing after a newer one
	// is dropped; diffGen does the same for the comparison.
	gen, diffGen int

	chart   *readinessChart
	summary *widget.Label
	// series is the readiness over time last read; haveSeries is set once
	// it has been.
	series     tracker.ReadinessSeries
	haveSeries bool

	// events is the end of the log, newest first; byID finds an event an
	// undo names, undone holds the ids of events that were undone.
	events     []tracker.Event
	total      int
	byID       map[int64]tracker.Event
	undone     map[int64]bool
	rows       []listRow // the changes and the check-ins among them
	changeList *wrapList
	moreNote   *widget.Label

	checkins    []tracker.CheckIn // newest first, without their states
	full        map[int64]tracker.CheckIn
	checkinList *wrapList
	// selecting is set while a check-in is chosen from code, so that the
	// lists' OnSelected do not choose it again.
	selecting bool

	fromSelect *widget.Select
	toSelect   *widget.Select
	// pickerRedraws counts the redraws of the pickers after theme
	// switches.
	pickerRedraws int
	diffScore     *widget.Label
	diffRows      []words.Line
	diffList      *wrapList

	root fyne.CanvasObject
}

// listRow is a row of the recent changes: an event, or a check-in (then
// event is nil and checkin its index in checkins).
type listRow struct {
	event   *tracker.Event
	checkin int
}

// newHistoryScreen builds the History screen; update loads and fills it.
func newHistoryScreen(store historyStore, e *env) *historyScreen {
	s := &historyScreen{store: store, e: e, full: map[int64]tracker.CheckIn{}}
	s.chart = newReadinessChart()
	s.chart.empty = "Reading your history…"
	s.chart.onMark = s.selectCheckInID
	s.summary = &widget.Label{Wrapping: fyne.TextWrapWord}

	s.changeList = newWrapList(func() int { return len(s.rows) }, 2, s.changeLines)
	s.changeList.OnSelected = func(i widget.ListItemID) {
		if i < 0 || i >= len(s.rows) || s.selecting {
			return
		}
		if row := s.rows[i]; row.event == nil {
			s.selectCheckIn(row.checkin)
		}
	}
	s.moreNote = &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	s.moreNote.Hide()
	s.checkinList = newWrapList(func() int { return len(s.checkins) }, 1,
		func(i int) [][]widget.RichTextSegment {
			return [][]widget.RichTextSegment{rowText(s.checkinText(s.checkins[i]))}
		})
	s.checkinList.minRows = 2
	s.checkinList.OnSelected = func(i widget.ListItemID) {
		if !s.selecting {
			s.selectCheckIn(i)
		}
	}
	s.diffList = newWrapList(func() int { return len(s.diffRows) }, 2,
		func(i int) [][]widget.RichTextSegment {
			return [][]widget.RichTextSegment{rowTitle(s.diffRows[i].Subject, ""), rowText(s.diffRows[i].Change)}
		})

	s.fromSelect = widget.NewSelect(nil, func(string) { s.showDiff() })
	s.fromSelect.PlaceHolder = "(earlier check-in)"
	s.toSelect = widget.NewSelect(nil, func(string) { s.showDiff() })
	s.toSelect.PlaceHolder = "(later check-in)"
	s.diffScore = &widget.Label{Wrapping: fyne.TextWrapWord}
	pickersOnThemeSwitch(e.app, s.refreshPickers)

	// The pickers come before the list they fill, also for Tab.
	compareTop := container.NewVBox(
		historyHeading("Compare two check-ins"),
		container.NewGridWithColumns(2, s.fromSelect, s.toSelect),
		s.diffScore,
	)
	compare := container.New(layout.NewBorderLayout(compareTop, nil, nil, nil), compareTop, s.diffList)
	split := container.NewVSplit(s.checkinList, compare)
	// Half each: at 1024×640 a third left the check-ins one clipped row.
	split.Offset = 0.5
	checkins := container.NewBorder(historyHeading("Check-ins"), nil, nil, nil, split)
	changes := container.NewBorder(historyHeading("Recent changes"), s.moreNote, nil, nil, s.changeList)
	top := container.NewVBox(historyHeading("Readiness for the next level over time"), s.summary)
	s.root = container.NewPadded(container.New(historyLayout{}, top, s.chart,
		container.NewGridWithColumns(2, changes, checkins)))
	return s
}

// content returns the screen's widgets.
func (s *historyScreen) content() fyne.CanvasObject { return s.root }

// refreshPickers draws the pickers' arrows again after a theme switch. An
// arrow is an image drawn once per theme; a switch made while the screen
// was hidden would otherwise leave the old theme's arrow, in a colour the
// new background hides. A new icon resource makes the image draw again.
func (s *historyScreen) refreshPickers() {
	s.pickerRedraws++
	redrawPickers(s.fromSelect, s.toSelect)
}

// update loads what the screen shows for a new snapshot off the UI
// goroutine, then shows it: the lists as soon as they are read, the chart
// when the replay of the log is done (the first replay of a long log takes
// a moment; later ones read only the new changes).
func (s *historyScreen) update(snap snapshot) {
	s.snap = snap
	s.gen++
	gen := s.gen
	var (
		recent   tracker.RecentChanges
		checkins []tracker.CheckIn
		series   tracker.ReadinessSeries
	)
	s.load(gen, func() error {
		var err error
		if recent, err = s.store.RecentEvents(historyChanges); err != nil {
			return fmt.Errorf("load the recent changes: %w", err)
		}
		if checkins, err = s.store.CheckInHeads(); err != nil {
			return fmt.Errorf("load the check-ins: %w", err)
		}
		return nil
	}, func() { s.show(recent, checkins) })
	s.load(gen, func() error {
		var err error
		if series, err = s.store.ReadinessHistory(snap.rm, snap.today); err != nil {
			return fmt.Errorf("load the history of readiness: %w", err)
		}
		return nil
	}, func() {
		s.series, s.haveSeries = series, true
		s.summary.SetText(historySummary(series))
		s.showChart()
	})
}

// load runs work off the UI goroutine, then show on it, unless a newer
// snapshot has been asked for meanwhile (gen is no longer the screen's) or
// work failed, which is shown instead.
func (s *historyScreen) load(gen int, work func() error, show func()) {
	s.e.async(work, func(err error) {
		if gen != s.gen {
			return
		}
		if err != nil {
			s.e.showError(err)
			return
		}
		show()
	})
}

// showChart draws the readiness over time with the check-ins marked.
func (s *historyScreen) showChart() {
	if !s.haveSeries {
		return
	}
	marks := make([]chartMark, len(s.checkins))
	for i, c := range s.checkins {
		// checkins is newest first; the chart takes the marks oldest first.
		marks[len(marks)-1-i] = chartMark{id: c.ID, at: c.At, score: c.Score, label: checkInMarkLabel(c)}
	}
	s.chart.empty = chartEmpty
	s.chart.plan = historyPlan(s.snap)
	s.chart.setData(s.series.Points, s.series.Steps, marks)
}

// historyPlan is what the chart draws of the plan: the target date, and
// the claimed score's forecast from today's score.
func historyPlan(snap snapshot) chartPlan {
	ps := snap.plan
	if ps == nil {
		return chartPlan{}
	}
	p := chartPlan{target: ps.Target}
	if f := ps.Claimed.Forecast; f != nil {
		p.today, p.from = snap.today, snap.assess.Readiness.Score
		p.ready = ps.Claimed.Pace.Ready
		if p.ready <= 0 && snap.rm != nil {
			p.ready = snap.rm.Readiness.Ready
		}
		p.earliest, p.likely, p.latest = f.Earliest, f.Likely, f.Latest
	}
	return p
}

// show puts the loaded changes and check-ins on screen. checkins come
// oldest first.
func (s *historyScreen) show(recent tracker.RecentChanges, checkins []tracker.CheckIn) {
	s.events, s.total, s.byID = recent.Events, recent.Total, recent.Named
	s.undone = undoneNow(s.events, s.byID)
	if s.total > len(s.events) {
		s.moreNote.SetText(fmt.Sprintf("The newest %d of %s changes. \"devpath history\" lists them all.", len(s.events), historyCount(s.total)))
		s.moreNote.Show()
	} else {
		s.moreNote.Hide()
	}

	prevFrom, prevTo := s.fromSelect.Selected, s.toSelect.Selected
	s.checkins = make([]tracker.CheckIn, len(checkins))
	names := make([]string, len(checkins))
	for i, c := range checkins {
		s.checkins[len(checkins)-1-i] = c
		names[len(checkins)-1-i] = pickerName(c)
	}
	s.full = map[int64]tracker.CheckIn{}
	s.rows = mergeChanges(s.events, s.checkins, s.total > len(s.events))
	s.changeList.UnselectAll()
	s.changeList.reload()
	s.checkinList.UnselectAll()
	s.checkinList.reload()

	s.showChart()

	// Keep the user's pair when both still exist, else compare the
	// latest check-in with the one before it (or show the only one).
	from, to := "", ""
	switch {
	case len(names) >= 2:
		from, to = names[1], names[0]
	case len(names) == 1:
		to = names[0] // what it holds
	}
	if slices.Contains(names, prevFrom) && slices.Contains(names, prevTo) {
		from, to = prevFrom, prevTo
	}
	// The chart marks the later check-in of the pair.
	var sel int64
	if i := slices.Index(names, to); i >= 0 {
		sel = s.checkins[i].ID
	}
	s.chart.setSelected(sel)
	s.setPair(names, from, to)
}

// undoneNow returns the ids of the changes that stand undone at the end of
// events (newest first), replaying the undos oldest first: a redo (an undo
// of an undo) brings its change back, so a redone change is not marked, and
// neither is the undo it reverted: the redo's own row says so.
func undoneNow(events []tracker.Event, byID map[int64]tracker.Event) map[int64]bool {
	undone := map[int64]bool{}
	for i := len(events) - 1; i >= 0; i-- {
		ev := events[i]
		if ev.Kind != tracker.EventUndo {
			continue
		}
		id, err := strconv.ParseInt(ev.Target, 10, 64)
		if err != nil {
			continue
		}
		if t, ok := byID[id]; ok && t.Kind == tracker.EventUndo {
			if orig, err := strconv.ParseInt(t.Target, 10, 64); err == nil {
				delete(undone, orig)
			}
			continue
		}
		undone[id] = true
	}
	return undone
}

// historySummary is the line above the chart.
func historySummary(series tracker.ReadinessSeries) string {
	points := series.Points
	n := len(points)
	if n == 0 {
		return ""
	}
	first, last := points[0], points[n-1]
	if len(series.Steps) > 1 {
		changes := len(series.Steps) - 1
		if changes == 1 {
			return fmt.Sprintf("Readiness %.1f on %s. The one change so far is from %s: the dot.",
				last.Score, last.At.Format("2006-01-02"), series.Steps[0].At.Format("2006-01-02"))
		}
		return fmt.Sprintf("Readiness %.1f on %s. All %d changes so far are from %s: each dot is one change.",
			last.Score, last.At.Format("2006-01-02"), changes, series.Steps[0].At.Format("2006-01-02"))
	}
	if n == 1 {
		return fmt.Sprintf("Readiness %.1f on %s.", last.Score, last.At.Format("2006-01-02"))
	}
	return fmt.Sprintf("Readiness %.1f on %s, from %.1f on %s.",
		last.Score, last.At.Format("2006-01-02"), first.Score, first.At.Format("2006-01-02"))
}

// mergeChanges puts the check-ins among the events, both newest first: a
// check-in goes before (above) the events older than it. When the list
// holds only the end of the log (partial), check-ins older than its oldest
// event are left out.
func mergeChanges(events []tracker.Event, checkins []tracker.CheckIn, partial bool) []listRow {
	rows := make([]listRow, 0, len(events)+len(checkins))
	c := 0
	for i := range events {
		for c < len(checkins) && !checkins[c].At.Before(events[i].At) {
			rows = append(rows, listRow{checkin: c})
			c++
		}
		rows = append(rows, listRow{event: &events[i]})
	}
	if !partial || len(events) == 0 {
		for ; c < len(checkins); c++ {
			rows = append(rows, listRow{checkin: c})
		}
	}
	return rows
}

// setPair offers names in both pickers and chooses from and to without
// running their OnChanged, then shows the comparison.
func (s *historyScreen) setPair(names []string, from, to string) {
	onFrom, onTo := s.fromSelect.OnChanged, s.toSelect.OnChanged
	s.fromSelect.OnChanged, s.toSelect.OnChanged = nil, nil
	if names != nil {
		s.fromSelect.SetOptions(names)
		s.toSelect.SetOptions(names)
	}
	s.fromSelect.Selected, s.toSelect.Selected = from, to
	s.fromSelect.Refresh()
	s.toSelect.Refresh()
	s.fromSelect.OnChanged, s.toSelect.OnChanged = onFrom, onTo
	s.showDiff()
}

// selectCheckInID chooses the check-in with the given id (a mark on the
// chart was tapped).
func (s *historyScreen) selectCheckInID(id int64) {
	for i, c := range s.checkins {
		if c.ID == id {
			s.selectCheckIn(i)
			return
		}
	}
}

// selectCheckIn chooses check-in i (newest first) in the lists, marks it on
// the chart and compares it with the check-in before it; the oldest one
// shows what it holds.
func (s *historyScreen) selectCheckIn(i int) {
	if i < 0 || i >= len(s.checkins) {
		return
	}
	s.selecting = true
	s.checkinList.Select(i)
	s.checkinList.ScrollTo(i)
	for r, row := range s.rows {
		if row.event == nil && row.checkin == i {
			s.changeList.Select(r)
			s.changeList.ScrollTo(r)
		}
	}
	s.selecting = false
	s.chart.setSelected(s.checkins[i].ID)
	from := ""
	if i+1 < len(s.checkins) {
		from = pickerName(s.checkins[i+1])
	}
	s.setPair(nil, from, pickerName(s.checkins[i]))
}

// showDiff lists what changed between the two chosen check-ins, or, with
// only the later one chosen, what it holds. Their states are read off the
// UI goroutine the first time.
func (s *historyScreen) showDiff() {
	s.diffGen++
	gen := s.diffGen
	s.diffRows = nil
	s.diffList.reload()
	if len(s.checkins) == 0 {
		s.diffScore.SetText("Check in at least twice (on the Dashboard) to compare two check-ins.")
		return
	}
	i, j := s.fromSelect.SelectedIndex(), s.toSelect.SelectedIndex()
	if j < 0 {
		s.diffScore.SetText("Choose two check-ins to compare.")
		return
	}
	var want []tracker.CheckIn
	if i >= 0 {
		want = append(want, s.checkins[i])
	}
	want = append(want, s.checkins[j])
	var loaded []tracker.CheckIn
	s.e.async(func() error {
		for _, c := range want {
			if full, ok := s.full[c.ID]; ok {
				loaded = append(loaded, full)
				continue
			}
			full, err := s.store.FindCheckIn(strconv.FormatInt(c.ID, 10))
			if err != nil {
				return fmt.Errorf("read check-in %s: %w", checkInName(c), err)
			}
			loaded = append(loaded, full)
		}
		return nil
	}, func(err error) {
		if gen != s.diffGen {
			return
		}
		if err != nil {
			s.e.showError(err)
			return
		}
		for _, c := range loaded {
			s.full[c.ID] = c
		}
		if len(loaded) == 1 {
			s.showHolds(loaded[0])
			return
		}
		s.showPair(loaded[0], loaded[1])
	})
}

// showHolds lists what one check-in holds.
func (s *historyScreen) showHolds(c tracker.CheckIn) {
	ids := slices.Sorted(maps.Keys(c.Items))
	text := fmt.Sprintf("%s: %s, readiness %.1f (%s), %d entries recorded.", checkInName(c), words.StageName(s.snap.rm, c.Stage), c.Score, words.Verdict(c.Verdict), len(ids))
	switch oldest := len(s.checkins) > 0 && s.checkins[len(s.checkins)-1].ID == c.ID; {
	case len(s.checkins) < 2:
		text += " Check in again (on the Dashboard) to compare two check-ins."
	case oldest:
		text += " It is the first check-in; choose a later one to compare."
	default:
		text += " Choose an earlier check-in to compare."
	}
	s.diffScore.SetText(text)
	s.diffRows = nil
	for _, id := range ids {
		s.diffRows = append(s.diffRows, words.Line{
			Subject: words.EntryName(s.snap.rm, id), Change: words.State(words.EntryKind(s.snap.rm, id), c.Items[id])})
	}
	s.diffList.reload()
}

// showPair lists what changed from check-in a to check-in b.
func (s *historyScreen) showPair(a, b tracker.CheckIn) {
	text := fmt.Sprintf("%s ⟶ %s: readiness %.1f ⟶ %.1f (%+.1f).", checkInName(a), checkInName(b), a.Score, b.Score, b.Score-a.Score)
	if a.Stage != b.Stage {
		text += fmt.Sprintf(" Stage %s ⟶ %s.", words.StageName(s.snap.rm, a.Stage), words.StageName(s.snap.rm, b.Stage))
	}
	changes := tracker.DiffCheckIns(a, b)
	roadmapLines := words.RoadmapDiff(tracker.DiffRoadmaps(a, b))
	if len(roadmapLines) > 0 {
		text += " They were made under different roadmaps."
	}
	switch len(changes) {
	case 0:
		text += " No item changed."
	case 1:
		text += " 1 item changed:"
	default:
		text += fmt.Sprintf(" %d items changed:", len(changes))
	}
	s.diffScore.SetText(text)
	s.diffRows = append([]words.Line(nil), roadmapLines...)
	for _, c := range changes {
		kind := words.EntryKind(s.snap.rm, c.ID)
		s.diffRows = append(s.diffRows, words.Line{
			Subject: words.EntryName(s.snap.rm, c.ID), Change: words.State(kind, c.From) + words.Arrow + words.State(kind, c.To)})
	}
	s.diffList.reload()
}

// changeLines is row i of the recent changes: what changed, in bold, and
// how it changed under it, both in full.
func (s *historyScreen) changeLines(i int) [][]widget.RichTextSegment {
	subject, change, colour := s.changeRow(i)
	return [][]widget.RichTextSegment{rowTitle(subject, colour), rowText(change)}
}

// changeRow is the text of row i of the recent changes, and the colour of
// its first line (a check-in stands out).
func (s *historyScreen) changeRow(i int) (subject, change string, colour fyne.ThemeColorName) {
	row := s.rows[i]
	if row.event == nil {
		c := s.checkins[row.checkin]
		return c.At.Format("2006-01-02") + " · Check-in " + checkInName(c),
			fmt.Sprintf("readiness %.1f (%s) · select to compare", c.Score, words.Verdict(c.Verdict)), rowPrimary
	}
	ev := *row.event
	l := words.Event(s.snap.rm, ev, s.byID)
	if s.undone[ev.ID] {
		l.Change += " (undone)"
	}
	return ev.At.Format("2006-01-02") + " · " + l.Subject, l.Change, ""
}

func (s *historyScreen) checkinText(c tracker.CheckIn) string {
	return fmt.Sprintf("%s · %s · %.1f (%s)", checkInName(c), words.StageName(s.snap.rm, c.Stage), c.Score, words.Verdict(c.Verdict))
}

// historyCount writes n with commas between historyCount: 100,000.
func historyCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// checkInMarkLabel is a check-in's mark on the chart: its label, short.
func checkInMarkLabel(c tracker.CheckIn) string {
	l := c.Label
	if l == "" {
		l = "#" + strconv.FormatInt(c.ID, 10)
	}
	if r := []rune(l); len(r) > 14 {
		l = string(r[:13]) + "…"
	}
	return l
}

// historyHeading is a section heading of the History screen.
func historyHeading(text string) fyne.CanvasObject {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

// pickerName names a check-in in the compare pickers: "#3 Q4 review",
// short enough for half the screen's width; the comparison under them
// gives the dates.
func pickerName(c tracker.CheckIn) string {
	name := "#" + strconv.FormatInt(c.ID, 10)
	if c.Label != "" {
		name += " " + c.Label
	}
	return name
}

// checkInName names a check-in in a list: "#3 Q4 review (2026-11-20)".
func checkInName(c tracker.CheckIn) string {
	name := "#" + strconv.FormatInt(c.ID, 10)
	if c.Label != "" {
		name += " " + c.Label
	}
	return name + " (" + c.At.Format("2006-01-02") + ")"
}
