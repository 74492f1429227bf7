package server

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// contactListPage is the list with its filters as typed.
type contactListPage struct {
	Scope, From, To, Channel, Topic, Adviser, Sort, Dir string
	Page                                                cases.ContactPage
	Tax                                                 *cases.Taxonomy
	Lang                                                string
	Users                                               []cases.User
	Points                                              []cases.AdvicePoint
	Point                                               string
	Query                                               url.Values
	Errors                                              *cases.ValidationError
	Deleted                                             bool
}

// Label names a code in the page's language.
func (p contactListPage) Label(kind, code string) string { return p.Tax.Label(kind, code, p.Lang) }

// NextURL keeps the filters and moves the cursor.
func (p contactListPage) NextURL() string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	q.Set("cursor", p.Page.Next)
	return "/contacts?" + q.Encode()
}

// SortURL sorts by a column, flipping the direction when it already is.
func (p contactListPage) SortURL(column string) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	q.Del("cursor")
	dir := "desc"
	if p.Sort == column && p.Dir == "desc" {
		dir = "asc"
	}
	q.Set("sort", column)
	q.Set("dir", dir)
	return "/contacts?" + q.Encode()
}

// Options lists a taxonomy's items for the filters.
func (p contactListPage) Options(kind string) []cases.TaxonomyItem { return p.Tax.All(kind) }

func (s *Server) contactList(c *gin.Context) {
	who := currentActor(c)
	ctx, tx := c.Request.Context(), requestTx(c)
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	page := contactListPage{Scope: c.DefaultQuery("scope", "mine"), From: c.Query("from"), To: c.Query("to"),
		Channel: c.Query("channel"), Topic: c.Query("topic"), Adviser: c.Query("adviser"), Point: c.Query("point"),
		Sort: c.DefaultQuery("sort", "started_at"), Dir: c.DefaultQuery("dir", "desc"), Tax: tax, Lang: s.lang(c).Code,
		Query: c.Request.URL.Query(), Deleted: c.Query("deleted") != ""}
	page.Query.Del("cursor")
	page.Query.Del("deleted")
	filter, v := s.contactFilter(c, who, &page)
	status := http.StatusOK
	if v.Err() == nil {
		page.Page, err = cases.ListContacts(ctx, tx, who.Roles, filter)
		if err != nil && !s.formFailed(c, err, &page.Errors) {
			s.fail(c, err)
			return
		}
	} else {
		page.Errors = v
	}
	if page.Errors != nil {
		status = http.StatusBadRequest // the list is empty, the filter shows why
	}
	if page.Users, err = cases.Users(ctx, tx); err == nil {
		page.Points, err = cases.AdvicePoints(ctx, tx)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "contacts", "contact.list", page)
}

// contactFilter reads the list's query; as in the API, what does not parse
// or names no choice is refused next to its filter, never read as the
// default.
func (s *Server) contactFilter(c *gin.Context, who *actor, p *contactListPage) (cases.ContactFilter, *cases.ValidationError) {
	v := &cases.ValidationError{}
	p.Scope = v.Choice("scope", p.Scope, "mine", "mine", "point", "org")
	p.Sort = v.Choice("sort", p.Sort, "started_at", "started_at", "duration_min")
	p.Dir = v.Choice("dir", p.Dir, "desc", "asc", "desc")
	f := cases.ContactFilter{Channel: p.Channel, Topic: p.Topic, Sort: p.Sort, Ascending: p.Dir == "asc",
		Cursor: c.Query("cursor"), Limit: cases.DefaultPageSize}
	switch p.Scope {
	case "point":
		f.AdvicePointID = v.ID("point", p.Point)
	case "org":
		f.AdviserID = v.ID("adviser", p.Adviser)
	default:
		f.AdviserID = who.User.ID
	}
	today := s.now().In(cases.Finland)
	if p.From == "" && p.To == "" {
		p.From = today.AddDate(0, 0, -30).Format("2006-01-02")
	}
	f.From = parseDay(v, "from", p.From)
	if to := parseDay(v, "to", p.To); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	v.Merge(f.Validate())
	return f, v
}

func parseDay(v *cases.ValidationError, field, raw string) time.Time {
	if raw == "" {
		return time.Time{}
	}
	d, err := time.ParseInLocation("2006-01-02", raw, cases.Finland)
	if err != nil {
		v.Add(field, "error.date")
	}
	return d
}
