package ui

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"hankekirja/model"
)

// projectParsePercent reads a share as typed ("50", "33,3", "50 %"). Blank is
// zero.
func projectParsePercent(s string) (float64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errors.New("not a number")
	}
	return v, nil
}

// projectSplitTags reads comma-separated tags.
func projectSplitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// projectParseLinks reads links one per line: "Title | https://…", or just the
// address.
func projectParseLinks(s string) []model.Link {
	var out []model.Link
	for _, line := range splitLines(s) {
		var l model.Link
		if i := strings.LastIndex(line, "|"); i >= 0 {
			l.Title, l.URL = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:])
		} else if f := strings.Fields(line); len(f) > 1 && strings.Contains(f[len(f)-1], "://") {
			l.Title, l.URL = strings.Join(f[:len(f)-1], " "), f[len(f)-1]
		} else {
			l.URL = line
		}
		out = append(out, l)
	}
	return out
}

// projectLinksText is the links as the form shows them, one per line.
func projectLinksText(links []model.Link) string {
	lines := make([]string, len(links))
	for i, l := range links {
		lines[i] = l.URL
		if l.Title != "" {
			lines[i] = l.Title + " | " + l.URL
		}
	}
	return strings.Join(lines, "\n")
}
