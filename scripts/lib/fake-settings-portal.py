#!/usr/bin/python3
"""A stand-in for the freedesktop settings portal on a private session bus, for tests.

    fake-settings-portal.py CONTROL_FILE [INITIAL]

Owns org.freedesktop.portal.Desktop and answers ReadOne and Read for
org.freedesktop.appearance color-scheme (0 no preference, 1 dark, 2 light; INITIAL defaults
to 2). Writing a number to CONTROL_FILE changes the value and emits SettingChanged. Prints
"ready" once the name is owned.
"""
import os
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

IFACE = "org.freedesktop.portal.Settings"
NS, KEY = "org.freedesktop.appearance", "color-scheme"


class Settings(dbus.service.Object):
    def __init__(self, bus, value):
        super().__init__(bus, "/org/freedesktop/portal/desktop")
        self.value = value

    @dbus.service.method(IFACE, in_signature="ss", out_signature="v")
    def ReadOne(self, namespace, key):
        return self._lookup(namespace, key)

    @dbus.service.method(IFACE, in_signature="ss", out_signature="v")
    def Read(self, namespace, key):
        # The old method wraps the value in one more variant.
        return dbus.types.UInt32(self._lookup(namespace, key), variant_level=1)

    @dbus.service.method(IFACE, in_signature="as", out_signature="a{sa{sv}}")
    def ReadAll(self, namespaces):
        return {NS: {KEY: dbus.types.UInt32(self.value)}}

    @dbus.service.signal(IFACE, signature="ssv")
    def SettingChanged(self, namespace, key, value):
        pass

    def _lookup(self, namespace, key):
        if (namespace, key) != (NS, KEY):
            raise dbus.exceptions.DBusException(
                "org.freedesktop.portal.Error.NotFound", "no such setting")
        return dbus.types.UInt32(self.value)

    def change(self, value):
        self.value = value
        self.SettingChanged(NS, KEY, dbus.types.UInt32(value))


def main():
    control = sys.argv[1]
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    portal = Settings(bus, int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    name = dbus.service.BusName("org.freedesktop.portal.Desktop", bus)
    open(control, "w").close()
    seen = [os.stat(control).st_mtime_ns]

    def poll():
        mtime = os.stat(control).st_mtime_ns
        if mtime != seen[0]:
            seen[0] = mtime
            text = open(control).read().strip()
            if text:
                portal.change(int(text))
        return True

    GLib.timeout_add(100, poll)
    print("ready", flush=True)
    _ = name
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
