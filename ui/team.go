package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/team"
	"devpath/tracker/words"
)

// teamScreen is a manager's view of their reports on the team database
// this devpath joined: each report's latest check-in, then the team's
// coverage of the roadmap. It reads the server when first shown and on
// Refresh, never on the window's own reloads.
type teamScreen struct {
	store teamStore
	e     *env
	snap  snapshot
	have  bool

	loaded  bool // the first load was asked for
	loading bool
	// notJoined: the last load found no team; the next snapshot (after a
	// join in Settings, say) looks again, which costs a local read only.
	notJoined bool

	message  *widget.Label // not joined, offline, manages nobody; or when it was read
	spinner  *widget.Activity
	refresh  *widget.Button
	reports  *fyne.Container
	warnings *widget.Label
	coverage *fyne.Container
	body     fyne.CanvasObject // the two cards, hidden while there is nothing to show
	root     fyne.CanvasObject
}

// teamColumns are the headings of the reports' table.
var teamColumns = []string{"Name", "Stage", "Claimed", "Evidenced", "Change", "In stage", "Last check-in"}

func newTeamScreen(st teamStore, e *env) *teamScreen {
	s := &teamScreen{store: st, e: e}
	s.message = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.spinner = widget.NewActivity()
	s.spinner.Hide()
	s.refresh = &widget.Button{Text: "Refresh", Icon: theme.ViewRefreshIcon(), OnTapped: s.load}
	s.reports = container.NewVBox()
	s.warnings = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	s.warnings.Hide()
	s.coverage = container.NewVBox()
	top := container.NewBorder(nil, nil, nil, container.NewHBox(s.spinner, s.refresh), s.message)
	s.body = container.NewVScroll(container.NewPadded(container.NewVBox(
		newCard("Reports", "Each person's latest published check-in, with their target and forecast", container.NewVBox(s.reports, s.warnings)),
		newCard("Coverage", "How many are proficient (level 3 or more) in each entry", s.coverage),
	)))
	s.body.Hide()
	s.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, s.body)
	return s
}

func (s *teamScreen) content() fyne.CanvasObject { return s.root }

// update keeps the roadmap and day the views measure against; the server
// is read the first time only.
func (s *teamScreen) update(snap snapshot) {
	s.snap, s.have = snap, true
	if !s.loaded || s.notJoined {
		s.load()
	}
}

// teamView is what one load read.
type teamView struct {
	role    string
	reports []team.Report
	cov     team.Coverage
}

// load reads the reports and the coverage in the background.
func (s *teamScreen) load() {
	if s.loading || !s.have {
		return
	}
	s.loaded, s.loading = true, true
	s.spinner.Show()
	s.spinner.Start()
	s.refresh.Disable()
	s.message.Importance = widget.MediumImportance
	s.message.SetText("Loading…")
	rm, today := s.snap.rm, s.e.today()
	var v teamView
	s.e.async(func() (err error) {
		v, err = readTeamView(s.store, rm, today)
		return err
	}, func(err error) {
		s.loading = false
		s.spinner.Stop()
		s.spinner.Hide()
		s.refresh.Enable()
		s.notJoined = errors.Is(err, errNotJoined)
		s.show(v, rm, err)
	})
}

// readTeamView connects to the team database the store joined, as a
// check-in's publishing does (no password asked for), and reads both views.
func readTeamView(st teamStore, rm *roadmap.Roadmap, today time.Time) (teamView, error) {
	ctx := context.Background()
	conn, joined, err := st.ConnectJoined(ctx)
	if !joined && err != nil {
		return teamView{}, fmt.Errorf("couldn't read the team link: %w", err)
	}
	if !joined {
		return teamView{}, errNotJoined
	}
	if err != nil {
		return teamView{}, fmt.Errorf("can't reach the team database: %w", err)
	}
	defer conn.Close()
	v := teamView{role: conn.Role()}
	if v.reports, err = conn.Status(ctx, "", rm, today); err != nil {
		return v, err
	}
	if v.cov, err = conn.Coverage(ctx, "", rm); err != nil {
		return v, err
	}
	return v, nil
}

// show fills the screen with what a load read, or says in one line why
// there is nothing.
func (s *teamScreen) show(v teamView, rm *roadmap.Roadmap, err error) {
	s.reports.RemoveAll()
	s.coverage.RemoveAll()
	s.warnings.Hide()
	s.body.Hide()
	switch {
	case errors.Is(err, errNotJoined):
		s.message.Importance = widget.MediumImportance
		s.message.SetText(sentence(errorWords(err)))
		return
	case err != nil:
		s.message.Importance = widget.DangerImportance
		s.message.SetText(sentence(errorWords(err)))
		return
	case len(v.reports) == 0:
		s.message.Importance = widget.MediumImportance
		s.message.SetText(fmt.Sprintf("You (%s) manage nobody on this team database: an administrator runs 'devpath team admin add-member'.", v.role))
		return
	}
	s.body.Show()
	s.message.Importance = widget.MediumImportance
	s.message.SetText(fmt.Sprintf("%s managed by %s, read at %s.", countWords(len(v.reports), "report"), v.role, s.e.instant().Format("15:04")))

	// A grid of its own for each row, so that each row is as tall as its
	// own cells (a wrapped time in stage), and the headings no taller.
	heading := container.NewGridWithColumns(len(teamColumns))
	for _, h := range teamColumns {
		heading.Add(&widget.Label{Text: h, TextStyle: fyne.TextStyle{Bold: true}})
	}
	s.reports.Add(heading)
	var warn []string
	for _, r := range v.reports {
		row := container.NewGridWithColumns(len(teamColumns))
		for _, cell := range reportCells(r) {
			row.Add(&widget.Label{Text: cell, Wrapping: fyne.TextWrapWord})
		}
		s.reports.Add(row)
		if line := planLine(r); line != "" {
			s.reports.Add(&widget.Label{Text: line, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}})
		}
		name := tracker.Visible(r.Label())
		if r.Warning != "" {
			warn = append(warn, name+": "+r.Warning)
		}
		if r.Problem != "" {
			warn = append(warn, name+": could not be read: "+tracker.Visible(r.Problem))
		}
		if r.Unreadable > 0 {
			warn = append(warn, fmt.Sprintf("%s: %s could not be read (a time outside %d to %d) and left out.", name,
				countWords(r.Unreadable, "check-in"), team.EarliestTime.Year(), team.LatestTime.Year()))
		}
	}
	if len(warn) > 0 {
		s.warnings.SetText(strings.Join(warn, "\n"))
		s.warnings.Show()
	}
	s.fillCoverage(v.cov, rm)
}

