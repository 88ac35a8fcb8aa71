package gitscan

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Pack object types, as a pack file numbers them.
const (
	packCommit   = 1
	packTree     = 2
	packBlob     = 3
	packTag      = 4
	packOfsDelta = 6
	packRefDelta = 7
)

// maxObject is the largest commit, tree or delta the scan inflates: a
// corrupt size in a pack must not make it allocate gigabytes (a tree of
// this size would list millions of files).
const maxObject = 256 << 20

// baseCacheBytes bounds the memory of resolved trees and delta bases kept
// for reuse (git's core.deltaBaseCacheLimit is 96 MiB).
const baseCacheBytes = 48 << 20

// objects reads the raw commits, trees and tags of one repository: from its
// pack files (mapped into memory, as git does) and loose objects, and
// through go-git's storage for anything else, such as alternates. Only the
// objects asked for are read: the scan never asks for a blob.
type objects struct {
	dir   string // the objects folder
	packs []*pack
	st    *filesystem.Storage // the fallback
	cache baseCache
	zr    io.ReadCloser
	br    bytes.Reader
	delta []byte   // scratch for a delta's instructions
	chain []uint64 // scratch for a delta chain's offsets
}

// openObjects opens the objects folder dir, with st for what is not in its
// packs or loose objects.
func openObjects(dir string, st *filesystem.Storage) (*objects, error) {
	o := &objects{dir: dir, st: st}
	o.cache.init(baseCacheBytes)
	names, err := filepath.Glob(filepath.Join(dir, "pack", "pack-*.idx"))
	if err != nil {
		return nil, err
	}
	for _, idx := range names {
		p, err := openPack(idx, len(o.packs))
		if err != nil {
			o.close()
			return nil, err
		}
		if p != nil {
			o.packs = append(o.packs, p)
		}
	}
	return o, nil
}

func (o *objects) close() {
	for _, p := range o.packs {
		p.close()
	}
	o.packs = nil
}

// typeNames are the object types for messages, by pack type number.
var typeNames = [...]string{packCommit: "commit", packTree: "tree", packBlob: "blob", packTag: "tag"}

func typeName(t int) string {
	if t > 0 && t < len(typeNames) && typeNames[t] != "" {
		return typeNames[t]
	}
	return "object"
}

// read returns the type and content of the object h, which must be of type
// want (0: any). A commit's content is the caller's to keep or reuse (it
// may be buf, grown); any other's may be shared with the cache and must not
// be changed.
func (o *objects) read(want int, h plumbing.Hash, buf []byte) (int, []byte, error) {
	t, b, err := o.find(h, buf)
	if err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return 0, nil, &damagedError{fmt.Sprintf("%s %s is missing", typeName(want), h)}
		}
		var d *damagedError
		if errors.As(err, &d) {
			return 0, nil, err
		}
		return 0, nil, &damagedError{fmt.Sprintf("%s %s cannot be read: %v", typeName(want), h, err)}
	}
	if want != 0 && t != want {
		return 0, nil, &damagedError{fmt.Sprintf("%s %s is a %s", typeName(want), h, typeName(t))}
	}
	return t, b, nil
}

func (o *objects) find(h plumbing.Hash, buf []byte) (int, []byte, error) {
	for _, p := range o.packs {
		if off, ok := p.find(h); ok {
			return o.packed(p, off, buf)
		}
	}
	t, b, err := o.loose(h, buf)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return t, b, err
	}
	return o.fallback(h, buf)
}

// fallback reads h through go-git, which knows alternates.
func (o *objects) fallback(h plumbing.Hash, buf []byte) (int, []byte, error) {
	if o.st == nil {
		return 0, nil, plumbing.ErrObjectNotFound
	}
	obj, err := o.st.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return 0, nil, err
	}
	var t int
	switch obj.Type() {
	case plumbing.CommitObject:
		t = packCommit
	case plumbing.TreeObject:
		t = packTree
	case plumbing.TagObject:
		t = packTag
	default:
		return packBlob, nil, nil // never wanted: not read
	}
	r, err := obj.Reader()
	if err != nil {
		return 0, nil, err
	}
	defer r.Close()
	b, err := readAllInto(r, buf[:0])
	return t, b, err
}

