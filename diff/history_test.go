package diff_test

import (
	"testing"

	"github.com/storydiff/storydiff/diff"
)

func TestHistory(t *testing.T) {
	a := "The council met on Tuesday to discuss the harbour budget for next year."
	b := "Residents packed the hall and several speakers asked for more ferry services."
	b2 := "Residents packed the hall and many speakers asked for more ferry services."
	c := "The mayor said the vote would come before the end of the month."
	d := "Officials expect the new terminal to open in the spring of 2027."
	v0 := doc("v0", a, b)
	v1 := doc("v1", a, b2, c)
	v2 := doc("v2", a+" "+d, b2, c)
	h := diff.NewHistory([]*diff.Document{v0, v1, v2}, nil)
	if len(h.Steps) != 2 {
		t.Fatalf("%d steps, want 2", len(h.Steps))
	}
	tests := []struct {
		ref  diff.SentRef
		want diff.Origin
	}{
		{diff.SentRef{Para: 0, Sent: 0}, diff.Origin{Introduced: 0, LastChanged: 0}}, // a: never changed
		{diff.SentRef{Para: 0, Sent: 1}, diff.Origin{Introduced: 2, LastChanged: 2}}, // d: added in v2
		{diff.SentRef{Para: 1, Sent: 0}, diff.Origin{Introduced: 0, LastChanged: 1}}, // b → b2 in v1
		{diff.SentRef{Para: 2, Sent: 0}, diff.Origin{Introduced: 1, LastChanged: 1}}, // c: added in v1
	}
	for _, tt := range tests {
		if got := h.Origins[tt.ref.Para][tt.ref.Sent]; got != tt.want {
			t.Errorf("sentence %v: origin %+v, want %+v", tt.ref, got, tt.want)
		}
	}
	if one := diff.NewHistory([]*diff.Document{v0}, nil); len(one.Steps) != 0 || one.Origins[1][0] != (diff.Origin{}) {
		t.Errorf("one version: %+v", one)
	}
	if none := diff.NewHistory(nil, nil); none.Origins != nil {
		t.Errorf("no versions: %+v", none)
	}
}
