package export

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/textsafe"
)

// JSONVersion is the version of the JSON schema written by FormatJSON. It
// changes only when a field is removed or changes meaning; new fields may
// be added within a version.
const JSONVersion = 1

// JSONResult is the document Write writes in FormatJSON. Its schema (version 1):
//
//	{
//	  "version": 1,
//	  "old": {"name": "old.txt", "paragraphs": ["…", …], "labels": ["headline", "", …]},
//	  "new": {"name": "new.txt", "paragraphs": ["…", …]},
//	  "stats": {"old_paragraphs": 12, "new_paragraphs": 14,
//	            "equal": 6, "changed": 4, "added": 2, "removed": 1,
//	            "moved": 1, "split": 1, "merged": 0,
//	            "sentences_equal": 20, "sentences_changed": 5, "sentences_added": 3,
//	            "sentences_removed": 2, "sentences_moved": 1,
//	            "words_added": 34, "words_removed": 12,
//	            "typography": 2, "style": 5, "wording": 3,
//	            "negations": 1, "numbers": 2, "quotes": 0, "names": 1, "attributions": 0,
//	            "boilerplate": 7, "boilerplate_changed": 2},
//	  "ignored": {"classes": ["typography"], "hidden": 2},
//	  "findings": [{"kind": "correction added|correction removed|lede|dateline|reordered|trimmed|error", "text": "…", "blocks": [0]}],
//	  "ghosts": [{"old": 10, "block": 4, "at": 12}],
//	  "review": {"pair": "9c1e…", "total": 23, "checked": 4, …},  (see JSONReview)
//	  "blocks": [{
//	    "kind": "equal|changed|added|removed",
//	    "old": [3], "new": [4, 5],
//	    "moved": false, "origin": 7, "split": true, "merged": false,
//	    "class": "none|typography|style|wording", "flags": ["negation", "reversal", "number", "quote", "name", "attribution"],
//	    "boilerplate": "byline",
//	    "sentences": [{
//	      "kind": "equal|changed|added|removed",
//	      "old": "old text", "new": "new text",
//	      "old_ref": [3, 0], "new_ref": [4, 0], "old_more": 1, "new_more": 0, "part_of": [2, 0],
//	      "moved": false,
//	      "class": "wording", "flags": ["number"],
//	      "words": [{"op": "equal|insert|delete", "text": "…"}],
//	      "runs": [{"start": 1, "end": 3, "class": "wording", "flags": ["number"]}],
//	      "from": [{"op": "equal|insert|delete", "text": "…"}]
//	    }]
//	  }]
//	}
//
// Blocks are in the new version's reading order with removed paragraphs
// where they stood; "old" and "new" hold 0-based paragraph indices
// (always present, possibly empty). A block added or removed whole carries
// its flags itself and its sentences none (it is flagged once, as a
// block). "origin" (moved blocks only) is the
// index in "blocks" before which the block's old paragraphs stood in the
// old version. Sentences are in reading order; "old_ref" and "new_ref" are
// [paragraph, sentence] indices, 0-based, absent for the side a sentence
// lacks, as are "old" and "new" (a sentence text is never empty).
// "part_of", on an added (removed) sentence only, is the [paragraph,
// sentence] of the old (new) sentence that holds most of its words: a
// clause split off into its own sentence, or a sentence folded into
// another; a hint, not a link. "from", on such a sentence when the other
// lies in the same block, is the word diff of the words it came from into
// it (diff.Pair.From): "equal" words were carried over. "ghosts" mark
// where an old paragraph ("old") merged into block "block" far away stood:
// before block "at".
// "old_more" ("new_more"), when present, says the entry also covers that
// many following sentences of the same paragraph: sentences an editor
// joined into one (or split from one) are one entry whose "old" ("new")
// holds them all, so its words show the join. A
// sentence with "moved": true came from an old paragraph of another block.
// "stats" are the counts of the complete comparison (diff.Stats): the
// class counts count each run of a changed sentence and each added or
// removed sentence once, the flag counts ("negations" … "attributions")
// the changes carrying each flag, all over story blocks only;
// "boilerplate" counts the boilerplate blocks and "boilerplate_changed"
// those that changed. "ignored" is present only when the export was asked
// to ignore classes (a diff.View with a mask): the ignored class names and
// the number of runs they hide (diff.View.Stats); everything else
// stays complete, so a reader can apply the mask itself with the runs'
// "class".
// Concatenating the "text" of equal and delete words gives "old", of equal
// and insert words gives "new"; "words" is absent for sentences with
// identical texts and for added and removed ones. "review" is present only
// when the export carries a review (see JSONReview). "labels", "ignored", "findings",
// "class" (when "none"), "flags", "boilerplate", "origin", "split",
// "old_more", "new_more", "part_of",
// "merged" and "runs" are omitted when empty or false. Each paragraph's
// sentences, joined in old_ref (new_ref) order with the white space of the
// paragraph between them, rebuild it.
type JSONResult struct {
	Version  int           `json:"version"`
	Old      JSONDocument  `json:"old"`
	New      JSONDocument  `json:"new"`
	Stats    JSONStats     `json:"stats"`
	Ignored  *JSONIgnored  `json:"ignored,omitempty"`
	Findings []JSONFinding `json:"findings,omitempty"`
	// Ghosts are diff.Result's: where paragraphs merged into a block far
	// away stood.
	Ghosts []JSONGhost `json:"ghosts,omitempty"`
	Review *JSONReview `json:"review,omitempty"`
	Blocks []JSONBlock `json:"blocks"`
}

