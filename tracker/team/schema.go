package team

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Person is one PostgreSQL role that uses devpath, with the name its
// manager sees.
type Person struct {
	RoleName    string `gorm:"column:role_name;primaryKey"`
	DisplayName string `gorm:"column:display_name;not null"`
}

// TableName is the people's table.
func (Person) TableName() string { return "people" }

// Team is a named group of people under one or more managers.
type Team struct {
	Name      string    `gorm:"column:name;primaryKey"`
	CreatedAt time.Time `gorm:"column:created_at;type:timestamptz;not null"`
}

// TableName is the teams' table.
func (Team) TableName() string { return "teams" }

// Membership says that ManagerRole manages MemberRole in TeamName.
type Membership struct {
	TeamName    string `gorm:"column:team_name;primaryKey"`
	ManagerRole string `gorm:"column:manager_role;primaryKey"`
	MemberRole  string `gorm:"column:member_role;primaryKey"`
}

// TableName is the memberships' table.
func (Membership) TableName() string { return "memberships" }

// PublishedCheckIn is one check-in a role published. Rows are never
// changed or deleted; Owner is the role that inserted it.
type PublishedCheckIn struct {
	ID             int64           `gorm:"column:id;primaryKey;autoIncrement"`
	Owner          string          `gorm:"column:owner;not null"`
	CheckinUUID    string          `gorm:"column:checkin_uuid;type:uuid;not null"`
	At             time.Time       `gorm:"column:at;type:timestamptz;not null"`
	Stage          string          `gorm:"column:stage;not null"`
	ClaimedScore   float64         `gorm:"column:claimed_score;type:double precision;not null"`
	EvidencedScore *float64        `gorm:"column:evidenced_score;type:double precision"`
	Verdict        string          `gorm:"column:verdict;not null"`
	RoadmapID      string          `gorm:"column:roadmap_id;not null"`
	RoadmapVersion int             `gorm:"column:roadmap_version;not null"`
	MonthsInStage  int             `gorm:"column:months_in_stage;not null"`
	StageSince     *time.Time      `gorm:"column:stage_since;type:date"`
	Items          json.RawMessage `gorm:"column:items;type:jsonb;not null"`
	Evidence       json.RawMessage `gorm:"column:evidence;type:jsonb"`
	PublishedAt    time.Time       `gorm:"column:published_at;type:timestamptz;not null"`
}

// TableName is the published check-ins' table.
func (PublishedCheckIn) TableName() string { return "published_checkins" }

// MemberRole is the group role every devpath client is granted: what it
// may do is granted to it, and the policies name it.
const MemberRole = "devpath_member"

// step is one versioned migration of the team schema. gorm creates the
// tables from the models; sql is what gorm cannot express.
type step struct {
	version int
	what    string
	models  []any
	sql     string
	// post, when set, runs after sql in the same transaction.
	post func(tx *gorm.DB, res *InitResult) error
}

