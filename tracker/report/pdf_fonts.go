package report

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// FontDirsEnv names the environment variable that, when set, replaces the
// system's fonts for the PDF with the fonts in the folders it lists
// (separated like PATH). The embedded Go fonts are always there; an empty
// folder leaves only them.
const FontDirsEnv = "DEVPATH_PDF_FONTS"

// sfntFace is one TrueType face in a font file, with the Unicode character
// map that the PDF writer will use (format 4, the Basic Multilingual Plane:
// the only one fpdf reads).
type sfntFace struct {
	path  string // "" for an embedded font
	index int    // face in a collection (.ttc)
	name  string // file name, to prefer regular sans faces
	cmap  []byte // the format 4 subtable
	segs  int
}

// errNoFace says a file holds no face the PDF writer can embed.
var errNoFace = errors.New("no TrueType face with a Unicode character map")

// glyph returns the glyph number of r in the face, 0 when it has none.
func (f *sfntFace) glyph(r rune) int {
	if r < 0 || r > 0xFFFF || f.segs == 0 {
		return 0
	}
	c := f.cmap
	u16 := func(off int) int {
		if off < 0 || off+2 > len(c) {
			return 0
		}
		return int(binary.BigEndian.Uint16(c[off:]))
	}
	n := f.segs
	ends, starts, deltas, ranges := 14, 16+2*n, 16+4*n, 16+6*n
	// The segments are sorted by their end code.
	i := sort.Search(n, func(i int) bool { return u16(ends+2*i) >= int(r) })
	if i == n || int(r) < u16(starts+2*i) {
		return 0
	}
	delta, ro := u16(deltas+2*i), u16(ranges+2*i)
	if ro == 0 {
		return (int(r) + delta) & 0xFFFF
	}
	g := u16(ranges + 2*i + ro + 2*(int(r)-u16(starts+2*i)))
	if g == 0 {
		return 0
	}
	return (g + delta) & 0xFFFF
}

// has reports whether the face draws r.
func (f *sfntFace) has(r rune) bool { return f.glyph(r) != 0 }

// sfntTable is an entry of a face's table directory.
type sfntTable struct{ off, length uint32 }

// readAt reads n bytes at off of r.
func readAt(r interface {
	ReadAt([]byte, int64) (int, error)
}, off int64, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// faceTables reads the table directory of the face whose offset table is
// at off.
func faceTables(r interface {
	ReadAt([]byte, int64) (int, error)
}, off int64) (map[string]sfntTable, error) {
	h, err := readAt(r, off, 12)
	if err != nil {
		return nil, err
	}
	switch v := binary.BigEndian.Uint32(h); v {
	case 0x00010000, 0x74727565: // TrueType outlines; "OTTO" (CFF) is not embeddable here
	default:
		return nil, errNoFace
	}
	n := int(binary.BigEndian.Uint16(h[4:]))
	d, err := readAt(r, off+12, 16*n)
	if err != nil {
		return nil, err
	}
	t := make(map[string]sfntTable, n)
	for i := 0; i < n; i++ {
		e := d[16*i:]
		t[string(e[:4])] = sfntTable{binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])}
	}
	return t, nil
}

// faceOffsets returns where each face's offset table is: one for a font
// file, several for a collection.
func faceOffsets(r interface {
	ReadAt([]byte, int64) (int, error)
}) ([]int64, error) {
	h, err := readAt(r, 0, 12)
	if err != nil {
		return nil, err
	}
	if string(h[:4]) != "ttcf" {
		return []int64{0}, nil
	}
	n := int(binary.BigEndian.Uint32(h[8:]))
	if n <= 0 || n > 256 {
		return nil, errNoFace
	}
	d, err := readAt(r, 12, 4*n)
	if err != nil {
		return nil, err
	}
	offs := make([]int64, n)
	for i := range offs {
		offs[i] = int64(binary.BigEndian.Uint32(d[4*i:]))
	}
	return offs, nil
}

