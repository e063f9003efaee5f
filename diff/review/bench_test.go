package review_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
)

// bigPair compares the 10 MB benchmark pair written by
// STORYDIFF_GEN_DIR=dir go test ./diff -run TestGenerateBenchPairs; the
// benchmark is skipped without it.
func bigPair(b *testing.B) *diff.Result {
	dir := os.Getenv("STORYDIFF_GEN_DIR")
	if dir == "" {
		b.Skip("STORYDIFF_GEN_DIR not set")
	}
	var docs []*diff.Document
	for _, n := range []string{"10MB-old.txt", "10MB-new.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			b.Skip(err)
		}
		docs = append(docs, readDoc(b, n, data))
	}
	return diff.Compare(docs[0], docs[1], nil)
}

// BenchmarkMatch10MB measures what opening the viewer on a reviewed 10 MB
// pair adds: the key, the changes and the matching of 100 marks, 10 of
// them fuzzy (their anchors no longer exist).
func BenchmarkMatch10MB(b *testing.B) {
	r := bigPair(b)
	cs := review.Changes(r.View(0))
	rv := &review.Review{}
	for i := 0; i < 100 && i < len(cs); i++ {
		m := review.NewMark(&cs[i*len(cs)/100], review.Checked, "", "ed", time.Now())
		if i%10 == 0 {
			m.Anchor = "gone" + m.Anchor
		}
		rv.Set(m)
	}
	b.Run("key", func(b *testing.B) {
		for b.Loop() {
			review.Key(r)
		}
	})
	b.Run("changes", func(b *testing.B) {
		for b.Loop() {
			review.Changes(r.View(0))
		}
		b.ReportMetric(float64(len(cs)), "changes")
	})
	b.Run("match", func(b *testing.B) {
		for b.Loop() {
			review.Match(rv, r.View(0))
		}
	})
}
