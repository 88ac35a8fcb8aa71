package main

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/review"
)

// The review round trip, after the journey above: the engineer (the
// journey's database) asks for a review and saves the request through the
// real file dialog; the manager, on a database of their own in the same
// home folder and with no name set, opens it through the open dialog,
// types their name where the Review view asks for it, rates an entry
// lower with the keyboard, signs and saves the response under the name
// offered (their first name and the day); the engineer imports it and
// sees the comparison as a table. The File menu is reached with Alt, whose
// items Down steps through.
func init() {
	journeySteps = append(journeySteps,
		journeyStep{"review-ask", (*journey).reviewAsk},
		journeyStep{"review-engineer-quit", (*journey).quit},
		journeyStep{"review-open-rate-sign", (*journey).reviewOpenRateSign},
		journeyStep{"review-manager-quit", (*journey).reviewManagerQuit},
		journeyStep{"review-import", (*journey).reviewImport},
		journeyStep{"review-side-by-side-close", (*journey).reviewCloseSideBySide},
	)
}

// The files and the manager of the round trip.
const (
	reviewRequestName = "review-request.json"
	managerName       = "Sam Manager"
	// managerSlug is managerName as review file names hold it.
	managerSlug   = "sam"
	reviewComment = "Show me the audit of the roles"
	// reviewedEntry is the entry the manager rates lower: the one with
	// evidence, the only one a request of evidenced entries shares.
	reviewedEntry = evidenceItem
)

// fileMenu opens the File menu with Alt and runs its item number n (from
// 1, separators not counted).
func (j *journey) fileMenu(n int, what string) error {
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	keys := []string{"alt"}
	for range n {
		keys = append(keys, "Down")
	}
	if err := j.keys(append(keys, "Return")...); err != nil {
		return err
	}
	_, err = j.changedFrom(before, "File ▸ "+what+" to open its dialog")
	return err
}

// saveAs types name into the save dialog, which opens in the home folder
// with the name focused, and waits for the file to pass check.
func (j *journey) saveAs(name string, check func([]byte) error) ([]byte, error) {
	if err := j.keys("ctrl+a"); err != nil {
		return nil, err
	}
	if err := j.typeText(name); err != nil {
		return nil, err
	}
	if err := j.keys("Return"); err != nil {
		return nil, err
	}
	path := filepath.Join(j.sb.home, name)
	var data []byte
	err := poll(j.timeout, "the file "+path, func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return false, err.Error(), nil
		}
		if err := check(data); err != nil {
			return false, err.Error(), nil
		}
		return true, "", nil
	})
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		return nil, fmt.Errorf("%s should be written with permissions 0600: %v", path, err)
	}
	return data, j.a.fit(j.timeout)
}

// openFile chooses the .json file labelled name in Fyne's open dialog, in
// the home folder: a click on it, then Shift+Tab to Open and Space.
func (j *journey) openFile(name, what string) error {
	fd := j.pic
	x, y, err := fileItemPosition(journeyW, journeyH, j.sb.home, name)
	if err != nil {
		return err
	}
	if err := j.d.xdotool("mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1"); err != nil {
		return err
	}
	if err := j.keys("shift+Tab", "space"); err != nil {
		return err
	}
	if _, err := j.changedFrom(fd, "Open to "+what); err != nil {
		return err
	}
	return j.a.fit(j.timeout)
}

