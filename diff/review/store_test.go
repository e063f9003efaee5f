//go:build unix

package review

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as a helper process marking a review, so that
// tests can run several real processes against one folder and kill one
// in the middle of a save. STORYDIFF_REVIEW_HELPER selects the helper:
//
//	mark DIR KEY PREFIX N   sets N marks PREFIX-0 … PREFIX-(N-1)
//	kill DIR KEY ANCHOR     sets one mark and is killed (SIGKILL) between
//	                        writing the temporary file and the rename
func TestMain(m *testing.M) {
	if os.Getenv("STORYDIFF_REVIEW_HELPER") == "" {
		os.Exit(m.Run())
	}
	args := strings.Fields(os.Getenv("STORYDIFF_REVIEW_HELPER"))
	s := &Store{Dir: args[1]}
	switch args[0] {
	case "mark":
		n, _ := strconv.Atoi(args[4])
		for i := 0; i < n; i++ {
			if _, _, err := s.Set(args[2], "old", "new", testMark(args[3]+"-"+strconv.Itoa(i), Checked)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
	case "kill":
		testHookBeforeRename = func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
		s.Set(args[2], "old", "new", testMark(args[3], Queried))
		fmt.Fprintln(os.Stderr, "still alive after the save")
		os.Exit(4)
	}
	os.Exit(0)
}

const testKey = "0123456789abcdef0123456789abcdef"

func testMark(anchor string, s State) Mark {
	return Mark{Anchor: anchor, State: s, Who: "ed", When: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}
}

// helper runs the test binary as a helper process.
func helper(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "STORYDIFF_REVIEW_HELPER="+strings.Join(args, " "))
	return cmd
}

func anchors(rv *Review) map[string]State {
	out := map[string]State{}
	for _, m := range rv.Marks {
		out[m.Anchor] = m.State
	}
	return out
}

// TestStoreRoundTrip: a saved review loads back; clearing removes a mark;
// a pair never reviewed is empty.
func TestStoreRoundTrip(t *testing.T) {
	s := &Store{Dir: filepath.Join(t.TempDir(), "nested", "reviews")}
	rv, err := s.Load(testKey)
	if err != nil || len(rv.Marks) != 0 || rv.Pair != testKey {
		t.Fatalf("fresh Load: %+v, %v", rv, err)
	}
	for _, m := range []Mark{testMark("a", Checked), testMark("b", Queried), testMark("a", Queried), testMark("c", Checked), testMark("c", Unmarked)} {
		if _, warn, err := s.Set(testKey, "old.txt", "new.txt", m); err != nil || warn != "" {
			t.Fatalf("Set %v: %q %v", m, warn, err)
		}
	}
	rv, err = s.Load(testKey)
	if err != nil {
		t.Fatal(err)
	}
	if got := anchors(rv); len(got) != 2 || got["a"] != Queried || got["b"] != Queried {
		t.Errorf("loaded %v", got)
	}
	if rv.Old != "old.txt" || rv.New != "new.txt" || !rv.Marks[0].When.Equal(testMark("", 0).When) {
		t.Errorf("loaded %+v", rv)
	}
	if _, err := s.Load("../../etc/passwd"); err == nil {
		t.Error("Load accepted a key that is not hex")
	}
	if _, _, err := s.Set("ABC", "", "", testMark("a", Checked)); err == nil {
		t.Error("Set accepted a key that is not hex")
	}
}

// TestConcurrentGoroutines: several stores (separate file handles) marking
// one pair at once lose nothing.
func TestConcurrentGoroutines(t *testing.T) {
	dir := t.TempDir()
	const writers, each = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &Store{Dir: dir}
			for i := 0; i < each; i++ {
				if _, _, err := s.Set(testKey, "", "", testMark(fmt.Sprintf("w%d-%d", w, i), Checked)); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	rv, err := (&Store{Dir: dir}).Load(testKey)
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Marks) != writers*each {
		t.Errorf("%d marks after %d concurrent saves", len(rv.Marks), writers*each)
	}
}

// TestConcurrentProcesses: two processes marking the same pair at once
// lose nothing.
func TestConcurrentProcesses(t *testing.T) {
	dir := t.TempDir()
	const each = 40
	var cmds []*exec.Cmd
	for _, p := range []string{"p1", "p2"} {
		cmd := helper(t, "mark", dir, testKey, p, strconv.Itoa(each))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper: %v", err)
		}
	}
	rv, err := (&Store{Dir: dir}).Load(testKey)
	if err != nil {
		t.Fatal(err)
	}
	got := anchors(rv)
	for _, p := range []string{"p1", "p2"} {
		for i := 0; i < each; i++ {
			if got[p+"-"+strconv.Itoa(i)] != Checked {
				t.Errorf("mark %s-%d lost", p, i)
			}
		}
	}
}

