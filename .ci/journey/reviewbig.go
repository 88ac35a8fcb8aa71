package main

import (
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"time"

	"devpath/tracker/review"
)

// The big request: after the round trip, the manager opens a request of
// 20,000 entries (about 1.8 MB, as a crafted one may be) through the open
// dialog. The window must answer Open within a second, the Review view
// must be on view and at rest within a second of it, and the window must
// answer a key within a second once it shows: its list
// builds rows only for the entries in sight, and the file is read and
// checked off the UI goroutine.
func init() {
	journeySteps = append(journeySteps,
		journeyStep{"review-big-request", (*journey).reviewBigRequest},
	)
}

const (
	bigRequestName    = "review-big-request.json"
	bigRequestEntries = 20000
	// answerWithin is how soon the window must show the view, and
	// answer a key in it.
	answerWithin = time.Second
)

// writeBigRequest writes the 20,000-entry request into the home folder.
func (j *journey) writeBigRequest() (int, error) {
	r := review.Request{ID: strings.Repeat("b1", 16), CreatedAt: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC), Engineer: "Kim Big",
		Share: review.ShareAll, Stage: review.Ref{ID: "junior", Title: "Junior DevOps Engineer"},
		Roadmap: review.RoadmapRef{ID: "devops", Version: 2, Title: "DevOps Career Path"}, Entries: make([]review.Entry, bigRequestEntries)}
	for i := range r.Entries {
		r.Entries[i] = review.Entry{ID: fmt.Sprintf("e%05d", i), Title: fmt.Sprintf("Entry %d of a big request", i), Kind: "skill", Level: i % 5, Evidence: []review.Evidence{}}
	}
	// Written without indentation, as a crafted request may be: the size
	// of the one that froze the window (about 1.8 MB).
	r.Format, r.Version = review.RequestFormat, review.Version
	file, err := json.Marshal(r)
	if err != nil {
		return 0, err
	}
	return len(file), os.WriteFile(filepath.Join(j.sb.home, bigRequestName), file, 0o600)
}

// timeChange presses keys and measures how long the window takes to show
// a picture whose part region differs from that of each of pics by min
// pixels or more, capturing one picture after another. A capture (two
// programs run) takes a few hundred milliseconds on a loaded machine, and
// the picture is grabbed somewhere inside it: the change was on screen by
// the end of the first capture that shows it and not before the start of
// the one before. It returns when that capture started, which is when the
// change showed give or take one capture, and when it ended.
func (j *journey) timeChange(what string, pics []*image.RGBA, region func(*image.RGBA) *image.RGBA, min int, keys ...string) (time.Duration, time.Duration, error) {
	if err := j.keys(keys...); err != nil {
		return 0, 0, err
	}
	start := time.Now()
	seen := ""
	for time.Since(start) < j.timeout {
		if err := j.a.alive(); err != nil {
			return 0, 0, err
		}
		began := time.Since(start)
		img, err := j.a.disp.capture(j.a.wid)
		if err != nil {
			return 0, 0, err
		}
		changed := true
		for _, p := range pics {
			if n := diffRegion(region(p), region(img)); n < min {
				changed, seen = false, fmt.Sprintf("only %d pixels differ", n)
			}
		}
		if changed {
			return began, time.Since(start), nil
		}
	}
	return 0, 0, fmt.Errorf("%s: the window did not change in %v (%s)", what, j.timeout, seen)
}

