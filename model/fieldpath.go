package model

import (
	"strconv"
	"strings"
)

// FieldPath is the parsed form of an Error's Field: the steps from the
// record down to the field that is wrong. "funding[2].amount" is the steps
// funding[2] and amount; "address.postal_code" is address and postal_code.
// Model writes paths as strings (Error.Field, so that they print and travel
// as they are); whoever needs their parts parses them with ParseFieldPath,
// the one parser of the syntax.
type FieldPath []Step

// Step is one part of a path: a field's JSON name and, for an element of a
// list, its index.
type Step struct {
	Name string
	// Index is the element's position in the list; -1 when the step names
	// the field itself.
	Index int
}

// HasIndex reports whether the step names an element of a list.
func (s Step) HasIndex() bool { return s.Index >= 0 }

func (s Step) String() string {
	if s.Index < 0 {
		return s.Name
	}
	return s.Name + "[" + strconv.Itoa(s.Index) + "]"
}

// ParseFieldPath reads a field path: names joined by ".", each optionally
// followed by one "[N]". A step that is not in this form (a stray bracket,
// an index that is not a number) is kept whole as a name, so that a path
// always prints back as it was given. "" gives an empty path.
func ParseFieldPath(s string) FieldPath {
	if s == "" {
		return nil
	}
	var p FieldPath
	for _, part := range strings.Split(s, ".") {
		p = append(p, parseStep(part))
	}
	return p
}

func parseStep(part string) Step {
	open := strings.IndexByte(part, '[')
	if open <= 0 || !strings.HasSuffix(part, "]") {
		return Step{Name: part, Index: -1}
	}
	num := part[open+1 : len(part)-1]
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 || strconv.Itoa(i) != num {
		return Step{Name: part, Index: -1}
	}
	return Step{Name: part[:open], Index: i}
}

// Path returns the parsed form of the error's Field.
func (e *Error) Path() FieldPath { return ParseFieldPath(e.Field) }

// FieldAt returns the path of field sub of element i of list: ("members",
// 3, "term") → "members[3].term"; sub may be "" or a dotted path.
func FieldAt(list string, i int, sub string) string {
	s := list + "[" + strconv.Itoa(i) + "]"
	if sub != "" {
		s += "." + sub
	}
	return s
}

// Head is the name of the first step: the record's own field ("funding").
func (p FieldPath) Head() string {
	if len(p) == 0 {
		return ""
	}
	return p[0].Name
}

// Index is the list index of the first step, and whether it has one.
func (p FieldPath) Index() (int, bool) {
	if len(p) == 0 || !p[0].HasIndex() {
		return -1, false
	}
	return p[0].Index, true
}

// Rest is the path below the first step ("funding[2].amount" → "amount").
func (p FieldPath) Rest() FieldPath {
	if len(p) <= 1 {
		return nil
	}
	return p[1:]
}

// IsZero reports whether the path is empty (an error of the whole record).
func (p FieldPath) IsZero() bool { return len(p) == 0 }

// String writes the path back in its text form.
func (p FieldPath) String() string {
	parts := make([]string, len(p))
	for i, s := range p {
		parts[i] = s.String()
	}
	return strings.Join(parts, ".")
}
