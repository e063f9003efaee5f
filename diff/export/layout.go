package export

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff"

	"github.com/storydiff/storydiff/internal/textsafe"
)

// item is one sentence shown in a block: a pair of the block, or a ghost,
// the old side of a sentence of the block's old paragraphs that moved to a
// pair of another block.
type item struct {
	p     *diff.Pair
	ghost bool
	key   int // paragraph group: new paragraph index, or -2-old index
}

// oldRef and newRef return the sentences the item shows on each side.
func (it item) oldRef() diff.SentRef { return it.p.OldRef }
func (it item) newRef() diff.SentRef {
	if it.ghost {
		return diff.None
	}
	return it.p.NewRef
}

// glued reports whether item b directly follows item a in one paragraph
// of the old (old) or new version with no white space between them, as in
// "yelled!Then": an export joins them without adding a space.
func glued(r *diff.Result, a, b item, old bool) bool {
	ra, rb, more, d := a.newRef(), b.newRef(), a.p.NewMore, r.New
	if old {
		ra, rb, more, d = a.oldRef(), b.oldRef(), a.p.OldMore, r.Old
		if a.ghost {
			more = 0
		}
	}
	if ra.IsNone() || rb.IsNone() || ra.Para != rb.Para || rb.Sent != ra.Sent+more+1 || ra.Para >= len(d.Paragraphs) {
		return false
	}
	ss := d.Paragraphs[ra.Para].Sentences
	return rb.Sent < len(ss) && ss[ra.Sent+more].End == ss[rb.Sent].Start
}

// gluedAny reports whether b follows a with no white space on the side an
// export shows both on: the new side when both have one, else the old.
func gluedAny(r *diff.Result, a, b item) bool {
	if !a.newRef().IsNone() && !b.newRef().IsNone() {
		return glued(r, a, b, false)
	}
	return glued(r, a, b, true)
}

// blockItems returns the sentences of block bi in reading order: the
// block's pairs, with ghosts of moved-away sentences inserted after the
// pair holding the old sentence before them, each tagged with the
// paragraph group it is shown in.
func blockItems(r *diff.Result, bi int) []item {
	b := &r.Blocks[bi]
	items := make([]item, 0, len(b.Pairs))
	ghosts := findGhosts(r, bi)
	if len(ghosts) == 0 { // common case
		for i := range b.Pairs {
			items = append(items, item{p: &b.Pairs[i]})
		}
	} else {
		first := -1
		for i := range b.Pairs {
			if own(r, bi, &b.Pairs[i]) {
				first = i
				break
			}
		}
		if first < 0 {
			first = 0
		}
		for i := range b.Pairs {
			if i == first {
				for _, g := range ghosts[-1] {
					items = append(items, item{p: g, ghost: true})
				}
			}
			items = append(items, item{p: &b.Pairs[i]})
			for _, g := range ghosts[i] {
				items = append(items, item{p: g, ghost: true})
			}
		}
		if len(b.Pairs) == 0 {
			for _, g := range ghosts[-1] {
				items = append(items, item{p: g, ghost: true})
			}
		}
	}
	groupKeys(items)
	return items
}

// own reports whether pair p of block bi shows a sentence of one of the
// block's own old paragraphs.
func own(r *diff.Result, bi int, p *diff.Pair) bool {
	return !p.OldRef.IsNone() && p.OldRef.Para < len(r.Old.Paragraphs) && r.BlockOfOld(p.OldRef.Para) == bi
}

// findGhosts returns, for block bi, the pairs of other blocks holding
// sentences of bi's old paragraphs, keyed by the index of the pair of bi
// after which they stood (-1: before the block's first own sentence).
func findGhosts(r *diff.Result, bi int) map[int][]*diff.Pair {
	b := &r.Blocks[bi]
	away := false
	for _, para := range b.Old {
		for s := range r.Old.Paragraphs[para].Sentences {
			if bj, _ := r.OldPair(diff.SentRef{Para: para, Sent: s}); bj != bi {
				away = true
			}
		}
	}
	if !away { // common case
		return nil
	}
	at := make(map[diff.SentRef]int, len(b.Pairs))
	for i := range b.Pairs {
		at[b.Pairs[i].OldRef] = i
	}
	out := make(map[int][]*diff.Pair)
	last := -1
	for _, para := range b.Old {
		for s := range r.Old.Paragraphs[para].Sentences {
			ref := diff.SentRef{Para: para, Sent: s}
			if bj, p := r.OldPair(ref); bj != bi {
				out[last] = append(out[last], p)
			} else if i, ok := at[ref]; ok {
				last = i
			}
		}
	}
	return out
}

