package diff

import "slices"

// isReversal reports whether the word keys a and b (folded, as tok.key)
// are opposites in this order: "increased" → "decreased". The pairs are
// WordNet's (reversal_table.go).
func isReversal(a, b string) bool {
	_, found := slices.BinarySearch(reversalList, a+" "+b)
	return found
}
