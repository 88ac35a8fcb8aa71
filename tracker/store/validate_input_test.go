package store

import (
	"devpath/tracker"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	today := time.Date(2026, 3, 15, 23, 59, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		wantErr string
	}{
		{"2026-03-15", time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), ""},
		{"2020-02-29", time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC), ""},
		{"2026-13-01", time.Time{}, `date "2026-13-01" is not a valid date (use YYYY-MM-DD)`},
		{"2026-02-30", time.Time{}, `date "2026-02-30" is not a valid date (use YYYY-MM-DD)`},
		{"2026-3-1", time.Time{}, `date "2026-3-1" is not a valid date (use YYYY-MM-DD)`},
		{"15/03/2026", time.Time{}, `date "15/03/2026" is not a valid date (use YYYY-MM-DD)`},
		{"2026-03-15T10:00:00Z", time.Time{}, "is not a valid date"},
		{" 2026-03-15", time.Time{}, "is not a valid date"},
		{"", time.Time{}, "no date given (use YYYY-MM-DD)"},
		{"2026-03-16", time.Time{}, "date 2026-03-16 is in the future"},
		{"2027-01-01", time.Time{}, "date 2027-01-01 is in the future"},
		{"1899-12-31", time.Time{}, "too far in the past"},
	}
	for _, tc := range tests {
		got, err := tracker.ParseDate(tc.in, today)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr && !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseDate(%q) = %v, %v; want error %q", tc.in, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseDateTodayInLocalZone(t *testing.T) {
	// 00:30 on 16 March in UTC+2 is still 15 March in UTC; the calendar day
	// of today in its own zone counts.
	zone := time.FixedZone("UTC+2", 2*3600)
	today := time.Date(2026, 3, 16, 0, 30, 0, 0, zone)
	if _, err := tracker.ParseDate("2026-03-16", today); err != nil {
		t.Errorf("today in the user's zone rejected: %v", err)
	}
	if _, err := tracker.ParseDate("2026-03-17", today); err == nil {
		t.Error("tomorrow accepted")
	}
}

func TestValidateLink(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{"", ""},
		{"https://example.com", ""},
		{"http://example.com/a/b?c=d#e", ""},
		{"HTTPS://Example.com/x", ""},
		{"https://[::1]:8080/x", ""},
		{"ftp://x", `link "ftp://x" must start with http:// or https://`},
		{"javascript:alert(1)", `link "javascript:alert(1)" must start with http:// or https://`},
		{"file:///etc/passwd", "must start with http:// or https://"},
		{"example.com", "must start with http:// or https://"},
		{"/relative/path", "must start with http:// or https://"},
		{"https://", "has no host"},
		{"http:///path", "has no host"},
		{"https://exa mple.com", "not a valid web address"},
		{"https://example.com/a b", "must not contain spaces"},
		{" https://example.com", "must not start or end with spaces"},
		{"https://example.com/\x00", "not a valid web address"},
		{"https://example.com/" + strings.Repeat("a", tracker.MaxLinkLen), "too long"},
	}
	for _, tc := range tests {
		err := tracker.ValidateLink(tc.in)
		if tc.wantErr == "" {
			if err != nil {
				t.Errorf("ValidateLink(%q) = %v, want nil", tc.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("ValidateLink(%q) = %v, want error containing %q", tc.in, err, tc.wantErr)
		}
	}
}

// TestSaveProfileJudgesOnlyChangedFields: a stage date entered as today at
// UTC+14 is tomorrow at UTC-12; there, editing the name must not fail on
// that date, while a new stage date of tomorrow is still refused.
func TestSaveProfileJudgesOnlyChangedFields(t *testing.T) {
	instant := time.Date(2026, 3, 15, 11, 0, 0, 0, time.UTC)
	ahead := instant.In(time.FixedZone("UTC+14", 14*3600))   // 16 March, 01:00
	behind := instant.In(time.FixedZone("UTC-12", -12*3600)) // 14 March, 23:00
	path := filepath.Join(testDir(t), "devpath.db")

	s, err := OpenWith(path, Options{Now: func() time.Time { return ahead }})
	if err != nil {
		t.Fatal(err)
	}
	since := time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)
	if err := s.SaveProfile(tracker.Profile{Name: "x", Stage: "junior", Region: "uk", StageSince: since}); err != nil {
		t.Fatalf("today at UTC+14: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = OpenWith(path, Options{Now: func() time.Time { return behind }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Profile()
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "y"
	if err := s.SaveProfile(p); err != nil {
		t.Fatalf("editing the name at UTC-12 failed on the stored stage date: %v", err)
	}
	if got, _ := s.Profile(); got.Name != "y" || !got.StageSince.Equal(since) {
		t.Errorf("profile %+v after the edit", got)
	}
	// The field being changed is still judged, in this machine's zone.
	p.Name, p.CareerStart = "y", time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)
	if err := s.SaveProfile(p); err == nil || !strings.Contains(err.Error(), "career start date: date 2026-03-16 is in the future") {
		t.Errorf("a career start of tomorrow: %v", err)
	}
}

func TestNoteRefusesControlCharacters(t *testing.T) {
	for _, note := range []string{"done\x1b[31m", "ring\a", "back\rspace", "nul\x00", "c1\u009b31m"} {
		if err := tracker.CheckNote(note); err == nil || !strings.Contains(err.Error(), "control character") {
			t.Errorf("validateNote(%q) = %v", note, err)
		}
	}
	for _, note := range []string{"two\nlines", "tab\tbed", "windows\r\nlines", "Ødegård ✓"} {
		if err := tracker.CheckNote(note); err != nil {
			t.Errorf("validateNote(%q) = %v", note, err)
		}
	}
}

func TestVisible(t *testing.T) {
	tests := []struct{ in, line, text string }{
		{"plain Ødegård", "plain Ødegård", "plain Ødegård"},
		{"a\x1b[31mb\a", `a\x1b[31mb\x07`, `a\x1b[31mb\x07`},
		{"one\ntwo\tthree\r", `one\x0atwo\x09three\x0d`, "one\ntwo\tthree\\x0d"},
		{"rtl\u202eevil", `rtl\u202eevil`, `rtl\u202eevil`},
		{"c1\u009b", `c1\u009b`, `c1\u009b`},
		{"bad\xffbyte", `bad\xffbyte`, `bad\xffbyte`},
	}
	for _, tc := range tests {
		if got := tracker.Visible(tc.in); got != tc.line {
			t.Errorf("Visible(%q) = %q, want %q", tc.in, got, tc.line)
		}
		if got := tracker.VisibleText(tc.in); got != tc.text {
			t.Errorf("VisibleText(%q) = %q, want %q", tc.in, got, tc.text)
		}
	}
}

// TestVisibleWriterKeepsSplitCharacters: a character cut between two writes
// comes out whole, and an escape in any write comes out visible.
func TestVisibleWriterKeepsSplitCharacters(t *testing.T) {
	var out strings.Builder
	w := tracker.NewVisibleWriter(&out)
	in := []byte("Ø\x1b[2J é\u009b")
	for i := range in {
		if _, err := w.Write(in[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := `Ø\x1b[2J é\u009b`; out.String() != want {
		t.Errorf("wrote %q, want %q", out.String(), want)
	}
}
