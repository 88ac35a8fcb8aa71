// Package teamtest starts a throwaway PostgreSQL server for the tests of
// the team database: initdb in a temporary folder (as the postgres user when
// the tests run as root), a server on a Unix socket only, the test roles and
// a database owned by the administrator role.
package teamtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Cluster is a throwaway PostgreSQL server for the tests: its own data
// folder, listening on a Unix socket only, with password authentication.
type Cluster struct {
	bin, dir, data, sock, log string
	asPostgres                bool // run the server's programs as the postgres user (the tests run as root)
}

// The roles of the tests; Password gives each one's password.
const (
	Super   = "postgres"   // the cluster's superuser
	Admin   = "team_admin" // owns the database and runs 'team init'
	Alice   = "alice"      // an engineer
	Bob     = "bob"        // an engineer
	Erin    = "erin"       // an engineer in no team of the manager's
	Manager = "maria"      // manages Alice and Bob
	DBName  = "devpath"
)

// postgresBin finds the folder of initdb and pg_ctl: Debian's
// /usr/lib/postgresql/N/bin (newest first), else the PATH.
func postgresBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on the PATH): run 'make deps'")
}

func versionOf(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start starts a new cluster; the caller stops it with Stop and Remove.
func Start() (*Cluster, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "devpath-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{bin: bin, dir: dir, data: filepath.Join(dir, "data"), sock: filepath.Join(dir, "sock"), log: filepath.Join(dir, "server.log")}
	fail := func(err error) (*Cluster, error) {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := os.Mkdir(c.sock, 0o700); err != nil {
		return fail(err)
	}
	pwfile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwfile, []byte(Super+"\n"), 0o600); err != nil {
		return fail(err)
	}
	if os.Geteuid() == 0 {
		// initdb refuses to run as root: the server runs as postgres.
		u, err := user.Lookup("postgres")
		if err != nil {
			return fail(fmt.Errorf("running as root, the server needs the postgres user (run 'make deps'): %w", err))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		for _, p := range []string{dir, c.sock, pwfile} {
			if err := os.Chown(p, uid, gid); err != nil {
				return fail(err)
			}
		}
		c.asPostgres = true
	}
	if out, err := c.run("initdb", "-D", c.data, "-U", Super, "--pwfile", pwfile, "--auth", "scram-sha-256",
		"-E", "UTF8", "--locale", "C", "--no-sync"); err != nil {
		return fail(fmt.Errorf("initdb: %v\n%s", err, out))
	}
	if err := c.Start(); err != nil {
		return fail(err)
	}
	if err := c.setup(); err != nil {
		c.Stop()
		return fail(err)
	}
	c.watch()
	return c, nil
}

// watch starts a watcher that stops the server and removes its folder
// once this process has gone, however it ended (a test binary killed at
// its timeout runs no cleanup). It writes nowhere: an inherited output
// would keep 'go test' waiting for it.
func (c *Cluster) watch() {
	stop := fmt.Sprintf("%q -D %q -m immediate -w stop", filepath.Join(c.bin, "pg_ctl"), c.data)
	if c.asPostgres {
		stop = "runuser -u postgres -- " + stop
	}
	script := fmt.Sprintf("while kill -0 %d 2>/dev/null; do sleep 1; done; if [ -d %q ]; then %s; rm -rf %q; fi",
		os.Getpid(), c.data, stop, c.dir)
	cmd := exec.Command("sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err == nil {
		go cmd.Wait()
	}
}

// run runs one of the server's programs, as postgres when the tests run
// as root.
func (c *Cluster) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, prog)
	var cmd *exec.Cmd
	if c.asPostgres {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir
	return cmd.CombinedOutput()
}

// Start starts the server again after Stop, on the socket folder only (no TCP).
func (c *Cluster) Start() error {
	opts := fmt.Sprintf("-k %s -c listen_addresses='' -c max_connections=40", c.sock)
	if out, err := c.run("pg_ctl", "-D", c.data, "-o", opts, "-l", c.log, "-w", "-t", "60", "start"); err != nil {
		logText, _ := os.ReadFile(c.log)
		return fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, logText)
	}
	return nil
}

