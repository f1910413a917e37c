"""clean_data: detect problems, plan typed steps, apply them as a new table version, write scripts."""
