package main

import (
	"fmt"
	"io"
	"os"
	"runtime"

	"golang.org/x/term"

	"hankekirja/model"
	"hankekirja/store"
)

// Encryption at rest on the command line:
//
//	hankekirja encrypt      encrypt the database under a new passphrase
//	hankekirja decrypt      make it a plain file again
//	hankekirja passphrase   change the passphrase (the data key stays)
//
// Each rewrites the closed file beside itself and renames the copy over it
// (store.Encrypt), printing its progress on standard error. The database's
// passphrase comes from $HANKEKIRJA_PASSPHRASE, else from the terminal
// without echo (three tries); a new passphrase from
// $HANKEKIRJA_NEW_PASSPHRASE (for encrypt, $HANKEKIRJA_PASSPHRASE will do),
// else from the terminal, twice. Every other subcommand that opens an
// encrypted database asks for its passphrase the same way (dbFile).

func init() {
	subcommands["encrypt"] = (*cli).encrypt
	subcommands["decrypt"] = (*cli).decrypt
	subcommands["passphrase"] = (*cli).changePassphrase
}

// passphraseTries is how many times a terminal may be asked.
const passphraseTries = 3

// dbFile returns the database's path, first unlocking it when it is
// encrypted (so that store.Open, Compact, Restore and the backups need no
// passphrase of their own).
func (c *cli) dbFile() (string, error) {
	path, err := c.path()
	if err != nil {
		return "", err
	}
	if enc, err := store.IsEncrypted(path); err != nil || !enc || store.IsUnlocked(path) {
		return path, nil // a missing or damaged file gets its own error from Open
	}
	if p := c.getenv("HANKEKIRJA_PASSPHRASE"); p != "" {
		return path, store.Unlock(path, []byte(p))
	}
	for try := 1; ; try++ {
		p, err := c.askSecret("cli.crypt.prompt", path)
		if err != nil {
			return "", err
		}
		err = store.Unlock(path, []byte(p))
		if model.ErrorCode(err) != model.EPASSPHRASE {
			return path, err
		}
		if try == passphraseTries {
			return "", &model.Error{Code: model.EPASSPHRASE, Key: "error.passphrase_tries", Args: map[string]any{"Path": path}}
		}
		c.errorLine(c.msg("error.passphrase_wrong", map[string]any{"Path": path}))
	}
}

// newPassphrase returns a new passphrase from the environment variable
// env (else $HANKEKIRJA_PASSPHRASE when fallback) or asks for it twice.
func (c *cli) newPassphrase(path, env string, fallback bool) ([]byte, error) {
	if p := c.getenv(env); p != "" {
		return []byte(p), nil
	}
	if p := c.getenv("HANKEKIRJA_PASSPHRASE"); fallback && p != "" {
		return []byte(p), nil
	}
	p, err := c.askSecret("cli.crypt.new_prompt", path)
	if err != nil {
		return nil, err
	}
	again, err := c.askSecret("cli.crypt.again_prompt", path)
	if err != nil {
		return nil, err
	}
	if again != p {
		return nil, &model.Error{Code: model.EINVALID, Key: "error.passphrase_mismatch"}
	}
	return []byte(p), nil
}

// askSecret asks for a passphrase on the terminal without echo.
func (c *cli) askSecret(key, path string) (string, error) {
	noPass := &model.Error{Code: model.ENEEDKEY, Key: "error.passphrase_no_source", Args: map[string]any{"Path": path}}
	tty, err := openTerminal()
	if err != nil {
		return "", noPass
	}
	defer tty.Close()
	var prompt io.Writer = tty
	if runtime.GOOS == "windows" {
		prompt = c.stderr // console input cannot be written to
	}
	fmt.Fprint(prompt, c.msg(key, map[string]any{"Path": path}))
	b, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(prompt)
	if err != nil {
		return "", noPass
	}
	return string(b), nil
}

