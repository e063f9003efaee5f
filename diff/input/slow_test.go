package input

import (
	"strings"
	"testing"
	"time"
)

// TestAdversarialLinear feeds 1 MB inputs built to trigger quadratic
// behaviour (deep nesting, unclosed brackets, delimiter runs); each must
// load in well under the time a quadratic algorithm would need.
func TestAdversarialLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	const n = 1 << 20
	rep := func(s string) string { return strings.Repeat(s, n/len(s)) }
	tests := []struct {
		name   string
		src    string
		format Format
	}{
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			d, err := Read("adv", strings.NewReader(tt.src), tt.format)
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("took %v", el)
			}
			if err != nil {
				t.Logf("error: %v", err)
				return
			}
			checkInvariants(t, d)
			t.Logf("%d paragraphs", len(d.Paragraphs))
		})
	}
}
