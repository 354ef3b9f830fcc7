package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
)

const cpuProfileUsage = "write a CPU profile of the run to `FILE` (new, 0600; for \"go tool pprof\": stacks and timings only, no customer data)"

// startCPUProfile starts profiling the process into path, a new file, and
// returns the function that stops it and closes the file. An empty path
// profiles nothing.
func startCPUProfile(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := errors.Join(f.Sync(), f.Close()); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		return nil
	}, nil
}

// addCPUProfileFlag adds --cpuprofile to fs.
func addCPUProfileFlag(fs *flag.FlagSet) *string {
	return fs.String("cpuprofile", "", cpuProfileUsage)
}
