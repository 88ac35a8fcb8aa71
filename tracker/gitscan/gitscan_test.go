package gitscan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestScanSuggestions: the user's commits touching Terraform, Dockerfiles,
// workflows and Helm charts become exactly the expected suggestions; other
// people's commits do not count.
func TestScanSuggestions(t *testing.T) {
	isolate(t)
	dir := realPath(t, t.TempDir())
	r := newRepo(t, dir)
	r.git("remote", "add", "origin", "git@github.com:acme/infra.git")
	r.git("remote", "add", "backup", "https://gitlab.com/acme/infra.git")
	r.commit(me, "2024-01-10T09:00:00+01:00", "Add VPC module", map[string]string{"infra/vpc/main.tf": "a"})
	r.commit(other, "2024-01-11T09:00:00Z", "Bump chart", map[string]string{"charts/api/Chart.yaml": "v1"})
	r.commit(me, "2024-01-12T09:00:00Z", "Build image", map[string]string{"services/api/Dockerfile": "FROM x"})
	c4 := r.commit(me, "2024-01-13T09:00:00Z", "CI: run tests", map[string]string{".github/workflows/ci.yml": "on: push"})
	c5 := r.commit(me, "2024-01-14T09:00:00Z", "Add deployment", map[string]string{
		"charts/api/templates/deployment.yaml": "kind: Deployment", "charts/api/Chart.yaml": "v2"})
	c6 := r.commit(me, "2024-01-15T09:00:00-05:00", "Tidy up terraform notes", map[string]string{"README.md": "notes"})
	c7 := r.commit(me, "2024-01-16T09:00:00Z", "Upgrade base image", map[string]string{"services/api/Dockerfile": "FROM y"})
	r.commit(other, "2024-01-17T09:00:00Z", "Terraform: fix provider", map[string]string{"infra/vpc/main.tf": "b"})
	r.commit(me, "2024-01-18T09:00:00Z", "Remove a file", map[string]string{"README.md": ""})

	got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{"ME@example.com"}}))
	if got.Repo != dir || got.Commits != 7 || !reflect.DeepEqual(got.Authors, []string{me}) {
		t.Errorf("repo %q, %d commits, authors %v; want %q, 7, [%s]", got.Repo, got.Commits, got.Authors, dir, me)
	}
	if head := r.git("rev-parse", "HEAD"); !reflect.DeepEqual(got.Tips, []string{head}) {
		t.Errorf("tips %v, want [%s]", got.Tips, head)
	}
	link := func(h string) string { return "https://github.com/acme/infra/commit/" + h }
	want := []Suggestion{
		{Item: "actions", Repo: dir, Commits: 1, First: day(t, "2024-01-13T09:00:00Z"), Last: day(t, "2024-01-13T09:00:00Z"),
			Examples: []string{"CI: run tests"}, Link: link(c4)},
		{Item: "docker", Repo: dir, Commits: 2, First: day(t, "2024-01-12T09:00:00Z"), Last: day(t, "2024-01-16T09:00:00Z"),
			Examples: []string{"Upgrade base image", "Build image"}, Link: link(c7)},
		{Item: "helm", Repo: dir, Commits: 1, First: day(t, "2024-01-14T09:00:00Z"), Last: day(t, "2024-01-14T09:00:00Z"),
			Examples: []string{"Add deployment"}, Link: link(c5)},
		{Item: "terraform", Repo: dir, Commits: 2, First: day(t, "2024-01-10T09:00:00+01:00"), Last: day(t, "2024-01-15T09:00:00-05:00"),
			Examples: []string{"Tidy up terraform notes", "Add VPC module"}, Link: link(c6)},
	}
	checkSuggestions(t, got.Suggestions, want)
	if got.NoCommits() != "" {
		t.Errorf("NoCommits() = %q with commits", got.NoCommits())
	}
}

// checkSuggestions compares suggestions, times by instant.
func checkSuggestions(t *testing.T, got, want []Suggestion) {
	t.Helper()
	norm := func(s []Suggestion) []Suggestion {
		out := append([]Suggestion(nil), s...)
		for i := range out {
			out[i].First, out[i].Last = out[i].First.UTC(), out[i].Last.UTC()
		}
		return out
	}
	if !reflect.DeepEqual(norm(got), norm(want)) {
		t.Errorf("suggestions:\n got %+v\nwant %+v", got, want)
	}
}

