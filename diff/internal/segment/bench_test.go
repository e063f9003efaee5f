package segment

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// newsText returns about size bytes of generated news-like copy: quotes,
// titles, abbreviations, numbers, dashes, one paragraph per few sentences.
func newsText(size int) string {
	subjects := []string{"Mr. Smith", "Sen. Warren", "the U.S. Treasury", "Gov. Newsom", "J.D. Vance",
		"the company", "officials", "Acme Corp.", "Dr. Patel", "the committee", "President Trump"}
	verbs := []string{"said", "announced", "denied", "confirmed", "warned", "argued", "suggested"}
	objects := []string{"the deal was off", "growth would reach 2.5 percent", "talks resumed on Jan. 5",
		"the vote was set for 8 p.m. Tuesday", "prices rose — again — in the U.K.", "no agreement existed",
		"the plan, worth $1,000 million, was dead", "nobody knew… yet", "the two-and-a-half-hour meeting ended"}
	r := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		s, v, o := subjects[r.IntN(len(subjects))], verbs[r.IntN(len(verbs))], objects[r.IntN(len(objects))]
		switch r.IntN(4) {
		case 0:
			b.WriteString("“" + strings.ToUpper(o[:1]) + o[1:] + ",” " + s + " " + v + ". ")
		case 1:
			b.WriteString("Did " + s + " know? " + strings.ToUpper(s[:1]) + s[1:] + " " + v + " that " + o + "! ")
		default:
			b.WriteString(strings.ToUpper(s[:1]) + s[1:] + " " + v + " that " + o + ". ")
		}
		if r.IntN(5) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

func BenchmarkSentences(b *testing.B) {
	text := newsText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Sentences(text)
	}
}

func BenchmarkTokens(b *testing.B) {
	text := newsText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Tokens(text)
	}
}

func BenchmarkCountWords(b *testing.B) {
	text := newsText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = CountWords(text)
	}
}

func BenchmarkKey(b *testing.B) {
	text := newsText(1 << 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Key(text)
	}
}
