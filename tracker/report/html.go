package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"devpath/tracker"
)

//go:embed html.tmpl
var htmlSource string

// htmlPage is the HTML summary's template. html/template escapes every value
// for where it appears, so user text can never become markup or script.
var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"num":     num,
	"signed":  signed,
	"verdict": verdictWords,
	"plural":  plural,
	"pct":     pct,
}).Parse(htmlSource))

// HTML writes the progress summary as one self-contained, printable HTML
// page: styles are inline, and the page loads nothing (no scripts, fonts,
// images or style sheets from elsewhere). The readiness score and its
// components are drawn as bars. All user text is escaped, and evidence
// links become clickable only when they are http or https URLs.
//
// html/template leaves control characters as they are; the page passes
// through tracker.VisibleWriter, so that none reaches the file (a terminal
// showing its source would act on them).
func HTML(w io.Writer, d Data) error {
	vw := tracker.NewVisibleWriter(w)
	if err := htmlPage.Execute(vw, summarise(d)); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	if err := vw.Flush(); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	return nil
}

// pct clamps a percentage to 0-100 for a bar's width.
func pct(f float64) float64 {
	switch {
	case f < 0:
		return 0
	case f > 100:
		return 100
	}
	return round1(f)
}
