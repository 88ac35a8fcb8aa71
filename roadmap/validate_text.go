package roadmap

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
)

// texts reports every text of the roadmap that holds a control character
// (line breaks and tabs aside) or a character that reverses the direction of
// text. A roadmap is a file anyone can hand the user; its titles reach the
// terminal, the window and every export, where such characters could move
// the cursor, recolour the terminal or disguise one entry as another.
func (v *validator) texts() {
	v.walkText("", reflect.ValueOf(v.r).Elem())
}

// walkText visits the strings of x, naming each by its path as the other
// checks do ("stages[1].skills[0].items[2].title").
func (v *validator) walkText(path string, x reflect.Value) {
	switch x.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !x.IsNil() {
			v.walkText(path, x.Elem())
		}
	case reflect.Struct:
		t := x.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" {
				name = strings.ToLower(f.Name)
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			v.walkText(p, x.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range x.Len() {
			v.walkText(fmt.Sprintf("%s[%d]", path, i), x.Index(i))
		}
	case reflect.Map:
		iter := x.MapRange()
		for iter.Next() {
			v.walkText(fmt.Sprintf("%s[%v]", path, iter.Key()), iter.Value())
		}
	case reflect.String:
		if r, bad := harmfulRune(x.String()); bad {
			v.add(path, "holds the control character %U; remove it", r)
		}
	}
}

// harmfulRune returns the first character of s that must not be in a
// roadmap's text: a control character other than a line break or a tab, or
// a bidirectional formatting character.
func harmfulRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case unicode.IsControl(r):
			return r, true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return r, true
		}
	}
	return 0, false
}
