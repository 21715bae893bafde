//go:build race

package vcard

func init() { defaultChecks = "10" }
