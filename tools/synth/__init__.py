"""synthesize: a Gaussian copula over a table, with fidelity and privacy reports."""
