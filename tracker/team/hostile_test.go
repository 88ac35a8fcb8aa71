package team

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"devpath/roadmap"
	"devpath/tracker/team/teamtest"
)

// forgedName is a display name that, printed as it is in a table, adds an
// invented row.
const forgedName = "Dave\tStaff / Principal\t99.0\t99.0\t+86.4\t1 month\t2026-12-06\nZed"

// refusedWith runs stmt as db and wants the server to refuse it with the
// SQLSTATE code.
func refusedWith(t *testing.T, db *sql.DB, who, code, stmt string, args ...any) {
	t.Helper()
	_, err := db.Exec(stmt, args...)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != code {
		t.Errorf("%s: %s %q: err = %v, want SQLSTATE %s", who, stmt, args, err, code)
	}
}

const memberInsert = `INSERT INTO published_checkins (checkin_uuid, at, stage, claimed_score, evidenced_score, verdict,
	roadmap_id, roadmap_version, months_in_stage, stage_since, items, evidence)
VALUES (gen_random_uuid(), $1, $2, $3, NULL, 'ready', 'default', 1, $4, $5, $6, $7)`

func TestSchemaRefusesWhatDevpathNeverWrites(t *testing.T) {
	ensureTeam(t)
	alice := pg.Open(t, teamtest.Alice, teamtest.DBName)
	good := []any{"2026-02-01T10:00:00Z", "junior", 40.5, 3, "2025-01-01", `{"k8s-helm":{"level":3},"git":{"level":0,"skipped":true}}`, nil}
	if _, err := alice.Exec(memberInsert, good...); err != nil {
		t.Fatalf("a check-in as devpath writes it: %v", err)
	}
	with := func(i int, v any) []any {
		args := slices.Clone(good)
		args[i] = v
		return args
	}
	for _, tc := range []struct {
		what string
		args []any
	}{
		{"time infinity", with(0, "infinity")},
		{"time -infinity", with(0, "-infinity")},
		{"time in year 9999", with(0, "9999-01-01T00:00:00Z")},
		{"stage with a tab", with(1, "junior\tx")},
		{"stage with a newline", with(1, "junior\nx")},
		{"score NaN", with(2, "NaN")},
		{"score Infinity", with(2, "Infinity")},
		{"score 101", with(2, 101)},
		{"months -1", with(3, -1)},
		{"stage since infinity", with(4, "infinity")},
		{"level lots", with(5, `{"k8s-helm":{"level":"lots"}}`)},
		{"level 7", with(5, `{"k8s-helm":{"level":7}}`)},
		{"level 2.5", with(5, `{"k8s-helm":{"level":2.5}}`)},
		{"no level", with(5, `{"k8s-helm":{"skipped":true}}`)},
		{"an entry not an object", with(5, `{"k8s-helm":3}`)},
		{"skipped not a boolean", with(5, `{"k8s-helm":{"level":3,"skipped":"yes"}}`)},
		{"an unknown field", with(5, `{"k8s-helm":{"level":3,"note":"x"}}`)},
		{"an empty entry id", with(5, `{"":{"level":3}}`)},
		{"items an array", with(5, `[1]`)},
		{"evidence an object", with(6, `{"a":1}`)},
		{"evidence title with a newline", with(6, `[{"item_id":"git","title":"a\nb"}]`)},
	} {
		t.Run(tc.what, func(t *testing.T) {
			refusedWith(t, alice, "alice", "23514", memberInsert, tc.args...)
		})
	}
	// The id is not the member's to give (an identity GENERATED ALWAYS).
	refusedWith(t, alice, "alice", "428C9", `INSERT INTO published_checkins (id, checkin_uuid, at, stage, claimed_score, verdict,
		roadmap_id, roadmap_version, months_in_stage, items) VALUES (9223372036854775807, gen_random_uuid(), now(), 'junior', 1, 'x', '', 0, 0, '{}')`)
}

