package tracker

import (
	"slices"
	"strings"
	"unicode"
)

// ShortHashLen is how many hex digits of a commit's hash are shown where
// its web address is not: as many as git and the forges show.
const ShortHashLen = 7

// RepoName is the name a repository is shown under to someone else: the
// last element of its folder ("/home/ana/git/platform-infra" is
// "platform-infra"), never the folder.
func RepoName(repo string) string {
	repo = strings.TrimRight(repo, `/\`)
	if i := strings.LastIndexAny(repo, `/\`); i >= 0 {
		return repo[i+1:]
	}
	return repo
}

// CommitRef is a commit named for someone else where it has no web
// address: "platform-infra@6cb847a", the repository's name and the
// hash's first ShortHashLen digits.
func CommitRef(repo, hash string) string {
	if len(hash) > ShortHashLen {
		hash = hash[:ShortHashLen]
	}
	return RepoName(repo) + "@" + hash
}

// ShareNote is an evidence note as it leaves the machine, in a review
// request: each of the local repositories (their folders, as git scans
// knew them) named by its name alone, and every full commit hash (40 or
// 64 hex digits) outside a web address cut to ShortHashLen digits. Notes
// of evidence found in git by an earlier devpath held both; a web address
// (the commit's link) is kept whole.
func ShareNote(note string, repos []string) string {
	byLength := slices.Clone(repos)
	slices.SortFunc(byLength, func(a, b string) int { return len(b) - len(a) })
	for _, r := range byLength {
		if r = strings.TrimRight(r, `/\`); len(r) > 1 && strings.ContainsAny(r, `/\`) {
			note = strings.ReplaceAll(note, r, RepoName(r))
		}
	}
	fields := strings.FieldsFunc(note, unicode.IsSpace)
	for _, f := range fields {
		if strings.Contains(f, "://") {
			continue
		}
		if short := shortenHashes(f); short != f {
			note = strings.Replace(note, f, short, 1)
		}
	}
	return note
}

// shortenHashes cuts every run of 40 or 64 hex digits in word, bounded by
// characters that are neither letters nor digits, to ShortHashLen.
func shortenHashes(word string) string {
	var b strings.Builder
	i := 0
	for i < len(word) {
		j := i
		for j < len(word) && isHex(word[j]) {
			j++
		}
		if j > i {
			run := word[i:j]
			bounded := (i == 0 || !isAlnum(word[i-1])) && (j == len(word) || !isAlnum(word[j]))
			if bounded && (len(run) == 40 || len(run) == 64) {
				run = run[:ShortHashLen]
			}
			b.WriteString(run)
			i = j
			continue
		}
		b.WriteByte(word[i])
		i++
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
