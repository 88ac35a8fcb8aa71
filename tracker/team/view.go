package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/words"
)

// reportsCTE is the roles the connected role manages, in the team $1
// (” for every team they manage).
const reportsCTE = `WITH reports AS (
	SELECT DISTINCT member_role FROM memberships
	WHERE manager_role = current_user AND ($1 = '' OR team_name = $1)
)`

// StatusSQL reads, for each report, the latest check-in and the one before
// it, each found through the (owner, at DESC) index.
const StatusSQL = reportsCTE + `
SELECT r.member_role, COALESCE(p.display_name, ''),
	l.at, l.stage, l.claimed_score, l.evidenced_score, l.verdict, l.months_in_stage, l.stage_since,
	pr.claimed_score, pr.evidenced_score
FROM reports r
LEFT JOIN people p ON p.role_name = r.member_role
LEFT JOIN LATERAL (
	SELECT c.at, c.stage, c.claimed_score, c.evidenced_score, c.verdict, c.months_in_stage, c.stage_since
	FROM published_checkins c WHERE c.owner = r.member_role
	ORDER BY c.at DESC, c.id DESC LIMIT 1) l ON true
LEFT JOIN LATERAL (
	SELECT c.claimed_score, c.evidenced_score
	FROM published_checkins c WHERE c.owner = r.member_role
	ORDER BY c.at DESC, c.id DESC OFFSET 1 LIMIT 1) pr ON true
ORDER BY lower(COALESCE(NULLIF(p.display_name, ''), r.member_role)), r.member_role`

// CoverageSQL counts, for each entry id in the reports' latest check-ins,
// the reports proficient in it (level 3 or more, not skipped), and how many
// reports have a check-in at all (the row with a NULL entry).
const CoverageSQL = reportsCTE + `,
latest AS (
	SELECT r.member_role, l.items FROM reports r
	JOIN LATERAL (
		SELECT c.items FROM published_checkins c WHERE c.owner = r.member_role
		ORDER BY c.at DESC, c.id DESC LIMIT 1) l ON true
)
SELECT e.key, count(*), json_agg(latest.member_role ORDER BY latest.member_role)::text
FROM latest, jsonb_each(latest.items) e
WHERE (e.value->>'level')::int >= 3 AND NOT COALESCE((e.value->>'skipped')::boolean, false)
GROUP BY e.key
UNION ALL
SELECT NULL, count(*), '[]' FROM latest`

// Report is one person a manager manages, as their latest check-in shows
// them.
type Report struct {
	Role string `json:"role"`
	Name string `json:"name"`
	// CheckedIn is false when they have published no check-in yet; the
	// fields below are then zero.
	CheckedIn       bool      `json:"checked_in"`
	LastCheckIn     time.Time `json:"last_checkin"`
	Stage           string    `json:"stage"`
	StageTitle      string    `json:"stage_title"`
	Claimed         float64   `json:"claimed"`
	Evidenced       *float64  `json:"evidenced"`
	Verdict         string    `json:"verdict"`
	ClaimedChange   *float64  `json:"claimed_change"`   // since the check-in before; nil for the first
	EvidencedChange *float64  `json:"evidenced_change"` // nil without two evidenced scores
	// StageSince is the day they entered the stage; nil when unknown.
	StageSince *time.Time `json:"stage_since"`
	// MonthsInStage is counted to today from StageSince, else the months
	// recorded at the check-in.
	MonthsInStage int `json:"months_in_stage"`
	// Timeline is "accelerated", "on-track", "overdue" or "unknown",
	// against the roadmap's typical months (Typical).
	Timeline string         `json:"timeline"`
	Typical  roadmap.Months `json:"typical_months"`
	// Warning is the stall warning (words.StallWarning), or "".
	Warning string `json:"warning,omitempty"`
}

