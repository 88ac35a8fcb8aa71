package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"devpath/tracker"
	"devpath/tracker/review"
)

// bigRequestFile writes a request of n entries, as a crafted or very large
// request would come, and returns its path.
func bigRequestFile(t *testing.T, dir string, n int, change func(*review.Request)) string {
	t.Helper()
	r := review.Request{ID: strings.Repeat("5a", 16), CreatedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), Engineer: "Kim", Share: review.ShareAll,
		Stage: review.Ref{ID: "junior", Title: "Junior"}, Roadmap: review.RoadmapRef{ID: "devops", Version: 2, Title: "DevOps"}, Entries: make([]review.Entry, n)}
	for i := range r.Entries {
		r.Entries[i] = review.Entry{ID: fmt.Sprintf("entry-%05d", i), Title: fmt.Sprintf("Entry %d", i), Kind: "skill", Level: i % 5, Evidence: []review.Evidence{}}
	}
	r.Entries[0].Evidence = []review.Evidence{{Note: "A note", Link: "https://example.com/a", Date: "2025-05-01"}}
	if change != nil {
		change(&r)
	}
	file, err := review.EncodeRequest(r)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "big.json")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A request of 20,000 entries opens in a Review view whose list builds
// rows only for the entries in sight, in both the Review view and the
// comparison; an entry far down is rated as any other.
func TestBigRequestOpensWithAVirtualList(t *testing.T) {
	r := newRevRig(t)
	const n = 20000
	v := r.openView(bigRequestFile(t, r.dir, n, nil))
	if v.list == nil || v.list.Length() != n {
		t.Fatal("the Review view should list the entries in a widget.List")
	}
	if len(v.rowOf) == 0 || len(v.rowOf) > 100 {
		t.Fatalf("%d rows built for %d entries: the list should build only those in sight", len(v.rowOf), n)
	}
	last := rowFor(t, v, fmt.Sprintf("entry-%05d", n-1))
	last.level.SetSelectedIndex(1) // not started
	r.noErrors()
	rv, err := r.mgr.Review(v.rv.Request.ID)
	r.must(err)
	if got, ok := rv.Ratings[last.entry.ID]; !ok || got.Level != int(tracker.NotStarted) {
		t.Fatalf("the last entry's rating: %+v", rv.Ratings)
	}
	// Scrolling back shows the first entry as it was: showing a row
	// saves nothing.
	first := rowFor(t, v, "entry-00000")
	if first.level.SelectedIndex() != 0 || len(rv.Ratings) != 1 {
		t.Fatalf("the first entry shows option %d; %d ratings saved", first.level.SelectedIndex(), len(rv.Ratings))
	}
	if len(v.rowOf) > 100 {
		t.Fatalf("%d rows built after scrolling", len(v.rowOf))
	}

	cmp := tracker.Comparison{Reviewer: "Sam"}
	for i := range n {
		cmp.Entries = append(cmp.Entries, tracker.ComparedEntry{ID: fmt.Sprint(i), Title: fmt.Sprint("Entry ", i), Kind: "skill", Self: 2, Manager: 2})
	}
	s := showSideBySide(r.e, cmp, "ab:cd")
	var cells int
	walkObjects(r.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if _, ok := o.(*fitLabel); ok {
			cells++
		}
	})
	if rows, _ := s.table.Length(); s.table == nil || rows != n || cells == 0 || cells > 5*100 {
		t.Fatalf("the comparison should show %d entries in a virtual table: %d cells built", n, cells)
	}
}
