package store

import (
	"context"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"hankekirja/assets/registry"
	"hankekirja/model"
)

// queries implements model.Queries: the questions that span kinds, answered
// from the reverse reference index.
type queries struct{ db *DB }

func (q queries) KindOf(ctx context.Context, id model.ID) (model.Kind, error) {
	var kind model.Kind
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		v := rawCurrent(tx, id)
		if v == nil {
			return model.NotFound(0, id)
		}
		kind = valueKind(v)
		return nil
	})
	return kind, err
}

func (q queries) Summary(ctx context.Context, id model.ID) (model.Summary, error) {
	var s model.Summary
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		var err error
		s, err = summaryOf(tx, id)
		return err
	})
	return s, err
}

func summaryOf(tx *bolt.Tx, id model.ID) (model.Summary, error) {
	v := rawSummary(tx, id)
	if v == nil {
		return model.Summary{}, model.NotFound(0, id)
	}
	s, err := decodeSummary(v)
	if err != nil {
		return s, corrupt(tx, err)
	}
	return s, nil
}

func (q queries) ReferencesTo(ctx context.Context, id model.ID) ([]model.Reference, error) {
	var out []model.Reference
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		for _, ref := range references(tx, id) {
			s, err := summaryOf(tx, ref.source)
			if err != nil {
				return err
			}
			out = append(out, model.Reference{From: s, Field: ref.field})
		}
		return nil
	})
	return out, err
}

// referrers loads the records that refer to id through field.
func referrers(tx *bolt.Tx, id model.ID, field model.RefField) ([]model.Record, error) {
	var out []model.Record
	seen := map[model.ID]bool{}
	for _, ref := range references(tx, id) {
		if ref.field != field || seen[ref.source] {
			continue
		}
		seen[ref.source] = true
		r, err := getRecord(tx, 0, ref.source)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (q queries) ProjectsOfMunicipality(ctx context.Context, id model.ID) ([]model.ProjectRole, error) {
	var out []model.ProjectRole
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		recs, err := referrers(tx, id, model.RefMunicipalities)
		if err != nil {
			return err
		}
		for _, r := range recs {
			p, ok := r.(*model.Project)
			if !ok {
				continue
			}
			for _, m := range p.Municipalities {
				if m.Municipality == id {
					out = append(out, model.ProjectRole{Project: model.SummaryOf(p), Role: m.Role})
				}
			}
		}
		return nil
	})
	sortBy(out, func(r model.ProjectRole) model.Summary { return r.Project })
	return out, err
}

func (q queries) RolesOfContact(ctx context.Context, id model.ID) ([]model.GroupRole, error) {
	var out []model.GroupRole
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		recs, err := referrers(tx, id, model.RefMembers)
		if err != nil {
			return err
		}
		for _, r := range recs {
			g, ok := r.(*model.Group)
			if !ok {
				continue
			}
			for _, m := range g.Members {
				if m.Contact == id {
					out = append(out, model.GroupRole{Group: model.SummaryOf(g), Project: g.Project, Membership: m})
				}
			}
		}
		return nil
	})
	sortBy(out, func(r model.GroupRole) model.Summary { return r.Group })
	return out, err
}

func (q queries) ProjectsOfContact(ctx context.Context, id model.ID) ([]model.Summary, error) {
	var out []model.Summary
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		seen := map[model.ID]bool{}
		add := func(pid model.ID) error {
			if pid.IsZero() || seen[pid] {
				return nil
			}
			seen[pid] = true
			s, err := summaryOf(tx, pid)
			if err != nil {
				return err
			}
			out = append(out, s)
			return nil
		}
		staff, err := referrers(tx, id, model.RefStaff)
		if err != nil {
			return err
		}
		for _, r := range staff {
			if err := add(r.GetMeta().ID); err != nil {
				return err
			}
		}
		groups, err := referrers(tx, id, model.RefMembers)
		if err != nil {
			return err
		}
		for _, r := range groups {
			if g, ok := r.(*model.Group); ok {
				if err := add(g.Project); err != nil {
					return err
				}
			}
		}
		return nil
	})
	sortBy(out, func(s model.Summary) model.Summary { return s })
	return out, err
}

func (q queries) GroupTree(ctx context.Context, project model.ID) ([]*model.GroupNode, error) {
	var groups []*model.Group
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		recs, err := referrers(tx, project, model.RefProject)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if g, ok := r.(*model.Group); ok {
				groups = append(groups, g)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return buildGroupTree(groups), nil
}

// buildGroupTree arranges groups by parent. A group whose parent is not
// among them (another project's group, or none) is a root. Siblings are
// ordered by type (steering group first) and then by name.
func buildGroupTree(groups []*model.Group) []*model.GroupNode {
	nodes := map[model.ID]*model.GroupNode{}
	for _, g := range groups {
		nodes[g.ID] = &model.GroupNode{Group: g}
	}
	var roots []*model.GroupNode
	for _, g := range groups {
		n := nodes[g.ID]
		if p, ok := nodes[g.Parent]; ok && g.Parent != g.ID {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	var sortNodes func([]*model.GroupNode)
	sortNodes = func(ns []*model.GroupNode) {
		slices.SortFunc(ns, func(a, b *model.GroupNode) int {
			if c := slices.Index(model.GroupTypes, a.Group.Type) - slices.Index(model.GroupTypes, b.Group.Type); c != 0 {
				return c
			}
			return model.CompareNames(a.Group.Name, b.Group.Name)
		})
		for _, n := range ns {
			sortNodes(n.Children)
		}
	}
	sortNodes(roots)
	return roots
}

func (q queries) MembersOn(ctx context.Context, group model.ID, d model.Date) ([]model.Membership, error) {
	var out []model.Membership
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		r, err := getRecord(tx, model.KindGroup, group)
		if err != nil {
			return err
		}
		out = r.(*model.Group).MembersOn(d)
		return nil
	})
	return out, err
}

func (q queries) ResolveMunicipality(ctx context.Context, nameOrCode string) (*model.Municipality, error) {
	code, ok := registry.Resolve(nameOrCode)
	if !ok {
		return nil, &model.Error{Code: model.ENOTFOUND, Key: "error.not_found", Args: map[string]any{"Kind": "municipality", "ID": strings.TrimSpace(nameOrCode)}}
	}
	return q.db.Services().Municipalities.Get(ctx, model.MunicipalityID(code))
}

func (q queries) Search(ctx context.Context, query string, perKind int) ([]model.Summary, error) {
	words := model.SearchWords(query)
	if len(words) == 0 {
		return nil, nil
	}
	var out []model.Summary
	for _, kind := range model.Kinds {
		page, err := q.db.list(ctx, kind, model.Filter{Query: query, Limit: perKind})
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
	}
	return out, nil
}

func (q queries) Trash(ctx context.Context) ([]model.Summary, error) {
	var out []model.Summary
	err := q.db.view(ctx, func(tx *bolt.Tx) error {
		for _, kind := range model.Kinds {
			page, err := listIn(ctx, tx, kind, stateTrash, model.Filter{})
			if err != nil {
				return err
			}
			out = append(out, page.Items...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b model.Summary) int { return b.Deleted.Compare(*a.Deleted) })
	return out, nil
}

// sortBy orders xs by their summaries in Finnish order.
func sortBy[T any](xs []T, key func(T) model.Summary) {
	slices.SortStableFunc(xs, func(a, b T) int { return lessSummary(key(a), key(b)) })
}
