package main

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// The window size and scale of the journey: fixed, so that every run lays
// the window out the same way.
const (
	journeyW = 1280
	journeyH = 800
)

// journey is one run of the user journey.
type journey struct {
	d       display
	sb      *sandbox
	a       *app
	dir     string // screenshots and logs
	n       int    // steps done
	timeout time.Duration
	launchs int
	// trace keeps a picture after every key (-trace); traced counts them.
	trace  bool
	traced int
	// stopAfter names the step after which the journey stops and leaves
	// devpath running (-stop-after), to try the next step by hand.
	stopAfter string
	// pic is the picture taken after the latest step.
	pic *image.RGBA
	// screens holds a picture of each screen, by shortcut number.
	screens map[int]*image.RGBA
	// quitPic and quitBackup are the window and the database just before
	// the quit, to find again after the next start.
	quitPic    *image.RGBA
	quitBackup backup.Backup
}

func runJourney(d display, bin, dir string, timeout time.Duration, trace bool, stopAfter string) (err error) {
	sb, err := newSandbox(filepath.Join(dir, "sandbox"), bin)
	if err != nil {
		return err
	}
	j := &journey{d: d, sb: sb, dir: dir, timeout: timeout, screens: map[int]*image.RGBA{}, trace: trace, stopAfter: stopAfter}
	defer func() {
		if err != nil && j.a != nil {
			err = fmt.Errorf("%w\n---- devpath log (last 30 lines) ----\n%s\n-------------------------------------", err, j.a.tail(30))
		}
		if err == nil && stopAfter != "" && j.a != nil && j.a.alive() == nil {
			fmt.Printf("journey: stopped after %s; devpath (pid %d) still runs on %s: DISPLAY=%s xdotool ...\n", stopAfter, j.a.cmd.Process.Pid, sb.db, d.name)
			return
		}
		j.a.stop()
		// team: the team steps' server goes whatever happened.
		if serr := stopTeamServer(); err == nil && serr != nil {
			err = serr
		}
	}()
	fmt.Printf("journey: devpath %s, display %s, window %dx%d at scale 1\n", bin, d.name, journeyW, journeyH)
	fmt.Printf("journey: screenshots go to %s\n", dir)
	for _, s := range journeySteps {
		if err := j.step(s.name, s.run); err != nil {
			return err
		}
		if s.name == stopAfter {
			return nil
		}
	}
	return nil
}

// journeyStep is one step: what the user does, and what it must change.
type journeyStep struct {
	name string
	run  func(j *journey) error
}

// step runs one step, then checks devpath still runs (unless the step ended
// it) with a clean log, and keeps a screenshot of the window as it is.
func (j *journey) step(name string, run func(j *journey) error) error {
	j.n++
	t := time.Now()
	err := run(j)
	file := filepath.Join(j.dir, fmt.Sprintf("%02d-%s.png", j.n, name))
	if j.a != nil && j.a.alive() == nil && j.a.wid != "" {
		if ferr := j.a.fit(j.timeout); err == nil {
			err = ferr
		}
		if img, serr := j.a.settled(j.timeout); serr == nil {
			j.pic = img
			_ = savePNG(file, img)
		} else if img != nil {
			_ = savePNG(file, img)
		}
	}
	if err == nil && j.a != nil {
		err = j.a.checkLog()
	}
	if err != nil {
		return fmt.Errorf("step %02d %s: %w", j.n, name, err)
	}
	fmt.Printf("journey: %02d %-28s ok (%.1fs)\n", j.n, name, time.Since(t).Seconds())
	if j.a != nil {
		for size := range j.a.grown {
			fmt.Printf("journey:    note: devpath grew its %dx%d window to %s during this step (its content needs more room)\n", journeyW, journeyH, size)
		}
		j.a.grown = nil
	}
	return nil
}

// keys presses keys in the window, failing when devpath is gone. With
// -trace it keeps a picture after each key, to design a keyboard path.
func (j *journey) keys(keys ...string) error {
	if err := j.a.alive(); err != nil {
		return err
	}
	if !j.trace {
		return j.d.keys(keys...)
	}
	for _, k := range keys {
		if err := j.d.keys(k); err != nil {
			return err
		}
		j.traced++
		if img, err := j.a.settled(j.timeout); err == nil {
			_ = savePNG(filepath.Join(j.dir, fmt.Sprintf("%02d-trace-%03d-%s.png", j.n, j.traced, strings.ReplaceAll(k, "+", "-"))), img)
		}
	}
	return nil
}

// typeText types text in the window.
func (j *journey) typeText(s string) error {
	if err := j.a.alive(); err != nil {
		return err
	}
	return j.d.typeText(s)
}

