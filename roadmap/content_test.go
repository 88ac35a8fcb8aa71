package roadmap

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The expected figures below are transcribed from the DevOps career roadmap
// that devops.yaml encodes; every table of the source is covered.

func band(lo, hi int) *Band     { return &Band{Min: lo, Max: hi} }
func openBand(lo, hi int) *Band { return &Band{Min: lo, Max: hi, Open: true} }
func intp(i int) *int           { return &i }
func sal(uk, us *Band) Salary   { return Salary{UK: uk, US: us} }

func sameBand(got, want *Band) bool {
	return (got == nil) == (want == nil) && (got == nil || *got == *want)
}

func bandString(b *Band) string {
	if b == nil {
		return "none"
	}
	s := fmt.Sprintf("%d-%d", b.Min, b.Max)
	if b.Open {
		s += "+"
	}
	return s
}

func checkSalary(t *testing.T, where string, got, want Salary) {
	t.Helper()
	if !sameBand(got.UK, want.UK) {
		t.Errorf("%s: UK salary %s, want %s", where, bandString(got.UK), bandString(want.UK))
	}
	if !sameBand(got.US, want.US) {
		t.Errorf("%s: US salary %s, want %s", where, bandString(got.US), bandString(want.US))
	}
}

func TestDefaultIsValidAndIndexed(t *testing.T) {
	r := Default()
	if r == nil {
		t.Fatal("Default() = nil")
	}
	if err := r.Validate(); err != nil {
		t.Fatalf("embedded roadmap does not validate:\n%v", err)
	}
	if r.ix == nil {
		t.Error("Default() returned a roadmap without its index")
	}
	if Default() != r {
		t.Error("Default() parsed the embedded file again instead of sharing it")
	}
	if r.Version != 2 || r.ID != "devops" {
		t.Errorf("version %d id %q, want 2 devops", r.Version, r.ID)
	}
	want := Readiness{Weights: Weights{Skills: 0.5, Criteria: 0.3, Milestone: 0.1, Experience: 0.1}, Ready: 85, Close: 60, StallMonths: 36, Evidence: EvidenceRule{RequiredFromLevel: 3, MaxAgeMonths: 24}, ReconfirmMonths: 12, HorizonMonths: 60}
	if r.Readiness != want {
		t.Errorf("readiness %+v, want %+v", r.Readiness, want)
	}
}

// TestStages checks the overview table: five stages in order with their
// titles, years, UK and US salary and key milestone.
func TestStages(t *testing.T) {
	want := []struct {
		id, title string
		min       int
		max       *int
		salary    Salary
		milestone string
	}{
		{"junior", "Junior DevOps Engineer", 0, intp(2), sal(band(40000, 55000), band(65000, 90000)), "First production deployment"},
		{"mid", "DevOps Engineer (Mid)", 2, intp(4), sal(band(55000, 80000), band(90000, 130000)), "Independent ownership of systems"},
		{"senior", "Senior DevOps Engineer", 4, intp(6), sal(band(80000, 110000), band(130000, 175000)), "Architectural decision-making"},
		{"lead", "Specialisation / Lead", 6, intp(8), sal(band(90000, 135000), band(140000, 200000)), "Domain expertise or team leadership"},
		{"staff", "Staff / Principal / Architect", 8, nil, sal(openBand(120000, 170000), openBand(180000, 260000)), "Organisation-wide influence"},
	}
	r := Default()
	if len(r.Stages) != len(want) {
		t.Fatalf("%d stages, want %d", len(r.Stages), len(want))
	}
	for i, w := range want {
		s := r.Stages[i]
		if s.ID != w.id || s.Title != w.title {
			t.Errorf("stage %d = %s %q, want %s %q", i, s.ID, s.Title, w.id, w.title)
		}
		if s.Years.Min != w.min || (s.Years.Max == nil) != (w.max == nil) || (w.max != nil && *s.Years.Max != *w.max) {
			t.Errorf("stage %s years %d-%v, want %d-%v", s.ID, s.Years.Min, s.Years.Max, w.min, w.max)
		}
		checkSalary(t, "stage "+s.ID, s.Salary, w.salary)
		if s.Milestone.Title != w.milestone || !strings.HasPrefix(s.Milestone.ID, s.ID+"-") {
			t.Errorf("stage %s milestone %s %q, want %q with id prefix %q", s.ID, s.Milestone.ID, s.Milestone.Title, w.milestone, s.ID+"-")
		}
		if len(s.Responsibilities) == 0 || len(s.Criteria) == 0 || len(s.Skills) == 0 {
			t.Errorf("stage %s: %d responsibilities, %d criteria, %d skill groups; want some of each",
				s.ID, len(s.Responsibilities), len(s.Criteria), len(s.Skills))
		}
		if s.Summary == "" {
			t.Errorf("stage %s has no summary", s.ID)
		}
	}
}

