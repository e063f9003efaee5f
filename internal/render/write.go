package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/storydiff/storydiff/diff"

	"github.com/storydiff/storydiff/internal/textsafe"
)

// DefaultWidth is the width WriteSideBySide uses when given a width of zero
// or less.
const DefaultWidth = 160

// WriteSideBySide writes the view v as plain text, old version left and new
// right, each block one row wrapped to width cells (DefaultWidth if width
// <= 0) so that the two sides stay aligned. Paragraph numbers and markers
// (+ - ~ ↕) fill the gutter; deleted and inserted words are bracketed as
// [-…-] and {+…+} so the output reads without colour. The change classes
// v ignores are hidden: hidden runs are plain text, blocks that read as
// equal have no marker.
func WriteSideBySide(w io.Writer, v diff.View, width int) error {
	r := v.Result
	if r == nil {
		return fmt.Errorf("render: side-by-side: nil result")
	}
	if width <= 0 {
		width = DefaultWidth
	}
	width = max(width, MinWidth(r, SideBySide))
	l := NewLayout(v, SideBySide, width, Options{Markup: true})
	bw := bufio.NewWriter(w)
	left, right := l.TextWidth()
	head := Row{}
	head.Left.Lines = Wrap([]Span{{textsafe.Clean(r.Old.Name), Plain}}, left+l.gutter)
	head.Right.Lines = Wrap([]Span{{textsafe.Clean(r.New.Name), Plain}}, right+l.gutter)
	head = l.finish(head)
	for i := range head.Left.Lines {
		bw.WriteString(l.plainLine(&head, i, false))
		bw.WriteByte('\n')
	}
	for _, e := range Entries(v, SideBySide, false) {
		row := l.Row(e)
		for i := range row.Left.Lines {
			bw.WriteString(l.plainLine(&row, i, true))
			bw.WriteByte('\n')
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: side-by-side: %w", err)
	}
	return nil
}

// plainLine returns line i of row as plain text, trailing spaces trimmed.
func (l *Layout) plainLine(row *Row, i int, gutters bool) string {
	var sb strings.Builder
	left, right := l.TextWidth()
	if gutters {
		writePadded(&sb, row.Left.Gutter[i], l.gutter)
		writePadded(&sb, row.Left.Lines[i], left)
	} else {
		writePadded(&sb, row.Left.Lines[i], l.gutter+left)
	}
	if l.mode != Inline {
		sb.WriteString(" │")
		if gutters {
			writePadded(&sb, row.Right.Gutter[i], l.gutter)
		} else {
			sb.WriteString(" ")
		}
		writePadded(&sb, row.Right.Lines[i], right)
	}
	return strings.TrimRight(sb.String(), " ")
}

// writePadded writes the line's text, padded with spaces to width cells.
func writePadded(sb *strings.Builder, ln Line, width int) {
	w := 0
	for _, s := range ln {
		sb.WriteString(s.Text)
		w += Width(s.Text)
	}
	sb.WriteString(pad(width - w))
}

// plainLines returns the display lines of row as plain text, gutters
// included, trailing spaces trimmed: what the row shows without styles.
func (l *Layout) plainLines(row *Row) []string {
	out := make([]string, 0, len(row.Left.Lines))
	for i := range row.Left.Lines {
		out = append(out, l.plainLine(row, i, true))
	}
	return out
}

// BlockText returns block bi of r as unwrapped plain text in the inline
// layout with [-…-] and {+…+} markup: what a user copies from a viewer.
func BlockText(r *diff.Result, bi int) string {
	if r == nil || bi < 0 || bi >= len(r.Blocks) {
		return ""
	}
	l := NewLayout(r.View(0), Inline, 1<<30, Options{Markup: true})
	row := l.Row(Entry{Kind: RowBlock, Block: bi})
	var sb strings.Builder
	for i, ln := range row.Left.Lines {
		g := strings.TrimLeft(row.Left.Gutter[i].String(), " ")
		text := ln.String()
		if g == "" && text == "" {
			sb.WriteByte('\n')
			continue
		}
		if g != "" {
			sb.WriteString(g)
		}
		sb.WriteString(text)
		sb.WriteByte('\n')
	}
	return strings.TrimRight(sb.String(), "\n") + "\n"
}
