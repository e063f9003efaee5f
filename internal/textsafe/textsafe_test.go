package textsafe

import "testing"

func TestClean(t *testing.T) {
	tests := []struct{ in, line, fragment string }{
		{"old.txt", "old.txt", "old.txt"},
		{"Szabó 東京 🎉", "Szabó 東京 🎉", "Szabó 東京 🎉"},
		{"a\x1b]0;x\x07b", "a␛]0;x␇b", "a␛]0;x␇b"},
		{"del\x7f", "del␡", "del␡"},
		{"c1\u0080\u009b", "c1\ufffd\ufffd", "c1\ufffd\ufffd"},
		{"evil\u202egnp\u2066x\u2069", "evil\ufffdgnp\ufffdx\ufffd", "evil\ufffdgnp\ufffdx\ufffd"},
		{"lrm\u200e kept", "lrm\u200e kept", "lrm\u200e kept"},
		{"bad\xffutf8", "bad\ufffdutf8", "bad\ufffdutf8"},
		{"zw\u200bsp\u00ad\ufeff", "zwsp", "zwsp"},
		{"  two  \t spaces\n", "two spaces", "  two    spaces "},
		{"line\u2028sep", "line sep", "line sep"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.line {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := Fragment(tt.in); got != tt.fragment {
			t.Errorf("Fragment(%q) = %q, want %q", tt.in, got, tt.fragment)
		}
	}
	_, n := CleanCount("\x1b\u0085\u202e\u2067x")
	if n.Controls != 1 || n.Bidi != 2 {
		t.Errorf("counts %+v, want 1 control (NEL is white space) and 2 bidi", n)
	}
}
