package ui

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/team"
	"devpath/tracker/team/teamtest"
)

// The team tests share one throwaway server, started by the first of them;
// teamtest stops it once the test binary has gone.
var (
	teamPG      *teamtest.Cluster
	teamPGOnce  sync.Once
	teamPGError error
)

// Roles of these tests besides teamtest's: two engineers and their manager.
const (
	uiSam     = "ui_sam"
	uiKim     = "ui_kim"
	uiManager = "ui_lee"
)

// teamServer starts the server, installs the schema, and makes uiManager
// the manager of uiSam and uiKim. Alice is a member who manages nobody;
// Erin is no member at all.
func teamServer(t *testing.T) *teamtest.Cluster {
	t.Helper()
	teamPGOnce.Do(func() {
		c, err := teamtest.Start()
		if err != nil {
			teamPGError = err
			return
		}
		teamPG = c
		ctx := context.Background()
		if teamPGError = c.AddRoles(ctx, uiSam, uiKim, uiManager); teamPGError != nil {
			return
		}
		admin, err := team.Connect(ctx, team.WithPassword(c.URL(teamtest.Admin), teamtest.Password(teamtest.Admin)), team.Options{})
		if err != nil {
			teamPGError = err
			return
		}
		defer admin.Close()
		if _, teamPGError = admin.Init(ctx); teamPGError != nil {
			return
		}
		for _, m := range [][3]string{{"ui", uiManager, uiSam}, {"ui", uiManager, uiKim}, {"solo", teamtest.Alice, teamtest.Alice}, {"ops", teamtest.Manager, teamtest.Bob}} {
			if teamPGError = admin.AddMember(ctx, m[0], m[1], m[2]); teamPGError != nil {
				return
			}
		}
		// Alice is a member through a team of her own; the membership is
		// dropped so that she manages nobody.
		if _, teamPGError = admin.RemoveMember(ctx, "solo", teamtest.Alice, teamtest.Alice); teamPGError != nil {
			return
		}
	})
	if teamPGError != nil {
		t.Fatal(teamPGError)
	}
	// No password but the one a test gives.
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	return teamPG
}

