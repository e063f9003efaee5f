package export

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWriteFile(t *testing.T) {
	hello := func(w io.Writer) error { _, err := io.WriteString(w, "hello\n"); return err }
	tests := []struct {
		name     string
		existing string // content already at the path; "" for none
		force    bool
		write    func(io.Writer) error
		wantErr  string
		want     string // content afterwards
	}{
		{name: "new file", write: hello, want: "hello\n"},
		{name: "refuses to clobber", existing: "old\n", write: hello, wantErr: "exists; use --force to replace", want: "old\n"},
		{name: "force replaces", existing: "old\n", force: true, write: hello, want: "hello\n"},
		{name: "failed write leaves no file", write: func(w io.Writer) error {
			io.WriteString(w, strings.Repeat("partial ", 100000))
			return errors.New("boom")
		}, wantErr: "boom"},
		{name: "failed forced write keeps the old file", existing: "old\n", force: true, write: func(w io.Writer) error {
			io.WriteString(w, "part")
			return errors.New("boom")
		}, wantErr: "boom", want: "old\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.txt")
			if tt.existing != "" {
				if err := os.WriteFile(path, []byte(tt.existing), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := WriteFile(path, tt.force, tt.write)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("WriteFile: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("WriteFile error %v, want %q", err, tt.wantErr)
			}
			if tt.wantErr == "exists; use --force to replace" && !errors.Is(err, ErrExists) {
				t.Errorf("error %v does not wrap ErrExists", err)
			}
			got, rerr := os.ReadFile(path)
			switch {
			case tt.want == "" && rerr == nil:
				t.Errorf("file exists after a failed write: %q", got)
			case tt.want != "" && string(got) != tt.want:
				t.Errorf("content %q (%v), want %q", got, rerr, tt.want)
			}
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if e.Name() != "out.txt" {
					t.Errorf("stray file %s left behind", e.Name())
				}
			}
			if tt.wantErr == "" {
				fi, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				// A new file gets 0644; a replaced one keeps its mode.
				want := os.FileMode(0o644)
				if tt.existing != "" {
					want = 0o600
				}
				if fi.Mode().Perm() != want {
					t.Errorf("mode %v, want %v", fi.Mode().Perm(), want)
				}
			}
		})
	}
}

func TestWriteFileErrors(t *testing.T) {
	dir := t.TempDir()
	ok := func(w io.Writer) error { return nil }
	if err := WriteFile(filepath.Join(dir, "missing", "out.txt"), false, ok); err == nil {
		t.Error("WriteFile into a missing directory succeeded")
	}
	if err := WriteFile("", false, ok); err == nil {
		t.Error("WriteFile with an empty path succeeded")
	}
	// A directory at the path is never replaced, even with force.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(sub, true, ok); err == nil {
		t.Error("WriteFile replaced a directory")
	}
	if fi, err := os.Stat(sub); err != nil || !fi.IsDir() {
		t.Errorf("directory damaged: %v", err)
	}
}

// TestWriteFileTargets writes to every kind of target: through a symbolic
// link to its target (the link stays), never through a link to nothing,
// directly into a character device and a FIFO (which stay what they are,
// without --force), and to a name of 255 bytes.
func TestWriteFileTargets(t *testing.T) {
	hello := func(w io.Writer) error { _, err := io.WriteString(w, "hello\n"); return err }
	noStray := func(t *testing.T, dir string, keep ...string) {
		t.Helper()
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !slices.Contains(keep, e.Name()) {
				t.Errorf("stray file %s left behind", e.Name())
			}
		}
	}
	t.Run("symlink to a file", func(t *testing.T) {
		dir := t.TempDir()
		target, link := filepath.Join(dir, "target.txt"), filepath.Join(dir, "link.txt")
		if err := os.WriteFile(target, []byte("old\n"), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("target.txt", link); err != nil {
			t.Skip(err)
		}
		if err := WriteFile(link, false, hello); !errors.Is(err, ErrExists) {
			t.Errorf("without force: %v, want ErrExists", err)
		}
		if err := WriteFile(link, true, hello); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
		}
		if b, _ := os.ReadFile(target); string(b) != "hello\n" {
			t.Errorf("target holds %q", b)
		}
		if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
			t.Errorf("target mode %v, want 0640 kept", fi.Mode().Perm())
		}
		noStray(t, dir, "target.txt", "link.txt")
	})
	t.Run("symlink to nothing", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "link.txt")
		if err := os.Symlink("missing.txt", link); err != nil {
			t.Skip(err)
		}
		err := WriteFile(link, true, hello)
		if err == nil || !strings.Contains(err.Error(), "symbolic link to a missing file") {
			t.Errorf("error %v, want a refusal naming the dangling link", err)
		}
		noStray(t, dir, "link.txt")
	})
	t.Run("character device", func(t *testing.T) {
		fi, err := os.Stat(os.DevNull)
		if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Skip("no character device at", os.DevNull)
		}
		if err := WriteFile(os.DevNull, false, hello); err != nil {
			t.Fatalf("writing %s: %v", os.DevNull, err)
		}
		if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%s is no longer a device: %v %v", os.DevNull, fi.Mode(), err)
		}
	})
	t.Run("FIFO", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "pipe")
		if err := mkfifo(fifo); err != nil {
			t.Skip(err)
		}
		got := make(chan string, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- err.Error()
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- string(b)
		}()
		if err := WriteFile(fifo, false, hello); err != nil {
			t.Fatal(err)
		}
		if s := <-got; s != "hello\n" {
			t.Errorf("reader got %q", s)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
		}
		noStray(t, dir, "pipe")
	})
	for _, n := range []int{240, 255} {
		t.Run(fmt.Sprintf("%d-byte name", n), func(t *testing.T) {
			dir := t.TempDir()
			base := strings.Repeat("é", (n-4)/2) + strings.Repeat("x", (n-4)%2) + ".txt"
			if len(base) != n {
				t.Fatalf("name of %d bytes", len(base))
			}
			path := filepath.Join(dir, base)
			if err := WriteFile(path, false, hello); err != nil {
				t.Fatal(err)
			}
			if err := WriteFile(path, true, hello); err != nil {
				t.Fatal(err)
			}
			noStray(t, dir, base)
		})
	}
}

// TestWriteFileCancelled: a context done while writing (the command got
// SIGINT) stops the write at its next flush, removes the temporary file
// and leaves the old file as it was.
func TestWriteFileCancelled(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err := WriteFileContext(ctx, path, true, func(w io.Writer) error {
		chunk := strings.Repeat("x", 1<<10)
		for i := 0; ; i++ {
			if i == 100 {
				cancel()
			}
			if _, err := io.WriteString(w, chunk); err != nil {
				return err
			}
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old\n" {
		t.Errorf("file holds %d bytes, want the old content", len(b))
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("%d entries left, want only out.txt", len(ents))
	}
}
