package gitscan

import "testing"

// TestLinks: the remote URL forms of GitHub, GitLab and Bitbucket give the
// commit's web address; others give REPO@HASH.
func TestLinks(t *testing.T) {
	const h = "0123456789abcdef0123456789abcdef01234567"
	cases := []struct{ remote, want string }{
		{"git@github.com:acme/infra.git", "https://github.com/acme/infra/commit/" + h},
		{"https://github.com/acme/infra", "https://github.com/acme/infra/commit/" + h},
		{"https://github.com/acme/infra.git/", "https://github.com/acme/infra/commit/" + h},
		{"https://me@github.com/acme/infra.git", "https://github.com/acme/infra/commit/" + h},
		{"ssh://git@github.com/acme/infra.git", "https://github.com/acme/infra/commit/" + h},
		{"ssh://git@github.com:22/acme/infra.git", "https://github.com/acme/infra/commit/" + h},
		{"git://github.com/acme/infra.git", "https://github.com/acme/infra/commit/" + h},
		{"git@gitlab.com:group/sub/proj.git", "https://gitlab.com/group/sub/proj/-/commit/" + h},
		{"https://oauth2:tok@gitlab.com/group/proj.git", "https://gitlab.com/group/proj/-/commit/" + h},
		{"git@bitbucket.org:team/repo.git", "https://bitbucket.org/team/repo/commits/" + h},
		{"https://me@bitbucket.org/team/repo.git", "https://bitbucket.org/team/repo/commits/" + h},
		{"git@github.example.com:acme/infra.git", "/r@" + h},
		{"https://github.com/acme", "/r@" + h},
		{"/srv/git/infra.git", "/r@" + h},
		{"file:///srv/git/infra.git", "/r@" + h},
		{"", "/r@" + h},
	}
	for _, c := range cases {
		if got := newLinker(c.remote).link("/r", h); got != c.want {
			t.Errorf("%q: %q, want %q", c.remote, got, c.want)
		}
	}
}
