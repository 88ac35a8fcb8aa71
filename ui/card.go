package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// card is a titled box of the screens and dialogs, laid out as Fyne's
// widget.Card lays one out, to the pixel, but set off by a frame's shadow
// (frame.go) rather than a fill of the window's own colour under a
// shadow, which on the software renderer cost the Dashboard more to draw
// than everything its cards hold.
type card struct {
	widget.BaseWidget
	Title, Subtitle string
	Content         fyne.CanvasObject
}

// newCard is a card with a title, a subtitle and content, each of which
// may be left out.
func newCard(title, subtitle string, content fyne.CanvasObject) *card {
	c := &card{Title: title, Subtitle: subtitle, Content: content}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer draws the frame, the title and subtitle, and the content.
func (c *card) CreateRenderer() fyne.WidgetRenderer {
	header := canvas.NewText(c.Title, nil)
	header.TextStyle.Bold = true
	r := &cardRenderer{c: c, bg: newFrame(false, true, cardShadow), header: header, subHeader: canvas.NewText(c.Subtitle, nil)}
	r.Refresh()
	return r
}

type cardRenderer struct {
	c                 *card
	bg                *frame
	header, subHeader *canvas.Text
	objects           []fyne.CanvasObject
}

// Layout places what the card holds as Fyne's card does: the frame half
// a padding in, the titles two paddings further in, the content below.
func (r *cardRenderer) Layout(size fyne.Size) {
	c := r.c
	padding := c.Theme().Size(theme.SizeNamePadding)
	pos := fyne.NewSquareOffsetPos(padding / 2)
	size = size.Subtract(fyne.NewSquareSize(padding))
	r.bg.Resize(size)
	r.bg.Move(pos)

	titled := c.Title != "" || c.Subtitle != ""
	if titled {
		titlePad := padding * 2
		size.Width -= titlePad * 2
		pos.X += titlePad
		pos.Y += titlePad
		if c.Title != "" {
			height := r.header.MinSize().Height
			r.header.Move(pos)
			r.header.Resize(fyne.NewSize(size.Width, height))
			pos.Y += height + padding
		}
		if c.Subtitle != "" {
			height := r.subHeader.MinSize().Height
			r.subHeader.Move(pos)
			r.subHeader.Resize(fyne.NewSize(size.Width, height))
			pos.Y += height + padding
		}
		size.Width += titlePad * 2
		pos.X -= titlePad
		pos.Y += titlePad
	}

	size.Width -= padding * 2
	pos.X += padding
	if c.Content != nil {
		height := size.Height - padding*2 - (pos.Y - padding/2)
		if titled {
			height += padding
			pos.Y -= padding
		}
		c.Content.Move(pos.Add(fyne.NewPos(0, padding)))
		c.Content.Resize(fyne.NewSize(size.Width, height))
	}
}

// MinSize is Fyne's card's for the same titles and content.
func (r *cardRenderer) MinSize() fyne.Size {
	c := r.c
	padding := c.Theme().Size(theme.SizeNamePadding)
	if c.Title == "" && c.Subtitle == "" && c.Content == nil {
		return fyne.NewSize(padding, padding)
	}
	min := fyne.NewSize(padding, padding)
	if c.Title != "" || c.Subtitle != "" {
		titlePad := padding * 2
		min = min.Add(fyne.NewSize(0, titlePad*2))
		if c.Title != "" {
			h := r.header.MinSize()
			min = fyne.NewSize(max(min.Width, h.Width+titlePad*2+padding), min.Height+h.Height)
			if c.Subtitle != "" {
				min.Height += padding
			}
		}
		if c.Subtitle != "" {
			s := r.subHeader.MinSize()
			min = fyne.NewSize(max(min.Width, s.Width+titlePad*2+padding), min.Height+s.Height)
		}
	}
	if c.Content != nil {
		m := c.Content.MinSize()
		min = fyne.NewSize(max(min.Width, m.Width+padding*3), min.Height+m.Height+padding*2)
	}
	return min
}

// Refresh takes the titles, the content and the theme's colours and sizes
// again.
func (r *cardRenderer) Refresh() {
	c := r.c
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.header.Text, r.subHeader.Text = c.Title, c.Subtitle
	r.header.TextSize = th.Size(theme.SizeNameHeadingText)
	r.subHeader.TextSize = th.Size(theme.SizeNameText)
	r.header.Color = th.Color(theme.ColorNameForeground, v)
	r.subHeader.Color = r.header.Color
	r.objects = append(r.objects[:0], r.bg, r.header, r.subHeader)
	if c.Content != nil {
		r.objects = append(r.objects, c.Content)
		c.Content.Refresh()
	}
	r.header.Refresh()
	r.subHeader.Refresh()
	r.bg.Refresh()
	r.Layout(c.Size())
	canvas.Refresh(c)
}

func (r *cardRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *cardRenderer) Destroy() {}
