package tui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff/review"
)

// TestReviewerTwoViewers: two viewers on the same pair mark different
// changes; each save keeps the other's marks, and each viewer shows them
// after its next save.
func TestReviewerTwoViewers(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	store := &review.Store{Dir: t.TempDir()}
	a, b := newReviewer(store, "ann"), newReviewer(store, "bob")
	for _, rv := range []*reviewer{&a, &b} {
		rv.now = func() time.Time { return time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC) }
		msg := rv.open(r, 0)()
		if w := rv.loaded(msg.(reviewLoadedMsg)); w != "" {
			t.Fatalf("load: %s", w)
		}
		if rv.progress() != "reviewed 0/"+strconv.Itoa(len(rv.st.Changes)) {
			t.Fatalf("progress %q", rv.progress())
		}
	}
	n := len(a.st.Changes)
	save := func(rv *reviewer, i int, s review.State, note string) {
		t.Helper()
		cmd := rv.mark(i, s, note)
		if rv.st.State(i) != s {
			t.Fatalf("mark %d not shown at once", i)
		}
		for cmd != nil {
			var note string
			var isErr bool
			cmd, note, isErr = rv.saved(cmd().(reviewSavedMsg))
			if isErr {
				t.Fatalf("save: %s", note)
			}
		}
	}
	save(&a, 0, review.Checked, "")
	save(&b, 1, review.Queried, "check with the desk")
	if b.st.State(0) != review.Checked {
		t.Error("bob's save did not bring ann's mark")
	}
	save(&a, 2, review.Checked, "")
	if a.st.State(1) != review.Queried || a.st.Marks[1].Note != "check with the desk" || a.st.Marks[1].Who != "bob" {
		t.Errorf("ann does not see bob's query: %+v", a.st.Marks[1])
	}
	if got, want := a.progress(), "reviewed 3/"+strconv.Itoa(n)+" · 1 queried"; got != want {
		t.Errorf("progress %q, want %q", got, want)
	}
	if got := a.remainingNote(); !strings.Contains(got, strconv.Itoa(n-3)+" changes not reviewed") {
		t.Errorf("remaining %q", got)
	}
	// Unchecking removes the mark from the store.
	save(&a, 0, review.Unmarked, "")
	doc, err := store.Load(review.Key(r))
	if err != nil || len(doc.Marks) != 2 {
		t.Errorf("stored %d marks, %v; want 2", len(doc.Marks), err)
	}
}

// TestReviewerQueue: marks made while a save is under way are queued and
// saved in order, one at a time.
func TestReviewerQueue(t *testing.T) {
	r := loadPair(t, demoOld, demoNew)
	store := &review.Store{Dir: t.TempDir()}
	rv := newReviewer(store, "ann")
	rv.loaded(rv.open(r, 0)().(reviewLoadedMsg))
	first := rv.mark(0, review.Checked, "")
	if first == nil {
		t.Fatal("no save started")
	}
	for i := 1; i < 4; i++ {
		if cmd := rv.mark(i, review.Queried, "q"+strconv.Itoa(i)); cmd != nil {
			t.Fatalf("mark %d started a second save while one was under way", i)
		}
	}
	cmd, saves := first, 0
	for cmd != nil {
		msg := cmd().(reviewSavedMsg)
		saves++
		cmd, _, _ = rv.saved(msg)
		for i := 0; i < 4; i++ { // shown throughout
			if rv.st.State(i) == review.Unmarked {
				t.Fatalf("after save %d, change %d shows unmarked", saves, i)
			}
		}
	}
	doc, _ := store.Load(review.Key(r))
	if saves != 4 || len(doc.Marks) != 4 {
		t.Errorf("%d saves, %d stored marks; want 4 and 4", saves, len(doc.Marks))
	}
}

// TestReviewerOff: with no store nothing loads or saves.
func TestReviewerOff(t *testing.T) {
	rv := newReviewer(nil, "ann")
	if rv.on() || rv.open(loadPair(t, demoOld, demoNew), 0) != nil || rv.progress() != "" || rv.mark(0, review.Checked, "") != nil {
		t.Error("a reviewer without a store acted")
	}
}
