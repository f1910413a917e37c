"""make_chart: spec -> resolved plan -> aggregated SQL -> matplotlib figure."""
