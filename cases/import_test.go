package cases_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"neuvo/cases"
)

// visitLog is a spreadsheet as an advice point keeps it: Finnish headers,
// labels instead of codes, a semicolon and Excel's byte-order mark.
const visitLog = "\ufeffPäivä;Klo;Kesto;Kanava;Aiheet;Kieli;Huom\n" +
	"24.11.2026;9.15;20;Puhelin;Lupahakemus, Money, taxes and banking;finska;\n" +
	"2026-11-24;10:30;15;walk_in;permits;en;\"Asked about \"\"Migri\"\"\"\n" +
	";;;;;;\n" +
	"25.11.2026;11.00;30;Chat;Jatkolupa;suomi;\n"

var visitMapping = cases.Mapping{
	Columns: map[string]string{"Päivä": "date", "Klo": "time", "Kesto": "duration_min", "Kanava": "channel",
		"Aiheet": "topics", "Kieli": "service_languages", "Huom": "note"},
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func openSheet(t *testing.T, path string) *cases.Sheet {
	t.Helper()
	s, err := cases.OpenSheet(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// plan binds the mapping for the hub, with its advice point as default.
func (w *caseWorld) plan(t *testing.T, tx *sqlx.Tx, tax *cases.Taxonomy, s *cases.Sheet, m cases.Mapping) *cases.ImportPlan {
	t.Helper()
	points, err := cases.AdvicePoints(context.Background(), tx)
	if err != nil {
		t.Fatal(err)
	}
	m.Defaults = map[string]string{"advice_point": fmt.Sprint(w.point)}
	p, err := cases.NewImportPlan(s.Header, m, tax, points, w.now)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportReadsCSVAndTranslatesLabels(t *testing.T) {
	w := newCaseWorld(t)
	s := openSheet(t, writeFile(t, "log.csv", visitLog))
	if strings.Join(s.Header, "|") != "Päivä|Klo|Kesto|Kanava|Aiheet|Kieli|Huom" {
		t.Fatalf("header %q", s.Header)
	}
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var rows []int
		var got []cases.ContactInput
		err := cases.EachImportRow(s, w.plan(t, tx, tax, s, visitMapping), func(row int, in cases.ContactInput, err error) error {
			if err != nil {
				t.Errorf("row %d: %v", row, err)
			}
			rows, got = append(rows, row), append(got, in)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(rows) != "[2 3 5]" {
			t.Fatalf("rows %v, want the spreadsheet's numbers with the blank row skipped", rows)
		}
		first := got[0]
		if first.Channel != "phone" || strings.Join(first.Topics, ",") != "permit_application,money" ||
			strings.Join(first.ServiceLanguages, ",") != "fi" || first.DurationMin != 20 ||
			!first.StartedAt.Equal(time.Date(2026, 11, 24, 9, 15, 0, 0, cases.Finland)) || first.AdvicePointID != w.point {
			t.Errorf("first row read as %+v", first)
		}
		if got[1].Note != `Asked about "Migri"` || got[1].Channel != "walk_in" {
			t.Errorf("second row read as %+v", got[1])
		}
	})
}

func TestImportReadsWindows1252CSV(t *testing.T) {
	s := openSheet(t, writeFile(t, "ansi.csv", "P\xe4iv\xe4,Kesto\n1.2.2026,5\n"))
	cells, err := s.Next()
	if s.Header[0] != "Päivä" || err != nil || cells[1] != "5" || s.Row() != 2 {
		t.Fatalf("header %q, row %d %q %v", s.Header, s.Row(), cells, err)
	}
}

func TestImportReadsXLSXWithSerialDates(t *testing.T) {
	w := newCaseWorld(t)
	book := excelize.NewFile()
	sheet := book.GetSheetName(0)
	book.SetSheetRow(sheet, "A1", &[]any{"When", "Minutes", "Channel", "Topic", "Topic 2"})
	book.SetSheetRow(sheet, "A2", &[]any{time.Date(2026, 11, 20, 14, 45, 0, 0, time.UTC), 25, "Phone", "permits", "Jatkolupa"})
	book.SetSheetRow(sheet, "A4", &[]any{"2026-11-21 08:00", "10", "chatt", "Lupahakemus"}) // row 3 is empty
	path := filepath.Join(t.TempDir(), "log.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	s := openSheet(t, path)
	m := cases.Mapping{Columns: map[string]string{"When": "started_at", "Minutes": "duration_min", "Channel": "channel",
		"Topic": "topics", "Topic 2": "topics"}}
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		var got []string
		err := cases.EachImportRow(s, w.plan(t, tx, tax, s, m), func(row int, in cases.ContactInput, err error) error {
			if err != nil {
				t.Errorf("row %d: %v", row, err)
			}
			got = append(got, fmt.Sprintf("%d %s %d %s %v", row, in.StartedAt.Format("2006-01-02 15:04"), in.DurationMin, in.Channel, in.Topics))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"2 2026-11-20 14:45 25 phone [permits permit_extension]", "4 2026-11-21 08:00 10 chat [permit_application]"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("read %q", got)
		}
	})
}

func TestImportDryRunReportsRowErrorsAndWritesNothing(t *testing.T) {
	w := newCaseWorld(t)
	body := visitLog + "30.11.2026;10.00;15;Phone;permits;fi;\n" + // future: the world's today is 25.11.
		"20.11.2026;10.00;15;Pigeon post;permits;fi;\n" +
		"20.11.2026;10.00;lots;Phone;;fi;\n"
	s := openSheet(t, writeFile(t, "bad.csv", body))
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		d, err := cases.DryRunImport(s, w.plan(t, tx, tax, s, visitMapping))
		if err != nil {
			t.Fatal(err)
		}
		want := []cases.RowError{{Row: 6, Field: "started_at", Key: "error.future_date"},
			{Row: 7, Field: "channel", Key: "error.unknown_code"},
			{Row: 8, Field: "duration_min", Key: "error.number"}, {Row: 8, Field: "topics", Key: "error.topic_required"}}
		if fmt.Sprint(d.Errors) != fmt.Sprint(want) || d.Rows != 6 || d.Valid != 3 || d.BadRows != 3 || d.ErrorCount != 4 {
			t.Errorf("dry run %+v", d)
		}
		var n int
		tx.Get(&n, `SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM imports)`)
		if n != 0 {
			t.Errorf("a dry run wrote %d rows", n)
		}
	})
}

func TestImportMappingNeedsTheRequiredFields(t *testing.T) {
	err := cases.Mapping{Columns: map[string]string{"A": "note", "B": "channel", "C": "channel"}}.Check([]string{"A", "B", "C"})
	var v *cases.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("check: %v", err)
	}
	for field, key := range map[string]string{"channel": "import.error.twice", "date": "error.required",
		"duration_min": "error.required", "advice_point": "error.required", "topics": "error.required"} {
		if v.For(field) != key {
			t.Errorf("%s: %q, want %q", field, v.For(field), key)
		}
	}
}

func TestImportMappingIsSavedAndReused(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		id, err := cases.SaveImportMapping(ctx, tx, " Desk log ", visitMapping)
		if err != nil {
			t.Fatal(err)
		}
		changed := cases.Mapping{Columns: map[string]string{"Päivä": "date"}, Defaults: map[string]string{"channel": "phone"}}
		again, err := cases.SaveImportMapping(ctx, tx, "Desk log", changed)
		if err != nil || again != id {
			t.Fatalf("saving under the same name: %d %v, want %d", again, err, id)
		}
		got, err := cases.GetImportMapping(ctx, tx, id)
		if err != nil || got.Name != "Desk log" || got.Mapping.FieldFor("Päivä") != "date" || got.Mapping.Defaults["channel"] != "phone" {
			t.Fatalf("read back %+v %v", got, err)
		}
		all, _ := cases.ImportMappings(ctx, tx)
		if len(all) != 1 {
			t.Errorf("%d mappings", len(all))
		}
		if _, err := cases.SaveImportMapping(ctx, tx, "  ", changed); err == nil {
			t.Error("a blank name was accepted")
		}
	})
	other := w.d.NewNetwork(t, "South", "https://idp.example/south")
	w.d.InScope(t, cases.Scope{OrgID: other.HubID}, func(tx *sqlx.Tx) error {
		if all, _ := cases.ImportMappings(ctx, tx); len(all) != 0 {
			t.Errorf("another organisation sees %d mappings", len(all))
		}
		return nil
	})
}

