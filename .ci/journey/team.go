package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"image"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"devpath/roadmap"
	"devpath/tracker"
	"devpath/tracker/team"
	"devpath/tracker/team/teamtest"
)

// The team round trip, after the journey above: a throwaway PostgreSQL
// server on a Unix socket, two engineers who each join it from Settings ▸
// Team with the keyboard and check in in the window (which publishes),
// then their manager, whose Team screen shows both and the coverage. The
// password comes from PGPASSWORD in devpath's environment.
func init() {
	journeySteps = append(journeySteps,
		journeyStep{"team-server", (*journey).teamServer},
		journeyStep{"team-engineer-alice", func(j *journey) error { return j.teamEngineer(teamtest.Alice, "Alice Archer", 0) }},
		journeyStep{"team-engineer-bob", func(j *journey) error { return j.teamEngineer(teamtest.Bob, "Bob Baker", 1) }},
		journeyStep{"team-manager-screen", (*journey).teamManagerScreen},
		journeyStep{"team-screen-dark", (*journey).teamScreenDark},
		journeyStep{"team-server-stop", func(j *journey) error { return stopTeamServer() }},
	)
}

// teamPG is the server of the team steps; stopTeamServer stops it, and
// the journey calls that at its end whatever happened.
var teamPG *teamtest.Cluster

// teamTeam is the team the manager manages both engineers in.
const (
	teamTeam    = "platform"
	teamManager = "Maria Manager"
)

// stopTeamServer stops and removes the server, if one runs.
func stopTeamServer() error {
	if teamPG == nil {
		return nil
	}
	c := teamPG
	teamPG = nil
	err := c.Stop()
	c.Remove()
	return err
}

// teamSQL is a pool on the team database as the server's superuser, to
// check what reached it.
func teamSQL() (*sql.DB, error) {
	return sql.Open("pgx", teamPG.URL(teamtest.Super)+"&password="+url.QueryEscape(teamtest.Password(teamtest.Super)))
}

// teamServer ends the devpath still running, starts the server, installs
// the schema as the administrator and makes Maria the manager of Alice
// and Bob.
func (j *journey) teamServer() error {
	if j.a != nil && j.a.alive() == nil {
		if err := j.keys("Escape", "ctrl+q"); err != nil {
			return err
		}
		if err := j.a.waitExit(j.timeout); err != nil {
			return err
		}
	}
	c, err := teamtest.Start()
	if err != nil {
		return err
	}
	teamPG = c
	ctx := context.Background()
	admin, err := team.Connect(ctx, team.WithPassword(c.URL(teamtest.Admin), teamtest.Password(teamtest.Admin)), team.Options{})
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.Init(ctx); err != nil {
		return err
	}
	for _, m := range []string{teamtest.Alice, teamtest.Bob} {
		if err := admin.AddMember(ctx, teamTeam, teamtest.Manager, m); err != nil {
			return err
		}
	}
	return nil
}

// teamSandbox is the sandbox of one person of the team: the journey's
// home and preferences, a database of their own.
func (j *journey) teamSandbox(role string) *sandbox {
	s := *j.sb
	s.db = filepath.Join(j.sb.dir, "team-"+role+".db")
	return &s
}

// teamLaunch starts devpath on sb at w×h with role's password in its
// environment.
func (j *journey) teamLaunch(sb *sandbox, role string, w, h int) error {
	if err := os.Setenv("PGPASSWORD", teamtest.Password(role)); err != nil {
		return err
	}
	j.launchs++
	a, err := launch(sb, j.d, fmt.Sprintf("devpath-%d-team-%s.log", j.launchs, role))
	if err != nil {
		return err
	}
	j.a = a
	if err := a.waitWindow(w, h, 2*j.timeout); err != nil {
		return err
	}
	_, err = j.settledPic()
	return err
}

