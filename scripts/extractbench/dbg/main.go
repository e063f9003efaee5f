package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/storydiff/storydiff/diff/input"
)

func main() {
	names, _ := filepath.Glob("/work/ext/aeb/html/*.html.gz")
	for _, n := range names {
		f, _ := os.Open(n)
		zr, _ := gzip.NewReader(f)
		data, _ := io.ReadAll(zr)
		f.Close()
		d, err := input.Read("p", bytes.NewReader(data), input.HTML)
		if err != nil {
			fmt.Println(filepath.Base(n)[:8], "ERR", err)
			continue
		}
		if len(os.Args) > 1 && filepath.Base(n)[:8] == os.Args[1] {
			for i, p := range d.Paragraphs {
				fmt.Printf("[%s] %.100s\n", d.Labels[i], p)
			}
		}
		for _, w := range d.Warnings {
			fmt.Println(filepath.Base(n)[:8], w)
		}
	}
}
