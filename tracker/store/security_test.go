package store

import (
	"devpath/tracker"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
)

// scIntegrity fails unless PRAGMA integrity_check on the store says ok.
func scIntegrity(t *testing.T, s *Store) {
	t.Helper()
	var res []string
	stMust(t, s.db.Raw("PRAGMA integrity_check").Scan(&res).Error)
	if !slices.Equal(res, []string{"ok"}) {
		t.Fatalf("integrity_check: %v", res)
	}
}

// TestDiskFullWriteFails fills the database up to a size limit (SQLite's
// max_page_count, which fails a write exactly as a full disk does) and
// checks that the write that does not fit is reported, leaves nothing
// behind, and that the database stays consistent and usable.
func TestDiskFullWriteFails(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	stMust(t, s.SaveProfile(tracker.Profile{Name: "Ada", Stage: "mid", Region: "uk", StageSince: stToday}))
	var pages, free int64
	stMust(t, s.db.Raw("PRAGMA page_count").Row().Scan(&pages))
	stMust(t, s.db.Raw("PRAGMA freelist_count").Row().Scan(&free))
	if free != 0 {
		t.Fatalf("%d free pages: a write could reuse them instead of growing the file", free)
	}
	events := len(stEvents(t, s))
	stMust(t, s.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)).Error)

	var saved []string
	var err error
	failed := ""
	for i := 0; i < 1000; i++ {
		id := fmt.Sprintf("skill-%03d", i)
		if err = s.SetLevel(id, tracker.Proficient, time.Time{}); err != nil {
			failed = id
			break
		}
		saved = append(saved, id)
	}
	if err == nil {
		t.Fatal("1000 levels fitted in a full database")
	}
	if !isCode(err, sqlite3.ErrFull) || !strings.Contains(err.Error(), "the disk is full; nothing was changed") ||
		!strings.Contains(err.Error(), failed) {
		t.Errorf("the failed write says %q; want the disk full, naming %s", err, failed)
	}
	_, evErr := s.AddEvidence(tracker.Evidence{ItemID: "skill-000", Note: strings.Repeat("long note ", 1000)})
	if !isCode(evErr, sqlite3.ErrFull) || !strings.Contains(evErr.Error(), "the disk is full") {
		t.Errorf("AddEvidence on a full disk: %v", evErr)
	}

	scIntegrity(t, s)
	p, err := s.Progress()
	stMust(t, err)
	for _, id := range saved {
		if p.State(id).Level != tracker.Proficient {
			t.Errorf("%s lost its level", id)
		}
	}
	if _, ok := p.Items[failed]; ok || len(p.Items) != len(saved) {
		t.Errorf("the write that failed left a row: %d rows, %d saved", len(p.Items), len(saved))
	}
	if n := len(stEvents(t, s)); n != events+len(saved) {
		t.Errorf("%d events, want %d: a failed write left an event", n, events+len(saved))
	}
	if ev, err := s.Evidence(""); err != nil || len(ev) != 0 {
		t.Errorf("evidence after the failed write: %+v, %v", ev, err)
	}

	// With room again the same write succeeds, and everything survives
	// reopening.
	stMust(t, s.db.Exec("PRAGMA max_page_count = 1073741823").Error)
	stMust(t, s.SetLevel(failed, tracker.Proficient, time.Time{}))
	stMust(t, s.Close())
	r := stOpenAt(t, path)
	scIntegrity(t, r)
	p, err = r.Progress()
	stMust(t, err)
	if len(p.Items) != len(saved)+1 || p.State(failed).Level != tracker.Proficient || p.Profile.Name != "Ada" {
		t.Errorf("after reopening: %d items, %s at %v", len(p.Items), failed, p.State(failed).Level)
	}
}

// forbiddenImports are packages that make network requests.
var forbiddenImports = []string{"net/http", "net/rpc", "net/smtp"}

// networkUses lists, for the Go file src, every import and call through
// which it could make a network connection of its own: the packages above,
// and Dial and Listen functions of net and crypto/tls.
func networkUses(name string, src []byte) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var uses []string
	local := map[string]string{} // local name -> net or crypto/tls
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return nil, err
		}
		for _, bad := range forbiddenImports {
			if p == bad || strings.HasPrefix(p, bad+"/") {
				uses = append(uses, fmt.Sprintf("%s imports %s", fset.Position(imp.Pos()), p))
			}
		}
		if p == "net" || p == "crypto/tls" {
			n := filepath.Base(p)
			if imp.Name != nil {
				n = imp.Name.Name
			}
			local[n] = p
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok || local[x.Name] == "" {
			return true
		}
		if strings.HasPrefix(sel.Sel.Name, "Dial") || strings.HasPrefix(sel.Sel.Name, "Listen") {
			uses = append(uses, fmt.Sprintf("%s uses %s.%s", fset.Position(sel.Pos()), local[x.Name], sel.Sel.Name))
		}
		return true
	})
	return uses, nil
}

func TestNetworkUsesFindsThem(t *testing.T) {
	for src, want := range map[string]int{
		"package p\nimport \"net/http\"\nvar _ = http.Get\n":                                                        1,
		"package p\nimport h \"net/http/httputil\"\nvar _ = h.DumpRequest\n":                                        1,
		"package p\nimport \"net\"\nfunc f() { net.Dial(\"tcp\", \"example.com:80\") }\n":                           1,
		"package p\nimport n \"net\"\nfunc f() { n.DialTimeout(\"tcp\", \"x:1\", 0); n.Listen(\"tcp\", \":0\") }\n": 2,
		"package p\nimport \"crypto/tls\"\nvar _ = tls.Dial\n":                                                      1,
		"package p\nimport \"net/url\"\nvar _ = url.Parse\n":                                                        0,
		"package p\nimport \"net\"\nvar _ = net.ParseIP\n":                                                          0,
	} {
		uses, err := networkUses("x.go", []byte(src))
		stMust(t, err)
		if len(uses) != want {
			t.Errorf("networkUses(%q) = %v, want %d", src, uses, want)
		}
	}
}

// TestNoNetworkRequests checks that devpath's own code makes no network
// requests: no Go file of the program (tests aside) imports an HTTP or
// other network client, or dials or listens. Opening a link the user
// clicked hands it to the system's browser, which is not checked here.
func TestNoNetworkRequests(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	stMust(t, err)
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !strings.HasPrefix(string(mod), "module devpath\n") {
		t.Fatalf("%s is not the devpath module: %v", root, err)
	}
	var files []string
	for _, dir := range []string{"roadmap", "tracker", "ui"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				files = append(files, p)
			}
			return nil
		})
		stMust(t, err)
	}
	files = append(files, filepath.Join(root, "main.go"))
	for _, want := range []string{"main.go", "tracker/store/store.go", "roadmap/roadmap.go", "ui/app.go", "ui/cli/cli.go"} {
		if !slices.Contains(files, filepath.Join(root, filepath.FromSlash(want))) {
			t.Errorf("%s was not checked", want)
		}
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		stMust(t, err)
		uses, err := networkUses(f, src)
		if err != nil {
			t.Errorf("parse %s: %v", f, err)
		}
		for _, u := range uses {
			t.Errorf("devpath must make no network requests of its own: %s", u)
		}
	}
}
