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
// The file is plain RFC 4180: every value as it is, so that a script, a
// text editor, a mail program or a spreadsheet with formula evaluation off
// shows "091" and "040 123 4567", not a formula. Spreadsheets that convert
// what looks like a number when they open a CSV file turn the municipality
// code "091" into 91 and the postal code "00100" into 100; for them the
// spreadsheet's text import (column type Text) or an .xlsx file is the
// way. A cell that a spreadsheet would run as a formula (it starts with =
// or @) is written after an apostrophe, which spreadsheets show as text;
// import takes the apostrophe away again. That defuses formula injection
// at the cost of an apostrophe in such rare cells where no spreadsheet
// reads the file.
//
// "CSV for old Excel" (ExportOptions.OldExcel, hankekirja export csv
// --old-excel) is the explicit choice for an Excel that opens the file
// directly: a text column's cell that Excel would convert is written as a
// formula whose value is the text, ="091" (long or multi-line text as
// ="..."&CHAR(10)&"..."), which Excel and LibreOffice (with formula
// evaluation on) show as the text 091; every other program shows the
// formula.
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
