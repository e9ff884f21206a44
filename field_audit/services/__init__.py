"""What the inspector UI's committee, sync and certificate screens do to the device, and
(``onsite``) its photos, signing key and seal.

Each "desk" takes the device's parts (database, photo store, exports folder) and offers plain
values in, plain values out; ``field_audit.app.Services`` hands them to the UI. They call the
seal, syncing, storage and evidence layers and never import Flet.
"""
