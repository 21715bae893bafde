package model

import (
	"fmt"
	"strings"
)

// How a decision was reached, when it was not by consensus on the
// proposal: counter-proposals (vastaehdotukset) made and seconded, a vote
// (äänestys) between the proposal and a counter-proposal, and elections
// (vaalit) of people to an office.

// CounterProposal is a proposal made in the discussion against the
// item's proposal. One that nobody seconded lapses (raukesi
// kannattamattomana) and is not voted on.
type CounterProposal struct {
	By         Person `json:"by"`
	SecondedBy Person `json:"seconded_by,omitzero"`
	Text       string `json:"text"`
}

// Seconded reports whether someone seconded the counter-proposal.
func (p CounterProposal) Seconded() bool { return !p.SecondedBy.IsZero() }

// Vote is a vote between the item's proposal (jaa) and a counter-proposal
// (ei): the counts of yes, no and blank votes and of members absent, or
// the ballot of each member by name, from which the counts follow.
type Vote struct {
	// Against is the index in CounterProposals of the proposal voted
	// against the item's proposal.
	Against int `json:"against"`
	Yes     int `json:"yes,omitempty"`
	No      int `json:"no,omitempty"`
	Blank   int `json:"blank,omitempty"`
	Absent  int `json:"absent,omitempty"`
	// Ballots, when given, are the votes by name (nimenhuutoäänestys);
	// the counts must then agree with them.
	Ballots []Ballot `json:"ballots,omitempty"`
}

// Ballot is one member's vote.
type Ballot struct {
	Voter  Person     `json:"voter"`
	Choice VoteChoice `json:"choice"`
}

// VoteChoice is a member's vote.
type VoteChoice string

// Vote choices.
const (
	VoteYes    VoteChoice = "yes"    // jaa: for the item's proposal
	VoteNo     VoteChoice = "no"     // ei: for the counter-proposal
	VoteBlank  VoteChoice = "blank"  // tyhjä
	VoteAbsent VoteChoice = "absent" // poissa
)

// VoteChoices lists the choices in the order the minutes count them.
var VoteChoices = []VoteChoice{VoteYes, VoteNo, VoteBlank, VoteAbsent}

// Tally counts the ballots.
func (v *Vote) Tally() (yes, no, blank, absent int) {
	for _, b := range v.Ballots {
		switch b.Choice {
		case VoteYes:
			yes++
		case VoteNo:
			no++
		case VoteBlank:
			blank++
		case VoteAbsent:
			absent++
		}
	}
	return
}

// Counts returns the counts, from the ballots when there are any.
func (v *Vote) Counts() (yes, no, blank, absent int) {
	if len(v.Ballots) > 0 {
		return v.Tally()
	}
	return v.Yes, v.No, v.Blank, v.Absent
}

// ProposalWon reports whether the item's proposal won: more yes than no
// votes. A tie is settled by the chair's vote (kuntalaki 104 §), which the
// ballots give when the chair's is among them; by counts alone the tie is
// read as won by the proposal (write the ballots, or the decision, when
// the chair voted otherwise).
func (v *Vote) ProposalWon(chair Person) bool {
	yes, no, _, _ := v.Counts()
	if yes != no {
		return yes > no
	}
	for _, b := range v.Ballots {
		if b.Voter.Same(chair) {
			return b.Choice != VoteNo
		}
	}
	return true
}

// Election is the choosing of a person to an office: the candidates and
// their votes, and who was elected.
type Election struct {
	Office     string      `json:"office"`
	Candidates []Candidate `json:"candidates,omitempty"`
	Elected    Person      `json:"elected"`
}

// Candidate is one person standing in an election.
type Candidate struct {
	Person Person `json:"person"`
	Votes  int    `json:"votes,omitempty"`
}

// eachVotingPerson calls fn with the people of the item's proposals, vote
// and elections and their paths below the item.
func (it *AgendaItem) eachVotingPerson(fn func(field string, p *Person)) {
	for j := range it.CounterProposals {
		fn(fmt.Sprintf("counter_proposals[%d].by", j), &it.CounterProposals[j].By)
		fn(fmt.Sprintf("counter_proposals[%d].seconded_by", j), &it.CounterProposals[j].SecondedBy)
	}
	if it.Vote != nil {
		for j := range it.Vote.Ballots {
			fn(fmt.Sprintf("vote.ballots[%d].voter", j), &it.Vote.Ballots[j].Voter)
		}
	}
	for j := range it.Elections {
		e := &it.Elections[j]
		for k := range e.Candidates {
			fn(fmt.Sprintf("elections[%d].candidates[%d].person", j, k), &e.Candidates[k].Person)
		}
		fn(fmt.Sprintf("elections[%d].elected", j), &e.Elected)
	}
}

