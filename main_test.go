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
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"devpath/roadmap"
)

// childEnv makes the test binary act as devpath itself, so the tests below
// can run real devpath processes without building a second binary.
const childEnv = "DEVPATH_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Args = append([]string{"devpath"}, strings.Fields(os.Getenv("DEVPATH_TEST_ARGS"))...)
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
