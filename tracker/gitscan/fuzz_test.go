package gitscan

import (
	"bufio"
	"bytes"
	"testing"
)

// nopSink counts what parseLog hands it.
type nopSink struct{ commits, files int }

func (s *nopSink) header(h logHeader) (bool, error) {
	s.commits++
	return true, nil
}
func (s *nopSink) file([]byte) { s.files++ }
func (s *nopSink) end()        {}

// FuzzLogParser: whatever git log's output holds, parsing it returns an
// error or counts, never a panic; well-formed output is read whole.
func FuzzLogParser(f *testing.F) {
	h := "0123456789abcdef0123456789abcdef01234567"
	f.Add([]byte("\x01" + h + "\x001700000000\x00me@example.com\x001700000000 +0100\x00Subject\x00\nmain.tf\x00a/b c.yml\x00" +
		"\x01" + h + "\x001700000000\x00me@example.com\x001700000000 -0230\x00Empty\x00"))
	f.Add([]byte("\x01" + h + "\x001\x00e\x00x\x00s"))
	f.Add([]byte("stray\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s nopSink
		_ = parseLog(bufio.NewReaderSize(bytes.NewReader(b), 16), &s)
	})
}

// TestParseLog: a commit's header, its files, a commit without files and
// a token longer than the reader's buffer.
func TestParseLog(t *testing.T) {
	h := "0123456789abcdef0123456789abcdef01234567"
	long := string(bytes.Repeat([]byte("x"), 100))
	in := "\x01" + h + "\x001700000000\x00me@example.com\x001700000000 +0100\x00" + long + "\x00\nmain.tf\x00" + long + ".tf\x00" +
		"\x01" + h + "\x001700000000\x00me@example.com\x001700000000 -0230\x00Empty\x00"
	var s nopSink
	if err := parseLog(bufio.NewReaderSize(bytes.NewReader([]byte(in)), 16), &s); err != nil || s.commits != 2 || s.files != 2 {
		t.Errorf("%v: %d commits, %d files; want 2, 2", err, s.commits, s.files)
	}
	if err := parseLog(bufio.NewReader(bytes.NewReader([]byte("stray\x00"))), &s); err == nil {
		t.Error("output not starting with a commit was read")
	}
}
