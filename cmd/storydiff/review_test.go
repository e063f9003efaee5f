package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/input"
	"github.com/storydiff/storydiff/diff/review"
)

// init keeps every test of the command away from the user's reviews
// (exports read the review of their pair, so one kept under ~/.local/state
// would change their output): reviews are read from a folder that does
// not exist, and that only a save, which no export does, would create.
func init() {
	os.Setenv(review.EnvDir, filepath.Join(os.TempDir(), "storydiff-test-no-reviews-"+strconv.Itoa(os.Getpid())))
}

// compareFiles runs the program's pipeline on two files.
func compareFiles(t *testing.T, oldPath, newPath string) *diff.Result {
	t.Helper()
	var docs []*diff.Document
	for _, p := range []string{oldPath, newPath} {
		d, err := input.ReadFile(p, input.Auto)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, diff.NewDocument(d.Name, d.Paragraphs, d.Labels))
	}
	return diff.Compare(docs[0], docs[1], nil)
}

// markAll marks every change of r in the store at dir: checked, except
// the one at index queried (-1 for none).
func markAll(t *testing.T, dir string, r *diff.Result, queried int) {
	t.Helper()
	s := &review.Store{Dir: dir}
	cs := review.Changes(r.View(0))
	for i := range cs {
		st, note := review.Checked, ""
		if i == queried {
			st, note = review.Queried, "check with the desk"
		}
		if _, _, err := s.Set(review.Key(r), r.Old.Name, r.New.Name, review.NewMark(&cs[i], st, note, "ed", time.Now())); err != nil {
			t.Fatal(err)
		}
	}
}

// TestChecklistStatus: the checklist's exit status gates on the review,
// which renamed, CRLF and piped copies share, and --no-review leaves out.
func TestChecklistStatus(t *testing.T) {
	t.Setenv(review.EnvDir, filepath.Join(t.TempDir(), "unused"))
	oldPath, newPath := pair("lede")
	dir := t.TempDir()
	r := compareFiles(t, oldPath, newPath)
	n := len(review.Changes(r.View(0)))

	// Copies of the pair under other names, with CRLF line ends.
	copies := t.TempDir()
	oldData, _ := os.ReadFile(oldPath)
	newData, _ := os.ReadFile(newPath)
	renOld, renNew := filepath.Join(copies, "wire.txt"), filepath.Join(copies, "syndicated.txt")
	crlfOld := filepath.Join(copies, "crlf-old.txt")
	os.WriteFile(renOld, oldData, 0o644)
	os.WriteFile(renNew, newData, 0o644)
	os.WriteFile(crlfOld, bytes.ReplaceAll(oldData, []byte("\n"), []byte("\r\n")), 0o644)

	status, out, errs := runCmd(t, "", "-f", "checklist", "--review-dir", dir, oldPath, newPath)
	if status != 1 || strings.Count(out, "[ ]") != n || errs != "" {
		t.Fatalf("no review: status %d, %d open boxes (want %d), stderr %q", status, strings.Count(out, "[ ]"), n, errs)
	}
	markAll(t, dir, r, -1)
	tests := []struct {
		name   string
		stdin  string
		args   []string
		status int
	}{
		{"same files", "", []string{oldPath, newPath}, 0},
		{"renamed copies", "", []string{renOld, renNew}, 0},
		{"crlf copy", "", []string{crlfOld, newPath}, 0},
		{"standard input", string(oldData), []string{"-", newPath}, 0},
		{"no review", "", []string{"--no-review", oldPath, newPath}, 1},
		{"other pair", "", []string{newPath, oldPath}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-f", "checklist", "--review-dir", dir}, tt.args...)
			status, out, errs := runCmd(t, tt.stdin, args...)
			if status != tt.status || errs != "" {
				t.Errorf("status %d, want %d; stderr %q\n%s", status, tt.status, errs, out)
			}
		})
	}
	markAll(t, dir, r, 2)
	status, out, _ = runCmd(t, "", "-f", "checklist", "--review-dir", dir, oldPath, newPath)
	if status != 1 || strings.Count(out, "[?]") != 1 || !strings.Contains(out, "check with the desk") {
		t.Errorf("one queried: status %d\n%s", status, out)
	}
	// STORYDIFF_REVIEW_DIR points at the same folder.
	t.Setenv(review.EnvDir, dir)
	if status, out, _ := runCmd(t, "", "-f", "checklist", oldPath, newPath); status != 1 || strings.Count(out, "[?]") != 1 {
		t.Errorf("via %s: status %d\n%s", review.EnvDir, status, out)
	}
	// The other exports carry the marks; --no-review leaves them out.
	for _, f := range []string{"text", "markdown", "html", "json"} {
		_, with, _ := runCmd(t, "", "-f", f, oldPath, newPath)
		_, without, _ := runCmd(t, "", "-f", f, "--no-review", oldPath, newPath)
		if !strings.Contains(with, "check with the desk") || strings.Contains(without, "check with the desk") {
			t.Errorf("%s: marks with review %v, without %v", f, strings.Contains(with, "check with the desk"),
				strings.Contains(without, "check with the desk"))
		}
	}
	if status, _, errs := runCmd(t, "", "-f", "checklist", "--history", oldPath, newPath); status != 2 || !strings.Contains(errs, "checklist") {
		t.Errorf("--history -f checklist: status %d, %q", status, errs)
	}
}

// TestChecklistCorruptReview: a damaged review file is one line of
// warning and kept aside; the checklist goes on with empty boxes.
func TestChecklistCorruptReview(t *testing.T) {
	oldPath, newPath := pair("lede")
	dir := t.TempDir()
	r := compareFiles(t, oldPath, newPath)
	path := filepath.Join(dir, review.Key(r)+".json")
	os.WriteFile(path, []byte("{not json"), 0o644)
	status, out, errs := runCmd(t, "", "-f", "checklist", "--review-dir", dir, oldPath, newPath)
	if status != 1 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "warning") || !strings.Contains(out, "[ ]") {
		t.Errorf("status %d, stderr %q", status, errs)
	}
	if asides, _ := filepath.Glob(path + ".corrupt-*"); len(asides) != 1 {
		t.Errorf("kept aside: %v", asides)
	}
	// A review that cannot be read is trouble for the checklist, a
	// warning for the text report.
	os.Remove(path)
	os.Mkdir(path, 0o755)
	if status, _, errs := runCmd(t, "", "-f", "checklist", "--review-dir", dir, oldPath, newPath); status != 2 || strings.Count(errs, "\n") != 1 {
		t.Errorf("unreadable, checklist: status %d, stderr %q", status, errs)
	}
	if status, _, errs := runCmd(t, "", "-f", "text", "--review-dir", dir, oldPath, newPath); status != 1 || !strings.Contains(errs, "review left out") {
		t.Errorf("unreadable, text: status %d, stderr %q", status, errs)
	}
}
