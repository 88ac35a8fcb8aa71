package gitscan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// maxDepth is how many folders deep a folder given to Scan is searched for
// repositories.
const maxDepth = 4

// foundRepo is a repository found under the paths, or a path's problem.
type foundRepo struct {
	root      string // work tree root, or the folder of a bare repository; real path
	gitDir    string // the git directory
	commonDir string // for a linked work tree, the main repository's git directory; else ""
	err       error
}

// finder searches the paths, remembering the folders it entered and the
// repositories it found so that a symlink loop or a repository reached twice
// is read once.
type finder struct {
	ctx     context.Context
	visited map[string]bool
	gitDirs map[string]bool
	out     []foundRepo
	found   int // repositories met, including those met before
}

// findRepos lists the repositories under paths, in the order of paths, then
// of file names, with one error entry for each path that holds none.
func findRepos(ctx context.Context, paths []string) []foundRepo {
	f := &finder{ctx: ctx, visited: map[string]bool{}, gitDirs: map[string]bool{}}
	for _, p := range paths {
		if ctx.Err() != nil {
			break
		}
		f.path(p)
	}
	return f.out
}

// path handles one path given to Scan.
func (f *finder) path(p string) {
	abs := absClean(p)
	fail := func(format string, a ...any) {
		f.out = append(f.out, foundRepo{root: abs, err: fmt.Errorf("%s: "+format, append([]any{abs}, a...)...)})
	}
	if _, err := os.Lstat(abs); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			fail("no such file or folder")
		} else {
			fail("cannot be read (%s)", reason(err))
		}
		return
	}
	// A symlink given directly is followed: the user named it.
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			fail("a symlink to something that does not exist")
		} else {
			fail("cannot be read (%s)", reason(err))
		}
		return
	}
	fi, err := os.Stat(real)
	if err != nil {
		fail("cannot be read (%s)", reason(err))
		return
	}
	before := f.found
	// Loops are looked for within one path's search; a repository that two
	// paths reach is kept once by add.
	clear(f.visited)
	switch {
	case !fi.IsDir():
		// A .git file is the pointer of a linked work tree or submodule.
		if filepath.Base(real) == ".git" && fi.Mode().IsRegular() {
			if r, ok := f.gitFile(filepath.Dir(real), real); ok {
				f.add(r)
				return
			}
		}
		fail("not a folder or a git repository")
		return
	case filepath.Base(real) == ".git":
		if isGitDir(real) {
			f.add(foundRepo{root: filepath.Dir(real), gitDir: real})
			return
		}
	case isGitDir(real):
		// A bare repository.
		f.add(foundRepo{root: real, gitDir: real})
		return
	}
	if err := f.walk(real, 0); err != nil {
		fail("cannot be read (%s)", reason(err))
		return
	}
	if f.found == before {
		fail("not a git repository, and no repositories in it")
	}
}

// walk searches the folder dir (a real path) depth levels below a given
// path. Only the given folder's own read error is returned: a subfolder
// that cannot be read is passed over.
func (f *finder) walk(dir string, depth int) error {
	if f.ctx.Err() != nil || f.visited[dir] {
		return nil
	}
	f.visited[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var head, objects, refs bool
	for _, e := range entries {
		switch e.Name() {
		case ".git":
			if r, ok := f.dotGit(dir, e); ok {
				f.add(r)
			}
		case "HEAD":
			head = e.Type().IsRegular()
		case "objects":
			objects = e.IsDir()
		case "refs":
			refs = e.IsDir()
		}
	}
	if head && objects && refs && depth > 0 {
		// A bare repository inside the folder: its insides are not
		// searched.
		f.add(foundRepo{root: dir, gitDir: dir})
		return nil
	}
	if depth >= maxDepth {
		return nil
	}
	for _, e := range entries {
		switch e.Name() {
		case ".git", "node_modules", "vendor":
			continue
		}
		child := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			_ = f.walk(child, depth+1)
		case e.Type()&fs.ModeSymlink != 0:
			// Followed only to a folder not entered yet, so that a loop
			// ends.
			real, err := filepath.EvalSymlinks(child)
			if err != nil {
				continue
			}
			if fi, err := os.Stat(real); err == nil && fi.IsDir() {
				_ = f.walk(real, depth+1)
			}
		}
	}
	return nil
}

// dotGit reads the .git entry e of the folder dir.
func (f *finder) dotGit(dir string, e fs.DirEntry) (foundRepo, bool) {
	p := filepath.Join(dir, ".git")
	fi, err := os.Stat(p) // follows a .git symlink, as git does
	if err != nil {
		return foundRepo{}, false
	}
	switch {
	case fi.IsDir():
		real, err := filepath.EvalSymlinks(p)
		if err != nil || !isGitDir(real) {
			return foundRepo{}, false
		}
		return foundRepo{root: dir, gitDir: real}, true
	case fi.Mode().IsRegular():
		return f.gitFile(dir, p)
	}
	return foundRepo{}, false
}

// gitFile reads a .git file ("gitdir: PATH"), as a linked work tree or a
// submodule has, and the commondir file of the folder it names.
func (f *finder) gitFile(dir, p string) (foundRepo, bool) {
	b, err := readSmall(p)
	if err != nil {
		return foundRepo{}, false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	target, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return foundRepo{}, false
	}
	target = strings.TrimSpace(target)
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir, target)
	}
	gitDir, err := filepath.EvalSymlinks(target)
	if err != nil {
		return foundRepo{}, false
	}
	r := foundRepo{root: dir, gitDir: gitDir}
	if c, err := readSmall(filepath.Join(gitDir, "commondir")); err == nil {
		common := strings.TrimSpace(string(c))
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitDir, common)
		}
		if r.commonDir, err = filepath.EvalSymlinks(common); err != nil {
			return foundRepo{}, false
		}
		if !isGitDir(r.commonDir) {
			return foundRepo{}, false
		}
		return r, true
	}
	if !isGitDir(gitDir) {
		return foundRepo{}, false
	}
	return r, true
}

// add records a repository unless it was found already. The linked work
// trees of a repository are the same repository: its history is read once,
// with all its branches.
func (f *finder) add(r foundRepo) {
	f.found++
	if real, err := filepath.EvalSymlinks(r.root); err == nil {
		r.root = real
	}
	key := r.gitDir
	if r.commonDir != "" {
		key = r.commonDir
	}
	if f.gitDirs[key] {
		return
	}
	f.gitDirs[key] = true
	f.out = append(f.out, r)
}

// isGitDir reports whether dir looks like a git directory: a HEAD file and
// an objects folder.
func isGitDir(dir string) bool {
	head, err := os.Lstat(filepath.Join(dir, "HEAD"))
	if err != nil || !head.Mode().IsRegular() {
		return false
	}
	obj, err := os.Stat(filepath.Join(dir, "objects"))
	return err == nil && obj.IsDir()
}

// readSmall reads a small regular file, refusing anything else (a FIFO
// would block a plain read).
func readSmall(p string) ([]byte, error) {
	f, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	_, err = io.Copy(&buf, io.LimitReader(f, 64<<10))
	return buf.Bytes(), err
}

// reason is the end of an error's message: "permission denied" rather than
// "open /a/b: permission denied".
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
