package diff_test

import (
	"fmt"

	"github.com/storydiff/storydiff/diff"
)

// Compare two versions of a story given as paragraphs: one sentence was
// reworded, one added.
func ExampleCompare() {
	old := diff.NewDocument("old.txt", []string{
		"The council approved the plan with the backing of the fishermen.",
		"The vote was 6-3.",
	}, nil)
	new := diff.NewDocument("new.txt", []string{
		"The council approved the plan without the backing of the fishermen.",
		"The vote was 6-3. Supporters cheered.",
	}, nil)
	r := diff.Compare(old, new, nil)
	fmt.Println("equal:", r.Equal())
	for _, b := range r.Blocks {
		for _, p := range b.Pairs {
			switch p.Kind {
			case diff.Changed:
				fmt.Printf("changed: %q -> %q %v\n", p.Old, p.New, p.Flags.Names())
			case diff.Added:
				fmt.Printf("added: %q\n", p.New)
			}
		}
	}
	fmt.Println("words added:", r.Stats.WordsAdded, "removed:", r.Stats.WordsRemoved)
	// Output:
	// equal: false
	// changed: "The council approved the plan with the backing of the fishermen." -> "The council approved the plan without the backing of the fishermen." [negation]
	// added: "Supporters cheered."
	// words added: 3 removed: 1
}
