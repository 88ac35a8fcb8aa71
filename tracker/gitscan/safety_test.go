package gitscan

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestHostileConfig: a repository whose configuration names programs for
// every hook git has (pager, fsmonitor, hooks, external diff, textconv,
// signature checking, ssh, a promisor remote whose transport runs a
// command) and changes what git log prints is scanned without any of them
// running, with the same result as a plain repository.
func TestHostileConfig(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	marker := filepath.Join(top, "ran")
	prog := filepath.Join(top, "prog.sh")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\necho \"$0 $*\" >> "+marker+"\ncat >/dev/null\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := newRepo(t, filepath.Join(top, "repo"))
	layoutHistory(r)
	// A signed-looking commit, so that a signature check would run
	// gpg.program.
	head := r.git("rev-parse", "HEAD")
	body := r.git("cat-file", "commit", head)
	i := strings.Index(body, "\n\n")
	signed := body[:i] + "\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n =abcd\n -----END PGP SIGNATURE-----" + body[i:] + "\n"
	cmd := exec.Command("git", "hash-object", "-t", "commit", "-w", "--stdin")
	cmd.Dir, cmd.Stdin = r.dir, strings.NewReader(signed)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	r.git("update-ref", "refs/heads/signed", strings.TrimSpace(string(out)))
	os.WriteFile(filepath.Join(r.dir, ".gitattributes"), []byte("* diff=evil\n"), 0o644)
	for _, kv := range [][2]string{
		{"core.pager", prog}, {"pager.log", prog}, {"core.fsmonitor", prog}, {"core.hooksPath", top},
		{"diff.external", prog}, {"diff.evil.textconv", prog}, {"diff.evil.command", prog},
		{"log.showSignature", "true"}, {"gpg.program", prog}, {"gpg.format", "openpgp"},
		{"core.sshCommand", prog}, {"core.askPass", prog}, {"credential.helper", "!" + prog},
		{"core.alternateRefsCommand", prog}, {"remote.origin.url", "ext::" + prog + " %S"},
		{"remote.origin.vcs", "evil"}, {"protocol.allow", "always"},
		// What git log prints.
		{"log.showRoot", "false"}, {"diff.relative", "true"}, {"diff.noprefix", "true"},
		{"diff.renames", "copies"}, {"log.date", "relative"}, {"format.pretty", "oneline"},
		{"log.decorate", "full"}, {"i18n.logOutputEncoding", "ISO-8859-1"}, {"core.quotePath", "true"},
		{"grep.patternType", "perl"}, {"log.abbrevCommit", "true"}, {"color.ui", "always"},
		{"diff.ignoreSubmodules", "all"}, {"diff.orderFile", prog},
	} {
		r.git("config", kv[0], kv[1])
	}
	for _, h := range []string{"post-checkout", "reference-transaction", "post-index-change", "fsmonitor-watchman"} {
		os.WriteFile(filepath.Join(top, h), []byte("#!/bin/sh\necho hook >> "+marker+"\n"), 0o755)
	}
	t.Setenv("GIT_PAGER", prog)
	t.Setenv("PAGER", prog)
	t.Setenv("GIT_EXTERNAL_DIFF", prog)
	got := one(t, scan(t, infraSigs, []string{r.dir}, Options{Authors: []string{me}}))
	if b, err := os.ReadFile(marker); err == nil {
		t.Errorf("a program ran:\n%s", b)
	}
	want := map[string]int{"terraform": 1, "golang": 1, "docker": 2, "actions": 1, "helm": 2}
	if !reflect.DeepEqual(counts(got), want) {
		t.Errorf("%v, want %v", counts(got), want)
	}
	for _, s := range got.Suggestions {
		if s.Link != r.dir+"@"+strings.TrimPrefix(s.Link, r.dir+"@") || len(s.Link) != len(r.dir)+41 {
			t.Errorf("link %q", s.Link)
		}
	}
}

