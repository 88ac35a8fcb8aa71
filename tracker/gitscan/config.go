package gitscan

import (
	"net/url"
	"strings"
)

// commitLinker makes a commit's web address on the forge a remote URL
// names.
type commitLinker struct {
	base   string // https://HOST/OWNER/REPO
	format string // the path after base, with %s for the hash
}

// newLinker understands https://[user@]HOST/O/R[.git], ssh://[user@]HOST[:port]/O/R[.git],
// git://HOST/O/R and the scp form [user@]HOST:O/R[.git] for GitHub, GitLab
// (whose groups nest) and Bitbucket; for any other remote it returns nil.
func newLinker(remote string) *commitLinker {
	remote = strings.TrimSpace(remote)
	if remote == "" {
		return nil
	}
	var host, p string
	if strings.Contains(remote, "://") {
		u, err := url.Parse(remote)
		if err != nil {
			return nil
		}
		switch u.Scheme {
		case "https", "http", "ssh", "git", "git+ssh", "ssh+git":
		default:
			return nil
		}
		host, p = u.Hostname(), u.Path
	} else {
		// scp form: [user@]host:path, where no slash comes before the colon.
		colon := strings.IndexByte(remote, ':')
		if colon < 0 || strings.Contains(remote[:colon], "/") {
			return nil
		}
		host, p = remote[:colon], remote[colon+1:]
		if at := strings.LastIndexByte(host, '@'); at >= 0 {
			host = host[at+1:]
		}
	}
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	p = strings.TrimSuffix(strings.Trim(p, "/"), "/")
	p = strings.TrimSuffix(p, ".git")
	parts := strings.Split(p, "/")
	for _, s := range parts {
		if s == "" || s == "." || s == ".." {
			return nil
		}
	}
	switch host {
	case "github.com":
		if len(parts) != 2 {
			return nil
		}
		return &commitLinker{base: "https://github.com/" + p, format: "/commit/"}
	case "bitbucket.org":
		if len(parts) != 2 {
			return nil
		}
		return &commitLinker{base: "https://bitbucket.org/" + p, format: "/commits/"}
	case "gitlab.com":
		if len(parts) < 2 {
			return nil
		}
		return &commitLinker{base: "https://gitlab.com/" + p, format: "/-/commit/"}
	}
	return nil
}

// link returns the commit's address, or "REPO@HASH" without a linker.
func (l *commitLinker) link(repo, hash string) string {
	if l == nil {
		return repo + "@" + hash
	}
	return l.base + l.format + hash
}