// TestResponsibilityCounts checks that every "What you do" line is kept.
func TestResponsibilityCounts(t *testing.T) {
	want := map[string]int{"junior": 7, "mid": 8, "senior": 9}
	for id, n := range want {
		if got := len(Default().Stage(id).Responsibilities); got != n {
			t.Errorf("stage %s has %d responsibilities, want %d", id, got, n)
		}
	}
}

// TestSkillSplit checks that each skills line became one group with its
// sub-topics as separate items.
func TestSkillSplit(t *testing.T) {
	want := map[string]struct {
		stage, title string
		items        []string
	}{
		"junior-linux":             {"junior", "Deepen Linux knowledge", []string{"linux-systemd", "linux-networking", "linux-troubleshooting", "linux-performance"}},
		"junior-docker":            {"junior", "Production Docker", []string{"docker-multistage", "docker-security-scanning", "docker-image-optimisation"}},
		"junior-cicd":              {"junior", "CI/CD mastery", []string{"cicd-github-actions-jenkins", "cicd-pipeline-patterns"}},
		"junior-aws":               {"junior", "AWS core services", []string{"aws-ec2", "aws-vpc", "aws-iam", "aws-s3", "aws-rds", "aws-cloudwatch", "aws-ecs-eks"}},
		"junior-terraform":         {"junior", "Terraform proficiency", []string{"tf-modules", "tf-state", "tf-workspaces"}},
		"junior-monitoring":        {"junior", "Monitoring basics", []string{"mon-prometheus", "mon-grafana", "mon-dashboards-alerts"}},
		"junior-incidents":         {"junior", "Incident response", []string{"incident-participation", "incident-postmortems"}},
		"mid-kubernetes":           {"mid", "Kubernetes mastery", []string{"k8s-rbac", "k8s-network-policies", "k8s-helm", "k8s-operators", "k8s-debugging"}},
		"mid-terraform":            {"mid", "Advanced Terraform", []string{"tf-custom-providers", "tf-module-composition", "tf-state-manipulation"}},
		"mid-cloud-architecture":   {"mid", "Cloud architecture", []string{"cloud-multi-region", "cloud-high-availability", "cloud-disaster-recovery"}},
		"mid-security":             {"mid", "Security", []string{"sec-secrets-management", "sec-network-segmentation", "sec-compliance-basics"}},
		"mid-cost":                 {"mid", "Cost optimisation", []string{"cost-reserved-instances", "cost-spot-instances", "cost-right-sizing"}},
		"mid-python":               {"mid", "Python automation", []string{"python-tools-for-engineers"}},
		"mid-communication":        {"mid", "Communication", []string{"comm-non-technical"}},
		"senior-specialisation":    {"senior", "Deep expertise in at least one specialisation", []string{"spec-deep-expertise"}},
		"senior-system-design":     {"senior", "System design", []string{"design-scale", "design-reliability", "design-cost-efficiency"}},
		"senior-collaboration":     {"senior", "Cross-team collaboration", []string{"collab-product", "collab-security", "collab-data"}},
		"senior-technical-writing": {"senior", "Technical writing", []string{"writing-rfcs", "writing-adrs", "writing-tech-specs"}},
		"senior-leadership":        {"senior", "Leadership without authority", []string{"influence-without-authority"}},
		"senior-business":          {"senior", "Business acumen", []string{"biz-infra-outcomes"}},
	}
	groups := map[string]SkillGroup{}
	groupStage := map[string]string{}
	perStage := map[string]int{}
	for _, s := range Default().Stages {
		for _, g := range s.Skills {
			groups[g.ID] = g
			groupStage[g.ID] = s.ID
			if g.Track == "" {
				perStage[s.ID]++
			}
		}
	}
	for id, w := range want {
		g, ok := groups[id]
		if !ok {
			t.Errorf("no skill group %s", id)
			continue
		}
		if groupStage[id] != w.stage || g.Title != w.title {
			t.Errorf("group %s is %q at %s, want %q at %s", id, g.Title, groupStage[id], w.title, w.stage)
		}
		var got []string
		for _, it := range g.Items {
			got = append(got, it.ID)
		}
		if strings.Join(got, " ") != strings.Join(w.items, " ") {
			t.Errorf("group %s items %v, want %v", id, got, w.items)
		}
	}
	// Each "skills" line of the source is one group: 7 at junior and mid,
	// 6 at senior.
	for stage, n := range map[string]int{"junior": 7, "mid": 7, "senior": 6} {
		if perStage[stage] != n {
			t.Errorf("stage %s has %d skill groups, want %d", stage, perStage[stage], n)
		}
	}
	aws := groups["junior-aws"]
	titles := []string{}
	for _, it := range aws.Items {
		titles = append(titles, it.Title)
	}
	if got := strings.Join(titles, ", "); got != "EC2, VPC, IAM, S3, RDS, CloudWatch, ECS/EKS" {
		t.Errorf("AWS core services items %q", got)
	}
}

