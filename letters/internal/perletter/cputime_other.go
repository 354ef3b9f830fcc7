//go:build !unix

package perletter

import "time"

// CPUTime returns 0: the platform does not tell the process's CPU time
// here.
func CPUTime() time.Duration { return 0 }
