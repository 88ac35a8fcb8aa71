package report

import "fmt"

// summary is the content of the Markdown, HTML and PDF reports, in the
// user's words, ready to print.
type summary struct {
	Title     string
	Name      string
	Generated string
	Period    string
	Roadmap   string

	Stage      string
	StageSince string // "" when unknown
	Months     int
	Timeline   string // sentence comparing the months with the transition
	Warning    string
	Region     string
	Branch     string
	Track      string
	// The roadmap's facts that concern the user: about the transitions,
	// their chosen branch, and their chosen track and rung (track first).
	TimelineFacts []string
	BranchFacts   []string
	TrackFacts    []string
	// The plan: the target and the forecast in a sentence each, and the
	// plan's items, one a line; all empty when the report has no plan.
	Target    string
	Forecast  string
	PlanItems []string

	Next       string // title of the next level, "" at the top
	Score      float64
	Verdict    string
	VerdictFor string // when the verdict changes, in words
	Components []component
	Hints      []string
	// Evidenced is the evidenced score; nil when the roadmap turns
	// evidence off.
	Evidenced *evidencedScore
	// Review is the latest review by a manager, in lines; nil without one.
	Review *reviewLines

	Stages []stageProgress

	Done          []doneEntry
	OtherEvidence []evidenceGroup

	Missing     []missingEntry
	MissingMore int // missing entries not listed

	Branches []branchLine
	Closest  string

	PayRegion string
	PayNow    string
	PayNext   string
	NextTitle string

	CheckIn *checkInCompare

	Orphans []string
}

// evidencedScore is the evidenced score beside the claimed one.
type evidencedScore struct {
	Score   float64
	Verdict string
	Gap     string   // what the claims lack, in a sentence; "" when nothing
	Actions []string // "Add evidence for X (proficient): +4.2", most first
}

// reviewLines is the latest review, said in lines.
type reviewLines struct {
	Heading string
	Lines   []string
	Gaps    []string // entries two levels or more apart
}

// evidenceActionLimit is how many evidence actions a summary lists.
const evidenceActionLimit = 5

type component struct {
	Name   string
	Share  float64 // 0-100
	Weight float64 // 0-100
	Points float64 // Share*Weight/100
}

type stageProgress struct {
	Title   string
	Current bool
	// Place says where the stage sits for the user (words.StagePlace):
	// "current stage", "earlier stage: behind you", …; "" for a later one.
	Place string
	// NotTracked is an earlier stage with nothing recorded: its counts
	// are shown as dashes rather than as "0 of 30", and its groups not
	// at all.
	NotTracked bool
	Done       int
	Total      int
	Skipped    int
	Groups     []groupProgress
}

// Label is the stage's title with its place: "Junior DevOps Engineer
// (earlier stage: behind you)".
func (s stageProgress) Label() string {
	if s.Place == "" {
		return s.Title
	}
	return s.Title + " (" + s.Place + ")"
}

// Cells are Count's three cells, for the HTML template.
func (s stageProgress) Cells() []string {
	d, o, k := s.Count()
	return []string{d, o, k}
}

// Count is how many entries are done and of how many, as cells; dashes for
// an earlier stage not tracked.
func (s stageProgress) Count() (done, of, skipped string) {
	if s.NotTracked {
		return "–", "–", "–"
	}
	return fmt.Sprint(s.Done), fmt.Sprint(s.Total), fmt.Sprint(s.Skipped)
}

type groupProgress struct {
	Title string
	Done  int
	Total int
}

type doneEntry struct {
	Title    string
	Where    string
	Level    string
	Date     string
	Evidence []evidenceLine
}

type evidenceLine struct {
	Date string
	Note string
	// Link is the evidence link when it is an http or https URL; other
	// links are never made clickable and are shown in LinkText only.
	Link     string
	LinkText string
}

type evidenceGroup struct {
	Title    string
	Where    string
	Evidence []evidenceLine
}

type missingEntry struct {
	Rank  int
	Title string
	Kind  string
	Group string
	Level string
	Gain  float64
}

type branchLine struct {
	Title   string
	Done    int
	Total   int
	Share   float64 // 0-100
	Closest bool
}

type checkInCompare struct {
	Latest        string // label and date
	LatestScore   float64
	LatestVerdict string
	Previous      string // "" when there is only one check-in
	PrevScore     float64
	Delta         float64
	Changes       []changeLine
}

type changeLine struct {
	Title string
	From  string
	To    string
}
