package words

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/store"
)

// checkText fails when a text shown to the user is empty, has a
// placeholder left in it, or spaces at its ends.
func checkText(t *testing.T, what, s string) {
	t.Helper()
	switch {
	case s == "":
		t.Errorf("%s: no words", what)
	case strings.TrimSpace(s) != s:
		t.Errorf("%s = %q: spaces at an end", what, s)
	case strings.ContainsAny(s, "{}"):
		t.Errorf("%s = %q: a placeholder is left", what, s)
	}
}

func TestEveryLevelHasWords(t *testing.T) {
	seen := map[string]bool{}
	for l := tracker.NotStarted; l.Valid(); l++ {
		w := Level(l)
		checkText(t, "level "+strconv.Itoa(int(l)), w)
		if seen[w] {
			t.Errorf("level %d = %q, as another level", l, w)
		}
		seen[w] = true
	}
	if len(seen) != 5 {
		t.Errorf("%d levels have words, want 5", len(seen))
	}
	if got := Level(9); got != "level 9" {
		t.Errorf("Level(9) = %q, want level 9", got)
	}
}

func TestLevelForKinds(t *testing.T) {
	for _, kind := range EntryKinds {
		for l := tracker.NotStarted; l.Valid(); l++ {
			w := LevelFor(kind, l)
			checkText(t, kind+" level", w)
			confirmed := w == Confirmed
			if Confirmable(kind) && confirmed != (l >= tracker.Proficient) {
				t.Errorf("LevelFor(%s, %v) = %q", kind, l, w)
			}
			if !Confirmable(kind) && w != Level(l) {
				t.Errorf("LevelFor(%s, %v) = %q, want %q", kind, l, w, Level(l))
			}
		}
	}
	tests := []struct{ kind, stored, want string }{
		{roadmap.KindSkill, "", "not started"},
		{roadmap.KindSkill, " 2 ", "practising"},
		{roadmap.KindCriterion, "3", "confirmed"},
		{roadmap.KindMilestone, "1", "not confirmed"},
		{roadmap.KindSkill, "lots", "lots"},
	}
	for _, tt := range tests {
		if got := StoredLevel(tt.kind, tt.stored); got != tt.want {
			t.Errorf("StoredLevel(%s, %q) = %q, want %q", tt.kind, tt.stored, got, tt.want)
		}
	}
}

func TestEveryStateHasWords(t *testing.T) {
	for _, kind := range append(EntryKinds, "") {
		for l := tracker.NotStarted; l.Valid(); l++ {
			for _, skipped := range []bool{false, true} {
				s := tracker.ItemState{Level: l, Skipped: skipped}
				w := State(kind, s)
				checkText(t, "state", w)
				if skipped != strings.Contains(w, NotApplicable) {
					t.Errorf("State(%s, %+v) = %q", kind, s, w)
				}
				if !strings.Contains(w, LevelFor(kind, l)) && !(skipped && l == tracker.NotStarted) {
					t.Errorf("State(%s, %+v) = %q: the level is missing", kind, s, w)
				}
			}
		}
	}
}

func TestEveryKindHasWords(t *testing.T) {
	kinds := map[string]bool{}
	for _, k := range EntryKinds {
		kinds[k] = true
	}
	// Every kind the built-in roadmap uses is listed and worded.
	for _, e := range roadmap.Default().Entries() {
		if !kinds[e.Kind] {
			t.Errorf("entry %s is of kind %q, which has no words", e.Item.ID, e.Kind)
		}
	}
	seen := map[string]bool{}
	for _, k := range EntryKinds {
		w := Kind(k)
		checkText(t, "kind "+k, w)
		if w == Kind("") || seen[w] {
			t.Errorf("kind %s = %q, as another kind", k, w)
		}
		seen[w] = true
		if KindTitle(k) != strings.ToUpper(w[:1])+w[1:] {
			t.Errorf("KindTitle(%s) = %q", k, KindTitle(k))
		}
	}
	checkText(t, "unknown kind", Kind("gadget"))
}

