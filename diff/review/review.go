package review

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/textsafe"
)

// State is the state of one reviewed change.
type State uint8

// The states. Unmarked is the zero value: a change nobody has marked; a
// mark set to Unmarked is removed from the review.
const (
	Unmarked State = iota
	Checked        // looked at and cleared
	Queried        // looked at and questioned; the mark's Note says why
)

var stateNames = [...]string{"unmarked", "checked", "queried"}

// String returns unmarked, checked or queried.
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// Box returns the checklist box of the state: "[✓]", "[?]" or "[ ]".
func (s State) Box() string {
	switch s {
	case Checked:
		return "[✓]"
	case Queried:
		return "[?]"
	}
	return "[ ]"
}

// MarshalText implements encoding.TextMarshaler.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts checked
// and queried (a stored mark is never unmarked).
func (s *State) UnmarshalText(b []byte) error {
	switch string(b) {
	case "checked":
		*s = Checked
	case "queried":
		*s = Queried
	default:
		return fmt.Errorf("review: unknown mark state %q", b)
	}
	return nil
}

// Mark is an editor's verdict on one change.
type Mark struct {
	// Anchor is the Change.Anchor the mark was made on.
	Anchor string `json:"anchor"`
	State  State  `json:"state"`
	// Note is the query note (one line); usually empty for a checked
	// change.
	Note string `json:"note,omitempty"`
	// Who is the reviewer: --reviewer NAME, else $USER.
	Who string `json:"who"`
	// When is the time of the mark, RFC 3339, UTC, whole seconds.
	When time.Time `json:"when"`
	// Refs and Excerpt describe the change as it was when marked
	// (Change.Refs, Change.Excerpt), so that a mark whose change is gone
	// can still be reported in words.
	Refs    string `json:"refs,omitempty"`
	Excerpt string `json:"excerpt,omitempty"`
	// Sentences are the short hashes of the sentences the change was made
	// of: they find the change again when a later comparison aligns it
	// slightly differently and its exact anchor is gone.
	Sentences []string `json:"sentences,omitempty"`
}

// NewMark returns a mark of state s on change c, made by who now; the
// note and who are cleaned to one line of safe text.
func NewMark(c *Change, s State, note, who string, now time.Time) Mark {
	return Mark{
		Anchor: c.Anchor, State: s, Note: textsafe.Clean(note), Who: textsafe.Clean(who),
		When: now.UTC().Truncate(time.Second), Refs: c.Refs(), Excerpt: c.Excerpt,
		Sentences: sentStrings(c.sents),
	}
}

// sentStrings returns the hashes as stored in a mark.
func sentStrings(sents []uint64) []string {
	out := make([]string, len(sents))
	for i, x := range sents {
		out[i] = sentHex(x)
	}
	return out
}

// Line describes the mark's verdict on one line: `“note” — who,
// 2026-11-29T12:04:05Z`, leaving out what is empty. Every field is cleaned
// (a review file is untrusted input).
func (m *Mark) Line() string {
	var parts []string
	if m.Note != "" {
		parts = append(parts, "“"+textsafe.Clean(m.Note)+"”")
	}
	var by []string
	if m.Who != "" {
		by = append(by, textsafe.Clean(m.Who))
	}
	if !m.When.IsZero() {
		by = append(by, m.When.UTC().Format(time.RFC3339))
	}
	if len(by) > 0 {
		parts = append(parts, strings.Join(by, ", "))
	}
	return strings.Join(parts, " — ")
}

// FormatVersion is the version of the review file format.
const FormatVersion = 1

// Review is the stored review of one pair of versions: the file's
// content.
type Review struct {
	// Version is FormatVersion.
	Version int `json:"storydiff_review"`
	// Pair is the Key of the pair.
	Pair string `json:"pair"`
	// Old and New are the names of the versions when last marked (for
	// people browsing the folder; the key does not depend on them).
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// Marks are the marks, one per anchor, sorted by anchor.
	Marks []Mark `json:"marks"`
}

