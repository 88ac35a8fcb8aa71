package report

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The PDF's text is drawn in the Go fonts, built in, which cover Latin,
// Greek and Cyrillic; other characters in the computer's TrueType fonts.

// FontDirsEnv names the environment variable that, when set, replaces the
// system's fonts for the PDF with the fonts in the folders it lists
// (separated like PATH); an empty folder leaves only the Go fonts.
const FontDirsEnv = "DEVPATH_PDF_FONTS"

const (
	goFamily    = "go" // the fpdf family of the embedded fonts
	placeholder = '□'  // drawn, in the Go font, for a character no font has
)

// goFace is the regular Go font; the bold one draws the same characters.
var goFace = sync.OnceValue(func() *font.Face {
	f, err := font.ParseTTF(bytes.NewReader(goregular.TTF))
	if err != nil {
		panic(err) // the embedded font is a known one: a build error
	}
	return f
})

// has reports whether f draws r in a way fpdf can use: fpdf reads only the
// Basic Multilingual Plane.
func has(f *font.Font, r rune) bool { _, ok := f.Cmap.Lookup(r); return ok && r <= 0xFFFF }

// fontsMu guards the font maps, their faces and the shaper, which are not
// safe for concurrent use. A font map per value of FontDirsEnv finds the
// computer's fonts for a character by script, preferring sans-serif; it is
// made when a document first needs a character the Go fonts lack.
var (
	fontsMu  sync.Mutex
	fontMaps = map[string]*fontscan.FontMap{}
	shaper   shaping.HarfbuzzShaper
)

// systemFace returns a face of the computer that draws r and where it is,
// or nil; the caller holds fontsMu.
func systemFace(r rune) (*font.Face, fontscan.Location) {
	dirs, custom := os.LookupEnv(FontDirsEnv)
	key := fmt.Sprint(custom, dirs)
	fm := fontMaps[key]
	if fm == nil {
		fm = fontscan.NewFontMap(log.New(io.Discard, "", 0))
		fm.SetQuery(fontscan.Query{Families: []string{fontscan.SansSerif}})
		fontMaps[key] = fm
		if !custom { // fontscan needs a folder it can write its index to
			cache, err := os.UserCacheDir()
			if cache = filepath.Join(cache, "devpath", "fonts"); err != nil || os.MkdirAll(cache, 0o700) != nil {
				cache = filepath.Join(os.TempDir(), "devpath-fonts")
			}
			_ = fm.UseSystemFonts(cache)
		}
		for _, d := range filepath.SplitList(dirs) {
			_ = filepath.WalkDir(d, func(path string, _ fs.DirEntry, _ error) error {
				if f, err := os.Open(path); err == nil {
					_ = fm.AddFont(f, path, "") // a folder, or a file that is no font, adds none
					f.Close()
				}
				return nil
			})
		}
	}
	fm.SetScript(language.LookupScript(r))
	if f := fm.ResolveFace(r); f != nil && has(f.Font, r) { // any face when none has r
		return f, fm.FontLocation(f.Font)
	}
	return nil, fontscan.Location{}
}

// loadFace returns the face at loc as a TrueType file, which is what fpdf
// reads. A face of a collection is one once its table directory opens the
// file: the directory places its tables from the start of the file, after
// the collection's directories.
func loadFace(loc fontscan.Location) ([]byte, error) {
	data, err := os.ReadFile(loc.File)
	if err != nil {
		return nil, err
	}
	be, dir := binary.BigEndian, 0
	if len(data) > 16 && string(data[:4]) == "ttcf" && uint32(loc.Index) < be.Uint32(data[8:]) && len(data) > 16+4*int(loc.Index) {
		dir = int(be.Uint32(data[12+4*loc.Index:]))
	}
	if dir+12 > len(data) {
		return nil, errors.New("a font's tables are out of place")
	}
	n, glyf := int(be.Uint16(data[dir+4:])), false
	for i := dir + 12; i < dir+12+16*n; i += 16 {
		if i+16 > len(data) || be.Uint32(data[i+8:]) < uint32(12+16*n) {
			return nil, errors.New("a font's tables are out of place")
		}
		glyf = glyf || string(data[i:i+4]) == "glyf"
	}
	if !glyf {
		return nil, errors.New("no TrueType face to embed") // fpdf reads only TrueType outlines
	}
	copy(data, data[dir:dir+12+16*n])
	return data, nil
}

// fontSet holds the fonts of a document.
type fontSet struct {
	pdf    *fpdf.Fpdf
	family map[rune]string // the fpdf family of the system font for a character
}

// newFontSet adds the embedded fonts to pdf.
func newFontSet(pdf *fpdf.Fpdf) *fontSet {
	pdf.AddUTF8FontFromBytes(goFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(goFamily, "B", gobold.TTF)
	return &fontSet{pdf: pdf, family: map[rune]string{}}
}

// prepare adds the computer's fonts for the characters rs the Go fonts
// lack, each cut down to those characters (reading a Chinese font whole
// costs far more than the few glyphs used), and returns those no font has.
func (fs *fontSet) prepare(rs []rune) (missing []rune) {
	var order []fontscan.Location
	byFace := map[fontscan.Location][]rune{}
	fontsMu.Lock()
	for _, r := range slices.Compact(slices.Sorted(slices.Values(rs))) {
		if has(goFace().Font, r) || r == fsi || r == pdi {
			continue
		}
		if f, loc := systemFace(r); f == nil { // the system's fonts are read only when needed
			missing = append(missing, r)
		} else if byFace[loc] = append(byFace[loc], r); len(byFace[loc]) == 1 {
			order = append(order, loc)
		}
	}
	fontsMu.Unlock()
	for i, loc := range order {
		if name := fmt.Sprintf("sys%d", i+1); fs.add(loc, name, byFace[loc]) {
			for _, r := range byFace[loc] {
				fs.family[r] = name
			}
		} else {
			missing = append(missing, byFace[loc]...)
		}
	}
	slices.Sort(missing)
	return missing
}

// add embeds the face at loc as family name, cut down to the characters
// rs, and reports whether fpdf took it.
func (fs *fontSet) add(loc fontscan.Location, name string, rs []rune) (ok bool) {
	data, err := loadFace(loc)
	if err != nil {
		return false
	}
	defer func() {
		if recover() != nil { // fpdf's font parser panics on some damaged files
			ok = false
		}
	}()
	small := fpdf.UTF8CutFont(data, string(rs)) // used if it draws them all
	if f, err := font.ParseTTF(bytes.NewReader(small)); err == nil && !slices.ContainsFunc(rs, func(r rune) bool { return !has(f.Font, r) }) {
		data = small
	}
	fs.pdf.AddUTF8FontFromBytes(name, "", data) // a font it cannot parse fails only when used
	return !fs.pdf.Err() && fs.pdf.GetFontDesc(name, "").Ascent != 0
}
