package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hankekirja/model"
)

// The item editor's record of how a decision was reached: the
// counter-proposals with who made and who seconded them, a vote between
// the proposal and a seconded counter-proposal (yes, no, blank and absent
// counts), and elections.
type votingEditor struct {
	ie        *itemEditor
	proposals *fyne.Container
	vote      *fyne.Container
	elections *fyne.Container
	voteOn    *widget.Check
	content   fyne.CanvasObject
}

func newVotingEditor(ie *itemEditor) *votingEditor {
	v := &votingEditor{ie: ie, proposals: container.NewVBox(), vote: container.NewVBox(), elections: container.NewVBox()}
	e := ie.a.e
	addProposal := widget.NewButtonWithIcon(T("meetings_ui.add_row"), theme.ContentAddIcon(), func() {
		ie.item().CounterProposals = append(ie.item().CounterProposals, model.CounterProposal{})
		e.changed()
		v.fill()
	})
	v.voteOn = widget.NewCheck(T("meetings_ui.vote_taken"), func(on bool) {
		it := ie.item()
		switch {
		case on && it.Vote == nil:
			it.Vote = &model.Vote{}
		case !on && it.Vote != nil:
			it.Vote = nil
		default:
			return
		}
		e.changed()
		v.fillVote()
	})
	v.voteOn.SetChecked(ie.item().Vote != nil)
	addElection := widget.NewButtonWithIcon(T("meetings_ui.add_row"), theme.ContentAddIcon(), func() {
		ie.item().Elections = append(ie.item().Elections, model.Election{})
		e.changed()
		v.fillElections()
	})
	v.content = container.NewVBox(
		container.NewBorder(nil, nil, heading(fieldLabel("counter_proposals")), addProposal), v.proposals,
		container.NewBorder(nil, nil, heading(fieldLabel("vote")), v.voteOn), v.vote,
		container.NewBorder(nil, nil, heading(fieldLabel("elections")), addElection), v.elections,
	)
	v.fill()
	return v
}

// fill rebuilds every part (the people offered follow the attendance).
func (v *votingEditor) fill() {
	v.fillProposals()
	v.fillVote()
	v.fillElections()
}

func (v *votingEditor) fillProposals() {
	ie, e := v.ie, v.ie.a.e
	v.proposals.Objects = nil
	for j := range ie.item().CounterProposals {
		p := ie.item().CounterProposals[j]
		by := newPersonField(e.people, p.By, func(q model.Person) { ie.item().CounterProposals[j].By = q; e.changed() })
		by.entry.SetPlaceHolder(fieldLabel("proposer"))
		e.offerPresent(by)
		second := newPersonField(e.people, p.SecondedBy, func(q model.Person) { ie.item().CounterProposals[j].SecondedBy = q; e.changed() })
		second.entry.SetPlaceHolder(fieldLabel("seconded_by"))
		e.offerPresent(second)
		text := widget.NewEntry()
		text.SetText(p.Text)
		text.SetPlaceHolder(fieldLabel("counter_proposals_item"))
		text.OnChanged = func(s string) { ie.item().CounterProposals[j].Text = s; e.changed() }
		ie.entries[fmt.Sprintf("counter_proposals[%d].text", j)] = text
		ie.entries[fmt.Sprintf("counter_proposals[%d].by", j)] = &by.entry.Entry
		ie.entries[fmt.Sprintf("counter_proposals[%d].seconded_by", j)] = &second.entry.Entry
		del := removeButton(func() {
			it := ie.item()
			it.CounterProposals = slices.Delete(it.CounterProposals, j, j+1)
			if it.Vote != nil && it.Vote.Against >= len(it.CounterProposals) {
				it.Vote.Against = max(len(it.CounterProposals)-1, 0)
			}
			e.changed()
			v.fill()
		})
		people := container.NewGridWithColumns(2, by.entry, second.entry)
		v.proposals.Add(container.NewBorder(nil, nil, nil, del, container.NewVBox(people, text)))
	}
	v.proposals.Refresh()
}

