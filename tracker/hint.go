package tracker

// HintCode says what a piece of advice of the assessment is about. The
// tracker only decides which advice applies and with what data; the words
// are in devpath/tracker/words, which says each hint for the window and for
// the command line.
type HintCode string

// Hint codes. The comment of each says which fields of Hint it fills.
const (
	// HintNoStages: the roadmap has no stages to measure readiness against.
	HintNoStages HintCode = "no_stages"
	// HintStageNotSet: the profile has no stage; Stage is the title of the
	// stage readiness is shown for instead.
	HintStageNotSet HintCode = "stage_not_set"
	// HintStageUnknown: the profile's stage, Value, is not in the roadmap;
	// Stage is the title of the stage readiness is shown for instead.
	HintStageUnknown HintCode = "stage_unknown"
	// HintTopRung: the user holds the top rung of the ladder titled Track,
	// so there is no next level.
	HintTopRung HintCode = "top_rung"
	// HintChooseBranch: the stage counts a specialisation branch's items and
	// no branch is chosen.
	HintChooseBranch HintCode = "choose_branch"
	// HintBranchUnknown: the profile's branch, Value, is not in the roadmap.
	HintBranchUnknown HintCode = "branch_unknown"
	// HintTrackUnknown: the profile's track, Value, is not in the roadmap.
	HintTrackUnknown HintCode = "track_unknown"
	// HintChooseTrack: the stage counts a track's skills and no track is
	// chosen.
	HintChooseTrack HintCode = "choose_track"
	// HintChooseTrackRung: at the top stage, without a track there is no
	// next rung to measure readiness for.
	HintChooseTrackRung HintCode = "choose_track_rung"
	// HintChooseTrackBoth: at the top stage, a track's skills count and its
	// next rung is the next level, and no track is chosen.
	HintChooseTrackBoth HintCode = "choose_track_both"
)

// HintCodes lists every hint code, so that whatever words hints can check
// that it words them all.
var HintCodes = []HintCode{
	HintNoStages, HintStageNotSet, HintStageUnknown, HintTopRung,
	HintChooseBranch, HintBranchUnknown, HintTrackUnknown,
	HintChooseTrack, HintChooseTrackRung, HintChooseTrackBoth,
}

// Hint is one piece of advice for the user's situation: a code and the data
// its words need. Fields a code does not use are empty.
type Hint struct {
	Code HintCode `json:"code"`
	// Stage is a stage title.
	Stage string `json:"stage,omitempty"`
	// Track is a track title.
	Track string `json:"track,omitempty"`
	// Value is a profile value the roadmap does not know (an id with no
	// title to show instead).
	Value string `json:"value,omitempty"`
}
