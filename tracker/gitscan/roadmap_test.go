package gitscan

import (
	"fmt"
	"strings"
	"testing"

	"devpath/roadmap"
)

// sig is an entry for testRoadmap: its id and signals.
type sig struct {
	id    string
	paths []string
	words []string
}

// buildRoadmap makes a roadmap holding one skill group with the entries
// sigs, plus one entry without signals.
func buildRoadmap(sigs []sig) (*roadmap.Roadmap, error) {
	var b strings.Builder
	b.WriteString("version: 1\nid: m\ntitle: M\nstages:\n  - id: s\n    title: S\n    skills:\n      - id: g\n        title: G\n        items:\n")
	b.WriteString("          - {id: no-signals, title: No signals}\n")
	q := func(l []string) string {
		var out []string
		for _, s := range l {
			out = append(out, fmt.Sprintf("%q", s))
		}
		return "[" + strings.Join(out, ", ") + "]"
	}
	for _, s := range sigs {
		fmt.Fprintf(&b, "          - id: %s\n            title: %s\n            signals:\n", s.id, s.id)
		if len(s.paths) > 0 {
			fmt.Fprintf(&b, "              paths: %s\n", q(s.paths))
		}
		if len(s.words) > 0 {
			fmt.Fprintf(&b, "              words: %s\n", q(s.words))
		}
	}
	return roadmap.Load([]byte(b.String()))
}

// testRoadmap is buildRoadmap for a test.
func testRoadmap(tb testing.TB, sigs []sig) *roadmap.Roadmap {
	tb.Helper()
	rm, err := buildRoadmap(sigs)
	if err != nil {
		tb.Fatal(err)
	}
	return rm
}

// devopsSignals are about forty entries with signals of the kind the
// built-in roadmap has.
var devopsSignals = []sig{
	{"terraform-basics", []string{"*.tf", "*.tfvars"}, []string{"terraform"}},
	{"terraform-modules", []string{"**/modules/**/*.tf"}, []string{"terraform module"}},
	{"terraform-state", []string{"**/backend.tf"}, []string{"state", "backend"}},
	{"docker-multistage", []string{"Dockerfile", "*.dockerfile"}, []string{"multi-stage", "dockerfile"}},
	{"docker-compose", []string{"docker-compose*.yml", "compose.yaml"}, []string{"compose"}},
	{"docker-security-scanning", []string{".trivyignore"}, []string{"trivy", "cve", "image scan"}},
	{"cicd-github-actions", []string{".github/workflows/*.yml", ".github/workflows/*.yaml"}, []string{"workflow", "github actions"}},
	{"cicd-jenkins", []string{"Jenkinsfile"}, []string{"jenkins"}},
	{"cicd-gitlab", []string{".gitlab-ci.yml"}, []string{"gitlab ci"}},
	{"helm-charts", []string{"Chart.yaml", "**/templates/*.yaml", "values*.yaml"}, []string{"helm", "chart"}},
	{"k8s-manifests", []string{"**/k8s/**/*.yaml", "kustomization.yaml"}, []string{"kubernetes", "k8s"}},
	{"k8s-operators", []string{"**/crds/*.yaml"}, []string{"operator", "crd"}},
	{"argocd-gitops", []string{"**/argocd/**/*.yaml"}, []string{"argocd", "gitops"}},
	{"ansible", []string{"**/roles/**/*.yml", "ansible.cfg", "playbook*.yml"}, []string{"ansible", "playbook"}},
	{"python-scripting", []string{"*.py", "requirements*.txt", "pyproject.toml"}, []string{"python"}},
	{"python-testing", []string{"**/tests/**/*.py", "test_*.py"}, []string{"pytest"}},
	{"bash-scripting", []string{"*.sh"}, []string{"bash", "shell script"}},
	{"go-tooling", []string{"*.go", "go.mod"}, []string{"golang"}},
	{"make-builds", []string{"Makefile", "*.mk"}, []string{"makefile"}},
	{"docs-writing", []string{"*.md", "docs/**"}, []string{"docs", "documentation", "readme"}},
	{"adr-writing", []string{"**/adr/*.md"}, []string{"adr", "decision record"}},
	{"monitoring-prometheus", []string{"**/prometheus/**", "*.rules.yml"}, []string{"prometheus", "alert"}},
	{"monitoring-grafana", []string{"**/grafana/**/*.json"}, []string{"grafana", "dashboard"}},
	{"logging", []string{"**/fluent*/**", "**/loki/**"}, []string{"logging", "loki"}},
	{"tracing", []string{"**/otel/**"}, []string{"tracing", "opentelemetry"}},
	{"aws-iam", []string{"**/iam/**/*.tf", "*policy*.json"}, []string{"iam"}},
	{"aws-networking", []string{"**/vpc/**/*.tf"}, []string{"vpc", "subnet"}},
	{"secrets-vault", []string{"**/vault/**"}, []string{"vault", "secret"}},
	{"nginx", []string{"nginx.conf", "**/nginx/**"}, []string{"nginx"}},
	{"sql-migrations", []string{"*.sql", "**/migrations/**"}, []string{"migration"}},
	{"linux-systemd", []string{"*.service", "*.timer"}, []string{"systemd"}},
	{"linux-networking", []string{}, []string{"dns", "tcp", "firewall"}},
	{"linux-performance", []string{}, []string{"latency", "performance"}},
	{"incident-postmortems", []string{"**/postmortems/*.md"}, []string{"postmortem", "incident"}},
	{"cost-optimisation", []string{"**/finops/**"}, []string{"cost", "finops"}},
	{"security-policy", []string{"SECURITY.md", "**/opa/**/*.rego"}, []string{"security", "rego"}},
	{"packer-images", []string{"*.pkr.hcl"}, []string{"packer", "ami"}},
	{"dependabot", []string{".github/dependabot.yml", "renovate.json"}, []string{"dependabot", "renovate"}},
	{"pre-commit", []string{".pre-commit-config.yaml"}, []string{"pre-commit", "lint"}},
	{"release-automation", []string{".github/workflows/release*.yml", "CHANGELOG.md"}, []string{"release"}},
}
