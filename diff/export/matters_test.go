package export

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

// run returns a classified run over words [start, end).
func run(start, end int, c diff.Class, f diff.Flag) diff.Run {
	return diff.Run{Start: start, End: end, Class: c, Flags: f}
}

// classified returns p with its runs set and its class and flags derived
// from them, as the engine's classifier leaves a pair.
func classified(p diff.Pair, runs ...diff.Run) diff.Pair {
	p.Runs = runs
	p.Class, p.Flags = diff.ClassNone, 0
	for _, r := range runs {
		p.Class = max(p.Class, r.Class)
		p.Flags |= r.Flags
	}
	return p
}

// oneToOne builds a Result of one-paragraph, one-sentence blocks, one per
// pair; every pair must have both sides.
func oneToOne(tb testing.TB, pairs ...diff.Pair) *diff.Result {
	tb.Helper()
	var op, np [][]string
	var blocks []diff.Block
	for i, p := range pairs {
		op = append(op, []string{p.Old})
		np = append(np, []string{p.New})
		p.OldRef, p.NewRef = ref(i, 0), ref(i, 0)
		b := diff.Block{Kind: p.Kind, Old: []int{i}, New: []int{i}, Origin: -1, Pairs: []diff.Pair{p},
			Class: p.Class, Flags: p.Flags}
		blocks = append(blocks, b)
	}
	return assemble(tb, doc("old.txt", op...), doc("new.txt", np...), blocks...)
}

// section returns the What matters section of a text export, without its
// title line.
func section(tb testing.TB, out string) string {
	tb.Helper()
	i := strings.Index(out, "\nWhat matters\n")
	if i < 0 {
		tb.Fatalf("no What matters section in:\n%s", out)
	}
	s := out[i+len("\nWhat matters\n"):]
	if j := strings.Index(s, "\n\n"); j >= 0 {
		s = s[:j+1]
	}
	return s
}

func writeString(tb testing.TB, v diff.View, f Format, opt Options) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, v, f, opt); err != nil {
		tb.Fatalf("Write %s: %v", f, err)
	}
	return buf.String()
}

// The sentences of the table below.
var (
	negPair = chg(diff.None, diff.None, we("Divers would resume the search at dawn, "), wd("with"), wi("without"),
		we(" help from the military helicopters based in the north."))
	numPair   = chg(diff.None, diff.None, we("Of the "), wd("12"), wi("15"), we(" people killed, four were children."))
	quotePair = chg(diff.None, diff.None, we("“Those responsible will answer "), wd("before the law"),
		wi("for every life lost"), we(".”"))
	namePair  = chg(diff.None, diff.None, we("Governor Oleksandr "), wd("Kozlovskiy"), wi("Kozlovskyy"), we(" said."))
	attrPair  = chg(diff.None, diff.None, we("The plan is ready, "), wd("officials said"), wi("a spokesman claimed"), we("."))
	typoPair  = chg(diff.None, diff.None, we("It was "), wd(`"cold"`), wi("“cold”"), we(" there."))
	stylePair = chg(diff.None, diff.None, we("Levels rose 40 "), wd("per cent"), wi("percent"), we(" this month."))
	wordPair  = chg(diff.None, diff.None, we("The ferry "), wd("sank"), wi("capsized"), we(" at noon."))
)

