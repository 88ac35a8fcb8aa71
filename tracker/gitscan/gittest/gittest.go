// Package gittest builds small git repositories for tests, with the git
// command and none of the machine's git configuration.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Commit is one commit to make: by Email, at 10:00 UTC on Date
// (YYYY-MM-DD), with Subject, writing each of Files (slash-separated paths)
// with new content.
type Commit struct {
	Email, Date, Subject string
	Files                []string
}

// Repo makes a repository in dir on branch main, with origin as its
// "origin" remote when not empty, and the commits in order. git runs with a
// fresh HOME and global configuration, so nothing of the machine's leaks
// in.
func Repo(t testing.TB, dir, origin string, commits []Commit) {
	t.Helper()
	home := t.TempDir()
	env := append(os.Environ(), "HOME="+home, "GIT_CONFIG_GLOBAL="+filepath.Join(home, "gitconfig"), "GIT_CONFIG_NOSYSTEM=1")
	run := func(extra []string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, append(env, extra...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	run(nil, "init", "-q", "-b", "main")
	if origin != "" {
		run(nil, "remote", "add", "origin", origin)
	}
	for i, c := range commits {
		for _, f := range c.Files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			// Content unique to the commit, so that each one changes the file.
			if err := os.WriteFile(p, []byte(c.Subject+"\n"+strings.Repeat("x", i+1)+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		run(nil, "add", "-A")
		stamp := c.Date + "T10:00:00Z"
		run([]string{"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=" + c.Email, "GIT_AUTHOR_DATE=" + stamp,
			"GIT_COMMITTER_NAME=A", "GIT_COMMITTER_EMAIL=" + c.Email, "GIT_COMMITTER_DATE=" + stamp}, "commit", "-q", "-m", c.Subject)
	}
}
