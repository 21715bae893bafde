package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"hankekirja/model"
)

// bbolt's page checker (Tx.Check) runs in a goroutine of its own, where a
// read through a damaged page faults and kills the process; no recover in
// this package can reach it. So the page check of a file runs in a child
// process: the same binary, started with pageCheckEnv naming the file,
// checks the pages and exits before main runs (see init below). A crash of
// the child is an answer too: the file is damaged.

// pageCheckEnv names the file a child process started by CheckPages
// checks.
const pageCheckEnv = "HANKEKIRJA_CHECK_PAGES"

// Exit codes of the page-checking child.
const (
	pagesOK       = 0
	pagesProblems = 3
	pagesNoOpen   = 4
	pagesLocked   = 5
	// contentsProblems: the pages are sound, the contents are not.
	contentsProblems = 6
)

// contentsCheckEnv, set beside pageCheckEnv, makes the child check the
// file's contents too when its pages are sound (Verify): a backup of a
// large archive is then read in the child, and the window's memory does
// not grow by the backup's size every day.
const contentsCheckEnv = "HANKEKIRJA_CHECK_CONTENTS"

func init() {
	if path := os.Getenv(pageCheckEnv); path != "" {
		status := checkPagesHere(path)
		if status == pagesOK && os.Getenv(contentsCheckEnv) != "" {
			problems, err := checkFileContents(context.Background(), path)
			if err != nil {
				problems = append(problems, err.Error())
			}
			for _, p := range problems {
				fmt.Println(p)
			}
			if len(problems) > 0 {
				status = contentsProblems
			}
		}
		os.Exit(status)
	}
}

// checkPagesHere checks path's pages in this process, printing one line
// per problem.
func checkPagesHere(path string) int {
	b, err := bolt.Open(path, 0o400, &bolt.Options{ReadOnly: true, Timeout: backupOpenLimit})
	if errors.Is(err, berrors.ErrTimeout) {
		return pagesLocked
	}
	if err != nil {
		fmt.Println(err)
		return pagesNoOpen
	}
	defer b.Close()
	status := pagesOK
	b.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			fmt.Println(err)
			status = pagesProblems
		}
		return nil
	})
	return status
}

// CheckPages runs bbolt's consistency check of the file at path in a child
// process and returns its problems, one line each; none means the pages
// are sound. The file must not be open in this process (bbolt's lock).
// A file the child cannot open is EDAMAGED; so is one that crashes it.
func CheckPages(path string) ([]string, error) {
	return checkInChild(path, false)
}

// checkInChild runs the checking child on path: its pages, and with
// contents its contents too.
func checkInChild(path string, contents bool) ([]string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), pageCheckEnv+"="+path)
	if contents {
		cmd.Env = append(cmd.Env, contentsCheckEnv+"=1")
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	err = cmd.Run()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) == 1 && lines[0] == "" {
		lines = nil
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil, nil
	case errors.As(err, &exit) && exit.ExitCode() == pagesProblems:
		for i, l := range lines {
			lines[i] = "bbolt: " + l
		}
		return lines, nil
	case errors.As(err, &exit) && exit.ExitCode() == contentsProblems:
		return lines, nil
	case errors.As(err, &exit) && exit.ExitCode() == pagesLocked:
		return nil, &model.Error{Code: model.ELOCKED, Key: "error.locked", Args: map[string]any{"Path": path}}
	case errors.As(err, &exit) && exit.ExitCode() == pagesNoOpen:
		return nil, damaged(path, errors.New(strings.Join(lines, "; ")))
	case errors.As(err, &exit):
		// A fault or a panic outside bbolt's recover: damage it could not
		// even describe.
		return []string{"bbolt: the page check stopped on a damaged page (" + exit.String() + ")"}, nil
	}
	return nil, err
}
