// Package roadmap holds the career roadmap that devpath tracks progress
// against: stages with their skills, readiness criteria and key milestones,
// the specialisation branches, the career ladders (tracks), the transitions
// between stages and the salary bands.
//
// A roadmap is plain data. Default returns the DevOps roadmap embedded in the
// binary; Load and LoadFile read a user's own roadmap written in the same
// format (YAML, or JSON with the same keys). Every tickable entry carries a
// stable id that is unique across the whole roadmap, because the user's
// progress is stored against those ids.
//
// The package imports neither the GUI toolkit nor the database layer.
package roadmap

// Kinds of tickable entries. Progress is recorded per entry id; the kind says
// how the readiness engine counts it.
const (
	KindSkill      = "skill"     // an item of a stage's skill group
	KindCriterion  = "criterion" // a "ready for the next level" criterion
	KindMilestone  = "milestone" // a stage's key milestone
	KindBranchItem = "branch"    // something a specialisation branch does
)

// Regions for which the roadmap gives salary bands.
const (
	RegionUK = "uk"
	RegionUS = "us"
)

// Track ids of the three career ladders.
const (
	TrackIC           = "ic"
	TrackManagement   = "management"
	TrackArchitecture = "architecture"
)

// Roadmap is a whole career roadmap.
type Roadmap struct {
	// Version is the version of this roadmap's content. It goes up when
	// entries are added or renamed; ids never change meaning.
	Version     int          `json:"version" yaml:"version"`
	ID          string       `json:"id" yaml:"id"`
	Title       string       `json:"title" yaml:"title"`
	Summary     string       `json:"summary,omitempty" yaml:"summary,omitempty"`
	Readiness   Readiness    `json:"readiness" yaml:"readiness"`
	Stages      []Stage      `json:"stages" yaml:"stages"`
	Branches    []Branch     `json:"branches,omitempty" yaml:"branches,omitempty"`
	Tracks      []Track      `json:"tracks,omitempty" yaml:"tracks,omitempty"`
	Transitions []Transition `json:"transitions,omitempty" yaml:"transitions,omitempty"`
	// TimelineFacts are facts about the transitions as a whole: what their
	// timelines assume, an example of a faster move.
	TimelineFacts []string `json:"timeline_facts,omitempty" yaml:"timeline_facts,omitempty"`
	// Decision describes the choice of path that opens at a stage (in the
	// DevOps roadmap: at Senior).
	Decision *Decision `json:"decision,omitempty" yaml:"decision,omitempty"`
	// Accelerators are general ways to move faster between stages.
	Accelerators []Note `json:"accelerators,omitempty" yaml:"accelerators,omitempty"`
	// Mistakes are common career mistakes to avoid.
	Mistakes []Note `json:"mistakes,omitempty" yaml:"mistakes,omitempty"`
	// NextSteps is advice per stage (Stage holds a stage id, or "" for
	// someone before their first role).
	NextSteps []NextStep `json:"next_steps,omitempty" yaml:"next_steps,omitempty"`

	ix *index // built by Load and Default; see Reindex
}

// Readiness tunes how the readiness score for the next level is computed.
type Readiness struct {
	Weights Weights `json:"weights" yaml:"weights"`
	// Ready is the score (0-100) from which, with the milestone achieved,
	// the verdict is "ready".
	Ready float64 `json:"ready" yaml:"ready"`
	// Close is the score from which the verdict is "close".
	Close float64 `json:"close" yaml:"close"`
	// StallMonths is the time at one level after which the roadmap warns
	// that something needs to change (36 in the DevOps roadmap).
	StallMonths int `json:"stall_months,omitempty" yaml:"stall_months,omitempty"`
	// Evidence says when an entry counts in the evidenced score.
	Evidence EvidenceRule `json:"evidence" yaml:"evidence"`
	// ReconfirmMonths is how long a claimed entry stays fresh after it was
	// last confirmed (its level change, its evidence's date or an explicit
	// re-confirmation) before devpath asks "still true?". A skill group
	// may set its own.
	ReconfirmMonths int `json:"reconfirm_months,omitempty" yaml:"reconfirm_months,omitempty"`
	// HorizonMonths is how far ahead a target date for the next level may
	// be set: a target past it is refused as not a plan.
	HorizonMonths int `json:"horizon_months,omitempty" yaml:"horizon_months,omitempty"`
}

