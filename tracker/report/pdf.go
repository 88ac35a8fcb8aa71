package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"devpath/tracker/words"
)

// PDF writes the progress summary as an A4 PDF document with real, selectable
// text and a readiness chart (the score and its four components as bars).
// Text in every script is kept: Latin, Greek and Cyrillic are drawn in the
// Go fonts built into the program; other characters (Chinese, Japanese,
// Korean, Arabic, ...) in a TrueType font of the computer that has them,
// Arabic joined and right to left. A character that no font draws is shown
// as a box and listed in a note at the top of the document; copying the
// text still gives it back.
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

// newA4 is an empty A4 document with devpath's margins, titled title and
// dated now (when set), as the summary and the promotion case both are.
func newA4(title string, now time.Time) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	pdf.SetAutoPageBreak(true, pdfMargin+5)
	if !now.IsZero() {
		pdf.SetCreationDate(now)
		pdf.SetModificationDate(now)
	}
	pdf.SetTitle(title, true)
	pdf.SetCreator("devpath", true)
	return pdf
}

// writePDF renders the summary; tests turn compression off to read the
// text back.
func writePDF(w io.Writer, d Data, compress bool) error {
	s := summarise(d)
	pdf := newA4(s.Title, d.Now)
	pdf.SetCompression(compress)
	p, unknown, err := newPDFDoc(pdf, s)
	if err != nil {
		return fmt.Errorf("write PDF report: %w", err)
	}
	// What the user typed keeps its own direction inside the lines that
	// label it.
	shown := s
	if s.Name != "" && strings.HasSuffix(s.Title, s.Name) {
		shown.Title = strings.TrimSuffix(s.Title, s.Name) + isolate(s.Name)
	}
	if c := s.CheckIn; c != nil {
		cc := *c
		cc.Latest, cc.Previous = isolate(c.Latest), isolate(c.Previous)
		shown.CheckIn = &cc
	}
	pdf.AddPage()
	p.render(shown, unknown)
	// Characters only found while drawing (none are expected: all text
	// comes from the summary) are listed at the end.
	var late []rune
	for r := range p.missing {
		if !slices.Contains(unknown, r) {
			late = append(late, r)
		}
	}
	if len(late) > 0 {
		slices.Sort(late)
		p.missingNote(late)
	}
	// Footers are drawn last, when the number of pages is known.
	pages := pdf.PageNo()
	for n := 1; n <= pages; n++ {
		pdf.SetPage(n)
		p.set = textStyle{} // the font is selected again on that page
		_, h := pdf.GetPageSize()
		p.font("", 8, colMuted)
		w, _ := pdf.GetPageSize()
		rest := fmt.Sprintf(" · made on %s · page %d of %d", s.Generated, n, pages)
		title := shown.Title
		if s.Name != "" && strings.HasSuffix(s.Title, s.Name) {
			// A long name is cut to fit, so that the page number stays
			// on the page.
			prefix := strings.TrimSuffix(s.Title, s.Name)
			room := w - 2*pdfMargin - 2*pdf.GetCellMargin() - p.textWidth(p.t(prefix+"x"+rest))
			title = prefix + isolate(p.fit(s.Name, room))
		}
		p.drawLine(pdfMargin, h-pdfMargin, w-2*pdfMargin, 4, p.t(title+rest), 'C', "")
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write PDF report: %w", err)
	}
	return nil
}

// pdfDoc draws the summary on an fpdf document.
type pdfDoc struct {
	pdf     *fpdf.Fpdf
	fonts   *fontSet
	cur     textStyle     // the style text is drawn in
	set     textStyle     // the font last selected: family, NUL, style
	missing map[rune]bool // characters drawn as boxes
}

// missingNote lists characters that no font draws.
func (p *pdfDoc) missingNote(rs []rune) {
	const most = 60
	var list []string
	for i, r := range rs {
		if i == most {
			list = append(list, fmt.Sprintf("and %d more", len(rs)-most))
			break
		}
		list = append(list, fmt.Sprintf("%c (U+%04X)", r, r))
	}
	p.font("B", 9, colWarning)
	p.multi(4.5, "Characters without a font")
	p.font("", 9, colWarning)
	p.multi(4.5, "No font on this computer draws "+plural(len(rs), "character")+" of this document, shown as "+
		string(placeholder)+": "+strings.Join(list, ", ")+". Copying the text gives them back. "+
		"Install a TrueType font that has them and export again: on Debian or Ubuntu, fonts-wqy-zenhei has "+
		"Chinese, Japanese and Korean, fonts-dejavu-core Arabic and Hebrew.")
	p.pdf.Ln(1)
}

