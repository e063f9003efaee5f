package segment

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storydiff/storydiff/internal/scaling"
)

// sentenceStrings returns the sentences of text as strings, after checking
// that they partition text.
func sentenceStrings(t testing.TB, text string) []string {
	t.Helper()
	spans := Sentences(text)
	checkPartition(t, text, spans)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = text[sp.Start:sp.End]
	}
	return out
}

func checkPartition(t testing.TB, text string, spans []Span) {
	t.Helper()
	if text == "" {
		if len(spans) != 0 {
			t.Fatalf("Sentences(%q) = %v, want none", text, spans)
		}
		return
	}
	pos := 0
	for i, sp := range spans {
		if sp.Start != pos || sp.End <= sp.Start || sp.End > len(text) {
			t.Fatalf("Sentences(%.80q): span %d = %v, want start %d, non-empty, within %d", text, i, sp, pos, len(text))
		}
		pos = sp.End
	}
	if pos != len(text) {
		t.Fatalf("Sentences(%.80q): spans end at %d, want %d", text, pos, len(text))
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"only spaces", "   ", []string{"   "}},
		{"no final punctuation", "The talks went on", []string{"The talks went on"}},
		{"two sentences", "It rained. We left.", []string{"It rained. ", "We left."}},
		{"trailing space belongs", "It rained.   We left.  ", []string{"It rained.   ", "We left.  "}},
		{"question in quotes", "“Is it over?” The crowd roared.", []string{"“Is it over?” ", "The crowd roared."}},
		{"question in quotes then lowercase", "“Is it over?” she asked. No.", []string{"“Is it over?” she asked. ", "No."}},
		{"exclamation", "Stop! Now we go.", []string{"Stop! ", "Now we go."}},
		{"exclamation then lowercase", "“Stop!” he shouted.", []string{"“Stop!” he shouted."}},
		{"closing quote after full stop", "“We left the meeting.” Trump said no.", []string{"“We left the meeting.” ", "Trump said no."}},
		{"closing bracket after full stop", "(He left.) Then she did.", []string{"(He left.) ", "Then she did."}},
		{"U.S. then capital", "He lives in the U.S. The next day he left.", []string{"He lives in the U.S. ", "The next day he left."}},
		{"U.S. then lowercase", "He lives in the U.S. and votes.", []string{"He lives in the U.S. and votes."}},
		{"U.K. then digit", "Sales in the U.K. 2024 figures rose.", []string{"Sales in the U.K. 2024 figures rose."}},
		{"U.N. then sentence starter", "It went to the U.N. But diplomats were stunned.", []string{"It went to the U.N. ", "But diplomats were stunned."}},
		{"U.S. qualifies a title", "U.S. President Donald Trump called the meeting productive.", []string{"U.S. President Donald Trump called the meeting productive."}},
		{"U.K. qualifies a name", "He met the U.K. Treasury team. They agreed.", []string{"He met the U.K. Treasury team. ", "They agreed."}},
		// Ambiguous by design: a capitalised word that is not a usual
		// sentence opener is taken as qualified by the abbreviation.
		{"U.N. then a noun", "It went to the U.N. Diplomats were stunned.", []string{"It went to the U.N. Diplomats were stunned."}},
		{"titles", "Mr. Smith met Mrs. Jones and Ms. Lee. Dr. Patel came.",
			[]string{"Mr. Smith met Mrs. Jones and Ms. Lee. ", "Dr. Patel came."}},
		{"political titles", "Sen. Warren, Rep. Ocasio-Cortez and Gov. Newsom spoke.",
			[]string{"Sen. Warren, Rep. Ocasio-Cortez and Gov. Newsom spoke."}},
		{"military titles", "Gen. Milley, Lt. Col. Vindman and Sgt. York.", []string{"Gen. Milley, Lt. Col. Vindman and Sgt. York."}},
		{"saint", "He flew to St. Louis. It was late.", []string{"He flew to St. Louis. ", "It was late."}},
		{"Jr. ends a sentence", "He met Martin Luther King Jr. They talked.", []string{"He met Martin Luther King Jr. ", "They talked."}},
		{"Jr. mid sentence", "Martin Luther King Jr. said so.", []string{"Martin Luther King Jr. said so."}},
		{"company then capital", "He joined Acme Inc. It grew.", []string{"He joined Acme Inc. ", "It grew."}},
		{"company then lowercase", "Acme Corp. and Foo Co. merged with Bar Ltd. last year.", []string{"Acme Corp. and Foo Co. merged with Bar Ltd. last year."}},
		{"number abbreviation", "He ranked No. 1 in the world.", []string{"He ranked No. 1 in the world."}},
		{"versus", "It was Roe v. Wade, then Smith vs. Jones.", []string{"It was Roe v. Wade, then Smith vs. Jones."}},
		{"etc. at end", "Apples, pears, etc. Then came bread.", []string{"Apples, pears, etc. ", "Then came bread."}},
		{"etc. mid sentence", "Apples, pears, etc. were sold.", []string{"Apples, pears, etc. were sold."}},
		{"months", "On Jan. 5 and Feb. 6, and on Aug. 12, Sept. 1, Oct. 3, Nov. 4 and Dec. 25 it snowed.",
			[]string{"On Jan. 5 and Feb. 6, and on Aug. 12, Sept. 1, Oct. 3, Nov. 4 and Dec. 25 it snowed."}},
		{"month then capital-started clause", "It was Jan. 5 When he came.", []string{"It was Jan. 5 When he came."}},
		{"initials", "J.D. Vance met George W. Bush.", []string{"J.D. Vance met George W. Bush."}},
		{"initials spaced", "J. R. R. Tolkien wrote.", []string{"J. R. R. Tolkien wrote."}},
		{"a.m. then lowercase", "It began at 9 a.m. and ended at 5 p.m. on Friday.", []string{"It began at 9 a.m. and ended at 5 p.m. on Friday."}},
		{"p.m. then day", "Polls close at 8 p.m. Tuesday in Ohio.", []string{"Polls close at 8 p.m. Tuesday in Ohio."}},
		{"p.m. then zone", "It starts at 8 p.m. ET on Fox.", []string{"It starts at 8 p.m. ET on Fox."}},
		{"p.m. ends sentence", "It ended at 5 p.m. The crowd left.", []string{"It ended at 5 p.m. ", "The crowd left."}},
		{"ellipsis mid sentence", "Well... maybe not.", []string{"Well... maybe not."}},
		{"ellipsis char mid sentence", "Well… maybe not.", []string{"Well… maybe not."}},
		{"ellipsis then capital", "He paused... The room waited.", []string{"He paused... ", "The room waited."}},
		{"decimals", "Growth was 2.5 percent, up from 1.75. It was 3.0 later.",
			[]string{"Growth was 2.5 percent, up from 1.75. ", "It was 3.0 later."}},
		{"CJK", "今天下雨。我们走了。", []string{"今天下雨。", "我们走了。"}},
		{"emoji", "We won 🎉🎉. Next year 👍🏽! Done", []string{"We won 🎉🎉. ", "Next year 👍🏽! ", "Done"}},
		{"accents and combining marks", "Él llegó. Zoë came. Ame\u0301lie left.", []string{"Él llegó. ", "Zoë came. ", "Ame\u0301lie left."}},
		{"line break after a title is kept", "Signed, Mr.\nSmith", []string{"Signed, Mr.\n", "Smith"}},
		{"line break without punctuation", "Line one\nline two", []string{"Line one\n", "line two"}},
		{"odd but valid UTF-8", "\u200b\ufeff.\u2028x\U0010FFFF. \u00ad", []string{"\u200b\ufeff.\u2028", "x\U0010FFFF. \u00ad"}},
		{"question then question", "Why? Why not?", []string{"Why? ", "Why not?"}},
		{"question mark quote exclamation", "He asked, “Why?” Nobody knew!", []string{"He asked, “Why?” ", "Nobody knew!"}},
		{"long run of spaces after full stop", "a." + strings.Repeat(" ", 100) + "B c.", []string{"a." + strings.Repeat(" ", 100), "B c."}},
		{"long run of closers", "a." + strings.Repeat(")", 50) + " b. C", []string{"a." + strings.Repeat(")", 50) + " b. ", "C"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceStrings(t, tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestSentencesLinear checks that pathological inputs cost linear work:
// 1 MB (10 MB with STORYDIFF_TIMING=1) without punctuation, and the inputs
// that make UAX #29 look ahead from every character (a full stop followed
// by a long run of spaces or of closing quotes before a capital letter).
// What keeps them linear is shield: after it no run of spaces or closing
// punctuation is long enough to cost a look-ahead, which is checked
// without a clock; the wall-clock bound runs only when asked for.
func TestSentencesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	size := 1 << 20
	if scaling.Timing() {
		size = 10 << 20
	}
	words := strings.Repeat("lorem ipsum dolor sit amet ", size/27)
	tests := []struct {
		name string
		text string
		want int // number of sentences
	}{
		{"no punctuation", words, 1},
		{"full stop then spaces", "a." + strings.Repeat(" ", size) + "B", 2},
		{"full stop then NBSP and marks", "a." + strings.Repeat("\u00a0\u0301", size/4) + "B", 2},
		{"full stop then closers", "a." + strings.Repeat("”", size/3) + "B", 2},
		{"full stop then spaces then digits", "a." + strings.Repeat(" ", size/2) + strings.Repeat("1", size/2) + "B", 2},
		{"full stop then short space run then digits", "a." + strings.Repeat(" ", 31) + strings.Repeat("1", size) + "B", 2},
		{"full stop then three spaces then digits", "a.   " + strings.Repeat("1", size) + "B", 2},
		{"newlines", strings.Repeat("\n", size/4), size / 4},
		{"opening quotes after a break", "a.\n" + strings.Repeat("“", size/3), 2},
		{"many full stops", strings.Repeat("It is. ", size/7), size / 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := longestRun(shield(tt.text)); n > 2*shieldMin {
				t.Errorf("shield left a run of %d bytes of spaces or closers: each costs a look-ahead", n)
			}
			var spans []Span
			start := time.Now()
			cost := scaling.Measure(func() { spans = Sentences(tt.text) })
			el := time.Since(start)
			checkPartition(t, tt.text, spans)
			if len(spans) != tt.want {
				t.Errorf("got %d sentences, want %d", len(spans), tt.want)
			}
			if limit := 16*uint64(len(tt.text)) + 128*uint64(len(spans)) + 1<<20; cost.Bytes > limit {
				t.Errorf("allocated %d bytes for %d bytes of text (limit %d)", cost.Bytes, len(tt.text), limit)
			}
			// Linear code does 10 MB in well under a second on an idle
			// machine; the quadratic cases would take hours (uax29 alone
			// takes 8 s for 25 kB of spaces after a full stop).
			if scaling.Timing() && el > 30*time.Second {
				t.Errorf("took %v for %d bytes", el, len(tt.text))
			}
			t.Logf("%d bytes in %v, %d bytes allocated", len(tt.text), el, cost.Bytes)
		})
	}
}

// longestRun returns the byte length of the longest run of runes of one
// run kind (spaces or closing punctuation) in s.
func longestRun(s string) int {
	longest, start, kind := 0, 0, runNone
	for i, r := range s {
		k := runKind(r)
		if k != kind {
			start, kind = i, k
		}
		if k != runNone {
			longest = max(longest, i+utf8.RuneLen(r)-start)
		}
	}
	return longest
}
