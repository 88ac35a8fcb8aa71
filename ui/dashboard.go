package ui

import (
	"fmt"
	"strings"
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

// checkInStore is what the Dashboard needs of the store.
type checkInStore interface {
	CheckInNow(label string, rm *roadmap.Roadmap, today time.Time) (tracker.CheckIn, error)
}

// maxActions is how many next best actions the Dashboard lists.
const maxActions = 5

// maxEvidenceActions is how many "add evidence for X" actions it lists: a
// short second list, so that the page still fits a small window.
const maxEvidenceActions = 3

// everyClaimEvidenced is what the Dashboard says when the evidenced score
// has nothing to add and something is claimed.
const everyClaimEvidenced = words.EveryClaimEvidenced

// findEvidenceText is the text of the button that opens the git scan.
const findEvidenceText = "Find evidence in git…"

// dashboardColumn is the narrowest a column of the Dashboard gets: a window
// narrower than two of them shows the cards in one column.
const dashboardColumn = 380

// dashboard is the Dashboard screen: where the user stands, how ready they
// are for the next level and why, what to do next, and a check-in.
type dashboard struct {
	env   *env
	store checkInStore

	snap snapshot
	have bool

	stageTitle *widget.Label
	stageLine  *widget.Label
	nextLine   *widget.Label
	score      *widget.Label
	verdict    *widget.Label
	bar        *shareBar
	parts      [4]*widget.Label
	partBars   [4]*shareBar
	counts     *widget.Label
	actions    [maxActions]*actionRow
	noActions  *widget.Label
	timeline   *widget.Label
	warning    *widget.Label
	hints      *widget.Label
	checkIn    *widget.Button
	// askReview opens "Ask for a review…" (set by the shell).
	askReview     *widget.Button
	requestReview func()
	// The evidenced score, beside the claimed one; evHead and evBox hold
	// it and are hidden when the roadmap turns evidence off.
	evHead    *fyne.Container
	evBox     *fyne.Container
	evScore   *widget.Label
	evVerdict *widget.Label
	evBar     *shareBar
	evGap     *widget.Label
	// findEvidence opens the git scan.
	findEvidence *widget.Button
	// evCard lists the evidence that would raise the evidenced score most.
	evCard    *card
	evActions [maxEvidenceActions]*actionRow
	evNone    *widget.Label
	// openEvidence opens an entry's evidence dialog and scanEvidence the
	// git scan; the shell sets both.
	openEvidence func(id string)
	scanEvidence func()
	// checkInDialog asks for a check-in's label; built on the first one.
	checkInDialog *checkInDialog
	// plan is the Plan card and due the Due card; both hide for a store
	// without a plan.
	plan *planCard
	due  *dueCard
	body *fyne.Container
	root fyne.CanvasObject
}

// actionRow is one next best action: its gain and a button that opens the
// entry in the Roadmap screen. The button has no text of its own: the
// entry's full title is a wrapping label drawn over it, so that a long title
// takes more lines rather than being cut; taps pass through the label to the
// button, which also takes the keyboard focus.
type actionRow struct {
	gain   *widget.Label
	button *widget.Button
	text   *widget.Label
	row    *fyne.Container
	id     string
}

// show shows or hides the action.
func (a *actionRow) show(on bool) {
	if on {
		a.gain.Show()
		a.row.Show()
	} else {
		a.gain.Hide()
		a.row.Hide()
	}
}

// clear hides the action and forgets its entry.
func (a *actionRow) clear() {
	a.show(false)
	a.id = ""
}

// newActionBox fills rows with new action rows that call open, and lays
// them out. A form layout keeps the gains in one column and the buttons in
// another, whatever the width of each gain.
func newActionBox(rows []*actionRow, open func(*actionRow)) *fyne.Container {
	box := container.New(layout.NewFormLayout())
	for i := range rows {
		rows[i] = newActionRow(open)
		box.Add(rows[i].gain)
		box.Add(rows[i].row)
	}
	return box
}

// newActionRow makes a hidden action row that calls open when pressed.
func newActionRow(open func(*actionRow)) *actionRow {
	a := &actionRow{gain: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.SuccessImportance}}
	a.button = &widget.Button{OnTapped: func() { open(a) }}
	a.button.ExtendBaseWidget(a.button)
	a.text = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	a.row = container.NewStack(a.button, container.NewBorder(nil, nil, nil, newThemeIcon(theme.NavigateNextIcon()), a.text))
	a.gain.Alignment = fyne.TextAlignTrailing
	a.gain.Hide()
	a.row.Hide()
	return a
}

