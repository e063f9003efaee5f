package tui

import (
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/internal/render"
)

// contextWords is the number of words of context shown on each side of a
// flagged run in the findings list.
const contextWords = 4

// findingsList lists What matters as the engine orders it
// (diff.Result.Matters): notices added or removed, the flagged changes by
// flag, then the other findings. No mask hides a flagged change.
func findingsList(v diff.View, markup bool, st *styles) list {
	r := v.Result
	refW, badgeW := 0, 0
	type row struct {
		m       diff.Matter
		ref     string
		excerpt []render.Span
	}
	var rows []row
	nf, nflags := 0, 0
	for _, m := range r.Matters {
		if m.IsFinding() {
			if m.Finding >= len(r.Findings) {
				continue
			}
			nf++
			refW = max(refW, render.Width(r.Findings[m.Finding].Kind))
			rows = append(rows, row{m: m})
			continue
		}
		if m.Block < 0 || m.Block >= len(r.Blocks) {
			continue
		}
		b := &r.Blocks[m.Block]
		var ref string
		var excerpt []render.Span
		switch {
		case m.Pair < 0 || m.Pair >= len(b.Pairs):
			if len(b.Pairs) == 0 {
				continue
			}
			pr := &b.Pairs[0]
			ref = paraRef(pr.OldRef) + " → " + paraRef(pr.NewRef)
			excerpt = sentenceExcerpt(pr, markup)
		case m.Run >= 0 && m.Run < len(b.Pairs[m.Pair].Runs):
			pr := &b.Pairs[m.Pair]
			ref = paraRef(pr.OldRef) + " → " + paraRef(pr.NewRef)
			excerpt = runExcerpt(pr, pr.Runs[m.Run], markup)
		default:
			pr := &b.Pairs[m.Pair]
			ref = paraRef(pr.OldRef) + " → " + paraRef(pr.NewRef)
			excerpt = sentenceExcerpt(pr, markup)
		}
		nflags++
		refW = max(refW, render.Width(ref))
		bw := 0
		for _, n := range m.Flags.Badges() {
			bw += len(n) + 1
		}
		badgeW = max(badgeW, bw)
		rows = append(rows, row{m: m, ref: ref, excerpt: excerpt})
	}
	var items []listItem
	for _, rw := range rows {
		if rw.m.IsFinding() {
			f := r.Findings[rw.m.Finding]
			it := listItem{block: rw.m.Block, pair: -1}
			it.spans = []render.Span{{Text: padRight(sanitize(f.Kind), refW), Style: render.Note},
				{Text: "  " + pad(badgeW), Style: render.Plain}, {Text: sanitize(f.Text), Style: render.Plain}}
			items = append(items, it)
			continue
		}
		spans := []render.Span{{Text: padRight(rw.ref, refW), Style: render.Gutter}, {Text: " ", Style: render.Plain}}
		bw := 0
		for _, n := range rw.m.Flags.Badges() {
			spans = append(spans, render.Span{Text: " ", Style: render.Plain}, render.Span{Text: n, Style: render.Badge})
			bw += len(n) + 1
		}
		spans = append(spans, render.Span{Text: pad(badgeW - bw + 1), Style: render.Plain})
		spans = append(spans, rw.excerpt...)
		items = append(items, listItem{spans: spans, block: rw.m.Block, pair: max(rw.m.Pair, -1)})
	}
	title := strconv.Itoa(nf) + " " + plural(nf, "finding", "findings") + ", " +
		strconv.Itoa(nflags) + " flagged " + plural(nflags, "change", "changes")
	return newList(title, "no findings and no flagged changes", items, st)
}

// paraRef formats a sentence's paragraph: ¶3, or – for no sentence.
func paraRef(r diff.SentRef) string {
	if r.IsNone() {
		return "–"
	}
	return "¶" + strconv.Itoa(r.Para+1)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func padRight(s string, w int) string {
	return s + pad(w-render.Width(s))
}

// runExcerpt shows a run with a few words of the new sentence around it:
// …before [deleted]{inserted} after….
func runExcerpt(pr *diff.Pair, run diff.Run, markup bool) []render.Span {
	var before, after strings.Builder
	for _, w := range pr.Words[:min(run.Start, len(pr.Words))] {
		if w.Op != diff.OpDelete {
			before.WriteString(w.Text)
		}
	}
	for _, w := range pr.Words[min(run.End, len(pr.Words)):] {
		if w.Op != diff.OpDelete {
			after.WriteString(w.Text)
		}
	}
	var out []render.Span
	if s := lastWords(before.String(), contextWords); s != "" {
		out = append(out, render.Span{Text: s, Style: render.Plain})
	}
	prev := diff.OpEqual
	for _, w := range pr.Words[min(run.Start, len(pr.Words)):min(run.End, len(pr.Words))] {
		t := oneLineText(w.Text)
		if prev == diff.OpDelete && w.Op == diff.OpInsert && !markup {
			out = append(out, render.Span{Text: "→", Style: render.Note})
		}
		prev = w.Op
		switch w.Op {
		case diff.OpDelete:
			out = appendMarked(out, t, render.WordDelete, "[-", "-]", markup)
		case diff.OpInsert:
			out = appendMarked(out, t, render.WordInsert, "{+", "+}", markup)
		default:
			out = append(out, render.Span{Text: t, Style: render.Plain})
		}
	}
	if s := firstWords(after.String(), contextWords); s != "" {
		out = append(out, render.Span{Text: s, Style: render.Plain})
	}
	return out
}

// sentenceExcerpt shows the start of an added or removed sentence.
func sentenceExcerpt(pr *diff.Pair, markup bool) []render.Span {
	if pr.Kind == diff.Added {
		return appendMarked(nil, firstWords(pr.New, 3*contextWords), render.Added, "{+", "+}", markup)
	}
	return appendMarked(nil, firstWords(pr.Old, 3*contextWords), render.Removed, "[-", "-]", markup)
}

func appendMarked(out []render.Span, t string, st render.Style, open, close string, markup bool) []render.Span {
	if markup {
		return append(out, render.Span{Text: open, Style: render.Markup}, render.Span{Text: t, Style: st},
			render.Span{Text: close, Style: render.Markup})
	}
	return append(out, render.Span{Text: t, Style: st})
}

// lastWords returns the last n words of s with "…" before them if any
// were cut, keeping the white space that ends s.
func lastWords(s string, n int) string {
	s = oneLineText(s)
	trail := s[len(strings.TrimRight(s, " ")):]
	f := strings.Fields(s)
	if len(f) <= n {
		return strings.Join(f, " ") + trail
	}
	return "…" + strings.Join(f[len(f)-n:], " ") + trail
}

// firstWords returns the first n words of s with "…" after them if any
// were cut, keeping the white space that starts s.
func firstWords(s string, n int) string {
	s = oneLineText(s)
	lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
	f := strings.Fields(s)
	if len(f) <= n {
		return lead + strings.Join(f, " ")
	}
	return lead + strings.Join(f[:n], " ") + "…"
}

// oneLineText makes s printable on one line.
func oneLineText(s string) string {
	if strings.ContainsAny(s, "\n\t\r") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return sanitize(s)
}
