package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"devpath/tracker/gitscan/gittest"
)

// TestEvidenceScanThroughTheCommandLine builds a repository with commits
// by the user and by someone else touching Terraform, a Dockerfile, a CI
// workflow and a Helm chart, scans it, accepts the suggestions and checks
// that the evidenced score rises exactly as the formula says: each
// proficient skill that gets evidence moves from the level that needs none
// (2) to proficient (3), one level of three over the stage's skills, at a
// weight of 0.5.
func TestEvidenceScanThroughTheCommandLine(t *testing.T) {
	h := newHarness(t)
	repo := filepath.Join(t.TempDir(), "infra")
	me := "ana@example.com"
	gittest.Repo(t, repo, "git@github.com:ana/infra.git", []gittest.Commit{
		{Email: me, Date: "2025-01-10", Subject: "Add the network layout", Files: []string{"main.tf"}},
		{Email: me, Date: "2025-02-11", Subject: "Build the API image", Files: []string{"Dockerfile"}},
		{Email: me, Date: "2025-03-12", Subject: "Run tests on each push", Files: []string{".github/workflows/ci.yml"}},
		{Email: me, Date: "2025-04-13", Subject: "Package the API", Files: []string{"charts/api/Chart.yaml", "charts/api/templates/deployment.yaml"}},
		{Email: "bo@example.com", Date: "2025-05-14", Subject: "Someone else's change", Files: []string{"network.tf", "Jenkinsfile"}},
	})
	h.ok("profile", "--stage", "junior")
	for _, id := range []string{"tf-modules", "docker-multistage", "cicd-github-actions-jenkins"} {
		h.ok("tick", id)
	}
	before := h.status()

	out := h.ok("evidence", "scan", repo, "--author", me, "--json")
	var sg []struct {
		ID       int64    `json:"id"`
		Item     string   `json:"item"`
		Repo     string   `json:"repo"`
		Commits  int      `json:"commits"`
		First    string   `json:"first"`
		Last     string   `json:"last"`
		Examples []string `json:"examples"`
		Link     string   `json:"link"`
	}
	if err := json.Unmarshal([]byte(out), &sg); err != nil {
		t.Fatalf("scan --json: %v\n%s", err, out)
	}
	byItem := map[string]int{}
	for i, s := range sg {
		byItem[s.Item] = i
	}
	for item, want := range map[string]struct {
		first, example string
	}{
		"tf-modules":                  {"2025-01-10", "Add the network layout"},
		"docker-multistage":           {"2025-02-11", "Build the API image"},
		"cicd-github-actions-jenkins": {"2025-03-12", "Run tests on each push"},
		"k8s-helm":                    {"2025-04-13", "Package the API"},
	} {
		i, ok := byItem[item]
		if !ok {
			t.Errorf("no suggestion for %s; got %+v", item, sg)
			continue
		}
		s := sg[i]
		if s.Commits != 1 || s.First != want.first || s.Last != want.first || !slices.Contains(s.Examples, want.example) ||
			!strings.HasPrefix(s.Link, "https://github.com/ana/infra/commit/") {
			t.Errorf("%s: %+v", item, s)
		}
	}
	for _, s := range sg {
		if slices.Contains(s.Examples, "Someone else's change") {
			t.Errorf("another author's commit was suggested: %+v", s)
		}
	}
	// Nothing counts until accepted.
	if got := h.status(); got.Readiness.Evidenced.Score != before.Readiness.Evidenced.Score {
		t.Errorf("the scan alone moved the evidenced score: %v → %v", before.Readiness.Evidenced.Score, got.Readiness.Evidenced.Score)
	}
	// A re-scan adds nothing new.
	if again := h.ok("evidence", "scan", repo, "--author", me); !strings.Contains(again, "0 suggestions new or grown") {
		t.Errorf("a re-scan said:\n%s", again)
	}

	h.ok("evidence", "accept", "--all")
	after := h.status()
	skills := countJuniorSkills(t, h)
	want := before.Readiness.Evidenced.Components.Skills + 3.0/float64(3*skills)
	if d := after.Readiness.Evidenced.Components.Skills - want; d > 1e-9 || d < -1e-9 {
		t.Errorf("evidenced skills component %v, want %v (+1 level for each of 3 skills over %d)", after.Readiness.Evidenced.Components.Skills, want, skills)
	}
	if after.Readiness.Score != before.Readiness.Score {
		t.Errorf("accepting moved the claimed score: %v → %v", before.Readiness.Score, after.Readiness.Score)
	}
	for _, id := range []string{"tf-modules", "docker-multistage", "cicd-github-actions-jenkins"} {
		if slices.Contains(after.Readiness.Evidenced.Unevidenced, id) {
			t.Errorf("%s is still unevidenced after accepting", id)
		}
	}
	// Undo takes the last accepted piece back.
	h.ok("undo")
	if got := h.status().Readiness.Evidenced.Score; got >= after.Readiness.Evidenced.Score {
		t.Errorf("undo after accept: %v, want below %v", got, after.Readiness.Evidenced.Score)
	}
}

