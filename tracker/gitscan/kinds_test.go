package gitscan

import (
	"context"
	"path/filepath"
	"testing"

	"devpath/roadmap"
)

// kindsRoadmap has a skill, a criterion and a milestone with signals, and a
// criterion with paths only.
const kindsRoadmap = `version: 1
id: k
title: K
stages:
  - id: s
    title: S
    skills:
      - id: g
        title: G
        items:
          - id: skill-k8s
            title: Manifests
            signals: {paths: ["**/k8s/**/*.yaml"], words: [kubectl]}
    criteria:
      - id: crit-stack
        title: Ship a stack alone
        signals: {paths: ["**/k8s/**/*.yaml", "compose.yaml"], words: [compose]}
      - id: crit-paths-only
        title: Trusted by others
        signals: {paths: ["**/k8s/**/*.yaml"]}
    milestone:
      id: mile-deploy
      title: First deploy
      signals: {words: [go-live]}
`

// TestCriteriaAndMilestonesNeedWords: a commit that only changes files a
// criterion's or milestone's paths match suggests the skill, never them;
// one whose subject also holds their word suggests them.
func TestCriteriaAndMilestonesNeedWords(t *testing.T) {
	isolate(t)
	rm, err := roadmap.Load([]byte(kindsRoadmap))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "repo")
	r := newRepo(t, dir)
	r.commit(me, "2026-01-02T10:00:00Z", "Add RBAC for the app", map[string]string{"deploy/k8s/rbac.yaml": "kind: Role\n"})
	r.commit(me, "2026-01-03T10:00:00Z", "Fix a typo in compose", map[string]string{"README": "x\n"})
	r.commit(me, "2026-01-04T10:00:00Z", "Run the whole stack with compose", map[string]string{"deploy/k8s/app.yaml": "kind: Deployment\n"})
	r.commit(me, "2026-01-05T10:00:00Z", "Production go-live", nil)
	res, err := Scan(context.Background(), rm, []string{dir}, Options{Authors: []string{me}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, sg := range one(t, res).Suggestions {
		got[sg.Item] = sg.Commits
	}
	want := map[string]int{"skill-k8s": 2, "crit-stack": 1, "mile-deploy": 1}
	if len(got) != len(want) {
		t.Errorf("suggestions %v, want %v", got, want)
	}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("%s: %d commits, want %d (all: %v)", id, got[id], n, got)
		}
	}
}
