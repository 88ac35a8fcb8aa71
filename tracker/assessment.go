package tracker

import "devpath/roadmap"

// Verdicts of the readiness score.
const (
	VerdictReady    = "ready"    // score at or above the ready threshold and milestone achieved
	VerdictClose    = "close"    // score at or above the close threshold
	VerdictBuilding = "building" // below the close threshold
)

// Timeline statuses: how long the user has been at their stage against the
// transition's typical and accelerated timelines.
const (
	TimelineAccelerated = "accelerated" // ahead of the typical timeline
	TimelineOnTrack     = "on-track"    // within the typical timeline
	TimelineOverdue     = "overdue"     // past the typical maximum
	TimelineUnknown     = "unknown"     // no stage date, or no transition
)

// Assessment is the readiness of a user for their next level, with
// everything needed to explain it.
type Assessment struct {
	// Stage is the user's current stage.
	Stage StageRef `json:"stage"`
	// Next is the next level: the next stage, or at the top stage the next
	// rung of the chosen ladder. Nil when there is none.
	Next *StageRef `json:"next"`
	// Readiness is the score, verdict and its four components.
	Readiness Readiness `json:"readiness"`
	// Missing lists the unfinished entries ordered by how much each would
	// add to the score, most first.
	Missing []Gap `json:"missing"`
	// MonthsInStage is the whole months since the user entered the stage.
	MonthsInStage int      `json:"months_in_stage"`
	Timeline      Timeline `json:"timeline"`
	Salary        Pay      `json:"salary"`
	// Branches is the coverage of each specialisation branch, in roadmap
	// order; Closest is the id of the branch with the highest share.
	Branches []BranchCoverage `json:"branches"`
	Closest  string           `json:"closest_branch,omitempty"`
	// Counts of the current stage's entries.
	Counts Counts `json:"counts"`
	// Orphans are ids that hold progress but that the roadmap no longer has.
	Orphans []string `json:"orphans,omitempty"`
	// Hints are short pieces of advice for the user's situation (for
	// example: choose a branch or track to see its skills), as codes with
	// their data; devpath/tracker/words says them.
	Hints []Hint `json:"hints,omitempty"`
}

// StageRef names a stage or a ladder rung.
type StageRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Readiness is the score for the next level.
type Readiness struct {
	// Score is 0-100, rounded to one decimal.
	Score      float64    `json:"score"`
	Verdict    string     `json:"verdict"`
	Components Components `json:"components"`
	// Weights are the weights the score was computed with.
	Weights roadmap.Weights `json:"weights"`
	// Evidenced is the same score counting each entry only as far as its
	// evidence supports it; nil when the roadmap turns evidence off.
	Evidenced *Evidenced `json:"evidenced,omitempty"`
}

// Evidenced is the evidenced score: the claimed score's formula over the
// levels and states that fresh evidence supports (see roadmap.EvidenceRule).
type Evidenced struct {
	Score      float64    `json:"score"`
	Verdict    string     `json:"verdict"`
	Components Components `json:"components"`
	// Unevidenced lists the ids of the counted entries whose claim the
	// evidence does not support, in the order of Actions.
	Unevidenced []string `json:"unevidenced"`
	// Actions are "add evidence for X": each unevidenced entry with what
	// evidence for its claim would add to the evidenced score, most first.
	Actions []EvidenceGap `json:"actions"`
	// RequiredFromLevel and MaxAgeMonths are the rule the score used.
	RequiredFromLevel Level `json:"required_from_level"`
	MaxAgeMonths      int   `json:"max_age_months"`
}

// EvidenceGap is a counted entry whose claim lacks evidence.
type EvidenceGap struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Kind  string `json:"kind"`
	// Claimed is the level the user claims; Counted the level the
	// evidenced score counts (for criteria and milestones: Proficient when
	// confirmed, else NotStarted).
	Claimed Level `json:"claimed"`
	Counted Level `json:"counted"`
	// Stale is set when the entry has evidence, all of it too old to
	// count: it needs a refresh rather than a first piece.
	Stale bool `json:"stale,omitempty"`
	// Gain is the points the evidenced score would rise by with evidence
	// for the claim.
	Gain float64 `json:"gain"`
}

// Components are the four parts of the score, each 0-1.
type Components struct {
	Skills     float64 `json:"skills"`
	Criteria   float64 `json:"criteria"`
	Milestone  float64 `json:"milestone"`
	Experience float64 `json:"experience"`
}

// Gap is one unfinished entry and what finishing it would add.
type Gap struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Kind is roadmap.KindSkill, KindCriterion, KindMilestone or
	// KindBranchItem.
	Kind string `json:"kind"`
	// Group is the title of the skill group, for skills.
	Group string `json:"group,omitempty"`
	// Level is the entry's current level.
	Level Level `json:"level"`
	// Gain is the points (0-100 scale) the score would rise by if this
	// entry alone were finished.
	Gain float64 `json:"gain"`
}

// Timeline compares the months in stage with the transition out of it.
type Timeline struct {
	Status string `json:"status"`
	// Typical and Accelerated are the transition's ranges, in months.
	Typical     roadmap.Months `json:"typical_months"`
	Accelerated roadmap.Months `json:"accelerated_months"`
	// StalledAfter is the roadmap's stall threshold in months when the
	// user has been at one level longer than it, else 0; words.StallWarning
	// says what it means.
	StalledAfter int `json:"stalled_after_months,omitempty"`
}

// Pay is the salary band now and at the next level in the user's region.
type Pay struct {
	Region string        `json:"region"`
	Now    *roadmap.Band `json:"now"`
	Next   *roadmap.Band `json:"next"`
}

// BranchCoverage is how many of a branch's items the user has done.
type BranchCoverage struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Done  int     `json:"done"`
	Total int     `json:"total"`
	Share float64 `json:"share"`
}

// Counts are the current stage's entries, done and in all.
type Counts struct {
	SkillsDone    int  `json:"skills_done"`
	SkillsTotal   int  `json:"skills_total"` // not skipped
	Skipped       int  `json:"skipped"`
	CriteriaDone  int  `json:"criteria_done"`
	CriteriaTotal int  `json:"criteria_total"`
	MilestoneDone bool `json:"milestone_done"`
}