// newDashboard builds the Dashboard; it shows nothing until its first
// update.
func newDashboard(st checkInStore, e *env) *dashboard {
	d := &dashboard{env: e, store: st}
	d.stageTitle = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	d.stageLine = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.nextLine = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.score = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	d.verdict = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.bar = newShareBar(100)
	d.bar.TextFormatter = func() string { return fmt.Sprintf("%.1f of 100", d.bar.Value) }
	grid := container.New(layout.NewFormLayout())
	for i := range d.parts {
		d.parts[i] = &widget.Label{}
		b := newShareBar(1)
		d.partBars[i] = b
		grid.Add(d.parts[i])
		grid.Add(b)
	}
	d.counts = &widget.Label{Wrapping: fyne.TextWrapWord}

	actionBox := newActionBox(d.actions[:], d.openAction)
	evActionBox := newActionBox(d.evActions[:], d.openEvidenceAction)
	d.evNone = &widget.Label{Text: everyClaimEvidenced, Wrapping: fyne.TextWrapWord}
	d.evNone.Hide()

	d.evScore = &widget.Label{SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}
	d.evVerdict = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.evBar = newShareBar(100)
	d.evBar.TextFormatter = func() string { return fmt.Sprintf("%.1f of 100 evidenced", d.evBar.Value) }
	d.evGap = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.findEvidence = &widget.Button{Text: findEvidenceText, Icon: theme.SearchIcon(), OnTapped: func() {
		if d.scanEvidence != nil {
			d.scanEvidence()
		}
	}}
	d.findEvidence.ExtendBaseWidget(d.findEvidence)
	d.noActions = &widget.Label{Text: "Nothing left to do at this stage: everything that counts is done.", Wrapping: fyne.TextWrapWord}
	d.noActions.Hide()

	d.timeline = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.warning = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	d.warning.Hide()
	d.hints = &widget.Label{Wrapping: fyne.TextWrapWord}
	d.checkIn = &widget.Button{Text: checkInText, Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: d.askCheckIn}
	d.checkIn.ExtendBaseWidget(d.checkIn)
	checkInNote := &widget.Label{Text: "A check-in saves today's levels and score under a label, for a review with your manager.", Wrapping: fyne.TextWrapWord}

	where := newCard("", "", container.NewVBox(d.stageTitle, d.stageLine, d.nextLine))
	// Each score is named beside its number: the claimed one counts what
	// the user ticked, the evidenced one only what evidence backs.
	scoreName := func(name string) fyne.CanvasObject {
		// Centred on the number's height.
		return container.NewVBox(layout.NewSpacer(), &widget.Label{Text: name, TextStyle: fyne.TextStyle{Bold: true}}, layout.NewSpacer())
	}
	// The two scores side by side, with the claimed one's verdict below
	// and its large bar; then the evidenced one's bar, its verdict, what
	// keeps it lower, and the way to find evidence.
	d.evHead = container.NewBorder(nil, nil, d.evScore, nil, scoreName("Evidenced score"))
	d.evHead.Hide()
	d.evBox = container.NewVBox(
		d.evBar,
		container.NewBorder(nil, nil, nil, container.NewVBox(d.findEvidence), container.NewVBox(d.evVerdict, d.evGap)),
	)
	d.evBox.Hide()
	ready := newCard("Readiness for the next level", "", container.NewVBox(
		container.NewGridWithColumns(2, container.NewBorder(nil, nil, d.score, nil, scoreName("Claimed score")), d.evHead),
		d.verdict,
		container.New(&tallLayout{height: 44}, d.bar),
		d.evBox,
		grid,
		d.counts,
	))
	next := newCard("Next best actions", "What would raise your claimed score most", container.NewVBox(actionBox, d.noActions))
	d.evCard = newCard("Evidence to add", "What would raise your evidenced score most", container.NewVBox(evActionBox, d.evNone))
	d.evCard.Hide()
	timeCard := newCard("Time at this stage", "", container.NewVBox(d.timeline, d.warning))
	hints := newCard("Hints", "", d.hints)
	d.askReview = &widget.Button{Text: askReviewText, Icon: theme.MailSendIcon(), OnTapped: func() {
		if d.requestReview != nil {
			d.requestReview()
		}
	}}
	d.askReview.ExtendBaseWidget(d.askReview)
	check := newCard("Check in", "", container.NewVBox(checkInNote, container.NewHBox(d.checkIn, d.askReview)))

	d.plan = newPlanCard(d)
	d.due = newDueCard(d)
	// Two columns on a wide window, one on a narrow one. What is due and
	// the plan head the second column, so that they show without
	// scrolling; the left column's buttons stay first in the Tab order.
	left := container.NewVBox(where, ready, check)
	right := container.NewVBox(d.due.card, d.plan.card, next, d.evCard, timeCard, hints)
	d.body = container.NewPadded(container.New(&dashFlow{minCell: dashboardColumn, maxCols: 2}, left, right))
	d.root = container.NewVScroll(d.body)
	return d
}

func (d *dashboard) content() fyne.CanvasObject { return d.root }

