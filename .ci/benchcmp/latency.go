package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jezek/xgb/xproto"
)

// Input-to-repaint latency (-latency): devpath and the floor (the empty
// window with -button) run side by side on one Xvfb screen of our own.
// Each sample settles the window (no DamageNotify and under 10 % of a CPU
// for the quiet time), reads its pixels, waits a random part of a frame
// (inputDelay), sends the input with XTEST, reads the pixels again after
// every DamageNotify until the window and the process are quiet again, and
// then finds the effect: the pixels that differ between the settled image
// before the input and the settled image after it. The latency is the time
// from the input to the first frame from which every one of those pixels
// shows its final value. Drawing that comes and goes (a button's tap
// animation, a hover) does not count; an intermediate frame (a tick shown
// before the save's reload redraws the score) does not end the wait.

// latApp is one program on the latency benchmark's display.
type latApp struct {
	name   string
	cmd    *exec.Cmd
	exited chan error
	log    string
	win    xproto.Window
	x, y   int // the window's position on the screen
	w, h   int
	cpu    *cpuWatch
	// stopped is set once the program was stopped.
	stopped bool
}

// latDriver drives the programs through one X connection.
type latDriver struct {
	x     *xclient
	quiet time.Duration // after an input: no drawing and idle this long ends the wait for its effect
	// settleQuiet is the same before an input, after steps that are not
	// timed: shorter, as what they start is done long before that.
	settleQuiet time.Duration
	timeout     time.Duration
	focused     xproto.Window
	parkX       int16 // a point outside every window, where the pointer rests
	parkY       int16
	// frames is when each distinct frame after the last measured input
	// was drawn, from the input: printed with each sample, it tells an
	// action that costs one slow frame from one that takes several.
	frames []time.Duration
	work   string // where a picture of a failed search for a button is kept
}

// startApp starts argv with env, waits for its window named title, moves
// it to x, y and watches its drawing.
func (d *latDriver) startApp(name, title string, argv, env []string, dir string, x, y int) (*latApp, error) {
	logf, err := os.Create(filepath.Join(dir, "output.log"))
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	a := &latApp{name: name, log: logf.Name(), exited: make(chan error, 1)}
	a.cmd = exec.Command(argv[0], argv[1:]...)
	a.cmd.Env, a.cmd.Stdout, a.cmd.Stderr, a.cmd.Dir = env, logf, logf, dir
	// Stopped with the benchmark, even when it is killed.
	a.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := a.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", argv[0], err)
	}
	go func() { a.exited <- a.cmd.Wait() }()
	a.cpu = &cpuWatch{pid: a.cmd.Process.Pid}
	deadline := time.After(60 * time.Second)
	var windows []xproto.Window
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for a.win == 0 {
		select {
		case m := <-d.x.maps:
			windows = append(windows, m.win)
		case <-tick.C:
		case err := <-a.exited:
			return nil, fmt.Errorf("%s exited before its window appeared (%v); see %s", name, err, a.log)
		case <-deadline:
			a.stop()
			return nil, fmt.Errorf("no window named %q appeared within 60 s; see %s", title, a.log)
		}
		for _, w := range windows {
			if n, err := d.x.windowName(w); err == nil && n == title {
				a.win = w
			}
		}
	}
	if err := d.x.watchDamage(a.win); err != nil {
		a.stop()
		return nil, err
	}
	if err := d.x.move(a.win, x, y); err != nil {
		a.stop()
		return nil, err
	}
	if a.x, a.y, a.w, a.h, err = d.x.geometry(a.win); err != nil {
		a.stop()
		return nil, err
	}
	if err := d.settle(a, 30*time.Second); err != nil {
		a.stop()
		return nil, err
	}
	return a, nil
}

// stop ends the program, once, and checks its output for threading
// errors.
func (a *latApp) stop() error {
	if !a.stopped {
		a.stopped = true
		stop(a.cmd, a.exited)
	}
	return threadErrors(a.log)
}

// cpuWatch samples a process's CPU time.
type cpuWatch struct {
	pid     int
	samples []cpuSample
}

type cpuSample struct {
	at    time.Time
	ticks time.Duration
}

// busy samples the CPU time and reports whether the process used more
// than a tenth of a CPU over the last span.
func (c *cpuWatch) busy(span time.Duration) bool {
	now := time.Now()
	t, err := cpuTime(c.pid)
	if err != nil {
		return false
	}
	c.samples = append(c.samples, cpuSample{now, t})
	// Keep what covers the span.
	i := 0
	for i+1 < len(c.samples) && now.Sub(c.samples[i+1].at) >= span {
		i++
	}
	c.samples = c.samples[i:]
	old := c.samples[0]
	if now.Sub(old.at) < span {
		return true // not watched long enough yet
	}
	// cpuTime counts in 10 ms ticks: allow for one tick of rounding.
	return t-old.ticks > time.Duration(float64(now.Sub(old.at))/10)+10*time.Millisecond
}

