package cases

import "slices"

// ClientStatuses are the states of a client; a new client is open.
var ClientStatuses = []string{"open", "closed"}

// ClientStatusClosed reads a client's status as sent: "open", "closed", or
// blank for open. Anything else is refused: a typo must not reopen a
// closed client.
func ClientStatusClosed(status string) (closed bool, err error) {
	var v ValidationError
	status = v.Choice("status", status, "open", ClientStatuses...)
	return status == "closed", v.Err()
}

// validClientStatus is a list filter's status: one of them or "" for both.
func validClientStatus(status string) error {
	if status != "" && !slices.Contains(ClientStatuses, status) {
		return &ValidationError{Fields: []FieldError{{Field: "status", Key: "error.choose"}}}
	}
	return nil
}
