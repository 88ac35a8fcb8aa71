package team

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/store"
	"devpath/tracker/team/teamtest"
)

// The scale of the benchmarks: people, check-ins each, and the team the
// manager views.
const (
	benchPeople   = 1000
	benchCheckIns = 20
	benchTeam     = 10
	benchDB       = "devpath_bench"
)

var (
	benchOnce sync.Once
	benchErr  error
)

// benchURL is the URL of the benchmarks' database for role.
func benchURL(role string) string {
	return strings.Replace(pg.URL(role), "/"+teamtest.DBName+"?", "/"+benchDB+"?", 1)
}

// loadBench makes a database of its own with benchPeople people of
// benchCheckIns check-ins each (items: every roadmap entry at a random
// level), the manager managing the first benchTeam of them.
func loadBench(b *testing.B) {
	b.Helper()
	benchOnce.Do(func() { benchErr = fillBench(b) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
}

func fillBench(b *testing.B) error {
	ctx := context.Background()
	super := pg.Open(b, teamtest.Super, "postgres")
	if _, err := super.Exec("CREATE DATABASE " + benchDB + " OWNER " + teamtest.Admin); err != nil {
		return err
	}
	admin, err := Connect(ctx, benchURL(teamtest.Admin), Options{Password: func() (string, error) { return teamtest.Password(teamtest.Admin), nil }})
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.Init(ctx); err != nil {
		return err
	}
	var ids []string
	for _, e := range roadmap.Default().Entries() {
		ids = append(ids, e.Item.ID)
	}
	sdb := pg.Open(b, teamtest.Super, benchDB)
	// As the superuser, who is not bound by the policies: rows of people
	// who are no roles. The items subquery names p so that it is made
	// again for each row.
	if _, err := sdb.Exec(`INSERT INTO published_checkins (owner, checkin_uuid, at, stage, claimed_score, evidenced_score,
	verdict, roadmap_id, roadmap_version, months_in_stage, stage_since, items)
SELECT format('p%s', lpad(p::text, 4, '0')), gen_random_uuid(),
	timestamptz '2024-01-01' + c * interval '1 week' + p * interval '1 minute', 'mid',
	round((random() * 100)::numeric, 1), round((random() * 60)::numeric, 1), 'building', 'devops', 1, c, date '2022-01-01',
	(SELECT jsonb_object_agg(id, jsonb_build_object('level', floor(random() * 5)::int)) FROM unnest($1::text[]) id WHERE p >= 0)
FROM generate_series(0, $2 - 1) p, generate_series(1, $3) c`, ids, benchPeople, benchCheckIns); err != nil {
		return err
	}
	adb := admin.DB()
	if _, err := adb.Exec("INSERT INTO teams (name) VALUES ('bench')"); err != nil {
		return err
	}
	if _, err := adb.Exec(`INSERT INTO memberships (team_name, manager_role, member_role)
SELECT 'bench', $1, format('p%s', lpad(p::text, 4, '0')) FROM generate_series(0, $2 - 1) p`, teamtest.Manager, benchTeam); err != nil {
		return err
	}
	// Other managers' teams, so that the membership table is not only
	// the one team.
	if _, err := adb.Exec(`INSERT INTO teams (name) SELECT format('t%s', t) FROM generate_series(1, 99) t;
INSERT INTO memberships (team_name, manager_role, member_role)
SELECT format('t%s', p / 10), format('m%s', p / 10), format('p%s', lpad(p::text, 4, '0')) FROM generate_series(10, 999) p;
GRANT devpath_member TO maria, alice`); err != nil {
		return err
	}
	_, err = sdb.Exec("ANALYZE")
	return err
}

// explain logs the plan of query as conn's role, and fails unless it
// reads the check-ins through index.
func explain(b *testing.B, conn *Conn, index, query string, args ...any) {
	b.Helper()
	rows, err := conn.DB().Query("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "+query, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			b.Fatal(err)
		}
		plan = append(plan, l)
	}
	text := strings.Join(plan, "\n")
	b.Logf("plan as %s:\n%s", conn.Role(), text)
	if !strings.Contains(text, index) || strings.Contains(text, "Seq Scan on published_checkins") {
		b.Fatalf("the plan does not read the check-ins through %s", index)
	}
}

// latestIDs are the ids of the rows Status reads: the latest two
// check-ins of each of the team.
func latestIDs(b *testing.B, db *sql.DB, n int) []int64 {
	b.Helper()
	rows, err := db.Query(`SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY owner ORDER BY at DESC, id DESC) k
FROM published_checkins WHERE owner IN (SELECT member_role FROM memberships WHERE team_name = 'bench')) x WHERE k <= $1`, n)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// sideBySide runs the measured function and its floor as sub-benchmarks
// and reports the ratio of their times on the first.
func sideBySide(b *testing.B, name string, measured, floor func(b *testing.B)) {
	var tm, tf float64
	b.Run("plain", func(b *testing.B) {
		floor(b)
		tf = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(tf/1e6, "ms/op")
	})
	b.Run(name, func(b *testing.B) {
		measured(b)
		tm = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(tm/1e6, "ms/op")
		if tf > 0 {
			b.ReportMetric(tm/tf, "x-plain")
		}
	})
}

func BenchmarkTeamStatus(b *testing.B) {
	loadBench(b)
	ctx := context.Background()
	m, err := Connect(ctx, benchURL(teamtest.Manager), Options{Password: func() (string, error) { return teamtest.Password(teamtest.Manager), nil }})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	explain(b, m, "published_checkins_latest", StatusSQL, "bench", EarliestTime, LatestTime)
	sdb := pg.Open(b, teamtest.Super, benchDB)
	ids := latestIDs(b, sdb, 2)
	rm, today := roadmap.Default(), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	sideBySide(b, "status", func(b *testing.B) {
		for b.Loop() {
			r, err := m.Status(ctx, "bench", rm, today)
			if err != nil || len(r) != benchTeam || !r[0].CheckedIn {
				b.Fatalf("status: %d reports, %v", len(r), err)
			}
		}
	}, func(b *testing.B) {
		// The same 20 rows by primary key, as the superuser (no policy).
		for b.Loop() {
			n := scanAll(b, sdb, `SELECT owner, at, stage, claimed_score, evidenced_score, verdict, months_in_stage, stage_since
FROM published_checkins WHERE id = ANY($1)`, ids)
			if n != 2*benchTeam {
				b.Fatalf("plain select: %d rows", n)
			}
		}
	})
}

func BenchmarkCoverage(b *testing.B) {
	loadBench(b)
	ctx := context.Background()
	m, err := Connect(ctx, benchURL(teamtest.Manager), Options{Password: func() (string, error) { return teamtest.Password(teamtest.Manager), nil }})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	explain(b, m, "published_checkins_latest", CoverageSQL, "bench", EarliestTime, LatestTime)
	sdb := pg.Open(b, teamtest.Super, benchDB)
	ids := latestIDs(b, sdb, 1)
	rm := roadmap.Default()
	sideBySide(b, "coverage", func(b *testing.B) {
		for b.Loop() {
			c, err := m.Coverage(ctx, "bench", rm)
			if err != nil || c.Reports != benchTeam {
				b.Fatalf("coverage: %d reports, %v", c.Reports, err)
			}
		}
	}, func(b *testing.B) {
		// The same 10 latest check-ins' items, by primary key.
		for b.Loop() {
			if n := scanAll(b, sdb, "SELECT owner, items FROM published_checkins WHERE id = ANY($1)", ids); n != benchTeam {
				b.Fatalf("plain select: %d rows", n)
			}
		}
	})
}

// scanAll runs query and reads every column of every row as bytes.
func scanAll(b *testing.B, db *sql.DB, query string, args ...any) int {
	rows, err := db.Query(query, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(sql.RawBytes)
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

func BenchmarkPublish(b *testing.B) {
	loadBench(b)
	ctx := context.Background()
	conn, err := Connect(ctx, benchURL(teamtest.Alice), Options{Password: func() (string, error) { return teamtest.Password(teamtest.Alice), nil }})
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	st, err := store.Open(filepath.Join(b.TempDir(), "devpath.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.JoinTeam(Redact(benchURL(teamtest.Alice)), false); err != nil {
		b.Fatal(err)
	}
	rm := roadmap.Default()
	for _, e := range rm.Entries()[:40] {
		if err := st.SetLevel(e.Item.ID, tracker.Practising, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
	// One queued check-in: its payload is the row both sides insert.
	if _, err := st.CheckInNow("", rm, time.Now()); err != nil {
		b.Fatal(err)
	}
	pending, err := st.TeamPending()
	if err != nil || len(pending) != 1 {
		b.Fatalf("%d queued, %v", len(pending), err)
	}
	if _, err := conn.Publish(ctx, st, nil); err != nil { // the queue empty, as before each check-in below
		b.Fatal(err)
	}
	// Each check-in carries a plan, as devpath's own publishing does.
	yes := true
	plan := &Plan{Target: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), OnTrack: &yes,
		Forecast: &tracker.Forecast{Earliest: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), Likely: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), Latest: time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)}}
	seq := 0 // labels stay unique when a sub-benchmark runs again
	label := func() string { seq++; return fmt.Sprintf("bench %d", seq) }
	sideBySide(b, "publish", func(b *testing.B) {
		for b.Loop() {
			// Queue one check-in (not measured), then publish it: the
			// outbox read, the server's insert and the local mark.
			b.StopTimer()
			if _, err := st.CheckInNow(label(), rm, time.Now()); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res, err := conn.Publish(ctx, st, func() *Plan { return plan })
			if err != nil || res.Sent != 1 {
				b.Fatalf("publish: %+v, %v", res, err)
			}
		}
	}, func(b *testing.B) {
		// The same: a check-in queued (not measured), then its row
		// inserted with a plain INSERT, and marked (not measured).
		plain := strings.TrimSuffix(insertCheckIn, "\nON CONFLICT (owner, checkin_uuid) DO NOTHING")
		for b.Loop() {
			b.StopTimer()
			if _, err := st.CheckInNow(label(), rm, time.Now()); err != nil {
				b.Fatal(err)
			}
			p, err := st.TeamPending()
			if err != nil || len(p) != 1 {
				b.Fatalf("%d queued, %v", len(p), err)
			}
			args, err := rowArgs(p[0])
			if err != nil {
				b.Fatal(err)
			}
			args = append(args, plan.args()...)
			b.StartTimer()
			if _, err := conn.DB().ExecContext(ctx, plain, args...); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if err := st.MarkTeamPublished(p[0].UUID); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	})
}
