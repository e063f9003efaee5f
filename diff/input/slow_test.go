package input

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/internal/scaling"
)

// TestAdversarialLinear feeds inputs built to trigger quadratic behaviour
// (deep nesting, unclosed brackets, delimiter runs) at 64 KiB and 512 KiB
// (128 KiB and 1 MiB with STORYDIFF_TIMING=1):
// the larger may make at most 24 times the allocations (count and bytes)
// of the smaller, eight times the input with slack (a quadratic algorithm
// building its output grows 64 times); allocations do not depend on the
// machine's load. With STORYDIFF_TIMING=1 the best of two wall-clock runs
// is held to the same ratio.
func TestAdversarialLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	small, large := 1<<16, 1<<19 // 64 KiB and 512 KiB: eight times
	if scaling.Timing() {
		small, large = 1<<17, 1<<20
	}
	costs := map[string][2]scaling.Cost{}
	for i, n := range []int{small, large} {
		t.Run(fmt.Sprintf("%dKiB", n>>10), func(t *testing.T) {
			for _, tt := range adversarial(n) {
				t.Run(tt.name, func(t *testing.T) {
					var d *Doc
					var err error
					cost := scaling.Measure(func() { d, err = Read("adv", strings.NewReader(tt.src), tt.format) })
					c := costs[tt.name]
					c[i] = cost
					costs[tt.name] = c
					if err != nil {
						t.Logf("error: %v", err)
						return
					}
					checkInvariants(t, d)
				})
			}
		})
	}
	for _, tt := range adversarial(0) {
		// A fixed cost of 64 allocations and 64 KiB keeps tiny counts
		// from making the ratio meaningless.
		c := costs[tt.name]
		scaling.Near(t, tt.name, c[0], c[1], 24, scaling.Cost{Allocs: 64, Bytes: 64 << 10})
	}
	if !scaling.Timing() {
		return
	}
	best := func(src string, f Format) time.Duration {
		var min time.Duration
		for range 2 {
			start := time.Now()
			Read("adv", strings.NewReader(src), f)
			if el := time.Since(start); min == 0 || el < min {
				min = el
			}
		}
		return min
	}
	as, al := adversarial(small), adversarial(large)
	for i, tt := range al {
		ts, tl := best(as[i].src, tt.format), best(tt.src, tt.format)
		if tl > 24*ts+50*time.Millisecond {
			t.Errorf("%s: %v for %d KiB but %v for %d KiB: not linear", tt.name, ts, small>>10, tl, large>>10)
		}
	}
}

type adversarialCase struct {
	name   string
	src    string
	format Format
}

// adversarial returns the inputs of TestAdversarialLinear, about n bytes
// each.
func adversarial(n int) []adversarialCase {
	rep := func(s string) string { return strings.Repeat(s, n/len(s)) }
	return []adversarialCase{
		{"deep divs", "<article>" + rep("<div>x"), HTML},
		{"deep inline with bylines", "<article><p>" + rep("<b>") + rep("<a rel=author>x</a>")[:n/2], HTML},
		{"many articles", rep("<article><p>x</p>"), HTML},
		{"many br", "<article><p>" + rep("x<br>"), HTML},
		{"deep XML", "<nitf><body><body.content>" + rep("<p>")[:n/2], NITF},
		{"deep XML closed", "<nitf><body><body.content>" + rep("<bq>x") + rep("</bq>"), NITF},
		{"many labelled XML", "<nitf><body><body.content>" + rep("<media-caption>c</media-caption>") + "</body.content></body></nitf>", NITF},
		{"open brackets", rep("["), Markdown},
		{"brackets and close", rep("[") + "]", Markdown},
		{"backtick runs", rep("`` ` ``` "), Markdown},
		{"stars", rep("*a"), Markdown},
		{"one long line", rep("word "), Text},
		{"many short lines", rep("a\n"), Text},
		{"many blank lines", rep("a\n\n"), Text},
		{"controls", rep("\x1b\x01"), Text},
		{"list items", rep("- x\n"), Markdown},
		{"quotes", rep("> "), Markdown},
		{"nested list markers", rep("- ") + "x", Markdown},
		{"nested ordered markers", rep("1. ") + "x", Markdown},
		{"quoted list markers", rep("> - ") + "x", Markdown},
	}
}
