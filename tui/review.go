package tui

import (
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
)

// reviewer keeps the review of the pair shown (package review): x checks
// the change under the cursor, c queries it with a note. Every mark shows
// at once and is saved off the UI loop, one save at a time in the order
// made (a save re-reads the stored review under its lock, so marks made
// meanwhile by another viewer on the same pair are kept and shown). It is
// a value inside the Model; its fields are replaced, never modified in
// place, so older copies of the Model stay consistent.
type reviewer struct {
	store *review.Store // nil: no review (--no-review)
	who   string

	r    *diff.Result
	mask diff.ClassMask
	key  string
	// doc is the stored review as last saved or loaded, with the marks
	// not yet saved applied; st lays it over r under mask (nil while it
	// loads).
	doc *review.Review
	st  *review.Status
	// queue holds the saves not yet done, the first one under way when
	// saving.
	queue  []saveJob
	saving bool
	now    func() time.Time
	// asking is the change whose query note the prompt asks for (c).
	asking int
}

// saveJob is one mark (or a mark and the clearing of its old anchor) to
// save for one pair.
type saveJob struct {
	r        *diff.Result
	key      string
	old, new string
	marks    []review.Mark
}

// reviewLoadedMsg carries the review of r laid over it under mask.
type reviewLoadedMsg struct {
	r    *diff.Result
	mask diff.ClassMask
	key  string // review.Key(r), computed with the load
	doc  *review.Review
	st   *review.Status
	err  error // a damaged file set aside, or an unreadable one
}

// reviewSavedMsg reports the end of a save: the review as stored, other
// viewers' marks included, laid over the result.
type reviewSavedMsg struct {
	job  saveJob
	mask diff.ClassMask
	doc  *review.Review
	st   *review.Status
	warn string
	err  error
}

func newReviewer(store *review.Store, who string) reviewer {
	return reviewer{store: store, who: who, now: time.Now}
}

// on reports whether reviewing is possible.
func (rv *reviewer) on() bool { return rv.store != nil }

// open starts showing the review of r under mask and returns the command
// that loads it.
func (rv *reviewer) open(r *diff.Result, mask diff.ClassMask) tea.Cmd {
	if !rv.on() || r == nil {
		return nil
	}
	// The key hashes both texts (25-80 ms on a 10 MB pair): it is
	// computed with the load, off the UI loop, not before the first frame;
	// nothing needs it before the review is loaded (a mark needs st).
	rv.r, rv.mask, rv.key, rv.doc, rv.st = r, mask, "", nil, nil
	store := rv.store
	return func() tea.Msg {
		key := review.Key(r)
		doc, err := store.Load(key)
		return reviewLoadedMsg{r: r, mask: mask, key: key, doc: doc, st: review.Match(doc, r.View(mask)), err: err}
	}
}

// setMask lays the review over the result anew for another ignore mask,
// off the UI loop.
func (rv *reviewer) setMask(mask diff.ClassMask) tea.Cmd {
	if !rv.on() || rv.r == nil || mask == rv.mask {
		return nil
	}
	rv.mask = mask
	r, doc := rv.r, rv.doc
	if doc == nil { // still loading: the load will do
		return rv.open(r, mask)
	}
	return func() tea.Msg {
		return reviewLoadedMsg{r: r, mask: mask, doc: doc, st: review.Match(doc, r.View(mask))}
	}
}

// loaded takes a loaded review; it returns a warning to show, if any.
func (rv *reviewer) loaded(msg reviewLoadedMsg) string {
	if msg.r != rv.r || msg.mask != rv.mask {
		return "" // stale: another pair or mask since
	}
	if msg.key != "" {
		rv.key = msg.key
	}
	rv.doc, rv.st = msg.doc, msg.st
	if len(rv.queue) > 0 { // marks made while it loaded
		rv.doc = applied(rv.doc, rv.queue, rv.r)
		rv.st = review.Match(rv.doc, rv.r.View(rv.mask))
	}
	var ce *review.CorruptError
	switch {
	case errors.As(msg.err, &ce):
		return "the review file was damaged: kept aside as " + filepath.Base(ce.Aside) + "; starting afresh"
	case msg.err != nil:
		return "review: " + msg.err.Error()
	}
	return ""
}

