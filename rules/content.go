package rules

import "fmt"

// ContentOf merges the content rules of the given jurisdictions (a
// person's residence and the overlays that covered them), as a decision
// does: the union of required keys, the strictest type size, and conflicts
// resolved as counsel decided or, until then, as the forbidding law says.
// categories are the person's data categories, for the keys a law requires
// only for some data (nil: not known, every such key kept). It fails for
// an unknown id.
func (s *Set) ContentOf(ids, categories []string, decisions ...CounselDecision) (Content, []Conflict, error) {
	var cs []Content
	var owners []*Jurisdiction
	for _, id := range ids {
		j, ok := s.byID[id]
		if !ok {
			return Content{}, nil, fmt.Errorf("rules: unknown jurisdiction %q", id)
		}
		cs = append(cs, s.Content(j).For(categories))
		owners = append(owners, j)
	}
	if len(cs) == 0 {
		return Content{}, nil, fmt.Errorf("rules: no jurisdiction given")
	}
	c, conflicts := mergeContent(cs, owners, decisions)
	return c, conflicts, nil
}

// ContentFrom returns the ids of the jurisdictions whose content rules
// make up d.Content: those under which the breach is notifiable for the
// person, or the residence alone when none is.
func (d Decision) ContentFrom() []string {
	var ids []string
	for _, a := range d.Applied {
		if a.Triggered {
			ids = append(ids, a.Jurisdiction.ID)
		}
	}
	if len(ids) == 0 && d.Jurisdiction != nil {
		ids = []string{d.Jurisdiction.ID}
	}
	return ids
}