// publishedCount counts role's rows on the server, as the superuser.
func publishedCount(t *testing.T, c *teamtest.Cluster, role string) int {
	t.Helper()
	db := c.Open(t, teamtest.Super, teamtest.DBName)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM published_checkins WHERE owner = $1", role).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// proficientIDs are the first n entry ids of the roadmap with a level.
func proficientIDs(rm *roadmap.Roadmap, n int) []string {
	var ids []string
	for _, e := range rm.Entries() {
		if len(ids) < n {
			ids = append(ids, e.Item.ID)
		}
	}
	return ids
}

// onlyLine fails unless s is one line.
func onlyLine(t *testing.T, what, s string) {
	t.Helper()
	if s == "" || strings.Contains(s, "\n") {
		t.Errorf("%s = %q, want one line", what, s)
	}
}

func TestSettingsTeamJoinPublishLeave(t *testing.T) {
	pg := teamServer(t)
	r, s := newSettingsRig(t)
	c := s.team
	if c == nil {
		t.Fatal("Settings has no Team card on a real store")
	}
	if !strings.Contains(c.info.Text, "joined no team") || c.leave.Visible() || c.publish.Visible() {
		t.Fatalf("not joined: info %q, leave shown %v, publish shown %v", c.info.Text, c.leave.Visible(), c.publish.Visible())
	}

	c.url.SetText("http://db.example.com/devpath")
	test.Tap(c.join)
	if !strings.Contains(c.result.Text, "postgres://") || c.result.Importance != widget.DangerImportance {
		t.Errorf("a wrong URL says %q (%v), want the postgres:// form as an error", c.result.Text, c.result.Importance)
	}

	// A wrong password in the field: one line, nothing stored.
	c.url.SetText(pg.URL(teamtest.Alice))
	c.password.SetText("wrong")
	test.Tap(c.join)
	onlyLine(t, "a refused join", c.result.Text)
	if !strings.Contains(c.result.Text, "password") {
		t.Errorf("a wrong password says %q", c.result.Text)
	}
	if _, ok, _ := r.store.Team(); ok {
		t.Fatal("a refused join linked the database")
	}

	// The field's password wins over PGPASSWORD, and is not kept.
	t.Setenv("PGPASSWORD", "also-wrong")
	c.password.SetText(teamtest.Password(teamtest.Alice))
	c.share.SetChecked(true)
	test.Tap(c.join)
	link, ok, err := r.store.Team()
	if err != nil || !ok {
		t.Fatalf("after Join: joined %v, %v; the card says %q", ok, err, c.result.Text)
	}
	if strings.Contains(link.URL, "secret") || !link.ShareEvidence {
		t.Errorf("stored link %+v: want no password and evidence shared", link)
	}
	if c.password.Text != "" {
		t.Error("the password field still holds the password after joining")
	}
	if !strings.Contains(c.result.Text, "Joined") || !c.leave.Visible() || c.joinForm.Visible() {
		t.Errorf("after Join: %q, leave shown %v, form shown %v", c.result.Text, c.leave.Visible(), c.joinForm.Visible())
	}

	// A check-in is queued; publishing without a password fails in one line
	// and keeps it.
	before := publishedCount(t, pg, teamtest.Alice)
	if _, err := r.store.CheckInNow("", r.rm, r.today()); err != nil {
		t.Fatal(err)
	}
	r.reload()
	if c.queue.Text != "1 check-in waiting to be published." || c.publish.Disabled() {
		t.Fatalf("queue says %q, Publish now disabled %v", c.queue.Text, c.publish.Disabled())
	}
	test.Tap(c.publish)
	onlyLine(t, "a failed publish", c.result.Text)
	if !strings.Contains(c.result.Text, "not published") || !strings.Contains(c.result.Text, "1 check-in still queued") {
		t.Errorf("a failed publish says %q", c.result.Text)
	}
	if c.queue.Text != "1 check-in waiting to be published." {
		t.Errorf("after a failed publish the queue says %q", c.queue.Text)
	}

	t.Setenv("PGPASSWORD", teamtest.Password(teamtest.Alice))
	test.Tap(c.publish)
	if c.result.Text != "Published 1 check-in." || c.queue.Text != "Every check-in is published." || !c.publish.Disabled() {
		t.Errorf("after Publish now: %q, queue %q, disabled %v", c.result.Text, c.queue.Text, c.publish.Disabled())
	}
	if got := publishedCount(t, pg, teamtest.Alice); got != before+1 {
		t.Errorf("the server has %d of Alice's check-ins, want %d", got, before+1)
	}

	test.Tap(c.leave)
	if _, ok, _ := r.store.Team(); ok {
		t.Error("Leave left the database joined")
	}
	if !strings.Contains(c.result.Text, "Left the team") || !c.joinForm.Visible() {
		t.Errorf("after Leave: %q, form shown %v", c.result.Text, c.joinForm.Visible())
	}
	r.noErrors()
}

// teamEngineer is an engineer's own devpath that joined the team and
// published one check-in with the levels given, and no target. It returns
// the plan the check-in shared, in short.
func teamEngineer(t *testing.T, pg *teamtest.Cluster, role, name, stage string, since time.Time, levels map[string]tracker.Level) string {
	t.Helper()
	return teamEngineerPlan(t, pg, role, name, stage, since, levels, "", time.Time{})
}

// teamEngineerPlan is teamEngineer with a target (zero: none) and the
// level of entry early set 60 days before the check-in, so that the
// plan has a pace and a forecast.
func teamEngineerPlan(t *testing.T, pg *teamtest.Cluster, role, name, stage string, since time.Time, levels map[string]tracker.Level, early string, target time.Time) string {
	t.Helper()
	ctx := context.Background()
	today := time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC)
	clock := today
	c := core.New(core.Config{DB: filepath.Join(t.TempDir(), "devpath.db"), Now: func() time.Time { return clock }})
	st, err := c.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveProfile(tracker.Profile{Name: name, Stage: stage, StageSince: since, Region: "uk"}); err != nil {
		t.Fatal(err)
	}
	conn, err := team.Connect(ctx, team.WithPassword(pg.URL(role), teamtest.Password(role)), team.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, _, err := team.Join(ctx, conn, st, pg.URL(role), false, ""); err != nil {
		t.Fatal(err)
	}
	rm := roadmap.Default()
	if early != "" {
		clock = today.AddDate(0, 0, -60)
		if err := st.SetLevel(early, levels[early], time.Time{}); err != nil {
			t.Fatal(err)
		}
		clock = today
	}
	if !target.IsZero() {
		if err := st.SetTarget(rm, target); err != nil {
			t.Fatal(err)
		}
	}
	for id, l := range levels {
		if id == early {
			continue
		}
		if err := st.SetLevel(id, l, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CheckInNow("", rm, time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PublishTo(ctx, conn); err != nil {
		t.Fatal(err)
	}
	ps, err := st.PlanStatus(rm, st.Today())
	if err != nil {
		t.Fatal(err)
	}
	return team.PlanOf(ps).Short()
}

// newTeamRig is a Team screen on a devpath joined as role.
func newTeamRig(t *testing.T, rawURL, role string) (*screenRig, *teamScreen) {
	t.Helper()
	r := newScreenRig(t)
	if rawURL != "" {
		if err := r.store.JoinTeam(team.Redact(rawURL), false); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PGPASSWORD", teamtest.Password(role))
	}
	s := newTeamScreen(r.store, r.e)
	r.show(s, fyne.NewSize(1024, 640))
	return r, s
}

func TestTeamScreenShowsReportsAndCoverage(t *testing.T) {
	pg := teamServer(t)
	rm := roadmap.Default()
	ids := proficientIDs(rm, 2)
	// Sam is proficient in the first entry, Kim in both: the second is
	// covered by one, the first by two, the rest by nobody.
	// Kim has a target, and a first level two months ago: a forecast.
	samPlan := teamEngineer(t, pg, uiSam, "Sam Okafor", "junior", time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), map[string]tracker.Level{ids[0]: 3})
	kimPlan := teamEngineerPlan(t, pg, uiKim, "Kim Lee", "mid", time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC), map[string]tracker.Level{ids[0]: 4, ids[1]: 3},
		ids[0], time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC))
	if !strings.HasPrefix(kimPlan, "target 2027-06-30 · forecast ") || samPlan != "no target · no forecast yet (too little history)" {
		t.Fatalf("the plans published: Kim %q, Sam %q; want Kim's target and forecast, Sam's none", kimPlan, samPlan)
	}

	_, s := newTeamRig(t, pg.URL(uiManager), uiManager)
	if s.loading || s.spinner.Visible() {
		t.Error("the spinner still turns after the load")
	}
	if !strings.HasPrefix(s.message.Text, "2 reports managed by "+uiManager) || !s.body.Visible() {
		t.Fatalf("message = %q", s.message.Text)
	}
	texts := textsUnder(s.reports)
	row := len(teamColumns) + 1 // the cells and the plan's line under them
	if len(texts) != len(teamColumns)+2*row {
		t.Fatalf("the reports' table has %d cells, want a heading and two rows, each with its plan: %q", len(texts), texts)
	}
	kim, sam := texts[len(teamColumns):len(teamColumns)+row], texts[len(teamColumns)+row:]
	// Each report's target and forecast, as their own devpath has them.
	if kim[len(teamColumns)] != "Plan: "+kimPlan || sam[len(teamColumns)] != "Plan: "+samPlan {
		t.Errorf("the plans' lines %q and %q, want %q and %q", kim[len(teamColumns)], sam[len(teamColumns)], "Plan: "+kimPlan, "Plan: "+samPlan)
	}
	if kim[0] != "Kim Lee (ui_kim)" || sam[0] != "Sam Okafor (ui_sam)" {
		t.Errorf("rows are %q and %q, want Kim then Sam, by name", kim[0], sam[0])
	}
	if kim[1] != rm.Stage("mid").Title || sam[1] != rm.Stage("junior").Title {
		t.Errorf("stages %q, %q", kim[1], sam[1])
	}
	if kim[4] != "–" || kim[6] != "2026-11-19" {
		t.Errorf("Kim's change %q (want none: a first check-in) and last check-in %q", kim[4], kim[6])
	}
	if !strings.Contains(kim[5], "months (") || !strings.Contains(kim[5], "typical") {
		t.Errorf("Kim's time in stage = %q, want months against the typical timeline", kim[5])
	}
	// Kim has been at one level more than three years: the warning shows.
	if !s.warnings.Visible() || !strings.HasPrefix(s.warnings.Text, "Kim Lee (ui_kim): ") || strings.Contains(s.warnings.Text, "Sam") {
		t.Errorf("warnings (shown %v) = %q, want Kim's only", s.warnings.Visible(), s.warnings.Text)
	}

	cov := textsUnder(s.coverage)
	if len(cov) < 2 || !strings.HasPrefix(cov[0], "Nobody is proficient in ") {
		t.Fatalf("coverage starts with %q, want the entries nobody covers", cov)
	}
	first, _ := rm.Lookup(ids[0])
	second, _ := rm.Lookup(ids[1])
	table := slices.Index(cov, "Entry")
	if table < 2 {
		t.Fatalf("no covered entries' table after the uncovered ones: %q", cov)
	}
	for _, line := range cov[1:table] {
		if strings.Contains(line, first.Item.Title) || strings.Contains(line, second.Item.Title) {
			t.Errorf("the uncovered list names covered entries: %q", line)
		}
	}
	if want := rm.Stages[0].Title + ": "; !strings.HasPrefix(cov[1], want) {
		t.Errorf("the uncovered list starts %q, want the first stage's %q", cov[1], want)
	}
	i := slices.IndexFunc(cov, func(s string) bool { return strings.HasPrefix(s, first.Item.Title) })
	j := slices.IndexFunc(cov, func(s string) bool { return strings.HasPrefix(s, second.Item.Title) })
	if i < 0 || j < 0 || cov[i+1] != "2 of 2" || cov[i+2] != "ui_kim, ui_sam" || cov[j+1] != "1 of 2" || cov[j+2] != uiKim {
		t.Errorf("coverage rows: %q", cov)
	}

	// Refresh reads again: a second check-in of Sam's shows its change.
	teamEngineer(t, pg, uiSam, "Sam Okafor", "junior", time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), map[string]tracker.Level{ids[0]: 3, ids[1]: 4})
	test.Tap(s.refresh)
	texts = textsUnder(s.reports)
	if len(texts) != len(teamColumns)+2*row || texts[len(teamColumns)+row+4] == "–" {
		t.Errorf("after Refresh Sam's row is %q, want a change since the check-in before", texts[len(teamColumns)+row:])
	}
}

