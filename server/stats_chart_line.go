package server

import (
	"fmt"
	"html/template"
	"strings"

	"neuvo/cases/stats"
)

const (
	lineWidth  = 480
	lineHeight = 200
	lineTop    = 24
	lineBottom = 48 // room for the month labels
	lineLeft   = 16
	lineRight  = 16
)

// lineChart draws months as a line. The line breaks at a suppressed
// month, which is a marked gap on the baseline: joining its neighbours
// would guess its value.
func lineChart(t stats.Table, points []chartPoint, lang string) template.HTML {
	var b strings.Builder
	svgOpen(&b, t, "line", lineWidth, lineHeight)
	base := float64(lineHeight - lineBottom)
	step := float64(lineWidth-lineLeft-lineRight) / float64(max(len(points), 1))
	x := func(i int) float64 { return float64(lineLeft) + step*(float64(i)+0.5) }
	top := chartMax(points)
	y := func(v float64) float64 {
		if top <= 0 {
			return base
		}
		return base - v/top*(base-lineTop)
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, lineLeft, base, lineWidth-lineRight, base)
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
		monthLabel(&b, x(i), base, p.label, len(points) > 6)
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

// monthLabel writes a point's label under the axis, slanted when the
// months are too many to stand side by side.
func monthLabel(b *strings.Builder, x, base float64, label string, slant bool) {
	if slant {
		fmt.Fprintf(b, `<text class="label" x="%.1f" y="%.1f" text-anchor="end" transform="rotate(-40 %.1f %.1f)">%s</text>`,
			x+4, base+14, x+4, base+14, esc(clip(label, 10)))
		return
	}
	fmt.Fprintf(b, `<text class="label" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x, base+16, esc(clip(label, 10)))
}
