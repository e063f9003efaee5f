// Package diff is storydiff's engine: it turns two versions of a story into
// one aligned, immutable Result that every view and export reads.
//
// The pipeline is: paragraphs (from package input) → Document (sentences
// segmented) → Compare (sentences linked across the whole documents,
// paragraphs grouped by those links, groups ordered, words diffed inside
// changed sentences) → Result. Nothing in a Result is modified after Compare
// returns; callers must treat every slice as read-only.
//
// # Supported API
//
// Packages diff, diff/input and diff/export are storydiff's supported Go
// API, the one the command and the viewer are built on; everything under
// internal/ (segmentation, layout, text cleaning, test helpers) may change
// without notice. A program that compares stories:
//
//   - loads each version with input.ReadFile or input.Read (plain text,
//     HTML, NITF, NewsML-G2, Markdown), or brings its own paragraphs;
//   - makes a Document of each with NewDocument (its name is cleaned for
//     display, as the text is by package input);
//   - calls Compare, or NewHistory for three or more versions, and reads
//     the Result: Blocks of paragraphs, their Pairs of sentences, the Words
//     of changed sentences, Stats, Findings and Matters; Result.View hides
//     classes of change (typography, style) from counts and highlights;
//   - writes it with export.Write or export.WriteFile, in any format.
//
// Compare never fails and never panics on any input. Should its alignment
// ever be inconsistent (a bug of this package), it returns both versions
// whole with a Finding of kind FindingError and counts it in Fallbacks,
// which the tests hold at zero.
package diff
