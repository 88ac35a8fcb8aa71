package roadmap

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"

	"devpath/roadmap/safefile"
)

// Limits on roadmap files. They keep a hostile or broken file from tying up
// the program.
const (
	// MaxFileSize is the largest roadmap file Load and LoadFile accept.
	MaxFileSize = 4 << 20
	// MaxDepth is the deepest nesting of lists and mappings accepted. A
	// valid roadmap needs fewer than ten levels.
	MaxDepth = 64
)

// Load reads a roadmap from YAML or JSON. A document whose first character
// (after blanks) is "{" is read as JSON, anything else as YAML; both use the
// same keys.
//
// Load is strict: unknown keys, values of the wrong type, anchors and
// aliases, more than one document, invalid UTF-8, nesting deeper than
// MaxDepth and input larger than MaxFileSize are errors. Readiness settings
// that the file leaves out take their DefaultReadiness values. The decoded
// roadmap is then validated (see Validate). Problems with the content are
// returned as Problems, every one of them; an unreadable document gives a
// one-line error.
//
// The returned roadmap is indexed and belongs to the caller.
func Load(data []byte) (*Roadmap, error) {
	root, isJSON, err := parse(data)
	if err != nil {
		return nil, err
	}
	r := &Roadmap{Readiness: DefaultReadiness}
	d := &decoder{json: isJSON}
	d.decode(root, reflect.ValueOf(r).Elem(), "")
	if len(d.problems.ps) > 0 {
		return nil, d.problems.result()
	}
	normalize(reflect.ValueOf(r).Elem())
	if err := r.Validate(); err != nil {
		return nil, err
	}
	r.Reindex()
	return r, nil
}

// LoadFile reads a roadmap file (YAML or JSON, see Load). Errors name the
// file; a file with bad content gives Problems, which errors.As finds.
func LoadFile(path string) (*Roadmap, error) {
	// A named pipe or a device would block the read for ever: it is
	// opened without waiting and refused before a byte is read.
	f, info, err := safefile.OpenRegular(path)
	if errors.Is(err, safefile.ErrNotRegular) {
		return nil, fmt.Errorf("read roadmap %s: %w", path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open roadmap %s: %w", path, pathErr(err))
	}
	defer f.Close()
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("read roadmap %s: %w", path, tooBig(info.Size()))
	}
	// Read at most one byte past the limit, in case the file grows or its
	// size is not known in advance.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read roadmap %s: %w", path, pathErr(err))
	}
	r, err := Load(data)
	if err != nil {
		return nil, fmt.Errorf("roadmap %s: %w", path, err)
	}
	return r, nil
}

// pathErr strips the operation and path from an *fs.PathError, which the
// caller's message already names.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func tooBig(n int64) error {
	return fmt.Errorf("too large: %d bytes, over the limit of %d MiB (%d bytes)", n, MaxFileSize>>20, MaxFileSize)
}

// JSON returns the roadmap in its canonical JSON form: the same keys as the
// YAML format, indented by two spaces, ending in a newline. Load reads it
// back to an equal roadmap.
func (r *Roadmap) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encode roadmap %q as JSON: %w", r.ID, err)
	}
	return buf.Bytes(), nil
}

// reflect.Type -> *structFields
