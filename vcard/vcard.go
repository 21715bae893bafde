// Package vcard exports contacts as vCards for phones' and mail programs'
// address books and imports vCards back.
//
// Export writes vCard 3.0 (RFC 2426), which every address book reads, or
// 4.0 (RFC 6350) on request: name (N and FN), title, organisation (the name
// of the contact's organisation or municipality), phone numbers in E.164
// form (an extension as RFC 3966's ";ext="), emails, the address, the notes, and the contact's ID as UID
// ("urn:uuid:..." in 4.0), so that a card comes back to the same contact.
//
// Import reads 2.1, 3.0 and 4.0, including 2.1's QUOTED-PRINTABLE values,
// CHARSET parameters and parameters without names ("TEL;WORK;VOICE:"), and
// builds the same preview as a CSV import (package importing's report).
// A card is the contact whose ID its UID is, else the contact with one of
// its emails, else the contact with its first and last name; such a
// contact is updated rather than duplicated: the card's names, title,
// organisation, address and note replace the contact's when the card has
// them, and its phone numbers and emails are added to the contact's. An
// organisation is found by name among organisations and municipalities
// (Finnish or Swedish names); one that is not found is added
// (importing.Options.CreateOrganisations) or kept in the notes. A phone
// number is read in the country of the card's address, else the import's
// region; a value that cannot be read is kept in the notes, and the report
// says so, instead of costing the card.
//
// The cards are read with github.com/emersion/go-vcard, whose Card model
// this package uses. Two of that library's shortcuts would lose data, so
// this package does the following itself: it reads 2.1's encodings and
// charsets and nameless parameters before handing the lines over, keeps
// every value in its escaped wire form (the library turns "\;" and "\\;"
// into the same text, which splits a name with a semicolon wrongly) and
// unescapes values itself, and it writes the lines itself, escaping ";"
// inside names and addresses and folding lines at 75 octets as RFC 6350
// asks (the library's encoder does neither).
package vcard

import (
	"bufio"
	"context"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"

	"hankekirja/importing"
	"hankekirja/model"
)

// Versions the export writes.
const (
	V3 = "3.0"
	V4 = "4.0"
)

const prodID = "-//Hankekirja//Hankekirja//FI"

// Export writes the contacts with the given IDs (every contact not in the
// trash when none is given) as vCards of version (V3 when "").
func Export(ctx context.Context, svc model.Services, w io.Writer, version string, ids ...model.ID) error {
	switch version {
	case "":
		version = V3
	case V3, V4, "3", "4":
		version = version[:1] + ".0"
	default:
		return &importing.FormatError{Key: "vcard.bad_version", Args: map[string]any{"Name": version}}
	}
	return importing.View(ctx, svc, func(ctx context.Context) error {
		return export(ctx, svc, w, version, ids)
	})
}