// TestScanExamples: at most three distinct subjects, newest first, cut to
// 200 runes; the author's time zone is kept.
func TestScanExamples(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	r := newRepo(t, dir)
	long := strings.Repeat("ж", 250)
	r.commit(me, "2024-02-01T10:00:00Z", "one", map[string]string{"a.tf": "1"})
	r.commit(me, "2024-02-02T10:00:00Z", "same", map[string]string{"a.tf": "2"})
	r.commit(me, "2024-02-03T10:00:00Z", "same", map[string]string{"a.tf": "3"})
	r.commit(me, "2024-02-04T10:00:00Z", long, map[string]string{"a.tf": "4"})
	r.commit(me, "2024-02-05T10:00:00+09:00", "Latest\nsecond line of the subject\n\nbody text", map[string]string{"a.tf": "5"})
	got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}}))
	if len(got.Suggestions) != 1 {
		t.Fatalf("suggestions %+v", got.Suggestions)
	}
	s := got.Suggestions[0]
	wantLong := strings.Repeat("ж", 199) + "…"
	want := []string{"Latest second line of the subject", wantLong, "same"}
	if !reflect.DeepEqual(s.Examples, want) || s.Commits != 5 {
		t.Errorf("examples %q (%d commits), want %q (5)", s.Examples, s.Commits, want)
	}
	if _, off := s.Last.Zone(); off != 9*3600 {
		t.Errorf("last %v: want the author's +09:00", s.Last)
	}
	if !strings.HasPrefix(s.Link, got.Repo+"@") || len(s.Link) != len(got.Repo)+41 {
		t.Errorf("link %q without a known remote: want REPO@HASH", s.Link)
	}
}

// TestScanMerge: a merge is compared with its first parent only, and a
// root commit counts all its files.
func TestScanMerge(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	r := newRepo(t, dir)
	r.commit(me, "2024-03-01T10:00:00Z", "Start", map[string]string{"main.go": "package main", "x.tf": "1"})
	r.git("checkout", "-q", "-b", "feature")
	r.commit(me, "2024-03-02T10:00:00Z", "Feature work", map[string]string{"net.tf": "1"})
	r.git("checkout", "-q", "main")
	r.commit(other, "2024-03-03T10:00:00Z", "Other work", map[string]string{"services/Dockerfile": "FROM a"})
	r.commitAs(me, "2024-03-04T10:00:00Z", "merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
	got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}}))
	counts := map[string]int{}
	for _, s := range got.Suggestions {
		counts[s.Item] = s.Commits
	}
	// terraform: the root commit, the feature commit and the merge (which
	// brings net.tf against its first parent); docker: not the merge,
	// whose first parent already has the Dockerfile.
	want := map[string]int{"terraform": 3, "golang": 1}
	if !reflect.DeepEqual(counts, want) || got.Commits != 3 {
		t.Errorf("counts %v (%d commits), want %v (3)", counts, got.Commits, want)
	}
}

// TestAuthorResolution: explicit authors, else the repository's
// user.email, else the global one, else an error.
func TestAuthorResolution(t *testing.T) {
	home := isolate(t)
	dir := realPath(t, t.TempDir())
	r := newRepo(t, dir)
	r.commit(me, "2024-01-10T09:00:00Z", "Mine", map[string]string{"a.tf": "1"})
	r.commit(other, "2024-01-11T09:00:00Z", "Theirs", map[string]string{"b.tf": "1"})
	count := func(opt Options) (int, []string) {
		t.Helper()
		res := one(t, scan(t, infraSigs, []string{dir}, opt))
		return res.Commits, res.Authors
	}

	res := scan(t, infraSigs, []string{dir}, Options{})
	want := dir + ": no author email: pass --author or set git's user.email"
	if len(res) != 1 || res[0].Err == nil || res[0].Err.Error() != want {
		t.Fatalf("no email anywhere: %+v, want the error %q", res, want)
	}

	global := filepath.Join(home, ".gitconfig")
	if err := os.WriteFile(global, []byte("[user]\n\temail = Other@Example.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, a := count(Options{}); n != 1 || a[0] != other {
		t.Errorf("global config: %d commits by %v, want 1 by %s", n, a, other)
	}
	// Without GIT_CONFIG_GLOBAL: ~/.gitconfig, then XDG.
	os.Unsetenv("GIT_CONFIG_GLOBAL") // isolate's t.Setenv puts it back
	if n, a := count(Options{}); n != 1 || a[0] != other {
		t.Errorf("~/.gitconfig: %d commits by %v", n, a)
	}
	os.Remove(global)
	xdg := filepath.Join(home, ".config", "git", "config")
	os.MkdirAll(filepath.Dir(xdg), 0o755)
	if err := os.WriteFile(xdg, []byte("[user]\n\temail = me@example.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, a := count(Options{}); n != 1 || a[0] != me {
		t.Errorf("XDG config: %d commits by %v, want 1 by %s", n, a, me)
	}

	r.git("config", "user.email", other)
	if n, a := count(Options{}); n != 1 || a[0] != other {
		t.Errorf("repository config over global: %d commits by %v, want 1 by %s", n, a, other)
	}
	if n, a := count(Options{Authors: []string{" ME@EXAMPLE.COM ", other}}); n != 2 || len(a) != 2 {
		t.Errorf("explicit authors: %d commits by %v, want 2", n, a)
	}

	none := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{"nobody@example.com"}}))
	if none.Commits != 0 || len(none.Suggestions) != 0 {
		t.Errorf("nobody's commits: %+v", none)
	}
	if got, want := none.NoCommits(), "no commits by nobody@example.com in "+dir; got != want {
		t.Errorf("NoCommits() = %q, want %q", got, want)
	}
}

