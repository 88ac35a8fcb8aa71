package team

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

// The bounds of a check-in's time, its stage's start and its publishing,
// the same in the schema (step 3) and in the views, which leave out what
// lies outside them: 'infinity' and year 9999 are no check-in's time.
var (
	EarliestTime = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestTime   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// MaxDisplayName bounds a display name, in characters.
const MaxDisplayName = 64

// Errors of setting a display name.
var (
	// ErrBadName: the name is empty, too long, or holds a control or
	// invisible character.
	ErrBadName = errors.New("a display name has 1 to 64 characters, none of them a control, format or invisible character")
	// ErrNameTaken: another person has the name, or it is another role's.
	ErrNameTaken = errors.New("another person on the team database has that name")
	// ErrOldSchema: the server's schema predates what this devpath needs.
	ErrOldSchema = errors.New("the team database's schema is older than this devpath's: its administrator runs 'devpath team init URL'")
)

// hiddenInName reports a character a display name may not hold: controls,
// format characters (bidirectional overrides, zero-width joiners, the
// byte-order mark), line separators and the fillers that show as nothing.
// The schema's devpath_name_ok refuses the same set.
func hiddenInName(r rune) bool {
	switch {
	case r == unicode.ReplacementChar, unicode.IsControl(r), unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp):
		return true
	case r == '\u034f', r == '\u115f', r == '\u1160', r == '\u17b4', r == '\u17b5', r == '\u3164', r == '\uffa0',
		r >= '\u180b' && r <= '\u180f', r >= '\ufe00' && r <= '\ufe0f', r >= '\U000e0100' && r <= '\U000e01ef':
		return true
	}
	return false
}

// CheckDisplayName returns name trimmed, or ErrBadName: the rules the
// schema enforces, checked here first to say so in one line.
func CheckDisplayName(name string) (string, error) {
	n := strings.TrimSpace(name)
	if n == "" || len([]rune(n)) > MaxDisplayName {
		return "", ErrBadName
	}
	for _, r := range n {
		if hiddenInName(r) {
			return "", fmt.Errorf("%w (U+%04X)", ErrBadName, r)
		}
	}
	return n, nil
}

// hiddenClass is the regular expression class of hiddenInName's
// characters in PostgreSQL's syntax: C0 and C1 controls, the format
// characters (Cf) of Unicode 15, the line and paragraph separators, and
// the fillers and variation selectors.
const hiddenClass = `[\x01-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001-\U000e007f\U000e0100-\U000e01ef]`

// wordOK is the SQL test of a text without hidden characters, at most max
// characters long (max 0: the function's argument max). The functions of
// the schema run with pg_catalog alone on their search path, so they
// repeat it rather than call each other.
func wordOK(expr string, max int) string {
	limit := "max"
	if max > 0 {
		limit = fmt.Sprint(max)
	}
	return fmt.Sprintf(`(%s IS NOT NULL AND char_length(%s) <= %s AND %s !~ '%s')`, expr, expr, limit, expr, hiddenClass)
}

