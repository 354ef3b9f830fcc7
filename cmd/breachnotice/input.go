package main

import (
	"fmt"
	"os"
	"syscall"
)

// openInput opens an input file named on the command line (what says
// which: "incident file", "customer file"...). Only a regular file is
// read: a directory, a device such as /dev/zero or a pipe could block
// for ever or never end. The path is checked before it is opened, and the
// open file again (the path may have changed in between); it is opened
// without waiting, so that a pipe put there in between does not block.
func openInput(what, path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(what, path)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = notRegular(what, path)
		}
		return nil, err
	}
	return f, nil
}

func notRegular(what, path string) error {
	return fmt.Errorf("%s %q is not a regular file (a directory, device or pipe): save it to a file", what, path)
}
