package server

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

type slotListDoc struct {
	Items []slotDoc `json:"items"`
}

// apiSlotList lists the hub's slots from a day (to inclusive): a hub
// adviser's own with mine=true, only the free ones with free=true; a
// partner worker always gets the free ones.
func (s *Server) apiSlotList(c *gin.Context) {
	who := currentActor(c).Staff()
	v := &cases.ValidationError{}
	f := cases.SlotFilter{From: parseDay(v, "from", c.Query("from")),
		FreeOnly: v.Choice("free", c.Query("free"), "false", "true", "false") == "true"}
	if to := parseDay(v, "to", c.Query("to")); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	if v.Choice("mine", c.Query("mine"), "false", "true", "false") == "true" {
		f.AdviserID = who.UserID
	}
	if v.Err() != nil {
		s.invalid(c, http.StatusBadRequest, v)
		return
	}
	slots, err := cases.ListSlots(c.Request.Context(), requestTx(c), who, f, s.now())
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, slotsDoc(slots))
}

func slotsDoc(slots []cases.Slot) slotListDoc {
	doc := slotListDoc{Items: []slotDoc{}}
	for _, slot := range slots {
		doc.Items = append(doc.Items, slotDocOf(slot))
	}
	return doc
}

func (s *Server) apiSlotGet(c *gin.Context) {
	slot, err := cases.GetSlot(c.Request.Context(), requestTx(c), currentActor(c).Staff(), paramID(c), s.now())
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, slotDocOf(slot))
}

// apiSlotCreate publishes one slot or a weekly series; the Idempotency-Key
// is the series', and a retry answers 200 with the same slots.
func (s *Server) apiSlotCreate(c *gin.Context) {
	var doc slotPublishDoc
	key, tax, ok := s.readCreate(c, &doc)
	if !ok {
		return
	}
	in, parseErrs := doc.input(key)
	if parseErrs.Err() != nil {
		s.apiFail(c, parseErrs.Merge(in.Validate(tax, s.now())))
		return
	}
	slots, created, err := cases.PublishSlots(c.Request.Context(), requestTx(c), tax, currentActor(c).Staff(), in, s.now())
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answerCreate(c, "/api/v1/slots/"+idString(slots[0].ID), created, slotsDoc(slots))
}

type withdrawalDoc struct {
	Withdrawn  int `json:"withdrawn"`
	KeptBooked int `json:"kept_booked"`
}

// apiSlotWithdraw withdraws a slot, or with series=true its later free
// occurrences too.
func (s *Server) apiSlotWithdraw(c *gin.Context) {
	v := &cases.ValidationError{}
	series := v.Choice("series", c.Query("series"), "false", "true", "false") == "true"
	if v.Err() != nil {
		s.invalid(c, http.StatusBadRequest, v)
		return
	}
	w, err := cases.WithdrawSlot(c.Request.Context(), requestTx(c), currentActor(c).Staff(), paramID(c), series)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	s.answer(c, http.StatusOK, withdrawalDoc{Withdrawn: w.Withdrawn, KeptBooked: w.KeptBooked})
}
