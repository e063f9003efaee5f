package input_test

import (
	"fmt"
	"strings"

	"github.com/storydiff/storydiff/diff/input"
)

// Read a version from any reader: the format is detected (here NITF), and
// the headline and byline become labelled paragraphs.
func ExampleRead() {
	src := `<?xml version="1.0"?>
<nitf><body><body.head><hedline><hl1>Council backs sea barrier</hl1></hedline>
<byline>By Ana Ruiz</byline></body.head>
<body.content><p>The council approved the barrier on Monday.</p>
<p>The vote was 6-3.</p></body.content></body></nitf>`
	d, err := input.Read("story.xml", strings.NewReader(src), input.Auto)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("format:", d.Format)
	for i, p := range d.Paragraphs {
		fmt.Printf("%d %-8s %s\n", i, d.Labels[i], p)
	}
	// Output:
	// format: nitf
	// 0 headline Council backs sea barrier
	// 1 byline   By Ana Ruiz
	// 2          The council approved the barrier on Monday.
	// 3          The vote was 6-3.
}

// Plain text: blank-line separated or hard-wrapped paragraphs, any line
// ends; a terminal control character is shown as its picture (␛), never
// passed on, and a warning says so.
func ExampleRead_text() {
	src := "The council approved\r\nthe barrier on Monday.\r\n\r\nThe vote was 6-3.\x1b[2J\r\n"
	d, err := input.Read("story.txt", strings.NewReader(src), input.Auto)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("format:", d.Format)
	for _, p := range d.Paragraphs {
		fmt.Println(p)
	}
	fmt.Println(d.Warnings)
	// Output:
	// format: text
	// The council approved the barrier on Monday.
	// The vote was 6-3.␛[2J
	// [story.txt: 1 control character shown as visible symbols]
}
