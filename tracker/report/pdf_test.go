package report

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"devpath/tracker"

	"github.com/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// pdftotextPath finds poppler's pdftotext, which the PDF tests read the
// documents back with; .ci/deps.sh installs it (poppler-utils).
func pdftotextPath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is not installed: the PDF tests read the documents back with it; run .ci/deps.sh (package poppler-utils)")
	}
	return path
}

// bidiMarks are the invisible direction marks pdftotext puts around
// right-to-left text; they are not part of what was typed.
var bidiMarks = strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "", "\u200e", "", "\u200f", "")

// readBack writes the PDF of d to a file and returns its text as pdftotext
// gives it, laid out as on the page, with runs of white space as one space.
func readBack(t *testing.T, d Data) string {
	t.Helper()
	tool := pdftotextPath(t)
	var buf bytes.Buffer
	if err := PDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(bidiMarks.Replace(string(out))), " ")
}

// pdfText renders d and returns its text as pdftotext reads it.
func pdfText(t *testing.T, d Data) string { return readBack(t, d) }

// multilingual puts a profile name and notes in Polish, Greek, Russian,
// Chinese, Japanese and Korean into the fixture and returns the texts to
// read back.
func multilingual(t *testing.T) (Data, []string) {
	d := fixture(t)
	d.Progress.Profile.Name = "Łukasz Żółć"
	notes := []string{
		"Wdrożenie usługi: zażółć gęślą jaźń",
		"Σημείωση: ανάπτυξη στο Kubernetes",
		"Заметка: настроил мониторинг",
		"笔记：部署了监控系统",
		"メモ：監視を設定しました",
		"메모: 모니터링을 설정했습니다",
	}
	for i, n := range notes {
		d.Evidence = append(d.Evidence, tracker.Evidence{ID: int64(500 + i), ItemID: "linux-systemd", Date: date(2024, 5, 11+i), Note: n})
	}
	return d, append([]string{"Name Łukasz Żółć", "Progress summary: Łukasz Żółć"}, notes...)
}

// hasChineseFont reports whether the font search finds a font for 中.
func hasChineseFont() bool {
	return len(newFontSet(fpdf.New("P", "mm", "A4", "")).prepare([]rune{'中'})) == 0
}

func TestPDFReadsBackEveryScript(t *testing.T) {
	if !hasChineseFont() {
		t.Fatal("no TrueType font for Chinese on this computer: .ci/deps.sh installs one (fonts-wqy-zenhei)")
	}
	d, want := multilingual(t)
	text := readBack(t, d)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext does not give back %q", w)
		}
	}
	if strings.Contains(text, "Characters without a font") || strings.Contains(text, string(placeholder)) {
		t.Errorf("with a Chinese font every character should be drawn; the document says: %q", between(text, "Characters without", "Who and where"))
	}
}

func TestPDFNamesCharactersWithoutAFont(t *testing.T) {
	// No system fonts: only the embedded ones, which have no Chinese.
	t.Setenv(FontDirsEnv, t.TempDir())
	d, want := multilingual(t)
	text := readBack(t, d)
	note := between(text, "Characters without a font", "Who and where")
	if note == "" {
		t.Fatalf("the document has no note on characters without a font: %q", text[:min(len(text), 400)])
	}
	for _, r := range "笔记部署了监控系统：" {
		if code := fmt.Sprintf("(U+%04X)", r); !strings.Contains(note, code) {
			t.Errorf("the note does not name %c %s: %q", r, code, note)
		}
	}
	if strings.Contains(note, "U+0141") || strings.Contains(note, "(U+03A3)") || strings.Contains(note, "(U+0417)") {
		t.Errorf("the note names characters the embedded fonts draw: %q", note)
	}
	// Latin, Greek and Cyrillic come from the embedded fonts, and the boxes
	// still copy as the characters they stand for.
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext does not give back %q", w)
		}
	}
}