// Status returns the reports the connected role manages in team (” for
// all), by name, measured against rm on day today.
func (c *Conn) Status(ctx context.Context, team string, rm *roadmap.Roadmap, today time.Time) ([]Report, error) {
	rows, err := c.sql.QueryContext(ctx, StatusSQL, team)
	if err != nil {
		return nil, fmt.Errorf("read the team's check-ins: %w", refused(err))
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		var (
			r                       Report
			at                      sql.NullTime
			stage, verdict          sql.NullString
			claimed, prevClaimed    sql.NullFloat64
			evidenced, prevEvidence sql.NullFloat64
			months                  sql.NullInt64
			since                   sql.NullTime
		)
		if err := rows.Scan(&r.Role, &r.Name, &at, &stage, &claimed, &evidenced, &verdict, &months, &since,
			&prevClaimed, &prevEvidence); err != nil {
			return nil, fmt.Errorf("read the team's check-ins: %w", err)
		}
		if r.Name == "" {
			r.Name = r.Role
		}
		if at.Valid {
			r.fill(rm, today, at.Time, stage.String, claimed.Float64, evidenced, verdict.String, int(months.Int64), since, prevClaimed, prevEvidence)
		} else {
			r.Timeline = tracker.TimelineUnknown
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the team's check-ins: %w", err)
	}
	return out, nil
}

func (r *Report) fill(rm *roadmap.Roadmap, today, at time.Time, stage string, claimed float64, evidenced sql.NullFloat64,
	verdict string, months int, since sql.NullTime, prevClaimed, prevEvidenced sql.NullFloat64) {
	r.CheckedIn, r.LastCheckIn, r.Stage, r.Claimed, r.Verdict = true, at, stage, claimed, verdict
	r.StageTitle = stage
	if s := rm.Stage(stage); s != nil {
		r.StageTitle = s.Title
	}
	if evidenced.Valid {
		v := evidenced.Float64
		r.Evidenced = &v
	}
	if prevClaimed.Valid {
		d := round1(claimed - prevClaimed.Float64)
		r.ClaimedChange = &d
	}
	if evidenced.Valid && prevEvidenced.Valid {
		d := round1(evidenced.Float64 - prevEvidenced.Float64)
		r.EvidencedChange = &d
	}
	// The timeline is the roadmap's for the stage and the time in it
	// today: Assess with only the profile gives exactly that.
	prof := tracker.Profile{Stage: stage}
	if since.Valid {
		prof.StageSince = since.Time
		d := since.Time
		r.StageSince = &d
	}
	r.MonthsInStage = months
	r.Timeline, r.Typical = tracker.TimelineUnknown, roadmap.Months{}
	if rm.Stage(stage) == nil {
		return
	}
	a := tracker.Assess(rm, tracker.Progress{Profile: prof}, today)
	if since.Valid {
		r.MonthsInStage = a.MonthsInStage
	}
	r.Timeline, r.Typical = a.Timeline.Status, a.Timeline.Typical
	r.Warning = words.StallWarning(a.Timeline.StalledAfter)
}

func round1(f float64) float64 {
	if f < 0 {
		return -float64(int64(-f*10+0.5)) / 10
	}
	return float64(int64(f*10+0.5)) / 10
}

// EntryCoverage is how many of the team are proficient in one entry.
type EntryCoverage struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Kind       string   `json:"kind"`
	Stage      string   `json:"stage,omitempty"`
	Proficient int      `json:"proficient"`
	Who        []string `json:"who"` // their roles
}

// Coverage is the team's proficiency across a roadmap.
type Coverage struct {
	// Reports is how many reports have published a check-in.
	Reports int             `json:"reports"`
	Entries []EntryCoverage `json:"entries"` // in roadmap order
	// Uncovered are the ids of the entries nobody is proficient in.
	Uncovered []string `json:"uncovered"`
}

// Coverage counts, for each entry of rm, the reports proficient in it in
// their latest check-in (progress under a former id counts for the entry).
func (c *Conn) Coverage(ctx context.Context, team string, rm *roadmap.Roadmap) (Coverage, error) {
	rows, err := c.sql.QueryContext(ctx, CoverageSQL, team)
	if err != nil {
		return Coverage{}, fmt.Errorf("read the team's coverage: %w", refused(err))
	}
	defer rows.Close()
	type tally struct {
		n   int
		who []string
	}
	byID := map[string]tally{}
	var cov Coverage
	for rows.Next() {
		var (
			id   sql.NullString
			n    int
			list string
			who  []string
		)
		if err := rows.Scan(&id, &n, &list); err != nil {
			return Coverage{}, fmt.Errorf("read the team's coverage: %w", err)
		}
		if err := json.Unmarshal([]byte(list), &who); err != nil {
			return Coverage{}, fmt.Errorf("read the team's coverage: %w", err)
		}
		if !id.Valid {
			cov.Reports = n
			continue
		}
		byID[id.String] = tally{n, who}
	}
	if err := rows.Err(); err != nil {
		return Coverage{}, fmt.Errorf("read the team's coverage: %w", err)
	}
	cov.Entries, cov.Uncovered = []EntryCoverage{}, []string{}
	for _, e := range rm.Entries() {
		ec := EntryCoverage{ID: e.Item.ID, Title: e.Item.Title, Kind: e.Kind, Stage: e.Stage, Who: []string{}}
		seen := map[string]bool{}
		for _, id := range append([]string{e.Item.ID}, e.Item.Replaces...) {
			for _, w := range byID[id].who {
				if !seen[w] {
					seen[w] = true
					ec.Who = append(ec.Who, w)
				}
			}
		}
		ec.Proficient = len(ec.Who)
		if ec.Proficient == 0 {
			cov.Uncovered = append(cov.Uncovered, ec.ID)
		}
		cov.Entries = append(cov.Entries, ec)
	}
	return cov, nil
}