func (p *pdfDoc) render(s summary, unknown []rune) {
	pdf := p.pdf
	p.font("B", 18, colText)
	p.multi(8, s.Title)
	p.font("", 9, colMuted)
	meta := "Made on " + s.Generated + " · Period: " + s.Period
	if s.Roadmap != "" {
		meta += " · Roadmap: " + s.Roadmap
	}
	p.multi(4.5, meta)
	pdf.Ln(2)
	if len(unknown) > 0 {
		p.missingNote(unknown)
	}

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
	p.facts(s.TimelineFacts)
	p.field("Region", s.Region)
	p.field("Branch", orDash(s.Branch))
	p.facts(s.BranchFacts)
	p.field("Track", orDash(s.Track))
	p.facts(s.TrackFacts)
	if s.Target != "" {
		p.field("Target", s.Target)
		p.field("Forecast", s.Forecast)
		if len(s.PlanItems) > 0 {
			p.field("Plan", fmt.Sprintf("%d %s", len(s.PlanItems), map[bool]string{true: "entry", false: "entries"}[len(s.PlanItems) == 1]))
			p.facts(s.PlanItems)
		}
	}
	if s.Warning != "" {
		pdf.Ln(1)
		p.font("B", pdfBodySize, colWarning)
		p.multi(pdfLine, "Warning: "+s.Warning)
	}

	if s.Next != "" {
		p.heading("Readiness for " + s.Next)
	} else {
		p.heading("Readiness")
	}
	p.font("B", 12, colText)
	p.multi(6, fmt.Sprintf("Score %s / 100 — %s", num(s.Score), words.Verdict(s.Verdict)))
	p.font("", 9, colMuted)
	p.multi(4.5, "("+s.VerdictFor+")")
	if ev := s.Evidenced; ev != nil {
		p.font("B", 11, colText)
		p.multi(6, fmt.Sprintf("Evidenced score %s / 100 — %s", num(ev.Score), words.Verdict(ev.Verdict)))
		p.font("", 9, colMuted)
		gap := ev.Gap
		if gap == "" {
			gap = words.EveryClaimEvidenced
		}
		p.multi(4.5, gap)
		for _, a := range ev.Actions {
			p.multi(4.5, "• "+a)
		}
	}
	if r := s.Review; r != nil {
		p.font("B", 10, colText)
		p.multi(5, r.Heading)
		p.font("", 9, colMuted)
		for _, l := range r.Lines {
			p.multi(4.5, l)
		}
		for _, g := range r.Gaps {
			p.multi(4.5, "• "+g)
		}
	}
	pdf.Ln(1)
	p.chart(s)
	p.table([]string{"Component", "Done", "Weight", "Points"}, []float64{90, 30, 30, 30}, "LRRR", rowsOf(s.Components, func(c component) []string {
		return []string{c.Name, num(c.Share) + "%", num(c.Weight) + "%", num(c.Points)}
	}))
	for _, h := range s.Hints {
		p.bullet(h)
	}

	p.heading("Progress per stage")
	p.note(words.NA + " entries are left out of the totals.")
	p.table([]string{"Stage", "Done", "Of", words.NA}, []float64{120, 20, 20, 20}, "LRRR", rowsOf(s.Stages, func(st stageProgress) []string {
		done, of, skipped := st.Count()
		return []string{st.Label(), done, of, skipped}
	}))
	for _, st := range s.Stages {
		if len(st.Groups) == 0 || st.NotTracked {
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
		p.multi(pdfLine, orDash(de.Date)+" · "+de.Title+" — "+de.Level)
		p.font("", 9, colMuted)
		pdf.SetX(pdfMargin + 4)
		p.multi(4.5, de.Where)
		p.evidence(de.Evidence)
		pdf.Ln(1)
	}
	if len(s.OtherEvidence) > 0 {
		p.subheading("Other evidence (" + s.Period + ")")
		for _, g := range s.OtherEvidence {
			p.keepSpace(2 * pdfLine)
			p.font("B", pdfBodySize, colText)
			p.multi(pdfLine, g.Title+" ("+g.Where+")")
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
			c.Latest, num(c.LatestScore), words.Verdict(c.LatestVerdict)))
	default:
		p.para(fmt.Sprintf("%s: score %s (%s), %s since %s (score %s).",
			c.Latest, num(c.LatestScore), words.Verdict(c.LatestVerdict), signed(c.Delta), c.Previous, num(c.PrevScore)))
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
	p.cur = textStyle{style: style, size: size}
	p.setFont(goFamily, style, size)
	p.pdf.SetTextColor(c[0], c[1], c[2])
}

// cell draws one line of text in a box of width w (0: up to the right
// margin) at the current position, then moves right (ln 0) or to the start
// of the next line (ln 1), like fpdf's CellFormat.
func (p *pdfDoc) cell(w, h float64, s string, ln int, align byte, link string) {
	x, y := p.pdf.GetXY()
	if w == 0 {
		w = p.right() - x
	}
	p.drawLine(x, y, w, h, p.t(s), align, link)
	if ln == 1 {
		p.pdf.SetXY(pdfMargin, y+h)
	} else {
		p.pdf.SetXY(x+w, y)
	}
}

// multi draws text from the current position to the right margin, wrapped
// into lines of height h, starting a new page when one is full; it ends at
// the left margin under the text, like fpdf's MultiCell.
func (p *pdfDoc) multi(h float64, s string) {
	x, y := p.pdf.GetXY()
	w := p.right() - x
	for _, line := range p.wrap(p.t(s), w-2*p.pdf.GetCellMargin()) {
		if y+h > p.bottom() {
			p.pdf.AddPage()
			y = p.pdf.GetY()
		}
		p.drawLine(x, y, w, h, line, 'L', "")
		y += h
	}
	p.pdf.SetXY(pdfMargin, y)
}

// right is the x of the right margin.
func (p *pdfDoc) right() float64 {
	w, _ := p.pdf.GetPageSize()
	_, _, r, _ := p.pdf.GetMargins()
	return w - r
}

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
	p.cell(0, 7, s, 1, 'L', "")
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
	p.cell(0, 6, s, 1, 'L', "")
}