// groupKeys gives every item the paragraph it is shown in: its new
// paragraph; items without one (removed sentences, ghosts) join the group
// before them, or after them at the start; in blocks with no new side the
// old paragraph groups them.
func groupKeys(items []item) {
	const unset = -1 << 30
	cur := unset
	for i := range items {
		if ref := items[i].newRef(); !ref.IsNone() {
			cur = ref.Para
		}
		items[i].key = cur
	}
	next := unset
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].key != unset {
			next = items[i].key
			continue
		}
		if next == unset {
			items[i].key = -2 - items[i].oldRef().Para
			continue
		}
		items[i].key = next
	}
}

// groups splits items into runs of the same paragraph group.
func groups(items []item) [][]item {
	var out [][]item
	start := 0
	for i := 1; i <= len(items); i++ {
		if i == len(items) || items[i].key != items[start].key {
			out = append(out, items[start:i])
			start = i
		}
	}
	return out
}

// oldBreak reports whether an old paragraph boundary lies between two
// consecutive items of one group (where a merge joined two paragraphs).
func oldBreak(r *diff.Result, bi int, a, b item) bool {
	if a.p.OldRef.IsNone() || b.p.OldRef.IsNone() || a.p.OldRef.Para == b.p.OldRef.Para {
		return false
	}
	ownA := a.ghost || own(r, bi, a.p)
	ownB := b.ghost || own(r, bi, b.p)
	return ownA && ownB
}

// changed reports whether block bi must be shown as a change: its text
// differs, it moved, it split or merged, or a sentence moved in or out. A
// block that reads as Equal in the view v is not a change.
func changed(v diff.View, bi int) bool {
	r := v.Result
	b := &r.Blocks[bi]
	if v.BlockHidden(bi) {
		return false
	}
	if b.IsChange() || b.IsSplit() || b.IsMerge() {
		return true
	}
	for i := range b.Pairs {
		if b.Pairs[i].Kind != diff.Equal || b.Pairs[i].Moved {
			return true
		}
	}
	for _, para := range b.Old {
		for s := range r.Old.Paragraphs[para].Sentences {
			if bj, _ := r.OldPair(diff.SentRef{Para: para, Sent: s}); bj != bi {
				return true
			}
		}
	}
	return false
}

// identical reports whether no block changed in any way in the view v.
func identical(v diff.View) bool {
	for bi := range v.Result.Blocks {
		if changed(v, bi) {
			return false
		}
	}
	return true
}

// sameNote is the line written when no block reads as changed in the view
// v: "The two versions are identical.", or, when only ignored changes
// differ, "The two versions differ only in ignored typography changes.";
// "" when something changed.
func sameNote(v diff.View) string {
	switch {
	case !identical(v):
		return ""
	case v.Ignore == 0 || identical(v.Result.View(0)):
		return "The two versions are identical."
	}
	return "The two versions differ only in ignored " + strings.Join(ignoredClasses(v.Ignore), " and ") + " changes."
}

// stepKind says what one step of a plan shows.
type stepKind uint8

const (
	stepBlock  stepKind = iota // a block, changed or context
	stepHidden                 // a run of unchanged blocks not shown
	stepOrigin                 // the note where a moved block stood
)

// step is one element of the sequence an export shows.
type step struct {
	kind       stepKind
	block      int // stepBlock, stepOrigin: the block
	merged     int // stepOrigin: 1 + the old paragraph merged away from here into block; 0 for a moved block
	from, to   int // stepHidden: Blocks[from:to]
	paragraphs int // stepHidden: paragraphs in the run
}

