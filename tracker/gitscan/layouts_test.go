package gitscan

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fromGitLog is what git log itself and the entries' signals give for the
// authors' commits of the repository at dir: per entry, the number of
// commits matched. It reads the same refs as the scan with a plain git log,
// and matches with roadmap's own functions.
func fromGitLog(t *testing.T, dir string, sigs []sig, authors ...string) map[string]int {
	t.Helper()
	rm := testRoadmap(t, sigs)
	args := []string{"log", "--branches", "--remotes", "--tags", "HEAD", "-z", "--name-only", "--no-renames",
		"--root", "--diff-merges=first-parent", "--format=%x01%ae%x00%s"}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git log in %s: %v", dir, err)
	}
	mine := map[string]bool{}
	for _, a := range authors {
		mine[strings.ToLower(a)] = true
	}
	counts := map[string]int{}
	for _, rec := range bytes.Split(out, []byte{1})[1:] {
		parts := strings.Split(string(rec), "\x00")
		if len(parts) < 2 || !mine[strings.ToLower(parts[0])] {
			continue
		}
		files := parts[2:]
		for _, e := range rm.Entries() {
			s := e.Item.Signals
			if s == nil {
				continue
			}
			hit := s.MatchSubject(parts[1])
			for _, f := range files {
				f = strings.TrimPrefix(f, "\n")
				for _, p := range s.Paths {
					if f != "" && matchGlob(p, f) {
						hit = true
					}
				}
			}
			if hit {
				counts[e.Item.ID]++
			}
		}
	}
	return counts
}

// matchGlob is roadmap's path matching, as the scan uses it.
func matchGlob(pattern, path string) bool {
	g := newGlob(pattern)
	return g.match(path, path[strings.LastIndexByte(path, '/')+1:])
}

// counts is a result's commits per entry.
func counts(r RepoResult) map[string]int {
	out := map[string]int{}
	for _, s := range r.Suggestions {
		out[s.Item] = s.Commits
	}
	return out
}

// layoutHistory makes the history every layout test starts from: the
// user's and someone else's commits, a merged branch and a tag.
func layoutHistory(r *testRepo) {
	r.commit(me, "2024-01-01T10:00:00Z", "Start", map[string]string{"main.go": "package main", "infra/a.tf": "1"})
	r.commit(other, "2024-01-02T10:00:00Z", "Their chart", map[string]string{"charts/x/Chart.yaml": "1"})
	r.git("checkout", "-q", "-b", "feature")
	r.commit(me, "2024-01-03T10:00:00Z", "Feature Dockerfile", map[string]string{"svc/Dockerfile": "FROM a"})
	r.git("checkout", "-q", "main")
	r.commit(me, "2024-01-04T10:00:00Z", "CI", map[string]string{".github/workflows/ci.yml": "on: push"})
	r.commitAs(me, "2024-01-05T10:00:00Z", "merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
	r.commit(me, "2024-01-06T10:00:00Z", "Helm values", map[string]string{"docs/notes.md": "x"})
	r.commitAs(me, "2024-01-06T10:00:00Z", "tag", "-a", "-m", "release", "v1")
}

// layoutWant is what layoutHistory gives: the merge brings the Dockerfile
// against its first parent.
var layoutWant = map[string]int{"terraform": 1, "golang": 1, "docker": 2, "actions": 1, "helm": 1}

// checkLayout scans dir alone and compares with git log's answer and with
// layoutWant.
func checkLayout(t *testing.T, dir string, want map[string]int) RepoResult {
	t.Helper()
	got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}}))
	if ref := fromGitLog(t, dir, infraSigs, me); !reflect.DeepEqual(counts(got), ref) {
		t.Errorf("%s: scan %v, git log %v", dir, counts(got), ref)
	}
	if want != nil && !reflect.DeepEqual(counts(got), want) {
		t.Errorf("%s: %v, want %v", dir, counts(got), want)
	}
	return got
}