// TestSeenAndSince: Seen reads only commits not reachable from a previous
// scan's tips; Since leaves out commits authored before it.
func TestSeenAndSince(t *testing.T) {
	isolate(t)
	dir := realPath(t, t.TempDir())
	r := newRepo(t, dir)
	for i, d := range []string{"2024-01-01", "2024-02-01", "2024-03-01"} {
		r.commit(me, d+"T12:00:00Z", "Old "+string(rune('a'+i)), map[string]string{"a.tf": d})
	}
	first := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}}))
	if first.Commits != 3 || len(first.Tips) != 1 || first.Limited {
		t.Fatalf("first scan: %+v", first)
	}
	seen := map[string][]string{first.Repo: first.Tips}
	again := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}, Seen: seen}))
	if again.Commits != 0 || len(again.Suggestions) != 0 || !reflect.DeepEqual(again.Tips, first.Tips) {
		t.Errorf("re-scan with nothing new: %+v", again)
	}
	if got, want := again.NoCommits(), "no new commits by "+me+" in "+dir; got != want {
		t.Errorf("NoCommits() = %q, want %q", got, want)
	}
	r.commit(me, "2024-04-01T12:00:00Z", "New one", map[string]string{"b.tf": "x"})
	r.commit(other, "2024-04-02T12:00:00Z", "Theirs", map[string]string{"c.tf": "x"})
	// A tip that is no longer in the repository is passed over.
	seen[first.Repo] = append(seen[first.Repo], "0123456789abcdef0123456789abcdef01234567")
	next := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}, Seen: seen}))
	if next.Commits != 1 || len(next.Suggestions) != 1 || next.Suggestions[0].Commits != 1 ||
		!reflect.DeepEqual(next.Suggestions[0].Examples, []string{"New one"}) {
		t.Errorf("re-scan: %+v", next)
	}
	if head := r.git("rev-parse", "HEAD"); !reflect.DeepEqual(next.Tips, []string{head}) {
		t.Errorf("re-scan tips %v, want [%s]", next.Tips, head)
	}

	since := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}, Since: day(t, "2024-02-01T00:00:00Z")}))
	if since.Commits != 3 || since.Suggestions[0].Commits != 3 ||
		!since.Suggestions[0].First.Equal(day(t, "2024-02-01T12:00:00Z")) {
		t.Errorf("since February: %+v", since)
	}

	// A mark of a scan made before Seen existed: a committer time.
	legacy := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me},
		After: map[string]time.Time{dir: day(t, "2024-02-01T12:00:00Z")}}))
	if legacy.Commits != 2 || !legacy.Limited {
		t.Errorf("after February's commit: %+v", legacy)
	}
}

// TestShallowClone: a shallow clone is scanned as far as it goes; its last
// commit, whose changes are unknown, matches by subject only.
func TestShallowClone(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	src := newRepo(t, filepath.Join(top, "src"))
	src.commit(me, "2024-01-01T00:00:00Z", "One", map[string]string{"a.tf": "1"})
	src.commit(me, "2024-01-02T00:00:00Z", "Two", map[string]string{"b.tf": "1"})
	src.commit(me, "2024-01-03T00:00:00Z", "Helm values", map[string]string{"c.tf": "1"})
	src.commit(me, "2024-01-04T00:00:00Z", "Four", map[string]string{"Dockerfile": "FROM a"})
	runGit(t, top, nil, "clone", "-q", "--depth", "2", "file://"+filepath.Join(top, "src"), "clone")
	got := one(t, scan(t, infraSigs, []string{filepath.Join(top, "clone")}, Options{Authors: []string{me}}))
	counts := map[string]int{}
	for _, s := range got.Suggestions {
		counts[s.Item] = s.Commits
	}
	if want := map[string]int{"docker": 1, "helm": 1}; got.Commits != 2 || !reflect.DeepEqual(counts, want) {
		t.Errorf("%d commits, %v; want 2, %v", got.Commits, counts, want)
	}
}

