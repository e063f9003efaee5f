package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
)

// htmlEscaper escapes the five characters html.EscapeString escapes, writing
// straight to the output.
var htmlEscaper = strings.NewReplacer(
	`&`, "&amp;",
	`'`, "&#39;",
	`<`, "&lt;",
	`>`, "&gt;",
	`"`, "&#34;",
)

const htmlStyle = `:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--head:#f6f8fa;
--del-bg:#ffebe9;--del-fg:#82071e;--ins-bg:#dafbe1;--ins-fg:#116329;--moved:#0550ae;--note:#8250df}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--head:#151b23;
--del-bg:#4b1113;--del-fg:#ffa198;--ins-bg:#0f3a1d;--ins-fg:#7ee787;--moved:#79c0ff;--note:#d2a8ff}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1600px;padding:1.5rem;background:var(--bg);color:var(--fg);
font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.4rem;margin:0 0 .75rem;overflow-wrap:anywhere}
.summary{border-collapse:collapse;margin-bottom:1rem}
.summary th{text-align:left;padding:.1rem 1rem .1rem 0;color:var(--muted);font-weight:600;vertical-align:top}
.summary td{padding:.1rem 0;overflow-wrap:anywhere}
.matters{margin:.5rem 0 1rem;padding:.5rem 1rem;border:1px solid var(--line);border-radius:6px;background:var(--head)}
.matters h2{font-size:1.05rem;margin:0 0 .35rem}
.matters ul{margin:0;padding-left:1.2rem}
.matters .where{font-weight:600;white-space:nowrap}
.matters .flag{font-size:.8em;font-weight:700;letter-spacing:.03em;color:var(--del-fg);white-space:nowrap}
.matters .rest{color:var(--muted);margin:.35rem 0 0}
table.history{width:100%;border-collapse:collapse;margin:.25rem 0 1rem}
table.history td{vertical-align:top;padding:.2rem .75rem .2rem 0;border-top:1px solid var(--line);overflow-wrap:anywhere}
table.history td.ver{white-space:nowrap;color:var(--muted);width:1%}
table.history tr.latest td.ver{color:var(--ins-fg);font-weight:600}
h2.para{font-size:1rem;margin:1rem 0 .25rem;color:var(--muted)}
table.block{width:100%;border-collapse:collapse;table-layout:fixed;margin:1rem 0;border:1px solid var(--line)}
table.block th{text-align:left;background:var(--head);padding:.35rem .75rem;font-weight:600;border-bottom:1px solid var(--line)}
table.block td{width:50%;vertical-align:top;padding:.35rem .75rem;border-top:1px solid var(--line);overflow-wrap:anywhere}
table.block td.old{border-right:1px solid var(--line)}
table.block td p{margin:0 0 .5rem}
table.block td p:last-child{margin-bottom:0}
.added th{color:var(--ins-fg)}.removed th{color:var(--del-fg)}.moved th{color:var(--moved)}.equal th{color:var(--muted)}
del{background:var(--del-bg);color:var(--del-fg);text-decoration:line-through}
ins{background:var(--ins-bg);color:var(--ins-fg);text-decoration:none}
del.w,ins.w{font-weight:700;text-decoration-thickness:2px}
ins.w{text-decoration:underline}
del.lt,ins.lt{font-weight:400;background:none;text-decoration-thickness:1px}
del.ghost{background:none;color:var(--note)}
.mv{color:var(--moved)}
.note{color:var(--note);font-size:.85em;font-style:italic;white-space:nowrap}
.origin{margin:.5rem 0}.origin a{color:var(--note)}
td.empty{background:repeating-linear-gradient(135deg,transparent 0 6px,var(--head) 6px 12px)}
details{margin:1rem 0;color:var(--muted)}
summary{cursor:pointer}
.legend{color:var(--muted);font-size:.9rem}
@media print{details>*{display:block}}`

// htmlWriter writes the HTML page.
type htmlWriter struct {
	w  *bufio.Writer
	r  *diff.Result
	v  diff.View      // the view of r written: runs it hides are plain new text
	rv *review.Status // the review laid over v, or nil
}

// text writes s escaped.
func (h *htmlWriter) text(s string) { htmlEscaper.WriteString(h.w, s) }

// raw writes markup.
func (h *htmlWriter) raw(s string) { h.w.WriteString(s) }

