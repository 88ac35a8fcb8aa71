package team

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"devpath/tracker"
)

// JoinStore is what Join needs of the local store.
type JoinStore interface {
	Progress() (tracker.Progress, error)
	JoinTeam(url string, shareEvidence bool) error
}

// Join checks that the team database conn is connected to has its schema,
// sets the name the role's managers see (name, else the profile's name,
// else the role; one no other person has, see SetDisplayName) and links st to it, keeping rawURL without any password.
// The command line and the window join through it alike; it returns the
// name set and the URL kept.
func Join(ctx context.Context, conn *Conn, st JoinStore, rawURL string, share bool, name string) (display, stored string, err error) {
	if _, err := conn.Version(ctx); err != nil {
		return "", "", err
	}
	// A name given is checked as it is; the profile's, when it breaks the
	// rules of display names, gives way to the role's.
	if strings.TrimSpace(name) != "" {
		if display, err = CheckDisplayName(name); err != nil {
			return "", "", err
		}
	} else if p, err := st.Progress(); err == nil {
		display, _ = CheckDisplayName(p.Profile.Name)
	}
	if display == "" {
		display = conn.Role()
	}
	if err := conn.SetDisplayName(ctx, display); err != nil {
		return "", "", err
	}
	stored = Redact(rawURL)
	if err := st.JoinTeam(stored, share); err != nil {
		return "", "", fmt.Errorf("link this database to the team: %w", err)
	}
	return display, stored, nil
}

// LinkedQueue is a store's outbox together with its link to a team.
type LinkedQueue interface {
	Queue
	Team() (tracker.TeamLink, bool, error)
}

// QuietTimeout bounds connecting when publishing right after a check-in:
// the check-in is saved already, and a server out of reach must not keep
// the user waiting.
const QuietTimeout = 5 * time.Second

// PublishQueued publishes what st has queued when it joined a team, as a
// check-in does right after saving: it connects within QuietTimeout and
// never asks for a password (the URL, PGPASSWORD or the password file give
// one, or none is used). The newest check-in carries plan's plan (see
// Conn.Publish). joined is false when st joined no team; nothing is done
// then.
func PublishQueued(ctx context.Context, st LinkedQueue, plan PlanFunc) (res PublishResult, joined bool, err error) {
	link, ok, err := st.Team()
	if err != nil || !ok {
		return PublishResult{}, ok, err
	}
	conn, err := Connect(ctx, link.URL, Options{Timeout: QuietTimeout})
	if err != nil {
		return PublishResult{}, true, err
	}
	defer conn.Close()
	res, err = conn.Publish(ctx, st, plan)
	return res, true, err
}

// WithPassword returns rawURL with password as its password parameter,
// which takes precedence over PGPASSWORD and the password file; an empty
// password leaves rawURL as it is. Redact takes it out again.
func WithPassword(rawURL, password string) string {
	if password == "" {
		return rawURL
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	q := u.Query()
	q.Set("password", password)
	u.RawQuery = q.Encode()
	return u.String()
}
