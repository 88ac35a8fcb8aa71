//go:build windows

package safefile

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// makePrivate lets only the user read and write f, as mode 0600 does on
// Unix: Windows keeps no such bits (a mode sets only the read-only flag), so
// the file gets an access list of its own that grants the current user, and
// no one else, full access, and inherits nothing from its folder (a file
// saved on a shared drive or in C:\Users\Public would otherwise be readable
// by everyone there).
func makePrivate(f *os.File) error {
	if err := f.Chmod(0o600); err != nil {
		return err
	}
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return fmt.Errorf("find the current user: %w", err)
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{{
		AccessPermissions: windows.GENERIC_ALL,
		AccessMode:        windows.SET_ACCESS,
		Inheritance:       windows.NO_INHERITANCE,
		Trustee: windows.TRUSTEE{
			TrusteeForm:  windows.TRUSTEE_IS_SID,
			TrusteeType:  windows.TRUSTEE_IS_USER,
			TrusteeValue: windows.TrusteeValueFromSID(user.User.Sid),
		},
	}}, nil)
	if err != nil {
		return fmt.Errorf("make the access list: %w", err)
	}
	// The handle os.OpenFile gives has no WRITE_DAC right; the name does.
	err = windows.SetNamedSecurityInfo(f.Name(), windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, acl, nil)
	// A file system without access lists (FAT or exFAT on a USB stick)
	// lets everyone read every file; there is nothing to restrict there.
	if errors.Is(err, windows.ERROR_NOT_SUPPORTED) || errors.Is(err, windows.ERROR_INVALID_FUNCTION) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("keep %s private: %w", f.Name(), err)
	}
	return nil
}
