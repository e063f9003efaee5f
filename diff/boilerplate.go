package diff

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff/internal/segment"
)

// The labels of boilerplate blocks (Block.Boilerplate). A paragraph labelled
// by its input format with another label (other than "caption", which is
// story text) keeps that label; "title" counts as a headline and "version"
// as a date.
const (
	BoilerHeadline     = "headline"     // a short first paragraph without a final full stop, or labelled so
	BoilerSection      = "section"      // "Published in World News"
	BoilerByline       = "byline"       // "By Jane Doe, Associated Wire"
	BoilerDateline     = "dateline"     // "ANCHORAGE, Alaska (AP) —" standing alone
	BoilerDate         = "date"         // a date field: "2025-08-16", "Aug. 15, 2025"
	BoilerContributors = "contributors" // "(Jane Doe contributed to this report.)", "With assistance from …"
	BoilerCopyright    = "copyright"    // "©2026 …", "Copyright …", "Distributed by …", "All rights reserved"
	BoilerSeparator    = "separator"    // "_____", "***", "---"
	BoilerTrailer      = "trailer"      // "Comments", "Related", "Read more"
)

// Boilerplate lines are short; longer paragraphs are story text whatever
// they start with.
const (
	maxBoilerBytes    = 400
	maxHeadlineWords  = 25
	maxBylineWords    = 14
	maxSectionWords   = 10
	maxDatelinePrefix = 160
)

// datelineRE matches a dateline at the start of a paragraph: a place in
// capitals ("ANCHORAGE", "ST. LOUIS"), optional comma-separated words
// ("Alaska", "Aug 15"), an optional agency in parentheses, and a dash.
var datelineRE = regexp.MustCompile(`^\p{Lu}[\p{Lu}\p{M}.'’ -]*\p{Lu}\.?(?:,(?: [\p{L}\p{M}\p{N}.'’-]+){1,4})*(?: ?\([^()]{1,40}\))? ?(?:—|–|--|-)\s*`)

// dateRE matches a paragraph that is only a date (and perhaps a time).
var dateRE = regexp.MustCompile(`(?i)^(?:(?:updated|published|posted|date|dated)[:\s]+)?(?:[a-z]+day,?\s+)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4})(?:[\sT,]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|Z|[+-]\d{2}:?\d{2})?)?\.?$`)

// isDatelinePrefix reports whether s is exactly a dateline (with the space
// after it), as inserted before a paragraph's first word.
func isDatelinePrefix(s string) bool {
	if s == "" || len(s) > maxDatelinePrefix {
		return false
	}
	m := datelineRE.FindStringIndex(s)
	return m != nil && m[1] == len(s)
}

// paragraphLabels returns the boilerplate label of each paragraph of d, or
// "" for story text.
func paragraphLabels(d *Document) []string {
	labels := make([]string, len(d.Paragraphs))
	headlineChecked := false
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		l := paragraphLabel(p)
		if l == "" && !headlineChecked {
			// Only the first paragraph that is not other boilerplate may be
			// a headline, and only when a story follows it.
			headlineChecked = true
			if i+1 < len(d.Paragraphs) && isHeadline(p.Text) {
				l = BoilerHeadline
			}
		}
		labels[i] = l
	}
	return labels
}

// paragraphLabel returns the boilerplate label of one paragraph by its
// input label and its text alone (the headline rule needs its position and
// is in paragraphLabels).
func paragraphLabel(p *Paragraph) string {
	switch p.Label {
	case "":
	case "caption":
		return ""
	case "title":
		return BoilerHeadline
	case "version":
		return BoilerDate
	default:
		return p.Label
	}
	t := p.Text
	if len(t) > maxBoilerBytes {
		return ""
	}
	if isSeparator(t) {
		return BoilerSeparator
	}
	// Cheap prefilters first: most paragraphs are story text and must not
	// pay for lower-casing or regular expressions.
	// l is the lower-cased start of the text without an opening
	// parenthesis, so that "(Reporting by …" reads like "reporting by …".
	head := strings.TrimPrefix(t, "(")
	l, buf := "", [32]byte{}
	if h, ok := lowerASCII(&buf, head[:prefixEnd(head, len(buf))]); ok {
		l = string(h) // does not escape: on the stack
	} else {
		l = strings.ToLower(head[:prefixEnd(head, len(buf))]) // Unicode case rules (İ → i, the Kelvin sign → k)
	}
	switch {
	case hasAnyPrefix(l, "published in ", "posted in ", "filed under ", "section: ", "filed in ") &&
		segment.CountWords(t) <= maxSectionWords:
		return BoilerSection
	case (strings.HasPrefix(t, "By ") || strings.HasPrefix(t, "BY ")) && startsUpper(t[3:]) && !endsSentence(t) &&
		segment.CountWords(t) <= maxBylineWords:
		return BoilerByline
	case hasAnyPrefix(l, "with assistance from ", "reporting by ", "additional reporting by ", "editing by ",
		"writing by ", "compiled by ", "edited by ", "reported by "):
		return BoilerContributors
	case hasAnyPrefix(l, "©", "copyright ", "distributed by ") || hasAnyPrefix(t, "(c) ", "(C) "):
		return BoilerCopyright
	}
	if mentionsCredit(t) {
		all := strings.ToLower(t)
		switch {
		case strings.Contains(all, "contributed to this report") || strings.Contains(all, "contributed reporting") ||
			strings.Contains(all, "contributed to this story"):
			return BoilerContributors
		case strings.Contains(all, "all rights reserved") ||
			strings.Contains(all, ". distributed by ") && segment.CountWords(t) <= 30:
			return BoilerCopyright
		}
	}
	if len(t) <= 40 && trailers[strings.TrimRight(strings.ToLower(t), " .:»›>…")] {
		return BoilerTrailer
	}
	if len(t) <= maxDatelinePrefix && startsUpper(t) && hasDash(t) {
		if m := datelineRE.FindStringIndex(t); m != nil && m[1] == len(t) {
			return BoilerDateline
		}
	}
	if len(t) <= 60 && strings.ContainsAny(t, "0123456789") && dateRE.MatchString(t) {
		return BoilerDate
	}
	return ""
}

