package main

import (
	"context"
	"strings"

	"hankekirja/model"
)

// kindAliases are the names of kinds the model's ParseKind does not know:
// irregular plurals, American spelling and Finnish.
var kindAliases = map[string]model.Kind{
	"municipalities": model.KindMunicipality,
	"organization":   model.KindOrganisation,
	"organizations":  model.KindOrganisation,
	"hanke":          model.KindProject,
	"hankkeet":       model.KindProject,
	"ryhmä":          model.KindGroup,
	"ryhmät":         model.KindGroup,
	"työryhmä":       model.KindGroup,
	"työryhmät":      model.KindGroup,
	"kokous":         model.KindMeeting,
	"kokoukset":      model.KindMeeting,
	"yhteyshenkilö":  model.KindContact,
	"yhteyshenkilöt": model.KindContact,
	"henkilö":        model.KindContact,
	"henkilöt":       model.KindContact,
	"kunta":          model.KindMunicipality,
	"kunnat":         model.KindMunicipality,
	"organisaatio":   model.KindOrganisation,
	"organisaatiot":  model.KindOrganisation,
}

// parseKind reads a kind as typed on the command line.
func parseKind(s string) (model.Kind, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if k, ok := model.ParseKind(s); ok {
		return k, true
	}
	k, ok := kindAliases[s]
	return k, ok
}

// kindArg parses a KIND argument, reporting a usage error when it is not one.
func (c *cli) kindArg(s string) (model.Kind, int, bool) {
	k, ok := parseKind(s)
	if !ok {
		return 0, c.usageError(c.msg("cli.unknown_kind", map[string]any{"Kind": s})), false
	}
	return k, exitOK, true
}

// recordService is the part of model.Service the command line uses, for any
// kind.
type recordService interface {
	Get(ctx context.Context, id model.ID) (model.Record, error)
	List(ctx context.Context, f model.Filter) (model.Page, error)
}

type recordPtr[T any] interface {
	*T
	model.Record
}

// anyService adapts a model.Service of one kind to recordService.
type anyService[T any, P recordPtr[T]] struct{ svc model.Service[T] }

func (a anyService[T, P]) Get(ctx context.Context, id model.ID) (model.Record, error) {
	r, err := a.svc.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return P(r), nil
}

func (a anyService[T, P]) List(ctx context.Context, f model.Filter) (model.Page, error) {
	return a.svc.List(ctx, f)
}

// serviceFor returns the service of kind k.
func serviceFor(s model.Services, k model.Kind) recordService {
	switch k {
	case model.KindMunicipality:
		return anyService[model.Municipality, *model.Municipality]{s.Municipalities}
	case model.KindOrganisation:
		return anyService[model.Organisation, *model.Organisation]{s.Organisations}
	case model.KindProject:
		return anyService[model.Project, *model.Project]{s.Projects}
	case model.KindGroup:
		return anyService[model.Group, *model.Group]{s.Groups}
	case model.KindContact:
		return anyService[model.Contact, *model.Contact]{s.Contacts}
	case model.KindMeeting:
		return anyService[model.Meeting, *model.Meeting]{s.Meetings}
	}
	panic("serviceFor: unknown kind " + k.String())
}

// recordJSON is the JSON form of a record in list and show: the record's own
// fields with "name" first as a plain string (a contact's full name, a
// meeting's title). A municipality's names in three languages move to
// "names".
func recordJSON(r model.Record) any {
	switch v := r.(type) {
	case *model.Municipality:
		return struct {
			Name  string      `json:"name"`
			Names model.Names `json:"names"`
			*model.Municipality
		}{v.Title(), v.Name, v}
	case *model.Organisation:
		return struct {
			Name string `json:"name"`
			*model.Organisation
		}{v.Title(), v}
	case *model.Project:
		return struct {
			Name string `json:"name"`
			*model.Project
		}{v.Title(), v}
	case *model.Group:
		return struct {
			Name string `json:"name"`
			*model.Group
		}{v.Title(), v}
	case *model.Contact:
		return struct {
			Name string `json:"name"`
			*model.Contact
		}{v.Title(), v}
	case *model.Meeting:
		return struct {
			Name string `json:"name"`
			*model.Meeting
		}{v.Title(), v}
	}
	return r
}