// TestCriteriaSplit checks that each "ready for the next level" paragraph
// became one criterion per claim.
func TestCriteriaSplit(t *testing.T) {
	want := map[string]int{"junior": 5, "mid": 6}
	for id, n := range want {
		s := Default().Stage(id)
		if len(s.Criteria) != n {
			t.Errorf("stage %s has %d criteria, want %d", id, len(s.Criteria), n)
		}
		for _, c := range s.Criteria {
			if !strings.HasPrefix(c.ID, id+"-ready-") {
				t.Errorf("criterion %s of stage %s: want id prefix %s-ready-", c.ID, id, id)
			}
		}
	}
	for _, id := range []string{"senior", "lead", "staff"} {
		if n := len(Default().Stage(id).Criteria); n < 3 {
			t.Errorf("stage %s has %d criteria, want at least 3", id, n)
		}
	}
}

// TestLeadAndStaffChecklists checks how the stages without a skill list in
// the source are built: common groups plus one group per track, and at lead
// the chosen branch.
func TestLeadAndStaffChecklists(t *testing.T) {
	r := Default()
	for _, id := range []string{"lead", "staff"} {
		s := r.Stage(id)
		common := 0
		perTrack := map[string]int{}
		perBranch := map[string]int{}
		for _, g := range s.Skills {
			switch {
			case g.Track != "":
				perTrack[g.Track]++
			case g.Branch != "":
				perBranch[g.Branch]++
			default:
				common++
			}
		}
		// Lead counts the branch's own items; Staff has one group per
		// branch, so that a specialist has branch work at both.
		for _, b := range r.Branches {
			if want := map[string]int{"lead": 0, "staff": 1}[id]; perBranch[b.ID] != want {
				t.Errorf("stage %s has %d groups for branch %s, want %d", id, perBranch[b.ID], b.ID, want)
			}
		}
		if common < 1 || common > 2 {
			t.Errorf("stage %s has %d common groups, want 1 or 2", id, common)
		}
		for _, tr := range []string{TrackIC, TrackManagement, TrackArchitecture} {
			if perTrack[tr] != 1 {
				t.Errorf("stage %s has %d groups for track %s, want 1", id, perTrack[tr], tr)
			}
		}
	}
	if !r.Stage("lead").BranchSkills {
		t.Error("stage lead does not count the chosen branch's items")
	}
	for _, s := range r.Stages {
		if s.ID != "lead" && s.BranchSkills {
			t.Errorf("stage %s has branch_skills, want only lead", s.ID)
		}
	}
	titles := map[string]string{}
	for _, s := range r.Stages {
		for _, g := range s.Skills {
			if g.Track != "" {
				titles[s.ID+"/"+g.Track] = g.Title
			}
			if g.Branch != "" {
				titles[s.ID+"/"+g.Branch] = g.Title
			}
		}
	}
	for key, want := range map[string]string{
		"lead/ic": "Staff Engineer", "lead/management": "Engineering Manager", "lead/architecture": "Solutions Architect",
		"staff/ic": "Principal Engineer", "staff/management": "Director", "staff/architecture": "Cloud Architect",
		"staff/sre": "Staff SRE", "staff/platform": "Staff Platform Engineer", "staff/ai-infra": "Staff AI Infra",
		"staff/cloud-security": "Staff Security Engineer",
	} {
		if !strings.Contains(titles[key], want) {
			t.Errorf("group for %s is %q, want it to name %q", key, titles[key], want)
		}
	}
	// Each group names one rung: the one held at its stage, not the next.
	if g := titles["staff/architecture"]; strings.Contains(g, "Enterprise") {
		t.Errorf("staff architecture group %q names the next rung too", g)
	}
}

