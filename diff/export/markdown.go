package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/storydiff/storydiff/diff"
)

var markdownSkin = &skin{
	key:   [nStyles]int{stDel: 1, stRemoved: 1, stGhost: 1, stIns: 2, stAdded: 2, stNote: 3, stDelLight: 1, stInsLight: 2},
	open:  []string{"", "~~", "**", "*"},
	close: []string{"", "~~", "**", "*"},
	cost:  []int{0, 4, 4, 2},
	esc:   mdEscape,
	alt:   [][2]string{{}, {"<del>", "</del>"}, {"<ins>", "</ins>"}, {"<em>", "</em>"}},
}

// mdEscape escapes the Markdown metacharacters of story text with
// backslashes, so that it renders as written: emphasis, code, links, HTML,
// tables and entities anywhere, and the characters that would start a
// heading, list, block quote or rule at the start of a paragraph.
func mdEscape(s string, first bool) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '~', '[', ']', '<', '>', '|', '#', '{', '}', '$':
			sb.WriteByte('\\')
		case '&':
			if i+1 < len(s) && (isAlnum(s[i+1]) || s[i+1] == '#') {
				sb.WriteByte('\\')
			}
		case '-', '+', '=', ':':
			if first && i == 0 {
				sb.WriteByte('\\')
			}
		case '.', ')':
			if first && i > 0 && allDigits(s[:i]) {
				sb.WriteByte('\\')
			}
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// mdText escapes a whole line of text written outside story paragraphs.
func mdText(s string) string { return mdEscape(s, false) }

// writeMarkdown writes r as Markdown: a title and the counts, a "What
// matters" list (see the package doc), then under "Changes" a "###"
// heading for every changed block with its paragraph numbers and what
// happened, then its paragraphs with ~~removed~~ and **added** text.
// Sentences that moved between paragraphs carry an italic
// *(moved from ¶N)* where they went and are struck, *(moved to ¶M)*, where
// they stood; moved blocks leave a "↕ old ¶N moved to new ¶M" quote where
// they stood. Every Markdown metacharacter of the story text and the names
// is escaped. Unchanged runs outside Options.Context are summarised.
func writeMarkdown(w io.Writer, v diff.View, opt Options) (err error) {
	r := v.Result
	if err := check(r); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("# storydiff: " + mdText(cleanName(r.Old.Name)) + " → " + mdText(cleanName(r.New.Name)) + "\n\n")
	bw.WriteString("- **Old:** " + mdText(docLine(r.Old)) + "\n")
	bw.WriteString("- **New:** " + mdText(docLine(r.New)) + "\n")
	for _, l := range statLines(v) {
		bw.WriteString("- **" + strings.ToUpper(l[0][:1]) + l[0][1:] + ":** " + l[1] + "\n")
	}
	pw := &paraWriter{w: bw, sk: markdownSkin}
	writeMattersMarkdown(bw, pw, whatMatters(v, opt.Matters))
	writeReviewMarkdown(bw, opt.Review)
	steps := plan(v, opt.Context)
	bw.WriteString("\n## Changes\n")
	if note := sameNote(v); note != "" {
		bw.WriteString("\n" + note + "\n")
	}
	for _, s := range steps {
		bw.WriteByte('\n')
		switch s.kind {
		case stepHidden:
			bw.WriteString("*" + hiddenNote(s.paragraphs) + "*\n")
		case stepOrigin:
			bw.WriteString("> " + originNote(r, s) + "\n")
		case stepBlock:
			bw.WriteString("### <a id=\"" + blockAnchor(s.block) + "\"></a>" + mdText(blockHead(v, s.block)+headMark(opt.Review, s.block)) + "\n\n")
			for i, ts := range paragraphs(v, s.block) {
				if i > 0 {
					bw.WriteByte('\n')
				}
				pw.write(ts)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export markdown: %w", err)
	}
	return nil
}
