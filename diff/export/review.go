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

// The review carried by the exports (Options.Review): the text, ansi,
// Markdown and HTML exports add a Review section after What matters (the
// progress line, then each marked change, then the orphaned marks) and
// the state of each marked block to its heading; JSON adds a "review"
// member. The checklist format lists every change with its box.

// checklistLine is one change of a checklist, or of a Review section:
// `[?] ¶5 → ¶7 · changed · NEG · with → without · “note” — ed, 2026-…`.
func checklistLine(c *review.Change, m *review.Mark) string {
	st := review.Unmarked
	if m != nil {
		st = m.State
	}
	parts := []string{st.Box() + " " + c.Refs(), c.What()}
	if b := c.Flags.Badges(); len(b) > 0 {
		parts = append(parts, strings.Join(b, " "))
	}
	if c.Excerpt != "" {
		parts = append(parts, cleanName(c.Excerpt))
	}
	line := strings.Join(parts, " · ")
	if m != nil {
		if l := m.Line(); l != "" {
			line += " · " + l
		}
	}
	return line
}

// orphanLine is a mark whose change is gone: `[✓] was ¶1 → ¶3 · 1.2 → 1.4
// · ed, 2026-…`.
func orphanLine(m *review.Mark) string {
	line := m.State.Box() + " was " + cleanName(m.Refs)
	if m.Excerpt != "" {
		line += " · " + cleanName(m.Excerpt)
	}
	if l := m.Line(); l != "" {
		line += " · " + l
	}
	return line
}

// orphanHead introduces the orphaned marks.
func orphanHead(n int) string {
	if n == 1 {
		return "1 mark whose change is no longer in this comparison:"
	}
	return strconv.Itoa(n) + " marks whose change is no longer in this comparison:"
}

// summaryLine is the checklist's last line: "reviewed 5/23 · 1 queried ·
// 17 to review".
func summaryLine(st *review.Status) string {
	_, _, u := st.Counts()
	line := st.Progress()
	if u > 0 {
		line += " · " + strconv.Itoa(u) + " to review"
	}
	return line
}

// writeChecklist writes one line per reviewable change of the view v
// with its box, paragraphs, kind, flags, excerpt and mark, then the
// orphaned marks, then the summary line. Without a review every box is
// empty.
func writeChecklist(w io.Writer, v diff.View, opt Options) (err error) {
	r := v.Result
	if err := check(r); err != nil {
		return err
	}
	st := opt.Review
	if st == nil {
		st = review.Match(nil, v)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("storydiff checklist: " + cleanName(r.Old.Name) + " → " + cleanName(r.New.Name) + "\n")
	if v.Ignore != 0 {
		bw.WriteString("ignoring " + strings.Join(ignoredClasses(v.Ignore), " and ") + " changes\n")
	}
	bw.WriteByte('\n')
	if len(st.Changes) == 0 {
		bw.WriteString("No changes to review.\n")
	}
	for i := range st.Changes {
		bw.WriteString(checklistLine(&st.Changes[i], st.Marks[i]) + "\n")
	}
	if len(st.Orphans) > 0 {
		bw.WriteString("\n" + orphanHead(len(st.Orphans)) + "\n")
		for i := range st.Orphans {
			bw.WriteString(orphanLine(&st.Orphans[i]) + "\n")
		}
	}
	bw.WriteString("\n" + summaryLine(st) + "\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export checklist: %w", err)
	}
	return nil
}

// ChecklistDone reports whether the checklist of the view v with opt
// passes: every change checked, none queried (see review.Status.Done).
// The program exits 0 then, 1 otherwise.
func ChecklistDone(v diff.View, opt Options) bool {
	if opt.Review != nil {
		return opt.Review.Done()
	}
	return review.Match(nil, v).Done()
}

// reviewItems returns the lines of the Review section: each marked change,
// in reading order.
func reviewItems(st *review.Status) []string {
	var out []string
	for i := range st.Changes {
		if st.Marks[i] != nil {
			out = append(out, checklistLine(&st.Changes[i], st.Marks[i]))
		}
	}
	return out
}

// headMark is what a block heading adds for the block's mark: " · [✓]
// checked by ed" or " · [?] queried by ed: “note”", or "".
func headMark(st *review.Status, bi int) string {
	if st == nil {
		return ""
	}
	i := st.Index(bi)
	if i < 0 || st.Marks[i] == nil {
		return ""
	}
	m := st.Marks[i]
	s := " · " + m.State.Box() + " " + m.State.String()
	if m.Who != "" {
		s += " by " + cleanName(m.Who)
	}
	if m.Note != "" {
		s += ": “" + cleanName(m.Note) + "”"
	}
	return s
}

// writeReviewText writes the Review section of the text and ansi exports.
func writeReviewText(bw *bufio.Writer, sk *skin, st *review.Status) {
	if st == nil {
		return
	}
	bw.WriteString("\n" + sk.paint("1", "Review:") + " " + st.Progress() + "\n")
	for _, l := range reviewItems(st) {
		bw.WriteString("  " + l + "\n")
	}
	if len(st.Orphans) > 0 {
		bw.WriteString("  " + orphanHead(len(st.Orphans)) + "\n")
		for i := range st.Orphans {
			bw.WriteString("    " + orphanLine(&st.Orphans[i]) + "\n")
		}
	}
}

// writeReviewMarkdown writes the Review section as a Markdown list.
func writeReviewMarkdown(bw *bufio.Writer, st *review.Status) {
	if st == nil {
		return
	}
	bw.WriteString("\n## Review\n\n" + mdText(st.Progress()) + "\n\n")
	for _, l := range reviewItems(st) {
		bw.WriteString("- " + mdText(l) + "\n")
	}
	if len(st.Orphans) > 0 {
		bw.WriteString("- " + mdText(orphanHead(len(st.Orphans))) + "\n")
		for i := range st.Orphans {
			bw.WriteString("  - " + mdText(orphanLine(&st.Orphans[i])) + "\n")
		}
	}
}

// review writes the Review section as HTML; each marked change links to
// its block.
func (h *htmlWriter) review(st *review.Status) {
	if st == nil {
		return
	}
	// The What matters box's style serves: no CSS for pages without a review.
	h.raw("<section class=\"matters review\">\n<h2>Review</h2>\n<p>")
	h.text(st.Progress())
	h.raw("</p>\n<ul>\n")
	for i := range st.Changes {
		if st.Marks[i] == nil {
			continue
		}
		h.raw("<li class=\"" + st.Marks[i].State.String() + "\"><a href=\"#b" + strconv.Itoa(st.Changes[i].Block+1) + "\">")
		h.text(checklistLine(&st.Changes[i], st.Marks[i]))
		h.raw("</a></li>\n")
	}
	if len(st.Orphans) > 0 {
		h.raw("<li>")
		h.text(orphanHead(len(st.Orphans)))
		h.raw("<ul>\n")
		for i := range st.Orphans {
			h.raw("<li>")
			h.text(orphanLine(&st.Orphans[i]))
			h.raw("</li>\n")
		}
		h.raw("</ul></li>\n")
	}
	h.raw("</ul>\n</section>\n")
}
