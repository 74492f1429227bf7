package main

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// latencies collects request durations from concurrent workers.
type latencies struct {
	mu     sync.Mutex
	all    []time.Duration
	errors int
}

func (l *latencies) add(d time.Duration, err error) {
	l.mu.Lock()
	if err != nil {
		l.errors++
	} else {
		l.all = append(l.all, d)
	}
	l.mu.Unlock()
}

// result is one measured phase.
type result struct {
	name     string
	clients  int
	count    int
	errors   int
	elapsed  time.Duration
	p50, p99 time.Duration
}

func (l *latencies) result(name string, clients int, elapsed time.Duration) result {
	slices.Sort(l.all)
	r := result{name: name, clients: clients, count: len(l.all), errors: l.errors, elapsed: elapsed}
	if len(l.all) > 0 {
		r.p50 = l.all[len(l.all)*50/100]
		r.p99 = l.all[min(len(l.all)*99/100, len(l.all)-1)]
	}
	return r
}

func (r result) perSecond() float64 { return float64(r.count) / r.elapsed.Seconds() }

func (r result) String() string {
	return fmt.Sprintf("| %-22s | %3d | %8d | %8.0f/s | %6.2f ms | %6.2f ms | %d |", r.name, r.clients, r.count,
		r.perSecond(), ms(r.p50), ms(r.p99), r.errors)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

const resultHeader = "| phase                  | clients | requests | rate | p50 | p99 | errors |\n|---|---|---|---|---|---|---|"

// runFor runs clients workers calling once until the duration is over and
// collects their latencies.
func runFor(name string, clients int, duration time.Duration, once func(worker int) error) result {
	var l latencies
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(duration)
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				t := time.Now()
				err := once(w)
				l.add(time.Since(t), err)
			}
		}()
	}
	wg.Wait()
	return l.result(name, clients, time.Since(start))
}

// runCount runs total calls spread over clients workers.
func runCount(name string, clients, total int, once func(worker, i int) error) result {
	var l latencies
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < total; i += clients {
				t := time.Now()
				err := once(w, i)
				l.add(time.Since(t), err)
			}
		}()
	}
	wg.Wait()
	return l.result(name, clients, time.Since(start))
}
