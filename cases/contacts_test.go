package cases_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
	"neuvo/cases/dbtest"
)

// caseWorld is a network with an advice point and users in the hub.
type caseWorld struct {
	d       *dbtest.DB
	n       dbtest.Network
	point   int64
	adviser int64
	other   int64
	manager int64
	now     time.Time
}

func newCaseWorld(t *testing.T) *caseWorld {
	d := dbtest.New(t)
	w := &caseWorld{d: d, n: d.NewNetwork(t, "North", "https://idp.example/north"),
		now: time.Date(2026, 11, 25, 12, 0, 0, 0, cases.Finland)}
	w.point = addPoint(t, d, w.n.HubID, "Desk")
	w.adviser = d.NewUser(t, w.n.HubID, "https://idp.example/north/hub", "adviser", cases.RoleAdviser)
	w.other = d.NewUser(t, w.n.HubID, "https://idp.example/north/hub", "other", cases.RoleAdviser)
	w.manager = d.NewUser(t, w.n.HubID, "https://idp.example/north/hub", "manager", cases.RoleManager)
	return w
}

// as runs fn as a user of the hub with the network's taxonomy loaded.
func (w *caseWorld) as(t *testing.T, user int64, fn func(tx *sqlx.Tx, tax *cases.Taxonomy)) {
	t.Helper()
	w.d.InScope(t, cases.Scope{OrgID: w.n.HubID, UserID: user}, func(tx *sqlx.Tx) error {
		tax, err := cases.LoadTaxonomy(context.Background(), tx)
		if err != nil {
			return err
		}
		fn(tx, tax)
		return nil
	})
}

func (w *caseWorld) walkIn(tax *cases.Taxonomy) cases.ContactInput {
	topics := tax.Active("topic")
	return cases.ContactInput{AdvicePointID: w.point, StartedAt: w.now.Add(-time.Hour), DurationMin: 20,
		Channel: "walk_in", Kind: "advice", ServiceLanguages: []string{"fi"}, Interpreter: "on_site",
		Topics: []string{topics[0].Code, topics[len(topics)-1].Code}}
}

func TestStandardTaxonomyIsSeeded(t *testing.T) {
	w := newCaseWorld(t)
	w.as(t, w.adviser, func(_ *sqlx.Tx, tax *cases.Taxonomy) {
		for _, kind := range []string{"channel", "topic", "language", "country", "municipality", "residence_basis", "outcome"} {
			if len(tax.Active(kind)) == 0 {
				t.Errorf("no %s items", kind)
			}
		}
		if item, ok := tax.Item("municipality", "426"); !ok || item.LabelFI != "Liperi" {
			t.Errorf("municipality 426: %+v", item)
		}
	})
}

func TestCreateContactIsIdempotent(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		in := w.walkIn(tax)
		in.IdempotencyKey = cases.NewIdempotencyKey()
		first, created, err := cases.CreateContact(ctx, tx, tax, nil, in, w.now)
		if err != nil || !created {
			t.Fatalf("first create: %v %v", created, err)
		}
		again, created, err := cases.CreateContact(ctx, tx, tax, nil, in, w.now)
		if err != nil || created || again != first {
			t.Fatalf("retry: id %d (first %d), created %v, %v", again, first, created, err)
		}
		var rows int
		tx.Get(&rows, `SELECT count(*) FROM contacts`)
		if rows != 1 {
			t.Fatalf("%d contacts after a retried create", rows)
		}
	})
}

func TestCreateClientIsIdempotent(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		in := cases.ClientInput{IdempotencyKey: cases.NewIdempotencyKey(), BirthYear: 1985}
		first, created, err := cases.CreateClient(ctx, tx, tax, nil, in, w.now)
		if err != nil || !created {
			t.Fatalf("first create: %v %v", created, err)
		}
		again, created, err := cases.CreateClient(ctx, tx, tax, nil, in, w.now)
		if err != nil || created || again.ID != first.ID || again.Code != first.Code {
			t.Fatalf("retry: %+v (first %+v), created %v, %v", again, first, created, err)
		}
		other, created, err := cases.CreateClient(ctx, tx, tax, nil, cases.ClientInput{}, w.now)
		if err != nil || !created || other.ID == first.ID {
			t.Fatalf("a create without a key: %+v, created %v, %v", other, created, err)
		}
		var rows int
		tx.Get(&rows, `SELECT count(*) FROM clients`)
		if rows != 2 {
			t.Fatalf("%d clients, want 2", rows)
		}
	})
}