// waitDB polls the database until check accepts it.
func (j *journey) waitDB(what string, check func(b backup.Backup) (bool, string)) error {
	return poll(j.timeout, what, func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		b, err := j.sb.backup()
		if err != nil {
			return false, err.Error(), nil
		}
		ok, seen := check(b)
		return ok, seen, nil
	})
}

// waitPicture waits until the window's picture, at rest, passes check.
func (j *journey) waitPicture(what string, check func(img *image.RGBA) (bool, string)) (*image.RGBA, error) {
	var last *image.RGBA
	err := poll(j.timeout, what, func() (bool, string, error) {
		img, err := j.a.settled(j.timeout)
		if err != nil {
			return false, "", err
		}
		last = img
		ok, seen := check(img)
		return ok, seen, nil
	})
	if err == nil {
		j.pic = last
	}
	return last, err
}

// changedFrom waits until the window shows something else than before: a
// screen switched, a dialog opened or closed. A key that did nothing fails
// here instead of in some later step.
func (j *journey) changedFrom(before *image.RGBA, what string) (*image.RGBA, error) {
	min := journeyW * journeyH / 200 // half a per cent of the window
	return j.waitPicture(what, func(img *image.RGBA) (bool, string) {
		n := diffPixels(before, img, 0)
		return n >= min, fmt.Sprintf("only %d pixels differ from the picture before", n)
	})
}

// topRegion is the part of the window that notices in the status line
// leave alone: its top third.
func topRegion(img *image.RGBA) *image.RGBA {
	r := img.Bounds()
	return img.SubImage(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+r.Dy()/3)).(*image.RGBA)
}

// middle is the middle ninth of a picture, where dialogs open.
func middle(img *image.RGBA) *image.RGBA {
	r := img.Bounds()
	return img.SubImage(image.Rect(r.Min.X+r.Dx()/3, r.Min.Y+r.Dy()/3, r.Min.X+2*r.Dx()/3, r.Min.Y+2*r.Dy()/3)).(*image.RGBA)
}

// backTo waits until the top of the window looks as it did in want again:
// the dialog over it has closed.
func (j *journey) backTo(want *image.RGBA, what string) error {
	_, err := j.waitPicture(what, func(img *image.RGBA) (bool, string) {
		n := diffRegion(topRegion(want), topRegion(img))
		return n <= settleLimit, fmt.Sprintf("%d pixels of the top third differ from the picture without the dialog", n)
	})
	return err
}

// diffRegion counts the differing pixels of two sub-pictures of equal size.
func diffRegion(a, b *image.RGBA) int {
	if a.Bounds().Size() != b.Bounds().Size() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	for y := 0; y < a.Bounds().Dy(); y++ {
		for x := 0; x < a.Bounds().Dx(); x++ {
			pa := a.PixOffset(a.Bounds().Min.X+x, a.Bounds().Min.Y+y)
			pb := b.PixOffset(b.Bounds().Min.X+x, b.Bounds().Min.Y+y)
			if a.Pix[pa] != b.Pix[pb] || a.Pix[pa+1] != b.Pix[pb+1] || a.Pix[pa+2] != b.Pix[pb+2] {
				n++
			}
		}
	}
	return n
}

// launch starts devpath and waits for its window at the journey's size.
func (j *journey) launch(args ...string) error {
	j.launchs++
	a, err := launch(j.sb, j.d, fmt.Sprintf("devpath-%d.log", j.launchs), args...)
	if err != nil {
		return err
	}
	j.a = a
	if err := a.waitWindow(journeyW, journeyH, 2*j.timeout); err != nil {
		return err
	}
	img, err := a.settled(j.timeout)
	if err != nil {
		return err
	}
	j.pic = img
	if c := colours(img, 64); c < 20 {
		return fmt.Errorf("the window looks blank: %d colours", c)
	}
	return nil
}

// The profile the welcome is filled in with.
const (
	userName  = "Alex Example"
	userSince = "2025-03-01"
)