func TestPDFNamesEmoji(t *testing.T) {
	// Emoji are in colour fonts, which a PDF cannot embed: no computer has
	// a font for them here.
	d := fixture(t)
	d.Evidence = append(d.Evidence, tracker.Evidence{ID: 600, ItemID: "linux-systemd", Date: date(2024, 5, 12), Note: "Shipped it 🚀 on time"})
	text := readBack(t, d)
	if note := between(text, "Characters without a font", "Who and where"); !strings.Contains(note, "🚀 (U+1F680)") {
		t.Errorf("the note does not name the rocket: %q", note)
	}
	if !strings.Contains(text, "2024-05-12: Shipped it 🚀 on time") {
		t.Errorf("the note with the box does not read back: %q", between(text, "2024-05-12", "2024-05-20"))
	}
}

func TestPDFArabic(t *testing.T) {
	d := fixture(t)
	// Joined letters, lam-alef ligatures (لا), letters that join only to
	// the one before them (د, و), vowel marks (مُحَمَّد) and Persian گ.
	note := "ملاحظة مهمة لا تنسى السلام عليكم يا مُحَمَّد والمزيد من گزارش"
	d.Evidence = append(d.Evidence, tracker.Evidence{ID: 700, ItemID: "linux-systemd", Date: date(2024, 5, 12), Note: note})
	text := readBack(t, d)
	if !strings.Contains(text, "2024-05-12: "+note) {
		t.Errorf("pdftotext does not give back the Arabic note; it reads %q", between(text, "2024-05-12", "2024-05-20"))
	}
	if strings.Contains(text, "Characters without a font") {
		t.Errorf("an Arabic font was not found: %q", between(text, "Characters without", "Who and where"))
	}
	// A note in Hebrew: right to left, no joining; and brackets, drawn
	// mirrored.
	d.Evidence = append(d.Evidence,
		tracker.Evidence{ID: 701, ItemID: "linux-systemd", Date: date(2024, 5, 13), Note: "הערה חשובה מאוד"},
		tracker.Evidence{ID: 702, ItemID: "linux-systemd", Date: date(2024, 5, 14), Note: "ملاحظة (مهمة) جدا"})
	text = readBack(t, d)
	if !strings.Contains(text, "2024-05-13: הערה חשובה מאוד") {
		t.Errorf("pdftotext does not give back the Hebrew note; it reads %q", between(text, "2024-05-13", "2024-05-20"))
	}
	if !strings.Contains(text, "2024-05-14: ملاحظة (مهمة) جدا") {
		t.Errorf("pdftotext does not give back the note with brackets; it reads %q", between(text, "2024-05-14", "2024-05-20"))
	}
}

func TestShapeArabic(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"بيت", "\uFE91\uFEF4\uFE96"},  // initial, medial, final
		{"سلام", "\uFEB3\uFEFC\uFEE1"}, // lam-alef joined on, then meem alone after alef
		{"لا", "\uFEFB"},               // lam-alef ligature
		{"سلا", "\uFEB3\uFEFC"},        // lam-alef joined to the letter before
		{"دب", "\uFEA9\uFE8F"},         // dal does not join to the next letter
		{"بَب", "\uFE91\u064E\uFE90"},  // a vowel mark lets letters join
		{"abc", "abc"},
	} {
		var got []rune
		for _, u := range shapeArabic([]rune(c.in)) {
			got = append(got, u.shown...)
		}
		if string(got) != c.want {
			t.Errorf("shapeArabic(%q) = %U, want %U", c.in, got, []rune(c.want))
		}
	}
}

func TestBidiOrder(t *testing.T) {
	for _, c := range []struct {
		in, want string
		rtl      bool
	}{
		{"abc def", "abc def", false},
		// Arabic in a left-to-right line is drawn last letter first; the
		// number after it belongs to it and keeps its digit order.
		{"id دب 12 ok", "id 12 \uFE8F\uFEA9 ok", false},
		{"دب abc", "abc \uFE8F\uFEA9", true},
		// An isolate takes its direction from its own first letter.
		{"x: " + isolate("دب abc"), "x: abc \uFE8F\uFEA9", false},
		{"x: دب abc", "x: \uFE8F\uFEA9 abc", false},
	} {
		units, rtl := bidiOrder(c.in)
		var got []rune
		for _, u := range units {
			got = append(got, u.shown...)
		}
		if string(got) != c.want || rtl != c.rtl {
			t.Errorf("bidiOrder(%q) = %q (rtl %v), want %q (rtl %v)", c.in, string(got), rtl, c.want, c.rtl)
		}
	}
}

