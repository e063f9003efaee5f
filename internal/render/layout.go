package render

import (
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/diff"
)

// Side is one column of a row: its wrapped text lines and, line by line,
// the gutter drawn to their left. Gutter and Lines have the same length.
type Side struct {
	Gutter []Line
	Lines  []Line
}

// Row is one laid-out entry. In SideBySide and Sentences modes Left holds
// the old version and Right the new, padded to the same height; in Inline
// mode only Left is used. The last line of every row is blank, separating
// it from the next.
type Row struct {
	Entry
	Left, Right Side
}

// Height returns the number of display lines of the row.
func (r *Row) Height() int { return len(r.Left.Lines) }

// Options tune a Layout.
type Options struct {
	// Markup brackets changes in the text itself ([-deleted-], {+inserted+})
	// so that they show without colour or attributes: for plain-text
	// exports and monochrome terminals.
	Markup bool
}

// Layout wraps entries of one result for one width and mode. It is cheap to
// make; Row does the work for one entry. A Layout is safe for concurrent
// use (it holds no mutable state).
type Layout struct {
	v      diff.View // the result and the classes it ignores
	r      *diff.Result
	mode   Mode
	opts   Options
	numW   int // digits of the largest paragraph number
	gutter int // gutter width of a pane
	text   int // text width of a pane (left pane in side-by-side)
	textR  int // text width of the right pane
}

// NewLayout returns the layout of the view v in mode for a total width of
// width cells. The classes v ignores are hidden: a hidden run is shown as
// its text on each side (its new text in Inline mode), unhighlighted and
// without its badges; a pair whose runs are all hidden reads as equal, and
// a block that v.BlockHidden reports gets no marker. Widths too small to
// be useful are raised to a minimum; callers that must fit a screen check
// MinWidth first.
func NewLayout(v diff.View, mode Mode, width int, opts Options) *Layout {
	r := v.Result
	l := &Layout{v: v, r: r, mode: mode, opts: opts}
	n := 1
	if r != nil {
		n = max(len(r.Old.Paragraphs), len(r.New.Paragraphs), 1)
	}
	l.numW = len(strconv.Itoa(n))
	if mode == Inline {
		// " 12  13 ~ " : old number, new number, marker.
		l.gutter = 2*l.numW + 5
		l.text = max(width-l.gutter-1, 1)
		return l
	}
	// Each half: " 12 ~ " gutter, text, one space of margin; "│" between.
	l.gutter = l.numW + 4
	half := (width - 1) / 2
	l.text = max(half-l.gutter-1, 1)
	l.textR = max(width-1-half-l.gutter-1, 1)
	return l
}

// MinWidth returns the smallest total width at which a layout of r in mode
// still shows at least ten cells of text per pane.
func MinWidth(r *diff.Result, mode Mode) int {
	l := NewLayout(r.View(0), mode, 0, Options{})
	if mode == Inline {
		return l.gutter + 1 + 10
	}
	return 2*(l.gutter+1+10) + 1
}

// GutterWidth returns the width of a pane's gutter.
func (l *Layout) GutterWidth() int { return l.gutter }

// TextWidth returns the text width of the left pane (the only pane in
// Inline mode) and of the right pane.
func (l *Layout) TextWidth() (left, right int) { return l.text, l.textR }

// Row lays out one entry.
func (l *Layout) Row(e Entry) Row {
	row := Row{Entry: e}
	if l.r == nil || e.Block < 0 || e.Block >= len(l.r.Blocks) {
		return l.finish(row)
	}
	switch e.Kind {
	case RowBlock:
		if l.mode == Inline {
			row.Left = l.inlineBlock(e.Block)
		} else {
			row.Left = l.oldSide(e.Block)
			row.Right = l.newSide(e.Block)
		}
	case RowGhost:
		row.Left = l.ghost(e)
	case RowFold:
		row.Left, row.Right = l.fold(e)
	case RowSentence:
		if e.Pair >= 0 && e.Pair < len(l.r.Blocks[e.Block].Pairs) {
			row.Left, row.Right = l.sentenceRow(e.Block, e.Pair)
		}
	}
	return l.finish(row)
}

