package store

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/roadmap/safefile"
	"devpath/tracker"
	"devpath/tracker/backup"
	"devpath/tracker/trackertest"
)

// rcTeamV1 is a small custom roadmap; rcTeamV2 is its next version, which
// adds an entry, drops one and renames one (shell-scripting replaces
// bash-basics).
const rcTeamV1 = `version: 1
id: team
title: Team roadmap
stages:
  - id: starter
    title: Starter
    milestone: {id: starter-first-release, title: First release}
    skills:
      - id: basics
        title: Basics
        items:
          - {id: git-basics, title: Git}
          - {id: bash-basics, title: Bash}
          - {id: ftp-upload, title: FTP uploads}
`

const rcTeamV2 = `version: 2
id: team
title: Team roadmap
stages:
  - id: starter
    title: Starter
    milestone: {id: starter-first-release, title: First release}
    skills:
      - id: basics
        title: Basics
        items:
          - {id: git-basics, title: Git}
          - id: shell-scripting
            title: Shell scripting
            replaces: [bash-basics]
          - {id: ci-pipelines, title: CI pipelines}
`

// rcFile writes a roadmap file in a fresh folder and returns its path.
func rcFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(testDir(t), name)
	stMust(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// rcKinds counts the events of each kind in the log.
func rcKinds(t *testing.T, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, e := range stEvents(t, s) {
		out[e.Kind]++
	}
	return out
}

func TestNewDatabaseUsesTheEmbeddedRoadmap(t *testing.T) {
	s := stOpen(t)
	rm, c, err := s.Roadmap()
	stMust(t, err)
	if rm != roadmap.Default() || !c.Builtin {
		t.Errorf("a new database uses %v (%+v), want the embedded roadmap", rm.ID, c)
	}
}

func TestUseRoadmapIsStoredAndReadBack(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	file := rcFile(t, "team.yaml", rcTeamV1)
	data, err := tracker.ReadRoadmapFile(file)
	stMust(t, err)
	rm, err := s.UseRoadmap(file, data)
	stMust(t, err)
	if rm.ID != "team" || rm.Version != 1 {
		t.Fatalf("UseRoadmap returned %s v%d", rm.ID, rm.Version)
	}
	stMust(t, s.Close())
	stMust(t, os.Remove(file)) // the database holds its own copy

	s = stOpenAt(t, path)
	got, c, err := s.Roadmap()
	stMust(t, err)
	if got.ID != "team" || got.Title != "Team roadmap" || len(got.Entries()) != len(rm.Entries()) {
		t.Errorf("read back roadmap %s %q with %d entries", got.ID, got.Title, len(got.Entries()))
	}
	if c.Builtin || c.Name != "team.yaml" || c.ID != "team" || c.Version != 1 || !c.ChosenAt.Equal(stNow) {
		t.Errorf("choice = %+v", c)
	}
	if !bytes.Equal(c.Content, []byte(rcTeamV1)) {
		t.Errorf("the stored content is not the file's bytes:\n%s", c.Content)
	}

	evs := stEvents(t, s)
	last := evs[len(evs)-1]
	if last.Kind != tracker.EventRoadmap || last.Target != "team" || !strings.Contains(last.Old, "built-in") || !strings.Contains(last.New, "team.yaml") {
		t.Errorf("logged %+v, want a roadmap change from the built-in roadmap to team.yaml", last)
	}

	// The same roadmap again changes nothing and logs nothing.
	_, err = s.UseRoadmap("team.yaml", []byte(rcTeamV1))
	stMust(t, err)
	if n := len(stEvents(t, s)); n != len(evs) {
		t.Errorf("choosing the roadmap in use logged %d more events", n-len(evs))
	}

	stMust(t, s.UseDefaultRoadmap())
	rm2, c, err := s.Roadmap()
	stMust(t, err)
	if rm2 != roadmap.Default() || !c.Builtin {
		t.Errorf("after UseDefaultRoadmap: %s, %+v", rm2.ID, c)
	}
	if k := rcKinds(t, s); k[tracker.EventRoadmap] != 2 {
		t.Errorf("%d roadmap events after going back, want 2", k[tracker.EventRoadmap])
	}
	stMust(t, s.UseDefaultRoadmap())
	if k := rcKinds(t, s); k[tracker.EventRoadmap] != 2 {
		t.Errorf("going back to the built-in roadmap twice logged it twice")
	}
}

func TestUseRoadmapRefusesBadInputAndChangesNothing(t *testing.T) {
	s := stOpen(t)
	_, err := s.UseRoadmap("team.yaml", []byte(rcTeamV1))
	stMust(t, err)
	before := bkJSON(t, bkExport(t, s))

	broken := strings.Replace(rcTeamV1, "{id: bash-basics, title: Bash}", "{id: git-basics, title: Bash}", 1)
	cases := map[string]struct {
		name    string
		content []byte
	}{
		"invalid":   {"broken.yaml", []byte(broken)},
		"not yaml":  {"junk.yaml", []byte("stages: [\n")},
		"oversize":  {"huge.yaml", bytes.Repeat([]byte("#"), roadmap.MaxFileSize+1)},
		"no name":   {"  ", []byte(rcTeamV2)},
		"not UTF-8": {"bad.yaml", []byte("version: 1\nid: \xff\n")},
	}
	for what, tc := range cases {
		rm, err := s.UseRoadmap(tc.name, tc.content)
		if err == nil || rm != nil {
			t.Errorf("%s: accepted", what)
			continue
		}
		if strings.ContainsAny(err.Error(), "\n") {
			t.Errorf("%s: error over several lines: %q", what, err)
		}
	}
	_, err = s.UseRoadmap("broken.yaml", []byte(broken))
	var re *tracker.RoadmapError
	var probs roadmap.Problems
	if !errors.As(err, &re) || !errors.As(err, &probs) || len(probs) == 0 {
		t.Errorf("an invalid roadmap gives %v, want a *RoadmapError holding the problems", err)
	}
	if !strings.Contains(err.Error(), "broken.yaml") {
		t.Errorf("the error %q does not name the file", err)
	}
	if after := bkJSON(t, bkExport(t, s)); after != before {
		t.Errorf("a refused roadmap changed the database:\n%s", trackertest.FirstDiff(before, after))
	}
}

func TestReadRoadmapFileRefusesOversizeAndFolders(t *testing.T) {
	big := filepath.Join(testDir(t), "big.yaml")
	stMust(t, os.WriteFile(big, bytes.Repeat([]byte("#"), roadmap.MaxFileSize+1), 0o600))
	if _, err := tracker.ReadRoadmapFile(big); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("an oversize file: %v", err)
	}
	if _, err := tracker.ReadRoadmapFile(testDir(t)); err == nil {
		t.Error("a folder was read as a roadmap file")
	}
}

