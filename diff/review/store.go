package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// EnvDir is the environment variable that points at the review folder.
const EnvDir = "STORYDIFF_REVIEW_DIR"

// Dir returns the review folder: flag if not empty (--review-dir), else
// $STORYDIFF_REVIEW_DIR, else $XDG_STATE_HOME/storydiff (when absolute),
// else ~/.local/state/storydiff. getenv is os.Getenv in the program.
func Dir(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if d := getenv(EnvDir); d != "" {
		return d, nil
	}
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "storydiff"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("review folder: no home folder (set %s or use --review-dir): %w", EnvDir, err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "state", "storydiff"), nil
}

// Store reads and writes the reviews kept in one folder.
//
// Storage is one JSON file per pair of versions, <Dir>/<key>.json, replaced
// atomically (written to a temporary file in the same folder, synced,
// renamed over the old one, the folder synced) while an advisory lock is
// held on <Dir>/<key>.lock (flock(2) where the system has it). Every
// change is applied as an edit: under the lock the file is read again, the
// one mark set or cleared, and the result written, so two viewers on the
// same pair never overwrite each other's marks with a stale copy.
//
// Why not SQLite: a review is a few dozen marks, read whole and rewritten
// whole (about 6 ms a save with 100 marks, nearly all of it the two
// fsyncs; BenchmarkSet); a pure-Go SQLite driver would be a large
// dependency for no query we need, and SQLite's locking is unreliable on
// the network folders a desk would share (--review-dir). One small JSON file per pair is readable and
// mendable by hand, can be mailed or committed, and a damaged file harms
// one pair only: it is set aside, never overwritten.
type Store struct {
	// Dir is the folder (see Dir). It is created on the first save.
	Dir string
	// LockWait is how long a save waits for another process's lock
	// before giving up; 0 means 10 seconds.
	LockWait time.Duration
}

// testHookBeforeRename, when set by a test, runs after the temporary file
// is written and synced and before it replaces the review.
var testHookBeforeRename func()

func (s *Store) path(key string) (string, error) {
	if !validKey(key) {
		return "", fmt.Errorf("review: invalid pair key %q", key)
	}
	return filepath.Join(s.Dir, key+".json"), nil
}

// validKey reports whether key is a Key (lower-case hex), so it is safe as
// a file name.
func validKey(key string) bool {
	if len(key) < 16 || len(key) > 64 {
		return false
	}
	for _, c := range key {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Empty reports whether the store holds no review at all: its folder does
// not exist or has no review file in it. A folder that cannot be read is
// not known to be empty (Load then reports why). An export asks it
// first so that, with no review anywhere, it does not hash both texts for
// a key (≈ 40 ms on a 10 MB pair) only to find nothing.
func (s *Store) Empty() bool {
	f, err := os.Open(s.Dir)
	if err != nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	defer f.Close()
	for {
		names, err := f.Readdirnames(256)
		for _, n := range names {
			if key, ok := strings.CutSuffix(n, ".json"); ok && validKey(key) {
				return false
			}
		}
		if err != nil {
			return err == io.EOF
		}
	}
}

// Load reads the review of the pair with the given key. A pair never
// reviewed gives an empty review and no error. A file that cannot be
// parsed is renamed aside (<key>.json.corrupt-<time>, never overwriting
// anything) and an empty review is returned with an error saying so; a
// file that cannot be read gives an empty review and the error. The
// review returned is never nil, so a viewer can always open.
func (s *Store) Load(key string) (*Review, error) {
	empty := &Review{Version: FormatVersion, Pair: key}
	path, err := s.path(key)
	if err != nil {
		return empty, err
	}
	rv, err := read(path, key)
	if errors.As(err, new(*parseError)) {
		// Set it aside under the lock, after reading it again: a save
		// may have replaced it meanwhile, and a good file must never be
		// set aside.
		rv, err = s.readLocked(path, key)
	}
	if err != nil {
		return empty, err
	}
	return rv, nil
}

// readLocked reads the review at path under the pair's lock, setting a
// damaged file aside.
func (s *Store) readLocked(path, key string) (*Review, error) {
	unlock, err := lock(filepath.Join(s.Dir, key+".lock"), s.wait())
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", path, err)
	}
	defer unlock()
	return readAside(path, key)
}

func (s *Store) wait() time.Duration {
	if s.LockWait <= 0 {
		return 10 * time.Second
	}
	return s.LockWait
}

// parseError is a review file that could not be parsed.
type parseError struct{ err error }

// Error returns the parse error's text.
func (e *parseError) Error() string { return e.err.Error() }

// read reads and parses the review at path; a missing file is an empty
// review, a damaged one a *parseError.
func read(path, key string) (*Review, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Review{Version: FormatVersion, Pair: key}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", path, err)
	}
	rv, err := parse(data, key)
	if err != nil {
		return nil, &parseError{err}
	}
	return rv, nil
}

// readAside is read, with a damaged file set aside and reported as a
// *CorruptError. The caller holds the lock.
func readAside(path, key string) (*Review, error) {
	rv, err := read(path, key)
	var pe *parseError
	if !errors.As(err, &pe) {
		return rv, err
	}
	aside, err := setAside(path)
	if err != nil {
		return nil, fmt.Errorf("review %s is damaged (%v) and could not be set aside: %w", path, pe.err, err)
	}
	return nil, &CorruptError{Path: path, Aside: aside, Err: pe.err}
}

