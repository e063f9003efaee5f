package par

import (
	"sync/atomic"
	"testing"
)

func TestDoRunsAll(t *testing.T) {
	var n atomic.Int32
	Do(func() { n.Add(1) }, func() { n.Add(2) }, func() { n.Add(4) })
	if n.Load() != 7 {
		t.Fatalf("ran %d, want all three (7)", n.Load())
	}
	Do() // nothing to run
}

func TestPanicReachesCaller(t *testing.T) {
	tests := []struct {
		name string
		run  func()
		want any
	}{
		{"worker", func() { Do(func() { panic("boom") }, func() {}) }, Panic{"boom"}},
		{"caller's own", func() { Do(func() {}, func() { panic("mine") }) }, "mine"},
		{"group", func() {
			var g Group
			g.Go(func() {})
			g.Go(func() { panic(42) })
			g.Wait()
		}, Panic{42}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				got := recover()
				if got != tt.want {
					t.Fatalf("recovered %#v, want %#v", got, tt.want)
				}
			}()
			tt.run()
			t.Fatal("no panic reached the caller")
		})
	}
}