func TestContactValidationNamesEachProblem(t *testing.T) {
	w := newCaseWorld(t)
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		cases_ := map[string]func(in *cases.ContactInput){
			"started_at:error.future_date":      func(in *cases.ContactInput) { in.StartedAt = w.now.AddDate(0, 0, 1) },
			"duration_min:error.duration_max":   func(in *cases.ContactInput) { in.DurationMin = 481 },
			"topics:error.unknown_code":         func(in *cases.ContactInput) { in.Topics = []string{"no_such_topic"} },
			"channel:error.unknown_code":        func(in *cases.ContactInput) { in.Channel = "pigeon" },
			"participants:error.participants":   func(in *cases.ContactInput) { in.Kind = "group_session" },
			"topics:error.topic_required":       func(in *cases.ContactInput) { in.Topics = nil },
			"citizenship:error.unknown_code":    func(in *cases.ContactInput) { in.Citizenship = "QQ" },
			"follow_up_on:error.follow_up_date": func(in *cases.ContactInput) { in.Outcome = "follow_up_planned" },
		}
		for want, change := range cases_ {
			in := w.walkIn(tax)
			change(&in)
			_, _, err := cases.CreateContact(context.Background(), tx, tax, nil, in, w.now)
			var v *cases.ValidationError
			if !errors.As(err, &v) || v.Fields[0].Field+":"+v.Fields[0].Key != want {
				t.Errorf("want %s, got %v", want, err)
			}
		}
		in := w.walkIn(tax)
		in.StartedAt = time.Date(2026, 11, 25, 23, 30, 0, 0, cases.Finland)
		if _, _, err := cases.CreateContact(context.Background(), tx, tax, nil, in, w.now); err != nil {
			t.Errorf("later today is allowed: %v", err)
		}
	})
}

func TestProfileDefaultsToUnknown(t *testing.T) {
	w := newCaseWorld(t)
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		id, _, err := cases.CreateContact(context.Background(), tx, tax, nil, w.walkIn(tax), w.now)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := cases.GetContact(context.Background(), tx, nil, id)
		if c.AgeBand != "unknown" || c.Gender != "unknown" || c.Citizenship != "unknown" || c.ResidenceBasis != "unknown" {
			t.Fatalf("profile defaults: %+v", c)
		}
	})
}

func TestEditWindowAndManagerCorrection(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	var id int64
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		id, _, _ = cases.CreateContact(ctx, tx, tax, nil, w.walkIn(tax), w.now)
		in := w.walkIn(tax)
		in.DurationMin = 30
		if err := cases.UpdateContact(ctx, tx, tax, cases.Roles{cases.RoleAdviser}, w.adviser, id, in, w.now.Add(time.Hour)); err != nil {
			t.Fatalf("own contact within the window: %v", err)
		}
		if err := cases.UpdateContact(ctx, tx, tax, cases.Roles{cases.RoleAdviser}, w.adviser, id, in, time.Now().AddDate(0, 0, 15)); !errors.Is(err, cases.ErrEditWindowClosed) {
			t.Fatalf("after 15 days: %v, want the edit window error", err)
		}
	})
	w.as(t, w.other, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		if err := cases.UpdateContact(ctx, tx, tax, cases.Roles{cases.RoleAdviser}, w.other, id, w.walkIn(tax), w.now); !errors.Is(err, cases.ErrForbidden) {
			t.Fatalf("another adviser: %v, want ErrForbidden", err)
		}
	})
	w.as(t, w.manager, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		if err := cases.UpdateContact(ctx, tx, tax, cases.Roles{cases.RoleManager}, w.manager, id, w.walkIn(tax), time.Now().AddDate(0, 1, 0)); err != nil {
			t.Fatalf("manager correcting after a month: %v", err)
		}
	})
}

func TestSoftDeleteLeavesListsAndIsAudited(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		id, _, _ := cases.CreateContact(ctx, tx, tax, nil, w.walkIn(tax), w.now)
		roles := cases.Roles{cases.RoleAdviser}
		var v *cases.ValidationError
		if err := cases.DeleteContact(ctx, tx, roles, w.adviser, id, " ", w.now); !errors.As(err, &v) {
			t.Fatalf("delete without a reason: %v", err)
		}
		if err := cases.DeleteContact(ctx, tx, roles, w.adviser, id, "recorded twice", w.now); err != nil {
			t.Fatal(err)
		}
		page, _ := cases.ListContacts(ctx, tx, adviserRoles, cases.ContactFilter{})
		if len(page.Contacts) != 0 {
			t.Fatal("a deleted contact is still listed")
		}
		var audited int
		tx.Get(&audited, `SELECT count(*) FROM audit_events WHERE action = 'contact.delete' AND record_id = $1`, idText(id))
		if audited != 1 {
			t.Fatalf("%d delete audit events", audited)
		}
	})
}

func TestRetiredItemsStayValidOnOldRecordsOnly(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	var id int64
	var topic string
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		in := w.walkIn(tax)
		topic = in.Topics[0]
		id, _, _ = cases.CreateContact(ctx, tx, tax, nil, in, w.now)
	})
	w.d.InScope(t, cases.Scope{OrgID: w.n.HubID}, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`UPDATE taxonomy_items SET retired_at = now() WHERE kind = 'topic' AND code = $1`, topic)
		return err
	})
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		for _, item := range tax.Active("topic") {
			if item.Code == topic {
				t.Fatal("a retired topic is offered for new entries")
			}
		}
		in := w.walkIn(tax)
		in.Topics = []string{topic}
		if _, _, err := cases.CreateContact(ctx, tx, tax, nil, in, w.now); err == nil {
			t.Fatal("a new contact accepted a retired topic")
		}
		in.DurationMin = 25
		if err := cases.UpdateContact(ctx, tx, tax, cases.Roles{cases.RoleAdviser}, w.adviser, id, in, w.now); err != nil {
			t.Fatalf("editing an old contact that has the retired topic: %v", err)
		}
	})
}

