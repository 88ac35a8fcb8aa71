package gitscan

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// isolate points git's and the scan's view of the user's configuration at
// an empty temporary home, so that the machine's own never leaks in.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, ".gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("TZ", "UTC")
	t.Setenv("LC_ALL", "C.UTF-8")
	for _, k := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL", "EMAIL"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	return home
}

// testRepo is a repository made with the git command.
type testRepo struct {
	t   *testing.T
	dir string
}

// newRepo makes an empty repository in dir (created if needed).
func newRepo(t *testing.T, dir string) *testRepo {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := &testRepo{t: t, dir: dir}
	r.git("init", "-q", "-b", "main")
	return r
}

// git runs git in the repository and returns its trimmed output.
func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	return runGit(r.t, r.dir, nil, args...)
}

func runGit(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return strings.TrimSpace(out.String())
}

// commit writes files (path: content; "" removes the file) and commits
// them as email at date (RFC 3339), returning the commit's hash.
func (r *testRepo) commit(email, date, subject string, files map[string]string) string {
	r.t.Helper()
	for p, content := range files {
		full := filepath.Join(r.dir, filepath.FromSlash(p))
		if content == "" {
			if err := os.Remove(full); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.git("add", "-A")
	return r.commitAs(email, date, "commit", "-q", "--allow-empty", "-m", subject)
}

// commitAs runs a committing git command (commit, merge) as email at date
// and returns the new HEAD.
func (r *testRepo) commitAs(email, date string, args ...string) string {
	r.t.Helper()
	name := strings.SplitN(email, "@", 2)[0]
	env := []string{
		"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email, "GIT_AUTHOR_DATE=" + date,
		"GIT_COMMITTER_NAME=" + name, "GIT_COMMITTER_EMAIL=" + email, "GIT_COMMITTER_DATE=" + date,
	}
	runGit(r.t, r.dir, env, args...)
	return r.git("rev-parse", "HEAD")
}

// scan runs Scan with a background context, failing the test on its error.
func scan(t *testing.T, sigs []sig, paths []string, opt Options) []RepoResult {
	t.Helper()
	res, err := Scan(context.Background(), testRoadmap(t, sigs), paths, opt)
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return res
}

// one returns the only result, failing unless there is exactly one
// without error.
func one(t *testing.T, res []RepoResult) RepoResult {
	t.Helper()
	if len(res) != 1 {
		t.Fatalf("%d results, want 1: %+v", len(res), res)
	}
	if res[0].Err != nil {
		t.Fatalf("error: %v", res[0].Err)
	}
	return res[0]
}

// day parses an RFC 3339 time.
func day(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// realPath resolves symlinks in p (t.TempDir may be under one).
func realPath(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// infraSigs are the entries most tests use.
var infraSigs = []sig{
	{"terraform", []string{"*.tf"}, []string{"terraform"}},
	{"docker", []string{"Dockerfile"}, nil},
	{"actions", []string{".github/workflows/*.yml"}, nil},
	{"helm", []string{"Chart.yaml", "**/templates/*.yaml"}, []string{"helm"}},
	{"golang", []string{"*.go"}, nil},
}

const (
	me    = "me@example.com"
	other = "other@example.com"
)