// JSONGhost is a diff.Ghost: old paragraph "old" was merged into block
// "block" and stood before block "at" in the old version.
type JSONGhost struct {
	Old   int `json:"old"`
	Block int `json:"block"`
	At    int `json:"at"`
}

// JSONReview is the "review" member, present when the export carries a
// review (Options.Review):
//
//	"review": {
//	  "pair": "9c1e…",
//	  "total": 23, "checked": 4, "queried": 1, "unmarked": 18,
//	  "changes": [{"block": 3, "anchor": "5d0f…", "state": "queried",
//	               "note": "with → without: check with the desk",
//	               "who": "ed", "when": "2026-11-29T12:04:05Z"}, …],
//	  "orphans": [{"anchor": "…", "state": "checked", "who": "ed", "when": "…",
//	               "refs": "¶1 → ¶3", "excerpt": "1.2 → 1.4"}]
//	}
//
// "pair" is the review's key (review.Key: a hash of the two versions'
// normalised paragraphs). "changes" lists every reviewable change under
// the export's ignore mask (what the viewer's n stops on), in reading
// order: "block" indexes "blocks", "anchor" is the change's content hash,
// "state" is checked, queried or unmarked; "note", "who" and "when" (RFC
// 3339) are those of its mark, omitted when unmarked. "orphans" are marks
// whose change is no longer in the comparison, with the paragraphs
// ("refs") and "excerpt" it had when marked; omitted when none.
type JSONReview struct {
	Pair     string       `json:"pair"`
	Total    int          `json:"total"`
	Checked  int          `json:"checked"`
	Queried  int          `json:"queried"`
	Unmarked int          `json:"unmarked"`
	Changes  []JSONMark   `json:"changes"`
	Orphans  []JSONOrphan `json:"orphans,omitempty"`
}

// JSONMark is the review state of one change.
type JSONMark struct {
	Block  int    `json:"block"`
	Anchor string `json:"anchor"`
	State  string `json:"state"`
	Note   string `json:"note,omitempty"`
	Who    string `json:"who,omitempty"`
	When   string `json:"when,omitempty"`
}

// JSONOrphan is a mark whose change is gone.
type JSONOrphan struct {
	Anchor  string `json:"anchor"`
	State   string `json:"state"`
	Note    string `json:"note,omitempty"`
	Who     string `json:"who,omitempty"`
	When    string `json:"when,omitempty"`
	Refs    string `json:"refs,omitempty"`
	Excerpt string `json:"excerpt,omitempty"`
}

// jsonReview converts a review status to the "review" member; nil for
// none.
func jsonReview(st *review.Status) *JSONReview {
	if st == nil {
		return nil
	}
	c, q, u := st.Counts()
	jr := &JSONReview{Pair: st.Key, Total: len(st.Changes), Checked: c, Queried: q, Unmarked: u, Changes: []JSONMark{}}
	when := func(m *review.Mark) string {
		if m.When.IsZero() {
			return ""
		}
		return m.When.UTC().Format(time.RFC3339)
	}
	for i := range st.Changes {
		jm := JSONMark{Block: st.Changes[i].Block, Anchor: st.Changes[i].Anchor, State: review.Unmarked.String()}
		if m := st.Marks[i]; m != nil {
			jm.State, jm.Note, jm.Who, jm.When = m.State.String(), textsafe.Clean(m.Note), textsafe.Clean(m.Who), when(m)
		}
		jr.Changes = append(jr.Changes, jm)
	}
	for i := range st.Orphans {
		m := &st.Orphans[i]
		jr.Orphans = append(jr.Orphans, JSONOrphan{Anchor: textsafe.Clean(m.Anchor), State: m.State.String(), Note: textsafe.Clean(m.Note),
			Who: textsafe.Clean(m.Who), When: when(m), Refs: textsafe.Clean(m.Refs), Excerpt: textsafe.Clean(m.Excerpt)})
	}
	return jr
}

