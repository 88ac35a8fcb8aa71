package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The git repository the evidence scan reads: commits by the user touching
// files that show work on four entries, and one by someone else.
const (
	gitEmail   = "alex@example.com"
	otherEmail = "sam@example.org"
)

// findEvidenceItem is the place of "Find evidence in git repositories…" in
// the File menu, after the four review items.
const findEvidenceItem = 5

// gitCommit is one commit of the scan's repository.
type gitCommit struct {
	email, file, subject string
	daysAgo              int
}

// scanCommits are the repository's commits, oldest first. Their dates are
// fixed days before the run, so that they stay within the two years in
// which the built-in roadmap counts evidence.
var scanCommits = []gitCommit{
	{gitEmail, "main.tf", "Add the network module", 120},
	{gitEmail, "Dockerfile", "Build the app in two stages", 100},
	{gitEmail, ".github/workflows/ci.yml", "Run the tests on every push", 80},
	{gitEmail, "charts/app/Chart.yaml", "Package the app as a chart", 60},
	{otherEmail, "deploy/app.service", "Run the app under systemd", 40},
}

// scanEntries are the entries the user's commits show work on, ticked
// before the scan so that their claims lack evidence (k8s-helm is ticked
// earlier, in tick-items); otherEntry is the one only the other author's
// commit shows.
var (
	scanEntries = []string{"tf-modules", "docker-multistage", "cicd-github-actions-jenkins", "k8s-helm"}
	otherEntry  = "linux-systemd"
	// countingEntry is the one of scanEntries that counts for the
	// readiness of the user's stage (Mid); the others are Junior entries.
	countingEntry = "k8s-helm"
)

// makeRepo creates the scan's repository under the sandbox with the git
// command, on a configuration of its own (GIT_CONFIG_GLOBAL), never the
// caller's.
func (s *sandbox) makeRepo() (string, error) {
	repo := filepath.Join(s.dir, "repos", "app")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		return "", err
	}
	cfg := filepath.Join(s.dir, "gitconfig")
	if err := os.WriteFile(cfg, []byte("[user]\n\tname = Alex Example\n\temail = "+gitEmail+"\n[init]\n\tdefaultBranch = main\n"), 0o600); err != nil {
		return "", err
	}
	git := func(env []string, args ...string) error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+cfg, "GIT_CONFIG_NOSYSTEM=1", "HOME="+s.home)
		cmd.Env = append(cmd.Env, env...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(out.String()))
		}
		return nil
	}
	if err := git(nil, "init", "-q"); err != nil {
		return "", err
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	for _, c := range scanCommits {
		path := filepath.Join(repo, filepath.FromSlash(c.file))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(path, []byte("# "+c.subject+"\n"), 0o644); err != nil {
			return "", err
		}
		if err := git(nil, "add", c.file); err != nil {
			return "", err
		}
		date := today.AddDate(0, 0, -c.daysAgo).Add(10 * time.Hour).Format(time.RFC3339)
		name := "Alex Example"
		if c.email != gitEmail {
			name = "Sam Other"
		}
		env := []string{"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + c.email, "GIT_AUTHOR_DATE=" + date,
			"GIT_COMMITTER_NAME=" + name, "GIT_COMMITTER_EMAIL=" + c.email, "GIT_COMMITTER_DATE=" + date}
		if err := git(env, "commit", "-q", "-m", c.subject); err != nil {
			return "", err
		}
	}
	return repo, nil
}

// evidenceEntries reads which entries have evidence, with the command line.
func (s *sandbox) evidenceEntries() (map[string]int, error) {
	out, err := s.cli("evidence", "list", "--json")
	if err != nil {
		return nil, err
	}
	var list []struct {
		Item string `json:"item"`
	}
	if err := json.Unmarshal(out, &list); err != nil {
		return nil, fmt.Errorf("evidence list --json: %w", err)
	}
	n := map[string]int{}
	for _, e := range list {
		n[e.Item]++
	}
	return n, nil
}

// suggestions reads the entries of the suggestions waiting.
func (s *sandbox) suggestions() ([]string, error) {
	out, err := s.cli("evidence", "suggestions", "--json")
	if err != nil {
		return nil, err
	}
	var list []struct {
		Item string `json:"item"`
	}
	if err := json.Unmarshal(out, &list); err != nil {
		return nil, fmt.Errorf("evidence suggestions --json: %w", err)
	}
	var ids []string
	for _, sg := range list {
		ids = append(ids, sg.Item)
	}
	return ids, nil
}

// suggestionFit is a suggestion waiting, with whether it counts for the
// user's readiness and its gain on the evidenced score.
type suggestionFit struct {
	Item   string  `json:"item"`
	Counts bool    `json:"counts"`
	Gain   float64 `json:"gain"`
}

// suggestionFits reads the suggestions waiting, in the order the command
// line lists them.
func (s *sandbox) suggestionFits() ([]suggestionFit, error) {
	out, err := s.cli("evidence", "suggestions", "--json")
	if err != nil {
		return nil, err
	}
	var list []suggestionFit
	if err := json.Unmarshal(out, &list); err != nil {
		return nil, fmt.Errorf("evidence suggestions --json: %w", err)
	}
	return list, nil
}

// evidencedScore reads the evidenced score with the command line.
func (s *sandbox) evidencedScore() (float64, error) {
	out, err := s.cli("status", "--json")
	if err != nil {
		return 0, err
	}
	var st struct {
		Readiness struct {
			Evidenced *struct {
				Score float64 `json:"score"`
			} `json:"evidenced"`
		} `json:"readiness"`
	}
	if err := json.Unmarshal(out, &st); err != nil {
		return 0, fmt.Errorf("status --json: %w", err)
	}
	if st.Readiness.Evidenced == nil {
		return 0, fmt.Errorf("status --json has no evidenced score")
	}
	return st.Readiness.Evidenced.Score, nil
}

