package roadmap

import (
	"strings"
	"testing"
)

func TestCheckGlob(t *testing.T) {
	for _, g := range []string{"*.tf", "Dockerfile", ".github/workflows/*.yml", "**/templates/*.yaml", "k8s/**", "a/**/b/**/*.md", "*[Nn]etwork[Pp]olicy*.yaml"} {
		if err := CheckGlob(g); err != nil {
			t.Errorf("CheckGlob(%q) = %v, want nil", g, err)
		}
	}
	for _, c := range []struct{ glob, msg string }{
		{"", "empty glob"},
		{"  ", "empty glob"},
		{"/abs/*.tf", `glob "/abs/*.tf" starts with /`},
		{`ops\*.sh`, "has a backslash"},
		{"a//b", `glob "a//b" has an empty folder name`},
		{"docs/", "has an empty folder name"},
		{"src/**.go", "** must be a whole folder name"},
		{"[a-", `glob "[a-" is not a valid pattern`},
		{"k8s/[/x.yaml", "is not a valid pattern"},
	} {
		err := CheckGlob(c.glob)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("CheckGlob(%q) = %v, want an error with %q", c.glob, err, c.msg)
		}
	}
}

func TestMatchPath(t *testing.T) {
	for _, c := range []struct {
		glob, path string
		want       bool
	}{
		// No "/": the file's name, in any folder.
		{"*.tf", "main.tf", true},
		{"*.tf", "infra/prod/main.tf", true},
		{"*.tf", "main.tfvars", false},
		{"Dockerfile", "services/api/Dockerfile", true},
		{"Dockerfile", "Dockerfile.dev", false},
		{"Dockerfile.*", "Dockerfile.dev", true},
		// With "/": the whole path from the root.
		{".github/workflows/*.yml", ".github/workflows/ci.yml", true},
		{".github/workflows/*.yml", "sub/.github/workflows/ci.yml", false},
		{".github/workflows/*.yml", ".github/workflows/deep/ci.yml", false},
		{"dags/**/*.py", "dags/x.py", true},
		// "**" stands for any number of folders, none included.
		{"**/templates/*.yaml", "templates/a.yaml", true},
		{"**/templates/*.yaml", "charts/api/templates/a.yaml", true},
		{"**/templates/*.yaml", "charts/api/templates/sub/a.yaml", false},
		{"**/runbooks/**/*.md", "ops/runbooks/db/failover.md", true},
		{"**/runbooks/**/*.md", "runbooks/a.md", true},
		{"**/runbooks/**/*.md", "ops/runbooks/db/failover.txt", false},
		{"k8s/**", "k8s/base/a.yaml", true},
		{"k8s/**", "k8s", true},
		{"k8s/**", "other/k8s/a.yaml", false},
		// A glob CheckGlob refuses matches nothing.
		{"[a-", "[a-", false},
		{"x/[a-", "x/[a-", false},
	} {
		if got := MatchPath(c.glob, c.path); got != c.want {
			t.Errorf("MatchPath(%q, %q) = %v, want %v", c.glob, c.path, got, c.want)
		}
	}
}

func TestSignalsMatch(t *testing.T) {
	s := &Signals{Paths: []string{"*.tf", "**/modules/**"}, Words: []string{"helm", "state mv", "post-mortem", " "}}
	for _, c := range []struct {
		file string
		want bool
	}{{"infra/main.tf", true}, {"a/modules/b/c.txt", true}, {"README.md", false}} {
		if got := s.MatchFile(c.file); got != c.want {
			t.Errorf("MatchFile(%q) = %v, want %v", c.file, got, c.want)
		}
	}
	for _, c := range []struct {
		subject string
		want    bool
	}{
		{"Bump helm chart", true},
		{"HELM: new values", true},
		{"Add helmet to the list", false},
		{"overhelm", false},
		{"Run terraform STATE MV for the bucket", true},
		{"Write post-mortem", true},
		{"Write postmortem", false},
		{"helm2 migration", false},
		{"", false},
		{"    ", false},
	} {
		if got := s.MatchSubject(c.subject); got != c.want {
			t.Errorf("MatchSubject(%q) = %v, want %v", c.subject, got, c.want)
		}
	}
	var none *Signals
	if none.MatchFile("main.tf") || none.MatchSubject("helm") {
		t.Error("nil signals matched")
	}
	if (&Signals{Paths: []string{"*.tf"}}).MatchSubject("terraform main.tf") {
		t.Error("signals without words matched a subject")
	}
}
