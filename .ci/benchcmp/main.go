// Command benchcmp measures devpath against its floors, side by side in one
// run, and prints each figure with its ratio to its floor and its target
// (see BENCHMARKS.md). .ci/startup-bench.sh builds what it needs and runs
// it; `make bench` runs that script.
//
// Go benchmarks (-go): the test binaries of ./tracker, ./tracker/store and ./tracker/report
// are built once, then every benchmark runs once per round, the rounds
// interleaving devpath's benchmarks with their floors. A figure is the
// median over the rounds; a ratio is the median of the ratios of the same
// round. CPU time per op (all threads, from the process's resource usage,
// less a one-iteration run for the setup) is shown beside the wall time:
// on a busy machine the wall time of a computation mostly measures the
// neighbours, so absolute time targets are judged on CPU time.
//
// Start-up (-startup): each run starts a program on the given X display with
// a fresh home and XDG folders, is told by the X server (MapNotify) when a
// top-level window with the expected title is mapped, reads the process's
// resident memory (VmRSS) a settling time later, and stops it. Runs of
// devpath and of the empty Fyne window alternate.
//
// Input to repaint (-latency): devpath and the empty window with a button
// run side by side on an Xvfb of its own; each action is sent with XTEST
// and timed until its effect is completely on screen, seen with DAMAGE and
// the window's pixels, each sample followed by one of the floor (see
// latency.go and latcases.go).
//
// With -check it exits with status 1 when a target is missed.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// say prints progress to standard error.
func say(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "benchcmp: "+format+"\n", a...)
}

// figure is one line of the summary.
type figure struct {
	name   string
	value  string
	floor  string
	ratio  float64 // NaN: no floor
	target string
	ok     *bool // nil: no target
	note   string
}

func main() {
	var (
		doGo      = flag.Bool("go", false, "run the Go benchmarks side by side")
		doStart   = flag.Bool("startup", false, "measure start-up time and memory")
		check     = flag.Bool("check", false, "exit with status 1 when a target is missed")
		rounds    = flag.Int("rounds", 5, "rounds of the Go benchmarks")
		benchtime = flag.String("benchtime", "1s", "-test.benchtime of each Go benchmark run")
		runs      = flag.Int("runs", 7, "start-up runs of each program")
		display   = flag.String("display", "", "X display for the start-up runs, e.g. :97")
		work      = flag.String("work", "", "folder for test binaries, homes and databases (required)")
		devpath   = flag.String("devpath", "bin/devpath", "the devpath binary")
		floorBin  = flag.String("floor", "bin/devpath-floor", "the empty Fyne window (ui/internal/emptywindow)")
		smallDB   = flag.String("small-db", "", "the prepared database for the embedded-roadmap runs")
		largeDB   = flag.String("large-db", "", "the large generated database")
		largeRM   = flag.String("large-roadmap", "", "the large generated roadmap (--roadmap)")
		settle    = flag.Duration("settle", 2*time.Second, "from the window's map to reading the memory")
		timeout   = flag.Duration("timeout", 60*time.Second, "longest wait for a window")
		doLat     = flag.Bool("latency", false, "measure input-to-repaint latency against the floor")
		latRuns   = flag.Int("latency-runs", 15, "samples of each action (after one warm-up)")
		latXvfb   = flag.String("latency-displays", "150-199", "display numbers to start the latency benchmark's Xvfb on, FIRST-LAST")
		latQuiet  = flag.Duration("latency-quiet", 300*time.Millisecond, "how long a window must stay undrawn and idle to count as settled")
		latLimit  = flag.Float64("latency-limit", 1.5, "the target: each action's median at most this many times the median of all the reference's samples")
		latShots  = flag.String("latency-shots", "", "a folder for the images before and after each action's first sample")
		latOnly   = flag.String("latency-only", "", "measure only the actions whose name contains this (alternatives split by |)")
	)
	flag.Parse()
	if *work == "" || (!*doGo && !*doStart && !*doLat) || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: benchcmp -work DIR [-go] [-startup -display :N -small-db F -large-db F -large-roadmap F] [-latency -small-db F [-large-db F -large-roadmap F]] [-check]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	var figs []figure
	if *doGo {
		f, err := goFigures(*work, *rounds, *benchtime)
		if err != nil {
			fail(err)
		}
		figs = append(figs, f...)
	}
	if *doStart {
		if *display == "" || *smallDB == "" || *largeDB == "" || *largeRM == "" {
			fail(fmt.Errorf("-startup needs -display, -small-db, -large-db and -large-roadmap"))
		}
		o := startOptions{display: *display, work: filepath.Join(*work, "startup"), settle: *settle, timeout: *timeout}
		f, err := startFigures(o, *runs, *devpath, *floorBin, *smallDB, *largeDB, *largeRM)
		if err != nil {
			fail(err)
		}
		figs = append(figs, f...)
	}
	var lat []latResult
	if *doLat {
		if *smallDB == "" {
			fail(fmt.Errorf("-latency needs -small-db"))
		}
		o := latOptions{work: filepath.Join(*work, "latency"), xvfb: *latXvfb, runs: *latRuns, quiet: *latQuiet,
			timeout: 15 * time.Second, limit: *latLimit, devpath: *devpath, floorBin: *floorBin,
			smallDB: *smallDB, largeDB: *largeDB, largeRM: *largeRM, shots: *latShots, only: *latOnly}
		var err error
		if lat, err = latFigures(o); err != nil {
			fail(err)
		}
	}
	missed := 0
	if len(figs) > 0 {
		missed += printFigures(figs)
	}
	if *doLat {
		missed += printLatency(lat, *latLimit)
	}
	if *check && missed > 0 {
		fmt.Printf("\n%d target(s) missed\n", missed)
		os.Exit(1)
	}
}