// TestSafeDirectory: a repository git takes to be someone else's is
// refused as git refuses it, in one line that says how to trust it; once
// trusted (safe.directory), it is scanned.
func TestSafeDirectory(t *testing.T) {
	home := isolate(t)
	dir := realPath(t, t.TempDir())
	newRepo(t, dir).commit(me, "2024-01-01T00:00:00Z", "One", map[string]string{"a.tf": "1"})
	// git's own switch for its tests of this rule: the repository reads
	// as owned by another user.
	t.Setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
	res := scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}})
	if len(res) != 1 || res[0].Err == nil {
		t.Fatalf("%+v, want an error", res)
	}
	msg := res[0].Err.Error()
	if !strings.HasPrefix(msg, dir+": git cannot read the repository (") || !strings.Contains(msg, "git config --global --add safe.directory "+dir) ||
		strings.Contains(msg, "\n") {
		t.Errorf("error %q: want one line naming the repository and the fix", msg)
	}
	os.WriteFile(filepath.Join(home, ".gitconfig"), []byte("[safe]\n\tdirectory = "+dir+"\n"), 0o644)
	if got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}})); got.Commits != 1 {
		t.Errorf("trusted: %+v", got)
	}
}

// TestNoGit: without git in PATH, Scan returns ErrNoGit.
func TestNoGit(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	newRepo(t, dir).commit(me, "2024-01-01T00:00:00Z", "One", map[string]string{"a.tf": "1"})
	t.Setenv("PATH", t.TempDir())
	res, err := Scan(context.Background(), testRoadmap(t, infraSigs), []string{dir}, Options{Authors: []string{me}})
	if !errors.Is(err, ErrNoGit) || res != nil {
		t.Errorf("%v %+v, want ErrNoGit", err, res)
	}
	if strings.Contains(ErrNoGit.Error(), "\n") || !strings.Contains(ErrNoGit.Error(), "git") {
		t.Errorf("message %q", ErrNoGit)
	}
}

// TestFetchedOlder: commits a fetch brings in are read by the next scan
// even when they are older than everything read before; what was read is
// not read again.
func TestFetchedOlder(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	up := newRepo(t, filepath.Join(top, "up"))
	up.commit(me, "2024-01-01T10:00:00Z", "Start", map[string]string{"a.tf": "1"})
	runGit(t, top, nil, "clone", "-q", up.dir, "clone")
	clone := &testRepo{t: t, dir: filepath.Join(top, "clone")}
	clone.commit(me, "2024-06-01T10:00:00Z", "Local work", map[string]string{"Dockerfile": "FROM a"})
	first := one(t, scan(t, infraSigs, []string{clone.dir}, Options{Authors: []string{me}}))
	if first.Commits != 2 {
		t.Fatalf("first scan: %+v", first)
	}
	// Upstream, a branch of work dated before the clone's newest commit.
	up.git("checkout", "-q", "-b", "older")
	up.commit(me, "2024-02-01T10:00:00Z", "Chart", map[string]string{"Chart.yaml": "1"})
	up.commit(me, "2024-03-01T10:00:00Z", "Workflow", map[string]string{".github/workflows/x.yml": "1"})
	clone.git("fetch", "-q")
	seen := map[string][]string{first.Repo: first.Tips}
	next := one(t, scan(t, infraSigs, []string{clone.dir}, Options{Authors: []string{me}, Seen: seen}))
	if want := map[string]int{"helm": 1, "actions": 1}; next.Commits != 2 || !reflect.DeepEqual(counts(next), want) {
		t.Errorf("after the fetch: %d commits %v, want 2 %v", next.Commits, counts(next), want)
	}
	if len(next.Tips) != 3 {
		t.Errorf("tips %v: want main, origin/main and origin/older", next.Tips)
	}
}

