package tracker

import (
	"errors"
	"strconv"
)

// CheckLabel is the rule for a check-in's label: text of at most
// MaxLabelLen characters that is not a bare number (numbers name check-ins
// by id).
func CheckLabel(label string) error {
	if err := ValidateText("label", label, MaxNameLen); err != nil {
		return err
	}
	if _, err := strconv.ParseInt(label, 10, 64); err == nil {
		return errors.New("a label must not be just a number (numbers name check-ins by id)")
	}
	return nil
}
