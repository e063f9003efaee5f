package diff_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// labelled is one edit of testdata/flags/labelled.txt with the flags an
// editor expects.
type labelled struct {
	id       string
	want     diff.Flag
	old, new []string
}

func readLabelled(t *testing.T) []labelled {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "flags", "labelled.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[string]diff.Flag{}
	for _, fl := range []diff.Flag{diff.FlagNegation, diff.FlagReversal, diff.FlagNumber, diff.FlagQuote, diff.FlagName, diff.FlagAttribution} {
		names[fl.Names()[0]] = fl
	}
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "== "):
			id, flags, ok := strings.Cut(line[3:], ":")
			if !ok {
				t.Fatalf("line %d: no flags: %q", n, line)
			}
			c := labelled{id: strings.TrimSpace(id)}
			for _, name := range strings.Split(flags, ",") {
				name = strings.TrimSpace(name)
				if name == "none" {
					continue
				}
				fl, ok := names[name]
				if !ok {
					t.Fatalf("line %d: unknown flag %q", n, name)
				}
				c.want |= fl
			}
			out = append(out, c)
		case strings.HasPrefix(line, "- ") && len(out) > 0:
			out[len(out)-1].old = append(out[len(out)-1].old, line[2:])
		case strings.HasPrefix(line, "+ ") && len(out) > 0:
			out[len(out)-1].new = append(out[len(out)-1].new, line[2:])
		case line == "" || strings.HasPrefix(line, "#"):
		default:
			t.Fatalf("line %d: unexpected %q", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// flagScore is one flag's counts over the labelled set.
type flagScore struct{ tp, fp, fn, cases, traps int }

func (s flagScore) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s flagScore) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// TestLabelledFlags computes the precision and recall of each flag over
// the labelled edits (at least 80, true cases and traps for every flag)
// and holds them to their floors: precision 0.9 for every flag, recall
// 0.9 for negation, reversal and number (0.8 for the others). Run with -v
// for the table the README shows.
func TestLabelledFlags(t *testing.T) {
	cases := readLabelled(t)
	if len(cases) < 80 {
		t.Fatalf("%d labelled edits, want at least 80", len(cases))
	}
	order := []diff.Flag{diff.FlagNegation, diff.FlagReversal, diff.FlagNumber, diff.FlagQuote, diff.FlagName, diff.FlagAttribution}
	scores := map[diff.Flag]*flagScore{}
	for _, f := range order {
		scores[f] = &flagScore{}
	}
	for _, c := range cases {
		r := diff.Compare(doc("old", c.old...), doc("new", c.new...), nil)
		var got diff.Flag
		for bi := range r.Blocks {
			got |= r.Blocks[bi].Flags
		}
		for _, f := range order {
			s := scores[f]
			if c.want&f != 0 {
				s.cases++
			} else if strings.Contains(c.id, "trap") && strings.HasPrefix(c.id, prefixOf(f)) {
				s.traps++
			}
			switch {
			case got&f != 0 && c.want&f != 0:
				s.tp++
			case got&f != 0:
				s.fp++
				t.Logf("%s: false %s (got %v, want %v)", c.id, f.Names()[0], got.Names(), c.want.Names())
			case c.want&f != 0:
				s.fn++
				t.Logf("%s: missed %s (got %v, want %v)", c.id, f.Names()[0], got.Names(), c.want.Names())
			}
		}
	}
	var table strings.Builder
	table.WriteString("| flag | true cases | traps | precision | recall |\n| --- | --- | --- | --- | --- |\n")
	for _, f := range order {
		s := scores[f]
		fmt.Fprintf(&table, "| %s | %d | %d | %.2f | %.2f |\n", f.Badges()[0], s.cases, s.traps, s.precision(), s.recall())
		if s.cases < 5 || s.traps < 2 {
			t.Errorf("%s: %d true cases and %d traps, want at least 5 and 2", f.Names()[0], s.cases, s.traps)
		}
		minRecall := 0.8
		if f == diff.FlagNegation || f == diff.FlagReversal || f == diff.FlagNumber {
			minRecall = 0.9
		}
		if s.precision() < 0.9 || s.recall() < minRecall {
			t.Errorf("%s: precision %.2f (want ≥ 0.90), recall %.2f (want ≥ %.2f)", f.Names()[0], s.precision(), s.recall(), minRecall)
		}
	}
	t.Logf("%d labelled edits\n%s", len(cases), table.String())
}

// prefixOf is the id prefix of a flag's cases in labelled.txt.
func prefixOf(f diff.Flag) string {
	switch f {
	case diff.FlagNegation:
		return "neg"
	case diff.FlagReversal:
		return "rev"
	case diff.FlagNumber:
		return "num"
	case diff.FlagQuote:
		return "quote"
	case diff.FlagName:
		return "name"
	}
	return "attr"
}
