package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
)

// Security is how the connection to the SMTP server is protected.
type Security string

const (
	StartTLS Security = "starttls" // plain connection upgraded with STARTTLS, which is required (port 587)
	TLS      Security = "tls"      // TLS from the first byte (port 465)
	NoTLS    Security = "none"     // unencrypted; the configuration allows it only for localhost
)

// SMTP is the mail server Neuvo sends through. The zero value means no
// mail: notifications are then shown in Neuvo only.
type SMTP struct {
	Host     string
	Port     int
	Security Security
	User     string // empty: no authentication
	Password string
	From     string // the sender, e.g. "Neuvo <neuvo@joensuu.fi>"
	HELO     string // the name Neuvo greets the server with: its own host name
}

// Configured says whether e-mail is sent at all.
func (s SMTP) Configured() bool { return s.Host != "" }

// smtpTimeout bounds each phase of an SMTP exchange (go-mail sets it as
// the connection's deadline when it dials and again when it sends), so an
// exchange takes at most a few times this. The sender holds its outbox
// row's transaction open meanwhile, which must stay under the service
// connections' idle-in-transaction timeout: otherwise PostgreSQL could end
// the transaction after the server accepted the message and before it is
// marked sent, and the message would go out again.
const smtpTimeout = 8 * time.Second

// mailer sends one outbox message per connection: notifications are few,
// and a fresh connection after an outage needs no recovery logic.
type mailer struct{ cfg SMTP }

func (m *mailer) send(ctx context.Context, msg *outgoing) error {
	email, err := m.compose(msg)
	if err != nil {
		return err
	}
	client, err := mail.NewClient(m.cfg.Host, m.options()...)
	if err != nil {
		return err
	}
	return client.DialAndSendWithContext(ctx, email)
}

func (m *mailer) options() []mail.Option {
	opts := []mail.Option{mail.WithPort(m.cfg.Port), mail.WithTimeout(smtpTimeout)}
	if m.cfg.HELO != "" {
		opts = append(opts, mail.WithHELO(m.cfg.HELO))
	}
	switch m.cfg.Security {
	case TLS:
		opts = append(opts, mail.WithSSL())
	case NoTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if m.cfg.User != "" {
		auth := mail.SMTPAuthAutoDiscover
		if m.cfg.Security == NoTLS {
			auth = mail.SMTPAuthPlainNoEnc // localhost only, e.g. the demo's mail catcher
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(m.cfg.User), mail.WithPassword(m.cfg.Password))
	}
	return opts
}

func (m *mailer) compose(msg *outgoing) (*mail.Msg, error) {
	email := mail.NewMsg()
	if err := email.From(m.cfg.From); err != nil {
		return nil, err
	}
	if err := email.To(msg.Recipient); err != nil {
		return nil, err
	}
	email.Subject(msg.Subject)
	email.SetMessageIDWithValue(strings.Trim(msg.MessageID, "<>"))
	email.SetDateWithValue(msg.CreatedAt)
	email.SetGenHeader("Auto-Submitted", "auto-generated") // RFC 3834: no auto-replies
	email.SetGenHeader(mail.HeaderContentLang, msg.Lang)
	email.SetBodyString(mail.TypeTextPlain, msg.BodyText)
	if msg.BodyHTML.Valid {
		email.AddAlternativeString(mail.TypeTextHTML, msg.BodyHTML.String)
	}
	for _, a := range msg.attachments {
		if err := email.AttachReader(a.Name, bytes.NewReader(a.Content), mail.WithFileContentType(mail.ContentType(a.ContentType))); err != nil {
			return nil, err
		}
	}
	return email, nil
}

// permanent says whether the server refused the message for good (a 5xx
// answer such as "no such mailbox"); anything else is worth a retry.
func permanent(err error) bool {
	var se *mail.SendError
	return errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500
}

// describe names the failure without the server's text, which may quote
// the address: this goes to River's table and the logs, which have no
// row-level security.
func describe(err error) string {
	var se *mail.SendError
	if errors.As(err, &se) {
		if se.ErrorCode() > 0 {
			return fmt.Sprintf("SMTP server answered %d", se.ErrorCode())
		}
		return "SMTP delivery failed (" + se.Reason.String() + ")"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "SMTP server did not answer in time"
	}
	return "could not reach or talk to the SMTP server"
}
