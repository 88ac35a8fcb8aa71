package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"devpath/tracker"
	"devpath/tracker/team"
)

// teamStore is what the Team card of Settings and the Team screen need of
// the store: its link to a team and the outbox of check-ins to publish.
type teamStore interface {
	Team() (tracker.TeamLink, bool, error)
	LeaveTeam() error
	TeamQueueCounts() (pending, published int, err error)
	// Join, PublishQueued and ConnectJoined reach the team database
	// through the core, which makes every connection to it.
	Join(ctx context.Context, rawURL, password string, share bool, name string) (display, stored string, err error)
	PublishQueued(ctx context.Context) (res team.PublishResult, joined bool, err error)
	ConnectJoined(ctx context.Context) (conn *team.Conn, joined bool, err error)
}

// teamState is the link and the queue, read together off the UI goroutine.
type teamState struct {
	link    tracker.TeamLink
	joined  bool
	pending int
}

func readTeamState(st teamStore) (teamState, error) {
	var s teamState
	var err error
	if s.link, s.joined, err = st.Team(); err != nil || !s.joined {
		return s, err
	}
	s.pending, _, err = st.TeamQueueCounts()
	return s, err
}

// teamCard is the Team card of Settings: join a team database, leave it,
// and see and send what is waiting to be published. The password typed
// is used for one connection and then cleared; it is never stored.
type teamCard struct {
	store teamStore
	e     *env
	state teamState
	busy  bool
	// readOnly: the database is open read-only, so joining, leaving and
	// publishing (which marks the queue) cannot be saved.
	readOnly bool

	url      *widget.Entry
	password *widget.Entry
	share    *widget.Check
	join     *widget.Button
	info     *widget.Label // where the database is linked, or how to join
	queue    *widget.Label // "3 check-ins waiting to be published"
	publish  *widget.Button
	leave    *widget.Button
	result   *widget.Label // the last action's outcome or error, one line
	joinForm fyne.CanvasObject
	root     fyne.CanvasObject
}

func newTeamCard(st teamStore, e *env) *teamCard {
	c := &teamCard{store: st, e: e}
	c.url = &widget.Entry{PlaceHolder: "postgres://you@db.example.com/devpath"}
	c.password = widget.NewPasswordEntry()
	c.password.PlaceHolder = "Empty: PGPASSWORD or ~/.pgpass"
	c.share = &widget.Check{Text: "Share the titles and links of my evidence"}
	c.join = &widget.Button{Text: "Join", Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: c.onJoin}
	c.info = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.queue = &widget.Label{}
	c.publish = &widget.Button{Text: "Publish now", Icon: theme.UploadIcon(), OnTapped: c.onPublish}
	c.leave = &widget.Button{Text: "Leave the team", Icon: theme.LogoutIcon(), OnTapped: c.onLeave}
	c.result = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	c.joinForm = container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Database URL", c.url),
			widget.NewFormItem("Password", c.password),
		),
		c.share,
		container.NewHBox(c.join),
	)
	explain := &widget.Label{
		Text:     "Each check-in made after joining is shared: stage, readiness scores, verdict and each entry's level. Notes, labels, your profile and the password never leave this computer.",
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance,
	}
	c.root = container.NewVBox(c.info, c.joinForm, c.queue, container.NewHBox(c.publish, c.leave), c.result, explain)
	c.show()
	return c
}

// refresh reads the link and the queue again.
func (c *teamCard) refresh() {
	var s teamState
	c.e.async(func() (err error) {
		s, err = readTeamState(c.store)
		return err
	}, func(err error) {
		if err != nil {
			c.say(fmt.Errorf("couldn't read the team link: %w", err))
			return
		}
		c.state = s
		c.show()
	})
}

