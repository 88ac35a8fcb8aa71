package gitscan

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	format "github.com/go-git/go-git/v5/plumbing/format/config"
)

// readConfig parses the git config file p; a missing or unreadable file is
// an empty config, as git treats a missing one.
func readConfig(p string) *format.Config {
	cfg := format.New()
	b, err := readSmall(p)
	if err != nil {
		return cfg
	}
	_ = format.NewDecoder(bytes.NewReader(b)).Decode(cfg)
	return cfg
}

// userEmail is the user.email of cfg, or "".
func userEmail(cfg *format.Config) string {
	return strings.TrimSpace(cfg.Section("user").Option("email"))
}

// globalEmail returns the user.email of the user's global git config, as
// git finds it: the file GIT_CONFIG_GLOBAL names when set, else
// ~/.gitconfig, else $XDG_CONFIG_HOME/git/config (~/.config/git/config when
// XDG_CONFIG_HOME is unset).
func globalEmail() string {
	if p := os.Getenv("GIT_CONFIG_GLOBAL"); p != "" {
		return userEmail(readConfig(p))
	}
	var files []string
	if home, err := os.UserHomeDir(); err == nil {
		files = append(files, filepath.Join(home, ".gitconfig"))
	}
	if xdg := os.Getenv("XDG_CONFIG_HOME"); xdg != "" {
		files = append(files, filepath.Join(xdg, "git", "config"))
	} else if home, err := os.UserHomeDir(); err == nil {
		files = append(files, filepath.Join(home, ".config", "git", "config"))
	}
	for _, f := range files {
		if e := userEmail(readConfig(f)); e != "" {
			return e
		}
	}
	return ""
}

// remoteURL is the URL of the remote "origin", else of the first remote
// in the config file, or "".
func remoteURL(cfg *format.Config) string {
	if !cfg.HasSection("remote") {
		return ""
	}
	sec := cfg.Section("remote")
	if sec.HasSubsection("origin") {
		if u := sec.Subsection("origin").Option("url"); u != "" {
			return u
		}
	}
	for _, sub := range sec.Subsections {
		if u := sub.Option("url"); u != "" {
			return u
		}
	}
	return ""
}

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
