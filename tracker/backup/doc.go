// Package backup is devpath's JSON backup format: what a backup holds
// (Backup), writing it, and reading it back as a stream with every value
// checked as the store checks a user's input, so that a crafted file can
// bring in nothing the window could not. Importing a backup into a
// database is the store's (tracker/store); this package knows no database.
package backup
