package diff

import (
	"strconv"
	"strings"
)

// Kind says what happened to a block of paragraphs or to a sentence.
type Kind uint8

// The kinds of change. A block or sentence that was moved keeps its kind
// (usually Equal or Changed) and has Moved set.
const (
	Equal   Kind = iota // present in both versions, same text
	Changed             // present in both versions, text differs
	Added               // only in the new version
	Removed             // only in the old version
)

var kindNames = [...]string{"equal", "changed", "added", "removed"}

// String returns the lower-case name used in exports: equal, changed, added
// or removed.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Op is one word-level edit operation.
type Op uint8

// The word operations. Concatenating the Text of OpEqual and OpDelete words
// rebuilds the old sentence; OpEqual and OpInsert rebuild the new one.
const (
	OpEqual  Op = iota // in both
	OpInsert           // only in the new sentence
	OpDelete           // only in the old sentence
)

var opNames = [...]string{"equal", "insert", "delete"}

// String returns equal, insert or delete.
func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (o Op) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// Word is one run of tokens (words, punctuation and the spaces between them)
// with the same operation.
type Word struct {
	Op   Op
	Text string
}

// Class says how much a change matters to an editor.
type Class uint8

// The classes of a change, from least to most significant.
const (
	ClassNone       Class = iota // no change
	ClassTypography              // quotes, apostrophes, dashes, spaces, ellipses only
	ClassStyle                   // case, punctuation, abbreviation forms, spelling variants of a name
	ClassWording                 // anything else
)

var classNames = [...]string{"none", "typography", "style", "wording"}

// String returns none, typography, style or wording.
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (c Class) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Flag marks a change an editor must check. Flags combine as a bit set.
type Flag uint16

// The flags.
const (
	FlagNegation    Flag = 1 << iota // not, no, never, without, n't … added or removed
	FlagReversal                     // a word swapped for its opposite: increased/decreased, upheld/overturned
	FlagNumber                       // digits, number words, money, dates, times changed
	FlagQuote                        // text inside quotation marks changed
	FlagName                         // a capitalised name added, removed or changed
	FlagAttribution                  // the speaker or the verb of saying changed
)

// flagNames are the export names and the badges of the flags, in the order
// of their bits, which is also their order of importance.
var flagNames = []struct {
	f           Flag
	name, badge string
}{
	{FlagNegation, "negation", "NEG"},
	{FlagReversal, "reversal", "REV"},
	{FlagNumber, "number", "NUM"},
	{FlagQuote, "quote", "QUOTE"},
	{FlagName, "name", "NAME"},
	{FlagAttribution, "attribution", "ATTR"},
}

// Has reports whether all flags in g are set in f.
func (f Flag) Has(g Flag) bool { return f&g == g && g != 0 }

// Names returns the names of the set flags in a fixed order.
func (f Flag) Names() []string {
	var out []string
	for _, n := range flagNames {
		if f&n.f != 0 {
			out = append(out, n.name)
		}
	}
	return out
}

// Badges returns the short upper-case badges of the set flags (NEG, REV,
// NUM, QUOTE, NAME, ATTR), in the order of Names, which is also their order of
// importance.
func (f Flag) Badges() []string {
	var out []string
	for _, n := range flagNames {
		if f&n.f != 0 {
			out = append(out, n.badge)
		}
	}
	return out
}

// SentRef locates a sentence: paragraph index and sentence index within that
// paragraph, both zero-based. Para is -1 when there is no such sentence.
type SentRef struct {
	Para, Sent int
}

// None is the SentRef of a side that does not exist (the old side of an
// added sentence, the new side of a removed one).
var None = SentRef{-1, -1}

// IsNone reports whether r refers to no sentence.
func (r SentRef) IsNone() bool { return r.Para < 0 }

// Run is a maximal stretch of non-equal words inside a sentence pair,
// Pair.Words[Start:End], with its editorial class and flags.
type Run struct {
	Start, End int
	Class      Class
	Flags      Flag
}