// Set records m, replacing any mark on the same anchor; a mark with
// state Unmarked removes it.
func (rv *Review) Set(m Mark) {
	i := slices.IndexFunc(rv.Marks, func(x Mark) bool { return x.Anchor == m.Anchor })
	switch {
	case m.State == Unmarked && i >= 0:
		rv.Marks = slices.Delete(rv.Marks, i, i+1)
	case m.State == Unmarked:
	case i >= 0:
		rv.Marks[i] = m
	default:
		rv.Marks = append(rv.Marks, m)
		slices.SortFunc(rv.Marks, func(a, b Mark) int { return strings.Compare(a.Anchor, b.Anchor) })
	}
}

// Status is a review laid over a comparison: the state of each change,
// and the marks whose change no longer exists.
type Status struct {
	// Key is the pair's key.
	Key string
	// Changes are the reviewable changes of the view (Changes).
	Changes []Change
	// Marks holds, for each change, its mark, or nil when unmarked.
	Marks []*Mark
	// Orphans are the marks that match no change of the comparison, not
	// even one the view hides: the change they were made on is gone.
	Orphans []Mark
}

// Match lays rv (nil for no review) over the view v. A mark finds its change by exact anchor first; the marks left then
// go, best overlap first, to the change whose sentences overlap theirs
// most (at least half of both sets together, Jaccard ≥ 0.5), so a mark
// survives a later comparison that aligns its change slightly
// differently. Marks matched to changes the view hides are neither shown
// nor orphaned.
func Match(rv *Review, v diff.View) *Status {
	st := &Status{Key: Key(v.Result), Changes: Changes(v)}
	st.Marks = make([]*Mark, len(st.Changes))
	if rv == nil || len(rv.Marks) == 0 {
		return st
	}
	all := st.Changes
	if v.Ignore != 0 {
		all = Changes(v.Result.View(0))
	}
	byBlock := make(map[int]int, len(st.Changes)) // block → index in st.Changes
	for i := range st.Changes {
		byBlock[st.Changes[i].Block] = i
	}
	byAnchor := make(map[string]int, len(all))
	for i := range all {
		byAnchor[all[i].Anchor] = i
	}
	taken := make([]bool, len(all))
	var rest []int
	assign := func(mi, ci int) {
		taken[ci] = true
		if vi, ok := byBlock[all[ci].Block]; ok {
			mk := rv.Marks[mi]
			st.Marks[vi] = &mk
		}
	}
	for mi := range rv.Marks {
		if ci, ok := byAnchor[rv.Marks[mi].Anchor]; ok && !taken[ci] {
			assign(mi, ci)
		} else {
			rest = append(rest, mi)
		}
	}
	if len(rest) > 0 {
		type cand struct {
			mi, ci int
			score  float64
		}
		// The changes sharing a sentence with a mark left over are its
		// candidates: an index by sentence keeps this near-linear.
		bySent := map[uint64][]int{}
		for ci := range all {
			if !taken[ci] {
				for _, x := range all[ci].sents {
					bySent[x] = append(bySent[x], ci)
				}
			}
		}
		var cands []cand
		for _, mi := range rest {
			var ms []uint64
			for _, s := range rv.Marks[mi].Sentences {
				if x, ok := parseSentHex(s); ok {
					ms = append(ms, x)
				}
			}
			tried := map[int]bool{}
			for _, x := range ms {
				for _, ci := range bySent[x] {
					if tried[ci] {
						continue
					}
					tried[ci] = true
					if s := jaccard(ms, all[ci].sents); s >= 0.5 {
						cands = append(cands, cand{mi, ci, s})
					}
				}
			}
		}
		slices.SortStableFunc(cands, func(a, b cand) int {
			switch {
			case a.score > b.score:
				return -1
			case a.score < b.score:
				return 1
			}
			return 0
		})
		used := map[int]bool{}
		for _, c := range cands {
			if used[c.mi] || taken[c.ci] {
				continue
			}
			used[c.mi] = true
			assign(c.mi, c.ci)
		}
		for _, mi := range rest {
			if !used[mi] {
				st.Orphans = append(st.Orphans, rv.Marks[mi])
			}
		}
	}
	return st
}