// loose reads a loose object file.
func (o *objects) loose(h plumbing.Hash, buf []byte) (int, []byte, error) {
	hex := h.String()
	f, err := openRegular(filepath.Join(o.dir, hex[:2], hex[2:]))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return 0, nil, plumbing.ErrObjectNotFound
		}
		return 0, nil, err
	}
	defer f.Close()
	zr, err := zlib.NewReader(f)
	if err != nil {
		return 0, nil, err
	}
	defer zr.Close()
	var hdr [32]byte
	n := 0
	for {
		if n == len(hdr) {
			return 0, nil, errors.New("bad object header")
		}
		if _, err := io.ReadFull(zr, hdr[n:n+1]); err != nil {
			return 0, nil, err
		}
		if hdr[n] == 0 {
			break
		}
		n++
	}
	typ, size, ok := strings.Cut(string(hdr[:n]), " ")
	if !ok {
		return 0, nil, errors.New("bad object header")
	}
	var t int
	switch typ {
	case "commit":
		t = packCommit
	case "tree":
		t = packTree
	case "tag":
		t = packTag
	case "blob":
		return packBlob, nil, nil // never wanted: not read
	default:
		return 0, nil, errors.New("bad object type " + strconv.Quote(typ))
	}
	sz, err := strconv.ParseInt(size, 10, 64)
	if err != nil || sz < 0 || sz > maxObject {
		return 0, nil, errors.New("bad object size")
	}
	b := grow(buf[:0], int(sz))
	if _, err := io.ReadFull(zr, b); err != nil {
		return 0, nil, err
	}
	return t, b, nil
}

// grow returns buf resized to n bytes, reallocated if too small.
func grow(buf []byte, n int) []byte {
	if cap(buf) < n {
		return make([]byte, n)
	}
	return buf[:n]
}

// packed reads the object at offset off of pack p, resolving deltas.
func (o *objects) packed(p *pack, off uint64, buf []byte) (int, []byte, error) {
	o.chain = o.chain[:0]
	var baseType int
	var base []byte
	cur := off
	for {
		if t, b, ok := o.cache.get(p.id, cur); ok {
			if len(o.chain) == 0 && t == packCommit {
				// The caller owns a commit's bytes: copy.
				return t, append(buf[:0], b...), nil
			}
			baseType, base = t, b
			break
		}
		h, err := p.header(cur)
		if err != nil {
			return 0, nil, err
		}
		if h.typ == packOfsDelta || h.typ == packRefDelta {
			if len(o.chain) > 10000 {
				return 0, nil, errors.New("delta chain too long")
			}
			o.chain = append(o.chain, cur)
			if h.typ == packOfsDelta {
				cur = h.base
				continue
			}
			if boff, ok := p.find(h.ref); ok {
				cur = boff
				continue
			}
			// A base in another pack or loose: read it whole.
			t, b, err := o.find(h.ref, nil)
			if err != nil {
				return 0, nil, err
			}
			baseType, base = t, b
			break
		}
		if h.typ == packBlob {
			return packBlob, nil, nil // never wanted: not read
		}
		if h.typ < packCommit || h.typ > packTag {
			return 0, nil, fmt.Errorf("bad object type %d at offset %d", h.typ, cur)
		}
		if h.size > maxObject {
			return 0, nil, fmt.Errorf("object at offset %d claims %d bytes", cur, h.size)
		}
		var dst []byte
		if len(o.chain) == 0 && h.typ == packCommit {
			dst = grow(buf[:0], int(h.size))
		} else {
			dst = make([]byte, h.size)
		}
		if err := o.inflate(p, h.data, dst); err != nil {
			return 0, nil, err
		}
		baseType, base = h.typ, dst
		if len(o.chain) > 0 || h.typ != packCommit {
			o.cache.put(p.id, cur, baseType, base)
		}
		break
	}
	for i := len(o.chain) - 1; i >= 0; i-- {
		h, err := p.header(o.chain[i])
		if err != nil {
			return 0, nil, err
		}
		if h.size > maxObject {
			return 0, nil, fmt.Errorf("delta at offset %d claims %d bytes", o.chain[i], h.size)
		}
		o.delta = grow(o.delta[:0], int(h.size))
		if err := o.inflate(p, h.data, o.delta); err != nil {
			return 0, nil, err
		}
		res, err := patchDelta(base, o.delta)
		if err != nil {
			return 0, nil, fmt.Errorf("delta at offset %d: %w", o.chain[i], err)
		}
		base = res
		if baseType != packCommit || i > 0 {
			o.cache.put(p.id, o.chain[i], baseType, base)
		}
	}
	return baseType, base, nil
}

