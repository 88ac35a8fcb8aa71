package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"devpath/roadmap"
	"devpath/tracker/core"
)

// childEnv makes the test binary act as devpath itself, so the tests below
// can run real devpath processes without building a second binary.
const childEnv = "DEVPATH_TEST_RUN_MAIN"

// fileSizeEnv, when set, limits the size of the files the child may write
// (RLIMIT_FSIZE, in bytes): writes beyond it fail as on a full disk.
const fileSizeEnv = "DEVPATH_TEST_FILE_SIZE"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Args = append([]string{"devpath"}, strings.Fields(os.Getenv("DEVPATH_TEST_ARGS"))...)
		if n := os.Getenv(fileSizeEnv); n != "" {
			limitFileSize(n)
		}
		main()
		return
	}
	os.Exit(m.Run())
}

// devpathCmd returns a command that runs devpath with args in a child
// process.
func devpathCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "DEVPATH_TEST_ARGS="+strings.Join(args, " "))
	return cmd
}

func TestVersionMatchesFyneApp(t *testing.T) {
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), fmt.Sprintf("Version = %q", version)) {
		t.Fatalf("FyneApp.toml does not give Version = %q", version)
	}
	out, err := devpathCmd("--version").Output()
	if err != nil {
		t.Fatalf("devpath --version: %v", err)
	}
	if got := strings.TrimSpace(string(out)); got != "devpath "+version {
		t.Fatalf("devpath --version printed %q", got)
	}
}

// skillIDs returns the ids of the embedded roadmap's skill items.
func skillIDs(t *testing.T) []string {
	t.Helper()
	var ids []string
	for _, e := range roadmap.Default().Entries() {
		if e.Kind == roadmap.KindSkill {
			ids = append(ids, e.Item.ID)
		}
	}
	if len(ids) < 20 {
		t.Fatalf("the embedded roadmap has only %d skill items", len(ids))
	}
	return ids
}

// openRaw opens the database read-only with plain database/sql, so the
// checks do not depend on the code under test.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func integrityOK(t *testing.T, db *sql.DB) {
	t.Helper()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
}

// TestCrashSafety kills devpath processes with SIGKILL at random moments
// while they tick items, then checks that the database is intact and that
// every tick whose process reported success is there.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test runs in the full suite")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "devpath.db")
	if out, err := devpathCmd("--db", db, "profile", "--stage", "junior").CombinedOutput(); err != nil {
		t.Fatalf("set up: %v: %s", err, out)
	}
	ids := skillIDs(t)

	const wantKills = 200
	deadline := time.Now().Add(150 * time.Second)
	var (
		mu        sync.Mutex
		kills     int
		succeeded []string // evidence notes of processes that exited 0
		runs      int
		typical   = 20 * time.Millisecond // raised by the first runs
	)
	worker := func(w int) {
		rng := rand.New(rand.NewPCG(uint64(w), 42))
		for i := 0; ; i++ {
			mu.Lock()
			done := kills >= wantKills || time.Now().After(deadline)
			mu.Unlock()
			if done {
				return
			}
			note := fmt.Sprintf("crash-w%d-%d", w, i)
			id := ids[rng.IntN(len(ids))]
			cmd := devpathCmd("--db", db, "tick", id, "--level", fmt.Sprint(rng.IntN(5)), "--note", note)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Errorf("start: %v", err)
				return
			}
			// The first runs finish undisturbed to learn how long a
			// tick takes here; after that, nine in ten processes are
			// killed at a random moment of that span, so kills land
			// in start-up, in the transaction and in the commit.
			mu.Lock()
			span := typical
			mu.Unlock()
			killAfter := time.Duration(rng.Int64N(int64(span)*4/5 + 1))
			if i < 3 {
				killAfter = time.Minute
			}
			started := time.Now()
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var err error
			killed := false
			select {
			case err = <-exited:
			case <-time.After(killAfter):
				if i >= 3 && rng.IntN(10) > 0 {
					_ = cmd.Process.Signal(syscall.SIGKILL)
					killed = true
				}
				err = <-exited
			}
			mu.Lock()
			runs++
			if err == nil {
				succeeded = append(succeeded, note)
				if i < 3 {
					typical = max(typical, time.Since(started))
				}
			} else if killed {
				kills++
			} else {
				t.Errorf("devpath tick %s failed without being killed: %v: %s", id, err, stderr.String())
			}
			mu.Unlock()
		}
	}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() { worker(w) })
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	if kills < wantKills {
		t.Fatalf("only %d processes were killed in time (want %d)", kills, wantKills)
	}
	t.Logf("%d runs, %d killed, %d succeeded", runs, kills, len(succeeded))

	raw := openRaw(t, db)
	integrityOK(t, raw)
	have := map[string]bool{}
	rows, err := raw.Query("SELECT note FROM evidence")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		have[n] = true
	}
	for _, n := range succeeded {
		if !have[n] {
			t.Errorf("the tick with note %s reported success but is not in the database", n)
		}
	}
	// The database still works for a normal command afterwards.
	if out, err := devpathCmd("--db", db, "status").CombinedOutput(); err != nil {
		t.Fatalf("status after the crashes: %v: %s", err, out)
	}
}

