package diff_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// loadPair reads a pair of files through package input and compares them.
func loadPair(t testing.TB, oldPath, newPath string) *diff.Result {
	t.Helper()
	return diff.Compare(load(t, oldPath), load(t, newPath), nil)
}

// changedPair returns the only non-Equal pair of r.
func changedPair(t *testing.T, r *diff.Result) *diff.Pair {
	t.Helper()
	var found *diff.Pair
	for bi := range r.Blocks {
		for pi := range r.Blocks[bi].Pairs {
			p := &r.Blocks[bi].Pairs[pi]
			if p.Kind == diff.Equal {
				continue
			}
			if found != nil {
				t.Fatalf("more than one changed pair: %+v and %+v", *found, *p)
			}
			found = p
		}
	}
	if found == nil {
		t.Fatal("no changed pair")
	}
	return found
}

// runText returns the deleted and inserted text of a run.
func runText(p *diff.Pair, run diff.Run) (del, ins string) {
	var d, i strings.Builder
	for _, w := range p.Words[run.Start:run.End] {
		switch w.Op {
		case diff.OpDelete:
			d.WriteString(w.Text)
		case diff.OpInsert:
			i.WriteString(w.Text)
		}
	}
	return d.String(), i.String()
}

func TestClassifyRuns(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // one paragraph each; exactly one sentence differs
		class    diff.Class
		flags    diff.Flag
	}{
		// typography
		{"straight to curly quotes", `"We will rebuild the bridge," the mayor told residents on the bank.`,
			`“We will rebuild the bridge,” the mayor told residents on the bank.`, diff.ClassTypography, 0},
		{"double hyphen to em dash", "The bridge -- closed since the flood -- will reopen in the spring.",
			"The bridge — closed since the flood — will reopen in the spring.", diff.ClassTypography, 0},
		{"apostrophe", "The city's engineers inspected the ferry's hull before the crossing.",
			"The city’s engineers inspected the ferry’s hull before the crossing.", diff.ClassTypography, 0},
		{"ellipsis", "The old ferry kept running... until the engine finally failed last week.",
			"The old ferry kept running… until the engine finally failed last week.", diff.ClassTypography, 0},
		{"spaces", "The old ferry kept running until the engine  failed last week.",
			"The old ferry kept running until the engine failed last week.", diff.ClassTypography, 0},

		// style
		{"US to U.S.", "The US embassy said it would send engineers to inspect the bridge.",
			"The U.S. embassy said it would send engineers to inspect the bridge.", diff.ClassStyle, 0},
		{"name respelled", "Ukrainian President Volodymyr Zelenskiy said the talks had been useful.",
			"Ukrainian President Volodymyr Zelenskyy said the talks had been useful.", diff.ClassStyle, diff.FlagName},
		{"per cent", "Water levels have risen by nearly 40 per cent this month after the rains.",
			"Water levels have risen by nearly 40 percent this month after the rains.", diff.ClassStyle, 0},
		{"case only", "The council asked the mayor to explain the delay in the harbour works.",
			"The council asked the Mayor to explain the delay in the harbour works.", diff.ClassStyle, 0},
		{"comma added", "The council met on Tuesday and the mayor explained the delay to residents.",
			"The council met on Tuesday, and the mayor explained the delay to residents.", diff.ClassStyle, 0},
		{"british spelling", "The council said the colour of the new bridge would be chosen by residents.",
			"The council said the color of the new bridge would be chosen by residents.", diff.ClassStyle, 0},
		{"hyphenation", "The two leaders held a face-to-face meeting that lasted almost three hours.",
			"The two leaders held a face to face meeting that lasted almost three hours.", diff.ClassStyle, 0},
		{"percent sign", "Turnout in the district fell by 12% compared with the previous election.",
			"Turnout in the district fell by 12 percent compared with the previous election.", diff.ClassStyle, 0},

		// wording, and what must not pass for style
		{"short names are not respellings", "The delegation was led by John Carver and two advisers from the ministry.",
			"The delegation was led by Joan Carver and two advisers from the ministry.", diff.ClassWording, diff.FlagName},
		{"four is not a spelling of for", "The council will vote on four proposals for the harbour next month.",
			"The council will vote on for proposals for the harbour next month.", diff.ClassWording, diff.FlagNumber},
		{"plain word", "Some analysts cautioned that the rally could fade if rain arrives soon.",
			"Several analysts cautioned that the rally could fade if rain arrives soon.", diff.ClassWording, 0},

		// negation
		{"with to without", "Allies fear a deal that exchanges territory with the consent of Kyiv.",
			"Allies fear a deal that exchanges territory without the consent of Kyiv.", diff.ClassWording, diff.FlagNegation},
		{"not inserted", "The remaining ferries would be allowed to operate during the inspections.",
			"The remaining ferries would not be allowed to operate during the inspections.", diff.ClassWording, diff.FlagNegation},
		{"never", "The mayor said the bridge had been inspected every year since it opened.",
			"The mayor said the bridge had never been inspected since it opened.", diff.ClassWording, diff.FlagNegation},
		{"contraction expanded is not negation", "The mayor said the council didn't approve the harbour budget on time.",
			"The mayor said the council did not approve the harbour budget on time.", diff.ClassWording, 0},
		{"prefix is not negation but a reversal", "Residents said they were happy with the new timetable for the ferries.",
			"Residents said they were unhappy with the new timetable for the ferries.", diff.ClassWording, diff.FlagReversal},

		// reversals (WordNet antonyms, any inflection) and traps
		{"increased/decreased", "Ridership on the ferries increased sharply last year, the agency said.",
			"Ridership on the ferries decreased sharply last year, the agency said.", diff.ClassWording, diff.FlagReversal},
		{"guilty/innocent", "The jury found that the harbour master was guilty of negligence.",
			"The jury found that the harbour master was innocent of negligence.", diff.ClassWording, diff.FlagReversal},
		{"higher/lower", "Fares will be higher for commuters who cross before noon.",
			"Fares will be lower for commuters who cross before noon.", diff.ClassWording, diff.FlagReversal},
		{"won/lost", "The incumbent won the district by a wide margin in the spring.",
			"The incumbent lost the district by a wide margin in the spring.", diff.ClassWording, diff.FlagReversal},
		{"trap: synonym", "Ridership on the ferries increased sharply last year, the agency said.",
			"Ridership on the ferries rose sharply last year, the agency said.", diff.ClassWording, 0},
		{"trap: opposite inside a rewritten clause", "The council approved the plan after a long debate about the cost of steel for the bridge.",
			"The council rejected calls for more debate and moved on about the cost of steel for the bridge.", diff.ClassWording, 0},

		// ordinals and titles
		{"ordinal", "It was the second time the ferry had been inspected this year.",
			"It was the third time the ferry had been inspected this year.", diff.ClassWording, diff.FlagNumber},
		{"ordinal word to digits is still a change", "She finished first in the district race on Tuesday.",
			"She finished fourth in the district race on Tuesday.", diff.ClassWording, diff.FlagNumber},
		{"title before a name", "Rep. Ana Torres said the bill would pass.",
			"Sen. Ana Torres said the bill would pass.", diff.ClassWording, diff.FlagName},

		// numbers
		{"digits", "Of the 12 people killed, four were children, the health department said.",
			"Of the 15 people killed, four were children, the health department said.", diff.ClassWording, diff.FlagNumber},
		{"money", "The embassy said it would provide $2.5 million in emergency assistance to families.",
			"The embassy said it would provide $3 million in emergency assistance to families.", diff.ClassWording, diff.FlagNumber},
		{"fraction", "The talks lasted two-and-a-half hours behind closed doors at the base.",
			"The talks lasted 21/2 hours behind closed doors at the base.", diff.ClassWording, diff.FlagNumber},
		{"weekday", "The company’s director was detained Tuesday on charges of negligence.",
			"The company’s director was detained Wednesday on charges of negligence.", diff.ClassWording, diff.FlagNumber},
		{"month", "The assembly will hold its final vote in March after a public hearing.",
			"The assembly will hold its final vote in April after a public hearing.", diff.ClassWording, diff.FlagNumber},
		{"number word", "The council approved three new ferry routes for the summer season.",
			"The council approved five new ferry routes for the summer season.", diff.ClassWording, diff.FlagNumber},
		{"modal may is not a month", "Officials said the bridge may reopen before the end of the year.",
			"Officials said the bridge might reopen before the end of the year.", diff.ClassWording, 0},
		{"number only moved", "Rescuers pulled 48 people from the river near the village of Staryi Brid.",
			"Near the village of Staryi Brid, rescuers pulled 48 people from the river.", diff.ClassWording, 0},

		// quotes
		{"inside quotes", "“Those responsible will answer before the law,” the prosecutor said.",
			"“Those responsible will answer for every life lost,” the prosecutor said.", diff.ClassWording, diff.FlagQuote},
		{"outside quotes", "“Those responsible will answer before the law,” the prosecutor said on Monday.",
			"“Those responsible will answer before the law,” the prosecutor said in a statement.", diff.ClassWording, diff.FlagNumber},
		{"quote continues into the next sentence", "“We will stay here. We will fight on until the end,” she said.",
			"“We will stay here. We will keep going until the end,” she said.", diff.ClassWording, diff.FlagQuote},
		{"straight quotes", `He called the meeting "extremely productive" and left without questions.`,
			`He called the meeting "very productive" and left without questions.`, diff.ClassWording, diff.FlagQuote},

		// names
		{"name replaced", "The delegation met Putin at the air base before the talks began.",
			"The delegation met Trump at the air base before the talks began.", diff.ClassWording, diff.FlagName},
		{"lower-case replacement is no name", "The delegation met the company at the air base before the talks began.",
			"The delegation met the firm at the air base before the talks began.", diff.ClassWording, 0},
		{"sentence-initial capital is no name", "Residents packed the hall to hear the plans for the harbour.",
			"Fishermen packed the hall to hear the plans for the harbour.", diff.ClassWording, 0},

		// attribution
		{"verb of saying", "Rescuers pulled 48 people from the water alive, Kozlovskiy said on Telegram.",
			"Rescuers pulled 48 people from the water alive, Kozlovskiy claimed on Telegram.", diff.ClassWording, diff.FlagAttribution},
		{"speaker and verb", "Rescuers pulled 48 people from the water alive, Kozlovskiy said in a post.",
			"Rescuers pulled 48 people from the water alive, the police chief, Col. Taras Lysenko, claimed in a post.",
			diff.ClassWording, diff.FlagName | diff.FlagAttribution},
		{"speaker noun", "The ferry had been fined twice for safety violations, officials said on Monday.",
			"The ferry had been fined twice for safety violations, police said on Monday.", diff.ClassWording, diff.FlagAttribution},
		{"according to", "The ferry had been fined twice for safety violations, according to police.",
			"The ferry had been fined twice for safety violations, police said.", diff.ClassWording, diff.FlagAttribution},
		{"change near a verb of saying that is not the speaker", "The mayor said the new bridge would open in the spring of next year.",
			"The mayor said the new bridge would open in the autumn of next year.", diff.ClassWording, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := diff.Compare(doc("old", tt.old), doc("new", tt.new), nil)
			p := changedPair(t, r)
			if p.Kind != diff.Changed {
				t.Fatalf("pair is %v, want changed: %+v", p.Kind, *p)
			}
			var runs []string
			for _, run := range p.Runs {
				d, i := runText(p, run)
				runs = append(runs, fmt.Sprintf("[%q→%q %v %v]", d, i, run.Class, run.Flags.Names()))
			}
			if p.Class != tt.class || p.Flags != tt.flags {
				t.Errorf("class %v flags %v, want %v %v; runs %s", p.Class, p.Flags.Names(), tt.class, tt.flags.Names(), strings.Join(runs, " "))
			}
			b := &r.Blocks[r.BlockOfNew(0)]
			if b.Class != p.Class || b.Flags != p.Flags {
				t.Errorf("block class %v flags %v, want the pair's %v %v", b.Class, b.Flags.Names(), p.Class, p.Flags.Names())
			}
		})
	}
}

