package main

import (
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
)

// The layout's rules, checked on the source itself (docs/development.md,
// "Layout"): each is a list of what breaks it, so that a change that
// breaks one fails here by file and line.

// isStoreImport reports the packages only the stores below the core may
// use (GORM, pgx, database/sql, the SQLite store): the window and the
// command line reach a database through the core.
func isStoreImport(im string) bool {
	return strings.HasPrefix(im, "gorm.io/") || strings.HasPrefix(im, "github.com/jackc/pgx") ||
		im == "database/sql" || im == "devpath/tracker/store"
}

// maxFileLines bounds a non-test Go file of ui/, tracker/ and roadmap/.
const maxFileLines = 600

// goFile is one parsed Go file of the module.
type goFile struct {
	path string // slash-separated, from the module root
	test bool
	ast  *ast.File
	fset *token.FileSet
	src  []byte
}

// moduleFiles parses every Go file under the module's top-level folders
// (testdata and hidden folders aside).
func moduleFiles(t *testing.T) []goFile {
	t.Helper()
	var files []goFile
	for _, top := range []string{"roadmap", "tracker", "ui", "assets"} {
		err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") {
				return nil
			}
			f, err := parseGoFile(p)
			if err != nil {
				return err
			}
			files = append(files, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	main, err := parseGoFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	return append(files, main)
}

func parseGoFile(p string) (goFile, error) {
	src, err := os.ReadFile(p)
	if err != nil {
		return goFile{}, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
	if err != nil {
		return goFile{}, err
	}
	return goFile{path: filepath.ToSlash(p), test: strings.HasSuffix(p, "_test.go"), ast: f, fset: fset, src: src}, nil
}

// imports lists the file's imports.
func (f goFile) imports() []string {
	var out []string
	for _, im := range f.ast.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		out = append(out, p)
	}
	return out
}

func (f goFile) in(dir string) bool { return strings.HasPrefix(f.path, dir+"/") }

// layoutProblems lists what in files breaks the layout's rules.
func layoutProblems(files []goFile) []string {
	var probs []string
	for _, f := range files {
		dir := filepath.ToSlash(filepath.Dir(f.path))
		for _, im := range f.imports() {
			switch {
			case f.in("ui") && isStoreImport(im):
				probs = append(probs, fmt.Sprintf("%s imports %s: the window and the command line reach the database through the core (tracker/core)", f.path, im))
			case dir == "tracker" && !f.test && (strings.HasPrefix(im, "gorm.io/") || im == "database/sql" || im == "devpath/tracker/store"):
				probs = append(probs, fmt.Sprintf("%s imports %s: the rules (package tracker) know no database", f.path, im))
			case f.in("roadmap") && strings.HasPrefix(im, "devpath/tracker"):
				probs = append(probs, fmt.Sprintf("%s imports %s: roadmap/ is below tracker/", f.path, im))
			case (f.in("roadmap") || f.in("tracker")) && strings.HasPrefix(im, "fyne.io/"):
				probs = append(probs, fmt.Sprintf("%s imports %s: only ui/ knows the window", f.path, im))
			}
		}
		if f.test {
			continue
		}
		if n := strings.Count(string(f.src), "\n"); n > maxFileLines && (f.in("ui") || f.in("tracker") || f.in("roadmap")) {
			probs = append(probs, fmt.Sprintf("%s has %d lines, over %d: split it by what its parts do", f.path, n, maxFileLines))
		}
		probs = append(probs, errorTextMatches(f)...)
	}
	return probs
}

// textFuncs are the functions that search or compare text (not those
// that only lay it out, such as splitting a message into lines).
var textFuncs = map[string]bool{
	"Contains": true, "HasPrefix": true, "HasSuffix": true, "Index": true, "LastIndex": true,
	"TrimPrefix": true, "TrimSuffix": true, "CutPrefix": true, "CutSuffix": true, "Cut": true, "EqualFold": true,
	"Compare": true, "MatchString": true, "FindStringSubmatch": true,
}

// errorTextMatches lists where f recognises an error by its text: an
// error's Error() (or a variable set from one in the same function)
// compared with ==, != or a switch, or handed to a function that searches
// or compares text.
func errorTextMatches(f goFile) []string {
	var out []string
	report := func(n ast.Node) {
		out = append(out, fmt.Sprintf("%s:%d recognises an error by its text: give it a code (tracker.Error) and compare that",
			f.path, f.fset.Position(n.Pos()).Line))
	}
	for _, d := range f.ast.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		// Variables holding an error's text, in this function.
		tainted := map[string]bool{}
		isText := func(e ast.Expr) bool {
			found := false
			ast.Inspect(e, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" && len(n.Args) == 0 {
						found = true
					}
				case *ast.Ident:
					if tainted[n.Name] {
						found = true
					}
				case *ast.FuncLit:
					return false
				}
				return !found
			})
			return found
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, rhs := range n.Rhs {
					if i < len(n.Lhs) && isText(rhs) && !splits(rhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok {
							tainted[id.Name] = true
						}
					}
				}
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) && !isNil(n.X) && !isNil(n.Y) && (isText(n.X) || isText(n.Y)) {
					report(n)
				}
			case *ast.SwitchStmt:
				if n.Tag != nil && isText(n.Tag) {
					report(n)
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || !textFuncs[sel.Sel.Name] {
					return true
				}
				if pkg, ok := sel.X.(*ast.Ident); ok && (pkg.Name == "strings" || pkg.Name == "bytes") || sel.Sel.Name == "MatchString" || sel.Sel.Name == "FindStringSubmatch" {
					if slices.ContainsFunc(n.Args, isText) {
						report(n)
					}
				}
			}
			return true
		})
	}
	return out
}

