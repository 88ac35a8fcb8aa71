package core

import (
	"context"

	"devpath/tracker/team"
)

// ConnectTeam connects to the team database at rawURL. Both interfaces
// connect here, so that they reach a team database the same way.
func (c *Core) ConnectTeam(ctx context.Context, rawURL string, o team.Options) (*team.Conn, error) {
	return team.Connect(ctx, rawURL, o)
}

// ConnectJoined connects, without asking for a password, to the team
// database this database joined; joined is false when it joined none.
func (db *DB) ConnectJoined(ctx context.Context) (conn *team.Conn, joined bool, err error) {
	link, ok, err := db.Team()
	if err != nil || !ok {
		return nil, false, err
	}
	conn, err = team.Connect(ctx, link.URL, team.Options{Timeout: team.QuietTimeout})
	return conn, true, err
}

// Join joins the team database at rawURL (the password, when given, added
// to it for this connection only), as the display name given or the
// profile's, and shares evidence titles when share is set. It returns the
// name the team shows and the URL stored, without the password.
func (db *DB) Join(ctx context.Context, rawURL, password string, share bool, name string) (display, stored string, err error) {
	url := rawURL
	if password != "" {
		url = team.WithPassword(rawURL, password)
	}
	conn, err := team.Connect(ctx, url, team.Options{Timeout: team.QuietTimeout})
	if err != nil {
		return "", "", err
	}
	defer conn.Close()
	return team.Join(ctx, conn, db.Store, rawURL, share, name)
}

// JoinWith joins through a connection the caller made (the command line,
// which may ask for the password first).
func (db *DB) JoinWith(ctx context.Context, conn *team.Conn, rawURL string, share bool, name string) (display, stored string, err error) {
	return team.Join(ctx, conn, db.Store, rawURL, share, name)
}

// PublishQueued sends what the local outbox holds to the team database
// this database joined, the newest check-in with the plan (TeamPlan);
// joined is false when it joined none.
func (db *DB) PublishQueued(ctx context.Context) (res team.PublishResult, joined bool, err error) {
	return team.PublishQueued(ctx, db.Store, db.TeamPlan)
}

// PublishTo sends what the local outbox holds through conn, a connection
// the caller made (the command line, which may ask for the password), the
// newest check-in with the plan (TeamPlan).
func (db *DB) PublishTo(ctx context.Context, conn *team.Conn) (team.PublishResult, error) {
	return conn.Publish(ctx, db.Store, db.TeamPlan)
}

// TeamPlan is what a check-in shares of the plan as it stands today (by
// the core's clock): the target, the claimed forecast or why there is
// none, on track (team.PlanOf), measured against the roadmap the
// interfaces use (the --roadmap file, else the database's; the built-in
// one when the stored one no longer passes the checks, as the interfaces
// then do). It is nil when the plan cannot be read: the check-in is
// published all the same, without it.
func (db *DB) TeamPlan() *team.Plan {
	rm, err := db.core.LoadOverride()
	if err != nil {
		return nil
	}
	if rm == nil {
		rm, _, _ = db.Roadmap() // the built-in roadmap on error
	}
	st, err := db.PlanStatus(rm, db.Today())
	if err != nil {
		return nil
	}
	return team.PlanOf(st)
}
