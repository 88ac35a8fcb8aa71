package tracker

import "time"

// TeamLink is this database's link to a team database ('devpath team
// join'). The URL never holds a password.
type TeamLink struct {
	URL string `json:"url"`
	// ShareEvidence: the titles and links of the evidence go with each
	// check-in.
	ShareEvidence bool      `json:"share_evidence"`
	JoinedAt      time.Time `json:"joined_at"`
}

// TeamCheckIn is what one check-in shares with the team: frozen when the
// check-in is made, queued in the outbox until it is published. UUID names
// it on the server, so that publishing it twice stores it once.
type TeamCheckIn struct {
	UUID           string    `json:"uuid"`
	CheckInID      int64     `json:"checkin_id"`
	At             time.Time `json:"at"`
	Stage          string    `json:"stage"`
	Score          float64   `json:"score"`
	EvidencedScore *float64  `json:"evidenced_score,omitempty"`
	Verdict        string    `json:"verdict"`
	RoadmapID      string    `json:"roadmap_id,omitempty"`
	RoadmapVersion int       `json:"roadmap_version,omitempty"`
	MonthsInStage  int       `json:"months_in_stage"`
	// StageSince is the day the user entered the stage, "" when unknown.
	StageSince string `json:"stage_since,omitempty"`
	// Items holds the level of every entry touched, by entry id.
	Items map[string]TeamItem `json:"items"`
	// Evidence is set only when the user chose to share it.
	Evidence []TeamEvidence `json:"evidence,omitempty"`
}

// TeamItem is an entry's state as the team sees it.
type TeamItem struct {
	Level   Level `json:"level"`
	Skipped bool  `json:"skipped,omitempty"`
}

// TeamEvidence is the title (the first line of the note) and link of one
// piece of evidence.
type TeamEvidence struct {
	ItemID string `json:"item_id"`
	Title  string `json:"title"`
	Link   string `json:"link,omitempty"`
}

// MaxTeamTitle bounds an evidence title sent to the team, in characters.
const MaxTeamTitle = 200