// TestRunsPartitionChanges checks the shape of Pair.Runs: maximal
// non-equal stretches of Words, in order, and Pair.Class/Flags their
// maximum and union.
func TestRunsPartitionChanges(t *testing.T) {
	r := diff.Compare(
		doc("old", "The US embassy said on Tuesday it would provide $2.5 million, Zelenskiy said."),
		doc("new", "The U.S. embassy said on Wednesday it would provide $3 million, Zelenskyy said."), nil)
	p := changedPair(t, r)
	var want []diff.Run
	for i := 0; i < len(p.Words); {
		if p.Words[i].Op == diff.OpEqual {
			i++
			continue
		}
		j := i
		for j < len(p.Words) && p.Words[j].Op != diff.OpEqual {
			j++
		}
		want = append(want, diff.Run{Start: i, End: j})
		i = j
	}
	if len(p.Runs) != len(want) {
		t.Fatalf("runs %+v, want spans %+v", p.Runs, want)
	}
	var c diff.Class
	var f diff.Flag
	for k, run := range p.Runs {
		if run.Start != want[k].Start || run.End != want[k].End {
			t.Errorf("run %d spans %d:%d, want %d:%d", k, run.Start, run.End, want[k].Start, want[k].End)
		}
		if run.Class == diff.ClassNone {
			t.Errorf("run %d has no class", k)
		}
		c = max(c, run.Class)
		f |= run.Flags
	}
	if p.Class != c || p.Flags != f {
		t.Errorf("pair %v %v, want max/union %v %v", p.Class, p.Flags.Names(), c, f.Names())
	}
	if !p.Flags.Has(diff.FlagNumber|diff.FlagName) || p.Flags.Has(diff.FlagNegation) {
		t.Errorf("flags %v, want number and name, not negation", p.Flags.Names())
	}
}