// settle waits until app's window has not been drawn for the quiet time
// and the process is idle.
func (d *latDriver) settle(a *latApp, limit time.Duration) error {
	start := time.Now()
	from := d.x.damageLen()
	last := start
	a.cpu.samples = nil
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
		case <-d.x.kick:
		case err := <-a.exited:
			a.exited <- err
			return fmt.Errorf("%s exited (%v); see %s", a.name, err, a.log)
		}
		var ds []time.Time
		if ds, from = d.x.damageAfter(a.win, from); len(ds) > 0 {
			last = ds[len(ds)-1]
		}
		now := time.Now()
		if now.Sub(last) >= d.settleQuiet && !a.cpu.busy(d.settleQuiet) {
			return nil
		}
		if now.Sub(start) > limit {
			return fmt.Errorf("%s did not settle within %v (it keeps drawing or computing)", a.name, limit)
		}
	}
}

// frame is one image the window showed after the input, and when it was
// drawn (the last DamageNotify before the server read it).
type frame struct {
	at  time.Time
	pix []byte
}

// errNoEffect says an input changed nothing on screen.
var errNoEffect = errors.New("the input changed nothing in the window")

// measure settles app, sends input and returns the time until its effect
// was completely on screen (see the comment at the top of this file) and
// how many pixels the effect covered.
func (d *latDriver) measure(a *latApp, input func() error) (time.Duration, int, error) {
	before, err := d.x.getImage(a.win, a.w, a.h)
	if err != nil {
		return 0, 0, err
	}
	time.Sleep(inputDelay())
	from := d.x.damageLen()
	t0 := time.Now()
	if err := input(); err != nil {
		return 0, 0, err
	}
	var frames []frame
	seen := from // damage log position up to which the frames account for
	last := t0   // the window's last DamageNotify
	a.cpu.samples = nil
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	capture := func() error {
		img, err := d.x.getImage(a.win, a.w, a.h)
		if err != nil {
			return err
		}
		at := t0
		if len(frames) > 0 {
			at = frames[len(frames)-1].at
		}
		if ds := d.x.damageSince(a.win, from, img.nDamage); len(ds) > 0 {
			at = ds[len(ds)-1]
		}
		seen = img.nDamage
		if n := len(frames); n > 0 && slices.Equal(frames[n-1].pix, img.pix) {
			return nil
		}
		frames = append(frames, frame{at: at, pix: img.pix})
		return nil
	}
	for {
		select {
		case <-tick.C:
		case <-d.x.kick:
		case err := <-a.exited:
			a.exited <- err
			return 0, 0, fmt.Errorf("%s exited (%v); see %s", a.name, err, a.log)
		}
		now := time.Now()
		if ds := d.x.damageSince(a.win, seen, -1); len(ds) > 0 {
			last = ds[len(ds)-1]
			if err := capture(); err != nil {
				return 0, 0, err
			}
		} else if now.Sub(last) >= d.quiet && !a.cpu.busy(d.quiet) {
			break
		}
		if now.Sub(t0) > d.timeout {
			return 0, 0, fmt.Errorf("%s did not settle within %v of the input", a.name, d.timeout)
		}
	}
	d.frames = d.frames[:0]
	for _, f := range frames {
		d.frames = append(d.frames, f.at.Sub(t0))
	}
	at, px, err := effectShown(before.pix, frames)
	if err != nil {
		return 0, 0, err
	}
	return at.Sub(t0), px, nil
}

// framePeriod is how often a Fyne window reads its input and draws: an
// input waits up to this long for the window's next turn.
const framePeriod = time.Second / 60

// inputDelay is a random wait before each input, shorter than a frame.
// Without it, the moment of each input is set by the benchmark's own 10 and
// 20 ms tickers and by when the program before it settled, so it falls at
// nearly the same point of a window's 60 Hz cycle sample after sample: the
// wait for the window's turn, which is most of a sample, then depends on
// the phase each program happened to start at. Over seven runs of the same
// reference build, its median ranged from 12.4 to 21.5 ms; with the delay,
// from 13.9 to 18.4 ms over five. The delay spreads every program's inputs
// over its whole cycle.
func inputDelay() time.Duration {
	return rand.N(framePeriod)
}