// fail stops with an error.
func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchcmp:", err)
	os.Exit(1)
}

// goFigures runs the Go benchmarks side by side and summarises them.
func goFigures(work string, rounds int, benchtime string) ([]figure, error) {
	tracker, err := buildTest("./tracker", work)
	if err != nil {
		return nil, err
	}
	store, err := buildTest("./tracker/store", work)
	if err != nil {
		return nil, err
	}
	report, err := buildTest("./tracker/report", work)
	if err != nil {
		return nil, err
	}
	// The large database is written once and copied by each benchmark that
	// needs it (see tracker/store/bench_store_test.go).
	fixture := filepath.Join(work, "fixture")
	env := append(os.Environ(), "DEVPATH_LARGE_FIXTURE="+fixture)
	if _, err := os.Stat(filepath.Join(fixture, "large.db")); err != nil {
		return nil, fmt.Errorf("no large database in %s (write it with: DEVPATH_LARGE_FIXTURE=%s go test -run '^TestLargeFixture$' ./tracker/store)", fixture, fixture)
	}
	benches := []goBench{
		{&store, "BenchmarkTick"}, {&store, "BenchmarkTickBaseline"},
		{&tracker, "BenchmarkReadiness"}, {&tracker, "BenchmarkReadinessLarge"},
		{&store, "BenchmarkOpenLarge"}, {&store, "BenchmarkOpenLargeBaseline"},
		{&store, "BenchmarkHistoryScreenLarge"}, {&report, "BenchmarkExportPDF"},
	}
	res, err := benchSeries(benches, rounds, benchtime, env)
	if err != nil {
		return nil, err
	}
	med := func(name string, f func(benchResult) float64) float64 {
		var xs []float64
		for _, r := range res[name] {
			xs = append(xs, f(r))
		}
		return median(xs)
	}
	wall := func(r benchResult) float64 { return r.ns }
	cpu := func(r benchResult) float64 { return r.cpu }
	// pairRatio is the median of the per-round ratios of a to b.
	pairRatio := func(a, b string, f func(benchResult) float64) float64 {
		var xs []float64
		for i := range res[a] {
			if i < len(res[b]) && f(res[b][i]) > 0 {
				xs = append(xs, f(res[a][i])/f(res[b][i]))
			}
		}
		return median(xs)
	}
	describe := func(name string) string {
		return fmt.Sprintf("%s (cpu %s)", dur(med(name, wall)), dur(med(name, cpu)))
	}
	mem := func(name string) string {
		return fmt.Sprintf("%s in %s allocs", bytesOf(med(name, func(r benchResult) float64 { return r.bytes })),
			num(med(name, func(r benchResult) float64 { return r.allocs })))
	}

	var figs []figure
	tick := pairRatio("BenchmarkTick", "BenchmarkTickBaseline", wall)
	figs = append(figs, figure{
		name: "tick: Store.SetLevel vs database/sql", value: describe("BenchmarkTick"), floor: describe("BenchmarkTickBaseline"),
		ratio: tick, target: "≤ 1.5×", ok: okp(tick <= 1.5),
		note: fmt.Sprintf("cpu ratio %.2f×; per op %s vs %s; the wall time is mostly the commit's fsync",
			pairRatio("BenchmarkTick", "BenchmarkTickBaseline", cpu), mem("BenchmarkTick"), mem("BenchmarkTickBaseline")),
	})
	for _, a := range []struct {
		name, bench string
		limit       float64
		target      string
	}{
		{"readiness, embedded roadmap", "BenchmarkReadiness", 50e3, "< 50 µs cpu"},
		{"readiness, 5,000 entries", "BenchmarkReadinessLarge", 5e6, "< 5 ms cpu"},
	} {
		c := med(a.bench, cpu)
		figs = append(figs, figure{
			name: a.name, value: describe(a.bench), floor: "(target)", ratio: c / a.limit,
			target: a.target, ok: okp(c > 0 && c < a.limit),
			note: fmt.Sprintf("ratio: cpu time to the target; per op %s", mem(a.bench)),
		})
	}
	open := pairRatio("BenchmarkOpenLarge", "BenchmarkOpenLargeBaseline", wall)
	figs = append(figs, figure{
		name: "open large db + dashboard data", value: describe("BenchmarkOpenLarge"), floor: describe("BenchmarkOpenLargeBaseline"),
		ratio: open, target: "—",
		note: fmt.Sprintf("cpu ratio %.2f×; per op %s vs %s; the floor reads the same rows with database/sql",
			pairRatio("BenchmarkOpenLarge", "BenchmarkOpenLargeBaseline", cpu), mem("BenchmarkOpenLarge"), mem("BenchmarkOpenLargeBaseline")),
	})
	figs = append(figs, figure{
		name: "history screen data, large db", value: describe("BenchmarkHistoryScreenLarge"), floor: "—", ratio: math.NaN(), target: "—",
		note: fmt.Sprintf("100,000 events and the check-ins read, readiness replayed; per op %s", mem("BenchmarkHistoryScreenLarge")),
	})
	figs = append(figs, figure{
		name: "export PDF, embedded roadmap", value: describe("BenchmarkExportPDF"), floor: "—", ratio: math.NaN(), target: "—",
		note: "per op " + mem("BenchmarkExportPDF"),
	})
	return figs, nil
}

