package minutes

import (
	"html/template"
	"io"
	"strings"

	"hankekirja/model"
)

// WriteHTML writes doc of v as one self-contained HTML file: inline CSS
// with print styles (A4 pages, no page break inside a signature or a
// table row), no scripts, no outside resources. The meeting's Markdown
// texts are rendered to HTML; raw HTML in them is left out.
func WriteHTML(w io.Writer, v *View, doc Doc, lang string) error {
	t := newText(lang)
	m := v.Meeting
	members, others, absent := v.attendanceRows(t, doc)
	type attSection struct {
		Title string
		Rows  []attendanceRow
	}
	data := struct {
		Lang, Title, Heading, TypeLabel, Status string
		V                                       *View
		M                                       *model.Meeting
		Minutes                                 bool
		When                                    string
		Attendance                              []attSection
		Checkers                                []string
		CheckedLine                             string
		Intro                                   []string
		Closing                                 []closingBlock
	}{
		Lang:    t.lang,
		Title:   strings.TrimSpace(v.GroupName + " – " + t.number(doc, m) + " " + m.Date.String()),
		Heading: t.number(doc, m),
		V:       v, M: m,
		Minutes: doc == Minutes,
		When:    t.when(m),
	}
	if m.Type == model.MeetingExtra {
		data.TypeLabel = t.label("meeting_type.", string(m.Type))
	}
	if doc == Invitation {
		data.Intro = v.invitationText(t)
	}
	if doc == Minutes {
		data.Status = statusNote(t, m)
		data.Attendance = []attSection{{t.t("present"), members}, {t.t("others_present"), others}, {t.t("absent"), absent}}
	} else {
		data.Attendance = []attSection{{t.t("invited"), members}, {t.t("others_invited"), others}}
	}
	data.Checkers = v.checkedNames()
	if doc == Minutes {
		data.CheckedLine = v.checkedLine(t)
		data.Closing = v.closing(t)
	}
	funcs := template.FuncMap{
		"t":       t.t,
		"label":   t.label,
		"section": t.section,
		"name":    v.Name,
		"conflict": func(c model.Conflict) string {
			return v.conflictText(t, c)
		},
		"taskStatus": func(task model.Task) string { return taskStatus(t, task) },
		"reopened":   func(r model.Reopening) string { return reopenedText(t, r) },
		"markdown": func(s string) (template.HTML, error) {
			h, err := renderMarkdown(s)
			return template.HTML(h), err
		},
		"paragraphs": paragraphs,
		"blank":      func(s string) bool { return strings.TrimSpace(s) == "" },
		"decision":   func(it model.AgendaItem) string { return v.decision(t, &it) },
		"how":        func(it model.AgendaItem) []string { return v.howDecided(t, &it) },
	}
	tmpl, err := template.New("minutes").Funcs(funcs).Parse(htmlTemplate)
	if err != nil {
		return err
	}
	return tmpl.Execute(w, data)
}

// paragraphs splits plain text into paragraphs at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

