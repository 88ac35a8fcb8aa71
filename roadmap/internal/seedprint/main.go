// Command seedprint writes the fingerprints of the seed text that the
// DevOps roadmap and its documentation are derived from: the hash of every
// run of eight consecutive words (see package shingle), one per line, sorted
// and without duplicates. Only these hashes are committed, never the seed's
// text; the test TestNoSeedWording (roadmap/seedcopy_test.go) fails when a
// text file of the repository shares such a run with the seed.
//
// Run it by hand from the repository root whenever the seed text changes:
//
//	go run ./roadmap/internal/seedprint /path/to/seed.txt > roadmap/testdata/seed-shingles.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"

	"devpath/roadmap/internal/shingle"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: seedprint SEED-TEXT > roadmap/testdata/seed-shingles.txt")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "seedprint:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading the seed text: %w", err)
	}
	hashes := Hashes(string(data))
	if len(hashes) == 0 {
		return fmt.Errorf("%s has fewer than %d words: nothing to fingerprint", path, shingle.Size)
	}
	w := bufio.NewWriter(os.Stdout)
	for _, h := range hashes {
		fmt.Fprintln(w, h)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing the hashes: %w", err)
	}
	return nil
}

// Hashes returns the sorted, de-duplicated hashes of text's shingles.
func Hashes(text string) []string {
	var hashes []string
	for _, s := range shingle.Shingles(text) {
		hashes = append(hashes, s.Hash)
	}
	slices.Sort(hashes)
	return slices.Compact(hashes)
}
