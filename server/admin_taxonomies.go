package server

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"neuvo/cases"
)

type taxonomyPage struct {
	Kinds    []string
	Kind     string
	Items    []cases.TaxonomyItem
	Parents  []cases.TaxonomyItem
	CanEdit  bool
	Errors   *cases.ValidationError
	Failed   string // the code whose row failed, "new" for the add form
	NewInput cases.TaxonomyItemInput
}

func (s *Server) taxonomyKinds(c *gin.Context) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_taxonomies", "admin.taxonomies",
		taxonomyPage{Kinds: tax.Kinds(), CanEdit: currentActor(c).Org.IsHub()})
}

func (s *Server) taxonomyKind(c *gin.Context) {
	page, ok := s.taxonomyPage(c)
	if ok {
		s.render(c, http.StatusOK, "admin_taxonomy", "admin.taxonomies", page)
	}
}

func (s *Server) taxonomyPage(c *gin.Context) (taxonomyPage, bool) {
	tax, err := s.taxonomy(c)
	if err != nil {
		s.fail(c, err)
		return taxonomyPage{}, false
	}
	kind := c.Param("kind")
	if !slices.Contains(tax.Kinds(), kind) {
		s.errorPage(c, http.StatusNotFound)
		return taxonomyPage{}, false
	}
	page := taxonomyPage{Kinds: tax.Kinds(), Kind: kind, Items: tax.All(kind), CanEdit: currentActor(c).Org.IsHub()}
	for _, it := range page.Items {
		if it.Parent == "" && kind == "topic" {
			page.Parents = append(page.Parents, it)
		}
	}
	return page, true
}

// taxonomyInput reads the form; a position that is not a number in range
// is an error, never read as 0.
func taxonomyInput(c *gin.Context) (cases.TaxonomyItemInput, *cases.ValidationError) {
	v := &cases.ValidationError{}
	sort := v.Int("sort", c.PostForm("sort"), 0, cases.MaxSortOrder, "error.sort_order")
	return cases.TaxonomyItemInput{Code: c.PostForm("code"), Parent: c.PostForm("parent"),
		LabelFI: c.PostForm("label_fi"), LabelSV: c.PostForm("label_sv"), LabelEN: c.PostForm("label_en"),
		Sort: int(sort), Retired: c.PostForm("retired") == "on"}, v
}

func (s *Server) taxonomyAdd(c *gin.Context) {
	s.taxonomyChange(c, "new", func(tax *cases.Taxonomy, in cases.TaxonomyItemInput) error {
		return cases.AddTaxonomyItem(c.Request.Context(), requestTx(c), tax, currentActor(c).Roles, c.Param("kind"), in)
	})
}

func (s *Server) taxonomyUpdate(c *gin.Context) {
	s.taxonomyChange(c, c.Param("code"), func(_ *cases.Taxonomy, in cases.TaxonomyItemInput) error {
		return cases.UpdateTaxonomyItem(c.Request.Context(), requestTx(c), currentActor(c).Roles, c.Param("kind"), c.Param("code"), in)
	})
}

// taxonomyChange runs an add or update for a hub admin; partners' admins
// see the network's taxonomies but the hub maintains them.
func (s *Server) taxonomyChange(c *gin.Context, row string, change func(*cases.Taxonomy, cases.TaxonomyItemInput) error) {
	who := currentActor(c)
	if !who.Org.IsHub() {
		s.errorPage(c, http.StatusForbidden)
		return
	}
	page, ok := s.taxonomyPage(c)
	if !ok {
		return
	}
	in, parsed := taxonomyInput(c)
	tax, _ := s.taxonomy(c)
	err := parsed.Err()
	if err == nil {
		err = change(tax, in)
	} else { // with the domain's errors too, so every problem is named at once
		err = validationErrors(err, in.Validate(row == "new"))
	}
	if s.formFailed(c, err, &page.Errors) {
		page.Failed, page.NewInput = row, in
		s.render(c, http.StatusUnprocessableEntity, "admin_taxonomy", "admin.taxonomies", page)
		return
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.forgetTaxonomy(who.Org.NetworkID)
	s.redirect(c, "/admin/taxonomies/"+page.Kind)
}
