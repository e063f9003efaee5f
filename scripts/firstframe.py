#!/usr/bin/env python3
"""firstframe.py BIN OLD NEW [COLS ROWS]

Starts the viewer (BIN OLD NEW) on a pseudo-terminal of COLS x ROWS (default
120 x 40) and prints the seconds from exec to its first output of the loading
screen and to its first diff frame, then quits it with q. The diff frame is
recognised by a row's paragraph numbers (beside the two-pane separator U+2502,
or old and new number side by side in the inline layout), which the loading
screen never draws. Used by scripts/bench.sh; needs python3 only.
"""
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import fcntl
import time


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__.strip().splitlines()[0])
    binary, old, new = sys.argv[1:4]
    cols, rows = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) == 6 else (120, 40)
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary, old, new])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    # A diff row: side by side, a paragraph number, text, the separator and
    # another number; inline (narrow terminals), the old and the new number
    # side by side before the text.
    row = re.compile(rb"\s\d+ .{0,200}\xe2\x94\x82\s+\d+ |\s\d+ {1,6}\d+ {2,}\S")
    out, progress, frame = b"", None, None
    while time.monotonic() - start < 60:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        now = time.monotonic() - start
        out += chunk
        if progress is None:
            progress = now
        # Strip escape sequences before matching: colours split the text.
        plain = re.sub(rb"\x1b\[[0-9;:?]*[ -/]*[@-~]|\x1b[\]P_^][^\x07\x1b]*(\x07|\x1b\\)", b"", out[-65536:])
        if row.search(plain):
            frame = now
            break
    try:
        os.write(fd, b"q")
        time.sleep(0.2)
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    if frame is None:
        sys.exit("firstframe.py: no diff frame within 60 s")
    print(f"first output {progress:.3f} s, first diff frame {frame:.3f} s ({cols}x{rows})")


if __name__ == "__main__":
    main()