func TestEveryRegionHasWords(t *testing.T) {
	rm := roadmap.Default()
	for _, r := range Regions {
		w := Region(r)
		checkText(t, "region "+r, w)
		if w == Region("") {
			t.Errorf("region %s = %q, as no region", r, w)
		}
		// Every region the roadmap gives a band for has a band in words.
		b := rm.Stages[0].Salary.Band(r)
		if b == nil {
			t.Fatalf("the built-in roadmap has no %s band for %s", r, rm.Stages[0].ID)
		}
		got := Band(r, b)
		if !strings.Contains(got, " – ") || got == NoBand {
			t.Errorf("Band(%s, %+v) = %q", r, *b, got)
		}
		if open := Band(r, &roadmap.Band{Min: b.Min, Max: b.Max, Open: true}); open != got+"+" {
			t.Errorf("open band = %q, want %q", open, got+"+")
		}
		checkText(t, "no band", Band(r, nil))
	}
	checkText(t, "no region", Region(""))
	if got := Region("eu"); got != "EU" {
		t.Errorf("Region(eu) = %q, want EU", got)
	}
}

func TestBand(t *testing.T) {
	for _, c := range []struct {
		region string
		band   *roadmap.Band
		want   string
	}{
		{"uk", &roadmap.Band{Min: 40000, Max: 55000}, "£40,000 – £55,000"},
		{"us", &roadmap.Band{Min: 180000, Max: 1260000, Open: true}, "$180,000 – $1,260,000+"},
		{"us", &roadmap.Band{Min: 900, Max: 1000}, "$900 – $1,000"},
		{"uk", nil, "no figure for this region"},
	} {
		if got := Band(c.region, c.band); got != c.want {
			t.Errorf("Band(%q, %+v) = %q, want %q", c.region, c.band, got, c.want)
		}
	}
}

func TestVerdictsAndTimelines(t *testing.T) {
	for _, v := range Verdicts {
		checkText(t, "verdict "+v, Verdict(v))
		s := VerdictSentence(v, "Senior")
		checkText(t, "verdict sentence "+v, s)
		if !strings.Contains(s, "Senior") || !strings.HasSuffix(s, ".") {
			t.Errorf("VerdictSentence(%s) = %q", v, s)
		}
		if s := VerdictSentence(v, ""); !strings.Contains(s, "the next level") {
			t.Errorf("VerdictSentence(%s, no next) = %q", v, s)
		}
	}
	checkText(t, "no verdict", Verdict(""))
	for _, s := range TimelineStatuses {
		w := Timeline(s)
		checkText(t, "timeline "+s, w)
		if w == Timeline(tracker.TimelineUnknown) {
			t.Errorf("timeline %s = %q, as unknown", s, w)
		}
	}
	for i, c := range Components {
		checkText(t, "component "+strconv.Itoa(i), c)
	}
}

func TestEveryProfileFieldHasWords(t *testing.T) {
	for _, f := range tracker.ProfileFields() {
		if _, ok := profileFieldWords[f]; !ok {
			t.Errorf("profile field %s has no words", f)
		}
		checkText(t, "profile field "+f, ProfileField(f))
		if strings.Contains(ProfileField(f), "_") {
			t.Errorf("profile field %s = %q", f, ProfileField(f))
		}
	}
}

func TestProfileValueNamesIDs(t *testing.T) {
	rm := roadmap.Default()
	st, br, tk := rm.Stages[1], rm.Branches[0], rm.Tracks[0]
	tests := []struct{ field, v, want string }{
		{"stage", st.ID, st.Title},
		{"branch", br.ID, br.Title},
		{"track", tk.ID, tk.Title},
		{"track_level", tk.Levels[0].ID, tk.Levels[0].Title},
		{"region", roadmap.RegionUS, "US"},
		{"branch", "", "none"},
		{"stage", "gone", "gone"},
	}
	for _, tt := range tests {
		if got := ProfileValue(rm, tt.field, tt.v); got != tt.want {
			t.Errorf("ProfileValue(%s, %q) = %q, want %q", tt.field, tt.v, got, tt.want)
		}
	}
}

