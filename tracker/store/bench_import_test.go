package store

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"devpath/roadmap/roadmaptest"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// importBenchEvents sizes the backup BenchmarkImportLarge imports: with
// the large roadmap's states and evidence, about 65 MB of JSON.
const importBenchEvents = 375000

// peakHeap samples the heap in use while fn runs and returns the most it
// saw, in bytes.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapInuse)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak
}

// BenchmarkImportLarge imports a large JSON backup (about 65 MB) from its
// file, replacing everything, into a new database, in two ways side by
// side: "whole" reads the whole backup into memory first (backup.ReadFile,
// as a merge and the window's non-local files do), "streamed" checks the
// file a value at a time and imports its entry states, evidence and change
// log from the file again (backup.ScanFile, as devpath import does). Each
// reports the file's size and the most heap in use while reading and
// importing.
func BenchmarkImportLarge(b *testing.B) {
	dir := testDir(b)
	file := writeLargeBackup(b, dir)
	fi, err := os.Stat(file)
	if err != nil {
		b.Fatal(err)
	}
	for _, way := range []struct {
		name string
		read func(string) (backup.Backup, error)
	}{
		{"whole", backup.ReadFile},
		{"streamed", backup.ScanFile},
	} {
		b.Run(way.name, func(b *testing.B) {
			var worst uint64
			for i := range b.N {
				dest, err := OpenWith(filepath.Join(dir, way.name, "n"+string(rune('a'+i%26))+".db"), Options{Now: func() time.Time { return largeDay }})
				if err != nil {
					b.Fatal(err)
				}
				peak := peakHeap(func() {
					read, err := way.read(file)
					if err != nil {
						b.Fatal(err)
					}
					rep, err := dest.Import(read, false, nil)
					if err != nil {
						b.Fatal(err)
					}
					if rep.Events.Added < importBenchEvents/2 {
						b.Fatalf("imported %d events", rep.Events.Added)
					}
				})
				worst = max(worst, peak)
				_ = dest.Close()
			}
			b.ReportMetric(float64(fi.Size())/1e6, "file-MB")
			b.ReportMetric(float64(worst)/(1<<20), "peak-heap-MiB")
		})
	}
}

// writeLargeBackup writes the JSON backup of a large generated database
// (importBenchEvents events) into dir and returns its path.
func writeLargeBackup(tb testing.TB, dir string) string {
	db := filepath.Join(dir, "large.db")
	if _, err := writeLargeDB(db, roadmaptest.Large(largeItems), importBenchEvents); err != nil {
		tb.Fatal(err)
	}
	src, err := OpenWith(db, Options{Now: func() time.Time { return largeDay }})
	if err != nil {
		tb.Fatal(err)
	}
	bk, err := src.Export()
	if err != nil {
		tb.Fatal(err)
	}
	_ = src.Close()
	// The generator's evidence events hold less than a live one would
	// (no entry id): keep the levels and skips, which import checks pass.
	kept := bk.Events[:0]
	for _, e := range bk.Events {
		if e.Kind == tracker.EventLevel || e.Kind == tracker.EventSkip {
			kept = append(kept, e)
		}
	}
	bk.Events = kept
	file := filepath.Join(dir, "large.json")
	f, err := os.Create(file)
	if err != nil {
		tb.Fatal(err)
	}
	if err := backup.Write(f, bk); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return file
}
