package team

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
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
// it, each found through the (owner, at DESC) index, among those whose
// time lies between $2 and $3 (EarliestTime, LatestTime); the next
// column counts their check-ins outside, which are left out as
// unreadable, and the last six are the latest check-in's plan.
// stage_since is read as text: a date such as 'infinity', from before the
// schema's checks, is then a row marked unreadable, not a failed scan.
var StatusSQL = statusSQL(true)

// statusSQLV3 is StatusSQL for a server older than PlanSchema: no plan.
var statusSQLV3 = statusSQL(false)

// statusSQL is StatusSQL, reading the plan's columns withPlan, else NULL
// in their place (a server older than PlanSchema has none).
func statusSQL(withPlan bool) string {
	plan, planOf := noPlanColumns, ""
	if withPlan {
		plan, planOf = planColumns, ", c.target, c.forecast_earliest, c.forecast_likely, c.forecast_latest, c.forecast_reason, c.on_track"
	}
	return reportsCTE + `
SELECT r.member_role, COALESCE(p.display_name, ''),
	l.at, l.stage, l.claimed_score, l.evidenced_score, l.verdict, l.months_in_stage, l.stage_since::text,
	pr.claimed_score, pr.evidenced_score,
	(SELECT count(*) FROM published_checkins c WHERE c.owner = r.member_role AND (c.at < $2 OR c.at >= $3)),
	` + plan + `
FROM reports r
LEFT JOIN people p ON p.role_name = r.member_role
LEFT JOIN LATERAL (
	SELECT c.at, c.stage, c.claimed_score, c.evidenced_score, c.verdict, c.months_in_stage, c.stage_since` + planOf + `
	FROM published_checkins c WHERE c.owner = r.member_role AND c.at >= $2 AND c.at < $3
	ORDER BY c.at DESC, c.published_at DESC, c.checkin_uuid DESC LIMIT 1) l ON true
LEFT JOIN LATERAL (
	SELECT c.claimed_score, c.evidenced_score
	FROM published_checkins c WHERE c.owner = r.member_role AND c.at >= $2 AND c.at < $3
	ORDER BY c.at DESC, c.published_at DESC, c.checkin_uuid DESC OFFSET 1 LIMIT 1) pr ON true
ORDER BY lower(COALESCE(NULLIF(p.display_name, ''), r.member_role)), r.member_role`
}

// CoverageSQL reads the items of each report's latest check-in (between $2
// and $3, as StatusSQL), as text: Coverage reads each one itself, so that
// one malformed set of items marks that report unreadable instead of
// failing the whole count.
const CoverageSQL = reportsCTE + `
SELECT r.member_role, l.items::text FROM reports r
JOIN LATERAL (
	SELECT c.items FROM published_checkins c WHERE c.owner = r.member_role AND c.at >= $2 AND c.at < $3
	ORDER BY c.at DESC, c.published_at DESC, c.checkin_uuid DESC LIMIT 1) l ON true
ORDER BY r.member_role`

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
	// Problem says why their latest check-in could not be read (a row
	// from before the schema's checks); CheckedIn is then false and the
	// report is shown as unreadable.
	Problem string `json:"problem,omitempty"`
	// Unreadable counts their check-ins left out for a time outside
	// EarliestTime and LatestTime ('infinity', say).
	Unreadable int `json:"unreadable,omitempty"`
	// Plan is the target and forecast their latest check-in shared; nil
	// when it shared none (a devpath before plans, or a server whose
	// schema is older than PlanSchema).
	Plan *Plan `json:"plan"`
}

// Status returns the reports the connected role manages in team (” for
// all), by name, measured against rm on day today. A row it cannot read
// (from before the schema's checks) marks that report unreadable, with
// the reason, and the others are read all the same.
func (c *Conn) Status(ctx context.Context, team string, rm *roadmap.Roadmap, today time.Time) ([]Report, error) {
	version, err := c.schemaVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the team's check-ins: %w", err)
	}
	q := StatusSQL
	if version < PlanSchema {
		q = statusSQLV3
	}
	rows, err := c.sql.QueryContext(ctx, q, team, EarliestTime, LatestTime)
	if err != nil {
		return nil, fmt.Errorf("read the team's check-ins: %w", refused(err))
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		var (
			r                       Report
			at                      sql.NullTime
			stage, verdict, since   sql.NullString
			claimed, prevClaimed    sql.NullFloat64
			evidenced, prevEvidence sql.NullFloat64
			months                  sql.NullInt64
			plan                    planRow
		)
		dests := append([]any{&r.Role, &r.Name, &at, &stage, &claimed, &evidenced, &verdict, &months, &since,
			&prevClaimed, &prevEvidence, &r.Unreadable}, plan.dests()...)
		if err := rows.Scan(dests...); err != nil {
			out = append(out, unreadableRow(rows, err))
			continue
		}
		if r.Name == "" {
			r.Name = r.Role
		}
		if !at.Valid {
			r.Timeline = tracker.TimelineUnknown
			out = append(out, r)
			continue
		}
		day, problem := checkRow(claimed.Float64, evidenced, int(months.Int64), since)
		if problem != "" {
			r.Problem, r.Timeline = "its latest check-in "+problem, tracker.TimelineUnknown
			out = append(out, r)
			continue
		}
		if !score(prevClaimed) || !score(prevEvidence) {
			prevClaimed, prevEvidence = sql.NullFloat64{}, sql.NullFloat64{}
		}
		r.fill(rm, today, at.Time, stage.String, claimed.Float64, evidenced, verdict.String, int(months.Int64), day, prevClaimed, prevEvidence)
		r.Plan = plan.plan()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the team's check-ins: %w", err)
	}
	return out, nil
}

