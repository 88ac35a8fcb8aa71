package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/store"
	"devpath/tracker/team/teamtest"
	"devpath/tracker/words"
)

var (
	schemaOnce sync.Once
	schemaErr  error
)

// ensureTeam installs the schema and the team "platform": the manager
// manages Alice and Bob; Erin is in another team under Bob.
func ensureTeam(t *testing.T) {
	t.Helper()
	schemaOnce.Do(func() {
		ctx := context.Background()
		c, err := Connect(ctx, pg.URL(teamtest.Admin), Options{Password: func() (string, error) { return teamtest.Password(teamtest.Admin), nil }})
		if err != nil {
			schemaErr = err
			return
		}
		defer c.Close()
		if _, schemaErr = c.Init(ctx); schemaErr != nil {
			return
		}
		for _, m := range [][3]string{{"platform", teamtest.Manager, teamtest.Alice}, {"platform", teamtest.Manager, teamtest.Bob}, {"data", teamtest.Bob, teamtest.Erin}} {
			if schemaErr = c.AddMember(ctx, m[0], m[1], m[2]); schemaErr != nil {
				return
			}
		}
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
}

// engineer is one person's local devpath, joined to the team.
type engineer struct {
	role string
	st   *store.Store
	conn *Conn
	rm   *roadmap.Roadmap
}

// clock is the time of every local devpath of the tests: each check-in
// moves it on an hour, so that check-ins are in time order across tests.
var clock = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func newEngineer(t *testing.T, role, stage string, since time.Time, share bool) *engineer {
	t.Helper()
	ensureTeam(t)
	e := &engineer{role: role, rm: roadmap.Default()}
	st, err := store.OpenWith(filepath.Join(t.TempDir(), "devpath.db"), store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SaveProfile(tracker.Profile{Name: role, Stage: stage, StageSince: since, Region: "uk"}); err != nil {
		t.Fatal(err)
	}
	if err := st.JoinTeam(Redact(pg.URL(role)), share); err != nil {
		t.Fatal(err)
	}
	e.st, e.conn = st, connect(t, role)
	return e
}

// checkIn sets the levels given, checks in an hour later than the last
// one, and returns the check-in.
func (e *engineer) checkIn(t *testing.T, levels map[string]tracker.Level) tracker.CheckIn {
	t.Helper()
	for id, l := range levels {
		if err := e.st.SetLevel(id, l, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	clock = clock.Add(time.Hour)
	c, err := e.st.CheckInNow("", e.rm, clock)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *engineer) publish(t *testing.T) PublishResult {
	t.Helper()
	res, err := e.conn.Publish(context.Background(), e.st, nil)
	if err != nil {
		t.Fatalf("publish as %s: %v", e.role, err)
	}
	return res
}

// countUUIDs counts the published rows with the uuids, as the superuser
// (who is not bound by the policies).
func countUUIDs(t *testing.T, uuids []string) int {
	t.Helper()
	db := pg.Open(t, teamtest.Super, teamtest.DBName)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM published_checkins WHERE checkin_uuid::text = ANY($1)", uuids).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func pendingUUIDs(t *testing.T, st *store.Store) []string {
	t.Helper()
	p, err := st.TeamPending()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range p {
		out = append(out, c.UUID)
	}
	return out
}

func TestInitTwiceIsIdempotent(t *testing.T) {
	ensureTeam(t)
	admin := connect(t, teamtest.Admin)
	policies := func() int {
		var n int
		if err := admin.DB().QueryRow("SELECT count(*) FROM pg_policies WHERE schemaname = 'public'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := policies()
	for range 2 {
		res, err := admin.Init(context.Background())
		if err != nil {
			t.Fatalf("init again: %v", err)
		}
		if res.From != SchemaVersion || res.To != SchemaVersion || len(res.Applied) != 0 {
			t.Errorf("init on an installed schema = %+v, want nothing applied at version %d", res, SchemaVersion)
		}
	}
	var rows, maxV int
	if err := admin.DB().QueryRow("SELECT count(*), max(version) FROM devpath_schema").Scan(&rows, &maxV); err != nil {
		t.Fatal(err)
	}
	if rows != len(steps) || maxV != SchemaVersion {
		t.Errorf("devpath_schema has %d rows up to %d, want %d up to %d", rows, maxV, len(steps), SchemaVersion)
	}
	if after := policies(); after != before || before < 7 {
		t.Errorf("policies: %d before, %d after init twice (want the same, at least 7)", before, after)
	}
	// A new database: the first init applies every step.
	super := pg.Open(t, teamtest.Super, "postgres")
	if _, err := super.Exec("CREATE DATABASE devpath_fresh OWNER " + teamtest.Admin); err != nil {
		t.Fatal(err)
	}
	u := strings.Replace(pg.URL(teamtest.Admin), "/devpath?", "/devpath_fresh?", 1)
	fresh, err := Connect(context.Background(), u, Options{Password: func() (string, error) { return teamtest.Password(teamtest.Admin), nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	res, err := fresh.Init(context.Background())
	if err != nil || res.From != 0 || res.To != SchemaVersion || len(res.Applied) != len(steps) {
		t.Errorf("first init = %+v, %v; want every step from 0", res, err)
	}
}

func TestPublishAndReadBack(t *testing.T) {
	rm := roadmap.Default()
	since := time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)
	a := newEngineer(t, teamtest.Alice, "junior", since, true)
	ids := []string{rm.Entries()[0].Item.ID, rm.Entries()[1].Item.ID}
	if _, err := a.st.AddEvidence(tracker.Evidence{ItemID: ids[0], Note: "Ran the systemd migration\nDetails follow", Link: "https://example.com/pr/1"}); err != nil {
		t.Fatal(err)
	}
	c1 := a.checkIn(t, map[string]tracker.Level{ids[0]: tracker.Proficient})
	c2 := a.checkIn(t, map[string]tracker.Level{ids[1]: tracker.Expert})
	queued := pendingUUIDs(t, a.st)
	if len(queued) != 2 {
		t.Fatalf("queued %d check-ins, want 2", len(queued))
	}
	if res := a.publish(t); res.Sent != 2 || res.Left != 0 {
		t.Errorf("publish = %+v, want 2 sent", res)
	}
	if res := a.publish(t); res.Sent != 0 || res.Already != 0 || res.Left != 0 {
		t.Errorf("publish again = %+v, want nothing to do", res)
	}
	if n := countUUIDs(t, queued); n != 2 {
		t.Errorf("server holds %d of the check-ins, want 2", n)
	}
	// Alice reads her own back, as herself.
	rows, err := a.conn.DB().Query(`SELECT owner, checkin_uuid::text, stage, claimed_score, verdict, months_in_stage,
		stage_since, items::text, evidence::text FROM published_checkins WHERE checkin_uuid::text = ANY($1) ORDER BY at`, queued)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for i := 0; rows.Next(); i++ {
		var owner, id, stage, verdict, items, evidence string
		var score float64
		var months int
		var stageSince time.Time
		if err := rows.Scan(&owner, &id, &stage, &score, &verdict, &months, &stageSince, &items, &evidence); err != nil {
			t.Fatal(err)
		}
		want := []tracker.CheckIn{c1, c2}[i]
		if owner != teamtest.Alice || id != queued[i] || stage != "junior" || score != want.Score || verdict != want.Verdict {
			t.Errorf("row %d = %s %s %s %v %s, want alice %s junior %v %s", i, owner, id, stage, score, verdict, queued[i], want.Score, want.Verdict)
		}
		if months != 25 || !stageSince.Equal(since) {
			t.Errorf("row %d: %d months in stage since %v, want 25 since %v", i, months, stageSince, since)
		}
		var it map[string]tracker.TeamItem
		if err := json.Unmarshal([]byte(items), &it); err != nil {
			t.Fatal(err)
		}
		for id, st := range want.Items {
			if it[id].Level != st.Level {
				t.Errorf("row %d: %s at level %d, want %d", i, id, it[id].Level, st.Level)
			}
		}
		if !strings.Contains(evidence, "Ran the systemd migration") || strings.Contains(evidence, "Details follow") || !strings.Contains(evidence, "https://example.com/pr/1") {
			t.Errorf("row %d: evidence %s, want the title and link only", i, evidence)
		}
		got = append(got, id)
	}
	if len(got) != 2 {
		t.Errorf("alice reads %d of her check-ins, want 2", len(got))
	}
}

func TestEvidenceStaysUnlessShared(t *testing.T) {
	rm := roadmap.Default()
	b := newEngineer(t, teamtest.Bob, "junior", time.Time{}, false)
	if _, err := b.st.AddEvidence(tracker.Evidence{ItemID: rm.Entries()[0].Item.ID, Note: "private note"}); err != nil {
		t.Fatal(err)
	}
	b.checkIn(t, nil)
	q := pendingUUIDs(t, b.st)
	b.publish(t)
	var ev sql.NullString
	var since sql.NullTime
	if err := b.conn.DB().QueryRow("SELECT evidence::text, stage_since FROM published_checkins WHERE checkin_uuid = $1", q[0]).Scan(&ev, &since); err != nil {
		t.Fatal(err)
	}
	if ev.Valid || since.Valid {
		t.Errorf("evidence %v, stage since %v: want both NULL (not shared, unknown)", ev, since)
	}
}

func TestManagerView(t *testing.T) {
	rm := roadmap.Default()
	e := rm.Entries()
	today := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	a := newEngineer(t, teamtest.Alice, "mid", time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), false)
	b := newEngineer(t, teamtest.Bob, "junior", time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), true)
	x := newEngineer(t, teamtest.Erin, "junior", time.Time{}, true)
	if err := a.conn.SetDisplayName(context.Background(), "Alice Liddell"); err != nil {
		t.Fatal(err)
	}
	var midEntry string
	for _, x := range e {
		if x.Stage == "mid" && x.Kind == roadmap.KindSkill {
			midEntry = x.Item.ID
			break
		}
	}
	a0 := a.checkIn(t, map[string]tracker.Level{e[0].Item.ID: tracker.Learning})
	a1 := a.checkIn(t, map[string]tracker.Level{e[0].Item.ID: tracker.Proficient, e[1].Item.ID: tracker.Expert, midEntry: tracker.Practising})
	b1 := b.checkIn(t, map[string]tracker.Level{e[0].Item.ID: tracker.Proficient, e[1].Item.ID: tracker.Practising})
	x.checkIn(t, map[string]tracker.Level{e[2].Item.ID: tracker.Expert})
	// Bob's later local state must not count: only what he published.
	a.publish(t)
	b.publish(t)
	x.publish(t)
	b.checkIn(t, map[string]tracker.Level{e[2].Item.ID: tracker.Expert}) // queued, not published

	m := connect(t, teamtest.Manager)
	reports, err := m.Status(context.Background(), "platform", rm, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 || reports[0].Role != teamtest.Alice || reports[1].Role != teamtest.Bob {
		t.Fatalf("reports = %+v, want alice then bob", reports)
	}
	ra, rb := reports[0], reports[1]
	if ra.Name != "Alice Liddell" || rb.Name != teamtest.Bob {
		t.Errorf("names %q, %q", ra.Name, rb.Name)
	}
	if ra.Claimed != a1.Score || rb.Claimed != b1.Score || ra.Stage != "mid" || rb.Stage != "junior" {
		t.Errorf("alice %v %s, bob %v %s; want %v mid, %v junior", ra.Claimed, ra.Stage, rb.Claimed, rb.Stage, a1.Score, b1.Score)
	}
	if ra.ClaimedChange == nil || *ra.ClaimedChange <= 0 || *ra.ClaimedChange != round1(a1.Score-a0.Score) {
		t.Errorf("alice's change since her previous check-in = %v, want the rise from %v to %v", ra.ClaimedChange, a0.Score, a1.Score)
	}
	if !ra.LastCheckIn.Equal(a1.At) {
		t.Errorf("alice's last check-in %v, want %v", ra.LastCheckIn, a1.At)
	}
	// Four years at mid: past three years at one level.
	if ra.MonthsInStage != 50 || ra.Warning != words.StallWarning(36) || ra.Timeline != tracker.TimelineOverdue {
		t.Errorf("alice: %d months, timeline %s, warning %q; want 50, overdue, the three-year warning", ra.MonthsInStage, ra.Timeline, ra.Warning)
	}
	if rb.MonthsInStage != 6 || rb.Warning != "" {
		t.Errorf("bob: %d months, warning %q; want 6 and none", rb.MonthsInStage, rb.Warning)
	}
	all, err := m.Status(context.Background(), "", rm, today)
	if err != nil || len(all) != 2 {
		t.Errorf("every team: %d reports, %v; want 2", len(all), err)
	}

	cov, err := m.Coverage(context.Background(), "platform", rm)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]EntryCoverage{}
	for _, c := range cov.Entries {
		byID[c.ID] = c
	}
	if cov.Reports != 2 || len(cov.Entries) != len(e) {
		t.Errorf("coverage of %d reports over %d entries, want 2 over %d", cov.Reports, len(cov.Entries), len(e))
	}
	if c := byID[e[0].Item.ID]; c.Proficient != 2 || !slices.Equal(c.Who, []string{teamtest.Alice, teamtest.Bob}) {
		t.Errorf("%s: %+v, want alice and bob", e[0].Item.ID, c)
	}
	if c := byID[e[1].Item.ID]; c.Proficient != 1 || !slices.Equal(c.Who, []string{teamtest.Alice}) {
		t.Errorf("%s: %+v, want alice only (bob practising)", e[1].Item.ID, c)
	}
	// Erin's expert entry is not the team's, and Bob's is not published.
	if c := byID[e[2].Item.ID]; c.Proficient != 0 || !slices.Contains(cov.Uncovered, e[2].Item.ID) {
		t.Errorf("%s: %+v, want nobody (uncovered)", e[2].Item.ID, c)
	}
	if len(cov.Uncovered) != len(e)-2 {
		t.Errorf("%d uncovered, want %d", len(cov.Uncovered), len(e)-2)
	}
}

// denied runs stmt as db and wants the server to refuse it with an error
// that contains want.
func denied(t *testing.T, db *sql.DB, who, stmt, want string, args ...any) {
	t.Helper()
	_, err := db.Exec(stmt, args...)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%s: %s: err = %v, want it refused (%q)", who, stmt, err, want)
	}
}

func TestDenials(t *testing.T) {
	a := newEngineer(t, teamtest.Alice, "junior", time.Time{}, false)
	b := newEngineer(t, teamtest.Bob, "junior", time.Time{}, false)
	x := newEngineer(t, teamtest.Erin, "junior", time.Time{}, false)
	a.checkIn(t, nil)
	b.checkIn(t, nil)
	x.checkIn(t, nil)
	a.publish(t)
	b.publish(t)
	x.publish(t)

	bob := pg.Open(t, teamtest.Bob, teamtest.DBName)
	var n int
	if err := bob.QueryRow("SELECT count(*) FROM published_checkins WHERE owner = 'alice'").Scan(&n); err != nil || n != 0 {
		t.Errorf("bob reads %d of alice's rows (%v), want 0", n, err)
	}
	if err := bob.QueryRow("SELECT count(*) FROM published_checkins WHERE owner <> 'bob' AND owner <> 'erin'").Scan(&n); err != nil || n != 0 {
		t.Errorf("bob reads %d rows of others than himself and his report (%v), want 0", n, err)
	}
	if err := bob.QueryRow("SELECT count(*) FROM published_checkins WHERE owner = 'erin'").Scan(&n); err != nil || n == 0 {
		t.Errorf("bob, erin's manager, reads %d of her rows (%v), want them", n, err)
	}
	maria := pg.Open(t, teamtest.Manager, teamtest.DBName)
	if err := maria.QueryRow("SELECT count(*) FROM published_checkins WHERE owner = 'erin'").Scan(&n); err != nil || n != 0 {
		t.Errorf("maria reads %d of erin's rows (%v; not her report), want 0", n, err)
	}
	if err := maria.QueryRow("SELECT count(*) FROM memberships WHERE team_name = 'data'").Scan(&n); err != nil || n != 0 {
		t.Errorf("maria reads %d memberships of another team (%v), want 0", n, err)
	}
	ins := `INSERT INTO published_checkins (owner, checkin_uuid, at, stage, claimed_score, verdict, roadmap_id, roadmap_version, months_in_stage, items)
		VALUES ($1, gen_random_uuid(), now(), 'junior', 99, 'ready', '', 0, 0, '{}')`
	denied(t, bob, "bob", ins, "row-level security", teamtest.Alice)
	if _, err := bob.Exec(ins, teamtest.Bob); err != nil {
		t.Errorf("bob inserting his own row: %v", err)
	}
	denied(t, bob, "bob", "UPDATE published_checkins SET claimed_score = 100 WHERE owner = 'bob'", "permission denied")
	denied(t, bob, "bob", "DELETE FROM published_checkins WHERE owner = 'bob'", "permission denied")
	denied(t, bob, "bob", "TRUNCATE published_checkins", "permission denied")
	denied(t, bob, "bob", "ALTER POLICY checkins_select_own ON published_checkins USING (true)", "must be owner")
	denied(t, bob, "bob", "DROP POLICY checkins_select_reports ON published_checkins", "must be owner")
	denied(t, bob, "bob", "CREATE POLICY mine ON published_checkins FOR SELECT USING (true)", "must be owner")
	denied(t, bob, "bob", "ALTER TABLE published_checkins DISABLE ROW LEVEL SECURITY", "must be owner")
	denied(t, bob, "bob", "DROP TABLE published_checkins", "must be owner")
	denied(t, bob, "bob", "INSERT INTO memberships VALUES ('platform', 'bob', 'alice')", "permission denied")
	if r, err := bob.Exec("UPDATE people SET display_name = 'hacked' WHERE role_name = 'alice'"); err == nil {
		if k, _ := r.RowsAffected(); k != 0 {
			t.Errorf("bob renamed alice (%d rows)", k)
		}
	}
	denied(t, bob, "bob", "INSERT INTO people VALUES ('erin', 'not erin')", "")
	// The owner is bound by the policies too (FORCE): it reads nothing
	// and changes nothing; the superuser, who bypasses them, hits the
	// trigger.
	admin := pg.Open(t, teamtest.Admin, teamtest.DBName)
	if err := admin.QueryRow("SELECT count(*) FROM published_checkins").Scan(&n); err != nil || n != 0 {
		t.Errorf("the administrator reads %d check-ins (%v), want 0 (FORCE ROW LEVEL SECURITY)", n, err)
	}
	if r, err := admin.Exec("UPDATE published_checkins SET claimed_score = 100"); err != nil {
		t.Errorf("the administrator's update: %v, want no error and no row", err)
	} else if k, _ := r.RowsAffected(); k != 0 {
		t.Errorf("the administrator changed %d check-ins", k)
	}
	denied(t, admin, "administrator", "TRUNCATE published_checkins", "cannot be changed or deleted")
	super := pg.Open(t, teamtest.Super, teamtest.DBName)
	denied(t, super, "superuser", "UPDATE published_checkins SET claimed_score = 100", "cannot be changed or deleted")
	denied(t, super, "superuser", "DELETE FROM published_checkins", "cannot be changed or deleted")
	denied(t, super, "superuser", "TRUNCATE published_checkins", "cannot be changed or deleted")
}

func TestNetworkCutKeepsTheQueue(t *testing.T) {
	a := newEngineer(t, teamtest.Alice, "junior", time.Time{}, false)
	for range 3 {
		a.checkIn(t, nil)
	}
	all := pendingUUIDs(t, a.st)
	saved, err := a.st.TeamPending()
	if err != nil {
		t.Fatal(err)
	}

	// Cut before publishing: nothing leaves the queue.
	if err := pg.Stop(); err != nil {
		t.Fatal(err)
	}
	restarted := false
	t.Cleanup(func() {
		if !restarted {
			pg.Start()
		}
		afterSend = nil
	})
	if _, err := a.conn.Publish(context.Background(), a.st, nil); err == nil {
		t.Fatal("publish with the server down: no error")
	}
	if q := pendingUUIDs(t, a.st); !slices.Equal(q, all) {
		t.Errorf("queue after a failed publish = %v, want %v", q, all)
	}
	if err := pg.Start(); err != nil {
		t.Fatal(err)
	}
	restarted = true

	// Cut between the first and the second check-in.
	afterSend = func(i int) {
		if i == 0 {
			if err := pg.Stop(); err != nil {
				t.Error(err)
			}
			restarted = false
		}
	}
	res, err := a.conn.Publish(context.Background(), a.st, nil)
	if err == nil || res.Sent != 1 || res.Left != 2 {
		t.Fatalf("publish cut after one: %+v, %v; want 1 sent, 2 left and an error", res, err)
	}
	afterSend = nil
	if q := pendingUUIDs(t, a.st); !slices.Equal(q, all[1:]) {
		t.Errorf("queue after the cut = %v, want %v", q, all[1:])
	}
	if err := pg.Start(); err != nil {
		t.Fatal(err)
	}
	restarted = true
	if res := a.publish(t); res.Sent != 2 || res.Left != 0 {
		t.Errorf("publish after the cut = %+v, want the 2 left sent", res)
	}
	// An answer lost after the server stored the rows: sending them all
	// again stores none twice.
	res, err = a.conn.Publish(context.Background(), replay(saved), nil)
	if err != nil || res.Already != 3 || res.Sent != 0 {
		t.Errorf("publish of the 3 again = %+v, %v; want 3 already there", res, err)
	}
	if n := countUUIDs(t, all); n != 3 {
		t.Errorf("server holds %d rows for the 3 check-ins, want 3", n)
	}
}

// replay is a queue that offers the same check-ins again, as if their
// marks had been lost.
type replay []tracker.TeamCheckIn

func (r replay) TeamPending() ([]tracker.TeamCheckIn, error) { return r, nil }
func (r replay) MarkTeamPublished(string) error              { return nil }

func TestPasswordSources(t *testing.T) {
	ensureTeam(t)
	ctx := context.Background()
	// No password anywhere, nobody to ask: the server refuses.
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("PGPASSWORD", "")
	if c, err := Connect(ctx, pg.URL(teamtest.Alice), Options{Timeout: 5 * time.Second}); err == nil {
		c.Close()
		t.Fatal("connected without a password")
	}
	t.Setenv("PGPASSWORD", teamtest.Password(teamtest.Alice))
	asked := false
	c, err := Connect(ctx, pg.URL(teamtest.Alice), Options{Password: func() (string, error) { asked = true; return "", nil }})
	if err != nil || asked {
		t.Fatalf("PGPASSWORD: %v (prompted: %v)", err, asked)
	}
	c.Close()
	t.Setenv("PGPASSWORD", "")
	pass := filepath.Join(t.TempDir(), "pgpass")
	writeFile(t, pass, "*:*:*:"+teamtest.Alice+":"+teamtest.Password(teamtest.Alice)+"\n")
	t.Setenv("PGPASSFILE", pass)
	c, err = Connect(ctx, pg.URL(teamtest.Alice), Options{Password: func() (string, error) { asked = true; return "", nil }})
	if err != nil || asked {
		t.Fatalf("password file: %v (prompted: %v)", err, asked)
	}
	if c.Role() != teamtest.Alice {
		t.Errorf("role %q", c.Role())
	}
	c.Close()
}

func TestNotAMemberIsTold(t *testing.T) {
	ensureTeam(t)
	super := pg.Open(t, teamtest.Super, "postgres")
	if _, err := super.Exec("CREATE ROLE newcomer LOGIN PASSWORD 'newcomer-secret'"); err != nil {
		t.Fatal(err)
	}
	c := connect(t, "newcomer")
	err := c.SetDisplayName(context.Background(), "New")
	if !errors.Is(err, ErrNotMember) {
		t.Errorf("a role granted nothing sets its name: %v, want ErrNotMember", err)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://alice:s3cret@db.example.com/devpath":                     "postgres://alice@db.example.com/devpath",
		"postgres://db.example.com/devpath?user=alice&password=s3cret":       "postgres://db.example.com/devpath?user=alice",
		"postgres://alice@db.example.com:5433/devpath?sslmode=require":       "postgres://alice@db.example.com:5433/devpath?sslmode=require",
		"postgres://alice@db/devpath?sslpassword=s3cret&sslmode=verify-full": "postgres://alice@db/devpath?sslmode=verify-full",
	} {
		if got := Redact(in); got != want || strings.Contains(got, "s3cret") {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	if err := CheckURL("mysql://x/y"); err == nil {
		t.Error("mysql URL accepted")
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
