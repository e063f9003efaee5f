package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/storydiff/storydiff/diff"
)

// shape is one hand-built result of a single block shape and the body
// writeText must write for it with Options{Context: -1}.
type shape struct {
	name string
	r    func(tb testing.TB) *diff.Result
	text string // the body after the header
}

var shapes = []shape{
	{
		name: "equal",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"Fire crews arrived.", "Nobody was hurt."})
			n := doc("b", []string{"Fire crews arrived.", "Nobody was hurt."})
			return assemble(tb, o, n, diff.Block{Kind: diff.Equal, Old: []int{0}, New: []int{0}, Origin: -1,
				Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), "Fire crews arrived."), eq(ref(0, 1), ref(0, 1), "Nobody was hurt.")}})
		},
		text: "The two versions are identical.\n\n" +
			"¶1 → ¶1 · unchanged\n    Fire crews arrived. Nobody was hurt.\n",
	},
	{
		name: "changed",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"The mayor said 12 people died."})
			n := doc("b", []string{"The mayor said 15 people died."})
			b := diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Class: diff.ClassWording, Flags: diff.FlagNumber,
				Pairs: []diff.Pair{chg(ref(0, 0), ref(0, 0), we("The mayor said "), wd("12"), wi("15"), we(" people died."))}}
			return assemble(tb, o, n, b)
		},
		text: "¶1 → ¶1 · changed · wording · check: number\n    The mayor said [-12-]{+15+} people died.\n",
	},
	{
		name: "added and removed sentences",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"One.", "Two gone."})
			n := doc("b", []string{"One.", "Three new."})
			b := diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1,
				Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), "One."), rem(ref(0, 1), "Two gone."), add(ref(0, 1), "Three new.")}}
			return assemble(tb, o, n, b)
		},
		text: "¶1 → ¶1 · changed\n    One. [-Two gone.-] {+Three new.+}\n",
	},
	{
		name: "added paragraph",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"Kept."})
			n := doc("b", []string{"Kept."}, []string{"Brand new paragraph."})
			return assemble(tb, o, n,
				diff.Block{Kind: diff.Equal, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), "Kept.")}},
				diff.Block{Kind: diff.Added, New: []int{1}, Origin: -1, Pairs: []diff.Pair{add(ref(1, 0), "Brand new paragraph.")}})
		},
		text: "¶1 → ¶1 · unchanged\n    Kept.\n\n" +
			"— → ¶2 · added\n    {+Brand new paragraph.+}\n",
	},
	{
		name: "removed paragraph",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"Gone now."}, []string{"Kept."})
			n := doc("b", []string{"Kept."})
			return assemble(tb, o, n,
				diff.Block{Kind: diff.Removed, Old: []int{0}, Origin: -1, Pairs: []diff.Pair{rem(ref(0, 0), "Gone now.")}},
				diff.Block{Kind: diff.Equal, Old: []int{1}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{eq(ref(1, 0), ref(0, 0), "Kept.")}})
		},
		text: "¶1 → — · removed\n    [-Gone now.-]\n\n" +
			"¶2 → ¶1 · unchanged\n    Kept.\n",
	},
	{
		name: "moved block",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"First."}, []string{"Second."}, []string{"Third."})
			n := doc("b", []string{"Second."}, []string{"Third."}, []string{"First."})
			return assemble(tb, o, n,
				diff.Block{Kind: diff.Equal, Old: []int{1}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{eq(ref(1, 0), ref(0, 0), "Second.")}},
				diff.Block{Kind: diff.Equal, Old: []int{2}, New: []int{1}, Origin: -1, Pairs: []diff.Pair{eq(ref(2, 0), ref(1, 0), "Third.")}},
				diff.Block{Kind: diff.Equal, Old: []int{0}, New: []int{2}, Moved: true, Origin: 0, Pairs: []diff.Pair{eq(ref(0, 0), ref(2, 0), "First.")}})
		},
		text: "↕ old ¶1 moved to new ¶3\n\n" +
			"¶2 → ¶1 · unchanged\n    Second.\n\n" +
			"¶3 → ¶2 · unchanged\n    Third.\n\n" +
			"¶1 → ¶3 · unchanged · moved\n    First.\n",
	},
	{
		name: "split",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"Police came.", "They left."})
			n := doc("b", []string{"Police came."}, []string{"They left."})
			return assemble(tb, o, n, diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0, 1}, Origin: -1,
				Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), "Police came."), eq(ref(0, 1), ref(1, 0), "They left.")}})
		},
		text: "¶1 → ¶1–2 (split) · changed\n    Police came.\n\n    They left.\n",
	},
	{
		name: "merge",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"Police came."}, []string{"Other."}, []string{"They left."})
			n := doc("b", []string{"Police came.", "They left."}, []string{"Other."})
			return assemble(tb, o, n,
				diff.Block{Kind: diff.Changed, Old: []int{0, 2}, New: []int{0}, Origin: -1,
					Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), "Police came."), eq(ref(2, 0), ref(0, 1), "They left.")}},
				diff.Block{Kind: diff.Equal, Old: []int{1}, New: []int{1}, Origin: -1, Pairs: []diff.Pair{eq(ref(1, 0), ref(1, 0), "Other.")}})
		},
		text: "¶1+¶3 → ¶1 (merged) · changed\n    Police came. [-¶-] They left.\n\n" +
			"¶2 → ¶2 · unchanged\n    Other.\n",
	},
	{
		name: "moved sentence",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"A one.", "A two."}, []string{"B one."})
			n := doc("b", []string{"A one."}, []string{"B one.", "A two."})
			moved := eq(ref(0, 1), ref(1, 1), "A two.")
			moved.Moved = true
			return assemble(tb, o, n,
				diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{eq(ref(0, 0), ref(0, 0), "A one.")}},
				diff.Block{Kind: diff.Changed, Old: []int{1}, New: []int{1}, Origin: -1, Pairs: []diff.Pair{eq(ref(1, 0), ref(1, 0), "B one."), moved}})
		},
		text: "¶1 → ¶1 · changed\n    A one. [-A two.-] (moved to ¶2)\n\n" +
			"¶2 → ¶2 · changed\n    B one. A two. (moved from ¶1)\n",
	},
	{
		name: "moved sentence first in its paragraph",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"A one.", "A two."}, []string{"B one."})
			n := doc("b", []string{"A two."}, []string{"A one.", "B one."})
			moved := eq(ref(0, 0), ref(1, 0), "A one.")
			moved.Moved = true
			return assemble(tb, o, n,
				diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Pairs: []diff.Pair{eq(ref(0, 1), ref(0, 0), "A two.")}},
				diff.Block{Kind: diff.Changed, Old: []int{1}, New: []int{1}, Origin: -1, Pairs: []diff.Pair{moved, eq(ref(1, 0), ref(1, 1), "B one.")}})
		},
		text: "¶1 → ¶1 · changed\n    [-A one.-] (moved to ¶2) A two.\n\n" +
			"¶2 → ¶2 · changed\n    A one. (moved from ¶1) B one.\n",
	},
	{
		name: "white space is the change",
		r: func(tb testing.TB) *diff.Result {
			o := doc("a", []string{"Two  spaces."})
			n := doc("b", []string{"Two spaces."})
			return assemble(tb, o, n, diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1, Class: diff.ClassTypography,
				Pairs: []diff.Pair{chg(ref(0, 0), ref(0, 0), we("Two"), wd(" "), we(" spaces."))}})
		},
		text: "¶1 → ¶1 · changed · typography\n    Two[-␣-] spaces.\n",
	},
	{
		name: "long removal wraps with balanced markers",
		r: func(tb testing.TB) *diff.Result {
			long := "This sentence is long enough that it has to wrap across two lines of the text export at eighty columns."
			o := doc("a", []string{long})
			n := doc("b", []string{"Short."})
			return assemble(tb, o, n, diff.Block{Kind: diff.Changed, Old: []int{0}, New: []int{0}, Origin: -1,
				Pairs: []diff.Pair{rem(ref(0, 0), long), add(ref(0, 0), "Short.")}})
		},
		text: "¶1 → ¶1 · changed\n" +
			"    [-This sentence is long enough that it has to wrap across two lines of the-]\n" +
			"    [-text export at eighty columns.-] {+Short.+}\n",
	},
}