// unreadableRow is the report of a row Scan refused: the role when that
// much can be read, and why.
func unreadableRow(rows *sql.Rows, err error) Report {
	r := Report{Role: "(unknown)", Timeline: tracker.TimelineUnknown,
		Problem: "a row could not be read: " + tracker.OneLine(err.Error())}
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(any)
	}
	var role sql.NullString
	if len(vals) > 0 {
		vals[0] = &role
		if rows.Scan(vals...) == nil && role.Valid {
			r.Role = role.String
		}
	}
	r.Name = r.Role
	return r
}

// score reports whether a score read is absent or one devpath writes.
func score(f sql.NullFloat64) bool {
	return !f.Valid || (!math.IsNaN(f.Float64) && f.Float64 >= 0 && f.Float64 <= 100)
}

// checkRow checks the values of a check-in the schema of today would
// refuse, and returns the stage's start (NULL when unknown) or why the
// row cannot be read.
func checkRow(claimed float64, evidenced sql.NullFloat64, months int, since sql.NullString) (sql.NullTime, string) {
	switch {
	case !score(sql.NullFloat64{Float64: claimed, Valid: true}):
		return sql.NullTime{}, fmt.Sprintf("claims a readiness of %v, not 0 to 100", claimed)
	case !score(evidenced):
		return sql.NullTime{}, fmt.Sprintf("has an evidenced readiness of %v, not 0 to 100", evidenced.Float64)
	case months < 0 || months > 1200:
		return sql.NullTime{}, fmt.Sprintf("has %d months in its stage", months)
	case !since.Valid:
		return sql.NullTime{}, ""
	}
	d, err := time.Parse(time.DateOnly, since.String)
	if err != nil || d.Before(EarliestTime) || !d.Before(LatestTime) {
		return sql.NullTime{}, fmt.Sprintf("has %q as the day its stage began", tracker.Visible(since.String))
	}
	return sql.NullTime{Time: d, Valid: true}, ""
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
	// Unreadable are the reports whose latest check-in's items could not
	// be read (from before the schema's checks); they count nowhere.
	Unreadable []UnreadableReport `json:"unreadable,omitempty"`
}

// UnreadableReport is a report Coverage could not count, and why.
type UnreadableReport struct {
	Role    string `json:"role"`
	Problem string `json:"problem"`
}

// Coverage counts, for each entry of rm, the reports proficient in it in
// their latest check-in (progress under a former id counts for the entry).
// A report whose items cannot be read is listed in Unreadable, not
// counted, and the others are counted all the same.
func (c *Conn) Coverage(ctx context.Context, team string, rm *roadmap.Roadmap) (Coverage, error) {
	rows, err := c.sql.QueryContext(ctx, CoverageSQL, team, EarliestTime, LatestTime)
	if err != nil {
		return Coverage{}, fmt.Errorf("read the team's coverage: %w", refused(err))
	}
	defer rows.Close()
	byID := map[string][]string{} // entry id → the roles proficient in it, by role
	var cov Coverage
	for rows.Next() {
		var role, items string
		if err := rows.Scan(&role, &items); err != nil {
			u := unreadableRow(rows, err)
			cov.Unreadable = append(cov.Unreadable, UnreadableReport{u.Role, u.Problem})
			continue
		}
		levels, err := readItems(items)
		if err != nil {
			cov.Unreadable = append(cov.Unreadable, UnreadableReport{role, "the levels of its latest check-in cannot be read: " + err.Error()})
			continue
		}
		cov.Reports++
		for id, it := range levels {
			if it.Level >= tracker.Proficient && !it.Skipped {
				byID[id] = append(byID[id], role)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return Coverage{}, fmt.Errorf("read the team's coverage: %w", err)
	}
	cov.Entries, cov.Uncovered = []EntryCoverage{}, []string{}
	for _, e := range rm.Entries() {
		ec := EntryCoverage{ID: e.Item.ID, Title: e.Item.Title, Kind: e.Kind, Stage: e.Stage, Who: []string{}}
		seen := map[string]bool{}
		for _, id := range append([]string{e.Item.ID}, e.Item.Replaces...) {
			for _, w := range byID[id] {
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

// readItems reads a check-in's items as devpath writes them, refusing
// what the schema's devpath_items_ok refuses: an object of entry ids, each
// an object with a whole level from 0 to 4 and an optional skipped flag.
func readItems(text string) (map[string]tracker.TeamItem, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil || raw == nil {
		return nil, errors.New("not an object of entries")
	}
	out := make(map[string]tracker.TeamItem, len(raw))
	for id, v := range raw {
		if id == "" || len([]rune(id)) > 200 {
			return nil, fmt.Errorf("an entry id of %d characters", len([]rune(id)))
		}
		var it struct {
			Level   json.RawMessage `json:"level"`
			Skipped *bool           `json:"skipped"`
		}
		if err := json.Unmarshal(v, &it); err != nil {
			return nil, fmt.Errorf("entry %q is not an object of a level and a skipped flag", tracker.Visible(id))
		}
		l, err := strconv.Atoi(string(it.Level))
		if err != nil || l < 0 || l > 4 {
			return nil, fmt.Errorf("entry %q has level %s, not a whole number from 0 to 4", tracker.Visible(id), tracker.Visible(string(it.Level)))
		}
		out[id] = tracker.TeamItem{Level: tracker.Level(l), Skipped: it.Skipped != nil && *it.Skipped}
	}
	return out, nil
}

// Label is the name to show for the report: the display name, followed by
// the role when the two differ, so that a name cannot pass for another
// person (the role is the server's own word for who published).
func (r Report) Label() string {
	if r.Name == "" || strings.EqualFold(r.Name, r.Role) {
		return r.Role
	}
	return r.Name + " (" + r.Role + ")"
}
