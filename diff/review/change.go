package review

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff"
)

// Change is one reviewable change: what the viewer's n stops on. It is a
// block of the Result that reads as a change in the view (a changed,
// added, removed or moved block; diff.View.BlockChanged), the same test
// the viewer makes for a block row. A moved block's ghost row and, in the sentence view,
// each changed pair of the block belong to the block's Change.
type Change struct {
	// Block is the index of the block in Result.Blocks.
	Block int
	// Anchor identifies the change by its content: a hash of the
	// sentences involved on both sides (see anchorOf). It does not depend
	// on paragraph numbers, file names or the ignore mask.
	Anchor string
	// Old and New are the block's paragraph indices (0-based).
	Old, New []int
	// Kind and Moved are the block's; Class and Flags are those the view
	// shows.
	Kind  diff.Kind
	Moved bool
	Class diff.Class
	Flags diff.Flag
	// Boilerplate is the block's boilerplate label ("byline", …) or "".
	Boilerplate string
	// Excerpt is a short, one-line summary of the first visible edit:
	// "with → without", "+ “Police said…”", "− “…”", "spacing"; "" for a
	// block without one (a move, a split or a merge that kept the words).
	Excerpt string
	// sents are short hashes of the sentences involved, for matching a
	// mark whose exact anchor is gone to the change that took its place.
	sents []uint64
}

// Refs returns the change's paragraph numbers as people read them,
// 1-based: "¶3 → ¶4", "— → ¶5" for an added paragraph, "¶2+¶7 → ¶3".
func (c *Change) Refs() string { return diff.ParaRefs(c.Old) + " → " + diff.ParaRefs(c.New) }

// What returns the kind of the change in a word or two: "changed",
// "added", "removed", "moved", "changed, moved", "changed, split", with
// the boilerplate label after it: "added (byline)".
func (c *Change) What() string {
	w := c.Kind.String()
	switch {
	case c.Moved && c.Kind == diff.Equal:
		w = "moved"
	case c.Moved:
		w += ", moved"
	}
	switch {
	case len(c.Old) == 1 && len(c.New) > 1:
		w += ", split"
	case len(c.Old) > 1 && len(c.New) == 1:
		w += ", merged"
	}
	if c.Boilerplate != "" {
		w += " (" + c.Boilerplate + ")"
	}
	return w
}

// Changes lists the reviewable changes of the view v (v.BlockChanged), in
// reading order. It is the one enumeration the viewer's review keys, the
// checklist and the exports share. A view of no result has none.
func Changes(v diff.View) []Change {
	r := v.Result
	if r == nil {
		return nil
	}
	var out []Change
	seen := map[string]int{}
	h, buf := sha256.New(), make([]byte, 0, 256)
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		if !v.BlockChanged(bi) {
			continue
		}
		var anchor string
		var sents []uint64
		anchor, sents, buf = anchorOf(b, h, buf)
		// The same sentences changed the same way in two places (a
		// repeated line) still make two changes: number the repeats.
		if n := seen[anchor]; n > 0 {
			seen[anchor] = n + 1
			anchor += "-" + strconv.Itoa(n+1)
		} else {
			seen[anchor] = 1
		}
		cl, fl := v.BlockVisible(b)
		out = append(out, Change{
			Block: bi, Anchor: anchor, Old: b.Old, New: b.New,
			Kind: b.Kind, Moved: b.Moved, Class: cl, Flags: fl, Boilerplate: b.Boilerplate,
			Excerpt: excerpt(v, b), sents: sents,
		})
	}
	return out
}

// anchorOf returns the anchor of block b and the short hashes of the
// sentences it is made of. The sentences involved are those of the pairs
// that are not Equal or that moved, old side and new side; a block with
// none (a pure move, a split or merge that kept every sentence) uses all
// its pairs. Texts are normalised (white space runs become one space), so
// the anchor survives a re-flowed copy.
func anchorOf(b *diff.Block, h hash.Hash, buf []byte) (string, []uint64, []byte) {
	h.Reset()
	var sents []uint64
	add := func(side byte, text string) {
		buf = append(append(buf[:0], side), normalise(text)...)
		sum := sha256.Sum256(buf)
		sents = append(sents, binary.BigEndian.Uint64(sum[:8]))
		buf = append(buf, 0)
		h.Write(buf)
	}
	for _, all := range []bool{false, true} {
		for i := range b.Pairs {
			p := &b.Pairs[i]
			if !all && p.Kind == diff.Equal && !p.Moved {
				continue
			}
			if !p.OldRef.IsNone() {
				add('-', p.Old)
			}
			if !p.NewRef.IsNone() {
				add('+', p.New)
			}
		}
		if len(sents) > 0 {
			break
		}
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:16]), sents, buf
}

