package store

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
)

// trackCriteria returns the ids of the counted criteria of stage for a user
// on track tr, split by the track each is limited to ("" for none).
func trackCriteria(rm *roadmap.Roadmap, stage, tr string) map[string][]string {
	out := map[string][]string{}
	for _, e := range tracker.ActiveEntries(rm, tracker.Profile{Stage: stage, Track: tr}, stage) {
		if e.Kind == roadmap.KindCriterion {
			out[e.Track] = append(out[e.Track], e.Item.ID)
		}
	}
	return out
}

// TestTrackCriteriaCount checks that at Lead and Staff a user counts the
// criteria of their own track and the shared ones, and no other track's; a
// user with no track counts only the shared ones.
func TestTrackCriteriaCount(t *testing.T) {
	rm := roadmap.Default()
	// words each track's criteria should speak of, by id.
	about := map[string][]string{
		roadmap.TrackIC:           {"-ic-", "credibility", "multi-team"},
		roadmap.TrackManagement:   {"-em-", "director"},
		roadmap.TrackArchitecture: {"-sa-", "-arch-"},
	}
	for _, stage := range []string{"lead", "staff"} {
		none := trackCriteria(rm, stage, "")
		if len(none) != 1 || len(none[""]) == 0 {
			t.Errorf("%s, no track: criteria %v, want only shared ones", stage, none)
		}
		for tr, words := range about {
			got := trackCriteria(rm, stage, tr)
			if len(got[tr]) < 2 {
				t.Errorf("%s, track %s: %d criteria of the track (%v), want at least 2", stage, tr, len(got[tr]), got[tr])
			}
			if strings.Join(got[""], " ") != strings.Join(none[""], " ") {
				t.Errorf("%s, track %s: shared criteria %v, want %v", stage, tr, got[""], none[""])
			}
			for k, ids := range got {
				if k != "" && k != tr {
					t.Errorf("%s, track %s counts criteria of track %s: %v", stage, tr, k, ids)
				}
			}
			for _, id := range got[tr] {
				ok := false
				for _, w := range words {
					ok = ok || strings.Contains(id, w)
				}
				if !ok {
					t.Errorf("%s, track %s: criterion %s is not about the track's work", stage, tr, id)
				}
			}
			// The assessment counts the same criteria.
			a := tracker.Assess(rm, tracker.Progress{Profile: tracker.Profile{Stage: stage, Track: tr}}, time.Now())
			if want := len(got[""]) + len(got[tr]); a.Counts.CriteriaTotal != want {
				t.Errorf("%s, track %s: assessment counts %d criteria, want %d", stage, tr, a.Counts.CriteriaTotal, want)
			}
		}
	}
}

// TestOldIDsKeepProgress ticks every entry id of the roadmap as it was
// before criteria could be limited to a track (roadmap/testdata), then
// reads the progress under today's roadmap: every old id must still be an
// entry or be named in an entry's replaces, and its tick must count.
func TestOldIDsKeepProgress(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "roadmap", "testdata", "entry-ids-v1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var old []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			old = append(old, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(old) < 100 {
		t.Fatalf("only %d old ids read", len(old))
	}
	s, err := Open(filepath.Join(testDir(t), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for _, id := range old {
		if err := s.SetLevel(id, tracker.Expert, day); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.Progress()
	if err != nil {
		t.Fatal(err)
	}
	rm := roadmap.Default()
	st, orphans := tracker.ResolveStates(rm, p.Items)
	if len(orphans) != 0 {
		t.Errorf("progress lost under ids the roadmap no longer knows: %v", orphans)
	}
	for _, id := range old {
		e, ok := rm.Lookup(id)
		if !ok {
			t.Errorf("old id %s is neither an entry nor in any entry's replaces", id)
			continue
		}
		if got := st.State(e.Item.ID); got.Level != tracker.Expert {
			t.Errorf("old id %s (now %s): level %v, want Expert", id, e.Item.ID, got.Level)
		}
	}
	// Every entry of today's roadmap that replaces or keeps an old id
	// counts as done in the assessment of every stage and track.
	for _, stg := range rm.Stages {
		for _, tr := range []string{"", roadmap.TrackIC, roadmap.TrackManagement, roadmap.TrackArchitecture} {
			prof := tracker.Profile{Stage: stg.ID, Track: tr}
			var want tracker.Counts
			for _, e := range tracker.ActiveEntries(rm, prof, stg.ID) {
				if st.State(e.Item.ID).Level != tracker.Expert {
					continue // a new entry, never ticked
				}
				switch e.Kind {
				case roadmap.KindCriterion:
					want.CriteriaDone++
				case roadmap.KindSkill, roadmap.KindBranchItem:
					want.SkillsDone++
				}
			}
			p.Profile = prof
			a := tracker.Assess(rm, p, day)
			if a.Counts.CriteriaDone != want.CriteriaDone || a.Counts.SkillsDone != want.SkillsDone {
				t.Errorf("%s, track %q: done %d skills, %d criteria; want %d, %d", stg.ID, tr,
					a.Counts.SkillsDone, a.Counts.CriteriaDone, want.SkillsDone, want.CriteriaDone)
			}
		}
	}
}

// TestStaffBranchGroups checks that at Staff a specialist counts the group
// of their own branch and no other branch's, and that a user without a
// branch counts none of them and is asked to choose one.
func TestStaffBranchGroups(t *testing.T) {
	rm := roadmap.Default()
	groups := func(prof tracker.Profile) map[string]int {
		out := map[string]int{}
		for _, e := range tracker.ActiveEntries(rm, prof, "staff") {
			if e.Kind == roadmap.KindSkill {
				out[e.Group]++
			}
		}
		return out
	}
	base := groups(tracker.Profile{Stage: "staff", Track: roadmap.TrackIC})
	for _, b := range rm.Branches {
		got := groups(tracker.Profile{Stage: "staff", Track: roadmap.TrackIC, Branch: b.ID})
		var extra []string
		for g, n := range got {
			if base[g] != n {
				extra = append(extra, g)
			}
		}
		if len(extra) != 1 || rm.Stage("staff").Skills[indexOfGroup(rm, extra[0])].Branch != b.ID {
			t.Errorf("branch %s adds groups %v at staff, want exactly its own", b.ID, extra)
		}
	}
	a := tracker.Assess(rm, tracker.Progress{Profile: tracker.Profile{Stage: "staff", Track: roadmap.TrackIC}}, time.Now())
	asked := false
	for _, h := range a.Hints {
		asked = asked || h.Code == tracker.HintChooseBranch
	}
	if !asked {
		t.Errorf("no branch at staff: hints %v, want one asking to choose a branch", a.Hints)
	}
}

func indexOfGroup(rm *roadmap.Roadmap, id string) int {
	for i, g := range rm.Stage("staff").Skills {
		if g.ID == id {
			return i
		}
	}
	return -1
}
