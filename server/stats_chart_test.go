package server

import (
	"encoding/xml"
	"strings"
	"testing"

	"neuvo/cases/stats"
)

// svgNode is an SVG element with its class, text and children.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n svgNode) walk(f func(svgNode)) {
	f(n)
	for _, c := range n.Children {
		c.walk(f)
	}
}

func parseSVG(t *testing.T, s string) svgNode {
	t.Helper()
	var n svgNode
	if err := xml.Unmarshal([]byte(s), &n); err != nil {
		t.Fatalf("not XML: %v\n%s", err, s)
	}
	return n
}

// chartTable has a suppressed cell whose true value (3) must never be
// drawn, a zero and two published figures.
func chartTable(kind stats.Chart) stats.Table {
	shown := func(v float64) stats.Cell { return stats.Cell{Value: v, Shown: true} }
	return stats.Table{ID: "channel", Title: "Channel", Chart: kind,
		Rows:  []stats.Label{{Text: "Phone"}, {Text: "Chat"}, {Text: "Walk-in"}, {Text: "E-mail"}, {Text: "Total", Total: true}},
		Cols:  []stats.Label{{Text: "Contacts"}},
		Cells: [][]stats.Cell{{shown(40)}, {{Value: 3, Shown: false}}, {shown(0)}, {shown(17)}, {shown(60)}}}
}

func TestSuppressedBarIsAMarkedGapNotAZeroBar(t *testing.T) {
	svg := parseSVG(t, string(Chart(chartTable(stats.Bars), "fi")))
	if svg.attr("role") != "img" || svg.attr("aria-labelledby") != "table-channel-caption" {
		t.Fatalf("role %q, labelled by %q", svg.attr("role"), svg.attr("aria-labelledby"))
	}
	var bars, gaps, markers int
	svg.walk(func(n svgNode) {
		switch {
		case n.XMLName.Local == "rect" && n.attr("class") == "bar":
			bars++
			if n.attr("width") == "0" || n.attr("width") == "0.0" {
				t.Error("a bar of width 0 is drawn")
			}
		case n.XMLName.Local == "g" && n.attr("class") == "suppressed":
			gaps++
			for _, c := range n.Children {
				if c.attr("class") == "marker" && c.Text == stats.Marker {
					markers++
				}
				if c.attr("class") == "gap" && !strings.HasPrefix(c.attr("fill"), "url(#hatch") {
					t.Errorf("gap not hatched: %q", c.attr("fill"))
				}
			}
		case n.XMLName.Local == "text" && n.attr("class") == "value" && n.Text == "3":
			t.Error("the suppressed value is drawn")
		}
	})
	// Phone and e-mail are bars; the zero is its figure only; the total
	// is not drawn; chat is the one gap, with the marker.
	if bars != 2 || gaps != 1 || markers != 1 {
		t.Fatalf("%d bars, %d gaps, %d markers", bars, gaps, markers)
	}
}

func TestSuppressedMonthBreaksTheLine(t *testing.T) {
	svg := parseSVG(t, string(Chart(chartTable(stats.Line), "fi")))
	var path string
	var points, gaps int
	svg.walk(func(n svgNode) {
		switch {
		case n.attr("class") == "line":
			path = n.attr("d")
		case n.attr("class") == "point":
			points++
		case n.attr("class") == "suppressed":
			gaps++
		}
	})
	// Phone, then a gap, then a new stroke from walk-in to e-mail.
	if strings.Count(path, "M") != 2 || strings.Count(path, "L") != 1 || points != 3 || gaps != 1 {
		t.Fatalf("path %q, %d points, %d gaps", path, points, gaps)
	}
}

func TestProgressBar(t *testing.T) {
	half := parseSVG(t, string(ProgressBar(50, 100, 75, true)))
	var bar, tick string
	half.walk(func(n svgNode) {
		if strings.HasPrefix(n.attr("class"), "bar") {
			bar = n.attr("width")
		}
		if n.attr("class") == "prorated" {
			tick = n.attr("x1")
		}
	})
	if bar != "200.0" || tick != "300.0" {
		t.Fatalf("bar %q, tick %q", bar, tick)
	}
	hidden := string(ProgressBar(3, 100, 75, false))
	if strings.Contains(hidden, `class="bar`) || strings.Contains(hidden, ">3<") || !strings.Contains(hidden, `class="suppressed"`) {
		t.Fatalf("a hidden figure drawn: %s", hidden)
	}
}
