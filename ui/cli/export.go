package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"devpath/tracker"
	"devpath/tracker/core"
	"devpath/tracker/report"
	"devpath/tracker/words"
)

func init() {
	register(&command{
		name:    "export",
		section: sectionData,
		usage:   "export [--format md|html|pdf|csv|json] [--out FILE] [--since YYYY-MM-DD] [--case]",
		summary: "export a progress summary (md, html, pdf, csv) or a full backup (json)",
		help: `Writes your progress in one of these formats:

  md    a Markdown summary for a review with your manager: profile, stage and
        timeline, readiness with its four parts, progress per stage and
        group, what is done (with dates and evidence), what is missing with
        its gain, branches, salary bands and the latest check-in compared
        with the one before
  html  the same summary as one self-contained, printable web page
  pdf   the same summary as a PDF document (needs --out)
  csv   one row per roadmap entry for spreadsheets: id, kind, stage, group,
        title, level (0-4), status, updated_at, evidence_count,
        evidenced_level
  json  a complete backup of the database, to restore with 'devpath import'

Without --format the format follows the --out file's extension, else md.
Without --out the text formats go to standard output. --out writes the file
with permissions 0600 (only you can read it), replacing it in one step if
it exists; a folder given to --out gets the file under its suggested name,
such as devpath-summary-2025-06-30.md. --since limits the done entries and
the evidence to a period, e.g. the last six months for a review; the JSON
backup always holds everything. Summaries show the claimed and the
evidenced score, and the latest review by your manager.

--case writes the promotion case instead (md, html or pdf): the next
level's criteria and milestone and the stage's skills, each with its
evidence and your manager's view from the latest review, the sign-off, and
what is still missing: the document a promotion committee reads.`,
		examples: []string{
			"devpath export > review.md",
			"devpath export --format html --out review.html --since 2025-01-01",
			"devpath export --out review.pdf",
			"devpath export --case --out promotion-case.pdf",
			"devpath export --format csv --out progress.csv",
			"devpath export --format json --out devpath-backup.json",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			format := fs.String("format", "", "`md`, html, pdf, csv or json")
			out := fs.String("out", "", "write to `FILE` instead of standard output")
			since := fs.String("since", "", "limit done entries and evidence to this day on, `YYYY-MM-DD`")
			asCase := fs.Bool("case", false, "write the promotion case instead of the summary (md, html or pdf)")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args); err != nil {
					return err
				}
				opt, err := c.exportOptions(*format, *out, *since, isSet(fs, "out"), isSet(fs, "since"))
				if err != nil {
					return err
				}
				if *asCase {
					if report.CaseFormats[opt.format] == nil {
						return usagef("--case writes md, html or pdf, not %s", opt.format)
					}
					opt.promotionCase = true
				}
				return c.export(opt)
			}
		},
	})
	register(&command{
		name:    "import",
		section: sectionData,
		usage:   "import FILE [--merge]",
		summary: "restore a JSON backup made with 'devpath export --format json'",
		help: `Restores a backup made with 'devpath export --format json', for example on
a new machine. The whole file is checked before anything is written, and it
is written in one transaction: all or nothing. A file that is not a
devpath backup, is cut short, was made by a newer devpath or holds invalid
values is refused with the reason, and the database stays as it was.

Without --merge the backup replaces everything: profile, levels, evidence,
the change log and check-ins. A copy of the database as it was is kept in
the backups folder beside it first. With --merge the newer of each value
is kept (levels by when they changed, evidence by id and when it was
edited, profile fields by their latest change), the change logs and
check-ins are joined without duplicates, and the import is logged.

Entries that the roadmap does not have are kept, with a warning: they
count again when the roadmap has them.`,
		examples: []string{
			"devpath import devpath-backup.json",
			"devpath import laptop-backup.json --merge",
		},
		setup: func(fs *flag.FlagSet) runFunc {
			merge := fs.Bool("merge", false, "keep the newer of each value instead of replacing everything")
			return func(c *ctx, args []string) error {
				if err := wantArgs(args, "FILE"); err != nil {
					return err
				}
				return c.importBackup(args[0], *merge)
			}
		},
	})
}

// exportOptions is a checked export request.
type exportOptions struct {
	format string // a report format name, or "json"
	out    string // "" for standard output
	since  time.Time
	// promotionCase writes the promotion case instead of the summary.
	promotionCase bool
}

