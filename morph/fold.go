package morph

import "hankekirja/model"

// Fold lower-cases s and removes its diacritics (ä → a, ö → o, å → a,
// é → e), for prefix matching of names: a user on a foreign keyboard types
// "mak" and expects Mäkinen. Terms keep their accents (they are words, and
// Finnish ä is a letter of its own); Fold is for the prefix side only.
//
// It is model.Fold, which SearchWords uses, so that words folded here and
// there compare equal. Letters with no decomposition (ø, æ, ß) stay.
func Fold(s string) string { return model.Fold(s) }
