//go:build linux

package outbox

import "testing"

// syncfs(2) reports write-back errors from Linux 5.8 on; before, the
// barrier sweeps.
func TestKernelAtLeast(t *testing.T) {
	for _, tc := range []struct {
		release string
		want    bool
	}{
		{"6.1.0-18-amd64", true},
		{"5.8.0", true},
		{"5.10.0-rc1", true},
		{"5.7.19-generic", false},
		{"4.19.0-26-amd64", false},
		{"5", false},
		{"", false},
		{"x.y", false},
		{"5.8+", true},
	} {
		if got := kernelAtLeast(tc.release, 5, 8); got != tc.want {
			t.Errorf("kernelAtLeast(%q, 5, 8) = %v, want %v", tc.release, got, tc.want)
		}
	}
}
