package review

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// goodRequest is a request as devpath writes it.
func goodRequest() Request {
	ev := 62.5
	return Request{ID: strings.Repeat("ab", 16), CreatedAt: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC), Engineer: "Ana Lima", Share: ShareAll,
		Stage: Ref{ID: "junior", Title: "Junior DevOps Engineer"}, Next: &Ref{ID: "mid", Title: "Mid-level"},
		Roadmap: RoadmapRef{ID: "devops", Version: 2, Title: "DevOps Career Path"}, Readiness: Scores{Claimed: 40, Evidenced: &ev},
		Entries: []Entry{
			{ID: "tf-modules", Title: "Modules", Kind: "skill", Group: "Terraform", Level: 3,
				Evidence: []Evidence{{Note: "Wrote the VPC module\nused by two teams", Link: "https://git.example.com/vpc", Date: "2025-05-02", Level: 3}}},
			{ID: "junior-ready-on-call", Title: "On call", Kind: "criterion", Level: 3, Evidence: []Evidence{}},
		}}
}

// Every field of a request is held to what devpath writes; each refusal
// names the field in one line.
func TestRequestFieldsAreChecked(t *testing.T) {
	neg := -1.0
	for what, c := range map[string]struct {
		change func(r *Request)
		field  string
	}{
		"bidi override in the stage title": {func(r *Request) { r.Stage.Title = "Junior \u202eenigne" }, "the stage's title"},
		"isolate in the next level":        {func(r *Request) { r.Next.Title = "Mid\u2067" }, "the next level's title"},
		"new line in the roadmap title":    {func(r *Request) { r.Roadmap.Title = "DevOps\nForged line" }, "the roadmap's title"},
		"empty stage title":                {func(r *Request) { r.Stage.Title = "" }, "the stage's title"},
		"stage id with a slash":            {func(r *Request) { r.Stage.ID = "../junior" }, "the stage's id"},
		"roadmap id too long":              {func(r *Request) { r.Roadmap.ID = strings.Repeat("a", 201) }, "the roadmap's id"},
		"roadmap version 0":                {func(r *Request) { r.Roadmap.Version = 0 }, "the roadmap's version"},
		"engineer with a direction mark":   {func(r *Request) { r.Engineer = "Ana\u200f" }, "the engineer's name"},
		"entry id with capitals":           {func(r *Request) { r.Entries[0].ID = "TF-Modules" }, "entry 1's id"},
		"entry id with a bidi override":    {func(r *Request) { r.Entries[0].ID = "tf\u202emodules" }, "entry 1's id"},
		"repeated entry id":                {func(r *Request) { r.Entries[1].ID = "tf-modules" }, "entry 2 (tf-modules)"},
		"unknown kind":                     {func(r *Request) { r.Entries[0].Kind = "<script>" }, "entry 1 (tf-modules), kind"},
		"criterion at level 2":             {func(r *Request) { r.Entries[1].Level = 2 }, "entry 2 (junior-ready-on-call), level"},
		"level 5":                          {func(r *Request) { r.Entries[0].Level = 5 }, "entry 1 (tf-modules), level"},
		"title of 1001 characters":         {func(r *Request) { r.Entries[0].Title = strings.Repeat("x", 1001) }, "entry 1 (tf-modules), title"},
		"tab in a group":                   {func(r *Request) { r.Entries[0].Group = "a\tb" }, "entry 1 (tf-modules), group"},
		"javascript link":                  {func(r *Request) { r.Entries[0].Evidence[0].Link = "javascript:alert(1)" }, "entry 1 (tf-modules), evidence 1, link"},
		"file link":                        {func(r *Request) { r.Entries[0].Evidence[0].Link = "file:///etc/passwd" }, "entry 1 (tf-modules), evidence 1, link"},
		"link without a host":              {func(r *Request) { r.Entries[0].Evidence[0].Link = "https:///x" }, "entry 1 (tf-modules), evidence 1, link"},
		"link with a space":                {func(r *Request) { r.Entries[0].Evidence[0].Link = "https://a.example/ b" }, "entry 1 (tf-modules), evidence 1, link"},
		"date not a date":                  {func(r *Request) { r.Entries[0].Evidence[0].Date = "yesterday" }, "entry 1 (tf-modules), evidence 1, date"},
		"date in year 9999":                {func(r *Request) { r.Entries[0].Evidence[0].Date = "9999-12-31" }, "entry 1 (tf-modules), evidence 1, date"},
		"bidi in a note":                   {func(r *Request) { r.Entries[0].Evidence[0].Note = "ok\u202e" }, "entry 1 (tf-modules), evidence 1, note"},
		"evidence level 9":                 {func(r *Request) { r.Entries[0].Evidence[0].Level = 9 }, "entry 1 (tf-modules), evidence 1, level"},
		"negative score":                   {func(r *Request) { r.Readiness.Evidenced = &neg }, "the evidenced readiness"},
		"score over 100":                   {func(r *Request) { r.Readiness.Claimed = 1e9 }, "the claimed readiness"},
		"created in year 1":                {func(r *Request) { r.CreatedAt = time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC) }, "the request's date"},
		"too many entries": {func(r *Request) {
			for i := range MaxEntries {
				r.Entries = append(r.Entries, Entry{ID: fmt.Sprintf("e%d", i), Title: "E", Kind: "skill", Evidence: []Evidence{}})
			}
		}, "the entries"},
		"too much evidence on an entry": {func(r *Request) {
			for range MaxEvidencePerEntry {
				r.Entries[0].Evidence = append(r.Entries[0].Evidence, r.Entries[0].Evidence[0])
			}
		}, "entry 1 (tf-modules)"},
	} {
		r := goodRequest()
		c.change(&r)
		file, err := EncodeRequest(r)
		if err != nil {
			t.Fatal(err)
		}
		_, err = DecodeRequest(file)
		var ce *CheckError
		if !errors.As(err, &ce) || !errors.Is(err, ErrIncomplete) {
			t.Errorf("%s: %v", what, err)
			continue
		}
		if ce.Field != c.field || strings.ContainsAny(err.Error(), "\n\t\u202e\u2067\u200f") {
			t.Errorf("%s: the refusal names %q, want %q: %q", what, ce.Field, c.field, err)
		}
	}
	file, err := EncodeRequest(goodRequest())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeRequest(file); err != nil {
		t.Fatalf("a request as devpath writes it: %v", err)
	}
}

// bigRequest is a request of n entries with evidence, about 90 bytes of
// file per entry: what a crafted request that still passes every check
// can make the manager's devpath open.
func bigRequest(n int) Request {
	r := goodRequest()
	r.Entries = make([]Entry, n)
	for i := range r.Entries {
		r.Entries[i] = Entry{ID: fmt.Sprintf("entry-%05d", i), Title: fmt.Sprintf("Entry %d", i), Kind: "skill", Level: i % 5,
			Evidence: []Evidence{{Note: "n", Date: "2025-01-01"}}}
	}
	return r
}

// A request of 20,000 entries, within every limit, is read and checked
// whole: the limits leave room for far more than any roadmap holds. (How
// fast the window opens it is the window test's to measure.)
func TestBigRequestWithinTheLimitsOpens(t *testing.T) {
	file, err := EncodeRequest(bigRequest(20000))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r, err := DecodeRequest(file)
	if err != nil || len(r.Entries) != 20000 {
		t.Fatalf("%d entries: %v", len(r.Entries), err)
	}
	t.Logf("%d bytes read and checked in %v", len(file), time.Since(start))
}
