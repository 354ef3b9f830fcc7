//go:build !unix

package tomllimit

import "errors"

func mkfifo(path string) error { return errors.ErrUnsupported }
