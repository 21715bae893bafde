package minutes

import (
	"bufio"
	"io"
	"strings"

	"hankekirja/model"
)

// WriteMarkdown writes doc of v as Markdown (CommonMark with pipe tables).
// The meeting's own texts are Markdown already and go in as they are.
func WriteMarkdown(w io.Writer, v *View, doc Doc, lang string) error {
	t := newText(lang)
	m := v.Meeting
	b := bufio.NewWriter(w)
	p := func(lines ...string) {
		for _, l := range lines {
			b.WriteString(l)
			b.WriteString("\n")
		}
	}
	p("# "+mdInline(v.GroupName), "")
	if v.ProjectName != "" {
		p(mdInline(v.ProjectName), "")
	}
	heading := "**" + mdInline(t.number(doc, m)) + "**"
	if m.Type == model.MeetingExtra {
		heading += " · " + mdInline(t.label("meeting_type.", string(m.Type)))
	}
	p(heading, "")
	if doc == Minutes {
		p("*"+mdInline(statusNote(t, m))+"*", "")
	}
	p("- **" + t.t("time") + ":** " + mdInline(t.when(m)))
	if m.Place != "" {
		p("- **" + t.t("place") + ":** " + mdInline(m.Place))
	}
	if m.Link != "" {
		p("- **" + t.t("online") + ":** <" + m.Link + ">")
	}
	p("")

	if doc == Invitation {
		for _, para := range v.invitationText(t) {
			p(mdInline(para), "")
		}
	}
	members, others, absent := v.attendanceRows(t, doc)
	table := func(title string, rows []attendanceRow) {
		if len(rows) == 0 {
			return
		}
		p("## "+title, "")
		p("| "+t.t("name")+" | "+t.t("organisation")+" | "+t.t("note")+" |", "|---|---|---|")
		for _, r := range rows {
			p("| " + mdCell(r.Name) + " | " + mdCell(r.Organisation) + " | " + mdCell(r.Note) + " |")
		}
		p("")
	}
	if doc == Minutes {
		table(t.t("present"), members)
		table(t.t("others_present"), others)
		table(t.t("absent"), absent)
	} else {
		table(t.t("invited"), members)
		table(t.t("others_invited"), others)
	}

	for _, it := range m.Items {
		p("## "+t.section(it.Number)+" "+mdInline(it.Title), "")
		if !it.Presenter.IsZero() {
			p("*"+t.t("presenter")+":* "+mdInline(v.Name(it.Presenter)), "")
		}
		if s := strings.TrimSpace(it.Background); s != "" {
			p(s, "")
		}
		labelled := func(key, body string) {
			if s := strings.TrimSpace(body); s != "" {
				p("**"+t.t(key)+":**", "", s, "")
			}
		}
		labelled("proposal", it.Proposal)
		if doc != Minutes {
			continue
		}
		labelled("discussion", it.Discussion)
		for _, c := range it.Conflicts {
			p("**"+t.t("conflict")+":** "+mdInline(v.conflictText(t, c)), "")
		}
		if how := v.howDecided(t, &it); len(how) > 0 {
			p("**"+t.t("how_decided")+":**", "")
			for _, h := range how {
				p(mdInline(h), "")
			}
		}
		labelled("decision", v.decision(t, &it))
		for _, d := range it.Dissents {
			p("**"+t.t("dissent")+" ("+mdInline(v.Name(d.By))+"):**", "", strings.TrimSpace(d.Text), "")
		}
		if len(it.Tasks) > 0 {
			p("**"+t.t("tasks")+"**", "")
			p("| "+t.t("task")+" | "+t.t("owner")+" | "+t.t("due")+" | "+t.t("status")+" |", "|---|---|---|---|")
			for _, task := range it.Tasks {
				p("| " + mdCell(task.Description) + " | " + mdCell(v.Name(task.Owner)) + " | " + task.Due.String() + " | " + mdCell(taskStatus(t, task)) + " |")
			}
			p("")
		}
	}

	if doc == Minutes {
		if len(m.Reopenings) > 0 {
			p("## "+t.t("corrections"), "")
			for _, r := range m.Reopenings {
				p("- " + mdInline(reopenedText(t, r)))
			}
			p("")
		}
		p("## "+t.t("signatures"), "")
		p("- **" + t.t("chair") + ":** " + mdInline(v.Name(m.Chair)))
		p("- **" + t.t("secretary") + ":** " + mdInline(v.Name(m.Secretary)))
		var checkers []string
		for _, c := range v.checkedNames() {
			checkers = append(checkers, mdInline(c))
		}
		p("- **"+t.t("checkers")+":** "+strings.Join(checkers, ", "), "")
		if line := v.checkedLine(t); line != "" {
			p(mdInline(line)+": "+strings.Join(checkers, ", "), "")
		}
		for _, blk := range v.closing(t) {
			p("## "+mdInline(blk.Title), "")
			for _, para := range blk.Paras {
				p(mdInline(para), "")
			}
			for _, l := range blk.List {
				p("- " + mdInline(l))
			}
			if len(blk.List) > 0 {
				p("")
			}
		}
	}
	return b.Flush()
}

// statusNote says whether the minutes are checked.
func statusNote(t text, m *model.Meeting) string {
	switch m.Status {
	case model.MeetingChecked:
		return t.t("checked_note")
	case model.MeetingPlanned:
		return t.t("planned_note")
	}
	return t.t("unchecked_note")
}

// taskStatus is "avoin" or "tehty 1.5.2019".
func taskStatus(t text, task model.Task) string {
	s := t.label("task_status.", string(task.Status))
	if !task.IsOpen() && !task.DoneOn.IsZero() {
		s += " " + task.DoneOn.String()
	}
	return s
}

// reopenedText is "16.5.2019: reason".
func reopenedText(t text, r model.Reopening) string {
	return t.tf("reopened", map[string]any{"When": model.DateOf(r.At.Local()).String(), "Text": r.Reason})
}

// mdInline makes text safe on one Markdown line: line breaks become
// spaces and characters that would start markup are escaped.
func mdInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, "#", `\#`, "|", `\|`)
	return r.Replace(s)
}

// mdCell makes text safe in a pipe table cell.
func mdCell(s string) string { return mdInline(s) }
