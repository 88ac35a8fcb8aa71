package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"devpath/tracker"
)

// splitList splits a field of several values separated by commas or new
// lines, dropping the empty ones.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// expandHome turns a leading "~" into the home folder, as a shell would.
func expandHome(p string) string {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, strings.TrimPrefix(p, "~"))
}

// request reads the form into a scan request, or says what is wrong.
func (d *scanDialog) request() (tracker.ScanRequest, error) {
	var req tracker.ScanRequest
	for _, p := range splitList(d.paths.Text) {
		req.Paths = append(req.Paths, expandHome(p))
	}
	if len(req.Paths) == 0 {
		return req, errors.New("choose a folder to scan, or type its path")
	}
	for _, a := range splitList(d.authors.Text) {
		if !strings.Contains(a, "@") || strings.ContainsAny(a, " \t") {
			return req, fmt.Errorf("%q is not an email address", a)
		}
		req.Authors = append(req.Authors, a)
	}
	if s := strings.TrimSpace(d.since.Text); s != "" {
		day, err := tracker.ParseDate(s, d.env.today())
		if err != nil {
			return req, fmt.Errorf("since: %w", err)
		}
		req.Since = day
	}
	return req, nil
}

// chooseFolder adds a folder chosen in a folder dialog to the field.
func (d *scanDialog) chooseFolder() {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			d.showError(fmt.Errorf("couldn't open the folder: %w", err))
			return
		}
		if dir == nil || d.closed {
			return
		}
		text := strings.TrimSpace(d.paths.Text)
		if text != "" && !strings.HasSuffix(text, ",") {
			text += ", "
		} else if text != "" {
			text += " "
		}
		d.paths.SetText(text + dir.Path())
		d.env.win.Canvas().Focus(d.paths)
	}, d.env.win)
	fd.SetTitleText("Choose a repository, or a folder of repositories")
	fd.SetConfirmText("Choose")
	showFileDialog(fd, d.env.win)
}

// setScanning shows the progress and Cancel while a scan runs, the form
// otherwise.
func (d *scanDialog) setScanning(on bool) {
	if on {
		d.scan.Disable()
		d.cancel.Show()
		d.setProgress(0, "Looking for repositories…")
		d.progress.Show()
		d.summary.Hide()
		d.relayout()
		return
	}
	if !d.readOnly {
		d.scan.Enable()
	}
	d.cancel.Hide()
	d.progress.Hide()
	d.summary.Show()
	d.relayout()
}

// startScan checks the form and scans in the background (Scan, Enter).
func (d *scanDialog) startScan() {
	if d.readOnly || d.stop != nil || d.closed {
		return
	}
	req, err := d.request()
	d.showError(err)
	if err != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.stop = cancel
	relay := &progressRelay{show: func(p tracker.ScanProgress) {
		if d.stop != nil && !d.closed {
			d.showProgress(p)
		}
	}}
	req.Progress = relay.report
	d.setScanning(true)
	d.problemBox.Hide()
	d.relayout()
	rm := d.rm
	var rep tracker.ScanReport
	var fits []tracker.SuggestionFit
	d.env.async(func() error {
		var err error
		if rep, err = d.store.ScanGit(ctx, rm, req); err != nil {
			return err
		}
		fits, err = d.store.FitSuggestions(rm, rep.Pending)
		return err
	}, func(err error) {
		cancelled := ctx.Err() != nil
		cancel()
		d.stop = nil
		if d.closed {
			return
		}
		d.setScanning(false)
		switch {
		case cancelled || errors.Is(err, context.Canceled):
			d.setSummary(strings.TrimSpace("Scan cancelled: nothing was saved. " + waitingWords(len(d.pending))))
		case err != nil:
			d.showError(fmt.Errorf("the scan failed: %w", err))
		default:
			d.showReport(rep, fits)
			d.env.changed()
		}
	})
}

// cancelScan stops the scan running; what it read is not saved.
func (d *scanDialog) cancelScan() {
	if d.stop != nil {
		d.stop()
		d.setProgress(d.progress.Value, "Cancelling…")
	}
}

// showProgress shows how far the scan has got.
func (d *scanDialog) showProgress(p tracker.ScanProgress) {
	value := d.progress.Value
	if p.Repos > 0 {
		value = min(float64(p.RepoIndex)/float64(p.Repos), 1)
	}
	text := fmt.Sprintf("%s read", plural(p.Commits, "commit", "commits"))
	if p.Repos > 0 {
		text = fmt.Sprintf("Repository %d of %d · %s", min(p.RepoIndex+1, p.Repos), p.Repos, text)
	}
	if p.Repo != "" {
		text += " · " + filepath.Base(p.Repo)
	}
	d.setProgress(value, text)
}

// setProgress shows a value and a line of words on the progress bar.
func (d *scanDialog) setProgress(value float64, text string) {
	d.progressLine = text
	d.progress.SetValue(value)
	d.progress.Refresh()
}

// showReport shows a scan's outcome: the repositories that could not be
// scanned, a summary, and every suggestion waiting.
func (d *scanDialog) showReport(rep tracker.ScanReport, fits []tracker.SuggestionFit) {
	var problems []string
	scanned := 0
	for _, r := range rep.Repos {
		if r.Problem != "" {
			problems = append(problems, oneLine(r.Problem))
		} else {
			scanned++
		}
	}
	if len(problems) > maxProblems {
		rest := len(problems) - maxProblems
		problems = append(problems[:maxProblems], fmt.Sprintf("… and %s more", plural(rest, "problem", "problems")))
	}
	if len(problems) > 0 {
		d.problems.SetText(strings.Join(problems, "\n"))
		d.problemBox.Show()
		d.problemBox.ScrollToTop()
	} else {
		d.problemBox.Hide()
	}
	summary := scanSummary(rep.Added, scanned)
	if len(rep.Pending) != rep.Added && len(rep.Pending) > 0 {
		summary += " " + plural(len(rep.Pending), "suggestion waits", "suggestions wait") + " for review in all."
	}
	d.setSummary(summary)
	d.setPending(fits)
}

// scanSummary says what a scan found: "12 suggestions from 3
// repositories".
func scanSummary(added, scanned int) string {
	switch {
	case scanned == 0:
		return "No repository could be scanned."
	case added == 0:
		return "No new suggestions from " + plural(scanned, "repository", "repositories") + "."
	}
	return plural(added, "suggestion", "suggestions") + " from " + plural(scanned, "repository", "repositories") + "."
}

// progressRelay passes a scan's progress from the scanning goroutine to
// the window: only the latest report is shown, in at most one queued
// update at a time, so that a fast scan does not flood the UI goroutine.
type progressRelay struct {
	mu     sync.Mutex
	last   tracker.ScanProgress
	queued bool
	show   func(tracker.ScanProgress) // runs on the UI goroutine
}

// report takes a progress report; the scan calls it from its goroutine.
func (r *progressRelay) report(p tracker.ScanProgress) {
	r.mu.Lock()
	r.last = p
	if r.queued {
		r.mu.Unlock()
		return
	}
	r.queued = true
	r.mu.Unlock()
	fyne.Do(func() {
		r.mu.Lock()
		p := r.last
		r.queued = false
		r.mu.Unlock()
		r.show(p)
	})
}