// timeRest takes one picture after another from start until the window
// shows a picture that ready accepts and the next is the same (within
// settleLimit pixels): it returns when the first of the two was begun,
// which is when the window was on view and at rest, give or take one
// capture. No pause between pictures, unlike the waits that poll.
func (j *journey) timeRest(start time.Time, what string, ready func(*image.RGBA) bool) (time.Duration, error) {
	var first *image.RGBA
	var firstAt time.Duration
	seen := "no picture"
	for time.Since(start) < j.timeout {
		if err := j.a.alive(); err != nil {
			return 0, err
		}
		began := time.Since(start)
		img, err := j.a.disp.capture(j.a.wid)
		if err != nil {
			return 0, err
		}
		if first != nil {
			n := diffPixels(first, img, 0)
			if n <= settleLimit {
				return firstAt, nil
			}
			seen = fmt.Sprintf("%d pixels changed between two pictures", n)
		}
		first = nil
		if ready(img) {
			first, firstAt = img, began
		} else {
			seen = "not yet shown"
		}
	}
	return 0, fmt.Errorf("%s: not on view and at rest within %v (%s)", what, j.timeout, seen)
}

// reviewBigRequest quits the engineer's devpath, starts the manager's,
// and opens the big request with File ▸ Open a review…: the view shows
// within a second of Open, Tab (to the list) changes the window within a
// second, Escape closes the view, and devpath is still running.
func (j *journey) reviewBigRequest() error {
	if err := j.quit(); err != nil {
		return err
	}
	size, err := j.writeBigRequest()
	if err != nil {
		return err
	}
	if err := j.launchManager(true); err != nil {
		return err
	}
	window := j.pic
	if err := j.fileMenu(3, "Open a review…"); err != nil {
		return err
	}
	x, y, err := fileItemPosition(journeyW, journeyH, j.sb.home, strings.TrimSuffix(bigRequestName, ".json"))
	if err != nil {
		return err
	}
	if err := j.d.xdotool("mousemove", fmt.Sprint(x), fmt.Sprint(y), "click", "1"); err != nil {
		return err
	}
	if err := j.keys("shift+Tab"); err != nil {
		return err
	}
	fd, err := j.settledPic()
	if err != nil {
		return err
	}
	// The window answers Open at once with a note in the middle, over
	// where the file dialog was, while the file is read and checked.
	pressed := time.Now()
	opened, openedBy, err := j.timeChange("Open on the big request", []*image.RGBA{fd, window}, middle, journeyW*journeyH/9/200, "space")
	if err != nil {
		return err
	}
	// The Review view, which reaches the top third of the window, as the
	// note does not, shown and at rest: timed from before the key, by
	// pictures taken one after another.
	shown, err := j.timeRest(pressed, "the big request's Review view", func(img *image.RGBA) bool {
		return diffRegion(topRegion(window), topRegion(img)) >= journeyW*journeyH/3/200
	})
	if err != nil {
		return err
	}
	view, err := j.settledPic()
	if err != nil {
		return err
	}
	// Tab moves the focus to the list, which marks its first row.
	whole := func(img *image.RGBA) *image.RGBA { return img }
	answered, answeredBy, err := j.timeChange("Tab in the big request's view", []*image.RGBA{view}, whole, 2*settleLimit, "Tab")
	if err != nil {
		return err
	}
	ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	fmt.Printf("journey:    the %d-entry request (%d bytes): the window answered Open after %v (seen by %v), the Review view was on view and at rest after %v; Tab in it changed the window after %v (seen by %v)\n",
		bigRequestEntries, size, ms(opened), ms(openedBy), ms(shown), ms(answered), ms(answeredBy))
	if opened > answerWithin || shown > answerWithin || answered > answerWithin {
		return fmt.Errorf("the window should answer within %v: Open after %v, the Review view at rest after %v, Tab after %v", answerWithin, opened, shown, answered)
	}
	if _, err := j.settledPic(); err != nil {
		return err
	}
	out, err := j.manager().cli("review", "list")
	if err != nil {
		return err
	}
	if !strings.Contains(string(out), fmt.Sprintf("0 of %d", bigRequestEntries)) {
		return fmt.Errorf("review list should hold the big request:\n%s", out)
	}
	if err := j.keys("Escape", "Escape"); err != nil {
		return err
	}
	if err := j.backTo(window, "Escape to close the big request's view"); err != nil {
		return err
	}
	return j.a.alive()
}