func TestTeamScreenSaysWhyItIsEmpty(t *testing.T) {
	pg := teamServer(t)
	for _, tc := range []struct {
		name, url, role, want string
	}{
		{"not joined", "", "", "This database has joined no team"},
		{"offline", "postgres:///devpath?host=" + url.QueryEscape(filepath.Join(t.TempDir(), "gone")) + "&user=ui_lee", uiManager, "Can't reach the team database"},
		{"manages nobody", pg.URL(teamtest.Alice), teamtest.Alice, "manage nobody"},
		{"not a member", pg.URL(teamtest.Erin), teamtest.Erin, "not a member of the team database"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, s := newTeamRig(t, tc.url, tc.role)
			onlyLine(t, "message", s.message.Text)
			if !strings.Contains(s.message.Text, tc.want) {
				t.Errorf("message = %q, want %q", s.message.Text, tc.want)
			}
			if n := len(s.reports.Objects) + len(s.coverage.Objects); n != 0 || s.body.Visible() {
				t.Errorf("%d objects (cards shown %v) besides the message", n, s.body.Visible())
			}
		})
	}
}

func TestCheckInInTheWindowPublishes(t *testing.T) {
	pg := teamServer(t)
	r := newScreenRig(t)
	var notes []string
	r.e.notify = func(m string) { notes = append(notes, m) }
	ps := publishingStore{r.store, r.e}

	// Not joined: a check-in publishes nothing and says nothing.
	if _, err := ps.CheckInNow("", r.rm, r.today()); err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("a check-in of a database in no team noted %q", notes)
	}

	if err := r.store.JoinTeam(team.Redact(pg.URL(teamtest.Bob)), false); err != nil {
		t.Fatal(err)
	}
	// No password at hand: the check-in stays queued, one note.
	if _, err := ps.CheckInNow("", r.rm, r.today()); err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "The check-in is queued for the team but not published: ") {
		t.Fatalf("notes = %q", notes)
	}
	onlyLine(t, "the note", notes[0])
	if n, _, _ := r.store.TeamQueueCounts(); n != 1 {
		t.Fatalf("%d queued after a failed publish, want 1", n)
	}

	before := publishedCount(t, pg, teamtest.Bob)
	t.Setenv("PGPASSWORD", teamtest.Password(teamtest.Bob))
	if _, err := ps.CheckInNow("", r.rm, r.today()); err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 {
		t.Errorf("a check-in published without trouble noted %q", notes[1:])
	}
	if n, _, _ := r.store.TeamQueueCounts(); n != 0 {
		t.Errorf("%d still queued after publishing", n)
	}
	if got := publishedCount(t, pg, teamtest.Bob); got != before+2 {
		t.Errorf("the server has %d of Bob's check-ins, want %d (both queued)", got, before+2)
	}
}

