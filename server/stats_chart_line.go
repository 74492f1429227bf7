package server

import (
	"fmt"
	"html/template"
	"strings"

	"neuvo/cases/stats"
)

const (
	lineHeight = 220
	lineTop    = 24
	lineBottom = 40 // room for the month labels
	lineLeft   = 16
	lineRight  = 16
)

// lineChart draws months as a line. The line breaks at a suppressed
// month, which is a marked gap on the baseline: joining its neighbours
// would guess its value.
func lineChart(t stats.Table, points []chartPoint, lang string) template.HTML {
	var b strings.Builder
	svgOpen(&b, t, "line", lineHeight)
	base := float64(lineHeight - lineBottom)
	step := float64(chartWidth-lineLeft-lineRight) / float64(max(len(points), 1))
	x := func(i int) float64 { return float64(lineLeft) + step*(float64(i)+0.5) }
	top := chartMax(points)
	y := func(v float64) float64 {
		if top <= 0 {
			return base
		}
		return base - v/top*(base-lineTop)
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, lineLeft, base, chartWidth-lineRight, base)
	var path strings.Builder
	pen := false
	for i, p := range points {
		if !p.cell.Shown {
			pen = false
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x(i), y(p.cell.Value))
		pen = true
	}
	if path.Len() > 0 {
		fmt.Fprintf(&b, `<path class="line" d="%s"/>`, strings.TrimSpace(path.String()))
	}
	for i, p := range points {
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x(i), base+18, esc(clip(p.label, 8)))
		if !p.cell.Shown {
			markedGap(&b, t, x(i)-gapBox/2, base)
			continue
		}
		fmt.Fprintf(&b, `<circle class="point" cx="%.1f" cy="%.1f" r="4"/>`, x(i), y(p.cell.Value))
		fmt.Fprintf(&b, `<text class="value" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x(i), y(p.cell.Value)-9, p.cell.Text(lang))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