var journeySteps = []journeyStep{
	{"first-run-welcome", (*journey).firstRun},
	{"screen-dashboard", func(j *journey) error { return j.screen(1, "Dashboard") }},
	{"screen-roadmap", func(j *journey) error { return j.screen(2, "Roadmap") }},
	{"screen-paths", func(j *journey) error { return j.screen(3, "Paths") }},
	{"screen-history", func(j *journey) error { return j.screen(4, "History") }},
	{"screen-settings", func(j *journey) error { return j.screen(5, "Settings") }},
	{"screen-team", func(j *journey) error { return j.screen(6, "Team") }}, // team
	{"screen-dashboard-again", func(j *journey) error { return j.screenAgain(1, "Dashboard") }},
	{"tick-items", (*journey).tickItems},
	{"change-level", (*journey).changeLevel},
	{"mark-not-applicable", (*journey).markNA},
	{"search-another-stage", (*journey).searchOtherStage},
	{"confirm-criterion", func(j *journey) error { return j.tick("mid-ready-mentor") }},
	{"confirm-milestone", func(j *journey) error { return j.tick("mid-independent-ownership") }},
	{"undo", func(j *journey) error { return j.undoRedo("ctrl+z", tracker.NotStarted) }},
	{"redo", func(j *journey) error { return j.undoRedo("ctrl+shift+z", tracker.Proficient) }},
	{"evidence-add", (*journey).evidenceAdd},
	{"evidence-edit", (*journey).evidenceEdit},
	{"evidence-delete", (*journey).evidenceDelete},
	{"evidence-unsaved-note", (*journey).evidenceUnsaved},
	{"find-evidence-in-git", (*journey).findEvidence},
	{"find-evidence-close", (*journey).closeFindEvidence},
	{"choose-branch-and-track", (*journey).choosePath},
	{"check-in-first", func(j *journey) error { return j.checkIn("Spring review", 1) }},
	{"check-in-second", func(j *journey) error {
		// One more skill first, so that the comparison has a change to show.
		if err := j.tick("k8s-operators"); err != nil {
			return err
		}
		return j.checkIn("Autumn review", 2)
	}},
	{"compare-check-ins", (*journey).compareCheckIns},
	{"check-in-taken-label", (*journey).checkInTaken},
	{"export-markdown", func(j *journey) error { return j.export(0, "summary.md", checkMarkdown) }},
	{"export-html", func(j *journey) error { return j.export(1, "summary.html", checkHTML) }},
	{"export-pdf", func(j *journey) error { return j.export(2, "summary.pdf", checkPDF) }},
	{"export-csv", func(j *journey) error { return j.export(3, "progress.csv", checkCSV) }},
	{"export-json", func(j *journey) error { return j.export(4, "backup.json", checkJSON) }},
	{"copy-markdown", (*journey).copyMarkdown},
	{"import-backup", (*journey).importBackup},
	{"theme-light", (*journey).themeLight},
	// A live switch both ways, every screen drawn in the new look.
	{"theme-light-every-screen", func(j *journey) error { return j.themeSwitch(lightLook, 2) }},
	{"theme-dark-every-screen", func(j *journey) error { return j.themeSwitch(darkLook, 1) }},
	// The Dark choice keeps the keyboard through the screens: Light is
	// one Shift+Tab before it.
	{"theme-light-again", func(j *journey) error { return j.themeSwitch(lightLook, 1) }},
	{"quit", (*journey).quit},
	{"start-again", (*journey).startAgain},
}

// firstRun starts devpath on a new database and fills in the welcome:
// stage Mid (one step right of Junior), the date, region US and a name,
// then Start.
func (j *journey) firstRun() error {
	if err := j.launch(); err != nil {
		return err
	}
	b, err := j.sb.backup()
	if err != nil {
		return err
	}
	if b.Counts().Profile {
		return fmt.Errorf("a new database should hold no profile, holds %+v", b.Profile)
	}
	// Nothing has the focus in the welcome: Tab reaches the stage, the
	// date, the two regions, the name, Skip and Start in turn.
	if err := j.keys("Tab", "Right", "Tab", "ctrl+a"); err != nil {
		return err
	}
	if err := j.typeText(userSince); err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "space", "Tab"); err != nil {
		return err
	}
	if err := j.typeText(userName); err != nil {
		return err
	}
	// Enter starts, as Start does.
	if err := j.keys("Return"); err != nil {
		return err
	}
	return j.waitDB("the welcome to save the profile", func(b backup.Backup) (bool, string) {
		p := b.Profile
		ok := p.Name == userName && p.Stage == "mid" && p.StageSince.Format("2006-01-02") == userSince && p.Region == "us"
		return ok, fmt.Sprintf("name %q, stage %q, since %s, region %q", p.Name, p.Stage, p.StageSince.Format("2006-01-02"), p.Region)
	})
}

// screen switches to screen n with Ctrl+n and checks the window shows
// something else than every screen before.
func (j *journey) screen(n int, title string) error {
	before := j.pic
	if err := j.keys(fmt.Sprintf("ctrl+%d", n)); err != nil {
		return err
	}
	img, err := j.waitPicture("Ctrl+"+fmt.Sprint(n)+" to show the "+title+" screen", func(img *image.RGBA) (bool, string) {
		if n == 1 && len(j.screens) == 0 {
			return true, "" // the first screen shown may be the one on view
		}
		min := journeyW * journeyH / 100
		if d := diffPixels(before, img, 0); d < min {
			return false, fmt.Sprintf("only %d pixels differ from the screen before", d)
		}
		for k, other := range j.screens {
			if d := diffPixels(other, img, 0); d < min {
				return false, fmt.Sprintf("the window looks like screen %d (%d pixels differ)", k, d)
			}
		}
		return true, ""
	})
	if err != nil {
		return err
	}
	j.screens[n] = img
	return nil
}