// JSONDocument is one version: its name and paragraph texts.
type JSONDocument struct {
	Name       string   `json:"name"`
	Paragraphs []string `json:"paragraphs"`
	// Labels gives each paragraph's input label; omitted when none has one.
	Labels []string `json:"labels,omitempty"`
}

// JSONStats are the counts of diff.Stats.
type JSONStats struct {
	OldParagraphs int `json:"old_paragraphs"`
	NewParagraphs int `json:"new_paragraphs"`
	// Each version's paragraphs by the kind of their block; each group
	// sums to old_paragraphs or new_paragraphs.
	OldUnchanged     int `json:"old_unchanged"`
	OldChanged       int `json:"old_changed"`
	OldRemoved       int `json:"old_removed"`
	OldBoilerplate   int `json:"old_boilerplate"`
	NewUnchanged     int `json:"new_unchanged"`
	NewChanged       int `json:"new_changed"`
	NewAdded         int `json:"new_added"`
	NewBoilerplate   int `json:"new_boilerplate"`
	Equal            int `json:"equal"`
	Changed          int `json:"changed"`
	Added            int `json:"added"`
	Removed          int `json:"removed"`
	Moved            int `json:"moved"`
	Split            int `json:"split"`
	Merged           int `json:"merged"`
	SentencesEqual   int `json:"sentences_equal"`
	SentencesChanged int `json:"sentences_changed"`
	SentencesAdded   int `json:"sentences_added"`
	SentencesRemoved int `json:"sentences_removed"`
	SentencesMoved   int `json:"sentences_moved"`
	WordsAdded       int `json:"words_added"`
	WordsRemoved     int `json:"words_removed"`
	// Changes by class and changes carrying each flag (story blocks only).
	Typography   int `json:"typography"`
	Style        int `json:"style"`
	Wording      int `json:"wording"`
	Negations    int `json:"negations"`
	Reversals    int `json:"reversals"`
	Numbers      int `json:"numbers"`
	Quotes       int `json:"quotes"`
	Names        int `json:"names"`
	Attributions int `json:"attributions"`
	// Boilerplate blocks, and those of them that changed.
	Boilerplate        int `json:"boilerplate"`
	BoilerplateChanged int `json:"boilerplate_changed"`
}

// JSONIgnored records the classes an export was asked to ignore and how
// many runs of the result they hide.
type JSONIgnored struct {
	Classes []string `json:"classes"`
	Hidden  int      `json:"hidden"`
}

// JSONFinding is a story-level observation.
type JSONFinding struct {
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	Blocks []int  `json:"blocks,omitempty"`
}

// JSONBlock is one aligned group of paragraphs.
type JSONBlock struct {
	Kind        string         `json:"kind"`
	Old         []int          `json:"old"`
	New         []int          `json:"new"`
	Moved       bool           `json:"moved"`
	Origin      *int           `json:"origin,omitempty"`
	Split       bool           `json:"split,omitempty"`
	Merged      bool           `json:"merged,omitempty"`
	Class       string         `json:"class,omitempty"`
	Flags       []string       `json:"flags,omitempty"`
	Boilerplate string         `json:"boilerplate,omitempty"`
	Sentences   []JSONSentence `json:"sentences"`
}

