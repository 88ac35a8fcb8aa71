package roadmap

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds Load arbitrary input. Load must never panic, and whatever
// it accepts must validate and come back equal from its JSON form.
func FuzzLoad(f *testing.F) {
	for _, pattern := range []string{"testdata/*.yaml", "testdata/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{
		minimalYAML,
		minimalYAML + "readiness: {ready: 90, close: 0}\n",
		`{"version": 1, "id": "m", "title": "M", "stages": [{"id": "s", "title": "S"}]}`,
		"a: &a [1]\nb: *a\n",
		"version: 1\n---\nversion: 2\n",
		"{\"stages\": [[[[[[[[",
		"title: \"\\xff\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Load(data)
		if err != nil {
			if r != nil {
				t.Fatalf("Load returned a roadmap and the error %v", err)
			}
			if err.Error() == "" {
				t.Fatal("Load returned an empty error message")
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("Load accepted a roadmap that does not validate: %v", err)
		}
		j, err := r.JSON()
		if err != nil {
			t.Fatalf("JSON() of an accepted roadmap: %v", err)
		}
		if len(j) > MaxFileSize {
			return // the indented JSON of a huge roadmap may exceed the limit
		}
		back, err := Load(j)
		if err != nil {
			t.Fatalf("the JSON form does not load: %v\n%s", err, j)
		}
		if !equalRoadmaps(r, back) {
			t.Fatalf("roadmap changed on its way through JSON:\n%s", j)
		}
		j2, err := back.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(j, j2) {
			t.Fatalf("JSON() not stable:\n%s\n---\n%s", j, j2)
		}
		for _, e := range r.Entries() {
			if got, ok := r.Lookup(e.Item.ID); !ok || got.Item.ID != e.Item.ID {
				t.Fatalf("Lookup(%q) = %v, %v", e.Item.ID, got, ok)
			}
		}
	})
}