// countJuniorSkills counts the junior stage's skill items from the
// roadmap's JSON, as a reader would.
func countJuniorSkills(t *testing.T, h *harness) int {
	t.Helper()
	var rm struct {
		Stages []struct {
			ID     string `json:"id"`
			Skills []struct {
				Items []json.RawMessage `json:"items"`
			} `json:"skills"`
		} `json:"stages"`
	}
	if err := json.Unmarshal([]byte(h.ok("roadmap", "--json")), &rm); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range rm.Stages {
		if s.ID == "junior" {
			for _, g := range s.Skills {
				n += len(g.Items)
			}
		}
	}
	return n
}

// TestEvidenceScanBadPaths gives the scan a good repository among paths it
// cannot scan: each bad one gets one line naming it, the good one is still
// scanned and saved, the exit code is 1, and nothing becomes evidence.
func TestEvidenceScanBadPaths(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	repo := filepath.Join(dir, "good")
	gittest.Repo(t, repo, "git@github.com:ana/infra.git", []gittest.Commit{{Email: "ana@example.com", Date: "2025-03-01", Subject: "Add the VPC", Files: []string{"main.tf"}}})
	plain := filepath.Join(dir, "plain")
	os.MkdirAll(plain, 0o755)
	os.WriteFile(filepath.Join(plain, "notes.txt"), []byte("hello"), 0o644)
	missing := filepath.Join(dir, "missing")
	fifo := filepath.Join(dir, "pipe")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	none := filepath.Join(dir, "nobody")
	gittest.Repo(t, none, "", []gittest.Commit{{Email: "bo@example.com", Date: "2025-03-02", Subject: "Not hers", Files: []string{"main.tf"}}})

	r := h.run("evidence", "scan", plain, missing, fifo, repo, none, "--author", "ana@example.com")
	if r.code != 1 {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 3 {
		t.Errorf("stderr has %d lines, want one per bad path:\n%s", len(lines), r.stderr)
	}
	for _, p := range []string{plain, missing, fifo} {
		if !strings.Contains(r.stderr, p) {
			t.Errorf("no line names %s:\n%s", p, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "no commits by ana@example.com in "+none) {
		t.Errorf("the repository without her commits is not named:\n%s", r.stdout)
	}
	var sg []struct {
		Item string `json:"item"`
		Repo string `json:"repo"`
	}
	json.Unmarshal([]byte(h.ok("evidence", "suggestions", "--json")), &sg)
	if len(sg) == 0 || sg[0].Repo != repo {
		t.Errorf("the good repository's suggestions were not saved: %+v", sg)
	}
	if ev := h.ok("evidence", "list", "--json"); strings.TrimSpace(ev) != "[]" {
		t.Errorf("a scan wrote evidence before anything was accepted: %s", ev)
	}
	if r := h.run("evidence", "scan", repo, "--author", "not an email"); r.code != 2 {
		t.Errorf("a bad --author: exit %d", r.code)
	}
}

// TestEvidenceScanRefusesADamagedRepository: a repository with an object
// missing is refused in one line naming it, with exit status 1, and no
// suggestion is saved from it.
func TestEvidenceScanRefusesADamagedRepository(t *testing.T) {
	h := newHarness(t)
	repo := filepath.Join(t.TempDir(), "damaged")
	gittest.Repo(t, repo, "", []gittest.Commit{
		{Email: "ana@example.com", Date: "2025-03-01", Subject: "Add the VPC", Files: []string{"main.tf"}},
		{Email: "ana@example.com", Date: "2025-03-02", Subject: "Build the image", Files: []string{"Dockerfile"}},
	})
	// Take away a tree object: git refuses the history, as devpath must.
	out, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD^{tree}").Output()
	if err != nil {
		t.Fatal(err)
	}
	tree := strings.TrimSpace(string(out))
	if err := os.Remove(filepath.Join(repo, ".git", "objects", tree[:2], tree[2:])); err != nil {
		t.Fatalf("the test repository's tree is not a loose object: %v", err)
	}
	r := h.run("evidence", "scan", repo, "--author", "ana@example.com")
	if r.code != 1 || !strings.Contains(r.stderr, repo) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
		t.Errorf("exit %d, stderr %q; want 1 and one line naming %s", r.code, r.stderr, repo)
	}
	if sg := h.ok("evidence", "suggestions", "--json"); strings.Contains(sg, `"item"`) {
		t.Errorf("a damaged repository left suggestions: %s", sg)
	}
}
