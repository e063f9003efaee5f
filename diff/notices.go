package diff

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff/internal/segment"
)

// The kinds of Finding for notices: a correction, clarification, editor's
// note or update notice added to or removed from the story. They head What
// matters.
const (
	// FindingCorrectionAdded: a notice was added; Text is the notice.
	FindingCorrectionAdded = "correction added"
	// FindingCorrectionRemoved: a notice was removed; Text is the notice.
	FindingCorrectionRemoved = "correction removed"
)

// IsCorrection reports whether a finding kind is a notice added or removed.
func IsCorrection(kind string) bool {
	return kind == FindingCorrectionAdded || kind == FindingCorrectionRemoved
}

// noticeWords caps the text of a notice finding.
const noticeWords = 40

// labelNotices are the openings of a notice that take a colon, a dash or a
// bracket after them ("Correction: …", "Eds: UPDATES with …",
// "CLARIFICATION (Aug. 3) — …"); matched on the folded text.
var labelNotices = []string{
	"correction", "corrections", "clarification", "clarifications", "editor's note", "editors' note",
	"editors note", "editor's notes", "note to editors", "note to readers", "eds", "update", "updated",
	"updates", "breaking", "breaking news", "retraction", "erratum",
}

// phraseNotices are openings that make a notice whatever follows.
var phraseNotices = []string{
	"an earlier version of this", "a previous version of this", "an earlier version of the",
	"a previous version of the", "updates with", "updates to add", "this is a breaking news",
	"this is a developing story", "this story is developing", "this breaking news story",
	"this story will be updated", "this article will be updated", "this story is being updated",
	"this is a developing news story", "check back for updates", "please check back", "refresh for updates",
}

// noticeSubjects open "this story has been …" / "this article was …".
var noticeSubjects = []string{"this story ", "this article ", "this report ", "this post "}

// noticeVerbs complete "this story has been …" / "this article was …".
var noticeVerbs = []string{"corrected", "updated", "amended", "clarified", "revised", "edited to", "changed to"}

// IsNotice reports whether a paragraph or sentence is a correction,
// clarification, editor's note or update notice: "Correction: …", "An
// earlier version of this story…", "This story has been corrected…",
// "Editor's note: …", a wire "Eds:" line, "UPDATES with …", "This is a
// breaking news update…". The test is on the folded opening (case,
// quote marks and dashes do not matter; leading asterisks, underscores and
// brackets are skipped).
func IsNotice(text string) bool {
	t := strings.TrimLeft(text, " *_([#>\t")
	if !mayOpenNotice(t) {
		return false // most paragraphs: not folded at all
	}
	return noticeOpening(foldHead(t))
}

// mayOpenNotice reports whether the folded t may start with a notice
// opening. Fold only lower-cases the start of t up to the first
// character that is not ASCII (less the ASCII character before it, which
// may compose with it), not a single space or a control character: if
// that stretch disagrees with every opening, so does Fold(t).
func mayOpenNotice(t string) bool {
	n := 0
	for ; n < len(t) && n < noticeHead; n++ {
		c := t[n]
		if c >= utf8.RuneSelf {
			n = max(0, n-1)
			break
		}
		if c < ' ' || c == ' ' && n > 0 && t[n-1] == ' ' {
			break
		}
	}
	h := t[:n]
	for _, list := range [][]string{labelNotices, phraseNotices, noticeSubjects} {
		for _, o := range list {
			k := min(len(h), len(o))
			if strings.EqualFold(h[:k], o[:k]) {
				return true
			}
		}
	}
	return false
}

// noticeHead is how many bytes of a text's folded opening IsNotice
// reads, with room to spare: its longest opening is under 40 bytes.
const noticeHead = 64

