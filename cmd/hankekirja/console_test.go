package main

import "testing"

func TestKeepStdHandle(t *testing.T) {
	for _, tc := range []struct {
		name     string
		valid    bool
		fileType uint32
		want     bool
	}{
		{"NoHandle", false, fileTypeUnknown, false},
		{"UnknownType", true, fileTypeUnknown, false},
		{"RedirectedToFile", true, fileTypeDisk, true},
		{"Piped", true, fileTypePipe, true},
		{"Console", true, fileTypeChar, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := keepStdHandle(tc.valid, tc.fileType); got != tc.want {
				t.Errorf("keepStdHandle(%v, %d) = %v, want %v", tc.valid, tc.fileType, got, tc.want)
			}
		})
	}
	if got := consoleDevice(true); got != "CONIN$" {
		t.Errorf("input device = %q", got)
	}
	if got := consoleDevice(false); got != "CONOUT$" {
		t.Errorf("output device = %q", got)
	}
}