func TestWrapBreaksWhereUnicodeAllows(t *testing.T) {
	if !hasChineseFont() {
		t.Fatal("no TrueType font for Chinese on this computer: .ci/deps.sh installs one (fonts-wqy-zenhei)")
	}
	const s = "ab 中文，好 c."
	pdf := fpdf.New("P", "mm", "A4", "")
	p, _, err := newPDFDoc(pdf, s)
	if err != nil {
		t.Fatal(err)
	}
	pdf.AddPage()
	p.font("", pdfBodySize, colText)
	// The text before each line break may be only these: at the space, between
	// the Chinese characters, not before the comma after them.
	allowed := map[string]bool{"ab": true, "ab 中": true, "ab 中文，": true, "ab 中文，好": true}
	seen := map[string]bool{}
	for w := p.textWidth("文，"); w < p.textWidth(s)+1; w += 0.25 {
		lines, before := p.wrap(s, w), ""
		for _, l := range lines[:len(lines)-1] {
			if before += l; !allowed[before] {
				t.Errorf("wrap(%q, %.2f) = %q: a break after %q", s, w, lines, before)
			}
			seen[before] = true
			if strings.HasPrefix(s[len(before):], " ") {
				before += " "
			}
		}
		if before+lines[len(lines)-1] != s {
			t.Errorf("wrap(%q, %.2f) = %q, which is not the text", s, w, lines)
		}
	}
	if len(seen) != len(allowed) {
		t.Errorf("the text is broken only after %v, not at every place allowed", seen)
	}
}

// makeCollection builds a TrueType collection (.ttc) of the fonts.
func makeCollection(t *testing.T, fonts ...[]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	head := make([]byte, 12+4*len(fonts))
	copy(head, "ttcf")
	binary.BigEndian.PutUint32(head[4:], 0x00010000)
	binary.BigEndian.PutUint32(head[8:], uint32(len(fonts)))
	out.Write(head)
	for i, f := range fonts {
		// Each face's table directory, with offsets into the collection;
		// its tables follow it.
		n := int(binary.BigEndian.Uint16(f[4:]))
		dirAt := out.Len()
		binary.BigEndian.PutUint32(head[12+4*i:], uint32(dirAt))
		dir := append([]byte(nil), f[:12+16*n]...)
		out.Write(dir)
		for j := 0; j < n; j++ {
			rec := dir[12+16*j:]
			off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			binary.BigEndian.PutUint32(rec[8:], uint32(out.Len()))
			out.Write(f[off : off+length])
			for out.Len()%4 != 0 {
				out.WriteByte(0)
			}
		}
		b := out.Bytes()
		copy(b[dirAt:], dir)
	}
	b := out.Bytes()
	copy(b, head)
	return b
}

func TestFontCollection(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "go.ttc")
	if err := os.WriteFile(file, makeCollection(t, goregular.TTF, gobold.TTF), 0o600); err != nil {
		t.Fatal(err)
	}
	faces, err := font.ParseTTC(bytes.NewReader(makeCollection(t, goregular.TTF, gobold.TTF)))
	if err != nil || len(faces) != 2 {
		t.Fatalf("ParseTTC = %d faces, %v; want the 2 faces of the collection", len(faces), err)
	}
	if !has(faces[1].Font, 'Ж') || has(faces[1].Font, '中') {
		t.Error("the second face's character map is wrong")
	}
	// The face copied out of the collection is a font fpdf embeds, and a
	// PDF drawn with it reads back.
	data, err := loadFace(fontscan.Location{File: file, Index: 1})
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("c", "", data)
	pdf.AddPage()
	pdf.SetFont("c", "", 12)
	pdf.Text(20, 20, "Жёлтый żółw")
	out := filepath.Join(dir, "c.pdf")
	if err := pdf.OutputFileAndClose(out); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command(pdftotextPath(t), "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "Жёлтый żółw") {
		t.Errorf("the face from the collection reads back as %q", text)
	}
}