// EvidenceRule is the rule of the evidenced score: the same formula as the
// claimed score, in which an entry counts only as far as its evidence
// supports it.
type EvidenceRule struct {
	// Off turns the evidenced score off: a roadmap for which evidence means
	// nothing shows only the claimed score.
	Off bool `json:"off,omitempty" yaml:"off,omitempty"`
	// RequiredFromLevel is the skill level (1-4) from which a skill needs
	// evidence: a skill claimed below it counts as claimed; one claimed at
	// or above it counts at the highest level its fresh evidence supports,
	// and without any at the level below RequiredFromLevel. Criteria and
	// milestones always need evidence.
	RequiredFromLevel int `json:"required_from_level" yaml:"required_from_level"`
	// MaxAgeMonths is how old evidence may be and still count; older
	// evidence is stale: shown, flagged for a refresh, not counted.
	MaxAgeMonths int `json:"max_age_months" yaml:"max_age_months"`
}

// Weights of the four readiness components. They sum to 1.
type Weights struct {
	Skills     float64 `json:"skills" yaml:"skills"`
	Criteria   float64 `json:"criteria" yaml:"criteria"`
	Milestone  float64 `json:"milestone" yaml:"milestone"`
	Experience float64 `json:"experience" yaml:"experience"`
}

// Default readiness settings, used where a roadmap file leaves them out.
var DefaultReadiness = Readiness{
	Weights:         Weights{Skills: 0.5, Criteria: 0.3, Milestone: 0.1, Experience: 0.1},
	Ready:           85,
	Close:           60,
	StallMonths:     36,
	Evidence:        EvidenceRule{RequiredFromLevel: 3, MaxAgeMonths: 24},
	ReconfirmMonths: 12,
	HorizonMonths:   60,
}

// Stage is one level of the main career path.
type Stage struct {
	ID      string `json:"id" yaml:"id"`
	Title   string `json:"title" yaml:"title"`
	Summary string `json:"summary,omitempty" yaml:"summary,omitempty"`
	// Years is the usual span of career years at this stage; Max is nil
	// when the stage is open-ended ("8+").
	Years  Years  `json:"years" yaml:"years"`
	Salary Salary `json:"salary" yaml:"salary"`
	// Milestone is the key milestone that marks this stage.
	Milestone        Item     `json:"milestone" yaml:"milestone"`
	Responsibilities []string `json:"responsibilities,omitempty" yaml:"responsibilities,omitempty"`
	// Skills are the skill groups to develop at this stage. A group with a
	// Track applies only to a user who chose that track.
	Skills   []SkillGroup `json:"skills,omitempty" yaml:"skills,omitempty"`
	Criteria []Item       `json:"criteria,omitempty" yaml:"criteria,omitempty"`
	// BranchSkills makes the items of the user's chosen branch count as a
	// skill group of this stage (the specialisation stage).
	BranchSkills bool `json:"branch_skills,omitempty" yaml:"branch_skills,omitempty"`
}

// Years is a span of career years. Max is nil for an open-ended span.
type Years struct {
	Min int  `json:"min" yaml:"min"`
	Max *int `json:"max,omitempty" yaml:"max,omitempty"`
}

// Salary holds a pay band per region; a region the source does not give is
// nil.
type Salary struct {
	UK *Band `json:"uk,omitempty" yaml:"uk,omitempty"`
	US *Band `json:"us,omitempty" yaml:"us,omitempty"`
}

// Band is a yearly pay range in whole pounds or dollars. Open means the top
// figure is written with a "+": some earn more.
type Band struct {
	Min  int  `json:"min" yaml:"min"`
	Max  int  `json:"max" yaml:"max"`
	Open bool `json:"open,omitempty" yaml:"open,omitempty"`
}

// SkillGroup is a named group of skill items.
type SkillGroup struct {
	ID    string `json:"id" yaml:"id"`
	Title string `json:"title" yaml:"title"`
	// Track, when set, limits the group to users on that track.
	Track string `json:"track,omitempty" yaml:"track,omitempty"`
	// Branch, when set, limits the group to users who chose that branch, so
	// that a stage can ask of a specialist what their branch asks at that
	// level. With Track also set, both must match.
	Branch string `json:"branch,omitempty" yaml:"branch,omitempty"`
	Items  []Item `json:"items" yaml:"items"`
	// ReconfirmMonths, when set, replaces the roadmap's
	// readiness.reconfirm_months for the group's skills (fast-moving
	// tooling may want a shorter interval).
	ReconfirmMonths int `json:"reconfirm_months,omitempty" yaml:"reconfirm_months,omitempty"`
}

// Item is one tickable entry: a skill, a criterion, a milestone or a
// branch item.
type Item struct {
	ID      string `json:"id" yaml:"id"`
	Title   string `json:"title" yaml:"title"`
	Summary string `json:"summary,omitempty" yaml:"summary,omitempty"`
	// Replaces lists former ids of this entry, so that progress recorded
	// under an old id follows the entry when it is renamed.
	Replaces []string `json:"replaces,omitempty" yaml:"replaces,omitempty"`
	// Track, on a criterion only, limits it to users who chose that track,
	// as a skill group's Track does; a criterion without one counts for
	// everyone. Validation rejects it on other kinds of entry.
	Track string `json:"track,omitempty" yaml:"track,omitempty"`
	// Signals say which commits of a git history show work on this entry,
	// for the evidence scan.
	Signals *Signals `json:"signals,omitempty" yaml:"signals,omitempty"`
}

