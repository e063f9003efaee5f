package input

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Plain-text layout detection (parseText).
//
// A file is split into blocks at blank lines (lines holding only white
// space).
//
// When the file has no blank line between text lines, each line is one
// paragraph, unless the file is indented wire copy: at least two lines
// start with a tab or two or more spaces and at least one line after the
// first indented line does not; then a paragraph starts at each indented
// line and runs until the next one (lines before the first indented line,
// such as a slug or headline, stay one paragraph each).
//
// When the file has blank lines, each block is one paragraph whose lines
// are joined with a space (hard-wrapped text), except that:
//   - a block in which a line other than the last is longer than longLine
//     runes is not hard-wrapped: each of its lines is a paragraph;
//   - a line starting with a list marker ("- ", "* ", "• ", "1. ", "1) ")
//     starts a new paragraph;
//   - in a block mixing indented and non-indented lines, an indented line
//     starts a new paragraph (indented wire paragraphs without blank lines);
//   - a line shorter than half the file's wrap width (the longest line that
//     is followed by another line of its block) ends its paragraph: it is a
//     headline, byline or the last line of a paragraph, not a wrapped one.
//
// Finally, a first paragraph starting with "date YYYY-MM-DD" (or
// "date: YYYY-MM-DD") is split: the date becomes its own paragraph labelled
// "date", the rest stays the first story paragraph.
const longLine = 150

type textLine struct {
	text     string // trimmed; a substring of the file
	runes    int    // rune count of text, counted only where a rule needs it (-1 if not)
	indented bool
	list     bool
}

// lines calls f with each line of src (without its "\n") and the line
// trimmed of white space. It replaces strings.Split, whose []string of every
// line (2 MB on a 10 MB file) was only walked once.
func lines(src string, f func(raw, trimmed string)) {
	for src != "" {
		raw := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			raw, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		f(raw, strings.TrimSpace(raw))
	}
}

// isListItem reports whether a trimmed line starts with a list marker.
func isListItem(t string) bool {
	for _, m := range []string{"- ", "* ", "+ ", "• ", "– "} {
		if strings.HasPrefix(t, m) {
			return true
		}
	}
	i := 0
	for i < len(t) && i < 4 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i < 4 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && (t[i+1] == ' ' || t[i+1] == '\t')
}

var dateRE = regexp.MustCompile(`^(?i:date):?\s+(\d{4}-\d{2}-\d{2})(?:\s+|$)`)

// parseText reads plain text in two passes over its lines, neither of
// which copies a line: the first counts the blocks and finds the wrap
// width, the second gathers each block's lines in one reused slice and
// emits its paragraphs. A paragraph of one line is a substring of src; one
// of several lines is joined into one string of the exact size. (Splitting
// every line into a []string and a []textLine of the whole file, then
// joining each paragraph, allocated about 30 MB on a 10 MB file.)
func parseText(b *builder, src string) {
	// Pass 1: blocks, lines, and the wrap width: the longest line of at
	// most longLine runes followed by another line of its block.
	blocks, nonBlank, width := 0, 0, 0
	prev := "" // the previous line, trimmed ("" if blank)
	lines(src, func(_, t string) {
		if t != "" {
			nonBlank++
			if prev == "" {
				blocks++
			} else if n := utf8.RuneCountInString(prev); n <= longLine && n > width {
				width = n
			}
		}
		prev = t
	})
	b.grow(max(blocks, 1))
	if blocks == 1 {
		b.grow(nonBlank)
	}
	first := true
	emit := func(p string) {
		if first {
			first = false
			if m := dateRE.FindStringSubmatchIndex(p); m != nil {
				b.add(p[m[2]:m[3]], "date")
				p = p[m[1]:]
			}
		}
		b.add(p, "")
	}
	// Pass 2: the paragraphs of each block.
	var block []textLine
	flush := func() {
		if len(block) == 0 {
			return
		}
		if blocks == 1 {
			splitUnbroken(block, emit)
		} else {
			splitBlock(block, width, emit)
		}
		block = block[:0]
	}
	lines(src, func(raw, t string) {
		if t == "" {
			flush()
			return
		}
		if n := len(block); n > 0 {
			// Only a line followed by another of its block is measured.
			block[n-1].runes = utf8.RuneCountInString(block[n-1].text)
		}
		block = append(block, textLine{
			text:     t,
			runes:    -1,
			indented: strings.HasPrefix(raw, "\t") || strings.HasPrefix(raw, "  "),
			list:     isListItem(t),
		})
	})
	flush()
}

// splitUnbroken splits a file without blank lines: one paragraph per line,
// or indented wire paragraphs.
func splitUnbroken(ls []textLine, emit func(string)) {
	first, indented := -1, 0
	for i, l := range ls {
		if l.indented {
			indented++
			if first < 0 {
				first = i
			}
		}
	}
	continued := false
	if first >= 0 {
		for _, l := range ls[first+1:] {
			if !l.indented {
				continued = true
				break
			}
		}
	}
	if indented < 2 || !continued {
		for _, l := range ls {
			emit(l.text)
		}
		return
	}
	for _, l := range ls[:first] {
		emit(l.text)
	}
	joinRuns(ls[first:], func(i int, l textLine) bool { return l.indented }, emit)
}

// splitBlock splits one blank-line separated block. The runes of every
// line but the last are counted.
func splitBlock(ls []textLine, width int, emit func(string)) {
	for _, l := range ls[:len(ls)-1] {
		if l.runes > longLine {
			for _, l := range ls {
				emit(l.text)
			}
			return
		}
	}
	mixed := false
	for i, l := range ls {
		if l.indented {
			for _, m := range ls[i+1:] {
				if !m.indented {
					mixed = true
				}
			}
			break
		}
	}
	joinRuns(ls, func(i int, l textLine) bool {
		if l.list || mixed && l.indented {
			return true
		}
		return i > 0 && width >= 40 && ls[i-1].runes < width/2
	}, emit)
}

// joinRuns emits the lines of ls joined with spaces, starting a new
// paragraph at each line for which starts reports true. A paragraph of one
// line is that line itself, not a copy.
func joinRuns(ls []textLine, starts func(i int, l textLine) bool, emit func(string)) {
	from := 0
	for i := 1; i <= len(ls); i++ {
		if i < len(ls) && !starts(i, ls[i]) {
			continue
		}
		emit(joinLines(ls[from:i]))
		from = i
	}
}

// joinLines joins the texts of ls (at least one) with single spaces.
func joinLines(ls []textLine) string {
	if len(ls) == 1 {
		return ls[0].text
	}
	n := len(ls) - 1
	for _, l := range ls {
		n += len(l.text)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, l := range ls {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(l.text)
	}
	return sb.String()
}
