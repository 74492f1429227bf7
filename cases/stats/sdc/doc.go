// Package sdc is Neuvo's statistical disclosure control: it decides which
// counts of a family of linked tables may be published so that nobody can
// prove, from everything published, that a group is smaller than k, and it
// proves that with a linear-programming audit before anything leaves the
// service. It is pure Go: no database, no HTTP.
//
// # The model
//
// A Family is a set of cells holding non-negative integer counts and a set
// of additive relations "total = sum of parts" between them (Relation).
// Everything a user can obtain for one scope and year belongs in one
// family: every month, quarter and the year, every filter value and "all",
// the rows and columns of every table, and the totals. Relations marked
// Line are the rows and columns of displayed tables.
//
// Build makes the standard families from leaf counts (Leaf: month, row
// category, column category, filter value) and returns a Grid that maps
// cells to keys (Key: period, row, column, filter, with Total and All for
// margins) and back:
//
//	g, err := sdc.OneWay(len(channels), counts)           // channel × 17 periods
//	g, err := sdc.TwoWay(len(ages), len(genders), counts) // with row, column and grand totals
//	g, err := sdc.Build(sdc.Dims{Rows: 10, Filters: 8}, counts) // and per advice point + "all"
//	id, ok := g.Cell(sdc.Key{Period: sdc.Quarter(2), Row: 3, Filter: sdc.All})
//
// Build computes every total from the leaves, so the measure must be
// additive (contacts, consultations, requests). Unique clients are not
// (a client counted once per month is counted once per quarter too): give
// such a table a family of its own with only the relations that do hold,
// or none, through NewFamily, AddCell and AddRelation. The general API also
// takes shapes the builders lack (a topic hierarchy, a project period as a
// sum of months) and extra cells added to a built grid's Family.
//
// # Protection
//
// Protect(f, Options{K: k}) returns a Result: a Pattern (per cell, its
// count or suppressed), the AuditResult that proves it, and Safe. The rules:
//
//   - k is the caller's (per organisation, default 5); below MinK (3) it is
//     refused;
//   - primary: a cell of 1..k-1 units; a zero is published as 0; every cell
//     of a Line whose total is 1..k-1 is suppressed, zeros included
//     (status SmallLine), so a small group's distribution is not shown;
//   - secondary: first the sum rule, one relation at a time (the
//     SIMPLEHEURISTIC of sdcTable): a relation holding a suppressed cell
//     gets a second one, so no suppressed cell is a plain difference; and
//     where a primary cell is among the suppressed parts of a relation with
//     a shown total, the other suppressed parts must be able to shrink
//     (each to 1) by at least k - x, so "15 = 10 + 3 + x + x" and a
//     suppressed sum below k are caught. Partners are chosen to start as
//     few new chains of suppressions as possible, then to hide as few
//     units as possible, then by id;
//   - then LP audits of the whole family: every primary cell that can still
//     be proven smaller than k gets a neighbour suppressed (the one the LP's
//     dual prices say would let it grow, else the nearest), the sum rule runs
//     again, and so on for at most Options.MaxRounds rounds;
//   - the result is deterministic: same family, options and fixes, same
//     pattern (map iteration never decides anything).
//
// Every suppressed cell is shown as Marker (".."), primary or not, so the
// marker reveals no range. Secondary suppressions are never zeros: zeros
// are shown, which is why an attacker may assume a suppressed cell holds
// at least 1, and the audit does for every suppressed cell that does (a
// zero in a small line or a held cell now empty gets 0).
//
// # The audit
//
// Audit(f, p, opts) bounds every primary cell (and, with AllSuppressed,
// every suppressed cell) by linear programming over all relations of the
// family: published cells at their counts, suppressed cells at least 1
// (0 for a zero in a small line or a held cell now empty), all cells at
// least 0. A primary cell is safe when the largest count proven possible,
// CellAudit.Hi, is at least k: the upper protection level k - x of
// τ-ARGUS. Lo is the smallest count the solver found, for the interval
// shown to a data-protection officer; only Hi decides.
//
// Audit takes primaries from the family's counts, not from the pattern's
// statuses, and lists as Exposed any published cell the rules suppress, so
// it can check a stored pattern (NewPattern) against current counts.
//
// The audit never says "safe" for what it could not prove:
//
//   - Hi rests on a witness: the solver's point, rounded to fractions with
//     small denominators and checked exactly in integers against every
//     relation and bound. A point that does not check out proves nothing
//     (ErrUnproven);
//   - any solver error or panic (gonum's ErrSingular, ErrLinSolve, ErrBland,
//     an infeasible start basis, too many rows) makes the cell unproven
//     (ErrSolver) and the family unsafe; panics are recovered;
//   - a maximum below the cell's true count, or a minimum above it, is an
//     error: the true counts are themselves a solution;
//   - an unbounded maximum (gonum's ErrUnbounded) is proven up to k by a
//     second, capped LP, and then reported as Unbounded.
//
// AuditResult.Safe (and Result.Safe) is true only when every audited cell
// is proven, every primary is safe and nothing the rules suppress is shown.
// When it is false the caller must withhold the family: show nothing of it.
//
// The LP is solved per group of suppressed cells that share relations
// (groups cannot narrow each other), over the suppressed cells only, with
// dependent relations dropped (gonum needs full row rank) and the
// right-hand side scaled to about 1 (gonum's tolerances are absolute). The
// first LP of a group runs gonum's phase I; the basis rebuilt from its
// answer starts every later LP of the group, which the note on statistics
// measured 4-17 times faster. AuditOptions.Workers solves a group's LPs in
// parallel without changing the result.
//
// # Earlier releases
//
// Options.Fixed pins cells to a stored release of the same scope and year:
// KeepSuppressed cells stay suppressed (status Held) whatever they hold
// now, KeepPublished cells are never suppressed as secondaries, and the
// audit reasons with both. A release of a period that was still running
// (the year as of June) showed figures that are no longer cells of the new
// family: add them as extra cells with their relations (the June "year" is
// Q1 + Q2) and fix them too. A released published cell that now holds
// 1..k-1 (a correction) is suppressed and listed in Result.Conflicts, and
// Safe is false: the release and the new pattern cannot both stand, and the
// caller decides (flag the correction, drop the fix). Fixed cells can make
// protection impossible (a published total 5 = 3 + 2); the result is then
// unsafe.
//
// Linked families: a one-way table is the margin of every cross-table with
// the same rows. Publish it from one pattern only: protect the one-way
// family first and fix its pattern into each cross-table's family (or put
// both into one family), never protect them independently.
//
// # Derived figures
//
// Pattern.Share (part / whole, for percentages), PerUnit (averages),
// Magnitude (sums such as persons reached or minutes) and Quantile
// (medians, percentiles) are computed from published cells only and are
// suppressed (Figure.Shown false, Text gives Marker) with any cell they
// rest on. A median or percentile needs at least k values behind it
// (Quantile for figures outside a family). Tabulate a magnitude with the
// pattern of its own counts, never with a pattern of its own.
//
// # Limits
//
// The guarantee is the upper protection level against the linear
// relations of the family as given, with cells known to be integers only
// in that suppressed cells are at least 1: an attacker who also reasons
// with integrality can in principle do slightly better than the LP where
// the LP's vertices are fractional (they are halves in linked
// three-dimensional families). Lower protection is not required and not
// enforced. Zeros hidden by the small-line rule carry no protection level
// of their own: other tables of the family may still show them as 0.
// What is not in the family (other measures, free text, figures computed
// outside this package) is not protected by it.
//
// Costs on the project's 2-core machine are in docs/statistics-engine.md.
package sdc
