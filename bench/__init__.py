"""Benchmarks that print figures (`make bench`, `make loadtest`). Not tests: pytest collects
only tests/. See docs/PERFORMANCE.md for what each one measures."""
