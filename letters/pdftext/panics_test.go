package pdftext

// Tests and fuzzing must see panics, not errors built from them.
func init() { catchPanics = false }