// screenAgain goes back to a screen and checks it looks as it did.
func (j *journey) screenAgain(n int, title string) error {
	want := j.screens[n]
	if err := j.keys(fmt.Sprintf("ctrl+%d", n)); err != nil {
		return err
	}
	_, err := j.waitPicture("Ctrl+"+fmt.Sprint(n)+" to show the "+title+" screen as before", func(img *image.RGBA) (bool, string) {
		d := diffPixels(want, img, 0)
		return d <= settleLimit, fmt.Sprintf("%d pixels differ from the %s screen shown before", d, title)
	})
	return err
}

// openExport opens the Export and import dialog with Ctrl+E and returns
// the picture of the window before it.
func (j *journey) openExport() (*image.RGBA, error) {
	before, err := j.settledPic()
	if err != nil {
		return nil, err
	}
	if err := j.keys("ctrl+e"); err != nil {
		return nil, err
	}
	_, err = j.changedFrom(before, "Ctrl+E to open the Export and import dialog")
	return before, err
}

// closeExport closes the Export and import dialog with Escape.
func (j *journey) closeExport(without *image.RGBA) error {
	if err := j.keys("Escape"); err != nil {
		return err
	}
	return j.backTo(without, "Escape to close the Export and import dialog")
}

// export saves format number k of the Export dialog (in the order it
// offers them) through the real file dialog under name in the home folder,
// where the file dialog opens, and checks the file.
func (j *journey) export(k int, name string, check func([]byte) error) error {
	without, err := j.openExport()
	if err != nil {
		return err
	}
	// Tab reaches Format; Right steps through the formats; then Period
	// (not for the backup, which has none) and Save to a file.
	keys := []string{"Tab"}
	for range k {
		keys = append(keys, "Right")
	}
	keys = append(keys, "Tab")
	if !strings.HasSuffix(name, ".json") {
		keys = append(keys, "Tab")
	}
	keys = append(keys, "space")
	dlg := j.pic
	if err := j.keys(keys...); err != nil {
		return err
	}
	if _, err := j.changedFrom(dlg, "Save to a file… to open the file dialog"); err != nil {
		return err
	}
	// The file dialog opens in the home folder with the file name focused
	// and filled in.
	if err := j.keys("ctrl+a"); err != nil {
		return err
	}
	if err := j.typeText(name); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	path := filepath.Join(j.sb.home, name)
	var lastErr error
	err = poll(j.timeout, "the export to be written to "+path, func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return false, err.Error(), nil
		}
		if lastErr = check(data); lastErr != nil {
			return false, lastErr.Error(), nil
		}
		return true, "", nil
	})
	if err != nil {
		return err
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		return fmt.Errorf("%s should be written with permissions 0600: %v %v", path, fi.Mode(), err)
	}
	// The file dialog has closed and left nothing focused; it may have
	// grown the window.
	if err := j.a.fit(j.timeout); err != nil {
		return err
	}
	return j.closeExport(without)
}

func checkMarkdown(data []byte) error {
	s := string(data)
	if !strings.HasPrefix(s, "# ") || !strings.Contains(s, userName) {
		return fmt.Errorf("not a Markdown summary for %s: %.80q", userName, s)
	}
	return nil
}

func checkHTML(data []byte) error {
	s := strings.ToLower(string(data))
	if !strings.Contains(s, "<html") || !strings.Contains(s, "</html>") || !strings.Contains(string(data), userName) {
		return fmt.Errorf("not a web page for %s: %.80q", userName, s)
	}
	return nil
}

func checkPDF(data []byte) error {
	if !strings.HasPrefix(string(data), "%PDF-") || !strings.Contains(string(data[max(0, len(data)-64):]), "%%EOF") {
		return fmt.Errorf("not a complete PDF (%d bytes): %.20q", len(data), data)
	}
	return nil
}

func checkCSV(data []byte) error {
	first, _, _ := strings.Cut(string(data), "\n")
	if !strings.HasPrefix(first, "id,kind,stage,group,title,level") {
		return fmt.Errorf("not devpath's spreadsheet; first line %q", first)
	}
	return nil
}

func checkJSON(data []byte) error {
	b, err := backup.Read(strings.NewReader(string(data)), backup.DefaultLimit)
	if err != nil {
		return err
	}
	if b.Profile.Name != userName {
		return fmt.Errorf("the backup holds the profile %+v", b.Profile)
	}
	return nil
}