func TestUseRoadmapOnAReadOnlyOrFullStore(t *testing.T) {
	s := stOpen(t)
	for _, ro := range []*Store{
		{db: s.db, path: s.path, now: s.now, readOnly: true},
		{db: s.db, path: s.path, now: s.now, readOnly: true, full: true},
	} {
		if _, err := ro.UseRoadmap("team.yaml", []byte(rcTeamV1)); !errors.Is(err, tracker.ErrReadOnly) {
			t.Errorf("UseRoadmap on a read-only store: %v", err)
		}
		if err := ro.UseDefaultRoadmap(); !errors.Is(err, tracker.ErrReadOnly) {
			t.Errorf("UseDefaultRoadmap on a read-only store: %v", err)
		}
		if ro.full {
			_, err := ro.UseRoadmap("team.yaml", []byte(rcTeamV1))
			if !errors.Is(err, tracker.ErrDiskFull) {
				t.Errorf("UseRoadmap on a full disk: %v, want ErrDiskFull", err)
			}
		}
	}
	if _, c, err := s.Roadmap(); err != nil || !c.Builtin {
		t.Errorf("a refused write changed the choice: %+v, %v", c, err)
	}
}

func TestAStoredRoadmapThatNoLongerValidatesFallsBack(t *testing.T) {
	s := stOpen(t)
	_, err := s.UseRoadmap("team.yaml", []byte(rcTeamV1))
	stMust(t, err)
	// As if a newer check refused what an older devpath accepted.
	stMust(t, s.db.Exec("UPDATE roadmap_choice SET content = ?", []byte("version: 0\nid: team\n")).Error)
	rm, c, err := s.Roadmap()
	if !errors.Is(err, tracker.ErrRoadmapInvalid) || rm != roadmap.Default() {
		t.Fatalf("Roadmap() = %v, %v; want the embedded roadmap and ErrRoadmapInvalid", rm.ID, err)
	}
	if c.Name != "team.yaml" || !strings.Contains(err.Error(), "team.yaml") || !strings.Contains(err.Error(), "built-in") {
		t.Errorf("choice %+v, error %q: they should name the file and say the built-in roadmap is used", c, err)
	}
}