// step3SQL makes the schema refuse what devpath never writes, closes the
// id sequence to members and lets a member set only their own display
// name, through devpath_set_display_name. The check constraints on the
// check-ins are added NOT VALID: rows from before that break them stay
// (they cannot be deleted) and the views show them as unreadable; Init
// validates each constraint the rows allow (validateChecks).
var step3SQL = `
-- What a name, a stage or a verdict may hold.
CREATE FUNCTION devpath_name_ok(n text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog AS $f$
SELECT n IS NOT NULL AND char_length(n) BETWEEN 1 AND ` + fmt.Sprint(MaxDisplayName) + `
	AND n !~ '^[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]' AND n !~ '[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]$'
	AND n !~ '` + hiddenClass + `'
$f$;
CREATE FUNCTION devpath_word_ok(w text, max integer) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog AS $f$
SELECT ` + wordOK("w", 0) + `
$f$;
-- items as devpath writes it: {"entry-id": {"level": 0..4, "skipped": true|false}, ...}.
-- CASE keeps each test from running on a value of the wrong type.
CREATE FUNCTION devpath_items_ok(items jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog AS $f$
SELECT CASE WHEN jsonb_typeof(items) <> 'object' THEN false ELSE
	(SELECT count(*) FROM jsonb_object_keys(items)) <= 10000 AND NOT EXISTS (
		SELECT 1 FROM jsonb_each(items) e WHERE NOT CASE
			WHEN NOT ` + wordOK("e.key", 200) + ` OR e.key = '' THEN false
			WHEN jsonb_typeof(e.value) <> 'object' THEN false
			WHEN (e.value - 'level' - 'skipped') <> '{}'::jsonb THEN false
			WHEN jsonb_typeof(e.value -> 'level') IS DISTINCT FROM 'number' THEN false
			WHEN (e.value ->> 'level') NOT IN ('0', '1', '2', '3', '4') THEN false
			ELSE (e.value -> 'skipped') IS NULL OR jsonb_typeof(e.value -> 'skipped') = 'boolean' END)
	END
$f$;
-- evidence as devpath writes it: [{"item_id": ..., "title": ..., "link": ...}, ...].
CREATE FUNCTION devpath_evidence_ok(ev jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog AS $f$
SELECT CASE WHEN jsonb_typeof(ev) <> 'array' THEN false ELSE
	jsonb_array_length(ev) <= 10000 AND NOT EXISTS (
		SELECT 1 FROM jsonb_array_elements(ev) x WHERE NOT CASE
			WHEN jsonb_typeof(x) <> 'object' THEN false
			WHEN (x - 'item_id' - 'title' - 'link') <> '{}'::jsonb THEN false
			WHEN jsonb_typeof(x -> 'item_id') IS DISTINCT FROM 'string' OR jsonb_typeof(x -> 'title') IS DISTINCT FROM 'string' THEN false
			WHEN (x -> 'link') IS NOT NULL AND jsonb_typeof(x -> 'link') <> 'string' THEN false
			ELSE ` + wordOK("x ->> 'item_id'", 200) + ` AND ` + wordOK("x ->> 'title'", 200) + `
				AND char_length(COALESCE(x ->> 'link', '')) <= 2048 END)
	END
$f$;

ALTER TABLE published_checkins
	ADD CONSTRAINT published_checkins_times CHECK (
		at >= '1900-01-01 00:00:00+00' AND at < '2200-01-01 00:00:00+00'
		AND published_at >= '1900-01-01 00:00:00+00' AND published_at < '2200-01-01 00:00:00+00'
		AND (stage_since IS NULL OR (stage_since >= '1900-01-01' AND stage_since < '2200-01-01'))) NOT VALID,
	ADD CONSTRAINT published_checkins_numbers CHECK (
		claimed_score >= 0 AND claimed_score <= 100 AND (evidenced_score IS NULL OR (evidenced_score >= 0 AND evidenced_score <= 100))
		AND months_in_stage BETWEEN 0 AND 1200 AND roadmap_version BETWEEN 0 AND 1000000) NOT VALID,
	ADD CONSTRAINT published_checkins_words CHECK (
		devpath_word_ok(stage, 64) AND devpath_word_ok(verdict, 64) AND devpath_word_ok(roadmap_id, 200)) NOT VALID,
	ADD CONSTRAINT published_checkins_items_shape CHECK (devpath_items_ok(items)) NOT VALID,
	ADD CONSTRAINT published_checkins_evidence_shape CHECK (evidence IS NULL OR devpath_evidence_ok(evidence)) NOT VALID;

-- The id: an identity column, whose sequence members are granted nothing
-- (an identity's default needs no privilege on it), replacing the serial
-- one they had USAGE on, from where the old sequence stopped.
DO $$
DECLARE
	last bigint;
	called boolean;
BEGIN
	SELECT last_value, is_called INTO last, called FROM published_checkins_id_seq;
	ALTER TABLE published_checkins ALTER COLUMN id DROP DEFAULT;
	DROP SEQUENCE published_checkins_id_seq;
	ALTER TABLE published_checkins ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
	PERFORM setval(pg_get_serial_sequence('published_checkins', 'id'), last, called);
END $$;

-- Members read and write every column but the id: their own rows' ids
-- would count everybody's check-ins in between.
REVOKE ALL ON published_checkins FROM devpath_member;
GRANT SELECT (owner, checkin_uuid, at, stage, claimed_score, evidenced_score, verdict, roadmap_id, roadmap_version,
	months_in_stage, stage_since, items, evidence, published_at) ON published_checkins TO devpath_member;
GRANT INSERT (owner, checkin_uuid, at, stage, claimed_score, evidenced_score, verdict, roadmap_id, roadmap_version,
	months_in_stage, stage_since, items, evidence) ON published_checkins TO devpath_member;
-- The latest check-ins of a role, the tie broken without the id: by the
-- server's time of publishing (check-ins are published oldest first, each
-- in its own transaction), then by uuid.
DROP INDEX published_checkins_latest;
CREATE INDEX published_checkins_latest ON published_checkins (owner, at DESC, published_at DESC, checkin_uuid DESC);

-- People: members read; a member's own name is set through
-- devpath_set_display_name only, the administrator sets anyone's.
REVOKE ALL ON people FROM devpath_member;
GRANT SELECT ON people TO devpath_member;
DO $do$ BEGIN EXECUTE format($f$
CREATE FUNCTION devpath_set_display_name(wanted text) RETURNS text
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, %I, pg_temp AS $body$
DECLARE
	who text := session_user;
	n text := btrim(wanted);
BEGIN
	IF NOT pg_has_role(session_user, 'devpath_member', 'MEMBER') THEN
		RAISE EXCEPTION 'permission denied: %% is not a devpath member', who USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF NOT devpath_name_ok(n) THEN
		RAISE EXCEPTION 'a display name has 1 to 64 characters, none of them a control or invisible character'
			USING ERRCODE = 'check_violation';
	END IF;
	-- One name per person: not another's, not another role's.
	PERFORM pg_advisory_xact_lock(hashtext('devpath_people'));
	IF EXISTS (SELECT 1 FROM pg_roles r WHERE lower(r.rolname) = lower(n) AND r.rolname <> who)
		OR EXISTS (SELECT 1 FROM people p WHERE lower(p.display_name) = lower(n) AND p.role_name <> who) THEN
		RAISE EXCEPTION 'the name %% is another person''s', quote_literal(n) USING ERRCODE = 'unique_violation';
	END IF;
	INSERT INTO people (role_name, display_name) VALUES (who, n)
		ON CONFLICT (role_name) DO UPDATE SET display_name = EXCLUDED.display_name;
	RETURN n;
END $body$ $f$, current_schema()); END $do$;
REVOKE ALL ON FUNCTION devpath_set_display_name(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION devpath_set_display_name(text) TO devpath_member;`

