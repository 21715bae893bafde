// Package xlsx reads and writes Hankekirja's tables as Excel workbooks
// (.xlsx, Office Open XML), through github.com/xuri/excelize.
//
// A workbook holds the same table as package csv's file of that kind, one
// sheet per file: the columns, the headers in the user's language, and on
// import the same recognition of headers, matching of rows to records and
// rules, because the rows go through package csv (ExportRows, ImportRows).
// Only the cells differ, since a workbook can say what each cell is:
//
//   - text stays text: codes (091), postal codes, phone numbers and business
//     IDs are text cells formatted as text (@), so neither leading zeros
//     nor a leading + are lost and nothing needs the ="091" of the CSV
//     file; a cell beginning with = is text, never a formula;
//   - dates are date cells (a serial number) shown d.m.yyyy;
//   - euro amounts are numbers shown with two decimals, counts plain
//     numbers;
//   - a list (phone numbers, goals) is one cell with one item per line,
//     wrapped;
//   - the header row is bold and frozen, and the sheet has an autofilter.
//
// On import the active sheet is read. A date cell (a number whose format
// is a date format, whichever the program that saved it chose) comes in
// as its date; every other cell as its value, not as the program shows
// it, so a phone number saved as a number keeps all its digits.
package xlsx
