package tracker

import (
	"bytes"
	"crypto/sha256"
	"devpath/roadmap"
	"devpath/roadmap/safefile"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// RoadmapChoice is the roadmap a database uses.
type RoadmapChoice struct {
	// Builtin is true when no roadmap was chosen: the embedded one is used
	// and the other fields are empty.
	Builtin bool
	// Name is the name of the file the roadmap was chosen from.
	Name string
	// ID and Version are the roadmap's own id and version.
	ID      string
	Version int
	// Content is the file's content as it was given.
	Content []byte
	// ChosenAt is when it was chosen.
	ChosenAt time.Time
}

// Same reports whether two choices are the same roadmap: the same content
// under the same name, or both the built-in one.
func (c RoadmapChoice) Same(o RoadmapChoice) bool {
	if c.Builtin || o.Builtin {
		return c.Builtin == o.Builtin
	}
	return c.Name == o.Name && bytes.Equal(c.Content, o.Content)
}

// RoadmapError is a roadmap that was refused. Its message is one line; it
// unwraps to what was wrong, roadmap.Problems for bad content, so that a
// caller can list every problem.
type RoadmapError struct {
	// Name is the file's name.
	Name string
	// Err is what was wrong.
	Err error
}

func (e *RoadmapError) Error() string {
	var probs roadmap.Problems
	if errors.As(e.Err, &probs) && len(probs) > 0 {
		if len(probs) == 1 {
			return fmt.Sprintf("roadmap %s is not valid: %s", Visible(e.Name), OneLine(probs[0].String()))
		}
		return fmt.Sprintf("roadmap %s is not valid: %d problems, the first: %s", Visible(e.Name), len(probs), OneLine(probs[0].String()))
	}
	return fmt.Sprintf("roadmap %s: %s", Visible(e.Name), OneLine(e.Err.Error()))
}

func (e *RoadmapError) Unwrap() error { return e.Err }

// ReadRoadmapFile reads a roadmap file's bytes as they are, for UseRoadmap.
// A named pipe, a device or a folder is refused before anything is read,
// and so is a file larger than roadmap.MaxFileSize.
func ReadRoadmapFile(path string) ([]byte, error) {
	f, info, err := safefile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("read roadmap %s: %w", path, err)
	}
	defer f.Close()
	if info.Size() > roadmap.MaxFileSize {
		return nil, fmt.Errorf("read roadmap %s: %w", path, roadmapTooBig(info.Size()))
	}
	data, err := io.ReadAll(io.LimitReader(f, roadmap.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read roadmap %s: %w", path, err)
	}
	if len(data) > roadmap.MaxFileSize {
		return nil, fmt.Errorf("read roadmap %s: %w", path, roadmapTooBig(int64(len(data))))
	}
	return data, nil
}

func roadmapTooBig(n int64) error {
	return fmt.Errorf("too large: %d bytes, over the limit of %d MiB", n, roadmap.MaxFileSize>>20)
}

// ParseRoadmap reads and checks a roadmap's content (YAML or JSON, see
// roadmap.Load) as UseRoadmap and the backup checks do. Content over
// roadmap.MaxFileSize is refused. Errors are *RoadmapError. The roadmap
// returned may be shared: callers must not modify it.
func ParseRoadmap(name string, content []byte) (*roadmap.Roadmap, error) {
	if len(content) > roadmap.MaxFileSize {
		return nil, &RoadmapError{Name: name, Err: roadmapTooBig(int64(len(content)))}
	}
	key := sha256.Sum256(content)
	parsed.Lock()
	for i, k := range parsed.keys {
		if parsed.rms[i] != nil && k == key {
			rm := parsed.rms[i]
			parsed.Unlock()
			return rm, nil
		}
	}
	parsed.Unlock()
	rm, err := roadmap.Load(content)
	if err != nil {
		return nil, &RoadmapError{Name: name, Err: err}
	}
	parsed.Lock()
	parsed.keys[parsed.next], parsed.rms[parsed.next] = key, rm
	parsed.next = (parsed.next + 1) % len(parsed.keys)
	parsed.Unlock()
	return rm, nil
}

// CleanRoadmapName turns the name a roadmap was given under (a path or a
// file name) into the file name kept for display.
func CleanRoadmapName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name != "" {
		name = filepath.Base(name)
	}
	if name == "" || name == "." || name == string(filepath.Separator) {
		return "", errors.New("no file name given for the roadmap")
	}
	if err := ValidateText("the roadmap's file name", name, MaxSourceLen); err != nil {
		return "", err
	}
	return name, nil
}

// RoadmapEntries lists rm's entry ids with the former ids each replaces,
// as a check-in records them.
func RoadmapEntries(rm *roadmap.Roadmap) map[string][]string {
	if rm == nil {
		return nil
	}
	out := make(map[string][]string, len(rm.Entries()))
	for _, e := range rm.Entries() {
		out[e.Item.ID] = append([]string{}, e.Item.Replaces...)
	}
	return out
}

// CheckRoadmapEvent checks the values of an EventRoadmap from a backup.
func CheckRoadmapEvent(target, old, new string) error {
	if target == "" {
		return errors.New("a roadmap change names no roadmap")
	}
	if err := ValidateText("the roadmap's id", target, MaxIDLen); err != nil {
		return err
	}
	for _, v := range []string{old, new} {
		if v == "" {
			return errors.New("a roadmap change without its old or new roadmap")
		}
		if err := ValidateText("the roadmap change", v, MaxSourceLen+MaxIDLen+100); err != nil {
			return err
		}
	}
	return nil
}

// parsed keeps the last few roadmaps parsed from stored content, by the
// content's hash: the window reads the database's roadmap again after every
// change another process makes, and a roadmap file may take a while to
// parse. The roadmaps are shared, like roadmap.Default's.
var parsed struct {
	sync.Mutex
	keys [4][sha256.Size]byte
	rms  [4]*roadmap.Roadmap
	next int
}