// Pair is one sentence of the old version matched with one of the new.
// A pair with only an old side is Removed, only a new side Added.
type Pair struct {
	Kind           Kind
	OldRef, NewRef SentRef
	Old, New       string // the sentence texts as displayed (trimmed)
	// OldMore and NewMore count the further sentences of the same paragraph
	// that the pair covers after OldRef and NewRef: two old sentences that
	// an editor joined into one new one are one pair with OldMore 1, so its
	// word diff shows just the join ("…agreed on[-,-] {+—+} most of
	// them[-.-] I would say…"). Old and New then hold the whole stretch, white space between
	// the sentences included, and OldPair/NewPair return the pair for each
	// sentence it covers. Usually both are 0.
	OldMore, NewMore int
	// PartOf is, for an Added sentence, the old sentence that holds most of
	// its words (a clause split off into a sentence or paragraph of its
	// own), and for a Removed sentence the new sentence that holds most of
	// its words (a sentence folded into another); nil otherwise. It is a
	// hint for views ("from ¶3"), not a link: the sentence stays added or
	// removed.
	PartOf *SentRef
	// From is, for an Added sentence split off a sentence of the same
	// block (its PartOf), the word diff of the words it came from into it:
	// OpEqual words were carried over (moved text), OpInsert words are new,
	// OpDelete words are the rest of what the source lost. OpEqual and
	// OpInsert rebuild New; OpEqual and OpDelete rebuild the words the
	// source sentence lost (its deleted words when it is Changed, joined
	// by spaces, or its whole text when it is Removed). For a Removed
	// sentence folded into a sentence of the same block it is the word diff
	// of Old into the words that sentence gained: OpEqual and OpDelete
	// rebuild Old. Nil otherwise. Views show the OpEqual words as moved.
	From []Word
	// Moved reports that the sentence came from an old paragraph that is
	// not in this pair's block (it moved between paragraphs).
	Moved bool
	// Words is the word-level diff of Old and New; nil for Equal pairs
	// whose texts are identical and for Added and Removed pairs.
	Words []Word
	// Runs are the maximal stretches of non-equal Words of a Changed pair,
	// in order, each classified and flagged (see classify.go).
	Runs []Run
	// Class is the most significant class of the runs (ClassWording for
	// Added and Removed pairs, ClassNone for Equal ones); Flags combines
	// the runs' flags (FlagQuote alone for an Added or Removed sentence
	// with quoted words).
	Class Class
	Flags Flag
}

// Block is one row of the alignment: a group of old paragraphs and the new
// paragraphs they became. One old and one new paragraph is the common case;
// one old and several new is a split; several old and one new is a merge.
type Block struct {
	Kind Kind
	Old  []int // old paragraph indices, ascending
	New  []int // new paragraph indices, ascending
	// Moved reports that the block's old paragraphs stood elsewhere in the
	// old version: the block is out of the old order.
	Moved bool
	// Origin is, for a moved block, the index in Result.Blocks before which
	// its old paragraphs stood in the old version (len(Blocks) for the end);
	// -1 for blocks that are not moved.
	Origin int
	// Pairs are the sentence pairs of the block in reading order: new order,
	// with removed sentences where they stood. Sentences of the block's old
	// paragraphs that moved to another block are not here (see Result.OldPair).
	Pairs []Pair
	// Boilerplate is the label of a block whose paragraphs are not story text
	// (headline, section, byline, dateline, date, contributors, copyright,
	// separator, trailer: the Boiler* constants), or "". Such blocks are
	// not story changes: Stats counts them apart and their pairs carry no
	// flags.
	Boilerplate string
	// Class is the most significant class of the block's pairs; Flags
	// combines their flags.
	Class Class
	Flags Flag
}

// IsSplit reports whether one old paragraph became several new ones.
func (b *Block) IsSplit() bool { return len(b.Old) == 1 && len(b.New) > 1 }

// IsMerge reports whether several old paragraphs became one new one.
func (b *Block) IsMerge() bool { return len(b.Old) > 1 && len(b.New) == 1 }

// IsChange reports whether the block differs between the versions in any
// way: its text changed, it was added, removed or moved.
func (b *Block) IsChange() bool { return b.Kind != Equal || b.Moved }

// Stats counts what changed. After Compare, every count but the paragraph
// counts and the two Boilerplate counts covers story blocks only: blocks
// with a Boilerplate label are left out of them (see View.Stats,
// which also recounts with classes ignored).
type Stats struct {
	OldParagraphs, NewParagraphs int // all paragraphs, boilerplate included
	// Each version's paragraphs by the kind of the block holding them (as
	// the view reads it), boilerplate apart: OldParagraphs = OldEqual +
	// OldChanged + OldRemoved + OldBoilerplate, and NewParagraphs = NewEqual
	// + NewChanged + NewAdded + NewBoilerplate. A moved paragraph counts
	// in its kind.
	OldEqual, OldChanged, OldRemoved, OldBoilerplate int
	NewEqual, NewChanged, NewAdded, NewBoilerplate   int
	// Block counts by kind (a moved block counts in its kind and in Moved).
	Equal, Changed, Added, Removed int
	Moved, Split, Merged           int
	// Sentence counts.
	SentencesEqual, SentencesChanged, SentencesAdded, SentencesRemoved, SentencesMoved int
	// Word counts (words only, not spaces or punctuation).
	WordsAdded, WordsRemoved int
	// Changes by class: each Run of a Changed sentence is one change, each
	// Added or Removed sentence one wording change.
	Typography, Style, Wording int
	// Changes carrying each flag (a change may carry several).
	Negations, Reversals, Numbers, Quotes, Names, Attributions int
	// Boilerplate blocks (Block.Boilerplate != ""), and how many of them
	// are changes (Block.IsChange).
	Boilerplate, BoilerplateChanged int
}

