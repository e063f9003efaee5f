// Package render lays a diff.Result out as rows of styled text for a given
// width: side by side (old left, new right), inline (one column, words
// deleted and inserted in place) or one row per sentence pair.
//
// It is plain data, with no terminal code: a Span is text with a Style, a
// Line is a slice of Spans, a Row is one aligned block with its left and
// right wrapped lines padded to the same height and a gutter of paragraph
// numbers and markers (+ - ~ ↕) so that nothing depends on colour alone.
// The TUI maps Styles to colours; WriteSideBySide writes the rows as plain
// text for the side-by-side export.
//
// Rows are built lazily: Entries lists what is to be drawn (cheap, no
// wrapping) and Layout.Row wraps one entry for one width, so a viewer only
// lays out the rows it shows.
package render

import (
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"
)

// Style says how a Span should be shown. The TUI maps each Style to colours
// and attributes; the plain-text writers ignore it.
type Style uint8

// The styles.
const (
	Plain           Style = iota // text present and equal in both versions
	Added                        // a sentence or paragraph only in the new version
	Removed                      // a sentence or paragraph only in the old version
	ChangedOld                   // the unchanged words of a changed sentence, old side
	ChangedNew                   // the unchanged words of a changed sentence, new side
	WordDelete                   // words deleted inside a changed sentence
	WordInsert                   // words inserted inside a changed sentence
	Moved                        // text of a moved block or a sentence that moved
	Ghost                        // the placeholder where a moved block stood
	Boilerplate                  // non-story text (headline, byline, trailer…)
	Note                         // an annotation: →¶3, moved from ¶9, a label
	Badge                        // an editorial flag: NEG, NUM, QUOTE, NAME, ATTR
	Fold                         // a folded run of unchanged blocks
	Gutter                       // paragraph numbers
	MarkAdded                    // the gutter marker +
	MarkRemoved                  // the gutter marker -
	MarkChanged                  // the gutter marker ~
	MarkMoved                    // the gutter marker ↕
	Markup                       // the [- -] and {+ +} brackets of the plain markup
	WordDeleteLight              // words deleted by a typography or style change: visible, lighter than WordDelete
	WordInsertLight              // words inserted by a typography or style change: visible, lighter than WordInsert
	numStyles
)

// NumStyles is the number of styles; Style values are below it, so a viewer
// can index a table of looks by Style.
const NumStyles = int(numStyles)

var styleNames = [...]string{
	"plain", "added", "removed", "changed-old", "changed-new", "word-delete",
	"word-insert", "moved", "ghost", "boilerplate", "note", "badge", "fold",
	"gutter", "mark-added", "mark-removed", "mark-changed", "mark-moved", "markup",
	"word-delete-light", "word-insert-light",
}

// String returns the style's name, such as "word-insert".
func (s Style) String() string {
	if int(s) < len(styleNames) {
		return styleNames[s]
	}
	return "unknown"
}

// isText reports whether spans of the style carry text of a document, as
// opposed to annotations, badges, markup and gutter content added by the
// layout.
func (s Style) isText() bool {
	switch s {
	case Note, Badge, Fold, Gutter, MarkAdded, MarkRemoved, MarkChanged, MarkMoved, Markup, Ghost:
		return false
	}
	return true
}

// Span is a run of text in one style.
type Span struct {
	Text  string
	Style Style
}

// Line is one display line: spans drawn left to right.
type Line []Span

// Width returns the display width of the line in terminal cells.
func (l Line) Width() int {
	w := 0
	for _, s := range l {
		w += Width(s.Text)
	}
	return w
}

// String returns the text of the line without styles.
func (l Line) String() string {
	switch len(l) {
	case 0:
		return ""
	case 1:
		return l[0].Text
	}
	var b strings.Builder
	for _, s := range l {
		b.WriteString(s.Text)
	}
	return b.String()
}

// add appends a span to the line, merging it with the last span when both
// have the same style.
func (l Line) add(s Span) Line {
	if s.Text == "" {
		return l
	}
	if n := len(l); n > 0 && l[n-1].Style == s.Style {
		l[n-1].Text += s.Text
		return l
	}
	return append(l, s)
}

// Width returns the display width of s in terminal cells: East Asian wide
// characters and emoji count 2, combining marks 0.
func Width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return displaywidth.String(s)
		}
	}
	return len(s) // common case: ASCII
}

// pad returns n spaces.
func pad(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(spaces) {
		return spaces[:n]
	}
	return strings.Repeat(" ", n)
}

const spaces = "                                                                                                                                "
