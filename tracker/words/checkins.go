package words

import "fmt"

// LabelTaken says that a check-in has the label already, once: the window
// shows it under the label field, the command line as its error.
func LabelTaken(label string) string {
	return fmt.Sprintf("a check-in named %q exists already; choose another label", label)
}
