package vcard

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// Detect reports whether a file's first bytes are a vCard: after an
// optional byte order mark and blank lines, BEGIN:VCARD.
func Detect(head []byte) bool {
	text := string(head)
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(head); err == nil {
			text = string(out)
		}
	}
	text = strings.TrimLeft(strings.TrimPrefix(text, "\ufeff"), " \t\r\n")
	return len(text) >= 11 && strings.EqualFold(text[:11], "BEGIN:VCARD")
}

// rawCard is one card as read from a file: its number in the file and its
// text, normalised for go-vcard.
type rawCard struct {
	n    int
	text string
	err  error
}

// splitCards reads a file into cards. Each card's lines are unfolded, 2.1
// quoted-printable values decoded, values converted to UTF-8 from their
// CHARSET, and nameless parameters named; values stay escaped, with
// backslashes doubled so that go-vcard's unescaping gives them back as
// they are.
func splitCards(data []byte) []rawCard {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			data = out
		}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	physical := splitLines(data)
	var cards []rawCard
	var cur *strings.Builder
	depth := 0
	version := ""
	for i := 0; i < len(physical); i++ {
		line := physical[i]
		// Unfold: a line starting with a space or tab continues the last
		// (2.1 keeps the blank, 3.0 and 4.0 drop it).
		for i+1 < len(physical) && len(physical[i+1]) > 0 && (physical[i+1][0] == ' ' || physical[i+1][0] == '\t') {
			next := physical[i+1]
			if version != "2.1" {
				next = next[1:]
			}
			line = append(line[:len(line):len(line)], next...)
			i++
		}
		name, params, value, ok := parseLine(line)
		if !ok {
			continue
		}
		// A quoted-printable value continues after a soft line break.
		if params.Get("ENCODING") == "QUOTED-PRINTABLE" {
			for bytes.HasSuffix(value, []byte("=")) && i+1 < len(physical) {
				i++
				value = append(value[:len(value)-1:len(value)-1], physical[i]...)
			}
		}
		upper := strings.ToUpper(name)
		base := upper
		if j := strings.LastIndexByte(base, '.'); j >= 0 {
			base = base[j+1:]
		}
		switch {
		case base == "BEGIN" && strings.EqualFold(strings.TrimSpace(string(value)), "VCARD"):
			depth++
			if depth == 1 {
				cur = &strings.Builder{}
				version = ""
				cards = append(cards, rawCard{n: len(cards) + 1})
				cur.WriteString("BEGIN:VCARD\r\n")
			}
			continue
		case base == "END" && strings.EqualFold(strings.TrimSpace(string(value)), "VCARD"):
			if depth == 1 && cur != nil {
				cur.WriteString("END:VCARD\r\n")
				cards[len(cards)-1].text = cur.String()
				cur = nil
			}
			if depth > 0 {
				depth--
			}
			continue
		}
		if cur == nil || depth != 1 {
			continue // outside a card, or inside an AGENT's card
		}
		if base == "VERSION" {
			version = strings.TrimSpace(string(value))
		}
		text, ok := decodeValue(params, value)
		if !ok {
			continue // binary (a photo, a key): not imported
		}
		cur.WriteString(name)
		for _, k := range []string{"TYPE", "VALUE", "PREF"} {
			if vals := params[k]; len(vals) > 0 {
				cur.WriteString(";" + k + "=" + strings.Join(vals, ","))
			}
		}
		cur.WriteString(":" + strings.ReplaceAll(text, `\`, `\\`) + "\r\n")
	}
	for i := range cards {
		if cards[i].text == "" {
			cards[i].err = errors.New("vcard: no END:VCARD")
		}
	}
	return cards
}

// splitLines splits at CRLF, LF or CR.
func splitLines(data []byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			out = append(out, data)
			break
		}
		out = append(out, data[:i])
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
	}
	return out
}

// parseLine splits a content line into its (group.)name, its parameters and
// its raw value. Parameter names are upper case; a parameter without a
// name is TYPE, or ENCODING or CHARSET when its value says so (2.1).
func parseLine(line []byte) (name string, params govcard.Params, value []byte, ok bool) {
	// The name ends at the first ; or :.
	i := bytes.IndexAny(line, ";:")
	if i <= 0 {
		return "", nil, nil, false
	}
	name = strings.TrimSpace(string(line[:i]))
	if !validName(name) {
		return "", nil, nil, false
	}
	params = govcard.Params{}
	rest := line[i:]
	for len(rest) > 0 && rest[0] == ';' {
		rest = rest[1:]
		// One parameter: up to ; or : outside double quotes.
		j, inQuote := 0, false
		for ; j < len(rest); j++ {
			c := rest[j]
			if c == '"' {
				inQuote = !inQuote
			} else if !inQuote && (c == ';' || c == ':') {
				break
			}
		}
		addParam(params, string(rest[:j]))
		rest = rest[j:]
	}
	if len(rest) == 0 || rest[0] != ':' {
		return "", nil, nil, false
	}
	return name, params, rest[1:], true
}

// validName accepts [group.]name of letters, digits and hyphens.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// paramWord keeps a parameter value that go-vcard reads back as it is.
func paramWord(s string) string {
	s = strings.Trim(strings.TrimSpace(s), `"`)
	var b strings.Builder
	for _, r := range s {
		if r == '-' || r == '_' || r == '.' || r == '/' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func addParam(params govcard.Params, p string) {
	k, v, hasValue := strings.Cut(p, "=")
	k = strings.ToUpper(strings.TrimSpace(k))
	if !hasValue {
		// 2.1: TEL;WORK;VOICE, NOTE;QUOTED-PRINTABLE, N;UTF-8 (rare).
		v = k
		switch {
		case v == "QUOTED-PRINTABLE" || v == "BASE64" || v == "8BIT" || v == "7BIT" || v == "B":
			k = "ENCODING"
		default:
			k = "TYPE"
		}
	}
	for _, x := range strings.Split(v, ",") {
		x = paramWord(x)
		if x == "" {
			continue
		}
		switch k {
		case "ENCODING", "CHARSET":
			x = strings.ToUpper(x)
		}
		params.Add(k, x)
	}
}

// decodeValue turns a raw value into UTF-8 text in escaped form. ok is false
// for binary values.
func decodeValue(params govcard.Params, raw []byte) (string, bool) {
	switch params.Get("ENCODING") {
	case "BASE64", "B":
		return "", false
	case "QUOTED-PRINTABLE":
		raw = decodeQP(raw)
		// Line breaks inside a decoded value are text line breaks.
		raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte(`\n`))
		raw = bytes.ReplaceAll(raw, []byte("\n"), []byte(`\n`))
		raw = bytes.ReplaceAll(raw, []byte("\r"), []byte(`\n`))
	}
	return toUTF8(params.Get("CHARSET"), raw), true
}

// decodeQP decodes quoted-printable leniently: =XX is a byte, "=" at the end
// of a line a soft break, anything else stays as it is.
func decodeQP(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		if i+2 < len(s)+0 && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		if i+1 < len(s) && (s[i+1] == '\r' || s[i+1] == '\n') {
			i++
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// toUTF8 converts a value from its charset: the CHARSET parameter when it is
// one Go knows, else UTF-8 when the bytes are UTF-8, else Windows-1252 (a
// superset of ISO-8859-1, what old phones write without saying).
func toUTF8(charset string, raw []byte) string {
	if charset != "" && !strings.EqualFold(charset, "UTF-8") {
		if enc, err := htmlindex.Get(charset); err == nil {
			if out, err := enc.NewDecoder().Bytes(raw); err == nil {
				return strings.ToValidUTF8(string(out), "\uFFFD")
			}
		}
	}
	if utf8.Valid(raw) {
		return string(raw)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		return strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	return string(out)
}

// decodeCard parses a normalised card with go-vcard.
func decodeCard(text string) (govcard.Card, error) {
	card, err := govcard.NewDecoder(strings.NewReader(text)).Decode()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("vcard: empty card")
	}
	return card, err
}

// unescape reads an escaped text value: \\ \n \N \, \; (and \: which some
// writers emit). An unknown escape keeps its backslash.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ',', ';', ':':
			b.WriteByte(s[i])
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// components splits a structured value at unescaped semicolons and
// unescapes each component.
func components(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ';':
			out = append(out, unescape(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescape(s[start:]))
}

// component returns component i, or "".
func component(parts []string, i int) string {
	if i < len(parts) {
		return strings.TrimSpace(parts[i])
	}
	return ""
}
