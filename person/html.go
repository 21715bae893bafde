package person

import (
	"html/template"
	"io"
	"strings"

	"hankekirja/assets"
	"hankekirja/model"
)

// WriteHTML writes the report as one self-contained HTML file (inline
// CSS, no scripts, nothing from outside) in language lang, to be printed
// or handed to the person.
func (r *Report) WriteHTML(w io.Writer, lang string) error {
	t := func(key string) string { return assets.Message(lang, "person."+key, nil) }
	funcs := template.FuncMap{
		"t":     t,
		"label": func(prefix, v string) string { return assets.Label(lang, prefix, v) },
		"join":  strings.Join,
		"date":  func(d model.Date) string { return d.String() },
		"period": func(p model.Period) string {
			if p.Start.IsZero() && p.End.IsZero() {
				return ""
			}
			return p.Start.String() + "–" + p.End.String()
		},
		"section": func(n int) string {
			if n == 0 {
				return ""
			}
			return "§ " + itoa(n)
		},
		"roles": func(rs []string) string {
			out := make([]string, len(rs))
			for i, x := range rs {
				out[i] = t("role_" + x)
			}
			return strings.Join(out, ", ")
		},
	}
	tmpl, err := template.New("person").Funcs(funcs).Parse(htmlTemplate)
	if err != nil {
		return model.Internal(err)
	}
	return tmpl.Execute(w, struct {
		Lang string
		R    *Report
	}{lang, r})
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

const htmlTemplate = `<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<title>{{t "title"}}: {{.R.Contact.Title}}</title>
<style>
body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eee}
@media print{body{margin:0}tr{page-break-inside:avoid}}
</style></head><body>
<h1>{{t "title"}}</h1>
<p>{{t "intro"}}</p>
{{with .R.Contact}}<h2>{{t "contact"}}</h2>
<table>
<tr><th>{{t "name"}}</th><td>{{.Title}}</td></tr>
{{if .JobTitle}}<tr><th>{{t "job_title"}}</th><td>{{.JobTitle}}</td></tr>{{end}}
{{if $.R.Organisation}}<tr><th>{{t "organisation"}}</th><td>{{$.R.Organisation}}</td></tr>{{end}}
{{if .Emails}}<tr><th>{{t "emails"}}</th><td>{{join .Emails ", "}}</td></tr>{{end}}
{{if .Phones}}<tr><th>{{t "phones"}}</th><td>{{join .Phones ", "}}</td></tr>{{end}}
{{if not .Address.IsZero}}<tr><th>{{t "address"}}</th><td>{{.Address.String}}</td></tr>{{end}}
{{if .Notes}}<tr><th>{{t "notes"}}</th><td>{{.Notes}}</td></tr>{{end}}
</table>{{end}}
<h2>{{t "history"}}</h2>
<table><tr><th>{{t "changed"}}</th><th>{{t "name"}}</th><th>{{t "job_title"}}</th><th>{{t "emails"}}</th></tr>
{{range .R.History}}<tr><td>{{.Updated.Format "2.1.2006 15.04"}}</td><td>{{.Title}}</td><td>{{.JobTitle}}</td><td>{{join .Emails ", "}}</td></tr>
{{end}}</table>
{{if .R.Memberships}}<h2>{{t "memberships"}}</h2>
<table><tr><th>{{t "group"}}</th><th>{{t "role"}}</th><th>{{t "represents"}}</th><th>{{t "term"}}</th></tr>
{{range .R.Memberships}}<tr><td>{{.GroupName}}</td><td>{{label "role." (print .Role)}}</td><td>{{.Represents}}</td><td>{{period .Term}}</td></tr>
{{end}}</table>{{end}}
{{if .R.Projects}}<h2>{{t "projects"}}</h2><ul>{{range .R.Projects}}<li>{{.Name}}</li>{{end}}</ul>{{end}}
{{if .R.Meetings}}<h2>{{t "meetings"}}</h2>
<table><tr><th>{{t "meeting"}}</th><th>{{t "date"}}</th><th>{{t "attendance"}}</th><th>{{t "roles"}}</th></tr>
{{range .R.Meetings}}<tr><td>{{.Title}}</td><td>{{date .Date}}</td><td>{{with .Attendance}}{{label "attendance." (print .Status)}}{{end}}{{if .Deputy}} ({{t "as_deputy"}}){{end}}</td><td>{{roles .Roles}}</td></tr>
{{end}}</table>
{{range .R.Meetings}}{{$m := .}}{{range .Dissents}}<p><b>{{t "dissent"}}</b> {{$m.Title}} {{section .Number}} {{.Item}}: {{.Text}}</p>{{end}}{{range .Conflicts}}<p><b>{{t "conflict"}}</b> {{$m.Title}} {{section .Number}} {{.Item}}{{if .Text}}: {{.Text}}{{end}}</p>{{end}}{{end}}
{{$tasks := false}}{{range .R.Meetings}}{{if .Tasks}}{{$tasks = true}}{{end}}{{end}}
{{if $tasks}}<h2>{{t "tasks"}}</h2>
<table><tr><th>{{t "meeting"}}</th><th>{{t "task"}}</th><th>{{t "due"}}</th><th>{{t "status"}}</th></tr>
{{range .R.Meetings}}{{$m := .}}{{range .Tasks}}<tr><td>{{$m.Title}} {{section .Number}}</td><td>{{.Text}}</td><td>{{date .Due}}</td><td>{{label "task_status." (print .Status)}}</td></tr>
{{end}}{{end}}</table>{{end}}{{end}}
{{if .R.Mentions}}<h2>{{t "mentions"}}</h2>
{{range .R.Mentions}}<h3>{{.MeetingTitle}} {{section .Number}} {{.ItemTitle}}</h3><p>{{.Text}}</p>
{{end}}{{end}}
</body></html>
`