// Branch is a specialisation that opens after Senior.
type Branch struct {
	ID     string `json:"id" yaml:"id"`
	Title  string `json:"title" yaml:"title"`
	Salary Salary `json:"salary" yaml:"salary"`
	// Summary says what the branch is about.
	Summary string `json:"summary,omitempty" yaml:"summary,omitempty"`
	// Suits says who the branch suits.
	Suits string `json:"suits,omitempty" yaml:"suits,omitempty"`
	// Items are what the branch does differently, as tickable entries.
	Items  []Item `json:"items" yaml:"items"`
	Ladder []Rung `json:"ladder,omitempty" yaml:"ladder,omitempty"`
	// Facts are further facts about the branch, one short text each.
	Facts []string `json:"facts,omitempty" yaml:"facts,omitempty"`
}

// Rung is one step of a branch's own career ladder.
type Rung struct {
	Title  string `json:"title" yaml:"title"`
	Salary Salary `json:"salary" yaml:"salary"`
}

// Track is one of the career ladders open from Senior: individual
// contributor, management or architecture.
type Track struct {
	ID      string       `json:"id" yaml:"id"`
	Title   string       `json:"title" yaml:"title"`
	Summary string       `json:"summary,omitempty" yaml:"summary,omitempty"`
	Levels  []TrackLevel `json:"levels" yaml:"levels"`
	// Facts are further facts about the track as a whole, one short text
	// each: what it rewards, good and bad reasons to take it.
	Facts []string `json:"facts,omitempty" yaml:"facts,omitempty"`
}

// TrackLevel is one rung of a track.
type TrackLevel struct {
	ID     string `json:"id" yaml:"id"`
	Title  string `json:"title" yaml:"title"`
	Salary Salary `json:"salary" yaml:"salary"`
	Scope  string `json:"scope" yaml:"scope"`
	// Stage is the id of the main-path stage at which this rung is usually
	// held, if any; it places the user on the ladder when they have not
	// said which rung they hold.
	Stage string `json:"stage,omitempty" yaml:"stage,omitempty"`
	// Facts are further facts about this rung, one short text each.
	Facts []string `json:"facts,omitempty" yaml:"facts,omitempty"`
}

// Transition is the move from one stage to the next and how long it takes.
type Transition struct {
	From              string `json:"from" yaml:"from"`
	To                string `json:"to" yaml:"to"`
	TypicalMonths     Months `json:"typical_months" yaml:"typical_months"`
	AcceleratedMonths Months `json:"accelerated_months" yaml:"accelerated_months"`
	// Accelerators says what makes the move faster.
	Accelerators string `json:"accelerators,omitempty" yaml:"accelerators,omitempty"`
}

// Months is a range of months.
type Months struct {
	Min int `json:"min" yaml:"min"`
	Max int `json:"max" yaml:"max"`
}

// Decision describes the choice of path that opens at a stage.
type Decision struct {
	Stage   string   `json:"stage" yaml:"stage"`
	Summary string   `json:"summary" yaml:"summary"`
	Options []string `json:"options,omitempty" yaml:"options,omitempty"`
	// Facts are further facts about the choice, one short text each.
	Facts []string `json:"facts,omitempty" yaml:"facts,omitempty"`
}

// Note is a short titled piece of advice.
type Note struct {
	ID      string `json:"id" yaml:"id"`
	Title   string `json:"title" yaml:"title"`
	Summary string `json:"summary" yaml:"summary"`
}

// NextStep is practical advice for someone at a stage.
type NextStep struct {
	// Stage is a stage id, or empty for someone before their first role.
	Stage   string `json:"stage,omitempty" yaml:"stage,omitempty"`
	Summary string `json:"summary" yaml:"summary"`
}

// Entry is a tickable entry together with where it sits in the roadmap.
type Entry struct {
	Item Item
	// Kind is one of KindSkill, KindCriterion, KindMilestone, KindBranchItem.
	Kind string
	// Stage is the id of the stage the entry belongs to ("" for branch items).
	Stage string
	// Group and GroupTitle name the skill group of a skill item.
	Group      string
	GroupTitle string
	// Track is the track a skill item's group, or a criterion, is limited
	// to, if any.
	Track string
	// Branch is the id of the branch of a branch item.
	Branch string
}
