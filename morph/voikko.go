//go:build cgo && !windows

package morph

// Voikko is loaded with dlopen rather than linked, so that the binary starts
// on a machine without libvoikko and falls back to Snowball there. cgo is
// already needed by Fyne, so this costs no new toolchain and no dependency
// (purego would do the same without cgo, but adds a module for nothing here).
//
// The prototypes below are those of libvoikko's voikko.h (4.x), written out
// so that the build does not need the headers either. Each word costs one
// cgo call: hk_analyse walks all analyses in C and hands back one string.

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct VoikkoHandle;
struct voikko_mor_analysis;

typedef struct {
	struct VoikkoHandle *(*init)(const char **error, const char *langcode, const char *path);
	void (*terminate)(struct VoikkoHandle *handle);
	struct voikko_mor_analysis **(*analyze)(struct VoikkoHandle *handle, const char *word);
	void (*free_analysis)(struct voikko_mor_analysis **analysis);
	const char **(*keys)(const struct voikko_mor_analysis *analysis);
	char *(*value)(const struct voikko_mor_analysis *analysis, const char *key);
	void (*free_value)(char *value);
	const char *(*version)(void);
} hk_voikko;

// hk_open loads the library called name and its functions into api. It
// returns 0, or -1 with the loader's message in err.
static int hk_open(const char *name, hk_voikko *api, char *err, size_t errlen) {
	void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(err, errlen, "%s", dlerror());
		return -1;
	}
	struct { void **slot; const char *sym; } syms[] = {
		{(void **)&api->init, "voikkoInit"},
		{(void **)&api->terminate, "voikkoTerminate"},
		{(void **)&api->analyze, "voikkoAnalyzeWordCstr"},
		{(void **)&api->free_analysis, "voikko_free_mor_analysis"},
		{(void **)&api->keys, "voikko_mor_analysis_keys"},
		{(void **)&api->value, "voikko_mor_analysis_value_cstr"},
		{(void **)&api->free_value, "voikko_free_mor_analysis_value_cstr"},
		{(void **)&api->version, "voikkoGetVersion"},
	};
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		*syms[i].slot = dlsym(lib, syms[i].sym);
		if (!*syms[i].slot) {
			snprintf(err, errlen, "%s: no symbol %s", name, syms[i].sym);
			dlclose(lib);
			return -1;
		}
	}
	return 0;
}

static struct VoikkoHandle *hk_init(hk_voikko *api, const char **err) {
	return api->init(err, "fi", NULL);
}

static void hk_terminate(hk_voikko *api, struct VoikkoHandle *h) { api->terminate(h); }

static const char *hk_version(hk_voikko *api) { return api->version(); }

typedef struct { char *buf; size_t len, cap; } hk_text;

static int hk_append(hk_text *t, const char *s) {
	size_t n = strlen(s);
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		while (t->len + n + 1 > cap) cap *= 2;
		char *b = realloc(t->buf, cap);
		if (!b) return -1;
		t->buf = b;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n + 1);
	t->len += n;
	return 0;
}

// hk_analyse returns every analysis of word as "KEY=VALUE\n" lines with an
// empty line after each analysis, or NULL when Voikko knows no reading. With
// all == 0 only the keys that terms are made of are read. The caller frees
// the result with free().
static char *hk_analyse(hk_voikko *api, struct VoikkoHandle *h, const char *word, int all) {
	static const char *wanted[] = {"BASEFORM", "WORDBASES", NULL};
	struct voikko_mor_analysis **res = api->analyze(h, word);
	if (!res) return NULL;
	hk_text t = {0};
	int failed = 0;
	for (size_t i = 0; res[i] && !failed; i++) {
		const char **keys = all ? api->keys(res[i]) : wanted;
		for (size_t k = 0; keys && keys[k] && !failed; k++) {
			char *v = api->value(res[i], keys[k]);
			if (!v) continue;
			failed = hk_append(&t, keys[k]) || hk_append(&t, "=") ||
				hk_append(&t, v) || hk_append(&t, "\n");
			api->free_value(v);
		}
		if (!failed) failed = hk_append(&t, "\n");
	}
	api->free_analysis(res);
	if (failed) {
		free(t.buf);
		return NULL;
	}
	return t.buf;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unsafe"
)

