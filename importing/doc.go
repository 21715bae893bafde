// Package importing is what the CSV and vCard imports have in common: the
// Report that previews an import and then says what it did, with each
// invalid row's problems in the user's language; the Index of the records
// already in the database, which a file's records are matched to (a
// contact by ID, else email, else name) and which resolves references by
// name; Apply, which writes a planned import in one transaction unless it
// is a dry run or has invalid rows; and ErrorText, which says an import's
// errors to a person.
//
// Package csv and package vcard build on it; it knows neither file format.
// The messages it uses are in the "table." section of the catalogues.
package importing
