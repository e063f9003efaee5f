package diff

import (
	"strings"

	"github.com/storydiff/storydiff/diff/internal/segment"

	"github.com/storydiff/storydiff/internal/textsafe"
)

// Document is one version of a story, split into paragraphs and sentences.
type Document struct {
	Name       string
	Paragraphs []Paragraph
}

// Paragraph is one paragraph of a Document.
type Paragraph struct {
	// Text is the paragraph as displayed: valid UTF-8, no control
	// characters, no leading or trailing space.
	Text string
	// Sentences partition Text: each sentence is Text[Start:End], and only
	// white space lies between consecutive sentences.
	Sentences []Sentence
	// Label is a label given by the input format (a NITF headline, a
	// byline field, …), or "".
	Label string
}

// Sentence is one sentence of a Paragraph.
type Sentence struct {
	Text       string // trimmed sentence text, == Paragraph.Text[Start:End]
	Start, End int
}

// NewDocument segments paragraphs into sentences and returns the Document.
// Paragraph texts must come from package input (valid UTF-8, sanitised);
// empty paragraphs are dropped. labels, if not nil, gives a label for each
// paragraph. The name is made safe to show as input.Clean makes text
// (no control character, bidi override or invalid UTF-8).
func NewDocument(name string, paragraphs []string, labels []string) *Document {
	d := &Document{Name: textsafe.Clean(name), Paragraphs: make([]Paragraph, 0, len(paragraphs))}
	for i, text := range paragraphs {
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		p := Paragraph{Text: text}
		if i < len(labels) {
			p.Label = labels[i]
		}
		for _, sp := range segment.Sentences(text) {
			st, en := trimSpan(text, sp.Start, sp.End)
			if st == en {
				continue
			}
			p.Sentences = append(p.Sentences, Sentence{Text: text[st:en], Start: st, End: en})
		}
		d.Paragraphs = append(d.Paragraphs, p)
	}
	return d
}

// trimSpan narrows text[start:end] to exclude leading and trailing white space.
func trimSpan(text string, start, end int) (int, int) {
	s := text[start:end]
	t := strings.TrimLeftFunc(s, isSpace)
	start += len(s) - len(t)
	t = strings.TrimRightFunc(t, isSpace)
	return start, start + len(t)
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00a0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005',
		'\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u202f', '\u205f', '\u3000', '\ufeff':
		return true
	}
	return false
}

// Words returns the number of words in the document.
func (d *Document) Words() int {
	n := 0
	for _, p := range d.Paragraphs {
		n += segment.CountWords(p.Text)
	}
	return n
}