func TestWhatMatters(t *testing.T) {
	tests := []struct {
		name     string
		pairs    []diff.Pair
		findings []diff.Finding
		want     []string // lines of the section, in order
		deny     []string
	}{
		{
			name:  "negation",
			pairs: []diff.Pair{classified(negPair, run(1, 3, diff.ClassWording, diff.FlagNegation))},
			want:  []string{"  ¶1 → ¶1  NEG  …the search at dawn, [-with-]{+without+} help from the military…"},
			deny:  []string{"Nothing flagged", "resume", "helicopters"},
		},
		{
			name:  "number",
			pairs: []diff.Pair{classified(numPair, run(1, 3, diff.ClassWording, diff.FlagNumber))},
			want:  []string{"  ¶1 → ¶1  NUM  Of the [-12-]{+15+} people killed, four were…"},
		},
		{
			name:  "quote",
			pairs: []diff.Pair{classified(quotePair, run(1, 3, diff.ClassWording, diff.FlagQuote))},
			want:  []string{"  ¶1 → ¶1  QUOTE  “Those responsible will answer [-before the law-]{+for every life lost+}.”"},
		},
		{
			name:  "name",
			pairs: []diff.Pair{classified(namePair, run(1, 3, diff.ClassStyle, diff.FlagName))},
			want:  []string{"  ¶1 → ¶1  NAME  Governor Oleksandr [-Kozlovskiy-]{+Kozlovskyy+} said."},
		},
		{
			name:  "attribution",
			pairs: []diff.Pair{classified(attrPair, run(1, 3, diff.ClassWording, diff.FlagAttribution|diff.FlagName))},
			want:  []string{"  ¶1 → ¶1  NAME+ATTR  The plan is ready, [-officials said-]{+a spokesman claimed+}."},
		},
		{
			name: "priority before reading order, then the rest by class",
			pairs: []diff.Pair{
				classified(attrPair, run(1, 3, diff.ClassWording, diff.FlagAttribution)),
				classified(namePair, run(1, 3, diff.ClassStyle, diff.FlagName)),
				classified(quotePair, run(1, 3, diff.ClassWording, diff.FlagQuote)),
				classified(numPair, run(1, 3, diff.ClassWording, diff.FlagNumber)),
				classified(negPair, run(1, 3, diff.ClassWording, diff.FlagNegation)),
				classified(typoPair, run(1, 3, diff.ClassTypography, 0)),
				classified(stylePair, run(1, 3, diff.ClassStyle, 0)),
				classified(wordPair, run(1, 3, diff.ClassWording, 0)),
			},
			want: []string{"  ¶5 → ¶5  NEG", "  ¶4 → ¶4  NUM", "  ¶3 → ¶3  QUOTE", "  ¶2 → ¶2  NAME", "  ¶1 → ¶1  ATTR",
				"  1 wording, 1 style, 1 typography changes not flagged"},
		},
		{
			name:  "nothing flagged",
			pairs: []diff.Pair{classified(typoPair, run(1, 3, diff.ClassTypography, 0)), classified(wordPair, run(1, 3, diff.ClassWording, 0))},
			want: []string{"  Nothing flagged: no negation, reversal, number, quote, name or attribution changed.",
				"  1 wording, 1 typography changes"},
			deny: []string{"NEG", "NUM", "not flagged"},
		},
		{
			name:  "identical",
			pairs: []diff.Pair{eq(diff.None, diff.None, "Same.")},
			want:  []string{"  Nothing flagged: no negation, reversal, number, quote, name or attribution changed."},
			deny:  []string{"changes"},
		},
		{
			name:  "findings after the flagged changes",
			pairs: []diff.Pair{classified(numPair, run(1, 3, diff.ClassWording, diff.FlagNumber))},
			findings: []diff.Finding{
				{Kind: diff.FindingLede, Text: "new lede: new ¶1 does not continue old ¶1"},
				{Kind: diff.FindingReordered, Text: "2 paragraphs moved"},
				{Kind: diff.FindingTrimmed, Text: "trimmed after ¶9: −2 paragraphs, −40 words"},
			},
			want: []string{"  ¶1 → ¶1  NUM", "  lede: new lede: new ¶1 does not continue old ¶1", "  reordered: 2 paragraphs moved",
				"  trimmed: trimmed after ¶9: −2 paragraphs, −40 words"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := oneToOne(t, tt.pairs...)
			r.Findings = tt.findings
			r.Matters = diff.OrderMatters(r)
			got := section(t, writeString(t, r.View(0), FormatText, Options{Wrap: -1}))
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			at := 0
			for _, w := range tt.want {
				for at < len(lines) && !strings.HasPrefix(lines[at], w) {
					at++
				}
				if at == len(lines) {
					t.Errorf("section lacks %q (in order):\n%s", w, got)
					break
				}
				at++
			}
			for _, d := range tt.deny {
				if strings.Contains(got, d) {
					t.Errorf("section contains %q:\n%s", d, got)
				}
			}
		})
	}
}