func TestClassifyAddedRemoved(t *testing.T) {
	base := "The council met on Tuesday to discuss the harbour budget for next year."
	tests := []struct {
		name     string
		old, new []string
		kind     diff.Kind
		flags    diff.Flag
	}{
		{"added quote paragraph", []string{base}, []string{base, "“We are not going to wait another decade for this bridge,” the mayor said."},
			diff.Added, diff.FlagQuote},
		{"added plain paragraph", []string{base}, []string{base, "Residents packed the hall and several speakers asked for more ferries."},
			diff.Added, 0},
		{"removed quote paragraph", []string{base, "“We are not going to wait another decade for this bridge,” the mayor said."}, []string{base},
			diff.Removed, diff.FlagQuote},
		{"added sentence inside a continuing quotation", []string{base, "“We will rebuild the bridge,” she said."},
			[]string{base, "“We will rebuild the bridge,” she said. “And we will pay for it ourselves."}, diff.Added, diff.FlagQuote},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := diff.Compare(doc("old", tt.old...), doc("new", tt.new...), nil)
			p := changedPair(t, r)
			// A paragraph added or removed whole is flagged once, as a
			// block; a sentence added to a paragraph carries its flag.
			flags := p.Flags
			for bi := range r.Blocks {
				if b := &r.Blocks[bi]; b.IsWhole() {
					flags |= b.PairFlags(0)
				}
			}
			if p.Kind != tt.kind || p.Class != diff.ClassWording || flags != tt.flags || len(p.Runs) != 0 {
				t.Errorf("pair %v class %v flags %v runs %d, want %v wording %v and no runs", p.Kind, p.Class, flags.Names(), len(p.Runs), tt.kind, tt.flags.Names())
			}
		})
	}
}

