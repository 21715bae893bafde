package model

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// countries maps the ways an address names a country, in Finnish, Swedish,
// English and the country's own language, to its ISO 3166 code, so that a
// national phone number on the record takes that country. Only the
// countries Finnish address books meet most; an ISO code is read as such.
var countries = map[string]string{
	"suomi": "FI", "finland": "FI", "republic of finland": "FI",
	"ruotsi": "SE", "sverige": "SE", "sweden": "SE",
	"norja": "NO", "norge": "NO", "norway": "NO",
	"tanska": "DK", "danmark": "DK", "denmark": "DK",
	"islanti": "IS", "island": "IS", "iceland": "IS",
	"viro": "EE", "eesti": "EE", "estland": "EE", "estonia": "EE",
	"latvia": "LV", "lettland": "LV", "latvija": "LV",
	"liettua": "LT", "litauen": "LT", "lithuania": "LT", "lietuva": "LT",
	"saksa": "DE", "tyskland": "DE", "germany": "DE", "deutschland": "DE",
	"alankomaat": "NL", "hollanti": "NL", "nederländerna": "NL", "netherlands": "NL", "nederland": "NL",
	"belgia": "BE", "belgien": "BE", "belgium": "BE", "belgique": "BE",
	"ranska": "FR", "frankrike": "FR", "france": "FR",
	"espanja": "ES", "spanien": "ES", "spain": "ES", "españa": "ES",
	"italia": "IT", "italien": "IT", "italy": "IT",
	"itävalta": "AT", "österrike": "AT", "austria": "AT", "österreich": "AT",
	"sveitsi": "CH", "schweiz": "CH", "switzerland": "CH", "suisse": "CH",
	"puola": "PL", "polen": "PL", "poland": "PL", "polska": "PL",
	"venäjä": "RU", "ryssland": "RU", "russia": "RU",
	"irlanti": "IE", "irland": "IE", "ireland": "IE",
	"iso-britannia": "GB", "storbritannien": "GB", "united kingdom": "GB", "uk": "GB", "great britain": "GB", "england": "GB",
	"yhdysvallat": "US", "usa": "US", "u.s.a.": "US", "united states": "US", "united states of america": "US", "förenta staterna": "US",
	"kanada": "CA", "canada": "CA",
	"australia": "AU", "australien": "AU",
	"japani": "JP", "japan": "JP",
	"kiina": "CN", "kina": "CN", "china": "CN",
	"intia": "IN", "indien": "IN", "india": "IN",
}

// CountryRegion is the ISO 3166 code of the country an address names
// ("Saksa", "Deutschland", "DE" → "DE"), or "" when it is not known.
func CountryRegion(country string) string {
	c := strings.ToLower(strings.TrimSpace(country))
	if r, ok := countries[c]; ok {
		return r
	}
	if r := strings.ToUpper(c); len(r) == 2 && phonenumbers.GetSupportedRegions()[r] {
		return r
	}
	return ""
}
