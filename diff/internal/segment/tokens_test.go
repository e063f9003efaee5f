package segment

import (
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"spaces", " \t\u00a0 ", []string{" \t\u00a0 "}},
		{"simple", "Hello, world.", []string{"Hello", ",", " ", "world", "."}},
		{"straight apostrophe", "There's", []string{"There's"}},
		{"curly apostrophe", "There’s O’Brien’s", []string{"There’s", " ", "O’Brien’s"}},
		{"modifier apostrophe", "Hawaiʻi isnʼt", []string{"Hawaiʻi", " ", "isnʼt"}},
		{"apostrophe at ends", "'tis the dogs' ", []string{"'", "tis", " ", "the", " ", "dogs", "'", " "}},
		{"abbreviation U.S.", "the U.S. economy", []string{"the", " ", "U.S.", " ", "economy"}},
		{"a.m.", "at 9 a.m.", []string{"at", " ", "9", " ", "a.m."}},
		{"Ph.D.", "a Ph.D. holder", []string{"a", " ", "Ph.D.", " ", "holder"}},
		{"decimal then full stop", "up 2.5.", []string{"up", " ", "2.5", "."}},
		{"title keeps period apart", "Mr. Smith", []string{"Mr", ".", " ", "Smith"}},
		{"hyphens split", "two-and-a-half", []string{"two", "-", "and", "-", "a", "-", "half"}},
		{"thousands and time", "1,000 at 5:30, then", []string{"1,000", " ", "at", " ", "5:30", ",", " ", "then"}},
		{"comma between words", "a,b", []string{"a", ",", "b"}},
		{"ellipsis run", "Well... maybe…", []string{"Well", "...", " ", "maybe", "…"}},
		{"em dash run", "no——yes — ok", []string{"no", "——", "yes", " ", "—", " ", "ok"}},
		{"mixed punctuation not merged", "?!", []string{"?", "!"}},
		{"curly quotes", "“Hi,” she said", []string{"“", "Hi", ",", "”", " ", "she", " ", "said"}},
		{"CJK ideographs one by one", "今天下雨。", []string{"今", "天", "下", "雨", "。"}},
		{"emoji with modifier and ZWJ", "ok 👍🏽 👩‍💻!", []string{"ok", " ", "👍🏽", " ", "👩‍💻", "!"}},
		{"combining accent", "Ame\u0301lie", []string{"Ame\u0301lie"}},
		{"invalid UTF-8", "a\xffb\xc3", []string{"a", "\xff", "b", "\xc3"}},
		{"CJK radical is a symbol, not a word", "000000⻠", []string{"000000", "⻠"}}, // found by FuzzSegment
		{"digits and letters", "COVID19 H5N1", []string{"COVID19", " ", "H5N1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokens(tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Tokens(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
			// AppendTokens appends the same tokens after what dst holds.
			app := AppendTokens([]string{"x"}, tt.text)
			if strings.Join(app[1:], "|") != strings.Join(tt.want, "|") || len(app) != 1+len(tt.want) || app[0] != "x" {
				t.Errorf("AppendTokens(x, %q)\n got %q\nwant x then %q", tt.text, app, tt.want)
			}
		})
	}
}

func TestIsWordIsSpace(t *testing.T) {
	tests := []struct {
		tok          string
		word, spaces bool
	}{
		{"", false, false},
		{"word", true, false},
		{"2.5", true, false},
		{"今", true, false},
		{"...", false, false},
		{"👍", false, false},
		{" ", false, true},
		{"\u00a0\u3000\t", false, true},
		{"\ufeff", false, true},
		{"a b", true, false},
	}
	for _, tt := range tests {
		if got := IsWord(tt.tok); got != tt.word {
			t.Errorf("IsWord(%q) = %v, want %v", tt.tok, got, tt.word)
		}
		if got := IsSpace(tt.tok); got != tt.spaces {
			t.Errorf("IsSpace(%q) = %v, want %v", tt.tok, got, tt.spaces)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"word", "word"},
		{"Word", "word"},
		{"ÉCOLE", "école"},
		{"Straße", "straße"},
		{"ΟΔΟΣ ὁδός", "οδοσ ὁδόσ"},
		{"\u212a", "k"}, // Kelvin sign
		{"There’s", "there's"},
		{"‘quoted’ ‛x′", "'quoted' 'x'"},
		{"“Hi” „x‟ «y» ″", `"hi" "x" "y" "`},
		{"a–b—c‐d‑e−f―g", "a-b-c-d-e-f-g"},
		{"wait…", "wait..."},
		{"a\u00a0\u2009 \tb", "a b"},
		{"co\u00adop", "coop"},
		{"a\u00a0\u00ad\u0085b", "a b"}, // found by TestRandomInvariants: soft hyphen between spaces
		{"two  spaces", "two spaces"},
		{"\xff", "\ufffd"},     // invalid UTF-8 becomes U+FFFD
		{"Cafe\u0301", "café"}, // NFD → NFC
		{"\ufb01nal", "final"}, // ligature (NFKC)
		{"ＡＢ４２", "ab42"},       // full-width forms (NFKC)
		{"caf\u00e9", "café"},  // already NFC: unchanged
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != Fold(tt.in) {
			t.Errorf("Fold not idempotent on %q: %q", tt.in, got)
		}
	}
}