// validateVoting checks the proposals, the vote and the elections of item
// it (at field): a vote is between the proposal and a seconded
// counter-proposal, its counts are not negative and add up to the members
// present at the item when the attendance is recorded, and ballots agree
// with the counts.
func (m *Meeting) validateVoting(c *errs, field string, it *AgendaItem) {
	for j, p := range it.CounterProposals {
		f := fmt.Sprintf("%s.counter_proposals[%d]", field, j)
		if p.By.IsZero() {
			c.add(Invalid(f+".by", "error.required"))
		}
		c.add(required(f+".text", p.Text))
		if p.Seconded() && p.SecondedBy.Same(p.By) {
			c.add(Invalid(f+".seconded_by", "error.seconds_own"))
		}
	}
	if v := it.Vote; v != nil {
		f := field + ".vote"
		switch {
		case v.Against < 0 || v.Against >= len(it.CounterProposals):
			c.add(Invalid(f+".against", "error.vote_no_counter_proposal"))
		case !it.CounterProposals[v.Against].Seconded():
			c.add(Invalid(f+".against", "error.vote_not_seconded"))
		}
		if v.Yes < 0 || v.No < 0 || v.Blank < 0 || v.Absent < 0 {
			c.add(Invalid(f, "error.negative_amount"))
		}
		if len(v.Ballots) > 0 {
			yes, no, blank, absent := v.Tally()
			if (v.Yes != 0 || v.No != 0 || v.Blank != 0 || v.Absent != 0) &&
				(yes != v.Yes || no != v.No || blank != v.Blank || absent != v.Absent) {
				c.add(Invalid(f, "error.votes_ballots"))
			}
			for j, b := range v.Ballots {
				bf := fmt.Sprintf("%s.ballots[%d]", f, j)
				if b.Voter.IsZero() {
					c.add(Invalid(bf+".voter", "error.required"))
				}
				c.add(oneOf(bf+".choice", b.Choice, VoteChoices))
				for k := range j {
					if !b.Voter.IsZero() && v.Ballots[k].Voter.Same(b.Voter) {
						c.add(Invalid(bf+".voter", "error.voted_twice"))
						break
					}
				}
			}
		}
		// Absent members are counted as the minutes state them; those
		// present at the item vote yes, no or blank.
		yes, no, blank, _ := v.Counts()
		if voters := m.MembersAt(it.Number); len(m.Attendance) > 0 && yes+no+blank != len(voters) {
			c.add(&Error{Code: EINVALID, Field: f, Key: "error.votes_add_up",
				Args: map[string]any{"Votes": yes + no + blank, "Present": len(voters)}})
		}
	}
	for j, e := range it.Elections {
		f := fmt.Sprintf("%s.elections[%d]", field, j)
		c.add(required(f+".office", e.Office))
		if e.Elected.IsZero() {
			c.add(Invalid(f+".elected", "error.required"))
		}
		for k, cand := range e.Candidates {
			if cand.Votes < 0 {
				c.add(Invalid(fmt.Sprintf("%s.candidates[%d].votes", f, k), "error.negative_amount"))
			}
		}
	}
}

// MembersAt returns the attendance rows of the members who could take
// part in item § n: present (or represented by a deputy), arrived by then
// and not yet gone, and not disqualified from the item; the meeting's
// secretary keeps the minutes and does not vote. n 0 means the whole
// meeting.
func (m *Meeting) MembersAt(n int) []Attendee {
	var out []Attendee
	var conflicts []Conflict
	if it := m.Item(n); it != nil {
		conflicts = it.Conflicts
	}
	for _, a := range m.Present() {
		if a.Role != AttendeeMember || !a.PresentAt(n) || (!m.Secretary.IsZero() && a.Same(m.Secretary)) {
			continue
		}
		disqualified := false
		for _, c := range conflicts {
			if c.By.Same(a.Person) || (!a.Deputy.IsZero() && c.By.Same(a.Deputy)) {
				disqualified = true
			}
		}
		if !disqualified {
			out = append(out, a)
		}
	}
	return out
}

// PresentAt reports whether the attendee was there during item § n: not
// absent, arrived at or before it and left after it (n 0: the start).
func (a Attendee) PresentAt(n int) bool {
	if a.Status == AttendanceAbsent {
		return false
	}
	if n == 0 {
		return a.ArrivedAt == 0
	}
	return (a.ArrivedAt == 0 || a.ArrivedAt <= n) && (a.LeftAt == 0 || a.LeftAt > n)
}

// HowDecided says how the item's decision was reached, for the minutes:
// the counter-proposals that lapsed, the vote and its result. It is empty
// for an item decided on the proposal without counter-proposals.
func (m *Meeting) HowDecided(it *AgendaItem) []Phrase {
	var out []Phrase
	for _, p := range it.CounterProposals {
		if p.Seconded() {
			out = append(out, phrase("how.counter_seconded", "Name", p.By.Name, "Seconder", p.SecondedBy.Name, "Text", oneLine(p.Text)))
		} else {
			out = append(out, phrase("how.counter_lapsed", "Name", p.By.Name, "Text", oneLine(p.Text)))
		}
	}
	if v := it.Vote; v != nil {
		yes, no, blank, absent := v.Counts()
		out = append(out, phrase("how.vote", "Yes", fmt.Sprint(yes), "No", fmt.Sprint(no), "Blank", fmt.Sprint(blank), "Absent", fmt.Sprint(absent)))
		if len(v.Ballots) > 0 {
			names := map[VoteChoice][]string{}
			for _, b := range v.Ballots {
				names[b.Choice] = append(names[b.Choice], b.Voter.Name)
			}
			for _, ch := range VoteChoices {
				if len(names[ch]) > 0 {
					out = append(out, phrase("how.ballots_"+string(ch), "Names", strings.Join(names[ch], ", ")))
				}
			}
		}
		if v.ProposalWon(m.Chair) {
			out = append(out, phrase("how.proposal_won"))
		} else {
			out = append(out, phrase("how.counter_won"))
		}
	} else if len(it.CounterProposals) > 0 {
		seconded := false
		for _, p := range it.CounterProposals {
			seconded = seconded || p.Seconded()
		}
		if !seconded {
			out = append(out, phrase("how.proposal_unanimous"))
		}
	}
	for _, e := range it.Elections {
		out = append(out, phrase("how.elected", "Office", oneLine(e.Office), "Name", e.Elected.Name))
	}
	return out
}
