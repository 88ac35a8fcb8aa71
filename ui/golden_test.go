package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"devpath/roadmap"
	"devpath/tracker"
)

// goldenRig is the window with a few ticks, a criterion and evidence, on
// the fixed day and size, for the golden markup files.
func goldenRig(t *testing.T) *shellRig {
	t.Helper()
	rm, err := roadmap.LoadFile(filepath.Join("testdata", "golden-roadmap.yaml"))
	if err != nil {
		t.Fatalf("load the golden roadmap: %v", err)
	}
	r := newShellRig(t, Options{Roadmap: rm, RoadmapPath: "golden-roadmap.yaml"})
	for _, id := range []string{"k8s-rbac", "k8s-helm", "mid-ready-design-new"} {
		if _, ok := r.sh.rm.Lookup(id); !ok {
			t.Fatalf("the default roadmap has no %s", id)
		}
		if err := r.store.SetLevel(id, tracker.Proficient, shellDay); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.store.SetLevel("k8s-network-policies", tracker.Practising, shellDay); err != nil {
		t.Fatal(err)
	}
	if _, err := r.store.AddEvidence(tracker.Evidence{ItemID: "k8s-rbac", Note: "Audited the RBAC roles", Date: shellDay}); err != nil {
		t.Fatal(err)
	}
	if err := r.store.SetSkipped("cloud-dr", true); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	r.noErrors()
	return r
}

func TestDashboardGolden(t *testing.T) {
	r := goldenRig(t)
	r.sh.show(screenDashboard)
	test.AssertRendersToMarkup(t, "dashboard.xml", r.win.Canvas())
}

func TestRoadmapGolden(t *testing.T) {
	r := goldenRig(t)
	r.sh.show(screenRoadmap)
	test.AssertRendersToMarkup(t, "roadmap.xml", r.win.Canvas())
}