// lowerASCII lower-cases s into buf when s is ASCII (and reports false
// when it is not). paragraphLabel reads the lower-cased start of every
// paragraph; strings.ToLower allocated it for nearly every one (a
// sentence starts with a capital), 15% of paragraphLabel.
func lowerASCII(buf *[32]byte, s string) ([]byte, bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)], true
}

// mentionsCredit reports whether t contains "ontribute", "ights reserved"
// or "istributed by", in lower case or in capitals (the words of
// contributor and copyright lines). It is strings.Contains six times over,
// but looks only where a rare letter of the words (b, v) stands, found
// with IndexByte: the six scans, each stopping at every o or i, cost 40%
// of paragraphLabel.
func mentionsCredit(t string) bool {
	return hasAround(t, 'b', 5, "ontribute", "istributed by") || hasAround(t, 'v', 11, "ights reserved") ||
		hasAround(t, 'B', 5, "ONTRIBUTE", "ISTRIBUTED BY") || hasAround(t, 'V', 11, "IGHTS RESERVED")
}

// hasAround reports whether one of pats occurs in t; every pattern holds
// the byte c at offset at, so each occurrence is found from a c of t.
func hasAround(t string, c byte, at int, pats ...string) bool {
	for i := 0; i < len(t); {
		k := strings.IndexByte(t[i:], c)
		if k < 0 {
			return false
		}
		k += i
		if k >= at {
			for _, p := range pats {
				if strings.HasPrefix(t[k-at:], p) {
					return true
				}
			}
		}
		i = k + 1
	}
	return false
}

// hasDash reports whether t holds a hyphen, an en dash or an em dash: it
// is strings.ContainsAny(t, "-–—"), which for a set with non-ASCII runes
// decodes t rune by rune (30% of paragraphLabel).
func hasDash(t string) bool {
	return strings.IndexByte(t, '-') >= 0 || strings.Contains(t, "–") || strings.Contains(t, "—")
}

// prefixEnd returns min(n, len(s)) moved back to a rune boundary.
func prefixEnd(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

var trailers = set("comments", "comment", "related", "read more", "related stories", "related articles",
	"related content", "related coverage", "more stories", "more on this story", "recommended",
	"share", "share this article", "share this story", "advertisement", "view comments", "show comments",
	"leave a comment", "see also", "more from this section")

// isHeadline reports whether a first paragraph reads as a headline: short
// and without a final full stop.
func isHeadline(t string) bool {
	if len(t) > maxBoilerBytes {
		return false
	}
	n := segment.CountWords(t)
	return n >= 1 && n <= maxHeadlineWords && !endsSentence(t)
}

// endsSentence reports whether t ends with a full stop, ignoring closing
// quotes and brackets.
func endsSentence(t string) bool {
	t = strings.TrimRightFunc(t, func(r rune) bool {
		switch r {
		case '"', '\'', '”', '’', '»', '›', ')', ']':
			return true
		}
		return unicode.IsSpace(r)
	})
	return strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "...")
}

// isSeparator reports whether t is a line of at least three rule
// characters and nothing else.
func isSeparator(t string) bool {
	n := 0
	for _, r := range t {
		switch r {
		case '_', '*', '-', '=', '~', '#', '•', '·', '—', '–', '+', '⁂', '♦', '◆':
			n++
		case ' ':
		default:
			return false
		}
	}
	return n >= 3
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// blockLabel returns the boilerplate label of a block: the label of its
// first new paragraph (or first old one when it has no new side) when every
// paragraph of the block is boilerplate, else "".
func blockLabel(b *Block, oldLabels, newLabels []string) string {
	label := ""
	for _, p := range b.New {
		if newLabels[p] == "" {
			return ""
		}
		if label == "" {
			label = newLabels[p]
		}
	}
	for _, p := range b.Old {
		if oldLabels[p] == "" {
			return ""
		}
		if label == "" {
			label = oldLabels[p]
		}
	}
	return label
}
