package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// clearChosenLabel moves aside, or leaves out, the labels that the chosen
// check-in's label runs into: held inside the plot near its edge, it can
// reach over a neighbour's label laid out before it.
func (r *chartRenderer) clearChosenLabel(pad float32) {
	var chosen *canvas.Text
	for i, m := range r.chart.marks {
		if i < len(r.marks) && m.id == r.chart.selected {
			chosen = r.marks[i].label
		}
	}
	if chosen == nil {
		return
	}
	a, as := chosen.Position(), chosen.Size()
	for i := range r.chart.marks {
		if i >= len(r.marks) || r.marks[i].label == chosen || !r.marks[i].label.Visible() {
			continue
		}
		l := r.marks[i].label
		b, bs := l.Position(), l.Size()
		if b.X < a.X+as.Width+pad && a.X < b.X+bs.Width+pad && b.Y < a.Y+as.Height && a.Y < b.Y+bs.Height {
			// A label to the left moves left while it stays over its
			// mark or ends just short of it; else it is left out.
			if nx := a.X - pad - bs.Width; b.X < a.X && i < len(r.markX) && nx >= 0 && nx <= r.markX[i] && r.markX[i] <= nx+bs.Width+2*pad && !r.labelAt(nx, b.Y, bs, l, chosen) {
				l.Move(fyne.NewPos(nx, b.Y))
				continue
			}
			l.Hide()
		}
	}
}

// labelAt reports whether a shown label other than the two given ones lies
// in the rectangle at x, y of size sz.
func (r *chartRenderer) labelAt(x, y float32, sz fyne.Size, not ...*canvas.Text) bool {
	for _, d := range r.marks {
		l := d.label
		if !l.Visible() || slices.Contains(not, l) {
			continue
		}
		p, ps := l.Position(), l.Size()
		if p.X < x+sz.Width && x < p.X+ps.Width && p.Y < y+sz.Height && y < p.Y+ps.Height {
			return true
		}
	}
	return false
}

// clearCoveringLabels leaves out the label of a check-in that is not the
// chosen one where it would cover another check-in's mark or the plan's
// labels: on a short chart two check-ins of one day put the first one's
// label over the second's mark and across the forecast's month. The list
// of check-ins names them all.
func (r *chartRenderer) clearCoveringLabels() {
	var others []fyne.CanvasObject
	for _, d := range r.marks {
		others = append(others, d.ring)
	}
	if p := r.plan; p != nil {
		others = append(others, p.label, p.targetLabel)
	}
	for i, d := range r.marks {
		if !d.label.Visible() || i >= len(r.chart.marks) || r.chart.marks[i].id == r.chart.selected {
			continue
		}
		a, as := d.label.Position(), d.label.Size()
		for _, o := range others {
			if o == d.ring || !o.Visible() {
				continue
			}
			b, bs := o.Position(), o.Size()
			if b.X < a.X+as.Width && a.X < b.X+bs.Width && b.Y < a.Y+as.Height && a.Y < b.Y+bs.Height {
				d.label.Hide()
				break
			}
		}
	}
}
