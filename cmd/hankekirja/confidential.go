package main

import (
	"hankekirja/assets"
	"hankekirja/model"
)

// exportServices are the services an export reads: the content of
// confidential agenda items, tasks and notes is left out, with the notice
// "Salassa pidettävä (ground)" in the document's language, unless the
// user asked for it with --include-confidential.
func exportServices(svc model.Services, include bool, lang string) model.Services {
	if include {
		return svc
	}
	return model.WithoutConfidential(svc, confidentialNotice(lang))
}

// confidentialNotice says in language lang that a text is confidential.
func confidentialNotice(lang string) func(ground string) string {
	return func(ground string) string {
		return assets.Message(lang, "confidential.notice", map[string]any{"Text": ground})
	}
}
