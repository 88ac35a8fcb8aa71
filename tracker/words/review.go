package words

import (
	"errors"
	"fmt"

	"devpath/tracker"
	"devpath/tracker/review"
)

// The review actions, in the window and on the command line.
var (
	openReview = action{
		window:      "your manager opens it with File ▸ Open a review…",
		commandLine: "your manager opens it with 'devpath review open'",
	}
	importResponse = action{
		window:      "the engineer imports it with File ▸ Import a review response…",
		commandLine: "the engineer imports it with 'devpath review import'",
	}
	setName = action{
		window:      "type it here to sign; it is saved to your profile, as in Settings",
		commandLine: "set it with 'devpath profile --name' or in Settings",
	}
)

func (a action) in(where Where) string {
	if where == CommandLine {
		return a.commandLine
	}
	return a.window
}

// ReviewFileError says in one line what is wrong with the review file
// called name (a request opened or a response imported), for the window
// or the command line; "" when err is not about the file (a database
// error, which is shown as it is). Every refusal changed nothing, and says
// so.
func ReviewFileError(name string, err error, where Where) string {
	// The window's messages start with a capital letter: "the file"
	// takes it, so that the name is shown as it is on disk.
	if where == Window {
		name = "the file " + name
	}
	var field *review.CheckError
	switch {
	case errors.As(err, &field):
		return name + " is not a review file devpath would write: " + tracker.Visible(field.Error()) + "; nothing was changed"
	case errors.Is(err, review.ErrBadSig):
		return name + ": the signature does not match: it was changed after it was signed, or was not signed by devpath; nothing was imported"
	case errors.Is(err, review.ErrIsRequest):
		return name + " is a review request, not a response: " + openReview.in(where) + ", and you import the response to it"
	case errors.Is(err, review.ErrIsResponse):
		return name + " is a review response, not a request: " + importResponse.in(where)
	case errors.Is(err, review.ErrNewer):
		return fmt.Sprintf("%s: %v", name, err)
	case errors.Is(err, review.ErrNotReview), errors.Is(err, review.ErrIncomplete), errors.Is(err, review.ErrFileTooLong):
		return name + " is not a whole devpath review file (truncated, damaged or something else); nothing was changed"
	case errors.Is(err, tracker.ErrNotOurRequest), errors.Is(err, tracker.ErrOtherVersion), errors.Is(err, tracker.ErrAlreadyImported):
		return fmt.Sprintf("%s: %v; nothing was imported", name, err)
	case errors.Is(err, tracker.ErrKeyChanged):
		if where == CommandLine {
			who := "the reviewer"
			var k *tracker.KeyChange
			if errors.As(err, &k) {
				who = tracker.Visible(k.PinnedName)
			}
			return fmt.Sprintf("%s: %v; nothing was imported: import it with --accept-new-key only if %s told you, another way than the file came, that they have a new key", name, err, who)
		}
		return fmt.Sprintf("%s: %v; nothing was imported", name, tracker.ErrKeyChanged)
	}
	return ""
}

// KeyChanged asks whether to accept a reviewer's new signing key, naming
// the reviewer and key pinned and the file's, by fingerprint; when the
// file's name only looks like the pinned one, both are spelled out.
func KeyChanged(k tracker.KeyChange) string {
	name, pinned := tracker.Visible(k.Name), tracker.Visible(k.PinnedName)
	if k.Name == k.PinnedName {
		return fmt.Sprintf("%s signed this response with a different key than their earlier ones.\n\nKey you have for %s: %s\nKey of this file: %s\n\n"+
			"Accept the new key only if %s told you, another way than the file came, that they have a new one (a new computer, a new database), and the fingerprint they tell you is the new one.",
			name, pinned, k.PinnedKey, k.Key, name)
	}
	return fmt.Sprintf("This response is signed by a name that looks like %s but is written differently, with another key.\n\n"+
		"Key you have for %s, written %s: %s\nThis file: %s, written %s, key %s\n\n"+
		"Someone who saw your request may be posing as %s. Accept the new key only if %s told you, another way than the file came, that they now sign as %s with the key %s.",
		pinned, pinned, review.Spelled(k.PinnedName), k.PinnedKey, name, review.Spelled(k.Name), k.Key, pinned, pinned, review.Spelled(k.Name), k.Key)
}

// ReviewerNoName says that signing needs the reviewer's name, and where to
// set it.
func ReviewerNoName(where Where) string {
	return "Your name is not set: " + setName.in(where) + ", so the engineer knows who reviewed."
}

// Agree is the manager's choice that agrees with the engineer's level
// (lvl, in the words of the entry's kind).
func Agree(lvl string) string { return "agree (" + lvl + ")" }

// Gap words a gap in levels, manager minus self: "+1", "−2", "0".
func Gap(g int) string {
	switch {
	case g > 0:
		return fmt.Sprintf("+%d", g)
	case g < 0:
		return fmt.Sprintf("−%d", -g)
	}
	return "0"
}
