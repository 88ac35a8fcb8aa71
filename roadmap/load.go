package roadmap

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

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

var utf8BOM = []byte("\xef\xbb\xbf")

// parse turns the raw bytes into a node tree, after the checks that need no
// parsing: size, encoding, and for JSON the nesting depth.
func parse(data []byte) (root *yaml.Node, isJSON bool, err error) {
	if len(data) > MaxFileSize {
		return nil, false, tooBig(int64(len(data)))
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := position(data, off)
		return nil, false, fmt.Errorf("line %d, column %d: not valid UTF-8 text", line, col)
	}
	rest := bytes.TrimLeft(data, " \t\r\n")
	if len(rest) == 0 {
		return nil, false, errors.New("the roadmap is empty")
	}
	if rest[0] == '{' {
		root, err = parseJSON(data)
		return root, true, err
	}
	root, err = parseYAML(data)
	return root, false, err
}

// position returns the 1-based line and column (in characters) of byte
// offset off in data.
func position(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCount(before[start:]) + 1
	return line, col
}

func parseYAML(data []byte) (root *yaml.Node, err error) {
	// The YAML parser is third-party code: turn any panic on a hostile
	// document into an error.
	defer func() {
		if p := recover(); p != nil {
			root, err = nil, fmt.Errorf("cannot read the roadmap as YAML: %v", p)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the roadmap is empty")
		}
		return nil, yamlError(err)
	}
	// Empty documents after the roadmap (a trailing "---") are harmless;
	// any other document is not.
	for {
		var next yaml.Node
		err := dec.Decode(&next)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, yamlError(err)
		}
		if !emptyDocument(&next) {
			line := next.Line
			if len(next.Content) > 0 {
				line = next.Content[0].Line
			}
			return nil, fmt.Errorf("line %d: more than one document: a roadmap file holds exactly one", line)
		}
	}
	if err := checkTree(&doc); err != nil {
		return nil, err
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, errors.New("the roadmap is empty")
		}
		return doc.Content[0], nil
	}
	return &doc, nil
}

// emptyDocument reports whether a YAML document holds nothing.
func emptyDocument(n *yaml.Node) bool {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return true
		}
		n = n.Content[0]
	}
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.ShortTag() == "!!null" && n.Anchor == ""
}

// yamlError rewords a YAML parser error as one line without the "yaml:"
// prefix.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.Contains(msg, "exceeded max depth") {
		return fmt.Errorf("nesting is deeper than %d levels", MaxDepth)
	}
	msg = strings.ReplaceAll(msg, "\n", "; ")
	return fmt.Errorf("not valid YAML: %s", msg)
}

// checkTree rejects anchors, aliases and nesting deeper than MaxDepth,
// without following aliases. Anchors and aliases are not needed in a
// roadmap and would let a small file expand into a huge one.
func checkTree(doc *yaml.Node) error {
	type frame struct {
		n     *yaml.Node
		depth int
	}
	stack := []frame{{doc, 0}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			return fmt.Errorf("line %d: anchors and aliases (&name, *name) are not supported in a roadmap", n.Line)
		}
		if f.depth > MaxDepth {
			return fmt.Errorf("line %d: nesting is deeper than %d levels", n.Line, MaxDepth)
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, frame{n.Content[i], f.depth + 1})
		}
	}
	return nil
}

// jsonParser reads JSON into the same node tree the YAML parser gives, so
// that one decoder serves both formats and reports positions the same way.
type jsonParser struct {
	data []byte
	dec  *json.Decoder
	// off and line track the line of the last token, so that finding the
	// line of each token costs no more than one pass over the input.
	off, line int
}

