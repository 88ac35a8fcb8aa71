package remind

import (
	"fmt"

	"github.com/godbus/dbus/v5"
)

// The freedesktop notification service (Desktop Notifications
// Specification): its bus name, object and method.
const (
	notifyName   = "org.freedesktop.Notifications"
	notifyPath   = "/org/freedesktop/Notifications"
	notifyMethod = notifyName + ".Notify"
)

// Notify sends one desktop notification with summary and body through the
// notification service on the session bus ($DBUS_SESSION_BUS_ADDRESS),
// and returns the id the service gave it.
func Notify(summary, body string) (uint32, error) {
	if !Supported() {
		return 0, errUnsupported("send the notification")
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return 0, fmt.Errorf("no session bus to send the notification on: %w", err)
	}
	defer conn.Close()
	var id uint32
	obj := conn.Object(notifyName, notifyPath)
	// app_name, replaces_id, app_icon, summary, body, actions, hints,
	// expire_timeout (-1: the server's default).
	call := obj.Call(notifyMethod, 0, "devpath", uint32(0), "devpath", summary, body,
		[]string{}, map[string]dbus.Variant{}, int32(-1))
	if call.Err != nil {
		return 0, fmt.Errorf("the desktop's notification service did not take the notification: %w", call.Err)
	}
	if err := call.Store(&id); err != nil {
		return 0, fmt.Errorf("the notification service's answer: %w", err)
	}
	return id, nil
}
