package mailpit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Address is a mailbox as Mailpit reports it.
type Address struct {
	Name    string
	Address string
}

// Summary is a caught message in Mailpit's list.
type Summary struct {
	ID          string
	MessageID   string
	Subject     string
	To          []Address
	Attachments int
}

// Message is a caught message in full.
type Message struct {
	ID          string
	MessageID   string
	Subject     string
	From        Address
	To          []Address
	Text        string
	HTML        string
	Attachments []Part
}

// Part is an attachment of a caught message.
type Part struct {
	PartID      string
	FileName    string
	ContentType string
	Size        uint64
}

// Messages lists every caught message, newest first.
func (p *Process) Messages(ctx context.Context) ([]Summary, error) {
	var list struct{ Messages []Summary }
	return list.Messages, p.getJSON(ctx, "/api/v1/messages?limit=1000", &list)
}

// Message reads one caught message.
func (p *Process) Message(ctx context.Context, id string) (Message, error) {
	var m Message
	return m, p.getJSON(ctx, "/api/v1/message/"+id, &m)
}

// Headers reads one caught message's headers.
func (p *Process) Headers(ctx context.Context, id string) (map[string][]string, error) {
	var h map[string][]string
	return h, p.getJSON(ctx, "/api/v1/message/"+id+"/headers", &h)
}

// Attachment downloads one part of a caught message.
func (p *Process) Attachment(ctx context.Context, id, partID string) ([]byte, error) {
	resp, err := p.get(ctx, "/api/v1/message/"+id+"/part/"+partID)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func (p *Process) getJSON(ctx context.Context, path string, into any) error {
	resp, err := p.get(ctx, path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(into)
}

func (p *Process) get(ctx context.Context, path string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+p.UIAddr+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("mailpit %s: %s", path, resp.Status)
	}
	return resp, nil
}