// plan lays out what the text-like exports show: every changed block,
// context blocks within ctx blocks of a change (all of them for ctx < 0),
// runs of the other blocks, and the notes where moved blocks stood. Blocks
// that read as Equal in the view v count as unchanged.
func plan(v diff.View, ctx int) []step {
	r := v.Result
	n := len(r.Blocks)
	show := make([]bool, n)
	for bi := 0; bi < n; bi++ {
		if ctx < 0 || changed(v, bi) {
			show[bi] = true
		}
	}
	if ctx > 0 {
		near := make([]bool, n)
		last := -1 << 30
		for bi := 0; bi < n; bi++ { // distance to the change before
			if show[bi] {
				last = bi
			}
			if bi-last <= ctx {
				near[bi] = true
			}
		}
		last = 1 << 30
		for bi := n - 1; bi >= 0; bi-- { // and after
			if show[bi] {
				last = bi
			}
			if last-bi <= ctx {
				near[bi] = true
			}
		}
		show = near
	}
	origins := make(map[int][]step)
	for bi := range r.Blocks {
		if b := &r.Blocks[bi]; b.Moved && b.Origin >= 0 {
			origins[b.Origin] = append(origins[b.Origin], step{kind: stepOrigin, block: bi})
		}
	}
	for _, g := range r.Ghosts {
		if g.Block >= 0 && g.Block < n && g.At >= 0 && g.At <= n {
			origins[g.At] = append(origins[g.At], step{kind: stepOrigin, block: g.Block, merged: g.Old + 1})
		}
	}
	var steps []step
	hidden := step{kind: stepHidden, from: -1}
	flush := func() {
		if hidden.from >= 0 {
			steps = append(steps, hidden)
			hidden = step{kind: stepHidden, from: -1}
		}
	}
	for bi := 0; bi <= n; bi++ {
		if m := origins[bi]; len(m) > 0 {
			flush()
			steps = append(steps, m...)
		}
		if bi == n {
			break
		}
		if show[bi] {
			flush()
			steps = append(steps, step{kind: stepBlock, block: bi})
			continue
		}
		if hidden.from < 0 {
			hidden.from = bi
		}
		hidden.to = bi + 1
		b := &r.Blocks[bi]
		hidden.paragraphs += max(len(b.Old), len(b.New))
	}
	// Origins beyond the end (malformed) are still shown, in block order.
	for bi := range r.Blocks {
		if b := &r.Blocks[bi]; b.Moved && b.Origin > n {
			flush()
			steps = append(steps, step{kind: stepOrigin, block: bi})
		}
	}
	flush()
	return steps
}

// para formats one 0-based paragraph index as "¶N".
func para(i int) string { return "¶" + strconv.Itoa(i+1) }

// blockTitle returns the paragraph numbers of a block: "¶3 → ¶5",
// "¶3 → ¶5–6 (split)", "¶4+¶9 → ¶5 (merged)".
func blockTitle(b *diff.Block) string {
	s := diff.ParaRefs(b.Old) + " → " + diff.ParaRefs(b.New)
	switch {
	case b.IsSplit():
		s += " (split)"
	case b.IsMerge():
		s += " (merged)"
	}
	return s
}

// blockWhat returns what happened to block bi, for its heading: kind,
// moved, class, flags and boilerplate label, as they read in the view v
// (a block v hides entirely reads "unchanged").
func blockWhat(v diff.View, bi int) []string {
	b := &v.Result.Blocks[bi]
	hidden := v.BlockHidden(bi)
	cl, fl := v.BlockVisible(b)
	var parts []string
	if b.Kind == diff.Equal || hidden {
		parts = append(parts, "unchanged")
	} else {
		parts = append(parts, b.Kind.String())
	}
	if b.Moved {
		parts = append(parts, "moved")
	}
	if b.Kind == diff.Changed && !hidden && cl != diff.ClassNone {
		parts = append(parts, cl.String())
	}
	if names := fl.Names(); len(names) > 0 {
		parts = append(parts, "check: "+strings.Join(names, ", "))
	}
	if b.Boilerplate != "" {
		parts = append(parts, "boilerplate: "+b.Boilerplate)
	}
	return parts
}

// originNote is the line shown where a moved block stood in the old
// version, or where a paragraph merged into a block far away stood.
func originNote(r *diff.Result, s step) string {
	b := &r.Blocks[s.block]
	if s.merged > 0 {
		return "↕ old " + diff.ParaRefs([]int{s.merged - 1}) + " merged into new " + diff.ParaRefs(b.New)
	}
	return "↕ old " + diff.ParaRefs(b.Old) + " moved to new " + diff.ParaRefs(b.New)
}

// hiddenNote summarises a run of unchanged paragraphs.
func hiddenNote(n int) string {
	if n == 1 {
		return "… 1 unchanged paragraph …"
	}
	return "… " + strconv.Itoa(n) + " unchanged paragraphs …"
}