// commit imports a file in its own transaction, as the server's
// background job does.
func (w *caseWorld) commit(t *testing.T, path string, m cases.Mapping) (cases.Import, error) {
	t.Helper()
	ctx := context.Background()
	raw, _ := os.ReadFile(path)
	sum := sha256.Sum256(raw)
	var imp cases.Import
	err := cases.InScope(ctx, w.d.Service, cases.Scope{OrgID: w.n.HubID, UserID: w.adviser}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(ctx, tx)
		if err != nil {
			return err
		}
		s := openSheet(t, path)
		imp, err = cases.CommitImport(ctx, tx, s, w.plan(t, tx, tax, s, m),
			cases.ImportFile{SHA256: sum[:], Name: filepath.Base(path)}, cases.Roles{cases.RoleAdviser}, func(int) {})
		return err
	})
	return imp, err
}

func (w *caseWorld) count(t *testing.T, query string) int {
	var n int
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		if err := tx.Get(&n, query); err != nil {
			t.Fatal(err)
		}
	})
	return n
}

func TestImportCommitsAllRowsOnceOrNothing(t *testing.T) {
	w := newCaseWorld(t)
	bad := writeFile(t, "bad.csv", visitLog+"30.11.2026;10.00;15;Phone;permits;fi;\n")
	var rowErr *cases.ImportRowError
	if _, err := w.commit(t, bad, visitMapping); !errors.As(err, &rowErr) || rowErr.Row != 6 {
		t.Fatalf("commit with a bad row: %v", err)
	}
	if n := w.count(t, `SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM imports)`); n != 0 {
		t.Fatalf("a failed import left %d rows", n)
	}

	good := writeFile(t, "good.csv", visitLog)
	imp, err := w.commit(t, good, visitMapping)
	if err != nil || imp.Rows != 3 {
		t.Fatalf("commit: %+v %v", imp, err)
	}
	if n := w.count(t, fmt.Sprintf(`SELECT count(*) FROM contacts WHERE import_id = %d AND adviser_id = %d
		AND org_id = %d AND advice_point_id = %d`, imp.ID, w.adviser, w.n.HubID, w.point)); n != 3 {
		t.Errorf("%d contacts of the import, want 3", n)
	}
	if n := w.count(t, fmt.Sprintf(`SELECT count(*) FROM audit_events WHERE action = 'contact.import'
		AND record_id = '%d' AND details->>'rows' = '3'`, imp.ID)); n != 1 {
		t.Errorf("%d audit events for the import, want 1", n)
	}
	if n := w.count(t, `SELECT count(*) FROM contacts WHERE note = 'Asked about "Migri"' AND service_languages = '{en}'
		AND participants IS NULL AND client_id IS NULL AND follow_up_on IS NULL AND citizenship = 'unknown'
		AND started_at = '2026-11-24 10:30+02'`); n != 1 {
		t.Error("the second row was not stored as read")
	}
	if _, err := w.commit(t, good, visitMapping); !errors.Is(err, cases.ErrDuplicateImport) {
		t.Errorf("second import of the same file: %v", err)
	}
	renamed := writeFile(t, "renamed.csv", visitLog)
	if _, err := w.commit(t, renamed, visitMapping); !errors.Is(err, cases.ErrDuplicateImport) {
		t.Errorf("the same file under another name: %v", err)
	}
	w.as(t, w.adviser, func(tx *sqlx.Tx, _ *cases.Taxonomy) {
		sum := sha256.Sum256([]byte(visitLog))
		found, err := cases.FindImport(context.Background(), tx, sum[:])
		if err != nil || found.Rows != 3 || found.FileName != "good.csv" {
			t.Errorf("find import: %+v %v", found, err)
		}
	})
	if n := w.count(t, `SELECT count(*) FROM contacts`); n != 3 {
		t.Errorf("%d contacts after refused repeats, want 3", n)
	}
}

