package team

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"devpath/tracker"
)

// insertCheckIn is the one statement that publishes a check-in. The owner
// is left to its default, current_user, which the insert policy requires
// anyway; a check-in already there (published before, the answer lost)
// is skipped.
const insertCheckIn = `INSERT INTO published_checkins
	(checkin_uuid, at, stage, claimed_score, evidenced_score, verdict, roadmap_id, roadmap_version,
	 months_in_stage, stage_since, items, evidence,
	 target, forecast_earliest, forecast_likely, forecast_latest, forecast_reason, on_track)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
ON CONFLICT (owner, checkin_uuid) DO NOTHING`

// insertCheckInV3 is insertCheckIn for a server older than PlanSchema,
// which has no plan columns: the statement devpath sent before plans.
const insertCheckInV3 = `INSERT INTO published_checkins
	(checkin_uuid, at, stage, claimed_score, evidenced_score, verdict, roadmap_id, roadmap_version,
	 months_in_stage, stage_since, items, evidence)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (owner, checkin_uuid) DO NOTHING`

// Queue is the local side of publishing: the store's outbox.
type Queue interface {
	TeamPending() ([]tracker.TeamCheckIn, error)
	MarkTeamPublished(uuid string) error
}

// PublishResult counts what Publish did.
type PublishResult struct {
	Sent    int // check-ins the server stored
	Already int // check-ins the server had already (published before)
	Left    int // still queued
	// PlanLeftOut is the server's schema version when it is older than
	// PlanSchema and a plan was to go: the check-ins went without it
	// (Note says so). 0 otherwise.
	PlanLeftOut int
}

// Note says what the user should know of a publish that went through:
// the plan left out by an older server, and what to do; "" when there is
// nothing to say.
func (r PublishResult) Note() string {
	if r.PlanLeftOut == 0 {
		return ""
	}
	return fmt.Sprintf("the team database's schema is version %d, which has no place for your target and forecast, so the check-ins went without them; "+
		"its administrator runs 'devpath team init URL' (devpath %d or later) to add it", r.PlanLeftOut, PlanSchema)
}

// PlanFunc gives the plan as it stands, for the newest check-in Publish
// sends; it is called only when there is something to send. A nil
// PlanFunc, or a nil Plan, shares none.
type PlanFunc func() *Plan

// afterSend is called after each check-in the server answered, before it
// is marked published locally; tests cut the connection there.
var afterSend func(i int)

// Publish sends every check-in queued in q, oldest first, each in its own
// statement, and marks each published once the server has it. When the
// connection fails part way, what was sent stays marked and the rest stays
// queued; the next Publish completes it, and a check-in sent whose answer
// was lost is not stored twice.
//
// The newest check-in sent carries plan's plan, as it stands when it is
// sent; the ones queued before it carry none (the manager's views read
// each report's latest check-in only). A server whose schema is older than
// PlanSchema has no place for it: the check-ins go without, and
// PublishResult.PlanLeftOut says so.
func (c *Conn) Publish(ctx context.Context, q Queue, plan PlanFunc) (PublishResult, error) {
	pending, err := q.TeamPending()
	if err != nil {
		return PublishResult{}, err
	}
	res := PublishResult{Left: len(pending)}
	if len(pending) == 0 {
		return res, nil
	}
	version, err := c.schemaVersion(ctx)
	if err != nil {
		return res, fmt.Errorf("publish the check-ins: %w", err)
	}
	var p *Plan
	if plan != nil {
		p = plan()
	}
	if p != nil && version < PlanSchema {
		res.PlanLeftOut, p = version, nil
	}
	for i, tc := range pending {
		var with *Plan
		if i == len(pending)-1 {
			with = p
		}
		n, err := c.send(ctx, tc, with, version >= PlanSchema)
		if err != nil {
			err = refused(err)
			return res, fmt.Errorf("publish the check-in of %s: %w", tc.At.Local().Format("2006-01-02 15:04"), err)
		}
		if afterSend != nil {
			afterSend(i)
		}
		if err := q.MarkTeamPublished(tc.UUID); err != nil {
			return res, err
		}
		res.Left--
		if n == 0 {
			res.Already++
		} else {
			res.Sent++
		}
	}
	return res, nil
}

// send inserts one check-in with plan (nil: none) and returns the rows
// stored (0: it was there). withPlan is false for a server without the
// plan's columns.
func (c *Conn) send(ctx context.Context, tc tracker.TeamCheckIn, plan *Plan, withPlan bool) (int64, error) {
	args, err := rowArgs(tc)
	if err != nil {
		return 0, err
	}
	stmt := insertCheckInV3
	if withPlan {
		stmt, args = insertCheckIn, append(args, plan.args()...)
	}
	r, err := c.sql.ExecContext(ctx, stmt, args...)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// rowArgs are the values of insertCheckIn for tc.
func rowArgs(tc tracker.TeamCheckIn) ([]any, error) {
	items, err := json.Marshal(tc.Items)
	if err != nil {
		return nil, err
	}
	var evidence any // NULL when not shared
	if tc.Evidence != nil {
		b, err := json.Marshal(tc.Evidence)
		if err != nil {
			return nil, err
		}
		evidence = string(b)
	}
	var since any
	if tc.StageSince != "" {
		d, err := time.Parse(time.DateOnly, tc.StageSince)
		if err != nil {
			return nil, fmt.Errorf("the stage's start %q: %w", tc.StageSince, err)
		}
		since = d
	}
	return []any{tc.UUID, tc.At, tc.Stage, tc.Score, tc.EvidencedScore, tc.Verdict, tc.RoadmapID, tc.RoadmapVersion,
		tc.MonthsInStage, since, string(items), evidence}, nil
}
