package main

import (
	"context"

	"hankekirja/store"
	"hankekirja/ui"
)

var _ ui.Crypt = storeCrypt{}

// storeCrypt gives the window package store's encryption of closed files.
type storeCrypt struct{}

func (storeCrypt) NeedsPassphrase(path string) bool {
	enc, err := store.IsEncrypted(path)
	// A missing or damaged file gets its own message from Open.
	return err == nil && enc && !store.IsUnlocked(path)
}

func (storeCrypt) Unlock(path string, pass []byte) error { return store.Unlock(path, pass) }

func (storeCrypt) Encrypt(ctx context.Context, path string, pass []byte, progress func(done, total int64)) (int, []string, error) {
	res, err := store.Encrypt(ctx, path, store.Encryption{Passphrase: pass}, nil, progress)
	return len(res.Backups), res.Removed, err
}

func (storeCrypt) Decrypt(ctx context.Context, path string, progress func(done, total int64)) error {
	return store.Decrypt(ctx, path, nil, progress)
}

func (storeCrypt) ChangePassphrase(ctx context.Context, path string, pass []byte, progress func(done, total int64)) error {
	return store.ChangePassphrase(ctx, path, store.Encryption{Passphrase: pass}, nil, progress)
}
