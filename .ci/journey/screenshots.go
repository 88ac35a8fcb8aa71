package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"time"

	"devpath/roadmap"
)

// The documentation's screenshots: every screen at two sizes in both looks,
// named SCREEN-WxH-LOOK.png.
var (
	shotScreens = []string{"dashboard", "roadmap", "paths", "history", "settings"}
	shotSizes   = [][2]int{{1024, 640}, {1920, 1080}}
	shotLooks   = []string{"light", "dark"}
)

// screenshots retakes the documentation's screenshots into out. Each size
// and look is a devpath of its own on a database the command line fills
// with a plausible profile: ticks at several levels, evidence, a branch, a
// track and two check-ins. The look is set where devpath keeps it, in its
// preferences; the screens are switched with Ctrl+1 to Ctrl+5.
func screenshots(d display, bin, dir, out string, timeout time.Duration) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var warnings []string
	for _, look := range shotLooks {
		for _, size := range shotSizes {
			w, err := shootAll(d, bin, filepath.Join(dir, fmt.Sprintf("%dx%d-%s", size[0], size[1], look)), out, size[0], size[1], look, timeout)
			if err != nil {
				return err
			}
			warnings = append(warnings, w...)
		}
	}
	for _, w := range warnings {
		fmt.Println("screenshots: WARNING: " + w)
	}
	return nil
}

// shootAll takes the five screens at one size and look, Help ▸ Keyboard
// shortcuts, a review's comparison and the manager's Review view, and
// Settings and the Roadmap after a live switch of the look.
func shootAll(d display, bin, dir, out string, w, h int, look string, timeout time.Duration) (warnings []string, err error) {
	sb, err := newSandbox(dir, bin)
	if err != nil {
		return nil, err
	}
	if err := fillExample(sb); err != nil {
		return nil, err
	}
	mgr, err := prepareReview(sb)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(sb.prefsPath()), 0o700); err != nil {
		return nil, err
	}
	prefs, _ := json.Marshal(map[string]any{"theme": look, "window.screen": "dashboard"})
	if err := os.WriteFile(sb.prefsPath(), prefs, 0o600); err != nil {
		return nil, err
	}
	a, err := launch(sb, d, "devpath.log")
	if err != nil {
		return nil, err
	}
	defer a.stop()
	if err := a.waitWindow(w, h, 2*timeout); a.wid == "" || (err != nil && !errors.Is(err, errTimeout)) {
		return nil, fmt.Errorf("%dx%d %s: %w", w, h, look, err)
	}
	var prev *image.RGBA
	for i, name := range shotScreens {
		if err := d.keys(fmt.Sprintf("ctrl+%d", i+1)); err != nil {
			return nil, err
		}
		var img *image.RGBA
		err := poll(timeout, fmt.Sprintf("the %s screen at %dx%d", name, w, h), func() (bool, string, error) {
			// A screen that needs more room than the window makes devpath
			// grow it; give it the size again, and say so below.
			if err := a.fitOrGrow(); err != nil {
				return false, "", err
			}
			var err error
			if img, err = a.settled(timeout); err != nil {
				return false, "", err
			}
			// "Loading…" alone on the window has a few dozen colours.
			if c := colours(img, 200); c < 100 {
				return false, fmt.Sprintf("the window shows only %d colours (still loading)", c), nil
			}
			if prev != nil && diffPixels(prev, img, 0) < w*h/100 {
				return false, "the window still shows the screen before", nil
			}
			return true, "", nil
		})
		if err != nil {
			return nil, err
		}
		prev = img
		file := filepath.Join(out, fmt.Sprintf("%s-%dx%d-%s.png", name, w, h, look))
		if err := savePNG(file, img); err != nil {
			return nil, err
		}
		for size := range a.grown {
			warnings = append(warnings, fmt.Sprintf("%s: the %s screen made devpath grow its %dx%d window to %s (the screen needs more room than that)", file, name, w, h, size))
		}
		a.grown = nil
		fmt.Println("screenshots: " + file)
	}
	// Help ▸ Keyboard shortcuts: Alt opens File, Right three times Help,
	// Down its first item.
	shot := func(what, name string, keys ...string) error {
		if err := d.keys(keys...); err != nil {
			return err
		}
		var img *image.RGBA
		if err := poll(timeout, fmt.Sprintf("%s at %dx%d", what, w, h), func() (bool, string, error) {
			var err error
			if img, err = a.settled(timeout); err != nil {
				return false, "", err
			}
			if diffPixels(prev, img, 0) < w*h/100 {
				return false, "the window still shows what it showed before", nil
			}
			return true, "", nil
		}); err != nil {
			return err
		}
		prev = img
		if name == "" {
			return nil // a step on the way to the picture
		}
		file := filepath.Join(out, name)
		fmt.Println("screenshots: " + file)
		return savePNG(file, img)
	}
	if err := shot("Help ▸ Keyboard shortcuts", fmt.Sprintf("shortcuts-%dx%d-%s.png", w, h, look), "alt", "Right", "Right", "Right", "Down", "Return"); err != nil {
		return nil, err
	}
	if err := d.keys("Escape"); err != nil {
		return nil, err
	}
	// The review imported, as a table: File ▸ Reviews… (Alt, Down four
	// times), Tab to Show, Space.
	if err := importReview(sb); err != nil {
		return nil, err
	}
	if err := shot("File ▸ Reviews…", "", "alt", "Down", "Down", "Down", "Down", "Return"); err != nil {
		return nil, err
	}
	if err := shot("the review's comparison", fmt.Sprintf("review-side-by-side-%dx%d-%s.png", w, h, look), "Tab", "space"); err != nil {
		return nil, err
	}
	// Closed again, on the Dashboard: the Settings shot below must change
	// the window.
	if err := shot("the Dashboard again", "", "Escape", "Escape", "ctrl+1"); err != nil {
		return nil, err
	}
	// A live switch to the other look on Settings (Shift+Tab from nothing:
	// once Dark, twice Light), then the Roadmap as it shows after it.
	other, tabs := "dark", []string{"shift+Tab"}
	if look == "dark" {
		other, tabs = "light", []string{"shift+Tab", "shift+Tab"}
	}
	if err := shot("the Settings screen", fmt.Sprintf("settings-%dx%d-%s.png", w, h, look), "ctrl+5"); err != nil {
		return nil, err
	}
	if err := shot("the Settings screen after the switch", fmt.Sprintf("settings-%dx%d-%s-switched-to-%s.png", w, h, look, other), append(tabs, "space")...); err != nil {
		return nil, err
	}
	if err := shot("the Roadmap after a live switch", fmt.Sprintf("roadmap-%dx%d-%s-switched-to-%s.png", w, h, look, other), "ctrl+2"); err != nil {
		return nil, err
	}
	if err := a.checkLog(); err != nil {
		return nil, err
	}
	a.stop()
	// The manager's Review view, in a devpath of its own.
	return warnings, shootManagerReview(d, mgr, out, w, h, look, timeout)
}

