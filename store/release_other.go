//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releasePages does nothing here (see release_linux.go): the pages a long
// read maps stay resident until the file is closed.
func releasePages(tx *bolt.Tx) {}
