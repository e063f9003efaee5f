package render

import (
	"slices"
	"strconv"

	"github.com/storydiff/storydiff/diff"
)

// inlineBlock lays out block bi in one column: its pairs in reading order,
// grouped into the new paragraphs (old ones for a removed block), deleted
// words and sentences shown in place next to the inserted ones.
func (l *Layout) inlineBlock(bi int) Side {
	b := &l.r.Blocks[bi]
	bs := base(b)
	var s Side
	var head []Span
	if b.Moved && len(b.Old) > 0 {
		head = append(head, Span{"↕ moved from " + l.paraList(b.Old), Note})
		if len(b.New) > 0 {
			head = append(head, Span{" to " + l.paraList(b.New), Note})
		}
	}
	if b.Boilerplate != "" {
		if len(head) > 0 {
			head = append(head, Span{" ", Note})
		}
		head = append(head, Span{"‹" + b.Boilerplate + "›", Note})
	}
	if len(head) > 0 {
		s.add(Wrap(head, l.text), nil)
	}
	m := l.blockMarker(bi)
	useNew := len(b.New) > 0
	var spans []Span
	oldP, newP := -1, -1
	lastOld := -1 // old paragraph of the previous pair, to show where a merge joined two
	flush := func() {
		s.add(Wrap(spans, l.text), l.inlineGutter(oldP, newP, m))
		spans, oldP, newP = nil, -1, -1
	}
	for pi := range b.Pairs {
		pr := &b.Pairs[pi]
		key, cur := pr.NewRef.Para, newP
		if !useNew {
			key, cur = pr.OldRef.Para, oldP
		}
		if key >= 0 && cur >= 0 && key != cur {
			// A new paragraph of a split block (or of a removed run).
			flush()
			s.add([]Line{nil}, nil)
		}
		if len(spans) > 0 {
			spans = append(spans, Span{" ", bs})
		}
		if o := pr.OldRef.Para; b.IsMerge() && o >= 0 && lastOld >= 0 && o != lastOld && !pr.Moved {
			// Merged paragraphs: mark where the next old paragraph begins.
			spans = append(spans, Span{"⁋" + strconv.Itoa(o+1), Note}, Span{" ", bs})
		}
		if o := pr.OldRef.Para; o >= 0 && !pr.Moved {
			lastOld = o
		}
		if oldP < 0 && !pr.OldRef.IsNone() {
			oldP = pr.OldRef.Para
		}
		if newP < 0 && !pr.NewRef.IsNone() {
			newP = pr.NewRef.Para
		}
		spans = l.inlinePair(spans, b, pr)
	}
	if len(b.Pairs) == 0 {
		oldP, newP = first(b.Old), first(b.New)
	}
	spans = l.blockBadges(b, spans)
	flush()
	return s
}

func first(ps []int) int {
	if len(ps) == 0 {
		return -1
	}
	return ps[0]
}

// inlineGutter is the gutter of the first line of an inline paragraph: old
// and new paragraph numbers and the marker.
func (l *Layout) inlineGutter(oldP, newP int, m Span) Line {
	o, n := pad(l.numW), pad(l.numW)
	if oldP >= 0 {
		o = l.num(oldP)
	}
	if newP >= 0 {
		n = l.num(newP)
	}
	return Line{{" " + o + " " + n + " ", Gutter}, m, {" ", Gutter}}
}

