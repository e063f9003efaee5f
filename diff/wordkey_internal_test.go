package diff

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/storydiff/storydiff/diff/input"
)

// TestAppendWordKey holds appendWordKey (the allocation-free form used to
// count a document's words) to wordKey.
func TestAppendWordKey(t *testing.T) {
	for _, w := range []string{"U.S.", "a.m.", "1,000", "2.5", "1,000.5", "Trump", "Zoë", "ÉCOLE", "don’t", "x", "Ph.D.", "٣,٤", "U.S"} {
		if got, want := string(appendWordKey([]byte("prefix"), w)), "prefix"+wordKey(w); got != want {
			t.Errorf("appendWordKey(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestFeatureWordsMatchDocCount holds the word key set that features
// builds for the classifier (feats.words, hashed) to docCount, the
// classifier's own count over each whole version, on every fixture file
// and on text with periods, separators and non-ASCII words.
func TestFeatureWordsMatchDocCount(t *testing.T) {
	files, err := filepath.Glob("../testdata/pairs/*/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture files (%v)", err)
	}
	docs := []*Document{NewDocument("extra", []string{
		"The U.S. Army said at 9 a.m. that 1,000 troops left. Ph.D. students, 2.5 million.",
		"ÉCOLE Zoë don’t «quoted» — dash… ٣,٤ x",
	}, nil)}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := input.Read(name, f, input.Text)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, NewDocument(name, d.Paragraphs, d.Labels))
	}
	for _, d := range docs {
		c := &classifier{}
		want := map[uint64]struct{}{}
		for k := range c.docCount(d) {
			want[fnv(fnvOffset, []byte(k))] = struct{}{}
		}
		got := features(d).words
		if len(got) != len(want) {
			t.Errorf("%s: features has %d word keys, docCount %d", d.Name, len(got), len(want))
		}
		for k := range want {
			if _, ok := got[k]; !ok {
				t.Errorf("%s: a word key of docCount is missing from features", d.Name)
				break
			}
		}
	}
}
