package roadmap

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"devpath/roadmap/internal/shingle"
)

// The roadmap and the documentation are derived from a seed text that is not
// part of the repository. Its facts, names and figures carry over exactly;
// its sentences do not: every description is written in devpath's own words.
// roadmap/testdata/seed-shingles.txt holds the hash of every run of
// shingle.Size consecutive words of the seed (written by
// roadmap/internal/seedprint), and TestNoSeedWording fails when a file of the
// repository shares such a run.

// seedShingles is the hash file, relative to this package's folder.
const seedShingles = "testdata/seed-shingles.txt"

// seedAllowed lists the only runs that may be shared with the seed, by their
// normalised text, each with why: lists of names and figures, which carry
// over exactly by design. Prose never belongs here; reword it instead. An
// entry that no file needs any more fails the test, so the list stays short.
var seedAllowed = map[string]string{
	// The AWS services of the Junior stage (roadmap/content_test.go checks
	// them; TestSeedScanFindsCopies uses them as its copied run).
	"ec2 vpc iam s3 rds cloudwatch ecs eks": "AWS service names",
	// The four specialisation branches in a row (the decision at Senior).
	"sre platform engineering ai infrastructure or cloud security": "branch names",
	// The Staff Engineer rung of the IC ladder: title, UK and US salary
	// bands, key milestone (ui/paths_test.go checks the Paths screen shows
	// them). A figure such as £110,000 is two words, "£110 000".
	"staff engineer £110 000 £140 000 $170 000":  "title and salaries",
	"engineer £110 000 £140 000 $170 000 $220":   "title and salaries",
	"£110 000 £140 000 $170 000 $220 000":        "salaries",
	"000 £140 000 $170 000 $220 000 multi":       "salaries and milestone",
	"£140 000 $170 000 $220 000 multi team":      "salaries and milestone",
	"000 $170 000 $220 000 multi team influence": "salaries and milestone",
}

// scannedExt are the text files the check reads.
var scannedExt = map[string]bool{
	".go": true, ".md": true, ".yaml": true, ".yml": true, ".json": true,
	".txt": true, ".toml": true, ".sh": true, ".tmpl": true,
}

// seedMatch is a run of words a file shares with the seed.
type seedMatch struct {
	File  string // slash-separated, relative to the scanned root
	Line  int
	Words string // the file's own text of the run
	Norm  string // its normalised words
}

func (m seedMatch) String() string {
	return fmt.Sprintf("%s:%d: %q", m.File, m.Line, m.Words)
}

// loadSeedShingles reads the hash file.
func loadSeedShingles(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the seed's hashes: %w", err)
	}
	defer f.Close()
	set := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		h := strings.TrimSpace(sc.Text())
		if len(h) != shingle.HashLen || strings.Trim(h, "0123456789abcdef") != "" {
			return nil, fmt.Errorf("%s:%d: %q is not a hash of %d hex digits", path, n, h, shingle.HashLen)
		}
		set[h] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the seed's hashes: %w", err)
	}
	return set, nil
}

// repoRoot returns the folder holding go.mod, above this package's folder.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the roadmap package")
		}
		dir = parent
	}
}

// scanForSeed walks root and returns every run of words that a scanned file
// shares with the seed, leaving out the allowed ones, and the number of files
// read. Runs that overlap in one file are reported as one, from the first
// shared word to the last. used records the allowed runs that were met.
func scanForSeed(root string, seed map[string]bool, allowed map[string]string, used map[string]bool) ([]seedMatch, int, error) {
	var matches []seedMatch
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			name := d.Name()
			switch {
			case rel == ".":
				return nil
			case strings.HasPrefix(name, ".") && name != ".ci",
				name == "testdata", name == "bin", name == "dist",
				rel == "docs/screenshots":
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || (!scannedExt[filepath.Ext(path)] && d.Name() != "Makefile") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(data, 0) >= 0 {
			return nil // binary
		}
		files++
		matches = append(matches, sharedRuns(rel, string(data), seed, allowed, used)...)
		return nil
	})
	return matches, files, err
}

