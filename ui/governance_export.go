package ui

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// diagramView is the diagram in a scrolled area under a bar of zoom
// buttons, with right at the bar's end and middle between. Until the user
// zooms, the diagram fits the width it has.
func diagramView(d *governanceDiagram, right, middle fyne.CanvasObject) fyne.CanvasObject {
	scroll := container.NewScroll(d)
	fit := container.New(&diagramFitLayout{d: d}, scroll)
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() {
		d.autoFit = false
		d.setScale(d.scale / 1.25)
	})
	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() {
		d.autoFit = false
		d.setScale(d.scale * 1.25)
	})
	zoomFit := widget.NewButtonWithIcon("", theme.ZoomFitIcon(), func() {
		d.autoFit = true
		d.fitWidth(scroll.Size().Width)
	})
	bar := container.NewBorder(nil, nil, container.NewHBox(zoomOut, zoomFit, zoomIn), right, middle)
	return container.NewBorder(bar, nil, nil, nil, fit)
}

// diagramFitLayout scales its diagram to the width before laying out the
// scroll around it, so the scroll sees the final size.
type diagramFitLayout struct{ d *governanceDiagram }

func (l *diagramFitLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, 150) }

func (l *diagramFitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if l.d.autoFit {
		l.d.fitWidth(size.Width - theme.Padding())
	}
	objs[0].Resize(size)
}

// renderDiagram draws a project's group tree as an image at twice the
// screen resolution, light theme, the project's name above it.
func renderDiagram(title string, tree []*model.GroupNode) image.Image {
	d := newGovernanceDiagram(nil, tree)
	heading := canvas.NewText(title, color.Black)
	heading.TextStyle = fyne.TextStyle{Bold: true}
	heading.TextSize = theme.TextSize() + 4
	light := lightTheme{theme.DefaultTheme()}
	heading.Color = light.Color(theme.ColorNameForeground, theme.VariantLight)
	bg := canvas.NewRectangle(light.Color(theme.ColorNameBackground, theme.VariantLight))
	body := container.NewPadded(container.NewVBox(heading, d))
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetScale(2)
	c.SetContent(container.NewThemeOverride(container.NewStack(bg, body), light))
	return c.Capture()
}

// writeDiagramPNG writes the diagram of a project's groups as PNG.
func writeDiagramPNG(w io.Writer, title string, tree []*model.GroupNode) error {
	return png.Encode(w, renderDiagram(title, tree))
}

// exportDiagramDialog asks where to save the diagram and saves it as PNG.
func exportDiagramDialog(u *UI, p *model.Project, tree []*model.GroupNode) {
	req := fileRequest{kind: fileExport, title: T("projects.export_png"), save: true, name: diagramFileName(p) + ".png", exts: []string{".png"}}
	u.chooseFile(req, func(path string) {
		if err := u.writeFile(path, func(w io.Writer) error { return writeDiagramPNG(w, p.Name, tree) }); err != nil {
			u.showError(err)
			return
		}
		u.showExported(T("projects.export_png"), T("projects.export_done", map[string]any{"Path": path}), path)
	})
}

// diagramFileName suggests a file name for a project's picture.
func diagramFileName(p *model.Project) string {
	name := p.ShortName
	if name == "" {
		name = p.Name
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	return name + " – " + T("projects.tab_organisation")
}

// lightTheme is the default theme in its light variant whatever the
// user's setting: an exported picture is printed on white paper.
type lightTheme struct{ fyne.Theme }

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}