func TestPDFWrapsChinese(t *testing.T) {
	if !hasChineseFont() {
		t.Fatal("no TrueType font for Chinese on this computer: .ci/deps.sh installs one (fonts-wqy-zenhei)")
	}
	d := fixture(t)
	long := strings.Repeat("部署监控系统", 30)
	d.Evidence = append(d.Evidence, tracker.Evidence{ID: 800, ItemID: "linux-systemd", Date: date(2024, 5, 13), Note: long})
	text := readBack(t, d)
	// Wrapped lines come back with a space between them.
	got := between(text, "2024-05-13: ", "2024-05-20")
	got = strings.ReplaceAll(strings.TrimPrefix(got, "2024-05-13: "), " ", "")
	if !strings.HasPrefix(got, long) {
		t.Errorf("the long Chinese note does not read back whole: %q", got)
	}
	if !regexp.MustCompile(`2024-05-13: \p{Han}+ \p{Han}+`).MatchString(text) {
		t.Error("the long Chinese note is not wrapped between characters")
	}
}

// BenchmarkExportPDFScripts renders the realistic export with a name and
// notes in Chinese, Korean and Arabic, which come from the computer's fonts
// (a large collection for Chinese and Korean), beside BenchmarkExportPDF.
func BenchmarkExportPDFScripts(b *testing.B) {
	d := realisticData(b)
	d.Progress.Profile.Name = "王小明 김민준"
	for i := range d.Evidence {
		if i%2 == 0 {
			d.Evidence[i].Note = "部署了监控系统 모니터링을 설정했습니다 " + d.Evidence[i].Note
		} else {
			d.Evidence[i].Note = "ملاحظة مهمة السلام عليكم " + d.Evidence[i].Note
		}
	}
	if missing := newFontSet(fpdf.New("P", "mm", "A4", "")).prepare([]rune("王김م")); len(missing) > 0 {
		b.Fatalf("no font on this computer for %q: .ci/deps.sh installs them", string(missing))
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := PDF(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		b.Fatalf("the PDF is %d bytes and starts %q", buf.Len(), buf.Bytes()[:min(8, buf.Len())])
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// TestPDFFooterFitsALongName: with a name of 200 wide letters the footer is
// cut to fit the page, so every page still reads back its number.
func TestPDFFooterFitsALongName(t *testing.T) {
	d := fixture(t)
	d.Progress.Profile.Name = strings.Repeat("W", 200)
	text := readBack(t, d)
	for _, w := range []string{"page 1 of", "page 2 of"} {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext does not give back %q: the footer runs off the page", w)
		}
	}
	if !strings.Contains(text, "Name "+d.Progress.Profile.Name[:40]) {
		t.Error("the name is not in the document")
	}
}

func TestRunLevels(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
		rtl  bool
	}{
		// An Arabic line that opens with a number: right to left, the
		// number kept in digit order inside it.
		{"12 دب", []int{2, 2, 1, 1, 1}, true},
		// An Arabic isolate holding a Latin one (-1: an isolate's mark,
		// which is not drawn).
		{"a " + isolate("دب "+isolate("xy")), []int{0, 0, -1, 1, 1, 1, -1, 2, 2, -1, -1}, false},
		// A number after Arabic in a left-to-right line.
		{"id دب 12 ok", []int{0, 0, 0, 1, 1, 1, 2, 2, 0, 0, 0}, false},
	} {
		got, rtl := runLevels([]rune(c.in))
		for i, w := range c.want {
			if w < 0 && i < len(got) {
				got[i] = w
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) || rtl != c.rtl {
			t.Errorf("runLevels(%q) = %v (rtl %v), want %v (rtl %v)", c.in, got, rtl, c.want, c.rtl)
		}
	}
	// Isolates drawn: Arabic holding Latin, and Latin holding Arabic.
	for in, want := range map[string]string{
		"a " + isolate("دب "+isolate("xy")): "a xy \uFE8F\uFEA9",
		"x " + isolate("ab دب"):             "x ab \uFE8F\uFEA9",
	} {
		units, _ := bidiOrder(in)
		var got []rune
		for _, u := range units {
			got = append(got, u.shown...)
		}
		if string(got) != want {
			t.Errorf("bidiOrder(%q) = %q, want %q", in, string(got), want)
		}
	}
}
