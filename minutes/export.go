package minutes

import (
	"context"
	"io"

	"hankekirja/model"
)

// Export reads meeting id and writes doc of it in format ("pdf", "html"
// or "md") and language lang: the one path the window and the command line
// both take.
func Export(ctx context.Context, svc model.Services, id model.ID, doc Doc, format, lang string, w io.Writer) error {
	v, err := Load(ctx, svc, id)
	if err != nil {
		return err
	}
	return Write(w, v, doc, format, lang)
}
