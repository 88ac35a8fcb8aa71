package roadmap

// This file decodes a node tree into a Roadmap strictly: every key known,
// every value of the right kind, each problem named with its path.

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

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

var fieldCache sync.Map

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