// finish pads both sides to the same height and adds the blank separator
// line.
func (l *Layout) finish(row Row) Row {
	h := max(len(row.Left.Lines), len(row.Right.Lines)) + 1
	row.Left = padSide(row.Left, h)
	if l.mode != Inline {
		row.Right = padSide(row.Right, h)
	}
	return row
}

func padSide(s Side, h int) Side {
	for len(s.Lines) < h {
		s.Lines = append(s.Lines, nil)
	}
	for len(s.Gutter) < h {
		s.Gutter = append(s.Gutter, nil)
	}
	return s
}

// num formats a paragraph number (zero-based p) right-aligned.
func (l *Layout) num(p int) string {
	s := strconv.Itoa(p + 1)
	return pad(l.numW-len(s)) + s
}

// marker returns the gutter marker of a block or pair.
func marker(k diff.Kind, moved bool) Span {
	switch {
	case moved:
		return Span{"↕", MarkMoved}
	case k == diff.Added:
		return Span{"+", MarkAdded}
	case k == diff.Removed:
		return Span{"-", MarkRemoved}
	case k == diff.Changed:
		return Span{"~", MarkChanged}
	}
	return Span{" ", Gutter}
}

// blockMarker returns the gutter marker of block bi: none for a block that
// reads as equal under the layout's view.
func (l *Layout) blockMarker(bi int) Span {
	b := &l.r.Blocks[bi]
	if l.v.BlockHidden(bi) {
		return marker(diff.Equal, false)
	}
	return marker(b.Kind, b.Moved)
}

// pairKind returns the kind pr reads as under the layout's view: Equal when
// every run is hidden.
func (l *Layout) pairKind(pr *diff.Pair) diff.Kind {
	if l.v.PairHidden(pr) {
		return diff.Equal
	}
	return pr.Kind
}

// pairFlags returns the flags of pr's runs that the layout's view shows.
func (l *Layout) pairFlags(pr *diff.Pair) diff.Flag {
	_, f := l.v.PairVisible(pr)
	return f
}

// gutterLine is the gutter of the first line of a paragraph.
func (l *Layout) gutterLine(p int, m Span) Line {
	return Line{{" " + l.num(p) + " ", Gutter}, m, {" ", Gutter}}
}

// side wraps each paragraph's spans into one side, after the wrapped head,
// blank lines between paragraphs, the gutter showing each paragraph's
// number.
func (l *Layout) side(width int, paras []int, m Span, head []Span, spans func(k, p int) []Span) Side {
	var s Side
	if len(head) > 0 {
		s.add(Wrap(head, width), nil)
	}
	for k, p := range paras {
		if k > 0 {
			s.add([]Line{nil}, nil)
		}
		s.add(Wrap(spans(k, p), width), l.gutterLine(p, m))
	}
	return s
}

// add appends lines to s, gutter beside the first of them.
func (s *Side) add(lines []Line, gutter Line) {
	for i, ln := range lines {
		s.Lines = append(s.Lines, ln)
		if i == 0 {
			s.Gutter = append(s.Gutter, gutter)
		} else {
			s.Gutter = append(s.Gutter, nil)
		}
	}
}

// base is the style of equal text in block b.
func base(b *diff.Block) Style {
	switch {
	case b.Boilerplate != "":
		return Boilerplate
	case b.Moved:
		return Moved
	}
	return Plain
}

// oldSide lays out the old paragraphs of block bi.
func (l *Layout) oldSide(bi int) Side {
	b := &l.r.Blocks[bi]
	var head []Span
	if b.Boilerplate != "" && len(b.Old) > 0 {
		head = []Span{{"‹" + b.Boilerplate + "›", Note}}
	}
	return l.side(l.text, b.Old, l.blockMarker(bi), head, func(_, p int) []Span {
		return l.oldPara(bi, p)
	})
}

