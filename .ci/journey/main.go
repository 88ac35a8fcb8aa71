// Command journey drives the real devpath binary in a real window under
// Xvfb, only through X input events (XTEST, sent with xdotool), the way a
// user would: it types, tabs, presses shortcuts and goes through Fyne's own
// file dialogs. After each step it checks the effect where it can be read
// (the database through "devpath export --format json", the files written,
// the clipboard, the preferences, the picture of the window), that devpath
// still runs and that its log shows no panic, threading error or unexpected
// Fyne error, and it keeps a screenshot of the step.
//
// Controls are reached by keyboard paths (shortcuts, Tab order, arrow
// keys), never by screen positions; each step then checks its effect, so a
// changed layout or focus order fails the step that depends on it, by name,
// with its screenshot.
//
// Usage:
//
//	journey -display :N [-bin bin/devpath] [-out DIR]          the journey
//	journey -display :N -screenshots docs/screenshots           retake the documentation's screenshots
//
// The display must be at least 1920x1080 for the screenshots.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	disp := flag.String("display", os.Getenv("DISPLAY"), "the X `display` to use (an Xvfb of its own)")
	bin := flag.String("bin", "bin/devpath", "the devpath `binary` to drive")
	out := flag.String("out", "", "keep the sandbox and the step screenshots in this `folder` (default: a new temporary folder)")
	shots := flag.String("screenshots", "", "retake every screen at 1024x640 and 1920x1080 in both themes into this `folder` instead of running the journey")
	timeout := flag.Duration("timeout", 30*time.Second, "how long a step may wait for its effect")
	trace := flag.Bool("trace", false, "keep a screenshot after every key, to design a keyboard path")
	stopAfter := flag.String("stop-after", "", "stop after the step of this `name` and leave devpath running")
	flag.Parse()
	if *disp == "" {
		fmt.Fprintln(os.Stderr, "journey: -display is required")
		os.Exit(2)
	}
	abs, err := filepath.Abs(*bin)
	if err == nil {
		_, err = os.Stat(abs)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "journey: %v\n", err)
		os.Exit(2)
	}
	dir := *out
	if dir == "" {
		if dir, err = os.MkdirTemp("", "devpath-journey."); err != nil {
			fmt.Fprintf(os.Stderr, "journey: %v\n", err)
			os.Exit(1)
		}
	} else if err = os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "journey: %v\n", err)
		os.Exit(1)
	}
	dir, _ = filepath.Abs(dir)
	d := display{name: *disp}
	start := time.Now()
	if *shots != "" {
		err = screenshots(d, abs, dir, *shots, *timeout)
	} else {
		err = runJourney(d, abs, dir, *timeout, *trace, *stopAfter)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "journey: FAIL: %v\n", err)
		fmt.Fprintf(os.Stderr, "journey: screenshots and logs are in %s\n", dir)
		os.Exit(1)
	}
	if *shots != "" {
		fmt.Printf("journey: ok in %s; the screenshots are in %s\n", time.Since(start).Round(time.Second), *shots)
		return
	}
	fmt.Printf("journey: ok in %s; screenshots and logs are in %s\n", time.Since(start).Round(time.Second), dir)
}