// step3People runs after step3SQL: names that break the new rules (set
// before them) become the role's name, counted in res, so that the unique
// index and the check can be made.
func step3People(tx *gorm.DB, res *InitResult) error {
	r := tx.Exec(`UPDATE people p SET display_name = p.role_name
WHERE NOT devpath_name_ok(p.display_name)
	OR EXISTS (SELECT 1 FROM pg_roles r WHERE lower(r.rolname) = lower(p.display_name) AND r.rolname <> p.role_name)
	OR EXISTS (SELECT 1 FROM people o WHERE o.role_name < p.role_name AND lower(o.display_name) = lower(p.display_name))`)
	if r.Error != nil {
		return r.Error
	}
	if r.RowsAffected > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d display names broke the new rules (control characters, too long, another's name) and are now their roles' names", r.RowsAffected))
	}
	return tx.Exec(`CREATE UNIQUE INDEX people_display_name_once ON people (lower(display_name));
ALTER TABLE people ADD CONSTRAINT people_display_name_ok CHECK (devpath_name_ok(display_name)) NOT VALID;`).Error
}

// validateChecks validates each check constraint of the team tables left
// NOT VALID that the rows allow, each under a savepoint, and returns those
// that rows from before still break: new rows are checked all the same.
func validateChecks(tx *gorm.DB) ([]string, error) {
	var names []struct{ Table, Name string }
	if err := tx.Raw(`SELECT c.conrelid::regclass::text AS "table", c.conname AS name FROM pg_constraint c
WHERE c.contype = 'c' AND NOT c.convalidated
	AND c.conrelid IN ('published_checkins'::regclass, 'people'::regclass) ORDER BY 1, 2`).Scan(&names).Error; err != nil {
		return nil, err
	}
	var left []string
	for i, n := range names {
		sp := fmt.Sprintf("devpath_validate_%d", i)
		if err := tx.SavePoint(sp).Error; err != nil {
			return nil, err
		}
		if err := tx.Exec("ALTER TABLE " + quoteIdent(n.Table) + " VALIDATE CONSTRAINT " + quoteIdent(n.Name)).Error; err != nil {
			if err := tx.RollbackTo(sp).Error; err != nil {
				return nil, err
			}
			left = append(left, n.Name)
		}
	}
	return left, nil
}

