package store

import "hankekirja/model"

// meetingPolicy keeps checked minutes read-only. An update of a checked
// meeting is refused (EREADONLY, error.minutes_checked) unless it is the
// reopening — back to held with a reason (model.Meeting.Reopen) — or only
// marks its tasks done; the reopening's reason becomes the revision's note,
// so the history says why the minutes changed. Status changes follow
// model.CanChangeStatus, and checked minutes cannot be deleted.
type meetingPolicy struct{}

func (meetingPolicy) beforeCreate(r model.Record) error {
	r.(*model.Meeting).Normalize()
	return nil
}

func (meetingPolicy) beforeUpdate(old, r model.Record) error {
	m := r.(*model.Meeting)
	m.Normalize()
	_, err := model.CheckChange(old.(*model.Meeting), m)
	return err
}

func (meetingPolicy) beforeDelete(r model.Record) error {
	if r.(*model.Meeting).Status == model.MeetingChecked {
		return &model.Error{Code: model.EREADONLY, Key: "error.minutes_checked"}
	}
	return nil
}

// updateNotes gives the revision made by a reopening its note: reopened,
// with the reason.
func (meetingPolicy) updateNotes(old, r model.Record) model.Notes {
	note, err := model.CheckChange(old.(*model.Meeting), r.(*model.Meeting))
	if err != nil || note.Code == "" {
		return nil
	}
	return model.Notes{note}
}
