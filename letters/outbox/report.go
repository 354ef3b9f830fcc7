package outbox

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// A report (the audit's audit.json and audit.xlsx, the evidence pack) is
// written through a temporary file named after it, ".NAME.tmp-*", so that
// the next writer of the same report knows the leftovers of a killed one
// for its own and removes them (RemoveReportTemps), and no one takes them
// for a letters run's.

// reportTemp is the pattern of the temporary files of the report at path.
func reportTemp(path string) string { return "." + filepath.Base(path) + ".tmp-*" }

// isReportTemp reports whether name is a temporary file of the audit's
// reports in an output directory.
func isReportTemp(name string) bool {
	for _, r := range []string{AuditJSON, AuditXLSX} {
		if strings.HasPrefix(name, "."+r+".tmp-") {
			return true
		}
	}
	return false
}

// WriteReport writes the report at path like WriteAtomic, through a
// temporary file RemoveReportTemps knows.
func WriteReport(path string, src io.WriterTo) error {
	return writeAtomicAs(path, reportTemp(path), src)
}

// RemoveReportTemps removes the temporary files a killed writer of the
// report at path left (WriteReport).
func RemoveReportTemps(path string) error {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	prefix := strings.TrimSuffix(reportTemp(path), "*")
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), prefix) {
			if err := removeFile(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckWritable fails, before any long work, when the report at path could
// not be written: its directory missing, not a directory, or read-only;
// path itself a directory.
func CheckWritable(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("outbox: cannot write %q: it is a directory", path)
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("outbox: cannot write %q: %w", path, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("outbox: cannot write %q: %q is not a directory", path, dir)
	}
	a, err := createAtomicAs(path, reportTemp(path))
	if err != nil {
		return fmt.Errorf("outbox: cannot write %q: %w", path, err)
	}
	a.abort()
	return nil
}
