package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/team"
	"devpath/tracker/team/teamtest"
)

// The team database of the tests here is started by the first test that
// needs it and stopped when the package's tests end.
var (
	teamOnce sync.Once
	teamPG   *teamtest.Cluster
	teamErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if teamPG != nil {
		if err := teamPG.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "cli tests:", err)
			code = 1
		}
		teamPG.Remove()
	}
	os.Exit(code)
}

func teamCluster(t *testing.T) *teamtest.Cluster {
	t.Helper()
	teamOnce.Do(func() { teamPG, teamErr = teamtest.Start() })
	if teamErr != nil {
		t.Fatal(teamErr)
	}
	return teamPG
}

// asRole makes the password of role the one PostgreSQL clients find, and
// no password file.
func asRole(t *testing.T, role string) {
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("PGPASSWORD", teamtest.Password(role))
}

func saveProfile(t *testing.T, h *harness, p tracker.Profile) {
	t.Helper()
	st, err := openDB(h.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
}

func TestTeamCommands(t *testing.T) {
	pg := teamCluster(t)
	entries := roadmap.Default().Entries()
	first, second := entries[0].Item.ID, entries[1].Item.ID

	admin := newHarness(t)
	asRole(t, teamtest.Admin)
	adminURL := pg.URL(teamtest.Admin)
	if out := admin.ok("team", "init", adminURL); !strings.Contains(out, fmt.Sprintf("Installed the team schema, version 0 to %d", team.SchemaVersion)) {
		t.Errorf("team init:\n%s", out)
	}
	if out := admin.ok("team", "init", adminURL); !strings.Contains(out, fmt.Sprintf("up to date (version %d); nothing was changed", team.SchemaVersion)) {
		t.Errorf("team init again:\n%s", out)
	}
	for _, m := range []string{teamtest.Alice, teamtest.Bob} {
		if out := admin.ok("team", "admin", "add-member", "platform", teamtest.Manager, m, "--url", adminURL); !strings.Contains(out, "maria manages "+m) {
			t.Errorf("add-member %s:\n%s", m, out)
		}
	}
	admin.ok("team", "admin", "add-member", "platform", teamtest.Manager, teamtest.Erin, "--url", adminURL)
	if out := admin.ok("team", "admin", "remove-member", "platform", teamtest.Manager, teamtest.Erin, "--url", adminURL); !strings.Contains(out, "no longer manages erin") {
		t.Errorf("remove-member:\n%s", out)
	}
	if r := admin.run("team", "admin", "remove-member", "platform", teamtest.Manager, teamtest.Erin, "--url", adminURL); r.code != 1 || !strings.Contains(r.stderr, "does not manage") {
		t.Errorf("remove-member twice: exit %d, %s", r.code, r.stderr)
	}
	if out := admin.ok("team", "admin", "list", "--url", adminURL); strings.Count(out, "platform") != 2 || strings.Contains(out, "erin") {
		t.Errorf("list:\n%s", out)
	}

	// Alice joins with her password in the URL: it is used, never kept.
	alice := newHarness(t)
	saveProfile(t, alice, tracker.Profile{Name: "Alice L", Stage: "mid", StageSince: time.Date(2021, 5, 1, 0, 0, 0, 0, time.UTC), Region: "uk"})
	asRole(t, "nobody") // a wrong PGPASSWORD: the URL's password must be the one used
	secretURL := strings.Replace(pg.URL(teamtest.Alice), "&user=", "&password="+teamtest.Password(teamtest.Alice)+"&user=", 1)
	out := alice.ok("team", "join", secretURL, "--share-evidence")
	if !strings.Contains(out, `as alice ("Alice L")`) || !strings.Contains(out, "password in the URL was not stored") || strings.Contains(out, teamtest.Password(teamtest.Alice)) {
		t.Errorf("team join:\n%s", out)
	}
	for _, f := range []string{alice.db, alice.db + "-wal"} {
		if b, err := os.ReadFile(f); err == nil && bytes.Contains(b, []byte(teamtest.Password(teamtest.Alice))) {
			t.Errorf("%s holds the password", f)
		}
	}

	// Alice has a target, and a first tick two months ago: her check-ins
	// carry the target and a forecast.
	alice.ok("goal", "--by", "2026-06-30")
	alice.now = func() time.Time { return testNow.AddDate(0, 0, -60) }
	alice.ok("tick", first)
	alice.now = nil

	// Offline (the server refuses the password): the check-in is made,
	// queued, and a one-line note says so.
	r := alice.run("checkin", "--label", "one")
	if r.code != 0 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "note: the check-in is queued for the team but was not published") {
		t.Errorf("checkin offline: exit %d, stderr %q", r.code, r.stderr)
	}
	asRole(t, teamtest.Alice)
	if out := alice.ok("team", "publish"); !strings.Contains(out, "Published 1 check-in") {
		t.Errorf("team publish:\n%s", out)
	}
	if out := alice.ok("team", "publish"); !strings.Contains(out, "Nothing to publish") {
		t.Errorf("team publish again:\n%s", out)
	}
	alice.ok("tick", second, "--level", "4")
	if out := alice.ok("checkin", "--label", "two"); !strings.Contains(out, "Published 1 check-in to the team.") {
		t.Errorf("checkin online:\n%s", out)
	}

	bob := newHarness(t)
	saveProfile(t, bob, tracker.Profile{Name: "Bob B", Stage: "junior", Region: "uk"})
	asRole(t, teamtest.Bob)
	bob.ok("team", "join", pg.URL(teamtest.Bob), "--name", "Robert")
	bob.ok("tick", first)
	bob.ok("checkin")

	maria := newHarness(t)
	asRole(t, teamtest.Manager)
	maria.ok("team", "join", pg.URL(teamtest.Manager))
	status := maria.ok("team", "status", "--team", "platform")
	for _, want := range []string{"Alice L", "Robert", "DevOps Engineer (Mid)", "overdue", "More than three years at one level"} {
		if !strings.Contains(status, want) {
			t.Errorf("team status lacks %q:\n%s", want, status)
		}
	}
	var doc struct {
		Manager string `json:"manager"`
		Reports []struct {
			Role          string          `json:"role"`
			Name          string          `json:"name"`
			Claimed       float64         `json:"claimed"`
			ClaimedChange *float64        `json:"claimed_change"`
			MonthsInStage int             `json:"months_in_stage"`
			Warning       string          `json:"warning"`
			Plan          json.RawMessage `json:"plan"`
		} `json:"reports"`
	}
	if err := json.Unmarshal([]byte(maria.ok("team", "status", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Manager != teamtest.Manager || len(doc.Reports) != 2 || doc.Reports[0].Name != "Alice L" || doc.Reports[0].ClaimedChange == nil ||
		doc.Reports[0].MonthsInStage != 49 || doc.Reports[0].Warning == "" || doc.Reports[1].Name != "Robert" || doc.Reports[1].ClaimedChange != nil {
		t.Errorf("team status --json: %+v", doc)
	}
	// The manager sees the target and forecast each report's own devpath
	// shows them, as 'status --json' names them, and nothing of the rest.
	for i, h := range []*harness{alice, bob} {
		var own struct {
			Plan struct {
				Target   *string         `json:"target"`
				Forecast json.RawMessage `json:"forecast"`
				Reason   string          `json:"reason,omitempty"`
				OnTrack  *bool           `json:"on_track"`
			} `json:"plan"`
		}
		if err := json.Unmarshal([]byte(h.ok("status", "--json")), &own); err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(own.Plan)
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(doc.Reports[i].Plan, &got); err != nil || len(got) > 4 || !jsonEqual(t, doc.Reports[i].Plan, want) {
			t.Errorf("%s's plan as the manager reads it: %s, want what her own status says: %s", doc.Reports[i].Name, doc.Reports[i].Plan, want)
		}
	}
	var ap team.Plan
	if err := json.Unmarshal(doc.Reports[0].Plan, &ap); err != nil {
		t.Fatal(err)
	}
	if !ap.Target.Equal(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)) || ap.Forecast == nil {
		t.Errorf("alice's plan %s: want her target and a forecast", doc.Reports[0].Plan)
	}
	if !strings.Contains(status, "PLAN") || !strings.Contains(status, ap.Short()) || !strings.Contains(status, "no target · no forecast yet (too little history)") {
		t.Errorf("team status: want each report's plan, %q for alice:\n%s", ap.Short(), status)
	}
	var cov struct {
		Reports int `json:"reports"`
		Entries []struct {
			ID         string   `json:"id"`
			Proficient int      `json:"proficient"`
			Who        []string `json:"who"`
		} `json:"entries"`
		Uncovered []string `json:"uncovered"`
	}
	if err := json.Unmarshal([]byte(maria.ok("team", "coverage", "--json")), &cov); err != nil {
		t.Fatal(err)
	}
	if cov.Reports != 2 || cov.Entries[0].ID != first || cov.Entries[0].Proficient != 2 || cov.Entries[1].Proficient != 1 ||
		len(cov.Uncovered) != len(entries)-2 {
		t.Errorf("team coverage --json: %d reports, first %+v, second %+v, %d uncovered", cov.Reports, cov.Entries[0], cov.Entries[1], len(cov.Uncovered))
	}
	if out := maria.ok("team", "coverage"); !strings.Contains(out, "among 2 reports") || !strings.Contains(out, fmt.Sprintf("Nobody covers %d entries", len(entries)-2)) {
		t.Errorf("team coverage:\n%s", out)
	}

	// Bob manages nobody; alice sees no report either.
	asRole(t, teamtest.Bob)
	if out := bob.ok("team", "status"); !strings.Contains(out, "You manage nobody") {
		t.Errorf("bob's team status:\n%s", out)
	}
	if out := bob.ok("team", "leave"); !strings.Contains(out, "Left the team database") {
		t.Errorf("team leave:\n%s", out)
	}
	bob.ok("checkin", "--label", "after leaving") // no note, nothing queued
	if r := bob.run("team", "publish"); r.code != 1 || !strings.Contains(r.stderr, "joined no team") {
		t.Errorf("publish after leaving: exit %d, %s", r.code, r.stderr)
	}
}

func TestTeamUsage(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{
		{"team", "join", "mysql://x/y"},
		{"team", "join"},
		{"team", "admin", "add-member", "platform", "maria"},
		{"team", "admin", "rename"},
		{"team", "status", "--url", "http://x"},
	} {
		if r := h.run(args...); r.code != 2 {
			t.Errorf("devpath %s: exit %d, want 2 (%s)", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	if r := h.run("team", "publish"); r.code != 1 || !strings.Contains(r.stderr, "joined no team") {
		t.Errorf("publish without joining: exit %d, %s", r.code, r.stderr)
	}
	if out := h.ok("help", "team"); !strings.Contains(out, "team join URL") || !strings.Contains(out, "team coverage") {
		t.Errorf("help team:\n%s", out)
	}
}

// forgedName is a display name that, printed as it is, adds a row of its
// own to the table of 'team status'.
const forgedName = "Dave\tStaff / Principal\t99.0\t99.0\t+86.4\t1 month\t2026-12-06\nZed"

func TestTeamViewsWithBadRowsAndForgedNames(t *testing.T) {
	pg := teamCluster(t)
	ctx := context.Background()
	const lead, dave, zed = "cli_lead", "cli_dave", "cli_zed"
	if err := pg.AddRoles(ctx, lead, dave, zed); err != nil {
		t.Fatal(err)
	}
	admin := newHarness(t)
	asRole(t, teamtest.Admin)
	adminURL := pg.URL(teamtest.Admin)
	admin.ok("team", "init", adminURL)
	for _, m := range []string{dave, zed} {
		admin.ok("team", "admin", "add-member", "forge", lead, m, "--url", adminURL)
	}
	d, z := newHarness(t), newHarness(t)
	asRole(t, dave)
	d.ok("team", "join", pg.URL(dave), "--name", "Dave")
	d.ok("tick", roadmap.Default().Entries()[0].Item.ID, "--level", "3")
	d.ok("checkin")
	asRole(t, zed)
	// The forged name and another's name are refused by devpath, one line.
	for _, name := range []string{forgedName, "dave"} {
		if r := z.run("team", "join", pg.URL(zed), "--name", name); r.code != 1 || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("join as %q: exit %d, %q; want a one-line refusal", name, r.code, r.stderr)
		}
	}
	z.ok("team", "join", pg.URL(zed), "--name", "Zed")
	z.ok("checkin")

	// Rows from before the schema's checks, planted past them: a forged
	// name for Zed and a check-in at 'infinity'; for Dave a later
	// check-in whose stage began at 'infinity' and whose level is "lots".
	if err := pg.WithoutChecks(ctx, teamtest.DBName, "people",
		"UPDATE people SET display_name = '"+strings.ReplaceAll(forgedName, "'", "''")+"' WHERE role_name = '"+zed+"'"); err != nil {
		t.Fatal(err)
	}
	ins := `INSERT INTO published_checkins (owner, checkin_uuid, at, stage, claimed_score, verdict, roadmap_id, roadmap_version, months_in_stage, stage_since, items)
VALUES ('%s', gen_random_uuid(), '%s', 'junior', 50, 'x', '', 0, 1, %s, '%s')`
	if err := pg.WithoutChecks(ctx, teamtest.DBName, "published_checkins",
		fmt.Sprintf(ins, zed, "infinity", "NULL", "{}"),
		fmt.Sprintf(ins, dave, "2199-01-01", "'infinity'", `{"k8s-helm":{"level":"lots"}}`)); err != nil {
		t.Fatal(err)
	}

	m := newHarness(t)
	asRole(t, lead)
	status := m.ok("team", "status", "--url", pg.URL(lead))
	table := strings.Split(strings.SplitN(status, "\n\n", 2)[0], "\n")
	if len(table) != 3 || !strings.HasPrefix(table[1], "Dave (cli_dave)") || !strings.HasPrefix(table[2], `Dave\x09Staff`) ||
		!strings.Contains(table[2], `\x0aZed (cli_zed)`) {
		t.Errorf("team status: want a heading and one row per person, the forged name escaped:\n%s", status)
	}
	if !strings.Contains(table[1], "(unreadable)") || !strings.Contains(status, `the day its stage began`) ||
		!strings.Contains(status, "1 check-in could not be read (a time outside 1900 to 2200)") {
		t.Errorf("team status does not tell the unreadable rows:\n%s", status)
	}
	var doc struct {
		Reports []struct {
			Role, Name, Problem string
			Unreadable          int
		} `json:"reports"`
	}
	if err := json.Unmarshal([]byte(m.ok("team", "status", "--url", pg.URL(lead), "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Reports) != 2 || doc.Reports[0].Problem == "" || doc.Reports[1].Name != forgedName || doc.Reports[1].Unreadable != 1 {
		t.Errorf("team status --json: %+v", doc.Reports)
	}
	cov := m.ok("team", "coverage", "--url", pg.URL(lead))
	if !strings.Contains(cov, "among 1 report") || !strings.Contains(cov, "1 report could not be read and is not counted:") || !strings.Contains(cov, `has level "lots"`) {
		t.Errorf("team coverage:\n%s", cov)
	}
	var covDoc struct {
		Reports    int `json:"reports"`
		Unreadable []struct {
			Role string `json:"role"`
		} `json:"unreadable"`
	}
	if err := json.Unmarshal([]byte(m.ok("team", "coverage", "--url", pg.URL(lead), "--json")), &covDoc); err != nil {
		t.Fatal(err)
	}
	if covDoc.Reports != 1 || len(covDoc.Unreadable) != 1 || covDoc.Unreadable[0].Role != dave {
		t.Errorf("team coverage --json: %+v", covDoc)
	}
}

// TestTeamStatusTableEscapesNames prints reports whose names and stage
// titles hold tabs, line breaks and an escape sequence: the table keeps one
// line per person, the heading's columns, and no raw control character.
func TestTeamStatusTableEscapesNames(t *testing.T) {
	var out bytes.Buffer
	c := &ctx{stdout: &out}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	reports := []team.Report{
		{Role: "zed", Name: forgedName, CheckedIn: true, LastCheckIn: at, Stage: "junior", StageTitle: "Junior\x1b[31m", Claimed: 10, Timeline: tracker.TimelineUnknown,
			Plan: &team.Plan{Target: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), Reason: tracker.ReasonNoRise}},
		{Role: "amy", Name: "Amy\r\nBoss\t100", Timeline: tracker.TimelineUnknown},
	}
	if err := printReports(c, reports); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if len(lines) != 3 || strings.ContainsAny(out.String(), "\t\r\x1b") {
		t.Fatalf("want a heading and two rows, nothing raw:\n%q", out.String())
	}
	heading := len(strings.Fields(lines[0]))
	if !strings.HasPrefix(lines[1], `Dave\x09Staff / Principal\x0999.0`) || !strings.Contains(lines[1], `\x0aZed (zed)`) || !strings.Contains(lines[1], `Junior\x1b[31m`) {
		t.Errorf("row 1 = %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], `Amy\x0d\x0aBoss\x09100 (amy)`) {
		t.Errorf("row 2 = %q", lines[2])
	}
	if !strings.HasSuffix(lines[1], "target 2027-06-30 · no forecast (no rise in 90 days)") || !strings.HasSuffix(lines[2], "-") {
		t.Errorf("the plan column: %q, %q", lines[1], lines[2])
	}
	if heading != 10 { // NAME STAGE CLAIMED EVIDENCED CHANGE IN STAGE LAST CHECK-IN PLAN
		t.Errorf("heading %q", lines[0])
	}
}

// jsonEqual reports whether two JSON texts hold the same value.
func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

// TestTeamPublishToAnOlderServer: against a team database still at schema
// version 3 a check-in is published without the plan, with a one-line
// note saying what to do, and the manager's status reads there; once the
// administrator runs 'team init', the next check-in carries the plan.
func TestTeamPublishToAnOlderServer(t *testing.T) {
	pg := teamCluster(t)
	ctx := context.Background()
	const lead, eng = "cli_old_lead", "cli_old_eng"
	if err := pg.AddRoles(ctx, lead, eng); err != nil {
		t.Fatal(err)
	}
	if _, err := pg.Open(t, teamtest.Super, "postgres").Exec("CREATE DATABASE cli_v3 OWNER " + teamtest.Admin); err != nil {
		t.Fatal(err)
	}
	url := func(role string) string { return strings.Replace(pg.URL(role), "/devpath?", "/cli_v3?", 1) }
	admin, err := team.Connect(ctx, team.WithPassword(url(teamtest.Admin), teamtest.Password(teamtest.Admin)), team.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.InitTo(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if err := admin.AddMember(ctx, "old", lead, eng); err != nil {
		t.Fatal(err)
	}

	e := newHarness(t)
	asRole(t, eng)
	e.ok("team", "join", url(eng))
	e.ok("goal", "--by", "2026-06-30")
	r := e.run("checkin")
	if r.code != 0 || !strings.Contains(r.stdout, "Published 1 check-in to the team.") || strings.Count(r.stderr, "\n") != 1 ||
		!strings.Contains(r.stderr, "note: the team database's schema is version 3") || !strings.Contains(r.stderr, "'devpath team init URL'") {
		t.Errorf("checkin to a version 3 server: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	m := newHarness(t)
	asRole(t, lead)
	if out := m.ok("team", "status", "--url", url(lead)); !strings.Contains(out, "no plan shared") {
		t.Errorf("team status on version 3:\n%s", out)
	}

	asRole(t, teamtest.Admin)
	if out := newHarness(t).ok("team", "init", url(teamtest.Admin)); !strings.Contains(out, fmt.Sprintf("version 3 to %d", team.SchemaVersion)) {
		t.Errorf("team init from version 3:\n%s", out)
	}
	asRole(t, eng)
	if r := e.run("checkin", "--label", "after the upgrade"); r.code != 0 || r.stderr != "" {
		t.Errorf("checkin after the upgrade: exit %d, %q", r.code, r.stderr)
	}
	asRole(t, lead)
	if out := m.ok("team", "status", "--url", url(lead)); !strings.Contains(out, "target 2026-06-30 · no forecast yet (too little history)") {
		t.Errorf("team status after the upgrade:\n%s", out)
	}
}