// TestKillDuringSave: a process killed between writing the new review and
// renaming it into place leaves the previous review intact; the next save
// clears its temporary file.
func TestKillDuringSave(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: dir}
	if _, _, err := s.Set(testKey, "old", "new", testMark("before", Checked)); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(dir, testKey+".json"))
	if err != nil {
		t.Fatal(err)
	}
	err = helper(t, "kill", dir, testKey, "during").Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("helper was not killed: %v", err)
	}
	temps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if len(temps) != 1 {
		t.Fatalf("temporary files %v: want the one the killed save left", temps)
	}
	after, err := os.ReadFile(filepath.Join(dir, testKey+".json"))
	if err != nil || string(after) != string(before) {
		t.Fatalf("review changed by the killed save: %v\n%s", err, after)
	}
	rv, err := s.Load(testKey)
	if err != nil || len(rv.Marks) != 1 || rv.Marks[0].Anchor != "before" {
		t.Fatalf("after the kill: %+v, %v", rv, err)
	}
	if _, _, err := s.Set(testKey, "old", "new", testMark("next", Checked)); err != nil {
		t.Fatal(err)
	}
	if temps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(temps) != 0 {
		t.Errorf("temporary files left after the next save: %v", temps)
	}
}

// TestCorruptFile: a damaged review gives one line of warning and an
// empty review, and is kept aside, never overwritten; the next save
// starts afresh.
func TestCorruptFile(t *testing.T) {
	tests := []struct{ name, content string }{
		{"garbage", "\x00\x01 not json"},
		{"truncated", `{"storydiff_review": 1, "pair": "` + testKey + `", "marks": [{"anchor": "a", "sta`},
		{"wrong pair", `{"storydiff_review": 1, "pair": "ffffffffffffffffffffffffffffffff", "marks": []}`},
		{"future format", `{"storydiff_review": 9, "pair": "` + testKey + `", "marks": []}`},
		{"bad state", `{"storydiff_review": 1, "pair": "` + testKey + `", "marks": [{"anchor": "a", "state": "maybe"}]}`},
		{"repeated anchor", `{"storydiff_review": 1, "pair": "` + testKey + `", "marks": [{"anchor": "a", "state": "checked"}, {"anchor": "a", "state": "queried"}]}`},
		{"trailing data", `{"storydiff_review": 1, "pair": "` + testKey + `", "marks": []} {}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, testKey+".json")
			s := &Store{Dir: dir}
			for round := 1; round <= 2; round++ {
				if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
					t.Fatal(err)
				}
				rv, err := s.Load(testKey)
				var ce *CorruptError
				if !errors.As(err, &ce) || rv == nil || len(rv.Marks) != 0 {
					t.Fatalf("round %d: Load = %+v, %v; want an empty review and a CorruptError", round, rv, err)
				}
				if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, ce.Aside) {
					t.Errorf("warning %q: want one line naming %s", msg, ce.Aside)
				}
				if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("damaged file still in place: %v", err)
				}
			}
			// Both damaged copies are kept, neither overwritten.
			asides, _ := filepath.Glob(path + ".corrupt-*")
			if len(asides) != 2 {
				t.Fatalf("kept aside: %v, want 2", asides)
			}
			for _, a := range asides {
				if b, err := os.ReadFile(a); err != nil || string(b) != tt.content {
					t.Errorf("%s: %q, %v", a, b, err)
				}
			}
			// A damaged file met by a save is set aside too, with a warning.
			os.WriteFile(path, []byte(tt.content), 0o644)
			rv, warn, err := s.Set(testKey, "", "", testMark("x", Checked))
			if err != nil || warn == "" || len(rv.Marks) != 1 {
				t.Errorf("Set over a damaged file: %+v, %q, %v", rv, warn, err)
			}
			if asides, _ := filepath.Glob(path + ".corrupt-*"); len(asides) != 3 {
				t.Errorf("kept aside: %v, want 3", asides)
			}
		})
	}
}

// TestUnreadable: a review that cannot be read (here a folder in its
// place) is an error with an empty review, and is left alone.
func TestUnreadable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, testKey+".json")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	rv, err := (&Store{Dir: dir}).Load(testKey)
	if err == nil || rv == nil || len(rv.Marks) != 0 || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Load = %+v, %v", rv, err)
	}
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		t.Errorf("unreadable review moved: %v", err)
	}
	if _, _, err := (&Store{Dir: dir}).Set(testKey, "", "", testMark("x", Checked)); err == nil {
		t.Error("Set over an unreadable review succeeded")
	}
}

// TestLockTimeout: a save gives up, with an error, when another process
// holds the lock too long.
func TestLockTimeout(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lock(filepath.Join(dir, testKey+".lock"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	s := &Store{Dir: dir, LockWait: 30 * time.Millisecond}
	if _, _, err := s.Set(testKey, "", "", testMark("x", Checked)); err == nil || !strings.Contains(err.Error(), "lock") {
		t.Errorf("Set under another's lock: %v", err)
	}
}

// TestDir: --review-dir, then STORYDIFF_REVIEW_DIR, then XDG_STATE_HOME
// (absolute only), then ~/.local/state.
func TestDir(t *testing.T) {
	tests := []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"/flag", map[string]string{EnvDir: "/env", "XDG_STATE_HOME": "/xdg", "HOME": "/home/ed"}, "/flag"},
		{"", map[string]string{EnvDir: "/env", "XDG_STATE_HOME": "/xdg", "HOME": "/home/ed"}, "/env"},
		{"", map[string]string{"XDG_STATE_HOME": "/xdg", "HOME": "/home/ed"}, "/xdg/storydiff"},
		{"", map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/ed"}, "/home/ed/.local/state/storydiff"},
		{"", map[string]string{"HOME": "/home/ed"}, "/home/ed/.local/state/storydiff"},
	}
	for _, tt := range tests {
		got, err := Dir(tt.flag, func(k string) string { return tt.env[k] })
		if err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("Dir(%q, %v) = %q, %v; want %q", tt.flag, tt.env, got, err, tt.want)
		}
	}
	if got := ReviewerName("", func(k string) string { return map[string]string{"USER": "ed"}[k] }); got != "ed" {
		t.Errorf("ReviewerName from $USER = %q", got)
	}
	if got := ReviewerName(" sam ", func(string) string { return "ed" }); got != "sam" {
		t.Errorf("ReviewerName from the flag = %q", got)
	}
	if got := ReviewerName("", func(string) string { return "" }); got != "unknown" {
		t.Errorf("ReviewerName with nothing = %q", got)
	}
}

// BenchmarkSet measures one save (lock, read, edit, write, sync, rename)
// of a review holding 100 marks.
func BenchmarkSet(b *testing.B) {
	s := &Store{Dir: b.TempDir()}
	for i := 0; i < 100; i++ {
		s.Set(testKey, "", "", testMark("m"+strconv.Itoa(i), Checked))
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, _, err := s.Set(testKey, "", "", testMark("m"+strconv.Itoa(i%100), Queried)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStoreEmpty: a store is empty until a review file is in its folder;
// other files (a review set aside as corrupt, a lock, notes) do not count,
// and a path that is a file, not a folder, is not known to be empty.
func TestStoreEmpty(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string // created in the folder; nil: no folder
		want  bool
	}{
		{"no folder", nil, true},
		{"empty folder", []string{}, true},
		{"other files", []string{testKey + ".json.corrupt-20261129T150000", testKey + ".lock", "notes.json", "README"}, true},
		{"a review", []string{"README", testKey + ".json"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "reviews")
			if tc.files != nil {
				if err := os.Mkdir(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := (&Store{Dir: dir}).Empty(); got != tc.want {
				t.Errorf("Empty() = %v, want %v", got, tc.want)
			}
		})
	}
	s := &Store{Dir: filepath.Join(t.TempDir(), "reviews")}
	if _, _, err := s.Set(testKey, "old.txt", "new.txt", testMark("a", Checked)); err != nil {
		t.Fatal(err)
	}
	if s.Empty() {
		t.Error("Empty() after a Set")
	}
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if (&Store{Dir: notDir}).Empty() {
		t.Error("a file in place of the folder reads as an empty store")
	}
}