// newSide lays out the new paragraphs of block bi.
func (l *Layout) newSide(bi int) Side {
	b := &l.r.Blocks[bi]
	var head []Span
	if b.Moved && len(b.Old) > 0 && len(b.New) > 0 {
		head = append(head, Span{"↕ moved from " + l.paraList(b.Old), Note})
	}
	if b.Boilerplate != "" && len(b.New) > 0 {
		if len(head) > 0 {
			head = append(head, Span{" ", Note})
		}
		head = append(head, Span{"‹" + b.Boilerplate + "›", Note})
	}
	return l.side(l.textR, b.New, l.blockMarker(bi), head, func(k, p int) []Span {
		spans := l.newPara(bi, p)
		if k == len(b.New)-1 {
			spans = l.blockBadges(b, spans)
		}
		return spans
	})
}

// paraList formats paragraph numbers: ¶9, ¶9–11 or ¶9, ¶12.
func (l *Layout) paraList(ps []int) string {
	if len(ps) == 0 {
		return ""
	}
	contiguous := ps[len(ps)-1]-ps[0] == len(ps)-1
	if len(ps) == 1 {
		return "¶" + strconv.Itoa(ps[0]+1)
	}
	if contiguous {
		return "¶" + strconv.Itoa(ps[0]+1) + "–" + strconv.Itoa(ps[len(ps)-1]+1)
	}
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("¶" + strconv.Itoa(p+1))
	}
	return b.String()
}

// oldPara returns the spans of old paragraph p of block bi: each sentence in
// its own order, styled by its pair, the white space between sentences kept.
func (l *Layout) oldPara(bi, p int) []Span {
	b := &l.r.Blocks[bi]
	bs := base(b)
	whole := b.Kind == diff.Removed // the gutter says it all
	out := l.paraSpans(p, true, bs, func(out []Span, pb int, pr *diff.Pair, text string) []Span {
		if pb != bi {
			out = append(out, Span{text, Moved})
			if !pr.NewRef.IsNone() {
				out = append(out, movedNote("→", pr.NewRef))
			}
			return out
		}
		switch l.pairKind(pr) {
		case diff.Changed:
			return l.words(out, pr, text, diff.OpInsert, ChangedOld, WordDelete, "[-", "-]")
		case diff.Removed:
			out = l.carried(out, pr, text, diff.OpDelete, Removed, "[-", "-]", whole)
			out = partNote(out, pr)
			return l.badges(out, pr.Flags)
		}
		return append(out, Span{text, bs})
	})
	if b.Kind == diff.Removed {
		out = l.blockBadges(b, out)
	}
	return out
}

// newPara returns the spans of new paragraph p of block bi.
func (l *Layout) newPara(bi, p int) []Span {
	b := &l.r.Blocks[bi]
	bs := base(b)
	whole := b.Kind == diff.Added
	return l.paraSpans(p, false, bs, func(out []Span, _ int, pr *diff.Pair, text string) []Span {
		switch l.pairKind(pr) {
		case diff.Changed:
			st := ChangedNew
			if pr.Moved {
				st = Moved
			}
			out = l.words(out, pr, text, diff.OpDelete, st, WordInsert, "{+", "+}")
		case diff.Added:
			out = l.carried(out, pr, text, diff.OpInsert, Added, "{+", "+}", whole)
			out = partNote(out, pr)
		default:
			st := bs
			if pr.Moved {
				st = Moved
			}
			out = append(out, Span{text, st})
		}
		if pr.Moved && !pr.OldRef.IsNone() {
			out = append(out, movedNote("←", pr.OldRef))
		}
		return l.badges(out, l.pairFlags(pr))
	})
}

