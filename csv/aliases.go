package csv

import "hankekirja/model"

// Headers of contact exports of other programs, by the column they fill.
// Several columns may fill a list column (a business, a mobile and a home
// phone); the others take the first of their headers found. Headers are
// compared as normHeader does (case and runs of spaces ignored).
//
// Sources: Outlook's "Export to a file" CSV (English, and Finnish
// Outlook's field names), Outlook.com / Hotmail; Google Contacts' current
// export and its older "Google CSV"; Thunderbird's address-book export
// ("Comma Separated"). Columns with nothing to keep (faxes, pagers,
// birthdays, the home address when the work one is read) are not listed,
// so the import names them among the columns it ignores.
var contactAliases = map[string][]string{
	"first_name": {
		"First Name", "Given Name", // Outlook, Thunderbird, Google; Google CSV
	},
	"last_name": {
		"Last Name", "Family Name",
	},
	"job_title": {
		"Job Title", "Organization Title", "Organization 1 - Title",
		"Tehtävä", "Ammatti",
	},
	"organisation": {
		"Company", "Organization", "Organization Name", "Organization 1 - Name",
		"Yritys",
	},
	"emails": {
		"E-mail Address", "E-mail 2 Address", "E-mail 3 Address", // Outlook
		"E-mail 1 - Value", "E-mail 2 - Value", "E-mail 3 - Value", // Google
		"Primary Email", "Secondary Email", // Thunderbird
		"Sähköpostiosoite", "Sähköposti 2 -osoite", "Sähköposti 3 -osoite",
		"Sähköposti", "Sähköposti 2", "Sähköposti 3",
	},
	"phones": {
		"Business Phone", "Business Phone 2", "Mobile Phone", "Primary Phone",
		"Company Main Phone", "Home Phone", "Home Phone 2", "Other Phone", "Car Phone",
		"Phone 1 - Value", "Phone 2 - Value", "Phone 3 - Value", "Phone 4 - Value",
		"Work Phone", "Mobile Number",
		"Työpuhelin", "Työpuhelin 2", "Matkapuhelin", "Ensisijainen puhelin",
		"Yrityksen puhelin", "Kotipuhelin", "Kotipuhelin 2", "Muu puhelin", "Autopuhelin",
	},
	"street": {
		"Business Street", "Address 1 - Street", "Work Address",
		"Työosoite", "Työosoite, katu", "Työosoitteen katuosoite",
	},
	"postal_code": {
		"Business Postal Code", "Address 1 - Postal Code", "Work ZipCode",
		"Työosoite, postinumero", "Työosoitteen postinumero",
	},
	"city": {
		"Business City", "Address 1 - City", "Work City",
		"Työosoite, kaupunki", "Työosoitteen postitoimipaikka", "Työosoitteen kaupunki",
	},
	"country": {
		"Business Country/Region", "Business Country", "Address 1 - Country", "Work Country",
		"Työosoite, maa tai alue", "Työosoitteen maa tai alue", "Työosoitteen maa/alue",
	},
	"notes": {
		"Notes", "Muistiinpanot",
	},
}

// aliasesOf returns the headers of other programs' exports that fill the
// column key of kind's table; only contacts have them.
func aliasesOf(t kindTable, key string) []string {
	if t.kind() != model.KindContact {
		return nil
	}
	return contactAliases[key]
}

// multiColumn reports whether several columns of a file may fill key:
// the list columns.
func multiColumn(key string) bool { return key == "phones" || key == "emails" }
