package diff

import (
	"fmt"
	"strings"

	"github.com/storydiff/storydiff/diff/internal/segment"
)

// ClassMask is a set of change classes to ignore (--ignore typography,style).
// Ignoring is a View of a Result, which stays unchanged: views ask the
// View what to show as plain text and for the counts. The zero mask
// ignores nothing.
type ClassMask uint8

// The masks ParseIgnore builds.
const (
	IgnoreTypography ClassMask = 1 << ClassTypography
	IgnoreStyle      ClassMask = 1 << ClassStyle
)

// Has reports whether m ignores class c.
func (m ClassMask) Has(c Class) bool { return c != ClassNone && c <= ClassWording && m&(1<<c) != 0 }

// String returns the ignored class names joined by commas ("typography,style"),
// or "" for the zero mask; ParseIgnore parses it back.
func (m ClassMask) String() string {
	var names []string
	for c := ClassTypography; c <= ClassWording; c++ {
		if m.Has(c) {
			names = append(names, c.String())
		}
	}
	return strings.Join(names, ",")
}

// ParseIgnore parses a comma-separated list of classes to ignore:
// "typography", "style" (case-insensitive, spaces allowed, "" or "none"
// for nothing). Wording cannot be ignored: it is what the editor reads the
// diff for, and it carries the flags.
func ParseIgnore(s string) (ClassMask, error) {
	var m ClassMask
	for _, f := range strings.Split(s, ",") {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "", "none":
		case "typography", "typo":
			m |= IgnoreTypography
		case "style":
			m |= IgnoreStyle
		case "wording":
			return 0, fmt.Errorf("ignore %q: wording changes cannot be ignored (only typography and style)", s)
		default:
			return 0, fmt.Errorf("ignore %q: unknown class %q (want typography or style)", s, strings.TrimSpace(f))
		}
	}
	return m, nil
}

// View is a Result seen under an ignore mask: what every view and export
// shows. The Result stays unchanged; a View answers which runs, pairs and
// blocks read as unchanged under the mask and counts the statistics as
// they then read. The zero Ignore shows every change. A View is a small
// value: pass it by value.
type View struct {
	// Result is the comparison seen.
	Result *Result
	// Ignore is the set of change classes shown as plain text.
	Ignore ClassMask
}

// View returns r seen with the classes in m ignored.
func (r *Result) View(m ClassMask) View { return View{Result: r, Ignore: m} }

// RunHidden reports whether run r is ignored under the view: its class is
// in the mask and it carries no flag. A change that carries a flag (a
// respelled name is ClassStyle and FlagName) is never hidden, whatever the
// mask: it stays visible, counted and listed. Views render a hidden run as
// its new text, unhighlighted.
func (v View) RunHidden(r Run) bool { return r.Flags == 0 && v.Ignore.Has(r.Class) }

// PairHidden reports whether the whole pair reads as unchanged under the
// view: it is Changed, not moved, and every run is hidden. Added, Removed
// and moved pairs are never hidden.
func (v View) PairHidden(p *Pair) bool {
	if p.Kind != Changed || p.Moved || len(p.Runs) == 0 || v.Ignore == 0 {
		return false
	}
	for _, r := range p.Runs {
		if !v.RunHidden(r) {
			return false
		}
	}
	return true
}

// PairVisible returns the class and flags of the pair's runs that the view
// does not hide (the pair's Class and Flags when nothing is ignored).
func (v View) PairVisible(p *Pair) (Class, Flag) {
	if v.Ignore == 0 || p.Kind != Changed {
		return p.Class, p.Flags
	}
	var c Class
	var f Flag
	for _, r := range p.Runs {
		if !v.RunHidden(r) {
			c = max(c, r.Class)
			f |= r.Flags
		}
	}
	return c, f
}

// BlockVisible returns the class of the block's pairs under the view and
// the block's flags (no mask hides a flag; a boilerplate block has none).
func (v View) BlockVisible(b *Block) (Class, Flag) {
	if v.Ignore == 0 {
		return b.Class, b.Flags
	}
	var c Class
	for i := range b.Pairs {
		pc, _ := v.PairVisible(&b.Pairs[i])
		c = max(c, pc)
	}
	return c, b.Flags
}

// PairFlags returns the flags shown with pair pi of block bi (see
// Block.PairFlags: a block added or removed whole shows its flags once).
func (v View) PairFlags(bi, pi int) Flag { return v.Result.Blocks[bi].PairFlags(pi) }

// BlockHidden reports whether block i reads as Equal under the view: it is
// a Changed one-to-one block, not moved, every sentence of its old
// paragraph is paired inside it, and every pair is Equal or hidden.
func (v View) BlockHidden(i int) bool {
	r := v.Result
	b := &r.Blocks[i]
	if v.Ignore == 0 || b.Kind != Changed || b.Moved || len(b.Old) != 1 || len(b.New) != 1 {
		return false
	}
	paired := 0
	for j := range b.Pairs {
		p := &b.Pairs[j]
		switch {
		case p.Kind == Equal && !p.Moved:
		case v.PairHidden(p):
		default:
			return false
		}
		paired += 1 + p.OldMore // a pair may cover several old sentences
	}
	// A sentence of the old paragraph that moved to another block is a
	// change of this one too.
	return paired == len(r.Old.Paragraphs[b.Old[0]].Sentences)
}

