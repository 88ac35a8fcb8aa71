package tracker

import "time"

// ImportCounts says what an import did with one kind of record.
type ImportCounts struct {
	// Added records were not in the database.
	Added int `json:"added,omitempty"`
	// Updated records replaced older ones in the database.
	Updated int `json:"updated,omitempty"`
	// Kept records of the database were newer or the same, and stayed.
	Kept int `json:"kept,omitempty"`
	// Removed records were deleted: by a replacing import, everything that
	// was there; by a merge, evidence the backup had deleted later.
	Removed int `json:"removed,omitempty"`
}

// ImportReport says what an import did.
type ImportReport struct {
	// Merged is true for a merge, false when the import replaced
	// everything.
	Merged bool
	// Profile says what happened to the profile: "replaced", "updated"
	// (some fields, by a merge), "kept" or "none" (neither had one).
	Profile  string
	Items    ImportCounts
	Evidence ImportCounts
	Events   ImportCounts
	CheckIns ImportCounts
	// Orphans are the ids in the backup that the roadmap lacks: their
	// progress is kept, but counts for nothing until the roadmap has them
	// again.
	Orphans []string
	// Kept is the copy of the database a replacing import kept in the
	// backups folder before it replaced anything; "" after a merge or when
	// the database held nothing.
	Kept string
	// Roadmap is the roadmap the database uses after the import: a
	// replacing import takes the backup's, a merge keeps the database's.
	Roadmap RoadmapChoice
	// BackupRoadmap is set after a merge when the backup's roadmap differs
	// from the one kept.
	BackupRoadmap *RoadmapChoice
	// Reviews counts the review records (requests, responses, pinned
	// keys, opened reviews), Suggestions the evidence suggestions and git
	// scan marks, Outbox the check-ins queued for the team.
	Reviews, Suggestions, Outbox ImportCounts
	// ClockAhead is how far the backup was made ahead of this computer's
	// clock, when it was (its clock ran fast); 0 otherwise.
	ClockAhead time.Duration
}