// TestBranches checks the four specialisation branches: salary bands, the
// "do differently" items and each career ladder with its UK figures.
func TestBranches(t *testing.T) {
	type rung struct {
		title string
		uk    *Band
	}
	want := []struct {
		id, title string
		salary    Salary
		ladder    []rung
	}{
		{"sre", "Site Reliability Engineering (SRE)", sal(band(70000, 130000), band(100000, 200000)), []rung{
			{"SRE", band(70000, 90000)}, {"Senior SRE", band(90000, 110000)},
			{"Staff SRE", band(110000, 130000)}, {"Head of Reliability", band(130000, 160000)}}},
		{"platform", "Platform Engineering", sal(band(75000, 140000), band(110000, 210000)), []rung{
			{"Platform Engineer", band(75000, 95000)}, {"Senior Platform Engineer", band(95000, 120000)},
			{"Staff Platform Engineer", band(120000, 140000)}, {"Head of Platform", band(140000, 170000)}}},
		{"ai-infra", "AI/ML Infrastructure Engineering", sal(band(85000, 150000), openBand(120000, 220000)), []rung{
			{"MLOps Engineer", band(85000, 105000)}, {"Senior AI Infra Engineer", band(105000, 130000)},
			{"Staff AI Infra", band(130000, 150000)}, {"Head of AI Infrastructure", openBand(150000, 180000)}}},
		{"cloud-security", "Cloud Security Engineering", sal(band(68000, 125000), band(95000, 185000)), []rung{
			{"Cloud Security Engineer", band(68000, 85000)}, {"Senior Cloud Security", band(85000, 105000)},
			{"Staff Security Engineer", band(105000, 125000)}, {"Head of Cloud Security", band(125000, 160000)}}},
	}
	r := Default()
	if len(r.Branches) != len(want) {
		t.Fatalf("%d branches, want %d", len(r.Branches), len(want))
	}
	for i, w := range want {
		b := r.Branches[i]
		if b.ID != w.id || b.Title != w.title {
			t.Errorf("branch %d = %s %q, want %s %q", i, b.ID, b.Title, w.id, w.title)
		}
		if r.Branch(w.id) != &r.Branches[i] {
			t.Errorf("Branch(%q) does not find it", w.id)
		}
		checkSalary(t, "branch "+b.ID, b.Salary, w.salary)
		if len(b.Items) != 6 {
			t.Errorf("branch %s has %d items, want the 6 things it does differently", b.ID, len(b.Items))
		}
		prefix := map[string]string{"sre": "sre-", "platform": "platform-", "ai-infra": "ai-", "cloud-security": "cloudsec-"}[b.ID]
		for _, it := range b.Items {
			if !strings.HasPrefix(it.ID, prefix) {
				t.Errorf("branch %s item %s: want id prefix %s", b.ID, it.ID, prefix)
			}
		}
		if b.Summary == "" || b.Suits == "" {
			t.Errorf("branch %s lacks summary or suits", b.ID)
		}
		if len(b.Ladder) != len(w.ladder) {
			t.Errorf("branch %s ladder has %d rungs, want %d", b.ID, len(b.Ladder), len(w.ladder))
			continue
		}
		for j, wr := range w.ladder {
			got := b.Ladder[j]
			if got.Title != wr.title {
				t.Errorf("branch %s rung %d %q, want %q", b.ID, j, got.Title, wr.title)
			}
			checkSalary(t, "branch "+b.ID+" rung "+wr.title, got.Salary, Salary{UK: wr.uk})
		}
	}
}

// TestTracks checks the IC, management and architecture tables.
func TestTracks(t *testing.T) {
	type level struct {
		id, title string
		salary    Salary
		scope     string
		stage     string
	}
	want := []struct {
		id     string
		levels []level
	}{
		{"ic", []level{
			{"ic-senior", "Senior Engineer", sal(band(80000, 110000), band(130000, 175000)), "Team-level influence", "senior"},
			{"ic-staff", "Staff Engineer", sal(band(110000, 140000), band(170000, 220000)), "Multi-team influence", "lead"},
			{"ic-principal", "Principal Engineer", sal(band(130000, 170000), openBand(200000, 260000)), "Organisation-wide influence", "staff"},
			{"ic-distinguished", "Distinguished Engineer", sal(openBand(160000, 200000), openBand(250000, 350000)), "Industry influence (rare)", ""},
		}},
		{"management", []level{
			{"engineering-manager", "Engineering Manager", sal(band(90000, 120000), band(140000, 190000)), "One team (5-10 engineers)", "lead"},
			{"director", "Senior EM / Director", sal(band(120000, 160000), band(180000, 240000)), "Multiple teams", "staff"},
			{"vp-engineering", "VP of Engineering", sal(openBand(150000, 200000), openBand(220000, 320000)), "Engineering department", ""},
			{"cto", "CTO", sal(openBand(180000, 300000), openBand(280000, 500000)), "Technical strategy", ""},
		}},
		{"architecture", []level{
			{"solutions-architect", "Solutions Architect", sal(band(85000, 120000), band(130000, 180000)), "Project-level design", "lead"},
			{"cloud-architect", "Cloud Architect", sal(band(100000, 145000), band(155000, 220000)), "Platform-level design", "staff"},
			{"enterprise-architect", "Enterprise Architect", sal(band(120000, 170000), band(180000, 260000)), "Organisation-level strategy", ""},
			{"chief-architect", "Chief Architect", sal(openBand(150000, 200000), openBand(220000, 320000)), "Technical vision", ""},
		}},
	}
	r := Default()
	if len(r.Tracks) != len(want) {
		t.Fatalf("%d tracks, want %d", len(r.Tracks), len(want))
	}
	for i, w := range want {
		tr := r.Tracks[i]
		if tr.ID != w.id || tr.Title == "" || tr.Summary == "" {
			t.Errorf("track %d = %s %q (summary %q), want id %s with title and summary", i, tr.ID, tr.Title, tr.Summary, w.id)
		}
		if len(tr.Levels) != 4 {
			t.Errorf("track %s has %d levels, want 4", tr.ID, len(tr.Levels))
			continue
		}
		for j, wl := range w.levels {
			l := tr.Levels[j]
			if l.ID != wl.id || l.Title != wl.title || l.Scope != wl.scope || l.Stage != wl.stage {
				t.Errorf("track %s level %d = %s %q scope %q stage %q, want %s %q scope %q stage %q",
					tr.ID, j, l.ID, l.Title, l.Scope, l.Stage, wl.id, wl.title, wl.scope, wl.stage)
			}
			checkSalary(t, "level "+wl.id, l.Salary, wl.salary)
		}
	}
}