func TestDisplayNamesOnePerPerson(t *testing.T) {
	ensureTeam(t)
	ctx := context.Background()
	const lead, dave, zed = "hn_lead", "hn_dave", "hn_zed"
	if err := pg.AddRoles(ctx, lead, dave, zed); err != nil {
		t.Fatal(err)
	}
	admin := connect(t, teamtest.Admin)
	for _, m := range []string{dave, zed} {
		if err := admin.AddMember(ctx, "names", lead, m); err != nil {
			t.Fatal(err)
		}
	}
	dDB, zDB := pg.Open(t, dave, teamtest.DBName), pg.Open(t, zed, teamtest.DBName)
	set := "SELECT devpath_set_display_name($1)"
	for _, bad := range []string{forgedName, "Dave\x1b[2J", "Da\u202eve", "Dave\u200b", "\u2066Dave", "Dave\u0085", strings.Repeat("d", 65), "  "} {
		refusedWith(t, dDB, "dave", "23514", set, bad)
	}
	if _, err := dDB.Exec(set, "  Dave  "); err != nil {
		t.Fatalf("dave names himself Dave: %v", err)
	}
	for _, taken := range []string{"Dave", "dave", " DAVE ", dave, teamtest.Alice, "Maria"} {
		refusedWith(t, zDB, "zed", "23505", set, taken)
	}
	// Members change no name but through the function.
	refusedWith(t, zDB, "zed", "42501", "UPDATE people SET display_name = 'Boss' WHERE role_name = $1", zed)
	refusedWith(t, zDB, "zed", "42501", "UPDATE people SET display_name = 'Dave 2' WHERE role_name = $1", dave)
	refusedWith(t, zDB, "zed", "42501", "INSERT INTO people (role_name, display_name) VALUES ('hn_other', 'Other')")
	refusedWith(t, zDB, "zed", "42501", "DELETE FROM people WHERE role_name = $1", zed)
	// The administrator is bound by the same rules.
	aDB := pg.Open(t, teamtest.Admin, teamtest.DBName)
	refusedWith(t, aDB, "administrator", "23514", "UPDATE people SET display_name = $1 WHERE role_name = $2", forgedName, zed)
	refusedWith(t, aDB, "administrator", "23505", "UPDATE people SET display_name = 'DAVE' WHERE role_name = $1", zed)

	// Through devpath: a clear error before the server is asked, and the
	// server's refusals worded.
	zc := connect(t, zed)
	if err := zc.SetDisplayName(ctx, forgedName); !errors.Is(err, ErrBadName) {
		t.Errorf("a forged name: %v, want ErrBadName", err)
	}
	if err := zc.SetDisplayName(ctx, "dAVE"); !errors.Is(err, ErrNameTaken) {
		t.Errorf("Dave's name again: %v, want ErrNameTaken", err)
	}
	if err := zc.SetDisplayName(ctx, "Zed"); err != nil {
		t.Fatal(err)
	}
	lc := connect(t, lead)
	reports, err := lc.Status(ctx, "names", roadmap.Default(), clock)
	if err != nil || len(reports) != 2 || reports[0].Name != "Dave" || reports[1].Name != "Zed" {
		t.Errorf("the lead's reports: %+v, %v; want Dave and Zed", reports, err)
	}
}

