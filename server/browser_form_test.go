package server

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// browserForm is what a browser would submit for the form with the given
// id if the user changed nothing: inputs with their values, checked boxes,
// and for each select its selected option or, failing that, its first one.
// Tests use it to see the defaults a page really gives, not the ones a test
// would type.
func browserForm(t *testing.T, page, id string) url.Values {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	form := findElement(doc, func(n *html.Node) bool { return n.Data == "form" && attr(n, "id") == id })
	if form == nil {
		t.Fatalf("the page has no form #%s", id)
	}
	values := url.Values{}
	walkElements(form, func(n *html.Node) {
		name := attr(n, "name")
		if name == "" {
			return
		}
		switch n.Data {
		case "input":
			kind := attr(n, "type")
			if kind == "submit" || ((kind == "checkbox" || kind == "radio") && !hasAttr(n, "checked")) {
				return
			}
			values.Add(name, attr(n, "value"))
		case "textarea":
			values.Add(name, text(n))
		case "select":
			if v, ok := selectedOption(n); ok {
				values.Add(name, v)
			}
		}
	})
	return values
}

func selectedOption(sel *html.Node) (string, bool) {
	var first *html.Node
	var chosen *html.Node
	walkElements(sel, func(n *html.Node) {
		if n.Data != "option" {
			return
		}
		if first == nil {
			first = n
		}
		if chosen == nil && hasAttr(n, "selected") {
			chosen = n
		}
	})
	if chosen == nil {
		chosen = first
	}
	if chosen == nil {
		return "", false
	}
	if hasAttr(chosen, "value") {
		return attr(chosen, "value"), true
	}
	return text(chosen), true
}

func findElement(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := findElement(c, match); found != nil {
			return found
		}
	}
	return nil
}

func walkElements(n *html.Node, visit func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			visit(c)
		}
		walkElements(c, visit)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