// Finding is a story-level observation: a new lede, copy trimmed from the
// bottom, paragraphs re-ordered.
type Finding struct {
	Kind   string // "lede", "trimmed", "reordered", …
	Text   string // human-readable summary
	Blocks []int  // the blocks concerned
}

// Ghost marks where an old paragraph stood that was merged into a block
// far from it (old ¶11 folded into new ¶7): views show a note there, as
// they do where a moved block stood (Block.Origin).
type Ghost struct {
	Old   int // the old paragraph
	Block int // the index in Result.Blocks of the merge block holding it
	// At is the index in Result.Blocks before which the paragraph stood in
	// the old version (len(Blocks) for the end).
	At int
}

// Result is the immutable outcome of Compare.
type Result struct {
	Old, New *Document
	Blocks   []Block
	Stats    Stats
	Findings []Finding
	// Matters is What matters: the flagged changes and the findings, in
	// the one order every view and export lists them (see Matter).
	Matters []Matter
	// Ghosts are the merged paragraphs that stood away from their merge
	// block, in the order of At.
	Ghosts []Ghost

	oldBlock, newBlock []int       // paragraph → block
	oldPair, newPair   [][]pairLoc // paragraph, sentence → pair
}

type pairLoc struct{ block, pair int32 }

// Equal reports whether the two versions have no differences at all.
func (r *Result) Equal() bool {
	for i := range r.Blocks {
		if r.Blocks[i].IsChange() {
			return false
		}
	}
	return true
}

// Indexed reports whether r carries the lookups Assemble builds (BlockOfOld,
// OldPair, …) for every paragraph and sentence of both versions: true for
// every Result from Compare or Assemble, false for one put together by
// hand, which the exports refuse.
func (r *Result) Indexed() bool {
	return r.Old != nil && r.New != nil &&
		len(r.oldBlock) == len(r.Old.Paragraphs) && len(r.newBlock) == len(r.New.Paragraphs) &&
		len(r.oldPair) == len(r.Old.Paragraphs) && len(r.newPair) == len(r.New.Paragraphs)
}

// BlockOfOld returns the index of the block holding old paragraph p.
func (r *Result) BlockOfOld(p int) int { return r.oldBlock[p] }

// BlockOfNew returns the index of the block holding new paragraph p.
func (r *Result) BlockOfNew(p int) int { return r.newBlock[p] }

// OldPair returns the pair holding old sentence ref. Each old sentence is in
// exactly one pair; a sentence that moved to a paragraph of another block
// lives in that block's pairs.
func (r *Result) OldPair(ref SentRef) (block int, p *Pair) {
	l := r.oldPair[ref.Para][ref.Sent]
	return int(l.block), &r.Blocks[l.block].Pairs[l.pair]
}

// NewPair returns the pair holding new sentence ref.
func (r *Result) NewPair(ref SentRef) (block int, p *Pair) {
	l := r.newPair[ref.Para][ref.Sent]
	return int(l.block), &r.Blocks[l.block].Pairs[l.pair]
}

// ParaRefs formats 0-based paragraph indices as people read them, 1-based:
// "¶3", "¶5–6" for a consecutive run, "¶4+¶9" for separate ones, "—" for
// none. Every export and the review's checklist name paragraphs this way.
func ParaRefs(idx []int) string {
	if len(idx) == 0 {
		return "—"
	}
	var sb strings.Builder
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		if i > 0 {
			sb.WriteByte('+')
		}
		sb.WriteString("¶")
		sb.WriteString(strconv.Itoa(idx[i] + 1))
		if j > i {
			sb.WriteString("–")
			sb.WriteString(strconv.Itoa(idx[j] + 1))
		}
		i = j + 1
	}
	return sb.String()
}