// TestWhatMattersCap checks that every flagged change is listed by
// default and that Options.Matters cuts the list and counts the rest,
// saying how to see them.
func TestWhatMattersCap(t *testing.T) {
	var pairs []diff.Pair
	for range 15 {
		pairs = append(pairs, classified(numPair, run(1, 3, diff.ClassWording, diff.FlagNumber)))
	}
	r := oneToOne(t, pairs...)
	for _, tt := range []struct{ limit, want int }{{0, 15}, {12, 12}, {20, 15}} {
		got := section(t, writeString(t, r.View(0), FormatText, Options{Matters: tt.limit}))
		if n := strings.Count(got, "NUM"); n != tt.want {
			t.Errorf("--matters %d: %d flagged lines, want %d:\n%s", tt.limit, n, tt.want, got)
		}
		more := strings.Contains(got, "… and 3 more flagged changes (--matters 0 lists all)")
		if more != (tt.want == 12) {
			t.Errorf("--matters %d: count of the rest %v:\n%s", tt.limit, more, got)
		}
	}
}

// TestWhatMattersAddedRemoved checks flagged whole sentences: shown marked,
// cut to maxRunWords.
func TestWhatMattersAddedRemoved(t *testing.T) {
	long := "“One two three four five six seven eight nine ten eleven twelve thirteen fourteen,” she said."
	o := doc("a", []string{"Kept."}, []string{long})
	n := doc("b", []string{"Kept.", "“Short,” he said."})
	addP := add(ref(0, 1), "“Short,” he said.")
	addP.Class, addP.Flags = diff.ClassWording, diff.FlagQuote
	remP := rem(ref(1, 0), long)
	remP.Class, remP.Flags = diff.ClassWording, diff.FlagQuote
	r := assemble(t, o, n,
		diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), "Kept."), addP}},
		diff.Block{Kind: diff.Removed, Old: []int{1}, Origin: -1, Pairs: []diff.Pair{remP}})
	got := section(t, writeString(t, r.View(0), FormatText, Options{Wrap: -1}))
	for _, w := range []string{"  — → ¶1  QUOTE  {+“Short,” he said.+}",
		"  ¶2 → —  QUOTE  [-“One two three four five six seven eight nine ten eleven twelve-]…"} {
		if !strings.Contains(got, w+"\n") {
			t.Errorf("section lacks %q:\n%s", w, got)
		}
	}
}

func TestWindowWords(t *testing.T) {
	for _, tt := range []struct {
		s          string
		k          int
		last, head string
		lcut, hcut bool
	}{
		{"", 3, "", "", false, false},
		{"one two ", 3, "one two ", "one two", false, false},
		{"a b c d e ", 2, "d e ", "a b", true, true},
		{"  x\u00a0y  z ", 1, "z ", "  x", true, true}, // a no-break space separates words too
		{"漢字 テスト です ", 2, "テスト です ", "漢字 テスト", true, true},
	} {
		if got, cut := lastWords(tt.s, tt.k); got != tt.last || cut != tt.lcut {
			t.Errorf("lastWords(%q, %d) = %q, %v; want %q, %v", tt.s, tt.k, got, cut, tt.last, tt.lcut)
		}
		if got, cut := firstWords(tt.s, tt.k); got != tt.head || cut != tt.hcut {
			t.Errorf("firstWords(%q, %d) = %q, %v; want %q, %v", tt.s, tt.k, got, cut, tt.head, tt.hcut)
		}
	}
}

