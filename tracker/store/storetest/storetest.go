// Package storetest reaches a devpath database file with plain SQLite, the
// way another program (or an attacker) would, for the tests of the
// packages above the store: they tamper with a file, or check one, without
// importing a database driver themselves.
package storetest

import (
	"database/sql"
	"fmt"

	// The SQLite driver devpath itself is built with.
	_ "github.com/mattn/go-sqlite3"
)

// Exec runs each statement on the database file at path, in order, outside
// devpath: no checks, no change log.
func Exec(path string, statements ...string) error {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return err
	}
	for _, q := range statements {
		if _, err := db.Exec(q); err != nil {
			_ = db.Close()
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return db.Close()
}

// IntegrityCheck is what SQLite's PRAGMA integrity_check says of the file
// at path, read only: "ok" for a sound file.
func IntegrityCheck(path string) (string, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var res string
	err = db.QueryRow("PRAGMA integrity_check").Scan(&res)
	return res, err
}
