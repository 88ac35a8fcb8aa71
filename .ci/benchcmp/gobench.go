package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// testBinary is a compiled test binary and the package folder it runs in.
type testBinary struct {
	pkg  string // ./tracker
	path string
}

// benchResult is one run of one benchmark.
type benchResult struct {
	n      int
	ns     float64 // wall time per op
	bytes  float64 // B/op
	allocs float64 // allocs/op
	cpu    float64 // CPU time (user+system, every thread) per op; 0 when unknown
}

// buildTest compiles the tests of pkg into work.
func buildTest(pkg, work string) (testBinary, error) {
	out := filepath.Join(work, slug(pkg)+".test")
	cmd := exec.Command("go", "test", "-c", "-o", out, pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return testBinary{}, fmt.Errorf("go test -c %s: %w", pkg, err)
	}
	return testBinary{pkg: pkg, path: out}, nil
}

// runBench runs one benchmark of t (an exact name) for benchtime and
// returns its figures and the CPU time the whole process used.
func runBench(t testBinary, name, benchtime string, env []string) (benchResult, time.Duration, error) {
	var r benchResult
	abs, err := filepath.Abs(t.path)
	if err != nil {
		return r, 0, err
	}
	cmd := exec.Command(abs, "-test.run=^$", "-test.bench=^"+name+"$", "-test.benchmem",
		"-test.benchtime="+benchtime, "-test.count=1")
	cmd.Dir, cmd.Env = t.pkg, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return r, 0, fmt.Errorf("%s %s: %w\n%s", t.pkg, name, err, out.String())
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	for _, line := range strings.Split(out.String(), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], name) || (f[0] != name && !strings.HasPrefix(f[0], name+"-")) {
			continue
		}
		if r.n, err = strconv.Atoi(f[1]); err != nil {
			return r, 0, fmt.Errorf("%s: cannot read %q", name, line)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return r, 0, fmt.Errorf("%s: cannot read %q", name, line)
			}
			switch f[i+1] {
			case "ns/op":
				r.ns = v
			case "B/op":
				r.bytes = v
			case "allocs/op":
				r.allocs = v
			}
		}
		return r, cpu, nil
	}
	return r, 0, fmt.Errorf("%s %s printed no result:\n%s", t.pkg, name, out.String())
}

// goBench names one benchmark.
type goBench struct {
	bin  *testBinary
	name string
}

// benchSeries runs every benchmark once per round, in an order that turns
// each round, so that no benchmark always runs first or last; before the
// rounds, a one-iteration run of each gives the CPU time of the process
// and the benchmark's setup, which is taken off to get CPU time per op. A
// benchmark whose one op takes more than a third of benchtime runs three
// ops a round instead.
func benchSeries(benches []goBench, rounds int, benchtime string, env []string) (map[string][]benchResult, error) {
	setup := map[string]time.Duration{}
	bt := map[string]string{}
	for _, b := range benches {
		say("go: %s (setup)", b.name)
		one, cpu, err := runBench(*b.bin, b.name, "1x", env)
		if err != nil {
			return nil, err
		}
		setup[b.name] = cpu
		bt[b.name] = benchtime
		if d, err := time.ParseDuration(benchtime); err == nil && one.ns > float64(d)/3 {
			bt[b.name] = "3x"
		}
	}
	res := map[string][]benchResult{}
	for r := 0; r < rounds; r++ {
		for i := range benches {
			b := benches[(i+r)%len(benches)]
			say("go: round %d/%d: %s", r+1, rounds, b.name)
			br, cpu, err := runBench(*b.bin, b.name, bt[b.name], env)
			if err != nil {
				return nil, err
			}
			if br.n > 1 && cpu > setup[b.name] {
				br.cpu = float64(cpu-setup[b.name]) / float64(br.n-1)
			}
			res[b.name] = append(res[b.name], br)
		}
	}
	return res, nil
}
