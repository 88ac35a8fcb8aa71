package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// A minimal X11 client: just enough of the core protocol to be told when a
// top-level window is mapped (MapNotify on the root window, selected with
// SubstructureNotifyMask) and to read a window's WM_NAME. Being told by the
// server, rather than polling it, times the map to well under a
// millisecond and takes no CPU from the program being measured.

// X11 protocol numbers used here.
const (
	opChangeWindowAttributes = 2
	opGetProperty            = 20
	opGetInputFocus          = 43

	cwEventMask             = 1 << 11
	substructureNotifyMask  = 1 << 19
	evMapNotify             = 19
	atomWMName              = 39
	anyPropertyType         = 0
	maxNameWords            = 64 // WM_NAME bytes read: 4*64
	replyHeaderLen          = 32
	connectionSetupReplyLen = 8
)

// xconn is a connection to an X server.
type xconn struct {
	c    net.Conn
	r    *bufio.Reader
	root uint32
	seq  uint16 // sequence number of the last request sent

	// From the setup reply: where this client's resource ids come from,
	// and the keyboard's keycode range.
	idBase, idMask     uint32
	minKeycode, maxKey uint8
	done               chan struct{} // closed by close
}

// xpacket is an event, reply or error read from the server, with the time
// it was read.
type xpacket struct {
	at   time.Time
	data []byte // 32 bytes, plus a reply's extra data
	err  error
}

// dialX connects to display (":N" or ":N.S") through its Unix socket. It
// offers no authorisation: the benchmark's own Xvfb is started without
// -auth, which lets local clients in.
func dialX(display string) (*xconn, error) {
	d := strings.TrimPrefix(display, "unix")
	if !strings.HasPrefix(d, ":") {
		return nil, fmt.Errorf("display %q: only local displays like :97 are supported", display)
	}
	num := strings.SplitN(d[1:], ".", 2)[0]
	if _, err := strconv.Atoi(num); err != nil {
		return nil, fmt.Errorf("display %q: no display number", display)
	}
	c, err := net.Dial("unix", "/tmp/.X11-unix/X"+num)
	if err != nil {
		return nil, fmt.Errorf("connect to display %s: %w", display, err)
	}
	x := &xconn{c: c, r: bufio.NewReader(c), done: make(chan struct{})}
	if err := x.setup(); err != nil {
		c.Close()
		return nil, fmt.Errorf("connect to display %s: %w", display, err)
	}
	return x, nil
}

// setup does the connection handshake and finds the first screen's root.
func (x *xconn) setup() error {
	req := make([]byte, 12)
	req[0] = 'l' // little-endian
	binary.LittleEndian.PutUint16(req[2:], 11)
	if _, err := x.c.Write(req); err != nil {
		return err
	}
	head := make([]byte, connectionSetupReplyLen)
	if _, err := io.ReadFull(x.r, head); err != nil {
		return fmt.Errorf("read the setup reply: %w", err)
	}
	extra := make([]byte, 4*int(binary.LittleEndian.Uint16(head[6:])))
	if _, err := io.ReadFull(x.r, extra); err != nil {
		return fmt.Errorf("read the setup reply: %w", err)
	}
	if head[0] != 1 {
		reason := extra
		if n := int(head[1]); n <= len(reason) {
			reason = reason[:n]
		}
		return fmt.Errorf("the server refused the connection: %s", strings.TrimSpace(string(reason)))
	}
	if len(extra) < 32 {
		return errors.New("the setup reply is too short")
	}
	vendor := int(binary.LittleEndian.Uint16(extra[16:]))
	formats := int(extra[21])
	off := 32 + (vendor+3)/4*4 + 8*formats
	if extra[20] == 0 || len(extra) < off+4 {
		return errors.New("the setup reply lists no screen")
	}
	x.root = binary.LittleEndian.Uint32(extra[off:])
	x.idBase = binary.LittleEndian.Uint32(extra[4:])
	x.idMask = binary.LittleEndian.Uint32(extra[8:])
	x.minKeycode, x.maxKey = extra[26], extra[27]
	return nil
}

