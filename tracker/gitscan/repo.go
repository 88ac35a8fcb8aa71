package gitscan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// isHash reports whether s is a full object name: 40 (SHA-1) or 64
// (SHA-256) lower-case hex digits.
func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// listTips returns the objects the history is read from, sorted and
// without repeats: what the branches, the remote-tracking branches and the
// tags point to, and the HEAD of every work tree of the repository (a
// detached one included). Stashes, notes and other refs are not the
// user's history. It is the first git command run in a repository, so its
// error is the one that says a path is not a repository git accepts.
func listTips(ctx context.Context, root string) ([]string, error) {
	g, err := newGit(ctx, root, "for-each-ref", "--format=%(objectname)", "refs/heads/", "refs/remotes/", "refs/tags/")
	if err != nil {
		return nil, err
	}
	out, err := g.output()
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, l := range strings.Split(string(out), "\n") {
		if isHash(l) {
			set[l] = true
		}
	}
	g, err = newGit(ctx, root, "worktree", "list", "--porcelain")
	if err != nil {
		return nil, err
	}
	if out, err = g.output(); err != nil {
		return nil, err
	}
	for _, l := range strings.Split(string(out), "\n") {
		// An unborn branch's HEAD is all zeros: not a commit.
		if h, ok := strings.CutPrefix(l, "HEAD "); ok && isHash(h) && strings.Trim(h, "0") != "" {
			set[h] = true
		}
	}
	tips := make([]string, 0, len(set))
	for h := range set {
		tips = append(tips, h)
	}
	sort.Strings(tips)
	return tips, nil
}

// repoConfig is what the scan needs of a repository's configuration, as
// git resolves it (system, global, repository and work tree files, with
// include and includeIf followed).
type repoConfig struct {
	email    string // user.email, or ""
	remote   string // the URL of the remote "origin", else of the first remote, or ""
	treeless bool   // a partial clone whose filter leaves out trees (or is not known to keep them)
}

// readRepoConfig asks git for the repository's user.email, remote URLs and
// partial clone filters in one command.
func readRepoConfig(ctx context.Context, root string) (repoConfig, error) {
	var rc repoConfig
	g, err := newGit(ctx, root, "config", "-z", "--get-regexp",
		`^(user\.email|remote\..*\.url|remote\..*\.partialclonefilter)$`)
	if err != nil {
		return rc, err
	}
	out, err := g.output()
	var ge *gitError
	if errors.As(err, &ge) && ge.code == 1 {
		return rc, nil // none of them is set
	}
	if err != nil {
		return rc, err
	}
	var first, origin string
	for _, entry := range bytes.Split(out, []byte{0}) {
		key, val, _ := strings.Cut(string(entry), "\n")
		switch {
		case key == "user.email":
			rc.email = strings.TrimSpace(val) // the last one set wins, as in git
		case strings.HasSuffix(key, ".partialclonefilter"):
			if !strings.HasPrefix(val, "blob:") {
				rc.treeless = true
			}
		case strings.HasSuffix(key, ".url"):
			if key == "remote.origin.url" && origin == "" {
				origin = val
			}
			if first == "" {
				first = val
			}
		}
	}
	rc.remote = origin
	if rc.remote == "" {
		rc.remote = first
	}
	return rc, nil
}

// existingTips returns those of old that are still objects of the
// repository: git log refuses a name it cannot find, and a scanned
// branch may since have been deleted and pruned.
func existingTips(ctx context.Context, root string, old []string) ([]string, error) {
	var in bytes.Buffer
	for _, h := range old {
		if isHash(h) {
			in.WriteString(h + "\n")
		}
	}
	if in.Len() == 0 {
		return nil, nil
	}
	g, err := newGit(ctx, root, "cat-file", "--batch-check=%(objectname) %(objecttype)")
	if err != nil {
		return nil, err
	}
	g.cmd.Stdin = &in
	out, err := g.output()
	if err != nil {
		return nil, err
	}
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		h, typ, _ := strings.Cut(l, " ")
		if isHash(h) && typ != "missing" {
			keep = append(keep, h)
		}
	}
	return keep, nil
}

// readShallow returns the commits at which a shallow clone's history ends
// (its git directory's shallow file), or nil for a full clone.
func readShallow(gitDir string) (map[string]bool, error) {
	f, err := openRegular(filepath.Join(gitDir, "shallow"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	set := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if h := strings.TrimSpace(sc.Text()); isHash(h) {
			set[h] = true
		}
	}
	return set, sc.Err()
}

// presentTrees lists the trees a partial clone holds (its own and its
// alternates'): in a treeless clone, a commit's files can be compared only
// when its tree and its parent's are here.
func presentTrees(ctx context.Context, root string) (map[string]bool, error) {
	g, err := newGit(ctx, root, "cat-file", "--batch-all-objects", "--unordered", "--batch-check=%(objecttype) %(objectname)")
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	err = g.stream(nil, func(r *bufio.Reader) error {
		for {
			line, err := r.ReadString('\n')
			if h, ok := strings.CutPrefix(strings.TrimSpace(line), "tree "); ok {
				set[h] = true
			}
			if err != nil {
				return nil
			}
		}
	})
	return set, err
}
