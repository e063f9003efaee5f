package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/storydiff/storydiff/diff"
	"github.com/storydiff/storydiff/diff/review"
	"github.com/storydiff/storydiff/internal/textsafe"
)

// reviewStore returns the store of reviews (--review-dir,
// $STORYDIFF_REVIEW_DIR, $XDG_STATE_HOME/storydiff,
// ~/.local/state/storydiff), or nil with --no-review.
func (c *config) reviewStore() (*review.Store, error) {
	if c.noReview {
		return nil, nil
	}
	dir, err := review.Dir(c.reviewDir, os.Getenv)
	if err != nil {
		return nil, err
	}
	return &review.Store{Dir: dir}, nil
}

// reviewStatus loads the review of the view's result and lays it over the
// view for an export. It returns nil (no Review section) when there is no review, or
// with --no-review; a damaged review file is set aside with one line of
// warning. For the checklist (need), a review that cannot be read is
// trouble; for the other exports it is a warning and the export goes on
// without it. key is the result's review.Key when known, else "".
func (c *config) reviewStatus(v diff.View, key string, need bool, stderr io.Writer) (*review.Status, error) {
	s, err := c.reviewStore()
	if err == nil && s == nil {
		return nil, nil
	}
	var rv *review.Review
	if err == nil {
		if key == "" {
			key = review.Key(v.Result)
		}
		rv, err = s.Load(key)
	}
	var ce *review.CorruptError
	switch {
	case errors.As(err, &ce):
		fmt.Fprintf(stderr, "storydiff: warning: %s\n", textsafe.Clean(err.Error()))
	case err != nil && need:
		return nil, fmt.Errorf("checklist: %w", err)
	case err != nil:
		fmt.Fprintf(stderr, "storydiff: warning: review left out: %s\n", textsafe.Clean(err.Error()))
		return nil, nil
	}
	if !need && (rv == nil || len(rv.Marks) == 0) {
		return nil, nil
	}
	return review.Match(rv, v), nil
}
