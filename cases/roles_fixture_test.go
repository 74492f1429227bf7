package cases_test

import "neuvo/cases"

var adviserRoles = cases.Roles{cases.RoleAdviser}
