package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"
)

// The rest of the X client the latency benchmark needs: XTEST to send
// keys and clicks as if they came from the keyboard and the mouse, DAMAGE
// to be told when a window is drawn, GetImage to read what it shows, and
// a few core requests (input focus, window position, keyboard mapping).
// Requests and replies go over one connection; a reader goroutine hands
// replies to their callers and records every DamageNotify with the time it
// was read.

// More X11 protocol numbers.
const (
	opConfigureWindow    = 12
	opGetGeometry        = 14
	opSetInputFocus      = 42
	opGetImage           = 73
	opQueryExtension     = 98
	opGetKeyboardMapping = 101

	damageQueryVersion = 0
	damageCreate       = 1
	damageReportRaw    = 0 // one DamageNotify per drawing operation
	xtestGetVersion    = 0
	xtestFakeInput     = 2

	evKeyPress      = 2
	evKeyRelease    = 3
	evButtonPress   = 4
	evButtonRelease = 5
	evMotionNotify  = 6

	formatZPixmap = 2
	revertToRoot  = 1
	cwX, cwY      = 1, 2
)

// damageEvent is one DamageNotify: the window drawn and when it was read.
type damageEvent struct {
	window uint32
	at     time.Time
}

// xreply is a reply (or an X error) to one request, with the number of
// DamageNotify events read before it: whatever the server drew before it
// answered is in the log up to there.
type xreply struct {
	data    []byte
	nDamage int
}

// xclient is a connection that sends requests and receives their replies
// concurrently with the events.
type xclient struct {
	*xconn
	mu      sync.Mutex
	nextID  uint32
	waiting map[uint16]chan xreply
	damage  []damageEvent // every DamageNotify, in order
	kick    chan struct{} // signalled (without blocking) after each DamageNotify
	maps    chan uint32   // windows mapped (MapNotify on the root)
	lost    chan struct{} // closed when the connection fails
	lostErr error

	damageOp, damageEvent0, xtestOp uint8
	keysyms                         map[uint32]uint8 // keysym → keycode
}

// dialClient connects to display, starts the reader, and sets up the
// DAMAGE and XTEST extensions and the keyboard map.
func dialClient(display string) (*xclient, error) {
	x, err := dialX(display)
	if err != nil {
		return nil, err
	}
	if err := x.watchMaps(); err != nil {
		x.c.Close()
		return nil, err
	}
	c := &xclient{xconn: x, waiting: map[uint16]chan xreply{}, kick: make(chan struct{}, 1),
		maps: make(chan uint32, 64), lost: make(chan struct{})}
	go c.reader()
	if err := c.setupExtensions(); err != nil {
		c.close()
		return nil, fmt.Errorf("display %s: %w", display, err)
	}
	return c, nil
}

// reader dispatches everything the server sends until the connection ends.
func (c *xclient) reader() {
	for {
		p, err := c.read()
		if err != nil {
			c.mu.Lock()
			c.lostErr = err
			c.mu.Unlock()
			close(c.lost)
			return
		}
		switch {
		case p[0] == 0 || p[0] == 1: // error or reply
			seq := binary.LittleEndian.Uint16(p[2:])
			c.mu.Lock()
			ch := c.waiting[seq]
			delete(c.waiting, seq)
			n := len(c.damage)
			c.mu.Unlock()
			if ch != nil {
				ch <- xreply{data: p, nDamage: n}
			}
		case c.damageOp != 0 && p[0]&0x7f == c.damageEvent0:
			c.mu.Lock()
			c.damage = append(c.damage, damageEvent{window: binary.LittleEndian.Uint32(p[4:]), at: time.Now()})
			c.mu.Unlock()
			select {
			case c.kick <- struct{}{}:
			default:
			}
		default:
			if w, ok := mapNotify(p); ok {
				select {
				case c.maps <- w:
				default:
				}
			}
		}
	}
}

// post sends a request that has no reply.
func (c *xclient) post(req []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := c.send(req)
	return err
}

