"""The inspector UI: the only package that imports Flet. ``state`` holds observable state tested
without a page; ``views`` lay out controls and turn events into state calls; ``run`` starts it.
"""