// paraSpans walks paragraph p of the old version (the new one unless old)
// pair by pair: the white space around sentences gets style bs, and
// sentence appends the spans of each pair, given the block pb holding it
// and the text it covers there (several sentences for a pair with OldMore
// or NewMore, laid out once).
func (l *Layout) paraSpans(p int, old bool, bs Style, sentence func(out []Span, pb int, pr *diff.Pair, text string) []Span) []Span {
	doc := l.r.New
	if old {
		doc = l.r.Old
	}
	para := &doc.Paragraphs[p]
	var out []Span
	prev := 0
	for si := 0; si < len(para.Sentences); si++ {
		s := &para.Sentences[si]
		if s.Start > prev {
			out = append(out, Span{para.Text[prev:s.Start], bs})
		}
		ref := diff.SentRef{Para: p, Sent: si}
		var pb, more int
		var pr *diff.Pair
		if old {
			pb, pr = l.r.OldPair(ref)
			more = pr.OldMore
		} else {
			pb, pr = l.r.NewPair(ref)
			more = pr.NewMore
		}
		text := stretch(para, si, more)
		si += more
		prev = s.Start + len(text)
		out = sentence(out, pb, pr, text)
	}
	if prev < len(para.Text) {
		out = append(out, Span{para.Text[prev:], bs})
	}
	return out
}

// movedNote is the note after a moved sentence that points, with arrow,
// at the paragraph of ref on the other side: " ←¶3".
func movedNote(arrow string, ref diff.SentRef) Span {
	return Span{" " + arrow + "¶" + strconv.Itoa(ref.Para+1), Note}
}

// partNote appends the hint of an added sentence cut from an old one
// (" from ¶3") or a removed one folded into a new one (" into ¶7").
func partNote(out []Span, pr *diff.Pair) []Span {
	if pr.PartOf == nil {
		return out
	}
	word := " from ¶"
	if pr.Kind == diff.Removed {
		word = " into ¶"
	}
	return append(out, Span{word + strconv.Itoa(pr.PartOf.Para+1), Note})
}

// stretch returns the text of sentence si of para and the more sentences
// after it, with the white space between them: the side of a pair that
// covers several sentences.
func stretch(para *diff.Paragraph, si, more int) string {
	if more <= 0 || si+more >= len(para.Sentences) {
		return para.Sentences[si].Text
	}
	return para.Text[para.Sentences[si].Start:para.Sentences[si+more].End]
}

// words appends the word diff of pr for one side: words with op skip are
// left out, equal words get style eq, the others style ch (bracketed with
// open and close in Markup mode). If the words do not rebuild text exactly,
// text is shown whole in style eq so that nothing is lost or invented.
// Words of a run the layout's view hides get style eq, unbracketed.
func (l *Layout) words(out []Span, pr *diff.Pair, text string, skip diff.Op, eq, ch Style, open, close string) []Span {
	if !rebuilds(pr.Words, skip, text) {
		return append(out, Span{text, eq})
	}
	h := l.hider(pr)
	for i, w := range pr.Words {
		switch {
		case w.Op == skip:
		case w.Op == diff.OpEqual || h.hidden(i):
			out = append(out, Span{w.Text, eq})
		case h.isLight(i):
			out = l.mark(out, Span{w.Text, light(ch)}, open, close, false)
		default:
			out = l.mark(out, Span{w.Text, ch}, open, close, false)
		}
	}
	return out
}

// light returns the lighter style of a word change (WordDelete →
// WordDeleteLight), for typography and style runs.
func light(st Style) Style {
	switch st {
	case WordDelete:
		return WordDeleteLight
	case WordInsert:
		return WordInsertLight
	}
	return st
}

// hider answers, word by word in increasing order, whether a word of a
// pair lies in a run the layout's view hides.
type hider struct {
	runs []diff.Run
	v    diff.View
	k    int
}

