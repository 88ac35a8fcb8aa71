package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"devpath/roadmap"
	"devpath/tracker"
)

func TestDashboardShowsStageAndPay(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	mid := roadmap.Default().Stage("mid")
	if d.stageTitle.Text != mid.Title {
		t.Errorf("stage title = %q, want %q", d.stageTitle.Text, mid.Title)
	}
	if want := formatBand(mid.Salary.UK, roadmap.RegionUK); !strings.Contains(d.stageLine.Text, want) || !strings.Contains(d.stageLine.Text, "years 2–4") {
		t.Errorf("stage line = %q, want years 2–4 and %s", d.stageLine.Text, want)
	}
	senior := roadmap.Default().Stage("senior")
	if !strings.Contains(d.nextLine.Text, senior.Title) || !strings.Contains(d.nextLine.Text, "£80,000 – £110,000") {
		t.Errorf("next line = %q", d.nextLine.Text)
	}
	if !strings.Contains(d.parts[0].Text, "Skills") || !strings.Contains(d.parts[0].Text, "50%") {
		t.Errorf("first component label = %q, want Skills with its weight", d.parts[0].Text)
	}
	if d.verdict.Text == "" || !strings.Contains(d.verdict.Text, senior.Title) {
		t.Errorf("verdict = %q", d.verdict.Text)
	}
	shown := 0
	for _, a := range d.actions {
		if a.button.Visible() {
			shown++
			if !strings.HasPrefix(a.gain.Text, "+") {
				t.Errorf("gain %q has no +", a.gain.Text)
			}
		}
	}
	if shown != maxActions {
		t.Errorf("%d next best actions shown, want %d", shown, maxActions)
	}
}

func TestNextBestActionOpensRoadmap(t *testing.T) {
	r := newShellRig(t, Options{})
	d := r.sh.dash
	a := d.actions[0]
	id := a.id
	if id == "" {
		t.Fatal("no first action")
	}
	test.Tap(a.button)
	if got := r.sh.tabs.SelectedIndex(); got != 1 {
		t.Fatalf("the action shows screen %d, want the Roadmap", got)
	}
	row := findRow(t, r.win, id)
	if row == nil {
		t.Fatalf("%s is not on screen", id)
	}
	if i, ok := r.sh.rmap.rowOf[id]; !ok || r.sh.rmap.rows[i].entry.Item.ID != id {
		t.Errorf("the Roadmap screen does not hold %s", id)
	}
}

func TestCheckInSaves(t *testing.T) {
	r := newShellRig(t, Options{})
	test.Tap(r.row("k8s-rbac").check)
	d := r.sh.dash
	test.Tap(d.checkIn)
	var label *widget.Entry
	for _, o := range r.win.Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok {
				label = e
			}
		})
	}
	if label == nil || label.Text != "2026-03-16" {
		t.Errorf("the check-in dialog's label field: %v; want today's date", label)
	}
	d.saveCheckIn("Review with Alex")
	r.noErrors()
	cs, err := r.store.CheckIns()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Label != "Review with Alex" {
		t.Fatalf("check-ins: %+v", cs)
	}
	if got := fmt.Sprintf("%.1f", cs[0].Score); got != d.score.Text {
		t.Errorf("check-in score %s, dashboard %s", got, d.score.Text)
	}
	if cs[0].Items["k8s-rbac"].Level != tracker.Proficient {
		t.Error("the check-in lacks the tick")
	}
	if !strings.Contains(r.sh.status.Text, "Review with Alex") {
		t.Errorf("notice = %q", r.sh.status.Text)
	}
	d.saveCheckIn("  ")
	if cs, _ := r.store.CheckIns(); len(cs) != 2 || cs[1].Label != "2026-03-16" {
		t.Errorf("an empty label should default to today: %+v", cs)
	}
}

func TestStallWarning(t *testing.T) {
	r := newShellRig(t, Options{})
	p, _ := r.store.Profile()
	p.StageSince = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := r.store.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	r.sh.reload()
	d := r.sh.dash
	if !d.warning.Visible() || !strings.Contains(d.warning.Text, "something needs to change") {
		t.Errorf("warning = %q (visible %v)", d.warning.Text, d.warning.Visible())
	}
	if !strings.Contains(d.timeline.Text, "past the typical timeline") {
		t.Errorf("timeline = %q", d.timeline.Text)
	}
}

func TestMoneyFormats(t *testing.T) {
	for _, c := range []struct {
		b      *roadmap.Band
		region string
		want   string
	}{
		{&roadmap.Band{Min: 40000, Max: 55000}, roadmap.RegionUK, "£40,000 – £55,000"},
		{&roadmap.Band{Min: 180000, Max: 260000, Open: true}, roadmap.RegionUS, "$180,000 – $260,000+"},
		{&roadmap.Band{Min: 999, Max: 1000000}, roadmap.RegionUK, "£999 – £1,000,000"},
		{nil, roadmap.RegionUK, "no figure for this region"},
	} {
		if got := formatBand(c.b, c.region); got != c.want {
			t.Errorf("formatBand(%+v, %s) = %q, want %q", c.b, c.region, got, c.want)
		}
	}
}