// checkInText is the check-in button's text.
const checkInText = "Check in…"

// askReviewText is the Dashboard's button for a review request.
const askReviewText = "Ask for a review…"

// update shows a new snapshot.
func (d *dashboard) update(s snapshot) {
	d.snap, d.have = s, true
	a := s.assess
	region := a.Salary.Region
	if region == "" {
		region = s.progress.Profile.Region
	}

	title := a.Stage.Title
	if title == "" {
		title = "No stage"
	}
	d.stageTitle.SetText(title)
	line := "You are here"
	if st := s.rm.Stage(a.Stage.ID); st != nil {
		line = "You are here · " + formatYears(st.Years) + " of a career"
	}
	line += " · " + words.Band(region, a.Salary.Now) + " (" + words.Region(region) + ")"
	d.stageLine.SetText(line)
	if a.Next != nil {
		d.nextLine.SetText("Next: " + a.Next.Title + " · " + words.Band(region, a.Salary.Next))
	} else {
		d.nextLine.SetText("There is no next level on this roadmap.")
	}

	r := a.Readiness
	d.score.SetText(fmt.Sprintf("%.1f", r.Score))
	next := ""
	if a.Next != nil {
		next = a.Next.Title
	}
	d.verdict.SetText(words.VerdictSentence(r.Verdict, next))
	d.bar.SetValue(r.Score)
	comps := [4]float64{r.Components.Skills, r.Components.Criteria, r.Components.Milestone, r.Components.Experience}
	weights := [4]float64{r.Weights.Skills, r.Weights.Criteria, r.Weights.Milestone, r.Weights.Experience}
	for i := range d.parts {
		d.parts[i].SetText(fmt.Sprintf("%s · weight %.0f%%", words.Components[i], weights[i]*100))
		d.partBars[i].SetValue(comps[i])
	}
	c := a.Counts
	milestone := "not yet"
	if c.MilestoneDone {
		milestone = "achieved"
	}
	counts := fmt.Sprintf("Skills %d of %d · criteria %d of %d · milestone %s", c.SkillsDone, c.SkillsTotal, c.CriteriaDone, c.CriteriaTotal, milestone)
	if c.Skipped > 0 {
		counts += fmt.Sprintf(" · %d not applicable", c.Skipped)
	}
	d.counts.SetText(counts)

	fillActions(d.actions[:], d.noActions, a.Missing, func(g tracker.Gap) (string, float64, string) {
		return g.ID, g.Gain, gapTitle(g)
	})

	d.updateEvidenced(a)

	d.timeline.SetText(timelineWords(a, s.progress.Profile))
	if w := words.StallWarning(a.Timeline.StalledAfter); w != "" {
		d.warning.SetText(w)
		d.warning.Show()
	} else {
		d.warning.Hide()
	}
	if len(a.Hints) == 0 {
		d.hints.SetText(words.NoHints)
	} else {
		d.hints.SetText("• " + strings.Join(words.Hints(a.Hints, words.Window), "\n• "))
	}
	d.due.update(s)
	d.plan.update(s)
	if s.readOnly {
		d.checkIn.Disable()
		d.askReview.Disable()
	} else {
		d.checkIn.Enable()
		d.askReview.Enable()
	}
	// Rows shown or hidden and texts of new lengths change the cards'
	// sizes: lay the page out again.
	d.body.Refresh()
	d.root.Refresh()
}

// updateEvidenced shows the evidenced score, what keeps it below the
// claimed one, and the evidence that would raise it most; none of it when
// the roadmap turns evidence off (ev nil).
func (d *dashboard) updateEvidenced(a tracker.Assessment) {
	ev := a.Readiness.Evidenced
	if ev == nil {
		d.evHead.Hide()
		d.evBox.Hide()
		d.evCard.Hide()
		for _, act := range d.evActions {
			act.clear()
		}
		return
	}
	d.evScore.SetText(fmt.Sprintf("%.1f", ev.Score))
	d.evVerdict.SetText("Evidenced score: " + words.Verdict(ev.Verdict) + ".")
	d.evBar.SetValue(ev.Score)
	// Before anything is claimed there is no claim to have evidence.
	gap := words.EvidenceSummary(a)
	d.evGap.SetText(gap)
	d.evNone.SetText(gap)
	fillActions(d.evActions[:], d.evNone, ev.Actions, func(g tracker.EvidenceGap) (string, float64, string) {
		return g.ID, g.Gain, words.EvidenceAction(g)
	})
	d.evHead.Show()
	d.evBox.Show()
	d.evCard.Show()
}