func TestUndoPassesOverARoadmapChange(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("aws-iam", tracker.Proficient, time.Time{}))
	_, err := s.UseRoadmap("team.yaml", []byte(rcTeamV1))
	stMust(t, err)
	e, err := s.Undo()
	stMust(t, err)
	if e.Kind != tracker.EventLevel || e.Target != "aws-iam" {
		t.Errorf("undo undid %+v, want the level change before the roadmap choice", e)
	}
	if _, c, _ := s.Roadmap(); c.Builtin {
		t.Error("undo changed the roadmap choice")
	}
}

func TestCheckInRecordsItsRoadmap(t *testing.T) {
	s := stOpen(t)
	a := tracker.Assessment{Stage: tracker.StageRef{ID: "starter"}}
	c1, err := s.CheckIn("under the built-in", a)
	stMust(t, err)
	d := roadmap.Default()
	if c1.RoadmapID != d.ID || c1.RoadmapVersion != d.Version || len(c1.RoadmapEntries) != len(d.Entries()) {
		t.Errorf("check-in under the built-in roadmap records %s v%d, %d entries", c1.RoadmapID, c1.RoadmapVersion, len(c1.RoadmapEntries))
	}
	_, err = s.UseRoadmap("team.yaml", []byte(rcTeamV2))
	stMust(t, err)
	c2, err := s.CheckIn("under team", a)
	stMust(t, err)
	if c2.RoadmapID != "team" || c2.RoadmapVersion != 2 || !slices.Equal(c2.RoadmapEntries["shell-scripting"], []string{"bash-basics"}) {
		t.Errorf("check-in under team records %s v%d, %v", c2.RoadmapID, c2.RoadmapVersion, c2.RoadmapEntries)
	}
	other, err := roadmap.Load([]byte(rcTeamV1))
	stMust(t, err)
	c3, err := s.CheckInUnder("one-off", a, other)
	stMust(t, err)
	if c3.RoadmapID != "team" || c3.RoadmapVersion != 1 {
		t.Errorf("CheckInUnder records %s v%d, want team v1", c3.RoadmapID, c3.RoadmapVersion)
	}
	// A check-in from before the roadmap was recorded reads as none.
	stMust(t, s.db.Exec(`INSERT INTO checkins (label, at, stage, score, verdict, items) VALUES ('old', ?, 'junior', 0, '', '{}')`, formatStamp(stNow)).Error)
	old, err := s.FindCheckIn("old")
	stMust(t, err)
	if old.RoadmapID != "" || old.RoadmapVersion != 0 || old.RoadmapEntries != nil {
		t.Errorf("an old check-in reads as %+v", old)
	}
	// The backup carries what each check-in recorded.
	b := bkRead(t, bkExport(t, s))
	got := map[string]tracker.CheckIn{}
	for _, c := range b.CheckIns {
		got[c.Label] = c
	}
	if g := got["under team"]; g.RoadmapID != "team" || g.RoadmapVersion != 2 || len(g.RoadmapEntries) != 4 {
		t.Errorf("the backup's check-in holds %s v%d, %d entries", g.RoadmapID, g.RoadmapVersion, len(g.RoadmapEntries))
	}
	if g := got["old"]; g.RoadmapID != "" {
		t.Errorf("the backup's old check-in records roadmap %q", g.RoadmapID)
	}
}