func parseJSON(data []byte) (*yaml.Node, error) {
	p := &jsonParser{data: data, dec: json.NewDecoder(bytes.NewReader(data)), line: 1}
	p.dec.UseNumber()
	root, err := p.value(1)
	if err != nil {
		return nil, err
	}
	start := p.start()
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		line, col := position(data, start)
		return nil, fmt.Errorf("line %d, column %d: unexpected text after the end of the JSON value: a roadmap file holds exactly one", line, col)
	}
	return root, nil
}

// lineAt returns the 1-based line of offset off, which must not be before
// the offset of the previous call.
func (p *jsonParser) lineAt(off int) int {
	if off > p.off {
		p.line += bytes.Count(p.data[p.off:off], []byte("\n"))
		p.off = off
	}
	return p.line
}

// start returns the offset where the next token begins.
func (p *jsonParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return off
}

func (p *jsonParser) fail(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		line, col := position(p.data, int(se.Offset))
		return fmt.Errorf("line %d, column %d: not valid JSON: %s", line, col, se.Error())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("not valid JSON: the document ends too early")
	}
	return fmt.Errorf("not valid JSON: %w", err)
}

func (p *jsonParser) value(depth int) (*yaml.Node, error) {
	start := p.start()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.fail(err)
	}
	line := p.lineAt(start)
	n := &yaml.Node{Line: line}
	switch t := tok.(type) {
	case json.Delim:
		if depth > MaxDepth {
			return nil, fmt.Errorf("line %d: nesting is deeper than %d levels", line, MaxDepth)
		}
		switch t {
		case '{':
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
			for p.dec.More() {
				kstart := p.start()
				ktok, err := p.dec.Token()
				if err != nil {
					return nil, p.fail(err)
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, p.fail(fmt.Errorf("object key is not a string"))
				}
				kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Style: yaml.DoubleQuotedStyle, Line: p.lineAt(kstart)}
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, kn, v)
			}
		case '[':
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, v)
			}
		default:
			return nil, fmt.Errorf("line %d: not valid JSON: unexpected %q", line, rune(t))
		}
		if _, err := p.dec.Token(); err != nil { // the closing delimiter
			return nil, p.fail(err)
		}
	case string:
		n.Kind, n.Tag, n.Value, n.Style = yaml.ScalarNode, "!!str", t, yaml.DoubleQuotedStyle
	case json.Number:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", t.String()
		if strings.ContainsAny(n.Value, ".eE") {
			n.Tag = "!!float"
		}
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", strconv.FormatBool(t)
	case nil:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
	}
	return n, nil
}

// decoder fills a Go value from a node tree, following the yaml tags of the
// roadmap types, and collects every problem with where it is.
type decoder struct {
	json     bool
	problems problemList
}

func (d *decoder) fail(path string, n *yaml.Node, format string, args ...any) {
	if d.problems.full() {
		d.problems.more++
		return
	}
	msg := fmt.Sprintf(format, args...)
	if n != nil && n.Line > 0 {
		msg += fmt.Sprintf(" (line %d)", n.Line)
	}
	d.problems.add(Problem{Path: path, Msg: msg})
}

// decode stores node n into v. A null value (an empty value in YAML, null in
// JSON) counts as absent and leaves v as it is.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(path, n, "want a list, got %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.String:
		d.decodeString(n, v, path)
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			d.fail(path, n, "want a whole number, got %s", describe(n))
			return
		}
		var i int
		if d.json {
			x, err := strconv.ParseInt(n.Value, 10, 0)
			if err != nil {
				d.fail(path, n, "number %s is out of range", n.Value)
				return
			}
			i = int(x)
		} else if err := n.Decode(&i); err != nil {
			d.fail(path, n, "want a whole number, got %s", describe(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		tag := n.ShortTag()
		if n.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") {
			d.fail(path, n, "want a number, got %s", describe(n))
			return
		}
		var f float64
		var err error
		if d.json {
			f, err = strconv.ParseFloat(n.Value, 64)
		} else {
			err = n.Decode(&f)
		}
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.fail(path, n, "want a finite number, got %s", describe(n))
			return
		}
		v.SetFloat(f)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.fail(path, n, "want true or false, got %s", describe(n))
			return
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			d.fail(path, n, "want true or false, got %s", describe(n))
			return
		}
		v.SetBool(b)
	default:
		// The roadmap types hold only the kinds above.
		d.fail(path, n, "cannot store a value of Go kind %s", v.Kind())
	}
}

