package cases

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// CloseSupportRequest closes a request, from either side: the requester
// has what they needed, or the hub ends it. The clock stays stopped, so a
// later follow-up does not count the closed time as the hub's.
func CloseSupportRequest(ctx context.Context, q sqlx.ExtContext, who SupportActor, id int64, now time.Time) (SupportRequest, error) {
	ch, err := beginChange(ctx, q, who, id, asEither, now)
	if err != nil {
		return SupportRequest{}, err
	}
	if ch.r.Status == StatusClosed {
		return ch.r, invalidField("request", "error.support_closed")
	}
	ch.wait()
	ch.setStatus(StatusClosed)
	return ch.r, ch.finish(ctx, q, "support.close", "")
}

// RatingInput is the requester's rating of the answer.
type RatingInput struct {
	Rating          int
	Comment         string
	ConfirmFindings bool
}

// MaxRatingComment bounds the optional comment of a rating.
const MaxRatingComment = 1000

// RateSupportRequest records the requester's rating (1–5, an optional
// comment, checked by the identity guard) of the hub's answers and closes
// an answered request; one reopened by a follow-up stays open, rated. A
// later rating replaces the earlier one.
func RateSupportRequest(ctx context.Context, q sqlx.ExtContext, guard Guard, who SupportActor, id int64, in RatingInput,
	now time.Time) (SupportRequest, error) {
	if !who.Roles.Has(RolePartnerWorker, RoleAdviser) {
		return SupportRequest{}, ErrForbidden
	}
	ch, err := beginChange(ctx, q, who, id, asRequester, now)
	if err != nil {
		return SupportRequest{}, err
	}
	var v ValidationError
	in.Comment = strings.TrimSpace(in.Comment)
	v.InRange("rating", int64(in.Rating), 1, 5, "error.rating")
	v.Text("comment", in.Comment, MaxRatingComment)
	if ch.r.AnsweredInTarget == nil { // never answered: nothing to rate yet
		v.Add("rating", "error.rating_unanswered")
	}
	g := guardCheck{guard: guard, consent: ch.r.ConsentShared, confirm: in.ConfirmFindings}
	g.check(&v, "comment", in.Comment)
	if err := g.result(&v); err != nil {
		return ch.r, err
	}
	at := now
	ch.r.Rating, ch.r.RatingComment, ch.r.RatedAt = &in.Rating, in.Comment, &at
	if ch.r.Status == StatusAnswered {
		ch.setStatus(StatusClosed)
	}
	return ch.r, ch.finish(ctx, q, "support.rate", "")
}