// TestTransitions checks the timelines table.
func TestTransitions(t *testing.T) {
	want := []struct {
		from, to             string
		typical, accelerated Months
	}{
		{"junior", "mid", Months{18, 24}, Months{12, 15}},
		{"mid", "senior", Months{24, 36}, Months{18, 24}},
		{"senior", "lead", Months{24, 36}, Months{18, 24}},
		{"lead", "staff", Months{36, 48}, Months{24, 36}},
	}
	r := Default()
	if len(r.Transitions) != len(want) {
		t.Fatalf("%d transitions, want %d", len(r.Transitions), len(want))
	}
	for i, w := range want {
		tr := r.Transitions[i]
		if tr.From != w.from || tr.To != w.to || tr.TypicalMonths != w.typical || tr.AcceleratedMonths != w.accelerated {
			t.Errorf("transition %d = %s→%s %v/%v, want %s→%s %v/%v", i, tr.From, tr.To,
				tr.TypicalMonths, tr.AcceleratedMonths, w.from, w.to, w.typical, w.accelerated)
		}
		if tr.Accelerators == "" {
			t.Errorf("transition %s→%s has no accelerators", tr.From, tr.To)
		}
		if r.TransitionFrom(w.from) != &r.Transitions[i] || r.TransitionInto(w.to) != &r.Transitions[i] {
			t.Errorf("TransitionFrom/Into do not find %s→%s", w.from, w.to)
		}
	}
}

// TestAdvice checks the decision point, accelerators, mistakes (with their
// numbers) and next steps.
func TestAdvice(t *testing.T) {
	r := Default()
	d := r.Decision
	if d == nil || d.Stage != "senior" || len(d.Options) != 4 {
		t.Fatalf("decision %+v, want stage senior with 4 options", d)
	}
	for _, fig := range []string{"£100,000", "$160,000"} {
		if !strings.Contains(d.Summary, fig) {
			t.Errorf("decision summary lacks %s: %q", fig, d.Summary)
		}
	}
	if len(r.Accelerators) != 4 {
		t.Errorf("%d accelerators, want 4", len(r.Accelerators))
	}
	mistakes := map[string]string{
		"too-long-at-one-level":    "three years",
		"salary-over-learning":     "£5,000",
		"management-only-path":     "IC",
		"neglecting-communication": "communicat",
		"specialising-too-early":   "years 1-3",
	}
	if len(r.Mistakes) != len(mistakes) {
		t.Errorf("%d mistakes, want %d", len(r.Mistakes), len(mistakes))
	}
	for _, m := range r.Mistakes {
		want, ok := mistakes[m.ID]
		if !ok {
			t.Errorf("unexpected mistake %s", m.ID)
			continue
		}
		if !strings.Contains(m.Title+" "+m.Summary, want) {
			t.Errorf("mistake %s does not mention %q: %q", m.ID, want, m.Summary)
		}
	}
	var stages []string
	for _, n := range r.NextSteps {
		stages = append(stages, "["+n.Stage+"]")
	}
	if got := strings.Join(stages, ""); got != "[][junior][mid][senior]" {
		t.Errorf("next steps for %s, want pre-career, junior, mid, senior", got)
	}
	for _, n := range r.NextSteps[1:3] {
		if !strings.Contains(n.Summary, "18-24 months") {
			t.Errorf("next step for %s lacks the 18-24 months target: %q", n.Stage, n.Summary)
		}
	}
	if r.Readiness.StallMonths != 36 {
		t.Errorf("stall months %d, want 36 (more than three years at one level)", r.Readiness.StallMonths)
	}
}

