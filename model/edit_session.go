package model

import "context"

// editSessionKey is the context key of an editing session.
type editSessionKey struct{}

// WithEditSession marks the saves made with the returned context as
// autosaves of one editing session (a secretary typing the minutes): the
// store then keeps one revision for the session instead of one per
// autosave, replacing the session's previous autosave as long as it has
// not left the laptop. Each autosave still gets a revision ID of its own.
// A save made without a session (an explicit save, a change of status)
// always keeps the revision before it.
func WithEditSession(ctx context.Context, session ID) context.Context {
	return context.WithValue(ctx, editSessionKey{}, session)
}

// EditSessionOf returns the editing session ctx carries, or NilID.
func EditSessionOf(ctx context.Context) ID {
	id, _ := ctx.Value(editSessionKey{}).(ID)
	return id
}
