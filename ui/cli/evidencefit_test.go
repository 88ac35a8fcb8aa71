package cli

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"devpath/tracker/gitscan/gittest"
)

// fitJSON is a suggestion as 'evidence suggestions --json' prints it.
type fitJSON struct {
	ID         int64    `json:"id"`
	Item       string   `json:"item"`
	Title      string   `json:"title"`
	Kind       string   `json:"kind"`
	Stage      string   `json:"stage"`
	StageTitle string   `json:"stage_title"`
	Group      string   `json:"group"`
	GroupTitle string   `json:"group_title"`
	Counts     *bool    `json:"counts"`
	Gain       *float64 `json:"gain"`
}

// TestEvidenceFitsAMidEngineer scans a Terraform module repository with a
// Dockerfile and a CI workflow as a Mid engineer who claims the Mid
// entries the commits show: the Mid entries come first, each counting for
// readiness with a gain on the evidenced score, the Junior and branch
// entries after them, counting for nothing; no criterion or milestone is
// suggested from changed files alone (a Compose file and a Kubernetes
// manifest match the paths of "Ship a full application stack on your
// own"); and accepting the first raises the evidenced score by its gain.
func TestEvidenceFitsAMidEngineer(t *testing.T) {
	h := newHarness(t)
	repo := filepath.Join(t.TempDir(), "terraform-aws-network")
	me := "ana@example.com"
	gittest.Repo(t, repo, "git@github.com:ana/terraform-aws-network.git", []gittest.Commit{
		{Email: me, Date: "2025-01-10", Subject: "Start the network module", Files: []string{"main.tf", "variables.tf", "outputs.tf", "versions.tf"}},
		{Email: me, Date: "2025-02-11", Subject: "Split the subnets into their own module", Files: []string{"modules/subnets/main.tf", "modules/subnets/variables.tf"}},
		{Email: me, Date: "2025-02-20", Subject: "Restrict the database port", Files: []string{"modules/firewall/security_groups.tf"}},
		{Email: me, Date: "2025-03-12", Subject: "Show the module in use", Files: []string{"examples/complete/main.tf"}},
		{Email: me, Date: "2025-04-13", Subject: "Build the test image in two stages", Files: []string{"Dockerfile"}},
		{Email: me, Date: "2025-05-14", Subject: "Validate and plan on every push", Files: []string{".github/workflows/ci.yml"}},
		{Email: me, Date: "2025-05-20", Subject: "Run the example locally", Files: []string{"docker-compose.yml", "deploy/k8s/rbac.yaml"}},
	})
	h.ok("profile", "--stage", "mid")
	mid := []string{"tf-module-composition", "sec-network-segmentation", "k8s-rbac"}
	for _, id := range mid {
		h.ok("tick", id)
	}
	before := h.status().Readiness.Evidenced.Score

	out := h.ok("evidence", "scan", repo, "--author", me, "--json")
	var scanned []fitJSON
	if err := json.Unmarshal([]byte(out), &scanned); err != nil {
		t.Fatalf("scan --json: %v\n%s", err, out)
	}
	var sg []fitJSON
	if err := json.Unmarshal([]byte(h.ok("evidence", "suggestions", "--json")), &sg); err != nil {
		t.Fatal(err)
	}
	if len(sg) != len(scanned) {
		t.Fatalf("scan --json lists %d, evidence suggestions --json %d", len(scanned), len(sg))
	}
	if len(sg) <= len(mid) {
		t.Fatalf("%d suggestions, want the %d Mid ones and the Junior ones after them: %+v", len(sg), len(mid), sg)
	}
	seen := map[string]bool{}
	lastGain := math.Inf(1)
	for i, s := range sg {
		if scanned[i].ID != s.ID {
			t.Errorf("#%d: the scan lists suggestion %d, evidence suggestions %d", i, scanned[i].ID, s.ID)
		}
		if s.Counts == nil || s.Gain == nil {
			t.Fatalf("#%d %s has no counts or gain: %+v", i, s.Item, s)
		}
		if s.Kind != "skill" && s.Kind != "branch" {
			t.Errorf("#%d %s is a %s, suggested from changed files alone", i, s.Item, s.Kind)
		}
		if s.Stage == "" || s.StageTitle == "" || s.Group == "" || s.GroupTitle == "" || s.Title == "" {
			t.Errorf("#%d %s lacks its stage or group: %+v", i, s.Item, s)
		}
		if i < len(mid) {
			seen[s.Item] = true
			if s.Stage != "mid" || !*s.Counts || *s.Gain <= 0 {
				t.Errorf("#%d: %s in stage %q counts %v gain %v; want the claimed Mid entries first, counting, with a gain", i, s.Item, s.Stage, *s.Counts, *s.Gain)
			}
			if *s.Gain > lastGain {
				t.Errorf("#%d: %s gains %v after %v: want the largest gain first", i, s.Item, *s.Gain, lastGain)
			}
			lastGain = *s.Gain
		} else if *s.Counts || *s.Gain != 0 || s.Stage == "mid" {
			t.Errorf("#%d: %s (stage %q) counts %v gain %v; want only entries that count for nothing after the Mid ones", i, s.Item, s.Stage, *s.Counts, *s.Gain)
		}
	}
	for _, id := range mid {
		if !seen[id] {
			t.Errorf("%s is not among the first %d suggestions: %+v", id, len(mid), sg)
		}
	}
	for _, s := range sg {
		if s.Item == "tf-module-composition" && (s.GroupTitle != "Advanced Terraform" || s.Title != "Complex module composition") {
			t.Errorf("tf-module-composition: %+v", s)
		}
	}

	text := h.ok("evidence", "suggestions")
	lines := strings.Split(text, "\n")
	if len(lines) < 2 || !strings.Contains(lines[0], "COUNTS") || !strings.Contains(lines[0], "STAGE · GROUP") {
		t.Fatalf("the listing's header:\n%s", text)
	}
	first := strings.Fields(lines[1])
	if len(first) < 3 || first[0] != strconv.FormatInt(sg[0].ID, 10) || first[1] != "yes," || !strings.HasPrefix(first[2], "+") {
		t.Errorf("the listing's first row %q, want suggestion %d marked as counting with its gain:\n%s", lines[1], sg[0].ID, text)
	}
	if !strings.Contains(text, "DevOps Engineer (Mid) · Advanced Terraform") || !strings.Contains(text, "Junior DevOps Engineer · Production Docker") {
		t.Errorf("the listing does not name stages and groups:\n%s", text)
	}

	h.ok("evidence", "accept", strconv.FormatInt(sg[0].ID, 10))
	after := h.status().Readiness.Evidenced.Score
	if math.Abs(after-before-*sg[0].Gain) > 0.1+1e-9 {
		t.Errorf("accepting %s moved the evidenced score from %.1f to %.1f; its gain said +%.1f", sg[0].Item, before, after, *sg[0].Gain)
	}
}
