package sdc

// groups splits the suppressed cells into groups that share relations,
// directly or through each other. An attacker can only combine relations
// through shared unknowns, so each group is its own, smaller LP. Groups
// come in order of their smallest cell, each ascending.
func groups(f *Family, supp []bool) [][]CellID {
	parent := make([]int32, f.Len())
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, r := range f.relations {
		first := int32(-1)
		for _, id := range append([]CellID{r.Total}, r.Parts...) {
			if !supp[id] {
				continue
			}
			if first < 0 {
				first = find(int32(id))
				continue
			}
			if root := find(int32(id)); root != first {
				parent[root] = first
			}
		}
	}
	index := make(map[int32]int)
	var out [][]CellID
	for i, s := range supp {
		if !s {
			continue
		}
		root := find(int32(i))
		g, ok := index[root]
		if !ok {
			g = len(out)
			index[root] = g
			out = append(out, nil)
		}
		out[g] = append(out[g], CellID(i))
	}
	return out
}

// Groups lists the groups of suppressed cells that share relations (the
// audit solves one system per group): a caller can see how large the
// systems of a pattern would be before asking for them.
func Groups(f *Family, suppressed []bool) [][]CellID { return groups(f, suppressed) }