// fillExample gives a database the progress of someone a year and a half
// into the mid stage: a history of the last fourteen months (fillHistory),
// then the command line's ticks, evidence and check-ins, and a plan
// (fillPlan).
func fillExample(sb *sandbox) error {
	run := func(args ...string) error {
		_, err := sb.cli(args...)
		return err
	}
	rm := roadmap.Default()
	var skills, criteria []string
	for _, e := range rm.Entries() {
		if e.Stage != "mid" {
			continue
		}
		switch e.Kind {
		case roadmap.KindSkill:
			skills = append(skills, e.Item.ID)
		case roadmap.KindCriterion:
			criteria = append(criteria, e.Item.ID)
		}
	}
	if len(skills) < 10 || len(criteria) < 2 {
		return fmt.Errorf("the built-in roadmap's mid stage has %d skills and %d criteria, too few for the example", len(skills), len(criteria))
	}
	if err := fillHistory(sb, skills); err != nil {
		return err
	}
	if err := run("profile", "--name", "Alex Example", "--stage", "mid", "--since", "2025-03-01",
		"--career-start", "2023-01-09", "--region", "uk", "--branch", "sre", "--track", "ic"); err != nil {
		return err
	}
	for i, id := range skills[:6] {
		if err := run("tick", id, "--level", fmt.Sprint(2+i%3), "--date", fmt.Sprintf("2025-%02d-15", 4+i)); err != nil {
			return err
		}
	}
	if err := run("tick", skills[0], "--note", "Ran the migration to the new cluster", "--link", "https://example.com/runbook"); err != nil {
		return err
	}
	if err := run("skip", skills[6]); err != nil {
		return err
	}
	if err := run("checkin", "--label", "Spring review"); err != nil {
		return err
	}
	for _, id := range skills[7:10] {
		if err := run("tick", id, "--level", "3"); err != nil {
			return err
		}
	}
	if err := run("tick", criteria[0], "--note", "Mentored two new engineers through their first on-call"); err != nil {
		return err
	}
	if err := run("checkin", "--label", "Autumn review"); err != nil {
		return err
	}
	return fillPlan(sb, skills, criteria)
}
