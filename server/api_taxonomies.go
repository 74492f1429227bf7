package server

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

// taxonomyItemDoc is a taxonomy item in the API; kind, code and parent are
// fixed once created.
type taxonomyItemDoc struct {
	Code    string `json:"code"`
	Parent  string `json:"parent,omitempty"`
	Group   string `json:"group,omitempty"`
	LabelFI string `json:"label_fi"`
	LabelSV string `json:"label_sv"`
	LabelEN string `json:"label_en"`
	Sort    int    `json:"sort"`
	Retired bool   `json:"retired"`
}

type taxonomyDoc struct {
	Kind  string            `json:"kind"`
	Items []taxonomyItemDoc `json:"items"`
}

type taxonomyListDoc struct {
	Items []taxonomyDoc `json:"items"`
}

func taxonomyDocOf(tax *cases.Taxonomy, kind string) taxonomyDoc {
	doc := taxonomyDoc{Kind: kind, Items: []taxonomyItemDoc{}}
	for _, it := range tax.All(kind) {
		doc.Items = append(doc.Items, itemDocOf(it))
	}
	return doc
}

func itemDocOf(it cases.TaxonomyItem) taxonomyItemDoc {
	return taxonomyItemDoc{Code: it.Code, Parent: it.Parent, Group: it.Group,
		LabelFI: it.LabelFI, LabelSV: it.LabelSV, LabelEN: it.LabelEN, Sort: it.Sort, Retired: it.Retired}
}

// apiTaxonomyList gives every taxonomy of the caller's network, retired
// items included (flagged), so old records can still be labelled.
func (s *Server) apiTaxonomyList(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.apiFail(c, err)
		return
	}
	doc := taxonomyListDoc{Items: []taxonomyDoc{}}
	for _, kind := range tax.Kinds() {
		doc.Items = append(doc.Items, taxonomyDocOf(tax, kind))
	}
	s.answer(c, http.StatusOK, doc)
}

func (s *Server) apiTaxonomyGet(c *gin.Context) {
	tax, ok := s.apiTaxonomyKind(c)
	if ok {
		s.answer(c, http.StatusOK, taxonomyDocOf(tax, c.Param("kind")))
	}
}

func (s *Server) apiTaxonomyKind(c *gin.Context) (*cases.Taxonomy, bool) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.apiFail(c, err)
		return nil, false
	}
	if !slices.Contains(tax.Kinds(), c.Param("kind")) {
		s.apiFail(c, cases.ErrNotFound)
		return nil, false
	}
	return tax, true
}

// apiTaxonomyAdd and apiTaxonomyUpdate are for the hub's admins, who keep
// the network's taxonomies; a partner's admin gets 403.
func (s *Server) apiTaxonomyAdd(c *gin.Context) {
	s.apiTaxonomyChange(c, func(tax *cases.Taxonomy, in cases.TaxonomyItemInput) error {
		return cases.AddTaxonomyItem(c.Request.Context(), requestTx(c), tax, currentActor(c).Roles, c.Param("kind"), in)
	}, http.StatusCreated)
}

func (s *Server) apiTaxonomyUpdate(c *gin.Context) {
	s.apiTaxonomyChange(c, func(_ *cases.Taxonomy, in cases.TaxonomyItemInput) error {
		return cases.UpdateTaxonomyItem(c.Request.Context(), requestTx(c), currentActor(c).Roles, c.Param("kind"), c.Param("code"), in)
	}, http.StatusOK)
}

func (s *Server) apiTaxonomyChange(c *gin.Context, change func(*cases.Taxonomy, cases.TaxonomyItemInput) error, status int) {
	who := currentActor(c)
	if !who.Org.IsHub() {
		s.apiFail(c, cases.ErrForbidden)
		return
	}
	tax, ok := s.apiTaxonomyKind(c)
	var doc taxonomyItemDoc
	if !ok || !s.readJSON(c, &doc) {
		return
	}
	if c.Param("code") != "" {
		doc.Code = c.Param("code")
	}
	in := cases.TaxonomyItemInput{Code: doc.Code, Parent: doc.Parent, LabelFI: doc.LabelFI, LabelSV: doc.LabelSV,
		LabelEN: doc.LabelEN, Sort: doc.Sort, Retired: doc.Retired}
	if err := change(tax, in); err != nil {
		s.apiFail(c, err)
		return
	}
	s.forgetTaxonomy(who.Org.NetworkID)
	fresh, err := cases.LoadTaxonomy(c.Request.Context(), requestTx(c))
	if err != nil {
		s.apiFail(c, err)
		return
	}
	item, _ := fresh.Item(c.Param("kind"), doc.Code)
	s.answer(c, status, itemDocOf(item))
}
