package tui

import "testing"

func TestIndexQuery(t *testing.T) {
	tests := []struct {
		s, q string
		fold bool
		want int
	}{
		{"The Barrier", "barrier", true, 4},
		{"The Barrier", "barrier", false, -1},
		{"The Barrier", "Barrier", false, 4},
		{"bbbarrier", "barrier", true, 2},
		{"Szabó said", "szabó", true, 0},
		{"abc", "abcd", true, -1},
		{"", "a", true, -1},
		{"xAy xay", "ay", true, 1},
		{"6-3 vote", "-3", true, 1},
	}
	for _, tt := range tests {
		if got := indexQuery(tt.s, tt.q, tt.fold); got != tt.want {
			t.Errorf("indexQuery(%q, %q, %v) = %d, want %d", tt.s, tt.q, tt.fold, got, tt.want)
		}
	}
	got := findAll("Gate gate GATE", "gate", true)
	if len(got) != 3 || got[2] != [2]int{10, 14} {
		t.Errorf("findAll = %v", got)
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"old.txt", "old.txt"},
		{"Szabó 東京 🎉", "Szabó 東京 🎉"},
		{"a\x1b]0;x\x07b", "a\ufffd]0;x\ufffdb"},
		{"a\u009bb", "a\ufffdb"},
		{"a\xffb", "a\ufffdb"},
		{"tab\there", "tab\ufffdhere"},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
