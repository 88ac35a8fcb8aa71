package words

import (
	"fmt"

	"devpath/tracker"
)

// The ways to get a database back, in the window and on the command line.
var (
	chooseAnother = action{
		window:      "choose another file with File ▸ Open",
		commandLine: "give another file with --db PATH",
	}
	importBackup = action{
		window:      "import a good backup with File ▸ Export and import…",
		commandLine: "run 'devpath import' with a good backup",
	}
	restoreBackup = action{
		window:      "restore a backup with File ▸ Export and import…",
		commandLine: "run 'devpath restore' with a backup",
	}
)

// Failure says in one line what went wrong with the database at path, by
// the error's code (tracker.ErrorCode), for the window or the command
// line alike; ok is false for an error these words do not cover, which is
// then shown as it is. Each says that nothing was changed where a change
// was refused.
func Failure(err error, path string, where Where) (msg string, ok bool) {
	switch tracker.ErrorCode(err) {
	case tracker.CodeDiskFull:
		return fmt.Sprintf("the disk holding %s is full; nothing was changed (free some space and try again)", path), true
	case tracker.CodeIDsExhausted:
		return fmt.Sprintf("%s has run out of ids for new records (a row holds the largest id there is; the disk is not full); nothing was changed (%s to mend it)", path, importBackup.in(where)), true
	case tracker.CodeReadOnly:
		return fmt.Sprintf("the database %s is read-only; nothing was changed", path), true
	case tracker.CodeNotDevpath:
		return fmt.Sprintf("%s is not a devpath database; %s", path, chooseAnother.in(where)), true
	case tracker.CodeDamaged:
		return fmt.Sprintf("%s is damaged (it failed the integrity check) and was left as it is; %s", path, restoreBackup.in(where)), true
	case tracker.CodeNothingToUndo, tracker.CodeNotUndoable:
		return "nothing to undo", true
	}
	return "", false
}
