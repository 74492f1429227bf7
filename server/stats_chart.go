package server

import (
	"fmt"
	"html/template"
	"strings"

	"neuvo/cases/stats"
)

// Charts are drawn here as inline SVG: they print, work without
// JavaScript and carry no figure that the table beside them does not.
// A suppressed figure is a marked gap: a dashed, hatched box of one fixed
// size at the baseline, labelled with the marker; its size says nothing
// of the value, and nothing is drawn at zero or at a guessed height.

// A bar chart's label stands above its bar, so the bars have the whole
// width and the chart stays legible when a phone scales it down.
const (
	chartWidth = 360
	barHeight  = 16
	labelLine  = 15 // the label's line above a bar
	barGap     = 10
	valueRoom  = 48 // room right of the longest bar for its figure
	gapBox     = 22 // the marked gap's side
)

// chartPoint is one row's first-column figure.
type chartPoint struct {
	label string
	cell  stats.Cell
}

// chartPoints are the rows of a table drawn in its chart: the totals row
// is left out, since it would dwarf the rest.
func chartPoints(t stats.Table) []chartPoint {
	var out []chartPoint
	if len(t.Cols) == 0 {
		return nil
	}
	for i, r := range t.Rows {
		if !r.Total {
			out = append(out, chartPoint{label: r.Text, cell: t.Cells[i][0]})
		}
	}
	return out
}

func chartMax(points []chartPoint) float64 {
	max := 0.0
	for _, p := range points {
		if p.cell.Shown && p.cell.Value > max {
			max = p.cell.Value
		}
	}
	return max
}

// Chart draws a table's chart, or nothing for a table without one.
func Chart(t stats.Table, lang string) template.HTML {
	points := chartPoints(t)
	if len(points) == 0 {
		return ""
	}
	switch t.Chart {
	case stats.Bars:
		return barChart(t, points, lang)
	case stats.Line:
		return lineChart(t, points, lang)
	}
	return ""
}

// svgOpen starts a chart: an image named by its table's caption.
func svgOpen(b *strings.Builder, t stats.Table, kind string, width, height int) {
	fmt.Fprintf(b, `<svg class="chart chart-%s" id="chart-%s" role="img" aria-labelledby="%s" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`,
		kind, esc(t.ID), esc(captionID(t)), width, height)
	fmt.Fprintf(b, `<defs><pattern id="hatch-%s" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" class="hatch"/></pattern></defs>`, esc(t.ID))
}

// captionID is the id of a table's caption, which names its chart too.
func captionID(t stats.Table) string { return "table-" + t.ID + "-caption" }

// markedGap draws a suppressed figure at (x, baseline y), the marker
// above it where a point's figure would be.
func markedGap(b *strings.Builder, t stats.Table, x, y float64) {
	fmt.Fprintf(b, `<g class="suppressed"><rect class="gap" x="%.1f" y="%.1f" width="%d" height="%d" fill="url(#hatch-%s)"/>`,
		x, y-gapBox, gapBox, gapBox, esc(t.ID))
	fmt.Fprintf(b, `<text class="marker" x="%.1f" y="%.1f" text-anchor="middle">%s</text></g>`, x+gapBox/2, y-gapBox-5, stats.Marker)
}

func barChart(t stats.Table, points []chartPoint, lang string) template.HTML {
	var b strings.Builder
	row := labelLine + barHeight + barGap
	height := len(points)*row + barGap
	svgOpen(&b, t, "bars", chartWidth, height)
	max, room := chartMax(points), float64(chartWidth-valueRoom)
	for i, p := range points {
		top := float64(barGap + i*row)
		bar := top + labelLine
		fmt.Fprintf(&b, `<text class="label" x="0" y="%.1f">%s</text>`, top+11, esc(clip(p.label, 48)))
		if !p.cell.Shown {
			// The gap stands at the bars' baseline, the axis on the left.
			// The marker stands where a bar's figure would.
			fmt.Fprintf(&b, `<g class="suppressed"><rect class="gap" x="1" y="%.1f" width="%d" height="%d" fill="url(#hatch-%s)"/><text class="marker" x="%d" y="%.1f">%s</text></g>`,
				bar, gapBox*2, barHeight, esc(t.ID), gapBox*2+6, bar+12, stats.Marker)
			continue
		}
		width := 0.0
		if max > 0 {
			width = p.cell.Value / max * room
		}
		if width > 0 {
			fmt.Fprintf(&b, `<rect class="bar" x="1" y="%.1f" width="%.1f" height="%d"/>`, bar, width, barHeight)
		}
		fmt.Fprintf(&b, `<text class="value" x="%.1f" y="%.1f">%s</text>`, width+6, bar+12, p.cell.Text(lang))
	}
	fmt.Fprintf(&b, `<line class="axis" x1="1" y1="0" x2="1" y2="%d"/></svg>`, height)
	return template.HTML(b.String())
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// clip shortens a long label for the chart; the table has it whole.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
