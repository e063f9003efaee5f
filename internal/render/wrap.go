package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"
)

// Wrap breaks styled text into lines at most width cells wide. It breaks at
// white space, dropping the white space at each break (and only there), and
// breaks words longer than a line between grapheme clusters. Every other
// character of the input is kept, in order. A grapheme wider than width
// (a wide character in a one-cell pane) gets a line of its own. Wrap never
// returns an empty slice: empty input gives one empty line.
func Wrap(spans []Span, width int) []Line {
	if width < 1 {
		width = 1
	}
	w := wrapper{width: width}
	var word []Span // pieces of the current word
	var gap []Span  // white space before the current word
	inWord := false
	for _, s := range spans {
		text := s.Text
		for text != "" {
			// Split text into a run of space or non-space.
			n, isSpace := run(text)
			piece := Span{Text: safe(text[:n], isSpace), Style: s.Style}
			text = text[n:]
			if isSpace {
				if inWord {
					w.word(gap, word)
					gap, word = gap[:0], word[:0]
					inWord = false
				}
				gap = append(gap, piece)
				continue
			}
			inWord = true
			word = append(word, piece)
		}
	}
	if inWord {
		w.word(gap, word)
	} else if len(gap) > 0 {
		w.trailing(gap)
	}
	w.lines = append(w.lines, w.cur)
	return w.lines
}

// run returns the length in bytes of the leading run of white space or of
// non-space characters of s, and whether it is white space.
func run(s string) (int, bool) {
	first := true
	space := false
	for i, r := range s {
		sp := r == ' ' || unicode.IsSpace(r)
		if first {
			space, first = sp, false
			continue
		}
		if sp != space {
			return i, space
		}
	}
	return len(s), space
}

// safe returns s with control characters replaced, so that no text from a
// document can drive a terminal: white space becomes a space, anything else
// U+FFFD, as do invalid UTF-8 bytes. Package input already guarantees clean text; this is the last
// line of defence, and costs one scan in the common case.
func safe(s string, space bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || (c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f) {
			clean = false
			break
		}
	}
	if clean && utf8.ValidString(s) {
		return s // common case
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case space && unicode.IsControl(r):
			b.WriteByte(' ')
		case unicode.IsControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

type wrapper struct {
	width int
	lines []Line
	cur   Line
	curW  int
}

func spansWidth(ss []Span) int {
	n := 0
	for _, s := range ss {
		n += Width(s.Text)
	}
	return n
}

// word places one word and the white space before it.
func (w *wrapper) word(gap, word []Span) {
	gw, ww := spansWidth(gap), spansWidth(word)
	if w.curW+gw+ww <= w.width {
		w.put(gap, gw)
		w.put(word, ww)
		return
	}
	if w.curW > 0 {
		w.newline() // the gap is consumed by the break
	} else if gw+ww <= w.width {
		w.put(gap, gw)
		w.put(word, ww)
		return
	}
	if ww <= w.width {
		w.put(word, ww)
		return
	}
	w.hardBreak(word)
}

// trailing places white space that ends the text, dropping it if it does
// not fit (it would sit at a break).
func (w *wrapper) trailing(gap []Span) {
	if gw := spansWidth(gap); w.curW+gw <= w.width {
		w.put(gap, gw)
	}
}

func (w *wrapper) put(ss []Span, width int) {
	for _, s := range ss {
		w.cur = w.cur.add(s)
	}
	w.curW += width
}

func (w *wrapper) newline() {
	w.lines = append(w.lines, w.cur)
	w.cur, w.curW = nil, 0
}

// hardBreak places a word wider than a line, breaking it between grapheme
// clusters.
func (w *wrapper) hardBreak(word []Span) {
	for _, s := range word {
		text := s.Text
		start := 0 // start of the part of text not yet placed
		pos := 0
		g := displaywidth.StringGraphemes(text)
		for g.Next() {
			cl := g.Value()
			cw := g.Width()
			if w.curW+cw > w.width && w.curW > 0 {
				if pos > start {
					w.cur = w.cur.add(Span{Text: text[start:pos], Style: s.Style})
				}
				w.newline()
				start = pos
			}
			w.curW += cw
			pos += len(cl)
		}
		if pos > start {
			w.cur = w.cur.add(Span{Text: text[start:pos], Style: s.Style})
		}
	}
}
