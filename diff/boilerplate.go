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
	l := strings.ToLower(head[:prefixEnd(head, 32)])
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
	if strings.Contains(t, "ontribute") || strings.Contains(t, "ights reserved") || strings.Contains(t, "istributed by") ||
		strings.Contains(t, "ONTRIBUTE") || strings.Contains(t, "IGHTS RESERVED") || strings.Contains(t, "ISTRIBUTED BY") {
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
	if len(t) <= maxDatelinePrefix && startsUpper(t) && strings.ContainsAny(t, "-–—") {
		if m := datelineRE.FindStringIndex(t); m != nil && m[1] == len(t) {
			return BoilerDateline
		}
	}
	if len(t) <= 60 && strings.ContainsAny(t, "0123456789") && dateRE.MatchString(t) {
		return BoilerDate
	}
	return ""
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
