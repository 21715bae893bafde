//go:build race

package table

func init() { defaultChecks = "10" }
