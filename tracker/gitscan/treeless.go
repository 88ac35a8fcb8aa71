package gitscan

import (
	"bufio"
	"bytes"
	"strings"
)

// readTreeless reads a partial clone made without (all) trees. Asking git
// log for the files of a commit whose tree is missing would make git fetch
// it from the promisor remote, which the scan never does (and which fails:
// transports are turned off). So the history is listed first, the commits
// whose tree and first parent's tree are here are read with their files,
// and the others match by their subject only, as a shallow clone's last
// commits do. Unlike read, this holds the listed history in memory.
func (r *repoScan) readTreeless(tips, not []string) error {
	present, err := presentTrees(r.s.ctx, r.root)
	if err != nil {
		return err
	}
	g, err := newGit(r.s.ctx, r.root, "log", "--stdin", "--boundary", "--no-show-signature", "--format=%m %H %T %P")
	if err != nil {
		return err
	}
	trees := map[string]string{}
	type entry struct{ hash, parent string }
	var list []entry
	err = g.stream(revisions(tips, not), func(br *bufio.Reader) error {
		for {
			line, err := br.ReadString('\n')
			f := strings.Fields(line)
			if len(f) >= 3 && isHash(f[1]) && isHash(f[2]) {
				trees[f[1]] = f[2]
				if f[0] != "-" { // not a boundary commit
					e := entry{hash: f[1]}
					if len(f) > 3 {
						e.parent = f[3]
					}
					list = append(list, e)
				}
			}
			if err != nil {
				return nil
			}
		}
	})
	if err != nil {
		return err
	}
	var withFiles, without bytes.Buffer
	for _, e := range list {
		known := present[trees[e.hash]] && (e.parent == "" || present[trees[e.parent]])
		if known {
			withFiles.WriteString(e.hash + "\n")
		} else {
			without.WriteString(e.hash + "\n")
		}
	}
	if withFiles.Len() > 0 {
		if err := r.read(&withFiles, true, "--no-walk=unsorted"); err != nil {
			return err
		}
	}
	if without.Len() > 0 {
		return r.read(&without, false, "--no-walk=unsorted")
	}
	return nil
}
