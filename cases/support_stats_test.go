package cases_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/stats/sdc"
)

func TestResponseTimeViewProtectsSmallGroups(t *testing.T) {
	w := newSupportWorld(t)
	ctx := context.Background()
	urgent := func(at time.Time, who cases.SupportActor, sector string) cases.SupportRequest {
		in := question("Kysymys")
		in.Urgency, in.Sector = cases.UrgencyToday, sector
		return w.file(t, who, in, at)
	}
	// Twelve urgent requests from the partner on Mondays and Tuesdays of
	// March, each answered after i half-hours of working time; two from
	// the second partner, one of them late.
	for i := range 12 {
		filed := helsinki(2026, 3, 2+7*(i%4)+i/8, 8, 0)
		r := urgent(filed, w.worker, "social_work")
		w.message(t, w.expert, r.ID, cases.KindAnswer, "Vastaus", filed.Add(time.Duration(i+1)*30*time.Minute))
	}
	for i := range 6 { // the hub's own experts ask too
		filed := helsinki(2026, 4, 7+i, 9, 0)
		r := urgent(filed, w.expert2, "health")
		w.message(t, w.expert, r.ID, cases.KindAnswer, "Vastaus", filed.Add(time.Hour))
	}
	quick := urgent(helsinki(2026, 3, 3, 9, 0), w.worker2, "schools")
	w.message(t, w.expert, quick.ID, cases.KindAnswer, "Nopea", helsinki(2026, 3, 3, 10, 0))
	late := urgent(helsinki(2026, 3, 3, 9, 0), w.worker2, "schools")
	w.message(t, w.expert, late.ID, cases.KindAnswer, "Myöhässä", helsinki(2026, 3, 4, 9, 0))
	var report cases.SupportReport
	started := time.Now()
	w.as(t, w.coordinator, func(tx *sqlx.Tx) (err error) {
		tax, _ := w.tools(t, tx)
		report, err = cases.SupportStats(ctx, tx, tax, "fi", 2026, cases.DefaultStatsK, helsinki(2026, 6, 1, 12, 0))
		return err
	})
	t.Logf("the year's view protected and audited in %s", time.Since(started))
	if !report.Safe {
		t.Fatal("the view was withheld")
	}
	total := report.ByUrgency["total"]
	if total.Requests != "20" || report.ByUrgency[cases.UrgencyToday].Requests != "20" || report.ByUrgency[cases.UrgencyNoHurry].Requests != "0" {
		t.Fatalf("requests: total %s, today %s, no hurry %s", total.Requests, report.ByUrgency[cases.UrgencyToday].Requests,
			report.ByUrgency[cases.UrgencyNoHurry].Requests)
	}
	// Of the 12 partner answers, those within 4 h (the first 8) are in
	// target, the hub's 6 too, and one of the second partner's: 15 of 20.
	if total.Decided != "20" || !total.InTarget.Shown || total.InTarget.Value != 15.0/20 {
		t.Fatalf("decided %s, within target %+v", total.Decided, total.InTarget)
	}
	// First responses: 0.5 … 6 h for the partner's, 1 h for the hub's and
	// the second partner's quick one, 8 h (Tue 9 – Wed 9) for the late one:
	// halfway between the 10th and 11th of 20 is 1.75 h.
	if !total.FirstMedian.Shown || total.FirstMedian.Value != 1.75 || !total.FirstP90.Shown {
		t.Fatalf("median first response %+v, want 1.75 h", total.FirstMedian)
	}
	var partner2, partner cases.CountRow
	for _, row := range report.ByOrg {
		switch row.Label {
		case "North partner 2":
			partner2 = row
		case "North partner":
			partner = row
		}
	}
	for i, c := range partner2.Counts {
		if c != sdc.Marker {
			t.Errorf("the second partner's 2 requests: column %d shows %q", i, c)
		}
	}
	if partner.Counts[0] != sdc.Marker && total.Requests != sdc.Marker && report.ByMonth[2].Requests != sdc.Marker {
		t.Errorf("the partner's Q1 %s and the totals are all shown: the second partner's 2 follow by subtraction", partner.Counts[0])
	}
	for _, row := range report.BySector {
		if row.Code == "schools" && row.Counts[4] != sdc.Marker {
			t.Errorf("2 requests from schools shown as %s", row.Counts[4])
		}
	}
	if m := report.ByMonth[0]; m.Requests != "0" || m.FirstMedian.Shown {
		t.Errorf("January: %s requests, median %+v", m.Requests, m.FirstMedian)
	}
}