// effectShown finds when the effect of an input was completely on screen:
// before is the settled image before the input, frames what the window
// showed after it, the last one settled. The effect is the pixels that
// differ between before and the last frame; it was shown at the first frame
// from which every later frame agrees with the last one on those pixels.
// It returns that frame's time and the effect's size in pixels.
func effectShown(before []byte, frames []frame) (time.Time, int, error) {
	if len(frames) == 0 {
		return time.Time{}, 0, errNoEffect
	}
	final := frames[len(frames)-1].pix
	var effect []int // offsets of the pixels that changed
	for i := 0; i+3 < len(final) && i+3 < len(before); i += 4 {
		if final[i] != before[i] || final[i+1] != before[i+1] || final[i+2] != before[i+2] {
			effect = append(effect, i)
		}
	}
	if len(effect) == 0 {
		return time.Time{}, 0, errNoEffect
	}
	done := len(frames) - 1
	for k := len(frames) - 2; k >= 0; k-- {
		if !samePixels(frames[k].pix, final, effect) {
			break
		}
		done = k
	}
	return frames[done].at, len(effect), nil
}

// samePixels reports whether a and b agree at the given offsets (the
// fourth byte of a pixel is padding).
func samePixels(a, b []byte, at []int) bool {
	for _, i := range at {
		if a[i] != b[i] || a[i+1] != b[i+1] || a[i+2] != b[i+2] {
			return false
		}
	}
	return true
}

// Keysyms of the keys the scenarios press.
var keysymOf = map[string]xproto.Keysym{
	"tab": 0xff09, "return": 0xff0d, "escape": 0xff1b, "space": 0x20, "backspace": 0xff08,
	"ctrl": 0xffe3, "shift": 0xffe1, "down": 0xff54, "up": 0xff52, "home": 0xff50, "end": 0xff57,
}

// keysym returns the keysym of a key name: a name above, or one
// character.
func keysym(name string) (xproto.Keysym, error) {
	if s, ok := keysymOf[name]; ok {
		return s, nil
	}
	if len(name) == 1 && name[0] >= 0x20 && name[0] < 0x7f {
		return xproto.Keysym(name[0]), nil
	}
	return 0, fmt.Errorf("unknown key %q", name)
}

// key presses and releases a chord such as "ctrl+e", "tab" or "5".
func (d *latDriver) key(chord string) error {
	parts := strings.Split(chord, "+")
	var codes []xproto.Keycode
	for _, p := range parts {
		s, err := keysym(p)
		if err != nil {
			return err
		}
		k, err := d.x.keycode(s)
		if err != nil {
			return err
		}
		codes = append(codes, k)
	}
	for _, k := range codes {
		if err := d.x.fakeInput(xproto.KeyPress, byte(k), 0, 0); err != nil {
			return err
		}
	}
	for i := len(codes) - 1; i >= 0; i-- {
		if err := d.x.fakeInput(xproto.KeyRelease, byte(codes[i]), 0, 0); err != nil {
			return err
		}
	}
	return nil
}

// typeText types lower-case letters, digits, spaces and punctuation
// without shift, a key at a time.
func (d *latDriver) typeText(s string) error {
	for _, r := range s {
		if err := d.key(string(r)); err != nil {
			return err
		}
		if err := d.x.sync(); err != nil {
			return err
		}
		time.Sleep(15 * time.Millisecond)
	}
	return nil
}

// pointTo moves the pointer to x, y in app's window.
func (d *latDriver) pointTo(a *latApp, x, y int) error {
	return d.x.fakeInput(xproto.MotionNotify, 0, int16(a.x+x), int16(a.y+y))
}

// park moves the pointer off every window.
func (d *latDriver) park() error {
	return d.x.fakeInput(xproto.MotionNotify, 0, d.parkX, d.parkY)
}

// click presses and releases the first mouse button where the pointer is.
func (d *latDriver) click() error {
	if err := d.x.fakeInput(xproto.ButtonPress, 1, 0, 0); err != nil {
		return err
	}
	return d.x.fakeInput(xproto.ButtonRelease, 1, 0, 0)
}

// wheel turns the mouse wheel one notch where the pointer is: button 4
// up, 5 down.
func (d *latDriver) wheel(button byte) error {
	if err := d.x.sync(); err != nil {
		return err
	}
	time.Sleep(20 * time.Millisecond)
	if err := d.x.fakeInput(xproto.ButtonPress, button, 0, 0); err != nil {
		return err
	}
	if err := d.x.fakeInput(xproto.ButtonRelease, button, 0, 0); err != nil {
		return err
	}
	return d.x.sync()
}

// clickAt moves the pointer to x, y in app's window and clicks there, a
// moment later, as a hand would.
func (d *latDriver) clickAt(a *latApp, x, y int) error {
	if err := d.pointTo(a, x, y); err != nil {
		return err
	}
	if err := d.x.sync(); err != nil {
		return err
	}
	time.Sleep(50 * time.Millisecond)
	if err := d.click(); err != nil {
		return err
	}
	return d.x.sync()
}

// focus gives app's window the keyboard, if it does not have it.
func (d *latDriver) focus(a *latApp) error {
	if d.focused == a.win {
		return nil
	}
	d.focused = a.win
	return d.x.focus(a.win)
}
