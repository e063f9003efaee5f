// Package scaling holds the helpers tests use to prove that a cost grows
// near-linearly without reading a clock, so that the suite passes on a
// loaded machine: the work of a function is measured by the heap
// allocations it makes (a count that does not depend on the load), and the
// wall-clock checks that remain run only when asked for with
// STORYDIFF_TIMING=1.
package scaling

import (
	"os"
	"runtime"
	"testing"
)

// TimingEnv is the environment variable that enables wall-clock checks.
const TimingEnv = "STORYDIFF_TIMING"

// Timing reports whether wall-clock checks were asked for
// (STORYDIFF_TIMING=1).
func Timing() bool { return os.Getenv(TimingEnv) == "1" }

// RequireTiming skips t unless wall-clock checks were asked for.
func RequireTiming(t testing.TB) {
	t.Helper()
	if !Timing() {
		t.Skip("wall-clock check: set " + TimingEnv + "=1 to run it")
	}
}

// Cost is the heap allocation work of one call.
type Cost struct {
	Allocs uint64 // number of heap objects allocated
	Bytes  uint64 // bytes allocated
}

// Measure runs f once and returns the heap allocations it made (with those
// of any goroutine running at the same time, so tests that use it must not
// run in parallel).
func Measure(f func()) Cost {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return Cost{Allocs: after.Mallocs - before.Mallocs, Bytes: after.TotalAlloc - before.TotalAlloc}
}

// Near checks that growing the input by factor (large/small) grew the cost
// by at most maxRatio, for both the number of allocations and the bytes
// allocated. slack is added to the small cost first, so that a tiny fixed
// cost does not make a ratio huge. It reports the ratios.
func Near(t testing.TB, what string, small, large Cost, maxRatio float64, slack Cost) {
	t.Helper()
	ra := float64(large.Allocs) / float64(small.Allocs+slack.Allocs+1)
	rb := float64(large.Bytes) / float64(small.Bytes+slack.Bytes+1)
	t.Logf("%s: allocs %d -> %d (%.1f×), bytes %d -> %d (%.1f×)", what, small.Allocs, large.Allocs, ra, small.Bytes, large.Bytes, rb)
	if ra > maxRatio {
		t.Errorf("%s: allocations grew %.1f× (%d -> %d), more than %.0f×: not near-linear", what, ra, small.Allocs, large.Allocs, maxRatio)
	}
	if rb > maxRatio {
		t.Errorf("%s: bytes allocated grew %.1f× (%d -> %d), more than %.0f×: not near-linear", what, rb, small.Bytes, large.Bytes, maxRatio)
	}
}
