package export

import (
	"errors"
	"io"
	"os"
	"path/filepath"
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
				if fi.Mode().Perm() != 0o644 {
					t.Errorf("mode %v, want 0644", fi.Mode().Perm())
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