// TestDamaged: a missing object, a cut pack file or a pack whose
// compressed data was changed is one line naming the repository, and
// nothing of it is kept; the other repositories are still scanned.
func TestDamaged(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	loose := newRepo(t, filepath.Join(top, "loose"))
	loose.commit(me, "2024-01-01T00:00:00Z", "One", map[string]string{"a/a.tf": "1"})
	loose.commit(me, "2024-01-02T00:00:00Z", "Two", map[string]string{"a/b.tf": "1"})
	tree := loose.git("rev-parse", "HEAD~1:a")
	os.Remove(filepath.Join(loose.dir, ".git", "objects", tree[:2], tree[2:]))

	packed := func(name string) (*testRepo, string) {
		r := newRepo(t, filepath.Join(top, name))
		for i := range 20 {
			r.commit(me, "2024-01-01T00:00:00Z", "Work", map[string]string{fmt.Sprintf("d%d/f%d.tf", i%3, i): strings.Repeat("x", 100+i)})
		}
		r.git("gc", "-q")
		packs, _ := filepath.Glob(filepath.Join(r.dir, ".git", "objects", "pack", "*.pack"))
		if len(packs) != 1 {
			t.Fatalf("packs %v", packs)
		}
		os.Chmod(packs[0], 0o644)
		return r, packs[0]
	}
	_, cut := packed("packed")
	if err := os.Truncate(cut, 40); err != nil {
		t.Fatal(err)
	}
	// In a tree of the pack (not a delta), bytes in the middle of its
	// compressed data: only zlib's Adler-32 check can tell.
	flipped, pack := packed("flipped")
	var off, size int64
	for _, l := range strings.Split(flipped.git("verify-pack", "-v", pack), "\n") {
		f := strings.Fields(l)
		if len(f) == 5 && f[1] == "tree" {
			size, _ = strconv.ParseInt(f[3], 10, 64)
			off, _ = strconv.ParseInt(f[4], 10, 64)
			if size > 20 {
				break
			}
		}
	}
	if size <= 20 {
		t.Fatal("no tree in the pack to change")
	}
	f, err := os.OpenFile(pack, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte{0x55, 0xaa, 0x55, 0xaa}, off+size/2)
	f.Close()

	good := newRepo(t, filepath.Join(top, "z-good"))
	good.commit(me, "2024-01-01T00:00:00Z", "One", map[string]string{"a.tf": "1"})

	res := scan(t, infraSigs, []string{top}, Options{Authors: []string{me}})
	if len(res) != 4 {
		t.Fatalf("results %+v", res)
	}
	for i, name := range []string{"flipped", "loose", "packed"} {
		prefix := filepath.Join(top, name) + ": git cannot read the repository ("
		if res[i].Err == nil || !strings.HasPrefix(res[i].Err.Error(), prefix) || strings.Contains(res[i].Err.Error(), "\n") {
			t.Errorf("%s: %v, want %q...", name, res[i].Err, prefix)
		}
		if res[i].Commits != 0 || res[i].Suggestions != nil || res[i].Tips != nil {
			t.Errorf("%s: results kept from a damaged repository: %+v", name, res[i])
		}
	}
	if !strings.Contains(res[1].Err.Error(), tree) {
		t.Errorf("loose: %v, want it to name the missing tree", res[1].Err)
	}
	if res[3].Err != nil || res[3].Commits != 1 {
		t.Errorf("good repository: %+v", res[3])
	}
}

