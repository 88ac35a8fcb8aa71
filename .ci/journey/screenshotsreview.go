package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"time"

	"devpath/roadmap"
)

// shotReviewer is the manager of the review screenshots: a long name and
// title, as the comparison must show once, whole, above its table.
const shotReviewer = "Maria Fernández-Oyelaran, Head of Platform Engineering and Site Reliability"

// prepareReview makes a review round trip on the example with the command
// line: the engineer asks, the manager (a database of their own in the
// same folder) opens the request, rates a skill two levels lower with a
// comment, one higher, leaves a confirmed criterion unconfirmed, writes a
// note and signs. It returns the manager's sandbox; importReview imports
// the response, once the screens are taken (the import makes a check-in,
// which the example's History would show).
func prepareReview(sb *sandbox) (*sandbox, error) {
	req, resp := filepath.Join(sb.home, "review-request.json"), filepath.Join(sb.home, "review-response.json")
	if _, err := sb.cli("review", "request", "--out", req); err != nil {
		return nil, err
	}
	mgr := *sb
	mgr.db = filepath.Join(sb.dir, "manager.db")
	run := func(args ...string) error {
		_, err := mgr.cli(args...)
		return err
	}
	if err := run("profile", "--name", shotReviewer, "--stage", "senior", "--region", "uk"); err != nil {
		return nil, err
	}
	out, err := mgr.cli("review", "open", req)
	if err != nil {
		return nil, err
	}
	ref := strings.Fields(strings.TrimPrefix(string(out), "Review "))[0]
	var skills, criteria []string
	for _, e := range roadmap.Default().Entries() {
		if e.Stage == "mid" && e.Kind == roadmap.KindSkill {
			skills = append(skills, e.Item.ID)
		}
		if e.Stage == "mid" && e.Kind == roadmap.KindCriterion {
			criteria = append(criteria, e.Item.ID)
		}
	}
	// fillExample ticked skills[1] at level 3 and confirmed criteria[0].
	for _, args := range [][]string{
		{"rate", ref, skills[1], "--level", "1", "--comment", "Show me the module another team adopted, and its tests"},
		{"rate", ref, skills[2], "--level", "4"},
		{"rate", ref, criteria[0], "--level", "0", "--comment", "One more quarter of mentoring first"},
		{"note", ref, "A strong year: the migration stands out."},
		{"sign", ref, "--out", resp},
	} {
		if err := run(append([]string{"review"}, args...)...); err != nil {
			return nil, err
		}
	}
	return &mgr, nil
}

// importReview imports the response prepareReview signed, as the engineer.
func importReview(sb *sandbox) error {
	_, err := sb.cli("review", "import", filepath.Join(sb.home, "review-response.json"))
	return err
}

// shootManagerReview starts the manager's devpath in the look and takes
// the Review view of the request they opened: File ▸ Reviews… (Alt, Down
// four times), Tab to Open, Space.
func shootManagerReview(d display, mgr *sandbox, out string, w, h int, look string, timeout time.Duration) error {
	prefs, _ := json.Marshal(map[string]any{"theme": look, "window.screen": "dashboard"})
	if err := os.WriteFile(mgr.prefsPath(), prefs, 0o600); err != nil {
		return err
	}
	a, err := launch(mgr, d, "devpath-manager.log")
	if err != nil {
		return err
	}
	defer a.stop()
	if err := a.waitWindow(w, h, 2*timeout); a.wid == "" || (err != nil && !errors.Is(err, errTimeout)) {
		return fmt.Errorf("the manager's window at %dx%d %s: %w", w, h, look, err)
	}
	before, err := a.settled(timeout)
	if err != nil {
		return err
	}
	for _, keys := range [][]string{{"alt", "Down", "Down", "Down", "Down", "Return"}, {"Tab", "space"}} {
		if err := d.keys(keys...); err != nil {
			return err
		}
		var img *image.RGBA
		if err := poll(timeout, fmt.Sprintf("the manager's %v at %dx%d", keys, w, h), func() (bool, string, error) {
			var err error
			if img, err = a.settled(timeout); err != nil {
				return false, "", err
			}
			return diffPixels(before, img, 0) >= w*h/100, "the window still shows what it showed before", nil
		}); err != nil {
			return err
		}
		before = img
	}
	file := filepath.Join(out, fmt.Sprintf("review-%dx%d-%s.png", w, h, look))
	fmt.Println("screenshots: " + file)
	if err := savePNG(file, before); err != nil {
		return err
	}
	return a.checkLog()
}
