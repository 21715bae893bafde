// Package csv reads and writes Hankekirja's records as CSV files that
// Finnish Excel and LibreOffice Calc open directly, one file per kind:
// contacts, municipalities, organisations, projects, groups with one row
// per membership, and the meetings' tasks (the follow-up list, one row per
// task).
//
// # The file
//
// UTF-8 with a byte order mark (Excel reads a file without one in the
// system's ANSI code page and garbles å, ä and ö), semicolons between fields
// (the list separator of Finnish Windows, where the comma is the decimal
// mark), CRLF line ends, dates as d.M.yyyy, numbers with a decimal comma and
// headers in the user's language (Finnish by default). A list (phone
// numbers, emails, goals) is one cell with one item per line.
//
// # Text that must stay text
//
// Excel converts every cell that looks like a number, a date or a formula
// when it opens a CSV file, quotes or not: the municipality code "091"
// becomes 91, the postal code "00100" becomes 100, "+358401234567" becomes
// 358401234567 and a note starting with "- " an error. A text column's cell
// that Excel would convert is therefore written as a formula whose value is
// the text, ="091" (long or multi-line text as ="..."&CHAR(10)&"..."). Excel
// and LibreOffice (whose CSV import evaluates formulas by default) show the
// text 091, and saving the sheet as CSV again writes the plain text 091.
// Only such cells are written so; everything else is plain, so that a script
// reading the file sees plain values except for these (strip the leading =
// and the quotes). A leading apostrophe, the other usual trick, would become
// part of the data in LibreOffice and in scripts, and is not used. The same
// rule defuses formula injection: a cell starting with =, +, - or @ is
// always written as a formula-text, never as a formula.
//
// Import reads both forms, with or without the byte order mark, separated by
// semicolons, commas or tabs, in UTF-8 or (as Excel saves "CSV
// (luetteloerotin)") Windows-1252.
//
// # Importing
//
// The kind is recognised from the headers, which may be in Finnish, Swedish
// or English (or the stable English column keys, "first_name"). Columns a
// file lacks are left as they are in the database, so a file with a few
// columns updates only those. Each row is matched to an existing record by
// the ID column when it holds a known ID, otherwise by a key:
//
//	contacts        an email address, else first and last name
//	organisations   Y-tunnus, else name
//	municipalities  code (only the notes are imported; the rest is official)
//	projects        short name, else name
//	groups          project and group name
//	tasks           meeting ID, § and the task's number in the item (a row
//	                without a number adds a task; checked minutes accept
//	                only tasks marked done)
//
// so that importing the same file again updates instead of duplicating.
// A project's funding lines are one cell, a line each: "funder | amount |
// share | period | note" (see fundingCol).
// References to other records (a contact's organisation, a project's
// administrator) are by name, or by ID when a name is ambiguous.
//
// Import first builds a report (package importing's, which the vCard
// import shares): what each row would add, update or leave unchanged, and
// the problems of invalid rows in the user's language ("rivi 14: Sukunimi:
// on pakollinen"). A contact's cell that cannot be read does not make its
// row invalid: the value is kept in the notes and the report says so
// ("rivi 14: Sähköposti "matti@": ei ole kelvollinen sähköpostiosoite;
// tallennettu muistiinpanoihin"), and an organisation not found is added
// (Options.CreateOrganisations) or kept there too. Nothing is written when
// DryRun is set, nor when any row is invalid unless SkipInvalid is set, in
// which case the valid rows are imported.
//
// The package shares its name with the standard library's encoding/csv;
// code that needs both imports that one as stdcsv. This package does not
// use it: parseCSV guesses the separator, reads Excel's "sep=" line and
// numbers rows as a spreadsheet shows them.
package csv
