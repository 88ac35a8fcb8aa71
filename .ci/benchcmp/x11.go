package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// The benchmark's X client, on github.com/jezek/xgb. It is told when a
// top-level window is mapped (MapNotify on the root window, selected with
// SubstructureNotifyMask) and reads a window's WM_NAME. Being told by the
// server, rather than polling it, times the map to well under a
// millisecond and takes no CPU from the program being measured: one
// goroutine takes every event from the library as soon as it is read and
// stamps it with that time.

// replyTimeout bounds every wait for the server: one that does not answer
// within it is stuck, and the benchmark says so instead of hanging.
const replyTimeout = 10 * time.Second

// maxNameWords is how much of WM_NAME is read, in 4-byte units.
const maxNameWords = 64

func init() {
	// The benchmark's Xvfbs run without -auth, so the library would note on
	// every connection that it found no authority file. Whatever does go
	// wrong reaches the benchmark as an error from a request or as the end
	// of the events.
	xgb.Logger = log.New(io.Discard, "", 0)
}

// xconn is a connection to an X server.
type xconn struct {
	c    *xgb.Conn
	root xproto.Window
	maps chan mapped   // top-level windows mapped, once listen runs
	lost chan struct{} // closed when the events end: the connection is closed or failed
}

// mapped is one MapNotify: the window and when it was read.
type mapped struct {
	win xproto.Window
	at  time.Time
}

// dialX connects to display (":N" or ":N.S") and asks to be told of the
// root window's children being mapped. The events wait in the library
// until listen starts reading them.
func dialX(display string) (*xconn, error) {
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, fmt.Errorf("connect to display %s: %w", display, err)
	}
	setup := xproto.Setup(c)
	if setup == nil || len(setup.Roots) <= c.DefaultScreen {
		c.Close()
		return nil, fmt.Errorf("display %s: the server lists no screen", display)
	}
	x := &xconn{c: c, root: setup.DefaultScreen(c).Root, maps: make(chan mapped, 64), lost: make(chan struct{})}
	// Checked: the server has applied it before dialX returns.
	err = x.check(xproto.ChangeWindowAttributesChecked(c, x.root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskSubstructureNotify}))
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("display %s: select the root window's events: %w", display, err)
	}
	return x, nil
}

// listen starts the goroutine that reads the events: MapNotify goes to
// x.maps (dropped if nobody reads them), every other event to other, if
// set, with the time it was read. X errors of requests sent without
// waiting for an answer (the input) are not reported, as nothing waits for
// them.
func (x *xconn) listen(other func(ev xgb.Event, at time.Time)) {
	go func() {
		defer close(x.lost)
		for {
			ev, xerr := x.c.WaitForEvent()
			at := time.Now()
			switch {
			case ev == nil && xerr == nil:
				return // the connection is closed or failed
			case xerr != nil:
				continue
			}
			if m, ok := ev.(xproto.MapNotifyEvent); ok {
				select {
				case x.maps <- mapped{win: m.Window, at: at}:
				default:
				}
				continue
			}
			if other != nil {
				other(ev, at)
			}
		}
	}()
}

// await waits for the answer to a request: reply is its cookie's Reply or
// Check. The connection's end and a silent server are errors.
func await[R any](reply func() (R, error)) (R, error) {
	type answer struct {
		r   R
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		r, err := reply()
		ch <- answer{r, err}
	}()
	select {
	case a := <-ch:
		if errors.Is(a.err, io.EOF) {
			return a.r, fmt.Errorf("the X connection was lost: %w", a.err)
		}
		return a.r, a.err
	case <-time.After(replyTimeout):
		var zero R
		return zero, fmt.Errorf("the X server did not answer within %v", replyTimeout)
	}
}

// checker is the cookie of a checked request without a reply.
type checker interface{ Check() error }

// check waits until the server has handled a checked request and returns
// its X error, if any.
func (x *xconn) check(ck checker) error {
	_, err := await(func() (struct{}, error) { return struct{}{}, ck.Check() })
	return err
}

// sync waits until the server has handled every request sent so far.
func (x *xconn) sync() error {
	_, err := await(xproto.GetInputFocus(x.c).Reply)
	return err
}

// windowName reads window w's WM_NAME. A window that went away meanwhile
// gives an xgb.Error.
func (x *xconn) windowName(w xproto.Window) (string, error) {
	r, err := await(xproto.GetProperty(x.c, false, w, xproto.AtomWmName, xproto.GetPropertyTypeAny, 0, maxNameWords).Reply)
	if err != nil {
		return "", err
	}
	return string(r.Value), nil
}

// close closes the connection; the events end.
func (x *xconn) close() {
	x.c.Close()
}