// TestSHA256: a repository with SHA-256 hashes is read like any other, its
// links with the full 64-digit hash.
func TestSHA256(t *testing.T) {
	isolate(t)
	dir := realPath(t, t.TempDir())
	r := &testRepo{t: t, dir: dir}
	r.git("init", "-q", "-b", "main", "--object-format=sha256")
	r.commit(me, "2024-01-01T00:00:00Z", "One", map[string]string{"a.tf": "1"})
	h := r.commit(me, "2024-01-02T00:00:00Z", "Two", map[string]string{"Dockerfile": "FROM x"})
	got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}}))
	want := []Suggestion{
		{Item: "docker", Repo: dir, Commits: 1, First: day(t, "2024-01-02T00:00:00Z"), Last: day(t, "2024-01-02T00:00:00Z"), Examples: []string{"Two"}, Link: dir + "@" + h},
		{Item: "terraform", Repo: dir, Commits: 1, First: day(t, "2024-01-01T00:00:00Z"), Last: day(t, "2024-01-01T00:00:00Z"), Examples: []string{"One"}, Link: r.git("rev-parse", "HEAD~1")},
	}
	want[1].Link = dir + "@" + want[1].Link
	checkSuggestions(t, got.Suggestions, want)
	if len(h) != 64 || !reflect.DeepEqual(got.Tips, []string{h}) {
		t.Errorf("tips %v, want [%s]", got.Tips, h)
	}
}

// TestHugeBinary: a 50 MB file in the history is never read: the scan
// allocates far less than its size.
func TestHugeBinary(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	r := newRepo(t, dir)
	f, err := os.Create(filepath.Join(dir, "disk.img"))
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(50 << 20) // sparse: quick to make
	f.Close()
	r.commit(me, "2024-01-01T00:00:00Z", "Add disk image", nil)
	r.commit(me, "2024-01-02T00:00:00Z", "Change it", map[string]string{"main.tf": "x"})
	f, _ = os.OpenFile(filepath.Join(dir, "disk.img"), os.O_WRONLY, 0)
	f.WriteAt([]byte("changed"), 1<<20)
	f.Close()
	r.commit(me, "2024-01-03T00:00:00Z", "Change the image", nil)
	r.git("gc", "-q")
	rm := testRoadmap(t, infraSigs)
	var before, after runtimeMem
	before.read()
	res, err := Scan(context.Background(), rm, []string{dir}, Options{Authors: []string{me}})
	after.read()
	if err != nil || len(res) != 1 || res[0].Err != nil || res[0].Commits != 3 || len(res[0].Suggestions) != 1 {
		t.Fatalf("scan: %v %+v", err, res)
	}
	if alloc := after.total - before.total; alloc > 8<<20 {
		t.Errorf("the scan allocated %d bytes: it read the big file", alloc)
	}
}

