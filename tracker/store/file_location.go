package store

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"devpath/roadmap/safefile"
)

// Names of the database file and of the folder that holds it.
const (
	appDirName = "devpath"
	dbFileName = "devpath.db"
)

// DefaultPath returns where the database lives when neither --db nor
// DEVPATH_DB says otherwise: $XDG_DATA_HOME/devpath/devpath.db, else
// ~/.local/share/devpath/devpath.db on Linux and other Unix systems; the
// user's application data folder (os.UserConfigDir) on macOS and Windows.
// An empty or relative XDG_DATA_HOME is ignored, as the XDG specification
// asks.
func DefaultPath() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the user data folder: %w", err)
		}
		return filepath.Join(dir, appDirName, dbFileName), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, appDirName, dbFileName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the home folder: %w", err)
	}
	if !filepath.IsAbs(home) {
		return "", fmt.Errorf("find the home folder: %q is not an absolute path", home)
	}
	return filepath.Join(home, ".local", "share", appDirName, dbFileName), nil
}

// ResolvePath returns the database path to use: flag when it is not empty,
// else $DEVPATH_DB when set, else DefaultPath(). A leading "~/" is expanded
// to the home folder and the result is made absolute.
func ResolvePath(flag string) (string, error) {
	p := flag
	if p == "" {
		p = os.Getenv("DEVPATH_DB")
	}
	if p == "" {
		return DefaultPath()
	}
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("expand %s: %w", p, err)
		}
		p = filepath.Join(home, p[1:])
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", p, err)
	}
	return abs, nil
}

// sqliteURI turns a file path into an SQLite URI filename with the given
// query (without the leading "?"). Characters that mean something in a URI
// are escaped.
func sqliteURI(path, query string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/...
	}
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '%', '?', '#':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	if query != "" {
		b.WriteByte('?')
		b.WriteString(query)
	}
	return b.String()
}

// Connection settings. Every connection of a pool gets them because they are
// part of the DSN:
//   - WAL journal, so readers never block the writer;
//   - synchronous=FULL: a commit is on disk before it is reported saved;
//   - foreign keys enforced;
//   - wait up to 5 s for another writer instead of failing;
//   - write transactions take the write lock when they begin (BEGIN
//     IMMEDIATE), so two writers queue instead of failing mid-transaction.
const (
	writeParams = "_journal_mode=WAL&_synchronous=FULL&_foreign_keys=on&_busy_timeout=5000&_txlock=immediate"
	readParams  = "mode=ro&_foreign_keys=on&_busy_timeout=5000"
)

// writeDSN is the DSN of the single read-write connection.
func writeDSN(path string) string { return sqliteURI(path, writeParams) }

// readDSN is the DSN of a read-only connection. immutable tells SQLite that
// nobody can change the file, which lets it open a WAL database in a folder
// where it cannot create its shared-memory file.
func readDSN(path string, immutable bool) string {
	q := readParams
	if immutable {
		q += "&immutable=1"
	}
	return sqliteURI(path, q)
}

// createDatabaseFile makes sure the database file exists before SQLite opens
// it, creating it empty with mode 0600 when it does not. SQLite would create
// a missing file with the default mode (0644 under the usual umask), and
// through a link to a missing file too: the notes in it would be readable by
// every user of the machine until the next open tightened the mode. A link
// is followed deliberately, so a database kept elsewhere through a link still
// works; a path that leads to a folder, a named pipe or a device is refused.
func createDatabaseFile(path string) error {
	if _, err := safefile.CreatePrivate(path); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return nil
}
