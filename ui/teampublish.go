package ui

import (
	"context"
	"fmt"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/team"
)

// publishingStore is the store the Dashboard checks in through: once a
// check-in is saved (and queued for the team, in the same transaction), it
// publishes the queue in the background when the database joined a team,
// as 'devpath checkin' does.
type publishingStore struct {
	*core.DB
	e *env
}

// CheckInNow saves the check-in, then starts publishing.
func (p publishingStore) CheckInNow(label string, rm *roadmap.Roadmap, today time.Time) (tracker.CheckIn, error) {
	c, err := p.DB.CheckInNow(label, rm, today)
	if err == nil {
		publishInBackground(p.DB, p.e)
	}
	return c, err
}

// teamPublisher publishes the local outbox to the team database joined.
type teamPublisher interface {
	PublishQueued(ctx context.Context) (res team.PublishResult, joined bool, err error)
}

// publishInBackground publishes what st has queued, off the UI goroutine.
// A failure is one line in the status line: the check-in stays queued for
// Settings ▸ Team ▸ Publish now or 'devpath team publish'. So is a publish
// that left the plan out (an older server's schema), with what to do.
func publishInBackground(st teamPublisher, e *env) {
	var joined bool
	var res team.PublishResult
	e.async(func() (err error) {
		res, joined, err = st.PublishQueued(context.Background())
		return err
	}, func(err error) {
		if !joined {
			return
		}
		if e.notify != nil {
			switch {
			case err != nil:
				e.notify(publishFailedNotice(err))
			case res.Note() != "":
				e.notify("The check-in is published: " + res.Note() + ".")
			}
		}
		e.changed() // the queue Settings shows
	})
}

// publishFailedNotice is the status line's word that publishing failed.
func publishFailedNotice(err error) string {
	return fmt.Sprintf("The check-in is queued for the team but not published: %s.", errorWords(err))
}
