package cases

// Staff is who acts on a consultation or slot: a user of the hub or of a
// partner municipality, with their roles. Consultations cross
// organisations, so the rules depend on which side the actor is on, not
// only on the roles.
type Staff struct {
	UserID int64
	Name   string
	Email  string
	OrgID  int64
	Hub    bool
	Roles  Roles
}

// HubAdviser publishes slots, books, holds and changes any of the hub's
// consultations.
func (s Staff) HubAdviser() bool { return s.Hub && s.Roles.Has(RoleAdviser) }

// PartnerWorker books the hub's free slots for residents of the worker's
// own municipality, and cancels or moves those bookings.
func (s Staff) PartnerWorker() bool { return !s.Hub && s.Roles.Has(RolePartnerWorker) }

// SeesConsultations: the hub's advisers and managers see the hub's
// consultations; a partner's workers and managers see their residents'.
func (s Staff) SeesConsultations() bool {
	return s.Roles.Has(RoleManager) || s.HubAdviser() || s.PartnerWorker()
}

// BooksConsultations is a hub adviser or a partner worker.
func (s Staff) BooksConsultations() bool { return s.HubAdviser() || s.PartnerWorker() }

// SeesSlots: hub advisers (their own and colleagues' slots) and partner
// workers (the hub's free slots, to book).
func (s Staff) SeesSlots() bool { return s.HubAdviser() || s.PartnerWorker() }
