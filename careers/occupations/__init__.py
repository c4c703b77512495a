"""Occupation facts beside the catalog: O*NET's Job Zones, alternate titles, task statements
and related occupations, and BLS's national employment and wages (`sources.py` reads them,
`loader.py` writes them with the O*NET import's roles). The data the project ships, and how
it is rebuilt, is described in data/README.md."""