// gitVersionAtLeast reports whether the git in PATH is at least
// major.minor.
func gitVersionAtLeast(t *testing.T, major, minor int) (bool, string) {
	out, err := exec.Command("git", "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	v := strings.TrimSpace(string(out))
	var a, b int
	if _, err := fmt.Sscanf(strings.TrimPrefix(v, "git version "), "%d.%d", &a, &b); err != nil {
		t.Fatalf("git version %q: %v", v, err)
	}
	return a > major || a == major && b >= minor, v
}

// TestLayouts: in each way a repository can be laid out, the scan gives
// what git log and the signals give.
func TestLayouts(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	src := newRepo(t, filepath.Join(top, "src"))
	layoutHistory(src)
	url := "file://" + src.dir

	t.Run("plain", func(t *testing.T) { checkLayout(t, src.dir, layoutWant) })

	t.Run("sha256", func(t *testing.T) {
		r := &testRepo{t: t, dir: filepath.Join(top, "sha256")}
		os.MkdirAll(r.dir, 0o755)
		r.git("init", "-q", "-b", "main", "--object-format=sha256")
		layoutHistory(r)
		checkLayout(t, r.dir, layoutWant)
	})

	// git reads reftable repositories from 2.45 on; an older git cannot
	// make one, and the scan reads it through git, so there is nothing to
	// check with it.
	if ok, v := gitVersionAtLeast(t, 2, 45); ok {
		t.Run("reftable", func(t *testing.T) {
			r := &testRepo{t: t, dir: filepath.Join(top, "reftable")}
			os.MkdirAll(r.dir, 0o755)
			r.git("init", "-q", "-b", "main", "--ref-format=reftable")
			layoutHistory(r)
			if _, err := os.Stat(filepath.Join(r.dir, ".git", "reftable")); err != nil {
				t.Fatalf("not a reftable repository: %v", err)
			}
			checkLayout(t, r.dir, layoutWant)
		})
	} else {
		t.Logf("reftable layout not checked: %s cannot make a reftable repository (git 2.45 or later can)", v)
	}

	for _, filter := range []string{"blob:none", "tree:0"} {
		t.Run("partial "+filter, func(t *testing.T) {
			name := "partial-" + strings.ReplaceAll(filter, ":", "-")
			origin := filepath.Join(top, name+"-origin")
			bareOrigin(t, top, src.dir, origin)
			runGit(t, top, nil, "clone", "-q", "--filter="+filter, "file://"+origin, name)
			dir := filepath.Join(top, name)
			if f := runGit(t, dir, nil, "config", "remote.origin.partialclonefilter"); f != filter {
				t.Fatalf("not a partial clone: filter %q", f)
			}
			// The promisor remote is gone: any fetch would fail.
			if err := os.RemoveAll(origin); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)
			got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}}))
			if !reflect.DeepEqual(before, snapshot(t, dir)) {
				t.Error("the scan changed the clone (a fetch?)")
			}
			want := layoutWant
			if filter == "tree:0" {
				// Only the checked-out commit's tree is here: the other
				// commits match by subject, and none has a word but
				// "Helm values", which is the checked-out one.
				want = map[string]int{"helm": 1}
			} else if ref := fromGitLog(t, dir, infraSigs, me); !reflect.DeepEqual(counts(got), ref) {
				t.Errorf("scan %v, git log %v", counts(got), ref)
			}
			if !reflect.DeepEqual(counts(got), want) || got.Commits != 5 {
				t.Errorf("%v (%d commits), want %v (5)", counts(got), got.Commits, want)
			}
		})
	}

	t.Run("treeless with local work", func(t *testing.T) {
		origin := filepath.Join(top, "tl-origin")
		bareOrigin(t, top, src.dir, origin)
		runGit(t, top, nil, "clone", "-q", "--filter=tree:0", "file://"+origin, "tl")
		os.RemoveAll(origin)
		r := &testRepo{t: t, dir: filepath.Join(top, "tl")}
		r.commit(me, "2024-02-01T10:00:00Z", "Local", map[string]string{"x.tf": "1"})
		got := one(t, scan(t, infraSigs, []string{r.dir}, Options{Authors: []string{me}}))
		// The local commit's tree and its parent's are here: its files
		// count.
		if want := map[string]int{"helm": 1, "terraform": 1}; !reflect.DeepEqual(counts(got), want) {
			t.Errorf("%v, want %v", counts(got), want)
		}
	})

	t.Run("submodule", func(t *testing.T) {
		sup := newRepo(t, filepath.Join(top, "super"))
		sup.commit(me, "2024-03-01T10:00:00Z", "Super", map[string]string{"top.tf": "1"})
		sup.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", src.dir, "sub")
		sup.commitAs(me, "2024-03-02T10:00:00Z", "commit", "-q", "-m", "Add the submodule")
		res := scan(t, infraSigs, []string{sup.dir}, Options{Authors: []string{me}})
		if len(res) != 2 || res[0].Repo != sup.dir || res[1].Repo != filepath.Join(sup.dir, "sub") {
			t.Fatalf("results %+v", res)
		}
		if want := map[string]int{"terraform": 1}; !reflect.DeepEqual(counts(res[0]), want) {
			t.Errorf("superproject %v, want %v", counts(res[0]), want)
		}
		// The submodule's clone has main and origin/*: the same commits.
		if !reflect.DeepEqual(counts(res[1]), layoutWant) {
			t.Errorf("submodule %v, want %v", counts(res[1]), layoutWant)
		}
	})

	t.Run("relative alternates", func(t *testing.T) {
		runGit(t, top, nil, "clone", "-q", "--shared", src.dir, "alt")
		dir := filepath.Join(top, "alt")
		alt := filepath.Join(dir, ".git", "objects", "info", "alternates")
		os.WriteFile(alt, []byte("../../../src/.git/objects\n"), 0o644)
		r := &testRepo{t: t, dir: dir}
		if n := r.git("count-objects", "-v"); !strings.Contains(n, "count: 0") {
			t.Fatalf("the clone has objects of its own:\n%s", n)
		}
		checkLayout(t, dir, layoutWant)
	})

	t.Run("shallow", func(t *testing.T) {
		runGit(t, top, nil, "clone", "-q", "--depth", "2", "--no-single-branch", url, "shallow")
		// main: Helm values and the merge (its parents cut off); feature:
		// Feature Dockerfile and its parent CI... as far as depth 2 goes.
		got := one(t, scan(t, infraSigs, []string{filepath.Join(top, "shallow")}, Options{Authors: []string{me}}))
		for item, n := range counts(got) {
			if layoutWant[item] < n {
				t.Errorf("%s: %d commits, more than the whole history's %d", item, n, layoutWant[item])
			}
		}
		if counts(got)["helm"] != 1 {
			t.Errorf("%v: want the newest commit's subject to match", counts(got))
		}
	})

	t.Run("replace", func(t *testing.T) {
		runGit(t, top, nil, "clone", "-q", url, "replaced")
		r := &testRepo{t: t, dir: filepath.Join(top, "replaced")}
		// The newest commit's subject, as git replace has it.
		head := r.git("rev-parse", "HEAD")
		body := strings.Replace(r.git("cat-file", "commit", head), "Helm values", "Notes", 1) + "\n"
		cmd := exec.Command("git", "hash-object", "-t", "commit", "-w", "--stdin")
		cmd.Dir, cmd.Stdin = r.dir, strings.NewReader(body)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		r.git("replace", head, strings.TrimSpace(string(out)))
		got := checkLayout(t, r.dir, nil)
		if counts(got)["helm"] != 0 {
			t.Errorf("%v: the replaced subject still matched", counts(got))
		}
	})
}

