package diff

import (
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff/input"
)

// fixtureDoc reads one fixture file through package input.
func fixtureDoc(t testing.TB, path string) *Document {
	t.Helper()
	d, err := input.ReadFile(path, input.Auto)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return NewDocument(d.Name, d.Paragraphs, d.Labels)
}

func TestParagraphLabels(t *testing.T) {
	story := "The council met on Tuesday to discuss the harbour budget for next year."
	tests := []struct {
		name   string
		first  string // paragraph under test, placed first, before a story paragraph
		label  string // input label
		want   string
		second bool // place it second, after a story paragraph
	}{
		{"headline", "Lisbon to ban most cars from its historic center next summer", "", BoilerHeadline, false},
		{"headline with question mark", "Will Lisbon ban cars from its center?", "", BoilerHeadline, false},
		{"first story paragraph is no headline", story, "", "", false},
		{"short line later is no headline", "Lisbon to ban most cars", "", "", true},
		{"input headline label", "A long headline that even ends with a full stop.", "headline", BoilerHeadline, true},
		{"input title label", "Ferry capsizes", "title", BoilerHeadline, true},
		{"input caption is story", "The ferry at the pier.", "caption", "", true},
		{"section", "Published in World News", "", BoilerSection, true},
		{"byline", "By Jane Doe, Associated Wire", "", BoilerByline, true},
		{"byline in capitals", "BY JANE DOE", "", BoilerByline, true},
		{"by in a sentence is no byline", "By Tuesday, officials had counted most of the ballots in the city.", "", "", true},
		{"input byline label", "Jane Doe", "byline", BoilerByline, true},
		{"dateline alone", "ANCHORAGE, Alaska (AP) —", "", BoilerDateline, true},
		{"dateline alone without agency", "WASHINGTON —", "", BoilerDateline, true},
		{"input date label", "2025-08-16", "date", BoilerDate, true},
		{"date field", "Aug. 15, 2025", "", BoilerDate, true},
		{"iso date field", "Updated 2025-08-16 14:05 UTC", "", BoilerDate, true},
		{"contributed", "(Jane Doe contributed to this report.)", "", BoilerContributors, true},
		{"with assistance", "With assistance from Rui Tavares.", "", BoilerContributors, true},
		{"reporting by", "(Reporting by Priya Sandoval; editing by M.T. Greer)", "", BoilerContributors, true},
		{"editing by", "Editing by Mark Heinrich", "", BoilerContributors, true},
		{"copyright sign", "©2026 Associated Wire. Distributed by Example Content Agency, LLC.", "", BoilerCopyright, true},
		{"copyright word", "Copyright 2025 The Harbor Wire", "", BoilerCopyright, true},
		{"copyright (c)", "(c) 2025 The Harbor Wire", "", BoilerCopyright, true},
		{"contributed in capitals", "JANE DOE CONTRIBUTED TO THIS REPORT.", "", BoilerContributors, true},
		{"all rights reserved", "The Harbor Wire. All rights reserved.", "", BoilerCopyright, true},
		{"distributed by", "Distributed by Tribune Content Agency, LLC.", "", BoilerCopyright, true},
		{"underscores", "_____", "", BoilerSeparator, true},
		{"stars", "* * *", "", BoilerSeparator, true},
		{"dashes", "---", "", BoilerSeparator, true},
		{"two dashes are not enough", "--", "", "", true},
		{"comments", "Comments", "", BoilerTrailer, true},
		{"related", "Related", "", BoilerTrailer, true},
		{"read more", "Read more:", "", BoilerTrailer, true},
		{"story mentioning comments", "Comments from residents were mostly critical of the plan.", "", "", true},
		{"long paragraph starting with copyright", "Copyright lawyers said " + strings.Repeat("the ruling was narrow and ", 20) + "unusual.", "", "", true},
		{"glued dateline is story", "LISBON, Portugal (AW) — Lisbon will ban most private cars from its center.", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paras := []string{tt.first, story}
			labels := []string{tt.label, ""}
			at := 0
			if tt.second {
				paras = []string{story, tt.first, story}
				labels = []string{"", tt.label, ""}
				at = 1
			}
			d := NewDocument("x", paras, labels)
			got := paragraphLabels(d)
			if got[at] != tt.want {
				t.Errorf("label %q, want %q", got[at], tt.want)
			}
			for i, l := range got {
				if i != at && l != "" {
					t.Errorf("story paragraph %d labelled %q", i, l)
				}
			}
		})
	}
}