// TestCheckInInTheWindowSaysThePlanIsLeftOut: publishing to a team
// database still at schema version 3 goes through without the plan, and
// the status line says so and what to do, in one line.
func TestCheckInInTheWindowSaysThePlanIsLeftOut(t *testing.T) {
	pg := teamServer(t)
	ctx := context.Background()
	if _, err := pg.Open(t, teamtest.Super, "postgres").Exec("CREATE DATABASE ui_v3 OWNER " + teamtest.Admin); err != nil {
		t.Fatal(err)
	}
	url := func(role string) string { return strings.Replace(pg.URL(role), "/devpath?", "/ui_v3?", 1) }
	admin, err := team.Connect(ctx, team.WithPassword(url(teamtest.Admin), teamtest.Password(teamtest.Admin)), team.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.InitTo(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if err := admin.AddMember(ctx, "old", uiManager, uiSam); err != nil {
		t.Fatal(err)
	}
	r := newScreenRig(t)
	var notes []string
	r.e.notify = func(m string) { notes = append(notes, m) }
	if err := r.store.JoinTeam(team.Redact(url(uiSam)), false); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSWORD", teamtest.Password(uiSam))
	if _, err := (publishingStore{r.store, r.e}).CheckInNow("", r.rm, r.today()); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := r.store.TeamQueueCounts(); n != 0 {
		t.Errorf("%d still queued: the check-in should be published all the same", n)
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "The check-in is published: the team database's schema is version 3") ||
		!strings.Contains(notes[0], "'devpath team init URL'") {
		t.Fatalf("notes = %q", notes)
	}
	onlyLine(t, "the note", notes[0])
}

func TestSettingsTeamReadOnly(t *testing.T) {
	r, s := newSettingsRig(t)
	if s.team.join.Disabled() {
		t.Fatal("Join is disabled on a database that can be written")
	}
	snap := r.snapshot()
	snap.readOnly = true
	s.update(snap)
	if !s.team.join.Disabled() || !s.team.leave.Disabled() {
		t.Error("Join and Leave can be pressed on a read-only database")
	}
}

func TestTeamScreenShowsBadRowsAsSuch(t *testing.T) {
	pg := teamServer(t)
	ctx := context.Background()
	const lead, ann, ben = "ui_bad_lead", "ui_bad_ann", "ui_bad_ben"
	if err := pg.AddRoles(ctx, lead, ann, ben); err != nil {
		t.Fatal(err)
	}
	admin, err := team.Connect(ctx, team.WithPassword(pg.URL(teamtest.Admin), teamtest.Password(teamtest.Admin)), team.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	for _, m := range []string{ann, ben} {
		if err := admin.AddMember(ctx, "bad", lead, m); err != nil {
			t.Fatal(err)
		}
	}
	rm := roadmap.Default()
	teamEngineer(t, pg, ann, "Ann", "junior", time.Time{}, map[string]tracker.Level{rm.Entries()[0].Item.ID: 3})
	teamEngineer(t, pg, ben, "Ben", "junior", time.Time{}, nil)
	// Rows from before the schema's checks: a forged name and a check-in
	// at 'infinity' for Ann; for Ben a later check-in whose stage began at
	// 'infinity' and whose level is "lots".
	forged := "Dave\tStaff / Principal\t99.0\nZed"
	if err := pg.WithoutChecks(ctx, teamtest.DBName, "people",
		"UPDATE people SET display_name = E'Dave\\tStaff / Principal\\t99.0\\nZed' WHERE role_name = '"+ann+"'"); err != nil {
		t.Fatal(err)
	}
	ins := `INSERT INTO published_checkins (owner, checkin_uuid, at, stage, claimed_score, verdict, roadmap_id, roadmap_version, months_in_stage, stage_since, items)
VALUES ('%s', gen_random_uuid(), '%s', 'junior', 50, 'x', '', 0, 1, %s, '%s')`
	if err := pg.WithoutChecks(ctx, teamtest.DBName, "published_checkins",
		fmt.Sprintf(ins, ann, "infinity", "NULL", "{}"),
		fmt.Sprintf(ins, ben, "2199-01-01", "'infinity'", `{"k8s-helm":{"level":"lots"}}`)); err != nil {
		t.Fatal(err)
	}

	r, s := newTeamRig(t, pg.URL(lead), lead)
	v, err := readTeamView(r.store, rm, r.today())
	if err != nil || len(v.reports) != 2 {
		t.Fatalf("readTeamView over bad rows: %d reports, %v", len(v.reports), err)
	}
	if v.reports[0].Role != ben || v.reports[0].Problem == "" || v.reports[1].Name != forged || v.reports[1].Unreadable != 1 {
		t.Errorf("reports %+v", v.reports)
	}
	if !strings.HasPrefix(s.message.Text, "2 reports managed by") || !s.body.Visible() {
		t.Fatalf("message = %q", s.message.Text)
	}
	texts := textsUnder(s.reports)
	// Ben's unreadable row has no plan's line; Ann's readable one has.
	if len(texts) != 3*len(teamColumns)+1 || texts[len(texts)-1] != "Plan: no target · no forecast yet (too little history)" {
		t.Fatalf("the reports' table has %d cells, want a heading, two rows and Ann's plan: %q", len(texts), texts)
	}
	benRow, annRow := texts[len(teamColumns):2*len(teamColumns)], texts[2*len(teamColumns):]
	if benRow[0] != "Ben (ui_bad_ben)" || benRow[1] != "could not be read" {
		t.Errorf("Ben's row %q, want it marked unreadable", benRow)
	}
	if annRow[0] != `Dave\x09Staff / Principal\x0999.0\x0aZed (ui_bad_ann)` || annRow[1] != rm.Stage("junior").Title || annRow[6] != "2026-11-19" {
		t.Errorf("Ann's row %q, want the name escaped and her readable check-in", annRow)
	}
	if !strings.Contains(s.warnings.Text, "Ben (ui_bad_ben): could not be read: ") || !strings.Contains(s.warnings.Text, "1 check-in could not be read") {
		t.Errorf("warnings %q", s.warnings.Text)
	}
	cov := textsUnder(s.coverage)
	if len(cov) == 0 || !strings.HasPrefix(cov[0], "1 report could not be read and not counted:") || !strings.Contains(cov[0], `has level "lots"`) {
		t.Errorf("coverage starts %q, want Ben's unreadable levels told", cov)
	}
	if i := slices.Index(cov, ann); i < 0 || cov[i-1] != "1 of 1" {
		t.Errorf("coverage %q: want Ann counted, alone", cov)
	}
}