func TestUpgradeKeepsBadRowsReadable(t *testing.T) {
	ensureTeam(t)
	ctx := context.Background()
	const db = "devpath_v2"
	super := pg.Open(t, teamtest.Super, "postgres")
	if _, err := super.Exec("CREATE DATABASE " + db + " OWNER " + teamtest.Admin); err != nil {
		t.Fatal(err)
	}
	u := strings.Replace(pg.URL(teamtest.Admin), "/devpath?", "/"+db+"?", 1)
	admin, err := Connect(ctx, u, Options{Password: func() (string, error) { return teamtest.Password(teamtest.Admin), nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if res, err := admin.initTo(ctx, 2); err != nil || res.To != 2 {
		t.Fatalf("schema version 2: %+v, %v", res, err)
	}
	for _, m := range []string{teamtest.Alice, teamtest.Bob} {
		if err := admin.AddMember(ctx, "old", teamtest.Manager, m); err != nil {
			t.Fatal(err)
		}
	}
	// What version 2 let members write: Alice a check-in, one at
	// 'infinity' and a forged name; Bob a check-in whose stage began at
	// 'infinity' and whose items hold a level "lots".
	alice, bob := pg.Open(t, teamtest.Alice, db), pg.Open(t, teamtest.Bob, db)
	for _, q := range []struct {
		db   *sql.DB
		args []any
	}{
		{alice, []any{"2026-02-01T10:00:00Z", "junior", 40.0, 3, nil, `{"k8s-helm":{"level":3}}`, nil}},
		{alice, []any{"infinity", "junior", 99.0, 3, nil, `{}`, nil}},
		{bob, []any{"2026-02-02T10:00:00Z", "junior", 50.0, 3, "infinity", `{"k8s-helm":{"level":"lots"}}`, nil}},
	} {
		if _, err := q.db.Exec(memberInsert, q.args...); err != nil {
			t.Fatalf("version 2 allowed it: %v", err)
		}
	}
	if _, err := alice.Exec("UPDATE people SET display_name = $1 WHERE role_name = current_user", forgedName); err != nil {
		t.Fatal(err)
	}

	res, err := admin.Init(ctx)
	if err != nil {
		t.Fatalf("upgrade over rows from before: %v", err)
	}
	if res.From != 2 || res.To != SchemaVersion || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "1 display names") {
		t.Errorf("upgrade = %+v, want 2 to %d and the one name reset", res, SchemaVersion)
	}
	for _, c := range []string{"published_checkins_times", "published_checkins_items_shape"} {
		if !slices.Contains(res.Unvalidated, c) {
			t.Errorf("unvalidated %q, want %s among them (rows from before break it)", res.Unvalidated, c)
		}
	}
	if slices.Contains(res.Unvalidated, "published_checkins_words") || slices.Contains(res.Unvalidated, "people_display_name_ok") {
		t.Errorf("unvalidated %q: constraints no row breaks are validated", res.Unvalidated)
	}
	// The constraints bind new rows, NOT VALID or not.
	refusedWith(t, bob, "bob", "23514", memberInsert, "infinity", "junior", 1.0, 0, nil, `{}`, nil)
	if _, err := bob.Exec(memberInsert, "2026-01-01T00:00:00Z", "junior", 45.0, 3, nil, `{"k8s-helm":{"level":4}}`, nil); err != nil {
		t.Fatalf("a good row after the upgrade (the identity takes over from the old sequence): %v", err)
	}

	mu := strings.Replace(pg.URL(teamtest.Manager), "/devpath?", "/"+db+"?", 1)
	m, err := Connect(ctx, mu, Options{Password: func() (string, error) { return teamtest.Password(teamtest.Manager), nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	reports, err := m.Status(ctx, "old", roadmap.Default(), clock)
	if err != nil {
		t.Fatalf("status over bad rows: %v", err)
	}
	if len(reports) != 2 {
		t.Fatalf("reports = %+v, want alice and bob", reports)
	}
	ra, rb := reports[0], reports[1]
	if ra.Role != teamtest.Alice || ra.Name != teamtest.Alice || !ra.CheckedIn || ra.Claimed != 40 || ra.Unreadable != 1 || ra.Problem != "" {
		t.Errorf("alice: %+v; want her name reset, her readable check-in (40) and 1 left out", ra)
	}
	if rb.Role != teamtest.Bob || rb.CheckedIn || !strings.Contains(rb.Problem, "infinity") {
		t.Errorf("bob: %+v; want his latest check-in marked unreadable for its day 'infinity'", rb)
	}
	cov, err := m.Coverage(ctx, "old", roadmap.Default())
	if err != nil {
		t.Fatalf("coverage over bad rows: %v", err)
	}
	if cov.Reports != 1 || len(cov.Unreadable) != 1 || cov.Unreadable[0].Role != teamtest.Bob || !strings.Contains(cov.Unreadable[0].Problem, `"lots"`) {
		t.Errorf("coverage: %d reports, unreadable %+v; want alice counted and bob's level \"lots\" told", cov.Reports, cov.Unreadable)
	}
}

func TestMembersCannotCountCheckIns(t *testing.T) {
	b := newEngineer(t, teamtest.Bob, "junior", clock, false)
	b.checkIn(t, nil)
	b.publish(t)
	bob := pg.Open(t, teamtest.Bob, teamtest.DBName)
	// The sequence and the ids.
	for _, q := range []string{
		"SELECT nextval('published_checkins_id_seq')",
		"SELECT currval('published_checkins_id_seq')",
		"SELECT setval('published_checkins_id_seq', 1)",
		"SELECT last_value FROM published_checkins_id_seq",
		"SELECT pg_sequence_last_value('published_checkins_id_seq')",
		"SELECT id FROM published_checkins",
		"SELECT max(id) FROM published_checkins",
	} {
		refusedWith(t, bob, "bob", "42501", q)
	}
	var last sql.NullInt64
	if err := bob.QueryRow("SELECT last_value FROM pg_sequences WHERE sequencename = 'published_checkins_id_seq'").Scan(&last); err != nil || last.Valid {
		t.Errorf("pg_sequences shows bob %v (%v), want NULL", last, err)
	}

	// The statistics, hidden by a superuser's init.
	ctx := context.Background()
	sc, err := Connect(ctx, pg.URL(teamtest.Super), Options{Password: func() (string, error) { return teamtest.Password(teamtest.Super), nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	if res, err := sc.Init(ctx); err != nil || !res.StatisticsHidden || len(res.Applied) != 0 {
		t.Fatalf("the superuser's init: %+v, %v; want the statistics hidden and no step", res, err)
	}
	if res, err := connect(t, teamtest.Admin).Init(ctx); err != nil || !res.StatisticsHidden {
		t.Errorf("the administrator's init after it: %+v, %v; want the statistics told hidden", res, err)
	}
	if _, err := pg.Open(t, teamtest.Super, teamtest.DBName).Exec("ANALYZE published_checkins"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'published_checkins'",
		"SELECT n_live_tup FROM pg_stat_all_tables WHERE relname = 'published_checkins'",
		"SELECT n_tup_ins FROM pg_stat_xact_user_tables",
		"SELECT idx_scan FROM pg_stat_user_indexes",
		"SELECT heap_blks_read FROM pg_statio_user_tables",
		"SELECT tup_inserted FROM pg_stat_database",
		"SELECT pg_stat_get_tuples_inserted('published_checkins'::regclass)",
		"SELECT pg_stat_get_live_tuples('published_checkins'::regclass)",
		"SELECT reltuples FROM pg_class WHERE relname = 'published_checkins'",
		"SELECT relpages FROM pg_class WHERE relname = 'published_checkins'",
		"SELECT pg_relation_size('published_checkins')",
		"SELECT pg_total_relation_size('published_checkins')",
		"SELECT pg_table_size('published_checkins')",
		"SELECT pg_indexes_size('published_checkins')",
		"SELECT pg_database_size(current_database())",
	} {
		refusedWith(t, bob, "bob", "42501", q)
	}
	var n int
	if err := bob.QueryRow("SELECT count(*) FROM pg_stats WHERE tablename = 'published_checkins'").Scan(&n); err != nil || n != 0 {
		t.Errorf("bob reads %d rows of pg_stats on the check-ins (%v), want none", n, err)
	}
	// What members need still works: the catalog's names, publishing (the
	// identity needs no privilege) and the views.
	var name string
	if err := bob.QueryRow("SELECT relname FROM pg_class WHERE relname = 'published_checkins'").Scan(&name); err != nil {
		t.Errorf("bob reads pg_class's names: %v", err)
	}
	b.checkIn(t, nil)
	b.publish(t)
	if _, err := connect(t, teamtest.Manager).Status(ctx, "", roadmap.Default(), clock); err != nil {
		t.Errorf("the manager's status with the statistics hidden: %v", err)
	}
}