// export is Export inside one read transaction. The contacts stream from
// the database one at a time; only the organisations and municipalities
// they name are held.
func export(ctx context.Context, svc model.Services, w io.Writer, version string, ids []model.ID) error {
	ix, err := importing.LoadIndexOf(ctx, svc, model.KindOrganisation, model.KindMunicipality)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	card := func(c *model.Contact) error { return encode(bw, Card(ix, c, version)) }
	if len(ids) == 0 {
		if err := svc.Contacts.Each(ctx, card); err != nil {
			return err
		}
		return bw.Flush()
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := svc.Contacts.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := card(c); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Card returns the vCard of a contact. Its values are in the escaped form
// they have in a file.
func Card(ix *importing.Index, c *model.Contact, version string) govcard.Card {
	v4 := version == V4
	card := govcard.Card{}
	set := func(name, value string, params govcard.Params) {
		card.Add(name, &govcard.Field{Value: value, Params: params})
	}
	set(govcard.FieldVersion, version, nil)
	set(govcard.FieldProductID, escape(prodID), nil)
	if v4 {
		set(govcard.FieldUID, "urn:uuid:"+c.ID.String(), nil)
		set(govcard.FieldKind, "individual", nil)
	} else {
		set(govcard.FieldUID, c.ID.String(), nil)
	}
	set(govcard.FieldFormattedName, escape(c.Title()), nil)
	set(govcard.FieldName, structured(c.LastName, c.FirstName, "", "", ""), nil)
	if r := ix.Get(c.Organisation); r != nil && r.Title() != "" {
		set(govcard.FieldOrganization, structured(r.Title()), nil)
	}
	if c.JobTitle != "" {
		set(govcard.FieldTitle, escape(c.JobTitle), nil)
	}
	for i, p := range c.Phones {
		typ := "WORK,VOICE"
		if mobile(p) {
			typ = "CELL,VOICE"
		}
		params := govcard.Params{}
		value := escape(p)
		if v4 {
			typ = strings.ToLower(typ)
			params.Set(govcard.ParamValue, "uri")
			value = "tel:" + p
			if i == 0 {
				params.Set(govcard.ParamPreferred, "1")
			}
		} else if i == 0 {
			typ += ",PREF"
		}
		params.Set(govcard.ParamType, typ)
		set(govcard.FieldTelephone, value, params)
	}
	for i, e := range c.Emails {
		params := govcard.Params{}
		if v4 {
			params.Set(govcard.ParamType, "work")
			if i == 0 {
				params.Set(govcard.ParamPreferred, "1")
			}
		} else {
			typ := "INTERNET,WORK"
			if i == 0 {
				typ += ",PREF"
			}
			params.Set(govcard.ParamType, typ)
		}
		set(govcard.FieldEmail, escape(e), params)
	}
	if !c.Address.IsZero() {
		a := c.Address
		typ := "WORK"
		if v4 {
			typ = "work"
		}
		set(govcard.FieldAddress, structured("", "", a.Street, a.City, "", a.PostalCode, a.Country), govcard.Params{govcard.ParamType: {typ}})
	}
	if c.Notes != "" {
		set(govcard.FieldNote, escape(c.Notes), nil)
	}
	if !c.Updated.IsZero() {
		set(govcard.FieldRevision, c.Updated.UTC().Format("20060102T150405Z"), nil)
	}
	return card
}

// mobile reports whether a +358 number is a Finnish mobile number (04x,
// 050).
func mobile(p string) bool {
	return strings.HasPrefix(p, "+3584") || strings.HasPrefix(p, "+35850")
}

// escape writes a text value: backslash, newline, comma and semicolon are
// escaped (RFC 6350 §3.4; RFC 2426 §4 for 3.0).
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteString(`\n`)
		case ',':
			b.WriteString(`\,`)
		case ';':
			b.WriteString(`\;`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// structured writes the components of a structured value (N, ADR, ORG).
func structured(parts ...string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = escape(p)
	}
	return strings.Join(out, ";")
}

// order is the order encode writes properties in; others follow sorted.
var order = []string{govcard.FieldVersion, govcard.FieldProductID, govcard.FieldUID, govcard.FieldKind, govcard.FieldFormattedName,
	govcard.FieldName, govcard.FieldOrganization, govcard.FieldTitle, govcard.FieldTelephone, govcard.FieldEmail,
	govcard.FieldAddress, govcard.FieldNote, govcard.FieldRevision}

// encode writes a card whose values are in wire form, folding its lines.
func encode(w io.Writer, card govcard.Card) error {
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\n")
	var rest []string
	for k := range card {
		if !slices.Contains(order, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range append(slices.Clone(order), rest...) {
		for _, f := range card[k] {
			line := k
			if f.Group != "" {
				line = f.Group + "." + line
			}
			var pk []string
			for p := range f.Params {
				pk = append(pk, p)
			}
			slices.Sort(pk)
			for _, p := range pk {
				if vals := f.Params[p]; len(vals) > 0 {
					line += ";" + p + "=" + strings.Join(vals, ",")
				}
			}
			b.WriteString(fold(line + ":" + f.Value))
		}
	}
	b.WriteString("END:VCARD\r\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// fold breaks a line into lines of at most 75 octets, never inside a
// UTF-8 sequence; continuation lines start with a space.
func fold(line string) string {
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}
