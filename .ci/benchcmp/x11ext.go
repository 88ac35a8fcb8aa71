package main

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/damage"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"
)

// The rest of the X client the latency benchmark needs: XTEST to send
// keys and clicks as if they came from the keyboard and the mouse, DAMAGE
// to be told when a window is drawn, GetImage to read what it shows, and
// a few core requests (input focus, window position, keyboard mapping).
// The event goroutine records every DamageNotify with the time it was
// read.
//
// A frame's time is that of the last DamageNotify the server sent before
// its GetImage reply, so the client must know where in the events a reply
// fell. The library delivers replies and events separately, but every
// event carries the sequence number of the last request of ours the server
// had handled when it sent it: a DamageNotify sent before the GetImage
// reply carries an earlier number than the GetImage's. After each reply,
// the client sends itself a mark (a ClientMessage to a window of its own),
// and once the mark is read every event before the reply is in the log.

// damageEvent is one DamageNotify: the window drawn, the sequence number
// it carries, and when it was read.
type damageEvent struct {
	window xproto.Drawable
	seq    uint16
	at     time.Time
}

// markSeen is a mark read back: its number, its sequence number and the
// length of the DamageNotify log when it was read.
type markSeen struct {
	n   uint32
	seq uint16
	pos int
}

// xclient is a connection that sends requests and receives their replies
// concurrently with the events.
type xclient struct {
	*xconn
	mu     sync.Mutex
	damage []damageEvent // every DamageNotify, in order
	kick   chan struct{} // signalled (without blocking) after each DamageNotify
	marks  chan markSeen
	mark   xproto.Window // never mapped: the marks are sent to it
	markN  uint32        // the last mark sent

	keysyms map[xproto.Keysym]xproto.Keycode
}

// dialClient connects to display, sets up the DAMAGE and XTEST extensions,
// reads the keyboard map and starts reading the events.
func dialClient(display string) (*xclient, error) {
	x, err := dialX(display)
	if err != nil {
		return nil, err
	}
	c := &xclient{xconn: x, kick: make(chan struct{}, 1), marks: make(chan markSeen, 4)}
	if err := c.setup(); err != nil {
		x.close()
		return nil, fmt.Errorf("display %s: %w", display, err)
	}
	x.listen(c.event)
	return c, nil
}

// setup negotiates DAMAGE 1.1 and XTEST 2.2, creates the window the marks
// go to and reads the keyboard mapping.
func (c *xclient) setup() error {
	if err := damage.Init(c.c); err != nil {
		return fmt.Errorf("DAMAGE: %w", err)
	}
	if _, err := await(damage.QueryVersion(c.c, 1, 1).Reply); err != nil {
		return fmt.Errorf("DAMAGE: %w", err)
	}
	if err := xtest.Init(c.c); err != nil {
		return fmt.Errorf("XTEST: %w", err)
	}
	if _, err := await(xtest.GetVersion(c.c, 2, 2).Reply); err != nil {
		return fmt.Errorf("XTEST: %w", err)
	}
	w, err := xproto.NewWindowId(c.c)
	if err != nil {
		return err
	}
	err = c.check(xproto.CreateWindowChecked(c.c, 0, w, c.root, 0, 0, 1, 1, 0,
		xproto.WindowClassInputOnly, 0, 0, nil))
	if err != nil {
		return fmt.Errorf("create a window: %w", err)
	}
	c.mark = w
	return c.readKeymap()
}

// event records a DamageNotify or a mark.
func (c *xclient) event(ev xgb.Event, at time.Time) {
	switch e := ev.(type) {
	case damage.NotifyEvent:
		c.mu.Lock()
		c.damage = append(c.damage, damageEvent{window: e.Drawable, seq: e.Sequence, at: at})
		c.mu.Unlock()
		select {
		case c.kick <- struct{}{}:
		default:
		}
	case xproto.ClientMessageEvent:
		if e.Window != c.mark || e.Format != 32 {
			return
		}
		c.mu.Lock()
		m := markSeen{n: e.Data.Data32[0], seq: e.Sequence, pos: len(c.damage)}
		c.mu.Unlock()
		select {
		case c.marks <- m:
		default: // nobody waits for it any more
		}
	}
}

