package team

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// ErrNoRole: a role named in a membership does not exist on the server.
var ErrNoRole = errors.New("no such PostgreSQL role")

// AddMember makes manager a manager of member in team (created when new),
// and grants both roles devpath_member, in one transaction (docs/team.md
// shows the same SQL). Adding a membership there already changes nothing.
func (c *Conn) AddMember(ctx context.Context, team, manager, member string) error {
	if err := checkNames(team, manager, member); err != nil {
		return err
	}
	err := c.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, r := range []string{manager, member} {
			var n int
			if err := tx.Raw("SELECT count(*) FROM pg_roles WHERE rolname = ?", r).Row().Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("%w %q (create it first: CREATE ROLE %s LOGIN PASSWORD '…')", ErrNoRole, r, quoteIdent(r))
			}
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"INSERT INTO teams (name) VALUES (?) ON CONFLICT DO NOTHING", []any{team}},
			{"INSERT INTO people (role_name, display_name) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING", []any{manager, manager, member, member}},
			{"INSERT INTO memberships (team_name, manager_role, member_role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", []any{team, manager, member}},
			{"GRANT " + MemberRole + " TO " + quoteIdent(manager) + ", " + quoteIdent(member), nil},
		} {
			if err := tx.Exec(q.sql, q.args...).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add %s to %s under %s: %w", member, team, manager, err)
	}
	return nil
}

// RemoveMember ends manager's management of member in team; the team goes
// when it has no membership left. It returns false when there was no such
// membership. The roles keep devpath_member (they may be in other teams)
// and their check-ins, which the manager no longer reads.
func (c *Conn) RemoveMember(ctx context.Context, team, manager, member string) (bool, error) {
	if err := checkNames(team, manager, member); err != nil {
		return false, err
	}
	var removed bool
	err := c.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Exec("DELETE FROM memberships WHERE team_name = ? AND manager_role = ? AND member_role = ?", team, manager, member)
		if res.Error != nil {
			return res.Error
		}
		removed = res.RowsAffected > 0
		return tx.Exec("DELETE FROM teams t WHERE t.name = ? AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.team_name = t.name)", team).Error
	})
	if err != nil {
		return false, fmt.Errorf("remove %s from %s under %s: %w", member, team, manager, err)
	}
	return removed, nil
}

// Membership lists the memberships the connected role can see: all of
// them for the administrator.
func (c *Conn) Memberships(ctx context.Context) ([]Membership, error) {
	var out []Membership
	if err := c.db.WithContext(ctx).Order("team_name, manager_role, member_role").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("read the memberships: %w", err)
	}
	return out, nil
}

func checkNames(names ...string) error {
	for _, n := range names {
		if strings.TrimSpace(n) == "" || len(n) > 63 || strings.ContainsAny(n, "\x00\n\r") {
			return fmt.Errorf("%q is not a name a PostgreSQL role or team can have", n)
		}
	}
	return nil
}