const htmlTemplate = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
  :root { --ink: #1a1a1a; --muted: #5b5b5b; --rule: #b9b9b9; }
  html { font-family: "Source Sans 3", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 11pt; color: var(--ink); }
  body { max-width: 50rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.4; }
  header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid var(--ink); padding-bottom: .6rem; margin-bottom: 1rem; gap: 1rem; }
  header h1 { font-size: 1.35rem; margin: 0; }
  header .project { color: var(--muted); margin: .2rem 0 0; }
  header .doc { text-align: right; white-space: nowrap; }
  header .doc strong { display: block; font-size: 1.15rem; letter-spacing: .03em; }
  .status { color: var(--muted); font-style: italic; margin: 0 0 1rem; }
  dl.facts { display: grid; grid-template-columns: 8rem 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
  dl.facts dt { font-weight: bold; }
  dl.facts dd { margin: 0; }
  h2 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
  table { border-collapse: collapse; width: 100%; margin: .2rem 0 .8rem; }
  th, td { text-align: left; vertical-align: top; padding: .2rem .5rem .2rem 0; border-bottom: 1px solid var(--rule); }
  th { font-size: .9rem; color: var(--muted); font-weight: normal; }
  section.item { margin-top: 1.4rem; }
  section.item h2 { display: grid; grid-template-columns: 4rem 1fr; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
  .body { margin-left: 4rem; }
  .label { font-weight: bold; margin: .6rem 0 .1rem; }
  .presenter { color: var(--muted); font-style: italic; }
  .decision { border-left: 3px solid var(--ink); padding-left: .6rem; }
  .note { margin: .4rem 0; }
  .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 2.5rem 3rem; margin-top: 2.5rem; }
  .signatures h3 { grid-column: 1 / -1; font-size: 1rem; margin: 0; }
  .sign { padding-top: 2.6rem; border-bottom: 1px solid var(--ink); }
  .sign-name { margin-top: .2rem; }
  .sign-role { color: var(--muted); font-size: .9rem; }
  .checked-line { grid-column: 1 / -1; margin: 0; font-weight: bold; }
  section.closing { margin-top: 1.6rem; break-inside: avoid; page-break-inside: avoid; }
  @page { size: A4; margin: 20mm 18mm 22mm; }
  @media print {
    html { font-size: 10.5pt; }
    body { max-width: none; margin: 0; padding: 0; }
    a { color: inherit; text-decoration: none; }
    tr, .signatures, .sign, .decision { break-inside: avoid; page-break-inside: avoid; }
    section.item h2 { break-after: avoid; page-break-after: avoid; }
  }
</style>
</head>
<body>
<header>
  <div>
    <h1>{{.V.GroupName}}</h1>
    {{- with .V.ProjectName}}<p class="project">{{.}}</p>{{end}}
  </div>
  <div class="doc"><strong>{{.Heading}}</strong>{{with .TypeLabel}}{{.}}<br>{{end}}{{.M.Date}}</div>
</header>
{{with .Status}}<p class="status">{{.}}</p>{{end}}
<dl class="facts">
  <dt>{{t "time"}}</dt><dd>{{.When}}</dd>
  {{- with .M.Place}}<dt>{{t "place"}}</dt><dd>{{.}}</dd>{{end}}
  {{- with .M.Link}}<dt>{{t "online"}}</dt><dd><a href="{{.}}">{{.}}</a></dd>{{end}}
</dl>
{{range .Intro}}<p>{{.}}</p>{{end}}
{{range .Attendance}}{{if .Rows}}
<h2>{{.Title}}</h2>
<table class="attendance">
  <thead><tr><th>{{t "name"}}</th><th>{{t "organisation"}}</th><th>{{t "note"}}</th></tr></thead>
  <tbody>
  {{- range .Rows}}
    <tr><td>{{.Name}}</td><td>{{.Organisation}}</td><td>{{.Note}}</td></tr>
  {{- end}}
  </tbody>
</table>
{{end}}{{end}}
{{$minutes := .Minutes}}
{{range .M.Items}}
<section class="item">
  <h2><span class="no">{{section .Number}}</span><span>{{.Title}}</span></h2>
  <div class="body">
  {{- if not .Presenter.IsZero}}<p class="presenter">{{t "presenter"}}: {{name .Presenter}}</p>{{end}}
  {{- if not (blank .Background)}}<div class="background">{{markdown .Background}}</div>{{end}}
  {{- if not (blank .Proposal)}}<p class="label">{{t "proposal"}}</p>{{range paragraphs .Proposal}}<p>{{.}}</p>{{end}}{{end}}
  {{- if $minutes}}
    {{- if not (blank .Discussion)}}<p class="label">{{t "discussion"}}</p>{{range paragraphs .Discussion}}<p>{{.}}</p>{{end}}{{end}}
    {{- range .Conflicts}}<p class="note"><strong>{{t "conflict"}}:</strong> {{conflict .}}</p>{{end}}
    {{- with how .}}<p class="label">{{t "how_decided"}}</p>{{range .}}<p>{{.}}</p>{{end}}{{end}}
    {{- with decision .}}<div class="decision"><p class="label">{{t "decision"}}</p>{{range paragraphs .}}<p>{{.}}</p>{{end}}</div>{{end}}
    {{- range .Dissents}}<p class="note"><strong>{{t "dissent"}} ({{name .By}}):</strong> {{.Text}}</p>{{end}}
    {{- if .Tasks}}
    <p class="label">{{t "tasks"}}</p>
    <table class="tasks">
      <thead><tr><th>{{t "task"}}</th><th>{{t "owner"}}</th><th>{{t "due"}}</th><th>{{t "status"}}</th></tr></thead>
      <tbody>
      {{- range .Tasks}}
        <tr><td>{{.Description}}</td><td>{{name .Owner}}</td><td>{{.Due}}</td><td>{{taskStatus .}}</td></tr>
      {{- end}}
      </tbody>
    </table>
    {{- end}}
  {{- end}}
  </div>
</section>
{{end}}
{{if .Minutes}}
{{if .M.Reopenings}}
<h2>{{t "corrections"}}</h2>
<ul>{{range .M.Reopenings}}<li>{{reopened .}}</li>{{end}}</ul>
{{end}}
<div class="signatures">
  <h3>{{t "signatures"}}</h3>
  <div><div class="sign"></div><div class="sign-name">{{name .M.Chair}}</div><div class="sign-role">{{t "chair"}}</div></div>
  <div><div class="sign"></div><div class="sign-name">{{name .M.Secretary}}</div><div class="sign-role">{{t "secretary"}}</div></div>
  <h3>{{t "checked_heading"}}</h3>
  {{- range .Checkers}}
  <div><div class="sign"></div><div class="sign-name">{{.}}</div><div class="sign-role">{{t "checker"}}</div></div>
  {{- else}}
  <div><div class="sign"></div><div class="sign-role">{{t "checker"}}</div></div>
  <div><div class="sign"></div><div class="sign-role">{{t "checker"}}</div></div>
  {{- end}}
  {{- with .CheckedLine}}<p class="checked-line">{{.}}: {{range $i, $n := $.Checkers}}{{if $i}}, {{end}}{{$n}}{{end}}</p>{{end}}
</div>
{{range .Closing}}
<section class="closing">
  <h2>{{.Title}}</h2>
  {{- range .Paras}}<p>{{.}}</p>{{end}}
  {{- with .List}}<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
</section>
{{end}}
{{end}}
</body>
</html>
`