// inflate decompresses the zlib stream at pack offset start into dst,
// which has the object's size. The stream is read as raw deflate after its
// two-byte header: the checksum at its end is not needed to stop at the
// size the pack announced, and skipping it saves an allocation per object.
func (o *objects) inflate(p *pack, start uint64, dst []byte) error {
	if start+2 > uint64(len(p.data)) {
		return errors.New("object past the end of the pack")
	}
	cmf, flg := p.data[start], p.data[start+1]
	if cmf&0x0f != 8 || (uint16(cmf)<<8|uint16(flg))%31 != 0 || flg&0x20 != 0 {
		return fmt.Errorf("bad zlib header at offset %d", start)
	}
	o.br.Reset(p.data[start+2:])
	if o.zr == nil {
		o.zr = flate.NewReader(&o.br)
	} else if err := o.zr.(flate.Resetter).Reset(&o.br, nil); err != nil {
		return err
	}
	if _, err := io.ReadFull(o.zr, dst); err != nil {
		return fmt.Errorf("inflating the object at offset %d: %w", start, err)
	}
	return nil
}

// pack is one mapped pack file with its version 2 index.
type pack struct {
	id     int
	idx    mapped
	data   []byte
	pack   mapped
	n      uint32
	names  []byte // n hashes of 20 bytes
	off32  []byte
	off64  []byte
	fanout []byte
}

// openPack maps an index and its pack. It returns nil, nil for an index of
// the old version 1, left to go-git.
func openPack(idxPath string, id int) (*pack, error) {
	idx, err := mapFile(idxPath)
	if err != nil {
		return nil, err
	}
	b := idx.b
	if len(b) < 8+1024 || !bytes.Equal(b[:4], []byte{0xff, 't', 'O', 'c'}) {
		idx.close()
		return nil, nil
	}
	if binary.BigEndian.Uint32(b[4:8]) != 2 {
		idx.close()
		return nil, fmt.Errorf("%s: index version %d", filepath.Base(idxPath), binary.BigEndian.Uint32(b[4:8]))
	}
	p := &pack{id: id, idx: idx, fanout: b[8 : 8+1024]}
	p.n = binary.BigEndian.Uint32(p.fanout[1020:])
	n := int(p.n)
	need := 8 + 1024 + n*28
	if len(b) < need+40 {
		idx.close()
		return nil, fmt.Errorf("%s is truncated", filepath.Base(idxPath))
	}
	p.names = b[1032 : 1032+20*n]
	p.off32 = b[1032+24*n : 1032+28*n]
	p.off64 = b[need : len(b)-40]
	p.pack, err = mapFile(strings.TrimSuffix(idxPath, ".idx") + ".pack")
	if err != nil {
		idx.close()
		return nil, err
	}
	p.data = p.pack.b
	if len(p.data) < 32 || string(p.data[:4]) != "PACK" {
		p.close()
		return nil, fmt.Errorf("%s is not a pack", filepath.Base(idxPath))
	}
	return p, nil
}

func (p *pack) close() {
	p.idx.close()
	p.pack.close()
}