func (d *decoder) decodeString(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.fail(path, n, "want text, got %s", describe(n))
		return
	}
	switch tag := n.ShortTag(); {
	case tag == "!!str":
	case d.json:
		// JSON is typed: a number or boolean is not text.
		d.fail(path, n, "want text (a string in quotes), got %s", describe(n))
		return
	case tag == "!!int" || tag == "!!float" || tag == "!!bool" || tag == "!!timestamp":
		// A plain YAML scalar is text as written, e.g. `title: 2024`.
	default:
		d.fail(path, n, "want text, got %s", describe(n))
		return
	}
	if !utf8.ValidString(n.Value) {
		d.fail(path, n, "text is not valid UTF-8")
		return
	}
	v.SetString(n.Value)
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		what := "want a mapping of keys"
		if path == "" {
			what = "a roadmap must be a mapping of keys (version, id, title, stages, …)"
		}
		d.fail(path, n, "%s, got %s", what, describe(n))
		return
	}
	fields := fieldsOf(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.fail(path, k, "keys must be plain names, got %s", describe(k))
			continue
		}
		key := k.Value
		kp := key
		if path != "" {
			kp = path + "." + key
		}
		if line, dup := seen[key]; dup {
			d.fail(kp, k, "key given twice (first at line %d)", line)
			continue
		}
		seen[key] = k.Line
		f, ok := fields.byKey[key]
		if !ok {
			d.fail(kp, k, "unknown key %q%s", key, didYouMean(key, fields.keys))
			continue
		}
		d.decode(val, v.Field(f), kp)
	}
}

// structFields maps the yaml keys of a struct type to field indexes.
type structFields struct {
	byKey map[string]int
	keys  []string
}

var fieldCache sync.Map // reflect.Type -> *structFields

func fieldsOf(t reflect.Type) *structFields {
	if c, ok := fieldCache.Load(t); ok {
		return c.(*structFields)
	}
	sf := &structFields{byKey: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "-" {
			continue
		}
		if key == "" {
			key = strings.ToLower(f.Name)
		}
		sf.byKey[key] = i
		sf.keys = append(sf.keys, key)
	}
	sort.Strings(sf.keys)
	fieldCache.Store(t, sf)
	return sf
}

// didYouMean suggests the known key closest to key, if one is close.
func didYouMean(key string, keys []string) string {
	best, bestDist := "", 3
	for _, k := range keys {
		if d := EditDistance(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return " (known keys: " + strings.Join(keys, ", ") + ")"
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// describe names a node's kind and value for an error message.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	v := n.Value
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:40]) + "…"
	}
	switch n.ShortTag() {
	case "!!str":
		return fmt.Sprintf("text %q", v)
	case "!!int", "!!float":
		return "the number " + v
	case "!!bool":
		return v
	case "!!null":
		return "nothing"
	}
	return fmt.Sprintf("%s %q", n.ShortTag(), v)
}

// normalize gives empty lists one form, so that a roadmap read from YAML and
// the same roadmap read back from its JSON are equal: an empty optional list
// (one whose JSON key has omitempty) becomes nil, a missing required list
// becomes empty.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			normalize(v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fv := v.Field(i)
			if fv.Kind() == reflect.Slice && fv.Len() == 0 {
				if strings.Contains(f.Tag.Get("json"), ",omitempty") {
					fv.SetZero()
				} else if fv.IsNil() {
					fv.Set(reflect.MakeSlice(f.Type, 0, 0))
				}
				continue
			}
			normalize(fv)
		}
	}
}
