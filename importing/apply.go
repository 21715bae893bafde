package importing

import (
	"context"

	"hankekirja/model"
)

// Apply writes a planned import unless it must not: it returns ErrRejected
// when the report has invalid items and opts.SkipInvalid is not set, and
// nil without writing on opts.DryRun. write makes every change; it runs in
// one transaction when the store offers one (svc.Atomic), so that a failure
// part-way leaves the database as it was. rep.Applied says afterwards
// whether anything was written: on a failure only without a transaction,
// where the changes before the failing one stay.
func Apply(ctx context.Context, svc model.Services, rep *Report, opts Options, write func(context.Context) error) error {
	if rep.Count(Invalid) > 0 && !opts.SkipInvalid {
		return ErrRejected
	}
	if opts.DryRun {
		return nil
	}
	var err error
	if svc.Atomic != nil {
		err = svc.Atomic(ctx, write)
	} else {
		err = write(ctx)
	}
	rep.Applied = err == nil || svc.Atomic == nil
	return err
}
