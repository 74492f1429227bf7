package server

import (
	"bytes"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// The fuzz targets feed the decoders and parsers of every input path
// whatever bytes come, and hold three properties: nothing panics; every
// error is a validation error or not-found, which the API and the pages
// answer with a 4xx (checked by answering it); and what is accepted can be
// stored: its texts are valid UTF-8 without NUL, its lists are within
// their limits and its numbers fit their columns. `make test` runs each
// target for a few seconds after the normal tests.

var fuzzNow = time.Date(2026, 11, 25, 12, 0, 0, 0, cases.Finland)

func fuzzTaxonomy(f *testing.F) *cases.Taxonomy {
	tax, err := cases.StandardTaxonomy()
	if err != nil {
		f.Fatal(err)
	}
	return tax
}

// requireHandled answers err as the API does and fails on a 5xx. nil is
// fine; the caller checks what was accepted.
func requireHandled(t *testing.T, s *Server, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var v *cases.ValidationError
	if !errors.As(err, &v) && !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("an error that is neither a validation error nor not-found: %v", err)
	}
	c, rec := testContext(http.MethodGet, "/api/v1/x", "", "")
	s.apiFail(c, err)
	if rec.Code >= 500 {
		t.Fatalf("answered %d to %v", rec.Code, err)
	}
}

func testContext(method, target, contentType, body string) (*gin.Context, *httptest.ResponseRecorder) {
	rec := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(rec)
	c.Request = httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		c.Request.Header.Set("Content-Type", contentType)
	}
	return c, rec
}

// requireStorable walks an accepted input and fails on text PostgreSQL
// refuses, an unbounded list or an int that overflows an integer column.
func requireStorable(t *testing.T, input any) {
	t.Helper()
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if !cases.Storable(v.String()) {
				t.Fatalf("%s = %q was accepted and cannot be stored", path, v.String())
			}
		case reflect.Int:
			if v.Int() < math.MinInt32 || v.Int() > math.MaxInt32 {
				t.Fatalf("%s = %d was accepted and overflows an integer column", path, v.Int())
			}
		case reflect.Slice:
			if v.Len() > cases.MaxTopics {
				t.Fatalf("%s holds %d values", path, v.Len())
			}
			for i := range v.Len() {
				walk(path, v.Index(i))
			}
		case reflect.Map:
			for _, key := range v.MapKeys() {
				walk(path+" key", key)
				walk(path+"["+key.String()+"]", v.MapIndex(key))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			if _, isTime := v.Interface().(time.Time); isTime {
				return
			}
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		}
	}
	walk(reflect.TypeOf(input).String(), reflect.ValueOf(input))
}

// FuzzAPIDecoders: the JSON bodies of contacts, clients, taxonomy items
// and deletions, decoded as the API decodes them and validated as the
// domain validates them.
func FuzzAPIDecoders(f *testing.F) {
	tax, s := fuzzTaxonomy(f), bareServer(f, "http://localhost:8080")
	f.Add(uint8(0), []byte(walkInJSON(3, `,"service_languages":["fi","fi","sv"],"follow_up_on":"2027-01-05","outcome":"follow_up_planned"`)))
	f.Add(uint8(0), []byte(`{"advice_point_id":99999999999999999999,"topics":["a\u0000"],"note":"\u0000","duration_min":99999999999}`))
	f.Add(uint8(1), []byte(`{"name":"Ali \u0000","status":"bogus","birth_year":99999999999,"email":"a@b"}`))
	f.Add(uint8(2), []byte(`{"code":"new_topic","label_fi":"a","label_sv":"b","label_en":"c","sort":99999999999}`))
	f.Add(uint8(3), []byte(`{"reason":"\u0000"}`))
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		switch kind % 4 {
		case 0:
			var doc contactDoc
			if decodeStrict(bytes.NewReader(body), &doc) != nil {
				return // a 400 naming the field or the malformed document
			}
			in, parsed := doc.input(cases.NewIdempotencyKey())
			err := validationErrors(parsed.Err(), in.Validate(tax, fuzzNow, nil))
			if requireHandled(t, s, err); err == nil {
				requireStorable(t, in)
			}
		case 1:
			var doc clientDoc
			if decodeStrict(bytes.NewReader(body), &doc) != nil {
				return
			}
			in, err := doc.input(cases.NewIdempotencyKey())
			err = validationErrors(err, in.Validate(tax, fuzzNow))
			if requireHandled(t, s, err); err == nil {
				requireStorable(t, in)
			}
		case 2:
			var doc taxonomyItemDoc
			if decodeStrict(bytes.NewReader(body), &doc) != nil {
				return
			}
			in := cases.TaxonomyItemInput{Code: doc.Code, Parent: doc.Parent, LabelFI: doc.LabelFI, LabelSV: doc.LabelSV,
				LabelEN: doc.LabelEN, Sort: doc.Sort, Retired: doc.Retired}
			err := in.Validate(true)
			if requireHandled(t, s, err); err == nil {
				requireStorable(t, in)
			}
		case 3:
			var doc deleteDoc
			if decodeStrict(bytes.NewReader(body), &doc) != nil {
				return
			}
			reason, err := cases.DeleteReason(doc.Reason)
			if requireHandled(t, s, err); err == nil {
				requireStorable(t, reason)
			}
		}
	})
}

