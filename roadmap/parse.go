package roadmap

// This file turns a roadmap file's bytes into a YAML node tree: YAML
// through the YAML library, JSON through a parser of its own that keeps
// line numbers and bounds the nesting, both checked for size and depth.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

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
		return nil, yamlError(data, err)
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
			return nil, yamlError(data, err)
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

// yamlError words a YAML parser error as one line. The parser's errors
// have no type to tell them apart by, so a document that failed is looked
// at again: one whose brackets nest deeper than MaxDepth is refused for
// that, as the parser's own depth limit would be worded otherwise.
func yamlError(data []byte, err error) error {
	if flowDepth(data) > MaxDepth {
		return fmt.Errorf("nesting is deeper than %d levels", MaxDepth)
	}
	return fmt.Errorf("not valid YAML (%s)", strings.Join(strings.Fields(err.Error()), " "))
}

// flowDepth is how deep the flow collections ([…] and {…}) of a YAML
// document nest at most, counting brackets outside quotes and comments.
// It is used only to word a document the parser refused.
func flowDepth(data []byte) int {
	depth, most := 0, 0
	var quote byte
	comment := false
	for i, c := range data {
		switch {
		case comment:
			comment = c != '\n'
		case quote != 0:
			if c == quote && (quote == '\'' || data[i-1] != '\\') {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\n'):
			comment = true
		case c == '[' || c == '{':
			depth++
			most = max(most, depth)
		case (c == ']' || c == '}') && depth > 0:
			depth--
		}
	}
	return most
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
