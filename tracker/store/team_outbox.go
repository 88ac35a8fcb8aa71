package store

import (
	"cmp"
	"crypto/rand"
	"devpath/tracker"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

type teamLinkRow struct {
	ID            int    `gorm:"column:id;primaryKey"`
	URL           string `gorm:"column:url"`
	ShareEvidence bool   `gorm:"column:share_evidence"`
	JoinedAt      string `gorm:"column:joined_at"`
}

func (teamLinkRow) TableName() string { return "team_link" }

type teamOutboxRow struct {
	UUID        string `gorm:"column:uuid;primaryKey"`
	CheckinID   int64  `gorm:"column:checkin_id"`
	Payload     string `gorm:"column:payload"`
	QueuedAt    string `gorm:"column:queued_at"`
	PublishedAt string `gorm:"column:published_at"`
}

func (teamOutboxRow) TableName() string { return "team_outbox" }

// JoinTeam links the database to a team database at url (which must hold
// no password): from now on every check-in is queued for it.
func (s *Store) JoinTeam(url string, shareEvidence bool) error {
	if strings.TrimSpace(url) == "" {
		return errors.New("join a team: no database URL")
	}
	return s.write("join a team", func(tx *gorm.DB, now time.Time) error {
		row := teamLinkRow{ID: 1, URL: url, ShareEvidence: shareEvidence, JoinedAt: formatStamp(now)}
		return tx.Save(&row).Error
	})
}

// LeaveTeam removes the link to the team and what was queued for it and not
// published yet; published check-ins stay on the server.
func (s *Store) LeaveTeam() error {
	return s.write("leave the team", func(tx *gorm.DB, _ time.Time) error {
		if err := tx.Exec("DELETE FROM team_outbox WHERE published_at = ''").Error; err != nil {
			return err
		}
		return tx.Exec("DELETE FROM team_link").Error
	})
}

// Team returns the link to the team; ok is false when the database joined
// none.
func (s *Store) Team() (link tracker.TeamLink, ok bool, err error) {
	err = s.read("read the team link", func(db *gorm.DB) error {
		var err error
		link, ok, err = loadTeamLink(db)
		return err
	})
	return link, ok, err
}

func loadTeamLink(db *gorm.DB) (tracker.TeamLink, bool, error) {
	if n, err := hasTable(db, "team_link"); err != nil || !n {
		return tracker.TeamLink{}, false, err // a database opened read-only before version 6
	}
	var rows []teamLinkRow
	if err := db.Limit(1).Find(&rows).Error; err != nil {
		return tracker.TeamLink{}, false, err
	}
	if len(rows) == 0 {
		return tracker.TeamLink{}, false, nil
	}
	at, err := parseStamp(rows[0].JoinedAt)
	if err != nil {
		return tracker.TeamLink{}, false, fmt.Errorf("team link: %w", err)
	}
	return tracker.TeamLink{URL: rows[0].URL, ShareEvidence: rows[0].ShareEvidence, JoinedAt: at}, true, nil
}

func hasTable(db *gorm.DB, name string) (bool, error) {
	var n int64
	err := db.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", name).Row().Scan(&n)
	return n > 0, err
}

// TeamPending returns the check-ins queued for the team and not published
// yet, oldest first.
func (s *Store) TeamPending() ([]tracker.TeamCheckIn, error) {
	var rows []teamOutboxRow
	err := s.read("read the team outbox", func(db *gorm.DB) error {
		if ok, err := hasTable(db, "team_outbox"); err != nil || !ok {
			return err
		}
		return db.Where("published_at = ''").Order("queued_at, checkin_id").Find(&rows).Error
	})
	if err != nil {
		return nil, err
	}
	out := make([]tracker.TeamCheckIn, 0, len(rows))
	for _, r := range rows {
		var c tracker.TeamCheckIn
		if err := json.Unmarshal([]byte(r.Payload), &c); err != nil {
			return nil, fmt.Errorf("read the team outbox: check-in %s is not readable: %w", r.UUID, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// TeamQueueCounts returns how many queued check-ins wait and how many were
// published.
func (s *Store) TeamQueueCounts() (pending, published int, err error) {
	err = s.read("read the team outbox", func(db *gorm.DB) error {
		if ok, err := hasTable(db, "team_outbox"); err != nil || !ok {
			return err
		}
		return db.Raw("SELECT count(*) FILTER (WHERE published_at = ''), count(*) FILTER (WHERE published_at <> '') FROM team_outbox").
			Row().Scan(&pending, &published)
	})
	return pending, published, err
}

// MarkTeamPublished records that the server holds the queued check-in
// uuid. Marking one that is not queued is no error: it was published, or
// the team was left, meanwhile.
//
// The mark is written without waiting for the disk (synchronous=NORMAL
// for this one transaction, on the store's only connection): a mark lost
// to a crash only makes the next publish send the check-in again, which
// the server stores once. That keeps a publish near the cost of the
// server's insert alone.
func (s *Store) MarkTeamPublished(uuid string) error {
	const op = "mark the check-in published"
	if s.readOnly {
		return s.readOnlyErr(op)
	}
	err := s.db.Connection(func(c *gorm.DB) error {
		if err := c.Exec("PRAGMA synchronous = NORMAL").Error; err != nil {
			return err
		}
		defer c.Exec("PRAGMA synchronous = FULL")
		return s.retryBusy(func() error {
			return c.Transaction(func(tx *gorm.DB) error {
				return tx.Exec("UPDATE team_outbox SET published_at = ? WHERE uuid = ? AND published_at = ''", formatStamp(s.now()), uuid).Error
			})
		})
	})
	if err != nil {
		return s.dbErr(op, err)
	}
	return nil
}

// queueForTeam queues the check-in c for the team, inside its write
// transaction, when the database joined one: a check-in is never saved
// without its place in the queue. a is its assessment, prof the profile and
// ev the evidence it was made from.
func queueForTeam(tx *gorm.DB, c tracker.CheckIn, a tracker.Assessment, prof tracker.Profile, ev map[string][]tracker.Evidence, now time.Time) error {
	link, ok, err := loadTeamLink(tx)
	if err != nil || !ok {
		return err
	}
	id, err := newUUID()
	if err != nil {
		return err
	}
	tc := tracker.TeamCheckIn{UUID: id, CheckInID: c.ID, At: c.At, Stage: c.Stage, Score: c.Score, EvidencedScore: c.EvidencedScore,
		Verdict: c.Verdict, RoadmapID: c.RoadmapID, RoadmapVersion: c.RoadmapVersion, MonthsInStage: a.MonthsInStage,
		Items: make(map[string]tracker.TeamItem, len(c.Items))}
	if !prof.StageSince.IsZero() {
		tc.StageSince = prof.StageSince.Format(tracker.DateLayout)
	}
	for k, st := range c.Items {
		tc.Items[k] = tracker.TeamItem{Level: st.Level, Skipped: st.Skipped}
	}
	if link.ShareEvidence {
		tc.Evidence = teamEvidence(ev)
	}
	payload, err := json.Marshal(tc)
	if err != nil {
		return err
	}
	return tx.Create(&teamOutboxRow{UUID: id, CheckinID: c.ID, Payload: string(payload), QueuedAt: formatStamp(now)}).Error
}

// teamEvidence lists the evidence's titles and links, by entry and date.
func teamEvidence(ev map[string][]tracker.Evidence) []tracker.TeamEvidence {
	out := []tracker.TeamEvidence{}
	for _, list := range ev {
		for _, e := range list {
			title, _, _ := strings.Cut(strings.TrimSpace(e.Note), "\n")
			if r := []rune(title); len(r) > tracker.MaxTeamTitle {
				title = string(r[:tracker.MaxTeamTitle-1]) + "…"
			}
			out = append(out, tracker.TeamEvidence{ItemID: e.ItemID, Title: strings.TrimSpace(title), Link: e.Link})
		}
	}
	// Map order is random: sort, so that the same evidence always makes
	// the same payload.
	slices.SortFunc(out, func(a, b tracker.TeamEvidence) int {
		return cmp.Or(cmp.Compare(a.ItemID, b.ItemID), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Link, b.Link))
	})
	return out
}

// newUUID returns a random (version 4) UUID.
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("make a check-in id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