// call sends a request and waits for its reply; an X error is returned as
// an error.
func (c *xclient) call(req []byte) (xreply, error) {
	ch := make(chan xreply, 1)
	c.mu.Lock()
	seq, err := c.send(req)
	if err == nil {
		c.waiting[seq] = ch
	}
	c.mu.Unlock()
	if err != nil {
		return xreply{}, err
	}
	select {
	case r := <-ch:
		if r.data[0] == 0 {
			return r, fmt.Errorf("the X server refused request %d.%d (error %d)", r.data[10], binary.LittleEndian.Uint16(r.data[8:]), r.data[1])
		}
		return r, nil
	case <-c.lost:
		return xreply{}, fmt.Errorf("the X connection was lost: %v", c.lostErr)
	case <-time.After(10 * time.Second):
		return xreply{}, errors.New("the X server did not answer within 10 s")
	}
}

// sync waits until the server has handled every request sent so far.
func (c *xclient) sync() error {
	req := make([]byte, 4)
	req[0] = opGetInputFocus
	_, err := c.call(req)
	return err
}

// newID returns a fresh resource id.
func (c *xclient) newID() uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextID++
	return c.idBase | (c.nextID & c.idMask)
}

// queryExtension returns an extension's major opcode and first event.
func (c *xclient) queryExtension(name string) (op, event uint8, err error) {
	req := make([]byte, 8+(len(name)+3)/4*4)
	req[0] = opQueryExtension
	binary.LittleEndian.PutUint16(req[4:], uint16(len(name)))
	copy(req[8:], name)
	r, err := c.call(req)
	if err != nil {
		return 0, 0, err
	}
	if r.data[8] == 0 {
		return 0, 0, fmt.Errorf("the X server has no %s extension", name)
	}
	return r.data[9], r.data[10], nil
}

// setupExtensions negotiates DAMAGE 1.1 and XTEST 2.2 and reads the
// keyboard mapping.
func (c *xclient) setupExtensions() error {
	op, ev, err := c.queryExtension("DAMAGE")
	if err != nil {
		return err
	}
	req := make([]byte, 12)
	req[0], req[1] = op, damageQueryVersion
	binary.LittleEndian.PutUint32(req[4:], 1)
	binary.LittleEndian.PutUint32(req[8:], 1)
	if _, err := c.call(req); err != nil {
		return fmt.Errorf("DAMAGE: %w", err)
	}
	c.mu.Lock()
	c.damageOp, c.damageEvent0 = op, ev
	c.mu.Unlock()

	if c.xtestOp, _, err = c.queryExtension("XTEST"); err != nil {
		return err
	}
	req = make([]byte, 8)
	req[0], req[1], req[4] = c.xtestOp, xtestGetVersion, 2
	binary.LittleEndian.PutUint16(req[6:], 2)
	if _, err := c.call(req); err != nil {
		return fmt.Errorf("XTEST: %w", err)
	}
	return c.readKeymap()
}

// readKeymap records, for every keysym on the keyboard without a
// modifier, its keycode.
func (c *xclient) readKeymap() error {
	n := int(c.maxKey) - int(c.minKeycode) + 1
	req := make([]byte, 8)
	req[0], req[4], req[5] = opGetKeyboardMapping, c.minKeycode, uint8(n)
	r, err := c.call(req)
	if err != nil {
		return fmt.Errorf("read the keyboard mapping: %w", err)
	}
	per := int(r.data[1])
	c.keysyms = map[uint32]uint8{}
	for i := 0; i < n; i++ {
		off := 32 + 4*i*per
		if per == 0 || off+4 > len(r.data) {
			break
		}
		sym := binary.LittleEndian.Uint32(r.data[off:])
		if _, seen := c.keysyms[sym]; sym != 0 && !seen {
			c.keysyms[sym] = c.minKeycode + uint8(i)
		}
	}
	return nil
}

// keycode returns the keycode of a keysym.
func (c *xclient) keycode(sym uint32) (uint8, error) {
	k, ok := c.keysyms[sym]
	if !ok {
		return 0, fmt.Errorf("no key on the X keyboard gives keysym %#x", sym)
	}
	return k, nil
}

