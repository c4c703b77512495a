"""Bringing occupations of the US O*NET database into the catalog.

- `release.py` reads the text release (tab-separated files) and checks every row;
- `mapping.py` holds the rules that put O*NET's ratings on our scales (pure Python, no Django);
- `importer.py` is the one write, `onet_occupations_import`, in one transaction;
- `report.py` words what the import changed, for `import_onet` to print.

docs/CATALOG_IMPORT.md explains the import to the people who run it.
"""
