package idguard

import "strings"

// OnlyPhone reports whether s, spaces around it aside, is one phone
// number and nothing else, as the phone finder reads numbers (Finnish
// with the trunk 0, or international). A support request's call-back
// number is the worker's own, so it may be a phone number, but it must
// not be able to carry anything else: a name, an identity code, a note.
func OnlyPhone(s string) bool {
	s = strings.TrimSpace(s)
	fs := Check(s, Names{})
	return len(fs) == 1 && fs[0].Kind == Phone && fs[0].Start == 0 && fs[0].End == len(s)
}
