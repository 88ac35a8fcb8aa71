// Command roadmapids prints tickable entry ids of one stage of a roadmap,
// read as the canonical JSON of "devpath roadmap --json" on standard input,
// one id a line: up to n of the stage's skill items, then its first
// criterion. The window test uses it to tick real entries without jq.
//
// Usage: devpath roadmap --json | go run .ci/roadmapids.go [-stage mid] [-n 6]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

type item struct {
	ID string `json:"id"`
}

type stage struct {
	ID     string `json:"id"`
	Skills []struct {
		Items []item `json:"items"`
	} `json:"skills"`
	Criteria []item `json:"criteria"`
}

func main() {
	stageID := flag.String("stage", "mid", "the stage `id` whose entries to print")
	n := flag.Int("n", 6, "print at most this many skill items (and then the first criterion)")
	flag.Parse()
	var rm struct {
		Stages []stage `json:"stages"`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&rm); err != nil {
		fmt.Fprintf(os.Stderr, "roadmapids: read roadmap JSON: %v\n", err)
		os.Exit(1)
	}
	for _, s := range rm.Stages {
		if s.ID != *stageID {
			continue
		}
		printed := 0
		for _, g := range s.Skills {
			for _, it := range g.Items {
				if printed < *n && it.ID != "" {
					fmt.Println(it.ID)
					printed++
				}
			}
		}
		for _, c := range s.Criteria[:min(len(s.Criteria), 1)] {
			fmt.Println(c.ID)
		}
		if printed == 0 {
			fmt.Fprintf(os.Stderr, "roadmapids: stage %q has no skill items\n", *stageID)
			os.Exit(1)
		}
		return
	}
	fmt.Fprintf(os.Stderr, "roadmapids: no stage %q in the roadmap\n", *stageID)
	os.Exit(1)
}
