package main

import (
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// latOptions are the settings of the latency benchmark.
type latOptions struct {
	work     string // a folder for the runs' homes, databases and logs
	xvfb     string // display range to start Xvfb on, "150-199"
	runs     int
	quiet    time.Duration
	timeout  time.Duration
	limit    float64 // the target: at most this many times the reference
	devpath  string
	floorBin string
	smallDB  string
	largeDB  string
	largeRM  string
	shots    string // a folder for the images of each action's first sample
	only     string // measure only the actions whose name contains this
}

// latCase is one action measured in devpath: prepare brings the window to
// where the input is sent (not timed), input is timed until its effect is
// on screen, after undoes what input left open (not timed). i counts the
// samples from 0 (the warm-up).
type latCase struct {
	name string
	app  string // "small" or "large"
	kind string // "key" or "click": the floor is tapped the same way
	warm int    // warm-up samples, not counted (0: one)
	// reference marks a measurement of Fyne alone, printed beside the
	// actions without a target.
	reference bool
	note      string
	// minEffect is the fewest pixels the input's effect covers when it
	// does what the case measures (a dialog opening or closing changes
	// most of the window): a smaller effect is a click that landed on
	// something else, and fails the case rather than timing that.
	minEffect int
	what      string // what the effect is, for that failure
	prepare   func(d *latDriver, a *latApp, i int) error
	input     func(d *latDriver, a *latApp, i int) error
	after     func(d *latDriver, a *latApp, i int) error
}

// latResult is the samples of one action and of the floor and the
// reference measured between them.
type latResult struct {
	c      latCase
	action []float64 // ms
	floor  []float64 // ms, the floor sample taken right after each action sample
	// ref is the reference sample taken right after each floor sample: the
	// action is held to the reference measured beside it, in the same
	// minutes, so that what the machine does meanwhile weighs on both.
	ref                  []float64
	pixels               []int
	missed               int     // samples that showed no effect and were measured again
	first                float64 // ms, the first sample (warm-up, not counted): the first time in this window
	firstFloor, firstRef float64
	skipped, err         string
}

// Where the scenarios click, in a 1180x760 window at FYNE_SCALE=1 (the
// first start's size): found on screenshots of the window.
type pt struct{ x, y int }

var (
	floorButton = pt{70, 21} // the floor's "Change the label"
)

// The entries the keyboard cases reach through the search box, as the
// window journey does: what they press is then found by the window's own
// focus order, wherever the layout puts it.
const (
	rmFirstTitle    = "rbac"             // the mid stage's first entry, RBAC (typed in lower case; the search ignores case)
	rmSecondTitle   = "network policies" // its second, Network policies
	largeFirstTitle = "entry lead-g0-i0" // the large roadmap's first entry of the user's stage (lead)
)

// atTickBox returns a step that shows the entry titled title with the
// keyboard on its tick box (goTo) and points at the box, found in the
// window's picture the first time (locateTickBox): the row stands where
// the search's jump puts it, the same each time.
func atTickBox(title string) func(*latDriver, *latApp, int) error {
	var at *pt
	return func(d *latDriver, a *latApp, _ int) error {
		if err := d.goTo(a, title); err != nil {
			return err
		}
		if at == nil {
			p, err := d.locateTickBox(a, title)
			if err != nil {
				return err
			}
			at = &p
		}
		return d.pointTo(a, at.x, at.y)
	}
}

// locateTickBox finds the tick box that has the keyboard: the pictures with
// the keyboard on the box and, one Tab on, on the level picker beside it
// differ where Fyne draws the focus, and the part of that difference in the
// window's left half (above the status line) rings the box. Shift+Tab
// gives the box the keyboard back. A difference that is not a small square
// fails the case by name, with the pictures kept.
func (d *latDriver) locateTickBox(a *latApp, title string) (pt, error) {
	before, err := d.x.getImage(a.win, a.w, a.h)
	if err != nil {
		return pt{}, err
	}
	if err := d.keys(a, "tab"); err != nil {
		return pt{}, err
	}
	after, err := d.x.getImage(a.win, a.w, a.h)
	if err != nil {
		return pt{}, err
	}
	if err := d.keys(a, "shift+tab"); err != nil {
		return pt{}, err
	}
	var box image.Rectangle
	for y := 0; y < min(before.h, after.h)-48; y++ {
		for x := 0; x < min(before.w, after.w)/2; x++ {
			i := (y*before.w + x) * 4
			if before.pix[i] != after.pix[i] || before.pix[i+1] != after.pix[i+1] || before.pix[i+2] != after.pix[i+2] {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if w, h := box.Dx(), box.Dy(); w < 8 || h < 8 || w > 64 || h > 64 || abs(w-h) > 8 {
		shot := filepath.Join(d.work, "not-found-tick-box-"+slug(title))
		_ = writePNG(shot+"-before.png", toImage(before))
		_ = writePNG(shot+"-after.png", toImage(after))
		return pt{}, fmt.Errorf("the tick box of %q: the focus moving from it changed %v of the window's left half, not a box; see %s-*.png", title, box, shot)
	}
	return pt{(box.Min.X + box.Max.X) / 2, (box.Min.Y + box.Max.Y) / 2}, nil
}

// goTo shows the entry titled title with the keyboard on its tick box:
// Ctrl+F, the title, Enter (the search's first result).
func (d *latDriver) goTo(a *latApp, title string) error {
	if err := d.park(); err != nil {
		return err
	}
	if err := d.keys(a, "ctrl+f", "ctrl+a"); err != nil {
		return err
	}
	if err := d.settle(a, 10*time.Second); err != nil {
		return err
	}
	if err := d.typeText(title); err != nil {
		return err
	}
	if err := d.settle(a, 10*time.Second); err != nil {
		return err
	}
	if err := d.key("return"); err != nil {
		return err
	}
	return d.settle(a, 10*time.Second)
}

// keys presses each chord in turn, each once a's window has settled after
// the one before: pressed at once, a Tab could reach the window before the
// focus the key before it moved.
func (d *latDriver) keys(a *latApp, chords ...string) error {
	for _, k := range chords {
		if err := d.key(k); err != nil {
			return err
		}
		if err := d.settle(a, 10*time.Second); err != nil {
			return err
		}
	}
	return nil
}

// dialogEffect is the least a dialog's opening or closing changes: its own
// area, whether or not the window behind it is dimmed (with the dimming,
// open evidence changed 889,774 pixels of the 896,800 and Export 772,244;
// without it, in a trial, Export 173,733 and the check-in dialog, the
// smallest, 69,827). A click beside its target changes far less: the
// check-in case's wrong Tab path, which started a git scan, 3,797.
const dialogEffect = 40000

// latCases are the actions measured.
func latCases() []latCase {
	key := func(k string) func(*latDriver, *latApp, int) error {
		return func(d *latDriver, _ *latApp, _ int) error { return d.key(k) }
	}
	click := func(d *latDriver, _ *latApp, _ int) error { return d.click() }
	escape := func(d *latDriver, _ *latApp, _ int) error {
		if err := d.park(); err != nil {
			return err
		}
		return d.key("escape")
	}
	screen := func(n int) func(*latDriver, *latApp, int) error {
		return func(d *latDriver, a *latApp, _ int) error {
			if err := d.park(); err != nil {
				return err
			}
			return d.key(fmt.Sprintf("ctrl+%d", n))
		}
	}
	return []latCase{
		{name: "screen switch (Ctrl+1…5)", app: "small", kind: "key", warm: 5,
			note:    "each sample goes on to the next screen: Dashboard → Roadmap → Paths → History → Settings → Dashboard; the first round, which builds each screen, is not counted",
			prepare: func(d *latDriver, a *latApp, i int) error { return screen(i%5+1)(d, a, i) },
			input:   func(d *latDriver, _ *latApp, i int) error { return d.key(fmt.Sprintf("ctrl+%d", (i+1)%5+1)) }},
		{name: "tick (click a box)", app: "small", kind: "click",
			note:    "Roadmap screen, the first entry's box (reached with the search, found by its focus), ticked and unticked in turn",
			prepare: atTickBox(rmFirstTitle), input: click},
		{name: "tick (Space on the focused box)", app: "small", kind: "key",
			note: "Roadmap screen, the first entry's box, which has the keyboard since the search jumped to it; Space ticks and unticks it in turn",
			prepare: func(d *latDriver, a *latApp, i int) error {
				if i > 0 {
					return nil
				}
				return d.goTo(a, rmFirstTitle)
			},
			input: func(d *latDriver, a *latApp, _ int) error {
				if err := d.park(); err != nil {
					return err
				}
				return d.key("space")
			}},
		{name: "level change (choose a level)", app: "small", kind: "key",
			note: "Roadmap screen, the second entry's level, reached as the journey does (Ctrl+F, its title, Enter, then Tab from its tick box): Enter opens the popup and Down moves to a level, not timed; the Enter that chooses it is timed",
			prepare: func(d *latDriver, a *latApp, i int) error {
				if err := d.goTo(a, rmSecondTitle); err != nil {
					return err
				}
				if err := d.keys(a, "tab", "return"); err != nil {
					return err
				}
				if err := d.settle(a, 10*time.Second); err != nil {
					return err
				}
				// The popup's first Down lights "not started": two more
				// reach learning, three practising, in turn.
				downs := []string{"down", "down"}
				if i%2 == 1 {
					downs = append(downs, "down")
				}
				return d.keys(a, downs...)
			},
			input: key("return")},
		{name: "open evidence", app: "small", kind: "key", minEffect: dialogEffect, what: "the evidence dialog opening",
			note: "Roadmap screen, the first entry's evidence button, reached as the journey does (Ctrl+F, its title, Enter, Tab three times from its tick box); Enter is timed, Escape closes the dialog after",
			prepare: func(d *latDriver, a *latApp, _ int) error {
				if err := d.goTo(a, rmFirstTitle); err != nil {
					return err
				}
				return d.keys(a, "tab", "tab", "tab")
			},
			input: key("return"), after: escape},
		{name: "add evidence note", app: "small", kind: "click",
			note: "in the first entry's evidence dialog (opened as in open evidence), a note typed (in the field found with the keyboard), the click on Add (found in the dialog)",
			prepare: func(d *latDriver, a *latApp, i int) error {
				if err := d.goTo(a, rmFirstTitle); err != nil {
					return err
				}
				if err := d.keys(a, "tab", "tab", "tab", "return"); err != nil {
					return err
				}
				add, err := d.locateMain(a, image.Rectangle{}, "the evidence dialog's Add")
				if err != nil {
					return err
				}
				// A click in the note, found as the field with the
				// keyboard, makes sure the typing lands there.
				note, err := d.locateFocused(a, "the evidence dialog's note")
				if err != nil {
					return err
				}
				if err := d.clickAt(a, note.x, note.y); err != nil {
					return err
				}
				if err := d.typeText(fmt.Sprintf("bench note %d", i)); err != nil {
					return err
				}
				return d.pointTo(a, add.x, add.y)
			},
			input: click, after: escape},
		{name: "export dialog (Ctrl+E)", app: "small", kind: "key", minEffect: dialogEffect, what: "the Export dialog opening",
			note:    "from the Roadmap screen; Escape closes it after",
			prepare: screen(2), input: key("ctrl+e"), after: escape},
		{name: "search jump (choose a result)", app: "small", kind: "key",
			note: "Ctrl+F, \"helm\" typed, then Enter on the first result, which shows its stage with the entry chosen",
			prepare: func(d *latDriver, a *latApp, i int) error {
				if err := d.park(); err != nil {
					return err
				}
				if err := d.key("ctrl+f"); err != nil {
					return err
				}
				if err := d.settle(a, 10*time.Second); err != nil {
					return err
				}
				return d.typeText("helm")
			},
			input: key("return")},
		{name: "check in (save)", app: "small", kind: "click", minEffect: dialogEffect, what: "the check-in dialog closing",
			note: "Dashboard scrolled to its end, Check in… and then the dialog's Save check-in found in the window's picture, a label typed, the click on Save check-in",
			prepare: both(screen(1), func(d *latDriver, a *latApp, i int) error {
				// Check in… is below the fold of the Dashboard: the wheel
				// over the Dashboard brings it into view, then it is the
				// only button in the primary colour.
				if err := d.pointTo(a, a.w/4, a.h/2); err != nil {
					return err
				}
				for range 10 {
					if err := d.wheel(5); err != nil {
						return err
					}
				}
				open, err := d.locateMain(a, image.Rectangle{}, "the Dashboard's Check in…")
				if err != nil {
					return err
				}
				if err := d.clickAt(a, open.x, open.y); err != nil {
					return err
				}
				// The label has the keyboard as the dialog opens; the
				// button behind it is dimmed, the dialog's Save is not.
				save, err := d.locateNew(a, open, "the check-in dialog's Save check-in")
				if err != nil {
					return err
				}
				if err := d.key("ctrl+a"); err != nil {
					return err
				}
				if err := d.typeText(fmt.Sprintf("bench %d", i)); err != nil {
					return err
				}
				return d.pointTo(a, save.x, save.y)
			}),
			input: click},
		{name: "open History (Ctrl+4)", app: "large", kind: "key", minEffect: 100000, what: "the History screen replacing the Dashboard",
			note:    "from the Dashboard, with 100,000 events and 11 check-ins to show",
			prepare: screen(1), input: key("ctrl+4")},
		{name: "tick (click a box)", app: "large", kind: "click",
			note:    "Roadmap screen, the first entry's box (reached with the search, found by its focus), ticked and unticked in turn",
			prepare: atTickBox(largeFirstTitle), input: click},
		{name: "floor's button, 14 widget rows", app: "rows", kind: "click", reference: true,
			note: "the floor's own button in a window that also shows 14 rows of the standard widgets a Roadmap row is made of (emptywindow -rows 14): " +
				"what each frame of a screen of Fyne widgets costs, whatever the program does",
			prepare: func(d *latDriver, a *latApp, _ int) error { return d.pointTo(a, floorButton.x, floorButton.y) },
			input:   click},
	}
}

// chosen reports whether the case named name is measured: only is empty
// or one of its |-separated alternatives is part of name.
func chosen(only, name string) bool {
	if only == "" {
		return true
	}
	for alt := range strings.SplitSeq(only, "|") {
		if alt != "" && strings.Contains(name, alt) {
			return true
		}
	}
	return false
}

// errWrongEffect says an input did something other than what its case
// measures.
var errWrongEffect = errors.New("the input missed what the case measures")

// both runs two steps.
func both(a, b func(*latDriver, *latApp, int) error) func(*latDriver, *latApp, int) error {
	return func(d *latDriver, p *latApp, i int) error {
		if err := a(d, p, i); err != nil {
			return err
		}
		return b(d, p, i)
	}
}

// latFigures starts Xvfb, the floor and devpath, measures every case and
// returns the results.
func latFigures(o latOptions) ([]latResult, error) {
	if err := os.MkdirAll(o.work, 0o700); err != nil {
		return nil, err
	}
	display, xvfb, err := startXvfb(o.xvfb, o.work)
	if err != nil {
		return nil, err
	}
	defer func() {
		_ = xvfb.Process.Signal(syscall.SIGTERM)
		_ = xvfb.Wait()
	}()
	say("latency: Xvfb on %s (%dx%d)", display, screenW, screenH)
	x, err := dialClient(display)
	if err != nil {
		return nil, err
	}
	defer x.close()
	d := &latDriver{x: x, quiet: o.quiet, settleQuiet: o.quiet / 2, timeout: o.timeout, parkX: screenW - 1, parkY: screenH - 1, work: o.work}
	if err := d.park(); err != nil {
		return nil, err
	}

	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			fail(err)
		}
		return a
	}
	launch := func(name, title, db string, argv []string, x0 int) (*latApp, error) {
		dir := filepath.Join(o.work, slug(name))
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		env, err := runEnv(dir, filepath.Join(dir, "cache"), display)
		if err != nil {
			return nil, err
		}
		env = append(env, "FYNE_SCALE=1")
		// No animations: a focused entry's cursor fades in and out for as
		// long as it has the keyboard, and a window that never stops
		// drawing never settles. Both programs run without them.
		fyneDir := filepath.Join(dir, "config", "fyne")
		if err := os.MkdirAll(fyneDir, 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(fyneDir, "settings.json"), []byte(`{"no_animations": true}`), 0o600); err != nil {
			return nil, err
		}
		if db != "" {
			dbf := filepath.Join(dir, "db", "devpath.db")
			if err := prepareDB(db, dbf); err != nil {
				return nil, err
			}
			argv = append(argv, "--db", dbf)
		}
		a, err := d.startApp(name, title, argv, env, dir, x0, 0)
		// A window takes the keyboard when it is shown.
		d.focused = 0
		return a, err
	}

	floor, err := launch("floor", "devpath-floor", "", []string{abs(o.floorBin), "-button"}, 1200)
	if err != nil {
		return nil, err
	}
	defer floor.stop()
	// The reference runs beside devpath and the floor for the whole
	// benchmark and is sampled after each floor sample.
	var refCase latCase
	for _, c := range latCases() {
		if c.reference {
			refCase = c
		}
	}
	ref, err := launch("reference", "devpath-floor-rows", "", []string{abs(o.floorBin), "-button", "-rows", "14"}, refX)
	if err != nil {
		return nil, err
	}
	defer ref.stop()
	floorInput := map[string]latCase{
		"click": {prepare: func(d *latDriver, a *latApp, _ int) error { return d.pointTo(a, floorButton.x, floorButton.y) },
			input: func(d *latDriver, _ *latApp, _ int) error { return d.click() }},
		"key": {prepare: func(d *latDriver, _ *latApp, _ int) error { return d.park() },
			input: func(d *latDriver, _ *latApp, _ int) error { return d.key("ctrl+l") }},
	}

	var results []latResult
	groups := []struct {
		app  string
		name string
		db   string
		argv []string
	}{
		{"small", "devpath", o.smallDB, []string{abs(o.devpath)}},
	}
	if o.largeDB != "" {
		groups = append(groups, struct {
			app, name, db string
			argv          []string
		}{"large", "devpath large", o.largeDB, []string{abs(o.devpath), "--roadmap", abs(o.largeRM)}})
	}
	for _, g := range groups {
		app, err := launch(g.name, "devpath", g.db, g.argv, 0)
		if err != nil {
			return nil, err
		}
		for _, c := range latCases() {
			if c.app != g.app || !chosen(o.only, c.app+" "+c.name) {
				continue
			}
			r := latResult{c: c}
			// Whatever a case before left open is closed.
			if err := reset(d, app); err != nil {
				return nil, err
			}
			if err := runCase(d, o, app, floor, floorInput[c.kind], ref, refCase, &r); err != nil {
				r.err = err.Error()
				say("latency: %s: %v", c.name, err)
			}
			results = append(results, r)
		}
		if err := app.stop(); err != nil {
			return nil, err
		}
	}
	// The reference's own line: every sample of it, beside every floor
	// sample taken with it.
	pooled := latResult{c: refCase}
	for i, r := range results {
		if i == 0 {
			pooled.first, pooled.firstFloor = r.firstRef, r.firstFloor
		}
		pooled.action = append(pooled.action, r.ref...)
		pooled.floor = append(pooled.floor, r.floor...)
	}
	if len(results) > 0 {
		results = append(results, pooled)
	}
	if err := ref.stop(); err != nil {
		return nil, err
	}
	return results, floor.stop()
}

// reset closes any dialog or popup in app (Escape, twice) and waits for
// it to settle.
func reset(d *latDriver, a *latApp) error {
	if err := d.focus(a); err != nil {
		return err
	}
	if err := d.park(); err != nil {
		return err
	}
	for range 2 {
		if err := d.key("escape"); err != nil {
			return err
		}
		if err := d.settle(a, 20*time.Second); err != nil {
			return err
		}
	}
	return nil
}

// runCase measures a case o.runs times after a warm-up, each sample
// followed by a sample of the floor tapped the same way and one of the
// reference.
func runCase(d *latDriver, o latOptions, app, floor *latApp, fl latCase, ref *latApp, rc latCase, r *latResult) error {
	c := r.c
	step := func(a *latApp, f func(*latDriver, *latApp, int) error, i int) error {
		if f == nil {
			return nil
		}
		if err := d.focus(a); err != nil {
			return err
		}
		if err := f(d, a, i); err != nil {
			return err
		}
		return d.settle(a, 20*time.Second)
	}
	var frames []time.Duration // of the last devpath sample
	sample := func(a *latApp, c latCase, i int, shot string) (float64, int, error) {
		if err := step(a, c.prepare, i); err != nil {
			return 0, 0, fmt.Errorf("prepare: %w", err)
		}
		t, px, err := d.measureShot(a, func() error { return c.input(d, a, i) }, shot)
		if err != nil {
			return 0, 0, err
		}
		if a == app {
			frames = slices.Clone(d.frames)
			if c.minEffect > 0 && px < c.minEffect {
				return 0, 0, fmt.Errorf("%w: it changed %d pixels, fewer than the %d of %s", errWrongEffect, px, c.minEffect, c.what)
			}
		}
		if err := step(a, c.after, i); err != nil {
			return 0, 0, fmt.Errorf("after: %w", err)
		}
		return ms(t), px, nil
	}
	warm := max(c.warm, 1)
	for i := 0; i < warm+o.runs; i++ {
		shot := ""
		if o.shots != "" && i == warm {
			shot = filepath.Join(o.shots, slug(c.app+" "+c.name))
		}
		t, px, err := sample(app, c, i, shot)
		if errors.Is(err, errNoEffect) && r.missed < max(o.runs/4, 1) {
			// A key or click that did not take (the window was still busy
			// with the step before): start again from a closed window.
			r.missed++
			say("latency: %s: sample %d showed no effect; measured again", c.name, i)
			if err := reset(d, app); err != nil {
				return err
			}
			i--
			continue
		}
		if err != nil {
			return fmt.Errorf("sample %d: %w", i, err)
		}
		fshot := ""
		if shot != "" {
			fshot = shot + "-floor"
		}
		ft, _, err := sample(floor, fl, i, fshot)
		if err != nil {
			return fmt.Errorf("floor after sample %d: %w", i, err)
		}
		rt, _, err := sample(ref, rc, i, "")
		if err != nil {
			return fmt.Errorf("reference after sample %d: %w", i, err)
		}
		if i == 0 {
			r.first, r.firstFloor, r.firstRef = t, ft, rt
		}
		if i < warm {
			say("latency: warm-up: %-34s %7.1f ms, floor %6.1f ms, reference %6.1f ms (not counted)", c.name, t, ft, rt)
			continue
		}
		say("latency: %d/%d: %-34s %7.1f ms, floor %6.1f ms, reference %6.1f ms (%d pixels changed; frames at %s ms)", i-warm+1, o.runs, c.name, t, ft, rt, px, frameTimes(frames))
		r.action = append(r.action, t)
		r.floor = append(r.floor, ft)
		r.ref = append(r.ref, rt)
		r.pixels = append(r.pixels, px)
	}
	return nil
}

// measureShot is measure, and with shot set it writes the images before
// and after the input to shot-before.png and shot-after.png.
func (d *latDriver) measureShot(a *latApp, input func() error, shot string) (time.Duration, int, error) {
	var before image.Image
	if shot != "" {
		img, err := d.x.getImage(a.win, a.w, a.h)
		if err != nil {
			return 0, 0, err
		}
		before = toImage(img)
	}
	t, px, err := d.measure(a, input)
	if shot != "" {
		if err := os.MkdirAll(filepath.Dir(shot), 0o700); err != nil {
			return 0, 0, err
		}
		after, aerr := d.x.getImage(a.win, a.w, a.h)
		if aerr == nil {
			_ = writePNG(shot+"-before.png", before)
			_ = writePNG(shot+"-after.png", toImage(after))
		}
	}
	return t, px, err
}