// copyMarkdown copies the Markdown summary to the clipboard: Tab reaches
// Format, Period, Save and then Copy.
func (j *journey) copyMarkdown() error {
	without, err := j.openExport()
	if err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "Tab", "Tab", "space"); err != nil {
		return err
	}
	err = poll(j.timeout, "the Markdown summary on the clipboard", func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		text, err := j.d.clipboard()
		if err != nil {
			return false, err.Error(), nil
		}
		if err := checkMarkdown([]byte(text)); err != nil {
			return false, err.Error(), nil
		}
		return true, "", nil
	})
	if err != nil {
		return err
	}
	return j.closeExport(without)
}

// importBackup changes the database behind the window's back with the
// command line, then imports backup.json (saved above) through the real
// file dialog, which puts the database back as the backup holds it.
func (j *journey) importBackup() error {
	want, err := backup.ReadFile(filepath.Join(j.sb.home, "backup.json"))
	if err != nil {
		return err
	}
	// A tick made elsewhere shows in the window within a second or so.
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	if _, err := j.sb.cli("tick", "mid-ready-mentor"); err != nil {
		return err
	}
	if _, err := j.changedFrom(before, "the window to show a tick made with the command line"); err != nil {
		return err
	}
	if _, err := j.openExport(); err != nil {
		return err
	}
	exportPic := j.pic
	// Shift+Tab from nothing reaches Close, then Import a backup….
	dlg := j.pic
	if err := j.keys("shift+Tab", "shift+Tab", "space"); err != nil {
		return err
	}
	if _, err := j.changedFrom(dlg, "Import a backup… to open the file dialog"); err != nil {
		return err
	}
	// Click backup.json, the only .json file, where Fyne's test driver
	// lays it out; then nothing has the focus and Shift+Tab reaches Open,
	// the dialog's last button, enabled now that a file is chosen.
	fd := j.pic
	x, y, err := fileItemPosition(journeyW, journeyH, j.sb.home, "backup")
	if err != nil {
		return err
	}
	if err := j.d.xdotool("mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1"); err != nil {
		return err
	}
	if err := j.keys("shift+Tab", "space"); err != nil {
		return err
	}
	if _, err := j.changedFrom(fd, "Open to ask whether to import backup.json"); err != nil {
		return err
	}
	if err := j.a.fit(j.timeout); err != nil {
		return err
	}
	// The confirmation: Enter imports.
	if err := j.keys("Return"); err != nil {
		return err
	}
	// The tick made since the backup is what the import takes back; the
	// number of entries alone may not change (an entry undone earlier is
	// kept at "not started"), so its level is what tells.
	err = j.waitDB("the import to take back the tick made since the backup", func(b backup.Backup) (bool, string) {
		got, was := itemLevel(b, "mid-ready-mentor"), itemLevel(want, "mid-ready-mentor")
		return b.Profile == want.Profile && len(b.Items) == len(want.Items) && got == was,
			fmt.Sprintf("profile %+v, %d entries (the backup: %d), mid-ready-mentor at %d (the backup: %d)", b.Profile, len(b.Items), len(want.Items), got, was)
	})
	if err != nil {
		return err
	}
	// A copy of the database as it was is kept before the import. The
	// tick above may leave the entry's level as the backup has it, so the
	// wait above can end before the import has run: wait for the copy too.
	if err := poll(j.timeout, "a copy of the database kept before the import beside "+j.sb.db, func() (bool, string, error) {
		kept, _ := filepath.Glob(filepath.Join(filepath.Dir(j.sb.db), "*", "*before-import*"))
		return len(kept) > 0, "no copy yet", nil
	}); err != nil {
		return err
	}
	// The report of the import opens over the middle of the Export
	// dialog; Enter closes it, then Escape the Export dialog.
	if _, err := j.waitPicture("the report of the import", func(img *image.RGBA) (bool, string) {
		n := diffRegion(middle(exportPic), middle(img))
		return n > journeyW*journeyH/100, fmt.Sprintf("%d pixels of the middle differ from the Export dialog", n)
	}); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	if _, err := j.settledPic(); err != nil {
		return err
	}
	if err := j.keys("Escape"); err != nil {
		return err
	}
	// The window shows the database as it was before the tick again.
	return j.backTo(before, "the import's report and the Export dialog to close, and the window to show the imported database")
}

// settledPic waits for the window to rest and keeps its picture.
func (j *journey) settledPic() (*image.RGBA, error) {
	img, err := j.a.settled(j.timeout)
	if err == nil {
		j.pic = img
	}
	return img, err
}

var lookPref = regexp.MustCompile(`"theme"\s*:\s*"([a-z]+)"`)