// teamJoin joins role's team database from Settings ▸ Team: Ctrl+5, then
// Shift+Tab back past the three looks to Join, the evidence choice, the
// password (left empty: PGPASSWORD) and the URL; the URL, Tab Tab, Space
// on the choice, Tab, Space on Join. It waits for the name on the server.
func (j *journey) teamJoin(role, name string) error {
	if _, err := j.toScreen(5); err != nil {
		return err
	}
	if err := j.keys("shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab"); err != nil {
		return err
	}
	if err := j.typeText(teamPG.URL(role)); err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "space", "Tab", "space"); err != nil {
		return err
	}
	db, err := teamSQL()
	if err != nil {
		return err
	}
	defer db.Close()
	return poll(j.timeout, role+" to join the team database", func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		var got string
		err := db.QueryRow("SELECT display_name FROM people WHERE role_name = $1", role).Scan(&got)
		if err != nil {
			return false, err.Error(), nil
		}
		return got == name, "display name " + got, nil
	})
}

// teamEngineer is one engineer: a profile and a few levels from the
// command line, devpath, Settings ▸ Team to join, a check-in on the
// Dashboard (Tab past Find evidence in git… to Check in…, Space, Enter),
// which publishes; the server
// must then hold it with the score devpath saved.
func (j *journey) teamEngineer(role, name string, k int) error {
	sb := j.teamSandbox(role)
	if _, err := sb.cli("profile", "--name", name, "--stage", "mid", "--since", "2025-03-01", "--region", "uk"); err != nil {
		return err
	}
	var skills []string
	for _, e := range roadmap.Default().Entries() {
		if e.Stage == "mid" && e.Kind == roadmap.KindSkill {
			skills = append(skills, e.Item.ID)
		}
	}
	// Alice is proficient in the first three, Bob in the first and the
	// fourth: the first is covered twice, then once each.
	ids := [][]string{skills[0:3], {skills[0], skills[3]}}[k]
	for _, id := range ids {
		if _, err := sb.cli("tick", id, "--level", "3"); err != nil {
			return err
		}
	}
	// Alice has a target date: her check-in carries it to her manager.
	if k == 0 {
		if _, err := sb.cli("goal", "--by", teamTarget()); err != nil {
			return err
		}
	}
	if err := j.teamLaunch(sb, role, journeyW, journeyH); err != nil {
		return err
	}
	if err := j.teamJoin(role, name); err != nil {
		return err
	}
	before, err := j.toScreen(1)
	if err != nil {
		return err
	}
	if err := j.keys("Tab", "Tab", "space"); err != nil {
		return err
	}
	if _, err := j.changedFrom(before, "Check in… to ask for a label"); err != nil {
		return err
	}
	if err := j.keys("Return"); err != nil {
		return err
	}
	db, err := teamSQL()
	if err != nil {
		return err
	}
	defer db.Close()
	err = poll(j.timeout, role+"'s check-in to reach the team database", func() (bool, string, error) {
		if err := j.a.alive(); err != nil {
			return false, "", err
		}
		b, err := sb.backup()
		if err != nil || len(b.CheckIns) != 1 {
			return false, fmt.Sprintf("the local check-ins: %v", err), nil
		}
		var n int
		var score float64
		err = db.QueryRow("SELECT count(*), COALESCE(max(claimed_score), -1) FROM published_checkins WHERE owner = $1", role).Scan(&n, &score)
		if err != nil {
			return false, err.Error(), nil
		}
		return n == 1 && math.Abs(score-b.CheckIns[0].Score) < 1e-9, fmt.Sprintf("%d published, score %.1f (local %.1f)", n, score, b.CheckIns[0].Score), nil
	})
	if err != nil {
		return err
	}
	if err := j.keys("ctrl+q"); err != nil {
		return err
	}
	return j.a.waitExit(j.timeout)
}

// teamTarget is Alice's target date: a year from today.
func teamTarget() string { return time.Now().AddDate(1, 0, 0).Format(time.DateOnly) }

// teamReports is what 'devpath team status --json' prints.
type teamReports struct {
	Manager string        `json:"manager"`
	Reports []team.Report `json:"reports"`
}