// writeHTML writes r as one self-contained HTML page that needs no
// network and no script: a summary of the counts, the What matters
// section (see the package doc) as a list, then for every block a
// two-column table, old on the left and new on the right, one row per new
// paragraph, with deleted words in <del> and inserted ones in <ins>.
// Sentences that moved between paragraphs show "moved from ¶N" where they
// went and are struck, "moved to ¶M", where they stood. Runs of unchanged
// paragraphs outside Options.Context are folded into <details> elements, so
// the page holds every paragraph of both versions. The inline style sheet
// follows the reader's light or dark preference. Every character that comes
// from the input (text, names, labels) is HTML-escaped.
func writeHTML(w io.Writer, v diff.View, opt Options) (err error) {
	r := v.Result
	if err := check(r); err != nil {
		return err
	}
	h := &htmlWriter{w: bufio.NewWriterSize(w, 64<<10), r: r, v: v, rv: opt.Review}
	h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	h.raw("<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"storydiff\">\n<title>storydiff: ")
	h.text(cleanName(r.Old.Name) + " → " + cleanName(r.New.Name))
	h.raw("</title>\n<style>\n" + htmlStyle + "\n</style>\n</head>\n<body>\n<h1>storydiff: ")
	h.text(cleanName(r.Old.Name) + " → " + cleanName(r.New.Name))
	h.raw("</h1>\n<table class=\"summary\">\n")
	h.row("old", docLine(r.Old))
	h.row("new", docLine(r.New))
	for _, l := range statLines(v) {
		h.row(l[0], l[1])
	}
	h.raw("</table>\n")
	h.matters(whatMatters(v, opt.Matters))
	h.review(opt.Review)
	h.raw("<p class=\"legend\"><del>removed</del> <ins>added</ins> <del class=\"w\">deleted word</del> " +
		"<ins class=\"w\">inserted word</ins> <ins class=\"w lt\">typography or style</ins> <span class=\"mv\">moved sentence</span> <span class=\"note\">note</span></p>\n")
	steps := plan(v, opt.Context)
	if note := sameNote(v); note != "" {
		h.raw("<p>")
		h.text(note)
		h.raw("</p>\n")
	}
	for _, s := range steps {
		switch s.kind {
		case stepHidden:
			h.raw("<details class=\"unchanged\"><summary>")
			h.text(hiddenNote(s.paragraphs))
			h.raw("</summary>\n")
			for bi := s.from; bi < s.to; bi++ {
				h.block(bi)
			}
			h.raw("</details>\n")
		case stepOrigin:
			h.raw("<p class=\"origin\"><a href=\"#b" + strconv.Itoa(s.block+1) + "\">")
			h.text(originNote(r, s))
			h.raw("</a></p>\n")
		case stepBlock:
			h.block(s.block)
		}
	}
	h.raw("</body>\n</html>\n")
	if err := h.w.Flush(); err != nil {
		return fmt.Errorf("export html: %w", err)
	}
	return nil
}

func (h *htmlWriter) row(name, value string) {
	h.raw("<tr><th>")
	h.text(name)
	h.raw("</th><td>")
	h.text(value)
	h.raw("</td></tr>\n")
}

// block writes block bi as a two-column table.
func (h *htmlWriter) block(bi int) {
	b := &h.r.Blocks[bi]
	cls := b.Kind.String()
	if h.v.BlockHidden(bi) {
		cls = "equal"
	}
	if b.Moved {
		cls += " moved"
	}
	h.raw("<table class=\"block " + cls + "\" id=\"b" + strconv.Itoa(bi+1) + "\">\n<thead><tr><th colspan=\"2\">")
	h.text(blockHead(h.v, bi) + headMark(h.rv, bi))
	h.raw("</th></tr></thead>\n<tbody>\n")
	for _, g := range groups(blockItems(h.r, bi)) {
		oldEmpty, newEmpty := true, true
		for _, it := range g {
			oldEmpty = oldEmpty && !it.ghost && it.p.Kind == diff.Added
			newEmpty = newEmpty && (it.ghost || it.p.Kind == diff.Removed)
		}
		if oldEmpty {
			h.raw("<tr><td class=\"old empty\"><p>")
		} else {
			h.raw("<tr><td class=\"old\"><p>")
		}
		var prev *item // the last item written on this side
		for i, it := range g {
			if i > 0 && oldBreak(h.r, bi, g[i-1], it) {
				h.raw("</p><p>")
				prev = nil
			}
			if h.shows(it, true) {
				if prev != nil && !glued(h.r, *prev, it, true) {
					h.raw(" ")
				}
				h.oldSide(it)
				prev = &g[i]
			}
		}
		if newEmpty {
			h.raw("</p></td><td class=\"new empty\"><p>")
		} else {
			h.raw("</p></td><td class=\"new\"><p>")
		}
		prev = nil
		for i, it := range g {
			if h.shows(it, false) {
				if prev != nil && !glued(h.r, *prev, it, false) {
					h.raw(" ")
				}
				h.newSide(it)
				prev = &g[i]
			}
		}
		h.raw("</p></td></tr>\n")
	}
	h.raw("</tbody>\n</table>\n")
}

