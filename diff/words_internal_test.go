package diff

import (
	"strings"
	"testing"
)

// render writes a word diff in [-…-]{+…+} markup.
func render(ws []Word) string {
	var sb strings.Builder
	for _, w := range ws {
		switch w.Op {
		case OpEqual:
			sb.WriteString(w.Text)
		case OpDelete:
			sb.WriteString("[-" + w.Text + "-]")
		case OpInsert:
			sb.WriteString("{+" + w.Text + "+}")
		}
	}
	return sb.String()
}

func TestWordDiffReadable(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"trimmed clause", "The council approved the plan on Monday after a three-hour debate.",
			"The council approved the plan on Monday.",
			"The council approved the plan on Monday[- after a three-hour debate-]."},
		{"inserted word spaced after", "They would be allowed.", "They would not be allowed.",
			"They would {+not +}be allowed."},
		{"replaced number", "a 34-year-old man", "a 35-year-old man", "a [-34-]{+35+}-year-old man"},
		// A lone function word kept between two rewritten stretches is
		// confetti: folded into one replacement.
		{"function word island", "Officials expect the repairs to take several months.",
			"Officials warned that fixing the damage could last until next summer.",
			"Officials [-expect the repairs to take several months-]{+warned that fixing the damage could last until next summer+}."},
		// Two surviving words are never shown as changed.
		{"surviving run kept", "The mayor said the project was a waste of public money.",
			"The mayor called the project an expensive mistake.",
			"The mayor [-said-]{+called+} the project [-was a waste of public money-]{+an expensive mistake+}."},
		// A content word kept alone is not confetti either.
		{"content word kept", "The minister resigned after weeks of pressure.",
			"On Friday, the minister stepped down after weeks of pressure.",
			"[-The-]{+On Friday, the+} minister [-resigned-]{+stepped down+} after weeks of pressure."},
		{"spacing only", "one  two", "one two", "one[-  -]{+ +}two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := wordDiff(tt.old, tt.new)
			if got := render(ws); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			var o, n strings.Builder
			for _, w := range ws {
				if w.Text == "" {
					t.Errorf("empty %v word", w.Op)
				}
				if w.Op != OpInsert {
					o.WriteString(w.Text)
				}
				if w.Op != OpDelete {
					n.WriteString(w.Text)
				}
			}
			if o.String() != tt.old || n.String() != tt.new {
				t.Errorf("words rebuild %q / %q", o.String(), n.String())
			}
		})
	}
}
