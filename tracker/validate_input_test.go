package tracker

import (
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
		got, err := ParseDate(tc.in, today)
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
	if _, err := ParseDate("2026-03-16", today); err != nil {
		t.Errorf("today in the user's zone rejected: %v", err)
	}
	if _, err := ParseDate("2026-03-17", today); err == nil {
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
		{"https://example.com/" + strings.Repeat("a", MaxLinkLen), "too long"},
	}
	for _, tc := range tests {
		err := ValidateLink(tc.in)
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
