package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// cardGrid lays out cards made of the same sections (title, badges, pay,
// coverage, …) in as many columns as fit, and lines the sections up across
// each row: every card of a row starts its second section at the same
// height, whatever the number of lines its title wraps to. A section hidden
// in every card of a row takes no room.
//
// Its objects come in groups of 1+sections: the card's background, then the
// card's sections in order.
type cardGrid struct {
	sections int
	minCell  float32
	maxCols  int
	width    float32 // of the last layout
}

// cardCount is the number of cards among objs.
func (g *cardGrid) cardCount(objs []fyne.CanvasObject) int { return len(objs) / (g.sections + 1) }

// section returns section j of card i.
func (g *cardGrid) section(objs []fyne.CanvasObject, i, j int) fyne.CanvasObject {
	return objs[i*(g.sections+1)+1+j]
}

// columns is how many cards go side by side in width: as many as fit, but
// spread evenly over the rows they need (four cards in two rows of two,
// not three and one).
func (g *cardGrid) columns(width float32, n int) int {
	pad := theme.Padding()
	fit := max(1, min(int((width+pad)/(g.minCell+pad)), g.maxCols, n))
	rows := (n + fit - 1) / fit
	return (n + rows - 1) / rows
}

// cardInset is the room between a card's edge and its sections.
func cardInset() float32 { return theme.Padding() * 2 }

// rowHeights sizes the sections of cards [from, to) to the inner width w and
// returns the height of each section in the row (0 when hidden in all).
func (g *cardGrid) rowHeights(objs []fyne.CanvasObject, from, to int, w float32) []float32 {
	hs := make([]float32, g.sections)
	for i := from; i < to; i++ {
		for j := range g.sections {
			s := g.section(objs, i, j)
			if !s.Visible() {
				continue
			}
			// A wrapping text is as tall as its width makes it: give it the
			// width before asking.
			if s.Size().Width != w {
				s.Resize(fyne.NewSize(w, s.MinSize().Height))
			}
			hs[j] = max(hs[j], s.MinSize().Height)
		}
	}
	return hs
}

// cardHeight is the height of a card with sections of heights hs.
func cardHeight(hs []float32) float32 {
	pad := theme.Padding()
	h, n := float32(0), 0
	for _, x := range hs {
		if x > 0 {
			h += x
			n++
		}
	}
	if n > 1 {
		h += pad * float32(n-1)
	}
	return h + 2*cardInset()
}

// cardCellWidth is the width of one card when cols cards share width.
func cardCellWidth(width float32, cols int) float32 {
	return (width - theme.Padding()*float32(cols-1)) / float32(cols)
}

// Layout places the cards in rows with their sections lined up.
func (g *cardGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	g.width = size.Width
	n := g.cardCount(objs)
	if n == 0 {
		return
	}
	pad := theme.Padding()
	cols := g.columns(size.Width, n)
	w := cardCellWidth(size.Width, cols)
	inner := max(w-2*cardInset(), 0)
	y := float32(0)
	for from := 0; from < n; from += cols {
		to := min(from+cols, n)
		hs := g.rowHeights(objs, from, to, inner)
		h := cardHeight(hs)
		for i := from; i < to; i++ {
			x := float32(i-from) * (w + pad)
			bg := objs[i*(g.sections+1)]
			bg.Move(fyne.NewPos(x, y))
			bg.Resize(fyne.NewSize(w, h))
			sy := y + cardInset()
			for j, sh := range hs {
				if sh == 0 {
					continue
				}
				s := g.section(objs, i, j)
				s.Move(fyne.NewPos(x+cardInset(), sy))
				s.Resize(fyne.NewSize(inner, sh))
				sy += sh + pad
			}
		}
		y += h + pad
	}
}

// MinSize is one card wide (the widest section's need, at least minCell),
// and as tall as the rows at the width of the last layout.
func (g *cardGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	n := g.cardCount(objs)
	if n == 0 {
		return fyne.Size{}
	}
	minW := float32(0)
	for i := range n {
		for j := range g.sections {
			if s := g.section(objs, i, j); s.Visible() {
				minW = max(minW, s.MinSize().Width)
			}
		}
	}
	width := g.width
	if width == 0 {
		width = g.minCell
	}
	pad := theme.Padding()
	cols := g.columns(width, n)
	inner := max(cardCellWidth(width, cols)-2*cardInset(), 0)
	h := float32(0)
	for from := 0; from < n; from += cols {
		h += cardHeight(g.rowHeights(objs, from, min(from+cols, n), inner)) + pad
	}
	return fyne.NewSize(max(g.minCell, minW+2*cardInset()), h-pad)
}

// cardBackground is the background of a card of a cardGrid: a card without
// content, so that it looks like the other cards of the window.
func cardBackground() fyne.CanvasObject {
	return newCard("", "", nil)
}

// ladderTable lays its objects out as a table of cols equal columns, row by
// row, each row as tall as its tallest cell (a grid gives every row the
// height of the tallest cell of all).
type ladderTable struct{ cols int }

// rowHeights sizes the cells to the column width w and returns each row's
// height.
func (l *ladderTable) rowHeights(objs []fyne.CanvasObject, w float32) []float32 {
	var hs []float32
	for start := 0; start < len(objs); start += l.cols {
		h := float32(0)
		for _, o := range objs[start:min(start+l.cols, len(objs))] {
			if s := o.Size(); s.Width != w {
				o.Resize(fyne.NewSize(w, o.MinSize().Height))
			}
			h = max(h, o.MinSize().Height)
		}
		hs = append(hs, h)
	}
	return hs
}

// Layout places the cells.
func (l *ladderTable) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	w := cardCellWidth(size.Width, l.cols)
	y := float32(0)
	for r, h := range l.rowHeights(objs, w) {
		for c, o := range objs[r*l.cols : min((r+1)*l.cols, len(objs))] {
			o.Move(fyne.NewPos(float32(c)*(w+pad), y))
			o.Resize(fyne.NewSize(w, h))
		}
		y += h + pad
	}
}

// MinSize is the widest cell times the columns, and the rows' heights at
// the present width.
func (l *ladderTable) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	pad := theme.Padding()
	cw := float32(0)
	for _, o := range objs {
		cw = max(cw, o.MinSize().Width)
	}
	w := objs[0].Size().Width
	h := float32(0)
	for _, rh := range l.rowHeights(objs, max(w, cw)) {
		h += rh + pad
	}
	return fyne.NewSize(cw*float32(l.cols)+pad*float32(l.cols-1), h-pad)
}