// wordsStore opens a store in a temporary directory.
func wordsStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "devpath.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// entryOf returns the first entry of the built-in roadmap of the kind.
func entryOf(t *testing.T, rm *roadmap.Roadmap, kind string) roadmap.Entry {
	t.Helper()
	for _, e := range rm.Entries() {
		if e.Kind == kind {
			return e
		}
	}
	t.Fatalf("no entry of kind %s", kind)
	return roadmap.Entry{}
}

// TestEveryEventKindHasWords makes events of every kind the log knows, with
// a real store, and checks that each reads as words: the entry's title,
// never its id, and no kind left unworded. A kind added to
// tracker.EventKinds without a case here and words in Event fails it.
func TestEveryEventKindHasWords(t *testing.T) {
	rm := roadmap.Default()
	skill := entryOf(t, rm, roadmap.KindSkill)
	crit := entryOf(t, rm, roadmap.KindCriterion)
	s := wordsStore(t)
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

	must(t, s.SetLevel(skill.Item.ID, tracker.Practising, day))
	must(t, s.SetLevel(crit.Item.ID, tracker.Proficient, day))
	must(t, s.SetSkipped(skill.Item.ID, true))
	must(t, s.UpdateProfile(func(p *tracker.Profile) { p.Stage = rm.Stages[1].ID }))
	ev, err := s.AddEvidence(tracker.Evidence{ItemID: skill.Item.ID, Note: "Ran the  payments\nmigration", Date: day})
	must(t, err)
	ev.Note = "Ran the migration"
	must(t, s.UpdateEvidence(ev))
	must(t, s.DeleteEvidence(ev.ID))
	_, err = s.Undo()
	must(t, err)
	_, err = s.Redo()
	must(t, err)
	tiny, err := os.ReadFile(filepath.Join("..", "..", "roadmap", "testdata", "tiny.yaml"))
	must(t, err)
	_, err = s.UseRoadmap("tiny.yaml", tiny)
	must(t, err)
	must(t, s.UseDefaultRoadmap())
	later := day.AddDate(0, 6, 0)
	must(t, s.PutTarget(later))
	must(t, s.PutPlanItem(skill.Item.ID, later))
	must(t, s.PutReconfirmed([]string{crit.Item.ID}, day))
	must(t, s.PutCadence("6w"))
	b, err := s.Export()
	must(t, err)
	_, err = s.Import(b, true, rm)
	must(t, err)

	evs, err := s.Events(time.Time{})
	must(t, err)
	byID := map[int64]tracker.Event{}
	kinds := map[string]bool{}
	for _, e := range evs {
		byID[e.ID] = e
		kinds[e.Kind] = true
	}
	for _, k := range tracker.EventKinds {
		if !kinds[k] {
			t.Errorf("the test made no %s event: add one", k)
		}
	}
	var lines []string
	for _, e := range evs {
		l := Event(rm, e, byID)
		checkText(t, e.Kind+" subject", l.Subject)
		checkText(t, e.Kind+" change", l.Change)
		text := l.String()
		lines = append(lines, text)
		for _, id := range []string{skill.Item.ID, crit.Item.ID, rm.Stages[1].ID} {
			if strings.Contains(text, id) && !strings.Contains(skill.Item.Title+crit.Item.Title+rm.Stages[1].Title, id) {
				t.Errorf("event %s reads %q: it shows the id %s", e.Kind, text, id)
			}
		}
		if strings.HasPrefix(text, e.Kind+" ") && e.Kind != tracker.EventImport {
			t.Errorf("event %s reads %q: it has no words of its own", e.Kind, text)
		}
	}
	want := []string{
		skill.Item.Title + ": not started ⟶ practising",
		crit.Item.Title + ": not confirmed ⟶ confirmed",
		skill.Item.Title + ": marked not applicable",
		"Your stage: " + rm.Stages[0].Title + " ⟶ " + rm.Stages[1].Title,
		skill.Item.Title + ": evidence added: “Ran the payments migration”",
		skill.Item.Title + ": evidence edited: “Ran the migration”",
		skill.Item.Title + ": evidence deleted: “Ran the migration”",
		skill.Item.Title + ": undone: evidence added: “Ran the migration”",
		skill.Item.Title + ": redone: evidence deleted: “Ran the migration”",
		"Roadmap: the built-in roadmap (" + rm.ID + " v" + strconv.Itoa(rm.Version) + ") ⟶ tiny.yaml (tiny v1)",
		"Roadmap: tiny.yaml (tiny v1) ⟶ the built-in roadmap (" + rm.ID + " v" + strconv.Itoa(rm.Version) + ")",
		"Your target date: none ⟶ 2025-09-01",
		skill.Item.Title + ": added to the plan, due 2025-09-01",
		crit.Item.Title + ": re-confirmed as still true on 2025-03-01",
		"Check-in reminders: every 3 months ⟶ every 6 weeks",
	}
	for i, w := range want {
		if i >= len(lines) || lines[i] != w {
			t.Errorf("event %d reads %q, want %q", i, lines[i:min(i+1, len(lines))], w)
		}
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "Backup imported: from ") {
		t.Errorf("import reads %q", last)
	}
}

