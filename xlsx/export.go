package xlsx

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"hankekirja/assets"
	"hankekirja/csv"
	"hankekirja/importing"
	"hankekirja/model"
)

// FileExtension is the extension of the files this package writes.
const FileExtension = ".xlsx"

// maxCellChars is the most characters an Excel cell holds.
const maxCellChars = excelize.TotalCellChars

// maxWidth bounds a column's width (in characters) so that a long note
// does not push the other columns off the screen.
const maxWidth = 60

// Export writes every record of a kind ("contacts", "organisations",
// "municipalities", "projects", "groups", "tasks") that is not in the trash
// as a workbook, with headers and choices in lang.
func Export(ctx context.Context, svc model.Services, kind string, w io.Writer, lang string) error {
	_, err := ExportOnly(ctx, svc, kind, w, lang, nil)
	return err
}

// ExportOnly is Export limited to the records with the given IDs (nil:
// all). It returns the number of rows below the header.
func ExportOnly(ctx context.Context, svc model.Services, kind string, w io.Writer, lang string, ids []model.ID) (int, error) {
	var rows [][]string
	var types [][]csv.CellType
	err := csv.ExportRows(ctx, svc, kind, lang, ids, func(cells []string, t []csv.CellType) error {
		rows = append(rows, slices.Clone(cells))
		types = append(types, slices.Clone(t))
		return nil
	})
	if err != nil {
		return 0, err
	}
	k, _ := csv.ParseKind(kind)
	f, err := build(sheetName(lang, k, kind), rows, types)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if err := f.Write(w); err != nil {
		return 0, err
	}
	return max(len(rows)-1, 0), nil
}

// sheetName is the sheet's name: the kind's name in lang (Excel allows 31
// characters).
func sheetName(lang string, k model.Kind, kind string) string {
	key := "xlsx.sheet." + k.String()
	if k == model.KindMeeting {
		key = "xlsx.sheet.tasks"
	}
	name := assets.Message(lang, key, nil)
	if name == key || name == "" {
		name = kind
	}
	if utf8.RuneCountInString(name) > 31 {
		name = string([]rune(name)[:31])
	}
	return name
}

// styles are the cell styles of a workbook.
type styles struct {
	header, text, wrap, date, money, count int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	top := &excelize.Alignment{Vertical: "top"}
	textFmt := 49 // "@": the cell is text, also when edited
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: textFmt,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF5"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.text = mk(&excelize.Style{NumFmt: textFmt, Alignment: top})
	s.wrap = mk(&excelize.Style{NumFmt: textFmt, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	dateFmt := "d.m.yyyy"
	s.date = mk(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: top})
	s.money = mk(&excelize.Style{NumFmt: 4, Alignment: top}) // #,##0.00
	s.count = mk(&excelize.Style{NumFmt: 1, Alignment: top}) // 0
	return s, err
}

// build makes the workbook of one table: rows[0] is the header.
func build(sheet string, rows [][]string, types [][]csv.CellType) (*excelize.File, error) {
	f := excelize.NewFile()
	ok := false
	defer func() {
		if !ok {
			f.Close()
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return nil, model.Internal(err)
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, model.Internal(err)
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	widths := make([]int, cols)
	for i, r := range rows {
		for j, v := range r {
			if v == "" {
				continue
			}
			ref, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return nil, model.Internal(err)
			}
			t := csv.CellText
			if i > 0 && j < len(types[i]) {
				t = types[i][j]
			}
			style, err := setCell(f, sheet, ref, v, t, st)
			if err != nil {
				return nil, &importing.FormatError{Key: "xlsx.error.cell_too_long", Args: map[string]any{"Count": i + 1, "Name": rows[0][min(j, len(rows[0])-1)]}, Err: err}
			}
			if i == 0 {
				style = st.header
			}
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return nil, model.Internal(err)
			}
			for _, line := range strings.Split(v, "\n") {
				widths[j] = max(widths[j], utf8.RuneCountInString(line))
			}
		}
	}
	for j, w := range widths {
		name, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return nil, model.Internal(err)
		}
		if err := f.SetColWidth(sheet, name, name, float64(min(max(w, 6)+2, maxWidth))); err != nil {
			return nil, model.Internal(err)
		}
	}
	if len(rows) > 0 && cols > 0 {
		last, err := excelize.CoordinatesToCellName(cols, len(rows))
		if err != nil {
			return nil, model.Internal(err)
		}
		if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
			return nil, model.Internal(err)
		}
		if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
			return nil, model.Internal(err)
		}
	}
	ok = true
	return f, nil
}

// setCell writes one cell by its type and returns the style it takes. A
// date or number that does not read as one is written as text, as it is.
func setCell(f *excelize.File, sheet, ref, v string, t csv.CellType, st styles) (int, error) {
	switch t {
	case csv.CellDate:
		if d, err := model.ParseDate(v); err == nil {
			return st.date, f.SetCellFloat(sheet, ref, serial(d), -1, 64)
		}
	case csv.CellNumber:
		plain := strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), "\u00a0", "")
		if n, err := strconv.ParseFloat(strings.Replace(plain, ",", ".", 1), 64); err == nil {
			style := st.count
			if strings.Contains(plain, ",") {
				// A decimal comma: an amount in euros, shown with cents.
				style = st.money
			}
			return style, f.SetCellFloat(sheet, ref, n, -1, 64)
		}
	}
	if utf8.RuneCountInString(v) > maxCellChars {
		return 0, fmt.Errorf("%d characters, at most %d", utf8.RuneCountInString(v), maxCellChars)
	}
	style := st.text
	if strings.Contains(v, "\n") {
		style = st.wrap
	}
	return style, f.SetCellStr(sheet, ref, v)
}

// epoch is day 0 of Excel's 1900 date system (as Excel counts it, with
// its 29 February 1900, for every date from March 1900).
var epoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is a date as Excel's day number.
func serial(d model.Date) float64 {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return float64((t.Unix() - epoch.Unix()) / 86400)
}
