package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/team/teamtest"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestPlanOf(t *testing.T) {
	yes, no := true, false
	f := &tracker.Forecast{Earliest: day(2027, 3, 2), Likely: day(2027, 5, 10), Latest: day(2027, 8, 30)}
	for _, tc := range []struct {
		what  string
		st    tracker.PlanStatus
		short string
	}{
		{"a target and a forecast, on track",
			tracker.PlanStatus{Target: day(2027, 6, 30), OnTrack: &yes, Claimed: tracker.Outlook{Forecast: f}},
			"target 2027-06-30 · forecast Mar–Aug 2027 · on track"},
		{"no target, a forecast over two years",
			tracker.PlanStatus{Claimed: tracker.Outlook{Forecast: &tracker.Forecast{Earliest: day(2026, 11, 1), Likely: day(2027, 1, 1), Latest: day(2027, 2, 1)}}},
			"no target · forecast Nov 2026–Feb 2027"},
		{"a forecast within one month, not on track",
			tracker.PlanStatus{Target: day(2026, 1, 1), OnTrack: &no, Claimed: tracker.Outlook{Forecast: &tracker.Forecast{Earliest: day(2026, 4, 1), Likely: day(2026, 4, 9), Latest: day(2026, 4, 30)}}},
			"target 2026-01-01 · forecast Apr 2026 · not on track"},
		{"too little history",
			tracker.PlanStatus{Target: day(2027, 6, 30), Claimed: tracker.Outlook{Reason: tracker.ReasonTooLittleHistory}},
			"target 2027-06-30 · no forecast yet (too little history)"},
		{"ready",
			tracker.PlanStatus{Target: day(2027, 6, 30), OnTrack: &yes, Claimed: tracker.Outlook{Reason: tracker.ReasonReached}},
			"target 2027-06-30 · ready now · on track"},
		{"a forecast past 2200",
			tracker.PlanStatus{Claimed: tracker.Outlook{Forecast: &tracker.Forecast{Earliest: day(2090, 1, 1), Likely: day(2150, 1, 1), Latest: day(2210, 1, 1)}}},
			"no target · no forecast (not before 2200 at this pace)"},
	} {
		t.Run(tc.what, func(t *testing.T) {
			p := PlanOf(tc.st)
			if got := p.Short(); got != tc.short {
				t.Errorf("Short() = %q, want %q", got, tc.short)
			}
			// What goes to the server: the forecast whole or none with a
			// reason, never both.
			a := p.args()
			if (a[2] == nil) == (a[4] == nil) {
				t.Errorf("args %v: want a forecast or a reason", a)
			}
			b, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			var back Plan
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.Short() != tc.short {
				t.Errorf("through JSON %s: %q", b, back.Short())
			}
		})
	}
	if got := (*Plan)(nil).Short(); got != "no plan shared" {
		t.Errorf("a nil plan says %q", got)
	}
	b, _ := json.Marshal(PlanOf(tracker.PlanStatus{Target: day(2027, 6, 30), OnTrack: &yes, Claimed: tracker.Outlook{Forecast: f}}))
	if want := `{"target":"2027-06-30","forecast":{"earliest":"2027-03-02","likely":"2027-05-10","latest":"2027-08-30"},"on_track":true}`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	b, _ = json.Marshal(PlanOf(tracker.PlanStatus{Claimed: tracker.Outlook{Reason: tracker.ReasonNoRise}}))
	if want := `{"target":null,"forecast":null,"reason":"no-rise","on_track":null}`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
}

