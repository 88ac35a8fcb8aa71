package gitscan

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"devpath/roadmap"
)

// benchVersion names the generated benchmark repository: change it when
// the generator changes, so that a cached one is made again.
const benchVersion = "v1"

const (
	benchCommits = 100_000
	benchEmail   = "me@example.com"
)

// benchRepo returns a repository of benchCommits commits, generated with
// git fast-import once and kept under os.TempDir.
func benchRepo(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "devpath-gitscan-bench-"+benchVersion)
	repo := filepath.Join(dir, "repo")
	if _, err := os.Stat(filepath.Join(repo, ".git", "done")); err == nil {
		return repo
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp, err := os.MkdirTemp(dir, "gen-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	start := time.Now()
	git := func(stdin io.Reader, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = tmp
		cmd.Env = benchGitEnv(tmp)
		cmd.Stdin = stdin
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git(nil, "init", "-q", "-b", "main")
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriterSize(pw, 1<<20)
		writeHistory(w, benchCommits)
		if err := w.Flush(); err != nil {
			pw.CloseWithError(err)
			return
		}
		pw.Close()
	}()
	git(pr, "fast-import", "--quiet")
	// As a repository that has lived a while is: packed by git gc.
	git(nil, "gc", "-q")
	if err := os.WriteFile(filepath.Join(tmp, ".git", "done"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	os.RemoveAll(repo)
	if err := os.Rename(tmp, repo); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %s in %v", repo, time.Since(start).Round(time.Millisecond))
	return repo
}

// benchGitEnv is an environment for the git command that keeps the machine's
// configuration out.
func benchGitEnv(home string) []string {
	return append(os.Environ(),
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_GLOBAL="+filepath.Join(home, ".gitconfig-test"),
		"GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C.UTF-8", "TZ=UTC")
}

// benchTree is the file layout of the generated repository: a few thousand
// files of an infrastructure monorepo.
func benchTree() []string {
	var files []string
	for m := range 30 {
		for _, f := range []string{"main.tf", "variables.tf", "outputs.tf"} {
			files = append(files, fmt.Sprintf("infra/terraform/modules/m%02d/%s", m, f))
		}
	}
	for _, env := range []string{"dev", "staging", "prod"} {
		for _, f := range []string{"main.tf", "backend.tf", "terraform.tfvars"} {
			files = append(files, fmt.Sprintf("infra/terraform/envs/%s/%s", env, f))
		}
	}
	for s := range 40 {
		svc := fmt.Sprintf("services/svc%02d", s)
		files = append(files, svc+"/Dockerfile", svc+"/README.md", svc+"/requirements.txt")
		for p := range 10 {
			for f := range 5 {
				files = append(files, fmt.Sprintf("%s/src/pkg%d/mod%d.py", svc, p, f))
			}
		}
		for f := range 3 {
			files = append(files, fmt.Sprintf("%s/tests/test_%d.py", svc, f))
		}
	}
	for c := range 20 {
		ch := fmt.Sprintf("charts/chart%02d", c)
		files = append(files, ch+"/Chart.yaml", ch+"/values.yaml")
		for _, t := range []string{"deployment", "service", "ingress", "configmap"} {
			files = append(files, ch+"/templates/"+t+".yaml")
		}
	}
	for _, w := range []string{"ci", "release", "lint", "deploy", "nightly", "security", "docs", "terraform"} {
		files = append(files, ".github/workflows/"+w+".yml")
	}
	for d := range 15 {
		for f := range 20 {
			files = append(files, fmt.Sprintf("docs/section%02d/page%02d.md", d, f))
		}
	}
	return append(files, "README.md", "Makefile", "CHANGELOG.md")
}

var benchSubjects = []string{
	"Update %s", "Fix %s", "Refactor %s", "Tidy %s", "Bump versions in %s",
	"Add logging to %s", "Review comments on %s", "Terraform: adjust %s",
	"Helm chart tweak in %s", "CI workflow fix for %s", "Docs for %s",
	"Dockerfile clean-up in %s", "Speed up %s", "Handle errors in %s",
}

// writeHistory writes a fast-import stream of n commits on main: one
// first commit of the whole tree, then commits by six authors (the user's
// share about 30%) changing one to five files each, with a merged side
// branch of three commits every 500.
func writeHistory(w *bufio.Writer, n int) {
	rng := rand.New(rand.NewPCG(1, 2))
	files := benchTree()
	others := []string{"alice@example.com", "bob@example.com", "chen@example.com", "dana@example.com", "emeka@example.com"}
	when := time.Date(2019, 1, 1, 9, 0, 0, 0, time.UTC).Unix()
	mark := 0
	data := func(s string) { fmt.Fprintf(w, "data %d\n%s\n", len(s), s) }
	commit := func(ref, email, subject string, from, merge int, changes func()) int {
		mark++
		when += int64(300 + rng.IntN(900))
		fmt.Fprintf(w, "commit %s\nmark :%d\n", ref, mark)
		fmt.Fprintf(w, "author %s <%s> %d +0000\ncommitter %s <%s> %d +0000\n", email, email, when, email, email, when)
		data(subject)
		if from > 0 {
			fmt.Fprintf(w, "from :%d\n", from)
		}
		if merge > 0 {
			fmt.Fprintf(w, "merge :%d\n", merge)
		}
		changes()
		w.WriteString("\n")
		return mark
	}
	change := func() {
		for range 1 + rng.IntN(5) {
			f := files[rng.IntN(len(files))]
			fmt.Fprintf(w, "M 100644 inline %s\n", f)
			data(fmt.Sprintf("%s revision %d\n", f, mark))
		}
		if rng.IntN(50) == 0 {
			// Now and then a new file.
			f := fmt.Sprintf("%s/extra%d.py", filepath.Dir(files[rng.IntN(len(files))]), mark)
			files = append(files, f)
			fmt.Fprintf(w, "M 100644 inline %s\n", f)
			data("new\n")
		}
	}
	author := func() string {
		if rng.IntN(10) < 3 {
			return benchEmail
		}
		return others[rng.IntN(len(others))]
	}
	subject := func() string {
		f := files[rng.IntN(len(files))]
		return fmt.Sprintf(benchSubjects[rng.IntN(len(benchSubjects))], filepath.Dir(f))
	}
	main := commit("refs/heads/main", benchEmail, "Initial import", 0, 0, func() {
		for _, f := range files {
			fmt.Fprintf(w, "M 100644 inline %s\n", f)
			data(f + "\n")
		}
	})
	for mark < n {
		if mark%500 == 499 && mark+4 <= n {
			side := main
			for i := range 3 {
				from := 0
				if i == 0 {
					from = main
				}
				side = commit("refs/heads/side", author(), subject(), from, 0, change)
			}
			main = commit("refs/heads/main", author(), "Merge branch 'side'", 0, side, func() {})
			continue
		}
		main = commit("refs/heads/main", author(), subject(), 0, 0, change)
	}
}

// benchRoadmap is the built-in roadmap when its entries carry signals (at
// least forty of them), else devopsSignals, forty entries of the same kind.
func benchRoadmap(b *testing.B) *roadmap.Roadmap {
	rm := roadmap.Default()
	n := 0
	for _, e := range rm.Entries() {
		if e.Item.Signals != nil {
			n++
		}
	}
	if n >= 40 {
		b.Logf("the built-in roadmap: %d entries with signals", n)
		return rm
	}
	return testRoadmap(b, devopsSignals)
}

// benchScan scans the benchmark repository once and returns the most heap
// in use seen during the scan (sampled at each progress report, about ten
// times a second).
func benchScan(b *testing.B, repo string, rm *roadmap.Roadmap) uint64 {
	var peak uint64
	opt := Options{Authors: []string{benchEmail}, Progress: func(Progress) {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}}
	res, err := Scan(context.Background(), rm, []string{repo}, opt)
	if err != nil || len(res) != 1 || res[0].Err != nil || res[0].Commits == 0 || len(res[0].Suggestions) == 0 {
		b.Fatalf("scan: %v %+v", err, res)
	}
	return peak
}

// benchGitLog runs git log --name-only --author on the benchmark
// repository, its output read and thrown away.
func benchGitLog(b *testing.B, repo string, revs ...string) {
	cmd := exec.Command("git", append([]string{"log", "--name-only", "--author=" + benchEmail}, revs...)...)
	cmd.Dir = repo
	cmd.Env = benchGitEnv(repo)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("git log: %v\n%s", err, stderr.Bytes())
	}
}

// BenchmarkScan scans a repository of 100,000 commits.
func BenchmarkScan(b *testing.B) {
	repo := benchRepo(b)
	rm := benchRoadmap(b)
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		peak = max(peak, benchScan(b, repo, rm))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkGitLog is the floor: git log --name-only --author on the same
// repository.
func BenchmarkGitLog(b *testing.B) {
	repo := benchRepo(b)
	for b.Loop() {
		benchGitLog(b, repo)
	}
}

// BenchmarkScanVsGitLog runs the scan and git log one after the other in
// each iteration, under the same load, and reports their times and the
// ratio (the target is at most 1.3).
func BenchmarkScanVsGitLog(b *testing.B) {
	repo := benchRepo(b)
	rm := benchRoadmap(b)
	var scanTime, logTime time.Duration
	for b.Loop() {
		start := time.Now()
		benchScan(b, repo, rm)
		mid := time.Now()
		benchGitLog(b, repo)
		scanTime += mid.Sub(start)
		logTime += time.Since(mid)
	}
	b.ReportMetric(float64(scanTime.Milliseconds())/float64(b.N), "scan-ms/op")
	b.ReportMetric(float64(logTime.Milliseconds())/float64(b.N), "gitlog-ms/op")
	b.ReportMetric(float64(scanTime)/float64(logTime), "scan/gitlog")
}

// BenchmarkTagsScanVsGitLog is BenchmarkScanVsGitLog on a repository of
// 10,000 commits and 10,000 tags (half of them annotated), against git log
// --name-only --author over all its refs.
func BenchmarkTagsScanVsGitLog(b *testing.B) {
	dir := filepath.Join(os.TempDir(), "devpath-gitscan-bench-tags-"+benchVersion)
	if _, err := os.Stat(filepath.Join(dir, ".git", "done")); err != nil {
		os.RemoveAll(dir)
		manyTags(b, dir, 10_000, 10_000)
		os.WriteFile(filepath.Join(dir, ".git", "done"), nil, 0o644)
	}
	rm := benchRoadmap(b)
	var scanTime, logTime time.Duration
	for b.Loop() {
		start := time.Now()
		benchScan(b, dir, rm)
		mid := time.Now()
		benchGitLog(b, dir, "--branches", "--tags", "--remotes", "HEAD")
		scanTime += mid.Sub(start)
		logTime += time.Since(mid)
	}
	b.ReportMetric(float64(scanTime.Milliseconds())/float64(b.N), "scan-ms/op")
	b.ReportMetric(float64(logTime.Milliseconds())/float64(b.N), "gitlog-ms/op")
	b.ReportMetric(float64(scanTime)/float64(logTime), "scan/gitlog")
}

// BenchmarkRescan is a re-scan after 1,000 new commits: Seen holds the
// tip of main 1,000 commits back, so that git log reads only the new ones.
func BenchmarkRescan(b *testing.B) {
	repo := benchRepo(b)
	rm := benchRoadmap(b)
	cmd := exec.Command("git", "rev-parse", "main~1000")
	cmd.Dir, cmd.Env = repo, benchGitEnv(repo)
	out, err := cmd.Output()
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string][]string{repo: {string(bytes.TrimSpace(out))}}
	var commits int
	b.ReportAllocs()
	for b.Loop() {
		res, err := Scan(context.Background(), rm, []string{repo}, Options{Authors: []string{benchEmail}, Seen: seen})
		if err != nil || len(res) != 1 || res[0].Err != nil || res[0].Commits == 0 || res[0].Commits > 1000 {
			b.Fatalf("re-scan: %v %+v", err, res)
		}
		commits = res[0].Commits
	}
	b.ReportMetric(float64(commits), "new-commits")
}
