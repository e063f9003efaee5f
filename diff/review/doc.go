// Package review keeps an editor's review of a comparison: each change
// marked checked or queried (with a note), by whom and when, saved on
// every mark and handed on through the exports and the checklist.
//
// The unit of review is a Change, what the viewer's n stops on: a block of
// the Result that reads as a change (Changes lists them, in one place for
// the viewer, the checklist and the exports). A review belongs to a pair
// of versions by their content (Key: a hash of the normalised paragraph
// texts, so renamed, re-flowed and piped copies share it); a mark belongs
// to a change by its content (Change.Anchor: a hash of the sentences
// involved on both sides), so it survives re-opening and a later
// comparison that aligns the change slightly differently (Match). A mark
// whose change is gone is reported as an orphan, never dropped.
//
// Storage is one JSON file per pair under Dir, replaced atomically under
// an advisory lock; see Store for the layout and why it is not SQLite.
package review
