// Package words is the one place where devpath says things to the user:
// levels, entry states and kinds, regions, salary bands, verdicts, the
// change log's events, undo and redo, and the readiness hints. The window,
// the command line and the reports all take their words from here, so that
// the same thing reads the same everywhere.
//
// The tracker decides what is true (a level, an event, a hint code with its
// data); this package decides how it is said. Where the window and the
// command line need to say different things (where to click, which command
// to run), one table holds both, chosen with a Where.
//
// What the user reads never shows an internal id where a name exists: an
// entry, stage, branch or track is named by its title, and an id appears
// only when the roadmap has no title for it.
//
// The words here carry stored text (titles, notes, file names) as it is:
// what writes them to a terminal or a document passes them through
// tracker.Visible, as it does for all stored text.
package words