func TestFoldNoAllocOnFolded(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _ = Fold("already folded words") })
	if allocs != 0 {
		t.Errorf("Fold on folded ASCII allocates %v times, want 0", allocs)
	}
}

// TestAppendFoldNoAllocASCII: the engine folds every word of both versions
// through AppendFold; an ASCII word, capitalised or not, must not allocate.
func TestAppendFoldNoAllocASCII(t *testing.T) {
	buf := make([]byte, 0, 64)
	for _, w := range []string{"Trump", "U.S.", "1,000", "Putin's"} {
		allocs := testing.AllocsPerRun(100, func() { buf = AppendFold(buf[:0], w) })
		if allocs != 0 {
			t.Errorf("AppendFold(%q) allocates %v times, want 0", w, allocs)
		}
		if got := string(AppendFold(nil, w)); got != Fold(w) {
			t.Errorf("AppendFold(%q) = %q, Fold gives %q", w, got, Fold(w))
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"“There’s no deal,” Trump said.", "\"There's no deal\" Trump said"},
		{"It  was — as  expected — late.", "it was as expected late"},
		{"Well… maybe.", "well maybe"},
		{"In the U.S., growth was 2.5%.", "in the U.S. growth was 2.5"},
	}
	for _, tt := range tests {
		if ka, kb := Key(tt.a), Key(tt.b); ka != kb {
			t.Errorf("Key(%q) = %q, Key(%q) = %q, want equal", tt.a, ka, tt.b, kb)
		}
	}
	if got, want := Key("“There’s no deal,” Trump said."), "there's no deal trump said"; got != want {
		t.Errorf("Key = %q, want %q", got, want)
	}
	if got := Key(" ... — "); got != "" {
		t.Errorf("Key of punctuation = %q, want empty", got)
	}
	if Key("Deal is off.") == Key("Deal is on.") {
		t.Error("different words give the same key")
	}
}

func TestCountWordsAndWordKeys(t *testing.T) {
	tests := []struct {
		text string
		keys []string
	}{
		{"", nil},
		{"  — ... ", nil},
		{"“There’s no deal,” Trump said.", []string{"there's", "no", "deal", "trump", "said"}},
		{"two-and-a-half U.S. 2.5", []string{"two", "and", "a", "half", "u.s.", "2.5"}},
		{"今天 ok", []string{"今", "天", "ok"}},
		{"000000⻠", []string{"000000"}},
	}
	for _, tt := range tests {
		got := WordKeys(tt.text)
		if strings.Join(got, "|") != strings.Join(tt.keys, "|") || len(got) != len(tt.keys) {
			t.Errorf("WordKeys(%q) = %q, want %q", tt.text, got, tt.keys)
		}
		if n := CountWords(tt.text); n != len(tt.keys) {
			t.Errorf("CountWords(%q) = %d, want %d", tt.text, n, len(tt.keys))
		}
	}
}

// TestNextWordAppendFold checks the allocation-free walk gives WordKeys.
func TestNextWordAppendFold(t *testing.T) {
	for _, text := range []string{"", "  ", "“There’s no deal,” Trump SAID — in the U.S. 2.5%", "東京で 会議。 Zoë, 👍🏽 ok", "a\u00adb  c"} {
		var got []string
		var buf []byte
		for s, e := NextWord(text, 0); s >= 0; s, e = NextWord(text, e) {
			buf = AppendFold(buf[:0], text[s:e])
			got = append(got, string(buf))
		}
		want := WordKeys(text)
		if len(got) != len(want) {
			t.Fatalf("%q: got %q, want %q", text, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%q: word %d = %q, want %q", text, i, got[i], want[i])
			}
		}
	}
}

// TestAppendTokensMax: under its bound AppendTokensMax is AppendTokens;
// over it, it stops after max+1 tokens and says so.
func TestAppendTokensMax(t *testing.T) {
	for _, text := range []string{"", "One.", "The council approved the plan on Monday.", "“Quoted,” she said — twice…  ok", strings.Repeat("word ", 50)} {
		all := Tokens(text)
		for _, max := range []int{0, 1, 2, len(all) - 1, len(all), len(all) + 5} {
			if max < 0 {
				continue
			}
			got, ok := AppendTokensMax([]string{"keep"}, text, max)
			if got[0] != "keep" {
				t.Fatalf("%q max %d: dst not appended to", text, max)
			}
			got = got[1:]
			if want := len(all) <= max; ok != want {
				t.Errorf("%q max %d: ok = %v, want %v (%d tokens)", text, max, ok, want, len(all))
			}
			want := all
			if !ok {
				want = all[:max+1]
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q max %d: %q, want %q", text, max, got, want)
			}
		}
	}
}
