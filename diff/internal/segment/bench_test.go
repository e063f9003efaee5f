package segment

import (
	"fmt"
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

// BenchmarkSentences segments 1 MB and 10 MB of news copy as paragraphs,
// as NewDocument does (one reused span buffer); equal MB/s at both sizes
// shows the cost is linear.
func BenchmarkSentences(b *testing.B) {
	for _, size := range []int{1 << 20, 10 << 20} {
		paras := strings.Split(newsText(size), "\n\n")
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var spans []Span
			for b.Loop() {
				for _, p := range paras {
					spans = AppendSentences(spans[:0], p)
				}
			}
		})
	}
}

// BenchmarkShield measures shield alone on news copy (which it returns
// unchanged).
func BenchmarkShield(b *testing.B) {
	paras := strings.Split(newsText(10<<20), "\n\n")
	b.SetBytes(10 << 20)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			_ = shield(p)
		}
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