// steps is the schema's history. Never edit a released step; add one.
var steps = []step{
	{1, "tables and indexes", []any{&Person{}, &Team{}, &Membership{}, &PublishedCheckIn{}}, `
ALTER TABLE published_checkins ALTER COLUMN owner SET DEFAULT current_user;
ALTER TABLE published_checkins ALTER COLUMN published_at SET DEFAULT now();
ALTER TABLE teams ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE memberships ADD FOREIGN KEY (team_name) REFERENCES teams (name) ON DELETE CASCADE;
ALTER TABLE published_checkins ADD CONSTRAINT published_checkins_scores
	CHECK (claimed_score BETWEEN 0 AND 100 AND (evidenced_score IS NULL OR evidenced_score BETWEEN 0 AND 100));
ALTER TABLE published_checkins ADD CONSTRAINT published_checkins_items CHECK (jsonb_typeof(items) = 'object');
-- One row per check-in of a role: publishing again is ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX published_checkins_once ON published_checkins (owner, checkin_uuid);
-- The latest check-ins of a role first: the team view and coverage.
CREATE INDEX published_checkins_latest ON published_checkins (owner, at DESC, id DESC);
-- The reports of a manager, and the policies' look-up of a manager.
CREATE INDEX memberships_manager ON memberships (manager_role, member_role);
CREATE INDEX memberships_member ON memberships (member_role);`, nil},
	{2, "row-level security", nil, `
DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'devpath_member') THEN
		CREATE ROLE devpath_member NOLOGIN;
	END IF;
END $$;

REVOKE ALL ON people, teams, memberships, published_checkins FROM PUBLIC;
REVOKE ALL ON people, teams, memberships, published_checkins FROM devpath_member;
GRANT SELECT ON teams, memberships TO devpath_member;
GRANT SELECT, INSERT ON people TO devpath_member;
GRANT UPDATE (display_name) ON people TO devpath_member;
GRANT SELECT, INSERT ON published_checkins TO devpath_member;
GRANT USAGE ON SEQUENCE published_checkins_id_seq TO devpath_member;

-- The check-ins: FORCE makes the policies bind the owner too, so that not
-- even the administrator reads them without first disabling them.
ALTER TABLE published_checkins ENABLE ROW LEVEL SECURITY;
ALTER TABLE published_checkins FORCE ROW LEVEL SECURITY;
CREATE POLICY checkins_insert_own ON published_checkins FOR INSERT TO devpath_member
	WITH CHECK (owner = current_user);
CREATE POLICY checkins_select_own ON published_checkins FOR SELECT TO devpath_member
	USING (owner = current_user);
CREATE POLICY checkins_select_reports ON published_checkins FOR SELECT TO devpath_member
	USING (EXISTS (SELECT 1 FROM memberships m
		WHERE m.manager_role = current_user AND m.member_role = published_checkins.owner));
-- No UPDATE or DELETE policy, no such grant, and this trigger besides.
CREATE FUNCTION devpath_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
	RAISE EXCEPTION 'published check-ins cannot be changed or deleted'
		USING ERRCODE = 'insufficient_privilege';
END $f$;
CREATE TRIGGER published_checkins_append_only BEFORE UPDATE OR DELETE ON published_checkins
	FOR EACH ROW EXECUTE FUNCTION devpath_refuse_change();
CREATE TRIGGER published_checkins_no_truncate BEFORE TRUNCATE ON published_checkins
	FOR EACH STATEMENT EXECUTE FUNCTION devpath_refuse_change();

-- Memberships and teams are the administrator's (the owner, not bound by
-- these policies); a member sees their own, a manager the ones they lead.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY memberships_select ON memberships FOR SELECT TO devpath_member
	USING (manager_role = current_user OR member_role = current_user);
ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
CREATE POLICY teams_select ON teams FOR SELECT TO devpath_member
	USING (EXISTS (SELECT 1 FROM memberships m WHERE m.team_name = teams.name
		AND (m.manager_role = current_user OR m.member_role = current_user)));

-- People: each role writes its own name; a manager reads their reports'.
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
CREATE POLICY people_own ON people FOR ALL TO devpath_member
	USING (role_name = current_user) WITH CHECK (role_name = current_user);
CREATE POLICY people_reports ON people FOR SELECT TO devpath_member
	USING (EXISTS (SELECT 1 FROM memberships m
		WHERE m.manager_role = current_user AND m.member_role = people.role_name));`, nil},
	{3, "checks on what devpath writes, one display name per person, no sequence for members", nil, step3SQL, step3People},
	{PlanSchema, "the target and forecast of each check-in", nil, step4SQL, nil},
}

// SchemaVersion is the team schema this build installs.
var SchemaVersion = steps[len(steps)-1].version

// InitResult says what Init did.
type InitResult struct {
	From, To int      // the schema version before and after
	Applied  []string // the steps applied, "N: what"
	// Notes say what a step changed in rows already there.
	Notes []string
	// Unvalidated are the check constraints that rows from before break:
	// they bind every new row, and the views show those rows as
	// unreadable.
	Unvalidated []string
	// StatisticsHidden: members cannot read the tables' statistics
	// (hidden once by a superuser's Init; see docs/team.md).
	StatisticsHidden bool
}