// normalise makes text comparable across copies: runs of white space
// become one space, and the ends are trimmed. Text from package input is
// already so, and is returned as it is, without copying.
//
// It tells text already so in one pass with a class per byte (normClass)
// and no branch but the one that stops at a byte to look at: a space after
// a space (or at the start), or one that may start other white space.
// Key on the 10 MB pair took 80 ms with a switch on every byte.
func normalise(s string) string {
	prev := uint8(normSpace) // a space at the start needs work
	for i := 0; i < len(s); i++ {
		c := normClass[s[i]]
		if c&prev|c&normLook != 0 {
			if c == normSpace {
				return strings.Join(strings.Fields(s), " ")
			}
			if b := s[i]; b < ' ' {
				if b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f' {
					return strings.Join(strings.Fields(s), " ")
				}
			} else if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
		}
		prev = c & normSpace
	}
	if prev == normSpace && s != "" { // a space at the end
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// The classes of normClass.
const (
	normSpace = 1 // the plain space
	normLook  = 2 // a byte that may start other white space
)

// normClass classes the bytes for normalise: the space, and the control
// characters and the lead bytes of the Unicode spaces (U+0085, U+00A0,
// U+1680, U+2000–U+205F, U+3000); every other byte is 0.
var normClass = func() (t [256]uint8) {
	t[' '] = normSpace
	for c := range ' ' {
		t[c] = normLook
	}
	for _, c := range []byte{0xC2, 0xE1, 0xE2, 0xE3} {
		t[c] = normLook
	}
	return t
}()

// sentHex and parseSentHex convert a sentence hash to and from the 16 hex
// digits stored in a mark.
func sentHex(x uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], x)
	return hex.EncodeToString(b[:])
}

func parseSentHex(s string) (uint64, bool) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(b), true
}

// maxExcerpt caps each side of an excerpt, in runes.
const maxExcerpt = 40

// excerpt summarises the first edit of block b that the view v shows.
func excerpt(v diff.View, b *diff.Block) string {
	for i := range b.Pairs {
		p := &b.Pairs[i]
		switch p.Kind {
		case diff.Added:
			return "+ “" + clip(p.New) + "”"
		case diff.Removed:
			return "− “" + clip(p.Old) + "”"
		case diff.Changed:
			for _, run := range p.Runs {
				if v.RunHidden(run) {
					continue
				}
				var del, ins strings.Builder
				for _, w := range p.Words[run.Start:min(run.End, len(p.Words))] {
					switch w.Op {
					case diff.OpDelete:
						del.WriteString(w.Text)
					case diff.OpInsert:
						ins.WriteString(w.Text)
					}
				}
				d, n := clip(del.String()), clip(ins.String())
				switch {
				case d == "" && n == "":
					return "spacing"
				case d == "":
					return "+ " + n
				case n == "":
					return "− " + d
				}
				return d + " → " + n
			}
		}
	}
	return ""
}

// clip normalises s and cuts it to maxExcerpt runes, with an ellipsis.
func clip(s string) string {
	s = normalise(s)
	if utf8.RuneCountInString(s) <= maxExcerpt {
		return s
	}
	n := 0
	for i := range s {
		if n == maxExcerpt-1 {
			return strings.TrimSpace(s[:i]) + "…"
		}
		n++
	}
	return s
}

// Key identifies a pair of versions by their content as the comparison
// sees it: a hash of the normalised paragraph texts of the old and the new
// Document, names left out. Renamed copies, a copy with CRLF line ends and
// a copy read from standard input give the same key, so they share one
// review; each pair of a version chain has its own.
func Key(r *diff.Result) string {
	if r == nil {
		return ""
	}
	return KeyOf(r.Old, r.New)
}

// KeyOf is Key of a comparison of old with new, "" if either is nil. It
// reads only the documents, so it can be computed while they are compared.
func KeyOf(old, new *diff.Document) string {
	if old == nil || new == nil {
		return ""
	}
	h := sha256.New()
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, "storydiff review v1\n"...)
	for _, d := range []*diff.Document{old, new} {
		for _, p := range d.Paragraphs {
			if len(buf) > 48<<10 {
				h.Write(buf)
				buf = buf[:0]
			}
			buf = append(append(buf, normalise(p.Text)...), '\n')
		}
		buf = append(buf, 0)
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil)[:16])
}
