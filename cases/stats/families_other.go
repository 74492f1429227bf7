package stats

import (
	"strconv"

	"neuvo/cases/stats/sdc"
)

// clientFamily holds unique clients per period, which do not add up over
// time (a client of March and of April is one client of the quarter), and
// new clients, which do.
func clientFamily(data *yearData) *famBuilder {
	b := newFamBuilder("clients")
	for _, p := range periodCodes() {
		b.cell(cellKey(p, "measure=unique_clients"), amounts{N: data.clients[[2]string{p, "unique"}]})
	}
	var monthly [13]amounts
	for m := 1; m <= 12; m++ {
		monthly[m].N = data.clients[[2]string{periodCode(sdc.Month(m)), "new"}]
	}
	b.series(monthly, "measure=new_clients")
	b.timeSums("measure=new_clients")
	return b
}

// consultationFamily is the cross-table of consultations by partner
// municipality and status, every period, with totals: the booked total is
// the sum of the statuses.
func consultationFamily(partners []int64, data *yearData) *famBuilder {
	b := newFamBuilder("consultations")
	residents := []string{""}
	for _, p := range partners {
		residents = append(residents, strconv.FormatInt(p, 10))
	}
	statuses := append([]string{""}, consultationStatuses...)
	for _, r := range residents {
		for _, s := range statuses {
			var monthly [13]amounts
			for l, n := range data.consults {
				if (r == "" || l.Resident == r) && (s == "" || l.Status == s) {
					monthly[l.Month].N += n
				}
			}
			b.series(monthly, consultConds(r, s)...)
			b.timeSums(consultConds(r, s)...)
		}
	}
	for _, p := range periodCodes() {
		for _, r := range residents {
			var parts []string
			for _, s := range consultationStatuses {
				parts = append(parts, cellKey(p, consultConds(r, s)...))
			}
			b.sum(cellKey(p, consultConds(r, "")...), parts, true)
		}
		for _, s := range statuses {
			var parts []string
			for _, r := range residents[1:] {
				parts = append(parts, cellKey(p, consultConds(r, s)...))
			}
			b.sum(cellKey(p, consultConds("", s)...), parts, true)
		}
	}
	return b
}

func consultConds(resident, status string) []string {
	out := []string{"measure=consultations"}
	if resident != "" {
		out = append(out, cond("partner", resident))
	}
	if status != "" {
		out = append(out, cond("status", status))
	}
	return out
}
