package store

import (
	"encoding/json"
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"

	"hankekirja/archivegen"
	"hankekirja/model"
)

// TestDecodeSameAsStd decodes every record of a generated archive (every
// kind, meetings with their agenda texts, Finnish and Swedish names) as
// the store does and with encoding/json, and checks they are the same:
// the store's decoder is not encoding/json (see internal/jsondecode).
func TestDecodeSameAsStd(t *testing.T) {
	db, svc := openTestDB(t)
	if _, err := archivegen.Generate(ctx, svc, archivegen.Scaled(300, 60, 7), nil); err != nil {
		t.Fatal(err)
	}
	kinds := map[model.Kind]int{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return bucket(tx, bucketCurrent).ForEach(func(k, v []byte) error {
			got, err := decodeRecord(v)
			if err != nil {
				t.Fatalf("%x: %v", k, err)
			}
			kind, body, err := unframe(v)
			if err != nil {
				t.Fatal(err)
			}
			var env envelope
			if err := json.Unmarshal(body, &env); err != nil {
				t.Fatal(err)
			}
			want := model.NewRecord(kind)
			if err := json.Unmarshal(env.Record, want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %x:\n got %#v\nwant %#v", kind, k, got, want)
			}
			m, err := decodeMeta(v)
			if err != nil || !reflect.DeepEqual(m, *want.GetMeta()) {
				t.Fatalf("%s %x: meta %#v (%v), want %#v", kind, k, m, err, *want.GetMeta())
			}
			kinds[kind]++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []model.Kind{model.KindContact, model.KindMeeting, model.KindGroup, model.KindProject, model.KindOrganisation} {
		if kinds[k] == 0 {
			t.Errorf("no %s in the archive: %v", k, kinds)
		}
	}
}
