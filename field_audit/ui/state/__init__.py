"""Observable state of the inspector UI: methods take plain values; no page needed to test."""
