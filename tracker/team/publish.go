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
}

// afterSend is called after each check-in the server answered, before it
// is marked published locally; tests cut the connection there.
var afterSend func(i int)

// Publish sends every check-in queued in q, oldest first, each in its own
// statement, and marks each published once the server has it. When the
// connection fails part way, what was sent stays marked and the rest stays
// queued; the next Publish completes it, and a check-in sent whose answer
// was lost is not stored twice.
func (c *Conn) Publish(ctx context.Context, q Queue) (PublishResult, error) {
	pending, err := q.TeamPending()
	if err != nil {
		return PublishResult{}, err
	}
	res := PublishResult{Left: len(pending)}
	for i, tc := range pending {
		n, err := c.send(ctx, tc)
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

// send inserts one check-in and returns the rows stored (0: it was there).
func (c *Conn) send(ctx context.Context, tc tracker.TeamCheckIn) (int64, error) {
	args, err := rowArgs(tc)
	if err != nil {
		return 0, err
	}
	r, err := c.sql.ExecContext(ctx, insertCheckIn, args...)
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