// teamManagerScreen is the manager's devpath at 1024×640: Settings ▸ Team
// to join, then Ctrl+6, the Team screen; the command line as the manager
// must see both engineers checked in, and the screen is kept as a
// picture.
func (j *journey) teamManagerScreen() error {
	sb := j.teamSandbox(teamtest.Manager)
	if _, err := sb.cli("profile", "--name", teamManager); err != nil {
		return err
	}
	if err := j.teamLaunch(sb, teamtest.Manager, 1024, 640); err != nil {
		return err
	}
	if err := j.teamJoin(teamtest.Manager, teamManager); err != nil {
		return err
	}
	out, err := sb.cli("team", "status", "--json")
	if err != nil {
		return err
	}
	var st teamReports
	if err := json.Unmarshal(out, &st); err != nil {
		return err
	}
	if len(st.Reports) != 2 || !st.Reports[0].CheckedIn || !st.Reports[1].CheckedIn ||
		st.Reports[0].Name != "Alice Archer" || st.Reports[1].Name != "Bob Baker" {
		return fmt.Errorf("team status as the manager: %s", out)
	}
	// Alice's target and Bob's lack of one reached the manager, each with
	// the reason there is no forecast yet (a history of minutes).
	a, b := st.Reports[0].Plan, st.Reports[1].Plan
	if a == nil || a.Target.Format(time.DateOnly) != teamTarget() || a.Forecast != nil || a.Reason != tracker.ReasonTooLittleHistory ||
		b == nil || !b.Target.IsZero() || b.Reason != tracker.ReasonTooLittleHistory {
		return fmt.Errorf("the plans as the manager reads them: Alice %q, Bob %q; want Alice's target %s: %s", a.Short(), b.Short(), teamTarget(), out)
	}
	fmt.Printf("journey:    the manager reads Alice's plan as %q, Bob's as %q\n", a.Short(), b.Short())
	return j.teamShot("light")
}

// teamShot shows the Team screen and keeps it as
// team-screen-1024x640-LOOK.png.
func (j *journey) teamShot(look string) error {
	before, err := j.settledPic()
	if err != nil {
		return err
	}
	if err := j.keys("ctrl+6"); err != nil {
		return err
	}
	img, err := j.waitPicture("the Team screen with the reports and the coverage", func(img *image.RGBA) (bool, string) {
		n := diffPixels(before, img, 0)
		return n > 1024*640/20 && colours(img, 200) > 60, fmt.Sprintf("%d pixels differ from Settings, %d colours", n, colours(img, 200))
	})
	if err != nil {
		return err
	}
	_ = img
	if _, err = j.settledPic(); err != nil {
		return err
	}
	return savePNG(filepath.Join(j.dir, "team-screen-1024x640-"+look+".png"), j.pic)
}

// teamScreenDark quits the manager's devpath, sets the dark look in the
// preferences, starts it again on the Team screen and keeps it; then the
// look is set back to light for what follows.
func (j *journey) teamScreenDark() error {
	if err := j.keys("ctrl+q"); err != nil {
		return err
	}
	if err := j.a.waitExit(j.timeout); err != nil {
		return err
	}
	if err := j.setLook("dark"); err != nil {
		return err
	}
	if err := j.teamLaunch(j.teamSandbox(teamtest.Manager), teamtest.Manager, 1024, 640); err != nil {
		return err
	}
	if l := luminance(j.pic); l > 0.4 {
		return fmt.Errorf("the window should be dark, its brightness is %.2f", l)
	}
	if err := j.keys("ctrl+5"); err != nil {
		return err
	}
	if err := j.teamShot("dark"); err != nil {
		return err
	}
	if err := j.keys("ctrl+q"); err != nil {
		return err
	}
	if err := j.a.waitExit(j.timeout); err != nil {
		return err
	}
	return j.setLook("light")
}

// setLook sets the look in devpath's preferences, keeping the rest.
func (j *journey) setLook(look string) error {
	prefs := map[string]any{}
	if data, err := os.ReadFile(j.sb.prefsPath()); err == nil {
		if err := json.Unmarshal(data, &prefs); err != nil {
			return err
		}
	}
	prefs["theme"] = look
	data, err := json.Marshal(prefs)
	if err != nil {
		return err
	}
	return os.WriteFile(j.sb.prefsPath(), data, 0o600)
}