// savedLook reads the look devpath saved in its preferences.
func (j *journey) savedLook() string {
	data, err := os.ReadFile(j.sb.prefsPath())
	if err != nil {
		return ""
	}
	if m := lookPref.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

// themeLight switches the look to Light in Settings: under Xvfb the system
// look is dark. Appearance is the screen's last control: Shift+Tab from
// nothing reaches Dark, then Light.
func (j *journey) themeLight() error {
	if l := luminance(j.pic); l > 0.4 {
		return fmt.Errorf("the window should start dark, its brightness is %.2f", l)
	}
	if err := j.screenAgain(5, "Settings"); err != nil {
		return err
	}
	if err := j.keys("shift+Tab", "shift+Tab", "space"); err != nil {
		return err
	}
	if _, err := j.waitPicture("the window to turn light", func(img *image.RGBA) (bool, string) {
		l := luminance(img)
		return l > 0.6, fmt.Sprintf("brightness %.2f", l)
	}); err != nil {
		return err
	}
	return poll(j.timeout, "the look to be saved in "+j.sb.prefsPath(), func() (bool, string, error) {
		l := j.savedLook()
		return l == "light", "theme " + l, nil
	})
}

// quit ends devpath from the keyboard and checks it exits cleanly.
func (j *journey) quit() error {
	if _, err := j.settledPic(); err != nil {
		return err
	}
	before, err := j.sb.backup()
	if err != nil {
		return err
	}
	j.quitBackup, j.quitPic = before, j.pic
	if err := j.keys("ctrl+q"); err != nil {
		return err
	}
	if err := j.a.waitExit(j.timeout); err != nil {
		return fmt.Errorf("Ctrl+Q should quit devpath: %w", err)
	}
	return nil
}

// startAgain starts devpath once more and checks everything is as it was:
// the database, the look, the screen used last, and no welcome.
func (j *journey) startAgain() error {
	if err := j.launch(); err != nil {
		return err
	}
	// The top of the window (the focus ring of Light, lower down, is gone).
	if _, err := j.waitPicture("the window to show what it showed before the quit", func(img *image.RGBA) (bool, string) {
		n := diffRegion(topRegion(j.quitPic), topRegion(img))
		return n <= settleLimit, fmt.Sprintf("%d pixels of the top third differ from the window before the quit (brightness %.2f)", n, luminance(img))
	}); err != nil {
		return err
	}
	after, err := j.sb.backup()
	if err != nil {
		return err
	}
	if got, want := after.Counts(), j.quitBackup.Counts(); got != want || after.Profile != j.quitBackup.Profile {
		return fmt.Errorf("the database changed across the restart: %+v %+v, before %+v %+v", got, after.Profile, want, j.quitBackup.Profile)
	}
	for i, it := range after.Items {
		if w := j.quitBackup.Items[i]; it.ID != w.ID || it.Level != w.Level || it.Skipped != w.Skipped {
			return fmt.Errorf("entry %s is %+v after the restart, was %+v", it.ID, it, w)
		}
	}
	if l := j.savedLook(); l != "light" {
		return fmt.Errorf("the look saved is %q after the restart", l)
	}
	return nil
}

// title is the title of a roadmap entry, as the search box finds it.
func title(id string) string {
	if e, ok := roadmap.Default().Lookup(id); ok {
		return e.Item.Title
	}
	return id
}

// state is an entry's state in a backup.
func state(b backup.Backup, id string) tracker.ItemState {
	for _, it := range b.Items {
		if it.ID == id {
			return it
		}
	}
	return tracker.ItemState{ID: id}
}

// goTo finds an entry with the search box (Ctrl+F) and Enter, which shows
// the entry's stage with the keyboard on the entry's tick box.
func (j *journey) goTo(id string) error {
	if err := j.keys("ctrl+f", "ctrl+a"); err != nil {
		return err
	}
	if err := j.typeText(title(id)); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	_, err := j.settledPic()
	return err
}

// waitLevel waits until the entry has the level (and skip mark) wanted.
func (j *journey) waitState(id string, level tracker.Level, skipped bool) error {
	return j.waitDB(fmt.Sprintf("%s (%q) to be at level %d, skipped %v", id, title(id), level, skipped), func(b backup.Backup) (bool, string) {
		st := state(b, id)
		return st.Level == level && st.Skipped == skipped, fmt.Sprintf("level %d, skipped %v", st.Level, st.Skipped)
	})
}

// tick finds an entry and ticks it with Space: proficient, or confirmed.
func (j *journey) tick(id string) error {
	if err := j.goTo(id); err != nil {
		return err
	}
	if err := j.keys("space"); err != nil {
		return err
	}
	return j.waitState(id, tracker.Proficient, false)
}

// tickItems ticks two skills of the user's stage on the Roadmap screen.
func (j *journey) tickItems() error {
	if err := j.keys("ctrl+2"); err != nil {
		return err
	}
	for _, id := range []string{"k8s-rbac", "k8s-helm"} {
		if err := j.tick(id); err != nil {
			return err
		}
	}
	return nil
}

// changeLevel moves a skill two levels up with its level menu: Tab from
// the tick box reaches it, Right picks the next level.
func (j *journey) changeLevel() error {
	id := "tf-custom-providers"
	if err := j.goTo(id); err != nil {
		return err
	}
	if err := j.keys("Tab", "Right", "Right"); err != nil {
		return err
	}
	return j.waitState(id, 2, false)
}

// markNA marks a skill not applicable: Tab, Tab from the tick box reaches
// N/A.
func (j *journey) markNA() error {
	id := "tf-module-composition"
	if err := j.goTo(id); err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "space"); err != nil {
		return err
	}
	return j.waitState(id, tracker.NotStarted, true)
}

