//go:build !unix

package export

import "time"

// cpuTime is not measured on this system; benchmarks then omit cpuMB/s.
func cpuTime() time.Duration { return 0 }