// TestIDs checks that every tickable id is well formed, unique, and found
// by Lookup with the right kind and place.
func TestIDs(t *testing.T) {
	r := Default()
	seen := map[string]bool{}
	kinds := map[string]int{}
	for _, e := range r.Entries() {
		id := e.Item.ID
		if !idPattern.MatchString(id) {
			t.Errorf("malformed id %q", id)
		}
		if seen[id] {
			t.Errorf("duplicate id %q", id)
		}
		seen[id] = true
		kinds[e.Kind]++
		if e.Item.Title == "" {
			t.Errorf("entry %s has no title", id)
		}
		got, ok := r.Lookup(id)
		if !ok || got.Kind != e.Kind || got.Stage != e.Stage || got.Branch != e.Branch {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v", id, got, ok, e)
		}
	}
	if kinds[KindMilestone] != 5 || kinds[KindBranchItem] != 24 || kinds[KindSkill] < 60 || kinds[KindCriterion] < 20 {
		t.Errorf("entry kinds %v: want 5 milestones, 24 branch items, many skills and criteria", kinds)
	}
	e, ok := r.Lookup("aws-ec2")
	if !ok || e.Kind != KindSkill || e.Stage != "junior" || e.Group != "junior-aws" || e.GroupTitle != "AWS core services" {
		t.Errorf("Lookup(aws-ec2) = %+v, %v", e, ok)
	}
	e, ok = r.Lookup("staff-eng-technical-standards")
	if !ok || e.Stage != "lead" || e.Track != TrackIC {
		t.Errorf("Lookup(staff-eng-technical-standards) = %+v, %v; want a lead skill on the ic track", e, ok)
	}
	// Stage, group, branch, track and level ids are unique among their kind.
	other := map[string]bool{}
	check := func(kind, id string) {
		if !idPattern.MatchString(id) || other[kind+"/"+id] {
			t.Errorf("%s id %q is malformed or repeated", kind, id)
		}
		other[kind+"/"+id] = true
	}
	for _, s := range r.Stages {
		check("stage", s.ID)
		for _, g := range s.Skills {
			check("group", g.ID)
		}
	}
	for _, tr := range r.Tracks {
		check("track", tr.ID)
		for _, l := range tr.Levels {
			check("level", l.ID)
		}
	}
}

// TestFacts checks that the facts of the source that have no field of their
// own are in the roadmap, each at its place, by its key figures and names.
func TestFacts(t *testing.T) {
	r := Default()
	all := func(fs ...string) string { return strings.Join(fs, "\n") }
	level := func(track, id string) TrackLevel {
		for _, l := range r.Track(track).Levels {
			if l.ID == id {
				return l
			}
		}
		t.Fatalf("no level %s on track %s", id, track)
		return TrackLevel{}
	}
	suits := func(id string) string {
		b := r.Branch(id)
		if b == nil {
			t.Fatalf("no branch %s", id)
		}
		return b.Suits + "\n" + all(b.Facts...)
	}
	for _, c := range []struct {
		where, text string
		want        []string
	}{
		{"the Principal Engineer rung", all(level(TrackIC, "ic-principal").Facts...), []string{"fewer than five", "Principal Engineers", "500 engineers"}},
		{"the IC track", all(r.Track(TrackIC).Facts...), []string{"not a consolation prize", "deep technical expertise", "understanding of systems", "complex ideas clearly"}},
		{"the management track", all(r.Track(TrackManagement).Facts...), []string{
			"Good reasons", "helping people grow", "how the organisation is designed", "team dynamics",
			"Bad reasons", "only route to a higher salary (it is not)", "what the organisation expects", `"promotion"`,
		}},
		{"the architecture track", all(r.Track(TrackArchitecture).Facts...), []string{"broadest skill set", "deep technical knowledge", "business", "exceptional communication"}},
		{"the timelines", all(r.TimelineFacts...), []string{"focus", "challenging work", "build skills on purpose", "change roles", "growth stalls", "mid-level engineer at Company A", "Company B as a senior"}},
		{"the junior stage", r.Stage("junior").Summary, []string{"Linux", "Docker", "CI/CD", "cloud basics", "Terraform"}},
		{"the mid stage", r.Stage("mid").Summary, []string{"the person juniors come to"}},
		{"the decision", all(r.Decision.Facts...), []string{"None of these paths is the wrong one"}},
		{"the SRE branch", suits("sre"), []string{"more reliable today than it was yesterday"}},
		{"the Platform branch", suits("platform"), []string{"friction", "systematically"}},
		{"the AI branch", suits("ai-infra"), []string{"every AI", "product is an infrastructure product"}},
		{"the Cloud Security branch", suits("cloud-security"), []string{"securing complex", "systems is a challenge to enjoy"}},
	} {
		text := strings.Join(strings.Fields(c.text), " ")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %q: %q", c.where, w, text)
			}
		}
	}
}

// countedSet returns the entries that count at stage s for a user on track
// tr ("" for none) with branch br ("" for none): the same rule as the
// readiness engine's active entries.
func countedSet(r *Roadmap, s *Stage, tr, br string) []Item {
	var out []Item
	for _, g := range s.Skills {
		if (g.Track == "" || g.Track == tr) && (g.Branch == "" || g.Branch == br) {
			out = append(out, g.Items...)
		}
	}
	if s.BranchSkills && br != "" {
		out = append(out, r.Branch(br).Items...)
	}
	for _, c := range s.Criteria {
		if c.Track == "" || c.Track == tr {
			out = append(out, c)
		}
	}
	if s.Milestone.ID != "" {
		out = append(out, s.Milestone)
	}
	return out
}