// show lays the card out for the state: the join form when not joined,
// the queue and its buttons when joined.
func (c *teamCard) show() {
	if !c.state.joined {
		c.info.SetText("This database has joined no team. Join one to share your check-ins with your manager.")
		c.joinForm.Show()
		c.queue.Hide()
		c.publish.Hide()
		c.leave.Hide()
	} else {
		evidence := "your evidence stays here"
		if c.state.link.ShareEvidence {
			evidence = "with the titles and links of your evidence"
		}
		c.info.SetText(fmt.Sprintf("Joined %s on %s; check-ins are published there, %s.", c.state.link.URL, formatDay(c.state.link.JoinedAt), evidence))
		c.joinForm.Hide()
		c.queue.SetText(queueWords(c.state.pending))
		c.queue.Show()
		c.publish.Show()
		c.leave.Show()
	}
	for _, b := range []*widget.Button{c.join, c.publish, c.leave} {
		if c.busy || c.readOnly {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if c.state.pending == 0 {
		c.publish.Disable()
	}
}

// queueWords says what the outbox holds.
func queueWords(n int) string {
	switch n {
	case 0:
		return "Every check-in is published."
	case 1:
		return "1 check-in waiting to be published."
	}
	return fmt.Sprintf("%d check-ins waiting to be published.", n)
}

// say shows an outcome on one line: an error's first line, in red.
func (c *teamCard) say(err error) {
	c.result.Importance = widget.DangerImportance
	c.result.SetText(errorWords(err))
}

func (c *teamCard) tell(msg string) {
	c.result.Importance = widget.MediumImportance
	c.result.SetText(msg)
}

// errorWords is an error as one line.
func errorWords(err error) string {
	s := strings.TrimSpace(err.Error())
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return tracker.Visible(s)
}

// takePassword returns the password typed and clears the field: it serves
// one connection only.
func (c *teamCard) takePassword() string {
	pw := c.password.Text
	c.password.SetText("")
	return pw
}

func (c *teamCard) start(what string) {
	c.busy = true
	c.tell(what)
	c.show()
}

// finish ends the work start began and reports whether it failed with
// err; then the card shows again, saying why.
func (c *teamCard) finish(err error) bool {
	c.busy = false
	if err == nil {
		return false
	}
	c.show()
	c.say(err)
	return true
}

func (c *teamCard) onJoin() {
	raw := strings.TrimSpace(c.url.Text)
	if err := team.CheckURL(raw); err != nil {
		c.say(err)
		return
	}
	pw, share := c.takePassword(), c.share.Checked
	c.start("Connecting…")
	var who, stored string
	var s teamState
	c.e.async(func() error {
		var err error
		if who, stored, err = c.store.Join(context.Background(), raw, pw, share, ""); err != nil {
			return err
		}
		s, err = readTeamState(c.store)
		return err
	}, func(err error) {
		if c.finish(err) {
			return
		}
		c.state = s
		c.url.SetText("")
		c.show()
		c.tell(fmt.Sprintf("Joined %s as %q.", stored, who))
		c.e.changed()
	})
}

func (c *teamCard) onPublish() {
	c.start("Publishing…")
	var res team.PublishResult
	var s teamState
	c.e.async(func() error {
		var err error
		res, _, err = c.store.PublishQueued(context.Background())
		s, _ = readTeamState(c.store)
		return err
	}, func(err error) {
		c.busy = false
		c.state = s
		c.show()
		if err != nil {
			c.say(fmt.Errorf("not published: %s (%s still queued)", errorWords(err), countWords(s.pending, "check-in")))
			return
		}
		msg := fmt.Sprintf("Published %s.", countWords(res.Sent+res.Already, "check-in"))
		if n := res.Note(); n != "" {
			msg += " " + sentence(n) + "."
		}
		c.tell(msg)
	})
}

func (c *teamCard) onLeave() {
	c.start("Leaving…")
	c.e.async(func() error {
		if err := c.store.LeaveTeam(); err != nil {
			return fmt.Errorf("couldn't leave the team: %w", err)
		}
		return nil
	}, func(err error) {
		if c.finish(err) {
			return
		}
		dropped := c.state.pending
		c.state = teamState{}
		c.show()
		c.tell(fmt.Sprintf("Left the team; %s not published were dropped.", countWords(dropped, "check-in")))
		c.e.changed()
	})
}

// countWords is "1 check-in", "3 check-ins".
func countWords(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(what, "y"))
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// errNotJoined is the Team screen's word when the database joined no team.
var errNotJoined = errors.New("this database has joined no team: Settings ▸ Team joins one")