// TestWhatMattersCounts checks on the fixtures that the section accounts
// for every change Stats counts (listed, cut or counted by class), under
// each ignore mask.
func TestWhatMattersCounts(t *testing.T) {
	for _, pair := range pairs(t) {
		r := loadPair(t, filepath.Join(pairsDir, pair))
		for _, m := range []diff.ClassMask{0, diff.IgnoreTypography, diff.IgnoreStyle, diff.IgnoreTypography | diff.IgnoreStyle} {
			st, _ := r.View(m).Stats()
			mt := whatMatters(r.View(m), 0)
			got := mt.changes() + mt.typography + mt.style + mt.wording
			if want := st.Typography + st.Style + st.Wording; got != want {
				t.Errorf("%s mask %q: section accounts for %d changes, stats count %d", pair, m, got, want)
			}
			flags := st.Negations + st.Numbers + st.Quotes + st.Names + st.Attributions
			if (mt.flaggedCount() > 0) != (flags > 0) {
				t.Errorf("%s mask %q: %d listed flagged changes, stats count %d flags", pair, m, mt.flaggedCount(), flags)
			}
			for _, e := range mt.entries {
				if f := e.flagged; e.finding == nil && len(f.words) == 0 {
					t.Errorf("%s: flagged change %s without words", pair, f.where())
				}
			}
		}
	}
}

