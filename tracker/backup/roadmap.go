package backup

import (
	"devpath/roadmap"
	"devpath/tracker"
	"fmt"
	"time"
)

// BackupRoadmap is the roadmap a JSON backup carries: the one the database
// had chosen.
type Roadmap struct {
	// Name is the file the roadmap was chosen from.
	Name string `json:"name"`
	// ID and Version are the roadmap's own, as its content gives them.
	ID      string `json:"id"`
	Version int    `json:"version"`
	// ChosenAt is when it was chosen.
	ChosenAt time.Time `json:"chosen_at"`
	// Content is the roadmap file's content as it was given.
	Content string `json:"content"`
}

// backupRoadmap converts a choice for a backup; nil for the built-in one.
func FromChoice(c tracker.RoadmapChoice) *Roadmap {
	if c.Builtin {
		return nil
	}
	return &Roadmap{Name: c.Name, ID: c.ID, Version: c.Version, ChosenAt: c.ChosenAt.UTC(), Content: string(c.Content)}
}

// choice converts a backup's roadmap back; nil is the built-in one.
func (r *Roadmap) choice() tracker.RoadmapChoice {
	if r == nil {
		return tracker.RoadmapChoice{Builtin: true}
	}
	return tracker.RoadmapChoice{Name: r.Name, ID: r.ID, Version: r.Version, Content: []byte(r.Content), ChosenAt: r.ChosenAt}
}

// Choice returns the roadmap the backup carries; a backup without one
// means the embedded roadmap.
func (b Backup) Choice() tracker.RoadmapChoice { return b.Roadmap.choice() }

// checkRoadmap checks the backup's roadmap as UseRoadmap checks a file:
// its content must be a valid roadmap whose id and version are the ones
// the backup gives.
func (b *Backup) checkRoadmap(instant func(string, *time.Time) error) error {
	r := b.Roadmap
	if r == nil {
		return nil
	}
	name, err := tracker.CleanRoadmapName(r.Name)
	if err != nil {
		return err
	}
	if name != r.Name {
		return fmt.Errorf("the roadmap's file name %.60q is a path, not a file name", r.Name)
	}
	rm, err := tracker.ParseRoadmap(r.Name, []byte(r.Content))
	if err != nil {
		return err
	}
	if rm.ID != r.ID || rm.Version != r.Version {
		return fmt.Errorf("it is named roadmap %.40q version %d, but its content is roadmap %q version %d", r.ID, r.Version, rm.ID, rm.Version)
	}
	return instant("chosen_at", &r.ChosenAt)
}

// roadmapOf returns the roadmap a backup's choice stands for.
func (b Backup) RoadmapOf() *roadmap.Roadmap {
	if b.Roadmap == nil {
		return roadmap.Default()
	}
	rm, err := tracker.ParseRoadmap(b.Roadmap.Name, []byte(b.Roadmap.Content))
	if err != nil {
		return roadmap.Default() // checked before; not reached
	}
	return rm
}
