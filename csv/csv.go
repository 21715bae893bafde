package csv

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"hankekirja/importing"
)

// bom is UTF-8's byte order mark, which tells Excel the file is UTF-8.
const bom = "\ufeff"

// cellType says how a column's values are written.
type cellType int

const (
	// cellText is text that must reach the spreadsheet unchanged: for old
	// Excel written as a formula-text (="091") when it would convert it.
	cellText cellType = iota
	// cellDate is a d.M.yyyy date, left for the spreadsheet to read as a
	// date.
	cellDate
	// cellNumber is a number with a decimal comma, left for the
	// spreadsheet to read as a number.
	cellNumber
)

// CellType is the type of an exported column's cells, as RowSink gets
// them.
type CellType = cellType

// The cell types a RowSink sees.
const (
	CellText   = cellText
	CellDate   = cellDate
	CellNumber = cellNumber
)

// RowSink receives an export's rows, the header first, instead of the
// CSV text: types[i] is the type of cells[i]. Dates come as d.M.yyyy,
// numbers with a decimal comma and no grouping, lists one item per line.
type RowSink func(cells []string, types []CellType) error

// writer writes the CSV form of package csv: RFC 4180 in UTF-8 with a
// byte order mark, semicolons and CRLF; or, with sink set, hands each row
// to it. A text cell that a spreadsheet would run as a formula (it starts
// with = or @) is written after an apostrophe, which spreadsheets show as
// text and import takes away.
type writer struct {
	w    *bufio.Writer
	err  error
	sink RowSink
	// oldExcel writes formula-texts (ExportOptions.OldExcel).
	oldExcel bool
}

func newWriter(w io.Writer) *writer {
	cw := &writer{w: bufio.NewWriter(w)}
	_, cw.err = cw.w.WriteString(bom)
	return cw
}

// row writes one row; types[i] is the type of cells[i].
func (cw *writer) row(cells []string, types []cellType) {
	if cw.err != nil {
		return
	}
	if cw.sink != nil {
		cw.err = cw.sink(cells, types)
		return
	}
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(';')
		}
		c = strings.ReplaceAll(c, "\r\n", "\n")
		c = strings.ReplaceAll(c, "\r", "\n")
		switch {
		case i < len(types) && types[i] == cellText && cw.oldExcel && needsFormula(c):
			c = formulaText(c)
		case startsFormula(c):
			c = "'" + c
		}
		b.WriteString(quoteField(c))
	}
	b.WriteString("\r\n")
	_, cw.err = cw.w.WriteString(b.String())
}

func (cw *writer) flush() error {
	if cw.err != nil || cw.w == nil {
		return cw.err
	}
	return cw.w.Flush()
}

// quoteField quotes a field when it holds a separator, a quote, a line
// break or spaces at either end (which spreadsheets would trim).
func quoteField(s string) string {
	if s == "" {
		return s
	}
	if !strings.ContainsAny(s, ";,\"\n\r\t") && s == strings.TrimSpace(s) {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

var (
	// numberLike matches what a spreadsheet may read as a number, a date,
	// a time, a fraction, a percentage or an amount of money: digits and
	// separators only ("091", "1.5", "12:30", "1/2", "5 %", "0201256-6").
	numberLike = regexp.MustCompile(`^[\p{Zs}]*[(+\-]?[€$]?[\p{Zs}]*[0-9][0-9\p{Zs}.,:/\-+%()€$]*$`)
	// scientific matches 1e5 and 1,5E-3.
	scientific = regexp.MustCompile(`^[\p{Zs}]*[+\-]?[0-9]+([.,][0-9]+)?[eE][+\-]?[0-9]+[\p{Zs}]*$`)
	// dayMonth matches dates with a month name that Excel converts
	// ("1-jan", "jan-20", "1. tammi").
	dayMonth = regexp.MustCompile(`(?i)^[\p{Zs}]*([0-9]{1,4}[\p{Zs}./\-]*\p{L}{3,10}\.?|\p{L}{3,10}[\p{Zs}./\-]*[0-9]{1,4})([\p{Zs}./\-]+[0-9]{1,4})?[\p{Zs}]*$`)
	// booleans are the words spreadsheets read as TRUE and FALSE.
	booleans = map[string]bool{"true": true, "false": true, "tosi": true, "epätosi": true, "sant": true, "falskt": true}
)

// monthWords are month names and abbreviations that Excel or LibreOffice
// read as part of a date in the languages Hankekirja speaks.
var monthWords = map[string]bool{}

func init() {
	for _, m := range strings.Fields(`jan feb mar apr may jun jul aug sep sept oct nov dec
		january february march april june july august september october november december
		tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu
		tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu
		tammik helmik maalisk huhtik toukok kesäk heinäk elok syysk lokak marrask jouluk
		januari februari mars maj juni juli augusti okt december`) {
		monthWords[m] = true
	}
}

// needsFormula reports whether a spreadsheet opening the CSV file would
// not show text s as it is: it would read it as a number, a date, a
// boolean or a formula.
func needsFormula(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return true
	}
	if strings.Contains(s, "\n") {
		return false // a spreadsheet reads a multi-line cell as text
	}
	if numberLike.MatchString(s) || scientific.MatchString(s) || booleans[strings.ToLower(strings.TrimSpace(s))] {
		return true
	}
	if m := dayMonth.FindStringSubmatch(s); m != nil {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if monthWords[w] {
				return true
			}
		}
	}
	return false
}

// Limits of a spreadsheet formula: a string literal holds at most 255
// characters (UTF-16 units in Excel) and a formula 8192.
const (
	literalRunes = 120
	maxFormula   = 8000
)

