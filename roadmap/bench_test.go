package roadmap

import (
	"strings"
	"testing"
)

func BenchmarkLoadDefaultYAML(b *testing.B) {
	for b.Loop() {
		if _, err := Load(devopsYAML); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadDefaultJSON(b *testing.B) {
	j, err := Default().JSON()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load(j); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateDefault(b *testing.B) {
	r := Default()
	for b.Loop() {
		if err := r.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadHostile measures how fast inputs at the limits are turned
// away.
func BenchmarkLoadHostile(b *testing.B) {
	inputs := map[string]string{
		"over size":      strings.Repeat("x", MaxFileSize+1),
		"deep JSON":      `{"stages": ` + strings.Repeat("[", MaxFileSize/2),
		"deep YAML":      "stages: " + strings.Repeat("[", MaxFileSize/2),
		"alias bomb":     "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
		"many documents": strings.Repeat("---\nx: 1\n", 1000),
	}
	for name, src := range inputs {
		data := []byte(src)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Load(data); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}