// reportCells are one report's cells, in teamColumns order. What the
// server holds is shown through tracker.Visible: a control or direction
// character in a name is an escape, never a line of its own.
func reportCells(r team.Report) []string {
	name := tracker.Visible(r.Label())
	switch {
	case r.Problem != "":
		return []string{name, "could not be read", "–", "–", "–", "–", "–"}
	case !r.CheckedIn:
		return []string{name, "–", "–", "–", "–", "–", "none published"}
	}
	ev, change := "–", "–"
	if r.Evidenced != nil {
		ev = fmt.Sprintf("%.1f", *r.Evidenced)
	}
	if r.ClaimedChange != nil {
		change = fmt.Sprintf("%+.1f", *r.ClaimedChange)
		if r.EvidencedChange != nil {
			change += fmt.Sprintf(" (evidenced %+.1f)", *r.EvidencedChange)
		}
	}
	return []string{name, tracker.Visible(r.StageTitle), fmt.Sprintf("%.1f", r.Claimed), ev, change, words.InStage(r.MonthsInStage, r.StageSince != nil, r.Timeline, r.Typical), formatDay(r.LastCheckIn.Local())}
}

// planLine is the line under a report's row with the target and forecast
// their latest check-in shared: "Plan: target 2027-06-30 · forecast
// Mar–Aug 2027 · on track"; "" for a report with no readable check-in.
func planLine(r team.Report) string {
	if !r.CheckedIn || r.Problem != "" {
		return ""
	}
	return "Plan: " + r.Plan.Short()
}

// fillCoverage lists the entries nobody covers first, then the others
// with how many are proficient and who.
func (s *teamScreen) fillCoverage(cov team.Coverage, rm *roadmap.Roadmap) {
	if len(cov.Unreadable) > 0 {
		lines := []string{fmt.Sprintf("%s could not be read and not counted:", countWords(len(cov.Unreadable), "report"))}
		for _, u := range cov.Unreadable {
			lines = append(lines, tracker.Visible(u.Role)+": "+tracker.Visible(u.Problem))
		}
		s.coverage.Add(&widget.Label{Text: strings.Join(lines, "\n"), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	if cov.Reports == 0 {
		s.coverage.Add(&widget.Label{Text: "None of your reports has published a check-in yet.", Wrapping: fyne.TextWrapWord})
		return
	}
	title := func(e team.EntryCoverage) string {
		t := e.Title
		if st := rm.Stage(e.Stage); st != nil {
			t += " (" + st.Title + ")"
		}
		return t
	}
	if len(cov.Uncovered) == 0 {
		s.coverage.Add(&widget.Label{Text: "Every entry is covered by someone.", Importance: widget.SuccessImportance})
	} else {
		s.coverage.Add(&widget.Label{Text: fmt.Sprintf("Nobody is proficient in %s:", countWords(len(cov.Uncovered), "entry")), TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.WarningImportance})
		// One line per stage, in roadmap order: "Junior: systemd, …".
		var stages []string
		byStage := map[string][]string{}
		for _, e := range cov.Entries {
			if e.Proficient != 0 {
				continue
			}
			name := "Other entries"
			if st := rm.Stage(e.Stage); st != nil {
				name = st.Title
			}
			if _, ok := byStage[name]; !ok {
				stages = append(stages, name)
			}
			byStage[name] = append(byStage[name], e.Title)
		}
		for _, st := range stages {
			s.coverage.Add(&widget.Label{Text: st + ": " + strings.Join(byStage[st], ", "), Wrapping: fyne.TextWrapWord})
		}
	}
	heading := container.NewGridWithColumns(3)
	for _, h := range []string{"Entry", "Proficient", "Who"} {
		heading.Add(&widget.Label{Text: h, TextStyle: fyne.TextStyle{Bold: true}})
	}
	s.coverage.Add(heading)
	for _, e := range cov.Entries {
		if e.Proficient == 0 {
			continue
		}
		s.coverage.Add(container.NewGridWithColumns(3,
			&widget.Label{Text: title(e), Wrapping: fyne.TextWrapWord},
			&widget.Label{Text: fmt.Sprintf("%d of %d", e.Proficient, cov.Reports)},
			&widget.Label{Text: tracker.Visible(strings.Join(e.Who, ", ")), Wrapping: fyne.TextWrapWord}))
	}
}

// sentence starts s with a capital letter, as a line of its own.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