// applied returns a copy of doc with the marks of the jobs for r applied.
func applied(doc *review.Review, jobs []saveJob, r *diff.Result) *review.Review {
	c := *doc
	c.Marks = slices.Clone(doc.Marks)
	for _, j := range jobs {
		if j.r == r {
			for _, m := range j.marks {
				c.Set(m)
			}
		}
	}
	return &c
}

// index returns the change of block bi, or -1.
func (rv *reviewer) index(bi int) int { return rv.st.Index(bi) }

// state returns the state of the change of block bi.
func (rv *reviewer) state(bi int) review.State { return rv.st.State(rv.st.Index(bi)) }

// mark gives change i the state s with note, shows it at once, and
// returns the command that saves it (nil when a save is under way: it
// follows).
func (rv *reviewer) mark(i int, s review.State, note string) tea.Cmd {
	if rv.st == nil || i < 0 || i >= len(rv.st.Changes) {
		return nil
	}
	edits := rv.st.Edit(i, s, note, rv.who, rv.now())
	if len(edits) == 0 {
		return nil
	}
	rv.st = rv.st.WithMark(i, &edits[0])
	job := saveJob{r: rv.r, key: rv.key, old: rv.r.Old.Name, new: rv.r.New.Name, marks: edits}
	rv.doc = applied(rv.doc, []saveJob{job}, rv.r)
	rv.queue = append(slices.Clone(rv.queue), job)
	return rv.next()
}

// next starts the first queued save unless one is under way.
func (rv *reviewer) next() tea.Cmd {
	if rv.saving || len(rv.queue) == 0 {
		return nil
	}
	rv.saving = true
	job, store, mask := rv.queue[0], rv.store, rv.mask
	return func() tea.Msg {
		doc, warn, err := store.Apply(job.key, job.old, job.new, job.marks...)
		msg := reviewSavedMsg{job: job, mask: mask, doc: doc, warn: warn, err: err}
		if err == nil {
			msg.st = review.Match(doc, job.r.View(mask))
		}
		return msg
	}
}

// saved takes the end of a save and returns the command for the next one
// and a message for the status line (an error when isErr).
func (rv *reviewer) saved(msg reviewSavedMsg) (cmd tea.Cmd, note string, isErr bool) {
	rv.saving = false
	if len(rv.queue) > 0 {
		rv.queue = slices.Clone(rv.queue[1:])
	}
	switch {
	case msg.err != nil:
		note, isErr = "mark not saved: "+msg.err.Error(), true
	case msg.warn != "":
		note, isErr = "review: "+msg.warn, true
	}
	if msg.err == nil && msg.job.r == rv.r {
		// The stored review, other viewers' marks included, with the
		// marks still queued on top.
		rv.doc = applied(msg.doc, rv.queue, rv.r)
		if len(rv.queue) == 0 && msg.mask == rv.mask {
			rv.st = msg.st
		} else {
			rv.st = review.Match(rv.doc, rv.r.View(rv.mask))
		}
	}
	return rv.next(), note, isErr
}

// progress is the status line's "reviewed 5/23 · 1 queried", or "" when
// there is no review to show.
func (rv *reviewer) progress() string {
	if rv.st == nil || len(rv.st.Changes) == 0 {
		return ""
	}
	return rv.st.Progress()
}

// remaining returns the number of changes not yet checked or queried.
func (rv *reviewer) remaining() int {
	_, _, u := rv.st.Counts()
	return u
}

// remainingNote is what n says at the end: "· 4 changes not reviewed".
func (rv *reviewer) remainingNote() string {
	if rv.st == nil {
		return ""
	}
	switch u := rv.remaining(); u {
	case 0:
		return " · every change reviewed"
	case 1:
		return " · 1 change not reviewed"
	default:
		return " · " + strconv.Itoa(u) + " changes not reviewed"
	}
}

// glyph is the gutter mark of a state: ✓ checked, ? queried, "" none.
func glyph(s review.State) string {
	switch s {
	case review.Checked:
		return "✓"
	case review.Queried:
		return "?"
	}
	return ""
}