// formulaText writes s as a formula whose value is s: ="091", and
// ="first line"&CHAR(10)&"second" for several lines or long text. Text too
// long for a formula is returned as it is.
func formulaText(s string) string {
	var b strings.Builder
	b.WriteByte('=')
	terms := 0
	add := func(t string) {
		if terms > 0 {
			b.WriteByte('&')
		}
		b.WriteString(t)
		terms++
	}
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			add("CHAR(10)")
		}
		for line != "" || (i == 0 && terms == 0) {
			n, cut := 0, len(line)
			for j := range line {
				if n == literalRunes {
					cut = j
					break
				}
				n++
			}
			add(`"` + strings.ReplaceAll(line[:cut], `"`, `""`) + `"`)
			line = line[cut:]
		}
	}
	if b.Len() > maxFormula {
		return s
	}
	return b.String()
}

// startsFormula reports whether a spreadsheet would read a cell as a
// formula rather than text, or the cell is one written after an
// apostrophe for that reason.
func startsFormula(s string) bool {
	for strings.HasPrefix(s, "'") {
		s = s[1:]
	}
	return strings.HasPrefix(s, "=") || strings.HasPrefix(s, "@")
}

// unformula returns the text of a formula-text cell (="091" → 091) or of
// one written after an apostrophe ('=x → =x); any other cell is returned
// as it is.
func unformula(s string) string {
	if strings.HasPrefix(s, "'") && startsFormula(s[1:]) {
		return s[1:]
	}
	if len(s) < 3 || s[0] != '=' {
		return s
	}
	var b strings.Builder
	rest := s[1:]
	for first := true; ; first = false {
		if !first {
			if rest == "" {
				return b.String()
			}
			if rest[0] != '&' {
				return s
			}
			rest = rest[1:]
		}
		switch {
		case strings.HasPrefix(rest, `"`):
			rest = rest[1:]
			for {
				i := strings.IndexByte(rest, '"')
				if i < 0 {
					return s
				}
				b.WriteString(rest[:i])
				rest = rest[i+1:]
				if !strings.HasPrefix(rest, `"`) {
					break
				}
				b.WriteByte('"')
				rest = rest[1:]
			}
		case len(rest) >= 8 && strings.EqualFold(rest[:8], "CHAR(10)"):
			b.WriteByte('\n')
			rest = rest[8:]
		default:
			return s
		}
	}
}

// errUnterminated is a quoted field that never ends.
var errUnterminated = errors.New("unterminated quoted field")

// decodeText turns a file's bytes into text: UTF-8 (with or without a
// byte order mark), UTF-16 with a byte order mark, or else Windows-1252,
// which Excel uses for "CSV (luetteloerotin)" on Finnish Windows.
func decodeText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte(bom)):
		return strings.ToValidUTF8(string(data[len(bom):]), "\uFFFD")
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err == nil {
			return string(out)
		}
	case utf8.Valid(data):
		return string(data)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(out)
}

// parseCSV splits text into rows of fields. Every line of the file that
// starts a row is a row, blank ones too, so that row numbers are the ones a
// spreadsheet shows. The separator is given by a leading "sep=X" line (which
// Excel writes and reads) or else is the one of ';', ',' and tab that the
// first line holds most of. Quotes follow RFC 4180, leniently: a quote in
// the middle of an unquoted field is kept as it is.
func parseCSV(text string) (rows [][]string, err error) {
	firstRow := 1
	var sep byte
	if line, rest, _ := strings.Cut(text, "\n"); strings.HasPrefix(strings.ToLower(line), "sep=") {
		l := strings.TrimRight(line, "\r")
		if len(l) == 5 {
			sep = l[4]
		}
		text = rest
		firstRow = 2
	}
	if sep == 0 {
		sep = guessSeparator(text)
	}
	var field strings.Builder
	var row []string
	i := 0
	endRow := func() {
		row = append(row, field.String())
		field.Reset()
		rows = append(rows, row)
		row = nil
	}
	for i < len(text) {
		c := text[i]
		switch {
		case c == '"' && field.Len() == 0:
			// A quoted field.
			i++
			for {
				j := strings.IndexByte(text[i:], '"')
				if j < 0 {
					return rows, &importing.RowError{Row: len(rows) + firstRow, Err: errUnterminated, Key: "table.unterminated"}
				}
				field.WriteString(strings.ReplaceAll(text[i:i+j], "\r\n", "\n"))
				i += j + 1
				if i < len(text) && text[i] == '"' {
					field.WriteByte('"')
					i++
					continue
				}
				break
			}
		case c == sep:
			row = append(row, field.String())
			field.Reset()
			i++
		case c == '\r':
			endRow()
			i++
			if i < len(text) && text[i] == '\n' {
				i++
			}
		case c == '\n':
			endRow()
			i++
		default:
			j := i
			for j < len(text) && text[j] != sep && text[j] != '\r' && text[j] != '\n' {
				j++
			}
			field.WriteString(text[i:j])
			i = j
		}
	}
	if field.Len() > 0 || len(row) > 0 {
		endRow()
	}
	if firstRow == 2 {
		rows = append([][]string{nil}, rows...)
	}
	return rows, nil
}

// guessSeparator picks the separator of the first line, outside quotes.
func guessSeparator(text string) byte {
	counts := map[byte]int{}
	inQuote := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if c == '\n' || c == '\r' {
			break
		}
		if c == ';' || c == ',' || c == '\t' {
			counts[c]++
		}
	}
	best := byte(';')
	for _, c := range []byte{';', '\t', ','} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}
