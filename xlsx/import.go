package xlsx

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"hankekirja/csv"
	"hankekirja/importing"
	"hankekirja/model"
)

// Limits of a workbook to import. A workbook is a zip archive: these stop
// one that unpacks to far more than it holds.
const (
	// MaxFileSize bounds the file as given.
	MaxFileSize = 256 << 20
	// maxUnzipped bounds all of its parts unpacked.
	maxUnzipped = 1 << 30
	// maxInMemory is the size of a part beyond which excelize unpacks it
	// to a temporary file instead of memory.
	maxInMemory = 64 << 20
)

// zipMagic begins every zip archive, and so every .xlsx file; oleMagic
// a Compound File: an old .xls workbook or a password-protected .xlsx.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
)

// Detect reports whether a file's first bytes look like an Office Open XML
// workbook: a zip archive with the parts of one, not a word-processing
// document or a presentation.
func Detect(head []byte) bool {
	if bytes.HasPrefix(head, oleMagic) {
		// Said so on import, rather than "unknown format".
		return true
	}
	if !bytes.HasPrefix(head, zipMagic) {
		return false
	}
	if bytes.Contains(head, []byte("word/")) || bytes.Contains(head, []byte("ppt/")) {
		return false
	}
	return bytes.Contains(head, []byte("xl/")) || bytes.Contains(head, []byte("[Content_Types].xml"))
}

// Import reads the active sheet of a workbook as package csv reads a CSV
// file of one kind, and, unless opts.DryRun is set or a row is invalid
// (and opts.SkipInvalid is not set), writes its records. The errors are
// those of csv.Import, and an *importing.FormatError when the file is no
// workbook this package can read.
func Import(ctx context.Context, svc model.Services, data []byte, opts importing.Options) (importing.Report, error) {
	rep := importing.Report{Format: "xlsx", Lang: opts.Lang}
	rows, err := Rows(data)
	if err != nil {
		return rep, err
	}
	return csv.ImportRows(ctx, svc, rows, "xlsx", opts)
}

// Rows returns the cells of a workbook's active sheet as text: dates as
// d.M.yyyy, everything else as its value.
func Rows(data []byte) (rows [][]string, err error) {
	if len(data) > MaxFileSize {
		return nil, &importing.FormatError{Key: "xlsx.error.too_large"}
	}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, &importing.FormatError{Key: "xlsx.error.old_or_encrypted"}
	}
	// excelize is a large parser of untrusted input: a panic in it is a
	// file this package cannot read, not a crash of the window.
	defer func() {
		if p := recover(); p != nil {
			rows, err = nil, &importing.FormatError{Key: "xlsx.error.unreadable", Args: map[string]any{"Detail": "internal error"}}
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxInMemory})
	if err != nil {
		return nil, openError(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(f.GetActiveSheetIndex())
	if sheet == "" {
		list := f.GetSheetList()
		if len(list) == 0 {
			return nil, &importing.FormatError{Key: "table.empty"}
		}
		sheet = list[0]
	}
	rows, err = f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, openError(err)
	}
	d := dates{f: f, sheet: sheet, known: map[int]bool{}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		d.date1904 = *props.Date1904
	}
	for i, r := range rows {
		for j, v := range r {
			if v == "" {
				continue
			}
			if text, ok := d.text(i, j, v); ok {
				r[j] = text
			}
		}
	}
	return rows, nil
}

// openError is a workbook excelize cannot open, in the user's words.
func openError(err error) error {
	key := "xlsx.error.unreadable"
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		key = "xlsx.error.old_or_encrypted"
	case strings.Contains(err.Error(), "unzip size"):
		key = "xlsx.error.too_large"
	}
	return &importing.FormatError{Key: key, Args: map[string]any{"Detail": err.Error()}, Err: err}
}

// dates finds the cells that are dates: numbers whose format is a date
// format.
type dates struct {
	f        *excelize.File
	sheet    string
	date1904 bool
	known    map[int]bool // style ID: a date format
}

// text returns a date cell as d.M.yyyy; ok is false for any other cell.
func (d *dates) text(row, col int, v string) (string, bool) {
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return "", false
	}
	ref, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return "", false
	}
	style, err := d.f.GetCellStyle(d.sheet, ref)
	if err != nil || style == 0 {
		return "", false
	}
	isDate, seen := d.known[style]
	if !seen {
		isDate = d.isDateStyle(style)
		d.known[style] = isDate
	}
	if !isDate {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(n, d.date1904)
	if err != nil {
		return "", false
	}
	return model.DateOf(t).String(), true
}

// isDateStyle reports whether a style's number format shows a date.
func (d *dates) isDateStyle(id int) bool {
	s, err := d.f.GetStyle(id)
	if err != nil || s == nil {
		return false
	}
	switch {
	case s.NumFmt >= 14 && s.NumFmt <= 17, s.NumFmt == 22,
		s.NumFmt >= 27 && s.NumFmt <= 36, s.NumFmt >= 50 && s.NumFmt <= 58:
		return true
	}
	if s.CustomNumFmt != nil {
		return isDateFormat(*s.CustomNumFmt)
	}
	return false
}

// isDateFormat reports whether a number format code shows a day, month
// or year: a d, m (not as minutes, which follow h or precede s) or y
// outside quotes, escapes and brackets.
func isDateFormat(code string) bool {
	// Only the first section (positive numbers) matters.
	inQuote, inBracket := false, false
	prev := byte(0)
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
			continue
		case inBracket:
			inBracket = c != ']'
			continue
		case c == '"':
			inQuote = true
			continue
		case c == '[':
			inBracket = true
			continue
		case c == '\\' || c == '_' || c == '*':
			i++
			continue
		case c == ';':
			return false
		}
		switch c | 0x20 {
		case 'd', 'y':
			return true
		case 'm':
			// A run of m is one token: minutes after an hour or before
			// seconds, else a month.
			j := i
			for j < len(code) && code[j]|0x20 == 'm' {
				j++
			}
			next := byte(0)
			if j < len(code) {
				next = code[j] | 0x20
			}
			if prev != 'h' && prev != ':' && next != ':' && next != 's' {
				return true
			}
			i = j - 1
		}
		if c != ' ' {
			prev = c | 0x20
		}
	}
	return false
}