// inlinePair appends the inline spans of one pair.
func (l *Layout) inlinePair(out []Span, b *diff.Block, pr *diff.Pair) []Span {
	bs := base(b)
	eq := bs
	if pr.Moved {
		eq = Moved
	}
	switch l.pairKind(pr) {
	case diff.Added:
		out = l.carried(out, pr, pr.New, diff.OpInsert, Added, "{+", "+}", b.Kind == diff.Added)
		out = partNote(out, pr)
	case diff.Removed:
		out = l.carried(out, pr, pr.Old, diff.OpDelete, Removed, "[-", "-]", b.Kind == diff.Removed)
		out = partNote(out, pr)
	case diff.Changed:
		if pr.Kind == diff.Changed && eq == Plain {
			eq = ChangedNew
		}
		if !rebuilds(pr.Words, diff.OpInsert, pr.Old) || !rebuilds(pr.Words, diff.OpDelete, pr.New) {
			out = l.mark(out, Span{pr.Old, WordDelete}, "[-", "-]", false)
			out = append(out, Span{" ", eq})
			out = l.mark(out, Span{pr.New, WordInsert}, "{+", "+}", false)
			break
		}
		h := l.hider(pr)
		for i, w := range pr.Words {
			hidden := w.Op != diff.OpEqual && h.hidden(i)
			switch {
			case hidden && w.Op == diff.OpDelete: // a hidden run reads as its new text
			case w.Op == diff.OpEqual || hidden:
				out = append(out, Span{w.Text, eq})
			case w.Op == diff.OpDelete && h.isLight(i):
				out = l.mark(out, Span{w.Text, WordDeleteLight}, "[-", "-]", false)
			case w.Op == diff.OpDelete:
				out = l.mark(out, Span{w.Text, WordDelete}, "[-", "-]", false)
			case h.isLight(i):
				out = l.mark(out, Span{w.Text, WordInsertLight}, "{+", "+}", false)
			default:
				out = l.mark(out, Span{w.Text, WordInsert}, "{+", "+}", false)
			}
		}
	default:
		text := pr.New
		if pr.NewRef.IsNone() {
			text = pr.Old
		}
		out = append(out, Span{text, eq})
	}
	if pr.Moved && !pr.OldRef.IsNone() {
		out = append(out, movedNote("←", pr.OldRef))
	}
	return l.badges(out, l.pairFlags(pr))
}

// sentenceRow lays out pair pi of block bi: old sentence left, new right.
func (l *Layout) sentenceRow(bi, pi int) (left, right Side) {
	b := &l.r.Blocks[bi]
	pr := &b.Pairs[pi]
	kind := l.pairKind(pr)
	m := marker(kind, pr.Moved)
	eq := base(b)
	if pr.Moved {
		eq = Moved
	}
	// Equal words of a changed pair: the side's changed style, unless the
	// block or pair has a style of its own (boilerplate, moved).
	chOld, chNew := ChangedOld, ChangedNew
	if eq != Plain {
		chOld, chNew = eq, eq
	}
	// What the paragraph view says of the block, said on its rows here:
	// the boilerplate label on each, a split or merge on the first.
	var head []Span
	if b.Boilerplate != "" {
		head = append(head, Span{"‹" + b.Boilerplate + "› ", Note})
	}
	if pi == 0 && (b.IsSplit() || b.IsMerge()) {
		word := "split"
		if b.IsMerge() {
			word = "merged"
		}
		head = append(head, Span{"‹" + word + " " + l.paraList(b.Old) + " → " + l.paraList(b.New) + "› ", Note})
	}
	if !pr.OldRef.IsNone() {
		spans := slices.Clone(head)
		switch kind {
		case diff.Changed:
			spans = l.words(spans, pr, pr.Old, diff.OpInsert, chOld, WordDelete, "[-", "-]")
		case diff.Removed:
			spans = append(spans, Span{pr.Old, Removed})
			spans = partNote(spans, pr)
			spans = l.badges(spans, l.v.PairFlags(bi, pi))
		default:
			spans = append(spans, Span{pr.Old, eq})
		}
		if pr.Moved && !pr.NewRef.IsNone() {
			spans = append(spans, movedNote("→", pr.NewRef))
		}
		left = l.sentenceSide(spans, l.text, pr.OldRef, m)
	}
	if !pr.NewRef.IsNone() {
		spans := slices.Clone(head)
		switch kind {
		case diff.Changed:
			spans = l.words(spans, pr, pr.New, diff.OpDelete, chNew, WordInsert, "{+", "+}")
		case diff.Added:
			spans = append(spans, Span{pr.New, Added})
			spans = partNote(spans, pr)
		default:
			spans = append(spans, Span{pr.New, eq})
		}
		if pr.Moved && !pr.OldRef.IsNone() {
			spans = append(spans, movedNote("←", pr.OldRef))
		}
		spans = l.badges(spans, l.v.PairFlags(bi, pi))
		right = l.sentenceSide(spans, l.textR, pr.NewRef, m)
	}
	return left, right
}

// sentenceSide wraps the spans of one side of a sentence row, the gutter
// showing the sentence's paragraph.
func (l *Layout) sentenceSide(spans []Span, width int, ref diff.SentRef, m Span) Side {
	var s Side
	s.add(Wrap(spans, width), l.gutterLine(ref.Para, m))
	return s
}
