//go:build !unix

package pdf

import (
	"time"

	"github.com/breachnotice/breachnotice/letters"
	"github.com/breachnotice/breachnotice/letters/fonts"
)

// cpuTime is not measured on this platform.
func cpuTime() time.Duration { return 0 }
