package gitscan

import (
	"bytes"
	"compress/zlib"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// FuzzObjectParsers: whatever bytes a damaged repository holds, parsing
// them as a commit, a tree, a delta or a pack entry returns an error or a
// result, never a panic or a huge allocation.
func FuzzObjectParsers(f *testing.F) {
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n" +
		"author A <a@b> 1700000000 +0100\ncommitter A <a@b> 1700000000 -0230\nencoding ISO-8859-1\n\nSubject\nmore\n\nbody\n"))
	f.Add([]byte("100644 a.tf\x00aaaaaaaaaaaaaaaaaaaa40000 dir\x00bbbbbbbbbbbbbbbbbbbb"))
	base := bytes.Repeat([]byte("100644 main.tf\x00aaaaaaaaaaaaaaaaaaaa"), 20)
	f.Add(packfile.DiffDelta(base, append([]byte("x"), base[10:]...)))
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"))
	zw.Close()
	f.Add(append([]byte{0x1f ^ 0x80, 0x02}, z.Bytes()...)) // a commit entry of 47 bytes
	f.Add([]byte{0x6a, 0x05, 0x80, 0x80, 0x78})            // an offset delta
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = parseCommit(plumbing.ZeroHash, b, [][]byte{[]byte("a@b")})
		rest := b
		for {
			var ok bool
			var err error
			if _, rest, ok, err = nextEntry(rest, plumbing.ZeroHash); !ok || err != nil {
				break
			}
		}
		if out, err := patchDelta(base, b); err == nil && len(out) > len(b)*0x10000 {
			t.Fatalf("a %d-byte delta made %d bytes", len(b), len(out))
		}
		p := &pack{data: b}
		for _, off := range []uint64{0, 1, uint64(len(b) / 2)} {
			h, err := p.header(off)
			if err != nil || h.size > 1<<16 {
				continue
			}
			var o objects
			_ = o.inflate(p, h.data, make([]byte, h.size))
		}
		_, _ = newLinker(string(b)), subjectOf(b, b)
	})
}
