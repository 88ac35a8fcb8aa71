// Package review holds the files of devpath's review round trip: the
// request an engineer sends to their manager, and the response the
// manager's devpath signs with an Ed25519 key. It reads and writes the
// files and signs and checks them; it keeps no state (the store keeps the
// requests, reviews and pinned keys).
package review

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// File formats and their versions.
const (
	RequestFormat  = "devpath-review-request"
	ResponseFormat = "devpath-review-response"
	Version        = 1
)

// MaxFileSize bounds a review file: a request holds every counted entry
// with its evidence, far below this.
const MaxFileSize = 16 << 20

// Share choices of a request.
const (
	ShareAll       = "all"       // every counted entry
	ShareEvidenced = "evidenced" // only the counted entries that have evidence
)

// Ref names a stage or a ladder rung.
type Ref struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// RoadmapRef names the roadmap a request was made under.
type RoadmapRef struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Title   string `json:"title"`
}

// Evidence is one piece of evidence as shared.
type Evidence struct {
	Note  string `json:"note"`
	Link  string `json:"link,omitempty"`
	Date  string `json:"date"` // YYYY-MM-DD
	Level int    `json:"level,omitempty"`
}

// Entry is one counted entry of a request: the engineer's own level (0-4;
// criteria and milestones 3 when confirmed, else 0) and evidence.
type Entry struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Kind     string     `json:"kind"`
	Group    string     `json:"group,omitempty"`
	Level    int        `json:"level"`
	Skipped  bool       `json:"skipped,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

// Scores are the readiness scores a request carries.
type Scores struct {
	Claimed   float64  `json:"claimed"`
	Evidenced *float64 `json:"evidenced,omitempty"`
}

// Request is what an engineer asks their manager to review.
type Request struct {
	Format    string     `json:"format"`
	Version   int        `json:"version"`
	ID        string     `json:"id"`
	CreatedAt time.Time  `json:"created_at"`
	Engineer  string     `json:"engineer"`
	Share     string     `json:"share"`
	Stage     Ref        `json:"stage"`
	Next      *Ref       `json:"next,omitempty"`
	Roadmap   RoadmapRef `json:"roadmap"`
	Entries   []Entry    `json:"entries"`
	Readiness Scores     `json:"readiness"`
}

// Rating is the manager's view of one entry: the level they see (for
// criteria and milestones, 3 confirmed or 0 not) and a comment.
type Rating struct {
	ID      string `json:"id"`
	Level   int    `json:"level"`
	Comment string `json:"comment,omitempty"`
}

// Response is the manager's signed answer to a request.
type Response struct {
	Format    string `json:"format"`
	Version   int    `json:"version"`
	RequestID string `json:"request_id"`
	// RequestDigest is the SHA-256 of the request file as the manager
	// opened it, so that a response answers exactly that request.
	RequestDigest string    `json:"request_digest"`
	Engineer      string    `json:"engineer"`
	Reviewer      string    `json:"reviewer"`
	Key           string    `json:"key"` // the Ed25519 public key, base64
	SignedAt      time.Time `json:"signed_at"`
	Ratings       []Rating  `json:"ratings"`
	Note          string    `json:"note,omitempty"`
	Signature     string    `json:"signature"` // over the file with this field empty
}

// Errors a file can fail with; each is wrapped with the file's words.
var (
	ErrNotReview   = errors.New("not a devpath review file")
	ErrNewer       = errors.New("made by a newer devpath")
	ErrBadSig      = errors.New("the signature does not match")
	ErrIsRequest   = errors.New("a review request, not a response")
	ErrIsResponse  = errors.New("a review response, not a request")
	ErrIncomplete  = errors.New("incomplete")
	ErrFileTooLong = errors.New("too large")
)

// NewID returns a fresh request id: 16 random bytes in hex.
func NewID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("make a review id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// Digest is the SHA-256 of a file's bytes, in hex.
func Digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Fingerprint is a key's short, readable name: the first 16 bytes of the
// SHA-256 of the public key, in groups of four hex digits.
func Fingerprint(pub ed25519.PublicKey) string {
	s := sha256.Sum256(pub)
	h := hex.EncodeToString(s[:16])
	var parts []string
	for i := 0; i < len(h); i += 4 {
		parts = append(parts, h[i:i+4])
	}
	return strings.Join(parts, ":")
}

// EncodeRequest writes a request as the file devpath saves.
func EncodeRequest(r Request) ([]byte, error) {
	r.Format, r.Version = RequestFormat, Version
	return encode(r)
}

func encode(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode review file: %w", err)
	}
	return append(b, '\n'), nil
}

// kindOf reads only the format and version of a file.
func kindOf(b []byte) (string, int, error) {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if len(b) > MaxFileSize {
		return "", 0, ErrFileTooLong
	}
	if err := json.Unmarshal(b, &head); err != nil || (head.Format != RequestFormat && head.Format != ResponseFormat) {
		return "", 0, ErrNotReview
	}
	if head.Version > Version {
		return "", 0, fmt.Errorf("%w (format version %d; this devpath reads up to %d): update devpath to open it", ErrNewer, head.Version, Version)
	}
	if head.Version < 1 {
		return "", 0, ErrNotReview
	}
	return head.Format, head.Version, nil
}

func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", ErrNotReview, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: more after the review", ErrNotReview)
	}
	return nil
}

// DecodeRequest reads a request file and checks it is whole.
func DecodeRequest(b []byte) (Request, error) {
	r, err := decodeRequest(b)
	if err != nil {
		return Request{}, err
	}
	if err := r.check(); err != nil {
		return Request{}, err
	}
	return r, nil
}

// DecodeStoredRequest reads a request a database already holds: it was
// checked when it was opened, by the devpath of that day, and stays
// readable when later versions check more (a stricter rule must never
// hide a review the manager opened). Its text is shown through the same
// escaping as everything else.
func DecodeStoredRequest(b []byte) (Request, error) { return decodeRequest(b) }

// decodeRequest parses a request file and checks its format and version.
func decodeRequest(b []byte) (Request, error) {
	if len(b) > MaxFileSize {
		return Request{}, ErrFileTooLong
	}
	// A request as devpath writes it is read once: the file is parsed
	// again, for the format and version alone, only to say what else it
	// is. A request may be megabytes, and is read as the manager waits.
	var r Request
	if err := decodeStrict(b, &r); err != nil || r.Format != RequestFormat || r.Version < 1 || r.Version > Version {
		f, _, kerr := kindOf(b)
		switch {
		case kerr != nil:
			return Request{}, kerr
		case f == ResponseFormat:
			return Request{}, ErrIsResponse
		case err != nil:
			return Request{}, err
		}
		return Request{}, ErrNotReview
	}
	return r, nil
}

func validID(id string) bool {
	if len(id) != 32 {
		return false
	}
	_, err := hex.DecodeString(id)
	return err == nil
}

// Sign returns the response file for r, signed with key: its Reviewer,
// Key and Signature are set here.
func Sign(r Response, key ed25519.PrivateKey) ([]byte, error) {
	r.Format, r.Version = ResponseFormat, Version
	r.Key = base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	r.Signature = ""
	body, err := encode(r)
	if err != nil {
		return nil, err
	}
	r.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, body))
	return encode(r)
}

// DecodeResponse reads a response file and checks its signature: the file
// must be exactly as the signer's devpath wrote it, and the signature must
// hold for its key. It returns the response and the signer's public key.
func DecodeResponse(b []byte) (Response, ed25519.PublicKey, error) {
	f, _, err := kindOf(b)
	if err != nil {
		return Response{}, nil, err
	}
	if f == RequestFormat {
		return Response{}, nil, ErrIsRequest
	}
	var r Response
	if err := decodeStrict(b, &r); err != nil {
		return Response{}, nil, err
	}
	if !validID(r.RequestID) || len(r.RequestDigest) != 64 || r.SignedAt.IsZero() || strings.TrimSpace(r.Reviewer) == "" {
		return Response{}, nil, ErrIncomplete
	}
	pub, err := base64.StdEncoding.DecodeString(r.Key)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return Response{}, nil, fmt.Errorf("%w (no valid key)", ErrBadSig)
	}
	sig, err := base64.StdEncoding.DecodeString(r.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return Response{}, nil, ErrBadSig
	}
	// The file must be byte for byte what devpath writes for this
	// content: a change anywhere, even in spacing, is a change.
	again, err := encode(r)
	if err != nil || !bytes.Equal(again, b) {
		return Response{}, nil, ErrBadSig
	}
	unsigned := r
	unsigned.Signature = ""
	body, err := encode(unsigned)
	if err != nil || !ed25519.Verify(pub, body, sig) {
		return Response{}, nil, ErrBadSig
	}
	if !cleanText(r.Reviewer, 200) || !cleanText(r.Note, 10000) || !cleanText(r.Engineer, 200) {
		return Response{}, nil, ErrIncomplete
	}
	for _, rt := range r.Ratings {
		if rt.Level < 0 || rt.Level > 4 || !cleanText(rt.Comment, 10000) {
			return Response{}, nil, ErrIncomplete
		}
	}
	return r, ed25519.PublicKey(pub), nil
}

// Kind says what a file is: RequestFormat, ResponseFormat, or an error.
func Kind(b []byte) (string, error) {
	f, _, err := kindOf(b)
	return f, err
}
