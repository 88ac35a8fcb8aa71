// Package team shares check-ins with a team on a PostgreSQL server: the
// schema an administrator installs ('devpath team init'), with row-level
// security so that each role reads only its own check-ins and a manager
// those of the people they manage; publishing the check-ins the local
// outbox holds (tracker.Store.TeamPending), at most once each; and the
// manager's views of their reports (Status, Coverage).
//
// Every client connects as its own PostgreSQL role: the server, not
// devpath, decides what it may read and write. devpath never stores a
// password: it comes from PGPASSWORD, ~/.pgpass or a prompt on a terminal.
package team

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Conn is a connection pool to the team database, as one role.
type Conn struct {
	db   *gorm.DB
	sql  *sql.DB
	role string
	// schema is the server's schema version once read (0: not yet); a
	// schema is only ever upgraded, and a Conn lives for one action.
	schema atomic.Int64
}

// Options tune Connect.
type Options struct {
	// Password is asked for the password when neither the URL,
	// PGPASSWORD nor the password file gives one; nil means none is
	// asked for (the server decides whether one is needed).
	Password func() (string, error)
	// Timeout bounds connecting; 0 means 10 seconds.
	Timeout time.Duration
}

// ErrURL: the URL is not a PostgreSQL URL devpath can use.
var ErrURL = errors.New("not a postgres:// URL")

// CheckURL checks that raw is a postgres:// (or postgresql://) URL.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("%q: %w (for example postgres://alice@db.example.com/devpath)", Redact(raw), ErrURL)
	}
	return nil
}

// Redact returns raw without any password (in the user part or a password
// parameter): what devpath stores and shows.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(a URL that cannot be read)"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.User(u.User.Username())
		}
	}
	q := u.Query()
	if q.Has("password") || q.Has("sslpassword") {
		q.Del("password")
		q.Del("sslpassword")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Connect opens a pool on the team database at rawURL. The password comes
// from the URL, PGPASSWORD or the password file (~/.pgpass or PGPASSFILE),
// else from o.Password.
func Connect(ctx context.Context, rawURL string, o Options) (*Conn, error) {
	if err := CheckURL(rawURL); err != nil {
		return nil, err
	}
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", Redact(rawURL), errors.Unwrap(err))
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	cfg.ConnectTimeout = o.Timeout
	if cfg.Password == "" && o.Password != nil {
		if cfg.Password, err = o.Password(); err != nil {
			return nil, err
		}
	}
	sqlDB := stdlib.OpenDB(*cfg)
	sqlDB.SetMaxOpenConns(4)
	sqlDB.SetConnMaxIdleTime(time.Minute)
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
	})
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("connect to %s: %w", Redact(rawURL), err)
	}
	c := &Conn{db: db, sql: sqlDB}
	cctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	if err := sqlDB.QueryRowContext(cctx, "SELECT current_user").Scan(&c.role); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("connect to %s: %w", Redact(rawURL), err)
	}
	return c, nil
}

// Close closes the pool.
func (c *Conn) Close() error { return c.sql.Close() }

// Role is the PostgreSQL role the connection acts as.
func (c *Conn) Role() string { return c.role }

// DB is the pool, for tests and benchmarks of this package's callers.
func (c *Conn) DB() *sql.DB { return c.sql }

// ErrNotMember: the role may not use the team tables (it was granted no
// devpath_member).
var ErrNotMember = errors.New("your role is not a member of the team database yet: ask its administrator to run 'devpath team admin add-member TEAM MANAGER YOU'")

// refused turns the server's "permission denied" for a table into
// ErrNotMember, keeping the server's words.
func refused(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" && strings.Contains(pe.Message, "permission denied for table") {
		return fmt.Errorf("%w (%s)", ErrNotMember, pe.Message)
	}
	return err
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
