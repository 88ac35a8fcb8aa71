package tracker

import (
	"errors"
	"strings"
)

// Code says what kind of failure an error is. Both interfaces decide what
// to do, and tracker/words how to say it, from the code alone: never from
// an error's text, which may change and which wraps the user's own input.
type Code string

// The codes of devpath's errors.
const (
	CodeNotFound        Code = "not-found"
	CodeReadOnly        Code = "read-only"
	CodeDiskFull        Code = "disk-full"
	CodeIDsExhausted    Code = "ids-exhausted"
	CodeNotDevpath      Code = "not-devpath"
	CodeDamaged         Code = "damaged"
	CodeNothingToUndo   Code = "nothing-to-undo"
	CodeNotUndoable     Code = "not-undoable"
	CodeNothingToRedo   Code = "nothing-to-redo"
	CodeReviewed        Code = "reviewed"
	CodeLabelTaken      Code = "label-taken"
	CodeRoadmapInvalid  Code = "roadmap-invalid"
	CodeNotOurRequest   Code = "not-our-request"
	CodeOtherVersion    Code = "other-version"
	CodeKeyChanged      Code = "key-changed"
	CodeAlreadyImported Code = "already-imported"
	CodeNoName          Code = "no-name"
	CodeNotBackup       Code = "not-backup"
	CodeNoDisplay       Code = "no-display"
	// CodeNotOurDatabase: a restore would replace a file that is not a
	// devpath database.
	CodeNotOurDatabase Code = "not-our-database"
	// CodeNoPath: there is nowhere to keep the database (no --db, no
	// $DEVPATH_DB, no user data folder).
	CodeNoPath Code = "no-path"
	// CodeIsDatabase: a file was to be written over the database itself.
	CodeIsDatabase Code = "is-database"
	// CodeUnknownFormat: an export names no format devpath writes.
	CodeUnknownFormat Code = "unknown-format"
	// CodeNoSuchFolder: a file was to go into a folder that does not
	// exist.
	CodeNoSuchFolder Code = "no-such-folder"
	// CodeNotAFolder: a name that must be a folder (it ends in a slash)
	// names a file.
	CodeNotAFolder Code = "not-a-folder"
	// CodeFileChanged: a file read twice (checked, then imported) was
	// not the same the second time.
	CodeFileChanged Code = "file-changed"
	// CodeUnsupported: what was asked for does not exist on this
	// operating system.
	CodeUnsupported Code = "unsupported"
	// CodeBadDate: a date that is not a calendar day (YYYY-MM-DD).
	CodeBadDate Code = "bad-date"
	// CodeTargetPast: a target date for the next level that is not after
	// today.
	CodeTargetPast Code = "target-past"
	// CodeTargetBeyond: a target date past the roadmap's horizon.
	CodeTargetBeyond Code = "target-beyond-horizon"
	// CodeDuePast: a plan item due before today.
	CodeDuePast Code = "due-past"
	// CodeUnknownEntry: an id the roadmap has no entry for.
	CodeUnknownEntry Code = "unknown-entry"
	// CodeNotInPlan: an entry to remove from the plan that is not in it.
	CodeNotInPlan Code = "not-in-plan"
	// CodeNotClaimed: a re-confirmation of an entry never claimed.
	CodeNotClaimed Code = "not-claimed"
	// CodeBadCadence: a check-in cadence that is not a duration.
	CodeBadCadence Code = "bad-cadence"
)

// Error is an error with a code: what kind of failure it is (Code), the
// operation that failed (Op, such as "undo"), the entry, file or label it
// concerns (Entry), and either its cause (Err) or its own words (Msg), or
// both. Every layer returns it or wraps it; errors.Is matches it against
// the sentinels below by code.
type Error struct {
	Code  Code
	Op    string
	Entry string
	Msg   string
	Err   error
	// Unchanged says that the failed operation changed nothing, which the
	// message then says once, at its end.
	Unchanged bool
}

// Error joins the parts that are set with ": ": the operation with the
// entry it concerns ("set the level of k8s-rbac"), the cause and the
// error's own words.
func (e *Error) Error() string {
	var parts []string
	if what := strings.TrimSpace(e.Op + " " + e.Entry); what != "" {
		parts = append(parts, what)
	}
	if e.Err != nil {
		parts = append(parts, e.Err.Error())
	}
	if e.Msg != "" {
		parts = append(parts, e.Msg)
	}
	msg := strings.Join(parts, ": ")
	if e.Unchanged {
		msg += "; nothing was changed"
	}
	return msg
}

// Unwrap is the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is a sentinel (an Error with a code and
// nothing else naming an operation or entry) of e's code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Op == "" && t.Entry == ""
}

// ErrorCode is the first code in err's chain, or "" when there is none.
// An Error that only names an operation and an entry has no code of its
// own, and the search goes on to its cause.
func ErrorCode(err error) Code {
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return ""
		}
		if e.Code != "" {
			return e.Code
		}
		err = e.Err
	}
	return ""
}

// EntryError is err as the failure of op on the roadmap entry id, such as
// "set the level of" k8s-rbac; nil stays nil. An interface can then name
// the entry its own way (by its title) without reading the message.
func EntryError(op, id string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Entry: id, Err: err}
}