// JSONSentence is one sentence pair.
type JSONSentence struct {
	Kind   string  `json:"kind"`
	Old    string  `json:"old,omitempty"`
	New    string  `json:"new,omitempty"`
	OldRef *[2]int `json:"old_ref,omitempty"`
	NewRef *[2]int `json:"new_ref,omitempty"`
	// PartOf is diff.Pair's: [paragraph, sentence] of the other version's
	// sentence holding most of an added or removed sentence's words.
	PartOf *[2]int `json:"part_of,omitempty"`
	// OldMore and NewMore are diff.Pair's: further sentences covered.
	OldMore int        `json:"old_more,omitempty"`
	NewMore int        `json:"new_more,omitempty"`
	Moved   bool       `json:"moved"`
	Class   string     `json:"class,omitempty"`
	Flags   []string   `json:"flags,omitempty"`
	Words   []JSONWord `json:"words,omitempty"`
	Runs    []JSONRun  `json:"runs,omitempty"`
	// From is diff.Pair's: for an added sentence split off a sentence of
	// its block (a removed one folded into one), the word diff of the words
	// it came from into it; "equal" words were carried over.
	From []JSONWord `json:"from,omitempty"`
}

// partOf converts a diff.Pair's PartOf.
func partOf(r *diff.SentRef) *[2]int {
	if r == nil {
		return nil
	}
	return &[2]int{r.Para, r.Sent}
}

// JSONWord is one word operation.
type JSONWord struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// JSONRun is a stretch of non-equal words, words[start:end], with its
// class and flags.
type JSONRun struct {
	Start int      `json:"start"`
	End   int      `json:"end"`
	Class string   `json:"class,omitempty"`
	Flags []string `json:"flags,omitempty"`
}

// newJSONResult converts the view v to the JSON document writeJSON writes:
// the whole result, with Ignored set when v ignores classes.
func newJSONResult(v diff.View) (jr *JSONResult, err error) { return newJSONResultReview(v, nil) }

// newJSONResultReview converts v to the JSON document writeJSONReview
// writes: newJSONResult's, with Review set from st.
func newJSONResultReview(v diff.View, st *review.Status) (jr *JSONResult, err error) {
	r := v.Result
	if err := check(r); err != nil {
		return nil, err
	}
	jr = jsonHead(r)
	jr.Ignored = jsonIgnored(v)
	jr.Review = jsonReview(st)
	jr.Blocks = make([]JSONBlock, len(r.Blocks))
	for bi := range r.Blocks {
		jr.Blocks[bi] = jsonBlock(&r.Blocks[bi])
	}
	return jr, nil
}

// jsonHead converts everything but the blocks.
func jsonHead(r *diff.Result) *JSONResult {
	st := r.Stats
	jr := &JSONResult{
		Version: JSONVersion,
		Old:     jsonDoc(r.Old),
		New:     jsonDoc(r.New),
		Stats: JSONStats{
			OldParagraphs: st.OldParagraphs, NewParagraphs: st.NewParagraphs,
			OldUnchanged: st.OldEqual, OldChanged: st.OldChanged, OldRemoved: st.OldRemoved, OldBoilerplate: st.OldBoilerplate,
			NewUnchanged: st.NewEqual, NewChanged: st.NewChanged, NewAdded: st.NewAdded, NewBoilerplate: st.NewBoilerplate,
			Equal: st.Equal, Changed: st.Changed, Added: st.Added, Removed: st.Removed,
			Moved: st.Moved, Split: st.Split, Merged: st.Merged,
			SentencesEqual: st.SentencesEqual, SentencesChanged: st.SentencesChanged,
			SentencesAdded: st.SentencesAdded, SentencesRemoved: st.SentencesRemoved,
			SentencesMoved: st.SentencesMoved,
			WordsAdded:     st.WordsAdded, WordsRemoved: st.WordsRemoved,
			Typography: st.Typography, Style: st.Style, Wording: st.Wording,
			Negations: st.Negations, Reversals: st.Reversals, Numbers: st.Numbers, Quotes: st.Quotes, Names: st.Names,
			Attributions: st.Attributions,
			Boilerplate:  st.Boilerplate, BoilerplateChanged: st.BoilerplateChanged,
		},
	}
	for _, f := range r.Findings {
		jr.Findings = append(jr.Findings, JSONFinding{Kind: f.Kind, Text: f.Text, Blocks: f.Blocks})
	}
	for _, g := range r.Ghosts {
		jr.Ghosts = append(jr.Ghosts, JSONGhost{Old: g.Old, Block: g.Block, At: g.At})
	}
	return jr
}

// jsonIgnored returns the "ignored" member for the view v, or nil when it
// ignores nothing.
func jsonIgnored(v diff.View) *JSONIgnored {
	if v.Ignore == 0 {
		return nil
	}
	_, hidden := v.Stats()
	return &JSONIgnored{Classes: ignoredClasses(v.Ignore), Hidden: hidden}
}