func TestDiffAcrossRoadmapVersions(t *testing.T) {
	s := stOpen(t)
	a := tracker.Assessment{Stage: tracker.StageRef{ID: "starter"}}
	_, err := s.UseRoadmap("team.yaml", []byte(rcTeamV1))
	stMust(t, err)
	c1, err := s.CheckIn("v1", a)
	stMust(t, err)
	c1b, err := s.CheckIn("v1 again", a)
	stMust(t, err)
	_, err = s.UseRoadmap("team.yaml", []byte(rcTeamV2))
	stMust(t, err)
	c2, err := s.CheckIn("v2", a)
	stMust(t, err)

	if d := tracker.DiffRoadmaps(c1, c1b); d != nil {
		t.Errorf("two check-ins under the same roadmap differ: %+v", d)
	}
	d := tracker.DiffRoadmaps(c1, c2)
	if d == nil {
		t.Fatal("no roadmap difference between v1 and v2")
	}
	if d.FromVersion != 1 || d.ToVersion != 2 || d.FromID != "team" || !d.Known {
		t.Errorf("diff names %s v%d → %s v%d (known %v)", d.FromID, d.FromVersion, d.ToID, d.ToVersion, d.Known)
	}
	if !slices.Equal(d.Added, []string{"ci-pipelines"}) {
		t.Errorf("added = %v, want [ci-pipelines]", d.Added)
	}
	if !slices.Equal(d.Removed, []string{"ftp-upload"}) {
		t.Errorf("removed = %v, want [ftp-upload]", d.Removed)
	}
	if !slices.Equal(d.Renamed, []tracker.Rename{{From: "bash-basics", To: "shell-scripting"}}) {
		t.Errorf("renamed = %v, want bash-basics → shell-scripting", d.Renamed)
	}
	// The other way round, the rename is not one (v1 has no replaces).
	back := tracker.DiffRoadmaps(c2, c1)
	if !slices.Equal(back.Added, []string{"bash-basics", "ftp-upload"}) || !slices.Equal(back.Removed, []string{"ci-pipelines", "shell-scripting"}) || len(back.Renamed) != 0 {
		t.Errorf("v2 → v1: %+v", back)
	}
	// A check-in that recorded no roadmap: the change is named, the
	// entries are unknown.
	old := c1
	old.RoadmapID, old.RoadmapVersion, old.RoadmapEntries = "", 0, nil
	if u := tracker.DiffRoadmaps(old, c2); u == nil || u.Known || len(u.Added) != 0 || u.ToVersion != 2 {
		t.Errorf("diff with an old check-in: %+v", u)
	}
}

// rcBackupFile exports s into a JSON file and returns its path.
func rcBackupFile(t *testing.T, s *Store) string {
	t.Helper()
	b, err := s.Export()
	stMust(t, err)
	path := filepath.Join(testDir(t), "backup.json")
	stMust(t, safefile.Save(path, func(w io.Writer) error { return backup.Write(w, b) }))
	return path
}

func TestBackupCarriesTheRoadmapToAFreshDatabase(t *testing.T) {
	c := &bkClock{}
	c.at(2025, 1, 1)
	old := bkOpen(t, c)
	file := rcFile(t, "team.yaml", rcTeamV2)
	data, err := tracker.ReadRoadmapFile(file)
	stMust(t, err)
	_, err = old.UseRoadmap(file, data)
	stMust(t, err)
	stMust(t, old.SetLevel("shell-scripting", tracker.Proficient, time.Time{}))
	stMust(t, old.SetLevel("bash-basics", tracker.Learning, time.Time{}))
	_, err = old.CheckIn("before the move", tracker.Assessment{Stage: tracker.StageRef{ID: "starter"}})
	stMust(t, err)
	saved := rcBackupFile(t, old)
	stMust(t, os.Remove(file)) // the new laptop does not have the file

	raw, err := os.ReadFile(saved)
	stMust(t, err)
	if !bytes.Contains(raw, []byte(`"roadmap": {`)) || !bytes.Contains(raw, []byte(`"version": 2,`)) {
		t.Errorf("the backup file does not carry the roadmap in format version 2")
	}

	fresh := bkOpen(t, c)
	b, err := backup.ReadFile(saved)
	stMust(t, err)
	if ch := b.Choice(); ch.Builtin || ch.ID != "team" || ch.Name != "team.yaml" {
		t.Errorf("the backup read back carries %+v", ch)
	}
	rep, err := fresh.Import(b, false, roadmap.Default())
	stMust(t, err)
	rm, ch, err := fresh.Roadmap()
	stMust(t, err)
	if rm.ID != "team" || rm.Version != 2 || !bytes.Equal(ch.Content, []byte(rcTeamV2)) || ch.Name != "team.yaml" {
		t.Errorf("the fresh database uses %s v%d (%+v)", rm.ID, rm.Version, ch)
	}
	// Orphans are reckoned against the roadmap the import brought:
	// bash-basics is a former id of shell-scripting there.
	if len(rep.Orphans) != 0 {
		t.Errorf("orphans after the import: %v", rep.Orphans)
	}
	if rep.Roadmap.Name != "team.yaml" {
		t.Errorf("the report does not say which roadmap is used: %+v", rep.Roadmap)
	}
	cis, err := fresh.CheckIns()
	stMust(t, err)
	if len(cis) != 1 || cis[0].RoadmapID != "team" || cis[0].RoadmapVersion != 2 {
		t.Errorf("check-ins after the import: %+v", cis)
	}
	if after := bkJSON(t, bkExport(t, fresh)); after != bkJSON(t, bkExport(t, old)) {
		t.Errorf("the fresh database differs from the one backed up:\n%s", trackertest.FirstDiff(bkJSON(t, bkExport(t, old)), after))
	}
}