func (l *Layout) hider(pr *diff.Pair) hider {
	return hider{runs: pr.Runs, v: l.v}
}

// isLight reports whether word i lies in a typography or style run; calls
// must come with increasing i.
func (h *hider) isLight(i int) bool {
	for h.k < len(h.runs) && h.runs[h.k].End <= i {
		h.k++
	}
	if h.k >= len(h.runs) || h.runs[h.k].Start > i {
		return false
	}
	c := h.runs[h.k].Class
	return c == diff.ClassTypography || c == diff.ClassStyle
}

// hidden reports whether word i is in a hidden run; calls must come with
// increasing i.
func (h *hider) hidden(i int) bool {
	for h.k < len(h.runs) && h.runs[h.k].End <= i {
		h.k++
	}
	return h.v.Ignore != 0 && h.k < len(h.runs) && h.runs[h.k].Start <= i && h.v.RunHidden(h.runs[h.k])
}

// rebuilds reports whether the words other than skip concatenate to text.
func rebuilds(words []diff.Word, skip diff.Op, text string) bool {
	if len(words) == 0 {
		return false
	}
	pos := 0
	for _, w := range words {
		if w.Op == skip {
			continue
		}
		if !strings.HasPrefix(text[pos:], w.Text) {
			return false
		}
		pos += len(w.Text)
	}
	return pos == len(text)
}

// mark appends s, bracketed by open and close in Markup mode unless whole.
func (l *Layout) mark(out []Span, s Span, open, close string, whole bool) []Span {
	if !l.opts.Markup || whole {
		return append(out, s)
	}
	// Typography and style changes read lighter in the markup too: [~…~]
	// and {~…~} instead of [-…-] and {+…+}.
	switch s.Style {
	case WordDeleteLight:
		open, close = "[~", "~]"
	case WordInsertLight:
		open, close = "{~", "~}"
	}
	// Keep white space outside the brackets so that a break there does
	// not leave a bracket alone at a line's end.
	t := strings.TrimLeft(s.Text, " ")
	if lead := s.Text[:len(s.Text)-len(t)]; lead != "" {
		out = append(out, Span{lead, s.Style})
	}
	u := strings.TrimRight(t, " ")
	trail := t[len(u):]
	if n, ok := DashName(u); ok { // [---] would not read
		return append(out, Span{open + "‹", Markup}, Span{u, s.Style}, Span{" " + n + "›" + close, Markup})
	}
	if u != "" {
		out = append(out, Span{open, Markup}, Span{u, s.Style}, Span{close, Markup})
	}
	if trail != "" {
		out = append(out, Span{trail, s.Style})
	}
	return out
}

// carried appends the spans of an added (keep OpInsert) or removed (keep
// OpDelete) sentence text: when its pair has From, the words carried over
// from (or into) another sentence of the block are drawn as moved and only
// the rest as added or removed; otherwise the whole text is marked.
func (l *Layout) carried(out []Span, pr *diff.Pair, text string, keep diff.Op, st Style, open, close string, whole bool) []Span {
	if pr.From == nil || !rebuilds(pr.From, other(keep), text) {
		return l.mark(out, Span{text, st}, open, close, whole)
	}
	for _, w := range pr.From {
		switch w.Op {
		case diff.OpEqual:
			out = append(out, Span{w.Text, Moved})
		case keep:
			out = l.mark(out, Span{w.Text, st}, open, close, false)
		}
	}
	return out
}

// other returns the word operation that is not op among insert and delete.
func other(op diff.Op) diff.Op {
	if op == diff.OpInsert {
		return diff.OpDelete
	}
	return diff.OpInsert
}

// badges appends a badge for each flag set in f. In Markup mode (plain
// text, monochrome) a badge is bracketed, [NEG], so that it cannot be read
// as part of the sentence.
func (l *Layout) badges(out []Span, f diff.Flag) []Span {
	if f == 0 {
		return out // common case
	}
	for _, name := range f.Badges() {
		out = append(out, Span{" ", Note})
		if l.opts.Markup {
			out = append(out, Span{"[", Markup}, Span{name, Badge}, Span{"]", Markup})
		} else {
			out = append(out, Span{name, Badge})
		}
	}
	return out
}

