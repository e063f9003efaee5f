package diff_test

import (
	"strings"
	"testing"

	"github.com/storydiff/storydiff/diff"
)

func TestIsNotice(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Correction: An earlier version of this story misstated the year the bridge opened.", true},
		{"CORRECTION (Aug. 3): The council vote was 5-4, not 6-3.", true},
		{"Clarification: The fund is run by the state, not the city.", true},
		{"An earlier version of this article gave the wrong name for the ferry operator.", true},
		{"This story has been corrected to show that the vote was held on Tuesday.", true},
		{"This story was updated with comments from the mayor.", true},
		{"Editor’s note: The author is a former council member.", true},
		{"Eds: UPDATES with council vote, quotes from mayor.", true},
		{"UPDATES with details of the rescue in paragraphs 3-5", true},
		{"This is a breaking news update. Check back for more.", true},
		{"*This story is developing and will be updated.*", true},
		// Traps: ordinary story sentences.
		{"Corrections officers at the county jail went on strike on Monday.", false},
		{"The correction in share prices deepened on Friday.", false},
		{"An earlier vote on the bridge failed by one ballot.", false},
		{"This story of a small town and its ferry began in 1952.", false},
		{"Updates to the timetable take effect next week, officials said.", false},
		{"The editor noted that the paper had been sold.", false},
	} {
		if got := diff.IsNotice(tt.text); got != tt.want {
			t.Errorf("IsNotice(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestNoticeFindings: a correction added and a breaking-news placeholder
// removed are findings at the top of What matters; removing the
// placeholder at the end is not a trim.
func TestNoticeFindings(t *testing.T) {
	a := "The council approved the harbour plan on Tuesday by a vote of 5-4."
	b := "Construction is expected to start in the spring and take three years."
	placeholder := "This is a breaking news update. Check back soon for further information."
	correction := "Correction: An earlier version of this story misstated the vote; it was 5-4."
	r := diff.Compare(doc("old", a, b, placeholder), doc("new", a, "Construction is expected to start in the spring and take 3 years.", correction), nil)
	var kinds []string
	for _, f := range r.Findings {
		kinds = append(kinds, f.Kind)
		if f.Kind == diff.FindingTrimmed {
			t.Errorf("placeholder removal reported as a trim: %s", f.Text)
		}
	}
	if len(r.Matters) < 3 || !r.Matters[0].IsFinding() || !r.Matters[1].IsFinding() {
		t.Fatalf("matters %+v (findings %v): want the two notices first", r.Matters, kinds)
	}
	got := []string{r.Findings[r.Matters[0].Finding].Kind, r.Findings[r.Matters[1].Finding].Kind}
	if got[0] != diff.FindingCorrectionRemoved || got[1] != diff.FindingCorrectionAdded {
		t.Errorf("first entries %v, want correction removed, correction added", got)
	}
	if f := r.Findings[r.Matters[1].Finding]; !strings.Contains(f.Text, "misstated the vote") {
		t.Errorf("correction finding text %q lacks the notice", f.Text)
	}
	// Trap: an unchanged notice is no finding.
	r = diff.Compare(doc("old", a, correction), doc("new", a+" Officials cheered.", correction), nil)
	for _, f := range r.Findings {
		if diff.IsCorrection(f.Kind) {
			t.Errorf("unchanged notice reported: %+v", f)
		}
	}
}
