package server

import (
	"fmt"
	"html/template"
	"strings"

	"neuvo/cases/stats"
)

const (
	progressWidth  = 400
	progressHeight = 28
)

// ProgressBar draws progress against a target: the bar is done/target of
// the track (a bar past the target fills it and is marked over), and a
// tick stands where the pro-rated target for the elapsed part of the
// period is. A figure that is not shown (suppressed) is the marked gap,
// never an empty bar.
func ProgressBar(done, target, prorated float64, shown bool) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="progress" role="img" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`, progressWidth, progressHeight)
	b.WriteString(`<defs><pattern id="hatch-progress" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" class="hatch"/></pattern></defs>`)
	if !shown || target <= 0 {
		fmt.Fprintf(&b, `<title>%s</title><rect class="track" x="0" y="4" width="%d" height="20"/>`, stats.Marker, progressWidth)
		fmt.Fprintf(&b, `<g class="suppressed"><rect class="gap" x="0" y="4" width="%d" height="20" fill="url(#hatch-progress)"/><text class="marker" x="%d" y="19">%s</text></g></svg>`,
			gapBox*2, gapBox*2+6, stats.Marker)
		return template.HTML(b.String())
	}
	share := done / target
	class := "bar"
	if share > 1 {
		share, class = 1, "bar over"
	}
	fmt.Fprintf(&b, `<title>%s / %s</title>`, whole(done), whole(target))
	fmt.Fprintf(&b, `<rect class="track" x="0" y="4" width="%d" height="20"/>`, progressWidth)
	if share > 0 {
		fmt.Fprintf(&b, `<rect class="%s" x="0" y="4" width="%.1f" height="20"/>`, class, share*progressWidth)
	}
	if prorated > 0 {
		at := min(prorated/target, 1) * progressWidth
		fmt.Fprintf(&b, `<line class="prorated" x1="%.1f" y1="0" x2="%.1f" y2="%d"/>`, at, at, progressHeight)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func whole(v float64) string { return fmt.Sprintf("%d", int64(v+0.5)) }