// startFigures measures the start-ups and summarises them.
func startFigures(o startOptions, runs int, devpath, floorBin, smallDB, largeDB, largeRM string) ([]figure, error) {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			fail(err)
		}
		return a
	}
	empty := startCase{name: "empty window", title: "devpath-floor", argv: []string{abs(floorBin)}}
	embedded := startCase{name: "devpath, embedded roadmap", short: "embedded roadmap", title: "devpath", argv: []string{abs(devpath), "--db", "{db}"}, db: abs(smallDB)}
	large := startCase{name: "devpath, large db + roadmap", short: "large db + roadmap", title: "devpath",
		argv: []string{abs(devpath), "--db", "{db}", "--roadmap", abs(largeRM)}, db: abs(largeDB)}
	cases := []startCase{empty, embedded, large}
	for _, c := range cases {
		s, err := runStart(o, c, 0)
		if err != nil {
			return nil, fmt.Errorf("warm-up, %s: %w", c.name, err)
		}
		say("start-up: warm-up:  %-28s mapped after %6.1f ms (not counted)", c.name, ms(s.mapped))
	}
	res := map[string][]startSample{}
	for r := 0; r < runs; r++ {
		for i := range cases {
			c := cases[(i+r)%len(cases)]
			s, err := runStart(o, c, r+1)
			if err != nil {
				return nil, fmt.Errorf("run %d, %s: %w", r+1, c.name, err)
			}
			say("start-up: run %d/%d: %-28s mapped after %6.1f ms (cpu %4.0f ms), VmRSS %6.1f MiB, exit %5.0f ms after SIGTERM", r+1, runs, c.name, ms(s.mapped), ms(s.cpu), mib(s.rssKB), ms(s.exit))
			res[c.name] = append(res[c.name], s)
		}
	}
	mapped := func(s startSample) float64 { return float64(s.mapped) }
	cpu := func(s startSample) float64 { return float64(s.cpu) }
	rss := func(s startSample) float64 { return float64(s.rssKB) }
	hwm := func(s startSample) float64 { return float64(s.hwmKB) }
	med := func(name string, f func(startSample) float64) float64 {
		var xs []float64
		for _, s := range res[name] {
			xs = append(xs, f(s))
		}
		return median(xs)
	}
	ratio := func(a string, f func(startSample) float64) float64 {
		var xs []float64
		for i, s := range res[a] {
			xs = append(xs, f(s)/f(res[empty.name][i]))
		}
		return median(xs)
	}
	exit := func(s startSample) float64 { return float64(s.exit) }
	var figs []figure
	for _, c := range []struct {
		cs     startCase
		limit  float64
		target string
	}{
		{embedded, 1.3, "≤ 1.3×"},
		{large, 1.6, "≤ 1.6×"},
	} {
		rt := ratio(c.cs.name, mapped)
		figs = append(figs, figure{
			name: "start-up, " + c.cs.short, value: dur(med(c.cs.name, mapped)), floor: dur(med(empty.name, mapped)) + " (empty window)",
			ratio: rt, target: c.target, ok: okp(rt <= c.limit),
			note: fmt.Sprintf("process start to window mapped, median of %d runs; cpu used until then %s vs %s (%.2f×)", runs,
				dur(med(c.cs.name, cpu)), dur(med(empty.name, cpu)), ratio(c.cs.name, cpu)),
		})
		rr := ratio(c.cs.name, rss)
		figs = append(figs, figure{
			name: "memory, " + c.cs.short, value: fmt.Sprintf("%.1f MiB", mib(int64(med(c.cs.name, rss)))),
			floor: fmt.Sprintf("%.1f MiB (empty window)", mib(int64(med(empty.name, rss)))),
			ratio: rr, target: "≤ 1.3×", ok: okp(rr <= 1.3),
			note: fmt.Sprintf("VmRSS %v after the map, median of %d runs; peak (VmHWM) %.1f vs %.1f MiB", o.settle, runs,
				mib(int64(med(c.cs.name, hwm))), mib(int64(med(empty.name, hwm)))),
		})
		re := ratio(c.cs.name, exit)
		figs = append(figs, figure{
			name: "exit after SIGTERM, " + c.cs.short, value: dur(med(c.cs.name, exit)), floor: dur(med(empty.name, exit)) + " (empty window)",
			ratio: re, target: "≤ 1.5×", ok: okp(re <= 1.5),
			note: fmt.Sprintf("SIGTERM %v after the map to the process's exit, median of %d runs", o.settle, runs),
		})
	}
	return figs, nil
}