// TestNonLatin: subjects and file names in other scripts, and a message in
// a legacy encoding, are matched and shown as UTF-8.
func TestNonLatin(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	r := newRepo(t, dir)
	r.commit(me, "2024-01-01T00:00:00Z", "Добавить модуль сети — 日本語のテスト", map[string]string{"инфра/сеть/main.tf": "x"})
	r.commit(me, "2024-01-02T00:00:00Z", "ドキュメント", map[string]string{"docs/説明.md": "x"})
	msg := filepath.Join(t.TempDir(), "msg")
	os.WriteFile(msg, []byte("Caf\xe9 helm\n"), 0o644)
	r.commitAs(me, "2024-01-03T00:00:00Z", "-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "--allow-empty", "-F", msg)
	sigs := []sig{
		{"network", []string{"инфра/**/*.tf"}, nil},
		{"docs", []string{"docs/説明.md"}, nil},
		{"words", nil, []string{"модуль", "helm"}},
	}
	got := one(t, scan(t, sigs, []string{dir}, Options{Authors: []string{me}}))
	ex := map[string][]string{}
	for _, s := range got.Suggestions {
		ex[s.Item] = s.Examples
	}
	want := map[string][]string{
		"network": {"Добавить модуль сети — 日本語のテスト"},
		"docs":    {"ドキュメント"},
		"words":   {"Café helm", "Добавить модуль сети — 日本語のテスト"},
	}
	if !reflect.DeepEqual(ex, want) {
		t.Errorf("examples\n got %q\nwant %q", ex, want)
	}
}

// TestReadOnly: a scan leaves every byte of the repositories, .git
// included, as it was, packed or loose, in a work tree or linked one.
func TestReadOnly(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	r := newRepo(t, filepath.Join(top, "repo"))
	r.commit(me, "2024-01-01T00:00:00Z", "One", map[string]string{"a.tf": "1"})
	r.commit(me, "2024-01-02T00:00:00Z", "Two", map[string]string{"b/Dockerfile": "1"})
	r.git("gc", "-q")
	r.commit(me, "2024-01-03T00:00:00Z", "Three", map[string]string{"c.tf": "1"})
	r.commitAs(me, "2024-01-03T00:00:00Z", "tag", "-a", "-m", "release", "v1")
	r.git("worktree", "add", "-q", filepath.Join(top, "wt"), "-b", "side")
	before := snapshot(t, top)
	res := scan(t, infraSigs, []string{top}, Options{Authors: []string{me}})
	// The linked work tree is the same repository: read once.
	if len(res) != 1 || res[0].Err != nil || res[0].Commits != 3 || len(res[0].Suggestions) != 2 {
		t.Errorf("results %+v", res)
	}
	wt := one(t, scan(t, infraSigs, []string{filepath.Join(top, "wt")}, Options{Authors: []string{me}}))
	if wt.Repo != filepath.Join(top, "wt") || wt.Commits != 3 {
		t.Errorf("the linked work tree alone: %+v", wt)
	}
	after := snapshot(t, top)
	if !reflect.DeepEqual(before, after) {
		for p := range before {
			if before[p] != after[p] {
				t.Errorf("%s changed", p)
			}
		}
		for p := range after {
			if _, ok := before[p]; !ok {
				t.Errorf("%s appeared", p)
			}
		}
	}
}

// snapshot maps every file and folder under root to its mode and content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		v := fi.Mode().String()
		switch {
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += " " + string(b)
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			v += " -> " + l
		}
		out[p] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCancel: a scan cancelled from Progress returns the context's error
// promptly, without reading the next repository.
func TestCancel(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	for _, n := range []string{"a", "b"} {
		r := newRepo(t, filepath.Join(top, n))
		for i := range 20 {
			r.commit(me, "2024-01-01T00:00:00Z", "Work", map[string]string{"a.tf": string(rune('a' + i))})
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls []Progress
	opt := Options{Authors: []string{me}, Progress: func(p Progress) {
		calls = append(calls, p)
		cancel()
	}}
	_, err := Scan(ctx, testRoadmap(t, infraSigs), []string{top}, opt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if len(calls) != 1 || calls[0].RepoIndex != 0 || calls[0].Repos != 2 || calls[0].Commits > 1 {
		t.Errorf("progress after the cancel: %+v", calls)
	}
	if _, err := Scan(ctx, testRoadmap(t, infraSigs), []string{top}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("already cancelled: %v", err)
	}
}

// TestProgress: Progress is called at the end of each repository with the
// authors' commits read so far.
func TestProgress(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	for i, n := range []string{"a", "b"} {
		r := newRepo(t, filepath.Join(top, n))
		for range i + 2 {
			r.commit(me, "2024-01-01T00:00:00Z", "Work", nil)
			r.commit(other, "2024-01-01T00:00:00Z", "Not counted", nil)
		}
	}
	var last = map[int]Progress{}
	opt := Options{Authors: []string{me}, Progress: func(p Progress) { last[p.RepoIndex] = p }}
	scan(t, infraSigs, []string{filepath.Join(top, "missing"), top}, opt)
	want := map[int]Progress{
		0: {Repo: filepath.Join(top, "a"), RepoIndex: 0, Repos: 2, Commits: 2},
		1: {Repo: filepath.Join(top, "b"), RepoIndex: 1, Repos: 2, Commits: 5},
	}
	if !reflect.DeepEqual(last, want) {
		t.Errorf("last progress per repository\n got %+v\nwant %+v", last, want)
	}
}

// TestAlternates: a clone made with --shared reads its history's older
// objects from the repository it borrows them from.
func TestAlternates(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	src := newRepo(t, filepath.Join(top, "src"))
	src.commit(me, "2024-01-01T00:00:00Z", "One", map[string]string{"a/a.tf": "1"})
	src.commit(me, "2024-01-02T00:00:00Z", "Two", map[string]string{"a/Dockerfile": "1"})
	runGit(t, top, nil, "clone", "-q", "--shared", filepath.Join(top, "src"), "clone")
	clone := &testRepo{t: t, dir: filepath.Join(top, "clone")}
	clone.commit(me, "2024-01-03T00:00:00Z", "Three", map[string]string{"a/b.tf": "1"})
	got := one(t, scan(t, infraSigs, []string{clone.dir}, Options{Authors: []string{me}}))
	counts := map[string]int{}
	for _, s := range got.Suggestions {
		counts[s.Item] = s.Commits
	}
	if want := map[string]int{"terraform": 2, "docker": 1}; got.Commits != 3 || !reflect.DeepEqual(counts, want) {
		t.Errorf("%d commits, %v; want 3, %v", got.Commits, counts, want)
	}
}