// libName is the library New loads; a variable so that a test can point it
// at a library that does not exist and see the fallback.
var libName = "libvoikko.so.1"

// cacheSize is the number of words per cache generation (see cache).
const cacheSize = 8192

// voikko is the Analyser over one libvoikko handle.
type voikko struct {
	name  string
	cache *cache

	mu  sync.Mutex // guards api and h: a Voikko handle is not thread-safe
	api *C.hk_voikko
	h   *C.struct_VoikkoHandle
}

// NewVoikko loads libvoikko and its Finnish dictionary. The error says which
// is missing; New uses it to fall back to Snowball.
func NewVoikko() (Analyser, error) {
	name := C.CString(libName)
	defer C.free(unsafe.Pointer(name))
	api := (*C.hk_voikko)(C.calloc(1, C.sizeof_hk_voikko))
	var errbuf [512]C.char
	if C.hk_open(name, api, &errbuf[0], C.size_t(len(errbuf))) != 0 {
		C.free(unsafe.Pointer(api))
		return nil, fmt.Errorf("morph: cannot load Voikko: %s", C.GoString(&errbuf[0]))
	}
	var cerr *C.char
	h := C.hk_init(api, &cerr)
	if h == nil {
		C.free(unsafe.Pointer(api))
		msg := "unknown error"
		if cerr != nil {
			msg = C.GoString(cerr) // a static string: not to be freed
		}
		return nil, fmt.Errorf("morph: Voikko has no Finnish dictionary: %s", msg)
	}
	// The library stays loaded after Close: unloading a C++ library that
	// may be opened again is not worth the risk for the few pages it holds.
	version := C.GoString(C.hk_version(api))
	return &voikko{
		name:  voikkoName(version, dictionaryVersion()),
		cache: newCache(cacheSize),
		api:   api,
		h:     h,
	}, nil
}

func (v *voikko) Name() string { return v.name }

func (v *voikko) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.h == nil {
		return errors.New("morph: Voikko already closed")
	}
	C.hk_terminate(v.api, v.h)
	C.free(unsafe.Pointer(v.api))
	v.h, v.api = nil, nil
	return nil
}

func (v *voikko) Terms(word string) []string {
	w := trimWord(word)
	if w == "" {
		return nil
	}
	if t, ok := v.cache.get(w); ok {
		return slices.Clone(t)
	}
	t, ok := v.compute(w)
	if ok {
		v.cache.put(w, t)
	}
	return slices.Clone(t)
}

// compute analyses a trimmed word without the cache. ok is false once the
// analyser is closed: the terms are then those of an unknown word and are
// not to be cached.
func (v *voikko) compute(w string) (terms []string, ok bool) {
	text, ok := v.analyse(w, false)
	if !ok {
		return unknownTerms(w), false
	}
	as := parseAnalyses(text)
	if len(as) > 0 || !strings.Contains(w, "-") {
		return termsOf(w, as), true
	}
	// A hyphenated word Voikko does not know as a whole ("KUUMA-seutu",
	// "Hyvinkää-Riihimäki") is indexed by itself and by each part's terms.
	terms = unknownTerms(w)
	for part := range strings.SplitSeq(w, "-") {
		if part = trimWord(part); part == "" {
			continue
		}
		pt, ok := v.compute(part)
		if !ok {
			return terms, false
		}
		for _, t := range pt {
			terms = appendTerm(terms, t)
		}
	}
	return terms, true
}

// analyse returns Voikko's analyses of word as hk_analyse writes them; all
// asks for every key, not just those terms use. ok is false once closed.
func (v *voikko) analyse(word string, all bool) (text string, ok bool) {
	if strings.IndexByte(word, 0) >= 0 {
		return "", true // C would read a shorter word; no Finnish word has NUL
	}
	cword := C.CString(word)
	defer C.free(unsafe.Pointer(cword))
	flag := C.int(0)
	if all {
		flag = 1
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.h == nil {
		return "", false
	}
	out := C.hk_analyse(v.api, v.h, cword, flag)
	if out == nil {
		return "", true
	}
	defer C.free(unsafe.Pointer(out))
	return C.GoString(out), true
}
