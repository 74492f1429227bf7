package server

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"neuvo/cases"
)

// answersWithin is what "the service keeps answering" means in these
// tests: a page or API read of another user comes back 200 within it.
const answersWithin = time.Second

// slowClient sends a request whose body trickles in a byte at a time, as
// over a bad mobile link, until release is closed; then it sends the rest
// and reports the status of the answer.
func (h *harness) slowClient(method, path string, headers map[string]string, body string, release <-chan struct{}) <-chan int {
	status := make(chan int, 1)
	go func() {
		defer close(status)
		conn, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://"))
		if err != nil {
			return
		}
		defer conn.Close()
		fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", method, path, strings.TrimPrefix(h.base, "http://"), len(body))
		for k, v := range headers {
			fmt.Fprintf(conn, "%s: %s\r\n", k, v)
		}
		fmt.Fprint(conn, "\r\n")
		sent := 0
	trickle:
		for ; sent < len(body)-1; sent++ {
			select {
			case <-release:
				break trickle
			case <-time.After(20 * time.Millisecond):
				conn.Write([]byte{body[sent]})
			}
		}
		conn.Write([]byte(body[sent:]))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err == nil {
			resp.Body.Close()
			status <- resp.StatusCode
		}
	}()
	return status
}

// quickGet asserts a read answers 200 within answersWithin.
func (h *harness) quickGet(b *http.Client, path string) {
	h.t.Helper()
	fast := *b
	fast.Timeout = 3 * answersWithin
	start := time.Now()
	resp, err := fast.Get(h.base + path)
	if err != nil {
		h.t.Fatalf("GET %s while others are slow or blocked: %v", path, err)
	}
	resp.Body.Close()
	if took := time.Since(start); resp.StatusCode != http.StatusOK || took > answersWithin {
		h.t.Fatalf("GET %s: %d after %v, want 200 within %v", path, resp.StatusCode, took, answersWithin)
	}
}

func tightHarness(t *testing.T, tune func(*harnessOptions)) *harness {
	opts := defaultHarness
	opts.poolSize = 4
	tune(&opts)
	return newHarnessWith(t, opts)
}

// TestSlowBodiesDoNotHoldDatabaseConnections: three times as many
// logged-in clients as the pool has connections send their bodies a byte
// at a time; another user's pages and API reads keep answering, and the
// slow clients' contacts are saved once their bodies arrive.
func TestSlowBodiesDoNotHoldDatabaseConnections(t *testing.T) {
	h := tightHarness(t, func(o *harnessOptions) { o.limits.PoolWait = time.Second })
	point := h.addPoint(h.orgs["hub"], "Desk")
	adviser := h.login("hub", "hub-adviser")
	manager := h.login("hub", "hub-manager")
	session := "neuvo-session=" + h.cookie(adviser, "neuvo-session").Value
	release := make(chan struct{})
	var once sync.Once
	releaseAll := func() { once.Do(func() { close(release) }) }
	defer releaseAll()

	const slow = 12
	// Padding the handlers ignore makes each body take longer to trickle
	// in than the whole test, so a slow client ends only when released.
	pad := strings.Repeat(" ", 1000)
	var forms []string
	for range slow / 2 {
		forms = append(forms, "pad="+strings.Repeat("x", len(pad))+"&"+h.quickEntry(adviser).Encode())
	}
	var answers []<-chan int
	var want []int
	for i := range slow {
		if i%2 == 0 {
			answers = append(answers, h.slowClient("POST", "/api/v1/contacts", map[string]string{"Cookie": session,
				"Content-Type": "application/json", "Idempotency-Key": cases.NewIdempotencyKey()}, pad+walkInJSON(point, ""), release))
			want = append(want, http.StatusCreated)
		} else {
			answers = append(answers, h.slowClient("POST", "/contacts", map[string]string{"Cookie": session,
				"Content-Type": "application/x-www-form-urlencoded"}, forms[i/2], release))
			want = append(want, http.StatusSeeOther)
		}
	}
	time.Sleep(300 * time.Millisecond) // every slow client has sent its headers and is trickling
	for range 3 {
		for _, path := range []string{"/", "/contacts", "/api/v1/me", "/api/v1/contacts"} {
			h.quickGet(manager, path)
		}
	}
	releaseAll()
	for i, answer := range answers {
		if got := <-answer; got != want[i] {
			t.Errorf("slow client %d: %d, want %d", i, got, want[i])
		}
	}
	if n := h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`); n != slow {
		t.Fatalf("%d contacts saved from %d slow clients", n, slow)
	}
}

// TestHeldLockOnContactsFailsFastWhileOthersAnswer: a separate owner
// connection holds a lock on contacts that blocks every write. The blocked
// creates fail within a few lock timeouts with 503 and Retry-After, not
// after the 40 s of the report; reads keep answering meanwhile; nothing
// half-done is stored.
func TestHeldLockOnContactsFailsFastWhileOthersAnswer(t *testing.T) {
	h := tightHarness(t, func(o *harnessOptions) {
		o.timeouts.Lock = 300 * time.Millisecond
		o.limits.PoolWait = 2 * time.Second
	})
	point := h.addPoint(h.orgs["hub"], "Desk")
	token := h.accessToken("hub", "hub-adviser")
	manager := h.login("hub", "hub-manager")
	lock := h.db.Owner.MustBegin()
	defer lock.Rollback()
	lock.MustExec(`LOCK TABLE contacts IN EXCLUSIVE MODE`)

	const blocked = 8 // twice the pool
	type answer struct {
		status     int
		retryAfter string
		took       time.Duration
	}
	answers := make(chan answer, blocked)
	for range blocked {
		go func() {
			start := time.Now()
			r := h.api(apiCall{method: "POST", path: "/api/v1/contacts", token: token, body: walkInJSON(point, ""),
				headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
			answers <- answer{r.status, r.header.Get("Retry-After"), time.Since(start)}
		}()
	}
	for range 3 {
		h.quickGet(manager, "/api/v1/contacts")
		h.quickGet(manager, "/contacts")
	}
	for range blocked {
		a := <-answers
		if a.status != http.StatusServiceUnavailable || a.retryAfter == "" || a.took > 3*time.Second {
			t.Errorf("blocked create: %d (Retry-After %q) after %v, want 503 with Retry-After within 3 s", a.status, a.retryAfter, a.took)
		}
	}
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	if h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`) != 0 {
		t.Fatal("a create that answered 503 left a contact")
	}
	r := h.api(apiCall{method: "POST", path: "/api/v1/contacts", token: token, body: walkInJSON(point, ""),
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}})
	if r.status != http.StatusCreated {
		t.Fatalf("create after the lock is gone: %d %s", r.status, r.body)
	}
}

