package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// Compactor rewrites a closed database file without its free pages, after
// a backup (package store's Compact; cmd/hankekirja passes it in).
// progress reports bytes copied of the bytes in use; cancelling ctx leaves
// the file as it was. It returns the sizes before and after.
type Compactor func(ctx context.Context, path string, progress func(done, total int64)) (before, after int64, err error)

func init() {
	fileMenuExtensions = append(fileMenuExtensions, func(u *UI) []*fyne.MenuItem {
		item := fyne.NewMenuItem(T("ui.compact.menu"), u.compactDialog)
		item.Disabled = u.cfg.Compact == nil
		return []*fyne.MenuItem{item}
	})
}

// compactDialog asks before compacting the open database.
func (u *UI) compactDialog() {
	if u.db == nil || u.cfg.Compact == nil {
		return
	}
	confirm := dialog.NewConfirm(T("ui.compact.title"), T("ui.compact.question"), func(ok bool) {
		if ok {
			u.keepForms(u.compact)
		}
	}, u.win)
	confirm.SetConfirmText(T("ui.compact.confirm"))
	confirm.SetDismissText(T("ui.cancel"))
	confirm.Show()
}

// keepForms runs next once the open form, if any, has kept its changes
// (the minutes are saved; another form asks), as switching databases does.
func (u *UI) keepForms(next func()) {
	if b := u.shell.currentBrowser(); b != nil {
		b.guard(next, nil)
		return
	}
	next()
}

// compact closes the database, compacts it in the background behind a
// progress bar that can cancel, and opens it again.
func (u *UI) compact() {
	compact := u.cfg.Compact
	var before, after int64 // set by the work, read after it
	u.rewriteFile(rewriteTexts{working: T("ui.compact.working"), title: T("ui.compact.title"), cancelled: T("ui.compact.cancelled")},
		func(ctx context.Context, path string, progress func(done, total int64)) error {
			var err error
			before, after, err = compact(ctx, path, progress)
			return err
		},
		func() string {
			return T("ui.compact.done", map[string]any{"Before": sizeText(before), "After": sizeText(after)})
		})
}

// sizeText is a file size as people read it: "1,5 Gt" in Finnish, "1.5
// GB" in English.
func sizeText(n int64) string {
	units := []string{T("ui.size.b"), T("ui.size.kb"), T("ui.size.mb"), T("ui.size.gb")}
	f, i := float64(n), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	s := strconv.FormatFloat(f, 'f', 1, 64)
	if i == 0 {
		s = strconv.FormatInt(n, 10)
	}
	if currentLanguage != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + units[i]
}
