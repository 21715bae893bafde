package store

import "hankekirja/model"

// contactPolicy stores phone numbers in +358 form whatever way they were
// typed.
type contactPolicy struct{}

func (contactPolicy) beforeCreate(r model.Record) error {
	r.(*model.Contact).Normalize()
	return nil
}

func (contactPolicy) beforeUpdate(old, r model.Record) error {
	r.(*model.Contact).Normalize()
	return nil
}

func (contactPolicy) beforeDelete(r model.Record) error { return nil }