// statsHidingSQL takes from PUBLIC, in this database, what shows how many
// rows a table holds whatever its policies: the per-table and per-database
// statistics views and functions, the size functions, and pg_class's row
// and page counts (its other columns stay readable). pg_read_all_stats
// keeps them, for monitoring. Only a superuser may change the catalog's
// privileges.
const statsHidingSQL = `DO $$
DECLARE
	o record;
	cols text;
BEGIN
	FOR o IN SELECT c.oid::regclass AS r FROM pg_class c
		WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'v'
			AND (c.relname ~ '^pg_stat(io)?_(xact_)?(all|user|sys)_(tables|indexes|sequences)$'
				OR c.relname IN ('pg_stat_database', 'pg_stat_database_conflicts'))
	LOOP
		EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', o.r);
		EXECUTE format('GRANT SELECT ON %s TO pg_read_all_stats', o.r);
	END LOOP;
	FOR o IN SELECT p.oid::regprocedure AS f FROM pg_proc p
		WHERE p.pronamespace = 'pg_catalog'::regnamespace
			AND ((p.proname LIKE 'pg\_stat\_get\_%' AND p.pronargs >= 1 AND p.proargtypes[0] = 'oid'::regtype)
				OR p.proname IN ('pg_relation_size', 'pg_total_relation_size', 'pg_table_size', 'pg_indexes_size', 'pg_database_size'))
	LOOP
		EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', o.f);
		EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO pg_read_all_stats', o.f);
	END LOOP;
	SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
		WHERE attrelid = 'pg_catalog.pg_class'::regclass AND attnum > 0 AND NOT attisdropped
			AND attname NOT IN ('reltuples', 'relpages', 'relallvisible');
	REVOKE SELECT ON pg_catalog.pg_class FROM PUBLIC;
	EXECUTE format('GRANT SELECT (%s) ON pg_catalog.pg_class TO PUBLIC', cols);
	GRANT SELECT ON pg_catalog.pg_class TO pg_read_all_stats;
END $$`

// statisticsHidden reports whether PUBLIC has lost the statistics views in
// this database (statsHidingSQL ran).
const statisticsHiddenSQL = `SELECT NOT has_table_privilege('public', 'pg_catalog.pg_stat_user_tables', 'SELECT')
	AND NOT has_column_privilege('public', 'pg_catalog.pg_class', 'reltuples', 'SELECT')`

// hideStatistics runs statsHidingSQL when the connected role is a
// superuser and says whether the statistics are hidden from members.
func hideStatistics(tx *gorm.DB) (hidden bool, err error) {
	if err := tx.Raw(statisticsHiddenSQL).Row().Scan(&hidden); err != nil || hidden {
		return hidden, err
	}
	var super bool
	if err := tx.Raw("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Row().Scan(&super); err != nil || !super {
		return false, err
	}
	if err := tx.Exec(statsHidingSQL).Error; err != nil {
		return false, fmt.Errorf("hide the table statistics: %w", err)
	}
	return true, nil
}

// SetDisplayName sets the name the role's managers see, through the
// schema's devpath_set_display_name, which allows only one's own row, a
// name without control or invisible characters, and none another person
// has.
func (c *Conn) SetDisplayName(ctx context.Context, name string) error {
	n, err := CheckDisplayName(name)
	if err != nil {
		return err
	}
	_, err = c.sql.ExecContext(ctx, "SELECT devpath_set_display_name($1)", n)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "42501": // no EXECUTE: not granted devpath_member
			return fmt.Errorf("set your name on the team database: %w", ErrNotMember)
		case "23505":
			return fmt.Errorf("%w: %q (choose another with --name)", ErrNameTaken, n)
		case "23514":
			return ErrBadName
		case "42883": // no such function: schema version 2 or older
			return ErrOldSchema
		}
	}
	if err != nil {
		return fmt.Errorf("set your name on the team database: %w", err)
	}
	return nil
}