func (v *votingEditor) fillVote() {
	ie, e := v.ie, v.ie.a.e
	v.vote.Objects = nil
	vote := ie.item().Vote
	if vote == nil {
		v.vote.Refresh()
		return
	}
	var labels []string
	for j, p := range ie.item().CounterProposals {
		labels = append(labels, strconv.Itoa(j+1)+": "+firstWords(p.Text, 8))
	}
	against := newSelect(labels, nil)
	if vote.Against < len(labels) {
		against.SetSelectedIndex(vote.Against)
	}
	against.OnChanged = func(string) {
		if i := against.SelectedIndex(); i >= 0 {
			ie.item().Vote.Against = i
			e.changed()
		}
	}
	against.PlaceHolder = T("meetings_ui.vote_against")
	count := func(field string, n *int) fyne.CanvasObject {
		en := widget.NewEntry()
		en.SetText(itoa(*n))
		en.SetPlaceHolder("0")
		en.OnChanged = func(s string) {
			s = strings.TrimSpace(s)
			k, err := strconv.Atoi(s)
			if s == "" {
				k, err = 0, nil
			}
			if err != nil || k < 0 {
				en.SetValidationError(fmt.Errorf("%s", messageText(model.Invalid(field, "error.whole_number"))))
				return
			}
			en.SetValidationError(nil)
			*n = k
			e.changed()
		}
		ie.entries["vote."+field] = en
		return labelled(T("meetings_ui.vote_"+field), en)
	}
	v.vote.Add(labelled(T("meetings_ui.vote_against"), against))
	byName := widget.NewCheck(T("meetings_ui.vote_by_name"), func(on bool) {
		vt := ie.item().Vote
		if on == (len(vt.Ballots) > 0) {
			return
		}
		vt.Ballots = nil
		if on {
			// A ballot for each member present at the item, yes by default;
			// the counts then follow the ballots.
			for _, a := range e.m.MembersAt(ie.item().Number) {
				p := a.Person
				if a.Status == model.AttendanceRepresented && !a.Deputy.IsZero() {
					p = a.Deputy
				}
				vt.Ballots = append(vt.Ballots, model.Ballot{Voter: p, Choice: model.VoteYes})
			}
			vt.Yes, vt.No, vt.Blank, vt.Absent = 0, 0, 0, 0
		}
		e.changed()
		v.fillVote()
	})
	byName.SetChecked(len(vote.Ballots) > 0)
	v.vote.Add(byName)
	if len(vote.Ballots) > 0 {
		v.vote.Add(v.ballots(vote))
		v.vote.Refresh()
		return
	}
	v.vote.Add(container.NewGridWithColumns(4,
		count("yes", &vote.Yes), count("no", &vote.No), count("blank", &vote.Blank), count("absent", &vote.Absent)))
	hint := widget.NewLabel(T("meetings_ui.vote_hint", map[string]any{"Count": len(e.m.MembersAt(ie.item().Number))}))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	v.vote.Add(hint)
	v.vote.Refresh()
}

// ballots is the vote by name: each voter's choice, and the tally.
func (v *votingEditor) ballots(vote *model.Vote) fyne.CanvasObject {
	e := v.ie.a.e
	labels := make([]string, len(model.VoteChoices))
	for i, c := range model.VoteChoices {
		labels[i] = T("meetings_ui.vote_" + string(c))
	}
	tally := widget.NewLabel("")
	showTally := func() {
		yes, no, blank, absent := vote.Tally()
		tally.SetText(fmt.Sprintf("%s %d · %s %d · %s %d · %s %d", labels[0], yes, labels[1], no, labels[2], blank, labels[3], absent))
	}
	box := container.NewVBox()
	for j := range vote.Ballots {
		b := vote.Ballots[j]
		choice := newSelect(labels, nil)
		if k := slices.Index(model.VoteChoices, b.Choice); k >= 0 {
			choice.SetSelectedIndex(k)
		}
		choice.OnChanged = func(string) {
			if k := choice.SelectedIndex(); k >= 0 {
				vote.Ballots[j].Choice = model.VoteChoices[k]
				showTally()
				e.changed()
			}
		}
		name := widget.NewLabel(b.Voter.Name)
		box.Add(container.New(&columnsLayout{shares: []float32{0.6}}, name, choice))
	}
	showTally()
	return container.NewVBox(box, tally)
}

func (v *votingEditor) fillElections() {
	ie, e := v.ie, v.ie.a.e
	v.elections.Objects = nil
	for j := range ie.item().Elections {
		el := ie.item().Elections[j]
		office := widget.NewEntry()
		office.SetText(el.Office)
		office.SetPlaceHolder(fieldLabel("election_office"))
		office.OnChanged = func(s string) { ie.item().Elections[j].Office = s; e.changed() }
		ie.entries[fmt.Sprintf("elections[%d].office", j)] = office
		elected := newPersonField(e.people, el.Elected, func(q model.Person) { ie.item().Elections[j].Elected = q; e.changed() })
		elected.entry.SetPlaceHolder(fieldLabel("elected"))
		ie.entries[fmt.Sprintf("elections[%d].elected", j)] = &elected.entry.Entry
		del := removeButton(func() {
			ie.item().Elections = slices.Delete(ie.item().Elections, j, j+1)
			e.changed()
			v.fillElections()
		})
		v.elections.Add(container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(2, office, elected.entry)))
	}
	v.elections.Refresh()
}

// firstWords is the first n words of s, with "…" when there were more.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) <= n {
		return strings.Join(w, " ")
	}
	return strings.Join(w[:n], " ") + " …"
}

// offerPresent refreshes the rows that offer the people present.
func (ie *itemEditor) offerPresent() {
	ie.fillDissents()
	ie.fillTasks()
	if ie.voting != nil {
		ie.voting.fill()
	}
}

// formalityHint shows, in an empty decision of a standard item, the text
// the minutes will print from the record; typing replaces it.
func (ie *itemEditor) formalityHint() {
	e := ie.a.e
	var parts []string
	for _, p := range model.Formalities(e.group, e.m, ie.item()) {
		args := make(map[string]any, len(p.Args))
		for k, v := range p.Args {
			args[k] = v
		}
		parts = append(parts, T("minutes."+p.Key, args))
	}
	if len(parts) > 0 {
		ie.decision.SetPlaceHolder(strings.Join(parts, " "))
	}
}