// titleStopWords are left out when titles are compared: they carry no
// meaning of their own.
var titleStopWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "and": true, "or": true,
	"in": true, "on": true, "for": true, "with": true, "by": true, "your": true, "you": true,
	"that": true, "is": true, "are": true, "be": true, "as": true, "at": true, "from": true,
	"not": true, "others": true, "other": true, "can": true, "which": true, "their": true,
}

// titleWords is the set of meaningful words of a title: lower case,
// punctuation and stop words dropped, each word cut to its first five
// letters, a rough stem ("mentoring" and "mentor" compare equal).
func titleWords(title string) map[string]bool {
	w := map[string]bool{}
	for _, f := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if titleStopWords[f] {
			continue
		}
		if len(f) > 5 {
			f = f[:5]
		}
		w[f] = true
	}
	return w
}

// nearSame reports whether two word sets are near-identical: a Jaccard
// index of 0.7 or more, or one contained in the other.
func nearSame(a, b map[string]bool) (bool, float64) {
	if len(a) == 0 || len(b) == 0 {
		return false, 0
	}
	both := 0
	for w := range a {
		if b[w] {
			both++
		}
	}
	j := float64(both) / float64(len(a)+len(b)-both)
	return j >= 0.7 || both == len(a) || both == len(b), j
}

// TestNoNearDuplicateTitles checks that one user never ticks the same
// ability twice: for each track (and for no track), and each branch, among
// the entries that count at Senior, Lead and Staff together, no two have
// near-identical titles.
func TestNoNearDuplicateTitles(t *testing.T) {
	if ok, _ := nearSame(titleWords("Mentoring senior engineers"), titleWords("Senior engineers grow through your mentoring")); !ok {
		t.Fatal("the comparison misses a known near-duplicate")
	}
	if ok, _ := nearSame(titleWords("Designing for scale"), titleWords("Designing for reliability")); ok {
		t.Fatal("the comparison flags two different abilities")
	}
	r := Default()
	seen := map[string]bool{}
	branches := []string{""}
	for _, b := range r.Branches {
		branches = append(branches, b.ID)
	}
	for _, tr := range []string{"", TrackIC, TrackManagement, TrackArchitecture} {
		for _, br := range branches {
			var set []Item
			for _, sid := range []string{"senior", "lead", "staff"} {
				set = append(set, countedSet(r, r.Stage(sid), tr, br)...)
			}
			for i := range set {
				for j := i + 1; j < len(set); j++ {
					a, b := set[i], set[j]
					if ok, jac := nearSame(titleWords(a.Title), titleWords(b.Title)); ok {
						key := a.ID + "|" + b.ID
						if !seen[key] {
							seen[key] = true
							t.Errorf("track %q: %s %q and %s %q are near-identical (Jaccard %.2f)", tr, a.ID, a.Title, b.ID, b.Title, jac)
						}
					}
				}
			}
		}
	}
}

// matchingFile returns the ids of the entries whose signals match the file
// path p.
func matchingFile(r *Roadmap, p string) []string {
	var ids []string
	for _, e := range r.Entries() {
		if e.Item.Signals.MatchFile(p) {
			ids = append(ids, e.Item.ID)
		}
	}
	return ids
}