// BlockChanged reports whether block i shows a change under the view: it
// differs in any way (Block.IsChange) and BlockHidden does not report it.
func (v View) BlockChanged(i int) bool {
	return v.Result.Blocks[i].IsChange() && !v.BlockHidden(i)
}

// Stats returns the statistics of the result as the view shows them, and
// the number of changes (word runs) the view hid. With nothing ignored it
// is Result.Stats and 0. A hidden run counts neither as a change nor in
// the word counts, a Changed sentence whose runs are all hidden counts as
// equal, and a block that BlockHidden reports counts as Equal.
// Boilerplate blocks are counted only in Stats.Boilerplate and
// Stats.BoilerplateChanged, and their runs are never counted as hidden.
func (v View) Stats() (Stats, int) {
	r := v.Result
	st := Stats{OldParagraphs: len(r.Old.Paragraphs), NewParagraphs: len(r.New.Paragraphs)}
	hidden := 0
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		if b.Boilerplate != "" {
			st.Boilerplate++
			if b.IsChange() {
				st.BoilerplateChanged++
			}
			st.OldBoilerplate += len(b.Old)
			st.NewBoilerplate += len(b.New)
			continue
		}
		kind := b.Kind
		if v.BlockHidden(bi) {
			kind = Equal
		}
		st.countParagraphs(kind, b)
		switch kind {
		case Equal:
			st.Equal++
		case Changed:
			st.Changed++
		case Added:
			st.Added++
		case Removed:
			st.Removed++
		}
		if b.Moved {
			st.Moved++
		}
		if b.IsSplit() {
			st.Split++
		}
		if b.IsMerge() {
			st.Merged++
		}
		whole := b.IsWhole()
		if whole {
			st.countFlags(b.wholeFlags()) // flagged once, as a block
		}
		for j := range b.Pairs {
			hidden += st.addPair(&b.Pairs[j], v, whole)
		}
	}
	return st, hidden
}

// countParagraphs counts the old and new paragraphs of a story block read
// as kind.
func (st *Stats) countParagraphs(kind Kind, b *Block) {
	switch kind {
	case Equal:
		st.OldEqual += len(b.Old)
		st.NewEqual += len(b.New)
	case Added:
		st.NewAdded += len(b.New)
		st.OldChanged += len(b.Old) // none: an added block has no old side
	case Removed:
		st.OldRemoved += len(b.Old)
		st.NewChanged += len(b.New) // none: a removed block has no new side
	default:
		st.OldChanged += len(b.Old)
		st.NewChanged += len(b.New)
	}
}

// addPair counts one pair of a story block under v and returns how many of
// its runs v hid. The flags of a pair of a block added or removed whole
// (whole) are counted with the block.
func (st *Stats) addPair(p *Pair, v View, whole bool) int {
	flags := p.Flags
	if whole {
		flags = 0
	}
	if p.Moved {
		st.SentencesMoved++
	}
	hidden := 0
	switch p.Kind {
	case Equal:
		st.SentencesEqual++
	case Changed:
		if len(p.Runs) == 0 { // not classified (a Result built by Assemble alone)
			st.SentencesChanged++
			st.countWords(p.Words)
			return 0
		}
		visible := false
		for _, run := range p.Runs {
			if v.RunHidden(run) {
				hidden++
				continue
			}
			visible = true
			st.countChange(run.Class, run.Flags)
			st.countWords(p.Words[run.Start:run.End])
		}
		if visible || p.Moved {
			st.SentencesChanged++
		} else {
			st.SentencesEqual++
		}
	case Added:
		st.SentencesAdded++
		st.WordsAdded += segment.CountWords(p.New)
		st.countChange(ClassWording, flags)
	case Removed:
		st.SentencesRemoved++
		st.WordsRemoved += segment.CountWords(p.Old)
		st.countChange(ClassWording, flags)
	}
	return hidden
}

func (st *Stats) countWords(ws []Word) {
	for _, w := range ws {
		switch w.Op {
		case OpInsert:
			st.WordsAdded += segment.CountWords(w.Text)
		case OpDelete:
			st.WordsRemoved += segment.CountWords(w.Text)
		}
	}
}

func (st *Stats) countChange(c Class, f Flag) {
	switch c {
	case ClassTypography:
		st.Typography++
	case ClassStyle:
		st.Style++
	case ClassWording:
		st.Wording++
	}
	st.countFlags(f)
}

// countFlags counts one change carrying the flags f.
func (st *Stats) countFlags(f Flag) {
	for _, n := range [...]struct {
		f Flag
		c *int
	}{{FlagNegation, &st.Negations}, {FlagReversal, &st.Reversals}, {FlagNumber, &st.Numbers}, {FlagQuote, &st.Quotes},
		{FlagName, &st.Names}, {FlagAttribution, &st.Attributions}} {
		if f&n.f != 0 {
			(*n.c)++
		}
	}
}
