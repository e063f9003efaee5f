package diff

import "testing"

// TestAppendWordKey holds appendWordKey (the allocation-free form used to
// count a document's words) to wordKey.
func TestAppendWordKey(t *testing.T) {
	for _, w := range []string{"U.S.", "a.m.", "1,000", "2.5", "1,000.5", "Trump", "Zoë", "ÉCOLE", "don’t", "x", "Ph.D.", "٣,٤", "U.S"} {
		if got, want := string(appendWordKey([]byte("prefix"), w)), "prefix"+wordKey(w); got != want {
			t.Errorf("appendWordKey(%q) = %q, want %q", w, got, want)
		}
	}
}
