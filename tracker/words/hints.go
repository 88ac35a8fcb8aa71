package words

import (
	"strings"

	"devpath/tracker"
)

// Where says whom a text is for: the window, where the user clicks, the
// command line, where the user types a command, or a report, which a reader
// may read away from devpath and which names neither.
type Where int

// The places devpath speaks.
const (
	Window Where = iota
	CommandLine
	Report
)

// action is how to do one thing, in the window and on the command line.
type action struct{ window, commandLine string }

// The actions hints ask for.
var (
	setStage = action{
		window:      "in Settings",
		commandLine: "with 'devpath profile --stage ID' (the ids are in 'devpath roadmap')",
	}
	chooseBranch = action{
		window:      "on the Paths screen",
		commandLine: "with 'devpath profile --branch ID' (the ids are in 'devpath roadmap')",
	}
	chooseTrack = action{
		window:      "on the Paths screen",
		commandLine: "with 'devpath profile --track ID' (the ids are in 'devpath roadmap')",
	}
)

// hintWords is a hint's sentence, in which {stage}, {track} and {value}
// stand for the hint's fields and {where} for its action.
type hintWords struct {
	text string
	act  action
}

// hintTable words every hint code.
var hintTable = map[tracker.HintCode]hintWords{
	tracker.HintNoStages: {text: "This roadmap has no stages, so there is no level to measure readiness against."},
	tracker.HintStageNotSet: {
		text: "Your stage is not set, so readiness is shown for {stage}. Set your stage {where}.",
		act:  setStage,
	},
	tracker.HintStageUnknown: {
		text: "Your stage “{value}” is not in this roadmap, so readiness is shown for {stage}. Set your stage {where}.",
		act:  setStage,
	},
	tracker.HintTopRung: {text: "You hold the top rung of the {track} ladder: there is no next level to measure readiness for."},
	tracker.HintChooseBranch: {
		text: "Choose a specialisation branch {where}: its items then count towards this stage.",
		act:  chooseBranch,
	},
	tracker.HintBranchUnknown: {
		text: "Your branch “{value}” is not in this roadmap. Choose a specialisation branch {where}: its items then count towards this stage.",
		act:  chooseBranch,
	},
	tracker.HintTrackUnknown: {
		text: "Your track “{value}” is not in this roadmap. Choose a track {where}.",
		act:  chooseTrack,
	},
	tracker.HintChooseTrack: {
		text: "Choose a track {where}: its skills then count towards this stage.",
		act:  chooseTrack,
	},
	tracker.HintChooseTrackRung: {
		text: "Choose a track {where}: the next rung of its ladder then becomes your next level.",
		act:  chooseTrack,
	},
	tracker.HintChooseTrackBoth: {
		text: "Choose a track {where}: its skills then count towards this stage, and the next rung of its ladder becomes your next level.",
		act:  chooseTrack,
	},
}

// Hint says a hint for the window or the command line.
func Hint(h tracker.Hint, where Where) string {
	w, ok := hintTable[h.Code]
	if !ok {
		return "Advice " + string(h.Code) + "."
	}
	act := " " + w.act.window
	switch where {
	case CommandLine:
		act = " " + w.act.commandLine
	case Report:
		act = ""
	}
	return strings.NewReplacer(" {where}", act, "{stage}", h.Stage, "{track}", h.Track, "{value}", h.Value).Replace(w.text)
}

// Hints says each hint for the window or the command line.
func Hints(hs []tracker.Hint, where Where) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = Hint(h, where)
	}
	return out
}

// NoHints is what the Dashboard says when no hint applies.
const NoHints = "No hints: your profile has everything the readiness score needs."
