package diff

import (
	"bytes"
	"os"
	"os/exec"
	"slices"
	"testing"
)

// TestReversalTableGenerated regenerates the reversal table from WordNet
// when Debian's wordnet-base is installed and checks that the committed
// table is what the generator writes.
func TestReversalTableGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	if _, err := os.Stat("/usr/share/wordnet/data.verb"); err != nil {
		t.Skip("WordNet not installed (apt-get install wordnet-base):", err)
	}
	out, err := exec.Command("go", "run", "../scripts/antonyms").Output()
	if err != nil {
		t.Fatalf("generator: %v", err)
	}
	committed, err := os.ReadFile("reversal_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, committed) {
		t.Errorf("reversal_table.go is stale: go run ./scripts/antonyms > diff/reversal_table.go")
	}
}

// TestReversalPairs checks the table holds the classic news reversals in
// several inflections, both ways, and no word paired with itself.
func TestReversalPairs(t *testing.T) {
	for _, p := range [][2]string{{"increased", "decreased"}, {"increase", "decrease"}, {"guilty", "innocent"},
		{"higher", "lower"}, {"won", "lost"}, {"raised", "lowered"}, {"rose", "fell"}, {"legal", "illegal"},
		{"allowed", "forbade"}, {"approved", "rejected"}} {
		if !isReversal(p[0], p[1]) || !isReversal(p[1], p[0]) {
			t.Errorf("%s/%s not a reversal", p[0], p[1])
		}
	}
	if !slices.IsSorted(reversalList) {
		t.Fatal("reversalList is not sorted: isReversal's binary search would miss pairs")
	}
	for i, k := range reversalList {
		if i > 0 && reversalList[i-1] == k {
			t.Errorf("pair %q twice", k)
		}
		var a, b string
		for i := range k {
			if k[i] == ' ' {
				a, b = k[:i], k[i+1:]
				break
			}
		}
		if a == "" || a == b {
			t.Errorf("bad pair %q", k)
		}
	}
	for _, p := range [][2]string{{"increased", "rose"}, {"said", "told"}, {"the", "a"}} {
		if isReversal(p[0], p[1]) {
			t.Errorf("%s/%s is not a reversal", p[0], p[1])
		}
	}
}