// TestTwoWriters runs two devpath processes at once, each ticking hundreds
// of items: no "database is locked" reaches the user and nothing is lost.
func TestTwoWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("two-writer test runs in the full suite")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "devpath.db")
	if out, err := devpathCmd("--db", db, "profile", "--stage", "mid").CombinedOutput(); err != nil {
		t.Fatalf("set up: %v: %s", err, out)
	}
	ids := skillIDs(t)
	const perWriter = 150
	var wg sync.WaitGroup
	errs := make(chan string, 2*perWriter)
	for w := range 2 {
		wg.Go(func() {
			for i := range perWriter {
				id := ids[(i*2+w)%len(ids)]
				note := fmt.Sprintf("writer%d-%d", w, i)
				out, err := devpathCmd("--db", db, "tick", id, "--level", fmt.Sprint(1+(i+w)%4), "--note", note).CombinedOutput()
				if err != nil {
					errs <- fmt.Sprintf("%s: %v: %s", note, err, out)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	raw := openRaw(t, db)
	integrityOK(t, raw)
	var n int
	if err := raw.QueryRow("SELECT count(*) FROM evidence WHERE note LIKE 'writer%'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2*perWriter {
		t.Fatalf("%d evidence entries saved, want %d", n, 2*perWriter)
	}
}

// run runs devpath with args to the end and returns its combined output.
func run(args ...string) (string, error) {
	out, err := devpathCmd(args...).CombinedOutput()
	return string(out), err
}

// mustRun runs devpath and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := run(args...)
	if err != nil {
		t.Fatalf("devpath %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return out
}

// listedCopies returns the paths 'devpath backups' lists for the database.
func listedCopies(t *testing.T, db string) []string {
	t.Helper()
	out := mustRun(t, "--db", db, "backups")
	var paths []string
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if strings.HasPrefix(l, "  ") && len(f) > 0 && filepath.IsAbs(f[len(f)-1]) {
			paths = append(paths, f[len(f)-1])
		}
	}
	return paths
}

// evidenceNotes returns the evidence notes in the database file at path,
// read without changing or creating anything beside it.
func evidenceNotes(t *testing.T, path string) map[string]bool {
	t.Helper()
	q := "?mode=ro&_busy_timeout=5000"
	if _, err := os.Stat(path + "-wal"); err != nil {
		q += "&immutable=1"
	}
	db, err := sql.Open("sqlite3", "file:"+path+q)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT note FROM evidence")
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		have[n] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return have
}

// checkNothingLost fails for every acknowledged note that is neither in the
// database nor in a copy 'devpath backups' lists, and for every listed copy
// that 'devpath restore' refuses. It returns how many copies were listed.
func checkNothingLost(t *testing.T, db string, acked []string) int {
	t.Helper()
	raw := openRaw(t, db)
	integrityOK(t, raw)
	have := evidenceNotes(t, db)
	copies := listedCopies(t, db)
	scratch := t.TempDir()
	for i, c := range copies {
		for n := range evidenceNotes(t, c) {
			have[n] = true
		}
		into := filepath.Join(scratch, fmt.Sprintf("r%d", i), "devpath.db")
		if out, err := run("--db", into, "restore", c); err != nil {
			t.Errorf("the listed copy %s cannot be restored: %v: %s", c, err, out)
		}
		_ = os.RemoveAll(filepath.Dir(into))
	}
	lost := 0
	for _, n := range acked {
		if !have[n] {
			lost++
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged ticks are neither in the database nor in any of the %d copies listed", lost, len(acked), len(copies))
	}
	return len(copies)
}

// leftovers lists the files in dir that are neither the database, its side
// files, nor a copy 'devpath backups' lists (nor the backups folder).
func leftovers(t *testing.T, db, dir string, listed []string) []string {
	t.Helper()
	ok := map[string]bool{db: true, db + "-wal": true, db + "-shm": true, core.New(core.Config{}).BackupDir(db): true}
	for _, c := range listed {
		ok[c] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var junk []string
	for _, e := range entries {
		if p := filepath.Join(dir, e.Name()); !ok[p] {
			junk = append(junk, e.Name())
		}
	}
	return junk
}

// tickUntil runs devpath tick processes one after another until stop is
// closed, counting them in ran, and returns the notes of those that exited
// 0.
func tickUntil(t *testing.T, db string, stop <-chan struct{}, prefix string, ran *atomic.Int64) []string {
	ids := skillIDs(t)
	var acked []string
	for i := 0; ; i++ {
		select {
		case <-stop:
			return acked
		default:
		}
		note := fmt.Sprintf("%s-%d", prefix, i)
		out, err := run("--db", db, "tick", ids[i%len(ids)], "--level", fmt.Sprint(i%4+1), "--note", note)
		ran.Add(1)
		if err != nil {
			t.Errorf("tick %s: %v: %s", note, err, out)
			continue
		}
		acked = append(acked, note)
	}
}

// TestReplacingWhileTicking replaces the database again and again, with
// restore and with a replacing import, while another process ticks: every
// acknowledged tick is in the final database or in a copy devpath kept and
// lists, and every listed copy can be restored.
func TestReplacingWhileTicking(t *testing.T) {
	if testing.Short() {
		t.Skip("process test runs in the full suite")
	}
	for _, tc := range []struct {
		name    string
		replace func(db, src, json string) []string
	}{
		{"restore", func(db, src, _ string) []string { return []string{"--db", db, "restore", src} }},
		{"import", func(db, _, json string) []string { return []string{"--db", db, "import", json} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "devpath.db")
			mustRun(t, "--db", db, "profile", "--stage", "junior")
			src := filepath.Join(t.TempDir(), "src.db")
			mustRun(t, "--db", db, "backup", "--out", src)
			small := filepath.Join(t.TempDir(), "small.json")
			mustRun(t, "--db", db, "export", "--format", "json", "--out", small)

			stop := make(chan struct{})
			var acked []string
			var wg sync.WaitGroup
			var ticks atomic.Int64
			wg.Go(func() { acked = tickUntil(t, db, stop, "t", &ticks) })
			// Enough replacements, with enough ticks between them.
			replaced := 0
			for replaced < 40 || ticks.Load() < 40 && replaced < 400 {
				out, err := run(tc.replace(db, src, small)...)
				if err != nil {
					t.Errorf("%s: %v: %s", tc.name, err, out)
					break
				}
				replaced++
			}
			close(stop)
			wg.Wait()
			if len(acked) < 40 {
				t.Fatalf("only %d ticks ran during %d replacements", len(acked), replaced)
			}
			n := checkNothingLost(t, db, acked)
			t.Logf("%d ticks, %d replacements, %d copies listed", len(acked), replaced, n)
		})
	}
}

// bigDatabase makes a devpath database of about mb megabytes, so that
// copying it takes long enough to be killed half-way.
func bigDatabase(t *testing.T, db string, mb int) {
	t.Helper()
	mustRun(t, "--db", db, "profile", "--stage", "junior")
	raw, err := sql.Open("sqlite3", "file:"+db+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
INSERT INTO evidence (item_id, note, date, created_at, updated_at)
SELECT 'aws-iam', 'filler ' || hex(randomblob(2000)), '2025-01-01', '2025-01-01T00:00:00.000000000Z', '2025-01-01T00:00:00.000000000Z' FROM n`, mb*1024*1024/4096); err != nil {
		t.Fatal(err)
	}
}

// TestKilledCopiesLeaveNothing kills backups, restores and replacing
// imports of a large database half-way with SIGKILL: 'devpath backups'
// lists only copies that can be restored, and the next start removes every
// unfinished file.
func TestKilledCopiesLeaveNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("process test runs in the full suite")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "devpath.db")
	bigDatabase(t, db, 16)
	src := filepath.Join(t.TempDir(), "src.db")
	mustRun(t, "--db", db, "backup", "--out", src)
	small := filepath.Join(t.TempDir(), "small.json")
	mustRun(t, "--db", filepath.Join(t.TempDir(), "small.db"), "export", "--format", "json", "--out", small)

	// How long an undisturbed backup takes here.
	start := time.Now()
	mustRun(t, "--db", db, "backup")
	span := time.Since(start)

	rng := rand.New(rand.NewPCG(7, 11))
	ops := [][]string{{"backup"}, {"restore", src}, {"import", small}}
	killed := 0
	for i := range 12 {
		cmd := devpathCmd(append([]string{"--db", db}, ops[i%len(ops)]...)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(span/4 + time.Duration(rng.Int64N(int64(span))))
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			killed++
		}
		_ = cmd.Wait()
		if i%len(ops) == 2 {
			// Put the big database back for the next round.
			if out, err := run("--db", db, "restore", src); err != nil {
				t.Fatalf("restore: %v: %s", err, out)
			}
		}
	}
	t.Logf("%d of 12 killed", killed)

	copies := listedCopies(t, db)
	for _, c := range copies {
		into := filepath.Join(t.TempDir(), "devpath.db")
		if out, err := run("--db", into, "restore", c); err != nil {
			t.Errorf("the listed copy %s cannot be restored: %v: %s", c, err, out)
		}
	}
	// The next start cleans up what the killed processes left.
	mustRun(t, "--db", db, "status")
	for _, d := range []string{dir, core.New(core.Config{}).BackupDir(db)} {
		if junk := leftovers(t, db, d, copies); len(junk) > 0 {
			t.Errorf("left in %s after the next start: %v", d, junk)
		}
	}
}

// TestReadCommandsOnFullDisk runs status and export where no file may grow
// (as on a full disk): they work, and a tick fails with a clear message and
// changes nothing.
func TestReadCommandsOnFullDisk(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "devpath.db")
	mustRun(t, "--db", db, "profile", "--stage", "junior")
	mustRun(t, "--db", db, "tick", "aws-iam", "--level", "2", "--note", "before-the-disk-filled-up")
	src := filepath.Join(t.TempDir(), "src.db")
	mustRun(t, "--db", db, "backup", "--out", src)
	before := evidenceNotes(t, db)

	full := func(args ...string) (string, error) {
		cmd := devpathCmd(append([]string{"--db", db}, args...)...)
		cmd.Env = append(cmd.Env, fileSizeEnv+"=4096")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := full("status"); err != nil || !strings.Contains(out, "Stage:") {
		t.Errorf("status on a full disk: %v: %s", err, out)
	}
	if out, err := full("export", "--format", "json"); err != nil || !strings.Contains(out, "before-the-disk-filled-up") {
		t.Errorf("export on a full disk: %v: %s", err, out)
	}
	out, err := full("tick", "aws-iam", "--level", "3", "--note", "on-a-full-disk")
	if err == nil || !strings.Contains(out, "is full; nothing was changed") || strings.Count(strings.TrimSpace(out), "\n") > 0 {
		t.Errorf("tick on a full disk: %v: %q, want one line saying the disk is full and nothing was changed", err, out)
	}
	out, err = full("restore", src)
	if err == nil || !strings.Contains(out, "the disk is full; nothing was changed") {
		t.Errorf("restore on a full disk: %v: %q, want it to say the disk is full", err, out)
	}
	if after := evidenceNotes(t, db); len(after) != len(before) {
		t.Errorf("the database changed on a full disk: %v", after)
	}
	if junk := leftovers(t, db, dir, nil); len(junk) > 0 {
		t.Errorf("left beside the database on a full disk: %v", junk)
	}
}
