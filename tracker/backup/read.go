package backup

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"time"
	"unicode/utf8"

	"devpath/roadmap/safefile"
	"devpath/tracker"
)

// ReadBackupFile reads and checks the JSON backup in the file at path (see
// ReadBackup), with the default limit on one value. The backup's Source is
// the file's name. A named pipe, a device or a folder is refused before
// anything is read from it, and the open never waits.
func ReadFile(path string) (Backup, error) {
	f, _, err := safefile.OpenRegular(path)
	if errors.Is(err, safefile.ErrNotRegular) {
		return Backup{}, fmt.Errorf("%s: %w (%w)", path, tracker.ErrNotBackup, err)
	}
	if err != nil {
		return Backup{}, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	b, err := Read(f, DefaultLimit)
	if err != nil {
		return Backup{}, fmt.Errorf("%s: %w", path, err)
	}
	b.Source = filepath.Base(path)
	return b, nil
}

// readChunk bounds one read from the file, and so how far the decoder reads
// ahead of the value it decodes.
const readChunk = 64 << 10

// maxBlankRun bounds a run of blank space (spaces, tabs, line breaks) in a
// backup. Export indents by a few spaces, and no text it writes holds more
// than MaxNoteLen spaces in a row; the JSON decoder looks through blank space
// between values again on every read, so a long run would take it a time
// that grows with the square of its length.
const maxBlankRun = 1 << 20

// Errors of the stream under the decoder.
var (
	errValueTooLarge = errors.New("value too large")
	errNotUTF8       = errors.New("not UTF-8")
	errBlank         = errors.New("too much blank space")
)

// backupStream is the file under the JSON decoder. It checks that the bytes
// are UTF-8 (the decoder would quietly replace what is not), bounds the bytes
// one value may take, and keeps the bytes of the current value to tell the
// line and column of a syntax error.
type backupStream struct {
	r     io.Reader
	limit int64
	off   int64 // bytes read in all
	start int64 // offset where the current value began
	carry []byte
	blank int // blank bytes at the end of what was read

	// Lines of what was read before win; win holds the bytes from winOff.
	lines   int
	lineOff int64 // offset just after the last line break before winOff
	win     []byte
	winOff  int64
}

func (s *backupStream) Read(p []byte) (int, error) {
	if s.off-s.start > s.limit+readChunk {
		return 0, errValueTooLarge
	}
	if len(p) > readChunk {
		p = p[:readChunk]
	}
	n, err := s.r.Read(p)
	if n > 0 {
		data := p[:n]
		if len(s.carry) > 0 {
			data = append(s.carry, data...)
			s.carry = nil
		}
		cut := tracker.IncompleteTail(data)
		if !utf8.Valid(data[:cut]) {
			return 0, errNotUTF8
		}
		s.carry = append(s.carry, data[cut:]...)
		for _, c := range p[:n] {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
				s.blank++
			} else {
				s.blank = 0
			}
		}
		if s.blank > maxBlankRun {
			return 0, errBlank
		}
		s.win = append(s.win, p[:n]...)
		s.off += int64(n)
	}
	if err == io.EOF && len(s.carry) > 0 {
		return n, errNotUTF8
	}
	return n, err
}

// begin marks the start of a value at offset off (the decoder's): the bytes
// before it are no longer needed.
func (s *backupStream) begin(off int64) {
	s.start = off
	if drop := min(off-s.winOff, int64(len(s.win))); drop > 0 {
		gone := s.win[:drop]
		if n := bytes.Count(gone, []byte("\n")); n > 0 {
			s.lines += n
			s.lineOff = s.winOff + int64(bytes.LastIndexByte(gone, '\n')) + 1
		}
		s.win = append(s.win[:0], s.win[drop:]...)
		s.winOff += drop
	}
}

// position returns the 1-based line and column of offset off.
func (s *backupStream) position(off int64) (line, col int) {
	line, lineOff := s.lines+1, s.lineOff
	if rel := off - s.winOff; rel > 0 {
		before := s.win[:min(rel, int64(len(s.win)))]
		if n := bytes.Count(before, []byte("\n")); n > 0 {
			line += n
			lineOff = s.winOff + int64(bytes.LastIndexByte(before, '\n')) + 1
		}
	}
	return line, max(int(off-lineOff), 1)
}