// Stop stops the server at once, as a cut network or a crash would.
func (c *Cluster) Stop() error {
	if out, err := c.run("pg_ctl", "-D", c.data, "-m", "immediate", "-w", "stop"); err != nil {
		return fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	return nil
}

// URL is the URL of the test database for role, without a password.
func (c *Cluster) URL(role string) string {
	return "postgres:///" + DBName + "?host=" + url.QueryEscape(c.sock) + "&user=" + role
}

// Password is the test password of role.
func Password(role string) string {
	if role == Super {
		return Super
	}
	return role + "-secret"
}

// Open is a plain database/sql pool as role on the database db, for the
// SQL the tests try; it is closed when the test ends.
func (c *Cluster) Open(t testing.TB, role, db string) *sql.DB {
	t.Helper()
	u := c.URL(role)
	if db != DBName {
		u = strings.Replace(u, "/"+DBName+"?", "/"+db+"?", 1)
	}
	pw := Password(role)
	sqlDB, err := sql.Open("pgx", u+"&password="+url.QueryEscape(pw))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sqlDB.Close() })
	return sqlDB
}

// Remove deletes the cluster's folder; call it after Stop.
func (c *Cluster) Remove() error { return os.RemoveAll(c.dir) }

// setup creates the roles and the database owned by the administrator.
func (c *Cluster) setup() error {
	u := strings.Replace(c.URL(Super), "/"+DBName+"?", "/postgres?", 1) + "&password=" + Password(Super)
	db, err := sql.Open("pgx", u)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	stmts := []string{
		fmt.Sprintf("CREATE ROLE %s LOGIN CREATEROLE PASSWORD '%s'", Admin, Password(Admin)),
		fmt.Sprintf("CREATE DATABASE %s OWNER %s", DBName, Admin),
	}
	for _, r := range []string{Alice, Bob, Erin, Manager} {
		stmts = append(stmts, fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s'", r, Password(r)))
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

// AddRoles creates login roles with their Password, as the cluster's
// superuser, for tests that need people beyond the ones Start makes.
func (c *Cluster) AddRoles(ctx context.Context, roles ...string) error {
	db, err := sql.Open("pgx", c.URL(Super)+"&password="+url.QueryEscape(Password(Super)))
	if err != nil {
		return err
	}
	defer db.Close()
	for _, r := range roles {
		if _, err := db.ExecContext(ctx, fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s'", r, Password(r))); err != nil {
			return fmt.Errorf("create role %s: %w", r, err)
		}
	}
	return nil
}

// WithoutChecks runs stmts as the superuser on the database db with the
// check constraints of table dropped, then adds them back NOT VALID, as an
// upgrade of the schema over rows from before leaves them: the tests plant
// rows that devpath's schema refuses today. The superuser is bound by no
// policy, so the statements name each row's owner.
func (c *Cluster) WithoutChecks(ctx context.Context, db, table string, stmts ...string) error {
	u := strings.Replace(c.URL(Super), "/"+DBName+"?", "/"+db+"?", 1) + "&password=" + url.QueryEscape(Password(Super))
	sqlDB, err := sql.Open("pgx", u)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	tx, err := sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = $1::regclass AND contype = 'c'`, table)
	if err != nil {
		return err
	}
	var names, defs []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return err
		}
		names, defs = append(names, n), append(defs, strings.TrimSuffix(d, " NOT VALID"))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var all []string
	for _, n := range names {
		all = append(all, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", table, n))
	}
	all = append(all, stmts...)
	for i, n := range names {
		all = append(all, fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s %s NOT VALID", table, n, defs[i]))
	}
	for _, s := range all {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return tx.Commit()
}
