package mailpit

import (
	"os/exec"
	"syscall"
)

// dieWithParent ends Mailpit with the process that started it, so a test
// that crashes or a killed `neuvo dev` leaves no catcher behind.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