// jaccard returns |a ∩ b| / |a ∪ b| for two sets of hashes (0 if either
// is empty). Repeats count once.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	a, b = uniq(a), uniq(b)
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}

// uniq returns the sorted distinct values of s (a copy).
func uniq(s []uint64) []uint64 {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// Edit returns the marks that give change i the state s with note: the
// new mark, and, when the change's current mark was found by its
// sentences under another anchor, the clearing of that anchor (else it
// would turn into an orphan). Store.Apply saves them; WithMark shows them
// at once.
func (s *Status) Edit(i int, st State, note, who string, now time.Time) []Mark {
	if s == nil || i < 0 || i >= len(s.Changes) {
		return nil
	}
	c := &s.Changes[i]
	m := NewMark(c, st, note, who, now)
	if m.State == Unmarked {
		m = Mark{Anchor: c.Anchor}
	}
	out := []Mark{m}
	if old := s.Marks[i]; old != nil && old.Anchor != c.Anchor {
		out = append(out, Mark{Anchor: old.Anchor})
	}
	return out
}

// WithMark returns a copy of s with change i given mark m (nil or an
// Unmarked mark for none), leaving s as it was: the viewer shows a mark
// at once and saves it off the UI loop.
func (s *Status) WithMark(i int, m *Mark) *Status {
	if s == nil || i < 0 || i >= len(s.Changes) {
		return s
	}
	c := *s
	c.Marks = slices.Clone(s.Marks)
	if m != nil && m.State != Unmarked {
		mk := *m
		c.Marks[i] = &mk
	} else {
		c.Marks[i] = nil
	}
	return &c
}

// State returns the state of change i (Unmarked when i is out of range).
func (s *Status) State(i int) State {
	if s == nil || i < 0 || i >= len(s.Marks) || s.Marks[i] == nil {
		return Unmarked
	}
	return s.Marks[i].State
}

// Index returns the index in Changes of the change of block bi, or -1
// when the block is not a reviewable change.
func (s *Status) Index(bi int) int {
	if s == nil {
		return -1
	}
	i, ok := slices.BinarySearchFunc(s.Changes, bi, func(c Change, b int) int { return c.Block - b })
	if !ok {
		return -1
	}
	return i
}

// Counts returns how many changes are checked, queried and unmarked.
func (s *Status) Counts() (checked, queried, unmarked int) {
	if s == nil {
		return 0, 0, 0
	}
	for i := range s.Changes {
		switch s.State(i) {
		case Checked:
			checked++
		case Queried:
			queried++
		default:
			unmarked++
		}
	}
	return checked, queried, unmarked
}

// Done reports whether every change is checked and none is queried: the
// condition under which the checklist exits 0.
func (s *Status) Done() bool {
	_, q, u := s.Counts()
	return q == 0 && u == 0
}

// Progress is the one-line progress of the review: "reviewed 5/23 · 1
// queried", a change counting as reviewed once it is checked or queried;
// "· 2 orphaned marks" is added when marks lost their change.
func (s *Status) Progress() string {
	c, q, _ := s.Counts()
	line := "reviewed " + strconv.Itoa(c+q) + "/" + strconv.Itoa(len(s.Changes))
	if q > 0 {
		line += " · " + strconv.Itoa(q) + " queried"
	}
	if s != nil && len(s.Orphans) > 0 {
		line += " · " + plural(len(s.Orphans), "orphaned mark")
	}
	return line
}

// plural returns "1 thing" or "3 things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