// fakeInput sends one XTEST event: a key or button press or release
// (detail is the keycode or button), or a pointer motion to x, y on the
// root window.
func (c *xclient) fakeInput(typ, detail uint8, x, y int16) error {
	req := make([]byte, 36)
	req[0], req[1], req[4], req[5] = c.xtestOp, xtestFakeInput, typ, detail
	if typ == evMotionNotify {
		binary.LittleEndian.PutUint32(req[12:], c.root)
		binary.LittleEndian.PutUint16(req[24:], uint16(x))
		binary.LittleEndian.PutUint16(req[26:], uint16(y))
	}
	return c.post(req)
}

// watchDamage asks for a DamageNotify whenever window w is drawn.
func (c *xclient) watchDamage(w uint32) error {
	req := make([]byte, 16)
	req[0], req[1] = c.damageOp, damageCreate
	binary.LittleEndian.PutUint32(req[4:], c.newID())
	binary.LittleEndian.PutUint32(req[8:], w)
	req[12] = damageReportRaw
	if err := c.post(req); err != nil {
		return err
	}
	return c.sync()
}

// focus gives window w the keyboard.
func (c *xclient) focus(w uint32) error {
	req := make([]byte, 12)
	req[0], req[1] = opSetInputFocus, revertToRoot
	binary.LittleEndian.PutUint32(req[4:], w)
	if err := c.post(req); err != nil {
		return err
	}
	return c.sync()
}

// move places window w at x, y on the root window.
func (c *xclient) move(w uint32, x, y int) error {
	req := make([]byte, 20)
	req[0] = opConfigureWindow
	binary.LittleEndian.PutUint32(req[4:], w)
	binary.LittleEndian.PutUint16(req[8:], cwX|cwY)
	binary.LittleEndian.PutUint32(req[12:], uint32(x))
	binary.LittleEndian.PutUint32(req[16:], uint32(y))
	if err := c.post(req); err != nil {
		return err
	}
	return c.sync()
}

// geometry returns window w's position and size.
func (c *xclient) geometry(w uint32) (x, y, width, height int, err error) {
	req := make([]byte, 8)
	req[0] = opGetGeometry
	binary.LittleEndian.PutUint32(req[4:], w)
	r, err := c.call(req)
	if err != nil {
		return 0, 0, 0, 0, err
	}
	d := r.data
	return int(int16(binary.LittleEndian.Uint16(d[12:]))), int(int16(binary.LittleEndian.Uint16(d[14:]))),
		int(binary.LittleEndian.Uint16(d[16:])), int(binary.LittleEndian.Uint16(d[18:])), nil
}

// ximage is what a window showed: 32-bit pixels, row by row.
type ximage struct {
	w, h    int
	pix     []byte
	nDamage int // DamageNotify events read before the server sent it
}

// getImage reads the whole of window w (width × height).
func (c *xclient) getImage(w uint32, width, height int) (ximage, error) {
	req := make([]byte, 20)
	req[0], req[1] = opGetImage, formatZPixmap
	binary.LittleEndian.PutUint32(req[4:], w)
	binary.LittleEndian.PutUint16(req[12:], uint16(width))
	binary.LittleEndian.PutUint16(req[14:], uint16(height))
	binary.LittleEndian.PutUint32(req[16:], 0xffffffff)
	r, err := c.call(req)
	if err != nil {
		return ximage{}, fmt.Errorf("read the window's pixels: %w", err)
	}
	pix := r.data[replyHeaderLen:]
	if len(pix) < width*height*4 {
		return ximage{}, fmt.Errorf("read the window's pixels: %d bytes for %dx%d (not 32 bits a pixel)", len(pix), width, height)
	}
	return ximage{w: width, h: height, pix: pix[:width*height*4], nDamage: r.nDamage}, nil
}

// damageSince returns the DamageNotify events of window w from position
// from of the log up to (not including) position to; to < 0 means all.
func (c *xclient) damageSince(w uint32, from, to int) []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if to < 0 || to > len(c.damage) {
		to = len(c.damage)
	}
	var out []time.Time
	for _, d := range c.damage[min(from, to):to] {
		if d.window == w {
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
func (c *xclient) damageAfter(w uint32, from int) ([]time.Time, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []time.Time
	for _, d := range c.damage[min(from, len(c.damage)):] {
		if d.window == w {
			out = append(out, d.at)
		}
	}
	return out, len(c.damage)
}

func putU32(b []byte, v uint32) { binary.LittleEndian.PutUint32(b, v) }
