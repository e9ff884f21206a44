"""GECC field audit: the inspector's offline app (domain, storage, evidence, signing, UI)."""