// findEvidence scans a git repository for evidence in the window: the
// entries are ticked first with the command line, so that their claims lack
// evidence; Alt opens the File menu, Down to "Find evidence in git
// repositories…" and Enter open it, with the keyboard in its folder field. The path is
// typed, Tab twice reaches the authors, and Enter scans. Once the
// suggestions wait, the Mid entry (countingEntry) comes first, counting for
// the readiness of the user's stage, and the Junior ones after it, counting
// for nothing. Shift+Tab three times from the authors (back past Choose
// folder… and the folder, round to the dialog's last button) reaches
// Accept all, which offers what counts first: Space accepts the Mid entry
// alone and raises the evidenced score; Space again accepts the rest. The
// other author's commit gives nothing.
func (j *journey) findEvidence() error {
	repo, err := j.sb.makeRepo()
	if err != nil {
		return err
	}
	for _, id := range scanEntries[:3] {
		if _, err := j.sb.cli("tick", id); err != nil {
			return err
		}
	}
	before, err := j.sb.evidencedScore()
	if err != nil {
		return err
	}
	had, err := j.sb.evidenceEntries()
	if err != nil {
		return err
	}
	for _, id := range scanEntries {
		if had[id] > 0 {
			return fmt.Errorf("%s has evidence before the scan", id)
		}
	}
	// The ticks made with the command line reach the window first.
	if _, err := j.settledPic(); err != nil {
		return err
	}
	if err := j.fileMenu(findEvidenceItem, "Find evidence in git repositories…"); err != nil {
		return err
	}
	if err := j.typeText(repo); err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab"); err != nil {
		return err
	}
	if err := j.typeText(gitEmail); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	err = poll(j.timeout, "the scan to suggest evidence for "+strings.Join(scanEntries, ", "), func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		ids, err := j.sb.suggestions()
		if err != nil {
			return false, err.Error(), nil
		}
		for _, id := range scanEntries {
			if !contains(ids, id) {
				return false, fmt.Sprintf("suggestions for %q", ids), nil
			}
		}
		return true, "", nil
	})
	if err != nil {
		return err
	}
	ids, _ := j.sb.suggestions()
	if contains(ids, otherEntry) {
		return fmt.Errorf("the scan suggests %s, which only %s's commit shows", otherEntry, otherEmail)
	}
	list, err := j.settledPic()
	if err != nil {
		return err
	}
	_ = savePNG(filepath.Join(j.dir, fmt.Sprintf("%02d-find-evidence-suggestions.png", j.n)), list)
	fits, err := j.sb.suggestionFits()
	if err != nil {
		return err
	}
	if len(fits) == 0 || fits[0].Item != countingEntry || !fits[0].Counts || fits[0].Gain <= 0 {
		return fmt.Errorf("the suggestions start with %+v; want %s first, counting, with a gain", fits, countingEntry)
	}
	for _, f := range fits[1:] {
		if f.Counts {
			return fmt.Errorf("%s counts for a Mid engineer's readiness: %+v", f.Item, fits)
		}
	}
	if err := j.keys("shift+Tab", "shift+Tab", "shift+Tab", "space"); err != nil {
		return err
	}
	err = poll(j.timeout, "Accept all to accept the suggestion that counts first", func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		n, err := j.sb.evidenceEntries()
		if err != nil {
			return false, err.Error(), nil
		}
		return n[countingEntry] > 0, fmt.Sprintf("evidence for %v", n), nil
	})
	if err != nil {
		return err
	}
	n, err := j.sb.evidenceEntries()
	if err != nil {
		return err
	}
	for _, id := range scanEntries {
		if id != countingEntry && n[id] > 0 {
			return fmt.Errorf("the first press of Accept all gave evidence to %s too; want %s alone, the one that counts (%v)", id, countingEntry, n)
		}
	}
	mid, err := j.sb.evidencedScore()
	if err != nil {
		return err
	}
	if mid <= before {
		return fmt.Errorf("the evidenced score went from %.1f to %.1f after accepting %s, want higher", before, mid, countingEntry)
	}
	if err := j.keys("space"); err != nil {
		return err
	}
	err = poll(j.timeout, "Accept all to turn the other suggestions into evidence", func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		n, err := j.sb.evidenceEntries()
		if err != nil {
			return false, err.Error(), nil
		}
		for _, id := range scanEntries {
			if n[id] == 0 {
				return false, fmt.Sprintf("evidence for %v", n), nil
			}
		}
		return true, "", nil
	})
	if err != nil {
		return err
	}
	if n, _ := j.sb.evidenceEntries(); n[otherEntry] > 0 {
		return fmt.Errorf("%s has evidence from %s's commit", otherEntry, otherEmail)
	}
	if left, err := j.sb.suggestions(); err != nil || len(left) != 0 {
		return fmt.Errorf("after Accept all the suggestions %q still wait (%v)", left, err)
	}
	after, err := j.sb.evidencedScore()
	if err != nil {
		return err
	}
	if after != mid {
		return fmt.Errorf("the evidenced score went from %.1f to %.1f after accepting the Junior entries, which count for nothing at Mid", mid, after)
	}
	// The dialog shows the list emptied; the step keeps its picture.
	if _, err := j.changedFrom(list, "the dialog to show the suggestions accepted"); err != nil {
		return err
	}
	return nil
}

// closeFindEvidence closes the dialog with Escape.
func (j *journey) closeFindEvidence() error {
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.keys("Escape"); err != nil {
		return err
	}
	_, err = j.changedFrom(before, "Escape to close the Find evidence dialog")
	return err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
