package server

import (
	"html/template"

	"neuvo/cases/stats"
	"neuvo/frontend"
)

// What the statistics templates ask of a page.

// Chart draws a table's chart.
func (p *statsPage) Chart(t stats.Table) template.HTML { return Chart(t, p.L.Code) }

// Cell is a figure as the page shows it, or the marker.
func (p *statsPage) Cell(c stats.Cell) string { return c.Text(p.L.Code) }

// Marker is the symbol of a suppressed figure.
func (*statsPage) Marker() string { return stats.Marker }

// Period is the report's months as a heading.
func (p *statsPage) Period() string { return periodText(p.L, p.Report.From, p.Report.To) }

// SectionTitle is a section's heading.
func (p *statsPage) SectionTitle(code string) string { return sectionTitle(p.L, code) }

// ScopeValue is a scope as the select sends it.
func (*statsPage) ScopeValue(s stats.Scope) string { return scopeValue(s) }

// CaptionID names a table's caption, which its chart points to.
func (*statsPage) CaptionID(t stats.Table) string { return captionID(t) }

func sectionTitle(l frontend.Lang, code string) string {
	key := "stats.section." + code
	if text := l.T(key); text != key {
		return text
	}
	return code
}

// Link is a path with the report's query, for the export and print
// links; extra is added as it is ("excel=fi").
func (p *statsPage) Link(path, extra string) template.URL {
	q := p.Form.Query()
	if extra != "" {
		if q != "" {
			q += "&"
		}
		q += extra
	}
	if q == "" {
		return template.URL(path)
	}
	return template.URL(path + "?" + q)
}

// Legend explains the marker, with the report's k.
func (p *statsPage) Legend() string { return p.L.T("stats.legend", stats.Marker, p.Report.K) }

// tableView is one table for the stats_table partial, which has no $.
type tableView struct {
	*statsPage
	Table stats.Table
}

// TableView feeds the stats_table partial.
func (p *statsPage) TableView(t stats.Table) tableView { return tableView{statsPage: p, Table: t} }

// Chart draws the view's table.
func (v tableView) Chart() template.HTML { return Chart(v.Table, v.L.Code) }

// CaptionID names the view's caption.
func (v tableView) CaptionID() string { return captionID(v.Table) }

// FilterText names the report's filter, or is blank for all.
func (p *statsPage) FilterText() string {
	if p.Report == nil || p.Report.Filter.Dim == "" {
		return ""
	}
	return filterText(p.L, p.Filters, p.Form.Filter)
}
