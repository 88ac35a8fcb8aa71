package team

import (
	"context"
	"fmt"
	"os"
	"testing"

	"devpath/tracker/team/teamtest"
)

// pg is the server every test of the package uses.
var pg *teamtest.Cluster

func TestMain(m *testing.M) {
	c, err := teamtest.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "team tests:", err)
		os.Exit(1)
	}
	pg = c
	code := m.Run()
	if err := c.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "team tests:", err)
		code = 1
	}
	c.Remove()
	os.Exit(code)
}

// connect connects as role through Connect, the password given by the
// prompt function (as a terminal would); closed when the test ends.
func connect(t testing.TB, role string) *Conn {
	t.Helper()
	c, err := Connect(context.Background(), pg.URL(role), Options{Password: func() (string, error) { return teamtest.Password(role), nil }})
	if err != nil {
		t.Fatalf("connect as %s: %v", role, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