// TestSignalsFindTheRightEntries: files a DevOps engineer's repositories
// hold are matched to the entries whose work they show, and files every
// repository has are matched to almost none.
func TestSignalsFindTheRightEntries(t *testing.T) {
	r := Default()
	for _, c := range []struct{ file, want string }{
		{"infra/main.tf", "tf-modules"},
		{"modules/vpc/variables.tf", "tf-module-composition"},
		{"variables.tf", "tf-module-composition"},
		{"outputs.tf", "tf-module-composition"},
		{"examples/complete/main.tf", "tf-module-composition"},
		{"tests/defaults.tftest.hcl", "tf-module-composition"},
		{"envs/prod/backend.tf", "tf-state"},
		{"Dockerfile", "docker-multistage"},
		{"services/api/Dockerfile.prod", "docker-multistage"},
		{".dockerignore", "docker-image-optimisation"},
		{"docker-compose.override.yml", "junior-ready-deploy-stack"},
		{".github/workflows/ci.yml", "cicd-github-actions-jenkins"},
		{"Jenkinsfile", "cicd-github-actions-jenkins"},
		{".github/workflows/security-scan.yml", "cloudsec-devsecops"},
		{"charts/api/Chart.yaml", "k8s-helm"},
		{"charts/api/templates/deployment.yaml", "k8s-helm"},
		{"k8s/base/networkpolicy.yaml", "k8s-network-policies"},
		{"k8s/base/rbac.yaml", "k8s-rbac"},
		{"deploy/k8s/deployment.yaml", "junior-ready-deploy-stack"},
		{"kustomization.yaml", "junior-ready-deploy-stack"},
		{"internal/controller/cluster_controller.go", "k8s-operators"},
		{"api/v1/cluster_types.go", "k8s-operators"},
		{"deploy/prometheus/alerts.rules.yml", "mon-prometheus"},
		{"monitoring/dashboards/api.json", "mon-grafana"},
		{"ops/runbooks/db/failover.md", "sre-incident-culture"},
		{"docs/postmortems/2026-03-outage.md", "incident-postmortems"},
		{"docs/adr/0001-use-postgres.md", "writing-adrs"},
		{"docs/rfcs/0007-new-ingress.md", "writing-rfcs"},
		{"policy/deny.rego", "sec-compliance-basics"},
		{"policy/deny.rego", "cloudsec-compliance"},
		{"terraform/iam-roles.tf", "cloudsec-iam-policies"},
		{"tools/rotate_keys.py", "python-tools-for-engineers"},
		{"scripts/cleanup.sh", "sre-toil-automation"},
		{"airflow/dags/train/nightly.py", "ai-ml-pipelines"},
		{"catalog-info.yaml", "platform-service-catalogue"},
		{"cookiecutter.json", "platform-golden-paths"},
	} {
		if ids := matchingFile(r, c.file); !slices.Contains(ids, c.want) {
			t.Errorf("%s matches %v, want %s among them", c.file, ids, c.want)
		}
	}
	for _, file := range []string{"README.md", "src/main.go", "go.mod", "LICENSE", "src/app/handler.go"} {
		if ids := matchingFile(r, file); len(ids) > 2 {
			t.Errorf("%s matches %d entries %v; a file every repository has must show almost nothing", file, len(ids), ids)
		}
	}
	// A runbook is evidence of runbooks, not of any Markdown work.
	if ids := matchingFile(r, "notes/todo.md"); len(ids) != 0 {
		t.Errorf("notes/todo.md matches %v", ids)
	}
}

// TestSignalsInTheDefaultRoadmap: the embedded roadmap's signals are all
// well formed, cover a good part of the entries, and reach every kind of
// entry that commits can show.
func TestSignalsInTheDefaultRoadmap(t *testing.T) {
	r := Default()
	with := 0
	kinds := map[string]bool{}
	for _, e := range r.Entries() {
		s := e.Item.Signals
		if s == nil {
			continue
		}
		with++
		kinds[e.Kind] = true
		for _, g := range s.Paths {
			if err := CheckGlob(g); err != nil {
				t.Errorf("%s: %v", e.Item.ID, err)
			}
			if g == "*.md" || g == "*.yaml" || g == "*.yml" || g == "*.json" || g == "**" || g == "*" {
				t.Errorf("%s: glob %q matches far too much", e.Item.ID, g)
			}
		}
		for _, w := range s.Words {
			if strings.TrimSpace(w) == "" {
				t.Errorf("%s: empty word", e.Item.ID)
			}
		}
	}
	if with < 40 {
		t.Errorf("%d entries have signals, want at least 40", with)
	}
	for _, k := range []string{KindSkill, KindCriterion, KindMilestone, KindBranchItem} {
		if !kinds[k] {
			t.Errorf("no %s entry has signals", k)
		}
	}
	// A criterion or a milestone is never suggested from changed files
	// alone (see NeedsWords): one with signals has words, which its
	// paths only narrow.
	for _, e := range r.Entries() {
		if s := e.Item.Signals; s != nil && NeedsWords(e.Kind) && len(s.Words) == 0 {
			t.Errorf("%s (%s) has paths but no words: no commit would ever match it", e.Item.ID, e.Kind)
		}
	}
	// Entries about people show in no commit.
	for _, id := range []string{"em-one-on-ones", "lead-ready-mentor-seniors", "mid-ready-mentor", "comm-non-technical"} {
		if e, ok := r.Lookup(id); !ok || e.Item.Signals != nil {
			t.Errorf("%s: found %v, signals %+v; want an entry without signals", id, ok, e.Item.Signals)
		}
	}
	// Subjects: whole words, any case.
	for _, c := range []struct{ subject, want string }{
		{"Terraform: split the network module", "tf-modules"},
		{"Move bucket with state mv", "tf-state-manipulation"},
		{"Add post-mortem for the March outage", "incident-postmortems"},
		{"Write ADR 12 on queueing", "writing-adrs"},
		{"Expose the module outputs the VPC needs", "tf-module-composition"},
		{"Deploy the whole stack from one command", "junior-ready-deploy-stack"},
		{"Reconcile finalizers in the operator", "k8s-operators"},
		{"Serve llama with vLLM", "ai-model-serving"},
	} {
		e, ok := r.Lookup(c.want)
		if !ok || !e.Item.Signals.MatchSubject(c.subject) {
			t.Errorf("subject %q does not match %s", c.subject, c.want)
		}
	}
}