// TestExhaustedPoolAnswers503WithRetryAfter: with every connection taken,
// a request waits the short pool wait and is answered 503, page and API
// alike, instead of queueing without end.
func TestExhaustedPoolAnswers503WithRetryAfter(t *testing.T) {
	h := tightHarness(t, func(o *harnessOptions) {
		o.poolSize = 2
		o.limits.PoolWait = 300 * time.Millisecond
	})
	b := h.login("hub", "hub-adviser")
	token := h.accessToken("hub", "hub-adviser")
	var held []*sqlx.Conn
	for range 2 {
		conn, err := h.pool.Connx(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, conn)
	}
	start := time.Now()
	r := h.api(apiCall{method: "GET", path: "/api/v1/me", browser: b})
	r.problemOf(t, http.StatusServiceUnavailable)
	if r.header.Get("Retry-After") != "2" || time.Since(start) > 2*time.Second {
		t.Fatalf("API: Retry-After %q after %v", r.header.Get("Retry-After"), time.Since(start))
	}
	start = time.Now()
	h.api(apiCall{method: "GET", path: "/api/v1/me", token: token}).problemOf(t, http.StatusServiceUnavailable)
	if time.Since(start) > 2*time.Second {
		t.Fatalf("bearer request answered after %v", time.Since(start))
	}
	resp := h.get(b, "/")
	page := body(t, resp)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("page: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	mustContain(t, page, "Palvelu on ruuhkautunut", "Yritä hetken kuluttua uudelleen.")
	for _, conn := range held {
		conn.Close()
	}
	h.quickGet(b, "/api/v1/me")
	h.api(apiCall{method: "GET", path: "/api/v1/me", token: token}).decode(t, &meDoc{})
}

// TestBodiesOverTheirRouteLimitAreRefused: forms and JSON are bounded at
// 1 MB and imports at 50 MB, before any transaction opens.
func TestBodiesOverTheirRouteLimitAreRefused(t *testing.T) {
	h := newHarness(t)
	point := h.addPoint(h.orgs["hub"], "Desk")
	b := h.login("hub", "hub-adviser")
	huge := walkInJSON(point, `,"note":"`+strings.Repeat("x", smallBody)+`"`)
	h.api(apiCall{method: "POST", path: "/api/v1/contacts", browser: b, body: huge,
		headers: map[string]string{"Idempotency-Key": cases.NewIdempotencyKey()}}).problemOf(t, http.StatusRequestEntityTooLarge)

	form := h.quickEntry(b)
	form.Set("note", strings.Repeat("x", smallBody))
	resp := h.post(b, "/contacts", form)
	if page := body(t, resp); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(page, "Pyyntö on liian suuri") {
		t.Fatalf("oversized form: %d", resp.StatusCode)
	}
	if h.count(h.orgs["hub"], `SELECT count(*) FROM contacts`) != 0 {
		t.Fatal("an oversized request saved a contact")
	}

	resp = h.upload(b, "big.csv", make([]byte, maxImportBytes+1))
	if page := body(t, resp); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(page, "enintään 50 Mt") {
		t.Fatalf("oversized import: %d", resp.StatusCode)
	}
	if resp := h.upload(h.browser(), "small.csv", []byte("a,b\n1,2\n")); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("anonymous upload: %d, want 401", resp.StatusCode)
	}
}

// TestBodyLimitsNameRealRoutes: a limit for a mistyped route would
// silently leave the real one at 1 MB.
func TestBodyLimitsNameRealRoutes(t *testing.T) {
	routes := map[string]bool{}
	for _, r := range (&Server{}).routes() {
		routes[r.method+" "+r.path] = true
	}
	for key := range bodyLimits() {
		if !routes[key] {
			t.Errorf("bodyLimits names %q, which is not in the route table", key)
		}
	}
}
