package store

import (
	"context"
	"devpath/tracker"
	"fmt"
	"reflect"
	"time"

	"gorm.io/gorm/schema"
)

// The tables keep dates as text: a calendar day as YYYY-MM-DD ("" for
// none) and an instant as formatStamp writes it, which sorts and compares as
// text and reads the same in any SQLite tool and in a backup. The models'
// time.Time fields say which form they take with a serializer tag
// (serializer:day or serializer:stamp), so that GORM converts them on every
// read and write and no query parses a date itself.
func init() {
	schema.RegisterSerializer("day", dayColumn{})
	schema.RegisterSerializer("stamp", stampColumn{})
}

// dayColumn stores a calendar day as YYYY-MM-DD.
type dayColumn struct{}

// Scan reads a stored day into the field.
func (dayColumn) Scan(ctx context.Context, f *schema.Field, dst reflect.Value, v any) error {
	return scanTime(ctx, f, dst, v, tracker.ParseDay)
}

// Value writes the field's day.
func (dayColumn) Value(_ context.Context, f *schema.Field, _ reflect.Value, v any) (any, error) {
	t, ok := v.(time.Time)
	if !ok {
		return nil, fmt.Errorf("column %s: a day must be a time.Time, not %T", f.DBName, v)
	}
	return tracker.FormatDay(t), nil
}

// stampColumn stores an instant in UTC with nanoseconds ("" for none).
type stampColumn struct{}

// Scan reads a stored instant into the field; "" is the zero time.
func (stampColumn) Scan(ctx context.Context, f *schema.Field, dst reflect.Value, v any) error {
	return scanTime(ctx, f, dst, v, func(s string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		return parseStamp(s)
	})
}

// Value writes the field's instant.
func (stampColumn) Value(_ context.Context, f *schema.Field, _ reflect.Value, v any) (any, error) {
	t, ok := v.(time.Time)
	if !ok {
		return nil, fmt.Errorf("column %s: an instant must be a time.Time, not %T", f.DBName, v)
	}
	if t.IsZero() {
		return "", nil
	}
	return formatStamp(t), nil
}

// scanTime reads the text column value v with parse into the field.
func scanTime(ctx context.Context, f *schema.Field, dst reflect.Value, v any, parse func(string) (time.Time, error)) error {
	s, err := columnText(f, v)
	if err != nil {
		return err
	}
	t, err := parse(s)
	if err != nil {
		return err
	}
	return f.Set(ctx, dst, t)
}

// columnText is a text column's value as the driver gives it.
func columnText(f *schema.Field, v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	}
	return "", fmt.Errorf("column %s holds %T, not text", f.DBName, v)
}
