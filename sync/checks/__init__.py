"""The rules a signed result must meet, applied alike by the inspector app and the central
store: the protocol's typed documents in, the pure domain's rules applied."""
