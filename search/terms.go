// Package search is what Hankekirja's full-text search knows apart from
// the storage: which texts of each kind of record are searched (Texts),
// how a text becomes index keys (surface words folded, base forms and
// compound parts from package morph, Snowball stems of the folded words),
// how a query becomes the keys to look up, how matches rank, and the
// snippet shown for a hit. Package store keeps the index in bbolt buckets
// and calls this package in the transaction that saves a record.
package search

import (
	"strings"
	"sync"
	"unicode"

	"hankekirja/model"
	"hankekirja/morph"
)

// Class is how a key came out of a word of a record; with the field it
// decides the rank of a match.
type Class uint8

// The classes, best first.
const (
	// ClassSurface: the word itself, folded (Hyvinkään → hyvinkaan).
	ClassSurface Class = iota
	// ClassBase: the word's most likely base form (kunnan → kunta).
	ClassBase
	// ClassPart: another reading's base form or a compound part
	// (palvelutuotannon → tuotanto).
	ClassPart
	// ClassStem: the Snowball stem of the folded word, which lets a name
	// typed without ä and ö meet its inflected forms.
	ClassStem
)

// Key namespaces: a surface word and a base form that are spelt alike are
// different keys, so that a match says which it was.
const (
	nsSurface = 's'
	nsBase    = 'b'
	nsStem    = 't'
)

// Key is the 64-bit hash of a namespaced term. Terms are people's names
// and words of their minutes; bbolt keys hold only these hashes.
type Key uint64

// keyOf is FNV-1a of ns, a zero byte and term, without allocating.
func keyOf(ns byte, term string) Key {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h = (h ^ uint64(ns)) * prime
	h *= prime // the zero byte
	for i := 0; i < len(term); i++ {
		h = (h ^ uint64(term[i])) * prime
	}
	return Key(h)
}

// SurfaceKey is the key of a folded surface word, as Surfaces lists them.
func SurfaceKey(folded string) Key { return keyOf(nsSurface, folded) }

// Occurrence is where a key occurs in a record: the field, the agenda item
// (0 for none) and the best class it had there.
type Occurrence struct {
	Field Field
	Item  int
	Class Class
}

// Indexer turns records into index keys and queries into the keys to look
// up. It is safe for concurrent use.
type Indexer struct {
	an   morph.Analyser
	stem morph.Analyser

	mu    sync.Mutex
	cache map[string]*tokenKeys
}

// NewIndexer uses an for base forms and compound parts; nil means
// morph.New().
func NewIndexer(an morph.Analyser) *Indexer {
	if an == nil {
		an = morph.New()
	}
	return &Indexer{an: an, stem: morph.NewSnowball(), cache: map[string]*tokenKeys{}}
}

// Analyser names the analyser the keys come from: an index built by
// another must be rebuilt.
func (ix *Indexer) Analyser() string { return ix.an.Name() }

// Entry is what a record gives the index: the best occurrence (by Rank)
// of each key, and the folded surface words it has, for prefix matching.
type Entry struct {
	Keys     map[Key]Occurrence
	Surfaces map[Key]string
}

// Index analyses every text of r.
func (ix *Indexer) Index(r model.Record, names Names) Entry {
	e := Entry{Keys: make(map[Key]Occurrence, 256), Surfaces: map[Key]string{}}
	for _, t := range Texts(r, names) {
		for _, tok := range tokens(t.Field, t.Text) {
			ix.indexToken(&e, Occurrence{Field: t.Field, Item: t.Item}, tok)
		}
	}
	return e
}

// indexToken adds the keys of one word. Whole folded words are kept only
// in names and in the short fields people search by their letters (a
// town, a title, a tag) and for words with digits: in running text the
// base forms find every form, and a surface key for each of the minutes'
// words would double the index. The Snowball stem of the folded word is
// kept for words with letters that folding changes (ä, ö, å), so that
// Hyvinkaan meets Hyvinkään.
func (ix *Indexer) indexToken(e *Entry, at Occurrence, tok string) {
	tk := ix.keysOf(tok)
	if keepsSurface(at.Field) || !tk.letter || tk.digit {
		for i, k := range tk.surfKeys {
			if keepsSurface(at.Field) {
				e.Surfaces[k] = tk.surfaces[i]
			}
			e.add(k, at, ClassSurface)
		}
	}
	for _, t := range tk.terms {
		e.add(t.key, at, t.class)
	}
	if tk.hasStem {
		e.add(tk.stem, at, ClassStem)
	}
}

