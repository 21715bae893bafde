package archivegen

import (
	"math/rand/v2"
	"time"

	"hankekirja/model"
)

// rng is the generator's source of randomness: a PCG seeded from the
// configuration's seed and a stream number per phase, so that what one
// phase draws does not depend on how much another drew (more meetings do
// not change the contacts).
type rng struct{ *rand.Rand }

// The phases' streams.
const (
	streamOrganisations = iota + 1
	streamContacts
	streamProjects
	streamGroups
	streamMeetings
)

func newRNG(seed, stream uint64) *rng {
	return &rng{rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15^stream))}
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// pick returns a random element of s, which must not be empty.
func pick[T any](r *rng, s []T) T { return s[r.IntN(len(s))] }

// weighted returns an index drawn in proportion to the weights (cum holds
// their running sums).
func (r *rng) weighted(cum []float64) int {
	x := r.Float64() * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] <= x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// dateBetween returns a day in [a, b].
func (r *rng) dateBetween(a, b model.Date) model.Date {
	days := daysBetween(a, b)
	if days <= 0 {
		return a
	}
	return addDays(a, r.IntN(days+1))
}

func addDays(d model.Date, n int) model.Date {
	return model.DateOf(d.Time().AddDate(0, 0, n))
}

func daysBetween(a, b model.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// weekday moves d forward to a Monday–Thursday, the days meetings are held.
func weekday(d model.Date) model.Date {
	for {
		switch d.Time().Weekday() {
		case time.Friday, time.Saturday, time.Sunday:
			d = addDays(d, 1)
			continue
		}
		return d
	}
}