// backupReader decodes a backup from a backupStream.
type backupReader struct {
	s      *backupStream
	dec    *json.Decoder
	inside bool // the top-level object is open: an end of file cuts it short
}

// streamError words an error from the stream or the decoder.
func (r *backupReader) streamError(key string, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, errValueTooLarge):
		return fmt.Errorf("the file is too large for a devpath backup (one value in it takes more than %s)", byteSize(r.s.limit))
	case errors.Is(err, errNotUTF8):
		return fmt.Errorf("%w: the file is not UTF-8 text", tracker.ErrNotBackup)
	case errors.Is(err, errBlank):
		return fmt.Errorf("%w: the file holds more than %s of blank space in a row", tracker.ErrNotBackup, byteSize(maxBlankRun))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF) && r.inside:
		return errors.New("the backup is cut short: the file ends in the middle of the data (was it copied completely?)")
	case errors.As(err, &se):
		line, col := r.s.position(r.syntaxOffset())
		return fmt.Errorf("%w: the file is not valid JSON (line %d, column %d: %s)", tracker.ErrNotBackup, line, col, se.Error())
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%w: the file is empty", tracker.ErrNotBackup)
	}
	return decodeError(key, err)
}

// syntaxOffset returns the offset in the file just past the character a
// syntax error of the decoder is about. The decoder's own offset counts
// differently for a token and inside a value; but after either error it
// stands at the start of the token or value that failed, and decoding the
// kept bytes from there again finds the character.
func (r *backupReader) syntaxOffset() int64 {
	start := r.dec.InputOffset()
	if rel := start - r.s.winOff; rel >= 0 && rel <= int64(len(r.s.win)) {
		var v json.RawMessage
		var se *json.SyntaxError
		if err := json.NewDecoder(bytes.NewReader(r.s.win[rel:])).Decode(&v); errors.As(err, &se) {
			return start + se.Offset
		}
	}
	return start + 1
}

// token reads the next token, as the start of a value.
func (r *backupReader) token(key string) (json.Token, error) {
	r.s.begin(r.dec.InputOffset())
	t, err := r.dec.Token()
	if err != nil {
		return nil, r.streamError(key, err)
	}
	return t, nil
}

// value decodes the next value into v, strictly: its bytes are read
// first, so that a key v has no field for can be named (encoding/json's
// error for it has no type to recognise it by).
func (r *backupReader) value(key string, v any) error {
	r.s.begin(r.dec.InputOffset())
	var raw json.RawMessage
	if err := r.dec.Decode(&raw); err != nil {
		return r.streamError(key, err)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		if unknown := unknownKey(raw, reflect.TypeOf(v)); unknown != "" {
			return fmt.Errorf("the backup has an unknown key %q (made by another program, or edited by hand?)", unknown)
		}
		return decodeError(key, err)
	}
	return nil
}

// jsonKind names the JSON type of a token, for messages.
func jsonKind(t json.Token) string {
	switch v := t.(type) {
	case json.Delim:
		if v == '[' {
			return "list"
		}
		return "object"
	case string:
		return "text"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return "number"
}

// list decodes the list under key one element at a time into out.
func list[T any](r *backupReader, key string, out *[]T) error {
	t, err := r.token(key)
	if err != nil {
		return err
	}
	if t == nil {
		return nil // null: none
	}
	if d, ok := t.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("the backup has a %s where %s needs a list", jsonKind(t), key)
	}
	for r.dec.More() {
		var v T
		if err := r.value(key, &v); err != nil {
			return err
		}
		*out = append(*out, v)
	}
	if _, err := r.token(key); err != nil { // the closing ]
		return err
	}
	return nil
}

