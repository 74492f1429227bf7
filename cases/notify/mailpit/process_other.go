//go:build !linux

package mailpit

import "os/exec"

func dieWithParent(*exec.Cmd) {}
