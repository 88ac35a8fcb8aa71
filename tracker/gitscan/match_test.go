package gitscan

import (
	"reflect"
	"testing"
)

// TestMatcherAgreesWithRoadmap: the matcher's quick filter on file names
// never changes what roadmap's globs match.
func TestMatcherAgreesWithRoadmap(t *testing.T) {
	sigs := append([]sig{
		{"odd", []string{"*.[ch]", "a[*]b", "Dockerfile.*", "iptables*", "**/systemd/**", "docs/**", "x?y.txt", "**/crds/*.yaml", ".github/**/*.yml"}, nil},
		{"exact", []string{"Makefile", "infra/terraform/envs/prod/main.tf"}, nil},
	}, devopsSignals...)
	rm := testRoadmap(t, sigs)
	m := newMatcher(rm)
	paths := append(benchTree(),
		"main.c", "lib/x.h", "a*b", "ab", "Dockerfile.dev", "Dockerfile", "etc/iptables.rules", "iptables",
		"etc/systemd/system/a.service", "systemd", "docs", "docs/a/b/c.md", "xzy.txt", "xy.txt",
		"k8s/crds/c.yaml", "crds/c.yaml", ".github/workflows/ci.yml", ".github/dependabot.yml", "a/Makefile",
		"файлы/main.tf", "日本/Chart.yaml", "", "/", "a//b")
	for _, p := range paths {
		var want []int32
		for i, s := range m.sigs {
			if len(s.Paths) > 0 && s.MatchFile(p) {
				want = append(want, int32(i))
			}
		}
		if got := m.file([]byte(p)); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: entries %v, roadmap says %v", p, got, want)
		}
	}
}
