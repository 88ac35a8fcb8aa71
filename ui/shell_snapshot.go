package ui

import (
	"fmt"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// reload loads a new snapshot in the background and shows it on every
// screen. A reload asked for while one runs is done once after it, so a
// burst of changes costs at most two loads.
func (sh *shell) reload() {
	if sh.store == nil {
		return
	}
	if sh.loading {
		sh.dirty = true
		return
	}
	sh.loading = true
	st, rm, rmPath, ro, day := sh.store, sh.rm, sh.rmPath, sh.readOnly, sh.env.today()
	override, had := sh.rmOverride, sh.rmChoice
	var (
		snap    snapshot
		choice  tracker.RoadmapChoice
		rmErr   error
		changed bool
	)
	sh.env.async(func() error {
		if !override {
			// Another devpath may have chosen another roadmap. The choice
			// is compared first: parsing the roadmap on every reload would
			// put a custom roadmap's whole parse on each change's path.
			choice, rmErr = st.RoadmapChoice()
			if changed = rmErr == nil && !choice.Same(had); changed {
				var next *roadmap.Roadmap
				next, choice, rmErr = st.Roadmap()
				rm, rmPath = next, choice.Name
			}
		}
		var err error
		snap, err = loadSnapshot(st, rm, day)
		snap.readOnly, snap.roadmapPath, snap.roadmapOverride = ro, rmPath, override
		return err
	}, func(err error) {
		sh.loading = false
		if st != sh.store {
			return // the database was replaced meanwhile
		}
		if changed {
			sh.rm, sh.rmPath, sh.rmChoice = rm, rmPath, choice
			if rmErr != nil {
				sh.env.showError(rmErr)
			}
		}
		if err != nil {
			sh.showError(err)
		} else {
			sh.apply(snap)
		}
		if sh.dirty {
			sh.dirty = false
			sh.reload()
		}
	})
}

// snapshotSource is what loading a snapshot needs of the store.
type snapshotSource interface {
	Path() string
	Progress() (tracker.Progress, error)
	Evidence(itemID string) ([]tracker.Evidence, error)
}

// planSource is what the plan's part of a snapshot needs of the store.
type planSource interface {
	PlanStatus(rm *roadmap.Roadmap, today time.Time) (tracker.PlanStatus, error)
}

// loadSnapshot reads the progress and the evidence counts and assesses
// them. It runs off the UI goroutine.
func loadSnapshot(st snapshotSource, rm *roadmap.Roadmap, day time.Time) (snapshot, error) {
	p, err := st.Progress()
	if err != nil {
		return snapshot{}, fmt.Errorf("read your progress: %w", err)
	}
	ev, err := st.Evidence("")
	if err != nil {
		return snapshot{}, fmt.Errorf("read your evidence: %w", err)
	}
	counts := make(map[string]int, len(ev))
	notes := make(map[string][]tracker.Evidence, len(ev))
	for _, e := range ev {
		counts[e.ItemID]++
		notes[e.ItemID] = append(notes[e.ItemID], e)
	}
	var (
		plan *tracker.PlanStatus
		due  []tracker.DueEntry
	)
	if ps, ok := st.(planSource); ok {
		status, err := ps.PlanStatus(rm, day)
		if err != nil {
			return snapshot{}, fmt.Errorf("read your plan: %w", err)
		}
		// What is due follows from the plan's status (as core.DB.Due
		// has it); building the status twice read the whole change log
		// twice.
		due = tracker.DueEntries(status, day)
		plan = &status
	}
	return snapshot{
		plan:     plan,
		due:      due,
		rm:       rm,
		progress: p,
		assess:   tracker.Assess(rm, p, day),
		today:    day,
		dbPath:   st.Path(),
		evidence: counts,
		notes:    notes,
	}, nil
}

// apply shows a snapshot on the screen on view and marks the others to be
// updated when they are shown.
func (sh *shell) apply(s snapshot) {
	if !sh.have && sh.firstShown != nil {
		sh.firstShown()
		sh.firstShown = nil
	}
	sh.snap, sh.have = s, true
	sh.remind.plan(s, sh.env.instant())
	for i := range sh.stale {
		sh.stale[i] = true
	}
	sh.refreshStale(sh.tabs.SelectedIndex())
}

// refreshStale shows the latest snapshot on screen i if it has not seen it.
func (sh *shell) refreshStale(i int) {
	if !sh.have || i < 0 || i >= len(sh.screens) || !sh.stale[i] {
		return
	}
	sh.stale[i] = false
	sh.screens[i].update(sh.snap)
}

// setRoadmap switches to the roadmap just stored in the database (nil: the
// embedded one), whose file was called name, and reloads. A --roadmap given
// for this run no longer applies: the user chose.
func (sh *shell) setRoadmap(rm *roadmap.Roadmap, name string) {
	if rm == nil {
		rm, name = roadmap.Default(), ""
	}
	sh.rm, sh.rmPath, sh.rmOverride = rm, name, false
	// The reload reads the choice back and takes it as new.
	sh.rmChoice = tracker.RoadmapChoice{}
	sh.reload()
}
