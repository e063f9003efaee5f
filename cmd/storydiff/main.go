// Command storydiff shows two versions of a news story side by side and
// makes every edit between them obvious. See README.md or storydiff --help.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
