"""Components that lay out controls and turn events into state calls; no rules live here."""