// TestWhatMattersEscapes checks that story text in the section is escaped
// in HTML and Markdown.
func TestWhatMattersEscapes(t *testing.T) {
	p := classified(chg(diff.None, diff.None, we("<b>Tom</b> & *Jerry* said [x](y) "), wd("<script>1</script>"),
		wi("_2_ `code`"), we(" | <i>end</i>.")), run(1, 3, diff.ClassWording, diff.FlagNumber))
	r := oneToOne(t, p)
	r.Findings = []diff.Finding{{Kind: "lede<x>", Text: "new <lede> *here*"}}
	r.Matters = diff.OrderMatters(r)
	page := writeString(t, r.View(0), FormatHTML, Options{})
	sec := page[strings.Index(page, `<section class="matters">`):strings.Index(page, "</section>")]
	for _, bad := range []string{"<script", "<b>", "<i>", "<lede>", "<x>"} {
		if strings.Contains(sec, bad) {
			t.Errorf("html section contains unescaped %q:\n%s", bad, sec)
		}
	}
	for _, want := range []string{"&lt;script&gt;1&lt;/script&gt;", "</span> …&amp; *Jerry* said", "new &lt;lede&gt; *here*"} {
		if !strings.Contains(sec, want) {
			t.Errorf("html section lacks %q:\n%s", want, sec)
		}
	}
	md := writeString(t, r.View(0), FormatMarkdown, Options{})
	sec = md[strings.Index(md, "## What matters"):strings.Index(md, "## Changes")]
	for _, want := range []string{`\<script\>1\</script\>`, "\\_2\\_ \\`code\\`", `\*Jerry\*`, `\[x\](y)`, `\| \<i\>end\</i\>`,
		`**lede\<x\>:** new \<lede\> \*here\*`} {
		if !strings.Contains(sec, want) {
			t.Errorf("markdown section lacks %q:\n%s", want, sec)
		}
	}
	for _, bad := range []string{"<", "*Jerry*", "`", "_2", "[x]", "|"} {
		if strings.Contains(strings.ReplaceAll(sec, `\`+bad, ""), bad) {
			t.Errorf("markdown section contains unescaped %q:\n%s", bad, sec)
		}
	}
}

// ignoreResult holds a typography-only block, a block with a typography
// and a wording run, and a style-only block.
func ignoreResult(t *testing.T) *diff.Result {
	mixed := classified(chg(diff.None, diff.None, we("He "), wd("'said'"), wi("‘said’"), we(" it was "), wd("cold"), wi("warm"), we(".")),
		run(1, 3, diff.ClassTypography, 0), run(4, 6, diff.ClassWording, diff.FlagNumber))
	return oneToOne(t,
		classified(typoPair, run(1, 3, diff.ClassTypography, 0)),
		mixed,
		classified(stylePair, run(1, 3, diff.ClassStyle, 0)))
}

func TestIgnore(t *testing.T) {
	r := ignoreResult(t)
	tests := []struct {
		m            diff.ClassMask
		hiddenLine   string
		paragraphs   string
		want, deny   []string
		jsonClasses  []string
		jsonHidden   int
		sectionWants string
	}{
		{m: diff.IgnoreTypography, hiddenLine: "ignored: 2 typography changes hidden",
			paragraphs:  "paragraphs: old 3 = 1 unchanged + 2 changed + 0 removed + 0 boilerplate; new 3 = 1 unchanged + 2 changed",
			want:        []string{"… 1 unchanged paragraph …", "He ‘said’ it was [-cold-]{+warm+}.", "Levels rose 40 [-per cent-]{+percent+}"},
			deny:        []string{`[-"cold"-]`, "[-'said'-]", "· typography"},
			jsonClasses: []string{"typography"}, jsonHidden: 2, sectionWants: "1 style change not flagged\n"},
		{m: diff.IgnoreStyle, hiddenLine: "ignored: 1 style change hidden",
			paragraphs:  "paragraphs: old 3 = 1 unchanged + 2 changed + 0 removed + 0 boilerplate; new 3 = 1 unchanged + 2 changed",
			want:        []string{`It was [-"cold"-]{+“cold”+} there.`, "[-'said'-]{+‘said’+}", "… 1 unchanged paragraph …"},
			deny:        []string{"per cent"},
			jsonClasses: []string{"style"}, jsonHidden: 1, sectionWants: "2 typography changes not flagged\n"},
		{m: diff.IgnoreTypography | diff.IgnoreStyle, hiddenLine: "ignored: 2 typography, 1 style changes hidden",
			paragraphs:  "paragraphs: old 3 = 2 unchanged + 1 changed + 0 removed + 0 boilerplate; new 3 = 2 unchanged + 1 changed",
			want:        []string{"… 1 unchanged paragraph …", "He ‘said’ it was [-cold-]{+warm+}.", "… 1 unchanged paragraph …"},
			jsonClasses: []string{"typography", "style"}, jsonHidden: 3},
	}
	for _, tt := range tests {
		t.Run(tt.m.String(), func(t *testing.T) {
			_, hidden := r.View(tt.m).Stats()
			if hidden != tt.jsonHidden {
				t.Fatalf("View.Stats hides %d, test expects %d", hidden, tt.jsonHidden)
			}
			out := writeString(t, r.View(tt.m), FormatText, Options{})
			for _, w := range append([]string{tt.hiddenLine + "\n", tt.paragraphs}, tt.want...) {
				if !strings.Contains(out, w) {
					t.Errorf("text lacks %q:\n%s", w, out)
				}
			}
			for _, d := range tt.deny {
				if strings.Contains(out, d) {
					t.Errorf("text contains %q:\n%s", d, out)
				}
			}
			if tt.sectionWants != "" && !strings.HasSuffix(section(t, out), tt.sectionWants) {
				t.Errorf("section does not end with %q:\n%s", tt.sectionWants, section(t, out))
			}
			// Markdown and HTML hide the same runs.
			md := writeString(t, r.View(tt.m), FormatMarkdown, Options{})
			page := writeString(t, r.View(tt.m), FormatHTML, Options{})
			if !strings.Contains(md, tt.hiddenLine[len("ignored: "):]) || !strings.Contains(page, tt.hiddenLine[len("ignored: "):]) {
				t.Errorf("markdown or html lacks %q", tt.hiddenLine)
			}
			if tt.m.Has(diff.ClassTypography) {
				if strings.Contains(md, "'said'") || strings.Contains(page, "&#39;said&#39;") {
					t.Errorf("a hidden run is shown with its old text")
				}
			}
			// Side-by-side marks no hidden run and marks the others.
			sbs := writeString(t, r.View(tt.m), FormatSideBySide, Options{Width: 120})
			// Typography and style runs are marked lighter: [~…~].
			if hid := !strings.Contains(sbs, "[~'said'~]"); hid != tt.m.Has(diff.ClassTypography) {
				t.Errorf("side-by-side under %v marks the typography run: %v\n%s", tt.m, !hid, sbs)
			}
			if hid := !strings.Contains(sbs, "[~per cent~]"); hid != tt.m.Has(diff.ClassStyle) {
				t.Errorf("side-by-side under %v marks the style run: %v\n%s", tt.m, !hid, sbs)
			}
			if !strings.Contains(sbs, "[-cold-]") {
				t.Errorf("side-by-side under %v hides a wording run:\n%s", tt.m, sbs)
			}
			// JSON stays complete and records the mask.
			js := writeString(t, r.View(tt.m), FormatJSON, Options{})
			var v struct {
				Ignored *JSONIgnored `json:"ignored"`
				Stats   JSONStats    `json:"stats"`
			}
			if err := json.Unmarshal([]byte(js), &v); err != nil {
				t.Fatal(err)
			}
			if v.Ignored == nil || strings.Join(v.Ignored.Classes, ",") != strings.Join(tt.jsonClasses, ",") || v.Ignored.Hidden != tt.jsonHidden {
				t.Errorf("json ignored = %+v, want %v, %d", v.Ignored, tt.jsonClasses, tt.jsonHidden)
			}
			if v.Stats.Typography != r.Stats.Typography || v.Stats.Style != r.Stats.Style || !strings.Contains(js, `"'said'"`) {
				t.Errorf("json is not complete under the mask: %+v", v.Stats)
			}
		})
	}
	// Without a mask there is no ignored line nor member.
	if out := writeString(t, r.View(0), FormatText, Options{}); strings.Contains(out, "ignored") {
		t.Errorf("text without mask mentions ignored:\n%s", out)
	}
	if js := writeString(t, r.View(0), FormatJSON, Options{}); strings.Contains(js, `"ignored"`) {
		t.Error("json without mask has an ignored member")
	}
}

// TestIgnoreFixture checks the hidden counts on a real pair: the header
// reports the runs View.Stats hides, and with every typography change
// hidden the typography-only paragraph of the lede pair is summarised.
func TestIgnoreFixture(t *testing.T) {
	r := loadPair(t, filepath.Join(pairsDir, "lede"))
	ign, hidden := r.View(diff.IgnoreTypography).Stats()
	if hidden == 0 || r.Stats.Typography-ign.Typography != hidden {
		t.Fatalf("lede: %d typography runs hidden, stats differ by %d", hidden, r.Stats.Typography-ign.Typography)
	}
	out := writeString(t, r.View(diff.IgnoreTypography), FormatText, Options{})
	if want := "ignored: " + itoa(hidden) + " typography changes hidden\n"; !strings.Contains(out, want) {
		t.Errorf("lacks %q:\n%s", want, out)
	}
	full := writeString(t, r.View(0), FormatText, Options{})
	if strings.Count(out, "unchanged paragraph") <= strings.Count(full, "unchanged paragraph") && ign.Changed == r.Stats.Changed {
		t.Errorf("ignoring typography summarised nothing")
	}
	if strings.Contains(out, "· typography") {
		t.Errorf("a typography-only block is still shown as a change:\n%s", out)
	}
}

// TestJSONViewMatchesMarshal checks the streamed JSON with a mask
// against encoding/json.
func TestJSONViewMatchesMarshal(t *testing.T) {
	for _, r := range []*diff.Result{ignoreResult(t), loadPair(t, filepath.Join(pairsDir, "lede"))} {
		m := diff.IgnoreTypography | diff.IgnoreStyle
		jr, err := newJSONResult(r.View(m))
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.MarshalIndent(jr, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := writeJSON(&buf, r.View(m)); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != string(want)+"\n" {
			t.Errorf("streamed JSON differs:\n%s", firstDiff(string(want)+"\n", got))
		}
	}
}

// TestIgnoreAllHidden checks the note when every change is ignored.
func TestIgnoreAllHidden(t *testing.T) {
	r := oneToOne(t, classified(typoPair, run(1, 3, diff.ClassTypography, 0)), eq(diff.None, diff.None, "Same."))
	for _, tt := range []struct {
		m    diff.ClassMask
		want string
	}{
		{0, "¶1 → ¶1 · changed · typography"},
		{diff.IgnoreStyle, "¶1 → ¶1 · changed · typography"},
		{diff.IgnoreTypography, "The two versions differ only in ignored typography changes."},
		{diff.IgnoreTypography | diff.IgnoreStyle, "The two versions differ only in ignored typography and style changes."},
	} {
		for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML} {
			out := writeString(t, r.View(tt.m), f, Options{})
			if !strings.Contains(out, tt.want) {
				t.Errorf("%s mask %q: lacks %q:\n%s", f, tt.m, tt.want, out)
			}
			if strings.Contains(out, "identical") {
				t.Errorf("%s mask %q: says identical", f, tt.m)
			}
		}
	}
}

// TestWhatMattersEditsFirst checks the engine's order: by flag (an added
// quoted sentence before a changed name), and within one flag an edit of
// text that stayed before a whole sentence added.
func TestWhatMattersEditsFirst(t *testing.T) {
	o := doc("a", []string{namePair.Old})
	n := doc("b", []string{namePair.New, "“Short,” he said."})
	np := classified(namePair, run(1, 3, diff.ClassStyle, diff.FlagName))
	np.OldRef, np.NewRef = ref(0, 0), ref(0, 0)
	addP := add(ref(0, 1), "“Short,” he said.")
	addP.Class, addP.Flags = diff.ClassWording, diff.FlagQuote
	r := assemble(t, o, n, diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{addP, np}})
	got := section(t, writeString(t, r.View(0), FormatText, Options{Wrap: -1}))
	name, quote := strings.Index(got, "NAME"), strings.Index(got, "QUOTE")
	if name < 0 || quote < 0 || name < quote {
		t.Errorf("want the added QUOTE sentence before the NAME edit:\n%s", got)
	}
	// Same flag: the edit first.
	np.Runs[0].Flags, np.Flags = diff.FlagQuote, diff.FlagQuote
	r = assemble(t, o, n, diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{addP, np}})
	got = section(t, writeString(t, r.View(0), FormatText, Options{Wrap: -1}))
	edit, whole := strings.Index(got, "Kozlovskyy"), strings.Index(got, "Short")
	if edit < 0 || whole < 0 || edit > whole {
		t.Errorf("want the QUOTE edit before the added QUOTE sentence:\n%s", got)
	}
}

// TestHeaderCountsReconcile: on every fixture, under each mask, the text
// header's paragraph line adds up for each version and agrees with the
// JSON stats.
func TestHeaderCountsReconcile(t *testing.T) {
	line := regexp.MustCompile(`(?m)^paragraphs: old (\d+) = (\d+) unchanged \+ (\d+) changed \+ (\d+) removed \+ (\d+) boilerplate; new (\d+) = (\d+) unchanged \+ (\d+) changed \+ (\d+) added \+ (\d+) boilerplate$`)
	for _, pair := range pairs(t) {
		r := loadPair(t, filepath.Join(pairsDir, pair))
		for _, m := range []diff.ClassMask{0, diff.IgnoreTypography | diff.IgnoreStyle} {
			out := writeString(t, r.View(m), FormatText, Options{})
			g := line.FindStringSubmatch(out)
			if g == nil {
				t.Fatalf("%s: no paragraph line:\n%s", pair, out)
			}
			n := make([]int, len(g))
			for i := 1; i < len(g); i++ {
				n[i], _ = strconv.Atoi(g[i])
			}
			if n[1] != n[2]+n[3]+n[4]+n[5] || n[1] != len(r.Old.Paragraphs) {
				t.Errorf("%s: old %d ≠ %d+%d+%d+%d", pair, n[1], n[2], n[3], n[4], n[5])
			}
			if n[6] != n[7]+n[8]+n[9]+n[10] || n[6] != len(r.New.Paragraphs) {
				t.Errorf("%s: new %d ≠ %d+%d+%d+%d", pair, n[6], n[7], n[8], n[9], n[10])
			}
			if m == 0 {
				st := r.Stats
				if n[2] != st.OldEqual || n[3] != st.OldChanged || n[9] != st.NewAdded || n[10] != st.NewBoilerplate {
					t.Errorf("%s: header %v disagrees with stats %+v", pair, n, st)
				}
			}
		}
	}
}