// change writes the text of a word that is itself the change: white space
// made visible, anything else escaped.
func (h *htmlWriter) change(s string) {
	if allSpace(s) {
		h.text(visibleSpace(s))
		return
	}
	h.text(s)
}

// shows reports whether an item has text on the old (old) or new side.
func (h *htmlWriter) shows(it item, old bool) bool {
	if old {
		return it.ghost || it.p.Kind != diff.Added
	}
	return !it.ghost && it.p.Kind != diff.Removed
}

// oldSide writes the old side of an item.
func (h *htmlWriter) oldSide(it item) {
	p := it.p
	switch {
	case it.ghost:
		h.raw("<del class=\"ghost\">")
		h.text(p.Old)
		h.raw("</del><span class=\"note\"> ")
		if p.NewRef.IsNone() {
			h.raw("moved away")
		} else {
			h.text("moved to " + para(p.NewRef.Para))
		}
		h.raw("</span>")
		return
	case p.Kind == diff.Added:
		return
	case p.Kind == diff.Removed:
		h.raw("<del>")
		h.text(p.Old)
		h.raw("</del>")
		h.partNote(p)
		return
	}
	h.pairSide(p, diff.OpDelete, p.Old, "moved here from ")
}

// newSide writes the new side of an item.
func (h *htmlWriter) newSide(it item) {
	p := it.p
	switch {
	case it.ghost, p.Kind == diff.Removed:
		return
	case p.Kind == diff.Added:
		h.raw("<ins>")
		h.text(p.New)
		h.raw("</ins>")
		h.partNote(p)
		return
	}
	h.pairSide(p, diff.OpInsert, p.New, "moved from ")
}

// partNote writes the "(from old ¶N)" / "(into new ¶N)" note of an added
// or removed sentence that holds most of another's words, linked to the
// block of that paragraph, after a space.
func (h *htmlWriter) partNote(p *diff.Pair) {
	n := partNote(p)
	if n == "" {
		return
	}
	bi := -1
	switch p.Kind {
	case diff.Added:
		if p.PartOf.Para < len(h.r.Old.Paragraphs) {
			bi = h.r.BlockOfOld(p.PartOf.Para)
		}
	case diff.Removed:
		if p.PartOf.Para < len(h.r.New.Paragraphs) {
			bi = h.r.BlockOfNew(p.PartOf.Para)
		}
	}
	h.raw("<span class=\"note\"> ")
	if bi >= 0 {
		h.raw("<a href=\"#" + blockAnchor(bi) + "\">")
	}
	h.text(n)
	if bi >= 0 {
		h.raw("</a>")
	}
	h.raw("</span>")
}

// pairSide writes one side of an Equal or Changed pair:
// op is the side's own operation (OpDelete for old, OpInsert for new),
// whose non-hidden words are marked with <del> or <ins>; a hidden run reads
// as its new text on both sides; text is the side's sentence and moved the
// note's wording for a moved pair.
func (h *htmlWriter) pairSide(p *diff.Pair, op diff.Op, text, moved string) {
	open, end := "<ins class=\"w\">", "</ins>"
	if op == diff.OpDelete {
		open, end = "<del class=\"w\">", "</del>"
	}
	if p.Moved {
		h.raw("<span class=\"mv\">")
	}
	switch {
	case p.Kind == diff.Changed && len(p.Words) > 0:
		eachWord(p, h.v, func(w diff.Word, hidden, light bool) {
			switch {
			case w.Op == diff.OpEqual, w.Op == diff.OpInsert && hidden:
				h.text(w.Text)
			case w.Op == op && !hidden && light:
				h.raw(strings.Replace(open, `"w"`, `"w lt"`, 1))
				h.change(w.Text)
				h.raw(end)
			case w.Op == op && !hidden:
				h.raw(open)
				h.change(w.Text)
				h.raw(end)
			}
		})
	case p.Kind == diff.Changed:
		h.raw(open)
		h.text(text)
		h.raw(end)
	default:
		h.text(text)
	}
	if p.Moved {
		h.raw("</span><span class=\"note\"> ")
		h.text(moved + para(p.OldRef.Para))
		h.raw("</span>")
	}
}
