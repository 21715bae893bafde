package ui

import (
	"time"
)

// Autosave keeps the meeting editor's notes safe while the secretary
// types. The choice made here: the meeting itself is saved through the
// service, as an ordinary revision, rather than as a separate draft record.
// So the minutes in the database are never behind the screen by more than
// a few seconds, every other view (the detail, the tasks, the decisions,
// the exports) sees the same text, and the history keeps each step, so
// nothing an autosave overwrote is lost either. While the notes are
// incomplete in a way the model refuses (an item still without a title, a
// dissent without its author), the autosave stores a salvaged copy that
// the model accepts (see salvageMeeting) and marks the form; the explicit
// Save insists on the complete minutes.
//
// Timing: a save runs delay after the last change (3 s), and at least every
// maxWait (10 s) while changes keep coming, so a crash or a power cut loses
// at most those seconds. Leaving the editor, switching views or databases
// and closing the window save first (the form's keep hook).
//
// Threads: everything in an autosaver runs on Fyne's thread. The timers
// run on their own goroutines and only hand a tick back through u.post
// (fyne.Do, or the test queue); the save itself runs in the background
// through backgroundErr.

// Default autosave intervals.
const (
	autosaveDelay   = 3 * time.Second
	autosaveMaxWait = 10 * time.Second
)

// autosaver decides when to save and serialises the saves: one at a time,
// and one more after it when there were changes meanwhile.
type autosaver struct {
	u *UI
	// delay and maxWait may be shortened by tests.
	delay, maxWait time.Duration
	// save starts one save and must call finished when it is done (on
	// Fyne's thread), with whether it succeeded.
	save func(finished func(ok bool))

	// changes counts edits; saved is the count the last successful save
	// included.
	changes, saved int
	// firstUnsaved is when the oldest change not yet saved was made.
	firstUnsaved time.Time
	lastChange   time.Time
	saving       bool
	// waiters run after the next save that leaves nothing unsaved.
	waiters []func(ok bool)
	// generation invalidates timers that were armed before a newer one.
	generation int
	timer      *time.Timer
	stopped    bool
	// now is the clock (tests may replace it).
	now func() time.Time
}

func newAutosaver(u *UI, save func(finished func(ok bool))) *autosaver {
	return &autosaver{u: u, delay: autosaveDelay, maxWait: autosaveMaxWait, save: save, now: time.Now}
}

// dirty reports whether there are changes no save has stored yet.
func (a *autosaver) dirty() bool { return a.changes != a.saved }

// changed records an edit and arms the timer.
func (a *autosaver) changed() {
	if a.stopped {
		return
	}
	now := a.now()
	if !a.dirty() {
		a.firstUnsaved = now
	}
	a.changes++
	a.lastChange = now
	a.arm()
}

// arm sets the timer for the next moment a save is due: delay after the
// last change, but no later than maxWait after the first unsaved one.
func (a *autosaver) arm() {
	due := a.lastChange.Add(a.delay)
	if limit := a.firstUnsaved.Add(a.maxWait); limit.Before(due) {
		due = limit
	}
	wait := max(due.Sub(a.now()), 0)
	a.generation++
	gen := a.generation
	if a.timer != nil {
		a.timer.Stop()
	}
	post := a.u.post
	a.timer = time.AfterFunc(wait, func() {
		post(func() {
			if gen == a.generation {
				a.tick()
			}
		})
	})
}

// tick is what the timer runs (on Fyne's thread): save when a save is due.
// Tests call it to stand for the timer.
func (a *autosaver) tick() {
	if a.stopped || !a.dirty() {
		return
	}
	a.flush(nil)
}

// flush saves now (or right after the save that is running) and calls done
// when nothing is left unsaved or a save failed. done may be nil.
func (a *autosaver) flush(done func(ok bool)) {
	if done != nil {
		a.waiters = append(a.waiters, done)
	}
	if a.saving {
		return // the running save looks at the waiters when it ends
	}
	if !a.dirty() {
		a.finish(true)
		return
	}
	a.start()
}

func (a *autosaver) start() {
	a.saving = true
	if a.timer != nil {
		a.timer.Stop()
	}
	a.generation++
	counted := a.changes
	a.save(func(ok bool) {
		a.saving = false
		if ok {
			a.saved = max(a.saved, counted)
			if a.dirty() {
				a.firstUnsaved = a.now()
			}
		}
		switch {
		case !ok:
			// The next change arms the timer again; no retry loop.
			a.finish(false)
		case a.dirty() && len(a.waiters) > 0:
			a.start()
		case a.dirty():
			if !a.stopped {
				a.arm()
			}
		default:
			a.finish(true)
		}
	})
}

// finish calls the waiters.
func (a *autosaver) finish(ok bool) {
	w := a.waiters
	a.waiters = nil
	for _, fn := range w {
		fn(ok)
	}
}

// stop ends the timers (the editor closed); a save that is running still
// finishes.
func (a *autosaver) stop() {
	a.stopped = true
	a.generation++
	if a.timer != nil {
		a.timer.Stop()
	}
}
