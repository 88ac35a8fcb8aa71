package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
)

// stressTimeEnv sets how long TestStress runs, as a Go duration ("70s");
// `make stress-test` sets it, `go test` alone runs it briefly.
const stressTimeEnv = "DEVPATH_STRESS_TIME"

// backedUp finds where 'devpath backup' says it wrote its copy.
var backedUp = regexp.MustCompile(`Backed up \S+ to (\S+) \(`)

// TestStress runs several devpath processes at once that tick, back up,
// import (replacing and merging), restore and read, and kills a third of
// them with SIGKILL at random moments. Afterwards the database passes
// PRAGMA integrity_check, every tick and backup whose process exited 0 is
// in the database or in a copy 'devpath backups' lists, every listed copy
// can be restored, and the next start leaves no unfinished file behind.
func TestStress(t *testing.T) {
	if testing.Short() {
		t.Skip("stress test runs in the full suite")
	}
	length := 8 * time.Second
	if v := os.Getenv(stressTimeEnv); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("%s=%q is not a duration", stressTimeEnv, v)
		}
		length = d
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "devpath.db")
	mustRun(t, "--db", db, "profile", "--stage", "junior")
	mustRun(t, "--db", db, "tick", "aws-iam", "--level", "1", "--note", "first")
	src := filepath.Join(t.TempDir(), "src.db")
	mustRun(t, "--db", db, "backup", "--out", src)
	small := filepath.Join(t.TempDir(), "small.json")
	mustRun(t, "--db", db, "export", "--format", "json", "--out", small)
	ids := skillIDs(t)

	var (
		mu      sync.Mutex
		acked   = []string{"first"}
		backups []string // copies 'devpath backup' reported written
		sources = []string{src}
		counts  = map[string]int{}
		kills   int
	)
	deadline := time.Now().Add(length)
	worker := func(w int) {
		rng := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
		for i := 0; time.Now().Before(deadline); i++ {
			var args []string
			var op, note string
			switch r := rng.IntN(100); {
			case r < 55:
				op, note = "tick", fmt.Sprintf("s%d-%d", w, i)
				args = []string{"tick", ids[rng.IntN(len(ids))], "--level", fmt.Sprint(rng.IntN(5)), "--note", note}
			case r < 65:
				op, args = "backup", []string{"backup"}
			case r < 73:
				op, args = "import", []string{"import", small}
			case r < 79:
				op, args = "merge", []string{"import", "--merge", small}
			case r < 90:
				mu.Lock()
				from := sources[rng.IntN(len(sources))]
				mu.Unlock()
				op, args = "restore", []string{"restore", from}
			default:
				op, args = "status", []string{"status"}
			}
			cmd := devpathCmd(append([]string{"--db", db}, args...)...)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Errorf("start: %v", err)
				return
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var err error
			killed := false
			if rng.IntN(3) == 0 {
				select {
				case err = <-exited:
				case <-time.After(time.Duration(rng.IntN(120)) * time.Millisecond):
					killed = cmd.Process.Signal(syscall.SIGKILL) == nil
					err = <-exited
				}
			} else {
				err = <-exited
			}
			mu.Lock()
			switch {
			case err == nil:
				counts[op]++
				if note != "" {
					acked = append(acked, note)
				}
				if m := backedUp.FindStringSubmatch(out.String()); op == "backup" && m != nil {
					backups = append(backups, m[1])
					sources = append(sources, m[1])
				}
			case killed:
				kills++
			default:
				t.Errorf("devpath %v failed without being killed: %v: %s", args, err, out.String())
			}
			mu.Unlock()
		}
	}
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() { worker(w) })
	}
	wg.Wait()
	t.Logf("%v: %d killed; exited 0: %v", length, kills, counts)
	if counts["tick"] == 0 || counts["restore"] == 0 || counts["import"] == 0 || counts["backup"] == 0 || kills == 0 {
		t.Fatalf("not every kind of operation ran and was killed: %v, %d killed", counts, kills)
	}

	// The next start cleans up after the killed processes.
	mustRun(t, "--db", db, "status")
	n := checkNothingLost(t, db, acked)
	listed := listedCopies(t, db)
	for _, b := range backups {
		if !slices.Contains(listed, b) {
			t.Errorf("the backup %s that devpath reported written is not listed", b)
		}
	}
	for _, d := range []string{dir, filepath.Join(dir, "backups")} {
		if junk := leftovers(t, db, d, listed); len(junk) > 0 {
			t.Errorf("left in %s after the next start: %v", d, junk)
		}
	}
	t.Logf("%d acknowledged ticks, %d copies listed and restored", len(acked), n)
}
