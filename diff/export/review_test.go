package export

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
)

// sampleReview marks the changes of r in a fixed pattern: every third
// checked, every third queried with a note (one with markup and a
// control character, to prove escaping), the rest unmarked; plus one
// orphaned mark.
func sampleReview(r *diff.Result) *review.Review {
	cs := review.Changes(r.View(0))
	rv := &review.Review{Version: review.FormatVersion, Pair: review.Key(r)}
	when := time.Date(2026, 11, 29, 12, 4, 5, 0, time.UTC)
	for i := range cs {
		switch i % 3 {
		case 0:
			rv.Set(review.NewMark(&cs[i], review.Checked, "", "ed", when))
		case 1:
			note := "check with the desk"
			if i == 1 {
				note = "<b>bold</b> & \x1b[31mred"
			}
			rv.Set(review.NewMark(&cs[i], review.Queried, note, "sam", when.Add(time.Minute)))
		}
	}
	rv.Set(review.Mark{Anchor: "00000000000000000000000000000000", State: review.Checked, Who: "ed", When: when,
		Refs: "¶9 → ¶9", Excerpt: "gone → away"})
	return rv
}

// reviewGoldens are the formats written with a review, and their files.
var reviewGoldens = []struct {
	file   string
	f      Format
	review bool
	ignore diff.ClassMask
}{
	{"checklist-none", FormatChecklist, false, 0},
	{"checklist", FormatChecklist, true, 0},
	{"checklist-ignore", FormatChecklist, true, diff.IgnoreTypography | diff.IgnoreStyle},
	{"text-review", FormatText, true, 0},
	{"markdown-review", FormatMarkdown, true, 0},
	{"html-review", FormatHTML, true, 0},
	{"json-review", FormatJSON, true, 0},
}

// TestReviewGolden: the checklist and the exports that carry a review,
// on the demo pair and the lede write-thru.
func TestReviewGolden(t *testing.T) {
	for _, pair := range []string{"../demo", "lede", "identical"} {
		r := loadPair(t, filepath.Join(pairsDir, pair))
		rv := sampleReview(r)
		name := strings.TrimPrefix(pair, "../")
		for _, g := range reviewGoldens {
			t.Run(name+"/"+g.file, func(t *testing.T) {
				var opt Options
				if g.review {
					opt.Review = review.Match(rv, r.View(g.ignore))
				}
				var buf bytes.Buffer
				if err := Write(&buf, r.View(g.ignore), g.f, opt); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, "review-"+name, g.file, buf.Bytes())
			})
		}
	}
}

// TestChecklistLines: one line per change in reading order, each with
// its box; the summary counts them; ChecklistDone only when all checked.
func TestChecklistLines(t *testing.T) {
	r := loadPair(t, filepath.Join(pairsDir, "lede"))
	cs := review.Changes(r.View(0))
	if len(cs) < 5 {
		t.Fatalf("%d changes in the lede fixture", len(cs))
	}
	when := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	rv := &review.Review{}
	for i := range cs {
		rv.Set(review.NewMark(&cs[i], review.Checked, "", "ed", when))
	}
	tests := []struct {
		name    string
		edit    func(rv *review.Review)
		done    bool
		summary string
	}{
		{"all checked", func(*review.Review) {}, true, "reviewed " + itoa(len(cs)) + "/" + itoa(len(cs))},
		{"one queried", func(rv *review.Review) { rv.Set(review.NewMark(&cs[2], review.Queried, "why?", "ed", when)) }, false,
			"reviewed " + itoa(len(cs)) + "/" + itoa(len(cs)) + " · 1 queried"},
		{"one unmarked", func(rv *review.Review) { rv.Set(review.Mark{Anchor: cs[0].Anchor}) }, false,
			"reviewed " + itoa(len(cs)-1) + "/" + itoa(len(cs)) + " · 1 to review"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rv := &review.Review{Marks: append([]review.Mark(nil), rv.Marks...)}
			tt.edit(rv)
			opt := Options{Review: review.Match(rv, r.View(0))}
			if got := ChecklistDone(r.View(0), opt); got != tt.done {
				t.Errorf("ChecklistDone = %v, want %v", got, tt.done)
			}
			var buf bytes.Buffer
			if err := Write(&buf, r.View(0), FormatChecklist, opt); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if last := lines[len(lines)-1]; last != tt.summary {
				t.Errorf("summary %q, want %q", last, tt.summary)
			}
			var boxes []string
			for _, l := range lines {
				if strings.HasPrefix(l, "[") {
					boxes = append(boxes, l[:len("[✓]")])
				}
			}
			if len(boxes) != len(cs) {
				t.Errorf("%d change lines, want %d:\n%s", len(boxes), len(cs), buf.String())
			}
		})
	}
	if ChecklistDone(r.View(0), Options{}) {
		t.Error("ChecklistDone without a review")
	}
	if !ChecklistDone(loadPair(t, filepath.Join(pairsDir, "identical")).View(0), Options{}) {
		t.Error("ChecklistDone false with nothing to review")
	}
}

// TestJSONReviewStream: the streamed JSON with a review is
// json.MarshalIndent's output, and the note's markup is escaped.
func TestJSONReviewStream(t *testing.T) {
	r := loadPair(t, filepath.Join(pairsDir, "../demo"))
	st := review.Match(sampleReview(r), r.View(0))
	jr, err := newJSONResultReview(r.View(0), st)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.MarshalIndent(jr, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeJSONReview(&buf, r.View(0), st); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != string(want)+"\n" {
		t.Errorf("stream differs from MarshalIndent:\n%s", firstDiff(string(want)+"\n", got))
	}
	if jr.Review == nil || jr.Review.Total != len(st.Changes) || len(jr.Review.Orphans) != 1 || jr.Review.Queried == 0 {
		t.Errorf("review member %+v", jr.Review)
	}
	if strings.Contains(buf.String(), "<b>") || strings.Contains(buf.String(), "\x1b") {
		t.Error("markup or a control character reached the JSON raw")
	}
}

// TestReviewEscaped: the notes reach HTML and the terminal escaped.
func TestReviewEscaped(t *testing.T) {
	r := loadPair(t, filepath.Join(pairsDir, "../demo"))
	opt := Options{Review: review.Match(sampleReview(r), r.View(0))}
	for _, f := range []Format{FormatHTML, FormatText, FormatMarkdown, FormatChecklist} {
		var buf bytes.Buffer
		if err := Write(&buf, r.View(0), f, opt); err != nil {
			t.Fatal(err)
		}
		if (f == FormatHTML && strings.Contains(buf.String(), "<b>bold")) || strings.Contains(buf.String(), "\x1b") {
			t.Errorf("%s: note written raw", f)
		}
		if !strings.Contains(buf.String(), "bold") {
			t.Errorf("%s: note missing", f)
		}
	}
}
