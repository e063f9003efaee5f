package main

const helpText = `NAME
    storydiff - show what changed between two versions of a news story

SYNOPSIS
    storydiff [flags] [OLD NEW [NEWER …]]

DESCRIPTION
    storydiff aligns the paragraphs of two versions of a story, even when
    they were moved, split, merged, trimmed or rewritten, and shows every
    added, removed and changed sentence with the changed words inside it.

    In a terminal it opens a side-by-side viewer. When standard output is
    not a terminal, or with --format or -o, it prints the diff instead.
    With no files it shows a built-in demo pair. Either file may be "-" for
    standard input; the viewer then reads keys from the terminal. A file
    named twice (or standard input named twice, as - and /dev/stdin) is
    read once: the versions are identical.

    With three or more versions (write-thrus, oldest first) it compares the
    last two; the viewer steps through the pairs and shows the history of
    every sentence of the latest version.

FLAGS
    -f, --format FORMAT   export format: text (default when piped),
                          side-by-side, markdown, html, json, ansi,
                          checklist (the review: one line per change)
    -o, --output FILE     write the export to FILE atomically (format
                          guessed from .json/.html/.md when -f is absent);
                          a symbolic link is written through, a device or
                          FIFO written directly; - is standard output
    --force               replace FILE if it exists (keeping its mode)
    --width N             side-by-side width, 20 to 1000 (default or 0:
                          the terminal's width, else 160)
    --context N|all       unchanged paragraphs shown around changes in
                          text, markdown and ansi (default 0: summarised)
    --matters N           list at most N flagged changes under What
                          matters in text, ansi, markdown and HTML (the
                          rest are counted); default 0 lists them all
    --color auto|always|never
                          colour for the viewer (auto: in a terminal,
                          unless NO_COLOR is set) and ansi (auto: always,
                          even piped, unless NO_COLOR is set)
    -L, --label NAME      name the next version NAME instead of its path
                          in the viewer and exports (as diff -L; once per
                          version, oldest first)
    --input-format F      auto (default), text, html, nitf, newsml, markdown
    --inline              open the viewer in the inline (unified) view
    --ignore CLASSES      hide typography and/or style changes from the
                          highlights and counts: typography, style or
                          typography,style (wording cannot be hidden, and
                          no mask hides a flagged change: a respelled
                          name stays visible, counted and listed)
    --pair I,J            compare versions I and J (1-based; default: the
                          last two)
    --history             print, for each sentence of the latest version,
                          the version that introduced it and the one that
                          last changed it (text unless -f says otherwise;
                          not side-by-side; not with --pair)
    --review-dir DIR      where reviews are kept (default
                          $STORYDIFF_REVIEW_DIR, else
                          $XDG_STATE_HOME/storydiff, else
                          ~/.local/state/storydiff); a shared folder
                          lets a desk share them
    --reviewer NAME       name recorded with each mark (default $USER)
    --no-review           neither read nor show review marks
    --version             print the version
    -h, --help            print this help

KEYS (viewer)
    j/k, arrows, wheel    scroll            space/b, PgDn/PgUp  page
    ctrl+d/ctrl+u         half page         g/G, Home/End       top/bottom
    n/N, ]/[              next/previous change (or search match)
    tab/shift+tab         next/previous paragraph
    enter, backspace      open a fold; follow a ¶ note (moved, split,
                          merged) to where it points, and back
    /                     search both sides (quotes, dashes folded); esc
                          clears
    f                     fold unchanged paragraphs
    u                     side-by-side / inline
    s                     sentence / paragraph view
    i                     hide typography, then typography and style
    F, !                  findings and flagged changes
    m                     n/N: flagged changes, then unreviewed ones
    x, c                  review: check the change, query it with a note
    <, >, p, H            previous/next pair, pick two versions, history
                          (three or more versions)
    e                     export (tab cycles formats, completes paths)
    y, Y                  copy the block, the whole report, as the text
                          export writes it (OSC 52 and xclip/wl-copy/pbcopy)
    ?                     the keys of this screen
    q, esc                close help, findings, picker, history; q on the
                          diff quits          ctrl+c  quit anywhere

EXIT STATUS
    0  the versions have no differences (with -f checklist: every change
       is checked and none is queried)
    1  the versions differ (with -f checklist: some change is not
       checked, or is queried)
    2  trouble: bad usage, missing or unreadable file, binary data,
       closed standard input or output, failed or interrupted output

EXAMPLES
    storydiff                                  the built-in demo
    storydiff wire.txt syndicated.txt          the viewer
    storydiff old.txt new.txt | less           a text report
    storydiff -f html -o diff.html old.txt new.txt
    storydiff --ignore typography,style old.txt new.txt
    storydiff --history v1.txt v2.txt v3.txt
    storydiff -f checklist old.txt new.txt && echo "all cleared"
    git show HEAD~1:story.txt | storydiff - story.txt
    git difftool -y -x 'storydiff -L "$MERGED (before)" -L "$MERGED"' HEAD~1 -- story.txt
`