// searchOtherStage finds a skill of the next stage and ticks it there.
func (j *journey) searchOtherStage() error {
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.tick("design-scale"); err != nil {
		return err
	}
	// The Senior stage is on view now, not the Mid one.
	if n := diffRegion(topRegion(before), topRegion(j.pic)); n < journeyW*journeyH/100 {
		return fmt.Errorf("the window should show the Senior stage now; only %d pixels of its top changed", n)
	}
	return nil
}

// undoRedo undoes or redoes the last change, the milestone confirmed.
func (j *journey) undoRedo(key string, want tracker.Level) error {
	if err := j.keys(key); err != nil {
		return err
	}
	return j.waitState("mid-independent-ownership", want, false)
}

// evidenceOf lists the evidence notes of an entry.
func evidenceOf(b backup.Backup, id string) []tracker.Evidence {
	var out []tracker.Evidence
	for _, e := range b.Evidence {
		if e.ItemID == id {
			out = append(out, e)
		}
	}
	return out
}

// evidenceItem is the entry whose evidence the journey adds, edits and
// deletes.
const evidenceItem = "k8s-rbac"

// waitEvidence waits until the entry's notes are exactly want.
func (j *journey) waitEvidence(what string, want ...string) error {
	return j.waitDB(what, func(b backup.Backup) (bool, string) {
		got := evidenceOf(b, evidenceItem)
		var notes []string
		for _, e := range got {
			notes = append(notes, e.Note)
		}
		if len(notes) != len(want) {
			return false, fmt.Sprintf("notes %q", notes)
		}
		for i := range want {
			if notes[i] != want[i] {
				return false, fmt.Sprintf("notes %q", notes)
			}
		}
		return true, ""
	})
}

// The notes of the evidence steps.
const (
	noteFirst  = "Wrote the RBAC roles of the payments cluster"
	noteEdited = "Wrote and reviewed the RBAC roles of the payments cluster"
	note       = "Audited who can read the cluster's secrets"
	noteLink   = "https://example.com/rbac-roles"
)

// openEvidence opens an entry's evidence: Tab three times from its tick
// box reaches the evidence button, and Enter opens it with the keyboard in
// the note.
// It returns the picture of the window before.
func (j *journey) openEvidence() (*image.RGBA, error) {
	if err := j.goTo(evidenceItem); err != nil {
		return nil, err
	}
	before := j.pic
	if err := j.keys("Tab", "Tab", "Tab", "Return"); err != nil {
		return nil, err
	}
	_, err := j.changedFrom(before, "Enter on the evidence button to open the evidence dialog")
	return before, err
}

// evidenceAdd adds a note with a link: Tab leaves the note for the link,
// where Enter adds it.
func (j *journey) evidenceAdd() error {
	if _, err := j.openEvidence(); err != nil {
		return err
	}
	if err := j.typeText(noteFirst); err != nil {
		return err
	}
	if err := j.keys("Tab"); err != nil {
		return err
	}
	if err := j.typeText(noteLink); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	if err := j.waitEvidence("the note to be added", noteFirst); err != nil {
		return err
	}
	b, err := j.sb.backup()
	if err != nil {
		return err
	}
	if ev := evidenceOf(b, evidenceItem); ev[0].Link != noteLink {
		return fmt.Errorf("the note was saved with the link %q, not %q", ev[0].Link, noteLink)
	}
	return nil
}

// evidenceEdit edits the note: from the link, Shift+Tab goes back through
// the note and the list of notes to the note's delete button and then its
// edit button; Space
// fills the form and puts the keyboard in the note; Tab and Enter in the
// link save.
func (j *journey) evidenceEdit() error {
	if err := j.keys("shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "space"); err != nil {
		return err
	}
	if _, err := j.settledPic(); err != nil {
		return err
	}
	if err := j.keys("ctrl+a"); err != nil {
		return err
	}
	if err := j.typeText(noteEdited); err != nil {
		return err
	}
	if err := j.keys("Tab", "Return"); err != nil {
		return err
	}
	return j.waitEvidence("the note to be changed", noteEdited)
}

