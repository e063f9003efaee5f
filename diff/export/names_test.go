package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storydiff/storydiff/diff"
)

// hostileNames are file names a hostile or careless sender might give:
// they reach every export header and the JSON names.
var hostileNames = []string{
	"a\x1b]0;pwned\x07.txt",    // OSC title change, BEL
	"b\x1b[2J\x1b[31m.txt",     // clear screen, colour
	"c\u009b31m\u0085.txt",     // C1 CSI and NEL
	"evil\u202egnp.exe.txt",    // right-to-left override
	"iso\u2066late\u2069d.txt", // isolates
	"bad\xffutf8\xfe.txt",      // invalid UTF-8
	"del\x7f and\ttab\nnewline.txt",
}

// rawHostile reports the first character of s that must never reach a
// terminal or a reader raw: a C0 control other than the line breaks and
// tabs an export writes itself, DEL, a C1 control, a bidi embedding,
// override or isolate, or invalid UTF-8.
func rawHostile(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "invalid UTF-8", true
	}
	for _, r := range s {
		switch {
		case r < 0x20 && r != '\n' && r != '\t', r == 0x7f, r >= 0x80 && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return string(r), true
		}
	}
	return "", false
}

// TestHostileNamesEveryFormat writes a pair whose versions carry hostile
// names (built by hand, so that nothing cleaned them before the export) in
// every format, and a history of them: no control character, bidi control
// or invalid UTF-8 from a name appears in the output, and the JSON names
// are the cleaned names (C1 and bidi characters replaced as in text).
func TestHostileNamesEveryFormat(t *testing.T) {
	for _, name := range hostileNames {
		old := doc(name, []string{"The council met on Monday."}, []string{"It voted."})
		nw := doc(name+"2", []string{"The council met on Tuesday."}, []string{"It voted."})
		r := diff.Compare(old, nw, nil)
		for _, f := range Formats {
			var b bytes.Buffer
			if err := Write(&b, r.View(0), f, Options{Width: 80, Color: true}); err != nil {
				t.Fatalf("%s %q: %v", f, name, err)
			}
			out := b.String()
			if f == FormatANSI {
				out = stripSGR(out)
			}
			if c, bad := rawHostile(out); bad {
				t.Errorf("%s export of %q holds %q raw:\n%s", f, name, c, out)
			}
			if f == FormatJSON {
				var j struct{ Old, New struct{ Name string } }
				if err := json.Unmarshal(b.Bytes(), &j); err != nil {
					t.Fatalf("json: %v", err)
				}
				if c, bad := rawHostile(j.Old.Name + j.New.Name); bad || j.Old.Name == "" {
					t.Errorf("JSON names %q, %q hold %q", j.Old.Name, j.New.Name, c)
				}
			}
		}
		h := diff.NewHistory([]*diff.Document{old, nw, nw}, nil)
		for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML, FormatJSON} {
			var b bytes.Buffer
			if err := WriteHistory(&b, h, f, Options{Width: 80}); err != nil {
				t.Fatalf("history %s %q: %v", f, name, err)
			}
			if c, bad := rawHostile(b.String()); bad {
				t.Errorf("%s history of %q holds %q raw", f, name, c)
			}
		}
	}
}

// stripSGR removes the colour sequences the ansi export writes itself
// (ESC [ … m), leaving any other escape in place.
func stripSGR(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := i + 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
			j++
		}
		if j < len(s) && s[j] == 'm' {
			b.WriteString(s[:i])
			s = s[j+1:]
			continue
		}
		b.WriteString(s[:j])
		s = s[j:]
	}
}
