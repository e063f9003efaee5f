package input

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestAdversarialLinear feeds inputs built to trigger quadratic behaviour
// (deep nesting, unclosed brackets, delimiter runs) at 128 KiB and 1 MiB:
// the larger must take less than 3× eight times as long (a quadratic
// algorithm takes 64 times as long). The best of two runs is used, so that
// a loaded machine does not make the test flaky.
func TestAdversarialLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, n := range []int{1 << 17, 1 << 20} {
		t.Run(fmt.Sprintf("%dKiB", n>>10), func(t *testing.T) {
			for _, tt := range adversarial(n) {
				t.Run(tt.name, func(t *testing.T) {
					d, err := Read("adv", strings.NewReader(tt.src), tt.format)
					if err != nil {
						t.Logf("error: %v", err)
						return
					}
					checkInvariants(t, d)
				})
			}
		})
	}
	small, large := adversarial(1<<17), adversarial(1<<20)
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
	for i, tt := range large {
		ts, tl := best(small[i].src, tt.format), best(tt.src, tt.format)
		if tl > 24*ts+50*time.Millisecond {
			t.Errorf("%s: %v for 128 KiB but %v for 1 MiB: not linear", tt.name, ts, tl)
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