// TestCP437: a message written in code page 437 (i18n.commitEncoding)
// reads as git shows it, in UTF-8.
func TestCP437(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	r := newRepo(t, dir)
	msg := filepath.Join(t.TempDir(), "msg")
	// "Ärger mit Helm ½" in CP437: Ä is 0x8E, ½ is 0xAB.
	os.WriteFile(msg, []byte("\x8erger mit Helm \xab\n"), 0o644)
	r.commitAs(me, "2024-01-03T00:00:00Z", "-c", "i18n.commitEncoding=CP437", "commit", "-q", "--allow-empty", "-F", msg)
	got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}}))
	if len(got.Suggestions) != 1 || !reflect.DeepEqual(got.Suggestions[0].Examples, []string{"Ärger mit Helm ½"}) {
		t.Errorf("%+v", got.Suggestions)
	}
}

// TestIncludeIfEmail: the author is user.email as git resolves it, through
// an includeIf of the global configuration.
func TestIncludeIfEmail(t *testing.T) {
	home := isolate(t)
	top := realPath(t, t.TempDir())
	work := filepath.Join(top, "work")
	r := newRepo(t, filepath.Join(work, "infra"))
	r.commit(me, "2024-01-01T00:00:00Z", "Mine", map[string]string{"a.tf": "1"})
	r.commit(other, "2024-01-02T00:00:00Z", "Theirs", map[string]string{"b.tf": "1"})
	inc := filepath.Join(home, "work.inc")
	os.WriteFile(inc, []byte("[user]\n\temail = "+other+"\n"), 0o644)
	os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(fmt.Sprintf("[user]\n\temail = %s\n[includeIf \"gitdir:%s/\"]\n\tpath = %s\n", me, work, inc)), 0o644)
	got := one(t, scan(t, infraSigs, []string{r.dir}, Options{}))
	if !reflect.DeepEqual(got.Authors, []string{other}) || got.Commits != 1 {
		t.Errorf("authors %v, %d commits; want [%s], 1", got.Authors, got.Commits, other)
	}
}

// TestManyTags: a repository with 10,000 tags (annotated and not) is read
// once, each tag's commit counted once.
func TestManyTags(t *testing.T) {
	isolate(t)
	dir := realPath(t, t.TempDir())
	manyTags(t, dir, 200, 10_000)
	got := one(t, scan(t, infraSigs, []string{dir}, Options{Authors: []string{me}}))
	if got.Commits != 200 || counts(got)["terraform"] != 200 {
		t.Errorf("%d commits, %v; want 200", got.Commits, counts(got))
	}
	// 5,000 annotated tags, the 100 commits the others name, and main's.
	if len(got.Tips) != 5_000+100+1 {
		t.Errorf("%d tips, want 5,101", len(got.Tips))
	}
}

// manyTags makes a repository of commits commits by me, each changing a
// .tf file, with n tags spread over the first 200 (every other one
// annotated), with git fast-import.
func manyTags(tb testing.TB, dir string, commits, n int) {
	tb.Helper()
	os.MkdirAll(dir, 0o755)
	git := func(stdin io.Reader, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Stdin = dir, stdin
		if out, err := cmd.CombinedOutput(); err != nil {
			tb.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git(nil, "init", "-q", "-b", "main")
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		for i := 1; i <= commits; i++ {
			fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\nauthor Me <%s> %d +0000\ncommitter Me <%s> %d +0000\ndata 5\nWork\n", i, me, 1700000000+i*60, me, 1700000000+i*60)
			fmt.Fprintf(w, "M 100644 inline f%d.tf\ndata 2\n%d\n\n", i%7, i%10)
		}
		for k := range n {
			c := 1 + k%min(200, commits)
			if k%2 == 0 {
				fmt.Fprintf(w, "reset refs/tags/t%05d\nfrom :%d\n\n", k, c)
			} else {
				fmt.Fprintf(w, "tag a%05d\nfrom :%d\ntagger Me <%s> 1700000000 +0000\ndata 3\nrel\n", k, c, me)
			}
		}
		w.Flush()
		pw.Close()
	}()
	git(pr, "fast-import", "--quiet")
	git(nil, "pack-refs", "--all")
}