func TestOldBackupWithoutARoadmapStillImports(t *testing.T) {
	c := &bkClock{}
	c.at(2025, 1, 1)
	s := bkOpen(t, c)
	_, err := s.UseRoadmap("team.yaml", []byte(rcTeamV1))
	stMust(t, err)
	b, err := backup.ReadFile(filepath.Join("testdata", "import", "good-small.json"))
	stMust(t, err)
	if b.Version != 1 || b.Roadmap != nil {
		t.Fatalf("the sample is not an old backup: version %d, roadmap %v", b.Version, b.Roadmap)
	}

	// A merge keeps the database's roadmap and says the backup's differs.
	rep, err := s.Import(b, true, roadmap.Default())
	stMust(t, err)
	if _, ch, _ := s.Roadmap(); ch.ID != "team" {
		t.Errorf("a merge changed the roadmap to %+v", ch)
	}
	if rep.Roadmap.ID != "team" || rep.BackupRoadmap == nil || !rep.BackupRoadmap.Builtin {
		t.Errorf("merge report on the roadmap: kept %+v, the backup's %+v", rep.Roadmap, rep.BackupRoadmap)
	}

	// A replacing import of a backup without a roadmap means the embedded one.
	rep, err = s.Import(b, false, roadmap.Default())
	stMust(t, err)
	if rm, ch, _ := s.Roadmap(); !ch.Builtin || rm != roadmap.Default() {
		t.Errorf("after replacing with an old backup the database uses %+v", ch)
	}
	if !rep.Roadmap.Builtin || rep.BackupRoadmap != nil {
		t.Errorf("replace report on the roadmap: %+v, %+v", rep.Roadmap, rep.BackupRoadmap)
	}
}

func TestBackupWithABadRoadmapIsRefused(t *testing.T) {
	c := &bkClock{}
	c.at(2025, 1, 1)
	src := bkOpen(t, c)
	_, err := src.UseRoadmap("team.yaml", []byte(rcTeamV1))
	stMust(t, err)
	good := bkExport(t, src)
	good.ExportedAt = c.now()

	dst := bkOpen(t, c)
	stMust(t, dst.SetLevel("aws-iam", tracker.Learning, time.Time{}))
	before := bkJSON(t, bkExport(t, dst))
	bad := map[string]func(r *backup.Roadmap){
		"invalid content": func(r *backup.Roadmap) { r.Content = strings.Replace(r.Content, "id: team", "id: Team!", 1) },
		"wrong version":   func(r *backup.Roadmap) { r.Version = 7 },
		"wrong id":        func(r *backup.Roadmap) { r.ID = "other" },
		"path as name":    func(r *backup.Roadmap) { r.Name = "/home/sam/team.yaml" },
		"no name":         func(r *backup.Roadmap) { r.Name = "" },
		"oversize":        func(r *backup.Roadmap) { r.Content += strings.Repeat("#", roadmap.MaxFileSize) },
	}
	for what, spoil := range bad {
		b := good.Clone()
		spoil(b.Roadmap)
		_, err := dst.Import(b, false, nil)
		if err == nil {
			t.Errorf("%s: accepted", what)
			continue
		}
		if !strings.Contains(err.Error(), "roadmap") || strings.ContainsAny(err.Error(), "\n") {
			t.Errorf("%s: error %q should be one line about the roadmap", what, err)
		}
	}
	if after := bkJSON(t, bkExport(t, dst)); after != before {
		t.Errorf("a refused backup changed the database:\n%s", trackertest.FirstDiff(before, after))
	}
}

