package csv

import (
	"strconv"
	"strings"

	"hankekirja/model"
)

// The funding column of the projects table holds one funding line per
// line of the cell, its parts separated by " | ":
//
//	Sosiaali- ja terveysministeriö | 1250000,00 | 40 % | 1.1.2024–31.12.2025 | RRF
//
// the funder (a name, or an ID when the name is ambiguous), the amount in
// euros, the share, the period and a note; the parts after the amount may
// be left out. The amount is written without grouping so that the line
// reads back whatever the language.
const fundingSep = " | "

// fundingCol is the projects' funding lines.
var fundingCol = col[model.Project]{key: "funding", list: true, fields: []string{"funding"},
	get: func(x *env, r *model.Project) string {
		lines := make([]string, len(r.Funding))
		for i, f := range r.Funding {
			parts := []string{x.ix.RefText(f.Funder, model.KindOrganisation, model.KindMunicipality), model.FormatCentsWith(f.Amount, "", ",")}
			if f.Share != 0 || !f.Period.Start.IsZero() || !f.Period.End.IsZero() || f.Note != "" {
				share := ""
				if f.Share != 0 {
					share = strings.ReplaceAll(strconv.FormatFloat(f.Share, 'f', -1, 64), ".", ",") + " %"
				}
				parts = append(parts, share, f.Period.String(), f.Note)
			}
			lines[i] = strings.TrimRight(strings.Join(parts, fundingSep), " |")
		}
		return joinLines(lines)
	},
	set: func(x *env, r *model.Project, v string) *model.Error {
		r.Funding = nil
		for _, line := range splitList(v, false) {
			f, err := parseFunding(x, line)
			if err != nil {
				err.Args = map[string]any{"Text": line}
				return err
			}
			r.Funding = append(r.Funding, f)
		}
		return nil
	}}

// parseFunding reads one line of the funding column.
func parseFunding(x *env, line string) (model.FundingLine, *model.Error) {
	var f model.FundingLine
	parts := strings.Split(line, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	var err *model.Error
	if f.Funder, err = x.ix.Resolve(parts[0], model.KindOrganisation, model.KindMunicipality); err != nil {
		return f, err
	}
	if len(parts) > 1 {
		cents, perr := model.ParseCents(parts[1])
		if perr != nil {
			return f, &model.Error{Code: model.EINVALID, Key: "import.bad_amount"}
		}
		f.Amount = cents
	}
	if len(parts) > 2 && parts[2] != "" {
		s := strings.TrimSpace(strings.TrimSuffix(parts[2], "%"))
		share, perr := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
		if perr != nil {
			return f, &model.Error{Code: model.EINVALID, Key: "import.bad_share"}
		}
		f.Share = share
	}
	if len(parts) > 3 && parts[3] != "" {
		start, end, _ := strings.Cut(strings.ReplaceAll(parts[3], "-", "–"), "–")
		var derr *model.Error
		if f.Period.Start, derr = parseDate(start); derr != nil {
			return f, derr
		}
		if f.Period.End, derr = parseDate(end); derr != nil {
			return f, derr
		}
	}
	if len(parts) > 4 {
		f.Note = strings.Join(parts[4:], " | ")
	}
	return f, nil
}
