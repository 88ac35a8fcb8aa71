//go:build unix

package gitscan

import (
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
)

// TestFolderOfRepos: a folder is searched four levels deep for
// repositories, nested ones included, skipping node_modules and vendor,
// with a symlink loop and a FIFO among its files.
func TestFolderOfRepos(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	outside := realPath(t, t.TempDir())
	mk := func(rel string) string {
		p := filepath.Join(top, rel)
		newRepo(t, p).commit(me, "2024-01-01T00:00:00Z", "Work on "+rel, map[string]string{"main.tf": rel})
		return p
	}
	a := mk("a")
	nested := mk("a/modules/inner")
	deep := mk("x/y/z/w") // four levels down: found
	mk("x/y/z/w/v/too-deep")
	mk("node_modules/pkg")
	mk("b/vendor/lib")
	newRepo(t, filepath.Join(outside, "linked")).commit(me, "2024-01-01T00:00:00Z", "Linked", map[string]string{"main.tf": "l"})
	if err := os.Symlink(filepath.Join(outside, "linked"), filepath.Join(top, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(top, filepath.Join(top, "b", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(top, "b", "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(top, "c.git"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := scan(t, infraSigs, []string{top}, Options{Authors: []string{me}})
	var got []string
	for _, r := range res {
		if r.Err != nil {
			t.Errorf("error: %v", r.Err)
		}
		if r.Commits != 1 || len(r.Suggestions) != 1 {
			t.Errorf("%s: %d commits, %d suggestions", r.Repo, r.Commits, len(r.Suggestions))
		}
		got = append(got, r.Repo)
	}
	want := []string{a, nested, filepath.Join(outside, "linked"), deep}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("repositories\n got %q\nwant %q", got, want)
	}
}

// TestBadPaths: each bad path gets one clear line while the other paths
// are still scanned; a symlink to a repository given directly is followed.
func TestBadPaths(t *testing.T) {
	isolate(t)
	top := realPath(t, t.TempDir())
	good := filepath.Join(top, "good")
	newRepo(t, good).commit(me, "2024-01-01T00:00:00Z", "Work", map[string]string{"main.tf": "x"})
	empty := filepath.Join(top, "empty")
	os.MkdirAll(filepath.Join(empty, "sub"), 0o755)
	fifo := filepath.Join(top, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(top, "file.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	link := filepath.Join(top, "link")
	os.Symlink(good, link)
	dangling := filepath.Join(top, "dangling")
	os.Symlink(filepath.Join(top, "nowhere"), dangling)
	missing := filepath.Join(top, "missing")
	unborn := filepath.Join(top, "unborn")
	newRepo(t, unborn)

	res := scan(t, infraSigs, []string{empty, missing, fifo, file, dangling, good, link, unborn, filepath.Join(good, ".git")}, Options{Authors: []string{me}})
	want := []string{
		empty + ": not a git repository, and no repositories in it",
		missing + ": no such file or folder",
		fifo + ": not a folder or a git repository",
		file + ": not a folder or a git repository",
		dangling + ": a symlink to something that does not exist",
	}
	if len(res) != len(want)+2 {
		t.Fatalf("%d results: %+v", len(res), res)
	}
	for i, w := range want {
		if res[i].Err == nil || res[i].Err.Error() != w {
			t.Errorf("result %d: %v, want %q", i, res[i].Err, w)
		}
	}
	// good, then link and good/.git are the same repository: read once.
	if g := res[len(want)]; g.Err != nil || g.Repo != good || g.Commits != 1 {
		t.Errorf("good repository: %+v", g)
	}
	if u := res[len(want)+1]; u.Err != nil || u.Repo != unborn || u.Commits != 0 || u.Suggestions != nil {
		t.Errorf("repository without commits: %+v", u)
	}

	// A symlink to a repository, alone.
	l := one(t, scan(t, infraSigs, []string{link}, Options{Authors: []string{me}}))
	if l.Repo != good || l.Commits != 1 {
		t.Errorf("through a symlink: %+v", l)
	}
	// The .git folder given directly.
	g := one(t, scan(t, infraSigs, []string{filepath.Join(good, ".git")}, Options{Authors: []string{me}}))
	if g.Repo != good || g.Commits != 1 {
		t.Errorf("the .git folder: %+v", g)
	}
}