// readBackup is ReadBackup with the current time given, for tests.
func ReadAt(in io.Reader, limit int64, now time.Time) (Backup, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	br := bufio.NewReaderSize(in, 4096)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	s := &backupStream{r: br, limit: limit}
	r := &backupReader{s: s, dec: json.NewDecoder(s)}
	r.dec.DisallowUnknownFields()

	t, err := r.token("")
	if err != nil {
		return Backup{}, err
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		what := jsonKind(t)
		if what == "list" {
			what = "array"
		}
		return Backup{}, fmt.Errorf("%w: the file holds a JSON %s, not an object", tracker.ErrNotBackup, what)
	}
	r.inside = true

	// The keys may come in any order (Export writes "format" and "version"
	// first). Another program's JSON is named as such rather than by its
	// first odd key: unknown keys before the format are only noted.
	var (
		b           Backup
		format      *string
		version     json.RawMessage
		versionSeen bool
		unknown     string
	)
	checkHead := func() error {
		if format != nil && *format != Format {
			return fmt.Errorf("%w: its format is %.40q, not %q", tracker.ErrNotBackup, *format, Format)
		}
		if format == nil || !versionSeen {
			return nil
		}
		if len(version) == 0 || string(version) == "null" {
			return errors.New("the backup has no format version (\"version\")")
		}
		if err := json.Unmarshal(version, &b.Version); err != nil || b.Version < 1 {
			return fmt.Errorf("the backup's format version %.20q is not valid", version)
		}
		if b.Version > Version {
			return fmt.Errorf("the backup was made by a newer devpath (format version %d; this devpath reads up to %d): update devpath to import it", b.Version, Version)
		}
		return nil
	}
	for r.dec.More() {
		kt, err := r.token("")
		if err != nil {
			return Backup{}, err
		}
		key, _ := kt.(string)
		switch key {
		case "format":
			var f *string
			if err := r.value(key, &f); err != nil || f == nil {
				return Backup{}, fmt.Errorf("%w: its \"format\" is not text", tracker.ErrNotBackup)
			}
			format = f
			b.Format = *f
		case "version":
			if err := r.value(key, &version); err != nil {
				return Backup{}, err
			}
			versionSeen = true
		case "exported_at":
			err = r.value(key, &b.ExportedAt)
		case "profile":
			err = r.value(key, &b.Profile)
		case "items":
			err = list(r, key, &b.Items)
		case "evidence":
			err = list(r, key, &b.Evidence)
		case "events":
			err = list(r, key, &b.Events)
		case "checkins":
			err = list(r, key, &b.CheckIns)
		case "roadmap":
			err = r.value(key, &b.Roadmap)
		case "review_requests":
			err = list(r, key, &b.ReviewRequests)
		case "review_responses":
			err = list(r, key, &b.ReviewResponses)
		case "reviewer_keys":
			err = list(r, key, &b.ReviewerKeys)
		case "reviews":
			err = list(r, key, &b.Reviews)
		case "evidence_suggestions":
			err = list(r, key, &b.Suggestions)
		case "git_scans":
			err = list(r, key, &b.GitScans)
		case "team_outbox":
			err = list(r, key, &b.TeamOutbox)
		case "plan":
			err = r.value(key, &b.Plan)
		default:
			if format != nil {
				return Backup{}, fmt.Errorf("the backup has an unknown key %.40q (made by another program, or edited by hand?)", key)
			}
			if unknown == "" {
				unknown = key
			}
			var skip json.RawMessage
			err = r.value(key, &skip)
		}
		if err != nil {
			return Backup{}, err
		}
		if err := checkHead(); err != nil {
			return Backup{}, err
		}
	}
	if _, err := r.token(""); err != nil { // the closing }
		return Backup{}, err
	}
	r.inside = false
	switch {
	case format == nil:
		return Backup{}, fmt.Errorf("%w: it has no \"format\": %q field", tracker.ErrNotBackup, Format)
	case !versionSeen:
		return Backup{}, errors.New("the backup has no format version (\"version\")")
	case unknown != "":
		return Backup{}, fmt.Errorf("the backup has an unknown key %.40q (made by another program, or edited by hand?)", unknown)
	}
	s.begin(r.dec.InputOffset())
	if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
		if errors.Is(err, errValueTooLarge) || errors.Is(err, errNotUTF8) || errors.Is(err, errBlank) {
			return Backup{}, r.streamError("", err)
		}
		return Backup{}, errors.New("the backup has more data after its end")
	}
	if err := b.Check(now); err != nil {
		return Backup{}, err
	}
	return b, nil
}
