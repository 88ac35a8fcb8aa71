// Package store keeps a user's progress in one local SQLite file, through
// GORM, and is the only package of tracker that knows the database.
//
// Each table has its file, with its rows and queries: profile.go,
// progress.go (a level per roadmap entry), evidence.go, checkins.go,
// events.go (the change log, undo and redo), reviews.go,
// evidence_suggestions.go and evidence_scan.go (what a scan of git
// histories found), roadmap_choice.go, team_outbox.go. migrate.go holds the
// schema's versions; store.go opening and the write path (one connection,
// BEGIN IMMEDIATE, every change one transaction with its event).
//
// The database file's copies are the files named file_*.go: the daily and
// asked-for backups (file_backup.go), the copy kept before an import or a
// migration (file_keep.go), restoring a copy (file_restore.go and
// file_restore_swap.go), recovering after a failed open (file_recover.go),
// temporary files (file_temp.go), where the file lives and its lock. The
// JSON backup's import and export are backup_*.go; its format is package
// tracker/backup.
//
// Nothing above the application core (tracker/core) imports this package.
package store
