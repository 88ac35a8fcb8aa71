package cli

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"devpath/roadmap"
	"devpath/tracker"
)

func TestParseArgsInterleaved(t *testing.T) {
	cases := []struct {
		args      []string
		level     string
		note      string
		json      bool
		pos       []string
		errSubstr string
		wantHelp  bool
	}{
		{args: []string{"aws-iam", "--level", "2"}, level: "2", pos: []string{"aws-iam"}},
		{args: []string{"--level", "2", "aws-iam"}, level: "2", pos: []string{"aws-iam"}},
		{args: []string{"--level=2", "aws-iam", "--json"}, level: "2", json: true, pos: []string{"aws-iam"}},
		{args: []string{"-level", "4", "a", "--note", "did it", "b"}, level: "4", note: "did it", pos: []string{"a", "b"}},
		{args: []string{"--note", "--level", "x"}, note: "--level", pos: []string{"x"}},
		{args: []string{"--json=false", "x"}, pos: []string{"x"}},
		{args: []string{"a", "--", "--level", "3"}, pos: []string{"a", "--level", "3"}},
		{args: []string{"-", "a"}, pos: []string{"-", "a"}},
		{args: []string{"--level", "1", "--level", "2"}, level: "2"},
		{args: []string{"a", "--level"}, errSubstr: "flag --level needs a value"},
		{args: []string{"--levle", "2"}, errSubstr: "unknown flag --levle; did you mean --level?"},
		{args: []string{"---level", "2"}, errSubstr: "is not a flag"},
		{args: []string{"--=x"}, errSubstr: "is not a flag"},
		{args: []string{"--json=maybe"}, errSubstr: `invalid value "maybe" for --json`},
		{args: []string{"a", "-h"}, wantHelp: true},
		{args: []string{"--help", "--level", "2"}, wantHelp: true},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			fs := newFlagSet("test")
			level := fs.String("level", "", "")
			note := fs.String("note", "", "")
			asJSON := fs.Bool("json", false, "")
			pos, err := parseArgs(fs, c.args)
			switch {
			case c.wantHelp:
				if !errors.Is(err, errHelp) {
					t.Fatalf("err = %v, want errHelp", err)
				}
				return
			case c.errSubstr != "":
				var ue *usageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.errSubstr) {
					t.Fatalf("err = %v, want a usage error with %q", err, c.errSubstr)
				}
				return
			case err != nil:
				t.Fatalf("unexpected error: %v", err)
			}
			if *level != c.level || *note != c.note || *asJSON != c.json {
				t.Errorf("level %q note %q json %v, want %q %q %v", *level, *note, *asJSON, c.level, c.note, c.json)
			}
			if len(pos) != len(c.pos) || (len(pos) > 0 && !reflect.DeepEqual(pos, c.pos)) {
				t.Errorf("positional %q, want %q", pos, c.pos)
			}
		})
	}
}

func TestParseGlobal(t *testing.T) {
	g, rest, err := ParseGlobal([]string{"--db", "x.db", "--roadmap=r.yaml", "tick", "--db", "y"})
	if err != nil {
		t.Fatal(err)
	}
	if g.DB != "x.db" || g.Roadmap != "r.yaml" || !reflect.DeepEqual(rest, []string{"tick", "--db", "y"}) {
		t.Errorf("got %+v rest %q", g, rest)
	}
	g, rest, err = ParseGlobal([]string{"help"})
	if err != nil || !g.Help || len(rest) != 0 {
		t.Errorf("help: %+v %q %v", g, rest, err)
	}
	g, rest, err = ParseGlobal([]string{"help", "tick"})
	if err != nil || g.Help || !reflect.DeepEqual(rest, []string{"help", "tick"}) {
		t.Errorf("help tick: %+v %q %v", g, rest, err)
	}
}

func TestMoneyAndBands(t *testing.T) {
	cases := []struct{ got, want string }{
		{roadmap.Money(0, "uk"), "£0"},
		{roadmap.Money(999, "uk"), "£999"},
		{roadmap.Money(40000, "uk"), "£40,000"},
		{roadmap.Money(130000, "us"), "$130,000"},
		{roadmap.Money(1234567, "us"), "$1,234,567"},
		{roadmap.Money(-5000, "uk"), "-£5,000"},
		{plural(1, "entry"), "1 entry"},
		{plural(3, "entry"), "3 entries"},
		{plural(2, "stage"), "2 stages"},
		{plural(0, "month"), "0 months"},
		{signed(2.5), "+2.5"},
		{signed(-1), "-1.0"},
		{signed(0), "+0.0"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestStoreErrorsInWords(t *testing.T) {
	const path = "/data/devpath.db"
	cases := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("set level: %w", tracker.ErrReadOnly), "the database /data/devpath.db is read-only; nothing was changed"},
		{fmt.Errorf("open %s: %w", path, tracker.ErrNotDevpath), "/data/devpath.db is not a devpath database"},
		{fmt.Errorf("open %s: %w", path, tracker.ErrDamaged), "/data/devpath.db is damaged"},
		{fmt.Errorf("open %s: %w", path, tracker.ErrDamaged), "run 'devpath restore'"},
		{fmt.Errorf("undo: %w", tracker.ErrNothingToUndo), "nothing to undo"},
		{errors.New("disk full\nwhile writing"), "disk full; while writing"},
	}
	for _, c := range cases {
		err := storeError(path, c.err)
		var f *failure
		if !errors.As(err, &f) || len(f.lines) != 1 || !strings.Contains(f.lines[0], c.want) || strings.Contains(f.lines[0], "\n") {
			t.Errorf("storeError(%v) = %v, want one line with %q", c.err, err, c.want)
		}
	}
	if storeError(path, nil) != nil {
		t.Error("storeError(nil) is not nil")
	}
	ue := usagef("bad")
	if storeError(path, ue) != ue {
		t.Error("a usage error must pass through unchanged")
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"junior", "mid", "senior", "lead", "staff"}
	if got := closest("senoir", ids, 2); len(got) == 0 || got[0] != "senior" {
		t.Errorf("closest(senoir) = %q", got)
	}
	if got := closest("Junior", ids, 1); !reflect.DeepEqual(got, []string{"junior"}) {
		t.Errorf("closest(Junior) = %q", got)
	}
	if got := closest("kubernetes", ids, 3); len(got) != 0 {
		t.Errorf("closest(kubernetes) = %q, want nothing", got)
	}
	if got := closest("", ids, 3); len(got) != 0 {
		t.Errorf("closest(\"\") = %q, want nothing", got)
	}
}
