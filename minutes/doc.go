// Package minutes prints a meeting: its minutes (pöytäkirja) and its agenda
// (esityslista), as PDF, as one self-contained printable HTML file and as
// Markdown.
//
// Load gathers a meeting and everything it names (the group, the project,
// the contacts and their organisations) into a View through model.Services,
// so the writers need no database. The writers take a language (fi, sv, en;
// Finnish by default) and take their labels from the meetings.<lang>.json
// catalogues in assets/translation.
//
// The PDF embeds the Go fonts (golang.org/x/image/font/gofont) as Unicode
// TrueType fonts, so å, ä, ö and § come out right on any machine, and
// numbers its pages "Sivu 1/3". The minutes end with the signature block
// of the chair, the secretary and the two minute checkers.
package minutes