// FuzzFormParsers: url-encoded bodies of every form that writes, read as
// its handler reads them and validated as the domain validates them.
func FuzzFormParsers(f *testing.F) {
	tax, s := fuzzTaxonomy(f), bareServer(f, "http://localhost:8080")
	f.Add(uint8(0), "date=2026-11-25&time=09:15&duration_min=20&advice_point=3&channel=walk_in&topics=permits&topics=permits")
	f.Add(uint8(0), "date=2026-11-25&time=09:15&duration_min=99999999999&advice_point=99999999999999999999&topics=%00&note=%FF")
	f.Add(uint8(1), "name=%00&birth_year=99999999999&household_size=-1&email=x")
	f.Add(uint8(2), "name=Org&client_id=%00&role_map=a%00=admin&contact_edit_days=99999999999&issuer=https://x.example")
	f.Add(uint8(3), "name=Desk%00&kind=office&address=%FF")
	f.Add(uint8(4), "code=new_item&label_fi=a&label_sv=b&label_en=c&sort=99999999999")
	f.Add(uint8(5), "subject=%00&name=%FF&email=a@b&roles=adviser&roles=admin")
	f.Add(uint8(6), "reason=%00")
	f.Add(uint8(7), "col=date&col=topics&default_channel=%00&default_duration_min=15&mapping_name=%00")
	f.Fuzz(func(t *testing.T, kind uint8, form string) {
		c, _ := testContext(http.MethodPost, "/", "application/x-www-form-urlencoded", form)
		var accepted any
		var err error
		switch kind % 8 {
		case 0:
			in, parsed := readContactForm(c).input(0)
			err = validationErrors(parsed.Err(), in.Validate(tax, fuzzNow, nil))
			accepted = in
		case 1:
			in, _ := readClientForm(c)
			err = in.Validate(tax, fuzzNow)
			accepted = in
		case 2:
			in := organisationInput(c)
			_, err = in.Validate()
			accepted = in
		case 3:
			in := advicePointInput(c)
			err = in.Validate()
			accepted = in
		case 4:
			in, parsed := taxonomyInput(c)
			err = validationErrors(parsed.Err(), in.Validate(true))
			accepted = in
		case 5:
			if _, ok := formRoles(c); !ok {
				return // a tampered role list: 400
			}
			in := cases.LoginIdentity{Issuer: "https://idp.example", Subject: c.PostForm("subject"),
				Name: c.PostForm("name"), Email: c.PostForm("email")}
			err = in.Validate()
			accepted = in
		case 6:
			accepted, err = cases.DeleteReason(c.PostForm("reason"))
		case 7:
			header := []string{"Päivä", "Aiheet"}
			m, readErr := readMapping(c, header)
			if readErr != nil {
				return // the column selects do not match the file: 400
			}
			_, err = cases.MappingName(c.PostForm("mapping_name"))
			err = validationErrors(err, m.Check(header))
			accepted = m
		}
		if requireHandled(t, s, err); err == nil {
			requireStorable(t, accepted)
		}
	})
}

// FuzzListQueries: the query strings of the contact lists (API and page)
// and the client list, cursors included.
func FuzzListQueries(f *testing.F) {
	s := bareServer(f, "http://localhost:8080")
	who := &actor{User: cases.User{ID: 7}}
	f.Add(uint8(0), "adviser_id=99999999999999999999&order=sideways&sort=duration_min&limit=5")
	f.Add(uint8(0), "channel=%00&topic=%FF&mine=true&from=0000-01-01&to=9999-12-31")
	f.Add(uint8(0), "sort=duration_min&cursor=ZHVyYXRpb25fbWlufDk5OTk5OTk5OTk5fDU")
	f.Add(uint8(1), "scope=org&adviser=99999999999999999999&dir=sideways&sort=bogus&channel=%00")
	f.Add(uint8(1), "scope=point&point=-1&cursor=garbage")
	f.Add(uint8(2), "status=bogus&limit=0&cursor=zzzzzzzzzzzzzz")
	f.Add(uint8(2), "cursor=zzzzzz")
	f.Fuzz(func(t *testing.T, kind uint8, query string) {
		req, err := http.NewRequest(http.MethodGet, "http://localhost/?"+query, nil)
		if err != nil {
			return // not a URL a request line can carry
		}
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = req
		c.Set(keyActor, who)
		var accepted any
		var v *cases.ValidationError
		switch kind % 3 {
		case 0:
			accepted, v = apiContactFilter(c)
		case 1:
			page := contactListPage{Scope: c.DefaultQuery("scope", "mine"), Channel: c.Query("channel"), Topic: c.Query("topic"),
				Adviser: c.Query("adviser"), Point: c.Query("point"), From: c.Query("from"), To: c.Query("to"),
				Sort: c.DefaultQuery("sort", "started_at"), Dir: c.DefaultQuery("dir", "desc")}
			accepted, v = s.contactFilter(c, who, &page)
		case 2:
			status, limit, parsed := apiClientListParams(c)
			accepted, v = struct {
				Status string
				Limit  int
			}{status, limit}, parsed
		}
		if err := v.Err(); err != nil {
			requireHandled(t, s, err)
			return
		}
		requireStorable(t, accepted)
		if f, ok := accepted.(cases.ContactFilter); ok && f.Validate() != nil {
			t.Fatalf("an accepted filter fails its own check: %v", f.Validate())
		}
	})
}