func TestClientFileOpeningIsAuditedOnce(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		client, _, err := cases.CreateClient(ctx, tx, tax, nil, cases.ClientInput{Name: "Test Person", BirthYear: 1990,
			Profile: cases.Profile{Citizenship: "SY", AgeBand: "30_54"}}, w.now)
		if err != nil {
			t.Fatal(err)
		}
		in := client.ContactDefaults()
		walk := w.walkIn(tax)
		in.AdvicePointID, in.StartedAt, in.DurationMin, in.Channel, in.Topics = walk.AdvicePointID, walk.StartedAt, 15, "walk_in", walk.Topics
		if _, _, err := cases.CreateContact(ctx, tx, tax, nil, in, w.now); err != nil {
			t.Fatal(err)
		}
		var before int
		tx.Get(&before, `SELECT count(*) FROM audit_events WHERE action = 'client.view'`)
		file, err := cases.OpenClientFile(ctx, tx, adviserRoles, client.ID, cases.Purpose{Code: "follow_up"})
		if err != nil || len(file.Contacts) != 1 || file.Contacts[0].Citizenship != "SY" {
			t.Fatalf("file: %+v %v", file, err)
		}
		var after int
		tx.Get(&after, `SELECT count(*) FROM audit_events WHERE action = 'client.view' AND purpose = 'follow_up'`)
		if after-before != 1 {
			t.Fatalf("opening a client file wrote %d audit events, want 1", after-before)
		}
		var group string
		tx.Get(&group, `SELECT country_group FROM contacts`)
		if group != "mena" {
			t.Fatalf("citizenship SY stored with country group %q", group)
		}
	})
}

func TestContactsOfAnotherOrganisationAreInvisible(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	var id, clientID int64
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		id, _, _ = cases.CreateContact(ctx, tx, tax, nil, w.walkIn(tax), w.now)
		c, _, _ := cases.CreateClient(ctx, tx, tax, nil, cases.ClientInput{}, w.now)
		clientID = c.ID
	})
	partnerUser := w.d.NewUser(t, w.n.PartnerID, "https://idp.example/north/partner", "p", cases.RoleAdviser)
	partnerPoint := addPoint(t, w.d, w.n.PartnerID, "Partner desk")
	w.d.InScope(t, cases.Scope{OrgID: w.n.PartnerID, UserID: partnerUser}, func(tx *sqlx.Tx) error {
		if _, err := cases.GetContact(ctx, tx, nil, id); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("another organisation's contact: %v", err)
		}
		if _, err := cases.GetClient(ctx, tx, clientID); !errors.Is(err, cases.ErrNotFound) {
			t.Errorf("another organisation's client: %v", err)
		}
		return nil
	})
	tx := w.d.Service.MustBegin()
	defer tx.Rollback()
	cases.SetScope(ctx, tx, cases.Scope{OrgID: w.n.PartnerID, UserID: partnerUser})
	tax, _ := cases.LoadTaxonomy(ctx, tx)
	in := w.walkIn(tax)
	in.AdvicePointID, in.ClientID = partnerPoint, clientID
	var v *cases.ValidationError
	if _, _, err := cases.CreateContact(ctx, tx, tax, nil, in, w.now); !errors.As(err, &v) || v.Fields[0].Field != "client" {
		t.Errorf("linking another organisation's client: %v", err)
	}
}

func TestCursorPagingVisitsEveryContactOnce(t *testing.T) {
	w := newCaseWorld(t)
	ctx := context.Background()
	w.as(t, w.adviser, func(tx *sqlx.Tx, tax *cases.Taxonomy) {
		for i := range 23 {
			in := w.walkIn(tax)
			in.StartedAt = w.now.Add(-time.Duration(i%5) * time.Hour)
			in.DurationMin = 5 + i%3
			cases.CreateContact(ctx, tx, tax, nil, in, w.now)
		}
		for _, sort := range []string{"started_at", "duration_min"} {
			seen := map[int64]bool{}
			f := cases.ContactFilter{Sort: sort, Limit: 5}
			for {
				page, err := cases.ListContacts(ctx, tx, adviserRoles, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range page.Contacts {
					if seen[c.ID] {
						t.Fatalf("%s: contact %d twice", sort, c.ID)
					}
					seen[c.ID] = true
				}
				if page.Next == "" {
					break
				}
				f.Cursor = page.Next
			}
			if len(seen) != 23 {
				t.Fatalf("%s: saw %d of 23", sort, len(seen))
			}
		}
		if _, err := cases.ListContacts(ctx, tx, adviserRoles, cases.ContactFilter{Cursor: "garbage"}); err == nil {
			t.Fatal("a garbage cursor was accepted")
		}
	})
}

func idText(id int64) string { return strconv.FormatInt(id, 10) }