// TestClassifySeed checks the editorial layer on the real seed pair.
func TestClassifySeed(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("seed pair not present:", err)
	}
	r := loadPair(t, filepath.Join(dir, "anchorage-v1-original.txt"), filepath.Join(dir, "anchorage-v2-syndicated.txt"))

	// runWith finds the run deleting del and inserting ins.
	runWith := func(del, ins string) (diff.Run, bool) {
		for bi := range r.Blocks {
			for pi := range r.Blocks[bi].Pairs {
				p := &r.Blocks[bi].Pairs[pi]
				for _, run := range p.Runs {
					d, i := runText(p, run)
					if strings.TrimSpace(d) == del && strings.TrimSpace(i) == ins {
						return run, true
					}
				}
			}
		}
		return diff.Run{}, false
	}
	for _, tt := range []struct {
		del, ins string
		class    diff.Class
		flags    diff.Flag
	}{
		{"with", "without", diff.ClassWording, diff.FlagNegation},
		{"US", "U.S.", diff.ClassStyle, 0},
		{"Zelenskiy", "Zelenskyy", diff.ClassStyle, diff.FlagName},
		{"two-and-a-half", "21/2", diff.ClassWording, diff.FlagNumber},
		{"press", "media", diff.ClassWording, 0},
		// A clause mentioning someone already in the story, and a title
		// replaced by that person's name, are not name changes.
		{"", "talked of unspecified agreements with Trump, and", diff.ClassWording, 0},
		{"the US president", "Trump", diff.ClassWording, 0},
	} {
		run, ok := runWith(tt.del, tt.ins)
		if !ok {
			t.Errorf("no run %q → %q", tt.del, tt.ins)
			continue
		}
		if run.Class != tt.class || run.Flags != tt.flags {
			t.Errorf("%q → %q: %v %v, want %v %v", tt.del, tt.ins, run.Class, run.Flags.Names(), tt.class, tt.flags.Names())
		}
	}

	for _, tt := range []struct{ prefix, label string }{
		{"Trump says talks with Putin", diff.BoilerHeadline},
		{"Published in News & Features", diff.BoilerSection},
		{"_____", diff.BoilerSeparator},
		{"©2025 Bloomberg", diff.BoilerCopyright},
		{"Comments", diff.BoilerTrailer},
		{"(Derek Wallbank, Eric Martin", diff.BoilerContributors},
		{"With assistance from", diff.BoilerContributors},
		{"U.S. President Donald Trump called", ""},
		{"Ahead of the talks European allies", ""},
	} {
		b := findBlock(t, r, tt.prefix)
		if b.Boilerplate != tt.label {
			t.Errorf("%q: boilerplate %q, want %q", tt.prefix, b.Boilerplate, tt.label)
		}
		if b.Boilerplate != "" && b.Flags != 0 {
			t.Errorf("%q: boilerplate block with flags %v", tt.prefix, b.Flags.Names())
		}
	}

	// The quote paragraphs the syndicated version adds are flagged once
	// each, as a block (15 per-sentence badges before), and What matters
	// lists each once.
	for _, prefix := range []string{"“I’m going to start making a few phone calls", "“There are just a very few", "“It sounds like there were specifics"} {
		b := findBlock(t, r, prefix)
		if b.Kind != diff.Added || !b.Flags.Has(diff.FlagQuote) {
			t.Errorf("%q: %v flags %v, want added with quote", prefix, b.Kind, b.Flags.Names())
		}
		for i, p := range b.Pairs {
			if p.Kind != diff.Added || p.Flags != 0 || (b.PairFlags(i) != 0) != (i == 0) {
				t.Errorf("%q: pair %d %q %v flags %v shown %v, want added, flagged with the block", prefix, i, p.New, p.Kind, p.Flags.Names(), b.PairFlags(i).Names())
			}
		}
		bi := int(-1)
		for k := range r.Blocks {
			if &r.Blocks[k] == b {
				bi = k
			}
		}
		n := 0
		for _, m := range r.Matters {
			if m.Block == bi && !m.IsFinding() {
				n++
				if m.Pair != -1 {
					t.Errorf("%q: listed by sentence (pair %d), want once as a block", prefix, m.Pair)
				}
			}
		}
		if n != 1 {
			t.Errorf("%q: listed %d times in What matters, want once", prefix, n)
		}
	}
	badges := 0
	for bi := range r.Blocks {
		for pi := range r.Blocks[bi].Pairs {
			if r.Blocks[bi].PairFlags(pi)&diff.FlagQuote != 0 {
				badges++
			}
		}
	}
	if badges > 8 {
		t.Errorf("%d QUOTE badges on the seed pair, want one per added quote paragraph (8 or fewer)", badges)
	}
	// Paragraphs without quotation marks are added without flags.
	if b := findBlock(t, r, "Trump did not specify which points"); b.Flags != 0 {
		t.Errorf("unquoted added paragraph flagged %v", b.Flags.Names())
	}
	if r.Stats.Boilerplate == 0 || r.Stats.Negations == 0 || r.Stats.Style == 0 || r.Stats.Quotes == 0 {
		t.Errorf("stats %+v: want boilerplate, negation, style and quote counts", r.Stats)
	}
}