// printFigures prints the summary and returns how many targets were missed.
func printFigures(figs []figure) int {
	missed := 0
	fmt.Println()
	fmt.Printf("%-37s| %-24s| %-28s| ratio  | target      | status\n", "figure", "devpath", "floor")
	fmt.Println(strings.Repeat("-", 37) + "+" + strings.Repeat("-", 25) + "+" + strings.Repeat("-", 29) + "+--------+-------------+-------")
	for _, f := range figs {
		r := "   —  "
		if !math.IsNaN(f.ratio) {
			r = fmt.Sprintf("%5.2f×", f.ratio)
		}
		status := "—"
		if f.ok != nil {
			status = "ok"
			if !*f.ok {
				status = "MISSED"
				missed++
			}
		}
		fmt.Printf("%-37s| %-24s| %-28s| %s | %-12s| %s\n", f.name, f.value, f.floor, r, f.target, status)
		if f.note != "" {
			fmt.Printf("%37s|   %s\n", "", f.note)
		}
	}
	fmt.Println()
	fmt.Println("devpath and floor: medians. ratio: devpath / floor, the median of the ratios of each round or run")
	fmt.Println("(side by side), so it may differ from the ratio of the two medians; for readiness, cpu time / target.")
	return missed
}

func okp(b bool) *bool { return &b }

// median of xs (NaN when empty).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// dur writes nanoseconds in a readable unit.
func dur(ns float64) string {
	switch {
	case math.IsNaN(ns):
		return "?"
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.1f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

// bytesOf writes a byte count in a readable unit.
func bytesOf(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}

// num writes a count.
func num(x float64) string { return fmt.Sprintf("%.0f", x) }

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func mib(kb int64) float64 { return float64(kb) / 1024 }
