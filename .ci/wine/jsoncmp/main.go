// Command jsoncmp compares two JSON documents field by field and lists every
// field whose value differs, or that only one has, by its path
// ("readiness.components.skills: 0.5 ≠ 0.25"). It exits 1 when any differs.
// The Wine test compares the Windows build's "status --json" with the Linux
// build's with it.
//
// A field named by -key is left out wherever it is (times of writing, which
// two runs never share); a string that holds a JSON object or array (the
// change log's values) is compared as JSON.
//
// Usage: jsoncmp [-ignore PATH]... [-key NAME]... A.json B.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// ignored collects -ignore flags.
type ignored []string

func (i *ignored) String() string     { return strings.Join(*i, ",") }
func (i *ignored) Set(v string) error { *i = append(*i, v); return nil }

// skipKeys are the field names -key leaves out everywhere.
var skipKeys ignored

// nested returns the JSON a string holds, if it holds an object or array.
func nested(v any) (any, bool) {
	s, ok := v.(string)
	if !ok || !(strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[")) {
		return nil, false
	}
	var x any
	return x, json.Unmarshal([]byte(s), &x) == nil
}

// diff appends to out each difference between a and b below path.
func diff(path string, a, b any, skip []string, out *[]string) {
	if slices.Contains(skip, path) {
		return
	}
	if x, ok := nested(a); ok {
		if y, ok := nested(b); ok {
			a, b = x, y
		}
	}
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			break
		}
		keys := map[string]bool{}
		for k := range av {
			keys[k] = true
		}
		for k := range bv {
			keys[k] = true
		}
		var names []string
		for k := range keys {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			p := strings.TrimPrefix(path+"."+k, ".")
			x, inA := av[k]
			y, inB := bv[k]
			switch {
			case slices.Contains(skip, p), slices.Contains(skipKeys, k):
			case !inA:
				*out = append(*out, fmt.Sprintf("%s: only in the second", p))
			case !inB:
				*out = append(*out, fmt.Sprintf("%s: only in the first", p))
			default:
				diff(p, x, y, skip, out)
			}
		}
		return
	case []any:
		bv, ok := b.([]any)
		if !ok {
			break
		}
		if len(av) != len(bv) {
			*out = append(*out, fmt.Sprintf("%s: %d elements ≠ %d", path, len(av), len(bv)))
			return
		}
		for i := range av {
			diff(fmt.Sprintf("%s[%d]", path, i), av[i], bv[i], skip, out)
		}
		return
	}
	if !reflect.DeepEqual(a, b) {
		*out = append(*out, fmt.Sprintf("%s: %v ≠ %v", path, a, b))
	}
}

// load reads a JSON file.
func load(path string) (any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func main() {
	var skip ignored
	flag.Var(&skip, "ignore", "leave out the field at this `path` (repeat)")
	flag.Var(&skipKeys, "key", "leave out every field with this `name` (repeat)")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: jsoncmp [-ignore PATH]... [-key NAME]... A.json B.json")
		os.Exit(2)
	}
	a, err := load(flag.Arg(0))
	if err == nil {
		var b any
		if b, err = load(flag.Arg(1)); err == nil {
			var out []string
			diff("", a, b, skip, &out)
			for _, l := range out {
				fmt.Println(l)
			}
			if len(out) > 0 {
				os.Exit(1)
			}
			return
		}
	}
	fmt.Fprintln(os.Stderr, "jsoncmp:", err)
	os.Exit(2)
}