// editorialPair builds a story pair of about size bytes per side from the
// lede fixture (which has every class and flag), each copy of a paragraph
// made distinct by a district number so that linking stays realistic.
func editorialPair(tb testing.TB, size int) (*diff.Document, *diff.Document) {
	tb.Helper()
	read := func(name string) []string {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "pairs", "lede", name))
		if err != nil {
			tb.Fatal(err)
		}
		var out []string
		for _, p := range strings.Split(string(b), "\n") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	oldP, newP := read("old.txt"), read("new.txt")
	var o, n []string
	total := 0
	for k := 0; total < size; k++ {
		for _, p := range oldP {
			o = append(o, fmt.Sprintf("In district %d, %s", k, p))
			total += len(o[len(o)-1])
		}
		for _, p := range newP {
			n = append(n, fmt.Sprintf("In district %d, %s", k, p))
		}
	}
	return doc("old", o...), doc("new", n...)
}

// BenchmarkCompareClassified measures Compare, classification included, on
// a pair of about 1 MB per side.
func BenchmarkCompareClassified(b *testing.B) {
	old, new := editorialPair(b, 1<<20)
	b.SetBytes(1 << 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := diff.Compare(old, new, nil)
		if r.Stats.Negations == 0 {
			b.Fatal("no negation found")
		}
	}
}
