package diff_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
	"github.com/storydiff/storydiff/diff/internal/segment"
)

// This file is a test-only generator of large story pairs for benchmarks,
// property tests and scripts/bench.sh. It concatenates the fixture stories
// of testdata/pairs (each copy with its numbers and capitalised names
// substituted by a seeded rand, so sentences are not identical copies) into
// an old version, then derives the new version with seeded editorial edits:
// paragraphs moved far, split, merged, deleted and added, sentences edited
// word by word, moved between paragraphs, and typography changed.

// fixtureStories returns the paragraphs of every fixture old.txt and
// new.txt, loaded through input.Read as the CLI does. It is computed once.
var fixtureStories = sync.OnceValues(func() ([][]string, error) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "pairs", "*", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("glob fixtures: %w", err)
	}
	sort.Strings(files)
	var stories [][]string
	for _, f := range files {
		d, err := input.ReadFile(f, input.Text)
		if err != nil {
			return nil, fmt.Errorf("load fixture: %w", err)
		}
		if len(d.Paragraphs) > 0 {
			stories = append(stories, d.Paragraphs)
		}
	}
	if len(stories) == 0 {
		return nil, fmt.Errorf("no fixture stories under ../testdata/pairs")
	}
	return stories, nil
})

func mustStories(tb testing.TB) [][]string {
	tb.Helper()
	s, err := fixtureStories()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

var (
	numberRE = regexp.MustCompile(`[0-9]+`)
	nameRE   = regexp.MustCompile(`\b[A-Z][a-z]{2,}\b`)
	wordRE   = regexp.MustCompile(`[A-Za-z]{3,}`)
)

// common capitalised words that read badly when replaced by a made-up name.
var keepNames = map[string]bool{
	"The": true, "And": true, "But": true, "They": true, "She": true, "His": true, "Her": true,
	"That": true, "This": true, "There": true, "When": true, "What": true, "Some": true, "Several": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
}

var syllables = []string{"ka", "lo", "ran", "mi", "ter", "vo", "sel", "du", "na", "bri", "ost", "ha", "pel", "gu", "zan", "ri"}

// madeUpName returns a capitalised fictional name of 2–3 syllables.
func madeUpName(rng *rand.Rand) string {
	n := 2 + rng.Intn(2)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syllables[rng.Intn(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// fillerWords are inserted and substituted by sentence edits.
var fillerWords = []string{"officials", "reportedly", "quickly", "regional", "council", "residents",
	"never", "not", "percent", "million", "harbour", "spokesperson", "early", "late", "broadly", "again"}

// storyCopy returns one copy of a fixture story with its numbers and names
// varied.
func storyCopy(rng *rand.Rand, story []string) []string {
	names := map[string]string{}
	out := make([]string, len(story))
	for i, p := range story {
		p = numberRE.ReplaceAllStringFunc(p, func(string) string { return fmt.Sprint(rng.Intn(10000)) })
		p = nameRE.ReplaceAllStringFunc(p, func(w string) string {
			if keepNames[w] {
				return w
			}
			if r, ok := names[w]; ok {
				return r
			}
			if rng.Intn(3) == 0 { // keep some real words so copies still share vocabulary
				names[w] = w
				return w
			}
			r := madeUpName(rng)
			names[w] = r
			return r
		})
		out[i] = p
	}
	return out
}

// genParagraphs returns at least size bytes of varied story paragraphs.
func genParagraphs(rng *rand.Rand, stories [][]string, size int) []string {
	var paras []string
	n := 0
	for n < size {
		for _, p := range storyCopy(rng, stories[rng.Intn(len(stories))]) {
			paras = append(paras, p)
			n += len(p) + 2
		}
	}
	return paras
}

// sentencesOf splits a paragraph into its sentences with package segment.
func sentencesOf(p string) []string {
	var out []string
	for _, sp := range segment.Sentences(p) {
		if s := strings.TrimSpace(p[sp.Start:sp.End]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// editSentence applies one to three word substitutions, insertions or
// deletions.
func editSentence(rng *rand.Rand, s string) string {
	for k := 1 + rng.Intn(3); k > 0; k-- {
		locs := wordRE.FindAllStringIndex(s, -1)
		if len(locs) == 0 {
			return s + " " + fillerWords[rng.Intn(len(fillerWords))]
		}
		l := locs[rng.Intn(len(locs))]
		w := fillerWords[rng.Intn(len(fillerWords))]
		switch rng.Intn(3) {
		case 0: // substitute
			s = s[:l[0]] + w + s[l[1]:]
		case 1: // insert before
			s = s[:l[0]] + w + " " + s[l[0]:]
		default: // delete with the following space
			end := l[1]
			if end < len(s) && s[end] == ' ' {
				end++
			}
			s = s[:l[0]] + s[end:]
		}
	}
	return s
}

var typo = strings.NewReplacer("'", "’", `"`, "”", " -- ", " — ", " - ", " – ", "...", "…", "’", "'", "“", `"`, "”", `"`)

// editCounts records how many of each edit a generated pair received.
type editCounts struct {
	Moved, Split, Merged, Edited, Deleted, Added, SentMoved, Typo int
}

// genEdit derives a new version from old paragraphs with seeded edits;
// rate is the chance per paragraph of each kind of edit.
func genEdit(rng *rand.Rand, stories [][]string, old []string, rate float64) ([]string, editCounts) {
	var c editCounts
	ps := append([]string(nil), old...)
	chance := func() bool { return rng.Float64() < rate }
	// Sentence edits and typography, in place.
	for i := range ps {
		if chance() {
			ss := sentencesOf(ps[i])
			if len(ss) > 0 {
				k := rng.Intn(len(ss))
				ss[k] = editSentence(rng, ss[k])
				ps[i] = strings.Join(ss, " ")
				c.Edited++
			}
		}
		if chance() {
			ps[i] = typo.Replace(ps[i])
			c.Typo++
		}
	}
	// Sentences moved between paragraphs.
	for i := range ps {
		if !chance() || len(ps) < 2 {
			continue
		}
		ss := sentencesOf(ps[i])
		if len(ss) < 2 {
			continue
		}
		k := rng.Intn(len(ss))
		moved := ss[k]
		ps[i] = strings.Join(append(ss[:k:k], ss[k+1:]...), " ")
		j := rng.Intn(len(ps))
		if j == i {
			j = (i + 1) % len(ps)
		}
		ps[j] = ps[j] + " " + moved
		c.SentMoved++
	}
	// Splits, merges, deletions and additions, walking the list once.
	var out []string
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		switch r := rng.Float64(); {
		case r < rate: // delete
			c.Deleted++
			continue
		case r < 2*rate: // split at a sentence boundary
			ss := sentencesOf(p)
			if len(ss) >= 2 {
				k := 1 + rng.Intn(len(ss)-1)
				out = append(out, strings.Join(ss[:k], " "), strings.Join(ss[k:], " "))
				c.Split++
				continue
			}
		case r < 3*rate && i+1 < len(ps): // merge with the next
			out = append(out, p+" "+ps[i+1])
			i++
			c.Merged++
			continue
		case r < 4*rate: // add a fresh paragraph before
			fresh := storyCopy(rng, stories[rng.Intn(len(stories))])
			out = append(out, fresh[rng.Intn(len(fresh))])
			c.Added++
		}
		out = append(out, p)
	}
	// Paragraphs moved far.
	for k := int(float64(len(out)) * rate / 2); k > 0 && len(out) > 2; k-- {
		i := rng.Intn(len(out))
		p := out[i]
		out = append(out[:i], out[i+1:]...)
		j := (i + len(out)/2 + rng.Intn(len(out)/4+1)) % (len(out) + 1)
		out = append(out[:j], append([]string{p}, out[j:]...)...)
		c.Moved++
	}
	return out, c
}

// genPair returns an old and a new version of about size bytes each, as
// blank-line separated plain text, with seeded edits at rate.
func genPair(tb testing.TB, seed int64, size int, rate float64) (old, new []byte, c editCounts) {
	tb.Helper()
	stories := mustStories(tb)
	rng := rand.New(rand.NewSource(seed))
	op := genParagraphs(rng, stories, size)
	np, c := genEdit(rng, stories, op, rate)
	return []byte(strings.Join(op, "\n\n") + "\n"), []byte(strings.Join(np, "\n\n") + "\n"), c
}

// loadBytes loads one version from bytes through input.Read and
// diff.NewDocument, as the CLI does.
func loadBytes(tb testing.TB, name string, data []byte) *diff.Document {
	tb.Helper()
	d, err := input.Read(name, bytes.NewReader(data), input.Text)
	if err != nil {
		tb.Fatal(err)
	}
	return diff.NewDocument(d.Name, d.Paragraphs, d.Labels)
}

// benchSizes are the generated pair sizes of the benchmarks and of
// scripts/bench.sh.
var benchSizes = []struct {
	name string
	size int
}{
	{"10KB", 10 << 10}, {"100KB", 100 << 10}, {"1MB", 1 << 20}, {"10MB", 10 << 20},
}

// TestGenerateBenchPairs writes the benchmark pairs to the directory named
// by STORYDIFF_GEN_DIR (used by scripts/bench.sh); it is skipped when the
// variable is not set.
func TestGenerateBenchPairs(t *testing.T) {
	dir := os.Getenv("STORYDIFF_GEN_DIR")
	if dir == "" {
		t.Skip("STORYDIFF_GEN_DIR not set")
	}
	for _, s := range benchSizes {
		old, new, c := genPair(t, 1, s.size, 0.05)
		for name, data := range map[string][]byte{"old": old, "new": new} {
			p := filepath.Join(dir, s.name+"-"+name+".txt")
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatalf("write %s: %v", p, err)
			}
		}
		t.Logf("%s: old %d B, new %d B, edits %+v", s.name, len(old), len(new), c)
	}
}

func TestGenPair(t *testing.T) {
	old, new, c := genPair(t, 7, 100<<10, 0.05)
	if len(old) < 100<<10 {
		t.Errorf("old is %d bytes, want ≥ 100 KiB", len(old))
	}
	if c.Moved == 0 || c.Split == 0 || c.Merged == 0 || c.Edited == 0 || c.Deleted == 0 || c.Added == 0 || c.SentMoved == 0 || c.Typo == 0 {
		t.Errorf("some edit kinds never happened: %+v", c)
	}
	// Deterministic for a seed.
	old2, new2, _ := genPair(t, 7, 100<<10, 0.05)
	if !bytes.Equal(old, old2) || !bytes.Equal(new, new2) {
		t.Error("genPair is not deterministic for a seed")
	}
	// Copies are varied: far fewer repeated paragraphs than copies.
	od := loadBytes(t, "old", old)
	seen := map[string]int{}
	for _, p := range od.Paragraphs {
		seen[p.Text]++
	}
	if dup := len(od.Paragraphs) - len(seen); dup > len(od.Paragraphs)/4 {
		t.Errorf("%d of %d paragraphs are repeats", dup, len(od.Paragraphs))
	}
	r := diff.Compare(od, loadBytes(t, "new", new), nil)
	checkInvariants(t, r)
	if r.Equal() || r.Stats.Moved == 0 || r.Stats.Split == 0 || r.Stats.Merged == 0 {
		t.Errorf("engine saw too few edits: %+v (generated %+v)", r.Stats, c)
	}
	t.Logf("generated %+v; engine stats %+v", c, r.Stats)
}