// exportOptions checks the export flags.
func (c *ctx) exportOptions(format, out, since string, outSet, sinceSet bool) (exportOptions, error) {
	var o exportOptions
	if outSet && strings.TrimSpace(out) == "" {
		return o, usagef("--out needs a file name")
	}
	o.out = out
	format = strings.ToLower(strings.TrimSpace(format))
	if format == "" {
		format = formatFromName(out)
	}
	switch format {
	case "json":
	default:
		f, ok := report.FormatNamed(format)
		if !ok {
			return o, usagef("--format must be md, html, pdf, csv or json, not %q", format)
		}
		format = f.Name
		if f.Binary && out == "" {
			return o, usagef("a %s cannot be written to the terminal: give a file with --out FILE", f.Title)
		}
	}
	o.format = format
	if sinceSet {
		if format == "json" {
			return o, usagef("--since does not apply to the JSON backup, which always holds everything")
		}
		d, err := parseDay(c, since)
		if err != nil {
			return o, usagef("--since: %s", err)
		}
		o.since = d
	}
	return o, nil
}

// formatFromName picks the format from a file name's extension: md unless
// the extension names another one.
func formatFromName(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".json" {
		return "json"
	}
	for _, f := range report.Formats {
		if ext == f.Ext || (f.Name == "md" && ext == ".markdown") || (f.Name == "html" && ext == ".htm") {
			return f.Name
		}
	}
	return "md"
}

// export writes the summary or the backup.
func (c *ctx) export(o exportOptions) error {
	rm, err := c.roadmap()
	if err != nil {
		return err
	}
	if o.out != "" {
		if o.out, err = c.outFile(o); err != nil {
			return err
		}
	}
	var ex core.Export
	err = c.withStore(false, func(st *core.DB) error {
		if o.out != "" && st.IsDatabase(o.out) {
			return failf("%s is the database itself; choose another file for --out", o.out)
		}
		ex, err = st.PrepareExport(core.ExportRequest{Format: o.format, Case: o.promotionCase, Since: o.since, Roadmap: rm})
		return err
	})
	if err != nil {
		return err
	}
	if o.out == "" {
		// Render it whole first, so that a failure prints nothing half-done.
		data, err := ex.Bytes()
		if err != nil {
			return failf("export: %s", oneLine(err.Error()))
		}
		_, err = c.stdout.Write(data)
		return err
	}
	if err := c.core.SaveFile(o.out, ex.Write); err != nil {
		return failf("%s", oneLine(err.Error()))
	}
	fmt.Fprintf(c.stdout, "Wrote the %s to %s.\n", ex.What, o.out)
	return nil
}

// outFile returns the file to write for --out: the name given, or, when it
// names a folder (one that exists, or any name ending in a slash), the
// suggested file name in that folder.
func (c *ctx) outFile(o exportOptions) (string, error) {
	dir, file, err := core.OutTarget(o.out)
	if err != nil {
		return "", outError(o.out, err)
	}
	if dir != "" {
		return filepath.Join(dir, report.FileName(o.format, c.today())), nil
	}
	return file, nil
}

// outError words a --out that cannot be used, by its code.
func outError(out string, err error) error {
	switch tracker.ErrorCode(err) {
	case tracker.CodeNotAFolder:
		return failf("--out %s: it is not a folder; give a file name or a folder", out)
	case tracker.CodeNoSuchFolder:
		return failf("--out %s: there is no such folder; create it first or give a file name", out)
	}
	return failf("--out %s: %s", out, oneLine(err.Error()))
}

// importBackup reads, checks and imports a backup file.
func (c *ctx) importBackup(path string, merge bool) error {
	b, err := c.core.ReadBackup(path)
	if err != nil {
		return failf("%s; nothing was imported", backupError(err))
	}
	rm, err := c.roadmap()
	if err != nil {
		return err
	}
	return c.withStore(true, func(st *core.DB) error {
		// A replacing import keeps its copy of the database itself, under
		// its write lock (rep.Kept).
		rep, err := st.Import(b, merge, rm)
		if err != nil {
			if errors.Is(err, tracker.ErrReadOnly) {
				return err
			}
			return failf("%s; nothing was imported", oneLine(err.Error()))
		}
		lines := words.ImportLines(rep)
		fmt.Fprintf(c.stdout, "Imported %s.\n", path)
		for _, l := range lines {
			fmt.Fprintln(c.stdout, l)
		}
		if rep.Kept != "" {
			fmt.Fprintf(c.stdout, "The database as it was before is kept in %s.\n", rep.Kept)
		}
		if w := words.Orphans(rep.Orphans); w != "" {
			fmt.Fprintf(c.stderr, "devpath: %s\n", oneLine(w))
		}
		return nil
	})
}

// backupError words an error from reading a backup file.
func backupError(err error) string {
	msg := oneLine(err.Error())
	if errors.Is(err, os.ErrNotExist) {
		return strings.Replace(msg, "open ", "cannot read ", 1)
	}
	return msg
}
