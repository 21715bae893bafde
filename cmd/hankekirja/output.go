package main

import (
	"bytes"
	"io"

	"hankekirja/store"
)

// Every file a command writes goes through writeOutput: it is written
// whole or not at all (a temporary file beside it, synced and renamed),
// created readable by its owner only (exports hold personal data), and it
// can never be the database, one of its backups or their folder.

// writeOutput writes what write produces to path, or to standard output
// when path is "-".
func (c *cli) writeOutput(path string, write func(w io.Writer) error) error {
	if path == "-" {
		return write(c.stdout)
	}
	if db, err := c.path(); err == nil {
		if err := store.CheckOutput(db, path); err != nil {
			return err
		}
	}
	return store.WriteFileAtomic(path, 0o600, write)
}

// writeOut writes data as writeOutput does.
func (c *cli) writeOut(path string, data []byte) error {
	return c.writeOutput(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// counter is a writer that counts the times token passes through it
// (rows of a CSV file, cards of a vCard file) as it streams on to w.
type counter struct {
	w     io.Writer
	token []byte
	n     int
	tail  []byte // the last len(token)-1 bytes, for a token split between writes
}

func (c *counter) Write(p []byte) (int, error) {
	joined := append(c.tail, p...)
	c.n += bytes.Count(joined, c.token) - bytes.Count(c.tail, c.token)
	if keep := len(c.token) - 1; len(joined) > keep {
		c.tail = append(c.tail[:0], joined[len(joined)-keep:]...)
	} else {
		c.tail = append(c.tail[:0], joined...)
	}
	return c.w.Write(p)
}