// blockHead is the heading of block bi: its paragraph numbers and what
// happened, as it reads in the view v.
func blockHead(v diff.View, bi int) string {
	head := blockTitle(&v.Result.Blocks[bi])
	for _, p := range blockWhat(v, bi) {
		head += " · " + p
	}
	return head
}

// statLines returns the counts of the header, one line each, labelled: the
// counts of the view v (diff.View.Stats) and, when v ignores classes, how
// many changes of each ignored class it hid.
func statLines(v diff.View) [][2]string {
	r := v.Result
	st := r.Stats
	if v.Ignore == 0 {
		return countLines(st)
	}
	// The full counts are recounted rather than read from r.Stats, which a
	// Result assembled without classification lacks the class counts of.
	full, _ := r.View(0).Stats()
	ign, _ := v.Stats()
	return append(countLines(ign), [2]string{"ignored", hiddenLine(full, ign, v.Ignore)})
}

// hiddenLine says how many changes of each class in m were hidden:
// "12 typography, 3 style changes hidden". The numbers are the differences
// between the full counts and those under the mask.
func hiddenLine(full, ign diff.Stats, m diff.ClassMask) string {
	var parts []string
	total := 0
	for _, c := range []struct {
		class diff.Class
		n     int
	}{{diff.ClassTypography, full.Typography - ign.Typography}, {diff.ClassStyle, full.Style - ign.Style}} {
		if m.Has(c.class) {
			parts = append(parts, strconv.Itoa(c.n)+" "+c.class.String())
			total += c.n
		}
	}
	return strings.Join(parts, ", ") + " " + plural(total, "change", "changes") + " hidden"
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// countLines returns the paragraph, sentence and word counts of st.
func countLines(st diff.Stats) [][2]string {
	n := strconv.Itoa
	return [][2]string{
		{"paragraphs", "old " + n(st.OldParagraphs) + " = " + n(st.OldEqual) + " unchanged + " + n(st.OldChanged) + " changed + " +
			n(st.OldRemoved) + " removed + " + n(st.OldBoilerplate) + " boilerplate; new " + n(st.NewParagraphs) + " = " +
			n(st.NewEqual) + " unchanged + " + n(st.NewChanged) + " changed + " + n(st.NewAdded) + " added + " +
			n(st.NewBoilerplate) + " boilerplate"},
		{"blocks", n(st.Moved) + " moved, " + n(st.Split) + " split, " + n(st.Merged) + " merged"},
		{"sentences", strconv.Itoa(st.SentencesEqual) + " unchanged, " + strconv.Itoa(st.SentencesChanged) + " changed, " +
			strconv.Itoa(st.SentencesAdded) + " added, " + strconv.Itoa(st.SentencesRemoved) + " removed; " +
			strconv.Itoa(st.SentencesMoved) + " moved"},
		{"words", strconv.Itoa(st.WordsAdded) + " added, " + strconv.Itoa(st.WordsRemoved) + " removed"},
	}
}

// docLine describes one version for the header: name, paragraphs, words.
func docLine(d *diff.Document) string {
	n := len(d.Paragraphs)
	s := cleanName(d.Name) + " — " + strconv.Itoa(n) + " paragraph"
	if n != 1 {
		s += "s"
	}
	w := d.Words()
	s += ", " + strconv.Itoa(w) + " word"
	if w != 1 {
		s += "s"
	}
	return s
}

// cleanName makes a document name safe to print on one line: control
// characters and invalid bytes are shown as escapes.
func cleanName(s string) string {
	if s = textsafe.Clean(s); s == "" {
		return "(unnamed)"
	}
	return s
}

// visibleSpace shows a run of white space that is itself the change (two
// spaces became one, a space became a no-break space): each space as ␣,
// tab as ⇥, line break as ↵, any other space as ⍽.
func visibleSpace(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case ' ':
			sb.WriteString("␣")
		case '\t':
			sb.WriteString("⇥")
		case '\n', '\r':
			sb.WriteString("↵")
		default:
			sb.WriteString("⍽")
		}
	}
	return sb.String()
}

// isBreakSpace reports whether r is white space a line may break at. No-break
// spaces are not.
func isBreakSpace(r rune) bool {
	if r < utf8.RuneSelf { // common case
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	switch r {
	case '\u00a0', '\u2007', '\u202f', '\u2060', '\ufeff':
		return false
	}
	return unicode.IsSpace(r)
}

// allSpace reports whether s is non-empty and only white space (of any kind).
func allSpace(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\ufeff' && r != '\u2060' {
			return false
		}
	}
	return true
}