// CorruptError reports a review file that could not be parsed and was
// renamed aside.
type CorruptError struct {
	Path, Aside string
	Err         error
}

// Error says which file was damaged, why, and where it was kept.
func (e *CorruptError) Error() string {
	return fmt.Sprintf("review %s is damaged (%v); kept as %s, starting afresh", e.Path, e.Err, e.Aside)
}

// Unwrap returns the parse error.
func (e *CorruptError) Unwrap() error { return e.Err }

// parse decodes a review file and checks it belongs to key.
func parse(data []byte, key string) (*Review, error) {
	var rv Review
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&rv); err != nil {
		return nil, fmt.Errorf("not a review file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("not a review file: data after the review")
	}
	switch {
	case rv.Version != FormatVersion:
		return nil, fmt.Errorf("review format %d, want %d", rv.Version, FormatVersion)
	case rv.Pair != key:
		return nil, fmt.Errorf("review of pair %q in the file of pair %q", rv.Pair, key)
	}
	seen := map[string]bool{}
	for i, m := range rv.Marks {
		if m.Anchor == "" || seen[m.Anchor] {
			return nil, fmt.Errorf("mark %d: missing or repeated anchor", i+1)
		}
		seen[m.Anchor] = true
	}
	return &rv, nil
}

// setAside renames a damaged file to <path>.corrupt-<UTC time>, with a
// counter if that name is taken; it never replaces an existing file.
func setAside(path string) (string, error) {
	base := path + ".corrupt-" + time.Now().UTC().Format("20060102T150405Z")
	for i := 0; i < 100; i++ {
		name := base
		if i > 0 {
			name += "-" + strconv.Itoa(i)
		}
		// Link then remove: unlike rename, link fails when name exists.
		if err := os.Link(path, name); err != nil {
			if errors.Is(err, fs.ErrExist) {
				continue
			}
			return "", err
		}
		if err := os.Remove(path); err != nil {
			return "", err
		}
		return name, nil
	}
	return "", errors.New("too many damaged copies kept aside")
}

// Set records mark m (state Unmarked clears the mark on m.Anchor) in the
// review of the pair key, whose versions are named old and new, and
// returns the review as saved, other processes' marks included. Under the
// pair's lock it reads the stored review again, applies m, and replaces
// the file atomically. warning is not empty when a damaged file was set
// aside on the way (the save still succeeded).
func (s *Store) Set(key, old, new string, m Mark) (rv *Review, warning string, err error) {
	return s.Apply(key, old, new, m)
}

// Apply is Set for several marks at once, in order, under one lock and in
// one write: re-marking a change found by its sentences records the mark
// on its new anchor and clears the old one together (see Status.Edit).
func (s *Store) Apply(key, old, new string, marks ...Mark) (rv *Review, warning string, err error) {
	return s.update(key, func(rv *Review) {
		if old != "" || new != "" {
			rv.Old, rv.New = old, new
		}
		for _, m := range marks {
			rv.Set(m)
		}
	})
}

// update applies edit to the stored review of key under the lock.
func (s *Store) update(key string, edit func(*Review)) (rv *Review, warning string, err error) {
	path, err := s.path(key)
	if err != nil {
		return nil, "", err
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return nil, "", fmt.Errorf("review folder: %w", err)
	}
	unlock, err := lock(filepath.Join(s.Dir, key+".lock"), s.wait())
	if err != nil {
		return nil, "", fmt.Errorf("review %s: %w", path, err)
	}
	defer unlock()
	removeTemps(path)
	rv, err = readAside(path, key)
	var ce *CorruptError
	if errors.As(err, &ce) {
		warning = ce.Error()
		rv, err = &Review{Version: FormatVersion, Pair: key}, nil
	}
	if err != nil {
		return nil, "", err
	}
	edit(rv)
	data, err := json.MarshalIndent(rv, "", "  ")
	if err != nil {
		return nil, "", fmt.Errorf("review %s: %w", path, err)
	}
	if err := writeAtomic(path, append(data, '\n')); err != nil {
		return nil, "", fmt.Errorf("saving review %s: %w", path, err)
	}
	return rv, warning, nil
}

// tempPrefix starts the names of temporary files of the review at path.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// removeTemps removes the temporary files a save killed half-way left
// behind. It runs under the lock, when no save of this pair is under way.
func removeTemps(path string) {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), tempPrefix(path)+"*"))
	for _, m := range matches {
		os.Remove(m)
	}
}

// writeAtomic replaces path with data: a temporary file in the same
// folder, synced, then renamed over path, then the folder synced. A crash
// at any point leaves either the old file or the new one, whole.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPrefix(path)+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if testHookBeforeRename != nil {
		testHookBeforeRename()
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// ReviewerName returns the reviewer's name: flag if not empty
// (--reviewer), else $USER, else $USERNAME, else "unknown".
func ReviewerName(flag string, getenv func(string) string) string {
	for _, s := range []string{flag, getenv("USER"), getenv("USERNAME")} {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return "unknown"
}
