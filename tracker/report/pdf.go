package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"
)

// PDF writes the progress summary as an A4 PDF document with real, selectable
// text in the standard Helvetica font and a readiness chart (the score and
// its four components as bars). Characters the standard fonts cannot show
// are transliterated where there is a plain equivalent ("→" becomes "->",
// "ł" becomes "l") and replaced with "?" otherwise.
func PDF(w io.Writer, d Data) error { return writePDF(w, d, true) }

// Page geometry in millimetres.
const (
	pdfMargin   = 15.0
	pdfLine     = 5.0 // height of a line of body text
	pdfBodySize = 10.0
)

// Colours (RGB).
var (
	colText    = [3]int{29, 35, 48}
	colMuted   = [3]int{91, 100, 119}
	colRule    = [3]int{210, 215, 225}
	colHead    = [3]int{238, 241, 246}
	colTrack   = [3]int{227, 231, 239}
	colScore   = [3]int{27, 138, 75}
	colPart    = [3]int{47, 111, 222}
	colWarning = [3]int{199, 119, 0}
)

// writePDF renders the summary; tests turn compression off to read the
// text back.
func writePDF(w io.Writer, d Data, compress bool) error {
	s := summarise(d)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetAutoPageBreak(true, pdfMargin+5)
	if !d.Now.IsZero() {
		pdf.SetCreationDate(d.Now)
		pdf.SetModificationDate(d.Now)
	}
	pdf.SetTitle(s.Title, true)
	pdf.SetCreator("devpath", true)
	pdf.AliasNbPages("{nb}")
	p := &pdfDoc{pdf: pdf, tr: newLatin1(pdf)}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pdfMargin)
		p.font("", 8, colMuted)
		pdf.CellFormat(0, 4, p.t(fmt.Sprintf("%s · made on %s · page %d of {nb}", s.Title, s.Generated, pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	p.render(s)
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write PDF report: %w", err)
	}
	return nil
}

// pdfDoc draws the summary on an fpdf document.
type pdfDoc struct {
	pdf *fpdf.Fpdf
	tr  func(string) string
}

func (p *pdfDoc) render(s summary) {
	pdf := p.pdf
	p.font("B", 18, colText)
	pdf.MultiCell(0, 8, p.t(s.Title), "", "L", false)
	p.font("", 9, colMuted)
	meta := "Made on " + s.Generated + " · Period: " + s.Period
	if s.Roadmap != "" {
		meta += " · Roadmap: " + s.Roadmap
	}
	pdf.MultiCell(0, 4.5, p.t(meta), "", "L", false)
	pdf.Ln(2)

	p.heading("Who and where")
	if s.Name != "" {
		p.field("Name", s.Name)
	}
	p.field("Stage", s.Stage)
	if s.StageSince != "" {
		p.field("At this stage since", s.StageSince+" ("+plural(s.Months, "month")+")")
	} else {
		p.field("At this stage since", "not set")
	}
	p.field("Timeline", s.Timeline)
	p.field("Region", s.Region)
	p.field("Branch", orDash(s.Branch))
	p.field("Track", orDash(s.Track))
	if s.Warning != "" {
		pdf.Ln(1)
		p.font("B", pdfBodySize, colWarning)
		pdf.MultiCell(0, pdfLine, p.t("Warning: "+s.Warning), "", "L", false)
	}

	if s.Next != "" {
		p.heading("Readiness for " + s.Next)
	} else {
		p.heading("Readiness")
	}
	p.font("B", 12, colText)
	pdf.MultiCell(0, 6, p.t(fmt.Sprintf("Score %s / 100 — %s", num(s.Score), verdictWords(s.Verdict))), "", "L", false)
	p.font("", 9, colMuted)
	pdf.MultiCell(0, 4.5, p.t("("+s.VerdictFor+")"), "", "L", false)
	pdf.Ln(1)
	p.chart(s)
	p.table([]string{"Component", "Done", "Weight", "Points"}, []float64{90, 30, 30, 30}, "LRRR", rowsOf(s.Components, func(c component) []string {
		return []string{c.Name, num(c.Share) + "%", num(c.Weight) + "%", num(c.Points)}
	}))
	for _, h := range s.Hints {
		p.bullet(h)
	}

	p.heading("Progress per stage")
	p.note("Skipped entries are left out of the totals.")
	p.table([]string{"Stage", "Done", "Of", "Skipped"}, []float64{120, 20, 20, 20}, "LRRR", rowsOf(s.Stages, func(st stageProgress) []string {
		title := st.Title
		if st.Current {
			title += " (current stage)"
		}
		return []string{title, fmt.Sprint(st.Done), fmt.Sprint(st.Total), fmt.Sprint(st.Skipped)}
	}))
	for _, st := range s.Stages {
		if len(st.Groups) == 0 {
			continue
		}
		p.subheading(st.Title)
		p.table([]string{"Group", "Done", "Of"}, []float64{140, 20, 20}, "LRR", rowsOf(st.Groups, func(g groupProgress) []string {
			return []string{g.Title, fmt.Sprint(g.Done), fmt.Sprint(g.Total)}
		}))
	}

	p.heading("Done (" + s.Period + ")")
	if len(s.Done) == 0 {
		p.para("Nothing marked done in this period.")
	}
	for _, de := range s.Done {
		p.keepSpace(2 * pdfLine)
		p.font("B", pdfBodySize, colText)
		pdf.MultiCell(0, pdfLine, p.t(orDash(de.Date)+" · "+de.Title+" — "+de.Level), "", "L", false)
		p.font("", 9, colMuted)
		pdf.SetX(pdfMargin + 4)
		pdf.MultiCell(0, 4.5, p.t(de.Where), "", "L", false)
		p.evidence(de.Evidence)
		pdf.Ln(1)
	}
	if len(s.OtherEvidence) > 0 {
		p.subheading("Other evidence (" + s.Period + ")")
		for _, g := range s.OtherEvidence {
			p.keepSpace(2 * pdfLine)
			p.font("B", pdfBodySize, colText)
			pdf.MultiCell(0, pdfLine, p.t(g.Title+" ("+g.Where+")"), "", "L", false)
			p.evidence(g.Evidence)
			pdf.Ln(1)
		}
	}

	p.heading("Still to do")
	if len(s.Missing) == 0 {
		p.para("Nothing left to do for the next level.")
	} else {
		p.note("Highest gain first: the gain is how many points the score would rise if that entry alone were done.")
		p.table([]string{"#", "Entry", "Kind", "Group", "Now", "Gain"}, []float64{8, 72, 22, 40, 22, 16}, "RLLLLR", rowsOf(s.Missing, func(g missingEntry) []string {
			return []string{fmt.Sprint(g.Rank), g.Title, g.Kind, orDash(g.Group), g.Level, "+" + num(g.Gain)}
		}))
		if s.MissingMore > 0 {
			p.note(fmt.Sprintf("…and %d more.", s.MissingMore))
		}
	}

	if len(s.Branches) > 0 {
		p.heading("Specialisation branches")
		p.table([]string{"Branch", "Done", "Of", "Share"}, []float64{120, 20, 20, 20}, "LRRR", rowsOf(s.Branches, func(b branchLine) []string {
			title := b.Title
			if b.Closest {
				title += " (closest)"
			}
			return []string{title, fmt.Sprint(b.Done), fmt.Sprint(b.Total), num(b.Share) + "%"}
		}))
		if s.Closest != "" {
			p.para("Closest branch: " + s.Closest + ".")
		}
	}

	p.heading("Salary (" + s.PayRegion + ")")
	pay := [][]string{{s.Stage + " (now)", s.PayNow}}
	if s.NextTitle != "" {
		pay = append(pay, []string{s.NextTitle + " (next)", s.PayNext})
	}
	p.table([]string{"Level", "Band"}, []float64{110, 70}, "LL", pay)

	p.heading("Latest check-in")
	switch c := s.CheckIn; {
	case c == nil:
		p.para("No check-ins yet.")
	case c.Previous == "":
		p.para(fmt.Sprintf("%s: score %s (%s). There is no earlier check-in to compare with.",
			c.Latest, num(c.LatestScore), verdictWords(c.LatestVerdict)))
	default:
		p.para(fmt.Sprintf("%s: score %s (%s), %s since %s (score %s).",
			c.Latest, num(c.LatestScore), verdictWords(c.LatestVerdict), signed(c.Delta), c.Previous, num(c.PrevScore)))
		if len(c.Changes) == 0 {
			p.para("No entry changed between them.")
		} else {
			p.table([]string{"Entry", "Before", "After"}, []float64{110, 35, 35}, "LLL", rowsOf(c.Changes, func(ch changeLine) []string {
				return []string{ch.Title, ch.From, ch.To}
			}))
		}
	}

	if len(s.Orphans) > 0 {
		p.heading("Progress on entries no longer in the roadmap")
		for _, id := range s.Orphans {
			p.bullet(id)
		}
	}
}

// rowsOf maps a slice to table rows.
func rowsOf[T any](xs []T, f func(T) []string) [][]string {
	rows := make([][]string, len(xs))
	for i, x := range xs {
		rows[i] = f(x)
	}
	return rows
}

func (p *pdfDoc) font(style string, size float64, c [3]int) {
	p.pdf.SetFont("Helvetica", style, size)
	p.pdf.SetTextColor(c[0], c[1], c[2])
}

// t prepares text for the standard fonts: one line, code page 1252.
func (p *pdfDoc) t(s string) string { return p.tr(strings.Join(strings.Fields(s), " ")) }

// bottom is the lowest y at which content may end on a page.
func (p *pdfDoc) bottom() float64 {
	_, h := p.pdf.GetPageSize()
	_, _, _, b := p.pdf.GetMargins()
	return h - b
}

// keepSpace starts a new page unless h millimetres are left on this one.
func (p *pdfDoc) keepSpace(h float64) {
	if p.pdf.GetY()+h > p.bottom() {
		p.pdf.AddPage()
	}
}

func (p *pdfDoc) heading(s string) {
	p.pdf.Ln(3)
	p.keepSpace(25) // a heading never ends a page
	p.font("B", 13, colText)
	p.pdf.CellFormat(0, 7, p.t(s), "", 1, "L", false, 0, "")
	x, y := p.pdf.GetX(), p.pdf.GetY()
	p.pdf.SetDrawColor(colRule[0], colRule[1], colRule[2])
	p.pdf.SetLineWidth(0.4)
	p.pdf.Line(x, y, x+p.width(), y)
	p.pdf.Ln(2)
}

func (p *pdfDoc) subheading(s string) {
	p.pdf.Ln(1)
	p.keepSpace(18)
	p.font("B", 11, colText)
	p.pdf.CellFormat(0, 6, p.t(s), "", 1, "L", false, 0, "")
}

func (p *pdfDoc) width() float64 {
	w, _ := p.pdf.GetPageSize()
	l, _, r, _ := p.pdf.GetMargins()
	return w - l - r
}

func (p *pdfDoc) field(label, value string) {
	p.font("B", pdfBodySize, colText)
	p.pdf.CellFormat(40, pdfLine, p.t(label), "", 0, "L", false, 0, "")
	p.font("", pdfBodySize, colText)
	p.pdf.MultiCell(0, pdfLine, p.t(value), "", "L", false)
}

func (p *pdfDoc) para(s string) {
	p.font("", pdfBodySize, colText)
	p.pdf.MultiCell(0, pdfLine, p.t(s), "", "L", false)
	p.pdf.Ln(1)
}

func (p *pdfDoc) note(s string) {
	p.font("", 9, colMuted)
	p.pdf.MultiCell(0, 4.5, p.t(s), "", "L", false)
	p.pdf.Ln(1)
}

func (p *pdfDoc) bullet(s string) {
	p.font("", pdfBodySize, colText)
	p.pdf.CellFormat(5, pdfLine, p.t("•"), "", 0, "L", false, 0, "")
	p.pdf.MultiCell(0, pdfLine, p.t(s), "", "L", false)
}

// evidence lists evidence lines under an entry, indented; http and https
// links are clickable.
func (p *pdfDoc) evidence(ev []evidenceLine) {
	pdf := p.pdf
	indent := pdfMargin + 4
	for _, e := range ev {
		p.font("", 9, colText)
		pdf.SetX(indent)
		pdf.MultiCell(0, 4.5, p.t("• "+orDash(e.Date)+": "+e.Note), "", "L", false)
		if e.LinkText == "" {
			continue
		}
		pdf.SetX(indent + 3)
		text := p.fit(e.LinkText, p.width()-7)
		if e.Link != "" {
			p.font("U", 9, colPart)
			pdf.CellFormat(0, 4.5, text, "", 1, "L", false, 0, e.Link)
		} else {
			p.font("", 9, colMuted)
			pdf.CellFormat(0, 4.5, text, "", 1, "L", false, 0, "")
		}
	}
}

// fit prepares s and cuts it with "..." to fit in w millimetres in the
// current font.
func (p *pdfDoc) fit(s string, w float64) string {
	t := p.t(s)
	if p.pdf.GetStringWidth(t) <= w {
		return t
	}
	for len(t) > 0 && p.pdf.GetStringWidth(t+"...") > w {
		t = t[:len(t)-1]
	}
	return t + "..."
}

// chart draws the readiness score and its four components as horizontal
// bars.
func (p *pdfDoc) chart(s summary) {
	pdf := p.pdf
	const (
		labelW = 38.0
		barW   = 110.0
		rowH   = 7.0
		barH   = 4.5
	)
	rows := []struct {
		label string
		value float64
		color [3]int
	}{{"Score", s.Score, colScore}}
	for _, c := range s.Components {
		rows = append(rows, struct {
			label string
			value float64
			color [3]int
		}{c.Name, c.Share, colPart})
	}
	p.keepSpace(float64(len(rows))*rowH + 4)
	x0, y := pdfMargin, pdf.GetY()+1
	for i, r := range rows {
		style := ""
		if i == 0 {
			style = "B"
		}
		p.font(style, 9, colText)
		pdf.SetXY(x0, y)
		pdf.CellFormat(labelW, rowH, p.t(r.label), "", 0, "L", false, 0, "")
		by := y + (rowH-barH)/2
		pdf.SetFillColor(colTrack[0], colTrack[1], colTrack[2])
		pdf.Rect(x0+labelW, by, barW, barH, "F")
		if v := pct(r.value); v > 0 {
			pdf.SetFillColor(r.color[0], r.color[1], r.color[2])
			pdf.Rect(x0+labelW, by, barW*v/100, barH, "F")
		}
		value := num(r.value) + "%"
		if i == 0 {
			value = num(r.value) + " / 100"
		}
		pdf.SetXY(x0+labelW+barW+3, y)
		pdf.CellFormat(0, rowH, p.t(value), "", 0, "L", false, 0, "")
		y += rowH
	}
	pdf.SetXY(x0, y+2)
}

// table draws a table with a shaded header row. Cells wrap; a row never
// splits across pages, and the header is repeated on a new page.
func (p *pdfDoc) table(head []string, widths []float64, align string, rows [][]string) {
	pdf := p.pdf
	const lineH = 5.0
	header := func() {
		p.font("B", 9, colText)
		pdf.SetFillColor(colHead[0], colHead[1], colHead[2])
		pdf.SetDrawColor(colRule[0], colRule[1], colRule[2])
		pdf.SetLineWidth(0.2)
		for i, h := range head {
			pdf.CellFormat(widths[i], 6, p.t(h), "B", 0, string(align[i]), true, 0, "")
		}
		pdf.Ln(-1)
	}
	p.keepSpace(6 + lineH)
	header()
	p.font("", 9, colText)
	for _, row := range rows {
		lines := make([][]string, len(row))
		n := 1
		for i, c := range row {
			for _, l := range pdf.SplitLines([]byte(p.t(c)), widths[i]-2) {
				lines[i] = append(lines[i], string(l))
			}
			n = max(n, len(lines[i]))
		}
		h := float64(n)*lineH + 1
		if pdf.GetY()+h > p.bottom() {
			pdf.AddPage()
			header()
			p.font("", 9, colText)
		}
		x, y := pdf.GetX(), pdf.GetY()
		for i := range row {
			for j, l := range lines[i] {
				pdf.SetXY(x, y+0.5+float64(j)*lineH)
				pdf.CellFormat(widths[i], lineH, l, "", 0, string(align[i]), false, 0, "")
			}
			x += widths[i]
		}
		pdf.SetDrawColor(colRule[0], colRule[1], colRule[2])
		pdf.SetLineWidth(0.2)
		pdf.Line(pdfMargin, y+h, x, y+h)
		pdf.SetXY(pdfMargin, y+h)
	}
	pdf.Ln(3)
}

// translit holds plain equivalents for characters outside code page 1252
// that are common in notes.
var translit = map[rune]string{
	'→': "->", '←': "<-", '↔': "<->", '⇒': "=>", '≥': ">=", '≤': "<=", '≠': "!=",
	'−': "-", '‐': "-", '‑': "-", '‒': "-", '―': "-", '✓': "v", '✔': "v", '✗': "x", '✘': "x",
	'★': "*", '☆': "*", '≈': "~", '∞': "inf", '\u2009': " ", '\u202f': " ", '\u200b': "",
	'ł': "l", 'Ł': "L", 'ą': "a", 'Ą': "A", 'ę': "e", 'Ę': "E", 'ć': "c", 'Ć': "C", 'ń': "n", 'Ń': "N",
	'ś': "s", 'Ś': "S", 'ź': "z", 'Ź': "Z", 'ż': "z", 'Ż': "Z", 'č': "c", 'Č': "C", 'ř': "r", 'Ř': "R",
	'ě': "e", 'Ě': "E", 'ů': "u", 'Ů': "U", 'ď': "d", 'Ď': "D", 'ť': "t", 'Ť': "T", 'ň': "n", 'Ň': "N",
	'ő': "o", 'Ő': "O", 'ű': "u", 'Ű': "U", 'ğ': "g", 'Ğ': "G", 'ı': "i", 'İ': "I", 'ş': "s", 'Ş': "S",
	'ș': "s", 'Ș': "S", 'ț': "t", 'Ț': "T", 'ţ': "t", 'Ţ': "T", 'ā': "a", 'Ā': "A", 'ē': "e", 'Ē': "E",
	'ī': "i", 'Ī': "I", 'ō': "o", 'Ō': "O", 'ū': "u", 'Ū': "U", 'ă': "a", 'Ă': "A", 'đ': "d", 'Đ': "D",
}

// newLatin1 returns a function that turns UTF-8 text into code page 1252
// for the standard PDF fonts: characters of the code page are kept, common
// others transliterated, control characters dropped, the rest replaced with
// "?".
func newLatin1(pdf *fpdf.Fpdf) func(string) string {
	cp := pdf.UnicodeTranslatorFromDescriptor("")
	known := map[rune]string{}
	return func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch {
			case r < 0x80 && unicode.IsControl(r):
				continue
			case r < 0x80:
				b.WriteRune(r)
				continue
			}
			out, ok := known[r]
			if !ok {
				if t, has := translit[r]; has {
					out = cp(t)
				} else if unicode.IsControl(r) || r == unicode.ReplacementChar {
					out = "?"
				} else if c := cp(string(r)); c != "." {
					out = c
				} else {
					out = "?"
				}
				known[r] = out
			}
			b.WriteString(out)
		}
		return b.String()
	}
}