// bareOrigin makes a bare clone of src at origin that serves partial
// clones, and checks the clone made next is one.
func bareOrigin(t *testing.T, top, src, origin string) {
	t.Helper()
	runGit(t, top, nil, "clone", "-q", "--bare", src, origin)
	runGit(t, origin, nil, "config", "uploadpack.allowFilter", "true")
	runGit(t, origin, nil, "config", "uploadpack.allowAnySHA1InWant", "true")
}

// TestLinkedWorkTrees: a main work tree and a linked one with a detached
// HEAD are one repository, read once with both HEADs, whichever is given
// first.
func TestLinkedWorkTrees(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	main := newRepo(t, filepath.Join(top, "main"))
	main.commit(me, "2024-01-01T10:00:00Z", "Start", map[string]string{"a.tf": "1"})
	wt := filepath.Join(top, "wt")
	main.git("worktree", "add", "-q", "--detach", wt)
	// A commit only the detached HEAD reaches.
	w := &testRepo{t: t, dir: wt}
	w.commit(me, "2024-01-02T10:00:00Z", "Detached work", map[string]string{"Dockerfile": "FROM a"})
	want := map[string]int{"terraform": 1, "docker": 1}
	for _, order := range [][]string{{main.dir, wt}, {wt, main.dir}} {
		res := scan(t, infraSigs, order, Options{Authors: []string{me}})
		if len(res) != 1 || res[0].Err != nil || res[0].Repo != order[0] || !reflect.DeepEqual(counts(res[0]), want) || len(res[0].Tips) != 2 {
			t.Errorf("%v: %+v, want one repository with %v", order, res, want)
		}
	}
}
