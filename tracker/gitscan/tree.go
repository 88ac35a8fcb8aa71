package gitscan

import (
	"bytes"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
)

// differ lists the files that differ between two trees, comparing entries
// by hash so that identical subtrees are skipped and no file's content is
// ever read.
type differ struct {
	objs *objects
	path []byte
	emit func(path []byte)
}

// diff calls d.emit for every file added, removed or changed between the
// trees old and new (either may be the zero hash: no tree).
func (d *differ) diff(old, new plumbing.Hash) error {
	d.path = d.path[:0]
	return d.level(old, new, 0)
}

func (d *differ) level(old, new plumbing.Hash, depth int) error {
	var a, b []byte
	var err error
	if !old.IsZero() {
		if _, a, err = d.objs.read(packTree, old, nil); err != nil {
			return err
		}
	}
	if !new.IsZero() {
		if _, b, err = d.objs.read(packTree, new, nil); err != nil {
			return err
		}
	}
	base := len(d.path)
	var ea, eb treeEntry
	okA, okB := false, false
	if ea, a, okA, err = nextEntry(a, old); err != nil {
		return err
	}
	if eb, b, okB, err = nextEntry(b, new); err != nil {
		return err
	}
	for okA || okB {
		c := 0
		switch {
		case !okA:
			c = 1
		case !okB:
			c = -1
		default:
			c = compareEntries(ea, eb)
		}
		switch {
		case c < 0: // only in old: removed
			if err := d.one(ea, base, depth, true); err != nil {
				return err
			}
		case c > 0: // only in new: added
			if err := d.one(eb, base, depth, false); err != nil {
				return err
			}
		case ea.hash != eb.hash || ea.mode != eb.mode:
			d.path = append(d.path[:base], ea.name...)
			if ea.isDir() {
				d.path = append(d.path, '/')
				if err := d.level(ea.hash, eb.hash, depth+1); err != nil {
					return err
				}
			} else {
				d.emit(d.path)
			}
		}
		if c <= 0 {
			if ea, a, okA, err = nextEntry(a, old); err != nil {
				return err
			}
		}
		if c >= 0 {
			if eb, b, okB, err = nextEntry(b, new); err != nil {
				return err
			}
		}
	}
	d.path = d.path[:base]
	return nil
}

// one reports an entry present on one side only: a file, or every file of
// a folder.
func (d *differ) one(e treeEntry, base, depth int, removed bool) error {
	d.path = append(d.path[:base], e.name...)
	if !e.isDir() {
		d.emit(d.path)
		return nil
	}
	d.path = append(d.path, '/')
	if removed {
		return d.level(e.hash, plumbing.ZeroHash, depth+1)
	}
	return d.level(plumbing.ZeroHash, e.hash, depth+1)
}

// treeEntry is one entry of a tree object.
type treeEntry struct {
	mode uint32
	name []byte
	hash plumbing.Hash
}

// isDir reports whether the entry is a subtree (not a file, a symlink or a
// submodule's commit).
func (e treeEntry) isDir() bool { return e.mode&0o170000 == 0o040000 }

// nextEntry parses the first entry of the tree bytes b ("MODE NAME\0"
// followed by a 20-byte hash) and returns the rest.
func nextEntry(b []byte, tree plumbing.Hash) (treeEntry, []byte, bool, error) {
	if len(b) == 0 {
		return treeEntry{}, nil, false, nil
	}
	var e treeEntry
	i := 0
	for ; i < len(b) && b[i] != ' '; i++ {
		if b[i] < '0' || b[i] > '7' {
			return e, nil, false, badTree(tree)
		}
		e.mode = e.mode<<3 | uint32(b[i]-'0')
	}
	if i == 0 || i >= len(b) {
		return e, nil, false, badTree(tree)
	}
	b = b[i+1:]
	nul := bytes.IndexByte(b, 0)
	if nul <= 0 || len(b) < nul+1+len(plumbing.ZeroHash) {
		return e, nil, false, badTree(tree)
	}
	e.name = b[:nul]
	copy(e.hash[:], b[nul+1:])
	return e, b[nul+1+len(plumbing.ZeroHash):], true, nil
}

func badTree(h plumbing.Hash) error {
	return &damagedError{fmt.Sprintf("tree %s is corrupt", h)}
}

// compareEntries orders entries as git sorts a tree: by name, a folder's
// name compared as if it ended in "/".
func compareEntries(a, b treeEntry) int {
	n := min(len(a.name), len(b.name))
	if c := bytes.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	var ca, cb byte
	if len(a.name) > n {
		ca = a.name[n]
	} else if a.isDir() {
		ca = '/'
	}
	if len(b.name) > n {
		cb = b.name[n]
	} else if b.isDir() {
		cb = '/'
	}
	return int(ca) - int(cb)
}
