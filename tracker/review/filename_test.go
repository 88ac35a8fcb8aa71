package review

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A review file is named for the person who wrote it and the day: the
// first name, lower case, Latin letters without accents, other scripts
// kept, nothing that could leave the folder or hide.
func TestFileName(t *testing.T) {
	day := time.Date(2026, 12, 6, 15, 0, 0, 0, time.UTC)
	for name, want := range map[string]string{
		"Maria Fernández-Oyelaran, Head of Platform Engineering and Site Reliability": "review-response-maria-2026-12-06.json",
		"Zoë Łukasiewicz 王":      "review-response-zoe-2026-12-06.json",
		"Łukasz Żółć":            "review-response-lukasz-2026-12-06.json",
		"Dr. Ana Lima":           "review-response-ana-2026-12-06.json",
		"Anne-Marie O'Neil":      "review-response-anne-marie-2026-12-06.json",
		"王小明":                    "review-response-王小明-2026-12-06.json",
		"Дмитрий Иванов":         "review-response-дмитрий-2026-12-06.json",
		"محمد علي":               "review-response-محمد-2026-12-06.json",
		"अनिल कुमार":             "review-response-अनिल-2026-12-06.json",
		"Søren Kierkegaard":      "review-response-soren-2026-12-06.json",
		"../../etc/passwd":       "review-response-etcpasswd-2026-12-06.json",
		"Sam\u200b\u202eLead":    "review-response-samlead-2026-12-06.json",
		"":                       "review-response-2026-12-06.json",
		"  ...  ":                "review-response-2026-12-06.json",
		"ＭＡＲＩＡ Full-width":       "review-response-maria-2026-12-06.json",
		"Jürgen":                 "review-response-jurgen-2026-12-06.json",
		strings.Repeat("a", 300): "review-response-" + strings.Repeat("a", 40) + "-2026-12-06.json",
	} {
		got := FileName(ResponseFile, name, day)
		if got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
		if filepath.Base(got) != got || strings.ContainsAny(got, `/\:*?"<>| `) {
			t.Errorf("%q: %q is not a plain file name", name, got)
		}
	}
	if got := FileName(RequestFile, "Ana Lima", day); got != "review-request-ana-2026-12-06.json" {
		t.Errorf("request: %q", got)
	}
}