// reviewAsk asks for a review of the entries with evidence: File ▸ Ask
// for a review…, Tab to Share, Right to the evidenced entries, Enter; the
// save dialog; Enter on the report.
func (j *journey) reviewAsk() error {
	b, err := j.sb.backup()
	if err != nil {
		return err
	}
	// The entries a request shares are those that count towards the next
	// level and have evidence; evidence on other entries (an earlier
	// stage's, from the git scan) stays out.
	counted := map[string]bool{}
	for _, e := range tracker.ActiveEntries(roadmap.Default(), b.Profile, b.Profile.Stage) {
		counted[e.Item.ID] = true
	}
	var evidenced []string
	for _, e := range b.Evidence {
		if counted[e.ItemID] && !slices.Contains(evidenced, e.ItemID) {
			evidenced = append(evidenced, e.ItemID)
		}
	}
	if !slices.Contains(evidenced, reviewedEntry) {
		return fmt.Errorf("the journey left no evidence on %s: %v", reviewedEntry, evidenced)
	}
	without := j.pic
	if err := j.fileMenu(1, "Ask for a review…"); err != nil {
		return err
	}
	dlg := j.pic
	if err := j.keys("Tab", "Right", "Return"); err != nil {
		return err
	}
	if _, err := j.changedFrom(dlg, "Enter to open the save dialog"); err != nil {
		return err
	}
	_, err = j.saveAs(reviewRequestName, func(data []byte) error {
		req, err := review.DecodeRequest(data)
		if err != nil {
			return err
		}
		var ids []string
		for _, e := range req.Entries {
			ids = append(ids, e.ID)
		}
		slices.Sort(ids)
		slices.Sort(evidenced)
		if req.Share != review.ShareEvidenced || !slices.Equal(ids, evidenced) || req.Engineer != userName {
			return fmt.Errorf("the request by %q shares %s %v, want the evidenced entries %v", req.Engineer, req.Share, ids, evidenced)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The report says where the request went; Enter closes it.
	if _, err := j.settledPic(); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	return j.backTo(without, "Enter to close the report of the request")
}

// manager is the manager's side of the sandbox: the same home folder
// (where the files are), a database of their own.
func (j *journey) manager() *sandbox {
	m := *j.sb
	m.db = filepath.Join(j.sb.dir, "manager.db")
	return &m
}

// launchManager starts devpath on the manager's database; named sets
// their name first, else their profile has none.
func (j *journey) launchManager(named bool) error {
	mgr := j.manager()
	args := []string{"profile", "--stage", "senior"}
	if named {
		args = append(args, "--name", managerName)
	}
	if _, err := mgr.cli(args...); err != nil {
		return err
	}
	j.launchs++
	a, err := launch(mgr, j.d, fmt.Sprintf("devpath-%d-manager.log", j.launchs))
	if err != nil {
		return err
	}
	j.a = a
	if err := a.waitWindow(journeyW, journeyH, 2*j.timeout); err != nil {
		return err
	}
	_, err = j.settledPic()
	return err
}

// reviewOpenRateSign runs the manager's devpath, whose profile has no
// name: File ▸ Open a review…, the request in the open dialog; the Review
// view asks for the name, focused, with Sign held: the name; Tab past the
// list of entries and the first entry's evidence to its level, Right to
// "not started", Tab to the comment, a comment, Enter to sign; in the
// save dialog, Enter on the name offered.
func (j *journey) reviewOpenRateSign() error {
	if err := j.launchManager(false); err != nil {
		return err
	}
	if err := j.fileMenu(3, "Open a review…"); err != nil {
		return err
	}
	if err := j.openFile(strings.TrimSuffix(reviewRequestName, ".json"), "open the review"); err != nil {
		return err
	}
	asking, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.typeText(managerName); err != nil {
		return err
	}
	if _, err := j.changedFrom(asking, "the name typed where the Review view asks for it"); err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "Tab", "Right", "Tab"); err != nil {
		return err
	}
	if err := j.typeText(reviewComment); err != nil {
		return err
	}
	// One entry rated of those the request shares.
	data, err := os.ReadFile(filepath.Join(j.sb.home, reviewRequestName))
	if err != nil {
		return err
	}
	req, err := review.DecodeRequest(data)
	if err != nil {
		return err
	}
	rated := fmt.Sprintf("1 of %d", len(req.Entries))
	mgr := j.manager()
	err = poll(j.timeout, "the rating to be saved as it changes", func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		out, err := mgr.cli("review", "list")
		if err != nil {
			return false, err.Error(), nil
		}
		return strings.Contains(string(out), rated), string(out), nil
	})
	if err != nil {
		return err
	}
	view := j.pic
	if err := j.keys("Return"); err != nil {
		return err
	}
	if _, err := j.changedFrom(view, "Enter to sign and open the save dialog"); err != nil {
		return err
	}
	// The name offered is the manager's first name and the day (the
	// day before, should midnight pass in between).
	var offered []string
	for _, d := range []time.Time{time.Now(), time.Now().AddDate(0, 0, -1)} {
		offered = append(offered, review.FileName(review.ResponseFile, managerName, d))
	}
	if !strings.HasPrefix(offered[0], "review-response-"+managerSlug+"-") {
		return fmt.Errorf("the response would be named %s", offered[0])
	}
	j.responseName, err = j.acceptOffered(offered, func(data []byte) error {
		resp, _, err := review.DecodeResponse(data)
		if err != nil {
			return err
		}
		if resp.Reviewer != managerName || resp.Engineer != userName {
			return fmt.Errorf("the response is by %q for %q", resp.Reviewer, resp.Engineer)
		}
		for _, r := range resp.Ratings {
			if r.ID == reviewedEntry && r.Level == int(tracker.NotStarted) && r.Comment == reviewComment {
				return nil
			}
		}
		return fmt.Errorf("the response rates %+v", resp.Ratings)
	})
	if err != nil {
		return err
	}
	if out, err := mgr.cli("profile"); err != nil || !strings.Contains(string(out), managerName) {
		return fmt.Errorf("the name typed should be the manager's profile's: %v\n%s", err, out)
	}
	key := tracker.ReviewKeyPath(mgr.db)
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		return fmt.Errorf("the signing key %s should be made, private: %v", key, err)
	}
	_, err = j.settledPic()
	return err
}

// reviewManagerQuit closes the Review view with Escape and quits.
func (j *journey) reviewManagerQuit() error {
	if err := j.keys("Escape"); err != nil {
		return err
	}
	// Ctrl+Q once the window is at rest after Escape: a key sent while
	// the view Escape closes is still going may reach that view, not the
	// window.
	if _, err := j.settledPic(); err != nil {
		return err
	}
	if err := j.keys("ctrl+q"); err != nil {
		return err
	}
	if err := j.a.waitExit(j.timeout); err != nil {
		return fmt.Errorf("Ctrl+Q should quit the manager's devpath: %w", err)
	}
	return nil
}

