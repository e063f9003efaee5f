//go:build unix

package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// shell runs script with sh, $0 being the binary and $1… args, and
// returns the exit status and stderr.
func shell(t *testing.T, stdin io.Reader, script string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command("sh", append([]string{"-c", script, binary(t)}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errb.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), out.String(), errb.String()
	}
	t.Fatalf("sh: %v", err)
	return 0, "", ""
}

// TestDeadStreams: a closed standard output or input is one line on
// stderr and exit status 2, as diff(1) does; /dev/null opened by the shell
// is a valid stream.
func TestDeadStreams(t *testing.T) {
	ledeOld, ledeNew := pair("lede")
	tests := []struct {
		name   string
		script string
		status int
		stderr string
	}{
		{"closed stdout", `exec "$0" "$1" "$2" >&-`, 2, "standard output is closed"},
		{"stdout to /dev/null", `exec "$0" "$1" "$2" >/dev/null`, 1, ""},
		{"closed stdin", `exec "$0" - "$2" <&-`, 2, "standard input is closed"},
		{"closed stdin as /dev/stdin", `exec "$0" /dev/stdin "$2" <&-`, 2, "standard input is closed"},
		{"stdin from /dev/null", `exec "$0" - "$2" </dev/null >/dev/null`, 1, "empty"},
		{"closed stdin not read", `exec "$0" "$1" "$2" <&- >/dev/null`, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, stderr := shell(t, nil, tt.script, ledeOld, ledeNew)
			if status != tt.status {
				t.Errorf("status %d, want %d; stderr %q", status, tt.status, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) || (tt.status == 2 && strings.Count(stderr, "\n") != 1) {
				t.Errorf("stderr %q, want one line with %q", stderr, tt.stderr)
			}
		})
	}
}

// TestStdinTwice: standard input named twice ("-" and /dev/stdin, or
// /dev/stdin twice) is one version read once: identical, exit status 0,
// where a second read used to find it empty and report every paragraph
// removed.
func TestStdinTwice(t *testing.T) {
	ledeOld, _ := pair("lede")
	data, err := os.ReadFile(ledeOld)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-", "/dev/stdin"}, {"/dev/stdin", "/dev/stdin"}, {"/dev/stdin", "-"}, {"-", "/dev/fd/0"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			if _, err := os.Stat(args[1]); err != nil {
				t.Skip(err)
			}
			// A pipe, as in git show … | storydiff - /dev/stdin.
			status, out, stderr := shell(t, bytes.NewReader(data), `exec "$0" "$@"`, args...)
			if status != 0 {
				t.Errorf("status %d, want 0 (identical); stderr %q\n%s", status, stderr, out)
			}
		})
	}
}

// TestInterruptRemovesTemp interrupts a process in the middle of writing
// -o FILE (SIGINT, then SIGTERM): the temporary file is removed, FILE
// keeps its old content, and the process says so in one line, exit 2.
func TestInterruptRemovesTemp(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.txt")
			if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "STORYDIFF_HELPER=slow-output", "STORYDIFF_HELPER_OUT="+path)
			var errb bytes.Buffer
			cmd.Stderr = &errb
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(stdout).ReadString('\n')
			if line != "writing\n" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("helper said %q; stderr %q", line, errb.String())
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 2 {
				t.Errorf("%d entries while writing, want out.txt and its temporary file", len(ents))
			}
			cmd.Process.Signal(sig)
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Errorf("exit %v, want status 2; stderr %q", err, errb.String())
			}
			if s := errb.String(); !strings.Contains(s, "interrupted") || strings.Count(s, "\n") != 1 {
				t.Errorf("stderr %q, want one line saying interrupted", s)
			}
			if b, _ := os.ReadFile(path); string(b) != "old\n" {
				t.Errorf("out.txt holds %d bytes, want the old content", len(b))
			}
			ents, _ = os.ReadDir(dir)
			for _, e := range ents {
				if e.Name() != "out.txt" {
					t.Errorf("temporary file %s left behind", e.Name())
				}
			}
		})
	}
}

// TestFIFOTwice: a FIFO named twice (as with diff <(cmd) twice, or a
// named pipe) is read once: identical versions, exit status 0.
func TestFIFOTwice(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	ledeOld, _ := pair("lede")
	data, err := os.ReadFile(ledeOld)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.Write(data)
		f.Close()
	}()
	status, _, stderr := runCmd(t, "", fifo, fifo)
	if status != 0 {
		t.Errorf("status %d, want 0 (identical); stderr %q", status, stderr)
	}
}