// body returns what follows the header and the What matters section (the
// second blank line).
func body(s string) string {
	i := strings.Index(s, "\n\nWhat matters\n")
	if i < 0 {
		return ""
	}
	s = s[i+2:]
	if i := strings.Index(s, "\n\n"); i >= 0 {
		return s[i+2:]
	}
	return ""
}

func TestShapesText(t *testing.T) {
	for _, c := range shapes {
		t.Run(c.name, func(t *testing.T) {
			r := c.r(t)
			var buf bytes.Buffer
			if err := writeText(&buf, r.View(0), Options{Context: -1}); err != nil {
				t.Fatal(err)
			}
			if got := body(buf.String()); got != c.text {
				t.Errorf("body:\n%s\nwant:\n%s", got, c.text)
			}
			for _, line := range strings.Split(buf.String(), "\n") {
				if n := strings.Count(line, "[-"); n != strings.Count(line, "-]") {
					t.Errorf("unbalanced deletion markers in %q", line)
				}
				if n := strings.Count(line, "{+"); n != strings.Count(line, "+}") {
					t.Errorf("unbalanced insertion markers in %q", line)
				}
			}
		})
	}
}

// TestShapesAllFormats checks that every format writes every shape without
// error and shows every word of both versions.
func TestShapesAllFormats(t *testing.T) {
	for _, c := range shapes {
		t.Run(c.name, func(t *testing.T) {
			r := c.r(t)
			checkNothingLost(t, r)
		})
	}
}

