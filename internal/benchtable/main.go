// Command benchtable turns the output of the archive benchmarks (go test
// -bench in cmd/hankekirja) into the table docs/benchmarks.md keeps: each
// measure, its figure, the baseline it is compared with and the ratio.
//
//	go test -run '^$' -bench 'Archive|Process|Window' ./cmd/hankekirja/ | go run ./internal/benchtable
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// baselines names the benchmark each one is compared with.
var baselines = map[string]string{
	"ArchiveCreateContact": "ArchiveBarePut",
	"ArchiveUpdateContact": "ArchiveBarePut",
	"ArchiveAutosave8":     "ArchiveBarePut8",
	"ArchiveAutosave60":    "ArchiveBarePut60",
}

type result struct {
	name    string
	nsPerOp float64
	metrics map[string]float64
	order   []string
}

var line = regexp.MustCompile(`^Benchmark(\S+?)(-\d+)?\s+\d+\s+(.*)$`)

func main() {
	var results []*result
	byName := map[string]*result{}
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		r := &result{name: m[1], metrics: map[string]float64{}}
		f := strings.Fields(m[3])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			if f[i+1] == "ns/op" {
				r.nsPerOp = v
				continue
			}
			r.metrics[f[i+1]] = v
			r.order = append(r.order, f[i+1])
		}
		results = append(results, r)
		byName[r.name] = r
	}
	fmt.Println("| measure | figure | baseline | ratio |")
	fmt.Println("| --- | --- | --- | --- |")
	for _, r := range results {
		figure := duration(r.nsPerOp)
		for _, k := range r.order {
			figure += fmt.Sprintf(", %s %s", trim(r.metrics[k]), k)
		}
		base, ratio := "", ""
		if b, ok := byName[baselines[r.name]]; ok && b.nsPerOp > 0 {
			base = fmt.Sprintf("%s: %s", b.name, duration(b.nsPerOp))
			ratio = fmt.Sprintf("%.2f×", r.nsPerOp/b.nsPerOp)
		}
		fmt.Printf("| %s | %s | %s | %s |\n", r.name, figure, base, ratio)
	}
}

func duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.1f ms", ns/1e6)
	default:
		return fmt.Sprintf("%.0f µs", ns/1e3)
	}
}

func trim(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
