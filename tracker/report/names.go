package report

import "time"

// FileName is the file name devpath suggests for an export in format (a
// report format name, or "json" for the backup) made on day:
// devpath-summary-2025-06-30.md for the summaries, devpath-progress-….csv
// for the spreadsheet, devpath-backup-….json for the backup.
func FileName(format string, day time.Time) string {
	kind, ext := "summary", ".md"
	switch format {
	case "json":
		kind, ext = "backup", ".json"
	case "csv":
		kind = "progress"
	}
	if f, ok := FormatNamed(format); ok {
		ext = f.Ext
	}
	return "devpath-" + kind + "-" + day.Format(dateLayout) + ext
}
