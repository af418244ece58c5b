"""What KYRA says: per-language response catalogs, citations, the deployment profile and the NLG."""