func TestHeadlineNeedsAStory(t *testing.T) {
	if got := paragraphLabels(NewDocument("x", []string{"Ferry capsizes"}, nil)); got[0] != "" {
		t.Errorf("a lone short paragraph is labelled %q, want story", got[0])
	}
	// The headline may follow a date field.
	got := paragraphLabels(NewDocument("x", []string{"2025-08-16", "Ferry capsizes in storm", "The ferry sank."}, nil))
	if got[0] != BoilerDate || got[1] != BoilerHeadline || got[2] != "" {
		t.Errorf("labels %q, want date, headline, story", got)
	}
}

func TestDatelinePrefix(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"LISBON, Portugal (AW) — ", true},
		{"ANCHORAGE, Alaska (AP) — ", true},
		{"ST. LOUIS (AP) -- ", true},
		{"WASHINGTON, Aug 15 (Reuters) - ", true},
		{"NEW YORK — ", true},
		{"KYIV, Ukraine — ", true},
		{"Lisbon — ", false}, // not in capitals
		{"LISBON, Portugal (AW) — Lisbon will ban", false},
		{"The US — ", false},
		{"", false},
		{"A — ", false},
	}
	for _, tt := range tests {
		if got := isDatelinePrefix(tt.s); got != tt.want {
			t.Errorf("isDatelinePrefix(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestBoilerplateFixture checks the labels on the boilerplate fixture
// pair (see testdata/pairs/README.md).
func TestBoilerplateFixture(t *testing.T) {
	dir := filepath.Join("..", "testdata", "pairs", "boilerplate")
	r := Compare(fixtureDoc(t, filepath.Join(dir, "old.txt")), fixtureDoc(t, filepath.Join(dir, "new.txt")), nil)
	wantNew := map[int]string{0: BoilerHeadline, 1: BoilerSection, 2: BoilerByline, 13: BoilerContributors,
		14: BoilerSeparator, 15: BoilerCopyright, 16: BoilerTrailer, 17: BoilerTrailer}
	for p := range r.New.Paragraphs {
		b := &r.Blocks[r.BlockOfNew(p)]
		if b.Boilerplate != wantNew[p] {
			t.Errorf("new ¶%d %q: boilerplate %q, want %q", p+1, r.New.Paragraphs[p].Text, b.Boilerplate, wantNew[p])
		}
	}
	if b := &r.Blocks[r.BlockOfOld(10)]; b.Boilerplate != BoilerContributors {
		t.Errorf("old ¶11: %q, want contributors", b.Boilerplate)
	}
	// Body unchanged: the only story change is the glued dateline, style.
	st := r.Stats
	if st.Added != 0 || st.Removed != 0 || st.Moved != 0 || st.SentencesAdded != 0 || st.SentencesRemoved != 0 ||
		st.Changed != 1 || st.Style != 1 || st.Wording != 0 {
		t.Errorf("story stats %+v: want one style change (the dateline) and nothing else", st)
	}
	if st.Boilerplate != len(r.Blocks)-st.Equal-st.Changed {
		t.Errorf("boilerplate %d of %d blocks, %d story", st.Boilerplate, len(r.Blocks), st.Equal+st.Changed)
	}
	lede := &r.Blocks[r.BlockOfNew(3)]
	if lede.Boilerplate != "" || lede.Class != ClassStyle || lede.Flags != 0 {
		t.Errorf("lede with dateline: %q %v %v, want story, style, no flags", lede.Boilerplate, lede.Class, lede.Flags.Names())
	}
	found := false
	for _, f := range r.Findings {
		if f.Kind == FindingDateline && strings.Contains(f.Text, "LISBON, Portugal (AW)") && len(f.Blocks) == 1 && f.Blocks[0] == r.BlockOfNew(3) {
			found = true
		}
		if f.Kind == FindingLede {
			t.Errorf("unexpected lede finding %q", f.Text)
		}
	}
	if !found {
		t.Errorf("no dateline finding in %+v", r.Findings)
	}
}

// TestLabelScansMatchStrings checks the hand-made scans of paragraphLabel
// against the strings functions they stand for, on edge cases and on
// random mixes of the bytes they look for.
func TestLabelScansMatchStrings(t *testing.T) {
	texts := []string{
		"", "b", "ontribute", "Jane Doe contributed to this report.", "JANE DOE CONTRIBUTED", "CoNTRIBUTED",
		"All rights reserved.", "ALL RIGHTS RESERVED", "rights reserve", "Distributed by Agency", "DISTRIBUTED BY",
		"istributed b", "bbbbb ontribut", "WASHINGTON —", "Lisbon – Porto", "a-b", "no dash here", "Kelvin",
		"İstanbul", "(Reporting by Jane)", "©2026 Wire", "\xe2\x80", "\xe2\xe2\x80\x94", "ONTRIBUTEontribute",
	}
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"o", "n", "t", "r", "i", "b", "u", "e", "v", "s", "g", "h", " ", "d", "y",
		"ONTRIBUTE", "IGHTS", "RESERVED", "B", "V", "-", "–", "—", "İ", "A", "Z"}
	for range 2000 {
		var sb strings.Builder
		for range rng.Intn(40) {
			sb.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		texts = append(texts, sb.String())
	}
	for _, s := range texts {
		wantCredit := strings.Contains(s, "ontribute") || strings.Contains(s, "ights reserved") || strings.Contains(s, "istributed by") ||
			strings.Contains(s, "ONTRIBUTE") || strings.Contains(s, "IGHTS RESERVED") || strings.Contains(s, "ISTRIBUTED BY")
		if got := mentionsCredit(s); got != wantCredit {
			t.Errorf("mentionsCredit(%q) = %v, want %v", s, got, wantCredit)
		}
		if got, want := hasDash(s), strings.ContainsAny(s, "-–—"); got != want {
			t.Errorf("hasDash(%q) = %v, want %v", s, got, want)
		}
		var buf [32]byte
		got, ok := lowerASCII(&buf, s)
		if wantOK := len(s) <= 32 && isASCII(s); ok != wantOK {
			t.Errorf("lowerASCII(%q) ok = %v, want %v", s, ok, wantOK)
		}
		if ok && string(got) != strings.ToLower(s) {
			t.Errorf("lowerASCII(%q) = %q, want %q", s, got, strings.ToLower(s))
		}
	}
}

// BenchmarkParagraphLabels measures the boilerplate labels of a generated
// 1 MB version.
func BenchmarkParagraphLabels(b *testing.B) {
	var paras []string
	rng := rand.New(rand.NewSource(2))
	words := strings.Fields("The council approved the harbour budget on Tuesday after a long debate in which residents of the district said — they were not consulted, officials said")
	for n := 0; n < 1<<20; {
		var sb strings.Builder
		for range 10 + rng.Intn(60) {
			sb.WriteString(words[rng.Intn(len(words))])
			sb.WriteByte(' ')
		}
		sb.WriteString("end.")
		paras = append(paras, sb.String())
		n += sb.Len()
	}
	d := NewDocument("old.txt", paras, nil)
	b.ReportAllocs()
	for b.Loop() {
		paragraphLabels(d)
	}
}
