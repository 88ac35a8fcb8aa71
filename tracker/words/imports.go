package words

import (
	"fmt"
	"strings"
	"time"

	"devpath/tracker"
)

// Counts says what an import did to one kind of record: "2 added,
// 1 unchanged", or "none".
func Counts(c tracker.ImportCounts) string {
	var parts []string
	for _, p := range []struct {
		n    int
		verb string
	}{{c.Added, "added"}, {c.Updated, "updated"}, {c.Kept, "unchanged"}, {c.Removed, "removed"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.verb))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// ImportLines says what an import did, one sentence a line: how it went,
// then the profile, the entries, the evidence, the change log, the
// check-ins and the roadmap. The warning about entries the roadmap lacks
// is Orphans.
func ImportLines(r tracker.ImportReport) []string {
	how := "Replaced everything with the backup."
	if r.Merged {
		how = "Merged the backup, keeping the newer of each value."
	}
	lines := []string{
		how,
		"Profile: " + r.Profile + ".",
		"Entries: " + Counts(r.Items) + ".",
		"Evidence: " + Counts(r.Evidence) + ".",
		"Change log: " + Counts(r.Events) + ".",
		"Check-ins: " + Counts(r.CheckIns) + ".",
	}
	for _, more := range []struct {
		what string
		c    tracker.ImportCounts
	}{{"Reviews", r.Reviews}, {"Suggestions", r.Suggestions}, {"Check-ins queued for the team", r.Outbox}} {
		if more.c != (tracker.ImportCounts{}) {
			lines = append(lines, more.what+": "+Counts(more.c)+".")
		}
	}
	if r.ClockAhead >= time.Hour {
		lines = append(lines, fmt.Sprintf("The backup was made by a clock %d hours ahead of this computer's; its times were kept as they are.", int(r.ClockAhead.Hours())))
	}
	switch {
	case !r.Merged:
		lines = append(lines, "Roadmap: now "+Roadmap(r.Roadmap)+".")
	case r.BackupRoadmap != nil:
		lines = append(lines, "Roadmap: kept "+Roadmap(r.Roadmap)+"; the backup uses "+Roadmap(*r.BackupRoadmap)+".")
	default:
		lines = append(lines, "Roadmap: kept "+Roadmap(r.Roadmap)+".")
	}
	return lines
}

// Roadmap names the roadmap a database uses: "platform.yaml (roadmap
// platform, version 2)" or "the built-in roadmap".
func Roadmap(c tracker.RoadmapChoice) string {
	if c.Builtin {
		return "the built-in roadmap"
	}
	return fmt.Sprintf("%s (roadmap %s, version %d)", tracker.Visible(c.Name), tracker.Visible(c.ID), c.Version)
}

// Orphans warns about the entries of an import the roadmap has no place
// for (the first ten by id, and how many more), or is "" when there are
// none.
func Orphans(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	const show = 10
	more := ""
	if len(ids) > show {
		more = fmt.Sprintf(" and %d more", len(ids)-show)
		ids = ids[:show]
	}
	return fmt.Sprintf("the roadmap has no entry %s%s; their progress was kept but counts for nothing until the roadmap has them again.",
		strings.Join(ids, ", "), more)
}