// damageBefore returns the length of the DamageNotify log up to the reply
// to the request numbered seq, which has been received.
func (c *xclient) damageBefore(seq uint16) (int, error) {
	c.markN++
	n := c.markN
	msg := xproto.ClientMessageEvent{Format: 32, Window: c.mark,
		Data: xproto.ClientMessageDataUnionData32New([]uint32{n, 0, 0, 0, 0})}
	// With no event mask, the server sends it to the window's creator.
	xproto.SendEvent(c.c, false, c.mark, xproto.EventMaskNoEvent, string(msg.Bytes()))
	timeout := time.After(replyTimeout)
	for {
		select {
		case m := <-c.marks:
			if m.n != n {
				continue // an earlier mark, given up on
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			return cutAt(c.damage[:m.pos], seq, m.seq), nil
		case <-c.lost:
			return 0, errors.New("the X connection was lost")
		case <-timeout:
			return 0, fmt.Errorf("the X server did not send back an event within %v", replyTimeout)
		}
	}
}

// cutAt returns how many of the DamageNotify events logged up to a mark
// (numbered markSeq) came before the reply to request seq. The ones after
// the reply carry a sequence number from seq to markSeq and end the log;
// the ones before, an earlier number. Sequence numbers wrap at 65536, so
// they are compared as differences.
func cutAt(log []damageEvent, seq, markSeq uint16) int {
	i := len(log)
	for i > 0 && int16(log[i-1].seq-seq) >= 0 && int16(markSeq-log[i-1].seq) >= 0 {
		i--
	}
	return i
}

// readKeymap records, for every keysym on the keyboard without a
// modifier, its keycode.
func (c *xclient) readKeymap() error {
	s := xproto.Setup(c.c)
	n := int(s.MaxKeycode) - int(s.MinKeycode) + 1
	r, err := await(xproto.GetKeyboardMapping(c.c, s.MinKeycode, byte(n)).Reply)
	if err != nil {
		return fmt.Errorf("read the keyboard mapping: %w", err)
	}
	per := int(r.KeysymsPerKeycode)
	c.keysyms = map[xproto.Keysym]xproto.Keycode{}
	for i := 0; per > 0 && i < n && i*per < len(r.Keysyms); i++ {
		sym := r.Keysyms[i*per]
		if _, seen := c.keysyms[sym]; sym != 0 && !seen {
			c.keysyms[sym] = s.MinKeycode + xproto.Keycode(i)
		}
	}
	return nil
}

// keycode returns the keycode of a keysym.
func (c *xclient) keycode(sym xproto.Keysym) (xproto.Keycode, error) {
	k, ok := c.keysyms[sym]
	if !ok {
		return 0, fmt.Errorf("no key on the X keyboard gives keysym %#x", sym)
	}
	return k, nil
}

// fakeInput sends one XTEST event without waiting: a key or button press
// or release (typ xproto.KeyPress … xproto.ButtonRelease; detail is the
// keycode or button), or a pointer motion (xproto.MotionNotify) to x, y on
// the root window. Its only error is a lost connection.
func (c *xclient) fakeInput(typ, detail byte, x, y int16) error {
	root := xproto.Window(0)
	if typ == xproto.MotionNotify {
		root = c.root
	}
	xtest.FakeInput(c.c, typ, detail, 0, root, x, y, 0)
	select {
	case <-c.lost:
		return errors.New("the X connection was lost")
	default:
		return nil
	}
}

// watchDamage asks for a DamageNotify whenever window w is drawn.
func (c *xclient) watchDamage(w xproto.Window) error {
	id, err := damage.NewDamageId(c.c)
	if err != nil {
		return err
	}
	// Raw: one DamageNotify per drawing operation.
	return c.check(damage.CreateChecked(c.c, id, xproto.Drawable(w), damage.ReportLevelRawRectangles))
}

// focus gives window w the keyboard.
func (c *xclient) focus(w xproto.Window) error {
	return c.check(xproto.SetInputFocusChecked(c.c, xproto.InputFocusPointerRoot, w, xproto.TimeCurrentTime))
}

// move places window w at x, y on the root window.
func (c *xclient) move(w xproto.Window, x, y int) error {
	return c.check(xproto.ConfigureWindowChecked(c.c, w, xproto.ConfigWindowX|xproto.ConfigWindowY,
		[]uint32{uint32(x), uint32(y)}))
}

// geometry returns window w's position and size.
func (c *xclient) geometry(w xproto.Window) (x, y, width, height int, err error) {
	r, err := await(xproto.GetGeometry(c.c, xproto.Drawable(w)).Reply)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	return int(r.X), int(r.Y), int(r.Width), int(r.Height), nil
}

// ximage is what a window showed: 32-bit pixels, row by row.
type ximage struct {
	w, h    int
	pix     []byte
	nDamage int // DamageNotify events read before the server sent it
}

// getImage reads the whole of window w (width × height).
func (c *xclient) getImage(w xproto.Window, width, height int) (ximage, error) {
	ck := xproto.GetImage(c.c, xproto.ImageFormatZPixmap, xproto.Drawable(w), 0, 0, uint16(width), uint16(height), 0xffffffff)
	r, err := await(ck.Reply)
	if err != nil {
		return ximage{}, fmt.Errorf("read the window's pixels: %w", err)
	}
	if len(r.Data) < width*height*4 {
		return ximage{}, fmt.Errorf("read the window's pixels: %d bytes for %dx%d (not 32 bits a pixel)", len(r.Data), width, height)
	}
	n, err := c.damageBefore(ck.Sequence)
	if err != nil {
		return ximage{}, err
	}
	return ximage{w: width, h: height, pix: r.Data[:width*height*4], nDamage: n}, nil
}

// damageSince returns the DamageNotify events of window w from position
// from of the log up to (not including) position to; to < 0 means all.
func (c *xclient) damageSince(w xproto.Window, from, to int) []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if to < 0 || to > len(c.damage) {
		to = len(c.damage)
	}
	var out []time.Time
	for _, d := range c.damage[min(from, to):to] {
		if d.window == xproto.Drawable(w) {
			out = append(out, d.at)
		}
	}
	return out
}

// damageLen is the length of the DamageNotify log.
func (c *xclient) damageLen() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.damage)
}

// damageAfter returns window w's DamageNotify events from position from of
// the log on, and the log's length.
func (c *xclient) damageAfter(w xproto.Window, from int) ([]time.Time, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Time
	for _, d := range c.damage[min(from, len(c.damage)):] {
		if d.window == xproto.Drawable(w) {
			out = append(out, d.at)
		}
	}
	return out, len(c.damage)
}
