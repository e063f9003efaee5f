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
	text     string // trimmed
	runes    int
	indented bool
	list     bool
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

func parseText(b *builder, src string) {
	raw := strings.Split(src, "\n")
	lines := make([]textLine, len(raw))
	for i, l := range raw {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		lines[i] = textLine{
			text:     t,
			runes:    utf8.RuneCountInString(t),
			indented: strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "  "),
			list:     isListItem(t),
		}
	}
	// Blocks of consecutive non-blank lines.
	var blocks [][]textLine
	for i := 0; i < len(lines); {
		if lines[i].text == "" {
			i++
			continue
		}
		j := i
		for j < len(lines) && lines[j].text != "" {
			j++
		}
		blocks = append(blocks, lines[i:j])
		i = j
	}
	var paras []string
	if len(blocks) == 1 {
		paras = splitUnbroken(blocks[0])
	} else {
		width := 0
		for _, bl := range blocks {
			for _, l := range bl[:len(bl)-1] {
				if l.runes <= longLine && l.runes > width {
					width = l.runes
				}
			}
		}
		for _, bl := range blocks {
			paras = append(paras, splitBlock(bl, width)...)
		}
	}
	for i, p := range paras {
		if i == 0 {
			if m := dateRE.FindStringSubmatchIndex(p); m != nil {
				b.add(p[m[2]:m[3]], "date")
				p = p[m[1]:]
			}
		}
		b.add(p, "")
	}
}

// splitUnbroken splits a file without blank lines: one paragraph per line,
// or indented wire paragraphs.
func splitUnbroken(ls []textLine) []string {
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
	var out []string
	if indented < 2 || !continued {
		for _, l := range ls {
			out = append(out, l.text)
		}
		return out
	}
	for _, l := range ls[:first] {
		out = append(out, l.text)
	}
	return append(out, joinRuns(ls[first:], func(i int, l textLine) bool { return l.indented })...)
}

// splitBlock splits one blank-line separated block.
func splitBlock(ls []textLine, width int) []string {
	var out []string
	for _, l := range ls[:len(ls)-1] {
		if l.runes > longLine {
			for _, l := range ls {
				out = append(out, l.text)
			}
			return out
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
	return joinRuns(ls, func(i int, l textLine) bool {
		if l.list || mixed && l.indented {
			return true
		}
		return i > 0 && width >= 40 && ls[i-1].runes < width/2
	})
}

// joinRuns joins lines with spaces, starting a new paragraph at each line
// for which starts reports true.
func joinRuns(ls []textLine, starts func(i int, l textLine) bool) []string {
	var out []string
	var cur []string
	for i, l := range ls {
		if i > 0 && starts(i, l) && len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
		cur = append(cur, l.text)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}