// TestNoEventKindFallsBack fails when a kind in tracker.EventKinds is read
// by Event's last resort (its kind and target as they are) rather than by
// words of its own.
func TestNoEventKindFallsBack(t *testing.T) {
	rm := roadmap.Default()
	id := entryOf(t, rm, roadmap.KindSkill).Item.ID
	for _, k := range tracker.EventKinds {
		e := tracker.Event{Kind: k, Target: id, Old: "1", New: "2"}
		switch k {
		case tracker.EventProfile:
			e.Target = "region"
		case tracker.EventImport:
			e.Target = "backup.json"
		}
		l := Event(rm, e, nil)
		if strings.HasPrefix(l.Subject, k+" ") || strings.Contains(l.String(), id) {
			t.Errorf("a %s event reads %q: it has no words of its own", k, l)
		}
	}
}

func TestUnknownEventsStillRead(t *testing.T) {
	rm := roadmap.Default()
	tests := []struct {
		e    tracker.Event
		byID map[int64]tracker.Event
		want string
	}{
		{tracker.Event{Kind: tracker.EventLevel, Target: "gone", Old: "1", New: "3"}, nil, "gone (not in this roadmap): learning ⟶ proficient"},
		{tracker.Event{Kind: tracker.EventUndo, Target: "41"}, nil, "An earlier change: undone"},
		{tracker.Event{Kind: tracker.EventUndo, Target: "2"}, map[int64]tracker.Event{2: {ID: 2, Kind: tracker.EventUndo, Target: "1"}}, "An earlier change: redone"},
		{tracker.Event{Kind: "rename", Target: "x", Old: "a", New: "b"}, nil, "rename x: a ⟶ b"},
	}
	for _, tt := range tests {
		if got := Event(rm, tt.e, tt.byID).String(); got != tt.want {
			t.Errorf("Event(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestUndoneAndRedone(t *testing.T) {
	rm := roadmap.Default()
	crit := entryOf(t, rm, roadmap.KindCriterion)
	lvl := tracker.Event{Kind: tracker.EventLevel, Target: crit.Item.ID, Old: "0", New: "3"}
	if got, want := Undone(rm, lvl), "Undone: "+crit.Item.Title+": back to not confirmed"; got != want {
		t.Errorf("Undone = %q, want %q", got, want)
	}
	if got, want := Redone(rm, lvl), "Redone: "+crit.Item.Title+": not confirmed ⟶ confirmed"; got != want {
		t.Errorf("Redone = %q, want %q", got, want)
	}
	prof := tracker.Event{Kind: tracker.EventProfile, Target: "region", Old: "uk", New: "us"}
	if got, want := Undone(rm, prof), "Undone: Your region: back to UK"; got != want {
		t.Errorf("Undone = %q, want %q", got, want)
	}
	skip := tracker.Event{Kind: tracker.EventSkip, Target: crit.Item.ID, Old: "false", New: "true"}
	if got, want := Undone(rm, skip), "Undone: "+crit.Item.Title+": counted again"; got != want {
		t.Errorf("Undone = %q, want %q", got, want)
	}
	note, _ := json.Marshal(tracker.Evidence{Note: "Wrote it"})
	evd := tracker.Event{Kind: tracker.EventEvidence, Target: crit.Item.ID, New: string(note)}
	if got, want := Undone(rm, evd), "Undone: "+crit.Item.Title+": evidence deleted: “Wrote it”"; got != want {
		t.Errorf("Undone = %q, want %q", got, want)
	}
	for _, m := range []string{NothingToUndo, NothingToUndoAfterImport, NothingToRedo} {
		checkText(t, "nothing to do", m)
	}
}

// TestEveryHintCodeHasWords fails when tracker gains a hint code without
// words here, for the window, the command line and reports.
func TestEveryHintCodeHasWords(t *testing.T) {
	if len(tracker.HintCodes) != len(hintTable) {
		t.Errorf("%d hint codes, %d worded", len(tracker.HintCodes), len(hintTable))
	}
	for _, c := range tracker.HintCodes {
		w, ok := hintTable[c]
		if !ok {
			t.Errorf("hint %s has no words", c)
			continue
		}
		if strings.Contains(w.text, "{where}") && (w.act.window == "" || w.act.commandLine == "") {
			t.Errorf("hint %s asks for an action it does not word", c)
		}
		if !strings.Contains(w.text, "{where}") && w.act != (action{}) {
			t.Errorf("hint %s words an action its text does not place", c)
		}
		h := tracker.Hint{Code: c, Stage: "Junior", Track: "Individual contributor", Value: "wizard"}
		win, cli, doc := Hint(h, Window), Hint(h, CommandLine), Hint(h, Report)
		for where, s := range map[string]string{"window": win, "command line": cli, "report": doc} {
			checkText(t, string(c)+" for the "+where, s)
			if !strings.HasSuffix(s, ".") || strings.Contains(s, "  ") || strings.Contains(s, " :") {
				t.Errorf("hint %s for the %s = %q", c, where, s)
			}
		}
		if strings.Contains(w.text, "{where}") {
			if win == cli || !strings.Contains(cli, "'devpath ") || strings.Contains(cli, "screen") || strings.Contains(win, "devpath") {
				t.Errorf("hint %s: window %q, command line %q", c, win, cli)
			}
			if strings.Contains(doc, "devpath") || strings.Contains(doc, "screen") || strings.Contains(doc, "Settings") {
				t.Errorf("hint %s in a report = %q", c, doc)
			}
		}
	}
	checkText(t, "no hints", NoHints)
}

// TestAssessedHintsRead checks the hints the readiness engine gives for a
// real profile, with its data in place.
func TestAssessedHintsRead(t *testing.T) {
	rm := roadmap.Default()
	p := tracker.Progress{Profile: tracker.Profile{Stage: "intern"}, Items: map[string]tracker.ItemState{}}
	a := tracker.Assess(rm, p, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	got := Hints(a.Hints, Window)
	if len(got) == 0 || !strings.Contains(got[0], "“intern”") || !strings.Contains(got[0], rm.Stages[0].Title) || !strings.Contains(got[0], "in Settings") {
		t.Errorf("hints = %q", got)
	}
	if cli := Hints(a.Hints, CommandLine); !strings.Contains(cli[0], "'devpath profile --stage ID'") {
		t.Errorf("command line hints = %q", cli)
	}
}

func TestImportReportReads(t *testing.T) {
	r := tracker.ImportReport{Merged: true, Profile: "updated",
		Items:    tracker.ImportCounts{Added: 2, Kept: 1},
		Evidence: tracker.ImportCounts{Updated: 1, Removed: 3},
		Roadmap:  tracker.RoadmapChoice{Builtin: true}}
	want := []string{
		"Merged the backup, keeping the newer of each value.",
		"Profile: updated.",
		"Entries: 2 added, 1 unchanged.",
		"Evidence: 1 updated, 3 removed.",
		"Change log: none.",
		"Check-ins: none.",
		"Roadmap: kept the built-in roadmap.",
	}
	if got := ImportLines(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ImportLines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := ImportLines(tracker.ImportReport{Profile: "replaced"})[0]; got != "Replaced everything with the backup." {
		t.Errorf("a replacing import reads %q", got)
	}
	team := tracker.RoadmapChoice{Name: "team.yaml", ID: "team", Version: 2}
	r.BackupRoadmap = &team
	if got := ImportLines(r); got[len(got)-1] != "Roadmap: kept the built-in roadmap; the backup uses team.yaml (roadmap team, version 2)." {
		t.Errorf("a merge of a backup with another roadmap ends %q", got[len(got)-1])
	}
	if got := Orphans(nil); got != "" {
		t.Errorf("no orphans: %q", got)
	}
	var ids []string
	for i := range 12 {
		ids = append(ids, fmt.Sprintf("gone-%02d", i))
	}
	got := Orphans(ids)
	if !strings.Contains(got, "gone-00, gone-01") || strings.Contains(got, "gone-10") || !strings.Contains(got, "and 2 more") {
		t.Errorf("twelve orphans read %q: want the first ten and 2 more", got)
	}
}

func TestStallWarning(t *testing.T) {
	if got := StallWarning(0); got != "" {
		t.Errorf("not stalled: %q", got)
	}
	for months, span := range map[int]string{36: "More than three years", 24: "More than two years", 12: "More than a year", 18: "More than 18 months"} {
		if got := StallWarning(months); !strings.HasPrefix(got, span+" at one level") || !strings.Contains(got, "next level") {
			t.Errorf("StallWarning(%d) = %q, want it to start %q", months, got, span)
		}
	}
}

func TestEvidenceGap(t *testing.T) {
	ev := &tracker.Evidenced{MaxAgeMonths: 24, Actions: []tracker.EvidenceGap{
		{Kind: roadmap.KindSkill, Claimed: tracker.Proficient}, {Kind: roadmap.KindSkill, Claimed: tracker.Proficient},
		{Kind: roadmap.KindBranchItem, Claimed: tracker.Proficient}, {Kind: roadmap.KindSkill, Claimed: tracker.Expert},
		{Kind: roadmap.KindCriterion, Claimed: tracker.Proficient}, {Kind: roadmap.KindSkill, Claimed: tracker.Expert, Stale: true},
	}}
	want := "3 proficient skills, 1 expert skill and 1 confirmed criterion have no evidence; 1 more has only stale evidence (older than 24 months)."
	if got := EvidenceGap(ev); got != want {
		t.Errorf("EvidenceGap:\n got %q\nwant %q", got, want)
	}
	if got := EvidenceGap(&tracker.Evidenced{Actions: []tracker.EvidenceGap{{Kind: roadmap.KindSkill, Claimed: tracker.Proficient}}}); got != "1 proficient skill has no evidence." {
		t.Errorf("one skill: %q", got)
	}
	if got := EvidenceGap(&tracker.Evidenced{}); got != "" {
		t.Errorf("nothing missing: %q", got)
	}
	if got := EvidenceAction(tracker.EvidenceGap{Kind: roadmap.KindSkill, Title: "Modules", Claimed: tracker.Proficient, Stale: true}); got != "Refresh the evidence for Modules (proficient)" {
		t.Errorf("EvidenceAction: %q", got)
	}
}
