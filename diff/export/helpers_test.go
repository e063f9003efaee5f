package export

import (
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// doc builds a Document by hand: each paragraph is given as its
// sentences, joined by one space. It does not depend on segmentation.
func doc(name string, paras ...[]string) *diff.Document {
	d := &diff.Document{Name: name}
	for _, sents := range paras {
		var p diff.Paragraph
		var sb strings.Builder
		for i, s := range sents {
			if i > 0 {
				sb.WriteByte(' ')
			}
			start := sb.Len()
			sb.WriteString(s)
			p.Sentences = append(p.Sentences, diff.Sentence{Text: s, Start: start, End: sb.Len()})
		}
		p.Text = sb.String()
		d.Paragraphs = append(d.Paragraphs, p)
	}
	return d
}

func ref(p, s int) diff.SentRef { return diff.SentRef{Para: p, Sent: s} }

// eq, chg, add and rem build pairs.
func eq(o, n diff.SentRef, text string) diff.Pair {
	return diff.Pair{Kind: diff.Equal, OldRef: o, NewRef: n, Old: text, New: text}
}

func chg(o, n diff.SentRef, words ...diff.Word) diff.Pair {
	p := diff.Pair{Kind: diff.Changed, OldRef: o, NewRef: n, Words: words, Class: diff.ClassWording}
	var ob, nb strings.Builder
	for _, w := range words {
		if w.Op != diff.OpInsert {
			ob.WriteString(w.Text)
		}
		if w.Op != diff.OpDelete {
			nb.WriteString(w.Text)
		}
	}
	p.Old, p.New = ob.String(), nb.String()
	return p
}

func add(n diff.SentRef, text string) diff.Pair {
	return diff.Pair{Kind: diff.Added, OldRef: diff.None, NewRef: n, New: text}
}

func rem(o diff.SentRef, text string) diff.Pair {
	return diff.Pair{Kind: diff.Removed, OldRef: o, NewRef: diff.None, Old: text}
}

func we(s string) diff.Word { return diff.Word{Op: diff.OpEqual, Text: s} }
func wi(s string) diff.Word { return diff.Word{Op: diff.OpInsert, Text: s} }
func wd(s string) diff.Word { return diff.Word{Op: diff.OpDelete, Text: s} }

// assemble builds a Result or fails the test.
func assemble(tb testing.TB, old, new *diff.Document, blocks ...diff.Block) *diff.Result {
	tb.Helper()
	r, err := diff.Assemble(old, new, blocks)
	if err != nil {
		tb.Fatalf("assemble: %v", err)
	}
	return r
}
