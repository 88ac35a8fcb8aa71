package tracker

// EventKinds lists every kind of event the log holds, in the order of their
// constants, so that whatever words events can check that it words them
// all.
var EventKinds = []string{EventLevel, EventSkip, EventProfile, EventEvidence, EventUndo, EventImport, EventRoadmap, EventTarget, EventPlan, EventReconfirm, EventCadence}

// ProfileFields returns the names of the profile's fields as the change
// log's profile events name them, in the order they are compared.
func ProfileFields() []string { return append([]string(nil), profileFields...) }

// profileFields are the profile's fields in the order they are compared and
// logged; the names are the event targets.
var profileFields = []string{"name", "stage", "stage_since", "career_start", "region", "branch", "track", "track_level"}