// rcMakeV2 writes a database at schema version 2 by hand, with a check-in.
func rcMakeV2(t *testing.T, path string) {
	t.Helper()
	stMust(t, os.MkdirAll(filepath.Dir(path), 0o700))
	db := stRaw(t, path)
	for _, q := range []string{
		migrations[0].sql,
		"INSERT INTO schema_version (version, applied_at) VALUES (1, '2025-01-01T00:00:00.000000000Z')",
		migrations[1].sql,
		"INSERT INTO schema_version (version, applied_at) VALUES (2, '2025-01-01T00:00:00.000000000Z')",
		"INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES ('aws-iam', 3, 0, '2025-01-01', '2025-01-01T00:00:00.000000000Z')",
		`INSERT INTO checkins (label, at, stage, score, verdict, items) VALUES ('q1', '2025-01-02T00:00:00.000000000Z', 'junior', 12, 'building', '{}')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	stMust(t, db.Close())
	stMust(t, os.Chmod(path, 0o600))
}

func TestAnOlderReadOnlyDatabaseReadsWithTheEmbeddedRoadmap(t *testing.T) {
	path := stPath(t)
	rcMakeV2(t, path)
	db, err := openReadOnlyDB(path)
	stMust(t, err)
	ro := &Store{db: db, path: path, now: func() time.Time { return stNow }, readOnly: true}
	t.Cleanup(func() { _ = ro.Close() })
	rm, c, err := ro.Roadmap()
	if err != nil || !c.Builtin || rm != roadmap.Default() {
		t.Errorf("Roadmap() on schema 2: %v, %+v, %v", rm.ID, c, err)
	}
	cis, err := ro.CheckIns()
	if err != nil || len(cis) != 1 || cis[0].RoadmapID != "" {
		t.Errorf("check-ins on schema 2: %+v, %v", cis, err)
	}
	b, err := ro.Export()
	if err != nil || b.Roadmap != nil || len(b.CheckIns) != 1 {
		t.Errorf("export of schema 2: %+v, %v", b.Roadmap, err)
	}
}

func TestRestoreBringsTheRoadmapBack(t *testing.T) {
	dir := testDir(t)
	withRoadmap := filepath.Join(dir, "with.db")
	s := stOpenAt(t, withRoadmap)
	_, err := s.UseRoadmap("team.yaml", []byte(rcTeamV1))
	stMust(t, err)
	copyPath := filepath.Join(dir, "copy.db")
	stMust(t, s.Backup(copyPath))
	stMust(t, s.Close())

	// Into a database that uses the built-in roadmap.
	target := filepath.Join(dir, "target.db")
	tgt := stOpenAt(t, target)
	stMust(t, tgt.SetLevel("aws-iam", tracker.Learning, time.Time{}))
	stMust(t, tgt.Close())
	_, err = Restore(copyPath, target, stNow)
	stMust(t, err)
	tgt = stOpenAt(t, target)
	if _, c, err := tgt.Roadmap(); err != nil || c.ID != "team" || !bytes.Equal(c.Content, []byte(rcTeamV1)) {
		t.Errorf("after restoring a database with a roadmap: %+v, %v", c, err)
	}
	stMust(t, tgt.Close())

	// An older backup, made before the roadmap was kept: the embedded one.
	older := filepath.Join(dir, "older.db")
	rcMakeV2(t, older)
	_, err = Restore(older, target, stNow)
	stMust(t, err)
	tgt = stOpenAt(t, target)
	if _, c, err := tgt.Roadmap(); err != nil || !c.Builtin {
		t.Errorf("after restoring a schema 2 backup: %+v, %v", c, err)
	}
	cis, err := tgt.CheckIns()
	if err != nil || len(cis) != 1 || cis[0].Label != "q1" || cis[0].RoadmapID != "" {
		t.Errorf("check-ins after restoring a schema 2 backup: %+v, %v", cis, err)
	}
}