// progress prints how far a rewrite is on standard error: one line that
// rewrites itself on a terminal, a line per tenth otherwise.
func (c *cli) progress(key string) func(done, total int64) {
	f, ok := c.stderr.(*os.File)
	tty := ok && term.IsTerminal(int(f.Fd()))
	last := int64(-1)
	return func(done, total int64) {
		pct := int64(100)
		if total > 0 && done < total {
			pct = done * 100 / total
		}
		if !tty && pct/10 == last/10 {
			return
		}
		last = pct
		line := c.msg(key, map[string]any{"Number": pct})
		if tty {
			fmt.Fprintf(c.stderr, "\r%s", line)
			if pct == 100 {
				fmt.Fprintln(c.stderr)
			}
			return
		}
		fmt.Fprintln(c.stderr, line)
	}
}

// encrypt: hankekirja encrypt
func (c *cli) encrypt(args []string) int {
	path, ok, status := c.cryptArgs("encrypt", args)
	if !ok {
		return status
	}
	if enc, err := store.IsEncrypted(path); err != nil {
		return c.fail(err)
	} else if enc {
		return c.fail(&model.Error{Code: model.EINVALID, Key: "error.already_encrypted", Args: map[string]any{"Path": path}})
	}
	pass, err := c.newPassphrase(path, "HANKEKIRJA_NEW_PASSPHRASE", true)
	if err != nil {
		return c.fail(err)
	}
	res, err := store.Encrypt(c.ctx, path, store.Encryption{Passphrase: pass}, nil, c.progress("cli.crypt.encrypting"))
	if err != nil {
		return c.fail(err)
	}
	c.println(c.msg("cli.crypt.encrypted", map[string]any{"Path": path, "Count": len(res.Backups)}))
	for _, r := range res.Removed {
		c.println(c.msg("cli.crypt.backup_removed", map[string]any{"Path": r}))
	}
	return exitOK
}

// unlockEncrypted refuses a file that is not encrypted and asks for the
// passphrase of one that is (decrypt and passphrase start with both).
func (c *cli) unlockEncrypted(path string) error {
	enc, err := store.IsEncrypted(path)
	if err != nil {
		return err
	}
	if !enc {
		return &model.Error{Code: model.EINVALID, Key: "error.not_encrypted", Args: map[string]any{"Path": path}}
	}
	_, err = c.dbFile()
	return err
}

// decrypt: hankekirja decrypt
func (c *cli) decrypt(args []string) int {
	path, ok, status := c.cryptArgs("decrypt", args)
	if !ok {
		return status
	}
	if err := c.unlockEncrypted(path); err != nil {
		return c.fail(err)
	}
	if err := store.Decrypt(c.ctx, path, nil, c.progress("cli.crypt.decrypting")); err != nil {
		return c.fail(err)
	}
	c.println(c.msg("cli.crypt.decrypted", map[string]any{"Path": path}))
	return exitOK
}

// changePassphrase: hankekirja passphrase
func (c *cli) changePassphrase(args []string) int {
	path, ok, status := c.cryptArgs("passphrase", args)
	if !ok {
		return status
	}
	if err := c.unlockEncrypted(path); err != nil {
		return c.fail(err)
	}
	pass, err := c.newPassphrase(path, "HANKEKIRJA_NEW_PASSPHRASE", false)
	if err != nil {
		return c.fail(err)
	}
	if err := store.ChangePassphrase(c.ctx, path, store.Encryption{Passphrase: pass}, nil, c.progress("cli.crypt.rewrapping")); err != nil {
		return c.fail(err)
	}
	c.println(c.msg("cli.crypt.changed", map[string]any{"Path": path}))
	return exitOK
}

// cryptArgs parses the (empty) arguments of the three subcommands and
// returns the database's path.
func (c *cli) cryptArgs(name string, args []string) (string, bool, int) {
	fs := c.flags(name)
	args, err := c.parse(fs, args, false)
	if err != nil {
		return "", false, c.flagError(err)
	}
	if status, ok := c.wantArgs(args, 0, 0); !ok {
		return "", false, status
	}
	path, err := c.path()
	if err != nil {
		return "", false, c.fail(err)
	}
	return path, true, exitOK
}
