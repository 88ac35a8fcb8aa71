package report

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// FontDirsEnv names the environment variable that, when set, replaces the
// system's fonts for the PDF with the fonts in the folders it lists
// (separated like PATH). The embedded Go fonts are always there; an empty
// folder leaves only them.
const FontDirsEnv = "DEVPATH_PDF_FONTS"

// errNoFace says a font cannot be embedded: fpdf reads only TrueType
// outlines.
var errNoFace = errors.New("no TrueType face to embed")

// goFonts are the embedded Go fonts by fpdf style, parsed once.
var goFonts = sync.OnceValue(func() map[string]*font.Font {
	parse := func(ttf []byte) *font.Font {
		f, err := font.ParseTTF(bytes.NewReader(ttf))
		if err != nil {
			// The embedded fonts are known TrueType files; this is a build error.
			panic("embedded Go font: " + err.Error())
		}
		return f.Font
	}
	return map[string]*font.Font{"": parse(goregular.TTF), "B": parse(gobold.TTF)}
})

// has reports whether f draws r in a way fpdf can use: fpdf reads only the
// Basic Multilingual Plane.
func has(f *font.Font, r rune) bool {
	_, ok := f.Cmap.Lookup(r)
	return ok && r <= 0xFFFF
}

// fontSource finds the fonts of the computer that draw a character, by
// script, preferring plain sans-serif faces. A FontMap is not safe for
// concurrent use, nor are the faces it returns: mu guards both.
type fontSource struct {
	mu     sync.Mutex
	fm     *fontscan.FontMap // nil: no fonts besides the embedded ones
	shaper shaping.HarfbuzzShaper
	forms  map[*font.Font]map[font.GID]rune // glyph to presentation form, per font
}

// sources holds one font source per value of FontDirsEnv: the system's
// fonts are scanned once per process (and indexed on disk across runs).
var sources = struct {
	sync.Mutex
	m map[string]*fontSource
}{m: map[string]*fontSource{}}

// quiet swallows fontscan's notes on the fonts it skips.
var quiet = log.New(io.Discard, "", 0)

// systemFonts returns the font source for the current FontDirsEnv; it is
// made when a document first needs a character the Go fonts lack.
func systemFonts() *fontSource {
	dirs, custom := os.LookupEnv(FontDirsEnv)
	key := "\x00"
	if custom {
		key = dirs
	}
	sources.Lock()
	defer sources.Unlock()
	if s := sources.m[key]; s != nil {
		return s
	}
	s := &fontSource{fm: fontscan.NewFontMap(quiet), forms: map[*font.Font]map[font.GID]rune{}}
	s.fm.SetQuery(fontscan.Query{Families: []string{fontscan.SansSerif}})
	if custom {
		n := 0
		for _, d := range filepath.SplitList(dirs) {
			_ = filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
				if err == nil && !e.IsDir() && addFont(s.fm, path) == nil {
					n++
				}
				return nil // an unreadable folder or font has nothing for us
			})
		}
		if n == 0 {
			s.fm = nil
		}
	} else if s.fm.UseSystemFonts(fontCacheDir()) != nil {
		s.fm = nil // no fonts on this computer: the Go fonts draw what they can
	}
	sources.m[key] = s
	return s
}

// addFont adds the font file at path to fm.
func addFont(fm *fontscan.FontMap, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return fm.AddFont(f, path, "")
}

// fontCacheDir is where fontscan keeps its index of the system's fonts,
// which makes every run after the first start at once. fontscan gives up
// on the system's fonts when it cannot write the index, so the folder must
// be one that can be made.
func fontCacheDir() string {
	if d, err := os.UserCacheDir(); err == nil && os.MkdirAll(filepath.Join(d, "devpath", "fonts"), 0o700) == nil {
		return filepath.Join(d, "devpath", "fonts")
	}
	return filepath.Join(os.TempDir(), "devpath-fonts")
}

// resolve returns a face of the computer that draws r, and where it is;
// nil when none does. The caller holds s.mu.
func (s *fontSource) resolve(r rune) (*font.Face, fontscan.Location) {
	if s.fm == nil || r > 0xFFFF {
		return nil, fontscan.Location{}
	}
	s.fm.SetScript(language.LookupScript(r))
	f := s.fm.ResolveFace(r) // any face when none has r
	if f == nil || !has(f.Font, r) {
		return nil, fontscan.Location{}
	}
	return f, s.fm.FontLocation(f.Font)
}

// locate is resolve for callers that do not hold s.mu.
func (s *fontSource) locate(r rune) (fontscan.Location, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, loc := s.resolve(r)
	return loc, f != nil
}

// loadFace returns the face at loc as a standalone TrueType file, which is
// what fpdf reads: the file itself, or the face's tables copied out of a
// collection.
func loadFace(loc fontscan.Location) ([]byte, error) {
	f, err := os.Open(loc.File)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	lds, err := ot.NewLoaders(f)
	if err != nil {
		return nil, err
	}
	if int(loc.Index) >= len(lds) || !lds[loc.Index].HasTable(ot.MustNewTag("glyf")) {
		return nil, errNoFace
	}
	if len(lds) == 1 {
		return os.ReadFile(loc.File)
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	ld := lds[loc.Index]
	tags := ld.Tables()
	slices.Sort(tags)
	n := len(tags)
	// Room for every table, so that they are read in place. The checksums
	// stay 0: fpdf neither checks them nor keeps them (it writes the
	// glyphs a document uses as a font of its own).
	out := make([]byte, 12+16*n, 12+20*n+int(st.Size()))
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	for i, tag := range tags {
		table, err := ld.RawTableTo(tag, out[len(out):])
		if err != nil {
			return nil, err
		}
		rec := out[12+16*i:]
		binary.BigEndian.PutUint32(rec, uint32(tag))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(table)))
		out = append(out, table...)
		out = append(out, make([]byte, -len(table)&3)...)
	}
	return out, nil
}