// planOfRow reads the plan's columns of the check-in uuid as db's role.
func planOfRow(t *testing.T, db *sql.DB, uuid string) (*Plan, bool) {
	t.Helper()
	var r planRow
	err := db.QueryRow("SELECT "+strings.ReplaceAll(planColumns, "l.", "")+" FROM published_checkins WHERE checkin_uuid = $1", uuid).Scan(r.dests()...)
	if err == sql.ErrNoRows {
		return nil, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return r.plan(), true
}

func TestPublishCarriesThePlan(t *testing.T) {
	yes := true
	a := newEngineer(t, teamtest.Alice, "mid", day(2024, 1, 10), false)
	b := newEngineer(t, teamtest.Bob, "junior", time.Time{}, false)
	want := &Plan{Target: day(2027, 6, 30), OnTrack: &yes,
		Forecast: &tracker.Forecast{Earliest: day(2027, 2, 1), Likely: day(2027, 4, 15), Latest: day(2027, 7, 1)}}
	calls := 0
	plan := func() *Plan { calls++; return want }
	a.checkIn(t, nil)
	a.checkIn(t, map[string]tracker.Level{roadmap.Default().Entries()[0].Item.ID: tracker.Proficient})
	queued := pendingUUIDs(t, a.st)
	res, err := a.conn.Publish(context.Background(), a.st, plan)
	if err != nil || res.Sent != 2 || res.PlanLeftOut != 0 || res.Note() != "" || calls != 1 {
		t.Fatalf("publish = %+v, %v, the plan asked %d times; want 2 sent, no note, the plan asked once", res, err, calls)
	}
	if res, err := a.conn.Publish(context.Background(), a.st, plan); err != nil || calls != 1 || res.Sent != 0 {
		t.Errorf("publish with nothing queued = %+v, %v; the plan asked %d times, want once in all", res, err, calls)
	}
	// Only the newest carries it; she reads both back as herself.
	alice := pg.Open(t, teamtest.Alice, teamtest.DBName)
	if p, ok := planOfRow(t, alice, queued[0]); !ok || p != nil {
		t.Errorf("the older check-in: plan %+v (row read %v), want none", p, ok)
	}
	if p, ok := planOfRow(t, alice, queued[1]); !ok || p.Short() != want.Short() {
		t.Errorf("the newest check-in: plan %q (row read %v), want %q", p.Short(), ok, want.Short())
	}
	// Bob shares a plan with no target and no forecast.
	b.checkIn(t, nil)
	bq := pendingUUIDs(t, b.st)
	if _, err := b.conn.Publish(context.Background(), b.st, func() *Plan { return &Plan{Reason: tracker.ReasonTooLittleHistory} }); err != nil {
		t.Fatal(err)
	}

	// Row-level security binds the new columns as it binds the rest:
	// Bob reads none of Alice's, not even through the plan's columns.
	bob := pg.Open(t, teamtest.Bob, teamtest.DBName)
	if p, ok := planOfRow(t, bob, queued[1]); ok {
		t.Errorf("bob reads alice's plan: %+v", p)
	}
	var n int
	if err := bob.QueryRow("SELECT count(*) FROM published_checkins WHERE owner = 'alice' OR target IS NOT NULL").Scan(&n); err != nil || n != 0 {
		t.Errorf("bob counts %d rows of alice's or with a target (%v), want 0", n, err)
	}
	erin := pg.Open(t, teamtest.Erin, teamtest.DBName)
	if p, ok := planOfRow(t, erin, bq[0]); ok {
		t.Errorf("erin reads bob's plan (he manages her, not she him): %+v", p)
	}
	// Nobody writes a plan in another's name or changes one.
	insPlan := `INSERT INTO published_checkins (owner, checkin_uuid, at, stage, claimed_score, verdict, roadmap_id, roadmap_version, months_in_stage, items, target, forecast_reason)
		VALUES ($1, gen_random_uuid(), '2026-02-01T10:00:00Z', 'junior', 10, 'x', '', 0, 0, '{}', '2027-01-01', 'no-rise')`
	denied(t, bob, "bob", insPlan, "row-level security", teamtest.Alice)
	if _, err := bob.Exec(insPlan, teamtest.Bob); err != nil {
		t.Errorf("bob inserting his own row with a plan: %v", err)
	}
	denied(t, bob, "bob", "UPDATE published_checkins SET target = '2030-01-01' WHERE owner = 'bob'", "permission denied")
	denied(t, alice, "alice", "UPDATE published_checkins SET on_track = false WHERE owner = 'alice'", "permission denied")
	super := pg.Open(t, teamtest.Super, teamtest.DBName)
	denied(t, super, "superuser", "UPDATE published_checkins SET forecast_reason = 'no-rise' WHERE owner = 'alice'", "cannot be changed or deleted")

	// Their manager reads each one's plan, and nothing else new.
	m := connect(t, teamtest.Manager)
	reports, err := m.Status(context.Background(), "platform", roadmap.Default(), clock)
	if err != nil || len(reports) != 2 {
		t.Fatalf("status: %+v, %v", reports, err)
	}
	ra, rb := reports[0], reports[1]
	if ra.Role != teamtest.Alice || ra.Plan.Short() != "target 2027-06-30 · forecast Feb–Jul 2027 · on track" {
		t.Errorf("alice's plan as her manager reads it: %q", ra.Plan.Short())
	}
	if rb.Role != teamtest.Bob || rb.Plan == nil || rb.Plan.Short() != "no target · no forecast yet (too little history)" {
		t.Errorf("bob's plan: %q", rb.Plan.Short())
	}
	doc, err := json.Marshal(ra)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"plan":{"target":"2027-06-30","forecast":{"earliest":"2027-02-01","likely":"2027-04-15","latest":"2027-07-01"},"on_track":true}`; !strings.Contains(string(doc), want) {
		t.Errorf("alice's report in JSON: %s\nwant %s", doc, want)
	}
}

const planInsert = `INSERT INTO published_checkins (checkin_uuid, at, stage, claimed_score, verdict, roadmap_id, roadmap_version,
	months_in_stage, items, target, forecast_earliest, forecast_likely, forecast_latest, forecast_reason, on_track)
VALUES (gen_random_uuid(), '2026-02-01T10:00:00Z', 'junior', 10, 'x', '', 0, 0, '{}', $1, $2, $3, $4, $5, $6)`

func TestSchemaRefusesPlansDevpathNeverWrites(t *testing.T) {
	ensureTeam(t)
	alice := pg.Open(t, teamtest.Alice, teamtest.DBName)
	for _, good := range [][]any{
		{"2027-06-30", "2027-02-01", "2027-04-15", "2027-07-01", nil, true},
		{nil, "2027-02-01", "2027-02-01", "2027-02-01", nil, nil},
		{"2027-06-30", nil, nil, nil, "too-little-history", nil},
		{nil, nil, nil, nil, "no-rise", nil},
		{nil, nil, nil, nil, nil, nil}, // a devpath before plans
	} {
		if _, err := alice.Exec(planInsert, good...); err != nil {
			t.Errorf("a plan as devpath writes it %v: %v", good, err)
		}
	}
	for _, tc := range []struct {
		what string
		args []any
	}{
		{"target infinity", []any{"infinity", nil, nil, nil, "no-rise", nil}},
		{"target in 9999", []any{"9999-01-01", nil, nil, nil, "no-rise", nil}},
		{"a forecast out of order", []any{nil, "2027-05-01", "2027-04-01", "2027-06-01", nil, nil}},
		{"latest before likely", []any{nil, "2027-01-01", "2027-04-01", "2027-03-01", nil, nil}},
		{"a forecast without its latest day", []any{nil, "2027-01-01", "2027-04-01", nil, nil, nil}},
		{"only an earliest day", []any{nil, "2027-01-01", nil, nil, "no-rise", nil}},
		{"latest infinity", []any{nil, "2027-01-01", "2027-04-01", "infinity", nil, nil}},
		{"a forecast and a reason", []any{nil, "2027-01-01", "2027-04-01", "2027-06-01", "no-rise", nil}},
		{"a reason with a newline", []any{nil, nil, nil, nil, "no-rise\nx", nil}},
		{"a reason in capitals", []any{nil, nil, nil, nil, "NO-RISE", nil}},
		{"on track without a target", []any{nil, "2027-01-01", "2027-04-01", "2027-06-01", nil, true}},
		{"a target without a forecast or a reason", []any{"2027-06-30", nil, nil, nil, nil, nil}},
	} {
		t.Run(tc.what, func(t *testing.T) {
			refusedWith(t, alice, "alice", "23514", planInsert, tc.args...)
		})
	}
}

// otherDB is a new database named name owned by the administrator, with
// the schema up to version upTo and Alice and Bob under the manager in
// the team "old"; it returns the URL maker for it.
func otherDB(t *testing.T, name string, upTo int) func(role string) string {
	t.Helper()
	ensureTeam(t)
	ctx := context.Background()
	super := pg.Open(t, teamtest.Super, "postgres")
	if _, err := super.Exec("CREATE DATABASE " + name + " OWNER " + teamtest.Admin); err != nil {
		t.Fatal(err)
	}
	url := func(role string) string { return strings.Replace(pg.URL(role), "/devpath?", "/"+name+"?", 1) }
	admin, err := Connect(ctx, url(teamtest.Admin), Options{Password: func() (string, error) { return teamtest.Password(teamtest.Admin), nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if res, err := admin.initTo(ctx, upTo); err != nil || res.To != upTo {
		t.Fatalf("schema version %d: %+v, %v", upTo, res, err)
	}
	for _, m := range []string{teamtest.Alice, teamtest.Bob} {
		if err := admin.AddMember(ctx, "old", teamtest.Manager, m); err != nil {
			t.Fatal(err)
		}
	}
	return url
}

func connectTo(t *testing.T, url, role string) *Conn {
	t.Helper()
	c, err := Connect(context.Background(), url, Options{Password: func() (string, error) { return teamtest.Password(role), nil }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestPlanAgainstAnOlderServer: this devpath publishing to a server at
// schema version 3 sends the check-ins without the plan and says what to
// do; the manager's view reads there; once the administrator upgrades,
// the next check-in carries it.
func TestPlanAgainstAnOlderServer(t *testing.T) {
	url := otherDB(t, "devpath_v3", 3)
	ctx := context.Background()
	a := newEngineer(t, teamtest.Alice, "mid", day(2024, 1, 10), false)
	a.conn = connectTo(t, url(teamtest.Alice), teamtest.Alice)
	plan := func() *Plan { return &Plan{Target: day(2027, 6, 30), Reason: tracker.ReasonTooLittleHistory} }
	a.checkIn(t, nil)
	res, err := a.conn.Publish(ctx, a.st, plan)
	if err != nil || res.Sent != 1 || res.PlanLeftOut != 3 {
		t.Fatalf("publish to version 3 = %+v, %v; want it sent, the plan left out", res, err)
	}
	if n := res.Note(); !strings.Contains(n, "version 3") || !strings.Contains(n, "devpath team init URL") || strings.Contains(n, "\n") {
		t.Errorf("the note %q: want the version and what to do, in one line", n)
	}
	// Without a plan to send there is nothing to say.
	a.checkIn(t, nil)
	if res, err := a.conn.Publish(ctx, a.st, nil); err != nil || res.PlanLeftOut != 0 || res.Note() != "" {
		t.Errorf("publish without a plan = %+v, %v; want no note", res, err)
	}
	m := connectTo(t, url(teamtest.Manager), teamtest.Manager)
	reports, err := m.Status(ctx, "old", roadmap.Default(), clock)
	if err != nil || len(reports) != 2 || !reports[0].CheckedIn || reports[0].Plan != nil {
		t.Fatalf("status on version 3: %+v, %v; want alice checked in, no plan", reports, err)
	}

	admin := connectTo(t, url(teamtest.Admin), teamtest.Admin)
	up, err := admin.Init(ctx)
	if err != nil || up.From != 3 || up.To != SchemaVersion || len(up.Applied) != 1 || len(up.Unvalidated) != 0 {
		t.Fatalf("upgrade from 3 = %+v, %v; want step %d alone, every check valid", up, err, PlanSchema)
	}
	// The check-ins from before read as no plan; a new connection (the
	// next publish) sends it.
	m = connectTo(t, url(teamtest.Manager), teamtest.Manager)
	if reports, err := m.Status(ctx, "old", roadmap.Default(), clock); err != nil || reports[0].Plan != nil {
		t.Fatalf("status after the upgrade: %+v, %v; want the old check-in without a plan", reports, err)
	}
	a.conn = connectTo(t, url(teamtest.Alice), teamtest.Alice)
	a.checkIn(t, nil)
	if res, err := a.conn.Publish(ctx, a.st, plan); err != nil || res.PlanLeftOut != 0 {
		t.Fatalf("publish after the upgrade = %+v, %v", res, err)
	}
	reports, err = m.Status(ctx, "old", roadmap.Default(), clock)
	if err != nil || reports[0].Plan.Short() != "target 2027-06-30 · no forecast yet (too little history)" {
		t.Errorf("status after the upgrade and a check-in: %q, %v", reports[0].Plan.Short(), err)
	}
}

// TestOlderClientAgainstThisServer: what a devpath from before plans
// sends (the version 3 statement) is stored by a server at PlanSchema,
// and the manager's view shows that check-in without a plan.
func TestOlderClientAgainstThisServer(t *testing.T) {
	url := otherDB(t, "devpath_v4_old_client", SchemaVersion)
	b := newEngineer(t, teamtest.Bob, "junior", day(2025, 9, 1), false)
	c := b.checkIn(t, nil)
	pending, err := b.st.TeamPending()
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending %d, %v", len(pending), err)
	}
	args, err := rowArgs(pending[0])
	if err != nil {
		t.Fatal(err)
	}
	bob := pg.Open(t, teamtest.Bob, "devpath_v4_old_client")
	if _, err := bob.Exec(insertCheckInV3, args...); err != nil {
		t.Fatalf("an older devpath's insert: %v", err)
	}
	m := connectTo(t, url(teamtest.Manager), teamtest.Manager)
	reports, err := m.Status(context.Background(), "old", roadmap.Default(), clock)
	if err != nil || len(reports) != 2 {
		t.Fatalf("status: %+v, %v", reports, err)
	}
	rb := reports[1]
	if rb.Role != teamtest.Bob || !rb.CheckedIn || rb.Claimed != c.Score || rb.Plan != nil || rb.Plan.Short() != "no plan shared" {
		t.Errorf("bob: %+v; want his check-in read, no plan shared", rb)
	}
}