func (p *pdfDoc) width() float64 {
	w, _ := p.pdf.GetPageSize()
	l, _, r, _ := p.pdf.GetMargins()
	return w - l - r
}

func (p *pdfDoc) field(label, value string) {
	p.font("B", pdfBodySize, colText)
	p.cell(40, pdfLine, label, 0, 'L', "")
	p.font("", pdfBodySize, colText)
	p.multi(pdfLine, value)
}

// facts lists facts under the field above them, in small type, lined up
// with the field's value so that they read as part of it.
func (p *pdfDoc) facts(fs []string) {
	for _, f := range fs {
		p.font("", 9, colMuted)
		p.pdf.SetX(pdfMargin + 40)
		p.cell(4, 4.5, "•", 0, 'L', "")
		p.multi(4.5, f)
	}
}

func (p *pdfDoc) para(s string) {
	p.font("", pdfBodySize, colText)
	p.multi(pdfLine, s)
	p.pdf.Ln(1)
}

func (p *pdfDoc) note(s string) {
	p.font("", 9, colMuted)
	p.multi(4.5, s)
	p.pdf.Ln(1)
}

func (p *pdfDoc) bullet(s string) {
	p.font("", pdfBodySize, colText)
	p.cell(5, pdfLine, "•", 0, 'L', "")
	p.multi(pdfLine, s)
}

// evidence lists evidence lines under an entry, indented; http and https
// links are clickable.
func (p *pdfDoc) evidence(ev []evidenceLine) {
	pdf := p.pdf
	indent := pdfMargin + 4
	for _, e := range ev {
		p.font("", 9, colText)
		pdf.SetX(indent)
		p.multi(4.5, "• "+orDash(e.Date)+": "+isolate(e.Note))
		if e.LinkText == "" {
			continue
		}
		pdf.SetX(indent + 3)
		text := p.fit(e.LinkText, p.width()-7)
		if e.Link != "" {
			p.font("U", 9, colPart)
			p.cell(0, 4.5, text, 1, 'L', e.Link)
		} else {
			p.font("", 9, colMuted)
			p.cell(0, 4.5, text, 1, 'L', "")
		}
	}
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
		p.cell(labelW, rowH, r.label, 0, 'L', "")
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
		p.cell(0, rowH, value, 0, 'L', "")
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
			x, y := pdf.GetXY()
			pdf.Rect(x, y, widths[i], 6, "F")
			pdf.Line(x, y+6, x+widths[i], y+6)
			p.cell(widths[i], 6, h, 0, align[i], "")
		}
		pdf.Ln(6)
	}
	p.keepSpace(6 + lineH)
	header()
	p.font("", 9, colText)
	for _, row := range rows {
		lines := make([][]string, len(row))
		n := 1
		for i, c := range row {
			lines[i] = p.wrap(p.t(c), widths[i]-2)
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
				p.drawLine(x, y+0.5+float64(j)*lineH, widths[i], lineH, l, align[i], "")
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
