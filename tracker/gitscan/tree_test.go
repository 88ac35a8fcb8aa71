package gitscan

import (
	"bufio"
	"io"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestTreeDiffMatchesGit: for every commit of a generated history, the
// files the scan finds changed against the first parent are those git log
// lists, whether the pack is as fast-import wrote it, repacked with offset
// deltas, or repacked with deltas that name their base by hash.
func TestTreeDiffMatchesGit(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	runGit(t, dir, nil, "init", "-q", "-b", "main")
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = dir
	pr, pw := io.Pipe()
	cmd.Stdin = pr
	go func() {
		w := bufio.NewWriter(pw)
		writeHistory(w, 700)
		w.Flush()
		pw.Close()
	}()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fast-import: %v\n%s", err, out)
	}
	for _, variant := range []struct {
		name string
		args []string
	}{
		{"fast-import", nil},
		{"offset deltas", []string{"repack", "-q", "-a", "-d", "-f"}},
		{"ref deltas", []string{"-c", "repack.useDeltaBaseOffset=false", "repack", "-q", "-a", "-d", "-f"}},
	} {
		if variant.args != nil {
			runGit(t, dir, nil, variant.args...)
		}
		want := gitChanges(t, dir)
		if len(want) != 700 {
			t.Fatalf("%s: git log listed %d commits", variant.name, len(want))
		}
		got := scanChanges(t, filepath.Join(dir, ".git"), want)
		for h, files := range want {
			if !reflect.DeepEqual(got[h], files) {
				t.Errorf("%s: commit %s: scan found %q, git %q", variant.name, h, got[h], files)
			}
		}
	}
}

// gitChanges maps each commit to the files git log lists for it against
// its first parent, sorted.
func gitChanges(t *testing.T, dir string) map[string][]string {
	out := runGit(t, dir, nil, "-c", "core.quotepath=off", "log", "--format=%x00%H", "--name-only", "--no-renames", "--diff-merges=first-parent")
	m := map[string][]string{}
	for _, rec := range strings.Split(out, "\x00")[1:] {
		lines := strings.Split(strings.TrimSpace(rec), "\n")
		var files []string
		for _, l := range lines[1:] {
			if l = strings.TrimSpace(l); l != "" {
				files = append(files, l)
			}
		}
		sort.Strings(files)
		m[lines[0]] = files
	}
	return m
}

// scanChanges diffs each commit of want against its first parent the way
// the scan does.
func scanChanges(t *testing.T, gitDir string, want map[string][]string) map[string][]string {
	objs, err := openObjects(filepath.Join(gitDir, "objects"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer objs.close()
	var files []string
	d := differ{objs: objs, emit: func(p []byte) { files = append(files, string(p)) }}
	load := func(h plumbing.Hash) commit {
		_, b, err := objs.read(packCommit, h, nil)
		if err != nil {
			t.Fatal(err)
		}
		c, err := parseCommit(h, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	got := map[string][]string{}
	for hex := range want {
		c := load(plumbing.NewHash(hex))
		var parent plumbing.Hash
		if len(c.parents) > 0 {
			parent = load(c.parents[0]).tree
		}
		files = nil
		if err := d.diff(parent, c.tree); err != nil {
			t.Fatal(err)
		}
		sort.Strings(files)
		got[hex] = files
	}
	return got
}