// ignoredClasses returns the names of the classes in m, least significant
// first.
func ignoredClasses(m diff.ClassMask) []string {
	names := []string{}
	for c := diff.ClassTypography; c <= diff.ClassWording; c++ {
		if m.Has(c) {
			names = append(names, c.String())
		}
	}
	return names
}

// jsonBlock converts one block.
func jsonBlock(b *diff.Block) JSONBlock {
	jb := JSONBlock{
		Kind:        b.Kind.String(),
		Old:         ints(b.Old),
		New:         ints(b.New),
		Moved:       b.Moved,
		Split:       b.IsSplit(),
		Merged:      b.IsMerge(),
		Class:       className(b.Class),
		Flags:       b.Flags.Names(),
		Boilerplate: b.Boilerplate,
		Sentences:   make([]JSONSentence, len(b.Pairs)),
	}
	if b.Moved {
		o := b.Origin
		jb.Origin = &o
	}
	for pi := range b.Pairs {
		p := &b.Pairs[pi]
		js := JSONSentence{
			Kind:    p.Kind.String(),
			Old:     p.Old,
			New:     p.New,
			OldRef:  jsonRef(p.OldRef),
			NewRef:  jsonRef(p.NewRef),
			PartOf:  partOf(p.PartOf),
			OldMore: p.OldMore,
			NewMore: p.NewMore,
			Moved:   p.Moved,
			Class:   className(p.Class),
			Flags:   p.Flags.Names(),
		}
		if len(p.Words) > 0 {
			js.Words = make([]JSONWord, len(p.Words))
			for wi, w := range p.Words {
				js.Words[wi] = JSONWord{Op: w.Op.String(), Text: w.Text}
			}
		}
		for _, run := range p.Runs {
			js.Runs = append(js.Runs, JSONRun{Start: run.Start, End: run.End, Class: className(run.Class), Flags: run.Flags.Names()})
		}
		for _, w := range p.From {
			js.From = append(js.From, JSONWord{Op: w.Op.String(), Text: w.Text})
		}
		jb.Sentences[pi] = js
	}
	return jb
}

func jsonDoc(d *diff.Document) JSONDocument {
	jd := JSONDocument{Name: textsafe.Clean(d.Name), Paragraphs: make([]string, len(d.Paragraphs))}
	labelled := false
	for i := range d.Paragraphs {
		jd.Paragraphs[i] = d.Paragraphs[i].Text
		if d.Paragraphs[i].Label != "" {
			labelled = true
		}
	}
	if labelled {
		jd.Labels = make([]string, len(d.Paragraphs))
		for i := range d.Paragraphs {
			jd.Labels[i] = d.Paragraphs[i].Label
		}
	}
	return jd
}

// ints returns s, or an empty slice for nil so that JSON shows [].
func ints(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

func jsonRef(r diff.SentRef) *[2]int {
	if r.IsNone() {
		return nil
	}
	return &[2]int{r.Para, r.Sent}
}

func className(c diff.Class) string {
	if c == diff.ClassNone {
		return ""
	}
	return c.String()
}

// writeJSON writes the result of the view v as one JSON document (see
// JSONResult for the schema), indented by two spaces and ended by a
// newline: the bytes json.MarshalIndent(newJSONResult(v), "", "  ") gives
// plus a newline, written without reflection and streamed, so memory stays
// flat. <, > and & in strings are written as \u003c, \u003e and \u0026 so
// that the output can be embedded in HTML safely. When v ignores classes
// the top-level "ignored" member records them and the number of runs they
// hide; the rest of the document is complete whatever v ignores.
func writeJSON(w io.Writer, v diff.View) error { return writeJSONReview(w, v, nil) }

// writeJSONReview writes what writeJSON writes, with the "review" member
// (JSONReview) when st is not nil.
func writeJSONReview(w io.Writer, v diff.View, st *review.Status) (err error) {
	if err := check(v.Result); err != nil {
		return err
	}
	j := newJSONWriter(w)
	var rv []byte
	if st != nil {
		// Small: encoding/json writes it, indented to its depth.
		if rv, err = json.MarshalIndent(jsonReview(st), "  ", "  "); err != nil {
			return fmt.Errorf("export json review: %w", err)
		}
	}
	j.result(v, rv)
	if err := j.flush(); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	return nil
}
