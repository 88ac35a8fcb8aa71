package roadmap

import (
	_ "embed"
	"sync"
)

// devopsYAML is the DevOps career roadmap shipped with devpath.
//
//go:embed devops.yaml
var devopsYAML []byte

var (
	defaultOnce    sync.Once
	defaultRoadmap *Roadmap
)

// Default returns the embedded DevOps career roadmap, parsed and indexed on
// first use. The roadmap is shared: callers must not modify it. It panics
// only if the embedded file is invalid, which the package's tests rule out.
func Default() *Roadmap {
	defaultOnce.Do(func() {
		r, err := Load(devopsYAML)
		if err != nil {
			panic("roadmap: the embedded devops.yaml is invalid: " + err.Error())
		}
		defaultRoadmap = r
	})
	return defaultRoadmap
}

// DefaultYAML returns a copy of the embedded DevOps roadmap file, a starting
// point for a custom roadmap.
func DefaultYAML() []byte {
	return append([]byte(nil), devopsYAML...)
}
