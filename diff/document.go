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
	// The spans of each paragraph go to one reused buffer, and the
	// sentences of many paragraphs share one backing array (each
	// paragraph's slice capped at its length, so an append by a caller
	// copies rather than overwrite a neighbour): a slice per paragraph
	// was two allocations each, 164 K on a 10 MB file.
	var spans []segment.Span
	var pool []Sentence
	for i, text := range paragraphs {
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		p := Paragraph{Text: text}
		if i < len(labels) {
			p.Label = labels[i]
		}
		spans = segment.AppendSentences(spans[:0], text)
		if cap(pool)-len(pool) < len(spans) {
			pool = make([]Sentence, 0, max(len(spans), sentenceChunk))
		}
		from := len(pool)
		for _, sp := range spans {
			st, en := trimSpan(text, sp.Start, sp.End)
			if st == en {
				continue
			}
			pool = append(pool, Sentence{Text: text[st:en], Start: st, End: en})
		}
		if len(pool) > from {
			p.Sentences = pool[from:len(pool):len(pool)]
		}
		d.Paragraphs = append(d.Paragraphs, p)
	}
	return d
}

// sentenceChunk is the number of sentences NewDocument allocates at once
// (128 KiB): few allocations on a long document, little waste on a short
// one.
const sentenceChunk = 4096

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
