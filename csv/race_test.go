//go:build race

package csv

func init() { defaultChecks = "10" }