// Init installs or upgrades the team schema, as the connection's role
// (the administrator: it owns the tables). It is idempotent: the steps
// already recorded in devpath_schema are skipped, and an advisory lock
// keeps two administrators from applying one twice.
func (c *Conn) Init(ctx context.Context) (InitResult, error) {
	return c.initTo(ctx, SchemaVersion)
}

// InitTo is Init up to version upTo (at most SchemaVersion): the schema
// an older devpath installs, for the tests of what a newer devpath does
// against it, here and in the interfaces.
func (c *Conn) InitTo(ctx context.Context, upTo int) (InitResult, error) {
	return c.initTo(ctx, min(upTo, SchemaVersion))
}

// initTo is Init up to version upTo.
func (c *Conn) initTo(ctx context.Context, upTo int) (InitResult, error) {
	var res InitResult
	err := c.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtext('devpath_schema'))").Error; err != nil {
			return err
		}
		if err := tx.Exec(`CREATE TABLE IF NOT EXISTS devpath_schema (
	version    integer PRIMARY KEY,
	what       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`).Error; err != nil {
			return err
		}
		if err := tx.Exec("REVOKE ALL ON devpath_schema FROM PUBLIC; GRANT SELECT ON devpath_schema TO PUBLIC").Error; err != nil {
			return err
		}
		if err := tx.Raw("SELECT COALESCE(max(version), 0) FROM devpath_schema").Row().Scan(&res.From); err != nil {
			return err
		}
		if res.From > SchemaVersion {
			return fmt.Errorf("the team database has schema version %d; this devpath knows up to %d: update devpath", res.From, SchemaVersion)
		}
		res.To = res.From
		for _, s := range steps {
			if s.version <= res.From || s.version > upTo {
				continue
			}
			if len(s.models) > 0 {
				if err := tx.Migrator().CreateTable(s.models...); err != nil {
					return fmt.Errorf("step %d (%s): %w", s.version, s.what, err)
				}
			}
			if err := tx.Exec(s.sql).Error; err != nil {
				return fmt.Errorf("step %d (%s): %w", s.version, s.what, err)
			}
			if s.post != nil {
				if err := s.post(tx, &res); err != nil {
					return fmt.Errorf("step %d (%s): %w", s.version, s.what, err)
				}
			}
			if err := tx.Exec("INSERT INTO devpath_schema (version, what) VALUES (?, ?)", s.version, s.what).Error; err != nil {
				return err
			}
			res.To = s.version
			res.Applied = append(res.Applied, fmt.Sprintf("%d: %s", s.version, s.what))
		}
		if res.To >= 3 {
			var err error
			if res.Unvalidated, err = validateChecks(tx); err != nil {
				return err
			}
		}
		var err error
		res.StatisticsHidden, err = hideStatistics(tx)
		return err
	})
	if err != nil {
		return InitResult{}, fmt.Errorf("install the team schema: %w", err)
	}
	return res, nil
}

// Version reads the installed schema version: an error when there is
// none (the administrator has not run 'devpath team init').
func (c *Conn) Version(ctx context.Context) (int, error) {
	var v int
	if err := c.sql.QueryRowContext(ctx, "SELECT COALESCE(max(version), 0) FROM devpath_schema").Scan(&v); err != nil {
		return 0, fmt.Errorf("the team database has no devpath schema (an administrator runs 'devpath team init URL' first): %w", err)
	}
	if v > SchemaVersion {
		return v, fmt.Errorf("the team database has schema version %d; this devpath knows up to %d: update devpath", v, SchemaVersion)
	}
	return v, nil
}

// schemaVersion reads the installed schema version once per Conn, for
// what depends on it (the plan's columns). Unlike Version it accepts a
// schema newer than this devpath's: the steps only ever add, so what this
// devpath reads and writes is still there.
func (c *Conn) schemaVersion(ctx context.Context) (int, error) {
	if v := c.schema.Load(); v > 0 {
		return int(v), nil
	}
	var v int
	if err := c.sql.QueryRowContext(ctx, "SELECT COALESCE(max(version), 0) FROM devpath_schema").Scan(&v); err != nil {
		return 0, fmt.Errorf("the team database has no devpath schema (an administrator runs 'devpath team init URL' first): %w", refused(err))
	}
	c.schema.Store(int64(v))
	return v, nil
}