// evidenceDelete deletes the note: from the link, Shift+Tab goes back
// through the note and the list to its delete button; Space asks first,
// and Shift+Tab reaches Yes.
func (j *journey) evidenceDelete() error {
	if err := j.keys("shift+Tab", "shift+Tab", "shift+Tab", "space"); err != nil {
		return err
	}
	if _, err := j.settledPic(); err != nil {
		return err
	}
	if err := j.keys("shift+Tab", "space"); err != nil {
		return err
	}
	if err := j.waitEvidence("the note to be deleted"); err != nil {
		return err
	}
	// Escape closes the dialog; the evidence button has the keyboard again.
	if err := j.keys("Escape"); err != nil {
		return err
	}
	_, err := j.settledPic()
	return err
}

// evidenceUnsaved types a note and presses Escape: devpath asks before
// the note is lost. Escape there goes back to the note; Escape again asks
// again, and Enter saves the note and closes the dialog.
func (j *journey) evidenceUnsaved() error {
	before, err := j.openEvidence()
	if err != nil {
		return err
	}
	if err := j.typeText(note); err != nil {
		return err
	}
	dlg, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.keys("Escape"); err != nil {
		return err
	}
	if _, err := j.changedFrom(dlg, "Escape with a note typed to ask whether to save it"); err != nil {
		return err
	}
	if err := j.keys("Escape"); err != nil {
		return err
	}
	if _, err := j.waitPicture("Escape in the question to go back to the note", func(img *image.RGBA) (bool, string) {
		n := diffRegion(middle(dlg), middle(img))
		return n <= settleLimit, fmt.Sprintf("%d pixels of the middle differ from the evidence dialog with the note", n)
	}); err != nil {
		return err
	}
	if err := j.waitEvidence("nothing to be saved yet"); err != nil {
		return err
	}
	if err := j.keys("Escape"); err != nil {
		return err
	}
	if _, err := j.changedFrom(dlg, "Escape to ask again"); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	if err := j.waitEvidence("Enter in the question to save the note", note); err != nil {
		return err
	}
	_, err = j.waitPicture("the evidence dialog to close", func(img *image.RGBA) (bool, string) {
		n := diffRegion(topRegion(before), topRegion(img))
		return n <= journeyW*journeyH/100, fmt.Sprintf("%d pixels of the top differ from the Roadmap screen", n)
	})
	return err
}

// choosePath chooses a branch and a track on the Paths screen: Tab from
// nothing reaches Branch, then Track; Right picks the first after None.
func (j *journey) choosePath() error {
	if err := j.keys("ctrl+3"); err != nil {
		return err
	}
	if _, err := j.settledPic(); err != nil {
		return err
	}
	if err := j.keys("Tab", "Right", "Tab", "Right"); err != nil {
		return err
	}
	rm := roadmap.Default()
	branch, track := rm.Branches[0].ID, rm.Tracks[0].ID
	return j.waitDB("the branch "+branch+" and the track "+track, func(b backup.Backup) (bool, string) {
		return b.Profile.Branch == branch && b.Profile.Track == track, fmt.Sprintf("branch %q, track %q", b.Profile.Branch, b.Profile.Track)
	})
}

// checkIn saves a check-in from the Dashboard: Tab from nothing reaches
// Find evidence in git…, then Check in…; its label has the keyboard, and
// Enter saves.
func (j *journey) checkIn(label string, n int) error {
	if err := j.keys("ctrl+1"); err != nil {
		return err
	}
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "space"); err != nil {
		return err
	}
	if _, err := j.changedFrom(before, "Check in… to ask for a label"); err != nil {
		return err
	}
	if err := j.keys("ctrl+a"); err != nil {
		return err
	}
	if err := j.typeText(label); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	return j.waitDB(fmt.Sprintf("check-in %d, %q", n, label), func(b backup.Backup) (bool, string) {
		if len(b.CheckIns) != n {
			return false, fmt.Sprintf("%d check-ins", len(b.CheckIns))
		}
		return b.CheckIns[n-1].Label == label, fmt.Sprintf("the last is %q", b.CheckIns[n-1].Label)
	})
}

// compareCheckIns shows the History screen, which compares the two latest
// check-ins, and checks it shows more than before the check-ins.
func (j *journey) compareCheckIns() error {
	if err := j.keys("ctrl+4"); err != nil {
		return err
	}
	_, err := j.waitPicture("the History screen with the two check-ins compared", func(img *image.RGBA) (bool, string) {
		n := diffPixels(j.screens[4], img, 0)
		return n > journeyW*journeyH/100, fmt.Sprintf("only %d pixels differ from the History screen before the check-ins", n)
	})
	return err
}

// itemLevel is the level a backup holds for entry id (0 when it holds
// none).
func itemLevel(b backup.Backup, id string) tracker.Level {
	for _, it := range b.Items {
		if it.ID == id {
			return it.Level
		}
	}
	return tracker.NotStarted
}
