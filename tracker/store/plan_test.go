package store

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/backup"
)

// planFill gives s a target, a cadence, two plan items and two
// re-confirmations.
func planFill(t *testing.T, s *Store) {
	t.Helper()
	bkMust(t, s.PutTarget(bkDay(2026, 6, 30)))
	bkMust(t, s.PutCadence("6w"))
	bkMust(t, s.PutPlanItem("tf-modules", bkDay(2025, 9, 30)))
	bkMust(t, s.PutPlanItem("aws-iam", bkDay(2025, 8, 31)))
	bkMust(t, s.PutReconfirmed([]string{"aws-ec2", "linux-systemd"}, bkDay(2025, 1, 15)))
}

// planOf reads s's plan, leaving out when the items were added.
func planOf(t *testing.T, s *Store) tracker.Plan {
	t.Helper()
	p, err := s.Plan()
	bkMust(t, err)
	for i := range p.Items {
		p.Items[i].Added = time.Time{}
	}
	return p
}

// TestBackupCarriesThePlan: the target, the cadence, the plan and the
// re-confirmations go through a JSON backup and come back the same; a
// backup of format version 4 (before the plan) imports with no plan.
func TestBackupCarriesThePlan(t *testing.T) {
	c := &bkClock{}
	c.at(2025, 2, 1)
	src := bkOpen(t, c)
	bkFill(t, src, c)
	planFill(t, src)
	want := planOf(t, src)
	if len(want.Items) != 2 || want.Items[0].ID != "aws-iam" || len(want.Reconfirmed) != 2 || want.Cadence != "6w" {
		t.Fatalf("the plan as written: %+v", want)
	}
	b := bkExport(t, src)
	if b.Version != 5 || b.Plan == nil {
		t.Fatalf("backup version %d, plan %+v", b.Version, b.Plan)
	}
	read := bkRead(t, b)

	dst := bkOpen(t, c)
	_, err := dst.Import(read, false, roadmap.Default())
	bkMust(t, err)
	if got := planOf(t, dst); !reflect.DeepEqual(got, want) {
		t.Errorf("after the round trip:\n got %+v\nwant %+v", got, want)
	}
	// The same through a file, read as an import reads one: streamed.
	var file bytes.Buffer
	bkMust(t, backup.Write(&file, read))
	path := filepath.Join(testDir(t), "plan.json")
	bkMust(t, os.WriteFile(path, file.Bytes(), 0o600))
	scanned, err := backup.ScanFile(path)
	bkMust(t, err)
	if !scanned.Streamed() {
		t.Fatal("ScanFile did not stream the backup")
	}
	streamed := bkOpen(t, c)
	_, err = streamed.Import(scanned, false, roadmap.Default())
	bkMust(t, err)
	if got := planOf(t, streamed); !reflect.DeepEqual(got, want) {
		t.Errorf("after a streamed import:\n got %+v\nwant %+v", got, want)
	}

	// Version 4: no "plan" key. Over a database with a plan, the replace
	// leaves none; a merge keeps the database's.
	var m map[string]any
	var buf bytes.Buffer
	bkMust(t, backup.Write(&buf, read))
	bkMust(t, json.Unmarshal(buf.Bytes(), &m))
	delete(m, "plan")
	m["version"] = 4
	old, err := backup.ReadAt(bytes.NewReader(bkEncode(t, m)), 0, c.now())
	bkMust(t, err)
	if old.Plan != nil {
		t.Fatalf("a version 4 backup read with a plan: %+v", old.Plan)
	}
	_, err = dst.Import(old, true, roadmap.Default())
	bkMust(t, err)
	if got := planOf(t, dst); !reflect.DeepEqual(got, want) {
		t.Errorf("a merge of a backup without a plan changed it: %+v", got)
	}
	_, err = dst.Import(old, false, roadmap.Default())
	bkMust(t, err)
	if got := planOf(t, dst); !got.Target.IsZero() || got.Cadence != "" || len(got.Items) != 0 || len(got.Reconfirmed) != 0 {
		t.Errorf("after replacing with a version 4 backup: %+v, want no plan", got)
	}

	// A merge into a database with its own target keeps that target and
	// adds the backup's items.
	bkMust(t, dst.PutTarget(bkDay(2027, 1, 31)))
	_, err = dst.Import(read, true, roadmap.Default())
	bkMust(t, err)
	got := planOf(t, dst)
	if !got.Target.Equal(bkDay(2027, 1, 31)) || len(got.Items) != 2 || len(got.Reconfirmed) != 2 {
		t.Errorf("after the merge: %+v", got)
	}
}

// TestBackupRefusesABadPlan: a plan with a bad day, cadence or id is
// refused with the section named.
func TestBackupRefusesABadPlan(t *testing.T) {
	c := &bkClock{}
	c.at(2025, 2, 1)
	s := bkOpen(t, c)
	planFill(t, s)
	b := bkExport(t, s)
	b.ExportedAt = bkDay(2025, 2, 1)
	for name, spoil := range map[string]func(p *backup.Plan){
		"target":  func(p *backup.Plan) { p.Target = "31/12/2026" },
		"cadence": func(p *backup.Plan) { p.Cadence = "sometimes" },
		"item":    func(p *backup.Plan) { p.Items[0].ID = "Not An Id" },
		"twice":   func(p *backup.Plan) { p.Items[1].ID = p.Items[0].ID },
		"due":     func(p *backup.Plan) { p.Items[0].Due = "2025-02-30" },
		"day":     func(p *backup.Plan) { p.Reconfirmed[0].Day = "" },
	} {
		x := b.Clone()
		spoil(x.Plan)
		var buf bytes.Buffer
		bkMust(t, backup.Write(&buf, x))
		if _, err := backup.ReadAt(&buf, 0, c.now()); err == nil {
			t.Errorf("%s: a bad plan was accepted", name)
		}
	}
}
