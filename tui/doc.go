// Package tui is storydiff's full-screen viewer: old version left, new
// right (or inline below about 100 columns), every aligned block one row,
// with keys to walk the changes, search, fold, export and copy.
//
// It only renders a *diff.Result (through package render); it never parses
// or diffs text. The result is loaded off the UI loop by Options.Load (or
// Options.Compare, for a series of versions), with its progress shown;
// ctrl+c quits at any time, q on the pager (and while loading).
//
// Editorial flags show as badges (NEG, NUM, QUOTE, NAME, ATTR) on the
// sentences that carry them; i hides typographic and then style changes,
// F lists the story findings and every flagged change, and m limits n and
// N to flagged changes. With more than two versions (write-thrus), < and >
// step through consecutive pairs, p picks any two, and H shows which
// version introduced and last changed each sentence of the latest one.
//
// # Screens
//
// The viewer shows one screen at a time (Model.screen, a screenState).
// Help and the prompt are overlays: they remember the screen under them
// (Model.under) and return to it. Every transition goes through
// Model.enter and Model.leave, which also enable the key bindings live on
// the new screen (Model.setKeys), so that ? lists exactly the keys that
// act; a key bound elsewhere gets a status line saying why it does nothing.
//
//	loading ──load ok──▶ pager ──q──▶ quit
//	loading ──load failed──▶ error ──q──▶ quit
//	pager ──F──▶ findings ──q, esc, F──▶ pager   (enter: go to the change)
//	pager ──p──▶ picker   ──q, esc, p──▶ pager   (enter: loading → pager)
//	pager ──H──▶ history  ──q, esc, H──▶ pager   (enter: the pair where the
//	                                              sentence last changed)
//	pager ──<, >──▶ loading (or the cached pair) ──▶ pager, same paragraph
//	pager ──/, e──▶ prompt, history ──/──▶ prompt ──enter, esc──▶ the screen under it
//	                         (export: format → path → replace it?)
//	any screen but the prompt ──?──▶ help ──?, q, esc──▶ the screen under it
//	any screen ──ctrl+c──▶ quit
//
// Children are value components with Update(tea.Msg) (T, tea.Cmd), View()
// string and SetSize: the pane (the diff rows, laid out lazily), the list
// (findings, picker; a bubbles viewport), the history view (a viewport
// with a cursor) and the prompt (a bubbles textinput). They report back
// with commands: a statusMsg (note, fail) sets the status line.
//
// To add a screen (a review prompt, say): add a screenState, a case in
// Model.key (its key handler) and in Model.setKeys (its live bindings), and
// draw it in Model.content; enter and leave do the rest.
//
// With Options.Review the viewer keeps the editor's review (package
// review): on the pager x checks the change under the cursor and c opens
// the prompt for a query note (promptQuery); the gutter, the findings list
// and the history view show ✓ and ?, the status line the progress, and m's
// third step walks the changes not yet reviewed. The review loads and
// every mark saves off the UI loop, one save at a time (reviewer, in
// review.go; the keys in review_keys.go, the pane's part in
// review_pane.go).
package tui