// Renamed is err with the entry of its first EntryError named name instead
// (the entry's title in place of its id); the cause is kept. err is
// returned as it is when no EntryError names entry id.
func Renamed(err error, id, name string) error {
	var e *Error
	if !errors.As(err, &e) || e.Entry != id || e.Op == "" {
		return err
	}
	r := *e
	r.Entry = name
	return &r
}

// sentinel is the error every error of code c matches with errors.Is.
func sentinel(c Code, msg string) *Error { return &Error{Code: c, Msg: msg} }

// The sentinels: compare with errors.Is, or read the code with ErrorCode.
var (
	// ErrNothingToUndo: the event log holds no change left to undo.
	ErrNothingToUndo = sentinel(CodeNothingToUndo, "nothing to undo")
	// ErrNotUndoable: the latest change (an import, a roadmap change)
	// cannot be undone. It is a kind of ErrNothingToUndo.
	ErrNotUndoable = &Error{Code: CodeNotUndoable, Err: ErrNothingToUndo}
	// ErrNothingToRedo: no undone change is waiting to be redone, because
	// nothing was undone or a new change was made since.
	ErrNothingToRedo = sentinel(CodeNothingToRedo, "nothing to redo")
	// ErrReadOnly: the database file or its folder cannot be written; it
	// was opened for viewing only.
	ErrReadOnly = sentinel(CodeReadOnly, "the database is read-only")
	// ErrDiskFull: the disk holding the database has no room for the
	// change (or had none to open it for writing); nothing was changed.
	ErrDiskFull = sentinel(CodeDiskFull, "the disk is full")
	// ErrIDsExhausted: a table has used up its ids (a row holds the
	// largest id SQLite has), which SQLite reports as a full disk;
	// nothing was changed. Importing a good backup mends it.
	ErrIDsExhausted = sentinel(CodeIDsExhausted, "the database has run out of ids for new records")
	// ErrNotDevpath: the file is not a devpath database.
	ErrNotDevpath = sentinel(CodeNotDevpath, "not a devpath database")
	// ErrDamaged: the file failed SQLite's integrity check.
	ErrDamaged = sentinel(CodeDamaged, "the database file is damaged")
	// ErrNoDisplay: the window was asked for where no display server is
	// named (neither DISPLAY nor WAYLAND_DISPLAY is set).
	ErrNoDisplay = sentinel(CodeNoDisplay, "no display to open the window on: neither DISPLAY nor WAYLAND_DISPLAY is set (the command line needs none: devpath help)")
	// ErrNotFound: no such evidence entry, check-in or suggestion.
	ErrNotFound = sentinel(CodeNotFound, "not found")
	// ErrReviewed: the suggestion was accepted or dismissed already.
	ErrReviewed = sentinel(CodeReviewed, "already reviewed")
	// ErrLabelTaken: another check-in has that label.
	ErrLabelTaken = sentinel(CodeLabelTaken, "a check-in with that label exists already")
	// ErrRoadmapInvalid: the roadmap the database holds fails its checks.
	ErrRoadmapInvalid = sentinel(CodeRoadmapInvalid, "the roadmap stored in the database is not valid")
	// ErrNotOurRequest: a review response answers a request this database
	// did not make.
	ErrNotOurRequest = sentinel(CodeNotOurRequest, "it answers a review request this database did not make")
	// ErrOtherVersion: a review response answers another copy of the
	// request than the one this database made.
	ErrOtherVersion = sentinel(CodeOtherVersion, "it answers a different copy of the request than the one this database made")
	// ErrKeyChanged: the reviewer signed with another key than the one
	// pinned for them.
	ErrKeyChanged = sentinel(CodeKeyChanged, "the reviewer signed with a different key than before")
	// ErrAlreadyImported: the review response was imported before.
	ErrAlreadyImported = sentinel(CodeAlreadyImported, "this response was imported already")
	// ErrNoName: signing a review needs the reviewer's name.
	ErrNoName = sentinel(CodeNoName, "your name is not set: set it with 'devpath profile --name' or in Settings, so the engineer knows who reviewed")
	// ErrNotBackup: the file is not a devpath JSON backup.
	ErrNotBackup = sentinel(CodeNotBackup, "not a devpath backup")
	// ErrBadDate: not a calendar day written YYYY-MM-DD.
	ErrBadDate = sentinel(CodeBadDate, "not a date (use YYYY-MM-DD)")
	// ErrTargetPast: the target date is today or before.
	ErrTargetPast = sentinel(CodeTargetPast, "the target date must be after today")
	// ErrTargetBeyond: the target date is past the roadmap's horizon.
	ErrTargetBeyond = sentinel(CodeTargetBeyond, "the target date is past the roadmap's planning horizon")
	// ErrDuePast: the due date is before today.
	ErrDuePast = sentinel(CodeDuePast, "the due date is before today")
	// ErrUnknownEntry: the roadmap has no entry with that id.
	ErrUnknownEntry = sentinel(CodeUnknownEntry, "no such entry in the roadmap")
	// ErrNotInPlan: the entry is not in the plan.
	ErrNotInPlan = sentinel(CodeNotInPlan, "not in the plan")
	// ErrNotClaimed: the entry was never claimed, so there is nothing to
	// re-confirm.
	ErrNotClaimed = sentinel(CodeNotClaimed, "never claimed, so there is nothing to re-confirm")
	// ErrBadCadence: the cadence is not a duration.
	ErrBadCadence = sentinel(CodeBadCadence, "not a cadence (use off, weekly, monthly, quarterly, yearly, or a number with d, w or m, such as 6w)")
)
