package minutes

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmtext "github.com/yuin/goldmark/text"
)

// The texts of a meeting (an item's background above all) are Markdown. The
// HTML writer renders them with goldmark; the PDF writer lays out the
// blocks this file reads from goldmark's syntax tree: paragraphs, headings,
// list items and code, as plain text.

// blockKind is the kind of a laid-out block.
type blockKind int

const (
	blockPara blockKind = iota
	blockHeading
	blockItem
	blockCode
)

// block is one paragraph-like piece of Markdown.
type block struct {
	kind blockKind
	text string
	// depth is the nesting of list items and block quotes (0 at the top).
	depth int
	// marker is a list item's bullet or number ("•", "2.").
	marker string
}

var md = goldmark.New()

// renderMarkdown renders Markdown as HTML; raw HTML in the source is left
// out (goldmark's default), so a text cannot break the page.
func renderMarkdown(src string) (string, error) {
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// markdownBlocks reads Markdown into blocks.
func markdownBlocks(src string) []block {
	source := []byte(src)
	doc := md.Parser().Parse(gmtext.NewReader(source))
	var out []block
	var visit func(n ast.Node, depth int)
	children := func(n ast.Node, depth int) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			visit(c, depth)
		}
	}
	visit = func(n ast.Node, depth int) {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if s := inlineText(n, source); s != "" {
				out = append(out, block{kind: blockPara, text: s, depth: depth})
			}
		case *ast.Heading:
			out = append(out, block{kind: blockHeading, text: inlineText(n, source), depth: depth})
		case *ast.List:
			i := n.Start
			for item := n.FirstChild(); item != nil; item = item.NextSibling() {
				marker := "•"
				if n.IsOrdered() {
					marker = fmt.Sprintf("%d.", i)
					i++
				}
				for part := item.FirstChild(); part != nil; part = part.NextSibling() {
					switch part.(type) {
					case *ast.Paragraph, *ast.TextBlock:
						out = append(out, block{kind: blockItem, text: inlineText(part, source), depth: depth + 1, marker: marker})
						marker = ""
					default:
						visit(part, depth+1)
					}
				}
			}
		case *ast.Blockquote:
			children(n, depth+1)
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			var b strings.Builder
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(source))
			}
			if s := strings.TrimRight(b.String(), "\n"); s != "" {
				out = append(out, block{kind: blockCode, text: s, depth: depth})
			}
		case *ast.ThematicBreak:
		default:
			children(n, depth)
		}
	}
	children(doc, 0)
	return out
}

// inlineText returns the plain text of a node's inline content: emphasis
// dropped, links as their text, soft line breaks as spaces.
func inlineText(n ast.Node, source []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(source))
				switch {
				case c.HardLineBreak():
					b.WriteString("\n")
				case c.SoftLineBreak():
					b.WriteString(" ")
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.URL(source))
			case *ast.RawHTML:
				segs := c.Segments
				for i := 0; i < segs.Len(); i++ {
					seg := segs.At(i)
					b.Write(seg.Value(source))
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}
