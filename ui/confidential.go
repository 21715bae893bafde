package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// confidentialField marks a text salassa pidettävä: a check box and the
// legal ground beside it. The ground typed stays in the entry when the
// box is unchecked, so ticking it again loses nothing.
type confidentialField struct {
	check   *widget.Check
	ground  *widget.Entry
	content fyne.CanvasObject
}

// newConfidentialField shows cur (nil: not confidential) and calls set
// with the new mark on every change.
func newConfidentialField(cur *model.Confidential, set func(*model.Confidential)) *confidentialField {
	f := &confidentialField{ground: widget.NewEntry()}
	f.ground.SetPlaceHolder(T("confidential.ground_hint"))
	if cur != nil {
		f.ground.SetText(cur.Ground)
	}
	f.check = widget.NewCheck(T("confidential.mark"), nil)
	f.check.SetChecked(cur != nil)
	update := func() {
		if f.check.Checked {
			f.ground.Enable()
			set(&model.Confidential{Ground: strings.TrimSpace(f.ground.Text)})
		} else {
			f.ground.Disable()
			set(nil)
		}
	}
	if cur == nil {
		f.ground.Disable()
	}
	f.check.OnChanged = func(bool) { update() }
	f.ground.OnChanged = func(string) {
		if f.check.Checked {
			update()
		}
	}
	f.content = container.NewBorder(nil, nil, f.check, nil, f.ground)
	return f
}

// confidentialMark is how the window marks a confidential text:
// "Salassa pidettävä (JulkL 24 § 1 mom. 25 k)".
func confidentialMark(c *model.Confidential) string {
	if c == nil {
		return ""
	}
	if g := strings.TrimSpace(c.Ground); g != "" {
		return T("confidential.mark") + " (" + g + ")"
	}
	return T("confidential.mark")
}

// includeConfidentialCheck is the check box of an export that would
// leave confidential content out: off unless the user ticks it.
func includeConfidentialCheck() *widget.Check {
	return widget.NewCheck(T("confidential.include"), nil)
}

// exportServices are the services an export reads: without confidential
// content, with the notice in the window's language, unless include.
func exportServices(svc model.Services, include bool) model.Services {
	if include {
		return svc
	}
	notice := T("confidential.notice", map[string]any{"Text": "\x00"})
	return model.WithoutConfidential(svc, func(ground string) string {
		return strings.Replace(notice, "\x00", ground, 1)
	})
}
