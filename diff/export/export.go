// Package export writes a *diff.Result in the formats storydiff offers:
// plain text for e-mail, text with ANSI colours, Markdown, one
// self-contained HTML page, JSON, and (through package render) a
// side-by-side text layout. WriteHistory writes a diff.History (a story
// through several versions) in all of them but side-by-side. WriteFile and
// WriteFileContext write any of them to a file atomically. It is part of
// storydiff's supported Go API (see package diff).
//
// The text, ansi, Markdown and HTML exports open with a header (names and
// counts) and a What matters section: the flagged changes first
// (negation, number, quote, name, attribution, in that priority; at most
// 12, the others counted), each with its paragraph numbers, its flags and
// a few words of context around the changed words; then the story-level
// findings (new lede, dateline, reordered, trimmed); then one line
// counting the other changes by class and the changed boilerplate
// paragraphs. Writers are given a diff.View: the classes it ignores are
// hidden (see Write).
//
// Every writer reads the Result only; none modifies it. Nothing of either
// version is lost: every changed paragraph is shown with every sentence and
// word of both sides, deleted words marked as such. A sentence that moved to
// a paragraph of another block appears where it went, annotated
// "(moved from ¶N)", and, struck out and annotated "(moved to ¶M)", where it
// stood; a moved block leaves the line "↕ old ¶N moved to new ¶M" where it
// stood. The text-like writers (text, ansi, markdown) summarise runs of
// unchanged paragraphs outside Options.Context as
// "… 3 unchanged paragraphs …"; HTML folds them into <details> elements;
// JSON always holds everything.
//
// Paragraph numbers shown to people are 1-based (¶1); indices in JSON are
// 0-based.
package export

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/render"
)

// Format names an export format.
type Format string

// The export formats.
const (
	FormatText       Format = "text"
	FormatSideBySide Format = "side-by-side"
	FormatMarkdown   Format = "markdown"
	FormatHTML       Format = "html"
	FormatJSON       Format = "json"
	FormatANSI       Format = "ansi"
	// FormatChecklist lists the reviewable changes with their review
	// marks, one line each, and a summary line (see writeChecklist).
	FormatChecklist Format = "checklist"
)

// Formats lists every format in the order help texts show them.
var Formats = []Format{FormatText, FormatSideBySide, FormatMarkdown, FormatHTML, FormatJSON, FormatANSI, FormatChecklist}

var formatAliases = map[string]Format{
	"text": FormatText, "txt": FormatText, "plain": FormatText,
	"side-by-side": FormatSideBySide, "sidebyside": FormatSideBySide, "sbs": FormatSideBySide, "side": FormatSideBySide,
	"markdown": FormatMarkdown, "md": FormatMarkdown,
	"html": FormatHTML, "htm": FormatHTML,
	"json": FormatJSON,
	"ansi": FormatANSI, "color": FormatANSI, "colour": FormatANSI,
	"checklist": FormatChecklist, "check": FormatChecklist,
}

// ParseFormat returns the Format named by s, ignoring case and surrounding
// space. It accepts the format names and the common aliases txt, md, htm,
// sbs and color.
func ParseFormat(s string) (Format, error) {
	if f, ok := formatAliases[strings.ToLower(strings.TrimSpace(s))]; ok {
		return f, nil
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown export format %q (want one of %s)", s, strings.Join(names, ", "))
}

// Ext returns the usual file name extension for the format, with its dot.
func (f Format) Ext() string {
	switch f {
	case FormatMarkdown:
		return ".md"
	case FormatHTML:
		return ".html"
	case FormatJSON:
		return ".json"
	case FormatANSI:
		return ".ansi"
	default:
		return ".txt"
	}
}

// Options tune the writers. The zero value gives the defaults.
type Options struct {
	// Context is the number of unchanged paragraphs shown on each side of
	// a change in text, markdown and ansi output (and left unfolded in
	// HTML); -1 shows every paragraph. With 0 every run of unchanged
	// paragraphs is summarised as "… 3 unchanged paragraphs …".
	Context int
	// Width is the total width of side-by-side output; 0 means 160.
	Width int
	// Wrap is the column at which text and ansi output wrap; 0 means 80,
	// -1 turns wrapping off (one line per paragraph).
	Wrap int
	// Color turns on ANSI colours in FormatANSI; without it FormatANSI
	// writes exactly what FormatText writes.
	Color bool
	// Matters caps the flagged changes listed under What matters in text,
	// ansi, markdown and HTML output (the others are counted, with a note
	// saying how to see them); 0 lists every one. Findings are always
	// listed.
	Matters int
	// Review is the review of the pair laid over the view written
	// (review.Match), or nil for none. With one, text, ansi, Markdown and
	// HTML output add a Review section after What matters and the mark to
	// each marked block's heading, and JSON a "review" member; the
	// checklist shows its marks (without one, every box is empty).
	// WriteHistory ignores it.
	Review *review.Status
}

// DefaultWidth is the side-by-side width used when Options.Width is 0.
const DefaultWidth = render.DefaultWidth

// DefaultWrap is the column text output wraps at when Options.Wrap is 0.
const DefaultWrap = 80

func (o Options) wrap() int {
	switch {
	case o.Wrap == 0:
		return DefaultWrap
	case o.Wrap < 0:
		return 0
	}
	return o.Wrap
}

// ErrNoResult is returned when a writer is given a nil or incomplete Result.
var ErrNoResult = errors.New("export: no result to write")

// Write writes the view v of a result to w in format f. The classes v
// ignores (diff.ParseIgnore) are hidden: in text, ansi, markdown and HTML
// output the runs v hides (diff.View.RunHidden) are shown as plain new
// text, blocks that read as Equal in v (diff.View.BlockHidden) count as
// unchanged, the header counts come from diff.View.Stats and say how many
// changes of each ignored class were hidden, and What matters leaves
// hidden runs out. Side-by-side output shows hidden runs as plain text and
// blocks that read as Equal without a change marker. JSON stays complete
// and records the mask in its "ignored" member. Pass r.View(0) to show
// every change.
func Write(w io.Writer, v diff.View, f Format, opt Options) error {
	switch f {
	case FormatText:
		return writeText(w, v, opt)
	case FormatANSI:
		return writeANSI(w, v, opt)
	case FormatMarkdown:
		return writeMarkdown(w, v, opt)
	case FormatHTML:
		return writeHTML(w, v, opt)
	case FormatJSON:
		return writeJSONReview(w, v, opt.Review)
	case FormatChecklist:
		return writeChecklist(w, v, opt)
	case FormatSideBySide:
		return writeSideBySide(w, v, opt)
	}
	return fmt.Errorf("export: unknown format %q", f)
}

// check reports whether r can be written: a Result from diff.Compare or
// diff.Assemble. The writers recover no panic: a bug must surface.
func check(r *diff.Result) error {
	if r == nil || r.Old == nil || r.New == nil {
		return ErrNoResult
	}
	if !r.Indexed() {
		return fmt.Errorf("%w (not built by diff.Assemble)", ErrNoResult)
	}
	return nil
}