// blockBadges appends badges for the block's flags that none of its pairs
// carries (flags of hidden runs left out).
func (l *Layout) blockBadges(b *diff.Block, out []Span) []Span {
	var pf diff.Flag
	for i := range b.Pairs {
		pf |= b.Pairs[i].Flags
	}
	_, bf := l.v.BlockVisible(b)
	return l.badges(out, bf&^pf)
}

// ghost lays out the placeholder where moved block e.Block stood, or
// where paragraph e.Merged-1 stood before it was merged into it.
func (l *Layout) ghost(e Entry) Side {
	b := &l.r.Blocks[e.Block]
	text := l.paraList(b.Old) + " moved to " + l.paraList(b.New)
	switch {
	case e.Merged > 0:
		text = l.paraList([]int{e.Merged - 1}) + " merged into " + l.paraList(b.New)
	case len(b.New) == 0:
		text = l.paraList(b.Old) + " moved"
	}
	var s Side
	s.add(Wrap([]Span{{text, Ghost}}, l.text), Line{{" " + pad(l.numW) + " ", Gutter}, {"↕", MarkMoved}, {" ", Gutter}})
	return s
}

// fold lays out a folded run.
func (l *Layout) fold(e Entry) (left, right Side) {
	var oldPs, newPs []int
	unit := "paragraph"
	if l.mode == Sentences {
		unit = "sentence"
	}
	for i := 0; i < e.Count && e.Block+i < len(l.r.Blocks); i++ {
		b := &l.r.Blocks[e.Block+i]
		oldPs = append(oldPs, b.Old...)
		newPs = append(newPs, b.New...)
	}
	if l.mode == Sentences {
		oldPs, newPs = l.foldPairs(e)
	}
	n := e.Count
	if l.mode != Sentences {
		n = len(newPs)
	}
	if n != 1 {
		unit += "s"
	}
	text := "… " + strconv.Itoa(n) + " unchanged " + unit + " …"
	if l.mode == Inline {
		left.Lines = Wrap([]Span{{text + "  " + l.span(newPs), Fold}}, l.text)
	} else {
		left.Lines = Wrap([]Span{{text + "  " + l.span(oldPs), Fold}}, l.text)
		right.Lines = Wrap([]Span{{text + "  " + l.span(newPs), Fold}}, l.textR)
	}
	return left, right
}

// foldPairs returns the old and new paragraphs of the pairs a Sentences-mode
// fold covers.
func (l *Layout) foldPairs(e Entry) (oldPs, newPs []int) {
	bi, pi := e.Block, e.Pair
	for n := 0; n < e.Count && bi < len(l.r.Blocks); {
		if pi >= len(l.r.Blocks[bi].Pairs) {
			bi, pi = bi+1, 0
			continue
		}
		p := &l.r.Blocks[bi].Pairs[pi]
		if !p.OldRef.IsNone() {
			oldPs = append(oldPs, p.OldRef.Para)
		}
		if !p.NewRef.IsNone() {
			newPs = append(newPs, p.NewRef.Para)
		}
		pi++
		n++
	}
	return oldPs, newPs
}

// span formats the range of paragraphs ps covers: ¶4–9.
func (l *Layout) span(ps []int) string {
	if len(ps) == 0 {
		return ""
	}
	lo, hi := ps[0], ps[0]
	for _, p := range ps {
		lo, hi = min(lo, p), max(hi, p)
	}
	if lo == hi {
		return "¶" + strconv.Itoa(lo+1)
	}
	return "¶" + strconv.Itoa(lo+1) + "–" + strconv.Itoa(hi+1)
}