// fillActions shows the first of actions in rows, each by its entry's id,
// its gain and its text as say gives them, and hides the rows left over;
// none shows instead when there are no actions.
func fillActions[T any](rows []*actionRow, none fyne.CanvasObject, actions []T, say func(T) (id string, gain float64, text string)) {
	for i, act := range rows {
		if i >= len(actions) {
			act.clear()
			continue
		}
		id, gain, text := say(actions[i])
		act.id = id
		act.gain.SetText(fmt.Sprintf("+%.1f", gain))
		act.text.SetText(text)
		act.show(true)
	}
	if len(actions) == 0 {
		none.Show()
	} else {
		none.Hide()
	}
}

// gapTitle names a missing entry with its kind or group.
func gapTitle(g tracker.Gap) string {
	if words.Confirmable(g.Kind) {
		return words.KindTitle(g.Kind) + ": " + g.Title
	}
	if g.Group != "" {
		return g.Group + ": " + g.Title
	}
	return g.Title
}

// timelineWords compares the months in stage with the typical and
// accelerated timelines.
func timelineWords(a tracker.Assessment, p tracker.Profile) string {
	t := a.Timeline
	var b strings.Builder
	if p.StageSince.IsZero() {
		b.WriteString("You haven't said when you entered this stage; set it in Settings to compare with the usual timeline.")
	} else {
		fmt.Fprintf(&b, "%s at this stage (since %s).", monthsWords(a.MonthsInStage), formatDay(p.StageSince))
	}
	if t.Typical.Max > 0 {
		fmt.Fprintf(&b, "\nTypical move to the next level: %d–%d months; accelerated: %d–%d months.",
			t.Typical.Min, t.Typical.Max, t.Accelerated.Min, t.Accelerated.Max)
	}
	if line := words.TimelineSentence(a); line != "" {
		b.WriteString("\n" + line)
	}
	return b.String()
}

// monthsWords writes a number of months: "1 month", "14 months".
func monthsWords(n int) string {
	if n == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", n)
}

// openAction shows an action's entry in the Roadmap screen.
func (d *dashboard) openAction(a *actionRow) {
	if a.id != "" && d.env.openItem != nil {
		d.env.openItem(a.id)
	}
}

// openEvidenceAction opens the evidence dialog of an evidence action's
// entry.
func (d *dashboard) openEvidenceAction(a *actionRow) {
	if a.id != "" && d.openEvidence != nil {
		d.openEvidence(a.id)
	}
}

// focusEvidenceAction gives the keyboard back to the evidence action of
// entry id, if it is still listed: the evidence dialog closed.
func (d *dashboard) focusEvidenceAction(id string) {
	for _, a := range d.evActions {
		if a.id == id && a.row.Visible() {
			d.env.win.Canvas().Focus(a.button)
			return
		}
	}
}

// askCheckIn asks for a label (today's date by default) and saves a
// check-in.
func (d *dashboard) askCheckIn() {
	if !d.have || d.snap.readOnly {
		return
	}
	if d.checkInDialog == nil {
		d.checkInDialog = newCheckInDialog(d)
	}
	d.checkInDialog.open()
}

// saveCheckIn saves a check-in of the current assessment in the
// background; a failure is shown in a dialog.
func (d *dashboard) saveCheckIn(label string) {
	d.saveCheckInThen(label, func(err error) {
		if err != nil {
			d.env.showError(fmt.Errorf("couldn't save the check-in: %w", err))
		}
	})
}

// saveCheckInThen saves a check-in of the current assessment in the
// background, then calls done on the UI goroutine with the store's error.
func (d *dashboard) saveCheckInThen(label string, done func(error)) {
	label = strings.TrimSpace(label)
	a, rm, day := d.snap.assess, d.snap.rm, d.env.today()
	// An empty label is today's date; the store numbers it when a
	// check-in took it already.
	shown := label
	if shown == "" {
		shown = formatDay(day)
	}
	// The check-in is shown as done in the frame after the input, with
	// the score it saves: waiting for the transaction and the window's
	// event loop to bring the answer back would leave the user looking at
	// a dialog closing on nothing. A failed save takes the notice back.
	notice := checkInNotice(shown, a.Readiness.Score)
	if d.env.notify != nil {
		d.env.notify(notice)
	}
	d.env.async(func() error {
		_, err := d.store.CheckInNow(label, rm, day) // the roadmap a was made against
		return err
	}, func(err error) {
		if err != nil && d.env.clearNotice != nil {
			d.env.clearNotice(notice)
		}
		done(err)
		if err == nil {
			d.env.changed()
		}
	})
}

// checkInNotice is the status line's word that a check-in was saved.
func checkInNotice(label string, score float64) string {
	return fmt.Sprintf("Checked in as %q with a score of %.1f.", label, score)
}

// tallLayout gives its objects the full width and at least a fixed height:
// it makes the readiness bar large.
type tallLayout struct{ height float32 }

// Layout stretches every object over the whole area.
func (l *tallLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the widest object's width and at least the fixed height.
func (l *tallLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, l.height)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
