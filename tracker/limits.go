package tracker

import (
	"time"

	"devpath/roadmap"
)

// Limits and defaults the window and the command line share with the store.
const (
	// MaxLabelLen is the longest check-in label, in characters: the store
	// refuses a longer one.
	MaxLabelLen = maxNameLen
	// MaxNameLen is the longest profile name, in characters: the store
	// refuses a longer one.
	MaxNameLen = maxNameLen
	// AutoBackupKeep is how many daily automatic backups (AutoBackup) are
	// kept beside a database.
	AutoBackupKeep = 7
	// MaxStepEntries is the most entries one step (a stage or group marked
	// done) may change: far more than any roadmap's stage holds, a bound
	// on a transaction.
	MaxStepEntries = 5000
)

// Day returns the calendar day of t, in t's own location, as midnight UTC:
// the form in which the store records days. Day(time.Now()) is today.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ReadinessSettings returns the readiness weights and thresholds Assess uses
// for rm: the roadmap's own, with roadmap.DefaultReadiness where a roadmap
// built in code left the weights or both thresholds out.
func ReadinessSettings(rm *roadmap.Roadmap) roadmap.Readiness {
	r := rm.Readiness
	if r.Weights == (roadmap.Weights{}) {
		r.Weights = roadmap.DefaultReadiness.Weights
	}
	if r.Ready == 0 && r.Close == 0 {
		r.Ready, r.Close = roadmap.DefaultReadiness.Ready, roadmap.DefaultReadiness.Close
	}
	if r.Evidence.RequiredFromLevel == 0 {
		r.Evidence.RequiredFromLevel = roadmap.DefaultReadiness.Evidence.RequiredFromLevel
	}
	if r.Evidence.MaxAgeMonths == 0 {
		r.Evidence.MaxAgeMonths = roadmap.DefaultReadiness.Evidence.MaxAgeMonths
	}
	return r
}

// ClockSlack is how far in the future a date in a backup may lie: the
// machine that made it may be in another time zone, or its clock a little
// ahead.
const ClockSlack = 48 * time.Hour

// FileClockSlack is how far in the future the times of devpath's own files
// (a JSON backup, a database copy) may lie when they are imported or
// restored: a file made under a clock that ran days fast is still the
// user's. It guards against nonsense (a year 9999), not against the user's
// own files; the import says how far ahead the file's clock was.
const FileClockSlack = 14 * 24 * time.Hour

// MaxRowID is the largest id of a row (evidence, check-in, suggestion,
// review response) that an import or a restore takes as it is: far more
// than any database could hold, and far enough from SQLite's largest id
// (2^63-1) that the ids after it can never run out. The change log's ids
// are numbered afresh instead.
const MaxRowID int64 = 1 << 50