// reviewImport starts the engineer's devpath again and imports the
// response: File ▸ Import a review response…, the file in the open
// dialog; the side-by-side view shows the gap, and so does the command
// line.
func (j *journey) reviewImport() error {
	if err := j.launch(); err != nil {
		return err
	}
	before := j.pic
	if err := j.fileMenu(2, "Import a review response…"); err != nil {
		return err
	}
	if err := j.openFile(strings.TrimSuffix(j.responseName, ".json"), "import the response"); err != nil {
		return err
	}
	// The comparison is a table: its five columns are ruled from its
	// header down, as nothing else the window shows is.
	if _, err := j.waitPicture("the comparison as a table", func(img *image.RGBA) (bool, string) {
		n := diffRegion(middle(before), middle(img))
		rules := columnRules(img)
		return n > journeyW*journeyH/200 && len(rules) >= 4, fmt.Sprintf("%d pixels of the middle differ from the window; columns ruled at x %v", n, rules)
	}); err != nil {
		return err
	}
	out, err := j.sb.cli("review", "show", "--json")
	if err != nil {
		return err
	}
	var cmp tracker.Comparison
	if err := json.Unmarshal(out, &cmp); err != nil {
		return fmt.Errorf("review show --json: %w", err)
	}
	for _, e := range cmp.Entries {
		if e.ID == reviewedEntry {
			if e.Manager != tracker.NotStarted || e.Gap != int(tracker.NotStarted)-int(e.Self) || !e.Wide || e.Comment != reviewComment || cmp.Reviewer != managerName {
				return fmt.Errorf("the review shows %+v by %q", e, cmp.Reviewer)
			}
			b, err := j.sb.backup()
			if err != nil {
				return err
			}
			if len(b.CheckIns) == 0 || !strings.HasPrefix(b.CheckIns[len(b.CheckIns)-1].Label, "Review by "+managerName) {
				return fmt.Errorf("the import should keep a check-in: %d check-ins", len(b.CheckIns))
			}
			return nil
		}
	}
	return fmt.Errorf("review show --json has no %s: %s", reviewedEntry, out)
}

// reviewCloseSideBySide closes the side-by-side view with Escape.
func (j *journey) reviewCloseSideBySide() error {
	view := j.pic
	if err := j.keys("Escape"); err != nil {
		return err
	}
	_, err := j.changedFrom(view, "Escape to close the side-by-side view")
	return err
}

// acceptOffered presses Enter in the save dialog on the name it offers,
// which must be one of names, and waits for that file in the home folder
// to pass check. It returns the file's name.
func (j *journey) acceptOffered(names []string, check func([]byte) error) (string, error) {
	if err := j.keys("Return"); err != nil {
		return "", err
	}
	found := ""
	err := poll(j.timeout, "a file named "+strings.Join(names, " or "), func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		for _, n := range names {
			data, err := os.ReadFile(filepath.Join(j.sb.home, n))
			if err != nil {
				continue
			}
			if err := check(data); err != nil {
				return false, err.Error(), nil
			}
			found = n
			return true, "", nil
		}
		entries, _ := os.ReadDir(j.sb.home)
		var have []string
		for _, e := range entries {
			have = append(have, e.Name())
		}
		return false, "the home folder holds " + strings.Join(have, ", "), nil
	})
	if err != nil {
		return "", err
	}
	if fi, err := os.Stat(filepath.Join(j.sb.home, found)); err != nil || fi.Mode().Perm() != 0o600 {
		return "", fmt.Errorf("%s should be written with permissions 0600: %v", found, err)
	}
	return found, j.a.fit(j.timeout)
}

// columnRules are the x positions of the vertical lines at least a third
// of the window high in its middle: a table's column rules, which its row
// rules cross. A rule is one colour all along, and differs from its
// neighbours on either side but where a row's rule crosses it; text,
// buttons and a dialog's plain edges make no such line.
func columnRules(img *image.RGBA) []int {
	b := img.Bounds()
	top, bottom := b.Min.Y+b.Dy()/4, b.Max.Y-b.Dy()/6
	need := b.Dy() / 3
	var xs []int
	for x := b.Min.X + b.Dx()/10 + 1; x < b.Max.X-b.Dx()/10-1; x++ {
		run, apart, best := 0, 0, 0
		for y := top; y < bottom; y++ {
			c := img.RGBAAt(x, y)
			if y == top || c != img.RGBAAt(x, y-1) {
				run, apart = 0, 0
			}
			run++
			if c != img.RGBAAt(x-1, y) && c != img.RGBAAt(x+1, y) {
				apart++
			}
			if apart*10 >= run*8 {
				best = max(best, run)
			}
		}
		if best >= need && (len(xs) == 0 || xs[len(xs)-1] < x-2) {
			xs = append(xs, x)
		}
	}
	return xs
}