// tokenKeys is every key a word can give, whatever its field.
type tokenKeys struct {
	surfaces      []string
	surfKeys      []Key
	terms         []classedKey
	stem          Key
	hasStem       bool
	letter, digit bool
}

type classedKey struct {
	key   Key
	class Class
}

// maxTokenCache bounds the words whose keys the indexer remembers: the
// same words fill every meeting, and working them out again (folding,
// the analyser, hashing) was most of a rebuild's time.
const maxTokenCache = 100_000

func (ix *Indexer) keysOf(tok string) *tokenKeys {
	ix.mu.Lock()
	tk, ok := ix.cache[tok]
	ix.mu.Unlock()
	if ok {
		return tk
	}
	tk = &tokenKeys{letter: hasLetter(tok), digit: hasDigit(tok)}
	folded := morph.Fold(tok)
	tk.surfaces = surfaces(folded)
	for _, s := range tk.surfaces {
		tk.surfKeys = append(tk.surfKeys, SurfaceKey(s))
	}
	if tk.letter {
		terms := ix.an.Terms(tok)
		for i, term := range terms {
			c := ClassBase
			if i > 0 {
				c = ClassPart
			}
			tk.terms = append(tk.terms, classedKey{keyOf(nsBase, term), c})
			// Neighbouring parts joined are a part too: Voikko splits
			// maakuntauudistus into maa, kunta, uudistus, and maakunta
			// should find it.
			if i > 1 {
				tk.terms = append(tk.terms, classedKey{keyOf(nsBase, terms[i-1]+term), ClassPart})
			}
		}
		if folded != strings.ToLower(tok) {
			if st := ix.stem.Terms(folded); len(st) > 0 {
				tk.stem, tk.hasStem = keyOf(nsStem, st[0]), true
			}
		}
	}
	ix.mu.Lock()
	if len(ix.cache) >= maxTokenCache {
		clear(ix.cache)
	}
	ix.cache[tok] = tk
	ix.mu.Unlock()
	return tk
}

// keepsSurface tells the fields whose whole words are indexed as typed.
func keepsSurface(f Field) bool {
	switch f {
	case FieldMunicipality, FieldCity, FieldJobTitle, FieldTag, FieldGroupName, FieldPerson:
		return true
	}
	return f.IsName()
}

func hasDigit(s string) bool {
	return strings.ContainsFunc(s, unicode.IsDigit)
}

// add keeps the occurrence of k that ranks best, the first of equals.
func (e *Entry) add(k Key, at Occurrence, c Class) {
	at.Class = c
	if o, ok := e.Keys[k]; ok && Rank(o, false) <= Rank(at, false) {
		return
	}
	e.Keys[k] = at
}

// surfaces are the folded forms a token is found by whole: itself, and the
// parts of a hyphenated word (KUUMA-kuntien → kuuma, kuntien) or of an
// address (matti.meikalainen@kunta.fi → matti, meikalainen, kunta, fi).
// A number is found also by its digits alone (2844969-4 → 28449694).
func surfaces(folded string) []string {
	out := []string{strings.Trim(folded, "-.@_+")}
	parts := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(parts) > 1 {
		out = append(out, parts...)
		if !hasLetter(folded) {
			out = append(out, strings.Join(parts, ""))
		}
	}
	return out
}

// tokens splits a text into words. A phone number is one token in every
// way it is written (see phoneForms); an email address is one token.
func tokens(f Field, text string) []string {
	if f == FieldPhone {
		return phoneForms(text)
	}
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-.@_+", r)
	})
}

// phoneForms is a phone number as the index keeps it, one token of its
// digits with a Finnish +358 read as the leading 0 (+358 40 123 4567 →
// 0401234567); queries are read the same way (phoneQuery), so every
// common writing meets it.
func phoneForms(p string) []string {
	d := normalPhone(digits(p))
	if d == "" {
		return nil
	}
	return []string{d}
}

// normalPhone turns 358… into 0….
func normalPhone(d string) string {
	if rest, ok := strings.CutPrefix(d, "358"); ok && len(rest) >= 5 {
		return "0" + rest
	}
	return d
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