// splits reports a call that cuts text into pieces (strings.Split,
// SplitN, Fields): what it returns is a list of lines to lay out, not a
// text to compare.
func splits(e ast.Expr) bool {
	c, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	return ok && (sel.Sel.Name == "Split" || sel.Sel.Name == "SplitN" || sel.Sel.Name == "Fields")
}

// isNil reports the identifier nil: comparing an error (which Error() may
// also name, as csv.Writer.Error does) with nil reads no text.
func isNil(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "nil"
}

// TestLayout: the window and the command line reach no database but
// through the core; the rules know no database; roadmap/ imports nothing
// above it; no file is too long to read; no error is recognised by its
// text.
func TestLayout(t *testing.T) {
	for _, p := range layoutProblems(moduleFiles(t)) {
		t.Error(p)
	}
}

// TestLayoutFindsWhatBreaksIt feeds the checks files that break each rule,
// so that TestLayout cannot pass by checking nothing.
func TestLayoutFindsWhatBreaksIt(t *testing.T) {
	dir := t.TempDir()
	long := "package ui\n" + strings.Repeat("// line\n", maxFileLines+1)
	cases := []struct{ path, src, want string }{
		{"ui/screen.go", "package ui\nimport _ \"devpath/tracker/store\"\n", "reach the database through the core"},
		{"ui/cli/cmd_test.go", "package cli\nimport _ \"gorm.io/gorm\"\n", "reach the database through the core"},
		{"ui/team.go", "package ui\nimport _ \"github.com/jackc/pgx/v5\"\n", "reach the database through the core"},
		{"ui/sql.go", "package ui\nimport _ \"database/sql\"\n", "reach the database through the core"},
		{"tracker/rules.go", "package tracker\nimport _ \"gorm.io/gorm\"\n", "know no database"},
		{"roadmap/load.go", "package roadmap\nimport _ \"devpath/tracker/safefile\"\n", "roadmap/ is below tracker/"},
		{"tracker/draw.go", "package tracker\nimport _ \"fyne.io/fyne/v2\"\n", "only ui/ knows the window"},
		{"ui/long.go", long, "over 600"},
		{"ui/a.go", "package ui\nfunc f(err error) bool { return err.Error() == \"x\" }\n", "by its text"},
		{"ui/b.go", "package ui\nimport \"strings\"\nfunc f(err error) bool { return strings.Contains(err.Error(), \"x\") }\n", "by its text"},
		{"ui/c.go", "package ui\nimport \"strings\"\nfunc f(err error) bool { msg := err.Error(); return strings.HasPrefix(msg, \"x\") }\n", "by its text"},
		{"tracker/d.go", "package tracker\nfunc f(err error) int { switch err.Error() { case \"x\": return 1 }; return 0 }\n", "by its text"},
		{"roadmap/e.go", "package roadmap\nimport \"strings\"\nfunc f(err error) string { return strings.TrimPrefix(err.Error(), \"yaml: \") }\n", "by its text"},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(c.src), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := parseGoFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f.path = c.path
		probs := layoutProblems([]goFile{f})
		if !slices.ContainsFunc(probs, func(s string) bool { return strings.Contains(s, c.want) }) {
			t.Errorf("%s: %v; want a problem saying %q", c.path, probs, c.want)
		}
	}
	clean := "package ui\nimport (\"errors\"; \"devpath/tracker\")\nfunc f(err error) bool { return errors.Is(err, tracker.ErrNotFound) }\n"
	p := filepath.Join(dir, "clean.go")
	if err := os.WriteFile(p, []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := parseGoFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f.path = "ui/clean.go"
	if probs := layoutProblems([]goFile{f}); len(probs) > 0 {
		t.Errorf("a file that keeps the rules: %v", probs)
	}
}
