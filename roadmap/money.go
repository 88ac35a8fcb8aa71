package roadmap

import (
	"strconv"
	"strings"
)

// Money writes a whole yearly amount with the region's currency sign and a
// comma every three digits: £40,000 for RegionUK, $130,000 for RegionUS.
func Money(amount int, region string) string {
	sign := "£"
	if region == RegionUS {
		sign = "$"
	}
	if amount < 0 {
		return "-" + sign + Thousands(-amount)
	}
	return sign + Thousands(amount)
}

// Thousands writes n with a comma every three digits: 1,234,567.
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	digits := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// EditDistance is the Levenshtein distance between a and b, in bytes; it
// ranks "did you mean" suggestions.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