// TestImportReaderKeepsOneRowInMemory reads a 50,000-row, 15 MB file and
// checks that the live heap does not grow with it: rows are handed over
// one at a time and never collected.
func TestImportReaderKeepsOneRowInMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "date;time;duration;channel;topics;note")
	note := strings.Repeat("x", 250)
	for i := 0; i < 50_000; i++ {
		fmt.Fprintf(f, "1.%d.2026;10:%02d;15;phone;permits;%s %d\n", i%12+1, i%60, note, i)
	}
	f.Close()
	s := openSheet(t, path)
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before, peak, rows := heap(), uint64(0), 0
	for {
		_, err := s.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if rows++; rows%10_000 == 0 {
			peak = max(peak, heap())
		}
	}
	if rows != 50_000 {
		t.Fatalf("%d rows", rows)
	}
	if grown := int64(peak) - int64(before); grown > 2<<20 {
		t.Errorf("live heap grew by %d bytes while reading a 15 MB file", grown)
	}
}

func TestImportStoresGroupSessionsAndFollowUps(t *testing.T) {
	w := newCaseWorld(t)
	path := writeFile(t, "groups.csv", "Päivä,Kesto,Kanava,Aiheet,Laji,Osallistujia,Tulos,Seuranta,Kansalaisuus\n"+
		"24.11.2026,60,walk_in,permits,group_session,12,follow_up_planned,1.12.2026,Somalia\n")
	m := cases.Mapping{Columns: map[string]string{"Päivä": "date", "Kesto": "duration_min", "Kanava": "channel",
		"Aiheet": "topics", "Laji": "kind", "Osallistujia": "participants", "Tulos": "outcome", "Seuranta": "follow_up_on",
		"Kansalaisuus": "citizenship"}}
	if _, err := w.commit(t, path, m); err != nil {
		t.Fatal(err)
	}
	if n := w.count(t, `SELECT count(*) FROM contacts c JOIN follow_ups f ON f.contact_id = c.id
		WHERE c.kind = 'group_session' AND c.participants = 12 AND c.follow_up_on = '2026-12-01'
		AND f.due_on = '2026-12-01' AND c.citizenship = 'SO' AND c.country_group <> 'unknown'`); n != 1 {
		t.Error("the group session, its follow-up or its country group was not stored")
	}
}
