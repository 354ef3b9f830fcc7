package outbox

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// The workbooks of this tool (the audit's, the deadline board's) write
// dates and set up printing here, the same way.

// ExcelDate is t's wall-clock time as an Excel serial date (days since
// 1899-12-30, the 1900 date system), to the second. Excel has no time
// zones: pass every date of a column in one zone, and name it in the
// column's title ("Due (UTC)").
func ExcelDate(t time.Time) float64 {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return float64(wall.Sub(epoch)/time.Second) / 86400
}

// Print is how a sheet prints: its first Cols columns and Rows rows (the
// header row included), on A4.
type Print struct {
	Cols, Rows int
	// Landscape turns the page for a wide sheet.
	Landscape bool
}

// a4 is the paper size code of A4 (ECMA-376 Part 1, 18.3.1.64).
const a4 = 9

// PrintSetup sets how sheet prints: the print area (columns 1 to p.Cols,
// rows 1 to p.Rows), fit to the width of one page and as many pages high
// as it takes, the header row repeated on every page (print titles).
func PrintSetup(f *excelize.File, sheet string, p Print) error {
	size, one, tall, orientation := a4, 1, 0, "portrait"
	if p.Landscape {
		orientation = "landscape"
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("outbox: print setup of %q: %w", sheet, err)
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("outbox: print setup of %q: %w", sheet, err)
	}
	last, err := excelize.CoordinatesToCellName(max(p.Cols, 1), max(p.Rows, 1), true)
	if err != nil {
		return fmt.Errorf("outbox: print setup of %q: %w", sheet, err)
	}
	quoted := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	for _, dn := range []excelize.DefinedName{
		{Name: "_xlnm.Print_Area", RefersTo: quoted + "$A$1:" + last, Scope: sheet},
		{Name: "_xlnm.Print_Titles", RefersTo: quoted + "$1:$1", Scope: sheet},
	} {
		if err := f.SetDefinedName(&dn); err != nil {
			return fmt.Errorf("outbox: print setup of %q: %w", sheet, err)
		}
	}
	return nil
}