// find returns the pack offset of the object h.
func (p *pack) find(h plumbing.Hash) (uint64, bool) {
	lo := uint32(0)
	if h[0] > 0 {
		lo = binary.BigEndian.Uint32(p.fanout[4*(int(h[0])-1):])
	}
	hi := binary.BigEndian.Uint32(p.fanout[4*int(h[0]):])
	if hi > p.n || lo > hi {
		return 0, false
	}
	key := binary.BigEndian.Uint64(h[:8])
	for lo < hi {
		mid := lo + (hi-lo)/2
		name := p.names[20*mid : 20*mid+20]
		c := 0
		if k := binary.BigEndian.Uint64(name); k != key {
			c = 1
			if k < key {
				c = -1
			}
		} else {
			c = bytes.Compare(name[8:], h[8:])
		}
		switch {
		case c == 0:
			return p.offset(mid)
		case c < 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

func (p *pack) offset(i uint32) (uint64, bool) {
	o := binary.BigEndian.Uint32(p.off32[4*i:])
	if o&0x80000000 == 0 {
		return uint64(o), true
	}
	j := int(o &^ 0x80000000)
	if 8*j+8 > len(p.off64) {
		return 0, false
	}
	return binary.BigEndian.Uint64(p.off64[8*j:]), true
}

// objHeader is a pack entry's header.
type objHeader struct {
	typ  int
	size uint64
	base uint64        // for an offset delta, the base's offset
	ref  plumbing.Hash // for a ref delta, the base's hash
	data uint64        // offset of the zlib stream
}

func (p *pack) header(off uint64) (objHeader, error) {
	var h objHeader
	b := p.data
	bad := func() (objHeader, error) {
		return objHeader{}, fmt.Errorf("bad object header at offset %d", off)
	}
	if off >= uint64(len(b)) {
		return bad()
	}
	i := off
	c := b[i]
	i++
	h.typ = int(c>>4) & 7
	h.size = uint64(c & 15)
	shift := uint(4)
	for c&0x80 != 0 {
		if i >= uint64(len(b)) || shift > 60 {
			return bad()
		}
		c = b[i]
		i++
		h.size |= uint64(c&0x7f) << shift
		shift += 7
	}
	switch h.typ {
	case packOfsDelta:
		if i >= uint64(len(b)) {
			return bad()
		}
		c = b[i]
		i++
		rel := uint64(c & 0x7f)
		for c&0x80 != 0 {
			if i >= uint64(len(b)) || rel > 1<<56 {
				return bad()
			}
			c = b[i]
			i++
			rel = (rel+1)<<7 | uint64(c&0x7f)
		}
		if rel == 0 || rel > off {
			return bad()
		}
		h.base = off - rel
	case packRefDelta:
		if i+20 > uint64(len(b)) {
			return bad()
		}
		copy(h.ref[:], b[i:i+20])
		i += 20
	}
	if h.size > 1<<31 {
		return bad()
	}
	h.data = i
	return h, nil
}

// baseCache keeps resolved objects of the packs by offset, the least
// recently used dropped first once it holds more than its limit of bytes.
type baseCache struct {
	limit, used int
	m           map[uint64]*cacheEntry
	head        cacheEntry // sentinel of the LRU ring: head.next is the newest
}

type cacheEntry struct {
	key        uint64
	typ        int
	b          []byte
	prev, next *cacheEntry
}

func (c *baseCache) init(limit int) {
	c.limit = limit
	c.m = map[uint64]*cacheEntry{}
	c.head.prev, c.head.next = &c.head, &c.head
}

func cacheKey(pack int, off uint64) uint64 { return uint64(pack)<<48 | off }

func (c *baseCache) get(pack int, off uint64) (int, []byte, bool) {
	e, ok := c.m[cacheKey(pack, off)]
	if !ok {
		return 0, nil, false
	}
	c.unlink(e)
	c.front(e)
	return e.typ, e.b, true
}

func (c *baseCache) put(pack int, off uint64, typ int, b []byte) {
	if len(b) > c.limit/8 {
		return
	}
	k := cacheKey(pack, off)
	if _, ok := c.m[k]; ok {
		return
	}
	var e *cacheEntry
	for c.used+len(b) > c.limit && c.head.prev != &c.head {
		old := c.head.prev
		c.unlink(old)
		delete(c.m, old.key)
		c.used -= len(old.b)
		e = old // reused: no allocation once the cache is full
	}
	if e == nil {
		e = new(cacheEntry)
	}
	*e = cacheEntry{key: k, typ: typ, b: b}
	c.m[k] = e
	c.front(e)
	c.used += len(b)
}

func (c *baseCache) unlink(e *cacheEntry) {
	e.prev.next = e.next
	e.next.prev = e.prev
}

func (c *baseCache) front(e *cacheEntry) {
	e.prev = &c.head
	e.next = c.head.next
	c.head.next.prev = e
	c.head.next = e
}