// send writes one request (its length field is filled in) and returns its
// sequence number.
func (x *xconn) send(req []byte) (uint16, error) {
	binary.LittleEndian.PutUint16(req[2:], uint16(len(req)/4))
	if _, err := x.c.Write(req); err != nil {
		return 0, err
	}
	x.seq++
	return x.seq, nil
}

// watchMaps asks for MapNotify events of the root window's children and
// makes sure the server has applied it (a round trip) before returning.
func (x *xconn) watchMaps() error {
	req := make([]byte, 16)
	req[0] = opChangeWindowAttributes
	binary.LittleEndian.PutUint32(req[4:], x.root)
	binary.LittleEndian.PutUint32(req[8:], cwEventMask)
	binary.LittleEndian.PutUint32(req[12:], substructureNotifyMask)
	if _, err := x.send(req); err != nil {
		return err
	}
	sync := make([]byte, 4)
	sync[0] = opGetInputFocus
	seq, err := x.send(sync)
	if err != nil {
		return err
	}
	for {
		p, err := x.read()
		if err != nil {
			return err
		}
		switch p[0] {
		case 0:
			return fmt.Errorf("selecting events on the root window failed (X error %d)", p[1])
		case 1:
			if binary.LittleEndian.Uint16(p[2:]) == seq {
				return nil
			}
		}
	}
}

// askName sends GetProperty(WM_NAME) for window w and returns the
// request's sequence number; the reply comes through packets.
func (x *xconn) askName(w uint32) (uint16, error) {
	req := make([]byte, 24)
	req[0] = opGetProperty
	binary.LittleEndian.PutUint32(req[4:], w)
	binary.LittleEndian.PutUint32(req[8:], atomWMName)
	binary.LittleEndian.PutUint32(req[12:], anyPropertyType)
	binary.LittleEndian.PutUint32(req[20:], maxNameWords)
	return x.send(req)
}

// read reads one packet: 32 bytes, plus a reply's extra data.
func (x *xconn) read() ([]byte, error) {
	p := make([]byte, replyHeaderLen)
	if _, err := io.ReadFull(x.r, p); err != nil {
		return nil, err
	}
	if p[0] == 1 {
		if n := binary.LittleEndian.Uint32(p[4:]); n > 0 {
			extra := make([]byte, 4*int(n))
			if _, err := io.ReadFull(x.r, extra); err != nil {
				return nil, err
			}
			p = append(p, extra...)
		}
	}
	return p, nil
}

// packets reads packets until the connection fails or is closed and sends
// them, with the time each was read, on the returned channel.
func (x *xconn) packets() <-chan xpacket {
	ch := make(chan xpacket, 64)
	go func() {
		defer close(ch)
		for {
			p, err := x.read()
			select {
			case ch <- xpacket{at: time.Now(), data: p, err: err}:
			case <-x.done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// mapNotify returns the window of a MapNotify event.
func mapNotify(p []byte) (uint32, bool) {
	if p[0]&0x7f != evMapNotify {
		return 0, false
	}
	return binary.LittleEndian.Uint32(p[8:]), true
}

// propertyReply returns the sequence number and value of a GetProperty
// reply.
func propertyReply(p []byte) (uint16, string, bool) {
	if p[0] != 1 || len(p) < replyHeaderLen {
		return 0, "", false
	}
	seq := binary.LittleEndian.Uint16(p[2:])
	format := int(p[1])
	n := int(binary.LittleEndian.Uint32(p[16:])) * max(format/8, 1)
	if format == 0 {
		n = 0
	}
	val := p[replyHeaderLen:]
	if n < len(val) {
		val = val[:n]
	}
	return seq, string(val), true
}

// errorSeq returns the sequence number of an X error.
func errorSeq(p []byte) (uint16, bool) {
	if p[0] != 0 {
		return 0, false
	}
	return binary.LittleEndian.Uint16(p[2:]), true
}

// close closes the connection.
func (x *xconn) close() error {
	close(x.done)
	return x.c.Close()
}