// sharedRuns returns the runs of text that are in seed and not allowed,
// overlapping runs merged; it records the allowed runs it meets in used.
func sharedRuns(name, text string, seed map[string]bool, allowed map[string]string, used map[string]bool) []seedMatch {
	var out []seedMatch
	var cur *seedMatch
	curStart, curEnd := 0, 0
	closeRun := func() {
		if cur != nil {
			cur.Words = strings.Join(strings.Fields(text[curStart:curEnd]), " ")
			cur.Norm = shingle.Normalise(cur.Words)
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, s := range shingle.Shingles(text) {
		if !seed[s.Hash] {
			continue
		}
		if _, ok := allowed[s.Text]; ok {
			if used != nil {
				used[s.Text] = true
			}
			continue
		}
		if cur != nil && s.Start < curEnd {
			curEnd = s.End
			continue
		}
		closeRun()
		cur = &seedMatch{File: name, Line: 1 + strings.Count(text[:s.Start], "\n")}
		curStart, curEnd = s.Start, s.End
	}
	closeRun()
	return out
}

func TestNoSeedWording(t *testing.T) {
	seed, err := loadSeedShingles(seedShingles)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	matches, files, err := scanForSeed(repoRoot(t), seed, seedAllowed, used)
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d files scanned: the walk missed the repository", files)
	}
	for _, m := range matches {
		t.Errorf("wording shared with the seed text (reword it): %s", m)
	}
	for run := range seedAllowed {
		if !used[run] {
			t.Errorf("seedAllowed lists %q, which no file shares with the seed any more: remove it", run)
		}
	}
}

// TestSeedScanFindsCopies shows the check can fail: a file holding a run of
// eight of the seed's words is reported, seven are not, and the allowlist
// lets only the run it names through.
func TestSeedScanFindsCopies(t *testing.T) {
	seed, err := loadSeedShingles(seedShingles)
	if err != nil {
		t.Fatal(err)
	}
	// The AWS services as the seed lists them; the hash is that of its
	// normalised words, so the hash file must hold it.
	const run = "EC2, VPC, IAM, S3, RDS, CloudWatch, ECS/EKS"
	const runHash = "86c91fd966ea34fc"
	if got := shingle.Hash(shingle.Normalise(run)); got != runHash {
		t.Fatalf("the run hashes to %s, want %s", got, runHash)
	}
	if !seed[runHash] {
		t.Fatalf("%s does not hold the hash %s of a run of the seed", seedShingles, runHash)
	}

	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("copied.md", "# Notes\n\nLearn these well: "+run+", then move on.\n")
	// The first seven words of the run, then words of this file's own.
	write("seven.yaml", "text: Learn EC2, VPC, IAM, S3, RDS, CloudWatch, ECS and then EKS.\n")
	write("image.png", "\x89PNG\x00"+run)
	if err := os.MkdirAll(filepath.Join(dir, "testdata"), 0o700); err != nil {
		t.Fatal(err)
	}
	write("testdata/fixture.txt", run)

	matches, files, err := scanForSeed(dir, seed, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if files != 2 {
		t.Errorf("scanned %d files, want 2 (copied.md, seven.yaml)", files)
	}
	if len(matches) != 1 {
		t.Fatalf("got %d matches %v, want the one in copied.md", len(matches), matches)
	}
	m := matches[0]
	if m.File != "copied.md" || m.Line != 3 || m.Words != run {
		t.Errorf("got %s, want copied.md:3: %q", m, run)
	}

	used := map[string]bool{}
	matches, _, err = scanForSeed(dir, seed, map[string]string{shingle.Normalise(run): "a list of names"}, used)
	if err != nil {
		t.Fatal(err)
	}
	if len(matches) != 0 {
		t.Errorf("the allowed run is still reported: %v", matches)
	}
	if !used[shingle.Normalise(run)] {
		t.Error("the allowed run is not recorded as used")
	}

	if _, err := loadSeedShingles(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing hash file gives %v, want it reported as missing", err)
	}
	write("bad-hashes.txt", runHash+"\nnot a hash\n")
	if _, err := loadSeedShingles(filepath.Join(dir, "bad-hashes.txt")); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("a hash file with a bad line gives %v, want the line named", err)
	}
}