func TestANSIPlainIsText(t *testing.T) {
	for _, c := range shapes {
		r := c.r(t)
		var a, b bytes.Buffer
		if err := writeText(&a, r.View(0), Options{}); err != nil {
			t.Fatal(err)
		}
		if err := writeANSI(&b, r.View(0), Options{}); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%s: ansi without colour differs from text", c.name)
		}
	}
}

func TestANSIColours(t *testing.T) {
	r := shapes[1].r(t) // changed: 12 → 15
	var buf bytes.Buffer
	if err := writeANSI(&buf, r.View(0), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"\x1b[1;4;31m12\x1b[0m", "\x1b[1;4;32m15\x1b[0m"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in %q", want, out)
		}
	}
	if strings.Contains(out, "[-") || strings.Contains(out, "{+") {
		t.Errorf("coloured output still has markers: %q", out)
	}
	plain := ansi.Strip(out)
	if !strings.Contains(plain, "The mayor said 1215 people died.") {
		t.Errorf("stripped output lost text: %q", plain)
	}
	r = shapes[8].r(t) // moved sentence
	buf.Reset()
	if err := writeANSI(&buf, r.View(0), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\x1b[9;35mA two.\x1b[0m") || !strings.Contains(buf.String(), "\x1b[34mA two.\x1b[0m") {
		t.Errorf("moved sentence not coloured: %q", buf.String())
	}
}

func TestMarkdownShapes(t *testing.T) {
	tests := []struct {
		shape int
		want  string
	}{
		{1, "The mayor said ~~12~~**15** people died.\n"},
		{2, "One. ~~Two gone.~~ **Three new.**\n"},
		{7, "Police came. ~~¶~~ They left.\n"},
		{8, "A one. ~~A two.~~ *(moved to ¶2)*\n"},
		{5, "> ↕ old ¶1 moved to new ¶3\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := writeMarkdown(&buf, shapes[tt.shape].r(t).View(0), Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tt.want) {
			t.Errorf("%s: want %q in\n%s", shapes[tt.shape].name, tt.want, buf.String())
		}
	}
}