// foldHead returns segment.Fold(t), or a prefix of it at least noticeHead
// bytes long. Folding every added or removed paragraph whole to read its
// opening was 90% of the notice findings' time: it folds t up to the first
// ASCII letter, digit or punctuation mark after noticeHead bytes. There
// Fold starts afresh (an ASCII character is a normalisation boundary and
// ends a run of spaces), so the folded start of t is the start of the
// folded whole.
func foldHead(t string) string {
	for cut := noticeHead; cut < len(t); cut++ {
		if c := t[cut]; c > ' ' && c < utf8.RuneSelf-1 {
			if s := segment.Fold(t[:cut]); len(s) >= noticeHead {
				return s
			}
			break
		}
	}
	return segment.Fold(t)
}

// noticeOpening reports whether the folded opening s of a text starts a
// notice (see IsNotice).
func noticeOpening(s string) bool {
	for _, l := range labelNotices {
		if rest, ok := strings.CutPrefix(s, l); ok {
			rest = strings.TrimLeft(rest, " ")
			if rest != "" && strings.ContainsRune(":-([", rune(rest[0])) {
				return true
			}
		}
	}
	for _, p := range phraseNotices {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	for _, subj := range noticeSubjects {
		rest, ok := strings.CutPrefix(s, subj)
		if !ok {
			continue
		}
		for _, aux := range []string{"has been ", "had been ", "was ", "has ", "is "} {
			if r2, ok := strings.CutPrefix(rest, aux); ok {
				for _, v := range noticeVerbs {
					if strings.HasPrefix(r2, v) {
						return true
					}
				}
			}
		}
	}
	return false
}

// noticeFindings reports the notices added or removed: each added or
// removed paragraph (or sentence of a changed paragraph) that IsNotice
// accepts, boilerplate included, one finding per paragraph, in reading
// order.
func noticeFindings(r *Result) []Finding {
	var out []Finding
	seen := map[[2]int]bool{} // side (0 old, 1 new), paragraph
	add := func(bi int, kind string, side, para int, text string) {
		if seen[[2]int{side, para}] {
			return
		}
		seen[[2]int{side, para}] = true
		if t, cut := cutWords(text, noticeWords); cut {
			text = t + " …"
		}
		out = append(out, Finding{Kind: kind, Blocks: []int{bi}, Text: fmt.Sprintf("¶%d: %s", para+1, text)})
	}
	// A paragraph added or removed whole is read once, not once per
	// sentence.
	lastSide, lastPara, lastNotice := -1, -1, false
	paraNotice := func(side, para int, text string) bool {
		if side != lastSide || para != lastPara {
			lastSide, lastPara, lastNotice = side, para, IsNotice(text)
		}
		return lastNotice
	}
	for bi := range r.Blocks {
		b := &r.Blocks[bi]
		for pi := range b.Pairs {
			p := &b.Pairs[pi]
			switch p.Kind {
			case Added:
				para := &r.New.Paragraphs[p.NewRef.Para]
				if whole := b.IsWhole() || len(para.Sentences) == 1; whole && paraNotice(1, p.NewRef.Para, para.Text) {
					add(bi, FindingCorrectionAdded, 1, p.NewRef.Para, para.Text)
				} else if IsNotice(p.New) {
					add(bi, FindingCorrectionAdded, 1, p.NewRef.Para, p.New)
				}
			case Removed:
				para := &r.Old.Paragraphs[p.OldRef.Para]
				if whole := b.IsWhole() || len(para.Sentences) == 1; whole && paraNotice(0, p.OldRef.Para, para.Text) {
					add(bi, FindingCorrectionRemoved, 0, p.OldRef.Para, para.Text)
				} else if IsNotice(p.Old) {
					add(bi, FindingCorrectionRemoved, 0, p.OldRef.Para, p.Old)
				}
			}
		}
	}
	return out
}

// cutWords returns the first k words of s and whether words were cut.
func cutWords(s string, k int) (string, bool) {
	f := strings.Fields(s)
	if len(f) <= k {
		return s, false
	}
	return strings.Join(f[:k], " "), true
}
