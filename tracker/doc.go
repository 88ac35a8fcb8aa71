// Package tracker is devpath's domain: the types of a user's progress
// along a career roadmap (the profile, a level per roadmap entry, evidence,
// the change log, check-ins, reviews, suggestions found in git) and the
// rules over them: how ready the user is for the next level and why
// (Assess), the evidenced score, readiness over time (History), what to
// check in a user's input and in a backup's values, and the coded errors
// (Error) that every layer returns.
//
// It knows no database and no window: the SQLite store (tracker/store),
// the JSON backup format (tracker/backup) and the application core
// (tracker/core) stand on it, and the core is what the window and the
// command line use.
package tracker