// requiredTables are the tables fpdf reads to embed a face.
var requiredTables = []string{"cmap", "glyf", "loca", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post"}

// parseFace reads the character map of a face, checking that fpdf can
// embed it: TrueType outlines, all the tables it reads, and a format 4
// Unicode map.
func parseFace(r interface {
	ReadAt([]byte, int64) (int, error)
}, off int64) ([]byte, int, error) {
	t, err := faceTables(r, off)
	if err != nil {
		return nil, 0, err
	}
	for _, name := range requiredTables {
		if _, ok := t[name]; !ok {
			return nil, 0, errNoFace
		}
	}
	cm := t["cmap"]
	if cm.length > 1<<20 {
		return nil, 0, errNoFace
	}
	c, err := readAt(r, int64(cm.off), int(cm.length))
	if err != nil || len(c) < 4 {
		return nil, 0, errNoFace
	}
	n := int(binary.BigEndian.Uint16(c[2:]))
	for i := 0; i < n && 4+8*i+8 <= len(c); i++ {
		e := c[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(e), binary.BigEndian.Uint16(e[2:])
		at := int(binary.BigEndian.Uint32(e[4:]))
		// The subtable fpdf picks: Windows Unicode BMP or any Unicode
		// platform entry, in format 4.
		if !(platform == 3 && encoding == 1 || platform == 0) || at+14 > len(c) {
			continue
		}
		if binary.BigEndian.Uint16(c[at:]) != 4 {
			continue
		}
		length := int(binary.BigEndian.Uint16(c[at+2:]))
		if at+length > len(c) {
			length = len(c) - at
		}
		sub := c[at : at+length]
		segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
		if 16+8*segs > len(sub) {
			return nil, 0, errNoFace
		}
		return sub, segs, nil
	}
	return nil, 0, errNoFace
}

// openFaces reads every embeddable face of a font file.
func openFaces(path string) ([]*sfntFace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	offs, err := faceOffsets(f)
	if err != nil {
		return nil, err
	}
	var faces []*sfntFace
	for i, off := range offs {
		c, segs, err := parseFace(f, off)
		if err != nil {
			continue
		}
		faces = append(faces, &sfntFace{path: path, index: i, name: filepath.Base(path), cmap: c, segs: segs})
	}
	if len(faces) == 0 {
		return nil, errNoFace
	}
	return faces, nil
}

// embeddedFace reads the character map of a font held in memory.
func embeddedFace(name string, ttf []byte) *sfntFace {
	c, segs, err := parseFace(bytes.NewReader(ttf), 0)
	if err != nil {
		// The embedded fonts are known TrueType files; this is a build error.
		panic(fmt.Sprintf("embedded font %s: %v", name, err))
	}
	return &sfntFace{name: name, cmap: c, segs: segs}
}

// load returns the bytes of a face as a standalone TrueType file: the file
// itself, or the face's tables copied out of a collection, which fpdf
// cannot read.
func (f *sfntFace) load() ([]byte, error) {
	file, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	offs, err := faceOffsets(file)
	if err != nil {
		return nil, err
	}
	if len(offs) == 1 && offs[0] == 0 {
		st, err := file.Stat()
		if err != nil {
			return nil, err
		}
		data := make([]byte, st.Size())
		if _, err := io.ReadFull(file, data); err != nil {
			return nil, err
		}
		return data, nil
	}
	if f.index >= len(offs) {
		return nil, errNoFace
	}
	t, err := faceTables(file, offs[f.index])
	if err != nil {
		return nil, err
	}
	tags := make([]string, 0, len(t))
	size := 0
	for tag, e := range t {
		tags = append(tags, tag)
		size += int(e.length+3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	out := make([]byte, 12+16*n, 12+16*n+size)
	v, err := readAt(file, offs[f.index], 4)
	if err != nil {
		return nil, err
	}
	copy(out, v)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	for i, tag := range tags {
		e := t[tag]
		at := len(out)
		out = out[:at+int(e.length+3)&^3]
		if _, err := file.ReadAt(out[at:at+int(e.length)], int64(e.off)); err != nil {
			return nil, fmt.Errorf("read the %s table of %s: %w", tag, f.path, err)
		}
		rec := out[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(out[at:at+int(e.length)]))
		binary.BigEndian.PutUint32(rec[8:], uint32(at))
		binary.BigEndian.PutUint32(rec[12:], e.length)
	}
	return out, nil
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// fontFiles lists the font files to look in for characters the embedded
// fonts lack: the folders of FontDirsEnv when it is set; otherwise the
// TrueType files fontconfig knows, or, without fontconfig, the usual font
// folders. It runs only when a PDF needs such a character.
func fontFiles() []string {
	if dirs, ok := os.LookupEnv(FontDirsEnv); ok {
		return walkFonts(filepath.SplitList(dirs))
	}
	if files := fcList(); len(files) > 0 {
		return files
	}
	home, _ := os.UserHomeDir()
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		dirs = append(dirs, filepath.Join(x, "fonts"))
	}
	if home != "" {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"))
	}
	return walkFonts(dirs)
}

// fcList asks fontconfig for its TrueType font files.
func fcList() []string {
	path, err := exec.LookPath("fc-list")
	if err != nil {
		return nil
	}
	// fontconfig answers from its cache at once; a broken one must not
	// hold up the export.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--format", "%{file}\n", ":fontformat=TrueType").Output()
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var files []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.TrimSpace(sc.Text())
		if f != "" && !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	return files
}

// walkFonts lists the .ttf, .ttc and .otf files under dirs.
func walkFonts(dirs []string) []string {
	var files []string
	for _, d := range dirs {
		if d == "" {
			continue
		}
		_ = filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable folder has no fonts for us
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".ttf", ".ttc", ".otf":
				if !e.IsDir() {
					files = append(files, path)
				}
			}
			return nil
		})
	}
	return files
}

// rankFonts sorts font files so that plain sans-serif faces come first:
// they match the embedded Go fonts best.
func rankFonts(files []string) {
	score := func(f string) int {
		n := strings.ToLower(filepath.Base(f))
		s := 0
		for _, w := range []string{"bold", "italic", "oblique", "light", "thin", "black", "heavy", "condensed", "mono", "serif", "extra", "semi", "medium"} {
			if strings.Contains(n, w) {
				s += 10
			}
		}
		if strings.Contains(n, "sans") || strings.Contains(n, "hei") || strings.Contains(n, "gothic") {
			s--
		}
		return s
	}
	sort.SliceStable(files, func(i, j int) bool {
		si, sj := score(files[i]), score(files[j])
		if si != sj {
			return si < sj
		}
		return files[i] < files[j]
	})
}
