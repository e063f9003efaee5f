// Package par runs independent pieces of work on several goroutines and
// carries a panic in any of them back to the goroutine that waits, so
// that a bug in a worker reaches the caller's recover (the command's
// last-resort handler, the viewer's loader) instead of killing the
// process with a stack trace from a goroutine nobody can recover.
package par

import (
	"fmt"
	"sync"
)

// Panic is a panic carried from a worker goroutine: Value is what the
// worker panicked with.
type Panic struct{ Value any }

// Error reports the worker's panic value.
func (p Panic) Error() string { return fmt.Sprintf("panic in a worker goroutine: %v", p.Value) }

// Group runs functions on goroutines and waits for them; the zero Group is
// ready to use.
type Group struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	first any // the first panic value, if any
}

// Go runs f on a new goroutine. A panic in f is kept for Wait.
func (g *Group) Go(f func()) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer func() {
			if v := recover(); v != nil {
				g.mu.Lock()
				if g.first == nil {
					g.first = v
				}
				g.mu.Unlock()
			}
		}()
		f()
	}()
}

// Wait waits for every function Go started; if one of them panicked, Wait
// panics on the calling goroutine with a Panic holding the first value.
func (g *Group) Wait() {
	g.wg.Wait()
	if g.first != nil {
		panic(Panic{g.first})
	}
}

// Do runs the functions at once, the last on the calling goroutine, and
// returns when all have returned; a panic in any of them is raised again
// on the calling goroutine (see Group.Wait).
func Do(fs ...func()) {
	if len(fs) == 0 {
		return
	}
	var g Group
	for _, f := range fs[:len(fs)-1] {
		g.Go(f)
	}
	func() {
		defer func() {
			if v := recover(); v != nil {
				g.wg.Wait()
				panic(v)
			}
		}()
		fs[len(fs)-1]()
	}()
	g.Wait()
}
